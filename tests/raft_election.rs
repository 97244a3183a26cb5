//! Scripted elections: the first election of a fresh cluster, re-election after the leader
//! crashes (and the crashed node catching up), and a split vote with four nodes.
//! Every event is checked against every Raft invariant (see raft_common).

mod raft_common;

use quorumscope::core::raft::{RaftNote, Role, VoteDenial};
use quorumscope::core::{ClientOutcome, MS};
use quorumscope::sim::{Action, Status};
use raft_common::*;

/// A fresh 5-node cluster: the node whose randomised election timer fires first (§5.2) becomes
/// candidate for term 1, everybody votes for it, and it leads term 1. A client command then
/// commits at index 1 on all five nodes.
#[test]
fn first_election_five_nodes() {
    let mut c = Cluster::new(RaftSetup::new(5, 2));
    let timers = election_timers(&c.sim);
    assert_eq!(
        timers.len(),
        5,
        "every node starts as a follower with an election timer"
    );
    let (first_at, first) = timers[0];
    // With this seed the first timer fires well before the second: no split vote is possible
    // (a round trip takes at most 40ms).
    assert!(
        timers[1].0 - first_at > 40 * MS,
        "seed 2 gives a clear first timeout: {timers:?}"
    );
    assert!((150 * MS..=300 * MS).contains(&first_at));

    // Nothing happens before the first timeout.
    c.run_until(first_at - 1);
    assert!(c.notes_from(0).is_empty());
    assert_eq!(c.current_terms(), vec![0; 5]);

    c.run_until(first_at + 200 * MS);
    let followers: Vec<usize> = (0..5).filter(|&i| i != first).collect();
    c.assert_leads(first, 1, &followers);
    for i in 0..5 {
        assert_eq!(
            c.node(i).voted_for(),
            Some(first),
            "{} voted for the first candidate",
            c.name(i)
        );
    }
    // Exactly one election, won with the first majority of votes (itself and two more).
    let elections = c.count_notes(|_, n| matches!(n, RaftNote::StartElection { .. }));
    assert_eq!(elections, 1);
    let won: Vec<_> = c
        .notes_of(first)
        .into_iter()
        .filter_map(|n| match n {
            RaftNote::BecameLeader { term, votes } => Some((*term, votes.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(won.len(), 1);
    assert_eq!(won[0].0, 1);
    assert_eq!(won[0].1.len(), 3);
    assert!(won[0].1.contains(&first));
    // All four others granted their vote (the last two after it had already won).
    let granted = c.count_notes(|_, n| {
        matches!(
            n,
            RaftNote::VoteGranted {
                term: 1,
                pre_vote: false,
                unsafe_skip: false,
                ..
            }
        )
    });
    assert_eq!(granted, 4);
    assert_eq!(c.all_terms(), vec![Vec::<u64>::new(); 5]);
    assert_eq!(c.commit_indexes(), vec![0; 5]);

    // The new leader takes a command and commits it at index 1 everywhere.
    let req = c.client(first, "x");
    c.run_for(300 * MS);
    assert_eq!(c.outcome(req), Some(ClientOutcome::Committed { index: 1 }));
    assert_eq!(c.all_terms(), vec![vec![1]; 5]);
    assert_eq!(c.commit_indexes(), vec![1; 5]);
    c.assert_leads(first, 1, &followers);
}

/// n1 leads term 1 and commits two entries, then crashes. n2 times out first and wins term 2
/// with the votes of n3, n4, n5; it commits a third entry without n1. n1 restarts: its term,
/// vote and log survived the crash, its commit_index did not (it is 0 again). n2's heartbeat
/// brings it into term 2, gives it entry 3 and tells it the commit index.
#[test]
fn leader_crash_and_reelection() {
    let mut c = Cluster::new(RaftSetup::new(5, 11));
    assert_eq!(c.elect(0), 1);
    let a = c.client(0, "a");
    let b = c.client(0, "b");
    c.run_for(200 * MS);
    assert_eq!(c.outcome(a), Some(ClientOutcome::Committed { index: 1 }));
    assert_eq!(c.outcome(b), Some(ClientOutcome::Committed { index: 2 }));
    assert_eq!(c.all_terms(), vec![vec![1, 1]; 5]);
    assert_eq!(c.commit_indexes(), vec![2; 5]);
    c.assert_leads(0, 1, &[1, 2, 3, 4]);

    c.act(Action::Crash(0));
    assert_eq!(c.status(0), Status::Crashed);
    // Forced right away, n2's timeout comes long before any natural one (≥ 100ms away).
    assert_eq!(c.elect(1), 2);
    let votes = c.notes_of(1).into_iter().find_map(|n| match n {
        RaftNote::BecameLeader { term: 2, votes } => Some(votes.clone()),
        _ => None,
    });
    let votes = votes.expect("n2 won term 2");
    assert_eq!(votes.len(), 3);
    assert!(votes.contains(&1) && !votes.contains(&0));

    let cmd = c.client(1, "c");
    c.run_for(200 * MS);
    assert_eq!(c.outcome(cmd), Some(ClientOutcome::Committed { index: 3 }));
    c.assert_leads(1, 2, &[2, 3, 4]);
    assert_eq!(
        c.all_terms(),
        vec![
            vec![1, 1],
            vec![1, 1, 2],
            vec![1, 1, 2],
            vec![1, 1, 2],
            vec![1, 1, 2]
        ]
    );
    assert_eq!(c.commit_indexes(), vec![0, 3, 3, 3, 3]);

    // n1 reboots: durable state as it was, volatile state gone.
    c.act(Action::Restart(0));
    let n1 = c.node(0);
    assert_eq!(n1.role, Role::Follower);
    assert_eq!(n1.current_term(), 1);
    assert_eq!(n1.voted_for(), Some(0));
    assert_eq!(n1.durable.terms(), vec![1, 1]);
    assert_eq!(n1.commit_index, 0);
    assert_eq!(n1.leader_id, None);

    c.run_for(200 * MS);
    c.assert_leads(1, 2, &[0, 2, 3, 4]);
    assert_eq!(c.all_terms(), vec![vec![1, 1, 2]; 5]);
    assert_eq!(c.commit_indexes(), vec![3; 5]);
    // It adopted term 2 with no vote cast in it.
    assert_eq!(c.node(0).voted_for(), None);
    assert!(c.notes_of(0).iter().any(|n| matches!(
        n,
        RaftNote::HigherTerm {
            from: 1,
            term: 2,
            old_term: 1,
            was: Role::Follower
        }
    )));
    assert_eq!(c.leaders(), vec![(1, 2)]);
}

/// Four nodes; n1 and n2 time out at the same instant and both campaign for term 1. The
/// links n1→n4 and n2→n3 are cut, so n3 hears only n1 and n4 only n2: each candidate gets two
/// votes, short of the three a majority of four needs, and term 1 has no leader. After the
/// links heal, whichever node's randomised timer fires first starts term 2 and wins it.
#[test]
fn split_vote_four_nodes() {
    let mut c = Cluster::new(RaftSetup::new(4, 3));
    c.act(Action::Cut { from: 0, to: 3 });
    c.act(Action::Cut { from: 1, to: 2 });
    c.act(Action::Timeout(0));
    c.act(Action::Timeout(1));
    c.run_for(100 * MS);

    assert_eq!(c.current_terms(), vec![1; 4]);
    assert_eq!(c.leaders(), vec![]);
    assert_eq!(
        (0..4).map(|i| c.node(i).voted_for()).collect::<Vec<_>>(),
        vec![Some(0), Some(1), Some(0), Some(1)]
    );
    assert_eq!(
        (c.node(0).role, c.node(1).role),
        (Role::Candidate, Role::Candidate)
    );
    assert_eq!(
        c.node(0).votes.iter().copied().collect::<Vec<_>>(),
        vec![0, 2]
    );
    assert_eq!(
        c.node(1).votes.iter().copied().collect::<Vec<_>>(),
        vec![1, 3]
    );
    // The candidates refused each other: each had voted for itself.
    assert!(c.notes_of(0).iter().any(|n| matches!(
        n,
        RaftNote::VoteDenied {
            candidate: 1,
            term: 1,
            why: VoteDenial::AlreadyVoted { voted_for: 0 },
            ..
        }
    )));
    assert!(c.notes_of(1).iter().any(|n| matches!(
        n,
        RaftNote::VoteDenied {
            candidate: 0,
            term: 1,
            why: VoteDenial::AlreadyVoted { voted_for: 1 },
            ..
        }
    )));
    assert_eq!(
        c.count_notes(|_, n| matches!(n, RaftNote::BecameLeader { .. })),
        0
    );

    // Heal; randomised timeouts (§5.2) break the tie.
    c.act(Action::Heal);
    let timers = election_timers(&c.sim);
    let (first_at, winner) = timers[0];
    assert!(
        timers[1].0 - first_at > 40 * MS,
        "seed 3 spreads the retries: {timers:?}"
    );
    c.run_until(first_at + 200 * MS);
    let others: Vec<usize> = (0..4).filter(|&i| i != winner).collect();
    c.assert_leads(winner, 2, &others);
    let retry = winner <= 1;
    assert!(c
        .notes_of(winner)
        .iter()
        .any(|n| **n == RaftNote::StartElection { term: 2, retry }));
    assert_eq!(
        c.count_notes(|_, n| matches!(n, RaftNote::BecameLeader { .. })),
        1
    );
    assert_eq!(
        c.count_notes(|_, n| matches!(n, RaftNote::StartElection { .. })),
        3
    );

    let req = c.client(winner, "after the split");
    c.run_for(200 * MS);
    assert_eq!(c.outcome(req), Some(ClientOutcome::Committed { index: 1 }));
    assert_eq!(c.all_terms(), vec![vec![2]; 4]);
    assert_eq!(c.commit_indexes(), vec![1; 4]);
}
