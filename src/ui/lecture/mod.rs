//! Lecture mode: the scenario library played in the browser, step by narrated step, for a
//! lecturer on a projector and for students replaying the same link at home.
//!
//! - [`LectureApp`]: the page frame (header, language, presentation and embed modes, the
//!   loader dialog) around either the picker or the presenter.
//! - [`picker`]: the library grouped by protocol and topic.
//! - [`presenter`]: one scenario, stepped; [`narration`] its captions and expectations,
//!   [`stage`] the cluster drawn large, [`sequence`] the messages over time, [`actions`]
//!   what the audience may do between steps.
//! - [`deep_link`]: `#scenario=raft-split-vote&step=3&lang=zh` links.
//! - [`export`]: SVG and PNG downloads for slides; [`loader`] and [`saved`]: your own
//!   scenarios.
//! - [`hook`]: `window.__qs_lecture`, what the end-to-end tests compare with a native run.
//! - [`strings`]: every string, in English and Chinese.
//!
//! The model is `crate::viz::lecture` (the scenario) and `crate::viz::deck` (the page's state and
//! its reducer); nothing here knows a protocol.

pub mod actions;
pub mod deep_link;
pub mod export;
pub mod frames;
pub mod hook;
pub mod loader;
pub mod narration;
pub mod picker;
pub mod presenter;
pub mod saved;
pub mod sequence;
pub mod stage;
pub mod strings;

use crate::core::Lang;
use crate::scenario::Scenario;
use crate::viz::lecture::library_text;
use deep_link::{Route, USER_PREFIX};
use loader::Loader;
use picker::Picker;
use presenter::Presenter;
use std::collections::HashMap;
use strings::{code, endonym, fill, t, L};
use yew::prelude::*;

/// The `localStorage` key of the interface language, shared with the explorer (same values:
/// "en", "zh-CN"), so a choice made in one mode holds in the other.
pub const LANG_KEY: &str = "quorumscope.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered language, else the browser's (`navigator.languages`), else English. (A
/// link's `&lang=` overrides it: see [`deep_link`].)
pub fn load_lang() -> Lang {
    let saved = storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|v| strings::parse_lang(&v));
    crate::viz::prefs::first_lang(None, saved, &crate::ui::i18n::browser_langs())
}

/// Remembers `lang` (a storage failure only means it is not remembered).
pub fn store_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(
            LANG_KEY,
            match lang {
                Lang::En => "en",
                Lang::Zh => "zh-CN",
            },
        );
    }
}

#[derive(Properties, PartialEq)]
pub struct LectureAppProps {
    pub route: Route,
    /// Changes whenever a link is followed (the page then starts over from `route`).
    pub nonce: u32,
    /// Leave lecture mode for the explorer.
    pub on_explore: Callback<()>,
}

/// What the frame remembers between renders.
struct Prefs {
    nonce: Option<u32>,
    lang: Lang,
    present: bool,
    embed: bool,
    loader: bool,
}

/// A scenario to show: (file name, text).
type Source = (String, String);

fn lang_switch(lang: Lang, on_lang: &Callback<Lang>) -> Html {
    html! {
        <div class="lec-lang-switch" role="group" aria-label={t(lang, L::LangSwitch)}>
            { for [Lang::En, Lang::Zh].into_iter().map(|l| {
                let on_lang = on_lang.clone();
                html! {
                    <button class={classes!("lec-lang", (l == lang).then_some("lec-active"))}
                            data-lang={code(l)} aria-pressed={(l == lang).to_string()}
                            onclick={Callback::from(move |_: MouseEvent| on_lang.emit(l))}>
                        { endonym(l) }
                    </button>
                }
            }) }
        </div>
    }
}

