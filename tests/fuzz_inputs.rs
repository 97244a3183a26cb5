//! Fuzzing on stable Rust: the three fuzz targets of tests/fuzz_support/targets.rs (the
//! scenario parser, the share-link decoder, opening a share link) driven by a deterministic,
//! structure-aware mutator over the corpus in tests/fuzz_corpus/ and scenarios/. Every corpus
//! file is run first (the review's crashers are there), then mutants until the budget is
//! spent. Any panic fails the test and leaves the input in
//! `$CARGO_TARGET_TMPDIR/fuzz-findings/`; an input that takes too long or too much memory
//! stops the process (a watchdog thread) after saving it there too.
//!
//! The budget is a few seconds per target, so that `cargo test --release` runs a short
//! campaign every time. docs/fuzzing.md says how to run a long one (the environment
//! variables are read in [`Budget::from_env`]).

mod fuzz_support;

use fuzz_support::mutate::{self, Rng};
use fuzz_support::targets;
use quorumscope::scenario::{library, Runner, SimRef};
use quorumscope::viz::{share, Cluster, Session};
use std::collections::HashSet;
use std::panic;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// What one campaign may spend, from the environment.
#[derive(Clone, Debug)]
struct Budget {
    /// `QUORUMSCOPE_FUZZ_SECS`: seconds per target (default 3, or no limit when
    /// `QUORUMSCOPE_FUZZ_INPUTS` is set alone).
    secs: Option<f64>,
    /// `QUORUMSCOPE_FUZZ_INPUTS`: inputs per target, the corpus included.
    inputs: Option<u64>,
    /// `QUORUMSCOPE_FUZZ_SEED`: the mutator's seed (default 1); each target derives its own.
    seed: u64,
    /// `QUORUMSCOPE_FUZZ_INPUT_SECS`: the most CPU time one input may take (default 10 s in
    /// release, 100 s in a debug build; 20 times that in wall-clock time, or exactly that
    /// where the thread's CPU clock cannot be read).
    input_secs: f64,
    /// `QUORUMSCOPE_FUZZ_RSS_MB`: the most memory the test process may hold (default 2048).
    rss_mb: u64,
    /// `QUORUMSCOPE_FUZZ_KEEP_GOING=1`: record every distinct panic and go on (the test
    /// still fails at the end); otherwise stop at the first.
    keep_going: bool,
    /// `QUORUMSCOPE_FUZZ_TRACE=1`: write each input to `fuzz-findings/<target>.current`
    /// before running it (slow; to catch an input that aborts the process, e.g. a stack
    /// overflow: the run is deterministic, so rerun the same seed with this on).
    trace: bool,
    /// `QUORUMSCOPE_FUZZ_PROGRESS=1`: a progress line on stderr every 2^20 inputs (on by
    /// default when `QUORUMSCOPE_FUZZ_INPUTS` is set).
    progress: bool,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn env_num<T: std::str::FromStr>(name: &str) -> Option<T> {
    env(name).map(|v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name}={v} is not a number"))
    })
}

impl Budget {
    fn from_env() -> Budget {
        let inputs = env_num("QUORUMSCOPE_FUZZ_INPUTS");
        let secs =
            env_num("QUORUMSCOPE_FUZZ_SECS").or(if inputs.is_some() { None } else { Some(3.0) });
        let slow = if cfg!(debug_assertions) { 10.0 } else { 1.0 };
        Budget {
            secs,
            inputs,
            seed: env_num("QUORUMSCOPE_FUZZ_SEED").unwrap_or(1),
            input_secs: env_num("QUORUMSCOPE_FUZZ_INPUT_SECS").unwrap_or(10.0 * slow),
            rss_mb: env_num("QUORUMSCOPE_FUZZ_RSS_MB").unwrap_or(2048),
            keep_going: env("QUORUMSCOPE_FUZZ_KEEP_GOING").is_some_and(|v| v != "0"),
            trace: env("QUORUMSCOPE_FUZZ_TRACE").is_some_and(|v| v != "0"),
            progress: env("QUORUMSCOPE_FUZZ_PROGRESS").is_some_and(|v| v != "0")
                || inputs.is_some(),
        }
    }
}

