//! The unsafe teaching switch "acceptor forgets its promise on restart" (breaking Paxos Made
//! Simple §2.5's stable-storage rule), and proof that the checker catches it: in a scripted
//! run, and by searching random seeds within a stated budget.

mod paxos_support;

use paxos_support::Run;
use quorumscope::check::paxos::{PaxosChecker, AGREEMENT, PROMISE_MONOTONE};
use quorumscope::check::Checker;
use quorumscope::core::paxos::{Forget, PaxosConfig, PaxosNode, Roles};
use quorumscope::core::MS;
use quorumscope::explore::{self, Options};
use quorumscope::sim::{Action, Simulator};

const PL: Roles = Roles::new(true, false, true);
const AL: Roles = Roles::new(false, true, true);
const NAMES5: &[&str] = &["P1", "P2", "A1", "A2", "A3"];

fn forgetful(forget_promise: bool) -> PaxosConfig {
    forgets(if forget_promise {
        Forget::Promise
    } else {
        Forget::Nothing
    })
}

fn forgets(unsafe_forget: Forget) -> PaxosConfig {
    PaxosConfig {
        roles: vec![PL, PL, AL, AL, AL],
        nacks: false,
        backoff: false,
        retry_min: 200 * MS,
        retry_max: 200 * MS,
        unsafe_forget,
        ..PaxosConfig::default()
    }
}

