//! The root component: owns the [`Model`], runs the animation loop while playing (and only
//! then), listens to the keyboard and to the tab's visibility, keeps the share link in the
//! address bar, installs the test hook, and lays out the panels.

use super::animation::use_animation_frames;
use super::components::{
    ClusterForm, Controls, Details, Feed, Header, Help, Inspector, Invariants, Legend, LogMeta,
    Logs, Network, NodeMenu, Panel, Partition, Ring, SpaceTime,
};
use super::i18n::{self, t, Key};
use super::keyboard;
use super::motion_bus::{now_ms, MotionBus};
use super::testhook::{self, Apply, FrameStats};
use super::url;
use crate::core::{Lang, ProtocolKind, Time};
use crate::viz::explorer::{Effects, Model, Msg, Notice, Tab};
use crate::viz::Spec;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The longest real-time step one animation frame may take, in ms (a tab that was in the
/// background resumes where it was instead of jumping ahead).
const MAX_FRAME_MS: f64 = 100.0;

/// While playing, or after a move in time, how long the share link waits for more changes
/// before it is rewritten (ms): a burst of actions, or a dragged time slider, costs one
/// encoding of the session and one history entry rewrite, not one each (with 600 actions
/// in the link, a rewrite took ~1.3 ms of every seek). Any other change while paused
/// rewrites it at once.
const URL_DEBOUNCE_MS: u32 = 300;

/// Lays the page out right after the render that a change while paused (a seek, a step, an
/// action) causes, in the same task: the browser would do it at the start of the next
/// frame, up to a frame later, and by then the time between the change and its frame is
/// spent waiting for that frame. Reading the page's height does it (whatever the render and
/// its effects changed, in one layout), from a microtask queued after the render's; the
/// frame then only paints. While playing, changes render within a frame, and this is only
/// done for the feed's turn (`viz::explorer::Turn`), in its own task between frames.
fn lay_out_soon() {
    yew::platform::spawn_local(async {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.scroll_height();
        }
    });
}

/// A timer that runs `f` after `ms`. Boxed, so that every timer of the app shares one
/// binding to the browser's (each closure type would add its own to the page).
fn after(ms: u32, f: impl FnOnce() + 'static) -> Timeout {
    let f: Box<dyn FnOnce()> = Box::new(f);
    Timeout::new(ms, f)
}

/// Carries out what the model cannot do itself. `pending` holds the scheduled rewrite of
/// the share link (replacing it cancels the previous one).
fn perform(model: &Rc<RefCell<Model>>, fx: &Effects, pending: &RefCell<Option<Timeout>>) {
    if fx.lang {
        let l = model.borrow().lang;
        i18n::store_lang(l);
        i18n::apply_lang(l);
    }
    if fx.write_url {
        if fx.moved || model.borrow().playing {
            let m = model.clone();
            *pending.borrow_mut() = Some(after(URL_DEBOUNCE_MS, move || {
                url::write_share(&m.borrow().cluster.share())
            }));
        } else {
            // Paused: the link is right at once (and a pending rewrite is dropped).
            pending.borrow_mut().take();
            url::write_share(&model.borrow().cluster.share());
        }
    }
}

/// The callbacks handed to panels, made once so that their props compare equal.
struct Callbacks {
    apply: Apply,
    dispatch: Callback<Msg>,
    seek: Callback<Time>,
    hover: Callback<Option<u64>>,
    select: Callback<u64>,
    drop: Callback<u64>,
    close_inspector: Callback<()>,
    copy: Callback<()>,
    export: Callback<()>,
}

/// "Raft · 5 nodes · seed 1 · PreVote", in the interface language.
fn summary(spec: &Spec, lang: Lang) -> String {
    let mut parts = vec![
        match spec.protocol {
            ProtocolKind::Paxos if spec.multi => "Multi-Paxos".to_string(),
            p => p.title().to_string(),
        },
        format!("{} {}", spec.nodes, t(lang, Key::NodesWord)),
        format!("{} {}", t(lang, Key::Seed), spec.seed),
    ];
    let opts: Vec<&str> = if spec.protocol == ProtocolKind::Raft {
        [
            (spec.pre_vote, Key::PreVote),
            (spec.check_quorum, Key::CheckQuorum),
            (spec.noop, Key::Noop),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, k)| t(lang, *k))
        .collect()
    } else if spec.backoff {
        vec![t(lang, Key::Backoff)]
    } else {
        Vec::new()
    };
    if !opts.is_empty() {
        parts.push(crate::glossary::list(&opts, lang));
    }
    parts.join(" · ")
}

