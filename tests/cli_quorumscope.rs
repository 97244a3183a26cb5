//! The `quorumscope` binary, end to end: exit codes, timelines, failures with positions and
//! actual values, JSON output, help and clear usage errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn qs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quorumscope"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A scratch scenario file, unique to this test.
fn scratch(name: &str, body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quorumscope-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

fn library_files() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "scn"))
        .map(|p| format!("scenarios/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    v.sort();
    v
}

#[test]
fn check_passes_on_the_whole_library() {
    let files = library_files();
    let mut args = vec!["check"];
    args.extend(files.iter().map(String::as_str));
    let o = qs(&args);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
    assert!(
        out.contains(&format!("{} passed, 0 failed", files.len())),
        "{out}"
    );
    // A directory stands for its *.scn files.
    let o = qs(&["check", "scenarios"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains(&format!("{} passed, 0 failed", files.len())),
        "{out}"
    );
}

#[test]
fn a_header_never_is_checked_from_the_start() {
    let p = scratch(
        "never.scn",
        "title: t\nprotocol raft\nnodes 3\nnever n1 term 0\nstep\nen: e\nzh: 中\nexpect n1 term 0\n",
    );
    let o = qs(&["check", &p.to_string_lossy()]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("`never` condition came true at 0ms: never n1 term 0"),
        "{out}"
    );
}

#[test]
fn run_prints_a_timeline_with_captions_explanations_and_checks() {
    let o = qs(&["run", "scenarios/raft-split-vote.scn"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("━━ step 1/"), "{out}");
    assert!(
        out.contains("选票分裂"),
        "the Chinese caption is shown: {out}"
    );
    assert!(
        out.contains("denied its vote for term 1"),
        "decisions are explained: {out}"
    );
    assert!(out.contains("(§5.2)"), "rules are cited: {out}");
    assert!(out.contains("✓ expect B vote A"), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with('[') && l.contains("ms]")),
        "{out}"
    );
    let zh = text(&qs(&[
        "run",
        "scenarios/raft-split-vote.scn",
        "--lang",
        "zh",
        "--no-messages",
    ]))
    .0;
    assert!(zh.contains("收到") || zh.contains("计时器"), "{zh}");
    assert!(
        !zh.contains("→ B  RequestVote"),
        "--no-messages hides sends: {zh}"
    );
    // The timeline's own words follow --lang too: step headers, the header's facts, the
    // mid-step expectation that no longer holds at the end, and the verdict.
    for words in [
        "━━ 第 1/6 步 ━━",
        "4 个节点：A B C D",
        "种子 16",
        "延迟 10ms..20ms",
        "到这一步结束时已不再成立",
        "运行了 6 步中的 6 步",
        "全部成立",
    ] {
        assert!(zh.contains(words), "{words}: {zh}");
    }
    for english in [
        "step(s)",
        "everything held",
        "no longer at the step's end",
        "latency",
    ] {
        assert!(!zh.contains(english), "{english}: {zh}");
    }
    assert!(
        out.contains("(held at ") && out.contains("no longer at the step's end"),
        "{out}"
    );
}

#[test]
fn run_json_is_machine_readable() {
    let o = qs(&["run", "scenarios/raft-first-election.scn", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["ok"], true);
    assert_eq!(v["protocol"], "raft");
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 5);
    assert!(steps[1]["caption"]["zh"]
        .as_str()
        .unwrap()
        .contains("候选人"));
    assert!(steps[1]["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["event"]["kind"].get("TimerFired").is_some()));
    assert_eq!(steps[3]["checks"][0]["ok"], true);
}

#[test]
fn a_failed_expectation_shows_position_expected_and_actual() {
    let p = scratch(
        "fails.scn",
        "title: t\nprotocol raft\nnodes 3\nseed 1\nstep\nen: e\nzh: 中\ntimeout n1\n\
         run until leader within 1s\nexpect leader n2\nexpect n1 term 7\n",
    );
    let path = p.to_string_lossy().into_owned();
    let o = qs(&["check", &path]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(&format!("{path}:10:1: expectation failed")),
        "{out}"
    );
    assert!(out.contains("expected: leader n2"), "{out}");
    assert!(out.contains("actual:   leader n1 (term 1)"), "{out}");
    assert!(
        out.contains("expected: n1 term 7") && out.contains("actual:   term 1"),
        "{out}"
    );
    assert!(out.contains("0 passed, 1 failed"), "{out}");
    let j: serde_json::Value =
        serde_json::from_slice(&qs(&["check", "--json", &path]).stdout).unwrap();
    assert_eq!(j[0]["ok"], false);
    assert_eq!(j[0]["failures"].as_array().unwrap().len(), 2);
}

#[test]
fn an_unexpected_violation_fails_the_check() {
    let text_ = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/raft-unsafe-vote-without-log-check.scn"),
    )
    .unwrap();
    // Without its `expect violation` line the same run must fail, naming the invariant.
    let body: String = text_
        .lines()
        .filter(|l| !l.starts_with("expect violation"))
        .map(|l| format!("{l}\n"))
        .collect();
    let p = scratch("violation.scn", &body);
    let o = qs(&["check", &p.to_string_lossy()]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("unexpected invariant violation"), "{out}");
    assert!(out.contains("Leader Completeness"), "{out}");
}

#[test]
fn a_malformed_file_gets_file_line_column() {
    let p = scratch(
        "bad.scn",
        "title: t\nprotocol raft\nnodes 3\nstep\nen: x\nrun 5 seconds\n",
    );
    let path = p.to_string_lossy().into_owned();
    for args in [vec!["check", path.as_str()], vec!["run", path.as_str()]] {
        let o = qs(&args);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{out}{err}");
        assert!(
            err.contains(&format!("{path}:6:5: expected a duration with a unit")),
            "{err}"
        );
        assert!(
            err.contains("    run 5 seconds\n        ^"),
            "a caret under the column: {err}"
        );
    }
    let o = qs(&["check", "no/such/file.scn"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o)
        .1
        .contains("no/such/file.scn: cannot read the file"));
}

#[test]
fn help_and_usage_errors() {
    let (out, _) = text(&qs(&["--help"]));
    for w in ["run", "check", "explore", "--json", "Exit codes"] {
        assert!(out.contains(w), "{w}: {out}");
    }
    assert!(text(&qs(&["explore", "--help"])).0.contains("--seeds <N>"));
    assert!(text(&qs(&["help", "format"])).0.contains("expect leader"));
    // The messages of the bounds and checks are the tool's own; the others are clap's.
    for (args, msg) in [
        (vec!["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (
            vec!["run"],
            "required arguments were not provided:\n  <FILE>",
        ),
        (
            vec!["run", "a.scn", "--colour"],
            "unexpected argument '--colour'",
        ),
        (
            vec!["check"],
            "required arguments were not provided:\n  <FILE>...",
        ),
        (
            vec!["explore", "--seeds", "3"],
            "required arguments were not provided:\n  --protocol <PROTOCOL>",
        ),
        (
            vec!["explore", "--protocol", "raft", "--seeds", "many"],
            "whole number",
        ),
        (
            vec![
                "explore",
                "--protocol",
                "raft",
                "--seeds",
                "2",
                "--nodes",
                "12",
            ],
            "1 to 9",
        ),
    ] {
        let o = qs(&args);
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(msg), "{args:?}: {err}");
        assert!(err.contains("--help"), "points at the help: {err}");
    }
}

/// The conventions of command-line tools: a version, no arguments prints the usage and exits
/// 2, a mistyped subcommand or flag gets a suggestion, completions for three shells.
#[test]
fn version_usage_suggestions_and_completions() {
    let o = qs(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        text(&o).0.trim(),
        format!("quorumscope {}", env!("CARGO_PKG_VERSION"))
    );
    let o = qs(&[]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}{err}");
    assert!(
        out.is_empty() && err.contains("Usage: quorumscope <COMMAND>"),
        "{err}"
    );
    for (args, tip) in [
        (
            vec!["chek", "scenarios"],
            "similar subcommand exists: 'check'",
        ),
        (
            vec!["run", "scenarios/raft-first-election.scn", "--jsn"],
            "similar argument exists: '--json'",
        ),
        (
            vec!["explore", "--protocol", "raft", "--seeds", "1", "--no-crsh"],
            "similar argument exists: '--no-crash'",
        ),
    ] {
        let o = qs(&args);
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(tip), "{args:?}: {err}");
    }
    for (shell, marker, flag) in [
        ("bash", "complete -F", "--no-hold"),
        ("zsh", "#compdef quorumscope", "--no-hold"),
        ("fish", "complete -c quorumscope", "-l no-hold"),
    ] {
        let o = qs(&["completions", shell]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("explore") && out.contains(flag), "{shell}");
    }
}

#[test]
fn explore_runs_a_campaign_and_names_failing_seeds() {
    let o = qs(&[
        "explore",
        "--protocol",
        "raft",
        "--seeds",
        "3",
        "--nodes",
        "3",
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("explore raft: 3 runs"), "{out}");
    assert!(out.contains("events/s"), "{out}");
    assert!(out.contains("violations: 0"), "{out}");
    assert!(out.contains("failing seeds: none"), "{out}");

    // An unsafe switch is caught; the seed that catches it depends on the campaign's draws,
    // so find it first, then reproduce it alone.
    let o = qs(&[
        "explore",
        "--protocol",
        "raft",
        "--nodes",
        "5",
        "--seeds",
        "40",
        "--stop-at-first",
        "--unsafe",
        "vote-without-log-check",
    ]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let seed: String = out
        .lines()
        .find_map(|l| l.strip_prefix("failing seeds: "))
        .expect("a failing seed")
        .to_string();
    let args = [
        "explore",
        "--protocol",
        "raft",
        "--nodes",
        "5",
        "--first-seed",
        seed.as_str(),
        "--seeds",
        "1",
        "--unsafe",
        "vote-without-log-check",
    ];
    let o = qs(&args);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains(&format!("failing seeds: {seed}")), "{out}");
    assert!(
        out.contains("reproduce: cargo run --release --bin quorumscope -- explore"),
        "{out}"
    );

    let mut json_args = args.to_vec();
    json_args.push("--json");
    let v: serde_json::Value = serde_json::from_slice(&qs(&json_args).stdout).unwrap();
    assert_eq!(v["failing_seeds"][0].to_string(), seed);
    assert_eq!(v["violations"], 1);

    let o = qs(&[
        "explore",
        "--protocol",
        "raft",
        "--seeds",
        "1",
        "--unsafe",
        "bogus",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("unknown unsafe switch 'bogus'"));
}
