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
    Client {
        /// The client request.
        request: u64,
    },
    /// Its previous ballot did not succeed in time (§2.4).
    Retry {
        /// The ballot that did not succeed.
        old: Ballot,
    },
    /// Multi-Paxos: no heartbeat from a leader (`silent`, if it knew one).
    Election {
        /// The leader that fell silent, if it knew one.
        silent: Option<NodeId>,
    },
    /// Its timer fired after it had already abandoned ballot `old` on a NACK (§2.4: a proposer
    /// may abandon a proposal and start a new one at any time). Nothing was pending on `old`.
    /// Last in the enum so the serialised form of the others does not change.
    AfterAbandon {
        /// The ballot it had abandoned.
        old: Ballot,
    },
}

/// How a node found out that a value is chosen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum How {
    /// Accepted messages from a majority for the same ballot.
    Accepted {
        /// The ballot.
        ballot: Ballot,
        /// The acceptors that accepted it.
        acceptors: Vec<NodeId>,
    },
    /// Another node that knows told it.
    Told {
        /// The node that told it.
        by: NodeId,
    },
    /// Its own phase 1: a majority reported the same accepted ballot.
    Read {
        /// The node's own reading ballot.
        ballot: Ballot,
        /// The acceptors that reported the same accepted ballot.
        acceptors: Vec<NodeId>,
    },
}

/// What made a Multi-Paxos leader or candidate give up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepDownCause {
    /// An acceptor refused it (NACK).
    Nack {
        /// The acceptor.
        by: NodeId,
    },
    /// Its own acceptor promised (or accepted) a higher ballot from `to`.
    Promised {
        /// The proposer of the higher ballot.
        to: NodeId,
    },
    /// A heartbeat from the leader of a higher ballot.
    Heartbeat {
        /// The leader of the higher ballot.
        from: NodeId,
    },
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
    AlreadyChosen {
        /// The chosen value.
        value: Value,
    },
}

