//! The simulator's trace, which can keep what lies past a point it was rewound to.
//!
//! Seeking back in a run restores an earlier snapshot: the trace shrinks to that snapshot's
//! length. Moving the cut-off entries elsewhere (and back, on a seek forward) cost time in
//! proportion to how far the seek went: a few ms per seek in a 10-minute run. Here they stay
//! where they are, past the live length. Replaying from the snapshot is deterministic, so it
//! rebuilds the same entries; each one is compared with the kept one it replaces, and the
//! first that differs drops everything kept after it, so a kept entry is never shown as live
//! unless the replay produced it.

use super::trace::TraceEvent;
use crate::core::Protocol;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::Deref;

/// The trace so far (a slice, through `Deref`), plus the entries kept past it.
#[derive(Clone, Debug)]
pub struct Trace<P: Protocol> {
    entries: Vec<TraceEvent<P>>,
    /// How many of `entries` are live; the rest are kept from before a rewind.
    len: usize,
    /// How many times entries were thrown away (the run took another course). While it
    /// stays the same, every entry once read at an index is still there: a reader that
    /// follows the trace ([`crate::viz::motion::Trail`]) reads only what was added since.
    cuts: u64,
}

impl<P: Protocol> Default for Trace<P> {
    fn default() -> Self {
        Trace {
            entries: Vec::new(),
            len: 0,
            cuts: 0,
        }
    }
}

impl<P: Protocol> Trace<P> {
    /// Appends an entry. If entries are kept past the live length, the next one is replaced
    /// when it differs from `e`, and then nothing kept after it is kept any more.
    pub fn push(&mut self, e: TraceEvent<P>) {
        if self.len < self.entries.len() {
            if !same(&self.entries[self.len], &e) {
                self.entries.truncate(self.len);
                self.cuts += 1;
                self.entries.push(e);
            }
        } else {
            self.entries.push(e);
        }
        self.len += 1;
    }

    /// Makes the first `len` entries live (at most those kept): a shorter trace keeps the
    /// entries past it, a longer one takes kept entries back (a seek forward).
    pub fn set_len(&mut self, len: usize) {
        self.len = len.min(self.entries.len());
    }

    /// Entries live or kept: how far [`Self::set_len`] can go.
    pub fn kept(&self) -> usize {
        self.entries.len()
    }

    /// Forgets the entries kept past the live length (the run took another course).
    pub fn forget_kept(&mut self) {
        if self.entries.len() > self.len {
            self.entries.truncate(self.len);
            self.cuts += 1;
        }
    }

    /// How many times entries were thrown away. While it stays the same, an entry once
    /// pushed at an index stays there, live or kept.
    pub fn cuts(&self) -> u64 {
        self.cuts
    }
}

/// Whether two entries are the same, compared by their encoding (the one [`trace_hash`]
/// hashes): a derived `==` would add a comparison of every message type of both protocols
/// to the web page's code (~2 KB gzipped) for the same answer.
///
/// [`trace_hash`]: super::trace::trace_hash
fn same<P: Protocol>(a: &TraceEvent<P>, b: &TraceEvent<P>) -> bool {
    a.time == b.time
        && match (postcard::to_allocvec(a), postcard::to_allocvec(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
}

impl<P: Protocol> Deref for Trace<P> {
    type Target = [TraceEvent<P>];
    fn deref(&self) -> &[TraceEvent<P>] {
        &self.entries[..self.len]
    }
}

impl<'a, P: Protocol> IntoIterator for &'a Trace<P> {
    type Item = &'a TraceEvent<P>;
    type IntoIter = std::slice::Iter<'a, TraceEvent<P>>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Two traces are equal when their live entries are.
impl<P: Protocol> PartialEq for Trace<P> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// Only the live entries are written.
impl<P: Protocol> Serialize for Trace<P> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de, P: Protocol> Deserialize<'de> for Trace<P> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let entries = Vec::<TraceEvent<P>>::deserialize(d)?;
        Ok(Trace {
            len: entries.len(),
            entries,
            cuts: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::raft::RaftNode;
    use crate::sim::TraceKind;

    fn ev(time: u64, node: usize) -> TraceEvent<RaftNode> {
        TraceEvent {
            time,
            kind: TraceKind::Crash { node },
        }
    }

    #[test]
    fn a_rewound_trace_keeps_its_tail_until_the_replay_differs() {
        let mut t = Trace::default();
        for k in 0..5 {
            t.push(ev(k, 0));
        }
        t.set_len(2);
        assert_eq!(t.len(), 2);
        assert_eq!(t.kept(), 5);
        // The same entry again: the kept tail stays.
        t.push(ev(2, 0));
        assert_eq!((t.len(), t.kept(), t.cuts()), (3, 5, 0));
        t.set_len(5);
        assert_eq!(&t[..], &[ev(0, 0), ev(1, 0), ev(2, 0), ev(3, 0), ev(4, 0)]);
        // A different entry: the kept tail goes.
        t.set_len(3);
        t.push(ev(3, 1));
        assert_eq!((t.len(), t.kept(), t.cuts()), (4, 4, 1));
        assert_eq!(t[3], ev(3, 1));
        t.set_len(9);
        assert_eq!(t.len(), 4);
    }

    #[test]
    fn only_live_entries_compare_and_serialise() {
        let mut a = Trace::default();
        let mut b = Trace::default();
        for k in 0..4 {
            a.push(ev(k, 0));
        }
        b.push(ev(0, 0));
        a.set_len(1);
        assert!(a == b);
        let json = serde_json::to_string(&a).unwrap();
        let back: Trace<RaftNode> = serde_json::from_str(&json).unwrap();
        assert_eq!((back.len(), back.kept()), (1, 1));
        a.set_len(0);
        a.forget_kept();
        assert_eq!((a.kept(), a.cuts()), (0, 1));
        // Nothing kept: nothing thrown away.
        a.forget_kept();
        assert_eq!(a.cuts(), 1);
    }
}
