//! The invariants panel: each checked invariant, and whether it still holds.

use super::use_lang;
use crate::ui::i18n::{invariant_name, t, Key};
use crate::ui::view::InvariantView;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InvariantsProps {
    pub items: Vec<InvariantView>,
}

#[component]
pub fn Invariants(props: &InvariantsProps) -> Html {
    let lang = use_lang();
    if props.items.is_empty() {
        return html! { <p class="empty">{ t(lang, Key::InvariantsEmpty) }</p> };
    }
    html! {
        <ul class="invariants">
            { for props.items.iter().map(|i| {
                let ok = i.violation.is_none();
                html! {
                    <li class={if ok { "holds" } else { "violated" }}>
                        <span class="mark">{ if ok { "✓" } else { "✗" } }</span>
                        <span class="name">{ invariant_name(&i.name, lang) }</span>
                        <span class="state">
                            { t(lang, if ok { Key::InvariantHolds } else { Key::InvariantViolated }) }
                        </span>
                        if let Some(detail) = &i.violation {
                            <p class="detail">{ detail }</p>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}
