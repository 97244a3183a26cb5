//! Which protocol a cluster runs: the one name for the choice that the scenario header
//! (`protocol raft`), the CLI (`explore --protocol paxos`), the explorer's controls and
//! the scene all make. Code compares the enum, never the words (issue 23 §3).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Raft or Paxos. Written `raft` / `paxos` ([`fmt::Display`], [`FromStr`], serde).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProtocolKind {
    /// Raft (the extended paper, Ongaro and Ousterhout 2014).
    #[default]
    Raft,
    /// Paxos: single-decree (Paxos Made Simple) or Multi-Paxos.
    Paxos,
}

impl ProtocolKind {
    /// Both protocols, in the order the interface lists them.
    pub const ALL: [ProtocolKind; 2] = [ProtocolKind::Raft, ProtocolKind::Paxos];

    /// The word in files, links and flags: `raft`, `paxos`.
    pub const fn name(self) -> &'static str {
        match self {
            ProtocolKind::Raft => "raft",
            ProtocolKind::Paxos => "paxos",
        }
    }

    /// The protocol's proper name, for people: `Raft`, `Paxos` (the same in both languages).
    pub const fn title(self) -> &'static str {
        match self {
            ProtocolKind::Raft => "Raft",
            ProtocolKind::Paxos => "Paxos",
        }
    }
}

impl fmt::Display for ProtocolKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The word is not `raft` or `paxos`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownProtocol(pub String);

impl fmt::Display for UnknownProtocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown protocol '{}' (raft or paxos)", self.0)
    }
}

impl std::error::Error for UnknownProtocol {}

impl FromStr for ProtocolKind {
    type Err = UnknownProtocol;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProtocolKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| UnknownProtocol(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_others_are_refused() {
        for k in ProtocolKind::ALL {
            assert_eq!(k.to_string().parse::<ProtocolKind>(), Ok(k));
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{k}\""));
        }
        assert_eq!(
            "Raft".parse::<ProtocolKind>(),
            Err(UnknownProtocol("Raft".into()))
        );
        assert!("".parse::<ProtocolKind>().is_err());
    }
}
