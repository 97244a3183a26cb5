//! What a user, a scenario or a fault campaign can do to a running cluster.

use crate::core::{NodeId, Time};
use serde::{Deserialize, Serialize};

/// One user action. Every action is recorded with the point in the run at which it was taken,
/// so that a run can be replayed exactly from its seed and its actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Crash a node: its volatile state is lost, its durable state kept.
    Crash(NodeId),
    /// Restart a crashed node from its durable state.
    Restart(NodeId),
    /// Freeze a node (SIGSTOP): it keeps all its state but processes nothing.
    Pause(NodeId),
    /// Thaw a node (SIGCONT): overdue timers fire, then what arrived meanwhile is handled.
    Resume(NodeId),
    /// Make the node's timeout timer (Raft: election; Paxos: proposer retry) fire now.
    Timeout(NodeId),
    /// A client sends `value` to `node`.
    Client {
        /// The node the client sends to.
        node: NodeId,
        /// The command.
        value: String,
    },
    /// Split the cluster into these groups (unnamed nodes form one more group).
    Partition(Vec<Vec<NodeId>>),
    /// Cut the one-way link `from → to`.
    Cut {
        /// The sender's end.
        from: NodeId,
        /// The receiver's end.
        to: NodeId,
    },
    /// Restore the one-way link `from → to`.
    Restore {
        /// The sender's end.
        from: NodeId,
        /// The receiver's end.
        to: NodeId,
    },
    /// Remove every partition and cut.
    Heal,
    /// Set the probability that a message is lost.
    Loss(f64),
    /// Set the probability that a message is delivered twice.
    Duplicate(f64),
    /// Set the probability that a message is held back so that later ones overtake it.
    Reorder(f64),
    /// Set the one-way latency range.
    Latency {
        /// The shortest latency.
        min: Time,
        /// The longest latency.
        max: Time,
    },
    /// Drop an in-flight message.
    DropMessage(u64),
    /// Hold an in-flight message: it stays in the network until released.
    HoldMessage(u64),
    /// Deliver an in-flight (or held) message now.
    DeliverMessage(u64),
    /// Re-arm every running timeout timer to fire at the same moment (a split vote is likely).
    AlignTimers,
    /// Re-arm every running timeout timer well apart (a split vote is unlikely).
    SpreadTimers,
}

/// An action as it was taken: after `events` events had been processed, at time `time`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    /// How many events had been processed when it was taken.
    pub events: u64,
    /// Virtual time when it was taken.
    pub time: Time,
    /// What was done.
    pub action: Action,
}

/// The kinds of [`Action`], each named by one verb. [`Verb::ALL`] is the one table of action
/// words: the scenario parser, the browser's test hook (`__qs.act`) and [`Action`]'s text form
/// read it, and the fuzzers draw their words from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    /// `crash NODE`: [`Action::Crash`].
    Crash,
    /// `restart NODE`: [`Action::Restart`].
    Restart,
    /// `pause NODE`: [`Action::Pause`].
    Pause,
    /// `resume NODE`: [`Action::Resume`].
    Resume,
    /// `timeout NODE`: [`Action::Timeout`].
    Timeout,
    /// `client NODE VALUE`: [`Action::Client`].
    Client,
    /// `partition NODE NODE | NODE …`: [`Action::Partition`].
    Partition,
    /// `cut NODE -> NODE`: [`Action::Cut`].
    Cut,
    /// `restore NODE -> NODE`: [`Action::Restore`].
    Restore,
    /// `heal`: [`Action::Heal`].
    Heal,
    /// `loss PROBABILITY`: [`Action::Loss`].
    Loss,
    /// `duplicate PROBABILITY`: [`Action::Duplicate`].
    Duplicate,
    /// `reorder PROBABILITY`: [`Action::Reorder`].
    Reorder,
    /// `latency MIN..MAX`: [`Action::Latency`].
    Latency,
    /// `drop MESSAGE`: [`Action::DropMessage`].
    Drop,
    /// `hold MESSAGE`: [`Action::HoldMessage`].
    Hold,
    /// `deliver MESSAGE`: [`Action::DeliverMessage`].
    Deliver,
    /// `align-timers`: [`Action::AlignTimers`].
    AlignTimers,
    /// `spread-timers`: [`Action::SpreadTimers`].
    SpreadTimers,
}

