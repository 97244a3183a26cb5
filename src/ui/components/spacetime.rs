//! The space-time (sequence) diagram: one lifeline per node, every message of the last
//! ~2 s of virtual time as an arrow from its sender's lifeline (when sent) to its receiver's
//! (when delivered). Time flows to the right; the right edge is the current time.
//!
//! Props (UI-1 wires this into `#spacetime`):
//!
//! ```text
//! SpaceTime {
//!     scene: Rc<Scene>,            // scene.arrows, scene.time, scene.nodes (status)
//!     #[prop_or_default] names: Rc<Vec<String>>, // lifeline labels; empty = scene.nodes' names
//!     on_seek: Callback<Time>,     // a click on the diagram asks to go to that moment
//!     #[prop_or_default] on_select: Callback<u64>,          // a click on an arrow (its id)
//!     #[prop_or_default] on_hover: Callback<Option<u64>>,   // pointer enters/leaves an arrow
//!     #[prop_or_default] selected: Option<u64>,             // the arrow to highlight
//!     lang: Lang,
//! }
//! ```
//!
//! Colours (Okabe–Ito, colour-blind safe) tell the kind of message; the dash tells its
//! outcome (solid = request, long dashes = granted/ok, dots = denied/rejected), so the
//! picture also reads in grey. A dropped message ends in an ×; a message still in flight
//! ends at the current-time line with a dot.
//!
//! DOM contract (tests): `svg[data-testid=spacetime-svg]` with `data-now` (µs) and
//! `data-window` (µs); one `g.lifeline[data-lifeline=<name>]` per node; one
//! `g.arrow[data-arrow=<id>]` per message with `data-kind` and
//! `data-state="delivered"|"dropped"|"in-flight"`.
//!
//! Cost: arrows are laid out in absolute time (x = t·scale) inside a group translated by
//! the current time, so an arrow's attributes do not change from frame to frame once it
//! has landed; only the group's transform and the in-flight arrows do.

use super::strings::{s, S};
use crate::core::{fmt_time, Lang, Time};
use crate::sim::Status;
use crate::viz::scene::Arrow;
use crate::viz::Scene;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The SVG's width in user units; the height grows with the number of nodes.
const W: f64 = 640.0;
/// Where the plot starts (left of it: the node names) and ends (the current-time line).
const X0: f64 = 44.0;
const X1: f64 = W - 14.0;
const PLOT_W: f64 = X1 - X0;
/// Space above the first lifeline (time labels) and below the last one.
const TOP: f64 = 22.0;
const BOTTOM: f64 = 10.0;
/// The distance between two lifelines.
const ROW: f64 = 26.0;
/// The time shown: the last 2 s of virtual time.
pub const WINDOW: Time = 2_000_000;
/// Time labels every 500 ms.
const TICK: Time = 500_000;

#[derive(Properties, PartialEq)]
pub struct SpaceTimeProps {
    pub scene: Rc<Scene>,
    #[prop_or_default]
    pub names: Rc<Vec<String>>,
    pub on_seek: Callback<Time>,
    #[prop_or_default]
    pub on_select: Callback<u64>,
    #[prop_or_default]
    pub on_hover: Callback<Option<u64>>,
    #[prop_or_default]
    pub selected: Option<u64>,
    pub lang: Lang,
}

/// The Okabe–Ito colour of a message kind. Requests and their replies share a colour.
pub fn kind_colour(kind: &str) -> &'static str {
    match kind {
        // Raft elections; Paxos phase 1.
        "RequestVote" | "Vote" | "Prepare" | "Promise" => "#E69F00",
        "PreVote" | "PreVoteReply" | "CatchUp" => "#CC79A7",
        "Heartbeat" => "#56B4E9",
        // Raft replication; Paxos phase 2.
        "AppendEntries" | "AppendEntriesReply" | "Accept" | "Accepted" => "#0072B2",
        "Chosen" => "#009E73",
        "Nack" => "#D55E00",
        _ => "#555555",
    }
}

/// The dash pattern of an outcome: solid for requests, long dashes for granted / ok, dots
/// for denied / rejected.
pub fn outcome_dash(outcome: Option<bool>) -> Option<&'static str> {
    match outcome {
        None => None,
        Some(true) => Some("7 3"),
        Some(false) => Some("2 2.5"),
    }
}

