//! Browser tests of the web app, run in headless Chromium by wasm-bindgen-test-runner:
//! `cargo test --target wasm32-unknown-unknown --features ui --test wasm_ui` (scripts/test.sh).
//! The keyboard map, share-file parsing and the test hook are
//! tested directly; the mounted app is checked through its DOM. (The explorer's model, its
//! reducer and string table are native: tests/viz_explorer_model.rs.)
#![cfg(all(target_arch = "wasm32", feature = "ui"))]

use quorumscope::core::{Lang, MS};
use quorumscope::sim::Action;
use quorumscope::ui::i18n::{self, Key};
use quorumscope::ui::json::{string_field, Obj};
use quorumscope::ui::keyboard;
use quorumscope::ui::testhook::parse_action;
use quorumscope::ui::url;
use quorumscope::viz::explorer::{Model, Msg, NodeCmd};
use quorumscope::viz::{Cluster, Spec};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh `<div>` appended to the body, to mount an app into. The address loses any share
/// link an earlier test's app wrote there (an app opens the session in its address).
fn fresh_root() -> web_sys::Element {
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#"))
        .unwrap();
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
        sleep(10).await;
    }
    panic!("no element matches {selector} after 5 s");
}

async fn sleep(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
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

fn click(root: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into()
        .unwrap();
    el.click();
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
        "unknown values fall back to English"
    );
    storage.remove_item(i18n::STORAGE_KEY).unwrap();
    // With nothing saved, the browser's languages decide (the test browser's are English).
    let browser = i18n::browser_langs();
    assert_eq!(
        i18n::load_lang(),
        quorumscope::viz::prefs::first_lang(None, None, &browser)
    );
}

#[wasm_bindgen_test]
fn shortcuts_are_ignored_only_in_text_fields() {
    for (tag, kind) in [
        ("INPUT", ""),
        ("input", "text"),
        ("input", "number"),
        ("TEXTAREA", ""),
        ("select", ""),
    ] {
        assert!(keyboard::is_text_field(tag, kind), "{tag} {kind}");
    }
    for (tag, kind) in [
        ("INPUT", "range"),
        ("input", "checkbox"),
        ("input", "radio"),
        ("BUTTON", ""),
        ("g", ""),
        ("input", "file"),
    ] {
        assert!(!keyboard::is_text_field(tag, kind), "{tag} {kind}");
    }
}

#[wasm_bindgen_test]
fn keyboard_shortcuts_map_to_messages() {
    let k = |key: &str| keyboard::command(key, false, false);
    assert_eq!(k(" "), Some(Msg::TogglePlay));
    assert_eq!(k("ArrowRight"), Some(Msg::Step));
    assert_eq!(k("ArrowLeft"), Some(Msg::StepBack));
    assert_eq!(
        keyboard::command("ArrowLeft", true, false),
        Some(Msg::Jump(-(50 * MS as i64)))
    );
    assert_eq!(k("?"), Some(Msg::ToggleHelp));
    assert_eq!(k("Escape"), Some(Msg::Escape));
    assert_eq!(k("3"), Some(Msg::SelectNode(Some(2))));
    assert_eq!(k("c"), Some(Msg::Selected(NodeCmd::ToggleCrash)));
    assert_eq!(k("t"), Some(Msg::Act(Action::SpreadTimers)));
    assert_eq!(k("a"), Some(Msg::Act(Action::AlignTimers)));
    assert_eq!(k("0"), None);
    assert_eq!(k("x"), None);
    assert_eq!(
        keyboard::command("r", false, true),
        None,
        "Ctrl+R stays the browser's"
    );
    // Every shortcut the help lists is one the map knows.
    assert!(keyboard::SHORTCUTS.len() >= 15);
}

#[wasm_bindgen_test]
fn imported_files_and_links_yield_the_share_text() {
    assert_eq!(url::import_text(&url::export_text("abc-_1")), "abc-_1");
    assert_eq!(url::import_text("  abc  \n"), "abc");
    assert_eq!(url::import_text("http://127.0.0.1:8080/#share=xyz"), "xyz");
}

