//! Scripted Multi-Paxos runs (Paxos Made Simple §3): leader election, the phase-1 skip
//! (one phase 1, an "implicit promise", covers every slot), hole filling after a leader change, redirects, catch-up, and the
//! Mesos story of a paused leader that comes back. Every invariant is checked after every
//! event.

mod paxos_support;

use paxos_support::Run;
use quorumscope::check::paxos::liveness;
use quorumscope::core::paxos::{PaxosConfig, PaxosMsg, NOOP};
use quorumscope::core::{ClientOutcome, NodeId, MS};
use quorumscope::sim::Action;

const N3: &[&str] = &["n1", "n2", "n3"];

/// Seed 7 elects n2 at 195ms (n1's candidacy is overtaken by n2's a moment later).
fn elected() -> Run {
    let mut r = Run::new(paxos_support::setup(N3, PaxosConfig::multi(), 7));
    r.to(250);
    r
}

fn leaders(r: &Run) -> Vec<NodeId> {
    (0..r.sim.n()).filter(|&i| r.node(i).is_leader()).collect()
}

fn log(r: &Run, i: NodeId) -> Vec<String> {
    r.node(i).chosen().values().cloned().collect()
}

#[test]
fn leader_election_on_timeout() {
    let r = elected();
    assert_eq!(leaders(&r), vec![1]);
    r.expect_said("n1 heard no heartbeat from any leader: stands for leader with ballot 1.n1, sending Prepare(1.n1) for every slot from 0 on (one phase 1 for all slots: an implicit promise request) (§3)");
    r.expect_said("n2 promised 1.n1 to n1 for every slot from 0 on at once (an implicit promise): it had promised nothing before; it has accepted nothing from slot 0 on (§2.2 (1b))");
    r.expect_said("n1 stops standing for leader with ballot 1.n1: its own acceptor went over to ballot 1.n2 of n2 (§3)");
    r.expect_said("n2 has promises for 1.n2 from a majority (n1, n2): it is the leader for every slot from 0 on; new commands will skip phase 1 (§3)");
    r.expect_said("n1 follows n2, the leader of ballot 1.n2 (§3)");
    r.expect_said("n3 follows n2, the leader of ballot 1.n2 (§3)");
    assert_eq!(r.node(0).leader, Some(1));
    assert_eq!(r.node(2).leader, Some(1));
    // Heartbeats keep it that way.
    let mut r = r;
    r.to(5_000);
    assert_eq!(leaders(&r), vec![1]);
    assert_eq!(r.count("Prepare"), 6);
}

#[test]
fn a_stable_leader_skips_phase_1_for_every_new_command() {
    let mut r = elected();
    let prepares = r.count("Prepare");
    for (k, v) in ["a", "b", "c", "d"].iter().enumerate() {
        r.client(1, v);
        r.to(300 + 100 * k as u64);
    }
    assert_eq!(
        r.count("Prepare"),
        prepares,
        "no phase 1 after the election"
    );
    assert_eq!(
        r.count("Accept"),
        4 * 3,
        "one Accept per acceptor per command"
    );
    for i in 0..3 {
        assert_eq!(log(&r, i), vec!["a", "b", "c", "d"]);
    }
    for (id, v) in (1..=4).zip(["a", "b", "c", "d"]) {
        assert_eq!(
            r.outcome(id),
            Some(ClientOutcome::Chosen {
                slot: Some(id - 1),
                value: v.into()
            })
        );
    }
    r.expect_said("n2 puts request #3 \"c\" in slot 2 and sends Accept(1.n2) at once, skipping phase 1: the promises it won for 1.n2 cover every slot, this one included (§3)");
    r.expect_said("n3 accepted 1.n2 = \"c\" in slot 2 from n2: it has promised nothing higher; its promise for 1.n2 covers every slot, so this one needs no Prepare of its own (P1a)");
    r.expect_said("n1 learned that \"d\" is chosen in slot 3: a majority (n1, n2) accepted it in the same ballot 1.n2 (§2.3)");
}

#[test]
fn clients_of_a_follower_are_redirected_to_the_leader() {
    let mut r = elected();
    r.client(2, "x");
    r.expect_said("n3 redirects request #1 to the leader n2 (§3)");
    r.to(400);
    assert_eq!(
        r.outcome(1),
        Some(ClientOutcome::Chosen {
            slot: Some(0),
            value: "x".into()
        })
    );
    assert_eq!(r.sim.state.requests[&1].redirects, 1);
}

#[test]
fn a_new_leader_recovers_accepted_values_and_fills_holes_with_noops() {
    let mut r = elected();
    r.client(1, "a");
    r.to(300);
    r.client(1, "b");
    r.client(1, "c");
    // Slot 1's Accepts are all lost; slot 2's reach only n3: "c" is accepted, not chosen.
    let lost = r.in_flight(|_, to, m| match m {
        PaxosMsg::Accept { slot: 1, .. } => true,
        PaxosMsg::Accept { slot: 2, .. } => to != 2,
        _ => false,
    });
    assert_eq!(lost.len(), 5);
    for id in lost {
        r.act(Action::DropMessage(id));
    }
    r.act(Action::Crash(1));
    r.to(1_000);
    let l = leaders(&r);
    assert_eq!(l.len(), 1);
    let l = l[0];
    let name = ["n1", "n3"][usize::from(l == 2)];
    r.expect_said(&format!(
        "{name} has promises for 2.{name} from a majority (n1, n3): it is the leader for every slot from 1 on; in slot 2 it re-proposes the value of the highest-numbered proposal its promisers accepted, as P2c requires; fills the hole in slot 1 with a no-op, since nothing was accepted there; new commands will skip phase 1 (§3)"
    ));
    for i in [0, 2] {
        assert_eq!(log(&r, i), vec!["a", NOOP, "c"]);
    }
    // New commands go after the recovered ones.
    r.client(l, "d");
    r.to(1_100);
    assert_eq!(log(&r, l), vec!["a", NOOP, "c", "d"]);
    // The old leader comes back (it never accepted anything in slot 1) and catches up.
    r.act(Action::Restart(1));
    r.to(1_500);
    assert_eq!(r.node(1).accepted().get(&1), None);
    assert_eq!(log(&r, 1), vec!["a", NOOP, "c", "d"]);
    assert_eq!(r.node(1).leader, Some(l));
}

