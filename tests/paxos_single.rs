//! Scripted single-decree Paxos runs with exact outcomes. Every message takes exactly 10ms,
//! and every invariant is checked after every event (a violation fails the test).

mod paxos_support;

use paxos_support::Run;
use quorumscope::core::paxos::{
    Ballot, PaxosConfig, PaxosDurable, PaxosMsg, PaxosNote, Phase, Roles,
};
use quorumscope::core::{ClientOutcome, Lang, MS};
use quorumscope::sim::Action;

const PL: Roles = Roles::new(true, false, true);
const P: Roles = Roles::new(true, false, false);
const AL: Roles = Roles::new(false, true, true);
const L: Roles = Roles::new(false, false, true);

/// Two proposers P1, P2 and three acceptors A1..A3 (which are also learners).
fn two_proposers(nacks: bool) -> PaxosConfig {
    PaxosConfig {
        roles: vec![PL, PL, AL, AL, AL],
        nacks,
        backoff: false,
        retry_min: 200 * MS,
        retry_max: 200 * MS,
        ..PaxosConfig::default()
    }
}

const NAMES5: &[&str] = &["P1", "P2", "A1", "A2", "A3"];

#[test]
fn happy_path_prepare_promise_accept_accepted() {
    let mut r = Run::cluster(&["n1", "n2", "n3"], PaxosConfig::default());
    r.client(0, "x");
    r.to(39);
    assert_eq!(
        r.decided(0),
        None,
        "nothing is chosen before the Accepted arrive"
    );
    r.to(40);
    for i in 0..3 {
        assert_eq!(r.decided(i), Some("x"));
    }
    assert_eq!(r.outcome(1), Some(chosen("x")));
    // 3 Prepare, 3 Promise, 3 Accept, 3×3 Accepted; nothing else.
    assert_eq!(
        (
            r.count("Prepare"),
            r.count("Promise"),
            r.count("Accept"),
            r.count("Accepted")
        ),
        (3, 3, 3, 9)
    );
    assert_eq!(r.sends().len(), 18);
    r.expect_said("n1 received request #1: starts phase 1 with ballot 1.n1");
    r.expect_said(
        "n2 promised 1.n1 to n1: it had promised nothing before; it has accepted nothing (§2.2 (1b))",
    );
    r.expect_said(
        "n1 has promises for 1.n1 from a majority (n1, n2), none of which accepted anything, so it may propose its own value: sends Accept(1.n1, \"x\") (P2c)",
    );
    r.expect_said("n3 accepted 1.n1 = \"x\" from n1: it has promised nothing higher (P1a)");
    r.expect_said("n3 learned that \"x\" is chosen: a majority (n1, n2) accepted it in the same ballot 1.n1 (§2.3)");
    r.expect_said("n1 answers request #1: \"x\" is chosen (§2.3)");
    // Quiet afterwards: no timer left running, nothing more happens.
    r.to(5_000);
    assert_eq!(r.sends().len(), 18);
    assert_eq!(r.sim.next_time(), None);
}

#[test]
fn higher_promise_rejects_lower_prepare_then_the_loser_adopts_the_chosen_value() {
    let mut r = Run::cluster(NAMES5, two_proposers(true));
    // Both at t=0, P2 first: every acceptor promises 1.2 before Prepare(1.1) arrives.
    r.client(1, "y");
    r.client(0, "x");
    r.to(10);
    for a in ["A1", "A2", "A3"] {
        r.expect_said(&format!(
            "{a} ignored Prepare(1.P1) from P1: it promised 1.P2, and says so (NACK) (P1a)"
        ));
    }
    r.to(20);
    // The note promises no retry: P1 learns "y" before its timer fires and never retries.
    r.expect_said("P1 abandons ballot 1.P1: A1 promised 1.P2 (NACK); it will retry with a higher ballot when its fixed retry timer fires (no backoff), unless it has learned the chosen value by then (§2.2)");
    r.to(40);
    assert_eq!(r.decided(2), Some("y"));
    assert_eq!(r.outcome(1), Some(chosen("y")));
    // P1 learned "y" as a learner, so it answers its own client with "y" and never retries.
    r.expect_said(
        "P1 answers request #2: a value is chosen, but it is \"y\", not the client's \"x\" (§2.3)",
    );
    assert_eq!(r.outcome(2), Some(lost("x", "y")));
    r.to(1_000);
    assert_eq!(
        r.count("Prepare"),
        6,
        "P1 never retried: it knew the outcome"
    );
}

