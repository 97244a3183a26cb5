//! QuorumScope beside raft-rs on one workload, measured side by side in one criterion run
//! (issue 24's last target: the steady 5-node Raft workload costs no more CPU per run than
//! raft-rs's). `bash scripts/bench-raft-rs.sh`.
//!
//! The workload (QuorumScope's `benches/support/steady_load.rs`): 5 nodes, a client request
//! every 5 ms of virtual time for 10 s, sent to node k mod 5; one-way latency uniform in 10 to
//! 20 ms, FIFO per link, no loss; heartbeat 50 ms, election timeout 150 to 300 ms.
//!
//! raft-rs has no simulator, so [`Cluster`] is a small discrete-event driver with the same
//! network model: every 10 ms each node is ticked (`heartbeat_tick = 5`, `election_tick = 15`,
//! which raft-rs randomises to 15..30 ticks); otherwise the earliest message due is stepped
//! into its node. After every step or tick the node runs the whole `Ready` loop, as raft-rs's
//! `examples/five_mem_node` does: send, apply, persist entries and hard state, send the
//! persisted messages, `advance`, apply again, `advance_apply`. A follower forwards a proposal
//! to the leader as `MsgPropose` (QuorumScope redirects the client instead). The commit
//! broadcast is off (`skip_bcast_commit`), so both send the same messages per command; a
//! second run keeps raft-rs's default. Neither side checks invariants here; QuorumScope
//! still records its full trace and an explanation per decision.

use criterion::{criterion_group, criterion_main, Criterion};
use quorumscope::core::MS;
use quorumscope::explore::ChaCha8Rng;
use raft::eraftpb::{ConfState, Entry, Message};
use raft::storage::MemStorage;
use raft::{Config, RawNode};
use rand::{Rng, SeedableRng};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::hint::black_box;

#[path = "../../support/steady_load.rs"]
#[allow(dead_code)]
mod steady_load;

const N: usize = 5;
const TICK: u64 = 10 * MS;
const RUN: u64 = 10_000 * MS;
const EVERY: u64 = 5 * MS;

/// A message on the wire, due at `at` (ties broken by sending order).
struct Pending {
    at: u64,
    seq: u64,
    msg: Message,
}

impl PartialEq for Pending {
    fn eq(&self, o: &Self) -> bool {
        (self.at, self.seq) == (o.at, o.seq)
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Pending {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(o.at, o.seq))
    }
}

/// Five raft-rs nodes on a simulated network.
struct Cluster {
    nodes: Vec<RawNode<MemStorage>>,
    now: u64,
    next_tick: u64,
    seq: u64,
    rng: ChaCha8Rng,
    link_clock: Vec<u64>,
    queue: BinaryHeap<Reverse<Pending>>,
    /// Commands applied, per node.
    applied: Vec<u64>,
    /// Messages stepped into nodes.
    delivered: u64,
}

impl Cluster {
    fn new(bcast_commit: bool) -> Self {
        let logger = slog::Logger::root(slog::Discard, slog::o!());
        let voters: Vec<u64> = (1..=N as u64).collect();
        let nodes = (1..=N as u64)
            .map(|id| {
                let config = Config {
                    id,
                    election_tick: 15,
                    heartbeat_tick: 5,
                    max_size_per_msg: 1 << 20,
                    max_inflight_msgs: 256,
                    skip_bcast_commit: !bcast_commit,
                    ..Default::default()
                };
                let storage =
                    MemStorage::new_with_conf_state(ConfState::from((voters.clone(), vec![])));
                RawNode::new(&config, storage, &logger).expect("a valid config")
            })
            .collect();
        Cluster {
            nodes,
            now: 0,
            next_tick: TICK,
            seq: 0,
            rng: ChaCha8Rng::seed_from_u64(42),
            link_clock: vec![0; N * N],
            queue: BinaryHeap::new(),
            applied: vec![0; N],
            delivered: 0,
        }
    }

