//! Vocabulary shared by every protocol core and by the simulator.

use serde::{Deserialize, Serialize};

/// A node's index in its cluster, `0..n`. Display names (n1, A, …) live in the cluster
/// configuration, never in the core.
pub type NodeId = usize;

/// Virtual time in microseconds. The core never reads a clock: every handler is given `now`.
pub type Time = u64;

/// One millisecond of virtual time.
pub const MS: Time = 1_000;

/// Formats a virtual time for people: `1.250s`, `85ms`, `0.5ms`.
pub fn fmt_time(t: Time) -> String {
    if t >= 1_000_000 {
        format!("{}.{:03}s", t / 1_000_000, (t % 1_000_000) / 1_000)
    } else if t % MS == 0 {
        format!("{}ms", t / MS)
    } else {
        format!("{}.{:03}ms", t / MS, t % MS)
    }
}

/// How long until a requested timer fires. A range is resolved by the simulator's seeded
/// generator, so the core itself never touches randomness (Raft §5.2: randomised timeouts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delay {
    Exactly(Time),
    /// Uniform in `[min, max]` (inclusive).
    Between(Time, Time),
}

/// A client's command as the cluster sees it. `id` is unique per simulation run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClientRequest {
    pub id: u64,
    pub value: String,
}

/// What a node tells a client about its request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientOutcome {
    /// The command is committed (Raft) or chosen (Paxos) at this log index / slot (1-based
    /// for Raft, 0-based slots for Multi-Paxos, 0 for single-decree Paxos).
    Committed { index: u64 },
    /// This node is not the leader; try the one named, if it knows one.
    Redirect { leader: Option<NodeId> },
    /// The node gave up on the request (it was down, or lost leadership before the request
    /// committed). The outcome is unknown: the command may still be committed later.
    Failed,
}

/// A reply to a client request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientReply {
    pub request: u64,
    pub outcome: ClientOutcome,
}

/// The two languages of the interface and of every explanation (defined by the glossary).
pub use crate::glossary::Lang;

/// Display names of a cluster's nodes, indexed by [`NodeId`].
pub type Names = [String];

/// The default name of node `id`: `n1`, `n2`, …
pub fn default_name(id: NodeId) -> String {
    format!("n{}", id + 1)
}

/// The size of a majority of `n` nodes.
pub fn majority(n: usize) -> usize {
    n / 2 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_time() {
        assert_eq!(fmt_time(85 * MS), "85ms");
        assert_eq!(fmt_time(500), "0.500ms");
        assert_eq!(fmt_time(1_250_000), "1.250s");
    }

    #[test]
    fn majorities() {
        assert_eq!(majority(1), 1);
        assert_eq!(majority(4), 3);
        assert_eq!(majority(5), 3);
        assert_eq!(majority(9), 5);
    }
}
