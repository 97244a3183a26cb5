//! Human-readable lines for trace events, shared by the CLI timeline, failure reports and the
//! UI's event feed.

use super::trace::{DropReason, Firing, NetChange, TimersChange, TraceEvent, TraceKind};
use crate::core::{fmt_time, Describe, Explain, Fixed, Lang, Names, Protocol};
use crate::glossary::{self, Term};

use crate::core::name;

/// `[  1.250s] n3 rejected AppendEntries from n1: …` — one dense line per event.
pub fn line<P: Protocol>(e: &TraceEvent<P>, names: &Names, lang: Lang) -> String {
    format!("[{:>9}] {}", fmt_time(e.time), text(&e.kind, names, lang))
}

/// The event without its time stamp.
pub fn text<P: Protocol>(k: &TraceKind<P>, names: &Names, lang: Lang) -> String {
    use TraceKind::*;
    let zh = lang == Lang::Zh;
    let n = |i: &usize| name(names, *i).to_string();
    match k {
        Send {
            id, from, to, msg, ..
        } => {
            let id = glossary::bracket(&format!("#{id}"), lang);
            format!("{} → {}  {}  {id}", n(from), n(to), msg.label(names))
        }
        Deliver { id, from, to, msg } => {
            if zh {
                format!("{} 收到 {} 的 {}  （#{id}）", n(to), n(from), msg.kind())
            } else {
                format!(
                    "{} received {} from {}  (#{id})",
                    n(to),
                    msg.kind(),
                    n(from)
                )
            }
        }
        Duplicate { id, of } => {
            if zh {
                format!("网络复制了消息 #{of}（副本 #{id}）")
            } else {
                format!("the network duplicated #{of} (copy #{id})")
            }
        }
        Drop {
            id,
            from,
            to,
            reason,
        } => {
            let why = match (reason, zh) {
                (DropReason::Lost, false) => "lost",
                (DropReason::Partitioned, false) => "partitioned",
                (DropReason::Cut, false) => "link cut",
                (DropReason::Crashed, false) => "receiver is down",
                (DropReason::User, false) => "dropped by hand",
                (DropReason::Lost, true) => "丢失",
                (DropReason::Partitioned, true) => "网络分区",
                (DropReason::Cut, true) => "链路断开",
                (DropReason::Crashed, true) => "接收方已崩溃",
                (DropReason::User, true) => "被手动丢弃",
            };
            if zh {
                format!("消息 #{id}（{} → {}）未送达：{why}", n(from), n(to))
            } else {
                format!("message #{id} {} → {} dropped: {why}", n(from), n(to))
            }
        }
        Hold { id } => {
            if zh {
                format!("消息 #{id} 被扣留")
            } else {
                format!("message #{id} held")
            }
        }
        Release { id } => {
            if zh {
                format!("消息 #{id} 被放行")
            } else {
                format!("message #{id} released")
            }
        }
        TimerFired {
            node, name, how, ..
        } => {
            let timer = name.get(lang);
            match (how, zh) {
                (Firing::Due, false) => format!("{}'s {timer} fired", n(node)),
                (Firing::Due, true) => format!("{} 的{timer}到期", n(node)),
                (Firing::Overdue, false) => format!(
                    "{}'s {timer}, which ran out while it was paused, fires on resume",
                    n(node)
                ),
                (Firing::Overdue, true) => {
                    format!("{} 的{timer}在暂停期间已到期，恢复运行后才触发", n(node))
                }
                (Firing::Forced, false) => format!("{}'s {timer} was forced to fire", n(node)),
                (Firing::Forced, true) => format!("{} 的{timer}被强制触发", n(node)),
            }
        }
        Note { node, note } => note.render(*node, names, lang),
        Client { node, request } => {
            if zh {
                format!(
                    "客户端请求 #{} “{}” 发往 {}",
                    request.id,
                    request.value,
                    n(node)
                )
            } else {
                format!(
                    "client request #{} \"{}\" to {}",
                    request.id,
                    request.value,
                    n(node)
                )
            }
        }
        Reply { node, reply } => super::reply::reply_text(
            *node,
            reply,
            &n,
            lang,
            P::BUILT_IN == Some(crate::core::ProtocolKind::Paxos),
        ),
        Crash { node } => {
            if zh {
                format!("{} 崩溃（易失状态丢失）", n(node))
            } else {
                format!("{} crashed (volatile state lost)", n(node))
            }
        }
        Restart { node } => {
            if zh {
                format!("{} 重启，从持久状态恢复", n(node))
            } else {
                format!("{} restarted from its durable state", n(node))
            }
        }
        Pause { node } => {
            if zh {
                format!("{} 被暂停（SIGSTOP）", n(node))
            } else {
                format!("{} paused (SIGSTOP)", n(node))
            }
        }
        Resume { node } => {
            if zh {
                format!("{} 恢复运行（SIGCONT）", n(node))
            } else {
                format!("{} resumed (SIGCONT)", n(node))
            }
        }
        Partition { groups } => {
            let g: Vec<String> = groups
                .iter()
                .map(|g| glossary::list(&g.iter().map(n).collect::<Vec<_>>(), lang))
                .collect();
            if zh {
                format!("网络分区：{{{}}}", g.join("} | {"))
            } else {
                format!("partition: {{{}}}", g.join("} | {"))
            }
        }
        Cut { from, to } => {
            if zh {
                format!("切断链路 {} → {}", n(from), n(to))
            } else {
                format!("link {} → {} cut", n(from), n(to))
            }
        }
        Restore { from, to } => {
            if zh {
                format!("恢复链路 {} → {}", n(from), n(to))
            } else {
                format!("link {} → {} restored", n(from), n(to))
            }
        }
        Heal => {
            if zh {
                "网络恢复：所有分区和断链已修复".to_string()
            } else {
                "network healed: all partitions and cuts removed".to_string()
            }
        }
        Network { change } => {
            let pct = |p: &f64| Fixed(p * 100.0, 0);
            match (change, zh) {
                (NetChange::Loss(p), false) => format!("network: loss {}%", pct(p)),
                (NetChange::Loss(p), true) => format!("网络设置：丢包率 {}%", pct(p)),
                (NetChange::Duplicate(p), false) => format!("network: duplication {}%", pct(p)),
                (NetChange::Duplicate(p), true) => format!("网络设置：重复率 {}%", pct(p)),
                (NetChange::Reorder(p), false) => format!("network: reordering {}%", pct(p)),
                (NetChange::Reorder(p), true) => format!("网络设置：乱序率 {}%", pct(p)),
                (NetChange::Latency { min, max }, false) => {
                    format!("network: latency {}..{}", fmt_time(*min), fmt_time(*max))
                }
                (NetChange::Latency { min, max }, true) => {
                    format!("网络设置：延迟 {} 至 {}", fmt_time(*min), fmt_time(*max))
                }
            }
        }
        Timers { change } => {
            let timers = Term::Timer.get(lang);
            match (change, zh) {
                (TimersChange::Spread { gap }, false) => {
                    format!("{timers}: spread {} apart", fmt_time(*gap))
                }
                (TimersChange::Spread { gap }, true) => {
                    format!("{timers}：彼此错开 {}", fmt_time(*gap))
                }
                (TimersChange::Aligned { at }, false) => {
                    format!("{timers}: aligned to fire at {}", fmt_time(*at))
                }
                (TimersChange::Aligned { at }, true) => {
                    format!("{timers}：对齐，都在 {} 到期", fmt_time(*at))
                }
            }
        }
    }
}
