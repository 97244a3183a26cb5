//! The randomised fault campaign for Raft (VOPR style): every seed picks its own fault mix,
//! every invariant is checked after every event, then the cluster is healed and must recover.
//!
//! `cargo test --release --test raft_campaign` runs a CI-sized budget. The full budget:
//! `QS_SEEDS=10000 cargo test --release --test raft_campaign -- campaign_safe`, or
//! `cargo run --release --bin quorumscope -- explore --protocol raft --seeds 10000`.

use quorumscope::core::raft::RaftNode;
use quorumscope::explore::{self, Options};

mod campaign_common;

use campaign_common::{assert_clean, seeds};

#[test]
fn campaign_safe_and_live() {
    let mut opts = Options::new("raft");
    opts.seeds = seeds(1_000);
    assert_clean::<RaftNode>(&opts, 500);
}

/// The checker must be able to fail: each unsafe teaching switch is caught within budget.
fn caught(switch: &str, nodes: usize, budget: u64) -> u64 {
    let mut opts = Options::new("raft");
    opts.nodes = Some(nodes);
    opts.seeds = budget;
    opts.unsafe_switches = vec![switch.to_string()];
    opts.stop_at_first = true;
    let summary = explore::campaign::<RaftNode>(&opts, |_| {}).expect("campaign runs");
    let first = summary
        .failures
        .iter()
        .find(|f| f.violation.is_some())
        .unwrap_or_else(|| panic!("'{switch}' was not caught within {budget} seeds"));
    eprintln!(
        "'{switch}' caught at seed {}:\n{}",
        first.seed,
        first.violation.as_ref().unwrap()
    );
    first.seed
}

#[test]
fn unsafe_vote_without_log_check_is_caught() {
    caught(explore::raft::VOTE_WITHOUT_LOG_CHECK, 5, 1_000);
}

/// Figure 8's bug needs a rare interleaving (two leaders dying with unreplicated entries,
/// no no-op), so it gets a 3-node cluster and a larger budget; it is found at seed 897.
#[test]
fn unsafe_commit_old_terms_is_caught() {
    caught(explore::raft::COMMIT_OLD_TERMS, 3, 10_000);
}

/// Seeds vary more than faults: timers, batch sizes and a history on disk are drawn per seed,
/// and every history is one Raft can leave behind (a leader per term with the most up-to-date
/// log of its voters; Log Matching across the logs; no entry of a term a node has not seen).
#[test]
fn seeds_draw_timers_and_legal_histories_on_disk() {
    use std::collections::BTreeSet;
    let opts = Options::new("raft");
    let (mut heartbeats, mut batches) = (BTreeSet::new(), BTreeSet::new());
    let (mut disks, mut holds, mut timeouts) = (0, 0, 0);
    for seed in 1..=300 {
        let (setup, mix, _) = explore::plan::<RaftNode>(&opts, seed).expect("plan");
        let c = &setup.config;
        assert!(c.validate().is_ok());
        assert!(c.election_timeout_min >= 2 * c.heartbeat_interval);
        assert!(c.election_timeout_min >= 4 * setup.net.latency_max);
        heartbeats.insert(c.heartbeat_interval);
        batches.insert(c.max_entries_per_append);
        holds += usize::from(mix.hold > 0.0);
        timeouts += usize::from(mix.timeout > 0.0);
        let d = &setup.durable;
        if d.iter().any(|d| !d.log().is_empty()) {
            disks += 1;
        }
        for a in d {
            assert!(a.log().iter().all(|e| e.term <= a.current_term));
            assert!(a.log().windows(2).all(|w| w[0].term <= w[1].term));
            for b in d {
                for k in 0..a.log().len().min(b.log().len()) {
                    if a.log()[k].term == b.log()[k].term {
                        assert_eq!(a.log()[..=k], b.log()[..=k], "seed {seed}: Log Matching");
                    }
                }
            }
        }
    }
    assert!(heartbeats.len() >= 5 && batches.len() == 3);
    assert!(
        (50..150).contains(&disks),
        "{disks} of 300 seeds boot from disk"
    );
    assert!((100..200).contains(&holds) && (50..150).contains(&timeouts));
}

/// The review's seed 262 (votes granted without the up-to-date check) lost an acknowledged
/// write and was reported only as a liveness failure. The campaign now draws more per seed, so
/// seed 262 runs another story, but it must still end in a safety violation, not a liveness
/// failure.
#[test]
fn seed_262_with_votes_without_the_log_check_is_a_safety_violation() {
    let mut opts = Options::new("raft");
    opts.unsafe_switches = vec![explore::raft::VOTE_WITHOUT_LOG_CHECK.to_string()];
    let o = explore::run_seed::<RaftNode>(&opts, 262).expect("runs");
    assert!(o.violation.is_some(), "{o:?}");
    assert!(o.liveness.is_none());
}
