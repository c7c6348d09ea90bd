#!/usr/bin/env bash
# Builds every contract bundle once, sharing the dependency builds between contracts.
#
#   scripts/bundles.sh              share the build directories, then
#                                   `cargo contract build --release` for each suite contract
#                                   and each test contract, then the .wasm size table
#   scripts/bundles.sh --suite      the same for the five suite contracts only (the demo)
#   scripts/bundles.sh --prepare    only share the build directories (drink's proc macro
#                                   then builds the bundles into them; scripts/test.sh runs
#                                   this before the drink tier)
#   scripts/bundles.sh --sizes      only print the size table (fails if a bundle is missing;
#                                   a contract over MAX_CONTRACT_KIB is marked OVER: the hub
#                                   is, until the treasury leaves it)
#
# Why: the contract builder (contract-build 5.0.3, used by cargo-contract, drink and ink_e2e)
# gives every contract its own target directory, target/ink/<contract>/, and builds two things
# there: the release Wasm (target/ink/<contract>/wasm32-unknown-unknown/release, with its
# host build scripts and proc macros in target/ink/<contract>/release) and the metadata
# generator (host, target/ink/<contract>/release). Every contract so compiled ink, scale and
# their proc macros from scratch, twice: 1 to 3.5 minutes each for each of the eight
# contracts. Here those two directories of every contract are symlinks to one shared pair in
# target/ink/.shared/, so cargo finds the dependencies it built for the first contract fresh
# for the others (same versions, features, profile and flags; only each contract's own crate
# and its metadata generator are compiled). Cargo's build lock lives in the shared directory,
# so two builds never write it at once. The bundles (.contract, .wasm, .json) stay where every
# tool looks for them: target/ink/<contract>/.
#
# The builds run one after another (as drink's proc macro runs them): each contract's
# metadata generator is the binary target/ink/.shared/release/metadata-gen, built and run
# by one build at a time.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# The suite's contracts, and the contracts only tests deploy (test-contracts/).
SUITE=(agent_registry decision_log peer_review voting proposals)
TEST_CONTRACTS=(vote_floor call_target call_target_v2)
# The standing size target: every suite contract's release Wasm at most this many KiB.
MAX_CONTRACT_KIB=48

ink_dir="$root/target/ink"
shared="$ink_dir/.shared"

# share_dirs: makes target/ink/<c>/{release,wasm32-unknown-unknown} links into .shared/.
# A contract directory that already holds real build directories (from a build before this
# script existed) has them moved aside once, so the link can take their place.
share_dirs() {
  mkdir -p "$shared/release" "$shared/wasm32-unknown-unknown"
  local c d
  for c in "${SUITE[@]}" "${TEST_CONTRACTS[@]}"; do
    mkdir -p "$ink_dir/$c"
    for d in release wasm32-unknown-unknown; do
      local link="$ink_dir/$c/$d"
      if [ -L "$link" ]; then
        continue
      fi
      if [ -e "$link" ]; then
        rm -rf "$link"
      fi
      ln -s "../.shared/$d" "$link"
    done
  done
}

# sizes: the release Wasm of every suite contract, against MAX_CONTRACT_KIB.
sizes() {
  local ok=0 c
  printf '%-16s %12s %10s  %s\n' contract "wasm bytes" KiB "target ≤ $MAX_CONTRACT_KIB KiB"
  for c in "${SUITE[@]}"; do
    local wasm="$ink_dir/$c/$c.wasm"
    if [ ! -f "$wasm" ]; then
      printf '%-16s %12s\n' "$c" missing
      ok=1
      continue
    fi
    local size verdict=ok
    size=$(stat -c %s "$wasm")
    if [ "$size" -gt $((MAX_CONTRACT_KIB * 1024)) ]; then verdict=OVER; fi
    awk -v c="$c" -v s="$size" -v v="$verdict" \
      'BEGIN { printf "%-16s %12d %10.1f  %s\n", c, s, s / 1024, v }'
  done
  return $ok
}

build=("${SUITE[@]}" "${TEST_CONTRACTS[@]}")
case "${1:-}" in
  --prepare)
    share_dirs
    echo "[bundles] target/ink/<contract>/{release,wasm32-unknown-unknown} share target/ink/.shared/"
    exit 0
    ;;
  --sizes)
    sizes
    exit $?
    ;;
  --suite) build=("${SUITE[@]}") ;;
  "") ;;
  *) echo "bundles.sh: unknown option $1" >&2; exit 2 ;;
esac

share_dirs
if ! cargo contract --version >/dev/null 2>&1; then
  echo "bundles.sh: cargo-contract is not installed (scripts/setup.sh installs it)" >&2
  exit 1
fi
for c in "${build[@]}"; do
  dir=contracts
  [ -d "contracts/$c" ] || dir=test-contracts
  start=$SECONDS
  cargo contract build --release --quiet --manifest-path "$dir/$c/Cargo.toml"
  echo "[bundles] $c: $((SECONDS - start)) s"
done
echo
sizes
