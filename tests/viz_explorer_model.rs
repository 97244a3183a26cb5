//! The explorer's model, natively: its reducer (every user intent a `Msg`), frame pacing,
//! notices, and its string table. The Yew components only draw it (tests/wasm_ui.rs mounts
//! them in a browser).

use quorumscope::core::{Lang, ProtocolKind, MS};
use quorumscope::sim::{Action, Status};
use quorumscope::viz::explorer::{Menu, Model, Msg, NodeCmd, Tab};
use quorumscope::viz::i18n::{self, Key, LANGS};
use quorumscope::viz::Spec;
use std::collections::HashSet;

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Proper names and the paper's field names, the same in both languages (docs/glossary.md).
const SAME_IN_BOTH: &[&str] = &["QuorumScope", "Multi-Paxos", "nextIndex", "matchIndex"];

fn model() -> Model {
    Model::start(None, Lang::En)
}

#[test]
fn every_string_exists_in_both_languages() {
    for &key in Key::ALL {
        let (en, zh) = (key.text(Lang::En), key.text(Lang::Zh));
        assert!(!en.trim().is_empty(), "{key:?} has no English text");
        assert!(!zh.trim().is_empty(), "{key:?} has no Chinese text");
        if !SAME_IN_BOTH.contains(&en) {
            assert!(has_cjk(zh), "{key:?} is not translated: {zh:?}");
            assert!(
                !has_cjk(en),
                "{key:?} has Chinese in its English text: {en:?}"
            );
        }
    }
    let distinct: HashSet<_> = Key::ALL.iter().collect();
    assert_eq!(distinct.len(), Key::ALL.len(), "a key is listed twice");
}

#[test]
fn language_codes_round_trip() {
    for lang in LANGS {
        assert_eq!(i18n::parse_code(i18n::code(lang)), Some(lang));
    }
    assert_eq!(i18n::parse_code("fr"), None);
    assert_eq!(i18n::parse_code(""), None);
}

#[test]
fn reduced_motion_pauses_a_run_that_started_on_its_own_and_new_clusters_wait() {
    let mut m = model();
    assert!(m.playing);
    m.prefer_reduced_motion();
    assert!(!m.playing && m.reduced_motion);
    assert!(m.notice.as_ref().is_some_and(|n| !n.error));
    m.update(Msg::NewCluster(Spec::default()));
    assert!(!m.playing, "a new cluster waits for the reader too");
    // Paused, the scene marks the last event; playing, it does not.
    m.update(Msg::Jump(200 * MS as i64));
    m.update(Msg::Step);
    assert!(m.scene.step.is_some());
    m.update(Msg::Play);
    m.update(Msg::Frame(16.0));
    m.update(Msg::Frame(120.0));
    assert!(m.scene.step.is_none(), "no mark while playing");
    m.update(Msg::Pause);
    assert!(m.scene.step.is_some(), "the mark is back on a pause");
}

#[test]
fn the_reducer_plays_steps_and_seeks_exactly() {
    let mut m = model();
    assert!(m.playing, "a fresh session plays");
    let fx = m.update(Msg::Frame(16.0));
    // The clock moves through the motion (every frame); the scene follows events.
    let t = m.motion.time;
    assert!(t > 0, "a frame advances virtual time");
    // At 1/20 speed, 16 ms of real time is 0.8 ms of cluster time.
    assert!((799..=800).contains(&t), "{t}");
    assert_eq!(
        fx.motion_only,
        m.scene.events == m.motion.events,
        "a frame with no new event only moves things: nothing to render"
    );
    let fx = m.update(Msg::Pause);
    assert!(!m.playing && fx.write_url, "pausing rewrites the link");
    m.update(Msg::Frame(16.0));
    assert_eq!(m.motion.time, t, "paused frames do nothing");
    assert_eq!(m.scene.time, t, "paused, the scene is the moment's");
    let e = m.scene.events;
    m.update(Msg::Step);
    assert_eq!(m.scene.events, e + 1, "a step is one event");
    m.update(Msg::StepBack);
    assert_eq!(m.scene.events, e);
    m.update(Msg::Seek(900 * MS));
    assert_eq!(m.scene.time, 900 * MS);
    assert!(m.leader().is_some(), "a leader by 900 ms");
    let hash = m.cluster.trace_hash();
    m.update(Msg::Seek(100 * MS));
    m.update(Msg::Seek(900 * MS));
    assert_eq!(
        m.cluster.trace_hash(),
        hash,
        "seeking back and forth is exact"
    );
    // Speeds.
    m.update(Msg::SetSpeed(-9.0));
    assert!((m.speed() - 0.001).abs() < 1e-9, "clamped to 1/1000");
    m.update(Msg::Faster);
    assert!((m.speed() - 0.002).abs() < 1e-9);
}

