//! The scenario parser (`Scenario::parse`, then `Runner::new`).
//! The same target function as the stable harness (tests/fuzz_inputs.rs).

#![no_main]

#[path = "../../tests/fuzz_support/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::scenario_parse(data);
});
