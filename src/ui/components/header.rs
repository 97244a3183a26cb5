//! The page header: the app's name, its tagline and the language switch.

use super::use_lang;
use crate::core::Lang;
use crate::ui::i18n::{endonym, t, Key, LANGS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Called with the language the user picked.
    pub on_lang: Callback<Lang>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let lang = use_lang();
    let buttons = LANGS.iter().map(|&l| {
        let on_lang = props.on_lang.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_lang.emit(l));
        let active = l == lang;
        html! {
            <button type="button"
                    class={classes!("lang-button", active.then_some("active"))}
                    aria-pressed={if active { "true" } else { "false" }}
                    data-lang={crate::ui::i18n::code(l)}
                    {onclick}>
                { endonym(l) }
            </button>
        }
    });
    html! {
        <header class="app-header">
            <div class="brand">
                <h1 class="app-title">{ t(lang, Key::AppTitle) }</h1>
                <p class="tagline">{ t(lang, Key::Tagline) }</p>
            </div>
            <div class="lang-switch" role="group" aria-label={t(lang, Key::LanguageLabel)}>
                { for buttons }
            </div>
        </header>
    }
}
