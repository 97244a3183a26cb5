//! Shared harness for the scripted Raft cluster tests (tests/raft_*.rs).
//!
//! A [`Cluster`] is a simulator plus a [`RaftChecker`]: every event the simulator processes is
//! checked with [`run_checked`], and every user action is followed by a check of all nodes. Any
//! violation fails the test with the checker's report (seed, invariant, the events before it).
//! The `try_` variants return the violation instead, for the tests that expect one.
#![allow(dead_code)]

use quorumscope::check::raft::RaftChecker;
use quorumscope::check::{act_checked, run_checked, Checker, Violation};
use quorumscope::core::raft::{Entry, RaftConfig, RaftDurable, RaftMsg, RaftNode, RaftNote, Role};
use quorumscope::core::{ClientOutcome, NodeId, Time, MS};
use quorumscope::sim::{Action, Setup, Simulator, Status, TraceKind};

pub type RaftSetup = Setup<RaftNode>;
pub type RaftSim = Simulator<RaftNode>;

/// A cluster setup with `n` nodes, every message taking exactly `latency`, and the given
/// election timeout range. Fixed latency makes the order of deliveries independent of the seed.
pub fn fixed_latency_setup(n: usize, seed: u64, latency: Time) -> RaftSetup {
    let mut setup = RaftSetup::new(n, seed);
    setup.net.latency_min = latency;
    setup.net.latency_max = latency;
    setup
}

/// A config whose election timeouts are so long that no election starts unless a test forces
/// one with [`Action::Timeout`]: every election in the story is scripted.
pub fn scripted_config() -> RaftConfig {
    RaftConfig {
        election_timeout_min: 10_000 * MS,
        election_timeout_max: 20_000 * MS,
        heartbeat_interval: 100 * MS,
        ..RaftConfig::default()
    }
}

/// A log whose entry at index `i` (1-based) has term `terms[i - 1]` and the value `"i@t"`, so
/// that two logs share an (index, term) only when they share the entry, as Log Matching needs.
pub fn log_of(terms: &[u64]) -> Vec<Entry> {
    terms
        .iter()
        .enumerate()
        .map(|(k, &t)| Entry::value(t, format!("{}@{t}", k + 1)))
        .collect()
}

pub fn durable(current_term: u64, voted_for: Option<NodeId>, terms: &[u64]) -> RaftDurable {
    RaftDurable::new(current_term, voted_for, log_of(terms))
}

#[derive(Clone)]
pub struct Cluster {
    pub sim: RaftSim,
    pub checker: RaftChecker,
}

impl Cluster {
    pub fn new(setup: RaftSetup) -> Self {
        Cluster::from_sim(Simulator::new(setup))
    }

    /// Wraps a simulator (restored or replayed); its current state is taken as given.
    pub fn from_sim(sim: RaftSim) -> Self {
        let checker = RaftChecker::new(&sim);
        Cluster { sim, checker }
    }

    fn fail(&self, v: &Violation) -> ! {
        panic!("{}", v.report(&self.sim, 40))
    }

    /// Takes an action, then checks every node (and, for a resume, the resumed node after
    /// every message of its backlog).
    pub fn try_act(&mut self, action: Action) -> Result<(), Violation> {
        act_checked(&mut self.sim, &mut self.checker, action.clone())
            .unwrap_or_else(|e| panic!("action {action:?} refused: {e}"))
    }

    pub fn act(&mut self, action: Action) {
        if let Err(v) = self.try_act(action) {
            self.fail(&v)
        }
    }

    pub fn try_run_until(&mut self, t: Time) -> Result<(), Violation> {
        run_checked(&mut self.sim, &mut self.checker, t)
    }

    /// Runs until virtual time `t`, checking every invariant after every event.
    pub fn run_until(&mut self, t: Time) {
        if let Err(v) = self.try_run_until(t) {
            self.fail(&v)
        }
    }

    pub fn run_for(&mut self, d: Time) {
        self.run_until(self.now() + d);
    }

