//! The cluster as a ring: every node with its role (shape, colour and words), term, and a
//! candidate's votes, and the links between nodes (cut, one-way cut or partitioned), as SVG
//! drawn from the [`Scene`] (they change only with events); over it, on a canvas painted
//! every frame from the [`crate::viz::Motion`] (see [`super::ring_paint`]), each node's
//! election timer (an arc that runs down) and every message in flight, placed by its
//! progress in virtual time. Colour (Okabe–Ito) and shape both carry the role, the message
//! type and its outcome. Clicks become messages for the app: a node opens its menu, a link
//! is cut or restored, a message (picked by where it is drawn) is shown in the inspector
//! (whose Drop button drops it); hovering a message shows it there too.
//!
//! DOM contract: `svg[data-testid=ring-svg]`; `g.node[data-node][data-role][data-status]`;
//! `g.link[data-link="n1-n2"][data-cut]`; `canvas[data-testid=ring-motion]` with
//! `data-messages` (how many are drawn) and `data-hovered` (the message under the pointer).

use super::canvas::observe_size;
use super::pen::{Pen, Surface};
use super::ring_paint::{self, lane, node_radius, pos, RingView, Sprites, SIZE};
use crate::core::Fixed;
use crate::core::{Lang, NodeId};
use crate::sim::{Action, Status};
use crate::ui::i18n::{t, Key};
use crate::ui::motion_bus::{use_painter, MotionBus, Painter};
use crate::ui::shared::Shared;
use crate::viz::explorer::{role_slug, status_slug, Menu, Msg};
use crate::viz::scene::{Badge, NodeView};
use crate::viz::trig::sin_cos;
use crate::viz::{Motion, Scene};
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Okabe–Ito colours of the node roles.
pub fn role_colour(n: &NodeView) -> &'static str {
    if n.status == Status::Crashed {
        return "#8c8c8c";
    }
    match n.badge {
        Badge::Hexagon => "#009E73",
        Badge::Diamond => "#E69F00",
        Badge::DiamondAlt => "#E69F00",
        Badge::Square => "#009E73",
        Badge::Circle => "#0072B2",
        Badge::CircleAlt => "#56B4E9",
    }
}

fn f(x: f64) -> String {
    Fixed(x, 1).to_string()
}

/// The outline of a node of radius `r` centred at the origin, by its role.
fn body(shape: Badge, r: f64, class: &'static str) -> Html {
    match shape {
        Badge::Hexagon => {
            // A hexagon.
            let pts: Vec<String> = (0..6)
                .map(|k| {
                    let (sin, cos) = sin_cos(std::f64::consts::TAU * k as f64 / 6.0);
                    format!("{},{}", f(1.12 * r * cos), f(1.12 * r * sin))
                })
                .collect();
            html! { <polygon class={class} points={pts.join(" ")} /> }
        }
        Badge::Diamond | Badge::DiamondAlt => {
            let d = r * 1.3;
            html! {
                <polygon class={class}
                    points={format!("0,{} {},0 0,{} {},0", f(-d), f(d), f(d), f(-d))} />
            }
        }
        Badge::Square => {
            let s = r * 0.92;
            html! {
                <rect class={class} x={f(-s)} y={f(-s)} width={f(2.0 * s)} height={f(2.0 * s)}
                      rx="8" />
            }
        }
        Badge::Circle | Badge::CircleAlt => html! { <circle class={class} r={f(r)} /> },
    }
}

/// What the node is doing, in the interface language (from the scene: a Raft role, a Paxos
/// proposer's phase), or that it is crashed.
pub fn role_text(n: &NodeView, lang: Lang) -> String {
    if n.status == Status::Crashed {
        return t(lang, Key::Crashed).to_string();
    }
    n.role.clone()
}

/// [`role_text`] as the ring writes it inside a node, where a long phase name would overflow
/// the square and the diamond (the legend beside the ring gives it in full).
fn ring_role_text(n: &NodeView, lang: Lang) -> String {
    if n.status == Status::Crashed {
        return role_text(n, lang);
    }
    n.role_short.clone()
}

