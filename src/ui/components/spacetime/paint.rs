//! Painting the arrows on two bitmaps (through a [`Pen`], replayed in a worker), so that a
//! busy cluster costs little per frame:
//!
//! - the *landed* layer holds delivered and dropped arrows. They never change once landed,
//!   so each is painted once, at a fixed place on a canvas wider than the window (it covers
//!   [`WINDOW`] + [`MARGIN`] from its `base` time), and it is repainted from scratch only
//!   when the clock leaves its span, goes backwards (a seek), or the drawing changes size.
//!   Arrows join it in the frame they land (see [`paint_landed`]). It is not shown itself (a
//!   [`Surface`] only the worker has): each frame the live layer copies the part in the
//!   window, at a whole pixel. (Sliding it with a CSS transform instead cost a style recalculation, a pre-paint
//!   and a layerization of the page every frame; and as one more canvas for the compositor,
//!   handed over whole whenever it changed, it had to take new arrows in batches, which
//!   the live layer drew meanwhile: hundreds per frame at real-time speed.)
//! - the *live* layer, repainted every frame, holds that copy, the arrows in flight (they
//!   grow with the clock), and the hovered and selected arrows, drawn thicker.
//!
//! The time labels (every [`TICK`]) are on the landed layer too, painted with it from
//! scratch: they slide with it.
//!
//! A canvas 2D context without a GPU rasterises every stroke on the thread that draws, so
//! repainting thousands of arrows each frame would cost tens of milliseconds, even in a
//! worker.

use super::geometry::{
    dash_pattern, kind_colour, kind_colour_index, segment, End, Frame, Seg, BOTTOM, CANVAS_FONT,
    COLOURS, DROP_COLOUR, FONT, PLOT_W, TOP, X0,
};
use crate::core::{fmt_time, Time};
use crate::ui::components::pen::{Pen, Surface};
use crate::viz::scene::Arrow;

/// How much time the landed layer covers beyond the window (half of it): the clock can move
/// this far before that layer is repainted.
pub fn margin(f: &Frame) -> Time {
    f.window / 2
}

/// What the landed layer holds, to paint only what is new.
#[derive(Debug, Default)]
pub struct Landed {
    /// The time at the layer's left edge.
    pub base: Time,
    /// The drawing it was painted for: lifelines, row height (bits), canvas scale (bits),
    /// window.
    key: (usize, u64, u64, Time),
    /// The clock when last painted (a smaller one means a seek back: repaint).
    now: Time,
    /// The arrows on it, by id (sorted).
    drawn: Vec<u64>,
    painted: bool,
    /// The bitmap it is painted on (not shown).
    surface: Surface,
}

/// The landed layer's size in pixels for frame `f`: `(window + margin) / window` plot widths
/// wide, `scale` pixels per user unit.
pub fn landed_size(f: &Frame, scale: f64) -> (u32, u32) {
    let span = (f.window + margin(f)) as f64 / f.window as f64;
    (
        (PLOT_W * span * scale).round() as u32,
        (f.height() * scale).round() as u32,
    )
}

/// The style of an arrow: (colour, outcome, dropped) as one number, for grouping strokes.
fn style(a: &Arrow) -> usize {
    let o = match a.outcome {
        None => 0,
        Some(true) => 1,
        Some(false) => 2,
    };
    (kind_colour_index(a.kind) * 3 + o) * 2 + usize::from(a.dropped)
}

