//! The cluster as a ring (SVG): every node with its role (shape, colour and words), term and
//! election timer (an arc that runs down), a candidate's votes, the links between nodes
//! (cut, one-way cut or partitioned), and every message in flight, placed by its progress in
//! virtual time. Colour (Okabe–Ito) and shape both carry the role, the message type and
//! its outcome. Everything drawn comes from the [`Scene`]; clicks become messages for the
//! app.
//!
//! DOM contract: `svg[data-testid=ring-svg]`; `g.node[data-node][data-role][data-status]`;
//! `g.msg[data-msg-id][data-kind][data-outcome]`; `g.link[data-link="n1-n2"][data-cut]`.

use super::spacetime::kind_colour;
use crate::core::Fixed;
use crate::core::{Lang, NodeId};
use crate::sim::{Action, Status};
use crate::ui::i18n::{t, Key};
use crate::ui::state::{role_slug, status_slug, Menu, Msg};
use crate::viz::scene::{ring_position, MessageView, NodeView, Shape};
use crate::viz::Scene;
use std::rc::Rc;
use yew::prelude::*;

/// The SVG's user units: a square `SIZE` wide.
const SIZE: f64 = 600.0;

/// Okabe–Ito colours of the node roles.
pub fn role_colour(n: &NodeView) -> &'static str {
    if n.status == Status::Crashed {
        return "#8c8c8c";
    }
    match n.shape {
        Shape::Leader => "#009E73",
        Shape::Candidate => "#E69F00",
        Shape::PreCandidate => "#E69F00",
        Shape::Proposing => "#009E73",
        Shape::Follower => "#0072B2",
        Shape::Idle => "#56B4E9",
    }
}

/// Where node `i` of `n` sits, in SVG units.
fn pos(i: NodeId, n: usize) -> (f64, f64) {
    let (x, y) = ring_position(i, n);
    (x * SIZE, y * SIZE)
}

/// The radius of a node: as large as fits between neighbours, at most 56.
fn node_radius(n: usize) -> f64 {
    if n <= 1 {
        return 56.0;
    }
    let chord = 2.0 * 0.38 * SIZE * (std::f64::consts::PI / n as f64).sin();
    (chord * 0.27).min(56.0)
}

fn f(x: f64) -> String {
    Fixed(x, 1).to_string()
}

/// The outline of a node of radius `r` centred at the origin, by its role.
fn body(shape: Shape, r: f64, class: &'static str) -> Html {
    match shape {
        Shape::Leader => {
            // A hexagon.
            let pts: Vec<String> = (0..6)
                .map(|k| {
                    let a = std::f64::consts::TAU * k as f64 / 6.0;
                    format!("{},{}", f(1.12 * r * a.cos()), f(1.12 * r * a.sin()))
                })
                .collect();
            html! { <polygon class={class} points={pts.join(" ")} /> }
        }
        Shape::Candidate | Shape::PreCandidate => {
            let d = r * 1.3;
            html! {
                <polygon class={class}
                    points={format!("0,{} {},0 0,{} {},0", f(-d), f(d), f(d), f(-d))} />
            }
        }
        Shape::Proposing => {
            let s = r * 0.92;
            html! {
                <rect class={class} x={f(-s)} y={f(-s)} width={f(2.0 * s)} height={f(2.0 * s)}
                      rx="8" />
            }
        }
        Shape::Follower | Shape::Idle => html! { <circle class={class} r={f(r)} /> },
    }
}

/// The role's name in the interface language, for the ring. Raft roles come from the
/// scene; Paxos proposers are named by their phase.
pub fn role_text(n: &NodeView, protocol: &str, lang: Lang) -> String {
    if n.status == Status::Crashed {
        return t(lang, Key::Crashed).to_string();
    }
    if protocol == "raft" {
        return n.role.clone();
    }
    t(
        lang,
        match n.shape {
            Shape::Leader => Key::PaxosLeader,
            Shape::Candidate => Key::PaxosPhase1,
            Shape::PreCandidate => Key::PaxosReading,
            Shape::Proposing => Key::PaxosPhase2,
            Shape::Idle => Key::PaxosIdle,
            Shape::Follower => Key::PaxosAcceptor,
        },
    )
    .to_string()
}

