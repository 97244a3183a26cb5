//! QuorumScope: a deterministic, invariant-checked Raft and Paxos simulator for teaching.
//!
//! - [`core`]: sans-I/O protocol state machines (Raft, Paxos). No clock, no randomness, no I/O.
//! - [`sim`]: the one deterministic simulator that drives them (virtual time, seeded network,
//!   faults, a typed trace, snapshots).
//! - [`check`]: invariant checkers that run after every event.
//! - [`glossary`]: the one table of terms, English ↔ 简体中文, that every layer prints.
#![forbid(unsafe_code)]

pub mod check;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod core;
pub mod explore;
pub mod glossary;
pub mod limits;
pub mod scenario;
pub mod sim;
#[cfg(feature = "ui")]
pub mod ui;
pub mod viz;
