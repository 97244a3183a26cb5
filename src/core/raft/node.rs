//! A Raft server as a sans-I/O state machine (Raft extended paper, Figure 2).
//!
//! The shape follows etcd-raft: every message passes one term check ([`RaftNode::handle_message`],
//! "Rules for All Servers"), then goes to one step function per role.

use super::config::{RaftBug, RaftConfig};
use super::log::{Command, Entry, RaftDurable};
use super::message::{ConflictHint, RaftMsg};
use super::note::{AppendDenial, BacktrackBy, RaftNote, VoteDenial};
use super::progress::Progress;
use super::role::Role;
use crate::core::vecmap::{VecMap, VecSet};
use crate::core::{
    majority, ClientOutcome, ClientReply, ClientRequest, Delay, NoAnswer, NodeId, Output, Protocol,
    Time,
};
use serde::{Deserialize, Serialize};

/// Raft's timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RaftTimer {
    /// Followers and candidates: start an election when it fires (§5.2). Leaders with
    /// CheckQuorum: check that a majority was heard from.
    Election,
    /// Leaders: send AppendEntries (heartbeats) to every follower (§5.2).
    Heartbeat,
}

/// What a Raft node asks its driver to do.
pub type RaftOutput = Output<RaftMsg, RaftTimer, RaftNote>;

/// One Raft server. Durable state lives in `durable`; everything else is volatile and is lost
/// in a crash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RaftNode {
    /// This server's id.
    pub id: NodeId,
    /// The cluster's size.
    pub n: usize,
    /// The cluster-wide options.
    pub config: RaftConfig,
    /// current_term, voted_for, log (Figure 2, persistent state).
    pub durable: RaftDurable,
    /// Follower, pre-candidate, candidate or leader (§5.1).
    pub role: Role,
    /// Index of the highest log entry known to be committed (volatile, Figure 2).
    pub commit_index: u64,
    /// The leader of `current_term`, once known.
    pub leader_id: Option<NodeId>,
    /// Candidates and pre-candidates: who granted a vote in this election.
    pub votes: VecSet<NodeId>,
    /// Candidates and pre-candidates: who denied one.
    pub denials: VecSet<NodeId>,
    /// Leaders: for each server, index of the next log entry to send (Figure 2).
    pub next_index: Vec<u64>,
    /// Leaders: for each server, index of the highest entry known to be replicated (Figure 2).
    pub match_index: Vec<u64>,
    /// Leaders: for each server, whether it is being probed or replicated to (see
    /// [`Progress`]; volatile, reset on election).
    pub progress: Vec<Progress>,
    /// Leaders: when each follower was last heard from (CheckQuorum).
    pub last_heard: Vec<Time>,
    /// When a leader was last heard from (PreVote's "leader alive" check).
    pub leader_heard_at: Option<Time>,
    /// Leaders: client requests waiting for their index to commit.
    pub pending: VecMap<u64, u64>,
    /// Leaders: highest old-term index already explained as "not committed by counting".
    noted_old_term: u64,
    #[serde(skip)]
    out: crate::core::outbox::Outbox<RaftOutput>,
}

/// The largest N that at least `need` of `values` reach: the `need`-th largest value (0 if
/// `need` is 0 or more than there are values). Found by counting, not sorting: for the few
/// values of a cluster (at most 9 nodes) that is as fast, allocates nothing, and keeps a sort
/// routine out of the browser page (its size budget).
pub fn quorum_index(values: &[u64], need: usize) -> u64 {
    if need == 0 || need > values.len() {
        return 0;
    }
    // The need-th largest x is the largest value that at least `need` values reach: any
    // larger one is reached only by the fewer than `need` values above x.
    values
        .iter()
        .copied()
        .filter(|&v| values.iter().filter(|&&w| w >= v).count() >= need)
        .max()
        .unwrap_or(0)
}

impl RaftNode {
    /// The latest term this server has seen (Figure 2, currentTerm).
    pub fn current_term(&self) -> u64 {
        self.durable.current_term
    }

    /// Who this server voted for in the current term (Figure 2, votedFor).
    pub fn voted_for(&self) -> Option<NodeId> {
        self.durable.voted_for
    }

    /// The log (Figure 2); index `i` (1-based) is `log()[i - 1]`.
    pub fn log(&self) -> &[Entry] {
        self.durable.log()
    }

