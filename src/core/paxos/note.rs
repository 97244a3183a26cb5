//! Explanations of Paxos decisions. Each cites the rule it follows (Paxos Made Simple: P1a,
//! P2c, §2.2–§2.5, §3) and renders in English (`note_en.rs`) and Simplified Chinese
//! (`note_zh.rs`).

use super::ballot::Ballot;
use super::message::{Proposal, Value};
use crate::core::{Explain, Lang, Names, NodeId};
use serde::{Deserialize, Serialize};

/// Why a proposer started phase 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Why {
    /// A client asked it to propose a value.
    Client { request: u64 },
    /// Its previous ballot did not succeed in time (§2.4).
    Retry { old: Ballot },
    /// Multi-Paxos: no heartbeat from a leader (`silent`, if it knew one).
    Election { silent: Option<NodeId> },
}

/// How a node found out that a value is chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum How {
    /// Accepted messages from a majority for the same ballot.
    Accepted {
        ballot: Ballot,
        acceptors: Vec<NodeId>,
    },
    /// Another node that knows told it.
    Told { by: NodeId },
    /// Its own phase 1: a majority reported the same accepted ballot.
    Read {
        ballot: Ballot,
        acceptors: Vec<NodeId>,
    },
}

/// What made a Multi-Paxos leader or candidate give up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepDownCause {
    /// An acceptor refused it (NACK).
    Nack { by: NodeId },
    /// Its own acceptor promised (or accepted) a higher ballot from `to`.
    Promised { to: NodeId },
    /// A heartbeat from the leader of a higher ballot.
    Heartbeat { from: NodeId },
}

/// Why a timeout led to nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdleReason {
    /// Multi-Paxos leaders do not stand for election.
    Leading,
    /// Multi-Paxos: only proposers stand for leader.
    NotProposer,
    /// Single-decree: no request to propose and not a learner.
    NothingToPropose,
    /// Single-decree: the value is already known.
    AlreadyChosen { value: Value },
}

/// One decision by a Paxos node, worth showing. Slots are `None` in single-decree Paxos.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaxosNote {
    /// Rebooted with what was on disk (§2.5).
    Restarted {
        promised: Ballot,
        accepted: usize,
        chosen: usize,
        ballot: Ballot,
    },
    /// UNSAFE switch: the promise was lost in the crash.
    ForgotPromise {
        was: Ballot,
    },
    /// Phase 1a sent.
    Phase1 {
        ballot: Ballot,
        from_slot: u64,
        why: Why,
    },
    /// A client request waits.
    Queued {
        request: u64,
        value: Value,
        ballot: Option<Ballot>,
    },
    /// Phase 2a with the value P2c dictates.
    Phase2 {
        ballot: Ballot,
        value: Value,
        adopted: Option<Ballot>,
        own: Option<Value>,
        promisers: Vec<NodeId>,
    },
    NothingToPropose {
        ballot: Ballot,
    },
    BecameLeader {
        ballot: Ballot,
        promisers: Vec<NodeId>,
        from_slot: u64,
        recovered: Vec<u64>,
        holes: Vec<u64>,
    },
    /// Multi-Paxos: a new command goes straight to phase 2: the leader's phase 1 covered every
    /// slot (§3).
    SkipPhase1 {
        ballot: Ballot,
        slot: u64,
        request: u64,
        value: Value,
    },
    /// Single-decree: a NACK made the proposer abandon its ballot.
    Abandoned {
        ballot: Ballot,
        promised: Ballot,
        by: NodeId,
        backoff: bool,
    },
    SteppedDown {
        ballot: Ballot,
        higher: Ballot,
        leader: bool,
        cause: StepDownCause,
    },
    /// A client is told its request's slot is decided.
    Answered {
        request: u64,
        slot: Option<u64>,
        chosen: Value,
        asked: Value,
    },
    AlreadyChosen {
        request: u64,
        value: Value,
        asked: Value,
    },
    Redirected {
        request: u64,
        leader: Option<NodeId>,
        to_leader: bool,
    },
    /// Multi-Paxos leader: with its heartbeat it sends Accept again, for these slots, to the
    /// acceptors whose Accepted it has not received (a message may have been lost, §3).
    Resent {
        ballot: Ballot,
        slots: Vec<u64>,
    },
    /// A command in flight when its leader stepped down.
    Dropped {
        request: u64,
        slot: u64,
    },
    TimeoutIgnored {
        why: IdleReason,
    },
    /// Phase 1b: promised (§2.2 (1b)). In Multi-Paxos (`all_slots`) one promise covers every
    /// slot from `from_slot` on: the "implicit promise" of Mesos's replicated log, granted to
    /// a new leader's phase 1 for all log positions at once.
    Promised {
        ballot: Ballot,
        to: NodeId,
        previous: Ballot,
        first: Option<Proposal>,
        count: usize,
        from_slot: u64,
        all_slots: bool,
    },
    RejectedPrepare {
        ballot: Ballot,
        from: NodeId,
        promised: Ballot,
        nack: bool,
    },
    /// Phase 2b: accepted (P1a). `implicit`: Multi-Paxos, and the acceptor had already
    /// promised this ballot for every slot, so the slot needed no Prepare of its own (§3).
    /// `again`: it had already accepted this very proposal (a resent Accept): nothing changes.
    Accepted {
        ballot: Ballot,
        slot: Option<u64>,
        value: Value,
        from: NodeId,
        implicit: bool,
        again: bool,
    },
    RejectedAccept {
        ballot: Ballot,
        slot: Option<u64>,
        from: NodeId,
        promised: Ballot,
        nack: bool,
    },
    Learned {
        slot: Option<u64>,
        value: Value,
        how: How,
    },
    /// Told of a value other than the one it learned: safety is broken.
    Conflict {
        slot: Option<u64>,
        known: Value,
        other: Value,
    },
    ReadStarted {
        ballot: Ballot,
    },
    ReadNothing {
        ballot: Ballot,
        replied: Vec<NodeId>,
    },
    ReadUnsure {
        ballot: Ballot,
        highest: Option<(Ballot, Value)>,
    },
    ReadFailed {
        ballot: Ballot,
        promised: Ballot,
        by: NodeId,
    },
    FollowLeader {
        leader: NodeId,
        ballot: Ballot,
    },
    StaleHeartbeat {
        from: NodeId,
        ballot: Ballot,
        known: Ballot,
        nack: bool,
    },
    CatchUpSent {
        to: NodeId,
        from_slot: u64,
        count: usize,
    },
    /// A reply for a ballot the node is no longer working on.
    Stale {
        from: NodeId,
        kind: String,
        ballot: Ballot,
        current: Option<Ballot>,
    },
}