#[test]
fn a_learner_that_missed_commands_catches_up_from_heartbeats() {
    let mut r = elected();
    r.act(Action::Partition(vec![vec![2]]));
    for v in ["a", "b", "c"] {
        r.client(1, v);
    }
    r.to(400);
    assert!(log(&r, 2).is_empty());
    assert_eq!(log(&r, 0), vec!["a", "b", "c"]);
    r.act(Action::Heal);
    r.to(600);
    r.expect_said(
        "n2 sends n3 the 3 chosen value(s) it knows from slot 0 on, so it can catch up (§3)",
    );
    assert_eq!(log(&r, 2), vec!["a", "b", "c"]);
}

/// The Mesos story: three masters, quorum 2. The leader is frozen (SIGSTOP); the others elect
/// a new one; the old one is resumed (SIGCONT), learns that the world moved on, gives up
/// leadership and follows the new leader.
#[test]
fn a_paused_leader_comes_back_and_steps_down() {
    let names = &["master1", "master2", "master3"];
    let mut r = Run::new(paxos_support::setup(names, PaxosConfig::multi(), 7));
    r.to(250);
    assert_eq!(leaders(&r), vec![1]);
    r.client(1, "a");
    r.to(300);
    r.act(Action::Pause(1));
    r.to(1_000);
    let l = leaders(&r);
    assert_eq!(
        l.len(),
        2,
        "the frozen master still believes it leads: {l:?}"
    );
    let new = l.into_iter().find(|&i| i != 1).expect("a new leader");
    r.client(new, "b");
    r.to(1_100);
    r.act(Action::Resume(1));
    r.to(1_200);
    assert_eq!(leaders(&r), vec![new]);
    let new_name = names[new];
    // On SIGCONT its overdue heartbeat goes out first, with the old ballot, and is refused;
    // then the Prepare that arrived while it was frozen takes its leadership away.
    r.expect_said(&format!(
        "master1 ignored a heartbeat from master2 for ballot 1.master2: it has seen the newer ballot 2.{new_name}, and says so (NACK) (§3)"
    ));
    r.expect_said(&format!(
        "master2 lost leadership of ballot 1.master2: its own acceptor went over to ballot 2.{new_name} of {new_name}; it steps down and follows (§3)"
    ));
    r.expect_said(&format!("master2 follows {new_name}"));
    assert_eq!(log(&r, 1), vec!["a", "b"]);
    // It takes commands again only as a follower: they are redirected.
    r.client(1, "c");
    r.to(1_300);
    assert_eq!(
        r.sim.state.requests[&3].outcome,
        Some(ClientOutcome::Chosen {
            slot: Some(2),
            value: "c".into()
        })
    );
}

#[test]
fn randomised_election_timeouts_elect_one_leader() {
    for seed in 1..=20 {
        let mut r = Run::new(paxos_support::setup(N3, PaxosConfig::multi(), seed));
        r.to(1_500);
        assert_eq!(leaders(&r).len(), 1, "seed {seed}");
        let l = leaders(&r)[0];
        for i in 0..3 {
            if i != l {
                assert_eq!(r.node(i).leader, Some(l), "seed {seed}");
            }
        }
    }
}

#[test]
fn liveness_holds_after_a_probe_and_fails_without_one() {
    let mut r = elected();
    r.client(1, "a");
    r.to(400);
    r.act(Action::Heal);
    assert!(liveness(&r.sim)
        .unwrap_err()
        .contains("client request sent after healing"));
    r.client(0, "probe");
    r.to(600);
    assert_eq!(liveness(&r.sim), Ok(()));
    let _ = MS;
}

/// A leader resends, with its heartbeat, the Accepts an acceptor has not answered (§3: lost
/// messages), and says so; an acceptor that gets an Accept it has already accepted says that
/// nothing changes. Here the Accepted of n1 and n3 to the leader n2 are lost, so n2 does not
/// know "a" is chosen and resends to both, which had accepted it.
#[test]
fn a_resent_accept_is_narrated_on_both_sides() {
    let mut r = elected();
    r.client(1, "a");
    r.to(260);
    let lost =
        r.in_flight(|from, to, m| from != 1 && to == 1 && matches!(m, PaxosMsg::Accepted { .. }));
    assert_eq!(
        lost.len(),
        2,
        "the Accepted of n1 and n3 to n2 are in flight"
    );
    for id in lost {
        r.act(Action::DropMessage(id));
    }
    r.to(400);
    r.expect_said("n2 sends Accept(1.n2) again for slot 0 with its heartbeat, to the acceptors it has not heard Accepted from: an Accept or its answer may have been lost (§3)");
    r.expect_said("n3 accepted 1.n2 = \"a\" in slot 0 from n2 again: it had already accepted this very proposal (the Accept was sent again), so nothing changes (P1a)");
    assert_eq!(log(&r, 1), vec!["a"]);
}
