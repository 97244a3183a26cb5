//! The app's panels, one component per file. Each reads the interface language from the
//! `Lang` context and draws the data it is given; none of them knows a protocol.

pub mod controls;
pub mod event_feed;
pub mod feed;
pub mod header;
pub mod inspector;
pub mod invariants;
pub mod logs;
pub mod panel;
pub mod ring;
pub mod spacetime;
pub mod strings;

pub use controls::Controls;
pub use event_feed::EventFeed;
pub use feed::Feed;
pub use header::Header;
pub use inspector::Inspector;
pub use invariants::Invariants;
pub use logs::Logs;
pub use panel::Panel;
pub use ring::Ring;
pub use spacetime::SpaceTime;

use crate::core::Lang;
use yew::prelude::*;

/// The interface language from the nearest `ContextProvider<Lang>` (English without one).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
