//! The Chinese feed speaks Chinese: every library scenario is run with `--lang zh` and every
//! event line is searched for English words. Allowed, as the glossary (`docs/glossary.md`)
//! says: the scenario's node names, client values, message kinds, option names (CheckQuorum,
//! PreVote), the paper's field names (nextIndex, matchIndex, commitIndex, leaderCommit), rule
//! labels (§5.4.2, P2c, (1b)), times (150ms), proposal numbers (1.n1) and SIGSTOP/SIGCONT.
//! Brackets are full width and lists are separated by 、: a half-width bracket or comma is an
//! offence too. A message's own summary on a send line ("Heartbeat t1 prev=0@t0 commit=0")
//! and message notation ("Accept(1.1)") are the same in both languages and are left out.

use quorumscope::core::{Describe, Lang, Protocol};
use quorumscope::scenario::run::message_kinds;
use quorumscope::scenario::{Runner, Scenario, SimRef};
use quorumscope::sim::{Simulator, TraceKind};
use std::collections::BTreeSet;
use std::path::Path;

/// Words that may appear in Chinese text whatever the scenario.
const ALWAYS: &[&str] = &[
    "CheckQuorum",
    "PreVote",
    "nextIndex",
    "matchIndex",
    "commitIndex",
    "leaderCommit",
    "prevLogIndex",
    "prevLogTerm",
    "Raft",
    "Paxos",
    "Multi-Paxos",
    "SIGSTOP",
    "SIGCONT",
];

/// What a scenario allows beyond [`ALWAYS`].
struct Allowed {
    words: BTreeSet<String>,
    names: Vec<String>,
}

impl Allowed {
    fn new(names: &[String], extra: impl IntoIterator<Item = String>) -> Self {
        let mut words: BTreeSet<String> = ALWAYS.iter().map(|s| s.to_string()).collect();
        words.extend(names.iter().cloned());
        for w in extra {
            words.extend(tokens(&w).into_iter().map(str::to_string));
        }
        Allowed {
            words,
            names: names.to_vec(),
        }
    }

    fn allows(&self, tok: &str) -> bool {
        let tok = tok.trim_matches(|c| c == '.' || c == '-');
        if !tok.chars().any(|c| c.is_ascii_alphabetic()) || self.words.contains(tok) {
            return true;
        }
        // Times: 150ms, 1.250s.
        if let Some(num) = tok.strip_suffix("ms").or_else(|| tok.strip_suffix('s')) {
            if !num.is_empty() && num.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return true;
            }
        }
        // Paxos Made Simple's labels: P1a, P2c, P2; the phase labels (1b).
        let b = tok.as_bytes();
        if b[0] == b'P' && b.len() <= 3 && b[1].is_ascii_digit() {
            return true;
        }
        if b.len() == 2 && b[0].is_ascii_digit() && b[1].is_ascii_lowercase() {
            return true;
        }
        // Proposal numbers: 1.n1 (round, then the proposer's name).
        if let Some((round, who)) = tok.split_once('.') {
            if round.chars().all(|c| c.is_ascii_digit()) && self.names.iter().any(|n| n == who) {
                return true;
            }
        }
        false
    }
}

/// The line's words: runs of ASCII letters, digits and `_ . - @ =`.
fn tokens(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || "_.-".contains(c)))
        .filter(|t| !t.is_empty())
        .collect()
}

/// `s` without its quoted values ("x", “x”).
fn unquoted(s: &str) -> String {
    let mut out = String::new();
    let mut close: Option<char> = None;
    for c in s.chars() {
        match close {
            Some(q) if c == q => close = None,
            Some(_) => {}
            None if c == '"' => close = Some('"'),
            None if c == '“' => close = Some('”'),
            None => out.push(c),
        }
    }
    out
}

/// `s` without notation such as `Accept(1.1)`: a word directly followed by brackets.
fn without_notation(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    let mut prev = ' ';
    for c in s.chars() {
        if depth > 0 {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
        } else if c == '(' && prev.is_ascii_alphanumeric() {
            depth = 1;
        } else {
            out.push(c);
        }
        prev = c;
    }
    out
}

/// The English words of `line` that `allowed` does not allow, and its half-width brackets
/// and commas (Chinese text uses （） and 、).
fn english(line: &str, allowed: &Allowed) -> Vec<String> {
    let text = without_notation(&unquoted(line));
    let mut bad: Vec<String> = tokens(&text)
        .into_iter()
        .filter(|t| !allowed.allows(t))
        .map(str::to_string)
        .collect();
    bad.extend(
        text.chars()
            .filter(|c| matches!(c, '(' | ')' | ','))
            .map(String::from),
    );
    bad
}

