//! A hook that calls back on every animation frame (requestAnimationFrame) while active.

use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// While `active`, calls `on_frame` once per displayed frame with the milliseconds elapsed
/// since the previous frame (0 on the first), capped at `max_ms` so a tab returning from the
/// background does not jump ahead.
#[hook]
pub fn use_animation_frames(active: bool, max_ms: f64, on_frame: Callback<f64>) {
    use_effect_with(active, move |&active| {
        let slot: Rc<RefCell<Option<AnimationFrame>>> = Rc::default();
        if active {
            schedule(slot.clone(), Rc::new(Cell::new(None)), max_ms, on_frame);
        }
        // Dropping the pending frame cancels it.
        move || drop(slot.borrow_mut().take())
    });
}

fn schedule(
    slot: Rc<RefCell<Option<AnimationFrame>>>,
    last: Rc<Cell<Option<f64>>>,
    max_ms: f64,
    on_frame: Callback<f64>,
) {
    let next = slot.clone();
    let frame = request_animation_frame(move |now| {
        // Not `clamp`: its panic message would bring float formatting into the module.
        let dt = last.get().map_or(0.0, |t| (now - t).max(0.0).min(max_ms));
        last.set(Some(now));
        on_frame.emit(dt);
        // Re-arm only while the effect is alive (its cleanup empties the slot).
        if next.borrow().is_some() {
            schedule(next, last, max_ms, on_frame);
        }
    });
    *slot.borrow_mut() = Some(frame);
}
