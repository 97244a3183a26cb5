//! What a Paxos node keeps on stable storage (Paxos Made Simple §2.5).

use super::ballot::Ballot;
use super::message::Value;
use crate::core::vecmap::VecMap;
use serde::{Deserialize, Serialize};

/// A node's "disk". Everything here survives a crash; everything else in
/// [`super::PaxosNode`] is volatile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PaxosDurable {
    /// Acceptor: the highest ballot it promised. One promise covers every slot (for
    /// single-decree Paxos there is only slot 0), P1a.
    pub promised: Ballot,
    /// Acceptor: in each slot, the highest-numbered proposal it accepted (ballot, value).
    pub accepted: VecMap<u64, (Ballot, Value)>,
    /// Proposer: the highest ballot it has used, so that it never uses a ballot twice, not
    /// even after a crash (§2.5: "remembers the highest-numbered proposal it has tried to
    /// issue").
    pub ballot: Ballot,
    /// Learner: the values it learned to be chosen, by slot.
    pub chosen: VecMap<u64, Value>,
}

impl PaxosDurable {
    /// The first slot whose chosen value this node does not know.
    pub fn first_unknown(&self) -> u64 {
        let mut s = 0;
        for &k in self.chosen.keys() {
            if k != s {
                break;
            }
            s += 1;
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_unknown_slot_skips_the_known_prefix() {
        let mut d = PaxosDurable::default();
        assert_eq!(d.first_unknown(), 0);
        d.chosen.insert(0, "a".into());
        d.chosen.insert(1, "b".into());
        d.chosen.insert(3, "d".into());
        assert_eq!(d.first_unknown(), 2);
    }
}
