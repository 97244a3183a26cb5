//! The explorer's state and its reducer: every user intent is a [`Msg`], [`Model::update`]
//! applies it to the [`Cluster`] (where every protocol decision lives) and rebuilds the
//! [`Scene`] once. No UI framework and no browser API are used here (the model is native and
//! `cargo test` covers it); the app (`ui/app.rs`) carries out the returned [`Effects`]
//! (rewriting the share link, remembering the language) and its components draw the model.

use crate::core::{Lang, NodeId, Time, MS};
use crate::sim::{Action, Status};
use crate::viz::logs::LogWindow;
use crate::viz::scene::Badge;
use crate::viz::{Cluster, Motion, Scene, SceneOptions, Spec};
use std::rc::Rc;

/// The playback speed is `10^speed_exp` seconds of cluster time per real second: from real
/// time (0) down to 1/1000 (-3).
pub const SPEED_MIN_EXP: f64 = -3.0;
pub const SPEED_MAX_EXP: f64 = 0.0;
/// 1/20: an election timeout (150–300 ms) takes 3–6 s on screen and a message 0.2–0.4 s,
/// slow enough to follow every message.
pub const SPEED_DEFAULT_EXP: f64 = -1.301_03;
/// The speeds the +/- keys step through.
pub const SPEED_STEPS: [f64; 10] = [
    1.0 / 1000.0,
    1.0 / 500.0,
    1.0 / 200.0,
    1.0 / 100.0,
    1.0 / 50.0,
    1.0 / 20.0,
    1.0 / 10.0,
    1.0 / 5.0,
    1.0 / 2.0,
    1.0,
];
/// How far Shift+arrow jumps in cluster time.
pub const JUMP: Time = 50 * MS;
/// Feed lines kept in a scene.
pub const FEED_LINES: usize = 200;
/// While playing, how often (real milliseconds) the feed, the invariants and the logs follow.
pub const PANEL_MS: f64 = 100.0;
/// A frame at least this long (real ms; under 20 frames per second) updates every panel at
/// once: the panels take turns only while frames are short (see `Turn`).
pub const SLOW_FRAME_MS: f64 = PANEL_MS / 2.0;

/// The side panel's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Node,
    Network,
    Cluster,
}

/// A pop-up menu over the ring, at `(x, y)` pixels from the ring's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub enum Menu {
    Node {
        node: NodeId,
        x: f64,
        y: f64,
    },
    Link {
        a: NodeId,
        b: NodeId,
        x: f64,
        y: f64,
    },
}

/// A message to the user above the ring.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub error: bool,
    /// Already in the interface language (details from the simulator may be English).
    pub text: String,
}

/// What the logs panel shows: `width` columns starting at `from`, or the newest `width`
/// columns while it follows the end of the logs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogView {
    pub from: u64,
    pub width: u64,
    pub follow: bool,
}

/// A command aimed at one node (from its menu, its detail card or the keyboard).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeCmd {
    Crash,
    Restart,
    Pause,
    Resume,
    /// Crash when up or paused, restart when crashed.
    ToggleCrash,
    /// Pause when up, resume when paused.
    TogglePause,
    Timeout,
    Client,
}

/// Every user intent.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// An animation frame, `ms` of real time after the previous one.
    Frame(f64),
    /// While playing, the feed's turn (`Turn`), in a task of its own between two frames
    /// (asked for by [`Effects::feed_soon`]).
    FeedTurn,
    Play,
    Pause,
    TogglePlay,
    Step,
    StepBack,
    Seek(Time),
    /// Seek relative to now (negative: back).
    Jump(i64),
    SeekStart,
    SeekEnd,
    SetSpeed(f64),
    Faster,
    Slower,
    Act(Action),
    Node(NodeId, NodeCmd),
    /// A command for the selected node (keyboard); the leader, or n1, when none is selected.
    Selected(NodeCmd),
    SelectNode(Option<NodeId>),
    OpenMenu(Menu),
    CloseMenu,
    /// Cut both directions of a link when any is open, restore both when both are cut.
    ToggleLink(NodeId, NodeId),
    HoverMessage(Option<u64>),
    PinMessage(Option<u64>),
    DropMessage(u64),
    /// Drop the message shown in the inspector.
    DropSelectedMessage,
    ToggleHelp,
    /// Escape: close the top-most overlay, menu or selection.
    Escape,
    SetLang(Lang),
    ToggleLang,
    SetTab(Tab),
    NewCluster(Spec),
    /// Open a shared session (a link's text or an imported file's).
    LoadShare(String),
    /// The tab became hidden (true) or visible again.
    Hidden(bool),
    SetLogView(LogView),
    /// Show a notice (e.g. "link copied"), or an error.
    Notify(Notice),
    Dismiss,
}