#[test]
fn higher_promise_rejects_lower_accept() {
    let mut r = Run::cluster(NAMES5, two_proposers(false));
    r.client(0, "x");
    r.to(15);
    r.client(1, "y"); // Prepare(1.2) lands at 25ms, between P1's promises and its Accept (30ms).
    r.to(30);
    for a in ["A1", "A2", "A3"] {
        r.expect_said(&format!(
            "{a} ignored Accept(1.P1) from P1: it promised 1.P2 (P1a)"
        ));
    }
    assert!(r.node(2).accepted().is_empty());
    r.to(55);
    for i in 0..5 {
        assert_eq!(r.decided(i), Some("y"), "node {i}");
    }
    let zh = r.notes(Lang::Zh);
    assert!(zh
        .iter()
        .any(|(_, l)| l == "A2 忽略了来自 P1 的 Accept(1.P1)：它已承诺 1.P2（P1a）"));
}

/// Disks as a scenario may start from: A1 accepted 1.1 = "x" (from P1), A2 accepted
/// 2.2 = "y" (from P2), A3 accepted nothing. Neither value is chosen.
fn split_disks() -> Vec<PaxosDurable> {
    let mut d = vec![PaxosDurable::default(); 5];
    d[0].ballot = Ballot::new(2, 0);
    d[1].ballot = Ballot::new(2, 1);
    d[2].promised = Ballot::new(1, 0);
    d[2].accepted.insert(0, (Ballot::new(1, 0), "x".into()));
    d[3].promised = Ballot::new(2, 1);
    d[3].accepted.insert(0, (Ballot::new(2, 1), "y".into()));
    d
}

#[test]
fn proposer_adopts_the_highest_accepted_value_among_its_promises() {
    let mut s = paxos_support::setup(NAMES5, two_proposers(true), 1);
    s.durable = split_disks();
    let mut r = Run::new(s);
    r.client(0, "z");
    r.to(20);
    r.expect_said("A1 promised 3.P1 to P1: it had promised only 1.P1; it reports its highest-numbered accepted proposal, 1.P1 = \"x\" (§2.2 (1b))");
    r.expect_said(
        "P1 has promises for 3.P1 from a majority (A1, A2); the highest-numbered proposal they accepted is 2.P2 = \"y\", so it must propose \"y\", not its own \"z\": sends Accept(3.P1, \"y\") (P2c)",
    );
    r.to(40);
    assert_eq!(r.decided(4), Some("y"));
}

#[test]
fn the_value_adopted_depends_on_which_majority_answered() {
    // Same disks, but A2 cannot answer P1: the majority is A1, A3, and the highest accepted
    // proposal among them is 1.1 = "x". (Choosing "x" is safe: "y" was not chosen either.)
    let mut s = paxos_support::setup(NAMES5, two_proposers(true), 1);
    s.durable = split_disks();
    let mut r = Run::new(s);
    r.act(Action::Cut { from: 3, to: 0 });
    r.client(0, "z");
    r.to(20);
    r.expect_said("P1 has promises for 3.P1 from a majority (A1, A3); the highest-numbered proposal they accepted is 1.P1 = \"x\", so it must propose \"x\", not its own \"z\"");
    r.to(40);
    assert_eq!(r.decided(2), Some("x"));
}

