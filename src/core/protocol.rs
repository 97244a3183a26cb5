//! The contract between a sans-I/O protocol node and whatever drives it (the simulator, a
//! stateright model, a test). Inputs go in through `handle_*`; outputs come out of
//! `poll_output`, in the style of quinn-proto and str0m.

use super::types::{ClientReply, ClientRequest, Delay, Lang, Names, NodeId, Time};
use crate::glossary::Term;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt::Debug;

/// Something a node wants done, or wants shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Output<M, T, N> {
    /// Send `msg` to node `to`.
    Send {
        /// The receiver.
        to: NodeId,
        /// The message.
        msg: M,
    },
    /// (Re)arm `timer`: it fires once after `after`, replacing any earlier setting.
    SetTimer {
        /// Which timer.
        timer: T,
        /// When it fires.
        after: Delay,
    },
    /// Disarm `timer`.
    CancelTimer {
        /// Which timer.
        timer: T,
    },
    /// A decision worth showing, with the rule it follows.
    Note(N),
    /// Answer a client.
    Reply(ClientReply),
}

/// An explanation of one decision, renderable in either interface language.
pub trait Explain {
    /// The sentence, starting with the deciding node's name, e.g.
    /// "n3 rejected AppendEntries from n1: no entry at index 4 (§5.3)".
    fn render(&self, me: NodeId, names: &Names, lang: Lang) -> String;
    /// The rule cited, e.g. "§5.3" or "P2c".
    fn rule(&self) -> &'static str;
}

/// What the UI and the CLI may ask of any message.
pub trait Describe {
    /// The message type, e.g. "AppendEntries", "Promise".
    fn kind(&self) -> &'static str;
    /// A short one-line label, e.g. "AE t3 [4..5] c2".
    fn summary(&self) -> String;
    /// The summary as the feed prints it, where the nodes' names are known (a Paxos ballot
    /// shows its proposer, "Prepare 1.n1", as the captions write it). Defaults to
    /// [`Describe::summary`].
    fn label(&self, names: &Names) -> String {
        let _ = names;
        self.summary()
    }
    /// `Some(true)` for a positive reply (vote granted, append succeeded, promise),
    /// `Some(false)` for a negative one, `None` for a request.
    fn outcome(&self) -> Option<bool>;
}

/// A protocol node as a pure state machine.
pub trait Protocol: Clone + Debug + PartialEq + Serialize + DeserializeOwned + 'static {
    /// Cluster-wide options (timeouts, optional features, unsafe teaching switches).
    type Config: Clone + Debug + Default + PartialEq + Serialize + DeserializeOwned;
    /// The messages nodes send one another.
    type Msg: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Describe;
    /// The timers a node arms (each node has at most one running of each).
    type Timer: Copy + Ord + Debug + Serialize + DeserializeOwned;
    /// What survives a crash (the node's "disk").
    type Durable: Clone + Debug + Default + PartialEq + Serialize + DeserializeOwned;
    /// The decisions a node explains (each renders as one sentence, citing its rule).
    type Note: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Explain;

    /// The protocol's name: "raft", "paxos", or a protocol of your own's.
    const NAME: &'static str;
    /// Which of the built-in protocols this is (`None` for a protocol of your own): the
    /// simulator's text picks its words by it (a Paxos client hears "chosen", not "committed").
    const BUILT_IN: Option<crate::core::ProtocolKind> = None;
    /// The timer a user "forces" (Raft: the election timeout; Paxos: the proposer's retry),
    /// and the one that "align timers" / "spread timers" re-arm.
    const TIMEOUT_TIMER: Self::Timer;

    /// A node `id` of an `n`-node cluster booting (or rebooting after a crash) from `durable`.
    /// Volatile state starts empty. Call [`Protocol::start`] next.
    fn recover(id: NodeId, n: usize, config: &Self::Config, durable: Self::Durable) -> Self;
    /// The node's first act after (re)booting, typically arming timers.
    fn start(&mut self, now: Time);
    /// A message from node `from` arrives.
    fn handle_message(&mut self, now: Time, from: NodeId, msg: Self::Msg);
    /// The armed `timer` fires.
    fn handle_timer(&mut self, now: Time, timer: Self::Timer);
    /// A client's request arrives.
    fn handle_client(&mut self, now: Time, request: ClientRequest);
    /// The next output, oldest first.
    fn poll_output(&mut self) -> Option<Output<Self::Msg, Self::Timer, Self::Note>>;
    /// The durable state, as it stands now (it is persisted before any message is sent).
    fn durable(&self) -> &Self::Durable;
    /// This node's id.
    fn id(&self) -> NodeId;
    /// The glossary's name for `timer` at this node as it is now, recorded in the trace when
    /// it fires: the same timer can mean different things by role (a Raft leader's election
    /// timer runs its CheckQuorum check, thesis §6.2).
    fn timer_term(&self, timer: Self::Timer) -> Term;
}
