//! The browser's model, tested natively: exact seeking in both directions, forking the
//! future, share links that replay exactly, and tampered links that fail cleanly.

use quorumscope::core::raft::RaftNode;
use quorumscope::core::MS;
use quorumscope::sim::{Action, Recorded, Setup};
use quorumscope::viz::share::{self, Shared};
use quorumscope::viz::{Cluster, SceneOptions, Spec};

fn scene_json(c: &Cluster) -> String {
    serde_json::to_string(&c.scene(SceneOptions::default())).unwrap()
}

/// A Raft run with a crash, a partition and client requests, to 3 s.
fn busy_raft() -> Cluster {
    let mut c = Cluster::from_spec(&Spec::default()).unwrap();
    c.advance_to(600 * MS);
    c.client(0).unwrap();
    c.client(2).unwrap();
    c.advance_to(1_000 * MS);
    let leader = c
        .scene(SceneOptions::default())
        .nodes
        .iter()
        .position(|n| n.role == "leader")
        .unwrap();
    c.act(Action::Crash(leader)).unwrap();
    c.advance_to(1_800 * MS);
    c.act(Action::Partition(vec![vec![0, 1]])).unwrap();
    c.client(3).unwrap();
    c.advance_to(2_400 * MS);
    c.act(Action::Heal).unwrap();
    c.act(Action::Restart(leader)).unwrap();
    c.advance_to(3_000 * MS);
    c
}

#[test]
fn seeking_is_exact_in_both_directions() {
    let mut c = busy_raft();
    let end_hash = c.trace_hash();
    let end_scene = scene_json(&c);
    let end_events = c.events();

    // Record the scene at many moments of a straight replay.
    let mut straight = Cluster::from_spec(&Spec::default()).unwrap();
    // Re-apply the same actions by replaying the share link from time 0.
    let link = c.share();
    let replay = Cluster::from_share(&link).unwrap();
    assert_eq!(
        replay.trace_hash(),
        end_hash,
        "a share link replays the same run"
    );
    let _ = &mut straight;

    let mut checkpoints = Vec::new();
    for t in [250, 700, 1_000, 1_001, 1_850, 2_399, 2_400, 2_950] {
        c.seek_time(t * MS);
        assert_eq!(c.now(), t * MS);
        checkpoints.push((t, scene_json(&c)));
    }
    // Scrub back and forth in another order and compare.
    for &(t, ref expected) in checkpoints.iter().rev() {
        c.seek_time(t * MS);
        assert_eq!(
            &scene_json(&c),
            expected,
            "scene at {t}ms differs after seeking back"
        );
    }
    for &(t, ref expected) in checkpoints.iter().step_by(3) {
        c.seek_time(t * MS);
        assert_eq!(
            &scene_json(&c),
            expected,
            "scene at {t}ms differs after seeking"
        );
    }
    c.seek_time(3_000 * MS);
    assert_eq!(
        c.trace_hash(),
        end_hash,
        "the future is replayed, with every user action"
    );
    assert_eq!(c.events(), end_events);
    assert_eq!(scene_json(&c), end_scene);
}

#[test]
fn stepping_back_undoes_exactly_one_event() {
    let mut c = busy_raft();
    c.seek_time(1_500 * MS);
    let before = (c.events(), scene_json(&c));
    assert!(c.step());
    assert_eq!(c.events(), before.0 + 1);
    c.step_back();
    assert_eq!(c.events(), before.0);
    let mut a: serde_json::Value = serde_json::from_str(&scene_json(&c)).unwrap();
    let mut b: serde_json::Value = serde_json::from_str(&before.1).unwrap();
    // Stepping lands exactly on the event's time, seeking may sit between events: compare
    // everything but the clock-dependent animation fields.
    for v in [&mut a, &mut b] {
        v["time"] = 0.into();
        v["messages"] = 0.into();
        v["arrows"] = 0.into();
        for n in v["nodes"].as_array_mut().unwrap() {
            n["timer"] = 0.into();
        }
    }
    assert_eq!(a, b);
}

