//! What the browser draws at one moment: plain data, the same for every protocol. A
//! protocol's [`Visual`] impl fills in the nodes; everything else is generic.

use super::logs::LogVisual;
use crate::check::{Checked, Violation};
use crate::core::{Lang, NodeId, Protocol, ProtocolKind, Time};
use crate::sim::{render, Simulator, Status, TraceKind};
use serde::{Deserialize, Serialize};

/// A protocol that can be drawn.
pub trait Visual: Checked + LogVisual {
    /// Which protocol this is.
    const KIND: ProtocolKind;

    /// Node `i` as it stands now, without its log ([`build`] adds the log, from
    /// [`LogVisual::log_cells`], when the options ask for it).
    fn node_view(sim: &Simulator<Self>, i: NodeId, lang: Lang) -> NodeView;

    /// The fraction left of node `i`'s timeout timer, when it is drawn (see [`timer_left`]).
    fn timer(sim: &Simulator<Self>, i: NodeId) -> Option<f64> {
        timer_left(sim, i)
    }
}

/// The figure a node is drawn as, named for the drawing. Each protocol's view says which of
/// its states gets which figure ([`super::raft_view`], [`super::paxos_view`]) and writes the
/// state in words beside it ([`NodeView::role`]): figure and words carry the state as well
/// as colour, so the picture works for colour-blind readers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Badge {
    /// A hexagon: the node that leads (a Raft leader, a Multi-Paxos leader).
    Hexagon,
    /// A diamond: a node asking a quorum for the right to lead (a Raft candidate, a Paxos
    /// proposer in phase 1).
    Diamond,
    /// A diamond in its second colour: a round that asks first and changes nothing (a Raft
    /// pre-candidate, a Paxos proposer reading what was chosen).
    DiamondAlt,
    /// A rounded square: a Paxos proposer in phase 2.
    Square,
    /// A circle: a node that answers (a Raft follower, a Paxos acceptor).
    Circle,
    /// A circle in its second colour: a Paxos proposer with no ballot running.
    CircleAlt,
}

impl Badge {
    /// The badges of a node gathering answers (Raft's candidates, Paxos proposers in a
    /// round): they are drawn dashed, with the votes or promises they have.
    pub fn is_gathering(self) -> bool {
        matches!(self, Badge::Diamond | Badge::DiamondAlt | Badge::Square)
    }
}

/// One labelled line of a node's detail card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// One cell of a node's log (Raft entries, Multi-Paxos slots, the single-decree value).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogCell {
    /// Raft index (1-based) or Paxos slot (0-based).
    pub index: u64,
    /// Drives the cell's colour: the entry's term, or the accepted ballot's round.
    pub term: u64,
    /// What is written in the cell ("t3", "2.1").
    pub tag: String,
    /// The command or value.
    pub value: String,
    pub committed: bool,
}

/// A node as drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeView {
    pub id: NodeId,
    pub name: String,
    pub status: Status,
    pub badge: Badge,
    /// What the node is doing, in words, in the interface language: a Raft node's role
    /// ("leader", "领导者"), a Paxos proposer's phase or an acceptor ("phase 1 (prepare)").
    pub role: String,
    /// [`Self::role`] short enough to write inside the badge ("phase 1").
    pub role_short: String,
    /// The big number in the node: Raft term, Paxos promised round.
    pub term: u64,
    /// The text beside it: "term 3", "promised 2.1".
    pub term_label: String,
    /// The timeout timer: the fraction of it left, 1.0 = just reset, 0.0 = firing.
    pub timer: Option<f64>,
    /// Votes a candidate has (Raft), or promises a proposer has (Paxos).
    pub votes: Vec<NodeId>,
    pub denials: Vec<NodeId>,
    /// Single-decree Paxos: the proposal this acceptor accepted, as (ballot, value), drawn
    /// under the node. `None` for Raft, Multi-Paxos (its slots are the log) and nothing yet.
    #[serde(default)]
    pub accepted: Option<(String, String)>,
    pub fields: Vec<Field>,
    pub log: Vec<LogCell>,
    /// Raft leaders: next_index and match_index per follower (index = node id).
    pub next_index: Vec<u64>,
    pub match_index: Vec<u64>,
}

/// A message in flight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MessageView {
    pub id: u64,
    pub from: NodeId,
    pub to: NodeId,
    pub kind: &'static str,
    /// In words (empty in a [`super::motion::Motion`], which is rebuilt every frame).
    pub summary: String,
    /// `Some(true)` granted/ok, `Some(false)` denied/rejected, `None` a request.
    pub outcome: Option<bool>,
    /// How far along, `0.0..=1.0`.
    pub progress: f64,
    pub sent_at: Time,
    pub deliver_at: Time,
    pub held: bool,
}

