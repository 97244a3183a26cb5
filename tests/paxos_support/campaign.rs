//! A randomised fault campaign for Paxos. Each seed picks a cluster (3–7 nodes, single-decree
//! or Multi-Paxos, role mix, NACKs on or off) and a fault mix (crashes, pauses, partitions,
//! cut links, loss, duplication, reordering, dropped messages, forced timeouts, client
//! requests); every invariant is checked after every event and after every action. Then
//! everything is healed, a probe request is sent, and `liveness` must hold within a bound.

use quorumscope::check::paxos::{liveness, PaxosChecker};
use quorumscope::check::{Checker, Violation};
use quorumscope::core::paxos::{PaxosConfig, PaxosNode, Roles};
use quorumscope::core::{ClientOutcome, NodeId, Time, MS};
use quorumscope::sim::{Action, Setup, Simulator, Status};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How long faults are injected, and how long after healing liveness may take.
pub const FAULT_TIME: Time = 3_000 * MS;
pub const RECOVERY_BOUND: Time = 10_000 * MS;

/// What one seed did.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    pub events: u64,
    pub multi: bool,
    /// Slots chosen by the end of the run.
    pub chosen: usize,
    /// How long after healing liveness held.
    pub recovered_in: Time,
}

/// Campaign knobs.
#[derive(Clone, Debug)]
pub struct Knobs {
    pub unsafe_forget_promise: bool,
    /// Only these invariants are checked (all when `None`).
    pub only: Option<Vec<&'static str>>,
    /// Check liveness after healing.
    pub liveness: bool,
    /// Crash (and restart) at least this often per step.
    pub min_crash_rate: f64,
    /// Hold back at least this share of messages (links are FIFO otherwise).
    pub min_reorder: f64,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            unsafe_forget_promise: false,
            only: None,
            liveness: true,
            min_crash_rate: 0.0,
            min_reorder: 0.0,
        }
    }
}

/// The command that reproduces `seed` with a full trace.
pub fn reproduce(seed: u64) -> String {
    format!("PAXOS_SEED={seed} cargo test --release --test paxos_campaign reproduce -- --ignored --nocapture")
}

/// The cluster one seed runs.
pub fn plan(seed: u64, knobs: &Knobs) -> (Setup<PaxosNode>, ChaCha8Rng) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0009_a705);
    let n = [3, 3, 3, 4, 5, 5, 7][rng.random_range(0..7usize)];
    let mut config = PaxosConfig {
        multi: rng.random_bool(0.5),
        nacks: rng.random_bool(0.7),
        backoff: true,
        unsafe_forget_promise: knobs.unsafe_forget_promise,
        ..PaxosConfig::default()
    };
    if rng.random_bool(0.3) {
        // A role mix: at least one proposer, at least three acceptors, at least one learner.
        loop {
            let roles: Vec<Roles> = (0..n)
                .map(|_| {
                    Roles::new(
                        rng.random_bool(0.6),
                        rng.random_bool(0.7),
                        rng.random_bool(0.6),
                    )
                })
                .collect();
            config.roles = roles;
            if config.validate(n).is_ok() && config.acceptors(n).len() >= 3 {
                break;
            }
        }
    }
    let mut setup = Setup::<PaxosNode>::new(n, seed);
    setup.config = config;
    let lat = rng.random_range(1..=10u64) * MS;
    setup.net.latency_min = lat;
    setup.net.latency_max = lat + rng.random_range(0..=30u64) * MS;
    let p = |rng: &mut ChaCha8Rng, hi: f64| {
        if rng.random_bool(0.5) {
            rng.random_range(0.0..hi)
        } else {
            0.0
        }
    };
    setup.net.loss = p(&mut rng, 0.3);
    setup.net.duplicate = p(&mut rng, 0.2);
    setup.net.reorder = p(&mut rng, 0.3).max(knobs.min_reorder);
    (setup, rng)
}

fn pick(rng: &mut ChaCha8Rng, v: &[NodeId]) -> Option<NodeId> {
    (!v.is_empty()).then(|| v[rng.random_range(0..v.len())])
}

