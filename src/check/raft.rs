//! Raft's safety properties (§5.4, Figure 3), checked after every event, plus two of our own:
//! terms never decrease and a node votes at most once per term, both even across restarts.
//!
//! The checker keeps ghost state: a chained hash of every log prefix it has seen, so Log
//! Matching and State Machine Safety cost O(changed entries) per event, not O(log²). Finding
//! what changed walks the node's log, but compares two integers per entry (term and client
//! request, see [`Seen::is`]) and hashes only the entries that changed.

use super::{Checked, Checker, Violation};
use crate::core::raft::{Command, Entry, RaftNode, Role};
use crate::core::vecmap::VecMap;
use crate::core::NodeId;
use crate::sim::{Simulator, Status, Step};

pub const ELECTION_SAFETY: &str = "Election Safety";
pub const LEADER_APPEND_ONLY: &str = "Leader Append-Only";
pub const LOG_MATCHING: &str = "Log Matching";
pub const LEADER_COMPLETENESS: &str = "Leader Completeness";
pub const STATE_MACHINE_SAFETY: &str = "State Machine Safety";
pub const TERMS_MONOTONIC: &str = "Terms never decrease";
pub const ONE_VOTE: &str = "One vote per term";

const ALL: &[&str] = &[
    ELECTION_SAFETY,
    LEADER_APPEND_ONLY,
    LOG_MATCHING,
    LEADER_COMPLETENESS,
    STATE_MACHINE_SAFETY,
    TERMS_MONOTONIC,
    ONE_VOTE,
];

fn mix(h: u64, x: u64) -> u64 {
    let mut z = (h ^ x).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn entry_hash(e: &Entry) -> u64 {
    let mut h = mix(0x51ed, e.term);
    match &e.command {
        Command::Noop => h = mix(h, 0),
        Command::Value { request, value } => {
            h = mix(h, *request + 1);
            for chunk in value.as_bytes().chunks(8) {
                let mut b = [0u8; 8];
                b[..chunk.len()].copy_from_slice(chunk);
                h = mix(h, u64::from_le_bytes(b));
            }
        }
    }
    h
}

/// What the checker remembers of one node's log entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seen {
    term: u64,
    /// The client request of the command, 0 for none (a no-op, a scenario's initial entry).
    request: u64,
    entry: u64,
    /// Hash of the whole prefix ending here.
    prefix: u64,
}

impl Seen {
    /// Whether `e` is the entry seen here. The simulator numbers client requests and binds
    /// each number to its value once, so an entry with the same term and request number is
    /// the same entry: most of the log is compared without hashing it again. Entries with
    /// no request number are compared by hash. (So a node that rewrote a command's value in
    /// place, keeping its term and request number, would go unnoticed here; no code in the
    /// core edits an entry in place.)
    fn is(&self, e: &Entry) -> bool {
        self.term == e.term
            && match &e.command {
                Command::Value { request, .. } if *request > 0 => self.request == *request,
                _ => self.request == 0 && self.entry == entry_hash(e),
            }
    }
}

/// The client request number of `e`'s command (0 for none).
fn request_of(e: &Entry) -> u64 {
    match &e.command {
        Command::Value { request, .. } => *request,
        Command::Noop => 0,
    }
}

#[derive(Clone, Debug)]
pub struct RaftChecker {
    logs: Vec<Vec<Seen>>,
    roles: Vec<(Role, u64)>,
    max_term: Vec<u64>,
    votes: VecMap<(NodeId, u64), NodeId>,
    leaders: VecMap<u64, NodeId>,
    /// By index (from 1), term → prefix hash, for every entry ever seen on any node.
    matching: Vec<VecMap<u64, u64>>,
    /// The committed prefix: prefix hash, entry term and the term in which it was first seen
    /// committed, index by index.
    committed: Vec<(u64, u64, u64)>,
    /// Which node first committed each index (for reports).
    committed_by: Vec<NodeId>,
}

fn label(e: Option<&Entry>) -> String {
    match e {
        Some(e) => format!("\"{}\" (term {})", e.label(), e.term),
        None => "nothing".into(),
    }
}

