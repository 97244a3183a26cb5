//! PreVote (thesis §9.6): a node cut off alone keeps timing out. Without PreVote each timeout
//! raises its term, and when it rejoins its inflated term forces the healthy leader to step
//! down. With PreVote it only asks "could I win?", its term stays put, and rejoining disrupts
//! nobody. Every event is checked against every Raft invariant.

mod raft_common;

use quorumscope::core::raft::{RaftConfig, RaftNote, Role, VoteDenial};
use quorumscope::core::{ClientOutcome, MS};
use quorumscope::sim::Action;
use raft_common::*;

const ALONE: usize = 4;
const CUT_OFF_FOR: u64 = 5_000 * MS;

/// n1 leads term 1 of five nodes and commits "a"; then n5 is partitioned alone for 5s.
/// Returns the cluster just before the heal, and the trace position of the partition.
fn isolate_n5(pre_vote: bool) -> (Cluster, usize) {
    let mut setup = RaftSetup::new(5, 13);
    setup.config = RaftConfig {
        pre_vote,
        ..RaftConfig::default()
    };
    let mut c = Cluster::new(setup);
    assert_eq!(c.elect(0), 1);
    let a = c.client(0, "a");
    c.run_for(200 * MS);
    assert_eq!(c.outcome(a), Some(ClientOutcome::Committed { index: 1 }));
    c.assert_leads(0, 1, &[1, 2, 3, 4]);
    if pre_vote {
        // n1 first won a pre-vote for term 1, then the election itself.
        let won = c.notes_of(0).into_iter().find_map(|n| match n {
            RaftNote::PreVoteWon { term: 1, votes } => Some(votes.clone()),
            _ => None,
        });
        assert!(won.is_some_and(|v| v.len() == 3 && v.contains(&0)));
    }

    let cut_at = c.sim.trace.len();
    c.act(Action::Partition(vec![vec![ALONE]]));
    c.run_for(CUT_OFF_FOR);
    // The majority is undisturbed.
    c.assert_leads(0, 1, &[1, 2, 3]);
    (c, cut_at)
}

/// How many times n5 timed out while cut off: at least once every 300ms (the longest
/// election timeout), at most once every 150ms (the shortest).
fn timeouts_alone(c: &Cluster, cut_at: usize) -> usize {
    let n = c
        .notes_from(cut_at)
        .into_iter()
        .filter(|(_, i, n)| {
            *i == ALONE
                && matches!(
                    n,
                    RaftNote::StartElection { .. } | RaftNote::StartPreVote { .. }
                )
        })
        .count();
    assert!(
        (CUT_OFF_FOR / (300 * MS)..=CUT_OFF_FOR / (150 * MS) + 1).contains(&(n as u64)),
        "{n} timeouts in 5s"
    );
    n
}

#[test]
fn without_pre_vote_the_lone_node_inflates_its_term_and_disrupts() {
    let (mut c, cut_at) = isolate_n5(false);
    let k = timeouts_alone(&c, cut_at) as u64;
    // Each timeout was a real election: term 1 + k, the last k terms each with its own vote.
    let inflated = 1 + k;
    assert_eq!(c.node(ALONE).current_term(), inflated);
    assert_eq!(c.node(ALONE).role, Role::Candidate);
    assert_eq!(c.node(ALONE).voted_for(), Some(ALONE));
    let terms: Vec<u64> = c
        .notes_of(ALONE)
        .into_iter()
        .filter_map(|n| match n {
            RaftNote::StartElection { term, .. } => Some(*term),
            _ => None,
        })
        .collect();
    assert_eq!(terms, (2..=inflated).collect::<Vec<_>>());

    let healed_at = c.sim.trace.len();
    c.act(Action::Heal);
    c.run_for(1_000 * MS);
    // n1 hears the inflated term and is forced out of leadership.
    assert!(c.notes_from(healed_at).iter().any(|(_, i, n)| *i == 0
        && matches!(n, RaftNote::HigherTerm { old_term: 1, was: Role::Leader, term, .. } if *term >= inflated)));
    let leaders = c.leaders();
    assert_eq!(leaders.len(), 1, "one leader again: {leaders:?}");
    let (leader, term) = leaders[0];
    assert!(
        term > inflated,
        "the new leader's term {term} is past n5's {inflated}"
    );
    let followers: Vec<usize> = (0..5).filter(|&i| i != leader).collect();
    c.assert_leads(leader, term, &followers);
    assert_eq!(c.all_terms(), vec![vec![1]; 5]);
    assert_eq!(c.commit_indexes(), vec![1; 5]);
}

#[test]
fn with_pre_vote_the_lone_node_keeps_its_term_and_rejoins_quietly() {
    let (mut c, cut_at) = isolate_n5(true);
    let k = timeouts_alone(&c, cut_at);
    // Every timeout was only a pre-vote for term 2; nothing was raised or voted.
    let pre_votes = c
        .notes_from(cut_at)
        .into_iter()
        .filter(|(_, i, n)| *i == ALONE && **n == RaftNote::StartPreVote { term: 2 })
        .count();
    assert_eq!(pre_votes, k);
    let alone = c.node(ALONE);
    assert_eq!(
        (alone.role, alone.current_term(), alone.voted_for()),
        (Role::PreCandidate, 1, Some(0))
    );

    // Rejoining, n5 times out at once and asks again: everybody has heard from n1 within an
    // election timeout (n1 is that leader), so the pre-vote is refused and no term changes.
    let healed_at = c.sim.trace.len();
    c.act(Action::Heal);
    c.act(Action::Timeout(ALONE));
    c.run_for(300 * MS);
    for voter in 0..4 {
        assert!(
            c.notes_from(healed_at).iter().any(|(_, i, n)| *i == voter
                && **n
                    == RaftNote::VoteDenied {
                        candidate: ALONE,
                        term: 2,
                        pre_vote: true,
                        why: VoteDenial::LeaderAlive { leader: 0 }
                    }),
            "{} refuses the pre-vote",
            c.name(voter)
        );
    }
    assert!(c.notes_from(healed_at).iter().all(|(_, _, n)| !matches!(
        n,
        RaftNote::HigherTerm { .. } | RaftNote::StartElection { .. }
    )));
    assert!(c
        .notes_of(ALONE)
        .contains(&&RaftNote::AcceptedLeader { leader: 0, term: 1 }));
    c.assert_leads(0, 1, &[1, 2, 3, 4]);
    assert_eq!(c.current_terms(), vec![1; 5]);

    let b = c.client(0, "b");
    c.run_for(200 * MS);
    assert_eq!(c.outcome(b), Some(ClientOutcome::Committed { index: 2 }));
    assert_eq!(c.all_terms(), vec![vec![1, 1]; 5]);
    assert_eq!(c.commit_indexes(), vec![2; 5]);
}
