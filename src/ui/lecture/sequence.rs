//! Lecture mode's sequence diagram: one lifeline per node, every message as an arrow from
//! its sender (when sent) to its receiver (when it arrived), time flowing to the right. The
//! time axis is fixed for the whole step being shown (it ends where the step ends), so while
//! a step plays the "now" line moves across it and the arrows appear in place; the part of
//! the current step is shaded. Sizes suit a projector; colours and sizes are presentation
//! attributes so the SVG stands alone when exported.
//!
//! Props: `scene` (its arrows, built with a window reaching back to `from`), `from` and
//! `to` (the time axis), `step_start` (where the current step began, if it takes time),
//! `lang`.
//!
//! DOM contract (tests): `svg[data-testid=sequence-svg]` with `data-from`, `data-to`,
//! `data-now` (µs); one `g.lec-seq-arrow[data-arrow=<id>]` per message with `data-kind` and
//! `data-state="delivered"|"dropped"|"in-flight"`.

use super::stage::FONT;
use super::strings::{t, L};
use crate::core::{fmt_time, Lang, Time};
use crate::viz::scene::Arrow;
use crate::viz::Scene;
use std::rc::Rc;
use yew::prelude::*;

const W: f64 = 1000.0;
const X0: f64 = 80.0;
const X1: f64 = W - 24.0;
const TOP: f64 = 52.0;
/// The distance between lifelines: 54 for up to five nodes, then closer, so that the plot
/// never grows taller than [`PLOT_MAX`].
const ROW: f64 = 54.0;
const PLOT_MAX: f64 = 280.0;
/// The height of one row of the legend.
const LEGEND_ROW: f64 = 36.0;
const INK: &str = "#111111";

/// The longest time axis shown: the last two seconds of the run.
pub const MAX_WINDOW: Time = 2_000_000;
/// The shortest: a tenth of a second.
pub const MIN_WINDOW: Time = 100_000;

/// The colour of a message kind (Okabe–Ito, as in the explorer's diagram): requests and
/// their replies share one, except a vote or promise, a darker shade of its request's
/// orange (as in the explorer).
pub fn kind_colour(kind: &str) -> &'static str {
    match kind {
        "Vote" | "Promise" => "#8A4B00",
        "RequestVote" | "Prepare" => "#E69F00",
        "PreVote" | "PreVoteReply" | "CatchUp" => "#CC79A7",
        "Heartbeat" => "#56B4E9",
        "AppendEntries" | "AppendEntriesReply" | "Accept" | "Accepted" => "#0072B2",
        "Chosen" => "#009E73",
        "Nack" => "#D55E00",
        _ => "#555555",
    }
}

/// The dash of an outcome: solid for requests, long dashes for granted / ok, short ones for
/// denied / rejected.
fn dash(outcome: Option<bool>) -> Option<&'static str> {
    match outcome {
        None => None,
        Some(true) => Some("14 6"),
        Some(false) => Some("4 5"),
    }
}

/// The time axis for a moment `now` of a step that ends at `end`.
pub fn axis(now: Time, end: Time) -> (Time, Time) {
    let to = end.max(now).max(MIN_WINDOW);
    (to.saturating_sub(MAX_WINDOW), to)
}

#[derive(Properties, PartialEq)]
pub struct SequenceProps {
    pub scene: Rc<Scene>,
    pub from: Time,
    pub to: Time,
    #[prop_or_default]
    pub step_start: Option<Time>,
    pub lang: Lang,
    /// Presentation mode: type and arrows for the back of a room (the diagram is about 445 px
    /// wide on a 1024x768 projector: 41 units are 18 px there, 5.5 units 2.4 px).
    #[prop_or_default]
    pub big: bool,
}

/// The sizes that change in presentation mode.
#[derive(Clone, Copy)]
struct Sizes {
    /// Time labels, node names, legend labels.
    ticks: f64,
    names: f64,
    legend: f64,
    legend_row: f64,
    /// The top of the plot, below the time labels.
    top: f64,
    arrow: f64,
}

