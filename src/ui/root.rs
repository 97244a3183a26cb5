//! The page's two roots, one per browser module (see `index.html`): the explorer
//! ([`ExplorerRoot`], `pkg/quorumscope-web`) and lecture mode ([`LectureRoot`],
//! `pkg/quorumscope-lecture`). `#lecture…` and `#scenario=…` are lecture mode's (see
//! [`crate::ui::lecture::deep_link`]); any other hash belongs to the explorer.
//!
//! They are separate modules so that the explorer does not carry the scenario library, its
//! parser and runner, or lecture mode's components: the page a student opens stays small.
//! Following a link to the other mode (a `hashchange`) reloads the page, and `index.html`
//! then loads the other module.
//!
//! In the explorer a small fixed link, `a.lec-mode-switch[data-testid=to-lecture]`, leads to
//! lecture mode; lecture mode's header has the way back.

use super::app::App;
use super::lecture::deep_link::{self, current_hash, is_lecture};
use super::lecture::LectureApp;
use gloo::events::EventListener;
use yew::prelude::*;

/// The hash as of the last `hashchange` and how many there have been, while the hash stays
/// in this module's mode (`lecture`); a hash of the other mode reloads the page.
#[hook]
fn use_mode_hash(lecture: bool) -> (String, u32) {
    let seen = use_mut_ref(|| (current_hash(), 0u32));
    let redraw = use_force_update();
    {
        let (seen, redraw) = (seen.clone(), redraw.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                let win = w.clone();
                EventListener::new(&w, "hashchange", move |_| {
                    let hash = current_hash();
                    if is_lecture(&hash) != lecture {
                        // The other mode lives in the other module.
                        let _ = win.location().reload();
                        return;
                    }
                    {
                        let mut s = seen.borrow_mut();
                        s.0 = hash;
                        s.1 = s.1.wrapping_add(1);
                    }
                    redraw.force_update();
                })
            });
            move || drop(listener)
        });
    }
    let seen = seen.borrow();
    (seen.0.clone(), seen.1)
}

/// The explorer, with the link to lecture mode.
#[component]
pub fn ExplorerRoot() -> Html {
    // The explorer reads its own hash (share links); this only watches for lecture links.
    let _ = use_mode_hash(false);
    html! {
        <>
            <App />
            <a class="lec-mode-switch" data-testid="to-lecture" href="#lecture"
               title="Present the scenario library step by step · 按步骤讲解场景库">
                { "Lecture mode · 讲课模式" }
            </a>
        </>
    }
}

/// Lecture mode, routed by the hash.
#[component]
pub fn LectureRoot() -> Html {
    let (hash, nonce) = use_mode_hash(true);
    let route = deep_link::parse(&hash).unwrap_or_default();
    let on_explore = Callback::from(|()| deep_link::go(""));
    html! { <LectureApp {route} {nonce} {on_explore} /> }
}
