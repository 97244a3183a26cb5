//! The partition editor: put each node into group A, B or C and apply; nodes in different
//! groups cannot reach each other. "Heal" removes every partition and cut link.

use crate::core::{Lang, NodeId};
use crate::sim::Action;
use crate::ui::i18n::{t, Key};
use crate::viz::explorer::Msg;
use yew::prelude::*;

/// How many groups the editor offers.
const GROUPS: usize = 3;

#[derive(Properties, PartialEq)]
pub struct PartitionProps {
    pub names: std::rc::Rc<Vec<String>>,
    /// The groups now (one group = no partition).
    pub groups: Vec<Vec<NodeId>>,
    /// How many one-way links are cut.
    pub cut_links: usize,
    pub leader: Option<NodeId>,
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

/// Each node's group (0-based) in `groups`, capped to the editor's groups.
fn assignment(groups: &[Vec<NodeId>], n: usize) -> Vec<usize> {
    let mut a = vec![0; n];
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            if i < n {
                a[i] = g.min(GROUPS - 1);
            }
        }
    }
    a
}

/// The action for an assignment: a partition, or healing when everyone is together.
fn action_for(a: &[usize]) -> Action {
    let groups: Vec<Vec<NodeId>> = (0..GROUPS)
        .map(|g| (0..a.len()).filter(|&i| a[i] == g).collect::<Vec<_>>())
        .filter(|g| !g.is_empty())
        .collect();
    if groups.len() <= 1 {
        Action::Heal
    } else {
        Action::Partition(groups)
    }
}

#[component]
pub fn Partition(p: &PartitionProps) -> Html {
    let lang = p.lang;
    let n = p.names.len();
    let draft = use_state(|| assignment(&p.groups, n));
    {
        // A change from elsewhere (keyboard, a link click, a new cluster) resets the draft.
        let draft = draft.clone();
        use_effect_with((p.groups.clone(), n), move |(groups, n)| {
            draft.set(assignment(groups, *n));
        });
    }
    let rows = (0..n).map(|i| {
        let buttons = (0..GROUPS).map(|g| {
            let on = draft.get(i) == Some(&g);
            let draft = draft.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                let mut a = (*draft).clone();
                if i < a.len() {
                    a[i] = g;
                }
                draft.set(a);
            });
            let letter = super::ring::group_letter(g + 1);
            html! {
                <button type="button" class={classes!("group-button", format!("g{}", g + 1), on.then_some("on"))}
                        aria-pressed={on.to_string()}
                        aria-label={format!("{} {} {letter}", p.names[i], t(lang, Key::InGroup))}
                        data-testid={format!("group-{}-{}", p.names[i], letter)} {onclick}>
                    { letter }
                </button>
            }
        });
        html! {
            <div class="partition-row">
                <span class="partition-name">{ &p.names[i] }</span>
                { for buttons }
            </div>
        }
    });
    let d = p.dispatch.clone();
    let a = (*draft).clone();
    let apply = Callback::from(move |_: MouseEvent| d.emit(Msg::Act(action_for(&a))));
    let d = p.dispatch.clone();
    let heal = Callback::from(move |_: MouseEvent| d.emit(Msg::Act(Action::Heal)));
    let preset = |a: Vec<usize>| {
        let d = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(Msg::Act(action_for(&a))))
    };
    let isolate_leader = p
        .leader
        .map(|l| preset((0..n).map(|i| usize::from(i == l)).collect()));
    let split = preset((0..n).map(|i| usize::from(i >= n.div_ceil(2))).collect());
    let partitioned = p.groups.len() > 1;
    html! {
        <div class="partition" data-testid="partition">
            <p class="hint">{ t(lang, Key::PartitionHint) }</p>
            <div class="partition-grid">{ for rows }</div>
            <div class="button-row">
                <button type="button" class="text-button primary" data-testid="apply-partition"
                        onclick={apply}>{ t(lang, Key::ApplyPartition) }</button>
                <button type="button" class="text-button" data-testid="heal"
                        disabled={!partitioned && p.cut_links == 0}
                        title={format!("{} (H)", t(lang, Key::HealHint))}
                        onclick={heal}>{ t(lang, Key::Heal) }</button>
            </div>
            <div class="button-row presets">
                <span class="preset-label">{ t(lang, Key::Presets) }</span>
                <button type="button" class="text-button small" data-testid="isolate-leader"
                        disabled={isolate_leader.is_none()}
                        onclick={isolate_leader.unwrap_or_default()}>{ t(lang, Key::IsolateLeader) }</button>
                <button type="button" class="text-button small" data-testid="split-halves"
                        onclick={split}>{ t(lang, Key::SplitHalves) }</button>
            </div>
            <p class="hint">{ t(lang, Key::LinkHint) }</p>
        </div>
    }
}
