//! Splits one line of a scenario file into tokens, and walks them.
//!
//! Tokens are words (`crash`, `150ms`, `n1`, `>=3`), quoted strings (`"set x"`) and the
//! punctuation `:` `,` `|` `->` `<->`. `#` starts a comment anywhere outside a quoted string.

use super::error::LineError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Quoted,
    Punct,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub text: String,
    /// 1-based column of the token's first character.
    pub col: u32,
}

fn is_punct(c: char) -> bool {
    matches!(c, ':' | ',' | '|')
}

/// Tokenises `line`. The column of the end of the line (for "found end of line" errors) is the
/// second value.
pub(crate) fn tokenize(line: &str) -> Result<(Vec<Token>, u32), LineError> {
    let chars: Vec<char> = line.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let arrow = |i: usize| chars.get(i) == Some(&'-') && chars.get(i + 1) == Some(&'>');
    let both = |i: usize| {
        chars.get(i) == Some(&'<')
            && chars.get(i + 1) == Some(&'-')
            && chars.get(i + 2) == Some(&'>')
    };
    let mut end = chars.len();
    while i < chars.len() {
        let c = chars[i];
        let col = i as u32 + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '#' {
            end = i;
            break;
        }
        if c == '"' {
            let mut text = String::new();
            i += 1;
            let mut closed = false;
            while i < chars.len() {
                match chars[i] {
                    '"' => {
                        closed = true;
                        i += 1;
                        break;
                    }
                    '\\' => {
                        match chars.get(i + 1) {
                            Some('"') => text.push('"'),
                            Some('\\') => text.push('\\'),
                            Some(other) => {
                                return Err(LineError::new(
                                    i as u32 + 1,
                                    format!(
                                        "unknown escape `\\{other}` in a quoted string: expected `\\\"` or `\\\\`"
                                    ),
                                ))
                            }
                            None => break,
                        }
                        i += 2;
                    }
                    ch => {
                        text.push(ch);
                        i += 1;
                    }
                }
            }
            if !closed {
                return Err(LineError::new(
                    col,
                    "this quoted string is not closed: expected `\"` before the end of the line",
                ));
            }
            toks.push(Token {
                kind: Kind::Quoted,
                text,
                col,
            });
            continue;
        }
        if is_punct(c) {
            toks.push(Token {
                kind: Kind::Punct,
                text: c.to_string(),
                col,
            });
            i += 1;
            continue;
        }
        if both(i) {
            toks.push(Token {
                kind: Kind::Punct,
                text: "<->".into(),
                col,
            });
            i += 3;
            continue;
        }
        if arrow(i) {
            toks.push(Token {
                kind: Kind::Punct,
                text: "->".into(),
                col,
            });
            i += 2;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let ch = chars[i];
            if ch.is_whitespace() || ch == '"' || ch == '#' || is_punct(ch) || arrow(i) || both(i) {
                break;
            }
            i += 1;
        }
        toks.push(Token {
            kind: Kind::Word,
            text: chars[start..i].iter().collect(),
            col,
        });
    }
    // The end column is just past the last non-blank character before any comment.
    let mut e = end;
    while e > 0 && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    Ok((toks, e as u32 + 1))
}

/// A walk over one line's tokens.
pub(crate) struct Cursor<'a> {
    toks: &'a [Token],
    i: usize,
    end_col: u32,
}

impl<'a> Cursor<'a> {
    pub fn new(toks: &'a [Token], end_col: u32) -> Self {
        Cursor {
            toks,
            i: 0,
            end_col,
        }
    }

    pub fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.i)
    }

    /// The next token's text if it is a bare word.
    pub fn peek_word(&self) -> Option<&'a str> {
        self.peek()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text.as_str())
    }

    /// Whether the next token is the punctuation `p`.
    pub fn peek_punct(&self, p: &str) -> bool {
        self.peek()
            .is_some_and(|t| t.kind == Kind::Punct && t.text == p)
    }

    pub fn next(&mut self) -> Option<&'a Token> {
        let t = self.toks.get(self.i);
        if t.is_some() {
            self.i += 1;
        }
        t
    }

    pub fn at_end(&self) -> bool {
        self.i >= self.toks.len()
    }

    /// The column of the next token (or of the end of the line).
    pub fn col(&self) -> u32 {
        self.peek().map_or(self.end_col, |t| t.col)
    }

    /// Consumes the bare word `w` if it is next.
    pub fn eat(&mut self, w: &str) -> bool {
        if self.peek_word() == Some(w) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Consumes the punctuation `p` if it is next.
    pub fn eat_punct(&mut self, p: &str) -> bool {
        if self.peek_punct(p) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// An error at the next token: "expected <what>, found `<token>`" (or "found end of line").
    pub fn expected(&self, what: &str) -> LineError {
        LineError::new(
            self.col(),
            format!("expected {what}, found {}", self.found()),
        )
    }

    /// How the next token is described in errors.
    pub fn found(&self) -> String {
        match self.peek() {
            None => "end of line".to_string(),
            Some(t) if t.kind == Kind::Quoted => format!("\"{}\"", t.text),
            Some(t) => format!("`{}`", t.text),
        }
    }

    /// The next bare word, or an error saying `what` was expected.
    pub fn word(&mut self, what: &str) -> Result<&'a Token, LineError> {
        match self.peek() {
            Some(t) if t.kind == Kind::Word => {
                self.i += 1;
                Ok(t)
            }
            _ => Err(self.expected(what)),
        }
    }

    /// The next word or quoted string (a free value such as a client command).
    pub fn value(&mut self, what: &str) -> Result<&'a Token, LineError> {
        match self.peek() {
            Some(t) if t.kind != Kind::Punct => {
                self.i += 1;
                Ok(t)
            }
            _ => Err(self.expected(what)),
        }
    }

    /// Fails unless the line is finished.
    pub fn end(&self) -> Result<(), LineError> {
        if self.at_end() {
            Ok(())
        } else {
            Err(LineError::new(
                self.col(),
                format!("expected the end of the line, found {}", self.found()),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        tokenize(line)
            .unwrap()
            .0
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn words_punctuation_and_comments() {
        assert_eq!(texts("cut n1->n2 # a comment"), ["cut", "n1", "->", "n2"]);
        assert_eq!(texts("cut n1 <-> n2"), ["cut", "n1", "<->", "n2"]);
        assert_eq!(
            texts("when leader n1: crash n1"),
            ["when", "leader", "n1", ":", "crash", "n1"]
        );
        assert_eq!(
            texts("partition a,b|c"),
            ["partition", "a", ",", "b", "|", "c"]
        );
        assert_eq!(texts("client n1 \"x # y\""), ["client", "n1", "x # y"]);
        assert_eq!(texts("expect n1 term >=3"), ["expect", "n1", "term", ">=3"]);
    }

    #[test]
    fn columns_count_characters() {
        let (t, end) = tokenize("  节点 n1").unwrap();
        assert_eq!(t[0].col, 3);
        assert_eq!(t[1].col, 6);
        assert_eq!(end, 8);
    }

    #[test]
    fn unterminated_string() {
        let e = tokenize("client n1 \"abc").unwrap_err();
        assert_eq!(e.col, 11);
        let e = tokenize("client n1 \"a\\q\"").unwrap_err();
        assert_eq!(e.col, 13);
    }
}