#[test]
fn partially_accepted_value_is_preempted_and_later_ballots_carry_the_chosen_value() {
    // P1 only proposes (it learns nothing by itself); P2 proposes and learns.
    let cfg = PaxosConfig {
        roles: vec![P, PL, AL, AL, AL],
        ..two_proposers(true)
    };
    let mut r = Run::cluster(NAMES5, cfg);
    r.client(0, "x");
    r.to(15); // phase 1 of 1.1 done; now only A1 will get P1's Accept.
    r.act(Action::Cut { from: 0, to: 3 });
    r.act(Action::Cut { from: 0, to: 4 });
    r.to(30);
    assert_eq!(
        r.node(2).accepted().get(&0),
        Some(&(Ballot::new(1, 0), "x".to_string()))
    );
    // P2 proposes "y" without hearing from A1: its majority (A2, A3) accepted nothing.
    r.to(40);
    r.act(Action::Cut { from: 1, to: 2 });
    r.client(1, "y");
    r.to(80);
    // P2 saw A1's Accepted(1.1) as a learner, so its first ballot is already above it: 2.2.
    r.expect_said("P2 has promises for 2.P2 from a majority (A2, A3), none of which accepted anything, so it may propose its own value: sends Accept(2.P2, \"y\")");
    assert_eq!(r.decided(1), Some("y"));
    assert_eq!(
        r.checker.chosen().get(&0),
        Some(&(Ballot::new(2, 1), "y".to_string()))
    );
    // "x" was only ever accepted by A1: pre-empted, never chosen.
    r.act(Action::Heal);
    // P1's fixed retry timer fires at 200ms: ballot 2.1, still below A2's and A3's promise.
    r.to(220);
    r.expect_said("P1 timed out waiting for ballot 1.P1 to succeed: retries phase 1 with the higher ballot 2.P1 (§2.4)");
    r.expect_said("A2 ignored Prepare(2.P1) from P1: it promised 2.P2, and says so (NACK) (P1a)");
    r.expect_said("P1 abandons ballot 2.P1: A2 promised 2.P2 (NACK)");
    // At 400ms it tries 3.1. Its promises are A1 (1.1 = "x") and A2 (2.2 = "y"): it must
    // carry "y", the value that was chosen.
    r.to(420);
    r.expect_said("P1 has promises for 3.P1 from a majority (A1, A2); the highest-numbered proposal they accepted is 2.P2 = \"y\", so it must propose \"y\", not its own \"x\": sends Accept(3.P1, \"y\") (P2c)");
    r.to(440);
    assert_eq!(
        r.node(2).accepted().get(&0),
        Some(&(Ballot::new(3, 0), "y".to_string()))
    );
    assert_eq!(r.decided(0), Some("y"));
    r.expect_said(
        "P1 answers request #1: a value is chosen, but it is \"y\", not the client's \"x\"",
    );
    for i in 0..5 {
        assert!(r.node(i).unanswered().is_empty());
    }
}

