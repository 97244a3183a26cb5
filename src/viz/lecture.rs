//! Lecturer mode's model: a scenario played step by narrated step. The scenario runner gives
//! the exact state at the end of every step; the view wraps that run in a seekable
//! [`Session`], so a step can be animated from its start to its end, and the audience can
//! poke the cluster between steps (which leaves the script until "back to the script").

use super::cluster::Cluster;
use super::session::Session;
use crate::core::{Lang, Time};
use crate::limits::MAX_LECTURE_EVENTS;
use crate::scenario::{ParseError, ProtocolKind, Runner, Scenario, SimRef, LIBRARY};
use crate::sim::Action;
use serde::{Deserialize, Serialize};

/// One scenario of the library, as the picker lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The file name without `.scn`: the id used in deep links (`#scenario=raft-split-vote`).
    pub id: String,
    pub protocol: ProtocolKind,
    /// The topic it is grouped under, in English and Chinese.
    pub topic: (String, String),
    pub title: (String, String),
    /// The one-line summary (the first sentence of `about`).
    pub summary: (String, String),
    pub steps: usize,
}

fn topic(id: &str, protocol: ProtocolKind) -> (&'static str, &'static str) {
    let has = |w: &str| id.contains(w);
    if has("unsafe") {
        ("Breaking it on purpose", "故意破坏安全性")
    } else if has("figure") {
        ("The Raft paper's figures", "Raft 论文中的图")
    } else if has("multi") {
        ("Multi-Paxos", "Multi-Paxos")
    } else if protocol == ProtocolKind::Paxos {
        ("Single-decree Paxos", "单值 Paxos")
    } else if has("replication") || has("noop") {
        ("Log replication", "日志复制")
    } else if has("election") || has("crash") || has("split") {
        ("Leader election", "领导者选举")
    } else {
        ("Faults and operations", "故障与运维")
    }
}

fn first_sentence(s: &str) -> String {
    let cut = s
        .char_indices()
        .find(|&(i, c)| (c == '.' && s[i + 1..].starts_with(' ')) || c == '。')
        .map_or(s.len(), |(i, c)| i + c.len_utf8());
    s[..cut].trim().to_string()
}

/// The scenario library, in teaching order.
pub fn library() -> Vec<Entry> {
    LIBRARY
        .iter()
        .filter_map(|(file, text)| {
            let sc = Scenario::parse(file, text).ok()?;
            let id = file.trim_end_matches(".scn").to_string();
            let (te, tz) = topic(&id, sc.protocol);
            Some(Entry {
                protocol: sc.protocol,
                topic: (te.into(), tz.into()),
                title: (sc.title.get(Lang::En).into(), sc.title.get(Lang::Zh).into()),
                summary: (
                    first_sentence(sc.about.get(Lang::En)),
                    first_sentence(sc.about.get(Lang::Zh)),
                ),
                steps: sc.steps.len(),
                id,
            })
        })
        .collect()
}

/// The text of library scenario `id`, if there is one.
pub fn library_text(id: &str) -> Option<(&'static str, &'static str)> {
    LIBRARY
        .iter()
        .find(|(file, _)| file.trim_end_matches(".scn") == id)
        .copied()
}

/// One expectation result, for the narration panel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckView {
    /// 1-based step.
    pub step: usize,
    pub line: usize,
    pub source: String,
    pub ok: bool,
    pub expected: String,
    pub actual: String,
    /// When it was checked (virtual time).
    pub time: Time,
    /// Whether it still holds at the end of its step. "What must be true now" lists the
    /// step's checks that do (and every failure); one written before a later action of the
    /// step that no longer holds at its end is history ([`Lecture::step_checks`]).
    pub now: bool,
}

/// The expectations of one step, as lecture mode shows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepChecks {
    /// What must be true at the end of the step: the checks that still hold then, and every
    /// failure.
    pub now: Vec<CheckView>,
    /// Checks that held when they were made, earlier in the step, but no longer hold at its
    /// end (shown with their time, under their own heading).
    pub earlier_in_step: Vec<CheckView>,
}

/// Why a scenario someone brings is not shown ([`Lecture::load`]).
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// It does not parse (with file, line and column).
    Parse(ParseError),
    /// Its run needs more than [`MAX_LECTURE_EVENTS`] events.
    TooManyEvents,
}

/// A scenario being presented.
#[derive(Clone, Debug)]
pub struct Lecture {
    pub file: String,
    pub text: String,
    runner: Runner,
    view: Cluster,
    off_script: bool,
}

impl Lecture {
    /// Loads a scenario from its text. Errors carry file, line and column. Its run may take
    /// at most [`MAX_LECTURE_EVENTS`] events (a step that needs more stops there, with a
    /// failure); [`Lecture::load`] refuses such a scenario before it is shown.
    pub fn new(file: &str, text: &str) -> Result<Lecture, ParseError> {
        let mut runner = Runner::from_text(file, text)?;
        runner.set_budget(MAX_LECTURE_EVENTS);
        let view = Self::view_of(&runner);
        Ok(Lecture {
            file: file.to_string(),
            text: text.to_string(),
            runner,
            view,
            off_script: false,
        })
    }