/// One decision by a Paxos node, worth showing. Slots are `None` in single-decree Paxos.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaxosNote {
    /// Rebooted with what was on disk (§2.5).
    Restarted {
        /// The promise on disk.
        promised: Ballot,
        /// How many accepted proposals were on disk.
        accepted: usize,
        /// How many chosen values were on disk.
        chosen: usize,
        /// The last ballot this node used as a proposer.
        ballot: Ballot,
    },
    /// UNSAFE switch: the promise was lost in the crash.
    ForgotPromise {
        /// The promise it had made.
        was: Ballot,
    },
    /// Phase 1a sent.
    Phase1 {
        /// The new ballot.
        ballot: Ballot,
        /// The first slot it covers.
        from_slot: u64,
        /// Why phase 1 started.
        why: Why,
    },
    /// A client request waits.
    Queued {
        /// The client request.
        request: u64,
        /// Its value.
        value: Value,
        /// The ballot already in progress, if any.
        ballot: Option<Ballot>,
    },
    /// Phase 2a with the value P2c dictates.
    Phase2 {
        /// The ballot.
        ballot: Ballot,
        /// The value proposed.
        value: Value,
        /// The highest-numbered accepted proposal among the promises, whose value it must propose
        /// (P2c); `None` if no promiser accepted anything.
        adopted: Option<Ballot>,
        /// The client's value it had, if any.
        own: Option<Value>,
        /// The majority that promised.
        promisers: Vec<NodeId>,
    },
    /// A majority promised, but there is nothing to propose: no client value, and no acceptor
    /// accepted anything.
    NothingToPropose {
        /// The ballot.
        ballot: Ballot,
    },
    /// Multi-Paxos: a majority promised for every slot from `from_slot` on, so this node leads
    /// (§3).
    BecameLeader {
        /// The ballot.
        ballot: Ballot,
        /// The majority that promised.
        promisers: Vec<NodeId>,
        /// The first slot it leads.
        from_slot: u64,
        /// Slots in which it re-proposes the highest-numbered accepted value (P2c).
        recovered: Vec<u64>,
        /// Slots below the highest one reported in which nothing was accepted: filled with no-ops.
        holes: Vec<u64>,
    },
    /// Multi-Paxos: a new command goes straight to phase 2: the leader's phase 1 covered every
    /// slot (§3).
    SkipPhase1 {
        /// The leader's ballot.
        ballot: Ballot,
        /// The slot.
        slot: u64,
        /// The client request.
        request: u64,
        /// Its value.
        value: Value,
    },
    /// Single-decree: a NACK made the proposer abandon its ballot.
    Abandoned {
        /// The abandoned ballot.
        ballot: Ballot,
        /// The higher ballot the acceptor promised.
        promised: Ballot,
        /// The acceptor that refused it.
        by: NodeId,
        /// Whether the retry waits a random time (randomised backoff, §2.4).
        backoff: bool,
    },
    /// Multi-Paxos: a leader or candidate gave up its ballot for a higher one.
    SteppedDown {
        /// Its ballot.
        ballot: Ballot,
        /// The higher ballot.
        higher: Ballot,
        /// Whether it was the leader (not only a candidate).
        leader: bool,
        /// What made it give up.
        cause: StepDownCause,
    },
    /// A client is told its request's slot is decided.
    Answered {
        /// The client request.
        request: u64,
        /// The slot (`None`: single-decree).
        slot: Option<u64>,
        /// The value chosen there.
        chosen: Value,
        /// The client's value.
        asked: Value,
    },
    /// A request came in for a value already decided: the client is told at once.
    AlreadyChosen {
        /// The client request.
        request: u64,
        /// The value chosen.
        value: Value,
        /// The client's value.
        asked: Value,
    },
    /// Not the leader (or not a proposer): the client is sent elsewhere.
    Redirected {
        /// The client request.
        request: u64,
        /// Where it is sent, if anywhere.
        leader: Option<NodeId>,
        /// `true`: to the leader; `false`: to a proposer.
        to_leader: bool,
    },
    /// Multi-Paxos leader: with its heartbeat it sends Accept again, for these slots, to the
    /// acceptors whose Accepted it has not received (a message may have been lost, §3).
    Resent {
        /// The leader's ballot.
        ballot: Ballot,
        /// The slots.
        slots: Vec<u64>,
    },
    /// A command in flight when its leader stepped down.
    Dropped {
        /// The client request.
        request: u64,
        /// Its slot.
        slot: u64,
    },
    /// A timer fired and the node had nothing to do.
    TimeoutIgnored {
        /// Why.
        why: IdleReason,
    },
    /// Phase 1b: promised (§2.2 (1b)). In Multi-Paxos (`all_slots`) one promise covers every
    /// slot from `from_slot` on: the "implicit promise" of Mesos's replicated log, granted to
    /// a new leader's phase 1 for all log positions at once.
    Promised {
        /// The ballot promised.
        ballot: Ballot,
        /// Its proposer.
        to: NodeId,
        /// The promise it had made before.
        previous: Ballot,
        /// The first accepted proposal it reports, if any.
        first: Option<Proposal>,
        /// How many accepted proposals it reports.
        count: usize,
        /// The first slot the promise covers.
        from_slot: u64,
        /// Multi-Paxos: the promise covers every slot from `from_slot` on.
        all_slots: bool,
    },
    /// Ignored a Prepare below its promise (P1a).
    RejectedPrepare {
        /// The Prepare's ballot.
        ballot: Ballot,
        /// Its proposer.
        from: NodeId,
        /// The higher ballot it promised.
        promised: Ballot,
        /// Whether it sent a NACK.
        nack: bool,
    },
    /// Phase 2b: accepted (P1a). `implicit`: Multi-Paxos, and the acceptor had already
    /// promised this ballot for every slot, so the slot needed no Prepare of its own (§3).
    /// `again`: it had already accepted this very proposal (a resent Accept): nothing changes.
    Accepted {
        /// The ballot.
        ballot: Ballot,
        /// The slot (`None`: single-decree).
        slot: Option<u64>,
        /// The value.
        value: Value,
        /// The proposer.
        from: NodeId,
        /// Accepted under a promise that covers every slot (Multi-Paxos).
        implicit: bool,
        /// It had already accepted this very proposal.
        again: bool,
    },
    /// Ignored an Accept below its promise (P1a).
    RejectedAccept {
        /// The Accept's ballot.
        ballot: Ballot,
        /// The slot (`None`: single-decree).
        slot: Option<u64>,
        /// Its proposer.
        from: NodeId,
        /// The higher ballot it promised.
        promised: Ballot,
        /// Whether it sent a NACK.
        nack: bool,
    },
    /// A learner learned a chosen value.
    Learned {
        /// The slot (`None`: single-decree).
        slot: Option<u64>,
        /// The value.
        value: Value,
        /// How it found out.
        how: How,
    },
    /// Told of a value other than the one it learned: safety is broken.
    Conflict {
        /// The slot (`None`: single-decree).
        slot: Option<u64>,
        /// The value it learned.
        known: Value,
        /// The other value it was told of.
        other: Value,
    },
    /// Single-decree learner: runs phase 1 itself to find the chosen value (§2.3).
    ReadStarted {
        /// Its reading ballot.
        ballot: Ballot,
    },
    /// The read found that a majority accepted nothing: no value is chosen yet.
    ReadNothing {
        /// Its reading ballot.
        ballot: Ballot,
        /// The majority that replied.
        replied: Vec<NodeId>,
    },
    /// The read settled nothing: no majority reports the same accepted ballot.
    ReadUnsure {
        /// Its reading ballot.
        ballot: Ballot,
        /// The highest accepted proposal reported, which may be chosen.
        highest: Option<(Ballot, Value)>,
    },
    /// The read was refused by an acceptor that promised a higher ballot.
    ReadFailed {
        /// Its reading ballot.
        ballot: Ballot,
        /// The higher ballot promised.
        promised: Ballot,
        /// The acceptor.
        by: NodeId,
    },
    /// Multi-Paxos: follows the leader of a ballot it heard from.
    FollowLeader {
        /// The leader.
        leader: NodeId,
        /// Its ballot.
        ballot: Ballot,
    },
    /// Multi-Paxos: ignored a heartbeat from an older ballot.
    StaleHeartbeat {
        /// The sender.
        from: NodeId,
        /// The heartbeat's ballot.
        ballot: Ballot,
        /// The newer ballot it has seen.
        known: Ballot,
        /// Whether it sent a NACK.
        nack: bool,
    },
    /// Multi-Paxos: sends a learner the chosen values it asked for.
    CatchUpSent {
        /// The learner.
        to: NodeId,
        /// The first slot sent.
        from_slot: u64,
        /// How many values.
        count: usize,
    },
    /// A reply for a ballot the node is no longer working on.
    Stale {
        /// The sender.
        from: NodeId,
        /// The message kind.
        kind: String,
        /// The reply's ballot.
        ballot: Ballot,
        /// The ballot it works on now, if any.
        current: Option<Ballot>,
    },
    /// UNSAFE switch (after [`PaxosNote::ForgotPromise`]): rebooted with what was on disk
    /// except the promise (§2.5). Last in the enum so the serialised form of the others does
    /// not change.
    RestartedWithoutPromise {
        /// How many accepted proposals survived.
        accepted: usize,
        /// How many chosen values it knows.
        chosen: usize,
        /// The highest ballot it had used as a proposer.
        ballot: Ballot,
    },
    /// UNSAFE switch `amnesia`: the promise and every accepted proposal were lost in the
    /// crash (§2.5).
    ForgotPromiseAndAccepted {
        /// The promise it had made (zero if none).
        promised: Ballot,
        /// How many accepted proposals it lost.
        accepted: usize,
    },
    /// UNSAFE switch `amnesia` (after [`PaxosNote::ForgotPromiseAndAccepted`]): rebooted with
    /// only what it knew as learner and proposer.
    RestartedWithoutAccepted {
        /// How many chosen values it knows.
        chosen: usize,
        /// The highest ballot it had used as a proposer.
        ballot: Ballot,
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
            Restarted { .. }
            | ForgotPromise { .. }
            | RestartedWithoutPromise { .. }
            | ForgotPromiseAndAccepted { .. }
            | RestartedWithoutAccepted { .. } => "§2.5",
            Phase1 { why, .. } => match why {
                Why::Client { .. } => "§2.2",
                Why::Retry { .. } | Why::AfterAbandon { .. } => "§2.4",
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
