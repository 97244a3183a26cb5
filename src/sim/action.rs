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
        (Verb::Latency, "latency", "MIN..MAX"),
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

    /// Reads an action in its text form (see [`Verb::ALL`]): the verb, then nodes and messages
    /// by number (nodes from 0), probabilities as `0.25` or `25%`, durations with a unit
    /// (`10ms..20ms`), and a client's value as the rest of the line. `real` reads a decimal
    /// number (`str::parse` in [`std::str::FromStr`]; the browser passes JavaScript's, so that
    /// its page carries no decimal parser of its own).
    pub fn parse_with(text: &str, real: impl Fn(&str) -> Option<f64>) -> Result<Action, String> {
        let text = text.trim();
        let (word, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let Some(verb) = Verb::from_word(word) else {
            let words: Vec<&str> = Verb::words().collect();
            return Err(if word.is_empty() {
                format!("expected an action ({})", words.join(", "))
            } else {
                format!("unknown action `{word}` (known: {})", words.join(", "))
            });
        };
        if verb == Verb::Client {
            let rest = rest.trim_start();
            let (node, value) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            return Ok(Action::Client {
                node: number(verb, node)?,
                value: value.trim_start().to_string(),
            });
        }
        let spaced = rest
            .replace("->", " -> ")
            .replace('|', " | ")
            .replace(',', " ");
        let args: Vec<&str> = spaced.split_whitespace().collect();
        let takes = || {
            let found = match args.join(" ") {
                a if a.is_empty() => "nothing".to_string(),
                a => format!("`{a}`"),
            };
            format!("`{}` takes {}, found {found}", verb.word(), syntax(verb))
        };
        let arity = |k: usize| {
            if args.len() == k {
                Ok(())
            } else {
                Err(takes())
            }
        };
        let node = || -> Result<NodeId, String> {
            arity(1)?;
            number(verb, args[0])
        };
        let prob = || -> Result<f64, String> {
            arity(1)?;
            let w = args[0];
            let (num, scale) = match w.strip_suffix('%') {
                Some(n) => (n, 100.0),
                None => (w, 1.0),
            };
            let decimal = !num.is_empty() && num.chars().all(|c| c.is_ascii_digit() || c == '.');
            match real(num).filter(|x| decimal && x.is_finite()) {
                Some(x) => Ok(x / scale),
                None => Err(format!("`{w}` is not a probability like `0.25` or `25%`")),
            }
        };
        let link = || -> Result<(NodeId, NodeId), String> {
            arity(3)?;
            if args[1] != "->" {
                return Err(takes());
            }
            Ok((number(verb, args[0])?, number(verb, args[2])?))
        };
        let message = || -> Result<u64, String> {
            arity(1)?;
            number(verb, args[0])
        };
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
                        w => groups.last_mut().expect("a group").push(number(verb, w)?),
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
            Verb::Heal => arity(0).map(|()| Action::Heal)?,
            Verb::Loss => Action::Loss(prob()?),
            Verb::Duplicate => Action::Duplicate(prob()?),
            Verb::Reorder => Action::Reorder(prob()?),
            Verb::Latency => {
                arity(1)?;
                let (min, max) = super::literal::duration_range(args[0])?;
                Action::Latency { min, max }
            }
            Verb::Drop => Action::DropMessage(message()?),
            Verb::Hold => Action::HoldMessage(message()?),
            Verb::Deliver => Action::DeliverMessage(message()?),
            Verb::AlignTimers => arity(0).map(|()| Action::AlignTimers)?,
            Verb::SpreadTimers => arity(0).map(|()| Action::SpreadTimers)?,
        })
    }
}

/// What follows `verb`'s word, for messages.
fn syntax(verb: Verb) -> &'static str {
    match Verb::ALL.iter().find(|(v, ..)| *v == verb) {
        Some((_, _, "")) | None => "nothing",
        Some((_, _, s)) => s,
    }
}

/// A node or message number.
fn number<T: std::str::FromStr>(verb: Verb, w: &str) -> Result<T, String> {
    w.parse().map_err(|_| {
        format!(
            "`{}` takes {}: `{w}` is not a number",
            verb.word(),
            syntax(verb)
        )
    })
}

/// A duration as the text form writes it: whole milliseconds, else microseconds.
fn duration(t: Time) -> String {
    if t % 1_000 == 0 {
        format!("{}ms", t / 1_000)
    } else {
        format!("{t}us")
    }
}

/// The text form [`Action::parse_with`] reads back: `crash 0`, `partition 0 1 | 2 3 4`,
/// `cut 0 -> 1`, `loss 0.25`, `latency 10ms..20ms`, `client 1 x`.
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
            Action::Latency { min, max } => write!(f, "{w} {}..{}", duration(*min), duration(*max)),
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
        assert_eq!(p("loss 25%"), Ok(Action::Loss(0.25)));
        assert_eq!(
            p("latency 1.5ms"),
            Ok(Action::Latency {
                min: 1_500,
                max: 1_500
            })
        );
    }

    #[test]
    fn bad_text_says_what_the_verb_takes() {
        let e = |s: &str| s.parse::<Action>().unwrap_err();
        assert!(e("").starts_with("expected an action (crash, restart,"));
        assert!(e("explode 1").starts_with("unknown action `explode`"));
        assert_eq!(e("crash"), "`crash` takes NODE, found nothing");
        assert_eq!(e("crash x"), "`crash` takes NODE: `x` is not a number");
        assert_eq!(e("crash 1 2"), "`crash` takes NODE, found `1 2`");
        assert_eq!(e("cut 0 1"), "`cut` takes NODE -> NODE, found `0 1`");
        assert_eq!(e("cut 0 1 2"), "`cut` takes NODE -> NODE, found `0 1 2`");
        assert_eq!(
            e("partition 0 | | 1"),
            "`partition` takes NODE NODE | NODE …, found `0 | | 1`"
        );
        assert_eq!(
            e("loss lots"),
            "`lots` is not a probability like `0.25` or `25%`"
        );
        assert_eq!(
            e("loss 1e9"),
            "`1e9` is not a probability like `0.25` or `25%`"
        );
        assert_eq!(e("heal now"), "`heal` takes nothing, found `now`");
        assert!(e("latency 10").contains("with a unit"));
    }
}
