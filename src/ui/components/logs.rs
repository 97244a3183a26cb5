//! Every node's log as a grid: one row per node, one column per index (Raft) or slot
//! (Multi-Paxos), entries coloured by term (Okabe–Ito, with the term written in the cell),
//! committed entries solid and uncommitted ones dashed and pale. Under each follower, the
//! leader's `next_index` and `match_index` for it (Raft Figure 2).
//!
//! Logs have no length limit: the grid scrolls sideways and only the columns on screen are
//! drawn (the app asks the viz layer for that window, and only when the run changed), on one
//! canvas (see [`super::logs_paint`]); hovering a cell shows all of it. While scrolled to the
//! end it follows new entries.
//!
//! DOM contract: `[data-testid=logs-grid][data-log-end]`; per node a label
//! `[data-log-node] .log-stats`; the canvas `[data-testid=logs-canvas]` with `data-from`,
//! `data-to` (the columns it covers) and `data-cells` (how many cells it drew).

use super::logs_paint;
use super::pen::{Pen, Surface};
use crate::core::Fixed;
use crate::core::{Lang, NodeId, ProtocolKind};
use crate::ui::i18n::{t, Key};
use crate::viz::explorer::{role_slug, LogView, Msg};
use crate::viz::logs::LogWindow;
use crate::viz::scene::Badge;
use crate::viz::Scene;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// A column's width, a cell's and a row's height, and the index header's, in CSS px.
pub const CELL_W: f64 = 42.0;
pub const CELL_H: f64 = 34.0;
pub const ROW_H: f64 = 48.0;
pub const HEAD_H: f64 = 18.0;

/// The Okabe–Ito colours, by term (term 0: grey), and the text colour that reads on each.
pub fn term_colour(term: u64) -> (&'static str, &'static str) {
    const C: [(&str, &str); 7] = [
        ("#E69F00", "#1d1d1d"),
        ("#56B4E9", "#1d1d1d"),
        ("#009E73", "#ffffff"),
        ("#F0E442", "#1d1d1d"),
        ("#0072B2", "#ffffff"),
        ("#D55E00", "#ffffff"),
        ("#CC79A7", "#1d1d1d"),
    ];
    if term == 0 {
        ("#9e9e9e", "#1d1d1d")
    } else {
        C[((term - 1) % 7) as usize]
    }
}

/// What the rows need besides the cells: the same while only the clock moves.
#[derive(Clone, Debug, PartialEq)]
pub struct LogMeta {
    pub names: Rc<Vec<String>>,
    /// Each node's role word (data-role) and whether it is the leader.
    pub roles: Vec<&'static str>,
    pub leader: Option<NodeId>,
    /// The leader's next_index / match_index, by node (empty without a Raft leader).
    pub next_index: Vec<u64>,
    pub match_index: Vec<u64>,
    pub protocol: ProtocolKind,
}

impl LogMeta {
    /// What the rows of `scene` need: roles, the Raft leader, and its indices.
    pub fn of(scene: &Scene, names: Rc<Vec<String>>) -> LogMeta {
        let nodes = &scene.nodes;
        let indices = nodes.iter().find(|n| !n.next_index.is_empty());
        LogMeta {
            names,
            roles: nodes.iter().map(role_slug).collect(),
            leader: nodes
                .iter()
                .find(|n| n.badge == Badge::Hexagon && !n.next_index.is_empty())
                .map(|n| n.id),
            next_index: indices.map(|n| n.next_index.clone()).unwrap_or_default(),
            match_index: indices.map(|n| n.match_index.clone()).unwrap_or_default(),
            protocol: scene.protocol,
        }
    }
}