impl Verb {
    /// Every verb: its word, and what follows the word in [`Action`]'s text form (a scenario
    /// writes node names where this has node numbers, and may pick messages by route).
    pub const ALL: &'static [(Verb, &'static str, &'static str)] = &[
        (Verb::Crash, "crash", "NODE"),
        (Verb::Restart, "restart", "NODE"),
        (Verb::Pause, "pause", "NODE"),
        (Verb::Resume, "resume", "NODE"),
        (Verb::Timeout, "timeout", "NODE"),
        (Verb::Client, "client", "NODE VALUE"),
        (Verb::Partition, "partition", "NODE NODE | NODE …"),
        (Verb::Cut, "cut", "NODE -> NODE"),
        (Verb::Restore, "restore", "NODE -> NODE"),
        (Verb::Heal, "heal", ""),
        (Verb::Loss, "loss", "PROBABILITY"),
        (Verb::Duplicate, "duplicate", "PROBABILITY"),
        (Verb::Reorder, "reorder", "PROBABILITY"),
        (Verb::Latency, "latency", "MIN..MAX (µs)"),
        (Verb::Drop, "drop", "MESSAGE"),
        (Verb::Hold, "hold", "MESSAGE"),
        (Verb::Deliver, "deliver", "MESSAGE"),
        (Verb::AlignTimers, "align-timers", ""),
        (Verb::SpreadTimers, "spread-timers", ""),
    ];

    /// The verb's word (`crash`, `align-timers`).
    pub fn word(self) -> &'static str {
        Verb::ALL
            .iter()
            .find(|(v, ..)| *v == self)
            .map_or("?", |(_, w, _)| w)
    }

    /// The verb a word names, if any.
    pub fn from_word(word: &str) -> Option<Verb> {
        Verb::ALL
            .iter()
            .find(|(_, w, _)| *w == word)
            .map(|(v, ..)| *v)
    }

    /// Every verb's word, in the table's order.
    pub fn words() -> impl Iterator<Item = &'static str> {
        Verb::ALL.iter().map(|(_, w, _)| *w)
    }
}

impl Action {
    /// The verb that names this action.
    pub fn verb(&self) -> Verb {
        match self {
            Action::Crash(_) => Verb::Crash,
            Action::Restart(_) => Verb::Restart,
            Action::Pause(_) => Verb::Pause,
            Action::Resume(_) => Verb::Resume,
            Action::Timeout(_) => Verb::Timeout,
            Action::Client { .. } => Verb::Client,
            Action::Partition(_) => Verb::Partition,
            Action::Cut { .. } => Verb::Cut,
            Action::Restore { .. } => Verb::Restore,
            Action::Heal => Verb::Heal,
            Action::Loss(_) => Verb::Loss,
            Action::Duplicate(_) => Verb::Duplicate,
            Action::Reorder(_) => Verb::Reorder,
            Action::Latency { .. } => Verb::Latency,
            Action::DropMessage(_) => Verb::Drop,
            Action::HoldMessage(_) => Verb::Hold,
            Action::DeliverMessage(_) => Verb::Deliver,
            Action::AlignTimers => Verb::AlignTimers,
            Action::SpreadTimers => Verb::SpreadTimers,
        }
    }

