//! The logs panel's data, cheaply: a window of every node's log (the columns on screen), so
//! that a log of any length costs only what is visible. A scene built with
//! `SceneOptions { logs: false, .. }` leaves the logs out; the panel asks for the window it
//! shows with [`Cluster::log_window`] instead, and only when the run has changed.

use super::cluster::Cluster;
use super::scene::LogCell;
use crate::core::paxos::{Ballot, PaxosNode};
use crate::core::raft::RaftNode;
use crate::core::{NodeId, Protocol};
use crate::sim::Simulator;
use serde::{Deserialize, Serialize};

/// One node's row of the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogRow {
    pub node: NodeId,
    /// One past the highest index this node holds (0 for an empty log).
    pub end: u64,
    /// How many of its entries (Raft: `commit_index`) or slots (Paxos: chosen) are committed.
    pub committed: u64,
    /// The cells whose index lies in the window, in index order. Multi-Paxos logs may have
    /// gaps (a slot this node never accepted).
    pub cells: Vec<LogCell>,
}

/// A window `[from, to)` of every node's log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogWindow {
    /// The lowest index any log can have: Raft indices start at 1 (Figure 2), Paxos slots at 0.
    pub first: u64,
    /// One past the highest index held by any node: the panel's width in columns is
    /// `end - first`.
    pub end: u64,
    pub from: u64,
    pub to: u64,
    pub rows: Vec<LogRow>,
}

/// A protocol whose nodes have a log to draw.
pub trait LogVisual: Protocol {
    /// The lowest index a log cell can have.
    const FIRST_INDEX: u64;
    /// One past the highest index `node` holds (0 when it holds nothing).
    fn log_end(node: &Self) -> u64;
    fn committed(node: &Self) -> u64;
    /// The cells of `node`'s log with `from <= index < to`.
    fn log_cells(node: &Self, from: u64, to: u64) -> Vec<LogCell>;
}

impl LogVisual for RaftNode {
    const FIRST_INDEX: u64 = 1;

    fn log_end(node: &Self) -> u64 {
        let len = node.log().len() as u64;
        if len == 0 {
            0
        } else {
            len + 1
        }
    }

    fn committed(node: &Self) -> u64 {
        node.commit_index
    }

    fn log_cells(node: &Self, from: u64, to: u64) -> Vec<LogCell> {
        let log = node.log();
        // Index k (1-based) is log[k - 1].
        let lo = from.max(1).saturating_sub(1).min(log.len() as u64) as usize;
        let hi = to.saturating_sub(1).min(log.len() as u64) as usize;
        if lo >= hi {
            return Vec::new();
        }
        log[lo..hi]
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let index = (lo + k) as u64 + 1;
                LogCell {
                    index,
                    term: e.term,
                    tag: format!("t{}", e.term),
                    value: e.label().to_string(),
                    committed: index <= node.commit_index,
                }
            })
            .collect()
    }
}

/// A ballot as the interface writes it: `round.proposer` with 1-based proposers ("2.1").
pub fn ballot_label(b: Ballot) -> String {
    if b.is_zero() {
        "—".to_string()
    } else {
        format!("{}.{}", b.round, b.proposer + 1)
    }
}

impl LogVisual for PaxosNode {
    const FIRST_INDEX: u64 = 0;

    fn log_end(node: &Self) -> u64 {
        let last = |m: Option<u64>| m.map_or(0, |s| s + 1);
        last(node.accepted().keys().next_back().copied())
            .max(last(node.chosen().keys().next_back().copied()))
    }

    fn committed(node: &Self) -> u64 {
        node.chosen().len() as u64
    }

    fn log_cells(node: &Self, from: u64, to: u64) -> Vec<LogCell> {
        if from >= to {
            return Vec::new();
        }
        let accepted = node.accepted();
        let chosen = node.chosen();
        // Every slot in the window that this node accepted or learned, in order.
        let mut slots: Vec<u64> = accepted
            .range(from..to)
            .map(|(s, _)| *s)
            .chain(chosen.range(from..to).map(|(s, _)| *s))
            .collect();
        slots.sort_unstable();
        slots.dedup();
        slots
            .into_iter()
            .map(|slot| {
                let acc = accepted.get(&slot);
                let learned = chosen.get(&slot);
                LogCell {
                    index: slot,
                    term: acc.map_or(0, |(b, _)| b.round),
                    tag: acc.map_or("✓".to_string(), |(b, _)| ballot_label(*b)),
                    value: learned.or(acc.map(|(_, v)| v)).cloned().unwrap_or_default(),
                    committed: learned.is_some(),
                }
            })
            .collect()
    }
}

/// The window `[from, to)` of every node's log in `sim`.
pub fn window<P: LogVisual>(sim: &Simulator<P>, from: u64, to: u64) -> LogWindow {
    let rows: Vec<LogRow> = (0..sim.n())
        .map(|i| {
            let node = sim.node(i);
            LogRow {
                node: i,
                end: P::log_end(node),
                committed: P::committed(node),
                cells: P::log_cells(node, from, to),
            }
        })
        .collect();
    LogWindow {
        first: P::FIRST_INDEX,
        end: rows.iter().map(|r| r.end).max().unwrap_or(0),
        from,
        to,
        rows,
    }
}

impl Cluster {
    /// The cells with index in `[from, to)` of every node's log, and how long the logs are.
    /// Costs only the window, however long the logs grow.
    pub fn log_window(&self, from: u64, to: u64) -> LogWindow {
        match self {
            Cluster::Raft(s) => window(&s.sim, from, to),
            Cluster::Paxos(s) => window(&s.sim, from, to),
        }
    }

    /// One past the highest log index held by any node (cheap: no cells are built).
    pub fn log_end(&self) -> u64 {
        fn end<P: LogVisual>(sim: &Simulator<P>) -> u64 {
            (0..sim.n())
                .map(|i| P::log_end(sim.node(i)))
                .max()
                .unwrap_or(0)
        }
        match self {
            Cluster::Raft(s) => end(&s.sim),
            Cluster::Paxos(s) => end(&s.sim),
        }
    }
}