#[derive(Properties, PartialEq)]
pub struct RingProps {
    pub scene: Rc<Scene>,
    pub lang: Lang,
    #[prop_or_default]
    pub selected: Option<NodeId>,
    /// The message shown in the inspector (highlighted).
    #[prop_or_default]
    pub inspected: Option<u64>,
    /// The app's update path. A click (or right-click, or Enter) on a node opens its menu;
    /// a click on a link cuts or restores it, a right-click opens its menu (one-way cuts);
    /// hovering a message shows it in the inspector, a click drops it.
    pub dispatch: Callback<Msg>,
    /// Drawn over the ring (the pop-up menus).
    #[prop_or_default]
    pub children: Html,
}

/// Where a mouse event happened, in px from `el`'s top-left corner.
fn offset_in(el: &NodeRef, e: &MouseEvent) -> (f64, f64) {
    match el.cast::<web_sys::Element>() {
        Some(b) => {
            let r = b.get_bounding_client_rect();
            (
                e.client_x() as f64 - r.left(),
                e.client_y() as f64 - r.top(),
            )
        }
        None => (e.offset_x() as f64, e.offset_y() as f64),
    }
}

#[component]
pub fn Ring(props: &RingProps) -> Html {
    let lang = props.lang;
    let scene = &props.scene;
    let n = scene.nodes.len();
    let r = node_radius(n);
    let boxref = use_node_ref();

    let names: Rc<Vec<String>> = use_memo(
        scene
            .nodes
            .iter()
            .map(|x| x.name.clone())
            .collect::<Vec<_>>(),
        |v| v.clone(),
    );
    let nodes = scene.nodes.iter().map(|node| {
        html! {
            <NodeGlyph key={node.id} node={node.clone()} n={n} r={r} lang={lang}
                       protocol={AttrValue::from(scene.protocol.clone())}
                       selected={props.selected == Some(node.id)}
                       group={group_of(&scene.groups, node.id)}
                       dispatch={props.dispatch.clone()} boxref={boxref.clone()} />
        }
    });

    let messages = scene
        .messages
        .iter()
        .filter(|m| m.from < n && m.to < n)
        .map(|m| {
            message(
                m,
                n,
                r,
                props.inspected == Some(m.id),
                lang,
                &props.dispatch,
            )
        });

    let dispatch = props.dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Msg::CloseMenu));
    // RaftScope's T and A: re-arm every timeout timer well apart, or all at once.
    let tool = |a: Action| {
        let d = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            d.emit(Msg::Act(a.clone()))
        })
    };
    let leader = scene
        .nodes
        .iter()
        .find(|x| x.shape == Shape::Leader && x.status == Status::Up)
        .map(|x| x.name.clone());
    let aria = match &leader {
        Some(l) => format!("{} {}: {l}", t(lang, Key::RingAria), t(lang, Key::Leader)),
        None => t(lang, Key::RingAria).to_string(),
    };
    html! {
        <div class="ring-box" ref={boxref.clone()}>
            <svg class="ring" viewBox={format!("0 0 {} {}", Fixed(SIZE, 0), Fixed(SIZE, 0))} role="img" aria-label={aria}
                 preserveAspectRatio="xMidYMid meet"
                 data-testid="ring-svg" data-nodes={n.to_string()}
                 data-protocol={scene.protocol.clone()} {onclick}>
                <defs>
                    <marker id="cut-arrow" viewBox="0 0 10 10" refX="9" refY="5"
                            markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" fill="#D55E00" />
                    </marker>
                    <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse"
                             patternTransform="rotate(45)">
                        <line x1="0" y1="0" x2="0" y2="6" stroke="#b0b0b0" stroke-width="2" />
                    </pattern>
                </defs>
                <Links n={n} names={names} groups={scene.groups.clone()} cut={scene.cut.clone()}
                       r={r} lang={lang} dispatch={props.dispatch.clone()} boxref={boxref.clone()} />
                <g class="messages">{ for messages }</g>
                <g class="nodes">{ for nodes }</g>
            </svg>
            <div class="ring-tools" role="group" aria-label={t(lang, Key::TimersGroup)}>
                <button type="button" class="text-button small" data-testid="spread-timers"
                        title={format!("{} (T)", t(lang, Key::SpreadHint))}
                        onclick={tool(Action::SpreadTimers)}>
                    { t(lang, Key::SpreadTimers) }
                </button>
                <button type="button" class="text-button small" data-testid="align-timers"
                        title={format!("{} (A)", t(lang, Key::AlignHint))}
                        onclick={tool(Action::AlignTimers)}>
                    { t(lang, Key::AlignTimers) }
                </button>
            </div>
            { props.children.clone() }
        </div>
    }
}

