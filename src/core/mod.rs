//! Sans-I/O protocol cores: pure state machines that never read a clock, use no global
//! randomness and do no I/O.

#![warn(missing_docs)]

pub mod fixed;
pub mod kind;
pub mod outbox;
pub mod paxos;
pub mod protocol;
pub mod raft;
pub mod types;
pub mod vecmap;

pub use fixed::Fixed;
pub use kind::{ProtocolKind, UnknownProtocol};
pub use protocol::{Describe, Explain, Output, Protocol};
pub use types::*;
