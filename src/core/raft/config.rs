//! Per-cluster Raft options.

use crate::core::{Time, MS};
use serde::{Deserialize, Serialize};

/// Raft timing and options. Every optional feature and every unsafe teaching switch is off by
/// default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RaftConfig {
    /// Election timeouts are drawn uniformly from `[election_timeout_min, election_timeout_max]`
    /// (§5.2, §5.6: broadcastTime ≪ electionTimeout ≪ MTBF).
    pub election_timeout_min: Time,
    /// The longest election timeout.
    pub election_timeout_max: Time,
    /// How often a leader sends AppendEntries, even empty ones (heartbeats, §5.2).
    pub heartbeat_interval: Time,
    /// At most this many entries per AppendEntries.
    pub max_entries_per_append: usize,
    /// A new leader appends a no-op entry of its own term, so that earlier entries can commit
    /// promptly (§8, thesis §6.4).
    pub noop_on_election: bool,
    /// PreVote (thesis §9.6): a node first asks whether it could win before raising its term.
    pub pre_vote: bool,
    /// CheckQuorum (thesis §6.2): a leader that has not heard from a majority for an election
    /// timeout steps down.
    pub check_quorum: bool,
    /// Fast log backtracking: a rejection carries the conflicting term and its first index, so
    /// the leader skips a whole term at a time (§5.3, "optimisation").
    pub fast_backtrack: bool,
    /// UNSAFE teaching switch: grant votes without the log up-to-date check of §5.4.1.
    pub unsafe_vote_without_log_check: bool,
    /// UNSAFE teaching switch: commit entries of earlier terms by counting replicas, ignoring
    /// §5.4.2 (the Figure 8 bug).
    pub unsafe_commit_old_terms: bool,
    /// A deliberate bug for the checkers' own tests (each check must catch one). Not a teaching
    /// switch: scenarios, share links (serde skips it) and `explore --unsafe` never set it.
    #[doc(hidden)]
    #[serde(skip)]
    pub test_bug: Option<RaftBug>,
}

/// Deliberate bugs that only the checkers' tests turn on ([`RaftConfig::test_bug`]).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RaftBug {
    /// The leader answers a client as soon as the command is in its own log, before it is
    /// committed (§8 answers only once the entry is committed). Caught by "Acknowledged
    /// writes are kept".
    AckOnAppend,
    /// A follower takes leaderCommit even when it is lower than its own commitIndex (Figure 2
    /// says "if leaderCommit > commitIndex"). Caught by "commitIndex never decreases".
    CommitFollowsLeader,
}

impl Default for RaftConfig {
    fn default() -> Self {
        RaftConfig {
            election_timeout_min: 150 * MS,
            election_timeout_max: 300 * MS,
            heartbeat_interval: 50 * MS,
            max_entries_per_append: 64,
            noop_on_election: false,
            pre_vote: false,
            check_quorum: false,
            fast_backtrack: false,
            unsafe_vote_without_log_check: false,
            unsafe_commit_old_terms: false,
            test_bug: None,
        }
    }
}

impl RaftConfig {
    /// Rejects settings the simulator cannot run sensibly (a zero heartbeat would fire
    /// forever at one instant), with the bounds of [`crate::limits`].
    pub fn validate(&self) -> Result<(), String> {
        self.validate_in(crate::core::Lang::En)
    }

    /// [`Self::validate`], saying why in `lang` (a share link opened in the browser).
    pub fn validate_in(&self, lang: crate::core::Lang) -> Result<(), String> {
        use crate::limits::{ELECTION_TIMEOUT, HEARTBEAT, MAX_ENTRIES_PER_APPEND};
        ELECTION_TIMEOUT
            .check_range((self.election_timeout_min, self.election_timeout_max), lang)?;
        HEARTBEAT.check(self.heartbeat_interval, lang)?;
        if !(1..=MAX_ENTRIES_PER_APPEND).contains(&self.max_entries_per_append) {
            return Err(match lang {
                crate::core::Lang::En => {
                    format!("max_entries_per_append must be between 1 and {MAX_ENTRIES_PER_APPEND}")
                }
                crate::core::Lang::Zh => {
                    format!("max_entries_per_append 必须在 1 到 {MAX_ENTRIES_PER_APPEND} 之间")
                }
            });
        }
        Ok(())
    }
}
