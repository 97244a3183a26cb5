//! The command line of `quorumscope`, defined once with clap: the parser, `--help`, `--version`,
//! "did you mean" suggestions and the shell completions are all generated from these types.
//! Values are checked where they are parsed (the bounds of [`crate::limits`] and the scenario
//! units), so a bad value is a usage error (exit 2) naming the flag.

use super::help;
use crate::core::{Lang, Time};
use crate::explore::Fault;
use crate::scenario::units;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// `quorumscope`: the whole command line.
#[derive(Parser, Debug)]
#[command(
    name = "quorumscope",
    version,
    about = "Play, check and explore Raft and Paxos clusters (deterministic simulation)",
    after_help = help::GENERAL_NOTES,
    arg_required_else_help = true,
    term_width = 100
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub cmd: Cmd,
}

/// What the user asked for.
#[derive(Subcommand, Clone, Debug, PartialEq)]
pub enum Cmd {
    /// Play one scenario and print its timeline.
    ///
    /// One dense line per event, with each node's explanation of its decisions, the step
    /// captions and every expectation.
    #[command(after_help = help::RUN_NOTES)]
    Run(RunArgs),
    /// Check scenario files: every expectation, and every invariant after every event.
    #[command(after_help = help::CHECK_NOTES)]
    Check(CheckArgs),
    /// Run the randomised fault campaign: many seeded runs, every invariant checked.
    ///
    /// Many seeded runs with crashes, pauses, partitions, loss, duplication and reordering,
    /// every invariant checked after every event.
    #[command(after_help = help::EXPLORE_NOTES)]
    Explore(ExploreArgs),
    /// Add up the `explore --json` outputs of a campaign's shards (`--shard I/N`).
    ///
    /// The totals and failing seeds are those the whole campaign gives when run at once; see
    /// docs/campaigns.md.
    Merge(MergeArgs),
    /// Print a summary of the scenario file format (reference: docs/scenarios.md).
    #[command(alias = "scenarios", after_long_help = help::format())]
    Format,
    /// Print a completion script for a shell.
    ///
    /// For example: `quorumscope completions bash >
    /// ~/.local/share/bash-completion/completions/quorumscope`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the version (as `--version` does).
    #[command(hide = true)]
    Version,
}

/// The shells `quorumscope completions` writes a script for.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    /// GNU Bash.
    Bash,
    /// Z shell.
    Zsh,
    /// fish.
    Fish,
}

impl From<Shell> for clap_complete::Shell {
    fn from(s: Shell) -> Self {
        match s {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
        }
    }
}

/// `quorumscope run`.
#[derive(Args, Clone, Debug, PartialEq)]
pub struct RunArgs {
    /// The scenario file to play.
    #[arg(value_name = "FILE")]
    pub file: String,
    /// One JSON document, streamed as the run goes: the run's fields, then each step (caption,
    /// checks, its events one per line, text and typed form), then the totals.
    #[arg(long)]
    pub json: bool,
    /// Language of captions and event lines (both captions are always printed).
    #[arg(long, value_name = "LANG", default_value = "en",
          value_parser = PossibleValuesParser::new(["en", "zh"]).map(|s: String| lang(&s)))]
    pub lang: Lang,
    /// Leave out message sends and deliveries; keep decisions, timers and faults.
    #[arg(long = "no-messages", action = ArgAction::SetFalse)]
    pub messages: bool,
    /// Stop after the first N steps.
    #[arg(long, value_name = "N", value_parser = steps)]
    pub steps: Option<usize>,
}

/// `quorumscope check`.
#[derive(Args, Clone, Debug, PartialEq)]
pub struct CheckArgs {
    /// Scenario files; a directory stands for every *.scn file in it.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
    /// An array with one object per file.
    #[arg(long)]
    pub json: bool,
    /// List every expectation, not only the failures.
    #[arg(short, long)]
    pub verbose: bool,
}

