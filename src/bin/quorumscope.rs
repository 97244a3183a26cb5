//! The quorumscope command-line tool.
fn main() {}