#[test]
fn the_reducer_acts_on_nodes_links_and_messages() {
    let mut m = model();
    m.update(Msg::Seek(900 * MS));
    let leader = m.leader().expect("a leader");
    // A client request to a follower is redirected and committed.
    m.update(Msg::Node((leader + 1) % 5, NodeCmd::Client));
    m.update(Msg::Jump(300 * MS as i64));
    assert!(
        m.logs.rows.iter().filter(|r| r.committed >= 1).count() >= 3,
        "committed on a majority: {:?}",
        m.logs
    );
    m.update(Msg::Node(leader, NodeCmd::Crash));
    assert_eq!(m.scene.nodes[leader].status, Status::Crashed);
    m.update(Msg::Node(leader, NodeCmd::ToggleCrash));
    assert_eq!(m.scene.nodes[leader].status, Status::Up);
    m.update(Msg::Node(0, NodeCmd::TogglePause));
    assert_eq!(m.scene.nodes[0].status, Status::Paused);
    m.update(Msg::Node(0, NodeCmd::TogglePause));
    assert_eq!(m.scene.nodes[0].status, Status::Up);
    // A link click cuts both ways, the next restores both.
    m.update(Msg::ToggleLink(1, 3));
    assert!(m.scene.cut.contains(&(1, 3)) && m.scene.cut.contains(&(3, 1)));
    m.update(Msg::ToggleLink(1, 3));
    assert!(m.scene.cut.is_empty());
    // Dropping a message in flight removes it.
    while m.scene.messages.is_empty() {
        m.update(Msg::Step);
    }
    let id = m.scene.messages[0].id;
    m.update(Msg::HoverMessage(Some(id)));
    assert_eq!(m.inspected(), Some(id));
    m.update(Msg::DropSelectedMessage);
    assert!(m.scene.messages.iter().all(|x| x.id != id));
    assert_eq!(m.inspected(), None);
    // A menu opens on a node and selects it; Escape closes it, then clears the selection.
    m.update(Msg::OpenMenu(Menu::Node {
        node: 2,
        x: 10.0,
        y: 10.0,
    }));
    assert_eq!((m.selected, m.tab), (Some(2), Tab::Node));
    m.update(Msg::Escape);
    assert!(m.menu.is_none() && m.selected == Some(2));
    m.update(Msg::Escape);
    assert_eq!(m.selected, None);
}

#[test]
fn acting_in_the_past_forks_and_links_replay_exactly() {
    let mut m = model();
    m.update(Msg::Seek(1_500 * MS));
    m.update(Msg::Seek(600 * MS));
    m.update(Msg::Act(Action::Crash(0)));
    assert_eq!(m.scene.horizon, 600 * MS, "the old future is gone");
    m.update(Msg::Seek(1_000 * MS));
    let share = m.cluster.share();
    let other = Model::start(Some(&share), Lang::En);
    assert!(!other.playing, "a shared moment opens paused");
    assert_eq!(other.cluster.trace_hash(), m.cluster.trace_hash());
    assert_eq!(other.scene.time, 1_000 * MS);
}

