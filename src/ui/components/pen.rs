//! Canvas drawing off the main thread. Without a GPU the browser rasterises a canvas's paths
//! on the thread that draws them, when the frame is committed: for the ring, the diagram
//! and the logs that was about 2.5 ms of every frame on the page's main thread, plus about
//! 1 ms of calls from wasm into the 2D context. So their painters do not draw: they record
//! what to draw in a [`Pen`] (a few numbers per call, in wasm memory), and each paint's
//! recording goes in one message to a worker (`pen.js`) that owns the canvases, handed over
//! with `transferControlToOffscreen`, and replays it there. Bitmaps that are not shown (the
//! ring's glyph atlas, the diagram's landed layer) live in the worker too, as [`Surface`]s.
//!
//! A browser without transferable canvases or workers gets the same replay (`pen.js`'s `R`)
//! on the page.
//!
//! The messages to `pen.js` are objects: `{id, canvas}` (a canvas to draw on: the page's,
//! handed over), `{free: id}`, `{ops, strs}` (a recording: a `Float32Array` of opcodes
//! ([`Op`]), each followed by its operands, strings as indices into `strs`), `{batch}` (an
//! array of such recordings, replayed in order: a frame's, see [`Pen::send`]), and, from the
//! tests and the benchmark, `{ink: [id, ..]}`, which the worker answers with `{ink: n, at}`,
//! the number of pixels not transparent on those surfaces and when it answered (ms since the
//! epoch, `performance.timeOrigin + performance.now()`). It answers after its next frame (the
//! canvases rasterise what was replayed and hand it to the compositor then), or after 100 ms
//! if it gets no frame; with no ids the message is a ping: everything sent before it has been
//! replayed and shown by `at`. A recording whose surface the replay does not have is dropped
//! from there on. `pen.js` is embedded in the module as it is (its text is the worker's
//! script, from a blob), so it has no comments of its own but one line.

use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlCanvasElement;

/// The replay script (see the module's doc).
const SCRIPT: &str = include_str!("pen.js");

/// The opcodes, as `pen.js` reads them; the operands follow each one.
#[derive(Clone, Copy)]
enum Op {
    Target = 0,
    Size,
    SetTransform,
    ClearRect,
    BeginPath,
    MoveTo,
    LineTo,
    Arc,
    ClosePath,
    Rect,
    Fill,
    Stroke,
    LineWidth,
    StrokeStyle,
    FillStyle,
    LineDash,
    GlobalAlpha,
    Font,
    TextAlign,
    FillText,
    DrawImage,
    DrawImageAt,
    TextBaseline,
    RoundRect,
    Composite,
}

/// Where the recordings go.
enum Sink {
    Worker(web_sys::Worker),
    /// `pen.js`'s `R`, on the page.
    Page(js_sys::Function),
}

thread_local! {
    static SINK: RefCell<Option<Option<Sink>>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    /// Recordings not yet posted to the worker, and their buffers (see [`Pen::send`]).
    static BATCH: RefCell<Option<(js_sys::Array, js_sys::Array)>> = const { RefCell::new(None) };
}

/// The worker, started from `pen.js`'s text (a blob: no file to serve, and the same in the
/// app, the lecture module and the browser tests).
fn start_worker() -> Option<web_sys::Worker> {
    let global = js_sys::global();
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok();
    let proto = get(&get(&global, "HTMLCanvasElement")?, "prototype")?;
    let has = |o: &JsValue, k: &str| js_sys::Reflect::has(o, &k.into()).unwrap_or(false);
    if !has(&proto, "transferControlToOffscreen") || !has(&global, "OffscreenCanvas") {
        return None;
    }
    let parts = js_sys::Array::of1(&SCRIPT.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    web_sys::Worker::new(&url).ok()
}

/// `pen.js`'s `R` on the page.
fn page_sink() -> Option<Sink> {
    let make = js_sys::Function::new_no_args(&format!("{SCRIPT}\nreturn R"));
    make.call0(&JsValue::NULL)
        .ok()?
        .dyn_into()
        .ok()
        .map(Sink::Page)
}

/// The sink, made on first use: the worker, or the replay on the page.
fn with_sink(f: impl FnOnce(&Sink)) {
    SINK.with(|s| {
        let mut s = s.borrow_mut();
        let sink = s.get_or_insert_with(|| start_worker().map(Sink::Worker).or_else(page_sink));
        if let Some(sink) = sink {
            f(sink);
        }
    });
}

/// Sends `msg` to be replayed, handing over `transfer` (canvases, buffers) to a worker,
/// after the recordings batched before it.
fn send(msg: &js_sys::Object, transfer: Option<&JsValue>) {
    flush();
    with_sink(|sink| match sink {
        Sink::Worker(w) => {
            let list: js_sys::Array = transfer.into_iter().collect();
            let _ = w.post_message_with_transfer(msg, &list);
        }
        Sink::Page(replay) => {
            let _ = replay.call1(&JsValue::NULL, msg);
        }
    });
}

/// Posts the batched recordings, as `{batch: [{ops, strs}, ..]}`.
fn flush() {
    if let Some((batch, buffers)) = BATCH.take() {
        with_sink(|sink| {
            if let Sink::Worker(w) = sink {
                let _ = w.post_message_with_transfer(&message(&[("batch", &batch)]), &buffers);
            }
        });
    }
}

fn message(fields: &[(&str, &JsValue)]) -> js_sys::Object {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&o, &(*k).into(), v);
    }
    o
}

