//! The Raft paper's Figure 7: a leader comes to power in term 8 and brings six very different
//! follower logs (a)–(f) up to date (§5.3), once with the paper's one-entry-at-a-time
//! backtracking and once with fast backtracking; then the same at 50 ms and 200 ms heartbeats
//! with random latency and a client request mid-repair, and under message duplication. Every
//! event is checked against every Raft invariant (see raft_common).

mod raft_common;

use quorumscope::core::raft::{BacktrackBy, Command, RaftConfig, RaftNote, VoteDenial};
use quorumscope::core::MS;
use raft_common::*;

const LEADER: usize = 0;
const A: usize = 1;
const B: usize = 2;
const C: usize = 3;
const D: usize = 4;
const E: usize = 5;
const F: usize = 6;

/// The logs of Figure 7, with each server's current term: the leader (top row) has seen term 7
/// and campaigns for term 8; (d) holds entries of term 7, so its term is 7; the others' terms
/// are their last entry's.
fn figure7_setup(fast_backtrack: bool) -> RaftSetup {
    let mut setup = fixed_latency_setup(7, 77, 5 * MS);
    setup.names = ["leader", "a", "b", "c", "d", "e", "f"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    setup.config = RaftConfig {
        noop_on_election: true,
        fast_backtrack,
        ..scripted_config()
    };
    setup.durable = vec![
        durable(7, None, &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6]),
        durable(6, None, &[1, 1, 1, 4, 4, 5, 5, 6, 6]),
        durable(4, None, &[1, 1, 1, 4]),
        durable(6, None, &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6]),
        durable(7, None, &[1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7]),
        durable(4, None, &[1, 1, 1, 4, 4, 4, 4]),
        durable(3, None, &[1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3]),
    ];
    setup
}

const FINAL: [u64; 11] = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 8];

/// Runs the story and returns the cluster afterwards.
fn figure7(fast_backtrack: bool) -> Cluster {
    let mut c = Cluster::new(figure7_setup(fast_backtrack));

    // The election for term 8 (§5.4.1). The leader's last entry is index 10 of term 6. (a), (b),
    // (e) and (f) have logs no more up to date, so they grant; (c) has one more entry of term 6
    // and (d) a later last term (7), so they refuse. Five of seven votes (counting its own) is
    // a majority: the leader legitimately wins even though (d)'s log is "better".
    assert_eq!(c.elect(LEADER), 8);
    let won = c.notes_of(LEADER).into_iter().find_map(|n| match n {
        RaftNote::BecameLeader { term: 8, votes } => Some(votes.clone()),
        _ => None,
    });
    // With a fixed 5ms latency the replies arrive in node order: a, b (granted), c, d
    // (denied), e (granted: the fourth vote).
    assert_eq!(won, Some(vec![LEADER, A, B, E]));
    c.run_for(20 * MS);
    for follower in [A, B, E, F] {
        assert_eq!(
            c.node(follower).voted_for(),
            Some(LEADER),
            "{} votes",
            c.name(follower)
        );
    }
    for (follower, my_index, my_term) in [(C, 11, 6), (D, 12, 7)] {
        assert!(
            c.notes_of(follower).contains(&&RaftNote::VoteDenied {
                candidate: LEADER,
                term: 8,
                pre_vote: false,
                why: VoteDenial::LogBehind {
                    their_index: 10,
                    their_term: 6,
                    my_index,
                    my_term
                }
            }),
            "{} refuses: its log is more up to date",
            c.name(follower)
        );
        assert_eq!(c.node(follower).voted_for(), None);
    }
    assert!(c
        .notes_of(LEADER)
        .contains(&&RaftNote::NoopAppended { index: 11 }));

    c.run_for(300 * MS);
    c.assert_leads(LEADER, 8, &[A, B, C, D, E, F]);
    let leader_log = c.node(LEADER).log().to_vec();
    assert_eq!(c.terms(LEADER), FINAL);
    assert_eq!(leader_log[10].command, Command::Noop);
    for i in 0..7 {
        assert_eq!(
            c.node(i).log(),
            &leader_log[..],
            "{}'s log equals the leader's",
            c.name(i)
        );
        assert_eq!(
            c.node(i).commit_index,
            11,
            "{} knows index 11 committed",
            c.name(i)
        );
    }
    // Conflicting suffixes were deleted (§5.3): (c)'s extra term-6 entry and (d)'s two term-7
    // entries by the no-op at index 11, (e)'s term-4 entries from index 6, (f)'s entries of
    // terms 2 and 3 from index 4. (a) and (b) only lacked entries.
    let truncations: Vec<(usize, u64, u64)> = c
        .notes_from(0)
        .into_iter()
        .filter_map(|(_, i, n)| match n {
            RaftNote::Truncated { from_index, count } => Some((i, *from_index, *count)),
            _ => None,
        })
        .collect();
    let mut sorted = truncations.clone();
    sorted.sort();
    assert_eq!(sorted, vec![(C, 11, 1), (D, 11, 2), (E, 6, 2), (F, 4, 8)]);
    c
}