#[test]
fn broken_links_fall_back_to_a_default_cluster_with_a_notice() {
    for bad in ["", "%%%", "eyJ2IjoxfQ", "AAAA"] {
        let m = Model::start(Some(bad), Lang::Zh);
        let notice = m.notice.clone().expect("a notice");
        assert!(notice.error);
        assert!(
            has_cjk(&notice.text),
            "the notice is localised: {}",
            notice.text
        );
        // And so is the reason the link was refused (issue 22): no English word in it.
        let english = notice
            .text
            .split(|c: char| !c.is_ascii_alphabetic())
            .find(|w| w.len() >= 3);
        assert_eq!(english, None, "{}", notice.text);
        assert_eq!(m.scene.nodes.len(), 5, "a working default cluster");
    }
    // Importing a bad file keeps the session that was there.
    let mut m = model();
    m.update(Msg::Seek(500 * MS));
    let before = m.cluster.trace_hash();
    let fx = m.update(Msg::LoadShare("garbage!".into()));
    assert!(fx.refused.is_some());
    assert_eq!(m.cluster.trace_hash(), before);
    let notice = m.notice.clone().expect("a notice");
    assert!(
        notice.text.starts_with(Key::ImportBroken.text(Lang::En)),
        "says the session is unchanged: {}",
        notice.text
    );
}

#[test]
fn new_clusters_and_a_hidden_tab() {
    let mut m = model();
    m.update(Msg::NewCluster(Spec {
        protocol: ProtocolKind::Paxos,
        nodes: 3,
        multi: true,
        ..Spec::default()
    }));
    assert_eq!(m.scene.protocol, ProtocolKind::Paxos);
    assert_eq!(m.scene.nodes.len(), 3);
    assert_eq!(m.spec.nodes, 3);
    let fx = m.update(Msg::NewCluster(Spec {
        nodes: 12,
        ..Spec::default()
    }));
    assert!(fx.refused.is_some(), "an impossible spec is refused");
    assert_eq!(
        m.scene.protocol,
        ProtocolKind::Paxos,
        "and the cluster stays"
    );
    // Hidden: pause; shown again: resume (only if hiding paused it).
    assert!(m.playing);
    m.update(Msg::Hidden(true));
    assert!(!m.playing);
    m.update(Msg::Hidden(false));
    assert!(m.playing);
    m.update(Msg::Pause);
    m.update(Msg::Hidden(true));
    m.update(Msg::Hidden(false));
    assert!(!m.playing, "a user's pause stays");
}

#[test]
fn when_frames_are_slow_the_feed_and_the_logs_follow_the_scene_in_its_frame() {
    use std::rc::Rc;
    let mut m = model();
    m.update(Msg::SetSpeed(0.0));
    m.update(Msg::Play);
    // Eight frames a second at real time: every frame is due for a new scene, and events
    // come in every one (heartbeats at least).
    let mut rebuilt = 0;
    for _ in 0..40 {
        let before = m.scene.clone();
        let fx = m.update(Msg::Frame(125.0));
        assert!(!fx.feed_soon, "no turn is asked for");
        if !Rc::ptr_eq(&before, &m.scene) {
            rebuilt += 1;
            assert!(
                Rc::ptr_eq(&m.feed_scene, &m.scene),
                "the feed follows in the scene's frame"
            );
            assert!(Rc::ptr_eq(&m.logs_scene, &m.scene), "so do the logs");
        }
    }
    assert!(
        rebuilt >= 30,
        "the scene follows every slow frame ({rebuilt})"
    );
    // Back to short frames: the turns again (the feed waits a frame after the scene).
    for _ in 0..200 {
        let before = m.scene.clone();
        m.update(Msg::Frame(16.0));
        if !Rc::ptr_eq(&before, &m.scene) {
            assert!(
                !Rc::ptr_eq(&m.feed_scene, &m.scene),
                "the feed waits its turn"
            );
            return;
        }
    }
    panic!("events rebuild the scene while playing");
}

