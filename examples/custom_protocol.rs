//! Your own protocol on QuorumScope's simulator, checker and fault campaign.
//!
//! A toy primary-backup log: node n1 is the primary for ever; a client's value is appended to
//! its log and sent to the backups, and the client hears "committed" once a majority of the
//! nodes hold the entry. The backups ack how long their log is; a heartbeat resends what a
//! backup lacks, so loss, duplication, reordering, partitions, pauses and crashes (the log is
//! durable) are all survived. There is no failover: while n1 is down nothing commits, which
//! the campaign allows (it heals everything before it checks liveness).
//!
//! The toy has one unsafe teaching switch, `reply-early`: the primary answers the client as
//! soon as it has the entry itself. The checker's "Committed Entries Are on a Majority" catches
//! it, and the campaign finds a seed that shows it.
//!
//! ```text
//! cargo run --release --example custom_protocol            # one run, then two campaigns
//! cargo test --release --example custom_protocol           # the same, as tests
//! ```
//!
//! To test your own implementation, replace the protocol below; the pieces are:
//! 1. [`Protocol`] (the node as a sans-I/O state machine: inputs through `handle_*`, outputs
//!    from `poll_output`), with its message ([`Describe`]) and decision note ([`Explain`]);
//! 2. [`Checker`] (the invariants, checked after every event) and [`Checked`];
//! 3. [`Explorable`] (how the campaign sets a run up, and what "recovered" means).

use quorumscope::check::{self, Checked, Checker, Violation};
use quorumscope::core::{
    majority, ClientOutcome, ClientReply, ClientRequest, Delay, Describe, Explain, Lang, Names,
    NodeId, Output, Protocol, Time, MS,
};
use quorumscope::explore::{self, ChaCha8Rng, Explorable, Mix, Options};
use quorumscope::glossary::Term;
use quorumscope::sim::{render, Action, Setup, Simulator, Status, Step};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// The primary is always node 0 (n1).
const PRIMARY: NodeId = 0;
/// The most entries one Append carries.
const BATCH: usize = 16;
/// The unsafe teaching switch.
const REPLY_EARLY: &str = "reply-early";

/// Cluster-wide options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToyConfig {
    /// How often the primary resends what each backup lacks.
    pub heartbeat: Time,
    /// Unsafe: answer the client before a majority holds the entry.
    pub reply_early: bool,
}

impl Default for ToyConfig {
    fn default() -> Self {
        ToyConfig {
            heartbeat: 50 * MS,
            reply_early: false,
        }
    }
}

/// What survives a crash: the log.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ToyDurable {
    /// The values, in order (index 1 is the first).
    pub log: Vec<String>,
}

/// The messages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToyMsg {
    /// Primary → backup: the entries from index `first` on.
    Append { first: u64, entries: Vec<String> },
    /// Backup → primary: my log now has `len` entries.
    Ack { len: u64 },
}

impl Describe for ToyMsg {
    fn kind(&self) -> &'static str {
        match self {
            ToyMsg::Append { .. } => "Append",
            ToyMsg::Ack { .. } => "Ack",
        }
    }
    fn summary(&self) -> String {
        match self {
            ToyMsg::Append { first, entries } => format!("Append [{first}] ×{}", entries.len()),
            ToyMsg::Ack { len } => format!("Ack {len}"),
        }
    }
    fn outcome(&self) -> Option<bool> {
        match self {
            ToyMsg::Append { .. } => None,
            ToyMsg::Ack { .. } => Some(true),
        }
    }
}

/// The one timer: the primary's heartbeat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ToyTimer {
    /// Resend to every backup what it lacks.
    Heartbeat,
}

/// A decision worth showing, with the rule it follows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToyNote {
    /// The primary appended a client's value.
    Appended { index: u64, value: String },
    /// A majority holds every entry up to `index`.
    Committed { index: u64 },
    /// A node that is not the primary was asked by a client.
    NotPrimary,
}

impl Explain for ToyNote {
    fn render(&self, me: NodeId, names: &Names, lang: Lang) -> String {
        let me = &names[me];
        match (self, lang) {
            (ToyNote::Appended { index, value }, Lang::En) => {
                format!("{me} appended \"{value}\" at index {index} and sends it to the backups")
            }
            (ToyNote::Appended { index, value }, Lang::Zh) => {
                format!("{me} 在索引 {index} 追加了“{value}”，并发给各备份节点")
            }
            (ToyNote::Committed { index }, Lang::En) => {
                format!("{me} committed up to index {index}: a majority holds those entries")
            }
            (ToyNote::Committed { index }, Lang::Zh) => {
                format!("{me} 提交到索引 {index}：多数派已持有这些条目")
            }
            (ToyNote::NotPrimary, Lang::En) => format!("{me} is a backup: clients go to n1"),
            (ToyNote::NotPrimary, Lang::Zh) => format!("{me} 是备份节点：客户端应发给 n1"),
        }
    }
    fn rule(&self) -> &'static str {
        match self {
            ToyNote::Appended { .. } => "append",
            ToyNote::Committed { .. } => "majority",
            ToyNote::NotPrimary => "redirect",
        }
    }
}

