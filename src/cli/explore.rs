//! `quorumscope explore`: the randomised fault campaign of [`crate::explore`], with a summary
//! for people (or JSON for machines), and `quorumscope merge`, which adds up the JSON of a
//! campaign's shards. A progress bar shows on a terminal, and only there.

use super::args::{ExploreArgs, MergeArgs};
use crate::core::{fmt_time, ProtocolKind};
use crate::explore::{campaign, merge, Explorable, Options, RunOutcome, Summary};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Value};
use std::io::{IsTerminal, Write};
use std::time::Instant;

/// The campaign's options from the command line.
pub fn options(a: &ExploreArgs) -> Options {
    let mut o = Options::new(&a.protocol);
    o.nodes = a.nodes;
    o.first_seed = a.first_seed;
    o.seeds = a.seeds;
    if let Some(t) = a.fault_time {
        o.fault_time = t;
    }
    for name in &a.no_faults {
        o.faults.leave_out(name);
    }
    o.unsafe_switches = a.unsafe_switches.clone();
    o.stop_at_first = a.stop_at_first;
    o.shard = a.shard;
    o.threads = a.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    o
}

fn outcome_line(o: &RunOutcome) -> String {
    match (&o.invariant, &o.liveness) {
        (Some(inv), _) => format!(
            "seed {}: VIOLATION of {inv} after {} events",
            o.seed, o.events
        ),
        (None, Some(why)) => format!(
            "seed {}: LIVENESS failure after {} events: {why}",
            o.seed, o.events
        ),
        (None, None) => format!(
            "seed {}: ok, {} events, recovered {} after healing",
            o.seed,
            o.events,
            o.recovered_in.map_or("-".into(), fmt_time)
        ),
    }
}

