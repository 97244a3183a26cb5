//! The event feed: every decision of the cluster in plain language, one line each, with the
//! rule it cites (the core's explanations, already localised in [`Scene::feed`]).
//!
//! Props (UI-1 wires this into `#feed`):
//!
//! ```text
//! Feed {
//!     scene: Rc<Scene>,        // draws scene.feed (oldest first) and marks scene.time
//!     on_seek: Callback<Time>, // a click on a line asks to go to that line's moment
//!     lang: Lang,              // the interface language (strings: super::strings)
//! }
//! ```
//!
//! Each line shows its time, an icon and a colour for its kind (note, fault, client, net,
//! timer; Okabe–Ito colours, and the icon carries the kind too, for colour-blind readers),
//! and the text. The list follows the newest line while the reader is at the bottom; once
//! they scroll up it stays put and a "Newest ↓" button brings them back.
//!
//! DOM contract (tests): `ol[data-testid=feed-list]`, one `li.feed-line` per line with
//! `data-kind` and `data-time` (µs); the newest line is last.

use super::strings::{kind_label, s, S};
use crate::core::{fmt_time, Lang, Time};
use crate::viz::scene::FeedLine;
use crate::viz::Scene;
use std::rc::Rc;
use yew::prelude::*;

/// How close to the bottom (px) still counts as "at the bottom".
const STICK_PX: i32 = 24;

#[derive(Properties, PartialEq)]
pub struct FeedProps {
    pub scene: Rc<Scene>,
    pub on_seek: Callback<Time>,
    pub lang: Lang,
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

/// A key that stays with a line while older lines scroll out of the window: its time, its
/// text, and how many equal lines precede it.
fn keys(lines: &[FeedLine]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let dup = lines[..i]
            .iter()
            .rev()
            .take_while(|p| p.time == l.time)
            .filter(|p| p.text == l.text)
            .count();
        out.push(format!("{}:{}:{}", l.time, dup, l.text.len()));
    }
    out
}

#[component]
pub fn Feed(props: &FeedProps) -> Html {
    let lang = props.lang;
    let scroller = use_node_ref();
    // Whether the reader is at the bottom, as of their last scroll.
    let stick = use_state_eq(|| true);
    let onscroll = {
        let (scroller, stick) = (scroller.clone(), stick.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                stick.set(el.scroll_height() - el.scroll_top() - el.client_height() <= STICK_PX);
            }
        })
    };
    let to_newest = {
        let (scroller, stick) = (scroller.clone(), stick.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
            stick.set(true);
        })
    };
    {
        // After every render: follow the newest line unless the reader scrolled up.
        let (scroller, stick) = (scroller.clone(), *stick);
        use_effect(move || {
            if stick {
                if let Some(el) = scroller.cast::<web_sys::Element>() {
                    el.set_scroll_top(el.scroll_height());
                }
            }
        });
    }

    let lines = &props.scene.feed;
    let keys = keys(lines);
    let items = lines.iter().zip(keys).map(|(l, key)| {
        let on_seek = props.on_seek.clone();
        let t = l.time;
        let kind = l.kind.clone();
        html! {
            <li key={key} class={classes!("feed-line", format!("kind-{kind}"))}
                data-kind={kind.clone()} data-time={t.to_string()}
                title={s(lang, S::FeedJump)}
                onclick={Callback::from(move |_: MouseEvent| on_seek.emit(t))}>
                <span class="feed-time">{ fmt_time(t) }</span>
                <span class="feed-icon" aria-label={kind_label(&kind, lang)}
                      title={kind_label(&kind, lang)}>{ icon(&kind) }</span>
                <span class="feed-text">{ &l.text }</span>
            </li>
        }
    });
    html! {
        <div class="qs-feed" data-testid="feed">
            <style>{ CSS }</style>
            <div class="feed-scroll" ref={scroller} {onscroll}>
                if lines.is_empty() {
                    <p class="empty">{ s(lang, S::FeedEmpty) }</p>
                } else {
                    <ol class="feed-list" data-testid="feed-list">{ for items }</ol>
                }
            </div>
            if !*stick {
                <button class="feed-newest" data-testid="feed-newest" onclick={to_newest}>
                    { s(lang, S::FeedNewest) }
                </button>
            }
        </div>
    }
}

/// The feed's own styles (Okabe–Ito colours per kind), scoped by `.qs-feed`.
const CSS: &str = "
.qs-feed { position: relative; height: 100%; min-height: 8rem; display: flex; flex-direction: column; }
.qs-feed .feed-scroll { flex: 1 1 auto; overflow-y: auto; max-height: 22rem; }
.qs-feed .feed-list { list-style: none; margin: 0; padding: 0; font-size: 0.85rem; line-height: 1.35; }
.qs-feed .feed-line { display: grid; grid-template-columns: 4.6rem 1.2rem 1fr; gap: 0.3rem;
  padding: 0.15rem 0.3rem; border-left: 3px solid var(--k, #999); cursor: pointer;
  border-bottom: 1px solid rgba(0,0,0,0.06); }
.qs-feed .feed-line:hover { background: rgba(0,114,178,0.08); }
.qs-feed .feed-time { font-variant-numeric: tabular-nums; color: #555; text-align: right; }
.qs-feed .feed-icon { color: var(--k, #999); font-weight: 700; text-align: center; }
.qs-feed .feed-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.qs-feed .kind-note { --k: #0072B2; }
.qs-feed .kind-fault { --k: #D55E00; }
.qs-feed .kind-client { --k: #009E73; }
.qs-feed .kind-net { --k: #CC79A7; }
.qs-feed .kind-timer { --k: #E69F00; }
.qs-feed .kind-message { --k: #777777; }
.qs-feed .feed-newest { position: absolute; right: 0.8rem; bottom: 0.4rem; font-size: 0.8rem;
  padding: 0.2rem 0.6rem; border-radius: 1rem; border: 1px solid #0072B2; background: #fff;
  color: #0072B2; cursor: pointer; }
";
