//! The typed record of everything that happened in a run.

use crate::core::{ClientReply, ClientRequest, NodeId, Protocol, Time};
use crate::glossary::Term;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Why a message never arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DropReason {
    /// Random loss (the network's loss probability).
    Lost,
    /// The sender and the receiver were in different partitions (`partition`).
    Partitioned,
    /// The receiver was crashed.
    Crashed,
    /// A user (or a scenario) dropped it on purpose.
    User,
    /// The one-way link from the sender to the receiver was cut (`cut`), the two being in the
    /// same partition. Last, so that the other reasons keep their encoding in trace hashes.
    Cut,
}

/// A change of the network's settings, rendered in either language.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum NetChange {
    /// The probability that a message is lost.
    Loss(f64),
    /// The probability that a message is delivered twice.
    Duplicate(f64),
    /// The probability that a message is held back so that later ones overtake it.
    Reorder(f64),
    /// The one-way latency range changed.
    Latency {
        /// The shortest latency.
        min: Time,
        /// The longest latency.
        max: Time,
    },
}

/// How a user re-armed the timers that "align" and "spread" act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimersChange {
    /// They now fire `gap` apart, in node order.
    Spread {
        /// The time between two nodes' timers.
        gap: Time,
    },
    /// They now all fire at `at`.
    Aligned {
        /// The moment they all fire.
        at: Time,
    },
}

/// Why a timer fired when it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Firing {
    /// It ran out.
    Due,
    /// It ran out while the node was paused (SIGSTOP) and fires as the node resumes.
    Overdue,
    /// A user or a scenario made it fire now (`timeout N`, the explorer's "Force timeout").
    Forced,
}

/// One thing that happened, in a typed form that the UI, the CLI and the checkers read.
///
/// A message is held once, behind an [`Arc`], by the network while it is in flight and by the
/// trace's `Send` and `Deliver` (issue 24 item 3: it was copied into the trace twice). Serde
/// writes an `Arc<T>` as the `T` itself, so encodings and trace hashes are unchanged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub enum TraceKind<P: Protocol> {
    /// A node sent a message.
    Send {
        /// The message's id.
        id: u64,
        /// The sender.
        from: NodeId,
        /// The receiver.
        to: NodeId,
        /// The message.
        msg: Arc<P::Msg>,
        /// When it will arrive (unless dropped or held).
        deliver_at: Time,
    },
    /// A message arrived and its receiver handled it.
    Deliver {
        /// The message's id.
        id: u64,
        /// The sender.
        from: NodeId,
        /// The receiver.
        to: NodeId,
        /// The message.
        msg: Arc<P::Msg>,
    },
    /// A message is delivered twice; `id` is the copy's id.
    Duplicate {
        /// The copy's id.
        id: u64,
        /// The id of the message it copies.
        of: u64,
    },
    /// A message will never arrive.
    Drop {
        /// The message's id.
        id: u64,
        /// The sender.
        from: NodeId,
        /// The receiver.
        to: NodeId,
        /// Why it was dropped.
        reason: DropReason,
    },
    /// A user held a message: it stays in the network until delivered or dropped.
    Hold {
        /// The message's id.
        id: u64,
    },
    /// A held message was let go (delivered now).
    Release {
        /// The message's id.
        id: u64,
    },
    /// A timer fired; `how` says whether on time, late (it came due while the node was
    /// paused) or forced. `name` is what the timer meant at that node then.
    TimerFired {
        /// The node whose timer it is.
        node: NodeId,
        /// Which timer.
        timer: P::Timer,
        /// What the timer meant at that node then (the glossary's name).
        name: Term,
        /// On time, overdue or forced.
        how: Firing,
    },
    /// A decision of a node, with its explanation.
    Note {
        /// The deciding node.
        node: NodeId,
        /// The decision.
        note: Arc<P::Note>,
    },
    /// A client request reached a node.
    Client {
        /// The node that received it.
        node: NodeId,
        /// The request.
        request: ClientRequest,
    },
    /// A node answered a client.
    Reply {
        /// The node that answered.
        node: NodeId,
        /// The answer.
        reply: ClientReply,
    },
    /// A node crashed.
    Crash {
        /// The node.
        node: NodeId,
    },
    /// A crashed node restarted from its durable state.
    Restart {
        /// The node.
        node: NodeId,
    },
    /// A node was paused (SIGSTOP).
    Pause {
        /// The node.
        node: NodeId,
    },
    /// A paused node resumed (SIGCONT).
    Resume {
        /// The node.
        node: NodeId,
    },
    /// The cluster was split into groups (unnamed nodes form one more group).
    Partition {
        /// The groups named.
        groups: Vec<Vec<NodeId>>,
    },
    /// The one-way link `from → to` was cut.
    Cut {
        /// The sender's end.
        from: NodeId,
        /// The receiver's end.
        to: NodeId,
    },
    /// The one-way link `from → to` was restored.
    Restore {
        /// The sender's end.
        from: NodeId,
        /// The receiver's end.
        to: NodeId,
    },
    /// Every partition and cut was removed.
    Heal,
    /// The network settings changed (loss, duplication, latency, reordering).
    Network {
        /// What changed.
        change: NetChange,
    },
    /// Timers were re-armed by a user ("align" or "spread").
    Timers {
        /// What changed.
        change: TimersChange,
    },
}

/// A trace entry: what happened, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct TraceEvent<P: Protocol> {
    /// Virtual time when it happened.
    pub time: Time,
    /// What happened.
    pub kind: TraceKind<P>,
}

impl<P: Protocol> TraceKind<P> {
    /// The node this event happened at, if any.
    pub fn node(&self) -> Option<NodeId> {
        use TraceKind::*;
        match self {
            Deliver { to, .. } => Some(*to),
            Send { from, .. } => Some(*from),
            TimerFired { node, .. }
            | Note { node, .. }
            | Client { node, .. }
            | Reply { node, .. }
            | Crash { node }
            | Restart { node }
            | Pause { node }
            | Resume { node } => Some(*node),
            _ => None,
        }
    }
}

/// FNV-1a, 64 bit: a stable hash (unlike `DefaultHasher`) for comparing traces across runs,
/// machines and targets.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A stable hash of a whole trace, over each event's compact serialised form (postcard, the
/// same on every target).
pub fn trace_hash<P: Protocol>(trace: &[TraceEvent<P>]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for e in trace {
        let bytes = postcard::to_allocvec(e).unwrap_or_default();
        h ^= fnv1a(&bytes);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
