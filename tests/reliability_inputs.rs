//! The reliability review's findings F1 to F13 (docs: ../shared/reviews/reliability.md), one
//! test per class: every reproduction gives a clear, located error or runs within bounded time
//! and memory. The bounds themselves are `quorumscope::limits`.

use quorumscope::core::MS;
use quorumscope::limits::{self, MAX_SEEK_EVENTS};
use quorumscope::scenario::{Runner, Scenario};
use quorumscope::viz::share::{self, Shared};
use quorumscope::viz::{Cluster, Session, Spec};
use std::time::{Duration, Instant};

/// The parse error of `text` as "LINE:COL: message".
fn parse_err(text: &str) -> String {
    let e = Scenario::parse("x.scn", text).expect_err("the file is refused");
    format!("{}:{}: {}", e.pos.line, e.pos.col, e.message)
}

const HEAD: &str = "title: t\nprotocol raft\nnodes 3\n";

/// F1: a caption without its colon (`en The first election`), in the header or a step, and
/// the 2-byte file `zh`, are located errors (they hit `unreachable!()`).
#[test]
fn f1_a_caption_without_its_colon_is_a_located_error() {
    let e = parse_err(&format!(
        "{HEAD}en The first election\nstep\nen: a\nrun 1s\n"
    ));
    assert!(e.starts_with("4:1:") && e.contains("`en:`"), "{e}");
    let e = parse_err(&format!("{HEAD}step\nen: a\nzh 第一次\nrun 1s\n"));
    assert!(e.starts_with("6:1:") && e.contains("`zh:`"), "{e}");
    let e = parse_err("zh");
    assert!(e.starts_with("1:1:"), "{e}");
    let e = parse_err("  title The title\n");
    assert!(e.starts_with("1:3:") && e.contains("`title:`"), "{e}");
}

/// F2: 20,000 nested `not`s (a stack overflow) are refused at the first `not` past the limit,
/// also when a later line is malformed. Run on a small stack: the parser must not recurse
/// deeply before refusing.
#[test]
fn f2_deeply_nested_conditions_are_refused_not_a_stack_overflow() {
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(|| {
            let nots = "not ".repeat(20_000);
            let e = parse_err(&format!("{HEAD}step\nen: a\nexpect {nots}leader\n"));
            assert!(e.starts_with("6:") && e.contains("nest at most"), "{e}");
            let e = parse_err(&format!("{HEAD}step\nen: a\nexpect {nots}leader\nfrob\n"));
            assert!(e.contains("nest at most"), "{e}");
            // Within the limit, nesting still works.
            let ok = format!(
                "{HEAD}step\nen: a\nrun 1s\nexpect {}leader\n",
                "not not ".repeat(limits::MAX_NESTING / 2)
            );
            assert!(Scenario::parse("x.scn", &ok).is_ok());
        })
        .unwrap();
    handle.join().expect("no stack overflow");
}

/// A change made to a decoded link.
type Tweak = Box<dyn Fn(&mut Shared)>;

fn raft_share(tweak: impl Fn(&mut Shared)) -> String {
    let mut c = Cluster::from_spec(&Spec::default()).unwrap();
    c.advance_to(500 * MS);
    c.client(0).unwrap();
    c.advance_to(800 * MS);
    let mut s = share::decode(&c.share()).unwrap();
    tweak(&mut s);
    share::encode(&s)
}

fn raft_setup(s: &mut Shared) -> &mut quorumscope::sim::Setup<quorumscope::core::raft::RaftNode> {
    match s {
        Shared::Raft { setup, .. } => setup,
        Shared::Paxos { .. } => panic!("a Raft link"),
    }
}