/// Strokes `segs` (sorted by style), one path per style, then the arrowheads, in-flight
/// dots and crosses. Coordinates are the frame's user units shifted left by `dx`.
///
/// The arrows are one user unit wide: at a scale of one pixel per unit, the software
/// rasteriser strokes a line exactly one pixel wide several times faster than any wider one
/// (measured in Chromium: 300 long dashed lines 2-4 ms at 1 px, 15-19 ms at 1.2 or 1.4 px),
/// and a seek repaints every arrow in the window.
fn stroke(ctx: &mut Pen, segs: &[(usize, Seg)], dx: f64) {
    ctx.set_line_width(1.0);
    for group in segs.chunk_by(|a, b| a.0 == b.0) {
        let key = group[0].0;
        let outcome = match (key / 2) % 3 {
            0 => None,
            1 => Some(true),
            _ => Some(false),
        };
        ctx.set_stroke_style(COLOURS[key / 6]);
        ctx.set_line_dash(dash_pattern(outcome));
        ctx.set_global_alpha(if key % 2 == 1 { 0.7 } else { 1.0 });
        ctx.begin_path();
        for (_, s) in group {
            ctx.move_to(s.x0 - dx, s.y0);
            ctx.line_to(s.x1 - dx, s.y1);
        }
        ctx.stroke();
    }
    ctx.set_global_alpha(1.0);
    ctx.set_line_dash(&[]);

    // Arrowheads and in-flight dots, one filled path per colour.
    for group in segs.chunk_by(|a, b| a.0 / 6 == b.0 / 6) {
        if group.iter().all(|(_, s)| s.end == End::Cross) {
            continue;
        }
        ctx.set_fill_style(COLOURS[group[0].0 / 6]);
        ctx.begin_path();
        for (_, s) in group {
            let (x1, y1) = (s.x1 - dx, s.y1);
            match s.end {
                End::Head => {
                    let (ddx, ddy) = (s.x1 - s.x0, s.y1 - s.y0);
                    let len = (ddx * ddx + ddy * ddy).sqrt().max(0.001);
                    let (ux, uy) = (ddx / len, ddy / len);
                    let (bx, by) = (x1 - ux * 6.0, y1 - uy * 6.0);
                    let (px, py) = (-uy * 3.0, ux * 3.0);
                    ctx.move_to(x1, y1);
                    ctx.line_to(bx + px, by + py);
                    ctx.line_to(bx - px, by - py);
                    ctx.close_path();
                }
                End::Tip => {
                    ctx.move_to(x1 + 2.5, y1);
                    ctx.arc(x1, y1, 2.5, 0.0, std::f64::consts::TAU);
                }
                End::Cross => {}
            }
        }
        ctx.fill();
    }
    if segs.iter().any(|(_, s)| s.end == End::Cross) {
        ctx.set_stroke_style(DROP_COLOUR);
        ctx.set_line_width(2.0);
        ctx.begin_path();
        let d = 3.5;
        for (_, s) in segs.iter().filter(|(_, s)| s.end == End::Cross) {
            let (x1, y1) = (s.x1 - dx, s.y1);
            ctx.move_to(x1 - d, y1 - d);
            ctx.line_to(x1 + d, y1 + d);
            ctx.move_to(x1 - d, y1 + d);
            ctx.line_to(x1 + d, y1 - d);
        }
        ctx.stroke();
    }
}

/// Whether an arrow has landed (delivered or dropped): it will not change any more.
fn landed(a: &Arrow) -> bool {
    a.delivered || a.dropped
}

/// The landed layer's left edge for frame `f`: the window's left edge, unless the layer's
/// current span still covers the window.
pub fn landed_base(state: &Landed, f: &Frame, scale: f64) -> (Time, bool) {
    let start = f.end - f.window;
    let key = (f.n, f.row.to_bits(), scale.to_bits(), f.window);
    let fresh = !state.painted
        || state.key != key
        || f.now < state.now
        || start < state.base
        || start > state.base + margin(f);
    (if fresh { start } else { state.base }, fresh)
}

/// Paints the arrows that landed since they were last painted on the landed layer (or all
/// of them, from scratch, when its span no longer covers the window). The canvas is
/// `(window + margin) / window` plot widths wide, `scale` pixels per user unit.
pub fn paint_landed(pen: &mut Pen, state: &mut Landed, arrows: &[Arrow], f: &Frame, scale: f64) {
    let (base, fresh) = landed_base(state, f, scale);
    let mut segs: Vec<(usize, Seg)> = Vec::new();
    let mut ids: Vec<u64> = Vec::new();
    // The arrows and the layer's ids are both sorted: one walk through the two finds the
    // new ones (a search per arrow cost more, with thousands in the window).
    let mut k = 0;
    // Arrows that landed before the layer's left edge are not drawn (the motion reaches
    // back the longest window).
    for a in arrows
        .iter()
        .filter(|a| f.holds(a) && landed(a) && a.arrive_at.max(a.sent_at) >= base)
    {
        while k < state.drawn.len() && state.drawn[k] < a.id {
            k += 1;
        }
        if fresh || state.drawn.get(k) != Some(&a.id) {
            ids.push(a.id);
            segs.push((style(a), segment(a, f)));
        }
    }
    if !fresh && segs.is_empty() {
        return;
    }
    let ctx = pen;
    if fresh {
        let (w, h) = landed_size(f, scale);
        ctx.size(&state.surface, w, h);
    }
    ctx.target(&state.surface);
    ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0);
    if fresh {
        let width = PLOT_W * (f.window + margin(f)) as f64 / f.window as f64;
        ctx.clear_rect(0.0, 0.0, width + 10.0, f.height() + 10.0);
        state.drawn.clear();
        state.base = base;
        state.key = (f.n, f.row.to_bits(), scale.to_bits(), f.window);
        state.painted = true;
        ticks(ctx, f, base, width);
    }
    state.now = f.now;
    if !ids.is_empty() {
        state.drawn = merged(&state.drawn, &ids);
    }
    if !segs.is_empty() {
        segs.sort_unstable_by_key(|(k, _)| *k);
        // The layer's x = 0 is its base time.
        stroke(ctx, &segs, f.x(base));
    }
}