/// The partition group of node `i` (0 when the network is whole).
fn group_of(groups: &[Vec<NodeId>], i: NodeId) -> usize {
    if groups.len() <= 1 {
        return 0;
    }
    groups
        .iter()
        .position(|g| g.contains(&i))
        .map_or(0, |k| k + 1)
}

#[derive(Properties, PartialEq)]
struct NodeGlyphProps {
    node: NodeView,
    n: usize,
    r: f64,
    lang: Lang,
    protocol: AttrValue,
    selected: bool,
    /// 1-based partition group, 0 when not partitioned.
    group: usize,
    dispatch: Callback<Msg>,
    boxref: NodeRef,
}

/// One node. A separate component so that a node whose view did not change (a leader, a
/// paused or crashed node) is not redrawn.
#[component]
fn NodeGlyph(p: &NodeGlyphProps) -> Html {
    let node = &p.node;
    let lang = p.lang;
    let i = node.id;
    let open = move |d: &Callback<Msg>, (x, y): (f64, f64)| {
        d.emit(Msg::OpenMenu(Menu::Node { node: i, x, y }))
    };
    let (d, b) = (p.dispatch.clone(), p.boxref.clone());
    let onclick = Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        open(&d, offset_in(&b, &e));
    });
    let (d, b) = (p.dispatch.clone(), p.boxref.clone());
    let oncontextmenu = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        e.stop_propagation();
        open(&d, offset_in(&b, &e));
    });
    let (d, b) = (p.dispatch.clone(), p.boxref.clone());
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() != "Enter" {
            return;
        }
        e.prevent_default();
        let target: Option<web_sys::Element> = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok());
        if let (Some(el), Some(bx)) = (target, b.cast::<web_sys::Element>()) {
            let (er, br) = (el.get_bounding_client_rect(), bx.get_bounding_client_rect());
            open(
                &d,
                (
                    er.left() + er.width() / 2.0 - br.left(),
                    er.top() + er.height() / 2.0 - br.top(),
                ),
            );
        }
    });
    let (x, y) = pos(node.id, p.n);
    let r = p.r;
    let colour = role_colour(node);
    let crashed = node.status == Status::Crashed;
    let paused = node.status == Status::Paused;
    let shape = if crashed { Shape::Follower } else { node.shape };
    let role = role_text(node, &p.protocol, lang);
    let status_word = match node.status {
        Status::Up => String::new(),
        Status::Paused => format!(" · {}", t(lang, Key::Paused)),
        Status::Crashed => String::new(),
    };
    let label = format!(
        "{}: {role}{status_word}, {}. {}",
        node.name,
        node.term_label,
        t(lang, Key::NodeHint)
    );
    // The election timer: an arc around the node that runs down and is reset by heartbeats.
    let timer = node.timer.filter(|_| !crashed).map(|left| {
        let tr = r * if matches!(shape, Shape::Candidate | Shape::PreCandidate) {
            1.38
        } else {
            1.2
        };
        let c = std::f64::consts::TAU * tr;
        html! {
            <g class="timer" data-timer={Fixed(left, 3).to_string()}>
                <circle class="timer-track" r={f(tr)} />
                <circle class="timer-arc" r={f(tr)} transform="rotate(-90)"
                        stroke-dasharray={format!("{} {}", Fixed(c * left, 1), Fixed(c, 1))} />
            </g>
        }
    });
    // A candidate's (or a Paxos proposer's) votes: one dot per node, filled when granted.
    let votes = (!node.votes.is_empty() || !node.denials.is_empty()).then(|| {
        let k = p.n as f64;
        let gap = 11.0;
        let y0 = r * if matches!(shape, Shape::Candidate | Shape::PreCandidate) {
            1.3
        } else {
            1.0
        } + 30.0;
        let dots = (0..p.n).map(|j| {
            let cx = (j as f64 - (k - 1.0) / 2.0) * gap;
            let (class, glyph) = if node.votes.contains(&j) {
                ("vote granted", "✓")
            } else if node.denials.contains(&j) {
                ("vote denied", "✕")
            } else {
                ("vote pending", "")
            };
            html! {
                <g class={class} transform={format!("translate({},{})", f(cx), f(y0))}>
                    <circle r="4.6" />
                    <text class="vote-mark" y="2.6">{ glyph }</text>
                </g>
            }
        });
        html! {
            <g class="votes" data-votes={node.votes.len().to_string()}>
                <title>{ format!("{} {}/{}", t(lang, Key::Votes), node.votes.len(), p.n) }</title>
                { for dots }
            </g>
        }
    });
    let below = if let Some((b, v)) = &node.accepted {
        Some(format!("{} {b} = {v}", t(lang, Key::AcceptedShort)))
    } else {
        None
    };
    let below_y = r * 1.42 + 14.0;
    html! {
        <g class={classes!("node", role_slug(node), status_slug(node.status), p.selected.then_some("selected"))}
           transform={format!("translate({},{})", f(x), f(y))}
           data-node={node.name.clone()} data-role={role_slug(node)}
           data-status={status_slug(node.status)} data-term={node.term.to_string()}
           tabindex="0" role="button" aria-label={label.clone()}
           style={format!("--role: {colour}")}
           {onclick} {oncontextmenu} {onkeydown}>
            <title>{ label }</title>
            if p.selected {
                <circle class="select-ring" r={f(r * 1.55)} />
            }
            { timer }
            { body(shape, r, "node-body") }
            if crashed {
                <g class="crash-mark">
                    <line x1={f(-r * 0.62)} y1={f(-r * 0.62)} x2={f(r * 0.62)} y2={f(r * 0.62)} />
                    <line x1={f(r * 0.62)} y1={f(-r * 0.62)} x2={f(-r * 0.62)} y2={f(r * 0.62)} />
                </g>
            }
            if paused {
                <g class="pause-mark" transform={format!("translate({},{})", f(r * 0.78), f(-r * 0.78))}>
                    <circle r="11" />
                    <rect x="-5" y="-5.5" width="3.4" height="11" />
                    <rect x="1.6" y="-5.5" width="3.4" height="11" />
                </g>
            }
            if p.group > 0 {
                <g class={classes!("group-badge", format!("g{}", p.group))}
                   transform={format!("translate({},{})", f(-r * 0.8), f(-r * 0.8))}>
                    <circle r="10" />
                    <text y="4">{ group_letter(p.group) }</text>
                </g>
            }
            <text class="node-name" y={f(-r * 0.22)}>{ &node.name }</text>
            <text class="node-role" y={f(r * 0.12)}>{ role }</text>
            <text class="node-term" y={f(r * 0.44)}>{ &node.term_label }</text>
            if let Some(b) = below {
                <text class="node-below" y={f(below_y)}>{ b }</text>
            }
            { votes }
        </g>
    }
}