/// F3 and F9: share links whose timers would take unbounded work (1 µs, or near 2^64, which
/// wraps) or whose settings overflow (max_entries_per_append 2^64-1) are refused by the
/// decoder with a message naming the setting.
#[test]
fn f3_f9_share_links_with_runaway_settings_are_refused() {
    let cases: Vec<(Tweak, &str)> = vec![
        (
            Box::new(|s| raft_setup(s).config.heartbeat_interval = 1),
            "heartbeat interval",
        ),
        (
            Box::new(|s| raft_setup(s).config.heartbeat_interval = u64::MAX),
            "heartbeat interval",
        ),
        (
            Box::new(|s| raft_setup(s).config.election_timeout_min = 1),
            "election timeout",
        ),
        (
            Box::new(|s| raft_setup(s).config.election_timeout_max = u64::MAX),
            "election timeout",
        ),
        (
            Box::new(|s| raft_setup(s).config.max_entries_per_append = usize::MAX),
            "max_entries_per_append",
        ),
        (
            Box::new(|s| raft_setup(s).net.latency_max = u64::MAX),
            "latency",
        ),
        (
            Box::new(|s| raft_setup(s).durable[0].current_term = u64::MAX),
            "term",
        ),
    ];
    for (tweak, want) in cases {
        let link = raft_share(tweak);
        let e = Cluster::from_share(&link).expect_err("refused");
        assert!(e.contains(want), "'{e}' should name '{want}'");
    }
    // Paxos: a 1 µs retry timeout and a Multi-Paxos heartbeat of 1 µs.
    let spec = Spec {
        protocol: quorumscope::core::ProtocolKind::Paxos,
        multi: true,
        ..Spec::default()
    };
    let c = Cluster::from_spec(&spec).unwrap();
    for (f, want) in [
        (
            (|s: &mut Shared| {
                if let Shared::Paxos { setup, .. } = s {
                    setup.config.retry_min = 1;
                }
            }) as fn(&mut Shared),
            "retry timeout",
        ),
        (
            |s: &mut Shared| {
                if let Shared::Paxos { setup, .. } = s {
                    setup.config.heartbeat = 1;
                }
            },
            "heartbeat interval",
        ),
    ] {
        let mut s = share::decode(&c.share()).unwrap();
        f(&mut s);
        let e = Cluster::from_share(&share::encode(&s)).expect_err("refused");
        assert!(e.contains(want), "'{e}' should name '{want}'");
    }
}