fn with_status(sim: &Simulator<PaxosNode>, s: Status) -> Vec<NodeId> {
    (0..sim.n()).filter(|&i| sim.status(i) == s).collect()
}

/// Where a client should go: the leader (Multi-Paxos), else any proposer that is up.
pub fn probe_target(sim: &Simulator<PaxosNode>, rng: &mut ChaCha8Rng) -> Option<NodeId> {
    let up = with_status(sim, Status::Up);
    if sim.state.setup.config.multi {
        up.iter().copied().find(|&i| sim.node(i).is_leader())
    } else {
        let proposers: Vec<NodeId> = up
            .into_iter()
            .filter(|&i| sim.node(i).roles().proposer)
            .collect();
        pick(rng, &proposers)
    }
}

/// A failure: the seed, what went wrong, and how to reproduce it.
pub fn failure(seed: u64, what: String) -> String {
    format!("seed {seed}: {what}\nreproduce: {}", reproduce(seed))
}

pub type Failure = (Option<Violation>, String);

/// Runs one seed. `Err` holds the failure report (with the violation's trace excerpt).
pub fn run(seed: u64, knobs: &Knobs) -> Result<Outcome, Failure> {
    run_keeping(seed, knobs).0
}

/// Runs one seed and hands back the simulator too.
pub fn run_keeping(seed: u64, knobs: &Knobs) -> (Result<Outcome, Failure>, Simulator<PaxosNode>) {
    let (setup, mut rng) = plan(seed, knobs);
    let mut sim = Simulator::new(setup);
    let mut checker = match &knobs.only {
        Some(only) => PaxosChecker::only(&sim, only),
        None => PaxosChecker::new(&sim),
    };
    let r = drive(seed, knobs, &mut sim, &mut checker, &mut rng);
    (r, sim)
}

