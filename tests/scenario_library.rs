//! Every file in scenarios/ is played through the runner and must pass; the embedded library
//! must list exactly the files of the directory; every scenario is narrated in both languages;
//! runs are deterministic, also when stepping back and forth.

use quorumscope::core::Lang;
use quorumscope::scenario::ast::{CommandKind, Opt, Step};
use quorumscope::scenario::{library, Runner, Scenario};
use std::path::Path;

fn files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("scenarios/ exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "scn"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).expect("readable");
            (name, text)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_scenario_file_passes() {
    let mut failed = Vec::new();
    for (name, text) in files() {
        let path = format!("scenarios/{name}");
        let sc = match Scenario::parse(&path, &text) {
            Ok(sc) => sc,
            Err(e) => {
                failed.push(e.pretty());
                continue;
            }
        };
        let mut r = match Runner::new(&sc) {
            Ok(r) => r,
            Err(e) => {
                failed.push(e.pretty());
                continue;
            }
        };
        r.run_all();
        if !r.ok() {
            failed.push(format!("{path}:\n{}", r.failures().join("\n")));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

#[test]
fn the_embedded_library_matches_the_directory() {
    let on_disk = files();
    let mut embedded: Vec<(String, String)> = library()
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    embedded.sort();
    let names = |v: &[(String, String)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&embedded),
        names(&on_disk),
        "src/scenario/library.rs must list every scenarios/*.scn (and nothing else)"
    );
    assert_eq!(embedded, on_disk);
}

#[test]
fn every_scenario_is_narrated_in_english_and_chinese() {
    for (name, text) in library() {
        let sc = Scenario::parse(name, text).unwrap();
        assert!(
            sc.title.zh.is_some(),
            "{name}: the title has no `title.zh:`"
        );
        for (k, step) in sc.steps.iter().enumerate() {
            assert!(
                !step.caption.en.is_empty(),
                "{name}: step {} has no `en:`",
                k + 1
            );
            let zh = step.caption.zh.as_deref().unwrap_or("");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{name}: step {} (line {}) has no Chinese caption",
                k + 1,
                step.pos.line
            );
        }
    }
}

/// Stepping back and forth gives the same state as a straight run.
#[test]
fn steps_are_deterministic() {
    for (name, text) in library().iter().take(4) {
        let mut a = Runner::from_text(name, text).unwrap();
        a.run_all();
        let mut b = Runner::from_text(name, text).unwrap();
        let k = b.step_count();
        b.run_step(k / 2);
        b.goto(0);
        assert_eq!(b.trace_len(), 0);
        b.run_step(k - 1);
        b.goto(k.saturating_sub(2));
        b.run_all();
        assert_eq!(a.trace_hash(), b.trace_hash(), "{name}");
        assert_eq!(a.reports(), b.reports(), "{name}");
        assert_eq!(
            a.trace_line(a.trace_len() - 1, Lang::Zh),
            b.trace_line(b.trace_len() - 1, Lang::Zh)
        );
    }
}

/// Why a step does not pin its caption, or `None` if it does. A step pins its caption when,
/// after its last action, at least one `expect` checks the state it ends in. Actions are the
/// lines that change the cluster or let time pass: `run`, `at`, `after`, `when` and every bare
/// action (`crash`, `timeout`, `client`, `partition`, `deliver`, …). `run until` is an action
/// too, but its condition holds right after it, so a step may end with it. `never` lines are
/// neither: they forbid the future, they do not check the present.
fn unpinned(step: &Step) -> Option<String> {
    let mut pinned = false;
    for c in &step.commands {
        match c.kind {
            CommandKind::Expect(_) => pinned = true,
            CommandKind::RunUntil { .. } => pinned = true,
            CommandKind::Never(_) => {}
            CommandKind::Do(_)
            | CommandKind::At(..)
            | CommandKind::After(..)
            | CommandKind::When { .. }
            | CommandKind::Run(_) => pinned = false,
        }
    }
    if pinned {
        return None;
    }
    let last = step
        .commands
        .iter()
        .rev()
        .find(|c| !matches!(c.kind, CommandKind::Never(_)));
    Some(match last {
        Some(c) => format!(
            "step at line {} ends with `{}` (line {}) and no `expect` after it",
            step.pos.line, c.source, c.pos.line
        ),
        None => format!("step at line {} has no `expect`", step.pos.line),
    })
}

fn unpinned_steps(sc: &Scenario) -> Vec<String> {
    sc.steps
        .iter()
        .filter_map(unpinned)
        .map(|why| format!("{}: {why}", sc.file))
        .collect()
}

/// Every step ends with an expectation evaluated after its last action, so what the caption
/// claims about the end of the step is checked (issue 20).
#[test]
fn every_step_pins_its_caption() {
    let mut bad = Vec::new();
    for (name, text) in files() {
        let sc = Scenario::parse(&format!("scenarios/{name}"), &text).unwrap();
        bad.extend(unpinned_steps(&sc));
    }
    assert!(
        bad.is_empty(),
        "steps whose caption nothing checks after their last action:\n{}",
        bad.join("\n")
    );
}

/// The rule rejects what it should: a step that ends with an action, one whose only
/// expectation comes before its last action, one with only a `never`; and accepts a step
/// that ends with `run until` or with an expectation.
#[test]
fn the_pinning_rule_catches_unpinned_steps() {
    let text = "title: t\nprotocol raft\nnodes 3\n\
        step\nen: a\nrun until leader within 1s\n\
        step\nen: b\nexpect leader\ncrash n1\n\
        step\nen: c\nclient n2 x\nnever leader term 5\n\
        step\nen: d\nrun 10ms\nexpect n2 is up\nnever leader term 6\n\
        step\nen: e\nexpect n2 is up\nrun until leader within 1s\nrun 5ms\n\
        step\nen: f\nnever leader term 7\n";
    let sc = Scenario::parse("counter.scn", text).unwrap();
    let bad = unpinned_steps(&sc);
    let lines: Vec<&str> = bad.iter().map(String::as_str).collect();
    assert_eq!(
        lines,
        [
            "counter.scn: step at line 7 ends with `crash n1` (line 10) and no `expect` after it",
            "counter.scn: step at line 11 ends with `client n2 x` (line 13) and no `expect` after it",
            "counter.scn: step at line 20 ends with `run 5ms` (line 24) and no `expect` after it",
            "counter.scn: step at line 25 has no `expect`",
        ]
    );
}

/// CheckQuorum really is what deposes the partitioned leader in
/// `raft-check-quorum-partition.scn`: without `option check-quorum` the file fails.
#[test]
fn the_check_quorum_scenario_needs_check_quorum() {
    let name = "scenarios/raft-check-quorum-partition.scn";
    let (_, text) = files()
        .into_iter()
        .find(|(n, _)| format!("scenarios/{n}") == name)
        .expect("the CheckQuorum scenario exists");
    let mut with = Runner::from_text(name, &text).unwrap();
    with.run_all();
    assert!(with.ok(), "{}", with.failures().join("\n"));

    let lines = text.lines().filter(|l| l.trim() == "option check-quorum");
    assert_eq!(
        lines.count(),
        1,
        "the file turns CheckQuorum on in one line"
    );
    let without: String = text
        .lines()
        .filter(|l| l.trim() != "option check-quorum")
        .map(|l| format!("{l}\n"))
        .collect();
    let mut r = Runner::from_text(name, &without).unwrap();
    assert_eq!(r.scenario().option(Opt::CheckQuorum), None);
    r.run_all();
    assert!(
        !r.ok(),
        "without CheckQuorum the partitioned leader must not step down on its own"
    );
    // What fails is each step-down itself: the partitioned n1 stays leader of term 1, and the
    // resumed n3, paused and cut off, stays leader of term 2.
    let failures = r.failures().join("\n");
    assert!(failures.contains("run until n1 is follower"), "{failures}");
    assert!(failures.contains("expect n3 is follower"), "{failures}");
}

/// The paused Mesos master is deposed by the term rule (§5.1), not by CheckQuorum: the story
/// runs without the option, so the step-down it shows can only come from a newer term. (With
/// CheckQuorum on, the overdue check would fire first on resume and take the credit.)
#[test]
fn the_paused_master_is_fenced_by_its_term_not_by_check_quorum() {
    let name = "raft-paused-leader-stale-term.scn";
    let (_, text) = library()
        .iter()
        .find(|(n, _)| *n == name)
        .expect("the paused-master scenario is in the library");
    let mut r = Runner::from_text(name, text).unwrap();
    assert_eq!(r.scenario().option(Opt::CheckQuorum), None);
    r.run_all();
    assert!(r.ok(), "{}", r.failures().join("\n"));
}
