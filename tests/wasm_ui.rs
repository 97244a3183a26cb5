//! Browser tests of the web app shell, run in headless Chromium by wasm-bindgen-test-runner:
//! `cargo test --target wasm32-unknown-unknown --features ui --test wasm_ui` (scripts/test.sh).
#![cfg(all(target_arch = "wasm32", feature = "ui"))]

use quorumscope::core::Lang;
use quorumscope::ui::i18n::{self, Key, LANGS};
use quorumscope::ui::live::{self, LiveRaft};
use quorumscope::ui::view::{ClusterView, Role};
use std::collections::HashSet;
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh `<div>` appended to the body, to mount an app into.
fn fresh_root() -> web_sys::Element {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

/// Waits (up to 5 s) until `root` contains an element matching `selector`.
async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..500 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("no element matches {selector} after 5 s");
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[wasm_bindgen_test]
fn every_string_exists_in_both_languages() {
    for &key in Key::ALL {
        let en = key.text(Lang::En);
        let zh = key.text(Lang::Zh);
        assert!(!en.trim().is_empty(), "{key:?} has no English text");
        assert!(!zh.trim().is_empty(), "{key:?} has no Chinese text");
        // Only the product's name stays the same in both languages.
        if key != Key::AppTitle {
            assert!(has_cjk(zh), "{key:?} is not translated: {zh:?}");
            assert!(
                !has_cjk(en),
                "{key:?} has Chinese in its English text: {en:?}"
            );
        }
    }
    let distinct: HashSet<_> = Key::ALL.iter().collect();
    assert_eq!(distinct.len(), Key::ALL.len(), "a key is listed twice");
}

#[wasm_bindgen_test]
fn language_codes_round_trip() {
    for lang in LANGS {
        assert_eq!(i18n::parse_code(i18n::code(lang)), Some(lang));
    }
    assert_eq!(i18n::parse_code("fr"), None);
    assert_eq!(i18n::parse_code(""), None);
}

#[wasm_bindgen_test]
fn remembered_language_survives_and_garbage_is_ignored() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    i18n::store_lang(Lang::Zh);
    assert_eq!(i18n::load_lang(), Lang::Zh);
    storage.set_item(i18n::STORAGE_KEY, "klingon").unwrap();
    assert_eq!(
        i18n::load_lang(),
        Lang::En,
        "an unknown stored value falls back to English"
    );
    storage.remove_item(i18n::STORAGE_KEY).unwrap();
    assert_eq!(i18n::load_lang(), Lang::En);
}

