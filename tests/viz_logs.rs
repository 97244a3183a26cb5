//! The logs panel's windowed data (viz::logs) and the accepted proposal under a Paxos node:
//! a window of the logs is exactly the matching part of the full logs a scene carries, for
//! Raft and for (Multi-)Paxos; a scene built without logs leaves them out and changes
//! nothing else.

use quorumscope::core::MS;
use quorumscope::viz::{Cluster, SceneOptions, Spec};

/// A Raft cluster with a leader and a handful of committed client requests.
fn raft_with_log() -> Cluster {
    let mut c = Cluster::from_spec(&Spec::default()).unwrap();
    c.advance_to(800 * MS);
    for k in 0..6 {
        c.client(k % 5).unwrap();
        c.advance_to((900 + 100 * k as u64) * MS);
    }
    c.advance_to(2_000 * MS);
    c
}

fn check_windows(c: &Cluster) {
    let full = c.scene(SceneOptions::default());
    let longest = full
        .nodes
        .iter()
        .flat_map(|n| n.log.iter().map(|cell| cell.index + 1))
        .max()
        .unwrap_or(0);
    assert!(longest > 0, "the run has log entries");
    assert_eq!(c.log_end(), longest);
    for (from, to) in [
        (0, u64::MAX),
        (0, 1),
        (1, 3),
        (2, 5),
        (longest - 1, longest + 10),
    ] {
        let w = c.log_window(from, to);
        assert_eq!(w.end, longest);
        assert_eq!((w.from, w.to), (from, to));
        assert_eq!(w.rows.len(), full.nodes.len());
        for (row, node) in w.rows.iter().zip(&full.nodes) {
            let expected: Vec<_> = node
                .log
                .iter()
                .filter(|cell| (from..to).contains(&cell.index))
                .cloned()
                .collect();
            assert_eq!(
                row.cells, expected,
                "node {} window {from}..{to}",
                node.name
            );
            assert_eq!(
                row.end,
                node.log.last().map_or(0, |cell| cell.index + 1),
                "node {}",
                node.name
            );
            assert_eq!(
                row.committed,
                node.log.iter().filter(|cell| cell.committed).count() as u64
            );
        }
    }
    // Reversed and empty windows are empty, not a panic.
    assert!(c.log_window(5, 2).rows.iter().all(|r| r.cells.is_empty()));
    assert!(c.log_window(3, 3).rows.iter().all(|r| r.cells.is_empty()));
}

#[test]
fn raft_log_windows_match_the_full_logs() {
    let c = raft_with_log();
    let w = c.log_window(0, u64::MAX);
    assert_eq!(w.first, 1, "Raft indices start at 1");
    assert!(
        w.rows.iter().any(|r| r.committed >= 6),
        "the requests were committed: {w:?}"
    );
    check_windows(&c);
}

#[test]
fn paxos_log_windows_match_the_full_logs() {
    for multi in [false, true] {
        let mut c = Cluster::from_spec(&Spec {
            protocol: quorumscope::core::ProtocolKind::Paxos,
            multi,
            nodes: 3,
            ..Spec::default()
        })
        .unwrap();
        c.client(0).unwrap();
        c.advance_to(500 * MS);
        c.client(1).unwrap();
        c.client(2).unwrap();
        c.advance_to(3_000 * MS);
        assert_eq!(c.log_window(0, 1).first, 0, "Paxos slots start at 0");
        check_windows(&c);
        // Single-decree acceptors show their accepted (ballot, value) under the node: the
        // same as their one log cell; Multi-Paxos shows its slots in the log instead.
        for node in &c.scene(SceneOptions::default()).nodes {
            let from_log = node
                .log
                .iter()
                .find(|cell| cell.index == 0 && cell.term > 0)
                .map(|cell| (cell.tag.clone(), cell.value.clone()));
            if multi {
                assert_eq!(node.accepted, None);
            } else {
                assert_eq!(node.accepted, from_log, "{}", node.name);
            }
        }
        if !multi {
            assert!(c
                .scene(SceneOptions::default())
                .nodes
                .iter()
                .any(|n| n.accepted.is_some()));
        }
    }
}

#[test]
fn a_scene_without_logs_is_the_same_scene_minus_the_logs() {
    let c = raft_with_log();
    let with = c.scene(SceneOptions::default());
    let mut without = c.scene(SceneOptions {
        logs: false,
        ..SceneOptions::default()
    });
    assert!(without.nodes.iter().all(|n| n.log.is_empty()));
    for (a, b) in without.nodes.iter_mut().zip(&with.nodes) {
        a.log = b.log.clone();
    }
    assert_eq!(without, with);
}
