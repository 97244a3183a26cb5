//! Plays a scenario on the deterministic simulator, step by step.
//!
//! ```
//! use quorumscope::scenario::{Scenario, Runner};
//! let text = "title: demo\nprotocol raft\nnodes 3\nseed 1\n\
//!             step\nen: The first election.\nrun until leader within 2s\nexpect leader\n";
//! let sc = Scenario::parse("demo.scn", text).unwrap();
//! let mut runner = Runner::new(&sc).unwrap();
//! runner.run_all();
//! assert!(runner.ok(), "{}", runner.failures().join("\n"));
//! ```
//!
//! The state after step `k` is always the same: the run depends only on the file.

mod engine;
mod model;
mod paxos;
mod raft;
mod report;

pub use engine::{Engine, Sink, DEFAULT_WITHIN, MAX_EVENTS};
pub use model::{Eval, Model};
pub use raft::default_value;
pub use report::{fmt_pred, Check, CheckKind, StepReport};

use super::ast::{ProtocolKind, Scenario};
use super::error::ParseError;
use crate::check::{Checker, Violation};
use crate::core::paxos::PaxosNode;
use crate::core::raft::RaftNode;
use crate::core::{Lang, Time};
use crate::sim::{render, DropReason, Simulator, TraceKind};
use std::ops::Range;

/// The message kinds `drop`, `hold` and `deliver` may name for `protocol`.
pub fn message_kinds(protocol: ProtocolKind) -> &'static [&'static str] {
    match protocol {
        ProtocolKind::Raft => <RaftNode as Model>::MESSAGE_KINDS,
        ProtocolKind::Paxos => <PaxosNode as Model>::MESSAGE_KINDS,
    }
}

/// A scenario being played, on whichever protocol it declares.
#[derive(Clone, Debug)]
pub enum Runner {
    Raft(Box<Engine<RaftNode>>),
    Paxos(Box<Engine<PaxosNode>>),
}

/// The simulator underneath a [`Runner`], for drawing.
#[derive(Clone, Copy)]
pub enum SimRef<'a> {
    Raft(&'a Simulator<RaftNode>),
    Paxos(&'a Simulator<PaxosNode>),
}

macro_rules! each_sim {
    ($self:expr, $s:ident => $body:expr) => {
        match $self {
            SimRef::Raft($s) => $body,
            SimRef::Paxos($s) => $body,
        }
    };
}

/// Reading trace entry `i` (counted from the run's first entry; empty when it is not kept).
impl SimRef<'_> {
    /// Entry `i` as one dense line: `[  1.250s] n3 rejected AppendEntries …`.
    pub fn trace_line(self, i: usize, lang: Lang) -> String {
        each_sim!(self, sim => sim.trace.get(i).map(|ev| render::line(ev, sim.names(), lang)).unwrap_or_default())
    }

    /// Entry `i` without its time stamp.
    pub fn trace_text(self, i: usize, lang: Lang) -> String {
        each_sim!(self, sim => sim.trace.get(i).map(|ev| render::text(&ev.kind, sim.names(), lang)).unwrap_or_default())
    }

    /// Entry `i`'s time.
    pub fn trace_time(self, i: usize) -> Time {
        each_sim!(self, sim => sim.trace.get(i).map_or(0, |ev| ev.time))
    }

    /// Entry `i` as JSON (the typed event, as serde writes it).
    pub fn trace_json(self, i: usize) -> serde_json::Value {
        each_sim!(self, sim => sim.trace.get(i).and_then(|ev| serde_json::to_value(ev).ok()).unwrap_or_default())
    }

    /// Whether entry `i` is message traffic: a send, a delivery, or a drop that only repeats
    /// a partition or a crash (what `quorumscope run --no-messages` leaves out).
    pub fn is_traffic(self, i: usize) -> bool {
        fn traffic<P: crate::core::Protocol>(k: &TraceKind<P>) -> bool {
            matches!(
                k,
                TraceKind::Send { .. }
                    | TraceKind::Deliver { .. }
                    | TraceKind::Drop {
                        reason: DropReason::Partitioned | DropReason::Cut | DropReason::Crashed,
                        ..
                    }
            )
        }
        each_sim!(self, sim => sim.trace.get(i).is_some_and(|ev| traffic(&ev.kind)))
    }
}

/// Trace entries a streamed run hands out as it goes ([`Runner::run_next_step_streamed`]):
/// they can be read through `sim` while the call lasts, and are forgotten after it.
#[derive(Clone)]
pub struct Entries<'a> {
    pub sim: SimRef<'a>,
    /// Every invariant violated so far, each at its first violation (with its position).
    pub violations: &'a [Violation],
    pub range: Range<usize>,
}

macro_rules! each {
    ($self:expr, $e:ident => $body:expr) => {
        match $self {
            Runner::Raft($e) => $body,
            Runner::Paxos($e) => $body,
        }
    };
}

impl Runner {
    /// Builds the scenario's cluster. Errors name the file, line and column.
    pub fn new(sc: &Scenario) -> Result<Runner, ParseError> {
        match sc.protocol {
            ProtocolKind::Raft => Ok(Runner::Raft(Box::new(Engine::new(sc)?))),
            ProtocolKind::Paxos => Ok(Runner::Paxos(Box::new(Engine::new(sc)?))),
        }
    }

