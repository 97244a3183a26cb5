//! The one table of bounds on what an input may ask for. Every entry point that takes a
//! setting from outside (scenario files, share links, the CLI, the explorer's forms) checks it
//! here, so that no input implies unbounded work: a timer of 1 µs over an hour of virtual time
//! is a billion events, a term near 2^64 wraps on the next election.
//!
//! The timing bounds keep the simulated clusters in the regime the papers describe (Raft §5.6:
//! broadcastTime ≪ electionTimeout ≪ MTBF; a few milliseconds to a minute covers every
//! teaching setting) while bounding the events per second of virtual time.

use crate::core::{fmt_time, Lang, Time, MS};

/// A bounded duration setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeBound {
    /// What the setting is called, in English and in Chinese (glossary terms).
    pub en: &'static str,
    pub zh: &'static str,
    pub min: Time,
    pub max: Time,
}

/// Raft's election timeout (both ends of its range). Below 10 ms, elections follow one another
/// faster than any message crosses a default network: every event is a new term.
pub const ELECTION_TIMEOUT: TimeBound = TimeBound {
    en: "the election timeout",
    zh: "选举超时",
    min: 10 * MS,
    max: 60_000 * MS,
};

/// Raft's and Multi-Paxos's heartbeat interval.
pub const HEARTBEAT: TimeBound = TimeBound {
    en: "the heartbeat interval",
    zh: "心跳间隔",
    min: MS,
    max: 60_000 * MS,
};

/// Paxos's retry timeout (Multi-Paxos: its election timeout).
pub const RETRY_TIMEOUT: TimeBound = TimeBound {
    en: "the retry timeout",
    zh: "重试超时",
    min: MS,
    max: 60_000 * MS,
};

/// One-way message latency (both ends of its range), and the extra delay of a reordered message.
pub const LATENCY: TimeBound = TimeBound {
    en: "the latency",
    zh: "延迟",
    min: 0,
    max: 60_000 * MS,
};

/// The highest term (Raft) or ballot round (Paxos) an input may give. Each election raises a
/// term by one, and a run has at most [`MAX_RUN_EVENTS`] events, so terms stay far below 2^64.
pub const MAX_TERM: u64 = 1_000_000_000;
/// The highest log index or Paxos slot an input may give.
pub const MAX_INDEX: u64 = 1_000_000_000;
/// The most entries one AppendEntries may carry.
pub const MAX_ENTRIES_PER_APPEND: usize = 10_000;
/// The most events one scenario run may take (then it stops with a failure).
pub const MAX_RUN_EVENTS: u64 = 5_000_000;
/// The most events opening a share link or one seek may replay: past this, the browser tab
/// would freeze for many seconds and hold hundreds of megabytes.
pub const MAX_SEEK_EVENTS: u64 = 1_000_000;
/// The most events a scenario opened in lecture mode may take, in a browser tab that keeps
/// its whole run for stepping back and forth: [`MAX_RUN_EVENTS`] would hold about 1.4 GB
/// there; this budget holds a fifth of it. A scenario that needs more is refused when it is
/// loaded, and the one shown stays.
pub const MAX_LECTURE_EVENTS: u64 = MAX_SEEK_EVENTS;
/// The largest scenario file, in bytes.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// The deepest nesting of conditions (`not not … leader`).
pub const MAX_NESTING: usize = 32;

impl TimeBound {
    /// Checks one value; the message names the setting and both bounds.
    pub fn check(&self, d: Time, lang: Lang) -> Result<(), String> {
        if (self.min..=self.max).contains(&d) {
            return Ok(());
        }
        Err(match lang {
            Lang::En => format!(
                "{} must be between {} and {}, not {}",
                self.en,
                fmt_time(self.min),
                fmt_time(self.max),
                fmt_time(d)
            ),
            Lang::Zh => format!(
                "{}必须在 {} 到 {} 之间，而不是 {}",
                self.zh,
                fmt_time(self.min),
                fmt_time(self.max),
                fmt_time(d)
            ),
        })
    }

    /// Checks a range `min..max` (both ends bounded, `min <= max`).
    pub fn check_range(&self, (a, b): (Time, Time), lang: Lang) -> Result<(), String> {
        self.check(a, lang)?;
        self.check(b, lang)?;
        if a > b {
            return Err(match lang {
                Lang::En => format!(
                    "{} range starts above its end ({}..{})",
                    self.en,
                    fmt_time(a),
                    fmt_time(b)
                ),
                Lang::Zh => format!(
                    "{}的范围起点高于终点（{}..{}）",
                    self.zh,
                    fmt_time(a),
                    fmt_time(b)
                ),
            });
        }
        Ok(())
    }
}

/// Checks a term or ballot round given by an input.
pub fn check_term(what: &str, t: u64) -> Result<(), String> {
    if t > MAX_TERM {
        return Err(format!("{what} {t} is too large: at most {MAX_TERM}"));
    }
    Ok(())
}

/// Checks a log index or slot given by an input.
pub fn check_index(what: &str, i: u64) -> Result<(), String> {
    if i > MAX_INDEX {
        return Err(format!("{what} {i} is too large: at most {MAX_INDEX}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_name_the_setting_and_both_ends() {
        assert!(ELECTION_TIMEOUT.check(150 * MS, Lang::En).is_ok());
        let e = ELECTION_TIMEOUT.check(1, Lang::En).unwrap_err();
        assert!(
            e.contains("election timeout") && e.contains("10ms") && e.contains("60"),
            "{e}"
        );
        let z = HEARTBEAT.check(0, Lang::Zh).unwrap_err();
        assert!(z.starts_with("心跳间隔必须在"), "{z}");
        assert!(HEARTBEAT.check(u64::MAX, Lang::En).is_err());
        assert!(LATENCY.check_range((0, 60_000 * MS), Lang::En).is_ok());
        assert!(LATENCY.check_range((20 * MS, 10 * MS), Lang::En).is_err());
        assert!(check_term("term", MAX_TERM).is_ok());
        assert!(check_term("term", u64::MAX).is_err());
        assert!(check_index("slot", MAX_INDEX + 1).is_err());
    }
}
