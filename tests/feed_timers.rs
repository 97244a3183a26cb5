//! The feed tells how each timer fired and what it meant: a scripted `timeout` is forced, a
//! timer that ran out during a pause fires late on resume, and a Raft leader's election timer
//! under CheckQuorum is its quorum check, narrated with whom it heard from (thesis §6.2).
//! Thesis sections are labelled as the thesis in both languages.

use quorumscope::core::raft::{RaftNote, VoteDenial};
use quorumscope::core::{Explain, Lang};
use quorumscope::glossary::Term;
use quorumscope::scenario::{Runner, SimRef};
use quorumscope::sim::{Firing, TraceKind};

const PAUSED_LEADER: &str = "\
title: a paused leader under CheckQuorum
protocol raft
nodes m1 m2 m3
seed 1
election-timeout 150ms..300ms
heartbeat 50ms
latency 10ms..20ms
option check-quorum

step
en: We make m1's timer fire.
timeout m1
run 400ms
expect leader m1 term 1

step
en: m1 is frozen; m2 or m3 takes over; m1 is thawed.
pause m1
run 600ms
resume m1
run 100ms
expect m1 is follower
";

fn lines(r: &Runner, lang: Lang) -> Vec<String> {
    (0..r.trace_len()).map(|i| r.trace_text(i, lang)).collect()
}

#[test]
fn a_scripted_timeout_is_forced_and_a_paused_timer_fires_late() {
    let mut r = Runner::from_text("paused.scn", PAUSED_LEADER).expect("parses");
    r.run_all();
    assert!(r.ok(), "{}", r.failures().join("\n"));
    let SimRef::Raft(sim) = r.sim() else {
        panic!("a Raft scenario")
    };
    let fired: Vec<(usize, Term, Firing)> = sim
        .trace
        .iter()
        .filter_map(|e| match e.kind {
            TraceKind::TimerFired {
                node, name, how, ..
            } => Some((node, name, how)),
            _ => None,
        })
        .collect();
    // Only the scripted timeout is forced, and it is the first thing that happens.
    let forced: Vec<_> = fired.iter().filter(|f| f.2 == Firing::Forced).collect();
    assert_eq!(forced, [&(0, Term::ElectionTimer, Firing::Forced)]);
    assert_eq!(fired[0].2, Firing::Forced);
    // m1's timers that ran out while it was frozen fire on resume, marked as overdue.
    assert!(fired.contains(&(0, Term::HeartbeatTimer, Firing::Overdue)));
    assert!(fired.contains(&(0, Term::CheckQuorumTimer, Firing::Overdue)));

    let en = lines(&r, Lang::En);
    let zh = lines(&r, Lang::Zh);
    assert_eq!(en[0], "m1's election timer was forced to fire");
    assert_eq!(zh[0], "m1 的选举计时器被强制触发");
    assert!(en
        .iter()
        .any(|l| l == "m1's heartbeat timer, which ran out while it was paused, fires on resume"));
    assert!(zh
        .iter()
        .any(|l| l == "m1 的心跳计时器在暂停期间已到期，恢复运行后才触发"));
    // No timer is printed with Rust's debug names any more.
    for l in en.iter().chain(&zh) {
        assert!(
            !l.contains("Election") && !l.contains("Heartbeat timer"),
            "{l}"
        );
    }
}

#[test]
fn a_leaders_quorum_check_is_narrated_whether_it_passes_or_not() {
    let mut r = Runner::from_text("paused.scn", PAUSED_LEADER).expect("parses");
    r.run_all();
    let en = lines(&r, Lang::En);
    let zh = lines(&r, Lang::Zh);
    // While it leads, m1's election timer is its quorum check, and the check is explained.
    assert!(en.contains(&"m1's quorum-check timer fired".to_string()));
    assert!(en.contains(&"m1 checks quorum (CheckQuorum): heard from m2, m3 in the last 150ms (with itself 3, at least the 2 needed): stays leader (thesis §6.2)".to_string()), "{en:#?}");
    assert!(zh.contains(&"m1 的法定人数检查计时器到期".to_string()));
    assert!(zh.contains(&"m1 进行法定人数检查（CheckQuorum）：最近 150ms 内收到了 m2、m3 的消息（连同自己 3 个，不少于所需的 2 个）：继续担任领导者（博士论文 §6.2）".to_string()), "{zh:#?}");
    // Thawed, it has heard from no one in the window and steps down.
    assert!(en.contains(&"m1 checks quorum (CheckQuorum): heard from no other node in the last 150ms (with itself, 1 of the 2 needed): steps down (thesis §6.2)".to_string()), "{en:#?}");
    assert!(zh.contains(&"m1 进行法定人数检查（CheckQuorum）：最近 150ms 内没有收到任何其他节点的消息（连同自己只有 1 个，需要 2 个）：退为跟随者（博士论文 §6.2）".to_string()), "{zh:#?}");
    // A leader's election timer is never called an election timer.
    let SimRef::Raft(sim) = r.sim() else {
        panic!("a Raft scenario")
    };
    for (i, e) in sim.trace.iter().enumerate() {
        if let TraceKind::TimerFired {
            name: Term::CheckQuorumTimer,
            node,
            ..
        } = e.kind
        {
            let next = sim.trace[i + 1..]
                .iter()
                .find_map(|e| match &e.kind {
                    TraceKind::Note { node: n, note } if *n == node => Some(note),
                    _ => None,
                })
                .expect("a note follows");
            assert!(
                matches!(
                    &**next,
                    RaftNote::CheckQuorumPassed { .. } | RaftNote::CheckQuorumStepDown { .. }
                ),
                "{next:?}"
            );
        }
    }
}

#[test]
fn thesis_sections_are_labelled_as_the_thesis() {
    let names = ["n1".to_string(), "n2".to_string()];
    let say = |note: &RaftNote, lang| note.render(0, &names, lang);
    let pre = RaftNote::StartPreVote { term: 2 };
    assert!(say(&pre, Lang::En).ends_with(" (thesis §9.6)"));
    assert!(say(&pre, Lang::Zh).ends_with("（博士论文 §9.6）"));
    let alive = |pre_vote| RaftNote::VoteDenied {
        candidate: 1,
        term: 3,
        pre_vote,
        why: VoteDenial::LeaderAlive { leader: 0 },
    };
    assert!(say(&alive(true), Lang::En).ends_with(" (thesis §9.6)"));
    assert!(say(&alive(false), Lang::En).ends_with(" (thesis §4.2.3)"));
    assert!(say(&alive(false), Lang::Zh).ends_with("（博士论文 §4.2.3）"));
    let granted = |unsafe_skip| RaftNote::VoteGranted {
        candidate: 1,
        term: 3,
        pre_vote: false,
        unsafe_skip,
    };
    assert!(say(&granted(false), Lang::En).ends_with(" (§5.2, §5.4.1)"));
    assert!(say(&granted(false), Lang::Zh).ends_with("（§5.2、§5.4.1）"));
    assert!(say(&granted(true), Lang::En).ends_with(" (§5.4.1)"));
    let commit = RaftNote::FollowerCommit { commit_index: 4 };
    assert_eq!(
        say(&commit, Lang::En),
        "n1 advanced commitIndex to 4 = min(leaderCommit, index of last new entry) (Figure 2)"
    );
    assert_eq!(
        say(&commit, Lang::Zh),
        "n1 把 commitIndex 推进到 4：取 leaderCommit 与最后一个新条目的索引中较小的一个（图 2）"
    );
}
