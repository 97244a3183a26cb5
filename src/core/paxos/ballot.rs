//! Ballots (proposal numbers).
//!
//! Paxos Made Simple §2.5: "Different proposers choose their numbers from disjoint sets of
//! numbers". A ballot is the pair `(round, proposer)`, compared round first, so ballots are
//! unique (one proposer never reuses a ballot: it keeps the highest one it used on disk) and
//! totally ordered.

use crate::core::{Names, NodeId};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A proposal number: `round` first, then the proposer's id to break ties.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Ballot {
    /// The round; real rounds start at 1.
    pub round: u64,
    /// The proposer that chose it, which breaks ties between equal rounds.
    pub proposer: NodeId,
}

impl Ballot {
    /// "No ballot": below every real ballot (real rounds start at 1).
    pub const ZERO: Ballot = Ballot {
        round: 0,
        proposer: 0,
    };

    /// Ballot `round` of `proposer`.
    pub const fn new(round: u64, proposer: NodeId) -> Self {
        Ballot { round, proposer }
    }

    /// Whether this is [`Ballot::ZERO`], "no ballot".
    pub fn is_zero(&self) -> bool {
        self.round == 0
    }

    /// The ballot as the feed and the scenarios write it: the round, then the proposer's name,
    /// so `1.n1` is n1's first round (the names make the disjoint sets of §2.5 visible). The
    /// zero ballot is `0`.
    pub fn named(&self, names: &Names) -> String {
        if self.is_zero() {
            "0".into()
        } else {
            let who = names
                .get(self.proposer)
                .cloned()
                .unwrap_or_else(|| (self.proposer + 1).to_string());
            format!("{}.{who}", self.round)
        }
    }

    /// The smallest ballot of `proposer` whose round is above every round in `seen`.
    pub fn next_for(proposer: NodeId, seen: impl IntoIterator<Item = Ballot>) -> Ballot {
        let round = seen.into_iter().map(|b| b.round).max().unwrap_or(0) + 1;
        Ballot { round, proposer }
    }
}

/// `2.3` is round 2 of the proposer with id 2 (the third node); the zero ballot shows as `0`.
impl fmt::Display for Ballot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            write!(f, "0")
        } else {
            write!(f, "{}.{}", self.round, self.proposer + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_by_round_then_proposer() {
        assert!(Ballot::new(1, 2) < Ballot::new(2, 0));
        assert!(Ballot::new(2, 0) < Ballot::new(2, 1));
        assert!(Ballot::ZERO < Ballot::new(1, 0));
        assert_eq!(Ballot::new(2, 2).to_string(), "2.3");
        assert_eq!(Ballot::ZERO.to_string(), "0");
    }

    #[test]
    fn a_named_ballot_shows_its_proposer() {
        let names: Vec<String> = ["m1", "m2", "m3"].iter().map(|s| s.to_string()).collect();
        assert_eq!(Ballot::new(2, 1).named(&names), "2.m2");
        assert_eq!(Ballot::ZERO.named(&names), "0");
        assert_eq!(Ballot::new(1, 5).named(&names), "1.6");
    }

    #[test]
    fn next_ballot_is_above_everything_seen() {
        let b = Ballot::next_for(0, [Ballot::new(3, 2), Ballot::new(1, 0)]);
        assert_eq!(b, Ballot::new(4, 0));
        assert!(b > Ballot::new(3, 2));
    }
}
