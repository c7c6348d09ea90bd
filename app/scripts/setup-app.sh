#!/usr/bin/env bash
# Prepares the web app (app/) for development and its tests. Idempotent:
#   - installs Debian's chromium with apt only if /usr/bin/chromium is missing (the browser
#     tests launch it; Playwright's own browser download is never used);
#   - runs `npm ci` only if app/node_modules is missing or older than package-lock.json.
#
#   bash app/scripts/setup-app.sh
set -euo pipefail

app="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "[setup-app] $*"; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup-app: node and npm are required (Node >= 20.19; vite 7 needs it)" >&2
  exit 1
fi
node_version=$(node -p 'process.versions.node')
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "setup-app: Node $node_version is too old; vite 7 needs >= 20.19" >&2
  exit 1
fi
say "node $node_version, npm $(npm --version)"

if [ -x /usr/bin/chromium ]; then
  say "chromium present: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
else
  say "installing chromium with apt (for the browser tests)"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  say "chromium installed: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
fi

# npm writes node_modules/.package-lock.json on every install: if it is missing or older than
# package-lock.json, the tree is stale (npm ci itself refuses a lock out of step with
# package.json).
stamp="$app/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$app/package-lock.json" -nt "$stamp" ]; then
  say "npm ci (node_modules missing or stale)"
  start=$(date +%s)
  (cd "$app" && npm ci --no-audit --no-fund --loglevel=error)
  say "npm ci done in $(( $(date +%s) - start )) s"
else
  say "node_modules up to date with package-lock.json"
fi
say "ready: cd app && npm run dev   (tests: bash app/scripts/test-app.sh)"
