//! Memory per cluster-second of trace under the steady Raft load (issue 24's target: at most
//! 0.3 MB): the workload of `benches/sim_throughput.rs` (5 nodes, a client request every
//! 5 ms unless told), run for 600 s of virtual time with the whole trace kept. Prints the process's
//! resident memory every 60 s of virtual time and the slope between the first and the last
//! mark. Linux only (it reads /proc/self/status).
//!
//! `cargo run --release --example trace_memory [SECONDS] [REQUEST_EVERY_MS]`

use quorumscope::core::raft::RaftNode;
use quorumscope::core::MS;
use quorumscope::sim::{Action, Setup, Simulator};

/// The process's resident set now, in bytes (`VmRSS`).
fn rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let every: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let mut sim: Simulator<RaftNode> = Simulator::new(Setup::new(5, 42));
    let (mut t, mut k) = (0, 0u64);
    let mut marks = Vec::new();
    while t < seconds * 1000 * MS {
        t += every * MS;
        sim.run_until(t);
        k += 1;
        let value = format!("v{k}");
        sim.act(Action::Client {
            node: (k % 5) as usize,
            value,
        })
        .expect("a valid action");
        if t % (60_000 * MS) == 0 {
            marks.push((t / (1000 * MS), sim.state.events, sim.trace.len(), rss()));
            let (s, e, n, r) = marks[marks.len() - 1];
            println!(
                "{s:>4} s: {e:>9} events, {n:>9} trace entries, {:>7.1} MB resident",
                r as f64 / 1e6
            );
        }
    }
    if let (Some(a), Some(b)) = (marks.first(), marks.last()) {
        if b.0 > a.0 {
            let per_s = (b.3 as f64 - a.3 as f64) / (b.0 - a.0) as f64;
            let per_entry = (b.3 as f64 - a.3 as f64) / (b.2 - a.2) as f64;
            println!(
                "{:.3} MB per cluster-second of trace ({per_entry:.0} bytes per trace entry)",
                per_s / 1e6
            );
        }
    }
}