#[test]
fn a_chosen_value_stays_chosen_under_new_proposers() {
    // Three proposers that do not learn by themselves, three acceptor-learners.
    let cfg = PaxosConfig {
        roles: vec![P, P, P, AL, AL, AL],
        ..two_proposers(true)
    };
    let names = &["P1", "P2", "P3", "A1", "A2", "A3"];
    let mut r = Run::cluster(names, cfg);
    // "x" is chosen by A1 and A2 only; A3 never hears P1.
    r.act(Action::Cut { from: 0, to: 5 });
    r.client(0, "x");
    r.to(40);
    assert_eq!(
        r.checker.chosen().get(&0).map(|(_, v)| v.as_str()),
        Some("x")
    );
    assert_eq!(
        r.decided(5),
        Some("x"),
        "A3 learns from the others' Accepted"
    );
    // P2 cannot reach A1: its majority is A2 (accepted "x") and A3 (accepted nothing).
    r.act(Action::Heal);
    r.act(Action::Cut { from: 1, to: 3 });
    r.client(1, "y");
    r.to(100);
    r.expect_said("P2 has promises for 1.P2 from a majority (A2, A3); the highest-numbered proposal they accepted is 1.P1 = \"x\", so it must propose \"x\", not its own \"y\"");
    // P3 cannot reach A2: its majority is A1 (1.1 = "x") and A3 (2.2 = "x").
    r.act(Action::Heal);
    r.act(Action::Cut { from: 2, to: 4 });
    r.client(2, "z");
    r.to(200);
    r.expect_said("P3 has promises for 1.P3 from a majority (A1, A3); the highest-numbered proposal they accepted is 1.P2 = \"x\", so it must propose \"x\", not its own \"z\"");
    assert_eq!(r.outcome(1), Some(chosen("x")));
    assert_eq!(r.outcome(2), Some(lost("y", "x")));
    assert_eq!(r.outcome(3), Some(lost("z", "x")));
    for a in 3..6 {
        assert_eq!(r.decided(a), Some("x"));
    }
    assert_eq!(r.checker.chosen().len(), 1);
}

/// P1 asks at 0ms, P2 at 15ms; both retry exactly every 30ms. Each one's Prepare lands just
/// after the other's promises and just before the other's Accept (10ms per message).
fn duel(backoff: bool, nacks: bool, seed: u64) -> Run {
    let cfg = PaxosConfig {
        roles: vec![PL, PL, AL, AL, AL],
        nacks,
        backoff,
        retry_min: 30 * MS,
        retry_max: 90 * MS,
        ..PaxosConfig::default()
    };
    let mut r = Run::new(paxos_support::setup(NAMES5, cfg, seed));
    r.client(0, "x");
    r.to(15);
    r.client(1, "y");
    r
}

#[test]
fn duelling_proposers_livelock_without_backoff() {
    for nacks in [false, true] {
        let mut r = duel(false, nacks, 1);
        r.to(3_000);
        assert_eq!(
            r.checker.chosen().len(),
            0,
            "nothing is ever chosen (nacks {nacks})"
        );
        let ballots = r.count("Prepare") / 3;
        assert_eq!(
            ballots, 201,
            "a new ballot every 15ms, for ever (nacks {nacks})"
        );
        // Every Accept was turned down: each acceptor had already promised the rival's ballot.
        assert!(r.said("A2 ignored Accept(99.P2) from P2: it promised 100.P1"));
        assert!(r.node(2).accepted().is_empty());
    }
}

#[test]
fn randomised_backoff_resolves_the_duel() {
    for seed in 1..=20 {
        let mut r = duel(true, true, seed);
        r.to(1_000);
        let v = r.decided(2).map(str::to_string);
        assert!(
            v.is_some(),
            "seed {seed}: nothing chosen within 1s with backoff"
        );
        for i in 0..5 {
            assert_eq!(r.decided(i).map(str::to_string), v, "seed {seed}, node {i}");
        }
        let v = v.expect("checked above");
        // Exactly one of the two clients hears its own value was chosen; the other hears
        // that it lost, and to which value.
        let heard = |id: u64, mine: &str| match r.outcome(id) {
            Some(ClientOutcome::Chosen { slot: None, value }) => value == mine && value == v,
            Some(ClientOutcome::Lost {
                slot: None,
                value,
                chosen,
            }) => value == mine && chosen == v,
            _ => false,
        };
        assert!(
            heard(1, "x") && heard(2, "y"),
            "seed {seed}: {:?} {:?}",
            r.outcome(1),
            r.outcome(2)
        );
    }
}

