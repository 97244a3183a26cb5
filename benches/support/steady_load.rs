//! The steady Raft workload of the scaling benchmarks (issue 24), in one place for the
//! criterion bench (`benches/long_runs.rs`) and its command-line twin
//! (`examples/long_run.rs`): `nodes` nodes with the default network and seed 42, a client
//! request every `every` of virtual time sent to node k mod `nodes` (followers redirect it to
//! the leader), for `run` of virtual time, with every invariant checked after every event
//! (as `quorumscope check`, the explorer and `explore` do) or without a checker.

use quorumscope::check::raft::RaftChecker;
use quorumscope::check::{act_checked, run_checked, Checker};
use quorumscope::core::raft::RaftNode;
use quorumscope::core::{ClientOutcome, Time};
use quorumscope::sim::{Action, Setup, Simulator};

/// What one run did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Simulator events (deliveries, timers, redirected requests).
    pub events: u64,
    /// Client requests acknowledged as committed.
    pub commits: u64,
}

/// Runs the workload; panics on a violation (the correct core has none).
pub fn steady(nodes: usize, run: Time, every: Time, checked: bool) -> Outcome {
    let mut sim = Simulator::new(Setup::<RaftNode>::new(nodes, 42));
    let mut checker = checked.then(|| RaftChecker::new(&sim));
    let mut t = 0;
    let mut k = 0u64;
    while t < run {
        t += every;
        match &mut checker {
            Some(c) => run_checked(&mut sim, c, t).expect("no violation"),
            None => sim.run_until(t),
        }
        k += 1;
        let action = Action::Client {
            node: (k % nodes as u64) as usize,
            value: format!("v{k}"),
        };
        match &mut checker {
            Some(c) => act_checked(&mut sim, c, action)
                .expect("a valid action")
                .expect("no violation"),
            None => sim.act(action).expect("a valid action"),
        }
    }
    let commits = sim
        .state
        .requests
        .values()
        .filter(|r| matches!(r.outcome, Some(ClientOutcome::Committed { .. })))
        .count() as u64;
    Outcome {
        events: sim.state.events,
        commits,
    }
}
