//! How a Raft node is drawn.

use super::scene::{timer_left, Badge, Field, NodeView, Visual};
use crate::core::raft::{RaftNode, Role};
use crate::core::{Lang, NodeId, ProtocolKind};
use crate::glossary::{term_no, Term};
use crate::sim::Simulator;

fn field(label: &str, value: String) -> Field {
    Field {
        label: label.to_string(),
        value,
    }
}

impl Visual for RaftNode {
    const KIND: ProtocolKind = ProtocolKind::Raft;

    /// A leader has no election timer running (it sends heartbeats instead, §5.2).
    fn timer(sim: &Simulator<RaftNode>, i: NodeId) -> Option<f64> {
        if sim.node(i).role == Role::Leader {
            None
        } else {
            timer_left(sim, i)
        }
    }

    fn node_view(sim: &Simulator<RaftNode>, i: NodeId, lang: Lang) -> NodeView {
        let node = sim.node(i);
        let names = sim.names();
        let zh = lang == Lang::Zh;
        let name_of = |o: Option<NodeId>| o.map_or("—".to_string(), |j| names[j].clone());
        let leader = node.role == Role::Leader;
        let role = if zh {
            node.role.name_zh().to_string()
        } else {
            node.role.name().to_string()
        };
        let mut fields = vec![
            field(
                // Figure 2's names for the server's state.
                if zh {
                    "任期（currentTerm）"
                } else {
                    "currentTerm"
                },
                node.current_term().to_string(),
            ),
            field(
                if zh {
                    "投票给（votedFor）"
                } else {
                    "votedFor"
                },
                name_of(node.voted_for()),
            ),
            field(Term::CommitIndex.get(lang), node.commit_index.to_string()),
            field(
                if zh { "领导者" } else { "leader" },
                name_of(node.leader_id),
            ),
        ];
        if matches!(node.role, Role::Candidate | Role::PreCandidate) {
            fields.push(field(
                if zh { "得票" } else { "votes" },
                format!("{}/{}", node.votes.len(), crate::core::majority(node.n)),
            ));
        }
        NodeView {
            id: i,
            name: names[i].clone(),
            status: sim.status(i),
            badge: match node.role {
                Role::Leader => Badge::Hexagon,
                Role::Candidate => Badge::Diamond,
                Role::PreCandidate => Badge::DiamondAlt,
                Role::Follower => Badge::Circle,
            },
            role: role.clone(),
            role_short: role,
            term: node.current_term(),
            term_label: term_no(node.current_term(), lang),
            timer: Self::timer(sim, i),
            votes: node.votes.iter().copied().collect(),
            denials: node.denials.iter().copied().collect(),
            accepted: None,
            fields,
            // Filled in by scene::build when asked for (logs::LogVisual).
            log: Vec::new(),
            next_index: if leader {
                node.next_index.clone()
            } else {
                Vec::new()
            },
            match_index: if leader {
                node.match_index.clone()
            } else {
                Vec::new()
            },
        }
    }
}
