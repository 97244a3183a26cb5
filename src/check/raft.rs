//! Raft's safety properties (§5.4, Figure 3), checked after every event, plus four of our own:
//! terms never decrease and a node votes at most once per term, both even across restarts; a
//! node's commitIndex never goes down while it is up; and what clients were told stays true:
//! a command acknowledged as committed at an index is in the acknowledging leader's committed
//! log there, and in every later leader's log at that index, for ever (State Machine Safety
//! as a client sees it, §8).
//!
//! The checker keeps ghost state: a chained hash of every log prefix it has seen, so Log
//! Matching and State Machine Safety cost O(changed entries) per event, not O(log²). The log
//! itself says where it changed: every write goes through the marking methods of
//! [`RaftDurable`], and [`RaftDurable::unchanged_prefix`] gives the length of the prefix left
//! untouched since the checker's last look (below the lowest truncation since, below the
//! length then). Only the entries from there on are compared with the ghost copy (two integers
//! each, see `Seen::is`) and hashed; each invariant then looks only at them, or at one prefix
//! hash. When the mark cannot tell (two truncations between looks, a log replaced from
//! outside), the whole log is compared, as on the first look.
//!
//! [`RaftDurable`]: crate::core::raft::RaftDurable
//! [`RaftDurable::unchanged_prefix`]: crate::core::raft::RaftDurable::unchanged_prefix

use super::{Checked, Checker, Violation};
use crate::core::raft::{Command, Entry, LogMark, RaftNode, Role};
use crate::core::vecmap::VecMap;
use crate::core::ClientOutcome;
use crate::core::NodeId;
use crate::sim::{Simulator, Status, Step, TraceKind};

/// Figure 3: at most one leader can be elected in a given term (§5.2).
pub const ELECTION_SAFETY: &str = "Election Safety";
/// Figure 3: a leader never overwrites or deletes entries in its log, it only appends (§5.3).
pub const LEADER_APPEND_ONLY: &str = "Leader Append-Only";
/// Figure 3: two logs with an entry of the same index and term are identical up to it (§5.3).
pub const LOG_MATCHING: &str = "Log Matching";
/// Figure 3: a committed entry is in the log of every leader of a later term (§5.4).
pub const LEADER_COMPLETENESS: &str = "Leader Completeness";
/// Figure 3: no two nodes apply different commands at the same index (§5.4.3); here also as a
/// client sees it: an acknowledged write stays at its index for ever.
pub const STATE_MACHINE_SAFETY: &str = "State Machine Safety";
/// A node's current term never decreases, across restarts too (Figure 2: currentTerm is durable).
pub const TERMS_MONOTONIC: &str = "Terms never decrease";
/// A node votes at most once per term, across restarts too (Figure 2: votedFor is durable).
pub const ONE_VOTE: &str = "One vote per term";
/// commitIndex is volatile (Figure 2) but only ever grows while the node is up: a follower
/// takes leaderCommit only "if leaderCommit > commitIndex".
pub const COMMIT_MONOTONIC: &str = "commitIndex never decreases";
/// A command acknowledged to its client as committed at index k is committed at k on the node
/// that said so, and is at k in the log of every leader of a later term, for ever.
pub const ACKED_WRITES: &str = "Acknowledged writes are kept";

