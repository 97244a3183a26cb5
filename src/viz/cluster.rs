//! The one thing the browser holds: a seekable session of either protocol, built from the
//! controls' settings or from a share link.

use super::motion::Motion;
use super::scene::{self, Scene, SceneOptions, Visual};
use super::session::Session;
use super::share::{self, Shared};
use crate::core::paxos::{PaxosConfig, PaxosNode};
use crate::core::raft::{RaftConfig, RaftNode};
use crate::core::{Lang, NodeId, ProtocolKind, Time};
use crate::sim::{Action, Recorded, Setup, Simulator, Status};
use serde::{Deserialize, Serialize};

/// The cluster settings the controls offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    pub protocol: ProtocolKind,
    pub nodes: usize,
    pub seed: u64,
    pub pre_vote: bool,
    pub check_quorum: bool,
    pub noop: bool,
    /// Paxos: Multi-Paxos instead of single-decree.
    pub multi: bool,
    /// Paxos: randomised backoff for retries.
    pub backoff: bool,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            protocol: ProtocolKind::Raft,
            nodes: 5,
            seed: 1,
            pre_vote: false,
            check_quorum: false,
            noop: false,
            multi: false,
            backoff: true,
        }
    }
}

/// A seekable run of either protocol.
#[derive(Clone, Debug)]
pub enum Cluster {
    Raft(Session<RaftNode>),
    Paxos(Session<PaxosNode>),
}

macro_rules! each {
    ($self:expr, $s:ident => $e:expr) => {
        match $self {
            Cluster::Raft($s) => $e,
            Cluster::Paxos($s) => $e,
        }
    };
}

impl Cluster {
    /// A fresh cluster from the controls' settings.
    pub fn from_spec(spec: &Spec) -> Result<Cluster, String> {
        let n = spec.nodes;
        if !(1..=9).contains(&n) {
            return Err(format!("a cluster has 1 to 9 nodes, not {n}"));
        }
        match spec.protocol {
            ProtocolKind::Raft => {
                let mut setup: Setup<RaftNode> = Setup::new(n, spec.seed);
                setup.config = RaftConfig {
                    pre_vote: spec.pre_vote,
                    check_quorum: spec.check_quorum,
                    noop_on_election: spec.noop,
                    ..RaftConfig::default()
                };
                Ok(Cluster::Raft(Session::new(setup)))
            }
            ProtocolKind::Paxos => {
                let mut setup: Setup<PaxosNode> = Setup::new(n, spec.seed);
                let base = if spec.multi {
                    PaxosConfig::multi()
                } else {
                    PaxosConfig::default()
                };
                setup.config = PaxosConfig {
                    backoff: spec.backoff,
                    ..base
                };
                setup.config.validate(n)?;
                Ok(Cluster::Paxos(Session::new(setup)))
            }
        }
    }

    /// A fresh cluster as the explorer starts it: [`Cluster::from_spec`], and for Paxos a
    /// first client request to n1 (a recorded action, so share links replay it): a Paxos
    /// cluster does nothing until a value is proposed, and a student who switches to Paxos
    /// should see phase 1 start rather than five idle nodes.
    pub fn start(spec: &Spec) -> Result<Cluster, String> {
        let mut c = Cluster::from_spec(spec)?;
        if let Cluster::Paxos(_) = c {
            c.client(0)?;
        }
        Ok(c)
    }

    /// The settings this cluster was built with (as far as the controls can show them).
    pub fn spec(&self) -> Spec {
        match self {
            Cluster::Raft(s) => {
                let c = &s.setup().config;
                Spec {
                    protocol: ProtocolKind::Raft,
                    nodes: s.setup().names.len(),
                    seed: s.setup().seed,
                    pre_vote: c.pre_vote,
                    check_quorum: c.check_quorum,
                    noop: c.noop_on_election,
                    ..Spec::default()
                }
            }
            Cluster::Paxos(s) => {
                let c = &s.setup().config;
                Spec {
                    protocol: ProtocolKind::Paxos,
                    nodes: s.setup().names.len(),
                    seed: s.setup().seed,
                    multi: c.multi,
                    backoff: c.backoff,
                    ..Spec::default()
                }
            }
        }
    }

    /// Rebuilds a shared session exactly, at the moment it was shared; a refusal says why in
    /// English ([`Self::from_share_in`] for the page's language).
    pub fn from_share(text: &str) -> Result<Cluster, String> {
        Cluster::from_share_in(text, Lang::En)
    }