/// One arrow of the space-time diagram.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Arrow {
    pub id: u64,
    pub from: NodeId,
    pub to: NodeId,
    pub kind: &'static str,
    pub outcome: Option<bool>,
    pub sent_at: Time,
    /// When it arrived (or is due to, if still in flight; or when it was lost, if dropped).
    pub arrive_at: Time,
    /// When it was due to arrive: a dropped message is drawn on its way from the sender to
    /// there, ending where it was lost.
    pub due_at: Time,
    pub delivered: bool,
    pub dropped: bool,
}

/// One line of the event feed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedLine {
    /// The event's place in the trace (0 = the first event of the run).
    #[serde(default)]
    pub seq: u64,
    pub time: Time,
    pub text: String,
    /// "note" (a decision with its rule), "fault", "client", "message", "timer", "net".
    pub kind: String,
}

/// One safety property in the invariants panel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvariantView {
    pub name: String,
    pub holds: bool,
}

/// The last event of the run (the one a step forward just took, or the one a step back
/// returned to), so that a step visibly marks what it did: every trace entry it made (a
/// delivery, the decisions it caused, the messages it sent), all at one time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepMark {
    /// The feed's `seq` of its first entry (the feed marks the lines from there on).
    pub from_seq: u64,
    pub time: Time,
    /// The nodes it happened at (a delivery's receiver, a send's sender, a timer's node).
    pub nodes: Vec<NodeId>,
    /// The messages it sent, delivered or dropped (the diagram emphasises their arrows).
    pub messages: Vec<u64>,
}

/// Everything drawn at one moment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scene {
    pub protocol: ProtocolKind,
    pub time: Time,
    pub events: u64,
    pub horizon: Time,
    pub seed: u64,
    pub nodes: Vec<NodeView>,
    pub messages: Vec<MessageView>,
    pub arrows: Vec<Arrow>,
    pub feed: Vec<FeedLine>,
    pub invariants: Vec<InvariantView>,
    pub violation: Option<Violation>,
    /// The events that led to the violation, rendered.
    pub violation_trace: Vec<String>,
    /// Partition groups (one group = healed) and cut one-way links.
    pub groups: Vec<Vec<NodeId>>,
    pub cut: Vec<(NodeId, NodeId)>,
    pub loss: f64,
    pub duplicate: f64,
    pub reorder: f64,
    pub latency: (Time, Time),
    /// Raft: why two leaders on the ring are not a violation, when they are in different
    /// terms ([`super::leaders::two_leaders`]).
    pub leaders_note: Option<String>,
    /// The last event, when [`SceneOptions::mark`] asks for it.
    pub step: Option<StepMark>,
}

/// Options for building a scene.
#[derive(Clone, Copy, Debug)]
pub struct SceneOptions {
    pub lang: Lang,
    /// How many feed lines at most.
    pub feed: usize,
    /// How far back the space-time diagram reaches.
    pub window: Time,
    /// Whether each node's whole log goes into [`NodeView::log`]. A panel that shows only
    /// part of long logs leaves this off and asks `Cluster::log_window` for what it shows.
    pub logs: bool,
    /// Whether the space-time diagram's arrows are built (the explorer takes them from
    /// [`super::motion::Motion`], every frame, instead).
    pub arrows: bool,
    /// Whether the last event is marked ([`Scene::step`]), and its sends and deliveries,
    /// which the feed leaves out otherwise (the picture shows them), are in the feed (the
    /// explorer asks while paused).
    pub mark: bool,
}

impl Default for SceneOptions {
    fn default() -> Self {
        SceneOptions {
            lang: Lang::En,
            feed: 100,
            window: 2_000_000,
            logs: true,
            arrows: true,
            mark: false,
        }
    }
}

fn feed_kind<P: Protocol>(k: &TraceKind<P>) -> &'static str {
    use TraceKind::*;
    match k {
        Note { .. } => "note",
        Crash { .. } | Restart { .. } | Pause { .. } | Resume { .. } => "fault",
        Partition { .. } | Cut { .. } | Restore { .. } | Heal | Network { .. } => "net",
        Drop { .. } | Duplicate { .. } | Hold { .. } | Release { .. } => "net",
        Client { .. } | Reply { .. } => "client",
        TimerFired { .. } | Timers { .. } => "timer",
        Send { .. } | Deliver { .. } => "message",
    }
}

