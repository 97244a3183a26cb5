//! The space-time (sequence) diagram: one lifeline per node, every message of the last
//! ~2 s of virtual time as an arrow from its sender's lifeline (when sent) to its receiver's
//! (when delivered). Time flows to the right; the right edge is the current time.
//!
//! Props: the scene (lifelines: names and status), the motion bus (arrows and the clock,
//! every frame), `on_seek` (a click on the diagram asks to go to that moment), `on_select`
//! (a click on an arrow), `on_hover` (the pointer enters or leaves an arrow), `selected`
//! (the arrow to highlight) and the language.
//!
//! Colours (Okabe–Ito, colour-blind safe) tell the kind of message; the dash tells its
//! outcome (solid = request, long dashes = granted/ok, dots = denied/rejected), so the
//! picture also reads in grey. A dropped message ends in an ×; a message still in flight
//! ends at the current-time line with a dot. Hovering an arrow reports it (`on_hover`);
//! clicking it selects it (`on_select`); clicking anywhere else in the plot seeks.
//!
//! Drawing: lifelines and names are SVG, rendered only when the scene changes; the arrows
//! and time labels are painted on two canvases (see [`paint`]): landed arrows once each, on
//! a hidden layer that the shown one copies with the clock's slide, and arrows in flight and
//! the current-time line every frame. The painting and the counts follow the motion
//! bus on every frame without a render, and without a change to the page's elements that
//! the browser would have to lay out and paint again. A busy 9-node cluster sends thousands
//! of messages in 2 s; as SVG elements, or repainted every frame, they would cost far more
//! than a frame. Hit-testing is geometric (the arrow nearest the pointer, within a few
//! pixels). Files: `geometry.rs` (layout, colours, picking), `paint.rs` (the canvases).
//!
//! DOM contract (tests): `[data-testid=spacetime]` with `data-arrows`, `data-in-flight`,
//! `data-dropped` (counts drawn), `data-hovered` / `data-selected` (an id or empty),
//! `data-hovered-state` ("in-flight" | "delivered" | "dropped" | empty);
//! `svg[data-testid=spacetime-svg]` (the whole drawing; pointer events land on the box
//! around it) with `data-now` and `data-window` (µs), `data-now-x` (where the current-time
//! line is, in user units), `data-font` (the size of its type, names and the time labels
//! painted on the canvas alike, in user units), one `g.lifeline[data-lifeline=<name>]`
//! per node; canvas `[data-testid=spacetime-live]` (the landed layer's part in the window,
//! the arrows in flight and the current-time line and label; drawn through a
//! [`super::pen::Pen`], `data-surface` its number there).
//!
//! Its styles (scoped by `.qs-spacetime`) are in static/style.css, minified with the rest
//! of the page's: as a string in the module they cost more bytes of the page.

mod geometry;
mod paint;

pub use geometry::{kind_colour, kind_colour_index, COLOURS, WINDOW};

