//! Positions and errors. Every error a scenario file can cause names the file, the line and the
//! column, and says what was expected there.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A place in a scenario file: 1-based line and column (columns count characters, so a Chinese
/// character is one column).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A malformed scenario file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseError {
    /// The file name as given to the parser (e.g. `scenarios/raft-first-election.scn`).
    pub file: String,
    pub pos: Pos,
    /// What was expected and what was found, e.g. "expected a duration like `150ms`, found `150`".
    pub message: String,
    /// The offending line, for a caret display.
    pub line_text: String,
}

impl ParseError {
    /// The error with the offending line and a caret under the column:
    ///
    /// ```text
    /// scenarios/x.scn:4:18: expected a duration like `150ms`, found `150`
    ///     election-timeout 150..300ms
    ///                      ^
    /// ```
    pub fn pretty(&self) -> String {
        let mut s = self.to_string();
        if !self.line_text.is_empty() {
            let pad: String = self
                .line_text
                .chars()
                .take(self.pos.col.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            s.push_str(&format!("\n    {}\n    {}^", self.line_text, pad));
        }
        s
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.pos, self.message)
    }
}

impl std::error::Error for ParseError {}

/// An error inside one line: the column and the message. The parser adds the file and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LineError {
    pub col: u32,
    pub message: String,
}

impl LineError {
    pub fn new(col: u32, message: impl Into<String>) -> Self {
        LineError {
            col,
            message: message.into(),
        }
    }
}
