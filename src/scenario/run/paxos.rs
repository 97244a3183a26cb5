//! Scenario support for Paxos: building a cluster from the header (mode, roles, NACKs, backoff,
//! timing, each acceptor's promise and accepted proposals) and reading Paxos state for
//! conditions. "Chosen" is the checker's ghost view: a value is chosen once a majority of
//! acceptors has accepted it in one ballot (Paxos Made Simple §2.3), whether or not anyone
//! knows it yet.

use super::model::{name, name_or, Eval, Model};
use crate::check::paxos::PaxosChecker;
use crate::core::paxos::{Ballot, Forget, PaxosConfig, PaxosDurable, PaxosNode, Phase, Roles};
use crate::core::NodeId;
use crate::scenario::ast::{BallotLit, InitItem, NodeIs, Opt, PaxosRole, Pred, Scenario};
use crate::scenario::error::{ParseError, Pos};
use crate::sim::{NetConfig, Setup, Simulator, Status};

fn ballot_of(b: &BallotLit) -> Ballot {
    Ballot::new(b.round, b.node.unwrap_or(0))
}

/// A ballot as scenarios write it: `2.n1` (the zero ballot is `none`).
fn fmt_ballot(names: &[String], b: Ballot) -> String {
    if b.is_zero() {
        "none".into()
    } else {
        format!("{}.{}", b.round, name(names, b.proposer))
    }
}

/// Whether a written ballot matches: the round, and the proposer when one is written.
fn matches(lit: &BallotLit, b: Ballot) -> bool {
    !b.is_zero() && lit.round == b.round && lit.node.is_none_or(|n| n == b.proposer)
}

fn phase_name(node: &PaxosNode, names: &[String]) -> String {
    match &node.phase {
        Phase::Idle => "idle".into(),
        Phase::Preparing { ballot, .. } => format!("preparing {}", fmt_ballot(names, *ballot)),
        Phase::Leading { ballot, .. } if node.config.multi => {
            format!("leader with {}", fmt_ballot(names, *ballot))
        }
        Phase::Leading { ballot, .. } => format!("proposing {}", fmt_ballot(names, *ballot)),
        Phase::Reading { ballot, .. } => format!("reading with {}", fmt_ballot(names, *ballot)),
    }
}

fn header_error(sc: &Scenario, pos: Pos, message: String) -> ParseError {
    ParseError {
        file: sc.file.clone(),
        pos,
        message,
        line_text: String::new(),
    }
}

