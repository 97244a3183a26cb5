//! Scenarios: text files that describe a cluster, what happens to it, what to tell the audience
//! at each step, and what must be true afterwards. The format is documented in
//! `docs/scenarios.md`.
//!
//! - [`parse`] turns a file's text into a [`Scenario`] or a [`ParseError`] with file, line and
//!   column.
//! - [`Runner`] plays a scenario on the simulator step by step, checking every invariant after
//!   every event, and reports each expectation with the actual value next to the expected one.
//! - [`library`] is every file of `scenarios/`, embedded, for the browser.
//!
//! Nothing here touches the file system, so all of it runs in the browser too.

pub mod ast;
pub mod error;
mod lex;
mod library;
mod parse;
pub mod run;
pub mod units;

pub use ast::*;
pub use error::{ParseError, Pos};
pub use library::{library, LIBRARY};
pub use parse::{parse, MAX_FILE_BYTES};
pub use run::{Check, CheckKind, Entries, Runner, SimRef, StepReport};

impl Scenario {
    /// Parses a scenario file; `file` names it in error messages.
    pub fn parse(file: &str, text: &str) -> Result<Scenario, ParseError> {
        parse(file, text)
    }
}
