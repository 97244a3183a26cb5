//! Raft (extended paper, Figure 2).