/// "slot 1" or "slots 1–2, 4".
pub(super) fn slots(slots: &[u64]) -> String {
    if slots.len() == 1 {
        format!("slot {}", slots[0])
    } else {
        format!("slots {}", ranges(slots))
    }
}

/// Display names of `ids`, comma-separated.
pub(super) fn list(names: &Names, ids: &[NodeId]) -> String {
    ids.iter()
        .map(|&i| crate::core::name(names, i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `0–2, 5`: slot numbers as ranges.
pub(super) fn ranges(slots: &[u64]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < slots.len() {
        let start = slots[i];
        let mut end = start;
        while i + 1 < slots.len() && slots[i + 1] == end + 1 {
            i += 1;
            end = slots[i];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    out.join(", ")
}

impl Explain for PaxosNote {
    fn rule(&self) -> &'static str {
        use PaxosNote::*;
        match self {
            Restarted { .. } | ForgotPromise { .. } => "§2.5",
            Phase1 { why, .. } => match why {
                Why::Client { .. } => "§2.2",
                Why::Retry { .. } => "§2.4",
                Why::Election { .. } => "§3",
            },
            Queued { .. } | Abandoned { .. } | Stale { .. } => "§2.2",
            Phase2 { .. } | NothingToPropose { .. } => "P2c",
            BecameLeader { .. }
            | SkipPhase1 { .. }
            | SteppedDown { .. }
            | Dropped { .. }
            | Resent { .. }
            | FollowLeader { .. }
            | StaleHeartbeat { .. }
            | CatchUpSent { .. } => "§3",
            Redirected { to_leader, .. } => {
                if *to_leader {
                    "§3"
                } else {
                    "§2.1"
                }
            }
            Answered { .. } | AlreadyChosen { .. } | Learned { .. } => "§2.3",
            ReadStarted { .. } | ReadNothing { .. } | ReadUnsure { .. } | ReadFailed { .. } => {
                "§2.3"
            }
            TimeoutIgnored { .. } => "§2.4",
            // Phase 1(b) of §2.2: promise, and report the highest-numbered accepted proposal
            // (the rule that maintains P2c). Refusals and acceptance follow from P1a.
            Promised { .. } => "§2.2 (1b)",
            RejectedPrepare { .. } | RejectedAccept { .. } | Accepted { .. } => "P1a",
            Conflict { .. } => "P2",
        }
    }

    fn render(&self, me: NodeId, names: &Names, lang: Lang) -> String {
        let me_s = crate::core::name(names, me).to_string();
        let rule = self.rule();
        match lang {
            Lang::En => format!(
                "{me_s} {}{}",
                self.english(names),
                crate::glossary::cite(rule, lang)
            ),
            Lang::Zh => format!(
                "{me_s} {}{}",
                self.chinese(names),
                crate::glossary::cite(rule, lang)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_ranges() {
        assert_eq!(ranges(&[0, 1, 2, 5, 7, 8]), "0–2, 5, 7–8");
        assert_eq!(ranges(&[]), "");
        assert_eq!(slots(&[1]), "slot 1");
        assert_eq!(slots(&[1, 2, 4]), "slots 1–2, 4");
    }

    #[test]
    fn the_issue_example_renders_in_both_languages() {
        let names: Vec<String> = ["A1", "A2", "A3"].iter().map(|s| s.to_string()).collect();
        let n = PaxosNote::RejectedAccept {
            ballot: Ballot::new(1, 0),
            slot: None,
            from: 0,
            promised: Ballot::new(2, 2),
            nack: false,
        };
        assert_eq!(
            n.render(1, &names, Lang::En),
            "A2 ignored Accept(1.A1) from A1: it promised 2.A3 (P1a)"
        );
        assert_eq!(
            n.render(1, &names, Lang::Zh),
            "A2 忽略了来自 A1 的 Accept(1.A1)：它已承诺 2.A3（P1a）"
        );
    }
}