fn findings_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-findings");
    std::fs::create_dir_all(&dir).expect("cannot create the findings directory");
    dir
}

/// FNV-1a, to name saved inputs.
fn hash(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

fn save(target: &str, ext: &str, what: &str, data: &[u8]) -> PathBuf {
    let path = findings_dir().join(format!("{target}-{what}-{:016x}.{ext}", hash(data)));
    std::fs::write(&path, data).expect("cannot save a finding");
    path
}

// --- The watchdog: one thread watching every running target's current input. ---

struct Slot {
    target: &'static str,
    ext: &'static str,
    /// Milliseconds since `epoch()` when the current input started (0: idle).
    started: AtomicU64,
    /// Inputs started so far.
    count: AtomicU64,
    /// The running thread's CPU clock (Linux: `/proc/self/task/<tid>/schedstat`); without
    /// it, the limit is on wall-clock time.
    schedstat: Option<PathBuf>,
    input: Mutex<Vec<u8>>,
    limit: Duration,
    rss_mb: u64,
}

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn now_ms() -> u64 {
    epoch().elapsed().as_millis() as u64 + 1
}

/// The calling thread's CPU-clock file, where there is one.
fn thread_schedstat() -> Option<PathBuf> {
    let link = std::fs::read_link("/proc/thread-self").ok()?;
    let path = Path::new("/proc").join(link).join("schedstat");
    cpu_ns(&path).map(|_| path)
}

/// CPU nanoseconds a thread has run (the first field of its schedstat).
fn cpu_ns(path: &Path) -> Option<u64> {
    std::fs::read_to_string(path)
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Resident memory of this process in MiB (Linux; 0 elsewhere).
fn rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| (pages * 4096) >> 20)
}

fn watch(slot: Arc<Slot>) {
    static SLOTS: OnceLock<Mutex<Vec<Arc<Slot>>>> = OnceLock::new();
    let slots = SLOTS.get_or_init(|| {
        std::thread::spawn(|| {
            // Per slot: the input count last seen, and the thread's CPU clock then.
            let mut last: Vec<(u64, u64)> = Vec::new();
            loop {
                std::thread::sleep(Duration::from_millis(100));
                let slots = SLOTS.get().expect("set").lock().unwrap().clone();
                let rss = rss_mb();
                last.resize(slots.len(), (u64::MAX, 0));
                for (k, s) in slots.into_iter().enumerate() {
                    let started = s.started.load(Ordering::SeqCst);
                    let count = s.count.load(Ordering::SeqCst);
                    let wall = Duration::from_millis(now_ms().saturating_sub(started));
                    // CPU time, not wall time: a loaded machine must not turn a bounded input
                    // into a finding. Counted from the first tick that saw this input, so it
                    // never overstates what the input used.
                    let cpu = s.schedstat.as_deref().and_then(cpu_ns).map(|now| {
                        if last[k].0 != count {
                            last[k] = (count, now);
                        }
                        Duration::from_nanos(now.saturating_sub(last[k].1))
                    });
                    if started == 0 {
                        continue;
                    }
                    let why = if cpu.is_some_and(|c| c > s.limit) {
                        format!("took more than {:?} of CPU time", s.limit)
                    } else if wall > s.limit * if cpu.is_some() { 20 } else { 1 } {
                        format!("took {wall:?} of wall-clock time")
                    } else if rss > s.rss_mb {
                        format!("the process holds {rss} MiB (limit {} MiB)", s.rss_mb)
                    } else {
                        continue;
                    };
                    let input = s.input.lock().unwrap().clone();
                    let path = save(s.target, s.ext, "slow", &input);
                    eprintln!(
                        "fuzz {}: an input {why}; saved to {}; stopping the process",
                        s.target,
                        path.display()
                    );
                    std::process::exit(101);
                }
            }
        });
        Mutex::new(Vec::new())
    });
    slots.lock().unwrap().push(slot);
}

// --- Panics: caught, located, and kept quiet while fuzzing. ---

static QUIET: AtomicBool = AtomicBool::new(false);

