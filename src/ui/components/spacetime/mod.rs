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
//! ends at the current-time line with a dot. Hovering an arrow reports it (`on_hover`);
//! clicking it selects it (`on_select`); clicking anywhere else in the plot seeks.
//!
//! Drawing: lifelines, time labels and names are SVG; the arrows are painted on a canvas
//! laid over it, one path per style, because a busy 9-node cluster sends thousands of
//! messages in 2 s and thousands of SVG elements would cost far more than a frame.
//! Hit-testing is geometric (the arrow nearest the pointer, within a few pixels).
//!
//! DOM contract (tests): `[data-testid=spacetime]` with `data-arrows`, `data-in-flight`,
//! `data-dropped` (counts drawn), `data-hovered` / `data-selected` (an id or empty),
//! `data-hovered-state` ("in-flight" | "delivered" | "dropped" | empty);
//! `svg[data-testid=spacetime-svg]` with `data-now` and `data-window` (µs) and one
//! `g.lifeline[data-lifeline=<name>]` per node; `canvas[data-testid=spacetime-canvas]`
//! receives the pointer.

use super::strings::{s, S};
use crate::core::{fmt_time, Lang, Time};
use crate::sim::Status;
use crate::viz::scene::Arrow;
use crate::viz::Scene;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

/// The drawing's width in user units; the height grows with the number of nodes.
const W: f64 = 640.0;
/// Where the plot starts (left of it: the node names) and ends (the current-time line).
const X0: f64 = 44.0;
const X1: f64 = W - 14.0;
const PLOT_W: f64 = X1 - X0;
/// Space above the first lifeline (the current time) and below the last one (time labels).
const TOP: f64 = 16.0;
const BOTTOM: f64 = 16.0;
/// The height the lifelines share, and the least and most room one gets.
const LANES_H: f64 = 200.0;
const ROW_MIN: f64 = 22.0;
const ROW_MAX: f64 = 40.0;
/// Canvas pixels per user unit (sharp on high-density screens, scaled down elsewhere).
const SCALE: f64 = 2.0;
/// The time shown: the last 2 s of virtual time (the first 2 s until then).
pub const WINDOW: Time = 2_000_000;
/// Time labels every 500 ms.
const TICK: Time = 500_000;
/// How near (user units) the pointer must be to an arrow to hover or pick it.
const PICK: f64 = 5.0;

/// The Okabe–Ito palette, in the order [`kind_colour_index`] uses.
const COLOURS: [&str; 7] = [
    "#E69F00", // orange: Raft elections, Paxos phase 1
    "#CC79A7", // reddish purple: PreVote, catch-up
    "#56B4E9", // sky blue: heartbeats
    "#0072B2", // blue: Raft replication, Paxos phase 2
    "#009E73", // bluish green: Paxos Chosen
    "#D55E00", // vermillion: Paxos Nack
    "#555555", // grey: anything else
];
/// The × of a dropped message.
const DROP_COLOUR: &str = "#D55E00";

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

/// The palette index of a message kind. Requests and their replies share a colour.
fn kind_colour_index(kind: &str) -> usize {
    match kind {
        "RequestVote" | "Vote" | "Prepare" | "Promise" => 0,
        "PreVote" | "PreVoteReply" | "CatchUp" => 1,
        "Heartbeat" => 2,
        "AppendEntries" | "AppendEntriesReply" | "Accept" | "Accepted" => 3,
        "Chosen" => 4,
        "Nack" => 5,
        _ => 6,
    }
}

/// The Okabe–Ito colour of a message kind.
pub fn kind_colour(kind: &str) -> &'static str {
    COLOURS[kind_colour_index(kind)]
}

/// The dash pattern of an outcome (user units): solid for requests, long dashes for
/// granted / ok, dots for denied / rejected.
fn dash_pattern(outcome: Option<bool>) -> &'static [f64] {
    match outcome {
        None => &[],
        Some(true) => &[7.0, 3.0],
        Some(false) => &[2.0, 2.5],
    }
}

/// The same pattern as an SVG `stroke-dasharray` (for the legend).
fn dash_attr(outcome: Option<bool>) -> Option<String> {
    let d = dash_pattern(outcome);
    (!d.is_empty()).then(|| d.iter().map(f64::to_string).collect::<Vec<_>>().join(" "))
}

