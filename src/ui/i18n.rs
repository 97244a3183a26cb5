//! The remembered language choice, in the browser: `localStorage`, `navigator.languages`,
//! `<html lang>`. The string table itself is [`crate::viz::i18n`] (re-exported here).

use crate::core::Lang;
pub use crate::viz::i18n::*;

/// The key of the remembered language in `localStorage`.
pub const STORAGE_KEY: &str = "quorumscope.lang";

/// The language remembered in `localStorage`, else the first of the browser's languages the
/// interface has (`navigator.languages`: a Chinese browser opens in Chinese), else English.
pub fn load_lang() -> Lang {
    let saved = local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|v| parse_code(&v));
    crate::viz::prefs::first_lang(None, saved, &browser_langs())
}

/// The browser's languages, in the reader's order (`navigator.languages`).
pub fn browser_langs() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|a| a.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

/// Whether the reader asked for reduced motion (`prefers-reduced-motion: reduce`).
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|q| q.matches())
}

/// Remembers `lang` in `localStorage` for the next visit. Storage failures are ignored: the
/// choice then lasts for this page only.
pub fn store_lang(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, code(lang));
    }
}

/// Marks up the document for `lang`: `<html lang>` and the page title.
pub fn apply_lang(lang: Lang) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", code(lang));
        }
        doc.set_title(&format!(
            "{} · {}",
            t(lang, Key::AppTitle),
            t(lang, Key::Tagline)
        ));
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
