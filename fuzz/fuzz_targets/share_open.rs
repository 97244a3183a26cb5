//! Opening a share link as the explorer does (`Cluster::from_share`: decode, replay, seek).
//! The same target function as the stable harness (tests/fuzz_inputs.rs).

#![no_main]

#[path = "../../tests/fuzz_support/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::share_open(data);
});
