#!/usr/bin/env bash
# Runs the weight benchmarks (the #[ignore]d bench_* drink tests) and prints their BENCH lines.
# Figures go into docs/benchmarks.md by hand; targets are stated there and in each line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../e2e-tests"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cargo test -- --ignored bench_ --nocapture --test-threads 1 2>&1 | tee ../target/bench.log \
  | grep -Eo 'BENCH.*|test result.*'
