//! Paxos invariants, checked after every simulator event, and the liveness check that runs
//! once a fault campaign has healed the cluster.
//!
//! The checker keeps ghost state built from the trace (every message *sent* is in the trace,
//! even if the network then drops it) and compares it with the nodes' durable state:
//!
//! - proposals: every Accept ever sent, per (slot, ballot);
//! - acceptances: per (slot, ballot), the acceptors that sent Accepted for it; a proposal is
//!   *chosen* once a majority of acceptors has accepted it (Paxos Made Simple §2.3). Only
//!   nodes that play the acceptor role count; a Promise or Accepted from another node is
//!   itself a violation;
//! - per acceptor: the highest ballot it ever promised (its promise must never go down, not
//!   even across a restart) and the highest proposal it accepted in each slot;
//! - the values clients asked for (the only values that may be chosen, plus a Multi-Paxos
//!   leader's no-ops).
//!
//! Its work per event follows what changed, as the Raft checker's does: it reads only the
//! trace entries added since its last look, and a node's learned values are checked only in
//! the slots the node announced (its `Learned` notes are the change marker: the learner's one
//! write to `chosen` is always followed by one). Only a node whose learned values grew without
//! an announcement is checked whole.

use crate::check::{Checked, Checker, Violation};
use crate::core::paxos::{Ballot, PaxosMsg, PaxosNode, PaxosNote, Proposal, Value, NOOP};
use crate::core::vecmap::{VecMap, VecSet};
use crate::core::{ClientOutcome, NodeId};
use crate::sim::{Simulator, Status, Step, TraceKind};

/// At most one value is chosen in each slot (Paxos Made Simple §2.1, safety).
pub const AGREEMENT: &str = "At most one value chosen per slot";
/// Only a value that was proposed (by a client, or a leader's no-op) can be chosen (§2.1).
pub const VALIDITY: &str = "Only proposed values are chosen";
/// A ballot carries one value per slot: Accepts for the same (slot, ballot) never differ.
pub const ONE_VALUE: &str = "One value per ballot";
/// An acceptor's promise never goes down, even across restarts (§2.5).
pub const PROMISE_MONOTONE: &str = "Promises never go down";
/// An acceptor accepts only at or above its promise (P1a).
pub const ACCEPT_ABOVE_PROMISE: &str = "Accept only at or above the promise";
/// A Promise reports the acceptor's true highest accepted proposal (phase 1b, needed by P2c).
pub const PROMISE_TRUTHFUL: &str = "Promises report the highest accepted proposal";
/// Learners (and anyone answering a client) decide only chosen values (§2.3).
pub const LEARN_CHOSEN: &str = "Learners decide only chosen values";
/// Only the nodes that play the acceptor role answer Prepare and Accept: a quorum is a
/// majority of the acceptors (§2.2), so a Promise or Accepted from anyone else is a bug, and
/// never counts towards choosing a value.
pub const ONLY_ACCEPTORS: &str = "Only acceptors promise or accept";

/// Every Paxos invariant, in the order the UI lists them.
pub const INVARIANTS: &[&str] = &[
    AGREEMENT,
    VALIDITY,
    ONE_VALUE,
    PROMISE_MONOTONE,
    ACCEPT_ABOVE_PROMISE,
    PROMISE_TRUTHFUL,
    LEARN_CHOSEN,
    ONLY_ACCEPTORS,
];

/// The Paxos invariant checker and its ghost state.
#[derive(Clone, Debug)]
pub struct PaxosChecker {
    /// Trace entries already read.
    seen: usize,
    multi: bool,
    quorum: usize,
    is_acceptor: Vec<bool>,
    /// Invariants checked (all by default).
    enabled: VecSet<&'static str>,
    client_values: VecSet<Value>,
    proposals: VecMap<(u64, Ballot), Value>,
    accepts: VecMap<(u64, Ballot), VecSet<NodeId>>,
    /// Per slot: the value chosen and the first ballot in which it was chosen.
    chosen: VecMap<u64, (Ballot, Value)>,
    /// Per node: the highest ballot it ever promised (or accepted).
    promised: Vec<Ballot>,
    /// Per node: per slot, the highest proposal it accepted.
    accepted: Vec<VecMap<u64, (Ballot, Value)>>,
    /// Per node: how many chosen values it knew at the last check.
    known: Vec<usize>,
    /// Per node: slots it announced learning (its `Learned` notes) since the last check.
    learned: Vec<Vec<u64>>,
}

