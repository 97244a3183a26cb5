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

/// A Raft cluster of `nodes` past its first election, on a network that loses and
/// duplicates messages.
fn lossy_cluster(nodes: usize, loss: f64, duplicate: f64) -> Cluster {
    let mut c = Cluster::from_spec(&Spec {
        nodes,
        ..Spec::default()
    })
    .unwrap();
    c.advance_to(600 * MS);
    c.act(Action::Loss(loss)).unwrap();
    c.act(Action::Duplicate(duplicate)).unwrap();
    c
}

#[test]
fn arrows_match_a_plain_reading_of_the_trace() {
    let mut c = lossy_cluster(7, 0.15, 0.2);
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

/// The arrows of one motion, checked against a plain reading of the trace.
fn check_motion(c: &mut Cluster, what: &str) -> usize {
    let window = 2_000 * MS;
    let motion = c.motion(window);
    let plain = plain_arrows(c, window);
    assert_eq!(motion.arrows, plain, "{what} at {} µs", c.now());
    plain.len()
}

/// The UI asks for the motion every frame, and the cluster reads only the trace entries
/// added since the last frame. Whatever happened between two frames (a few ms of a busy
/// run, held and released messages, a paused node, a seek either way, a fork that threw
/// the old future away), the arrows are those of a plain reading.
#[test]
fn frame_by_frame_arrows_match_a_plain_reading_through_seeks_and_forks() {
    let mut c = lossy_cluster(5, 0.1, 0.25);
    c.act(Action::Reorder(0.1)).unwrap();
    let mut most = 0;
    let mut frame = |c: &mut Cluster, k: u64, what: &str| {
        if k % 3 == 0 {
            c.client((k % 5) as usize).unwrap();
        }
        let t = c.now() + 16 * MS + (k % 4) * MS;
        c.advance_to(t);
        most = most.max(check_motion(c, what));
    };
    for k in 0..60 {
        frame(&mut c, k, "playing");
    }
    // A paused node's inbox, and messages held, released and dropped by hand.
    c.act(Action::Pause(2)).unwrap();
    for k in 0..20 {
        frame(&mut c, k, "a node paused");
        let Cluster::Raft(s) = &c else { unreachable!() };
        let ids: Vec<u64> = s.sim.state.in_flight.keys().copied().collect();
        if let [a, b, d, ..] = ids[..] {
            c.act(Action::HoldMessage(a)).unwrap();
            c.act(Action::DeliverMessage(b)).unwrap();
            c.act(Action::DropMessage(d)).unwrap();
        }
    }
    c.act(Action::Resume(2)).unwrap();
    for k in 0..20 {
        frame(&mut c, k, "resumed");
    }
    // Back, then forward again over the kept trace, then past where it was.
    let end = c.now();
    c.seek_time(end - 700 * MS);
    check_motion(&mut c, "seek back");
    for k in 0..10 {
        frame(&mut c, k, "replaying");
    }
    c.seek_time(end + 50 * MS);
    check_motion(&mut c, "seek forward");
    // A fork: back, a new action, then on past the old end, so that the trace is longer than
    // what was read before, but a different one.
    let end = c.now();
    c.seek_time(end - 400 * MS);
    c.act(Action::Cut { from: 0, to: 1 }).unwrap();
    c.advance_to(end + 100 * MS);
    check_motion(&mut c, "after a fork");
    for k in 0..20 {
        frame(&mut c, k, "forked");
    }
    // A jump forward by more than the window.
    let t = c.now() + 3_000 * MS;
    c.advance_to(t);
    check_motion(&mut c, "a long jump");
    assert!(most > 200, "a busy window: {most}");
}
