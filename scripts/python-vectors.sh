#!/usr/bin/env bash
# Checks the shared signing vectors (e2e-tests/fixtures/signing-vectors.json) with the
# independent Python signer (tools/agora_signer), which has its own SCALE encoder and signs
# with coincurve and a pure-Python secp256k1. Prints one line "signing vectors: N passed,
# M failed (...)" and exits non-zero on any mismatch (details on stderr).
#
# The venv lives in target/py-venv; it is created only when missing, and the pinned
# requirements are installed only when not already satisfied.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/target/py-venv"
req="$root/tools/agora_signer/requirements.txt"
fixture="${1:-$root/e2e-tests/fixtures/signing-vectors.json}"
py="$venv/bin/python"

if [ ! -x "$py" ]; then
  python3 -m venv "$venv" >&2
fi

# Exit 0 when every "name==version" pin of the requirements file is installed.
pins_satisfied() {
  "$py" - "$req" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version

for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, _, want = line.partition("==")
    try:
        if version(name.strip()) != want.strip():
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
}

if ! pins_satisfied; then
  "$py" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
fi

exec "$py" "$root/tools/agora_signer/agora_signer.py" check-vectors --quiet \
  --schemas "$root/schemas/wire" "$fixture"
