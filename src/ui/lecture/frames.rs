//! A hook that calls back once per displayed frame (requestAnimationFrame) while active,
//! with the milliseconds since the previous frame.

use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// The longest step one frame may take, in ms: a tab coming back from the background resumes
/// where it was instead of jumping ahead.
pub const MAX_FRAME_MS: f64 = 100.0;

/// While `active`, calls `on_frame` on every frame with the elapsed ms (0 on the first frame,
/// at most [`MAX_FRAME_MS`]).
#[hook]
pub fn use_frames(active: bool, on_frame: Callback<f64>) {
    // The newest callback, so that a long-running loop always calls the current one.
    let latest = use_mut_ref(|| on_frame.clone());
    *latest.borrow_mut() = on_frame;
    use_effect_with(active, move |&active| {
        let slot: Rc<RefCell<Option<AnimationFrame>>> = Rc::default();
        if active {
            schedule(slot.clone(), Rc::new(Cell::new(None)), latest);
        }
        move || drop(slot.borrow_mut().take())
    });
}

fn schedule(
    slot: Rc<RefCell<Option<AnimationFrame>>>,
    last: Rc<Cell<Option<f64>>>,
    on_frame: Rc<RefCell<Callback<f64>>>,
) {
    let next = slot.clone();
    let frame = request_animation_frame(move |now| {
        let dt = last
            .get()
            .map_or(0.0, |t| (now - t).clamp(0.0, MAX_FRAME_MS));
        last.set(Some(now));
        let cb = on_frame.borrow().clone();
        cb.emit(dt);
        // Re-arm only while the effect is alive (its cleanup empties the slot).
        if next.borrow().is_some() {
            schedule(next, last, on_frame);
        }
    });
    *slot.borrow_mut() = Some(frame);
}
