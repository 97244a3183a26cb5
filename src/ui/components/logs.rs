//! The logs panel: each node's log as a row of entries, committed ones highlighted.

use super::use_lang;
use crate::ui::i18n::{t, Key};
use crate::ui::view::NodeView;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LogsProps {
    pub nodes: Vec<NodeView>,
}

#[component]
pub fn Logs(props: &LogsProps) -> Html {
    let lang = use_lang();
    if props.nodes.iter().all(|n| n.log.is_empty()) {
        return html! { <p class="empty">{ t(lang, Key::LogsEmpty) }</p> };
    }
    html! {
        <table class="logs">
            <tbody>
                { for props.nodes.iter().map(|n| html! {
                    <tr>
                        <th scope="row">{ &n.name }</th>
                        <td>
                            { for n.log.iter().enumerate().map(|(i, e)| html! {
                                <span class={classes!("entry", (i < n.commit).then_some("committed"))}>
                                    { e }
                                </span>
                            }) }
                        </td>
                        <td class="commit">{ format!("{} {}", t(lang, Key::Commit), n.commit) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