/// Per follower, how many AppendEntries it rejected.
fn rejections_by_follower(c: &Cluster) -> Vec<usize> {
    (0..7)
        .map(|i| {
            c.count_sent(|from, _, m| {
                from == i
                    && matches!(
                        m,
                        quorumscope::core::raft::RaftMsg::AppendEntriesReply { success: false, .. }
                    )
            })
        })
        .collect()
}

/// Backtracking one index per rejection (Figure 2): (a) rejects once (it lacks index 10),
/// (b) six times (indexes 10..5), (c) and (d) never (they match at index 10), (e) five times
/// (10, 9, 8 missing; 7, 6 of term 4 not 5), (f) seven times (10..4): 19 in all.
#[test]
fn figure7_slow_backtracking() {
    let c = figure7(false);
    assert_eq!(rejections_by_follower(&c), vec![0, 1, 6, 0, 0, 5, 7]);
    assert_eq!(c.append_rejections(), 19);
    assert_eq!(
        c.count_notes(|_, n| matches!(
            n,
            RaftNote::Backtrack {
                by: BacktrackBy::OneEntry,
                ..
            }
        )),
        19
    );
}

/// Fast backtracking (§5.3's optimisation): a rejection names the conflicting term and its
/// first index. (a) and (b) say where their logs end: one rejection each. (e) first says its
/// log ends at 7, then that index 7 holds term 4 (first at 4); the leader's last term-4 entry
/// is 5, so it resends from 6: two rejections. (f) says index 10 holds term 3 (first at 7), a
/// term the leader never had, so it jumps to 7; then index 6 holds term 2 (first at 4), so it
/// jumps to 4: two rejections. 6 in all instead of 19, and the same final logs.
#[test]
fn figure7_fast_backtracking() {
    let fast = figure7(true);
    assert_eq!(rejections_by_follower(&fast), vec![0, 1, 1, 0, 0, 2, 2]);
    assert_eq!(fast.append_rejections(), 6);
    let slow = figure7(false);
    assert!(fast.append_rejections() < slow.append_rejections());
    assert_eq!(fast.all_terms(), slow.all_terms());
    // The leader's next_index moves for (e): 11 → 8 → 6; for (f): 11 → 7 → 4.
    let moves = |who: usize| -> Vec<u64> {
        fast.notes_of(LEADER)
            .into_iter()
            .filter_map(|n| match n {
                RaftNote::Backtrack {
                    follower, to, by, ..
                } if *follower == who && *by != BacktrackBy::OneEntry => Some(*to),
                _ => None,
            })
            .collect()
    };
    assert_eq!(moves(A), vec![10]);
    assert_eq!(moves(B), vec![5]);
    assert_eq!(moves(E), vec![8, 6]);
    assert_eq!(moves(F), vec![7, 4]);
}

