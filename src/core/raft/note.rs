//! Explanations of Raft decisions, each citing the rule it follows, in English and Chinese.

use super::role::Role;
use crate::core::{fmt_time, Explain, Lang, Names, NodeId, Time};
use crate::glossary::{self, term_no, Term};
use serde::{Deserialize, Serialize};

/// Why a vote was denied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteDenial {
    /// The request's term is older than ours.
    StaleTerm {
        /// This node's current term.
        mine: u64,
    },
    /// We already voted for someone else in this term.
    AlreadyVoted {
        /// Who got the vote.
        voted_for: NodeId,
    },
    /// The candidate's log is behind ours.
    LogBehind {
        /// Index of the candidate's last entry.
        their_index: u64,
        /// Term of the candidate's last entry.
        their_term: u64,
        /// Index of this node's last entry.
        my_index: u64,
        /// Term of this node's last entry.
        my_term: u64,
    },
    /// PreVote: we heard from a leader less than an election timeout ago.
    LeaderAlive {
        /// The leader heard from.
        leader: NodeId,
    },
}

/// Why AppendEntries failed the consistency check (§5.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppendDenial {
    /// The request's term is older than ours.
    StaleTerm {
        /// This node's current term.
        mine: u64,
    },
    /// No entry at `prev_log_index`; our log ends at `last_index`.
    Missing {
        /// The index the leader asked about.
        prev_log_index: u64,
        /// This node's last index.
        last_index: u64,
    },
    /// The entry at `prev_log_index` has another term.
    TermMismatch {
        /// The index the leader asked about.
        prev_log_index: u64,
        /// The term the leader has there.
        prev_log_term: u64,
        /// The term this node has there.
        found: u64,
    },
}

/// Why a leader's nextIndex for a follower moved back where it did (§5.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BacktrackBy {
    /// "Decrement nextIndex and retry" (Figure 2): one entry back.
    OneEntry,
    /// Fast backtracking: the follower said its log ends at `last_index`.
    LogEnds {
        /// The follower's last index.
        last_index: u64,
    },
    /// Fast backtracking: the follower said its entry at the refused index has `term`, which
    /// starts at `first` in its log. `leader_last` is the leader's own last entry of that term
    /// (`None`: it has none, so it skips the follower's whole term).
    ConflictTerm {
        /// The term of the follower's conflicting entry.
        term: u64,
        /// The first index of that term in the follower's log.
        first: u64,
        /// The leader's last entry of that term, if it has one.
        leader_last: Option<u64>,
    },
    /// The follower was being replicated to and is known to match up to `match_index`:
    /// something on its way was lost, so the leader probes again from there.
    Matched {
        /// The index the follower is known to match up to.
        match_index: u64,
    },
}

