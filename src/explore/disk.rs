//! Starting states on disk for the fault campaign: each one is what a short, legal history
//! left behind (so the checkers, which take the boot state as given, see a state the protocol
//! can really be in), drawn per seed.

use crate::core::majority;
use crate::core::paxos::{Ballot, PaxosConfig, PaxosDurable};
use crate::core::raft::{Entry, RaftDurable};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// A random subset of `from` with at least `min` members (all of them if there are fewer).
fn subset(rng: &mut ChaCha8Rng, from: &[usize], min: usize) -> Vec<usize> {
    let mut all = from.to_vec();
    all.shuffle(rng);
    let size = rng.random_range(min.min(all.len())..=all.len());
    all.truncate(size);
    all.sort_unstable();
    all
}

/// One to three Raft terms, each an election and some replication:
/// - a majority votes for its member with the most up-to-date log (§5.4.1), and takes the
///   term;
/// - the leader appends up to three entries of its term ("d<index>.<term>", so that two logs
///   share an index and term only when they share the entry, as Log Matching needs);
/// - some followers take AppendEntries from it: a follower keeps the prefix it shares with the
///   leader, drops its first conflicting entry and all that follow (§5.3), and takes the
///   leader's entries up to some point past that prefix.
pub fn raft(rng: &mut ChaCha8Rng, n: usize) -> Vec<RaftDurable> {
    let mut d = vec![RaftDurable::default(); n];
    let ids: Vec<usize> = (0..n).collect();
    for term in 1..=rng.random_range(1..=3u64) {
        let voters = subset(rng, &ids, majority(n));
        let Some(&leader) = voters
            .iter()
            .max_by_key(|&&i| (d[i].last_term(), d[i].last_index()))
        else {
            continue;
        };
        for &v in &voters {
            d[v].current_term = term;
            d[v].voted_for = Some(leader);
        }
        for _ in 0..rng.random_range(0..=3) {
            let index = d[leader].log().len() + 1;
            d[leader].push(Entry::value(term, format!("d{index}.{term}")));
        }
        let log = d[leader].log().to_vec();
        let others: Vec<usize> = ids.iter().copied().filter(|&i| i != leader).collect();
        for f in subset(rng, &others, 0) {
            let common = d[f]
                .log()
                .iter()
                .zip(&log)
                .take_while(|(a, b)| a.term == b.term)
                .count();
            let lagging = d[f].log().len() == common;
            if common == log.len() && !lagging {
                continue; // its log runs past the leader's with nothing to fix yet
            }
            let from = if lagging { common } else { common + 1 };
            let upto = rng.random_range(from..=log.len());
            if upto > common || !lagging {
                d[f].set_log(log[..upto].to_vec());
            }
            if d[f].current_term < term {
                d[f].current_term = term;
                d[f].voted_for = None;
            }
        }
    }
    d
}

/// One to three Paxos ballots (rounds 1, 2, 3 by random proposers), in slot 0, or in slots
/// 0 to 2 for Multi-Paxos:
/// - some acceptors promise the ballot (phase 1b);
/// - if a majority of the acceptors promised, the proposer may send Accepts: in each slot the
///   value of the highest proposal those promises reported, or a new value (P2c), and some
///   acceptors accept it;
/// - a value accepted by a majority of acceptors is chosen, and some learners know it.
///
/// Each proposer remembers the highest ballot it used (§2.5), so it never reuses one.
pub fn paxos(rng: &mut ChaCha8Rng, config: &PaxosConfig, n: usize) -> Vec<PaxosDurable> {
    let mut d = vec![PaxosDurable::default(); n];
    let acceptors = config.acceptors(n);
    let proposers = config.proposers(n);
    let learners = config.learners(n);
    let quorum = config.quorum(n);
    let slots = if config.multi {
        rng.random_range(1..=3u64)
    } else {
        1
    };
    if proposers.is_empty() {
        return d;
    }
    for round in 1..=rng.random_range(1..=3u64) {
        let p = proposers[rng.random_range(0..proposers.len())];
        let ballot = Ballot::new(round, p);
        d[p].ballot = d[p].ballot.max(ballot);
        let promised = subset(rng, &acceptors, 0);
        for &a in &promised {
            d[a].promised = ballot;
        }
        if promised.len() < quorum || !rng.random_bool(0.7) {
            continue;
        }
        for slot in 0..slots {
            let reported = promised
                .iter()
                .filter_map(|&a| d[a].accepted.get(&slot))
                .max_by_key(|(b, _)| *b)
                .map(|(_, v)| v.clone());
            let value = reported.unwrap_or_else(|| format!("d{round}.{slot}"));
            let accepted = subset(rng, &acceptors, 0);
            for &a in &accepted {
                d[a].promised = ballot;
                d[a].accepted.insert(slot, (ballot, value.clone()));
            }
            if accepted.len() >= quorum {
                for l in subset(rng, &learners, 0) {
                    d[l].chosen.insert(slot, value.clone());
                }
            }
        }
    }
    d
}
