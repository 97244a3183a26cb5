//! The fuzz targets, one function per target, shared by the stable harness
//! (tests/fuzz_inputs.rs) and the cargo-fuzz targets (fuzz/fuzz_targets/*.rs, which include
//! this file by path). They use only the crate's public API and `std`, so they add nothing to
//! the library or the browser module.
//!
//! Each target takes raw bytes, must never panic, asserts what must hold of any input
//! (errors located inside the text, a decoded link round-trips, an opened link did bounded
//! work) and returns a short outcome (the error message, or `ok`), which the stable harness
//! uses as cheap feedback: an input with an outcome not seen before joins the corpus.

#![allow(dead_code)]

use quorumscope::limits;
use quorumscope::scenario::{ParseError, Runner, Scenario};
use quorumscope::viz::{base64, share, Cluster, SceneOptions};

/// The file name the scenario target parses under.
pub const FILE: &str = "fuzz.scn";

/// At most this many events may lie behind an opened share link: its recorded actions lie
/// within `share::MAX_EVENTS` events, and the seek to the moment shown stops (with a message,
/// the link refused) past `limits::MAX_SEEK_EVENTS` more.
pub const OPEN_MAX_EVENTS: u64 = share::MAX_EVENTS + limits::MAX_SEEK_EVENTS;

/// The scenario parser: `Scenario::parse`, then (if it parses) building its cluster with
/// `Runner::new` (which checks what the parser leaves to it). Every error must name a line
/// and column inside the text, and `pretty()` must render it.
pub fn scenario_parse(data: &[u8]) -> String {
    let Ok(text) = std::str::from_utf8(data) else {
        // The CLI and the browser refuse such text before parsing.
        return "not UTF-8".into();
    };
    match Scenario::parse(FILE, text) {
        Err(e) => {
            check_position(text, &e);
            e.message
        }
        Ok(sc) => match Runner::new(&sc) {
            Err(e) => {
                check_position(text, &e);
                format!("runner: {}", e.message)
            }
            Ok(_) => "ok".into(),
        },
    }
}

/// Asserts that a parse error is located inside `text`, with a message, and renders.
fn check_position(text: &str, e: &ParseError) {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = e.pos.line as usize;
    assert!(
        line >= 1 && line <= lines.len(),
        "line {line} outside the text ({} lines): {e}",
        lines.len()
    );
    let len = lines[line - 1]
        .strip_suffix('\r')
        .unwrap_or(lines[line - 1])
        .chars()
        .count();
    assert!(
        e.pos.col >= 1 && e.pos.col as usize <= len + 1,
        "column {} outside line {line} ({len} characters): {e}",
        e.pos.col
    );
    assert!(!e.message.is_empty(), "an error without a message");
    assert!(
        e.to_string()
            .starts_with(&format!("{FILE}:{line}:{}:", e.pos.col)),
        "the error does not start with its location: {e}"
    );
    assert!(!e.pretty().is_empty());
}

/// The share-link decoder: `share::decode` of the bytes as link text, and of their base64 (so
/// that byte-level mutations reach postcard). A link that decodes must re-encode to a link
/// that decodes to the same session.
pub fn share_decode(data: &[u8]) -> String {
    let as_text = match std::str::from_utf8(data) {
        Ok(text) => decode_once(text),
        Err(_) => "not UTF-8".into(),
    };
    let as_bytes = decode_once(&base64::encode(data));
    format!("{as_text} | {as_bytes}")
}

fn decode_once(text: &str) -> String {
    match share::decode(text) {
        Err(e) => {
            assert!(!e.is_empty(), "an empty error message");
            e
        }
        Ok(shared) => {
            let again = share::decode(&share::encode(&shared));
            assert_eq!(
                again.as_ref(),
                Ok(&shared),
                "a decoded link does not survive encode and decode"
            );
            "ok".into()
        }
    }
}

/// Opening a share link as the explorer does (`Cluster::from_share`: decode, replay, seek to
/// the moment shown), then drawing that moment. The opened session must lie within
/// [`OPEN_MAX_EVENTS`] events; the harness bounds the time and memory.
pub fn share_open(data: &[u8]) -> String {
    let Ok(text) = std::str::from_utf8(data) else {
        return "not UTF-8".into();
    };
    match Cluster::from_share(text) {
        Err(e) => {
            assert!(!e.is_empty(), "an empty error message");
            e
        }
        Ok(cluster) => {
            assert!(
                cluster.events() <= OPEN_MAX_EVENTS,
                "the opened link ran {} events (more than {OPEN_MAX_EVENTS})",
                cluster.events()
            );
            let scene = cluster.scene(SceneOptions {
                feed: 20,
                ..SceneOptions::default()
            });
            assert_eq!(scene.nodes.len(), cluster.n());
            format!("ok {}", cluster.protocol())
        }
    }
}