    pub fn try_run_for(&mut self, d: Time) -> Result<(), Violation> {
        self.try_run_until(self.now() + d)
    }

    /// Runs (checked) until `done` holds after some event, or until `deadline`. Returns whether
    /// `done` held. The clock stays at the event that made `done` true.
    pub fn run_until_cond(&mut self, deadline: Time, done: impl Fn(&RaftSim) -> bool) -> bool {
        enum Stop {
            Broken(Violation),
            Done,
        }
        if done(&self.sim) {
            return true;
        }
        let checker = &mut self.checker;
        match self.sim.run_until_with(deadline, |s, step| {
            checker.check(s, Some(step)).map_err(Stop::Broken)?;
            if done(s) {
                Err(Stop::Done)
            } else {
                Ok(())
            }
        }) {
            Ok(()) => false,
            Err(Stop::Done) => true,
            Err(Stop::Broken(v)) => self.fail(&v),
        }
    }

    /// Forces node `i`'s election timeout now and runs until it leads (at most 1s of virtual
    /// time). Returns the term it leads.
    pub fn elect(&mut self, i: NodeId) -> u64 {
        self.act(Action::Timeout(i));
        let ok = self.run_until_cond(self.now() + 1_000 * MS, |s| s.node(i).role == Role::Leader);
        assert!(
            ok,
            "{} did not become leader:\n{}",
            self.name(i),
            self.tail(30)
        );
        self.node(i).current_term()
    }

    /// A client sends `value` to node `i`. Returns the request id.
    pub fn client(&mut self, i: NodeId, value: &str) -> u64 {
        self.act(Action::Client {
            node: i,
            value: value.to_string(),
        });
        *self
            .sim
            .state
            .requests
            .keys()
            .next_back()
            .expect("request recorded")
    }

    pub fn outcome(&self, request: u64) -> Option<ClientOutcome> {
        self.sim.state.requests[&request].outcome.clone()
    }

    pub fn now(&self) -> Time {
        self.sim.now()
    }

    pub fn n(&self) -> usize {
        self.sim.n()
    }

    pub fn node(&self, i: NodeId) -> &RaftNode {
        self.sim.node(i)
    }

    pub fn status(&self, i: NodeId) -> Status {
        self.sim.status(i)
    }

    pub fn name(&self, i: NodeId) -> String {
        self.sim.names()[i].clone()
    }

    pub fn terms(&self, i: NodeId) -> Vec<u64> {
        self.node(i).durable.terms()
    }

    pub fn all_terms(&self) -> Vec<Vec<u64>> {
        (0..self.n()).map(|i| self.terms(i)).collect()
    }

    pub fn commit_indexes(&self) -> Vec<u64> {
        (0..self.n()).map(|i| self.node(i).commit_index).collect()
    }

    pub fn current_terms(&self) -> Vec<u64> {
        (0..self.n()).map(|i| self.node(i).current_term()).collect()
    }

    /// Nodes that are not crashed and believe they lead, with their terms.
    pub fn leaders(&self) -> Vec<(NodeId, u64)> {
        (0..self.n())
            .filter(|&i| self.status(i) != Status::Crashed && self.node(i).role == Role::Leader)
            .map(|i| (i, self.node(i).current_term()))
            .collect()
    }

    /// Asserts that `leader` leads `term` and that every running node in `followers` is a
    /// follower in `term` that knows `leader`.
    pub fn assert_leads(&self, leader: NodeId, term: u64, followers: &[NodeId]) {
        let l = self.node(leader);
        assert_eq!(
            (l.role, l.current_term()),
            (Role::Leader, term),
            "{} should lead term {term}:\n{}",
            self.name(leader),
            self.tail(30)
        );
        for &f in followers {
            let node = self.node(f);
            assert_eq!(
                (node.role, node.current_term(), node.leader_id),
                (Role::Follower, term, Some(leader)),
                "{} should follow {} in term {term}:\n{}",
                self.name(f),
                self.name(leader),
                self.tail(30)
            );
        }
    }

