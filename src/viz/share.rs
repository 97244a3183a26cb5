//! Share links: the whole session (protocol, setup with seed, every user action, the moment
//! shown) as URL-safe text. Opening a link replays exactly the same run. Decoding validates
//! everything, so a damaged or tampered link gets a clear message, never a panic or a hang.
//!
//! The bytes are [postcard](https://docs.rs/postcard)'s compact binary form of [`Shared`],
//! then URL-safe base64: shorter links than JSON, and a much smaller decoder in the browser
//! module.

use super::base64;
use crate::core::paxos::PaxosNode;
use crate::core::raft::RaftNode;
use crate::core::{Protocol, Time, MS};
use crate::limits::{check_index, check_term, LATENCY};
use crate::sim::{Action, NetConfig, Recorded, Setup};
use serde::{Deserialize, Serialize};

/// The share format's version (1 was JSON; 2 is postcard).
pub const VERSION: u32 = 2;
/// Limits that keep a replay quick in a browser tab.
pub const MAX_LINK: usize = 400_000;
pub const MAX_ACTIONS: usize = 20_000;
pub const MAX_TIME: Time = 3_600_000 * MS;
/// An action may lie at most this many events into the run: replaying a link never takes
/// more events than one seek may ([`crate::limits::MAX_SEEK_EVENTS`]).
pub const MAX_EVENTS: u64 = crate::limits::MAX_SEEK_EVENTS;

/// A shared session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Shared {
    Raft {
        v: u32,
        setup: Setup<RaftNode>,
        actions: Vec<Recorded>,
        at: Time,
    },
    Paxos {
        v: u32,
        setup: Setup<PaxosNode>,
        actions: Vec<Recorded>,
        at: Time,
    },
}

pub fn encode(shared: &Shared) -> String {
    base64::encode(&postcard::to_allocvec(shared).unwrap_or_default())
}

fn check_net(net: &NetConfig) -> Result<(), String> {
    let p = |name: &str, x: f64| {
        if (0.0..=1.0).contains(&x) {
            Ok(())
        } else {
            Err(format!(
                "{name} {} is not a probability between 0 and 1",
                crate::core::Fixed(x, 3)
            ))
        }
    };
    p("loss", net.loss)?;
    p("duplication", net.duplicate)?;
    p("reordering", net.reorder)?;
    let en = crate::core::Lang::En;
    LATENCY.check_range((net.latency_min, net.latency_max), en)?;
    LATENCY.check(net.reorder_delay, en)
}

fn check_setup<P: Protocol>(setup: &Setup<P>) -> Result<(), String> {
    let n = setup.names.len();
    if !(1..=9).contains(&n) {
        return Err(format!("a cluster has 1 to 9 nodes, not {n}"));
    }
    for (i, name) in setup.names.iter().enumerate() {
        if name.is_empty() || name.chars().count() > 16 {
            return Err(format!("node {} has an empty or over-long name", i + 1));
        }
        if setup.names[..i].contains(name) {
            return Err(format!("two nodes are named '{name}'"));
        }
    }
    if setup.durable.len() > n {
        return Err("there is durable state for more nodes than the cluster has".into());
    }
    check_net(&setup.net)
}

fn check_actions(actions: &[Recorded], at: Time) -> Result<(), String> {
    if actions.len() > MAX_ACTIONS {
        return Err(format!(
            "too many actions ({} > {MAX_ACTIONS})",
            actions.len()
        ));
    }
    if at > MAX_TIME {
        return Err("the moment shown lies too far in the future".into());
    }
    let mut last = (0, 0);
    for (k, r) in actions.iter().enumerate() {
        if r.events > MAX_EVENTS || r.time > MAX_TIME {
            return Err(format!("action {} lies too far in the future", k + 1));
        }
        if (r.events, r.time) < last || r.time < last.1 {
            return Err(format!("action {} is out of order", k + 1));
        }
        last = (r.events, r.time);
        if let Action::Latency { min, max } = r.action {
            LATENCY
                .check_range((min, max), crate::core::Lang::En)
                .map_err(|e| format!("action {}: {e}", k + 1))?;
        }
    }
    Ok(())
}

/// Decodes and validates a link's text (the part after `#share=` or `?s=`).
pub fn decode(text: &str) -> Result<Shared, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the share link is empty".into());
    }
    if text.len() > MAX_LINK {
        return Err(format!(
            "the share link is too long ({} characters)",
            text.len()
        ));
    }
    let bytes = base64::decode(text)?;
    let damaged = |why: &str| format!("the share link's contents are damaged ({why})");
    let (shared, rest): (Shared, &[u8]) = postcard::take_from_bytes(&bytes).map_err(|e| {
        damaged(match e {
            postcard::Error::DeserializeUnexpectedEnd => "it ends too early",
            postcard::Error::DeserializeBadEncoding | postcard::Error::DeserializeBadUtf8 => {
                "a value is not what the format allows there"
            }
            _ => "it does not describe a session",
        })
    })?;
    if !rest.is_empty() {
        return Err(damaged(&format!(
            "{} bytes too many at the end",
            rest.len()
        )));
    }
    match &shared {
        Shared::Raft {
            v,
            setup,
            actions,
            at,
        } => {
            if *v != VERSION {
                return Err(format!("share format version {v} is not supported"));
            }
            check_setup(setup)?;
            setup.config.validate()?;
            let n = setup.names.len();
            if setup
                .durable
                .iter()
                .any(|d| d.voted_for.is_some_and(|v| v >= n))
            {
                return Err("a node's vote names a node that does not exist".into());
            }
            for d in &setup.durable {
                check_term("a node's term", d.current_term)?;
                check_index("a node's log length", d.last_index())?;
                for e in d.log() {
                    check_term("a log entry's term", e.term)?;
                    if let crate::core::raft::Command::Value { request, .. } = e.command {
                        check_index("a log entry's request number", request)?;
                    }
                }
            }
            check_actions(actions, *at)?;
        }
        Shared::Paxos {
            v,
            setup,
            actions,
            at,
        } => {
            if *v != VERSION {
                return Err(format!("share format version {v} is not supported"));
            }
            check_setup(setup)?;
            setup.config.validate(setup.names.len())?;
            let n = setup.names.len();
            let bad = setup.durable.iter().any(|d| {
                d.promised.proposer >= n
                    || d.ballot.proposer >= n
                    || d.accepted.values().any(|(b, _)| b.proposer >= n)
            });
            if bad {
                return Err("a ballot names a proposer that does not exist".into());
            }
            for d in &setup.durable {
                check_term("a promised ballot's round", d.promised.round)?;
                check_term("a proposer's ballot round", d.ballot.round)?;
                for (slot, (b, _)) in d.accepted.iter() {
                    check_index("a slot", *slot)?;
                    check_term("an accepted ballot's round", b.round)?;
                }
                for slot in d.chosen.keys() {
                    check_index("a slot", *slot)?;
                }
            }
            check_actions(actions, *at)?;
        }
    }
    Ok(shared)
}