    /// The index of the last entry (0 when the log is empty).
    pub fn last_index(&self) -> u64 {
        self.durable.last_index()
    }

    fn emit(&mut self, o: RaftOutput) {
        self.out.push_back(o);
    }

    fn note(&mut self, n: RaftNote) {
        self.emit(Output::Note(n));
    }

    fn send(&mut self, to: NodeId, msg: RaftMsg) {
        self.emit(Output::Send { to, msg });
    }

    fn peers(&self) -> impl Iterator<Item = NodeId> {
        let me = self.id;
        (0..self.n).filter(move |&p| p != me)
    }

    fn reset_election_timer(&mut self) {
        let (a, b) = (
            self.config.election_timeout_min,
            self.config.election_timeout_max,
        );
        self.emit(Output::SetTimer {
            timer: RaftTimer::Election,
            after: Delay::Between(a, b),
        });
    }

    /// Rules for All Servers: "If RPC request or response contains term T > currentTerm: set
    /// currentTerm = T, convert to follower" (§5.1).
    fn become_follower(&mut self, term: u64, leader: Option<NodeId>) {
        if term > self.durable.current_term {
            self.durable.current_term = term;
            self.durable.voted_for = None;
        }
        if self.role == Role::Leader {
            self.abandon_pending();
            self.emit(Output::CancelTimer {
                timer: RaftTimer::Heartbeat,
            });
        }
        self.role = Role::Follower;
        self.leader_id = leader;
        self.votes.clear();
        self.denials.clear();
        self.reset_election_timer();
    }

    fn abandon_pending(&mut self) {
        for (index, request) in std::mem::take(&mut self.pending) {
            self.note(RaftNote::ClientAbandoned { request, index });
            self.emit(Output::Reply(ClientReply {
                request,
                outcome: ClientOutcome::Unknown {
                    why: NoAnswer::Deposed,
                },
            }));
        }
    }

    fn request_vote(&self, term: u64, pre_vote: bool) -> RaftMsg {
        RaftMsg::RequestVote {
            term,
            last_log_index: self.durable.last_index(),
            last_log_term: self.durable.last_term(),
            pre_vote,
        }
    }

    /// §9.6 (thesis): ask for pre-votes for `current_term + 1` without changing any state.
    fn start_pre_vote(&mut self, now: Time) {
        let term = self.durable.current_term + 1;
        self.role = Role::PreCandidate;
        self.leader_id = None;
        self.votes = VecSet::from([self.id]);
        self.denials.clear();
        self.note(RaftNote::StartPreVote { term });
        self.reset_election_timer();
        let msg = self.request_vote(term, true);
        for p in self.peers().collect::<Vec<_>>() {
            self.send(p, msg.clone());
        }
        self.check_votes(now);
    }

    /// Rules for Candidates (§5.2): increment currentTerm, vote for self, reset the election
    /// timer, send RequestVote to all other servers.
    fn start_election(&mut self, now: Time) {
        let retry = self.role == Role::Candidate;
        self.durable.current_term += 1;
        self.durable.voted_for = Some(self.id);
        self.role = Role::Candidate;
        self.leader_id = None;
        self.votes = VecSet::from([self.id]);
        self.denials.clear();
        let term = self.durable.current_term;
        self.note(RaftNote::StartElection { term, retry });
        self.reset_election_timer();
        let msg = self.request_vote(term, false);
        for p in self.peers().collect::<Vec<_>>() {
            self.send(p, msg.clone());
        }
        self.check_votes(now);
    }

    /// Wins the (pre-)election once a majority granted.
    fn check_votes(&mut self, now: Time) {
        if self.votes.len() < majority(self.n) {
            return;
        }
        let votes: Vec<NodeId> = self.votes.iter().copied().collect();
        match self.role {
            Role::PreCandidate => {
                self.note(RaftNote::PreVoteWon {
                    term: self.durable.current_term + 1,
                    votes,
                });
                self.start_election(now);
            }
            Role::Candidate => {
                self.note(RaftNote::BecameLeader {
                    term: self.durable.current_term,
                    votes,
                });
                self.become_leader(now);
            }
            _ => {}
        }
    }

