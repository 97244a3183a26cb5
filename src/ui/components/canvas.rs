//! Watching an element's size, for the canvases (their resolution) and the feed (how many
//! lines fill it). Drawing on a canvas is `pen`'s.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Watches an element's size; stops when dropped.
pub struct SizeObserver {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for SizeObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_side` with the shorter side of `el`'s content box (CSS px) when it is first laid
/// out and whenever it changes. The browser reports it after layout, so nobody has to read the
/// layout (and force one) in the middle of a frame.
pub fn observe_size(
    el: &web_sys::Element,
    mut on_side: impl FnMut(f64) + 'static,
) -> Option<SizeObserver> {
    observe_box(el, move |w, h| on_side(w.min(h)))
}

/// Calls `on_box` with the width and height of `el`'s content box (CSS px), as
/// [`observe_size`] does.
pub fn observe_box(
    el: &web_sys::Element,
    mut on_box: impl FnMut(f64, f64) + 'static,
) -> Option<SizeObserver> {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
            let r = entry.content_rect();
            on_box(r.width(), r.height());
        }
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    Some(SizeObserver {
        observer,
        _callback: callback,
    })
}
