//! The randomised fault campaign, in the style of TigerBeetle's VOPR: every run comes from one
//! seed, which picks its own fault mix; every invariant is checked after every event; then the
//! cluster is healed and liveness is checked within a stated bound. A failure names the seed
//! and the one-line command that reproduces it.

pub mod disk;
pub mod paxos;
pub mod raft;

use crate::check::{Checked, Checker};
use crate::core::{fmt_time, NodeId, Time, MS};
use crate::sim::{Action, Setup, Simulator, Status};
use rand::{Rng, SeedableRng};
/// The campaign's random number generator, which [`Explorable::campaign_setup`] draws from:
/// re-exported so that a protocol of your own (examples/custom_protocol.rs) names it without
/// depending on `rand_chacha` itself.
pub use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

/// A protocol the campaign can drive.
pub trait Explorable: Checked {
    /// The unsafe teaching switches this protocol has, by name.
    const UNSAFE_SWITCHES: &'static [&'static str];
    /// This protocol's fault mix: every seed draws its own from this one table.
    const FAULT_TABLE: &'static [FaultRow];
    /// The cluster size of a seed whose size is not given (`--nodes`).
    fn cluster_size(rng: &mut ChaCha8Rng) -> usize;
    /// Draws one run's cluster into `setup` (whose size, seed and network are set): options,
    /// timers (sane for `mix`'s latency), roles, and what the nodes find on disk at boot;
    /// the named unsafe switches are turned on. Returns an error for an unknown switch name.
    fn campaign_setup(
        rng: &mut ChaCha8Rng,
        setup: &mut Setup<Self>,
        mix: &Mix,
        unsafe_switches: &[String],
    ) -> Result<(), String>;
    /// Where a liveness probe request should go, once the cluster can take one.
    fn probe_target(sim: &Simulator<Self>) -> Option<NodeId>;
    /// Liveness once healed: `Ok` when the cluster has recovered.
    fn liveness(sim: &Simulator<Self>) -> Result<(), String>;
    /// Whether [`Self::liveness`] reads the run's whole trace. A campaign's runs otherwise
    /// keep no trace (the checker reads each entry once, right after its event), and a seed
    /// that breaks an invariant is run again with its trace to report the events that led
    /// to it (issue 24 item 3).
    const LIVENESS_READS_TRACE: bool = false;
    /// The checker of a run: every invariant, or (for a test that looks past the first
    /// broken rule) only the named ones.
    fn checker(sim: &Simulator<Self>, only: &[String]) -> Result<Self::Checker, String> {
        if only.is_empty() {
            Ok(Self::Checker::new(sim))
        } else {
            Err(format!("{}'s checker checks every invariant", Self::NAME))
        }
    }
}

/// A kind of fault the campaign injects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Crash a node (the leader half of the time), and restart crashed ones.
    Crash,
    /// Pause a node (SIGSTOP), and resume paused ones.
    Pause,
    /// Partitions, cut links and heals.
    Partition,
    /// The network loses a message.
    Loss,
    /// The network delivers a message twice.
    Duplicate,
    /// The network holds a message back so that later ones overtake it.
    Reorder,
    /// A chosen message in flight is held, dropped or delivered at once; a held one is later
    /// delivered (stale) or dropped.
    Hold,
    /// A node's election (or retry) timer is forced to fire now.
    Timeout,
}

impl Fault {
    /// Every kind of fault, with its name (`--no-NAME` leaves it out).
    pub const ALL: &'static [(Fault, &'static str)] = &[
        (Fault::Crash, "crash"),
        (Fault::Pause, "pause"),
        (Fault::Partition, "partition"),
        (Fault::Loss, "loss"),
        (Fault::Duplicate, "duplicate"),
        (Fault::Reorder, "reorder"),
        (Fault::Hold, "hold"),
        (Fault::Timeout, "timeout"),
    ];

    pub fn name(self) -> &'static str {
        Fault::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("?", |(_, n)| n)
    }
}