/// One decision by a Raft node, worth showing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RaftNote {
    /// Election timeout: became candidate (§5.2). `retry` when it was already a candidate
    /// (nobody won the previous term: a split vote).
    StartElection {
        /// The new term.
        term: u64,
        /// It was already a candidate (a split vote).
        retry: bool,
    },
    /// Election timeout with PreVote on: asks first, without raising its term (thesis §9.6).
    StartPreVote {
        /// The term it would campaign in.
        term: u64,
    },
    /// PreVote: a majority said it could win, so it starts a real election (thesis §9.6).
    PreVoteWon {
        /// The term it now campaigns in.
        term: u64,
        /// Who granted the pre-vote.
        votes: Vec<NodeId>,
    },
    /// Received votes from a majority: became leader (§5.2).
    BecameLeader {
        /// The term it leads.
        term: u64,
        /// Who voted for it.
        votes: Vec<NodeId>,
    },
    /// Saw a higher term: updated its term and became follower (§5.1).
    HigherTerm {
        /// Who carried the higher term.
        from: NodeId,
        /// The higher term, now this node's.
        term: u64,
        /// The term it had.
        old_term: u64,
        /// The role it had.
        was: Role,
    },
    /// A candidate heard from the leader of its own term and gave up (§5.2).
    AcceptedLeader {
        /// The leader.
        leader: NodeId,
        /// Their term.
        term: u64,
    },
    /// Granted its vote (or pre-vote) to a candidate (§5.2, §5.4.1).
    VoteGranted {
        /// The candidate.
        candidate: NodeId,
        /// The election's term.
        term: u64,
        /// A pre-vote (thesis §9.6), which changes no state.
        pre_vote: bool,
        /// Granted without the up-to-date check: the UNSAFE teaching switch.
        unsafe_skip: bool,
    },
    /// Denied its vote (or pre-vote) to a candidate.
    VoteDenied {
        /// The candidate.
        candidate: NodeId,
        /// The election's term.
        term: u64,
        /// A pre-vote request.
        pre_vote: bool,
        /// Why.
        why: VoteDenial,
    },
    /// A candidate counted a vote reply (§5.2).
    VoteReceived {
        /// The voter.
        from: NodeId,
        /// The election's term.
        term: u64,
        /// Whether the vote was granted.
        granted: bool,
        /// Votes so far, its own included.
        votes: usize,
        /// Votes needed: a majority.
        needed: usize,
    },
    /// Refused an AppendEntries (§5.1, §5.3).
    AppendRejected {
        /// The leader that sent it.
        leader: NodeId,
        /// Why.
        why: AppendDenial,
    },
    /// Deleted a conflicting entry and all that follow it (§5.3 rule 3).
    Truncated {
        /// The first index deleted.
        from_index: u64,
        /// How many entries were deleted.
        count: u64,
    },
    /// A follower appended the leader's entries (§5.3).
    Appended {
        /// The leader.
        leader: NodeId,
        /// The first new index.
        first: u64,
        /// The last new index.
        last: u64,
    },
    /// Follower: commitIndex = min(leaderCommit, index of last new entry) (Figure 2).
    FollowerCommit {
        /// The new commitIndex.
        commit_index: u64,
    },
    /// Leader: a majority has the entry and it is from the current term (§5.3, §5.4.2).
    LeaderCommit {
        /// The new commitIndex.
        commit_index: u64,
        /// The nodes holding the entry (the majority).
        replicas: Vec<NodeId>,
    },
    /// Leader: a majority has an entry of an earlier term, but it is not committed by counting
    /// (§5.4.2).
    OldTermNotCommitted {
        /// The entry's index.
        index: u64,
        /// The entry's term.
        term: u64,
        /// The leader's current term.
        current_term: u64,
    },
    /// UNSAFE switch: committed an earlier-term entry by counting.
    UnsafeOldTermCommit {
        /// The entry's index.
        index: u64,
        /// The entry's term.
        term: u64,
    },
    /// Leader: `follower` refused the AppendEntries whose prevLogIndex was `rejected`;
    /// nextIndex for it moves back from `from` to `to` (§5.3).
    Backtrack {
        /// The follower.
        follower: NodeId,
        /// The prevLogIndex it refused.
        rejected: u64,
        /// nextIndex before.
        from: u64,
        /// nextIndex after.
        to: u64,
        /// How far it moved back, and why.
        by: BacktrackBy,
    },
    /// The leader appended a client's command to its log (§5.3).
    ClientAppended {
        /// The client request.
        request: u64,
        /// Where it was appended.
        index: u64,
    },
    /// Not the leader: told the client where to go (§8).
    ClientRedirected {
        /// The client request.
        request: u64,
        /// The leader it knows of, if any.
        leader: Option<NodeId>,
    },
    /// The leader committed a client's command and answers the client (§8).
    ClientCommitted {
        /// The client request.
        request: u64,
        /// Where it is committed.
        index: u64,
    },
    /// The leader lost leadership before committing a client's entry.
    ClientAbandoned {
        /// The client request.
        request: u64,
        /// Where its entry was.
        index: u64,
    },
    /// A new leader appended a no-op entry of its term (§8).
    NoopAppended {
        /// Where.
        index: u64,
    },
    /// CheckQuorum: a leader heard from too few nodes within `window` (an election timeout)
    /// and steps down (thesis §6.2). `heard` are the other nodes heard from; with the leader
    /// itself they are fewer than `needed`.
    CheckQuorumStepDown {
        /// The other nodes heard from.
        heard: Vec<NodeId>,
        /// How many make a majority.
        needed: usize,
        /// How far back it looked: an election timeout.
        window: Time,
    },
    /// CheckQuorum: the leader heard from enough nodes within `window` and stays leader
    /// (thesis §6.2).
    CheckQuorumPassed {
        /// The other nodes heard from.
        heard: Vec<NodeId>,
        /// How many make a majority.
        needed: usize,
        /// How far back it looked: an election timeout.
        window: Time,
    },
    /// A leader's election timer was forced; leaders do not campaign.
    LeaderIgnoresTimeout {
        /// Its term.
        term: u64,
    },
    /// A reply from an older term, ignored.
    StaleReply {
        /// The sender.
        from: NodeId,
        /// The reply's term.
        term: u64,
        /// This node's current term.
        current_term: u64,
    },
}

