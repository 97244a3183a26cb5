#!/usr/bin/env bash
# Builds the browser app into dist/ (index.html, static/, pkg/), installing what is missing:
# the wasm32 target, wasm-bindgen-cli at the Cargo.lock version, and npm binaryen (wasm-opt).
# Used by scripts/serve.sh and by the end-to-end tests (scripts/test.sh).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules

DIST="$ROOT/dist"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WASM_IN="$TARGET_DIR/$WASM_TARGET/wasm-release/quorumscope-web.wasm"

say "cargo build (wasm-release profile, $WASM_TARGET, feature ui)"
cargo build --profile wasm-release --target "$WASM_TARGET" --features ui --bin quorumscope-web

# wasm-bindgen and wasm-opt are skipped when the compiled module and the tools are unchanged.
STAMP="$DIST/pkg/.source.sha256"
src_sum="$(
  {
    sha256sum "$WASM_IN" | cut -d' ' -f1
    wasm-bindgen --version
    "$NODE_BIN/wasm-opt" --version
  } | sha256sum | cut -d' ' -f1
)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$src_sum" ] &&
  [ -f "$DIST/pkg/quorumscope-web.js" ] && [ -f "$DIST/pkg/quorumscope-web_bg.wasm" ]; then
  note "dist/pkg is up to date (same module, same wasm-bindgen and wasm-opt)"
else
  say "wasm-bindgen --target web into dist/pkg"
  rm -rf "$DIST/pkg.tmp"
  wasm-bindgen --target web --no-typescript --out-dir "$DIST/pkg.tmp" "$WASM_IN"
  WASM_OUT="$DIST/pkg.tmp/quorumscope-web_bg.wasm"
  [ -f "$WASM_OUT" ] && [ -f "$DIST/pkg.tmp/quorumscope-web.js" ] ||
    die "wasm-bindgen did not produce pkg/quorumscope-web.js and quorumscope-web_bg.wasm"

  say "wasm-opt -Oz (binaryen $("$NODE_BIN/wasm-opt" --version | awk '{print $3}'))"
  "$NODE_BIN/wasm-opt" -Oz "$WASM_OUT" -o "$WASM_OUT.opt"
  mv "$WASM_OUT.opt" "$WASM_OUT"
  echo "$src_sum" >"$DIST/pkg.tmp/.source.sha256"
  rm -rf "$DIST/pkg"
  mv "$DIST/pkg.tmp" "$DIST/pkg"
fi

say "assembling dist/"
rm -rf "$DIST/static"
cp -R "$ROOT/static" "$DIST/static"
cp "$ROOT/index.html" "$DIST/index.html"

raw=$(wc -c <"$DIST/pkg/quorumscope-web_bg.wasm")
gz=$(gzip -9 -c "$DIST/pkg/quorumscope-web_bg.wasm" | wc -c)
note "dist/pkg/quorumscope-web_bg.wasm: $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzip -9"
