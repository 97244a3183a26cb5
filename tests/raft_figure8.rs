//! The Raft paper's Figure 8, built step by step: why a leader must not commit an entry of an
//! earlier term by counting replicas (§5.4.2). Five servers S1..S5; every election is forced
//! with `Action::Timeout` (natural election timeouts are 10–20s, far beyond the story), and
//! partitions decide who hears whom. Every event is checked against every Raft invariant.

mod raft_common;

use quorumscope::check::raft::LEADER_COMPLETENESS;
use quorumscope::core::raft::{RaftConfig, RaftNote, Role, VoteDenial};
use quorumscope::core::{ClientOutcome, MS};
use quorumscope::sim::{Action, Status};
use raft_common::*;

const S1: usize = 0;
const S2: usize = 1;
const S3: usize = 2;
const S4: usize = 3;
const S5: usize = 4;

fn setup(unsafe_commit_old_terms: bool) -> RaftSetup {
    let mut setup = fixed_latency_setup(5, 8, 5 * MS);
    setup.names = (1..=5).map(|i| format!("S{i}")).collect();
    setup.config = RaftConfig {
        unsafe_commit_old_terms,
        ..scripted_config()
    };
    // Before (a): every server holds the entry of term 1 at index 1.
    setup.durable = vec![durable(1, None, &[1]); 5];
    setup
}

fn votes_won(c: &Cluster, who: usize, term: u64) -> Option<Vec<usize>> {
    c.notes_of(who).into_iter().find_map(|n| match n {
        RaftNote::BecameLeader { term: t, votes } if *t == term => Some(votes.clone()),
        _ => None,
    })
}

fn elections(c: &Cluster) -> usize {
    c.count_notes(|_, n| matches!(n, RaftNote::StartElection { .. }))
}

/// Steps (a) to (c). Returns the cluster in the situation of Figure 8(c): S1 leads term 4 with
/// [1, 2, 4]; its term-2 entry at index 2 is on S1, S2 and S3 (a majority).
fn figure8_abc(unsafe_commit: bool) -> Cluster {
    let mut c = Cluster::new(setup(unsafe_commit));

    // (a) S1 is elected in term 2 by everyone, then is cut off with S2 and partially
    // replicates the entry at index 2: only S2 gets it.
    assert_eq!(c.elect(S1), 2);
    assert_eq!(votes_won(&c, S1, 2), Some(vec![S1, S2, S3]));
    c.run_for(20 * MS);
    c.act(Action::Partition(vec![vec![S1, S2], vec![S3, S4, S5]]));
    let a2 = c.client(S1, "a2");
    c.run_for(20 * MS);
    assert_eq!(
        c.all_terms(),
        vec![vec![1, 2], vec![1, 2], vec![1], vec![1], vec![1]]
    );
    assert_eq!(c.outcome(a2), None);

    // (b) S1 crashes; S5 is elected in term 3 with votes from S3, S4 and itself (S2 is on
    // the other side), and accepts a different entry at index 2 while cut off from everyone.
    c.act(Action::Crash(S1));
    assert_eq!(c.elect(S5), 3);
    assert_eq!(votes_won(&c, S5, 3), Some(vec![S3, S4, S5]));
    c.run_for(15 * MS);
    c.act(Action::Partition(vec![
        vec![S1, S2],
        vec![S3, S4],
        vec![S5],
    ]));
    let b3 = c.client(S5, "b3");
    c.run_for(20 * MS);
    assert_eq!(
        c.all_terms(),
        vec![vec![1, 2], vec![1, 2], vec![1], vec![1], vec![1, 3]]
    );
    assert_eq!(c.current_terms(), vec![2, 2, 3, 3, 3]);
    assert_eq!(c.outcome(b3), None);

    // (c) S5 crashes and S1 restarts, on the side of S2 and S3. It reboots with its durable
    // state (term 2, its vote, [1, 2]). Its first try, term 3, fails: S3 already voted for S5
    // in term 3. It retries in term 4 and wins with S2 and S3.
    c.act(Action::Crash(S5));
    c.act(Action::Partition(vec![
        vec![S1, S2, S3],
        vec![S4],
        vec![S5],
    ]));
    c.act(Action::Restart(S1));
    assert_eq!(
        (
            c.node(S1).current_term(),
            c.node(S1).voted_for(),
            c.terms(S1)
        ),
        (2, Some(S1), vec![1, 2])
    );
    c.act(Action::Timeout(S1));
    c.run_for(20 * MS);
    assert_eq!(
        (c.node(S1).role, c.node(S1).current_term()),
        (Role::Candidate, 3)
    );
    assert_eq!(
        c.node(S1).votes.iter().copied().collect::<Vec<_>>(),
        vec![S1, S2]
    );
    assert!(c.notes_of(S3).contains(&&RaftNote::VoteDenied {
        candidate: S1,
        term: 3,
        pre_vote: false,
        why: VoteDenial::AlreadyVoted { voted_for: S5 }
    }));
    assert_eq!(c.elect(S1), 4);
    assert_eq!(votes_won(&c, S1, 4), Some(vec![S1, S2, S3]));
    // S1 continues replication: S3 gets index 2. The term-2 entry is now on a majority.
    c.run_for(30 * MS);
    assert_eq!(
        c.all_terms(),
        vec![vec![1, 2], vec![1, 2], vec![1, 2], vec![1], vec![1, 3]]
    );
    if unsafe_commit {
        // The Figure 8 bug: counting replicas commits index 2.
        assert!(c
            .notes_of(S1)
            .contains(&&RaftNote::UnsafeOldTermCommit { index: 2, term: 2 }));
        assert_eq!(c.node(S1).commit_index, 2);
    } else {
        // §5.4.2: it is from term 2, not the current term 4, so it is not committed.
        assert!(c.notes_of(S1).contains(&&RaftNote::OldTermNotCommitted {
            index: 2,
            term: 2,
            current_term: 4
        }));
        assert_eq!(c.commit_indexes(), vec![0; 5]);
    }
    // S1 takes a command of term 4 at index 3, which for now only it holds (it is cut off).
    c.act(Action::Partition(vec![
        vec![S1],
        vec![S2, S3],
        vec![S4],
        vec![S5],
    ]));
    let c4 = c.client(S1, "c4");
    c.run_for(10 * MS);
    assert_eq!(c.outcome(c4), None);
    assert_eq!(
        c.all_terms(),
        vec![vec![1, 2, 4], vec![1, 2], vec![1, 2], vec![1], vec![1, 3]]
    );
    assert_eq!(c.current_terms(), vec![4, 4, 4, 3, 3]);
    assert_eq!(elections(&c), 4);
    c
}

