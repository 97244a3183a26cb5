#!/usr/bin/env bash
# Builds the browser app into dist/ (index.html, static/, pkg/), installing what is missing:
# the wasm32 target, wasm-bindgen-cli at the Cargo.lock version, and npm binaryen (wasm-opt)
# and terser (which minifies wasm-bindgen's JavaScript glue). The page's stylesheets are
# minified too (scripts/minify-css.mjs): the page must stay under 300 KB gzipped.
# Used by scripts/serve.sh and by the end-to-end tests (scripts/test.sh).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules

DIST="$ROOT/dist"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# Two modules: the explorer, and lecture mode (index.html loads one, by the URL hash).
MODULES=(quorumscope-web quorumscope-lecture)

say "cargo build (wasm-release profile, $WASM_TARGET, feature ui): ${MODULES[*]}"
cargo build --profile wasm-release --target "$WASM_TARGET" --features ui \
  $(printf -- '--bin %s ' "${MODULES[@]}")

# wasm-opt's flags. --low-memory-unused lets binaryen fold a pointer's constant offsets into
# its loads and stores (1.3 KB less of gzipped wasm): it assumes no address below 1024 is
# reached by an addition that wraps around, which Rust code never does (its stack starts at
# the top of the first MiB and grows down; data and heap lie above it).
# --reorder-functions-by-name, after the optimisation passes, lays the functions out in the
# order of the sort keys that scripts/wasm-order-names.mjs writes into the name section:
# related code side by side, which gzip compresses about 5 KB smaller (it changes no code).
# Then scripts/wasm-order-similar.mjs names the optimised functions so that a second wasm-opt
# run, reordering and nothing else, puts functions with similar code side by side: about 5 KB
# less of gzipped explorer wasm again (it changes no code either).
WASM_OPT_FLAGS=(-Oz --converge --low-memory-unused --reorder-functions-by-name)

mkdir -p "$DIST/pkg"
for m in "${MODULES[@]}"; do
  WASM_IN="$TARGET_DIR/$WASM_TARGET/wasm-release/$m.wasm"
  # wasm-bindgen and wasm-opt are skipped when the compiled module and the tools are unchanged.
  STAMP="$DIST/pkg/.$m.sha256"
  src_sum="$(
    {
      sha256sum "$WASM_IN" | cut -d' ' -f1
      wasm-bindgen --version
      "$NODE_BIN/wasm-opt" --version
      echo "${WASM_OPT_FLAGS[*]}"
      cat "$ROOT/scripts/wasm-leb.mjs" "$ROOT/scripts/wasm-short-imports.mjs" "$ROOT/scripts/wasm-order-names.mjs" \
        "$ROOT/scripts/wasm-order-similar.mjs" | sha256sum | cut -d' ' -f1
      "$NODE_BIN/terser" --version
    } | sha256sum | cut -d' ' -f1
  )"
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$src_sum" ] &&
    [ -f "$DIST/pkg/$m.js" ] && [ -f "$DIST/pkg/${m}_bg.wasm" ]; then
    note "dist/pkg/$m is up to date (same module, same wasm-bindgen and wasm-opt)"
  else
    say "wasm-bindgen --target web: $m"
    TMP="$DIST/pkg.tmp"
    rm -rf "$TMP"
    wasm-bindgen --target web --no-typescript --out-dir "$TMP" "$WASM_IN"
    [ -f "$TMP/${m}_bg.wasm" ] && [ -f "$TMP/$m.js" ] ||
      die "wasm-bindgen did not produce pkg/$m.js and ${m}_bg.wasm"

    say "short import names, function sort keys: $m"
    node "$ROOT/scripts/wasm-short-imports.mjs" "$TMP/${m}_bg.wasm" "$TMP/$m.js"
    node "$ROOT/scripts/wasm-order-names.mjs" "$TMP/${m}_bg.wasm"
    say "wasm-opt ${WASM_OPT_FLAGS[*]} (binaryen $("$NODE_BIN/wasm-opt" --version | awk '{print $3}')): $m"
    "$NODE_BIN/wasm-opt" "${WASM_OPT_FLAGS[@]}" "$TMP/${m}_bg.wasm" -o "$TMP/${m}_bg.wasm.opt"
    say "functions with similar code side by side: $m"
    node "$ROOT/scripts/wasm-order-similar.mjs" "$TMP/${m}_bg.wasm.opt" "$TMP/${m}_bg.wasm.keys"
    # The last pass also drops two custom sections no browser reads: which compiler built the
    # module, and which wasm features it uses (about 0.2 KB gzipped).
    "$NODE_BIN/wasm-opt" --reorder-functions-by-name --strip-producers --strip-target-features \
      "$TMP/${m}_bg.wasm.keys" -o "$TMP/${m}_bg.wasm.opt"
    say "terser (minify the glue, an ES module): $m.js"
    "$NODE_BIN/terser" "$TMP/$m.js" --module --compress --mangle -o "$TMP/$m.min.js"
    mv "$TMP/${m}_bg.wasm.opt" "$DIST/pkg/${m}_bg.wasm"
    mv "$TMP/$m.min.js" "$DIST/pkg/$m.js"
    echo "$src_sum" >"$STAMP"
    rm -rf "$TMP"
  fi
done
rm -f "$DIST/pkg/.source.sha256"

say "assembling dist/"
rm -rf "$DIST/static"
cp -R "$ROOT/static" "$DIST/static"
node "$ROOT/scripts/minify-css.mjs" "$DIST"/static/*.css
cp "$ROOT/index.html" "$DIST/index.html"

for m in "${MODULES[@]}"; do
  raw=$(wc -c <"$DIST/pkg/${m}_bg.wasm")
  gz=$(gzip -9 -c "$DIST/pkg/${m}_bg.wasm" | wc -c)
  note "dist/pkg/${m}_bg.wasm: $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzip -9"
done
