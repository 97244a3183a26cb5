//! The message inspector: every field of one message, as pretty JSON, with a Drop button.
//!
//! Props (UI-1 wires this into `#inspector`):
//!
//! ```text
//! Inspector {
//!     selected: Option<(u64, String)>, // (message id, Cluster::message_fields(id)); None = hint
//!     on_drop: Callback<u64>,          // Drop: the app applies Action::DropMessage(id)
//!     on_close: Callback<()>,          // Close: the app clears its selection
//!     lang: Lang,
//!     #[prop_or(true)] can_drop: bool, // false once the message is no longer in flight
//! }
//! ```
//!
//! `Cluster::message_fields` also finds delivered and dropped messages (the diagram's
//! arrows), so the app should pass `can_drop = scene.messages.iter().any(|m| m.id == id)`:
//! Drop is then disabled, with a note, for a message that has already arrived.
//!
//! The app decides what "selected" means: the message under the pointer (SpaceTime's
//! `on_hover`, the ring's dots) or the one last clicked (SpaceTime's `on_select`).
//!
//! DOM contract (tests): `[data-testid=inspector]` with `data-msg` = the id while a message
//! is shown, `pre[data-testid=inspector-json]`, `button[data-testid=inspector-drop]`,
//! `button[data-testid=inspector-close]`.
//!
//! Its styles (scoped by `.qs-inspector`) are in static/style.css, minified with the rest
//! of the page's: as a string in the module they cost more bytes of the page.

use crate::core::Lang;
use crate::ui::i18n::{t, Key};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub selected: Option<(u64, String)>,
    pub on_drop: Callback<u64>,
    pub on_close: Callback<()>,
    pub lang: Lang,
    #[prop_or(true)]
    pub can_drop: bool,
}

/// The message's kind: the JSON of a message is `{"Kind": {...}}` (serde's external tag) or
/// `"Kind"` for a message with no fields.
fn kind_of(json: &str) -> Option<String> {
    let json = json.trim_start();
    let tagged = json.strip_prefix('{').unwrap_or(json);
    crate::ui::json::read_string(tagged).map(|(kind, _)| kind)
}

/// One line of pretty JSON, with its key set apart from its value.
fn json_line(line: &str) -> Html {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    if let Some(rest) = body.strip_prefix('"') {
        if let Some(end) = rest.find("\":") {
            let key = &rest[..end];
            let value = &rest[end + 2..];
            return html! {
                <>{ indent }<span class="json-key">{ format!("\"{key}\"") }</span>{ ":" }
                  <span class="json-value">{ value }</span>{ "\n" }</>
            };
        }
    }
    html! { <>{ line }{ "\n" }</> }
}

#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let lang = props.lang;
    let Some((id, json)) = &props.selected else {
        return html! {
            <div class="qs-inspector" data-testid="inspector">
                <p class="empty">{ t(lang, Key::InspectorEmpty) }</p>
            </div>
        };
    };
    let id = *id;
    let on_drop = {
        let cb = props.on_drop.clone();
        Callback::from(move |_: MouseEvent| cb.emit(id))
    };
    let on_close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let kind = kind_of(json).unwrap_or_default();
    html! {
        <div class="qs-inspector" data-testid="inspector" data-msg={id.to_string()}>
            <div class="inspector-head">
                <strong>{ format!("{} #{id}", t(lang, Key::InspectorTitle)) }</strong>
                <span class="inspector-kind">{ kind }</span>
                <button class="inspector-drop" data-testid="inspector-drop"
                        title={t(lang, Key::DropHint)} disabled={!props.can_drop}
                        onclick={on_drop}>{ t(lang, Key::DropMessage) }</button>
                <button class="inspector-close" data-testid="inspector-close"
                        aria-label={t(lang, Key::Close)} title={t(lang, Key::Close)}
                        onclick={on_close}>{ "×" }</button>
            </div>
            if !props.can_drop {
                <p class="inspector-note">{ t(lang, Key::NotInFlight) }</p>
            }
            <pre class="inspector-json" data-testid="inspector-json">
                { for json.lines().map(json_line) }
            </pre>
        </div>
    }
}
