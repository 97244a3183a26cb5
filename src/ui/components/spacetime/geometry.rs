//! The diagram's geometry and styles: where lifelines and arrows go, in the drawing's user
//! units (the SVG's viewBox; the canvases scale them), and the colour and dash of each
//! kind and outcome. No browser API here.

use crate::core::Time;
use crate::viz::scene::Arrow;

/// The drawing's width in user units; the height grows with the number of nodes. About
/// the diagram's width in CSS px at 1280x800 (460 px), so that its type (13 units) is 12 px
/// or more there.
pub const W: f64 = 480.0;
/// Where the plot starts (left of it: the node names) and ends (the current-time line).
pub const X0: f64 = 44.0;
pub const X1: f64 = W - 14.0;
pub const PLOT_W: f64 = X1 - X0;
/// Space above the first lifeline (the current time) and below the last one (time labels).
pub const TOP: f64 = 20.0;
pub const BOTTOM: f64 = 20.0;
/// The height the lifelines share, and the least and most room one gets.
pub const LANES_H: f64 = 150.0;
pub const ROW_MIN: f64 = 20.0;
pub const ROW_MAX: f64 = 30.0;
/// The size of the type (names, time labels, the current time), in user units.
pub const FONT: f64 = 13.0;
/// The canvas font at that size (a literal: formatting an f64 would add float formatting,
/// some 9 KB of gzipped wasm, to the page).
pub const CANVAS_FONT: &str = "13px system-ui, sans-serif";
/// The longest window (the motion's arrows reach this far back).
pub const WINDOW: Time = crate::viz::timescale::MAX_WINDOW;
/// How near (user units) the pointer must be to an arrow to hover or pick it.
pub const PICK: f64 = 5.0;

/// The Okabe–Ito palette, in the order [`kind_colour_index`] uses.
pub const COLOURS: [&str; 8] = [
    "#E69F00", // orange: Raft elections, Paxos phase 1
    "#CC79A7", // reddish purple: PreVote, catch-up
    "#56B4E9", // sky blue: heartbeats
    "#0072B2", // blue: Raft replication, Paxos phase 2
    "#009E73", // bluish green: Paxos Chosen
    "#D55E00", // vermillion: Paxos Nack
    "#555555", // grey: anything else
    "#8A4B00", // dark orange (brown): votes and promises, the replies to orange requests
];
/// The × of a dropped message.
pub const DROP_COLOUR: &str = "#D55E00";

/// The palette index of a message kind. Requests and their replies share a colour, except
/// a vote (or a promise), which is a darker shade of its request's orange: the two are the
/// election's two halves and must not be mistaken for each other (the shade differs in
/// lightness, so it holds for colour-blind readers and in grey too).
pub fn kind_colour_index(kind: &str) -> usize {
    match kind {
        "Vote" | "Promise" => 7,
        "RequestVote" | "Prepare" => 0,
        "PreVote" | "PreVoteReply" | "CatchUp" => 1,
        "Heartbeat" => 2,
        "AppendEntries" | "AppendEntriesReply" | "Accept" | "Accepted" => 3,
        "Chosen" => 4,
        "Nack" => 5,
        _ => 6,
    }
}

/// The Okabe–Ito colour of a message kind.
pub fn kind_colour(kind: &str) -> &'static str {
    COLOURS[kind_colour_index(kind)]
}

/// The dash pattern of an outcome (user units): solid for requests, long dashes for
/// granted / ok, dots for denied / rejected.
pub fn dash_pattern(outcome: Option<bool>) -> &'static [f64] {
    match outcome {
        None => &[],
        Some(true) => &[7.0, 3.0],
        Some(false) => &[2.0, 2.5],
    }
}