/// The y of node `i`'s lifeline.
fn lane(i: usize) -> f64 {
    TOP + ROW * (i as f64 + 0.5)
}

/// The x of time `t`, in the moving frame (before the group's translation).
fn x_abs(t: Time) -> f64 {
    t as f64 * (PLOT_W / WINDOW as f64)
}

/// The height of the SVG for `n` nodes.
fn height(n: usize) -> f64 {
    TOP + ROW * n.max(1) as f64 + BOTTOM
}

/// One arrow, in the moving frame. Landed arrows produce the same markup every frame.
fn arrow(a: &Arrow, now: Time, selected: bool) -> Html {
    let (x0, y0) = (x_abs(a.sent_at), lane(a.from));
    let y_to = lane(a.to);
    let colour = kind_colour(&a.kind);
    let dash = outcome_dash(a.outcome);
    let in_flight = !a.delivered && !a.dropped;
    let state = if a.dropped {
        "dropped"
    } else if a.delivered {
        "delivered"
    } else {
        "in-flight"
    };
    // Where the line ends: the receiver when delivered; half-way when dropped (it never
    // arrived); the current-time line, part of the way down, while in flight.
    let (x1, y1) = if in_flight {
        let span = a.arrive_at.saturating_sub(a.sent_at).max(1) as f64;
        let p = (now.saturating_sub(a.sent_at) as f64 / span).clamp(0.0, 1.0);
        (x_abs(now.max(a.sent_at)), y0 + (y_to - y0) * p)
    } else if a.dropped {
        (x_abs(a.arrive_at.max(a.sent_at)), (y0 + y_to) / 2.0)
    } else {
        (x_abs(a.arrive_at.max(a.sent_at)), y_to)
    };
    let tip = if a.dropped {
        let d = 3.5;
        html! {
            <path class="cross" stroke="#D55E00" stroke-width="2"
                  d={format!("M{:.1} {:.1}l{} {}m0 -{}l-{} {}", x1 - d, y1 - d, 2.0 * d, 2.0 * d,
                             2.0 * d, 2.0 * d, 2.0 * d)} />
        }
    } else if in_flight {
        html! { <circle class="tip" cx={format!("{x1:.1}")} cy={format!("{y1:.1}")} r="2.5"
        fill={colour} /> }
    } else {
        // An arrowhead pointing along the line.
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = (dx * dx + dy * dy).sqrt().max(0.001);
        let (ux, uy) = (dx / len, dy / len);
        let (bx, by) = (x1 - ux * 6.0, y1 - uy * 6.0);
        let (px, py) = (-uy * 3.0, ux * 3.0);
        html! {
            <path class="head" fill={colour}
                  d={format!("M{x1:.1} {y1:.1}L{:.1} {:.1}L{:.1} {:.1}Z", bx + px, by + py,
                             bx - px, by - py)} />
        }
    };
    let line_d = format!("M{x0:.1} {y0:.1}L{x1:.1} {y1:.1}");
    html! {
        <g key={a.id} class={classes!("arrow", selected.then_some("selected"))}
           data-arrow={a.id.to_string()} data-kind={a.kind.clone()} data-state={state}>
            <path class="hit" d={line_d.clone()} />
            <path class="line" d={line_d} stroke={colour} stroke-dasharray={dash}
                  opacity={a.dropped.then_some("0.7")} />
            { tip }
        </g>
    }
}

/// Reads the arrow id under an event's target, if any.
fn arrow_at(e: &MouseEvent) -> Option<u64> {
    let el: web_sys::Element = e.target()?.dyn_into().ok()?;
    el.closest("[data-arrow]")
        .ok()??
        .get_attribute("data-arrow")?
        .parse()
        .ok()
}