impl PaxosChecker {
    /// A checker for only the named invariants (e.g. to show what a broken rule leads to,
    /// past the first invariant it breaks).
    pub fn only(sim: &Simulator<PaxosNode>, invariants: &[&str]) -> Self {
        let mut c = <Self as Checker<PaxosNode>>::new(sim);
        c.enabled = INVARIANTS
            .iter()
            .copied()
            .filter(|i| invariants.contains(i))
            .collect();
        c
    }

    /// The ghost's view of what is chosen: slot → (first ballot chosen in, value).
    pub fn chosen(&self) -> &VecMap<u64, (Ballot, Value)> {
        &self.chosen
    }

    fn fail(
        &self,
        sim: &Simulator<PaxosNode>,
        invariant: &'static str,
        detail: String,
    ) -> Result<(), Violation> {
        if self.enabled.contains(invariant) {
            Err(Violation::new(sim, invariant, detail))
        } else {
            Ok(())
        }
    }

    fn read_trace(
        &mut self,
        sim: &Simulator<PaxosNode>,
        dirty: &mut VecSet<NodeId>,
    ) -> Result<(), Violation> {
        let names = sim.names();
        let nm = |i: NodeId| crate::core::name(names, i).to_string();
        while self.seen < sim.trace.len() {
            let kind = &sim.trace[self.seen].kind;
            self.seen += 1;
            if let Some(node) = kind.node() {
                dirty.insert(node);
            }
            match kind {
                TraceKind::Client { request, .. } => {
                    self.client_values.insert(request.value.clone());
                }
                TraceKind::Note { node, note } => {
                    if let PaxosNote::Learned { slot, .. } = &**note {
                        self.learned[*node].push(slot.unwrap_or(0));
                    }
                }
                TraceKind::Reply { node, reply } => {
                    let told = match &reply.outcome {
                        ClientOutcome::Chosen { slot, value }
                        | ClientOutcome::Lost {
                            slot,
                            chosen: value,
                            ..
                        } => Some((slot.unwrap_or(0), value)),
                        _ => None,
                    };
                    if let Some((slot, value)) = told {
                        if self.chosen.get(&slot).map(|(_, v)| v) != Some(value) {
                            self.fail(
                                sim,
                                LEARN_CHOSEN,
                                format!(
                                    "{} told the client of request #{} that \"{value}\" is chosen in slot {slot}, but it is not",
                                    nm(*node),
                                    reply.request
                                ),
                            )?;
                        }
                    }
                }
                TraceKind::Send { from, msg, .. } => self.on_send(sim, *from, msg)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn on_send(
        &mut self,
        sim: &Simulator<PaxosNode>,
        from: NodeId,
        msg: &PaxosMsg,
    ) -> Result<(), Violation> {
        let names = sim.names();
        let nm = |i: NodeId| crate::core::name(names, i).to_string();
        // Ballots as the feed and the scenarios write them ("1.n1").
        let bn = |b: &Ballot| b.named(names);
        match msg {
            PaxosMsg::Accept {
                ballot,
                slot,
                value,
            } => match self.proposals.get(&(*slot, *ballot)) {
                Some(v) if v != value => self.fail(
                    sim,
                    ONE_VALUE,
                    format!(
                        "ballot {} proposed \"{v}\" and then \"{value}\" in slot {slot} (sent by {})",
                        bn(ballot),
                        nm(from)
                    ),
                )?,
                Some(_) => {}
                None => {
                    self.proposals.insert((*slot, *ballot), value.clone());
                }
            },
            PaxosMsg::Promise { ballot, .. } | PaxosMsg::Accepted { ballot, .. }
                if !self.is_acceptor.get(from).copied().unwrap_or(false) =>
            {
                let kind = if matches!(msg, PaxosMsg::Promise { .. }) {
                    "Promise"
                } else {
                    "Accepted"
                };
                self.fail(
                    sim,
                    ONLY_ACCEPTORS,
                    format!(
                        "{} sent {kind}({}) but does not play the acceptor role; a quorum is a majority of the {} acceptors",
                        nm(from),
                        bn(ballot),
                        self.is_acceptor.iter().filter(|a| **a).count()
                    ),
                )?;
            }
            PaxosMsg::Promise {
                ballot,
                from_slot,
                accepted,
            } => {
                if *ballot < self.promised[from] {
                    self.fail(
                        sim,
                        PROMISE_MONOTONE,
                        format!(
                            "{} promised {} after having promised {}",
                            nm(from),
                            bn(ballot),
                            bn(&self.promised[from])
                        ),
                    )?;
                }
                self.promised[from] = self.promised[from].max(*ballot);
                let truth: Vec<Proposal> = self.accepted[from]
                    .range(*from_slot..)
                    .map(|(&slot, (b, v))| Proposal {
                        slot,
                        ballot: *b,
                        value: v.clone(),
                    })
                    .collect();
                if *accepted != truth {
                    let show = |ps: &[Proposal]| {
                        if ps.is_empty() {
                            "nothing".to_string()
                        } else {
                            ps.iter()
                                .map(|p| format!("s{} {}=\"{}\"", p.slot, bn(&p.ballot), p.value))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    };
                    self.fail(
                        sim,
                        PROMISE_TRUTHFUL,
                        format!(
                            "{}'s Promise({}) reports {} but it accepted {}",
                            nm(from),
                            bn(ballot),
                            show(accepted),
                            show(&truth)
                        ),
                    )?;
                }
            }
            PaxosMsg::Accepted {
                ballot,
                slot,
                value,
            } => {
                // One acceptance is announced to several nodes: count it once.
                if matches!(self.accepted[from].get(slot), Some((b, v)) if b == ballot && v == value)
                {
                    return Ok(());
                }
                if *ballot < self.promised[from] {
                    self.fail(
                        sim,
                        ACCEPT_ABOVE_PROMISE,
                        format!(
                            "{} accepted {} in slot {slot} although it had promised {}",
                            nm(from),
                            bn(ballot),
                            bn(&self.promised[from])
                        ),
                    )?;
                }
                if let Some(v) = self.proposals.get(&(*slot, *ballot)) {
                    if v != value {
                        self.fail(
                            sim,
                            ONE_VALUE,
                            format!(
                                "{} accepted \"{value}\" for ballot {} in slot {slot}, which proposed \"{v}\"",
                                nm(from),
                                bn(ballot)
                            ),
                        )?;
                    }
                }
                self.promised[from] = self.promised[from].max(*ballot);
                self.accepted[from].insert(*slot, (*ballot, value.clone()));
                let voters = self.accepts.entry((*slot, *ballot)).or_default();
                voters.insert(from);
                if voters.len() >= self.quorum {
                    let voters: Vec<String> = voters.iter().map(|&i| nm(i)).collect();
                    self.on_chosen(sim, *slot, *ballot, value, &voters)?;
                }
            }
            PaxosMsg::Chosen { entries } => {
                for (slot, value) in entries {
                    if self.chosen.get(slot).map(|(_, v)| v) != Some(value) {
                        self.fail(
                            sim,
                            LEARN_CHOSEN,
                            format!(
                                "{} told others that \"{value}\" is chosen in slot {slot}, but it is not",
                                nm(from)
                            ),
                        )?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn on_chosen(
        &mut self,
        sim: &Simulator<PaxosNode>,
        slot: u64,
        ballot: Ballot,
        value: &Value,
        voters: &[String],
    ) -> Result<(), Violation> {
        let bn = |b: &Ballot| b.named(sim.names());
        let proposed = self.client_values.contains(value) || (self.multi && value == NOOP);
        if !proposed {
            self.fail(
                sim,
                VALIDITY,
                format!(
                    "\"{value}\" is chosen in slot {slot} (ballot {}) but no client proposed it",
                    bn(&ballot)
                ),
            )?;
        }
        match self.chosen.get(&slot) {
            Some((b, v)) if v != value => self.fail(
                sim,
                AGREEMENT,
                format!(
                    "slot {slot}: \"{v}\" was chosen in ballot {}, and now \"{value}\" is chosen in ballot {} (accepted by {})",
                    bn(b),
                    bn(&ballot),
                    voters.join(", ")
                ),
            ),
            Some(_) => Ok(()),
            None => {
                self.chosen.insert(slot, (ballot, value.clone()));
                Ok(())
            }
        }
    }

    fn check_node(&mut self, sim: &Simulator<PaxosNode>, i: NodeId) -> Result<(), Violation> {
        let node = sim.node(i);
        let name = sim.names().get(i).cloned().unwrap_or_else(|| "?".into());
        let p = node.durable.promised;
        if p < self.promised[i] {
            let restarted = sim.status(i) != Status::Up || node.ballot().is_none();
            self.fail(
                sim,
                PROMISE_MONOTONE,
                format!(
                    "{name}'s promise went down from {} to {}{}",
                    self.promised[i].named(sim.names()),
                    if p.is_zero() {
                        "nothing".to_string()
                    } else {
                        p.named(sim.names())
                    },
                    if restarted { " (across a crash)" } else { "" }
                ),
            )?;
        }
        self.promised[i] = self.promised[i].max(p);
        // Learned values are only ever added. The slots a node announced are checked one by
        // one; if its log grew by anything else, all of it is checked.
        let chosen = &node.durable.chosen;
        let announced = std::mem::take(&mut self.learned[i]);
        if chosen.len() != self.known[i] {
            let slots: Vec<u64> = if chosen.len() == self.known[i] + announced.len() {
                announced
            } else {
                chosen.keys().copied().collect()
            };
            self.known[i] = chosen.len();
            for slot in slots {
                let Some(v) = chosen.get(&slot) else {
                    continue;
                };
                match self.chosen.get(&slot) {
                    Some((_, c)) if c == v => {}
                    Some((_, c)) => self.fail(
                        sim,
                        LEARN_CHOSEN,
                        format!(
                            "{name} decided \"{v}\" in slot {slot}, but \"{c}\" is chosen there"
                        ),
                    )?,
                    None => self.fail(
                        sim,
                        LEARN_CHOSEN,
                        format!(
                            "{name} decided \"{v}\" in slot {slot}, but nothing is chosen there"
                        ),
                    )?,
                }
            }
        }
        Ok(())
    }
}

impl Checker<PaxosNode> for PaxosChecker {
    fn new(sim: &Simulator<PaxosNode>) -> Self {
        let n = sim.n();
        let config = &sim.state.setup.config;
        let mut c = PaxosChecker {
            seen: 0,
            multi: config.multi,
            quorum: config.quorum(n),
            is_acceptor: (0..n).map(|i| config.roles_of(i).acceptor).collect(),
            enabled: INVARIANTS.iter().copied().collect(),
            client_values: VecSet::new(),
            proposals: VecMap::new(),
            accepts: VecMap::new(),
            chosen: VecMap::new(),
            promised: vec![Ballot::ZERO; n],
            accepted: vec![VecMap::new(); n],
            known: vec![0; n],
            learned: vec![Vec::new(); n],
        };
        // A cluster may boot from existing disks (a scenario's starting point): the ghost
        // starts there too. What was accepted then was proposed then; what a node knew to be
        // chosen was chosen.
        for i in 0..n {
            let d = &sim.node(i).durable;
            c.promised[i] = d.promised;
            if c.is_acceptor[i] {
                c.accepted[i] = d.accepted.clone();
                for (&slot, (b, v)) in &d.accepted {
                    c.client_values.insert(v.clone());
                    c.proposals.insert((slot, *b), v.clone());
                    c.accepts.entry((slot, *b)).or_default().insert(i);
                }
            }
            for (&slot, v) in &d.chosen {
                c.client_values.insert(v.clone());
                c.chosen.entry(slot).or_insert((Ballot::ZERO, v.clone()));
            }
        }
        for ((slot, b), voters) in &c.accepts {
            if voters.len() >= c.quorum {
                let v = c.proposals[&(*slot, *b)].clone();
                c.chosen.entry(*slot).or_insert((*b, v));
            }
        }
        c
    }

    fn check(&mut self, sim: &Simulator<PaxosNode>, step: Option<Step>) -> Result<(), Violation> {
        let mut dirty = VecSet::new();
        if let Some(node) = step.and_then(|s| s.node) {
            dirty.insert(node);
        }
        self.read_trace(sim, &mut dirty)?;
        // A crash can change a node's state without any event of its own (the unsafe switch
        // forgets the promise): the promise of every node is compared on every check.
        for i in 0..sim.n() {
            if dirty.contains(&i) || sim.node(i).durable.promised < self.promised[i] {
                self.check_node(sim, i)?;
            }
        }
        Ok(())
    }

    fn invariants(&self) -> &'static [&'static str] {
        INVARIANTS
    }
}

impl Checked for PaxosNode {
    type Checker = PaxosChecker;
}

/// Where a probe request should go once the cluster can take one: the leader (Multi-Paxos),
/// else the lowest-numbered proposer that is up.
pub fn probe_target(sim: &Simulator<PaxosNode>) -> Option<NodeId> {
    let up = (0..sim.n()).filter(|&i| sim.status(i) == Status::Up);
    if sim.state.setup.config.multi {
        up.into_iter().find(|&i| sim.node(i).is_leader())
    } else {
        up.into_iter().find(|&i| sim.node(i).roles().proposer)
    }
}

/// Liveness after healing. Call it once the cluster has been healed (no partitions, no loss,
/// every crashed node restarted, every paused node resumed) and at least one client request
/// (a probe) has been sent to a proposer after the heal and given time to finish. Paxos Made
/// Simple §2.3 explains why the probe is needed: with lost messages "a value could be chosen
/// with no learner ever finding out … learners will find out what value is chosen only when a
/// new proposal is chosen". The campaign engine sends one to [`probe_target`].
///
/// It checks, precisely:
/// 1. some client request first sent after the last heal was answered with a chosen value
///    (its own or another; a probe may also get no answer, `Unknown`, when its leader is
///    deposed in the churn right after healing; then a later one must be answered);
/// 2. no node that is up still holds an unanswered client request;
/// 3. some value is chosen (in single-decree Paxos: slot 0);
/// 4. every learner that is up knows the chosen value of every chosen slot;
/// 5. Multi-Paxos: exactly one node that is up is the leader, and every other node that is up
///    follows it — except, with NACKs off, a non-proposer that has seen a ballot above the
///    leader's (nothing ever tells the leader about it).
pub fn liveness(sim: &Simulator<PaxosNode>) -> Result<(), String> {
    let names = sim.names();
    let nm = |i: NodeId| crate::core::name(names, i).to_string();
    let healed = sim
        .trace
        .iter()
        .rposition(|e| matches!(e.kind, TraceKind::Heal))
        .unwrap_or(0);
    // Each request's first submission (redirects submit it again).
    let mut first: VecMap<u64, usize> = VecMap::new();
    for (i, e) in sim.trace.iter().enumerate() {
        if let TraceKind::Client { request, .. } = &e.kind {
            first.entry(request.id).or_insert(i);
        }
    }
    let probes: Vec<u64> = first
        .iter()
        .filter(|(_, &i)| i > healed)
        .map(|(&id, _)| id)
        .collect();
    if probes.is_empty() {
        return Err(
            "liveness needs a client request sent after healing (a new proposal, §2.3)".into(),
        );
    }
    let committed = probes.iter().any(|id| {
        sim.state
            .requests
            .get(id)
            .and_then(|r| r.outcome.as_ref())
            .is_some_and(ClientOutcome::is_decided)
    });
    if !committed {
        return Err(format!(
            "none of the requests sent after healing ({}) was answered with a chosen value",
            probes
                .iter()
                .map(|id| format!("#{id}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let up: Vec<NodeId> = (0..sim.n())
        .filter(|&i| sim.status(i) == Status::Up)
        .collect();
    for &i in &up {
        let open = sim.node(i).unanswered();
        if !open.is_empty() {
            return Err(format!(
                "{} still holds unanswered client requests {open:?}",
                nm(i)
            ));
        }
    }
    // What is chosen, from the whole trace.
    let mut ghost = PaxosChecker::only(sim, &[]);
    ghost
        .read_trace(sim, &mut VecSet::new())
        .map_err(|v| v.detail)?;
    if ghost.chosen.is_empty() || (!ghost.multi && !ghost.chosen.contains_key(&0)) {
        return Err("no value is chosen".into());
    }
    for &i in &up {
        let node = sim.node(i);
        if !node.roles().learner {
            continue;
        }
        for (slot, (_, v)) in &ghost.chosen {
            if node.chosen().get(slot) != Some(v) {
                return Err(format!(
                    "learner {} does not know that \"{v}\" is chosen in slot {slot}",
                    nm(i)
                ));
            }
        }
    }
    if ghost.multi {
        let leaders: Vec<NodeId> = up
            .iter()
            .copied()
            .filter(|&i| sim.node(i).is_leader())
            .collect();
        let [leader] = leaders[..] else {
            return Err(format!(
                "expected one leader among the nodes that are up, found {}",
                if leaders.is_empty() {
                    "none".to_string()
                } else {
                    leaders
                        .iter()
                        .map(|&i| nm(i))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ));
        };
        let top = sim.node(leader).ballot().unwrap_or(Ballot::ZERO);
        for &i in &up {
            let node = sim.node(i);
            // Without NACKs nothing tells a leader that an acceptor promised a higher ballot
            // to a candidate that never won; that acceptor ignores the leader for good.
            let excused = !node.config.nacks && !node.roles().proposer && node.max_seen > top;
            if i != leader && node.leader != Some(leader) && !excused {
                return Err(format!(
                    "{} does not follow the leader {}",
                    nm(i),
                    nm(leader)
                ));
            }
        }
    }
    Ok(())
}
