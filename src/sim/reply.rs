//! The feed's line for a client reply: what the client now knows about its request, and no
//! more. Raft says "committed at index i" (§5.3); Paxos says which value was chosen, the
//! client's or another (Paxos Made Simple §2.3), since a proposer may have had to propose
//! someone else's value (P2c); a client that gets no answer does not know the outcome.

use crate::core::{ClientOutcome, ClientReply, Lang, NoAnswer, NodeId};

/// One line, e.g. `the client of request #1 hears from n1: "b" was chosen`. `paxos` picks the verb for a
/// deposed leader's unanswered request ("chosen" rather than "committed").
pub fn reply_text(
    node: NodeId,
    reply: &ClientReply,
    n: &dyn Fn(&usize) -> String,
    lang: Lang,
    paxos: bool,
) -> String {
    let r = reply.request;
    let zh = lang == Lang::Zh;
    let me = n(&node);
    // The node's own note has already said what it decided and why; this line is the
    // client's side: what it hears, and from whom.
    match &reply.outcome {
        ClientOutcome::Committed { index } => {
            if zh {
                format!("请求 #{r} 的客户端收到 {me} 的答复：已在索引 {index} 提交")
            } else {
                format!("the client of request #{r} hears from {me}: committed at index {index}")
            }
        }
        ClientOutcome::Chosen { slot, value } => match (slot, zh) {
            (None, false) => {
                format!("the client of request #{r} hears from {me}: \"{value}\" was chosen")
            }
            (None, true) => format!("请求 #{r} 的客户端收到 {me} 的答复：“{value}” 已被选定"),
            (Some(s), false) => format!(
                "the client of request #{r} hears from {me}: \"{value}\" was chosen in slot {s}"
            ),
            (Some(s), true) => {
                format!("请求 #{r} 的客户端收到 {me} 的答复：“{value}” 已在槽位 {s} 被选定")
            }
        },
        ClientOutcome::Lost {
            slot,
            value,
            chosen,
        } => match (slot, zh) {
            (None, false) => format!(
                "the client of request #{r} hears from {me}: its value \"{value}\" was not chosen, \"{chosen}\" was"
            ),
            (None, true) => format!(
                "请求 #{r} 的客户端收到 {me} 的答复：它的值 “{value}” 未被选定，选定的是 “{chosen}”"
            ),
            (Some(s), false) => format!(
                "the client of request #{r} hears from {me}: its value \"{value}\" was not chosen in slot {s}, \"{chosen}\" was"
            ),
            (Some(s), true) => format!(
                "请求 #{r} 的客户端收到 {me} 的答复：它的值 “{value}” 未在槽位 {s} 被选定，该槽位选定的是 “{chosen}”"
            ),
        },
        ClientOutcome::Redirect { leader: Some(l) } => {
            if zh {
                format!("请求 #{r} 的客户端被 {me} 告知去找领导者 {}", n(l))
            } else {
                format!("the client of request #{r} is told by {me} to try the leader {}", n(l))
            }
        }
        ClientOutcome::Redirect { leader: None } => {
            if zh {
                format!("请求 #{r} 的客户端被 {me} 拒绝：{me} 不知道谁是领导者")
            } else {
                format!("the client of request #{r} is refused by {me}: it knows no leader")
            }
        }
        ClientOutcome::Unknown {
            why: NoAnswer::Down,
        } => {
            if zh {
                format!("发往 {me} 的请求 #{r} 得不到答复：{me} 已崩溃")
            } else {
                format!("request #{r} to {me} got no answer: {me} is down")
            }
        }
        ClientOutcome::Unknown {
            why: NoAnswer::Deposed,
        } => match (paxos, zh) {
            (false, false) => format!(
                "the client of request #{r} gets no answer: {me} lost leadership, so the outcome is unknown (a later leader may still commit it)"
            ),
            (false, true) => format!(
                "请求 #{r} 的客户端得不到答复：{me} 失去了领导地位，结果未知（之后的领导者仍可能提交它）"
            ),
            (true, false) => format!(
                "the client of request #{r} gets no answer: {me} lost leadership, so the outcome is unknown (a later leader may still get it chosen)"
            ),
            (true, true) => format!(
                "请求 #{r} 的客户端得不到答复：{me} 失去了领导地位，结果未知（之后的领导者仍可能让它被选定）"
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(outcome: ClientOutcome, lang: Lang, paxos: bool) -> String {
        let n = |i: &usize| format!("n{}", i + 1);
        let reply = ClientReply {
            request: 1,
            outcome,
        };
        reply_text(0, &reply, &n, lang, paxos)
    }

    #[test]
    fn paxos_never_says_committed_at_index() {
        let won = ClientOutcome::Chosen {
            slot: None,
            value: "b".into(),
        };
        let lost = ClientOutcome::Lost {
            slot: None,
            value: "a".into(),
            chosen: "b".into(),
        };
        assert_eq!(
            line(won, Lang::En, true),
            "the client of request #1 hears from n1: \"b\" was chosen"
        );
        assert_eq!(
            line(lost.clone(), Lang::En, true),
            "the client of request #1 hears from n1: its value \"a\" was not chosen, \"b\" was"
        );
        assert_eq!(
            line(lost, Lang::Zh, true),
            "请求 #1 的客户端收到 n1 的答复：它的值 “a” 未被选定，选定的是 “b”"
        );
    }

    #[test]
    fn a_down_node_does_not_give_up_the_client_gets_no_answer() {
        let down = ClientOutcome::Unknown {
            why: NoAnswer::Down,
        };
        assert_eq!(
            line(down, Lang::En, false),
            "request #1 to n1 got no answer: n1 is down"
        );
    }

    #[test]
    fn raft_commit_names_the_index() {
        assert_eq!(
            line(ClientOutcome::Committed { index: 1 }, Lang::En, false),
            "the client of request #1 hears from n1: committed at index 1"
        );
    }
}
