//! Keyboard shortcuts: which key does what ([`command`]), and the list the help overlay shows
//! ([`SHORTCUTS`]). The app listens on the document and ignores keys typed into text fields
//! ([`is_text_field`]; except Escape): after a click on a slider or a button, Space still
//! plays and pauses and the arrows still step (the key does not also move the slider or
//! press the button).

use super::i18n::Key;
use crate::viz::explorer::{Msg, NodeCmd, JUMP};

/// The message a key press means, if any. `key` is `KeyboardEvent.key`; presses with Ctrl,
/// Alt or Meta are left to the browser.
pub fn command(key: &str, shift: bool, modifier: bool) -> Option<Msg> {
    if modifier {
        return None;
    }
    let jump = JUMP as i64;
    Some(match key {
        " " | "Spacebar" => Msg::TogglePlay,
        "ArrowRight" if shift => Msg::Jump(jump),
        "ArrowLeft" if shift => Msg::Jump(-jump),
        "ArrowRight" | "." => Msg::Step,
        "ArrowLeft" | "," => Msg::StepBack,
        "Home" => Msg::SeekStart,
        "End" => Msg::SeekEnd,
        "+" | "=" => Msg::Faster,
        "-" | "_" => Msg::Slower,
        "?" => Msg::ToggleHelp,
        "Escape" | "Esc" => Msg::Escape,
        "c" | "C" => Msg::Selected(NodeCmd::ToggleCrash),
        "p" | "P" => Msg::Selected(NodeCmd::TogglePause),
        "e" | "E" => Msg::Selected(NodeCmd::Timeout),
        "r" | "R" => Msg::Selected(NodeCmd::Client),
        "t" | "T" => Msg::Act(crate::sim::Action::SpreadTimers),
        "a" | "A" => Msg::Act(crate::sim::Action::AlignTimers),
        "h" | "H" => Msg::Act(crate::sim::Action::Heal),
        "d" | "D" => Msg::DropSelectedMessage,
        "l" | "L" => Msg::ToggleLang,
        k if k.len() == 1 && ('1'..='9').contains(&k.chars().next().unwrap_or('0')) => {
            let i = k.as_bytes()[0] - b'1';
            Msg::SelectNode(Some(i as usize))
        }
        _ => return None,
    })
}

/// Whether an element with tag `tag` (any case) and `type` attribute `kind` takes typed
/// text: text-like inputs, text areas and selects (whose letters pick an option). Sliders,
/// checkboxes, radios and buttons are not: shortcuts work over them.
pub fn is_text_field(tag: &str, kind: &str) -> bool {
    match tag.to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => !matches!(
            kind.to_ascii_lowercase().as_str(),
            "range" | "checkbox" | "radio" | "button" | "submit" | "reset" | "file" | "color"
        ),
        _ => false,
    }
}

/// The shortcuts, as the help overlay lists them: the keys, and what they do.
pub const SHORTCUTS: &[(&str, Key)] = &[
    ("Space", Key::KeyPlay),
    ("→  /  .", Key::KeyStep),
    ("←  /  ,", Key::KeyStepBack),
    ("Shift + ←  →", Key::KeyJump),
    ("Home  /  End", Key::KeyStartEnd),
    ("+  /  −", Key::KeySpeed),
    ("1 … 9", Key::KeySelect),
    ("C", Key::KeyCrash),
    ("P", Key::KeyPause),
    ("E", Key::KeyTimeout),
    ("R", Key::KeyClient),
    ("T", Key::KeySpread),
    ("A", Key::KeyAlign),
    ("H", Key::KeyHeal),
    ("D", Key::KeyDrop),
    ("L", Key::KeyLang),
    ("?", Key::KeyHelp),
    ("Esc", Key::KeyEscape),
];
