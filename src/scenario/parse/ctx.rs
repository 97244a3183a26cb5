//! What the parser knows while it reads a line: the declared protocol and node names.

use crate::core::NodeId;
use crate::scenario::ast::ProtocolKind;
use crate::scenario::error::LineError;
use crate::scenario::lex::{Cursor, Kind, Token};
use crate::scenario::units;

pub(crate) struct Ctx {
    pub protocol: Option<ProtocolKind>,
    pub names: Option<Vec<String>>,
}

impl Ctx {
    /// A node name, resolved to its id.
    pub fn node(&self, c: &mut Cursor) -> Result<NodeId, LineError> {
        let Some(names) = &self.names else {
            return Err(LineError::new(
                c.col(),
                "declare the nodes first (`nodes 3` or `nodes A B C`)",
            ));
        };
        let list = || names.join(", ");
        match c.peek() {
            Some(t) if t.kind == Kind::Word => match names.iter().position(|n| *n == t.text) {
                Some(i) => {
                    c.next();
                    Ok(i)
                }
                None => Err(LineError::new(
                    t.col,
                    format!("expected a node name ({}), found `{}`", list(), t.text),
                )),
            },
            _ => Err(c.expected(&format!("a node name ({})", list()))),
        }
    }

    /// A node name, or one of `none_words` meaning "no node".
    pub fn node_or(
        &self,
        c: &mut Cursor,
        none_words: &[&str],
    ) -> Result<Option<NodeId>, LineError> {
        for w in none_words {
            if c.eat(w) {
                return Ok(None);
            }
        }
        match self.node(c) {
            Ok(n) => Ok(Some(n)),
            Err(mut e) => {
                e.message = e.message.replacen(
                    "expected a node name (",
                    &format!("expected `{}` or a node name (", none_words.join("` or `")),
                    1,
                );
                Err(e)
            }
        }
    }

    /// Fails with a positioned error unless the scenario's protocol is `want`.
    pub fn require(&self, tok: &Token, want: ProtocolKind, what: &str) -> Result<(), LineError> {
        match self.protocol {
            Some(p) if p != want => Err(LineError::new(
                tok.col,
                format!(
                    "`{}` is {what} for {} scenarios; this scenario's protocol is {}",
                    tok.text,
                    cap(want.name()),
                    p.name()
                ),
            )),
            _ => Ok(()),
        }
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Reads a token with a unit parser, turning its message into a positioned error.
pub(crate) fn lit<T>(
    c: &mut Cursor,
    what: &str,
    f: impl Fn(&str) -> Result<T, String>,
) -> Result<T, LineError> {
    let t = c.word(what)?;
    f(&t.text).map_err(|m| LineError::new(t.col, m))
}

pub(crate) fn duration(c: &mut Cursor) -> Result<crate::core::Time, LineError> {
    lit(c, "a duration like `150ms`", units::duration)
}

pub(crate) fn range(c: &mut Cursor) -> Result<(crate::core::Time, crate::core::Time), LineError> {
    lit(
        c,
        "a duration or a range like `150ms..300ms`",
        units::duration_range,
    )
}

/// A duration range checked against one of [`crate::limits`]'s bounds, located at the value.
pub(crate) fn bounded_range(
    c: &mut Cursor,
    bound: &crate::limits::TimeBound,
) -> Result<(crate::core::Time, crate::core::Time), LineError> {
    let at = c.col();
    let r = range(c)?;
    bound
        .check_range(r, crate::core::Lang::En)
        .map_err(|m| LineError::new(at, m))?;
    Ok(r)
}

/// A duration checked against one of [`crate::limits`]'s bounds, located at the value.
pub(crate) fn bounded(
    c: &mut Cursor,
    bound: &crate::limits::TimeBound,
) -> Result<crate::core::Time, LineError> {
    let at = c.col();
    let d = duration(c)?;
    bound
        .check(d, crate::core::Lang::En)
        .map_err(|m| LineError::new(at, m))?;
    Ok(d)
}

/// A whole number of at most `max`, located at the value.
pub(crate) fn number_at_most(c: &mut Cursor, what: &str, max: u64) -> Result<u64, LineError> {
    let at = c.col();
    let n = number(c, what)?;
    if n > max {
        return Err(LineError::new(
            at,
            format!("{what}: {n} is too large (at most {max})"),
        ));
    }
    Ok(n)
}

pub(crate) fn probability(c: &mut Cursor) -> Result<f64, LineError> {
    lit(c, "a probability like `10%` or `0.1`", units::probability)
}

pub(crate) fn number(c: &mut Cursor, what: &str) -> Result<u64, LineError> {
    lit(c, what, |s| units::count(s, what))
}

/// `on`, `off` or nothing (which means `on`).
pub(crate) fn on_off(c: &mut Cursor) -> Result<bool, LineError> {
    if c.eat("on") || c.at_end() {
        Ok(true)
    } else if c.eat("off") {
        Ok(false)
    } else {
        Err(c.expected("`on`, `off` or the end of the line"))
    }
}

/// The closest of `words` to `w`, if it is a plausible typo.
pub(crate) fn suggest<'a>(w: &str, words: &[&'a str]) -> Option<&'a str> {
    let w = w.to_lowercase();
    words
        .iter()
        .map(|k| (distance(&w, &k.to_lowercase()), *k))
        .filter(|(d, k)| *d <= 2 && *d < k.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// "expected X, found `w`" plus "(did you mean `k`?)" when there is a close keyword.
pub(crate) fn unknown(tok: &Token, expected: &str, words: &[&str]) -> LineError {
    let hint = suggest(&tok.text, words)
        .map(|k| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default();
    LineError::new(
        tok.col,
        format!("expected {expected}, found `{}`{hint}", tok.text),
    )
}

/// Levenshtein distance over characters, small inputs only.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(40).collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest("crsh", &["crash", "restart"]), Some("crash"));
        assert_eq!(suggest("zzzzzz", &["crash", "restart"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
