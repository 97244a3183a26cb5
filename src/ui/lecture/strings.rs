//! Every string of lecture mode, in English and Chinese. Each row is `Key => "English",
//! "中文"`, so a key cannot exist in one language only. `{name}` placeholders are filled in
//! by [`fill`]. Glossary terms come from the one glossary (`crate::glossary`) through `term!`,
//! so that lecture mode and the explorer spell them the same way.

use crate::core::Lang;

crate::glossary::bilingual! {
    /// One string of lecture mode.
    L {
        // Modes and the page frame.
        Brand => "QuorumScope", "QuorumScope";
        LectureMode => "Lecture mode", "讲课模式";
        ToLecture => "Lecture mode", "讲课模式";
        ToLectureHint => "Present the scenario library step by narrated step",
            "按步骤讲解场景库，每一步都有旁白";
        ToExplorer => "Explore freely", "自由探索";
        ToExplorerHint => "Leave lecture mode for the free-running cluster",
            "离开讲课模式，回到自由运行的集群";
        LangSwitch => "Language", "语言";
        OpenFull => "Open in QuorumScope", "在 QuorumScope 中打开";

        // The picker.
        PickerTitle => "Scenario library", "场景库";
        PickerIntro => "Pick a scenario to present. Each step has a caption; Next and Previous \
            move exactly one step, and every link opens the same scenario at the same step.",
            "选择一个场景来讲解。每一步都有旁白；“下一步”和“上一步”每次恰好移动一步，\
            链接会在同一步打开同一个场景。";
        Steps => "{n} steps", "{n} 步";
        YourScenarios => "Your scenarios", "你的场景";
        YourScenariosHint => "Loaded from a file or pasted; kept in this browser.",
            "从文件载入或粘贴而来，保存在此浏览器中。";
        Forget => "Remove", "移除";
        ForgetAria => "Remove {name} from this browser", "从此浏览器中移除 {name}";

        // Loading your own scenario.
        LoadTitle => "Your own scenario", "你自己的场景";
        LoadFile => "Open a .scn file…", "打开 .scn 文件…";
        PasteLabel => "…or paste the text of a scenario", "……或粘贴场景文本";
        PastePlaceholder => "title: My scenario\nprotocol raft\nnodes A B C\n\nstep\nen: …\nzh: …\nrun 300ms",
            "title: 我的场景\nprotocol raft\nnodes A B C\n\nstep\nen: …\nzh: …\nrun 300ms";
        LoadPasted => "Load the pasted text", "载入粘贴的文本";
        LoadError => "This scenario could not be loaded", "无法载入该场景";
        LoadErrorKept => "Nothing was lost: what you had open is still loaded.",
            "没有丢失任何内容：原来打开的场景仍然保留。";
        ReadError => "The file could not be read: {why}", "无法读取该文件：{why}";
        TooManyEvents => "It needs more than {max} events, more than lecture mode runs in a browser tab. The command-line tool runs it: quorumscope run FILE.",
            "它需要超过 {max} 个事件，超出了讲课模式在浏览器标签页中能运行的上限。可以用命令行工具运行它：quorumscope run FILE。";
        LoadErrorAt => "line {line}, column {col}", "第 {line} 行，第 {col} 列";
        DownloadScn => "Download this scenario (.scn)", "下载此场景（.scn）";
        Close => "Close", "关闭";

        // The presenter.
        Scenarios => "Scenarios", "场景";
        StepOf => "Step {k} of {n}", "第 {k} 步，共 {n} 步";
        Intro => "Introduction", "简介";
        Prev => "Previous", "上一步";
        Next => "Next", "下一步";
        PrevAria => "Previous step (←, PageUp)", "上一步（←、PageUp）";
        NextAria => "Next step (→, PageDown)", "下一步（→、PageDown）";
        Skip => "Skip animation", "跳过动画";
        Replay => "Replay this step", "重放这一步";
        Speed => "Speed", "速度";
        Present => "Presentation mode", "演示模式";
        ExitPresent => "Leave presentation mode", "退出演示模式";
        End => "The end: every step has been shown.", "结束：所有步骤都已演示完毕。";
        Playing => "Playing the step…", "正在播放这一步……";
        KeysHelp => "← → PageUp PageDown: one step · S: skip animation · P: presentation mode",
            "← → PageUp PageDown：移动一步 · S：跳过动画 · P：演示模式";
        UnknownScenario => "There is no scenario called “{id}”. Pick one from the library.",
            "没有名为“{id}”的场景。请从场景库中选择一个。";
        LinkTextBroken => "This link carries a scenario, but its text is damaged ({why}): the link was cut short or changed. Pick a scenario from the library, or ask for the link again.",
            "此链接携带的场景文本已损坏（{why}）：链接被截断或被改动过。请从场景库中选择一个场景，或重新索取链接。";
        TextBadChar => "character {k} of its text cannot appear there", "其文本的第 {k} 个字符不应出现在那里";
        TextCutShort => "it ends in the middle of a character", "它在一个字符中间结束";
        TextNotText => "it does not decode to text", "它无法解码为文本";
        BadStep => "The link asked for step {k}, but this scenario has {n} steps: showing the last.",
            "链接要求第 {k} 步，但此场景只有 {n} 步：显示最后一步。";
        TimeNow => "time {t}", "时间 {t}";

        // The expectations.
        Checks => "What must be true now", "此刻必须成立的条件";
        ChecksEarlier => "Earlier steps: {ok} of {all} expectations held",
            "之前的步骤：{all} 项预期中 {ok} 项成立";
        NoChecks => "This step states no expectations.", "这一步没有写明预期。";
        HeldEarlier => "Held earlier in this step, no longer at its end",
            "这一步中曾经成立、到这一步结束时已不再成立";
        HeldAt => "at {t}", "于 {t}";
        Passed => "passed", "通过";
        Pending => "checked at the end of the step", "在这一步结束时检查";
        Failed => "failed", "未通过";
        Expected => "expected", "预期";
        Actual => "actual", "实际";
        Violation => "Safety broken: {name}", "安全性被破坏：{name}";

        // Leaving the script.
        OffScript => "You left the script. The cluster now runs on its own from the end of step {k}.",
            "你已离开脚本。集群从第 {k} 步结束处开始自行运行。";
        OffScriptChecks => "The expectations below are the script's, not this run's.",
            "下面的预期属于脚本，而不是当前这次运行。";
        BackToScript => "Back to the script", "回到脚本";
        Play => "Play", "播放";
        Pause => "Pause", "暂停";
        ActionsTitle => "Try something", "动手试试";
        ActionHint => "Click a node or a moving message, then choose what happens to it. \
            This leaves the script.",
            "点击一个节点或一条正在传递的消息，再选择对它做什么。这样会离开脚本。";
        Crash => "Crash", "使其崩溃";
        Restart => "Restart", "重启";
        PauseNode => "Freeze", "冻结";
        ResumeNode => "Thaw", "解冻";
        TimeoutNow => "Time out now", "立即超时";
        ClientRequest => "Client request", "客户端请求";
        DropMessage => "Drop it", "丢弃它";
        DeliverNow => "Deliver now", "立即送达";
        NodeSelected => "Node {name}", "节点 {name}";
        MessageSelected => "{kind} from {from} to {to}", "{kind}：{from} → {to}";
        ActionRefused => "Not possible: {why}", "无法执行：{why}";

        // The stage (ring and logs).
        StageAria => "The cluster: nodes on a ring with messages in flight, and every node's log",
            "集群：环上的节点、正在传递的消息，以及每个节点的日志";
        Log => "Log", "日志";
        Commit => "commit {k}", "提交 {k}";
        Crashed => "crashed", "已崩溃";
        Frozen => "frozen", "已冻结";
        Votes => "votes {list}", "得票 {list}";
        Partition => "Partition: {groups}", "网络分区：{groups}";
        Held => "held", "被扣留";
        SequenceTitle => "Messages over time", "消息时序图";

        // Export.
        Export => "Export for slides", "导出到幻灯片";
        ExportClusterSvg => "Cluster · SVG", "集群 · SVG";
        ExportClusterPng => "Cluster · PNG", "集群 · PNG";
        ExportDiagramSvg => "Sequence diagram · SVG", "时序图 · SVG";
        ExportDiagramPng => "Sequence diagram · PNG", "时序图 · PNG";
        ExportFailed => "Export failed: {why}", "导出失败：{why}";
    }
}

/// Shorthand for `key.text(lang)`.
pub fn t(lang: Lang, key: L) -> &'static str {
    key.text(lang)
}

/// `key`'s text with every `{name}` replaced by its value.
pub fn fill(lang: Lang, key: L, args: &[(&str, &str)]) -> String {
    let mut s = key.text(lang).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// The language's name on the language switch, written in that language.
pub fn endonym(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "中文",
    }
}

/// The code of a language in links (`lang=zh`) and in `<html lang>`.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

/// Parses a language code from a link or from storage.
pub fn parse_lang(s: &str) -> Option<Lang> {
    match s {
        "en" | "en-US" | "en-GB" => Some(Lang::En),
        "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_has_both_languages_and_the_same_placeholders() {
        for &k in L::ALL {
            let (en, zh) = (k.text(Lang::En), k.text(Lang::Zh));
            assert!(!en.is_empty() && !zh.is_empty(), "{k:?}");
            let holes = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(h, _)| h.to_string()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(holes(en), holes(zh), "{k:?}");
        }
    }
}
