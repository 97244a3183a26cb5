//! The simulated network: latency, loss, duplication, reordering, partitions and link cuts.

use crate::core::vecmap::VecSet;
use crate::core::{NodeId, Time, MS};
use crate::sim::DropReason;
use serde::{Deserialize, Serialize};

/// Network behaviour. Probabilities are in `[0, 1]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetConfig {
    /// The shortest one-way latency: a message's latency is uniform in
    /// `[latency_min, latency_max]`.
    pub latency_min: Time,
    /// The longest one-way latency.
    pub latency_max: Time,
    /// Probability that a message is lost.
    pub loss: f64,
    /// Probability that a message is delivered twice.
    pub duplicate: f64,
    /// Probability that a message is held back by an extra `reorder_delay`, so that later
    /// messages overtake it.
    pub reorder: f64,
    /// How much later a reordered message arrives.
    pub reorder_delay: Time,
}

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            latency_min: 10 * MS,
            latency_max: 20 * MS,
            loss: 0.0,
            duplicate: 0.0,
            reorder: 0.0,
            reorder_delay: 50 * MS,
        }
    }
}

/// Who can talk to whom. A message from `a` to `b` gets through only when both are in the same
/// partition group and the one-way link `a → b` is not cut.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topology {
    /// Partition group of each node; all zero when healed.
    pub group: Vec<u32>,
    /// Cut one-way links `(from, to)`.
    pub cut: VecSet<(NodeId, NodeId)>,
}

impl Topology {
    /// A healed network of `n` nodes: no partition, no cut link.
    pub fn new(n: usize) -> Self {
        Topology {
            group: vec![0; n],
            cut: VecSet::new(),
        }
    }

    /// Whether a message from `from` can reach `to` now (a node always reaches itself).
    pub fn connected(&self, from: NodeId, to: NodeId) -> bool {
        self.blocked(from, to).is_none()
    }

    /// Splits the cluster into `groups`; nodes not named form one further group together.
    pub fn partition(&mut self, groups: &[Vec<NodeId>]) {
        let rest = groups.len() as u32 + 1;
        for g in self.group.iter_mut() {
            *g = rest;
        }
        for (i, members) in groups.iter().enumerate() {
            for &m in members {
                if m < self.group.len() {
                    self.group[m] = i as u32 + 1;
                }
            }
        }
    }

    /// Why a message from `from` cannot reach `to` now, if it cannot: different partition
    /// groups come first (restoring the link would not help), then a cut link.
    pub fn blocked(&self, from: NodeId, to: NodeId) -> Option<DropReason> {
        if from == to {
            None
        } else if self.group[from] != self.group[to] {
            Some(DropReason::Partitioned)
        } else if self.cut.contains(&(from, to)) {
            Some(DropReason::Cut)
        } else {
            None
        }
    }

    /// Removes every partition and every cut link.
    pub fn heal(&mut self) {
        self.group.iter_mut().for_each(|g| *g = 0);
        self.cut.clear();
    }

    /// Whether any partition or cut link is in place.
    pub fn is_partitioned(&self) -> bool {
        self.group.iter().any(|&g| g != self.group[0]) || !self.cut.is_empty()
    }

    /// The current groups, as lists of node ids, in order of their smallest member.
    pub fn groups(&self) -> Vec<Vec<NodeId>> {
        let mut out: Vec<(u32, Vec<NodeId>)> = Vec::new();
        for (node, &g) in self.group.iter().enumerate() {
            match out.iter_mut().find(|(id, _)| *id == g) {
                Some((_, members)) => members.push(node),
                None => out.push((g, vec![node])),
            }
        }
        out.into_iter().map(|(_, m)| m).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_and_cuts() {
        let mut t = Topology::new(5);
        assert!(t.connected(0, 4));
        t.partition(&[vec![0, 1]]);
        assert!(t.connected(0, 1));
        assert!(!t.connected(1, 2));
        assert!(t.connected(2, 4));
        assert_eq!(t.groups(), vec![vec![0, 1], vec![2, 3, 4]]);
        t.heal();
        t.cut.insert((0, 1));
        assert!(!t.connected(0, 1));
        assert!(t.connected(1, 0));
        assert!(t.is_partitioned());
        assert_eq!(t.blocked(0, 1), Some(DropReason::Cut));
        t.partition(&[vec![0]]);
        assert_eq!(t.blocked(0, 1), Some(DropReason::Partitioned));
        assert_eq!(t.blocked(1, 2), None);
    }
}
