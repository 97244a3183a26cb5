//! Campaigns on every core and across machines (issue 24 items 3 and 4): the same totals and
//! the same failing seeds, in the same order, whatever the thread count; shards that add up
//! to the single run; and runs that keep no trace.

use quorumscope::cli::main_with;
use quorumscope::core::paxos::PaxosNode;
use quorumscope::core::raft::RaftNode;
use quorumscope::explore::{self, Options, Shard, Summary};

/// A Raft campaign with the unsafe vote: some seeds fail, most do not.
fn unsafe_raft(seeds: u64) -> Options {
    let mut o = Options::new("raft");
    o.seeds = seeds;
    o.first_seed = 100;
    o.unsafe_switches = vec!["vote-without-log-check".into()];
    o
}

/// The campaign on `threads` threads, and the seeds in the order `each` saw them.
fn on(opts: &Options, threads: usize) -> (Summary, Vec<u64>) {
    let mut o = opts.clone();
    o.threads = threads;
    let mut order = Vec::new();
    let s = explore::campaign::<RaftNode>(&o, |r| order.push(r.seed)).expect("runs");
    (s, order)
}

#[test]
fn the_thread_count_changes_nothing() {
    let opts = unsafe_raft(40);
    let (one, order) = on(&opts, 1);
    assert_eq!(one.runs, 40);
    assert!(
        one.violations >= 3 && one.violations < 40,
        "{} violations",
        one.violations
    );
    assert_eq!(order, (100..140).collect::<Vec<_>>());
    for threads in [2, 3, 8] {
        let (many, seen) = on(&opts, threads);
        assert_eq!(many, one, "{threads} threads");
        assert_eq!(seen, order, "{threads} threads: the runs in seed order");
    }
    // The first failing seed ends the campaign there, whatever ran past it.
    let mut stop = opts.clone();
    stop.stop_at_first = true;
    let (first, _) = on(&stop, 1);
    assert_eq!(first.failures.len(), 1);
    assert_eq!(first.failures[0].seed, one.failures[0].seed);
    assert_eq!(first.runs, one.failures[0].seed - 100 + 1);
    for threads in [2, 4] {
        assert_eq!(on(&stop, threads).0, first, "{threads} threads");
    }
}

#[test]
fn shards_add_up_to_the_single_run() {
    let opts = unsafe_raft(25);
    let (whole, _) = on(&opts, 2);
    let parts: Vec<(Options, Summary)> = (1..=4)
        .rev()
        .map(|index| {
            let mut o = opts.clone();
            o.shard = Some(Shard { index, count: 4 });
            let s = explore::campaign::<RaftNode>(&o, |_| {}).expect("runs");
            (o, s)
        })
        .collect();
    // Every seed in exactly one shard: 25 seeds over 4 shards is 7 + 6 + 6 + 6.
    let runs: Vec<u64> = parts.iter().map(|(_, s)| s.runs).collect();
    assert_eq!(runs, vec![6, 6, 6, 7]);
    let (campaign, merged) = explore::merge(&parts).expect("merges");
    assert_eq!(merged, whole);
    assert_eq!(campaign, opts.campaign());
    // What does not make a campaign is refused.
    assert!(explore::merge(&parts[1..])
        .unwrap_err()
        .contains("shard 4/4 is missing"));
    let twice = vec![parts[0].clone(), parts[0].clone()];
    assert!(explore::merge(&twice).unwrap_err().contains("twice"));
    let mut other = parts.clone();
    other[2].0.fault_time += 1;
    assert!(explore::merge(&other)
        .unwrap_err()
        .contains("another campaign"));
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = main_with(&args, &mut out, &mut err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

/// The fields of a campaign's JSON that are its result (not its time or where it ran).
fn result(json: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let o = v.as_object_mut().expect("an object");
    for k in [
        "seconds",
        "events_per_second",
        "threads",
        "shard",
        "options",
    ] {
        o.remove(k);
    }
    v
}

#[test]
fn merge_on_the_command_line_gives_the_single_runs_json() {
    let dir = std::env::temp_dir().join(format!("qs-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let base = [
        "explore",
        "--protocol",
        "raft",
        "--seeds",
        "12",
        "--first-seed",
        "7",
        "--unsafe",
        "vote-without-log-check",
        "--json",
    ];
    let (code, whole, _) = cli(&[&base[..], &["--threads", "2"]].concat());
    assert_eq!(code, 1, "the unsafe campaign fails");
    let mut files = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let (_, out, _) = cli(&[&base[..], &["--shard", shard, "--threads", "1"]].concat());
        let path = dir.join(format!("shard-{}.json", &shard[..1]));
        std::fs::write(&path, out).expect("written");
        files.push(path.display().to_string());
    }
    let args: Vec<&str> = ["merge", "--json"]
        .into_iter()
        .chain(files.iter().map(String::as_str))
        .collect();
    let (code, merged, err) = cli(&args);
    assert_eq!(code, 1, "{err}");
    assert_eq!(result(&merged), result(&whole));
    let (code, text, _) = cli(&["merge", &files[0], &files[2], &files[1]]);
    assert_eq!(code, 1);
    assert!(text.contains("explore raft: 12 runs"), "{text}");
    let (code, _, err) = cli(&["merge", &files[0], &files[1]]);
    assert_eq!(code, 2);
    assert!(err.contains("shard 3/3 is missing"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
    for bad in ["0/3", "4/3", "x", "1/0"] {
        let (code, _, err) = cli(&[&base[..], &["--shard", bad]].concat());
        assert_eq!(code, 2, "--shard {bad}");
        assert!(err.contains("I/N"), "{err}");
    }
    let (code, _, err) = cli(&[&base[..], &["--threads", "0"]].concat());
    assert_eq!(code, 2);
    assert!(err.contains("--threads"), "{err}");
}

#[test]
fn a_campaign_run_keeps_no_trace_and_a_failing_seed_is_reported_in_full() {
    let opts = unsafe_raft(1);
    let (_, sim) =
        explore::run_seed_traced::<RaftNode>(&Options::new("raft"), 3, false).expect("runs");
    assert!(sim.trace.len() > 1000, "{} entries logged", sim.trace.len());
    assert!(
        sim.trace.iter().count() < 200,
        "{} entries kept",
        sim.trace.iter().count()
    );
    // A seed that breaks an invariant: the campaign's report is the one of a run with the
    // whole trace.
    let failing = on(&unsafe_raft(40), 2).0.failures[0].seed;
    let reported = explore::run_seed::<RaftNode>(&opts, failing).expect("runs");
    let (traced, sim) = explore::run_seed_traced::<RaftNode>(&opts, failing, true).expect("runs");
    assert_eq!(sim.trace.iter().count(), sim.trace.len());
    assert!(reported
        .violation
        .as_ref()
        .is_some_and(|r| r.lines().count() > 30));
    assert_eq!(reported, traced);
    // Paxos's liveness check reads the whole trace: its runs keep it, and recover.
    let mut p = Options::new("paxos");
    p.seeds = 3;
    let s = explore::campaign::<PaxosNode>(&p, |_| {}).expect("runs");
    assert_eq!(s.failures, Vec::new());
}
