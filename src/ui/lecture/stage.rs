//! The cluster as lecture mode draws it: one SVG with the nodes on a ring, the messages in
//! flight, and every node's log underneath, drawn large enough to read from the back of a
//! room. Colours and sizes are presentation attributes, not CSS, so the SVG stands alone
//! when it is exported for slides.
//!
//! Props: `scene: Rc<Scene>` (what to draw), `lang`, the selected node and message, and
//! `on_node` / `on_message` (a click on a node or a message dot).
//!
//! DOM contract (tests): `svg[data-testid=stage-svg]` with `data-time` (µs); one
//! `g.lec-stage-node` per node with `data-node` (name), `data-shape` and `data-status` (as the
//! scene serialises them: "Hexagon", "Up"), `data-term` and `data-commit` (committed cells);
//! one `g.lec-stage-msg[data-msg=<id>]` per message in flight.

use super::sequence::kind_colour;
use super::strings::{fill, t, L};
use crate::core::{fmt_time, Lang};
use crate::sim::Status;
use crate::viz::scene::{Badge, NodeView};
use crate::viz::Scene;
use std::rc::Rc;
use yew::prelude::*;

/// The SVG's width in user units.
pub const W: f64 = 1000.0;
const CX: f64 = 500.0;
/// The ring is an ellipse, wider than tall, to use the width of the stage.
const RING_X: f64 = 320.0;
const LOG_ROW: f64 = 56.0;
/// The largest a log cell is drawn, its height, and the gap between cells.
const CELL_W: f64 = 92.0;
const CELL_H: f64 = 50.0;
const CELL_GAP: f64 = 6.0;
const CELL_X0: f64 = 120.0;
/// The width the cells share (the commit count takes the rest).
const LOG_WIDTH: f64 = W - CELL_X0 - 170.0;
/// Log columns shown at most; longer logs show their newest entries.
const MAX_CELLS: usize = 13;
/// The radius of the loop a message to oneself travels.
const LOOP_R: f64 = 24.0;
/// The band under the logs that names a broken invariant.
const VIOLATION_BAND: f64 = 56.0;
/// Room above the drawing (user units) for the labels over the top node: a candidate's
/// "votes A B" sits about 20 units above y = 0, and would be cut off on screen and in the
/// exported SVG and PNG (which keep this viewBox).
const TOP: f64 = 36.0;

pub const FONT: &str = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', \
    'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Zen Hei', sans-serif";
const INK: &str = "#111111";
const MUTED: &str = "#4a4a4a";

#[derive(Properties, PartialEq)]
pub struct StageProps {
    pub scene: Rc<Scene>,
    pub lang: Lang,
    #[prop_or_default]
    pub selected_node: Option<usize>,
    #[prop_or_default]
    pub selected_msg: Option<u64>,
    #[prop_or_default]
    pub on_node: Callback<usize>,
    #[prop_or_default]
    pub on_message: Callback<u64>,
    /// Presentation mode: every label at least [`BIG`] units (18 px or more on a 1024x768
    /// projector, where the stage is about 530 px wide), and the log one line per cell.
    #[prop_or_default]
    pub big: bool,
}

/// The least size of a label in presentation mode, in user units.
const BIG: f64 = 35.0;

/// A label's size: `size`, or [`BIG`] in presentation mode when that is larger.
fn sz(size: f64, big: bool) -> f64 {
    if big {
        size.max(BIG)
    } else {
        size
    }
}

/// The layout for `n` nodes: six or more get a smaller ring, so their logs have room.
#[derive(Clone, Copy)]
struct Geo {
    /// The ring's centre (y) and vertical radius.
    cy: f64,
    ry: f64,
    /// A node's radius, and the scale of the type inside it.
    r: f64,
    k: f64,
    /// Where the logs begin.
    log_top: f64,
}

fn geo(n: usize) -> Geo {
    if n >= 6 {
        Geo {
            cy: 350.0,
            ry: 215.0,
            r: 60.0,
            k: 60.0 / 70.0,
            log_top: 735.0,
        }
    } else {
        Geo {
            cy: 390.0,
            ry: 245.0,
            r: 70.0,
            k: 1.0,
            log_top: 815.0,
        }
    }
}

/// The height of the SVG for `n` nodes.
pub fn height(n: usize) -> f64 {
    geo(n).log_top + 40.0 + LOG_ROW * n.max(1) as f64 + 10.0
}