/// Node names joined with the glossary's list separator.
fn list(names: &Names, ids: &[NodeId], lang: Lang) -> String {
    let names: Vec<String> = ids
        .iter()
        .map(|&i| crate::core::name(names, i).to_string())
        .collect();
    glossary::list(&names, lang)
}

impl Explain for RaftNote {
    fn rule(&self) -> &'static str {
        use RaftNote::*;
        match self {
            StartElection { .. } | BecameLeader { .. } | AcceptedLeader { .. } => "§5.2",
            StartPreVote { .. } | PreVoteWon { .. } => "thesis §9.6",
            HigherTerm { .. } | StaleReply { .. } => "§5.1",
            // Figure 2 cites §5.2 and §5.4 for granting a vote; the log check is §5.4.1.
            VoteGranted {
                unsafe_skip: true, ..
            } => "§5.4.1",
            VoteGranted { .. } => "§5.2, §5.4.1",
            VoteReceived { .. } => "§5.2",
            VoteDenied { why, pre_vote, .. } => match why {
                VoteDenial::StaleTerm { .. } => "§5.1",
                VoteDenial::AlreadyVoted { .. } => "§5.2",
                VoteDenial::LogBehind { .. } => "§5.4.1",
                VoteDenial::LeaderAlive { .. } if *pre_vote => "thesis §9.6",
                VoteDenial::LeaderAlive { .. } => "thesis §4.2.3",
            },
            AppendRejected { why, .. } => match why {
                AppendDenial::StaleTerm { .. } => "§5.1",
                _ => "§5.3",
            },
            Truncated { .. } | Appended { .. } | Backtrack { .. } => "§5.3",
            FollowerCommit { .. } => "Figure 2",
            LeaderCommit { .. } => "§5.4.2",
            OldTermNotCommitted { .. } | UnsafeOldTermCommit { .. } => "§5.4.2",
            ClientAppended { .. }
            | ClientRedirected { .. }
            | ClientCommitted { .. }
            | ClientAbandoned { .. } => "§8",
            NoopAppended { .. } => "§8",
            CheckQuorumStepDown { .. } | CheckQuorumPassed { .. } => "thesis §6.2",
            LeaderIgnoresTimeout { .. } => "§5.2",
        }
    }

    fn render(&self, me: NodeId, names: &Names, lang: Lang) -> String {
        let nm = |i: &NodeId| crate::core::name(names, *i).to_string();
        let me_s = nm(&me);
        let body = match lang {
            Lang::En => self.english(&nm, names),
            Lang::Zh => self.chinese(&nm, names),
        };
        format!("{me_s} {body}{}", glossary::cite(self.rule(), lang))
    }
}

