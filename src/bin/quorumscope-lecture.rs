//! Lecture mode's entry point in the browser: a module of its own (see `src/ui/root.rs`), so
//! the explorer page does not carry the scenario library. Built for wasm32 with the `ui`
//! feature (see scripts/build-web.sh); natively it is an empty program.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    quorumscope::ui::start_lecture();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