#[wasm_bindgen_test]
async fn app_mounts_and_draws_the_cluster() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(i18n::STORAGE_KEY).unwrap();
    let root = fresh_root();
    let handle = quorumscope::ui::mount(root.clone());
    wait_for(&root, "header h1").await;
    assert_eq!(text_of(&root, "header h1"), "QuorumScope");
    for area in ["ring", "controls", "invariants", "events", "logs"] {
        let sel = format!("[data-testid={area}]");
        assert!(root.query_selector(&sel).unwrap().is_some(), "area {area}");
    }
    for id in ["spacetime", "feed", "invariants", "inspector"] {
        assert!(
            root.query_selector(&format!("#{id}")).unwrap().is_some(),
            "#{id}"
        );
    }
    wait_for(&root, "svg[data-testid=ring-svg] g.node").await;
    let nodes = root.query_selector_all("svg g.node[data-node]").unwrap();
    assert_eq!(nodes.length(), 5, "five nodes");
    for k in 0..nodes.length() {
        let el: web_sys::Element = nodes.item(k).unwrap().dyn_into().unwrap();
        assert_eq!(
            el.get_attribute("data-node").unwrap(),
            format!("n{}", k + 1)
        );
        assert!(el.get_attribute("data-role").is_some());
        assert_eq!(el.get_attribute("data-status").as_deref(), Some("up"));
        assert!(el.get_attribute("aria-label").is_some());
    }
    assert_eq!(
        root.query_selector_all("svg g.link[data-link]")
            .unwrap()
            .length(),
        10
    );
    // Every button has an accessible name.
    let buttons = root.query_selector_all("button").unwrap();
    for k in 0..buttons.length() {
        let b: web_sys::Element = buttons.item(k).unwrap().dyn_into().unwrap();
        let named = b.get_attribute("aria-label").is_some()
            || !b.text_content().unwrap_or_default().trim().is_empty();
        assert!(named, "a button without a name: {}", b.outer_html());
    }
    // The test hook answers.
    let mut hook = wasm_bindgen::JsValue::UNDEFINED;
    for _ in 0..100 {
        hook = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__qs".into()).unwrap();
        if hook.is_object() {
            break;
        }
        sleep(20).await;
    }
    assert!(hook.is_object(), "window.__qs is installed: {hook:?}");
    let state = js_sys::Reflect::get(&hook, &"state".into()).unwrap();
    let state: js_sys::Function = state.dyn_into().unwrap();
    let json = js_sys::JSON::stringify(&state.call0(&hook).unwrap()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&String::from(json)).unwrap();
    assert_eq!(json["nodes"], 5);
    assert_eq!(json["protocol"], "raft");
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn pause_step_and_node_menu_drive_the_cluster() {
    let root = fresh_root();
    let handle = quorumscope::ui::mount(root.clone());
    wait_for(&root, "svg g.node").await;
    click(&root, "[data-testid=play-pause]");
    sleep(50).await;
    let count = |root: &web_sys::Element| -> u64 {
        text_of(root, "[data-testid=event-count]").parse().unwrap()
    };
    let before = count(&root);
    click(&root, "[data-testid=step]");
    sleep(50).await;
    assert_eq!(count(&root), before + 1);
    let time = text_of(&root, "[data-testid=time]");
    sleep(200).await;
    assert_eq!(text_of(&root, "[data-testid=time]"), time, "paused");
    // A click on n2 opens its menu; "Crash" crashes it.
    let n2 = wait_for(&root, "g.node[data-node=n2]").await;
    n2.dispatch_event(&web_sys::MouseEvent::new("click").unwrap())
        .unwrap();
    wait_for(&root, "[data-testid=popup-menu]").await;
    click(&root, "[data-testid=menu-crash]");
    sleep(50).await;
    let n2 = wait_for(&root, "g.node[data-node=n2]").await;
    assert_eq!(n2.get_attribute("data-status").as_deref(), Some("crashed"));
    assert_eq!(n2.get_attribute("data-role").as_deref(), Some("crashed"));
    assert!(root
        .query_selector("[data-testid=popup-menu]")
        .unwrap()
        .is_none());
    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn language_switch_translates_and_is_remembered() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(i18n::STORAGE_KEY).unwrap();
    let root = fresh_root();
    let handle = quorumscope::ui::mount(root.clone());
    wait_for(&root, "button[data-lang=zh-CN]").await;
    click(&root, "button[data-lang=zh-CN]");
    let want = Key::Tagline.text(Lang::Zh);
    for _ in 0..500 {
        if text_of(&root, "header .tagline") == want {
            break;
        }
        sleep(10).await;
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

#[wasm_bindgen_test]
fn hand_written_json_reads_back() {
    let doc = Obj::new()
        .int("quorumscope", 1)
        .str("share", Some("a\"b\\c\nd"))
        .finish();
    assert_eq!(doc, r#"{"quorumscope":1,"share":"a\"b\\c\nd"}"#);
    let parsed: serde_json::Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(parsed["share"], "a\"b\\c\nd");
    assert_eq!(string_field(&doc, "share").as_deref(), Some("a\"b\\c\nd"));
    assert_eq!(
        string_field(r#" { "v": 1 , "share" : "x\u0041" } "#, "share").as_deref(),
        Some("xA")
    );
    assert_eq!(string_field("not json", "share"), None);
    assert_eq!(string_field(r#"{"share": 3}"#, "share"), None);
    assert_eq!(string_field(r#"{"share": "unterminated"#, "share"), None);
    // Whatever the state holds, its JSON parses.
    let mut m = Model::start(None, Lang::En);
    m.update(Msg::Act(Action::Client {
        node: 0,
        value: "quote \" and \\ and \u{1}".into(),
    }));
    let _: serde_json::Value = serde_json::from_str(&m.state_json()).unwrap();
}

#[wasm_bindgen_test]
fn the_test_hook_reads_actions_in_words() {
    assert_eq!(parse_action("crash 2"), Ok(Action::Crash(2)));
    assert_eq!(
        parse_action("  client 1 hello world "),
        Ok(Action::Client {
            node: 1,
            value: "hello world".into()
        })
    );
    assert_eq!(
        parse_action("partition 0 1 | 2 3 4"),
        Ok(Action::Partition(vec![vec![0, 1], vec![2, 3, 4]]))
    );
    assert_eq!(
        parse_action("cut 0 -> 1"),
        Ok(Action::Cut { from: 0, to: 1 })
    );
    assert_eq!(parse_action("heal"), Ok(Action::Heal));
    assert_eq!(parse_action("loss 0.25"), Ok(Action::Loss(0.25)));
    assert_eq!(
        parse_action("latency 10..20"),
        Ok(Action::Latency { min: 10, max: 20 })
    );
    // The same text form as everywhere else: what an action writes, the hook reads back.
    for a in [
        Action::Reorder(0.183_472_938_472_938_47),
        Action::AlignTimers,
        Action::Restore { from: 2, to: 0 },
        Action::Latency {
            min: 1_500,
            max: 20_000,
        },
    ] {
        assert_eq!(parse_action(&a.to_string()), Ok(a));
    }
    for bad in [
        "",
        "explode 1",
        "align",
        "crash",
        "crash x",
        "partition 0 y",
        "loss lots",
    ] {
        assert!(parse_action(bad).is_err(), "'{bad}' is refused");
    }
}

#[wasm_bindgen_test]
fn the_test_hooks_state_summary() {
    let mut m = Model::start(None, Lang::En);
    // Nine nodes, summed up for the test hook.
    m.update(Msg::NewCluster(Spec {
        nodes: 9,
        ..Spec::default()
    }));
    let json: serde_json::Value = serde_json::from_str(&m.state_json()).unwrap();
    assert_eq!(json["nodes"], 9);
    assert_eq!(json["roles"].as_array().unwrap().len(), 9);
    assert!(json["trace_hash"].is_string());
    let _ = Cluster::from_share(&m.cluster.share()).unwrap();
}
