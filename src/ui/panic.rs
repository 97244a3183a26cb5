//! A panic hook for both browser modules: if anything slips past the checks on input (see
//! `crate::limits`), the page says what happened instead of going dead. The release build
//! aborts on panic (`panic = "abort"`), and the hook runs just before.

use super::i18n::{load_lang, t, Key};

/// Installs the hook; call once, before mounting the app.
pub fn install() {
    std::panic::set_hook(Box::new(|info| show(&info.to_string())));
}

/// Puts a fixed banner on top of the page with the translated notice and the panic's
/// message and location. Every step may fail silently: there is nothing left to report to.
fn show(detail: &str) {
    let lang = load_lang();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(body), Ok(div)) = (doc.body(), doc.create_element("div")) else {
        return;
    };
    let _ = div.set_attribute("role", "alert");
    let _ = div.set_attribute("data-testid", "panic-notice");
    let _ = div.set_attribute(
        "style",
        "position:fixed;top:0;left:0;right:0;z-index:9999;padding:1em;\
         background:#b00020;color:#fff;font:14px/1.4 sans-serif;white-space:pre-wrap",
    );
    div.set_text_content(Some(&format!("{}\n{detail}", t(lang, Key::InternalError))));
    let _ = body.prepend_with_node_1(&div);
}
