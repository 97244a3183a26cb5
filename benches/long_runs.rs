//! How the cost of a run grows (issue 24's targets), on the steady Raft workload of
//! `benches/support/steady_load.rs`. `cargo bench --bench long_runs` (a few minutes):
//!
//! - `checked-9-nodes-10ms/60s` and `/240s`: with the checker after every event, 240 s of
//!   cluster time should cost at most 4.5x what 60 s costs (linear growth is 4x);
//! - `checker-5-nodes-5ms-600s/unchecked` and `/checked`: the checker should add at most half
//!   the simulation's cost (checked at most 1.5x unchecked);
//! - `per-commit-5-nodes-10s/20ms` and `/1ms`: unchecked, the throughput line is commits per
//!   second; the time per commit should stay within ±15% from one request per 20 ms to one
//!   per 1 ms.
//!
//! Times are CPU time of the benchmark thread (`support/cpu_time.rs`): on a shared machine wall
//! time mostly measures the wait for a core. Ratios are of criterion's medians from one run
//! (`target/criterion/<group>/<name>/new/estimates.json`).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quorumscope::core::MS;
use std::hint::black_box;
use std::time::Duration;

#[path = "support/cpu_time.rs"]
mod cpu_time;
#[path = "support/steady_load.rs"]
mod steady_load;
use cpu_time::CpuTime;
use steady_load::steady;

const S: u64 = 1_000 * MS;

fn checked_growth(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("checked-9-nodes-10ms");
    g.sample_size(10).warm_up_time(Duration::from_secs(1));
    for secs in [60, 240] {
        g.bench_function(format!("{secs}s"), |b| {
            b.iter(|| black_box(steady(9, secs * S, 10 * MS, true)))
        });
    }
    g.finish();
}

fn checker_share(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("checker-5-nodes-5ms-600s");
    g.sample_size(10).warm_up_time(Duration::from_secs(1));
    for (name, checked) in [("unchecked", false), ("checked", true)] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(steady(5, 600 * S, 5 * MS, checked)))
        });
    }
    g.finish();
}

fn per_commit(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("per-commit-5-nodes-10s");
    g.sample_size(10).warm_up_time(Duration::from_secs(1));
    for every in [20, 1] {
        let commits = steady(5, 10 * S, every * MS, false).commits;
        g.throughput(Throughput::Elements(commits));
        g.bench_function(format!("{every}ms"), |b| {
            b.iter(|| black_box(steady(5, 10 * S, every * MS, false)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = checked_growth, checker_share, per_commit
}
criterion_main!(benches);
