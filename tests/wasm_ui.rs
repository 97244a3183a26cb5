//! Browser tests of the web app, run in headless Chromium by wasm-bindgen-test-runner:
//! `cargo test --target wasm32-unknown-unknown --features ui --test wasm_ui` (scripts/test.sh).
//! The app's reducer (ui::state), keyboard map, share-file parsing and string tables are
//! tested directly; the mounted app is checked through its DOM.
#![cfg(all(target_arch = "wasm32", feature = "ui"))]

use quorumscope::core::{Lang, MS};
use quorumscope::sim::{Action, Status};
use quorumscope::ui::components::strings::S;
use quorumscope::ui::i18n::{self, Key, LANGS};
use quorumscope::ui::json::{string_field, Obj};
use quorumscope::ui::keyboard;
use quorumscope::ui::state::{Menu, Model, Msg, NodeCmd, Tab};
use quorumscope::ui::testhook::parse_action;
use quorumscope::ui::url;
use quorumscope::viz::{Cluster, Spec};
use std::collections::HashSet;
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

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The product's and protocols' names stay the same in both languages.
/// Proper names and the paper's field names, the same in both languages (docs/glossary.md).
const SAME_IN_BOTH: &[&str] = &["QuorumScope", "Multi-Paxos", "nextIndex", "matchIndex"];

