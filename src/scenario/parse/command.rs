//! Step commands: actions, timing (`at`, `after`, `when`), `run`, `expect` and `never`.

use super::ctx::{duration, number, probability, unknown, Ctx};
use super::pred::pred;
use crate::scenario::ast::{Act, CommandKind, MsgOp, MsgSel, Pred, Route};
use crate::scenario::error::LineError;
use crate::scenario::lex::{Cursor, Kind};
use crate::sim::action::{Action, Verb};

/// Words that start a step command other than an action.
pub(crate) const STEP_WORDS: &[&str] = &["at", "after", "when", "run", "expect", "never"];

/// Parses a step command (the first word is next in `c`).
pub(crate) fn command(ctx: &Ctx, c: &mut Cursor) -> Result<CommandKind, LineError> {
    let kind = match c.peek_word() {
        Some("at") => {
            c.next();
            let t = duration(c)?;
            c.eat_punct(":");
            CommandKind::At(t, timed_act(ctx, c, "at")?)
        }
        Some("after") => {
            c.next();
            let t = duration(c)?;
            c.eat_punct(":");
            CommandKind::After(t, timed_act(ctx, c, "after")?)
        }
        Some("when") => {
            c.next();
            let p = waitable(ctx, c, "when")?;
            let within = within(c)?;
            if !c.eat_punct(":") {
                return Err(c.expected("`:` and then an action (`when leader n1: crash n1`)"));
            }
            CommandKind::When {
                pred: p,
                within,
                act: timed_act(ctx, c, "when")?,
            }
        }
        Some("run") => {
            c.next();
            if c.eat("until") {
                let p = waitable(ctx, c, "run until")?;
                CommandKind::RunUntil {
                    pred: p,
                    within: within(c)?,
                }
            } else if c.eat("for") || c.peek_word().is_some() {
                match c.peek_word() {
                    Some(w) if w.starts_with(|ch: char| ch.is_ascii_digit()) => {
                        CommandKind::Run(duration(c)?)
                    }
                    _ => {
                        return Err(
                            c.expected("a duration (`run 500ms`) or `until` (`run until stable`)")
                        )
                    }
                }
            } else {
                return Err(c.expected("a duration (`run 500ms`) or `until` (`run until stable`)"));
            }
        }
        Some("expect") => {
            c.next();
            CommandKind::Expect(pred(ctx, c)?)
        }
        Some("never") => {
            c.next();
            CommandKind::Never(waitable(ctx, c, "never")?)
        }
        _ => CommandKind::Do(act(ctx, c)?),
    };
    c.end()?;
    Ok(kind)
}

/// A condition checked after every event (`run until`, `when`, `never`). A count of messages
/// (`sent …`) is not allowed there: it is counted over the whole step each time, so it is
/// for `expect` only.
fn waitable(ctx: &Ctx, c: &mut Cursor, command: &str) -> Result<Pred, LineError> {
    let col = c.col();
    let p = pred(ctx, c)?;
    if counts_messages(&p) {
        return Err(LineError::new(
            col,
            format!(
                "`sent …` counts the messages of the whole step, so it can only be used with \
                 `expect`, not with `{command}`"
            ),
        ));
    }
    Ok(p)
}

fn counts_messages(p: &Pred) -> bool {
    match p {
        Pred::Sent { .. } => true,
        Pred::Not(inner) => counts_messages(inner),
        _ => false,
    }
}

/// `[within DURATION]`
fn within(c: &mut Cursor) -> Result<Option<crate::core::Time>, LineError> {
    if c.eat("within") {
        Ok(Some(duration(c)?))
    } else {
        Ok(None)
    }
}

/// The action after `at …:`, `after …:` or `when …:`. A step command there (`when leader n1:
/// expect …`) is refused with what to write instead, rather than listed among the actions.
fn timed_act(ctx: &Ctx, c: &mut Cursor, command: &str) -> Result<Act, LineError> {
    if let Some(tok) = c.peek().filter(|t| STEP_WORDS.contains(&t.text.as_str())) {
        let first: Vec<&str> = Verb::words().take(7).collect();
        let instead = if command == "when" && matches!(tok.text.as_str(), "expect" | "never") {
            format!(
                "; to check something once the condition holds, write `run until CONDITION` and \
                 then `{} …` on the next line",
                tok.text
            )
        } else {
            String::new()
        };
        return Err(LineError::new(
            tok.col,
            format!(
                "`{command}` takes an action ({}, …), not the step command `{}`{instead}",
                first.join(", "),
                tok.text
            ),
        ));
    }
    act(ctx, c)
}

/// Whether `w` starts an action (a word of [`Verb::ALL`]).
pub(crate) fn is_act_word(w: &str) -> bool {
    Verb::from_word(w).is_some()
}

