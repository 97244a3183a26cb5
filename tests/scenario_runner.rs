//! The runner's semantics on small inline scenarios: message selectors, timing failures,
//! `never`, rewinding, load-time errors with positions, and Paxos conditions.

use quorumscope::scenario::{CheckKind, Runner, Scenario};

const RAFT: &str = "title: t\nprotocol raft\nnodes 3\nseed 1\nlatency 10ms..20ms\n";
const PAXOS: &str = "title: t\nprotocol paxos\nnodes 3\nseed 1\nlatency 10ms..20ms\n";

fn run(head: &str, body: &str) -> Runner {
    let text = format!("{head}{body}");
    let sc = Scenario::parse("t.scn", &text).unwrap_or_else(|e| panic!("{}", e.pretty()));
    let mut r = Runner::new(&sc).unwrap_or_else(|e| panic!("{}", e.pretty()));
    r.run_all();
    r
}

fn ok(head: &str, body: &str) {
    let r = run(head, body);
    assert!(r.ok(), "{}", r.failures().join("\n"));
}

#[test]
fn hold_deliver_and_drop_pick_in_flight_messages() {
    ok(
        RAFT,
        "step\nen: e\n\
         timeout n1\n\
         hold n1 -> n2 RequestVote\n\
         drop n1 -> n3 RequestVote\n\
         run 100ms\n\
         expect n2 term 0\n\
         expect n3 term 0\n\
         expect n1 is candidate\n\
         deliver n1 -> n2 RequestVote\n\
         expect n2 vote n1\n\
         run until leader n1 within 100ms\n",
    );
}

#[test]
fn a_selector_that_matches_nothing_fails_and_lists_what_is_in_flight() {
    let r = run(RAFT, "step\nen: e\ntimeout n1\ndrop n2 -> n3 Heartbeat\n");
    let f = r.failures().join("\n");
    assert!(f.contains("t.scn:9:1: action failed"), "{f}");
    assert!(
        f.contains("expected: a message in flight matching n2 -> n3 Heartbeat"),
        "{f}"
    );
    assert!(f.contains("#1 n1→n2 RequestVote"), "{f}");
}

#[test]
fn waits_that_time_out_fail_and_skip_their_action() {
    let r = run(
        RAFT,
        "step\nen: e\nwhen n3 is leader within 50ms: crash n3\nexpect n3 is up\n",
    );
    let c = &r.reports()[0].checks;
    assert_eq!(c[0].kind, CheckKind::Wait);
    assert!(!c[0].ok);
    assert_eq!(c[0].expected, "n3 is leader within 50ms");
    assert!(c[1].ok, "the crash was skipped");
    assert_eq!(r.now(), 50_000);
}

#[test]
fn a_time_in_the_past_is_reported() {
    let r = run(
        RAFT,
        "step\nen: e\nrun 200ms\nat 100ms crash n1\nexpect n1 is crashed\n",
    );
    let f = r.failures().join("\n");
    assert!(f.contains("100ms is in the past"), "{f}");
    assert_eq!(r.failures().len(), 1, "the crash itself still happened");
}

#[test]
fn never_trips_once_with_the_time_and_the_actual_value() {
    let r = run(RAFT, "step\nen: e\nnever leader\ntimeout n1\nrun 500ms\n");
    let checks: Vec<_> = r.reports()[0]
        .checks
        .iter()
        .filter(|c| c.kind == CheckKind::Never)
        .collect();
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].expected, "never leader");
    assert!(
        checks[0].actual.starts_with("leader n1 (term 1)"),
        "{}",
        checks[0].actual
    );
    assert!(checks[0].time > 0 && checks[0].time < 100_000);
}