    /// Rules for Leaders: reinitialise next_index and match_index, send initial empty
    /// AppendEntries (heartbeats) to each server (Figure 2).
    fn become_leader(&mut self, now: Time) {
        self.role = Role::Leader;
        self.leader_id = Some(self.id);
        self.votes.clear();
        self.denials.clear();
        self.next_index = vec![self.durable.last_index() + 1; self.n];
        self.match_index = vec![0; self.n];
        // No follower's log is known to match yet: probe each (etcd-raft's becomeLeader
        // starts every follower in StateProbe).
        self.progress = vec![Progress::START; self.n];
        self.last_heard = vec![now; self.n];
        self.noted_old_term = 0;
        if self.config.noop_on_election {
            self.durable.push(Entry {
                term: self.durable.current_term,
                command: Command::Noop,
            });
            let index = self.durable.last_index();
            self.note(RaftNote::NoopAppended { index });
        }
        self.match_index[self.id] = self.durable.last_index();
        if self.config.check_quorum {
            self.emit(Output::SetTimer {
                timer: RaftTimer::Election,
                after: Delay::Exactly(self.config.election_timeout_min),
            });
        } else {
            self.emit(Output::CancelTimer {
                timer: RaftTimer::Election,
            });
        }
        self.broadcast_append(now);
        // A single-node cluster commits on its own.
        self.advance_commit();
    }

    /// The heartbeat: AppendEntries to every follower (§5.2), except a probing follower whose
    /// probe went out less than a heartbeat interval ago (that probe is its heartbeat).
    fn broadcast_append(&mut self, now: Time) {
        let interval = self.config.heartbeat_interval;
        for p in self.peers().collect::<Vec<_>>() {
            if self.progress[p].heartbeat_due(now, interval) {
                self.send_append(p, now);
            }
        }
        self.emit(Output::SetTimer {
            timer: RaftTimer::Heartbeat,
            after: Delay::Exactly(self.config.heartbeat_interval),
        });
    }

    /// AppendEntries for `to`, starting at its next_index (§5.3). Probing, it is the one
    /// outstanding probe and next_index stays put until the reply; replicating, next_index
    /// moves past what is now on its way (pipelining).
    fn send_append(&mut self, to: NodeId, now: Time) {
        let next = self.next_index[to].max(1);
        let prev_log_index = next - 1;
        let prev_log_term = self.durable.term_at(prev_log_index).unwrap_or(0);
        let end = (self.durable.last_index())
            .min(prev_log_index.saturating_add(self.config.max_entries_per_append as u64));
        let entries = self.durable.log()[prev_log_index as usize..end as usize].to_vec();
        match self.progress[to] {
            // Pipelining: next_index is "the next entry to send" (Figure 2), so it moves past
            // what is now on its way.
            Progress::Replicate => self.next_index[to] = end + 1,
            // The probe: next_index moves only on its reply (Figure 2, etcd-raft's
            // StateProbe).
            Progress::Probe { .. } => {
                self.progress[to] = Progress::Probe { sent_at: Some(now) };
            }
        }
        let msg = RaftMsg::AppendEntries {
            term: self.durable.current_term,
            prev_log_index,
            prev_log_term,
            entries,
            leader_commit: self.commit_index,
        };
        self.send(to, msg);
    }

    /// Leaders: "If there exists an N such that N > commitIndex, a majority of
    /// matchIndex[i] ≥ N, and log[N].term == currentTerm: set commitIndex = N" (§5.3, §5.4.2).
    ///
    /// A majority has matchIndex ≥ N exactly when N is at most the majority's match index
    /// (the majority-th largest matchIndex, [`quorum_index`]; etcd-raft's and raft-rs's
    /// `committed` sort for the same number), so the search starts there, not at the end of
    /// the log. Going down, it stops at the first entry of an earlier term: terms never
    /// decrease along a log (a leader appends entries of its own term at its end, §5.3), so no
    /// lower N has log[N].term == currentTerm. Nothing is allocated unless a commit is
    /// explained (the note names the replicas).
    fn advance_commit(&mut self) {
        let need = majority(self.n);
        let term = self.durable.current_term;
        let mut n = quorum_index(&self.match_index, need).min(self.durable.last_index());
        while n > self.commit_index {
            let entry_term = self.durable.term_at(n).unwrap_or(0);
            if entry_term == term {
                self.commit_index = n;
                let replicas = (0..self.n).filter(|&p| self.match_index[p] >= n).collect();
                self.note(RaftNote::LeaderCommit {
                    commit_index: n,
                    replicas,
                });
                break;
            } else if self.config.unsafe_commit_old_terms {
                self.commit_index = n;
                self.note(RaftNote::UnsafeOldTermCommit {
                    index: n,
                    term: entry_term,
                });
                break;
            } else if n > self.noted_old_term {
                self.noted_old_term = n;
                self.note(RaftNote::OldTermNotCommitted {
                    index: n,
                    term: entry_term,
                    current_term: term,
                });
            }
            if entry_term < term {
                break;
            }
            n -= 1;
        }
        self.answer_clients();
    }