impl RaftChecker {
    fn check_node(&mut self, sim: &Simulator<RaftNode>, i: NodeId) -> Result<(), Violation> {
        let node = sim.node(i);
        let names = sim.names();
        let name = &names[i];
        let term = node.current_term();
        let v = |inv: &str, detail: String| Err(Violation::new(sim, inv, detail));

        // Terms never decrease, even across restarts.
        if term < self.max_term[i] {
            return v(
                TERMS_MONOTONIC,
                format!(
                    "{name}'s current_term went back from {} to {term}",
                    self.max_term[i]
                ),
            );
        }
        self.max_term[i] = term;

        // At most one vote per term, even across restarts.
        if let Some(c) = node.voted_for() {
            match self.votes.get(&(i, term)) {
                Some(&prev) if prev != c => {
                    return v(
                        ONE_VOTE,
                        format!(
                            "{name} voted for {} and then for {} in term {term}",
                            names[prev], names[c]
                        ),
                    )
                }
                Some(_) => {}
                None => {
                    self.votes.insert((i, term), c);
                }
            }
        }

        // Bring the shadow log up to date and find where it changed.
        let log = node.log();
        let shadow = &mut self.logs[i];
        let old_len = shadow.len();
        let d = shadow.iter().zip(log).take_while(|(s, e)| s.is(e)).count();
        let changed = d < old_len;
        shadow.truncate(d);
        for e in &log[d..] {
            let prev = shadow.last().map_or(0, |s| s.prefix);
            let entry = entry_hash(e);
            shadow.push(Seen {
                term: e.term,
                request: request_of(e),
                entry,
                prefix: mix(prev, entry),
            });
        }

        // Leader Append-Only: a leader never overwrites or deletes entries in its log.
        let (old_role, old_term) = self.roles[i];
        let status = sim.status(i);
        if old_role == Role::Leader && node.role == Role::Leader && old_term == term && changed {
            return v(
                LEADER_APPEND_ONLY,
                format!(
                    "{name}, leader of term {term}, changed its own log at index {} (it had {old_len} entries)",
                    d + 1
                ),
            );
        }
        self.roles[i] = (node.role, term);

        // Log Matching: same index and term ⇒ identical logs up to that index.
        for (k, s) in self.logs[i].iter().enumerate().skip(d) {
            if self.matching.len() <= k {
                self.matching.resize_with(k + 1, VecMap::default);
            }
            match self.matching[k].get(&s.term) {
                Some(&p) if p != s.prefix => {
                    return v(
                        LOG_MATCHING,
                        format!(
                            "{name} has an entry at index {} with term {} whose preceding log differs from another log's entry with the same index and term",
                            k + 1,
                            s.term
                        ),
                    )
                }
                Some(_) => {}
                None => {
                    self.matching[k].insert(s.term, s.prefix);
                }
            }
        }

        // Election Safety: at most one leader per term.
        if node.role == Role::Leader && status != Status::Crashed {
            match self.leaders.get(&term) {
                Some(&other) if other != i => {
                    return v(
                        ELECTION_SAFETY,
                        format!(
                            "{} and {name} are both leaders of term {term}",
                            names[other]
                        ),
                    )
                }
                Some(_) => {}
                None => {
                    self.leaders.insert(term, i);
                }
            }
            // Leader Completeness: entries committed in earlier terms are in the leader's log.
            let need = self.committed.partition_point(|c| c.2 < term);
            if need > 0 {
                let have = self.logs[i].get(need - 1).map(|s| s.prefix);
                if have != Some(self.committed[need - 1].0) {
                    let k = (0..need)
                        .find(|&k| {
                            self.logs[i].get(k).map(|s| s.prefix) != Some(self.committed[k].0)
                        })
                        .unwrap_or(need - 1);
                    return v(
                        LEADER_COMPLETENESS,
                        format!(
                            "{name} leads term {term} without the entry committed at index {} (it has {})",
                            k + 1,
                            label(log.get(k))
                        ),
                    );
                }
            }
        }

        // State Machine Safety: no two nodes commit different entries at the same index.
        let c = node.commit_index as usize;
        if c > self.logs[i].len() {
            return v(
                STATE_MACHINE_SAFETY,
                format!(
                    "{name}'s commit_index {c} is past the end of its log ({})",
                    log.len()
                ),
            );
        }
        let known = self.committed.len().min(c);
        if known > 0 && self.logs[i][known - 1].prefix != self.committed[known - 1].0 {
            let k = (0..known)
                .find(|&k| self.logs[i][k].prefix != self.committed[k].0)
                .unwrap_or(known - 1);
            let first = self.committed_by[k];
            let theirs = sim.node(first).log().get(k);
            return v(
                STATE_MACHINE_SAFETY,
                format!(
                    "{name} committed {} at index {}, but {} had committed {} there",
                    label(log.get(k)),
                    k + 1,
                    names[first],
                    label(theirs)
                ),
            );
        }
        for k in self.committed.len()..c {
            let s = self.logs[i][k];
            self.committed.push((s.prefix, s.term, term));
            self.committed_by.push(i);
        }
        Ok(())
    }
}