/// Where node `i` of `n` sits: the first at the top, clockwise.
fn position(i: usize, n: usize) -> (f64, f64) {
    let g = geo(n);
    if n <= 1 {
        return (CX, g.cy);
    }
    let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
    (CX + RING_X * a.cos(), g.cy + g.ry * a.sin())
}

/// The role colour (Okabe–Ito, colour-blind safe; the shape and the words carry the role
/// as well).
fn role_colour(shape: Badge, status: Status) -> (&'static str, &'static str) {
    // (stroke, fill)
    match (status, shape) {
        (Status::Crashed, _) => ("#6b6b6b", "#d4d4d4"),
        (Status::Paused, _) => ("#5b3a99", "#e6dcf5"),
        (_, Badge::Hexagon) => ("#007a5a", "#c9efe1"),
        (_, Badge::Diamond) | (_, Badge::Square) => ("#b36b00", "#fde3b3"),
        (_, Badge::DiamondAlt) => ("#a34f83", "#f5d6ea"),
        (_, Badge::Circle) => ("#005a8c", "#d3e8f6"),
        (_, Badge::CircleAlt) => ("#3d5a73", "#e4ebf1"),
    }
}

/// The tint of a log cell by its term (or ballot round).
fn term_tint(term: u64) -> &'static str {
    const TINTS: [&str; 6] = [
        "#cfe5f7", "#fde3b3", "#c9efe1", "#f5d6ea", "#fff3b0", "#e0d4f7",
    ];
    TINTS[(term as usize) % TINTS.len()]
}

fn txt(x: f64, y: f64, size: f64, weight: &'static str, fill_: &'static str, s: String) -> Html {
    html! {
        <text x={format!("{x:.1}")} y={format!("{y:.1}")} font-size={format!("{size:.1}")}
              font-weight={weight} fill={fill_} text-anchor="middle">{ s }</text>
    }
}

fn status_key(s: Status) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn shape_key(s: Badge) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// How many of a node's log cells are committed (Raft: `commit_index`; Paxos: chosen).
pub fn committed(node: &NodeView) -> usize {
    node.log.iter().filter(|c| c.committed).count()
}

/// The word under a node: what it is doing (from the scene: Raft's role, a Paxos
/// proposer's phase), or that it is crashed or frozen.
fn role_word(node: &NodeView, lang: Lang) -> String {
    match node.status {
        Status::Crashed => t(lang, L::Crashed).to_string(),
        Status::Paused => t(lang, L::Frozen).to_string(),
        Status::Up => node.role.clone(),
    }
}