/// Step (d) up to S5's election in term 5 (the first of its two tries, term 4, fails: S2 and
/// S3 voted for S1 in term 4). Returns the first violation, if any.
fn figure8_d_election(c: &mut Cluster) -> Result<(), quorumscope::check::Violation> {
    c.try_act(Action::Crash(S1))?;
    c.try_act(Action::Heal)?;
    c.try_act(Action::Restart(S5))?;
    c.try_act(Action::Timeout(S5))?;
    c.try_run_for(20 * MS)?;
    assert_eq!(
        (c.node(S5).role, c.node(S5).current_term()),
        (Role::Candidate, 4)
    );
    assert_eq!(
        c.node(S5).votes.iter().copied().collect::<Vec<_>>(),
        vec![S4, S5]
    );
    c.try_act(Action::Timeout(S5))?;
    c.try_run_for(20 * MS)
}

/// Figure 8 (a)→(b)→(c)→(d): S1 crashes; S5's log [1, 3] ends in a later term than S2's,
/// S3's and S4's, so they vote for it (§5.4.1) and it wins term 5. It overwrites index 2 on
/// every server with its own term-3 entry. That is safe precisely because S1 never
/// committed index 2. When S5 commits an entry of term 5, index 2 (term 3) commits with it, and
/// S1 catches up on restart by deleting its [2, 4].
#[test]
fn figure8_branch_d_old_entry_is_overwritten() {
    let mut c = figure8_abc(false);
    figure8_d_election(&mut c).unwrap_or_else(|v| panic!("{}", v.report(&c.sim, 40)));
    assert_eq!(c.node(S5).role, Role::Leader);
    assert_eq!(c.node(S5).current_term(), 5);
    for voter in [S2, S3, S4] {
        assert!(
            c.notes_of(voter).contains(&&RaftNote::VoteGranted {
                candidate: S5,
                term: 5,
                pre_vote: false,
                unsafe_skip: false
            }),
            "{} votes for S5 in term 5",
            c.name(voter)
        );
    }
    c.run_for(50 * MS);
    c.assert_leads(S5, 5, &[S2, S3, S4]);
    assert_eq!(
        c.all_terms(),
        vec![
            vec![1, 2, 4],
            vec![1, 3],
            vec![1, 3],
            vec![1, 3],
            vec![1, 3]
        ]
    );
    for i in [S2, S3] {
        assert!(c.notes_of(i).contains(&&RaftNote::Truncated {
            from_index: 2,
            count: 1
        }));
    }
    // S5 may not commit its term-3 entry by counting either.
    assert!(c.notes_of(S5).contains(&&RaftNote::OldTermNotCommitted {
        index: 2,
        term: 3,
        current_term: 5
    }));
    assert_eq!(c.commit_indexes(), vec![0; 5]);

    let d5 = c.client(S5, "d5");
    c.run_for(200 * MS);
    assert_eq!(c.outcome(d5), Some(ClientOutcome::Committed { index: 3 }));
    assert_eq!(c.status(S1), Status::Crashed);
    c.act(Action::Restart(S1));
    c.run_for(200 * MS);
    c.assert_leads(S5, 5, &[S1, S2, S3, S4]);
    assert_eq!(c.all_terms(), vec![vec![1, 3, 5]; 5]);
    assert_eq!(c.commit_indexes(), vec![3; 5]);
    assert!(c.notes_of(S1).contains(&&RaftNote::Truncated {
        from_index: 2,
        count: 2
    }));
    assert_eq!(c.node(S1).log()[1].label(), "b3");
    assert_eq!(elections(&c), 6);
}

