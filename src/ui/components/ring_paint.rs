//! The ring's moving parts, painted on a canvas over its SVG every frame: the messages in
//! flight (placed by their progress in virtual time) and each node's election timer, an arc
//! that runs down and is reset by heartbeats (its track is in the SVG). The nodes and links
//! stay SVG: they change only with events. Picking a message under the pointer is geometric. Shapes and colours are
//! the same as the legend's: Okabe–Ito colour for the kind, shape for the kind and outcome.

use super::pen::{Pen, Surface};
use super::spacetime::{kind_colour_index, COLOURS};
use crate::core::NodeId;
use crate::sim::Status;
use crate::viz::scene::{ring_position, Badge, MessageView};
use crate::viz::Motion;
use std::f64::consts::{FRAC_PI_2, TAU};

/// The drawing's user units: a square `SIZE` wide (the SVG's viewBox).
pub const SIZE: f64 = 600.0;
/// How near (user units) the pointer must be to a message's centre to pick it.
const PICK: f64 = 14.0;
const INK: &str = "#1b2430";

/// Where node `i` of `n` sits, in user units.
pub fn pos(i: NodeId, n: usize) -> (f64, f64) {
    let (x, y) = ring_position(i, n);
    (x * SIZE, y * SIZE)
}

/// The radius of a node: as large as fits between neighbours, at most 56.
pub fn node_radius(n: usize) -> f64 {
    if n <= 1 {
        return 56.0;
    }
    let chord = 2.0 * 0.38 * SIZE * crate::viz::trig::sin_cos(std::f64::consts::PI / n as f64).0;
    (chord * 0.27).min(56.0)
}

/// The endpoints of the segment from node `a` to node `b` that lies outside both nodes,
/// shifted `side` units to the right of the direction of travel (so that the two
/// directions of a link use two lanes).
pub fn lane(a: NodeId, b: NodeId, n: usize, r: f64, side: f64) -> ((f64, f64), (f64, f64)) {
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

/// The radius of a node's timer arc: outside its outline (a candidate's diamond is wider).
pub fn timer_radius(shape: Badge, r: f64) -> f64 {
    r * if matches!(shape, Badge::Diamond | Badge::DiamondAlt) {
        1.38
    } else {
        1.2
    }
}

/// What the painter needs besides the motion: the same between events.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RingView {
    pub n: usize,
    /// Each node's shape and status (a crashed node shows no timer).
    pub nodes: Vec<(Badge, Status)>,
    /// The message shown in the inspector (drawn with a halo).
    pub inspected: Option<u64>,
}

thread_local! {
    /// Reduced motion (`prefers-reduced-motion`, set once by the app): messages do not fly.
    static JUMP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// With reduced motion, a message in flight is drawn at one place for all its flight,
/// [`JUMP_AT`] of the way along its lane (its lane and that place say which way it goes), and
/// the timers' arcs run down in eighths instead of smoothly.
pub fn set_reduced_motion(on: bool) {
    JUMP.with(|j| j.set(on));
}

/// Where on its lane a message stays with reduced motion: past the middle, toward its
/// receiver.
const JUMP_AT: f64 = 0.6;

/// Where message `m` is drawn now, in user units.
pub fn message_at(m: &MessageView, n: usize) -> (f64, f64) {
    let ((x0, y0), (x1, y1)) = lane(m.from, m.to, n, node_radius(n), 8.0);
    let p = if JUMP.with(|j| j.get()) {
        JUMP_AT
    } else {
        m.progress.clamp(0.0, 1.0)
    };
    (x0 + (x1 - x0) * p, y0 + (y1 - y0) * p)
}

/// The message nearest to `(x, y)` (user units), within reach.
pub fn pick(motion: &Motion, n: usize, x: f64, y: f64) -> Option<u64> {
    motion
        .messages
        .iter()
        .filter(|m| m.from < n && m.to < n)
        .map(|m| {
            let (mx, my) = message_at(m, n);
            (m.id, (mx - x).powi(2) + (my - y).powi(2))
        })
        .filter(|&(_, d)| d <= PICK * PICK)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id)
}