    /// Loads a scenario someone brings (a file, pasted text): [`Lecture::new`], then plays
    /// every step once to see that the whole run fits in [`MAX_LECTURE_EVENTS`] events. The
    /// lecture returned is at its start.
    pub fn load(file: &str, text: &str) -> Result<Lecture, LoadError> {
        let mut lecture = Lecture::new(file, text).map_err(LoadError::Parse)?;
        lecture.runner.run_all();
        if lecture.runner.events() >= MAX_LECTURE_EVENTS {
            return Err(LoadError::TooManyEvents);
        }
        lecture.goto(0);
        Ok(lecture)
    }

    /// Loads library scenario `id` (e.g. "raft-split-vote").
    pub fn from_library(id: &str) -> Option<Lecture> {
        let (file, text) = library_text(id)?;
        Lecture::new(file, text).ok()
    }

    fn view_of(runner: &Runner) -> Cluster {
        match runner.sim() {
            SimRef::Raft(sim) => Cluster::Raft(Session::from_simulator(sim.clone())),
            SimRef::Paxos(sim) => Cluster::Paxos(Session::from_simulator(sim.clone())),
        }
    }

    pub fn scenario(&self) -> &Scenario {
        self.runner.scenario()
    }

    pub fn id(&self) -> String {
        self.file.trim_end_matches(".scn").to_string()
    }

    pub fn title(&self, lang: Lang) -> String {
        self.scenario().title.get(lang).to_string()
    }

    pub fn step_count(&self) -> usize {
        self.runner.step_count()
    }

    /// How many steps have been played (0: the start, before the first step).
    pub fn step(&self) -> usize {
        self.runner.steps_done()
    }

    /// Goes to the end of step `done` (0: the start), exactly, forwards or back. Leaves any
    /// off-script play.
    pub fn goto(&mut self, done: usize) {
        self.runner.goto(done);
        self.view = Self::view_of(&self.runner);
        self.off_script = false;
    }

    /// Plays the next step. (Not an iterator: it moves the presentation.)
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> bool {
        if self.step() < self.step_count() {
            self.goto(self.step() + 1);
            true
        } else {
            false
        }
    }

    pub fn prev(&mut self) -> bool {
        if self.step() > 0 {
            self.goto(self.step() - 1);
            true
        } else {
            false
        }
    }

    /// When the current step began and ended, for animating it.
    pub fn step_span(&self) -> Option<(Time, Time)> {
        self.runner.reports().last().map(|r| (r.start, r.end))
    }

    /// Animates the current step up to virtual time `t`. At or past the step's end it lands on
    /// exactly the scripted end: a step that ends on a `run until` may stop between two
    /// events of the same instant, so the end is the scripted event count, not a time.
    pub fn animate_to(&mut self, t: Time) {
        match self.runner.reports().last() {
            Some(r) if t >= r.end && !self.off_script => {
                if r.end > 0 {
                    self.view.advance_to(r.end - 1);
                }
                self.view.seek_events(r.end_events);
                // A step that ended on a time (`run 100ms`) processed every event due by then,
                // so moving the clock on to its end processes nothing more.
                if self.view.now() < r.end {
                    self.view.advance_to(r.end);
                }
            }
            _ => self.view.advance_to(t),
        }
    }

    /// The narration for the current point: the step's caption, or the scenario's summary at
    /// the start.
    pub fn caption(&self, lang: Lang) -> String {
        let sc = self.scenario();
        match self.step() {
            0 => sc.about.get(lang).to_string(),
            k => sc.steps[k - 1].caption.get(lang).to_string(),
        }
    }

    /// Every expectation checked so far, step by step.
    pub fn checks(&self) -> Vec<CheckView> {
        self.runner
            .reports()
            .iter()
            .flat_map(|r| {
                r.checks.iter().map(move |c| CheckView {
                    step: r.index + 1,
                    line: c.pos.line as usize,
                    source: c.source.clone(),
                    ok: c.ok,
                    expected: c.expected.clone(),
                    actual: c.actual.clone(),
                    time: c.time,
                    now: c.at_end || !c.ok,
                })
            })
            .collect()
    }

    /// The current step's expectations, split into what must be true now and what held only
    /// earlier in the step.
    pub fn step_checks(&self) -> StepChecks {
        let step = self.step();
        let (now, earlier_in_step) = self
            .checks()
            .into_iter()
            .filter(|c| c.step == step)
            .partition(|c| c.now);
        StepChecks {
            now,
            earlier_in_step,
        }
    }

    /// The run being shown.
    pub fn view(&self) -> &Cluster {
        &self.view
    }

    /// The run being shown, to animate or scrub within.
    pub fn view_mut(&mut self) -> &mut Cluster {
        &mut self.view
    }

    /// Whether the audience has acted, so the view no longer follows the script.
    pub fn off_script(&self) -> bool {
        self.off_script
    }

    /// An audience action between steps: the view leaves the script.
    pub fn act(&mut self, action: Action) -> Result<(), String> {
        self.view.act(action)?;
        self.off_script = true;
        Ok(())
    }

    /// Back to the exact scripted state at the current step.
    pub fn back_to_script(&mut self) {
        let k = self.step();
        self.goto(k);
    }

    /// The scripted run's trace hash at this step (to compare with what is shown).
    pub fn script_hash(&self) -> u64 {
        self.runner.trace_hash()
    }
}
