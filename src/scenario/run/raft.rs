//! Scenario support for Raft: building a cluster from the header (timing, options, each
//! node's term, vote and log) and reading Raft state for conditions.

use super::model::{name, name_or, Eval, Model};
use crate::core::raft::{Command, Entry, RaftConfig, RaftDurable, RaftNode, Role};
use crate::core::NodeId;
use crate::scenario::ast::{EntryLit, InitItem, NodeIs, Opt, Pred, Scenario};
use crate::scenario::error::ParseError;
use crate::sim::{NetConfig, Setup, Simulator, Status};

/// The command of an initial log entry written without one (`log 1 1 2`): `t<term>`, so that
/// entries with the same index and term are identical (Log Matching) and entries of different
/// terms differ.
pub fn default_value(term: u64) -> String {
    format!("t{term}")
}

fn entry(e: &EntryLit) -> Entry {
    Entry::value(
        e.term,
        e.value.clone().unwrap_or_else(|| default_value(e.term)),
    )
}

fn role_is(r: Role) -> NodeIs {
    match r {
        Role::Follower => NodeIs::Follower,
        Role::PreCandidate => NodeIs::PreCandidate,
        Role::Candidate => NodeIs::Candidate,
        Role::Leader => NodeIs::Leader,
    }
}

/// Entry terms as written in scenarios: `[1 1 2]`, with commands where `values` is set.
fn fmt_log(log: &[Entry], values: bool) -> String {
    let items: Vec<String> = log
        .iter()
        .map(|e| {
            if values {
                match &e.command {
                    Command::Noop => format!("{}=no-op", e.term),
                    Command::Value { value, .. } => format!("{}={value}", e.term),
                }
            } else {
                e.term.to_string()
            }
        })
        .collect();
    format!("[{}]", items.join(" "))
}

