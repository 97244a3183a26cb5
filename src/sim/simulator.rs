//! The one deterministic simulator: it owns the nodes, virtual time, the seeded generator, the
//! network and the faults. The same seed and the same actions give the same trace, natively
//! and in the browser.

use super::action::{Action, Recorded};
use super::network::{NetConfig, Topology};
use super::tape::Trace;
use super::trace::{
    trace_hash, DropReason, Firing, NetChange, TimersChange, TraceEvent, TraceKind,
};
use crate::core::vecmap::VecMap;
use crate::core::Fixed;
use crate::core::{
    fmt_time, ClientOutcome, ClientReply, ClientRequest, Delay, NoAnswer, NodeId, Output, Protocol,
    Time,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// How many times a simulated client follows a redirect before it gives up.
pub const MAX_REDIRECTS: u32 = 3;

/// Everything needed to build a cluster: the same setup and the same actions replay a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Setup<P: Protocol> {
    /// The nodes' display names (n1, A, …), one per node.
    pub names: Vec<String>,
    /// The protocol's cluster-wide options.
    pub config: P::Config,
    /// The network at boot (latency, loss, duplication, reordering).
    pub net: NetConfig,
    /// The seed of the simulator's one random number generator: the same seed and the same
    /// actions give the same run.
    pub seed: u64,
    /// Each node's durable state at boot (empty for a fresh cluster).
    pub durable: Vec<P::Durable>,
    /// Simulated clients follow redirects to the leader they are told about.
    pub follow_redirects: bool,
}

impl<P: Protocol> Setup<P> {
    /// A fresh cluster of `n` nodes named n1..nN with default network and protocol options.
    pub fn new(n: usize, seed: u64) -> Self {
        Setup {
            names: (0..n).map(crate::core::default_name).collect(),
            config: P::Config::default(),
            net: NetConfig::default(),
            seed,
            durable: vec![P::Durable::default(); n],
            follow_redirects: true,
        }
    }
}

/// Whether a node is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Running.
    Up,
    /// Down: volatile state lost, durable state kept for the restart.
    Crashed,
    /// Frozen (SIGSTOP): state kept, nothing processed.
    Paused,
}

/// A running timer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Armed<P: Protocol> {
    /// Which of the node's timers.
    pub timer: P::Timer,
    /// When it was (re)armed.
    pub set_at: Time,
    /// When it fires, unless re-armed or cancelled first.
    pub fires_at: Time,
    seq: u64,
}

/// A node as the simulator holds it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Slot<P: Protocol> {
    /// The protocol node itself.
    pub node: P,
    /// Up, crashed or paused.
    pub status: Status,
    /// The node's running timers.
    pub timers: Vec<Armed<P>>,
    /// Timers that came due while the node was paused; they fire on resume.
    pub overdue: Vec<P::Timer>,
    /// Messages (id, from, msg) that arrived while the node was paused, in arrival order.
    pub inbox: Vec<(u64, NodeId, Arc<P::Msg>)>,
    /// Client requests that arrived while the node was paused; handled on resume.
    #[serde(default)]
    pub clients: Vec<u64>,
}

/// A message in the network. Its one copy is shared with the trace's `Send` (and, once it
/// arrives, `Deliver`) entries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct InFlight<P: Protocol> {
    /// The message's id, unique in the run (`#7` in the feed).
    pub id: u64,
    /// The sender.
    pub from: NodeId,
    /// The receiver.
    pub to: NodeId,
    /// The message.
    pub msg: Arc<P::Msg>,
    /// When it was sent.
    pub sent_at: Time,
    /// When it arrives, unless dropped or held first.
    pub deliver_at: Time,
    /// Held by a user: it stays in the network until delivered or dropped.
    pub held: bool,
    seq: u64,
}

/// What a client request came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestRecord {
    /// The command the client asked for.
    pub value: String,
    /// The node the client first sent it to.
    pub node: NodeId,
    /// When the client sent it.
    pub sent_at: Time,
    /// How many times the client followed a redirect to another node.
    pub redirects: u32,
    /// What the client learnt, once it has an answer.
    pub outcome: Option<ClientOutcome>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
enum Pending<T> {
    Deliver(u64),
    Timer(NodeId, T),
    Client(NodeId, u64),
}

