//! Determinism: the same seed and the same actions give the same trace; a snapshot survives a
//! JSON round trip and continues exactly as the original; a run replays from its setup and
//! recorded actions. Every event is checked against every Raft invariant.

mod raft_common;

use quorumscope::core::raft::RaftNode;
use quorumscope::core::MS;
use quorumscope::sim::{Action, Simulator, Snapshot};
use raft_common::*;

/// A lossy, duplicating, reordering 5-node network: every random draw of the simulator matters.
fn noisy_setup(seed: u64) -> RaftSetup {
    let mut setup = RaftSetup::new(5, seed);
    setup.net.loss = 0.05;
    setup.net.duplicate = 0.05;
    setup.net.reorder = 0.05;
    setup
}

/// First half of the script: natural elections, client commands, a crash.
fn first_half(c: &mut Cluster) {
    c.run_until(600 * MS);
    c.client(0, "a");
    c.client(3, "b");
    c.run_until(900 * MS);
    c.act(Action::Crash(1));
    c.client(2, "c");
    c.run_until(1_500 * MS);
}

/// Second half: a partition, a restart, a heal, more commands.
fn second_half(c: &mut Cluster) {
    c.act(Action::Partition(vec![vec![0, 4]]));
    c.client(4, "d");
    c.run_until(2_200 * MS);
    c.act(Action::Restart(1));
    c.act(Action::Heal);
    c.client(1, "e");
    c.run_until(3_500 * MS);
}

fn full_run(seed: u64) -> Cluster {
    let mut c = Cluster::new(noisy_setup(seed));
    first_half(&mut c);
    second_half(&mut c);
    c
}

#[test]
fn same_seed_same_trace_other_seed_other_trace() {
    let one = full_run(42);
    let two = full_run(42);
    assert!(one.sim.trace.len() > 500, "a substantial run");
    assert_eq!(one.sim.trace, two.sim.trace);
    assert_eq!(one.sim.trace_hash(), two.sim.trace_hash());
    for i in 0..5 {
        assert_eq!(one.node(i), two.node(i));
    }
    // The run did something worth comparing: commands committed, and some randomness showed.
    assert!(
        one.commit_indexes().iter().all(|&c| c >= 3),
        "{:?}",
        one.commit_indexes()
    );
    assert!(one.sim.trace.iter().any(|e| matches!(
        e.kind,
        quorumscope::sim::TraceKind::Drop {
            reason: quorumscope::sim::DropReason::Lost,
            ..
        }
    )));

    let other = full_run(43);
    assert_ne!(one.sim.trace_hash(), other.sim.trace_hash());
}

/// A snapshot taken mid-run, written as JSON and read back, continues to exactly the trace the
/// original run produces.
#[test]
fn json_snapshot_continues_identically() {
    let mut original = Cluster::new(noisy_setup(42));
    first_half(&mut original);
    let json = serde_json::to_string(&original.sim.snapshot()).expect("snapshot serialises");
    let snap: Snapshot<RaftNode> = serde_json::from_str(&json).expect("snapshot deserialises");
    let whole = serde_json::to_string(&original.sim).expect("simulator serialises");
    second_half(&mut original);

    // Restored into a fresh simulator: the trace from the snapshot on is identical.
    let mut fresh = Simulator::new(noisy_setup(42));
    fresh.restore(&snap);
    let mut restored = Cluster::from_sim(fresh);
    let start = restored.sim.trace.len();
    assert_eq!(restored.sim.now(), 1_500 * MS);
    second_half(&mut restored);
    assert_eq!(
        restored.sim.trace[start..],
        original.sim.trace[snap.trace_len..]
    );
    for i in 0..5 {
        assert_eq!(restored.node(i), original.node(i));
    }

    // The whole simulator (state and trace) round-trips too, to the same trace hash.
    let sim: Simulator<RaftNode> = serde_json::from_str(&whole).expect("simulator deserialises");
    let mut again = Cluster::from_sim(sim);
    second_half(&mut again);
    assert_eq!(again.sim.trace_hash(), original.sim.trace_hash());
    assert_eq!(again.sim.state.actions, original.sim.state.actions);
}

/// `Simulator::replay` rebuilds the run from the setup and the recorded actions, up to the same
/// event, with the same state; run on, the two stay identical.
#[test]
fn replay_reproduces_the_run() {
    let mut original = full_run(42);
    let actions = original.sim.state.actions.clone();
    assert_eq!(actions.len(), 9);
    let events = original.sim.state.events;
    let replayed = Simulator::replay(noisy_setup(42), &actions, Some(events)).expect("replays");
    assert_eq!(replayed.state.events, events);
    assert_eq!(replayed.trace, original.sim.trace);
    assert_eq!(replayed.state.actions, actions);
    assert_eq!(replayed.state.in_flight, original.sim.state.in_flight);
    assert_eq!(replayed.state.requests, original.sim.state.requests);
    for i in 0..5 {
        assert_eq!(replayed.node(i), original.node(i));
        assert_eq!(replayed.status(i), original.status(i));
        assert_eq!(
            replayed.state.nodes[i].timers,
            original.sim.state.nodes[i].timers
        );
    }

    // Replaying only up to an earlier event gives a prefix of the same trace.
    let mid = Simulator::replay(noisy_setup(42), &actions, Some(events / 2)).expect("replays");
    assert_eq!(mid.state.events, events / 2);
    assert_eq!(mid.trace[..], original.sim.trace[..mid.trace.len()]);

    let mut replayed = Cluster::from_sim(replayed);
    original.run_until(5_000 * MS);
    replayed.run_until(5_000 * MS);
    assert_eq!(replayed.sim.trace_hash(), original.sim.trace_hash());
}