use super::pen::{Pen, Surface};
use crate::core::Fixed;
use crate::core::{fmt_time, Lang, Time};
use crate::sim::Status;
use crate::ui::i18n::{t, Key};
use crate::ui::motion_bus::{use_painter, MotionBus};
use crate::ui::shared::Shared;
use crate::viz::scene::Arrow;
use crate::viz::{Motion, Scene};
use geometry::{arrow_state, dash_attr, pick, Frame, FONT, PICK, PLOT_W, W, X0, X1};
use paint::{landed_base, landed_size, margin, paint_landed, paint_live, Landed};
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SpaceTimeProps {
    pub scene: Shared<Scene>,
    /// The arrows and the clock, every frame.
    pub bus: MotionBus,
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
    /// The time shown and the spacing of its labels (µs), from the playback speed
    /// ([`crate::viz::timescale::diagram_window`]).
    pub window: (Time, Time),
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

/// The elements the painter writes to, and what it needs besides the motion.
#[derive(Default)]
struct Painted {
    root: NodeRef,
    svg: NodeRef,
    live_canvas: NodeRef,
    /// The live canvas, handed over to the pen when first painted.
    live: Option<Surface>,
    landed: Landed,
    n: usize,
    window: (Time, Time),
    scale: f64,
    lang: Lang,
    /// The hovered and selected arrows (drawn thicker).
    emphasised: Vec<u64>,
    hovered: Option<u64>,
    /// What was last written to the DOM, so that unchanged values are not written again
    /// (reset by every render, which may have rewritten them).
    written: Vec<String>,
}

/// Records `value` in slot `k` of `written`; whether it differs from what was there.
fn changed(written: &mut Vec<String>, k: usize, value: &str) -> bool {
    if written.len() <= k {
        written.resize(k + 1, String::new());
    }
    if written[k] == value {
        return false;
    }
    written[k] = value.to_string();
    true
}

/// Sets attribute `name` of `el` to `value` unless slot `k` of `written` says it is so.
fn put(el: &NodeRef, written: &mut Vec<String>, k: usize, name: &str, value: String) {
    if changed(written, k, &value) {
        if let Some(el) = el.cast::<web_sys::Element>() {
            let _ = el.set_attribute(name, &value);
        }
    }
}

/// Draws motion `m`: the canvases (the landed layer's slide, the current-time line and label),
/// the clock and counts in the DOM contract.
fn draw(p: &mut Painted, m: &Motion) {
    let f = Frame::new(p.n, m.time, p.window);
    let scale = p.scale;
    let mut pen = Pen::default();
    // Arrows that just landed join the landed layer at once: it is not shown itself, so
    // drawing on it costs only those strokes.
    paint_landed(&mut pen, &mut p.landed, &m.arrows, &f, scale);
    // Where the landed layer's left edge is now: it slides left with the clock, copied into
    // the live layer (canvas pixels left of the window's edge).
    let (base, _) = landed_base(&p.landed, &f, scale);
    let slide = (f.end - f.window).saturating_sub(base) as f64 / (f.window + margin(&f)) as f64;
    if let Some(c) = p.live_canvas.cast::<HtmlCanvasElement>() {
        let (live, _) = Surface::of(&mut p.live, &c);
        let size = (
            (PLOT_W * scale).round() as u32,
            (f.height() * scale).round() as u32,
        );
        pen.size(live, size.0, size.1);
        let label = format!("{} {}", t(p.lang, Key::Now), fmt_time(m.time));
        let left = slide * f64::from(landed_size(&f, scale).0);
        let landed = (&p.landed, left);
        let (arrows, emphasised) = (&m.arrows, &p.emphasised);
        paint_live(
            &mut pen, live, size, landed, arrows, &f, scale, emphasised, &label,
        );
    }
    pen.send();

    let w = &mut p.written;
    put(&p.svg, w, 0, "data-now", m.time.to_string());
    put(&p.svg, w, 1, "data-now-x", f1(f.x(m.time)));

    let (mut count, mut in_flight, mut dropped) = (0usize, 0usize, 0usize);
    for a in m.arrows.iter().filter(|a| f.holds(a)) {
        count += 1;
        in_flight += usize::from(!a.delivered && !a.dropped);
        dropped += usize::from(a.dropped);
    }
    let hovered_state = p
        .hovered
        .and_then(|id| m.arrows.iter().rev().find(|a| a.id == id))
        .map_or("", arrow_state);
    put(&p.root, w, 5, "data-arrows", count.to_string());
    put(&p.root, w, 6, "data-in-flight", in_flight.to_string());
    put(&p.root, w, 7, "data-dropped", dropped.to_string());
    put(
        &p.root,
        w,
        8,
        "data-hovered-state",
        hovered_state.to_string(),
    );
}

#[component]
pub fn SpaceTime(props: &SpaceTimeProps) -> Html {
    let lang = props.lang;
    let scene = props.scene.clone();
    let n = scene.nodes.len();
    let window = props.window;
    let f = Frame::new(n, 0, window);
    let h = f.height();
    let scale = canvas_scale();
    let stack_ref = use_node_ref();
    let hovered = use_state_eq(|| None::<u64>);
    let painted = use_mut_ref(Painted::default);
    {
        let mut p = painted.borrow_mut();
        p.n = n;
        p.window = window;
        p.scale = scale;
        p.lang = lang;
        // The arrows of the event just stepped (paused: the scene marks the last event) are
        // drawn thicker too.
        let mut emphasised: Vec<u64> = props.selected.into_iter().collect();
        emphasised.extend(*hovered);
        if let Some(m) = &scene.step {
            emphasised.extend_from_slice(&m.messages);
        }
        p.emphasised = emphasised;
        p.hovered = *hovered;
        p.written.clear();
    }
    {
        let painted = painted.clone();
        use_painter(
            &props.bus,
            Rc::new(move |m| draw(&mut painted.borrow_mut(), m)),
        );
    }
    let refs = {
        let p = painted.borrow();
        (p.root.clone(), p.svg.clone(), p.live_canvas.clone())
    };
    let (root_ref, svg_ref, live_ref) = refs;

    // A click on an arrow selects it; anywhere else in the plot it goes to that moment (up
    // to the furthest point the run has reached).
    let onclick = {
        let (stack_ref, bus) = (stack_ref.clone(), props.bus.clone());
        let (on_seek, on_select) = (props.on_seek.clone(), props.on_select.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(el) = stack_ref.cast::<web_sys::Element>() else {
                return;
            };
            let Some((x, y)) = pointer(&el, &e, h) else {
                return;
            };
            let m = bus.current();
            let f = Frame::new(n, m.time, window);
            if let Some(id) = pick(&m.arrows, &f, x, y) {
                on_select.emit(id);
            } else if x >= X0 - PICK {
                on_seek.emit(f.time_at(x).min(m.horizon.max(m.time)));
            }
        })
    };
    let onmousemove = {
        let (stack_ref, bus) = (stack_ref.clone(), props.bus.clone());
        let (hovered, on_hover) = (hovered.clone(), props.on_hover.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(el) = stack_ref.cast::<web_sys::Element>() else {
                return;
            };
            let m = bus.current();
            let f = Frame::new(n, m.time, window);
            let id = pointer(&el, &e, h).and_then(|(x, y)| pick(&m.arrows, &f, x, y));
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

    let names: Vec<&str> = if props.names.len() == n {
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
                <text class="lane-name" x={f1(X0 - 8.0)} y={f1(y + 4.5)}>
                    { names[i] }
                </text>
                <line class="lane" x1={f1(X0)} x2={f1(X1)}
                      y1={f1(y)} y2={f1(y)} />
            </g>
        }
    });
    // The last event, while paused: a ring on each lifeline it happened at, at its time.
    let at = Frame::new(n, scene.time, window);
    let marks = scene.step.as_ref().filter(|m| at.x(m.time) >= X0).map(|m| {
        let x = at.x(m.time);
        html! {
            <g class="step-mark" data-testid="step-mark" data-time={m.time.to_string()}>
                <line class="step-line" x1={f1(x)} x2={f1(x)} y1={f1(at.lane(0) - at.row / 2.0)}
                      y2={f1(at.lane(n.saturating_sub(1)) + at.row / 2.0)} />
                { for m.nodes.iter().filter(|&&i| i < n).map(|&i| html! {
                    <circle cx={f1(x)} cy={f1(at.lane(i))} r="5" />
                }) }
            </g>
        }
    });
    let id_attr = |id: Option<u64>| id.map(|i| i.to_string()).unwrap_or_default();
    let motion = props.bus.current();

    html! {
        <div ref={root_ref} class="qs-spacetime" data-testid="spacetime"
             data-hovered={id_attr(*hovered)} data-selected={id_attr(props.selected)}>
            <div ref={stack_ref} class={classes!("spacetime-stack", hovered.is_some().then_some("over-arrow"))}
                 title={t(lang, Key::SpaceTimeHint)} {onclick} {onmousemove} {onmouseleave}>
                <svg ref={svg_ref} class="spacetime-svg" data-testid="spacetime-svg"
                     viewBox={format!("0 0 {} {}", f1(W), f1(h))} role="img"
                     aria-label={t(lang, Key::SpaceTimeAria)} data-window={window.0.to_string()}
                     data-font={f1(FONT)}>
                    <rect class="backdrop" x="0" y="0" width={f1(W)} height={f1(h)} />
                    { for lifelines }
                    { marks.unwrap_or_default() }
                </svg>
                <div class="spacetime-plot" style={format!("left: {}; width: {};", pct(X0 / W), pct(PLOT_W / W))}>
                    <canvas ref={live_ref} class="live" data-testid="spacetime-live" />
                </div>
            </div>
            { legend(&motion.arrows, lang) }
        </div>
    }
}

/// The legend: the kinds in view with their colours, and what dashes and marks mean.
fn legend(arrows: &[Arrow], lang: Lang) -> Html {
    let mut kinds: Vec<&str> = Vec::new();
    for a in arrows {
        if !kinds.contains(&a.kind) {
            kinds.push(a.kind);
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
            <li>{ swatch("#333", dash_attr(None)) }{ t(lang, Key::LegendRequest) }</li>
            <li>{ swatch("#333", dash_attr(Some(true))) }{ t(lang, Key::SpaceTimeGranted) }</li>
            <li>{ swatch("#333", dash_attr(Some(false))) }{ t(lang, Key::SpaceTimeDenied) }</li>
            <li><span class="mark-x">{ "×" }</span>{ t(lang, Key::LegendDropped) }</li>
            <li><span class="mark-dot">{ "●" }</span>{ t(lang, Key::LegendInFlight) }</li>
        </ul>
    }
}
