//! The browser app (Yew, wasm32, `ui` feature). It only draws simulator state and sends user
//! actions to the simulator: no protocol logic lives here.
//!
//! - [`app`]: the root component and the page layout.
//! - [`live`]: a live Raft cluster (simulator + invariant checker) and what the panels draw
//!   of it.
//! - [`animation`]: the requestAnimationFrame loop that plays the cluster.
//! - [`components`]: one file per panel (header, ring, logs, event feed, invariants, controls).
//! - [`i18n`]: every string of the interface, in English and Chinese.
//! - [`view`]: the plain data the panels draw.

pub mod animation;
pub mod app;
pub mod components;
pub mod i18n;
pub mod live;
pub mod view;

pub use app::App;

/// Mounts the app into `root`. Returns the handle that keeps it alive (drop it to leave the
/// app running; call `destroy` to unmount).
pub fn mount(root: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(root).render()
}

/// Mounts the app into the page's `<body>`: the browser entry point.
pub fn start() {
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .expect("the page has a <body>");
    // The app lives as long as the page does.
    std::mem::forget(mount(body.into()));
}
