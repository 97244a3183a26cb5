//! Paxos in the fault campaign.

use super::Explorable;
use crate::core::paxos::{PaxosConfig, PaxosNode};
use crate::core::NodeId;
use crate::sim::Simulator;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// "An acceptor forgets its promise on restart" (breaks Paxos Made Simple §2.5).
pub const FORGET_PROMISE: &str = "forget-promise";

impl Explorable for PaxosNode {
    const UNSAFE_SWITCHES: &'static [&'static str] = &[FORGET_PROMISE];

    /// Each run draws its mode and options: Multi-Paxos for about half of the seeds, NACKs on
    /// for about 70%. Randomised backoff stays on: without it duelling proposers may livelock
    /// for ever, which is a lesson (see the scripted tests), not a bug.
    fn campaign_config(
        rng: &mut ChaCha8Rng,
        unsafe_switches: &[String],
    ) -> Result<PaxosConfig, String> {
        let mut c = PaxosConfig {
            multi: rng.random_bool(0.5),
            nacks: rng.random_bool(0.7),
            ..PaxosConfig::default()
        };
        for s in unsafe_switches {
            match s.as_str() {
                FORGET_PROMISE => c.unsafe_forget_promise = true,
                other => return Err(format!("unknown Paxos unsafe switch '{other}'")),
            }
        }
        Ok(c)
    }

    /// The Multi-Paxos leader, or in single-decree Paxos the first proposer that is up.
    fn probe_target(sim: &Simulator<PaxosNode>) -> Option<NodeId> {
        crate::check::paxos::probe_target(sim)
    }

    fn liveness(sim: &Simulator<PaxosNode>) -> Result<(), String> {
        crate::check::paxos::liveness(sim)
    }
}
