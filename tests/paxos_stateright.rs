//! Cross-check against stateright (native only). The very same single-decree `PaxosNode` is
//! wrapped as a stateright `Model` and checked exhaustively for 2 proposers and 3 acceptors:
//! every message may be delayed for ever (never delivered) and messages arrive in any order
//! (optionally more than once), any node may crash and restart from its disk (at most
//! `restarts` times in all), and proposers may retry on their timer (at most `retries` times in
//! all) — that bounds the ballots. Agreement, validity and "learners decide only chosen values"
//! hold; with the unsafe switch "acceptor forgets its promise on restart" the model checker
//! finds two chosen values.
#![cfg(not(target_arch = "wasm32"))]

use quorumscope::core::paxos::{Ballot, PaxosConfig, PaxosMsg, PaxosNode, PaxosTimer, Roles};
use quorumscope::core::{ClientRequest, NodeId, Output, Protocol};
use stateright::{Checker, HasDiscoveries, Model, Property};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

/// Nodes 0 and 1 propose; 2, 3 and 4 accept.
const N: usize = 5;
const QUORUM: usize = 2;
const VALUES: [&str; 2] = ["A", "B"];

/// Ghost history: every acceptance ever announced, as (ballot, value index, acceptor bit
/// set), sorted by ballot (the model has one slot).
type History = Vec<(Ballot, u8, u8)>;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct World {
    nodes: Vec<Arc<PaxosNode>>,
    /// Messages in the network, (from, to, msg).
    net: BTreeSet<(NodeId, NodeId, Arc<PaxosMsg>)>,
    timers: BTreeSet<(NodeId, PaxosTimer)>,
    restarts_left: u8,
    retries_left: u8,
    history: History,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Step {
    Deliver(NodeId, NodeId, Arc<PaxosMsg>),
    /// A timer fires (a proposer retries with a higher ballot).
    Fire(NodeId, PaxosTimer),
    /// The node crashes and restarts from its disk: volatile state and timers are lost.
    Restart(NodeId),
}

struct PaxosModel {
    config: PaxosConfig,
    restarts: u8,
    retries: u8,
    /// Delivered messages stay in the network and may be delivered again.
    duplicate: bool,
}

impl PaxosModel {
    fn with(
        unsafe_forget_promise: bool,
        restarts: u8,
        retries: u8,
        nacks: bool,
        duplicate: bool,
    ) -> Self {
        let p = Roles::new(true, false, false);
        let a = Roles::new(false, true, false);
        PaxosModel {
            // Proposers learn their own ballot's outcome; nobody else needs the Accepted.
            config: PaxosConfig {
                roles: vec![p, p, a, a, a],
                unsafe_forget: if unsafe_forget_promise {
                    quorumscope::core::paxos::Forget::Promise
                } else {
                    quorumscope::core::paxos::Forget::Nothing
                },
                nacks,
                ..PaxosConfig::default()
            },
            restarts,
            retries,
            duplicate,
        }
    }
}

/// Takes the node's outputs into the world: messages join the set, timers are (un)set, and
/// Accepted messages are recorded in the history. Explanations and replies are dropped.
fn absorb(w: &mut World, i: NodeId, mut node: PaxosNode) {
    while let Some(out) = node.poll_output() {
        match out {
            Output::Send { to, msg } => {
                if let PaxosMsg::Accepted { ballot, value, .. } = &msg {
                    let v = VALUES.iter().position(|x| x == value).unwrap_or(255) as u8;
                    match w.history.binary_search_by(|(b, ..)| b.cmp(ballot)) {
                        Ok(k) => w.history[k].2 |= 1 << i,
                        Err(k) => w.history.insert(k, (*ballot, v, 1 << i)),
                    }
                }
                w.net.insert((i, to, Arc::new(msg)));
            }
            Output::SetTimer { timer, .. } => {
                w.timers.insert((i, timer));
            }
            Output::CancelTimer { timer } => {
                w.timers.remove(&(i, timer));
            }
            Output::Note(_) | Output::Reply(_) => {}
        }
    }
    w.nodes[i] = Arc::new(node);
}

/// Values chosen: a majority of acceptors accepted them in the same ballot.
fn chosen(h: &History) -> BTreeSet<&'static str> {
    h.iter()
        .filter(|(_, _, who)| who.count_ones() as usize >= QUORUM)
        .map(|(_, v, _)| VALUES.get(*v as usize).copied().unwrap_or("?"))
        .collect()
}

impl Model for PaxosModel {
    type State = World;
    type Action = Step;

    fn init_states(&self) -> Vec<World> {
        let mut w = World {
            nodes: Vec::new(),
            net: BTreeSet::new(),
            timers: BTreeSet::new(),
            restarts_left: self.restarts,
            retries_left: self.retries,
            history: History::new(),
        };
        for i in 0..N {
            w.nodes.push(Arc::new(PaxosNode::recover(
                i,
                N,
                &self.config,
                Default::default(),
            )));
        }
        for i in 0..N {
            let mut node = (*w.nodes[i]).clone();
            node.start(0);
            if let Some(v) = VALUES.get(i) {
                node.handle_client(
                    0,
                    ClientRequest {
                        id: i as u64 + 1,
                        value: v.to_string(),
                    },
                );
            }
            absorb(&mut w, i, node);
        }
        vec![w]
    }

