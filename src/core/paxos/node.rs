//! A Paxos node as a sans-I/O state machine. One type plays any mix of the three roles, in
//! either mode (single-decree Paxos or Multi-Paxos); the role logic lives in `acceptor.rs`,
//! `proposer.rs`, `learner.rs` and `leader.rs`.

use super::ballot::Ballot;
use super::config::{Forget, PaxosConfig, Roles};
use super::durable::PaxosDurable;
use super::message::{PaxosMsg, PaxosTimer, Proposal, Value};
use super::note::{IdleReason, PaxosNote};
use crate::core::vecmap::{VecMap, VecSet};
use crate::core::{
    ClientOutcome, ClientReply, ClientRequest, Delay, NodeId, Output, Protocol, Time,
};
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};

/// What a Paxos node asks its driver to do.
pub type PaxosOutput = Output<PaxosMsg, PaxosTimer, PaxosNote>;

/// A value in phase 2, waiting for a majority of Accepted.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Outstanding {
    /// The value proposed for the slot.
    pub value: Value,
    /// Acceptors that sent Accepted for it under the current ballot.
    pub accepted_by: VecSet<NodeId>,
    /// Multi-Paxos: the client requests to answer once the slot is chosen.
    pub requests: Vec<u64>,
}

/// What the node's proposer side is doing (volatile).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// Not running a ballot (single-decree: maybe waiting for the retry timer).
    #[default]
    Idle,
    /// Phase 1: sent Prepare(`ballot`) for every slot from `from_slot` on, collecting promises.
    Preparing {
        /// This node's ballot.
        ballot: Ballot,
        /// The first slot the Prepare covers.
        from_slot: u64,
        /// The promises received so far: each acceptor's accepted proposals in those slots.
        promises: VecMap<NodeId, Vec<Proposal>>,
    },
    /// Phase 2 under `ballot`, which a majority promised. In Multi-Paxos this node is the
    /// leader: new commands go to `next_slot` with phase 2 only (§3).
    Leading {
        /// The ballot a majority promised.
        ballot: Ballot,
        /// The slot the next new command goes to.
        next_slot: u64,
        /// The values in phase 2, by slot.
        proposals: VecMap<u64, Outstanding>,
    },
    /// Single-decree learner running phase 1 itself to find the chosen value (§2.3); it will
    /// send no Accept.
    Reading {
        /// This node's ballot.
        ballot: Ballot,
        /// The promises received so far, with each acceptor's accepted proposals.
        replies: VecMap<NodeId, Vec<Proposal>>,
    },
}

/// A learner's tally of Accepted messages for one slot and ballot.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Votes {
    /// The value accepted.
    pub value: Value,
    /// The acceptors that sent Accepted for it.
    pub from: VecSet<NodeId>,
}

/// One Paxos node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaxosNode {
    /// This node's id.
    pub id: NodeId,
    /// The cluster's size.
    pub n: usize,
    /// The cluster-wide options.
    pub config: PaxosConfig,
    /// promised, accepted, ballot, chosen: on stable storage.
    pub durable: PaxosDurable,
    /// What the proposer side is doing (volatile).
    pub phase: Phase,
    /// Multi-Paxos: the leader this node follows, once known.
    pub leader: Option<NodeId>,
    /// Client requests waiting: single-decree, until slot 0 is chosen; Multi-Paxos, until
    /// this node leads (or learns who does).
    pub pending: Vec<ClientRequest>,
    /// Learner: Accepted messages received, by slot and ballot.
    pub votes: VecMap<u64, VecMap<Ballot, Votes>>,
    /// The highest ballot seen in any message.
    pub max_seen: Ballot,
    /// Derived from the configuration: the acceptors, learners and proposers, and a quorum.
    pub acceptors: Vec<NodeId>,
    /// The learners (derived from the configuration).
    pub learners: Vec<NodeId>,
    /// The proposers (derived from the configuration).
    pub proposers: Vec<NodeId>,
    /// How many acceptors make a quorum: a majority of them (§2.2).
    pub quorum: usize,
    #[serde(skip)]
    out: crate::core::outbox::Outbox<PaxosOutput>,
    /// An unsafe forget switch cleared the promise (and maybe more) at recovery: the restart's note
    /// must not say that everything survived. Volatile, and not part of the protocol state.
    #[serde(skip)]
    forgot_promise: bool,
}

/// Equality is structural; the pending outputs take part, and are empty whenever a driver has
/// drained the node.
impl Eq for PaxosNode {}

/// Hashes the protocol state (not the undrained outputs), so that model checkers can
/// deduplicate states.
impl Hash for PaxosNode {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.id.hash(h);
        self.n.hash(h);
        self.config.hash(h);
        self.durable.hash(h);
        self.phase.hash(h);
        self.leader.hash(h);
        self.pending.hash(h);
        self.votes.hash(h);
        self.max_seen.hash(h);
    }
}

impl PaxosNode {
    /// This node's roles.
    pub fn roles(&self) -> Roles {
        self.config.roles_of(self.id)
    }