    fn answer_clients(&mut self) {
        while let Some((&index, &request)) = self.pending.first_key_value() {
            if index > self.commit_index {
                break;
            }
            self.pending.remove(&index);
            self.note(RaftNote::ClientCommitted { request, index });
            self.emit(Output::Reply(ClientReply {
                request,
                outcome: ClientOutcome::Committed { index },
            }));
        }
    }

    // ---- RequestVote (§5.2, §5.4.1) -------------------------------------------------------

    fn on_request_vote(
        &mut self,
        now: Time,
        from: NodeId,
        term: u64,
        last_log_index: u64,
        last_log_term: u64,
        pre_vote: bool,
    ) {
        let current = self.durable.current_term;
        let up_to_date = self.durable.is_up_to_date(last_log_index, last_log_term);
        let log_ok = up_to_date || self.config.unsafe_vote_without_log_check;
        let denial = if term < current || (pre_vote && term == current) {
            Some(VoteDenial::StaleTerm { mine: current })
        } else if !log_ok {
            Some(VoteDenial::LogBehind {
                their_index: last_log_index,
                their_term: last_log_term,
                my_index: self.durable.last_index(),
                my_term: self.durable.last_term(),
            })
        } else if pre_vote && self.role == Role::Leader {
            Some(VoteDenial::LeaderAlive { leader: self.id })
        } else if pre_vote {
            // Deny a pre-vote while we still hear from a live leader.
            match (self.leader_id, self.leader_heard_at) {
                (Some(leader), Some(at))
                    if leader != from
                        && now < at.saturating_add(self.config.election_timeout_min) =>
                {
                    Some(VoteDenial::LeaderAlive { leader })
                }
                _ => None,
            }
        } else {
            match self.durable.voted_for {
                Some(v) if v != from => Some(VoteDenial::AlreadyVoted { voted_for: v }),
                _ => None,
            }
        };
        let granted = denial.is_none();
        match denial {
            Some(why) => self.note(RaftNote::VoteDenied {
                candidate: from,
                term,
                pre_vote,
                why,
            }),
            None => {
                self.note(RaftNote::VoteGranted {
                    candidate: from,
                    term,
                    pre_vote,
                    unsafe_skip: !up_to_date,
                });
                if !pre_vote {
                    self.durable.voted_for = Some(from);
                    // Granting a vote resets the election timer (Figure 2, Followers).
                    self.reset_election_timer();
                }
            }
        }
        // A granted pre-vote answers with the proposed term; anything else with our own.
        let reply_term = if pre_vote && granted {
            term
        } else {
            self.durable.current_term
        };
        self.send(
            from,
            RaftMsg::RequestVoteReply {
                term: reply_term,
                vote_granted: granted,
                pre_vote,
            },
        );
    }

    fn on_vote_reply(&mut self, now: Time, from: NodeId, term: u64, granted: bool, pre_vote: bool) {
        let current = self.durable.current_term;
        // Count only answers to this very election (a granted pre-vote carries current + 1).
        let counting = match self.role {
            Role::Candidate => !pre_vote && term == current,
            Role::PreCandidate => pre_vote && (!granted || term == current + 1),
            _ => false,
        };
        if !counting {
            return;
        }
        if granted {
            self.votes.insert(from);
        } else {
            self.denials.insert(from);
        }
        let term = self.durable.current_term + u64::from(pre_vote);
        self.note(RaftNote::VoteReceived {
            from,
            term,
            granted,
            votes: self.votes.len(),
            needed: majority(self.n),
        });
        self.check_votes(now);
    }

    // ---- AppendEntries (§5.3) -------------------------------------------------------------

