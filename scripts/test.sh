#!/usr/bin/env bash
# Quick start, command 2: installs whatever the tests need, then runs every test and check
# (formatting, lints for native and wasm32, native tests, scenario checks, browser tests,
# end-to-end tests). Stops at the first failure. Prints the time each stage took.
#
#   scripts/test.sh                  every stage (what CI runs: .ci/run)
#   scripts/test.sh --quick          fmt, clippy (native) and the native tests: the inner loop
#   scripts/test.sh --stage NAME     one stage (repeatable); `--list` names them
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-auto}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
BIN_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/release"

# ---- The stages, in the order of a full run: NAME, what it does, the function that runs it.

STAGE_IDS=(setup fmt clippy clippy-wasm wasm-core native scenarios campaigns browser web e2e)
declare -A STAGE_TITLE=(
  [setup]="setup (install what is missing)"
  [fmt]="cargo fmt --check"
  [clippy]="clippy (native, all targets)"
  [clippy-wasm]="clippy (wasm32, ui)"
  [wasm-core]="build core for wasm32 (no ui)"
  [native]="native tests (cargo test --release)"
  [scenarios]="scenario check (quorumscope check)"
  [campaigns]="fault campaigns (quorumscope explore, ${CAMPAIGN_SEEDS:-10000} seeds each)"
  [browser]="browser tests (wasm-bindgen-test, Chromium)"
  [web]="build web app into dist/"
  [e2e]="end-to-end tests (node --test tests/e2e/)"
)
# The stages that need only cargo (the rest need the setup stage's tools first).
NATIVE_ONLY=" fmt clippy native scenarios campaigns "
QUICK=(fmt clippy native)

usage() {
  cat >&2 <<EOF
usage: scripts/test.sh [--quick | --stage NAME ... | --list]
  (no option)    every stage, as CI runs it
  --quick        ${QUICK[*]}: formatting, native lints and native tests
  --stage NAME   only this stage (repeatable); stages other than ${NATIVE_ONLY# } run setup first
  --list         the stages
EOF
}

run_setup() {
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

run_fmt() { cargo fmt --check; }
run_clippy() { cargo clippy --all-targets -- -D warnings; }
run_clippy-wasm() {
  cargo clippy --target "$WASM_TARGET" --features ui --lib --bins "${WASM_TESTS[@]}" -- -D warnings
}
run_wasm-core() { cargo build --target "$WASM_TARGET" --lib; }
run_native() { cargo test --release; }

# Every scenario file, with its expectations and every invariant after every event.
run_scenarios() {
  local files=(scenarios/*.scn)
  if [ ! -e "${files[0]}" ]; then
    echo "no scenarios/*.scn files" >&2
    return 1
  fi
  cargo build --release --bin quorumscope
  "$BIN_DIR/quorumscope" check "${files[@]}"
}

# The randomised fault campaigns at full budget: 10,000 seeds per protocol, zero violations
# and zero liveness failures required (cargo test runs a smaller budget of the same thing).
run_campaigns() {
  cargo build --release --bin quorumscope
  local p
  for p in raft paxos; do
    "$BIN_DIR/quorumscope" explore --protocol "$p" --seeds "${CAMPAIGN_SEEDS:-10000}"
  done
}

run_browser() {
  if [ "${#WASM_TESTS[@]}" = 0 ]; then
    echo "no tests/wasm_*.rs" >&2
    return 1
  fi
  cargo test --target "$WASM_TARGET" --features ui "${WASM_TESTS[@]}"
}

run_web() { bash scripts/build-web.sh; }
run_e2e() { node --test tests/e2e/; }

# ---- Running them.

DONE=()
TIMES=()
T_START=$EPOCHREALTIME

elapsed_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

summary() {
  local i
  printf '\n%sStage timings%s\n' "$C_BOLD" "$C_OFF" >&2
  for i in "${!DONE[@]}"; do
    printf '  %-56s %8ss\n' "${DONE[$i]}" "${TIMES[$i]}" >&2
  done
  printf '  %-56s %8ss\n' "total" "$(elapsed_since "$T_START")" >&2
}

# stage ID: runs the stage, records its time, stops everything if it fails.
stage() {
  local id="$1" name="${STAGE_TITLE[$1]}" t0=$EPOCHREALTIME rc=0
  printf '\n%s==> %s%s\n' "$C_BLUE" "$name" "$C_OFF" >&2
  "run_$id" || rc=$?
  DONE+=("$id: $name")
  TIMES+=("$(elapsed_since "$t0")")
  if [ "$rc" != 0 ]; then
    summary
    printf '\n%sFAILED: %s (exit %s); again alone: scripts/test.sh --stage %s%s\n' \
      "$C_RED" "$name" "$rc" "$id" "$C_OFF" >&2
    exit "$rc"
  fi
  printf '<== %s: %ss\n' "$name" "${TIMES[-1]}" >&2
}

CHOSEN=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) CHOSEN+=("${QUICK[@]}") ;;
    --stage)
      [ $# -ge 2 ] || { usage; die "--stage needs a NAME (one of: ${STAGE_IDS[*]})"; }
      [ -n "${STAGE_TITLE[$2]+x}" ] || die "no stage '$2'; the stages: ${STAGE_IDS[*]}"
      CHOSEN+=("$2")
      shift
      ;;
    --stage=*)
      name="${1#--stage=}"
      [ -n "${STAGE_TITLE[$name]+x}" ] || die "no stage '$name'; the stages: ${STAGE_IDS[*]}"
      CHOSEN+=("$name")
      ;;
    --list)
      for id in "${STAGE_IDS[@]}"; do printf '%-12s %s\n' "$id" "${STAGE_TITLE[$id]}"; done
      exit 0
      ;;
    -h | --help) usage; exit 0 ;;
    *) usage; die "unknown option '$1'" ;;
  esac
  shift
done

if [ "${#CHOSEN[@]}" = 0 ]; then
  CHOSEN=("${STAGE_IDS[@]}")
else
  # Stages that need more than cargo get the setup stage first.
  for id in "${CHOSEN[@]}"; do
    if [[ "$NATIVE_ONLY" != *" $id "* && " ${CHOSEN[*]} " != *" setup "* ]]; then
      CHOSEN=(setup "${CHOSEN[@]}")
      break
    fi
  done
  ensure_cargo
fi

for id in "${CHOSEN[@]}"; do
  stage "$id"
done

summary
if [ "${#CHOSEN[@]}" = "${#STAGE_IDS[@]}" ]; then
  printf '\n%sAll tests passed.%s\n' "$C_GREEN" "$C_OFF" >&2
else
  printf '\n%sPassed: %s.%s\n' "$C_GREEN" "${CHOSEN[*]}" "$C_OFF" >&2
fi
