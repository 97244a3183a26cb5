//! What a user, a scenario or a fault campaign can do to a running cluster.

use crate::core::{NodeId, Time};
use serde::{Deserialize, Serialize};

/// One user action. Every action is recorded with the point in the run at which it was taken,
/// so that a run can be replayed exactly from its seed and its actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Crash a node: its volatile state is lost, its durable state kept.
    Crash(NodeId),
    /// Restart a crashed node from its durable state.
    Restart(NodeId),
    /// Freeze a node (SIGSTOP): it keeps all its state but processes nothing.
    Pause(NodeId),
    /// Thaw a node (SIGCONT): overdue timers fire, then what arrived meanwhile is handled.
    Resume(NodeId),
    /// Make the node's timeout timer (Raft: election; Paxos: proposer retry) fire now.
    Timeout(NodeId),
    /// A client sends `value` to `node`.
    Client {
        /// The node the client sends to.
        node: NodeId,
        /// The command.
        value: String,
    },
    /// Split the cluster into these groups (unnamed nodes form one more group).
    Partition(Vec<Vec<NodeId>>),
    /// Cut the one-way link `from → to`.
    Cut {
        /// The sender's end.
        from: NodeId,
        /// The receiver's end.
        to: NodeId,
    },
    /// Restore the one-way link `from → to`.
    Restore {
        /// The sender's end.
        from: NodeId,
        /// The receiver's end.
        to: NodeId,
    },
    /// Remove every partition and cut.
    Heal,
    /// Set the probability that a message is lost.
    Loss(f64),
    /// Set the probability that a message is delivered twice.
    Duplicate(f64),
    /// Set the probability that a message is held back so that later ones overtake it.
    Reorder(f64),
    /// Set the one-way latency range.
    Latency {
        /// The shortest latency.
        min: Time,
        /// The longest latency.
        max: Time,
    },
    /// Drop an in-flight message.
    DropMessage(u64),
    /// Hold an in-flight message: it stays in the network until released.
    HoldMessage(u64),
    /// Deliver an in-flight (or held) message now.
    DeliverMessage(u64),
    /// Re-arm every running timeout timer to fire at the same moment (a split vote is likely).
    AlignTimers,
    /// Re-arm every running timeout timer well apart (a split vote is unlikely).
    SpreadTimers,
}

/// An action as it was taken: after `events` events had been processed, at time `time`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    /// How many events had been processed when it was taken.
    pub events: u64,
    /// Virtual time when it was taken.
    pub time: Time,
    /// What was done.
    pub action: Action,
}
