//! The one bilingual glossary: every term the tool prints, English ↔ 简体中文, spelled here
//! once and used by the feed (Raft and Paxos notes, `sim::render`), the explorer
//! (`ui::i18n`), lecture mode (`ui::lecture::strings`) and the CLI timeline. Scenario authors
//! find the same table in `docs/glossary.md`.
//!
//! A leaf module: it depends on nothing else in the crate but the names the checkers give
//! their invariants ([`invariant_name`]), so every layer can use it.
//!
//! - [`Term`]: one row per term, with [`Term::get`] for text built at run time;
//! - `term!(Key, en)` / `term!(Key, zh)`: the same row as a string literal, for the string
//!   tables that are built at compile time (`concat!("…", term!(SplitVote, zh), "…")`);
//! - helpers for what is not a single word: [`term_no`] ("term 3" / "第 3 任期"), [`list`]
//!   (", " / "、"), [`bracket`] ("(…)" / "（…）"), [`cite`] and [`rule`] (citations: "thesis
//!   §9.6" / "博士论文 §9.6", "Figure 2" / "图 2").
//!
//! What stays English in Chinese text: node names, values, message kinds (AppendEntries,
//! RequestVote, Prepare, Promise, Accept, Accepted, Nack), option names (CheckQuorum, PreVote),
//! the paper's field names (nextIndex, matchIndex, commitIndex, leaderCommit) and rule labels
//! (§5.2, P2c).

use serde::{Deserialize, Serialize};

/// The two languages of the interface and of every explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

macro_rules! glossary {
    ($($(#[$doc:meta])* $key:ident => $en:literal, $zh:literal;)*) => {
        /// One term of the glossary.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Term {
            $($(#[$doc])* $key,)*
        }

        impl Term {
            /// Every term, in table order.
            pub const ALL: &'static [Term] = &[$(Term::$key,)*];

            /// The English term.
            pub const fn en(self) -> &'static str {
                match self {
                    $(Term::$key => $en,)*
                }
            }

            /// The Chinese term.
            pub const fn zh(self) -> &'static str {
                match self {
                    $(Term::$key => $zh,)*
                }
            }
        }

        /// A glossary row as a string literal, for `concat!` in compile-time string tables:
        /// `term!(ElectionTimer, zh)` is `"选举计时器"`. (Its users are the browser UI's
        /// tables, compiled with the `ui` feature only.)
        #[allow(unused_macros)]
        macro_rules! term {
            $(
                ($key, en) => { $en };
                ($key, zh) => { $zh };
            )*
        }
        #[allow(unused_imports)]
        pub(crate) use term;
    };
}

/// The one form of a bilingual string table: `Name { Key => "English", "中文"; … }` rows,
/// so a key cannot exist in one language only. It makes `enum Name` with `Name::ALL` and
/// `Name::text(lang)`. The explorer's table (`viz::i18n`) and lecture mode's
/// (`ui::lecture::strings`, kept apart so the explorer's module does not carry lecture
/// mode's strings) are written with it.
macro_rules! bilingual {
    ($(#[$doc:meta])* $name:ident { $($key:ident => $en:expr, $zh:expr;)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($key,)*
        }

        impl $name {
            /// Every key, in table order.
            pub const ALL: &'static [$name] = &[$($name::$key,)*];

            /// The key's text in `lang`.
            pub fn text(self, lang: $crate::core::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        ($name::$key, $crate::core::Lang::En) => $en,
                        ($name::$key, $crate::core::Lang::Zh) => $zh,
                    )*
                }
            }
        }
    };
}
pub(crate) use bilingual;

