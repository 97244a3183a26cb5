//! The browser app's entry point. Built for wasm32 with the `ui` feature (see
//! scripts/build-web.sh); natively it is an empty program so that workspace-wide tools
//! (`cargo clippy --all-targets --features ui`) still build it.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    quorumscope::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
