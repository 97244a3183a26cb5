//! Paxos invariant checker (see issue: Paxos core).
