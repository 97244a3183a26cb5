//! How a leader sends to a follower whose log is not yet known to match (probing) and to one
//! that is (replicating): etcd-raft's StateProbe and StateReplicate (tracker/progress.go), on
//! Figure 2's "decrement nextIndex and retry" (§5.3). Every event is checked against every
//! Raft invariant (see raft_common).

mod raft_common;

use quorumscope::core::raft::{BacktrackBy, Progress, RaftMsg, RaftNote};
use quorumscope::core::MS;
use quorumscope::sim::{Action, TraceKind};
use raft_common::*;

const N1: usize = 0;
const N2: usize = 1;

/// The prevLogIndex of every AppendEntries n1 sent to `to`, with its time.
fn appends_to(c: &Cluster, to: usize) -> Vec<(u64, u64)> {
    c.sim
        .trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Send {
                from: N1,
                to: t,
                msg,
                ..
            } if *t == to => match &**msg {
                RaftMsg::AppendEntries { prev_log_index, .. } => Some((e.time, *prev_log_index)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// A round trip (120 ms) longer than the heartbeat interval (100 ms): n1 has two entries, n2
/// none. The first probe (prevLogIndex 2) is still unanswered at the next heartbeat, so it is
/// sent again; the first refusal moves nextIndex to 2 and sends the probe at 1; the refusal of
/// the copy then answers nothing outstanding and changes nothing, sending nothing. A heartbeat
/// while a probe is less than an interval old sends nothing either: the probe is the heartbeat.
#[test]
fn one_probe_outstanding_resent_only_when_a_heartbeat_interval_old() {
    let mut setup = fixed_latency_setup(3, 5, 60 * MS);
    setup.config = scripted_config();
    setup.durable = vec![
        durable(1, None, &[1, 1]),
        durable(0, None, &[]),
        durable(0, None, &[]),
    ];
    let mut c = Cluster::new(setup);
    assert_eq!(c.elect(N1), 2);
    let t0 = c.now();
    assert_eq!(t0, 120 * MS);
    c.run_for(500 * MS);
    let sent: Vec<(u64, u64)> = appends_to(&c, N2)
        .into_iter()
        .take_while(|&(t, _)| t <= t0 + 300 * MS)
        .collect();
    assert_eq!(
        sent,
        vec![
            (t0, 2),            // the first probe, with the election
            (t0 + 100 * MS, 2), // unanswered for a heartbeat interval: sent again
            (t0 + 120 * MS, 1), // on the first refusal: one entry back
            (t0 + 240 * MS, 0), // on the refusal at 1; the heartbeats at +200 and +300 send nothing
        ],
        "{}",
        c.tail(60)
    );
    // Three refusals (2, 2 again, 1), two moves: the copy's refusal changed nothing.
    assert_eq!(
        c.count_sent(|from, _, m| from == N2
            && matches!(m, RaftMsg::AppendEntriesReply { success: false, .. })),
        3
    );
    assert_eq!(c.next_index_moves(N1, N2), vec![(3, 2), (2, 1)]);
    // The probe at 0 matched: n2 is replicated to from then on, and has n1's log.
    assert_eq!(c.node(N1).progress[N2], Progress::Replicate);
    assert_eq!(c.node(N2).log(), c.node(N1).log());
}

/// While n2 is still probed, a client's new entry goes at once only to the follower known to
/// match (n3, replicating); n2 gets it with its next probe, not as a second AppendEntries.
#[test]
fn a_new_entry_does_not_overtake_a_probe() {
    let mut setup = fixed_latency_setup(3, 5, 10 * MS);
    setup.config = scripted_config();
    setup.durable = vec![
        durable(1, None, &[1, 1]),
        durable(1, None, &[1]),
        durable(1, None, &[1, 1]),
    ];
    let mut c = Cluster::new(setup);
    assert_eq!(c.elect(N1), 2);
    // 25 ms later n3 has accepted the first probe; n2's refusal is on its way back.
    c.run_for(25 * MS);
    assert_eq!(c.node(N1).progress[2], Progress::Replicate);
    assert!(c.node(N1).progress[N2].is_probe());
    let before = appends_to(&c, N2).len();
    let to_n3 = appends_to(&c, 2).len();
    c.client(N1, "x");
    assert_eq!(
        appends_to(&c, N2).len(),
        before,
        "nothing new to the probed n2"
    );
    assert_eq!(appends_to(&c, 2).len(), to_n3 + 1, "x goes to n3 at once");
    c.run_for(100 * MS);
    // n2's next probe (at 1) carried index 2 and x together.
    assert_eq!(c.next_index_moves(N1, N2), vec![(3, 2)]);
    assert_eq!(c.node(N2).log(), c.node(N1).log());
    assert_eq!(c.node(N1).commit_index, 3);
}

/// Replicating, AppendEntries are pipelined; when one is lost, the next heartbeat (whose
/// prevLogIndex is past what n2 has) is refused, and n1 goes back to probing from just past
/// matchIndex, the last index known to match (etcd-raft's MaybeDecrTo in StateReplicate).
#[test]
fn a_lost_append_sends_a_replicated_follower_back_to_probing_from_match_index() {
    let mut setup = fixed_latency_setup(3, 5, 10 * MS);
    setup.config = scripted_config();
    let mut c = Cluster::new(setup);
    assert_eq!(c.elect(N1), 1);
    c.run_for(50 * MS);
    assert_eq!(c.node(N1).progress[N2], Progress::Replicate);
    c.client(N1, "x");
    let lost = *c
        .sim
        .state
        .in_flight
        .values()
        .find(|m| m.from == N1 && m.to == N2)
        .map(|m| &m.id)
        .expect("x is on its way to n2");
    c.act(Action::DropMessage(lost));
    assert_eq!(
        c.node(N1).next_index[N2],
        2,
        "pipelined: next_index moved on send"
    );
    c.run_for(300 * MS);
    let back: Vec<&RaftNote> = c
        .notes_of(N1)
        .into_iter()
        .filter(|n| matches!(n, RaftNote::Backtrack { .. }))
        .collect();
    assert_eq!(
        back,
        vec![&RaftNote::Backtrack {
            follower: N2,
            rejected: 1,
            from: 2,
            to: 1,
            by: BacktrackBy::Matched { match_index: 0 },
        }]
    );
    assert_eq!(c.node(N2).log(), c.node(N1).log());
    assert_eq!(c.node(N1).progress[N2], Progress::Replicate);
}
