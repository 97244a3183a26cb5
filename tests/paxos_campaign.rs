//! The randomised Paxos fault campaign. By default a CI-sized budget; the full budget is
//! `cargo test --release --test paxos_campaign -- --ignored` (10,000 seeds, or `PAXOS_SEEDS`).
//! A failure prints its seed and the command that replays it with a full trace.

mod paxos_support;

use paxos_support::campaign::{self, Knobs, Outcome};
use std::time::Instant;

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn campaign_of(first: u64, seeds: u64) -> Vec<Outcome> {
    let start = Instant::now();
    let knobs = Knobs::default();
    let mut failures = Vec::new();
    let mut outcomes = Vec::new();
    for seed in first..first + seeds {
        match campaign::run(seed, &knobs) {
            Ok(o) => outcomes.push(o),
            Err((_, report)) => {
                eprintln!("{report}");
                failures.push(seed);
            }
        }
    }
    let events: u64 = outcomes.iter().map(|o| o.events).sum();
    let slowest = outcomes.iter().map(|o| o.recovered_in).max().unwrap_or(0);
    eprintln!(
        "paxos campaign: {seeds} seeds from {first}, {} failed, {events} events, slowest recovery {}, {:.1}s",
        failures.len(),
        quorumscope::core::fmt_time(slowest),
        start.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "failing seeds: {failures:?}");
    outcomes
}

#[test]
fn campaign_ci_budget() {
    let seeds = env_u64("PAXOS_SEEDS").unwrap_or(if cfg!(debug_assertions) { 150 } else { 1_000 });
    let outcomes = campaign_of(env_u64("PAXOS_FIRST_SEED").unwrap_or(1), seeds);
    // The campaign is not vacuous: both modes ran, and values were chosen under faults.
    let multi = outcomes.iter().filter(|o| o.multi).count();
    assert!(multi > 0 && multi < outcomes.len());
    assert!(outcomes.iter().filter(|o| o.chosen > 1).count() > outcomes.len() / 4);
}

#[test]
#[ignore = "full budget: run with --release"]
fn campaign_full_budget() {
    campaign_of(
        env_u64("PAXOS_FIRST_SEED").unwrap_or(1),
        env_u64("PAXOS_SEEDS").unwrap_or(10_000),
    );
}

/// `PAXOS_SEED=<seed> cargo test --release --test paxos_campaign reproduce -- --ignored --nocapture`
#[test]
#[ignore = "replays PAXOS_SEED with a full trace"]
fn reproduce() {
    let seed = env_u64("PAXOS_SEED").expect("set PAXOS_SEED");
    campaign::replay_verbose(seed);
}

/// Seeds vary more than faults: roles, timers and a history on disk are drawn per seed, and
/// every history is one Paxos can leave behind (at most one value chosen per slot, learners
/// know only chosen values, proposers remember the ballots they used).
#[test]
fn seeds_draw_roles_timers_and_legal_histories_on_disk() {
    use quorumscope::core::paxos::PaxosNode;
    use quorumscope::explore::{self, Options};
    let opts = Options::new("paxos");
    let (mut roles, mut disks) = (0, 0);
    for seed in 1..=300 {
        let (setup, _, _) = explore::plan::<PaxosNode>(&opts, seed).expect("plan");
        let c = &setup.config;
        let n = setup.names.len();
        assert!(c.validate(n).is_ok());
        assert!(c.retry_min >= 4 * setup.net.latency_max);
        roles += usize::from(!c.roles.is_empty());
        let d = &setup.durable;
        disks += usize::from(d.iter().any(|d| !d.accepted.is_empty()));
        for (i, a) in d.iter().enumerate() {
            for (&slot, v) in &a.chosen {
                let votes = d
                    .iter()
                    .enumerate()
                    .filter(|(j, b)| {
                        c.roles_of(*j).acceptor && b.accepted.get(&slot).map(|(_, x)| x) == Some(v)
                    })
                    .count();
                assert!(c.roles_of(i).learner);
                assert!(
                    votes >= c.quorum(n),
                    "seed {seed}: a learner knows an unchosen value"
                );
            }
            for (b, _) in a.accepted.values() {
                assert!(*b <= a.promised);
                assert!(d[b.proposer].ballot >= *b, "the proposer remembers {b:?}");
            }
        }
    }
    assert!(
        (40..150).contains(&roles),
        "{roles} of 300 seeds draw roles"
    );
    assert!(
        (30..150).contains(&disks),
        "{disks} of 300 seeds boot from disk"
    );
}
