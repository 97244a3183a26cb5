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
    /// The link was cut or the nodes were in different partitions.
    Partitioned,
    /// The receiver was crashed.
    Crashed,
    /// A user (or a scenario) dropped it on purpose.
    User,
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
    Latency {
        min: Time,
        max: Time,
    },
}

/// How a user re-armed the timers that "align" and "spread" act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimersChange {
    /// They now fire `gap` apart, in node order.
    Spread { gap: Time },
    /// They now all fire at `at`.
    Aligned { at: Time },
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
    Send {
        id: u64,
        from: NodeId,
        to: NodeId,
        msg: Arc<P::Msg>,
        deliver_at: Time,
    },
    Deliver {
        id: u64,
        from: NodeId,
        to: NodeId,
        msg: Arc<P::Msg>,
    },
    /// A message is delivered twice; `id` is the copy's id.
    Duplicate {
        id: u64,
        of: u64,
    },
    Drop {
        id: u64,
        from: NodeId,
        to: NodeId,
        reason: DropReason,
    },
    Hold {
        id: u64,
    },
    Release {
        id: u64,
    },
    /// A timer fired; `how` says whether on time, late (it came due while the node was
    /// paused) or forced. `name` is what the timer meant at that node then.
    TimerFired {
        node: NodeId,
        timer: P::Timer,
        name: Term,
        how: Firing,
    },
    Note {
        node: NodeId,
        note: P::Note,
    },
    Client {
        node: NodeId,
        request: ClientRequest,
    },
    Reply {
        node: NodeId,
        reply: ClientReply,
    },
    Crash {
        node: NodeId,
    },
    Restart {
        node: NodeId,
    },
    Pause {
        node: NodeId,
    },
    Resume {
        node: NodeId,
    },
    Partition {
        groups: Vec<Vec<NodeId>>,
    },
    Cut {
        from: NodeId,
        to: NodeId,
    },
    Restore {
        from: NodeId,
        to: NodeId,
    },
    Heal,
    /// The network settings changed (loss, duplication, latency, reordering).
    Network {
        change: NetChange,
    },
    /// Timers were re-armed by a user ("align" or "spread").
    Timers {
        change: TimersChange,
    },
}

/// A trace entry: what happened, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct TraceEvent<P: Protocol> {
    pub time: Time,
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
