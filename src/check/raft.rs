//! Raft invariant checker.
