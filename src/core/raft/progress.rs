//! How a leader sends to one follower: probing or replicating (volatile leader state, reset
//! on every election like Figure 2's nextIndex and matchIndex).
//!
//! Figure 2 says only "if AppendEntries fails because of log inconsistency: decrement
//! nextIndex and retry" (§5.3). A leader that also sends heartbeats and new entries while a
//! retry is on its way would send several AppendEntries at different prevLogIndex values, and
//! each refusal would restart the walk back. So, as etcd-raft's `tracker.Progress` does with
//! its `StateProbe` and `StateReplicate` (tracker/progress.go: `BecomeProbe`,
//! `BecomeReplicate`, `MaybeDecrTo`; raft.go: the `MsgAppResp` case of `stepLeader`), a leader
//! keeps one of two modes per follower:
//!
//! - **Probe**: the follower's log is not yet known to match at nextIndex − 1. At most one
//!   AppendEntries (the probe, prevLogIndex = nextIndex − 1) is outstanding; it also serves as
//!   the heartbeat, and is sent again only when a heartbeat finds it unanswered for a whole
//!   heartbeat interval. nextIndex moves only on the probe's reply: back on a refusal (one
//!   entry per Figure 2, or a term at a time with fast backtracking), and a success switches
//!   to Replicate. A refusal that does not answer the outstanding probe (stale, duplicated,
//!   reordered) changes nothing.
//! - **Replicate**: the follower is known to match up to matchIndex. AppendEntries are
//!   pipelined: nextIndex moves past what was sent when it is sent. A refusal switches back to
//!   Probe from matchIndex + 1.

use crate::core::Time;
use serde::{Deserialize, Serialize};

/// The leader's mode for one follower (etcd-raft's `StateProbe` / `StateReplicate`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    /// Not yet known to match: one probe at a time, at prevLogIndex = nextIndex − 1.
    /// `sent_at` is when the outstanding probe was sent (`None`: none is outstanding).
    Probe {
        /// When the outstanding probe was sent (`None`: none is outstanding).
        sent_at: Option<Time>,
    },
    /// Known to match up to matchIndex: AppendEntries are pipelined.
    Replicate,
}

impl Progress {
    /// Where a new leader starts for every follower: probing, nothing sent yet.
    pub const START: Progress = Progress::Probe { sent_at: None };

    /// Whether the heartbeat at `now` should send to this follower. A replicating follower
    /// always gets one; a probing follower only if no probe is outstanding, or if the
    /// outstanding one has gone unanswered for a whole heartbeat `interval` (it or its reply
    /// may be lost). Otherwise the probe on its way is the heartbeat.
    pub fn heartbeat_due(self, now: Time, interval: Time) -> bool {
        match self {
            Progress::Replicate | Progress::Probe { sent_at: None } => true,
            Progress::Probe { sent_at: Some(t) } => now.saturating_sub(t) >= interval,
        }
    }

    /// Whether the follower is being probed.
    pub fn is_probe(self) -> bool {
        matches!(self, Progress::Probe { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probe_is_the_heartbeat_until_it_is_a_heartbeat_interval_old() {
        let p = Progress::Probe { sent_at: Some(100) };
        assert!(!p.heartbeat_due(100, 50));
        assert!(!p.heartbeat_due(149, 50));
        assert!(p.heartbeat_due(150, 50));
        assert!(Progress::START.heartbeat_due(0, 50));
        assert!(Progress::Replicate.heartbeat_due(0, 50));
        assert!(Progress::START.is_probe());
        assert!(!Progress::Replicate.is_probe());
    }
}