    fn send(&mut self, msgs: Vec<Message>) {
        for msg in msgs {
            let (f, t) = (msg.from as usize - 1, msg.to as usize - 1);
            let mut at = self.now + self.rng.random_range(10 * MS..=20 * MS);
            // FIFO per link: never before the last message on the same link.
            at = at.max(self.link_clock[f * N + t]);
            self.link_clock[f * N + t] = at;
            self.seq += 1;
            self.queue.push(Reverse(Pending {
                at,
                seq: self.seq,
                msg,
            }));
        }
    }

    fn apply(&mut self, i: usize, entries: Vec<Entry>) {
        self.applied[i] += entries.iter().filter(|e| !e.data.is_empty()).count() as u64;
    }

    /// The Ready loop of raft-rs's `examples/five_mem_node`, with in-memory storage.
    fn on_ready(&mut self, i: usize) {
        if !self.nodes[i].has_ready() {
            return;
        }
        let mut rd = self.nodes[i].ready();
        self.send(rd.take_messages());
        self.apply(i, rd.take_committed_entries());
        let store = self.nodes[i].raft.raft_log.store.clone();
        store.wl().append(rd.entries()).expect("append");
        if let Some(hs) = rd.hs() {
            store.wl().set_hardstate(hs.clone());
        }
        self.send(rd.take_persisted_messages());
        let mut light = self.nodes[i].advance(rd);
        if let Some(c) = light.commit_index() {
            store.wl().mut_hard_state().set_commit(c);
        }
        self.send(light.take_messages());
        self.apply(i, light.take_committed_entries());
        self.nodes[i].advance_apply();
    }

    fn run_until(&mut self, t: u64) {
        loop {
            let msg_at = self.queue.peek().map(|p| p.0.at);
            if self.next_tick <= t && msg_at.is_none_or(|a| self.next_tick <= a) {
                self.now = self.next_tick;
                self.next_tick += TICK;
                for i in 0..N {
                    self.nodes[i].tick();
                    self.on_ready(i);
                }
            } else if let Some(at) = msg_at.filter(|&a| a <= t) {
                let Reverse(p) = self.queue.pop().expect("peeked");
                self.now = at;
                let i = p.msg.to as usize - 1;
                self.delivered += 1;
                // A stale or misdirected message is an error raft-rs reports; the driver
                // drops it, as a network would.
                let _ = self.nodes[i].step(p.msg);
                self.on_ready(i);
            } else {
                break;
            }
        }
        self.now = t;
    }
}

/// What one raft-rs run did.
#[derive(Debug)]
struct Outcome {
    delivered: u64,
    commits: u64,
}

fn raft_rs(bcast_commit: bool) -> Outcome {
    let mut c = Cluster::new(bcast_commit);
    let (mut t, mut k) = (0, 0u64);
    while t < RUN {
        t += EVERY;
        c.run_until(t);
        k += 1;
        let i = (k % N as u64) as usize;
        // Dropped when there is no leader yet, as QuorumScope's client is told to retry.
        let _ = c.nodes[i].propose(vec![], format!("v{k}").into_bytes());
        c.on_ready(i);
    }
    Outcome {
        delivered: c.delivered,
        commits: c.applied.iter().copied().max().unwrap_or(0),
    }
}

fn quorumscope() -> steady_load::Outcome {
    steady_load::steady(N, RUN, EVERY, false)
}

fn bench(c: &mut Criterion) {
    let qs = quorumscope();
    eprintln!(
        "QuorumScope: {} events, {} commands committed",
        qs.events, qs.commits
    );
    for bcast in [false, true] {
        let o = raft_rs(bcast);
        eprintln!(
            "raft-rs (commit broadcast {}): {} messages delivered, {} commands applied",
            if bcast { "on" } else { "off" },
            o.delivered,
            o.commits
        );
    }
    let mut g = c.benchmark_group("steady-5-nodes-10s");
    g.sample_size(30);
    g.bench_function("quorumscope", |b| b.iter(|| black_box(quorumscope())));
    g.bench_function("raft-rs", |b| b.iter(|| black_box(raft_rs(false))));
    g.bench_function("raft-rs-bcast-commit", |b| {
        b.iter(|| black_box(raft_rs(true)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