/// The number in a node with its label: one line when short ("term 2"); otherwise the label
/// small over the value large ("promised" / "2.1").
fn term_html(x: f64, y: f64, k: f64, label: &str, big: bool) -> Html {
    match label.rsplit_once(' ') {
        Some((words, value)) if label.chars().count() > 8 => html! { <>
            { txt(x, y + 22.0 * k, if big { 26.0 } else { 19.0 * k }, "600", MUTED, words.to_string()) }
            { txt(x, y + 50.0 * k, sz(28.0 * k, big), "700", INK, value.to_string()) }
        </> },
        _ => {
            // Squeezed to the node's width when it would overflow it ("第 1 任期" in large
            // type): roughly 0.6 of the size per Latin character, 1 per CJK one.
            let size = sz(30.0 * k, big);
            let width: f64 = label
                .chars()
                .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
                .sum::<f64>()
                * size;
            let room = 2.0 * (70.0 * k) * 0.82;
            let fit = (width > room).then(|| format!("{room:.1}"));
            html! {
                <text x={format!("{x:.1}")} y={format!("{:.1}", y + 40.0 * k)}
                      font-size={format!("{size:.1}")} font-weight="600" fill={INK}
                      text-anchor="middle" textLength={fit.clone()}
                      lengthAdjust={fit.map(|_| "spacingAndGlyphs")}>{ label }</text>
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn node_html(
    node: &NodeView,
    i: usize,
    n: usize,
    lang: Lang,
    selected: bool,
    names: &[String],
    on_node: &Callback<usize>,
    big: bool,
) -> Html {
    let (x, y) = position(i, n);
    let Geo {
        cy, r: node_r, k, ..
    } = geo(n);
    let (stroke, fill_) = role_colour(node.badge, node.status);
    let dash = match (node.status, node.badge) {
        (Status::Paused, _) => Some("4 6"),
        (Status::Up, Badge::Diamond | Badge::DiamondAlt | Badge::Square) => Some("14 7"),
        _ => None,
    };
    let width = if node.badge == Badge::Hexagon && node.status == Status::Up {
        10
    } else {
        6
    };
    let role = role_word(node, lang);
    // The election (or retry) timer: an arc round the node, shrinking as it runs out.
    let timer = node.timer.filter(|_| node.status == Status::Up).map(|f| {
        let r = node_r + 11.0;
        let f = f.clamp(0.0, 0.9999);
        let a = std::f64::consts::TAU * f;
        let (ex, ey) = (x + r * a.sin(), y - r * a.cos());
        let large = if f > 0.5 { 1 } else { 0 };
        html! {
            <path class="lec-timer" fill="none" stroke="#5a5a5a" stroke-width="5"
                  stroke-linecap="round"
                  d={format!("M{x:.1} {:.1} A{r:.1} {r:.1} 0 {large} 1 {ex:.1} {ey:.1}", y - r)} />
        }
    });
    let crossed = (node.status == Status::Crashed).then(|| {
        let d = node_r * 0.62;
        html! {
            <path stroke="#6b6b6b" stroke-width="7" stroke-linecap="round" fill="none"
                  d={format!("M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}",
                      x - d, y - d, x + d, y + d, x - d, y + d, x + d, y - d)} />
        }
    });
    let votes = (node.status == Status::Up
        && !node.votes.is_empty()
        && matches!(
            node.badge,
            Badge::Diamond | Badge::DiamondAlt | Badge::Square
        ))
    .then(|| {
        let list: Vec<&str> = node
            .votes
            .iter()
            .filter_map(|&v| names.get(v).map(String::as_str))
            .collect();
        fill(lang, L::Votes, &[("list", &list.join(" "))])
    });
    // Labels go outside the ring, away from the centre, so chords stay clear: the role next
    // to the node, the votes beyond it.
    let below = y >= cy - 1.0 || n == 1;
    let gap = sz(32.0, big);
    let (ly1, ly2) = if below {
        (y + node_r + 40.0, y + node_r + 44.0 + gap)
    } else {
        (y - node_r - 22.0, y - node_r - 26.0 - gap)
    };
    let onclick = {
        let on_node = on_node.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            on_node.emit(i);
        })
    };
    // Enter on a focused node selects it too.
    let onkeydown = {
        let on_node = on_node.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                on_node.emit(i);
            }
        })
    };
    html! {
        <g key={node.name.clone()} class="lec-stage-node" data-node={node.name.clone()}
           data-shape={shape_key(node.badge)} data-status={status_key(node.status)}
           data-term={node.term.to_string()} data-commit={committed(node).to_string()}
           role="button" tabindex="0" aria-label={node.name.clone()} {onclick} {onkeydown}
           style="cursor: pointer">
            if selected {
                <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r={format!("{:.1}", node_r + 24.0)}
                        fill="none" stroke="#0047ab" stroke-width="5" stroke-dasharray="10 6" />
            }
            <circle cx={format!("{x:.1}")} cy={format!("{y:.1}")} r={format!("{node_r}")}
                    fill={fill_} stroke={stroke} stroke-width={width.to_string()}
                    stroke-dasharray={dash} />
            <g>{ for timer }{ for crossed }</g>
            { txt(x, y - 2.0 * k, 46.0 * k, "700", INK, node.name.clone()) }
            { term_html(x, y, k, &node.term_label, big) }
            { txt(x, ly1, sz(32.0, big), "700", stroke, role) }
            if let Some(v) = votes {
                { txt(x, ly2, sz(27.0, big), "600", MUTED, v) }
            }
        </g>
    }
}

