//! What a run reports: each expectation with its actual value, failed waits and actions,
//! unexpected invariant violations, step by step.

use super::model::{name, name_or};
use crate::core::{fmt_time, Time};
use crate::scenario::ast::{BallotLit, MsgSel, Pred, ReqIs};
use crate::scenario::error::Pos;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// What kind of line a [`Check`] reports on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckKind {
    /// An `expect` line.
    Expect,
    /// A `never` line whose condition came true.
    Never,
    /// A `run until` or `when` whose condition did not come true in time.
    Wait,
    /// An action that could not be carried out (no such message in flight, a time in the past).
    Action,
    /// The invariant checker found a violation the scenario does not expect.
    Violation,
}

/// One result: an expectation that held or failed, or some other failure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub kind: CheckKind,
    pub pos: Pos,
    /// The line as written.
    pub source: String,
    pub ok: bool,
    pub expected: String,
    pub actual: String,
    /// Virtual time at which it was decided.
    pub time: Time,
    /// Whether the condition still holds at the end of its step. An `expect` written before
    /// the step's last action is evaluated again when the step ends: lecture mode lists it
    /// under "what must be true now" only if it still holds then. Other kinds: same as `ok`.
    #[serde(default = "yes")]
    pub at_end: bool,
}

fn yes() -> bool {
    true
}

impl Check {
    /// `file:line:col: expectation failed: <line>` with expected and actual on their own lines.
    pub fn message(&self, file: &str) -> String {
        let what = match (self.kind, self.ok) {
            (CheckKind::Expect, true) => "expectation holds",
            (CheckKind::Expect, false) => "expectation failed",
            (CheckKind::Never, _) => "`never` condition came true",
            (CheckKind::Wait, _) => "condition not reached in time",
            (CheckKind::Action, _) => "action failed",
            (CheckKind::Violation, _) => "unexpected invariant violation",
        };
        let mut s = format!(
            "{file}:{}: {what} at {}: {}",
            self.pos,
            fmt_time(self.time),
            self.source
        );
        if !self.ok {
            let _ = write!(
                s,
                "\n    expected: {}\n    actual:   {}",
                self.expected, self.actual
            );
        }
        s
    }
}

/// What one step did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepReport {
    /// 0-based step number.
    pub index: usize,
    pub start: Time,
    pub end: Time,
    /// The trace entries this step produced: `trace[start..end]`.
    pub trace_start: usize,
    pub trace_end: usize,
    /// The simulator's event count at the end of the step. A step that ends on a `run until`
    /// can end between two events of the same instant, so its end is an event count, not
    /// only a time.
    #[serde(default)]
    pub end_events: u64,
    pub checks: Vec<Check>,
}

impl StepReport {
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }

    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.ok)
    }
}

fn ballot(names: &[String], b: &BallotLit) -> String {
    match b.node {
        Some(n) => format!("{}.{}", b.round, name(names, n)),
        None => b.round.to_string(),
    }
}

fn quote(v: &str) -> String {
    if v.is_empty() || v.contains(char::is_whitespace) || v == "none" {
        format!("\"{v}\"")
    } else {
        v.to_string()
    }
}

