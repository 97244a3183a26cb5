//! The parsed form of a scenario file. Node references are already resolved to [`NodeId`]s and
//! every protocol-specific item has been checked against the declared protocol.

use super::error::Pos;
use super::units::Cmp;
use crate::core::{Lang, NodeId, Time};
use crate::sim::Action;
use serde::{Deserialize, Serialize};

/// Which protocol a scenario drives (the crate's one [`crate::core::ProtocolKind`]).
pub use crate::core::ProtocolKind;

/// A bilingual text: English always, 简体中文 when a translation is given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub en: String,
    pub zh: Option<String>,
}

impl Text {
    /// The text in `lang`, falling back to English where no translation is given.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => self.zh.as_deref().unwrap_or(&self.en),
            Lang::En => &self.en,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.zh.is_none()
    }
}

/// A protocol option or teaching switch (`option pre-vote`, `unsafe commit-old-terms`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Opt {
    /// Raft: PreVote (thesis §9.6).
    PreVote,
    /// Raft: CheckQuorum (thesis §6.2).
    CheckQuorum,
    /// Raft: a new leader appends a no-op of its term (§8).
    NoopOnElection,
    /// Raft: fast log backtracking (§5.3).
    FastBacktrack,
    /// Raft, UNSAFE: grant votes without the §5.4.1 up-to-date check.
    UnsafeVoteWithoutLogCheck,
    /// Raft, UNSAFE: commit entries of earlier terms by counting replicas (ignores §5.4.2).
    UnsafeCommitOldTerms,
    /// Paxos, UNSAFE: an acceptor forgets its promise when it restarts.
    UnsafeForgetPromise,
    /// Paxos: Multi-Paxos (a log of slots with a stable leader, §3) instead of single-decree.
    MultiPaxos,
    /// Paxos: acceptors answer a Prepare or Accept they ignore with a NACK (on by default).
    Nacks,
    /// Paxos: randomised backoff before a retry (on by default; off lets proposers duel).
    Backoff,
    /// Both: simulated clients follow redirects to the leader (on by default).
    FollowRedirects,
    /// Paxos, UNSAFE: an acceptor forgets its promise and what it accepted when it restarts.
    UnsafeAmnesia,
}

impl Opt {
    /// `(keyword, is_unsafe, protocol or None for both)`.
    pub const ALL: &'static [(Opt, &'static str, bool, Option<ProtocolKind>)] = &[
        (Opt::PreVote, "pre-vote", false, Some(ProtocolKind::Raft)),
        (
            Opt::CheckQuorum,
            "check-quorum",
            false,
            Some(ProtocolKind::Raft),
        ),
        (
            Opt::NoopOnElection,
            "noop-on-election",
            false,
            Some(ProtocolKind::Raft),
        ),
        (
            Opt::FastBacktrack,
            "fast-backtrack",
            false,
            Some(ProtocolKind::Raft),
        ),
        (Opt::FollowRedirects, "follow-redirects", false, None),
        (
            Opt::MultiPaxos,
            "multi-paxos",
            false,
            Some(ProtocolKind::Paxos),
        ),
        (Opt::Nacks, "nacks", false, Some(ProtocolKind::Paxos)),
        (Opt::Backoff, "backoff", false, Some(ProtocolKind::Paxos)),
        (
            Opt::UnsafeVoteWithoutLogCheck,
            "vote-without-log-check",
            true,
            Some(ProtocolKind::Raft),
        ),
        (
            Opt::UnsafeCommitOldTerms,
            "commit-old-terms",
            true,
            Some(ProtocolKind::Raft),
        ),
        (
            Opt::UnsafeForgetPromise,
            "forget-promise",
            true,
            Some(ProtocolKind::Paxos),
        ),
        (
            Opt::UnsafeAmnesia,
            "amnesia",
            true,
            Some(ProtocolKind::Paxos),
        ),
    ];

    pub fn keyword(self) -> &'static str {
        Opt::ALL
            .iter()
            .find(|(o, ..)| *o == self)
            .map_or("?", |(_, k, ..)| k)
    }
}

/// Timing and network settings of the header. `None` means the protocol's default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    /// Raft: election timeouts are drawn from this range (§5.2).
    pub election_timeout: Option<(Time, Time)>,
    /// Raft, and the Multi-Paxos leader: the heartbeat interval.
    pub heartbeat: Option<Time>,
    /// Paxos: how long a proposer waits before it retries with a higher ballot.
    pub retry_timeout: Option<(Time, Time)>,
    /// Raft: the most entries one AppendEntries may carry (`max-entries`).
    #[serde(default)]
    pub max_entries: Option<usize>,
    pub latency: Option<(Time, Time)>,
    pub loss: Option<f64>,
    pub duplicate: Option<f64>,
    pub reorder: Option<f64>,
}

/// A Paxos ballot (proposal number) as written: `3.n1` is round 3 of proposer n1; a bare `3`
/// matches round 3 of any proposer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotLit {
    pub round: u64,
    pub node: Option<NodeId>,
}

/// A log entry in an initial state or an expectation: its term and, optionally, its command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLit {
    pub term: u64,
    pub value: Option<String>,
}