fn message_html(
    m: &crate::viz::scene::MessageView,
    n: usize,
    selected: bool,
    on_message: &Callback<u64>,
) -> Html {
    let Geo {
        cy: ring_cy,
        r: node_r,
        ..
    } = geo(n);
    let (x0, y0) = position(m.from, n);
    let (x1, y1) = position(m.to, n);
    let p = m.progress.clamp(0.0, 1.0);
    let colour = kind_colour(m.kind);
    // The trail behind the dot, and the dot: along the chord from the sender's edge to the
    // receiver's; a message a node sends itself (Paxos) goes round a small loop beside it.
    let (trail, (px, py)) = if m.from == m.to {
        // Towards the centre of the ring: the labels are on the outside.
        let (ox, oy) = (CX - x0, ring_cy - y0);
        let len = (ox * ox + oy * oy).sqrt();
        let (ox, oy) = if len < 1.0 {
            (0.0, 1.0)
        } else {
            (ox / len, oy / len)
        };
        let (cx, cy) = (
            x0 + ox * (node_r + LOOP_R - 4.0),
            y0 + oy * (node_r + LOOP_R - 4.0),
        );
        let a = oy.atan2(ox) + std::f64::consts::PI + std::f64::consts::TAU * p;
        let trail = html! {
            <circle cx={format!("{cx:.1}")} cy={format!("{cy:.1}")} r={format!("{LOOP_R}")}
                    fill="none" stroke={colour} stroke-width="3" stroke-opacity="0.55" />
        };
        (trail, (cx + LOOP_R * a.cos(), cy + LOOP_R * a.sin()))
    } else {
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        // Just outside the nodes, so a dot that has just left or is about to arrive does not
        // cover the node's name and term.
        let edge = node_r + 14.0;
        let (sx, sy) = (x0 + ux * edge, y0 + uy * edge);
        let (ex, ey) = (x1 - ux * edge, y1 - uy * edge);
        let (px, py) = (sx + (ex - sx) * p, sy + (ey - sy) * p);
        let trail = html! {
            <line x1={format!("{sx:.1}")} y1={format!("{sy:.1}")} x2={format!("{px:.1}")}
                  y2={format!("{py:.1}")} stroke={colour} stroke-width="3" stroke-opacity="0.55" />
        };
        (trail, (px, py))
    };
    let refused = m.outcome == Some(false);
    let id = m.id;
    let onclick = {
        let on_message = on_message.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            on_message.emit(id);
        })
    };
    html! {
        <g key={format!("m{id}")} class="lec-stage-msg" data-msg={id.to_string()}
           data-kind={m.kind} {onclick} style="cursor: pointer">
            { trail }
            if selected {
                <circle cx={format!("{px:.1}")} cy={format!("{py:.1}")} r="24" fill="none"
                        stroke="#0047ab" stroke-width="5" />
            }
            if m.held {
                <circle cx={format!("{px:.1}")} cy={format!("{py:.1}")} r="19" fill="none"
                        stroke={colour} stroke-width="3" stroke-dasharray="4 4" />
            }
            <circle cx={format!("{px:.1}")} cy={format!("{py:.1}")} r="13"
                    fill={if refused { "#ffffff" } else { colour }} stroke={colour}
                    stroke-width={if refused { "5" } else { "2" }} />
            // A wider invisible target, easier to hit with a mouse on a projector.
            <circle cx={format!("{px:.1}")} cy={format!("{py:.1}")} r="26" fill="#000000"
                    fill-opacity="0" />
        </g>
    }
}

/// The kinds of message in flight, with their colours, and what a hollow dot means.
fn legend(scene: &Scene, lang: Lang, big: bool) -> Html {
    let mut kinds: Vec<(&str, bool)> = Vec::new();
    for m in &scene.messages {
        let refused = m.outcome == Some(false);
        if !kinds.iter().any(|(k, r)| *k == m.kind && *r == refused) {
            kinds.push((m.kind, refused));
        }
    }
    kinds.sort_unstable();
    let refused_word = match lang {
        Lang::En => "refused",
        Lang::Zh => "拒绝",
    };
    html! {
        <g class="lec-stage-legend">
            { for kinds.iter().enumerate().map(|(k, (kind, refused))| {
                let y = 32.0 + sz(38.0, big) * k as f64;
                let colour = kind_colour(kind);
                let label = if *refused { format!("{kind} ({refused_word})") } else { kind.to_string() };
                html! {
                    <g key={format!("{kind}{refused}")}>
                        <circle cx="26" cy={format!("{:.1}", y - 9.0)} r="12"
                                fill={if *refused { "#ffffff" } else { colour }} stroke={colour}
                                stroke-width={if *refused { "4" } else { "2" }} />
                        <text x="48" y={format!("{y:.1}")} font-size={format!("{}", sz(26.0, big))} fill={INK}>{ label }</text>
                    </g>
                }
            }) }
        </g>
    }
}