/// Canvas pixels per user unit for a canvas `css_px` wide: the displayed size times the
/// screen's pixel density, at least 0.5 and at most 2 (without a GPU the canvas is rasterised
/// on the CPU, in the pen's worker: a bigger one costs more every frame).
pub fn scale_for(css_px: f64) -> f64 {
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    ((css_px / SIZE) * dpr).clamp(0.5, 2.0)
}

/// The message glyphs (every colour and shape), drawn once per scale on a bitmap that is not
/// shown. Each frame copies them into place: without a GPU, the browser rasterises every
/// path when the frame is committed, and a few hundred small filled and stroked paths cost
/// more than the rest of the frame; copying a small bitmap is a fraction of that.
pub struct Sprites {
    atlas: Surface,
    scale: f64,
    /// The side of one glyph's cell, in canvas pixels.
    cell: f64,
}

/// How far (user units) a glyph reaches from its centre, its outline included.
const REACH: f64 = 13.0;
/// The glyph variants, one column each (see [`variant`]).
const VARIANTS: usize = 7;

/// Which glyph message `m` is: by outcome first (denied, granted), else by kind.
fn variant(m: &MessageView) -> usize {
    match (m.outcome, m.kind) {
        (Some(false), _) => 0,
        (Some(true), _) => 1,
        (None, "Heartbeat") => 2,
        (None, "AppendEntries" | "Accept") => 3,
        (None, "Chosen") => 4,
        (None, "CatchUp") => 5,
        (None, _) => 6,
    }
}

impl Sprites {
    /// The glyphs at `scale` canvas pixels per user unit, drawn with `pen`.
    pub fn new(pen: &mut Pen, scale: f64) -> Sprites {
        let atlas = Surface::new();
        let cell = (2.0 * REACH * scale).ceil();
        pen.size(
            &atlas,
            (cell * VARIANTS as f64) as u32,
            (cell * COLOURS.len() as f64) as u32,
        );
        pen.target(&atlas);
        for (row, colour) in COLOURS.iter().enumerate() {
            for v in 0..VARIANTS {
                let (cx, cy) = ((v as f64 + 0.5) * cell, (row as f64 + 0.5) * cell);
                pen.set_transform(scale, 0.0, 0.0, scale, cx, cy);
                glyph(pen, v, colour);
            }
        }
        Sprites { atlas, scale, cell }
    }

    /// The scale the glyphs were drawn at.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Copies message `m`'s glyph centred at `(x, y)` (canvas pixels, rounded to whole
    /// pixels so that the copy is exact).
    fn put(&self, pen: &mut Pen, m: &MessageView, x: f64, y: f64) {
        let c = self.cell;
        let (sx, sy) = (variant(m) as f64 * c, kind_colour_index(m.kind) as f64 * c);
        let (dx, dy) = ((x - c / 2.0).round(), (y - c / 2.0).round());
        pen.draw_image(&self.atlas, sx, sy, c, c, dx, dy, c, c);
    }
}