    fn on_append_entries(
        &mut self,
        now: Time,
        from: NodeId,
        prev_log_index: u64,
        prev_log_term: u64,
        entries: Vec<Entry>,
        leader_commit: u64,
    ) {
        let term = self.durable.current_term;
        if self.role != Role::Follower {
            // A candidate that hears from the leader of its own term steps down (§5.2).
            self.note(RaftNote::AcceptedLeader { leader: from, term });
        }
        if self.role != Role::Follower || self.leader_id != Some(from) {
            self.become_follower(term, Some(from));
        } else {
            self.reset_election_timer();
        }
        self.leader_heard_at = Some(now);

        // Reply false if log doesn't contain an entry at prevLogIndex whose term matches
        // prevLogTerm (§5.3).
        let denial = match self.durable.term_at(prev_log_index) {
            None => Some(AppendDenial::Missing {
                prev_log_index,
                last_index: self.durable.last_index(),
            }),
            Some(found) if found != prev_log_term => Some(AppendDenial::TermMismatch {
                prev_log_index,
                prev_log_term,
                found,
            }),
            Some(_) => None,
        };
        if let Some(why) = denial {
            let hint = match &why {
                AppendDenial::TermMismatch { found, .. } => ConflictHint {
                    term: Some(*found),
                    index: self.durable.first_index_of(*found).unwrap_or(1),
                },
                _ => ConflictHint {
                    term: None,
                    index: self.durable.last_index() + 1,
                },
            };
            self.note(RaftNote::AppendRejected { leader: from, why });
            self.send(
                from,
                RaftMsg::AppendEntriesReply {
                    term,
                    success: false,
                    match_index: prev_log_index,
                    hint: Some(hint),
                },
            );
            return;
        }

        // If an existing entry conflicts with a new one (same index but different terms),
        // delete the existing entry and all that follow it; append any new entries not
        // already in the log (§5.3).
        let count = entries.len() as u64;
        let mut first_new = None;
        for (k, entry) in entries.into_iter().enumerate() {
            let index = prev_log_index + 1 + k as u64;
            match self.durable.term_at(index) {
                Some(t) if t == entry.term => continue,
                Some(_) => {
                    let removed = self.durable.last_index() - index + 1;
                    self.durable.truncate(index - 1);
                    self.note(RaftNote::Truncated {
                        from_index: index,
                        count: removed,
                    });
                }
                None => {}
            }
            first_new.get_or_insert(index);
            self.durable.push(entry);
        }
        let last_new = prev_log_index + count;
        if let Some(first) = first_new {
            self.note(RaftNote::Appended {
                leader: from,
                first,
                last: last_new,
            });
        }
        // If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of last new
        // entry) (Figure 2).
        let bug = self.config.test_bug == Some(RaftBug::CommitFollowsLeader);
        if leader_commit > self.commit_index || bug {
            let c = leader_commit.min(last_new);
            if c > self.commit_index || (bug && c != self.commit_index) {
                self.commit_index = c;
                self.note(RaftNote::FollowerCommit { commit_index: c });
            }
        }
        self.send(
            from,
            RaftMsg::AppendEntriesReply {
                term,
                success: true,
                match_index: last_new,
                hint: None,
            },
        );
    }

    fn on_append_reply(
        &mut self,
        now: Time,
        from: NodeId,
        success: bool,
        match_index: u64,
        hint: Option<ConflictHint>,
    ) {
        if self.role != Role::Leader {
            return;
        }
        self.last_heard[from] = now;
        if success {
            self.on_append_success(now, from, match_index);
        } else {
            self.on_append_refused(now, from, match_index, hint);
        }
    }

    /// "If successful: update nextIndex and matchIndex for follower" (Figure 2). A success
    /// that is not older than what is known switches a probed follower to pipelining from
    /// matchIndex + 1 (etcd-raft: `MaybeUpdate`, then `BecomeReplicate`).
    fn on_append_success(&mut self, now: Time, from: NodeId, match_index: u64) {
        let known = self.match_index[from];
        if match_index > known {
            self.match_index[from] = match_index;
        }
        if self.progress[from].is_probe() && match_index >= known {
            self.progress[from] = Progress::Replicate;
            self.next_index[from] = self.match_index[from] + 1;
        } else {
            self.next_index[from] = self.next_index[from].max(self.match_index[from] + 1);
        }
        self.advance_commit();
        if self.next_index[from] <= self.durable.last_index() {
            self.send_append(from, now);
        }
    }

