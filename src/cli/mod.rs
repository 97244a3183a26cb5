//! The `quorumscope` command-line tool: `run`, `check`, `explore`, `format` and `completions`
//! (the command line itself is defined in [`args`]). File reading lives here
//! (the scenario module itself never touches the file system, so it also runs in the browser).

pub mod args;
mod explore;
pub mod help;
mod spill;
pub mod timeline;

use crate::core::fmt_time;
use crate::scenario::{CheckKind, ParseError, Runner, Scenario};
use args::{CheckArgs, Cmd, RunArgs};
use serde_json::json;
use std::io::Write;

/// Everything went well.
pub const EXIT_OK: i32 = 0;
/// An expectation, an invariant or a run failed.
pub const EXIT_FAILED: i32 = 1;
/// Bad usage, an unreadable file or a malformed scenario.
pub const EXIT_USAGE: i32 = 2;

/// Runs the tool with `args` (without the program name). Returns the exit code.
pub fn main_with(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let cmd = match args::parse(args) {
        Ok(c) => c,
        // `--help` and `--version` go to stdout and exit 0; a usage error (and no arguments
        // at all: the usage) goes to stderr and exits 2.
        Err(e) => {
            if e.use_stderr() {
                let _ = write!(err, "{}", e.render());
                return EXIT_USAGE;
            }
            let _ = write!(out, "{}", e.render());
            return EXIT_OK;
        }
    };
    let res = match cmd {
        Cmd::Format => write!(out, "{}", help::format()).map(|_| EXIT_OK),
        Cmd::Completions { shell } => out.write_all(&args::completions(shell)).map(|_| EXIT_OK),
        Cmd::Version => writeln!(out, "quorumscope {}", env!("CARGO_PKG_VERSION")).map(|_| EXIT_OK),
        Cmd::Run(a) => run(&a, out, err),
        Cmd::Check(a) => check(&a, out, err),
        Cmd::Explore(a) => explore::explore(&a, out, err),
        Cmd::Merge(a) => explore::merge_files(&a, out, err),
    };
    // A closed pipe (`quorumscope run x | head`) is not an error worth a panic.
    res.unwrap_or(EXIT_OK)
}

/// Reads and parses a scenario file; errors are already formatted for the terminal.
pub fn load(path: &str) -> Result<Scenario, String> {
    let text = read_capped(path, crate::limits::MAX_FILE_BYTES)
        .map_err(|e| format!("{path}: cannot read the file: {e}"))?;
    if text.len() > crate::limits::MAX_FILE_BYTES {
        return Err(format!(
            "{path}: the file is larger than {} bytes, the most a scenario may be",
            crate::limits::MAX_FILE_BYTES
        ));
    }
    let text = String::from_utf8(text).map_err(|e| {
        format!(
            "{path}: the file is not UTF-8 text (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Scenario::parse(path, &text).map_err(|e: ParseError| e.pretty())
}

/// Reads at most `cap + 1` bytes of a regular file (one more than allowed, to tell "too
/// large"): `/dev/zero` or `/dev/urandom` are refused, not read for ever, and a FIFO is
/// refused before it is opened (opening one blocks until a writer comes).
pub(crate) fn read_capped(path: &str, cap: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "it is a directory"
        } else {
            "it is not a regular file"
        };
        return Err(std::io::Error::other(what));
    }
    let mut buf = Vec::new();
    std::fs::File::open(path)?
        .take(cap as u64 + 1)
        .read_to_end(&mut buf)?;
    Ok(buf)
}

/// Loads a file and builds its runner.
fn prepare(path: &str) -> Result<Runner, String> {
    let sc = load(path)?;
    Runner::new(&sc).map_err(|e| e.pretty())
}

fn run(a: &RunArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let mut r = match prepare(&a.file) {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "{e}")?;
            return Ok(EXIT_USAGE);
        }
    };
    let steps = a.steps.unwrap_or(usize::MAX).min(r.step_count());
    // Buffered: a long run writes millions of lines.
    let mut out = std::io::BufWriter::new(out);
    if a.json {
        timeline::write_json(&mut r, steps, a, &mut out)?;
    } else {
        timeline::write_text(&mut r, steps, a, &mut out)?;
    }
    out.flush()?;
    Ok(if r.failures().is_empty() {
        EXIT_OK
    } else {
        EXIT_FAILED
    })
}

