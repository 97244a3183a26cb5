//! The space-time diagram's arrows (viz::scene::build) on a busy, lossy, duplicating network
//! are exactly what a plain reading of the trace gives: every send in the window, marked
//! delivered or dropped where that happened, duplicates included.

use quorumscope::core::{Describe, MS};
use quorumscope::sim::{Action, DropReason, TraceKind};
use quorumscope::viz::scene::Arrow;
use quorumscope::viz::{Cluster, SceneOptions, Spec};

/// The arrows of the last `window` of `c`'s run, found by scanning the trace for each one.
fn plain_arrows(c: &Cluster, window: u64) -> Vec<Arrow> {
    let Cluster::Raft(s) = c else { unreachable!() };
    let sim = &s.sim;
    let since = sim.now().saturating_sub(window);
    let mut arrows: Vec<Arrow> = Vec::new();
    for e in sim.trace.iter().filter(|e| e.time >= since) {
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
            TraceKind::Duplicate { id, of } => {
                if let Some(a) = arrows.iter().find(|a| a.id == *of).cloned() {
                    let due = sim
                        .state
                        .in_flight
                        .get(id)
                        .map_or(a.arrive_at, |m| m.deliver_at);
                    arrows.push(Arrow {
                        id: *id,
                        arrive_at: due,
                        due_at: due,
                        ..a
                    });
                }
            }
            TraceKind::Deliver { id, .. } => {
                if let Some(a) = arrows.iter_mut().rev().find(|a| a.id == *id) {
                    a.delivered = true;
                    a.arrive_at = e.time;
                }
            }
            TraceKind::Drop { id, reason, .. } => {
                if let Some(a) = arrows.iter_mut().rev().find(|a| a.id == *id) {
                    a.dropped = true;
                    a.arrive_at = if *reason != DropReason::Lost {
                        e.time
                    } else {
                        (a.sent_at + a.arrive_at) / 2
                    };
                }
            }
            _ => {}
        }
    }
    for a in arrows.iter_mut() {
        if let Some(m) = sim.state.in_flight.get(&a.id) {
            a.arrive_at = m.deliver_at;
            a.due_at = m.deliver_at;
        }
    }
    arrows
}

#[test]
fn arrows_match_a_plain_reading_of_the_trace() {
    let mut c = Cluster::from_spec(&Spec {
        nodes: 7,
        ..Spec::default()
    })
    .unwrap();
    c.advance_to(600 * MS);
    c.act(Action::Loss(0.15)).unwrap();
    c.act(Action::Duplicate(0.2)).unwrap();
    for k in 0..120 {
        c.client(k % 7).unwrap();
        let t = c.now() + 3 * MS;
        c.advance_to(t);
    }
    c.act(Action::Cut { from: 0, to: 3 }).unwrap();
    let t = c.now() + 200 * MS;
    c.advance_to(t);
    let scene = c.scene(SceneOptions::default());
    let plain = plain_arrows(&c, SceneOptions::default().window);
    assert!(plain.len() > 1_000, "a busy window: {}", plain.len());
    assert!(plain.iter().any(|a| a.dropped) && plain.iter().any(|a| a.delivered));
    assert_eq!(scene.arrows, plain);
}
