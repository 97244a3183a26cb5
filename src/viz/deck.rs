//! Lecture mode's state and its reducer: the scenario shown ([`Lecture`]), the step being
//! animated, the audience's selection and actions, every command of the controls, the keys
//! and the stage ([`Cmd`]). No UI framework and no browser API (the page, `ui/lecture/
//! presenter.rs`, draws it and carries out exports), so `cargo test` covers it.

use super::lecture::Lecture;
use crate::core::Time;
use crate::sim::trace::fnv1a;
use crate::sim::Action;

/// Cluster time per millisecond on screen at 1× (50 ms of cluster time per second: a
/// message with 10–20 ms of latency takes a fifth to two fifths of a second to cross).
pub const BASE_RATE: f64 = 50.0;
/// The longest a step's animation takes at any speed, in ms on screen.
pub const MAX_ANIMATION_MS: f64 = 8_000.0;
/// The speeds offered.
pub const SPEEDS: [f64; 4] = [0.5, 1.0, 2.0, 4.0];

/// A step being played from its start to its end.
#[derive(Clone, Debug, PartialEq)]
pub struct Anim {
    /// Where the step ends (virtual time).
    pub end: Time,
    /// Where the animation is (virtual time).
    pub pos: f64,
    /// Cluster µs per ms on screen.
    pub rate: f64,
    /// The rate that plays the whole step in [`MAX_ANIMATION_MS`].
    pub min_rate: f64,
}

/// A message to the audience above the stage; the page writes it in its language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The link asked for step `asked` of a scenario of `steps` (the last is shown).
    BadStep { asked: usize, steps: usize },
    /// The simulator refused an audience action, and why.
    Refused(String),
    /// An export or a download failed, and why.
    ExportFailed(String),
}

/// Everything the page changes as it is used.
pub struct Deck {
    /// What the deck was built from: (id, nonce, hash of the text).
    key: Option<(String, u32, u64)>,
    /// The scenario, or why it did not load (its error, pretty-printed with its position).
    pub lecture: Result<Lecture, String>,
    /// The step being played, if one is.
    pub anim: Option<Anim>,
    /// Off the script: the cluster runs on its own while this is set.
    pub live: bool,
    /// The playback speed, one of [`SPEEDS`].
    pub speed: f64,
    /// The node and the message selected on the stage.
    pub node: Option<usize>,
    pub msg: Option<u64>,
    /// Client requests the audience has sent (the next value is `v{clients + 1}`).
    pub clients: u32,
    pub notice: Option<Notice>,
    /// The reader asked for reduced motion: a step jumps to its end instead of playing.
    pub reduced: bool,
}

impl Deck {
    /// An empty deck; `reduced` when the reader asked for reduced motion.
    pub fn new(reduced: bool) -> Self {
        Deck {
            key: None,
            lecture: Err(String::new()),
            anim: None,
            live: false,
            speed: 1.0,
            node: None,
            msg: None,
            clients: 0,
            notice: None,
            reduced,
        }
    }
}

/// What the controls, the keys and the stage ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Cmd {
    Next,
    Prev,
    Goto(usize),
    Last,
    Skip,
    Replay,
    Back,
    TogglePlay,
    Act(Action),
    Node(usize),
    Message(u64),
    Deselect,
    Speed(f64),
    Export(&'static str),
    DownloadScn,
    TogglePresent,
    LeavePresent,
}

impl Deck {
    /// Shows scenario `id` (`file`, `text`) at the end of step `start`, unless it is the
    /// one already shown for the same link (`nonce` changes whenever a link is followed).
    pub fn load(&mut self, id: &str, nonce: u32, file: &str, text: &str, start: Option<usize>) {
        let key = (id.to_string(), nonce, fnv1a(text.as_bytes()));
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.key = Some(key);
        self.anim = None;
        self.live = false;
        self.node = None;
        self.msg = None;
        self.notice = None;
        self.lecture = Lecture::new(file, text).map_err(|e| e.pretty());
        if let (Ok(lec), Some(k)) = (&mut self.lecture, start) {
            let n = lec.step_count();
            if k > n {
                self.notice = Some(Notice::BadStep { asked: k, steps: n });
            }
            lec.goto(k.min(n));
        }
    }

