//! Share links as JSON and back, for the end-to-end tests (tests/e2e/lib-qs.mjs) and for
//! anyone curious about what a link holds: a link is postcard bytes in base64
//! (`quorumscope::viz::share`), which a script cannot edit, so the tests that need a
//! changed session (nine nodes, an unsafe switch, a tampered field) go through JSON here.
//!
//! ```text
//! cargo run --release --example share_json -- decode < link.txt > session.json
//! cargo run --release --example share_json -- encode < session.json > link.txt
//! ```
//!
//! `encode` does not validate: a tampered session is encoded as it is, so that the app's own
//! validation can be tested.

use quorumscope::viz::share::{self, Shared};
use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("share_json: cannot read standard input: {e}");
        return ExitCode::from(2);
    }
    let out = match mode.as_str() {
        "decode" => share::decode(&input).and_then(|s| {
            serde_json::to_string_pretty(&s).map_err(|e| format!("cannot write JSON: {e}"))
        }),
        "encode" => serde_json::from_str::<Shared>(&input)
            .map(|s| share::encode(&s))
            .map_err(|e| format!("not a session in JSON: {e}")),
        _ => Err("usage: share_json decode|encode (reads standard input)".to_string()),
    };
    match out {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("share_json: {e}");
            ExitCode::FAILURE
        }
    }
}
