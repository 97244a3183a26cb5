//! Multi-Paxos (Paxos Made Simple §3): a distinguished proposer, the leader, runs phase 1 once
//! for every slot from some index on (the Mesos replicated log's "implicit promise request": a
//! promise request with no position, granted once per proposal); after that each new command
//! needs phase 2 only. A new leader re-proposes what it finds (P2c, slot by slot) and fills
//! holes with no-ops. Heartbeats keep followers from standing for election and let
//! learners catch up; leader change happens on timeout, with randomised backoff.

use super::ballot::Ballot;
use super::message::{PaxosMsg, PaxosTimer, Proposal, NOOP};
use super::node::{Outstanding, PaxosNode, Phase};
use super::note::{IdleReason, PaxosNote, StepDownCause, Why};
use crate::core::vecmap::VecMap;
use crate::core::{ClientOutcome, ClientRequest, Delay, NoAnswer, NodeId};

/// At most this many chosen values per catch-up reply.
pub const CATCH_UP_BATCH: usize = 64;

impl PaxosNode {
    /// Election timeout: no heartbeat from a leader (or the last attempt failed). Stand for
    /// leader with a higher ballot.
    pub(super) fn election_timeout(&mut self) {
        if !self.roles().proposer {
            self.note(PaxosNote::TimeoutIgnored {
                why: IdleReason::NotProposer,
            });
            return;
        }
        match &self.phase {
            Phase::Leading { .. } => self.note(PaxosNote::TimeoutIgnored {
                why: IdleReason::Leading,
            }),
            Phase::Preparing { ballot, .. } => {
                let old = *ballot;
                self.start_phase1(Why::Retry { old });
            }
            Phase::Idle | Phase::Reading { .. } => {
                let silent = self.leader.filter(|&l| l != self.id);
                self.leader = None;
                self.start_phase1(Why::Election { silent });
            }
        }
    }

    /// Phase 1 succeeded for every slot from `from_slot` on: become the leader. Slots where
    /// the quorum reported a proposal get the highest-numbered one again (P2c); holes below the
    /// highest reported slot get a no-op; queued commands follow.
    pub(super) fn become_leader(
        &mut self,
        ballot: Ballot,
        from_slot: u64,
        promisers: Vec<NodeId>,
        mut highest: VecMap<u64, Proposal>,
    ) {
        let mut next_slot = from_slot;
        if let Some(&s) = highest.keys().next_back() {
            next_slot = next_slot.max(s + 1);
        }
        if let Some(&s) = self.durable.chosen.keys().next_back() {
            next_slot = next_slot.max(s + 1);
        }
        let mut proposals = VecMap::new();
        let (mut recovered, mut holes) = (Vec::new(), Vec::new());
        for slot in from_slot..next_slot {
            if self.durable.chosen.contains_key(&slot) {
                continue;
            }
            let value = match highest.remove(&slot) {
                Some(p) => {
                    recovered.push(slot);
                    p.value
                }
                None => {
                    holes.push(slot);
                    NOOP.to_string()
                }
            };
            proposals.insert(
                slot,
                Outstanding {
                    value,
                    accepted_by: Default::default(),
                    requests: Vec::new(),
                },
            );
        }
        self.note(PaxosNote::BecameLeader {
            ballot,
            promisers,
            from_slot,
            recovered,
            holes,
        });
        let accepts: Vec<PaxosMsg> = proposals
            .iter()
            .map(|(&slot, p)| PaxosMsg::Accept {
                ballot,
                slot,
                value: p.value.clone(),
            })
            .collect();
        self.phase = Phase::Leading {
            ballot,
            next_slot,
            proposals,
        };
        self.leader = Some(self.id);
        self.cancel_timer(PaxosTimer::Timeout);
        for m in accepts {
            self.send_to_acceptors(&m);
        }
        for r in std::mem::take(&mut self.pending) {
            self.propose_command(r);
        }
        self.heartbeat_tick(false);
    }

    /// The leader puts a command in the next free slot and sends Accept at once: its promises
    /// already cover that slot (the one phase 1 covered every slot), so phase 1 is skipped (§3).
    fn propose_command(&mut self, r: ClientRequest) {
        let Phase::Leading {
            ballot,
            next_slot,
            proposals,
        } = &mut self.phase
        else {
            self.pending.push(r);
            return;
        };
        let (ballot, slot) = (*ballot, *next_slot);
        *next_slot += 1;
        proposals.insert(
            slot,
            Outstanding {
                value: r.value.clone(),
                accepted_by: Default::default(),
                requests: vec![r.id],
            },
        );
        self.note(PaxosNote::SkipPhase1 {
            ballot,
            slot,
            request: r.id,
            value: r.value.clone(),
        });
        self.send_to_acceptors(&PaxosMsg::Accept {
            ballot,
            slot,
            value: r.value,
        });
    }

    /// The leader's heartbeat: tell everyone it is alive and how far it knows the log; resend
    /// Accepts that a majority has not answered yet (messages can be lost).
    pub(super) fn heartbeat_tick(&mut self, resend: bool) {
        let Phase::Leading {
            ballot, proposals, ..
        } = &self.phase
        else {
            return;
        };
        let ballot = *ballot;
        let mut again: Vec<(NodeId, PaxosMsg)> = Vec::new();
        if resend {
            for (&slot, p) in proposals {
                for &a in &self.acceptors {
                    if !p.accepted_by.contains(&a) {
                        let value = p.value.clone();
                        again.push((
                            a,
                            PaxosMsg::Accept {
                                ballot,
                                slot,
                                value,
                            },
                        ));
                    }
                }
            }
        }
        if !again.is_empty() {
            let mut slots: Vec<u64> = again
                .iter()
                .filter_map(|(_, m)| match m {
                    PaxosMsg::Accept { slot, .. } => Some(*slot),
                    _ => None,
                })
                .collect();
            slots.sort_unstable();
            slots.dedup();
            self.note(PaxosNote::Resent { ballot, slots });
        }
        let chosen_upto = self.first_unknown();
        for to in 0..self.n {
            if to != self.id {
                self.send(
                    to,
                    PaxosMsg::Heartbeat {
                        ballot,
                        chosen_upto,
                    },
                );
            }
        }
        for (to, m) in again {
            self.send(to, m);
        }
        let every = self.config.heartbeat;
        self.set_timer(PaxosTimer::Heartbeat, Delay::Exactly(every));
    }

