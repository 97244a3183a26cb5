//! `quorumscope run`: a scenario's timeline, one dense line per event.
//!
//! Both forms are streamed: each step's events are written as the step runs and then
//! forgotten ([`Runner::run_next_step_streamed`]), so memory does not grow with the run
//! (issue 22 item 3). A step's events wait in a spill buffer (`spill.rs`) until the step has
//! run, because the step's heading, written first, names its end time.

use super::args::RunArgs;
use super::spill::Spill;
use crate::core::{fmt_time, Lang};
use crate::glossary::{invariant_name, Term};
use crate::scenario::{Check, CheckKind, Entries, Runner, Scenario, StepReport};
use serde_json::{json, Value};
use std::io::{self, Write};

/// Runs the next step, streaming its events through `each` (which writes them to `spill`).
/// `Ok(false)` when every step has run.
fn run_step(
    r: &mut Runner,
    spill: &mut Spill,
    mut each: impl FnMut(&Entries<'_>, &mut Spill) -> io::Result<()>,
) -> io::Result<bool> {
    let mut res = Ok(());
    let ran = r
        .run_next_step_streamed(&mut |e| {
            if res.is_ok() {
                res = each(&e, spill);
            }
        })
        .is_some();
    res.map(|_| ran)
}

/// The timeline's own words (not glossary terms: those come from [`Term`]), in `lang`.
fn say(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The header lines: title, file, protocol, nodes, seed and settings.
pub fn header(sc: &Scenario, lang: Lang) -> Vec<String> {
    let mut lines = vec![sc.title.get(lang).to_string()];
    if let Some(zh) = &sc.title.zh {
        if lang == Lang::En {
            lines.push(zh.clone());
        } else {
            lines.push(sc.title.en.clone());
        }
    }
    if !sc.about.en.is_empty() {
        lines.push(sc.about.get(lang).to_string());
    }
    let mut facts = vec![
        format!("{} {}", say(lang, "file", "文件"), sc.file),
        sc.protocol.name().to_string(),
        match lang {
            Lang::En => format!("{} node(s): {}", sc.names.len(), sc.names.join(" ")),
            Lang::Zh => format!("{} 个节点：{}", sc.names.len(), sc.names.join(" ")),
        },
        format!("{} {}", say(lang, "seed", "种子"), sc.seed),
    ];
    let t = &sc.timing;
    let range = |(a, b): (u64, u64)| {
        if a == b {
            fmt_time(a)
        } else {
            format!("{}..{}", fmt_time(a), fmt_time(b))
        }
    };
    // The timing settings are glossary terms, named in the timeline's language.
    if let Some(r) = t.election_timeout {
        facts.push(format!("{} {}", Term::ElectionTimeout.get(lang), range(r)));
    }
    if let Some(h) = t.heartbeat {
        let word = match lang {
            Lang::En => Term::Heartbeat.en(),
            Lang::Zh => Term::HeartbeatInterval.zh(),
        };
        facts.push(format!("{word} {}", fmt_time(h)));
    }
    if let Some(r) = t.retry_timeout {
        facts.push(format!("{} {}", Term::RetryTimeout.get(lang), range(r)));
    }
    if let Some(r) = t.latency {
        facts.push(format!("{} {}", Term::Latency.get(lang), range(r)));
    }
    for (name, p) in [
        ("loss", t.loss),
        ("duplication", t.duplicate),
        ("reordering", t.reorder),
    ] {
        if let Some(p) = p {
            facts.push(format!("{name} {:.0}%", p * 100.0));
        }
    }
    for (_, opt, on) in &sc.options {
        facts.push(format!(
            "{} {}",
            opt.keyword(),
            if *on { "on" } else { "off" }
        ));
    }
    lines.push(facts.join(" · "));
    lines
}

/// One expectation's line. The condition and its actual value are in the scenario language
/// (English keywords); the words around them are in `lang`.
fn check_line(c: &Check, lang: Lang) -> String {
    let mark = if c.ok { "✓" } else { "✗" };
    let t = fmt_time(c.time);
    let zh = lang == Lang::Zh;
    let mut s = match (c.kind, zh) {
        (CheckKind::Expect, _) => format!("  {mark} {}", c.source),
        (CheckKind::Never, false) => format!("  {mark} {} (came true at {t})", c.source),
        (CheckKind::Never, true) => format!("  {mark} {}（于 {t} 成立）", c.source),
        (CheckKind::Wait, false) => format!("  {mark} {} (not reached)", c.source),
        (CheckKind::Wait, true) => format!("  {mark} {}（未在时限内达到）", c.source),
        (CheckKind::Action, false) => format!("  {mark} {} (could not be done)", c.source),
        (CheckKind::Action, true) => format!("  {mark} {}（无法执行）", c.source),
        (CheckKind::Violation, false) => {
            format!("  {mark} invariant violated during: {}", c.source)
        }
        (CheckKind::Violation, true) => format!("  {mark} 执行这一行时违反了不变式：{}", c.source),
    };
    if c.ok {
        s.push_str(&format!("   [{}]", c.actual));
        if !c.at_end {
            // Written before a later action of the step: true then, not at the step's end.
            s.push_str(&match lang {
                Lang::En => format!("   (held at {t}; no longer at the step's end)"),
                Lang::Zh => format!("   （于 {t} 成立；到这一步结束时已不再成立）"),
            });
        }
    } else {
        s.push_str(&match lang {
            Lang::En => format!(
                "   (line {})\n      expected: {}\n      actual:   {}",
                c.pos.line, c.expected, c.actual
            ),
            Lang::Zh => format!(
                "   （第 {} 行）\n      预期：{}\n      实际：{}",
                c.pos.line, c.expected, c.actual
            ),
        });
    }
    s
}

/// Writes a stretch of a step's events, one line each, with a line after each event whose
/// check found a violation.
fn text_entries(e: &Entries<'_>, a: &RunArgs, out: &mut dyn Write) -> io::Result<()> {
    for i in e.range.clone() {
        if a.messages || !e.sim.is_traffic(i) {
            writeln!(out, "{}", e.sim.trace_line(i, a.lang))?;
        }
        for v in e.violations {
            if v.trace_len == i + 1 {
                match a.lang {
                    Lang::En => writeln!(
                        out,
                        "!!!!!!!!!!! VIOLATION of {} (checked after the event above): {}",
                        v.invariant, v.detail
                    )?,
                    Lang::Zh => writeln!(
                        out,
                        "!!!!!!!!!!! 违反了“{}”（在上面的事件之后检查）：{}",
                        invariant_name(&v.invariant, Lang::Zh),
                        v.detail
                    )?,
                }
            }
        }
    }
    Ok(())
}

/// Runs the first `steps` steps and writes their timeline as they run: the header, then each
/// step (heading, caption, events, checks), then the summary.
pub fn write_text(
    r: &mut Runner,
    steps: usize,
    a: &RunArgs,
    out: &mut dyn Write,
) -> io::Result<()> {
    for l in header(r.scenario(), a.lang) {
        writeln!(out, "{l}")?;
    }
    let mut spill = Spill::default();
    while r.steps_done() < steps {
        if !run_step(r, &mut spill, |e, w| text_entries(e, a, w))? {
            break;
        }
        let sc = r.scenario();
        let total = sc.steps.len();
        let rep = &r.reports()[r.steps_done() - 1];
        let step = &sc.steps[rep.index];
        writeln!(out)?;
        let (start, end) = (fmt_time(rep.start), fmt_time(rep.end));
        match a.lang {
            Lang::En => writeln!(out, "━━ step {}/{total} ━━ {start} → {end}", rep.index + 1)?,
            Lang::Zh => writeln!(out, "━━ 第 {}/{total} 步 ━━ {start} → {end}", rep.index + 1)?,
        }
        writeln!(out, "   {}", step.caption.get(a.lang))?;
        let other = if a.lang == Lang::En {
            Lang::Zh
        } else {
            Lang::En
        };
        if step.caption.zh.is_some() {
            writeln!(out, "   {}", step.caption.get(other))?;
        }
        spill.drain_into(out)?;
        for c in &rep.checks {
            writeln!(out, "{}", check_line(c, a.lang))?;
        }
    }
    writeln!(out)?;
    summary(r, a.lang, out)
}

/// The closing lines: how many steps, checks and events, and the verdict.
pub fn summary(r: &Runner, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let checks: Vec<&Check> = r.reports().iter().flat_map(|s| &s.checks).collect();
    let expects = checks
        .iter()
        .filter(|c| c.kind == CheckKind::Expect)
        .count();
    let failed = checks.iter().filter(|c| !c.ok).count();
    let (done, steps, events, now) = (
        r.steps_done(),
        r.step_count(),
        r.events(),
        fmt_time(r.now()),
    );
    match lang {
        Lang::En => writeln!(
            out,
            "{done} of {steps} step(s) run; {expects} expectation(s); {events} event(s) in {now} of virtual time"
        )?,
        Lang::Zh => writeln!(
            out,
            "运行了 {steps} 步中的 {done} 步；{expects} 项预期；虚拟时间 {now} 内共 {events} 个事件"
        )?,
    }
    let unexpected: Vec<&str> = checks
        .iter()
        .filter(|c| c.kind == CheckKind::Violation)
        .map(|c| c.expected.trim_start_matches("no violation of "))
        .collect();
    for v in r.violations() {
        let surprise = unexpected.contains(&v.invariant.as_str());
        let (inv, t, detail) = (
            invariant_name(&v.invariant, lang),
            fmt_time(v.time),
            &v.detail,
        );
        match (lang, surprise) {
            (Lang::En, true) => writeln!(out, "UNEXPECTED violation of {inv} at {t}: {detail}")?,
            (Lang::En, false) => writeln!(out, "expected violation of {inv} at {t}: {detail}")?,
            (Lang::Zh, true) => writeln!(out, "意外地违反了“{inv}”（于 {t}）：{detail}")?,
            (Lang::Zh, false) => writeln!(out, "按预期违反了“{inv}”（于 {t}）：{detail}")?,
        }
    }
    if failed == 0 {
        writeln!(out, "{}", say(lang, "everything held", "全部成立"))
    } else {
        match lang {
            Lang::En => writeln!(out, "{failed} failure(s):")?,
            Lang::Zh => writeln!(out, "{failed} 项失败：")?,
        }
        for f in r.failures() {
            writeln!(out, "{f}")?;
        }
        Ok(())
    }
}

fn check_json(c: &Check) -> Value {
    json!({
        "kind": format!("{:?}", c.kind).to_lowercase(),
        "line": c.pos.line,
        "column": c.pos.col,
        "source": c.source,
        "ok": c.ok,
        "expected": c.expected,
        "actual": c.actual,
        "time_us": c.time,
        "time": fmt_time(c.time),
    })
}

/// Writes one JSON value compactly.
fn put(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    serde_json::to_writer(&mut *out, v).map_err(io::Error::other)
}

/// Writes a stretch of a step's events as JSON, one per line (each built, written and dropped
/// in turn); `first` says whether one was written before in this step.
fn json_entries(
    e: &Entries<'_>,
    a: &RunArgs,
    first: &mut bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for i in e
        .range
        .clone()
        .filter(|&i| a.messages || !e.sim.is_traffic(i))
    {
        out.write_all(if *first { b"\n" } else { b",\n" })?;
        *first = false;
        put(
            out,
            &json!({
                "index": i,
                "time_us": e.sim.trace_time(i),
                "text": e.sim.trace_text(i, a.lang),
                "event": e.sim.trace_json(i),
            }),
        )?;
    }
    Ok(())
}

/// Writes one step of the run once it is done: its fields, then its events (waiting in
/// `events`), then its checks.
fn write_step_json(
    r: &Runner,
    rep: &StepReport,
    events: &mut Spill,
    out: &mut dyn Write,
) -> io::Result<()> {
    let step = &r.scenario().steps[rep.index];
    write!(
        out,
        "{{\"index\":{},\"line\":{},\"caption\":",
        rep.index, step.pos.line
    )?;
    put(
        out,
        &json!({ "en": step.caption.en, "zh": step.caption.zh }),
    )?;
    write!(
        out,
        ",\"start_us\":{},\"end_us\":{},\"events\":[",
        rep.start, rep.end
    )?;
    events.drain_into(out)?;
    out.write_all(b"\n],\"checks\":")?;
    put(
        out,
        &Value::Array(rep.checks.iter().map(check_json).collect()),
    )?;
    write!(out, ",\"ok\":{}}}", rep.ok())
}

/// Runs the first `steps` steps and writes the whole run as one JSON document, streamed: the
/// run's fields, then each step as soon as it has run (its events one per line), then the
/// totals. Memory holds neither the timeline nor the trace: each event's JSON is written and
/// dropped in turn, and the trace is forgotten as it is written.
pub fn write_json(
    r: &mut Runner,
    steps: usize,
    a: &RunArgs,
    out: &mut dyn Write,
) -> io::Result<()> {
    let sc = r.scenario();
    out.write_all(b"{\"file\":")?;
    put(out, &json!(sc.file))?;
    out.write_all(b",\"title\":")?;
    put(out, &json!({ "en": sc.title.en, "zh": sc.title.zh }))?;
    out.write_all(b",\"protocol\":")?;
    put(out, &json!(sc.protocol.name()))?;
    out.write_all(b",\"nodes\":")?;
    put(out, &json!(sc.names))?;
    write!(out, ",\"seed\":{},\"steps\":[", sc.seed)?;
    let mut spill = Spill::default();
    while r.steps_done() < steps {
        let mut first = true;
        if !run_step(r, &mut spill, |e, w| json_entries(e, a, &mut first, w))? {
            break;
        }
        let k = r.steps_done() - 1;
        if k > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        write_step_json(r, &r.reports()[k], &mut spill, out)?;
    }
    write!(
        out,
        "\n],\"events\":{},\"end_us\":{},\"violations\":",
        r.events(),
        r.now()
    )?;
    put(out, &json!(r.violations()))?;
    out.write_all(b",\"failures\":")?;
    put(out, &json!(r.failures()))?;
    writeln!(out, ",\"ok\":{}}}", r.failures().is_empty())
}

pub fn checks_json(r: &Runner) -> Vec<Value> {
    r.reports()
        .iter()
        .flat_map(|s| &s.checks)
        .map(check_json)
        .collect()
}