/// What the app must do after an update (things outside the model).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// The run changed in a way worth a new share link (a pause, an action, a new cluster).
    pub write_url: bool,
    /// The change was a move in time (a seek, a step): more usually follow (a dragged time
    /// slider sends one per position), so the link waits for them as it does while playing.
    pub moved: bool,
    /// The language changed: remember it and mark up the page.
    pub lang: bool,
    /// The simulator refused the action, and why (also shown as a notice).
    pub refused: Option<String>,
    /// Nothing to redraw yet: an action taken while playing is drawn by the next frame
    /// (at most one frame later), so a burst of actions costs one scene and one render.
    /// Also a feed turn that found the feed caught up already.
    pub deferred: bool,
    /// Run [`Msg::FeedTurn`] in a task after this frame (see `Turn`).
    pub feed_soon: bool,
    /// Lay the page out in a task after the render (a feed turn: see `Turn`); while
    /// paused, the app does so after every render anyway.
    pub lay_out: bool,
    /// Only the motion changed (a frame between scene rebuilds): the painters draw it, and
    /// nothing is rendered.
    pub motion_only: bool,
}

/// While playing, the panels that follow the scene do so after it, one at a time, so that
/// no frame renders them all: the scene's panels (ring, diagram, invariants, details), then
/// the feed, then the logs.
///
/// The feed is the costliest (its new lines' HTML, style and layout, then their paint: about
/// 10 ms of a frame's main thread when it ran inside one). So it runs in two halves: on the
/// frame after the scene's, the app asks for a task after that frame ([`Msg::FeedTurn`]),
/// which renders the new lines and lays the page out in the time that frame left; the next
/// frame only paints them. The logs follow on the frame after that. If the task has not run
/// by the next frame (timers held back), that frame does the feed itself. Frames of
/// [`SLOW_FRAME_MS`] or more take no turns: each updates every panel that is behind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Turn {
    /// Nothing is behind the scene.
    Done,
    /// The feed is next: the next frame asks for its task.
    Feed,
    /// The feed's task is asked for.
    FeedAsked,
    /// The feed's task ran (or a frame did its part): the next frame paints it, and leaves
    /// the logs for the one after.
    FeedShown,
    Logs,
}

/// The whole app state.
pub struct Model {
    pub cluster: Cluster,
    /// The settings the cluster was built with (for the form and the header).
    pub spec: Spec,
    pub lang: Lang,
    pub playing: bool,
    pub speed_exp: f64,
    /// Cluster time not yet played (below one microsecond).
    carry: f64,
    /// What moves, as of now: rebuilt on every frame (see `ui::motion_bus`).
    pub motion: Rc<Motion>,
    /// The scene as of the last event or action (while playing, as of the last rebuild, at
    /// most [`PANEL_MS`] old): the same `Rc` until then, so unchanged panels are not
    /// rendered again. Its arrows are empty (they are in `motion`).
    pub scene: Rc<Scene>,
    scene_key: (u64, u64, Lang),
    /// The scene the feed shows, and the one the logs panel takes its leader and indices
    /// from: the same as `scene`, except while playing, when they catch up with it one per
    /// frame after it changes (see `Turn`).
    pub feed_scene: Rc<Scene>,
    pub logs_scene: Rc<Scene>,
    /// Which slower panel follows the scene on the next frame.
    turn: Turn,
    /// Bumped by every seek and new cluster (which show at once, even while playing), and
    /// the value the scene was built at.
    jumps: u64,
    jumps_shown: u64,
    /// Real milliseconds since the slower panels (feed, invariants, logs) were last rebuilt
    /// while playing; they follow at most every [`PANEL_MS`].
    since_panels: f64,
    /// Whether the last frame was slow ([`SLOW_FRAME_MS`]): then no panel waits its turn.
    slow: bool,
    /// Bumped by every action, seek and new cluster (things that change the run without
    /// necessarily changing the event count).
    revision: u64,
    pub names: Rc<Vec<String>>,
    pub selected: Option<NodeId>,
    pub hovered_msg: Option<u64>,
    pub pinned_msg: Option<u64>,
    pub menu: Option<Menu>,
    pub help: bool,
    pub tab: Tab,
    pub notice: Option<Notice>,
    pub log_view: LogView,
    pub logs: Rc<LogWindow>,
    logs_key: (u64, u64, u64, u64),
    /// Paused because the tab was hidden: resume when it is shown again.
    paused_by_hiding: bool,
    /// Whether the last frame's run already had a broken invariant (a new one pauses).
    had_violation: bool,
    /// The reader asked for reduced motion (`prefers-reduced-motion`): messages jump
    /// instead of flying, and the run does not start playing on its own.
    pub reduced_motion: bool,
    /// Whether the scene marks the last event (it does while paused).
    marked: bool,
}

