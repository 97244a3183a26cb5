//! The log grid's columns on screen, painted on one canvas: the index header, every node's
//! cells (coloured by term, the term and the command written in; committed entries solid,
//! uncommitted ones white with a dashed border), and under each follower the leader's
//! `next_index` and `match_index` for it (Raft Figure 2). A grid of hundreds of cells as
//! elements cost the browser style, layout and paint work on every frame; as one canvas it
//! costs a few draw calls when the logs change.
//!
//! The canvas covers a run of whole chunks of `CHUNK` columns around the window (see
//! [`Span`]) and sits at its first column in the scrolling grid, so it scrolls with the page.
//! While the window stays in the same chunks, a new paint redraws only what changed: the
//! cells that differ from the ones on the canvas, the header's new indices, and the rows
//! whose markers moved. A busy cluster changes a few cells per panel update, not hundreds.

use super::logs::{term_colour, LogMeta, CELL_H, CELL_W, HEAD_H, ROW_H};
use super::pen::{Pen, Surface};
use crate::core::{Fixed, Lang};
use crate::ui::i18n::{t, Key};
use crate::viz::logs::LogWindow;
use crate::viz::scene::LogCell;

/// The page's font family.
macro_rules! family {
    () => {
        "system-ui, -apple-system, \"Segoe UI\", \"Noto Sans\", sans-serif"
    };
}
const HEADER_FONT: &str = concat!("10px ", family!());
const MARKER_FONT: &str = concat!("700 9.5px ", family!());
const MUTED: &str = "#5b6675";
const UNCOMMITTED_INK: &str = "#3c4754";
const NEXT_INK: &str = "#1b5e46";
const MATCH_INK: &str = "#0072B2";

/// How many columns the canvas grows or moves by.
const CHUNK: u64 = 16;

/// Where the canvas lies in the grid, in columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The canvas's first column (a whole number of chunks from the logs' first index).
    pub lo: u64,
    /// How many columns the canvas holds (whole chunks, at least the window's).
    pub cols: u64,
    /// How many of them are shown: the canvas is clipped at the column just past the
    /// longest log (where a follower's `next_index` usually points).
    pub shown: u64,
}

impl Span {
    /// The span for window `w`.
    pub fn of(w: &LogWindow) -> Span {
        let first = w.first;
        let from = w.from.max(first);
        let lo = first + (from - first) / CHUNK * CHUNK;
        // Enough for the window wherever it starts in a chunk; the same while its width is.
        let cols = (w.to.saturating_sub(w.from).max(1)).div_ceil(CHUNK) * CHUNK + CHUNK;
        let shown = (w.end.max(first) + 1 - lo.min(w.end.max(first) + 1)).min(cols);
        Span { lo, cols, shown }
    }

    /// The columns of the window that lie on the canvas.
    fn window(&self, w: &LogWindow) -> std::ops::Range<u64> {
        w.from.max(self.lo)..w.to.min(self.lo + self.cols).max(w.from.max(self.lo))
    }

    fn x(&self, i: u64) -> f64 {
        (i - self.lo) as f64 * CELL_W
    }
}

/// What a painting depends on besides the cells: the first column, how many, rows, device
/// pixel ratio (thousandths) and language.
type PaintKey = (u64, u64, usize, u64, Lang);

/// What a canvas holds, so that the next paint redraws only what differs.
#[derive(Default)]
pub struct Painted {
    /// The canvas's span, rows, device pixel ratio and language (a change of any: all anew).
    key: Option<PaintKey>,
    /// By row, the cell drawn in each column (by column from `lo`).
    cells: Vec<Vec<Option<LogCell>>>,
    /// The indices written in the header, by column.
    header: Vec<bool>,
    /// By row, the markers drawn (next_index, match_index; 0 for none).
    marks: Vec<(u64, u64)>,
}

/// A value as it fits in a cell: at most five characters (four and an ellipsis); the cell's
/// hover text has it whole.
fn short(v: &str) -> String {
    if v.chars().count() <= 5 {
        v.to_string()
    } else {
        v.chars().take(4).chain(std::iter::once('…')).collect()
    }
}