/// What a Paxos node does. One node may play several roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaxosRole {
    Proposer,
    Acceptor,
    Learner,
}

/// One item of a node's initial state (`state n1 term 3 vote n2 log 1 1 2`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum InitItem {
    /// Raft: `current_term`.
    Term(u64),
    /// Raft: `voted_for`.
    Vote(Option<NodeId>),
    /// Raft: the log, entry by entry.
    Log(Vec<EntryLit>),
    /// Paxos: the highest ballot promised.
    Promised(BallotLit),
    /// Paxos: the proposal accepted in a slot (0 for single-decree Paxos).
    Accepted {
        slot: u64,
        ballot: BallotLit,
        value: String,
    },
    /// Paxos: a value the node knows to be chosen in a slot.
    Learned { slot: u64, value: String },
    /// Paxos: the highest ballot the proposer has used.
    Ballot(BallotLit),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InitState {
    pub pos: Pos,
    pub node: NodeId,
    pub items: Vec<(Pos, InitItem)>,
}

/// Which message(s) `drop`, `hold` and `deliver` act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MsgSel {
    /// The message with this id (as shown in the timeline: `(#12)`).
    Id(u64),
    /// In-flight messages from → to of a kind (`None` = any). Without `all`, the one due first.
    Match {
        all: bool,
        from: Option<NodeId>,
        to: Option<NodeId>,
        kind: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MsgOp {
    Drop,
    Hold,
    Deliver,
}

/// Something done to the cluster: a simulator action, or one the scenario resolves when it
/// runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Act {
    /// One action, named by its verb ([`crate::sim::action::Verb`]): `crash n1`,
    /// `cut n1 -> n2`, `loss 10%`.
    Sim(Action),
    /// `cut A <-> B` (`cut: true`) or `restore A <-> B`: the link both ways, `a → b` first.
    BothWays { cut: bool, a: NodeId, b: NodeId },
    /// `drop`, `hold` or `deliver` by selector: the messages in flight it matches when the
    /// line runs.
    Message(MsgOp, MsgSel),
}

/// What a node is, for `n1 is leader` and the like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NodeIs {
    Leader,
    Candidate,
    PreCandidate,
    Follower,
    /// Paxos: the proposer side runs no ballot.
    Idle,
    /// Paxos: in phase 1 (Prepare sent, collecting promises).
    Preparing,
    /// Paxos: in phase 2 (a majority promised; Accepts sent). In Multi-Paxos this is the
    /// leader.
    Proposing,
    /// Paxos: a learner running phase 1 itself to find the chosen value (§2.3).
    Reading,
    Up,
    Crashed,
    Paused,
}

impl NodeIs {
    /// `(what, keyword, protocol or None for both)`.
    pub const ALL: &'static [(NodeIs, &'static str, Option<ProtocolKind>)] = &[
        (NodeIs::Leader, "leader", None),
        (NodeIs::Candidate, "candidate", Some(ProtocolKind::Raft)),
        (
            NodeIs::PreCandidate,
            "pre-candidate",
            Some(ProtocolKind::Raft),
        ),
        (NodeIs::Follower, "follower", Some(ProtocolKind::Raft)),
        (NodeIs::Idle, "idle", Some(ProtocolKind::Paxos)),
        (NodeIs::Preparing, "preparing", Some(ProtocolKind::Paxos)),
        (NodeIs::Proposing, "proposing", Some(ProtocolKind::Paxos)),
        (NodeIs::Reading, "reading", Some(ProtocolKind::Paxos)),
        (NodeIs::Up, "up", None),
        (NodeIs::Crashed, "crashed", None),
        (NodeIs::Paused, "paused", None),
    ];

    pub fn keyword(self) -> &'static str {
        NodeIs::ALL
            .iter()
            .find(|(k, ..)| *k == self)
            .map_or("?", |(_, w, _)| w)
    }

    /// Whether this is a protocol role (rather than a run status).
    pub fn is_role(self) -> bool {
        !matches!(self, NodeIs::Up | NodeIs::Crashed | NodeIs::Paused)
    }
}

/// What became of a client request, as far as its client knows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReqIs {
    /// Raft: committed and acknowledged, optionally at this log index (§5.3).
    Committed(Option<u64>),
    /// Paxos: the client's value was chosen, optionally in this Multi-Paxos slot.
    Chosen(Option<u64>),
    /// Paxos: another value was chosen instead, optionally in this slot and optionally this
    /// value (P2c can force a proposer to propose someone else's value).
    Lost {
        slot: Option<u64>,
        to: Option<String>,
    },
    /// Refused: the node knew no leader, or the client stopped following redirects.
    Refused,
    /// No answer will come: the node was down, or lost leadership first. The command may
    /// still be committed (or chosen) by a later leader.
    Unknown,
    /// No answer yet.
    Pending,
    /// The client was redirected exactly this many times.
    Redirects(u64),
}

