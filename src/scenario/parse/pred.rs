//! Conditions: what `expect` checks, `run until` and `when` wait for, and `never` forbids.

use super::command::route;
use super::ctx::{number, unknown, Ctx};
use crate::scenario::ast::{BallotLit, EntryLit, NodeIs, Pred, ProtocolKind, ReqIs};
use crate::scenario::error::LineError;
use crate::scenario::lex::{Cursor, Kind};
use crate::scenario::units::{self, Cmp};

/// Words that can start a condition (besides a node name).
pub(crate) const PRED_WORDS: &[&str] = &[
    "not",
    "stable",
    "leader",
    "no",
    "chosen",
    "request",
    "violation",
    "sent",
];

/// Words that can follow a node name in a condition.
pub(crate) const NODE_PRED_WORDS: &[&str] = &[
    "is", "term", "vote", "follows", "log", "commit", "promised", "accepted", "learned", "ballot",
    "proposes",
];

/// Parses one condition.
pub(crate) fn pred(ctx: &Ctx, c: &mut Cursor) -> Result<Pred, LineError> {
    pred_at(ctx, c, 0)
}

/// Parses one condition nested `depth` deep in `not`s. The depth is bounded
/// ([`crate::limits::MAX_NESTING`]) so that a line of thousands of `not`s is an error, not a
/// stack overflow (here, or when the condition is evaluated or dropped).
fn pred_at(ctx: &Ctx, c: &mut Cursor, depth: usize) -> Result<Pred, LineError> {
    let Some(tok) = c.peek() else {
        return Err(c.expected("a condition (`leader n1`, `n2 is follower`, `stable`, …)"));
    };
    if tok.kind == Kind::Word {
        match tok.text.as_str() {
            "not" => {
                if depth >= crate::limits::MAX_NESTING {
                    return Err(LineError::new(
                        tok.col,
                        format!(
                            "conditions nest at most {} deep (too many `not`s)",
                            crate::limits::MAX_NESTING
                        ),
                    ));
                }
                c.next();
                return Ok(Pred::Not(Box::new(pred_at(ctx, c, depth + 1)?)));
            }
            "stable" => {
                c.next();
                return Ok(Pred::Stable);
            }
            "leader" => {
                c.next();
                return leader(ctx, c);
            }
            "no" => {
                c.next();
                if !c.eat("leader") {
                    return Err(c.expected("`leader` (as in `no leader`)"));
                }
                return Ok(Pred::Not(Box::new(leader(ctx, c)?)));
            }
            "chosen" => {
                c.next();
                ctx.require(tok, ProtocolKind::Paxos, "a condition")?;
                let slot = slot(c)?;
                let value = value_or_none(c, "the chosen value or `none`")?;
                return Ok(Pred::Chosen { slot, value });
            }
            "request" => {
                c.next();
                return request(ctx, c);
            }
            "violation" => {
                c.next();
                return violation(c);
            }
            "sent" => {
                c.next();
                return sent(ctx, c);
            }
            _ => {}
        }
    }
    if let Some(names) = &ctx.names {
        if tok.kind == Kind::Word && !names.contains(&tok.text) {
            let mut words: Vec<&str> = PRED_WORDS.to_vec();
            words.extend(names.iter().map(String::as_str));
            return Err(unknown(
                tok,
                "a condition (`leader …`, `no leader`, `stable`, `request …`, `violation …`, \
                 `chosen …`, `sent …`, `not …`, or a node name)",
                &words,
            ));
        }
    }
    let node = ctx.node(c)?;
    let Some(what) = c.peek().filter(|t| t.kind == Kind::Word) else {
        return Err(c.expected(
            "what to check about the node (`is`, `term`, `vote`, `follows`, `log`, `commit`, \
             `promised`, `accepted`, `learned`)",
        ));
    };
    c.next();
    let raft = |what_is| ctx.require(what, ProtocolKind::Raft, what_is);
    let paxos = |what_is| ctx.require(what, ProtocolKind::Paxos, what_is);
    match what.text.as_str() {
        "is" => {
            let negate = c.eat("not");
            let words: Vec<&str> = NodeIs::ALL
                .iter()
                .filter(|(_, _, p)| p.is_none() || ctx.protocol.is_none() || *p == ctx.protocol)
                .map(|(_, w, _)| *w)
                .collect();
            let what = format!("a role or status ({})", words.join(", "));
            let t = c.word(&what)?;
            let Some(&(is, _, proto)) = NodeIs::ALL.iter().find(|(_, w, _)| *w == t.text) else {
                return Err(unknown(t, &what, &words));
            };
            if let Some(p) = proto {
                ctx.require(t, p, "a role or phase")?;
            }
            let p = Pred::Is { node, what: is };
            Ok(if negate { Pred::Not(Box::new(p)) } else { p })
        }
        "term" => {
            raft("a condition")?;
            let (cmp, value) = compare(c, "a term number")?;
            Ok(Pred::Term { node, cmp, value })
        }
        "commit" => {
            raft("a condition")?;
            let (cmp, value) = compare(c, "a log index")?;
            Ok(Pred::Commit { node, cmp, value })
        }
        "vote" => {
            raft("a condition")?;
            let vote = ctx.node_or(c, &["none"])?;
            Ok(Pred::Vote { node, vote })
        }
        "follows" => {
            raft("a condition")?;
            let leader = ctx.node_or(c, &["nobody", "none"])?;
            Ok(Pred::Follows { node, leader })
        }
        "log" => {
            raft("a condition")?;
            let entries = entries(c)?;
            Ok(Pred::Log { node, entries })
        }
        "promised" => {
            paxos("a condition")?;
            let ballot = if c.eat("none") {
                None
            } else {
                Some(ballot(ctx, c)?)
            };
            Ok(Pred::Promised { node, ballot })
        }
        "ballot" => {
            paxos("a condition")?;
            let ballot = if c.eat("none") {
                None
            } else {
                Some(ballot(ctx, c)?)
            };
            Ok(Pred::Ballot { node, ballot })
        }
        "accepted" => {
            paxos("a condition")?;
            let slot = slot(c)?;
            let accepted = if c.eat("none") {
                None
            } else {
                let b = ballot(ctx, c)?;
                let v = match c.peek() {
                    Some(t) if t.kind == Kind::Quoted => {
                        c.next();
                        Some(t.text.clone())
                    }
                    Some(t) if t.kind == Kind::Word && t.text != "within" => {
                        c.next();
                        Some(t.text.clone())
                    }
                    _ => None,
                };
                Some((b, v))
            };
            Ok(Pred::Accepted {
                node,
                slot,
                accepted,
            })
        }
        "learned" => {
            paxos("a condition")?;
            let slot = slot(c)?;
            let value = value_or_none(c, "the learned value or `none`")?;
            Ok(Pred::Learned { node, slot, value })
        }
        "proposes" => {
            paxos("a condition")?;
            let slot = slot(c)?;
            let value = value_or_none(c, "the proposed value or `none`")?;
            Ok(Pred::Proposes { node, slot, value })
        }
        _ => Err(unknown(
            what,
            "what to check about the node (`is`, `term`, `vote`, `follows`, `log`, `commit`, \
             `promised`, `accepted`, `learned`, `ballot`, `proposes`)",
            NODE_PRED_WORDS,
        )),
    }
}

