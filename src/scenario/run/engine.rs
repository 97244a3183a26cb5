//! The protocol-independent part of the runner: it plays a scenario's steps on a
//! [`Simulator`], checks every invariant and every `never` after every event, and records each
//! expectation with the actual value next to the expected one.

use super::model::{name, Eval, Model};
use super::report::{fmt_pred, fmt_sel, Check, CheckKind, StepReport};
use crate::check::{Checker, Violation};
use crate::core::{fmt_time, ClientOutcome, Describe, NoAnswer, NodeId, Time, MS};
use crate::scenario::ast::{
    Act, Command, CommandKind, MsgOp, MsgSel, NodeIs, Pred, ReqIs, Route, Scenario,
};
use crate::scenario::error::{ParseError, Pos};
use crate::sim::{Action, NetConfig, Simulator, Snapshot, Status, Step, TraceKind};
use std::ops::Range;

/// How long `run until` and `when` wait when no `within` is given.
pub const DEFAULT_WITHIN: Time = 10_000 * MS;

/// A run stops processing events after this many (a runaway scenario must not hang the
/// browser).
pub const MAX_EVENTS: u64 = crate::limits::MAX_RUN_EVENTS;

/// Where a streamed run hands out its trace entries as it goes: the simulator, the violations
/// found so far, and the positions of the entries it may read now (they are forgotten after).
pub type Sink<'a, P> = dyn FnMut(&Simulator<P>, &[Violation], Range<usize>) + 'a;

/// A streamed run hands out its trace (and forgets it) whenever this many entries are new.
const STREAM_CHUNK: usize = 4096;

/// A `never` condition that is being watched.
#[derive(Clone, Debug)]
struct Watch {
    pos: Pos,
    source: String,
    pred: Pred,
    tripped: bool,
}

/// Everything needed to go back to the start of a step.
#[derive(Clone, Debug)]
struct Saved<P: Model> {
    snap: Snapshot<P>,
    checker: P::Checker,
    violations: Vec<Violation>,
    watches: Vec<Watch>,
    exhausted: bool,
}

/// Plays one scenario on one protocol's simulator.
#[derive(Clone, Debug)]
pub struct Engine<P: Model> {
    sc: Scenario,
    sim: Simulator<P>,
    checker: P::Checker,
    /// Every invariant violated so far, each at its first violation, in order.
    violations: Vec<Violation>,
    /// Invariants the scenario expects to see violated (lower case).
    expected_violations: Vec<String>,
    watches: Vec<Watch>,
    reports: Vec<StepReport>,
    /// `saved[k]`: the state at the start of step `k`.
    saved: Vec<Saved<P>>,
    /// Results of the step being run.
    checks: Vec<Check>,
    /// The step's `expect` lines so far: where their result is in `checks`, and the condition,
    /// evaluated again when the step ends ([`Check::at_end`]).
    expects: Vec<(usize, Pred)>,
    /// The command being run (for failures found while it runs).
    at: (Pos, String),
    /// The event budget ran out.
    exhausted: bool,
    /// Streamed: the trace is handed out and forgotten as the run goes.
    streaming: bool,
    /// Every trace position before this one was handed out (streamed runs).
    streamed: usize,
    /// Every `sent` condition of the scenario (route and answer), and how many matching sends
    /// of the current step were already forgotten: all a streamed run keeps of its trace.
    sent_routes: Vec<(Route, Option<bool>)>,
    sent_forgotten: Vec<u64>,
    /// The most events the run may take ([`MAX_EVENTS`] unless [`Engine::set_budget`]).
    budget: u64,
}

impl<P: Model> Engine<P> {
    /// Lowers (or raises) the run's event budget: lecture mode gives a browser tab less
    /// ([`crate::limits::MAX_LECTURE_EVENTS`]).
    pub fn set_budget(&mut self, events: u64) {
        self.budget = events;
    }

