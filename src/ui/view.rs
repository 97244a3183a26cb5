//! What the panels draw: plain data, independent of any protocol. A protocol adapter fills it
//! from a simulator; the components only read it. No protocol logic lives here.

/// A node's role as the ring shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Leader,
    Candidate,
    /// Asking whether it could win before starting an election (Raft PreVote).
    PreCandidate,
    Follower,
}

/// Whether a node is running (mirrors the simulator's status).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Liveness {
    Up,
    Crashed,
    Paused,
}

/// One node, as drawn on the ring and in the logs panel.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    pub name: String,
    pub role: Role,
    pub liveness: Liveness,
    pub term: u64,
    /// Short labels of the log entries, oldest first (e.g. `t2 x=1`).
    pub log: Vec<String>,
    /// How many entries of `log` are committed.
    pub commit: usize,
}

/// A message on the wire, drawn as a dot travelling from `from` to `to`.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageView {
    pub id: u64,
    pub from: usize,
    pub to: usize,
    /// The message type, e.g. "AppendEntries".
    pub kind: String,
    /// How far along its way it is, in `0.0..=1.0`.
    pub progress: f64,
}

/// The state of one invariant checker.
#[derive(Clone, Debug, PartialEq)]
pub struct InvariantView {
    pub name: String,
    /// `None` while it holds; the violation's detail otherwise.
    pub violation: Option<String>,
}

/// Everything the panels draw at one moment of a run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterView {
    pub nodes: Vec<NodeView>,
    pub messages: Vec<MessageView>,
    /// The newest events, newest last, already rendered in the interface language.
    pub events: Vec<String>,
    pub invariants: Vec<InvariantView>,
    /// Virtual time, formatted.
    pub time: String,
    pub event_count: u64,
    pub seed: u64,
}
