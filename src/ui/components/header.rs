//! The page header: the app's name, what is running (protocol, nodes, seed), sharing (copy
//! the link, export to a file, import a file), the language switch and the help button.

use crate::core::{Lang, ProtocolKind};
use crate::ui::i18n::{code, endonym, t, Key, LANGS};
use crate::ui::url;
use crate::viz::explorer::Msg;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    /// "Raft · 5 nodes · seed 1 · PreVote".
    pub summary: AttrValue,
    pub protocol: ProtocolKind,
    pub dispatch: Callback<Msg>,
    /// Copy the session's link to the clipboard.
    pub on_copy: Callback<()>,
    /// Download the session as a file.
    pub on_export: Callback<()>,
}

#[component]
pub fn Header(p: &HeaderProps) -> Html {
    let lang = p.lang;
    // The file being read, kept alive until it has been read.
    let reader: Rc<RefCell<Option<gloo::file::callbacks::FileReader>>> = use_mut_ref(|| None);
    let on_file = {
        let (d, reader) = (p.dispatch.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: Option<web_sys::HtmlInputElement> =
                e.target().and_then(|t| t.dyn_into().ok());
            let Some(input) = input else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // Reading the same file again must fire `change` again.
            input.set_value("");
            let d = d.clone();
            let file = gloo::file::File::from(file);
            let task = gloo::file::callbacks::read_as_text(&file, move |r| match r {
                Ok(text) => d.emit(Msg::LoadShare(url::import_text(&text))),
                Err(e) => d.emit(Msg::Notify(crate::viz::explorer::Notice {
                    error: true,
                    text: format!("{} {e}", t(lang, Key::ImportFailed)),
                })),
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let langs = LANGS.iter().map(|&l| {
        let d = p.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| d.emit(Msg::SetLang(l)));
        let active = l == lang;
        html! {
            <button type="button" class={classes!("lang-button", active.then_some("active"))}
                    aria-pressed={active.to_string()} data-lang={code(l)} {onclick}>
                { endonym(l) }
            </button>
        }
    });
    let copy = p.on_copy.reform(|_: MouseEvent| ());
    let export = p.on_export.reform(|_: MouseEvent| ());
    let d = p.dispatch.clone();
    let help = Callback::from(move |_: MouseEvent| d.emit(Msg::ToggleHelp));
    html! {
        <header class="app-header">
            <div class="brand">
                <h1 class="app-title">{ t(lang, Key::AppTitle) }</h1>
                <p class="tagline">{ t(lang, Key::Tagline) }</p>
            </div>
            <p class={classes!("run-summary", p.protocol.name())} data-testid="run-summary">
                { p.summary.clone() }
            </p>
            <div class="header-actions">
                <div class="share-actions" role="group" aria-label={t(lang, Key::Share)}>
                    <button type="button" class="header-button" data-testid="copy-link"
                            title={t(lang, Key::CopyLinkHint)} onclick={copy}>
                        { t(lang, Key::CopyLink) }
                    </button>
                    <button type="button" class="header-button" data-testid="export"
                            title={t(lang, Key::ExportHint)} onclick={export}>
                        { t(lang, Key::Export) }
                    </button>
                    <label class="header-button file-button" title={t(lang, Key::ImportHint)}>
                        { t(lang, Key::Import) }
                        <input type="file" class="sr-only" data-testid="import"
                               accept={format!(".{},.json,.txt", url::EXTENSION)}
                               aria-label={t(lang, Key::Import)} onchange={on_file} />
                    </label>
                </div>
                <div class="lang-switch" role="group" aria-label={t(lang, Key::LanguageLabel)}>
                    { for langs }
                </div>
                <button type="button" class="header-button help-button" data-testid="help-button"
                        aria-label={t(lang, Key::HelpTitle)} title={format!("{} (?)", t(lang, Key::HelpTitle))}
                        onclick={help}>{ "?" }</button>
            </div>
        </header>
    }
}
