//! `window.__qs`: a tiny, frozen object for the end-to-end tests and the benchmark
//! (tests/e2e/). It reads the app's state and drives it deterministically, without clicking.
//! Every function goes through the same reducer as the interface (`viz::explorer`).
//!
//! | call | returns | does |
//! |---|---|---|
//! | `__qs.state()` | object | `{time, events, horizon, trace_hash (string: a u64), leader (name or null), roles: [..], statuses: [..], terms: [..], protocol, nodes, messages, log_end, violation (invariant name or null), playing, speed, seed, lang}` |
//! | `__qs.share()` | string | the share text of the session now (what `#share=` holds) |
//! | `__qs.seek(t_us)` | state | pauses, goes to virtual time `t_us` exactly (either direction) |
//! | `__qs.advance(d_us)` | state | pauses, plays `d_us` of virtual time from now |
//! | `__qs.step()` / `__qs.stepBack()` | state | pauses, one event forward / back |
//! | `__qs.play()` / `__qs.pause()` | state | starts / stops real-time playback |
//! | `__qs.speed(x)` | state | playback speed: `x` seconds of cluster time per real second |
//! | `__qs.act(text)` | `null` or error text | a `sim::Action` in its text form, nodes 0-based (see [`parse_action`]): `crash 0`, `timeout 2`, `client 1 x`, `partition 0 1 | 2 3 4`, `cut 0 -> 1`, `heal`, `loss 0.2`, `latency 10000..20000` (µs), `align-timers` |
//! | `__qs.client(i)` | `null` or error text | a client request to node `i` (0-based) |
//! | `__qs.load(text)` | `null` or error text | opens a share text (as an imported file does) |
//! | `__qs.ringMessages()` | object[] | the messages drawn on the ring now: `{id, kind, x, y}`, where the ring's canvas draws them, in its user units (a 600-unit square, fitted and centred in `svg[data-testid=ring-svg]`'s box) |
//! | `__qs.frames()` | number[] | the last ≤ 600 animation frames' times in ms (model update + render, up to the root's effect), for the benchmark |
//! | `__qs.updates()` | number[] | the same frames' model update alone (advance + scene), in ms |
//! | `__qs.resetFrames()` | `null` | forgets the recorded frame times |
//! | `__qs.pen()` | `Worker` or `null` | the worker that draws the canvases handed to it (`canvas[data-surface]`); it answers `{ink: [surface, ..]}` with `{ink: n, at}`, the pixels not transparent on them and when it answered (ms since the epoch) |
//!
//! The DOM redraws on the next microtask after a call; the state returned is already new.
//! The address bar's `#share=` is rewritten at once on a pause or an action while paused, and
//! 0.3 s after the last move in time (`seek`, `advance`, a step) or action while playing.

use crate::viz::explorer::{Effects, Model, Msg, NodeCmd};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The name of the hook on `window`.
pub const NAME: &str = "__qs";
/// How many frame times are kept.
pub const FRAMES_KEPT: usize = 600;

/// Recent frame times (ms), newest last: the whole frame (update + render), and the
/// model's update alone.
#[derive(Default)]
pub struct FrameStats {
    pub times: VecDeque<f64>,
    pub updates: VecDeque<f64>,
}

fn push(q: &mut VecDeque<f64>, ms: f64) {
    if q.len() == FRAMES_KEPT {
        q.pop_front();
    }
    q.push_back(ms);
}

impl FrameStats {
    pub fn record(&mut self, ms: f64) {
        push(&mut self.times, ms);
    }
    pub fn record_update(&mut self, ms: f64) {
        push(&mut self.updates, ms);
    }
}

type JsFn = Closure<dyn Fn(JsValue) -> JsValue>;

/// Keeps the hook's closures alive; dropping it removes `window.__qs` (unless another app
/// has installed its own since).
pub struct TestHook {
    obj: js_sys::Object,
    _closures: Vec<JsFn>,
}

impl Drop for TestHook {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let ours = js_sys::Reflect::get(&w, &NAME.into())
                .is_ok_and(|v| js_sys::Object::is(&v, &self.obj));
            if ours {
                let _ = js_sys::Reflect::delete_property(&w, &NAME.into());
            }
        }
    }
}

fn state_of(model: &Rc<RefCell<Model>>) -> JsValue {
    let json = model.borrow().state_json();
    js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
}

fn number(v: &JsValue) -> Option<f64> {
    v.as_f64().filter(|x| x.is_finite())
}

fn result(r: Result<(), String>) -> JsValue {
    match r {
        Ok(()) => JsValue::NULL,
        Err(e) => JsValue::from_str(&e),
    }
}

/// An action in words, for `__qs.act`: [`crate::sim::Action`]'s text form (the verbs of
/// [`crate::sim::action::Verb::ALL`], nodes and messages by number, nodes from 0), read with
/// JavaScript's decimal parser so that the page carries none of its own.
pub fn parse_action(text: &str) -> Result<crate::sim::Action, String> {
    crate::sim::Action::parse_with(text, |w| {
        Some(js_sys::Number::parse_float(w)).filter(|x| x.is_finite())
    })
}

