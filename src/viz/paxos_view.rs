//! How a Paxos node is drawn: its roles, its promise, what it accepted and what it learned.

use super::scene::{Badge, Field, NodeView, Visual};
use crate::core::paxos::{Ballot, PaxosNode, Phase};
use crate::core::vecmap::VecSet;
use crate::core::{Lang, NodeId, ProtocolKind};
use crate::glossary::Term;
use crate::sim::Simulator;

/// A ballot as the feed and the scenarios write it, with its proposer's name ("2.m1").
fn named(b: Ballot, names: &[String]) -> String {
    if b.is_zero() {
        "—".to_string()
    } else {
        b.named(names)
    }
}

/// What a Paxos node is doing, as the ring and the lecture stage name it.
#[derive(Clone, Copy)]
enum Doing {
    /// A Multi-Paxos leader (phase 1 done for every slot, §3).
    Leading,
    Phase1,
    Phase2,
    /// A proposer (a learner catching up) reading what was chosen.
    Reading,
    /// A proposer with no ballot running.
    Idle,
    /// An acceptor only, answering proposers.
    Accepting,
}

impl Doing {
    /// In words; `short` for inside the badge, where "phase 1 (prepare)" does not fit.
    fn words(self, lang: Lang, short: bool) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Doing::Leading => Term::Leader.get(lang).to_string(),
            Doing::Phase1 if short => Term::Phase1.get(lang).to_string(),
            Doing::Phase1 => Term::Phase1Prepare.get(lang).to_string(),
            Doing::Phase2 if short => Term::Phase2.get(lang).to_string(),
            Doing::Phase2 => Term::Phase2Accept.get(lang).to_string(),
            Doing::Reading => (if zh { "读取中" } else { "reading" }).to_string(),
            Doing::Idle if zh => format!("空闲{}", Term::Proposer.zh()),
            Doing::Idle => format!("idle {}", Term::Proposer.en()),
            Doing::Accepting => Term::Acceptor.get(lang).to_string(),
        }
    }
}

fn field(label: &str, value: String) -> Field {
    Field {
        label: label.to_string(),
        value,
    }
}

impl Visual for PaxosNode {
    const KIND: ProtocolKind = ProtocolKind::Paxos;

    fn node_view(sim: &Simulator<PaxosNode>, i: NodeId, lang: Lang) -> NodeView {
        let node = sim.node(i);
        let names = sim.names();
        let ballot = |b: Ballot| named(b, names);
        let zh = lang == Lang::Zh;
        let roles = node.roles();
        // What the node is doing: a proposer's phase, or an acceptor answering. (Its roles,
        // "proposer · acceptor · learner", do not change; they are a field of the card.)
        let (badge, votes, doing) = match &node.phase {
            Phase::Leading { .. } if node.config.multi => {
                (Badge::Hexagon, VecSet::new(), Doing::Leading)
            }
            Phase::Leading { proposals, .. } => (
                Badge::Square,
                proposals
                    .values()
                    .flat_map(|p| p.accepted_by.iter().copied())
                    .collect(),
                Doing::Phase2,
            ),
            Phase::Preparing { promises, .. } => (
                Badge::Diamond,
                promises.keys().copied().collect(),
                Doing::Phase1,
            ),
            Phase::Reading { replies, .. } => (
                Badge::DiamondAlt,
                replies.keys().copied().collect(),
                Doing::Reading,
            ),
            Phase::Idle if roles.proposer => (Badge::CircleAlt, VecSet::new(), Doing::Idle),
            Phase::Idle => (Badge::Circle, VecSet::new(), Doing::Accepting),
        };
        let phase = match (&node.phase, zh) {
            (Phase::Idle, false) => "idle".to_string(),
            (Phase::Idle, true) => "空闲".to_string(),
            (Phase::Preparing { ballot: b, .. }, false) => {
                format!("phase 1, ballot {}", ballot(*b))
            }
            (Phase::Preparing { ballot: b, .. }, true) => {
                format!(
                    "{}，{} {}",
                    Term::Phase1.zh(),
                    Term::Ballot.zh(),
                    ballot(*b)
                )
            }
            (Phase::Leading { ballot: b, .. }, false) => format!("phase 2, ballot {}", ballot(*b)),
            (Phase::Leading { ballot: b, .. }, true) => format!(
                "{}，{} {}",
                Term::Phase2.zh(),
                Term::Ballot.zh(),
                ballot(*b)
            ),
            (Phase::Reading { ballot: b, .. }, false) => format!("reading, ballot {}", ballot(*b)),
            (Phase::Reading { ballot: b, .. }, true) => {
                format!("读取中，{} {}", Term::Ballot.zh(), ballot(*b))
            }
        };
        let mut fields = vec![
            field(if zh { "角色" } else { "roles" }, roles.label()),
            field(
                if zh { "承诺" } else { "promised" },
                ballot(node.promised()),
            ),
            field(if zh { "提议者状态" } else { "proposer" }, phase),
        ];
        let accepted = node.accepted();
        if !node.config.multi {
            let acc = accepted
                .get(&0)
                .map_or("—".to_string(), |(b, v)| format!("{} = {v}", ballot(*b)));
            fields.push(field(if zh { "已接受" } else { "accepted" }, acc));
            let chosen = node.chosen().get(&0).cloned().unwrap_or_else(|| "—".into());
            fields.push(field(if zh { "已学习" } else { "learned" }, chosen));
        } else {
            fields.push(field(
                if zh { "领导者" } else { "leader" },
                node.leader.map_or("—".into(), |l| names[l].clone()),
            ));
        }
        NodeView {
            id: i,
            name: names[i].clone(),
            status: sim.status(i),
            badge,
            role: doing.words(lang, false),
            role_short: doing.words(lang, true),
            term: node.promised().round,
            term_label: if zh {
                format!("承诺 {}", ballot(node.promised()))
            } else {
                format!("promised {}", ballot(node.promised()))
            },
            timer: Self::timer(sim, i),
            votes: votes.into_iter().collect(),
            denials: Vec::new(),
            accepted: if node.config.multi {
                None
            } else {
                // Drawn in the node's one log cell's compact form ("1.1"), as the log
                // view tags it (names can be long); text fields name the proposer.
                accepted
                    .get(&0)
                    .map(|(b, v)| (super::logs::ballot_label(*b), v.clone()))
            },
            fields,
            // Filled in by scene::build when asked for (logs::LogVisual).
            log: Vec::new(),
            next_index: Vec::new(),
            match_index: Vec::new(),
        }
    }
}