/// One row of a campaign's fault table ([`Explorable::FAULT_TABLE`]): a kind of fault, the
/// share of seeds that use it, and the range its rate is drawn from in those seeds. Loss,
/// duplication and reordering are the network's per-message probabilities; the others are
/// chances per round of the faulty phase (a round every 10 to 150 ms).
pub type FaultRow = (Fault, f64, f64, f64);

/// Every seed's network latency: the minimum is 1 to 10 ms, the maximum up to 30 ms more.
pub const LATENCY_MIN_MS: (u64, u64) = (1, 10);
pub const LATENCY_SPREAD_MS: u64 = 30;

/// Which kinds of fault a campaign may inject.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Faults {
    pub crash: bool,
    pub pause: bool,
    pub partition: bool,
    pub loss: bool,
    pub duplicate: bool,
    pub reorder: bool,
    #[serde(default = "yes")]
    pub hold: bool,
    #[serde(default = "yes")]
    pub timeout: bool,
}

fn yes() -> bool {
    true
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            crash: true,
            pause: true,
            partition: true,
            loss: true,
            duplicate: true,
            reorder: true,
            hold: true,
            timeout: true,
        }
    }
}

impl Faults {
    /// Whether `f` is in.
    pub fn on(&self, f: Fault) -> bool {
        *self.flag(f)
    }

    fn flag(&self, f: Fault) -> &bool {
        match f {
            Fault::Crash => &self.crash,
            Fault::Pause => &self.pause,
            Fault::Partition => &self.partition,
            Fault::Loss => &self.loss,
            Fault::Duplicate => &self.duplicate,
            Fault::Reorder => &self.reorder,
            Fault::Hold => &self.hold,
            Fault::Timeout => &self.timeout,
        }
    }

    /// Leaves out the fault named `name` (a name of [`Fault::ALL`]); false for an unknown
    /// name.
    pub fn leave_out(&mut self, name: &str) -> bool {
        let Some(&(f, _)) = Fault::ALL.iter().find(|r| r.1 == name) else {
            return false;
        };
        match f {
            Fault::Crash => self.crash = false,
            Fault::Pause => self.pause = false,
            Fault::Partition => self.partition = false,
            Fault::Loss => self.loss = false,
            Fault::Duplicate => self.duplicate = false,
            Fault::Reorder => self.reorder = false,
            Fault::Hold => self.hold = false,
            Fault::Timeout => self.timeout = false,
        }
        true
    }
}

/// How a campaign runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Options {
    pub protocol: String,
    /// The cluster size; `None`: each seed draws its own ([`Explorable::cluster_size`]).
    pub nodes: Option<usize>,
    pub first_seed: u64,
    pub seeds: u64,
    /// How long faults are injected.
    pub fault_time: Time,
    /// After healing, liveness must hold within this bound.
    pub recovery_bound: Time,
    pub faults: Faults,
    pub unsafe_switches: Vec<String>,
    /// Stop at the first failing seed.
    pub stop_at_first: bool,
    /// Check only these invariants (empty: all). For tests that look at what a broken rule
    /// leads to, past the first invariant it breaks; the reproduce command checks them all.
    #[serde(default)]
    pub only: Vec<String>,
    /// Run only one slice of the seeds (`--shard I/N`), to spread a campaign over machines;
    /// [`merge`] adds the slices' summaries up to the whole campaign's.
    #[serde(default)]
    pub shard: Option<Shard>,
    /// How many seeds run at once, each on its own thread. The results do not depend on it.
    #[serde(default = "one")]
    pub threads: usize,
}

fn one() -> usize {
    1
}

