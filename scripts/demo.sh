#!/usr/bin/env bash
# Agora's demo. Installs what is missing (scripts/setup.sh), builds every contract bundle with
# cargo-contract as users do and prints each bundle's optimized size, builds the `agora` CLI,
# then starts a throw-away local substrate-contracts-node, deploys the suite with
# `agora deploy --network local`, runs the seed scenario through the CLI with narration (an
# agent's signed proposal, a Safety review asking for a change, the signed revision, approvals,
# votes by kind with a relayed signed vote, queue, execute), prints the decision log as a
# table, verifies it on chain and offline, restarts the node on the same data and checks that
# everything survived, and stops the node (scripts/cli-scenario.sh).
#
#   scripts/demo.sh [--port P]   (default 9944; setup options such as --no-node go first)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

port=9944
setup_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    *) setup_args+=("$1"); shift ;;
  esac
done

echo "==> setup (installs only what is missing)"
scripts/setup.sh "${setup_args[@]}"

echo "==> building the contract bundles (cargo contract build --release, dependencies built once)"
bash scripts/bundles.sh --suite

echo
echo "==> building the agora CLI (cli/; the first build takes several minutes)"
# `test --no-run`, not `build`: the same graph (dev-dependencies and their features included) as
# scripts/test.sh's cli tier, so after the tests nothing is compiled again (tools/build-share).
cargo test --no-run --manifest-path cli/Cargo.toml 2>&1 | grep -E '^(error|warning: unused)|Finished' || true
[ -x cli/target/debug/agora ] || { echo "demo: the CLI did not build" >&2; exit 1; }

echo
if command -v substrate-contracts-node >/dev/null 2>&1; then
  echo "==> the seed scenario through the CLI on a throw-away local node (port $port)"
  bash scripts/cli-scenario.sh --port "$port"
else
  echo "SKIPPED: local node step (substrate-contracts-node not installed; scripts/setup.sh builds it)"
fi
