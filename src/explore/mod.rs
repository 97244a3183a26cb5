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

/// Runs one seed: faults, then healing, then the liveness check.
pub fn run_seed<P: Explorable>(opts: &Options, seed: u64) -> Result<RunOutcome, String> {
    let (setup, mix, mut rng) = plan::<P>(opts, seed)?;
    let mut sim = Simulator::new(setup);
    let mut checker = P::checker(&sim, &opts.only)?;
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
            out.violation = Some($v.report(&sim, 40));
            return Ok(out);
        }};
    }
    macro_rules! act {
        ($a:expr) => {{
            if let Err(v) = crate::check::act_checked(&mut sim, &mut checker, $a)? {
                fail!(v);
            }
        }};
    }
    macro_rules! run_to {
        ($t:expr) => {{
            if let Err(v) = crate::check::run_checked(&mut sim, &mut checker, $t) {
                fail!(v);
            }
        }};
    }

    // Faulty phase.
    while sim.now() < opts.fault_time {
        let t = sim.now() + rng.random_range(10..=150) * MS;
        run_to!(t);
        // Half the faults aim at the leader (swarm testing): that is where the interesting
        // interleavings are (Figure 8 needs a leader to die holding unreplicated entries).
        let leader = P::probe_target(&sim);
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
            let up = nodes_in(&sim, Status::Up);
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
            let down = nodes_in(&sim, Status::Crashed);
            if !down.is_empty() {
                let k = rng.random_range(0..down.len() as u32) as usize;
                act!(Action::Restart(down[k]));
            }
        }
        if rng.random_bool(mix.pause) {
            let up = nodes_in(&sim, Status::Up);
            if !up.is_empty() {
                let k = rng.random_range(0..up.len() as u32) as usize;
                act!(Action::Pause(up[k]));
            }
        }
        if rng.random_bool(mix.pause.min(0.5) * 1.5) {
            let paused = nodes_in(&sim, Status::Paused);
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
            let held = held_messages(&sim);
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
            let up = nodes_in(&sim, Status::Up);
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
    for id in held_messages(&sim) {
        act!(Action::DeliverMessage(id));
    }
    for i in nodes_in(&sim, Status::Crashed) {
        act!(Action::Restart(i));
    }
    for i in nodes_in(&sim, Status::Paused) {
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
        if let Some(target) = P::probe_target(&sim) {
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
        match P::liveness(&sim) {
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

/// Runs `opts.seeds` seeds from `opts.first_seed`, calling `each` after every run.
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
    let mut s = Summary::default();
    // Inclusive of the last seed, so that seed 2^64-1 can be explored too.
    for seed in (0..opts.seeds).map_while(|k| opts.first_seed.checked_add(k)) {
        let o = run_seed::<P>(opts, seed)?;
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
            if opts.stop_at_first {
                break;
            }
        }
    }
    Ok(s)
}
