//! Why two leaders on the ring is not a violation. During a partition (or for a moment after
//! an election) a Raft leader of an old term can still believe it leads while a newer term
//! has its own leader. Election Safety (Figure 3, §5.2) says at most one leader *per term*,
//! not one at a time; the old leader steps down as soon as it sees the higher term in any
//! message (§5.1). The explorer shows [`two_leaders`] under the invariants.

use super::scene::{Badge, NodeView};
use crate::core::Lang;
use crate::glossary::{bracket, list, term_no, Term};
use crate::sim::Status;

/// When the ring shows more than one leader (running or paused, not crashed) and no two of
/// them share a term, the explanation; `None` otherwise (one leader or none, or two in one
/// term, which is a real violation of Election Safety that the checker reports). Raft's
/// nodes only: Paxos has no terms.
#[inline(never)]
pub fn two_leaders(nodes: &[NodeView], lang: Lang) -> Option<String> {
    let leaders: Vec<&NodeView> = nodes
        .iter()
        .filter(|n| n.badge == Badge::Hexagon && n.status != Status::Crashed)
        .collect();
    if leaders.len() < 2 {
        return None;
    }
    // (No sort: a stable sort of these would add kilobytes to the page; n ≤ 9.)
    for (k, a) in leaders.iter().enumerate() {
        if leaders[k + 1..].iter().any(|b| b.term == a.term) {
            return None;
        }
    }
    let newest = leaders.iter().map(|n| n.term).max()?;
    let zh = lang == Lang::Zh;
    let named: Vec<String> = leaders
        .iter()
        .map(|n| {
            let sep = if zh { "" } else { " " };
            format!("{}{sep}{}", n.name, bracket(&term_no(n.term, lang), lang))
        })
        .collect();
    let old: Vec<&str> = leaders
        .iter()
        .filter(|n| n.term < newest)
        .map(|n| n.name.as_str())
        .collect();
    let (all, each) = (list(&named, lang), old.len() > 1);
    let (old, newest) = (list(&old, lang), term_no(newest, lang));
    let (safety, leader, step_down) = (
        Term::ElectionSafety.get(lang),
        Term::Leader.get(lang),
        Term::StepDown.get(lang),
    );
    // (Rule labels such as §5.2 read the same in both languages.)
    Some(if zh {
        format!(
            "{all}都显示为{leader}，但任期不同：这不违反{safety}。{safety}要求每个任期至多一个\
             {leader}（§5.2），而不是同一时刻只有一个。{old}仍以为自己是较旧任期的{leader}；\
             一旦收到带有更高任期（例如{newest}）的消息，它就会{step_down}（§5.1）。"
        )
    } else {
        format!(
            "{all} show as {leader} at once, in different terms: not a violation. {safety} \
             allows at most one {leader} per term (§5.2), not one at a time. {}{old} still \
             believes it leads an older term; it will {step_down} as soon as a message shows \
             it a higher term (§5.1), such as {newest}.",
            if each { "Each of " } else { "" }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: usize, badge: Badge, status: Status, term: u64) -> NodeView {
        NodeView {
            id,
            name: format!("n{}", id + 1),
            status,
            badge,
            role: String::new(),
            role_short: String::new(),
            term,
            term_label: String::new(),
            timer: None,
            votes: Vec::new(),
            denials: Vec::new(),
            accepted: None,
            fields: Vec::new(),
            log: Vec::new(),
            next_index: Vec::new(),
            match_index: Vec::new(),
        }
    }

    #[test]
    fn two_leaders_in_different_terms_are_explained_in_both_languages() {
        let up = Status::Up;
        let nodes = vec![
            node(0, Badge::Hexagon, up, 2),
            node(1, Badge::Circle, up, 2),
            node(2, Badge::Circle, up, 3),
            node(3, Badge::Circle, up, 3),
            node(4, Badge::Hexagon, up, 3),
        ];
        let en = two_leaders(&nodes, Lang::En).expect("two leaders");
        assert!(
            en.starts_with("n1 (term 2), n5 (term 3) show as leader at once"),
            "{en}"
        );
        assert!(en.contains("Election Safety allows at most one leader per term (§5.2)"));
        assert!(en.contains("n1 still believes") && en.contains("(§5.1), such as term 3."));
        let zh = two_leaders(&nodes, Lang::Zh).expect("two leaders");
        assert!(
            zh.starts_with("n1（第 2 任期）、n5（第 3 任期）都显示为领导者"),
            "{zh}"
        );
        assert!(zh.contains("这不违反选举安全") && zh.contains("（§5.2）"));
        assert!(zh.contains("退为跟随者（§5.1）"));
        assert!(!zh.contains("leader") && !zh.contains("term"), "{zh}");
    }

    #[test]
    fn one_leader_a_crashed_one_or_one_term_says_nothing() {
        let up = Status::Up;
        let one = vec![
            node(0, Badge::Hexagon, up, 2),
            node(1, Badge::Circle, up, 3),
        ];
        assert_eq!(two_leaders(&one, Lang::En), None);
        // A crashed leader is drawn crashed, not as a leader.
        let crashed = vec![
            node(0, Badge::Hexagon, Status::Crashed, 2),
            node(1, Badge::Hexagon, up, 3),
        ];
        assert_eq!(two_leaders(&crashed, Lang::En), None);
        // Two leaders of one term would be a real violation: the checker says so.
        let same = vec![
            node(0, Badge::Hexagon, up, 3),
            node(1, Badge::Hexagon, up, 3),
        ];
        assert_eq!(two_leaders(&same, Lang::En), None);
        // A paused old leader still shows as leader.
        let paused = vec![
            node(0, Badge::Hexagon, Status::Paused, 1),
            node(1, Badge::Hexagon, up, 2),
        ];
        assert!(two_leaders(&paused, Lang::En).is_some());
    }
}
