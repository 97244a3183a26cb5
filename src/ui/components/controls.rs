//! The time bar: play / pause, one event back or forward, the time slider over the whole run
//! (exact in both directions: the viz layer seeks), the clock, the playback speed (log
//! scale, real time down to 1/1000). The slider and the clock follow the motion through the
//! bus (see [`crate::ui::motion_bus`]) at the panels' pace: a text that changed costs the
//! page a layout and a paint, which the frames in between are spared.

use crate::core::Fixed;
use crate::core::{fmt_time, Lang, Time};
use crate::ui::i18n::{t, Key};
use crate::ui::motion_bus::{use_paced_painter, MotionBus, Pace};
use crate::viz::explorer::{Msg, SPEED_MAX_EXP, SPEED_MIN_EXP};
use crate::viz::prefs::speed_text;
use crate::viz::Motion;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub playing: bool,
    /// The clock and the slider's position come from here.
    pub bus: MotionBus,
    pub speed_exp: f64,
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

/// The speed as people say it: "1/20×", "1/1.5×", "real time" ([`speed_text`]).
pub fn speed_label(exp: f64, lang: Lang) -> String {
    speed_text(exp).unwrap_or_else(|| t(lang, Key::RealTime).to_string())
}

/// The elements that follow the clock.
#[derive(Clone, Default, PartialEq)]
struct Clock {
    slider: NodeRef,
    time: NodeRef,
    horizon: NodeRef,
    events: NodeRef,
}

/// Sets `el`'s text to `text` unless it already reads so (no layout for nothing).
fn set_text(el: &NodeRef, text: &str) {
    if let Some(el) = el.cast::<web_sys::Element>() {
        if el.text_content().as_deref() != Some(text) {
            el.set_text_content(Some(text));
        }
    }
}

/// Moves the slider and the clock to `m`'s moment.
fn show(c: &Clock, m: &Motion) {
    let horizon = m.horizon.max(m.time);
    if let Some(s) = c.slider.cast::<web_sys::Element>() {
        if let Ok(input) = s.dyn_into::<HtmlInputElement>() {
            // The slider needs a non-empty range, even at time 0.
            let max = horizon.max(1).to_string();
            if input.max() != max {
                input.set_max(&max);
            }
            let v = m.time.to_string();
            if input.value() != v {
                input.set_value(&v);
                let _ = input.set_attribute("aria-valuetext", &fmt_time(m.time));
            }
        }
    }
    set_text(&c.time, &fmt_time(m.time));
    set_text(&c.horizon, &fmt_time(horizon));
    set_text(&c.events, &m.events.to_string());
}

#[component]
pub fn Controls(p: &ControlsProps) -> Html {
    let lang = p.lang;
    let d = &p.dispatch;
    let clock = use_memo((), |_| Clock::default());
    {
        let clock = clock.clone();
        use_paced_painter(&p.bus, Rc::new(move |m| show(&clock, m)), Pace::Panels);
    }
    let send = |m: Msg| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(m.clone()))
    };
    let dd = d.clone();
    let on_seek = Callback::from(move |e: InputEvent| {
        if let Some(v) = super::input_number(&e) {
            dd.emit(Msg::Seek(v.max(0.0) as Time));
        }
    });
    let dd = d.clone();
    let on_speed = Callback::from(move |e: InputEvent| {
        if let Some(v) = super::input_number(&e) {
            dd.emit(Msg::SetSpeed(v));
        }
    });
    let play_label = t(lang, if p.playing { Key::Pause } else { Key::Play });
    html! {
        <div class="timebar" role="group" aria-label={t(lang, Key::TimeControls)}>
            <div class="transport">
                <button type="button" class="icon-button" data-testid="step-back"
                        aria-label={t(lang, Key::StepBack)} title={format!("{} (←)", t(lang, Key::StepBack))}
                        onclick={send(Msg::StepBack)}>
                    <svg viewBox="0 0 20 20" aria-hidden="true"><rect x="3" y="4" width="2.6" height="12" /><path d="M17,4 L7,10 L17,16 Z" /></svg>
                </button>
                <button type="button" class="icon-button primary" data-testid="play-pause"
                        aria-label={play_label} aria-pressed={p.playing.to_string()}
                        title={format!("{play_label} (Space)")}
                        onclick={send(Msg::TogglePlay)}>
                    if p.playing {
                        <svg viewBox="0 0 20 20" aria-hidden="true"><rect x="4.5" y="4" width="4" height="12" /><rect x="11.5" y="4" width="4" height="12" /></svg>
                    } else {
                        <svg viewBox="0 0 20 20" aria-hidden="true"><path d="M5,3.5 L16.5,10 L5,16.5 Z" /></svg>
                    }
                </button>
                <button type="button" class="icon-button" data-testid="step"
                        aria-label={t(lang, Key::StepOnce)} title={format!("{} (→)", t(lang, Key::StepOnce))}
                        onclick={send(Msg::Step)}>
                    <svg viewBox="0 0 20 20" aria-hidden="true"><path d="M3,4 L13,10 L3,16 Z" /><rect x="14.4" y="4" width="2.6" height="12" /></svg>
                </button>
            </div>
            <label class="scrub">
                <span class="sr-only">{ t(lang, Key::TimeSlider) }</span>
                <input ref={clock.slider.clone()} type="range" data-testid="time-slider" min="0"
                       step="1" oninput={on_seek} />
            </label>
            <div class="clock" aria-live="off">
                <span ref={clock.time.clone()} class="clock-time" data-testid="time" title={t(lang, Key::Time)}></span>
                <span class="clock-sep">{ " / " }</span>
                <span ref={clock.horizon.clone()} class="clock-horizon" title={t(lang, Key::Horizon)}></span>
                <span class="clock-events" title={t(lang, Key::Events)}>
                    { t(lang, Key::EventShort) }{ " " }<span ref={clock.events.clone()} data-testid="event-count"></span>
                </span>
            </div>
            <label class="speed" title={t(lang, Key::SpeedHint)}>
                <span class="speed-name">{ t(lang, Key::Speed) }</span>
                <input type="range" data-testid="speed" min={Fixed(SPEED_MIN_EXP, 2).to_string()}
                       max={Fixed(SPEED_MAX_EXP, 2).to_string()} step="0.01"
                       value={Fixed(p.speed_exp, 3).to_string()} oninput={on_speed}
                       aria-valuetext={speed_label(p.speed_exp, lang)} />
                <output class="speed-value" data-testid="speed-value">{ speed_label(p.speed_exp, lang) }</output>
            </label>
        </div>
    }
}
