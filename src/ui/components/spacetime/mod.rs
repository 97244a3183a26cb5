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
//! Drawing: lifelines, time labels and names are SVG; the arrows are painted on two
//! canvases over the plot (see [`paint`]): landed arrows once each, on a layer that slides
//! with the clock, and arrows in flight every frame. A busy 9-node cluster sends thousands
//! of messages in 2 s; as SVG elements, or repainted every frame, they would cost far more
//! than a frame. Hit-testing is geometric (the arrow nearest the pointer, within a few
//! pixels). Files: `geometry.rs` (layout, colours, picking), `paint.rs` (the canvases).
//!
//! DOM contract (tests): `[data-testid=spacetime]` with `data-arrows`, `data-in-flight`,
//! `data-dropped` (counts drawn), `data-hovered` / `data-selected` (an id or empty),
//! `data-hovered-state` ("in-flight" | "delivered" | "dropped" | empty);
//! `svg[data-testid=spacetime-svg]` (the whole drawing; pointer events land on the box
//! around it) with `data-now` and `data-window` (µs), one `g.lifeline[data-lifeline=<name>]`
//! per node and `line.now`; canvases `[data-testid=spacetime-landed]` and
//! `[data-testid=spacetime-live]`.

mod geometry;
mod paint;

pub use geometry::{kind_colour, WINDOW};

use super::strings::{s, S};
use crate::core::Fixed;
use crate::core::{fmt_time, Lang, Time};
use crate::sim::Status;
use crate::viz::Scene;
use geometry::{arrow_state, dash_attr, pick, Frame, BOTTOM, PICK, PLOT_W, TICK, TOP, W, X0, X1};
use paint::{landed_base, paint_landed, paint_live, Landed, MARGIN};
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties)]
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

/// The scene is compared by pointer first: an unchanged scene (the same `Rc`) is not walked
/// through, arrow by arrow, on every frame.
impl PartialEq for SpaceTimeProps {
    fn eq(&self, other: &Self) -> bool {
        (Rc::ptr_eq(&self.scene, &other.scene) || self.scene == other.scene)
            && self.names == other.names
            && self.on_seek == other.on_seek
            && self.on_select == other.on_select
            && self.on_hover == other.on_hover
            && self.selected == other.selected
            && self.lang == other.lang
    }
}

/// The pointer's position in user units over the drawing `el` (`h` units high).
fn pointer(el: &web_sys::Element, e: &MouseEvent, h: f64) -> Option<(f64, f64)> {
    let rect = el.get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return None;
    }
    Some((
        (e.client_x() as f64 - rect.left()) * W / rect.width(),
        (e.client_y() as f64 - rect.top()) * h / rect.height(),
    ))
}

/// Canvas pixels per user unit: the screen's pixel density, at least 1 and at most 2.
fn canvas_scale() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 2.0)
}

/// An SVG coordinate, to a tenth.
fn f1(x: f64) -> String {
    Fixed(x, 1).to_string()
}

/// A percentage for CSS.
fn pct(x: f64) -> String {
    format!("{}%", Fixed(x * 100.0, 4))
}