/// A progress bar on standard error when both outputs are terminals (not with `--json`);
/// otherwise a hidden one, which draws nothing.
fn progress(opts: &Options, json: bool) -> ProgressBar {
    if json || !std::io::stdout().is_terminal() || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(opts.seed_list().0);
    if let Ok(style) = ProgressStyle::with_template(
        "{elapsed_precise} [{bar:40}] {pos}/{len} seeds, {per_sec}, {eta} left  {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn run<P: Explorable>(
    opts: &Options,
    verbose: bool,
    bar: &ProgressBar,
    out: &mut dyn Write,
) -> Result<Summary, String> {
    let mut failing = 0u64;
    campaign::<P>(opts, |o| {
        if verbose {
            bar.suspend(|| {
                let _ = writeln!(out, "{}", outcome_line(o));
                if let Some(v) = &o.violation {
                    let _ = writeln!(out, "{v}");
                }
            });
        }
        if o.failed() {
            failing += 1;
            bar.set_message(format!("{failing} failing"));
        }
        bar.inc(1);
    })
}

pub fn explore(a: &ExploreArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let opts = options(a);
    let start = Instant::now();
    let verbose = a.verbose && !a.json;
    let bar = progress(&opts, a.json);
    let result = match a.protocol.parse::<ProtocolKind>() {
        Ok(ProtocolKind::Raft) => run::<crate::core::raft::RaftNode>(&opts, verbose, &bar, out),
        Ok(ProtocolKind::Paxos) => run::<crate::core::paxos::PaxosNode>(&opts, verbose, &bar, out),
        Err(_) => Err(format!(
            "the fault campaign cannot drive `{}` (it drives: raft, paxos)",
            a.protocol
        )),
    };
    bar.finish_and_clear();
    let s = match result {
        Ok(s) => s,
        Err(e) => {
            writeln!(
                err,
                "quorumscope: error: explore: {e} (see `quorumscope explore --help`)"
            )?;
            return Ok(super::EXIT_USAGE);
        }
    };
    let secs = start.elapsed().as_secs_f64();
    summary(&opts, &s, secs, a.json, out)
}

/// The campaign's summary, for people or (`json`) as the JSON that `merge` reads back.
fn summary(
    opts: &Options,
    s: &Summary,
    secs: f64,
    json: bool,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    let secs = secs.max(1e-9);
    let rate = s.events as f64 / secs;
    let failing: Vec<u64> = s.failures.iter().map(|f| f.seed).collect();
    if json {
        let v = json!({
            "protocol": opts.protocol,
            "nodes": opts.nodes,
            "first_seed": opts.first_seed,
            "seeds": opts.seeds,
            "shard": opts.shard.map(|s| s.to_string()),
            "threads": opts.threads,
            "runs": s.runs,
            "events": s.events,
            "seconds": secs,
            "events_per_second": rate,
            "violations": s.violations,
            "liveness_failures": s.liveness_failures,
            "max_recovery_us": s.max_recovery,
            "failing_seeds": failing,
            "failures": s.failures,
            "options": opts,
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        )?;
    } else {
        let shard = opts
            .shard
            .map_or(String::new(), |s| format!(" (shard {s})"));
        writeln!(
            out,
            "explore {}{shard}: {} runs, {} events in {:.2}s ({:.0} events/s)",
            opts.protocol, s.runs, s.events, secs, rate
        )?;
        writeln!(
            out,
            "violations: {}   liveness failures: {}   slowest recovery after healing: {}",
            s.violations,
            s.liveness_failures,
            fmt_time(s.max_recovery)
        )?;
        if failing.is_empty() {
            writeln!(out, "failing seeds: none")?;
        } else {
            let list: Vec<String> = failing.iter().map(u64::to_string).collect();
            writeln!(out, "failing seeds: {}", list.join(", "))?;
            for f in &s.failures {
                writeln!(out, "  {}", outcome_line(f))?;
                writeln!(out, "    reproduce: {}", f.reproduce)?;
            }
        }
    }
    Ok(if s.failures.is_empty() {
        super::EXIT_OK
    } else {
        super::EXIT_FAILED
    })
}

/// One shard's `explore --json` output read back: its options, its summary and its time.
fn read_part(path: &str) -> Result<(Options, Summary, f64), String> {
    let text = super::read_capped(path, 64 << 20)
        .map_err(|e| format!("{path}: cannot read the file: {e}"))?;
    let v: Value = serde_json::from_slice(&text)
        .map_err(|e| format!("{path}: not JSON ({e}); merge reads what `explore --json` writes"))?;
    let field = |name: &str| -> Result<Value, String> {
        v.get(name)
            .cloned()
            .ok_or_else(|| format!("{path}: no `{name}`; merge reads what `explore --json` writes"))
    };
    let bad = |name: &str, e: serde_json::Error| format!("{path}: `{name}` is not valid: {e}");
    let opts: Options = serde_json::from_value(field("options")?).map_err(|e| bad("options", e))?;
    let num = |name: &str| -> Result<u64, String> {
        field(name)?
            .as_u64()
            .ok_or_else(|| format!("{path}: `{name}` is not a whole number"))
    };
    let s = Summary {
        runs: num("runs")?,
        events: num("events")?,
        violations: num("violations")?,
        liveness_failures: num("liveness_failures")?,
        max_recovery: num("max_recovery_us")?,
        failures: serde_json::from_value(field("failures")?).map_err(|e| bad("failures", e))?,
    };
    let secs = field("seconds")?.as_f64().unwrap_or(0.0);
    Ok((opts, s, secs))
}

/// `quorumscope merge`: the summary of a campaign run as shards. Its time is the shards'
/// times added up (machine time, not the wall time of the whole).
pub fn merge_files(
    a: &MergeArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let mut parts = Vec::new();
    let mut secs = 0.0;
    for path in &a.files {
        match read_part(path) {
            Ok((o, s, t)) => {
                parts.push((o, s));
                secs += t;
            }
            Err(e) => {
                writeln!(err, "quorumscope: error: merge: {e}")?;
                return Ok(super::EXIT_USAGE);
            }
        }
    }
    match merge(&parts) {
        Ok((opts, s)) => summary(&opts, &s, secs, a.json, out),
        Err(e) => {
            writeln!(err, "quorumscope: error: merge: {e}")?;
            Ok(super::EXIT_USAGE)
        }
    }
}
