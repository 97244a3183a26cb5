//! What a user, a scenario or a fault campaign can do to a running cluster.

use crate::core::{NodeId, Time};
use serde::{Deserialize, Serialize};

/// One user action. Every action is recorded with the point in the run at which it was taken,
/// so that a run can be replayed exactly from its seed and its actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    Crash(NodeId),
    Restart(NodeId),
    /// Freeze a node (SIGSTOP): it keeps all its state but processes nothing.
    Pause(NodeId),
    /// Thaw a node (SIGCONT): overdue timers fire, then what arrived meanwhile is handled.
    Resume(NodeId),
    /// Make the node's timeout timer (Raft: election; Paxos: proposer retry) fire now.
    Timeout(NodeId),
    /// A client sends `value` to `node`.
    Client {
        node: NodeId,
        value: String,
    },
    /// Split the cluster into these groups (unnamed nodes form one more group).
    Partition(Vec<Vec<NodeId>>),
    /// Cut the one-way link `from → to`.
    Cut {
        from: NodeId,
        to: NodeId,
    },
    /// Restore the one-way link `from → to`.
    Restore {
        from: NodeId,
        to: NodeId,
    },
    /// Remove every partition and cut.
    Heal,
    Loss(f64),
    Duplicate(f64),
    Reorder(f64),
    Latency {
        min: Time,
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
    pub events: u64,
    pub time: Time,
    pub action: Action,
}
