#!/usr/bin/env bash
# Runs a local substrate-contracts-node in the background.
#
#   scripts/node.sh start  [--base-path DIR] [--port P] [--tmp]
#   scripts/node.sh stop   [--base-path DIR]
#   scripts/node.sh status [--base-path DIR] [--port P]
#
# start: launches `substrate-contracts-node --dev` with a persistent base path (default
#        target/node/data, so chain data survives restarts; --tmp for a throw-away chain),
#        waits until its RPC answers on ws://127.0.0.1:P (default 9944), writes a pid file
#        beside the data and prints the URL. Refuses to start a second node on the same
#        base path.
# stop:  stops the node recorded in the pid file (and only that process).
# status: says whether that node runs and whether its RPC answers.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
NODE_BIN="${CONTRACTS_NODE:-substrate-contracts-node}"
STARTUP_TIMEOUT_SECS=60

cmd="${1:-}"
[ -n "$cmd" ] && shift
base_path="$root/target/node/data"
port=9944
tmp=false
while [ $# -gt 0 ]; do
  case "$1" in
    --base-path) base_path="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --tmp) tmp=true; shift ;;
    *) echo "node.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
run_dir="$base_path.run"
pid_file="$run_dir/node.pid"
log_file="$run_dir/node.log"

rpc_answers() {
  curl -s -m 2 -H 'Content-Type: application/json' \
    -d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' \
    "http://127.0.0.1:$1" 2>/dev/null | grep -q '"result"'
}

running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file")
  kill -0 "$pid" 2>/dev/null && [ "$(ps -o comm= -p "$pid" 2>/dev/null)" != "" ] || return 1
  echo "$pid"
}

case "$cmd" in
  start)
    if ! command -v "$NODE_BIN" >/dev/null 2>&1; then
      echo "node.sh: $NODE_BIN not found; run scripts/setup.sh (it builds it once)" >&2
      exit 1
    fi
    if pid=$(running_pid); then
      echo "node.sh: a node already runs on $base_path (pid $pid)"
      exit 0
    fi
    if rpc_answers "$port"; then
      echo "node.sh: port $port already answers (another node?); pick --port" >&2
      exit 1
    fi
    mkdir -p "$run_dir"
    if $tmp; then
      storage=(--tmp)
    else
      mkdir -p "$base_path"
      storage=(--base-path "$base_path")
    fi
    echo "[node] starting $NODE_BIN --dev (${storage[*]}) on port $port"
    nohup "$NODE_BIN" --dev "${storage[@]}" --rpc-port "$port" --rpc-cors all \
      >"$log_file" 2>&1 &
    echo $! >"$pid_file"
    for _ in $(seq 1 "$STARTUP_TIMEOUT_SECS"); do
      if rpc_answers "$port"; then
        echo "[node] ready: ws://127.0.0.1:$port (pid $(cat "$pid_file"), log $log_file)"
        exit 0
      fi
      if ! running_pid >/dev/null; then
        echo "node.sh: the node exited; last lines of $log_file:" >&2
        tail -20 "$log_file" >&2
        exit 1
      fi
      sleep 1
    done
    echo "node.sh: RPC did not answer within ${STARTUP_TIMEOUT_SECS}s; see $log_file" >&2
    exit 1
    ;;
  stop)
    if pid=$(running_pid); then
      kill "$pid"
      for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
      done
      rm -f "$pid_file"
      echo "[node] stopped (pid $pid)"
    else
      rm -f "$pid_file"
      echo "[node] not running"
    fi
    ;;
  status)
    if pid=$(running_pid); then
      if rpc_answers "$port"; then
        echo "[node] running (pid $pid), RPC answers on ws://127.0.0.1:$port"
      else
        echo "[node] running (pid $pid), RPC not answering on port $port"
        exit 1
      fi
    else
      echo "[node] not running"
      exit 1
    fi
    ;;
  *)
    sed -n 2,14p "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