#[derive(Properties, PartialEq)]
pub struct RingProps {
    pub scene: Shared<Scene>,
    /// Where the messages and timers come from, every frame.
    pub bus: MotionBus,
    pub lang: Lang,
    #[prop_or_default]
    pub selected: Option<NodeId>,
    /// The message shown in the inspector (highlighted).
    #[prop_or_default]
    pub inspected: Option<u64>,
    /// The app's update path. A click (or right-click, or Enter) on a node opens its menu;
    /// a click on a link cuts or restores it, a right-click opens its menu (one-way cuts);
    /// hovering a message shows it in the inspector, a click keeps it there.
    pub dispatch: Callback<Msg>,
    /// Drawn over the ring (the pop-up menus).
    #[prop_or_default]
    pub children: Html,
}

/// Where a mouse event happened, in px from `el`'s top-left corner.
fn offset_in(el: &NodeRef, e: &MouseEvent) -> (f64, f64) {
    match el.cast::<web_sys::Element>() {
        Some(b) => {
            let r = b.get_bounding_client_rect();
            (
                e.client_x() as f64 - r.left(),
                e.client_y() as f64 - r.top(),
            )
        }
        None => (e.offset_x() as f64, e.offset_y() as f64),
    }
}

/// Where a mouse event happened in the ring's user units (the SVG fits its box, centred).
fn user_point(svg: &NodeRef, e: &MouseEvent) -> Option<(f64, f64)> {
    let r = svg.cast::<web_sys::Element>()?.get_bounding_client_rect();
    let side = r.width().min(r.height());
    if side <= 0.0 {
        return None;
    }
    let k = SIZE / side;
    Some((
        (e.client_x() as f64 - r.left() - (r.width() - side) / 2.0) * k,
        (e.client_y() as f64 - r.top() - (r.height() - side) / 2.0) * k,
    ))
}

/// The painter's state: what to draw besides the motion, and the canvas's scale. The scale
/// comes from a `ResizeObserver`, which reports the canvas's size after layout: a painter
/// that read the layout itself would force one in the middle of the frame.
struct Paint {
    view: RingView,
    scale: f64,
    /// The canvas, handed over to the pen when first painted.
    surface: Option<Surface>,
    /// The message glyphs at the current scale, drawn when first needed.
    sprites: Option<Sprites>,
}

/// The message under the pointer of event `e`, if any.
fn picked(bus: &MotionBus, svg: &NodeRef, n: usize, e: &MouseEvent) -> Option<u64> {
    let (x, y) = user_point(svg, e)?;
    ring_paint::pick(&bus.current(), n, x, y)
}

