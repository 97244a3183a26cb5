//! The roles a Raft server can be in (§5.1, plus PreVote's pre-candidate).

use crate::glossary::Term;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
/// The role of a Raft server (§5.1, Figure 4; PreVote adds the pre-candidate).
pub enum Role {
    /// Answers leaders and candidates; becomes a candidate when its election timer fires.
    Follower,
    /// PreVote (thesis §9.6): asking whether it could win, before raising its term.
    PreCandidate,
    /// Asks for votes in a new term it started.
    Candidate,
    /// Won a majority of votes: replicates its log and answers clients.
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

    /// The role's English name (the glossary's).
    pub fn name(self) -> &'static str {
        self.term().en()
    }

    /// The role's Chinese name (the glossary's).
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