/// Slice `index` (1 to `count`) of a campaign's seeds: every `count`-th seed of the range,
/// starting with its `index`-th. Interleaved, so that each slice gets its share of the slow
/// seeds wherever they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl std::str::FromStr for Shard {
    type Err = String;
    /// `I/N` with 1 ≤ I ≤ N.
    fn from_str(v: &str) -> Result<Self, String> {
        let bad = || format!("a shard is I/N with 1 <= I <= N (like 2/8), not `{v}`");
        let (i, n) = v.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Options {
    pub fn new(protocol: &str) -> Self {
        Options {
            protocol: protocol.to_string(),
            nodes: None,
            first_seed: 1,
            seeds: 100,
            fault_time: 6_000 * MS,
            recovery_bound: 10_000 * MS,
            faults: Faults::default(),
            unsafe_switches: Vec::new(),
            stop_at_first: false,
            only: Vec::new(),
            shard: None,
            threads: 1,
        }
    }

    /// The seeds this campaign (or its shard) runs, in order: `(how many, the k-th)`.
    pub fn seed_list(&self) -> (u64, impl Fn(u64) -> u64 + Copy) {
        let (skip, step) = self.shard.map_or((0, 1), |s| (s.index - 1, s.count));
        // Seeds past 2^64-1 do not exist (the range is inclusive of the last seed).
        let seeds = self
            .seeds
            .min((u64::MAX - self.first_seed).saturating_add(1));
        let count = seeds.saturating_sub(skip).div_ceil(step);
        let first = self.first_seed;
        // Within the range: first_seed + seeds - 1 does not overflow (the parser checks).
        (count, move |k: u64| first.wrapping_add(skip + k * step))
    }

    /// The campaign these options describe, whichever slice of it they run and on how many
    /// threads: what two shards must agree on to be merged.
    pub fn campaign(&self) -> Options {
        Options {
            shard: None,
            threads: 1,
            ..self.clone()
        }
    }

    /// The one-line command that reproduces `seed`.
    pub fn reproduce(&self, seed: u64) -> String {
        let mut s = format!(
            "cargo run --release --bin quorumscope -- explore --protocol {}",
            self.protocol
        );
        if let Some(n) = self.nodes {
            s.push_str(&format!(" --nodes {n}"));
        }
        s.push_str(&format!(" --first-seed {seed} --seeds 1 --verbose"));
        for &(f, name) in Fault::ALL {
            if !self.faults.on(f) {
                s.push_str(&format!(" --no-{name}"));
            }
        }
        if self.fault_time != Options::new("").fault_time {
            s.push_str(&format!(" --fault-time {}ms", self.fault_time / MS));
        }
        for u in &self.unsafe_switches {
            s.push_str(&format!(" --unsafe {u}"));
        }
        s
    }
}

/// The fault mix one seed picked from its protocol's [`Explorable::FAULT_TABLE`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Mix {
    pub crash: f64,
    pub pause: f64,
    pub partition: f64,
    pub loss: f64,
    pub duplicate: f64,
    pub reorder: f64,
    pub hold: f64,
    pub timeout: f64,
    pub client: f64,
    pub latency_min: Time,
    pub latency_max: Time,
}

impl Mix {
    /// The rate drawn for `f`.
    pub fn rate(&self, f: Fault) -> f64 {
        match f {
            Fault::Crash => self.crash,
            Fault::Pause => self.pause,
            Fault::Partition => self.partition,
            Fault::Loss => self.loss,
            Fault::Duplicate => self.duplicate,
            Fault::Reorder => self.reorder,
            Fault::Hold => self.hold,
            Fault::Timeout => self.timeout,
        }
    }

    fn rate_mut(&mut self, f: Fault) -> &mut f64 {
        match f {
            Fault::Crash => &mut self.crash,
            Fault::Pause => &mut self.pause,
            Fault::Partition => &mut self.partition,
            Fault::Loss => &mut self.loss,
            Fault::Duplicate => &mut self.duplicate,
            Fault::Reorder => &mut self.reorder,
            Fault::Hold => &mut self.hold,
            Fault::Timeout => &mut self.timeout,
        }
    }
}

/// What one seed's run came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunOutcome {
    pub seed: u64,
    pub events: u64,
    pub mix: Mix,
    /// The invariant broken, if any.
    pub invariant: Option<String>,
    /// The full violation report (seed, invariant, the events that led to it).
    pub violation: Option<String>,
    /// Why liveness failed after healing, if it did.
    pub liveness: Option<String>,
    /// How long after healing the cluster recovered.
    pub recovered_in: Option<Time>,
    pub reproduce: String,
}

impl RunOutcome {
    pub fn failed(&self) -> bool {
        self.violation.is_some() || self.liveness.is_some()
    }
}

