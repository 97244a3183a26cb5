//! The selected node's card: its role, status and every field the viz layer lists for it
//! (Raft: current_term, voted_for, commit_index, leader, votes; Paxos: roles, promise,
//! accepted, learned), its timer, and buttons for every action on it.

use crate::core::Fixed;
use crate::core::Lang;
use crate::sim::Status;
use crate::ui::i18n::{t, Key};
use crate::viz::explorer::{role_slug, status_slug, Msg, NodeCmd};
use crate::viz::scene::NodeView;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DetailsProps {
    pub node: Option<NodeView>,
    pub names: Rc<Vec<String>>,
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

#[component]
pub fn Details(p: &DetailsProps) -> Html {
    let lang = p.lang;
    let Some(node) = &p.node else {
        return html! {
            <div class="details" data-testid="node-details">
                <p class="empty">{ t(lang, Key::SelectNodeHint) }</p>
            </div>
        };
    };
    let i = node.id;
    let button = |key: Key, cmd: NodeCmd, testid: &'static str, shortcut: &'static str| {
        let d = p.dispatch.clone();
        html! {
            <button type="button" class="text-button small" data-testid={testid}
                    title={format!("{} ({shortcut})", t(lang, key))}
                    onclick={Callback::from(move |_: MouseEvent| d.emit(Msg::Node(i, cmd)))}>
                { t(lang, key) }
            </button>
        }
    };
    let status = match node.status {
        Status::Up => t(lang, Key::Running),
        Status::Paused => t(lang, Key::Paused),
        Status::Crashed => t(lang, Key::Crashed),
    };
    let role = super::ring::role_text(node, lang);
    let timer = node.timer.map(|left| {
        html! {
            <div class="timer-bar" title={t(lang, Key::TimerHint)}>
                <span class="timer-name">{ t(lang, Key::Timer) }</span>
                <span class="timer-track"><span class="timer-fill" style={format!("width:{}%", Fixed(left * 100.0, 1))} /></span>
                <span class="timer-pct">{ format!("{}%", Fixed(left * 100.0, 0)) }</span>
            </div>
        }
    });
    let voters = |ids: &[usize]| {
        let names: Vec<String> = ids
            .iter()
            .filter_map(|&j| p.names.get(j).cloned())
            .collect();
        crate::glossary::list(&names, lang)
    };
    html! {
        <div class={classes!("details", role_slug(node))} data-testid="node-details"
             data-node={node.name.clone()}>
            <div class="details-head">
                <span class="details-swatch" style={format!("background:{}", super::ring::role_colour(node))} />
                <strong class="details-name">{ &node.name }</strong>
                <span class="details-role">{ role }</span>
                <span class={classes!("status-pill", status_slug(node.status))}>{ status }</span>
            </div>
            <dl class="fields">
                { for node.fields.iter().map(|f| html! {
                    <>
                        <dt>{ &f.label }</dt>
                        <dd>{ &f.value }</dd>
                    </>
                }) }
                if !node.votes.is_empty() {
                    <dt>{ t(lang, Key::VotesFrom) }</dt>
                    <dd>{ voters(&node.votes) }</dd>
                }
                if !node.denials.is_empty() {
                    <dt>{ t(lang, Key::DeniedBy) }</dt>
                    <dd>{ voters(&node.denials) }</dd>
                }
            </dl>
            { timer }
            <div class="button-row wrap">
                if node.status == Status::Crashed {
                    { button(Key::Restart, NodeCmd::Restart, "details-restart", "C") }
                } else {
                    { button(Key::Crash, NodeCmd::Crash, "details-crash", "C") }
                }
                if node.status == Status::Paused {
                    { button(Key::ResumeNode, NodeCmd::Resume, "details-resume", "P") }
                } else if node.status == Status::Up {
                    { button(Key::PauseNode, NodeCmd::Pause, "details-pause", "P") }
                }
                if node.status == Status::Up {
                    { button(Key::ForceTimeout, NodeCmd::Timeout, "details-timeout", "E") }
                }
                { button(Key::ClientRequest, NodeCmd::Client, "details-client", "R") }
            </div>
        </div>
    }
}