    fn actions(&self, w: &World, out: &mut Vec<Step>) {
        for (from, to, msg) in &w.net {
            out.push(Step::Deliver(*from, *to, Arc::clone(msg)));
        }
        if w.retries_left > 0 {
            for (i, t) in &w.timers {
                out.push(Step::Fire(*i, *t));
            }
        }
        if w.restarts_left > 0 {
            for i in 0..N {
                out.push(Step::Restart(i));
            }
        }
    }

    fn next_state(&self, w: &World, step: Step) -> Option<World> {
        let mut next = w.clone();
        match step {
            Step::Deliver(from, to, msg) => {
                if !self.duplicate {
                    next.net.remove(&(from, to, msg.clone()));
                }
                let mut node = (*w.nodes[to]).clone();
                node.handle_message(0, from, (*msg).clone());
                absorb(&mut next, to, node);
            }
            Step::Fire(i, timer) => {
                next.timers.remove(&(i, timer));
                next.retries_left -= 1;
                let mut node = (*w.nodes[i]).clone();
                node.handle_timer(0, timer);
                absorb(&mut next, i, node);
            }
            Step::Restart(i) => {
                next.restarts_left -= 1;
                next.timers.retain(|(n, _)| *n != i);
                let mut node = PaxosNode::recover(i, N, &self.config, w.nodes[i].durable.clone());
                node.start(0);
                absorb(&mut next, i, node);
            }
        }
        (next != *w).then_some(next)
    }

    fn properties(&self) -> Vec<Property<Self>> {
        vec![
            Property::always("agreement", |_, w: &World| chosen(&w.history).len() <= 1),
            Property::always("validity", |_, w: &World| {
                chosen(&w.history).iter().all(|v| VALUES.contains(v))
            }),
            Property::always("learners decide only chosen values", |_, w: &World| {
                let c = chosen(&w.history);
                w.nodes
                    .iter()
                    .all(|n| n.chosen().values().all(|v| c.contains(v.as_str())))
            }),
            Property::sometimes("a value is chosen and learned", |_, w: &World| {
                w.nodes.iter().any(|n| !n.chosen().is_empty())
            }),
            Property::sometimes("two ballots were accepted", |_, w: &World| {
                w.history.len() >= 2
            }),
        ]
    }
}

/// Explores `model` completely and checks every property; returns (unique states, seconds).
fn exhaust(model: PaxosModel) -> (usize, f64) {
    let start = Instant::now();
    let checker = model.checker().threads(2).spawn_dfs().join();
    assert!(
        checker.is_done(),
        "the bounded state space was explored completely"
    );
    checker.assert_properties();
    (checker.unique_state_count(), start.elapsed().as_secs_f64())
}

/// Release builds (the project's test command): one ballot per proposer, one crash-restart of
/// any node, NACKs on — about 1.6 million states, under a minute on 2 cores. Debug builds
/// check the same without the restart and without NACKs, to stay quick.
#[test]
fn stateright_exhaustively_confirms_agreement() {
    let (model, what) = if cfg!(debug_assertions) {
        (
            PaxosModel::with(false, 0, 0, false, false),
            "no restart, no NACKs",
        )
    } else {
        (
            PaxosModel::with(false, 1, 0, true, false),
            "1 restart, NACKs on",
        )
    };
    let (states, secs) = exhaust(model);
    eprintln!("stateright, 2 proposers × 3 acceptors, {what}: {states} states, {secs:.1}s");
    assert!(
        states > 100_000,
        "the model is not trivial: {states} states"
    );
}

/// Bigger bounds, for whoever has minutes to spare:
/// `cargo test --release --test paxos_stateright -- --ignored bigger`.
#[test]
#[ignore = "several minutes"]
fn stateright_bigger_bounds() {
    for (restarts, retries, nacks, duplicate) in [
        (0, 1, false, false),
        (0, 0, true, true),
        (1, 1, true, false),
    ] {
        let (states, secs) = exhaust(PaxosModel::with(false, restarts, retries, nacks, duplicate));
        eprintln!(
            "stateright: {restarts} restart(s), {retries} retry(ies), nacks {nacks}, duplicates {duplicate}: {states} states, {secs:.1}s"
        );
    }
}

#[test]
fn stateright_finds_two_chosen_values_when_acceptors_forget_their_promise() {
    let start = Instant::now();
    let checker = PaxosModel::with(true, 1, 0, false, false)
        .checker()
        .threads(2)
        .finish_when(HasDiscoveries::AnyOf(BTreeSet::from(["agreement"])))
        .spawn_dfs()
        .join();
    let path = checker.assert_any_discovery("agreement");
    let actions = path.clone().into_actions();
    eprintln!(
        "stateright (forget-promise switch): two values chosen after {} steps, {} states, {:.1}s",
        actions.len(),
        checker.state_count(),
        start.elapsed().as_secs_f64()
    );
    assert_eq!(
        chosen(&path.last_state().history),
        BTreeSet::from(["A", "B"])
    );
    // The counterexample needs an acceptor to restart without its promise.
    assert!(
        actions
            .iter()
            .any(|a| matches!(a, Step::Restart(i) if *i >= 2)),
        "{actions:?}"
    );
}
