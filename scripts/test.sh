#!/usr/bin/env bash
# Runs every Agora test tier; ends with a table of tiers (counts, wall time against each tier's
# budget) and one line "agora: N passed, M failed".
#
#   scripts/test.sh [TIER...]     (all tiers when none is named)
#
#   setup    install what is missing (scripts/setup.sh; under CI=true nothing long)
#   lint     cargo fmt --check on all four workspaces; the lockfiles agree on ink, scale,
#            scale-info and secp256k1; tools/build-share/ makes the three host workspaces
#            compile each dependency once (scripts/lib/build_share.py). Clippy (-D warnings,
#            every target) lints each workspace while the unit, drink, cli and node-e2e tiers
#            build it (clippy_build below), so no workspace is compiled a second time in
#            check mode.
#   unit     cargo test --workspace: #[ink::test] unit tests, agora-types, proptests, vectors
#   vectors  the independent Python signer reproduces e2e-tests/fixtures/signing-vectors.json
#   drink    the composed suite in drink's sandbox (e2e-tests/); its proc macro builds the
#            eight contract bundles, sharing their dependency builds (scripts/bundles.sh)
#   bundles  cargo contract build --release of every contract (fresh after drink), the size
#            table, and the web app's bindings checked against the bundles
#   cli      the `agora` CLI: unit tests, a 1 000-entry log on a node, then the seed scenario
#            on a node with a restart on the same data (scripts/cli-scenario.sh)
#   node-e2e ink_e2e tests on substrate-contracts-node (scripts/node-e2e.sh)
#   app      the web app: unit tests and Playwright in Debian's Chromium (app/scripts/test-app.sh)
#
# Counting: every tier's test runs end with a closing count that tally() reads: cargo's
# "test result:" lines, or the one agreed line "<label>: N passed, M failed" that the
# scenarios, the Python signer, node-e2e and the app print. A run that prints neither counts
# as one failure (never as zero); a run that says "SKIPPED:" counts as nothing.
# Exits non-zero if any tier fails. Under CI=true a tier whose tool would need a long
# install prints "SKIPPED: ..." and the other tiers still run.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Wall-time budget of each tier in seconds, for a cold run (empty target/ directories and
# node_modules) on 2 cores. The sum stays within 40 minutes; CI stops a run at 90.
# docs/toolchain.md keeps the measured figures beside these. A tier over its budget is marked
# OVER in the table (the run does not fail for it: time is measured, never asserted).
declare -A BUDGET=(
  [setup]=40 [lint]=20 [unit]=180 [vectors]=20 [drink]=1500
  [bundles]=40 [cli]=330 [node-e2e]=150 [app]=120
)
TIERS=(setup lint unit vectors drink bundles cli node-e2e app)
# `scripts/test.sh TIER...` runs only those tiers (in the order given), e.g. `lint unit`.
if [ $# -gt 0 ]; then
  for tier in "$@"; do
    [ -n "${BUDGET[$tier]:-}" ] || { echo "test.sh: unknown tier $tier (tiers: ${TIERS[*]})" >&2; exit 2; }
  done
  TIERS=("$@")
fi
# The one target directory of the three host workspaces (e2e-tests/ for drink, cli/, and
# e2e-tests/node/ for ink_e2e): tools/build-share/ gives their dependencies one version,
# feature set and profile, so each is compiled once (the lint tier checks it).
# Passed as --target-dir, never as CARGO_TARGET_DIR: drink's proc macro runs nested cargo
# builds that must keep building the bundles into target/ink/.
HOST_TARGET="$root/cli/target"
# A fresh CI clone never rebuilds incrementally, so incremental compilation of our own crates
# only costs time there (the query caches it writes); every build of the run, the nested
# bundle builds included, sees the same setting.
if [ "${CI:-}" = "true" ]; then
  export CARGO_INCREMENTAL=0
fi

passed=0
failed=0
failed_tiers=()
declare -A T_PASSED T_FAILED T_TIME T_CPU T_STATUS
logdir="$root/target/test-logs"
mkdir -p "$logdir"

say() { printf '\n==> %s\n' "$*"; }

# tally LOG: prints "P F", the closing count of one test run's log (see the header).
tally() {
  local line
  line=$(grep -E '^[a-z][a-z0-9 -]*: [0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
  if [ -n "$line" ]; then
    sed -E 's/^[^:]*: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' <<<"$line"
  elif grep -qE '^test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$1"; then
    sed -nE 's/^test result: [a-zA-Z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/p' "$1" |
      awk '{p += $1; f += $2} END {print p + 0, f + 0}'
  elif grep -q '^SKIPPED:' "$1"; then
    echo "0 0"
  else
    echo "0 1"
  fi
}

# count TIER LOG: adds LOG's closing count to TIER's and the run's totals.
count() {
  local p f
  read -r p f < <(tally "$2")
  T_PASSED[$1]=$((${T_PASSED[$1]:-0} + p))
  T_FAILED[$1]=$((${T_FAILED[$1]:-0} + f))
  passed=$((passed + p))
  failed=$((failed + f))
  echo "    $(basename "$2"): $p passed, $f failed"
}

# logged NAME COMMAND...: runs COMMAND with its output shown and kept in target/test-logs/
# NAME.log; returns COMMAND's exit code.
logged() {
  local log="$logdir/$1.log"
  shift
  "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

# clippy_build: cargo with clippy-driver linting the workspace's own crates while it builds.
# shellcheck source=lib/clippy-build.sh
source "$root/scripts/lib/clippy-build.sh"

# children_cpu: sets CPU_NOW to the CPU seconds (user + system) used so far by this shell's
# finished children. (`times` must run in this shell: a subshell, as in $(...) or a pipeline,
# has no children of its own yet.)
children_cpu() {
  times >"$logdir/.times"
  CPU_NOW=$(tail -1 "$logdir/.times" | awk '{
    split($1, u, "m"); split($2, s, "m");
    printf "%d\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
}

# run_tier NAME: runs tier_NAME, records its wall time, its CPU time (what the tier costs
# whatever else the machine is doing; a cold tier on 2 free cores takes about half of it) and
# whether it failed.
run_tier() {
  local name="$1" fn="tier_${1//-/_}"
  local start=$SECONDS cpu_start
  children_cpu
  cpu_start=$CPU_NOW
  say "$name"
  if "$fn"; then
    T_STATUS[$name]=ok
  else
    T_STATUS[$name]=FAILED
    failed_tiers+=("$name")
  fi
  T_TIME[$name]=$((SECONDS - start))
  children_cpu
  T_CPU[$name]=$((CPU_NOW - cpu_start))
  echo "    $name: ${T_TIME[$name]} s, ${T_CPU[$name]} s of CPU (budget ${BUDGET[$name]} s)"
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
  cargo fmt --manifest-path e2e-tests/node/Cargo.toml --all --check || ok=1
  cargo fmt --manifest-path cli/Cargo.toml --all --check || ok=1
  logged consistency-lockfiles bash scripts/check-consistency.sh lockfiles || ok=1
  count lint "$logdir/consistency-lockfiles.log"
  logged consistency-sharing bash scripts/check-consistency.sh sharing || ok=1
  count lint "$logdir/consistency-sharing.log"
  return $ok
}

tier_unit() {
  logged unit clippy_build test --workspace
  local rc=$?
  count unit "$logdir/unit.log"
  return $rc
}

tier_vectors() {
  logged vectors bash scripts/python-vectors.sh
  local rc=$?
  count vectors "$logdir/vectors.log"
  return $rc
}

tier_drink() {
  bash scripts/bundles.sh --prepare || return 1
  (cd e2e-tests && logged drink clippy_build test --target-dir "$HOST_TARGET")
  local rc=$?
  count drink "$logdir/drink.log"
  return $rc
}

tier_bundles() {
  local ok=0
  if cargo contract --version >/dev/null 2>&1; then
    bash scripts/bundles.sh || ok=1
  else
    echo "SKIPPED: cargo contract build (cargo-contract not installed; run scripts/setup.sh)."
    echo "         The table uses the bundles drink's proc macro built (the same builder)."
    bash scripts/bundles.sh --sizes || ok=1
  fi
  logged consistency-bindings bash scripts/check-consistency.sh bindings || ok=1
  count bundles "$logdir/consistency-bindings.log"
  return $ok
}

tier_cli() {
  local rc=0
  # The test build also builds (and lints) target/debug/agora, which the node runs below use.
  (cd cli && logged cli clippy_build test) || rc=1
  count cli "$logdir/cli.log"
  if ! command -v substrate-contracts-node >/dev/null 2>&1; then
    echo "SKIPPED: the CLI on a node (substrate-contracts-node not installed; run scripts/setup.sh)"
    return "$rc"
  fi
  # The log at scale on a node of its own: a thousand appended entries verified page by page,
  # exported, and a corrupted export caught at its index (cli/tests/node_log.rs).
  local nbase="$root/target/cli-node-log/node"
  local nport="${AGORA_CLI_LOG_TEST_PORT:-9964}"
  if bash scripts/node.sh start --base-path "$nbase" --port "$nport" --tmp; then
    (cd cli && AGORA_TEST_URL="ws://127.0.0.1:$nport" logged cli-node-log \
      clippy_build test --test node_log -- --ignored --nocapture) || rc=1
    bash scripts/node.sh stop --base-path "$nbase"
  else
    echo "cli-node-log: the node did not start" >"$logdir/cli-node-log.log"
    rc=1
  fi
  count cli "$logdir/cli-node-log.log"
  logged cli-scenario bash scripts/cli-scenario.sh --port "${AGORA_CLI_TEST_PORT:-9962}" || rc=1
  count cli "$logdir/cli-scenario.log"
  return "$rc"
}

tier_node_e2e() {
  logged node-e2e-tier bash scripts/node-e2e.sh
  local rc=$?
  count node-e2e "$logdir/node-e2e-tier.log"
  return $rc
}

tier_app() {
  logged app-tier bash app/scripts/test-app.sh
  local rc=$?
  count app "$logdir/app-tier.log"
  return $rc
}

for tier in "${TIERS[@]}"; do
  run_tier "$tier"
done

say "summary"
printf '    %-9s %7s %7s %8s %8s %8s  %s\n' tier passed failed "time s" "cpu s" "budget" status
total_time=0
total_cpu=0
total_budget=0
for tier in "${TIERS[@]}"; do
  t=${T_TIME[$tier]}
  c=${T_CPU[$tier]}
  b=${BUDGET[$tier]}
  total_time=$((total_time + t))
  total_cpu=$((total_cpu + c))
  total_budget=$((total_budget + b))
  mark=""
  [ "$t" -gt "$b" ] && mark=" OVER"
  printf '    %-9s %7s %7s %8s %8s %8s  %s%s\n' "$tier" "${T_PASSED[$tier]:-0}" "${T_FAILED[$tier]:-0}" \
    "$t" "$c" "$b" "${T_STATUS[$tier]}" "$mark"
done
printf '    %-9s %7s %7s %8s %8s %8s\n' all "$passed" "$failed" "$total_time" "$total_cpu" "$total_budget"
if [ "${#failed_tiers[@]}" -gt 0 ]; then
  echo "    failed tiers: ${failed_tiers[*]}"
fi
echo
echo "agora: $passed passed, $failed failed"
if [ "${#failed_tiers[@]}" -gt 0 ] || [ "$failed" -gt 0 ]; then
  exit 1
fi
