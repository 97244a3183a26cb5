//! The pop-up menus over the ring: a node's (crash, restart, pause, resume, force its
//! timeout, send it a client request) and a link's (cut or restore either direction).

use crate::core::Fixed;
use crate::core::Lang;
use crate::sim::{Action, Status};
use crate::ui::i18n::{t, Key};
use crate::ui::shared::Shared;
use crate::viz::explorer::{Menu, Msg, NodeCmd};
use crate::viz::Scene;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NodeMenuProps {
    pub menu: Menu,
    pub scene: Shared<Scene>,
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

fn item(label: String, testid: &'static str, msgs: Vec<Msg>, d: &Callback<Msg>) -> Html {
    let d = d.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        for m in &msgs {
            d.emit(m.clone());
        }
    });
    html! {
        <button type="button" role="menuitem" class="menu-item" data-testid={testid} {onclick}>
            { label }
        </button>
    }
}

#[component]
pub fn NodeMenu(p: &NodeMenuProps) -> Html {
    let lang = p.lang;
    let d = &p.dispatch;
    let (x, y, title, items) = match &p.menu {
        Menu::Node { node, x, y } => {
            let Some(n) = p.scene.nodes.get(*node) else {
                return Html::default();
            };
            let i = *node;
            let cmd = |c: NodeCmd| vec![Msg::Node(i, c)];
            let mut items = Vec::new();
            if n.status == Status::Crashed {
                items.push(item(
                    t(lang, Key::Restart).into(),
                    "menu-restart",
                    cmd(NodeCmd::Restart),
                    d,
                ));
            } else {
                items.push(item(
                    t(lang, Key::Crash).into(),
                    "menu-crash",
                    cmd(NodeCmd::Crash),
                    d,
                ));
            }
            match n.status {
                Status::Up => items.push(item(
                    t(lang, Key::PauseNode).into(),
                    "menu-pause",
                    cmd(NodeCmd::Pause),
                    d,
                )),
                Status::Paused => items.push(item(
                    t(lang, Key::ResumeNode).into(),
                    "menu-resume",
                    cmd(NodeCmd::Resume),
                    d,
                )),
                Status::Crashed => {}
            }
            if n.status == Status::Up {
                items.push(item(
                    t(lang, Key::ForceTimeout).into(),
                    "menu-timeout",
                    cmd(NodeCmd::Timeout),
                    d,
                ));
            }
            items.push(item(
                t(lang, Key::ClientRequest).into(),
                "menu-client",
                cmd(NodeCmd::Client),
                d,
            ));
            let title = format!("{} · {}", n.name, super::ring::role_text(n, lang));
            (*x, *y, title, items)
        }
        Menu::Link { a, b, x, y } => {
            let (a, b) = (*a, *b);
            let (Some(na), Some(nb)) = (p.scene.nodes.get(a), p.scene.nodes.get(b)) else {
                return Html::default();
            };
            let cut = |f, t| p.scene.cut.contains(&(f, t));
            let close = Msg::CloseMenu;
            let mut items = Vec::new();
            if cut(a, b) && cut(b, a) {
                items.push(item(
                    t(lang, Key::RestoreBoth).into(),
                    "menu-restore-both",
                    vec![Msg::ToggleLink(a, b)],
                    d,
                ));
            } else {
                items.push(item(
                    t(lang, Key::CutBoth).into(),
                    "menu-cut-both",
                    vec![Msg::ToggleLink(a, b)],
                    d,
                ));
            }
            for (f, to, nf, nt) in [(a, b, &na.name, &nb.name), (b, a, &nb.name, &na.name)] {
                let (key, action, id) = if cut(f, to) {
                    (
                        Key::RestoreOneWay,
                        Action::Restore { from: f, to },
                        "menu-restore-one",
                    )
                } else {
                    (Key::CutOneWay, Action::Cut { from: f, to }, "menu-cut-one")
                };
                items.push(item(
                    format!("{} {nf} → {nt}", t(lang, key)),
                    id,
                    vec![Msg::Act(action), close.clone()],
                    d,
                ));
            }
            (*x, *y, format!("{} ↔ {}", na.name, nb.name), items)
        }
    };
    let d = d.clone();
    let onclose = Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        d.emit(Msg::CloseMenu);
    });
    html! {
        <div class="popup-menu" role="menu" aria-label={title.clone()} data-testid="popup-menu"
             style={format!("left: min({}px, calc(100% - 13.5rem)); top: min({}px, calc(100% - 15rem));", Fixed(x + 14.0, 0), Fixed(y + 10.0, 0))}
             onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
            <div class="menu-title">
                <span>{ title }</span>
                <button type="button" class="menu-close" aria-label={t(lang, Key::Close)}
                        onclick={onclose}>{ "×" }</button>
            </div>
            { for items }
        </div>
    }
}
