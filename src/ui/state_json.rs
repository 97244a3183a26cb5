//! The test hook's and the benchmark's summary of the explorer's state, as JSON
//! (`window.__qs.state()`, see [`super::testhook`]).

use crate::viz::explorer::{role_slug, status_slug, Model};

impl Model {
    /// The summary of this state.
    pub fn state_json(&self) -> String {
        let m = self;
        let s = &m.scene;
        let now = &m.motion;
        let leader = m.leader().map(|i| s.nodes[i].name.clone());
        let strings = |v: Vec<&str>| v.into_iter().map(super::json::string).collect::<Vec<_>>();
        super::json::Obj::new()
            .int("time", now.time)
            .int("events", now.events)
            .int("horizon", now.horizon)
            .str("trace_hash", Some(&m.cluster.trace_hash().to_string()))
            .str("leader", leader.as_deref())
            .raw_array("roles", strings(s.nodes.iter().map(role_slug).collect()))
            .raw_array(
                "statuses",
                strings(s.nodes.iter().map(|n| status_slug(n.status)).collect()),
            )
            .raw_array("terms", s.nodes.iter().map(|n| n.term.to_string()))
            .str("protocol", Some(s.protocol.name()))
            .int("nodes", s.nodes.len() as u64)
            .int("messages", now.messages.len() as u64)
            .int("log_end", m.logs.end)
            .str(
                "violation",
                s.violation.as_ref().map(|v| v.invariant.as_str()),
            )
            .bool("playing", m.playing)
            .num("speed", m.speed())
            .int("seed", s.seed)
            .str("lang", Some(crate::viz::i18n::code(m.lang)))
            .finish()
    }
}
