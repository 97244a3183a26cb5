//! A live Raft cluster for the app: the simulator, its invariant checker, and the translation
//! of their state into a [`ClusterView`]. It only reads state and forwards user actions; every
//! protocol decision stays in the core (src/core/raft) and the simulator (src/sim).

use super::view::{ClusterView, InvariantView, Liveness, MessageView, NodeView, Role};
use crate::check::{run_checked, Checker, Violation};
use crate::core::raft::{self, RaftNode};
use crate::core::{fmt_time, Describe, Lang, Time};
use crate::sim::{render, Action, Setup, Simulator, Status};

/// How many nodes the live cluster has.
pub const NODES: usize = 5;
/// The seed of the live cluster: the same seed always gives the same run.
pub const SEED: u64 = 1;
/// Virtual time per real millisecond while playing (µs/ms): 50 means 1 s on screen is 50 ms
/// of cluster time, slow enough to follow single messages.
pub const VIRTUAL_PER_REAL_MS: f64 = 50.0;
/// How many of the newest events the feed shows.
pub const FEED_LEN: usize = 40;

type Checked = <RaftNode as crate::check::Checked>::Checker;

/// A running Raft cluster with its checker.
pub struct LiveRaft {
    sim: Simulator<RaftNode>,
    checker: Checked,
    violation: Option<Violation>,
    /// Real time not yet turned into virtual time (sub-microsecond remainders).
    carry: f64,
    requests: u64,
}

impl LiveRaft {
    /// A fresh cluster of [`NODES`] nodes with the default options.
    pub fn new(seed: u64) -> Self {
        let sim = Simulator::new(Setup::<RaftNode>::new(NODES, seed));
        let checker = Checked::new(&sim);
        LiveRaft {
            sim,
            checker,
            violation: None,
            carry: 0.0,
            requests: 0,
        }
    }

    /// The first broken invariant, if any. Once one is found the run stops advancing.
    pub fn violation(&self) -> Option<&Violation> {
        self.violation.as_ref()
    }

    /// Advances by `real_ms` of wall-clock time, scaled by [`VIRTUAL_PER_REAL_MS`], checking
    /// every invariant after every event.
    pub fn advance(&mut self, real_ms: f64) {
        if self.violation.is_some() {
            return;
        }
        self.carry += real_ms.max(0.0) * VIRTUAL_PER_REAL_MS;
        let d = self.carry.floor();
        self.carry -= d;
        let until = self.sim.now() + d as Time;
        if let Err(v) = run_checked(&mut self.sim, &mut self.checker, until) {
            self.violation = Some(v);
        }
    }

    /// Processes exactly one event (one message delivered or one timer fired).
    pub fn step(&mut self) {
        if self.violation.is_some() {
            return;
        }
        if let Some(step) = self.sim.step() {
            if let Err(v) = self.checker.check(&self.sim, Some(step)) {
                self.violation = Some(v);
            }
        }
    }

    /// A client sends the next value (`v1`, `v2`, …) to node n1; the simulated client follows
    /// redirects to the leader.
    pub fn client_request(&mut self) -> Result<(), String> {
        self.requests += 1;
        let value = format!("v{}", self.requests);
        self.sim.act(Action::Client { node: 0, value })
    }

    /// What the panels draw now, with events rendered in `lang`.
    pub fn view(&self, lang: Lang) -> ClusterView {
        let sim = &self.sim;
        let now = sim.now();
        let nodes = (0..sim.n())
            .map(|i| {
                let node = sim.node(i);
                NodeView {
                    name: sim.names()[i].clone(),
                    role: match node.role {
                        raft::Role::Leader => Role::Leader,
                        raft::Role::Candidate => Role::Candidate,
                        raft::Role::PreCandidate => Role::PreCandidate,
                        raft::Role::Follower => Role::Follower,
                    },
                    liveness: match sim.status(i) {
                        Status::Up => Liveness::Up,
                        Status::Crashed => Liveness::Crashed,
                        Status::Paused => Liveness::Paused,
                    },
                    term: node.current_term(),
                    log: node
                        .log()
                        .iter()
                        .map(|e| format!("{}:{}", e.term, e.label()))
                        .collect(),
                    commit: node.commit_index as usize,
                }
            })
            .collect();
        let messages = sim
            .state
            .in_flight
            .values()
            .map(|m| {
                let span = m.deliver_at.saturating_sub(m.sent_at).max(1) as f64;
                MessageView {
                    id: m.id,
                    from: m.from,
                    to: m.to,
                    kind: m.msg.kind().to_string(),
                    progress: (now.saturating_sub(m.sent_at) as f64 / span).min(1.0),
                }
            })
            .collect();
        let start = sim.trace.len().saturating_sub(FEED_LEN);
        let events = sim.trace[start..]
            .iter()
            .map(|e| render::line(e, sim.names(), lang))
            .collect();
        let invariants = self
            .checker
            .invariants()
            .iter()
            .map(|&name| InvariantView {
                name: name.to_string(),
                violation: self
                    .violation
                    .as_ref()
                    .filter(|v| v.invariant == name)
                    .map(|v| v.detail.clone()),
            })
            .collect();
        ClusterView {
            nodes,
            messages,
            events,
            invariants,
            time: fmt_time(now),
            event_count: sim.state.events,
            seed: sim.seed(),
        }
    }
}
