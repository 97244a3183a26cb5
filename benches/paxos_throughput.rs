//! Simulator throughput for Paxos, reported like the Raft benchmark: events per second for a
//! 5-node cluster. `cargo bench --bench paxos_throughput`.
//!
//! - `multi-steady`: Multi-Paxos, a client request every 5ms for 10s of virtual time.
//! - `multi-faults`: the same with 5% loss, 5% duplication, 10% reordering, and the leader
//!   crashed every 2s (and everyone restarted 0.5s later).
//! - `multi-checked`: `multi-faults` with every Paxos invariant checked after every event.
//! - `single-decree`: 100 single-decree clusters, each with two duelling proposers (backoff on)
//!   and 5% loss, run until quiet.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quorumscope::check::paxos::PaxosChecker;
use quorumscope::check::Checker;
use quorumscope::core::paxos::{PaxosConfig, PaxosNode};
use quorumscope::core::MS;
use quorumscope::sim::{Action, Setup, Simulator};
use std::hint::black_box;

const RUN: u64 = 10_000 * MS;

fn multi(faults: bool, checked: bool) -> u64 {
    let mut setup: Setup<PaxosNode> = Setup::new(5, 42);
    setup.config = PaxosConfig::multi();
    if faults {
        setup.net.loss = 0.05;
        setup.net.duplicate = 0.05;
        setup.net.reorder = 0.1;
    }
    let mut sim = Simulator::new(setup);
    let mut checker = PaxosChecker::new(&sim);
    let mut t = 0;
    let mut k = 0u64;
    while t < RUN {
        t += 5 * MS;
        if checked {
            sim.run_until_with(t, |s, step| checker.check(s, Some(step)))
                .expect("no violation");
        } else {
            sim.run_until(t);
        }
        k += 1;
        sim.act(Action::Client {
            node: (k % 5) as usize,
            value: format!("v{k}"),
        })
        .expect("valid action");
        if faults && k % 400 == 0 {
            let victim = (0..5).find(|&i| sim.node(i).is_leader()).unwrap_or(0);
            sim.act(Action::Crash(victim)).expect("valid action");
        }
        if faults && k % 400 == 100 {
            for i in 0..5 {
                sim.act(Action::Restart(i)).expect("valid action");
            }
        }
    }
    sim.state.events
}

fn single_decree() -> u64 {
    let mut events = 0;
    for seed in 0..100 {
        let mut setup: Setup<PaxosNode> = Setup::new(5, seed);
        setup.net.loss = 0.05;
        let mut sim = Simulator::new(setup);
        for (node, value) in [(0, "x"), (1, "y")] {
            sim.act(Action::Client {
                node,
                value: value.into(),
            })
            .expect("valid action");
        }
        sim.run_until(RUN);
        events += sim.state.events;
    }
    events
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("paxos-5-nodes");
    g.sample_size(10);
    for (name, faults, checked) in [
        ("multi-steady", false, false),
        ("multi-faults", true, false),
        ("multi-checked", true, true),
    ] {
        let events = multi(faults, checked);
        g.throughput(Throughput::Elements(events));
        g.bench_function(name, |b| {
            b.iter(|| black_box(multi(black_box(faults), black_box(checked))))
        });
    }
    g.throughput(Throughput::Elements(single_decree()));
    g.bench_function("single-decree", |b| b.iter(|| black_box(single_decree())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
