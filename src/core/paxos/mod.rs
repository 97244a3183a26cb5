//! Paxos, as in Paxos Made Simple: single-decree Paxos (§2) and Multi-Paxos (§3) on one
//! sans-I/O node type, [`PaxosNode`], which plays any mix of proposer, acceptor and learner.
//!
//! - `ballot`: unique, totally ordered proposal numbers `(round, proposer)`.
//! - `config`: roles, NACKs, backoff, timeouts, Multi-Paxos, the unsafe teaching switch.
//! - `message`: Prepare/Promise/Accept/Accepted (phases 1a–2b), Nack, Chosen, Heartbeat,
//!   CatchUp; the timers.
//! - `durable`: what survives a crash (promise, accepted proposals, last ballot, chosen values).
//! - `acceptor`, `proposer`, `learner`, `leader`: the roles' rules.
//! - `node`: the node and its [`crate::core::Protocol`] implementation.
//! - `note`, `note_en`, `note_zh`: explanations citing the rules, in English and Chinese.

pub mod acceptor;
pub mod ballot;
pub mod config;
pub mod durable;
pub mod leader;
pub mod learner;
pub mod message;
pub mod node;
pub mod note;
mod note_en;
mod note_zh;
pub mod proposer;

pub use ballot::Ballot;
pub use config::{Forget, PaxosBug, PaxosConfig, Roles};
pub use durable::PaxosDurable;
pub use message::{PaxosMsg, PaxosTimer, Proposal, Value, NOOP};
pub use node::{Outstanding, PaxosNode, PaxosOutput, Phase, Votes};
pub use note::{How, IdleReason, PaxosNote, StepDownCause, Why};