    /// Every note in the trace from position `from` on, with its trace position and node.
    pub fn notes_from(&self, from: usize) -> Vec<(usize, NodeId, &RaftNote)> {
        self.sim.trace[from..]
            .iter()
            .enumerate()
            .filter_map(|(k, e)| match &e.kind {
                TraceKind::Note { node, note } => Some((from + k, *node, &**note)),
                _ => None,
            })
            .collect()
    }

    /// Every note of node `i`, in order.
    pub fn notes_of(&self, i: NodeId) -> Vec<&RaftNote> {
        self.notes_from(0)
            .into_iter()
            .filter(|(_, n, _)| *n == i)
            .map(|(_, _, note)| note)
            .collect()
    }

    /// Where leader `leader`'s nextIndex for `follower` went, one Backtrack note at a time:
    /// `(from, to)`.
    pub fn next_index_moves(&self, leader: NodeId, follower: NodeId) -> Vec<(u64, u64)> {
        self.notes_of(leader)
            .into_iter()
            .filter_map(|n| match n {
                RaftNote::Backtrack {
                    follower: f,
                    from,
                    to,
                    ..
                } if *f == follower => Some((*from, *to)),
                _ => None,
            })
            .collect()
    }

    /// How many notes (by any node) satisfy `pred`.
    pub fn count_notes(&self, pred: impl Fn(NodeId, &RaftNote) -> bool) -> usize {
        self.notes_from(0)
            .into_iter()
            .filter(|(_, n, note)| pred(*n, note))
            .count()
    }

    /// How many messages satisfying `pred` were sent, as (from, to, msg).
    pub fn count_sent(&self, pred: impl Fn(NodeId, NodeId, &RaftMsg) -> bool) -> usize {
        self.sim
            .trace
            .iter()
            .filter(|e| matches!(&e.kind, TraceKind::Send { from, to, msg, .. } if pred(*from, *to, msg)))
            .count()
    }

    /// AppendEntries rejections sent (replies with success = false).
    pub fn append_rejections(&self) -> usize {
        self.count_sent(|_, _, m| matches!(m, RaftMsg::AppendEntriesReply { success: false, .. }))
    }

    /// The position in the trace of the first event satisfying `pred`, from `from` on.
    pub fn find_event(
        &self,
        from: usize,
        pred: impl Fn(&TraceKind<RaftNode>) -> bool,
    ) -> Option<usize> {
        self.sim.trace[from..]
            .iter()
            .position(|e| pred(&e.kind))
            .map(|k| from + k)
    }

    /// The last `k` trace lines, for failure messages.
    pub fn tail(&self, k: usize) -> String {
        let start = self.sim.trace.len().saturating_sub(k);
        self.sim.trace[start..]
            .iter()
            .map(|e| {
                quorumscope::sim::render::line(e, self.sim.names(), quorumscope::core::Lang::En)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The node whose election timer fires first, and when.
pub fn first_timeout(sim: &RaftSim) -> (NodeId, Time) {
    (0..sim.n())
        .filter(|&i| sim.status(i) == Status::Up)
        .filter_map(|i| {
            sim.state.nodes[i]
                .timers
                .iter()
                .find(|a| a.timer == quorumscope::core::raft::RaftTimer::Election)
                .map(|a| (i, a.fires_at))
        })
        .min_by_key(|&(i, t)| (t, i))
        .expect("some election timer is armed")
}

/// All election timers that are armed, sorted by firing time.
pub fn election_timers(sim: &RaftSim) -> Vec<(Time, NodeId)> {
    let mut v: Vec<(Time, NodeId)> = (0..sim.n())
        .filter(|&i| sim.status(i) == Status::Up)
        .filter_map(|i| {
            sim.state.nodes[i]
                .timers
                .iter()
                .find(|a| a.timer == quorumscope::core::raft::RaftTimer::Election)
                .map(|a| (a.fires_at, i))
        })
        .collect();
    v.sort();
    v
}
