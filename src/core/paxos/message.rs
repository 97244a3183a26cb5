//! Paxos messages (Paxos Made Simple §2.2 phases 1a/1b/2a/2b, plus the Multi-Paxos leader's
//! heartbeats and catch-up of §3), and the timers.

use super::ballot::Ballot;
use crate::core::{Describe, Names};
use serde::{Deserialize, Serialize};

/// A proposed value. Client requests carry strings; a Multi-Paxos leader fills holes with
/// [`NOOP`].
pub type Value = String;

/// The value a new Multi-Paxos leader proposes for a slot in which no acceptor of its quorum
/// accepted anything (§3: "filling the gaps with no-op commands").
pub const NOOP: &str = "no-op";

/// A proposal an acceptor reports as accepted: in `slot`, under `ballot`, the value `value`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Proposal {
    /// The slot (0 in single-decree Paxos).
    pub slot: u64,
    /// The ballot under which it was accepted.
    pub ballot: Ballot,
    /// The value accepted.
    pub value: Value,
}

/// One Paxos message.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PaxosMsg {
    /// Phase 1a: "promise not to accept anything below `ballot`, in every slot from
    /// `from_slot` on, and tell me what you accepted there". Single-decree: `from_slot` is 0.
    Prepare {
        /// The proposer's ballot.
        ballot: Ballot,
        /// The first slot the promise covers.
        from_slot: u64,
    },
    /// Phase 1b: the promise, with the highest-numbered proposal the acceptor accepted in each
    /// slot from `from_slot` on (P1b / needed for P2c).
    Promise {
        /// The ballot promised.
        ballot: Ballot,
        /// The first slot the promise covers.
        from_slot: u64,
        /// In each slot from `from_slot` on, the highest-numbered proposal accepted there.
        accepted: Vec<Proposal>,
    },
    /// Phase 2a: "accept `value` in `slot` under `ballot`".
    Accept {
        /// The proposer's ballot, which a majority promised.
        ballot: Ballot,
        /// The slot.
        slot: u64,
        /// The value to accept.
        value: Value,
    },
    /// Phase 2b: the acceptor accepted; sent to the ballot's proposer and to every learner.
    Accepted {
        /// The ballot accepted under.
        ballot: Ballot,
        /// The slot.
        slot: u64,
        /// The value accepted.
        value: Value,
    },
    /// Optional NACK: the Prepare or Accept for `ballot` was ignored because the acceptor
    /// promised `promised` (§2.2: "it should probably inform the proposer").
    Nack {
        /// The ballot that was ignored.
        ballot: Ballot,
        /// The higher ballot the acceptor promised.
        promised: Ballot,
    },
    /// Values the sender knows to be chosen (a proposer telling learners, or a catch-up reply).
    Chosen {
        /// The chosen values, by slot.
        entries: Vec<(u64, Value)>,
    },
    /// Multi-Paxos: the leader of `ballot` is alive; it knows every slot below `chosen_upto`.
    Heartbeat {
        /// The leader's ballot.
        ballot: Ballot,
        /// Every slot below it is known to the leader as chosen.
        chosen_upto: u64,
    },
    /// Multi-Paxos: a learner asks the leader for the chosen values from slot `from` on.
    CatchUp {
        /// The first slot wanted.
        from: u64,
    },
}

/// Paxos timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PaxosTimer {
    /// Single-decree: a proposer retries with a higher ballot (§2.4); a learner with nothing to
    /// propose runs phase 1 to find the chosen value (§2.3). Multi-Paxos: the election timeout
    /// (no heartbeat from a leader).
    Timeout,
    /// Multi-Paxos leader: send heartbeats, resend unanswered Accepts.
    Heartbeat,
}

fn short(v: &str) -> String {
    if v.chars().count() > 12 {
        let s: String = v.chars().take(11).collect();
        format!("{s}…")
    } else {
        v.to_string()
    }
}

fn proposals(ps: &[Proposal], bn: &dyn Fn(&Ballot) -> String) -> String {
    if ps.is_empty() {
        return "[—]".into();
    }
    let mut parts: Vec<String> = ps
        .iter()
        .take(3)
        .map(|p| format!("s{} {}={}", p.slot, bn(&p.ballot), short(&p.value)))
        .collect();
    if ps.len() > 3 {
        parts.push(format!("+{}", ps.len() - 3));
    }
    format!("[{}]", parts.join(", "))
}