    /// Whether this node answers Prepare and Accept (its role, unless a test's deliberate
    /// bug makes every node an acceptor).
    pub(super) fn acts_as_acceptor(&self) -> bool {
        self.roles().acceptor || self.config.test_bug == Some(super::PaxosBug::IgnoreRoles)
    }

    /// The acceptor's promise (P1a).
    pub fn promised(&self) -> Ballot {
        self.durable.promised
    }

    /// The acceptor's accepted proposals, by slot.
    pub fn accepted(&self) -> &VecMap<u64, (Ballot, Value)> {
        &self.durable.accepted
    }

    /// What this node knows to be chosen, by slot.
    pub fn chosen(&self) -> &VecMap<u64, Value> {
        &self.durable.chosen
    }

    /// The ballot the proposer side is working on, if any.
    pub fn ballot(&self) -> Option<Ballot> {
        match &self.phase {
            Phase::Idle => None,
            Phase::Preparing { ballot, .. }
            | Phase::Leading { ballot, .. }
            | Phase::Reading { ballot, .. } => Some(*ballot),
        }
    }

    /// Multi-Paxos: this node is the leader.
    pub fn is_leader(&self) -> bool {
        self.config.multi && matches!(self.phase, Phase::Leading { .. })
    }

    /// Client requests this node holds and has not answered yet.
    pub fn unanswered(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = self.pending.iter().map(|r| r.id).collect();
        if let Phase::Leading { proposals, .. } = &self.phase {
            ids.extend(proposals.values().flat_map(|p| p.requests.iter().copied()));
        }
        ids
    }

    pub(super) fn first_unknown(&self) -> u64 {
        self.durable.first_unknown()
    }

    /// Slot numbers appear in explanations only in Multi-Paxos.
    pub(super) fn slot_tag(&self, slot: u64) -> Option<u64> {
        self.config.multi.then_some(slot)
    }

    pub(super) fn observe(&mut self, b: Ballot) {
        if b > self.max_seen {
            self.max_seen = b;
        }
    }

    pub(super) fn emit(&mut self, o: PaxosOutput) {
        self.out.push_back(o);
    }

    pub(super) fn note(&mut self, n: PaxosNote) {
        self.emit(Output::Note(n));
    }

    pub(super) fn send(&mut self, to: NodeId, msg: PaxosMsg) {
        self.emit(Output::Send { to, msg });
    }

    pub(super) fn send_to_acceptors(&mut self, msg: &PaxosMsg) {
        for a in self.acceptors.clone() {
            self.send(a, msg.clone());
        }
    }

    pub(super) fn set_timer(&mut self, timer: PaxosTimer, after: Delay) {
        self.emit(Output::SetTimer { timer, after });
    }

    pub(super) fn cancel_timer(&mut self, timer: PaxosTimer) {
        self.emit(Output::CancelTimer { timer });
    }

    pub(super) fn arm_retry(&mut self) {
        let d = self.config.retry_delay();
        self.set_timer(PaxosTimer::Timeout, d);
    }

    pub(super) fn reply(&mut self, request: u64, outcome: ClientOutcome) {
        self.emit(Output::Reply(ClientReply { request, outcome }));
    }

    /// A fresh ballot of this node above everything it has seen, promised or used; stored
    /// before any Prepare carries it (§2.5).
    pub(super) fn new_ballot(&mut self) -> Ballot {
        let b = Ballot::next_for(
            self.id,
            [self.durable.ballot, self.max_seen, self.durable.promised],
        );
        self.durable.ballot = b;
        self.observe(b);
        b
    }
}

impl Protocol for PaxosNode {
    type Config = PaxosConfig;
    type Msg = PaxosMsg;
    type Timer = PaxosTimer;
    type Durable = PaxosDurable;
    type Note = PaxosNote;

    const NAME: &'static str = "paxos";
    const BUILT_IN: Option<crate::core::ProtocolKind> = Some(crate::core::ProtocolKind::Paxos);
    const TIMEOUT_TIMER: PaxosTimer = PaxosTimer::Timeout;

    fn recover(id: NodeId, n: usize, config: &PaxosConfig, durable: PaxosDurable) -> Self {
        let ignore_roles = config.test_bug == Some(super::PaxosBug::IgnoreRoles);
        let mut node = PaxosNode {
            id,
            n,
            acceptors: if ignore_roles {
                (0..n).collect()
            } else {
                config.acceptors(n)
            },
            learners: config.learners(n),
            proposers: config.proposers(n),
            quorum: if ignore_roles {
                crate::core::majority(n)
            } else {
                config.quorum(n)
            },
            config: config.clone(),
            durable,
            phase: Phase::Idle,
            leader: None,
            pending: Vec::new(),
            votes: VecMap::new(),
            max_seen: Ballot::ZERO,
            out: crate::core::outbox::Outbox::new(),
            forgot_promise: false,
        };
        let d = &node.durable;
        match config.unsafe_forget {
            Forget::Promise if !d.promised.is_zero() => {
                let was = d.promised;
                node.durable.promised = Ballot::ZERO;
                node.forgot_promise = true;
                node.note(PaxosNote::ForgotPromise { was });
            }
            Forget::PromiseAndAccepted if !d.promised.is_zero() || !d.accepted.is_empty() => {
                let (promised, accepted) = (d.promised, d.accepted.len());
                node.durable.promised = Ballot::ZERO;
                node.durable.accepted = VecMap::new();
                node.forgot_promise = true;
                node.note(PaxosNote::ForgotPromiseAndAccepted { promised, accepted });
            }
            _ => {}
        }
        node.max_seen = node.durable.promised.max(node.durable.ballot);
        node
    }