#[component]
pub fn SpaceTime(props: &SpaceTimeProps) -> Html {
    let lang = props.lang;
    let scene = &props.scene;
    let now = scene.time;
    let n = scene.nodes.len();
    let h = height(n);
    let svg_ref = use_node_ref();
    let hovered = use_mut_ref(|| None::<u64>);

    // One listener each on the whole diagram (not one per arrow): a click on an arrow
    // selects it, a click anywhere else goes to the moment under the pointer.
    let onclick = {
        let (svg_ref, on_seek, on_select) = (
            svg_ref.clone(),
            props.on_seek.clone(),
            props.on_select.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            if let Some(id) = arrow_at(&e) {
                on_select.emit(id);
                return;
            }
            let Some(svg) = svg_ref.cast::<web_sys::Element>() else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return;
            }
            let x = (e.client_x() as f64 - rect.left()) * W / rect.width();
            if x < X0 - 4.0 {
                return;
            }
            let back = ((X1 - x).max(0.0) / PLOT_W * WINDOW as f64) as Time;
            on_seek.emit(now.saturating_sub(back));
        })
    };
    let onmouseover = {
        let (hovered, on_hover) = (hovered.clone(), props.on_hover.clone());
        Callback::from(move |e: MouseEvent| {
            let id = arrow_at(&e);
            let mut h = hovered.borrow_mut();
            if *h != id {
                *h = id;
                on_hover.emit(id);
            }
        })
    };
    let onmouseleave = {
        let (hovered, on_hover) = (hovered.clone(), props.on_hover.clone());
        Callback::from(move |_: MouseEvent| {
            if hovered.borrow_mut().take().is_some() {
                on_hover.emit(None);
            }
        })
    };

    let names: Vec<&str> = if props.names.len() == n {
        props.names.iter().map(String::as_str).collect()
    } else {
        scene.nodes.iter().map(|v| v.name.as_str()).collect()
    };
    let lifelines = scene.nodes.iter().enumerate().map(|(i, node)| {
        let y = lane(i);
        let status = match node.status {
            Status::Up => "up",
            Status::Crashed => "crashed",
            Status::Paused => "paused",
        };
        html! {
            <g key={i} class={classes!("lifeline", status)} data-lifeline={names[i].to_string()}>
                <text class="lane-name" x={format!("{:.1}", X0 - 8.0)} y={format!("{:.1}", y + 4.0)}>
                    { names[i] }
                </text>
                <line class="lane" x1={X0.to_string()} x2={X1.to_string()}
                      y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
            </g>
        }
    });

    // Time labels at whole multiples of TICK, moving left with the clock.
    let first = now.saturating_sub(WINDOW).div_ceil(TICK) * TICK;
    let ticks = (0..=(WINDOW / TICK))
        .map(|k| first + k * TICK)
        .filter(|&t| t <= now)
        .map(|t| {
            let x = x_abs(t);
            html! {
                <g key={t} class="tick">
                    <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={(TOP - 4.0).to_string()}
                          y2={format!("{:.1}", h - BOTTOM)} />
                    <text x={format!("{x:.1}")} y={(TOP - 8.0).to_string()}>{ fmt_time(t) }</text>
                </g>
            }
        });
    let arrows = scene
        .arrows
        .iter()
        .filter(|a| a.from < n && a.to < n)
        .map(|a| arrow(a, now, props.selected == Some(a.id)));
    let shift = X1 - x_abs(now);
    let clip_id = "qs-spacetime-clip";

    html! {
        <div class="qs-spacetime" data-testid="spacetime">
            <style>{ CSS }</style>
            <svg ref={svg_ref} class="spacetime-svg" data-testid="spacetime-svg"
                 viewBox={format!("0 0 {W} {h}")} role="img"
                 aria-label={s(lang, S::SpaceTimeAria)}
                 data-now={now.to_string()} data-window={WINDOW.to_string()}
                 {onclick} {onmouseover} {onmouseleave}>
                <title>{ s(lang, S::SpaceTimeHint) }</title>
                <defs>
                    <clipPath id={clip_id}>
                        <rect x={X0.to_string()} y="0" width={(PLOT_W + 6.0).to_string()}
                              height={h.to_string()} />
                    </clipPath>
                </defs>
                <rect class="backdrop" x="0" y="0" width={W.to_string()} height={h.to_string()} />
                { for lifelines }
                <g clip-path={format!("url(#{clip_id})")}>
                    <g class="moving" transform={format!("translate({shift:.2} 0)")}>
                        { for ticks }
                        { for arrows }
                    </g>
                </g>
                <line class="now" x1={X1.to_string()} x2={X1.to_string()}
                      y1={(TOP - 6.0).to_string()} y2={format!("{:.1}", h - 2.0)} />
                <text class="now-label" x={X1.to_string()} y="10">
                    { format!("{} {}", s(lang, S::Now), fmt_time(now)) }
                </text>
            </svg>
            { legend(scene, lang) }
        </div>
    }
}