/// The files to check: each argument, or every `*.scn` of a directory argument (sorted).
/// A directory without any scenario is an error (its name is returned).
fn expand(paths: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for p in paths {
        match std::fs::read_dir(p) {
            Ok(entries) => {
                let mut files: Vec<String> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|f| f.extension().is_some_and(|x| x == "scn"))
                    .map(|f| f.to_string_lossy().into_owned())
                    .collect();
                if files.is_empty() {
                    return Err(p.clone());
                }
                files.sort();
                out.extend(files);
            }
            Err(_) => out.push(p.clone()),
        }
    }
    Ok(out)
}

fn check(a: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let mut code = EXIT_OK;
    let mut passed = 0;
    let mut results = Vec::new();
    let files = match expand(&a.files) {
        Ok(f) => f,
        Err(dir) => {
            // Passing would hide a mistake (a moved folder, a wrong path in CI).
            writeln!(
                err,
                "quorumscope: error: the directory {dir} holds no scenario (*.scn file)"
            )?;
            return Ok(EXIT_USAGE);
        }
    };
    for path in &files {
        let mut r = match prepare(path) {
            Ok(r) => r,
            Err(e) => {
                if a.json {
                    results.push(json!({ "file": path, "ok": false, "error": e }));
                } else {
                    writeln!(out, "ERROR {path}")?;
                    writeln!(err, "{e}")?;
                }
                code = EXIT_USAGE;
                continue;
            }
        };
        // Streamed: the trace is checked and forgotten as the run goes (bounded memory).
        while r.run_next_step_streamed(&mut |_| {}).is_some() {}
        let ok = r.ok();
        let checks: Vec<_> = r.reports().iter().flat_map(|s| &s.checks).collect();
        let expects = checks
            .iter()
            .filter(|c| c.kind == CheckKind::Expect)
            .count();
        if ok {
            passed += 1;
        } else if code == EXIT_OK {
            code = EXIT_FAILED;
        }
        if a.json {
            results.push(json!({
                "file": path,
                "ok": ok,
                "steps": r.step_count(),
                "expectations": expects,
                "events": r.events(),
                "virtual_time_us": r.now(),
                "violations": r.violations(),
                "failures": r.failures(),
                "checks": if a.verbose { timeline::checks_json(&r) } else { Vec::new() },
            }));
            continue;
        }
        writeln!(
            out,
            "{} {path}  ({} steps, {expects} expectations, {} events, {} simulated{})",
            if ok { "ok   " } else { "FAIL " },
            r.step_count(),
            r.events(),
            fmt_time(r.now()),
            if r.violations().is_empty() {
                String::new()
            } else {
                let names: Vec<&str> = r
                    .violations()
                    .iter()
                    .map(|v| v.invariant.as_str())
                    .collect();
                format!(", violation of {}", names.join(", "))
            }
        )?;
        if a.verbose {
            for c in &checks {
                writeln!(
                    out,
                    "      {} {}:{}  {}",
                    if c.ok { "✓" } else { "✗" },
                    path,
                    c.pos,
                    c.source
                )?;
            }
        }
        for f in r.failures() {
            for line in f.lines() {
                writeln!(out, "      {line}")?;
            }
        }
    }
    if a.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&results).unwrap_or_default()
        )?;
    } else {
        writeln!(
            out,
            "check: {} scenario(s), {passed} passed, {} failed",
            files.len(),
            files.len() - passed
        )?;
    }
    Ok(code)
}
