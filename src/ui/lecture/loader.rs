//! Loading your own scenario: open a `.scn` file from disk or paste its text. The text is
//! parsed and played once before anything changes: a malformed scenario shows its error with
//! the line and column (and the line itself, with a caret), a run longer than lecture mode's
//! budget ([`crate::limits::MAX_LECTURE_EVENTS`]) is refused, and whatever was open stays open.
//!
//! Props: `lang`, `on_loaded` (called with the file name and the text of a scenario that
//! parsed). DOM contract (tests): `input[data-testid=load-file]`,
//! `textarea[data-testid=paste]`, `button[data-testid=load-paste]`, and on failure
//! `[data-testid=load-error]` with `data-line` and `data-col`.

use super::strings::{fill, t, L};
use crate::core::Lang;
use crate::limits::MAX_LECTURE_EVENTS;
use crate::scenario::{ParseError, Pos, MAX_FILE_BYTES};
use crate::viz::lecture::{Lecture, LoadError};
use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoaderProps {
    pub lang: Lang,
    pub on_loaded: Callback<(String, String)>,
}

/// Why a load failed.
#[derive(Clone, Debug, PartialEq)]
enum Failure {
    Parse(ParseError),
    Read(String),
    /// Its run needs more events than lecture mode runs in a tab.
    TooManyEvents,
}

/// Checks `text` as a scenario named `file`: it parses, and its whole run fits in lecture
/// mode's budget ([`Lecture::load`]).
fn validate(file: &str, text: &str) -> Result<(), Failure> {
    Lecture::load(file, text).map(|_| ()).map_err(|e| match e {
        LoadError::Parse(e) => Failure::Parse(e),
        LoadError::TooManyEvents => Failure::TooManyEvents,
    })
}

/// A file name for pasted text: from its title when that makes a usable name.
pub fn pasted_name(text: &str) -> String {
    let title = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("title:"))
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(40).collect();
    if slug.is_empty() {
        "pasted.scn".into()
    } else {
        format!("{slug}.scn")
    }
}

fn failure_html(f: &Failure, lang: Lang) -> Html {
    match f {
        Failure::Parse(e) => {
            let Pos { line, col } = e.pos;
            html! {
                <div class="lec-load-error" data-testid="load-error" role="alert"
                     data-line={line.to_string()} data-col={col.to_string()}>
                    <p class="lec-what">
                        <strong>{ t(lang, L::LoadError) }</strong>
                        { " — " }
                        { fill(lang, L::LoadErrorAt, &[("line", &line.to_string()), ("col", &col.to_string())]) }
                    </p>
                    <pre class="lec-pretty">{ e.pretty() }</pre>
                    <p class="lec-kept">{ t(lang, L::LoadErrorKept) }</p>
                </div>
            }
        }
        Failure::TooManyEvents => html! {
            <div class="lec-load-error" data-testid="load-error" role="alert">
                <p class="lec-what">
                    <strong>{ t(lang, L::LoadError) }</strong>
                    { " — " }
                    { fill(lang, L::TooManyEvents, &[("max", &MAX_LECTURE_EVENTS.to_string())]) }
                </p>
                <p class="lec-kept">{ t(lang, L::LoadErrorKept) }</p>
            </div>
        },
        Failure::Read(why) => html! {
            <div class="lec-load-error" data-testid="load-error" role="alert">
                <p class="lec-what"><strong>{ fill(lang, L::ReadError, &[("why", why)]) }</strong></p>
                <p class="lec-kept">{ t(lang, L::LoadErrorKept) }</p>
            </div>
        },
    }
}

#[component]
pub fn Loader(props: &LoaderProps) -> Html {
    let lang = props.lang;
    let failure = use_state(|| None::<Failure>);
    let reader = use_mut_ref(|| None::<FileReader>);
    let paste_ref = use_node_ref();

    let accept = {
        let (failure, on_loaded) = (failure.clone(), props.on_loaded.clone());
        Callback::from(
            move |(file, text): (String, String)| match validate(&file, &text) {
                Ok(()) => {
                    failure.set(None);
                    on_loaded.emit((file, text));
                }
                Err(f) => failure.set(Some(f)),
            },
        )
    };

    let on_file = {
        let (failure, reader, accept) = (failure.clone(), reader.clone(), accept.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|l| l.get(0)) else {
                return;
            };
            // Let the same file be chosen again after it has been fixed.
            input.set_value("");
            let name = file.name();
            if file.size() > MAX_FILE_BYTES as f64 {
                failure.set(Some(Failure::Read(format!(
                    "{name}: {} bytes; a scenario may be at most {MAX_FILE_BYTES}",
                    file.size()
                ))));
                return;
            }
            let accept = accept.clone();
            let failure = failure.clone();
            let task =
                gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |res| {
                    match res {
                        Ok(text) => accept.emit((name, text)),
                        Err(e) => failure.set(Some(Failure::Read(format!("{name}: {e}")))),
                    }
                });
            *reader.borrow_mut() = Some(task);
        })
    };

    let on_paste = {
        let (paste_ref, accept) = (paste_ref.clone(), accept.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            if text.trim().is_empty() {
                return;
            }
            accept.emit((pasted_name(&text), text));
        })
    };

    html! {
        <section class="lec-loader" data-testid="loader">
            <h2>{ t(lang, L::LoadTitle) }</h2>
            <label class="lec-file-button">
                <input type="file" accept=".scn,text/plain" data-testid="load-file"
                       onchange={on_file} />
                <span>{ t(lang, L::LoadFile) }</span>
            </label>
            <label class="lec-paste-label" for="qs-paste">{ t(lang, L::PasteLabel) }</label>
            <textarea id="qs-paste" ref={paste_ref} data-testid="paste" rows="8" spellcheck="false"
                      placeholder={t(lang, L::PastePlaceholder)} />
            <button class="lec-load-paste" data-testid="load-paste" onclick={on_paste}>
                { t(lang, L::LoadPasted) }
            </button>
            if let Some(f) = &*failure {
                { failure_html(f, lang) }
            }
        </section>
    }
}
