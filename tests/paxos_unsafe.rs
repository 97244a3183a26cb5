//! The unsafe teaching switch "acceptor forgets its promise on restart" (breaking Paxos Made
//! Simple §2.5's stable-storage rule), and proof that the checker catches it: in a scripted
//! run, and by searching random seeds within a stated budget.

mod paxos_support;

use paxos_support::Run;
use quorumscope::check::paxos::{PaxosChecker, AGREEMENT, PROMISE_MONOTONE};
use quorumscope::check::Checker;
use quorumscope::core::paxos::{PaxosConfig, PaxosNode, Roles};
use quorumscope::core::MS;
use quorumscope::explore::{self, Options};
use quorumscope::sim::{Action, Simulator};

const PL: Roles = Roles::new(true, false, true);
const AL: Roles = Roles::new(false, true, true);
const NAMES5: &[&str] = &["P1", "P2", "A1", "A2", "A3"];

fn forgetful(unsafe_forget_promise: bool) -> PaxosConfig {
    PaxosConfig {
        roles: vec![PL, PL, AL, AL, AL],
        nacks: false,
        backoff: false,
        retry_min: 200 * MS,
        retry_max: 200 * MS,
        unsafe_forget_promise,
        ..PaxosConfig::default()
    }
}

/// P1's Accept(1.1, "x") is in flight when every acceptor promises 1.2 to P2. A1 and A2
/// crash and restart before it lands.
fn script(
    sim: &mut Simulator<quorumscope::core::paxos::PaxosNode>,
    checker: &mut PaxosChecker,
) -> Result<(), quorumscope::check::Violation> {
    let run_to = |sim: &mut Simulator<_>, t: u64, c: &mut PaxosChecker| {
        sim.run_until_with(t * MS, |s, step| c.check(s, Some(step)))
    };
    sim.act(Action::Client {
        node: 0,
        value: "x".into(),
    })
    .unwrap();
    run_to(sim, 15, checker)?;
    sim.act(Action::Client {
        node: 1,
        value: "y".into(),
    })
    .unwrap();
    run_to(sim, 26, checker)?;
    for a in [2, 3] {
        sim.act(Action::Crash(a)).unwrap();
        checker.check(sim, None)?;
        sim.act(Action::Restart(a)).unwrap();
        checker.check(sim, None)?;
    }
    run_to(sim, 100, checker)
}

#[test]
fn with_the_switch_off_promises_survive_and_one_value_is_chosen() {
    let mut r = Run::cluster(NAMES5, forgetful(false));
    let mut sim = r.sim.clone();
    script(&mut sim, &mut r.checker).expect("no violation");
    for i in 0..5 {
        assert_eq!(sim.node(i).chosen().get(&0).map(String::as_str), Some("y"));
    }
}

#[test]
fn the_checker_catches_the_forgotten_promise_at_once() {
    let r = Run::cluster(NAMES5, forgetful(true));
    let mut sim = r.sim.clone();
    let mut checker = PaxosChecker::new(&sim);
    let v = script(&mut sim, &mut checker).expect_err("a violation");
    assert_eq!(v.invariant, PROMISE_MONOTONE);
    assert_eq!(
        v.detail,
        "A1's promise went down from 1.P2 to nothing (across a crash)"
    );
    assert_eq!(v.time, 26 * MS);
}

#[test]
fn a_forgotten_promise_lets_two_values_be_chosen() {
    // Check only agreement, to see what the broken rule leads to.
    let r = Run::cluster(NAMES5, forgetful(true));
    let mut sim = r.sim.clone();
    let mut checker = PaxosChecker::only(&sim, &[AGREEMENT]);
    let v = script(&mut sim, &mut checker).expect_err("two values chosen");
    assert_eq!(v.invariant, AGREEMENT);
    assert_eq!(
        v.detail,
        "slot 0: \"x\" was chosen in ballot 1.P1, and now \"y\" is chosen in ballot 1.P2 (accepted by A1, A2)"
    );
    let report = v.report(&sim, 500);
    assert!(
        report.contains("A1 restarted and FORGOT its promise 1.P2"),
        "{report}"
    );
    assert!(
        report.contains("A1 accepted 1.P1 = \"x\" from P1"),
        "{report}"
    );
}

/// The campaign (`quorumscope explore --protocol paxos`) with the switch on, checking `only`
/// these invariants (all when empty).
fn forgetful_campaign(only: &[&str]) -> Options {
    let mut opts = Options::new("paxos");
    opts.unsafe_switches = vec![explore::paxos::FORGET_PROMISE.to_string()];
    opts.only = only.iter().map(|s| s.to_string()).collect();
    opts
}

/// Searches campaign seeds, in order, for one the checker flags. Returns (seed, invariant).
fn search(budget: u64, opts: &Options) -> Option<(u64, String)> {
    (1..=budget).find_map(|seed| {
        let o = explore::run_seed::<PaxosNode>(opts, seed).expect("runs");
        o.invariant.map(|i| (seed, i))
    })
}

#[test]
fn random_search_catches_the_unsafe_switch_within_50_seeds() {
    let (seed, invariant) =
        search(50, &forgetful_campaign(&[])).expect("a violation within 50 seeds");
    eprintln!("unsafe switch caught at seed {seed}: {invariant}");
    assert_eq!(invariant, PROMISE_MONOTONE);
    // The same seeds are clean with the switch off.
    let safe = Options::new("paxos");
    for s in 1..=seed {
        let o = explore::run_seed::<PaxosNode>(&safe, s).expect("runs");
        assert!(!o.failed(), "seed {s} fails even when safe: {o:?}");
    }
}

#[test]
fn random_search_finds_two_chosen_values_within_budget() {
    // Only agreement is checked, to see what the broken rule leads to: the switch matters only
    // when an acceptor restarts while an older ballot's Accept is still on its way.
    let budget = 3_000;
    let (seed, invariant) = search(budget, &forgetful_campaign(&[AGREEMENT]))
        .expect("two values chosen within the budget");
    eprintln!("two values chosen at seed {seed}");
    assert_eq!(invariant, AGREEMENT);
}
