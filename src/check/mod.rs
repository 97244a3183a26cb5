//! Invariant checkers. They run after every simulator event (in tests, in the CLI and live in
//! the UI) and report the first violation with the seed and the events that led to it.

#![warn(missing_docs)]

pub mod paxos;
pub mod raft;

use crate::core::{fmt_time, Lang, Protocol, Time};
use crate::sim::{Simulator, Step};
use serde::{Deserialize, Serialize};

/// A broken safety property.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    /// The invariant's name, e.g. "Election Safety".
    pub invariant: String,
    /// What exactly was seen.
    pub detail: String,
    /// Virtual time at which it was seen.
    pub time: Time,
    /// How many events had been processed when it was seen.
    pub event: u64,
    /// Index into the trace just past the offending event.
    pub trace_len: usize,
}

/// A set of invariants for one protocol, with whatever history it needs ("ghost state").
pub trait Checker<P: Protocol>: Clone + std::fmt::Debug {
    /// A checker for a simulator in its initial state.
    fn new(sim: &Simulator<P>) -> Self;
    /// Checks after one event. `step.node` is the node that may have changed, if any.
    fn check(
        &mut self,
        sim: &Simulator<P>,
        step: Option<crate::sim::Step>,
    ) -> Result<(), Violation>;
    /// The names of the invariants checked, for the UI's panel.
    fn invariants(&self) -> &'static [&'static str];
}

/// A protocol that has a checker.
pub trait Checked: Protocol {
    /// The checker of this protocol's invariants.
    type Checker: Checker<Self>;
}

impl Violation {
    /// A violation of `invariant` seen now in `sim` (its time, event count and trace length).
    pub fn new<P: Protocol>(sim: &Simulator<P>, invariant: &str, detail: String) -> Self {
        Violation {
            invariant: invariant.to_string(),
            detail,
            time: sim.now(),
            event: sim.state.events,
            trace_len: sim.trace.len(),
        }
    }

    /// A full report: the invariant, the seed, and the last `context` trace lines before it.
    pub fn report<P: Protocol>(&self, sim: &Simulator<P>, context: usize) -> String {
        let mut s = format!(
            "VIOLATION of {} at {} (event {}, seed {}): {}\n",
            self.invariant,
            fmt_time(self.time),
            self.event,
            sim.seed(),
            self.detail
        );
        let end = self.trace_len.min(sim.trace.len());
        // Only what the trace still keeps (a streamed or campaign run forgets its front).
        let start = end
            .saturating_sub(context)
            .max(sim.trace.first_kept())
            .min(end);
        s.push_str(&format!("the {} events that led to it:\n", end - start));
        for e in &sim.trace[start..end] {
            s.push_str("  ");
            s.push_str(&crate::sim::render::line(e, sim.names(), Lang::En));
            s.push('\n');
        }
        s
    }
}

/// Steps `sim` until `t`, checking every invariant after every event.
pub fn run_checked<P: Checked>(
    sim: &mut Simulator<P>,
    checker: &mut P::Checker,
    t: Time,
) -> Result<(), Violation> {
    sim.run_until_with(t, |s, step: Step| checker.check(s, Some(step)))
}

/// Takes `action` with the invariants checked after every timer, message and client request a
/// resumed node handles from its backlog, and once more after the whole action: a resumed
/// node is checked as often as one that was never paused. Every violation seen goes to
/// `seen`; the action is taken in full either way, so the run does not depend on the checker.
pub fn act_observed<P: Checked>(
    sim: &mut Simulator<P>,
    checker: &mut P::Checker,
    action: crate::sim::Action,
    mut seen: impl FnMut(Violation),
) -> Result<(), String> {
    sim.act_each(action, |s, step| {
        if let Err(v) = checker.check(s, Some(step)) {
            seen(v);
        }
    })?;
    if let Err(v) = checker.check(sim, None) {
        seen(v);
    }
    Ok(())
}

/// [`act_observed`], keeping the first violation.
pub fn act_checked<P: Checked>(
    sim: &mut Simulator<P>,
    checker: &mut P::Checker,
    action: crate::sim::Action,
) -> Result<Result<(), Violation>, String> {
    let mut first = None;
    act_observed(sim, checker, action, |v| {
        first.get_or_insert(v);
    })?;
    Ok(first.map_or(Ok(()), Err))
}