#[component]
pub fn SpaceTime(props: &SpaceTimeProps) -> Html {
    let lang = props.lang;
    let scene = props.scene.clone();
    let now = scene.time;
    let f = Frame::new(scene.nodes.len(), now);
    let h = f.height();
    let scale = canvas_scale();
    let stack_ref = use_node_ref();
    let landed_ref = use_node_ref();
    let live_ref = use_node_ref();
    let landed = use_mut_ref(Landed::default);
    let hovered = use_state_eq(|| None::<u64>);

    // Where the landed layer's left edge is this frame (the effect below paints it there).
    let (base, _) = landed_base(&landed.borrow(), &f, scale);
    let span = (WINDOW + MARGIN) as f64 / WINDOW as f64;
    let slide = (f.end - WINDOW).saturating_sub(base) as f64 / (WINDOW + MARGIN) as f64;

    // Repaint after every render (a new scene, a new selection or hover).
    {
        let (landed_ref, live_ref, scene) = (landed_ref.clone(), live_ref.clone(), scene.clone());
        let emphasised: Vec<u64> = props.selected.into_iter().chain(*hovered).collect();
        use_effect(move || {
            if let Some(c) = landed_ref.cast::<HtmlCanvasElement>() {
                let _ = paint_landed(&c, &mut landed.borrow_mut(), &scene.arrows, &f, scale);
            }
            if let Some(c) = live_ref.cast::<HtmlCanvasElement>() {
                let _ = paint_live(&c, &scene.arrows, &f, scale, &emphasised);
            }
        });
    }

    // A click on an arrow selects it; anywhere else in the plot it goes to that moment (up
    // to the furthest point the run has reached).
    let onclick = {
        let (stack_ref, scene) = (stack_ref.clone(), scene.clone());
        let (on_seek, on_select) = (props.on_seek.clone(), props.on_select.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(el) = stack_ref.cast::<web_sys::Element>() else {
                return;
            };
            let Some((x, y)) = pointer(&el, &e, h) else {
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
        let (stack_ref, scene) = (stack_ref.clone(), scene.clone());
        let (hovered, on_hover) = (hovered.clone(), props.on_hover.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(el) = stack_ref.cast::<web_sys::Element>() else {
                return;
            };
            let id = pointer(&el, &e, h).and_then(|(x, y)| pick(&scene.arrows, &f, x, y));
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
                <text class="lane-name" x={f1(X0 - 8.0)} y={f1(y + 4.0)}>
                    { names[i] }
                </text>
                <line class="lane" x1={f1(X0)} x2={f1(X1)}
                      y1={f1(y)} y2={f1(y)} />
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
                    <line x1={f1(x)} x2={f1(x)} y1={f1(TOP - 4.0)}
                          y2={f1(h - BOTTOM + 3.0)} />
                    <text x={f1(x)} y={f1(h - 3.0)}>{ fmt_time(t) }</text>
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
    let px = |units: f64| ((units * scale).round() as u32).to_string();

    html! {
        <div class="qs-spacetime" data-testid="spacetime" data-arrows={count.to_string()}
             data-in-flight={in_flight.to_string()} data-dropped={dropped.to_string()}
             data-hovered={id_attr(*hovered)} data-hovered-state={hovered_state}
             data-selected={id_attr(props.selected)}>
            <style>{ CSS }</style>
            <div ref={stack_ref} class={classes!("spacetime-stack", hovered.is_some().then_some("over-arrow"))}
                 title={s(lang, S::SpaceTimeHint)} {onclick} {onmousemove} {onmouseleave}>
                <svg class="spacetime-svg" data-testid="spacetime-svg"
                     viewBox={format!("0 0 {} {}", f1(W), f1(h))} role="img"
                     aria-label={s(lang, S::SpaceTimeAria)}
                     data-now={now.to_string()} data-window={WINDOW.to_string()}>
                    <rect class="backdrop" x="0" y="0" width={f1(W)} height={f1(h)} />
                    { for ticks }
                    { for lifelines }
                    <line class="now" x1={f1(now_x)} x2={f1(now_x)}
                          y1={f1(TOP - 4.0)} y2={f1(h - BOTTOM + 3.0)} />
                    <text class={classes!("now-label", (now_x < X0 + 90.0).then_some("start"))}
                          x={f1(now_x)} y="10">
                        { format!("{} {}", s(lang, S::Now), fmt_time(now)) }
                    </text>
                </svg>
                <div class="spacetime-plot" style={format!("left: {}; width: {};", pct(X0 / W), pct(PLOT_W / W))}>
                    <canvas ref={landed_ref} class="landed" data-testid="spacetime-landed"
                            width={px(PLOT_W * span)} height={px(h)}
                            style={format!("width: {}; transform: translateX(-{});", pct(span), pct(slide))} />
                    <canvas ref={live_ref} class="live" data-testid="spacetime-live"
                            width={px(PLOT_W)} height={px(h)} />
                </div>
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
.qs-spacetime .spacetime-stack { cursor: crosshair; }
.qs-spacetime .spacetime-stack.over-arrow { cursor: pointer; }
.qs-spacetime .spacetime-plot { position: absolute; top: 0; height: 100%; overflow: hidden; }
.qs-spacetime .spacetime-plot canvas { position: absolute; left: 0; top: 0; height: 100%; }
.qs-spacetime .spacetime-plot .landed { will-change: transform; }
.qs-spacetime .spacetime-plot .live { width: 100%; }
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
