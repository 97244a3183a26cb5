#!/usr/bin/env bash
# The contributor's inner loop for the browser app: builds it with the fast `dev-web` profile
# (unoptimised, none of the release build's size post-processing), serves it on
# http://127.0.0.1:$PORT/ (default 8080) and rebuilds it whenever a file under src/ or
# static/, index.html or Cargo.toml changes (polled once a second: no watcher to install).
# The open page reloads itself after each successful rebuild; a failed build keeps the last
# good one served. Ctrl-C stops it. `scripts/dev.sh --once` builds once and exits.
# The size-optimised build (what the page budget is measured on) is scripts/serve.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

PORT="${PORT:-8080}"
case "$PORT" in '' | *[!0-9]*) die "PORT must be a number, got '$PORT'" ;; esac
ONCE=0
case "${1:-}" in
  --once) ONCE=1 ;;
  "") ;;
  *) die "usage: scripts/dev.sh [--once]  (PORT=8080 by default)" ;;
esac

ensure_python
ensure_wasm_target
ensure_wasm_bindgen

DEV="$ROOT/dist-dev"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
MODULES=(quorumscope-web quorumscope-lecture)
WATCHED=(src static index.html Cargo.toml Cargo.lock)
STAMP="$DEV/.changed-since"

# The page polls ./build-id and reloads when it changes (only in this dev build).
RELOAD='<script>
  // scripts/dev.sh: reload the page when a rebuild has finished.
  (() => {
    let seen;
    setInterval(async () => {
      try {
        const id = await (await fetch("./build-id", { cache: "no-store" })).text();
        if (seen !== undefined && id !== seen) location.reload();
        seen = id;
      } catch (_) {}
    }, 1000);
  })();
</script>'

build() {
  local t0=$EPOCHREALTIME m
  say "cargo build --profile dev-web --target $WASM_TARGET --features ui"
  cargo build --profile dev-web --target "$WASM_TARGET" --features ui \
    $(printf -- '--bin %s ' "${MODULES[@]}") || return 1
  rm -rf "$DEV/pkg.tmp"
  for m in "${MODULES[@]}"; do
    wasm-bindgen --target web --no-typescript --out-dir "$DEV/pkg.tmp" \
      "$TARGET_DIR/$WASM_TARGET/dev-web/$m.wasm" || return 1
  done
  rm -rf "$DEV/pkg" "$DEV/static"
  mv "$DEV/pkg.tmp" "$DEV/pkg"
  cp -R "$ROOT/static" "$DEV/static"
  awk -v reload="$RELOAD" '/<\/body>/ { print reload } { print }' "$ROOT/index.html" \
    >"$DEV/index.html"
  date +%s%N >"$DEV/build-id"
  say "built in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')s"
}

mkdir -p "$DEV"
touch "$STAMP"
if [ "$ONCE" = 1 ]; then
  build
  exit
fi
build || say "the build failed: fix the error and save; the page is served once a build works"

# A static server that tells the browser not to cache, so a reload takes the new build.
python3 - "$PORT" "$DEV" <<'PY' &
import functools, http.server, sys

class NoCache(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass

port, root = int(sys.argv[1]), sys.argv[2]
handler = functools.partial(NoCache, directory=root)
http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
PY
SERVER=$!
# The server goes with this script, however it ends (Ctrl-C, kill, an error).
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
say "serving dist-dev/ at http://127.0.0.1:$PORT/  (rebuilds on save; Ctrl-C to stop)"

while sleep 1; do
  kill -0 "$SERVER" 2>/dev/null || die "the server stopped (is port $PORT in use? try PORT=8081)"
  changed="$(find "${WATCHED[@]}" -newer "$STAMP" -print -quit 2>/dev/null || true)"
  [ -n "$changed" ] || continue
  # Touched before building: a file saved during the build triggers the next one.
  touch "$STAMP"
  say "changed: $changed"
  build || say "the build failed: the last good build is still served"
done
