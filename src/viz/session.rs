//! A run the user can play, step, scrub and fork: the simulator plus its invariant checker,
//! with snapshots for seeking. Seeking is exact in both directions: restore the nearest
//! earlier snapshot, then replay deterministically, re-applying the recorded user actions at
//! the exact points where they were taken. Acting in the past forks a new future.

use crate::check::{Checked, Checker, Violation};
use crate::core::Time;
use crate::sim::{Action, Recorded, Setup, Simulator, Snapshot};
use crate::viz::motion::{self, Motion, Trail};
use crate::viz::scene::Visual;

/// Snapshots kept at most; past this, every other one is dropped and the spacing doubles.
const MAX_SNAPSHOTS: usize = 256;

#[derive(Clone, Debug)]
struct Snap<P: Checked> {
    sim: Snapshot<P>,
    checker: P::Checker,
    violation: Option<Violation>,
}

impl<P: Checked> Snap<P> {
    fn events(&self) -> u64 {
        self.sim.state.events
    }
    fn time(&self) -> Time {
        self.sim.state.now
    }
}

/// A seekable, forkable run.
#[derive(Clone, Debug)]
pub struct Session<P: Checked> {
    pub sim: Simulator<P>,
    checker: P::Checker,
    violation: Option<Violation>,
    snaps: Vec<Snap<P>>,
    /// Every action of this timeline, including those "in the future" after a seek back.
    timeline: Vec<Recorded>,
    /// The furthest point reached on this timeline: (events, time).
    horizon: (u64, Time),
    snap_every: u64,
    /// The diagram's arrows, read from the trace as it grows.
    trail: Trail,
}

impl<P: Checked> Session<P> {
    pub fn new(setup: Setup<P>) -> Self {
        Self::from_simulator(Simulator::new(setup))
    }

    /// Takes over a simulator mid-run (e.g. where a scenario step ended). Its recorded actions
    /// become the timeline, so seeking back before this point replays from the setup.
    pub fn from_simulator(sim: Simulator<P>) -> Self {
        let timeline = sim.state.actions.clone();
        let start = Simulator::new(sim.state.setup.clone());
        let start_checker = P::Checker::new(&start);
        let mut checker = start_checker.clone();
        // A fresh checker cannot know the history of a simulator taken over mid-run; replay
        // it so the checker's ghost state is the same as if it had watched from the start.
        let mut replayed = start.clone();
        let mut violation = None;
        let mut next = 0;
        while replayed.state.events < sim.state.events || next < timeline.len() {
            if let Some(r) = timeline
                .get(next)
                .filter(|r| r.events == replayed.state.events)
            {
                replayed.state.now = r.time.max(replayed.state.now);
                let _ = replayed.act(r.action.clone());
                next += 1;
                if violation.is_none() {
                    violation = checker.check(&replayed, None).err();
                }
                continue;
            }
            match replayed.step() {
                Some(step) => {
                    if violation.is_none() {
                        violation = checker.check(&replayed, Some(step)).err();
                    }
                }
                None => break,
            }
        }
        let horizon = (sim.state.events, sim.state.now);
        Session {
            snaps: vec![Snap {
                sim: start.snapshot(),
                checker: start_checker,
                violation: None,
            }],
            sim,
            checker,
            violation,
            timeline,
            horizon,
            snap_every: 500,
            trail: Trail::default(),
        }
    }

    /// What moves now, with the arrows of the last `window` µs (read from the trace
    /// entries added since the last call, when the run only went on).
    pub fn motion(&mut self, window: Time) -> Motion
    where
        P: Visual,
    {
        let horizon = self.horizon_time();
        motion::build(&self.sim, &mut self.trail, horizon, window)
    }

    pub fn setup(&self) -> &Setup<P> {
        &self.sim.state.setup
    }

    pub fn now(&self) -> Time {
        self.sim.now()
    }

    pub fn events(&self) -> u64 {
        self.sim.state.events
    }

    /// The furthest time reached on this timeline (the end of the time slider).
    pub fn horizon_time(&self) -> Time {
        self.horizon.1.max(self.sim.now())
    }

    pub fn horizon_events(&self) -> u64 {
        self.horizon.0.max(self.events())
    }

    /// The first broken invariant at this point of the run, if any.
    pub fn violation(&self) -> Option<&Violation> {
        self.violation.as_ref()
    }

