#!/usr/bin/env bash
# Installs whatever the playground and its tests need and is missing; already-correct tools are skipped.
# Sourced by scripts/play and scripts/test. Works on a fresh Debian machine with rustup.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
wasm_bindgen_version() {
  (cd "$ROOT" && cargo metadata --format-version 1 --locked >/dev/null 2>&1 || cargo generate-lockfile >/dev/null 2>&1 || true)
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    # trunk 0.22 needs a newer rustc than this machine's 1.95; 0.21.14 builds with --locked.
    say "installing trunk $TRUNK_VERSION (a few minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || { echo "could not read the wasm-bindgen version from Cargo.lock" >&2; exit 1; }
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    # Without --locked: its lock file asks for a webpki-roots version the registry here lacks.
    say "installing wasm-bindgen-cli $want (a few minutes, once)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
  # Trunk.toml must name the same version, or trunk refuses to build.
  if ! grep -q "wasm_bindgen = \"$want\"" "$ROOT/Trunk.toml"; then
    echo "Trunk.toml pins a wasm_bindgen other than Cargo.lock's $want: update [tools] in Trunk.toml" >&2
    exit 1
  fi
}

# npm packages: binaryen's wasm-opt (Debian's binaryen 108 emits a wasm that never mounts),
# terser for the JS glue (scripts/minify-glue.mjs), playwright-core and axe-core for the browser
# tests. package-lock.json pins them.
ensure_node_packages() {
  if ! command -v npm >/dev/null; then
    say "installing Node.js and npm"
    apt_install nodejs npm
  fi
  if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "installing Node packages (binaryen $BINARYEN_VERSION, terser, playwright-core, axe-core)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
  export CHROMEDRIVER=/usr/bin/chromedriver
  export CHROMIUM=/usr/bin/chromium
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_node_packages
  ensure_trunk
  ensure_wasm_bindgen
}