fn logs_html(scene: &Scene, lang: Lang, big: bool) -> Html {
    // Columns by log index (Multi-Paxos logs may have gaps); the newest ones when there are
    // more than fit. Cells are as large as the number of columns allows.
    let indices = scene
        .nodes
        .iter()
        .flat_map(|n| n.log.iter().map(|c| c.index));
    let (lo, hi) = indices.fold((u64::MAX, 0), |(lo, hi), i| (lo.min(i), hi.max(i)));
    let columns = if lo > hi { 0 } else { (hi - lo + 1) as usize };
    // In presentation mode a cell is one line ("t2·x1") in large type: fewer columns.
    let shown = columns.min(if big { 6 } else { MAX_CELLS });
    let first = (hi + 1).saturating_sub(shown as u64);
    let cw = if shown == 0 {
        CELL_W
    } else {
        (LOG_WIDTH / shown as f64 - CELL_GAP).min(CELL_W)
    };
    let tag_size = (cw * 0.26).clamp(13.0, 19.0);
    let value_size = if big {
        BIG
    } else {
        (cw * 0.3).clamp(15.0, 24.0)
    };
    let value_chars = ((cw - 6.0) / (value_size * 0.62)).floor().max(1.0) as usize;
    let col_x = |index: u64| CELL_X0 + (index - first) as f64 * (cw + CELL_GAP);
    let top = geo(scene.nodes.len()).log_top;
    html! {
        <g class="lec-stage-logs">
            <line x1="20" x2={format!("{:.1}", W - 20.0)} y1={format!("{:.1}", top - 22.0)}
                  y2={format!("{:.1}", top - 22.0)} stroke="#999999" stroke-width="2" />
            <text x="20" y={format!("{:.1}", top + 8.0)} font-size={format!("{}", sz(24.0, big))}
                  font-weight="700" fill={INK}>{ t(lang, L::Log) }</text>
            if columns > shown {
                <text x={format!("{:.1}", CELL_X0 - 8.0)} y={format!("{:.1}", top + 8.0)}
                      font-size="22" fill={MUTED} text-anchor="end">{ "…" }</text>
            }
            <g class="lec-log-index">{ for (first..first + shown as u64).map(|idx| {
                let x = col_x(idx) + cw / 2.0;
                html! { <text key={idx} x={format!("{x:.1}")} y={format!("{:.1}", top + 8.0)}
                              font-size={format!("{}", sz(19.0, big))} fill={MUTED}
                              text-anchor="middle">{ idx.to_string() }</text> }
            }) }</g>
            <g class="lec-log-rows">{ for scene.nodes.iter().enumerate().map(|(r, node)| {
                let y = top + 24.0 + LOG_ROW * r as f64;
                let cells = node.log.iter().filter(|c| c.index >= first).map(|c| {
                    let x = col_x(c.index);
                    let line = if big && c.tag != c.value {
                        format!("{}·{}", c.tag, c.value)
                    } else {
                        c.value.clone()
                    };
                    let value: String = line.chars().take(value_chars).collect();
                    html! {
                        <g key={c.index} class={if c.committed { "lec-cell lec-committed" } else { "lec-cell" }}>
                            <rect x={format!("{x:.1}")} y={format!("{y:.1}")}
                                  width={format!("{cw:.1}")} height={format!("{CELL_H}")} rx="6"
                                  fill={if c.committed { term_tint(c.term) } else { "#ffffff" }}
                                  stroke={if c.committed { "#222222" } else { "#777777" }}
                                  stroke-width={if c.committed { "3" } else { "2" }}
                                  stroke-dasharray={(!c.committed).then_some("6 4")} />
                            // The term over the value; just one when they read the same ("t3").
                            if c.tag == c.value || big {
                                <text x={format!("{:.1}", x + cw / 2.0)} y={format!("{:.1}", y + 37.0)}
                                      font-size={format!("{:.1}", if big { value_size } else { value_size * 1.1 })} font-weight="700"
                                      fill={INK} text-anchor="middle">{ value }</text>
                            } else {
                                <text x={format!("{:.1}", x + cw / 2.0)} y={format!("{:.1}", y + 19.0)}
                                      font-size={format!("{tag_size:.1}")} fill={MUTED}
                                      text-anchor="middle">{ &c.tag }</text>
                                <text x={format!("{:.1}", x + cw / 2.0)} y={format!("{:.1}", y + 42.0)}
                                      font-size={format!("{value_size:.1}")} font-weight="700" fill={INK}
                                      text-anchor="middle">{ value }</text>
                            }
                        </g>
                    }
                });
                html! {
                    <g key={node.name.clone()} class="lec-log-row" data-log={node.name.clone()}>
                        <text x="20" y={format!("{:.1}", y + 37.0)} font-size={format!("{}", sz(32.0, big))}
                              font-weight="700" fill={INK}>{ &node.name }</text>
                        if node.log.is_empty() {
                            <text x={format!("{CELL_X0}")} y={format!("{:.1}", y + 34.0)}
                                  font-size={format!("{}", sz(22.0, big))} fill={MUTED}>{ "—" }</text>
                        }
                        <g class="lec-cells">{ for cells }</g>
                        <text x={format!("{:.1}", W - 20.0)} y={format!("{:.1}", y + 36.0)}
                              font-size={format!("{}", sz(26.0, big))} fill={MUTED} text-anchor="end">
                            { fill(lang, L::Commit, &[("k", &committed(node).to_string())]) }
                        </text>
                    </g>
                }
            }) }</g>
        </g>
    }
}

