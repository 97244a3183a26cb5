//! The deterministic cluster simulator.

#![warn(missing_docs)]

pub mod action;
pub mod network;
pub mod render;
pub mod reply;
pub mod simulator;
pub mod tape;
pub mod trace;

pub use action::{Action, Recorded};
pub use network::{NetConfig, Topology};
pub use simulator::{
    InFlight, RequestRecord, Setup, SimState, Simulator, Slot, Snapshot, Status, Step,
};
pub use tape::Trace;
pub use trace::{trace_hash, DropReason, Firing, NetChange, TimersChange, TraceEvent, TraceKind};
