#!/usr/bin/env bash
# Runs every Agora test tier and ends with one summary line "N passed, M failed".
#
#   setup    install what is missing (scripts/setup.sh; under CI=true nothing long)
#   lint     cargo fmt --check on every workspace, clippy -D warnings on the contracts and drink
#            workspaces (cli/ and e2e-tests/node/ are linted while their tiers build them)
#   unit     cargo test --workspace (#[ink::test] unit tests, types, proptests, vectors)
#   vectors  the independent Python signer reproduces e2e-tests/fixtures/signing-vectors.json
#   drink    the composed suite in drink's sandbox (e2e-tests/)
#   bundles  cargo contract build --release for every contract, then the .wasm size table
#   node     the suite on substrate-contracts-node (scripts/node-smoke.sh: deploy, bootstrap,
#            a proposal's lifecycle, restart on the same base path)
#   cli      the `agora` CLI: its unit tests (signing vectors, parsers, export verifier), then
#            the seed scenario through it on a node (scripts/cli-scenario.sh)
#   node-e2e ink_e2e tests on substrate-contracts-node (scripts/node-e2e.sh)
#   app      the web app: unit tests and Playwright in Debian's Chromium (app/scripts/test-app.sh)
#
# Exits non-zero if any tier fails. Under CI=true a tier whose tool would need a long
# install prints "SKIPPED: ..." and the other tiers still run.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
CONTRACTS=(agent_registry decision_log peer_review voting proposals)

passed=0
failed=0
failed_tiers=()
timings=()
logdir="$root/target/test-logs"
mkdir -p "$logdir"

say() { printf '\n==> %s\n' "$*"; }

# Adds the "test result:" counts of a cargo test log to the totals.
count_results() {
  local p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$1" \
    | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$1" \
    | awk '{s+=$6} END {print s+0}')
  passed=$((passed + p))
  failed=$((failed + f))
  echo "    $p passed, $f failed"
}

# run_tier NAME COMMAND...: runs a tier, records its wall time and whether it failed.
run_tier() {
  local name="$1"
  shift
  local start=$SECONDS
  say "$name"
  if "$@"; then
    timings+=("$name $((SECONDS - start))s ok")
  else
    timings+=("$name $((SECONDS - start))s FAILED")
    failed_tiers+=("$name")
  fi
}

tier_setup() {
  if [ "${CI:-}" = "true" ]; then
    # Only quick steps: the toolchain and its components. Never the node or cargo-contract.
    scripts/setup.sh --no-node --no-cargo-contract
  else
    scripts/setup.sh
  fi
}

tier_lint() {
  local ok=0
  cargo fmt --all --check || ok=1
  cargo fmt --manifest-path e2e-tests/Cargo.toml --all --check || ok=1
  cargo clippy --workspace --all-targets -- -D warnings || ok=1
  (cd e2e-tests && cargo clippy --all-targets -- -D warnings) || ok=1
  # cli/ and e2e-tests/node/ are linted by clippy while their tiers build them (clippy_build
  # below, and scripts/node-e2e.sh).
  cargo fmt --manifest-path cli/Cargo.toml --check || ok=1
  if [ -f scripts/node-e2e.sh ]; then bash scripts/node-e2e.sh --lint || ok=1; fi
  return $ok
}

tier_unit() {
  local log="$logdir/unit.log"
  cargo test --workspace 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  count_results "$log"
  return "$rc"
}

tier_vectors() {
  local log="$logdir/vectors.log"
  bash scripts/python-vectors.sh 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -Eo 'signing vectors: [0-9]+ passed' "$log" | awk '{print $3}' | tail -1)
  f=$(grep -Eo '[0-9]+ failed' "$log" | awk '{print $1}' | tail -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
    failed=$((failed + 1))
  fi
  return "$rc"
}

tier_drink() {
  local log="$logdir/drink.log"
  (cd e2e-tests && cargo test 2>&1) | tee "$log"
  local rc=${PIPESTATUS[0]}
  count_results "$log"
  return "$rc"
}

tier_bundles() {
  local ok=0
  if cargo contract --version >/dev/null 2>&1; then
    for c in "${CONTRACTS[@]}"; do
      echo "--- cargo contract build --release: $c"
      cargo contract build --release --quiet --manifest-path "contracts/$c/Cargo.toml" || ok=1
    done
  else
    echo "SKIPPED: cargo contract build (cargo-contract not installed; run scripts/setup.sh)."
    echo "         The size table below uses the bundles drink built."
  fi
  printf '\n%-16s %12s %12s\n' contract "wasm bytes" "KiB"
  for c in "${CONTRACTS[@]}"; do
    local wasm="target/ink/$c/$c.wasm"
    if [ -f "$wasm" ]; then
      local size
      size=$(stat -c %s "$wasm")
      awk -v c="$c" -v s="$size" 'BEGIN { printf "%-16s %12d %12.1f\n", c, s, s / 1024 }'
    else
      printf '%-16s %12s\n' "$c" "missing"
      ok=1
    fi
  done
  return $ok
}

