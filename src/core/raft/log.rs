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
///
/// The log is written only through [`RaftDurable::push`], [`RaftDurable::truncate`] and
/// [`RaftDurable::set_log`], which keep a [`LogMark`]: how many entries were written and where
/// the latest truncation cut. An observer that keeps a copy of the log (the invariant checker)
/// asks [`RaftDurable::unchanged_prefix`] where the log may differ from what it saw, and
/// compares only from there: its work follows what changed, not the log's length. The mark is
/// bookkeeping for observers, not protocol state: it is not serialised, not compared, and the
/// node never reads it.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct RaftDurable {
    /// Latest term this server has seen (initialised to 0, increases monotonically).
    pub current_term: u64,
    /// Candidate that received this server's vote in `current_term`, if any.
    pub voted_for: Option<NodeId>,
    /// Log entries; the entry at index `i` (1-based, as in the paper) is `log[i - 1]`.
    log: Vec<Entry>,
    #[serde(skip)]
    mark: LogMark,
}

/// Where an observer last looked at a log: what the log's writes had been then. See
/// [`RaftDurable::unchanged_prefix`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LogMark {
    /// Writes so far: one per entry pushed, one per truncation.
    writes: u64,
    /// Truncations so far.
    cuts: u64,
    /// The length the latest truncation left.
    last_cut: u64,
    /// The log's length.
    len: u64,
}

/// Equality is the durable state's (term, vote, log); the mark is not part of it.
impl PartialEq for RaftDurable {
    fn eq(&self, other: &Self) -> bool {
        self.current_term == other.current_term
            && self.voted_for == other.voted_for
            && self.log == other.log
    }
}

impl Eq for RaftDurable {}

impl std::fmt::Debug for RaftDurable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RaftDurable")
            .field("current_term", &self.current_term)
            .field("voted_for", &self.voted_for)
            .field("log", &self.log)
            .finish()
    }
}

impl RaftDurable {
    /// A durable state with the given term, vote and log.
    pub fn new(current_term: u64, voted_for: Option<NodeId>, log: Vec<Entry>) -> Self {
        let len = log.len() as u64;
        RaftDurable {
            current_term,
            voted_for,
            log,
            mark: LogMark {
                len,
                ..LogMark::default()
            },
        }
    }

    /// The log; the entry at index `i` (1-based) is `log()[i - 1]`.
    pub fn log(&self) -> &[Entry] {
        &self.log
    }

    /// Appends `entry` at the end of the log.
    pub fn push(&mut self, entry: Entry) {
        self.log.push(entry);
        self.mark.writes += 1;
        self.mark.len += 1;
    }

    /// Deletes the entries from index `len + 1` on ("delete the existing entry and all that
    /// follow it", §5.3). Nothing happens if the log has at most `len` entries.
    pub fn truncate(&mut self, len: u64) {
        if len < self.last_index() {
            self.log.truncate(len as usize);
            self.mark.writes += 1;
            self.mark.cuts += 1;
            self.mark.last_cut = len;
            self.mark.len = len;
        }
    }

    /// Replaces the whole log (a starting state written before a run).
    pub fn set_log(&mut self, log: Vec<Entry>) {
        self.truncate(0);
        for e in log {
            self.push(e);
        }
    }

    /// The log's writes so far, to hand back to [`RaftDurable::unchanged_prefix`] later.
    pub fn mark(&self) -> LogMark {
        self.mark
    }

    /// How many entries at the start of the log are certainly the ones it held at `seen` (a
    /// [`RaftDurable::mark`] taken from this log earlier): entries are only ever pushed at the
    /// end or cut off the end, so everything below the lowest cut since then, and below the
    /// length then, is unchanged. `None` when that cannot be told from the marks (more than
    /// one truncation since, or a log that is not a later state of the one marked): the
    /// observer compares the whole log.
    pub fn unchanged_prefix(&self, seen: LogMark) -> Option<usize> {
        let now = self.mark;
        let writes = now.writes.checked_sub(seen.writes)?;
        let low = match now.cuts.checked_sub(seen.cuts)? {
            // Only pushes since: exactly `writes` of them.
            0 if now.len == seen.len + writes => seen.len,
            1 => seen.len.min(now.last_cut),
            _ => return None,
        };
        Some(low as usize)
    }

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
        RaftDurable::new(
            terms.last().copied().unwrap_or(0),
            None,
            terms.iter().map(|&t| Entry::value(t, "x")).collect(),
        )
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

    /// The mark tells an observer where the log may have changed since it looked.
    #[test]
    fn the_mark_reports_the_lowest_change() {
        let mut d = log(&[1, 1, 2, 2, 2]);
        let seen = d.mark();
        assert_eq!(d.unchanged_prefix(seen), Some(5), "nothing written");
        d.push(Entry::value(2, "y"));
        assert_eq!(d.unchanged_prefix(seen), Some(5), "appended only");
        d.truncate(9);
        assert_eq!(
            d.unchanged_prefix(seen),
            Some(5),
            "a cut past the end is no write"
        );
        d.truncate(2);
        d.push(Entry::value(3, "z"));
        d.push(Entry::value(3, "w"));
        assert_eq!(d.unchanged_prefix(seen), Some(2), "cut to 2, then regrown");
        let again = d.mark();
        d.truncate(3);
        d.truncate(1);
        assert_eq!(
            d.unchanged_prefix(again),
            None,
            "two cuts: compare everything"
        );
        assert_eq!(d.unchanged_prefix(seen), None);
        let fresh = log(&[1, 1, 2, 2, 2]);
        assert_eq!(
            fresh.unchanged_prefix(again),
            None,
            "not a later state of that log"
        );
        assert_eq!(
            fresh,
            log(&[1, 1, 2, 2, 2]),
            "the mark is not part of the state"
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