/// The diagram's geometry at one moment: `n` lifelines, the window ending at `end`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Frame {
    n: usize,
    row: f64,
    now: Time,
    /// The time at the right edge: `now`, or [`WINDOW`] while the run is younger than that
    /// (the current-time line then moves right across an empty future).
    end: Time,
}

impl Frame {
    fn new(n: usize, now: Time) -> Frame {
        Frame {
            n,
            row: (LANES_H / n.max(1) as f64).clamp(ROW_MIN, ROW_MAX),
            now,
            end: now.max(WINDOW),
        }
    }

    /// The y of node `i`'s lifeline.
    fn lane(&self, i: usize) -> f64 {
        TOP + self.row * (i as f64 + 0.5)
    }

    /// The x of time `t`.
    fn x(&self, t: Time) -> f64 {
        X1 - (self.end as f64 - t as f64) * (PLOT_W / WINDOW as f64)
    }

    /// The time at `x` (user units), within the window.
    fn time_at(&self, x: f64) -> Time {
        let back = ((X1 - x).max(0.0) / PLOT_W * WINDOW as f64).round() as Time;
        self.end.saturating_sub(back)
    }

    /// The height of the drawing.
    fn height(&self) -> f64 {
        TOP + self.row * self.n.max(1) as f64 + BOTTOM
    }

    /// Whether arrow `a` joins two lifelines of this diagram.
    fn holds(&self, a: &Arrow) -> bool {
        a.from < self.n && a.to < self.n
    }
}

/// How an arrow ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// Delivered: an arrowhead on the receiver's lifeline.
    Head,
    /// Dropped: an × where it was lost.
    Cross,
    /// In flight: a dot on the current-time line.
    Tip,
}

/// An arrow as drawn, in user units.
#[derive(Clone, Copy, Debug)]
struct Seg {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    end: End,
}

/// Where arrow `a` is drawn: from the sender's lifeline when it was sent to the receiver's
/// when it arrived; when dropped, along its way up to where it was lost (a message for a
/// crashed node reaches its lifeline and ends in an × there); while in flight, part of the
/// way down, on the current-time line.
fn segment(a: &Arrow, f: &Frame) -> Seg {
    let now = f.now;
    let (x0, y0) = (f.x(a.sent_at), f.lane(a.from));
    let y_to = f.lane(a.to);
    if a.dropped {
        // Along its way to the receiver, up to where it was lost.
        let lost = a.arrive_at.clamp(a.sent_at, now);
        let p = if a.due_at > a.sent_at {
            ((lost - a.sent_at) as f64 / (a.due_at - a.sent_at) as f64).clamp(0.0, 1.0)
        } else {
            0.5
        };
        Seg {
            x0,
            y0,
            x1: f.x(lost),
            y1: y0 + (y_to - y0) * p,
            end: End::Cross,
        }
    } else if a.delivered {
        Seg {
            x0,
            y0,
            x1: f.x(a.arrive_at.clamp(a.sent_at, now)),
            y1: y_to,
            end: End::Head,
        }
    } else {
        let span = a.arrive_at.saturating_sub(a.sent_at).max(1) as f64;
        let p = (now.saturating_sub(a.sent_at) as f64 / span).clamp(0.0, 1.0);
        Seg {
            x0,
            y0,
            x1: f.x(now),
            y1: y0 + (y_to - y0) * p,
            end: End::Tip,
        }
    }
}

/// An arrow's state in words, for the DOM: "in-flight", "delivered" or "dropped".
fn arrow_state(a: &Arrow) -> &'static str {
    if a.dropped {
        "dropped"
    } else if a.delivered {
        "delivered"
    } else {
        "in-flight"
    }
}

/// The distance from point `(x, y)` to a segment.
fn distance(s: &Seg, x: f64, y: f64) -> f64 {
    let (dx, dy) = (s.x1 - s.x0, s.y1 - s.y0);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((x - s.x0) * dx + (y - s.y0) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (px, py) = (s.x0 + t * dx - x, s.y0 + t * dy - y);
    (px * px + py * py).sqrt()
}

/// The arrow nearest `(x, y)` (user units), if one is within [`PICK`]; the newest wins a tie.
fn pick(arrows: &[Arrow], f: &Frame, x: f64, y: f64) -> Option<u64> {
    if !(X0..=f.x(f.now) + PICK).contains(&x) {
        return None;
    }
    let mut best: Option<(f64, u64)> = None;
    for a in arrows.iter().rev().filter(|a| f.holds(a)) {
        let d = distance(&segment(a, f), x, y);
        if d <= PICK && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, a.id));
        }
    }
    best.map(|(_, id)| id)
}