#[wasm_bindgen_test]
fn every_string_exists_in_both_languages() {
    for &key in Key::ALL {
        let (en, zh) = (key.text(Lang::En), key.text(Lang::Zh));
        assert!(!en.trim().is_empty(), "{key:?} has no English text");
        assert!(!zh.trim().is_empty(), "{key:?} has no Chinese text");
        if !SAME_IN_BOTH.contains(&en) {
            assert!(has_cjk(zh), "{key:?} is not translated: {zh:?}");
            assert!(
                !has_cjk(en),
                "{key:?} has Chinese in its English text: {en:?}"
            );
        }
    }
    let distinct: HashSet<_> = Key::ALL.iter().collect();
    assert_eq!(distinct.len(), Key::ALL.len(), "a key is listed twice");
    // The space-time, feed, invariants and inspector panels' table, too.
    for &key in S::ALL {
        let (en, zh) = (key.text(Lang::En), key.text(Lang::Zh));
        assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{key:?}");
        assert!(has_cjk(zh) || en == zh, "{key:?} is not translated: {zh:?}");
    }
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
fn reduced_motion_pauses_a_run_that_started_on_its_own_and_new_clusters_wait() {
    let mut m = model();
    assert!(m.playing);
    m.prefer_reduced_motion();
    assert!(!m.playing && m.reduced_motion);
    assert!(m.notice.as_ref().is_some_and(|n| !n.error));
    m.update(Msg::NewCluster(Spec::default()));
    assert!(!m.playing, "a new cluster waits for the reader too");
    // Paused, the scene marks the last event; playing, it does not.
    m.update(Msg::Jump(200 * MS as i64));
    m.update(Msg::Step);
    assert!(m.scene.step.is_some());
    m.update(Msg::Play);
    m.update(Msg::Frame(16.0));
    m.update(Msg::Frame(120.0));
    assert!(m.scene.step.is_none(), "no mark while playing");
    m.update(Msg::Pause);
    assert!(m.scene.step.is_some(), "the mark is back on a pause");
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

fn model() -> Model {
    Model::start(None, Lang::En)
}

#[wasm_bindgen_test]
fn the_reducer_plays_steps_and_seeks_exactly() {
    let mut m = model();
    assert!(m.playing, "a fresh session plays");
    let fx = m.update(Msg::Frame(16.0));
    // The clock moves through the motion (every frame); the scene follows events.
    let t = m.motion.time;
    assert!(t > 0, "a frame advances virtual time");
    // At 1/20 speed, 16 ms of real time is 0.8 ms of cluster time.
    assert!((799..=800).contains(&t), "{t}");
    assert_eq!(
        fx.motion_only,
        m.scene.events == m.motion.events,
        "a frame with no new event only moves things: nothing to render"
    );
    let fx = m.update(Msg::Pause);
    assert!(!m.playing && fx.write_url, "pausing rewrites the link");
    m.update(Msg::Frame(16.0));
    assert_eq!(m.motion.time, t, "paused frames do nothing");
    assert_eq!(m.scene.time, t, "paused, the scene is the moment's");
    let e = m.scene.events;
    m.update(Msg::Step);
    assert_eq!(m.scene.events, e + 1, "a step is one event");
    m.update(Msg::StepBack);
    assert_eq!(m.scene.events, e);
    m.update(Msg::Seek(900 * MS));
    assert_eq!(m.scene.time, 900 * MS);
    assert!(m.leader().is_some(), "a leader by 900 ms");
    let hash = m.cluster.trace_hash();
    m.update(Msg::Seek(100 * MS));
    m.update(Msg::Seek(900 * MS));
    assert_eq!(
        m.cluster.trace_hash(),
        hash,
        "seeking back and forth is exact"
    );
    // Speeds.
    m.update(Msg::SetSpeed(-9.0));
    assert!((m.speed() - 0.001).abs() < 1e-9, "clamped to 1/1000");
    m.update(Msg::Faster);
    assert!((m.speed() - 0.002).abs() < 1e-9);
}

#[wasm_bindgen_test]
fn the_reducer_acts_on_nodes_links_and_messages() {
    let mut m = model();
    m.update(Msg::Seek(900 * MS));
    let leader = m.leader().expect("a leader");
    // A client request to a follower is redirected and committed.
    m.update(Msg::Node((leader + 1) % 5, NodeCmd::Client));
    m.update(Msg::Jump(300 * MS as i64));
    assert!(
        m.logs.rows.iter().filter(|r| r.committed >= 1).count() >= 3,
        "committed on a majority: {:?}",
        m.logs
    );
    m.update(Msg::Node(leader, NodeCmd::Crash));
    assert_eq!(m.scene.nodes[leader].status, Status::Crashed);
    m.update(Msg::Node(leader, NodeCmd::ToggleCrash));
    assert_eq!(m.scene.nodes[leader].status, Status::Up);
    m.update(Msg::Node(0, NodeCmd::TogglePause));
    assert_eq!(m.scene.nodes[0].status, Status::Paused);
    m.update(Msg::Node(0, NodeCmd::TogglePause));
    assert_eq!(m.scene.nodes[0].status, Status::Up);
    // A link click cuts both ways, the next restores both.
    m.update(Msg::ToggleLink(1, 3));
    assert!(m.scene.cut.contains(&(1, 3)) && m.scene.cut.contains(&(3, 1)));
    m.update(Msg::ToggleLink(1, 3));
    assert!(m.scene.cut.is_empty());
    // Dropping a message in flight removes it.
    while m.scene.messages.is_empty() {
        m.update(Msg::Step);
    }
    let id = m.scene.messages[0].id;
    m.update(Msg::HoverMessage(Some(id)));
    assert_eq!(m.inspected(), Some(id));
    m.update(Msg::DropSelectedMessage);
    assert!(m.scene.messages.iter().all(|x| x.id != id));
    assert_eq!(m.inspected(), None);
    // A menu opens on a node and selects it; Escape closes it, then clears the selection.
    m.update(Msg::OpenMenu(Menu::Node {
        node: 2,
        x: 10.0,
        y: 10.0,
    }));
    assert_eq!((m.selected, m.tab), (Some(2), Tab::Node));
    m.update(Msg::Escape);
    assert!(m.menu.is_none() && m.selected == Some(2));
    m.update(Msg::Escape);
    assert_eq!(m.selected, None);
}

#[wasm_bindgen_test]
fn acting_in_the_past_forks_and_links_replay_exactly() {
    let mut m = model();
    m.update(Msg::Seek(1_500 * MS));
    m.update(Msg::Seek(600 * MS));
    m.update(Msg::Act(Action::Crash(0)));
    assert_eq!(m.scene.horizon, 600 * MS, "the old future is gone");
    m.update(Msg::Seek(1_000 * MS));
    let share = m.cluster.share();
    let other = Model::start(Some(&share), Lang::En);
    assert!(!other.playing, "a shared moment opens paused");
    assert_eq!(other.cluster.trace_hash(), m.cluster.trace_hash());
    assert_eq!(other.scene.time, 1_000 * MS);
}

#[wasm_bindgen_test]
fn broken_links_fall_back_to_a_default_cluster_with_a_notice() {
    for bad in ["", "%%%", "eyJ2IjoxfQ", "AAAA"] {
        let m = Model::start(Some(bad), Lang::Zh);
        let notice = m.notice.clone().expect("a notice");
        assert!(notice.error);
        assert!(
            has_cjk(&notice.text),
            "the notice is localised: {}",
            notice.text
        );
        assert_eq!(m.scene.nodes.len(), 5, "a working default cluster");
    }
    // Importing a bad file keeps the session that was there.
    let mut m = model();
    m.update(Msg::Seek(500 * MS));
    let before = m.cluster.trace_hash();
    let fx = m.update(Msg::LoadShare("garbage!".into()));
    assert!(fx.refused.is_some());
    assert_eq!(m.cluster.trace_hash(), before);
    let notice = m.notice.clone().expect("a notice");
    assert!(
        notice.text.starts_with(Key::ImportBroken.text(Lang::En)),
        "says the session is unchanged: {}",
        notice.text
    );
}

#[wasm_bindgen_test]
fn new_clusters_and_a_hidden_tab() {
    let mut m = model();
    m.update(Msg::NewCluster(Spec {
        protocol: "paxos".into(),
        nodes: 3,
        multi: true,
        ..Spec::default()
    }));
    assert_eq!(m.scene.protocol, "paxos");
    assert_eq!(m.scene.nodes.len(), 3);
    assert_eq!(m.spec.nodes, 3);
    let fx = m.update(Msg::NewCluster(Spec {
        protocol: "zab".into(),
        ..Spec::default()
    }));
    assert!(fx.refused.is_some(), "an impossible spec is refused");
    assert_eq!(m.scene.protocol, "paxos", "and the cluster stays");
    // Hidden: pause; shown again: resume (only if hiding paused it).
    assert!(m.playing);
    m.update(Msg::Hidden(true));
    assert!(!m.playing);
    m.update(Msg::Hidden(false));
    assert!(m.playing);
    m.update(Msg::Pause);
    m.update(Msg::Hidden(true));
    m.update(Msg::Hidden(false));
    assert!(!m.playing, "a user's pause stays");
    // Nine nodes and the state summary for the test hook.
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
    let mut m = model();
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
fn when_frames_are_slow_the_feed_and_the_logs_follow_the_scene_in_its_frame() {
    use std::rc::Rc;
    let mut m = model();
    m.update(Msg::SetSpeed(0.0));
    m.update(Msg::Play);
    // Eight frames a second at real time: every frame is due for a new scene, and events
    // come in every one (heartbeats at least).
    let mut rebuilt = 0;
    for _ in 0..40 {
        let before = m.scene.clone();
        let fx = m.update(Msg::Frame(125.0));
        assert!(!fx.feed_soon, "no turn is asked for");
        if !Rc::ptr_eq(&before, &m.scene) {
            rebuilt += 1;
            assert!(
                Rc::ptr_eq(&m.feed_scene, &m.scene),
                "the feed follows in the scene's frame"
            );
            assert!(Rc::ptr_eq(&m.logs_scene, &m.scene), "so do the logs");
        }
    }
    assert!(
        rebuilt >= 30,
        "the scene follows every slow frame ({rebuilt})"
    );
    // Back to short frames: the turns again (the feed waits a frame after the scene).
    for _ in 0..200 {
        let before = m.scene.clone();
        m.update(Msg::Frame(16.0));
        if !Rc::ptr_eq(&before, &m.scene) {
            assert!(
                !Rc::ptr_eq(&m.feed_scene, &m.scene),
                "the feed waits its turn"
            );
            return;
        }
    }
    panic!("events rebuild the scene while playing");
}

#[wasm_bindgen_test]
fn while_playing_the_feed_and_the_logs_follow_the_scene_one_at_a_time() {
    use std::rc::Rc;
    let mut m = model();
    m.update(Msg::SetSpeed(0.0));
    // Play (real time) until a frame rebuilds the scene.
    let rebuild = |m: &mut Model| {
        for _ in 0..200 {
            let before = m.scene.clone();
            let fx = m.update(Msg::Frame(16.0));
            if !Rc::ptr_eq(&before, &m.scene) {
                return fx;
            }
        }
        panic!("events rebuild the scene while playing");
    };
    let fx = rebuild(&mut m);
    assert!(!fx.feed_soon, "nothing is asked for on the scene's frame");
    assert!(
        !Rc::ptr_eq(&m.feed_scene, &m.scene),
        "the feed waits a frame"
    );
    assert!(!Rc::ptr_eq(&m.logs_scene, &m.scene), "so do the logs");
    let scene = m.scene.clone();
    // The next frame asks for the feed's task, between frames, and renders nothing itself.
    let fx = m.update(Msg::Frame(16.0));
    assert!(Rc::ptr_eq(&m.scene, &scene), "not due again after 16 ms");
    assert!(fx.feed_soon, "the feed's task is asked for");
    assert!(fx.motion_only, "that frame only moves the clock");
    assert!(
        !Rc::ptr_eq(&m.feed_scene, &scene),
        "the feed is left to its task"
    );
    // The task: the feed follows, and the page is laid out then.
    let fx = m.update(Msg::FeedTurn);
    assert!(
        fx.lay_out && !fx.deferred,
        "the feed's task renders and lays out"
    );
    assert!(
        Rc::ptr_eq(&m.feed_scene, &scene),
        "the feed follows in its task"
    );
    assert!(!Rc::ptr_eq(&m.logs_scene, &scene), "the logs wait");
    // The frame that paints the feed leaves the logs for the one after.
    let fx = m.update(Msg::Frame(16.0));
    assert!(fx.motion_only && !Rc::ptr_eq(&m.logs_scene, &scene));
    let fx = m.update(Msg::Frame(16.0));
    assert!(!fx.motion_only, "the logs' frame renders");
    assert!(Rc::ptr_eq(&m.logs_scene, &scene), "the logs follow");
    // A task that comes late finds nothing to do.
    let fx = m.update(Msg::FeedTurn);
    assert!(fx.deferred && !fx.lay_out, "nothing to render");
    // If the task has not run by the next frame (timers held back), that frame does the
    // feed, and the late task is a no-op.
    for _ in 0..12 {
        m.update(Msg::Frame(16.0));
    }
    rebuild(&mut m);
    let scene = m.scene.clone();
    assert!(m.update(Msg::Frame(16.0)).feed_soon);
    let fx = m.update(Msg::Frame(16.0));
    assert!(Rc::ptr_eq(&m.scene, &scene), "not due again after 32 ms");
    assert!(!fx.motion_only, "the frame renders the feed itself");
    assert!(Rc::ptr_eq(&m.feed_scene, &scene), "the feed follows anyway");
    assert!(
        m.update(Msg::FeedTurn).deferred,
        "the late task has nothing to do"
    );
    m.update(Msg::Frame(16.0));
    assert!(
        !Rc::ptr_eq(&m.logs_scene, &scene),
        "the logs wait as before"
    );
    m.update(Msg::Frame(16.0));
    assert!(Rc::ptr_eq(&m.logs_scene, &scene), "the logs follow");
    // Paused, every panel shows the same moment at once.
    for _ in 0..12 {
        m.update(Msg::Frame(16.0));
    }
    m.update(Msg::Pause);
    assert!(Rc::ptr_eq(&m.feed_scene, &m.scene) && Rc::ptr_eq(&m.logs_scene, &m.scene));
    assert_eq!(m.scene.time, m.cluster.now());
}
