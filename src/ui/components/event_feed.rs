//! The event feed: the newest simulator events, one line each, newest at the bottom. It
//! follows new events while scrolled to the bottom, and stays put while the user reads
//! further up.

use super::use_lang;
use crate::ui::i18n::{t, Key};
use yew::prelude::*;

/// How close to the bottom (px) still counts as "at the bottom".
const STICK_PX: i32 = 24;

#[derive(Properties, PartialEq)]
pub struct EventFeedProps {
    /// Lines already rendered in the interface language, oldest first.
    pub lines: Vec<String>,
}

#[component]
pub fn EventFeed(props: &EventFeedProps) -> Html {
    let lang = use_lang();
    let scroller = use_node_ref();
    // Whether the user is at the bottom, as of their last scroll.
    let stick = use_mut_ref(|| true);
    let onscroll = {
        let (scroller, stick) = (scroller.clone(), stick.clone());
        Callback::from(move |_: Event| {
            if let Some(s) = scroller.cast::<web_sys::Element>() {
                *stick.borrow_mut() =
                    s.scroll_height() - s.scroll_top() - s.client_height() <= STICK_PX;
            }
        })
    };
    {
        let scroller = scroller.clone();
        use_effect_with(props.lines.clone(), move |_| {
            if let Some(s) = scroller.cast::<web_sys::Element>() {
                if *stick.borrow() {
                    s.set_scroll_top(s.scroll_height());
                }
            }
        });
    }
    html! {
        <div class="event-scroll" ref={scroller} {onscroll}>
            if props.lines.is_empty() {
                <p class="empty">{ t(lang, Key::EventsEmpty) }</p>
            } else {
                <ol class="event-feed">
                    { for props.lines.iter().map(|l| html! { <li>{ l }</li> }) }
                </ol>
            }
        </div>
    }
}