/// Totals over a campaign.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub runs: u64,
    pub events: u64,
    pub violations: u64,
    pub liveness_failures: u64,
    /// The failing runs.
    pub failures: Vec<RunOutcome>,
    /// The slowest recovery seen after healing.
    pub max_recovery: Time,
}

/// One seed's mix: each fault of the table is in for its share of the seeds, at a rate drawn
/// from its range.
fn draw_mix(rng: &mut ChaCha8Rng, table: &[FaultRow], f: &Faults) -> Mix {
    let (lo, hi) = LATENCY_MIN_MS;
    let latency_min = rng.random_range(lo..=hi) * MS;
    let mut mix = Mix {
        latency_min,
        latency_max: latency_min + rng.random_range(0..=LATENCY_SPREAD_MS) * MS,
        client: rng.random_range(0.2..0.9),
        ..Mix::default()
    };
    for &(fault, share, lo, hi) in table {
        if f.on(fault) && rng.random_bool(share) {
            *mix.rate_mut(fault) = rng.random_range(lo..hi);
        }
    }
    mix
}

fn random_node(rng: &mut ChaCha8Rng, n: usize) -> NodeId {
    rng.random_range(0..n as u32) as NodeId
}

fn held_messages<P: Explorable>(sim: &Simulator<P>) -> Vec<u64> {
    sim.state
        .in_flight
        .values()
        .filter(|m| m.held)
        .map(|m| m.id)
        .collect()
}

fn nodes_in<P: Explorable>(sim: &Simulator<P>, status: Status) -> Vec<NodeId> {
    (0..sim.n()).filter(|&i| sim.status(i) == status).collect()
}

/// What `seed` draws before its run starts: the cluster (size, options, timers, roles, disk),
/// the fault mix, and the generator that then drives the faults.
pub fn plan<P: Explorable>(
    opts: &Options,
    seed: u64,
) -> Result<(Setup<P>, Mix, ChaCha8Rng), String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x005e_ed0f_fa17);
    let mix = draw_mix(&mut rng, P::FAULT_TABLE, &opts.faults);
    let nodes = match opts.nodes {
        Some(n) => n,
        None => P::cluster_size(&mut rng),
    };
    let mut setup: Setup<P> = Setup::new(nodes, seed);
    setup.net.latency_min = mix.latency_min;
    setup.net.latency_max = mix.latency_max;
    setup.net.loss = mix.loss;
    setup.net.duplicate = mix.duplicate;
    setup.net.reorder = mix.reorder;
    P::campaign_setup(&mut rng, &mut setup, &mix, &opts.unsafe_switches)?;
    Ok((setup, mix, rng))
}

/// Runs one seed: faults, then healing, then the liveness check. The run keeps no trace
/// (unless the protocol's liveness check reads it); a seed that breaks an invariant is run
/// again, the same way, with its trace, to report the events that led to the violation.
pub fn run_seed<P: Explorable>(opts: &Options, seed: u64) -> Result<RunOutcome, String> {
    let keep = P::LIVENESS_READS_TRACE;
    let (o, _) = run_seed_traced::<P>(opts, seed, keep)?;
    if o.violation.is_some() && !keep {
        return run_seed_traced::<P>(opts, seed, true).map(|(o, _)| o);
    }
    Ok(o)
}

/// Runs one seed, keeping its trace or not (`keep`); returns what it came to and the
/// simulator at its end.
pub fn run_seed_traced<P: Explorable>(
    opts: &Options,
    seed: u64,
    keep: bool,
) -> Result<(RunOutcome, Simulator<P>), String> {
    let (setup, mix, rng) = plan::<P>(opts, seed)?;
    let mut sim = Simulator::new(setup);
    let out = drive(opts, seed, &mut sim, mix, rng, keep)?;
    Ok((out, sim))
}

