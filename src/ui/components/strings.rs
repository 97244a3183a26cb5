//! The strings of the space-time diagram, event feed, invariants panel and message inspector,
//! in English and Chinese.
//!
//! They live here rather than in `crate::ui::i18n` while that table is being rewritten; the
//! table has the same shape (`Key => "English", "中文"` rows, so a key cannot exist in one
//! language only) and can be merged into `i18n` later by moving the rows.

use crate::core::Lang;

macro_rules! strings {
    ($($key:ident => $en:expr, $zh:expr;)*) => {
        /// One string of these panels.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum S {
            $($key,)*
        }

        impl S {
            /// Every key, in table order.
            pub const ALL: &'static [S] = &[$(S::$key,)*];

            /// The key's text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (S::$key, Lang::En) => $en,
                        (S::$key, Lang::Zh) => $zh,
                    )*
                }
            }
        }
    };
}

strings! {
    // The space-time diagram.
    SpaceTimeAria => "Space-time diagram: one lifeline per node, time flows to the right, \
        messages are arrows", "时空图：每个节点一条生命线，时间向右流动，消息以箭头表示";
    SpaceTimeHint => "Click the diagram to jump to that moment; click an arrow to inspect \
        the message", "点击图中任意位置跳转到该时刻；点击箭头查看消息";
    Now => "now", "现在";
    LegendRequest => "request", "请求";
    LegendGranted => "granted / ok", "同意 / 成功";
    LegendDenied => "denied / rejected", "拒绝 / 失败";
    LegendDropped => "dropped", "丢弃";
    LegendInFlight => "in flight", "传输中";
    Delivered => "delivered", "已送达";
    InFlight => "in flight", "传输中";
    Dropped => "dropped", "已丢弃";
    // The event feed.
    FeedEmpty => "No events yet.", "暂无事件。";
    FeedJump => "Click a line to jump to that moment", "点击一行跳转到该时刻";
    FeedNewest => "Newest ↓", "最新 ↓";
    FeedFilter => "Show or hide each kind of line", "显示或隐藏各类条目";
    KindNote => "decision", "决策";
    KindFault => "fault", "故障";
    KindClient => "client", "客户端";
    KindNet => "network", "网络";
    KindTimer => crate::glossary::term!(Timer, en), crate::glossary::term!(Timer, zh);
    KindMessage => "message", "消息";
    // The invariants panel.
    InvariantsNone => "No invariants are being checked.", "未检查任何不变式。";
    Holds => "holds", "成立";
    Violated => "violated", "被违反";
    AllHold => "Every safety property holds so far.", "到目前为止所有安全性质均成立。";
    FirstViolation => "First violation", "首次违反";
    AtTime => "at", "时间";
    AtEvent => "event", "事件";
    LedToIt => "The events that led to it:", "导致违反的事件：";
    JumpThere => "Jump there", "跳转到该处";
    // The message inspector.
    InspectorTitle => "Message", "消息";
    InspectorEmpty => "Hover over or click a message (a dot on the ring or an arrow in the \
        diagram) to see every field.", "将鼠标悬停在消息上或点击消息（环上的圆点或时空图中的箭头）\
        即可查看全部字段。";
    DropMessage => "Drop", "丢弃";
    DropHint => "Drop this message: the network loses it (one step back undoes it)", "丢弃此消息：网络将其丢失（后退一步即可撤销）";
    Close => "Close", "关闭";
    NotInFlight => "This message is no longer in flight.", "此消息已不在传输中。";
}

/// Shorthand for `key.text(lang)`.
pub fn s(lang: Lang, key: S) -> &'static str {
    key.text(lang)
}

/// The name of an invariant as a checker (src/check) reports it, in `lang` (from the
/// glossary's one table, which the CLI uses too).
pub fn invariant_name(name: &str, lang: Lang) -> String {
    crate::glossary::invariant_name(name, lang).to_string()
}

/// The label of a feed line's kind ("note", "fault", …), in `lang`.
pub fn kind_label(kind: &str, lang: Lang) -> &'static str {
    s(
        lang,
        match kind {
            "note" => S::KindNote,
            "fault" => S::KindFault,
            "client" => S::KindClient,
            "net" => S::KindNet,
            "timer" => S::KindTimer,
            _ => S::KindMessage,
        },
    )
}
