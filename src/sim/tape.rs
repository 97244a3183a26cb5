//! The simulator's trace, which can keep what lies past a point it was rewound to.
//!
//! Seeking back in a run restores an earlier snapshot: the trace shrinks to that snapshot's
//! length. Moving the cut-off entries elsewhere (and back, on a seek forward) cost time in
//! proportion to how far the seek went: a few ms per seek in a 10-minute run. Here they stay
//! where they are, past the live length. Replaying from the snapshot is deterministic, so it
//! rebuilds the same entries; each one is compared with the kept one it replaces, and the
//! first that differs drops everything kept after it, so a kept entry is never shown as live
//! unless the replay produced it.
//!
//! A reader that has read the front of the trace can let it go ([`Trace::forget_before`]): the
//! command line streams a run's timeline and checks its invariants as it goes, and the fault
//! campaign keeps no trace at all, so memory does not grow with the run (issue 22 item 3,
//! issue 24 item 3). Positions stay absolute: entry `i` is entry `i` whatever was forgotten
//! before it. [`Trace::len`], [`Trace::get`] and `trace[i]` count from the run's first entry;
//! the slice the trace derefs to (for iterating) holds the entries still kept.

use super::trace::TraceEvent;
use crate::core::Protocol;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::{Deref, Index, Range, RangeFrom, RangeFull, RangeTo};

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
    /// How many entries were forgotten from the front: `entries[k]` is entry `base + k`.
    base: usize,
}

impl<P: Protocol> Default for Trace<P> {
    fn default() -> Self {
        Trace {
            entries: Vec::new(),
            len: 0,
            cuts: 0,
            base: 0,
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

    /// How many entries the run has logged so far (forgotten ones included): the position
    /// the next entry will have.
    pub fn len(&self) -> usize {
        self.base + self.len
    }

    /// Whether the run has logged nothing yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entry `i` (counted from the run's first entry), if it is live and not forgotten.
    pub fn get(&self, i: usize) -> Option<&TraceEvent<P>> {
        i.checked_sub(self.base)
            .and_then(|k| self.entries[..self.len].get(k))
    }

    /// The position of the first entry still kept: everything before it was forgotten.
    pub fn first_kept(&self) -> usize {
        self.base
    }

    /// The live entries from position `i` on (those still kept, when `i` was forgotten).
    pub fn since(&self, i: usize) -> &[TraceEvent<P>] {
        let k = i.saturating_sub(self.base).min(self.len);
        &self.entries[k..self.len]
    }

    /// Lets go of every entry before position `i` (at most the live length): a reader that
    /// has read them says so, and memory stays bounded however long the run is. Positions
    /// do not change. A snapshot taken before `i` can no longer be gone back to with its
    /// trace; the browser, which seeks, never forgets.
    pub fn forget_before(&mut self, i: usize) {
        let k = i.saturating_sub(self.base).min(self.len);
        if k == 0 {
            return;
        }
        self.entries.drain(..k);
        self.base += k;
        self.len -= k;
    }

    /// Makes the first `len` entries live (at most those kept): a shorter trace keeps the
    /// entries past it, a longer one takes kept entries back (a seek forward).
    pub fn set_len(&mut self, len: usize) {
        self.len = len.saturating_sub(self.base).min(self.entries.len());
    }

    /// Entries live or kept: how far [`Self::set_len`] can go.
    pub fn kept(&self) -> usize {
        self.base + self.entries.len()
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

/// `trace[i]`: entry `i` counted from the run's first entry (it must be live and kept).
impl<P: Protocol> Index<usize> for Trace<P> {
    type Output = TraceEvent<P>;
    fn index(&self, i: usize) -> &TraceEvent<P> {
        &self.entries[..self.len][i.wrapping_sub(self.base)]
    }
}

/// `trace[a..b]`, `trace[a..]`, `trace[..b]`, `trace[..]`: positions counted from the run's
/// first entry, like `trace[i]` (every entry in the range must be live and kept).
macro_rules! index_range {
    ($($range:ty => |$r:ident, $b:ident| $shifted:expr;)*) => {$(
        impl<P: Protocol> Index<$range> for Trace<P> {
            type Output = [TraceEvent<P>];
            fn index(&self, $r: $range) -> &[TraceEvent<P>] {
                let $b = self.base;
                &self.entries[..self.len][$shifted]
            }
        }
    )*};
}

index_range! {
    Range<usize> => |r, b| r.start.wrapping_sub(b)..r.end.wrapping_sub(b);
    RangeFrom<usize> => |r, b| r.start.wrapping_sub(b)..;
    RangeTo<usize> => |r, b| ..r.end.wrapping_sub(b);
    RangeFull => |r, b| { let _ = (r, b); .. };
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
            base: 0,
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
    fn forgotten_entries_keep_every_position() {
        let mut t = Trace::default();
        for k in 0..6 {
            t.push(ev(k, 0));
        }
        t.forget_before(4);
        assert_eq!((t.len(), t.first_kept(), t.kept()), (6, 4, 6));
        assert_eq!(t.iter().count(), 2, "only the kept entries take memory");
        assert_eq!(t.get(3), None);
        assert_eq!(t.get(4), Some(&ev(4, 0)));
        assert_eq!(t[5], ev(5, 0));
        assert_eq!(&t[4..6], &[ev(4, 0), ev(5, 0)]);
        assert_eq!(t.since(0), &t[4..]);
        t.push(ev(6, 1));
        assert_eq!((t.len(), t[6].clone()), (7, ev(6, 1)));
        // Never past the live end, and never back.
        t.forget_before(99);
        t.forget_before(2);
        assert_eq!((t.len(), t.first_kept(), t.iter().count()), (7, 7, 0));
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
