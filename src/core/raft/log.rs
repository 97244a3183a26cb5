//! The replicated log and the durable state that survives a crash (Raft Figure 2, "Persistent
//! state on all servers").

use crate::core::NodeId;
use serde::{Deserialize, Serialize};

/// What a log entry carries.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Command {
    /// A leader's no-op, appended on election when that option is on.
    Noop,
    /// A client's command. `request` is 0 for entries written into a scenario's initial state.
    Value {
        /// The client request's number.
        request: u64,
        /// The command.
        value: String,
    },
}

/// One log entry: a command and the term in which a leader created it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    /// The term in which a leader created it.
    pub term: u64,
    /// What it carries.
    pub command: Command,
}

impl Entry {
    /// An entry of `term` carrying `value`, written by no client request (request 0).
    pub fn value(term: u64, value: impl Into<String>) -> Self {
        Entry {
            term,
            command: Command::Value {
                request: 0,
                value: value.into(),
            },
        }
    }

    /// A short label for the command: its value, or "no-op".
    pub fn label(&self) -> &str {
        match &self.command {
            Command::Noop => "no-op",
            Command::Value { value, .. } => value,
        }
    }
}

/// Durable state: written to stable storage before responding to RPCs (Figure 2).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaftDurable {
    /// Latest term this server has seen (initialised to 0, increases monotonically).
    pub current_term: u64,
    /// Candidate that received this server's vote in `current_term`, if any.
    pub voted_for: Option<NodeId>,
    /// Log entries; the entry at index `i` (1-based, as in the paper) is `log[i - 1]`.
    pub log: Vec<Entry>,
}

impl RaftDurable {
    /// Index of the last entry (0 when the log is empty).
    pub fn last_index(&self) -> u64 {
        self.log.len() as u64
    }

    /// Term of the last entry (0 when the log is empty).
    pub fn last_term(&self) -> u64 {
        self.log.last().map_or(0, |e| e.term)
    }

    /// Term of the entry at `index`; `Some(0)` for index 0, `None` past the end.
    pub fn term_at(&self, index: u64) -> Option<u64> {
        if index == 0 {
            Some(0)
        } else {
            self.log.get(index as usize - 1).map(|e| e.term)
        }
    }

    /// The entry at `index` (1-based); `None` for index 0 or past the end.
    pub fn entry(&self, index: u64) -> Option<&Entry> {
        if index == 0 {
            None
        } else {
            self.log.get(index as usize - 1)
        }
    }

    /// First index holding an entry of `term`, if any.
    pub fn first_index_of(&self, term: u64) -> Option<u64> {
        self.log
            .iter()
            .position(|e| e.term == term)
            .map(|i| i as u64 + 1)
    }

    /// Last index holding an entry of `term`, if any.
    pub fn last_index_of(&self, term: u64) -> Option<u64> {
        self.log
            .iter()
            .rposition(|e| e.term == term)
            .map(|i| i as u64 + 1)
    }

    /// §5.4.1: a candidate's log is at least as up-to-date as ours if its last term is later,
    /// or the last terms are equal and its log is at least as long.
    pub fn is_up_to_date(&self, last_log_index: u64, last_log_term: u64) -> bool {
        last_log_term > self.last_term()
            || (last_log_term == self.last_term() && last_log_index >= self.last_index())
    }

    /// Entry terms, index by index: `[1, 1, 2, 3]`.
    pub fn terms(&self) -> Vec<u64> {
        self.log.iter().map(|e| e.term).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(terms: &[u64]) -> RaftDurable {
        RaftDurable {
            current_term: terms.last().copied().unwrap_or(0),
            voted_for: None,
            log: terms.iter().map(|&t| Entry::value(t, "x")).collect(),
        }
    }

    #[test]
    fn up_to_date_rule() {
        let d = log(&[1, 1, 2]);
        assert!(d.is_up_to_date(3, 2));
        assert!(
            d.is_up_to_date(1, 3),
            "a later last term wins even if shorter"
        );
        assert!(!d.is_up_to_date(2, 2), "same last term but shorter");
        assert!(
            !d.is_up_to_date(9, 1),
            "earlier last term loses even if longer"
        );
    }

    #[test]
    fn indexes() {
        let d = log(&[1, 1, 4, 4, 5]);
        assert_eq!(d.term_at(0), Some(0));
        assert_eq!(d.term_at(3), Some(4));
        assert_eq!(d.term_at(6), None);
        assert_eq!(d.first_index_of(4), Some(3));
        assert_eq!(d.last_index_of(4), Some(4));
        assert_eq!(d.first_index_of(2), None);
    }
}