/// Paints window `w` with `pen` on `canvas` at `dpr` device pixels per CSS px, over what
/// `painted` says is on it; returns how many cells of the window are on the canvas (its
/// `data-cells`).
#[allow(clippy::too_many_arguments)]
pub fn paint(
    pen: &mut Pen,
    canvas: &Surface,
    painted: &mut Painted,
    w: &LogWindow,
    meta: &LogMeta,
    lang: Lang,
    dpr: f64,
) -> usize {
    let span = Span::of(w);
    let n = meta.names.len();
    let (css_w, css_h) = (span.cols as f64 * CELL_W, HEAD_H + n as f64 * ROW_H);
    let (px_w, px_h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    let ctx = pen;
    ctx.target(canvas);
    let key = (span.lo, span.cols, n, (dpr * 1000.0).round() as u64, lang);
    if let Some(old) = painted.key.filter(|_| painted.key != Some(key)) {
        // The window moved to other chunks: what is drawn moves along with the columns,
        // and only the columns that came in are painted.
        let step = CELL_W * dpr;
        if (old.1, old.2, old.3, old.4) == (key.1, key.2, key.3, key.4)
            && step.fract() == 0.0
            && old.0.abs_diff(span.lo) < span.cols
        {
            shift(ctx, canvas, (px_w, px_h), painted, old.0, span.lo, step);
            painted.key = Some(key);
        }
    }
    if painted.key != Some(key) {
        ctx.size(canvas, px_w, px_h);
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, px_w as f64, px_h as f64);
        *painted = Painted {
            key: Some(key),
            cells: vec![vec![None; span.cols as usize]; n],
            header: vec![false; span.cols as usize],
            marks: vec![(0, 0); n],
        };
    }
    ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    let cols = span.window(w);

    // The header: the indices of the columns the longest log reaches.
    let mut font = "";
    let mut set_font = |ctx: &mut Pen, f: &'static str| {
        if font != f {
            ctx.set_font(f);
            font = f;
        }
    };
    ctx.set_fill_style(MUTED);
    for i in cols.clone() {
        let k = (i - span.lo) as usize;
        let shown = i < w.end;
        if painted.header[k] != shown {
            ctx.clear_rect(span.x(i), 0.0, CELL_W, HEAD_H);
            if shown {
                set_font(ctx, HEADER_FONT);
                ctx.fill_text(&i.to_string(), span.x(i) + CELL_W / 2.0, 3.0);
            }
            painted.header[k] = shown;
        }
    }

    // Columns that left the window are cleared: the canvas shows the window and nothing
    // else (they are off screen, and come back with the window when scrolled to).
    for k in 0..span.cols as usize {
        let i = span.lo + k as u64;
        if cols.contains(&i) {
            continue;
        }
        if std::mem::take(&mut painted.header[k]) {
            ctx.clear_rect(span.x(i), 0.0, CELL_W, HEAD_H);
        }
        for (r, row) in painted.cells.iter_mut().enumerate() {
            if row[k].take().is_some() {
                ctx.clear_rect(span.x(i), HEAD_H + r as f64 * ROW_H, CELL_W, CELL_H + 1.0);
            }
        }
    }

    // The cells that changed: cleared, then drawn in passes (boxes, then the text in each
    // font), because setting a canvas's font is costly.
    let mut todo: Vec<(f64, f64, LogCell)> = Vec::new();
    let mut on_canvas = 0;
    for (r, row) in w.rows.iter().enumerate().take(n) {
        let y = HEAD_H + r as f64 * ROW_H;
        let mut at = row.cells.iter().peekable();
        for i in cols.clone() {
            while at.peek().is_some_and(|c| c.index < i) {
                at.next();
            }
            let new = at.peek().filter(|c| c.index == i).copied();
            on_canvas += usize::from(new.is_some());
            let slot = &mut painted.cells[r][(i - span.lo) as usize];
            if slot.as_ref() != new {
                ctx.clear_rect(span.x(i), y, CELL_W, CELL_H + 1.0);
                if let Some(c) = new {
                    todo.push((span.x(i), y, c.clone()));
                }
                *slot = new.cloned();
            }
        }
    }
    for (x, y, c) in &todo {
        cell_box(ctx, c, *x, *y);
    }
    // (committed, font, the tag or the value, from the cell's top)
    for (committed, cell_font, tag, y_off) in [
        (true, concat!("600 9.5px ", family!()), true, 5.0),
        (false, concat!("9.5px ", family!()), true, 5.0),
        (true, concat!("600 10.5px ", family!()), false, 17.0),
        (false, concat!("10.5px ", family!()), false, 17.0),
    ] {
        let mut ink = "";
        for (x, y, c) in todo.iter().filter(|t| t.2.committed == committed) {
            set_font(ctx, cell_font);
            let want = if committed {
                term_colour(c.term).1
            } else {
                UNCOMMITTED_INK
            };
            if want != ink {
                ctx.set_fill_style(want);
                ink = want;
            }
            let text = if tag { c.tag.clone() } else { short(&c.value) };
            ctx.fill_text(&text, x + 21.0, y + y_off);
        }
    }

    // The leader's view of each follower (Raft Figure 2: nextIndex[], matchIndex[]).
    for r in 0..n {
        let marks = match (meta.leader, meta.next_index.get(r), meta.match_index.get(r)) {
            (Some(l), Some(&next), Some(&mat)) if l != r && w.end > 0 => (
                next.max(w.first),
                if mat > 0 { mat.max(w.first) } else { 0 },
            ),
            _ => (0, 0),
        };
        if painted.marks[r] == marks {
            continue;
        }
        let y = HEAD_H + r as f64 * ROW_H + CELL_H + 1.0;
        ctx.clear_rect(0.0, y, css_w, ROW_H - CELL_H - 1.0);
        let (next, mat) = marks;
        for (at, key, ink) in [
            (next, Key::NextMark, NEXT_INK),
            (mat, Key::MatchMark, MATCH_INK),
        ] {
            if at < span.lo || at >= span.lo + span.cols || at == 0 {
                continue;
            }
            set_font(ctx, MARKER_FONT);
            ctx.set_fill_style(ink);
            let label = format!("▴{}", t(lang, key));
            ctx.fill_text(&label, span.x(at) + CELL_W / 2.0, y + 1.0);
        }
        painted.marks[r] = marks;
    }
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    on_canvas
}