/// `quorumscope explore`.
#[derive(Args, Clone, Debug, PartialEq)]
pub struct ExploreArgs {
    /// Which core to drive.
    #[arg(long, required = true, value_parser = ["raft", "paxos"])]
    pub protocol: String,
    /// How many runs, one per seed (at least 1).
    #[arg(long, value_name = "N", value_parser = seeds)]
    pub seeds: u64,
    /// The first seed; runs use S, S+1, …, S+N-1 (which must not pass 2^64-1).
    #[arg(long = "first-seed", visible_alias = "seed", value_name = "S", default_value = "1",
          value_parser = whole)]
    pub first_seed: u64,
    /// Cluster size, 1 to 9 (default: 5 for Raft; for Paxos each seed draws its own, 3 to 7).
    #[arg(long, value_name = "K", value_parser = nodes)]
    pub nodes: Option<usize>,
    /// Fault kinds switched off with `--no-<fault>`.
    #[command(flatten)]
    pub no_faults: NoFaults,
    /// Turn on an unsafe teaching switch (repeatable), e.g. vote-without-log-check,
    /// commit-old-terms (Raft), forget-promise, amnesia (Paxos); the campaign should then find
    /// violations.
    #[arg(long = "unsafe", value_name = "NAME", action = ArgAction::Append)]
    pub unsafe_switches: Vec<String>,
    /// How long faults are injected in each run (e.g. 5s).
    #[arg(long = "fault-time", value_name = "D", value_parser = units::duration)]
    pub fault_time: Option<Time>,
    /// The campaign summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// One line per run, and the full report of every failure (the invariant, the seed and
    /// the events that led to it).
    #[arg(short, long)]
    pub verbose: bool,
    /// Stop at the first failing seed.
    #[arg(long = "stop-at-first")]
    pub stop_at_first: bool,
    /// How many seeds run at once (default: one per core). The results are the same
    /// whatever the number.
    #[arg(long, value_name = "N", value_parser = threads)]
    pub threads: Option<usize>,
    /// Run only slice I of N of the seeds (every N-th seed, from the I-th), to spread a
    /// campaign over machines; `quorumscope merge` adds up the slices' `--json` outputs.
    #[arg(long, value_name = "I/N", value_parser = shard)]
    pub shard: Option<crate::explore::Shard>,
}

/// `quorumscope merge`.
#[derive(Args, Clone, Debug, PartialEq)]
pub struct MergeArgs {
    /// The `explore --json` outputs of every shard of one campaign.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
    /// The merged summary as JSON (the form `explore --json` writes).
    #[arg(long)]
    pub json: bool,
}

/// The help of `--no-<kind>`: what leaving a fault kind out means. The kinds and their names
/// are [`Fault::ALL`]'s (one concept, one place); the match makes a new kind need its help.
fn left_out(f: Fault) -> &'static str {
    match f {
        Fault::Crash => "Leave out crashes (and restarts from disk)",
        Fault::Pause => "Leave out pauses (a node stops, then resumes)",
        Fault::Partition => "Leave out network partitions",
        Fault::Loss => "Leave out message loss",
        Fault::Duplicate => "Leave out message duplication",
        Fault::Reorder => "Leave out message reordering",
        Fault::Hold => "Leave out messages in flight held, dropped or delivered at once",
        Fault::Timeout => "Leave out forced timer firings",
    }
}

/// The fault kinds switched off on the command line (the `--no-<kind>` flags, one for each
/// of [`Fault::ALL`], and `--no-faults` for all of them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoFaults(pub Vec<String>);

