//! The app's panels, one component per file. Each draws the data it is given (parts of a
//! `viz::Scene`) and turns clicks into messages for the app; none of them knows a protocol.
//!
//! Space-time diagram, event feed, invariants and message inspector are drawn by
//! `spacetime`, `feed`, `invariants` and `inspector` (their strings are in `viz::i18n` too); the rest
//! belongs to the app's shell.

pub mod canvas;
pub mod cluster_form;
pub mod controls;
pub mod details;
pub mod feed;
pub mod feed_list;
pub mod header;
pub mod help;
pub mod inspector;
pub mod invariants;
pub mod logs;
pub mod logs_paint;
pub mod network;
pub mod node_menu;
pub mod panel;
pub mod partition;
pub mod pen;
pub mod ring;
pub mod ring_paint;
pub mod spacetime;

pub use cluster_form::ClusterForm;
pub use controls::Controls;
pub use details::Details;
pub use feed::Feed;
pub use header::Header;
pub use help::{Help, Legend};
pub use inspector::Inspector;
pub use invariants::Invariants;
pub use logs::{LogMeta, Logs};
pub use network::Network;
pub use node_menu::NodeMenu;
pub use panel::Panel;
pub use partition::Partition;
pub use ring::Ring;
pub use spacetime::SpaceTime;

use crate::core::Lang;
use yew::prelude::*;

/// The interface language from the nearest `ContextProvider<Lang>` (English without one).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The number in the `<input>` an event came from (a range or number input), if it holds one.
pub fn input_number(e: &web_sys::Event) -> Option<f64> {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value_as_number())
        .filter(|v| v.is_finite())
}
