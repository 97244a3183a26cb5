//! A node's outputs that its driver has not taken yet.
//!
//! A driver takes every output after every input it gives a node (the sans-I/O contract of
//! [`crate::core::Protocol::poll_output`]), so a node is only ever copied with an empty outbox.
//! A copy therefore starts empty instead of copying outputs: copying pending outputs would be
//! a driver's bug (a debug assertion catches it), and not copying them keeps snapshots cheap
//! and the copying code out of the browser page (its size budget).

use std::collections::VecDeque;
use std::ops::{Deref, DerefMut};

/// Outputs in the order the node produced them.
#[derive(Debug, PartialEq, Eq)]
pub struct Outbox<O>(VecDeque<O>);

impl<O> Outbox<O> {
    /// An empty outbox.
    pub fn new() -> Self {
        Outbox(VecDeque::new())
    }
}

impl<O> Default for Outbox<O> {
    fn default() -> Self {
        Outbox::new()
    }
}

impl<O> Clone for Outbox<O> {
    fn clone(&self) -> Self {
        debug_assert!(
            self.0.is_empty(),
            "a node was copied before its driver took its outputs"
        );
        Outbox::new()
    }
}

impl<O> Deref for Outbox<O> {
    type Target = VecDeque<O>;
    fn deref(&self) -> &VecDeque<O> {
        &self.0
    }
}

impl<O> DerefMut for Outbox<O> {
    fn deref_mut(&mut self) -> &mut VecDeque<O> {
        &mut self.0
    }
}