#[component]
pub fn Ring(props: &RingProps) -> Html {
    let lang = props.lang;
    let scene = &props.scene;
    let n = scene.nodes.len();
    let r = node_radius(n);
    let boxref = use_node_ref();
    let svgref = use_node_ref();
    let canvas = use_node_ref();

    // The canvas: painted on every frame through the bus, and after every render.
    let paint = use_mut_ref(|| Paint {
        view: RingView::default(),
        scale: 1.0,
        surface: None,
        sprites: None,
    });
    {
        let mut p = paint.borrow_mut();
        p.view = RingView {
            n,
            nodes: scene.nodes.iter().map(|v| (v.badge, v.status)).collect(),
            inspected: props.inspected,
        };
    }
    let painter: Painter = {
        let (paint, canvas) = (paint.clone(), canvas.clone());
        Rc::new(move |motion: &Motion| {
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            let mut p = paint.borrow_mut();
            let p = &mut *p;
            let mut pen = Pen::default();
            let scale = p.scale;
            let sprites = match &p.sprites {
                Some(s) if s.scale() == scale => s,
                _ => p.sprites.insert(Sprites::new(&mut pen, scale)),
            };
            let (surface, _) = Surface::of(&mut p.surface, &c);
            let px = (SIZE * scale).round() as u32;
            pen.size(surface, px, px);
            ring_paint::paint(&mut pen, surface, &p.view, motion, sprites);
            pen.send();
            let n = p.view.n;
            let shown = motion
                .messages
                .iter()
                .filter(|m| m.from < n && m.to < n)
                .count();
            let _ = c.set_attribute("data-messages", &shown.to_string());
        })
    };
    use_painter(&props.bus, painter.clone());
    {
        // A new size of the canvas (the window or the layout changed): a new resolution,
        // drawn at once (resizing a canvas clears it).
        let (paint, canvas, bus) = (paint.clone(), canvas.clone(), props.bus.clone());
        let painter = painter.clone();
        use_effect_with((), move |_| {
            let observer = canvas.cast::<web_sys::Element>().and_then(|el| {
                observe_size(&el, move |side| {
                    let scale = ring_paint::scale_for(side.max(1.0));
                    if scale != paint.borrow().scale {
                        paint.borrow_mut().scale = scale;
                        painter(&bus.current());
                    }
                })
            });
            move || drop(observer)
        });
    }
    // Hovering a message shows it; the pointer says it can be clicked.
    let hovered = use_mut_ref(|| None::<u64>);
    let onmousemove = {
        let (bus, svg, d, hovered, canvas) = (
            props.bus.clone(),
            svgref.clone(),
            props.dispatch.clone(),
            hovered.clone(),
            canvas.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            let id = picked(&bus, &svg, n, &e);
            if *hovered.borrow() != id {
                *hovered.borrow_mut() = id;
                if let Some(el) = svg.cast::<web_sys::Element>() {
                    let _ = match id {
                        Some(_) => el.set_attribute("data-over-message", ""),
                        None => el.remove_attribute("data-over-message"),
                    };
                }
                if let Some(c) = canvas.cast::<web_sys::Element>() {
                    let v = id.map(|i| i.to_string()).unwrap_or_default();
                    let _ = c.set_attribute("data-hovered", &v);
                }
                d.emit(Msg::HoverMessage(id));
            }
        })
    };
    let onmouseleave = {
        let (d, hovered) = (props.dispatch.clone(), hovered.clone());
        Callback::from(move |_: MouseEvent| {
            if hovered.borrow_mut().take().is_some() {
                d.emit(Msg::HoverMessage(None));
            }
        })
    };

    let names: Rc<Vec<String>> = use_memo(
        scene
            .nodes
            .iter()
            .map(|x| x.name.clone())
            .collect::<Vec<_>>(),
        |v| v.clone(),
    );
    let nodes = scene.nodes.iter().map(|node| {
        html! {
            <NodeGlyph key={node.id} node={node.clone()} n={n} r={r} lang={lang}
                       selected={props.selected == Some(node.id)}
                       group={group_of(&scene.groups, node.id)}
                       dispatch={props.dispatch.clone()} boxref={boxref.clone()} />
        }
    });

    // A click on a message shows it in the inspector (dropping it is the inspector's
    // explicit Drop); anywhere else on the ring (not a node or a link) it closes the menu.
    let onclick = {
        let (bus, svg, d) = (props.bus.clone(), svgref.clone(), props.dispatch.clone());
        Callback::from(move |e: MouseEvent| match picked(&bus, &svg, n, &e) {
            Some(id) => d.emit(Msg::PinMessage(Some(id))),
            None => d.emit(Msg::CloseMenu),
        })
    };
    // RaftScope's T and A: re-arm every timeout timer well apart, or all at once.
    let tool = |a: Action| {
        let d = props.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            d.emit(Msg::Act(a.clone()))
        })
    };
    let leader = scene
        .nodes
        .iter()
        .find(|x| x.badge == Badge::Hexagon && x.status == Status::Up)
        .map(|x| x.name.clone());
    let aria = match &leader {
        Some(l) => format!("{} {}: {l}", t(lang, Key::RingAria), t(lang, Key::Leader)),
        None => t(lang, Key::RingAria).to_string(),
    };
    html! {
        <div class="ring-box" ref={boxref.clone()}>
            <svg class="ring" ref={svgref.clone()} viewBox={format!("0 0 {} {}", Fixed(SIZE, 0), Fixed(SIZE, 0))} role="group" aria-label={aria}
                 preserveAspectRatio="xMidYMid meet"
                 data-testid="ring-svg" data-nodes={n.to_string()}
                 data-protocol={scene.protocol.name()} {onclick} {onmousemove} {onmouseleave}>
                <defs>
                    <marker id="cut-arrow" viewBox="0 0 10 10" refX="9" refY="5"
                            markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" fill="#D55E00" />
                    </marker>
                    <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse"
                             patternTransform="rotate(45)">
                        <line x1="0" y1="0" x2="0" y2="6" stroke="#b0b0b0" stroke-width="2" />
                    </pattern>
                </defs>
                <Links n={n} names={names} groups={scene.groups.clone()} cut={scene.cut.clone()}
                       r={r} lang={lang} dispatch={props.dispatch.clone()} boxref={boxref.clone()}
                       bus={props.bus.clone()} svg={svgref.clone()} />
                // The type inside the nodes shrinks with them (7 to 9 nodes), never below 0.8.
                <g class="nodes" style={format!("--k: {}", Fixed((r / 56.0).clamp(0.8, 1.0), 3))}>
                    { for nodes }
                </g>
            </svg>
            <canvas ref={canvas} class="ring-motion" data-testid="ring-motion" aria-hidden="true" />
            <div class="ring-tools" role="group" aria-label={t(lang, Key::TimersGroup)}>
                <button type="button" class="text-button small" data-testid="spread-timers"
                        title={format!("{} (T)", t(lang, Key::SpreadHint))}
                        onclick={tool(Action::SpreadTimers)}>
                    { t(lang, Key::SpreadTimers) }
                </button>
                <button type="button" class="text-button small" data-testid="align-timers"
                        title={format!("{} (A)", t(lang, Key::AlignHint))}
                        onclick={tool(Action::AlignTimers)}>
                    { t(lang, Key::AlignTimers) }
                </button>
            </div>
            { props.children.clone() }
        </div>
    }
}