/// One node of the toy protocol.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToyNode {
    id: NodeId,
    n: usize,
    config: ToyConfig,
    durable: ToyDurable,
    /// Primary: how many entries each node is known to hold (volatile).
    acked: Vec<u64>,
    /// Primary: entries known to be on a majority (volatile).
    pub commit: u64,
    /// Primary: requests waiting for their entry to commit, by index.
    waiting: Vec<(u64, u64)>,
    out: VecDeque<Output<ToyMsg, ToyTimer, ToyNote>>,
}

impl ToyNode {
    /// The node's log.
    pub fn log(&self) -> &[String] {
        &self.durable.log
    }

    fn len(&self) -> u64 {
        self.durable.log.len() as u64
    }

    /// Primary: send backup `to` what it lacks (at most [`BATCH`] entries).
    fn send_to(&mut self, to: NodeId) {
        let from = self.acked[to] as usize;
        let entries: Vec<String> = self
            .durable
            .log
            .iter()
            .skip(from)
            .take(BATCH)
            .cloned()
            .collect();
        self.out.push_back(Output::Send {
            to,
            msg: ToyMsg::Append {
                first: from as u64 + 1,
                entries,
            },
        });
    }

    /// Primary: commit what a majority holds, and answer the clients waiting for it.
    fn advance_commit(&mut self) {
        let mut held = self.acked.clone();
        held[PRIMARY] = self.len();
        held.sort_unstable_by(|a, b| b.cmp(a));
        let on_majority = held[majority(self.n) - 1];
        let new = if self.config.reply_early {
            self.len()
        } else {
            on_majority
        };
        if new <= self.commit {
            return;
        }
        self.commit = new;
        self.out
            .push_back(Output::Note(ToyNote::Committed { index: new }));
        let (done, left): (Vec<_>, Vec<_>) = self.waiting.iter().partition(|(_, i)| *i <= new);
        self.waiting = left;
        for (request, index) in done {
            self.out.push_back(Output::Reply(ClientReply {
                request,
                outcome: ClientOutcome::Committed { index },
            }));
        }
    }
}

impl Protocol for ToyNode {
    type Config = ToyConfig;
    type Msg = ToyMsg;
    type Timer = ToyTimer;
    type Durable = ToyDurable;
    type Note = ToyNote;

    const NAME: &'static str = "primary-backup";
    const TIMEOUT_TIMER: ToyTimer = ToyTimer::Heartbeat;

    fn recover(id: NodeId, n: usize, config: &ToyConfig, durable: ToyDurable) -> Self {
        ToyNode {
            id,
            n,
            config: config.clone(),
            durable,
            acked: vec![0; n],
            commit: 0,
            waiting: Vec::new(),
            out: VecDeque::new(),
        }
    }

    fn start(&mut self, now: Time) {
        if self.id == PRIMARY {
            self.handle_timer(now, ToyTimer::Heartbeat);
        }
    }

    fn handle_message(&mut self, _now: Time, from: NodeId, msg: ToyMsg) {
        match msg {
            ToyMsg::Append { first, entries } => {
                // Entries already held are the same (only the primary appends, and it never
                // rewrites its log): take what extends this log, ignore a gap.
                let len = self.len();
                if first <= len + 1 {
                    let skip = (len + 1 - first) as usize;
                    self.durable.log.extend(entries.into_iter().skip(skip));
                }
                self.out.push_back(Output::Send {
                    to: from,
                    msg: ToyMsg::Ack { len: self.len() },
                });
            }
            ToyMsg::Ack { len } => {
                // A stale or duplicated ack may say less than a later one: keep the most.
                self.acked[from] = self.acked[from].max(len.min(self.len()));
                self.advance_commit();
            }
        }
    }

    fn handle_timer(&mut self, _now: Time, _timer: ToyTimer) {
        if self.id != PRIMARY {
            return;
        }
        for to in (0..self.n).filter(|&i| i != PRIMARY) {
            self.send_to(to);
        }
        self.out.push_back(Output::SetTimer {
            timer: ToyTimer::Heartbeat,
            after: Delay::Exactly(self.config.heartbeat),
        });
    }