    /// "If AppendEntries fails because of log inconsistency: decrement nextIndex and retry"
    /// (Figure 2, §5.3). `rejected` is the refused prevLogIndex. Probing, only the answer to
    /// the outstanding probe (prevLogIndex = nextIndex − 1) counts: anything else is stale,
    /// duplicated or reordered and changes nothing (etcd-raft's `MaybeDecrTo` in
    /// StateProbe). Replicating, a refusal of an index past matchIndex means something on its
    /// way was lost: probe again from matchIndex + 1 (`MaybeDecrTo` in StateReplicate, then
    /// `BecomeProbe`).
    fn on_append_refused(
        &mut self,
        now: Time,
        from: NodeId,
        rejected: u64,
        hint: Option<ConflictHint>,
    ) {
        let matched = self.match_index[from];
        let was = self.next_index[from];
        if rejected <= matched || rejected >= was {
            return;
        }
        let (next, by) = match self.progress[from] {
            Progress::Probe { sent_at: None } => return,
            Progress::Probe { .. } if rejected + 1 != was => return,
            Progress::Probe { .. } => self.backtrack_target(rejected, hint),
            Progress::Replicate => (
                matched + 1,
                BacktrackBy::Matched {
                    match_index: matched,
                },
            ),
        };
        // Never past the refused probe, never below what is known to match, never below 1
        // (no clamp: it would panic if a broken run made the bounds cross).
        let next = next.min(rejected).max(matched + 1).max(1);
        self.next_index[from] = next;
        self.progress[from] = Progress::START;
        self.note(RaftNote::Backtrack {
            follower: from,
            rejected,
            from: was,
            to: next,
            by,
        });
        self.send_append(from, now);
    }

    /// Where the next probe starts after the probe at `rejected` was refused: one entry back
    /// (Figure 2), or with fast backtracking a term at a time, using the follower's hint
    /// (§5.3's optimisation; etcd-raft's `findConflictByTerm` does the same on the leader).
    fn backtrack_target(&self, rejected: u64, hint: Option<ConflictHint>) -> (u64, BacktrackBy) {
        match hint {
            Some(h) if self.config.fast_backtrack => match h.term {
                // The follower has `t` at `rejected`, from `h.index` on. Skip to just past our
                // last entry of term t; if we have none, to the first index of t at the
                // follower.
                Some(t) => {
                    let leader_last = self.durable.last_index_of(t);
                    (
                        leader_last.map_or(h.index, |i| i + 1),
                        BacktrackBy::ConflictTerm {
                            term: t,
                            first: h.index,
                            leader_last,
                        },
                    )
                }
                // The follower's log ends before `rejected`: start just past its end.
                None => (
                    h.index,
                    BacktrackBy::LogEnds {
                        last_index: h.index.saturating_sub(1),
                    },
                ),
            },
            // The probe at `rejected` failed, so the next one sends from `rejected` itself.
            _ => (rejected, BacktrackBy::OneEntry),
        }
    }

    // ---- Role step functions --------------------------------------------------------------

    fn step_leader(&mut self, now: Time, from: NodeId, msg: RaftMsg) {
        match msg {
            RaftMsg::AppendEntriesReply {
                success,
                match_index,
                hint,
                ..
            } => self.on_append_reply(now, from, success, match_index, hint),
            RaftMsg::RequestVote {
                term,
                last_log_index,
                last_log_term,
                pre_vote,
            } => self.on_request_vote(now, from, term, last_log_index, last_log_term, pre_vote),
            RaftMsg::AppendEntries { .. } => {
                // Two leaders in one term cannot exist (Election Safety); nothing to do.
            }
            RaftMsg::RequestVoteReply { .. } => {}
        }
    }

    fn step_candidate(&mut self, now: Time, from: NodeId, msg: RaftMsg) {
        match msg {
            RaftMsg::RequestVoteReply {
                term,
                vote_granted,
                pre_vote,
            } => self.on_vote_reply(now, from, term, vote_granted, pre_vote),
            other => self.step_follower(now, from, other),
        }
    }

    fn step_follower(&mut self, now: Time, from: NodeId, msg: RaftMsg) {
        match msg {
            RaftMsg::RequestVote {
                term,
                last_log_index,
                last_log_term,
                pre_vote,
            } => self.on_request_vote(now, from, term, last_log_index, last_log_term, pre_vote),
            RaftMsg::AppendEntries {
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit,
                ..
            } => self.on_append_entries(
                now,
                from,
                prev_log_index,
                prev_log_term,
                entries,
                leader_commit,
            ),
            RaftMsg::RequestVoteReply { .. } | RaftMsg::AppendEntriesReply { .. } => {}
        }
    }