    /// Builds the cluster of the scenario's header. Fails (with a position) on an invariant
    /// name the protocol's checker does not know.
    pub fn new(sc: &Scenario) -> Result<Self, ParseError> {
        let mut net = NetConfig::default();
        if let Some((a, b)) = sc.timing.latency {
            net.latency_min = a;
            net.latency_max = b;
        }
        if let Some(p) = sc.timing.loss {
            net.loss = p;
        }
        if let Some(p) = sc.timing.duplicate {
            net.duplicate = p;
        }
        if let Some(p) = sc.timing.reorder {
            net.reorder = p;
        }
        let setup = P::setup(sc, net)?;
        let sim = Simulator::new(setup);
        let known = P::Checker::new(&sim).invariants();
        let mut expected = Vec::new();
        let all = sc
            .never
            .iter()
            .chain(sc.steps.iter().flat_map(|s| &s.commands));
        for cmd in all {
            let mut any = Vec::new();
            match &cmd.kind {
                CommandKind::Expect(p)
                | CommandKind::RunUntil { pred: p, .. }
                | CommandKind::When { pred: p, .. } => {
                    // A violation the scenario waits for or expects is part of its story.
                    if let Pred::Violation(v) = p {
                        expected.push(v.to_lowercase());
                    }
                    collect_all_violations(p, &mut any);
                }
                CommandKind::Never(p) => collect_all_violations(p, &mut any),
                _ => {}
            }
            for v in any {
                if !known.iter().any(|k| k.eq_ignore_ascii_case(&v)) {
                    let off = cmd
                        .source
                        .find(&v)
                        .map_or(0, |b| cmd.source[..b].chars().count());
                    return Err(ParseError {
                        file: sc.file.clone(),
                        pos: Pos::new(cmd.pos.line, cmd.pos.col + off as u32),
                        message: format!(
                            "unknown invariant `{v}`; the {} checker checks: {}",
                            P::NAME,
                            known.join(", ")
                        ),
                        line_text: format!(
                            "{}{}",
                            " ".repeat(cmd.pos.col.saturating_sub(1) as usize),
                            cmd.source
                        ),
                    });
                }
            }
        }
        let mut sent_routes = Vec::new();
        for cmd in all_commands(sc) {
            if let CommandKind::Expect(p)
            | CommandKind::Never(p)
            | CommandKind::RunUntil { pred: p, .. }
            | CommandKind::When { pred: p, .. } = &cmd.kind
            {
                collect_sent(p, &mut sent_routes);
            }
        }
        let checker = P::checker(&sim, &expected);
        let watches = sc
            .never
            .iter()
            .filter_map(|c| match &c.kind {
                CommandKind::Never(p) => Some(Watch {
                    pos: c.pos,
                    source: c.source.clone(),
                    pred: p.clone(),
                    tripped: false,
                }),
                _ => None,
            })
            .collect();
        Ok(Engine {
            sc: sc.clone(),
            sim,
            checker,
            violations: Vec::new(),
            expected_violations: expected,
            watches,
            reports: Vec::new(),
            saved: Vec::new(),
            checks: Vec::new(),
            expects: Vec::new(),
            at: (Pos::default(), String::new()),
            exhausted: false,
            streaming: false,
            streamed: 0,
            sent_forgotten: vec![0; sent_routes.len()],
            sent_routes,
            budget: MAX_EVENTS,
        })
    }

    pub fn scenario(&self) -> &Scenario {
        &self.sc
    }

    pub fn sim(&self) -> &Simulator<P> {
        &self.sim
    }

    pub fn checker(&self) -> &P::Checker {
        &self.checker
    }

    /// The first invariant violation, if any.
    pub fn violation(&self) -> Option<&Violation> {
        self.violations.first()
    }