glossary! {
    // Timers (zh: 计时器, never 定时器).
    Timer => "timer", "计时器";
    /// Raft's election timer (§5.2); Multi-Paxos's wait for a leader's heartbeat.
    ElectionTimer => "election timer", "选举计时器";
    HeartbeatTimer => "heartbeat timer", "心跳计时器";
    /// Single-decree Paxos: a proposer's retry with a higher proposal number (§2.4).
    RetryTimer => "retry timer", "重试计时器";
    /// A Raft leader's election timer under CheckQuorum (thesis §6.2): it runs the check.
    CheckQuorumTimer => "quorum-check timer", "法定人数检查计时器";
    QuorumCheck => "quorum check", "法定人数检查";
    ElectionTimeout => "election timeout", "选举超时";
    RetryTimeout => "retry timeout", "重试超时";
    Heartbeat => "heartbeat", "心跳";
    HeartbeatInterval => "heartbeat interval", "心跳间隔";
    Latency => "latency", "延迟";
    // Elections.
    Term => "term", "任期";
    Vote => "vote", "选票";
    PreVoteBallot => "pre-vote", "预投票";
    SplitVote => "split vote", "选票分裂";
    StepDown => "step down", "退为跟随者";
    /// Raft's Election Safety (Figure 3): at most one leader per term (§5.2).
    ElectionSafety => "Election Safety", "选举安全";
    Majority => "majority", "多数派";
    Quorum => "quorum", "法定人数";
    // Roles.
    Leader => "leader", "领导者";
    Follower => "follower", "跟随者";
    Candidate => "candidate", "候选人";
    PreCandidate => "pre-candidate", "预候选人";
    Proposer => "proposer", "提议者";
    Acceptor => "acceptor", "接受者";
    Learner => "learner", "学习者";
    // Paxos.
    Propose => "propose", "提议";
    Phase1 => "phase 1", "阶段一";
    Phase2 => "phase 2", "阶段二";
    Phase1Prepare => "phase 1 (prepare)", "阶段一（准备）";
    Phase2Accept => "phase 2 (accept)", "阶段二（接受）";
    Promise => "promise", "承诺";
    ProposalNumber => "proposal number", "提案编号";
    /// The same thing as a proposal number.
    Ballot => "ballot", "提案编号";
    Slot => "slot", "槽位";
    Chosen => "chosen", "选定";
    MultiPaxos => "Multi-Paxos", "Multi-Paxos";
    // Logs.
    Entry => "entry", "条目";
    Index => "index", "索引";
    Commit => "commit", "提交";
    Committed => "committed", "已提交";
    Noop => "no-op", "空操作";
    /// The paper's field names stay as they are in both languages (Figure 2).
    NextIndex => "nextIndex", "nextIndex";
    MatchIndex => "matchIndex", "matchIndex";
    CommitIndex => "commitIndex", "commitIndex";
    LeaderCommit => "leaderCommit", "leaderCommit";
    // Options: their names stay, with a gloss in Chinese.
    PreVote => "PreVote", "预投票（PreVote）";
    CheckQuorum => "CheckQuorum", "法定人数检查（CheckQuorum）";
    // Sources.
    /// The extended Raft paper; its sections are cited bare ("§5.2").
    Paper => "paper", "论文";
    /// Ongaro's thesis; its sections are always labelled ("thesis §9.6").
    Thesis => "thesis", "博士论文";
    Figure => "Figure", "图";
    // Punctuation.
    ListSeparator => ", ", "、";
    OpenBracket => "(", "（";
    CloseBracket => ")", "）";
}

impl Term {
    /// The term in `lang`.
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en(),
            Lang::Zh => self.zh(),
        }
    }
}

/// "term 3" / "第 3 任期".
pub fn term_no(n: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("term {n}"),
        Lang::Zh => format!("第 {n} 任期"),
    }
}

/// Items joined with the list separator: "n1, n2" / "n1、n2".
pub fn list<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(Term::ListSeparator.get(lang))
}

/// "(inner)" / "（inner）".
pub fn bracket(inner: &str, lang: Lang) -> String {
    format!(
        "{}{inner}{}",
        Term::OpenBracket.get(lang),
        Term::CloseBracket.get(lang)
    )
}

/// A rule label in `lang`. Labels are written in English in the code ("§5.2, §5.4.1",
/// "thesis §9.6", "Figure 2", "§2.2 (1b)", "P2c"); in Chinese the thesis is 博士论文, a figure is
/// 图, the list separator is "、" and brackets are full-width.
pub fn rule(label: &str, lang: Lang) -> String {
    match lang {
        Lang::En => label.to_string(),
        Lang::Zh => label
            .split(", ")
            .map(|part| {
                let part = match part.strip_prefix("thesis ") {
                    Some(rest) => format!("{} {rest}", Term::Thesis.zh()),
                    None => match part.strip_prefix("Figure ") {
                        Some(rest) => format!("{} {rest}", Term::Figure.zh()),
                        None => part.to_string(),
                    },
                };
                part.replace(" (", "（").replace(')', "）")
            })
            .collect::<Vec<_>>()
            .join(Term::ListSeparator.zh()),
    }
}

/// A citation as it follows a sentence: " (§5.2)" / "（§5.2）".
pub fn cite(label: &str, lang: Lang) -> String {
    let inner = bracket(&rule(label, lang), lang);
    match lang {
        Lang::En => format!(" {inner}"),
        Lang::Zh => inner,
    }
}

