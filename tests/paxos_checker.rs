//! Each Paxos invariant fires on a hand-made history that breaks it, and stays quiet on the
//! same history without the offending step. (The randomised campaign shows the checker passes
//! correct runs; this shows every invariant can fail.)

use quorumscope::check::paxos::*;
use quorumscope::check::{act_checked, run_checked, Checker, Violation};
use quorumscope::core::paxos::{Ballot, PaxosBug, PaxosMsg, PaxosNode, Proposal, Roles};
use quorumscope::core::{ClientRequest, NodeId, MS};
use quorumscope::sim::{Action, Setup, Simulator, TraceEvent, TraceKind};

fn b(round: u64, proposer: NodeId) -> Ballot {
    Ballot::new(round, proposer)
}

fn sim() -> Simulator<PaxosNode> {
    Simulator::new(Setup::new(3, 1))
}

fn client(sim: &mut Simulator<PaxosNode>, id: u64, value: &str) {
    sim.trace.push(TraceEvent {
        time: 0,
        kind: TraceKind::Client {
            node: 0,
            request: ClientRequest {
                id,
                value: value.into(),
            },
        },
    });
}

fn send(sim: &mut Simulator<PaxosNode>, from: NodeId, to: NodeId, msg: PaxosMsg) {
    sim.trace.push(TraceEvent {
        time: 0,
        kind: TraceKind::Send {
            id: 0,
            from,
            to,
            msg: msg.into(),
            deliver_at: 0,
        },
    });
}

fn accept(s: &mut Simulator<PaxosNode>, ballot: Ballot, value: &str) {
    let msg = PaxosMsg::Accept {
        ballot,
        slot: 0,
        value: value.into(),
    };
    send(s, ballot.proposer, 0, msg);
}

/// `by` accepts (its disk changes accordingly) and announces it.
fn accepted(s: &mut Simulator<PaxosNode>, by: NodeId, ballot: Ballot, value: &str) {
    let d = &mut s.state.nodes[by].node.durable;
    d.promised = d.promised.max(ballot);
    d.accepted.insert(0, (ballot, value.to_string()));
    let msg = PaxosMsg::Accepted {
        ballot,
        slot: 0,
        value: value.into(),
    };
    send(s, by, ballot.proposer, msg);
}

/// `by` promises `ballot` (its disk says so) and reports `acc`.
fn promise(s: &mut Simulator<PaxosNode>, by: NodeId, ballot: Ballot, acc: Vec<Proposal>) {
    s.state.nodes[by].node.durable.promised = ballot;
    let msg = PaxosMsg::Promise {
        ballot,
        from_slot: 0,
        accepted: acc,
    };
    send(s, by, ballot.proposer, msg);
}

/// Runs a checker made for the initial cluster over the whole hand-made history.
fn verdict(s: &Simulator<PaxosNode>) -> Option<String> {
    let mut c = PaxosChecker::new(&sim());
    c.check(s, None).err().map(|v| v.invariant)
}

#[test]
fn agreement_fires_when_two_values_are_chosen() {
    let mut s = sim();
    client(&mut s, 1, "x");
    client(&mut s, 2, "y");
    accept(&mut s, b(1, 0), "x");
    accepted(&mut s, 0, b(1, 0), "x");
    accepted(&mut s, 1, b(1, 0), "x");
    accept(&mut s, b(1, 1), "y");
    accepted(&mut s, 2, b(1, 1), "y");
    assert_eq!(verdict(&s), None, "one value chosen so far");
    accepted(&mut s, 1, b(2, 1), "y");
    assert_eq!(
        verdict(&s),
        None,
        "ballot 2.2 was never proposed, and has one vote"
    );
    let mut s2 = sim();
    client(&mut s2, 1, "x");
    client(&mut s2, 2, "y");
    accept(&mut s2, b(1, 0), "x");
    accepted(&mut s2, 0, b(1, 0), "x");
    accepted(&mut s2, 1, b(1, 0), "x");
    accept(&mut s2, b(2, 1), "y");
    accepted(&mut s2, 1, b(2, 1), "y");
    accepted(&mut s2, 2, b(2, 1), "y");
    assert_eq!(verdict(&s2).as_deref(), Some(AGREEMENT));
}

