//! The browser app (Yew, wasm32, `ui` feature). It only draws what the viz layer
//! (`crate::viz`: a seekable session and the scene to draw) says and sends user actions to
//! it: no protocol logic lives here.
//!
//! - [`app`]: the root component: the animation loop, listeners, layout.
//! - the app state and its reducer are the viz layer's ([`crate::viz::explorer`]);
//!   [`state_json`] is its summary for the test hook.
//! - [`components`]: one file per panel.
//! - [`keyboard`]: the shortcuts; [`url`]: share links and files; [`testhook`]:
//!   `window.__qs` for the end-to-end tests and the benchmark.
//! - [`animation`]: the requestAnimationFrame loop (runs only while playing).
//! - [`i18n`]: the remembered language (the string table is [`crate::viz::i18n`]).
//! - [`json`]: the little JSON the test hook and exported files need, by hand.

pub mod animation;
pub mod app;
pub mod components;
pub mod i18n;
pub mod json;
pub mod keyboard;
pub mod lecture;
pub mod motion_bus;
pub mod panic;
pub mod root;
pub mod shared;
pub mod state_json;
pub mod testhook;
pub mod url;

pub use app::App;

/// Mounts the app into `root`. Returns the handle that keeps it alive (drop it to leave the
/// app running; call `destroy` to unmount).
pub fn mount(root: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(root).render()
}

/// Mounts `R` into the page's `<body>`, for as long as the page lives.
fn start_root<R: yew::BaseComponent<Properties = ()>>() {
    panic::install();
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .expect("the page has a <body>");
    std::mem::forget(yew::Renderer::<R>::with_root(body.into()).render());
}

/// The explorer's entry point (`pkg/quorumscope-web`).
pub fn start() {
    start_root::<root::ExplorerRoot>();
}

/// Lecture mode's entry point (`pkg/quorumscope-lecture`).
pub fn start_lecture() {
    start_root::<root::LectureRoot>();
}
