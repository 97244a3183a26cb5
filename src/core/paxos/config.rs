//! Per-cluster Paxos options, and which roles each node plays.

use crate::core::{majority, Delay, Lang, NodeId, Time, MS};
use crate::glossary::Term;
use serde::{Deserialize, Serialize};

/// The roles one node plays (Paxos Made Simple §2.1: "a single process may act as more than
/// one agent").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Roles {
    /// Proposes values (phase 1 and phase 2).
    pub proposer: bool,
    /// Promises and accepts: a quorum is a majority of the acceptors.
    pub acceptor: bool,
    /// Learns which value is chosen.
    pub learner: bool,
}

impl Roles {
    /// Every role: the default for every node.
    pub const ALL: Roles = Roles {
        proposer: true,
        acceptor: true,
        learner: true,
    };

    /// The roles given.
    pub const fn new(proposer: bool, acceptor: bool, learner: bool) -> Self {
        Roles {
            proposer,
            acceptor,
            learner,
        }
    }

    /// `PAL`, `-A-`, …: a compact label for tables and the UI.
    pub fn label(&self) -> String {
        let c = |on: bool, ch: char| if on { ch } else { '-' };
        [
            c(self.proposer, 'P'),
            c(self.acceptor, 'A'),
            c(self.learner, 'L'),
        ]
        .iter()
        .collect()
    }
}

impl Default for Roles {
    fn default() -> Self {
        Roles::ALL
    }
}

/// Paxos options. `Default` is the coursework's setup: single-decree Paxos, every node plays
/// all three roles, NACKs and randomised backoff on, nothing unsafe.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct PaxosConfig {
    /// Multi-Paxos (a replicated log of slots with a distinguished leader, §3) instead of
    /// single-decree Paxos (one value, slot 0).
    pub multi: bool,
    /// Each node's roles, by id. Nodes past the end of the list (and every node when it is
    /// empty) play all three roles.
    pub roles: Vec<Roles>,
    /// Acceptors tell a proposer when they ignore its Prepare or Accept because they promised
    /// a higher ballot, and the proposer abandons that ballot at once (§2.2, an optimisation).
    pub nacks: bool,
    /// Randomised backoff: retries and elections wait a random time in
    /// `[retry_min, retry_max]`. Without it every wait is exactly `retry_min`, a NACK does not
    /// reschedule the retry, and two proposers can duel for ever (§2.4).
    pub backoff: bool,
    /// Single-decree: how long a proposer waits for its ballot to succeed before retrying
    /// with a higher one. Multi-Paxos: the election timeout (no heartbeat from a leader).
    pub retry_min: Time,
    /// With backoff, the longest such wait.
    pub retry_max: Time,
    /// Multi-Paxos: how often the leader sends heartbeats and resends unanswered Accepts.
    pub heartbeat: Time,
    /// UNSAFE teaching switches: what an acceptor forgets when it restarts (nothing, by
    /// default). Breaks §2.5's stable-storage rule; two values can then be chosen.
    pub unsafe_forget: Forget,
    /// A deliberate bug for the checkers' own tests (each check must catch one). Not a teaching
    /// switch: scenarios, share links (serde skips it) and `explore --unsafe` never set it.
    #[doc(hidden)]
    #[serde(skip)]
    pub test_bug: Option<PaxosBug>,
}

/// What a restarted acceptor loses from its stable storage ([`PaxosConfig::unsafe_forget`]).
/// Paxos Made Simple §2.5: "an acceptor must remember this information even if it fails and
/// then restarts". Anything but `Nothing` is an UNSAFE teaching switch. Encoded like the
/// `bool` it replaces (`Nothing` = false, `Promise` = true), so share links keep their form.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Forget {
    /// Everything survives (safe).
    #[default]
    Nothing,
    /// `unsafe forget-promise`: the promise is lost; what it accepted survives.
    Promise,
    /// `unsafe amnesia`: the promise and every accepted proposal are lost; the values it
    /// learned were chosen (learner) and the last ballot it used (proposer) survive.
    PromiseAndAccepted,
}

