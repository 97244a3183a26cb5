//! Simplified Chinese text of the Paxos explanations (简体中文), in the glossary's terms:
//! 阶段一/阶段二, 提议, 提案编号, 承诺, 多数派, 槽位, 退为跟随者; full-width brackets and "、".

use super::ballot::Ballot;
use super::note::{ranges, How, IdleReason, PaxosNote, StepDownCause, Why};
use crate::core::{Names, NodeId};

fn nm(names: &Names, i: NodeId) -> String {
    crate::core::name(names, i).to_string()
}

fn list(names: &Names, ids: &[NodeId]) -> String {
    ids.iter()
        .map(|&i| nm(names, i))
        .collect::<Vec<_>>()
        .join("、")
}

fn b_or_nothing(names: &Names, b: Ballot) -> String {
    if b.is_zero() {
        "无".into()
    } else {
        b.named(names)
    }
}

fn in_slot(slot: Option<u64>) -> String {
    slot.map(|s| format!("槽位 {s} 的")).unwrap_or_default()
}

/// "，并回复 Nack 告知对方" when the acceptor says so.
fn nack_zh(nack: bool) -> &'static str {
    if nack {
        "，并回复 Nack 告知对方"
    } else {
        ""
    }
}

impl PaxosNote {
    pub(super) fn chinese(&self, names: &Names) -> String {
        use PaxosNote::*;
        let n = |i: NodeId| nm(names, i);
        // 提案编号带提议者的名字（“1.n1”），与字幕的写法一致。
        let bn = |b: &Ballot| b.named(names);
        match self {
            Restarted {
                promised,
                accepted,
                chosen,
                ballot,
            } => format!(
                "从稳定存储重启：承诺 {}，已接受的提案 {accepted} 个，已知选定的值 {chosen} 个，用过的最高提案编号 {}——这些都在崩溃后保留了下来",
                b_or_nothing(names, *promised),
                b_or_nothing(names, *ballot)
            ),
            RestartedWithoutPromise {
                accepted,
                chosen,
                ballot,
            } => format!(
                "从稳定存储重启，但没有了承诺（见上一条）：已接受的提案 {accepted} 个、已知选定的值 {chosen} 个、用过的最高提案编号 {} 在崩溃后保留了下来",
                b_or_nothing(names, *ballot)
            ),
            ForgotPromiseAndAccepted { promised, accepted } => format!(
                "重启后忘记了它的承诺 {} 和已接受的提案 {accepted} 个——不安全的教学开关",
                b_or_nothing(names, *promised)
            ),
            RestartedWithoutAccepted { chosen, ballot } => format!(
                "重启后只剩已知选定的值 {chosen} 个和用过的最高提案编号 {}（没有承诺，也没有已接受的提案）",
                b_or_nothing(names, *ballot)
            ),
            ForgotPromise { was } => format!(
                "重启后忘记了它的承诺 {}——这是不安全的教学开关：接受者必须把承诺写入稳定存储",
                bn(was)
            ),
            Phase1 {
                ballot,
                from_slot,
                why,
            } => {
                let ballot = bn(ballot);
                match why {
                    Why::Client { request } => format!(
                        "收到请求 #{request}：以提案编号 {ballot} 开始阶段一，向接受者发送 Prepare({ballot})"
                    ),
                    Why::Retry { old } => format!(
                        "提案编号 {} 未能在超时前成功：用更高的提案编号 {ballot} 重新开始阶段一",
                        b_or_nothing(names, *old)
                    ),
                    Why::AfterAbandon { old } => format!(
                        "在放弃提案编号 {} 之后重试：重试计时器到期，于是用更高的提案编号 {ballot} 重新开始阶段一",
                        b_or_nothing(names, *old)
                    ),
                    Why::Election { silent } => {
                        let who = silent
                            .map(|l| format!("领导者 {} 的", n(l)))
                            .unwrap_or_else(|| "任何领导者的".into());
                        format!(
                            "没有收到{who}心跳：以提案编号 {ballot} 竞选领导者，为从槽位 {from_slot} 起的所有槽位发送 Prepare({ballot})（一次阶段一覆盖所有槽位：即隐式承诺请求）"
                        )
                    }
                }
            }
            Queued {
                request,
                value,
                ballot,
            } => match ballot {
                Some(b) => format!(
                    "把请求 #{request} “{value}” 排入队列：它正在以提案编号 {} 进行提案",
                    bn(b)
                ),
                None => format!(
                    "把请求 #{request} “{value}” 排入队列：一有机会（下次重试或成为领导者时）就提议"
                ),
            },
            Phase2 {
                ballot,
                value,
                adopted,
                own,
                promisers,
            } => {
                let ballot = bn(ballot);
                match adopted {
                    Some(b) => {
                        let not_own = match own {
                            Some(o) if o != value => format!("，而不是它自己的 “{o}”"),
                            _ => String::new(),
                        };
                        format!(
                            "已获得多数派（{}）对 {ballot} 的承诺；其中编号最高的已接受提案是 {} = “{value}”，所以它必须提议 “{value}”{not_own}：发送 Accept({ballot}, “{value}”)",
                            list(names, promisers),
                            bn(b)
                        )
                    }
                    None => format!(
                        "已获得多数派（{}）对 {ballot} 的承诺，且它们都未接受过任何提案，所以可以提议自己的值：发送 Accept({ballot}, “{value}”)",
                        list(names, promisers)
                    ),
                }
            }
            NothingToPropose { ballot } => format!(
                "已获得多数派对 {} 的承诺，但没有可提议的值：没有客户端的值，也没有接受者接受过任何提案",
                bn(ballot)
            ),
            BecameLeader {
                ballot,
                promisers,
                from_slot,
                recovered,
                holes,
            } => {
                let mut s = format!(
                    "已获得多数派（{}）对 {} 的承诺：成为从槽位 {from_slot} 起所有槽位的领导者",
                    list(names, promisers),
                    bn(ballot)
                );
                if !recovered.is_empty() {
                    s.push_str(&format!(
                        "；按 P2c 的要求，在槽位 {} 重新提议承诺者接受过的编号最高的提案的值",
                        ranges(recovered)
                    ));
                }
                if !holes.is_empty() {
                    let these = if holes.len() == 1 { "这个" } else { "这些" };
                    s.push_str(&format!(
                        "；槽位 {} 中没有接受过任何值，用空操作填补{these}空洞",
                        ranges(holes)
                    ));
                }
                s.push_str("；之后的新命令将跳过阶段一");
                s
            }
            SkipPhase1 {
                ballot,
                slot,
                request,
                value,
            } => format!(
                "把请求 #{request} “{value}” 放入槽位 {slot}，立即发送 Accept({b})，跳过阶段一：它为 {b} 获得的承诺覆盖所有槽位，也包括这一个",
                b = bn(ballot)
            ),
            Abandoned {
                ballot,
                promised,
                by,
                backoff,
            } => {
                let then = if *backoff {
                    "它先随机退避一段时间；届时若还不知道选定的值，再用更高的提案编号重试"
                } else {
                    "重试计时器到期时，若它还不知道选定的值，就用更高的提案编号重试（重试间隔固定，没有退避）"
                };
                format!(
                    "放弃提案编号 {}：{} 已承诺 {}（回复了 Nack）；{then}",
                    bn(ballot),
                    n(*by),
                    bn(promised)
                )
            }
            SteppedDown {
                ballot,
                higher,
                leader,
                cause,
            } => {
                let (ballot, higher) = (bn(ballot), bn(higher));
                let why = match cause {
                    StepDownCause::Nack { by } => {
                        format!("{} 拒绝了它，因为已承诺 {higher}", n(*by))
                    }
                    StepDownCause::Promised { to } => {
                        format!("它自己的接受者已转而承诺 {} 的提案编号 {higher}", n(*to))
                    }
                    StepDownCause::Heartbeat { from } => {
                        format!("{} 以更高的提案编号 {higher} 担任领导者", n(*from))
                    }
                };
                if *leader {
                    format!("失去了提案编号 {ballot} 的领导权：{why}；它退为跟随者")
                } else {
                    format!("停止以提案编号 {ballot} 竞选领导者：{why}")
                }
            }
            Answered {
                request,
                slot,
                chosen,
                asked,
            } => {
                let at = in_slot(*slot);
                if chosen == asked {
                    format!("答复请求 #{request}：{at}值 “{chosen}” 已被选定")
                } else {
                    format!(
                        "答复请求 #{request}：{at}值已被选定，但它是 “{chosen}”，不是客户端的 “{asked}”"
                    )
                }
            }
            AlreadyChosen {
                request,
                value,
                asked,
            } => {
                let theirs = if value != asked {
                    format!("（不是客户端的 “{asked}”）")
                } else {
                    String::new()
                };
                format!("立即答复请求 #{request}：“{value}” 已被选定{theirs}；并再次告知学习者")
            }
            Redirected {
                request,
                leader,
                to_leader,
            } => match (leader, to_leader) {
                (Some(l), true) => format!("将请求 #{request} 重定向到领导者 {}", n(*l)),
                (Some(l), false) => {
                    format!("不是提议者：将请求 #{request} 重定向到提议者 {}", n(*l))
                }
                (None, _) => format!("无法处理请求 #{request}：它不知道谁是领导者"),
            },
            Resent { ballot, slots } => format!(
                "随心跳为槽位 {} 再次发送 Accept({})，发给还没有回复 Accepted 的接受者：Accept 或它的答复可能丢失了",
                ranges(slots),
                bn(ballot)
            ),
            Dropped { request, slot } => format!(
                "放弃槽位 {slot} 中的请求 #{request}：它已不再是领导者，无法知道之后的领导者是否会在该槽位选定这条命令"
            ),
            TimeoutIgnored { why } => match why {
                IdleReason::Leading => "计时器到期，但它是领导者：无事可做".into(),
                IdleReason::NotProposer => {
                    "计时器到期，但它不是提议者：只有提议者才竞选领导者".into()
                }
                IdleReason::NothingToPropose => {
                    "计时器到期，但它没有要提议的请求，也不是学习者".into()
                }
                IdleReason::AlreadyChosen { value } => {
                    format!("计时器到期，但它已经知道 “{value}” 被选定")
                }
            },
            Promised {
                ballot,
                to,
                previous,
                first,
                count,
                from_slot,
                all_slots,
            } => {
                let before = if previous.is_zero() {
                    "它之前没有做过任何承诺".to_string()
                } else {
                    format!("它之前只承诺过 {}", bn(previous))
                };
                let report = match (count, first) {
                    (0, _) if *all_slots => {
                        format!("它在槽位 {from_slot} 及之后没有接受过任何提案")
                    }
                    (0, _) => "它没有接受过任何提案".to_string(),
                    (1, Some(p)) if !*all_slots => format!(
                        "它报告自己接受过的编号最高的提案：{} = “{}”",
                        bn(&p.ballot),
                        p.value
                    ),
                    (1, Some(p)) => format!(
                        "它报告接受过的提案：槽位 {} 的 {} = “{}”",
                        p.slot,
                        bn(&p.ballot),
                        p.value
                    ),
                    _ => format!(
                        "它报告从槽位 {from_slot} 起 {count} 个槽位中各自接受过的编号最高的提案"
                    ),
                };
                let scope = if *all_slots {
                    format!("，一次覆盖从槽位 {from_slot} 起的所有槽位（隐式承诺）")
                } else {
                    String::new()
                };
                format!("向 {} 承诺 {}{scope}：{before}；{report}", n(*to), bn(ballot))
            }
            RejectedPrepare {
                ballot,
                from,
                promised,
                nack,
            } => format!(
                "忽略了来自 {} 的 Prepare({})：它已承诺 {}{}",
                n(*from),
                bn(ballot),
                bn(promised),
                nack_zh(*nack)
            ),
            Accepted {
                ballot,
                slot,
                value,
                from,
                implicit,
                again,
            } => {
                let ballot = bn(ballot);
                if *again {
                    format!(
                        "再次接受了来自 {} 的{}提案 {ballot} = “{value}”：它早已接受过同一个提案（这是重发的 Accept），所以什么都没有改变",
                        n(*from),
                        in_slot(*slot)
                    )
                } else if *implicit {
                    format!(
                        "接受了来自 {} 的{}提案 {ballot} = “{value}”：它没有承诺过更高的编号；它对 {ballot} 的承诺已覆盖所有槽位，所以这个槽位不需要单独的 Prepare",
                        n(*from),
                        in_slot(*slot)
                    )
                } else {
                    format!(
                        "接受了来自 {} 的{}提案 {ballot} = “{value}”：它没有承诺过更高的编号",
                        n(*from),
                        in_slot(*slot)
                    )
                }
            }
            RejectedAccept {
                ballot,
                slot,
                from,
                promised,
                nack,
            } => format!(
                "忽略了来自 {} 的{}Accept({})：它已承诺 {}{}",
                n(*from),
                slot.map(|s| format!("槽位 {s} 的 ")).unwrap_or_else(|| " ".into()),
                bn(ballot),
                bn(promised),
                nack_zh(*nack)
            ),
            Learned { slot, value, how } => match how {
                How::Accepted { ballot, acceptors } => format!(
                    "得知{}值 “{value}” 已被选定：多数派（{}）在同一提案编号 {} 下接受了它",
                    in_slot(*slot),
                    list(names, acceptors),
                    bn(ballot)
                ),
                How::Told { by } => format!(
                    "从 {} 得知{}值 “{value}” 已被选定",
                    n(*by),
                    in_slot(*slot)
                ),
                How::Read { ballot, acceptors } => format!(
                    "自己运行阶段一，得知 “{value}” 已被选定：多数派（{}）报告在提案编号 {} 下接受了它",
                    list(names, acceptors),
                    bn(ballot)
                ),
            },
            Conflict { slot, known, other } => format!(
                "被告知{}值 “{other}” 已被选定，但它已得知的是 “{known}”——选定了两个不同的值，安全性被破坏",
                in_slot(*slot)
            ),
            ReadStarted { ballot } => format!(
                "没有要提议的值，但想知道选定的值：自己以提案编号 {} 运行阶段一（之后不会发送 Accept）",
                bn(ballot)
            ),
            ReadNothing { ballot, replied } => format!(
                "以提案编号 {} 读取：多数派（{}）都没有接受过任何提案，所以还没有值被选定",
                bn(ballot),
                list(names, replied)
            ),
            ReadUnsure { ballot, highest } => match highest {
                Some((b, v)) => format!(
                    "以提案编号 {} 读取：没有多数派报告同一个已接受的编号；最高的是 {} = “{v}”，它可能已被选定，但只有提议者完成阶段二才能确定",
                    bn(ballot),
                    bn(b)
                ),
                None => format!("以提案编号 {} 读取：收到的答复无法确定结果", bn(ballot)),
            },
            ReadFailed {
                ballot,
                promised,
                by,
            } => format!(
                "以提案编号 {} 的读取被 {} 拒绝（它已承诺 {}）；可在下次超时时再试",
                bn(ballot),
                n(*by),
                bn(promised)
            ),
            FollowLeader { leader, ballot } => {
                format!("跟随 {}，即提案编号 {} 的领导者", n(*leader), bn(ballot))
            }
            StaleHeartbeat {
                from,
                ballot,
                known,
                nack,
            } => format!(
                "忽略了 {} 以提案编号 {} 发来的心跳：它已见过更新的编号 {}{}",
                n(*from),
                bn(ballot),
                bn(known),
                nack_zh(*nack)
            ),
            CatchUpSent {
                to,
                from_slot,
                count,
            } => format!(
                "把它所知的从槽位 {from_slot} 起的 {count} 个已选定的值发给 {}，帮助其追上进度",
                n(*to)
            ),
            Stale {
                from,
                kind,
                ballot,
                current,
            } => {
                if *current == Some(*ballot) {
                    format!(
                        "忽略了 {} 迟到的 {kind}（提案编号 {}）：它已经得到所需的答复",
                        n(*from),
                        bn(ballot)
                    )
                } else {
                    format!(
                        "忽略了 {} 的 {kind}（提案编号 {}）：它已放弃该编号（当前编号：{}）",
                        n(*from),
                        bn(ballot),
                        current.map(|b| bn(&b)).unwrap_or_else(|| "无".into())
                    )
                }
            }
        }
    }
}
