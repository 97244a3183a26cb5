//! Lecture mode's links: the part of the URL after `#`.
//!
//! ```text
//! #lecture                                   the scenario picker
//! #scenario=raft-split-vote                  a library scenario, at its introduction
//! #scenario=raft-split-vote&step=3&lang=zh   at the end of step 3, in Chinese
//! …&present=1                                in presentation mode
//! …&embed=1                                  the minimal frame for course web pages
//! #scenario=user:mine                        a scenario loaded in this browser
//! #scenario=user:mine&step=2&text=…          one loaded anywhere, its text in the link
//! ```
//!
//! A scenario that is not in the library (loaded from a file or pasted) is kept in the
//! browser it was loaded in, and its links carry its text too (`text`: the UTF-8 text in
//! URL-safe base64), so that a lecturer's link opens it in a student's browser.
//!
//! Anything else after `#` belongs to the explorer. Unknown keys are ignored and a bad value
//! falls back to its default, so a mangled link still opens something sensible.

use super::strings::{code, parse_lang};
use crate::core::Lang;

/// Where a link points, in lecture mode.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Route {
    /// The scenario id; `None` opens the picker.
    pub scenario: Option<String>,
    /// The step to show (0: the introduction); `None`: the introduction.
    pub step: Option<usize>,
    pub lang: Option<Lang>,
    pub present: bool,
    pub embed: bool,
    /// The scenario's own text, as the link carries it (URL-safe base64 of UTF-8; decode it
    /// with [`text_of`]). Only for scenarios not in the library.
    pub text: Option<String>,
}

/// The prefix of ids of scenarios loaded in this browser (not in the library).
pub const USER_PREFIX: &str = "user:";

/// Whether a hash (with or without its `#`) is lecture mode's.
pub fn is_lecture(hash: &str) -> bool {
    let h = hash.trim_start_matches('#');
    h == "lecture" || h.starts_with("lecture&") || h.starts_with("scenario=")
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| s.to_string())
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

fn truthy(v: &str) -> bool {
    matches!(v, "1" | "true" | "yes" | "on")
}

/// Reads a lecture hash; `None` when the hash is not lecture mode's.
pub fn parse(hash: &str) -> Option<Route> {
    if !is_lecture(hash) {
        return None;
    }
    let mut r = Route::default();
    for pair in hash.trim_start_matches('#').split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = decode(v);
        match k {
            "scenario" if !v.trim().is_empty() => r.scenario = Some(v.trim().to_string()),
            "step" => r.step = v.trim().parse().ok(),
            "lang" => r.lang = parse_lang(v.trim()),
            "present" => r.present = truthy(v.trim()),
            "embed" => r.embed = truthy(v.trim()),
            "text" if !v.trim().is_empty() => r.text = Some(v.trim().to_string()),
            _ => {}
        }
    }
    Some(r)
}

/// The hash (with its `#`) for a route.
pub fn format(r: &Route) -> String {
    let Some(id) = &r.scenario else {
        let mut s = "#lecture".to_string();
        if let Some(l) = r.lang {
            s.push_str(&format!("&lang={}", code(l)));
        }
        return s;
    };
    let mut s = format!("#scenario={}", encode(id));
    if let Some(k) = r.step {
        s.push_str(&format!("&step={k}"));
    }
    if let Some(l) = r.lang {
        s.push_str(&format!("&lang={}", code(l)));
    }
    if r.present {
        s.push_str("&present=1");
    }
    if r.embed {
        s.push_str("&embed=1");
    }
    // Last, so that the short settings stay readable at the start of a long link.
    if let Some(text) = &r.text {
        s.push_str(&format!("&text={}", encode(text)));
    }
    s
}

/// A scenario's text as a link carries it.
pub fn text_param(text: &str) -> String {
    crate::viz::base64::encode(text.as_bytes())
}

/// Why the text a link carries cannot be read (the link was cut short or changed by hand).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    /// Character `k` (from 1) is not one of base64's.
    BadChar(usize),
    /// It ends in the middle of a character.
    CutShort,
    /// The bytes are not UTF-8 text.
    NotText,
}

/// The scenario text a link carries (see [`Route::text`]).
pub fn text_of(param: &str) -> Result<String, TextError> {
    use crate::viz::base64::{decode, DecodeError};
    let bytes = decode(param).map_err(|e| match e {
        DecodeError::BadChar { at, .. } => TextError::BadChar(at),
        DecodeError::CutShort => TextError::CutShort,
    })?;
    String::from_utf8(bytes).map_err(|_| TextError::NotText)
}

/// The page's hash now (with its `#`, empty when there is none).
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Rewrites the hash without adding a history entry or firing `hashchange` (stepping
/// through a lecture should not fill the back button's history).
pub fn replace_hash(hash: &str) {
    let Some(w) = web_sys::window() else { return };
    if current_hash() == hash {
        return;
    }
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Goes to `hash` as a link would (a history entry, and `hashchange` fires).
pub fn go(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}