#[wasm_bindgen_test]
async fn app_mounts_and_renders_header_and_layout() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(i18n::STORAGE_KEY).unwrap();
    let root = fresh_root();
    let handle = quorumscope::ui::mount(root.clone());
    wait_for(&root, "header h1").await;
    assert_eq!(text_of(&root, "header h1"), "QuorumScope");
    assert_eq!(
        text_of(&root, "header .tagline"),
        Key::Tagline.text(Lang::En)
    );
    for area in ["ring", "controls", "invariants", "events", "logs"] {
        let sel = format!("[data-testid={area}]");
        assert!(
            root.query_selector(&sel).unwrap().is_some(),
            "area {area} is missing"
        );
    }
    assert!(root
        .query_selector("svg[data-testid=ring-svg]")
        .unwrap()
        .is_some());
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn language_switch_translates_and_is_remembered() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(i18n::STORAGE_KEY).unwrap();
    let root = fresh_root();
    let handle = quorumscope::ui::mount(root.clone());
    let zh_button: web_sys::HtmlElement =
        wasm_bindgen::JsCast::dyn_into(wait_for(&root, "button[data-lang=zh-CN]").await).unwrap();
    zh_button.click();
    let want = Key::Tagline.text(Lang::Zh);
    for _ in 0..500 {
        if text_of(&root, "header .tagline") == want {
            break;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(text_of(&root, "header .tagline"), want);
    assert_eq!(
        text_of(&root, "[data-testid=logs] .panel-title"),
        Key::LogsTitle.text(Lang::Zh)
    );
    assert_eq!(
        storage.get_item(i18n::STORAGE_KEY).unwrap().as_deref(),
        Some("zh-CN")
    );
    assert_eq!(
        document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("zh-CN")
    );
    handle.destroy();
    root.remove();
    storage.remove_item(i18n::STORAGE_KEY).unwrap();
}

/// Plays `cluster` in 100 ms real-time frames until `done` holds, for at most `max_ms`.
fn play_until(cluster: &mut LiveRaft, max_ms: f64, done: impl Fn(&ClusterView) -> bool) -> bool {
    let mut played = 0.0;
    while played < max_ms {
        cluster.advance(100.0);
        played += 100.0;
        if done(&cluster.view(Lang::En)) {
            return true;
        }
    }
    false
}

fn leaders(v: &ClusterView) -> usize {
    v.nodes.iter().filter(|n| n.role == Role::Leader).count()
}

#[wasm_bindgen_test]
fn live_cluster_elects_one_leader_and_keeps_invariants() {
    let mut cluster = LiveRaft::new(live::SEED);
    let start = cluster.view(Lang::En);
    assert_eq!(start.nodes.len(), live::NODES);
    assert_eq!(leaders(&start), 0, "nobody leads at time 0");
    assert!(
        !start.invariants.is_empty(),
        "the checker's invariants are listed"
    );

    // Election timeouts are 150–300 ms of cluster time, i.e. 3–6 s at the live speed.
    assert!(
        play_until(&mut cluster, 60_000.0, |v| leaders(v) == 1),
        "no leader after a minute of real time"
    );
    let v = cluster.view(Lang::En);
    assert!(cluster.violation().is_none(), "{:?}", cluster.violation());
    assert!(v.invariants.iter().all(|i| i.violation.is_none()));
    assert!(v.event_count > 0 && !v.events.is_empty());
    assert!(
        v.nodes.iter().all(|n| n.term >= 1),
        "everyone learned the new term"
    );
}

#[wasm_bindgen_test]
fn client_request_is_replicated_and_committed() {
    let mut cluster = LiveRaft::new(live::SEED);
    assert!(play_until(&mut cluster, 60_000.0, |v| leaders(v) == 1));
    // Let the first heartbeats tell n1 who leads (2 s real = 100 ms of cluster time), so
    // that n1 can redirect the client instead of refusing it.
    cluster.advance(2_000.0);
    cluster.client_request().unwrap();
    let committed = |v: &ClusterView| {
        v.nodes
            .iter()
            .filter(|n| n.commit >= 1 && n.log.iter().any(|e| e.ends_with(":v1")))
            .count()
            >= 3
    };
    assert!(
        play_until(&mut cluster, 60_000.0, committed),
        "v1 never committed on a majority: {:?}",
        cluster.view(Lang::En).nodes
    );
    assert!(cluster.violation().is_none());
}

#[wasm_bindgen_test]
fn step_processes_exactly_one_event() {
    let mut cluster = LiveRaft::new(live::SEED);
    for expected in 1..=5 {
        cluster.step();
        assert_eq!(cluster.view(Lang::En).event_count, expected);
    }
}

#[wasm_bindgen_test]
fn events_are_rendered_in_the_chosen_language() {
    let mut cluster = LiveRaft::new(live::SEED);
    assert!(play_until(&mut cluster, 60_000.0, |v| leaders(v) == 1));
    let zh = cluster.view(Lang::Zh);
    let en = cluster.view(Lang::En);
    assert_eq!(zh.events.len(), en.events.len());
    assert_ne!(zh.events, en.events);
    assert!(zh.events.iter().any(|l| has_cjk(l)));
    assert!(zh
        .invariants
        .iter()
        .all(|i| has_cjk(&i18n::invariant_name(&i.name, Lang::Zh))));
}

#[wasm_bindgen_test]
async fn pause_and_step_buttons_drive_the_cluster() {
    let root = fresh_root();
    let handle = quorumscope::ui::mount(root.clone());
    let nodes = wait_for(&root, "svg[data-testid=ring-svg] g.node").await;
    assert!(nodes.get_attribute("data-node").is_some());
    assert_eq!(
        root.query_selector_all("svg g.node").unwrap().length() as usize,
        live::NODES
    );
    let click = |sel: &str| {
        let el: web_sys::HtmlElement =
            wasm_bindgen::JsCast::dyn_into(root.query_selector(sel).unwrap().unwrap()).unwrap();
        el.click();
    };
    // The app starts playing; pause it, then each step adds exactly one event.
    click("[data-testid=play-pause]");
    yew::platform::time::sleep(Duration::from_millis(50)).await;
    let count = |root: &web_sys::Element| -> u64 {
        text_of(root, "[data-testid=event-count]").parse().unwrap()
    };
    let before = count(&root);
    click("[data-testid=step]");
    yew::platform::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(count(&root), before + 1);
    // Paused means paused: the clock stands still.
    let time = text_of(&root, "[data-testid=time]");
    yew::platform::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(text_of(&root, "[data-testid=time]"), time);
    handle.destroy();
    root.remove();
}