/// The app's update path: applies a message (and redraws), returning its effects.
pub type Apply = Rc<dyn Fn(Msg) -> Effects>;

/// Installs `window.__qs` for `model`; `apply` is the app's own update path.
pub fn install(
    model: Rc<RefCell<Model>>,
    apply: Apply,
    frames: Rc<RefCell<FrameStats>>,
) -> Option<TestHook> {
    let window = web_sys::window()?;
    let obj = js_sys::Object::new();
    let mut closures: Vec<JsFn> = Vec::new();
    let mut add = |name: &str, f: Box<dyn Fn(JsValue) -> JsValue>| {
        let c: JsFn = Closure::wrap(f);
        let _ = js_sys::Reflect::set(&obj, &name.into(), c.as_ref().unchecked_ref());
        closures.push(c);
    };

    // Reads.
    let m = model.clone();
    add("state", Box::new(move |_| state_of(&m)));
    let m = model.clone();
    add(
        "share",
        Box::new(move |_| JsValue::from_str(&m.borrow().cluster.share())),
    );
    let m = model.clone();
    add(
        "ringMessages",
        Box::new(move |_| {
            let m = m.borrow();
            let n = m.scene.nodes.len();
            let items: Vec<String> = m
                .motion
                .messages
                .iter()
                .filter(|x| x.from < n && x.to < n)
                .map(|x| {
                    let (px, py) = super::components::ring_paint::message_at(x, n);
                    super::json::Obj::new()
                        .int("id", x.id)
                        .str("kind", Some(x.kind))
                        .num("x", px)
                        .num("y", py)
                        .finish()
                })
                .collect();
            js_sys::JSON::parse(&format!("[{}]", items.join(","))).unwrap_or(JsValue::NULL)
        }),
    );
    let list = |q: &VecDeque<f64>| -> JsValue {
        let arr = js_sys::Array::new();
        for &t in q.iter() {
            arr.push(&JsValue::from_f64(t));
        }
        arr.into()
    };
    let f = frames.clone();
    add("frames", Box::new(move |_| list(&f.borrow().times)));
    let f = frames.clone();
    add("updates", Box::new(move |_| list(&f.borrow().updates)));
    add(
        "resetFrames",
        Box::new(move |_| {
            let mut f = frames.borrow_mut();
            f.times.clear();
            f.updates.clear();
            JsValue::NULL
        }),
    );
    add(
        "pen",
        Box::new(|_| crate::ui::components::pen::worker().map_or(JsValue::NULL, JsValue::from)),
    );

    // Deterministic controls: each applies one message and returns the new state.
    let control = |make: fn(&Model, f64) -> Option<Msg>| {
        let (m, ap) = (model.clone(), apply.clone());
        Box::new(move |arg: JsValue| {
            let msg = make(&m.borrow(), number(&arg).unwrap_or(0.0));
            if let Some(msg) = msg {
                ap(msg);
            }
            state_of(&m)
        }) as Box<dyn Fn(JsValue) -> JsValue>
    };
    add("seek", control(|_, t| Some(Msg::Seek(t.max(0.0) as u64))));
    add(
        "advance",
        control(|m, d| Some(Msg::Seek(m.cluster.now().saturating_add(d.max(0.0) as u64)))),
    );
    add("step", control(|_, _| Some(Msg::Step)));
    add("stepBack", control(|_, _| Some(Msg::StepBack)));
    add("play", control(|_, _| Some(Msg::Play)));
    add("pause", control(|_, _| Some(Msg::Pause)));
    add(
        "speed",
        control(|_, x| (x > 0.0).then(|| Msg::SetSpeed(x.log10()))),
    );

    // Actions that may be refused: they return the reason (or null).
    let ap = apply.clone();
    add(
        "act",
        Box::new(move |arg: JsValue| {
            let text = arg.as_string().unwrap_or_default();
            let r = parse_action(&text)
                .map_err(|e| format!("not an action: {e}"))
                .and_then(|a| ap(Msg::Act(a)).refused.map_or(Ok(()), Err));
            result(r)
        }),
    );
    let ap = apply.clone();
    let m = model.clone();
    add(
        "client",
        Box::new(move |arg: JsValue| {
            let n = m.borrow().scene.nodes.len();
            let r = match number(&arg) {
                Some(i) if i >= 0.0 && (i as usize) < n => {
                    ap(Msg::Node(i as usize, NodeCmd::Client))
                        .refused
                        .map_or(Ok(()), Err)
                }
                _ => Err(format!(
                    "no node {} in a {n}-node cluster",
                    String::from(js_sys::JSON::stringify(&arg).unwrap_or_default())
                )),
            };
            result(r)
        }),
    );
    add(
        "load",
        Box::new(move |arg: JsValue| {
            let text = arg.as_string().unwrap_or_default();
            result(apply(Msg::LoadShare(text)).refused.map_or(Ok(()), Err))
        }),
    );

    let _ = js_sys::Object::freeze(&obj);
    let _ = js_sys::Reflect::set(&window, &NAME.into(), &obj);
    Some(TestHook {
        obj,
        _closures: closures,
    })
}