impl<'a> IntoIterator for &'a NoFaults {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl FromArgMatches for NoFaults {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let all = m.get_flag("no-faults");
        Ok(NoFaults(
            Fault::ALL
                .iter()
                .filter(|(_, kind)| all || m.get_flag(&format!("no-{kind}")))
                .map(|(_, kind)| kind.to_string())
                .collect(),
        ))
    }

    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl Args for NoFaults {
    fn augment_args(mut cmd: clap::Command) -> clap::Command {
        for &(fault, kind) in Fault::ALL {
            let name = format!("no-{kind}");
            cmd = cmd.arg(
                clap::Arg::new(name.clone())
                    .long(name)
                    .action(ArgAction::SetTrue)
                    .help(left_out(fault))
                    .help_heading("Faults"),
            );
        }
        cmd.arg(
            clap::Arg::new("no-faults")
                .long("no-faults")
                .action(ArgAction::SetTrue)
                .help("Leave every kind of fault out")
                .help_heading("Faults"),
        )
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

fn lang(v: &str) -> Lang {
    match v {
        "zh" => Lang::Zh,
        _ => Lang::En,
    }
}

fn whole(v: &str) -> Result<u64, String> {
    units::count(v, "a whole number")
}

fn steps(v: &str) -> Result<usize, String> {
    Ok(usize::try_from(whole(v)?).unwrap_or(usize::MAX))
}

fn seeds(v: &str) -> Result<u64, String> {
    match whole(v)? {
        0 => Err("`--seeds` must be at least 1".into()),
        n => Ok(n),
    }
}

fn threads(v: &str) -> Result<usize, String> {
    match whole(v)? {
        n @ 1..=1024 => Ok(n as usize),
        n => Err(format!("`--threads` is 1 to 1024, not {n}")),
    }
}

fn shard(v: &str) -> Result<crate::explore::Shard, String> {
    v.parse()
}

fn nodes(v: &str) -> Result<usize, String> {
    match whole(v)? {
        n @ 1..=9 => Ok(n as usize),
        n => Err(format!("`--nodes` is 1 to 9, not {n}")),
    }
}

/// Parses the arguments after the program name. `Err` is clap's error, ready to print: the
/// help or the version (exit 0, on stdout) or a usage error (exit 2, on stderr).
pub fn parse(args: &[String]) -> Result<Cmd, clap::Error> {
    let argv = std::iter::once("quorumscope").chain(args.iter().map(String::as_str));
    let matches = Cli::command().try_get_matches_from(argv).map_err(|e| {
        let sub = args.iter().find(|a| !a.starts_with('-'));
        given_twice(e, sub.map_or("", String::as_str))
    })?;
    let cmd = Cli::from_arg_matches(&matches)?.cmd;
    if let Cmd::Explore(e) = &cmd {
        // Seeds first_seed ..= first_seed + seeds - 1 must all exist.
        if e.first_seed.checked_add(e.seeds - 1).is_none() {
            return Err(usage_error(
                "explore",
                ErrorKind::ValueValidation,
                format!(
                    "`--first-seed {}` with `--seeds {}` runs past the largest seed ({})",
                    e.first_seed,
                    e.seeds,
                    u64::MAX
                ),
            ));
        }
    }
    Ok(cmd)
}

/// clap refuses a flag given twice ("cannot be used multiple times"); this says so in the
/// words of the rest of the tool: silently taking the last of `--seeds 1 --seeds 2` would
/// hide a mistake.
fn given_twice(e: clap::Error, sub: &str) -> clap::Error {
    if e.kind() != ErrorKind::ArgumentConflict {
        return e;
    }
    let name = |k| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.split(' ').next().unwrap_or(s).to_string()),
        _ => None,
    };
    match (name(ContextKind::InvalidArg), name(ContextKind::PriorArg)) {
        (Some(a), Some(b)) if a == b => usage_error(
            sub,
            ErrorKind::ArgumentConflict,
            format!("`{a}` is given twice"),
        ),
        _ => e,
    }
}

/// An error of subcommand `sub` (or of the tool, if `sub` is not one), with its usage line.
fn usage_error(sub: &str, kind: ErrorKind, message: String) -> clap::Error {
    let mut c = Cli::command();
    c.build();
    match c.find_subcommand_mut(sub) {
        Some(s) => s.error(kind, message),
        None => c.error(kind, message),
    }
}

/// The completion script for `shell` (built in memory: clap_complete panics on a write error,
/// and `quorumscope completions bash | head` closes the pipe).
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(
        clap_complete::Shell::from(shell),
        &mut Cli::command(),
        "quorumscope",
        &mut out,
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Cmd, clap::Error> {
        let v: Vec<String> = s.split_whitespace().map(String::from).collect();
        parse(&v)
    }

    fn err(s: &str) -> String {
        p(s).unwrap_err().to_string()
    }

    #[test]
    fn the_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn subcommands() {
        let e = p("").unwrap_err();
        assert_eq!(
            e.kind(),
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        );
        assert_eq!(e.exit_code(), 2);
        assert_eq!(p("run --help").unwrap_err().kind(), ErrorKind::DisplayHelp);
        assert_eq!(
            p("--version").unwrap_err().kind(),
            ErrorKind::DisplayVersion
        );
        let Cmd::Run(r) = p("run x.scn --lang=zh --json").unwrap() else {
            panic!()
        };
        assert_eq!(
            (r.file.as_str(), r.lang, r.json, r.messages),
            ("x.scn", Lang::Zh, true, true)
        );
        let Cmd::Run(r) = p("run x.scn --no-messages --steps 3").unwrap() else {
            panic!()
        };
        assert_eq!((r.lang, r.messages, r.steps), (Lang::En, false, Some(3)));
        let Cmd::Check(c) = p("check a b c").unwrap() else {
            panic!()
        };
        assert_eq!(c.files.len(), 3);
        let Cmd::Explore(e) = p("explore --protocol raft --seeds 10 --nodes 3 --no-crash").unwrap()
        else {
            panic!()
        };
        assert_eq!(
            (e.seeds, e.nodes, e.first_seed, e.no_faults.0.clone()),
            (10, Some(3), 1, vec!["crash".to_string()])
        );
        let Cmd::Explore(e) = p("explore --protocol paxos --seeds 1 --no-faults").unwrap() else {
            panic!()
        };
        assert_eq!(e.no_faults.0.len(), Fault::ALL.len());
        assert_eq!(p("format").unwrap(), Cmd::Format);
        assert_eq!(
            p("completions zsh").unwrap(),
            Cmd::Completions { shell: Shell::Zsh }
        );
    }

    #[test]
    fn bad_flags_are_clear() {
        assert!(err("run").contains("<FILE>"));
        assert!(err("run a --frobnicate").contains("'--frobnicate'"));
        assert!(err("explore --protocol zab --seeds 1").contains("'zab'"));
        assert!(err("explore --protocol raft").contains("--seeds <N>"));
        assert!(err("explore --protocol raft --seeds x").contains("whole number"));
        assert!(err("explore --protocol raft --seeds 0").contains("at least 1"));
        assert!(err("explore --protocol raft --seeds 3 --nodes 10").contains("1 to 9"));
        assert!(err("explore --protocol raft --seeds 3 --fault-time 5").contains("`5s`"));
        assert!(err("run a --lang fr").contains("[possible values: en, zh]"));
        assert!(err("check --json=1 a").contains("'1'"));
        for e in ["frob", "run a --frobnicate"] {
            assert_eq!(p(e).unwrap_err().exit_code(), 2, "{e}");
        }
    }

    #[test]
    fn mistakes_get_a_suggestion() {
        let e = err("chek a.scn");
        assert!(e.contains("'chek'") && e.contains("'check'"), "{e}");
        let e = err("explore --protocol raft --seeds 1 --node 3");
        assert!(e.contains("'--nodes'"), "{e}");
        let e = err("run a.scn --jsn");
        assert!(e.contains("'--json'"), "{e}");
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
            assert!(e.to_string().contains("given twice"), "{args}: {e}");
            assert_eq!(e.exit_code(), 2);
        }
        let max = u64::MAX;
        let Cmd::Explore(e) = p(&format!(
            "explore --protocol raft --seeds 1 --first-seed {max}"
        ))
        .unwrap() else {
            panic!()
        };
        assert_eq!(e.first_seed, max);
        let e = err(&format!(
            "explore --protocol raft --seeds 2 --first-seed {max}"
        ));
        assert!(e.contains("largest seed"), "{e}");
        // `--unsafe` may be given for several switches.
        let Cmd::Explore(e) = p("explore --protocol raft --seeds 1 --unsafe a --unsafe b").unwrap()
        else {
            panic!()
        };
        assert_eq!(e.unsafe_switches, ["a", "b"]);
    }

    #[test]
    fn completions_name_the_subcommands_and_flags() {
        let s = String::from_utf8(completions(Shell::Bash)).unwrap();
        for w in ["explore", "--protocol", "--no-crash", "completions"] {
            assert!(s.contains(w), "{w}");
        }
    }
}