/// Figure 8 (a)→(b)→(c)→(e): before crashing, S1 replicates its term-4 entry to S2 and S3.
/// Index 3 is of the current term and on a majority, so S1 commits it, and index 2 with it
/// (§5.4.2). Now S5 cannot win: S2 and S3 hold a log ending in term 4, more up to date than
/// S5's (term 3), and refuse their votes. S2 wins term 6 instead and S5's term-3 entry is
/// deleted.
#[test]
fn figure8_branch_e_current_term_entry_commits() {
    let mut c = figure8_abc(false);
    c.act(Action::Partition(vec![
        vec![S1, S2, S3],
        vec![S4],
        vec![S5],
    ]));
    c.run_for(250 * MS);
    assert!(c.notes_of(S1).contains(&&RaftNote::LeaderCommit {
        commit_index: 3,
        replicas: vec![S1, S2, S3]
    }));
    assert_eq!(
        c.all_terms(),
        vec![
            vec![1, 2, 4],
            vec![1, 2, 4],
            vec![1, 2, 4],
            vec![1],
            vec![1, 3]
        ]
    );
    assert_eq!(c.commit_indexes(), vec![3, 3, 3, 0, 0]);

    c.act(Action::Crash(S1));
    c.act(Action::Heal);
    c.act(Action::Restart(S5));
    c.act(Action::Timeout(S5));
    c.run_for(20 * MS);
    c.act(Action::Timeout(S5));
    c.run_for(20 * MS);
    assert_eq!(
        (c.node(S5).role, c.node(S5).current_term()),
        (Role::Candidate, 5)
    );
    assert_eq!(
        c.node(S5).votes.iter().copied().collect::<Vec<_>>(),
        vec![S4, S5]
    );
    assert_eq!(votes_won(&c, S5, 4), None);
    assert_eq!(votes_won(&c, S5, 5), None);
    for term in [4, 5] {
        for voter in [S2, S3] {
            assert!(
                c.notes_of(voter).contains(&&RaftNote::VoteDenied {
                    candidate: S5,
                    term,
                    pre_vote: false,
                    why: VoteDenial::LogBehind {
                        their_index: 2,
                        their_term: 3,
                        my_index: 3,
                        my_term: 4
                    }
                }),
                "{} refuses S5 in term {term}",
                c.name(voter)
            );
        }
    }

    assert_eq!(c.elect(S2), 6);
    assert_eq!(votes_won(&c, S2, 6).map(|v| v.len()), Some(3));
    c.act(Action::Restart(S1));
    c.run_for(300 * MS);
    c.assert_leads(S2, 6, &[S1, S3, S4, S5]);
    assert_eq!(c.all_terms(), vec![vec![1, 2, 4]; 5]);
    assert_eq!(c.commit_indexes(), vec![3; 5]);
    assert!(c.notes_of(S5).contains(&&RaftNote::Truncated {
        from_index: 2,
        count: 1
    }));
    assert_eq!(elections(&c), 7);
}

/// The same (d) branch with the unsafe switch that commits earlier-term entries by counting:
/// in (c) S1 commits index 2 (term 2), and in (d) S5 is elected anyway. The checker catches it
/// the moment S5 leads term 5 without the committed entry: Leader Completeness is broken (and
/// State Machine Safety would break as soon as S5 committed its own index 2).
#[test]
fn figure8_unsafe_commit_is_caught() {
    let mut c = figure8_abc(true);
    let v = figure8_d_election(&mut c).expect_err("the checker must object");
    assert_eq!(v.invariant, LEADER_COMPLETENESS);
    assert_eq!(
        v.detail,
        "S5 leads term 5 without the entry committed at index 2 (it has \"b3\" (term 3))"
    );
    assert_eq!(c.node(S5).role, Role::Leader);
    assert_eq!(c.node(S5).current_term(), 5);
}
