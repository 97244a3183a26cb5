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
    /// Exactly this long.
    Exactly(Time),
    /// Uniform in `[min, max]` (inclusive).
    Between(Time, Time),
}

/// A client's command as the cluster sees it. `id` is unique per simulation run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClientRequest {
    /// The request's number, unique in the run.
    pub id: u64,
    /// The command.
    pub value: String,
}

/// What a client learns about its request: each variant says only what is known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientOutcome {
    /// Raft: the command is committed at this log index (1-based) and the leader has said so
    /// (§5.3, §8).
    Committed {
        /// Where it is committed.
        index: u64,
    },
    /// Paxos: the client's value was chosen (Paxos Made Simple §2.3). `slot` is the position
    /// in the Multi-Paxos log (0-based); `None` for single-decree Paxos, which decides one
    /// value and has no log.
    Chosen {
        /// The slot (`None`: single-decree).
        slot: Option<u64>,
        /// The value chosen.
        value: String,
    },
    /// Paxos: another value was chosen where the client's was proposed, so the client's
    /// value was not (a proposer must propose an already-accepted value, P2c). `slot` as in
    /// [`ClientOutcome::Chosen`].
    Lost {
        /// The slot (`None`: single-decree).
        slot: Option<u64>,
        /// The client's value.
        value: String,
        /// The value chosen instead.
        chosen: String,
    },
    /// This node is not the leader; try the one named, if it knows one. `None`: refused, the
    /// node knows no leader.
    Redirect {
        /// The leader to try, if known.
        leader: Option<NodeId>,
    },
    /// The client gets no answer, so the outcome is unknown: the command may still be
    /// committed (or chosen) later, by a later leader.
    Unknown {
        /// Why no answer comes.
        why: NoAnswer,
    },
}

impl ClientOutcome {
    /// Whether the request's fate is decided: committed, or a value chosen (the client's or
    /// another).
    pub fn is_decided(&self) -> bool {
        matches!(
            self,
            ClientOutcome::Committed { .. }
                | ClientOutcome::Chosen { .. }
                | ClientOutcome::Lost { .. }
        )
    }
}

/// Why a client gets no answer ([`ClientOutcome::Unknown`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoAnswer {
    /// The node the request was sent to is down: nobody reads it.
    Down,
    /// The node lost leadership before the request was committed (Raft §5.1) or chosen
    /// (Paxos: a higher ballot was seen). A later leader may still commit it.
    Deposed,
}

/// A reply to a client request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientReply {
    /// The request's number.
    pub request: u64,
    /// What the client learns.
    pub outcome: ClientOutcome,
}

/// The two languages of the interface and of every explanation (defined by the glossary).
pub use crate::glossary::Lang;

/// Display names of a cluster's nodes, indexed by [`NodeId`].
pub type Names = [String];

/// The display name of node `i` in `names`, or `?` for an id outside the cluster (the one
/// lookup every explanation, checker message and trace line uses).
pub fn name(names: &Names, i: NodeId) -> &str {
    names.get(i).map_or("?", String::as_str)
}

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