impl PaxosMsg {
    /// The one-line summary, with ballots written by `bn`.
    fn summarise(&self, bn: &dyn Fn(&Ballot) -> String) -> String {
        match self {
            PaxosMsg::Prepare { ballot, from_slot } if *from_slot == 0 => {
                format!("Prepare {}", bn(ballot))
            }
            PaxosMsg::Prepare { ballot, from_slot } => {
                format!("Prepare {} s{from_slot}+", bn(ballot))
            }
            PaxosMsg::Promise {
                ballot, accepted, ..
            } => format!("Promise {} {}", bn(ballot), proposals(accepted, bn)),
            PaxosMsg::Accept {
                ballot,
                slot,
                value,
            } => format!("Accept {} s{slot}={}", bn(ballot), short(value)),
            PaxosMsg::Accepted {
                ballot,
                slot,
                value,
            } => format!("Accepted {} s{slot}={}", bn(ballot), short(value)),
            PaxosMsg::Nack { ballot, promised } => {
                format!("Nack {}<{}", bn(ballot), bn(promised))
            }
            PaxosMsg::Chosen { entries } => {
                let mut parts: Vec<String> = entries
                    .iter()
                    .take(3)
                    .map(|(s, v)| format!("s{s}={}", short(v)))
                    .collect();
                if entries.len() > 3 {
                    parts.push(format!("+{}", entries.len() - 3));
                }
                format!("Chosen {}", parts.join(", "))
            }
            PaxosMsg::Heartbeat {
                ballot,
                chosen_upto,
            } => format!("Heartbeat {} c{chosen_upto}", bn(ballot)),
            PaxosMsg::CatchUp { from } => format!("CatchUp s{from}+"),
        }
    }
}

impl Describe for PaxosMsg {
    fn kind(&self) -> &'static str {
        match self {
            PaxosMsg::Prepare { .. } => "Prepare",
            PaxosMsg::Promise { .. } => "Promise",
            PaxosMsg::Accept { .. } => "Accept",
            PaxosMsg::Accepted { .. } => "Accepted",
            PaxosMsg::Nack { .. } => "Nack",
            PaxosMsg::Chosen { .. } => "Chosen",
            PaxosMsg::Heartbeat { .. } => "Heartbeat",
            PaxosMsg::CatchUp { .. } => "CatchUp",
        }
    }

    fn summary(&self) -> String {
        self.summarise(&|b| b.to_string())
    }

    fn label(&self, names: &Names) -> String {
        self.summarise(&|b| b.named(names))
    }

    fn outcome(&self) -> Option<bool> {
        match self {
            PaxosMsg::Promise { .. } | PaxosMsg::Accepted { .. } => Some(true),
            PaxosMsg::Nack { .. } => Some(false),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_short_and_readable() {
        let b = Ballot::new(2, 0);
        let m = PaxosMsg::Promise {
            ballot: b,
            from_slot: 0,
            accepted: vec![Proposal {
                slot: 0,
                ballot: Ballot::new(1, 1),
                value: "x".into(),
            }],
        };
        assert_eq!(m.summary(), "Promise 2.1 [s0 1.2=x]");
        assert_eq!(m.outcome(), Some(true));
        let nack = PaxosMsg::Nack {
            ballot: Ballot::new(1, 0),
            promised: Ballot::new(2, 2),
        };
        assert_eq!(nack.summary(), "Nack 1.1<2.3");
        let names: Vec<String> = ["n1", "n2", "n3"].iter().map(|s| s.to_string()).collect();
        assert_eq!(m.label(&names), "Promise 2.n1 [s0 1.n2=x]");
        assert_eq!(nack.label(&names), "Nack 1.n1<2.n3");
        assert_eq!(nack.outcome(), Some(false));
        assert_eq!(
            PaxosMsg::Prepare {
                ballot: b,
                from_slot: 0
            }
            .outcome(),
            None
        );
    }
}