const ALL: &[&str] = &[
    ELECTION_SAFETY,
    LEADER_APPEND_ONLY,
    LOG_MATCHING,
    LEADER_COMPLETENESS,
    STATE_MACHINE_SAFETY,
    TERMS_MONOTONIC,
    ONE_VOTE,
    COMMIT_MONOTONIC,
    ACKED_WRITES,
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
    /// place, keeping its term and request number, would go unnoticed here; nothing can:
    /// `RaftDurable` lends its entries only as a shared slice, and writes only at the end.)
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
/// Raft's invariants (Figure 3, and what clients see), with the history they need: what each
/// node's log held, each node's role and term, its highest term and latest vote.
pub struct RaftChecker {
    logs: Vec<Vec<Seen>>,
    /// Per node: its log's mark when `logs` was last brought up to date (`None`: never).
    marks: Vec<Option<LogMark>>,
    roles: Vec<(Role, u64)>,
    max_term: Vec<u64>,
    /// Each node's latest vote: (term, candidate). Terms never decrease (checked above), so a
    /// second vote in a term can only be in the node's latest voted term: one entry per node,
    /// whatever the number of terms (a sorted map of every (node, term) grew with each term).
    votes: Vec<Option<(u64, NodeId)>>,
    leaders: VecMap<u64, NodeId>,
    /// By index (from 1), term → prefix hash, for every entry ever seen on any node.
    matching: Vec<VecMap<u64, u64>>,
    /// The committed prefix: prefix hash, entry term and the term in which it was first seen
    /// committed, index by index.
    committed: Vec<(u64, u64, u64)>,
    /// Which node first committed each index (for reports).
    committed_by: Vec<NodeId>,
    /// Trace entries already read (crashes and client replies).
    seen: usize,
    /// Per node: its commitIndex at the last check (0 again after a crash).
    commit: Vec<u64>,
    /// By log index: the command a client was told is committed there.
    acks: VecMap<u64, Ack>,
    /// Acknowledgements by the term of the leader that gave them: (term, highest index
    /// acknowledged in that term, highest index acknowledged in that term or an earlier one).
    /// A leader of term T must hold the acknowledged prefix up to the last value of the
    /// entries with a term below T: one lookup, not a walk over the acknowledged writes.
    ack_terms: Vec<(u64, u64, u64)>,
}

/// A client acknowledgement: request `request` is committed at its index, said `by` in `term`.
#[derive(Clone, Copy, Debug)]
struct Ack {
    request: u64,
    /// The prefix hash of the acknowledging node's log up to that index.
    prefix: u64,
    by: NodeId,
    term: u64,
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

        // commitIndex never decreases while the node is up (a crash loses it: volatile state).
        let commit = node.commit_index;
        if sim.status(i) == Status::Crashed {
            self.commit[i] = 0;
        } else if commit < self.commit[i] {
            let was = std::mem::replace(&mut self.commit[i], commit);
            return v(
                COMMIT_MONOTONIC,
                format!("{name}'s commitIndex went down from {was} to {commit} without a crash"),
            );
        } else {
            self.commit[i] = commit;
        }

        // At most one vote per term, even across restarts.
        if let Some(c) = node.voted_for() {
            match self.votes[i] {
                Some((t, prev)) if t == term && prev != c => {
                    return v(
                        ONE_VOTE,
                        format!(
                            "{name} voted for {} and then for {} in term {term}",
                            names[prev], names[c]
                        ),
                    )
                }
                Some((t, _)) if t == term => {}
                _ => self.votes[i] = Some((term, c)),
            }
        }

        // Bring the shadow log up to date and find where it changed: from the lowest index
        // the log marks as written since the last look, the first entry that differs.
        let log = node.log();
        let shadow = &mut self.logs[i];
        let old_len = shadow.len();
        let same = self.marks[i]
            .and_then(|m| node.durable.unchanged_prefix(m))
            .map_or(0, |k| k.min(old_len).min(log.len()));
        self.marks[i] = Some(node.durable.mark());
        let d = same
            + shadow[same..]
                .iter()
                .zip(&log[same..])
                .take_while(|(s, e)| s.is(e))
                .count();
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

        // Acknowledged writes: a leader holds every write acknowledged in an earlier term.
        if node.role == Role::Leader && status != Status::Crashed {
            self.check_leader_acks(sim, i)?;
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

impl RaftChecker {
    /// The highest index acknowledged by a leader of a term below `term`, if any.
    fn acked_before(&self, term: u64) -> Option<u64> {
        let j = self.ack_terms.partition_point(|a| a.0 < term);
        j.checked_sub(1).map(|j| self.ack_terms[j].2)
    }

    /// Leader `i` must hold the acknowledged prefix of every earlier term. Acknowledged
    /// entries are committed (checked when acknowledged), so they lie on one committed prefix:
    /// the leader holds them all if it holds the highest one (its prefix hash matches).
    fn check_leader_acks(&self, sim: &Simulator<RaftNode>, i: NodeId) -> Result<(), Violation> {
        let term = sim.node(i).current_term();
        let Some(k) = self.acked_before(term) else {
            return Ok(());
        };
        let ack = self.acks[&k];
        if self.logs[i].get(k as usize - 1).map(|s| s.prefix) == Some(ack.prefix) {
            return Ok(());
        }
        let names = sim.names();
        Err(Violation::new(
            sim,
            ACKED_WRITES,
            format!(
                "{} leads term {term} without the write acknowledged at index {k} (request #{}, acknowledged by {} in term {}); it has {}",
                names[i],
                ack.request,
                names[ack.by],
                ack.term,
                label(sim.node(i).log().get(k as usize - 1))
            ),
        ))
    }

    /// `i` told the client of `request` that it is committed at `index`.
    fn check_ack(
        &mut self,
        sim: &Simulator<RaftNode>,
        i: NodeId,
        request: u64,
        index: u64,
    ) -> Result<(), Violation> {
        let names = sim.names();
        let node = sim.node(i);
        let term = node.current_term();
        let v = |detail: String| Err(Violation::new(sim, ACKED_WRITES, detail));
        let here = (index as usize)
            .checked_sub(1)
            .and_then(|k| self.logs[i].get(k).copied());
        let Some(seen) = here.filter(|s| s.request == request && node.commit_index >= index) else {
            let what = if here.is_some_and(|s| s.request == request) {
                format!("its commitIndex is {}", node.commit_index)
            } else {
                format!(
                    "it has {} there",
                    label(
                        (index as usize)
                            .checked_sub(1)
                            .and_then(|k| node.log().get(k))
                    )
                )
            };
            return v(format!(
                "{} told the client of request #{request} that it is committed at index {index}, but {what}",
                names[i]
            ));
        };
        if let Some(other) = self.acks.get(&index) {
            if other.prefix != seen.prefix {
                return v(format!(
                    "clients were told of two commands committed at index {index}: request #{} (by {}) and request #{request} (by {})",
                    other.request, names[other.by], names[i]
                ));
            }
        }
        // A leader elected in a later term that lacks it already breaks the promise.
        for l in 0..sim.n() {
            let leader = sim.node(l);
            if l != i
                && sim.status(l) != Status::Crashed
                && leader.role == Role::Leader
                && leader.current_term() > term
                && self.logs[l].get(index as usize - 1).map(|s| s.prefix) != Some(seen.prefix)
            {
                return v(format!(
                    "{} told the client of request #{request} that it is committed at index {index} (term {term}), but {}, leader of term {}, has {} there",
                    names[i],
                    names[l],
                    leader.current_term(),
                    label(leader.log().get(index as usize - 1))
                ));
            }
        }
        self.acks.insert(
            index,
            Ack {
                request,
                prefix: seen.prefix,
                by: i,
                term,
            },
        );
        let j = self.ack_terms.partition_point(|a| a.0 < term);
        match self.ack_terms.get_mut(j) {
            Some(a) if a.0 == term => a.1 = a.1.max(index),
            _ => self.ack_terms.insert(j, (term, index, 0)),
        }
        // Running maxima from j on (usually the last entry only).
        let mut reach = j.checked_sub(1).map_or(0, |p| self.ack_terms[p].2);
        for a in &mut self.ack_terms[j..] {
            reach = reach.max(a.1);
            a.2 = reach;
        }
        Ok(())
    }
}

impl Checker<RaftNode> for RaftChecker {
    fn new(sim: &Simulator<RaftNode>) -> Self {
        let n = sim.n();
        let mut c = RaftChecker {
            logs: vec![Vec::new(); n],
            marks: vec![None; n],
            roles: vec![(Role::Follower, 0); n],
            max_term: vec![0; n],
            votes: vec![None; n],
            leaders: VecMap::new(),
            matching: Vec::new(),
            committed: Vec::new(),
            committed_by: Vec::new(),
            seen: sim.trace.len(),
            commit: vec![0; n],
            acks: VecMap::new(),
            ack_terms: Vec::new(),
        };
        for i in 0..n {
            // The initial state itself is taken as given (scenarios may start from any logs).
            let _ = c.check_node(sim, i);
        }
        c
    }

    fn check(&mut self, sim: &Simulator<RaftNode>, step: Option<Step>) -> Result<(), Violation> {
        // What happened since the last check: a crash loses commitIndex (volatile state);
        // client acknowledgements are checked once the nodes' state is brought up to date.
        let mut acks = Vec::new();
        while let Some(e) = sim.trace.get(self.seen) {
            self.seen += 1;
            match &e.kind {
                TraceKind::Crash { node } => self.commit[*node] = 0,
                TraceKind::Reply { node, reply } => {
                    if let ClientOutcome::Committed { index } = reply.outcome {
                        acks.push((*node, reply.request, index));
                    }
                }
                _ => {}
            }
        }
        let nodes = match step.and_then(|s| s.node) {
            Some(i) => self.check_node(sim, i),
            None if step.is_some() => Ok(()),
            None => (0..sim.n()).try_for_each(|i| self.check_node(sim, i)),
        };
        // Every acknowledgement is checked, even after a violation: a checker that keeps
        // running (scenarios) keeps its ghost state whole.
        let mut first = nodes.err();
        for (i, request, index) in acks {
            if let Err(v) = self.check_ack(sim, i, request, index) {
                first.get_or_insert(v);
            }
        }
        first.map_or(Ok(()), Err)
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
