//! The event feed: every decision of the cluster in plain language, one line each, with the
//! rule it cites (the core's explanations, already localised in [`Scene::feed`]).
//!
//! Props (UI-1 wires this into `#feed`):
//!
//! ```text
//! Feed {
//!     scene: Shared<Scene>,    // draws scene.feed (oldest first)
//!     on_seek: Callback<Time>, // a click on a line asks to go to that line's moment
//!     lang: Lang,              // the interface language (strings: viz::i18n)
//! }
//! ```
//!
//! Each line shows its time, an icon and a colour for its kind (note, fault, client, net,
//! timer; Okabe–Ito colours, and the icon carries the kind too, for colour-blind readers),
//! and the text. A run of identical lines (a leader's heartbeat timer firing every 50 ms) is
//! shown once, with its count and first and last times. Chips above the list hide or show
//! each kind. The list follows the newest line while the reader is at the bottom; once they
//! scroll up it stays put and a "Newest ↓" button (beside the chips) brings them back.
//!
//! DOM contract (tests): `ol[data-testid=feed-list]` (a polite live region, `role=log`), one
//! `li.feed-line` per shown line with `data-kind`, `data-time` (µs; the last of a run) and
//! `data-count`; the newest is last. While paused, the last event's lines are
//! `li.current[aria-current=step]` (its sends and deliveries, `data-kind=message`, are shown
//! then only).
//! `button[data-testid=feed-filter-<kind>]` with `aria-pressed`; `[data-testid=feed-newest]`.
//!
//! Its styles (scoped by `.qs-feed`) are in static/style.css, minified with the rest of the
//! page's: as a string in the module they cost more bytes of the page.

use super::canvas::observe_box;
use super::feed_list::ListState;
use crate::core::{fmt_time, Lang, Time};
use crate::ui::i18n::Key;
use crate::ui::shared::Shared;
use crate::viz::i18n::kind_label;
use crate::viz::scene::FeedLine;
use crate::viz::Scene;
use gloo::render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// While following the newest line, how many lines at least are in the page: more than a
/// tall panel shows, and enough that a reader's first turn of the wheel upwards does not
/// reach their top (the older lines come back once the reader has left the bottom).
const FOLLOW_LINES: usize = 48;
/// While following, older lines leave the page in chunks of this many: removing lines at
/// the top moves every line below, and the browser lays out and repaints them all, so it
/// happens once every few panel updates; in between, new lines are only added at the end
/// and only they are laid out and painted. (Larger chunks cost more than they save: with
/// 120, every update's layout and paint grew with the lines kept.) With [`FOLLOW_LINES`],
/// less than the scene's lines (`viz::explorer::FEED_LINES`), so the first line shown is still in
/// the scene when the next chunk is due.
const CUT_LINES: usize = 32;
const _: () = assert!(FOLLOW_LINES + CUT_LINES < crate::viz::explorer::FEED_LINES);
/// The least height (CSS px) of a line: how many lines a panel can show at most.
const LINE_MIN_PX: f64 = 22.0;
/// How close to the bottom (px) still counts as "at the bottom".
const STICK_PX: i32 = 24;
/// The kinds a reader can hide, in chip order.
const KINDS: [&str; 5] = ["note", "fault", "client", "net", "timer"];

#[derive(Properties, PartialEq)]
pub struct FeedProps {
    pub scene: Shared<Scene>,
    pub on_seek: Callback<Time>,
    pub lang: Lang,
    /// Whether the cluster is playing: then every update adds all its lines at once (see
    /// the first paint in `Feed`).
    #[prop_or_default]
    pub playing: bool,
}

/// The icon of a line's kind: the kind is readable without its colour.
fn icon(kind: &str) -> &'static str {
    match kind {
        "note" => "§",
        "fault" => "⚠",
        "client" => "✉",
        "net" => "⇄",
        "timer" => "◷",
        _ => "→",
    }
}

/// Consecutive identical lines, shown as one.
struct Run<'a> {
    /// Its last line.
    line: &'a FeedLine,
    /// Its first line's time and place in the trace (which chunk it is drawn in).
    first: Time,
    first_seq: u64,
    count: usize,
}