#[test]
fn validity_fires_for_a_value_nobody_proposed() {
    let mut s = sim();
    client(&mut s, 1, "x");
    accept(&mut s, b(1, 0), "z");
    accepted(&mut s, 0, b(1, 0), "z");
    assert_eq!(verdict(&s), None);
    accepted(&mut s, 1, b(1, 0), "z");
    assert_eq!(verdict(&s).as_deref(), Some(VALIDITY));
}

#[test]
fn one_value_per_ballot_fires_when_a_ballot_is_reused() {
    let mut s = sim();
    client(&mut s, 1, "x");
    client(&mut s, 2, "y");
    accept(&mut s, b(1, 0), "x");
    accept(&mut s, b(1, 0), "x");
    assert_eq!(verdict(&s), None, "resending the same proposal is fine");
    accept(&mut s, b(1, 0), "y");
    assert_eq!(verdict(&s).as_deref(), Some(ONE_VALUE));
}

#[test]
fn promise_monotonicity_fires_on_a_lower_promise_and_on_a_forgetful_disk() {
    let mut s = sim();
    promise(&mut s, 1, b(2, 0), vec![]);
    promise(&mut s, 1, b(2, 0), vec![]);
    assert_eq!(verdict(&s), None, "repeating a promise is fine");
    promise(&mut s, 1, b(1, 2), vec![]);
    assert_eq!(verdict(&s).as_deref(), Some(PROMISE_MONOTONE));
    // The node's disk says less than it promised before.
    let mut s = sim();
    let mut c = PaxosChecker::new(&s);
    s.state.nodes[1].node.durable.promised = b(3, 0);
    assert!(c
        .check(
            &s,
            Some(quorumscope::sim::Step {
                time: 0,
                node: Some(1)
            })
        )
        .is_ok());
    s.state.nodes[1].node.durable.promised = Ballot::ZERO;
    assert_eq!(c.check(&s, None).unwrap_err().invariant, PROMISE_MONOTONE);
}

#[test]
fn accept_above_promise_fires_when_an_acceptor_breaks_its_promise() {
    let mut s = sim();
    client(&mut s, 1, "x");
    promise(&mut s, 1, b(2, 0), vec![]);
    accept(&mut s, b(2, 0), "x");
    accepted(&mut s, 1, b(2, 0), "x");
    assert_eq!(verdict(&s), None);
    accept(&mut s, b(1, 2), "x");
    accepted(&mut s, 1, b(1, 2), "x");
    assert_eq!(verdict(&s).as_deref(), Some(ACCEPT_ABOVE_PROMISE));
}

#[test]
fn truthful_promises_fire_when_an_acceptor_hides_what_it_accepted() {
    let mut s = sim();
    client(&mut s, 1, "x");
    accept(&mut s, b(1, 0), "x");
    accepted(&mut s, 2, b(1, 0), "x");
    let truth = vec![Proposal {
        slot: 0,
        ballot: b(1, 0),
        value: "x".into(),
    }];
    promise(&mut s, 2, b(2, 1), truth);
    assert_eq!(verdict(&s), None);
    promise(&mut s, 2, b(3, 1), vec![]);
    assert_eq!(verdict(&s).as_deref(), Some(PROMISE_TRUTHFUL));
}

