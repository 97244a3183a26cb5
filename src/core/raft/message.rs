//! Raft's RPCs (Figure 2), as messages.

use super::log::Entry;
use crate::core::Describe;
use serde::{Deserialize, Serialize};

/// Why an AppendEntries was rejected, for fast backtracking (§5.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictHint {
    /// The term of the follower's entry at `prev_log_index`, or `None` if it has no entry there.
    pub term: Option<u64>,
    /// The first index of `term` in the follower's log, or its last index + 1 if `term` is None.
    pub index: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// One Raft RPC, request or reply (Figure 2).
pub enum RaftMsg {
    /// Invoked by candidates to gather votes (§5.2). With `pre_vote`, a PreVote request
    /// (thesis §9.6): `term` is the term the sender would campaign in, and nobody changes state.
    RequestVote {
        /// The candidate's term (with `pre_vote`: the term it would campaign in).
        term: u64,
        /// Index of the candidate's last log entry (§5.4).
        last_log_index: u64,
        /// Term of the candidate's last log entry (§5.4).
        last_log_term: u64,
        /// A PreVote request (thesis §9.6) rather than a vote request.
        pre_vote: bool,
    },
    /// The answer to a RequestVote (or a PreVote request).
    RequestVoteReply {
        /// The voter's current term, for the candidate to update itself.
        term: u64,
        /// True means the candidate received the vote.
        vote_granted: bool,
        /// The answer to a PreVote request.
        pre_vote: bool,
    },
    /// Invoked by the leader to replicate log entries (§5.3); also used as heartbeat (§5.2).
    AppendEntries {
        /// The leader's term.
        term: u64,
        /// Index of the log entry immediately preceding the new ones.
        prev_log_index: u64,
        /// Term of the entry at `prev_log_index`.
        prev_log_term: u64,
        /// The entries to store (empty for a heartbeat).
        entries: Vec<Entry>,
        /// The leader's commitIndex.
        leader_commit: u64,
    },
    /// The answer to an AppendEntries.
    AppendEntriesReply {
        /// The follower's current term, for the leader to update itself.
        term: u64,
        /// True if the follower held an entry matching `prev_log_index` and `prev_log_term`.
        success: bool,
        /// On success, the index of the last entry now known to match; on failure, the
        /// `prev_log_index` that was rejected (so stale replies can be told apart).
        match_index: u64,
        /// With fast backtracking, on failure: where the follower's log conflicts.
        hint: Option<ConflictHint>,
    },
}

impl RaftMsg {
    /// The term the message carries.
    pub fn term(&self) -> u64 {
        match self {
            RaftMsg::RequestVote { term, .. }
            | RaftMsg::RequestVoteReply { term, .. }
            | RaftMsg::AppendEntries { term, .. }
            | RaftMsg::AppendEntriesReply { term, .. } => *term,
        }
    }
}

impl Describe for RaftMsg {
    fn kind(&self) -> &'static str {
        match self {
            RaftMsg::RequestVote {
                pre_vote: false, ..
            } => "RequestVote",
            RaftMsg::RequestVote { pre_vote: true, .. } => "PreVote",
            RaftMsg::RequestVoteReply {
                pre_vote: false, ..
            } => "Vote",
            RaftMsg::RequestVoteReply { pre_vote: true, .. } => "PreVoteReply",
            RaftMsg::AppendEntries { entries, .. } if entries.is_empty() => "Heartbeat",
            RaftMsg::AppendEntries { .. } => "AppendEntries",
            RaftMsg::AppendEntriesReply { .. } => "AppendEntriesReply",
        }
    }

    fn summary(&self) -> String {
        match self {
            RaftMsg::RequestVote {
                term,
                last_log_index,
                last_log_term,
                pre_vote,
            } => format!(
                "{} t{term} last={last_log_index}@t{last_log_term}",
                if *pre_vote { "PreVote" } else { "RequestVote" }
            ),
            RaftMsg::RequestVoteReply {
                term,
                vote_granted,
                pre_vote,
            } => format!(
                "{} t{term} {}",
                if *pre_vote { "PreVoteReply" } else { "Vote" },
                if *vote_granted { "granted" } else { "denied" }
            ),
            RaftMsg::AppendEntries {
                term,
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit,
            } => {
                if entries.is_empty() {
                    format!("Heartbeat t{term} prev={prev_log_index}@t{prev_log_term} commit={leader_commit}")
                } else {
                    format!(
                        "AppendEntries t{term} prev={prev_log_index}@t{prev_log_term} [{}..{}] commit={leader_commit}",
                        prev_log_index + 1,
                        prev_log_index + entries.len() as u64
                    )
                }
            }
            RaftMsg::AppendEntriesReply {
                term,
                success,
                match_index,
                ..
            } => {
                if *success {
                    format!("AppendEntriesReply t{term} ok match={match_index}")
                } else {
                    format!("AppendEntriesReply t{term} reject prev={match_index}")
                }
            }
        }
    }

    fn outcome(&self) -> Option<bool> {
        match self {
            RaftMsg::RequestVoteReply { vote_granted, .. } => Some(*vote_granted),
            RaftMsg::AppendEntriesReply { success, .. } => Some(*success),
            _ => None,
        }
    }
}
