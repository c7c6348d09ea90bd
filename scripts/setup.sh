#!/usr/bin/env bash
# Installs everything Agora needs, idempotently: the pinned Rust toolchain with its components,
# the Debian packages the node build needs, cargo-contract 5.0.3 and substrate-contracts-node
# 0.42.0. Anything already present is left alone.
#
# Usage: scripts/setup.sh [--no-node] [--no-cargo-contract] [--no-app]
#   --no-node            skip building substrate-contracts-node (about 70 minutes on 2 cores)
#   --no-cargo-contract  skip installing cargo-contract (about 12 minutes)
#   --no-app             skip the web app's Chromium (apt) and npm packages (npm ci)
set -euo pipefail

TOOLCHAIN=1.86.0
CARGO_CONTRACT_VERSION=5.0.3
NODE_CRATE_VERSION=0.42.0
CARGO_HOME_DIR="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME_DIR/bin:$PATH"

want_node=1
want_cargo_contract=1
want_app=1
for arg in "$@"; do
  case "$arg" in
    --no-node) want_node=0 ;;
    --no-cargo-contract) want_cargo_contract=0 ;;
    --no-app) want_app=0 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '[setup] %s\n' "$*"; }

# 1. Pinned toolchain and its components.
if ! command -v rustup >/dev/null 2>&1; then
  echo "setup: rustup is required (https://rustup.rs) and was not found" >&2
  exit 1
fi
if rustup toolchain list | grep -q "^$TOOLCHAIN"; then
  say "rust $TOOLCHAIN: present"
else
  say "rust $TOOLCHAIN: installing"
  rustup toolchain install "$TOOLCHAIN" --profile minimal
fi
installed_components=$(rustup component list --toolchain "$TOOLCHAIN" --installed 2>/dev/null)
for component in rust-src clippy rustfmt; do
  if grep -q "^$component" <<<"$installed_components"; then
    say "component $component: present"
  else
    say "component $component: installing"
    rustup component add --toolchain "$TOOLCHAIN" "$component"
  fi
done
if rustup target list --toolchain "$TOOLCHAIN" --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "target wasm32-unknown-unknown: present"
else
  say "target wasm32-unknown-unknown: installing"
  rustup target add --toolchain "$TOOLCHAIN" wasm32-unknown-unknown
fi

# 2. cargo-contract (built with the machine's default toolchain, as upstream documents).
if [ "$want_cargo_contract" = 1 ]; then
  if cargo contract --version 2>/dev/null | grep -q "$CARGO_CONTRACT_VERSION"; then
    say "cargo-contract $CARGO_CONTRACT_VERSION: present"
  else
    say "cargo-contract $CARGO_CONTRACT_VERSION: installing (about 12 minutes on 2 cores)"
    (cd "$HOME" && cargo install --locked cargo-contract --version "$CARGO_CONTRACT_VERSION")
  fi
else
  say "cargo-contract: skipped (--no-cargo-contract)"
fi

# 3. substrate-contracts-node (no prebuilt binary is reachable, so it is built once).
if [ "$want_node" = 1 ]; then
  if substrate-contracts-node --version 2>/dev/null | grep -q "$NODE_CRATE_VERSION"; then
    say "substrate-contracts-node $NODE_CRATE_VERSION: present"
  else
    missing=()
    for pkg in clang libclang-dev protobuf-compiler cmake pkg-config libssl-dev; do
      dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
      say "Debian packages for the node build: installing ${missing[*]}"
      apt-get -o DPkg::Lock::Timeout=600 update -qq
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
    else
      say "Debian packages for the node build: present"
    fi
    say "substrate-contracts-node $NODE_CRATE_VERSION: building from crates.io."
    say "This takes about 70 minutes on 2 cores; progress follows. Use --no-node to skip."
    # The runtime's Wasm build must resolve against the crate's own Cargo.lock, or it picks
    # the newest dependencies (substrate-bip39 0.6.1) that do not build on Rust 1.86.
    # Cargo 1.86 unpacks the crate here before building it.
    # The build directory persists (not cargo's temporary one), so an interrupted build
    # resumes where it stopped instead of starting over.
    node_build_dir="${AGORA_NODE_BUILD_DIR:-$HOME/.cache/agora/contracts-node-build}"
    mkdir -p "$node_build_dir"
    (cd "$HOME" && WASM_BUILD_WORKSPACE_HINT="$CARGO_HOME_DIR/registry/src/index.crates.io-1949cf8c6b5b557f/contracts-node-$NODE_CRATE_VERSION" \
      cargo "+$TOOLCHAIN" install --locked contracts-node --version "$NODE_CRATE_VERSION" \
        --target-dir "$node_build_dir")
    substrate-contracts-node --version
  fi
else
  say "substrate-contracts-node: skipped (--no-node)"
fi
if [ "$want_app" -eq 1 ]; then
  say "web app: Chromium and npm packages (app/scripts/setup-app.sh)"
  bash "$(dirname "${BASH_SOURCE[0]}")/../app/scripts/setup-app.sh" || say "web app setup failed; the app tier will report it"
else
  say "web app: skipped"
fi
say "done"
