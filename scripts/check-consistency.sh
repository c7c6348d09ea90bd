#!/usr/bin/env bash
# Checks that facts kept in more than one file agree.
#
#   scripts/check-consistency.sh lockfiles   ink, parity-scale-codec, scale-info and secp256k1
#                                            resolve to one version in each of the four
#                                            lockfiles, the same in all of them
#   scripts/check-consistency.sh bindings    the web app's metadata copies and generated
#                                            bindings (app/src/contracts/) were generated from
#                                            the bundles in target/ink/ (same source hash)
#
# Prints one line per fact and a closing "consistency: N passed, M failed"; exits non-zero if
# any check fails.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

case "${1:-}" in
  lockfiles | bindings) ;;
  *) sed -n 2,11p "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

exec python3 - "$1" <<'PY'
import json
import sys
import tomllib
from pathlib import Path

what = sys.argv[1]
passed = failed = 0


def check(ok, line):
    global passed, failed
    if ok:
        passed += 1
        print(f"  ok   {line}")
    else:
        failed += 1
        print(f"  FAIL {line}")


if what == "lockfiles":
    # The crates whose versions must agree: the contracts, the drink and ink_e2e harnesses and
    # the CLI all encode the same SCALE types and check the same signatures.
    pinned = ["ink", "parity-scale-codec", "scale-info", "secp256k1"]
    lockfiles = ["Cargo.lock", "e2e-tests/Cargo.lock", "e2e-tests/node/Cargo.lock", "cli/Cargo.lock"]
    found = {}
    for lock in lockfiles:
        packages = tomllib.loads(Path(lock).read_text())["package"]
        for name in pinned:
            versions = sorted({p["version"] for p in packages if p["name"] == name})
            found.setdefault(name, {})[lock] = versions
    for name in pinned:
        per_lock = found[name]
        all_versions = sorted({v for vs in per_lock.values() for v in vs})
        detail = ", ".join(f"{lock}: {' '.join(vs) or 'absent'}" for lock, vs in per_lock.items())
        ok = len(all_versions) == 1 and all(len(vs) == 1 for vs in per_lock.values())
        check(ok, f"{name} {' / '.join(all_versions) or 'absent'}" + ("" if ok else f" ({detail})"))
else:
    contracts = ["decision_log", "agent_registry", "peer_review", "voting", "proposals"]
    meta_dir = Path("app/src/contracts/metadata")
    stamp_path = Path("app/src/contracts/generated/source-hashes.json")
    stamps = json.loads(stamp_path.read_text()) if stamp_path.exists() else {}
    if not stamp_path.exists():
        check(False, f"{stamp_path} is missing (cd app && npm run typegen writes it)")
    for c in contracts:
        bundle_meta = Path(f"target/ink/{c}/{c}.json")
        if not bundle_meta.exists():
            check(False, f"{c}: {bundle_meta} is missing (build the bundles first: scripts/bundles.sh)")
            continue
        built = json.loads(bundle_meta.read_text())["source"]["hash"]
        copied = json.loads((meta_dir / f"{c}.json").read_text())["source"]["hash"]
        fix = "; regenerate: scripts/bundles.sh && (cd app && npm run typegen)"
        check(copied == built, f"{c}: app metadata {copied[:18]}… " +
              ("matches the bundle" if copied == built else f"differs from the bundle {built[:18]}…{fix}"))
        stamped = stamps.get(c)
        check(stamped == built, f"{c}: generated bindings " +
              ("match the bundle" if stamped == built else f"were generated from {str(stamped)[:18]}…, not the bundle {built[:18]}…{fix}"))

print(f"consistency: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
