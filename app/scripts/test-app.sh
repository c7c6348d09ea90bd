#!/usr/bin/env bash
# The web app's tests: unit tests (vitest), then browser tests (Playwright with Debian's
# chromium) against a local substrate-contracts-node on port 9971 that this script starts
# under target/app-node and stops again. The browser tests' globalSetup deploys the suite from
# target/ink/*/*.contract with `agora deploy` (config tests/browser/agora-test.toml) and seeds
# three proposals with `agora` commands; this script builds the CLI first if it is missing.
#
#   bash app/scripts/test-app.sh
#
# Last line: "app tests: N passed, M failed". Exits non-zero on any failure. If chromium,
# substrate-contracts-node, the contract bundles or the agora CLI (with no cargo to build it)
# are missing, the browser tests are skipped with a "SKIPPED: ..." line (exit 0 if the unit
# tests passed).
# Screenshots of each browser step: app/test-results/screenshots/. The agora CLI
# (cli/target/debug/agora, or AGORA_CLI) also checks the app's log export with its Rust verifier.
set -uo pipefail

app="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$app/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
NODE_PORT="${AGORA_APP_NODE_PORT:-9971}"
export AGORA_APP_PORT="${AGORA_APP_PORT:-9972}"
export AGORA_TEST_URL="ws://127.0.0.1:$NODE_PORT"
BASE="$root/target/app-node/data"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMIUM
DEFAULT_CLI="$root/cli/target/debug/agora"
AGORA_CLI="${AGORA_CLI:-$DEFAULT_CLI}"
export AGORA_CLI

passed=0
failed=0
node_started=false
finish() {
  if $node_started; then bash "$root/scripts/node.sh" stop --base-path "$BASE" >/dev/null 2>&1 || true; fi
  echo "app tests: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
trap finish EXIT

cd "$app"
if [ ! -d node_modules ]; then
  bash "$app/scripts/setup-app.sh" || { failed=$((failed + 1)); exit 1; }
fi
mkdir -p test-results

echo "[test-app] unit tests (vitest)"
start=$(date +%s)
npx vitest run --reporter=default --reporter=json --outputFile=test-results/unit.json
read -r up uf < <(node -e 'try{const r=require("./test-results/unit.json");console.log(r.numPassedTests,r.numFailedTests+(r.numRuntimeErrorTestSuites??0))}catch{console.log(0,1)}')
passed=$((passed + up))
failed=$((failed + uf))
echo "[test-app] unit: $up passed, $uf failed ($(( $(date +%s) - start )) s)"

skip=""
[ -x "$CHROMIUM" ] || skip="browser tests: no chromium at $CHROMIUM (run app/scripts/setup-app.sh)"
command -v "${CONTRACTS_NODE:-substrate-contracts-node}" >/dev/null 2>&1 || skip="browser tests: substrate-contracts-node not found (scripts/setup.sh builds it)"
for c in decision_log agent_registry peer_review voting proposals; do
  [ -f "$root/target/ink/$c/$c.contract" ] || skip="browser tests: target/ink/$c/$c.contract missing (build the contracts first)"
done
if [ -z "$skip" ] && [ ! -x "$AGORA_CLI" ]; then
  if [ "$AGORA_CLI" = "$DEFAULT_CLI" ] && command -v cargo >/dev/null 2>&1; then
    echo "[test-app] building the agora CLI (cargo build --manifest-path cli/Cargo.toml; a few minutes the first time)"
    start=$(date +%s)
    if ! (cd "$root" && cargo build --manifest-path cli/Cargo.toml) || [ ! -x "$AGORA_CLI" ]; then
      echo "[test-app] FAIL: building the agora CLI failed, so the browser tests cannot deploy the suite"
      failed=$((failed + 1))
      exit 1
    fi
    echo "[test-app] agora CLI built ($(( $(date +%s) - start )) s)"
  else
    skip="browser tests: no agora CLI at $AGORA_CLI (cargo build --manifest-path cli/Cargo.toml builds it)"
  fi
fi
if [ -n "$skip" ]; then
  echo "SKIPPED: $skip"
  exit 0
fi

echo "[test-app] browser tests (Playwright + $CHROMIUM, node on port $NODE_PORT)"
start=$(date +%s)
rm -rf test-results/screenshots test-results/playwright test-results/deployments test-results/results.json
bash "$root/scripts/node.sh" stop --base-path "$BASE" >/dev/null 2>&1 || true
if ! bash "$root/scripts/node.sh" start --base-path "$BASE" --port "$NODE_PORT" --tmp; then
  failed=$((failed + 1))
  exit 1
fi
node_started=true
npx playwright test
read -r bp bf < <(node -e 'try{const s=require("./test-results/results.json").stats;console.log(s.expected+s.flaky,s.unexpected+(s.expected+s.unexpected+s.flaky===0?1:0))}catch{console.log(0,1)}')
passed=$((passed + bp))
failed=$((failed + bf))
echo "[test-app] browser: $bp passed, $bf failed ($(( $(date +%s) - start )) s); screenshots in app/test-results/screenshots/"

# The Rust verifier (agora-types' ChainVerifier and WriterCheck through the CLI) on the app's
# export (agora-log-export/v3) and on the unit-test fixtures (chain-log.json, a format-1 log
# as agora-log-export/v2; chain-log-format2.json, a format-2 log, once captured): both sides
# must agree on the hash rule and the writers.
if [ -x "$AGORA_CLI" ]; then
  for f in test-results/log-export.json tests/unit/chain-log.json tests/unit/chain-log-format2.json; do
    [ -f "$f" ] || continue
    if out=$("$AGORA_CLI" log verify --file "$f" 2>&1); then
      passed=$((passed + 1))
      echo "  ok   agora log verify --file $f: $out"
    else
      failed=$((failed + 1))
      echo "  FAIL agora log verify --file $f: $out"
    fi
  done
else
  echo "[test-app] (no agora CLI at $AGORA_CLI: the Rust cross-check of the export is skipped)"
fi