/// Replays on the page from now on, not in a worker (unless one already has canvases): for
/// the browser tests that read a canvas's pixels.
pub fn draw_on_page() {
    SINK.with(|s| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            *s = Some(page_sink());
        }
    });
}

/// The worker, for the tests' `{ink}` question (`__qs.pen()`); `None` when drawing on the
/// page.
pub fn worker() -> Option<web_sys::Worker> {
    let mut w = None;
    with_sink(|sink| {
        if let Sink::Worker(worker) = sink {
            w = Some(worker.clone());
        }
    });
    w
}

/// A bitmap the pen draws on: a canvas of the page handed over ([`Surface::attach`]), or
/// one only the replay has ([`Surface::new`], sized by [`Pen::size`]). Dropping it frees it.
#[derive(Debug)]
pub struct Surface {
    id: u32,
    /// The page's canvas, when it is one.
    canvas: Option<HtmlCanvasElement>,
}

impl Surface {
    fn next_id() -> u32 {
        NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        })
    }

    /// A bitmap not shown, made by the first [`Pen::size`] for it.
    pub fn new() -> Surface {
        Surface {
            id: Surface::next_id(),
            canvas: None,
        }
    }

    /// Hands `canvas` over to the replay: from then on only a [`Pen`] draws on it, and its
    /// size is set by [`Pen::size`] (the element's own `width` and `height` cannot change).
    /// The element gets `data-surface`, the surface's number (for the tests' `{ink}`).
    pub fn attach(canvas: &HtmlCanvasElement) -> Surface {
        let id = Surface::next_id();
        let _ = canvas.set_attribute("data-surface", &id.to_string());
        // The canvas, and what to hand over with it. A canvas that cannot be handed over (it
        // has a context already) is not sent: recordings for it are then dropped.
        let target: Option<(JsValue, Option<JsValue>)> = match worker() {
            Some(_) => canvas
                .transfer_control_to_offscreen()
                .ok()
                .map(|off| (off.clone().into(), Some(off.into()))),
            None => Some((canvas.clone().into(), None)),
        };
        if let Some((target, transfer)) = target {
            send(
                &message(&[("id", &id.into()), ("canvas", &target)]),
                transfer.as_ref(),
            );
        }
        Surface {
            id,
            canvas: Some(canvas.clone()),
        }
    }

    /// The surface in `slot` for the page's canvas `c`: the one there, or `c` handed over
    /// (on first use, and when the page has a new element for it); and whether it was just
    /// handed over (it is blank).
    pub fn of<'a>(slot: &'a mut Option<Surface>, c: &HtmlCanvasElement) -> (&'a Surface, bool) {
        let fresh = slot.as_ref().and_then(|s| s.canvas.as_ref()) != Some(c);
        if fresh {
            *slot = Some(Surface::attach(c));
        }
        (slot.get_or_insert_with(|| Surface::attach(c)), fresh)
    }
}

impl Default for Surface {
    fn default() -> Surface {
        Surface::new()
    }
}

impl Drop for Surface {
    fn drop(&mut self) {
        send(&message(&[("free", &self.id.into())]), None);
    }
}

/// One frame's drawing, recorded: the methods are the 2D context's, with the same
/// arguments. [`Pen::send`] hands it to the replay.
#[derive(Default)]
pub struct Pen {
    ops: Vec<f32>,
    strs: Vec<String>,
}

impl Pen {
    fn op(&mut self, op: Op, args: &[f64]) {
        self.ops.push(op as u8 as f32);
        self.ops.extend(args.iter().map(|&x| x as f32));
    }

    fn str_op(&mut self, op: Op, s: &str, args: &[f64]) {
        let k = match self.strs.iter().position(|t| t == s) {
            Some(k) => k,
            None => {
                self.strs.push(s.to_string());
                self.strs.len() - 1
            }
        };
        self.ops.push(op as u8 as f32);
        self.ops.push(k as f32);
        self.ops.extend(args.iter().map(|&x| x as f32));
    }

    /// Draws on `s` from now on.
    pub fn target(&mut self, s: &Surface) {
        self.op(Op::Target, &[f64::from(s.id)]);
    }

    /// Makes `s` `w` x `h` pixels (clearing it), if it is not that size already: the replay
    /// compares, so a painter may ask every time.
    pub fn size(&mut self, s: &Surface, w: u32, h: u32) {
        self.op(Op::Size, &[f64::from(s.id), f64::from(w), f64::from(h)]);
    }