thread_local! {
    static FUZZING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn install_hook() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if FUZZING.with(|f| f.get()) {
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let loc = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = format!("{loc}: {msg}"));
                if !QUIET.load(Ordering::Relaxed) {
                    default(info);
                }
            } else {
                default(info);
            }
        }));
    });
}

/// An outcome without its numbers and quoted words, so that outcomes differing only in
/// them count as one.
fn shape(s: &str) -> String {
    let mut out = String::new();
    let mut quoted = None;
    for c in s.chars().take(120) {
        if let Some(q) = quoted {
            if c == q {
                quoted = None;
            }
        } else if matches!(c, '`' | '\'' | '"') {
            quoted = Some(c);
            out.push('_');
        } else if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Kind {
    Scenario,
    Link,
}

fn corpus(kind: Kind) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs: &[&str] = match kind {
        Kind::Scenario => &["scenarios", "tests/fuzz_corpus/scenario"],
        Kind::Link => &["tests/fuzz_corpus/share"],
    };
    let mut files = Vec::new();
    for dir in dirs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        for p in paths {
            let mut data = std::fs::read(&p).expect("a corpus file");
            if matches!(kind, Kind::Link) {
                // Link files end with a newline; the link is the text before it.
                while data.last().is_some_and(|b| b.is_ascii_whitespace()) {
                    data.pop();
                }
            }
            files.push(data);
        }
    }
    assert!(!files.is_empty(), "an empty corpus");
    files
}

/// The most inputs the pool keeps, besides the corpus.
const POOL: usize = 4096;
/// Inputs larger or slower than this do not join the pool.
const POOL_INPUT: usize = 64 << 10;
const POOL_TIME: Duration = Duration::from_millis(20);

