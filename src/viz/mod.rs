//! The browser's model, with no UI framework in it (the boids pattern): a seekable,
//! forkable [`session::Session`], the [`scene::Scene`] to draw at each moment, per-protocol
//! node views, share links, the explorer's state and reducer ([`explorer`], with its string
//! table [`i18n`]) and lecture mode's ([`lecture`], [`deck`]). It compiles and is tested
//! natively; the Yew components in `src/ui` only draw it and forward user actions.

pub mod base64;
pub mod cluster;
pub mod deck;
pub mod explorer;
pub mod i18n;
pub mod leaders;
pub mod lecture;
pub mod logs;
pub mod motion;
pub mod paxos_view;
pub mod prefs;
pub mod raft_view;
pub mod scene;
pub mod session;
pub mod share;
pub mod timescale;
pub mod trig;

pub use cluster::{Cluster, Spec};
pub use motion::Motion;
pub use scene::{Scene, SceneOptions};
pub use session::Session;
