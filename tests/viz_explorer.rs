//! What the explorer shows about a run, computed natively (the UI only draws it): the last
//! event marked after a step, the two-leaders explanation during a partition, and a Paxos
//! cluster that starts with a request in flight.

use quorumscope::core::{Lang, ProtocolKind, MS};
use quorumscope::sim::Action;
use quorumscope::viz::scene::Badge;
use quorumscope::viz::{Cluster, SceneOptions, Spec};

fn marked(c: &Cluster) -> quorumscope::viz::Scene {
    c.scene(SceneOptions {
        mark: true,
        ..SceneOptions::default()
    })
}

#[test]
fn a_step_marks_its_event_in_the_feed_and_the_diagram() {
    let mut c = Cluster::from_spec(&Spec::default()).unwrap();
    c.advance_to(250 * MS);
    // Step until the event is a delivery (most are): the feed shows it only when marked.
    let mut found = false;
    for _ in 0..50 {
        c.step();
        let s = marked(&c);
        let step = s.step.clone().expect("a run with events has a last event");
        assert_eq!(step.time, s.feed.last().unwrap().time);
        let lines: Vec<_> = s.feed.iter().filter(|l| l.seq >= step.from_seq).collect();
        assert!(!lines.is_empty(), "the marked event has lines in the feed");
        assert!(!step.nodes.is_empty());
        let plain = c.scene(SceneOptions::default());
        assert_eq!(plain.step, None);
        if lines.iter().any(|l| l.kind == "message") {
            // Unmarked, sends and deliveries stay out of the feed.
            assert!(plain.feed.iter().all(|l| l.kind != "message"));
            assert!(!step.messages.is_empty());
            found = true;
            break;
        }
    }
    assert!(found, "some step delivered or sent a message");
    // A step back marks the event before.
    let before = marked(&c).step.unwrap();
    c.step_back();
    let after = marked(&c).step.unwrap();
    assert!(after.time <= before.time);
    assert!(after.from_seq < before.from_seq);
}

#[test]
fn two_leaders_in_a_partition_are_explained_not_flagged() {
    let mut c = Cluster::from_spec(&Spec::default()).unwrap();
    c.advance_to(600 * MS);
    let s = c.scene(SceneOptions::default());
    let old = s
        .nodes
        .iter()
        .position(|n| n.badge == Badge::Hexagon)
        .unwrap();
    assert_eq!(s.leaders_note, None, "one leader: nothing to explain");
    let rest: Vec<usize> = (0..5).filter(|&i| i != old).collect();
    c.act(Action::Partition(vec![vec![old], rest])).unwrap();
    let mut note = None;
    for k in 1..=40 {
        c.advance_to((600 + 100 * k) * MS);
        let s = c.scene(SceneOptions {
            lang: Lang::Zh,
            ..SceneOptions::default()
        });
        let leaders = s.nodes.iter().filter(|n| n.badge == Badge::Hexagon).count();
        if leaders == 2 {
            note = s.leaders_note.clone();
            assert!(s.violation.is_none());
            break;
        }
    }
    let note = note.expect("the majority side elects its own leader within 4 s");
    assert!(note.contains("选举安全"), "{note}");
    // Healed, the old leader hears the new term and steps down: the note goes.
    c.act(Action::Heal).unwrap();
    c.advance_to(c.now() + 500 * MS);
    assert_eq!(c.scene(SceneOptions::default()).leaders_note, None);
}

#[test]
fn paxos_starts_with_a_client_request_in_flight() {
    let spec = Spec {
        protocol: ProtocolKind::Paxos,
        ..Spec::default()
    };
    let mut c = Cluster::start(&spec).unwrap();
    let s = c.scene(SceneOptions::default());
    assert!(s.feed.iter().any(|l| l.kind == "client"), "{:?}", s.feed);
    // The first event submits it: n1 starts phase 1 with Prepare to every acceptor.
    c.step();
    let s = c.scene(SceneOptions::default());
    assert!(
        s.messages.iter().any(|m| m.kind == "Prepare"),
        "{:?}",
        s.messages
    );
    // Its share link replays the request.
    let again = Cluster::from_share(&c.share()).unwrap();
    assert_eq!(again.trace_hash(), c.trace_hash());
    // Raft starts as it always did.
    let raft = Cluster::start(&Spec::default()).unwrap();
    assert!(raft.scene(SceneOptions::default()).feed.is_empty());
}

/// A Paxos node is named for what it does in Paxos (its phase, or acceptor), in the
/// interface language, and drawn with the badge named for the drawing: no Raft role names.
#[test]
fn paxos_nodes_are_named_by_their_phase_in_both_languages() {
    let spec = Spec {
        protocol: ProtocolKind::Paxos,
        ..Spec::default()
    };
    let mut c = Cluster::start(&spec).unwrap();
    c.step();
    let view = |lang| {
        let s = c.scene(SceneOptions {
            lang,
            ..SceneOptions::default()
        });
        assert_eq!(s.protocol, ProtocolKind::Paxos);
        s.nodes
    };
    let (en, zh) = (view(Lang::En), view(Lang::Zh));
    assert_eq!(en[0].badge, Badge::Diamond);
    assert_eq!(
        (en[0].role.as_str(), en[0].role_short.as_str()),
        ("phase 1 (prepare)", "phase 1")
    );
    assert_eq!(
        (zh[0].role.as_str(), zh[0].role_short.as_str()),
        ("阶段一（准备）", "阶段一")
    );
    for (e, z) in en.iter().zip(&zh).skip(1) {
        assert_eq!(e.badge, Badge::CircleAlt, "idle proposers");
        assert_eq!(
            (e.role.as_str(), z.role.as_str()),
            ("idle proposer", "空闲提议者")
        );
    }
    let raft = Cluster::start(&Spec::default()).unwrap();
    let s = raft.scene(SceneOptions::default());
    assert_eq!(s.protocol, ProtocolKind::Raft);
    assert!(s
        .nodes
        .iter()
        .all(|n| n.badge == Badge::Circle && n.role == "follower"));
}

#[test]
fn a_step_back_undoes_a_dropped_message_and_a_step_forward_drops_it_again() {
    let mut c = Cluster::from_spec(&Spec::default()).unwrap();
    c.advance_to(300 * MS);
    let flying = |c: &Cluster| -> Vec<u64> {
        c.scene(SceneOptions::default())
            .messages
            .iter()
            .map(|m| m.id)
            .collect()
    };
    while flying(&c).is_empty() {
        c.step();
    }
    let id = flying(&c)[0];
    let (events, time) = (c.events(), c.now());
    c.act(Action::DropMessage(id)).unwrap();
    assert!(!flying(&c).contains(&id));
    c.step_back();
    assert_eq!(
        (c.events(), c.now()),
        (events, time),
        "back to the same moment"
    );
    assert!(
        flying(&c).contains(&id),
        "the dropped message is in flight again"
    );
    // The drop is still the timeline's future: a step forward takes it again.
    c.step();
    assert_eq!(c.events(), events);
    assert!(!flying(&c).contains(&id));
    // With no action to undo, a step back undoes one event.
    c.step();
    let e = c.events();
    c.step_back();
    assert_eq!(c.events(), e - 1);
}
