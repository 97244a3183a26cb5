//! Hand-rolled argument parsing for `quorumscope`: subcommands, `--flag value` and
//! `--flag=value`, and clear errors for anything else.

use crate::core::{Lang, Time};
use crate::scenario::units;

/// What the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Cmd {
    /// `--help`, `help`, `help run`, `run --help`: the help for a topic (None: general).
    Help(Option<&'static str>),
    Version,
    Run(RunArgs),
    Check(CheckArgs),
    Explore(ExploreArgs),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RunArgs {
    pub file: String,
    pub json: bool,
    pub lang: Lang,
    /// Show message sends and deliveries (on by default).
    pub messages: bool,
    /// Stop after this many steps.
    pub steps: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckArgs {
    pub files: Vec<String>,
    pub json: bool,
    /// List every expectation, not only failures.
    pub verbose: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExploreArgs {
    pub protocol: String,
    pub seeds: u64,
    pub first_seed: u64,
    pub nodes: usize,
    /// Fault kinds switched off with `--no-<fault>`.
    pub no_faults: Vec<String>,
    pub unsafe_switches: Vec<String>,
    /// How long faults are injected per run.
    pub fault_time: Option<Time>,
    pub json: bool,
    /// One line per run, and the full report of every failure.
    pub verbose: bool,
    /// Stop at the first failing seed.
    pub stop_at_first: bool,
}

/// A usage error: the message and the subcommand whose help to point at.
#[derive(Clone, Debug, PartialEq)]
pub struct UsageError {
    pub message: String,
    pub topic: Option<&'static str>,
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let see = match self.topic {
            Some(t) => format!("quorumscope {t} --help"),
            None => "quorumscope --help".into(),
        };
        write!(f, "{} (see `{see}`)", self.message)
    }
}

fn usage(topic: Option<&'static str>, message: impl Into<String>) -> UsageError {
    UsageError {
        message: message.into(),
        topic,
    }
}

/// The fault kinds `explore` knows (each can be turned off with `--no-<kind>`).
pub const FAULTS: &[&str] = &[
    "crash",
    "pause",
    "partition",
    "loss",
    "duplicate",
    "reorder",
    "hold",
    "timeout",
];

/// A walk over the arguments with `--flag value` / `--flag=value` support.
struct Args<'a> {
    args: &'a [String],
    i: usize,
    topic: &'static str,
    /// The flags given so far (by their long name), to refuse a repeated one.
    seen: Vec<&'static str>,
}

impl<'a> Args<'a> {
    fn new(args: &'a [String], topic: &'static str) -> Self {
        Args {
            args,
            i: 0,
            topic,
            seen: Vec::new(),
        }
    }

    /// Records `flag` (its long name); a second time is an error, since silently taking the
    /// last of `--seeds 1 --seeds 2` hides a mistake.
    fn once(&mut self, flag: &'static str) -> Result<(), UsageError> {
        if self.seen.contains(&flag) {
            return Err(usage(Some(self.topic), format!("`{flag}` is given twice")));
        }
        self.seen.push(flag);
        Ok(())
    }

    fn next(&mut self) -> Option<&'a str> {
        let a = self.args.get(self.i)?;
        self.i += 1;
        Some(a.as_str())
    }

    /// The value of `flag`, either glued (`--seeds=5`) or the next argument.
    fn value(&mut self, flag: &str, glued: Option<&'a str>) -> Result<&'a str, UsageError> {
        if let Some(v) = glued {
            return Ok(v);
        }
        match self.next() {
            Some(v) if !v.starts_with("--") => Ok(v),
            _ => Err(usage(Some(self.topic), format!("`{flag}` needs a value"))),
        }
    }
}

/// Splits `--flag=value` into `("--flag", Some("value"))`.
fn split(a: &str) -> (&str, Option<&str>) {
    match a.split_once('=') {
        Some((f, v)) if f.starts_with("--") => (f, Some(v)),
        _ => (a, None),
    }
}

fn no_value(topic: &'static str, flag: &str, glued: Option<&str>) -> Result<(), UsageError> {
    match glued {
        Some(_) => Err(usage(Some(topic), format!("`{flag}` takes no value"))),
        None => Ok(()),
    }
}

fn lang(topic: &'static str, v: &str) -> Result<Lang, UsageError> {
    match v {
        "en" => Ok(Lang::En),
        "zh" => Ok(Lang::Zh),
        _ => Err(usage(
            Some(topic),
            format!("`--lang` is `en` or `zh`, not `{v}`"),
        )),
    }
}

fn number(topic: &'static str, flag: &str, v: &str) -> Result<u64, UsageError> {
    units::count(v, "a whole number").map_err(|m| usage(Some(topic), format!("`{flag}`: {m}")))
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Cmd, UsageError> {
    let Some(first) = args.first() else {
        return Ok(Cmd::Help(None));
    };
    let rest = &args[1..];
    match first.as_str() {
        "-h" | "--help" | "help" => match rest.first().map(String::as_str) {
            None => Ok(Cmd::Help(None)),
            Some("run") => Ok(Cmd::Help(Some("run"))),
            Some("check") => Ok(Cmd::Help(Some("check"))),
            Some("explore") => Ok(Cmd::Help(Some("explore"))),
            Some("format") | Some("scenarios") => Ok(Cmd::Help(Some("format"))),
            Some(other) => Err(usage(
                None,
                format!("no help on `{other}`; topics: run, check, explore, format"),
            )),
        },
        "-V" | "--version" | "version" => Ok(Cmd::Version),
        "run" => run(rest),
        "check" => check(rest),
        "explore" => explore(rest),
        other if other.starts_with('-') => Err(usage(
            None,
            format!("unknown option `{other}`; expected a subcommand: run, check, explore"),
        )),
        other => Err(usage(
            None,
            format!("unknown subcommand `{other}`; expected run, check, explore or help"),
        )),
    }
}

fn run(args: &[String]) -> Result<Cmd, UsageError> {
    const T: &str = "run";
    let mut a = Args::new(args, T);
    let mut file = None;
    let mut r = RunArgs {
        file: String::new(),
        json: false,
        lang: Lang::En,
        messages: true,
        steps: None,
    };
    while let Some(arg) = a.next() {
        let (flag, glued) = split(arg);
        match flag {
            "-h" | "--help" => return Ok(Cmd::Help(Some(T))),
            "--json" => {
                a.once("--json")?;
                no_value(T, flag, glued)?;
                r.json = true;
            }
            "--lang" => {
                a.once("--lang")?;
                r.lang = lang(T, a.value(flag, glued)?)?
            }
            "--no-messages" => {
                a.once("--no-messages")?;
                no_value(T, flag, glued)?;
                r.messages = false;
            }
            "--steps" => {
                a.once("--steps")?;
                let n = number(T, flag, a.value(flag, glued)?)?;
                r.steps = Some(usize::try_from(n).unwrap_or(usize::MAX));
            }
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(usage(Some(T), format!("unknown flag `{f}` for `run`")))
            }
            f => {
                if file.is_some() {
                    return Err(usage(
                        Some(T),
                        format!(
                            "`run` plays one file; `{f}` is one too many (use `check` for several)"
                        ),
                    ));
                }
                file = Some(f.to_string());
            }
        }
    }
    r.file =
        file.ok_or_else(|| usage(Some(T), "`run` needs a scenario file: quorumscope run FILE"))?;
    Ok(Cmd::Run(r))
}

fn check(args: &[String]) -> Result<Cmd, UsageError> {
    const T: &str = "check";
    let mut a = Args::new(args, T);
    let mut c = CheckArgs {
        files: Vec::new(),
        json: false,
        verbose: false,
    };
    while let Some(arg) = a.next() {
        let (flag, glued) = split(arg);
        match flag {
            "-h" | "--help" => return Ok(Cmd::Help(Some(T))),
            "--json" => {
                a.once("--json")?;
                no_value(T, flag, glued)?;
                c.json = true;
            }
            "-v" | "--verbose" => {
                a.once("--verbose")?;
                no_value(T, flag, glued)?;
                c.verbose = true;
            }
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(usage(Some(T), format!("unknown flag `{f}` for `check`")))
            }
            f => c.files.push(f.to_string()),
        }
    }
    if c.files.is_empty() {
        return Err(usage(
            Some(T),
            "`check` needs at least one scenario file: quorumscope check FILE...",
        ));
    }
    Ok(Cmd::Check(c))
}