    /// CheckQuorum (thesis §6.2): counts the servers heard from within one election timeout.
    /// Both outcomes are noted, so that the feed tells why a leader's timer fired.
    fn check_quorum(&mut self, now: Time) {
        let window = self.config.election_timeout_min;
        let heard: Vec<NodeId> = (0..self.n)
            .filter(|&p| p != self.id && now.saturating_sub(self.last_heard[p]) < window)
            .collect();
        let needed = majority(self.n);
        if heard.len() + 1 < needed {
            self.note(RaftNote::CheckQuorumStepDown {
                heard,
                needed,
                window,
            });
            let term = self.durable.current_term;
            self.become_follower(term, None);
        } else {
            self.note(RaftNote::CheckQuorumPassed {
                heard,
                needed,
                window,
            });
            self.emit(Output::SetTimer {
                timer: RaftTimer::Election,
                after: Delay::Exactly(window),
            });
        }
    }
}

impl Protocol for RaftNode {
    type Config = RaftConfig;
    type Msg = RaftMsg;
    type Timer = RaftTimer;
    type Durable = RaftDurable;
    type Note = RaftNote;

    const NAME: &'static str = "raft";
    const BUILT_IN: Option<crate::core::ProtocolKind> = Some(crate::core::ProtocolKind::Raft);
    const TIMEOUT_TIMER: RaftTimer = RaftTimer::Election;

    fn recover(id: NodeId, n: usize, config: &RaftConfig, durable: RaftDurable) -> Self {
        RaftNode {
            id,
            n,
            config: config.clone(),
            durable,
            role: Role::Follower,
            commit_index: 0,
            leader_id: None,
            votes: VecSet::new(),
            denials: VecSet::new(),
            next_index: vec![1; n],
            match_index: vec![0; n],
            progress: vec![Progress::START; n],
            last_heard: vec![0; n],
            leader_heard_at: None,
            pending: VecMap::new(),
            noted_old_term: 0,
            out: crate::core::outbox::Outbox::new(),
        }
    }

    /// Every server starts as a follower waiting for a leader (§5.2).
    fn start(&mut self, _now: Time) {
        self.reset_election_timer();
    }

    fn handle_message(&mut self, now: Time, from: NodeId, msg: RaftMsg) {
        let term = msg.term();
        let current = self.durable.current_term;
        // The one term check (§5.1). PreVote messages carry a prospective term and change
        // nobody's term, unless a denial reveals a newer one.
        let is_pre_vote_request = matches!(msg, RaftMsg::RequestVote { pre_vote: true, .. });
        let is_granted_pre_vote = matches!(
            msg,
            RaftMsg::RequestVoteReply {
                pre_vote: true,
                vote_granted: true,
                ..
            }
        );
        if term > current && !is_pre_vote_request && !is_granted_pre_vote {
            let was = self.role;
            self.note(RaftNote::HigherTerm {
                from,
                term,
                old_term: current,
                was,
            });
            let leader = matches!(msg, RaftMsg::AppendEntries { .. }).then_some(from);
            self.become_follower(term, leader);
        } else if term < current && !is_pre_vote_request {
            match msg {
                RaftMsg::AppendEntries { .. } => {
                    self.note(RaftNote::AppendRejected {
                        leader: from,
                        why: AppendDenial::StaleTerm { mine: current },
                    });
                    self.send(
                        from,
                        RaftMsg::AppendEntriesReply {
                            term: current,
                            success: false,
                            match_index: 0,
                            hint: None,
                        },
                    );
                }
                RaftMsg::RequestVote { pre_vote, .. } => {
                    self.note(RaftNote::VoteDenied {
                        candidate: from,
                        term,
                        pre_vote,
                        why: VoteDenial::StaleTerm { mine: current },
                    });
                    self.send(
                        from,
                        RaftMsg::RequestVoteReply {
                            term: current,
                            vote_granted: false,
                            pre_vote,
                        },
                    );
                }
                _ => self.note(RaftNote::StaleReply {
                    from,
                    term,
                    current_term: current,
                }),
            }
            return;
        }
        match self.role {
            Role::Leader => self.step_leader(now, from, msg),
            Role::Candidate | Role::PreCandidate => self.step_candidate(now, from, msg),
            Role::Follower => self.step_follower(now, from, msg),
        }
    }