/// The pointer's position in user units over `canvas`.
fn pointer(canvas: &HtmlCanvasElement, e: &MouseEvent, h: f64) -> Option<(f64, f64)> {
    let rect = canvas.get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return None;
    }
    Some((
        (e.client_x() as f64 - rect.left()) * W / rect.width(),
        (e.client_y() as f64 - rect.top()) * h / rect.height(),
    ))
}

/// A dash pattern for `setLineDash`.
fn js_dash(d: &[f64]) -> JsValue {
    d.iter()
        .map(|&x| JsValue::from_f64(x))
        .collect::<js_sys::Array>()
        .into()
}

/// Paints every arrow on `canvas`: one stroked path per (colour, dash) style, then the
/// arrowheads, dots and crosses, then the emphasised arrows (selected, hovered) on top.
fn paint(
    canvas: &HtmlCanvasElement,
    arrows: &[Arrow],
    f: &Frame,
    emphasised: &[u64],
) -> Result<(), JsValue> {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    let h = f.height();
    ctx.set_transform(SCALE, 0.0, 0.0, SCALE, 0.0, 0.0)?;
    ctx.clear_rect(0.0, 0.0, W, h);
    ctx.save();
    ctx.begin_path();
    ctx.rect(X0, 0.0, PLOT_W + PICK, h);
    ctx.clip();

    // (colour, outcome, dropped) → the arrows of that style.
    let style = |a: &Arrow| {
        let o = match a.outcome {
            None => 0,
            Some(true) => 1,
            Some(false) => 2,
        };
        (kind_colour_index(&a.kind) * 3 + o) * 2 + usize::from(a.dropped)
    };
    let mut order: Vec<(usize, Seg)> = arrows
        .iter()
        .filter(|a| f.holds(a))
        .map(|a| (style(a), segment(a, f)))
        .filter(|(_, s)| s.x0.max(s.x1) >= X0)
        .collect();
    order.sort_unstable_by_key(|(k, _)| *k);

    ctx.set_line_width(1.4);
    for group in order.chunk_by(|a, b| a.0 == b.0) {
        let key = group[0].0;
        let dropped = key % 2 == 1;
        let outcome = match (key / 2) % 3 {
            0 => None,
            1 => Some(true),
            _ => Some(false),
        };
        ctx.set_stroke_style_str(COLOURS[key / 6]);
        ctx.set_line_dash(&js_dash(dash_pattern(outcome)))?;
        ctx.set_global_alpha(if dropped { 0.7 } else { 1.0 });
        ctx.begin_path();
        for (_, s) in group {
            ctx.move_to(s.x0, s.y0);
            ctx.line_to(s.x1, s.y1);
        }
        ctx.stroke();
    }
    ctx.set_global_alpha(1.0);
    ctx.set_line_dash(&js_dash(&[]))?;

    // Arrowheads and in-flight dots, one filled path per colour.
    for group in order.chunk_by(|a, b| a.0 / 6 == b.0 / 6) {
        ctx.set_fill_style_str(COLOURS[group[0].0 / 6]);
        ctx.begin_path();
        for (_, s) in group {
            match s.end {
                End::Head => {
                    let (dx, dy) = (s.x1 - s.x0, s.y1 - s.y0);
                    let len = (dx * dx + dy * dy).sqrt().max(0.001);
                    let (ux, uy) = (dx / len, dy / len);
                    let (bx, by) = (s.x1 - ux * 6.0, s.y1 - uy * 6.0);
                    let (px, py) = (-uy * 3.0, ux * 3.0);
                    ctx.move_to(s.x1, s.y1);
                    ctx.line_to(bx + px, by + py);
                    ctx.line_to(bx - px, by - py);
                    ctx.close_path();
                }
                End::Tip => {
                    ctx.move_to(s.x1 + 2.5, s.y1);
                    ctx.arc(s.x1, s.y1, 2.5, 0.0, std::f64::consts::TAU)?;
                }
                End::Cross => {}
            }
        }
        ctx.fill();
    }
    // The × of every dropped message.
    ctx.set_stroke_style_str(DROP_COLOUR);
    ctx.set_line_width(2.0);
    ctx.begin_path();
    for (_, s) in order.iter().filter(|(_, s)| s.end == End::Cross) {
        let d = 3.5;
        ctx.move_to(s.x1 - d, s.y1 - d);
        ctx.line_to(s.x1 + d, s.y1 + d);
        ctx.move_to(s.x1 - d, s.y1 + d);
        ctx.line_to(s.x1 + d, s.y1 - d);
    }
    ctx.stroke();

    // The selected and hovered arrows, thicker, on top.
    ctx.set_line_width(3.2);
    for a in arrows
        .iter()
        .filter(|a| f.holds(a) && emphasised.contains(&a.id))
    {
        let s = segment(a, f);
        ctx.set_stroke_style_str(kind_colour(&a.kind));
        ctx.set_line_dash(&js_dash(dash_pattern(a.outcome)))?;
        ctx.begin_path();
        ctx.move_to(s.x0, s.y0);
        ctx.line_to(s.x1, s.y1);
        ctx.stroke();
    }
    ctx.restore();
    Ok(())
}