/// The partition group of node `i` (0 when the network is whole).
fn group_of(groups: &[Vec<NodeId>], i: NodeId) -> usize {
    if groups.len() <= 1 {
        return 0;
    }
    groups
        .iter()
        .position(|g| g.contains(&i))
        .map_or(0, |k| k + 1)
}

#[derive(Properties)]
struct NodeGlyphProps {
    node: NodeView,
    n: usize,
    r: f64,
    lang: Lang,
    selected: bool,
    /// 1-based partition group, 0 when not partitioned.
    group: usize,
    dispatch: Callback<Msg>,
    boxref: NodeRef,
}

/// Only what the glyph draws is compared: the node's timer, detail fields and log change
/// with most events but are drawn elsewhere (the ring's canvas, the detail card, the logs).
impl PartialEq for NodeGlyphProps {
    fn eq(&self, o: &Self) -> bool {
        let (a, b) = (&self.node, &o.node);
        a.id == b.id
            && a.name == b.name
            && a.status == b.status
            && a.badge == b.badge
            && a.role == b.role
            && a.role_short == b.role_short
            && a.term == b.term
            && a.term_label == b.term_label
            && a.votes == b.votes
            && a.denials == b.denials
            && a.accepted == b.accepted
            && a.timer.is_some() == b.timer.is_some()
            && self.n == o.n
            && self.r == o.r
            && self.lang == o.lang
            && self.selected == o.selected
            && self.group == o.group
            && self.dispatch == o.dispatch
            && self.boxref == o.boxref
    }
}