#[component]
pub fn LectureApp(props: &LectureAppProps) -> Html {
    let prefs = use_mut_ref(|| Prefs {
        nonce: None,
        lang: load_lang(),
        present: false,
        embed: false,
        loader: false,
    });
    let redraw = use_force_update();
    // Scenarios loaded during this visit (also saved in localStorage when it allows).
    let loaded = use_mut_ref(HashMap::<String, Source>::new);
    {
        let mut p = prefs.borrow_mut();
        if p.nonce != Some(props.nonce) {
            p.nonce = Some(props.nonce);
            if let Some(l) = props.route.lang {
                p.lang = l;
            }
            p.present = props.route.present;
            p.embed = props.route.embed;
            p.loader = false;
        }
    }
    let (lang, present, embed, loader_open) = {
        let p = prefs.borrow();
        (p.lang, p.present, p.embed, p.loader)
    };

    // The scenario the link names: from the library; else the text the link carries (it
    // opens in any browser, and is what the link's author meant), else the one loaded in
    // this browser under that id.
    let id = props.route.scenario.clone();
    let carried = props.route.text.as_deref().map(deep_link::text_of);
    let link_broken = match &carried {
        Some(Err(e)) => Some(match e {
            deep_link::TextError::BadChar(k) => {
                fill(lang, L::TextBadChar, &[("k", &k.to_string())])
            }
            deep_link::TextError::CutShort => t(lang, L::TextCutShort).to_string(),
            deep_link::TextError::NotText => t(lang, L::TextNotText).to_string(),
        }),
        _ => None,
    };
    let source: Option<Source> = id
        .as_deref()
        .and_then(|id| match id.strip_prefix(USER_PREFIX) {
            Some(user) => match carried {
                Some(Ok(text)) => Some((format!("{user}.scn"), text)),
                Some(Err(_)) => None,
                None => loaded
                    .borrow()
                    .get(user)
                    .cloned()
                    .or_else(|| saved::get(user).map(|s| (s.file, s.text))),
            },
            None => library_text(id).map(|(f, t)| (f.to_string(), t.to_string())),
        });
    let title = source
        .as_ref()
        .and_then(|(f, text)| Scenario::parse(f, text).ok())
        .map(|sc| sc.title.get(lang).to_string());

    {
        let title = title.clone();
        use_effect_with((lang, title), move |(lang, title)| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if let Some(root) = doc.document_element() {
                    let _ = root.set_attribute(
                        "lang",
                        match lang {
                            Lang::En => "en",
                            Lang::Zh => "zh-CN",
                        },
                    );
                }
                let mode = t(*lang, L::LectureMode);
                doc.set_title(&match title {
                    Some(tt) => format!("{tt} · {mode} · QuorumScope"),
                    None => format!("{mode} · QuorumScope"),
                });
            }
        });
    }

    let on_lang = {
        let (prefs, redraw, picking) = (prefs.clone(), redraw.clone(), id.is_none());
        Callback::from(move |l: Lang| {
            prefs.borrow_mut().lang = l;
            store_lang(l);
            if picking {
                deep_link::replace_hash(&deep_link::format(&Route {
                    lang: Some(l),
                    ..Route::default()
                }));
            }
            redraw.force_update();
        })
    };
    let on_present = {
        let (prefs, redraw) = (prefs.clone(), redraw.clone());
        Callback::from(move |()| {
            let mut p = prefs.borrow_mut();
            p.present = !p.present;
            drop(p);
            redraw.force_update();
        })
    };
    let toggle_loader = {
        let (prefs, redraw) = (prefs.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let mut p = prefs.borrow_mut();
            p.loader = !p.loader;
            drop(p);
            redraw.force_update();
        })
    };
    let on_loaded = {
        let (loaded, prefs, redraw) = (loaded.clone(), prefs.clone(), redraw.clone());
        Callback::from(move |(file, text): (String, String)| {
            let title = Scenario::parse(&file, &text)
                .map(|sc| sc.title.get(Lang::En).to_string())
                .unwrap_or_else(|_| file.clone());
            // Kept for this visit even when storage refuses it (quota, private mode).
            let (id, _stored) = saved::put(&file, &text, &title);
            let param = deep_link::text_param(&text);
            loaded.borrow_mut().insert(id.clone(), (file, text));
            let lang = {
                let mut p = prefs.borrow_mut();
                p.loader = false;
                p.lang
            };
            deep_link::go(&deep_link::format(&Route {
                scenario: Some(format!("{USER_PREFIX}{id}")),
                step: Some(0),
                lang: Some(lang),
                text: Some(param),
                ..Route::default()
            }));
            // The link may already be this one (the same file loaded again): redraw anyway.
            redraw.force_update();
        })
    };
    let on_forget = {
        let (loaded, redraw) = (loaded.clone(), redraw.clone());
        Callback::from(move |id: String| {
            saved::remove(&id);
            loaded.borrow_mut().remove(&id);
            redraw.force_update();
        })
    };
    let on_explore = {
        let cb = props.on_explore.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let exit_present = {
        let on_present = on_present.clone();
        Callback::from(move |_: MouseEvent| on_present.emit(()))
    };

    let mut user: Vec<(String, String)> =
        saved::all().into_iter().map(|s| (s.id, s.title)).collect();
    for (id, (file, _)) in loaded.borrow().iter() {
        if !user.iter().any(|(u, _)| u == id) {
            user.push((id.clone(), file.clone()));
        }
    }

    let picker_link = deep_link::format(&Route {
        lang: Some(lang),
        ..Route::default()
    });
    let header = if embed {
        let full = deep_link::format(&Route {
            embed: false,
            lang: Some(lang),
            ..props.route.clone()
        });
        html! {
            <header class="lec-lecture-bar lec-embed-bar">
                <span class="lec-scenario-title" data-testid="scenario-title">{ title.clone().unwrap_or_default() }</span>
                <a class="lec-open-full" href={full} target="_blank" rel="noopener">{ t(lang, L::OpenFull) }</a>
            </header>
        }
    } else if present && source.is_some() {
        html! {
            <header class="lec-lecture-bar lec-present-bar">
                <span class="lec-scenario-title" data-testid="scenario-title">{ title.clone().unwrap_or_default() }</span>
                { lang_switch(lang, &on_lang) }
                <button class="lec-exit-present" data-testid="present" aria-pressed="true"
                        onclick={exit_present}>{ t(lang, L::ExitPresent) }</button>
            </header>
        }
    } else {
        html! {
            <header class="lec-lecture-bar">
                <a class="lec-brand" href={picker_link.clone()}>{ t(lang, L::Brand) }</a>
                <span class="lec-mode">{ t(lang, L::LectureMode) }</span>
                if let Some(tt) = &title {
                    <span class="lec-scenario-title" data-testid="scenario-title">{ tt }</span>
                }
                <div class="lec-bar-buttons">
                    if id.is_some() {
                        <a class="lec-button" href={picker_link.clone()} data-testid="to-picker">{ t(lang, L::Scenarios) }</a>
                        <button data-testid="open-loader" aria-expanded={loader_open.to_string()}
                                onclick={toggle_loader.clone()}>{ t(lang, L::LoadTitle) }</button>
                    }
                    if source.is_some() {
                        <button data-testid="present" aria-pressed="false"
                                onclick={exit_present}>{ t(lang, L::Present) }</button>
                    }
                    { lang_switch(lang, &on_lang) }
                    <button class="lec-to-explorer" data-testid="to-explorer" title={t(lang, L::ToExplorerHint)}
                            onclick={on_explore}>{ t(lang, L::ToExplorer) }</button>
                </div>
            </header>
        }
    };

    let body = match (&id, &source) {
        (Some(id), Some((file, text))) => html! {
            <Presenter id={id.clone()} file={file.clone()} text={text.clone()}
                       start={props.route.step} nonce={props.nonce} {lang} {present} {embed}
                       {on_present} />
        },
        (maybe_id, _) => html! {
            <div class="lec-picker-page">
                if let Some(why) = &link_broken {
                    <p class="lec-notice" data-testid="notice" role="alert">
                        { fill(lang, L::LinkTextBroken, &[("why", why)]) }
                    </p>
                } else if let Some(bad) = maybe_id {
                    <p class="lec-notice" data-testid="notice" role="alert">
                        { fill(lang, L::UnknownScenario, &[("id", bad)]) }
                    </p>
                }
                <Picker {lang} {user} {on_forget} />
                <Loader {lang} on_loaded={on_loaded.clone()} />
            </div>
        },
    };

    html! {
        <div class={classes!("lecture", present.then_some("lec-present"), embed.then_some("lec-embed"))}
             data-testid="lecture" data-lang={code(lang)}>
            { header }
            <main class="lec-lecture-main">{ body }</main>
            if loader_open && source.is_some() && !embed {
                <div class="lec-dialog-backdrop">
                    <div class="lec-dialog" role="dialog" aria-modal="true" aria-label={t(lang, L::LoadTitle)}>
                        <button class="lec-close" onclick={toggle_loader} aria-label={t(lang, L::Close)}>{ "×" }</button>
                        <Loader {lang} {on_loaded} />
                    </div>
                </div>
            }
        </div>
    }
}