#[test]
fn rewinding_restores_the_exact_state() {
    let text = format!(
        "{RAFT}step\nen: a\ntimeout n1\nrun until leader within 1s\nstep\nen: b\nclient n1 x\n\
         run until stable within 1s\nnever leader term 2\nstep\nen: c\ncrash n1\nrun 1s\n"
    );
    let mut a = Runner::from_text("t.scn", &text).unwrap();
    a.run_step(1);
    let hash = a.trace_hash();
    let now = a.now();
    a.run_all();
    assert!(!a.ok(), "the third step elects a new leader in term 2");
    a.goto(2);
    assert_eq!((a.trace_hash(), a.now()), (hash, now));
    a.run_all();
    let mut b = Runner::from_text("t.scn", &text).unwrap();
    b.run_all();
    assert_eq!(a.trace_hash(), b.trace_hash());
    assert_eq!(a.reports(), b.reports());
}

#[test]
fn load_time_errors_point_into_the_file() {
    let e = Runner::from_text(
        "t.scn",
        &format!("{RAFT}step\nen: e\nexpect violation Election Safty\n"),
    )
    .unwrap_err();
    assert_eq!((e.pos.line, e.pos.col), (8, 18), "{}", e.pretty());
    assert!(
        e.message.contains("unknown invariant `Election Safty`"),
        "{e}"
    );
    assert!(e.message.contains("Election Safety"), "{e}");
    let e = Scenario::parse(
        "t.scn",
        &format!("{RAFT}step\nen: e\ndrop n1 -> n2 Prepare\n"),
    )
    .unwrap_err();
    assert_eq!((e.pos.line, e.pos.col), (8, 15), "{}", e.pretty());
    assert!(e.message.contains("a raft message kind"), "{e}");
    let e = Runner::from_text(
        "t.scn",
        &format!("{PAXOS}roles n1 learner\nroles n2 learner\nroles n3 learner\nstep\nen: e\n"),
    )
    .unwrap_err();
    assert!(
        e.to_string().starts_with(
            "t.scn:6:1: this Paxos cluster cannot run: no node plays the acceptor role"
        ),
        "{e}"
    );
    let e = Runner::from_text(
        "t.scn",
        &format!("{PAXOS}state n1 promised 1.n2 accepted 2.n3 v\nstep\nen: e\n"),
    )
    .unwrap_err();
    assert!(
        e.message.contains("accepted 2.n3 but promised only 1.n2"),
        "{e}"
    );
}

#[test]
fn paxos_initial_state_and_conditions() {
    ok(
        PAXOS,
        "state n1 promised 2.n2 accepted 2.n2 v\n\
         state n2 promised 2.n2 accepted 2.n2 v\n\
         step\nen: e\n\
         expect chosen v\n\
         expect n1 accepted 2.n2 v\n\
         expect n1 accepted 2 v\n\
         expect n1 accepted 2.2\n\
         expect n3 accepted none\n\
         expect n3 learned none\n\
         expect n1 is idle\n\
         timeout n3\n\
         expect n3 is reading\n\
         run 100ms\n\
         expect n3 learned none\n\
         expect n3 is idle\n\
         timeout n3\n\
         run until n3 learned v within 200ms\n\
         expect n3 promised 3.n3\n\
         never chosen w\n",
    );
}

#[test]
fn expected_violations_are_reported_and_unexpected_ones_fail() {
    let body = "unsafe vote-without-log-check\nstep\nen: e\ntimeout n1\nrun until leader n1 within 200ms\n\
                crash n3\nclient n1 x\nrun until request x committed within 500ms\nrun 100ms\n\
                crash n1\nrestart n3\ntimeout n3\nrun until leader n3 within 1s\n";
    let r = run(
        RAFT,
        &format!("{body}expect violation leader completeness\n"),
    );
    assert!(r.ok(), "{}", r.failures().join("\n"));
    assert_eq!(r.violations()[0].invariant, "Leader Completeness");
    let r = run(RAFT, body);
    let f = r.failures().join("\n");
    assert!(f.contains("unexpected invariant violation"), "{f}");
    assert!(
        f.contains("expected: no violation of Leader Completeness"),
        "{f}"
    );
}