    fn handle_client(&mut self, _now: Time, request: ClientRequest) {
        if self.id != PRIMARY {
            self.out.push_back(Output::Note(ToyNote::NotPrimary));
            self.out.push_back(Output::Reply(ClientReply {
                request: request.id,
                outcome: ClientOutcome::Redirect {
                    leader: Some(PRIMARY),
                },
            }));
            return;
        }
        self.durable.log.push(request.value.clone());
        let index = self.len();
        self.out.push_back(Output::Note(ToyNote::Appended {
            index,
            value: request.value,
        }));
        self.waiting.push((request.id, index));
        for to in (0..self.n).filter(|&i| i != PRIMARY) {
            self.send_to(to);
        }
        self.advance_commit();
    }

    fn poll_output(&mut self) -> Option<Output<ToyMsg, ToyTimer, ToyNote>> {
        self.out.pop_front()
    }

    fn durable(&self) -> &ToyDurable {
        &self.durable
    }

    fn id(&self) -> NodeId {
        self.id
    }

    fn timer_term(&self, _timer: ToyTimer) -> Term {
        Term::HeartbeatTimer
    }
}

/// The invariants, with the ghost state that keeps each check's cost to what changed.
#[derive(Clone, Debug)]
pub struct ToyChecker {
    /// How many entries of each node's log are already known to agree with the primary's.
    agreed: Vec<usize>,
}

/// Every backup's log is a prefix of the primary's.
pub const PREFIX_AGREEMENT: &str = "Prefix Agreement";
/// What the primary has committed is held by a majority of the nodes.
pub const COMMITTED_ON_MAJORITY: &str = "Committed Entries Are on a Majority";

impl Checker<ToyNode> for ToyChecker {
    fn new(sim: &Simulator<ToyNode>) -> Self {
        ToyChecker {
            agreed: vec![0; sim.n()],
        }
    }

    fn check(&mut self, sim: &Simulator<ToyNode>, step: Option<Step>) -> Result<(), Violation> {
        // Only the node that handled the event can have changed (every node, if unknown).
        let changed: Vec<NodeId> = match step.and_then(|s| s.node) {
            Some(i) => vec![i],
            None => (0..sim.n()).collect(),
        };
        let primary = sim.node(PRIMARY).log();
        for i in changed {
            let log = sim.node(i).log();
            // Logs only grow: compare the entries not compared yet.
            for (k, entry) in log.iter().enumerate().skip(self.agreed[i]) {
                if primary.get(k) != Some(entry) {
                    let detail = format!(
                        "{} holds {entry:?} at index {}, the primary {:?}",
                        sim.names()[i],
                        k + 1,
                        primary.get(k)
                    );
                    return Err(Violation::new(sim, PREFIX_AGREEMENT, detail));
                }
            }
            self.agreed[i] = log.len();
            if i == PRIMARY {
                let commit = sim.node(PRIMARY).commit;
                let holders = (0..sim.n())
                    .filter(|&j| sim.node(j).log().len() as u64 >= commit)
                    .count();
                if holders < majority(sim.n()) {
                    let detail = format!(
                        "index {commit} is committed, but only {holders} of {} nodes hold it",
                        sim.n()
                    );
                    return Err(Violation::new(sim, COMMITTED_ON_MAJORITY, detail));
                }
            }
        }
        Ok(())
    }

    fn invariants(&self) -> &'static [&'static str] {
        &[PREFIX_AGREEMENT, COMMITTED_ON_MAJORITY]
    }
}

impl Checked for ToyNode {
    type Checker = ToyChecker;
}

impl Explorable for ToyNode {
    const UNSAFE_SWITCHES: &'static [&'static str] = &[REPLY_EARLY];
    /// The Raft campaign's fault mix (crashes, pauses, partitions, loss, duplicates, reordering,
    /// held messages and forced timeouts), so the toy faces the same faults.
    const FAULT_TABLE: &'static [explore::FaultRow] = explore::raft::FAULT_TABLE;

    /// Three nodes: a primary and two backups.
    fn cluster_size(_: &mut ChaCha8Rng) -> usize {
        3
    }

    fn campaign_setup(
        _rng: &mut ChaCha8Rng,
        setup: &mut Setup<ToyNode>,
        mix: &Mix,
        unsafe_switches: &[String],
    ) -> Result<(), String> {
        // A heartbeat a few latencies long.
        setup.config.heartbeat = (4 * mix.latency_max).max(20 * MS);
        for s in unsafe_switches {
            match s.as_str() {
                REPLY_EARLY => setup.config.reply_early = true,
                other => return Err(format!("unknown unsafe switch '{other}'")),
            }
        }
        Ok(())
    }

    fn probe_target(sim: &Simulator<ToyNode>) -> Option<NodeId> {
        (sim.status(PRIMARY) == Status::Up).then_some(PRIMARY)
    }

    /// Recovered: every node is up and holds the primary's whole log.
    fn liveness(sim: &Simulator<ToyNode>) -> Result<(), String> {
        let primary = sim.node(PRIMARY).log();
        for i in 0..sim.n() {
            if sim.status(i) != Status::Up {
                return Err(format!("{} is not up", sim.names()[i]));
            }
            if sim.node(i).log() != primary {
                return Err(format!(
                    "{} holds {} of the primary's {} entries",
                    sim.names()[i],
                    sim.node(i).log().len(),
                    primary.len()
                ));
            }
        }
        Ok(())
    }
}

