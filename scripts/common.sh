# Shared helpers for scripts/*.sh: messages, and installing what is missing.
# Source it; do not run it. Every `ensure_*` function is quick when the tool is already there.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_DIR="$ROOT/tests/e2e"
NODE_BIN="$E2E_DIR/node_modules/.bin"
WASM_TARGET=wasm32-unknown-unknown

# cargo-installed tools (wasm-bindgen) live here; a fresh login shell may not have it on PATH.
if [ -d "$HOME/.cargo/bin" ]; then
  case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac
fi

# Colour only when stderr (where the scripts talk) is a terminal and NO_COLOR is unset
# (https://no-color.org); cargo is told the same.
if [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then
  C_BOLD=$'\033[1m' C_BLUE=$'\033[1;34m' C_RED=$'\033[1;31m' C_GREEN=$'\033[1;32m' C_OFF=$'\033[0m'
else
  C_BOLD='' C_BLUE='' C_RED='' C_GREEN='' C_OFF=''
fi
if [ -n "${NO_COLOR:-}" ]; then
  export CARGO_TERM_COLOR=never
fi

say() { printf '%s==>%s %s\n' "$C_BLUE" "$C_OFF" "$*" >&2; }
note() { printf '    %s\n' "$*" >&2; }
die() { printf '%serror:%s %s\n' "$C_RED" "$C_OFF" "$*" >&2; exit 1; }

# Runs a command as root (directly, or through sudo).
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (install sudo, or run this as root)"
  fi
}

APT_UPDATED=0
# Installs Debian packages, running `apt-get update` once first.
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; please install: $*"
  if [ "$APT_UPDATED" = 0 ]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

ensure_cargo() {
  command -v cargo >/dev/null 2>&1 ||
    die "cargo not found. Install Rust with rustup (https://rustup.rs), then re-run."
}

ensure_wasm_target() {
  ensure_cargo
  local sysroot
  sysroot="$(rustc --print sysroot)"
  if [ -d "$sysroot/lib/rustlib/$WASM_TARGET" ]; then
    return
  fi
  command -v rustup >/dev/null 2>&1 ||
    die "the $WASM_TARGET target is missing and rustup is not installed to add it"
  say "rustup target add $WASM_TARGET"
  rustup target add "$WASM_TARGET"
}

# The wasm-bindgen version pinned in Cargo.lock. The CLI must match it exactly.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$ROOT/Cargo.lock"
}

# wasm-bindgen and wasm-bindgen-test-runner (one crate) at exactly the Cargo.lock version.
ensure_wasm_bindgen() {
  ensure_cargo
  local want have=""
  want="$(locked_wasm_bindgen_version)"
  [ -n "$want" ] || die "no wasm-bindgen entry in Cargo.lock"
  if command -v wasm-bindgen >/dev/null 2>&1; then
    have="$(wasm-bindgen --version | awk '{print $2}')"
  fi
  if [ "$have" = "$want" ] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    return
  fi
  say "cargo install wasm-bindgen-cli --version $want (found: ${have:-none}; takes a few minutes)"
  # Not --locked: the CLI's own lockfile pins a webpki-roots release that crates.io lacks.
  cargo install wasm-bindgen-cli --version "$want" --force
}

ensure_node() {
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    return
  fi
  apt_install nodejs npm
}

# npm packages of tests/e2e: binaryen (wasm-opt; Debian's is too old for current rustc output)
# and playwright-core (drives the system Chromium). Reinstalled only when the lockfile changes.
ensure_node_modules() {
  ensure_node
  local stamp="$E2E_DIR/node_modules/.quorumscope-lock.sha256" sum
  sum="$(cat "$E2E_DIR/package.json" "$E2E_DIR/package-lock.json" | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ] && [ -x "$NODE_BIN/wasm-opt" ]; then
    return
  fi
  say "npm ci in tests/e2e (binaryen for wasm-opt, playwright-core)"
  (cd "$E2E_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$sum" >"$stamp"
}

ensure_chromium() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

ensure_python() {
  command -v python3 >/dev/null 2>&1 || apt_install python3
}
