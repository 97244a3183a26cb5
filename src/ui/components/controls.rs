//! Play / pause / step / reset, a client request, and the run's clock.

use super::use_lang;
use crate::ui::i18n::{t, Key};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub playing: bool,
    pub on_toggle: Callback<()>,
    pub on_step: Callback<()>,
    pub on_reset: Callback<()>,
    pub on_request: Callback<()>,
    /// Virtual time, formatted.
    pub time: AttrValue,
    pub event_count: u64,
    pub seed: u64,
}

#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let lang = use_lang();
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <div class="controls">
            <div class="buttons">
                <button type="button" class="primary" data-testid="play-pause"
                        aria-pressed={if props.playing { "true" } else { "false" }}
                        onclick={click(&props.on_toggle)}>
                    { t(lang, if props.playing { Key::Pause } else { Key::Play }) }
                </button>
                <button type="button" data-testid="step" disabled={props.playing}
                        onclick={click(&props.on_step)}>
                    { t(lang, Key::StepOnce) }
                </button>
                <button type="button" data-testid="reset" onclick={click(&props.on_reset)}>
                    { t(lang, Key::Reset) }
                </button>
                <button type="button" data-testid="client-request"
                        title={t(lang, Key::ClientRequestHint)}
                        onclick={click(&props.on_request)}>
                    { t(lang, Key::ClientRequest) }
                </button>
            </div>
            <dl class="clock">
                <dt>{ t(lang, Key::Time) }</dt>
                <dd data-testid="time">{ props.time.clone() }</dd>
                <dt>{ t(lang, Key::Events) }</dt>
                <dd data-testid="event-count">{ props.event_count }</dd>
                <dt>{ t(lang, Key::Seed) }</dt>
                <dd>{ props.seed }</dd>
            </dl>
            <p class="speed">{ t(lang, Key::Speed) }</p>
        </div>
    }
}
