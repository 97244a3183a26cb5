//! The page's root: the explorer ([`App`]) or lecture mode ([`LectureApp`]), chosen by the
//! URL hash. `#lecture…` and `#scenario=…` are lecture mode's (see
//! [`crate::ui::lecture::deep_link`]); any other hash belongs to the explorer. Following a
//! link (a `hashchange`) switches modes without reloading the page.
//!
//! In the explorer a small fixed link, `a.lec-mode-switch[data-testid=to-lecture]`, leads to
//! lecture mode; lecture mode's header has the way back.

use super::app::App;
use super::lecture::deep_link::{self, current_hash};
use super::lecture::LectureApp;
use gloo::events::EventListener;
use yew::prelude::*;

#[component]
pub fn Root() -> Html {
    // The hash as of the last `hashchange`, and how many there have been.
    let seen = use_mut_ref(|| (current_hash(), 0u32));
    let redraw = use_force_update();
    {
        let (seen, redraw) = (seen.clone(), redraw.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    {
                        let mut s = seen.borrow_mut();
                        s.0 = current_hash();
                        s.1 = s.1.wrapping_add(1);
                    }
                    redraw.force_update();
                })
            });
            move || drop(listener)
        });
    }
    let (hash, nonce) = seen.borrow().clone();
    match deep_link::parse(&hash) {
        Some(route) => {
            let on_explore = Callback::from(|()| deep_link::go(""));
            html! { <LectureApp {route} {nonce} {on_explore} /> }
        }
        None => html! {
            <>
                <App />
                <a class="lec-mode-switch" data-testid="to-lecture" href="#lecture"
                   title="Present the scenario library step by step · 按步骤讲解场景库">
                    { "Lecture mode · 讲课模式" }
                </a>
            </>
        },
    }
}
