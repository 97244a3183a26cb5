//! The narration panel: the caption of the current step, the scenario's expectations for it
//! (still to come while the step plays; then passed or failed, with the actual value next to
//! the expected one), a broken invariant if there is one, and the notice that the audience
//! has left the script.
//!
//! Props: the caption and where we are (`step` of `steps`), the checks of the current step
//! and a count of the earlier ones, `off_script` with `on_back` (return to the script),
//! the invariant broken at this point (if any), and `lang`.
//!
//! DOM contract (tests): `[data-testid=caption]` holds the caption; every expectation of
//! "what must be true now" is an `li.lec-check` with `data-ok="true"|"false"|"pending"` and
//! `data-line`; expectations that held earlier in the step but no longer hold at its end are
//! `li.lec-check` under `[data-testid=checks-history]`, with their time;
//! `[data-testid=off-script]` appears once the audience acts, with
//! `button[data-testid=back-to-script]`.

use super::strings::{fill, t, L};
use crate::core::fmt_time;
use crate::core::Lang;
use crate::viz::lecture::{CheckView, StepChecks};
use yew::prelude::*;

/// The name of an invariant, in `lang`.
pub fn invariant_label(name: &str, lang: Lang) -> String {
    crate::glossary::invariant_name(name, lang).to_string()
}

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub lang: Lang,
    pub step: usize,
    pub steps: usize,
    pub caption: AttrValue,
    /// The expectations of the current step: what must be true at its end, and what held
    /// only earlier in it.
    pub checks: StepChecks,
    /// Expectations of earlier steps: (held, all).
    pub earlier: (usize, usize),
    pub off_script: bool,
    pub on_back: Callback<()>,
    /// The invariant broken at this point, if one is.
    #[prop_or_default]
    pub violation: Option<String>,
    #[prop_or_default]
    pub animating: bool,
}

/// One expectation: passed or failed (with expected and actual), or still to be checked while
/// the step plays (it is decided at the step's end).
fn check_html(c: &CheckView, lang: Lang, pending: bool) -> Html {
    if pending {
        return html! {
            <li class="lec-check lec-pending" data-ok="pending" data-line={c.line.to_string()}>
                <span class="lec-mark" aria-hidden="true">{ "…" }</span>
                <span class="lec-sr-only">{ t(lang, L::Pending) }</span>
                <code class="lec-source">{ &c.source }</code>
            </li>
        };
    }
    let mark = if c.ok { "✓" } else { "✗" };
    html! {
        <li class={classes!("lec-check", if c.ok { "lec-ok" } else { "lec-bad" })} data-ok={c.ok.to_string()}
            data-line={c.line.to_string()}>
            <span class="lec-mark" aria-hidden="true">{ mark }</span>
            <span class="lec-sr-only">{ t(lang, if c.ok { L::Passed } else { L::Failed }) }</span>
            <code class="lec-source">{ &c.source }</code>
            if !c.ok {
                <div class="lec-detail">
                    <span>{ format!("{}: {}", t(lang, L::Expected), c.expected) }</span>
                    <span>{ format!("{}: {}", t(lang, L::Actual), c.actual) }</span>
                </div>
            } else if !c.actual.is_empty() {
                <span class="lec-actual">{ &c.actual }</span>
            }
        </li>
    }
}

/// An expectation that held when it was checked, earlier in the step, but no longer holds at
/// the step's end: history, with its time.
fn history_html(c: &CheckView, lang: Lang, pending: bool) -> Html {
    let when = fill(lang, L::HeldAt, &[("t", &fmt_time(c.time))]);
    html! {
        <li class={classes!("lec-check", "lec-history", pending.then_some("lec-pending"))}
            data-ok={if pending { "pending" } else { "history" }} data-line={c.line.to_string()}>
            <span class="lec-mark" aria-hidden="true">{ if pending { "…" } else { "✓" } }</span>
            <span class="lec-when">{ when }</span>
            <code class="lec-source">{ &c.source }</code>
        </li>
    }
}

#[component]
pub fn Narration(props: &NarrationProps) -> Html {
    let lang = props.lang;
    let where_ = if props.step == 0 {
        t(lang, L::Intro).to_string()
    } else {
        fill(
            lang,
            L::StepOf,
            &[
                ("k", &props.step.to_string()),
                ("n", &props.steps.to_string()),
            ],
        )
    };
    let on_back = {
        let cb = props.on_back.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let (ok_before, all_before) = props.earlier;
    // A long caption is set a little smaller, so the expectations under it stay in view.
    let width: usize = props
        .caption
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum();
    let length = if width > 320 {
        Some("lec-longer")
    } else if width > 200 {
        Some("lec-long")
    } else {
        None
    };
    html! {
        <section class="lec-narration" data-testid="narration" aria-live="polite">
            <p class="lec-where" data-testid="where">
                { where_ }
                if props.animating {
                    <span class="lec-playing">{ t(lang, L::Playing) }</span>
                }
            </p>
            <p class={classes!("lec-caption", length)} data-testid="caption">
                { props.caption.clone() }
            </p>
            if props.step == props.steps && props.steps > 0 && !props.off_script {
                <p class="lec-the-end">{ t(lang, L::End) }</p>
            }
            if let Some(v) = &props.violation {
                <p class="lec-violation" data-testid="violation" role="alert">
                    { fill(lang, L::Violation, &[("name", v)]) }
                </p>
            }
            if props.off_script {
                <div class="lec-off-script" data-testid="off-script" role="status">
                    <p>{ fill(lang, L::OffScript, &[("k", &props.step.to_string())]) }</p>
                    <button class="lec-back" data-testid="back-to-script" onclick={on_back}>
                        { t(lang, L::BackToScript) }
                    </button>
                </div>
            }
            if props.step > 0 {
                <div class="lec-checks" data-testid="checks">
                    <h3>{ t(lang, L::Checks) }</h3>
                    if props.off_script {
                        <p class="lec-note">{ t(lang, L::OffScriptChecks) }</p>
                    }
                    if props.checks.now.is_empty() && props.checks.earlier_in_step.is_empty() {
                        <p class="lec-note">{ t(lang, L::NoChecks) }</p>
                    } else {
                        <ul>{ for props.checks.now.iter().map(|c| check_html(c, lang, props.animating)) }</ul>
                    }
                    if !props.checks.earlier_in_step.is_empty() {
                        <div class="lec-history-box" data-testid="checks-history">
                            <h4>{ t(lang, L::HeldEarlier) }</h4>
                            <ul>{ for props.checks.earlier_in_step.iter()
                                .map(|c| history_html(c, lang, props.animating)) }</ul>
                        </div>
                    }
                    if all_before > 0 {
                        <p class={classes!("lec-earlier", (ok_before < all_before).then_some("lec-bad"))}
                           data-testid="checks-earlier">
                            { fill(lang, L::ChecksEarlier, &[
                                ("ok", &ok_before.to_string()),
                                ("all", &all_before.to_string()),
                            ]) }
                        </p>
                    }
                </div>
            }
        </section>
    }
}
