//! How a Paxos node is drawn: its roles, its promise, what it accepted and what it learned.

use super::scene::{Field, NodeView, Shape, Visual};
use crate::core::paxos::{Ballot, PaxosNode, Phase};
use crate::core::vecmap::VecSet;
use crate::core::{Lang, NodeId};
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

fn field(label: &str, value: String) -> Field {
    Field {
        label: label.to_string(),
        value,
    }
}

impl Visual for PaxosNode {
    fn node_view(sim: &Simulator<PaxosNode>, i: NodeId, lang: Lang) -> NodeView {
        let node = sim.node(i);
        let names = sim.names();
        let ballot = |b: Ballot| named(b, names);
        let zh = lang == Lang::Zh;
        let roles = node.roles();
        let mut role_words = Vec::new();
        for (on, en, cn) in [
            (roles.proposer, "proposer", "提议者"),
            (roles.acceptor, "acceptor", "接受者"),
            (roles.learner, "learner", "学习者"),
        ] {
            if on {
                role_words.push(if zh { cn } else { en });
            }
        }
        let (shape, votes) = match &node.phase {
            Phase::Leading { .. } if node.config.multi => (Shape::Leader, VecSet::new()),
            Phase::Leading { proposals, .. } => (
                Shape::Proposing,
                proposals
                    .values()
                    .flat_map(|p| p.accepted_by.iter().copied())
                    .collect(),
            ),
            Phase::Preparing { promises, .. } => {
                (Shape::Candidate, promises.keys().copied().collect())
            }
            Phase::Reading { replies, .. } => {
                (Shape::PreCandidate, replies.keys().copied().collect())
            }
            Phase::Idle => (
                if roles.proposer {
                    Shape::Idle
                } else {
                    Shape::Follower
                },
                VecSet::new(),
            ),
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
            shape,
            role: role_words.join(" · "),
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