/// Paints the timers and the messages of `motion` on `canvas`, at the `sprites`' scale
/// (canvas pixels per user unit).
pub fn paint(pen: &mut Pen, canvas: &Surface, view: &RingView, motion: &Motion, sprites: &Sprites) {
    let scale = sprites.scale;
    let ctx = pen;
    ctx.target(canvas);
    ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, SIZE, SIZE);
    let n = view.n;
    let r = node_radius(n);

    // Timers: the part left, as an arc from twelve o'clock, clockwise (its track is in the
    // SVG below: it does not change, and each thick arc stroked here costs raster time).
    ctx.set_line_width(4.0);
    for (i, left) in motion.timers.iter().enumerate().take(n) {
        let (Some(left), Some(&(shape, status))) = (left, view.nodes.get(i)) else {
            continue;
        };
        if status == Status::Crashed || *left <= 0.0 {
            continue;
        }
        let left = if JUMP.with(|j| j.get()) {
            (left * 8.0).ceil() / 8.0
        } else {
            *left
        };
        let (x, y) = pos(i, n);
        let candidate = matches!(shape, Badge::Diamond | Badge::DiamondAlt);
        ctx.set_stroke_style(if candidate { "#a86f00" } else { "#6b7a8c" });
        ctx.begin_path();
        ctx.arc(
            x,
            y,
            timer_radius(shape, r),
            -FRAC_PI_2,
            -FRAC_PI_2 + TAU * left.min(1.0),
        );
        ctx.stroke();
    }

    // The inspected or held messages' halos (a few at most), then every glyph.
    let shown = || motion.messages.iter().filter(|m| m.from < n && m.to < n);
    ctx.set_stroke_style(INK);
    ctx.set_line_width(1.5);
    ctx.set_line_dash(&[2.0, 2.0]);
    for m in shown().filter(|m| view.inspected == Some(m.id) || m.held) {
        let (x, y) = message_at(m, n);
        ctx.begin_path();
        ctx.arc(x, y, 15.0, 0.0, TAU);
        ctx.stroke();
    }
    ctx.set_line_dash(&[]);
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    for m in shown() {
        let (x, y) = message_at(m, n);
        sprites.put(ctx, m, x * scale, y * scale);
    }
}

/// Glyph `v` (see [`variant`]) in `colour`, at the origin: a cross when denied, a ticked
/// circle when granted, else a shape by kind (square heartbeat, larger square
/// AppendEntries / Accept, triangles for Chosen and CatchUp, a diamond for anything asking).
fn glyph(ctx: &mut Pen, v: usize, colour: &str) {
    let poly = |ctx: &mut Pen, pts: &[(f64, f64)]| {
        ctx.begin_path();
        for (k, &(x, y)) in pts.iter().enumerate() {
            if k == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.close_path();
    };
    ctx.set_fill_style(colour);
    ctx.set_stroke_style("#ffffff");
    ctx.set_line_width(1.6);
    let s = 9.0;
    match v {
        0 => {
            poly(
                ctx,
                &[
                    (-9.0, -4.5),
                    (-4.5, -9.0),
                    (0.0, -4.5),
                    (4.5, -9.0),
                    (9.0, -4.5),
                    (4.5, 0.0),
                    (9.0, 4.5),
                    (4.5, 9.0),
                    (0.0, 4.5),
                    (-4.5, 9.0),
                    (-9.0, 4.5),
                    (-4.5, 0.0),
                ],
            );
            ctx.set_stroke_style(INK);
            ctx.set_line_width(1.2);
        }
        1 => {
            ctx.begin_path();
            ctx.arc(0.0, 0.0, s, 0.0, TAU);
        }
        2 => {
            ctx.begin_path();
            ctx.rect(-5.5, -5.5, 11.0, 11.0);
        }
        3 => {
            ctx.begin_path();
            ctx.rect(-s, -s, 2.0 * s, 2.0 * s);
        }
        4 => poly(ctx, &[(0.0, -11.0), (10.0, 7.0), (-10.0, 7.0)]),
        5 => poly(ctx, &[(0.0, 11.0), (10.0, -7.0), (-10.0, -7.0)]),
        _ => {
            let d = s + 1.5;
            poly(ctx, &[(0.0, -d), (d, 0.0), (0.0, d), (-d, 0.0)]);
        }
    }
    ctx.fill();
    ctx.stroke();
    if v == 1 {
        ctx.set_line_width(2.0);
        ctx.begin_path();
        ctx.move_to(-4.4, 0.2);
        ctx.line_to(-1.2, 3.4);
        ctx.line_to(4.6, -3.2);
        ctx.stroke();
    }
}
