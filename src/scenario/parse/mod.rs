//! The scenario parser: a line-oriented command language, in the spirit of etcd-raft's
//! data-driven test scripts. The format is documented in `docs/scenarios.md`.
//!
//! A file is a header (title, protocol, nodes, timing, options, initial state) followed by
//! steps. Each step has a caption (`en:` and `zh:` lines) and commands. Every error names the
//! file, line and column and says what was expected.

mod command;
mod ctx;
mod header;
mod pred;

use super::ast::{Command, Scenario, Step, Text, Timing};
use super::error::{LineError, ParseError, Pos};
use super::lex::{tokenize, Cursor};
use ctx::{unknown, Ctx};

/// Files larger than this are refused (a scenario is a page or two of text).
pub const MAX_FILE_BYTES: usize = crate::limits::MAX_FILE_BYTES;

/// Words that may start a header line.
pub(crate) const HEADER_WORDS: &[&str] = &[
    "protocol",
    "nodes",
    "seed",
    "election-timeout",
    "heartbeat",
    "retry-timeout",
    "max-entries",
    "latency",
    "loss",
    "duplicate",
    "reorder",
    "option",
    "unsafe",
    "state",
    "roles",
    "never",
    "step",
];

/// The keys of text lines (`key: free text to the end of the line`).
const TEXT_KEYS: &[&str] = &[
    "title", "title.en", "title.zh", "about", "about.en", "about.zh", "en", "zh",
];

/// Parses a scenario. `file` is used in error messages only.
pub fn parse(file: &str, text: &str) -> Result<Scenario, ParseError> {
    Parser::new(file).run(text)
}

struct Parser<'a> {
    file: &'a str,
    ctx: Ctx,
    sc: Scenario,
    /// The line each header directive was first given on, for "already set" errors.
    seen: Vec<(&'static str, u32)>,
    step: Option<Step>,
    line_no: u32,
    line_text: String,
    /// The text of the current step's `step` line.
    step_line: String,
}

impl<'a> Parser<'a> {
    fn new(file: &'a str) -> Self {
        Parser {
            file,
            ctx: Ctx {
                protocol: None,
                names: None,
            },
            sc: Scenario {
                file: file.to_string(),
                title: Text::default(),
                about: Text::default(),
                protocol: super::ast::ProtocolKind::Raft,
                names: Vec::new(),
                seed: 1,
                timing: Timing::default(),
                options: Vec::new(),
                initial: Vec::new(),
                roles: Vec::new(),
                never: Vec::new(),
                steps: Vec::new(),
            },
            seen: Vec::new(),
            step: None,
            line_no: 0,
            line_text: String::new(),
            step_line: String::new(),
        }
    }

    fn err(&self, e: LineError) -> ParseError {
        ParseError {
            file: self.file.to_string(),
            pos: Pos::new(self.line_no, e.col),
            message: e.message,
            line_text: self.line_text.clone(),
        }
    }

