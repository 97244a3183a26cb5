//! The test hook: after every render, `window.__qs_lecture` describes what lecture mode
//! shows, in the same shape as the native expectations that `examples/lecture_states.rs`
//! writes, so the end-to-end tests can compare the two.
//!
//! ```text
//! { scenario, step, steps, lang, animating, offScript, present, embed,
//!   hash, scriptHash,            // 16 hex digits: the shown run's and the script's trace hash
//!   time,                        // virtual µs
//!   nodes: [{ name, status, shape, term, commit }],
//!   checks: { passed, failed },  // expectations of the steps so far
//!   caption }
//! ```

use super::stage::committed;
use crate::viz::Scene;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// One node, as the native expectations describe it.
#[derive(Serialize)]
pub struct NodeState {
    pub name: String,
    /// "Up", "Crashed", "Paused".
    pub status: serde_json::Value,
    /// "Leader", "Candidate", …
    pub shape: serde_json::Value,
    pub term: u64,
    pub commit: usize,
}

/// The nodes of a scene as the tests compare them.
pub fn nodes(scene: &Scene) -> Vec<NodeState> {
    scene
        .nodes
        .iter()
        .map(|n| NodeState {
            name: n.name.clone(),
            status: serde_json::to_value(n.status).unwrap_or_default(),
            shape: serde_json::to_value(n.badge).unwrap_or_default(),
            term: n.term,
            commit: committed(n),
        })
        .collect()
}

/// What lecture mode shows now.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct State {
    pub scenario: String,
    pub step: usize,
    pub steps: usize,
    pub lang: &'static str,
    pub animating: bool,
    pub off_script: bool,
    pub present: bool,
    pub embed: bool,
    pub hash: String,
    pub script_hash: String,
    pub time: u64,
    pub nodes: Vec<NodeState>,
    pub checks: Checks,
    pub caption: String,
}

#[derive(Serialize)]
pub struct Checks {
    pub passed: usize,
    pub failed: usize,
}

/// A trace hash as the tests write it (16 hex digits: a u64 does not fit a JS number).
pub fn hex(h: u64) -> String {
    format!("{h:016x}")
}

/// Publishes `state` (or `null`) as `window.__qs_lecture`.
pub fn publish(state: Option<&State>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let value = state
        .and_then(|s| serde_json::to_string(s).ok())
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL);
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str("__qs_lecture"), &value);
}