    pub fn invariants(&self) -> &'static [&'static str] {
        self.checker.invariants()
    }

    /// Every action of this timeline (the share link carries these).
    pub fn timeline(&self) -> &[Recorded] {
        &self.timeline
    }

    /// The next recorded action that is due at the current point, if any.
    fn due_action(&self) -> Option<&Recorded> {
        let applied = self.sim.state.actions.len();
        self.timeline
            .get(applied)
            .filter(|r| r.events == self.sim.state.events)
    }

    fn apply_due(&mut self, limit: Time) -> bool {
        let Some(r) = self.due_action().cloned() else {
            return false;
        };
        if r.time > limit {
            return false;
        }
        self.sim.state.now = self.sim.state.now.max(r.time);
        if self.sim.act(r.action).is_err() {
            // A recorded action that no longer applies cannot happen on a deterministic
            // replay; drop the rest of the timeline rather than loop.
            self.timeline.truncate(self.sim.state.actions.len());
            return false;
        }
        self.after_change(None);
        true
    }

    fn after_change(&mut self, step: Option<crate::sim::Step>) {
        if self.violation.is_none() {
            self.violation = self.checker.check(&self.sim, step).err();
        }
        let e = self.sim.state.events;
        if e > self.horizon.0 || (e == self.horizon.0 && self.sim.now() > self.horizon.1) {
            self.horizon = (e, self.sim.now());
        }
        if step.is_some()
            && e % self.snap_every == 0
            && self.snaps.last().is_none_or(|s| s.events() < e)
        {
            self.snaps.push(Snap {
                sim: self.sim.snapshot(),
                checker: self.checker.clone(),
                violation: self.violation.clone(),
            });
            if self.snaps.len() > MAX_SNAPSHOTS {
                let mut k = 0;
                self.snaps.retain(|_| {
                    k += 1;
                    k % 2 == 1
                });
                self.snap_every *= 2;
            }
        }
    }

    /// Processes one event (after any user action recorded at this point). Returns false when
    /// nothing is left to do.
    pub fn step(&mut self) -> bool {
        if self.apply_due(Time::MAX) {
            return true;
        }
        match self.sim.step() {
            Some(step) => {
                self.after_change(Some(step));
                true
            }
            None => false,
        }
    }

    /// Plays until virtual time `t`: every event and recorded action due by then.
    pub fn advance_to(&mut self, t: Time) {
        loop {
            if self.apply_due(t) {
                continue;
            }
            if self.due_action().is_some() {
                // An action due before the next event, but after t.
                break;
            }
            match self.sim.next_time() {
                Some(next) if next <= t => {
                    if let Some(step) = self.sim.step() {
                        self.after_change(Some(step));
                    }
                }
                _ => break,
            }
        }
        if t > self.sim.state.now {
            self.sim.state.now = t;
            if self.sim.state.events == self.horizon.0 && t > self.horizon.1 {
                self.horizon.1 = t;
            }
        }
    }

    /// Takes a user action now. If this point is in the past of the timeline, the old future
    /// is discarded and a new one begins here.
    pub fn act(&mut self, action: Action) -> Result<(), String> {
        let applied = self.sim.state.actions.len();
        let here = self.sim.state.events;
        self.sim.act(action.clone())?;
        if self.timeline.len() > applied || self.horizon.0 > here {
            self.timeline.truncate(applied);
            self.snaps.retain(|s| s.events() <= here);
            self.horizon = (here, self.sim.now());
            self.sim.trace.forget_kept();
        }
        self.timeline.push(
            self.sim
                .state
                .actions
                .last()
                .cloned()
                .expect("the action was just recorded"),
        );
        self.after_change(None);
        Ok(())
    }

    /// Restores the latest snapshot that `keep` accepts and whose trace is still kept (the
    /// first one if none is): back in time, the trace past it stays kept as the future
    /// ([`crate::sim::Trace`]); forward, the kept trace up to it becomes live again.
    fn restore_before(&mut self, keep: impl Fn(&Snap<P>) -> bool) {
        let kept = self.sim.trace.kept();
        let k = self
            .snaps
            .iter()
            .rposition(|s| keep(s) && s.sim.trace_len <= kept)
            .unwrap_or(0);
        let snap = &self.snaps[k];
        self.sim.restore(&snap.sim);
        self.checker = snap.checker.clone();
        self.violation = snap.violation.clone();
    }

    /// Whether a snapshot lies ahead of now, at or before what `within` accepts, with the
    /// trace up to it still kept (so that seeking forward may jump there).
    fn snapshot_ahead(&self, within: impl Fn(&Snap<P>) -> bool) -> bool {
        let here = self.events();
        let kept = self.sim.trace.kept();
        self.snaps
            .iter()
            .any(|s| s.events() > here && within(s) && s.sim.trace_len <= kept)
    }

    /// Goes to the state right after event `k` (and the actions taken there).
    pub fn seek_events(&mut self, k: u64) {
        if k < self.events() || self.snapshot_ahead(|s| s.events() <= k) {
            // Back, or forward past a snapshot of this timeline: start from the nearest one.
            self.restore_before(|s| s.events() <= k);
        }
        while self.events() < k || self.due_action().is_some() {
            if !self.step() {
                break;
            }
        }
    }

    /// Goes to virtual time `t`, exactly, in either direction.
    pub fn seek_time(&mut self, t: Time) {
        if t < self.now() || self.snapshot_ahead(|s| s.time() <= t) {
            // Back, or forward past a snapshot of this timeline: start from the nearest one.
            self.restore_before(|s| s.time() <= t);
        }
        self.advance_to(t);
    }

    /// Undoes the last thing that happened: the user actions taken after the last event, if
    /// any (a dropped message comes back in flight, a crashed node back up), else the last
    /// event. The undone part stays in the timeline as its future: stepping forward does it
    /// again; acting instead forks a new future.
    pub fn step_back(&mut self) {
        let e = self.events();
        let applied = self.sim.state.actions.len();
        let here = self.timeline[..applied.min(self.timeline.len())]
            .iter()
            .rev()
            .take_while(|r| r.events == e)
            .count();
        if here == 0 {
            if e > 0 {
                self.seek_events(e - 1);
            }
            return;
        }
        // Right after event `e`, with only the actions taken before it.
        let keep = applied - here;
        let at = self.timeline[keep].time;
        self.restore_before(|s| s.events() <= e);
        while self.events() < e || self.sim.state.actions.len() < keep {
            if !self.step() {
                break;
            }
        }
        // And at the moment the first undone action was taken (no event lies between).
        let at = self.sim.next_time().map_or(at, |next| at.min(next));
        self.sim.state.now = self.sim.state.now.max(at);
    }
}