/// The scene to draw: without logs (the logs panel asks for its window) and without arrows
/// (the motion has them); while paused (`mark`), with the last event marked, so that a step
/// shows what it did.
fn scene_of(cluster: &Cluster, lang: Lang, mark: bool) -> Scene {
    cluster.scene(SceneOptions {
        lang,
        feed: FEED_LINES,
        logs: false,
        arrows: false,
        mark,
        ..SceneOptions::default()
    })
}

/// How far back the space-time diagram reaches.
pub const WINDOW: Time = 2_000_000;

impl Model {
    /// A model around `cluster`, paused at its current moment.
    pub fn new(mut cluster: Cluster, lang: Lang) -> Model {
        let scene = Rc::new(scene_of(&cluster, lang, true));
        let names = Rc::new(cluster.names());
        let had_violation = cluster.has_violation();
        let mut m = Model {
            spec: cluster.spec(),
            motion: Rc::new(cluster.motion(WINDOW)),
            scene_key: (u64::MAX, 0, lang),
            since_panels: 0.0,
            slow: false,
            feed_scene: scene.clone(),
            logs_scene: scene.clone(),
            turn: Turn::Done,
            jumps: 0,
            jumps_shown: 0,
            scene,
            names,
            cluster,
            lang,
            playing: false,
            speed_exp: SPEED_DEFAULT_EXP,
            carry: 0.0,
            revision: 0,
            selected: None,
            hovered_msg: None,
            pinned_msg: None,
            menu: None,
            help: false,
            tab: Tab::Node,
            notice: None,
            log_view: LogView {
                from: 0,
                width: 40,
                follow: true,
            },
            logs: Rc::new(LogWindow {
                first: 0,
                end: 0,
                from: 0,
                to: 0,
                rows: Vec::new(),
            }),
            logs_key: (u64::MAX, 0, 0, 0),
            paused_by_hiding: false,
            had_violation,
            reduced_motion: false,
            marked: true,
        };
        m.refresh(&mut Effects::default());
        m
    }

    /// The app's start: the shared session in `share` when there is one and it opens, else
    /// the default cluster (with a notice saying why the link did not open). Plays unless it
    /// opened a shared moment (which is shown paused, exactly as shared).
    pub fn start(share: Option<&str>, lang: Lang) -> Model {
        match share.map(|text| Cluster::from_share_in(text, lang)) {
            Some(Ok(cluster)) => Model::new(cluster, lang),
            Some(Err(e)) => {
                let mut m = Model::new(default_cluster(), lang);
                m.notice = Some(Notice {
                    error: true,
                    text: reason(link_error_prefix(lang), &e, lang),
                });
                m
            }
            None => {
                let mut m = Model::new(default_cluster(), lang);
                m.playing = true;
                // (At time 0 there is no event to mark: the scene is already as it would be
                // while playing.)
                m.marked = m.scene.step.is_some();
                m
            }
        }
    }

    /// The reader prefers reduced motion: a run that started playing on its own is paused,
    /// and a notice says how to play it and that messages jump instead of flying.
    pub fn prefer_reduced_motion(&mut self) {
        self.reduced_motion = true;
        if self.playing {
            self.playing = false;
            self.notice = Some(Notice {
                error: false,
                text: super::i18n::t(self.lang, super::i18n::Key::ReducedMotion).into(),
            });
            self.refresh(&mut Effects::default());
        }
    }

    /// Cluster time per real millisecond, in µs.
    pub fn speed(&self) -> f64 {
        10f64.powf(self.speed_exp)
    }

