//! A run the user can play, step, scrub and fork: the simulator plus its invariant checker,
//! with snapshots for seeking. Seeking is exact in both directions: restore the nearest
//! earlier snapshot, then replay deterministically, re-applying the recorded user actions at
//! the exact points where they were taken. Acting in the past forks a new future.

use crate::check::{Checked, Checker, Violation};
use crate::core::Time;
use crate::limits::MAX_SEEK_EVENTS;
use crate::sim::{Action, Recorded, Setup, Simulator, Snapshot};
use crate::viz::motion::{self, Motion, Trail};
use crate::viz::scene::Visual;

/// The error of a seek that would take too much work.
fn too_far(budget: u64) -> String {
    format!("reaching that moment would replay more than {budget} events, the most one seek may")
}

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
                let _ = crate::check::act_observed(
                    &mut replayed,
                    &mut checker,
                    r.action.clone(),
                    |v| {
                        violation.get_or_insert(v);
                    },
                );
                next += 1;
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
        if self.act_watched(r.action).is_err() {
            // A recorded action that no longer applies cannot happen on a deterministic
            // replay; drop the rest of the timeline rather than loop.
            self.timeline.truncate(self.sim.state.actions.len());
            return false;
        }
        self.after_change(None);
        true
    }

    /// Takes `action`, checking the invariants after each message a resumed node handles from
    /// its backlog (the check after the whole action is [`Self::after_change`]).
    fn act_watched(&mut self, action: Action) -> Result<(), String> {
        let checker = &mut self.checker;
        let violation = &mut self.violation;
        self.sim.act_each(action, |s, step| {
            if violation.is_none() {
                *violation = checker.check(s, Some(step)).err();
            }
        })
    }

    /// How many items a snapshot copies besides the nodes: messages in flight, client
    /// requests, recorded actions. A snapshot is taken only once at least this many events
    /// have passed since the previous one, so that all snapshots together hold no more than
    /// the events they cover: a link with a 1 ms heartbeat and seconds of latency (thousands
    /// of messages in flight) cannot fill memory with 256 copies of its queue.
    fn state_weight(&self) -> u64 {
        let st = &self.sim.state;
        (st.in_flight.len() + st.requests.len() + st.actions.len()) as u64
    }

    /// How many items (see `state_weight`) all snapshots together hold: at most about the
    /// number of events they cover, whatever the settings.
    pub fn snapshot_items(&self) -> u64 {
        self.snaps
            .iter()
            .map(|s| {
                let st = &s.sim.state;
                (st.in_flight.len() + st.requests.len() + st.actions.len()) as u64
            })
            .sum()
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
            && self
                .snaps
                .last()
                .is_none_or(|s| s.events() + self.state_weight().max(1) <= e)
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
        self.advance_within(t, u64::MAX);
    }

    /// [`Self::advance_to`], processing at most `budget` events. Returns false (having
    /// stopped early, before `t`) when the budget ran out.
    fn advance_within(&mut self, t: Time, budget: u64) -> bool {
        let mut spent = 0u64;
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
                    if spent >= budget {
                        return false;
                    }
                    spent += 1;
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
        true
    }

    /// Takes a user action now. If this point is in the past of the timeline, the old future
    /// is discarded and a new one begins here.
    pub fn act(&mut self, action: Action) -> Result<(), String> {
        let applied = self.sim.state.actions.len();
        let here = self.sim.state.events;
        self.act_watched(action.clone())?;
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

    /// Goes to the state right after event `k` (and the actions taken there). A seek that
    /// would replay more than [`MAX_SEEK_EVENTS`] events stays where it was.
    pub fn seek_events(&mut self, k: u64) {
        let _ = self.try_seek_events(k);
    }

    /// [`Self::seek_events`], saying why it stayed where it was.
    pub fn try_seek_events(&mut self, k: u64) -> Result<(), String> {
        let back = (self.events(), self.now());
        if k < self.events() || self.snapshot_ahead(|s| s.events() <= k) {
            // Back, or forward past a snapshot of this timeline: start from the nearest one.
            self.restore_before(|s| s.events() <= k);
        }
        let mut spent = 0u64;
        while self.events() < k || self.due_action().is_some() {
            if spent >= MAX_SEEK_EVENTS {
                self.go_back_to(back);
                return Err(too_far(MAX_SEEK_EVENTS));
            }
            spent += 1;
            if !self.step() {
                break;
            }
        }
        Ok(())
    }

    /// Goes to virtual time `t`, exactly, in either direction. A seek that would replay more
    /// than [`MAX_SEEK_EVENTS`] events stays where it was.
    pub fn seek_time(&mut self, t: Time) {
        let _ = self.try_seek_time(t);
    }

    /// [`Self::seek_time`], saying why it stayed where it was.
    pub fn try_seek_time(&mut self, t: Time) -> Result<(), String> {
        self.try_seek_time_within(t, MAX_SEEK_EVENTS)
    }

    /// [`Self::try_seek_time`] with a budget of `budget` events instead of
    /// [`MAX_SEEK_EVENTS`].
    pub fn try_seek_time_within(&mut self, t: Time, budget: u64) -> Result<(), String> {
        let back = (self.events(), self.now());
        if t < self.now() || self.snapshot_ahead(|s| s.time() <= t) {
            // Back, or forward past a snapshot of this timeline: start from the nearest one.
            self.restore_before(|s| s.time() <= t);
        }
        if self.advance_within(t, budget) {
            Ok(())
        } else {
            self.go_back_to(back);
            Err(too_far(budget))
        }
    }

    /// Returns to a point this timeline has reached before (after an abandoned seek): its
    /// events are at most one snapshot's spacing past a snapshot, so this is quick.
    fn go_back_to(&mut self, (events, time): (u64, Time)) {
        self.restore_before(|s| s.events() <= events);
        while self.events() < events || self.due_action().is_some() {
            if !self.step() {
                break;
            }
        }
        if time > self.sim.state.now {
            self.sim.state.now = time;
        }
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