/// The message kinds and client values of a run, and which of its events are sends.
fn facts<P: Protocol>(sim: &Simulator<P>) -> (Vec<String>, Vec<bool>) {
    let mut extra = Vec::new();
    let mut sends = Vec::new();
    for e in sim.trace.iter() {
        match &e.kind {
            TraceKind::Send { msg, .. } | TraceKind::Deliver { msg, .. } => {
                extra.push(msg.kind().to_string())
            }
            TraceKind::Client { request, .. } => extra.push(request.value.clone()),
            _ => {}
        }
        sends.push(matches!(e.kind, TraceKind::Send { .. }));
    }
    (extra, sends)
}

/// A send line, "n1 → n2  Heartbeat t1 prev=0@t0 commit=0  （#5）", without the message's
/// own summary between the two double spaces.
fn without_summary(line: &str) -> String {
    match (line.find("  "), line.rfind("  ")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &line[..a], &line[b..]),
        _ => line.to_string(),
    }
}

/// Every offending event line of one scenario, as "file: line   ← words".
fn offences(file: &str, text: &str) -> Vec<String> {
    let sc = match Scenario::parse(file, text) {
        Ok(sc) => sc,
        Err(e) => return vec![e.pretty()],
    };
    let mut r = match Runner::new(&sc) {
        Ok(r) => r,
        Err(e) => return vec![e.pretty()],
    };
    r.run_all();
    let (mut extra, sends) = match r.sim() {
        SimRef::Raft(sim) => facts(sim),
        SimRef::Paxos(sim) => facts(sim),
    };
    extra.extend(message_kinds(sc.protocol).iter().map(|s| s.to_string()));
    let allowed = Allowed::new(&sc.names, extra);
    let mut bad = Vec::new();
    for i in 0..r.trace_len() {
        let mut line = r.trace_text(i, Lang::Zh);
        if sends.get(i) == Some(&true) {
            line = without_summary(&line);
        }
        let words = english(&line, &allowed);
        if !words.is_empty() {
            bad.push(format!(
                "{file}: {}   ← {}",
                r.trace_line(i, Lang::Zh),
                words.join(" ")
            ));
        }
    }
    bad
}

#[test]
fn the_chinese_feed_has_no_english_words() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("scenarios/ exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "scn"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut bad = Vec::new();
    for p in files {
        let file = format!("scenarios/{}", p.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(&p).expect("readable");
        bad.extend(offences(&file, &text));
    }
    assert!(
        bad.is_empty(),
        "{} Chinese event line(s) with English words:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn the_check_finds_english_and_allows_what_the_glossary_allows() {
    let names = vec!["m1".to_string(), "m2".to_string()];
    let kinds = ["AppendEntries", "Accept", "x"].map(String::from);
    let allowed = Allowed::new(&names, kinds);
    // What the feed printed before the glossary.
    assert_eq!(
        english("[181.585ms] m1 的 Election 计时器到期", &allowed),
        ["Election"]
    );
    assert_eq!(
        english("m1 把 commit_index 推进到 2 (Figure 2)", &allowed),
        ["commit_index", "Figure", "(", ")"]
    );
    assert_eq!(english("m1 退为跟随者 (§6.2)", &allowed), ["(", ")"]);
    assert_eq!(english("m1 提交（thesis §6.2）", &allowed), ["thesis"]);
    assert_eq!(english("多数派（m1, m2）", &allowed), [","]);
    // A send line's message summary is notation; the rest of the line is checked.
    let send = "m1 → m2  Heartbeat t1 prev=0@t0 commit=0  （#5）";
    assert_eq!(without_summary(send), "m1 → m2  （#5）");
    assert_eq!(
        english(&without_summary("m1 → m2  Heartbeat t1  (#5)"), &allowed),
        ["(", ")"]
    );
    // What it may print.
    for ok in [
        "[  1.250s] m2 拒绝了来自 m1 的 AppendEntries：自己的第 2 任期比发送者的任期新（§5.1）",
        "m1 进行法定人数检查（CheckQuorum）：最近 150ms 内收到了 m2 的消息（博士论文 §6.2）",
        "m2 把 nextIndex 回退到 3；提案编号 1.m1，值 “x”，“free, text (here)”（P2c）（§2.2（1b））",
        "m2 忽略了来自 m1 的 Accept(1.1)（P1a）",
        "m1 被暂停（SIGSTOP）",
    ] {
        assert_eq!(english(ok, &allowed), [] as [&str; 0], "{ok}");
    }
}
