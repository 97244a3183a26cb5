//! The proposer (Paxos Made Simple §2.2): phase 1 (Prepare, collect promises), then phase 2
//! with the value P2c dictates. Single-decree client handling and retries (§2.4) live here
//! too; the Multi-Paxos leader's extra duties are in `leader.rs`.

use super::ballot::Ballot;
use super::message::{PaxosMsg, Proposal, Value};
use super::node::{Outstanding, PaxosNode, Phase};
use super::note::{PaxosNote, Why};
use crate::core::vecmap::VecMap;
use crate::core::{ClientOutcome, ClientRequest, NodeId};

impl PaxosNode {
    /// Phase 1a: pick a new ballot (above any seen; stored before use, §2.5) and send Prepare
    /// to every acceptor; the retry timer covers lost messages (§2.4).
    pub(super) fn start_phase1(&mut self, why: Why) {
        let ballot = self.new_ballot();
        let from_slot = if self.config.multi {
            self.first_unknown()
        } else {
            0
        };
        self.phase = Phase::Preparing {
            ballot,
            from_slot,
            promises: VecMap::new(),
        };
        self.note(PaxosNote::Phase1 {
            ballot,
            from_slot,
            why,
        });
        self.send_to_acceptors(&PaxosMsg::Prepare { ballot, from_slot });
        self.arm_retry();
    }

    /// Phase 1b arrives: a promise for the ballot being prepared (or being read).
    pub(super) fn on_promise(&mut self, from: NodeId, ballot: Ballot, accepted: Vec<Proposal>) {
        self.observe(ballot);
        let quorum = self.quorum;
        match &mut self.phase {
            Phase::Preparing {
                ballot: b,
                promises,
                ..
            } if *b == ballot => {
                promises.insert(from, accepted);
                if promises.len() >= quorum {
                    self.phase1_complete();
                }
            }
            Phase::Reading { ballot: b, replies } if *b == ballot => {
                replies.insert(from, accepted);
                self.evaluate_read();
            }
            _ => {
                let current = self.ballot();
                self.note(PaxosNote::Stale {
                    from,
                    kind: "Promise".into(),
                    ballot,
                    current,
                });
            }
        }
    }

    /// A majority promised: for each slot, the highest-numbered proposal among the promises
    /// decides what may be proposed (P2c).
    fn phase1_complete(&mut self) {
        let Phase::Preparing {
            ballot,
            from_slot,
            promises,
        } = std::mem::take(&mut self.phase)
        else {
            return;
        };
        let promisers: Vec<NodeId> = promises.keys().copied().collect();
        let mut highest: VecMap<u64, Proposal> = VecMap::new();
        for p in promises.into_values().flatten() {
            if p.slot < from_slot {
                continue;
            }
            match highest.get(&p.slot) {
                Some(h) if h.ballot >= p.ballot => {}
                _ => {
                    highest.insert(p.slot, p);
                }
            }
        }
        if self.config.multi {
            self.become_leader(ballot, from_slot, promisers, highest);
        } else {
            self.single_phase2(ballot, promisers, highest);
        }
    }

    /// Phase 2a for single-decree Paxos: the value of the highest-numbered accepted proposal
    /// among the promises, or the proposer's own value only when there is none (P2c).
    fn single_phase2(
        &mut self,
        ballot: Ballot,
        promisers: Vec<NodeId>,
        mut highest: VecMap<u64, Proposal>,
    ) {
        let own = self.pending.first().map(|r| r.value.clone());
        let (value, adopted) = match highest.remove(&0) {
            Some(p) => (p.value, Some(p.ballot)),
            None => match &own {
                Some(v) => (v.clone(), None),
                None => {
                    self.note(PaxosNote::NothingToPropose { ballot });
                    return;
                }
            },
        };
        self.note(PaxosNote::Phase2 {
            ballot,
            value: value.clone(),
            adopted,
            own,
            promisers,
        });
        let mut proposals = VecMap::new();
        proposals.insert(
            0,
            Outstanding {
                value: value.clone(),
                accepted_by: Default::default(),
                requests: Vec::new(),
            },
        );
        self.phase = Phase::Leading {
            ballot,
            next_slot: 1,
            proposals,
        };
        self.send_to_acceptors(&PaxosMsg::Accept {
            ballot,
            slot: 0,
            value,
        });
    }