    fn start(&mut self, _now: Time) {
        let forgot = std::mem::take(&mut self.forgot_promise);
        if forgot && self.config.unsafe_forget == Forget::PromiseAndAccepted {
            self.note(PaxosNote::RestartedWithoutAccepted {
                chosen: self.durable.chosen.len(),
                ballot: self.durable.ballot,
            });
        } else if forgot && self.durable != PaxosDurable::default() {
            self.note(PaxosNote::RestartedWithoutPromise {
                accepted: self.durable.accepted.len(),
                chosen: self.durable.chosen.len(),
                ballot: self.durable.ballot,
            });
        } else if self.durable != PaxosDurable::default() {
            self.note(PaxosNote::Restarted {
                promised: self.durable.promised,
                accepted: self.durable.accepted.len(),
                chosen: self.durable.chosen.len(),
                ballot: self.durable.ballot,
            });
        }
        if self.config.multi && self.roles().proposer {
            self.arm_retry();
        }
    }

    fn handle_message(&mut self, _now: Time, from: NodeId, msg: PaxosMsg) {
        match msg {
            PaxosMsg::Prepare { ballot, from_slot } => self.on_prepare(from, ballot, from_slot),
            PaxosMsg::Promise {
                ballot, accepted, ..
            } => self.on_promise(from, ballot, accepted),
            PaxosMsg::Accept {
                ballot,
                slot,
                value,
            } => self.on_accept(from, ballot, slot, value),
            PaxosMsg::Accepted {
                ballot,
                slot,
                value,
            } => self.on_accepted(from, ballot, slot, value),
            PaxosMsg::Nack { ballot, promised } => self.on_nack(from, ballot, promised),
            PaxosMsg::Chosen { entries } => self.on_chosen(from, entries),
            PaxosMsg::Heartbeat {
                ballot,
                chosen_upto,
            } => self.on_heartbeat(from, ballot, chosen_upto),
            PaxosMsg::CatchUp { from: slot } => self.on_catch_up(from, slot),
        }
    }

    fn handle_timer(&mut self, _now: Time, timer: PaxosTimer) {
        match timer {
            PaxosTimer::Timeout if self.config.multi => self.election_timeout(),
            PaxosTimer::Timeout => self.single_timeout(),
            PaxosTimer::Heartbeat => self.heartbeat_tick(true),
        }
    }

    fn handle_client(&mut self, _now: Time, request: ClientRequest) {
        if self.config.multi {
            self.client_multi(request)
        } else {
            self.client_single(request)
        }
    }

    fn poll_output(&mut self) -> Option<PaxosOutput> {
        self.out.pop_front()
    }

    fn durable(&self) -> &PaxosDurable {
        &self.durable
    }

    fn id(&self) -> NodeId {
        self.id
    }

    /// Multi-Paxos: `Timeout` waits for the leader's heartbeat, an election timer; single
    /// decree: a proposer's retry with a higher proposal number (§2.4).
    fn timer_term(&self, timer: PaxosTimer) -> crate::glossary::Term {
        use crate::glossary::Term;
        match timer {
            PaxosTimer::Heartbeat => Term::HeartbeatTimer,
            PaxosTimer::Timeout if self.config.multi => Term::ElectionTimer,
            PaxosTimer::Timeout => Term::RetryTimer,
        }
    }
}

impl PaxosNode {
    /// Single-decree: the retry timer. A proposer with an unanswered request retries with a
    /// higher ballot (§2.4); otherwise a learner that does not know the value asks (§2.3).
    fn single_timeout(&mut self) {
        let known = self.durable.chosen.get(&0).cloned();
        let roles = self.roles();
        if roles.proposer && !self.pending.is_empty() && known.is_none() {
            // A ballot still in flight timed out; none in flight means the last one was
            // abandoned on a NACK (`on_nack`) and this is the retry it announced.
            let why = match self.ballot() {
                Some(old) => super::note::Why::Retry { old },
                None if !self.durable.ballot.is_zero() => super::note::Why::AfterAbandon {
                    old: self.durable.ballot,
                },
                None => super::note::Why::Retry {
                    old: self.durable.ballot,
                },
            };
            self.start_phase1(why);
        } else if roles.learner && known.is_none() {
            self.start_read();
        } else {
            let why = match known {
                Some(value) => IdleReason::AlreadyChosen { value },
                None => IdleReason::NothingToPropose,
            };
            self.note(PaxosNote::TimeoutIgnored { why });
        }
    }
}