    pub fn set_transform(&mut self, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) {
        self.op(Op::SetTransform, &[a, b, c, d, e, f]);
    }
    pub fn clear_rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.op(Op::ClearRect, &[x, y, w, h]);
    }
    pub fn begin_path(&mut self) {
        self.op(Op::BeginPath, &[]);
    }
    pub fn move_to(&mut self, x: f64, y: f64) {
        self.op(Op::MoveTo, &[x, y]);
    }
    pub fn line_to(&mut self, x: f64, y: f64) {
        self.op(Op::LineTo, &[x, y]);
    }
    pub fn arc(&mut self, x: f64, y: f64, r: f64, start: f64, end: f64) {
        self.op(Op::Arc, &[x, y, r, start, end]);
    }
    pub fn close_path(&mut self) {
        self.op(Op::ClosePath, &[]);
    }
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.op(Op::Rect, &[x, y, w, h]);
    }
    pub fn fill(&mut self) {
        self.op(Op::Fill, &[]);
    }
    pub fn stroke(&mut self) {
        self.op(Op::Stroke, &[]);
    }
    pub fn set_line_width(&mut self, w: f64) {
        self.op(Op::LineWidth, &[w]);
    }
    pub fn set_stroke_style(&mut self, s: &str) {
        self.str_op(Op::StrokeStyle, s, &[]);
    }
    pub fn set_fill_style(&mut self, s: &str) {
        self.str_op(Op::FillStyle, s, &[]);
    }
    /// `setLineDash` (empty: solid).
    pub fn set_line_dash(&mut self, d: &[f64]) {
        self.op(Op::LineDash, &[d.len() as f64]);
        self.ops.extend(d.iter().map(|&x| x as f32));
    }
    pub fn set_global_alpha(&mut self, a: f64) {
        self.op(Op::GlobalAlpha, &[a]);
    }
    pub fn set_font(&mut self, s: &str) {
        self.str_op(Op::Font, s, &[]);
    }
    pub fn set_text_align(&mut self, s: &str) {
        self.str_op(Op::TextAlign, s, &[]);
    }
    pub fn set_text_baseline(&mut self, s: &str) {
        self.str_op(Op::TextBaseline, s, &[]);
    }
    pub fn round_rect(&mut self, x: f64, y: f64, w: f64, h: f64, r: f64) {
        self.op(Op::RoundRect, &[x, y, w, h, r]);
    }
    /// `globalCompositeOperation`: "copy" if `copy`, else "source-over" (the default).
    pub fn set_composite(&mut self, copy: bool) {
        self.op(Op::Composite, &[f64::from(u8::from(copy))]);
    }
    pub fn fill_text(&mut self, s: &str, x: f64, y: f64) {
        self.str_op(Op::FillText, s, &[x, y]);
    }

    /// Copies the part `(sx, sy, sw, sh)` of `src` to `(dx, dy, dw, dh)`.
    #[allow(clippy::too_many_arguments)]
    pub fn draw_image(
        &mut self,
        src: &Surface,
        sx: f64,
        sy: f64,
        sw: f64,
        sh: f64,
        dx: f64,
        dy: f64,
        dw: f64,
        dh: f64,
    ) {
        let id = f64::from(src.id);
        self.op(Op::DrawImage, &[id, sx, sy, sw, sh, dx, dy, dw, dh]);
    }

    /// Copies all of `src` with its top left corner at `(dx, dy)`.
    pub fn draw_image_at(&mut self, src: &Surface, dx: f64, dy: f64) {
        self.op(Op::DrawImageAt, &[f64::from(src.id), dx, dy]);
    }

    /// Hands the recording to the replay (nothing when it is empty).
    pub fn send(self) {
        if self.ops.is_empty() {
            return;
        }
        let ops = js_sys::Float32Array::new_with_length(self.ops.len() as u32);
        ops.copy_from(&self.ops);
        let strs: js_sys::Array = self.strs.iter().map(|s| JsValue::from_str(s)).collect();
        let msg = message(&[("ops", &ops), ("strs", &strs)]);
        let mut to_worker = false;
        with_sink(|sink| to_worker = matches!(sink, Sink::Worker(_)));
        if !to_worker {
            return send(&msg, None);
        }
        // To the worker, a frame's recordings (the ring's, the diagram's, the logs') go in one
        // message, posted when the frame's script is done (a microtask): each message costs
        // the page about 0.2 ms. Any other message posts them first, so the order holds.
        BATCH.with(|b| {
            let mut b = b.borrow_mut();
            let (batch, buffers) = b.get_or_insert_with(|| {
                yew::platform::spawn_local(async { flush() });
                Default::default()
            });
            batch.push(&msg);
            buffers.push(&ops.buffer());
        });
    }
}
