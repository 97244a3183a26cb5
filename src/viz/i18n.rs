//! The explorer's string table, in English and Chinese (the browser's side, remembering the
//! language choice, is `ui::i18n`). Native, so the explorer's model ([`super::explorer`])
//! writes its notices from it and `cargo test` checks the table.
//!
//! Every string the explorer shows comes from here. The table is written once, as
//! `Key => "English", "中文"` rows, so a key cannot exist in one language only; the tests
//! (tests/viz_explorer_model.rs) also check that no entry is empty and that the Chinese column is
//! really translated. The event feed's text comes localised from the viz layer.
//! Glossary terms come from the one glossary (`crate::glossary`, `docs/glossary.md`) through
//! `term!`, so that the explorer, lecture mode and the feed spell each term the same way.

use crate::core::Lang;
use crate::glossary::term;

crate::glossary::bilingual! {
    /// One string of the explorer.
    Key {
        AppTitle => "QuorumScope", "QuorumScope";
        Tagline => "Watch Raft and Paxos reach agreement, one message at a time",
            "逐条消息观察 Raft 与 Paxos 如何达成共识";
        LanguageLabel => "Language", "语言";
        NodesWord => "nodes", "个节点";
        Seed => "seed", "种子";
        // Header: sharing and help.
        Share => "Share this session", "分享此会话";
        CopyLink => "Copy link", "复制链接";
        CopyLinkHint => "Copy a link that replays exactly this run, up to this moment",
            "复制一个链接，它会精确重放本次运行直到此刻";
        LinkCopied => "Link copied: opening it replays exactly this run.",
            "链接已复制：打开它将精确重放本次运行。";
        CopyFailed => "The browser did not allow copying; the link is in the address bar.",
            "浏览器不允许复制；链接就在地址栏中。";
        Export => "Export", "导出";
        ExportHint => "Download this session as a .qscope file", "将此会话下载为 .qscope 文件";
        ExportFailed => "Could not export the session:", "无法导出会话：";
        Import => "Import", "导入";
        ImportHint => "Open a session from a .qscope file (or a file holding a share link)",
            "从 .qscope 文件（或包含分享链接的文件）打开会话";
        ImportFailed => "Could not read the file:", "无法读取文件：";
        LinkBroken => "This session could not be opened, so a default cluster is shown instead. Reason:",
            "无法打开此会话，因此显示默认集群。原因：";
        ImportBroken => "This session could not be opened; the one shown is unchanged. Reason:",
            "无法打开此会话；当前显示的会话保持不变。原因：";
        SeekTooFar => "That moment lies too many events away (more than a million): the run stays where it was.",
            "该时刻相距太多事件（超过一百万个）：运行停留在原处。";
        InternalError => "QuorumScope hit an internal error and stopped. Reload the page to start again. Details:",
            "QuorumScope 遇到内部错误，已停止运行。请重新加载页面以重新开始。详情：";
        HelpTitle => "Help and keyboard shortcuts", "帮助与键盘快捷键";
        Dismiss => "Dismiss", "关闭提示";
        Close => "Close", "关闭";
        ReducedMotion => "Your system asks for reduced motion: the run starts paused, and each message stays at one place on its link until it arrives instead of flying. Press Space (or ▶) to play; → steps one event.",
            "系统设置要求减少动态效果：运行开始时处于暂停状态，每条消息停在其链路上的一处直到送达，不再飞行。按空格键（或 ▶）播放；按 → 前进一个事件。";
        // Panels.
        RingTitle => "Cluster", "集群";
        RingAria => "Nodes of the cluster arranged in a ring, with the messages between them",
            "环形排列的集群节点及其间的消息";
        SpaceTimeTitle => "Space-time diagram", "时空图";
        ControlsTitle => "Time", "时间";
        LogsTitle => "Logs", "日志";
        LogsAria => "Every node's log; scroll sideways for older entries",
            "每个节点的日志；横向滚动可查看更早的条目";
        LogsEmpty => "No log entries yet: send a client request (R, or a node's menu).",
            "暂无日志条目：发送一个客户端请求（按 R，或使用节点菜单）。";
        EventsTitle => "Event feed", "事件流";
        InvariantsTitle => "Invariants", "不变式";
        SideTabs => "Details and settings", "详情与设置";
        TabNode => "Node", "节点";
        TabNetwork => "Network", "网络";
        TabCluster => "Cluster", "集群";
        // Roles and states.
        Leader => term!(Leader, en), term!(Leader, zh);
        Candidate => term!(Candidate, en), term!(Candidate, zh);
        Follower => term!(Follower, en), term!(Follower, zh);
        Crashed => "crashed", "已崩溃";
        Paused => "paused", "已暂停";
        Running => "running", "运行中";
        PaxosPhase1 => term!(Phase1Prepare, en), term!(Phase1Prepare, zh);
        PaxosPhase2 => term!(Phase2Accept, en), term!(Phase2Accept, zh);
        PaxosIdle => "idle proposer", "空闲提议者";
        AcceptedShort => "accepted", "已接受";
        Votes => "votes", "票数";
        VotesFrom => "votes from", "投票来自";
        DeniedBy => "denied by", "拒绝者";
        Timer => term!(Timer, en), term!(Timer, zh);
        TimerHint => "How much of the election timeout is left; a heartbeat resets it",
            "选举超时还剩多少；心跳会将其重置";
        NodeHint => "Click for actions", "点击查看操作";
        MessageHint => "click to show it; Drop in the inspector drops it", "点击即可在检查器中查看；检查器的“丢弃”按钮将其丢弃";
        SelectNodeHint => "Click a node on the ring (or press 1–9) to see its state and act on it.",
            "点击环上的节点（或按 1–9）查看其状态并对其操作。";
        // Node actions.
        Crash => "Crash", "崩溃";
        Restart => "Restart", "重启";
        PauseNode => "Pause (SIGSTOP)", "暂停（SIGSTOP）";
        ResumeNode => "Resume (SIGCONT)", "恢复（SIGCONT）";
        ForceTimeout => "Force timeout", "强制超时";
        ClientRequest => "Client request", "客户端请求";
        // Links.
        CutBoth => "Cut both ways", "双向切断";
        RestoreBoth => "Restore both ways", "双向恢复";
        CutOneWay => "Cut only", "仅切断";
        RestoreOneWay => "Restore only", "仅恢复";
        LinkHintCut => "click to cut both ways; right-click to cut one way",
            "点击双向切断；右键单向切断";
        LinkHintRestore => "click to restore; right-click for one way",
            "点击恢复；右键可单向操作";
        // Time bar.
        TimeControls => "Time controls", "时间控制";
        Play => "Play", "播放";
        Pause => "Pause", "暂停";
        StepOnce => "Step one event", "单步一个事件";
        StepBack => "Step back one event", "后退一个事件";
        TimeSlider => "Time: drag to any moment of the run", "时间：拖动到运行中的任意时刻";
        Time => "Virtual time now", "当前虚拟时间";
        Horizon => "The furthest moment reached", "已到达的最远时刻";
        Events => "Events processed", "已处理事件数";
        EventShort => "event", "事件";
        Speed => "Speed", "速度";
        SpeedHint => "Cluster time per real second (log scale)", "每真实秒对应的集群时间（对数刻度）";
        RealTime => "real time", "实时";
        TimersGroup => "Election timers", term!(ElectionTimer, zh);
        SpreadTimers => "Spread timers", concat!("分散", term!(Timer, zh));
        SpreadHint => concat!("Re-arm every ", term!(ElectionTimer, en), " well apart: a ",
            term!(SplitVote, en), " is unlikely"),
            concat!("重新设置所有", term!(ElectionTimer, zh), "并使其相距较远：不太可能出现",
            term!(SplitVote, zh));
        AlignTimers => "Align timers", concat!("对齐", term!(Timer, zh));
        AlignHint => concat!("Re-arm every ", term!(ElectionTimer, en), " to fire together: a ",
            term!(SplitVote, en), " is likely"),
            concat!("重新设置所有", term!(ElectionTimer, zh), "使其同时触发：很可能出现",
            term!(SplitVote, zh));
        // Logs.
        Committed => term!(Committed, en), term!(Committed, zh);
        Uncommitted => "not committed yet", "尚未提交";
        Entries => "entries", "条目";
        CommitIndex => "commit", "提交";
        Slots => "slots", term!(Slot, zh);
        Chosen => term!(Chosen, en), concat!("已", term!(Chosen, zh));
        NextIndex => term!(NextIndex, en), term!(NextIndex, zh);
        MatchIndex => term!(MatchIndex, en), term!(MatchIndex, zh);
        // The markers under a log cell (42 px wide) have room for a short label only.
        NextMark => "next", "下一索引";
        MatchMark => "match", "匹配索引";
        // Network.
        NetworkTitle => "Network", "网络";
        Loss => "Loss", "丢包";
        LossHint => "The chance that a message is lost", "消息丢失的概率";
        Duplication => "Duplication", "重复";
        DuplicationHint => "The chance that a message is delivered twice", "消息被投递两次的概率";
        Reordering => "Reordering", "乱序";
        ReorderingHint => "The chance that a message is held back so later ones overtake it",
            "消息被延迟、使后发消息先到的概率";
        Latency => "Latency", "延迟";
        LatencyHint => "One-way delay: uniform between the two values", "单向延迟：在两个值之间均匀分布";
        PartitionTitle => "Partition", "网络分区";
        PartitionHint => "Put nodes into groups: nodes in different groups cannot reach each other.",
            "将节点分组：不同组的节点之间无法通信。";
        InGroup => "in group", "位于组";
        ApplyPartition => "Apply partition", "应用分区";
        Heal => "Heal network", "修复网络";
        HealHint => "Remove every partition and cut link", "移除所有分区和被切断的链路";
        Presets => "Presets:", "预设：";
        IsolateLeader => "Isolate the leader", "隔离领导者";
        SplitHalves => "Split in two", "一分为二";
        LinkHint => "Tip: click a link on the ring to cut it both ways; right-click it to cut one direction.",
            "提示：点击环上的链路可双向切断；右键点击可切断单个方向。";
        // Cluster form.
        Protocol => "Protocol", "协议";
        NodeCount => "Nodes", "节点数";
        RandomSeed => "Pick a random seed", "随机选择种子";
        RandomShort => "Random", "随机";
        Options => "Options", "选项";
        PreVote => term!(PreVote, en), term!(PreVote, zh);
        PreVoteHint => concat!("Ask whether an election could be won before starting one (Raft ",
            term!(Thesis, en), " §9.6)"),
            concat!("在发起选举前先询问能否获胜（Raft ", term!(Thesis, zh), " §9.6）");
        CheckQuorum => term!(CheckQuorum, en), term!(CheckQuorum, zh);
        CheckQuorumHint => concat!("A leader that cannot hear a majority steps down (Raft ",
            term!(Thesis, en), " §6.2)"),
            concat!("无法联系到", term!(Majority, zh), "的领导者会", term!(StepDown, zh), "（Raft ",
            term!(Thesis, zh), " §6.2）");
        Noop => "No-op on election", concat!("当选后追加", term!(Noop, zh));
        NoopHint => "A new leader appends an empty entry to commit earlier terms' entries (§5.4.2, §8)",
            "新领导者追加一个空条目，以提交之前任期的条目（§5.4.2、§8）";
        MultiPaxos => term!(MultiPaxos, en), term!(MultiPaxos, zh);
        MultiPaxosHint => concat!("A stable leader runs ", term!(Phase2, en), " for many slots after one ",
            term!(Phase1, en)),
            concat!("稳定的领导者在一次", term!(Phase1, zh), "之后为多个", term!(Slot, zh), "执行",
            term!(Phase2, zh));
        Backoff => "Randomised backoff", "随机退避";
        BackoffHint => "Proposers wait a random time before retrying, so duelling ends",
            "提议者在重试前随机等待一段时间，从而结束相互竞争";
        NewCluster => "Start new cluster", "启动新集群";
        NewClusterHint => "Same settings, same seed: the same run.", "相同设置和种子：相同的运行。";
        // Legend and help.
        Legend => "Legend", "图例";
        LegendVoteRequest => "RequestVote / PreVote", "请求投票 / 预投票";
        LegendAppend => "AppendEntries", "追加条目";
        LegendHeartbeat => "heartbeat", "心跳";
        LegendPrepare => "Prepare", "准备（Prepare）";
        LegendAccept => "Accept", "接受（Accept）";
        LegendGranted => "reply: granted / ok", "回复：同意 / 成功";
        LegendDenied => "reply: denied / failed", "回复：拒绝 / 失败";
        LegendLogs => "Logs: a cell's colour and its label tell its term; solid cells are committed, pale dashed cells are not yet.",
            "日志：单元格的颜色和标签表示其任期；实心单元格已提交，浅色虚线单元格尚未提交。";
        LegendTimer => "The arc around a node is its election timer: it runs down, and a heartbeat from the leader fills it again.",
            concat!("节点周围的圆弧是其", term!(ElectionTimer, zh),
            "：它会逐渐减少，领导者的心跳会将其重新填满。");
        Shortcuts => "Keyboard", "键盘";
        MouseTitle => "Mouse", "鼠标";
        MouseNode => "Click or right-click a node: crash, restart, pause, resume, force its timeout, send it a client request.",
            "单击或右键单击节点：崩溃、重启、暂停、恢复、强制超时、发送客户端请求。";
        MouseMessage => "Hover over a message to see every field; click it to keep it in the inspector, whose Drop button drops it (one step back undoes that).",
            "将鼠标悬停在消息上可查看全部字段；点击可将其留在检查器中，检查器的“丢弃”按钮将其丢弃（后退一步即可撤销）。";
        MouseLink => "Click a link to cut or restore it; right-click it to cut one direction only.",
            "点击链路可切断或恢复；右键点击只切断一个方向。";
        MouseSlider => "Drag the time slider to any moment; click the space-time diagram or a feed line to jump there.",
            "拖动时间滑块到任意时刻；点击时空图或事件流中的一行即可跳转。";
        MousePast => "Acting in the past starts a new future from that moment.",
            "在过去的时刻进行操作，会从该时刻开始一个新的未来。";
        KeyPlay => "play / pause", "播放 / 暂停";
        KeyStep => "one event forward", "前进一个事件";
        KeyStepBack => "one event back", "后退一个事件";
        KeyJump => "jump 50 ms back / forward", "后退 / 前进 50 毫秒";
        KeyStartEnd => "go to the start / the furthest moment", "跳到开头 / 最远时刻";
        KeySpeed => "faster / slower", "加快 / 减慢";
        KeySelect => "select node 1 … 9", "选择第 1 … 9 个节点";
        KeyCrash => "crash / restart the selected node (else the leader)",
            "崩溃 / 重启所选节点（未选时为领导者）";
        KeyPause => "pause / resume the selected node", "暂停 / 恢复所选节点";
        KeyTimeout => "force the selected node's election timeout", "强制所选节点选举超时";
        KeyClient => "client request to the selected node (a follower redirects it)",
            "向所选节点发送客户端请求（跟随者会重定向）";
        KeySpread => "spread the timers (a split vote is unlikely)",
            concat!("分散", term!(Timer, zh), "（不太可能出现", term!(SplitVote, zh), "）");
        KeyAlign => "align the timers (a split vote is likely)",
            concat!("对齐", term!(Timer, zh), "（很可能出现", term!(SplitVote, zh), "）");
        KeyHeal => "heal the network", "修复网络";
        KeyDrop => "drop the message shown in the inspector", "丢弃检查器中显示的消息";
        KeyLang => "switch language", "切换语言";
        KeyHelp => "this help", "显示本帮助";
        KeyEscape => "close menus and help, clear the selection", "关闭菜单和帮助，清除选择";
        // The space-time diagram, the event feed, the invariants panel and the message
        // inspector.
        SpaceTimeAria => "Space-time diagram: one lifeline per node, time flows to the right, \
            messages are arrows", "时空图：每个节点一条生命线，时间向右流动，消息以箭头表示";
        SpaceTimeHint => "Click the diagram to jump to that moment; click an arrow to inspect \
            the message", "点击图中任意位置跳转到该时刻；点击箭头查看消息";
        Now => "now", "现在";
        LegendRequest => "request", "请求";
        SpaceTimeGranted => "granted / ok", "同意 / 成功";
        SpaceTimeDenied => "denied / rejected", "拒绝 / 失败";
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
        KindTimer => term!(Timer, en), term!(Timer, zh);
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
        NotInFlight => "This message is no longer in flight.", "此消息已不在传输中。";
    }
}

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

/// The label of a feed line's kind ("note", "fault", …), in `lang`.
pub fn kind_label(kind: &str, lang: Lang) -> &'static str {
    t(
        lang,
        match kind {
            "note" => Key::KindNote,
            "fault" => Key::KindFault,
            "client" => Key::KindClient,
            "net" => Key::KindNet,
            "timer" => Key::KindTimer,
            _ => Key::KindMessage,
        },
    )
}
