//! The session in the URL (`#share=<text>`), and export / import as a file. The share text
//! itself is made and checked by the viz layer (viz::share); this file only moves it between
//! the page's address, the clipboard and files.

use wasm_bindgen::{JsCast, JsValue};

/// The fragment prefix of a share link.
pub const PREFIX: &str = "#share=";
/// The extension of exported sessions.
pub const EXTENSION: &str = "qscope";

/// The share text in the page's address, if it has one (`#share=…`, or `?s=…`).
pub fn share_from_location() -> Option<String> {
    let loc = web_sys::window()?.location();
    let hash = loc.hash().ok().unwrap_or_default();
    if let Some(text) = hash.strip_prefix(PREFIX) {
        return Some(decode_component(text));
    }
    let search = loc.search().ok().unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("s="))
        .map(decode_component)
}

fn decode_component(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| s.to_string())
}

/// Puts `text` in the address (replacing the current history entry: scrubbing does not fill
/// the back button's history). Does nothing when it is already there.
pub fn write_share(text: &str) {
    let Some(w) = web_sys::window() else { return };
    let want = format!("{PREFIX}{text}");
    if w.location().hash().ok().as_deref() == Some(want.as_str()) {
        return;
    }
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&want));
    }
}

/// The full link to the session `text`.
pub fn share_url(text: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default().to_string();
    format!("{base}{PREFIX}{text}")
}

/// Copies `text` to the clipboard (navigator.clipboard, called dynamically so no extra
/// web-sys features are needed). Returns false when the browser offers no clipboard.
pub fn copy_to_clipboard(text: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let nav: JsValue = w.navigator().into();
    let Ok(clip) = js_sys::Reflect::get(&nav, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clip, &"writeText".into()) else {
        return false;
    };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    match write.call1(&clip, &JsValue::from_str(text)) {
        Ok(p) => {
            // A refused permission rejects the promise; swallow it (the link is in the URL
            // bar anyway).
            if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
                let noop = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(|_| {});
                let _ = p.catch(&noop);
                // It must outlive the promise; one tiny closure per click on "copy link".
                noop.forget();
            }
            true
        }
        Err(_) => false,
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    let fail = |e: JsValue| {
        e.as_string()
            .or_else(|| js_sys::JSON::stringify(&e).ok().map(String::from))
            .unwrap_or_else(|| "the browser refused".into())
    };
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The content of an exported file: the share text in a small JSON wrapper that says what it
/// is (importing also accepts the bare text or a whole link).
pub fn export_text(share: &str) -> String {
    super::json::Obj::new()
        .int("quorumscope", 1)
        .str("share", Some(share))
        .finish()
}

/// The share text inside an imported file or pasted text: an exported file's JSON, a whole
/// link (`…#share=…`), or the bare text.
pub fn import_text(content: &str) -> String {
    let content = content.trim();
    if let Some(s) = super::json::string_field(content, "share") {
        return s.trim().to_string();
    }
    if let Some(i) = content.find(PREFIX) {
        return content[i + PREFIX.len()..].trim().to_string();
    }
    content.to_string()
}