tier_node() {
  if ! command -v substrate-contracts-node >/dev/null 2>&1; then
    echo "SKIPPED: node tier (substrate-contracts-node not installed; run scripts/setup.sh)"
    return 0
  fi
  if ! cargo contract --version >/dev/null 2>&1; then
    echo "SKIPPED: node tier (cargo-contract not installed; run scripts/setup.sh)"
    return 0
  fi
  local log="$logdir/node.log"
  bash scripts/node-smoke.sh 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -Eo 'node checks: [0-9]+ passed' "$log" | awk '{print $3}' | tail -1)
  f=$(grep -Eo 'node checks: [0-9]+ passed, [0-9]+ failed' "$log" | awk '{print $5}' | tail -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-1}))
  echo "    node tier: ${p:-0} checks on substrate-contracts-node passed"
  return "$rc"
}

# clippy_build CARGO-ARGS...: runs cargo with clippy as the compiler of the workspace's own
# crates (-D warnings), so a crate is linted while it is built for its tests and its
# dependencies are compiled once, not a second time in check mode as `cargo clippy` would.
# Every target cargo test builds (lib, bins, unit and integration tests) is linted.
clippy_build() {
  RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver" \
    CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__" cargo "$@"
}

tier_cli() {
  local log="$logdir/cli.log" rc=0
  (cd cli && clippy_build test 2>&1) | tee "$log"
  rc=${PIPESTATUS[0]}
  count_results "$log"
  (cd cli && clippy_build build 2>&1 | tail -3) || rc=1
  if ! command -v substrate-contracts-node >/dev/null 2>&1; then
    echo "SKIPPED: the CLI scenario on a node (substrate-contracts-node not installed; run scripts/setup.sh)"
    return "$rc"
  fi
  # The log at scale on a node of its own: a thousand appended entries verified page by page,
  # exported, and a corrupted export caught at its index (cli/tests/node_log.rs).
  local nlog="$logdir/cli-node-log.log" nbase="$root/target/cli-node-log/node"
  local nport="${AGORA_CLI_LOG_TEST_PORT:-9964}"
  if bash scripts/node.sh start --base-path "$nbase" --port "$nport" --tmp; then
    (cd cli && AGORA_TEST_URL="ws://127.0.0.1:$nport" clippy_build test --test node_log -- --ignored --nocapture 2>&1) | tee "$nlog"
    [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
    count_results "$nlog"
    bash scripts/node.sh stop --base-path "$nbase"
  else
    rc=1
    failed=$((failed + 1))
  fi
  local slog="$logdir/cli-scenario.log"
  bash scripts/cli-scenario.sh --port "${AGORA_CLI_TEST_PORT:-9962}" 2>&1 | tee "$slog"
  [ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
  local p f
  p=$(grep -Eo 'cli checks: [0-9]+ passed' "$slog" | awk '{print $3}' | tail -1)
  f=$(grep -Eo 'cli checks: [0-9]+ passed, [0-9]+ failed' "$slog" | awk '{print $5}' | tail -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-1}))
  echo "    cli tier: ${p:-0} checks of the seed scenario through the CLI on a node passed"
  return "$rc"
}

# count_line LOG LABEL: adds "LABEL: N passed, M failed" of a log to the totals.
count_line() {
  local p f
  p=$(grep -Eo "$2: [0-9]+ passed" "$1" | awk '{print $(NF-1)}' | tail -1)
  f=$(grep -Eo "$2: [0-9]+ passed, [0-9]+ failed" "$1" | awk '{print $(NF-1)}' | tail -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  echo "    $2: ${p:-0} passed, ${f:-0} failed"
}

tier_node_e2e() {
  local log="$logdir/node-e2e-tier.log"
  bash scripts/node-e2e.sh 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  count_line "$log" "node e2e"
  if [ "$rc" -ne 0 ] && ! grep -q 'node e2e: ' "$log"; then failed=$((failed + 1)); fi
  return "$rc"
}

tier_app() {
  local log="$logdir/app-tier.log"
  bash app/scripts/test-app.sh 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  count_line "$log" "app tests"
  if [ "$rc" -ne 0 ] && ! grep -q 'app tests: ' "$log"; then failed=$((failed + 1)); fi
  return "$rc"
}

run_tier setup tier_setup
run_tier lint tier_lint
run_tier unit tier_unit
run_tier vectors tier_vectors
run_tier drink tier_drink
run_tier bundles tier_bundles
run_tier node tier_node
run_tier cli tier_cli
[ -f scripts/node-e2e.sh ] && run_tier node-e2e tier_node_e2e
[ -f app/scripts/test-app.sh ] && run_tier app tier_app

say "wall time per tier"
for t in "${timings[@]}"; do
  printf '    %s\n' "$t"
done
if [ "${#failed_tiers[@]}" -gt 0 ]; then
  echo "    failed tiers: ${failed_tiers[*]}"
fi
echo
echo "agora: $passed passed, $failed failed"
if [ "${#failed_tiers[@]}" -gt 0 ] || [ "$failed" -gt 0 ]; then
  exit 1
fi