/// Deliberate bugs that only the checkers' tests turn on ([`PaxosConfig::test_bug`]).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PaxosBug {
    /// Every node acts as an acceptor and the core counts a majority of all nodes, whatever
    /// roles the configuration gives (§2.2's quorums are majorities of the acceptors).
    /// Caught by "Only acceptors promise or accept".
    IgnoreRoles,
}

impl Default for PaxosConfig {
    fn default() -> Self {
        PaxosConfig {
            multi: false,
            roles: Vec::new(),
            nacks: true,
            backoff: true,
            retry_min: 150 * MS,
            retry_max: 300 * MS,
            heartbeat: 50 * MS,
            unsafe_forget: Forget::Nothing,
            test_bug: None,
        }
    }
}

impl PaxosConfig {
    /// Multi-Paxos with the other options at their defaults.
    pub fn multi() -> Self {
        PaxosConfig {
            multi: true,
            ..PaxosConfig::default()
        }
    }

    /// Node `id`'s roles (every role unless the configuration says otherwise).
    pub fn roles_of(&self, id: NodeId) -> Roles {
        self.roles.get(id).copied().unwrap_or(Roles::ALL)
    }

    /// The acceptors of an `n`-node cluster.
    pub fn acceptors(&self, n: usize) -> Vec<NodeId> {
        (0..n).filter(|&i| self.roles_of(i).acceptor).collect()
    }

    /// The learners of an `n`-node cluster.
    pub fn learners(&self, n: usize) -> Vec<NodeId> {
        (0..n).filter(|&i| self.roles_of(i).learner).collect()
    }

    /// The proposers of an `n`-node cluster.
    pub fn proposers(&self, n: usize) -> Vec<NodeId> {
        (0..n).filter(|&i| self.roles_of(i).proposer).collect()
    }

    /// A majority of the acceptors: any two such sets share an acceptor (§2.2).
    pub fn quorum(&self, n: usize) -> usize {
        majority(self.acceptors(n).len())
    }

    /// How long to wait before the next retry or election.
    pub fn retry_delay(&self) -> Delay {
        if self.backoff {
            Delay::Between(self.retry_min, self.retry_max.max(self.retry_min))
        } else {
            Delay::Exactly(self.retry_min)
        }
    }

    /// Checks the options for an `n`-node cluster.
    pub fn validate(&self, n: usize) -> Result<(), String> {
        self.validate_in(n, Lang::En)
    }

    /// [`Self::validate`], saying why in `lang` (a share link opened in the browser).
    pub fn validate_in(&self, n: usize, lang: Lang) -> Result<(), String> {
        let say = |en: String, zh: String| Err(if lang == Lang::Zh { zh } else { en });
        if self.roles.len() > n {
            let k = self.roles.len();
            return say(
                format!("roles are given for {k} nodes but the cluster has {n}"),
                format!("为 {k} 个节点指定了角色，但集群只有 {n} 个节点"),
            );
        }
        for (empty, role) in [
            (self.acceptors(n).is_empty(), Term::Acceptor),
            (self.proposers(n).is_empty(), Term::Proposer),
            (self.learners(n).is_empty(), Term::Learner),
        ] {
            if empty {
                return say(
                    format!("no node plays the {} role", role.en()),
                    format!("没有节点担任{}", role.zh()),
                );
            }
        }
        crate::limits::RETRY_TIMEOUT.check_range((self.retry_min, self.retry_max), lang)?;
        if self.multi {
            crate::limits::HEARTBEAT.check(self.heartbeat, lang)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_default_to_all_and_quorum_counts_acceptors() {
        let mut c = PaxosConfig::default();
        assert_eq!(c.quorum(5), 3);
        c.roles = vec![Roles::new(true, false, true), Roles::new(true, false, true)];
        assert_eq!(c.acceptors(5), vec![2, 3, 4]);
        assert_eq!(c.proposers(5), vec![0, 1, 2, 3, 4]);
        assert_eq!(c.quorum(5), 2);
        assert_eq!(c.roles_of(0).label(), "P-L");
        assert!(c.validate(5).is_ok());
        assert!(c.validate(1).is_err());
    }
}