#[derive(Properties)]
pub struct LogsProps {
    pub window: Rc<LogWindow>,
    pub meta: LogMeta,
    pub view: LogView,
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

/// The window is compared by pointer first: an unchanged window (the same `Rc`, most frames
/// while playing) is not walked through, cell by cell.
impl PartialEq for LogsProps {
    fn eq(&self, other: &Self) -> bool {
        (Rc::ptr_eq(&self.window, &other.window) || self.window == other.window)
            && self.meta == other.meta
            && self.view == other.view
            && self.lang == other.lang
            && self.dispatch == other.dispatch
    }
}

#[component]
pub fn Logs(p: &LogsProps) -> Html {
    let lang = p.lang;
    let w = &p.window;
    let meta = &p.meta;
    let scroller = use_node_ref();
    let n = meta.names.len();
    let first = w.first;
    let cols = w.end.saturating_sub(first).max(1);
    let width = cols as f64 * CELL_W + CELL_W;
    let height = HEAD_H + n as f64 * ROW_H;

    // The scroller runs right-to-left (CSS `direction: rtl`): scroll position 0 is the end of
    // the logs, so following the newest entries needs no script at all, and no frame has to
    // read the layout. The columns on screen are reported when the user scrolls, and the
    // panel's width when it is first drawn and when the window is resized.
    let report = {
        let (scroller, dispatch, view) = (scroller.clone(), p.dispatch.clone(), p.view);
        move || {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                let cw = el.client_width() as f64;
                // From the end: 0 at the end, negative further back.
                let back = -(el.scroll_left() as f64);
                let left = (el.scroll_width() as f64 - cw - back).max(0.0);
                let v = LogView {
                    from: first + (left / CELL_W).floor() as u64,
                    width: (cw / CELL_W).ceil() as u64 + 1,
                    follow: back < CELL_W / 2.0,
                };
                if v != view && cw > 0.0 {
                    dispatch.emit(Msg::SetLogView(v));
                }
            }
        }
    };
    let onscroll = {
        let report = report.clone();
        Callback::from(move |_: Event| report())
    };
    {
        let report = report.clone();
        use_effect_with((), move |_| {
            report();
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                    report()
                });
            move || drop(listener)
        });
    }
    {
        // Scrolled back while the logs grow: keep the same entries in view (the end moves
        // away from them). Following the end needs nothing.
        let scroller = scroller.clone();
        let follow = p.view.follow;
        let drawn = use_mut_ref(|| width);
        use_effect_with(width as u64, move |&w| {
            let grew = w as f64 - *drawn.borrow();
            *drawn.borrow_mut() = w as f64;
            if !follow && grew > 0.0 {
                if let Some(el) = scroller.cast::<web_sys::Element>() {
                    el.set_scroll_left(el.scroll_left() - grew as i32);
                }
            }
        });
    }

    // The columns on screen, painted after every render (the component renders only when
    // the window, the leader's indices or the language changed).
    let canvas = use_node_ref();
    let painted = use_mut_ref(|| (None::<Surface>, logs_paint::Painted::default()));
    {
        let (canvas, window, meta) = (canvas.clone(), p.window.clone(), p.meta.clone());
        use_effect(move || {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
                let span = logs_paint::Span::of(&window);
                let (slot, painted) = &mut *painted.borrow_mut();
                // A canvas just handed over (a new element: the panel was rebuilt) is blank.
                let (surface, fresh) = Surface::of(slot, &c);
                if fresh {
                    *painted = logs_paint::Painted::default();
                }
                let mut pen = Pen::default();
                let drawn =
                    logs_paint::paint(&mut pen, surface, painted, &window, &meta, lang, dpr);
                pen.send();
                let _ = c.set_attribute("data-from", &span.lo.to_string());
                let _ = c.set_attribute("data-to", &(span.lo + span.shown).to_string());
                let _ = c.set_attribute("data-cells", &drawn.to_string());
            }
        });
    }
    // Hovering a cell shows all of it (the canvas's title).
    let onmousemove = {
        let (window, names) = (p.window.clone(), meta.names.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(c) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            let text = logs_paint::cell_at(&window, e.offset_x() as f64, e.offset_y() as f64)
                .map(|(r, cell)| logs_paint::describe(&names[r], cell, lang))
                .unwrap_or_default();
            if c.get_attribute("title").unwrap_or_default() != text {
                let _ = c.set_attribute("title", &text);
            }
        })
    };
    let labels = (0..n).map(|r| {
        let row = w.rows.get(r);
        let (len_k, commit_k) = match meta.protocol {
            ProtocolKind::Raft => (Key::Entries, Key::CommitIndex),
            ProtocolKind::Paxos => (Key::Slots, Key::Chosen),
        };
        let held = row.map_or(0, |x| x.end.saturating_sub(first));
        let committed = row.map_or(0, |x| x.committed);
        let idx = match (meta.leader, meta.next_index.get(r), meta.match_index.get(r)) {
            (Some(l), Some(next), Some(mat)) if l != r => format!(
                "{} {next} · {} {mat}",
                t(lang, Key::NextIndex),
                t(lang, Key::MatchIndex)
            ),
            (Some(l), _, _) if l == r => t(lang, Key::Leader).to_string(),
            _ => String::new(),
        };
        html! {
            <div class={classes!("log-label", meta.roles.get(r).copied())} style={format!("height:{}px", Fixed(ROW_H, 0))}
                 data-log-node={meta.names[r].clone()}>
                <span class="log-name">{ &meta.names[r] }</span>
                <span class="log-stats">{ format!("{} {held} · {} {committed}", t(lang, len_k), t(lang, commit_k)) }</span>
                <span class="log-indices">{ idx }</span>
            </div>
        }
    });
    html! {
        <div class="logs" data-testid="logs-grid" data-log-end={w.end.to_string()}>
            <div class="log-labels" style={format!("padding-top:{}px", Fixed(HEAD_H, 0))}>{ for labels }</div>
            <div class="log-scroll" ref={scroller} {onscroll} tabindex="0"
                 aria-label={t(lang, Key::LogsAria)}>
                <div class="log-canvas" style={format!("width:{}px;height:{}px", Fixed(width, 0), Fixed(height, 0))}>
                    <div class="log-clip" style={logs_paint::clip_style(w, n)}>
                        <canvas ref={canvas} class="log-cells" data-testid="logs-canvas" aria-hidden="true"
                                style={logs_paint::canvas_style(w, n)} {onmousemove}></canvas>
                    </div>
                </div>
                if w.end == 0 {
                    <p class="empty log-empty">{ t(lang, Key::LogsEmpty) }</p>
                }
            </div>
        </div>
    }
}