/// The checkers' invariants (`crate::check`) by the names they report, with their Chinese
/// names: the invariants panel, lecture mode and the CLI's `--lang zh` output all name them
/// from here.
const INVARIANT_NAMES: &[(&str, &str)] = {
    use crate::check::paxos as p;
    use crate::check::raft as r;
    &[
        // Raft: Figure 3, and the checks beyond it.
        (r::ELECTION_SAFETY, "选举安全"),
        (r::LEADER_APPEND_ONLY, "领导者只追加"),
        (r::LOG_MATCHING, "日志匹配"),
        (r::LEADER_COMPLETENESS, "领导者完整性"),
        (r::STATE_MACHINE_SAFETY, "状态机安全"),
        (r::TERMS_MONOTONIC, "任期永不减小"),
        (r::ONE_VOTE, "每个任期至多投一票"),
        (r::COMMIT_MONOTONIC, "commitIndex 永不减小"),
        (r::ACKED_WRITES, "已向客户端确认的写入不会丢失"),
        // Paxos: Paxos Made Simple's P1, P2, P2c and the learner's safety.
        (p::AGREEMENT, "每个槽位至多选定一个值"),
        (p::VALIDITY, "只有被提议的值才会被选定"),
        (p::ONE_VALUE, "每个选票编号只对应一个值"),
        (p::PROMISE_MONOTONE, "承诺永不降低"),
        (p::ACCEPT_ABOVE_PROMISE, "只接受不低于承诺的提案"),
        (p::PROMISE_TRUTHFUL, "承诺如实报告已接受的最高提案"),
        (p::LEARN_CHOSEN, "学习者只决定已选定的值"),
        (p::ONLY_ACCEPTORS, "只有接受者才会承诺或接受"),
    ]
};

/// The name of an invariant as a checker reports it (English), in `lang`. A name the table
/// does not know is shown as the checker wrote it.
pub fn invariant_name(name: &str, lang: Lang) -> &str {
    match lang {
        Lang::En => name,
        Lang::Zh => INVARIANT_NAMES
            .iter()
            .find(|(en, _)| *en == name)
            .map_or(name, |(_, zh)| zh),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_invariant_of_every_checker_has_a_chinese_name() {
        // Every checker's list, as the scenario runner has it (Raft's and Paxos's).
        let mut all: Vec<&str> = Vec::new();
        for (file, text) in crate::scenario::LIBRARY {
            let runner = crate::scenario::Runner::from_text(file, text).unwrap();
            for name in runner.invariants() {
                if !all.contains(name) {
                    all.push(name);
                }
            }
        }
        for name in &all {
            let zh = invariant_name(name, Lang::Zh);
            assert_ne!(zh, *name, "{name} has no Chinese name");
            assert_eq!(invariant_name(name, Lang::En), *name);
        }
        assert_eq!(
            INVARIANT_NAMES.len(),
            all.len(),
            "no row for a name no checker has"
        );
        assert_eq!(invariant_name("Unknown", Lang::Zh), "Unknown");
    }

    #[test]
    fn citations_label_the_thesis_and_use_chinese_punctuation() {
        assert_eq!(cite("thesis §6.2", Lang::En), " (thesis §6.2)");
        assert_eq!(cite("thesis §6.2", Lang::Zh), "（博士论文 §6.2）");
        assert_eq!(cite("Figure 2", Lang::Zh), "（图 2）");
        assert_eq!(cite("§5.2, §5.4.1", Lang::Zh), "（§5.2、§5.4.1）");
        assert_eq!(cite("§2.2 (1b)", Lang::Zh), "（§2.2（1b））");
        assert_eq!(cite("P2c", Lang::En), " (P2c)");
    }

    #[test]
    fn literal_and_runtime_rows_agree() {
        assert_eq!(term!(SplitVote, zh), Term::SplitVote.zh());
        assert_eq!(term!(ElectionTimer, en), Term::ElectionTimer.get(Lang::En));
        assert_eq!(
            concat!("分散", term!(Timer, zh)),
            format!("分散{}", Term::Timer.zh())
        );
    }

    #[test]
    fn the_docs_list_every_row() {
        let doc = include_str!("../docs/glossary.md");
        for t in Term::ALL {
            let key = format!("| `{t:?}` |");
            let row = doc
                .lines()
                .find(|l| l.starts_with(&key))
                .unwrap_or_else(|| panic!("docs/glossary.md has no row {key}"));
            let cells: Vec<&str> = row.split(" | ").map(str::trim).collect();
            assert!(
                cells.len() == 3 && cells[1].trim_matches('`') == t.en().trim() || {
                    cells[1] == "`, `" && t.en() == ", "
                },
                "{row}: the English should be {:?}",
                t.en()
            );
            assert_eq!(cells[2].trim_end_matches(" |"), t.zh(), "{row}");
        }
    }

    #[test]
    fn chinese_terms_are_one_choice_per_concept() {
        for t in Term::ALL {
            let zh = t.zh();
            assert!(!zh.contains("定时器"), "{t:?}: 计时器, not 定时器");
            assert!(!zh.contains("平票") && !zh.contains("下台") && !zh.contains("退位"));
        }
        assert_eq!(term_no(3, Lang::Zh), "第 3 任期");
        assert_eq!(list(&["n1", "n2"], Lang::Zh), "n1、n2");
        assert_eq!(list(&["n1", "n2"], Lang::En), "n1, n2");
    }
}
