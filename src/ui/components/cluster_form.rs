//! The cluster settings: protocol, number of nodes, seed and options (Raft: PreVote,
//! CheckQuorum, a no-op entry on election; Paxos: Multi-Paxos, randomised backoff). "Start"
//! builds a fresh cluster from them; the same settings always give the same run.

use crate::core::{Lang, ProtocolKind};
use crate::ui::i18n::{t, Key};
use crate::viz::explorer::Msg;
use crate::viz::Spec;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The sizes offered (the issue: 3 to 9 nodes).
pub const SIZES: std::ops::RangeInclusive<usize> = 3..=9;
/// The largest seed the field accepts (exact in a JavaScript number).
const MAX_SEED: u64 = (1 << 53) - 1;

#[derive(Properties, PartialEq)]
pub struct ClusterFormProps {
    /// The running cluster's settings.
    pub spec: Spec,
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

fn target_input(e: &Event) -> Option<web_sys::HtmlInputElement> {
    e.target().and_then(|t| t.dyn_into().ok())
}

#[component]
pub fn ClusterForm(p: &ClusterFormProps) -> Html {
    let lang = p.lang;
    let draft = use_state(|| p.spec.clone());
    {
        let draft = draft.clone();
        use_effect_with(p.spec.clone(), move |spec| draft.set(spec.clone()));
    }
    let edit = |f: fn(&mut Spec, &web_sys::HtmlInputElement)| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = target_input(&e) {
                let mut s = (*draft).clone();
                f(&mut s, &input);
                draft.set(s);
            }
        })
    };
    let on_nodes = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let sel: Option<web_sys::HtmlSelectElement> =
                e.target().and_then(|t| t.dyn_into().ok());
            if let Some(n) = sel.and_then(|s| s.value().parse::<usize>().ok()) {
                let mut s = (*draft).clone();
                s.nodes = n;
                draft.set(s);
            }
        })
    };
    let random_seed = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut s = (*draft).clone();
            s.seed = 1 + (js_sys::Math::random() * 999_999.0) as u64;
            draft.set(s);
        })
    };
    let onsubmit = {
        let (draft, d) = (draft.clone(), p.dispatch.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.emit(Msg::NewCluster((*draft).clone()));
        })
    };
    let s = &*draft;
    let raft = s.protocol == ProtocolKind::Raft;
    let check = |label: Key, hint: Key, on: bool, id: &'static str, f: fn(&mut Spec, bool)| {
        let draft = draft.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(i) = target_input(&e) {
                let mut s = (*draft).clone();
                f(&mut s, i.checked());
                draft.set(s);
            }
        });
        html! {
            <label class="check" title={t(lang, hint)}>
                <input type="checkbox" data-testid={id} checked={on} {onchange} />
                <span>{ t(lang, label) }</span>
            </label>
        }
    };
    html! {
        <form class="cluster-form" data-testid="cluster-form" {onsubmit}>
            <fieldset class="protocol-choice">
                <legend>{ t(lang, Key::Protocol) }</legend>
                <label class="radio">
                    <input type="radio" name="protocol" value={ProtocolKind::Raft.name()} data-testid="protocol-raft"
                           checked={raft}
                           onchange={edit(|s, _| s.protocol = ProtocolKind::Raft)} />
                    <span>{ "Raft" }</span>
                </label>
                <label class="radio">
                    <input type="radio" name="protocol" value={ProtocolKind::Paxos.name()} data-testid="protocol-paxos"
                           checked={!raft}
                           onchange={edit(|s, _| s.protocol = ProtocolKind::Paxos)} />
                    <span>{ "Paxos" }</span>
                </label>
            </fieldset>
            <div class="form-row">
                <label class="field">
                    <span>{ t(lang, Key::NodeCount) }</span>
                    <select data-testid="node-count" onchange={on_nodes}>
                        { for SIZES.map(|k| html! {
                            <option value={k.to_string()} selected={k == s.nodes}>{ k }</option>
                        }) }
                    </select>
                </label>
                <label class="field seed">
                    <span>{ t(lang, Key::Seed) }</span>
                    <input type="number" data-testid="seed" min="0" max={MAX_SEED.to_string()}
                           step="1" value={s.seed.to_string()}
                           onchange={edit(|s, i| {
                               if let Ok(v) = i.value().trim().parse::<u64>() {
                                   s.seed = v.min(MAX_SEED);
                               }
                           })} />
                </label>
                <button type="button" class="text-button small" data-testid="random-seed"
                        aria-label={t(lang, Key::RandomSeed)} title={t(lang, Key::RandomSeed)}
                        onclick={random_seed}>{ t(lang, Key::RandomShort) }</button>
            </div>
            <fieldset class="options">
                <legend>{ t(lang, Key::Options) }</legend>
                if raft {
                    { check(Key::PreVote, Key::PreVoteHint, s.pre_vote, "opt-prevote", |s, v| s.pre_vote = v) }
                    { check(Key::CheckQuorum, Key::CheckQuorumHint, s.check_quorum, "opt-checkquorum", |s, v| s.check_quorum = v) }
                    { check(Key::Noop, Key::NoopHint, s.noop, "opt-noop", |s, v| s.noop = v) }
                } else {
                    { check(Key::MultiPaxos, Key::MultiPaxosHint, s.multi, "opt-multi", |s, v| s.multi = v) }
                    { check(Key::Backoff, Key::BackoffHint, s.backoff, "opt-backoff", |s, v| s.backoff = v) }
                }
            </fieldset>
            <div class="button-row">
                <button type="submit" class="text-button primary" data-testid="new-cluster">
                    { t(lang, Key::NewCluster) }
                </button>
                <span class="hint">{ t(lang, Key::NewClusterHint) }</span>
            </div>
        </form>
    }
}