fn sizes(big: bool) -> Sizes {
    if big {
        Sizes {
            ticks: 41.0,
            names: 41.0,
            legend: 41.0,
            legend_row: 54.0,
            top: TOP + 14.0,
            arrow: 5.5,
        }
    } else {
        Sizes {
            ticks: 22.0,
            names: 30.0,
            legend: 24.0,
            legend_row: LEGEND_ROW,
            top: TOP,
            arrow: 3.5,
        }
    }
}

/// A tick spacing giving at most about `most` labels over `span`.
fn tick_step(span: Time, most: Time) -> Time {
    const STEPS: [Time; 12] = [
        1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000,
        2_000_000, 5_000_000,
    ];
    STEPS
        .iter()
        .copied()
        .find(|&s| span / s <= most)
        .unwrap_or(10_000_000)
}

fn row(n: usize) -> f64 {
    ROW.min(PLOT_MAX / n.max(1) as f64)
}

fn lane(i: usize, n: usize, z: &Sizes) -> f64 {
    z.top + row(n) * (i as f64 + 0.5)
}

fn arrow_html(a: &Arrow, n: usize, now: Time, x: &dyn Fn(Time) -> f64, z: &Sizes) -> Html {
    let (x0, y0) = (x(a.sent_at), lane(a.from, n, z));
    let y_to = lane(a.to, n, z);
    let colour = kind_colour(a.kind);
    let in_flight = !a.delivered && !a.dropped;
    let state = if a.dropped {
        "dropped"
    } else if a.delivered {
        "delivered"
    } else {
        "in-flight"
    };
    let (x1, y1) = if in_flight {
        let span = a.arrive_at.saturating_sub(a.sent_at).max(1) as f64;
        let p = (now.saturating_sub(a.sent_at) as f64 / span).clamp(0.0, 1.0);
        (x(now.max(a.sent_at)), y0 + (y_to - y0) * p)
    } else if a.dropped {
        (x(a.arrive_at.max(a.sent_at)), (y0 + y_to) / 2.0)
    } else {
        (x(a.arrive_at.max(a.sent_at)), y_to)
    };
    let tip = if a.dropped {
        let d = 8.0;
        html! {
            <path stroke="#D55E00" stroke-width="4" fill="none" stroke-linecap="round"
                  d={format!("M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}",
                      x1 - d, y1 - d, x1 + d, y1 + d, x1 - d, y1 + d, x1 + d, y1 - d)} />
        }
    } else if in_flight {
        html! { <circle cx={format!("{x1:.1}")} cy={format!("{y1:.1}")} r="6" fill={colour} /> }
    } else {
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = (dx * dx + dy * dy).sqrt().max(0.001);
        let (ux, uy) = (dx / len, dy / len);
        let (bx, by) = (x1 - ux * 14.0, y1 - uy * 14.0);
        let (px, py) = (-uy * 6.0, ux * 6.0);
        html! {
            <path fill={colour} d={format!("M{x1:.1} {y1:.1}L{:.1} {:.1}L{:.1} {:.1}Z",
                                           bx + px, by + py, bx - px, by - py)} />
        }
    };
    html! {
        <g key={a.id} class="lec-seq-arrow" data-arrow={a.id.to_string()} data-kind={a.kind}
           data-state={state}>
            <line x1={format!("{x0:.1}")} y1={format!("{y0:.1}")} x2={format!("{x1:.1}")}
                  y2={format!("{y1:.1}")} stroke={colour} stroke-width={format!("{}", z.arrow)}
                  stroke-dasharray={dash(a.outcome)}
                  stroke-opacity={if a.dropped { "0.7" } else { "1" }} />
            { tip }
        </g>
    }
}

/// One entry of the legend: its label, colour, dash, and whether its mark is an ×.
type Item = (String, &'static str, Option<&'static str>, bool);

