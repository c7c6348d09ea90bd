#!/usr/bin/env bash
# The ink_e2e tests of e2e-tests/node/ on a real substrate-contracts-node (docs/node-e2e.md).
#
#   scripts/node-e2e.sh                 build (linted by clippy) and run the tests (ink_e2e
#                                       spawns one node per test); extra arguments go to the
#                                       test binaries, e.g.
#                                       scripts/node-e2e.sh seed_scenario --nocapture
#   scripts/node-e2e.sh --lint          cargo fmt --check for the crate (clippy lints it while
#                                       the test run builds it)
#
# The tests deploy the release bundles target/ink/<contract>/<contract>.wasm (the code the
# CLI deploys; scripts/test.sh's bundles tier or `cargo contract build --release` builds them)
# and build no contract at run time. The script fails if a bundle is missing, and checks that
# the bundles in target/ink/ are untouched by the run.
#
# The test crate builds into cli/target (override: AGORA_NODE_E2E_TARGET), shared with the CLI
# workspace: both depend on contract-build, subxt's tree and wasm-opt's C++, which are then
# compiled once. clippy lints the crate's own code during that build (clippy_build,
# scripts/lib/clippy-build.sh), as scripts/test.sh does for every workspace.
#
# Prints a last line "node e2e: N passed, M failed" and exits non-zero on failure; the whole
# output is also in target/test-logs/node-e2e.log. Prints "SKIPPED: ..." and exits 0 when
# substrate-contracts-node is not installed.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/clippy-build.sh
source "$root/scripts/lib/clippy-build.sh"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
crate="$root/e2e-tests/node"
test_target="${AGORA_NODE_E2E_TARGET:-$root/cli/target}"
contracts=(agent_registry decision_log peer_review voting proposals)
log_dir="$root/target/test-logs"
log="$log_dir/node-e2e.log"

if [ "${1:-}" = "--lint" ]; then
  echo "[node-e2e] cargo fmt --check (e2e-tests/node; clippy runs during the test build)"
  (cd "$crate" && cargo fmt --check)
  exit $?
fi

node_bin="${CONTRACTS_NODE:-substrate-contracts-node}"
if ! node_path="$(command -v "$node_bin")"; then
  echo "SKIPPED: $node_bin is not installed (scripts/setup.sh builds it); node e2e tests not run"
  exit 0
fi
export CONTRACTS_NODE="$node_path"
# Read at compile time by #[ink_e2e::test]: if set, the tests would use that node instead of
# spawning their own (and the scenarios need the spawned node's RPC).
unset CONTRACTS_NODE_URL
# Nothing is built at run time; make sure no inherited value redirects anything.
unset CARGO_TARGET_DIR

mkdir -p "$log_dir"
missing=()
for c in "${contracts[@]}"; do
  [ -f "$root/target/ink/$c/$c.wasm" ] || missing+=("target/ink/$c/$c.wasm")
done
if [ "${#missing[@]}" -gt 0 ]; then
  {
    echo "node-e2e: FAIL missing release bundles: ${missing[*]}"
    echo "node-e2e: build the release bundles first: scripts/test.sh or" \
      "cargo contract build --release (in contracts/<contract>/)"
    echo "node e2e: 0 passed, 1 failed"
  } | tee "$log"
  exit 1
fi

stamps() { stat -c '%Y.%y %n' "$root"/target/ink/*/*.contract "$root"/target/ink/*/*.wasm 2>/dev/null; }
before="$(stamps)"

start=$(date +%s)
{
  echo "[node-e2e] $("$node_path" --version 2>/dev/null); deploying the release bundles in $root/target/ink; test crate built into $test_target"
  cd "$crate" && clippy_build test --locked --target-dir "$test_target" -- "$@"
} 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
end=$(date +%s)

passed=0
failed=0
while read -r p f; do
  passed=$((passed + p))
  failed=$((failed + f))
done < <(sed -nE 's/^test result: [a-zA-Z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/p' "$log")
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "node-e2e: cargo test exited with $rc before reporting a failing test (build or clippy error?)" |
    tee -a "$log"
  failed=1
fi
if [ "$(stamps)" != "$before" ]; then
  echo "node-e2e: FAIL the release bundles in target/ink/ changed during the run" | tee -a "$log"
  failed=$((failed + 1))
else
  echo "[node-e2e] ok: release bundles in target/ink/ untouched" | tee -a "$log"
fi
echo "[node-e2e] wall time $((end - start)) s" | tee -a "$log"
echo "node e2e: $passed passed, $failed failed" | tee -a "$log"
[ "$failed" -eq 0 ]
