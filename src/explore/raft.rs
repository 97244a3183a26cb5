//! Raft in the fault campaign.

use super::Explorable;
use crate::core::raft::{RaftConfig, RaftNode, Role};
use crate::core::NodeId;
use crate::sim::{Simulator, Status};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub const VOTE_WITHOUT_LOG_CHECK: &str = "vote-without-log-check";
pub const COMMIT_OLD_TERMS: &str = "commit-old-terms";

impl Explorable for RaftNode {
    const UNSAFE_SWITCHES: &'static [&'static str] = &[VOTE_WITHOUT_LOG_CHECK, COMMIT_OLD_TERMS];

    /// Each run draws its optional features: PreVote, CheckQuorum, no-op and fast
    /// backtracking are each on for about half of the seeds.
    fn campaign_config(
        rng: &mut ChaCha8Rng,
        unsafe_switches: &[String],
    ) -> Result<RaftConfig, String> {
        let mut c = RaftConfig {
            pre_vote: rng.random_bool(0.5),
            check_quorum: rng.random_bool(0.5),
            noop_on_election: rng.random_bool(0.5),
            fast_backtrack: rng.random_bool(0.5),
            ..RaftConfig::default()
        };
        for s in unsafe_switches {
            match s.as_str() {
                VOTE_WITHOUT_LOG_CHECK => c.unsafe_vote_without_log_check = true,
                COMMIT_OLD_TERMS => c.unsafe_commit_old_terms = true,
                other => return Err(format!("unknown Raft unsafe switch '{other}'")),
            }
        }
        Ok(c)
    }

    fn probe_target(sim: &Simulator<RaftNode>) -> Option<NodeId> {
        (0..sim.n()).find(|&i| sim.status(i) == Status::Up && sim.node(i).role == Role::Leader)
    }

    fn liveness(sim: &Simulator<RaftNode>) -> Result<(), String> {
        crate::check::raft::liveness(sim)
    }
}
