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
use crate::core::{Lang, Protocol, Time, MS};
use crate::limits::{LATENCY, MAX_INDEX, MAX_TERM};
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

/// The reason in the page's language: every reason a link is refused is written in both
/// (issue 22: refused with a located, translated message).
macro_rules! say {
    ($lang:expr, $en:literal, $zh:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::core::Lang::En => format!($en $(, $arg)*),
            $crate::core::Lang::Zh => format!($zh $(, $arg)*),
        }
    };
}
pub(crate) use say;

/// A number a link gives that must not exceed `max` (a term, ballot round, index or slot:
/// [`crate::limits`]). `what` is (English, Chinese).
fn at_most(what: (&str, &str), value: u64, max: u64, lang: Lang) -> Result<(), String> {
    if value <= max {
        return Ok(());
    }
    Err(say!(
        lang,
        "{} {value} is too large: at most {max}",
        "{} {value} 过大：最多为 {max}",
        in_lang(what, lang)
    ))
}

/// The English or the Chinese name of a field, for the page's language.
fn in_lang<'a>(name: (&'a str, &'a str), lang: Lang) -> &'a str {
    match lang {
        Lang::En => name.0,
        Lang::Zh => name.1,
    }
}

pub fn encode(shared: &Shared) -> String {
    base64::encode(&postcard::to_allocvec(shared).unwrap_or_default())
}

fn check_net(net: &NetConfig, lang: Lang) -> Result<(), String> {
    let p = |name: (&str, &str), x: f64| {
        if (0.0..=1.0).contains(&x) {
            return Ok(());
        }
        let x = crate::core::Fixed(x, 3);
        Err(say!(
            lang,
            "{} {x} is not a probability between 0 and 1",
            "{}概率 {x} 不在 0 到 1 之间",
            in_lang(name, lang)
        ))
    };
    p(("loss", "丢包"), net.loss)?;
    p(("duplication", "重复"), net.duplicate)?;
    p(("reordering", "乱序"), net.reorder)?;
    LATENCY.check_range((net.latency_min, net.latency_max), lang)?;
    LATENCY.check(net.reorder_delay, lang)
}

fn check_setup<P: Protocol>(setup: &Setup<P>, lang: Lang) -> Result<(), String> {
    let n = setup.names.len();
    if !(1..=9).contains(&n) {
        return Err(say!(
            lang,
            "a cluster has 1 to 9 nodes, not {n}",
            "集群有 1 到 9 个节点，而不是 {n} 个"
        ));
    }
    for (i, name) in setup.names.iter().enumerate() {
        if name.is_empty() || name.chars().count() > 16 {
            return Err(say!(
                lang,
                "node {} has an empty or over-long name",
                "第 {} 个节点的名字为空或过长",
                i + 1
            ));
        }
        if setup.names[..i].contains(name) {
            return Err(say!(
                lang,
                "two nodes are named '{name}'",
                "有两个节点都叫“{name}”"
            ));
        }
    }
    if setup.durable.len() > n {
        return Err(say!(
            lang,
            "there is durable state for more nodes than the cluster has",
            "持久化状态的节点数多于集群的节点数"
        ));
    }
    check_net(&setup.net, lang)
}

fn check_actions(actions: &[Recorded], at: Time, lang: Lang) -> Result<(), String> {
    if actions.len() > MAX_ACTIONS {
        return Err(say!(
            lang,
            "too many actions ({} > {MAX_ACTIONS})",
            "操作过多（{} > {MAX_ACTIONS}）",
            actions.len()
        ));
    }
    if at > MAX_TIME {
        return Err(say!(
            lang,
            "the moment shown lies too far in the future",
            "所显示的时刻太远"
        ));
    }
    let mut last = (0, 0);
    for (k, r) in actions.iter().enumerate() {
        let k = k + 1;
        if r.events > MAX_EVENTS || r.time > MAX_TIME {
            return Err(say!(
                lang,
                "action {k} lies too far in the future",
                "第 {k} 个操作的时刻太远"
            ));
        }
        if (r.events, r.time) < last || r.time < last.1 {
            return Err(say!(
                lang,
                "action {k} is out of order",
                "第 {k} 个操作的顺序不对"
            ));
        }
        last = (r.events, r.time);
        if let Action::Latency { min, max } = r.action {
            LATENCY
                .check_range((min, max), lang)
                .map_err(|e| say!(lang, "action {k}: {e}", "第 {k} 个操作：{e}"))?;
        }
    }
    Ok(())
}