/// Folds runs of identical (kind, text) lines among those not hidden.
fn runs<'a>(lines: &'a [FeedLine], hidden: &[&str]) -> Vec<Run<'a>> {
    let mut out: Vec<Run<'a>> = Vec::new();
    for l in lines.iter().filter(|l| !hidden.contains(&l.kind.as_str())) {
        if let Some(r) = out.last_mut() {
            if r.line.kind == l.kind && r.line.text == l.text {
                r.line = l;
                r.count += 1;
                continue;
            }
        }
        out.push(Run {
            line: l,
            first: l.time,
            first_seq: l.seq,
            count: 1,
        });
    }
    out
}

/// Appends `text` to `out` with the characters HTML gives a meaning escaped (for text and
/// for attribute values in double quotes): node names and values come from share links.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// One line (or run of lines) as HTML: time, icon (with its kind as accessible name), text.
/// `current`: the line belongs to the last event, marked while paused (a step shows what it
/// did).
fn line_html(out: &mut String, r: &Run, lang: Lang, current: bool) {
    use std::fmt::Write;
    let kind = r.line.kind.as_str();
    let t = r.line.time;
    let when = if r.count > 1 {
        format!("{}–{}", fmt_time(r.first), fmt_time(t))
    } else {
        fmt_time(t)
    };
    out.push_str("<li class=\"feed-line kind-");
    escape(out, kind);
    if current {
        out.push_str(" current\" aria-current=\"step");
    }
    out.push_str("\" data-kind=\"");
    escape(out, kind);
    let _ = write!(
        out,
        "\" data-time=\"{t}\" data-count=\"{}\" title=\"",
        r.count
    );
    escape(out, Key::FeedJump.text(lang));
    out.push_str("\"><span class=\"feed-time\">");
    escape(out, &when);
    out.push_str("</span><span class=\"feed-icon\" aria-label=\"");
    escape(out, kind_label(kind, lang));
    out.push_str("\" title=\"");
    escape(out, kind_label(kind, lang));
    out.push_str("\">");
    escape(out, icon(kind));
    out.push_str("</span><span class=\"feed-text\">");
    escape(out, &r.line.text);
    if r.count > 1 {
        let _ = write!(out, "<span class=\"feed-count\"> ×{}</span>", r.count);
    }
    out.push_str("</span></li>");
}