    /// A heartbeat from a leader. One with a ballot below what this node has seen is stale
    /// (a deposed leader that does not know it yet, like a resumed SIGSTOPped master): it is
    /// not followed, and with NACKs on the sender is told. Either way a learner that is
    /// behind asks the sender for the chosen values it lacks.
    pub(super) fn on_heartbeat(&mut self, from: NodeId, ballot: Ballot, chosen_upto: u64) {
        if !self.config.multi {
            return;
        }
        let known = self.max_seen;
        if ballot < known {
            let nack = self.config.nacks;
            self.note(PaxosNote::StaleHeartbeat {
                from,
                ballot,
                known,
                nack,
            });
            if nack {
                self.send(
                    from,
                    PaxosMsg::Nack {
                        ballot,
                        promised: known,
                    },
                );
            }
        } else {
            self.observe(ballot);
            self.outranked(ballot, StepDownCause::Heartbeat { from });
            self.follow(from, ballot);
        }
        // What a leader knows to be chosen stays true even after it is deposed.
        let mine = self.first_unknown();
        if self.roles().learner && chosen_upto > mine {
            self.send(from, PaxosMsg::CatchUp { from: mine });
        }
    }

    /// Recognise `leader` (of `ballot`): reset the election timer, send waiting clients there.
    pub(super) fn follow(&mut self, leader: NodeId, ballot: Ballot) {
        if leader == self.id || self.is_leader() {
            return;
        }
        if self.leader != Some(leader) {
            self.leader = Some(leader);
            self.note(PaxosNote::FollowLeader { leader, ballot });
            for r in std::mem::take(&mut self.pending) {
                self.note(PaxosNote::Redirected {
                    request: r.id,
                    leader: Some(leader),
                    to_leader: true,
                });
                self.reply(
                    r.id,
                    ClientOutcome::Redirect {
                        leader: Some(leader),
                    },
                );
            }
        }
        if self.roles().proposer && !matches!(self.phase, Phase::Preparing { .. }) {
            self.arm_retry();
        }
    }

    /// Anyone asked for chosen values sends what it knows from `from_slot` on.
    pub(super) fn on_catch_up(&mut self, to: NodeId, from_slot: u64) {
        let entries: Vec<(u64, String)> = self
            .durable
            .chosen
            .range(from_slot..)
            .take(CATCH_UP_BATCH)
            .map(|(&s, v)| (s, v.clone()))
            .collect();
        if entries.is_empty() {
            return;
        }
        self.note(PaxosNote::CatchUpSent {
            to,
            from_slot,
            count: entries.len(),
        });
        self.send(to, PaxosMsg::Chosen { entries });
    }

    /// Multi-Paxos: a leader or candidate whose ballot is below `higher` gives up.
    pub(super) fn outranked(&mut self, higher: Ballot, cause: StepDownCause) {
        if !self.config.multi {
            return;
        }
        match &self.phase {
            Phase::Preparing { ballot, .. } | Phase::Leading { ballot, .. } if *ballot < higher => {
                self.step_down(higher, cause)
            }
            _ => {}
        }
    }

    /// Gives up leadership (or candidacy): commands in flight are answered Unknown (the next
    /// leader may still choose them), queued ones wait for the next leader.
    pub(super) fn step_down(&mut self, higher: Ballot, cause: StepDownCause) {
        let (ballot, was_leader) = match std::mem::take(&mut self.phase) {
            Phase::Leading {
                ballot, proposals, ..
            } => {
                for (slot, p) in proposals {
                    for request in p.requests {
                        self.note(PaxosNote::Dropped { request, slot });
                        self.reply(
                            request,
                            ClientOutcome::Unknown {
                                why: NoAnswer::Deposed,
                            },
                        );
                    }
                }
                self.cancel_timer(PaxosTimer::Heartbeat);
                (ballot, true)
            }
            Phase::Preparing { ballot, .. } => (ballot, false),
            other => {
                self.phase = other;
                return;
            }
        };
        if self.leader == Some(self.id) {
            self.leader = None;
        }
        self.note(PaxosNote::SteppedDown {
            ballot,
            higher,
            leader: was_leader,
            cause,
        });
        self.arm_retry();
    }

    /// Multi-Paxos client request: the leader proposes it (phase 2 only); others redirect to
    /// the leader they know; a proposer that knows no leader keeps it until one is known.
    pub(super) fn client_multi(&mut self, r: ClientRequest) {
        if self.is_leader() {
            self.propose_command(r);
            return;
        }
        let leader = self.leader.filter(|&l| l != self.id);
        if leader.is_some() || !self.roles().proposer {
            self.note(PaxosNote::Redirected {
                request: r.id,
                leader,
                to_leader: true,
            });
            self.reply(r.id, ClientOutcome::Redirect { leader });
            return;
        }
        let ballot = self.ballot();
        self.note(PaxosNote::Queued {
            request: r.id,
            value: r.value.clone(),
            ballot,
        });
        self.pending.push(r);
    }
}
