//! The randomised fault campaign for Paxos (`quorumscope explore --protocol paxos`): every seed
//! draws its cluster (3 to 7 nodes, single-decree or Multi-Paxos, roles, timers, a history on
//! disk) and its fault mix; every invariant is checked after every event; then the cluster is
//! healed and must recover.
//!
//! `cargo test --release --test paxos_campaign` runs a CI-sized budget. The full budget:
//! `cargo run --release --bin quorumscope -- explore --protocol paxos --seeds 10000`. A failure
//! prints its seed and the one command that reproduces it.

use quorumscope::core::paxos::PaxosNode;
use quorumscope::explore::{self, Options};

mod campaign_common;

use campaign_common::{assert_clean, seeds};

#[test]
fn campaign_safe_and_live() {
    let mut opts = Options::new("paxos");
    opts.seeds = seeds(if cfg!(debug_assertions) { 150 } else { 1_000 });
    assert_clean::<PaxosNode>(&opts, 300);
}

/// The swarm is not one cluster: seeds draw every size of [`explore::paxos::CLUSTER_SIZES`],
/// both modes, and every kind of fault of the Paxos table; `--nodes` fixes the size.
#[test]
fn seeds_draw_cluster_sizes_modes_and_every_fault() {
    use quorumscope::explore::Fault;
    use std::collections::BTreeSet;
    let opts = Options::new("paxos");
    let (mut sizes, mut multi, mut faults) = (BTreeSet::new(), 0, BTreeSet::new());
    for seed in 1..=300 {
        let (setup, mix, _) = explore::plan::<PaxosNode>(&opts, seed).expect("plan");
        sizes.insert(setup.names.len());
        multi += usize::from(setup.config.multi);
        for &(f, name) in Fault::ALL {
            if mix.rate(f) > 0.0 {
                faults.insert(name);
            }
        }
    }
    assert_eq!(sizes, BTreeSet::from([3, 4, 5, 7]));
    assert!(
        (100..200).contains(&multi),
        "{multi} of 300 seeds run Multi-Paxos"
    );
    assert_eq!(faults.len(), Fault::ALL.len(), "{faults:?}");
    let fixed = Options {
        nodes: Some(6),
        ..Options::new("paxos")
    };
    for seed in 1..=20 {
        let (setup, _, _) = explore::plan::<PaxosNode>(&fixed, seed).expect("plan");
        assert_eq!(setup.names.len(), 6);
    }
}

/// Seeds vary more than faults: roles, timers and a history on disk are drawn per seed, and
/// every history is one Paxos can leave behind (at most one value chosen per slot, learners
/// know only chosen values, proposers remember the ballots they used).
#[test]
fn seeds_draw_roles_timers_and_legal_histories_on_disk() {
    use quorumscope::core::paxos::PaxosNode;
    use quorumscope::explore::{self, Options};
    let opts = Options::new("paxos");
    let (mut roles, mut disks) = (0, 0);
    for seed in 1..=300 {
        let (setup, _, _) = explore::plan::<PaxosNode>(&opts, seed).expect("plan");
        let c = &setup.config;
        let n = setup.names.len();
        assert!(c.validate(n).is_ok());
        assert!(c.retry_min >= 4 * setup.net.latency_max);
        roles += usize::from(!c.roles.is_empty());
        let d = &setup.durable;
        disks += usize::from(d.iter().any(|d| !d.accepted.is_empty()));
        for (i, a) in d.iter().enumerate() {
            for (&slot, v) in &a.chosen {
                let votes = d
                    .iter()
                    .enumerate()
                    .filter(|(j, b)| {
                        c.roles_of(*j).acceptor && b.accepted.get(&slot).map(|(_, x)| x) == Some(v)
                    })
                    .count();
                assert!(c.roles_of(i).learner);
                assert!(
                    votes >= c.quorum(n),
                    "seed {seed}: a learner knows an unchosen value"
                );
            }
            for (b, _) in a.accepted.values() {
                assert!(*b <= a.promised);
                assert!(d[b.proposer].ballot >= *b, "the proposer remembers {b:?}");
            }
        }
    }
    assert!(
        (40..150).contains(&roles),
        "{roles} of 300 seeds draw roles"
    );
    assert!(
        (30..150).contains(&disks),
        "{disks} of 300 seeds boot from disk"
    );
}