    /// The node keyboard commands act on: the selected one, else the leader, else the first.
    pub fn target_node(&self) -> NodeId {
        self.selected
            .filter(|&i| i < self.scene.nodes.len())
            .or_else(|| self.leader())
            .unwrap_or(0)
    }

    /// The node drawn as leader (and running), if any.
    pub fn leader(&self) -> Option<NodeId> {
        self.scene
            .nodes
            .iter()
            .find(|n| n.badge == Badge::Hexagon && n.status != Status::Crashed)
            .map(|n| n.id)
    }

    /// The message the inspector shows: the one under the pointer, else the one clicked.
    pub fn inspected(&self) -> Option<u64> {
        self.hovered_msg.or(self.pinned_msg)
    }

    /// Applies `msg`. Returns what the app must do outside the model.
    pub fn update(&mut self, msg: Msg) -> Effects {
        let mut fx = Effects::default();
        let frame = matches!(msg, Msg::Frame(_));
        // Actions while playing: the next frame rebuilds the scene (unless a menu must close
        // now, or the action is refused and says why).
        let deferrable = self.playing
            && self.menu.is_none()
            && matches!(
                msg,
                Msg::Act(_)
                    | Msg::Node(..)
                    | Msg::Selected(_)
                    | Msg::ToggleLink(..)
                    | Msg::DropMessage(_)
            );
        match msg {
            Msg::Frame(ms) => {
                if !self.playing {
                    return fx;
                }
                self.since_panels += ms.max(0.0);
                self.slow = ms >= SLOW_FRAME_MS;
                let dv = ms.max(0.0) * 1000.0 * self.speed() + self.carry;
                let whole = dv.floor();
                self.carry = dv - whole;
                let target = self.cluster.now().saturating_add(whole as Time);
                self.cluster.advance_to(target);
                let broken = self.cluster.has_violation();
                if broken && !self.had_violation {
                    // A newly broken invariant stops the run so it can be inspected.
                    self.playing = false;
                    fx.write_url = true;
                }
                self.had_violation = broken;
            }
            Msg::FeedTurn => {
                if self.turn == Turn::FeedAsked {
                    self.turn = Turn::FeedShown;
                }
                if Rc::ptr_eq(&self.feed_scene, &self.scene) {
                    // Paused since, or the frame did it (see `Turn`).
                    fx.deferred = true;
                } else {
                    self.feed_scene = self.scene.clone();
                    fx.lay_out = true;
                }
                return fx;
            }
            Msg::Play => self.set_playing(true, &mut fx),
            Msg::Pause => self.set_playing(false, &mut fx),
            Msg::TogglePlay => {
                let p = !self.playing;
                self.set_playing(p, &mut fx)
            }
            Msg::Step => {
                self.set_playing(false, &mut fx);
                self.cluster.step();
                self.after_seek(&mut fx);
            }
            Msg::StepBack => {
                self.set_playing(false, &mut fx);
                self.cluster.step_back();
                self.after_seek(&mut fx);
            }
            Msg::Seek(t) => {
                self.set_playing(false, &mut fx);
                if self.cluster.try_seek_time(t).is_err() {
                    let text = super::i18n::t(self.lang, super::i18n::Key::SeekTooFar).to_string();
                    self.refuse(text, &mut fx);
                }
                self.after_seek(&mut fx);
            }
            Msg::Jump(d) => {
                let now = self.cluster.now();
                let t = if d < 0 {
                    now.saturating_sub(d.unsigned_abs())
                } else {
                    now.saturating_add(d as Time)
                };
                return self.update(Msg::Seek(t));
            }
            Msg::SeekStart => return self.update(Msg::Seek(0)),
            Msg::SeekEnd => {
                let end = self.cluster.horizon_time();
                return self.update(Msg::Seek(end));
            }
            Msg::SetSpeed(e) => {
                self.speed_exp = e.clamp(SPEED_MIN_EXP, SPEED_MAX_EXP);
                return fx;
            }
            Msg::Faster | Msg::Slower => {
                let now = self.speed();
                let next = if msg == Msg::Faster {
                    SPEED_STEPS.iter().find(|&&s| s > now * 1.01)
                } else {
                    SPEED_STEPS.iter().rev().find(|&&s| s < now / 1.01)
                };
                if let Some(&s) = next {
                    self.speed_exp = s.log10();
                }
                return fx;
            }
            Msg::Act(action) => self.act(action, &mut fx),
            Msg::Node(i, cmd) => self.node_cmd(i, cmd, &mut fx),
            Msg::Selected(cmd) => {
                let i = self.target_node();
                self.selected = Some(i);
                self.node_cmd(i, cmd, &mut fx);
            }
            Msg::SelectNode(i) => {
                self.selected = i;
                if i.is_some() {
                    self.tab = Tab::Node;
                }
                return fx;
            }
            Msg::OpenMenu(menu) => {
                if let Menu::Node { node, .. } = menu {
                    self.selected = Some(node);
                    self.tab = Tab::Node;
                }
                self.menu = Some(menu);
                return fx;
            }
            Msg::CloseMenu => {
                self.menu = None;
                return fx;
            }
            Msg::ToggleLink(a, b) => {
                let cut = |x, y| self.scene.cut.contains(&(x, y));
                let (ab, ba) = (cut(a, b), cut(b, a));
                let both = ab && ba;
                self.menu = None;
                for (from, to, is_cut) in [(a, b, ab), (b, a, ba)] {
                    let action = if both {
                        Action::Restore { from, to }
                    } else {
                        Action::Cut { from, to }
                    };
                    if both || !is_cut {
                        self.act(action, &mut fx);
                    }
                }
            }
            Msg::HoverMessage(id) => {
                self.hovered_msg = id;
                return fx;
            }
            Msg::PinMessage(id) => {
                self.pinned_msg = id;
                self.hovered_msg = None;
                if id.is_some() {
                    self.tab = Tab::Node;
                }
                return fx;
            }
            Msg::DropMessage(id) => {
                self.act(Action::DropMessage(id), &mut fx);
                if self.hovered_msg == Some(id) {
                    self.hovered_msg = None;
                }
            }
            Msg::DropSelectedMessage => {
                if let Some(id) = self.inspected() {
                    return self.update(Msg::DropMessage(id));
                }
                return fx;
            }
            Msg::ToggleHelp => {
                self.help = !self.help;
                self.menu = None;
                return fx;
            }
            Msg::Escape => {
                if self.help {
                    self.help = false;
                } else if self.menu.is_some() {
                    self.menu = None;
                } else if self.notice.is_some() {
                    self.notice = None;
                } else if self.pinned_msg.is_some() || self.hovered_msg.is_some() {
                    self.pinned_msg = None;
                    self.hovered_msg = None;
                } else {
                    self.selected = None;
                }
                return fx;
            }
            Msg::SetLang(l) => {
                if l != self.lang {
                    self.lang = l;
                    fx.lang = true;
                }
            }
            Msg::ToggleLang => {
                let l = match self.lang {
                    Lang::En => Lang::Zh,
                    Lang::Zh => Lang::En,
                };
                return self.update(Msg::SetLang(l));
            }
            Msg::SetTab(tab) => {
                self.tab = tab;
                return fx;
            }
            Msg::NewCluster(spec) => match Cluster::start(&spec) {
                Ok(c) => {
                    self.replace(c);
                    self.playing = !self.reduced_motion;
                    fx.write_url = true;
                }
                Err(e) => {
                    self.refuse(e, &mut fx);
                    return fx;
                }
            },
            Msg::LoadShare(text) => match Cluster::from_share_in(&text, self.lang) {
                Ok(c) => {
                    self.replace(c);
                    self.playing = false;
                    self.notice = None;
                    fx.write_url = true;
                }
                Err(e) => {
                    // The current session stays as it was.
                    let prefix = super::i18n::t(self.lang, super::i18n::Key::ImportBroken);
                    let text = reason(prefix, &e, self.lang);
                    self.refuse(text, &mut fx);
                    return fx;
                }
            },
            Msg::Hidden(hidden) => {
                if hidden && self.playing {
                    self.playing = false;
                    self.paused_by_hiding = true;
                    fx.write_url = true;
                } else if !hidden && self.paused_by_hiding {
                    self.paused_by_hiding = false;
                    self.playing = true;
                }
                return fx;
            }
            Msg::SetLogView(v) => {
                self.log_view = LogView {
                    width: v.width.clamp(1, 2_000),
                    ..v
                };
            }
            Msg::Notify(n) => {
                self.notice = Some(n);
                return fx;
            }
            Msg::Dismiss => {
                self.notice = None;
                return fx;
            }
        }
        if deferrable && self.playing && fx.refused.is_none() {
            fx.deferred = true;
        } else {
            let changed = self.refresh(&mut fx);
            fx.motion_only = frame && !changed;
        }
        fx
    }

