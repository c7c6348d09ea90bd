#!/usr/bin/env bash
# The suite on a real substrate-contracts-node: deploys the five release bundles with
# cargo-contract, runs the bootstrap handover (log writers, admins to the hub,
# complete_bootstrap), checks bootstrap_complete() and the log head, then stops the node,
# restarts it on the same base path and checks that the contracts and the log are intact.
#
#   scripts/node-smoke.sh            (needs substrate-contracts-node, cargo-contract and the
#                                     bundles in target/ink/, e.g. from scripts/test.sh)
#
# Between bootstrap and restart it runs a whole proposal lifecycle on the node: a treasury
# deposit, a member's transfer proposal, a Safety review, close review, three votes, close
# voting, queue, execute after the timelock (instant seal: every transaction is a block, so
# windows pass by sending deposits).
#
# Prints one line "node checks: N passed, M failed" at the end; exits non-zero on failure.
# A throw-away base path under target/ and its own port, so it never touches a dev node.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
PORT="${AGORA_SMOKE_PORT:-9961}"
URL="ws://127.0.0.1:$PORT"
BASE="$root/target/node-smoke/data"
TAG="agora-local"
# The hub's parameters for this check (all within their bounds).
PARAMS='{ review_window: 5, voting_window: 5, timelock: 3, grace_period: 5, review_rules: { min_reviews: 1, required_perspectives: (1), max_rejections: 0 }, voting_rules: { quorum_bps: 5000, approval_threshold_bps: 5000, require_both_kinds: false }, max_open_per_member: 3, veto_threshold: 1, max_spend_per_proposal: 1000000, max_spend_per_period: 1500000, spending_period: 100 }'

passed=0
failed=0
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1))
    echo "  ok   $1"
  else
    failed=$((failed + 1))
    echo "  FAIL $1: expected '$2', got '$3'"
  fi
}