/// One node. A separate component so that a node whose view did not change (a leader, a
/// paused or crashed node) is not redrawn.
#[component]
fn NodeGlyph(p: &NodeGlyphProps) -> Html {
    let node = &p.node;
    let lang = p.lang;
    let i = node.id;
    let open = move |d: &Callback<Msg>, (x, y): (f64, f64)| {
        d.emit(Msg::OpenMenu(Menu::Node { node: i, x, y }))
    };
    let (d, b) = (p.dispatch.clone(), p.boxref.clone());
    let onclick = Callback::from(move |e: MouseEvent| {
        e.stop_propagation();
        open(&d, offset_in(&b, &e));
    });
    let (d, b) = (p.dispatch.clone(), p.boxref.clone());
    let oncontextmenu = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        e.stop_propagation();
        open(&d, offset_in(&b, &e));
    });
    let (d, b) = (p.dispatch.clone(), p.boxref.clone());
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() != "Enter" {
            return;
        }
        e.prevent_default();
        let target: Option<web_sys::Element> = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok());
        if let (Some(el), Some(bx)) = (target, b.cast::<web_sys::Element>()) {
            let (er, br) = (el.get_bounding_client_rect(), bx.get_bounding_client_rect());
            open(
                &d,
                (
                    er.left() + er.width() / 2.0 - br.left(),
                    er.top() + er.height() / 2.0 - br.top(),
                ),
            );
        }
    });
    let (x, y) = pos(node.id, p.n);
    let r = p.r;
    let colour = role_colour(node);
    let crashed = node.status == Status::Crashed;
    let paused = node.status == Status::Paused;
    let shape = if crashed { Badge::Circle } else { node.badge };
    let role = ring_role_text(node, lang);
    let status_word = match node.status {
        Status::Up => String::new(),
        Status::Paused => format!(" · {}", t(lang, Key::Paused)),
        Status::Crashed => String::new(),
    };
    let label = format!(
        "{}: {}{status_word}, {}. {}",
        node.name,
        role_text(node, lang),
        node.term_label,
        t(lang, Key::NodeHint)
    );
    // A candidate's (or a Paxos proposer's) votes: one dot per node, filled when granted.
    let votes = (!node.votes.is_empty() || !node.denials.is_empty()).then(|| {
        let k = p.n as f64;
        let gap = 17.0;
        let y0 = r * if matches!(shape, Badge::Diamond | Badge::DiamondAlt) {
            1.3
        } else {
            1.0
        } + 32.0;
        let dots = (0..p.n).map(|j| {
            let cx = (j as f64 - (k - 1.0) / 2.0) * gap;
            // The marks are paths, not text: a tick or a cross as large as the dot allows.
            let (class, mark) = if node.votes.contains(&j) {
                ("vote granted", "M-3.6 0.2 L-1 2.8 L3.8 -2.6")
            } else if node.denials.contains(&j) {
                ("vote denied", "M-2.8 -2.8 L2.8 2.8 M-2.8 2.8 L2.8 -2.8")
            } else {
                ("vote pending", "")
            };
            html! {
                <g class={class} transform={format!("translate({},{})", f(cx), f(y0))}>
                    <circle r="7" />
                    if !mark.is_empty() {
                        <path class="vote-mark" d={mark} />
                    }
                </g>
            }
        });
        html! {
            <g class="votes" data-votes={node.votes.len().to_string()}>
                <title>{ format!("{} {}/{}", t(lang, Key::Votes), node.votes.len(), p.n) }</title>
                { for dots }
            </g>
        }
    });
    let below = if let Some((b, v)) = &node.accepted {
        Some(format!("{} {b} = {v}", t(lang, Key::AcceptedShort)))
    } else {
        None
    };
    let below_y = r * 1.42 + 18.0;
    html! {
        <g class={classes!("node", role_slug(node), status_slug(node.status), p.selected.then_some("selected"))}
           transform={format!("translate({},{})", f(x), f(y))}
           data-node={node.name.clone()} data-role={role_slug(node)}
           data-status={status_slug(node.status)} data-term={node.term.to_string()}
           tabindex="0" role="button" aria-label={label.clone()}
           style={format!("--role: {colour}")}
           {onclick} {oncontextmenu} {onkeydown}>
            <title>{ label }</title>
            // The timer's track; the part left runs down on the canvas above.
            if node.timer.is_some() && !crashed {
                <circle class="timer-ring" r={f(ring_paint::timer_radius(shape, r))} />
            }
            if p.selected {
                <circle class="select-ring" r={f(r * 1.45)} />
            }
            { body(shape, r, "node-body") }
            if crashed {
                <g class="crash-mark">
                    <line x1={f(-r * 0.62)} y1={f(-r * 0.62)} x2={f(r * 0.62)} y2={f(r * 0.62)} />
                    <line x1={f(r * 0.62)} y1={f(-r * 0.62)} x2={f(-r * 0.62)} y2={f(r * 0.62)} />
                </g>
            }
            if paused {
                <g class="pause-mark" transform={format!("translate({},{})", f(r * 0.78), f(-r * 0.78))}>
                    <circle r="11" />
                    <rect x="-5" y="-5.5" width="3.4" height="11" />
                    <rect x="1.6" y="-5.5" width="3.4" height="11" />
                </g>
            }
            if p.group > 0 {
                <g class={classes!("group-badge", format!("g{}", p.group))}
                   transform={format!("translate({},{})", f(-r * 0.8), f(-r * 0.8))}>
                    <circle r="13" />
                    <text y="6.5">{ group_letter(p.group) }</text>
                </g>
            }
            <text class="node-name" y={f(-r * 0.2)}>{ &node.name }</text>
            <text class="node-role" y={f(r * 0.2)}>{ role }</text>
            <text class="node-term" y={f(r * 0.54)}>{ &node.term_label }</text>
            if let Some(b) = below {
                <text class="node-below" y={f(below_y)}>{ b }</text>
            }
            { votes }
        </g>
    }
}

