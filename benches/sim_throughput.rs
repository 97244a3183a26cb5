//! Simulator throughput: events per second for a 5-node Raft cluster under steady client
//! load, with and without faults. `cargo bench --bench sim_throughput`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quorumscope::core::raft::RaftNode;
use quorumscope::core::MS;
use quorumscope::sim::{Action, Setup, Simulator};
use std::hint::black_box;

const RUN: u64 = 10_000 * MS;

/// Runs 10 s of virtual time: a client request every 5 ms; with faults, 5% loss, 5%
/// duplication, 10% reordering, and a leader crash and restart every 2 s.
fn run(faults: bool) -> u64 {
    let mut setup: Setup<RaftNode> = Setup::new(5, 42);
    if faults {
        setup.net.loss = 0.05;
        setup.net.duplicate = 0.05;
        setup.net.reorder = 0.1;
    }
    let mut sim = Simulator::new(setup);
    let mut t = 0;
    let mut k = 0u64;
    while t < RUN {
        t += 5 * MS;
        sim.run_until(t);
        k += 1;
        sim.act(Action::Client {
            node: (k % 5) as usize,
            value: format!("v{k}"),
        })
        .expect("valid action");
        if faults && k % 400 == 0 {
            let victim = (0..5)
                .find(|&i| sim.node(i).role == quorumscope::core::raft::Role::Leader)
                .unwrap_or(0);
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

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("raft-5-nodes");
    g.sample_size(10);
    for (name, faults) in [("steady", false), ("faults", true)] {
        let events = run(faults);
        g.throughput(Throughput::Elements(events));
        g.bench_function(name, |b| b.iter(|| black_box(run(black_box(faults)))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
