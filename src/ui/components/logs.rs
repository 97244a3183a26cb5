//! Every node's log as a grid: one row per node, one column per index (Raft) or slot
//! (Multi-Paxos), entries coloured by term (Okabe–Ito, with the term written in the cell),
//! committed entries solid and uncommitted ones dashed and pale. Under each follower, the
//! leader's `next_index` and `match_index` for it (Raft Figure 2).
//!
//! Logs have no length limit: the grid scrolls sideways and only the columns on screen are
//! built (the app asks the viz layer for that window, and only when the run changed). While
//! scrolled to the end it follows new entries.

use crate::core::Fixed;
use crate::core::{Lang, NodeId};
use crate::ui::i18n::{t, Key};
use crate::ui::state::{LogView, Msg};
use crate::viz::logs::LogWindow;
use crate::viz::scene::LogCell;
use std::rc::Rc;
use yew::prelude::*;

/// A column's width and a row's height, in px.
pub const CELL_W: f64 = 42.0;
const CELL_H: f64 = 34.0;
const ROW_H: f64 = 48.0;
const HEAD_H: f64 = 18.0;

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
    pub protocol: AttrValue,
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

/// A value as it fits in a cell: at most five characters (four and an ellipsis); the cell's
/// title has it whole.
fn short(v: &str) -> String {
    if v.chars().count() <= 5 {
        v.to_string()
    } else {
        v.chars().take(4).chain(std::iter::once('…')).collect()
    }
}

#[derive(Properties, PartialEq)]
struct CellProps {
    cell: LogCell,
    row: usize,
    first: u64,
    lang: Lang,
}

/// One log entry (or slot). A component, so that the cells that did not change (most of
/// them, when a busy log grows) are skipped without building their markup again.
#[component]
fn Cell(p: &CellProps) -> Html {
    let c = &p.cell;
    let (bg, fg) = term_colour(c.term);
    let x = (c.index - p.first) as f64 * CELL_W;
    let y = HEAD_H + p.row as f64 * ROW_H;
    let state = t(
        p.lang,
        if c.committed {
            Key::Committed
        } else {
            Key::Uncommitted
        },
    );
    let style = if c.committed {
        format!(
            "left:{}px;top:{}px;background:{bg};color:{fg};border-color:{bg}",
            Fixed(x, 0),
            Fixed(y, 0)
        )
    } else {
        format!(
            "left:{}px;top:{}px;border-color:{bg}",
            Fixed(x, 0),
            Fixed(y, 0)
        )
    };
    html! {
        <div class={if c.committed { "log-cell committed" } else { "log-cell uncommitted" }}
             style={style} data-index={c.index.to_string()} data-term={c.term.to_string()}
             data-committed={c.committed.to_string()}
             title={format!("#{} · {} · {} · {state}", c.index, c.tag, c.value)}>
            <span class="cell-tag">{ &c.tag }</span>
            <span class="cell-value">{ short(&c.value) }</span>
        </div>
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

    // One flat, fully keyed list (header, cells, markers), so that when the window moves
    // or a log grows, the cells already on screen are kept, not rebuilt.
    let mut items: Vec<Html> = Vec::new();
    for i in w.from.max(first)..w.to.min(w.end.max(first)) {
        let x = (i - first) as f64 * CELL_W;
        items.push(html! {
            <span key={format!("h{i}")} class="log-index" style={format!("left:{}px", Fixed(x, 0))}>{ i }</span>
        });
    }
    for (r, row) in w.rows.iter().enumerate() {
        items.extend(row.cells.iter().map(|c| {
            html! { <Cell key={format!("c{r}-{}", c.index)} cell={c.clone()} row={r} first={first} lang={lang} /> }
        }));
        // The leader's view of this follower (Raft Figure 2: nextIndex[], matchIndex[]).
        if let (Some(l), Some(&next), Some(&mat)) =
            (meta.leader, meta.next_index.get(r), meta.match_index.get(r))
        {
            if l != r && w.end > 0 {
                let y = HEAD_H + r as f64 * ROW_H + CELL_H + 1.0;
                let x_of = |i: u64| (i.max(first) - first) as f64 * CELL_W;
                items.push(html! {
                    <span key={format!("n{r}")} class="marker next"
                          style={format!("left:{}px;top:{}px", Fixed(x_of(next), 0), Fixed(y, 0))}
                          title={format!("next_index = {next}")} data-next={next.to_string()}>
                        { format!("▴{}", t(lang, Key::NextIndex)) }
                    </span>
                });
                if mat > 0 {
                    items.push(html! {
                        <span key={format!("m{r}")} class="marker match"
                              style={format!("left:{}px;top:{}px", Fixed(x_of(mat), 0), Fixed(y, 0))}
                              title={format!("match_index = {mat}")} data-match={mat.to_string()}>
                            { format!("▴{}", t(lang, Key::MatchIndex)) }
                        </span>
                    });
                }
            }
        }
    }
    let labels = (0..n).map(|r| {
        let row = w.rows.get(r);
        let (len_k, commit_k) = if meta.protocol == "raft" {
            (Key::Entries, Key::CommitIndex)
        } else {
            (Key::Slots, Key::Chosen)
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
                    { for items }
                </div>
                if w.end == 0 {
                    <p class="empty log-empty">{ t(lang, Key::LogsEmpty) }</p>
                }
            </div>
        </div>
    }
}