#[test]
fn while_playing_the_feed_and_the_logs_follow_the_scene_one_at_a_time() {
    use std::rc::Rc;
    let mut m = model();
    m.update(Msg::SetSpeed(0.0));
    // Play (real time) until a frame rebuilds the scene.
    let rebuild = |m: &mut Model| {
        for _ in 0..200 {
            let before = m.scene.clone();
            let fx = m.update(Msg::Frame(16.0));
            if !Rc::ptr_eq(&before, &m.scene) {
                return fx;
            }
        }
        panic!("events rebuild the scene while playing");
    };
    let fx = rebuild(&mut m);
    assert!(!fx.feed_soon, "nothing is asked for on the scene's frame");
    assert!(
        !Rc::ptr_eq(&m.feed_scene, &m.scene),
        "the feed waits a frame"
    );
    assert!(!Rc::ptr_eq(&m.logs_scene, &m.scene), "so do the logs");
    let scene = m.scene.clone();
    // The next frame asks for the feed's task, between frames, and renders nothing itself.
    let fx = m.update(Msg::Frame(16.0));
    assert!(Rc::ptr_eq(&m.scene, &scene), "not due again after 16 ms");
    assert!(fx.feed_soon, "the feed's task is asked for");
    assert!(fx.motion_only, "that frame only moves the clock");
    assert!(
        !Rc::ptr_eq(&m.feed_scene, &scene),
        "the feed is left to its task"
    );
    // The task: the feed follows, and the page is laid out then.
    let fx = m.update(Msg::FeedTurn);
    assert!(
        fx.lay_out && !fx.deferred,
        "the feed's task renders and lays out"
    );
    assert!(
        Rc::ptr_eq(&m.feed_scene, &scene),
        "the feed follows in its task"
    );
    assert!(!Rc::ptr_eq(&m.logs_scene, &scene), "the logs wait");
    // The frame that paints the feed leaves the logs for the one after.
    let fx = m.update(Msg::Frame(16.0));
    assert!(fx.motion_only && !Rc::ptr_eq(&m.logs_scene, &scene));
    let fx = m.update(Msg::Frame(16.0));
    assert!(!fx.motion_only, "the logs' frame renders");
    assert!(Rc::ptr_eq(&m.logs_scene, &scene), "the logs follow");
    // A task that comes late finds nothing to do.
    let fx = m.update(Msg::FeedTurn);
    assert!(fx.deferred && !fx.lay_out, "nothing to render");
    // If the task has not run by the next frame (timers held back), that frame does the
    // feed, and the late task is a no-op.
    for _ in 0..12 {
        m.update(Msg::Frame(16.0));
    }
    rebuild(&mut m);
    let scene = m.scene.clone();
    assert!(m.update(Msg::Frame(16.0)).feed_soon);
    let fx = m.update(Msg::Frame(16.0));
    assert!(Rc::ptr_eq(&m.scene, &scene), "not due again after 32 ms");
    assert!(!fx.motion_only, "the frame renders the feed itself");
    assert!(Rc::ptr_eq(&m.feed_scene, &scene), "the feed follows anyway");
    assert!(
        m.update(Msg::FeedTurn).deferred,
        "the late task has nothing to do"
    );
    m.update(Msg::Frame(16.0));
    assert!(
        !Rc::ptr_eq(&m.logs_scene, &scene),
        "the logs wait as before"
    );
    m.update(Msg::Frame(16.0));
    assert!(Rc::ptr_eq(&m.logs_scene, &scene), "the logs follow");
    // Paused, every panel shows the same moment at once.
    for _ in 0..12 {
        m.update(Msg::Frame(16.0));
    }
    m.update(Msg::Pause);
    assert!(Rc::ptr_eq(&m.feed_scene, &m.scene) && Rc::ptr_eq(&m.logs_scene, &m.scene));
    assert_eq!(m.scene.time, m.cluster.now());
}
