//! Browser tests of the logs panel's painter (ui::components::logs_paint), run in headless
//! Chromium by wasm-bindgen-test-runner. The painter redraws only what changed since its last
//! paint (cells, header, markers) and moves what is drawn when the window moves to other
//! columns; the oracle is a fresh paint of the same window on a second canvas, compared
//! pixel by pixel.
#![cfg(all(target_arch = "wasm32", feature = "ui"))]

use quorumscope::core::{Lang, MS};
use quorumscope::ui::components::logs_paint::{self, Painted, Span};
use quorumscope::ui::components::pen::{self, Pen, Surface};
use quorumscope::ui::components::LogMeta;
use quorumscope::viz::explorer::{Model, Msg};
use quorumscope::viz::logs::LogWindow;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A canvas in the page and its surface. The pen draws on the page here (not in a worker),
/// so that the test can read the pixels at once.
fn canvas() -> (HtmlCanvasElement, Surface) {
    pen::draw_on_page();
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = doc.create_element("canvas").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&c).unwrap();
    let s = Surface::attach(&c);
    (c, s)
}

/// Paints `w` on `c` (over what `painted` says is there); the cells on the canvas.
fn paint(
    c: &(HtmlCanvasElement, Surface),
    painted: &mut Painted,
    w: &LogWindow,
    meta: &LogMeta,
    lang: Lang,
) -> usize {
    let mut pen = Pen::default();
    let cells = logs_paint::paint(&mut pen, &c.1, painted, w, meta, lang, 1.0);
    pen.send();
    cells
}

fn pixels(c: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.get_image_data(0.0, 0.0, c.width() as f64, c.height() as f64)
        .unwrap()
        .data()
        .0
}

/// Paints `w` incrementally on `kept` (over what `painted` says is there) and from scratch
/// on a fresh canvas; the two must be the same picture.
fn check(
    kept: &(HtmlCanvasElement, Surface),
    painted: &mut Painted,
    w: &LogWindow,
    meta: &LogMeta,
    lang: Lang,
    what: &str,
) -> usize {
    let cells = paint(kept, painted, w, meta, lang);
    let fresh = canvas();
    let again = paint(&fresh, &mut Painted::default(), w, meta, lang);
    assert_eq!(cells, again, "{what}: cells");
    let (kept, fresh) = (&kept.0, &fresh);
    assert_eq!(
        (kept.width(), kept.height()),
        (fresh.0.width(), fresh.0.height()),
        "{what}: size"
    );
    let (a, b) = (pixels(kept), pixels(&fresh.0));
    assert!(a.chunks(4).any(|p| p[3] > 0), "{what}: nothing drawn");
    if a != b {
        // Where the pictures differ, for the failure message.
        let cw = kept.width() as usize;
        let diff: Vec<usize> = (0..a.len() / 4)
            .filter(|&i| a[4 * i..4 * i + 4] != b[4 * i..4 * i + 4])
            .collect();
        let at = |i: usize| (i % cw, i / cw);
        panic!(
            "{what}: the incremental paint differs in {} pixels, from {:?} to {:?}; {:?}",
            diff.len(),
            at(diff[0]),
            at(diff[diff.len() - 1]),
            Span::of(w)
        );
    }
    fresh.0.remove();
    cells
}

/// A paused 5-node Raft cluster with a leader.
fn cluster() -> Model {
    let mut m = Model::start(None, Lang::En);
    m.update(Msg::Pause);
    m.update(Msg::Seek(1_000 * MS));
    assert!(m.leader().is_some(), "a leader by 1 s");
    m
}

/// Sends `k` client requests to the leader and lets them replicate for `ms`.
fn load(m: &mut Model, k: usize, ms: u64) {
    let leader = m.leader().unwrap();
    for _ in 0..k {
        m.cluster.client(leader).unwrap();
    }
    let t = m.cluster.now() + ms * MS;
    m.update(Msg::Seek(t));
}

#[wasm_bindgen_test]
fn incremental_paints_match_fresh_ones() {
    let mut m = cluster();
    let kept = canvas();
    let mut painted = Painted::default();
    let width = 20;
    // Following the end while the logs grow: new cells, commits, markers that move, and a
    // window that moves to other chunks (what is drawn slides along).
    let mut spans = Vec::new();
    for round in 0..16 {
        load(&mut m, 4, if round % 3 == 0 { 1 } else { 40 });
        let end = m.cluster.log_end();
        let from = end.saturating_sub(width).max(1);
        let w = m
            .cluster
            .log_window(from.saturating_sub(4), from + width + 4);
        let meta = LogMeta::of(&m.scene, m.names.clone());
        let cells = check(
            &kept,
            &mut painted,
            &w,
            &meta,
            Lang::En,
            &format!("round {round}"),
        );
        assert!(round == 0 || cells > 0, "round {round}: cells drawn");
        spans.push(Span::of(&w).lo);
    }
    assert!(
        spans.windows(2).any(|s| s[0] != s[1]),
        "the window moved to other chunks: {spans:?}"
    );
    assert!(m.cluster.log_end() > 30, "the logs grew past a chunk");
    let meta = LogMeta::of(&m.scene, m.names.clone());
    // Scrolling back a little (a shift), far (a new canvas), and forward again.
    for from in [9, 3, 1, 17, 30] {
        let w = m.cluster.log_window(from, from + width + 4);
        check(
            &kept,
            &mut painted,
            &w,
            &meta,
            Lang::En,
            &format!("from {from}"),
        );
    }
    // Another language: the markers' words change.
    let w = m.cluster.log_window(20, 20 + width + 4);
    check(&kept, &mut painted, &w, &meta, Lang::Zh, "中文");
    // A crashed leader: no markers.
    let mut m2 = cluster();
    load(&mut m2, 2, 40);
    let w2 = m2.cluster.log_window(1, 1 + width + 4);
    let mut meta2 = LogMeta::of(&m2.scene, m2.names.clone());
    check(
        &kept,
        &mut painted,
        &w2,
        &meta2,
        Lang::Zh,
        "another cluster",
    );
    meta2.leader = None;
    check(&kept, &mut painted, &w2, &meta2, Lang::Zh, "no leader");
}

#[wasm_bindgen_test]
fn a_cell_under_the_pointer_is_described_whole() {
    let mut m = cluster();
    load(&mut m, 4, 300);
    let w = m.cluster.log_window(1, 30);
    let span = Span::of(&w);
    // The second column of the first row (pointer 50 px in, 30 px down): its entry is
    // replicated, and committed once the leader has heard from a majority.
    let (row, cell) = logs_paint::cell_at(&w, 50.0, 30.0).expect("a cell there");
    assert_eq!((row, cell.index), (0, span.lo + 1));
    let text = logs_paint::describe("n1", cell, Lang::En);
    assert!(
        text.starts_with(&format!("n1 #{} · t", cell.index)),
        "{text}"
    );
    assert!(
        text.ends_with("· committed"),
        "a replicated entry is committed: {text}"
    );
    // Between rows (the markers' strip) and above the cells (the header): nothing.
    assert!(logs_paint::cell_at(&w, 50.0, 18.0 + 40.0).is_none());
    assert!(logs_paint::cell_at(&w, 50.0, 5.0).is_none());
}
