#!/usr/bin/env bash
# Checks that facts kept in more than one file agree.
#
#   scripts/check-consistency.sh lockfiles   ink, parity-scale-codec, scale-info and secp256k1
#                                            resolve to one version in each of the four
#                                            lockfiles, the same in all of them
#   scripts/check-consistency.sh bindings    the web app's metadata copies (app/src/contracts/
#                                            metadata) have the ABI of the bundles in
#                                            target/ink/, and the generated bindings were made
#                                            from those copies
#   scripts/check-consistency.sh sharing     tools/build-share/ unifies the features of the
#                                            three host workspaces, so each dependency is
#                                            compiled once in cli/target
#                                            (scripts/lib/build_share.py)
#
# Prints one line per fact and a closing "consistency: N passed, M failed"; exits non-zero if
# any check fails.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

case "${1:-}" in
  lockfiles | bindings) ;;
  sharing) exec python3 scripts/lib/build_share.py check ;;
  *) sed -n 2,15p "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

exec python3 - "$1" <<'PY'
import hashlib
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
    # The bindings come from the metadata's ABI (spec, types, storage, version, contract), so
    # that is what must match. The code hash (source.hash) is shown but not compared: the
    # contract builder's output depends on the checkout's absolute path (it builds each
    # contract in a temporary workspace that names the path dependencies by their location),
    # so a clone elsewhere builds the same source to another hash (docs/toolchain.md).
    contracts = ["decision_log", "agent_registry", "peer_review", "voting", "proposals"]
    meta_dir = Path("app/src/contracts/metadata")
    stamp_path = Path("app/src/contracts/generated/metadata-sha256.json")
    stamps = json.loads(stamp_path.read_text()) if stamp_path.exists() else {}
    fix = "; regenerate: scripts/bundles.sh && (cd app && npm run typegen)"
    if not stamp_path.exists():
        check(False, f"{stamp_path} is missing (cd app && npm run typegen writes it)")
    for c in contracts:
        bundle_meta = Path(f"target/ink/{c}/{c}.json")
        if not bundle_meta.exists():
            check(False, f"{c}: {bundle_meta} is missing (build the bundles first: scripts/bundles.sh)")
            continue
        built = json.loads(bundle_meta.read_text())
        copy_path = meta_dir / f"{c}.json"
        copy_bytes = copy_path.read_bytes()
        copied = json.loads(copy_bytes)
        abi = lambda m: {k: v for k, v in m.items() if k != "source"}
        same = abi(copied) == abi(built)
        differing = sorted(k for k in set(abi(copied)) | set(abi(built)) if abi(copied).get(k) != abi(built).get(k))
        check(same, f"{c}: the app's metadata has the bundle's ABI" + ("" if same else f" (differs in {', '.join(differing)}){fix}"))
        digest = hashlib.sha256(copy_bytes).hexdigest()
        stamped = stamps.get(c)
        check(stamped == digest, f"{c}: the generated bindings come from that metadata" +
              ("" if stamped == digest else f" (stamp {str(stamped)[:12]}…, file {digest[:12]}…){fix}"))
        if copied["source"]["hash"] != built["source"]["hash"]:
            print(f"       {c}: code hash {built['source']['hash'][:18]}… here, {copied['source']['hash'][:18]}… where the copy was made (expected across checkouts)")

print(f"consistency: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
