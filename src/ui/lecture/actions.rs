//! The action bar: what the audience can do between steps to the node or message selected
//! on the stage (crash, restart, freeze, thaw, time out, a client request; drop or deliver a
//! message). Any of these leaves the script.
//!
//! Props: `scene` (names, status, messages in flight), the selection, `on_act` (the action
//! to take), `on_close` (clear the selection), `lang`, `compact` (presentation mode: only
//! shown while something is selected). DOM contract (tests): `[data-testid=actions]`, one
//! `button[data-action=crash|restart|pause|resume|timeout|client|drop|deliver]` per choice.

use super::strings::{fill, t, L};
use crate::core::Lang;
use crate::sim::{Action, Status};
use crate::viz::Scene;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ActionsProps {
    pub scene: Rc<Scene>,
    pub lang: Lang,
    #[prop_or_default]
    pub node: Option<usize>,
    #[prop_or_default]
    pub message: Option<u64>,
    /// The value of the next client request ("v1", "v2", …).
    pub next_value: AttrValue,
    pub on_act: Callback<Action>,
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub compact: bool,
}

fn button(tag: &'static str, label: &str, action: Action, on_act: &Callback<Action>) -> Html {
    let on_act = on_act.clone();
    let onclick = Callback::from(move |_: MouseEvent| on_act.emit(action.clone()));
    html! {
        <button class="lec-act" data-action={tag} {onclick}>{ label.to_string() }</button>
    }
}

#[component]
pub fn Actions(props: &ActionsProps) -> Html {
    let lang = props.lang;
    let scene = &props.scene;
    let name = |i: usize| scene.nodes.get(i).map_or(String::new(), |n| n.name.clone());
    let on_close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let selection: Option<(String, Html)> =
        if let Some(i) = props.node.filter(|&i| i < scene.nodes.len()) {
            let on = &props.on_act;
            let buttons = match scene.nodes[i].status {
                Status::Up => html! { <>
                    { button("crash", t(lang, L::Crash), Action::Crash(i), on) }
                    { button("pause", t(lang, L::PauseNode), Action::Pause(i), on) }
                    { button("timeout", t(lang, L::TimeoutNow), Action::Timeout(i), on) }
                    { button("client", t(lang, L::ClientRequest),
                             Action::Client { node: i, value: props.next_value.to_string() }, on) }
                </> },
                Status::Crashed => button("restart", t(lang, L::Restart), Action::Restart(i), on),
                Status::Paused => html! { <>
                    { button("resume", t(lang, L::ResumeNode), Action::Resume(i), on) }
                    { button("crash", t(lang, L::Crash), Action::Crash(i), on) }
                </> },
            };
            Some((fill(lang, L::NodeSelected, &[("name", &name(i))]), buttons))
        } else if let Some(m) = props
            .message
            .and_then(|id| scene.messages.iter().find(|m| m.id == id))
        {
            let on = &props.on_act;
            let what = fill(
                lang,
                L::MessageSelected,
                &[
                    ("kind", m.kind),
                    ("from", &name(m.from)),
                    ("to", &name(m.to)),
                ],
            );
            let buttons = html! { <>
                { button("drop", t(lang, L::DropMessage), Action::DropMessage(m.id), on) }
                { button("deliver", t(lang, L::DeliverNow), Action::DeliverMessage(m.id), on) }
            </> };
            Some((what, buttons))
        } else {
            None
        };
    match selection {
        Some((what, buttons)) => html! {
            <div class="lec-actions" data-testid="actions" role="group" aria-label={what.clone()}>
                <span class="lec-what">{ what }</span>
                { buttons }
                <button class="lec-close" onclick={on_close} aria-label={t(lang, L::Close)}>{ "×" }</button>
            </div>
        },
        None if props.compact => html! {},
        None => html! {
            <div class="lec-actions lec-idle" data-testid="actions">
                <span class="lec-what">{ t(lang, L::ActionsTitle) }</span>
                <span class="lec-hint">{ t(lang, L::ActionHint) }</span>
            </div>
        },
    }
}
