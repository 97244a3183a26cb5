//! The lecture page: one scenario, step by narrated step. Next plays the next step from its
//! start to its end at a readable speed and stops there (the end is exactly the scripted
//! state); Previous goes straight back to the exact end of the step before. Between steps
//! the audience may act on the cluster (which leaves the script until "back to the
//! script"). The link in the address bar follows along.
//!
//! Props: the scenario (`id`, `file`, `text`), the step the link asked for (`start`), a
//! `nonce` that changes whenever a link is followed (the page then starts over from the
//! link), `lang`, `present`, `embed`, and `on_present` (toggle presentation mode).
//!
//! Keys: → / PageDown next, ← / PageUp previous, Home / End first and last step, S skip the
//! animation, P presentation mode, Esc leave it (ignored while typing in a field).
//!
//! DOM contract (tests): `[data-testid=presenter]` with `data-step`, `data-steps` and
//! `data-animating`; buttons `[data-testid=prev|next|skip|replay]`, step buttons
//! `button[data-goto=<k>]`, export buttons `button[data-export=cluster-svg|cluster-png|
//! diagram-svg|diagram-png]`, `button[data-testid=download-scn]`, `[data-testid=notice]`.

use super::actions::Actions;
use super::deep_link::{self, Route};
use super::export;
use super::frames::use_frames;
use super::hook;
use super::narration::{invariant_label, Narration};
use super::sequence::{self, Sequence};
use super::stage::Stage;
use super::strings::{fill, t, L};
use crate::core::Lang;
use crate::viz::deck::{Cmd, Deck, Notice, SPEEDS};
use crate::viz::SceneOptions;
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PresenterProps {
    pub id: AttrValue,
    pub file: AttrValue,
    pub text: AttrValue,
    #[prop_or_default]
    pub start: Option<usize>,
    pub nonce: u32,
    pub lang: Lang,
    #[prop_or_default]
    pub present: bool,
    #[prop_or_default]
    pub embed: bool,
    #[prop_or_default]
    pub on_present: Callback<()>,
}

/// A notice in the page's language.
fn notice_text(n: &Notice, lang: Lang) -> String {
    match n {
        Notice::BadStep { asked, steps } => fill(
            lang,
            L::BadStep,
            &[("k", &asked.to_string()), ("n", &steps.to_string())],
        ),
        Notice::Refused(why) => fill(lang, L::ActionRefused, &[("why", why)]),
        Notice::ExportFailed(why) => fill(lang, L::ExportFailed, &[("why", why)]),
    }
}

fn file_stem(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    base.trim_end_matches(".scn").to_string()
}

/// Maps a key press to a command; `None` for keys lecture mode leaves alone.
fn key_cmd(e: &KeyboardEvent) -> Option<Cmd> {
    if e.ctrl_key() || e.alt_key() || e.meta_key() {
        return None;
    }
    // Keys typed into a field are the field's.
    if let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let kind = el.get_attribute("type").unwrap_or_default();
        if crate::ui::keyboard::is_text_field(&el.tag_name(), &kind)
            || el.has_attribute("contenteditable")
        {
            return None;
        }
    }
    Some(match e.key().as_str() {
        "ArrowRight" | "PageDown" => Cmd::Next,
        "ArrowLeft" | "PageUp" => Cmd::Prev,
        "Home" => Cmd::Goto(0),
        "End" => Cmd::Last,
        "s" | "S" => Cmd::Skip,
        "p" | "P" => Cmd::TogglePresent,
        "Escape" => Cmd::LeavePresent,
        _ => return None,
    })
}

