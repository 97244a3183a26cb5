//! What the Raft and Paxos campaign tests share: the seed budget (`QS_SEEDS` overrides it)
//! and the verdict on a campaign that must be clean.

use quorumscope::explore::{self, Explorable, Options};

/// The number of seeds: `QS_SEEDS` if set, else `default`.
pub fn seeds(default: u64) -> u64 {
    std::env::var("QS_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Runs the campaign of `opts` and asserts that every seed ran, did real work (more than
/// `min_events` events a seed on average) and neither broke an invariant nor failed to
/// recover; each failure is printed with its reproduce command first.
pub fn assert_clean<P: Explorable>(opts: &Options, min_events: u64) {
    let summary = explore::campaign::<P>(opts, |_| {}).expect("campaign runs");
    for f in &summary.failures {
        eprintln!(
            "seed {} failed: {}\n{}\nreproduce: {}",
            f.seed,
            f.liveness.clone().unwrap_or_default(),
            f.violation.clone().unwrap_or_default(),
            f.reproduce
        );
    }
    assert_eq!(summary.runs, opts.seeds);
    assert!(
        summary.events > summary.runs * min_events,
        "runs did real work: {summary:?}"
    );
    assert!(
        summary.failures.is_empty(),
        "{} of {} seeds failed",
        summary.failures.len(),
        summary.runs
    );
}