node() { bash scripts/node.sh "$1" --base-path "$BASE" --port "$PORT"; }
finish() {
  node stop >/dev/null 2>&1
  echo "node checks: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

# instantiate CONTRACT SALT [ARGS...]: prints the new contract's address.
instantiate() {
  local c="$1" salt="$2"
  shift 2
  local args=()
  [ $# -gt 0 ] && args=(--args "$@")
  (cd "contracts/$c" && cargo contract instantiate "$root/target/ink/$c/$c.contract" \
    --url "$URL" --suri //Alice --constructor new --salt "$salt" -x --skip-confirm \
    --output-json "${args[@]}" 2>&1) |
    python3 -c 'import json, sys
text = sys.stdin.read()
try:
    print(json.loads(text)["contract"])
except Exception:
    sys.stderr.write(text[-800:])'
}

# execute CONTRACT ADDRESS MESSAGE [ARGS...]: submits a transaction signed by $SURI (default
# //Alice, with $VALUE transferred if set); fails if it reverted.
execute() {
  local c="$1" addr="$2" msg="$3"
  shift 3
  local args=()
  [ $# -gt 0 ] && args=(--args "$@")
  local value=()
  [ -n "${VALUE:-}" ] && value=(--value "$VALUE")
  local out
  out=$(cd "contracts/$c" && cargo contract call --contract "$addr" --message "$msg" \
    --url "$URL" --suri "${SURI:-//Alice}" -x --skip-confirm "${value[@]}" "${args[@]}" 2>&1)
  if grep -q 'ExtrinsicSuccess' <<<"$out" && ! grep -qi 'revert\|Err(' <<<"$out"; then
    return 0
  fi
  echo "$out" | tail -20 >&2
  return 1
}

# query CONTRACT ADDRESS MESSAGE [ARGS...]: prints the decoded "Result ..." of a dry run.
query() {
  local c="$1" addr="$2" msg="$3"
  shift 3
  local args=()
  [ $# -gt 0 ] && args=(--args "$@")
  (cd "contracts/$c" && cargo contract call --contract "$addr" --message "$msg" \
    --url "$URL" --suri //Alice "${args[@]}" 2>&1) | grep -o 'Result .*' | head -1
}

for c in decision_log agent_registry peer_review voting proposals; do
  if [ ! -f "target/ink/$c/$c.contract" ]; then
    echo "node-smoke: target/ink/$c/$c.contract missing (build the bundles first)" >&2
    failed=$((failed + 1))
    finish
  fi
done

rm -rf "$BASE" "$BASE.run"
node start || { failed=$((failed + 1)); finish; }

echo "[smoke] deploying the five contracts to $URL"
LOG=$(instantiate decision_log 0x01)
REG=$(instantiate agent_registry 0x01 "\"$TAG\"")
REV=$(instantiate peer_review 0x01 "$REG" "$LOG")
VOT=$(instantiate voting 0x01 "\"$TAG\"" "$REG" "$LOG")
HUB=$(instantiate proposals 0x01 "\"$TAG\"" "$REG" "$REV" "$VOT" "$LOG" "$PARAMS")
for pair in "decision_log:$LOG" "agent_registry:$REG" "peer_review:$REV" "voting:$VOT" "proposals:$HUB"; do
  check "${pair%%:*} accepted and instantiated by the node" "yes" "$([ -n "${pair#*:}" ] && echo yes || echo no)"
done
[ -n "$HUB" ] && [ -n "$LOG" ] || finish

echo "[smoke] bootstrap: founders, log writers, admins to the hub, complete_bootstrap"
ALICE=5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
BOB=5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty
ok=yes
# Alice holds Safety (bit 0), Bob Efficiency (bit 3); both human, weight 10, no signing key.
execute agent_registry "$REG" MemberRegistry::register_member "$ALICE" \
  '{ kind: Human, perspectives: (1), weight: 10, metadata_uri: "ipfs://alice", operator: None }' None || ok=no
execute agent_registry "$REG" MemberRegistry::register_member "$BOB" \
  '{ kind: Human, perspectives: (8), weight: 10, metadata_uri: "ipfs://bob", operator: None }' None || ok=no
check "founders registered" yes "$ok"
check "rules_meetable() with the founders, before the handover" "Result Ok(Ok())" \
  "$(query proposals "$HUB" rules_meetable)"
for w in "$HUB" "$REV" "$VOT"; do
  execute decision_log "$LOG" DecisionLog::authorize_writer "$w" || ok=no
done
for pair in "agent_registry:$REG" "peer_review:$REV" "voting:$VOT" "decision_log:$LOG"; do
  execute "${pair%%:*}" "${pair#*:}" Governed::transfer_admin "$HUB" || ok=no
done
check "writers authorized and admins handed to the hub" yes "$ok"
check "bootstrap_complete() before recording" "Result Ok(true)" "$(query proposals "$HUB" bootstrap_complete)"
execute proposals "$HUB" complete_bootstrap && ok=yes || ok=no
check "complete_bootstrap recorded" yes "$ok"
check "bootstrap_recorded()" "Result Ok(true)" "$(query proposals "$HUB" bootstrap_recorded)"
check "a second complete_bootstrap is refused" \
  "Result Ok(Err(BootstrapAlreadyRecorded))" "$(query proposals "$HUB" complete_bootstrap)"
head_before=$(query decision_log "$LOG" DecisionLog::head)
check "log holds 3 writer entries, its admin handover and the bootstrap entry" "5" \
  "$(sed -E 's/^Result Ok\(\(([0-9]+),.*/\1/' <<<"$head_before")"

echo "[smoke] a proposal's lifecycle on the node"
CHARLIE=5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y
EVE=5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw
HASH=0x$(printf '42%.0s' $(seq 32))
ZERO=0x$(printf '00%.0s' $(seq 32))
# tick N: seals N blocks by sending N one-unit deposits (instant seal).
tick() {
  local i
  for i in $(seq "$1"); do VALUE=1 execute proposals "$HUB" deposit || return 1; done
}
ok=yes
VALUE=100000 execute proposals "$HUB" deposit || ok=no
check "the treasury takes a deposit" yes "$ok"
ok=yes
SURI=//Alice execute agent_registry "$REG" MemberRegistry::suspend_member "$CHARLIE" 2>/dev/null && ok=no
check "only the hub may change membership after the handover" yes "$ok"
# Bob (Efficiency) proposes a transfer to Eve; Alice (Safety) approves; both vote.
ok=yes
SURI=//Bob execute proposals "$HUB" submit "$HASH" '"ipfs://grant"' "[Transfer { to: $EVE, amount: 1000 }]" || ok=no
check "a member submits a transfer proposal" yes "$ok"
check "the proposal is in review" "Result Ok(Ok(InReview))" "$(query proposals "$HUB" state 1)"
ok=yes
SURI=//Alice execute peer_review "$REV" submit_review 1 1 Approve 90 Safety "$HASH" '"ipfs://review"' None '""' || ok=no
check "the Safety member approves in review" yes "$ok"
tick 6 || failed=$((failed + 1))
ok=yes
execute proposals "$HUB" close_review 1 || ok=no
check "review closes and voting opens" "Result Ok(Ok(Voting))" "$(query proposals "$HUB" state 1)"
ok=yes
SURI=//Alice execute voting "$VOT" cast_vote 1 For "$ZERO" || ok=no
SURI=//Bob execute voting "$VOT" cast_vote 1 For "$ZERO" || ok=no
check "both members vote For" yes "$ok"
ok=yes
SURI=//Bob execute voting "$VOT" cast_vote 1 Against "$ZERO" 2>/dev/null && ok=no
check "a second vote by the same member is refused" yes "$ok"
tick 6 || failed=$((failed + 1))
execute proposals "$HUB" close_voting 1 || true
check "voting closes: Succeeded" "Result Ok(Ok(Succeeded))" "$(query proposals "$HUB" state 1)"
execute proposals "$HUB" queue 1 || true
check "queued behind the timelock" "Result Ok(Ok(Queued))" "$(query proposals "$HUB" state 1)"
ok=yes
execute proposals "$HUB" execute 1 2>/dev/null && ok=no
check "execute before eta is refused" yes "$ok"
tick 3 || failed=$((failed + 1))
treasury_before=$(query proposals "$HUB" treasury | grep -Eo '[0-9]+')
execute proposals "$HUB" execute 1 || true
treasury_after=$(query proposals "$HUB" treasury | grep -Eo '[0-9]+')
check "the treasury paid the 1000 granted" 1000 "$((treasury_before - treasury_after))"
check "executed after the timelock" "Result Ok(Ok(Executed))" "$(query proposals "$HUB" state 1)"
vote_before=$(query voting "$VOT" vote_of 1 "$ALICE")
check "Alice's vote receipt is readable" "Result Ok(Some(" "${vote_before:0:15}"
head_before=$(query decision_log "$LOG" DecisionLog::head)
check "the log grew with every lifecycle step" yes \
  "$([ "$(sed -E 's/^Result Ok\(\(([0-9]+),.*/\1/' <<<"$head_before")" -ge 13 ] && echo yes || echo no)"

echo "[smoke] restart on the same base path"
node stop >/dev/null
node start >/dev/null || { failed=$((failed + 1)); finish; }
check "log head unchanged after restart" "$head_before" "$(query decision_log "$LOG" DecisionLog::head)"
check "bootstrap still recorded after restart" "Result Ok(true)" "$(query proposals "$HUB" bootstrap_recorded)"
check "hub still administers the registry after restart" \
  "Result Ok($HUB)" "$(query agent_registry "$REG" Governed::admin)"
check "the proposal is still Executed after restart" "Result Ok(Ok(Executed))" \
  "$(query proposals "$HUB" state 1)"
check "the vote receipt is intact after restart" "$vote_before" "$(query voting "$VOT" vote_of 1 "$ALICE")"
finish