    /// [`Self::from_share`], with the reason for a refusal in `lang`: a link that does not
    /// decode or validate ([`share::decode_in`]), whose actions do not replay, or whose moment
    /// would take more than [`crate::limits::MAX_SEEK_EVENTS`] events to reach.
    pub fn from_share_in(text: &str, lang: Lang) -> Result<Cluster, String> {
        fn open<P: Visual>(
            setup: Setup<P>,
            actions: &[Recorded],
            at: Time,
            lang: Lang,
        ) -> Result<Session<P>, String> {
            // The simulator's reasons are English; in Chinese the link is called inconsistent
            // (only an altered link's actions can fail to replay).
            let sim = Simulator::replay(setup, actions, None).map_err(|e| {
                share::say!(
                    lang,
                    "{e}",
                    "链接中的操作与重放出的运行不一致：这个链接已损坏或被改动过"
                )
            })?;
            let mut s = Session::from_simulator(sim);
            s.try_seek_time(at).map_err(|e| {
                let max = crate::limits::MAX_SEEK_EVENTS;
                share::say!(
                    lang,
                    "{e}",
                    "到达所分享的时刻需要重放超过 {max} 个事件，超出了一次跳转的上限"
                )
            })?;
            Ok(s)
        }
        match share::decode_in(text, lang)? {
            Shared::Raft {
                setup, actions, at, ..
            } => Ok(Cluster::Raft(open(setup, &actions, at, lang)?)),
            Shared::Paxos {
                setup, actions, at, ..
            } => Ok(Cluster::Paxos(open(setup, &actions, at, lang)?)),
        }
    }

    /// The share text for this session at this moment.
    pub fn share(&self) -> String {
        let shared = match self {
            Cluster::Raft(s) => Shared::Raft {
                v: share::VERSION,
                setup: s.setup().clone(),
                actions: s.timeline().to_vec(),
                at: s.now(),
            },
            Cluster::Paxos(s) => Shared::Paxos {
                v: share::VERSION,
                setup: s.setup().clone(),
                actions: s.timeline().to_vec(),
                at: s.now(),
            },
        };
        share::encode(&shared)
    }

    pub fn protocol(&self) -> ProtocolKind {
        match self {
            Cluster::Raft(_) => ProtocolKind::Raft,
            Cluster::Paxos(_) => ProtocolKind::Paxos,
        }
    }

    pub fn n(&self) -> usize {
        each!(self, s => s.sim.n())
    }

    pub fn names(&self) -> Vec<String> {
        each!(self, s => s.sim.names().to_vec())
    }

    pub fn status(&self, i: NodeId) -> Status {
        each!(self, s => s.sim.status(i))
    }

    pub fn now(&self) -> Time {
        each!(self, s => s.now())
    }

    pub fn events(&self) -> u64 {
        each!(self, s => s.events())
    }

    pub fn horizon_time(&self) -> Time {
        each!(self, s => s.horizon_time())
    }

    pub fn trace_hash(&self) -> u64 {
        each!(self, s => s.sim.trace_hash())
    }

    pub fn has_violation(&self) -> bool {
        each!(self, s => s.violation().is_some())
    }

    pub fn step(&mut self) -> bool {
        each!(self, s => s.step())
    }

    pub fn step_back(&mut self) {
        each!(self, s => s.step_back())
    }

    pub fn advance_to(&mut self, t: Time) {
        each!(self, s => s.advance_to(t))
    }

    pub fn seek_time(&mut self, t: Time) {
        each!(self, s => s.seek_time(t))
    }

    pub fn seek_events(&mut self, k: u64) {
        each!(self, s => s.seek_events(k))
    }

    /// Goes to virtual time `t` unless that needs more than
    /// [`crate::limits::MAX_SEEK_EVENTS`] events; then stays where it was and says so.
    pub fn try_seek_time(&mut self, t: Time) -> Result<(), String> {
        each!(self, s => s.try_seek_time(t))
    }

    /// What the session's snapshots hold (see [`Session::snapshot_items`]).
    pub fn snapshot_items(&self) -> u64 {
        each!(self, s => s.snapshot_items())
    }

    /// [`Self::try_seek_time`] with a budget of `budget` events.
    pub fn try_seek_time_within(&mut self, t: Time, budget: u64) -> Result<(), String> {
        each!(self, s => s.try_seek_time_within(t, budget))
    }

    /// Takes a user action now (forking the future if this moment is in the past).
    pub fn act(&mut self, action: Action) -> Result<(), String> {
        each!(self, s => s.act(action))
    }

    /// A client request with the next free value ("x1", "x2", …) to node `i`.
    pub fn client(&mut self, i: NodeId) -> Result<(), String> {
        let k = each!(self, s => s.sim.state.requests.len()) + 1;
        self.act(Action::Client {
            node: i,
            value: format!("x{k}"),
        })
    }

    /// What to draw now.
    pub fn scene(&self, opts: SceneOptions) -> Scene {
        each!(self, s => scene::build(&s.sim, s.invariants(), s.violation(), s.horizon_time(), opts))
    }

    /// What moves now (every animation frame): the arrows of the last `window` µs.
    pub fn motion(&mut self, window: Time) -> Motion {
        each!(self, s => s.motion(window))
    }

    /// The inspector's view of in-flight message `id`.
    pub fn message_fields(&self, id: u64) -> Option<String> {
        each!(self, s => scene::message_fields(&s.sim, id))
    }
}
