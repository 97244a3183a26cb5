//! A deterministic, structure-aware mutator for the stable fuzz harness: no coverage
//! feedback (that needs nightly and cargo-fuzz), so it leans on knowing the inputs' shapes.
//! Scenario text is mutated by lines, tokens and bytes, spliced with other corpus files, and
//! given numbers near every limit and deep nesting. Share links are mutated as text, as their
//! postcard bytes, and as the session they hold (a field of the decoded `Shared`, seen as
//! JSON, set to a number near a limit, an element dropped or repeated), then re-encoded.

use quorumscope::viz::base64;
use quorumscope::viz::share::Shared;
use serde_json::Value;

/// Inputs are kept under the CLI's and the browser's file cap.
pub const MAX_INPUT: usize = 1 << 20;

/// splitmix64: small, fast and the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Numbers at and around the limits of every integer width the formats use.
pub const LIMITS: &[u64] = &[
    0,
    1,
    2,
    3,
    7,
    9,
    10,
    16,
    64,
    127,
    128,
    255,
    256,
    1_000,
    20_000,
    65_535,
    65_536,
    1_000_000,
    5_000_000,
    5_000_001,
    (1 << 31) - 1,
    1 << 31,
    (1 << 32) - 1,
    1 << 32,
    3_600_000_000,
    3_600_000_001,
    (1 << 53) + 1,
    (1 << 63) - 1,
    1 << 63,
    u64::MAX - 1,
    u64::MAX,
];

/// Number-like words the scenario lexer has to judge.
const NUMBER_WORDS: &[&str] = &[
    "18446744073709551616",
    "99999999999999999999999999",
    "-1",
    "-0",
    "0.0",
    "0.0000001",
    "1e308",
    "1e-9",
    "NaN",
    "inf",
    "1_000",
    "0x10",
    "１",
];

const UNITS: &[&str] = &[
    "", "", "us", "µs", "ms", "s", "m", "h", "%", "..", "ms..", "s..",
];

/// Keywords and punctuation of the scenario format (docs/scenarios.md), besides the action
/// verbs ([`words`] adds those from the one verb table).
const FORMAT_WORDS: &[&str] = &[
    "title:",
    "about:",
    "about.zh:",
    "en:",
    "zh:",
    "en",
    "zh",
    "step",
    "protocol",
    "raft",
    "paxos",
    "multi-paxos",
    "nodes",
    "seed",
    "state",
    "term",
    "vote",
    "log",
    "empty",
    "option",
    "unsafe",
    "pre-vote",
    "check-quorum",
    "fast-backtrack",
    "noop",
    "backoff",
    "roles",
    "election-timeout",
    "heartbeat",
    "latency",
    "retry",
    "max-entries",
    "expect",
    "never",
    "when",
    "within",
    "run",
    "until",
    "at",
    "after",
    "all",
    "leader",
    "no",
    "not",
    "is",
    "follower",
    "candidate",
    "stable",
    "request",
    "committed",
    "unknown",
    "lost",
    "failed",
    "sent",
    "in",
    "violation",
    "chosen",
    "promised",
    "accepted",
    "learned",
    "ballot",
    "proposes",
    "slot",
    "commit",
    "follows",
    "none",
    "nobody",
    "n1",
    "n2",
    "n9",
    "n10",
    "1.n1",
    "2=x",
    "x",
    "|",
    "->",
    "<->",
    ",",
    ":",
    "\"",
    "\\",
    "#",
    "=",
    ">=",
    "<=",
    "*",
    "(",
    ")",
    "\t",
    "\r",
    "\n",
    "\u{0}",
    "\u{feff}",
    "节点",
    "领导者",
    "🙂",
    "é",
];

/// The scenario format's words: [`FORMAT_WORDS`] and every action verb of
/// `sim::action::Verb::ALL`.
pub fn words() -> &'static [&'static str] {
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut w = FORMAT_WORDS.to_vec();
        w.extend(quorumscope::sim::action::Verb::words());
        w
    })
}

/// A number near a limit, as scenario text, with a unit sometimes.
fn number_word(rng: &mut Rng) -> String {
    let n = if rng.chance(4) {
        rng.pick(NUMBER_WORDS).to_string()
    } else {
        rng.pick(LIMITS).to_string()
    };
    format!("{n}{}", rng.pick(UNITS))
}

fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Splits a line into words and the runs of spaces between them, so that joining the
/// pieces gives the line back.
fn tokens(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut space = None;
    for (i, c) in line.char_indices() {
        let is_space = c == ' ' || c == '\t';
        if space != Some(is_space) {
            if i > start {
                out.push(&line[start..i]);
            }
            start = i;
            space = Some(is_space);
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

/// One mutation of scenario text; `other` is another corpus file, for splicing.
fn mutate_text_once(rng: &mut Rng, s: &str, other: &str) -> String {
    // Lines borrow from the inputs; the one line a mutation makes lives in `fresh`.
    let fresh: String;
    let mut lines: Vec<&str> = s.split('\n').collect();
    let other_lines: Vec<&str> = other.split('\n').collect();
    let k = rng.below(lines.len());
    match rng.below(16) {
        0 => return s[..boundary(s, rng.below(s.len() + 1))].to_string(),
        1 => {
            lines.remove(k);
        }
        2 => {
            let line = lines[rng.below(lines.len())];
            lines.insert(rng.below(lines.len() + 1), line);
        }
        3 => {
            let j = rng.below(lines.len());
            lines.swap(k, j);
        }
        // Splice: a line, or a run of lines, from another file.
        4 => {
            let a = rng.below(other_lines.len());
            let b = (a + 1 + rng.below(8)).min(other_lines.len());
            let at = rng.below(lines.len() + 1);
            for (i, l) in other_lines[a..b].iter().enumerate() {
                lines.insert(at + i, l);
            }
        }
        5 => {
            // This file's head with the other's tail.
            let cut = rng.below(lines.len() + 1);
            let from = rng.below(other_lines.len() + 1);
            lines.truncate(cut);
            lines.extend(other_lines[from..].iter().copied());
        }
        // Tokens: replace, insert or delete a word; numbers near limits.
        6..=9 => {
            let toks: Vec<&str> = tokens(lines[k]);
            let mut toks: Vec<String> = toks.iter().map(|t| t.to_string()).collect();
            let w = rng.below(toks.len() + 1);
            let new = if rng.chance(2) {
                number_word(rng)
            } else {
                rng.pick(words()).to_string()
            };
            match rng.below(4) {
                0 if w < toks.len() => {
                    toks.remove(w);
                }
                1 => {
                    toks.insert(w, format!(" {new} "));
                }
                _ if w < toks.len() => {
                    if toks[w].trim().is_empty() {
                        toks.insert(w + 1, new);
                    } else {
                        toks[w] = new;
                    }
                }
                _ => toks.push(format!(" {new}")),
            }
            fresh = toks.concat();
            lines[k] = &fresh;
        }
        // Deep nesting and long repetition.
        10 => {
            let depth = *rng.pick(&[2usize, 16, 31, 32, 33, 64, 200, 1_000, 20_000]);
            let word = rng.pick(&["not ", "no ", "not not ", "("]);
            let line = format!("expect {}{}", word.repeat(depth), rng.pick(words()));
            fresh = line;
            lines.insert(rng.below(lines.len() + 1), &fresh);
        }
        11 => {
            // Up to a megabyte, rarely: most inputs stay small so that many run.
            let times = *rng.pick(&[10usize, 100, 1_000, 10_000, 10_000, 100_000]);
            let times = if times == 100_000 && !rng.chance(8) {
                100
            } else {
                times
            };
            let toks = tokens(lines[k]);
            let t = toks.get(rng.below(toks.len())).copied().unwrap_or("x");
            let times = times.min(MAX_INPUT / (t.len() + 1));
            fresh = format!("{} {}", lines[k], format!("{t} ").repeat(times));
            lines[k] = &fresh;
        }
        // A number near a limit in place of any number of the line.
        12 => {
            let line = lines[k];
            let digits: Vec<usize> = line
                .char_indices()
                .filter(|&(i, c)| {
                    c.is_ascii_digit() && !line[..i].ends_with(|p: char| p.is_ascii_digit())
                })
                .map(|(i, _)| i)
                .collect();
            if let Some(&at) = digits.get(rng.below(digits.len().max(1))) {
                let end = line[at..]
                    .find(|c: char| !c.is_ascii_digit() && c != '.')
                    .map_or(line.len(), |e| at + e);
                fresh = format!("{}{}{}", &line[..at], number_word(rng), &line[end..]);
                lines[k] = &fresh;
            }
        }
        // Bytes.
        13 => {
            let at = boundary(s, rng.below(s.len() + 1));
            let b = boundary(s, at + rng.below(16));
            return format!("{}{}", &s[..at], &s[b..]);
        }
        14 => {
            let at = boundary(s, rng.below(s.len() + 1));
            return format!("{}{}{}", &s[..at], rng.pick(words()), &s[at..]);
        }
        _ => {
            let mut bytes = s.as_bytes().to_vec();
            if !bytes.is_empty() {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            return String::from_utf8_lossy(&bytes).into_owned();
        }
    }
    lines.join("\n")
}

/// A mutant of scenario text: one to four mutations.
pub fn scenario(rng: &mut Rng, s: &str, other: &str) -> Vec<u8> {
    let mut s = s.to_string();
    for _ in 0..1 + rng.below(4) {
        s = mutate_text_once(rng, &s, other);
        if s.len() > MAX_INPUT {
            s.truncate(boundary(&s, MAX_INPUT));
        }
    }
    s.into_bytes()
}

/// A mutant of a share link (its text): as text, as postcard bytes, or as the session.
pub fn share(rng: &mut Rng, link: &str, other: &str) -> Vec<u8> {
    let mut link = link.to_string();
    for _ in 0..1 + rng.below(3) {
        link = match rng.below(8) {
            0 => mutate_link_text(rng, &link, other),
            1..=3 => match base64::decode(&link) {
                Ok(bytes) => base64::encode(&mutate_bytes(rng, bytes, other)),
                Err(_) => mutate_link_text(rng, &link, other),
            },
            _ => mutate_session(rng, &link).unwrap_or_else(|| mutate_link_text(rng, &link, other)),
        };
    }
    link.into_bytes()
}

fn mutate_link_text(rng: &mut Rng, s: &str, other: &str) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= \n%#";
    let mut b = s.as_bytes().to_vec();
    let i = rng.below(b.len() + 1);
    match rng.below(5) {
        0 => b.truncate(i),
        1 => b.insert(i, *rng.pick(alphabet)),
        2 if i < b.len() => b[i] = *rng.pick(alphabet),
        3 => {
            let o = other.as_bytes();
            let j = rng.below(o.len() + 1);
            b.truncate(i);
            b.extend_from_slice(&o[j..]);
        }
        _ => {
            let j = (i + rng.below(32)).min(b.len());
            b.drain(i..j);
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// postcard writes integers as LEB128 varints: one near a limit, in that form.
fn varint(mut x: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (x & 0x7f) as u8;
        x >>= 7;
        if x == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

fn mutate_bytes(rng: &mut Rng, mut b: Vec<u8>, other: &str) -> Vec<u8> {
    let i = rng.below(b.len() + 1);
    match rng.below(7) {
        0 if i < b.len() => b[i] ^= 1 << rng.below(8),
        1 if i < b.len() => b[i] = *rng.pick(&[0u8, 1, 2, 0x7f, 0x80, 0xff]),
        2 => {
            // Replace the varint at i by a number near a limit.
            let end = b[i..]
                .iter()
                .position(|x| x & 0x80 == 0)
                .map_or(b.len(), |e| i + e + 1);
            let v = varint(*rng.pick(LIMITS));
            b.splice(i..end, v);
        }
        3 => {
            let j = (i + 1 + rng.below(16)).min(b.len());
            b.drain(i..j);
        }
        4 => {
            let j = (i + 1 + rng.below(32)).min(b.len());
            let piece = b[i..j].to_vec();
            let at = rng.below(b.len() + 1);
            b.splice(at..at, piece);
        }
        5 => {
            if let Ok(o) = base64::decode(other) {
                let j = rng.below(o.len() + 1);
                b.truncate(i);
                b.extend_from_slice(&o[j..]);
            }
        }
        _ => b.truncate(i),
    }
    b
}

/// Decodes the session without validation, changes one field through its JSON form, and
/// encodes it again, so the mutant reaches the validator and the replay.
fn mutate_session(rng: &mut Rng, link: &str) -> Option<String> {
    let bytes = base64::decode(link).ok()?;
    let shared: Shared = postcard::from_bytes(&bytes).ok()?;
    let mut v = serde_json::to_value(&shared).ok()?;
    let mut leaves = Vec::new();
    paths(&v, &mut Vec::new(), &mut leaves);
    let path = rng.pick(&leaves).clone();
    let target = path.iter().try_fold(&mut v, |v, k| match k {
        Key::Field(f) => v.get_mut(f.as_str()),
        Key::Index(i) => v.get_mut(*i),
    })?;
    match target {
        Value::Number(n) if n.is_f64() => {
            *target = serde_json::json!(rng.pick(&[0.0, 1.0, 0.5, 1.0000001, -0.0, 1e-300, 2.0]))
        }
        Value::Number(n) => {
            // Small steps from the value (as AFL's arithmetic stage), or a number near a limit.
            let x = n.as_u64().unwrap_or(0);
            let d = 1 + rng.below(16) as u64;
            *target = serde_json::json!(match rng.below(6) {
                0 => x.wrapping_add(d),
                1 => x.wrapping_sub(d),
                2 => x.wrapping_mul(2),
                3 => x / 2,
                _ => *rng.pick(LIMITS),
            })
        }
        Value::Null => *target = serde_json::json!(*rng.pick(LIMITS)),
        Value::Bool(b) => *b = !*b,
        Value::String(s) => {
            *s = rng
                .pick(&[
                    "",
                    "n1",
                    "n2",
                    "x",
                    "a very long node name",
                    "节点",
                    "\u{0}",
                ])
                .to_string()
        }
        Value::Array(a) if !a.is_empty() => {
            let i = rng.below(a.len());
            match rng.below(3) {
                0 => {
                    a.remove(i);
                }
                1 => {
                    let x = a[i].clone();
                    a.insert(i, x);
                }
                _ => {
                    let j = rng.below(a.len());
                    a.swap(i, j);
                }
            }
        }
        _ => return None,
    }
    let shared: Shared = serde_json::from_value(v).ok()?;
    Some(base64::encode(&postcard::to_allocvec(&shared).ok()?))
}

#[derive(Clone)]
enum Key {
    Field(String),
    Index(usize),
}

/// Every value's path in `v` (numbers, strings, booleans, nulls and arrays).
fn paths(v: &Value, here: &mut Vec<Key>, out: &mut Vec<Vec<Key>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                here.push(Key::Field(k.clone()));
                paths(x, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            out.push(here.clone());
            for (i, x) in a.iter().enumerate() {
                here.push(Key::Index(i));
                paths(x, here, out);
                here.pop();
            }
        }
        _ => out.push(here.clone()),
    }
}