    /// Parses and builds in one go.
    pub fn from_text(file: &str, text: &str) -> Result<Runner, ParseError> {
        Runner::new(&Scenario::parse(file, text)?)
    }

    pub fn scenario(&self) -> &Scenario {
        each!(self, e => e.scenario())
    }

    pub fn sim(&self) -> SimRef<'_> {
        match self {
            Runner::Raft(e) => SimRef::Raft(e.sim()),
            Runner::Paxos(e) => SimRef::Paxos(e.sim()),
        }
    }

    pub fn step_count(&self) -> usize {
        self.scenario().steps.len()
    }

    /// How many steps have run.
    pub fn steps_done(&self) -> usize {
        self.reports().len()
    }

    /// Runs the next step and reports on it; `None` when every step has run.
    pub fn run_next_step(&mut self) -> Option<&StepReport> {
        each!(self, e => e.run_next())
    }

    /// Runs the next step like [`Self::run_next_step`], handing its trace to `sink` as it
    /// comes and forgetting it after ([`Engine::run_next_streamed`]): memory stays bounded
    /// however long the run. A streamed runner cannot go back.
    pub fn run_next_step_streamed(
        &mut self,
        sink: &mut dyn FnMut(Entries<'_>),
    ) -> Option<&StepReport> {
        match self {
            Runner::Raft(e) => e.run_next_streamed(&mut |sim, violations, range| {
                sink(Entries {
                    sim: SimRef::Raft(sim),
                    violations,
                    range,
                })
            }),
            Runner::Paxos(e) => e.run_next_streamed(&mut |sim, violations, range| {
                sink(Entries {
                    sim: SimRef::Paxos(sim),
                    violations,
                    range,
                })
            }),
        }
    }

    /// Brings the run to the end of step `k` (0-based): runs the steps up to it, or goes back
    /// to it. The state at the end of step `k` is always the same.
    pub fn run_step(&mut self, k: usize) -> Option<&StepReport> {
        if k >= self.step_count() {
            return None;
        }
        self.goto(k + 1);
        self.reports().get(k)
    }

    /// Brings the run to the point where exactly `done` steps have run (0: the start).
    pub fn goto(&mut self, done: usize) {
        let done = done.min(self.step_count());
        if done < self.steps_done() {
            each!(self, e => e.rewind(done));
        }
        while self.steps_done() < done {
            self.run_next_step();
        }
    }

    /// Sets the most events the run may take (see [`Engine::set_budget`]).
    pub fn set_budget(&mut self, events: u64) {
        each!(self, e => e.set_budget(events))
    }

    /// Runs every remaining step.
    pub fn run_all(&mut self) -> &[StepReport] {
        self.goto(self.step_count());
        self.reports()
    }

    pub fn reports(&self) -> &[StepReport] {
        each!(self, e => e.reports())
    }

    /// The first invariant violation, if any (expected or not).
    pub fn violation(&self) -> Option<&Violation> {
        each!(self, e => e.violation())
    }

    /// Every invariant violated so far, each at its first violation, in order.
    pub fn violations(&self) -> &[Violation] {
        each!(self, e => e.violations())
    }

    /// The names of the invariants checked after every event.
    pub fn invariants(&self) -> &'static [&'static str] {
        each!(self, e => e.checker().invariants())
    }

    /// Whether every step has run and every check held.
    pub fn ok(&self) -> bool {
        self.steps_done() == self.step_count() && self.reports().iter().all(StepReport::ok)
    }

    /// Every failed check, as `file:line:col: …` messages with expected and actual values.
    pub fn failures(&self) -> Vec<String> {
        let file = &self.scenario().file;
        self.reports()
            .iter()
            .flat_map(|r| r.failures())
            .map(|c| c.message(file))
            .collect()
    }

    pub fn now(&self) -> Time {
        each!(self, e => e.sim().now())
    }

    /// Events processed so far.
    pub fn events(&self) -> u64 {
        each!(self, e => e.sim().state.events)
    }

    pub fn trace_len(&self) -> usize {
        each!(self, e => e.sim().trace.len())
    }

    /// Trace entry `i` as one dense line: `[  1.250s] n3 rejected AppendEntries …`.
    pub fn trace_line(&self, i: usize, lang: Lang) -> String {
        self.sim().trace_line(i, lang)
    }

    /// Trace entry `i` without its time stamp.
    pub fn trace_text(&self, i: usize, lang: Lang) -> String {
        self.sim().trace_text(i, lang)
    }

    /// Trace entry `i`'s time.
    pub fn trace_time(&self, i: usize) -> Time {
        self.sim().trace_time(i)
    }

    /// Trace entry `i` as JSON (the typed event, as serde writes it).
    pub fn trace_json(&self, i: usize) -> serde_json::Value {
        self.sim().trace_json(i)
    }

    /// A stable hash of the whole trace so far (for determinism tests).
    pub fn trace_hash(&self) -> u64 {
        each!(self, e => e.sim().trace_hash())
    }

    /// A violation's full report: the invariant, the seed and the events that led to it.
    pub fn violation_report(&self, v: &Violation, context: usize) -> String {
        each!(self, e => v.report(e.sim(), context))
    }
}
