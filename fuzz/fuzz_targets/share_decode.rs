//! The share-link decoder (`share::decode` of the input as text and of its base64).
//! The same target function as the stable harness (tests/fuzz_inputs.rs).

#![no_main]

#[path = "../../tests/fuzz_support/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::share_decode(data);
});
