//! Raft in the fault campaign.

use super::{disk, Explorable, Fault, FaultRow, Mix};
use crate::core::raft::{RaftConfig, RaftNode, Role};
use crate::core::{NodeId, MS};
use crate::sim::{Setup, Simulator, Status};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub const VOTE_WITHOUT_LOG_CHECK: &str = "vote-without-log-check";
pub const COMMIT_OLD_TERMS: &str = "commit-old-terms";

/// The Raft campaign's fault mix: `(fault, share of seeds, lowest rate, highest rate)`.
pub const FAULT_TABLE: &[FaultRow] = &[
    (Fault::Crash, 0.5, 0.02, 0.25),
    (Fault::Pause, 0.5, 0.02, 0.2),
    (Fault::Partition, 0.5, 0.02, 0.25),
    (Fault::Loss, 0.5, 0.01, 0.3),
    (Fault::Duplicate, 0.5, 0.01, 0.2),
    (Fault::Reorder, 0.5, 0.01, 0.3),
    (Fault::Hold, 0.5, 0.05, 0.5),
    (Fault::Timeout, 0.3, 0.02, 0.15),
];

impl Explorable for RaftNode {
    const UNSAFE_SWITCHES: &'static [&'static str] = &[VOTE_WITHOUT_LOG_CHECK, COMMIT_OLD_TERMS];
    const FAULT_TABLE: &'static [FaultRow] = FAULT_TABLE;

    /// Five nodes: the cluster of the paper's figures. (Figure 8's bug is easier to reach with
    /// three: `--nodes 3`.)
    fn cluster_size(_: &mut ChaCha8Rng) -> usize {
        5
    }

    /// Each run draws its optional features (PreVote, CheckQuorum, no-op and fast
    /// backtracking, each on for about half of the seeds), its timers and batch size, and for
    /// about a third of the seeds a history on disk ([`disk::raft`]). The timers keep §5.6's
    /// broadcastTime ≪ electionTimeout: a heartbeat of 20 to 80 ms, and an election timeout
    /// at least two heartbeats and four latencies long, spread over 50 to 300 ms.
    fn campaign_setup(
        rng: &mut ChaCha8Rng,
        setup: &mut Setup<RaftNode>,
        mix: &Mix,
        unsafe_switches: &[String],
    ) -> Result<(), String> {
        let heartbeat = rng.random_range(2..=8u64) * 10 * MS;
        let floor = (2 * heartbeat).max(4 * mix.latency_max);
        let election_min = floor.max(rng.random_range(10..=30u64) * 10 * MS);
        let election_max = election_min + rng.random_range(5..=30u64) * 10 * MS;
        let mut c = RaftConfig {
            pre_vote: rng.random_bool(0.5),
            check_quorum: rng.random_bool(0.5),
            noop_on_election: rng.random_bool(0.5),
            fast_backtrack: rng.random_bool(0.5),
            heartbeat_interval: heartbeat,
            election_timeout_min: election_min,
            election_timeout_max: election_max,
            max_entries_per_append: [1, 4, 64, 64][rng.random_range(0..4usize)],
            ..RaftConfig::default()
        };
        for s in unsafe_switches {
            match s.as_str() {
                VOTE_WITHOUT_LOG_CHECK => c.unsafe_vote_without_log_check = true,
                COMMIT_OLD_TERMS => c.unsafe_commit_old_terms = true,
                other => return Err(format!("unknown Raft unsafe switch '{other}'")),
            }
        }
        setup.config = c;
        if rng.random_bool(0.3) {
            setup.durable = disk::raft(rng, setup.names.len());
        }
        Ok(())
    }

    fn probe_target(sim: &Simulator<RaftNode>) -> Option<NodeId> {
        (0..sim.n()).find(|&i| sim.status(i) == Status::Up && sim.node(i).role == Role::Leader)
    }

    fn liveness(sim: &Simulator<RaftNode>) -> Result<(), String> {
        crate::check::raft::liveness(sim)
    }
}