/// The union of two sorted lists of ids, sorted.
fn merged(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        out.push(x.min(y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The time grid of the landed layer (`width` units from its `base` time): a faint line and
/// a label at every whole multiple of the frame's tick.
fn ticks(ctx: &mut Pen, f: &Frame, base: Time, width: f64) {
    let h = f.height();
    let dx = f.x(base);
    ctx.set_stroke_style("rgba(0,0,0,0.08)");
    ctx.set_fill_style("#777777");
    ctx.set_line_width(1.0);
    ctx.set_font(CANVAS_FONT);
    let end = base + (width / PLOT_W * f.window as f64) as Time;
    let tick = f.tick;
    let mut t = base.div_ceil(tick) * tick;
    ctx.begin_path();
    while t <= end {
        let x = f.x(t) - dx;
        ctx.move_to(x, TOP - 4.0);
        ctx.line_to(x, h - BOTTOM + 3.0);
        // A label ends just before its line, so the newest one, at the current-time line
        // (the plot's right edge), is not cut in half; the run's first moment is at the
        // plot's left edge, so its label starts there.
        let (align, at) = if t == 0 {
            ("left", x)
        } else {
            ("right", x - 2.0)
        };
        ctx.set_text_align(align);
        ctx.fill_text(&fmt_time(t), at, h - 3.0);
        t += tick;
    }
    ctx.stroke();
}

/// Repaints the live layer `canvas` (one plot wide: `size` pixels): the landed `layer`'s
/// part in the window (its pixels left of the window are `left`), the arrows in flight,
/// then the `emphasised` ones (hovered, selected) thicker on top, and the current-time line.
#[allow(clippy::too_many_arguments)]
pub fn paint_live(
    pen: &mut Pen,
    canvas: &Surface,
    size: (u32, u32),
    layer: (&Landed, f64),
    arrows: &[Arrow],
    f: &Frame,
    scale: f64,
    emphasised: &[u64],
    now_label: &str,
) {
    let ctx = pen;
    ctx.target(canvas);
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, f64::from(size.0), f64::from(size.1));
    let (layer, left) = layer;
    if layer.painted {
        // At a whole pixel: an exact copy, no resampling.
        ctx.draw_image_at(&layer.surface, -left.round(), 0.0);
    }
    ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0);
    let mut segs: Vec<(usize, Seg)> = arrows
        .iter()
        .filter(|a| f.holds(a) && !landed(a))
        .map(|a| (style(a), segment(a, f)))
        .collect();
    segs.sort_unstable_by_key(|(k, _)| *k);
    stroke(ctx, &segs, X0);

    ctx.set_line_width(3.2);
    for a in arrows
        .iter()
        .filter(|a| f.holds(a) && emphasised.contains(&a.id))
    {
        let s = segment(a, f);
        ctx.set_stroke_style(kind_colour(a.kind));
        ctx.set_line_dash(dash_pattern(a.outcome));
        ctx.begin_path();
        ctx.move_to(s.x0 - X0, s.y0);
        ctx.line_to(s.x1 - X0, s.y1);
        ctx.stroke();
    }
    ctx.set_line_dash(&[]);

    // The current time: a line across the lifelines (kept whole at the plot's right edge)
    // and its label at the top, left of the line (right of it near the start of the plot).
    let x = (f.x(f.now) - X0).min(PLOT_W - 0.75);
    ctx.set_stroke_style("#000000");
    ctx.set_line_width(1.5);
    ctx.begin_path();
    ctx.move_to(x, TOP - 4.0);
    ctx.line_to(x, f.height() - BOTTOM + 3.0);
    ctx.stroke();
    ctx.set_fill_style("#000000");
    ctx.set_font(CANVAS_FONT);
    let start = x < 110.0;
    ctx.set_text_align(if start { "start" } else { "end" });
    ctx.fill_text(now_label, if start { x + 3.0 } else { x - 3.0 }, FONT);
    ctx.set_text_align("start");
}