/// A Paxos client hears which value was chosen, its own or another (Paxos Made Simple §2.3);
/// a Raft client whose node is down gets no answer, so its outcome is unknown.
#[test]
fn request_outcomes_say_which_value_was_chosen_or_that_nothing_is_known() {
    ok(
        PAXOS,
        "step\nen: e\n\
         client n1 a\n\
         run until request a chosen within 500ms\n\
         client n2 b\n\
         run until not request b pending within 500ms\n\
         expect request b lost to a\n\
         expect not request b lost to c\n\
         expect not request b chosen\n\
         expect not request a lost\n\
         expect not request a chosen in slot 0\n",
    );
    let r = run(
        PAXOS,
        "step\nen: e\nclient n1 a\nrun until request a chosen within 500ms\nexpect request a lost\n",
    );
    let f = r.failures().join("\n");
    assert!(
        f.contains("actual:   request #1 chosen after 0 redirect(s)"),
        "{f}"
    );
    ok(
        RAFT,
        "step\nen: e\n\
         timeout n1\nrun until leader n1 within 200ms\n\
         crash n3\nclient n3 x\n\
         expect request x unknown\n\
         expect not request x refused\n",
    );
}

/// `sent …` counts what nodes sent since the step began: n2 and n3 have empty logs, so each
/// refuses the new leader's probes at indexes 3, 2 and 1 (one entry back per refusal, Figure
/// 2) and accepts the one at 0. The next step starts counting afresh.
#[test]
fn sent_counts_the_messages_of_the_step() {
    let body = "state n1 term 1 log 1 1 1\n\
         step\nen: e\n\
         timeout n1\n\
         run until stable within 2s\n\
         expect sent n2 -> n1 AppendEntriesReply rejected 3\n\
         expect sent * -> n1 AppendEntriesReply rejected 6\n\
         expect sent n1 -> * RequestVote 2\n\
         expect sent n1 -> n2 AppendEntriesReply 0\n\
         step\nen: f\n\
         run 200ms\n\
         expect sent * -> * AppendEntriesReply rejected 0\n\
         expect sent n1 -> * RequestVote 0\n\
         expect sent * -> n1 AppendEntriesReply ok >= 2\n";
    ok(RAFT, body);
    // Fast backtracking: each follower says where its log ends, so one refusal each.
    ok(
        RAFT,
        &body
            .replace("state n1", "option fast-backtrack\nstate n1")
            .replace("rejected 3", "rejected 1")
            .replace("rejected 6", "rejected 2"),
    );
    // A wrong count fails with the count seen.
    let mut r = run(
        RAFT,
        &body.replace(
            "n2 -> n1 AppendEntriesReply rejected 3",
            "n2 -> n1 AppendEntriesReply rejected 2",
        ),
    );
    let f = r.failures().join("\n");
    assert!(
        f.contains("expected: sent n2 -> n1 AppendEntriesReply rejected 2")
            && f.contains("actual:   3 sent this step"),
        "{f}"
    );
    // Going back to a step counts from that step's start again.
    r.goto(1);
    r.run_all();
    assert_eq!(r.failures().len(), 1, "{}", r.failures().join("\n"));
}

/// `N proposes V` pins the value a proposer sends in phase 2, the one P2c dictates.
#[test]
fn proposes_names_the_value_in_phase_2() {
    ok(
        PAXOS,
        "step\nen: e\n\
         expect n1 proposes none\n\
         client n1 a\n\
         run until n1 is proposing within 200ms\n\
         expect n1 proposes a\n\
         expect n1 proposes slot 0 a\n\
         expect not n1 proposes b\n\
         expect n2 proposes none\n",
    );
    let r = run(
        PAXOS,
        "step\nen: e\nclient n1 a\nrun until n1 is proposing within 200ms\nexpect n1 proposes b\n",
    );
    let f = r.failures().join("\n");
    assert!(f.contains("actual:   proposes \"a\" in slot 0"), "{f}");
}

/// The text of every trace line in `lang`, one per entry.
fn lines(r: &Runner, lang: quorumscope::core::Lang) -> Vec<String> {
    (0..r.trace_len()).map(|i| r.trace_text(i, lang)).collect()
}