    fn set_playing(&mut self, on: bool, fx: &mut Effects) {
        if self.playing && !on {
            fx.write_url = true;
        }
        self.playing = on;
        self.paused_by_hiding = false;
        self.carry = 0.0;
    }

    fn after_seek(&mut self, fx: &mut Effects) {
        self.revision += 1;
        self.jumps += 1;
        self.had_violation = self.cluster.has_violation();
        fx.write_url = true;
        fx.moved = true;
    }

    fn act(&mut self, action: Action, fx: &mut Effects) {
        // The latency control's bounds, in the interface's language (the same table the
        // simulator, scenario files and share links check: crate::limits).
        if let Action::Latency { min, max } = action {
            if let Err(e) = crate::limits::LATENCY.check_range((min, max), self.lang) {
                self.refuse(e, fx);
                return;
            }
        }
        match self.cluster.act(action) {
            Ok(()) => {
                self.revision += 1;
                fx.write_url = true;
            }
            Err(e) => self.refuse(e, fx),
        }
    }

    fn refuse(&mut self, e: String, fx: &mut Effects) {
        self.notice = Some(Notice {
            error: true,
            text: e.clone(),
        });
        fx.refused = Some(e);
    }

    fn node_cmd(&mut self, i: NodeId, cmd: NodeCmd, fx: &mut Effects) {
        let Some(node) = self.scene.nodes.get(i) else {
            return;
        };
        let status = node.status;
        self.menu = None;
        let action = match cmd {
            NodeCmd::Crash => Action::Crash(i),
            NodeCmd::Restart => Action::Restart(i),
            NodeCmd::Pause => Action::Pause(i),
            NodeCmd::Resume => Action::Resume(i),
            NodeCmd::ToggleCrash if status == Status::Crashed => Action::Restart(i),
            NodeCmd::ToggleCrash => Action::Crash(i),
            NodeCmd::TogglePause if status == Status::Paused => Action::Resume(i),
            NodeCmd::TogglePause if status == Status::Up => Action::Pause(i),
            NodeCmd::TogglePause => return,
            NodeCmd::Timeout => Action::Timeout(i),
            NodeCmd::Client => {
                match self.cluster.client(i) {
                    Ok(()) => {
                        self.revision += 1;
                        fx.write_url = true;
                    }
                    Err(e) => self.refuse(e, fx),
                }
                return;
            }
        };
        self.act(action, fx);
    }

