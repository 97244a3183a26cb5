//! The roles a Raft server can be in (§5.1, plus PreVote's pre-candidate).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Follower,
    /// PreVote (thesis §9.6): asking whether it could win, before raising its term.
    PreCandidate,
    Candidate,
    Leader,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Follower => "follower",
            Role::PreCandidate => "pre-candidate",
            Role::Candidate => "candidate",
            Role::Leader => "leader",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Role::Follower => "跟随者",
            Role::PreCandidate => "预候选人",
            Role::Candidate => "候选人",
            Role::Leader => "领导者",
        }
    }

    /// Parses "leader", "candidate", "pre-candidate", "follower".
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "leader" => Some(Role::Leader),
            "candidate" => Some(Role::Candidate),
            "pre-candidate" | "precandidate" => Some(Role::PreCandidate),
            "follower" => Some(Role::Follower),
            _ => None,
        }
    }
}