/// The same pattern as an SVG `stroke-dasharray` (for the legend).
pub fn dash_attr(outcome: Option<bool>) -> Option<String> {
    let d = dash_pattern(outcome);
    (!d.is_empty()).then(|| {
        d.iter()
            .map(|x| crate::core::Fixed(*x, 1).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The diagram's geometry at one moment: `n` lifelines, the window ending at `end`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub n: usize,
    pub row: f64,
    pub now: Time,
    /// The time at the right edge: `now`, or `window` while the run is younger than that
    /// (the current-time line then moves right across an empty future).
    pub end: Time,
    /// The time shown (chosen from the speed: [`crate::viz::timescale::diagram_window`]),
    /// and the spacing of its time labels.
    pub window: Time,
    pub tick: Time,
}

impl Frame {
    pub fn new(n: usize, now: Time, (window, tick): (Time, Time)) -> Frame {
        let window = window.max(1);
        Frame {
            n,
            row: (LANES_H / n.max(1) as f64).clamp(ROW_MIN, ROW_MAX),
            now,
            end: now.max(window),
            window,
            tick: tick.max(1),
        }
    }

    /// The y of node `i`'s lifeline.
    pub fn lane(&self, i: usize) -> f64 {
        TOP + self.row * (i as f64 + 0.5)
    }

    /// The x of time `t`.
    pub fn x(&self, t: Time) -> f64 {
        X1 - (self.end as f64 - t as f64) * (PLOT_W / self.window as f64)
    }

    /// The time at `x` (user units), within the window.
    pub fn time_at(&self, x: f64) -> Time {
        let back = ((X1 - x).max(0.0) / PLOT_W * self.window as f64).round() as Time;
        self.end.saturating_sub(back)
    }

    /// The height of the drawing.
    pub fn height(&self) -> f64 {
        TOP + self.row * self.n.max(1) as f64 + BOTTOM
    }

    /// Whether arrow `a` joins two lifelines of this diagram.
    pub fn holds(&self, a: &Arrow) -> bool {
        a.from < self.n && a.to < self.n
    }
}

/// How an arrow ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// Delivered: an arrowhead on the receiver's lifeline.
    Head,
    /// Dropped: an × where it was lost.
    Cross,
    /// In flight: a dot on the current-time line.
    Tip,
}

/// An arrow as drawn, in user units.
#[derive(Clone, Copy, Debug)]
pub struct Seg {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub end: End,
}

/// Where arrow `a` is drawn: from the sender's lifeline when it was sent to the receiver's
/// when it arrived; when dropped, along its way up to where it was lost (a message for a
/// crashed node reaches its lifeline and ends in an × there); while in flight, part of the
/// way down, on the current-time line.
pub fn segment(a: &Arrow, f: &Frame) -> Seg {
    let now = f.now;
    let (x0, y0) = (f.x(a.sent_at), f.lane(a.from));
    let y_to = f.lane(a.to);
    if a.dropped {
        // Along its way to the receiver, up to where it was lost.
        let lost = a.arrive_at.clamp(a.sent_at, now);
        let p = if a.due_at > a.sent_at {
            ((lost - a.sent_at) as f64 / (a.due_at - a.sent_at) as f64).clamp(0.0, 1.0)
        } else {
            0.5
        };
        Seg {
            x0,
            y0,
            x1: f.x(lost),
            y1: y0 + (y_to - y0) * p,
            end: End::Cross,
        }
    } else if a.delivered {
        Seg {
            x0,
            y0,
            x1: f.x(a.arrive_at.clamp(a.sent_at, now)),
            y1: y_to,
            end: End::Head,
        }
    } else {
        let span = a.arrive_at.saturating_sub(a.sent_at).max(1) as f64;
        let p = (now.saturating_sub(a.sent_at) as f64 / span).clamp(0.0, 1.0);
        Seg {
            x0,
            y0,
            x1: f.x(now),
            y1: y0 + (y_to - y0) * p,
            end: End::Tip,
        }
    }
}

/// An arrow's state in words, for the DOM: "in-flight", "delivered" or "dropped".
pub fn arrow_state(a: &Arrow) -> &'static str {
    if a.dropped {
        "dropped"
    } else if a.delivered {
        "delivered"
    } else {
        "in-flight"
    }
}

/// The distance from point `(x, y)` to a segment.
pub fn distance(s: &Seg, x: f64, y: f64) -> f64 {
    let (dx, dy) = (s.x1 - s.x0, s.y1 - s.y0);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((x - s.x0) * dx + (y - s.y0) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (px, py) = (s.x0 + t * dx - x, s.y0 + t * dy - y);
    (px * px + py * py).sqrt()
}

/// The arrow nearest `(x, y)` (user units), if one is within [`PICK`]; the newest wins a tie.
pub fn pick(arrows: &[Arrow], f: &Frame, x: f64, y: f64) -> Option<u64> {
    if !(X0..=f.x(f.now) + PICK).contains(&x) {
        return None;
    }
    let mut best: Option<(f64, u64)> = None;
    for a in arrows.iter().rev().filter(|a| f.holds(a)) {
        let d = distance(&segment(a, f), x, y);
        if d <= PICK && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, a.id));
        }
    }
    best.map(|(_, id)| id)
}