#[component]
pub fn App() -> Html {
    let model = use_mut_ref(|| {
        let lang = i18n::load_lang();
        i18n::apply_lang(lang);
        let mut m = Model::start(url::share_from_location().as_deref(), lang);
        if i18n::prefers_reduced_motion() {
            // Messages jump instead of flying; nothing plays until the reader asks.
            super::components::ring_paint::set_reduced_motion(true);
            m.prefer_reduced_motion();
        }
        m
    });
    let redraw = use_force_update();
    // The per-frame path: painters draw each frame's motion without a render.
    let bus = use_memo((), {
        let model = model.clone();
        move |_| {
            let bus = MotionBus::default();
            let m = model.borrow();
            bus.set(m.motion.clone(), &m.scene);
            drop(m);
            bus
        }
    });
    let frames: Rc<RefCell<FrameStats>> = use_mut_ref(FrameStats::default);
    // When the frame being drawn started (ms), for the frame-time statistics.
    let frame_start: Rc<RefCell<Option<f64>>> = use_mut_ref(|| None);
    // The feed's turn, asked for by a frame (see `viz::explorer::Turn`).
    let feed_task: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);

    let cbs = use_memo((), {
        let (model, redraw, bus) = (model.clone(), redraw.clone(), bus.clone());
        move |_| {
            let (m, r) = (model.clone(), redraw.clone());
            let copy = Callback::from(move |()| {
                let text = m.borrow().cluster.share();
                url::write_share(&text);
                let ok = url::copy_to_clipboard(&url::share_url(&text));
                let lang = m.borrow().lang;
                m.borrow_mut().notice = Some(Notice {
                    error: !ok,
                    text: t(lang, if ok { Key::LinkCopied } else { Key::CopyFailed }).into(),
                });
                r.force_update();
            });
            let (m, r) = (model.clone(), redraw.clone());
            let export = Callback::from(move |()| {
                let (text, name, lang) = {
                    let m = m.borrow();
                    let spec = m.cluster.spec();
                    (
                        m.cluster.share(),
                        format!(
                            "quorumscope-{}-{}n-seed{}.{}",
                            spec.protocol,
                            spec.nodes,
                            spec.seed,
                            url::EXTENSION
                        ),
                        m.lang,
                    )
                };
                if let Err(e) = url::download(&name, &url::export_text(&text)) {
                    m.borrow_mut().notice = Some(Notice {
                        error: true,
                        text: format!("{} {e}", t(lang, Key::ExportFailed)),
                    });
                    r.force_update();
                }
            });
            let pending: RefCell<Option<Timeout>> = RefCell::new(None);
            let apply: Apply = Rc::new(move |msg: Msg| {
                let fx = model.borrow_mut().update(msg);
                perform(&model, &fx, &pending);
                let m = model.borrow();
                bus.set(m.motion.clone(), &m.scene);
                drop(m);
                if fx.motion_only {
                    // Only the clock moved: the painters draw it, nothing is rendered.
                    bus.paint_frame();
                } else if !fx.deferred {
                    redraw.force_update();
                    if fx.lay_out || !model.borrow().playing {
                        lay_out_soon();
                    }
                }
                fx
            });
            let a = apply.clone();
            let dispatch = Callback::from(move |m: Msg| {
                a(m);
            });
            let d = dispatch.clone();
            Callbacks {
                seek: dispatch.reform(Msg::Seek),
                hover: dispatch.reform(Msg::HoverMessage),
                select: dispatch.reform(|id| Msg::PinMessage(Some(id))),
                drop: dispatch.reform(Msg::DropMessage),
                close_inspector: d.reform(|()| Msg::PinMessage(None)),
                copy,
                export,
                apply,
                dispatch,
            }
        }
    });
    let dispatch = cbs.dispatch.clone();

    // The animation loop: only while playing (no frame is requested while paused).
    let playing = model.borrow().playing;
    let on_frame = {
        let (apply, frame_start, frames) = (cbs.apply.clone(), frame_start.clone(), frames.clone());
        let feed_task = feed_task.clone();
        Callback::from(move |dt: f64| {
            let t0 = now_ms();
            let fx = apply(Msg::Frame(dt));
            if fx.feed_soon {
                // A task after this frame: its render and layout then, its paint next frame.
                let apply = apply.clone();
                *feed_task.borrow_mut() = Some(after(0, move || {
                    apply(Msg::FeedTurn);
                }));
            }
            let mut frames = frames.borrow_mut();
            frames.record_update(now_ms() - t0);
            if fx.motion_only {
                // Already drawn (no render follows).
                frames.record(now_ms() - t0);
            } else {
                *frame_start.borrow_mut() = Some(t0);
            }
        })
    };
    use_animation_frames(playing, MAX_FRAME_MS, on_frame);
    {
        // After every render: the painters that did not draw this motion yet draw it, and
        // how long the frame took (update + render + paint).
        let (frame_start, frames, bus) = (frame_start.clone(), frames.clone(), bus.clone());
        use_effect(move || {
            bus.paint();
            if let Some(t0) = frame_start.borrow_mut().take() {
                frames.borrow_mut().record(now_ms() - t0);
            }
        });
    }

    // Document-wide listeners and the test hook, for the app's lifetime.
    {
        let (model, apply, dispatch, frames) = (
            model.clone(),
            cbs.apply.clone(),
            dispatch.clone(),
            frames.clone(),
        );
        use_effect_with((), move |_| {
            let doc = gloo::utils::document();
            let d = dispatch.clone();
            let active = EventListenerOptions::enable_prevent_default();
            let keys = EventListener::new_with_options(&doc, "keydown", active, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let key = e.key();
                let target = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                let in_field = target.as_ref().is_some_and(|el| {
                    let kind = el.get_attribute("type").unwrap_or_default();
                    keyboard::is_text_field(&el.tag_name(), &kind)
                        || el.has_attribute("contenteditable")
                });
                if in_field && key != "Escape" {
                    return;
                }
                // Enter keeps activating the focused control (a button, a node, a chip);
                // every other shortcut works wherever the focus is (a slider, a button).
                if key == "Enter" {
                    return;
                }
                let modifier = e.ctrl_key() || e.alt_key() || e.meta_key();
                if let Some(msg) = keyboard::command(&key, e.shift_key(), modifier) {
                    e.prevent_default();
                    d.emit(msg);
                }
            });
            let d = dispatch.clone();
            let visibility = EventListener::new(&doc, "visibilitychange", move |_| {
                d.emit(Msg::Hidden(gloo::utils::document().hidden()));
            });
            let m = model.clone();
            let d = dispatch.clone();
            let hash = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                if let Some(text) = url::share_from_location() {
                    let same = m.borrow().cluster.share() == text;
                    if !same {
                        d.emit(Msg::LoadShare(text));
                    }
                }
            });
            let hook = testhook::install(model.clone(), apply, frames);
            // A shared session opens paused: its link is already right. A fresh one gets its
            // link on the first pause or action.
            move || {
                drop((keys, visibility, hash, hook));
            }
        });
    }

    let m = model.borrow();
    let lang = m.lang;
    let scene = m.scene.clone();
    let spec = m.spec.clone();
    let protocol = scene.protocol;
    let leader = m.leader();

    let menu = m.menu.clone().map(|menu| {
        html! { <NodeMenu menu={menu} scene={scene.clone()} lang={lang} dispatch={dispatch.clone()} /> }
    });
    let notice = m.notice.clone().map(|Notice { error, text }| {
        let d = dispatch.clone();
        html! {
            <div class={classes!("notice", error.then_some("error"))} role={if error { "alert" } else { "status" }}
                 data-testid="notice">
                <span class="notice-text">{ text }</span>
                <button type="button" class="notice-close" aria-label={t(lang, Key::Dismiss)}
                        onclick={Callback::from(move |_: MouseEvent| d.emit(Msg::Dismiss))}>{ "×" }</button>
            </div>
        }
    });
    let inspected = m.inspected();
    let inspector_selected = inspected.and_then(|id| m.cluster.message_fields(id).map(|f| (id, f)));
    // Drop only what is still in flight (the diagram's arrows can show delivered ones).
    let can_drop = inspected.is_some_and(|id| m.motion.messages.iter().any(|x| x.id == id));
    let selected_node = m.selected.and_then(|i| scene.nodes.get(i).cloned());

    // The logs panel follows its own copy of the scene (see `viz::explorer::Turn`).
    let log_meta = LogMeta::of(&m.logs_scene, m.names.clone());

    let tab_button = |tab: Tab, key: Key, id: &'static str| {
        let d = dispatch.clone();
        let on = m.tab == tab;
        html! {
            <button type="button" role="tab" class={classes!("tab", on.then_some("active"))}
                    aria-selected={on.to_string()} data-testid={id}
                    onclick={Callback::from(move |_: MouseEvent| d.emit(Msg::SetTab(tab)))}>
                { t(lang, key) }
            </button>
        }
    };
    let tab_body = match m.tab {
        Tab::Node => html! {
            <>
                <Details node={selected_node} names={m.names.clone()}
                         lang={lang} dispatch={dispatch.clone()} />
                <div id="inspector" class="inspector-slot">
                    <Inspector selected={inspector_selected} on_drop={cbs.drop.clone()}
                               on_close={cbs.close_inspector.clone()} lang={lang} {can_drop} />
                </div>
            </>
        },
        Tab::Network => html! {
            <>
                <h3 class="sub-title">{ t(lang, Key::NetworkTitle) }</h3>
                <Network loss={scene.loss} duplicate={scene.duplicate} reorder={scene.reorder}
                         latency={scene.latency} lang={lang} dispatch={dispatch.clone()} />
                <h3 class="sub-title">{ t(lang, Key::PartitionTitle) }</h3>
                <Partition names={m.names.clone()} groups={scene.groups.clone()}
                           cut_links={scene.cut.len()} leader={leader} lang={lang}
                           dispatch={dispatch.clone()} />
            </>
        },
        Tab::Cluster => html! {
            <ClusterForm spec={spec.clone()} lang={lang} dispatch={dispatch.clone()} />
        },
    };

    html! {
        <ContextProvider<Lang> context={lang}>
            <div class="app" data-testid="app" data-protocol={protocol.name()}
                 data-playing={m.playing.to_string()}>
                <Header lang={lang} summary={summary(&spec, lang)} protocol={protocol}
                        dispatch={dispatch.clone()} on_copy={cbs.copy.clone()}
                        on_export={cbs.export.clone()} />
                { notice }
                <main class="layout">
                    <Panel title={t(lang, Key::RingTitle)} area="ring">
                        <Ring scene={scene.clone()} bus={(*bus).clone()} lang={lang} selected={m.selected}
                              inspected={inspected} dispatch={dispatch.clone()}>
                            { menu }
                        </Ring>
                        <Legend lang={lang} protocol={protocol} />
                    </Panel>
                    <Panel title={t(lang, Key::SpaceTimeTitle)} area="spacetime-panel">
                        <div id="spacetime" class="spacetime-slot">
                            <SpaceTime scene={scene.clone()} bus={(*bus).clone()} names={m.names.clone()}
                                       on_seek={cbs.seek.clone()} on_select={cbs.select.clone()}
                                       on_hover={cbs.hover.clone()} selected={inspected} lang={lang}
                                       window={crate::viz::timescale::diagram_window(m.speed())} />
                        </div>
                    </Panel>
                    <Panel title={t(lang, Key::ControlsTitle)} area="controls">
                        <Controls playing={m.playing} bus={(*bus).clone()}
                                  speed_exp={m.speed_exp} lang={lang}
                                  dispatch={dispatch.clone()} />
                    </Panel>
                    <Panel title={t(lang, Key::LogsTitle)} area="logs">
                        <Logs window={m.logs.clone()} meta={log_meta} view={m.log_view} lang={lang}
                              dispatch={dispatch.clone()} />
                    </Panel>
                    <aside class="side-col">
                        <section class="panel area-side" data-testid="side">
                            <div class="tabs" role="tablist" aria-label={t(lang, Key::SideTabs)}>
                                { tab_button(Tab::Node, Key::TabNode, "tab-node") }
                                { tab_button(Tab::Network, Key::TabNetwork, "tab-network") }
                                { tab_button(Tab::Cluster, Key::TabCluster, "tab-cluster") }
                            </div>
                            <div class="tab-body" role="tabpanel">{ tab_body }</div>
                        </section>
                        <Panel title={t(lang, Key::InvariantsTitle)} area="invariants">
                            <div id="invariants">
                                <Invariants scene={scene.clone()} lang={lang} on_seek={cbs.seek.clone()} />
                            </div>
                        </Panel>
                        <Panel title={t(lang, Key::EventsTitle)} area="events">
                            <div id="feed" class="feed-slot">
                                <Feed scene={m.feed_scene.clone()} on_seek={cbs.seek.clone()} lang={lang} playing={m.playing} />
                            </div>
                        </Panel>
                    </aside>
                </main>
                if m.help {
                    <Help lang={lang} dispatch={dispatch.clone()} />
                }
            </div>
        </ContextProvider<Lang>>
    }
}
