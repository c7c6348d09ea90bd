#!/usr/bin/env bash
# Runs the benchmarks and prints their BENCH lines: the offline log verifier (agora-types,
# release), the CLI reading and verifying a 10 000-entry export file (debug, as the CLI is
# built) and the weight benchmarks (the #[ignore]d bench_* drink tests).
# Figures go into docs/benchmarks.md by hand; targets are stated there and in each line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
mkdir -p target
cargo test -p agora-types --release --lib -- --ignored bench_ --nocapture 2>&1 \
  | tee target/bench-types.log | grep -Eo 'BENCH.*|test result.*'
(cd cli && cargo test --test bench_export -- --ignored --nocapture 2>&1) \
  | tee target/bench-cli.log | grep -E 'offline verification|test result'
cd e2e-tests
cargo test -- --ignored bench_ --nocapture --test-threads 1 2>&1 | tee ../target/bench.log \
  | grep -Eo 'BENCH.*|test result.*'