/// A statement about the cluster: checked by `expect`, waited for by `run until` and `when`,
/// and forbidden by `never`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Pred {
    Not(Box<Pred>),
    /// Raft: one leader that every up node follows at its term, equal logs and commit indexes.
    /// Paxos: every up learner has learned the chosen value(s).
    Stable,
    /// Some up node (or this one) is leader (at this term).
    Leader {
        node: Option<NodeId>,
        term: Option<u64>,
    },
    Is {
        node: NodeId,
        what: NodeIs,
    },
    /// Raft: `current_term`.
    Term {
        node: NodeId,
        cmp: Cmp,
        value: u64,
    },
    /// Raft: `voted_for`.
    Vote {
        node: NodeId,
        vote: Option<NodeId>,
    },
    /// Raft: whom the node believes is leader (`leader_id`).
    Follows {
        node: NodeId,
        leader: Option<NodeId>,
    },
    /// Raft: the node's log, entry terms index by index.
    Log {
        node: NodeId,
        entries: Vec<EntryLit>,
    },
    /// Raft: `commit_index`.
    Commit {
        node: NodeId,
        cmp: Cmp,
        value: u64,
    },
    /// Paxos: the highest ballot the acceptor promised (`None`: none yet).
    Promised {
        node: NodeId,
        ballot: Option<BallotLit>,
    },
    /// Paxos: the proposal the acceptor accepted in a slot (`None`: none yet).
    Accepted {
        node: NodeId,
        slot: Option<u64>,
        accepted: Option<(BallotLit, Option<String>)>,
    },
    /// Paxos: the ballot the node's proposer side is working on (`None`: idle).
    Ballot {
        node: NodeId,
        ballot: Option<BallotLit>,
    },
    /// Paxos: the value chosen (a majority of acceptors accepted it); `None`: nothing chosen.
    Chosen {
        slot: Option<u64>,
        value: Option<String>,
    },
    /// Paxos: the value the node's proposer side is asking the acceptors to accept in phase 2
    /// (the one P2c dictates), in the slot (default 0); `None`: it proposes nothing there.
    Proposes {
        node: NodeId,
        slot: Option<u64>,
        value: Option<String>,
    },
    /// Paxos: what the node has learned.
    Learned {
        node: NodeId,
        slot: Option<u64>,
        value: Option<String>,
    },
    /// A client request, named by its value.
    Request {
        value: String,
        is: ReqIs,
    },
    /// The invariant checker reported a violation of this invariant.
    Violation(String),
    /// How many messages nodes sent since the step began: from → to (`None` = any node), of a
    /// kind (`None` = any), and with this answer (`Some(false)`: a refusal such as a rejected
    /// AppendEntries or a denied vote; `Some(true)`: a yes; `None`: any). Only in `expect`.
    Sent {
        route: Route,
        answer: Option<bool>,
        cmp: Cmp,
        count: u64,
    },
}

/// Which messages a condition on messages counts: `f -> L AppendEntriesReply`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    pub from: Option<NodeId>,
    pub to: Option<NodeId>,
    pub kind: Option<String>,
}

/// One line of a step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CommandKind {
    /// Do it now.
    Do(Act),
    /// Run until this time (since the start of the run), then do it.
    At(Time, Act),
    /// Run for this long, then do it.
    After(Time, Act),
    /// Run until the condition holds (at most `within`), then do it.
    When {
        pred: Pred,
        within: Option<Time>,
        act: Act,
    },
    /// Run for this long.
    Run(Time),
    /// Run until the condition holds (at most `within`).
    RunUntil { pred: Pred, within: Option<Time> },
    /// The condition must hold now.
    Expect(Pred),
    /// The condition must not hold after any later event, to the end of the run.
    Never(Pred),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Command {
    pub pos: Pos,
    /// The command as written (without comment), for reports.
    pub source: String,
    pub kind: CommandKind,
}

/// A step: a caption and what happens while it is shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub pos: Pos,
    pub caption: Text,
    pub commands: Vec<Command>,
}

/// A whole scenario file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// The file name given to the parser; used in every message.
    pub file: String,
    pub title: Text,
    pub about: Text,
    pub protocol: ProtocolKind,
    pub names: Vec<String>,
    pub seed: u64,
    pub timing: Timing,
    /// Options and switches in the order written; the last word on one option wins.
    pub options: Vec<(Pos, Opt, bool)>,
    pub initial: Vec<InitState>,
    /// Paxos: the roles of nodes that do not play all three (`roles n4 learner`).
    pub roles: Vec<(Pos, NodeId, Vec<PaxosRole>)>,
    /// `never` lines of the header: they hold from the start.
    pub never: Vec<Command>,
    pub steps: Vec<Step>,
}

impl Scenario {
    /// Whether `opt` ends up on.
    pub fn option(&self, opt: Opt) -> Option<bool> {
        self.options
            .iter()
            .rev()
            .find(|(_, o, _)| *o == opt)
            .map(|(_, _, on)| *on)
    }

    /// How many `expect` lines the scenario has.
    pub fn expectation_count(&self) -> usize {
        self.steps
            .iter()
            .flat_map(|s| &s.commands)
            .filter(|c| matches!(c.kind, CommandKind::Expect(_)))
            .count()
    }
}
