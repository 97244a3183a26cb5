//! Durable versus volatile state (Figure 2): a crash keeps current_term, voted_for and the log,
//! and loses everything else. Every event is checked against every Raft invariant.

mod raft_common;

use quorumscope::core::raft::{RaftMsg, RaftNote, Role, VoteDenial};
use quorumscope::core::{ClientOutcome, MS};
use quorumscope::sim::{Action, DropReason, Status, TraceKind};
use raft_common::*;

/// n1 leads term 1 of three nodes and commits two commands. Crashing the leader n1 and the
/// follower n3 keeps exactly their durable state; their roles, commit indexes, leader
/// knowledge, next_index/match_index and timers are gone. Messages to a crashed node are lost.
/// On restart they are followers with commit_index 0 until a leader tells them more.
#[test]
fn crash_keeps_durable_loses_volatile() {
    let mut c = Cluster::new(RaftSetup::new(3, 4));
    assert_eq!(c.elect(0), 1);
    let a = c.client(0, "a");
    let b = c.client(0, "b");
    c.run_for(200 * MS);
    assert_eq!(c.outcome(a), Some(ClientOutcome::Committed { index: 1 }));
    assert_eq!(c.outcome(b), Some(ClientOutcome::Committed { index: 2 }));
    c.assert_leads(0, 1, &[1, 2]);
    assert_eq!(c.commit_indexes(), vec![2; 3]);
    let leader_before = c.node(0).clone();
    let follower_before = c.node(2).clone();
    // (The leader's own slot of next_index is never used.)
    assert_eq!(leader_before.next_index[1..], [3, 3]);
    assert_eq!(leader_before.match_index, vec![2; 3]);

    c.act(Action::Crash(2));
    c.act(Action::Crash(0));
    for (i, before) in [(0, &leader_before), (2, &follower_before)] {
        let after = c.node(i);
        assert_eq!(c.status(i), Status::Crashed);
        // Durable: exactly what was on disk.
        assert_eq!(after.durable, before.durable);
        assert_eq!(after.current_term(), 1);
        assert_eq!(after.voted_for(), Some(0));
        assert_eq!(after.durable.terms(), vec![1, 1]);
        // Volatile: back to the boot values.
        assert_eq!(after.role, Role::Follower);
        assert_eq!(after.commit_index, 0);
        assert_eq!(after.leader_id, None);
        assert_eq!(after.next_index, vec![1; 3]);
        assert_eq!(after.match_index, vec![0; 3]);
        assert!(after.pending.is_empty() && after.votes.is_empty());
        assert!(
            c.sim.state.nodes[i].timers.is_empty(),
            "a crashed node runs no timers"
        );
    }
    assert_eq!(c.leaders(), vec![]);

    // n2, the survivor, cannot win alone: its votes to the crashed nodes are lost.
    let crashed_at = c.sim.trace.len();
    c.act(Action::Timeout(1));
    c.run_for(100 * MS);
    let after = &c.sim.trace[crashed_at..];
    let requests: Vec<(u64, usize)> = after
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Send {
                id,
                from: 1,
                to,
                msg,
                ..
            } if matches!(**msg, RaftMsg::RequestVote { .. }) => Some((*id, *to)),
            _ => None,
        })
        .collect();
    assert_eq!(requests.iter().map(|r| r.1).collect::<Vec<_>>(), vec![0, 2]);
    for (id, to) in requests {
        let dropped = TraceKind::Drop {
            id,
            from: 1,
            to,
            reason: DropReason::Crashed,
        };
        assert!(
            after.iter().any(|e| e.kind == dropped),
            "RequestVote #{id} is lost"
        );
    }
    assert_eq!(
        (c.node(1).role, c.node(1).current_term()),
        (Role::Candidate, 2)
    );

    // Restart both: they boot from disk, as followers knowing nothing committed.
    c.act(Action::Restart(0));
    c.act(Action::Restart(2));
    for i in [0, 2] {
        let n = c.node(i);
        assert_eq!(
            (n.role, n.current_term(), n.voted_for(), n.commit_index),
            (Role::Follower, 1, Some(0), 0)
        );
        assert_eq!(n.durable.terms(), vec![1, 1]);
    }
    // n2 tries again (term 3) and wins; the restarted nodes learn the commit index from it.
    assert_eq!(c.elect(1), 3);
    let cmd = c.client(1, "c");
    c.run_for(300 * MS);
    assert_eq!(c.outcome(cmd), Some(ClientOutcome::Committed { index: 3 }));
    c.assert_leads(1, 3, &[0, 2]);
    assert_eq!(c.all_terms(), vec![vec![1, 1, 3]; 3]);
    assert_eq!(c.commit_indexes(), vec![3; 3]);
}

/// Why voted_for must be durable. n2 and n3 both campaign in term 1 (the link n2 → n3 is cut,
/// so n3 does not hear n2 win). n1 votes for n2, making it leader; n3's request to n1 is held
/// in the network. n1 crashes and restarts, then gets n3's request: its vote for n2 in term 1
/// is still on disk, so it refuses. (A node that forgot its vote would grant it, and n3, still
/// a candidate of term 1, would become a second leader of term 1.) Elections are scripted: no
/// election timer fires on its own during the story.
#[test]
fn vote_survives_a_crash() {
    let mut setup = RaftSetup::new(3, 6);
    setup.config = scripted_config();
    let mut c = Cluster::new(setup);
    c.act(Action::Cut { from: 1, to: 2 });
    c.act(Action::Timeout(1));
    c.act(Action::Timeout(2));
    let held = c
        .sim
        .state
        .in_flight
        .values()
        .find(|m| m.from == 2 && m.to == 0 && matches!(*m.msg, RaftMsg::RequestVote { .. }))
        .map(|m| m.id)
        .expect("n3's RequestVote to n1 is in flight");
    c.act(Action::HoldMessage(held));
    c.run_for(100 * MS);
    c.assert_leads(1, 1, &[0]);
    assert_eq!(c.node(0).voted_for(), Some(1));
    assert_eq!(
        (c.node(2).role, c.node(2).current_term()),
        (Role::Candidate, 1)
    );

    c.act(Action::Crash(0));
    c.act(Action::Restart(0));
    assert_eq!(
        (c.node(0).current_term(), c.node(0).voted_for()),
        (1, Some(1))
    );
    c.act(Action::DeliverMessage(held));
    c.run_for(MS);
    assert!(c.notes_of(0).contains(&&RaftNote::VoteDenied {
        candidate: 2,
        term: 1,
        pre_vote: false,
        why: VoteDenial::AlreadyVoted { voted_for: 1 }
    }));
    assert_eq!(
        (c.node(2).role, c.node(2).current_term()),
        (Role::Candidate, 1)
    );
    assert_eq!(c.node(2).votes.iter().copied().collect::<Vec<_>>(), vec![2]);

    // Once n3 hears n2, the leader of its term, it gives up (§5.2).
    c.act(Action::Restore { from: 1, to: 2 });
    c.run_for(300 * MS);
    c.assert_leads(1, 1, &[0, 2]);
    assert_eq!(c.leaders(), vec![(1, 1)]);
    assert!(c
        .notes_of(2)
        .contains(&&RaftNote::AcceptedLeader { leader: 1, term: 1 }));
}
