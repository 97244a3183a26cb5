//! Human-readable lines for trace events, shared by the CLI timeline, failure reports and the
//! UI's event feed.

use super::trace::{DropReason, TraceEvent, TraceKind};
use crate::core::{fmt_time, Describe, Explain, Lang, Names, Protocol};

fn name(names: &Names, i: usize) -> &str {
    names.get(i).map(String::as_str).unwrap_or("?")
}

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
        } => format!("{} → {}  {}  (#{id})", n(from), n(to), msg.label(names)),
        Deliver { id, from, to, msg } => {
            if zh {
                format!("{} 收到 {} 的 {}  (#{id})", n(to), n(from), msg.kind())
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
                (DropReason::Partitioned, false) => "link cut",
                (DropReason::Crashed, false) => "receiver is down",
                (DropReason::User, false) => "dropped by hand",
                (DropReason::Lost, true) => "丢失",
                (DropReason::Partitioned, true) => "链路断开",
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
        TimerFired { node, timer } => {
            if zh {
                format!("{} 的 {:?} 计时器到期", n(node), timer)
            } else {
                format!("{}'s {:?} timer fired", n(node), timer)
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
        Reply { node, reply } => {
            super::reply::reply_text(*node, reply, &n, lang, P::NAME == "paxos")
        }
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
                .map(|g| g.iter().map(n).collect::<Vec<_>>().join(","))
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
        Network { summary } => {
            if zh {
                format!("网络设置：{summary}")
            } else {
                format!("network: {summary}")
            }
        }
        Timers { summary } => {
            if zh {
                format!("计时器：{summary}")
            } else {
                format!("timers: {summary}")
            }
        }
    }
}