fn explore(args: &[String]) -> Result<Cmd, UsageError> {
    const T: &str = "explore";
    let mut a = Args::new(args, T);
    let mut e = ExploreArgs {
        protocol: String::new(),
        seeds: 0,
        first_seed: 1,
        nodes: 5,
        no_faults: Vec::new(),
        unsafe_switches: Vec::new(),
        fault_time: None,
        json: false,
        verbose: false,
        stop_at_first: false,
    };
    let mut seeds = None;
    while let Some(arg) = a.next() {
        let (flag, glued) = split(arg);
        match flag {
            "-h" | "--help" => return Ok(Cmd::Help(Some(T))),
            "--json" => {
                a.once("--json")?;
                no_value(T, flag, glued)?;
                e.json = true;
            }
            "-v" | "--verbose" => {
                a.once("--verbose")?;
                no_value(T, flag, glued)?;
                e.verbose = true;
            }
            "--stop-at-first" => {
                a.once("--stop-at-first")?;
                no_value(T, flag, glued)?;
                e.stop_at_first = true;
            }
            "--protocol" => {
                a.once("--protocol")?;
                let v = a.value(flag, glued)?;
                if v.parse::<crate::core::ProtocolKind>().is_err() {
                    return Err(usage(
                        Some(T),
                        format!("`--protocol` is `raft` or `paxos`, not `{v}`"),
                    ));
                }
                e.protocol = v.to_string();
            }
            "--seeds" => {
                a.once("--seeds")?;
                let n = number(T, flag, a.value(flag, glued)?)?;
                if n == 0 {
                    return Err(usage(Some(T), "`--seeds` must be at least 1"));
                }
                seeds = Some(n);
            }
            "--first-seed" | "--seed" => {
                a.once("--first-seed")?;
                e.first_seed = number(T, flag, a.value(flag, glued)?)?
            }
            "--nodes" => {
                a.once("--nodes")?;
                let n = number(T, flag, a.value(flag, glued)?)?;
                if !(1..=9).contains(&n) {
                    return Err(usage(Some(T), format!("`--nodes` is 1 to 9, not {n}")));
                }
                e.nodes = n as usize;
            }
            "--fault-time" => {
                a.once("--fault-time")?;
                let v = a.value(flag, glued)?;
                e.fault_time = Some(
                    units::duration(v)
                        .map_err(|m| usage(Some(T), format!("`--fault-time`: {m}")))?,
                );
            }
            "--unsafe" => e.unsafe_switches.push(a.value(flag, glued)?.to_string()),
            f if f.starts_with("--no-") && FAULTS.contains(&&f[5..]) => {
                no_value(T, flag, glued)?;
                if e.no_faults.iter().any(|x| *x == f[5..]) {
                    return Err(usage(Some(T), format!("`{f}` is given twice")));
                }
                e.no_faults.push(f[5..].to_string());
            }
            "--no-faults" => {
                a.once("--no-faults")?;
                no_value(T, flag, glued)?;
                e.no_faults = FAULTS.iter().map(|s| s.to_string()).collect();
            }
            f => {
                return Err(usage(
                    Some(T),
                    format!("unknown argument `{f}` for `explore`"),
                ));
            }
        }
    }
    if e.protocol.is_empty() {
        return Err(usage(
            Some(T),
            "`explore` needs `--protocol raft` or `--protocol paxos`",
        ));
    }
    e.seeds = seeds.ok_or_else(|| usage(Some(T), "`explore` needs `--seeds N`"))?;
    // Seeds first_seed ..= first_seed + seeds - 1 must all exist.
    if e.first_seed.checked_add(e.seeds - 1).is_none() {
        return Err(usage(
            Some(T),
            format!(
                "`--first-seed {}` with `--seeds {}` runs past the largest seed ({})",
                e.first_seed,
                e.seeds,
                u64::MAX
            ),
        ));
    }
    Ok(Cmd::Explore(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Cmd, UsageError> {
        let v: Vec<String> = s.split_whitespace().map(String::from).collect();
        parse(&v)
    }

    #[test]
    fn subcommands() {
        assert_eq!(p("").unwrap(), Cmd::Help(None));
        assert_eq!(p("run --help").unwrap(), Cmd::Help(Some("run")));
        let Cmd::Run(r) = p("run x.scn --lang=zh --json").unwrap() else {
            panic!()
        };
        assert_eq!((r.file.as_str(), r.lang, r.json), ("x.scn", Lang::Zh, true));
        let Cmd::Check(c) = p("check a b c").unwrap() else {
            panic!()
        };
        assert_eq!(c.files.len(), 3);
        let Cmd::Explore(e) = p("explore --protocol raft --seeds 10 --nodes 3 --no-crash").unwrap()
        else {
            panic!()
        };
        assert_eq!(
            (e.seeds, e.nodes, e.no_faults.clone()),
            (10, 3, vec!["crash".to_string()])
        );
    }

    #[test]
    fn bad_flags_are_clear() {
        assert!(p("run")
            .unwrap_err()
            .to_string()
            .contains("needs a scenario file"));
        assert!(p("run a --frobnicate")
            .unwrap_err()
            .to_string()
            .contains("unknown flag `--frobnicate`"));
        assert!(p("explore --protocol zab --seeds 1")
            .unwrap_err()
            .message
            .contains("not `zab`"));
        assert!(p("explore --protocol raft")
            .unwrap_err()
            .message
            .contains("--seeds"));
        assert!(p("explore --protocol raft --seeds x")
            .unwrap_err()
            .message
            .contains("whole number"));
        assert!(p("explore --protocol raft --seeds 3 --nodes 10")
            .unwrap_err()
            .message
            .contains("1 to 9"));
        assert!(p("frob")
            .unwrap_err()
            .message
            .contains("unknown subcommand"));
        assert!(p("run a --lang fr")
            .unwrap_err()
            .message
            .contains("`en` or `zh`"));
        assert!(p("check --json=1 a")
            .unwrap_err()
            .message
            .contains("takes no value"));
    }

    #[test]
    fn repeated_flags_and_overflowing_seed_ranges_are_errors() {
        for args in [
            "run a --json --json",
            "run a --steps 1 --steps=2",
            "check -v --verbose a",
            "explore --protocol raft --protocol paxos --seeds 1",
            "explore --protocol raft --seeds 1 --seed 2 --first-seed 3",
            "explore --protocol raft --seeds 1 --nodes 3 --nodes 5",
            "explore --protocol raft --seeds 1 --no-loss --no-loss",
        ] {
            let e = p(args).unwrap_err();
            assert!(e.message.contains("given twice"), "{args}: {e}");
        }
        let max = u64::MAX;
        let Cmd::Explore(e) = p(&format!(
            "explore --protocol raft --seeds 1 --first-seed {max}"
        ))
        .unwrap() else {
            panic!()
        };
        assert_eq!(e.first_seed, max);
        let e = p(&format!(
            "explore --protocol raft --seeds 2 --first-seed {max}"
        ))
        .unwrap_err();
        assert!(e.message.contains("largest seed"), "{e}");
        // `--unsafe` may be given for several switches.
        assert!(p("explore --protocol raft --seeds 1 --unsafe a --unsafe b").is_ok());
    }
}