#[test]
fn acting_in_the_past_forks_a_new_future() {
    let mut c = busy_raft();
    let old = c.trace_hash();
    c.seek_time(900 * MS);
    c.act(Action::Crash(4)).unwrap();
    assert_eq!(c.horizon_time(), 900 * MS, "the old future is gone");
    c.advance_to(3_000 * MS);
    assert_ne!(c.trace_hash(), old, "a new future");
    // The forked run is itself replayable from its link.
    assert_eq!(
        Cluster::from_share(&c.share()).unwrap().trace_hash(),
        c.trace_hash()
    );
}

#[test]
fn same_spec_same_run_different_seed_different_run() {
    let mut a = Cluster::from_spec(&Spec::default()).unwrap();
    let mut b = Cluster::from_spec(&Spec::default()).unwrap();
    let mut c = Cluster::from_spec(&Spec {
        seed: 2,
        ..Spec::default()
    })
    .unwrap();
    for x in [&mut a, &mut b, &mut c] {
        x.advance_to(2_000 * MS);
    }
    assert_eq!(a.trace_hash(), b.trace_hash());
    assert_ne!(a.trace_hash(), c.trace_hash());
}

#[test]
fn paxos_sessions_draw_and_share() {
    for multi in [false, true] {
        let spec = Spec {
            protocol: quorumscope::core::ProtocolKind::Paxos,
            multi,
            nodes: 3,
            ..Spec::default()
        };
        let mut c = Cluster::from_spec(&spec).unwrap();
        c.client(0).unwrap();
        c.advance_to(500 * MS);
        c.client(1).unwrap();
        c.advance_to(3_000 * MS);
        let s = c.scene(SceneOptions::default());
        assert_eq!(s.protocol, quorumscope::core::ProtocolKind::Paxos);
        assert_eq!(s.nodes.len(), 3);
        assert!(
            s.nodes.iter().any(|n| n.log.iter().any(|c| c.committed)),
            "something was chosen: {s:?}"
        );
        let back = Cluster::from_share(&c.share()).unwrap();
        assert_eq!(back.trace_hash(), c.trace_hash());
        assert_eq!(back.spec(), spec);
    }
}

/// Changes a decoded Raft session: its setup, its actions, its format version.
type Tamper = dyn Fn(&mut Setup<RaftNode>, &mut Vec<Recorded>, &mut u32);

#[test]
fn broken_links_give_clear_errors() {
    let good = busy_raft().share();
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "empty"),
        ("%%%".into(), "character 1"),
        (good[..good.len() / 2].into(), "damaged"),
        ("eyJ2IjoxfQ".into(), "damaged"),
    ];
    for (link, want) in cases {
        let err = Cluster::from_share(&link).unwrap_err();
        assert!(err.contains(want), "'{err}' should mention '{want}'");
    }
    // Tampered contents: decode, change a value, re-encode.
    let base = share::decode(&busy_raft().share()).unwrap();
    let tamper = |f: &Tamper| {
        let mut s = base.clone();
        let Shared::Raft {
            setup, actions, v, ..
        } = &mut s
        else {
            panic!("a Raft session")
        };
        f(setup, actions, v);
        share::encode(&s)
    };
    let long = {
        let mut bytes = decode(&good);
        bytes.extend([0, 0, 0]);
        encode(&bytes)
    };
    let bad = [
        (
            tamper(&|s, _, _| s.config.heartbeat_interval = 0),
            "heartbeat",
        ),
        (
            tamper(&|s, _, _| s.names = (0..12).map(|i| format!("n{i}")).collect()),
            "1 to 9",
        ),
        (tamper(&|s, _, _| s.durable[0].voted_for = Some(40)), "vote"),
        (tamper(&|s, _, _| s.net.loss = 3.0), "probability"),
        (tamper(&|_, a, _| a[0].action = Action::Crash(77)), "node"),
        (tamper(&|_, a, _| a[0].events = 99_999_999_999), "future"),
        (tamper(&|_, _, v| *v = 7), "version"),
        (long, "too many"),
    ];
    for (link, want) in bad {
        let err = Cluster::from_share(&link).unwrap_err();
        assert!(err.contains(want), "'{err}' should mention '{want}'");
    }
}

