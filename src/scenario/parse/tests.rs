use super::parse;
use crate::scenario::ast::*;
use crate::scenario::units::Cmp;
use crate::sim::Action;

const HEAD: &str = "title: t\nprotocol raft\nnodes A B C\n";

fn ok(body: &str) -> Scenario {
    let text = format!("{HEAD}{body}");
    parse("t.scn", &text).unwrap_or_else(|e| panic!("{}", e.pretty()))
}

fn err(text: &str) -> String {
    match parse("t.scn", text) {
        Ok(_) => panic!("parsed: {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_small_scenario() {
    let sc = ok(
        "seed 7\nelection-timeout 150ms..300ms\nheartbeat 50ms\noption pre-vote\n\
                 state A term 2 vote B log 1 1=x 2\n\
                 step\nen: One\nzh: 一\nrun 300ms\nexpect leader A term 2\n\
                 when A is leader within 2s: crash A\nexpect A log 1 1 2\nexpect no leader\n\
                 step\nen: Two\nat 1s: partition A | B C\ncut A <-> B\ndrop A -> * Heartbeat\n\
                 hold all * -> B\ndeliver 12\nrun until stable within 5s\nnever leader term 9\n",
    );
    assert_eq!(sc.names, ["A", "B", "C"]);
    assert_eq!(sc.seed, 7);
    assert_eq!(sc.timing.election_timeout, Some((150_000, 300_000)));
    assert_eq!(sc.option(Opt::PreVote), Some(true));
    assert_eq!(sc.steps.len(), 2);
    assert_eq!(sc.steps[0].caption.zh.as_deref(), Some("一"));
    assert_eq!(sc.steps[1].caption.zh, None);
    let c = &sc.steps[0].commands;
    assert_eq!(
        c[1].kind,
        CommandKind::Expect(Pred::Leader {
            node: Some(0),
            term: Some(2)
        })
    );
    assert!(matches!(
        &c[2].kind,
        CommandKind::When {
            act: Act::Sim(Action::Crash(0)),
            within: Some(2_000_000),
            ..
        }
    ));
    assert_eq!(c[3].pos.line, 15);
    assert_eq!(c[3].source, "expect A log 1 1 2");
    assert!(matches!(&c[4].kind, CommandKind::Expect(Pred::Not(_))));
    let init = &sc.initial[0];
    assert_eq!(init.items.len(), 3);
    let c = &sc.steps[1].commands;
    assert_eq!(
        c[0].kind,
        CommandKind::At(
            1_000_000,
            Act::Sim(Action::Partition(vec![vec![0], vec![1, 2]]))
        )
    );
    assert_eq!(
        c[1].kind,
        CommandKind::Do(Act::BothWays {
            cut: true,
            a: 0,
            b: 1
        })
    );
    assert_eq!(
        c[3].kind,
        CommandKind::Do(Act::Message(
            MsgOp::Hold,
            MsgSel::Match {
                all: true,
                from: None,
                to: Some(1),
                kind: None
            }
        ))
    );
}

#[test]
fn comparisons_and_paxos_items() {
    let sc = ok("step\nen: x\nexpect B term >= 3\nexpect C commit < 2\n");
    assert_eq!(
        sc.steps[0].commands[0].kind,
        CommandKind::Expect(Pred::Term {
            node: 1,
            cmp: Cmp::Ge,
            value: 3
        })
    );
    let p = parse(
        "p.scn",
        "title: p\nprotocol paxos\nnodes 3\nstate n1 promised 2.n2 accepted 1.n1 \"a b\"\n\
         roles n3 learner\noption backoff off\n\
         step\nen: x\nexpect n1 accepted 1.n1 \"a b\"\nexpect chosen none\nexpect n3 is reading\n",
    )
    .unwrap();
    assert_eq!(p.protocol, ProtocolKind::Paxos);
    assert_eq!(
        p.roles,
        vec![(crate::scenario::Pos::new(5, 1), 2, vec![PaxosRole::Learner])]
    );
    assert_eq!(p.option(Opt::Backoff), Some(false));
    assert_eq!(
        p.steps[0].commands[1].kind,
        CommandKind::Expect(Pred::Chosen {
            slot: None,
            value: None
        })
    );
}

#[test]
fn errors_have_positions_and_say_what_was_expected() {
    let e = err("title: t\nprotocol raft\nnodes 3\nelection-timeout 150..300ms\n");
    assert!(
        e.starts_with("t.scn:4:18: expected a duration with a unit"),
        "{e}"
    );
    let e = err("title: t\nprotocol raft\nnodes 3\nstep\nen: x\ncrsh n1\n");
    assert!(
        e.starts_with("t.scn:6:1:") && e.contains("did you mean `crash`"),
        "{e}"
    );
    let e = err("title: t\nprotocol raft\nnodes 3\nstep\nen: x\ncrash n7\n");
    assert_eq!(
        e,
        "t.scn:6:7: expected a node name (n1, n2, n3), found `n7`"
    );
    let e = err("title: t\nprotocol paxos\nnodes 3\nstep\nen: x\nexpect n1 log 1 2\n");
    assert!(
        e.starts_with("t.scn:6:11: `log` is a condition for Raft scenarios"),
        "{e}"
    );
    let e = err("title: t\nprotocol raft\nnodes 3\nstep\nrun 1s\n");
    assert!(e.starts_with("t.scn:4:1: this step has no caption"), "{e}");
    let e = err("title: t\nprotocol raft\nnodes 10\n");
    assert!(
        e.starts_with("t.scn:3:7: a cluster has 1 to 9 nodes"),
        "{e}"
    );
    let e = err("title: t\nprotocol raft\nnodes 3\n");
    assert!(e.contains("expected at least one `step`"), "{e}");
    let e = err("title: t\nnodes 3\nstep\nen: x\n");
    assert!(e.starts_with("t.scn:3:1: expected `protocol raft`"), "{e}");
    let e = err("title: t\nprotocol raft\nnodes 3\nstep\nen: x\nwhen leader n1 crash n1\n");
    assert!(e.starts_with("t.scn:6:16: expected `:`"), "{e}");
    let e = err("title: t\nprotocol raft\nnodes 3\nstate n1 term 1 log 1 2\nstep\nen: x\n");
    assert!(e.starts_with("t.scn:4:10: the term (1) is below"), "{e}");
    let e = err("title: t\nprotocol paxos\nnodes 3\nstate n1 promised 2\n");
    assert!(
        e.starts_with("t.scn:4:19: write the proposer too, like `2.n1`"),
        "{e}"
    );
    let e = err("title: t\nprotocol paxos\nnodes 3\nstep\nen: x\nexpect n1 is candidate\n");
    assert!(
        e.starts_with("t.scn:6:14: `candidate` is a role or phase for Raft scenarios"),
        "{e}"
    );
    let e = err("title: t\nprotocol raft\nnodes 3\nroles n1 learner\n");
    assert!(
        e.starts_with("t.scn:4:1: `roles` is a setting for Paxos scenarios"),
        "{e}"
    );
    let e = err("title: t\nprotocol raft\nnodes 3\nunsafe pre-vote\n");
    assert!(e.contains("write `option pre-vote`"), "{e}");
    let e = err("title: t\nprotocol raft\nnodes 3\nstep\nen: x\nrun 1s extra\n");
    assert!(
        e.starts_with("t.scn:6:8: expected the end of the line, found `extra`"),
        "{e}"
    );
    let e = err("title: t\nprotocol raft\nnodes 3\nstep\nen:\n");
    assert!(e.starts_with("t.scn:5:4: expected text after `en:`"), "{e}");
}

#[test]
fn captions_join_lines_and_fall_back_to_english() {
    let sc = ok("step\nen: one\nen: two\nzh: 一\nzh: 二\nstep\nen: only english\n");
    assert_eq!(sc.steps[0].caption.en, "one two");
    assert_eq!(sc.steps[0].caption.zh.as_deref(), Some("一二"));
    assert_eq!(
        sc.steps[1].caption.get(crate::core::Lang::Zh),
        "only english"
    );
}

/// The request vocabulary says only what the client knows (issue 20): Raft commits at an
/// index, Paxos chooses a value (the client's or another), a client with no answer is
/// `unknown`, and `failed` is refused with a pointer to `unknown`.
#[test]
fn request_outcomes_say_what_is_known() {
    let req = |sc: &Scenario| match &sc.steps[0].commands[0].kind {
        CommandKind::Expect(Pred::Request { is, .. }) => is.clone(),
        other => panic!("{other:?}"),
    };
    let raft = |line: &str| req(&ok(&format!("step\nen: s\nexpect {line}\n")));
    assert_eq!(raft("request x committed at 1"), ReqIs::Committed(Some(1)));
    assert_eq!(raft("request x unknown"), ReqIs::Unknown);
    assert_eq!(raft("request x refused"), ReqIs::Refused);
    assert_eq!(raft("request x pending"), ReqIs::Pending);
    assert_eq!(raft("request x redirects 2"), ReqIs::Redirects(2));
    let paxos = |line: &str| {
        let text = format!("title: t\nprotocol paxos\nnodes 3\nstep\nen: s\nexpect {line}\n");
        req(&parse("t.scn", &text).unwrap_or_else(|e| panic!("{}", e.pretty())))
    };
    assert_eq!(paxos("request a chosen"), ReqIs::Chosen(None));
    assert_eq!(paxos("request a chosen in slot 2"), ReqIs::Chosen(Some(2)));
    assert_eq!(
        paxos("request a lost to b"),
        ReqIs::Lost {
            slot: None,
            to: Some("b".into())
        }
    );
    assert_eq!(
        paxos("request a lost in slot 1 to \"no-op\""),
        ReqIs::Lost {
            slot: Some(1),
            to: Some("no-op".into())
        }
    );

    let e = err(&format!("{HEAD}step\nen: s\nexpect request x failed\n"));
    assert!(
        e.starts_with("t.scn:6:18: `failed` is not a request outcome")
            && e.contains("write `unknown`"),
        "{e}"
    );
    let e =
        err("title: t\nprotocol paxos\nnodes 3\nstep\nen: s\nexpect request x committed at 0\n");
    assert!(
        e.starts_with(
            "t.scn:6:18: `committed` is a raft request outcome; in a paxos scenario write `chosen"
        ),
        "{e}"
    );
    let e = err(&format!("{HEAD}step\nen: s\nexpect request x chosen\n"));
    assert!(
        e.starts_with(
            "t.scn:6:18: `chosen` is a paxos request outcome; in a raft scenario write `committed"
        ),
        "{e}"
    );
    let e = err(&format!("{HEAD}step\nen: s\nexpect request x done\n"));
    assert!(e.contains("`unknown`"), "{e}");
    let e = err("title: t\nprotocol paxos\nnodes 3\nstep\nen: s\nexpect request x chosen in 2\n");
    assert!(e.contains("expected `slot`"), "{e}");
}

#[test]
fn counts_of_messages_sent() {
    let sc = ok(
        "step\nen: x\nexpect sent B -> A AppendEntriesReply rejected 7\n\
                 expect sent * -> A appendentriesreply ok >= 2\nexpect sent A -> * <3\n\
                 expect not sent A -> C Heartbeat = 0\n",
    );
    let c = &sc.steps[0].commands;
    assert_eq!(
        c[0].kind,
        CommandKind::Expect(Pred::Sent {
            route: Route {
                from: Some(1),
                to: Some(0),
                kind: Some("AppendEntriesReply".into())
            },
            answer: Some(false),
            cmp: Cmp::Eq,
            count: 7
        })
    );
    assert_eq!(
        c[1].kind,
        CommandKind::Expect(Pred::Sent {
            route: Route {
                from: None,
                to: Some(0),
                kind: Some("AppendEntriesReply".into())
            },
            answer: Some(true),
            cmp: Cmp::Ge,
            count: 2
        })
    );
    assert_eq!(
        c[2].kind,
        CommandKind::Expect(Pred::Sent {
            route: Route {
                from: Some(0),
                to: None,
                kind: None
            },
            answer: None,
            cmp: Cmp::Lt,
            count: 3
        })
    );
    assert!(
        matches!(&c[3].kind, CommandKind::Expect(Pred::Not(p)) if matches!(**p, Pred::Sent { .. }))
    );
    // Written back as it was written (the expectation's "expected" column).
    let names: Vec<String> = ["A", "B", "C"].iter().map(|s| s.to_string()).collect();
    let back: Vec<String> = c
        .iter()
        .map(|cmd| match &cmd.kind {
            CommandKind::Expect(p) => crate::scenario::run::fmt_pred(p, &names),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        back,
        [
            "sent B -> A AppendEntriesReply rejected 7",
            "sent * -> A AppendEntriesReply ok >= 2",
            "sent A -> * < 3",
            "not sent A -> C Heartbeat 0",
        ]
    );
}

#[test]
fn bad_counts_of_messages_are_located() {
    let head = "title: t\nprotocol raft\nnodes A B C\nstep\nen: x\n";
    let e = err(&format!("{head}expect sent B A rejected 1\n"));
    assert!(
        e.starts_with(
            "t.scn:6:15: expected `->` (as in `sent f -> L AppendEntriesReply rejected 7`)"
        ),
        "{e}"
    );
    let e = err(&format!(
        "{head}expect sent B -> A AppendEntriesReply rejected\n"
    ));
    assert!(
        e.starts_with("t.scn:6:47: expected how many messages"),
        "{e}"
    );
    let e = err(&format!("{head}expect sent B -> A Prepare 1\n"));
    assert!(
        e.starts_with("t.scn:6:20:") && e.contains("a raft message kind"),
        "{e}"
    );
    let e = err(&format!("{head}expect sent B -> D 1\n"));
    assert!(
        e.starts_with("t.scn:6:18: expected `*` or a node name"),
        "{e}"
    );
    let e = err(&format!("{head}expect sent B -> A rejected seven\n"));
    assert!(e.starts_with("t.scn:6:29:"), "{e}");
    let e = err(&format!("{head}expect sent B -> A rejected 1 extra\n"));
    assert!(
        e.starts_with("t.scn:6:31: expected the end of the line"),
        "{e}"
    );
    let e = err(&format!("{head}run until sent B -> A 1 within 1s\n"));
    assert!(
        e.starts_with("t.scn:6:11: `sent …` counts the messages of the whole step")
            && e.contains("not with `run until`"),
        "{e}"
    );
    let e = err(&format!("{head}never not sent B -> A 1\n"));
    assert!(
        e.starts_with("t.scn:6:7:") && e.contains("not with `never`"),
        "{e}"
    );
    let e = err(&format!("{head}when sent B -> A 1: crash A\n"));
    assert!(
        e.starts_with("t.scn:6:6:") && e.contains("not with `when`"),
        "{e}"
    );
}

#[test]
fn limits_are_located_errors_at_the_value() {
    // Bounds from crate::limits, each refused at the value's column.
    let e = err(&format!("{HEAD}election-timeout 5ms..300ms\nstep\nen: a\n"));
    assert!(e.contains(":4:18:") && e.contains("between 10ms"), "{e}");
    let e = err(&format!("{HEAD}heartbeat 61s\nstep\nen: a\n"));
    assert!(
        e.contains(":4:11:") && e.contains("heartbeat interval"),
        "{e}"
    );
    let e = err(&format!("{HEAD}latency 1ms..2m\nstep\nen: a\n"));
    assert!(e.contains(":4:9:"), "{e}");
    let e = err(&format!("{HEAD}step\nen: a\nlatency 70s\n"));
    assert!(e.contains(":6:9:") && e.contains("latency"), "{e}");
    let e = err(&format!("{HEAD}state A term 1000000001\nstep\nen: a\n"));
    assert!(
        e.contains(":4:14:") && e.contains("at most 1000000000"),
        "{e}"
    );
    let e = err(&format!("{HEAD}step\nen: a\nexpect A log 1 99999999999\n"));
    assert!(e.contains(":6:16:") && e.contains("term"), "{e}");
    // The bounds themselves are accepted.
    let sc = ok(
        "election-timeout 10ms..60s\nheartbeat 1ms\nlatency 0ms..60s\n\
                 state A term 1000000000\nstep\nen: a\n",
    );
    assert_eq!(sc.timing.heartbeat, Some(1_000));
}

#[test]
fn a_text_key_without_its_colon_and_deep_nesting_are_errors() {
    let e = err(&format!("{HEAD}en The first election\nstep\nen: a\n"));
    assert!(e.contains(":4:1:") && e.contains("`en:`"), "{e}");
    let e = err(&format!("{HEAD}step\nen: a\n  zh 第一\n"));
    assert!(e.contains(":6:3:") && e.contains("`zh:`"), "{e}");
    let deep = "not ".repeat(crate::limits::MAX_NESTING + 1);
    let e = err(&format!("{HEAD}step\nen: a\nexpect {deep}stable\n"));
    assert!(e.contains("nest at most"), "{e}");
    let ok_deep = "not ".repeat(crate::limits::MAX_NESTING);
    ok(&format!("step\nen: a\nexpect {ok_deep}stable\n"));
    let e = err(&format!("{HEAD}step\nen: a\nrun\u{7} 1s\n"));
    assert!(e.contains(":6:4:") && e.contains("U+0007"), "{e}");
}

#[test]
fn a_timed_command_takes_an_action_not_a_step_command() {
    let e =
        err("title: t\nprotocol raft\nnodes 3\nstep\nen: x\nwhen leader n1: expect leader n1\n");
    assert!(
        e.starts_with("t.scn:6:17: `when` takes an action (crash, ")
            && e.contains("not the step command `expect`")
            && e.contains("write `run until CONDITION` and then `expect …`"),
        "{e}"
    );
    assert!(!e.contains("did you mean"), "{e}");
    let e = err("title: t\nprotocol raft\nnodes 3\nstep\nen: x\nat 1s: never no leader\n");
    assert!(
        e.starts_with("t.scn:6:8: `at` takes an action") && e.contains("`never`"),
        "{e}"
    );
}
