//! Browser tests of the feed's hand-kept list (ui::components::feed_list), run in headless
//! Chromium by wasm-bindgen-test-runner. After every sync the list's children must be exactly
//! the lines asked for, in order; and the lines that did not change must be the very same
//! elements as before (not re-created), so that the browser lays out and paints only what is
//! new and the line under the reader's pointer stays put.
#![cfg(all(target_arch = "wasm32", feature = "ui"))]

use quorumscope::ui::components::feed_list::ListState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn list() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let ol = doc.create_element("ol").unwrap();
    doc.body().unwrap().append_child(&ol).unwrap();
    ol
}

/// Line `key` as HTML, with `text`.
fn line(key: u64, text: &str) -> (u64, String) {
    (key, format!("<li data-key=\"{key}\">{text}</li>"))
}

fn lines(keys: std::ops::Range<u64>) -> Vec<(u64, String)> {
    keys.map(|k| line(k, &format!("line {k}"))).collect()
}

fn children(ol: &Element) -> Vec<Element> {
    let mut out = Vec::new();
    let mut c = ol.first_element_child();
    while let Some(e) = c {
        c = e.next_element_sibling();
        out.push(e);
    }
    out
}

/// The list shows exactly `want`.
fn assert_shows(ol: &Element, want: &[(u64, String)]) {
    let got: Vec<String> = children(ol).iter().map(|e| e.outer_html()).collect();
    let want: Vec<String> = want.iter().map(|(_, h)| h.clone()).collect();
    assert_eq!(got, want);
}

/// The element showing line `key`.
fn element(ol: &Element, key: u64) -> Element {
    children(ol)
        .into_iter()
        .find(|e| e.get_attribute("data-key").as_deref() == Some(&key.to_string()))
        .unwrap_or_else(|| panic!("no line {key}"))
}

/// Whether line `key` is still the same element as `before`.
fn same(ol: &Element, key: u64, before: &Element) -> bool {
    element(ol, key).unchecked_ref::<web_sys::Node>() == before.unchecked_ref::<web_sys::Node>()
}

#[wasm_bindgen_test]
fn following_a_cluster_adds_grows_and_cuts_without_touching_the_other_lines() {
    let ol = list();
    let mut state = ListState::default();
    let mut want = lines(0..10);
    state.sync(&ol, want.clone());
    assert_shows(&ol, &want);
    let kept = element(&ol, 5);

    // New lines at the end.
    want.extend(lines(10..14));
    state.sync(&ol, want.clone());
    assert_shows(&ol, &want);
    assert!(same(&ol, 5, &kept), "an unchanged line is the same element");

    // The last line's run grew, and two more came.
    let last = want.len() - 1;
    want[last] = line(13, "line 13 ×2");
    want.extend(lines(14..16));
    state.sync(&ol, want.clone());
    assert_shows(&ol, &want);
    assert!(same(&ol, 5, &kept));

    // A cut at the top, and one more line.
    want.drain(..4);
    want.extend(lines(16..17));
    state.sync(&ol, want.clone());
    assert_shows(&ol, &want);
    assert!(same(&ol, 5, &kept), "a cut leaves the lines below alone");

    // Nothing changed: nothing happens.
    state.sync(&ol, want.clone());
    assert_shows(&ol, &want);
    assert!(same(&ol, 5, &kept));
}

#[wasm_bindgen_test]
fn older_lines_come_back_above_and_anything_else_is_rebuilt() {
    let ol = list();
    let mut state = ListState::default();
    state.sync(&ol, lines(20..30));
    let kept = element(&ol, 25);

    // The reader scrolled back: the older lines come back above the ones shown.
    let want = lines(0..30);
    state.sync(&ol, want.clone());
    assert_shows(&ol, &want);
    assert!(
        same(&ol, 25, &kept),
        "the line being read stays the same element"
    );

    // A line in the middle changed (a run grew while scrolled back): only it is replaced.
    let mut want = want;
    want[12] = line(12, "line 12 ×3");
    state.sync(&ol, want.clone());
    assert_shows(&ol, &want);
    assert!(same(&ol, 25, &kept));

    // Lines dropped from the end (a seek back).
    want.truncate(18);
    state.sync(&ol, want.clone());
    assert_shows(&ol, &want);

    // Another language: every line changed; a filter: other keys; a seek far away: no line
    // in common. Each shows exactly what was asked.
    let other: Vec<(u64, String)> = want
        .iter()
        .map(|(k, _)| line(*k, &format!("第 {k} 行")))
        .collect();
    state.sync(&ol, other.clone());
    assert_shows(&ol, &other);
    let filtered: Vec<(u64, String)> = other.iter().filter(|(k, _)| k % 3 == 0).cloned().collect();
    state.sync(&ol, filtered.clone());
    assert_shows(&ol, &filtered);
    let far = lines(500..520);
    state.sync(&ol, far.clone());
    assert_shows(&ol, &far);
}

#[wasm_bindgen_test]
fn a_new_list_element_starts_afresh() {
    let mut state = ListState::default();
    let first = list();
    state.sync(&first, lines(0..5));
    // The page showed "no events" and then a new list: it gets every line.
    let second = list();
    state.sync(&second, lines(3..8));
    assert_shows(&second, &lines(3..8));
}
