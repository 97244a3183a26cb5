//! Scripted partitions and pauses: a leader cut off in a minority cannot commit and rolls back
//! when it rejoins; a paused leader resumes into a newer term and steps down (with CheckQuorum
//! because its overdue timer fires first, without it as soon as it hears the newer term).
//! Every event is checked against every Raft invariant (see raft_common).

mod raft_common;

use quorumscope::core::raft::{RaftConfig, RaftNote, RaftTimer, Role};
use quorumscope::core::{ClientOutcome, NoAnswer, MS};
use quorumscope::sim::{Action, Status, TraceKind};
use raft_common::*;

/// n1 leads term 1 of five nodes and commits "x". The network splits into {n1, n2} and
/// {n3, n4, n5}. n1 still believes it leads and appends two client commands, which reach only
/// n2: two copies out of five is no majority, so they stay uncommitted. The majority elects n3
/// in term 2 and commits "y" at index 2. When the partition heals, n1 sees term 2 and steps
/// down; n3's AppendEntries makes n1 and n2 delete their two uncommitted entries (§5.3) and take
/// the majority's entry instead. The two clients are told their requests failed.
#[test]
fn minority_leader_cannot_commit_and_rolls_back() {
    let mut c = Cluster::new(RaftSetup::new(5, 21));
    assert_eq!(c.elect(0), 1);
    let x = c.client(0, "x");
    c.run_for(200 * MS);
    assert_eq!(c.outcome(x), Some(ClientOutcome::Committed { index: 1 }));
    assert_eq!(c.commit_indexes(), vec![1; 5]);

    c.act(Action::Partition(vec![vec![0, 1], vec![2, 3, 4]]));
    let lost1 = c.client(0, "lost 1");
    let lost2 = c.client(0, "lost 2");
    // The majority side elects n3 before any of its timers would fire on their own.
    assert_eq!(c.elect(2), 2);
    let y = c.client(2, "y");
    c.run_for(300 * MS);

    // Two leaders, in different terms; only the majority's commits.
    assert_eq!(c.leaders(), vec![(0, 1), (2, 2)]);
    c.assert_leads(0, 1, &[1]);
    c.assert_leads(2, 2, &[3, 4]);
    assert_eq!(
        c.all_terms(),
        vec![
            vec![1, 1, 1],
            vec![1, 1, 1],
            vec![1, 2],
            vec![1, 2],
            vec![1, 2]
        ]
    );
    assert_eq!(c.commit_indexes(), vec![1, 1, 2, 2, 2]);
    assert_eq!(
        c.outcome(lost1),
        None,
        "n1 cannot answer: index 2 is not committed"
    );
    assert_eq!(c.outcome(lost2), None);
    assert_eq!(c.outcome(y), Some(ClientOutcome::Committed { index: 2 }));
    assert_eq!(c.node(0).pending.len(), 2);

    let healed_at = c.sim.trace.len();
    c.act(Action::Heal);
    c.run_for(300 * MS);

    c.assert_leads(2, 2, &[0, 1, 3, 4]);
    assert_eq!(c.leaders(), vec![(2, 2)]);
    assert_eq!(c.all_terms(), vec![vec![1, 2]; 5]);
    assert_eq!(c.commit_indexes(), vec![2; 5]);
    for i in 0..5 {
        assert_eq!(c.node(i).log()[1].label(), "y");
    }
    // n1 stepped down from leader on seeing term 2, and gave up on its clients.
    let after = c.notes_from(healed_at);
    assert!(after.iter().any(|(_, i, n)| *i == 0
        && matches!(
            n,
            RaftNote::HigherTerm {
                term: 2,
                old_term: 1,
                was: Role::Leader,
                ..
            }
        )));
    let deposed = ClientOutcome::Unknown {
        why: NoAnswer::Deposed,
    };
    assert_eq!(c.outcome(lost1), Some(deposed.clone()));
    assert_eq!(c.outcome(lost2), Some(deposed));
    assert!(c.node(0).pending.is_empty());
    // Both minority nodes deleted their two uncommitted entries, from index 2 on.
    for i in [0, 1] {
        let truncations: Vec<_> = after
            .iter()
            .filter(|(_, n, _)| *n == i)
            .filter_map(|(_, _, n)| match n {
                RaftNote::Truncated { from_index, count } => Some((*from_index, *count)),
                _ => None,
            })
            .collect();
        assert_eq!(truncations, vec![(2, 2)], "{}", c.name(i));
    }
    assert_eq!(
        c.count_notes(|_, n| matches!(n, RaftNote::Truncated { .. })),
        2
    );
}