#[component]
pub fn Stage(props: &StageProps) -> Html {
    let scene = &props.scene;
    let lang = props.lang;
    let big = props.big;
    let n = scene.nodes.len();
    let h = height(n)
        + if scene.violation.is_some() {
            VIOLATION_BAND + 8.0
        } else {
            0.0
        };
    let names: Vec<String> = scene.nodes.iter().map(|v| v.name.clone()).collect();
    let partition = (scene.groups.len() > 1).then(|| {
        let groups: Vec<String> = scene
            .groups
            .iter()
            .map(|g| {
                let members: Vec<&str> = g
                    .iter()
                    .filter_map(|&i| names.get(i).map(String::as_str))
                    .collect();
                format!("{{{}}}", members.join(" "))
            })
            .collect();
        fill(lang, L::Partition, &[("groups", &groups.join(" | "))])
    });
    let violation = scene.violation.as_ref().map(|v| {
        fill(
            lang,
            L::Violation,
            &[(
                "name",
                &crate::ui::lecture::narration::invariant_label(&v.invariant, lang),
            )],
        )
    });
    html! {
        <svg class="lec-stage-svg" data-testid="stage-svg" xmlns="http://www.w3.org/2000/svg"
             viewBox={format!("0 {} {W} {}", -TOP, h + TOP)} role="img" aria-label={t(lang, L::StageAria)}
             data-time={scene.time.to_string()} font-family={FONT}>
            <rect x="0" y={format!("{}", -TOP)} width={format!("{W}")} height={format!("{}", h + TOP)} fill="#ffffff" />
            <ellipse cx={format!("{CX}")} cy={format!("{:.1}", geo(n).cy)} rx={format!("{RING_X}")}
                     ry={format!("{:.1}", geo(n).ry)} fill="none" stroke="#c8c8c8" stroke-width="3" />
            { legend(scene, lang, big) }
            <text x={format!("{:.1}", W - 20.0)} y="38" font-size={format!("{}", sz(26.0, big))}
                  font-weight="600" fill={INK} text-anchor="end">{ fmt_time(scene.time) }</text>
            if let Some(p) = partition {
                <text x={format!("{:.1}", W - 20.0)} y={if big { "80" } else { "68" }}
                      font-size={format!("{}", sz(22.0, big))} font-weight="600"
                      fill="#b00020" text-anchor="end">{ p }</text>
            }
            // Each list in its own group: a list whose length changes must not shift its
            // siblings (they would be drawn anew every frame).
            <g class="lec-stage-nodes">{ for scene.nodes.iter().enumerate().map(|(i, node)| node_html(
                node, i, n, lang, props.selected_node == Some(i), &names,
                &props.on_node, big)) }</g>
            // Messages on top, so one that has just left (or is about to arrive) shows.
            <g class="lec-stage-msgs">{ for scene.messages.iter().filter(|m| m.from < n && m.to < n)
                .map(|m| message_html(m, n, props.selected_msg == Some(m.id), &props.on_message)) }</g>
            { logs_html(scene, lang, big) }
            // A broken invariant: a red frame, and a band under the logs that says which.
            if let Some(v) = violation {
                <rect x="4" y="4" width={format!("{:.1}", W - 8.0)}
                      height={format!("{:.1}", h - 8.0)} fill="none" stroke="#b00020"
                      stroke-width="8" />
                <rect x="4" y={format!("{:.1}", h - VIOLATION_BAND - 4.0)}
                      width={format!("{:.1}", W - 8.0)} height={format!("{VIOLATION_BAND}")}
                      fill="#b00020" />
                <text x={format!("{CX}")} y={format!("{:.1}", h - VIOLATION_BAND / 2.0 + 6.0)}
                      font-size="30" font-weight="700" fill="#ffffff" text-anchor="middle"
                      data-testid="stage-violation">{ v }</text>
            }
        </svg>
    }
}