/// F3 and F9 as found: the review's links (heartbeat 1 µs shown at an hour, which used 4 GB;
/// max_entries_per_append 2^64-1, which panicked) and c3's fuzzer find (heartbeat 3 µs shown
/// at 127 ms, past 2 GB in seconds) are refused by the opener at once.
#[test]
fn f3_f9_the_reported_links_are_refused() {
    let started = Instant::now();
    for (link, want) in [
        ("AAIFAm4xAm4yAm4zAm40Am418JMJ4KcSAUAAAAAAAACQTqCcAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAANCGAwcFAAAAAAAAAAAAAAAAAAAAAQc1gLUYBQACeDGGAYDqMAABhgGA6jAKmpmZmZmZuT_JAeDGWwUCAngyyQHgxlsGAQIAAb0CoMuYAQm9AqDLmAEBAYDIzrQN", "heartbeat interval"),
        ("AAIFAm4xAm4yAm4zAm40Am418JMJ4KcS0IYD____________AQAAAAAAAJBOoJwBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0IYDBwUAAAAAAAAAAAAAAAAAAAABBzWAtRgFAAJ4MYYBgOowAAGGAYDqMAqamZmZmZm5P8kB4MZbBQICeDLJAeDGWwYBAgABvQKgy5gBCb0CoMuYAQEBwI23AQ", "max_entries_per_append"),
        ("AAIFAm4xAm4yAm4zAm40Am418JMJ4KcSA0AAAAAAAACQTqCcAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAANCGAwEFAAAAAAAAAAECAAAAAAAAAAEBAAAEALXjBw", "heartbeat interval"),
    ] {
        let e = Cluster::from_share(link).expect_err("refused");
        assert!(e.contains(want), "'{e}' should name '{want}'");
    }
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// c3's fuzzer finds (/work/notes/c3-crashers.md, 3 to 5), which overflowed with overflow
/// checks on (as here, in the test profile): a request number 2^64-1 in a durable log, a
/// partition naming node 2^64-1, and an action recorded after events due before it (timers
/// left in the past). Each is refused with a message.
#[test]
fn c3_overflowing_links_are_refused() {
    for (link, want) in [
        ("AAIFAlMxAlMyAlMzAlM0AlM14KcSoMIe0IYDQAAAAAAAAJBOoJwBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0IYDAQUDAAIBAQACdDECAQACdDIDAAIBAQACdDECAQACdDIDAQQBAQH___________8BAnQxAwEEAQEBAAJ0MQMBBAIBAQACdDEDAQACdDMBDAAAAAQAAAQAIJDfCgUAAXggkN8KAAAgkN8KDh8gkN8KDiAgkN8KDiEgkN8KAQQgkN8KBAQn4OUNBAQ6yNUSAQA_qKAVBQQBeYWvGQ", "request number"),
        ("AAIDAm4xAm4yAm4z8JMJ4KcS0IYDQAABAAAAAJBOoJwBAAAAAAAAAAAAAAAAAIAAAAAAAAAAAAAA2IYDAQMAAAAAAAAAAAABBAAABAAKmMUEBgIB____________AQIAAQqYxQQFAAF4X9zbQwmg2kc", "no node"),
        ("AQIDAm4xAgEyAm4zAAABAfCTCeCnEtCGAwGQTqCcAQAAAAAAAACAAAAAAAAAAAAAAAAAAAAAANCGAwEDAAAAAAAAAAAAAAAAAAAAAAAAAQoAAAcAAgAABwIAAAAFAAFhBJvzAQ8HBa7lAgUCAWILqewEDxIMptUFAAEMptUFAQEMptUFEAcNptWAEBKm1QU", "skips over events"),
    ] {
        let e = Cluster::from_share(link).expect_err("refused");
        assert!(e.contains(want), "'{e}' should say '{want}'");
    }
}

/// A Raft cluster of `nodes` with a 1 ms heartbeat (the smallest allowed): thousands of
/// events per second of virtual time.
fn fast_cluster(nodes: usize) -> Cluster {
    let c = Cluster::from_spec(&Spec {
        nodes,
        ..Spec::default()
    })
    .unwrap();
    let mut s = share::decode(&c.share()).unwrap();
    let mut setup = raft_setup(&mut s).clone();
    setup.config.heartbeat_interval = MS;
    Cluster::Raft(Session::new(setup))
}

/// F3: a link with legal settings whose moment shown needs more events than one seek may
/// replay is refused, and a seek past the budget leaves the session where it was.
#[test]
fn f3_a_seek_past_its_budget_keeps_the_previous_state() {
    let mut fast = fast_cluster(5);
    fast.advance_to(500 * MS);
    fast.client(0).unwrap();
    fast.advance_to(1_000 * MS);
    let (events, now, hash) = (fast.events(), fast.now(), fast.trace_hash());
    let err = fast
        .try_seek_time_within(10_000 * MS, 5_000)
        .expect_err("too far for the budget");
    assert!(err.contains("5000 events"), "{err}");
    assert_eq!(
        (fast.events(), fast.now(), fast.trace_hash()),
        (events, now, hash),
        "the session stays where it was"
    );
    // Within the budget the same seek works.
    fast.try_seek_time_within(1_100 * MS, 5_000).unwrap();
    assert_eq!(fast.now(), 1_100 * MS);
    // The opener refuses a link whose moment shown lies an hour into such a run.
    let mut nine = fast_cluster(9);
    nine.advance_to(10 * MS);
    let mut s = share::decode(&nine.share()).unwrap();
    if let Shared::Raft { at, .. } = &mut s {
        *at = share::MAX_TIME;
    }
    let far = share::encode(&s);
    let started = Instant::now();
    let e = Cluster::from_share(&far).expect_err("too much work");
    assert!(e.contains(&format!("{MAX_SEEK_EVENTS} events")), "{e}");
    assert!(started.elapsed() < Duration::from_secs(120));
}

/// F3 (c3's note): memory must not grow with messages in flight times snapshots. A 1 ms
/// heartbeat with 5 s of latency keeps thousands of messages in flight; 256 snapshots of that
/// queue took 6 GB at 10 s of latency. Snapshots now hold no more items than the events they
/// cover.
#[test]
fn f3_snapshots_do_not_multiply_messages_in_flight() {
    let mut c = fast_cluster(9);
    c.advance_to(1_000 * MS);
    c.act(quorumscope::sim::Action::Latency {
        min: 5_000 * MS,
        max: 5_000 * MS,
    })
    .unwrap();
    c.advance_to(1_001 * MS);
    let mut s = share::decode(&c.share()).unwrap();
    if let Shared::Raft { at, .. } = &mut s {
        *at = 12_000 * MS;
    }
    let opened = Cluster::from_share(&share::encode(&s)).unwrap();
    let (items, events) = (opened.snapshot_items(), opened.events());
    assert!(events > 20_000, "a busy run ({events} events)");
    assert!(
        items <= events + 1_000,
        "snapshots hold {items} items for {events} events"
    );
}

fn parse_ok(text: &str) -> Scenario {
    Scenario::parse("x.scn", text).unwrap_or_else(|e| panic!("{}", e.pretty()))
}

/// F6: settings that imply unbounded work per second of virtual time (a 1 µs election
/// timeout, heartbeat or retry timeout) or absurd latencies are located errors naming both
/// bounds; the smallest legal values still run.
#[test]
fn f6_timers_and_latencies_have_bounds() {
    for (line, want) in [
        (
            "election-timeout 1us",
            "election timeout must be between 10ms and 60",
        ),
        ("election-timeout 150ms..61s", "election timeout"),
        ("heartbeat 1us", "heartbeat interval must be between 1ms"),
        ("heartbeat 0ms", "heartbeat interval"),
        ("latency 61s", "latency must be between"),
    ] {
        let e = parse_err(&format!("{HEAD}{line}\nstep\nen: a\nrun 1s\n"));
        let col = line.find(' ').unwrap() + 2;
        assert!(e.starts_with(&format!("4:{col}:")), "{e}");
        assert!(e.contains(want), "'{e}' should say '{want}'");
    }
    let e =
        parse_err("title: t\nprotocol paxos\nnodes 3\nretry-timeout 1us\nstep\nen: a\nrun 1s\n");
    assert!(e.contains("retry timeout"), "{e}");
    let e = parse_err(&format!("{HEAD}step\nen: a\nlatency 0ms..90s\n"));
    assert!(e.starts_with("6:9:") && e.contains("latency"), "{e}");
    // The smallest legal election timeout runs a second of virtual time quickly.
    let sc = parse_ok(&format!(
        "{HEAD}election-timeout 10ms\nheartbeat 1ms\nstep\nen: a\nrun 1s\n"
    ));
    let started = Instant::now();
    let mut r = Runner::new(&sc).unwrap();
    r.run_all();
    assert!(started.elapsed() < Duration::from_secs(30));
}

/// F8: terms, ballot rounds and slots near 2^64 (which wrap on the next election and report a
/// false violation) are refused where they are written.
#[test]
fn f8_terms_ballots_and_slots_have_upper_bounds() {
    let max = u64::MAX;
    let e = parse_err(&format!("{HEAD}state n1 term {max}\nstep\nen: a\nrun 1s\n"));
    assert!(
        e.starts_with("4:15:") && e.contains("at most 1000000000"),
        "{e}"
    );
    let e = parse_err(&format!(
        "{HEAD}state n1 term 5 log 1 {max}\nstep\nen: a\nrun 1s\n"
    ));
    assert!(e.starts_with("4:23:") && e.contains("term"), "{e}");
    let px = "title: t\nprotocol paxos\nnodes 3\n";
    let e = parse_err(&format!(
        "{px}state n1 promised {max}.n1\nstep\nen: a\nrun 1s\n"
    ));
    assert!(e.contains("ballot round"), "{e}");
    let e = parse_err(&format!(
        "{px}state n1 learned slot {max} x\nstep\nen: a\nrun 1s\n"
    ));
    assert!(e.contains("slot number"), "{e}");
    // The largest legal term runs without wrapping or a false violation.
    let sc = parse_ok(&format!(
        "{HEAD}state n1 term {}\nstep\nen: a\nrun 1s\n",
        limits::MAX_TERM
    ));
    let mut r = Runner::new(&sc).unwrap();
    r.run_all();
    assert!(r.violations().is_empty(), "{:?}", r.violations());
}

/// F13: an invisible control character is named, not shown as a look-alike keyword.
#[test]
fn f13_control_characters_are_named() {
    let e = parse_err("title: t\nproto\0col raft\n");
    assert!(e.starts_with("2:6:") && e.contains("U+0000"), "{e}");
}

// ---- The command-line tool (F5, F10 to F13) ----

use std::process::{Command, Output};

fn qs(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quorumscope"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn qs_str(args: &[&str]) -> (i32, String, String) {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    let o = qs(&args);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("qs-reliability-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A writer that takes `left` bytes, then fails: the run must have written them before
/// running the whole scenario.
struct Cut {
    left: usize,
}

impl std::io::Write for Cut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::other("closed"));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// F5: `run --json` writes each step as soon as it has run and each event on its own line
/// (it used to build the whole timeline in memory first): a reader that stops early stops
/// the run early, and the output is one valid JSON document with one event per line.
#[test]
fn f5_run_json_is_streamed_one_event_at_a_time() {
    use quorumscope::cli::args::RunArgs;
    use quorumscope::core::Lang;
    let a = RunArgs {
        file: "scenarios/raft-log-replication.scn".into(),
        json: true,
        lang: Lang::En,
        messages: true,
        steps: None,
    };
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&a.file))
            .unwrap();
    let mut r = Runner::from_text(&a.file, &text).unwrap();
    let total = r.step_count();
    assert!(total >= 3);
    let mut cut = Cut { left: 4_000 };
    assert!(quorumscope::cli::timeline::write_json(&mut r, total, &a, &mut cut).is_err());
    assert!(
        r.steps_done() < total,
        "the first steps were written before the last ran ({} of {total} run)",
        r.steps_done()
    );
    let (code, out, _) = qs_str(&["run", "--json", &a.file]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one valid JSON document");
    let events: usize = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["events"].as_array().unwrap().len())
        .sum();
    let lines = out
        .lines()
        .filter(|l| l.starts_with("{\"event\""))
        .inspect(|l| {
            let l = l.trim_end_matches(',');
            serde_json::from_str::<serde_json::Value>(l).expect("each event line is JSON");
        })
        .count();
    assert!(events > 50);
    assert_eq!(lines, events, "one event per line");
}