/// Parses an action: a verb of [`Verb::ALL`] and its arguments, with node names for numbers,
/// `<->` for a link both ways, and a message selector for `drop`, `hold` and `deliver`.
pub(crate) fn act(ctx: &Ctx, c: &mut Cursor) -> Result<Act, LineError> {
    let Some(tok) = c.peek().filter(|t| t.kind == Kind::Word) else {
        let first: Vec<&str> = Verb::words().take(7).collect();
        return Err(c.expected(&format!("an action ({}, …)", first.join(", "))));
    };
    c.next();
    let Some(verb) = Verb::from_word(&tok.text) else {
        let mut words: Vec<&str> = Verb::words().collect();
        words.extend_from_slice(STEP_WORDS);
        return Err(unknown(
            tok,
            &format!("an action or step command ({})", words.join(", ")),
            &words,
        ));
    };
    let sim = Act::Sim;
    Ok(match verb {
        Verb::Crash => sim(Action::Crash(ctx.node(c)?)),
        Verb::Restart => sim(Action::Restart(ctx.node(c)?)),
        Verb::Pause => sim(Action::Pause(ctx.node(c)?)),
        Verb::Resume => sim(Action::Resume(ctx.node(c)?)),
        Verb::Timeout => sim(Action::Timeout(ctx.node(c)?)),
        Verb::Client => {
            let node = ctx.node(c)?;
            let value = c.value("the command to send (a word or a quoted string)")?;
            if value.text.is_empty() {
                return Err(LineError::new(value.col, "the command must not be empty"));
            }
            sim(Action::Client {
                node,
                value: value.text.clone(),
            })
        }
        Verb::Partition => {
            let mut groups = vec![vec![ctx.node(c)?]];
            loop {
                if c.eat_punct("|") {
                    groups.push(vec![ctx.node(c)?]);
                } else if c.eat_punct(",") || c.peek_word().is_some() {
                    let n = ctx.node(c)?;
                    groups.last_mut().expect("a group").push(n);
                } else {
                    break;
                }
            }
            let mut seen = Vec::new();
            for n in groups.iter().flatten() {
                if seen.contains(n) {
                    let name = ctx.names.as_ref().map_or("?".into(), |ns| ns[*n].clone());
                    return Err(LineError::new(
                        tok.col,
                        format!("node `{name}` is in two groups of this partition"),
                    ));
                }
                seen.push(*n);
            }
            sim(Action::Partition(groups))
        }
        Verb::Cut | Verb::Restore => {
            let from = ctx.node(c)?;
            let both = if c.eat_punct("<->") {
                true
            } else if c.eat_punct("->") {
                false
            } else {
                return Err(c.expected("`->` (one way) or `<->` (both ways)"));
            };
            let to = ctx.node(c)?;
            if from == to {
                return Err(LineError::new(tok.col, "a link joins two different nodes"));
            }
            let cut = verb == Verb::Cut;
            match (both, cut) {
                (true, _) => Act::BothWays {
                    cut,
                    a: from,
                    b: to,
                },
                (false, true) => sim(Action::Cut { from, to }),
                (false, false) => sim(Action::Restore { from, to }),
            }
        }
        Verb::Heal => sim(Action::Heal),
        Verb::Loss => sim(Action::Loss(probability(c)?)),
        Verb::Duplicate => sim(Action::Duplicate(probability(c)?)),
        Verb::Reorder => sim(Action::Reorder(probability(c)?)),
        Verb::Latency => {
            let (min, max) = super::ctx::bounded_range(c, &crate::limits::LATENCY)?;
            sim(Action::Latency { min, max })
        }
        Verb::Drop => Act::Message(MsgOp::Drop, selector(ctx, c)?),
        Verb::Hold => Act::Message(MsgOp::Hold, selector(ctx, c)?),
        Verb::Deliver => Act::Message(MsgOp::Deliver, selector(ctx, c)?),
        Verb::AlignTimers => sim(Action::AlignTimers),
        Verb::SpreadTimers => sim(Action::SpreadTimers),
    })
}

/// `12` (a message id) or `[all] FROM -> TO [KIND]`, where FROM and TO may be `*`.
fn selector(ctx: &Ctx, c: &mut Cursor) -> Result<MsgSel, LineError> {
    if let Some(w) = c.peek_word() {
        if w.starts_with(|ch: char| ch.is_ascii_digit()) {
            return Ok(MsgSel::Id(number(c, "a message id")?));
        }
    }
    let all = c.eat("all");
    let Route { from, to, kind } = route(ctx, c, "drop n1 -> n2 RequestVote", &[])?;
    Ok(MsgSel::Match {
        all,
        from,
        to,
        kind,
    })
}

/// `FROM -> TO [KIND]`, where FROM and TO may be `*`; `example` is shown when `->` is
/// missing. The kind is optional: a word in `stop`, or one that starts with a digit or a
/// comparison (`7`, `>=`), is left for what follows (a condition's count).
pub(crate) fn route(
    ctx: &Ctx,
    c: &mut Cursor,
    example: &str,
    stop: &[&str],
) -> Result<Route, LineError> {
    let end = |c: &mut Cursor| -> Result<Option<usize>, LineError> {
        if c.eat("*") {
            Ok(None)
        } else {
            ctx.node(c).map(Some).map_err(|mut e| {
                e.message =
                    e.message
                        .replacen("expected a node name", "expected `*` or a node name", 1);
                e
            })
        }
    };
    let from = end(c)?;
    if !c.eat_punct("->") {
        return Err(c.expected(&format!("`->` (as in `{example}`)")));
    }
    let to = end(c)?;
    let counting = !stop.is_empty();
    let kind = match c.peek() {
        Some(t)
            if t.kind == Kind::Word
                && !(counting
                    && (stop.contains(&t.text.as_str())
                        || t.text.starts_with(|ch: char| {
                            ch.is_ascii_digit() || "=<>!".contains(ch)
                        }))) =>
        {
            c.next();
            if let Some(p) = ctx.protocol {
                let kinds = crate::scenario::run::message_kinds(p);
                match kinds.iter().find(|k| k.eq_ignore_ascii_case(&t.text)) {
                    Some(k) => Some(k.to_string()),
                    None if kinds.is_empty() => Some(t.text.clone()),
                    None => {
                        return Err(unknown(
                            t,
                            &format!("a {} message kind ({})", p.name(), kinds.join(", ")),
                            kinds,
                        ))
                    }
                }
            } else {
                Some(t.text.clone())
            }
        }
        _ => None,
    };
    Ok(Route { from, to, kind })
}
