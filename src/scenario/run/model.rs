//! What the runner needs from a protocol beyond [`Protocol`]: building a cluster from a
//! scenario's header, and reading the protocol's state for conditions.

use crate::check::Checked;
use crate::core::NodeId;
use crate::scenario::ast::{NodeIs, Pred, Scenario};
use crate::scenario::error::ParseError;
use crate::sim::{NetConfig, Setup, Simulator};

/// The outcome of evaluating a condition: whether it holds, and what was actually seen (shown
/// next to the expected value when an expectation fails).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eval {
    pub holds: bool,
    pub actual: String,
}

impl Eval {
    pub fn new(holds: bool, actual: impl Into<String>) -> Self {
        Eval {
            holds,
            actual: actual.into(),
        }
    }
}

/// A protocol the scenario runner can drive.
pub trait Model: Checked {
    /// The message kinds `drop`/`hold`/`deliver` may name ([`crate::core::Describe::kind`]).
    const MESSAGE_KINDS: &'static [&'static str];

    /// The cluster described by the scenario's header. Errors point into the header.
    fn setup(sc: &Scenario, net: NetConfig) -> Result<Setup<Self>, ParseError>;

    /// The invariant checker for a run. `expected` lists the invariants the scenario expects
    /// to see violated (lower case); by default every invariant is checked.
    fn checker(sim: &Simulator<Self>, expected: &[String]) -> Self::Checker {
        let _ = expected;
        <Self::Checker as crate::check::Checker<Self>>::new(sim)
    }

    /// How a leader's standing is described: `term 3`, `ballot 2.n1`.
    fn leader_label(sim: &Simulator<Self>, node: NodeId) -> String;

    /// Leaders as the nodes themselves believe (crashed nodes excluded): `(node, term)`.
    fn leaders(sim: &Simulator<Self>) -> Vec<(NodeId, u64)>;

    /// Whether the node is in this role or phase (`n1 is leader`, `n2 is preparing`).
    fn is(sim: &Simulator<Self>, node: NodeId, what: NodeIs) -> bool;

    /// A one-line description of a node's state, for "actual" values: `candidate, term 2`.
    fn describe(sim: &Simulator<Self>, node: NodeId) -> String;

    /// `stable`: see docs/scenarios.md for each protocol's definition.
    fn stable(sim: &Simulator<Self>, checker: &Self::Checker) -> Eval;

    /// Conditions that read protocol state (`n1 term 3`, `n2 promised 2.n1`, …). `None` for
    /// conditions the runner evaluates itself.
    fn eval(sim: &Simulator<Self>, checker: &Self::Checker, pred: &Pred) -> Option<Eval>;
}

/// `n1`, or `?` for an id outside the cluster.
pub use crate::core::name;

/// A node or "nobody".
pub fn name_or(names: &[String], i: Option<NodeId>, none: &str) -> String {
    i.map_or(none.to_string(), |i| name(names, i).to_string())
}