/// The legend's entries: the kinds in view, then what dashes and marks mean.
fn legend_items(scene: &Scene, lang: Lang) -> Vec<Item> {
    let mut kinds: Vec<&str> = Vec::new();
    for a in &scene.arrows {
        if !kinds.contains(&a.kind) {
            kinds.push(a.kind);
        }
    }
    kinds.sort_unstable();
    let (granted, denied, dropped) = match lang {
        Lang::En => ("granted / ok", "refused", "dropped"),
        Lang::Zh => ("同意 / 成功", "拒绝", "丢弃"),
    };
    let mut items: Vec<Item> = kinds
        .iter()
        .map(|k| (k.to_string(), kind_colour(k), None, false))
        .collect();
    items.push((granted.into(), "#333333", dash(Some(true)), false));
    items.push((denied.into(), "#333333", dash(Some(false)), false));
    items.push((dropped.into(), "#D55E00", None, true));
    items
}

/// Where each legend entry goes: (x, row), flowing onto new rows as the width runs out.
fn legend_layout(items: &[Item], z: &Sizes) -> Vec<(f64, usize)> {
    let k = z.legend / 24.0;
    let (mut x, mut row) = (X0, 0);
    items
        .iter()
        .map(|(label, ..)| {
            // Roughly the label's width: CJK characters are about twice as wide.
            let width: f64 = label
                .chars()
                .map(|c| if c.is_ascii() { 13.5 * k } else { 24.0 * k })
                .sum::<f64>()
                + 44.0;
            if x + width > X1 && x > X0 {
                x = X0;
                row += 1;
            }
            let at = (x, row);
            x += width + 24.0;
            at
        })
        .collect()
}

fn legend_html(items: &[Item], layout: &[(f64, usize)], top: f64, z: &Sizes) -> Html {
    let parts = items
        .iter()
        .zip(layout)
        .map(|((label, colour, d, cross), &(at, row))| {
            let y = top + z.legend_row * (row as f64 + 1.0) - 8.0;
            let mark = if *cross {
                html! { <path stroke={*colour} stroke-width="4" fill="none"
                d={format!("M{:.1} {:.1}l14 14m0 -14l-14 14", at + 12.0, y - 13.0)} /> }
            } else {
                html! { <line x1={format!("{at:.1}")} x2={format!("{:.1}", at + 36.0)}
                y1={format!("{:.1}", y - 6.0)} y2={format!("{:.1}", y - 6.0)}
                stroke={*colour} stroke-width="4" stroke-dasharray={*d} /> }
            };
            html! {
                <g key={label.clone()}>
                    { mark }
                    <text x={format!("{:.1}", at + 44.0)} y={format!("{y:.1}")}
                          font-size={format!("{}", z.legend)} fill={INK}>{ label.clone() }</text>
                </g>
            }
        });
    html! { <g class="lec-seq-legend">{ for parts }</g> }
}

