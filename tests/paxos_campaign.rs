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