/// Builds the scene for `sim` now.
pub fn build<P: Visual>(
    sim: &Simulator<P>,
    invariants: &[&str],
    violation: Option<&Violation>,
    horizon: Time,
    opts: SceneOptions,
) -> Scene {
    let now = sim.now();
    let nodes: Vec<NodeView> = (0..sim.n())
        .map(|i| {
            let mut view = P::node_view(sim, i, opts.lang);
            if opts.logs {
                view.log = P::log_cells(sim.node(i), 0, u64::MAX);
            }
            view
        })
        .collect();
    let messages = super::motion::flights(sim, true);
    let arrows = if opts.arrows {
        super::motion::arrows(sim, opts.window)
    } else {
        Vec::new()
    };

    let step = if opts.mark { step_mark(sim) } else { None };
    let marked = step.as_ref().map_or(u64::MAX, |s| s.from_seq);
    // The feed: newest last, without raw sends and deliveries (the picture shows those),
    // except the marked event's.
    let mut feed: Vec<FeedLine> = Vec::new();
    for (seq, e) in sim.trace.iter().enumerate().rev() {
        if feed.len() >= opts.feed {
            break;
        }
        if (seq as u64) < marked
            && matches!(e.kind, TraceKind::Send { .. } | TraceKind::Deliver { .. })
        {
            continue;
        }
        feed.push(FeedLine {
            seq: seq as u64,
            time: e.time,
            text: render::text(&e.kind, sim.names(), opts.lang),
            kind: feed_kind(&e.kind).to_string(),
        });
    }
    feed.reverse();

    let violation_trace = violation
        .map(|v| {
            let end = v.trace_len.min(sim.trace.len());
            sim.trace[end.saturating_sub(12)..end]
                .iter()
                .map(|e| render::line(e, sim.names(), opts.lang))
                .collect()
        })
        .unwrap_or_default();
    let net = &sim.state.net;
    Scene {
        protocol: P::KIND,
        time: now,
        events: sim.state.events,
        horizon,
        seed: sim.seed(),
        messages,
        arrows,
        feed,
        invariants: invariants
            .iter()
            .map(|&name| InvariantView {
                name: name.to_string(),
                holds: violation.is_none_or(|v| v.invariant != name),
            })
            .collect(),
        violation: violation.cloned(),
        violation_trace,
        groups: sim.state.topology.groups(),
        cut: sim.state.topology.cut.iter().copied().collect(),
        loss: net.loss,
        duplicate: net.duplicate,
        reorder: net.reorder,
        latency: (net.latency_min, net.latency_max),
        leaders_note: if P::KIND == ProtocolKind::Raft {
            super::leaders::two_leaders(&nodes, opts.lang)
        } else {
            None
        },
        step,
        nodes,
    }
}

/// The last event of `sim`'s trace: its trailing entries at the time of the last one.
fn step_mark<P: Protocol>(sim: &Simulator<P>) -> Option<StepMark> {
    let time = sim.trace.iter().next_back()?.time;
    let len = sim.trace.iter().len();
    let from = len
        - sim
            .trace
            .iter()
            .rev()
            .take_while(|e| e.time == time)
            .count();
    let mut mark = StepMark {
        from_seq: from as u64,
        time,
        nodes: Vec::new(),
        messages: Vec::new(),
    };
    for e in sim.trace.iter().skip(from) {
        use TraceKind::*;
        let (node, msg) = match &e.kind {
            Send { id, from, .. } => (Some(*from), Some(*id)),
            Deliver { id, to, .. } | Drop { id, to, .. } => (Some(*to), Some(*id)),
            TimerFired { node, .. } | Note { node, .. } | Client { node, .. } => {
                (Some(*node), None)
            }
            Reply { node, .. } | Crash { node } | Restart { node } => (Some(*node), None),
            Pause { node } | Resume { node } => (Some(*node), None),
            _ => (None, None),
        };
        if let Some(n) = node.filter(|n| !mark.nodes.contains(n)) {
            mark.nodes.push(n);
        }
        mark.messages.extend(msg);
    }
    Some(mark)
}

/// The fraction left of node `i`'s timeout timer, if it is running.
pub fn timer_left<P: Protocol>(sim: &Simulator<P>, i: NodeId) -> Option<f64> {
    let now = sim.now();
    sim.state.nodes[i]
        .timers
        .iter()
        .find(|a| a.timer == P::TIMEOUT_TIMER)
        .map(|a| {
            let span = a.fires_at.saturating_sub(a.set_at).max(1) as f64;
            (a.fires_at.saturating_sub(now) as f64 / span).clamp(0.0, 1.0)
        })
}

/// Where node `i` of `n` sits on the ring, in a unit square (centre 0.5, 0.5); node 1 at the
/// top, clockwise.
pub fn ring_position(i: NodeId, n: usize) -> (f64, f64) {
    if n <= 1 {
        return (0.5, 0.5);
    }
    let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n as f64;
    let (sin, cos) = super::trig::sin_cos(a);
    (0.5 + 0.38 * cos, 0.5 + 0.38 * sin)
}

/// Every field of message `id`, as pretty JSON, for the message inspector: a message in
/// flight, or one already delivered or dropped (found by its send in the trace, newest
/// first, so the arrows of the space-time diagram can be inspected too).
pub fn message_fields<P: Protocol>(sim: &Simulator<P>, id: u64) -> Option<String> {
    if let Some(m) = sim.state.in_flight.get(&id) {
        return serde_json::to_string_pretty(&m.msg).ok();
    }
    let mut want = id;
    for e in sim.trace.iter().rev() {
        match &e.kind {
            TraceKind::Send { id, msg, .. } if *id == want => {
                return serde_json::to_string_pretty(msg).ok();
            }
            // A duplicate carries the same message as the one it copies.
            TraceKind::Duplicate { id, of } if *id == want => want = *of,
            _ => {}
        }
    }
    None
}
