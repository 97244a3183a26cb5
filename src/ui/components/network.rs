//! The network's sliders: message loss, duplication, reordering and latency. A slider shows
//! its value while dragged and acts once, when released (one recorded action, not one per
//! pixel).

use crate::core::Fixed;
use crate::core::{fmt_time, Lang, Time, MS};
use crate::sim::Action;
use crate::ui::i18n::{t, Key};
use crate::viz::explorer::Msg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NetworkProps {
    pub loss: f64,
    pub duplicate: f64,
    pub reorder: f64,
    pub latency: (Time, Time),
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

#[derive(Properties, PartialEq)]
struct SliderProps {
    label: AttrValue,
    hint: AttrValue,
    testid: AttrValue,
    min: f64,
    max: f64,
    step: f64,
    value: f64,
    /// How the value reads ("5%", "10–20 ms").
    show: Callback<f64, String>,
    /// The action for a released value.
    commit: Callback<f64>,
}

#[component]
fn Slider(p: &SliderProps) -> Html {
    let draft = use_state(|| None::<f64>);
    let v = draft.unwrap_or(p.value);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(x) = super::input_number(&e) {
                draft.set(Some(x));
            }
        })
    };
    let onchange = {
        let (draft, commit) = (draft.clone(), p.commit.clone());
        Callback::from(move |e: Event| {
            if let Some(x) = super::input_number(&e) {
                commit.emit(x);
            }
            draft.set(None);
        })
    };
    let shown = p.show.emit(v);
    html! {
        <label class="slider" title={p.hint.clone()}>
            <span class="slider-name">{ p.label.clone() }</span>
            <input type="range" data-testid={p.testid.clone()} min={Fixed(p.min, 4).to_string()}
                   max={Fixed(p.max, 4).to_string()} step={Fixed(p.step, 4).to_string()}
                   value={Fixed(v, 4).to_string()}
                   aria-valuetext={shown.clone()} {oninput} {onchange} />
            <output class="slider-value">{ shown }</output>
        </label>
    }
}

#[component]
pub fn Network(p: &NetworkProps) -> Html {
    let lang = p.lang;
    let pct = Callback::from(|x: f64| format!("{}%", Fixed(x * 100.0, 0)));
    let act = |f: fn(f64) -> Action| {
        let d = p.dispatch.clone();
        Callback::from(move |x: f64| d.emit(Msg::Act(f(x))))
    };
    let latency_ms = p.latency.0 as f64 / MS as f64;
    let d = p.dispatch.clone();
    let latency = Callback::from(move |ms: f64| {
        let min = (ms.max(1.0) * MS as f64) as Time;
        d.emit(Msg::Act(Action::Latency { min, max: 2 * min }))
    });
    html! {
        <div class="network" data-testid="network">
            <Slider label={t(lang, Key::Loss)} hint={t(lang, Key::LossHint)} testid="loss"
                    min={0.0} max={0.5} step={0.01} value={p.loss} show={pct.clone()}
                    commit={act(Action::Loss)} />
            <Slider label={t(lang, Key::Duplication)} hint={t(lang, Key::DuplicationHint)}
                    testid="duplicate" min={0.0} max={0.5} step={0.01} value={p.duplicate}
                    show={pct.clone()} commit={act(Action::Duplicate)} />
            <Slider label={t(lang, Key::Reordering)} hint={t(lang, Key::ReorderingHint)}
                    testid="reorder" min={0.0} max={0.5} step={0.01} value={p.reorder}
                    show={pct} commit={act(Action::Reorder)} />
            <Slider label={t(lang, Key::Latency)} hint={t(lang, Key::LatencyHint)} testid="latency"
                    min={1.0} max={200.0} step={1.0} value={latency_ms}
                    show={Callback::from(|ms: f64| {
                        let min = (ms.max(1.0) * MS as f64) as Time;
                        format!("{}–{}", fmt_time(min), fmt_time(2 * min))
                    })}
                    commit={latency} />
        </div>
    }
}