/// A condition written back in the scenario language (`n1 term >= 3`).
pub fn fmt_pred(p: &Pred, names: &[String]) -> String {
    let n = |i: &usize| name(names, *i).to_string();
    match p {
        Pred::Not(inner) => match inner.as_ref() {
            Pred::Leader { .. } => format!("no {}", fmt_pred(inner, names)),
            other => format!("not {}", fmt_pred(other, names)),
        },
        Pred::Stable => "stable".into(),
        Pred::Leader { node, term } => {
            let mut s = "leader".to_string();
            if let Some(x) = node {
                s = format!("{s} {}", n(x));
            }
            if let Some(t) = term {
                s = format!("{s} term {t}");
            }
            s
        }
        Pred::Is { node, what } => format!("{} is {}", n(node), what.keyword()),
        Pred::Term { node, cmp, value } => format!("{} term {}{value}", n(node), cmp_prefix(*cmp)),
        Pred::Commit { node, cmp, value } => {
            format!("{} commit {}{value}", n(node), cmp_prefix(*cmp))
        }
        Pred::Vote { node, vote } => format!("{} vote {}", n(node), name_or(names, *vote, "none")),
        Pred::Follows { node, leader } => {
            format!("{} follows {}", n(node), name_or(names, *leader, "nobody"))
        }
        Pred::Log { node, entries } => {
            let e: Vec<String> = entries
                .iter()
                .map(|e| match &e.value {
                    Some(v) => format!("{}={v}", e.term),
                    None => e.term.to_string(),
                })
                .collect();
            if e.is_empty() {
                format!("{} log empty", n(node))
            } else {
                format!("{} log {}", n(node), e.join(" "))
            }
        }
        Pred::Promised { node, ballot: b } => match b {
            Some(b) => format!("{} promised {}", n(node), ballot(names, b)),
            None => format!("{} promised none", n(node)),
        },
        Pred::Accepted {
            node,
            slot,
            accepted,
        } => {
            let s = slot.map(|s| format!(" slot {s}")).unwrap_or_default();
            match accepted {
                Some((b, Some(v))) => {
                    format!("{} accepted{s} {} {}", n(node), ballot(names, b), quote(v))
                }
                Some((b, None)) => format!("{} accepted{s} {}", n(node), ballot(names, b)),
                None => format!("{} accepted{s} none", n(node)),
            }
        }
        Pred::Ballot { node, ballot: b } => match b {
            Some(b) => format!("{} ballot {}", n(node), ballot(names, b)),
            None => format!("{} ballot none", n(node)),
        },
        Pred::Chosen { slot, value } => {
            let s = slot.map(|s| format!(" slot {s}")).unwrap_or_default();
            format!(
                "chosen{s} {}",
                value.as_deref().map_or("none".into(), quote)
            )
        }
        Pred::Proposes { node, slot, value } => {
            let s = slot.map(|s| format!(" slot {s}")).unwrap_or_default();
            format!(
                "{} proposes{s} {}",
                n(node),
                value.as_deref().map_or("none".into(), quote)
            )
        }
        Pred::Learned { node, slot, value } => {
            let s = slot.map(|s| format!(" slot {s}")).unwrap_or_default();
            format!(
                "{} learned{s} {}",
                n(node),
                value.as_deref().map_or("none".into(), quote)
            )
        }
        Pred::Request { value, is } => {
            let what = match is {
                ReqIs::Committed(Some(i)) => format!("committed at {i}"),
                ReqIs::Committed(None) => "committed".into(),
                ReqIs::Chosen(None) => "chosen".into(),
                ReqIs::Chosen(Some(s)) => format!("chosen in slot {s}"),
                ReqIs::Lost { slot, to } => {
                    let mut w = "lost".to_string();
                    if let Some(s) = slot {
                        w += &format!(" in slot {s}");
                    }
                    if let Some(v) = to {
                        w += &format!(" to {}", quote(v));
                    }
                    w
                }
                ReqIs::Refused => "refused".into(),
                ReqIs::Unknown => "unknown".into(),
                ReqIs::Pending => "pending".into(),
                ReqIs::Redirects(k) => format!("redirects {k}"),
            };
            format!("request {} {what}", quote(value))
        }
        Pred::Violation(v) => format!("violation {v}"),
        Pred::Sent {
            route,
            answer,
            cmp,
            count,
        } => {
            let mut s = format!(
                "sent {} -> {}",
                name_or(names, route.from, "*"),
                name_or(names, route.to, "*")
            );
            if let Some(k) = &route.kind {
                s = format!("{s} {k}");
            }
            match answer {
                Some(false) => s.push_str(" rejected"),
                Some(true) => s.push_str(" ok"),
                None => {}
            }
            format!("{s} {}{count}", cmp_prefix(*cmp))
        }
    }
}

fn cmp_prefix(c: crate::scenario::units::Cmp) -> String {
    match c {
        crate::scenario::units::Cmp::Eq => String::new(),
        other => format!("{} ", other.symbol()),
    }
}

/// A message selector written back (`n1 -> * RequestVote`).
pub fn fmt_sel(sel: &MsgSel, names: &[String]) -> String {
    match sel {
        MsgSel::Id(id) => format!("#{id}"),
        MsgSel::Match {
            all,
            from,
            to,
            kind,
        } => {
            let mut s = String::new();
            if *all {
                s.push_str("all ");
            }
            s.push_str(&name_or(names, *from, "*"));
            s.push_str(" -> ");
            s.push_str(&name_or(names, *to, "*"));
            if let Some(k) = kind {
                s.push(' ');
                s.push_str(k);
            }
            s
        }
    }
}