    /// Reads an action in its text form (see [`Verb::ALL`]): the verb, then numbers only:
    /// nodes from 0, message ids, probabilities as decimals (`0.25`), latency in microseconds
    /// (`10000..20000`), and a client's value as the rest of the line. (Scenarios write the
    /// same verbs with node names and units.) `real` reads a decimal number (`str::parse` in
    /// [`FromStr`](std::str::FromStr); the browser passes JavaScript's, so that its page
    /// carries no decimal parser of its own).
    pub fn parse_with(text: &str, real: impl Fn(&str) -> Option<f64>) -> Result<Action, String> {
        let text = text.trim();
        let (word, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let Some(verb) = Verb::from_word(word) else {
            let mut known = String::new();
            for w in Verb::words() {
                known.push_str(if known.is_empty() { "" } else { ", " });
                known.push_str(w);
            }
            return Err(format!("expected an action ({known}), found `{word}`"));
        };
        // One message for every malformed argument: what the verb takes, and what was found.
        let takes = || {
            format!(
                "`{}` takes {}, found `{}`",
                verb.word(),
                syntax(verb),
                rest.trim()
            )
        };
        let num = |w: &str| w.parse::<u64>().map_err(|_| takes());
        if verb == Verb::Client {
            let rest = rest.trim_start();
            let (node, value) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            return Ok(Action::Client {
                node: num(node)? as NodeId,
                value: value.trim_start().to_string(),
            });
        }
        let args = tokens(rest);
        let one = || match args[..] {
            [w] => Ok(w),
            _ => Err(takes()),
        };
        let node = || Ok::<_, String>(num(one()?)? as NodeId);
        let prob = || {
            let w = one()?;
            let decimal = w.bytes().all(|c| c.is_ascii_digit() || c == b'.');
            real(w)
                .filter(|x| decimal && x.is_finite())
                .ok_or_else(takes)
        };
        let link = || match args[..] {
            [from, "->", to] => Ok((num(from)? as NodeId, num(to)? as NodeId)),
            _ => Err(takes()),
        };
        let none = |a: Action| if args.is_empty() { Ok(a) } else { Err(takes()) };
        Ok(match verb {
            Verb::Crash => Action::Crash(node()?),
            Verb::Restart => Action::Restart(node()?),
            Verb::Pause => Action::Pause(node()?),
            Verb::Resume => Action::Resume(node()?),
            Verb::Timeout => Action::Timeout(node()?),
            Verb::Client => unreachable!("read above"),
            Verb::Partition => {
                let mut groups = vec![Vec::new()];
                for w in &args {
                    match *w {
                        "|" => groups.push(Vec::new()),
                        w => groups.last_mut().expect("a group").push(num(w)? as NodeId),
                    }
                }
                if groups.iter().any(Vec::is_empty) && !args.is_empty() {
                    return Err(takes());
                }
                groups.retain(|g| !g.is_empty());
                Action::Partition(groups)
            }
            Verb::Cut => {
                let (from, to) = link()?;
                Action::Cut { from, to }
            }
            Verb::Restore => {
                let (from, to) = link()?;
                Action::Restore { from, to }
            }
            Verb::Heal => none(Action::Heal)?,
            Verb::Loss => Action::Loss(prob()?),
            Verb::Duplicate => Action::Duplicate(prob()?),
            Verb::Reorder => Action::Reorder(prob()?),
            Verb::Latency => {
                let w = one()?;
                let i = w.find('.').filter(|&i| w[i..].starts_with(".."));
                let (min, max) = i.map_or((w, ""), |i| (&w[..i], &w[i + 2..]));
                Action::Latency {
                    min: num(min)?,
                    max: num(max)?,
                }
            }
            Verb::Drop => Action::DropMessage(num(one()?)?),
            Verb::Hold => Action::HoldMessage(num(one()?)?),
            Verb::Deliver => Action::DeliverMessage(num(one()?)?),
            Verb::AlignTimers => none(Action::AlignTimers)?,
            Verb::SpreadTimers => none(Action::SpreadTimers)?,
        })
    }
}

/// The words after the verb: `|` and `->` stand alone, and a comma separates like a space.
/// (A scan by bytes: every separator is ASCII, and the page then needs no substring search.)
fn tokens(rest: &str) -> Vec<&str> {
    let b = rest.as_bytes();
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    while i < b.len() {
        let punct = match b[i] {
            b'|' => 1,
            b'-' if b.get(i + 1) == Some(&b'>') => 2,
            _ => 0,
        };
        if punct > 0 || b[i] == b',' || b[i].is_ascii_whitespace() {
            if let Some(s) = start.take() {
                out.push(&rest[s..i]);
            }
            if punct > 0 {
                out.push(&rest[i..i + punct]);
            }
            i += punct.max(1);
        } else {
            start.get_or_insert(i);
            i += 1;
        }
    }
    if let Some(s) = start {
        out.push(&rest[s..]);
    }
    out
}

/// What follows `verb`'s word, for messages.
fn syntax(verb: Verb) -> &'static str {
    match Verb::ALL.iter().find(|(v, ..)| *v == verb) {
        Some((_, _, "")) | None => "nothing",
        Some((_, _, s)) => s,
    }
}

/// The text form [`Action::parse_with`] reads back: `crash 0`, `partition 0 1 | 2 3 4`,
/// `cut 0 -> 1`, `loss 0.25`, `latency 10000..20000`, `client 1 x`.
impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let w = self.verb().word();
        match self {
            Action::Crash(i)
            | Action::Restart(i)
            | Action::Pause(i)
            | Action::Resume(i)
            | Action::Timeout(i) => write!(f, "{w} {i}"),
            Action::Client { node, value } => write!(f, "{w} {node} {value}"),
            Action::Partition(groups) => {
                f.write_str(w)?;
                for (k, g) in groups.iter().enumerate() {
                    if k > 0 {
                        f.write_str(" |")?;
                    }
                    for i in g {
                        write!(f, " {i}")?;
                    }
                }
                Ok(())
            }
            Action::Cut { from, to } | Action::Restore { from, to } => {
                write!(f, "{w} {from} -> {to}")
            }
            Action::Loss(p) | Action::Duplicate(p) | Action::Reorder(p) => write!(f, "{w} {p}"),
            Action::Latency { min, max } => write!(f, "{w} {min}..{max}"),
            Action::DropMessage(id) | Action::HoldMessage(id) | Action::DeliverMessage(id) => {
                write!(f, "{w} {id}")
            }
            Action::Heal | Action::AlignTimers | Action::SpreadTimers => f.write_str(w),
        }
    }
}

