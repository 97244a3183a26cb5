//! The Raft checker's client-visible invariants, each caught on a deliberately broken core
//! (`RaftConfig::test_bug`) or an unsafe switch, and quiet on the correct core:
//! - "Acknowledged writes are kept": a command acknowledged as committed at an index is
//!   committed there on the node that said so, and at that index in every later leader's log;
//! - "commitIndex never decreases" while a node is up;
//! - a resumed node's backlog is checked message by message, not once after the batch.

mod raft_common;

use quorumscope::check::raft::{ACKED_WRITES, COMMIT_MONOTONIC, STATE_MACHINE_SAFETY};
use quorumscope::core::raft::{RaftBug, RaftMsg, Role};
use quorumscope::core::{ClientOutcome, MS};
use quorumscope::sim::Action;
use raft_common::{fixed_latency_setup, scripted_config, Cluster};

fn cluster(n: usize, bug: Option<RaftBug>) -> Cluster {
    let mut setup = fixed_latency_setup(n, 7, 10 * MS);
    setup.config = scripted_config();
    setup.config.test_bug = bug;
    Cluster::new(setup)
}

/// A leader that answers its client before the command is committed (§8 answers only after
/// the commit): caught when the answer is given.
fn ack_on_append(bug: Option<RaftBug>) -> Result<u64, quorumscope::check::Violation> {
    let mut c = cluster(3, bug);
    c.elect(0);
    c.run_for(200 * MS);
    c.try_act(Action::Client {
        node: 0,
        value: "v1".into(),
    })?;
    c.try_run_for(500 * MS)?;
    let request = *c.sim.state.requests.keys().next_back().expect("recorded");
    Ok(request)
}

#[test]
fn an_acknowledgement_before_the_commit_is_caught() {
    let v = ack_on_append(Some(RaftBug::AckOnAppend)).expect_err("the early answer is caught");
    assert_eq!(v.invariant, ACKED_WRITES);
    assert!(
        v.detail.contains("commitIndex is 0"),
        "names what was wrong: {}",
        v.detail
    );
}

#[test]
fn an_acknowledgement_after_the_commit_is_fine() {
    let request = ack_on_append(None).expect("no violation when the leader waits");
    assert_eq!(request, 1);
}

/// A follower's commitIndex goes down when it takes a stale heartbeat's leaderCommit
/// (Figure 2 takes it only "if leaderCommit > commitIndex"): a heartbeat sent before the
/// commit is held, then delivered after it.
fn stale_heartbeat(bug: Option<RaftBug>) -> Result<Vec<u64>, quorumscope::check::Violation> {
    let mut c = cluster(3, bug);
    c.elect(0);
    // Hold the next heartbeat to n2 while it still says commit=0.
    let held = c.run_until_cond(c.now() + 500 * MS, |s| {
        s.state.in_flight.values().any(|m| {
            m.from == 0
                && m.to == 1
                && matches!(
                    *m.msg,
                    RaftMsg::AppendEntries {
                        leader_commit: 0,
                        ..
                    }
                )
        })
    });
    assert!(held, "a heartbeat to n2 is in flight");
    let id = c
        .sim
        .state
        .in_flight
        .values()
        .find(|m| m.from == 0 && m.to == 1)
        .map(|m| m.id)
        .expect("in flight");
    c.try_act(Action::HoldMessage(id))?;
    let request = c.client(0, "v1");
    c.try_run_for(500 * MS)?;
    assert!(matches!(
        c.outcome(request),
        Some(ClientOutcome::Committed { index: 1 })
    ));
    assert_eq!(c.node(1).commit_index, 1, "n2 learned the commit");
    c.try_act(Action::DeliverMessage(id))?;
    c.try_run_for(100 * MS)?;
    Ok(c.commit_indexes())
}

#[test]
fn a_commit_index_going_down_is_caught() {
    let v = stale_heartbeat(Some(RaftBug::CommitFollowsLeader)).expect_err("caught");
    assert_eq!(v.invariant, COMMIT_MONOTONIC);
    assert!(v.detail.contains("n2's commitIndex went down from 1 to 0"));
}

#[test]
fn a_stale_heartbeat_leaves_the_commit_index_alone() {
    assert_eq!(stale_heartbeat(None).expect("no violation"), vec![1, 1, 1]);
}

/// Seed 262's story, scripted (5 nodes, votes granted without the up-to-date check): leader
/// n1 sends "v" to n2 and n3 and is paused; their acknowledgements wait in its inbox. n4 wins
/// term 2 without "v" and commits "w" at index 1. On resume n1 first reads the two
/// acknowledgements, commits "v" at index 1 and answers its client, and only then reads n4's
/// messages and steps down, dropping "v". Checked once after the whole backlog, n1 looks
/// like a follower of n4; checked after each message, the moment it committed "v" is seen.
#[test]
fn a_resumed_backlog_is_checked_message_by_message() {
    let mut setup = fixed_latency_setup(5, 7, 10 * MS);
    setup.config = scripted_config();
    setup.config.unsafe_vote_without_log_check = true;
    let mut c = Cluster::new(setup);
    c.elect(0);
    c.run_for(200 * MS);
    c.act(Action::Cut { from: 0, to: 3 });
    c.act(Action::Cut { from: 0, to: 4 });
    let v = c.client(0, "v");
    c.act(Action::Pause(0));
    c.run_for(100 * MS);
    assert_eq!(c.node(1).log().len(), 1, "n2 stores v");
    assert!(c.sim.state.nodes[0].inbox.len() >= 2, "their answers wait");
    c.elect(3);
    let w = c.client(3, "w");
    c.run_for(200 * MS);
    assert!(matches!(
        c.outcome(w),
        Some(ClientOutcome::Committed { index: 1 })
    ));
    let violation = c.try_act(Action::Resume(0)).expect_err("caught");
    assert_eq!(violation.invariant, STATE_MACHINE_SAFETY, "{violation:?}");
    assert!(
        violation.trace_len < c.sim.trace.len(),
        "seen inside the backlog, not after it"
    );
    // The lost write was acknowledged to its client, and n1 then stepped down.
    assert!(matches!(
        c.outcome(v),
        Some(ClientOutcome::Committed { index: 1 })
    ));
    assert_eq!(c.node(0).role, Role::Follower);
    assert_eq!(c.node(0).log()[0].label(), "w");
}

/// The same story without the unsafe switch: n4 cannot win, nothing is lost, nothing fires.
#[test]
fn the_same_backlog_on_a_safe_core_is_quiet() {
    let mut setup = fixed_latency_setup(5, 7, 10 * MS);
    setup.config = scripted_config();
    let mut c = Cluster::new(setup);
    c.elect(0);
    c.run_for(200 * MS);
    c.act(Action::Cut { from: 0, to: 3 });
    c.act(Action::Cut { from: 0, to: 4 });
    let v = c.client(0, "v");
    c.act(Action::Pause(0));
    c.run_for(100 * MS);
    c.act(Action::Timeout(3));
    c.run_for(300 * MS);
    c.act(Action::Resume(0));
    c.run_for(300 * MS);
    assert!(matches!(
        c.outcome(v),
        Some(ClientOutcome::Committed { index: 1 })
    ));
}