/// The letter of partition group `g` (1-based): A, B, C, …
pub fn group_letter(g: usize) -> String {
    char::from(b'A' + ((g.max(1) - 1) % 26) as u8).to_string()
}

/// The endpoints of the segment from node `a` to node `b` that lies outside both nodes,
/// shifted `side` units to the right of the direction of travel (so that the two
/// directions of a link use two lanes).
fn lane(a: NodeId, b: NodeId, n: usize, r: f64, side: f64) -> ((f64, f64), (f64, f64)) {
    let (x0, y0) = pos(a, n);
    let (x1, y1) = pos(b, n);
    let (dx, dy) = (x1 - x0, y1 - y0);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let (nx, ny) = (-uy * side, ux * side);
    let gap = r * 1.15;
    (
        (x0 + ux * gap + nx, y0 + uy * gap + ny),
        (x1 - ux * gap + nx, y1 - uy * gap + ny),
    )
}

fn message(
    m: &MessageView,
    n: usize,
    r: f64,
    inspected: bool,
    lang: Lang,
    dispatch: &Callback<Msg>,
) -> Html {
    let id = m.id;
    let d = dispatch.clone();
    let onmouseenter = Callback::from(move |_: MouseEvent| d.emit(Msg::HoverMessage(Some(id))));
    let d = dispatch.clone();
    let onmouseleave = Callback::from(move |_: MouseEvent| d.emit(Msg::HoverMessage(None)));
    let d = dispatch.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        d.emit(Msg::DropMessage(id));
    });
    let ((x0, y0), (x1, y1)) = lane(m.from, m.to, n, r, 8.0);
    let p = m.progress.clamp(0.0, 1.0);
    let (x, y) = (x0 + (x1 - x0) * p, y0 + (y1 - y0) * p);
    let colour = kind_colour(&m.kind);
    let outcome = match m.outcome {
        None => "request",
        Some(true) => "ok",
        Some(false) => "denied",
    };
    let s = 9.0;
    let shape = match (m.outcome, m.kind.as_str()) {
        (Some(false), _) => html! {
            // A cross: denied / rejected / Nack.
            <path class="msg-shape" d="M-9,-4.5 L-4.5,-9 L0,-4.5 L4.5,-9 L9,-4.5 L4.5,0 L9,4.5 L4.5,9 L0,4.5 L-4.5,9 L-9,4.5 L-4.5,0 Z" />
        },
        (Some(true), _) => html! {
            <>
                <circle class="msg-shape" r={f(s)} />
                <path class="msg-tick" d="M-4.4,0.2 L-1.2,3.4 L4.6,-3.2" />
            </>
        },
        (None, "Heartbeat") => html! {
            <rect class="msg-shape" x="-5.5" y="-5.5" width="11" height="11" rx="2" />
        },
        (None, "AppendEntries" | "Accept") => html! {
            <rect class="msg-shape" x={f(-s)} y={f(-s)} width={f(2.0 * s)} height={f(2.0 * s)} rx="2" />
        },
        (None, "Chosen") => html! {
            <polygon class="msg-shape" points="0,-11 10,7 -10,7" />
        },
        (None, "CatchUp") => html! {
            <polygon class="msg-shape" points="0,11 10,-7 -10,-7" />
        },
        // RequestVote, PreVote, Prepare and anything else asking: a diamond.
        (None, _) => html! {
            <polygon class="msg-shape" points={format!("0,{} {},0 0,{} {},0", f(-s - 1.5), f(s + 1.5), f(s + 1.5), f(-s - 1.5))} />
        },
    };
    html! {
        <g key={m.id} class={classes!("msg", m.held.then_some("held"), inspected.then_some("inspected"))}
           transform={format!("translate({},{})", f(x), f(y))}
           data-msg-id={m.id.to_string()} data-kind={m.kind.clone()} data-outcome={outcome}
           style={format!("--kind: {colour}")} aria-label={format!("{} — {}", m.summary, t(lang, Key::MessageHint))}
           {onmouseenter} {onmouseleave} {onclick}>
            <circle class="msg-hit" r="14" />
            if inspected || m.held {
                <circle class="msg-halo" r="15" />
            }
            { shape }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct LinksProps {
    n: usize,
    names: Rc<Vec<String>>,
    groups: Vec<Vec<NodeId>>,
    cut: Vec<(NodeId, NodeId)>,
    r: f64,
    lang: Lang,
    dispatch: Callback<Msg>,
    boxref: NodeRef,
}

/// Every link of the cluster: redrawn only when the topology changes.
#[component]
fn Links(p: &LinksProps) -> Html {
    let n = p.n;
    let lang = p.lang;
    let group = |i: NodeId| p.groups.iter().position(|g| g.contains(&i));
    let mut out = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let split = p.groups.len() > 1 && group(a) != group(b);
            let ab = p.cut.contains(&(a, b));
            let ba = p.cut.contains(&(b, a));
            let (na, nb) = (&p.names[a], &p.names[b]);
            let state = if split {
                "partition".to_string()
            } else {
                match (ab, ba) {
                    (true, true) => "both".to_string(),
                    (true, false) => format!("{na}>{nb}"),
                    (false, true) => format!("{nb}>{na}"),
                    (false, false) => "none".to_string(),
                }
            };
            let ((x0, y0), (x1, y1)) = lane(a, b, n, p.r, 0.0);
            let hint = format!(
                "{na} ↔ {nb}: {}",
                t(
                    lang,
                    if ab && ba {
                        Key::LinkHintRestore
                    } else {
                        Key::LinkHintCut
                    }
                )
            );
            let d = p.dispatch.clone();
            let onclick = Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                d.emit(Msg::ToggleLink(a, b));
            });
            let (d, bx) = (p.dispatch.clone(), p.boxref.clone());
            let oncontextmenu = Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                e.stop_propagation();
                let (x, y) = offset_in(&bx, &e);
                d.emit(Msg::OpenMenu(Menu::Link { a, b, x, y }));
            });
            let line = |class: &'static str, (x0, y0): (f64, f64), (x1, y1): (f64, f64)| {
                html! { <line class={class} x1={f(x0)} y1={f(y0)} x2={f(x1)} y2={f(y1)} /> }
            };
            // A one-way cut: the blocked direction's lane, with an arrow toward the node
            // that no longer hears the other.
            let one_way = |from: NodeId, to: NodeId| {
                let (s, e) = lane(from, to, n, p.r, 6.0);
                html! {
                    <line class="lane-cut" x1={f(s.0)} y1={f(s.1)} x2={f(e.0)} y2={f(e.1)}
                          marker-end="url(#cut-arrow)" />
                }
            };
            let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
            out.push(html! {
                <g key={format!("{a}-{b}")} class={classes!("link", format!("link-{}", if split { "partition" } else if ab && ba { "cut" } else if ab || ba { "oneway" } else { "ok" }))}
                   data-link={format!("{na}-{nb}")} data-cut={state}
                   {onclick} {oncontextmenu}>
                    <title>{ hint }</title>
                    { line("link-line", (x0, y0), (x1, y1)) }
                    if !split && ab != ba {
                        if ab { { one_way(a, b) } } else { { one_way(b, a) } }
                    }
                    if !split && ab && ba {
                        <text class="link-scissors" x={f(mx)} y={f(my + 5.0)}>{ "✂" }</text>
                    }
                    { line("link-hit", (x0, y0), (x1, y1)) }
                </g>
            });
        }
    }
    html! { <g class="links">{ for out }</g> }
}