/// Runs one campaign of `target`; returns the number of inputs run.
fn campaign(name: &'static str, kind: Kind, target: fn(&[u8]) -> String) -> u64 {
    let budget = Budget::from_env();
    install_hook();
    QUIET.store(budget.keep_going, Ordering::Relaxed);
    let ext = match kind {
        Kind::Scenario => "scn",
        Kind::Link => "txt",
    };
    let slot = Arc::new(Slot {
        target: name,
        ext,
        started: AtomicU64::new(0),
        count: AtomicU64::new(0),
        schedstat: thread_schedstat(),
        input: Mutex::new(Vec::new()),
        limit: Duration::from_secs_f64(budget.input_secs),
        rss_mb: budget.rss_mb,
    });
    watch(slot.clone());
    let seeds = corpus(kind);
    let mut pool = seeds.clone();
    let mut seen: HashSet<String> = HashSet::new();
    let mut crashes: Vec<(String, PathBuf)> = Vec::new();
    let mut rng = Rng(budget.seed ^ hash(name.as_bytes()));
    let start = Instant::now();
    let deadline = budget.secs.map(|s| start + Duration::from_secs_f64(s));
    let mut count: u64 = 0;
    let trace_path = findings_dir().join(format!("{name}.current"));
    loop {
        if budget.inputs.is_some_and(|n| count >= n)
            || (count as usize >= seeds.len() && deadline.is_some_and(|d| Instant::now() >= d))
        {
            break;
        }
        let input = if (count as usize) < seeds.len() {
            seeds[count as usize].clone()
        } else {
            let base = &pool[rng.below(pool.len())];
            let other = &pool[rng.below(pool.len())];
            let (base, other) = (
                String::from_utf8_lossy(base),
                String::from_utf8_lossy(other),
            );
            match kind {
                Kind::Scenario => mutate::scenario(&mut rng, &base, &other),
                Kind::Link => mutate::share(&mut rng, &base, &other),
            }
        };
        count += 1;
        if budget.trace {
            std::fs::write(&trace_path, &input).expect("cannot write the trace file");
        }
        slot.input.lock().unwrap().clone_from(&input);
        slot.count.fetch_add(1, Ordering::SeqCst);
        slot.started.store(now_ms(), Ordering::SeqCst);
        FUZZING.with(|f| f.set(true));
        let t0 = Instant::now();
        let result = panic::catch_unwind(|| target(&input));
        let took = t0.elapsed();
        FUZZING.with(|f| f.set(false));
        slot.started.store(0, Ordering::SeqCst);
        match result {
            Ok(outcome) => {
                // An input with a new outcome joins the pool, unless it is large or slow:
                // its mutants would be too, and the campaign would slow to a crawl.
                if seen.insert(shape(&outcome))
                    && pool.len() < POOL
                    && input.len() <= POOL_INPUT
                    && took <= POOL_TIME
                {
                    pool.push(input);
                }
            }
            Err(_) => {
                let what = LAST_PANIC.with(|p| p.borrow().clone());
                let sig = shape(what.lines().next().unwrap_or(""));
                if !crashes.iter().any(|(s, _)| *s == sig) {
                    let path = save(name, ext, "panic", &input);
                    eprintln!(
                        "fuzz {name}: PANIC {what}\n  input saved to {}",
                        path.display()
                    );
                    crashes.push((sig, path));
                }
                if !budget.keep_going {
                    break;
                }
            }
        }
        if budget.progress && count % (1 << 20) == 0 {
            let secs = start.elapsed().as_secs_f64();
            eprintln!(
                "fuzz {name}: {count} inputs, {secs:.0} s, {:.0}/s, corpus {}, outcomes {}, crashes {}",
                count as f64 / secs,
                pool.len(),
                seen.len(),
                crashes.len()
            );
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "fuzz {name}: {count} inputs in {secs:.1} s ({:.0}/s), seed {}, corpus {} ({} seeds), \
         {} distinct outcomes, {} distinct crashes",
        count as f64 / secs.max(1e-9),
        budget.seed,
        pool.len(),
        seeds.len(),
        seen.len(),
        crashes.len()
    );
    assert!(
        crashes.is_empty(),
        "fuzz {name}: {} distinct panic(s):\n{}",
        crashes.len(),
        crashes
            .iter()
            .map(|(s, p)| format!("  {s}\n    input: {}", p.display()))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        count as usize >= seeds.len() || budget.inputs.is_some(),
        "the whole corpus must run"
    );
    count
}

#[test]
fn fuzz_scenario_parse() {
    campaign("scenario_parse", Kind::Scenario, targets::scenario_parse);
}

#[test]
fn fuzz_share_decode() {
    campaign("share_decode", Kind::Link, targets::share_decode);
}

#[test]
fn fuzz_share_open() {
    campaign("share_open", Kind::Link, targets::share_open);
}

// --- The corpus of share links made from the library. ---

/// A link for each library scenario after its first step and at its end.
fn library_links() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (file, text) in library() {
        let id = file.trim_end_matches(".scn");
        let mut runner = Runner::from_text(file, text).expect("a library scenario builds");
        for (when, steps) in [("step1", 1), ("end", runner.step_count())] {
            runner.goto(steps);
            let cluster = match runner.sim() {
                SimRef::Raft(sim) => Cluster::Raft(Session::from_simulator(sim.clone())),
                SimRef::Paxos(sim) => Cluster::Paxos(Session::from_simulator(sim.clone())),
            };
            out.push((format!("lib-{id}-{when}.txt"), cluster.share()));
        }
    }
    out
}

/// Rewrites tests/fuzz_corpus/share/lib-*.txt (after a change to the share format or the
/// library): `cargo test --release --test fuzz_inputs -- --ignored regenerate`.
#[test]
#[ignore]
fn regenerate_share_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus/share");
    for (name, link) in library_links() {
        std::fs::write(dir.join(name), format!("{link}\n")).expect("cannot write a link");
    }
}

/// The committed links are the library's links as the code makes them now, and they open:
/// a corpus that no longer decodes would leave the share targets fuzzing error paths only.
#[test]
fn share_corpus_is_current_and_opens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus/share");
    for (name, link) in library_links() {
        let committed = std::fs::read_to_string(dir.join(&name))
            .unwrap_or_else(|e| panic!("{name}: {e} (run the ignored test `regenerate`)"));
        assert_eq!(
            committed.trim(),
            link,
            "{name} is stale: run `cargo test --release --test fuzz_inputs -- --ignored regenerate`"
        );
        assert!(share::decode(&link).is_ok(), "{name} does not decode");
        assert!(
            targets::share_open(link.as_bytes()).starts_with("ok"),
            "{name} does not open"
        );
    }
}
