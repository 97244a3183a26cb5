//! The per-frame drawing path. While the cluster plays, most frames only move the clock:
//! messages fly, timers run down, the diagram slides. Those frames skip Yew altogether: the
//! app publishes the new [`Motion`] on this bus, and each subscribed painter (the ring's
//! canvas, the diagram's canvases, the clock) draws it straight into its own elements. Yew
//! renders only when the scene changes (an event, an action, a seek), at most every
//! `PANEL_MS` while playing.
//!
//! A painter remembers which motion it last drew, so that after a render (when every
//! painter is asked) the ones already up to date are skipped.
//!
//! A painter that writes text into the page (the clock) follows at the panels' pace
//! ([`Pace::Panels`]): a changed text costs the browser a layout and a paint of the page,
//! which frames that only move canvases do not need. It draws after a render that shows a
//! new scene, not after the renders of the feed's and the logs' turns (`viz::explorer::Turn`), and
//! on a frame without one only when it has not drawn for [`STALE_MS`] (a run with no events
//! renders nothing, and its clock must still move).

use crate::viz::{Motion, Scene};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Draws a motion into a component's own elements.
pub type Painter = Rc<dyn Fn(&Motion)>;

/// How often a painter draws while the cluster plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// Every frame (canvases, and attributes no style depends on).
    Frame,
    /// With the panels: after a render of a new scene, or when it has not drawn for
    /// [`STALE_MS`].
    Panels,
}

/// The longest a [`Pace::Panels`] painter goes without drawing while playing (ms).
pub const STALE_MS: f64 = 2.0 * crate::viz::explorer::PANEL_MS;

thread_local! {
    /// The page's clock, looked up once: a lookup per reading cost more than the reading.
    static PERFORMANCE: Option<web_sys::Performance> =
        web_sys::window().and_then(|w| w.performance());
}

/// The page's clock (ms since it loaded).
pub fn now_ms() -> f64 {
    PERFORMANCE.with(|p| p.as_ref().map_or(0.0, |p| p.now()))
}

struct Entry {
    id: u64,
    painter: Painter,
    pace: Pace,
    /// The motion it last drew (by address), and when (ms).
    drawn: *const Motion,
    at: f64,
    /// The scene that was shown when it last drew ([`Inner::scenes`]).
    scene: u64,
}

#[derive(Default)]
struct Inner {
    current: Rc<Motion>,
    /// The scene shown, and how many scenes have been (a new one makes the
    /// [`Pace::Panels`] painters due).
    scene: Option<Rc<Scene>>,
    scenes: u64,
    entries: Vec<Entry>,
    next: u64,
}

/// Shared by the app (which publishes) and the components that paint (which subscribe).
#[derive(Clone, Default)]
pub struct MotionBus(Rc<RefCell<Inner>>);

impl PartialEq for MotionBus {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Unsubscribes when dropped.
pub struct Subscription {
    bus: MotionBus,
    id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.bus.0.borrow_mut().entries.retain(|e| e.id != self.id);
    }
}

impl MotionBus {
    /// The motion now.
    pub fn current(&self) -> Rc<Motion> {
        self.0.borrow().current.clone()
    }

    /// Replaces the motion without drawing it (a render follows), and says which scene the
    /// panels show with it.
    pub fn set(&self, motion: Rc<Motion>, scene: &Rc<Scene>) {
        let mut inner = self.0.borrow_mut();
        inner.current = motion;
        if !inner.scene.as_ref().is_some_and(|s| Rc::ptr_eq(s, scene)) {
            inner.scene = Some(scene.clone());
            inner.scenes += 1;
        }
    }

    /// After a render: has every painter that has not drawn the current motion draw it, a
    /// [`Pace::Panels`] painter only if the scene is new to it or it has not drawn for
    /// [`STALE_MS`].
    pub fn paint(&self) {
        let now = now_ms();
        self.paint_where(|pace, at, new_scene| {
            pace == Pace::Frame || new_scene || now - at >= STALE_MS
        });
    }

    /// On a frame without a render: the same, but a [`Pace::Panels`] painter only when it
    /// has not drawn for [`STALE_MS`].
    pub fn paint_frame(&self) {
        let now = now_ms();
        self.paint_where(|pace, at, _| pace == Pace::Frame || now - at >= STALE_MS);
    }

    fn paint_where(&self, due: impl Fn(Pace, f64, bool) -> bool) {
        let now = now_ms();
        let (motion, todo): (Rc<Motion>, Vec<(u64, Painter)>) = {
            let mut inner = self.0.borrow_mut();
            let motion = inner.current.clone();
            let at = Rc::as_ptr(&motion);
            let scenes = inner.scenes;
            let todo = inner
                .entries
                .iter_mut()
                .filter(|e| e.drawn != at && due(e.pace, e.at, e.scene != scenes))
                .map(|e| {
                    e.drawn = at;
                    e.at = now;
                    e.scene = scenes;
                    (e.id, e.painter.clone())
                })
                .collect();
            (motion, todo)
        };
        // Painters run with the bus unborrowed (one may subscribe or read it).
        for (_, p) in todo {
            p(&motion);
        }
    }

    /// Has painter `id` draw the current motion now, whether or not it has (its elements were
    /// just rendered again).
    fn repaint(&self, id: u64) {
        let found = {
            let mut inner = self.0.borrow_mut();
            let at = Rc::as_ptr(&inner.current);
            let motion = inner.current.clone();
            let scenes = inner.scenes;
            inner.entries.iter_mut().find(|e| e.id == id).map(|e| {
                e.drawn = at;
                e.at = now_ms();
                e.scene = scenes;
                (motion, e.painter.clone())
            })
        };
        if let Some((motion, p)) = found {
            p(&motion);
        }
    }

    fn subscribe(&self, painter: Painter, pace: Pace) -> Subscription {
        let mut inner = self.0.borrow_mut();
        inner.next += 1;
        let id = inner.next;
        inner.entries.push(Entry {
            id,
            painter,
            pace,
            drawn: std::ptr::null(),
            at: f64::NEG_INFINITY,
            scene: 0,
        });
        Subscription {
            bus: self.clone(),
            id,
        }
    }
}

/// Subscribes `painter` for the component's lifetime, to draw every frame, and has it draw
/// after every render of the component. The painter reads whatever else it needs from state
/// the component keeps up to date (a `use_mut_ref` written during render).
#[hook]
pub fn use_painter(bus: &MotionBus, painter: Painter) {
    use_paced_painter(bus, painter, Pace::Frame);
}

/// [`use_painter`] at the given pace.
#[hook]
pub fn use_paced_painter(bus: &MotionBus, painter: Painter, pace: Pace) {
    let id = use_mut_ref(|| 0u64);
    {
        let (bus, id) = (bus.clone(), id.clone());
        use_effect_with((), move |_| {
            let sub = bus.subscribe(painter, pace);
            *id.borrow_mut() = sub.id;
            move || drop(sub)
        });
    }
    let bus = bus.clone();
    use_effect(move || {
        let id = *id.borrow();
        if id != 0 {
            bus.repaint(id);
        }
    });
}
