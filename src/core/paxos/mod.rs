//! Paxos.