fn drive(
    seed: u64,
    knobs: &Knobs,
    sim: &mut Simulator<PaxosNode>,
    checker: &mut PaxosChecker,
    rng: &mut ChaCha8Rng,
) -> Result<Outcome, Failure> {
    let n = sim.n();
    let mut out = Outcome {
        multi: sim.state.setup.config.multi,
        ..Outcome::default()
    };
    macro_rules! bad {
        ($v:expr) => {{
            let v: Violation = $v;
            let report = v.report(sim, 40);
            return Err((Some(v), failure(seed, report)));
        }};
    }
    macro_rules! act {
        ($a:expr) => {{
            sim.act($a).map_err(|e| (None, failure(seed, e)))?;
            if let Err(v) = checker.check(sim, None) {
                bad!(v);
            }
        }};
    }
    macro_rules! run_to {
        ($t:expr) => {{
            let c = &mut *checker;
            if let Err(v) = sim.run_until_with($t, |s, step| c.check(s, Some(step))) {
                bad!(v);
            }
        }};
    }

    let client_rate = rng.random_range(0.2..0.9);
    let crash_rate: f64 = if rng.random_bool(0.6) {
        rng.random_range(0.02..0.25)
    } else {
        0.0
    };
    let crash_rate = crash_rate.max(knobs.min_crash_rate);
    let pause_rate = if rng.random_bool(0.4) {
        rng.random_range(0.02..0.2)
    } else {
        0.0
    };
    let part_rate = if rng.random_bool(0.5) {
        rng.random_range(0.02..0.25)
    } else {
        0.0
    };
    let drop_rate = if rng.random_bool(0.3) {
        rng.random_range(0.02..0.3)
    } else {
        0.0
    };
    let timeout_rate = if rng.random_bool(0.4) {
        rng.random_range(0.02..0.3)
    } else {
        0.0
    };
    let mut requests = 0u64;
    while sim.now() < FAULT_TIME {
        let t = sim.now() + rng.random_range(5..=150u64) * MS;
        run_to!(t);
        if rng.random_bool(client_rate) {
            requests += 1;
            let node = match probe_target(sim, rng) {
                Some(l) if rng.random_bool(0.5) => l,
                _ => rng.random_range(0..n),
            };
            act!(Action::Client {
                node,
                value: format!("v{requests}")
            });
        }
        if rng.random_bool(crash_rate) {
            if let Some(i) = pick(rng, &with_status(sim, Status::Up)) {
                act!(Action::Crash(i));
            }
        }
        if rng.random_bool((crash_rate * 1.5).min(0.9)) {
            if let Some(i) = pick(rng, &with_status(sim, Status::Crashed)) {
                act!(Action::Restart(i));
            }
        }
        if rng.random_bool(pause_rate) {
            if let Some(i) = pick(rng, &with_status(sim, Status::Up)) {
                act!(Action::Pause(i));
            }
        }
        if rng.random_bool((pause_rate * 1.5).min(0.9)) {
            if let Some(i) = pick(rng, &with_status(sim, Status::Paused)) {
                act!(Action::Resume(i));
            }
        }
        if rng.random_bool(part_rate) {
            match rng.random_range(0..4u32) {
                0 => act!(Action::Heal),
                1 => {
                    let (from, to) = (rng.random_range(0..n), rng.random_range(0..n));
                    if from != to {
                        act!(Action::Cut { from, to });
                    }
                }
                _ => {
                    let a: Vec<NodeId> = (0..n).filter(|_| rng.random_bool(0.5)).collect();
                    act!(Action::Partition(vec![a]));
                }
            }
        }
        if rng.random_bool(drop_rate) {
            let ids: Vec<u64> = sim.state.in_flight.keys().copied().collect();
            if let Some(&id) = ids.get(rng.random_range(0..ids.len().max(1))) {
                act!(Action::DropMessage(id));
            }
        }
        if rng.random_bool(timeout_rate) {
            if let Some(i) = pick(rng, &with_status(sim, Status::Up)) {
                act!(Action::Timeout(i));
            }
        }
    }

    // Heal everything, then a probe, then liveness within the bound.
    for i in with_status(sim, Status::Crashed) {
        act!(Action::Restart(i));
    }
    for i in with_status(sim, Status::Paused) {
        act!(Action::Resume(i));
    }
    act!(Action::Heal);
    act!(Action::Loss(0.0));
    act!(Action::Duplicate(0.0));
    act!(Action::Reorder(0.0));
    let healed = sim.now();
    if !knobs.liveness {
        run_to!(healed + 2_000 * MS);
    } else {
        let mut probe_at: Option<Time> = None;
        loop {
            run_to!(sim.now() + 100 * MS);
            let done = sim.state.requests.values().any(|r| {
                r.value == "probe" && r.outcome.as_ref().is_some_and(ClientOutcome::is_decided)
            });
            if !done && probe_at.is_none_or(|t| sim.now() >= t + 2_000 * MS) {
                if let Some(target) = probe_target(sim, rng) {
                    probe_at = Some(sim.now());
                    act!(Action::Client {
                        node: target,
                        value: "probe".into()
                    });
                }
            }
            match liveness(sim) {
                Ok(()) if done => {
                    out.recovered_in = sim.now() - healed;
                    break;
                }
                _ if sim.now() < healed + RECOVERY_BOUND => {}
                Ok(()) => {
                    return Err((None, failure(seed, "the probe was never committed".into())))
                }
                Err(e) => {
                    return Err((
                        None,
                        failure(
                            seed,
                            format!(
                                "not live {} after healing: {e}",
                                quorumscope::core::fmt_time(RECOVERY_BOUND)
                            ),
                        ),
                    ))
                }
            }
        }
    }
    out.events = sim.state.events;
    out.chosen = checker.chosen().len();
    Ok(out)
}

/// The run of `seed` as a full trace, for a person to read.
pub fn replay_verbose(seed: u64) {
    let knobs = Knobs::default();
    let (setup, _) = plan(seed, &knobs);
    println!(
        "seed {seed}: {} nodes, config {:?}, net {:?}",
        setup.names.len(),
        setup.config,
        setup.net
    );
    let (r, sim) = run_keeping(seed, &knobs);
    for e in &sim.trace {
        println!(
            "{}",
            quorumscope::sim::render::line(e, sim.names(), quorumscope::core::Lang::En)
        );
    }
    println!(
        "{}",
        match &r {
            Ok(o) => format!("ok: {o:?}"),
            Err((_, e)) => e.clone(),
        }
    );
}