#[component]
pub fn SpaceTime(props: &SpaceTimeProps) -> Html {
    let lang = props.lang;
    let scene = props.scene.clone();
    let now = scene.time;
    let f = Frame::new(scene.nodes.len(), now);
    let h = f.height();
    let canvas_ref = use_node_ref();
    let hovered = use_state_eq(|| None::<u64>);

    // Repaint the arrows after every render (a new scene, a new selection or hover).
    {
        let (canvas_ref, scene) = (canvas_ref.clone(), scene.clone());
        let emphasised: Vec<u64> = props.selected.into_iter().chain(*hovered).collect();
        use_effect(move || {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let _ = paint(&canvas, &scene.arrows, &f, &emphasised);
            }
        });
    }

    // A click on an arrow selects it; anywhere else in the plot it goes to that moment (up
    // to the furthest point the run has reached).
    let onclick = {
        let (canvas_ref, scene) = (canvas_ref.clone(), scene.clone());
        let (on_seek, on_select) = (props.on_seek.clone(), props.on_select.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                return;
            };
            let Some((x, y)) = pointer(&canvas, &e, h) else {
                return;
            };
            if let Some(id) = pick(&scene.arrows, &f, x, y) {
                on_select.emit(id);
            } else if x >= X0 - PICK {
                on_seek.emit(f.time_at(x).min(scene.horizon.max(now)));
            }
        })
    };
    let onmousemove = {
        let (canvas_ref, scene) = (canvas_ref.clone(), scene.clone());
        let (hovered, on_hover) = (hovered.clone(), props.on_hover.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                return;
            };
            let id = pointer(&canvas, &e, h).and_then(|(x, y)| pick(&scene.arrows, &f, x, y));
            if *hovered != id {
                hovered.set(id);
                on_hover.emit(id);
            }
        })
    };
    let onmouseleave = {
        let (hovered, on_hover) = (hovered.clone(), props.on_hover.clone());
        Callback::from(move |_: MouseEvent| {
            if hovered.is_some() {
                hovered.set(None);
                on_hover.emit(None);
            }
        })
    };

    let names: Vec<&str> = if props.names.len() == f.n {
        props.names.iter().map(String::as_str).collect()
    } else {
        scene.nodes.iter().map(|v| v.name.as_str()).collect()
    };
    let lifelines = scene.nodes.iter().enumerate().map(|(i, node)| {
        let y = f.lane(i);
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
    let first = f.end.saturating_sub(WINDOW).div_ceil(TICK) * TICK;
    let ticks = (0..=(WINDOW / TICK))
        .map(|k| first + k * TICK)
        .filter(|&t| t <= f.end)
        .map(|t| {
            let x = f.x(t);
            html! {
                <g key={t} class="tick">
                    <line x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={format!("{:.1}", TOP - 4.0)}
                          y2={format!("{:.1}", h - BOTTOM + 3.0)} />
                    <text x={format!("{x:.1}")} y={format!("{:.1}", h - 3.0)}>{ fmt_time(t) }</text>
                </g>
            }
        });
    let (mut count, mut in_flight, mut dropped) = (0usize, 0usize, 0usize);
    for a in scene.arrows.iter().filter(|a| f.holds(a)) {
        count += 1;
        in_flight += usize::from(!a.delivered && !a.dropped);
        dropped += usize::from(a.dropped);
    }
    let id_attr = |id: Option<u64>| id.map(|i| i.to_string()).unwrap_or_default();
    let hovered_state = hovered
        .and_then(|id| scene.arrows.iter().rev().find(|a| a.id == id))
        .map_or("", arrow_state);
    let now_x = f.x(now);

    html! {
        <div class="qs-spacetime" data-testid="spacetime" data-arrows={count.to_string()}
             data-in-flight={in_flight.to_string()} data-dropped={dropped.to_string()}
             data-hovered={id_attr(*hovered)} data-hovered-state={hovered_state}
             data-selected={id_attr(props.selected)}>
            <style>{ CSS }</style>
            <div class="spacetime-stack">
                <svg class="spacetime-svg" data-testid="spacetime-svg"
                     viewBox={format!("0 0 {W} {h}")} role="img"
                     aria-label={s(lang, S::SpaceTimeAria)}
                     data-now={now.to_string()} data-window={WINDOW.to_string()}>
                    <rect class="backdrop" x="0" y="0" width={W.to_string()} height={h.to_string()} />
                    { for ticks }
                    { for lifelines }
                    <line class="now" x1={format!("{now_x:.1}")} x2={format!("{now_x:.1}")}
                          y1={format!("{:.1}", TOP - 4.0)} y2={format!("{:.1}", h - BOTTOM + 3.0)} />
                    <text class={classes!("now-label", (now_x < X0 + 90.0).then_some("start"))}
                          x={format!("{now_x:.1}")} y="10">
                        { format!("{} {}", s(lang, S::Now), fmt_time(now)) }
                    </text>
                </svg>
                <canvas ref={canvas_ref} class={classes!("spacetime-canvas", hovered.is_some().then_some("over-arrow"))}
                        data-testid="spacetime-canvas"
                        width={((W * SCALE) as u32).to_string()} height={((h * SCALE) as u32).to_string()}
                        title={s(lang, S::SpaceTimeHint)}
                        {onclick} {onmousemove} {onmouseleave} />
            </div>
            { legend(&scene, lang) }
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
    let swatch = |colour: &'static str, dash: Option<String>| {
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
                <li key={*k} data-kind={k.to_string()}>{ swatch(kind_colour(k), None) }{ *k }</li>
            }) }
            <li>{ swatch("#333", dash_attr(None)) }{ s(lang, S::LegendRequest) }</li>
            <li>{ swatch("#333", dash_attr(Some(true))) }{ s(lang, S::LegendGranted) }</li>
            <li>{ swatch("#333", dash_attr(Some(false))) }{ s(lang, S::LegendDenied) }</li>
            <li><span class="mark-x">{ "×" }</span>{ s(lang, S::LegendDropped) }</li>
            <li><span class="mark-dot">{ "●" }</span>{ s(lang, S::LegendInFlight) }</li>
        </ul>
    }
}

/// The diagram's own styles, scoped by `.qs-spacetime`.
const CSS: &str = "
.qs-spacetime { width: 100%; }
.qs-spacetime .spacetime-stack { position: relative; width: 100%; }
.qs-spacetime .spacetime-svg { display: block; width: 100%; height: auto;
  font-family: system-ui, sans-serif; user-select: none; }
.qs-spacetime .spacetime-canvas { position: absolute; left: 0; top: 0; width: 100%; height: 100%;
  cursor: crosshair; }
.qs-spacetime .spacetime-canvas.over-arrow { cursor: pointer; }
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
.qs-spacetime .now-label.start { text-anchor: start; }
.qs-spacetime .legend { display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; list-style: none;
  margin: 0.3rem 0 0; padding: 0; font-size: 0.75rem; color: #333; }
.qs-spacetime .legend li { display: flex; align-items: center; gap: 0.25rem; }
.qs-spacetime .legend .mark-x { color: #D55E00; font-weight: 700; }
.qs-spacetime .legend .mark-dot { color: #333; font-size: 0.6rem; }
";
