//! Every scenario of `scenarios/`, embedded, so the browser can offer them without a file
//! system. `tests/scenario_library.rs` checks that this list matches the directory.

/// `(file name, text)` of every scenario, in teaching order.
pub const LIBRARY: &[(&str, &str)] = &[(
    "raft-first-election.scn",
    include_str!("../../scenarios/raft-first-election.scn"),
)];

/// `(file name, text)` of every scenario in `scenarios/`, in teaching order.
pub fn library() -> &'static [(&'static str, &'static str)] {
    LIBRARY
}
