//! The native expectations for lecture mode's end-to-end tests: for every library scenario
//! and every step (0 = the start), the state a native run of the scenario reaches at the end
//! of that step. Prints one JSON document:
//!
//! ```text
//! { "raft-split-vote": { "steps": 6, "states": [
//!     { "step": 0, "caption": { "en": "…", "zh": "…" }, "hash": "<16 hex digits>", "time": 0,
//!       "nodes": [{ "name": "A", "status": "Up", "shape": "Circle", "term": 0, "commit": 0 }],
//!       "checks": { "now": ["expect …"], "history": ["expect …"] } },
//!     … ] },
//!   … }
//! ```
//!
//! It drives the scenario runner directly (not lecture mode's model), so the browser, which
//! steps, animates and seeks through `viz::lecture`, is compared with an independent run.
//! Used by tests/e2e/lecture.test.mjs:
//! `cargo run --release --example lecture_states`.

use quorumscope::core::Lang;
use quorumscope::scenario::{Runner, SimRef, LIBRARY};
use quorumscope::sim::Simulator;
use quorumscope::viz::scene::{build, NodeView, Scene, SceneOptions, Visual};
use serde_json::{json, Map, Value};

fn scene_of<P: Visual>(sim: &Simulator<P>, r: &Runner) -> Scene {
    build(
        sim,
        r.invariants(),
        r.violation(),
        sim.now(),
        SceneOptions {
            lang: Lang::En,
            feed: 0,
            ..SceneOptions::default()
        },
    )
}

fn node_json(n: &NodeView) -> Value {
    json!({
        "name": n.name,
        "status": n.status,
        "shape": n.badge,
        "term": n.term,
        "commit": n.log.iter().filter(|c| c.committed).count(),
    })
}

fn state(r: &Runner, step: usize) -> Value {
    let scene = match r.sim() {
        SimRef::Raft(sim) => scene_of(sim, r),
        SimRef::Paxos(sim) => scene_of(sim, r),
    };
    // The narration: the scenario's summary before the first step, then each step's caption.
    let sc = r.scenario();
    let caption = |lang| match step {
        0 => sc.about.get(lang).to_string(),
        k => sc.steps[k - 1].caption.get(lang).to_string(),
    };
    // The step's expectations: what must be true at its end (those that still hold then, and
    // every failure), and those that held only earlier in the step.
    let checks = match step {
        0 => &[][..],
        k => &r.reports()[k - 1].checks[..],
    };
    let sources = |now: bool| -> Vec<&str> {
        checks
            .iter()
            .filter(|c| (c.at_end || !c.ok) == now)
            .map(|c| c.source.as_str())
            .collect()
    };
    json!({
        "step": step,
        "checks": { "now": sources(true), "history": sources(false) },
        "caption": { "en": caption(Lang::En), "zh": caption(Lang::Zh) },
        "hash": format!("{:016x}", r.trace_hash()),
        "time": r.now(),
        "nodes": scene.nodes.iter().map(node_json).collect::<Vec<_>>(),
    })
}

fn main() {
    let mut out = Map::new();
    for (file, text) in LIBRARY {
        let id = file.trim_end_matches(".scn");
        let mut r = match Runner::from_text(file, text) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{}", e.pretty());
                std::process::exit(2);
            }
        };
        let steps = r.step_count();
        let mut states = vec![state(&r, 0)];
        for k in 1..=steps {
            if r.run_next_step().is_none() {
                eprintln!("{id}: step {k} did not run");
                std::process::exit(1);
            }
            states.push(state(&r, k));
        }
        out.insert(id.to_string(), json!({ "steps": steps, "states": states }));
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&Value::Object(out)).expect("JSON")
    );
}