impl Model for PaxosNode {
    const MESSAGE_KINDS: &'static [&'static str] = &[
        "Prepare",
        "Promise",
        "Accept",
        "Accepted",
        "Nack",
        "Chosen",
        "Heartbeat",
        "CatchUp",
    ];

    fn setup(sc: &Scenario, net: NetConfig) -> Result<Setup<Self>, ParseError> {
        let n = sc.names.len();
        let mut config = PaxosConfig::default();
        if let Some((a, b)) = sc.timing.retry_timeout {
            config.retry_min = a;
            config.retry_max = b;
        }
        if let Some(h) = sc.timing.heartbeat {
            config.heartbeat = h;
        }
        let (mut forget_promise, mut amnesia) = (false, false);
        for &(_, opt, on) in &sc.options {
            match opt {
                Opt::MultiPaxos => config.multi = on,
                Opt::Nacks => config.nacks = on,
                Opt::Backoff => config.backoff = on,
                Opt::UnsafeForgetPromise => forget_promise = on,
                Opt::UnsafeAmnesia => amnesia = on,
                // Raft options are refused by the parser in Paxos scenarios.
                _ => {}
            }
        }
        // Full amnesia includes the forgotten promise, whichever line comes first.
        config.unsafe_forget = match (amnesia, forget_promise) {
            (true, _) => Forget::PromiseAndAccepted,
            (false, true) => Forget::Promise,
            (false, false) => Forget::Nothing,
        };
        if !sc.roles.is_empty() {
            config.roles = vec![Roles::ALL; n];
            for (_, node, roles) in &sc.roles {
                config.roles[*node] = Roles::new(
                    roles.contains(&PaxosRole::Proposer),
                    roles.contains(&PaxosRole::Acceptor),
                    roles.contains(&PaxosRole::Learner),
                );
            }
        }
        if let Err(e) = config.validate(n) {
            let pos = sc
                .roles
                .first()
                .map(|r| r.0)
                .unwrap_or_else(|| Pos::new(1, 1));
            return Err(header_error(
                sc,
                pos,
                format!("this Paxos cluster cannot run: {e}"),
            ));
        }
        let mut durable = vec![PaxosDurable::default(); n];
        for st in &sc.initial {
            let d = &mut durable[st.node];
            for (_, item) in &st.items {
                match item {
                    InitItem::Promised(b) => d.promised = ballot_of(b),
                    InitItem::Accepted {
                        slot,
                        ballot,
                        value,
                    } => {
                        d.accepted.insert(*slot, (ballot_of(ballot), value.clone()));
                    }
                    InitItem::Learned { slot, value } => {
                        d.chosen.insert(*slot, value.clone());
                    }
                    InitItem::Ballot(b) => d.ballot = ballot_of(b),
                    _ => {}
                }
            }
            // An acceptor has promised at least what it accepted (P1a).
            for (b, _) in d.accepted.values() {
                if *b > d.promised {
                    let pos = st.items.first().map_or(st.pos, |(p, _)| *p);
                    return Err(header_error(
                        sc,
                        pos,
                        format!(
                            "{} accepted {} but promised only {}: an acceptor's promise is at least every ballot it accepted",
                            sc.names[st.node],
                            fmt_ballot(&sc.names, *b),
                            fmt_ballot(&sc.names, d.promised)
                        ),
                    ));
                }
            }
        }
        Ok(Setup {
            names: sc.names.clone(),
            config,
            net,
            seed: sc.seed,
            durable,
            follow_redirects: sc.option(Opt::FollowRedirects).unwrap_or(true),
        })
    }

    /// Expected violations: the checker checks only those. The Paxos checker stops its
    /// bookkeeping at a failed check, so checking only what the story breaks lets it follow
    /// the damage past the first broken rule (see `PaxosChecker::only`).
    fn checker(sim: &Simulator<Self>, expected: &[String]) -> PaxosChecker {
        if expected.is_empty() {
            return <PaxosChecker as crate::check::Checker<Self>>::new(sim);
        }
        let only: Vec<&str> = crate::check::paxos::INVARIANTS
            .iter()
            .copied()
            .filter(|i| expected.contains(&i.to_lowercase()))
            .collect();
        PaxosChecker::only(sim, &only)
    }

    fn leader_label(sim: &Simulator<Self>, node: NodeId) -> String {
        let b = sim.node(node).ballot().unwrap_or(Ballot::ZERO);
        format!("ballot {}", fmt_ballot(sim.names(), b))
    }

    fn leaders(sim: &Simulator<Self>) -> Vec<(NodeId, u64)> {
        (0..sim.n())
            .filter(|&i| sim.status(i) != Status::Crashed && sim.node(i).is_leader())
            .map(|i| (i, sim.node(i).ballot().map_or(0, |b| b.round)))
            .collect()
    }

    fn is(sim: &Simulator<Self>, i: NodeId, what: NodeIs) -> bool {
        let node = sim.node(i);
        match what {
            NodeIs::Leader => node.is_leader(),
            NodeIs::Idle => matches!(node.phase, Phase::Idle),
            NodeIs::Preparing => matches!(node.phase, Phase::Preparing { .. }),
            NodeIs::Proposing => matches!(node.phase, Phase::Leading { .. }),
            NodeIs::Reading => matches!(node.phase, Phase::Reading { .. }),
            _ => false,
        }
    }

    fn describe(sim: &Simulator<Self>, i: NodeId) -> String {
        let node = sim.node(i);
        let names = sim.names();
        let d = &node.durable;
        let mut parts = vec![match sim.status(i) {
            Status::Crashed => "crashed".to_string(),
            Status::Paused => format!("paused, {}", phase_name(node, names)),
            Status::Up => phase_name(node, names),
        }];
        parts.push(format!("promised {}", fmt_ballot(names, d.promised)));
        if let Some((b, v)) = d.accepted.get(&0) {
            parts.push(format!("accepted {} {v}", fmt_ballot(names, *b)));
        }
        if let Some(v) = d.chosen.get(&0) {
            parts.push(format!("learned {v}"));
        }
        if node.config.multi {
            parts.push(format!("follows {}", name_or(names, node.leader, "nobody")));
        }
        parts.join(", ")
    }

    fn stable(sim: &Simulator<Self>, checker: &PaxosChecker) -> Eval {
        let names = sim.names();
        let chosen = checker.chosen();
        let up: Vec<NodeId> = (0..sim.n())
            .filter(|&i| sim.status(i) == Status::Up)
            .collect();
        // Every slot anyone has used must be chosen.
        let top = up
            .iter()
            .flat_map(|&i| {
                let d = &sim.node(i).durable;
                d.accepted
                    .keys()
                    .chain(d.chosen.keys())
                    .copied()
                    .collect::<Vec<_>>()
            })
            .chain(chosen.keys().copied())
            .max();
        let multi = sim.state.setup.config.multi;
        if let Some(top) = top {
            if let Some(s) = (0..=top).find(|s| !chosen.contains_key(s)) {
                return Eval::new(false, format!("nothing is chosen in slot {s} yet"));
            }
        } else if !multi {
            return Eval::new(false, "nothing is chosen yet");
        }
        for &i in &up {
            let node = sim.node(i);
            if node.roles().learner {
                if let Some((s, (_, v))) = chosen
                    .iter()
                    .find(|(s, _)| !node.durable.chosen.contains_key(s))
                {
                    return Eval::new(
                        false,
                        format!("{} has not learned \"{v}\" (slot {s}) yet", name(names, i)),
                    );
                }
            }
            let busy = match &node.phase {
                Phase::Idle => false,
                Phase::Leading { proposals, .. } if multi => !proposals.is_empty(),
                _ => !multi,
            } || matches!(node.phase, Phase::Preparing { .. } | Phase::Reading { .. });
            if busy {
                return Eval::new(
                    false,
                    format!("{} is {}", name(names, i), phase_name(node, names)),
                );
            }
        }
        if multi {
            let leaders: Vec<NodeId> = up
                .iter()
                .copied()
                .filter(|&i| sim.node(i).is_leader())
                .collect();
            let [l] = leaders[..] else {
                let list: Vec<&str> = leaders.iter().map(|&i| name(names, i)).collect();
                return Eval::new(
                    false,
                    if list.is_empty() {
                        "no leader among the up nodes".to_string()
                    } else {
                        format!("{} leaders: {}", list.len(), list.join(", "))
                    },
                );
            };
            if let Some(&i) = up
                .iter()
                .find(|&&i| i != l && sim.node(i).leader != Some(l))
            {
                return Eval::new(
                    false,
                    format!(
                        "{} follows {}, not the leader {}",
                        name(names, i),
                        name_or(names, sim.node(i).leader, "nobody"),
                        name(names, l)
                    ),
                );
            }
            return Eval::new(
                true,
                format!(
                    "{} leads; {} slot(s) chosen and learned",
                    name(names, l),
                    chosen.len()
                ),
            );
        }
        let v = chosen.get(&0).map_or(String::new(), |(_, v)| v.clone());
        Eval::new(
            true,
            format!("\"{v}\" is chosen and every up learner knows it"),
        )
    }

    fn eval(sim: &Simulator<Self>, checker: &PaxosChecker, pred: &Pred) -> Option<Eval> {
        let names = sim.names();
        Some(match pred {
            Pred::Promised { node, ballot } => {
                let p = sim.node(*node).durable.promised;
                let holds = match ballot {
                    Some(b) => matches(b, p),
                    None => p.is_zero(),
                };
                Eval::new(holds, format!("promised {}", fmt_ballot(names, p)))
            }
            Pred::Accepted {
                node,
                slot,
                accepted,
            } => {
                let a = sim.node(*node).durable.accepted.get(&slot.unwrap_or(0));
                let holds = match (accepted, a) {
                    (None, None) => true,
                    (Some((b, v)), Some((have_b, have_v))) => {
                        matches(b, *have_b) && v.as_ref().is_none_or(|v| v == have_v)
                    }
                    _ => false,
                };
                let actual = match a {
                    Some((b, v)) => format!("accepted {} \"{v}\"", fmt_ballot(names, *b)),
                    None => "accepted nothing".into(),
                };
                Eval::new(holds, actual)
            }
            Pred::Ballot { node, ballot } => {
                let b = sim.node(*node).ballot();
                let holds = match (ballot, b) {
                    (None, None) => true,
                    (Some(lit), Some(b)) => matches(lit, b),
                    _ => false,
                };
                Eval::new(
                    holds,
                    format!(
                        "ballot {}",
                        b.map_or("none".into(), |b| fmt_ballot(names, b))
                    ),
                )
            }
            Pred::Chosen { slot, value } => {
                let c = checker.chosen().get(&slot.unwrap_or(0));
                let holds = match (value, c) {
                    (None, None) => true,
                    (Some(v), Some((_, have))) => v == have,
                    _ => false,
                };
                let actual = match c {
                    Some((b, v)) => format!("\"{v}\" is chosen (ballot {})", fmt_ballot(names, *b)),
                    None => "nothing is chosen".into(),
                };
                Eval::new(holds, actual)
            }
            Pred::Proposes { node, slot, value } => {
                let slot = slot.unwrap_or(0);
                let p = match &sim.node(*node).phase {
                    Phase::Leading { proposals, .. } => proposals.get(&slot).map(|o| &o.value),
                    _ => None,
                };
                let holds = match (value, p) {
                    (None, None) => true,
                    (Some(v), Some(have)) => v == have,
                    _ => false,
                };
                Eval::new(
                    holds,
                    match p {
                        Some(v) => format!("proposes \"{v}\" in slot {slot}"),
                        None => format!("proposes nothing in slot {slot}"),
                    },
                )
            }
            Pred::Learned { node, slot, value } => {
                let l = sim.node(*node).durable.chosen.get(&slot.unwrap_or(0));
                let holds = match (value, l) {
                    (None, None) => true,
                    (Some(v), Some(have)) => v == have,
                    _ => false,
                };
                Eval::new(
                    holds,
                    format!(
                        "learned {}",
                        l.map_or("nothing".into(), |v| format!("\"{v}\""))
                    ),
                )
            }
            _ => return None,
        })
    }
}