    /// Swaps in a new session and forgets what referred to the old one.
    fn replace(&mut self, cluster: Cluster) {
        self.cluster = cluster;
        self.spec = self.cluster.spec();
        self.names = Rc::new(self.cluster.names());
        self.revision += 1;
        self.jumps += 1;
        self.carry = 0.0;
        self.selected = None;
        self.hovered_msg = None;
        self.pinned_msg = None;
        self.menu = None;
        self.had_violation = self.cluster.has_violation();
        self.log_view.follow = true;
    }

    /// Rebuilds the motion and, when the run changed, the scene and the logs. While
    /// playing, the scene (nodes, invariants) follows at most every [`PANEL_MS`], and the
    /// feed and the logs on the next frames, one each (`Turn`): the ring's messages and
    /// timers, the diagram and the clock move every frame through the motion, and a busy
    /// cluster no longer rebuilds and redraws every panel sixty times a second, nor all of
    /// them in one frame. A seek, a new cluster or a new language shows at once, and so does
    /// anything done while paused; an action while playing shows with the next update.
    /// Returns whether anything but the motion changed.
    fn refresh(&mut self, fx: &mut Effects) -> bool {
        self.motion = Rc::new(self.cluster.motion(WINDOW));
        let due = !self.playing || self.since_panels >= PANEL_MS;
        let key = (self.cluster.events(), self.revision, self.lang);
        let forced = key.2 != self.scene_key.2
            || self.jumps != self.jumps_shown
            || (!self.playing && key.1 != self.scene_key.1);
        let mut changed = false;
        // Paused, the scene is the moment shown, even when no event came since (its timers).
        // and its last event is marked (and not while playing).
        let stale =
            (!self.playing && self.scene.time != self.cluster.now()) || self.marked == self.playing;
        let rebuilt = (key != self.scene_key && (due || forced)) || stale;
        let turn = self.turn;
        if rebuilt {
            self.scene = Rc::new(scene_of(&self.cluster, self.lang, !self.playing));
            self.marked = !self.playing;
            self.scene_key = key;
            self.jumps_shown = self.jumps;
            changed = true;
            if self.turn == Turn::Done {
                self.turn = Turn::Feed;
            }
        }
        // The feed and the logs catch up: at once when not playing, on a jump, or when
        // frames are slow; else one at a time, on frames that did not rebuild the scene (see
        // `Turn`). At under 10 frames per second every frame rebuilds the scene, so taking
        // turns would leave the feed and the logs behind for as long as events come; at
        // under 20 it would hold them back several frames, and smoothness is lost anyway.
        let all = !self.playing || forced || self.slow;
        let later = !all && !rebuilt;
        // The feed's task was asked for and has not run: this frame does the feed.
        let feed_turn = all || (later && turn == Turn::FeedAsked);
        let logs_turn = all || (later && turn == Turn::Logs);
        if feed_turn && !Rc::ptr_eq(&self.feed_scene, &self.scene) {
            self.feed_scene = self.scene.clone();
            changed = true;
        }
        if logs_turn && !Rc::ptr_eq(&self.logs_scene, &self.scene) {
            self.logs_scene = self.scene.clone();
            changed = true;
        }
        if all || logs_turn {
            self.turn = Turn::Done;
        } else if later {
            self.turn = match turn {
                Turn::Feed => {
                    fx.feed_soon = true;
                    Turn::FeedAsked
                }
                // (FeedAsked: this frame did the feed's part.)
                Turn::FeedAsked => Turn::FeedShown,
                Turn::FeedShown => Turn::Logs,
                t => t,
            };
        }
        // Forget messages that are no longer in flight.
        let motion = &self.motion;
        for slot in [&mut self.hovered_msg, &mut self.pinned_msg] {
            if slot.is_some_and(|id| !motion.messages.iter().any(|m| m.id == id)) {
                *slot = None;
                changed = true;
            }
        }

        // The logs panel's window: recomputed on the logs' turn, or at once when the reader
        // scrolls back, and only when the run or the window moved.
        let end = self.cluster.log_end();
        let first = self.logs.first.min(end);
        let v = self.log_view;
        let from = if v.follow {
            end.saturating_sub(v.width).max(first)
        } else {
            v.from
        };
        // A few columns either side, so a small scroll shows no gap before the next update.
        let (lo, hi) = (from.saturating_sub(4), from.saturating_add(v.width + 4));
        let key = (self.logs_scene.events, self.revision, lo, hi);
        if key != self.logs_key && (logs_turn || !v.follow) {
            self.logs = Rc::new(self.cluster.log_window(lo, hi));
            self.logs_key = key;
            changed = true;
        }
        if due {
            self.since_panels = 0.0;
        }
        changed
    }
}

