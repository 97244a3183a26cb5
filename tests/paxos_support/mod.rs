//! Helpers shared by the Paxos tests: a checked simulator run with fixed latency, and ways
//! to read its trace.
#![allow(dead_code)]

use quorumscope::check::paxos::PaxosChecker;
use quorumscope::check::Checker;
use quorumscope::core::paxos::{PaxosConfig, PaxosMsg, PaxosNode, PaxosNote};
use quorumscope::core::{Explain, Lang, NodeId, Protocol, Time, MS};
use quorumscope::sim::{Action, Setup, Simulator, TraceKind};

/// A cluster whose every message takes exactly 10ms, checked after every event.
pub struct Run {
    pub sim: Simulator<PaxosNode>,
    pub checker: PaxosChecker,
}

pub fn setup(names: &[&str], config: PaxosConfig, seed: u64) -> Setup<PaxosNode> {
    let mut s = Setup::<PaxosNode>::new(names.len(), seed);
    s.names = names.iter().map(|n| n.to_string()).collect();
    s.config = config;
    s.net.latency_min = 10 * MS;
    s.net.latency_max = 10 * MS;
    s
}

impl Run {
    pub fn new(setup: Setup<PaxosNode>) -> Self {
        let sim = Simulator::new(setup);
        let checker = PaxosChecker::new(&sim);
        Run { sim, checker }
    }

    pub fn cluster(names: &[&str], config: PaxosConfig) -> Self {
        Run::new(setup(names, config, 1))
    }

    /// Runs to `t` (in ms), checking every invariant after every event.
    pub fn to(&mut self, t_ms: u64) -> &mut Self {
        let checker = &mut self.checker;
        let r = self
            .sim
            .run_until_with(t_ms * MS, |s, step| checker.check(s, Some(step)));
        if let Err(v) = r {
            panic!("{}", v.report(&self.sim, 40));
        }
        self
    }

    pub fn act(&mut self, a: Action) -> &mut Self {
        self.sim.act(a).expect("valid action");
        // Crashes and restarts change state outside of events: check right away too.
        if let Err(v) = self.checker.check(&self.sim, None) {
            panic!("{}", v.report(&self.sim, 40));
        }
        self
    }

    pub fn client(&mut self, node: NodeId, value: &str) -> &mut Self {
        self.act(Action::Client {
            node,
            value: value.into(),
        })
    }

    pub fn node(&self, i: NodeId) -> &PaxosNode {
        self.sim.node(i)
    }

    /// Slot 0's value as node `i` knows it.
    pub fn decided(&self, i: NodeId) -> Option<&str> {
        self.node(i).chosen().get(&0).map(String::as_str)
    }

    /// Every explanation so far, rendered, as `(time, line)`.
    pub fn notes(&self, lang: Lang) -> Vec<(Time, String)> {
        self.sim
            .trace
            .iter()
            .filter_map(|e| match &e.kind {
                TraceKind::Note { node, note } => {
                    Some((e.time, note.render(*node, self.sim.names(), lang)))
                }
                _ => None,
            })
            .collect()
    }

    /// The typed notes of node `i`.
    pub fn notes_of(&self, i: NodeId) -> Vec<PaxosNote> {
        self.sim
            .trace
            .iter()
            .filter_map(|e| match &e.kind {
                TraceKind::Note { node, note } if *node == i => Some((**note).clone()),
                _ => None,
            })
            .collect()
    }

    /// Whether some explanation (English) contains `text`.
    pub fn said(&self, text: &str) -> bool {
        self.notes(Lang::En).iter().any(|(_, l)| l.contains(text))
    }

    /// Asserts that an explanation contains `text`, printing them all if not.
    pub fn expect_said(&self, text: &str) {
        if !self.said(text) {
            let all: Vec<String> = self
                .notes(Lang::En)
                .into_iter()
                .map(|(t, l)| format!("{:>6}ms {l}", t / MS))
                .collect();
            panic!(
                "no explanation contains {text:?}; they were:\n{}",
                all.join("\n")
            );
        }
    }

    /// Messages sent so far, as `(time, from, to, msg)`.
    pub fn sends(&self) -> Vec<(Time, NodeId, NodeId, PaxosMsg)> {
        self.sim
            .trace
            .iter()
            .filter_map(|e| match &e.kind {
                TraceKind::Send { from, to, msg, .. } => {
                    Some((e.time, *from, *to, (**msg).clone()))
                }
                _ => None,
            })
            .collect()
    }

    /// How many messages of `kind` ("Prepare", "Accept", …) were sent.
    pub fn count(&self, kind: &str) -> usize {
        use quorumscope::core::Describe;
        self.sends()
            .iter()
            .filter(|(_, _, _, m)| m.kind() == kind)
            .count()
    }

    /// The outcome of client request `id` (1-based, in order of submission).
    pub fn outcome(&self, id: u64) -> Option<quorumscope::core::ClientOutcome> {
        self.sim
            .state
            .requests
            .get(&id)
            .and_then(|r| r.outcome.clone())
    }

    /// Ids of in-flight messages matching `f`.
    pub fn in_flight(&self, f: impl Fn(NodeId, NodeId, &PaxosMsg) -> bool) -> Vec<u64> {
        self.sim
            .state
            .in_flight
            .values()
            .filter(|m| f(m.from, m.to, &m.msg))
            .map(|m| m.id)
            .collect()
    }

    /// Prints the run (for debugging a test).
    pub fn dump(&self) {
        for e in &self.sim.trace {
            println!(
                "{}",
                quorumscope::sim::render::line(e, self.sim.names(), Lang::En)
            );
        }
    }
}

/// Every node's timeout timer, forced now.
pub fn timeout(i: NodeId) -> Action {
    let _ = PaxosNode::TIMEOUT_TIMER;
    Action::Timeout(i)
}
