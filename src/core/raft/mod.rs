//! Raft, as in the extended paper's Figure 2, with optional PreVote, CheckQuorum, a leader's
//! no-op and fast backtracking, plus two deliberately unsafe teaching switches.

pub mod config;
pub mod log;
pub mod message;
pub mod node;
pub mod note;
pub mod progress;
pub mod role;

pub use config::{RaftBug, RaftConfig};
pub use log::{Command, Entry, LogMark, RaftDurable};
pub use message::{ConflictHint, RaftMsg};
pub use node::{RaftNode, RaftTimer};
pub use note::{AppendDenial, BacktrackBy, RaftNote, VoteDenial};
pub use progress::Progress;
pub use role::Role;