#[test]
fn learners_fire_when_they_decide_an_unchosen_value() {
    let mut s = sim();
    let mut c = PaxosChecker::new(&s);
    client(&mut s, 1, "x");
    accept(&mut s, b(1, 0), "x");
    accepted(&mut s, 0, b(1, 0), "x");
    assert!(c.check(&s, None).is_ok());
    s.state.nodes[2].node.durable.chosen.insert(0, "x".into());
    let err = c.check(
        &s,
        Some(quorumscope::sim::Step {
            time: 0,
            node: Some(2),
        }),
    );
    assert_eq!(err.unwrap_err().invariant, LEARN_CHOSEN);
    // Telling others about it counts too.
    let mut s = sim();
    send(
        &mut s,
        0,
        1,
        PaxosMsg::Chosen {
            entries: vec![(0, "x".into())],
        },
    );
    assert_eq!(verdict(&s).as_deref(), Some(LEARN_CHOSEN));
}

#[test]
fn every_invariant_is_listed() {
    let s = sim();
    let c = PaxosChecker::new(&s);
    assert_eq!(c.invariants().len(), 8);
}

/// Three nodes, n3 plays proposer and learner but not acceptor: a quorum is both acceptors.
fn sim_with_roles() -> Simulator<PaxosNode> {
    let mut setup = Setup::<PaxosNode>::new(3, 1);
    setup.config.roles = vec![Roles::ALL, Roles::ALL, Roles::new(true, false, true)];
    Simulator::new(setup)
}

#[test]
fn only_acceptors_count_towards_a_quorum() {
    let mut s = sim_with_roles();
    client(&mut s, 1, "x");
    accept(&mut s, b(1, 0), "x");
    accepted(&mut s, 0, b(1, 0), "x");
    let mut c = PaxosChecker::new(&sim_with_roles());
    assert!(c.check(&s, None).is_ok());
    // n3's Accepted would make two votes, a quorum of two acceptors, if it counted.
    accepted(&mut s, 2, b(1, 0), "x");
    let v = c.check(&s, None).unwrap_err();
    assert_eq!(v.invariant, ONLY_ACCEPTORS);
    assert!(v.detail.contains("n3 sent Accepted(1.n1)"), "{}", v.detail);
    // A ghost that does not report it still does not count it.
    let mut ghost = PaxosChecker::only(&sim_with_roles(), &[AGREEMENT, LEARN_CHOSEN]);
    assert!(ghost.check(&s, None).is_ok());
    assert!(ghost.chosen().is_empty(), "one acceptor is not a quorum");
    accepted(&mut s, 1, b(1, 0), "x");
    assert!(ghost.check(&s, None).is_ok());
    assert_eq!(ghost.chosen().get(&0).map(|(_, v)| v.as_str()), Some("x"));
    // Promises likewise.
    let mut s = sim_with_roles();
    promise(&mut s, 2, b(1, 0), vec![]);
    let mut c = PaxosChecker::new(&sim_with_roles());
    assert_eq!(c.check(&s, None).unwrap_err().invariant, ONLY_ACCEPTORS);
}

/// A core that ignores roles (every node answers Prepare and Accept, and a majority of all
/// five nodes is its quorum) is caught as soon as a non-acceptor answers; the same run on
/// the correct core chooses the value with the three acceptors only.
fn ignoring_roles(bug: Option<PaxosBug>) -> Result<Option<String>, Violation> {
    let mut setup = Setup::<PaxosNode>::new(5, 3);
    let pl = Roles::new(true, false, true);
    setup.config.roles = vec![Roles::ALL, Roles::ALL, Roles::ALL, pl, pl];
    setup.config.test_bug = bug;
    let mut sim = Simulator::new(setup);
    let mut c = PaxosChecker::new(&sim);
    act_checked(
        &mut sim,
        &mut c,
        Action::Client {
            node: 3,
            value: "x".into(),
        },
    )
    .expect("valid")?;
    run_checked(&mut sim, &mut c, 2_000 * MS)?;
    Ok(sim.node(0).chosen().get(&0).cloned())
}

#[test]
fn a_core_that_ignores_roles_is_caught() {
    let v = ignoring_roles(Some(PaxosBug::IgnoreRoles)).unwrap_err();
    assert_eq!(v.invariant, ONLY_ACCEPTORS, "{v:?}");
    assert_eq!(
        ignoring_roles(None).expect("no violation").as_deref(),
        Some("x")
    );
}
