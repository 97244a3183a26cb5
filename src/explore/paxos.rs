//! Paxos in the fault campaign: a swarm of clusters (3 to 7 nodes, single-decree or
//! Multi-Paxos, role mixes, NACKs on or off, drawn timers, histories on disk) under the
//! faults of [`FAULT_TABLE`].

use super::{disk, Explorable, Fault, FaultRow, Mix};
use crate::check::paxos::PaxosChecker;
use crate::check::Checker;
use crate::core::paxos::{Forget, PaxosConfig, PaxosNode, Roles};
use crate::core::{NodeId, MS};
use crate::sim::{Setup, Simulator};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// "An acceptor forgets its promise on restart" (breaks Paxos Made Simple §2.5).
pub const FORGET_PROMISE: &str = "forget-promise";
/// "An acceptor forgets its promise and what it accepted on restart" (full amnesia, §2.5).
pub const AMNESIA: &str = "amnesia";

/// The Paxos campaign's fault mix: `(fault, share of seeds, lowest rate, highest rate)`.
/// Crashes and forced timeouts are more frequent than in Raft's table: a restarted acceptor
/// and duelling proposers are where single-decree Paxos goes wrong (§2.5, §2.4).
pub const FAULT_TABLE: &[FaultRow] = &[
    (Fault::Crash, 0.6, 0.02, 0.25),
    (Fault::Pause, 0.5, 0.02, 0.2),
    (Fault::Partition, 0.5, 0.02, 0.25),
    (Fault::Loss, 0.5, 0.01, 0.3),
    (Fault::Duplicate, 0.5, 0.01, 0.2),
    (Fault::Reorder, 0.5, 0.01, 0.3),
    (Fault::Hold, 0.5, 0.05, 0.5),
    (Fault::Timeout, 0.4, 0.02, 0.3),
];

/// The cluster sizes a seed draws from (three nodes most often: the smallest cluster that
/// survives a crash).
pub const CLUSTER_SIZES: &[usize] = &[3, 3, 3, 4, 5, 5, 7];

impl Explorable for PaxosNode {
    const UNSAFE_SWITCHES: &'static [&'static str] = &[FORGET_PROMISE, AMNESIA];
    const FAULT_TABLE: &'static [FaultRow] = FAULT_TABLE;

    fn cluster_size(rng: &mut ChaCha8Rng) -> usize {
        CLUSTER_SIZES[rng.random_range(0..CLUSTER_SIZES.len())]
    }

    /// Each run draws its mode and options: Multi-Paxos for about half of the seeds, NACKs on
    /// for about 70%; its timers (a retry or election timeout of 100 to 300 ms at least four
    /// latencies and three heartbeats long, spread over 50 to 300 ms; a Multi-Paxos heartbeat
    /// of 20 to 80 ms); for about 30% of the seeds of three or more nodes a role mix; and for
    /// about a third a history on disk ([`disk::paxos`]). Randomised backoff stays on: without
    /// it duelling proposers may livelock for ever, which is a lesson (see the scripted
    /// tests), not a bug.
    fn campaign_setup(
        rng: &mut ChaCha8Rng,
        setup: &mut Setup<PaxosNode>,
        mix: &Mix,
        unsafe_switches: &[String],
    ) -> Result<(), String> {
        let n = setup.names.len();
        let heartbeat = rng.random_range(2..=8u64) * 10 * MS;
        let floor = (3 * heartbeat).max(4 * mix.latency_max);
        let retry_min = floor.max(rng.random_range(10..=30u64) * 10 * MS);
        let mut c = PaxosConfig {
            multi: rng.random_bool(0.5),
            nacks: rng.random_bool(0.7),
            heartbeat,
            retry_min,
            retry_max: retry_min + rng.random_range(5..=30u64) * 10 * MS,
            ..PaxosConfig::default()
        };
        if n >= 3 && rng.random_bool(0.3) {
            c.roles = draw_roles(rng, n);
        }
        for s in unsafe_switches {
            match s.as_str() {
                FORGET_PROMISE => c.unsafe_forget = c.unsafe_forget.max(Forget::Promise),
                AMNESIA => c.unsafe_forget = Forget::PromiseAndAccepted,
                other => return Err(format!("unknown Paxos unsafe switch '{other}'")),
            }
        }
        if rng.random_bool(0.3) {
            setup.durable = disk::paxos(rng, &c, n);
        }
        setup.config = c;
        Ok(())
    }

    /// The Multi-Paxos leader, or in single-decree Paxos the first proposer that is up.
    fn probe_target(sim: &Simulator<PaxosNode>) -> Option<NodeId> {
        crate::check::paxos::probe_target(sim)
    }

    fn liveness(sim: &Simulator<PaxosNode>) -> Result<(), String> {
        crate::check::paxos::liveness(sim)
    }

    /// It finds the chosen values from the whole trace (check::paxos::liveness).
    const LIVENESS_READS_TRACE: bool = true;

    /// Only the named invariants, e.g. agreement alone, to see two values chosen once a
    /// forgotten promise has let an old ballot's Accept through.
    fn checker(sim: &Simulator<PaxosNode>, only: &[String]) -> Result<PaxosChecker, String> {
        if only.is_empty() {
            return Ok(PaxosChecker::new(sim));
        }
        let known = crate::check::paxos::INVARIANTS;
        let mut names = Vec::new();
        for o in only {
            match known.iter().find(|k| **k == o.as_str()) {
                Some(k) => names.push(*k),
                None => {
                    return Err(format!(
                        "unknown Paxos invariant '{o}'; known: {}",
                        known.join(", ")
                    ))
                }
            }
        }
        Ok(PaxosChecker::only(sim, &names))
    }
}

/// A role mix (Paxos Made Simple §2.1: "a single process may act as more than one agent"):
/// each node plays each role with some chance, until at least one proposer, one learner and
/// three acceptors (a quorum that survives one crash) are in it.
fn draw_roles(rng: &mut ChaCha8Rng, n: usize) -> Vec<Roles> {
    loop {
        let roles: Vec<Roles> = (0..n)
            .map(|_| {
                Roles::new(
                    rng.random_bool(0.6),
                    rng.random_bool(0.7),
                    rng.random_bool(0.6),
                )
            })
            .collect();
        let count = |f: fn(&Roles) -> bool| roles.iter().filter(|r| f(r)).count();
        if count(|r| r.proposer) >= 1 && count(|r| r.learner) >= 1 && count(|r| r.acceptor) >= 3 {
            return roles;
        }
    }
}
