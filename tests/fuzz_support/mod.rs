//! The fuzz targets (shared with cargo-fuzz) and the stable harness's mutator.

pub mod mutate;
pub mod targets;
