//! A deterministic fuzz loop over mutations of the real scenario files: the parser must never
//! panic, and every error must carry a position inside the file. Scenarios that still parse
//! must build a runner without panicking, and a sample of them is played for a while.

#[allow(dead_code)]
mod fuzz_support;

use quorumscope::scenario::{library, Runner, Scenario};

/// splitmix64: a tiny deterministic generator, so the loop is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Fragments that are likely to confuse a parser, besides the scenario format's words (the
/// structure-aware fuzzer's dictionary, [`fuzz_support::mutate::words`], which [`junk`] adds).
const JUNK: &[&str] = &[
    "..",
    "%",
    " ",
    "0",
    "9",
    "18446744073709551616",
    "99999999999999999999s",
    "0.0000001ms",
    "1e9",
    "-1",
    "NaN",
    "inf",
    "150",
    "ms",
    "s",
    "us",
    "µs",
    "nodes 9",
    "nodes 0",
    "A",
    "B",
    "C",
];

/// [`JUNK`] and the scenario format's words, action verbs included.
fn junk() -> &'static [&'static str] {
    static ALL: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut w = JUNK.to_vec();
        w.extend(fuzz_support::mutate::words());
        w
    })
}

fn char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut s = text.to_string();
    for _ in 0..1 + rng.below(3) {
        let lines: Vec<&str> = s.split('\n').collect();
        s = match rng.below(9) {
            // Truncate anywhere.
            0 => s[..char_boundary(&s, rng.below(s.len() + 1))].to_string(),
            // Delete a line.
            1 => {
                let k = rng.below(lines.len());
                let mut l = lines.clone();
                l.remove(k);
                l.join("\n")
            }
            // Duplicate a line somewhere else.
            2 => {
                let mut l = lines.clone();
                let line = l[rng.below(l.len())];
                l.insert(rng.below(l.len() + 1), line);
                l.join("\n")
            }
            // Swap two lines.
            3 => {
                let mut l = lines.clone();
                let (a, b) = (rng.below(l.len()), rng.below(l.len()));
                l.swap(a, b);
                l.join("\n")
            }
            // Insert junk at a random place.
            4 | 5 => {
                let at = char_boundary(&s, rng.below(s.len() + 1));
                let junk = junk()[rng.below(junk().len())];
                format!("{}{junk}{}", &s[..at], &s[at..])
            }
            // Delete a few characters.
            6 => {
                let a = char_boundary(&s, rng.below(s.len() + 1));
                let b = char_boundary(&s, a + rng.below(8));
                format!("{}{}", &s[..a], &s[b..])
            }
            // Replace a word of a line with junk.
            7 => {
                let k = rng.below(lines.len());
                let words: Vec<&str> = lines[k].split(' ').collect();
                let w = rng.below(words.len());
                let mut words: Vec<String> = words.iter().map(|x| x.to_string()).collect();
                words[w] = junk()[rng.below(junk().len())].to_string();
                let mut l: Vec<String> = lines.iter().map(|x| x.to_string()).collect();
                l[k] = words.join(" ");
                l.join("\n")
            }
            // Lines from another place of the file, truncated.
            _ => {
                let k = rng.below(lines.len());
                let line = lines[k];
                let cut = char_boundary(line, rng.below(line.len() + 1));
                let mut l = lines.clone();
                l[k] = &line[..cut];
                l.join("\n")
            }
        };
        if s.is_empty() {
            break;
        }
    }
    s
}

fn check_error_position(name: &str, text: &str, e: &quorumscope::scenario::ParseError) {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = e.pos.line as usize;
    assert!(
        line >= 1 && line <= lines.len().max(1),
        "{name}: line {line} out of range: {e}"
    );
    let len = lines
        .get(line - 1)
        .map_or(0, |l| l.strip_suffix('\r').unwrap_or(l).chars().count());
    assert!(
        e.pos.col >= 1 && e.pos.col as usize <= len + 1,
        "{name}: column {} outside line {line} ({len} chars): {e}",
        e.pos.col
    );
    assert!(!e.message.is_empty(), "{name}: an empty error message");
    assert!(e
        .to_string()
        .starts_with(&format!("{name}:{line}:{}:", e.pos.col)));
}

#[test]
fn mutated_scenarios_never_panic_and_errors_have_positions() {
    let mut rng = Rng(0x5eed_cafe);
    let mut parsed = 0;
    let mut failed = 0;
    let mut played = 0;
    for round in 0..300 {
        for (name, text) in library() {
            let m = mutate(&mut rng, text);
            match Scenario::parse(name, &m) {
                Err(e) => {
                    failed += 1;
                    check_error_position(name, &m, &e);
                }
                Ok(sc) => {
                    parsed += 1;
                    match Runner::new(&sc) {
                        Err(e) => check_error_position(name, &m, &e),
                        Ok(mut r) => {
                            // Play a sample of the survivors: the runner must not panic either.
                            if round % 15 == 0 && played < 20 {
                                played += 1;
                                r.goto(2);
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        failed > 0 && parsed > 0,
        "the mutations should both break and keep files"
    );
}

#[test]
fn truncated_files_parse_or_fail_with_a_position() {
    // Every line boundary, one character either side, and a few places inside each line.
    let mut rng = Rng(7);
    for (name, text) in library() {
        let mut cuts = Vec::new();
        for (i, _) in text.match_indices('\n') {
            cuts.extend([i.saturating_sub(1), i, i + 1]);
            cuts.push(rng.below(text.len() + 1));
        }
        for cut in cuts {
            let cut = char_boundary(text, cut);
            let t = &text[..cut];
            if let Err(e) = Scenario::parse(name, t) {
                check_error_position(name, t, &e);
            }
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(42);
    let alphabet: Vec<char> = "abcdefghijklmnopqrstuvwxyz0123456789 \t\n\r\"\\#:,|-><.=%*_节点🙂"
        .chars()
        .collect();
    for _ in 0..3000 {
        let len = rng.below(200);
        let s: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        let text = format!("title: t\nprotocol raft\nnodes 3\n{s}");
        if let Err(e) = Scenario::parse("r.scn", &text) {
            check_error_position("r.scn", &text, &e);
        }
    }
}
