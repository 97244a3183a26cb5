#!/usr/bin/env bash
# QuorumScope beside raft-rs (the `raft` crate, 0.7) on the steady 5-node workload, side by
# side in one criterion run (benches/raft-rs: its own crate, so raft-rs and its protobuf
# code stay out of the main build). Prints each side's median CPU per run of 10 s of
# virtual time. Arguments go to criterion (e.g. `--sample-size 50`).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT/benches/raft-rs"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/raft-rs-compare}"
say "cargo bench (benches/raft-rs) $*"
exec cargo bench --bench steady -- "$@"