/// F10: a device, a directory or a FIFO is refused without reading it (`/dev/zero` used to be
/// read until memory ran out; a FIFO blocked for ever), and an over-long file is refused
/// after reading one byte past the cap.
#[test]
fn f10_files_are_read_with_their_size_cap() {
    let started = Instant::now();
    for dev in ["/dev/zero", "/dev/urandom"] {
        if std::path::Path::new(dev).exists() {
            let (code, _, err) = qs_str(&["run", dev]);
            assert_eq!(code, 2, "{err}");
            assert!(err.contains("not a regular file"), "{err}");
        }
    }
    let dir = scratch_dir("f10");
    #[cfg(unix)]
    {
        let fifo = dir.join("pipe.scn");
        let _ = std::fs::remove_file(&fifo);
        if Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            let (code, _, err) = qs_str(&["check", fifo.to_str().unwrap()]);
            assert_eq!(code, 2, "{err}");
            assert!(err.contains("not a regular file"), "{err}");
        }
    }
    let big = dir.join("big.scn");
    std::fs::write(&big, vec![b'#'; limits::MAX_FILE_BYTES + 10]).unwrap();
    let (code, _, err) = qs_str(&["run", big.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("larger than 1048576 bytes"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(60));
}

/// F11: a seed range that runs past 2^64-1 is a usage error; the last seed itself can be
/// explored.
#[test]
fn f11_overflowing_seed_ranges_are_errors() {
    let max = u64::MAX.to_string();
    let (code, out, err) = qs_str(&[
        "explore",
        "--protocol",
        "raft",
        "--seeds",
        "1",
        "--first-seed",
        &max,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 run"), "{out}");
    let below = (u64::MAX - 1).to_string();
    let (code, _, err) = qs_str(&[
        "explore",
        "--protocol",
        "raft",
        "--seeds",
        "5",
        "--first-seed",
        &below,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("largest seed"), "{err}");
}

/// F12: `check` of a directory without any scenario fails (it used to pass with 0 of 0).
#[test]
fn f12_checking_a_folder_without_scenarios_fails() {
    let dir = scratch_dir("f12-empty");
    let (code, _, err) = qs_str(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("holds no scenario"), "{err}");
    let (code, _, err) = qs_str(&["check", "docs"]);
    assert_eq!(code, 2, "{err}");
}

/// F13: a repeated flag is an error (it silently took the last); a file name that is not
/// UTF-8 gets a clear message instead of "cannot read" on a look-alike name.
#[test]
fn f13_repeated_flags_and_non_utf8_names_are_clear_errors() {
    for args in [
        &[
            "explore",
            "--protocol",
            "raft",
            "--seeds",
            "1",
            "--seeds",
            "2",
        ][..],
        &[
            "explore",
            "--protocol",
            "raft",
            "--seeds",
            "1",
            "--seed",
            "3",
            "--first-seed",
            "4",
        ],
        &[
            "run",
            "scenarios/raft-first-election.scn",
            "--lang",
            "zh",
            "--lang=en",
        ],
        &[
            "check",
            "--json",
            "--json",
            "scenarios/raft-first-election.scn",
        ],
        &[
            "explore",
            "--protocol",
            "raft",
            "--seeds",
            "1",
            "--no-crash",
            "--no-crash",
        ],
    ] {
        let (code, _, err) = qs_str(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("given twice"), "{err}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"\xff.scn");
        let o = qs(&[std::ffi::OsStr::new("run"), name]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("argument 2") && err.contains("not valid UTF-8"),
            "{err}"
        );
    }
}