impl RaftNote {
    fn english(&self, nm: &dyn Fn(&NodeId) -> String, names: &Names) -> String {
        use RaftNote::*;
        match self {
            StartElection { term, retry: false } => format!(
                "timed out without hearing from a leader: becomes candidate for term {term}, votes for itself and asks the others for votes"
            ),
            StartElection { term, retry: true } => format!(
                "timed out as candidate: nobody won the last term (split vote?), so it starts term {term} and asks again"
            ),
            StartPreVote { term } => format!(
                "timed out: asks whether it could win term {term} before raising its term (PreVote)"
            ),
            PreVoteWon { term, votes } => format!(
                "won the pre-vote ({}): now campaigns for real in term {term}",
                list(names, votes, Lang::En)
            ),
            BecameLeader { term, votes } => format!(
                "won the election for term {term} with votes from a majority ({}): becomes leader and starts sending heartbeats",
                list(names, votes, Lang::En)
            ),
            HigherTerm { from, term, old_term, was: Role::Follower } => format!(
                "saw term {term} from {} (newer than its term {old_term}): adopts term {term}, with no vote cast yet",
                nm(from)
            ),
            HigherTerm { from, term, old_term, was } => format!(
                "saw term {term} from {} (newer than its term {old_term}): adopts it and steps down from {} to follower",
                nm(from),
                was.name()
            ),
            AcceptedLeader { leader, term } => format!(
                "heard from {}, the leader of term {term}: stops campaigning and becomes follower",
                nm(leader)
            ),
            VoteGranted { candidate, term, pre_vote, unsafe_skip } => {
                let what = if *pre_vote { "pre-vote" } else { "vote" };
                if *unsafe_skip {
                    format!(
                        "granted its {what} for term {term} to {} WITHOUT checking that its log is up to date — UNSAFE teaching switch",
                        nm(candidate)
                    )
                } else {
                    format!(
                        "granted its {what} for term {term} to {}: it had not voted for anyone else and the candidate's log is at least as up to date",
                        nm(candidate)
                    )
                }
            }
            VoteDenied { candidate, term, pre_vote, why } => {
                let what = if *pre_vote { "pre-vote" } else { "vote" };
                let reason = match why {
                    VoteDenial::StaleTerm { mine } => {
                        format!("the request's term {term} is older than its term {mine}")
                    }
                    VoteDenial::AlreadyVoted { voted_for } => {
                        format!("it already voted for {} in term {term}", nm(voted_for))
                    }
                    VoteDenial::LogBehind { their_index, their_term, my_index, my_term } => format!(
                        "the candidate's log (last entry {their_index} of term {their_term}) is behind its own (last entry {my_index} of term {my_term})"
                    ),
                    VoteDenial::LeaderAlive { leader } => format!(
                        "it heard from the leader {} less than an election timeout ago",
                        nm(leader)
                    ),
                };
                format!("denied its {what} for term {term} to {}: {reason}", nm(candidate))
            }
            VoteReceived { from, term, granted: true, votes, needed } => format!(
                "got a vote from {} for term {term}: {votes} of the {needed} needed",
                nm(from)
            ),
            VoteReceived { from, term, granted: false, votes, needed } => format!(
                "was denied a vote by {} for term {term}: still {votes} of the {needed} needed",
                nm(from)
            ),
            AppendRejected { leader, why } => {
                let reason = match why {
                    AppendDenial::StaleTerm { mine } => {
                        format!("its term {mine} is newer than the sender's")
                    }
                    AppendDenial::Missing { prev_log_index, last_index } => format!(
                        "no entry at index {prev_log_index} (its log ends at {last_index})"
                    ),
                    AppendDenial::TermMismatch { prev_log_index, prev_log_term, found } => format!(
                        "its entry at index {prev_log_index} has term {found}, not {prev_log_term}"
                    ),
                };
                format!("rejected AppendEntries from {}: {reason}", nm(leader))
            }
            Truncated { from_index, count } => format!(
                "deleted {count} conflicting entr{} from index {from_index} on",
                if *count == 1 { "y" } else { "ies" }
            ),
            Appended { leader, first, last } if first == last => {
                format!("appended entry {first} from {}", nm(leader))
            }
            Appended { leader, first, last } => {
                format!("appended entries {first}..{last} from {}", nm(leader))
            }
            FollowerCommit { commit_index } => format!(
                "advanced commitIndex to {commit_index} = min(leaderCommit, index of last new entry)"
            ),
            LeaderCommit { commit_index, replicas } => format!(
                "committed up to index {commit_index}: a majority ({}) stores it and it is from the current term",
                list(names, replicas, Lang::En)
            ),
            OldTermNotCommitted { index, term, current_term } => format!(
                "does not commit index {index} by counting replicas: it is from term {term}, not the current term {current_term}"
            ),
            UnsafeOldTermCommit { index, term } => format!(
                "committed index {index} of the earlier term {term} just by counting replicas — UNSAFE teaching switch"
            ),
            Backtrack { follower, rejected, from, to, by } => {
                let f = nm(follower);
                let why = match by {
                    BacktrackBy::OneEntry => String::new(),
                    BacktrackBy::LogEnds { last_index } => {
                        format!("; {f}'s log ends at {last_index}")
                    }
                    BacktrackBy::ConflictTerm { term, first, leader_last: Some(l) } => format!(
                        "; {f} has term {term} there (from index {first} on), and the leader's own last term-{term} entry is at {l}"
                    ),
                    BacktrackBy::ConflictTerm { term, first, leader_last: None } => format!(
                        "; {f} has term {term} there (from index {first} on), and the leader has no term-{term} entry"
                    ),
                    BacktrackBy::Matched { match_index } => {
                        format!("; {f}'s log is known to match up to matchIndex {match_index}")
                    }
                };
                format!(
                    "learns that {f} refused its AppendEntries at index {rejected}{why}: nextIndex for {f} {from} → {to}"
                )
            }
            ClientAppended { request, index } => {
                format!("appended client request #{request} at index {index}")
            }
            ClientRedirected { request, leader: Some(l) } => format!(
                "is not the leader: redirects client request #{request} to {}",
                nm(l)
            ),
            ClientRedirected { request, leader: None } => format!(
                "is not the leader and knows no leader: cannot take client request #{request}"
            ),
            ClientCommitted { request, index } => {
                format!("answered client request #{request}: committed at index {index}")
            }
            ClientAbandoned { request, index } => format!(
                "lost leadership before index {index} committed: request #{request}'s outcome is unknown"
            ),
            NoopAppended { index } => format!("appended a no-op at index {index} for its new term"),
            CheckQuorumStepDown { heard, needed, window } => {
                let who = if heard.is_empty() {
                    "heard from no other node".to_string()
                } else {
                    format!("heard only from {}", list(names, heard, Lang::En))
                };
                format!(
                    "checks quorum (CheckQuorum): {who} in the last {} (with itself, {} of the {needed} needed): steps down",
                    fmt_time(*window),
                    heard.len() + 1
                )
            }
            CheckQuorumPassed { heard, .. } if heard.is_empty() => {
                "checks quorum (CheckQuorum): it is a majority on its own: stays leader".to_string()
            }
            CheckQuorumPassed { heard, needed, window } => format!(
                "checks quorum (CheckQuorum): heard from {} in the last {} (with itself {}, at least the {needed} needed): stays leader",
                list(names, heard, Lang::En),
                fmt_time(*window),
                heard.len() + 1
            ),
            LeaderIgnoresTimeout { term } => {
                format!("is the leader of term {term}: leaders do not time out")
            }
            StaleReply { from, term, current_term } => format!(
                "ignored a reply from {} of old term {term} (its term is {current_term})",
                nm(from)
            ),
        }
    }