/// Figure 7 with random 10–20 ms latency, a heartbeat of `heartbeat`, and (unlike above) no
/// no-op: the leader's log ends at index 10 when it wins.
fn figure7_random(seed: u64, heartbeat: u64, fast_backtrack: bool) -> Cluster {
    let mut setup = figure7_setup(fast_backtrack);
    setup.seed = seed;
    setup.net.latency_min = 10 * MS;
    setup.net.latency_max = 20 * MS;
    setup.config.heartbeat_interval = heartbeat;
    setup.config.noop_on_election = false;
    Cluster::new(setup)
}

/// The repair at 50 ms and 200 ms heartbeats with 10–20 ms latency, a client request arriving
/// while followers are still being probed: Figure 2's process takes exactly 19 refusals (a 1,
/// b 6, e 5, f 7), or 6 with fast backtracking, on every seed. A probe is the only
/// AppendEntries outstanding to a follower whose log is not known to match, so neither a
/// heartbeat nor the new entry restarts the walk back, and nextIndex moves only on a reply,
/// one entry at a time. Afterwards every log equals the leader's and index 11 is committed
/// everywhere.
#[test]
fn figure7_repair_takes_19_refusals_or_6_whatever_the_heartbeat() {
    for (fast, want) in [
        (false, vec![0, 1, 6, 0, 0, 5, 7]),
        (true, vec![0, 1, 1, 0, 0, 2, 2]),
    ] {
        for heartbeat in [50 * MS, 200 * MS] {
            for seed in 1..=12 {
                let ctx = format!("fast {fast}, heartbeat {heartbeat}µs, seed {seed}");
                let mut c = figure7_random(seed, heartbeat, fast);
                assert_eq!(c.elect(LEADER), 8, "{ctx}");
                // Mid-repair: after the first refusal of f's probe, f is still being probed.
                let ok = c.run_until_cond(c.now() + 2_000 * MS, |s| {
                    s.trace.iter().any(|e| {
                        matches!(
                            &e.kind,
                            quorumscope::sim::TraceKind::Note { note, .. }
                                if matches!(**note, RaftNote::Backtrack { follower: F, .. })
                        )
                    })
                });
                assert!(ok, "{ctx}: f never refused");
                assert!(c.node(LEADER).progress[F].is_probe(), "{ctx}");
                let x = c.client(LEADER, "x");
                c.run_for(3_000 * MS);
                assert_eq!(rejections_by_follower(&c), want, "{ctx}\n{}", c.tail(40));
                assert_eq!(
                    c.outcome(x),
                    Some(quorumscope::core::ClientOutcome::Committed { index: 11 }),
                    "{ctx}"
                );
                let leader_log = c.node(LEADER).log().to_vec();
                assert_eq!(leader_log.len(), 11, "{ctx}");
                for i in 0..7 {
                    assert_eq!(c.node(i).log(), &leader_log[..], "{ctx}: {}", c.name(i));
                    assert_eq!(c.node(i).commit_index, 11, "{ctx}: {}", c.name(i));
                    assert!(
                        !c.node(LEADER).progress[i].is_probe() || i == LEADER,
                        "{ctx}"
                    );
                }
                if !fast {
                    // One entry back per refusal, each from where the last one left off.
                    let walk = |from: u64, to: u64| -> Vec<(u64, u64)> {
                        (to..from).rev().map(|k| (k + 1, k)).collect()
                    };
                    assert_eq!(c.next_index_moves(LEADER, A), walk(11, 10), "{ctx}");
                    assert_eq!(c.next_index_moves(LEADER, B), walk(11, 5), "{ctx}");
                    assert_eq!(c.next_index_moves(LEADER, E), walk(11, 6), "{ctx}");
                    assert_eq!(c.next_index_moves(LEADER, F), walk(11, 4), "{ctx}");
                } else {
                    assert_eq!(
                        c.next_index_moves(LEADER, E),
                        vec![(11, 8), (8, 6)],
                        "{ctx}"
                    );
                    assert_eq!(
                        c.next_index_moves(LEADER, F),
                        vec![(11, 7), (7, 4)],
                        "{ctx}"
                    );
                }
            }
        }
    }
}