    fn run(mut self, text: &str) -> Result<Scenario, ParseError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(ParseError {
                file: self.file.to_string(),
                pos: Pos::new(1, 1),
                message: format!(
                    "the file is {} bytes; a scenario may be at most {MAX_FILE_BYTES}",
                    text.len()
                ),
                line_text: String::new(),
            });
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut last = 0;
        for (i, raw) in text.split('\n').enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            self.line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            self.line_text = line.to_string();
            self.line(line).map_err(|e| self.err(e))?;
            if !line.trim().is_empty() {
                last = self.line_no;
            }
        }
        self.finish(last.max(1))
    }

    fn line(&mut self, line: &str) -> Result<(), LineError> {
        if let Some((k, ch)) = line
            .chars()
            .enumerate()
            .find(|(_, ch)| ch.is_control() && *ch != '\t')
        {
            // Invisible in an error message (`proto\0col` would print as `protocol`).
            return Err(LineError::new(
                k as u32 + 1,
                format!(
                    "an invisible control character (U+{:04X}) is not allowed here",
                    ch as u32
                ),
            ));
        }
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(());
        }
        let indent = (line.chars().count() - trimmed.chars().count()) as u32;
        if let Some((key, rest)) = trimmed.split_once(':') {
            let key_t = key.trim_end();
            if TEXT_KEYS.contains(&key_t) {
                let rest_col = indent + key.chars().count() as u32 + 2;
                let lead = (rest.chars().count() - rest.trim_start().chars().count()) as u32;
                return self.text_line(key_t, rest.trim(), indent + 1, rest_col + lead);
            }
        }
        let (toks, end_col) = tokenize(line)?;
        if toks.is_empty() {
            return Ok(());
        }
        let mut c = Cursor::new(&toks, end_col);
        let first = &toks[0];
        if first.kind == super::lex::Kind::Word && TEXT_KEYS.contains(&first.text.as_str()) {
            // A text line without its colon (`en The first election`).
            return Err(missing_colon(first));
        }
        let source: String = line
            .chars()
            .take(end_col.saturating_sub(1) as usize)
            .collect::<String>()
            .trim()
            .to_string();
        let pos = Pos::new(self.line_no, first.col);
        if first.kind == super::lex::Kind::Word && first.text == "step" {
            c.next();
            c.end()?;
            self.close_step()?;
            self.check_header_complete(first.col)?;
            self.step_line = line.to_string();
            self.step = Some(Step {
                pos,
                caption: Text::default(),
                commands: Vec::new(),
            });
            return Ok(());
        }
        if self.step.is_none() {
            if first.kind == super::lex::Kind::Word && first.text == "never" {
                let kind = command::command(&self.ctx, &mut c)?;
                self.sc.never.push(Command { pos, source, kind });
                return Ok(());
            }
            return self.directive(&mut c);
        }
        if first.kind == super::lex::Kind::Word && HEADER_WORDS.contains(&first.text.as_str()) {
            // `loss`, `duplicate`, `reorder`, `latency` and `never` are step commands too.
            if !command::is_act_word(&first.text) && first.text != "never" {
                return Err(LineError::new(
                    first.col,
                    format!(
                        "`{}` belongs in the header, before the first `step`",
                        first.text
                    ),
                ));
            }
        }
        let kind = command::command(&self.ctx, &mut c)?;
        self.step
            .as_mut()
            .expect("in a step")
            .commands
            .push(Command { pos, source, kind });
        Ok(())
    }

    fn text_line(
        &mut self,
        key: &str,
        text: &str,
        key_col: u32,
        text_col: u32,
    ) -> Result<(), LineError> {
        if text.is_empty() {
            return Err(LineError::new(
                text_col,
                format!("expected text after `{key}:`"),
            ));
        }
        let target: &mut Text = match (key, self.step.as_mut()) {
            ("en" | "zh", Some(step)) => &mut step.caption,
            ("en" | "zh", None) => {
                return Err(LineError::new(
                    key_col,
                    format!(
                        "a caption (`{key}:`) belongs to a step: write `step` first, or use \
                         `title:` / `about:` for the scenario as a whole"
                    ),
                ))
            }
            (_, Some(_)) => {
                return Err(LineError::new(
                    key_col,
                    format!("`{key}:` belongs in the header, before the first `step`"),
                ))
            }
            (k, None) if k.starts_with("title") => &mut self.sc.title,
            _ => &mut self.sc.about,
        };
        let zh = key.ends_with("zh");
        if zh {
            // Chinese is written without spaces between lines.
            let z = target.zh.get_or_insert_with(String::new);
            z.push_str(text);
        } else {
            if !target.en.is_empty() {
                target.en.push(' ');
            }
            target.en.push_str(text);
        }
        Ok(())
    }

    fn close_step(&mut self) -> Result<(), LineError> {
        if let Some(step) = self.step.take() {
            if step.caption.en.is_empty() {
                return Err(self.at_step(
                    &step,
                    "this step has no caption: expected an `en:` line (and a `zh:` line) after `step`",
                ));
            }
            self.sc.steps.push(step);
        }
        Ok(())
    }

    /// An error at a step's `step` line (reported from a later line).
    fn at_step(&mut self, step: &Step, msg: &str) -> LineError {
        self.line_no = step.pos.line;
        self.line_text = self.step_line.clone();
        LineError::new(step.pos.col, msg)
    }

    fn check_header_complete(&self, col: u32) -> Result<(), LineError> {
        if self.ctx.protocol.is_none() {
            return Err(LineError::new(
                col,
                "expected `protocol raft` or `protocol paxos` in the header, before the first `step`",
            ));
        }
        if self.ctx.names.is_none() {
            return Err(LineError::new(
                col,
                "expected `nodes 3` or `nodes A B C` in the header, before the first `step`",
            ));
        }
        if self.sc.title.en.is_empty() {
            return Err(LineError::new(
                col,
                "expected a `title:` line in the header, before the first `step`",
            ));
        }
        Ok(())
    }

    fn finish(mut self, last_line: u32) -> Result<Scenario, ParseError> {
        let line_text = self.line_text.clone();
        self.close_step().map_err(|e| self.err(e))?;
        if self.sc.steps.is_empty() {
            return Err(ParseError {
                file: self.file.to_string(),
                pos: Pos::new(last_line, 1),
                message: "expected at least one `step` (with an `en:` caption) after the header"
                    .into(),
                line_text,
            });
        }
        Ok(self.sc)
    }
}

/// For header.rs and the tests: the list of words that may start a line anywhere.
pub(crate) fn all_words() -> Vec<&'static str> {
    let mut w = HEADER_WORDS.to_vec();
    w.extend(crate::sim::action::Verb::words());
    w.extend_from_slice(command::STEP_WORDS);
    w
}

/// A text key (`en`, `zh`, `title`, `about`, …) not followed by its colon.
pub(crate) fn missing_colon(tok: &super::lex::Token) -> LineError {
    LineError::new(
        tok.col,
        format!(
            "`{w}` starts a text line: write `{w}:` with a colon, then the text",
            w = tok.text
        ),
    )
}

/// Unknown first word of a line.
pub(crate) fn unknown_line(tok: &super::lex::Token, in_header: bool) -> LineError {
    let expected = if in_header {
        "a header line (title:, about:, protocol, nodes, seed, election-timeout, heartbeat, \
         retry-timeout, max-entries, latency, loss, duplicate, reorder, option, unsafe, state, roles, never) or `step`"
    } else {
        "a step command"
    };
    unknown(tok, expected, &all_words())
}

#[cfg(test)]
mod tests;