    /// A NACK for the current ballot: abandon it (§2.2). Single-decree: retry later, after a
    /// random backoff if enabled, else when the fixed retry timer fires. Multi-Paxos: step
    /// down.
    pub(super) fn on_nack(&mut self, from: NodeId, ballot: Ballot, promised: Ballot) {
        self.observe(promised);
        match &self.phase {
            Phase::Preparing { ballot: b, .. } | Phase::Leading { ballot: b, .. }
                if *b == ballot =>
            {
                if self.config.multi {
                    self.step_down(promised, super::note::StepDownCause::Nack { by: from });
                } else {
                    self.phase = Phase::Idle;
                    let backoff = self.config.backoff;
                    self.note(PaxosNote::Abandoned {
                        ballot,
                        promised,
                        by: from,
                        backoff,
                    });
                    if backoff {
                        self.arm_retry();
                    }
                }
            }
            Phase::Reading { ballot: b, .. } if *b == ballot => {
                self.phase = Phase::Idle;
                self.note(PaxosNote::ReadFailed {
                    ballot,
                    promised,
                    by: from,
                });
            }
            _ => {
                let current = self.ballot();
                self.note(PaxosNote::Stale {
                    from,
                    kind: "Nack".into(),
                    ballot,
                    current,
                });
            }
        }
    }

    /// Single-decree client request: a proposer proposes its value (phase 1, then phase 2);
    /// another node redirects to a proposer; once a value is chosen, every request is answered
    /// with it at once, and the learners are told again (§2.3).
    pub(super) fn client_single(&mut self, request: ClientRequest) {
        if !self.roles().proposer {
            let leader = self.proposers.first().copied();
            self.note(PaxosNote::Redirected {
                request: request.id,
                leader,
                to_leader: false,
            });
            self.reply(request.id, ClientOutcome::Redirect { leader });
            return;
        }
        if let Some(value) = self.durable.chosen.get(&0).cloned() {
            let outcome = decided(None, &request.value, &value);
            self.note(PaxosNote::AlreadyChosen {
                request: request.id,
                value: value.clone(),
                asked: request.value,
            });
            self.reply(request.id, outcome);
            let msg = PaxosMsg::Chosen {
                entries: vec![(0, value)],
            };
            for l in self.learners.clone() {
                if l != self.id {
                    self.send(l, msg.clone());
                }
            }
            return;
        }
        let start =
            self.pending.is_empty() && matches!(self.phase, Phase::Idle | Phase::Reading { .. });
        let (id, value) = (request.id, request.value.clone());
        self.pending.push(request);
        if start {
            self.start_phase1(Why::Client { request: id });
        } else {
            let ballot = self.ballot();
            self.note(PaxosNote::Queued {
                request: id,
                value,
                ballot,
            });
        }
    }

    /// Single-decree: slot 0 is chosen. Every waiting client gets its answer (the chosen value
    /// may not be its own), and the proposer stops.
    pub(super) fn single_decided(&mut self, value: &Value) {
        for r in std::mem::take(&mut self.pending) {
            let outcome = decided(None, &r.value, value);
            self.note(PaxosNote::Answered {
                request: r.id,
                slot: None,
                chosen: value.clone(),
                asked: r.value,
            });
            self.reply(r.id, outcome);
        }
        let was_busy = !matches!(self.phase, Phase::Idle);
        self.phase = Phase::Idle;
        if was_busy || self.roles().proposer {
            self.cancel_timer(super::message::PaxosTimer::Timeout);
        }
    }
}

/// What a client that asked for `asked` hears once `chosen` is chosen (in `slot`, or the one
/// value of single-decree Paxos): its own value won, or another did (§2.3: the proposer learns
/// the chosen value, which P2c may have made someone else's).
pub(super) fn decided(slot: Option<u64>, asked: &Value, chosen: &Value) -> ClientOutcome {
    if asked == chosen {
        ClientOutcome::Chosen {
            slot,
            value: chosen.clone(),
        }
    } else {
        ClientOutcome::Lost {
            slot,
            value: asked.clone(),
            chosen: chosen.clone(),
        }
    }
}