#[component]
pub fn Presenter(props: &PresenterProps) -> Html {
    let lang = props.lang;
    let deck = use_mut_ref(|| Deck::new(crate::ui::i18n::prefers_reduced_motion()));
    let redraw = use_force_update();
    deck.borrow_mut().load(
        &props.id,
        props.nonce,
        &props.file,
        &props.text,
        props.start,
    );

    let dispatch = {
        let (deck, redraw) = (deck.clone(), redraw.clone());
        let on_present = props.on_present.clone();
        let (present, id, file, text) = (
            props.present,
            props.id.clone(),
            props.file.clone(),
            props.text.clone(),
        );
        Callback::from(move |cmd: Cmd| {
            match &cmd {
                Cmd::TogglePresent => on_present.emit(()),
                Cmd::LeavePresent if present => on_present.emit(()),
                Cmd::Export(what) => {
                    let step = deck
                        .borrow()
                        .lecture
                        .as_ref()
                        .map(|l| l.step())
                        .unwrap_or(0);
                    let stem = format!("{}-step{step}", file_stem(id.as_str()).replace(':', "-"));
                    let (sel, name) = match *what {
                        "cluster-svg" | "cluster-png" => (
                            "[data-testid=lecture] svg[data-testid=stage-svg]",
                            "cluster",
                        ),
                        _ => (
                            "[data-testid=lecture] svg[data-testid=sequence-svg]",
                            "sequence",
                        ),
                    };
                    let res = if what.ends_with("svg") {
                        export::export_svg(sel, &format!("{stem}-{name}.svg"))
                    } else {
                        let (deck, redraw) = (deck.clone(), redraw.clone());
                        export::export_png(sel, &format!("{stem}-{name}.png"), move |e| {
                            deck.borrow_mut().notice = Some(Notice::ExportFailed(e.to_string()));
                            redraw.force_update();
                        })
                    };
                    if let Err(e) = res {
                        deck.borrow_mut().notice = Some(Notice::ExportFailed(e.to_string()));
                    }
                }
                Cmd::DownloadScn => {
                    let name = file
                        .rsplit(['/', '\\'])
                        .next()
                        .unwrap_or(file.as_str())
                        .to_string();
                    if let Err(e) = export::download_text(&name, "text/plain;charset=utf-8", &text)
                    {
                        deck.borrow_mut().notice = Some(Notice::ExportFailed(e.to_string()));
                    }
                }
                _ => deck.borrow_mut().run(cmd),
            }
            redraw.force_update();
        })
    };

    // Keys, on the whole document. The listener calls the newest dispatcher.
    let latest = use_mut_ref(|| dispatch.clone());
    *latest.borrow_mut() = dispatch.clone();
    use_effect_with((), {
        let latest = latest.clone();
        move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                let opts = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&doc, "keydown", opts, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if let Some(cmd) = key_cmd(e) {
                        e.prevent_default();
                        let cb = latest.borrow().clone();
                        cb.emit(cmd);
                    }
                })
            });
            move || drop(listener)
        }
    });

    // Animation frames while a step plays or the cluster runs off the script.
    let active = {
        let d = deck.borrow();
        d.anim.is_some() || d.live
    };
    let on_frame = {
        let (deck, redraw) = (deck.clone(), redraw.clone());
        Callback::from(move |dt: f64| {
            deck.borrow_mut().frame(dt);
            redraw.force_update();
        })
    };
    use_frames(active, on_frame);

    // After each render: the link follows along, and the tests see what is shown.
    let pending = use_mut_ref(|| None::<(String, hook::State)>);
    // A scenario not in the library: the link carries its text, so that it opens in any
    // browser (see `deep_link`).
    let link_text = use_memo((props.id.clone(), props.text.clone()), |(id, text)| {
        id.starts_with(deep_link::USER_PREFIX)
            .then(|| deep_link::text_param(text))
    });
    {
        let pending = pending.clone();
        use_effect(move || {
            if let Some((hash, state)) = pending.borrow_mut().take() {
                deep_link::replace_hash(&hash);
                hook::publish(Some(&state));
            }
        });
    }

    let d = deck.borrow();
    let lec = match &d.lecture {
        Ok(l) => l,
        Err(e) => {
            return html! {
                <div class="lec-presenter lec-broken" data-testid="presenter">
                    <div class="lec-load-error" data-testid="load-error" role="alert">
                        <p><strong>{ t(lang, L::LoadError) }</strong></p>
                        <pre class="lec-pretty">{ e }</pre>
                    </div>
                </div>
            };
        }
    };
    // The sequence diagram's time axis ends where the step being shown ends.
    let now = lec.view().now();
    let (from, to) = sequence::axis(now, d.anim.as_ref().map_or(now, |a| a.end));
    let scene = Rc::new(lec.view().scene(SceneOptions {
        lang,
        feed: 0,
        window: now.saturating_sub(from) + 1,
        ..SceneOptions::default()
    }));
    let step_start = lec
        .step_span()
        .filter(|(s, e)| e > s && !lec.off_script())
        .map(|(s, _)| s);
    let step = lec.step();
    let steps = lec.step_count();
    let animating = d.anim.is_some();
    let off_script = lec.off_script();
    let all_checks = lec.checks();
    let current = lec.step_checks();
    let earlier = all_checks.iter().filter(|c| c.step < step);
    let earlier = (earlier.clone().filter(|c| c.ok).count(), earlier.count());
    let violation = scene
        .violation
        .as_ref()
        .map(|v| invariant_label(&v.invariant, lang));

    {
        let route = Route {
            scenario: Some(props.id.to_string()),
            step: Some(step),
            lang: Some(lang),
            present: props.present,
            embed: props.embed,
            text: (*link_text).clone(),
        };
        let state = hook::State {
            scenario: props.id.to_string(),
            step,
            steps,
            lang: super::strings::code(lang),
            animating,
            off_script,
            present: props.present,
            embed: props.embed,
            hash: hook::hex(lec.view().trace_hash()),
            script_hash: hook::hex(lec.script_hash()),
            time: scene.time,
            nodes: hook::nodes(&scene),
            checks: hook::Checks {
                passed: all_checks.iter().filter(|c| c.ok).count(),
                failed: all_checks.iter().filter(|c| !c.ok).count(),
            },
            caption: lec.caption(lang),
        };
        *pending.borrow_mut() = Some((deep_link::format(&route), state));
    }

    let cmd = |c: Cmd| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(c.clone()))
    };
    let on_back = {
        let dispatch = dispatch.clone();
        Callback::from(move |()| dispatch.emit(Cmd::Back))
    };
    let on_node = {
        let dispatch = dispatch.clone();
        Callback::from(move |i| dispatch.emit(Cmd::Node(i)))
    };
    let on_message = {
        let dispatch = dispatch.clone();
        Callback::from(move |id| dispatch.emit(Cmd::Message(id)))
    };
    let on_act = {
        let dispatch = dispatch.clone();
        Callback::from(move |a| dispatch.emit(Cmd::Act(a)))
    };
    let on_close = {
        let dispatch = dispatch.clone();
        Callback::from(move |()| dispatch.emit(Cmd::Deselect))
    };
    let on_speed = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<f64>().ok())
            {
                dispatch.emit(Cmd::Speed(s));
            }
        })
    };
    let stage_click = cmd(Cmd::Deselect);
    let present = props.present;
    let embed = props.embed;

    let step_buttons = (0..=steps).map(|k| {
        let label = if k == 0 { "0".to_string() } else { k.to_string() };
        let title = if k == 0 {
            t(lang, L::Intro).to_string()
        } else {
            fill(lang, L::StepOf, &[("k", &k.to_string()), ("n", &steps.to_string())])
        };
        html! {
            <button key={k} class={classes!("lec-dot", (k == step).then_some("lec-current"), (k < step).then_some("lec-done"))}
                    data-goto={k.to_string()} title={title.clone()} aria-label={title}
                    aria-current={(k == step).then_some("step")} onclick={cmd(Cmd::Goto(k))}>
                { label }
            </button>
        }
    });

    let tools = (!present && !embed).then(|| {
        html! {
            <div class="lec-tools" data-testid="tools">
                <span class="lec-tools-label">{ t(lang, L::Export) }</span>
                <button data-export="cluster-svg" onclick={cmd(Cmd::Export("cluster-svg"))}>{ t(lang, L::ExportClusterSvg) }</button>
                <button data-export="cluster-png" onclick={cmd(Cmd::Export("cluster-png"))}>{ t(lang, L::ExportClusterPng) }</button>
                <button data-export="diagram-svg" onclick={cmd(Cmd::Export("diagram-svg"))}>{ t(lang, L::ExportDiagramSvg) }</button>
                <button data-export="diagram-png" onclick={cmd(Cmd::Export("diagram-png"))}>{ t(lang, L::ExportDiagramPng) }</button>
                <button data-testid="download-scn" onclick={cmd(Cmd::DownloadScn)}>{ t(lang, L::DownloadScn) }</button>
                <span class="lec-keys">{ t(lang, L::KeysHelp) }</span>
            </div>
        }
    });

    html! {
        <div class={classes!("lec-presenter", present.then_some("lec-present"), embed.then_some("lec-embed"))}
             data-testid="presenter" data-step={step.to_string()} data-steps={steps.to_string()}
             data-animating={animating.to_string()} data-off-script={off_script.to_string()}>
            <div class="lec-stage-wrap" onclick={stage_click}>
                <Stage scene={scene.clone()} {lang} selected_node={d.node} selected_msg={d.msg}
                       {on_node} {on_message} big={present} />
            </div>
            <div class="lec-side">
                <Narration {lang} {step} {steps} caption={lec.caption(lang)} checks={current}
                           {earlier} {off_script} {on_back} {violation} {animating} />
                if let Some(n) = &d.notice {
                    <p class="lec-notice" data-testid="notice" role="status">{ notice_text(n, lang) }</p>
                }
                if !embed {
                    <Actions scene={scene.clone()} {lang} node={d.node} message={d.msg}
                             next_value={format!("v{}", d.clients + 1)} {on_act} {on_close}
                             compact={present} />
                    <div class="lec-diagram">
                        <h3>{ t(lang, L::SequenceTitle) }</h3>
                        <Sequence scene={scene.clone()} {from} {to} {step_start} {lang} big={present} />
                    </div>
                }
            </div>
            <nav class="lec-controls" aria-label={t(lang, L::LectureMode)}>
                <button class="lec-prev" data-testid="prev" onclick={cmd(Cmd::Prev)}
                        disabled={step == 0 && !off_script && !animating}
                        title={t(lang, L::PrevAria)} aria-label={t(lang, L::PrevAria)}>
                    { format!("◀ {}", t(lang, L::Prev)) }
                </button>
                <div class="lec-dots" role="group">{ for step_buttons }</div>
                <button class="lec-next" data-testid="next" onclick={cmd(Cmd::Next)}
                        disabled={step >= steps}
                        title={t(lang, L::NextAria)} aria-label={t(lang, L::NextAria)}>
                    { format!("{} ▶", t(lang, L::Next)) }
                </button>
                <button class="lec-skip" data-testid="skip" onclick={cmd(Cmd::Skip)} disabled={!animating}>
                    { t(lang, L::Skip) }
                </button>
                if !present && !embed {
                    <button class="lec-replay" data-testid="replay" onclick={cmd(Cmd::Replay)}
                            disabled={step == 0}>
                        { t(lang, L::Replay) }
                    </button>
                    <label class="lec-speed">
                        { t(lang, L::Speed) }
                        <select onchange={on_speed}>
                            { for SPEEDS.iter().map(|&s| html! {
                                <option value={s.to_string()} selected={(d.speed - s).abs() < 1e-9}>
                                    { format!("{s}×") }
                                </option>
                            }) }
                        </select>
                    </label>
                }
                if off_script {
                    <button class="lec-play" data-testid="play" onclick={cmd(Cmd::TogglePlay)}>
                        { t(lang, if d.live { L::Pause } else { L::Play }) }
                    </button>
                }
            </nav>
            { for tools }
        </div>
    }
}