/// The letter of partition group `g` (1-based): A, B, C, …
pub fn group_letter(g: usize) -> String {
    char::from(b'A' + ((g.max(1) - 1) % 26) as u8).to_string()
}

#[derive(Properties, PartialEq)]
struct LinksProps {
    n: usize,
    names: Rc<Vec<String>>,
    groups: Vec<Vec<NodeId>>,
    cut: Vec<(NodeId, NodeId)>,
    r: f64,
    lang: Lang,
    dispatch: Callback<Msg>,
    boxref: NodeRef,
    /// For a click on a message drawn over a link: the message is shown, the link stays.
    bus: MotionBus,
    svg: NodeRef,
}

/// Every link of the cluster: redrawn only when the topology changes.
#[component]
fn Links(p: &LinksProps) -> Html {
    let n = p.n;
    let lang = p.lang;
    let group = |i: NodeId| p.groups.iter().position(|g| g.contains(&i));
    let mut out = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let split = p.groups.len() > 1 && group(a) != group(b);
            let ab = p.cut.contains(&(a, b));
            let ba = p.cut.contains(&(b, a));
            let (na, nb) = (&p.names[a], &p.names[b]);
            let state = if split {
                "partition".to_string()
            } else {
                match (ab, ba) {
                    (true, true) => "both".to_string(),
                    (true, false) => format!("{na}>{nb}"),
                    (false, true) => format!("{nb}>{na}"),
                    (false, false) => "none".to_string(),
                }
            };
            let ((x0, y0), (x1, y1)) = lane(a, b, n, p.r, 0.0);
            let hint = format!(
                "{na} ↔ {nb}: {}",
                t(
                    lang,
                    if ab && ba {
                        Key::LinkHintRestore
                    } else {
                        Key::LinkHintCut
                    }
                )
            );
            let (d, bus, svg) = (p.dispatch.clone(), p.bus.clone(), p.svg.clone());
            let onclick = Callback::from(move |e: MouseEvent| {
                // A message drawn over the link takes the click (the ring shows it).
                if picked(&bus, &svg, n, &e).is_some() {
                    return;
                }
                e.stop_propagation();
                d.emit(Msg::ToggleLink(a, b));
            });
            let (d, bx) = (p.dispatch.clone(), p.boxref.clone());
            let oncontextmenu = Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                e.stop_propagation();
                let (x, y) = offset_in(&bx, &e);
                d.emit(Msg::OpenMenu(Menu::Link { a, b, x, y }));
            });
            let line = |class: &'static str, (x0, y0): (f64, f64), (x1, y1): (f64, f64)| {
                html! { <line class={class} x1={f(x0)} y1={f(y0)} x2={f(x1)} y2={f(y1)} /> }
            };
            // A one-way cut: the blocked direction's lane, with an arrow toward the node
            // that no longer hears the other.
            let one_way = |from: NodeId, to: NodeId| {
                let (s, e) = lane(from, to, n, p.r, 6.0);
                html! {
                    <line class="lane-cut" x1={f(s.0)} y1={f(s.1)} x2={f(e.0)} y2={f(e.1)}
                          marker-end="url(#cut-arrow)" />
                }
            };
            let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
            out.push(html! {
                <g key={format!("{a}-{b}")} class={classes!("link", format!("link-{}", if split { "partition" } else if ab && ba { "cut" } else if ab || ba { "oneway" } else { "ok" }))}
                   data-link={format!("{na}-{nb}")} data-cut={state}
                   {onclick} {oncontextmenu}>
                    <title>{ hint }</title>
                    { line("link-line", (x0, y0), (x1, y1)) }
                    if !split && ab != ba {
                        if ab { { one_way(a, b) } } else { { one_way(b, a) } }
                    }
                    if !split && ab && ba {
                        <text class="link-scissors" x={f(mx)} y={f(my + 5.0)}>{ "✂" }</text>
                    }
                    { line("link-hit", (x0, y0), (x1, y1)) }
                </g>
            });
        }
    }
    html! { <g class="links">{ for out }</g> }
}
