//! The workload of `benches/long_runs.rs` from the command line, to reproduce its figures
//! with a plain timer, and the same load as a scenario file for `quorumscope check`:
//!
//! ```text
//! cargo run --release --example long_run -- run 9 240 10 checked     # nodes, seconds, ms
//! cargo run --release --example long_run -- run 5 600 5 unchecked
//! cargo run --release --example long_run -- scenario 9 240 10 > load.scn
//! quorumscope check load.scn
//! ```
//!
//! `run` prints the events, the commits and the CPU time the run took (Linux: from
//! /proc/self/schedstat). A scenario file is at most 1 MiB: about 30,000 requests.

#[path = "../benches/support/steady_load.rs"]
mod steady_load;

use quorumscope::core::MS;
use std::process::ExitCode;

/// CPU time of this thread so far, in seconds (Linux only).
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn scenario(nodes: usize, secs: u64, every: u64) -> String {
    let mut s = format!(
        "title: steady load, {nodes} nodes, a request every {every} ms for {secs} s\n\
         protocol raft\nnodes {nodes}\nseed 42\n\
         step\nen: warm up\nrun until leader within 5s\n\
         step\nen: load\n"
    );
    for k in 1..=secs * 1000 / every {
        s.push_str(&format!(
            "after {every}ms client n{} v{k}\n",
            k % nodes as u64 + 1
        ));
    }
    s.push_str("run 1s\nexpect leader\n");
    s
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| args.get(i).and_then(|a| a.parse::<u64>().ok());
    let (Some(nodes), Some(secs), Some(every)) = (num(1), num(2), num(3)) else {
        eprintln!("usage: long_run run|scenario NODES SECONDS EVERY_MS [checked|unchecked]");
        return ExitCode::from(2);
    };
    if !(1..=9).contains(&nodes) || secs == 0 || every == 0 {
        eprintln!("long_run: 1 to 9 nodes, and a positive run length and interval");
        return ExitCode::from(2);
    }
    match args[0].as_str() {
        "scenario" => print!("{}", scenario(nodes as usize, secs, every)),
        "run" => {
            let checked = match args.get(4).map(String::as_str) {
                Some("checked") | None => true,
                Some("unchecked") => false,
                Some(other) => {
                    eprintln!("long_run: `{other}` is not checked or unchecked");
                    return ExitCode::from(2);
                }
            };
            let before = cpu_seconds();
            let o = steady_load::steady(nodes as usize, secs * 1000 * MS, every * MS, checked);
            let cpu = cpu_seconds()
                .zip(before)
                .map_or("n/a".into(), |(a, b)| format!("{:.4} s", a - b));
            println!(
                "{nodes} nodes, {secs} s, a request every {every} ms, {}: {} events, {} commits, CPU {cpu}",
                if checked { "checked" } else { "unchecked" },
                o.events,
                o.commits
            );
        }
        other => {
            eprintln!("long_run: unknown mode `{other}` (run or scenario)");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