/// The run of one seed on `sim`: faults, healing, liveness. Without `keep`, the trace is
/// forgotten after each check has read it.
fn drive<P: Explorable>(
    opts: &Options,
    seed: u64,
    sim: &mut Simulator<P>,
    mix: Mix,
    mut rng: ChaCha8Rng,
    keep: bool,
) -> Result<RunOutcome, String> {
    let mut checker = P::checker(sim, &opts.only)?;
    let mut out = RunOutcome {
        seed,
        events: 0,
        mix: mix.clone(),
        invariant: None,
        violation: None,
        liveness: None,
        recovered_in: None,
        reproduce: opts.reproduce(seed),
    };
    let n = sim.n();
    let mut requests = 0u64;
    macro_rules! fail {
        ($v:expr) => {{
            out.events = sim.state.events;
            out.invariant = Some($v.invariant.clone());
            // Without a trace the report waits for the run again with one (run_seed).
            out.violation = Some(if keep {
                $v.report(sim, 40)
            } else {
                String::new()
            });
            return Ok(out);
        }};
    }
    macro_rules! act {
        ($a:expr) => {{
            if let Err(v) = crate::check::act_checked(sim, &mut checker, $a)? {
                fail!(v);
            }
            if !keep {
                sim.trace.forget_before(sim.trace.len());
            }
        }};
    }
    macro_rules! run_to {
        ($t:expr) => {{
            if let Err(v) = crate::check::run_checked(sim, &mut checker, $t) {
                fail!(v);
            }
            if !keep {
                sim.trace.forget_before(sim.trace.len());
            }
        }};
    }

    // Faulty phase.
    while sim.now() < opts.fault_time {
        let t = sim.now() + rng.random_range(10..=150) * MS;
        run_to!(t);
        // Half the faults aim at the leader (swarm testing): that is where the interesting
        // interleavings are (Figure 8 needs a leader to die holding unreplicated entries).
        let leader = P::probe_target(sim);
        if rng.random_bool(mix.client) {
            requests += 1;
            let node = match leader {
                Some(l) if rng.random_bool(0.5) => l,
                _ => random_node(&mut rng, n),
            };
            act!(Action::Client {
                node,
                value: format!("v{requests}")
            });
        }
        if rng.random_bool(mix.crash) {
            let up = nodes_in(sim, Status::Up);
            if !up.is_empty() {
                let k = rng.random_range(0..up.len() as u32) as usize;
                let victim = match leader {
                    Some(l) if rng.random_bool(0.5) => l,
                    _ => up[k],
                };
                act!(Action::Crash(victim));
            }
        }
        if rng.random_bool(mix.crash.min(0.5) * 1.5) {
            let down = nodes_in(sim, Status::Crashed);
            if !down.is_empty() {
                let k = rng.random_range(0..down.len() as u32) as usize;
                act!(Action::Restart(down[k]));
            }
        }
        if rng.random_bool(mix.pause) {
            let up = nodes_in(sim, Status::Up);
            if !up.is_empty() {
                let k = rng.random_range(0..up.len() as u32) as usize;
                act!(Action::Pause(up[k]));
            }
        }
        if rng.random_bool(mix.pause.min(0.5) * 1.5) {
            let paused = nodes_in(sim, Status::Paused);
            if !paused.is_empty() {
                let k = rng.random_range(0..paused.len() as u32) as usize;
                act!(Action::Resume(paused[k]));
            }
        }
        if rng.random_bool(mix.hold) {
            // A chosen message in flight: held (to arrive late, or never), dropped, or
            // delivered at once.
            let free: Vec<u64> = sim
                .state
                .in_flight
                .values()
                .filter(|m| !m.held)
                .map(|m| m.id)
                .collect();
            if !free.is_empty() {
                let id = free[rng.random_range(0..free.len())];
                match rng.random_range(0..4u32) {
                    0 | 1 => act!(Action::HoldMessage(id)),
                    2 => act!(Action::DropMessage(id)),
                    _ => act!(Action::DeliverMessage(id)),
                }
            }
        }
        if rng.random_bool(mix.hold.min(0.5) * 1.5) {
            // A held message arrives late (stale by now), or is lost after all.
            let held = held_messages(sim);
            if !held.is_empty() {
                let id = held[rng.random_range(0..held.len())];
                if rng.random_bool(0.7) {
                    act!(Action::DeliverMessage(id));
                } else {
                    act!(Action::DropMessage(id));
                }
            }
        }
        if rng.random_bool(mix.timeout) {
            let up = nodes_in(sim, Status::Up);
            if !up.is_empty() {
                let k = rng.random_range(0..up.len() as u32) as usize;
                act!(Action::Timeout(up[k]));
            }
        }
        if rng.random_bool(mix.partition) {
            match rng.random_range(0..4u32) {
                0 => act!(Action::Heal),
                1 => {
                    let from = random_node(&mut rng, n);
                    let to = random_node(&mut rng, n);
                    if from != to {
                        act!(Action::Cut { from, to });
                    }
                }
                2 if leader.is_some() => {
                    // Isolate the leader with at most a minority.
                    let l = leader.unwrap_or(0);
                    let mut a = vec![l];
                    for i in 0..n {
                        if i != l && a.len() < ((n - 1) / 2).max(1) && rng.random_bool(0.3) {
                            a.push(i);
                        }
                    }
                    act!(Action::Partition(vec![a]));
                }
                _ => {
                    let mut a = Vec::new();
                    let mut b = Vec::new();
                    for i in 0..n {
                        if rng.random_bool(0.5) {
                            a.push(i)
                        } else {
                            b.push(i)
                        }
                    }
                    act!(Action::Partition(vec![a, b]));
                }
            }
        }
    }

    // Heal everything, then liveness within the bound. Held messages arrive, late.
    for id in held_messages(sim) {
        act!(Action::DeliverMessage(id));
    }
    for i in nodes_in(sim, Status::Crashed) {
        act!(Action::Restart(i));
    }
    for i in nodes_in(sim, Status::Paused) {
        act!(Action::Resume(i));
    }
    act!(Action::Heal);
    act!(Action::Loss(0.0));
    act!(Action::Duplicate(0.0));
    act!(Action::Reorder(0.0));
    let healed = sim.now();
    let deadline = healed + opts.recovery_bound;
    let mut probe_sent = false;
    let mut probe_at = 0;
    loop {
        let t = sim.now() + 100 * MS;
        run_to!(t);
        if let Some(target) = P::probe_target(sim) {
            // Resend the probe if the first one went to a leader that lost its job.
            if !probe_sent || sim.now() >= probe_at + 2_000 * MS {
                probe_sent = true;
                probe_at = sim.now();
                act!(Action::Client {
                    node: target,
                    value: "probe".into()
                });
            }
        }
        let probe_done = sim.state.requests.values().any(|r| {
            r.value == "probe"
                && r.outcome
                    .as_ref()
                    .is_some_and(crate::core::ClientOutcome::is_decided)
        });
        match P::liveness(sim) {
            Ok(()) if probe_done => {
                out.recovered_in = Some(sim.now() - healed);
                break;
            }
            Ok(()) | Err(_) if sim.now() < deadline => {}
            Ok(()) => {
                out.liveness = Some(format!(
                    "no probe request committed within {} of healing",
                    fmt_time(opts.recovery_bound)
                ));
                break;
            }
            Err(e) => {
                out.liveness = Some(format!(
                    "not recovered within {} of healing: {e}",
                    fmt_time(opts.recovery_bound)
                ));
                break;
            }
        }
    }
    out.events = sim.state.events;
    Ok(out)
}

