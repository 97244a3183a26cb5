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
use crate::core::{Lang, Time};
use crate::sim::Action;
use crate::viz::lecture::Lecture;
use crate::viz::SceneOptions;
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Cluster time per millisecond on screen at 1× (50 ms of cluster time per second: a
/// message with 10–20 ms of latency takes a fifth to two fifths of a second to cross).
const BASE_RATE: f64 = 50.0;
/// The longest a step's animation takes at any speed, in ms on screen.
const MAX_ANIMATION_MS: f64 = 8_000.0;
/// The speeds offered.
const SPEEDS: [f64; 4] = [0.5, 1.0, 2.0, 4.0];

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

/// A step being played from its start to its end.
struct Anim {
    end: Time,
    pos: f64,
    /// Cluster µs per ms on screen.
    rate: f64,
    /// The rate that plays the whole step in [`MAX_ANIMATION_MS`].
    min_rate: f64,
}

/// Everything the page changes as it is used.
struct Deck {
    /// What the deck was built from: (id, nonce, hash of the text).
    key: Option<(String, u32, u64)>,
    lecture: Result<Lecture, String>,
    anim: Option<Anim>,
    /// Off the script: the cluster runs on its own while this is set.
    live: bool,
    speed: f64,
    node: Option<usize>,
    msg: Option<u64>,
    clients: u32,
    notice: Option<String>,
    /// The reader asked for reduced motion: a step jumps to its end instead of playing.
    reduced: bool,
}

impl Default for Deck {
    fn default() -> Self {
        Deck {
            key: None,
            lecture: Err(String::new()),
            anim: None,
            live: false,
            speed: 1.0,
            node: None,
            msg: None,
            clients: 0,
            notice: None,
            reduced: crate::ui::i18n::prefers_reduced_motion(),
        }
    }
}

/// What the controls, the keys and the stage ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Cmd {
    Next,
    Prev,
    Goto(usize),
    Last,
    Skip,
    Replay,
    Back,
    TogglePlay,
    Act(Action),
    Node(usize),
    Message(u64),
    Deselect,
    Speed(f64),
    Export(&'static str),
    DownloadScn,
    TogglePresent,
    LeavePresent,
}

impl Deck {
    fn load(&mut self, props: &PresenterProps, lang: Lang) {
        let key = (props.id.to_string(), props.nonce, text_hash(&props.text));
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.key = Some(key);
        self.anim = None;
        self.live = false;
        self.node = None;
        self.msg = None;
        self.notice = None;
        self.lecture = Lecture::new(&props.file, &props.text).map_err(|e| e.pretty());
        if let (Ok(lec), Some(k)) = (&mut self.lecture, props.start) {
            let n = lec.step_count();
            if k > n {
                self.notice = Some(fill(
                    lang,
                    L::BadStep,
                    &[("k", &k.to_string()), ("n", &n.to_string())],
                ));
            }
            lec.goto(k.min(n));
        }
    }

    /// Plays the current step from its start (nothing to play for a step that takes no
    /// time); with reduced motion, shows its end at once.
    fn animate(&mut self) {
        self.anim = None;
        let (speed, reduced) = (self.speed, self.reduced);
        let Ok(lec) = &mut self.lecture else { return };
        if let Some((start, end)) = lec.step_span() {
            if end > start && reduced {
                lec.animate_to(end);
            } else if end > start {
                lec.view_mut().seek_time(start);
                let min_rate = (end - start) as f64 / MAX_ANIMATION_MS;
                self.anim = Some(Anim {
                    end,
                    pos: start as f64,
                    rate: (BASE_RATE * speed).max(min_rate),
                    min_rate,
                });
            }
        }
    }

    fn skip(&mut self) {
        if let (Some(a), Ok(lec)) = (self.anim.take(), &mut self.lecture) {
            lec.animate_to(a.end);
        }
    }

    fn frame(&mut self, dt: f64) {
        let speed = self.speed;
        let Ok(lec) = &mut self.lecture else { return };
        if let Some(a) = &mut self.anim {
            a.pos += dt * a.rate;
            if a.pos >= a.end as f64 {
                let end = a.end;
                self.anim = None;
                lec.animate_to(end);
            } else {
                let t = a.pos as Time;
                lec.animate_to(t);
            }
        } else if self.live {
            let t = lec.view().now() + (dt * BASE_RATE * speed) as Time;
            lec.view_mut().advance_to(t);
        }
    }

    fn moved(&mut self) {
        self.live = false;
        self.node = None;
        self.msg = None;
        self.notice = None;
    }

    fn run(&mut self, cmd: Cmd, lang: Lang) {
        let Ok(lec) = &mut self.lecture else { return };
        match cmd {
            Cmd::Next => {
                if lec.next() {
                    self.moved();
                    self.animate();
                }
            }
            Cmd::Prev => {
                if lec.step() > 0 || lec.off_script() || self.anim.is_some() {
                    if lec.step() > 0 {
                        lec.prev();
                    } else {
                        lec.goto(0);
                    }
                    self.anim = None;
                    self.moved();
                }
            }
            Cmd::Goto(k) => {
                lec.goto(k.min(lec.step_count()));
                self.anim = None;
                self.moved();
            }
            Cmd::Last => {
                let n = lec.step_count();
                lec.goto(n);
                self.anim = None;
                self.moved();
            }
            Cmd::Skip => self.skip(),
            Cmd::Replay => {
                if lec.off_script() {
                    lec.back_to_script();
                }
                self.moved();
                self.animate();
            }
            Cmd::Back => {
                lec.back_to_script();
                self.anim = None;
                self.moved();
            }
            Cmd::TogglePlay => {
                if lec.off_script() {
                    self.live = !self.live;
                }
            }
            Cmd::Act(action) => {
                self.skip();
                let Ok(lec) = &mut self.lecture else { return };
                if matches!(action, Action::Client { .. }) {
                    self.clients += 1;
                }
                match lec.act(action) {
                    Ok(()) => {
                        self.live = true;
                        self.notice = None;
                        // A dropped or delivered message is gone; deselect it.
                        self.msg = None;
                    }
                    Err(why) => {
                        self.notice = Some(fill(lang, L::ActionRefused, &[("why", &why)]));
                    }
                }
            }
            Cmd::Node(i) => {
                self.node = if self.node == Some(i) { None } else { Some(i) };
                self.msg = None;
            }
            Cmd::Message(id) => {
                self.msg = if self.msg == Some(id) { None } else { Some(id) };
                self.node = None;
            }
            Cmd::Deselect => {
                self.node = None;
                self.msg = None;
            }
            Cmd::Speed(s) => {
                self.speed = s;
                if let Some(a) = &mut self.anim {
                    a.rate = (BASE_RATE * s).max(a.min_rate);
                }
            }
            Cmd::Export(_) | Cmd::DownloadScn | Cmd::TogglePresent | Cmd::LeavePresent => {}
        }
    }
}

/// FNV-1a of a scenario's text: a reloaded scenario with the same name is noticed.
fn text_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
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
    let deck = use_mut_ref(Deck::default);
    let redraw = use_force_update();
    deck.borrow_mut().load(props, lang);

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
                            deck.borrow_mut().notice =
                                Some(fill(lang, L::ExportFailed, &[("why", &e)]));
                            redraw.force_update();
                        })
                    };
                    if let Err(e) = res {
                        deck.borrow_mut().notice =
                            Some(fill(lang, L::ExportFailed, &[("why", &e)]));
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
                        deck.borrow_mut().notice =
                            Some(fill(lang, L::ExportFailed, &[("why", &e)]));
                    }
                }
                _ => deck.borrow_mut().run(cmd, lang),
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
                    <p class="lec-notice" data-testid="notice" role="status">{ n }</p>
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