/// The whole simulator state: `Clone` and serialisable, so it can be snapshotted and restored.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct SimState<P: Protocol> {
    /// The setup the run started from.
    pub setup: Setup<P>,
    /// The network's settings now (actions change them).
    pub net: NetConfig,
    /// Partitions and cut links now.
    pub topology: Topology,
    /// Virtual time now.
    pub now: Time,
    /// Events processed so far.
    pub events: u64,
    /// Every node, by id.
    pub nodes: Vec<Slot<P>>,
    /// The messages in the network, by id.
    pub in_flight: BTreeMap<u64, InFlight<P>>,
    /// Every client request of the run, by request id.
    pub requests: VecMap<u64, RequestRecord>,
    /// Every action taken so far, in order.
    pub actions: Vec<Recorded>,
    rng: ChaCha8Rng,
    /// Per link `from * n + to`: when its latest in-order message arrives. Links are FIFO
    /// (like TCP) unless the reorder knob delays a message so that later ones overtake it.
    link_clock: Vec<Time>,
    queue: BTreeSet<(Time, u64, Pending<P::Timer>)>,
    next_seq: u64,
    next_msg: u64,
    next_request: u64,
}

/// A saved point in a run: the state plus the trace length at that point.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Snapshot<P: Protocol> {
    /// The simulator's state at that point.
    pub state: SimState<P>,
    /// How long the trace was at that point.
    pub trace_len: usize,
}

/// What one step did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Virtual time after the step.
    pub time: Time,
    /// The node whose state may have changed, if any.
    pub node: Option<NodeId>,
}

/// The deterministic simulator.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct Simulator<P: Protocol> {
    /// Everything needed to continue the run (and to snapshot it).
    pub state: SimState<P>,
    /// Everything that happened so far, in order.
    pub trace: Trace<P>,
}

impl<P: Protocol> Simulator<P> {
    /// Boots every node from its durable state at time 0.
    pub fn new(setup: Setup<P>) -> Self {
        let n = setup.names.len();
        let mut durable = setup.durable.clone();
        durable.resize(n, P::Durable::default());
        let nodes = (0..n)
            .map(|i| Slot {
                node: P::recover(i, n, &setup.config, durable[i].clone()),
                status: Status::Up,
                timers: Vec::new(),
                overdue: Vec::new(),
                inbox: Vec::new(),
                clients: Vec::new(),
            })
            .collect();
        let mut sim = Simulator {
            state: SimState {
                net: setup.net.clone(),
                topology: Topology::new(n),
                now: 0,
                events: 0,
                nodes,
                in_flight: BTreeMap::new(),
                requests: VecMap::new(),
                actions: Vec::new(),
                rng: ChaCha8Rng::seed_from_u64(setup.seed),
                link_clock: vec![0; n * n],
                queue: BTreeSet::new(),
                next_seq: 0,
                next_msg: 1,
                next_request: 1,
                setup,
            },
            trace: Trace::default(),
        };
        for i in 0..n {
            sim.state.nodes[i].node.start(0);
            sim.drain(i);
        }
        sim
    }

    /// Rebuilds a run from its setup and recorded actions, stopping after `events` events
    /// (or right after the last action when `None`).
    pub fn replay(
        setup: Setup<P>,
        actions: &[Recorded],
        events: Option<u64>,
    ) -> Result<Self, String> {
        let mut sim = Simulator::new(setup);
        for r in actions {
            if let Some(limit) = events {
                if r.events > limit {
                    break;
                }
            }
            while sim.state.events < r.events {
                if sim.step().is_none() {
                    return Err(format!("replay: the run ended before event {}", r.events));
                }
            }
            if r.time < sim.state.now {
                return Err(format!(
                    "replay: action at {} lies in the past",
                    fmt_time(r.time)
                ));
            }
            // A user acts between events: never after an event that is due before the
            // action's time (the clock would jump over it and leave timers in the past).
            if sim.next_time().is_some_and(|next| r.time > next) {
                return Err(format!(
                    "replay: action at {} skips over events due before it",
                    fmt_time(r.time)
                ));
            }
            sim.state.now = r.time;
            sim.act(r.action.clone())?;
        }
        if let Some(limit) = events {
            while sim.state.events < limit {
                if sim.step().is_none() {
                    break;
                }
            }
        }
        Ok(sim)
    }

    /// The number of nodes.
    pub fn n(&self) -> usize {
        self.state.nodes.len()
    }

    /// Virtual time now.
    pub fn now(&self) -> Time {
        self.state.now
    }