/// Under message duplication every probe may reach a follower twice and every refusal may
/// come back twice. A refusal that does not answer the outstanding probe (a duplicate, or one
/// for an index already left behind) changes nothing and sends nothing: nextIndex still walks
/// back one entry at a time, and the leader sends exactly one new probe per move.
#[test]
fn duplicated_refusals_change_nothing() {
    for seed in 1..=8 {
        let mut c = figure7_random(seed, 50 * MS, false);
        c.act(quorumscope::sim::Action::Duplicate(1.0));
        assert_eq!(c.elect(LEADER), 8);
        c.run_for(2_000 * MS);
        let walk: Vec<(u64, u64)> = (4..11).rev().map(|k| (k + 1, k)).collect();
        assert_eq!(
            c.next_index_moves(LEADER, F),
            walk,
            "seed {seed}\n{}",
            c.tail(40)
        );
        // Each duplicate probe draws a refusal of its own: more refusals than moves.
        let refusals = rejections_by_follower(&c)[F];
        assert!(refusals > 7, "seed {seed}: {refusals} refusals");
        // f's probes: the first at 10 (with the election's heartbeat), then one per move.
        let probes_to_f: Vec<u64> = c
            .sim
            .trace
            .iter()
            .filter_map(|e| match &e.kind {
                quorumscope::sim::TraceKind::Send {
                    from: LEADER,
                    to: F,
                    msg,
                    ..
                } => match &**msg {
                    quorumscope::core::raft::RaftMsg::AppendEntries { prev_log_index, .. } => {
                        Some(*prev_log_index)
                    }
                    _ => None,
                },
                _ => None,
            })
            .take_while(|&p| p > 3)
            .collect();
        assert_eq!(probes_to_f, vec![10, 9, 8, 7, 6, 5, 4], "seed {seed}");
        let leader_log = c.node(LEADER).log().to_vec();
        assert_eq!(c.node(F).log(), &leader_log[..]);
    }
}

/// The feed shows each move of nextIndex in the paper's name, in both languages.
#[test]
fn the_backtrack_note_shows_the_move() {
    use quorumscope::core::{Explain, Lang};
    let c = figure7(false);
    let names = c.sim.names().to_vec();
    let note = c
        .notes_of(LEADER)
        .into_iter()
        .find(|n| matches!(n, RaftNote::Backtrack { follower: F, .. }))
        .expect("f refused")
        .clone();
    let en = note.render(LEADER, &names, Lang::En);
    assert!(
        en.starts_with(
            "leader learns that f refused its AppendEntries at index 10: nextIndex for f 11 → 10"
        ),
        "{en}"
    );
    let zh = note.render(LEADER, &names, Lang::Zh);
    assert!(
        zh.starts_with(
            "leader 得知 f 在索引 10 处拒绝了自己发出的 AppendEntries：f 的 nextIndex 11 → 10"
        ),
        "{zh}"
    );
    let fast = figure7(true);
    let lines: Vec<String> = fast
        .notes_of(LEADER)
        .into_iter()
        .filter(|n| {
            matches!(
                n,
                RaftNote::Backtrack {
                    follower: F | E,
                    ..
                }
            )
        })
        .map(|n| n.render(LEADER, &names, Lang::En))
        .collect();
    assert!(
        lines.iter().any(|l| l.contains(
            "f has term 3 there (from index 7 on), and the leader has no term-3 entry: nextIndex for f 11 → 7"
        )),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains(
            "e has term 4 there (from index 4 on), and the leader's own last term-4 entry is at 5: nextIndex for e 8 → 6"
        )),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("e's log ends at 7: nextIndex for e 11 → 8")),
        "{lines:?}"
    );
}