#[test]
fn an_acceptor_keeps_its_promise_across_a_crash() {
    let mut r = Run::cluster(NAMES5, two_proposers(false));
    r.client(0, "x");
    r.to(15);
    r.client(1, "y");
    r.to(25); // every acceptor has promised 1.2
    r.act(Action::Crash(3));
    r.to(27);
    r.act(Action::Restart(3));
    r.expect_said("A2 restarted from stable storage: promise 1.P2, 0 accepted proposal(s), 0 chosen value(s), last ballot used nothing — all survived the crash (§2.5)");
    assert_eq!(r.node(3).promised(), Ballot::new(1, 1));
    r.to(30);
    r.expect_said("A2 ignored Accept(1.P1) from P1: it promised 1.P2 (P1a)");
    r.to(55);
    assert_eq!(r.decided(3), Some("y"));
}

#[test]
fn a_proposer_never_reuses_a_ballot_after_a_crash() {
    let mut r = Run::cluster(&["n1", "n2", "n3"], PaxosConfig::default());
    r.client(0, "x");
    r.to(15); // promises for 1.1 are on their way back; only n1's own acceptor will get Accept
    r.act(Action::Cut { from: 0, to: 1 });
    r.act(Action::Cut { from: 0, to: 2 });
    r.to(30);
    assert_eq!(
        r.node(0).accepted().get(&0),
        Some(&(Ballot::new(1, 0), "x".to_string()))
    );
    r.act(Action::Crash(0));
    r.act(Action::Heal);
    r.act(Action::Restart(0));
    r.expect_said("last ballot used 1.n1");
    // Reusing 1.1 for "w" would give ballot 1.1 two values (the checker would fail the test).
    r.client(0, "w");
    r.expect_said("n1 received request #2: starts phase 1 with ballot 2.n1");
    r.to(100);
    r.expect_said("n1 has promises for 2.n1 from a majority (n1, n2); the highest-numbered proposal they accepted is 1.n1 = \"x\", so it must propose \"x\", not its own \"w\"");
    assert_eq!(r.decided(1), Some("x"));
}

#[test]
fn a_learner_finds_the_chosen_value_by_running_phase_1_itself() {
    let cfg = PaxosConfig {
        roles: vec![PL, AL, AL, AL, L],
        ..two_proposers(true)
    };
    let names = &["P1", "A1", "A2", "A3", "L1"];
    let mut r = Run::cluster(names, cfg);
    // Before anything is proposed, a read finds that nothing is chosen.
    r.act(Action::Timeout(4));
    r.to(20);
    r.expect_said("L1 has nothing to propose but wants to know the chosen value: runs phase 1 itself with ballot 1.L1 (it will send no Accept) (§2.3)");
    r.expect_said("L1 read with ballot 1.L1: a majority (A1, A2) accepted nothing, so no value is chosen yet (§2.3)");
    // "x" is chosen while L1 is cut off: it misses every Accepted.
    r.act(Action::Partition(vec![vec![4]]));
    r.client(0, "x");
    // The read's Prepare(1.5) outranks P1's first ballot 1.1: a read is not free.
    r.to(40);
    r.expect_said("A1 ignored Prepare(1.P1) from P1: it promised 1.L1, and says so (NACK) (P1a)");
    r.to(300);
    r.expect_said("P1 retries after abandoning ballot 1.P1: its retry timer fired, so it starts phase 1 again with the higher ballot 2.P1 (§2.4)");
    assert_eq!(r.decided(1), Some("x"));
    assert_eq!(r.decided(4), None);
    r.act(Action::Heal);
    r.act(Action::Timeout(4));
    r.to(320);
    r.expect_said("L1 ran phase 1 itself and learned that \"x\" is chosen: a majority (A1, A2) report accepting it in ballot 2.P1 (§2.3)");
    assert_eq!(r.decided(4), Some("x"));
    assert_eq!(
        r.count("Accept"),
        3,
        "only P1's ballot 2.P1 ever sent Accept"
    );
    assert!(r
        .sends()
        .iter()
        .all(|(_, from, _, m)| *from != 4 || matches!(m, PaxosMsg::Prepare { .. })));
}

