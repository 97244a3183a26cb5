#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds the browser app into dist/ and
# serves it on http://127.0.0.1:$PORT/ (default 8080). Stop it with Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

PORT="${PORT:-8080}"
case "$PORT" in '' | *[!0-9]*) die "PORT must be a number, got '$PORT'" ;; esac

ensure_python
bash "$ROOT/scripts/build-web.sh"

say "serving dist/ at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$ROOT/dist"