    /// Every invariant violated so far, each at its first violation.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    pub fn reports(&self) -> &[StepReport] {
        &self.reports
    }

    fn save(&self) -> Saved<P> {
        Saved {
            snap: self.sim.snapshot(),
            checker: self.checker.clone(),
            violations: self.violations.clone(),
            watches: self.watches.clone(),
            exhausted: self.exhausted,
        }
    }

    /// Goes back to the start of step `k` (`k` ≤ steps done).
    pub fn rewind(&mut self, k: usize) {
        if k >= self.reports.len() {
            return;
        }
        let s = self.saved[k].clone();
        self.sim.restore(&s.snap);
        self.checker = s.checker;
        self.violations = s.violations;
        self.watches = s.watches;
        self.exhausted = s.exhausted;
        self.reports.truncate(k);
        self.saved.truncate(k);
    }

    /// Runs the next step; `None` when every step has run.
    pub fn run_next(&mut self) -> Option<&StepReport> {
        self.run_next_with(&mut |_, _, _| {})
    }

    /// Runs the next step like [`Self::run_next`], handing its trace entries to `sink` as they
    /// come (a few thousand at a time, and the rest at the step's end) and then forgetting
    /// them, so that memory does not grow with the run (issue 22 item 3): the command line
    /// prints and checks runs of millions of events this way. Of the trace, the step keeps
    /// only the counts its `sent` conditions need. A streamed run cannot be gone back in.
    pub fn run_next_streamed(&mut self, sink: &mut Sink<'_, P>) -> Option<&StepReport> {
        self.streaming = true;
        self.run_next_with(sink)
    }

    fn run_next_with(&mut self, sink: &mut Sink<'_, P>) -> Option<&StepReport> {
        let k = self.reports.len();
        let step = self.sc.steps.get(k)?.clone();
        self.saved.truncate(k);
        self.saved.push(self.save());
        if k == 0 {
            // Header `never` lines must not hold in the initial state either.
            self.watch();
        }
        let start = self.sim.now();
        let trace_start = self.saved[k].snap.trace_len;
        self.sent_forgotten.iter_mut().for_each(|c| *c = 0);
        if self.streaming {
            // What came before the step (the boot, the previous steps) was handed out.
            self.streamed = trace_start;
            self.sim.trace.forget_before(trace_start);
        }
        for cmd in &step.commands {
            self.exec(cmd, sink);
        }
        // What the step's expectations say of its end: an `expect` before a later action may
        // no longer hold (split vote: "A term 1" just before A starts term 2).
        for (i, pred) in std::mem::take(&mut self.expects) {
            let holds = self.eval(&pred).holds;
            self.checks[i].at_end = holds;
        }
        if self.streaming {
            self.stream(sink);
        }
        let report = StepReport {
            index: k,
            start,
            end: self.sim.now(),
            trace_start,
            trace_end: self.sim.trace.len(),
            end_events: self.sim.state.events,
            checks: std::mem::take(&mut self.checks),
        };
        self.reports.push(report);
        self.reports.last()
    }

    fn fail(&mut self, kind: CheckKind, expected: String, actual: String) {
        self.checks.push(Check {
            kind,
            pos: self.at.0,
            source: self.at.1.clone(),
            ok: false,
            expected,
            actual,
            time: self.sim.now(),
            at_end: false,
        });
    }

    /// Hands the entries logged since the last call to `sink`, counts their sends for the
    /// scenario's `sent` conditions, and forgets them (streamed runs). The checker has read
    /// them: it runs after every event and action.
    fn stream(&mut self, sink: &mut Sink<'_, P>) {
        let end = self.sim.trace.len();
        if end <= self.streamed {
            return;
        }
        sink(&self.sim, &self.violations, self.streamed..end);
        for k in 0..self.sent_routes.len() {
            let (route, answer) = &self.sent_routes[k];
            self.sent_forgotten[k] +=
                count_sends(self.sim.trace.since(self.streamed), route, *answer);
        }
        self.sim.trace.forget_before(end);
        self.streamed = end;
    }

    fn exec(&mut self, cmd: &Command, sink: &mut Sink<'_, P>) {
        self.at = (cmd.pos, cmd.source.clone());
        let names = self.sim.names().to_vec();
        match &cmd.kind {
            CommandKind::Do(a) => self.act(a, sink),
            CommandKind::At(t, a) => {
                if *t < self.sim.now() {
                    self.fail(
                        CheckKind::Action,
                        format!("a time at or after now ({})", fmt_time(self.sim.now())),
                        format!("{} is in the past; the action was taken now", fmt_time(*t)),
                    );
                } else {
                    self.advance(*t, None, sink);
                }
                self.act(a, sink);
            }
            CommandKind::After(d, a) => {
                let t = self.sim.now().saturating_add(*d);
                self.advance(t, None, sink);
                self.act(a, sink);
            }
            CommandKind::When { pred, within, act } => {
                if self.wait(pred, *within, &names, sink) {
                    self.act(act, sink);
                }
            }
            CommandKind::Run(d) => {
                let t = self.sim.now().saturating_add(*d);
                self.advance(t, None, sink);
            }
            CommandKind::RunUntil { pred, within } => {
                self.wait(pred, *within, &names, sink);
            }
            CommandKind::Expect(p) => {
                let e = self.eval(p);
                self.expects.push((self.checks.len(), p.clone()));
                self.checks.push(Check {
                    kind: CheckKind::Expect,
                    pos: cmd.pos,
                    source: cmd.source.clone(),
                    ok: e.holds,
                    expected: fmt_pred(p, &names),
                    actual: e.actual,
                    time: self.sim.now(),
                    at_end: e.holds,
                });
            }
            CommandKind::Never(p) => {
                self.watches.push(Watch {
                    pos: cmd.pos,
                    source: cmd.source.clone(),
                    pred: p.clone(),
                    tripped: false,
                });
                self.watch();
            }
        }
    }

    /// Runs until `pred` holds, at most `within`; records a failure if it never does.
    fn wait(
        &mut self,
        pred: &Pred,
        within: Option<Time>,
        names: &[String],
        sink: &mut Sink<'_, P>,
    ) -> bool {
        let limit = self
            .sim
            .now()
            .saturating_add(within.unwrap_or(DEFAULT_WITHIN));
        if self.advance(limit, Some(pred), sink) {
            return true;
        }
        let actual = self.eval(pred).actual;
        self.fail(
            CheckKind::Wait,
            format!(
                "{} within {}",
                fmt_pred(pred, names),
                fmt_time(within.unwrap_or(DEFAULT_WITHIN))
            ),
            format!("at {}: {actual}", fmt_time(self.sim.now())),
        );
        false
    }

    /// Processes events up to `limit` (or until `until` holds: then returns true).
    fn advance(&mut self, limit: Time, until: Option<&Pred>, sink: &mut Sink<'_, P>) -> bool {
        loop {
            if let Some(p) = until {
                if self.eval(p).holds {
                    return true;
                }
            }
            if self.exhausted {
                return false;
            }
            match self.sim.next_time() {
                Some(t) if t <= limit => {
                    if self.sim.state.events >= self.budget {
                        self.exhausted = true;
                        let budget = self.budget;
                        self.fail(
                            CheckKind::Action,
                            format!("at most {budget} events in a run"),
                            "the event budget ran out; the run stops here".into(),
                        );
                        return false;
                    }
                    let step = self.sim.step();
                    self.after(step);
                    if self.streaming && self.sim.trace.len() - self.streamed >= STREAM_CHUNK {
                        self.stream(sink);
                    }
                }
                _ => {
                    self.sim.run_until(limit);
                    return until.is_some_and(|p| self.eval(p).holds);
                }
            }
        }
    }

    /// After an event (`Some`) or an action (`None`): invariants, then `never` conditions.
    fn after(&mut self, step: Option<Step>) {
        // The checker keeps running after a violation (its ghost state stays current); each
        // invariant is reported once, at its first violation.
        if let Err(v) = self.checker.check(&self.sim, step) {
            self.report(v);
        }
        self.watch();
    }

    /// Records a violation the first time its invariant breaks; fails the scenario unless the
    /// scenario expects it.
    fn report(&mut self, v: Violation) {
        if self.violations.iter().any(|x| x.invariant == v.invariant) {
            return;
        }
        let expected = self
            .expected_violations
            .contains(&v.invariant.to_lowercase());
        if !expected {
            self.fail(
                CheckKind::Violation,
                format!("no violation of {}", v.invariant),
                format!("{} (event {}, seed {})", v.detail, v.event, self.sim.seed()),
            );
        }
        self.violations.push(v);
    }

    fn watch(&mut self) {
        for k in 0..self.watches.len() {
            if self.watches[k].tripped {
                continue;
            }
            let e = self.eval(&self.watches[k].pred.clone());
            if e.holds {
                let w = &mut self.watches[k];
                w.tripped = true;
                let names = self.sim.names();
                let check = Check {
                    kind: CheckKind::Never,
                    pos: w.pos,
                    source: w.source.clone(),
                    ok: false,
                    expected: format!("never {}", fmt_pred(&w.pred, names)),
                    actual: e.actual,
                    time: self.sim.now(),
                    at_end: false,
                };
                self.checks.push(check);
            }
        }
    }

    fn act(&mut self, a: &Act, sink: &mut Sink<'_, P>) {
        let names = self.sim.names().to_vec();
        let actions: Vec<Action> = match a {
            Act::Sim(action) => vec![action.clone()],
            Act::BothWays { cut, a, b } => [(*a, *b), (*b, *a)]
                .into_iter()
                .map(|(from, to)| {
                    if *cut {
                        Action::Cut { from, to }
                    } else {
                        Action::Restore { from, to }
                    }
                })
                .collect(),
            Act::Message(op, sel) => {
                let ids = self.select(*op, sel);
                if ids.is_empty() {
                    let inflight = self.in_flight_summary();
                    self.fail(
                        CheckKind::Action,
                        format!("a message in flight matching {}", fmt_sel(sel, &names)),
                        format!("in flight: {inflight}"),
                    );
                    return;
                }
                ids.into_iter()
                    .map(|id| match op {
                        MsgOp::Drop => Action::DropMessage(id),
                        MsgOp::Hold => Action::HoldMessage(id),
                        MsgOp::Deliver => Action::DeliverMessage(id),
                    })
                    .collect()
            }
        };
        for action in actions {
            // A resumed node's backlog is checked message by message (check::act_observed);
            // the check after the whole action is `after(None)` below.
            let mut seen = Vec::new();
            let checker = &mut self.checker;
            let done = self.sim.act_each(action, |s, step| {
                if let Err(v) = checker.check(s, Some(step)) {
                    seen.push(v);
                }
            });
            for v in seen {
                self.report(v);
            }
            if let Err(e) = done {
                self.fail(
                    CheckKind::Action,
                    "an action the simulator accepts".into(),
                    e,
                );
            }
        }
        self.after(None);
        if matches!(a, Act::Message(MsgOp::Deliver, _)) {
            // Delivered now means handled now, before the next line looks at the cluster.
            let now = self.sim.now();
            self.advance(now, None, sink);
        }
    }

    /// The ids of the messages a selector picks, in the order they are acted on.
    fn select(&self, op: MsgOp, sel: &MsgSel) -> Vec<u64> {
        let fl = &self.sim.state.in_flight;
        match sel {
            MsgSel::Id(id) => fl
                .get(id)
                .filter(|m| op != MsgOp::Hold || !m.held)
                .map(|m| vec![m.id])
                .unwrap_or_default(),
            MsgSel::Match {
                all,
                from,
                to,
                kind,
            } => {
                let mut v: Vec<_> = fl
                    .values()
                    .filter(|m| from.is_none_or(|f| f == m.from))
                    .filter(|m| to.is_none_or(|t| t == m.to))
                    .filter(|m| {
                        kind.as_ref()
                            .is_none_or(|k| k.eq_ignore_ascii_case(m.msg.kind()))
                    })
                    .filter(|m| op != MsgOp::Hold || !m.held)
                    .map(|m| (op == MsgOp::Deliver && !m.held, m.deliver_at, m.id))
                    .collect();
                v.sort();
                let ids = v.into_iter().map(|(_, _, id)| id);
                if *all {
                    ids.collect()
                } else {
                    ids.take(1).collect()
                }
            }
        }
    }

    fn in_flight_summary(&self) -> String {
        let names = self.sim.names();
        let fl = &self.sim.state.in_flight;
        if fl.is_empty() {
            return "nothing".into();
        }
        let mut parts: Vec<String> = fl
            .values()
            .take(8)
            .map(|m| {
                format!(
                    "#{} {}→{} {}{}",
                    m.id,
                    name(names, m.from),
                    name(names, m.to),
                    m.msg.kind(),
                    if m.held { " (held)" } else { "" }
                )
            })
            .collect();
        if fl.len() > 8 {
            parts.push(format!("and {} more", fl.len() - 8));
        }
        parts.join(", ")
    }

    /// Evaluates a condition against the current state.
    pub fn eval(&self, p: &Pred) -> Eval {
        let sim = &self.sim;
        let names = sim.names();
        match p {
            Pred::Not(inner) => {
                let e = self.eval(inner);
                Eval::new(!e.holds, e.actual)
            }
            Pred::Stable => P::stable(sim, &self.checker),
            Pred::Leader { node, term } => {
                let ls = P::leaders(sim);
                let holds = ls
                    .iter()
                    .any(|(i, t)| node.is_none_or(|n| n == *i) && term.is_none_or(|x| x == *t));
                let list: Vec<String> = ls
                    .iter()
                    .map(|(i, _)| {
                        let paused = if sim.status(*i) == Status::Paused {
                            ", paused"
                        } else {
                            ""
                        };
                        format!("{} ({}{paused})", name(names, *i), P::leader_label(sim, *i))
                    })
                    .collect();
                let actual = match list.len() {
                    0 => "no leader".to_string(),
                    1 => format!("leader {}", list[0]),
                    _ => format!("leaders {}", list.join(", ")),
                };
                Eval::new(holds, actual)
            }
            Pred::Is { node, what } => self.eval_is(*node, *what),
            Pred::Request { value, is } => self.eval_request(value, is),
            Pred::Violation(inv) => {
                let found = self
                    .violations
                    .iter()
                    .find(|v| v.invariant.eq_ignore_ascii_case(inv));
                match (found, self.violations.first()) {
                    (Some(v), _) => Eval::new(
                        true,
                        format!(
                            "violation of {} at {}: {}",
                            v.invariant,
                            fmt_time(v.time),
                            v.detail
                        ),
                    ),
                    (None, Some(v)) => Eval::new(
                        false,
                        format!("only a violation of {}: {}", v.invariant, v.detail),
                    ),
                    (None, None) => Eval::new(false, "no violation so far"),
                }
            }
            Pred::Sent {
                route,
                answer,
                cmp,
                count,
            } => {
                let n = self.count_sent(route, *answer);
                Eval::new(cmp.holds(n, *count), format!("{n} sent this step"))
            }
            other => P::eval(sim, &self.checker, other)
                .unwrap_or_else(|| Eval::new(false, format!("not a {} condition", P::NAME))),
        }
    }

    /// How many messages matching `route` and `answer` nodes sent since the step being run
    /// (or last run) began. Copies made by the network (duplication) are not sends.
    /// A streamed run counted the sends it forgot.
    fn count_sent(&self, route: &Route, answer: Option<bool>) -> u64 {
        let start = self.saved.last().map_or(0, |s| s.snap.trace_len);
        let forgotten = self
            .sent_routes
            .iter()
            .position(|(r, a)| r == route && *a == answer)
            .map_or(0, |k| self.sent_forgotten[k]);
        forgotten + count_sends(self.sim.trace.since(start), route, answer)
    }

    fn eval_is(&self, node: NodeId, what: NodeIs) -> Eval {
        let sim = &self.sim;
        let who = name(sim.names(), node).to_string();
        let status = sim.status(node);
        let actual = format!("{who} is {}", P::describe(sim, node));
        let holds = match what {
            NodeIs::Up => status == Status::Up,
            NodeIs::Crashed => status == Status::Crashed,
            NodeIs::Paused => status == Status::Paused,
            role => status != Status::Crashed && P::is(sim, node, role),
        };
        Eval::new(holds, actual)
    }

    fn eval_request(&self, value: &str, is: &ReqIs) -> Eval {
        let sim = &self.sim;
        let names = sim.names();
        let Some((id, rec)) = sim.state.requests.iter().find(|(_, r)| r.value == value) else {
            return Eval::new(false, format!("no request \"{value}\" was sent"));
        };
        let outcome = match &rec.outcome {
            None => "pending".to_string(),
            Some(ClientOutcome::Committed { index }) => format!("committed at {index}"),
            Some(ClientOutcome::Chosen { slot: None, .. }) => "chosen".into(),
            Some(ClientOutcome::Chosen { slot: Some(s), .. }) => format!("chosen in slot {s}"),
            Some(ClientOutcome::Lost { slot, chosen, .. }) => match slot {
                None => format!("lost to \"{chosen}\""),
                Some(s) => format!("lost in slot {s} to \"{chosen}\""),
            },
            Some(ClientOutcome::Redirect { leader: Some(l) }) => {
                format!("refused: redirected to {}", name(names, *l))
            }
            Some(ClientOutcome::Redirect { leader: None }) => "refused: no leader known".into(),
            Some(ClientOutcome::Unknown {
                why: NoAnswer::Down,
            }) => "unknown (its node was down)".into(),
            Some(ClientOutcome::Unknown {
                why: NoAnswer::Deposed,
            }) => "unknown (its leader lost leadership)".into(),
        };
        let actual = format!(
            "request #{id} {outcome} after {} redirect(s)",
            rec.redirects
        );
        let holds = match (is, &rec.outcome) {
            (ReqIs::Committed(want), Some(ClientOutcome::Committed { index })) => {
                want.is_none_or(|w| w == *index)
            }
            (ReqIs::Refused, Some(ClientOutcome::Redirect { .. })) => true,
            (ReqIs::Chosen(want), Some(ClientOutcome::Chosen { slot, .. })) => {
                want.is_none_or(|w| *slot == Some(w))
            }
            (ReqIs::Lost { slot: want, to }, Some(ClientOutcome::Lost { slot, chosen, .. })) => {
                want.is_none_or(|w| *slot == Some(w)) && to.as_ref().is_none_or(|v| v == chosen)
            }
            (ReqIs::Unknown, Some(ClientOutcome::Unknown { .. })) => true,
            (ReqIs::Pending, None) => true,
            (ReqIs::Redirects(k), _) => rec.redirects as u64 == *k,
            _ => false,
        };
        Eval::new(holds, actual)
    }
}

