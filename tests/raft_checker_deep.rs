//! The Raft checker compares only the part of a log that the log marks as written since its
//! last look (`RaftDurable::unchanged_prefix`). A rewrite deep in a long log is inside that
//! range, so it is still caught: the log cannot be written except through the methods that
//! mark (its entries are private to `RaftDurable`).

mod raft_common;

use quorumscope::check::raft::{LOG_MATCHING, STATE_MACHINE_SAFETY};
use quorumscope::check::Checker;
use quorumscope::core::raft::{Command, Entry};
use quorumscope::core::MS;
use raft_common::{fixed_latency_setup, scripted_config, Cluster};

/// A 3-node cluster whose logs hold `n` committed commands.
fn long_logs(n: usize) -> Cluster {
    let mut setup = fixed_latency_setup(3, 11, 10 * MS);
    setup.config = scripted_config();
    let mut c = Cluster::new(setup);
    c.elect(0);
    for k in 0..n {
        c.client(0, &format!("v{k}"));
        c.run_for(5 * MS);
    }
    c.run_for(500 * MS);
    assert!(c.commit_indexes().iter().all(|&k| k as usize >= n));
    c
}

/// Rewrites follower n2's entry at `index` (1-based) to a command no client sent, through the
/// log's own methods: cut the log below it, push the forgery and the rest back. With
/// `detour`, the log is first cut higher up and regrown, so two truncations lie between the
/// checker's looks.
fn forge(c: &mut Cluster, index: usize, detour: bool) {
    let d = &mut c.sim.state.nodes[1].node.durable;
    let log: Vec<Entry> = d.log().to_vec();
    if detour {
        d.truncate(log.len() as u64 - 5);
        for e in &log[log.len() - 5..] {
            d.push(e.clone());
        }
    }
    d.truncate(index as u64 - 1);
    d.push(Entry {
        term: log[index - 1].term,
        command: Command::Value {
            request: 1_000_000,
            value: "forged".into(),
        },
    });
    for e in &log[index..] {
        d.push(e.clone());
    }
    assert_eq!(
        d.log().len(),
        log.len(),
        "same length: only one entry differs"
    );
}

fn caught_at(detour: bool) {
    let mut c = long_logs(300);
    let len = c.node(1).log().len();
    assert!(len >= 300, "a long log ({len} entries)");
    forge(&mut c, 10, detour);
    let v = c
        .checker
        .check(&c.sim, None)
        .expect_err("a rewritten committed entry 290 entries from the end is caught");
    assert!(
        [LOG_MATCHING, STATE_MACHINE_SAFETY].contains(&v.invariant.as_str()),
        "{v:?}"
    );
    assert!(
        v.detail.contains("index 10"),
        "names the index: {}",
        v.detail
    );
}

#[test]
fn a_rewrite_deep_in_a_long_log_is_caught() {
    caught_at(false);
}

#[test]
fn two_cuts_between_looks_are_caught_too() {
    caught_at(true);
}

/// The same cluster, left alone, is quiet: the forgery is what is caught.
#[test]
fn the_long_run_itself_is_quiet() {
    let mut c = long_logs(300);
    assert!(c.checker.check(&c.sim, None).is_ok());
}