/// Runs the campaign's seeds (`opts.seeds` from `opts.first_seed`, or its shard's slice of
/// them) on `opts.threads` threads, calling `each` after every run, in seed order.
///
/// Whatever the thread count, the result is the same: each thread takes the next seed not
/// yet taken (an atomic counter), results are put back in seed order before they are
/// counted, and `stop_at_first` stops at the first failing seed in that order (later seeds
/// that already ran are not counted). Issue 24 item 4.
pub fn campaign<P: Explorable>(
    opts: &Options,
    mut each: impl FnMut(&RunOutcome),
) -> Result<Summary, String> {
    for u in &opts.unsafe_switches {
        if !P::UNSAFE_SWITCHES.contains(&u.as_str()) {
            return Err(format!(
                "unknown unsafe switch '{u}' for {}; known: {}",
                opts.protocol,
                P::UNSAFE_SWITCHES.join(", ")
            ));
        }
    }
    if let Some(n) = opts.nodes.filter(|n| !(1..=9).contains(n)) {
        return Err(format!("--nodes must be between 1 and 9, not {n}"));
    }
    let (count, seed_at) = opts.seed_list();
    let threads = opts.threads.clamp(1, count.clamp(1, 1024) as usize);
    let next = &AtomicU64::new(0);
    // The first position (in seed order) after which no seed needs to run.
    let stop = &AtomicU64::new(u64::MAX);
    let mut s = Summary::default();
    let mut first_error = None;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(u64, Result<RunOutcome, String>)>();
        for _ in 0..threads {
            let tx = tx.clone();
            scope.spawn(move || loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= count || k > stop.load(Ordering::Relaxed) {
                    break;
                }
                let r = run_seed::<P>(opts, seed_at(k));
                if r.as_ref()
                    .map_or(true, |o| o.failed() && opts.stop_at_first)
                {
                    stop.fetch_min(k, Ordering::Relaxed);
                }
                if tx.send((k, r)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut want = 0;
        let mut done = false;
        for (k, r) in rx {
            waiting.insert(k, r);
            while let Some(r) = waiting.remove(&want) {
                want += 1;
                if done {
                    continue;
                }
                match r {
                    Err(e) => {
                        first_error = Some(e);
                        done = true;
                    }
                    Ok(o) => {
                        s.runs += 1;
                        s.events += o.events;
                        s.max_recovery = s.max_recovery.max(o.recovered_in.unwrap_or(0));
                        if o.violation.is_some() {
                            s.violations += 1;
                        } else if o.liveness.is_some() {
                            s.liveness_failures += 1;
                        }
                        each(&o);
                        if o.failed() {
                            s.failures.push(o);
                            done = opts.stop_at_first;
                        }
                    }
                }
            }
        }
    });
    match first_error {
        Some(e) => Err(e),
        None => Ok(s),
    }
}

/// Adds up the summaries of the shards of one campaign (each `--shard I/N` for I = 1..N,
/// once): the totals, the slowest recovery and the failing runs in seed order are those
/// of the whole campaign run at once.
pub fn merge(parts: &[(Options, Summary)]) -> Result<(Options, Summary), String> {
    let Some((first, _)) = parts.first() else {
        return Err("nothing to merge".into());
    };
    let campaign = first.campaign();
    let count = first.shard.map_or(1, |s| s.count);
    let mut seen = vec![false; usize::try_from(count).unwrap_or(usize::MAX).min(1 << 20)];
    let mut s = Summary::default();
    for (k, (o, part)) in parts.iter().enumerate() {
        if o.campaign() != campaign {
            return Err(format!(
                "part {} is of another campaign than part 1 (protocol, seeds, nodes, faults and \
                 switches must all be the same)",
                k + 1
            ));
        }
        if o.stop_at_first {
            return Err(
                "a campaign that stops at its first failure cannot be merged: \
                        each shard stopped at its own"
                    .into(),
            );
        }
        let shard = o.shard.unwrap_or(Shard { index: 1, count: 1 });
        if shard.count != count || seen.len() as u64 != count {
            return Err(format!(
                "part {} is shard {shard}, part 1 is of {count} shard(s)",
                k + 1
            ));
        }
        let slot = &mut seen[(shard.index - 1) as usize];
        if *slot {
            return Err(format!("shard {shard} is given twice"));
        }
        *slot = true;
        s.runs += part.runs;
        s.events += part.events;
        s.violations += part.violations;
        s.liveness_failures += part.liveness_failures;
        s.max_recovery = s.max_recovery.max(part.max_recovery);
        s.failures.extend(part.failures.iter().cloned());
    }
    if let Some(i) = seen.iter().position(|x| !x) {
        return Err(format!("shard {}/{count} is missing", i + 1));
    }
    s.failures.sort_by_key(|o| o.seed);
    Ok((campaign, s))
}