/// Moves what is drawn from a canvas (`size` pixels) starting at column `from` to one starting
/// at column `to` (`step` device px per column), and what `painted` says with it.
fn shift(
    ctx: &mut Pen,
    canvas: &Surface,
    size: (u32, u32),
    painted: &mut Painted,
    from: u64,
    to: u64,
    step: f64,
) {
    let by = to as i64 - from as i64;
    let (w, h) = (f64::from(size.0), f64::from(size.1));
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.set_composite(true);
    ctx.draw_image_at(canvas, -(by as f64) * step, 0.0);
    ctx.set_composite(false);
    // The columns that came in are empty.
    let k = by.unsigned_abs() as usize;
    let gap = k as f64 * step;
    ctx.clear_rect(if by > 0 { w - gap } else { 0.0 }, 0.0, gap, h);
    for row in painted.cells.iter_mut() {
        slide(row, by, None);
    }
    slide(&mut painted.header, by, false);
    // Markers may point at the columns that came in: all drawn again.
    painted
        .marks
        .iter_mut()
        .for_each(|m| *m = (u64::MAX, u64::MAX));
}

/// Moves the entries of `v` (one per column) `by` columns to the left (right when negative),
/// the columns that come in holding `empty`.
fn slide<T: Clone>(v: &mut [T], by: i64, empty: T) {
    let k = (by.unsigned_abs() as usize).min(v.len());
    let n = v.len();
    if by > 0 {
        v.rotate_left(k);
        v[n - k..].fill(empty);
    } else {
        v.rotate_right(k);
        v[..k].fill(empty);
    }
}

/// One entry's box at column left `x`, row top `y`: 38 px wide and `CELL_H` high, two px in
/// from the column's left edge, with a 2 px border; solid in the term's colour when
/// committed, white with a dashed border when not.
fn cell_box(ctx: &mut Pen, c: &LogCell, x: f64, y: f64) {
    let bg = term_colour(c.term).0;
    ctx.begin_path();
    // The stroke is centred on the path: inset by half the border.
    ctx.round_rect(x + 3.0, y + 1.0, 36.0, CELL_H - 2.0, 4.0);
    ctx.set_fill_style(if c.committed { bg } else { "#ffffff" });
    ctx.fill();
    ctx.set_line_width(2.0);
    ctx.set_stroke_style(bg);
    if !c.committed {
        ctx.set_line_dash(&[4.0, 3.0]);
    }
    ctx.stroke();
    if !c.committed {
        ctx.set_line_dash(&[]);
    }
}

/// The cell at (`x`, `y`) CSS px from the canvas's top left, and the row it is in.
pub fn cell_at(w: &LogWindow, x: f64, y: f64) -> Option<(usize, &LogCell)> {
    if x < 0.0 || y < HEAD_H {
        return None;
    }
    let r = ((y - HEAD_H) / ROW_H).floor() as usize;
    if y - HEAD_H - r as f64 * ROW_H > CELL_H {
        return None;
    }
    let index = Span::of(w).lo + (x / CELL_W).floor() as u64;
    let row = w.rows.get(r)?;
    row.cells.iter().find(|c| c.index == index).map(|c| (r, c))
}

/// What a cell says when hovered: node, index, tag, the whole value, committed or not.
pub fn describe(name: &str, c: &LogCell, lang: Lang) -> String {
    let state = t(
        lang,
        if c.committed {
            Key::Committed
        } else {
            Key::Uncommitted
        },
    );
    format!("{name} #{} · {} · {} · {state}", c.index, c.tag, c.value)
}

/// The style of the clip that holds the canvas: its place in the grid and the columns shown.
pub fn clip_style(w: &LogWindow, rows: usize) -> String {
    let span = Span::of(w);
    format!(
        "left:{}px;width:{}px;height:{}px",
        Fixed((span.lo - w.first) as f64 * CELL_W, 0),
        Fixed(span.shown as f64 * CELL_W, 0),
        Fixed(HEAD_H + rows as f64 * ROW_H, 0)
    )
}

/// The canvas's own size (CSS px): all its columns, the clip shows the first `shown`.
pub fn canvas_style(w: &LogWindow, rows: usize) -> String {
    let span = Span::of(w);
    format!(
        "width:{}px;height:{}px",
        Fixed(span.cols as f64 * CELL_W, 0),
        Fixed(HEAD_H + rows as f64 * ROW_H, 0)
    )
}
