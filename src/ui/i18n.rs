//! The interface's string table, in English and Chinese, and the remembered language choice.
//!
//! Every string the app shows comes from here. The table is written once, as
//! `Key => "English", "中文"` rows, so a key cannot exist in one language only; the browser
//! tests (tests/wasm_ui.rs) also check that no entry is empty and that the Chinese column is
//! really translated.

use crate::core::Lang;

macro_rules! strings {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// One string of the interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key {
            $($key,)*
        }

        impl Key {
            /// Every key, in table order.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];

            /// The key's text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Key::$key, Lang::En) => $en,
                        (Key::$key, Lang::Zh) => $zh,
                    )*
                }
            }
        }
    };
}

strings! {
    AppTitle => "QuorumScope", "QuorumScope";
    Tagline => "Watch a Raft cluster reach agreement, one message at a time",
        "逐条消息观察 Raft 集群如何达成共识";
    LanguageLabel => "Language", "语言";
    RingTitle => "Cluster", "集群";
    RingAria => "Nodes of the cluster arranged in a ring", "集群节点环形排列图";
    LogsTitle => "Logs", "日志";
    LogsEmpty => "No log entries yet.", "暂无日志条目。";
    EventsTitle => "Event feed", "事件流";
    EventsEmpty => "No events yet.", "暂无事件。";
    InvariantsTitle => "Invariants", "不变式";
    InvariantsEmpty => "No invariants are being checked yet.", "暂未检查任何不变式。";
    InvariantHolds => "holds", "成立";
    InvariantViolated => "violated", "被违反";
    ControlsTitle => "Controls", "控制";
    Play => "Play", "播放";
    Pause => "Pause", "暂停";
    StepOnce => "Step", "单步";
    Reset => "Reset", "重置";
    Time => "Time", "时间";
    Events => "Events", "事件数";
    Seed => "Seed", "种子";
    Term => "term", "任期";
    Leader => "Leader", "领导者";
    Candidate => "Candidate", "候选人";
    PreCandidate => "Pre-candidate", "预候选人";
    Follower => "Follower", "跟随者";
    Crashed => "Crashed", "已崩溃";
    Paused => "Paused", "已暂停";
    Commit => "commit", "提交";
    ClientRequest => "Client request", "客户端请求";
    ClientRequestHint => "A client sends the next value to n1 (redirected to the leader)",
        "客户端向 n1 发送下一个值（会被重定向到领导者）";
    Speed => "1 s on screen = 50 ms of cluster time", "屏幕上 1 秒 = 集群中 50 毫秒";
    ElectionSafety => "Election Safety", "选举安全";
    LeaderAppendOnly => "Leader Append-Only", "领导者只追加";
    LogMatching => "Log Matching", "日志匹配";
    LeaderCompleteness => "Leader Completeness", "领导者完整性";
    StateMachineSafety => "State Machine Safety", "状态机安全";
    TermsMonotonic => "Terms never decrease", "任期永不减小";
    OneVotePerTerm => "One vote per term", "每个任期至多投一票";
}

/// The name of an invariant reported by a checker (src/check), in `lang`. Names without a
/// translation are shown as the checker wrote them.
pub fn invariant_name(name: &str, lang: Lang) -> String {
    use crate::check::raft as r;
    let key = match name {
        r::ELECTION_SAFETY => Key::ElectionSafety,
        r::LEADER_APPEND_ONLY => Key::LeaderAppendOnly,
        r::LOG_MATCHING => Key::LogMatching,
        r::LEADER_COMPLETENESS => Key::LeaderCompleteness,
        r::STATE_MACHINE_SAFETY => Key::StateMachineSafety,
        r::TERMS_MONOTONIC => Key::TermsMonotonic,
        r::ONE_VOTE => Key::OneVotePerTerm,
        _ => return name.to_string(),
    };
    key.text(lang).to_string()
}

/// The key of the remembered language in `localStorage`.
pub const STORAGE_KEY: &str = "quorumscope.lang";

/// Shorthand for `key.text(lang)`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    key.text(lang)
}

/// The BCP 47 code of a language, as used in `<html lang>` and in storage.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    }
}

/// The label of a language on the language switch, written in that language.
pub fn endonym(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "EN",
        Lang::Zh => "中文",
    }
}

/// Every language of the interface, in switch order.
pub const LANGS: [Lang; 2] = [Lang::En, Lang::Zh];

/// Parses a stored language code; `None` for anything unknown (then the default is used).
pub fn parse_code(s: &str) -> Option<Lang> {
    match s {
        "en" => Some(Lang::En),
        "zh-CN" | "zh" => Some(Lang::Zh),
        _ => None,
    }
}

/// The language remembered in `localStorage`, or English when none is (or storage is
/// unavailable, e.g. blocked by the browser).
pub fn load_lang() -> Lang {
    local_storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|v| parse_code(&v))
        .unwrap_or_default()
}

/// Remembers `lang` in `localStorage` for the next visit. Storage failures are ignored: the
/// choice then lasts for this page only.
pub fn store_lang(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, code(lang));
    }
}

/// Marks up the document for `lang`: `<html lang>` and the page title.
pub fn apply_lang(lang: Lang) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", code(lang));
        }
        doc.set_title(&format!(
            "{} · {}",
            t(lang, Key::AppTitle),
            t(lang, Key::Tagline)
        ));
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
