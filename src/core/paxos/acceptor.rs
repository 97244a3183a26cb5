//! The acceptor (Paxos Made Simple §2.2, P1a). Its promise and its accepted proposals are on
//! stable storage (§2.5).

use super::ballot::Ballot;
use super::message::{PaxosMsg, Proposal, Value};
use super::node::PaxosNode;
use super::note::{PaxosNote, StepDownCause};

impl PaxosNode {
    /// Phase 1b. "If an acceptor receives a prepare request with number n greater than that of
    /// any prepare request to which it has already responded, then it responds to the request
    /// with a promise not to accept any more proposals numbered less than n and with the
    /// highest-numbered proposal (if any) that it has accepted." A repeated Prepare for the
    /// ballot it already promised gets the same answer again (duplicates are harmless).
    pub(super) fn on_prepare(&mut self, from: usize, ballot: Ballot, from_slot: u64) {
        if !self.acts_as_acceptor() {
            return;
        }
        let promised = self.durable.promised;
        if ballot < promised {
            let nack = self.config.nacks;
            self.note(PaxosNote::RejectedPrepare {
                ballot,
                from,
                promised,
                nack,
            });
            if nack {
                self.send(from, PaxosMsg::Nack { ballot, promised });
            }
            return;
        }
        self.durable.promised = ballot;
        self.observe(ballot);
        let accepted: Vec<Proposal> = self
            .durable
            .accepted
            .range(from_slot..)
            .map(|(&slot, (b, v))| Proposal {
                slot,
                ballot: *b,
                value: v.clone(),
            })
            .collect();
        self.note(PaxosNote::Promised {
            ballot,
            to: from,
            previous: promised,
            first: accepted.first().cloned(),
            count: accepted.len(),
            from_slot,
            all_slots: self.config.multi,
        });
        self.send(
            from,
            PaxosMsg::Promise {
                ballot,
                from_slot,
                accepted,
            },
        );
        if from != self.id {
            self.outranked(ballot, StepDownCause::Promised { to: from });
        }
    }

    /// Phase 2b. "If an acceptor receives an accept request for a proposal numbered n, it
    /// accepts the proposal unless it has already responded to a prepare request having a
    /// number greater than n" (P1a). Accepting also raises the promise to n. In Multi-Paxos an
    /// Accept whose ballot the acceptor already promised needs no Prepare of its own: that
    /// promise (Mesos's "implicit promise") covered every slot from the leader's first open
    /// one on (§3).
    pub(super) fn on_accept(&mut self, from: usize, ballot: Ballot, slot: u64, value: Value) {
        if !self.acts_as_acceptor() {
            return;
        }
        let promised = self.durable.promised;
        if ballot < promised {
            let nack = self.config.nacks;
            let slot = self.slot_tag(slot);
            self.note(PaxosNote::RejectedAccept {
                ballot,
                slot,
                from,
                promised,
                nack,
            });
            if nack {
                self.send(from, PaxosMsg::Nack { ballot, promised });
            }
            return;
        }
        self.durable.promised = ballot;
        self.observe(ballot);
        let again = self.durable.accepted.get(&slot) == Some(&(ballot, value.clone()));
        self.durable.accepted.insert(slot, (ballot, value.clone()));
        self.note(PaxosNote::Accepted {
            ballot,
            slot: self.slot_tag(slot),
            value: value.clone(),
            from,
            implicit: self.config.multi && ballot == promised,
            again,
        });
        let msg = PaxosMsg::Accepted {
            ballot,
            slot,
            value,
        };
        let mut to: Vec<usize> = self.learners.clone();
        if !to.contains(&ballot.proposer) {
            to.push(ballot.proposer);
            to.sort_unstable();
        }
        for t in to {
            self.send(t, msg.clone());
        }
        if self.config.multi && ballot.proposer != self.id {
            self.outranked(ballot, StepDownCause::Promised { to: from });
            self.follow(ballot.proposer, ballot);
        }
    }
}
