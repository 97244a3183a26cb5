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
    // Invariant names (src/check): Raft Figure 3 and the extra Raft checks.
    ElectionSafety => "Election Safety", "选举安全";
    LeaderAppendOnly => "Leader Append-Only", "领导者只追加";
    LogMatching => "Log Matching", "日志匹配";
    LeaderCompleteness => "Leader Completeness", "领导者完整性";
    StateMachineSafety => "State Machine Safety", "状态机安全";
    TermsMonotonic => "Terms never decrease", "任期永不减小";
    OneVotePerTerm => "One vote per term", "每个任期至多投一票";
    CommitMonotonic => "commitIndex never decreases", "commitIndex 永不减小";
    AckedWrites => "Acknowledged writes are kept", "已向客户端确认的写入不会丢失";
    // Paxos (Paxos Made Simple P1, P2, P2c and the learner's safety).
    Agreement => "At most one value chosen per slot", "每个槽位至多选定一个值";
    Validity => "Only proposed values are chosen", "只有被提议的值才会被选定";
    OneValue => "One value per ballot", "每个选票编号只对应一个值";
    PromiseMonotone => "Promises never go down", "承诺永不降低";
    AcceptAbovePromise => "Accept only at or above the promise", "只接受不低于承诺的提案";
    PromiseTruthful => "Promises report the highest accepted proposal",
        "承诺如实报告已接受的最高提案";
    LearnChosen => "Learners decide only chosen values", "学习者只决定已选定的值";
    OnlyAcceptors => "Only acceptors promise or accept", "只有接受者才会承诺或接受";
}

/// Shorthand for `key.text(lang)`.
pub fn s(lang: Lang, key: S) -> &'static str {
    key.text(lang)
}

/// The name of an invariant as a checker (src/check) reports it, in `lang`. Names without a
/// translation are shown as the checker wrote them.
pub fn invariant_name(name: &str, lang: Lang) -> String {
    use crate::check::paxos as p;
    use crate::check::raft as r;
    let key = match name {
        r::ELECTION_SAFETY => S::ElectionSafety,
        r::LEADER_APPEND_ONLY => S::LeaderAppendOnly,
        r::LOG_MATCHING => S::LogMatching,
        r::LEADER_COMPLETENESS => S::LeaderCompleteness,
        r::STATE_MACHINE_SAFETY => S::StateMachineSafety,
        r::TERMS_MONOTONIC => S::TermsMonotonic,
        r::ONE_VOTE => S::OneVotePerTerm,
        r::COMMIT_MONOTONIC => S::CommitMonotonic,
        r::ACKED_WRITES => S::AckedWrites,
        p::AGREEMENT => S::Agreement,
        p::VALIDITY => S::Validity,
        p::ONE_VALUE => S::OneValue,
        p::PROMISE_MONOTONE => S::PromiseMonotone,
        p::ACCEPT_ABOVE_PROMISE => S::AcceptAbovePromise,
        p::PROMISE_TRUTHFUL => S::PromiseTruthful,
        p::LEARN_CHOSEN => S::LearnChosen,
        p::ONLY_ACCEPTORS => S::OnlyAcceptors,
        _ => return name.to_string(),
    };
    key.text(lang).to_string()
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