    /// The nodes' display names, indexed by node id.
    pub fn names(&self) -> &[String] {
        &self.state.setup.names
    }

    /// The run's seed.
    pub fn seed(&self) -> u64 {
        self.state.setup.seed
    }

    /// Node `id`'s protocol state.
    pub fn node(&self, id: NodeId) -> &P {
        &self.state.nodes[id].node
    }

    /// Whether node `id` is up, crashed or paused.
    pub fn status(&self, id: NodeId) -> Status {
        self.state.nodes[id].status
    }

    /// Up nodes' protocol state, with ids.
    pub fn live_nodes(&self) -> impl Iterator<Item = (NodeId, &P)> {
        self.state
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status != Status::Crashed)
            .map(|(i, s)| (i, &s.node))
    }

    /// A saved point of the run, to [`Simulator::restore`] later.
    pub fn snapshot(&self) -> Snapshot<P> {
        Snapshot {
            state: self.state.clone(),
            trace_len: self.trace.len(),
        }
    }

    /// Goes back (or forward) to `snap`. The trace is rewound, not cut: entries past the
    /// snapshot stay kept, and a deterministic replay from it takes them back one by one
    /// ([`Trace::push`]); a snapshot ahead can be gone to if its trace is kept.
    pub fn restore(&mut self, snap: &Snapshot<P>) {
        self.state = snap.state.clone();
        self.trace.set_len(snap.trace_len);
    }

    /// A stable hash of the trace so far.
    pub fn trace_hash(&self) -> u64 {
        trace_hash(&self.trace)
    }

    /// When the next event is due, if any.
    pub fn next_time(&self) -> Option<Time> {
        self.state.queue.first().map(|(t, _, _)| *t)
    }

    fn log(&mut self, kind: TraceKind<P>) {
        self.trace.push(TraceEvent {
            time: self.state.now,
            kind,
        });
    }

    fn seq(&mut self) -> u64 {
        self.state.next_seq += 1;
        self.state.next_seq
    }

    fn sample(&mut self, d: Delay) -> Time {
        match d {
            Delay::Exactly(t) => t,
            Delay::Between(a, b) if b > a => self.state.rng.random_range(a..=b),
            Delay::Between(a, _) => a,
        }
    }

    fn chance(&mut self, p: f64) -> bool {
        // As `random_bool` draws (one u64, none when p = 1), without its panic message,
        // whose float formatting would otherwise weigh on the browser module.
        p > 0.0 && rand::distr::Bernoulli::new(p.min(1.0)).is_ok_and(|d| self.state.rng.sample(d))
    }

    /// Processes the earliest pending event. `None` when nothing is pending.
    pub fn step(&mut self) -> Option<Step> {
        let (time, _, item) = self.state.queue.pop_first()?;
        self.state.now = self.state.now.max(time);
        self.state.events += 1;
        let node = match item {
            Pending::Deliver(id) => self.deliver(id),
            Pending::Timer(node, timer) => {
                let slot = &mut self.state.nodes[node];
                slot.timers.retain(|a| a.timer != timer);
                if slot.status == Status::Paused {
                    slot.overdue.push(timer);
                    None
                } else {
                    self.fire(node, timer, Firing::Due);
                    Some(node)
                }
            }
            Pending::Client(node, id) => {
                self.submit(node, id);
                Some(node)
            }
        };
        Some(Step { time, node })
    }

    /// Processes every event due at or before `t`, then sets the clock to `t`.
    /// Calls `each` after every event (the invariant checkers hook in here).
    pub fn run_until_with<E>(
        &mut self,
        t: Time,
        mut each: impl FnMut(&Self, Step) -> Result<(), E>,
    ) -> Result<(), E> {
        while let Some(next) = self.next_time() {
            if next > t {
                break;
            }
            if let Some(step) = self.step() {
                each(self, step)?;
            }
        }
        self.state.now = self.state.now.max(t);
        Ok(())
    }

    /// Processes every event due at or before `t`, then sets the clock to `t`.
    pub fn run_until(&mut self, t: Time) {
        let _ = self.run_until_with::<()>(t, |_, _| Ok(()));
    }

    /// Runs for `d` of virtual time.
    pub fn run_for(&mut self, d: Time) {
        self.run_until(self.state.now.saturating_add(d));
    }

    /// Fires `timer` at `node`. The trace records `how` (due, overdue after a pause, forced
    /// by a user or a scenario), so that the feed can say so.
    fn fire(&mut self, node: NodeId, timer: P::Timer, how: Firing) {
        let name = self.state.nodes[node].node.timer_term(timer);
        self.log(TraceKind::TimerFired {
            node,
            timer,
            name,
            how,
        });
        let now = self.state.now;
        self.state.nodes[node].node.handle_timer(now, timer);
        self.drain(node);
    }

    fn deliver(&mut self, id: u64) -> Option<NodeId> {
        let m = self.state.in_flight.remove(&id)?;
        let to = m.to;
        let reason = match self.state.nodes[to].status {
            Status::Crashed => Some(DropReason::Crashed),
            _ => self.state.topology.blocked(m.from, to),
        };
        if let Some(reason) = reason {
            self.log(TraceKind::Drop {
                id,
                from: m.from,
                to,
                reason,
            });
            return None;
        }
        if self.state.nodes[to].status == Status::Paused {
            self.state.nodes[to].inbox.push((id, m.from, m.msg));
            return None;
        }
        self.hand_over(id, m.from, to, m.msg);
        Some(to)
    }

    fn hand_over(&mut self, id: u64, from: NodeId, to: NodeId, msg: Arc<P::Msg>) {
        self.log(TraceKind::Deliver {
            id,
            from,
            to,
            msg: Arc::clone(&msg),
        });
        let now = self.state.now;
        // The node takes the message by value: the one copy the trace does not share.
        let msg = Arc::unwrap_or_clone(msg);
        self.state.nodes[to].node.handle_message(now, from, msg);
        self.drain(to);
    }

    fn disarm(&mut self, node: NodeId, timer: P::Timer) {
        let slot = &mut self.state.nodes[node];
        if let Some(pos) = slot.timers.iter().position(|a| a.timer == timer) {
            let a = slot.timers.remove(pos);
            self.state
                .queue
                .remove(&(a.fires_at, a.seq, Pending::Timer(node, timer)));
        }
        self.state.nodes[node].overdue.retain(|t| *t != timer);
    }

    fn arm(&mut self, node: NodeId, timer: P::Timer, fires_at: Time) {
        self.disarm(node, timer);
        let seq = self.seq();
        let set_at = self.state.now;
        self.state.nodes[node].timers.push(Armed {
            timer,
            set_at,
            fires_at,
            seq,
        });
        self.state
            .queue
            .insert((fires_at, seq, Pending::Timer(node, timer)));
    }

    /// Takes every output of `node` and acts on it.
    fn drain(&mut self, node: NodeId) {
        while let Some(out) = self.state.nodes[node].node.poll_output() {
            match out {
                Output::Send { to, msg } => self.send(node, to, msg),
                Output::SetTimer { timer, after } => {
                    let d = self.sample(after);
                    // Saturating: a timer can never wrap into the past (inputs are bounded by
                    // crate::limits, this is the last line of defence).
                    let at = self.state.now.saturating_add(d);
                    self.arm(node, timer, at);
                }
                Output::CancelTimer { timer } => self.disarm(node, timer),
                Output::Note(note) => self.log(TraceKind::Note {
                    node,
                    note: Arc::new(note),
                }),
                Output::Reply(reply) => self.reply(node, reply),
            }
        }
    }

    fn send(&mut self, from: NodeId, to: NodeId, msg: P::Msg) {
        let msg = Arc::new(msg);
        let id = self.state.next_msg;
        self.state.next_msg += 1;
        let net = self.state.net.clone();
        let lost = self.chance(net.loss);
        let now = self.state.now;
        let mut latency = self.sample(Delay::Between(net.latency_min, net.latency_max));
        let link = from * self.n() + to;
        if self.chance(net.reorder) {
            // Held back: later messages on this link overtake it.
            latency = latency.saturating_add(net.reorder_delay);
        } else {
            // FIFO: never arrive before the previous in-order message on this link.
            latency = latency.max(self.state.link_clock[link].saturating_sub(now));
            self.state.link_clock[link] = now.saturating_add(latency);
        }
        self.log(TraceKind::Send {
            id,
            from,
            to,
            msg: Arc::clone(&msg),
            deliver_at: now.saturating_add(latency),
        });
        let blocked = self.state.topology.blocked(from, to);
        if blocked.is_some() || lost {
            let reason = if lost {
                DropReason::Lost
            } else {
                blocked.unwrap_or(DropReason::Partitioned)
            };
            self.log(TraceKind::Drop {
                id,
                from,
                to,
                reason,
            });
            return;
        }
        if self.chance(net.duplicate) {
            let copy = self.state.next_msg;
            self.state.next_msg += 1;
            let extra = self.sample(Delay::Between(net.latency_min, net.latency_max));
            self.log(TraceKind::Duplicate { id: copy, of: id });
            self.enqueue(copy, from, to, Arc::clone(&msg), now.saturating_add(extra));
        }
        self.enqueue(id, from, to, msg, now.saturating_add(latency));
    }

    fn enqueue(&mut self, id: u64, from: NodeId, to: NodeId, msg: Arc<P::Msg>, deliver_at: Time) {
        let seq = self.seq();
        self.state.in_flight.insert(
            id,
            InFlight {
                id,
                from,
                to,
                msg,
                sent_at: self.state.now,
                deliver_at,
                held: false,
                seq,
            },
        );
        self.state
            .queue
            .insert((deliver_at, seq, Pending::Deliver(id)));
    }

    fn reply(&mut self, node: NodeId, reply: ClientReply) {
        self.log(TraceKind::Reply {
            node,
            reply: reply.clone(),
        });
        let follow = self.state.setup.follow_redirects;
        let retry_after = self.state.net.latency_min.max(1);
        let Some(rec) = self.state.requests.get_mut(&reply.request) else {
            return;
        };
        if let ClientOutcome::Redirect {
            leader: Some(leader),
        } = reply.outcome
        {
            if follow && rec.redirects < MAX_REDIRECTS && leader != node {
                rec.redirects += 1;
                let at = self.state.now.saturating_add(retry_after);
                let seq = self.seq();
                self.state
                    .queue
                    .insert((at, seq, Pending::Client(leader, reply.request)));
                return;
            }
        }
        rec.outcome = Some(reply.outcome);
    }

    /// Hands request `id` to `node`.
    fn submit(&mut self, node: NodeId, id: u64) {
        let Some(rec) = self.state.requests.get(&id) else {
            return;
        };
        let request = ClientRequest {
            id,
            value: rec.value.clone(),
        };
        self.log(TraceKind::Client {
            node,
            request: request.clone(),
        });
        if self.state.nodes[node].status == Status::Paused {
            // A frozen process does not answer; it reads the request when it thaws.
            self.state.nodes[node].clients.push(id);
            return;
        }
        if self.state.nodes[node].status != Status::Up {
            let reply = ClientReply {
                request: id,
                outcome: ClientOutcome::Unknown {
                    why: NoAnswer::Down,
                },
            };
            self.reply(node, reply);
            return;
        }
        self.serve(node, request);
    }

    /// The node reads the request (now, or on resume if it arrived while it was paused).
    fn serve(&mut self, node: NodeId, request: ClientRequest) {
        let now = self.state.now;
        self.state.nodes[node].node.handle_client(now, request);
        self.drain(node);
    }

    /// Takes a user action now, and records it for replay.
    pub fn act(&mut self, action: Action) -> Result<(), String> {
        self.act_each(action, |_, _| {})
    }

    /// Takes a user action now, like [`Self::act`], and calls `each` after every timer,
    /// message and client request a resumed node handles from its backlog, so that the
    /// invariant checkers see every state the node passes through, as if the backlog had been
    /// delivered event by event. `each` only looks: the run (and its trace) is the same with
    /// or without it.
    pub fn act_each(
        &mut self,
        action: Action,
        mut each: impl FnMut(&Self, Step),
    ) -> Result<(), String> {
        self.check_action(&action)?;
        self.state.actions.push(Recorded {
            events: self.state.events,
            time: self.state.now,
            action: action.clone(),
        });
        self.apply(action, &mut each);
        Ok(())
    }

    fn check_action(&self, action: &Action) -> Result<(), String> {
        let n = self.n();
        let node_ok = |id: NodeId| {
            if id < n {
                Ok(())
            } else {
                Err(format!(
                    "no node {} in a {n}-node cluster",
                    id.saturating_add(1)
                ))
            }
        };
        let prob = |p: f64| {
            if (0.0..=1.0).contains(&p) {
                Ok(())
            } else {
                Err(format!(
                    "probability {} is not between 0 and 1",
                    Fixed(p, 3)
                ))
            }
        };
        match action {
            Action::Crash(i)
            | Action::Restart(i)
            | Action::Pause(i)
            | Action::Resume(i)
            | Action::Timeout(i)
            | Action::Client { node: i, .. } => node_ok(*i),
            Action::Partition(groups) => groups.iter().flatten().try_for_each(|&i| node_ok(i)),
            Action::Cut { from, to } => {
                node_ok(*from)?;
                node_ok(*to)
            }
            // `restore` undoes `cut`, one link at a time; a partition splits the cluster into
            // groups and only `heal` or another `partition` regroups it. Restoring a link that
            // is not cut while its ends are in different groups would change nothing, so it is
            // refused rather than reported as done.
            Action::Restore { from, to } => {
                node_ok(*from)?;
                node_ok(*to)?;
                let t = &self.state.topology;
                if !t.cut.contains(&(*from, *to))
                    && t.blocked(*from, *to) == Some(DropReason::Partitioned)
                {
                    let names = self.names();
                    return Err(format!(
                        "link {} → {} is not cut but partitioned: use `heal` or `partition`",
                        names[*from], names[*to]
                    ));
                }
                Ok(())
            }
            Action::Loss(p) | Action::Duplicate(p) | Action::Reorder(p) => prob(*p),
            // One table of bounds for every entry point (scenario, share link, the explorer's
            // latency slider): crate::limits.
            Action::Latency { min, max } => {
                crate::limits::LATENCY.check_range((*min, *max), crate::core::Lang::En)
            }
            _ => Ok(()),
        }
    }

    fn apply(&mut self, action: Action, each: &mut dyn FnMut(&Self, Step)) {
        let now = self.state.now;
        match action {
            Action::Crash(i) => {
                if self.state.nodes[i].status == Status::Crashed {
                    return;
                }
                let timers: Vec<P::Timer> =
                    self.state.nodes[i].timers.iter().map(|a| a.timer).collect();
                for t in timers {
                    self.disarm(i, t);
                }
                let n = self.n();
                let slot = &mut self.state.nodes[i];
                slot.status = Status::Crashed;
                slot.inbox.clear();
                slot.overdue.clear();
                // Requests queued while it was frozen die with it: their clients time out.
                slot.clients.clear();
                // Volatile state is gone; what is shown from now on is what was on disk.
                let durable = slot.node.durable().clone();
                slot.node = P::recover(i, n, &self.state.setup.config, durable);
                self.log(TraceKind::Crash { node: i });
            }
            Action::Restart(i) => {
                if self.state.nodes[i].status != Status::Crashed {
                    return;
                }
                self.state.nodes[i].status = Status::Up;
                self.log(TraceKind::Restart { node: i });
                self.state.nodes[i].node.start(now);
                self.drain(i);
            }
            Action::Pause(i) => {
                if self.state.nodes[i].status != Status::Up {
                    return;
                }
                self.state.nodes[i].status = Status::Paused;
                self.log(TraceKind::Pause { node: i });
            }
            Action::Resume(i) => {
                if self.state.nodes[i].status != Status::Paused {
                    return;
                }
                self.state.nodes[i].status = Status::Up;
                self.log(TraceKind::Resume { node: i });
                // One at a time from the slot itself: a timer that an earlier one cancels or
                // re-arms is taken off `overdue` by `disarm`, and must not fire any more.
                let handled = Step {
                    time: now,
                    node: Some(i),
                };
                while !self.state.nodes[i].overdue.is_empty() {
                    let timer = self.state.nodes[i].overdue.remove(0);
                    self.fire(i, timer, Firing::Overdue);
                    each(self, handled);
                }
                for (id, from, msg) in std::mem::take(&mut self.state.nodes[i].inbox) {
                    if self.state.nodes[i].status != Status::Up {
                        break;
                    }
                    self.hand_over(id, from, i, msg);
                    each(self, handled);
                }
                for id in std::mem::take(&mut self.state.nodes[i].clients) {
                    if let Some(rec) = self.state.requests.get(&id) {
                        let request = ClientRequest {
                            id,
                            value: rec.value.clone(),
                        };
                        self.serve(i, request);
                        each(self, handled);
                    }
                }
            }
            Action::Timeout(i) => {
                if self.state.nodes[i].status == Status::Up {
                    self.disarm(i, P::TIMEOUT_TIMER);
                    self.fire(i, P::TIMEOUT_TIMER, Firing::Forced);
                }
            }
            Action::Client { node, value } => {
                let id = self.state.next_request;
                self.state.next_request += 1;
                self.state.requests.insert(
                    id,
                    RequestRecord {
                        value,
                        node,
                        sent_at: now,
                        redirects: 0,
                        outcome: None,
                    },
                );
                self.submit(node, id);
            }
            Action::Partition(groups) => {
                self.state.topology.partition(&groups);
                let groups = self.state.topology.groups();
                self.log(TraceKind::Partition { groups });
            }
            Action::Cut { from, to } => {
                self.state.topology.cut.insert((from, to));
                self.log(TraceKind::Cut { from, to });
            }
            Action::Restore { from, to } => {
                self.state.topology.cut.remove(&(from, to));
                self.log(TraceKind::Restore { from, to });
            }
            Action::Heal => {
                self.state.topology.heal();
                self.log(TraceKind::Heal);
            }
            Action::Loss(p) => {
                self.state.net.loss = p;
                self.log(TraceKind::Network {
                    change: NetChange::Loss(p),
                });
            }
            Action::Duplicate(p) => {
                self.state.net.duplicate = p;
                self.log(TraceKind::Network {
                    change: NetChange::Duplicate(p),
                });
            }
            Action::Reorder(p) => {
                self.state.net.reorder = p;
                self.log(TraceKind::Network {
                    change: NetChange::Reorder(p),
                });
            }
            Action::Latency { min, max } => {
                self.state.net.latency_min = min;
                self.state.net.latency_max = max;
                self.log(TraceKind::Network {
                    change: NetChange::Latency { min, max },
                });
            }
            Action::DropMessage(id) => {
                if let Some(m) = self.state.in_flight.remove(&id) {
                    self.state
                        .queue
                        .remove(&(m.deliver_at, m.seq, Pending::Deliver(id)));
                    self.log(TraceKind::Drop {
                        id,
                        from: m.from,
                        to: m.to,
                        reason: DropReason::User,
                    });
                }
            }
            Action::HoldMessage(id) => {
                if let Some(m) = self.state.in_flight.get_mut(&id) {
                    if !m.held {
                        m.held = true;
                        let key = (m.deliver_at, m.seq, Pending::Deliver(id));
                        self.state.queue.remove(&key);
                        self.log(TraceKind::Hold { id });
                    }
                }
            }
            Action::DeliverMessage(id) => {
                if let Some(m) = self.state.in_flight.get(&id) {
                    let key = (m.deliver_at, m.seq, Pending::Deliver(id));
                    let was_held = m.held;
                    self.state.queue.remove(&key);
                    if was_held {
                        self.log(TraceKind::Release { id });
                    }
                    let seq = self.seq();
                    if let Some(m) = self.state.in_flight.get_mut(&id) {
                        m.held = false;
                        m.deliver_at = now;
                        m.seq = seq;
                    }
                    self.state.queue.insert((now, seq, Pending::Deliver(id)));
                }
            }
            Action::AlignTimers | Action::SpreadTimers => {
                let spread = matches!(action, Action::SpreadTimers);
                let mut running: Vec<(NodeId, Time)> = Vec::new();
                for (i, slot) in self.state.nodes.iter().enumerate() {
                    if slot.status != Status::Up {
                        continue;
                    }
                    if let Some(a) = slot.timers.iter().find(|a| a.timer == P::TIMEOUT_TIMER) {
                        running.push((i, a.fires_at.saturating_sub(now)));
                    }
                }
                let Some(base) = running.iter().map(|(_, d)| *d).min() else {
                    return;
                };
                // Spread: the timers go off one heartbeat-ish gap apart, in node order.
                let gap = self
                    .state
                    .net
                    .latency_max
                    .saturating_mul(4)
                    .max(crate::core::MS);
                for (k, (i, _)) in running.iter().enumerate() {
                    let at = if spread {
                        now.saturating_add(base)
                            .saturating_add(gap.saturating_mul(k as Time))
                    } else {
                        now.saturating_add(base)
                    };
                    self.arm(*i, P::TIMEOUT_TIMER, at);
                }
                let change = if spread {
                    TimersChange::Spread { gap }
                } else {
                    TimersChange::Aligned {
                        at: now.saturating_add(base),
                    }
                };
                self.log(TraceKind::Timers { change });
            }
        }
    }
}
