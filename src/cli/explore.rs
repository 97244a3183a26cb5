//! `quorumscope explore`: the randomised fault campaign of [`crate::explore`], with a summary
//! for people (or JSON for machines).

use super::args::ExploreArgs;
use crate::core::{fmt_time, ProtocolKind};
use crate::explore::{campaign, Explorable, Options, RunOutcome, Summary};
use serde_json::json;
use std::io::Write;
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

fn run<P: Explorable>(
    opts: &Options,
    verbose: bool,
    out: &mut dyn Write,
) -> Result<Summary, String> {
    campaign::<P>(opts, |o| {
        if verbose {
            let _ = writeln!(out, "{}", outcome_line(o));
            if let Some(v) = &o.violation {
                let _ = writeln!(out, "{v}");
            }
        }
    })
}

pub fn explore(a: &ExploreArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let opts = options(a);
    let start = Instant::now();
    let verbose = a.verbose && !a.json;
    let result = match a.protocol.parse::<ProtocolKind>() {
        Ok(ProtocolKind::Raft) => run::<crate::core::raft::RaftNode>(&opts, verbose, out),
        Ok(ProtocolKind::Paxos) => run::<crate::core::paxos::PaxosNode>(&opts, verbose, out),
        Err(_) => Err(format!(
            "the fault campaign cannot drive `{}` (it drives: raft, paxos)",
            a.protocol
        )),
    };
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
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let rate = s.events as f64 / secs;
    let failing: Vec<u64> = s.failures.iter().map(|f| f.seed).collect();
    if a.json {
        let v = json!({
            "protocol": a.protocol,
            "nodes": opts.nodes,
            "first_seed": opts.first_seed,
            "runs": s.runs,
            "events": s.events,
            "seconds": secs,
            "events_per_second": rate,
            "violations": s.violations,
            "liveness_failures": s.liveness_failures,
            "max_recovery_us": s.max_recovery,
            "failing_seeds": failing,
            "failures": s.failures,
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        )?;
    } else {
        writeln!(
            out,
            "explore {}: {} runs, {} events in {:.2}s ({:.0} events/s)",
            a.protocol, s.runs, s.events, secs, rate
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
