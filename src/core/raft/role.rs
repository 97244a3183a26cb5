//! The roles a Raft server can be in (§5.1, plus PreVote's pre-candidate).

use crate::glossary::Term;
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
    /// The role's glossary term.
    pub fn term(self) -> Term {
        match self {
            Role::Follower => Term::Follower,
            Role::PreCandidate => Term::PreCandidate,
            Role::Candidate => Term::Candidate,
            Role::Leader => Term::Leader,
        }
    }

    pub fn name(self) -> &'static str {
        self.term().en()
    }

    pub fn name_zh(self) -> &'static str {
        self.term().zh()
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
