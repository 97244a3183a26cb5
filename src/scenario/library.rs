//! Every scenario of `scenarios/`, embedded, so the browser can offer them without a file
//! system. `tests/scenario_library.rs` checks that this list matches the directory.

/// `(file name, text)` of every scenario, in teaching order.
pub const LIBRARY: &[(&str, &str)] = &[
    (
        "raft-first-election.scn",
        include_str!("../../scenarios/raft-first-election.scn"),
    ),
    (
        "raft-leader-crash.scn",
        include_str!("../../scenarios/raft-leader-crash.scn"),
    ),
    (
        "raft-split-vote.scn",
        include_str!("../../scenarios/raft-split-vote.scn"),
    ),
    (
        "raft-follow-the-leader.scn",
        include_str!("../../scenarios/raft-follow-the-leader.scn"),
    ),
    (
        "raft-minority-leader.scn",
        include_str!("../../scenarios/raft-minority-leader.scn"),
    ),
    (
        "raft-paused-leader-check-quorum.scn",
        include_str!("../../scenarios/raft-paused-leader-check-quorum.scn"),
    ),
    (
        "raft-etcd-flapping.scn",
        include_str!("../../scenarios/raft-etcd-flapping.scn"),
    ),
    (
        "raft-etcd-calm.scn",
        include_str!("../../scenarios/raft-etcd-calm.scn"),
    ),
    (
        "raft-figure7.scn",
        include_str!("../../scenarios/raft-figure7.scn"),
    ),
    (
        "raft-figure7-fast-backtrack.scn",
        include_str!("../../scenarios/raft-figure7-fast-backtrack.scn"),
    ),
    (
        "raft-figure8.scn",
        include_str!("../../scenarios/raft-figure8.scn"),
    ),
    (
        "raft-unsafe-commit-old-terms.scn",
        include_str!("../../scenarios/raft-unsafe-commit-old-terms.scn"),
    ),
    (
        "raft-unsafe-vote-without-log-check.scn",
        include_str!("../../scenarios/raft-unsafe-vote-without-log-check.scn"),
    ),
    (
        "paxos-basic.scn",
        include_str!("../../scenarios/paxos-basic.scn"),
    ),
    (
        "paxos-learner-phase1.scn",
        include_str!("../../scenarios/paxos-learner-phase1.scn"),
    ),
    (
        "paxos-multi-implicit-promise.scn",
        include_str!("../../scenarios/paxos-multi-implicit-promise.scn"),
    ),
    (
        "paxos-duelling-proposers.scn",
        include_str!("../../scenarios/paxos-duelling-proposers.scn"),
    ),
    (
        "paxos-duelling-backoff.scn",
        include_str!("../../scenarios/paxos-duelling-backoff.scn"),
    ),
    (
        "paxos-unsafe-forget-promise.scn",
        include_str!("../../scenarios/paxos-unsafe-forget-promise.scn"),
    ),
];

/// `(file name, text)` of every scenario in `scenarios/`, in teaching order.
pub fn library() -> &'static [(&'static str, &'static str)] {
    LIBRARY
}