#[test]
fn random_damage_never_panics() {
    let good = busy_raft().share();
    let bytes = good.as_bytes();
    let mut x: u64 = 0x9e37_79b9;
    for _ in 0..300 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mut b = bytes.to_vec();
        let i = (x as usize) % b.len();
        b[i] = b"AZaz09-_!"[(x >> 20) as usize % 9];
        let cut = (x >> 32) as usize % (b.len() + 1);
        let text = String::from_utf8_lossy(&b[..cut.max(i)]).to_string();
        let _ = Cluster::from_share(&text);
    }
}

// Local copies of the URL-safe base64 codec, to build tampered links.
fn encode(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..=c.len() {
            out.push(A[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
    }
    out
}

fn decode(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.chars() {
        let v = match c {
            'A'..='Z' => c as u32 - 65,
            'a'..='z' => c as u32 - 71,
            '0'..='9' => c as u32 + 4,
            '-' => 62,
            _ => 63,
        };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// A 40-second Raft run with a client request every 400 ms: thousands of events, so the
/// session holds many snapshots.
fn long_raft() -> Cluster {
    let mut c = Cluster::from_spec(&Spec::default()).unwrap();
    for k in 1..=100u64 {
        c.advance_to(k * 400 * MS);
        c.client((k % 5) as usize).unwrap();
    }
    c.advance_to(40_000 * MS);
    c
}

#[test]
fn seeking_forward_jumps_to_later_snapshots_and_stays_exact() {
    let mut c = long_raft();
    assert!(c.events() > 5_000, "a long run: {} events", c.events());
    // The truth at each moment: a straight replay of the same link, only ever forward.
    let link = c.share();
    let mut straight = Cluster::from_share(&link).unwrap();
    straight.seek_time(0);
    let times = [1_000u64, 4_321, 9_999, 15_000, 22_222, 30_001, 39_500];
    let mut truth = Vec::new();
    for t in times {
        straight.seek_time(t * MS);
        truth.push((
            t,
            straight.trace_hash(),
            scene_json(&straight),
            straight.events(),
        ));
    }
    // Back to the start, then jump forward and back in a scrambled order: forward jumps
    // restore later snapshots and take their trace from the kept future.
    c.seek_time(0);
    for &i in &[3usize, 6, 0, 5, 1, 4, 2, 6, 0] {
        let (t, hash, ref scene, events) = truth[i];
        c.seek_time(t * MS);
        assert_eq!(c.events(), events, "events at {t} ms");
        assert_eq!(c.trace_hash(), hash, "the trace at {t} ms");
        assert_eq!(&scene_json(&c), scene, "the scene at {t} ms");
    }
    // Seeking by events, forward over snapshots, lands exactly too.
    c.seek_events(10);
    c.seek_events(truth[5].3);
    assert_eq!(c.trace_hash(), truth[5].1);
    // Acting after a forward jump forks a new future that is still consistent: its share
    // link replays to the same trace.
    c.seek_time(12_000 * MS);
    c.act(Action::Crash(1)).unwrap();
    c.advance_to(20_000 * MS);
    let forked = Cluster::from_share(&c.share()).unwrap();
    assert_eq!(forked.trace_hash(), c.trace_hash());
    c.seek_time(30_000 * MS);
    c.seek_time(15_000 * MS);
    c.seek_time(19_000 * MS);
    let mut again = Cluster::from_share(&c.share()).unwrap();
    again.seek_time(19_000 * MS);
    assert_eq!(again.trace_hash(), c.trace_hash());
}