/// Crashes and restarts each of `nodes` in turn, checking after each action.
fn crash_and_restart(
    sim: &mut Simulator<quorumscope::core::paxos::PaxosNode>,
    checker: &mut PaxosChecker,
    nodes: &[usize],
) -> Result<(), quorumscope::check::Violation> {
    for &a in nodes {
        sim.act(Action::Crash(a)).unwrap();
        checker.check(sim, None)?;
        sim.act(Action::Restart(a)).unwrap();
        checker.check(sim, None)?;
    }
    Ok(())
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
    crash_and_restart(sim, checker, &[2, 3])?;
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

/// A restart under the switch says what survived and what did not, never "all survived": an
/// acceptor that accepted x and then crashed keeps x but not its promise.
/// A1 (node 2) crashes and restarts after "x" is chosen, with `config`'s unsafe switch: the
/// run, and A1's notes from the restart on.
fn restart_after_x_is_chosen(
    config: PaxosConfig,
) -> (Run, Vec<quorumscope::core::paxos::PaxosNote>) {
    let mut r = Run::cluster(NAMES5, config);
    r.client(0, "x").to(100);
    assert_eq!(r.decided(2), Some("x"));
    let before = r.notes_of(2).len();
    r.sim.act(Action::Crash(2)).unwrap();
    r.sim.act(Action::Restart(2)).unwrap();
    let after = r.notes_of(2)[before..].to_vec();
    (r, after)
}

#[test]
fn a_restart_that_forgot_its_promise_does_not_say_everything_survived() {
    use quorumscope::core::paxos::PaxosNote;
    use quorumscope::core::Lang;
    let (r, after) = restart_after_x_is_chosen(forgetful(true));
    assert!(
        matches!(
            after.as_slice(),
            [
                PaxosNote::ForgotPromise { .. },
                PaxosNote::RestartedWithoutPromise {
                    accepted: 1,
                    chosen: 1,
                    ..
                }
            ]
        ),
        "{after:?}"
    );
    let lines: Vec<String> = r.notes(Lang::En).into_iter().map(|(_, l)| l).collect();
    let last = lines.last().unwrap();
    assert!(last.contains("without its promise"), "{last}");
    assert!(
        !lines.iter().any(|l| l.contains("all survived")),
        "{lines:?}"
    );
}

/// After a NACK the proposer abandons its ballot (`Abandoned`); when its retry timer fires
/// (here forced) it starts again. The note must not say it "timed out waiting for" the ballot
/// it had already given up.
#[test]
fn a_retry_after_a_nack_names_the_abandoned_ballot_as_abandoned() {
    use quorumscope::core::paxos::{PaxosNote, Why};
    let config = PaxosConfig {
        roles: vec![PL, PL, AL, AL, AL],
        nacks: true,
        backoff: true,
        ..PaxosConfig::default()
    };
    let mut r = Run::cluster(NAMES5, config);
    r.client(0, "x").to(1);
    r.client(1, "y");
    // Step until one of the two is overtaken and abandons its ballot on a NACK.
    let abandoned_by = |r: &Run| {
        (0..2).find_map(|p| {
            r.notes_of(p).iter().rev().find_map(|n| match n {
                PaxosNote::Abandoned { ballot, .. } => Some((p, *ballot)),
                _ => None,
            })
        })
    };
    while abandoned_by(&r).is_none() {
        r.sim.step().expect("the run goes on until a NACK");
    }
    let (loser, abandoned) = abandoned_by(&r).unwrap();
    assert_eq!(r.node(loser).ballot(), None, "idle after abandoning");
    let before = r.notes_of(loser).len();
    r.act(Action::Timeout(loser));
    let retry = r.notes_of(loser)[before..]
        .iter()
        .find_map(|n| match n {
            PaxosNote::Phase1 { why, .. } => Some(why.clone()),
            _ => None,
        })
        .expect("a new phase 1");
    assert_eq!(retry, Why::AfterAbandon { old: abandoned });
}

/// Full amnesia (`unsafe amnesia`): x is chosen by A1 and A2 (P1 cannot reach A3); both
/// restart, and P2's Prepare then finds no accepted proposal anywhere, so P2 is free to
/// propose y. Under `forget-promise` A1 and A2 still report x, and P2 adopts it (§2.2).
fn amnesiac_script(
    sim: &mut Simulator<PaxosNode>,
    checker: &mut PaxosChecker,
) -> Result<(), quorumscope::check::Violation> {
    let run_to = |sim: &mut Simulator<_>, t: u64, c: &mut PaxosChecker| {
        sim.run_until_with(t * MS, |s, step| c.check(s, Some(step)))
    };
    sim.act(Action::Cut { from: 0, to: 4 }).unwrap();
    sim.act(Action::Client {
        node: 0,
        value: "x".into(),
    })
    .unwrap();
    run_to(sim, 100, checker)?;
    crash_and_restart(sim, checker, &[2, 3])?;
    sim.act(Action::Heal).unwrap();
    sim.act(Action::Client {
        node: 1,
        value: "y".into(),
    })
    .unwrap();
    run_to(sim, 400, checker)
}

/// [`forgets`] with P2 a proposer only: it does not learn that x was chosen, so only the
/// acceptors' promises tell it.
fn deaf_p2(forget: Forget) -> PaxosConfig {
    let mut c = forgets(forget);
    c.roles[1] = Roles::new(true, false, false);
    c
}

#[test]
fn amnesia_forgets_what_was_accepted_and_the_checker_catches_it() {
    // Forgetting only the promise: the accepted x survives and is adopted, one value chosen.
    let r = Run::cluster(NAMES5, deaf_p2(Forget::Promise));
    let mut sim = r.sim.clone();
    let mut checker = PaxosChecker::only(&sim, &[AGREEMENT]);
    amnesiac_script(&mut sim, &mut checker).expect("x survives and is adopted");
    assert_eq!(sim.node(4).chosen().get(&0).map(String::as_str), Some("x"));
    // Forgetting what was accepted too: two values are chosen.
    let r = Run::cluster(NAMES5, deaf_p2(Forget::PromiseAndAccepted));
    let mut sim = r.sim.clone();
    let mut checker = PaxosChecker::only(&sim, &[AGREEMENT]);
    let v = amnesiac_script(&mut sim, &mut checker).expect_err("two values chosen");
    assert_eq!(v.invariant, AGREEMENT);
    assert!(
        v.detail.contains("\"x\" was chosen") && v.detail.contains("\"y\""),
        "{}",
        v.detail
    );
    // With every invariant checked, the lost promise is caught at the restart.
    let r = Run::cluster(NAMES5, deaf_p2(Forget::PromiseAndAccepted));
    let mut sim = r.sim.clone();
    let mut checker = PaxosChecker::new(&sim);
    let v = amnesiac_script(&mut sim, &mut checker).expect_err("a violation");
    assert_eq!(v.invariant, PROMISE_MONOTONE);
}

/// The restart's notes say what was lost, truthfully, in both languages.
#[test]
fn an_amnesiac_restart_says_it_lost_its_promise_and_accepted_proposals() {
    use quorumscope::core::paxos::PaxosNote;
    use quorumscope::core::Lang;
    let (r, after) = restart_after_x_is_chosen(forgets(Forget::PromiseAndAccepted));
    assert!(
        matches!(
            after.as_slice(),
            [
                PaxosNote::ForgotPromiseAndAccepted { accepted: 1, .. },
                PaxosNote::RestartedWithoutAccepted { chosen: 1, .. }
            ]
        ),
        "{after:?}"
    );
    assert!(r.sim.node(2).durable.accepted.is_empty());
    let en: Vec<String> = r.notes(Lang::En).into_iter().map(|(_, l)| l).collect();
    let n = en.len();
    assert!(
        en[n - 2].contains("FORGOT its promise 1.P1 and its 1 accepted proposal(s)"),
        "{en:?}"
    );
    assert!(
        en[n - 1].contains("(no promise, nothing accepted)"),
        "{en:?}"
    );
    assert!(!en.iter().any(|l| l.contains("all survived")), "{en:?}");
    let zh: Vec<String> = r.notes(Lang::Zh).into_iter().map(|(_, l)| l).collect();
    assert!(
        zh[n - 2].contains("忘记了它的承诺 1.P1 和已接受的提案 1 个"),
        "{zh:?}"
    );
    assert!(zh[n - 1].contains("没有承诺，也没有已接受的提案"), "{zh:?}");
}

#[test]
fn random_search_catches_amnesia_within_50_seeds() {
    let mut opts = Options::new("paxos");
    opts.unsafe_switches = vec![explore::paxos::AMNESIA.to_string()];
    let (seed, invariant) = search(50, &opts).expect("a violation within 50 seeds");
    eprintln!("amnesia caught at seed {seed}: {invariant}");
    assert_eq!(invariant, PROMISE_MONOTONE);
}

/// Share links carry the switch like any configuration field, and `Forget` is encoded like
/// the `bool` it replaced, so links made with `forget-promise` before it still open.
#[test]
fn share_links_carry_amnesia_and_old_links_keep_their_form() {
    use quorumscope::core::ProtocolKind;
    use quorumscope::viz::share::{self, Shared};
    use quorumscope::viz::{Cluster, Spec};
    assert_eq!(
        postcard::to_allocvec(&Forget::Promise).unwrap(),
        postcard::to_allocvec(&true).unwrap()
    );
    assert_eq!(
        postcard::to_allocvec(&Forget::Nothing).unwrap(),
        postcard::to_allocvec(&false).unwrap()
    );
    let mut c = Cluster::start(&Spec {
        protocol: ProtocolKind::Paxos,
        ..Spec::default()
    })
    .unwrap();
    c.advance_to(100 * MS);
    let mut s = share::decode(&c.share()).unwrap();
    if let Shared::Paxos { setup, .. } = &mut s {
        setup.config.unsafe_forget = Forget::PromiseAndAccepted;
    }
    let text = share::encode(&s);
    match share::decode(&text).unwrap() {
        Shared::Paxos { setup, .. } => {
            assert_eq!(setup.config.unsafe_forget, Forget::PromiseAndAccepted)
        }
        Shared::Raft { .. } => panic!("a Paxos link"),
    }
    assert!(Cluster::from_share(&text).is_ok());
}