impl Model for RaftNode {
    const MESSAGE_KINDS: &'static [&'static str] = &[
        "RequestVote",
        "PreVote",
        "Vote",
        "PreVoteReply",
        "Heartbeat",
        "AppendEntries",
        "AppendEntriesReply",
    ];

    fn setup(sc: &Scenario, net: NetConfig) -> Result<Setup<Self>, ParseError> {
        let mut config = RaftConfig::default();
        if let Some((a, b)) = sc.timing.election_timeout {
            config.election_timeout_min = a;
            config.election_timeout_max = b;
        }
        if let Some(h) = sc.timing.heartbeat {
            config.heartbeat_interval = h;
        }
        if let Some(m) = sc.timing.max_entries {
            config.max_entries_per_append = m;
        }
        for &(_, opt, on) in &sc.options {
            match opt {
                Opt::PreVote => config.pre_vote = on,
                Opt::CheckQuorum => config.check_quorum = on,
                Opt::NoopOnElection => config.noop_on_election = on,
                Opt::FastBacktrack => config.fast_backtrack = on,
                Opt::UnsafeVoteWithoutLogCheck => config.unsafe_vote_without_log_check = on,
                Opt::UnsafeCommitOldTerms => config.unsafe_commit_old_terms = on,
                // Paxos options are refused by the parser in Raft scenarios.
                Opt::FollowRedirects
                | Opt::UnsafeForgetPromise
                | Opt::UnsafeAmnesia
                | Opt::MultiPaxos
                | Opt::Nacks
                | Opt::Backoff => {}
            }
        }
        let mut durable = vec![RaftDurable::default(); sc.names.len()];
        for st in &sc.initial {
            let d = &mut durable[st.node];
            let mut term = None;
            for (_, item) in &st.items {
                match item {
                    InitItem::Term(t) => term = Some(*t),
                    InitItem::Vote(v) => d.voted_for = *v,
                    InitItem::Log(l) => d.set_log(l.iter().map(entry).collect()),
                    _ => {}
                }
            }
            // Without an explicit term, a node is in the term of its last entry.
            d.current_term = term.unwrap_or_else(|| d.last_term());
        }
        Ok(Setup {
            names: sc.names.clone(),
            config,
            net,
            seed: sc.seed,
            durable,
            follow_redirects: sc.option(Opt::FollowRedirects).unwrap_or(true),
        })
    }

    fn leader_label(sim: &Simulator<Self>, node: NodeId) -> String {
        format!("term {}", sim.node(node).current_term())
    }

    fn leaders(sim: &Simulator<Self>) -> Vec<(NodeId, u64)> {
        (0..sim.n())
            .filter(|&i| sim.status(i) != Status::Crashed && sim.node(i).role == Role::Leader)
            .map(|i| (i, sim.node(i).current_term()))
            .collect()
    }

    fn is(sim: &Simulator<Self>, node: NodeId, what: NodeIs) -> bool {
        role_is(sim.node(node).role) == what
    }

    fn describe(sim: &Simulator<Self>, i: NodeId) -> String {
        let n = sim.node(i);
        let names = sim.names();
        let mut s = format!("{} in term {}", n.role.name(), n.current_term());
        match sim.status(i) {
            Status::Crashed => return format!("crashed (term {} on disk)", n.current_term()),
            Status::Paused => s.push_str(", paused"),
            Status::Up => {}
        }
        if n.role == Role::Follower {
            s.push_str(&format!(
                ", following {}",
                name_or(names, n.leader_id, "nobody")
            ));
        }
        s
    }

    fn stable(sim: &Simulator<Self>, _: &Self::Checker) -> Eval {
        let names = sim.names();
        let up: Vec<NodeId> = (0..sim.n())
            .filter(|&i| sim.status(i) == Status::Up)
            .collect();
        let leaders: Vec<NodeId> = up
            .iter()
            .copied()
            .filter(|&i| sim.node(i).role == Role::Leader)
            .collect();
        let [l] = leaders[..] else {
            let list: Vec<String> = leaders
                .iter()
                .map(|&i| format!("{} (term {})", name(names, i), sim.node(i).current_term()))
                .collect();
            return Eval::new(
                false,
                if list.is_empty() {
                    "no leader among the up nodes".to_string()
                } else {
                    format!("{} leaders: {}", list.len(), list.join(", "))
                },
            );
        };
        let leader = sim.node(l);
        let term = leader.current_term();
        // Entries of the leader's own term can still commit: until they have, it is not over.
        if leader.durable.last_term() == term && leader.commit_index < leader.last_index() {
            return Eval::new(
                false,
                format!(
                    "the leader {} has committed {} of {} entries; entry {} (term {term}) is still being replicated",
                    name(names, l),
                    leader.commit_index,
                    leader.last_index(),
                    leader.last_index()
                ),
            );
        }
        for &i in &up {
            let n = sim.node(i);
            let who = name(names, i);
            if n.current_term() != term {
                return Eval::new(
                    false,
                    format!(
                        "{who} is in term {}, the leader {} in term {term}",
                        n.current_term(),
                        name(names, l)
                    ),
                );
            }
            if i != l && (n.role != Role::Follower || n.leader_id != Some(l)) {
                return Eval::new(
                    false,
                    format!(
                        "{who} is {}, not following {}",
                        Self::describe(sim, i),
                        name(names, l)
                    ),
                );
            }
            if n.log() != leader.log() {
                return Eval::new(
                    false,
                    format!(
                        "{who}'s log {} differs from the leader {}'s {}",
                        fmt_log(n.log(), false),
                        name(names, l),
                        fmt_log(leader.log(), false)
                    ),
                );
            }
            if n.commit_index != leader.commit_index {
                return Eval::new(
                    false,
                    format!(
                        "{who}'s commit index is {}, the leader's {}",
                        n.commit_index, leader.commit_index
                    ),
                );
            }
        }
        Eval::new(
            true,
            format!(
                "{} leads term {term}; {} up node(s) agree on {} entries, {} committed",
                name(names, l),
                up.len(),
                leader.log().len(),
                leader.commit_index
            ),
        )
    }

    fn eval(sim: &Simulator<Self>, _: &Self::Checker, pred: &Pred) -> Option<Eval> {
        let names = sim.names();
        Some(match pred {
            Pred::Term { node, cmp, value } => {
                let t = sim.node(*node).current_term();
                Eval::new(cmp.holds(t, *value), format!("term {t}"))
            }
            Pred::Commit { node, cmp, value } => {
                let c = sim.node(*node).commit_index;
                Eval::new(cmp.holds(c, *value), format!("commit index {c}"))
            }
            Pred::Vote { node, vote } => {
                let v = sim.node(*node).voted_for();
                Eval::new(v == *vote, format!("vote {}", name_or(names, v, "none")))
            }
            Pred::Follows { node, leader } => {
                let l = sim.node(*node).leader_id;
                Eval::new(
                    l == *leader,
                    format!("follows {}", name_or(names, l, "nobody")),
                )
            }
            Pred::Log { node, entries } => {
                let log = sim.node(*node).log();
                let values = entries.iter().any(|e| e.value.is_some());
                let ok = log.len() == entries.len()
                    && log.iter().zip(entries).all(|(have, want)| {
                        have.term == want.term
                            && want.value.as_ref().is_none_or(|v| v == have.label())
                    });
                Eval::new(ok, format!("log {}", fmt_log(log, values)))
            }
            _ => return None,
        })
    }
}