/// The legend: the kinds in view with their colours, and what dashes and marks mean.
fn legend(scene: &Scene, lang: Lang) -> Html {
    let mut kinds: Vec<&str> = Vec::new();
    for a in &scene.arrows {
        if !kinds.contains(&a.kind.as_str()) {
            kinds.push(&a.kind);
        }
    }
    kinds.sort_unstable();
    let swatch = |colour: &'static str, dash: Option<&'static str>| {
        html! {
            <svg class="swatch" viewBox="0 0 22 8" width="22" height="8" aria-hidden="true">
                <line x1="1" y1="4" x2="21" y2="4" stroke={colour} stroke-width="2"
                      stroke-dasharray={dash} />
            </svg>
        }
    };
    html! {
        <ul class="legend" data-testid="spacetime-legend">
            { for kinds.iter().map(|k| html! {
                <li key={*k}>{ swatch(kind_colour(k), None) }{ *k }</li>
            }) }
            <li>{ swatch("#333", outcome_dash(None)) }{ s(lang, S::LegendRequest) }</li>
            <li>{ swatch("#333", outcome_dash(Some(true))) }{ s(lang, S::LegendGranted) }</li>
            <li>{ swatch("#333", outcome_dash(Some(false))) }{ s(lang, S::LegendDenied) }</li>
            <li><span class="mark-x">{ "×" }</span>{ s(lang, S::LegendDropped) }</li>
            <li><span class="mark-dot">{ "●" }</span>{ s(lang, S::LegendInFlight) }</li>
        </ul>
    }
}

/// The diagram's own styles, scoped by `.qs-spacetime`.
const CSS: &str = "
.qs-spacetime { width: 100%; }
.qs-spacetime .spacetime-svg { display: block; width: 100%; height: auto; cursor: crosshair;
  font-family: system-ui, sans-serif; user-select: none; }
.qs-spacetime .backdrop { fill: #fff; }
.qs-spacetime .lane { stroke: #bbb; stroke-width: 1; }
.qs-spacetime .lifeline.crashed .lane { stroke: #D55E00; stroke-dasharray: 1 4; }
.qs-spacetime .lifeline.paused .lane { stroke: #999; stroke-dasharray: 6 4; }
.qs-spacetime .lane-name { font-size: 11px; text-anchor: end; fill: #333; }
.qs-spacetime .lifeline.crashed .lane-name { fill: #D55E00; text-decoration: line-through; }
.qs-spacetime .tick line { stroke: #eee; stroke-width: 1; }
.qs-spacetime .tick text { font-size: 9px; fill: #777; text-anchor: middle; }
.qs-spacetime .now { stroke: #000; stroke-width: 1.5; }
.qs-spacetime .now-label { font-size: 10px; text-anchor: end; fill: #000; }
.qs-spacetime .arrow { cursor: pointer; }
.qs-spacetime .arrow .line { fill: none; stroke-width: 1.4; }
.qs-spacetime .arrow .hit { fill: none; stroke: transparent; stroke-width: 7; }
.qs-spacetime .arrow:hover .line, .qs-spacetime .arrow.selected .line { stroke-width: 3; }
.qs-spacetime .arrow .cross { fill: none; }
.qs-spacetime .legend { display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; list-style: none;
  margin: 0.3rem 0 0; padding: 0; font-size: 0.75rem; color: #333; }
.qs-spacetime .legend li { display: flex; align-items: center; gap: 0.25rem; }
.qs-spacetime .legend .mark-x { color: #D55E00; font-weight: 700; }
.qs-spacetime .legend .mark-dot { color: #333; font-size: 0.6rem; }
";