#[test]
fn restore_undoes_a_cut_and_is_refused_across_a_partition() {
    use quorumscope::core::Lang;
    // A partition is lifted by `heal`, not by restoring one of its links: restore refuses
    // rather than reporting "link restored" and changing nothing.
    let r = run(
        RAFT,
        "step\nen: e\npartition n1 | n2 n3\nrestore n1 -> n2\ntimeout n1\nrun 50ms\n",
    );
    let f = r.failures().join("\n");
    assert!(
        f.contains("t.scn:9:1: action failed")
            && f.contains("link n1 → n2 is not cut but partitioned: use `heal` or `partition`"),
        "{f}"
    );
    let en = lines(&r, Lang::En);
    assert!(!en.iter().any(|l| l.contains("restored")), "{en:?}");
    // Each drop names its cause: the partition here, the cut link below.
    assert!(
        en.iter()
            .any(|l| l.contains("n1 → n2 dropped: partitioned")),
        "{en:?}"
    );
    assert!(!en.iter().any(|l| l.contains("link cut")), "{en:?}");
    let zh = lines(&r, Lang::Zh);
    assert!(zh.iter().any(|l| l.contains("未送达：网络分区")), "{zh:?}");

    let r = run(
        RAFT,
        "step\nen: e\ncut n1 -> n2\ntimeout n1\nrun 50ms\nexpect n2 term 0\n\
         restore n1 -> n2\nrun 100ms\nexpect n2 term 1\n",
    );
    assert!(r.ok(), "{}", r.failures().join("\n"));
    let en = lines(&r, Lang::En);
    assert!(
        en.iter().any(|l| l.contains("n1 → n2 dropped: link cut")),
        "{en:?}"
    );
    assert!(!en.iter().any(|l| l.contains("partitioned")), "{en:?}");
    assert!(lines(&r, Lang::Zh)
        .iter()
        .any(|l| l.contains("未送达：链路断开")));
}

#[test]
fn max_entries_bounds_what_one_append_entries_carries() {
    // n1 leads term 2 with three entries of term 1; with fast backtracking the followers'
    // first rejection sends nextIndex back to 1, and the next AppendEntries carries at most
    // `max-entries` of them: the followers' logs pass through [1 1] on their way to [1 1 1].
    let body = "option fast-backtrack\n\
                state n1 term 1 log 1=a 1=b 1=c\nstate n2 term 1\nstate n3 term 1\n\
                step\nen: e\ntimeout n1\n\
                run until n2 log 1 1 within 1s\nexpect n2 log 1 1\n\
                run until n2 log 1 1 1 within 1s\n";
    ok(&format!("{RAFT}max-entries 2\n"), body);
    // Without the bound the whole log goes in one message, so n2 never holds exactly [1 1].
    let r = run(RAFT, body);
    assert!(!r.ok());
    // The bound is a located error outside 1..=10,000.
    for (v, col) in [("0", 13), ("10001", 13)] {
        let text = format!("{RAFT}max-entries {v}\nstep\nen: e\n");
        let e = Scenario::parse("t.scn", &text).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!(
                "t.scn:6:{col}: the most entries per AppendEntries"
            )),
            "{e}"
        );
    }
    let e = Scenario::parse("t.scn", &format!("{PAXOS}max-entries 2\n"))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("`max-entries` is a setting for Raft scenarios"),
        "{e}"
    );
}

#[test]
fn unsafe_amnesia_is_a_paxos_switch_whose_restart_says_what_was_lost() {
    use quorumscope::core::Lang;
    let r = run(
        &format!("{PAXOS}unsafe amnesia\n"),
        "step\nen: e\nclient n1 x\nrun until chosen x within 1s\nrun 100ms\ncrash n2\nrestart n2\n\
         expect violation Promises never go down\n",
    );
    assert!(r.ok(), "{}", r.failures().join("\n"));
    let en = lines(&r, Lang::En);
    assert!(
        en.iter()
            .any(|l| l.contains("FORGOT its promise 1.n1 and its 1 accepted proposal(s)")),
        "{en:?}"
    );
    let e = Scenario::parse("t.scn", &format!("{RAFT}unsafe amnesia\n"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("forget-promise") || e.contains("Paxos"), "{e}");
}
