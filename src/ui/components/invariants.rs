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
//! `[data-testid=violation]` only while one is broken, with `li` per leading event;
//! `[data-testid=leaders-note]` under Election Safety while two leaders of different terms
//! show (the scene's `leaders_note`, computed in `viz::leaders`).
//!
//! Its styles (scoped by `.qs-invariants`) are in static/style.css, minified with the rest
//! of the page's: as a string in the module they cost more bytes of the page.

use crate::core::{fmt_time, Lang, Time};
use crate::glossary::invariant_name;
use crate::ui::i18n::Key;
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
        return html! { <p class="empty">{ Key::InvariantsNone.text(lang) }</p> };
    }
    let items = scene.invariants.iter().map(|i| {
        let ok = i.holds;
        // Why two leaders are fine, under the property a reader would suspect.
        let note = (i.name == crate::check::raft::ELECTION_SAFETY)
            .then_some(scene.leaders_note.as_ref())
            .flatten();
        html! {
            <li key={i.name.clone()} class={classes!("invariant", if ok { "holds" } else { "violated" })}
                data-invariant={i.name.clone()} data-holds={ok.to_string()}>
                <span class="mark" aria-hidden="true">{ if ok { "✓" } else { "✗" } }</span>
                <span class="name">{ invariant_name(&i.name, lang) }</span>
                <span class="state">{ (if ok { Key::Holds } else { Key::Violated }).text(lang) }</span>
                if let Some(note) = note {
                    <p class="leaders-note" data-testid="leaders-note" role="note">{ note }</p>
                }
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
                    <strong>{ Key::FirstViolation.text(lang) }{ ": " }
                        { invariant_name(&v.invariant, lang) }</strong>
                    { format!(" · {} {} · {} #{}", Key::AtTime.text(lang), fmt_time(v.time),
                              Key::AtEvent.text(lang), v.event) }
                </p>
                <p class="violation-detail">{ &v.detail }</p>
                if !scene.violation_trace.is_empty() {
                    <p class="violation-led">{ Key::LedToIt.text(lang) }</p>
                    <ol class="violation-trace" data-testid="violation-trace">
                        { for scene.violation_trace.iter().map(|l| html! { <li>{ l }</li> }) }
                    </ol>
                }
                <button class="violation-jump" data-testid="violation-jump" onclick={jump}>
                    { Key::JumpThere.text(lang) }
                </button>
            </div>
        }
    });
    html! {
        <div class="qs-invariants">
            // A violation comes first: the panel may be short, and it matters most.
            { violation.unwrap_or_default() }
            <ul class="invariant-list" data-testid="invariant-list">{ for items }</ul>
            if scene.violation.is_none() {
                <p class="all-hold">{ Key::AllHold.text(lang) }</p>
            }
        </div>
    }
}
