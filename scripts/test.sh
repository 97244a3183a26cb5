#!/usr/bin/env bash
# Quick start, command 2: installs whatever the tests need, then runs every test and check
# (formatting, lints for native and wasm32, native tests, scenario checks, browser tests,
# end-to-end tests). Stops at the first failure. Prints the time each stage took.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

STAGES=()
TIMES=()
T_START=$EPOCHREALTIME

elapsed_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

summary() {
  local i
  printf '\n\033[1mStage timings\033[0m\n' >&2
  for i in "${!STAGES[@]}"; do
    printf '  %-44s %8ss\n' "${STAGES[$i]}" "${TIMES[$i]}" >&2
  done
  printf '  %-44s %8ss\n' "total" "$(elapsed_since "$T_START")" >&2
}

# stage NAME COMMAND...: runs the command, records its time, stops everything if it fails.
stage() {
  local name="$1" t0=$EPOCHREALTIME rc=0
  shift
  printf '\n\033[1;34m==> %s\033[0m\n' "$name" >&2
  "$@" || rc=$?
  STAGES+=("$name")
  TIMES+=("$(elapsed_since "$t0")")
  if [ "$rc" != 0 ]; then
    summary
    printf '\n\033[1;31mFAILED: %s (exit %s)\033[0m\n' "$name" "$rc" >&2
    exit "$rc"
  fi
  printf '<== %s: %ss\n' "$name" "${TIMES[-1]}" >&2
}

setup() {
  ensure_cargo
  ensure_python
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_node_modules
  ensure_chromium
  # A CJK font, so that screenshots of the Chinese interface show characters, not boxes.
  if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    apt_install fonts-wqy-zenhei
  fi
}

# Browser test targets: every tests/wasm_*.rs (the other files under tests/ are native-only).
WASM_TESTS=()
for f in tests/wasm_*.rs; do
  [ -e "$f" ] && WASM_TESTS+=(--test "$(basename "$f" .rs)")
done

# Every scenario file, with its expectations and every invariant after every event.
scenario_check() {
  local files=(scenarios/*.scn)
  if [ ! -e "${files[0]}" ]; then
    echo "no scenarios/*.scn files" >&2
    return 1
  fi
  cargo build --release --bin quorumscope
  ./target/release/quorumscope check "${files[@]}"
}

# The randomised fault campaigns at full budget: 10,000 seeds per protocol, zero violations
# and zero liveness failures required (cargo test runs a smaller budget of the same thing).
campaigns() {
  cargo build --release --bin quorumscope
  local p
  for p in raft paxos; do
    ./target/release/quorumscope explore --protocol "$p" --seeds "${CAMPAIGN_SEEDS:-10000}"
  done
}

browser_tests() {
  if [ "${#WASM_TESTS[@]}" = 0 ]; then
    echo "no tests/wasm_*.rs" >&2
    return 1
  fi
  cargo test --target "$WASM_TARGET" --features ui "${WASM_TESTS[@]}"
}

stage "setup (install what is missing)" setup
stage "cargo fmt --check" cargo fmt --check
stage "clippy (native, all targets)" cargo clippy --all-targets -- -D warnings
stage "clippy (wasm32, ui)" \
  cargo clippy --target "$WASM_TARGET" --features ui --lib --bins "${WASM_TESTS[@]}" -- -D warnings
stage "build core for wasm32 (no ui)" cargo build --target "$WASM_TARGET" --lib
stage "native tests (cargo test --release)" cargo test --release
stage "scenario check (quorumscope check)" scenario_check
stage "fault campaigns (quorumscope explore, 10,000 seeds each)" campaigns
stage "browser tests (wasm-bindgen-test, Chromium)" browser_tests
stage "build web app into dist/" bash scripts/build-web.sh
stage "end-to-end tests (node --test tests/e2e/)" node --test tests/e2e/

summary
printf '\n\033[1;32mAll tests passed.\033[0m\n' >&2
