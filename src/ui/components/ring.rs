//! The cluster as a ring of nodes (SVG), with messages as dots travelling between them.

use super::use_lang;
use crate::ui::i18n::{t, Key};
use crate::ui::view::{Liveness, MessageView, NodeView, Role};
use yew::prelude::*;

/// The SVG's coordinate system: a square `SIZE` wide, the ring centred in it.
const SIZE: f64 = 400.0;
const RING_RADIUS: f64 = 140.0;
const NODE_RADIUS: f64 = 34.0;

#[derive(Properties, PartialEq)]
pub struct RingProps {
    pub nodes: Vec<NodeView>,
    #[prop_or_default]
    pub messages: Vec<MessageView>,
}

/// Where node `i` of `n` sits: evenly spaced, the first at the top, clockwise.
pub fn position(i: usize, n: usize) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
    (
        SIZE / 2.0 + RING_RADIUS * angle.cos(),
        SIZE / 2.0 + RING_RADIUS * angle.sin(),
    )
}

fn role_class(n: &NodeView) -> &'static str {
    match (n.liveness, n.role) {
        (Liveness::Crashed, _) => "crashed",
        (Liveness::Paused, _) => "paused",
        (Liveness::Up, Role::Leader) => "leader",
        (Liveness::Up, Role::Candidate) => "candidate",
        (Liveness::Up, Role::PreCandidate) => "pre-candidate",
        (Liveness::Up, Role::Follower) => "follower",
    }
}

fn role_key(n: &NodeView) -> Key {
    match (n.liveness, n.role) {
        (Liveness::Crashed, _) => Key::Crashed,
        (Liveness::Paused, _) => Key::Paused,
        (Liveness::Up, Role::Leader) => Key::Leader,
        (Liveness::Up, Role::Candidate) => Key::Candidate,
        (Liveness::Up, Role::PreCandidate) => Key::PreCandidate,
        (Liveness::Up, Role::Follower) => Key::Follower,
    }
}

#[component]
pub fn Ring(props: &RingProps) -> Html {
    let lang = use_lang();
    let n = props.nodes.len();
    let c = SIZE / 2.0;
    let view_box = format!("0 0 {SIZE} {SIZE}");
    let body = {
        let messages = props
            .messages
            .iter()
            .filter(|m| m.from < n && m.to < n)
            .map(|m| {
                let (x0, y0) = position(m.from, n);
                let (x1, y1) = position(m.to, n);
                let p = m.progress.clamp(0.0, 1.0);
                let (x, y) = (x0 + (x1 - x0) * p, y0 + (y1 - y0) * p);
                html! {
                    <circle key={m.id} class={classes!("message", m.kind.clone())}
                            cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="6">
                        <title>{ &m.kind }</title>
                    </circle>
                }
            });
        let nodes = props.nodes.iter().enumerate().map(|(i, node)| {
            let (x, y) = position(i, n);
            html! {
                <g key={i} class={classes!("node", role_class(node))} data-node={node.name.clone()}>
                    <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")}
                            r={NODE_RADIUS.to_string()} />
                    <text class="node-name" x={format!("{x:.1}")} y={format!("{:.1}", y - 4.0)}>
                        { &node.name }
                    </text>
                    <text class="node-term" x={format!("{x:.1}")} y={format!("{:.1}", y + 14.0)}>
                        { format!("{} {}", t(lang, Key::Term), node.term) }
                    </text>
                    <text class="node-role" x={format!("{x:.1}")}
                          y={format!("{:.1}", y + NODE_RADIUS + 16.0)}>
                        { t(lang, role_key(node)) }
                    </text>
                </g>
            }
        });
        html! {
            <>
                <circle class="ring-track" cx={c.to_string()} cy={c.to_string()}
                        r={RING_RADIUS.to_string()} />
                { for messages }
                { for nodes }
            </>
        }
    };
    html! {
        <svg class="ring" viewBox={view_box} role="img" aria-label={t(lang, Key::RingAria)}
             data-testid="ring-svg" data-nodes={n.to_string()}>
            { body }
        </svg>
    }
}