impl std::str::FromStr for Action {
    type Err = String;

    fn from_str(s: &str) -> Result<Action, String> {
        Action::parse_with(s, |w| w.parse().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Action> {
        vec![
            Action::Crash(0),
            Action::Restart(4),
            Action::Pause(1),
            Action::Resume(2),
            Action::Timeout(3),
            Action::Client {
                node: 1,
                value: "hello  world".into(),
            },
            Action::Client {
                node: 0,
                value: String::new(),
            },
            Action::Partition(vec![vec![0, 1], vec![2, 3, 4]]),
            Action::Partition(vec![vec![2]]),
            Action::Partition(Vec::new()),
            Action::Cut { from: 0, to: 1 },
            Action::Restore { from: 3, to: 2 },
            Action::Heal,
            Action::Loss(0.25),
            Action::Duplicate(0.1),
            Action::Reorder(0.183_472_938_472_938_47),
            Action::Loss(1.0),
            Action::Loss(0.0),
            Action::Latency {
                min: 10_000,
                max: 20_500,
            },
            Action::DropMessage(12),
            Action::HoldMessage(0),
            Action::DeliverMessage(u64::from(u32::MAX) + 7),
            Action::AlignTimers,
            Action::SpreadTimers,
        ]
    }

    #[test]
    fn every_action_has_one_verb_and_its_text_reads_back() {
        let actions = every_kind();
        for (verb, ..) in Verb::ALL {
            assert!(actions.iter().any(|a| a.verb() == *verb), "{verb:?}");
        }
        for a in actions {
            let text = a.to_string();
            assert!(text.starts_with(a.verb().word()), "{text}");
            assert_eq!(text.parse::<Action>().as_ref(), Ok(&a), "{text}");
        }
    }

    #[test]
    fn words_are_unique_and_name_their_verb() {
        for (verb, word, _) in Verb::ALL {
            assert_eq!(Verb::from_word(word), Some(*verb));
            assert_eq!(verb.word(), *word);
        }
        assert_eq!(Verb::from_word("align"), None);
    }

    #[test]
    fn the_text_form_is_lenient_with_spaces_and_separators() {
        let p = |s: &str| s.parse::<Action>();
        assert_eq!(
            p("  client 1 hello world "),
            Ok(Action::Client {
                node: 1,
                value: "hello world".into()
            })
        );
        assert_eq!(
            p("partition 0,1|2"),
            Ok(Action::Partition(vec![vec![0, 1], vec![2]]))
        );
        assert_eq!(p("cut 0->1"), Ok(Action::Cut { from: 0, to: 1 }));
        assert_eq!(
            p("latency 1500..1500"),
            Ok(Action::Latency {
                min: 1_500,
                max: 1_500
            })
        );
    }

    #[test]
    fn bad_text_says_what_the_verb_takes() {
        let e = |s: &str| s.parse::<Action>().unwrap_err();
        assert!(e("").starts_with("expected an action (crash, restart, pause,"));
        assert!(e("explode 1").ends_with("align-timers, spread-timers), found `explode`"));
        assert!(e("align").ends_with("found `align`"));
        for (bad, takes) in [
            ("crash", "`crash` takes NODE, found ``"),
            ("crash x", "`crash` takes NODE, found `x`"),
            ("crash -1", "`crash` takes NODE, found `-1`"),
            ("crash 1 2", "`crash` takes NODE, found `1 2`"),
            ("cut 0 1", "`cut` takes NODE -> NODE, found `0 1`"),
            ("cut 0 -> 1 2", "`cut` takes NODE -> NODE, found `0 -> 1 2`"),
            (
                "partition 0 | | 1",
                "`partition` takes NODE NODE | NODE …, found `0 | | 1`",
            ),
            ("loss lots", "`loss` takes PROBABILITY, found `lots`"),
            ("loss 1e9", "`loss` takes PROBABILITY, found `1e9`"),
            ("loss 25%", "`loss` takes PROBABILITY, found `25%`"),
            ("heal now", "`heal` takes nothing, found `now`"),
            ("latency 10", "`latency` takes MIN..MAX (µs), found `10`"),
            (
                "latency 1.5..2",
                "`latency` takes MIN..MAX (µs), found `1.5..2`",
            ),
            ("drop x", "`drop` takes MESSAGE, found `x`"),
        ] {
            assert_eq!(e(bad), takes);
        }
    }
}