#[component]
pub fn Sequence(props: &SequenceProps) -> Html {
    let scene = &props.scene;
    let lang = props.lang;
    let z = sizes(props.big);
    let n = scene.nodes.len();
    let (from, to) = (props.from, props.to.max(props.from + 1));
    let now = scene.time;
    let scale = (X1 - X0) / (to - from) as f64;
    let x = move |t: Time| X0 + (t.clamp(from, to) - from) as f64 * scale;
    let top = z.top;
    let plot_bottom = top + row(n) * n.max(1) as f64;
    let items = legend_items(scene, lang);
    let layout = legend_layout(&items, &z);
    let rows = layout.last().map_or(1, |&(_, r)| r + 1);
    let legend_top = plot_bottom + 8.0;
    let h = legend_top + z.legend_row * rows as f64 + 8.0;

    let step = tick_step(to - from, if props.big { 4 } else { 6 });
    let ticks = (from.div_ceil(step)..=to / step).map(|k| {
        let t = k * step;
        let tx = x(t);
        html! {
            <g key={t}>
                <line x1={format!("{tx:.1}")} x2={format!("{tx:.1}")} y1={format!("{:.1}", top - 8.0)}
                      y2={format!("{plot_bottom:.1}")} stroke="#dddddd" stroke-width="1.5" />
                <text x={format!("{tx:.1}")} y={format!("{:.1}", top - 16.0)}
                      font-size={format!("{}", z.ticks)} fill="#333333"
                      text-anchor={if tx > X1 - 1.4 * z.ticks { "end" } else if tx < X0 + 1.4 * z.ticks { "start" } else { "middle" }}>
                    { fmt_time(t) }
                </text>
            </g>
        }
    });
    let lifelines = scene.nodes.iter().enumerate().map(|(i, node)| {
        let y = lane(i, n, &z);
        let crashed = node.status == crate::sim::Status::Crashed;
        html! {
            <g key={node.name.clone()} class="lec-seq-lifeline" data-lifeline={node.name.clone()}>
                <text x={format!("{:.1}", X0 - 14.0)} y={format!("{:.1}", y + z.names / 3.0)}
                      font-size={format!("{}", z.names)}
                      font-weight="700" fill={if crashed { "#888888" } else { INK }}
                      text-anchor="end">{ &node.name }</text>
                <line x1={format!("{X0:.1}")} x2={format!("{X1:.1}")} y1={format!("{y:.1}")}
                      y2={format!("{y:.1}")} stroke={if crashed { "#D55E00" } else { "#9a9a9a" }}
                      stroke-width="2" stroke-dasharray={crashed.then_some("2 6")} />
            </g>
        }
    });
    let arrows = scene
        .arrows
        .iter()
        .filter(|a| a.from < n && a.to < n && a.arrive_at.max(a.sent_at) >= from && a.sent_at <= to)
        .map(|a| arrow_html(a, n, now, &x, &z));
    let xn = x(now);
    let shade = props.step_start.filter(|&s| s < to && s >= from).map(|s| {
        let xs = x(s);
        html! {
            <rect x={format!("{xs:.1}")} y={format!("{:.1}", top - 6.0)}
                  width={format!("{:.1}", (X1 - xs).max(0.0))}
                  height={format!("{:.1}", plot_bottom - top + 6.0)} fill="#0047ab"
                  fill-opacity="0.06" />
        }
    });
    html! {
        <svg class="lec-sequence-svg" data-testid="sequence-svg" xmlns="http://www.w3.org/2000/svg"
             viewBox={format!("0 0 {W} {h:.0}")} role="img" aria-label={t(lang, L::SequenceTitle)}
             data-from={from.to_string()} data-to={to.to_string()} data-now={now.to_string()}
             font-family={FONT}>
            <rect x="0" y="0" width={format!("{W}")} height={format!("{h:.0}")} fill="#ffffff" />
            // Each list in its own group, so that one changing length leaves the rest in place.
            <g>{ for shade }</g>
            <g class="lec-seq-ticks">{ for ticks }</g>
            <g class="lec-seq-lifelines">{ for lifelines }</g>
            // What has not happened yet in this step: greyed out.
            if now < to {
                <rect x={format!("{xn:.1}")} y={format!("{:.1}", top - 6.0)}
                      width={format!("{:.1}", (X1 - xn).max(0.0))}
                      height={format!("{:.1}", plot_bottom - top + 6.0)} fill="#ffffff"
                      fill-opacity="0.6" />
            }
            <g class="lec-seq-arrows">{ for arrows }</g>
            <line x1={format!("{xn:.1}")} x2={format!("{xn:.1}")} y1={format!("{:.1}", top - 8.0)}
                  y2={format!("{plot_bottom:.1}")} stroke="#000000" stroke-width="3" />
            { legend_html(&items, &layout, legend_top, &z) }
        </svg>
    }
}