/// The cluster the app opens with: Raft, 5 nodes, seed 1.
pub fn default_cluster() -> Cluster {
    Cluster::from_spec(&Spec::default()).expect("the default spec is valid")
}

/// A notice that says what happened, then why (`why` already in `lang`), ending as a
/// sentence of `lang` ends.
fn reason(what: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{what} {why}."),
        Lang::Zh => format!("{what}{why}。"),
    }
}

fn link_error_prefix(lang: Lang) -> &'static str {
    super::i18n::t(lang, super::i18n::Key::LinkBroken)
}

/// The node's role as a stable English word, for `data-role` and tests: "leader",
/// "candidate", "pre-candidate", "follower", "proposer", "idle"; "crashed" when crashed.
pub fn role_slug(n: &crate::viz::scene::NodeView) -> &'static str {
    if n.status == Status::Crashed {
        return "crashed";
    }
    badge_slug(n.badge)
}

pub fn badge_slug(s: Badge) -> &'static str {
    match s {
        Badge::Hexagon => "leader",
        Badge::Diamond => "candidate",
        Badge::DiamondAlt => "pre-candidate",
        Badge::Circle => "follower",
        Badge::Square => "proposer",
        Badge::CircleAlt => "idle",
    }
}

pub fn status_slug(s: Status) -> &'static str {
    match s {
        Status::Up => "up",
        Status::Crashed => "crashed",
        Status::Paused => "paused",
    }
}