/// How many of `entries` are sends matching `route` and `answer`.
fn count_sends<P: Model>(
    entries: &[crate::sim::TraceEvent<P>],
    route: &Route,
    answer: Option<bool>,
) -> u64 {
    entries
        .iter()
        .filter(|e| match &e.kind {
            TraceKind::Send { from, to, msg, .. } => {
                route.from.is_none_or(|f| f == *from)
                    && route.to.is_none_or(|t| t == *to)
                    && route
                        .kind
                        .as_ref()
                        .is_none_or(|k| k.eq_ignore_ascii_case(msg.kind()))
                    && answer.is_none_or(|a| msg.outcome() == Some(a))
            }
            _ => false,
        })
        .count() as u64
}

/// The header's `never` lines and every step's commands.
fn all_commands(sc: &Scenario) -> impl Iterator<Item = &Command> {
    sc.never
        .iter()
        .chain(sc.steps.iter().flat_map(|s| &s.commands))
}

/// Every `sent` condition (route and answer) in a condition, each once.
fn collect_sent(p: &Pred, out: &mut Vec<(Route, Option<bool>)>) {
    match p {
        Pred::Sent { route, answer, .. } if !out.iter().any(|(r, a)| r == route && a == answer) => {
            out.push((route.clone(), *answer));
        }
        Pred::Not(inner) => collect_sent(inner, out),
        _ => {}
    }
}

/// Every invariant name mentioned anywhere in a condition.
fn collect_all_violations(p: &Pred, out: &mut Vec<String>) {
    match p {
        Pred::Violation(v) => out.push(v.clone()),
        Pred::Not(inner) => collect_all_violations(inner, out),
        _ => {}
    }
}
