//! The scenario picker: every scenario of the library (compiled into the app), grouped by
//! protocol and topic, each with its title, its one-line summary and its number of steps, in
//! the interface language; then the scenarios loaded in this browser.
//!
//! Props: `lang`, `user` (the scenarios loaded in this browser: id and title), `on_forget`
//! (remove one of them). Every entry is a link (`#scenario=<id>&lang=<lang>`), so it can be
//! opened in a new tab or copied.
//!
//! DOM contract (tests): `[data-testid=picker]`; one `a.lec-scenario[data-scenario=<id>]` per
//! scenario, inside `section.lec-protocol[data-protocol=raft|paxos]` > `div.lec-topic`.

use super::deep_link::{self, Route, USER_PREFIX};
use super::strings::{fill, t, L};
use crate::core::{Lang, ProtocolKind};
use crate::scenario::Scenario;
use crate::viz::lecture::{library, library_text, Entry};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub lang: Lang,
    /// Scenarios loaded in this browser: (id without the `user:` prefix, title).
    #[prop_or_default]
    pub user: Vec<(String, String)>,
    #[prop_or_default]
    pub on_forget: Callback<String>,
}

fn pick(pair: &(String, String), lang: Lang) -> &str {
    match lang {
        Lang::En => &pair.0,
        Lang::Zh => &pair.1,
    }
}

fn link(id: &str, lang: Lang) -> String {
    deep_link::format(&Route {
        scenario: Some(id.to_string()),
        lang: Some(lang),
        ..Route::default()
    })
}

/// A one-line summary of a scenario's `about` text: its first sentences, as many as make a
/// line that says something ("Four servers." alone does not).
pub fn summary(about: &str, lang: Lang) -> String {
    let enough = match lang {
        Lang::En => 70,
        Lang::Zh => 32,
    };
    let mut out = String::new();
    let mut rest = about.trim();
    while !rest.is_empty() && out.chars().count() < enough {
        let cut = rest
            .char_indices()
            .find(|&(i, c)| {
                (matches!(c, '.' | '!' | '?') && rest[i + 1..].starts_with(' '))
                    || matches!(c, '。' | '！' | '？')
            })
            .map_or(rest.len(), |(i, c)| i + c.len_utf8());
        if !out.is_empty() && lang == Lang::En {
            out.push(' ');
        }
        out.push_str(rest[..cut].trim());
        rest = rest[cut..].trim_start();
    }
    out
}

/// The summary of library entry `e` in `lang` (the library's first sentence, lengthened).
fn entry_summary(e: &Entry, lang: Lang) -> String {
    library_text(&e.id)
        .and_then(|(file, text)| Scenario::parse(file, text).ok())
        .map(|sc| summary(sc.about.get(lang), lang))
        .unwrap_or_else(|| pick(&e.summary, lang).to_string())
}

fn entry_html(e: &Entry, lang: Lang) -> Html {
    html! {
        <li key={e.id.clone()}>
            <a class="lec-scenario" href={link(&e.id, lang)} data-scenario={e.id.clone()}>
                <span class="lec-title">{ pick(&e.title, lang) }</span>
                <span class="lec-summary">{ entry_summary(e, lang) }</span>
                <span class="lec-meta">{ fill(lang, L::Steps, &[("n", &e.steps.to_string())]) }</span>
            </a>
        </li>
    }
}

#[component]
pub fn Picker(props: &PickerProps) -> Html {
    let lang = props.lang;
    let lib = use_memo((), |_| library());
    // Protocols, then topics, in the library's (teaching) order.
    let mut protocols: Vec<ProtocolKind> = Vec::new();
    for e in lib.iter() {
        if !protocols.contains(&e.protocol) {
            protocols.push(e.protocol);
        }
    }
    let sections = protocols.iter().map(|&p| {
        let entries: Vec<&Entry> = lib.iter().filter(|e| e.protocol == p).collect();
        let mut topics: Vec<&(String, String)> = Vec::new();
        for e in &entries {
            if !topics.contains(&&e.topic) {
                topics.push(&e.topic);
            }
        }
        html! {
            <section key={p.name()} class="lec-protocol" data-protocol={p.name()}>
                <h2>{ p.title() }</h2>
                { for topics.iter().map(|topic| html! {
                    <div key={topic.0.clone()} class="lec-topic">
                        <h3>{ pick(topic, lang) }</h3>
                        <ul>
                            { for entries.iter().filter(|e| &e.topic == *topic).map(|e| entry_html(e, lang)) }
                        </ul>
                    </div>
                }) }
            </section>
        }
    });
    let user = (!props.user.is_empty()).then(|| {
        html! {
            <section class="lec-protocol lec-user" data-protocol="user">
                <h2>{ t(lang, L::YourScenarios) }</h2>
                <p class="lec-hint">{ t(lang, L::YourScenariosHint) }</p>
                <ul>
                    { for props.user.iter().map(|(id, title)| {
                        let full = format!("{USER_PREFIX}{id}");
                        let on_forget = {
                            let (cb, id) = (props.on_forget.clone(), id.clone());
                            Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
                        };
                        html! {
                            <li key={id.clone()} class="lec-user-entry">
                                <a class="lec-scenario" href={link(&full, lang)} data-scenario={full.clone()}>
                                    <span class="lec-title">{ title }</span>
                                    <span class="lec-meta">{ format!("{id}.scn") }</span>
                                </a>
                                <button class="lec-forget" onclick={on_forget}
                                        aria-label={fill(lang, L::ForgetAria, &[("name", id)])}>
                                    { t(lang, L::Forget) }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            </section>
        }
    });
    html! {
        <div class="lec-picker" data-testid="picker">
            <header class="lec-picker-head">
                <h1>{ t(lang, L::PickerTitle) }</h1>
                <p>{ t(lang, L::PickerIntro) }</p>
            </header>
            <div class="lec-picker-columns">
                { for sections }
                { for user }
            </div>
        </div>
    }
}