#[component]
pub fn Feed(props: &FeedProps) -> Html {
    let lang = props.lang;
    let scroller = use_node_ref();
    let list = use_node_ref();
    // The lines in the list (kept in the page by hand, see `feed_list`).
    let list_state = use_mut_ref(ListState::default);
    // Whether the reader is at the bottom, as of their last scroll.
    let stick = use_state_eq(|| true);
    let hidden = use_state(Vec::<&'static str>::new);
    // Following the newest line: after every render while the reader is at the bottom, the
    // script scrolls to the end (the browser's scroll anchoring, with an empty sentinel after
    // the list as the only candidate, helps between renders but alone left the newest lines
    // below the box). Where the feed last scrolled itself to: a scroll event only means the reader left the
    // bottom if the list now sits above that point.
    let auto_top = use_mut_ref(|| 0);
    // The list's height when the reader left the bottom: the older lines then come back
    // above the ones in view, and the scroll moves down by as much, so nothing jumps.
    let left_at = use_mut_ref(|| None::<i32>);
    // While following: the first event of the oldest line shown (see below).
    let cut = use_mut_ref(|| 0u64);
    // The scrolling box's height (CSS px, 0 until laid out), and the frames that bring the
    // lines left out of a first paint (see below).
    let tall = use_mut_ref(|| 0.0f64);
    let refill = use_mut_ref(Vec::<AnimationFrame>::new);
    let refilling = use_mut_ref(|| false);
    let update = use_force_update();
    {
        let (scroller, tall) = (scroller.clone(), tall.clone());
        use_effect_with((), move |_| {
            let observer = scroller
                .cast::<web_sys::Element>()
                .and_then(|el| observe_box(&el, move |_, h| *tall.borrow_mut() = h));
            move || drop(observer)
        });
    }
    let onscroll = {
        let (scroller, stick, auto_top) = (scroller.clone(), stick.clone(), auto_top.clone());
        let left_at = left_at.clone();
        Callback::from(move |_: Event| {
            // Scroll events come before the frame's script runs, with the layout clean.
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                let top = el.scroll_top();
                if el.scroll_height() - top - el.client_height() <= STICK_PX {
                    stick.set(true);
                    *auto_top.borrow_mut() = top;
                } else if top < *auto_top.borrow() - STICK_PX {
                    if *stick {
                        *left_at.borrow_mut() = Some(el.scroll_height());
                    }
                    stick.set(false);
                }
            }
        })
    };
    // A wheel turned upwards is the reader leaving the bottom, even before the (smooth)
    // scroll has moved far enough for `onscroll` to tell.
    let onwheel = {
        let stick = stick.clone();
        let (scroller, left_at) = (scroller.clone(), left_at.clone());
        Callback::from(move |e: WheelEvent| {
            if e.delta_y() < 0.0 {
                if let (true, Some(el)) = (*stick, scroller.cast::<web_sys::Element>()) {
                    *left_at.borrow_mut() = Some(el.scroll_height());
                }
                stick.set(false);
            }
        })
    };
    let to_newest = {
        let (scroller, stick, auto_top) = (scroller.clone(), stick.clone(), auto_top.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
                *auto_top.borrow_mut() = el.scroll_top();
            }
            stick.set(true);
        })
    };
    let chips = KINDS.iter().map(|&kind| {
        let on = !hidden.contains(&kind);
        let hidden = hidden.clone();
        let toggle = Callback::from(move |_: MouseEvent| {
            let mut h = (*hidden).clone();
            if let Some(i) = h.iter().position(|k| *k == kind) {
                h.remove(i);
            } else {
                h.push(kind);
            }
            hidden.set(h);
        });
        html! {
            <button type="button" class={classes!("feed-chip", format!("kind-{kind}"), on.then_some("on"))}
                    aria-pressed={on.to_string()} data-testid={format!("feed-filter-{kind}")}
                    onclick={toggle}>
                <span class="feed-icon" aria-hidden="true">{ icon(kind) }</span>
                { kind_label(kind, lang) }
            </button>
        }
    });

    let lines = &props.scene.feed;
    let mut shown = runs(lines, &hidden);
    // While the reader follows the newest line, only the last lines are in the page: a busy
    // cluster adds dozens of lines a second, and each line kept is one more to lay out and
    // paint. Scrolled back, every line is there to read. The first line shown stays the
    // same (`cut`, its first event) until CUT_LINES more have come (at most FOLLOW_LINES +
    // CUT_LINES lines), and goes back to the last FOLLOW_LINES when fewer are left (after
    // a seek back, or a filter), or when it is no longer in the scene (runs of repeated
    // lines fold, so the scene may hold fewer lines than that): otherwise the top of the
    // list would move with every update.
    if *stick {
        let mut cut = cut.borrow_mut();
        let mut from = shown.partition_point(|r| r.first_seq < *cut);
        let left = shown.len() - from;
        let gone = from == 0 && shown.first().is_some_and(|r| r.first_seq != *cut);
        if gone || !(FOLLOW_LINES..=FOLLOW_LINES + CUT_LINES).contains(&left) {
            from = shown.len().saturating_sub(FOLLOW_LINES);
            *cut = shown.get(from).map_or(0, |r| r.first_seq);
        }
        shown.drain(..from);
    }
    // A first paint: when more lines are to be added than the box can show (a seek), only
    // the newest that fill the box are shown now, and the older ones come above them on the
    // next frame (`refill`), out of sight: laying out a line costs about as much as the rest
    // of a seek's frame, and no reader sees the difference. While playing, lines out of
    // sight above the box are not added at all (at real-time speed under load every update
    // replaces every line in view): only those already in the page stay above the newest
    // that fill the box; a pause, or the reader leaving the bottom, brings the others back.
    let tall = *tall.borrow();
    // While playing, a line is taken to be at least four fifths of the lines' mean height at
    // the last update (most wrap), read while the layout is still clean: the feed renders
    // in a task of its own after a frame (`viz::explorer::Turn`).
    let line_px = match list.cast::<web_sys::Element>() {
        Some(l) if props.playing && l.child_element_count() > 0 => {
            let mean = f64::from(l.scroll_height()) / f64::from(l.child_element_count());
            (0.8 * mean).max(LINE_MIN_PX)
        }
        _ => LINE_MIN_PX,
    };
    let fits = (tall / line_px).ceil() as usize + 2;
    let is_refill = std::mem::take(&mut *refilling.borrow_mut());
    let mut partial = false;
    if *stick && tall > 0.0 && !is_refill {
        let newest = shown.len().saturating_sub(fits);
        let state = list_state.borrow();
        if props.playing {
            let mut k = 0;
            shown.retain(|r| {
                k += 1;
                k > newest || state.has(r.first_seq)
            });
        } else if state.missing(shown.iter().map(|r| r.first_seq)) > fits {
            shown.drain(..newest);
            partial = true;
        }
    }
    let empty = shown.is_empty();
    // One listener for the whole list (not one per line, re-bound on every render): a click
    // goes to the time of the line it landed on.
    let on_pick = {
        let on_seek = props.on_seek.clone();
        Callback::from(move |e: MouseEvent| {
            let line = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("li[data-time]").ok().flatten());
            if let Some(t) = line
                .and_then(|li| li.get_attribute("data-time"))
                .and_then(|v| v.parse::<Time>().ok())
            {
                on_seek.emit(t);
            }
        })
    };
    let marked = props.scene.step.as_ref().map_or(u64::MAX, |m| m.from_seq);
    let rows: Vec<(u64, String)> = shown
        .iter()
        .map(|r| {
            let mut html = String::new();
            line_html(&mut html, r, lang, r.line.seq >= marked);
            (r.first_seq, html)
        })
        .collect();
    {
        // After a render: the lines into the list (`feed_list`), then a scroll to the newest
        // line if the reader follows it.
        let (scroller, stick) = (scroller.clone(), *stick);
        let (list, list_state) = (list.clone(), list_state.clone());
        let (refill, update) = (refill.clone(), update.clone());
        let refilling = refilling.clone();
        use_effect(move || {
            if let Some(el) = list.cast::<web_sys::Element>() {
                list_state.borrow_mut().sync(&el, rows);
            }
            // The rest of a first paint renders after the next frame is drawn: a frame
            // callback that asks for another (kept until the next first paint).
            let mut frames = refill.borrow_mut();
            frames.clear();
            if partial {
                let refill = refill.clone();
                frames.push(request_animation_frame(move |_| {
                    let next = request_animation_frame(move |_| {
                        *refilling.borrow_mut() = true;
                        update.force_update();
                    });
                    refill.borrow_mut().push(next);
                }));
            }
            if !stick {
                if let (Some(h), Some(el)) = (
                    left_at.borrow_mut().take(),
                    scroller.cast::<web_sys::Element>(),
                ) {
                    let grew = el.scroll_height() - h;
                    if grew > 0 {
                        el.set_scroll_top(el.scroll_top() + grew);
                    }
                }
            } else {
                // Every render that follows the newest line ends at it. Scroll anchoring
                // alone (the sentinel) left the newest lines 40-134 px below the box, while
                // playing and after a pause. The layout this read forces is the one the
                // feed's turn does anyway right after its render (`viz::explorer::Turn`,
                // `lay_out_soon`): done here instead, it costs no more.
                if let Some(el) = scroller.cast::<web_sys::Element>() {
                    el.set_scroll_top(el.scroll_height());
                    *auto_top.borrow_mut() = el.scroll_top();
                }
            }
        });
    }

    html! {
        <div class="qs-feed" data-testid="feed">
            <div class="feed-chips" role="group" aria-label={Key::FeedFilter.text(lang)}>
                { for chips }
                if !*stick {
                    <button type="button" class="feed-newest" data-testid="feed-newest" onclick={to_newest}>
                        { Key::FeedNewest.text(lang) }
                    </button>
                }
            </div>
            <div class="feed-scroll" ref={scroller} {onscroll} {onwheel}>
                if empty {
                    <p class="empty">{ Key::FeedEmpty.text(lang) }</p>
                } else {
                    // A polite live region: a screen reader reads new lines when idle.
                    <ol ref={list} class="feed-list" data-testid="feed-list" onclick={on_pick}
                        role="log" aria-live="polite" aria-relevant="additions"
                        aria-label={crate::ui::i18n::t(lang, crate::ui::i18n::Key::EventsTitle)}></ol>
                }
                <div class="feed-end" aria-hidden="true"></div>
            </div>
        </div>
    }
}
