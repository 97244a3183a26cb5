#!/usr/bin/env bash
# Browser performance benchmark (not a test: it prints figures and checks no thresholds).
# Builds dist/ when it is missing or older than the sources, then serves it and runs
# tests/e2e/bench.mjs in headless Chromium: frame times with 9 nodes under heavy client load,
# seek times in a 10-minute run, page transfer size (gzip -9) and time to the first drawn
# cluster. Arguments are passed to bench.mjs (e.g. --json, --seconds 5).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

ensure_node_modules
ensure_chromium

WASM="$ROOT/dist/pkg/quorumscope-web_bg.wasm"
stale=0
if [ ! -f "$ROOT/dist/index.html" ] || [ ! -f "$WASM" ]; then
  stale=1
elif [ -n "$(find "$ROOT/src" "$ROOT/static" "$ROOT/index.html" "$ROOT/Cargo.toml" \
  "$ROOT/Cargo.lock" -newer "$WASM" -print -quit)" ]; then
  stale=1
fi
if [ "$stale" = 1 ] && [ "${QS_BENCH_NO_BUILD:-0}" != 1 ]; then
  say "dist/ is missing or older than the sources: building it"
  bash "$ROOT/scripts/build-web.sh"
fi

say "node tests/e2e/bench.mjs $*"
exec node "$E2E_DIR/bench.mjs" "$@"