    fn chinese(&self, nm: &dyn Fn(&NodeId) -> String, names: &Names) -> String {
        use RaftNote::*;
        let zh = Lang::Zh;
        let t = |n: &u64| term_no(*n, zh);
        match self {
            StartElection { term, retry: false } => format!(
                "超时未收到领导者的消息：成为{}的候选人，投票给自己并向其他节点请求投票",
                t(term)
            ),
            StartElection { term, retry: true } => format!(
                "作为候选人超时：上一任期无人胜出（可能是{}），于是开始{}并重新请求投票",
                Term::SplitVote.zh(),
                t(term)
            ),
            StartPreVote { term } => format!(
                "超时：先发起{}，询问自己能否赢得{}，暂不增加任期",
                Term::PreVote.zh(),
                t(term)
            ),
            PreVoteWon { term, votes } => format!(
                "赢得预投票（{}）：正式竞选{}",
                list(names, votes, zh),
                t(term)
            ),
            BecameLeader { term, votes } => format!(
                "获得多数票（{}），赢得{}的选举：成为领导者并开始发送心跳",
                list(names, votes, zh),
                t(term)
            ),
            HigherTerm { from, term, old_term, was: Role::Follower } => format!(
                "从 {} 看到{}（比自己的{}新）：采用{}，此任期尚未投票",
                nm(from),
                t(term),
                t(old_term),
                t(term)
            ),
            HigherTerm { from, term, old_term, was } => format!(
                "从 {} 看到{}（比自己的{}新）：采用该任期，并从{}{}",
                nm(from),
                t(term),
                t(old_term),
                was.name_zh(),
                Term::StepDown.zh()
            ),
            AcceptedLeader { leader, term } => format!(
                "收到{}的领导者 {} 的消息：停止竞选，成为跟随者",
                t(term),
                nm(leader)
            ),
            VoteGranted { candidate, term, pre_vote, unsafe_skip } => {
                let what = if *pre_vote { "预投票" } else { "选票" };
                if *unsafe_skip {
                    format!(
                        "把{}的{what}投给了 {}，但没有检查对方日志是否足够新——不安全的教学开关",
                        t(term),
                        nm(candidate)
                    )
                } else {
                    format!(
                        "把{}的{what}投给 {}：它尚未投给别人，且候选人的日志至少和自己一样新",
                        t(term),
                        nm(candidate)
                    )
                }
            }
            VoteDenied { candidate, term, pre_vote, why } => {
                let what = if *pre_vote { "预投票" } else { "选票" };
                let reason = match why {
                    VoteDenial::StaleTerm { mine } => {
                        format!("请求所属的{}比自己的{}旧", t(term), t(mine))
                    }
                    VoteDenial::AlreadyVoted { voted_for } => {
                        format!("它在{}已经投票给了 {}", t(term), nm(voted_for))
                    }
                    VoteDenial::LogBehind { their_index, their_term, my_index, my_term } => format!(
                        "候选人的日志（最后一个条目：索引 {their_index}，{}）落后于自己的日志（最后一个条目：索引 {my_index}，{}）",
                        t(their_term),
                        t(my_term)
                    ),
                    VoteDenial::LeaderAlive { leader } => format!(
                        "它在不到一个选举超时之前刚收到领导者 {} 的消息",
                        nm(leader)
                    ),
                };
                format!("拒绝把{}的{what}投给 {}：{reason}", t(term), nm(candidate))
            }
            VoteReceived { from, term, granted: true, votes, needed } => format!(
                "获得 {} 在{}的选票：已有 {votes} 票，需要 {needed} 票",
                nm(from),
                t(term)
            ),
            VoteReceived { from, term, granted: false, votes, needed } => format!(
                "被 {} 拒绝了{}的选票：仍是 {votes} 票，需要 {needed} 票",
                nm(from),
                t(term)
            ),
            AppendRejected { leader, why } => {
                let reason = match why {
                    AppendDenial::StaleTerm { mine } => {
                        format!("自己的{}比发送者的任期新", t(mine))
                    }
                    AppendDenial::Missing { prev_log_index, last_index } => format!(
                        "索引 {prev_log_index} 处没有条目（日志只到 {last_index}）"
                    ),
                    AppendDenial::TermMismatch { prev_log_index, prev_log_term, found } => format!(
                        "索引 {prev_log_index} 处条目属于{}，而不是{}",
                        t(found),
                        t(prev_log_term)
                    ),
                };
                format!("拒绝了来自 {} 的 AppendEntries：{reason}", nm(leader))
            }
            Truncated { from_index, count } => {
                format!("从索引 {from_index} 起删除了 {count} 个冲突条目")
            }
            Appended { leader, first, last } if first == last => {
                format!("追加了来自 {} 的条目 {first}", nm(leader))
            }
            Appended { leader, first, last } => {
                format!("追加了来自 {} 的条目 {first} 至 {last}", nm(leader))
            }
            FollowerCommit { commit_index } => format!(
                "把 {} 推进到 {commit_index}：取 {} 与最后一个新条目的索引中较小的一个",
                Term::CommitIndex.zh(),
                Term::LeaderCommit.zh()
            ),
            LeaderCommit { commit_index, replicas } => format!(
                "提交到索引 {commit_index}：{}（{}）已存储该条目，且它属于当前任期",
                Term::Majority.zh(),
                list(names, replicas, zh)
            ),
            OldTermNotCommitted { index, term, current_term } => format!(
                "不能仅靠计数副本来提交索引 {index}：它属于{}，而不是当前的{}",
                t(term),
                t(current_term)
            ),
            UnsafeOldTermCommit { index, term } => format!(
                "仅靠计数副本就提交了属于更早的{}的索引 {index}——不安全的教学开关",
                t(term)
            ),
            Backtrack { follower, rejected, from, to, by } => {
                let f = nm(follower);
                let why = match by {
                    BacktrackBy::OneEntry => String::new(),
                    BacktrackBy::LogEnds { last_index } => {
                        format!("；{f} 的日志只到索引 {last_index}")
                    }
                    BacktrackBy::ConflictTerm { term, first, leader_last: Some(l) } => format!(
                        "；{f} 在该处的条目属于第 {term} 任期（从索引 {first} 开始），自己第 {term} 任期的最后一个条目在索引 {l}"
                    ),
                    BacktrackBy::ConflictTerm { term, first, leader_last: None } => format!(
                        "；{f} 在该处的条目属于第 {term} 任期（从索引 {first} 开始），自己没有这个任期的条目"
                    ),
                    BacktrackBy::Matched { match_index } => {
                        format!("；已知 {f} 的日志与自己一致到 matchIndex {match_index}")
                    }
                };
                format!(
                    "得知 {f} 在索引 {rejected} 处拒绝了自己发出的 AppendEntries{why}：{f} 的 nextIndex {from} → {to}"
                )
            }
            ClientAppended { request, index } => {
                format!("把客户端请求 #{request} 追加到索引 {index}")
            }
            ClientRedirected { request, leader: Some(l) } => format!(
                "不是领导者：把客户端请求 #{request} 重定向到 {}",
                nm(l)
            ),
            ClientRedirected { request, leader: None } => format!(
                "不是领导者，也不知道谁是领导者：无法处理客户端请求 #{request}"
            ),
            ClientCommitted { request, index } => {
                format!("答复客户端请求 #{request}：已在索引 {index} 提交")
            }
            ClientAbandoned { request, index } => format!(
                "在索引 {index} 提交前失去了领导权：请求 #{request} 的结果未知"
            ),
            NoopAppended { index } => format!(
                "为新任期在索引 {index} 追加了一个{}条目",
                Term::Noop.zh()
            ),
            CheckQuorumStepDown { heard, needed, window } => {
                let who = if heard.is_empty() {
                    "没有收到任何其他节点的消息".to_string()
                } else {
                    format!("只收到了 {} 的消息", list(names, heard, zh))
                };
                format!(
                    "进行{}：最近 {} 内{who}（连同自己只有 {} 个，需要 {needed} 个）：{}",
                    Term::CheckQuorum.zh(),
                    fmt_time(*window),
                    heard.len() + 1,
                    Term::StepDown.zh()
                )
            }
            CheckQuorumPassed { heard, .. } if heard.is_empty() => format!(
                "进行{}：它自己就构成多数派：继续担任领导者",
                Term::CheckQuorum.zh()
            ),
            CheckQuorumPassed { heard, needed, window } => format!(
                "进行{}：最近 {} 内收到了 {} 的消息（连同自己 {} 个，不少于所需的 {needed} 个）：继续担任领导者",
                Term::CheckQuorum.zh(),
                fmt_time(*window),
                list(names, heard, zh),
                heard.len() + 1
            ),
            LeaderIgnoresTimeout { term } => {
                format!("是{}的领导者：领导者不会选举超时", t(term))
            }
            StaleReply { from, term, current_term } => format!(
                "忽略了来自 {} 的旧的{}的回复（自己处于{}）",
                nm(from),
                t(term),
                t(current_term)
            ),
        }
    }
}
