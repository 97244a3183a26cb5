//! What moves between events, rebuilt for every animation frame: the clock, the messages in
//! flight (placed by their progress in virtual time), the election timers running down, and
//! the space-time diagram's arrows. It is small and cheap to build: no text, no logs, no
//! feed. The [`super::Scene`] holds what changes only with events and actions.

use super::scene::{Arrow, MessageView, Visual};
use crate::core::{Describe, Protocol, Time};
use crate::sim::{DropReason, Simulator, TraceEvent, TraceKind};

/// Everything that moves, at one moment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Motion {
    pub time: Time,
    /// The furthest moment the run has reached.
    pub horizon: Time,
    pub events: u64,
    /// The messages in flight, without their summaries.
    pub messages: Vec<MessageView>,
    /// Each node's election (timeout) timer, as the fraction left; `None` when it is not
    /// drawn (not running, or a Raft leader).
    pub timers: Vec<Option<f64>>,
    /// Every message sent within the diagram's window, sorted by id.
    pub arrows: Vec<Arrow>,
}

/// Builds the motion of `sim` now, with the arrows of the last `window` µs (read on from
/// `trail`).
pub fn build<P: Visual>(
    sim: &Simulator<P>,
    trail: &mut Trail,
    horizon: Time,
    window: Time,
) -> Motion {
    Motion {
        time: sim.now(),
        horizon,
        events: sim.state.events,
        messages: flights(sim, false),
        timers: (0..sim.n()).map(|i| P::timer(sim, i)).collect(),
        arrows: trail.arrows(sim, window),
    }
}

/// The messages in flight, each placed by how far along it is (a held one halfway);
/// with its one-line summary when `summaries`.
pub fn flights<P: Protocol>(sim: &Simulator<P>, summaries: bool) -> Vec<MessageView> {
    let now = sim.now();
    sim.state
        .in_flight
        .values()
        .map(|m| {
            let span = m.deliver_at.saturating_sub(m.sent_at).max(1) as f64;
            MessageView {
                id: m.id,
                from: m.from,
                to: m.to,
                kind: m.msg.kind(),
                summary: if summaries {
                    m.msg.label(sim.names())
                } else {
                    String::new()
                },
                outcome: m.msg.outcome(),
                progress: if m.held {
                    0.5
                } else {
                    (now.saturating_sub(m.sent_at) as f64 / span).clamp(0.0, 1.0)
                },
                sent_at: m.sent_at,
                deliver_at: m.deliver_at,
                held: m.held,
            }
        })
        .collect()
}

/// The space-time diagram's arrows: every message sent within the last `window` µs, with
/// where it ended (delivered, dropped, or still in flight).
pub fn arrows<P: Protocol>(sim: &Simulator<P>, window: Time) -> Vec<Arrow> {
    Trail::default().arrows(sim, window)
}

/// The diagram's arrows, kept from one frame to the next. The trace only grows while a run
/// plays, so each frame reads just the entries added since the one before (a frame's worth
/// of events) rather than the whole window again (about 12,000 entries under the
/// benchmark's load at real-time speed).
/// A rewind to before what was read, or a trace that took another course
/// ([`crate::sim::Trace::cuts`]), starts it again from the window's first entry. Either
/// way the arrows are the same.
#[derive(Clone, Debug, Default)]
pub struct Trail {
    /// The trace's cut count when it was read.
    cuts: u64,
    /// How many trace entries were read.
    read: usize,
    /// The window's start when it was read.
    since: Time,
    /// The arrows as the trace left them, sorted by id: messages in flight are moved with
    /// the clock only in the copy handed out.
    arrows: Vec<Arrow>,
}

impl Trail {
    /// Every message sent within the last `window` µs of `sim`'s run.
    pub fn arrows<P: Protocol>(&mut self, sim: &Simulator<P>, window: Time) -> Vec<Arrow> {
        let since = sim.now().saturating_sub(window);
        let trace = &sim.trace;
        // The window's first entry (times never decrease along the trace).
        let start = trace.partition_point(|e| e.time < since);
        if self.cuts != trace.cuts() || self.read > trace.len() || since < self.since {
            self.cuts = trace.cuts();
            self.read = start;
            self.arrows.clear();
        }
        // A duplicate keeps its original's send time, so the arrows that left the window
        // are not all at the front.
        self.arrows.retain(|a| a.sent_at >= since);
        self.since = since;
        // What was added before the window's start (a seek far ahead) is not read at all.
        for e in &trace[self.read.max(start)..] {
            read(&mut self.arrows, e);
        }
        self.read = trace.len();
        debug_assert!(self.arrows.windows(2).all(|w| w[0].id < w[1].id));
        // Messages still in flight move with the clock; held ones stay where they are.
        let mut arrows = self.arrows.clone();
        for m in sim.state.in_flight.values() {
            if let Some(a) = find(&arrows, m.id).map(|k| &mut arrows[k]) {
                if !a.delivered && !a.dropped {
                    a.arrive_at = m.deliver_at;
                    a.due_at = m.deliver_at;
                }
            }
        }
        arrows
    }
}

/// Message ids are handed out in trace order (a send, or a duplicate), so the arrows are
/// sorted by id and a delivery finds its arrow by binary search: a busy window (thousands
/// of messages) costs a few comparisons per delivery, with no index to build.
fn find(arrows: &[Arrow], id: u64) -> Option<usize> {
    arrows.binary_search_by_key(&id, |a| a.id).ok()
}

/// Adds trace entry `e` to `arrows`: a send or a duplicate starts an arrow, a delivery or a
/// drop ends one (a message lost on the way halfway to where it was due).
fn read<P: Protocol>(arrows: &mut Vec<Arrow>, e: &TraceEvent<P>) {
    match &e.kind {
        TraceKind::Send {
            id,
            from,
            to,
            msg,
            deliver_at,
        } => arrows.push(Arrow {
            id: *id,
            from: *from,
            to: *to,
            kind: msg.kind(),
            outcome: msg.outcome(),
            sent_at: e.time,
            arrive_at: *deliver_at,
            due_at: *deliver_at,
            delivered: false,
            dropped: false,
        }),
        // The copy's own due time is not in the trace: while it is in flight, the
        // simulator's is used; once it has arrived or was dropped, that moment is.
        TraceKind::Duplicate { id, of } => {
            if let Some(a) = find(arrows, *of).map(|k| arrows[k].clone()) {
                arrows.push(Arrow { id: *id, ..a });
            }
        }
        TraceKind::Deliver { id, .. } => {
            if let Some(k) = find(arrows, *id) {
                let a = &mut arrows[k];
                a.delivered = true;
                a.arrive_at = e.time;
            }
        }
        TraceKind::Drop { id, reason, .. } => {
            if let Some(k) = find(arrows, *id) {
                let a = &mut arrows[k];
                a.dropped = true;
                if *reason != DropReason::Lost {
                    a.arrive_at = e.time;
                } else {
                    a.arrive_at = a.sent_at.midpoint(a.arrive_at);
                }
            }
        }
        _ => {}
    }
}