/// One run by hand: three values, a crashed backup, every invariant checked after every
/// event. Returns the simulator at the end.
fn one_run(print: bool) -> Result<Simulator<ToyNode>, Violation> {
    let mut sim = Simulator::new(Setup::<ToyNode>::new(3, 7));
    let mut checker = ToyChecker::new(&sim);
    let actions = [
        (10 * MS, Action::Crash(2)),
        (
            20 * MS,
            Action::Client {
                node: PRIMARY,
                value: "x".into(),
            },
        ),
        (
            40 * MS,
            Action::Client {
                node: 1,
                value: "y".into(),
            },
        ),
        (100 * MS, Action::Restart(2)),
    ];
    for (at, action) in actions {
        check::run_checked(&mut sim, &mut checker, at)?;
        check::act_checked(&mut sim, &mut checker, action).expect("a valid action")?;
    }
    check::run_checked(&mut sim, &mut checker, 300 * MS)?;
    if print {
        for e in &sim.trace {
            println!("{}", render::line(e, sim.names(), Lang::En));
        }
    }
    Ok(sim)
}

/// A campaign of `seeds` seeds over a 3-node cluster, with the named unsafe switches.
fn campaign(seeds: u64, unsafe_switches: &[&str]) -> explore::Summary {
    let mut opts = Options::new(ToyNode::NAME);
    opts.nodes = Some(3);
    opts.seeds = seeds;
    opts.fault_time = 2_000 * MS;
    opts.unsafe_switches = unsafe_switches.iter().map(|s| s.to_string()).collect();
    opts.stop_at_first = !unsafe_switches.is_empty();
    explore::campaign::<ToyNode>(&opts, |_| {}).expect("valid options")
}

fn main() {
    println!("== one run by hand");
    let sim = one_run(true).unwrap_or_else(|v| panic!("a violation: {v:?}"));
    println!(
        "logs: {:?}",
        (0..3).map(|i| sim.node(i).log()).collect::<Vec<_>>()
    );

    println!("\n== the fault campaign, 100 seeds");
    let s = campaign(100, &[]);
    println!(
        "{} runs, {} events, {} violations, {} liveness failures",
        s.runs, s.events, s.violations, s.liveness_failures
    );

    println!("\n== the campaign with the unsafe switch `{REPLY_EARLY}`");
    let s = campaign(100, &[REPLY_EARLY]);
    match s.failures.first() {
        Some(f) => println!(
            "seed {} fails:\n{}",
            f.seed,
            f.violation.as_deref().unwrap_or("")
        ),
        None => println!("no seed failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_by_hand_commits_on_a_majority() {
        let sim = one_run(false).expect("no violation");
        // "y" went to a backup and was redirected to n1; n3 caught up after its restart.
        for i in 0..3 {
            assert_eq!(sim.node(i).log(), ["x", "y"], "n{}", i + 1);
        }
        assert!(sim
            .state
            .requests
            .values()
            .all(|r| matches!(r.outcome, Some(ClientOutcome::Committed { .. }))));
    }

    #[test]
    fn the_campaign_finds_no_failure_in_the_safe_protocol() {
        let s = campaign(40, &[]);
        assert_eq!(s.runs, 40);
        assert_eq!(
            (s.violations, s.liveness_failures),
            (0, 0),
            "{:?}",
            s.failures
        );
    }

    #[test]
    fn the_campaign_catches_the_unsafe_switch() {
        let s = campaign(40, &[REPLY_EARLY]);
        assert_eq!(s.violations, 1, "{:?}", s.failures);
        let v = s.failures[0].violation.as_deref().unwrap();
        assert!(v.contains(COMMITTED_ON_MAJORITY), "{v}");
    }
}
