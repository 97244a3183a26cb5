//! English text of the Paxos explanations.

use super::ballot::Ballot;
use super::note::{list, slots, How, IdleReason, PaxosNote, StepDownCause, Why};
use crate::core::{Names, NodeId};

fn nm(names: &Names, i: NodeId) -> String {
    crate::core::name(names, i).to_string()
}

fn b_or_nothing(names: &Names, b: Ballot) -> String {
    if b.is_zero() {
        "nothing".into()
    } else {
        b.named(names)
    }
}

fn in_slot(slot: Option<u64>) -> String {
    slot.map(|s| format!(" in slot {s}")).unwrap_or_default()
}

impl PaxosNote {
    pub(super) fn english(&self, names: &Names) -> String {
        use PaxosNote::*;
        let n = |i: NodeId| nm(names, i);
        // Ballots print with their proposer's name ("1.n1"), as the captions write them.
        let bn = |b: &Ballot| b.named(names);
        match self {
            Restarted {
                promised,
                accepted,
                chosen,
                ballot,
            } => format!(
                "restarted from stable storage: promise {}, {accepted} accepted proposal(s), {chosen} chosen value(s), last ballot used {} — all survived the crash",
                b_or_nothing(names, *promised),
                b_or_nothing(names, *ballot)
            ),
            RestartedWithoutPromise {
                accepted,
                chosen,
                ballot,
            } => format!(
                "restarted from stable storage without its promise (above): {accepted} accepted proposal(s), {chosen} chosen value(s) and last ballot used {} survived the crash",
                b_or_nothing(names, *ballot)
            ),
            ForgotPromiseAndAccepted { promised, accepted } => format!(
                "restarted and FORGOT its promise {} and its {accepted} accepted proposal(s) — UNSAFE teaching switch",
                b_or_nothing(names, *promised)
            ),
            RestartedWithoutAccepted { chosen, ballot } => format!(
                "restarted with only {chosen} chosen value(s) and last ballot used {} (no promise, nothing accepted)",
                b_or_nothing(names, *ballot)
            ),
            ForgotPromise { was } => format!(
                "restarted and FORGOT its promise {} — UNSAFE teaching switch: an acceptor must keep its promise on stable storage",
                bn(was)
            ),
            Phase1 {
                ballot,
                from_slot,
                why,
            } => {
                let ballot = bn(ballot);
                match why {
                Why::Client { request } => format!(
                    "received request #{request}: starts phase 1 with ballot {ballot}, sending Prepare({ballot}) to the acceptors"
                ),
                Why::Retry { old } => format!(
                    "timed out waiting for ballot {} to succeed: retries phase 1 with the higher ballot {ballot}",
                    b_or_nothing(names, *old)
                ),
                Why::AfterAbandon { old } => format!(
                    "retries after abandoning ballot {}: its retry timer fired, so it starts phase 1 again with the higher ballot {ballot}",
                    b_or_nothing(names, *old)
                ),
                Why::Election { silent } => {
                    let who = silent
                        .map(|l| format!(" from the leader {}", n(l)))
                        .unwrap_or_else(|| " from any leader".into());
                    format!(
                        "heard no heartbeat{who}: stands for leader with ballot {ballot}, sending Prepare({ballot}) for every slot from {from_slot} on (one phase 1 for all slots: an implicit promise request)"
                    )
                }
                }
            }
            Queued {
                request,
                value,
                ballot,
            } => match ballot {
                Some(b) => format!(
                    "queued request #{request} \"{value}\": it is already working on ballot {}",
                    bn(b)
                ),
                None => format!(
                    "queued request #{request} \"{value}\": it will propose once it can (at its next retry, or once it leads)"
                ),
            },
            Phase2 {
                ballot,
                value,
                adopted,
                own,
                promisers,
            } => {
                let ballot = bn(ballot);
                match adopted {
                Some(b) => {
                    let not_own = match own {
                        Some(o) if o != value => format!(", not its own \"{o}\""),
                        _ => String::new(),
                    };
                    format!(
                        "has promises for {ballot} from a majority ({}); the highest-numbered proposal they accepted is {} = \"{value}\", so it must propose \"{value}\"{not_own}: sends Accept({ballot}, \"{value}\")",
                        list(names, promisers),
                        bn(b)
                    )
                }
                None => format!(
                    "has promises for {ballot} from a majority ({}), none of which accepted anything, so it may propose its own value: sends Accept({ballot}, \"{value}\")",
                    list(names, promisers)
                ),
                }
            }
            NothingToPropose { ballot } => format!(
                "has a majority of promises for {} but nothing to propose: no client value, and no acceptor accepted anything",
                bn(ballot)
            ),
            BecameLeader {
                ballot,
                promisers,
                from_slot,
                recovered,
                holes,
            } => {
                let mut s = format!(
                    "has promises for {} from a majority ({}): it is the leader for every slot from {from_slot} on",
                    bn(ballot),
                    list(names, promisers)
                );
                if !recovered.is_empty() {
                    s.push_str(&format!(
                        "; in {} it re-proposes the value of the highest-numbered proposal its promisers accepted, as P2c requires",
                        slots(recovered)
                    ));
                }
                if !holes.is_empty() {
                    let (what, noops) = if holes.len() == 1 {
                        ("the hole in", "a no-op")
                    } else {
                        ("the holes in", "no-ops")
                    };
                    s.push_str(&format!(
                        "; fills {what} {} with {noops}, since nothing was accepted there",
                        slots(holes)
                    ));
                }
                s.push_str("; new commands will skip phase 1");
                s
            }
            SkipPhase1 {
                ballot,
                slot,
                request,
                value,
            } => format!(
                "puts request #{request} \"{value}\" in slot {slot} and sends Accept({b}) at once, skipping phase 1: the promises it won for {b} cover every slot, this one included",
                b = bn(ballot)
            ),
            Abandoned {
                ballot,
                promised,
                by,
                backoff,
            } => {
                // The retry happens only if no value is known to be chosen by then
                // (`single_timeout`), so the note says "unless".
                let then = if *backoff {
                    "backs off for a random time, then retries with a higher ballot unless it has learned the chosen value by then"
                } else {
                    "will retry with a higher ballot when its fixed retry timer fires (no backoff), unless it has learned the chosen value by then"
                };
                format!(
                    "abandons ballot {}: {} promised {} (NACK); it {then}",
                    bn(ballot),
                    n(*by),
                    bn(promised)
                )
            }
            SteppedDown {
                ballot,
                higher,
                leader,
                cause,
            } => {
                let (ballot, higher) = (bn(ballot), bn(higher));
                let why = match cause {
                    StepDownCause::Nack { by } => format!("{} refused it, having promised {higher}", n(*by)),
                    StepDownCause::Promised { to } => {
                        format!("its own acceptor went over to ballot {higher} of {}", n(*to))
                    }
                    StepDownCause::Heartbeat { from } => {
                        format!("{} leads with the higher ballot {higher}", n(*from))
                    }
                };
                if *leader {
                    format!("lost leadership of ballot {ballot}: {why}; it steps down and follows")
                } else {
                    format!("stops standing for leader with ballot {ballot}: {why}")
                }
            }
            Answered {
                request,
                slot,
                chosen,
                asked,
            } => {
                let at = in_slot(*slot);
                if chosen == asked {
                    format!("answers request #{request}: \"{chosen}\" is chosen{at}")
                } else {
                    format!(
                        "answers request #{request}: a value is chosen{at}, but it is \"{chosen}\", not the client's \"{asked}\""
                    )
                }
            }
            AlreadyChosen {
                request,
                value,
                asked,
            } => {
                let theirs = if value != asked {
                    format!(" (not the client's \"{asked}\")")
                } else {
                    String::new()
                };
                format!(
                    "answers request #{request} at once: \"{value}\" is already chosen{theirs}; it tells the learners again"
                )
            }
            Redirected {
                request,
                leader,
                to_leader,
            } => match (leader, to_leader) {
                (Some(l), true) => format!("redirects request #{request} to the leader {}", n(*l)),
                (Some(l), false) => format!(
                    "is not a proposer: redirects request #{request} to the proposer {}",
                    n(*l)
                ),
                (None, _) => format!("cannot take request #{request}: it knows no leader"),
            },
            Resent { ballot, slots: s } => format!(
                "sends Accept({}) again for {} with its heartbeat, to the acceptors it has not heard Accepted from: an Accept or its answer may have been lost",
                bn(ballot),
                slots(s)
            ),
            Dropped { request, slot } => format!(
                "gives up request #{request} in slot {slot}: it is no longer leader and cannot tell whether a later leader will choose this command there"
            ),
            TimeoutIgnored { why } => match why {
                IdleReason::Leading => "timer fired, but it is the leader: nothing to do".into(),
                IdleReason::NotProposer => {
                    "timer fired, but it is not a proposer: only proposers stand for leader".into()
                }
                IdleReason::NothingToPropose => {
                    "timer fired, but it has no request to propose and is not a learner".into()
                }
                IdleReason::AlreadyChosen { value } => {
                    format!("timer fired, but it already knows \"{value}\" is chosen")
                }
            },
            Promised {
                ballot,
                to,
                previous,
                first,
                count,
                from_slot,
                all_slots,
            } => {
                let before = if previous.is_zero() {
                    "it had promised nothing before".to_string()
                } else {
                    format!("it had promised only {}", bn(previous))
                };
                let report = match (count, first) {
                    (0, _) if *all_slots => {
                        format!("it has accepted nothing from slot {from_slot} on")
                    }
                    (0, _) => "it has accepted nothing".to_string(),
                    (1, Some(p)) if !*all_slots => format!(
                        "it reports its highest-numbered accepted proposal, {} = \"{}\"",
                        bn(&p.ballot),
                        p.value
                    ),
                    (1, Some(p)) => format!(
                        "it reports what it accepted: {} = \"{}\" in slot {}",
                        bn(&p.ballot),
                        p.value,
                        p.slot
                    ),
                    _ => format!(
                        "it reports the highest-numbered proposal it accepted in each of {count} slots from slot {from_slot} on"
                    ),
                };
                let scope = if *all_slots {
                    format!(" for every slot from {from_slot} on at once (an implicit promise)")
                } else {
                    String::new()
                };
                format!("promised {} to {}{scope}: {before}; {report}", bn(ballot), n(*to))
            }
            RejectedPrepare {
                ballot,
                from,
                promised,
                nack,
            } => format!(
                "ignored Prepare({}) from {}: it promised {}{}",
                bn(ballot),
                n(*from),
                bn(promised),
                if *nack { ", and says so (NACK)" } else { "" }
            ),
            Accepted {
                ballot,
                slot,
                value,
                from,
                implicit,
                again,
            } => {
                let ballot = bn(ballot);
                if *again {
                    format!(
                        "accepted {ballot} = \"{value}\"{} from {} again: it had already accepted this very proposal (the Accept was sent again), so nothing changes",
                        in_slot(*slot),
                        n(*from)
                    )
                } else if *implicit {
                    format!(
                        "accepted {ballot} = \"{value}\"{} from {}: it has promised nothing higher; its promise for {ballot} covers every slot, so this one needs no Prepare of its own",
                        in_slot(*slot),
                        n(*from)
                    )
                } else {
                    format!(
                        "accepted {ballot} = \"{value}\"{} from {}: it has promised nothing higher",
                        in_slot(*slot),
                        n(*from)
                    )
                }
            }
            RejectedAccept {
                ballot,
                slot,
                from,
                promised,
                nack,
            } => format!(
                "ignored Accept({}){} from {}: it promised {}{}",
                bn(ballot),
                in_slot(*slot),
                n(*from),
                bn(promised),
                if *nack { ", and says so (NACK)" } else { "" }
            ),
            Learned { slot, value, how } => match how {
                How::Accepted { ballot, acceptors } => format!(
                    "learned that \"{value}\" is chosen{}: a majority ({}) accepted it in the same ballot {}",
                    in_slot(*slot),
                    list(names, acceptors),
                    bn(ballot)
                ),
                How::Told { by } => format!(
                    "learned from {} that \"{value}\" is chosen{}",
                    n(*by),
                    in_slot(*slot)
                ),
                How::Read { ballot, acceptors } => format!(
                    "ran phase 1 itself and learned that \"{value}\" is chosen: a majority ({}) report accepting it in ballot {}",
                    list(names, acceptors),
                    bn(ballot)
                ),
            },
            Conflict { slot, known, other } => format!(
                "was told that \"{other}\" is chosen{}, but it learned \"{known}\" — two different values are chosen, safety is broken",
                in_slot(*slot)
            ),
            ReadStarted { ballot } => format!(
                "has nothing to propose but wants to know the chosen value: runs phase 1 itself with ballot {} (it will send no Accept)",
                bn(ballot)
            ),
            ReadNothing { ballot, replied } => format!(
                "read with ballot {}: a majority ({}) accepted nothing, so no value is chosen yet",
                bn(ballot),
                list(names, replied)
            ),
            ReadUnsure { ballot, highest } => match highest {
                Some((b, v)) => format!(
                    "read with ballot {}: no majority reports the same accepted ballot; the highest is {} = \"{v}\", which may be chosen, but only a proposer finishing phase 2 can make sure",
                    bn(ballot),
                    bn(b)
                ),
                None => format!("read with ballot {}: no answer settles it", bn(ballot)),
            },
            ReadFailed {
                ballot,
                promised,
                by,
            } => format!(
                "read with ballot {} was refused by {}, which promised {}; it can try again on its next timeout",
                bn(ballot),
                n(*by),
                bn(promised)
            ),
            FollowLeader { leader, ballot } => {
                format!("follows {}, the leader of ballot {}", n(*leader), bn(ballot))
            }
            StaleHeartbeat {
                from,
                ballot,
                known,
                nack,
            } => format!(
                "ignored a heartbeat from {} for ballot {}: it has seen the newer ballot {}{}",
                n(*from),
                bn(ballot),
                bn(known),
                if *nack { ", and says so (NACK)" } else { "" }
            ),
            CatchUpSent {
                to,
                from_slot,
                count,
            } => format!(
                "sends {} the {count} chosen value(s) it knows from slot {from_slot} on, so it can catch up",
                n(*to)
            ),
            Stale {
                from,
                kind,
                ballot,
                current,
            } => {
                if *current == Some(*ballot) {
                    format!(
                        "ignored a late {kind} from {} for {}: it already has what it needs",
                        n(*from),
                        bn(ballot)
                    )
                } else {
                    format!(
                        "ignored a {kind} from {} for {}: it is no longer working on that ballot (now: {})",
                        n(*from),
                        bn(ballot),
                        current.map(|b| bn(&b)).unwrap_or_else(|| "none".into())
                    )
                }
            }
        }
    }
}