/// After `leader`: `[NODE] [term N]`.
fn leader(ctx: &Ctx, c: &mut Cursor) -> Result<Pred, LineError> {
    let node = match (c.peek_word(), &ctx.names) {
        (Some(w), Some(names)) if names.iter().any(|n| n == w) => Some(ctx.node(c)?),
        _ => None,
    };
    let term = match c.peek() {
        Some(t) if t.kind == Kind::Word && t.text == "term" => {
            ctx.require(t, ProtocolKind::Raft, "a condition")?;
            c.next();
            Some(number(c, "a term number")?)
        }
        _ => None,
    };
    Ok(Pred::Leader { node, term })
}

/// `[slot N]`
fn slot(c: &mut Cursor) -> Result<Option<u64>, LineError> {
    if c.eat("slot") {
        Ok(Some(number(c, "a slot number")?))
    } else {
        Ok(None)
    }
}

/// A value (word or quoted), or the bare word `none`.
fn value_or_none(c: &mut Cursor, what: &str) -> Result<Option<String>, LineError> {
    let t = c.value(what)?;
    if t.kind == Kind::Word && t.text == "none" {
        Ok(None)
    } else {
        Ok(Some(t.text.clone()))
    }
}

/// `[op] N` or `opN`.
fn compare(c: &mut Cursor, what: &str) -> Result<(Cmp, u64), LineError> {
    let t = c.word(what)?;
    let (cmp, rest) = Cmp::split(&t.text);
    if rest.is_empty() {
        let n = number(c, what)?;
        return Ok((cmp, n));
    }
    let n = units::count(rest, what).map_err(|m| LineError::new(t.col, m))?;
    Ok((cmp, n))
}

