#!/usr/bin/env bash
# Runs every randomized test at full count: long, so never in CI (scripts/test.sh runs each
# at a count that takes well under 3 minutes; docs/toolchain.md has the budgets).
#
#   scripts/soak.sh [CASES]     (default SOAK_CASES; also read from AGORA_SOAK_CASES)
#
# Randomized tests and how the count reaches them:
#   agora-types log::tests      the hash-chain properties (proptest): PROPTEST_CASES
# Each failure prints its seed and minimal failing input (proptest also records it in
# contracts/types/proptest-regressions/, replayed first on the next run), so a failure found
# here is reproduced by a plain `cargo test`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

SOAK_CASES=20000
cases="${1:-${AGORA_SOAK_CASES:-$SOAK_CASES}}"
case "$cases" in
  ''|*[!0-9]*) echo "soak.sh: CASES must be a positive integer, got '$cases'" >&2; exit 2 ;;
esac

echo "[soak] property tests of the log verifier, $cases cases each (release build)"
start=$SECONDS
PROPTEST_CASES="$cases" cargo test -p agora-types --release --lib log::tests:: 2>&1 |
  tee target/soak-types.log | grep -E '^test |test result|minimal failing|seed'
echo "[soak] done in $((SECONDS - start)) s"
