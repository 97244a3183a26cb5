//! The help overlay (`?`): every keyboard shortcut, what the shapes and colours mean, and
//! what can be clicked. Also the compact legend under the ring.

use crate::core::{Lang, ProtocolKind};
use crate::ui::i18n::{t, Key};
use crate::ui::keyboard::SHORTCUTS;
use crate::viz::explorer::Msg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

/// A small SVG swatch of a legend entry.
fn swatch(shape: &'static str, colour: &'static str) -> Html {
    let body = match shape {
        "hexagon" => html! { <polygon points="17,9 13,15.9 5,15.9 1,9 5,2.1 13,2.1" /> },
        "diamond" => html! { <polygon points="9,1 17,9 9,17 1,9" /> },
        "square" => html! { <rect x="3" y="3" width="12" height="12" rx="2" /> },
        "small-square" => html! { <rect x="5" y="5" width="8" height="8" rx="1.5" /> },
        "tick" => html! {
            <>
                <circle cx="9" cy="9" r="7" />
                <path d="M5.4,9.2 L8,11.8 L12.8,6.4" fill="none" stroke="#fff" stroke-width="2" />
            </>
        },
        "cross" => html! {
            <path d="M2,5.5 L5.5,2 L9,5.5 L12.5,2 L16,5.5 L12.5,9 L16,12.5 L12.5,16 L9,12.5 L5.5,16 L2,12.5 L5.5,9 Z" />
        },
        "crashed" => html! {
            <>
                <circle cx="9" cy="9" r="7" fill="#eee" stroke="#8c8c8c" stroke-dasharray="3 2" stroke-width="1.5" />
                <path d="M5,5 L13,13 M13,5 L5,13" stroke="#8c8c8c" stroke-width="2" />
            </>
        },
        "paused" => html! {
            <>
                <circle cx="9" cy="9" r="7" />
                <rect x="5.6" y="5" width="2.4" height="8" fill="#fff" />
                <rect x="10" y="5" width="2.4" height="8" fill="#fff" />
            </>
        },
        _ => html! { <circle cx="9" cy="9" r="7" /> },
    };
    html! {
        <svg class="legend-swatch" viewBox="0 0 18 18" width="18" height="18" aria-hidden="true"
             fill={colour}>{ body }</svg>
    }
}

/// The legend of the ring's shapes and colours.
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub lang: Lang,
    /// Which words the node shapes get.
    pub protocol: ProtocolKind,
}

#[component]
pub fn Legend(p: &LegendProps) -> Html {
    let lang = p.lang;
    let raft = p.protocol == ProtocolKind::Raft;
    let item = |shape: &'static str, colour: &'static str, key: Key| {
        html! { <li>{ swatch(shape, colour) }<span>{ t(lang, key) }</span></li> }
    };
    html! {
        <ul class="ring-legend" aria-label={t(lang, Key::Legend)}>
            if raft {
                { item("hexagon", "#009E73", Key::Leader) }
                { item("diamond", "#E69F00", Key::Candidate) }
                { item("circle", "#0072B2", Key::Follower) }
            } else {
                { item("diamond", "#E69F00", Key::PaxosPhase1) }
                { item("square", "#009E73", Key::PaxosPhase2) }
                { item("circle", "#56B4E9", Key::PaxosIdle) }
            }
            { item("crashed", "#8c8c8c", Key::Crashed) }
            { item("paused", "#CC79A7", Key::Paused) }
            <li class="legend-gap" aria-hidden="true" />
            if raft {
                { item("diamond", "#E69F00", Key::LegendVoteRequest) }
                { item("square", "#0072B2", Key::LegendAppend) }
                { item("small-square", "#56B4E9", Key::LegendHeartbeat) }
            } else {
                { item("diamond", "#E69F00", Key::LegendPrepare) }
                { item("square", "#0072B2", Key::LegendAccept) }
            }
            { item("tick", "#555", Key::LegendGranted) }
            { item("cross", "#555", Key::LegendDenied) }
        </ul>
    }
}

#[component]
pub fn Help(p: &HelpProps) -> Html {
    let lang = p.lang;
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let d = p.dispatch.clone();
    let close = Callback::from(move |_: MouseEvent| d.emit(Msg::ToggleHelp));
    let d = p.dispatch.clone();
    let backdrop = Callback::from(move |_: MouseEvent| d.emit(Msg::ToggleHelp));
    let rows = SHORTCUTS.iter().map(|(keys, what)| {
        html! {
            <tr>
                <th scope="row"><kbd>{ *keys }</kbd></th>
                <td>{ t(lang, *what) }</td>
            </tr>
        }
    });
    html! {
        <div class="overlay" data-testid="help" onclick={backdrop}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title"
                 onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <div class="dialog-head">
                    <h2 id="help-title">{ t(lang, Key::HelpTitle) }</h2>
                    <button type="button" class="icon-button" ref={close_ref}
                            aria-label={t(lang, Key::Close)} data-testid="help-close"
                            onclick={close}>{ "×" }</button>
                </div>
                <div class="dialog-body">
                    <section>
                        <h3>{ t(lang, Key::Shortcuts) }</h3>
                        <table class="shortcuts"><tbody>{ for rows }</tbody></table>
                    </section>
                    <section>
                        <h3>{ t(lang, Key::MouseTitle) }</h3>
                        <ul class="mouse-help">
                            <li>{ t(lang, Key::MouseNode) }</li>
                            <li>{ t(lang, Key::MouseMessage) }</li>
                            <li>{ t(lang, Key::MouseLink) }</li>
                            <li>{ t(lang, Key::MouseSlider) }</li>
                            <li>{ t(lang, Key::MousePast) }</li>
                        </ul>
                        <h3>{ t(lang, Key::Legend) }</h3>
                        <Legend lang={lang} protocol={ProtocolKind::Raft} />
                        <Legend lang={lang} protocol={ProtocolKind::Paxos} />
                        <p class="hint">{ t(lang, Key::LegendLogs) }</p>
                        <p class="hint">{ t(lang, Key::LegendTimer) }</p>
                    </section>
                </div>
            </div>
        </div>
    }
}