/// Log entries: `empty`, or terms with optional commands: `1 1 2=x 3`.
pub(crate) fn entries(c: &mut Cursor) -> Result<Vec<EntryLit>, LineError> {
    if c.eat("empty") {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    while let Some(t) = c.peek() {
        if t.kind != Kind::Word || !t.text.starts_with(|ch: char| ch.is_ascii_digit()) {
            break;
        }
        c.next();
        let (term, value) = match t.text.split_once('=') {
            Some((a, b)) => (a, Some(b)),
            None => (t.text.as_str(), None),
        };
        let term = units::count(term, "an entry's term (like `2` or `2=x`)")
            .map_err(|m| LineError::new(t.col, m))?;
        if term == 0 {
            return Err(LineError::new(t.col, "entry terms start at 1"));
        }
        crate::limits::check_term("the entry's term", term)
            .map_err(|m| LineError::new(t.col, m))?;
        if value == Some("") {
            return Err(LineError::new(
                t.col,
                "expected a command after `=` (like `2=x`)",
            ));
        }
        if out.len() >= 1000 {
            return Err(LineError::new(
                t.col,
                "a log may have at most 1000 entries here",
            ));
        }
        out.push(EntryLit {
            term,
            value: value.map(str::to_string),
        });
    }
    if out.is_empty() {
        return Err(c.expected("log entries as terms (`1 1 2`, `2=x` for a command) or `empty`"));
    }
    Ok(out)
}

/// A ballot: `3.n1` (round 3 of n1) or `3` (round 3, any proposer).
pub(crate) fn ballot(ctx: &Ctx, c: &mut Cursor) -> Result<BallotLit, LineError> {
    let t = c.word("a ballot like `2.n1` (round 2 of n1) or `2`")?;
    let (round, node) = match t.text.split_once('.') {
        Some((r, n)) => (r, Some(n)),
        None => (t.text.as_str(), None),
    };
    let round = units::count(round, "a ballot like `2.n1` (round 2 of n1) or `2`")
        .map_err(|m| LineError::new(t.col, m))?;
    let node = match node {
        None => None,
        Some(n) => {
            let names = ctx.names.as_deref().unwrap_or(&[]);
            // The timeline writes ballots as `round.k` with k the node's position (1-based).
            let by_position = n
                .parse::<usize>()
                .ok()
                .filter(|&k| k >= 1 && k <= names.len())
                .map(|k| k - 1);
            match names.iter().position(|x| x == n).or(by_position) {
                Some(i) => Some(i),
                None => {
                    return Err(LineError::new(
                        t.col,
                        format!(
                            "expected a ballot like `{round}.{}` or `{round}.1`: `{n}` is neither a node name ({}) nor a node number (1 to {})",
                            names.first().map_or("n1", String::as_str),
                            names.join(", "),
                            names.len()
                        ),
                    ))
                }
            }
        }
    };
    Ok(BallotLit { round, node })
}

/// What may follow `request VALUE`.
const REQUEST_WORDS: &[&str] = &[
    "committed",
    "chosen",
    "lost",
    "refused",
    "unknown",
    "pending",
    "redirects",
];
const REQUEST_WHAT: &str =
    "`committed`, `chosen`, `lost`, `refused`, `unknown`, `pending` or `redirects`";

/// After `request`: `VALUE (committed [at N] | chosen [in slot N] | lost [in slot N] [to V] |
/// refused | unknown | pending | redirects N)`. `committed` is Raft's word, `chosen` and
/// `lost` are Paxos's (single-decree Paxos has no log index to commit at).
fn request(ctx: &Ctx, c: &mut Cursor) -> Result<Pred, LineError> {
    let value = c
        .value("the request's value (as sent with `client`)")?
        .text
        .clone();
    let t = c.word(REQUEST_WHAT)?;
    let is =
        match t.text.as_str() {
            "committed" => {
                outcome_word(
                    ctx,
                    t,
                    ProtocolKind::Raft,
                    "`chosen [in slot N]` or `lost [to VALUE]`",
                )?;
                if c.eat("at") {
                    ReqIs::Committed(Some(number(c, "a log index")?))
                } else {
                    ReqIs::Committed(None)
                }
            }
            "chosen" => {
                outcome_word(ctx, t, ProtocolKind::Paxos, "`committed [at N]`")?;
                ReqIs::Chosen(in_slot(c)?)
            }
            "lost" => {
                outcome_word(ctx, t, ProtocolKind::Paxos, "`committed [at N]`")?;
                let slot = in_slot(c)?;
                let to = if c.eat("to") {
                    Some(c.value("the value chosen instead")?.text.clone())
                } else {
                    None
                };
                ReqIs::Lost { slot, to }
            }
            "refused" => ReqIs::Refused,
            "unknown" => ReqIs::Unknown,
            "failed" => return Err(LineError::new(
                t.col,
                "`failed` is not a request outcome: a client that gets no answer does not know \
                 whether its command will be committed; write `unknown`",
            )),
            "pending" => ReqIs::Pending,
            "redirects" => ReqIs::Redirects(number(c, "a number of redirects")?),
            _ => return Err(unknown(t, REQUEST_WHAT, REQUEST_WORDS)),
        };
    Ok(Pred::Request { value, is })
}

/// A Raft client's command is *committed* at a log index; a Paxos client's value is *chosen*
/// or *lost* (Paxos Made Simple §2.3). Each protocol's word is refused in the other's files.
fn outcome_word(
    ctx: &Ctx,
    t: &crate::scenario::lex::Token,
    want: ProtocolKind,
    instead: &str,
) -> Result<(), LineError> {
    match ctx.protocol {
        Some(p) if p != want => Err(LineError::new(
            t.col,
            format!(
                "`{}` is a {} request outcome; in a {} scenario write {instead}",
                t.text,
                want.name(),
                p.name()
            ),
        )),
        _ => Ok(()),
    }
}

/// `in slot N`, or nothing.
fn in_slot(c: &mut Cursor) -> Result<Option<u64>, LineError> {
    if c.eat("in") {
        if !c.eat("slot") {
            return Err(c.expected("`slot` (as in `in slot 2`)"));
        }
        Ok(Some(number(c, "a slot number")?))
    } else {
        Ok(None)
    }
}

/// After `sent`: `FROM -> TO [KIND] [rejected | ok] COUNT`, a count of the messages sent since
/// the step began, where COUNT is written like a commit index (`7`, `>= 1`, `<3`).
fn sent(ctx: &Ctx, c: &mut Cursor) -> Result<Pred, LineError> {
    let route = route(
        ctx,
        c,
        "sent f -> L AppendEntriesReply rejected 7",
        &["rejected", "ok"],
    )?;
    let answer = if c.eat("rejected") {
        Some(false)
    } else if c.eat("ok") {
        Some(true)
    } else {
        None
    };
    if c.peek_word().is_none() {
        return Err(c.expected(
            "how many messages (`7`, `>= 1`), after the kind and `rejected` or `ok` \
             (as in `sent f -> L AppendEntriesReply rejected 7`)",
        ));
    }
    let (cmp, count) = compare(c, "a number of messages (`7`, `>= 1`)")?;
    Ok(Pred::Sent {
        route,
        answer,
        cmp,
        count,
    })
}

/// After `violation`: the invariant's name, quoted or as words (`Election Safety`).
fn violation(c: &mut Cursor) -> Result<Pred, LineError> {
    if let Some(t) = c.peek().filter(|t| t.kind == Kind::Quoted) {
        c.next();
        return Ok(Pred::Violation(t.text.clone()));
    }
    let mut words = Vec::new();
    while let Some(w) = c.peek_word() {
        if w == "within" {
            break;
        }
        words.push(w.to_string());
        c.next();
    }
    if words.is_empty() {
        return Err(c.expected("an invariant's name (like `Election Safety`)"));
    }
    Ok(Pred::Violation(words.join(" ")))
}