    /// Plays the current step from its start (nothing to play for a step that takes no
    /// time); with reduced motion, shows its end at once.
    fn animate(&mut self) {
        self.anim = None;
        let (speed, reduced) = (self.speed, self.reduced);
        let Ok(lec) = &mut self.lecture else { return };
        if let Some((start, end)) = lec.step_span() {
            if end > start && reduced {
                lec.animate_to(end);
            } else if end > start {
                lec.view_mut().seek_time(start);
                let min_rate = (end - start) as f64 / MAX_ANIMATION_MS;
                self.anim = Some(Anim {
                    end,
                    pos: start as f64,
                    rate: (BASE_RATE * speed).max(min_rate),
                    min_rate,
                });
            }
        }
    }

    /// Jumps to the end of the step being played.
    pub fn skip(&mut self) {
        if let (Some(a), Ok(lec)) = (self.anim.take(), &mut self.lecture) {
            lec.animate_to(a.end);
        }
    }

    /// An animation frame, `dt` ms of real time after the previous one.
    pub fn frame(&mut self, dt: f64) {
        let speed = self.speed;
        let Ok(lec) = &mut self.lecture else { return };
        if let Some(a) = &mut self.anim {
            a.pos += dt * a.rate;
            if a.pos >= a.end as f64 {
                let end = a.end;
                self.anim = None;
                lec.animate_to(end);
            } else {
                let t = a.pos as Time;
                lec.animate_to(t);
            }
        } else if self.live {
            let t = lec.view().now() + (dt * BASE_RATE * speed) as Time;
            lec.view_mut().advance_to(t);
        }
    }

    fn moved(&mut self) {
        self.live = false;
        self.node = None;
        self.msg = None;
        self.notice = None;
    }

    /// Carries out `cmd` (the page's own commands, exports and presentation mode, change
    /// nothing here).
    pub fn run(&mut self, cmd: Cmd) {
        let Ok(lec) = &mut self.lecture else { return };
        match cmd {
            Cmd::Next => {
                if lec.next() {
                    self.moved();
                    self.animate();
                }
            }
            Cmd::Prev => {
                if lec.step() > 0 || lec.off_script() || self.anim.is_some() {
                    if lec.step() > 0 {
                        lec.prev();
                    } else {
                        lec.goto(0);
                    }
                    self.anim = None;
                    self.moved();
                }
            }
            Cmd::Goto(k) => {
                lec.goto(k.min(lec.step_count()));
                self.anim = None;
                self.moved();
            }
            Cmd::Last => {
                let n = lec.step_count();
                lec.goto(n);
                self.anim = None;
                self.moved();
            }
            Cmd::Skip => self.skip(),
            Cmd::Replay => {
                if lec.off_script() {
                    lec.back_to_script();
                }
                self.moved();
                self.animate();
            }
            Cmd::Back => {
                lec.back_to_script();
                self.anim = None;
                self.moved();
            }
            Cmd::TogglePlay => {
                if lec.off_script() {
                    self.live = !self.live;
                }
            }
            Cmd::Act(action) => {
                self.skip();
                let Ok(lec) = &mut self.lecture else { return };
                if matches!(action, Action::Client { .. }) {
                    self.clients += 1;
                }
                match lec.act(action) {
                    Ok(()) => {
                        self.live = true;
                        self.notice = None;
                        // A dropped or delivered message is gone; deselect it.
                        self.msg = None;
                    }
                    Err(why) => {
                        self.notice = Some(Notice::Refused(why));
                    }
                }
            }
            Cmd::Node(i) => {
                self.node = if self.node == Some(i) { None } else { Some(i) };
                self.msg = None;
            }
            Cmd::Message(id) => {
                self.msg = if self.msg == Some(id) { None } else { Some(id) };
                self.node = None;
            }
            Cmd::Deselect => {
                self.node = None;
                self.msg = None;
            }
            Cmd::Speed(s) => {
                self.speed = s;
                if let Some(a) = &mut self.anim {
                    a.rate = (BASE_RATE * s).max(a.min_rate);
                }
            }
            Cmd::Export(_) | Cmd::DownloadScn | Cmd::TogglePresent | Cmd::LeavePresent => {}
        }
    }
}
