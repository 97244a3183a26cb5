//! Header lines: protocol, nodes, seed, timing, network, options and initial state.

use super::ctx::{bounded, bounded_range, number, number_at_most, on_off, probability, unknown};
use super::pred::{ballot, entries};
use super::Parser;
use crate::scenario::ast::BallotLit;
use crate::scenario::ast::{InitItem, InitState, Opt, PaxosRole, ProtocolKind};
use crate::scenario::error::{LineError, Pos};
use crate::scenario::lex::{Cursor, Kind};

/// Words that cannot be node names (they would make lines ambiguous).
const RESERVED: &[&str] = &[
    "all",
    "any",
    "none",
    "nobody",
    "empty",
    "on",
    "off",
    "is",
    "not",
    "no",
    "leader",
    "term",
    "within",
    "until",
    "for",
    "slot",
    "stable",
    "step",
    "at",
    "when",
    "after",
    "request",
    "chosen",
    "violation",
];

/// At most this many nodes (the range: 1 to 9).
pub const MAX_NODES: usize = 9;

impl Parser<'_> {
    /// Remembers that `key` was given on this line; fails if it was given before.
    fn once(&mut self, key: &'static str, col: u32) -> Result<(), LineError> {
        if let Some((_, line)) = self.seen.iter().find(|(k, _)| *k == key) {
            return Err(LineError::new(
                col,
                format!("`{key}` is already set on line {line}; give it once"),
            ));
        }
        self.seen.push((key, self.line_no));
        Ok(())
    }

    fn need_protocol(&self, col: u32, word: &str) -> Result<ProtocolKind, LineError> {
        self.ctx.protocol.ok_or_else(|| {
            LineError::new(
                col,
                format!(
                    "declare the protocol (`protocol raft` or `protocol paxos`) before `{word}`"
                ),
            )
        })
    }

    /// One header line; the first word is next in `c`.
    pub(super) fn directive(&mut self, c: &mut Cursor) -> Result<(), LineError> {
        let tok = c.peek().expect("a non-empty line");
        if tok.kind != Kind::Word {
            return Err(c.expected("a header line (`protocol`, `nodes`, `seed`, …) or `step`"));
        }
        c.next();
        let word = tok.text.as_str();
        let col = tok.col;
        match word {
            "protocol" => {
                self.once("protocol", col)?;
                let t = c.word("`raft` or `paxos`")?;
                let Ok(p) = t.text.parse::<ProtocolKind>() else {
                    let names = ProtocolKind::ALL.map(ProtocolKind::name);
                    return Err(unknown(t, "`raft` or `paxos`", &names));
                };
                self.ctx.protocol = Some(p);
                self.sc.protocol = p;
            }
            "nodes" => {
                self.once("nodes", col)?;
                self.nodes(c)?;
            }
            "seed" => {
                self.once("seed", col)?;
                self.sc.seed = number(c, "a seed (a whole number)")?;
            }
            "election-timeout" => {
                let p = self.need_protocol(col, word)?;
                self.ctx.require(tok, ProtocolKind::Raft, "a setting")?;
                let _ = p;
                self.once("election-timeout", col)?;
                let (a, b) = bounded_range(c, &crate::limits::ELECTION_TIMEOUT)?;
                self.sc.timing.election_timeout = Some((a, b));
            }
            "heartbeat" => {
                self.once("heartbeat", col)?;
                let d = bounded(c, &crate::limits::HEARTBEAT)?;
                self.sc.timing.heartbeat = Some(d);
            }
            "retry-timeout" => {
                self.need_protocol(col, word)?;
                self.ctx.require(tok, ProtocolKind::Paxos, "a setting")?;
                self.once("retry-timeout", col)?;
                self.sc.timing.retry_timeout =
                    Some(bounded_range(c, &crate::limits::RETRY_TIMEOUT)?);
            }
            "max-entries" => {
                self.need_protocol(col, word)?;
                self.ctx.require(tok, ProtocolKind::Raft, "a setting")?;
                self.once("max-entries", col)?;
                let at = c.col();
                let n = number_at_most(
                    c,
                    "the most entries per AppendEntries",
                    crate::limits::MAX_ENTRIES_PER_APPEND as u64,
                )?;
                if n == 0 {
                    return Err(LineError::new(
                        at,
                        "the most entries per AppendEntries: 0 is too small (at least 1)",
                    ));
                }
                self.sc.timing.max_entries = Some(n as usize);
            }
            "latency" => {
                self.once("latency", col)?;
                self.sc.timing.latency = Some(bounded_range(c, &crate::limits::LATENCY)?);
            }
            "loss" => {
                self.once("loss", col)?;
                self.sc.timing.loss = Some(probability(c)?);
            }
            "duplicate" => {
                self.once("duplicate", col)?;
                self.sc.timing.duplicate = Some(probability(c)?);
            }
            "reorder" => {
                self.once("reorder", col)?;
                self.sc.timing.reorder = Some(probability(c)?);
            }
            "option" | "unsafe" => {
                let p = self.need_protocol(col, word)?;
                let unsafe_ = word == "unsafe";
                let t = c.word(if unsafe_ {
                    "the name of an unsafe switch"
                } else {
                    "an option name"
                })?;
                let valid: Vec<&str> = Opt::ALL
                    .iter()
                    .filter(|(_, _, u, pr)| *u == unsafe_ && pr.is_none_or(|x| x == p))
                    .map(|(_, k, ..)| *k)
                    .collect();
                let Some(&(opt, _, is_unsafe, proto)) =
                    Opt::ALL.iter().find(|(_, k, ..)| *k == t.text)
                else {
                    let what = if unsafe_ {
                        format!("an unsafe {} switch ({})", p.name(), valid.join(", "))
                    } else {
                        format!("a {} option ({})", p.name(), valid.join(", "))
                    };
                    return Err(unknown(t, &what, &valid));
                };
                if is_unsafe && !unsafe_ {
                    return Err(LineError::new(
                        col,
                        format!(
                            "`{}` is an unsafe teaching switch: write `unsafe {}`",
                            t.text, t.text
                        ),
                    ));
                }
                if !is_unsafe && unsafe_ {
                    return Err(LineError::new(
                        col,
                        format!("`{}` is a safe option: write `option {}`", t.text, t.text),
                    ));
                }
                if let Some(pr) = proto {
                    self.ctx.require(t, pr, "an option")?;
                }
                let on = on_off(c)?;
                self.sc.options.push((Pos::new(self.line_no, col), opt, on));
            }
            "state" => {
                self.need_protocol(col, word)?;
                self.state(c, col)?;
            }
            "roles" => {
                self.need_protocol(col, word)?;
                self.ctx.require(tok, ProtocolKind::Paxos, "a setting")?;
                let node = self.ctx.node(c)?;
                if let Some((p, ..)) = self.sc.roles.iter().find(|(_, n, _)| *n == node) {
                    return Err(LineError::new(
                        col,
                        format!(
                            "the roles of this node are already given on line {}",
                            p.line
                        ),
                    ));
                }
                let mut roles = Vec::new();
                while let Some(t) = c.peek() {
                    let r = match t.text.as_str() {
                        "proposer" => PaxosRole::Proposer,
                        "acceptor" => PaxosRole::Acceptor,
                        "learner" => PaxosRole::Learner,
                        _ => {
                            return Err(unknown(
                                t,
                                "a role (`proposer`, `acceptor`, `learner`)",
                                &["proposer", "acceptor", "learner"],
                            ))
                        }
                    };
                    c.next();
                    c.eat_punct(",");
                    if !roles.contains(&r) {
                        roles.push(r);
                    }
                }
                if roles.is_empty() {
                    return Err(c.expected("roles: `proposer`, `acceptor`, `learner`"));
                }
                self.sc
                    .roles
                    .push((Pos::new(self.line_no, col), node, roles));
            }
            "en" | "zh" => return Err(super::missing_colon(tok)),
            w if super::command::is_act_word(w) || super::command::STEP_WORDS.contains(&w) => {
                return Err(LineError::new(
                    col,
                    format!("`{w}` is a step command: write `step` (and a caption) first"),
                ));
            }
            _ => return Err(super::unknown_line(tok, true)),
        }
        c.end()
    }

    /// `nodes 3` or `nodes A B C`.
    fn nodes(&mut self, c: &mut Cursor) -> Result<(), LineError> {
        let first = c.word("a node count (1 to 9) or the nodes' names")?;
        let names: Vec<String> = if first.text.starts_with(|ch: char| ch.is_ascii_digit()) {
            let n = crate::scenario::units::count(&first.text, "a node count (1 to 9)")
                .map_err(|m| LineError::new(first.col, m))?;
            if n == 0 || n as usize > MAX_NODES {
                return Err(LineError::new(
                    first.col,
                    format!("a cluster has 1 to {MAX_NODES} nodes, not {n}"),
                ));
            }
            (0..n as usize).map(crate::core::default_name).collect()
        } else {
            let mut names: Vec<String> = Vec::new();
            let mut t = Some(first);
            while let Some(tok) = t {
                if tok.kind != Kind::Word {
                    return Err(LineError::new(
                        tok.col,
                        format!("expected a node name, found `{}`", tok.text),
                    ));
                }
                let ok = tok.text.starts_with(|ch: char| ch.is_alphabetic())
                    && tok
                        .text
                        .chars()
                        .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '-')
                    && tok.text.chars().count() <= 12;
                if !ok {
                    return Err(LineError::new(
                        tok.col,
                        format!(
                            "`{}` is not a valid node name: use a letter, then letters, digits, `_` or `-` (at most 12)",
                            tok.text
                        ),
                    ));
                }
                if RESERVED.contains(&tok.text.as_str()) {
                    return Err(LineError::new(
                        tok.col,
                        format!("`{}` is a keyword and cannot name a node", tok.text),
                    ));
                }
                if names.contains(&tok.text) {
                    return Err(LineError::new(
                        tok.col,
                        format!("node `{}` is named twice", tok.text),
                    ));
                }
                if names.len() == MAX_NODES {
                    return Err(LineError::new(
                        tok.col,
                        format!("a cluster has 1 to {MAX_NODES} nodes"),
                    ));
                }
                names.push(tok.text.clone());
                c.eat_punct(",");
                t = c.next();
            }
            names
        };
        self.sc.names = names.clone();
        self.ctx.names = Some(names);
        Ok(())
    }

    /// `state NODE item...` — Raft: `term N`, `vote NODE|none`, `log 1 1 2`;
    /// Paxos: `promised B`, `accepted [slot S] B VALUE`, `learned [slot S] VALUE`, `ballot B`.
    fn state(&mut self, c: &mut Cursor, col: u32) -> Result<(), LineError> {
        let node = self.ctx.node(c)?;
        let idx = match self.sc.initial.iter().position(|s| s.node == node) {
            Some(i) => i,
            None => {
                self.sc.initial.push(InitState {
                    pos: Pos::new(self.line_no, col),
                    node,
                    items: Vec::new(),
                });
                self.sc.initial.len() - 1
            }
        };
        let mut any = false;
        while let Some(t) = c.peek() {
            if t.kind != Kind::Word {
                break;
            }
            let item_col = t.col;
            c.next();
            let item = match t.text.as_str() {
                "term" => {
                    self.ctx.require(t, ProtocolKind::Raft, "initial state")?;
                    InitItem::Term(number_at_most(c, "a term number", crate::limits::MAX_TERM)?)
                }
                "vote" => {
                    self.ctx.require(t, ProtocolKind::Raft, "initial state")?;
                    InitItem::Vote(self.ctx.node_or(c, &["none"])?)
                }
                "log" => {
                    self.ctx.require(t, ProtocolKind::Raft, "initial state")?;
                    InitItem::Log(entries(c)?)
                }
                "promised" => {
                    self.ctx.require(t, ProtocolKind::Paxos, "initial state")?;
                    InitItem::Promised(full_ballot(&self.ctx, c)?)
                }
                "ballot" => {
                    self.ctx.require(t, ProtocolKind::Paxos, "initial state")?;
                    InitItem::Ballot(full_ballot(&self.ctx, c)?)
                }
                "accepted" => {
                    self.ctx.require(t, ProtocolKind::Paxos, "initial state")?;
                    let slot = state_slot(c)?;
                    let b = full_ballot(&self.ctx, c)?;
                    let v = c.value("the accepted value")?;
                    InitItem::Accepted {
                        slot,
                        ballot: b,
                        value: v.text.clone(),
                    }
                }
                "learned" => {
                    self.ctx.require(t, ProtocolKind::Paxos, "initial state")?;
                    let slot = state_slot(c)?;
                    let v = c.value("the learned value")?;
                    InitItem::Learned {
                        slot,
                        value: v.text.clone(),
                    }
                }
                _ => {
                    let words: &[&str] = match self.ctx.protocol {
                        Some(ProtocolKind::Paxos) => &["promised", "accepted", "learned", "ballot"],
                        _ => &["term", "vote", "log"],
                    };
                    return Err(unknown(
                        t,
                        &format!("a state item ({})", words.join(", ")),
                        words,
                    ));
                }
            };
            let st = &mut self.sc.initial[idx];
            let same = |a: &InitItem, b: &InitItem| match (a, b) {
                (InitItem::Accepted { slot: x, .. }, InitItem::Accepted { slot: y, .. })
                | (InitItem::Learned { slot: x, .. }, InitItem::Learned { slot: y, .. }) => x == y,
                _ => std::mem::discriminant(a) == std::mem::discriminant(b),
            };
            if st.items.iter().any(|(_, i)| same(i, &item)) {
                return Err(LineError::new(
                    item_col,
                    format!("`{}` is already given for this node (and slot)", t.text),
                ));
            }
            st.items.push((Pos::new(self.line_no, item_col), item));
            any = true;
        }
        if !any {
            return Err(c.expected(
                "a state item (Raft: `term`, `vote`, `log`; Paxos: `promised`, `accepted`, `learned`, `ballot`)",
            ));
        }
        self.check_state(idx)
    }

    /// Cross-checks a node's initial Raft state: the term is at least the last entry's term,
    /// and a vote needs a term.
    fn check_state(&self, idx: usize) -> Result<(), LineError> {
        let st = &self.sc.initial[idx];
        let term = st.items.iter().find_map(|(p, i)| match i {
            InitItem::Term(t) => Some((*p, *t)),
            _ => None,
        });
        let last = st.items.iter().find_map(|(p, i)| match i {
            InitItem::Log(l) => Some((*p, l.iter().map(|e| e.term).max().unwrap_or(0))),
            _ => None,
        });
        let vote = st.items.iter().find_map(|(p, i)| match i {
            InitItem::Vote(Some(_)) => Some(*p),
            _ => None,
        });
        if let (Some((tp, t)), Some((_, l))) = (term, last) {
            if t < l {
                let col = if tp.line == self.line_no { tp.col } else { 1 };
                return Err(LineError::new(
                    col,
                    format!("the term ({t}) is below the last log entry's term ({l}); a node's current_term is never behind its log"),
                ));
            }
        }
        if let Some(vp) = vote {
            let t = term.map(|(_, t)| t).or(last.map(|(_, l)| l)).unwrap_or(0);
            if t == 0 && vp.line == self.line_no {
                return Err(LineError::new(
                    vp.col,
                    "a vote needs a term of at least 1 (`term 1 vote n2`)",
                ));
            }
        }
        Ok(())
    }
}

/// A ballot with its proposer (`2.n1`): initial state must say whose it is.
fn full_ballot(ctx: &super::ctx::Ctx, c: &mut Cursor) -> Result<BallotLit, LineError> {
    let col = c.col();
    let b = ballot(ctx, c)?;
    if b.node.is_none() {
        let first = ctx
            .names
            .as_ref()
            .and_then(|n| n.first().cloned())
            .unwrap_or_else(|| "n1".into());
        return Err(LineError::new(
            col,
            format!(
                "write the proposer too, like `{}.{first}` (round {} of {first})",
                b.round, b.round
            ),
        ));
    }
    if b.round == 0 {
        return Err(LineError::new(col, "ballot rounds start at 1"));
    }
    crate::limits::check_term("the ballot round", b.round).map_err(|m| LineError::new(col, m))?;
    Ok(b)
}

/// `[slot S]` in a state item (0 when not given).
fn state_slot(c: &mut Cursor) -> Result<u64, LineError> {
    if c.eat("slot") {
        number_at_most(c, "a slot number", crate::limits::MAX_INDEX)
    } else {
        Ok(0)
    }
}