/// Three nodes with CheckQuorum. n1 leads term 1 and commits "a"; then it is paused (SIGSTOP).
/// n2 wins term 2 with n3's vote and commits "b". While paused, n1's CheckQuorum timer comes
/// due. On resume the simulator fires overdue timers before handing over the messages that
/// queued up, so n1 first checks its quorum, finds it heard from nobody for an election
/// timeout, and steps down (thesis §6.2) while still in term 1. Only then does it read n2's
/// messages, adopt term 2 and follow n2.
#[test]
fn paused_leader_with_check_quorum_steps_down_on_resume() {
    let mut setup = RaftSetup::new(3, 5);
    setup.config = RaftConfig {
        check_quorum: true,
        ..RaftConfig::default()
    };
    let mut c = Cluster::new(setup);
    assert_eq!(c.elect(0), 1);
    let a = c.client(0, "a");
    c.run_for(100 * MS);
    assert_eq!(c.outcome(a), Some(ClientOutcome::Committed { index: 1 }));

    c.act(Action::Pause(0));
    assert_eq!(c.status(0), Status::Paused);
    c.run_for(10 * MS);
    assert_eq!(c.elect(1), 2);
    let b = c.client(1, "b");
    c.run_for(400 * MS);
    assert_eq!(c.outcome(b), Some(ClientOutcome::Committed { index: 2 }));
    c.assert_leads(1, 2, &[2]);
    // n1, frozen, still thinks it leads term 1; its timers are overdue and its inbox is full.
    assert_eq!(
        (c.node(0).role, c.node(0).current_term()),
        (Role::Leader, 1)
    );
    assert_eq!(c.leaders(), vec![(0, 1), (1, 2)]);
    // Both its timers came due while it was frozen; CheckQuorum's first (it is due at the
    // same instant as a heartbeat and was armed earlier).
    let slot = &c.sim.state.nodes[0];
    assert_eq!(
        slot.overdue,
        vec![RaftTimer::Election, RaftTimer::Heartbeat]
    );
    assert!(!slot.inbox.is_empty());

    let resumed_at = c.sim.trace.len();
    c.act(Action::Resume(0));
    let notes: Vec<&RaftNote> = c
        .notes_from(resumed_at)
        .into_iter()
        .filter(|(_, i, _)| *i == 0)
        .map(|(_, _, n)| n)
        .collect();
    assert!(!notes.is_empty());
    assert_eq!(
        notes[0],
        &RaftNote::CheckQuorumStepDown {
            heard: vec![],
            needed: 2,
            window: 150 * MS
        },
        "the overdue CheckQuorum fires before any queued message is read"
    );
    let higher = notes
        .iter()
        .position(|n| matches!(n, RaftNote::HigherTerm { .. }))
        .expect("then it reads term 2");
    assert_eq!(
        notes[higher],
        &RaftNote::HigherTerm {
            from: 1,
            term: 2,
            old_term: 1,
            was: Role::Follower
        },
        "it was already a follower when it saw term 2"
    );
    // Stepping down cancelled the heartbeat timer: the overdue heartbeat must not fire after
    // that, so the only timer that fired on resume is CheckQuorum's, and n1 sent nothing.
    let fired: Vec<RaftTimer> = c.sim.trace[resumed_at..]
        .iter()
        .filter_map(|e| match e.kind {
            TraceKind::TimerFired { node: 0, timer, .. } => Some(timer),
            _ => None,
        })
        .collect();
    assert_eq!(fired, vec![RaftTimer::Election]);
    let first_deliver = c
        .find_event(resumed_at, |k| {
            matches!(k, TraceKind::Deliver { to: 0, .. })
        })
        .unwrap();
    let early_send = c.find_event(resumed_at, |k| matches!(k, TraceKind::Send { from: 0, .. }));
    assert!(
        early_send.is_none_or(|s| s > first_deliver),
        "no heartbeat from a deposed leader"
    );

    c.run_for(200 * MS);
    c.assert_leads(1, 2, &[0, 2]);
    assert_eq!(c.leaders(), vec![(1, 2)]);
    assert_eq!(c.all_terms(), vec![vec![1, 2]; 3]);
    assert_eq!(c.commit_indexes(), vec![2; 3]);
}

/// The same story without CheckQuorum: a leader never times out, so on resume n1 is still
/// leader of term 1 (its overdue heartbeat even goes out) until it reads the first queued
/// message from n2, which carries term 2: then it steps down from leader (§5.1) and follows n2.
#[test]
fn paused_leader_without_check_quorum_steps_down_on_higher_term() {
    let mut c = Cluster::new(RaftSetup::new(3, 5));
    assert_eq!(c.elect(0), 1);
    let a = c.client(0, "a");
    c.run_for(100 * MS);
    assert_eq!(c.outcome(a), Some(ClientOutcome::Committed { index: 1 }));

    c.act(Action::Pause(0));
    c.run_for(10 * MS);
    assert_eq!(c.elect(1), 2);
    let b = c.client(1, "b");
    c.run_for(400 * MS);
    assert_eq!(c.outcome(b), Some(ClientOutcome::Committed { index: 2 }));
    assert_eq!(c.leaders(), vec![(0, 1), (1, 2)]);
    let slot = &c.sim.state.nodes[0];
    assert_eq!(slot.overdue, vec![RaftTimer::Heartbeat]);

    let resumed_at = c.sim.trace.len();
    c.act(Action::Resume(0));
    // Its overdue heartbeat fires first: as leader of term 1 it sends AppendEntries.
    let first_timer = c
        .find_event(resumed_at, |k| {
            matches!(k, TraceKind::TimerFired { node: 0, .. })
        })
        .unwrap();
    let first_send = c
        .find_event(resumed_at, |k| matches!(k, TraceKind::Send { from: 0, .. }))
        .unwrap();
    let first_deliver = c
        .find_event(resumed_at, |k| {
            matches!(k, TraceKind::Deliver { to: 0, .. })
        })
        .unwrap();
    assert!(first_timer < first_send && first_send < first_deliver);
    let notes: Vec<&RaftNote> = c
        .notes_from(resumed_at)
        .into_iter()
        .filter(|(_, i, _)| *i == 0)
        .map(|(_, _, n)| n)
        .collect();
    assert_eq!(
        notes[0],
        &RaftNote::HigherTerm {
            from: 1,
            term: 2,
            old_term: 1,
            was: Role::Leader
        }
    );
    assert_eq!(
        c.count_notes(|_, n| matches!(n, RaftNote::CheckQuorumStepDown { .. })),
        0
    );
    assert_eq!(c.node(0).role, Role::Follower);

    c.run_for(200 * MS);
    c.assert_leads(1, 2, &[0, 2]);
    assert_eq!(c.leaders(), vec![(1, 2)]);
    assert_eq!(c.all_terms(), vec![vec![1, 2]; 3]);
    assert_eq!(c.commit_indexes(), vec![2; 3]);
}
