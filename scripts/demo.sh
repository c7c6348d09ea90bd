#!/usr/bin/env bash
# Agora's demo. Installs what is missing (scripts/setup.sh), builds every contract bundle with
# cargo-contract as users do, prints each bundle's optimized size, then deploys the suite on a
# throw-away local substrate-contracts-node, runs the bootstrap handover and a proposal's
# lifecycle (deposit, submit, review, vote, queue, execute) and shows that everything survives
# a node restart (scripts/node-smoke.sh).
#
# The whole lifecycle through the `agora` CLI (propose, review, vote, execute, print the
# decision log) arrives with the node and CLI issue.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
CONTRACTS=(agent_registry decision_log peer_review voting proposals)

echo "==> setup (installs only what is missing)"
scripts/setup.sh "$@"

echo "==> building the contract bundles (cargo contract build --release)"
for c in "${CONTRACTS[@]}"; do
  echo "--- $c"
  cargo contract build --release --quiet --manifest-path "contracts/$c/Cargo.toml"
done

echo
printf '%-16s %12s %12s  %s\n' contract "wasm bytes" "KiB" bundle
for c in "${CONTRACTS[@]}"; do
  size=$(stat -c %s "target/ink/$c/$c.wasm")
  awk -v c="$c" -v s="$size" -v b="target/ink/$c/$c.contract" \
    'BEGIN { printf "%-16s %12d %12.1f  %s\n", c, s, s / 1024, b }'
done

echo
if command -v substrate-contracts-node >/dev/null 2>&1; then
  echo "==> the suite on a local node (deploy, bootstrap, a proposal's lifecycle, restart)"
  bash scripts/node-smoke.sh
else
  echo "SKIPPED: local node step (substrate-contracts-node not installed; scripts/setup.sh builds it)"
fi
