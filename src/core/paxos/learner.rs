//! The learner (Paxos Made Simple §2.3): a value is chosen when a majority of acceptors has
//! accepted it in the same ballot. A learner counts Accepted messages, can be told by a node
//! that knows, and (single-decree) can run phase 1 itself to find out.

use super::ballot::Ballot;
use super::message::{PaxosMsg, Value};
use super::node::{PaxosNode, Phase, Votes};
use super::note::{How, PaxosNote};
use crate::core::vecmap::VecMap;
use crate::core::{ClientOutcome, NodeId};

impl PaxosNode {
    /// Phase 2b arrives. The proposer of `ballot` counts it for its own proposal; a learner
    /// counts it towards "a majority accepted the same ballot".
    pub(super) fn on_accepted(&mut self, from: NodeId, ballot: Ballot, slot: u64, value: Value) {
        self.observe(ballot);
        let quorum = self.quorum;
        let mut decided: Option<(Value, Vec<NodeId>)> = None;
        if let Phase::Leading {
            ballot: b,
            proposals,
            ..
        } = &mut self.phase
        {
            if *b == ballot {
                if let Some(p) = proposals.get_mut(&slot) {
                    if p.value == value {
                        p.accepted_by.insert(from);
                        if p.accepted_by.len() >= quorum {
                            decided =
                                Some((p.value.clone(), p.accepted_by.iter().copied().collect()));
                        }
                    }
                }
            }
        }
        if let Some((v, acceptors)) = decided {
            self.learn(slot, v, How::Accepted { ballot, acceptors });
        }
        if !self.roles().learner || self.durable.chosen.contains_key(&slot) {
            return;
        }
        let tally = self
            .votes
            .entry(slot)
            .or_default()
            .entry(ballot)
            .or_insert_with(|| Votes {
                value: value.clone(),
                from: Default::default(),
            });
        if tally.value != value {
            return;
        }
        tally.from.insert(from);
        if tally.from.len() >= quorum {
            let acceptors = tally.from.iter().copied().collect();
            self.learn(slot, value, How::Accepted { ballot, acceptors });
        }
    }

    /// A node that knows tells us what is chosen.
    pub(super) fn on_chosen(&mut self, from: NodeId, entries: Vec<(u64, Value)>) {
        for (slot, value) in entries {
            self.learn(slot, value, How::Told { by: from });
        }
    }

    /// Records that `value` is chosen in `slot` (on disk), then lets the proposer side react:
    /// single-decree clients are answered; a leader answers the slot's clients.
    pub(super) fn learn(&mut self, slot: u64, value: Value, how: How) {
        match self.durable.chosen.get(&slot) {
            Some(known) if *known == value => return,
            Some(known) => {
                let known = known.clone();
                self.note(PaxosNote::Conflict {
                    slot: self.slot_tag(slot),
                    known,
                    other: value,
                });
                return;
            }
            None => {}
        }
        self.durable.chosen.insert(slot, value.clone());
        self.votes.remove(&slot);
        self.note(PaxosNote::Learned {
            slot: self.slot_tag(slot),
            value: value.clone(),
            how,
        });
        if !self.config.multi {
            if slot == 0 {
                self.single_decided(&value);
            }
            return;
        }
        let done = match &mut self.phase {
            Phase::Leading { proposals, .. } => proposals.remove(&slot),
            _ => None,
        };
        if let Some(p) = done {
            for request in p.requests {
                if p.value == value {
                    self.note(PaxosNote::Answered {
                        request,
                        slot: Some(slot),
                        chosen: value.clone(),
                        asked: p.value.clone(),
                    });
                    self.reply(
                        request,
                        ClientOutcome::Chosen {
                            slot: Some(slot),
                            value: value.clone(),
                        },
                    );
                } else {
                    self.note(PaxosNote::Dropped { request, slot });
                    self.reply(
                        request,
                        ClientOutcome::Lost {
                            slot: Some(slot),
                            value: p.value.clone(),
                            chosen: value.clone(),
                        },
                    );
                }
            }
        }
    }

    /// Single-decree: "a learner can find out the chosen value by running phase 1 itself"
    /// (§2.3). It sends Prepare with a ballot of its own and will not follow up with Accept.
    pub(super) fn start_read(&mut self) {
        let ballot = self.new_ballot();
        self.phase = Phase::Reading {
            ballot,
            replies: VecMap::new(),
        };
        self.note(PaxosNote::ReadStarted { ballot });
        self.send_to_acceptors(&PaxosMsg::Prepare {
            ballot,
            from_slot: 0,
        });
    }

    /// Reads the promises. A value is known chosen only if a majority reports accepting it in
    /// the same ballot. If a majority accepted nothing, nothing is chosen yet. Otherwise the
    /// highest-numbered value may be chosen, but only a phase 2 could make sure.
    pub(super) fn evaluate_read(&mut self) {
        let Phase::Reading { ballot, replies } = &self.phase else {
            return;
        };
        let ballot = *ballot;
        let mut groups: VecMap<(Ballot, Value), Vec<NodeId>> = VecMap::new();
        for (&a, ps) in replies {
            if let Some(p) = ps.iter().find(|p| p.slot == 0) {
                groups
                    .entry((p.ballot, p.value.clone()))
                    .or_default()
                    .push(a);
            }
        }
        let replied: Vec<NodeId> = replies.keys().copied().collect();
        let found = groups
            .iter()
            .find(|(_, w)| w.len() >= self.quorum)
            .map(|((b, v), who)| (*b, v.clone(), who.clone()));
        if let Some((b, v, who)) = found {
            let how = How::Read {
                ballot: b,
                acceptors: who,
            };
            self.phase = Phase::Idle;
            self.learn(0, v, how);
        } else if replied.len() >= self.quorum && groups.is_empty() {
            self.phase = Phase::Idle;
            self.note(PaxosNote::ReadNothing { ballot, replied });
        } else if replied.len() >= self.acceptors.len() {
            let highest = groups.keys().next_back().cloned();
            self.phase = Phase::Idle;
            self.note(PaxosNote::ReadUnsure { ballot, highest });
        }
    }
}