    fn handle_timer(&mut self, now: Time, timer: RaftTimer) {
        match (timer, self.role) {
            (RaftTimer::Heartbeat, Role::Leader) => self.broadcast_append(now),
            (RaftTimer::Election, Role::Leader) => {
                if self.config.check_quorum {
                    self.check_quorum(now);
                } else {
                    let term = self.durable.current_term;
                    self.note(RaftNote::LeaderIgnoresTimeout { term });
                }
            }
            (RaftTimer::Election, _) => {
                if self.config.pre_vote {
                    self.start_pre_vote(now);
                } else {
                    self.start_election(now);
                }
            }
            (RaftTimer::Heartbeat, _) => {}
        }
    }

    /// Clients send requests to the leader; others redirect to the leader they know (§8).
    fn handle_client(&mut self, now: Time, request: ClientRequest) {
        if self.role != Role::Leader {
            let leader = self.leader_id;
            self.note(RaftNote::ClientRedirected {
                request: request.id,
                leader,
            });
            self.emit(Output::Reply(ClientReply {
                request: request.id,
                outcome: ClientOutcome::Redirect { leader },
            }));
            return;
        }
        self.durable.push(Entry {
            term: self.durable.current_term,
            command: Command::Value {
                request: request.id,
                value: request.value,
            },
        });
        let index = self.durable.last_index();
        self.match_index[self.id] = index;
        if self.config.test_bug == Some(RaftBug::AckOnAppend) {
            self.emit(Output::Reply(ClientReply {
                request: request.id,
                outcome: ClientOutcome::Committed { index },
            }));
        } else {
            self.pending.insert(index, request.id);
        }
        self.note(RaftNote::ClientAppended {
            request: request.id,
            index,
        });
        for p in self.peers().collect::<Vec<_>>() {
            // Send right away to replicating followers that are caught up; the others get it
            // with their next probe, heartbeat or reply.
            if self.progress[p] == Progress::Replicate && self.next_index[p] == index {
                self.send_append(p, now);
            }
        }
        self.advance_commit();
    }

    fn poll_output(&mut self) -> Option<RaftOutput> {
        self.out.pop_front()
    }

    fn durable(&self) -> &RaftDurable {
        &self.durable
    }

    fn id(&self) -> NodeId {
        self.id
    }

    /// A leader's election timer runs CheckQuorum when that is on (thesis §6.2; etcd-raft's
    /// leader ticks its election timer for the same check); otherwise it is the election
    /// timer of §5.2.
    fn timer_term(&self, timer: RaftTimer) -> crate::glossary::Term {
        use crate::glossary::Term;
        match timer {
            RaftTimer::Heartbeat => Term::HeartbeatTimer,
            RaftTimer::Election if self.role == Role::Leader && self.config.check_quorum => {
                Term::CheckQuorumTimer
            }
            RaftTimer::Election => Term::ElectionTimer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::quorum_index;

    /// The majority's match index is the highest index a majority has reached.
    #[test]
    fn quorum_index_is_the_majority_th_largest() {
        assert_eq!(quorum_index(&[7, 3, 9, 3, 5], 3), 5);
        assert_eq!(quorum_index(&[4, 4, 1], 2), 4);
        assert_eq!(quorum_index(&[2], 1), 2);
        assert_eq!(
            quorum_index(&[1, 2, 3], 4),
            0,
            "no majority of three reaches anything"
        );
        let many: Vec<u64> = (1..=20).collect();
        assert_eq!(quorum_index(&many, 11), 10, "past a cluster's size too");
    }

    /// Counting agrees with sorting: every list of up to six values from 0 to 3, every need.
    #[test]
    fn quorum_index_agrees_with_a_sort() {
        for len in 0..=6u32 {
            for code in 0..4u32.pow(len) {
                let values: Vec<u64> = (0..len)
                    .map(|k| u64::from(code / 4u32.pow(k) % 4))
                    .collect();
                let mut sorted = values.clone();
                sorted.sort_by(|a, b| b.cmp(a));
                for need in 0..=values.len() + 1 {
                    let want = if need == 0 || need > values.len() {
                        0
                    } else {
                        sorted[need - 1]
                    };
                    assert_eq!(quorum_index(&values, need), want, "{values:?}, need {need}");
                }
            }
        }
    }
}