/// Decodes and validates a link's text (the part after `#share=` or `?s=`); a refusal says
/// why in English ([`decode_in`] for the page's language).
pub fn decode(text: &str) -> Result<Shared, String> {
    decode_in(text, Lang::En)
}

/// [`decode`], with the reason for a refusal in `lang`.
pub fn decode_in(text: &str, lang: Lang) -> Result<Shared, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(say!(lang, "the share link is empty", "分享链接是空的"));
    }
    if text.len() > MAX_LINK {
        return Err(say!(
            lang,
            "the share link is too long ({} characters)",
            "分享链接过长（{} 个字符）",
            text.len()
        ));
    }
    let bytes = base64::decode(text).map_err(|e| e.text(lang))?;
    let damaged = |why: String| {
        say!(
            lang,
            "the share link's contents are damaged ({why})",
            "分享链接的内容已损坏（{why}）"
        )
    };
    let (shared, rest): (Shared, &[u8]) = postcard::take_from_bytes(&bytes).map_err(|e| {
        damaged(match e {
            postcard::Error::DeserializeUnexpectedEnd => {
                say!(lang, "it ends too early", "内容提前结束")
            }
            postcard::Error::DeserializeBadEncoding | postcard::Error::DeserializeBadUtf8 => say!(
                lang,
                "a value is not what the format allows there",
                "某个值不符合该处的格式"
            ),
            _ => say!(
                lang,
                "it does not describe a session",
                "它描述的不是一个会话"
            ),
        })
    })?;
    if !rest.is_empty() {
        return Err(damaged(say!(
            lang,
            "{} bytes too many at the end",
            "末尾多出 {} 个字节",
            rest.len()
        )));
    }
    let version = |v: u32| {
        if v == VERSION {
            Ok(())
        } else {
            Err(say!(
                lang,
                "share format version {v} is not supported",
                "不支持第 {v} 版分享格式"
            ))
        }
    };
    let term = |what, t| at_most(what, t, MAX_TERM, lang);
    let index = |what, i| at_most(what, i, MAX_INDEX, lang);
    match &shared {
        Shared::Raft {
            v,
            setup,
            actions,
            at,
        } => {
            version(*v)?;
            check_setup(setup, lang)?;
            setup.config.validate_in(lang)?;
            let n = setup.names.len();
            if setup
                .durable
                .iter()
                .any(|d| d.voted_for.is_some_and(|v| v >= n))
            {
                return Err(say!(
                    lang,
                    "a node's vote names a node that does not exist",
                    "某个节点的投票对象是不存在的节点"
                ));
            }
            for d in &setup.durable {
                term(("a node's term", "节点的任期"), d.current_term)?;
                index(("a node's log length", "节点的日志长度"), d.last_index())?;
                for e in d.log() {
                    term(("a log entry's term", "日志条目的任期"), e.term)?;
                    if let crate::core::raft::Command::Value { request, .. } = e.command {
                        index(
                            ("a log entry's request number", "日志条目的请求编号"),
                            request,
                        )?;
                    }
                }
            }
            check_actions(actions, *at, lang)?;
        }
        Shared::Paxos {
            v,
            setup,
            actions,
            at,
        } => {
            version(*v)?;
            check_setup(setup, lang)?;
            setup.config.validate_in(setup.names.len(), lang)?;
            let n = setup.names.len();
            let bad = setup.durable.iter().any(|d| {
                d.promised.proposer >= n
                    || d.ballot.proposer >= n
                    || d.accepted.values().any(|(b, _)| b.proposer >= n)
            });
            if bad {
                return Err(say!(
                    lang,
                    "a ballot names a proposer that does not exist",
                    "某个提案编号属于不存在的提议者"
                ));
            }
            for d in &setup.durable {
                term(
                    ("a promised ballot's round", "已承诺提案编号的轮次"),
                    d.promised.round,
                )?;
                term(
                    ("a proposer's ballot round", "提议者提案编号的轮次"),
                    d.ballot.round,
                )?;
                for (slot, (b, _)) in d.accepted.iter() {
                    index(("a slot", "槽位"), *slot)?;
                    term(
                        ("an accepted ballot's round", "已接受提案编号的轮次"),
                        b.round,
                    )?;
                }
                for slot in d.chosen.keys() {
                    index(("a slot", "槽位"), *slot)?;
                }
            }
            check_actions(actions, *at, lang)?;
        }
    }
    Ok(shared)
}