#[test]
fn a_learner_read_cannot_always_tell() {
    // A1 accepted 1.1 = "x"; nobody else accepted anything: "x" may or may not be chosen as
    // far as a reader can tell, so it must not decide.
    let cfg = PaxosConfig {
        roles: vec![PL, AL, AL, AL, L],
        ..two_proposers(true)
    };
    let mut s = paxos_support::setup(&["P1", "A1", "A2", "A3", "L1"], cfg, 1);
    s.durable = vec![PaxosDurable::default(); 5];
    s.durable[0].ballot = Ballot::new(1, 0);
    s.durable[1].promised = Ballot::new(1, 0);
    s.durable[1]
        .accepted
        .insert(0, (Ballot::new(1, 0), "x".into()));
    let mut r = Run::new(s);
    r.act(Action::Timeout(4));
    r.to(20);
    r.expect_said("L1 read with ballot 1.L1: no majority reports the same accepted ballot; the highest is 1.P1 = \"x\", which may be chosen, but only a proposer finishing phase 2 can make sure (§2.3)");
    assert_eq!(r.decided(4), None);
    assert_eq!(r.node(4).phase, Phase::Idle);
}

#[test]
fn non_proposers_redirect_clients_and_late_requests_get_the_chosen_value() {
    let cfg = PaxosConfig {
        roles: vec![PL, AL, AL, AL],
        ..two_proposers(true)
    };
    let mut r = Run::cluster(&["P1", "A1", "A2", "A3"], cfg);
    r.client(2, "x");
    r.expect_said("A2 is not a proposer: redirects request #1 to the proposer P1 (§2.1)");
    r.to(60);
    assert_eq!(r.decided(0), Some("x"));
    assert_eq!(r.outcome(1), Some(chosen("x")));
    r.client(0, "w");
    r.expect_said("P1 answers request #2 at once: \"x\" is already chosen (not the client's \"w\"); it tells the learners again (§2.3)");
    assert_eq!(r.outcome(2), Some(lost("w", "x")));
    let told = r
        .sends()
        .iter()
        .filter(|(_, _, _, m)| matches!(m, PaxosMsg::Chosen { .. }))
        .count();
    assert_eq!(told, 3);
}

#[test]
fn every_explanation_renders_in_english_and_chinese() {
    let mut runs = vec![duel(true, true, 3), duel(false, false, 3)];
    let mut s = paxos_support::setup(NAMES5, two_proposers(true), 1);
    s.durable = split_disks();
    runs.push(Run::new(s));
    let mut kinds = std::collections::BTreeSet::new();
    for r in runs.iter_mut() {
        r.client(0, "late");
        r.act(Action::Crash(2));
        r.act(Action::Restart(2));
        r.act(Action::Timeout(3));
        r.to(1_500);
        let en = r.notes(Lang::En);
        let zh = r.notes(Lang::Zh);
        assert_eq!(en.len(), zh.len());
        for ((_, e), (_, z)) in en.iter().zip(&zh) {
            assert_ne!(e, z);
            assert!(
                z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{z}"
            );
            assert!(e.ends_with(')') && z.ends_with('）'), "{e} / {z}");
        }
        for i in 0..5 {
            for n in r.notes_of(i) {
                kinds.insert(
                    format!("{n:?}")
                        .split([' ', '{', '('])
                        .next()
                        .unwrap_or("")
                        .to_string(),
                );
            }
        }
    }
    assert!(kinds.len() >= 12, "{kinds:?}");
    let _ = PaxosNote::ReadStarted {
        ballot: Ballot::ZERO,
    };
}

/// Single-decree: the client's value was chosen (there is no slot).
fn chosen(v: &str) -> ClientOutcome {
    ClientOutcome::Chosen {
        slot: None,
        value: v.into(),
    }
}

/// Single-decree: the client's value `v` lost to `c`.
fn lost(v: &str, c: &str) -> ClientOutcome {
    ClientOutcome::Lost {
        slot: None,
        value: v.into(),
        chosen: c.into(),
    }
}
