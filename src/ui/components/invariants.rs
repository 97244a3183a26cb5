//! The invariants panel: every safety property the live checker watches, each with a tick
//! while it holds; once one breaks, the first violation (what was seen, when) and the events
//! that led to it.
//!
//! Props (UI-1 wires this into `#invariants`):
//!
//! ```text
//! Invariants {
//!     scene: Shared<Scene>,               // scene.invariants, scene.violation, scene.violation_trace
//!     lang: Lang,
//!     #[prop_or_default] on_seek: Callback<Time>, // "Jump there": go to the violation's moment
//! }
//! ```
//!
//! DOM contract (tests): `ul[data-testid=invariant-list]`, one `li.invariant` per property
//! with `data-invariant` (the checker's name) and `data-holds="true"|"false"`;
//! `[data-testid=violation]` only while one is broken, with `li` per leading event.

use super::strings::{invariant_name, s, S};
use crate::core::{fmt_time, Lang, Time};
use crate::ui::shared::Shared;
use crate::viz::Scene;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InvariantsProps {
    pub scene: Shared<Scene>,
    pub lang: Lang,
    #[prop_or_default]
    pub on_seek: Callback<Time>,
}

#[component]
pub fn Invariants(props: &InvariantsProps) -> Html {
    let lang = props.lang;
    let scene = &props.scene;
    if scene.invariants.is_empty() {
        return html! { <p class="empty">{ s(lang, S::InvariantsNone) }</p> };
    }
    let items = scene.invariants.iter().map(|i| {
        let ok = i.holds;
        html! {
            <li key={i.name.clone()} class={classes!("invariant", if ok { "holds" } else { "violated" })}
                data-invariant={i.name.clone()} data-holds={ok.to_string()}>
                <span class="mark" aria-hidden="true">{ if ok { "✓" } else { "✗" } }</span>
                <span class="name">{ invariant_name(&i.name, lang) }</span>
                <span class="state">{ s(lang, if ok { S::Holds } else { S::Violated }) }</span>
            </li>
        }
    });
    let violation = scene.violation.as_ref().map(|v| {
        let t = v.time;
        let on_seek = props.on_seek.clone();
        let jump = Callback::from(move |_: MouseEvent| on_seek.emit(t));
        html! {
            <div class="violation" data-testid="violation" role="alert">
                <p class="violation-head">
                    <strong>{ s(lang, S::FirstViolation) }{ ": " }
                        { invariant_name(&v.invariant, lang) }</strong>
                    { format!(" · {} {} · {} #{}", s(lang, S::AtTime), fmt_time(v.time),
                              s(lang, S::AtEvent), v.event) }
                </p>
                <p class="violation-detail">{ &v.detail }</p>
                if !scene.violation_trace.is_empty() {
                    <p class="violation-led">{ s(lang, S::LedToIt) }</p>
                    <ol class="violation-trace" data-testid="violation-trace">
                        { for scene.violation_trace.iter().map(|l| html! { <li>{ l }</li> }) }
                    </ol>
                }
                <button class="violation-jump" data-testid="violation-jump" onclick={jump}>
                    { s(lang, S::JumpThere) }
                </button>
            </div>
        }
    });
    html! {
        <div class="qs-invariants">
            <style>{ CSS }</style>
            // A violation comes first: the panel may be short, and it matters most.
            { violation.unwrap_or_default() }
            <ul class="invariant-list" data-testid="invariant-list">{ for items }</ul>
            if scene.violation.is_none() {
                <p class="all-hold">{ s(lang, S::AllHold) }</p>
            }
        </div>
    }
}

/// The panel's own styles, scoped by `.qs-invariants` (bluish green = holds, vermillion =
/// broken: Okabe–Ito; the ✓/✗ carries the same information).
const CSS: &str = "
.qs-invariants .invariant-list { list-style: none; margin: 0; padding: 0; font-size: 0.9rem; }
.qs-invariants .invariant { display: flex; gap: 0.5rem; padding: 0.15rem 0; align-items: baseline; }
.qs-invariants .mark { font-weight: 700; width: 1rem; color: #009E73; }
.qs-invariants .state { margin-left: auto; color: #555; font-size: 0.8rem; }
.qs-invariants .violated .mark, .qs-invariants .violated .state { color: #D55E00; }
.qs-invariants .violated .name { font-weight: 700; }
.qs-invariants .all-hold { margin: 0.4rem 0 0; color: #555; font-size: 0.8rem; }
.qs-invariants .violation { margin-bottom: 0.5rem; padding: 0.5rem; border: 2px solid #D55E00;
  border-radius: 4px; background: rgba(213,94,0,0.06); font-size: 0.85rem; }
.qs-invariants .violation p { margin: 0 0 0.3rem; }
.qs-invariants .violation-detail { color: #8a3a00; }
.qs-invariants .violation-trace { margin: 0 0 0.4rem; padding-left: 1.4rem; font-family: ui-monospace,
  monospace; font-size: 0.75rem; max-height: 12rem; overflow-y: auto; }
.qs-invariants .violation-trace li:last-child { font-weight: 700; }
";