impl Checker<RaftNode> for RaftChecker {
    fn new(sim: &Simulator<RaftNode>) -> Self {
        let n = sim.n();
        let mut c = RaftChecker {
            logs: vec![Vec::new(); n],
            roles: vec![(Role::Follower, 0); n],
            max_term: vec![0; n],
            votes: VecMap::new(),
            leaders: VecMap::new(),
            matching: Vec::new(),
            committed: Vec::new(),
            committed_by: Vec::new(),
        };
        for i in 0..n {
            // The initial state itself is taken as given (scenarios may start from any logs).
            let _ = c.check_node(sim, i);
        }
        c
    }

    fn check(&mut self, sim: &Simulator<RaftNode>, step: Option<Step>) -> Result<(), Violation> {
        match step.and_then(|s| s.node) {
            Some(i) => self.check_node(sim, i),
            None if step.is_some() => Ok(()),
            None => (0..sim.n()).try_for_each(|i| self.check_node(sim, i)),
        }
    }

    fn invariants(&self) -> &'static [&'static str] {
        ALL
    }
}

impl Checked for RaftNode {
    type Checker = RaftChecker;
}

/// Liveness once the cluster is healed: one leader that every node follows in its term, and
/// every acknowledged client command committed on every node.
pub fn liveness(sim: &Simulator<RaftNode>) -> Result<(), String> {
    let names = sim.names();
    let top = (0..sim.n())
        .map(|i| sim.node(i).current_term())
        .max()
        .unwrap_or(0);
    let leaders: Vec<NodeId> = (0..sim.n())
        .filter(|&i| sim.status(i) == Status::Up)
        .filter(|&i| sim.node(i).role == Role::Leader && sim.node(i).current_term() == top)
        .collect();
    let [leader] = leaders[..] else {
        return Err(format!(
            "no single leader in term {top} (leaders: {leaders:?})"
        ));
    };
    for (i, name) in names.iter().enumerate() {
        let node = sim.node(i);
        if sim.status(i) != Status::Up {
            return Err(format!("{name} is not up"));
        }
        if node.current_term() != top || node.leader_id != Some(leader) {
            return Err(format!(
                "{name} is in term {} following {:?}, not {} of term {top}",
                node.current_term(),
                node.leader_id.map(|l| names[l].clone()),
                names[leader]
            ));
        }
    }
    for (id, rec) in &sim.state.requests {
        if let Some(crate::core::ClientOutcome::Committed { index }) = rec.outcome {
            for (i, name) in names.iter().enumerate() {
                let node = sim.node(i);
                let entry = (index as usize)
                    .checked_sub(1)
                    .and_then(|k| node.log().get(k));
                let ok = node.commit_index >= index
                    && matches!(entry.map(|e| &e.command),
                        Some(Command::Value { request, .. }) if request == id);
                if !ok {
                    return Err(format!(
                        "acknowledged request #{id} (index {index}) is not committed on {name}"
                    ));
                }
            }
        }
    }
    Ok(())
}
