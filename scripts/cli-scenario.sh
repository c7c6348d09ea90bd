#!/usr/bin/env bash
# The seed scenario through the `agora` CLI on a throw-away substrate-contracts-node, narrated:
# deploy and bootstrap, an AI agent's signed proposal relayed by a human, a Safety review that
# asks for a change, the agent's signed revision, approvals from the required perspectives,
# votes by humans and the agent (its vote signed and relayed), queue, execute after the
# timelock, then the decision log as a table, verified on chain and offline (an edited copy
# and one naming another writer are caught); the node restarts on the same base path and the
# contracts, proposals, votes and log are checked intact; finally a successor suite is
# deployed, governance hands the suite on to it, and its log verify follows the link back.
#
#   scripts/cli-scenario.sh [--port P]     (default 9944, the `local` network's port)
#
# Used by scripts/demo.sh (the README's main command) and by the `cli` tier of
# scripts/test.sh (on its own port). Each claim it narrates is also checked; it ends with
# "cli checks: N passed, M failed" and exits non-zero on a failure.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
PORT=9944
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    *) echo "cli-scenario.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
WORK="$root/target/cli-scenario/$PORT"
BASE="$WORK/node"
export AGORA_URL="ws://127.0.0.1:$PORT"
export AGORA_NETWORK=local
# The demo on the default port records its deployment where operators look for it; test runs
# on other ports keep theirs under target/.
if [ "$PORT" = 9944 ]; then
  export AGORA_DEPLOYMENT="$root/deploy/deployments/local.json"
else
  export AGORA_DEPLOYMENT="$WORK/deployment.json"
fi
AGORA="$root/cli/target/debug/agora"
KEY="$root/deploy/keys/demo-agent.key.json"
GRANTEE=//Ferdie
# The grantee in files, which take SS58 or 0x-hex accounts (dev names are for options).
GRANTEE_SS58=5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "   ✓ $*"; }
bad() { failed=$((failed + 1)); echo "   ✗ FAILED: $*"; }
say() { printf '\n\033[1m%s\033[0m\n' "$*"; }
# run DESCRIPTION -- COMMAND...: runs an agora command, shows its output, checks it succeeded.
run() {
  local what="$1"
  shift 2
  local out
  if out=$("$AGORA" "$@" 2>&1); then
    sed 's/^/   /' <<<"$out"
    ok "$what"
  else
    sed 's/^/   /' <<<"$out"
    bad "$what"
  fi
}
# refused DESCRIPTION EXPECTED-VARIANT -- COMMAND...: the command must fail naming the variant.
refused() {
  local what="$1" variant="$2"
  shift 3
  local out
  out=$("$AGORA" "$@" 2>&1)
  local rc=$?
  sed 's/^/   /' <<<"$out"
  if [ $rc -ne 0 ] && grep -q "$variant" <<<"$out"; then ok "$what"; else bad "$what (expected $variant)"; fi
}
# json COMMAND...: the command's --json document on stdout; each is also kept under $JSON_DIR
# (with its arguments) so that section 11 checks it against its schema in schemas/cli/.
JSON_DIR="$WORK/json"
json() {
  local out keep
  out=$("$AGORA" --json "$@" 2>/dev/null)
  keep=$(mktemp "$JSON_DIR/out.XXXXXX")
  printf '%s\n' "$*" >"$keep.args"
  printf '%s\n' "$out" >"$keep.json"
  printf '%s\n' "$out"
}
# field PATH: a value of the JSON document on stdin (a Python subscript, e.g. '["result"]["state"]').
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d'+sys.argv[1]))" "$1"; }
# result PATH: a value of the --json document's result ({"ok": true, "result": …}).
result() { field '["result"]'"$1"; }
finish() {
  bash scripts/node.sh stop --base-path "$BASE" >/dev/null 2>&1
  echo
  echo "cli checks: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

if [ ! -x "$AGORA" ]; then
  echo "cli-scenario: $AGORA is missing (cargo build --manifest-path cli/Cargo.toml)" >&2
  failed=1
  finish
fi
if curl -s -m 1 "http://127.0.0.1:$PORT" >/dev/null 2>&1; then
  echo "cli-scenario: something already listens on port $PORT; stop it or pass --port" >&2
  failed=1
  finish
fi
rm -rf "$WORK"
mkdir -p "$WORK" "$JSON_DIR"
# A persistent base path (under $WORK, removed above), so section 10 can restart the node on it.
bash scripts/node.sh start --base-path "$BASE" --port "$PORT" >/dev/null || { failed=1; finish; }

say "0. Bad input gets a clear error"
refused "an unknown network is named" "unknown network \`mars\`" -- --network mars proposals
refused "a missing deployments file is named" "no deployment at" -- --deployment "$WORK/none.json" proposals
echo '{"network":"local","url":"","chain_tag":"agora-local","block":0,"deployer":"","salt":"0x00","contracts":{}}' >"$WORK/empty.json"
refused "an unreachable node is named with its URL" "cannot reach a node at ws://127.0.0.1:1" -- \
  --url ws://127.0.0.1:1 --deployment "$WORK/empty.json" proposals
echo '{"type": "secp256k1", "secret": "0x01", "public": "0x02"}' >"$WORK/bad.key.json"
refused "a wrong key file is refused" "is not an agent key file" -- agent sign-vote --payload "$WORK/empty.json" --key "$WORK/bad.key.json"

say "1. An operator deploys the suite: five contracts, four founders, the admin handover"
echo "   founders (deploy/agora.toml): Alice (human; Safety), Bob (human; Ethics+Efficiency),"
echo "   Charlie (human; Creativity), Dave (AI agent operated by Alice; Efficiency+Safety; signs with its own key)"
run "deployed and bootstrapped" -- deploy --fresh --suri //Alice
[ "$failed" -eq 0 ] || finish
out=$("$AGORA" deploy --suri //Alice 2>&1)
grep -q "already at" <<<"$out" && grep -q "already recorded" <<<"$out" &&
  ok "re-running deploy reports what is deployed and changes nothing" || { sed 's/^/   /' <<<"$out"; bad "re-running deploy"; }
tag=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["chain_tag"])' "$AGORA_DEPLOYMENT")
[[ "$tag" =~ ^agora/[0-9a-f]{16}$ ]] && ok "the chain tag $tag is derived from the chain's genesis hash" ||
  bad "the chain tag $tag is derived from the genesis hash"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["chain_tag"]="agora-local"; json.dump(d,open(sys.argv[2],"w"))' \
  "$AGORA_DEPLOYMENT" "$WORK/other-chain.json"
refused "a deployment binding another chain's tag signs nothing (wrong_chain)" '"kind":"wrong_chain"' -- \
  --json --deployment "$WORK/other-chain.json" vote 1 for --suri //Alice
run "members listed" -- member list
[ "$(json member list | result '["members"].__len__()')" = 4 ] && ok "four founders registered" || bad "four founders registered"

say "2. Dave, the treasury agent, signs a grant proposal offline; Charlie relays it"
cat >"$WORK/grant-v1.md" <<'EOF'
# Grant: community translation fund
Pay 300 units from the treasury to Ferdie, who coordinates volunteer translators.
EOF
run "signed proposal relayed" -- propose --sign-with "$KEY" --file "$WORK/grant-v1.md" \
  --uri "file://$WORK/grant-v1.md" --transfer "$GRANTEE:300000000000000" --suri //Charlie \
  --save-envelope "$WORK/proposal-envelope.json"
author=$(json status 1 | result '["author"]')
[ -n "$author" ] && [ "$author" = "$(json member show //Dave | result '["member"]["account"]')" ] &&
  ok "the proposal's author is the agent, not the relayer" || bad "the proposal's author is the agent"
refused "the same signed proposal cannot be relayed twice" NonceUsed -- \
  relay "$WORK/proposal-envelope.json" --suri //Eve

say "3. Review from perspectives: Safety asks for a change, Ethics approves"
run "Alice (Safety) requests changes" -- review 1 --suri //Alice --verdict request-changes --score 55 \
  --perspective safety --feedback "One payment of 300 is too much risk for a first grant." \
  --suggestion "Cap the grant at 200 and report on its use." --suggestion-uri "ipfs://alice-suggestion"
run "Bob (Ethics) approves" -- review 1 --suri //Bob --verdict approve --score 80 --perspective ethics \
  --feedback "Translators widen who can take part."
refused "the author cannot review its own proposal" AuthorCannotReview -- \
  review 1 --suri //Dave --verdict approve --score 90 --perspective efficiency

say "4. Dave revises as Safety suggested and signs the revision; Charlie relays it"
cat >"$WORK/grant-v2.md" <<'EOF'
# Grant: community translation fund (revised)
Pay 200 units to Ferdie; Ferdie reports on the use of the funds before any further grant.
EOF
run "signed revision relayed" -- revise 1 --sign-with "$KEY" --file "$WORK/grant-v2.md" \
  --uri "file://$WORK/grant-v2.md" --transfer "$GRANTEE:200000000000000" --suri //Charlie
run "Alice (Safety) approves revision 2" -- review 1 --suri //Alice --verdict approve --score 85 \
  --perspective safety --feedback "The cap and the report address the risk."
run "Bob (Ethics) approves revision 2" -- review 1 --suri //Bob --verdict approve --score 82 --perspective ethics
run "the review closes when due and voting opens" -- advance 1 --wait --suri //Charlie
[ "$(json status 1 | result '["state"]')" = voting ] && ok "proposal 1 is in Voting" || bad "proposal 1 is in Voting"

say "5. Members vote: humans directly, the agent by a signed vote that Eve relays"
run "Alice votes For" -- vote 1 for --suri //Alice --rationale "Safety's change was made."
run "Bob votes For" -- vote 1 for --suri //Bob
run "Charlie votes Against" -- vote 1 against --suri //Charlie --rationale "I would fund tooling first."
run "Dave's signed vote, relayed by Eve (not a member)" -- vote 1 for --sign-with "$KEY" --suri //Eve
refused "a second vote by Bob is refused" AlreadyVoted -- vote 1 against --suri //Bob
refused "a non-member cannot vote" NotEligible -- vote 1 for --suri //Ferdie
run "voting closes when due" -- advance 1 --wait --suri //Charlie
[ "$(json status 1 | result '["state"]')" = succeeded ] && ok "proposal 1 Succeeded" || bad "proposal 1 Succeeded"

say "6. Queue, the timelock, execution"
run "queued" -- queue 1 --suri //Charlie
out=$("$AGORA" execute 1 --suri //Charlie 2>&1)
sed 's/^/   /' <<<"$out"
grep -q "block(s) from now" <<<"$out" && ok "execute before the timelock only says how long to wait" ||
  bad "execute before the timelock"
before=$(json status 1 | result '["state"]')
[ "$before" = queued ] && ok "still Queued" || bad "still Queued (got $before)"
run "executed after the timelock" -- execute 1 --wait --suri //Charlie
[ "$(json status 1 | result '["state"]')" = executed ] && ok "proposal 1 Executed" || bad "proposal 1 Executed"

say "7. Agent mode: Dave signs a proposal with no node in reach, Eve relays it, Dave watches and withdraws it"
head=$(json status 1 | result '["head"]')
printf 'Fund a translation sprint: 100 units to Ferdie.\n' >"$WORK/sprint.md"
cat >"$WORK/sprint-payload.json" <<EOF
{"author": "//Dave", "nonce": 42, "deadline": $((head + 50)), "content_file": "sprint.md",
 "uri": "data:text/plain;base64,$(base64 -w0 "$WORK/sprint.md")",
 "actions": [{"type": "transfer", "to": "$GRANTEE_SS58", "amount": "100000000000000"}]}
EOF
run "signed offline (--offline; the RPC URL points nowhere)" -- --url ws://127.0.0.1:1 agent sign-proposal \
  --offline --payload "$WORK/sprint-payload.json" --key "$KEY" --out "$WORK/sprint-envelope.json"
refused "without --offline, signing needs the chain to check the tag against" "cannot reach a node" -- \
  --url ws://127.0.0.1:1 agent sign-proposal --payload "$WORK/sprint-payload.json" --key "$KEY"
echo '{"chain_tag": "agora-local", "voter": "//Dave", "deadline": '$((head + 50))', "ballot": {"proposal": 2}, "choice": "for"}' \
  >"$WORK/stale-vote.json"
refused "a payload naming another chain's tag is not signed, offline either (wrong_chain)" '"kind":"wrong_chain"' -- \
  --json agent sign-vote --offline --payload "$WORK/stale-vote.json" --key "$KEY"
refused "nor online" '"kind":"wrong_chain"' -- --json agent sign-vote --payload "$WORK/stale-vote.json" --key "$KEY"
run "Eve relays the envelope" -- relay "$WORK/sprint-envelope.json" --suri //Eve
lines=$("$AGORA" --json agent watch 2 --max-blocks 1 2>&1)
sed 's/^/   /' <<<"$lines"
printf '%s\n' "$lines" >"$JSON_DIR/watch.jsonl"
grep -q '"type":"state"' <<<"$lines" && grep -q '"state":"in_review"' <<<"$lines" &&
  grep -q '"type":"end"' <<<"$lines" &&
  ok "agent watch streams the proposal as JSON lines" || bad "agent watch streams JSON lines"
run "Dave withdraws it" -- cancel 2 --suri //Dave
[ "$(json status 2 | result '["state"]')" = cancelled ] && ok "proposal 2 Cancelled" || bad "proposal 2 Cancelled"

say "8. The proposal as members see it, with its content checked against the on-chain hash"
run "status with fetched content" -- status 1 --fetch
[ "$(json status 1 --fetch | result '["revisions"][1]["fetched"]["ok"]')" = True ] &&
  ok "revision 2's text matches its content hash" || bad "revision 2's text matches its content hash"
[ "$(json show 2 --fetch | result '["revisions"][0]["fetched"]["ok"]')" = True ] &&
  ok "proposal 2's data: URI matches its content hash" || bad "proposal 2's data: URI matches its content hash"
echo "tampered" >>"$WORK/grant-v1.md"
[ "$(json status 1 --fetch | result '["revisions"][0]["fetched"]["ok"]')" = False ] &&
  ok "a tampered text no longer matches its on-chain hash" || bad "a tampered text is detected"

say "9. The decision log, as an auditor reads it"
run "log table" -- log show --limit 100
run "log verified on chain (hashes, links, head, writers, transcripts)" -- log verify
verified=$(json log verify)
[ "$(result '["format_version"]' <<<"$verified")" = 2 ] &&
  [ "$(result '["writers_checked"]' <<<"$verified")" = True ] &&
  ok "the log writes format 2 and every entry's writer was authorized for its kind" ||
  bad "a format-2 log whose writers are checked"
run "log exported" -- log export --format json --out "$WORK/log.json"
run "export verified offline" -- log verify --file "$WORK/log.json"
# The export names each entry's writer: the deployer for the writer authorizations, the hub for
# the admin handover, and each suite contract for the kinds only it may write.
if python3 - "$WORK/log.json" "$AGORA_DEPLOYMENT" <<'EOF'
import json, sys
doc, dep = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
c = {name: d["address"] for name, d in dep["contracts"].items()}
assert doc["format"] == "agora-log-export/v3" and doc["format_version"] == 2, doc["format"]
own = {"writer_authorized": dep["deployer"], "admin_transferred": c["proposals"]}
by = {"review_round_opened": c["peer_review"], "review_round_closed": c["peer_review"],
      "ballot_opened": c["voting"], "ballot_closed": c["voting"]}
for e in doc["entries"]:
    want = own.get(e["kind"]) or by.get(e["kind"]) or c["proposals"]
    assert e["writer"] == want, f'entry {e["index"]} ({e["kind"]}) by {e["writer"]}, not {want}'
    assert e["subject"]["type"] in ("suite", "proposal"), e["subject"]
    assert e["proposal"] == (e["subject"]["id"] if e["subject"]["type"] == "proposal" else None)
EOF
then ok "the export (agora-log-export/v3) names each entry's writer: the deployer, then the suite's contracts"
else bad "the export's writers and subjects"; fi
python3 - "$WORK/log.json" "$WORK/log-corrupt.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["entries"][7]["block"] += 1
json.dump(doc, open(sys.argv[2], "w"))
EOF
refused "a corrupted export is caught at entry 7" "entry 7" -- log verify --file "$WORK/log-corrupt.json"
# A forger who names another writer for entry 7 and recomputes every later link and hash and
# the head passes the hash checks; the writer check catches it (the deployer was never a writer).
if python3 - "$WORK/log.json" "$WORK/log-forged-writer.json" <<'EOF'
import hashlib, json, struct, sys

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

def account(ss58):
    n = 0
    for ch in ss58:
        n = n * 58 + B58.index(ch)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    raw = b"\0" * (len(ss58) - len(ss58.lstrip("1"))) + raw
    return raw[1:33] if raw[0] < 64 else raw[2:34]

def hx(s):
    return bytes.fromhex(s[2:])

def scale(e):  # docs/auditing.md, "SCALE layout of an entry (format 2)"
    out = struct.pack("<Q", e["index"]) + bytes([e["kind_index"]])
    if e["kind_index"] == 21:
        out += struct.pack("<H", e["external_code"])
    s = e["subject"]
    out += bytes([["suite", "proposal", "member", "round", "bid", "mandate", "act"].index(s["type"])])
    if s["type"] in ("proposal", "round", "mandate"):
        out += struct.pack("<I", s["id"])
    elif s["type"] == "member":
        out += account(s["account"])
    elif s["type"] == "bid":
        out += struct.pack("<II", s["round"], s["bid"])
    elif s["type"] == "act":
        out += struct.pack("<II", s["mandate"], s["act"])
    out += account(e["actor"]) + account(e["writer"]) + hx(e["payload_hash"])
    return out + struct.pack("<IQ", e["block"], e["timestamp"]) + hx(e["prev_hash"])

def entry_hash(e):
    return "0x" + hashlib.blake2b(hx(e["prev_hash"]) + scale(e), digest_size=32).hexdigest()

doc = json.load(open(sys.argv[1]))
entries = doc["entries"]
for e in entries:  # this encoding is the log's: every stored hash recomputes
    assert entry_hash(e) == e["hash"], f'entry {e["index"]}: the SCALE layout here is not the log one'
entries[7]["writer"] = entries[0]["writer"]
prev = entries[6]["hash"]
for e in entries[7:]:
    e["prev_hash"] = prev
    e["hash"] = prev = entry_hash(e)
doc["head"]["hash"] = prev
json.dump(doc, open(sys.argv[2], "w"))
EOF
then
  refused "an export whose entry 7 names another writer, rehashed to its head, fails the writer check" \
    "FAILED at entry 7: NotWriter" -- log verify --file "$WORK/log-forged-writer.json"
else bad "forging a writer in the export (the script's SCALE layout)"; fi
out=$("$AGORA" verify-deployment 2>&1)
rc=$?
sed 's/^/   /' <<<"$out"
[ $rc -eq 0 ] && ok "the deployment verifies" || bad "the deployment verifies"
grep -q "^ok   the decision log writes log format 2" <<<"$out" &&
  grep -q "^ok   the hub writes exactly HUB_KINDS to the log" <<<"$out" &&
  grep -q "^ok   peer review writes exactly REVIEW_KINDS to the log" <<<"$out" &&
  grep -q "^ok   voting writes exactly VOTING_KINDS to the log" <<<"$out" &&
  ok "verify-deployment checks the log's format and each suite writer's kinds" ||
  bad "verify-deployment's log format and writer kinds"
python3 - "$AGORA_DEPLOYMENT" "$WORK/swapped.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["contracts"]
c["voting"], c["peer_review"] = c["peer_review"], c["voting"]
json.dump(d, open(sys.argv[2], "w"))
PY
refused "a deployments file with two addresses swapped fails verification" "check(s) failed" -- \
  --deployment "$WORK/swapped.json" verify-deployment
# The hub checks the registry against the founders its deployer named; the published
# configuration is how anyone checks those: other weights than the hub's fail.
sed -e 's|^weight = 10$|weight = 11|' -e "s|\"keys/|\"$root/deploy/keys/|" \
  deploy/agora.toml >"$WORK/other-founders.toml"
refused "founders other than the hub's fail verification against the configuration" \
  "FAIL the hub's founders are the" -- verify-deployment --config "$WORK/other-founders.toml"

say "10. The node restarts on the same data: contracts, proposals, votes and the log survive"
before_log=$(json log verify | result '["head"]')
before_votes=$(json status 1 | result '["votes"].__len__()')
before_state=$(json status 2 | result '["state"]')
bash scripts/node.sh stop --base-path "$BASE" >/dev/null
bash scripts/node.sh start --base-path "$BASE" --port "$PORT" >/dev/null &&
  ok "the node restarted on $BASE" || { bad "the node restarted"; finish; }
[ "$(json status 1 | result '["state"]')" = executed ] && ok "proposal 1 is still Executed" ||
  bad "proposal 1 is still Executed"
[ "$(json status 2 | result '["state"]')" = "$before_state" ] && ok "proposal 2 is still $before_state" ||
  bad "proposal 2 is still $before_state"
[ "$(json status 1 | result '["votes"].__len__()')" = "$before_votes" ] &&
  ok "the $before_votes vote receipts of proposal 1 are intact" || bad "the vote receipts are intact"
after_log=$(json log verify | result '["head"]')
[ -n "$before_log" ] && [ "$after_log" = "$before_log" ] &&
  ok "the log verifies after the restart, with the same head $after_log" ||
  bad "the log head after the restart ($after_log, before: $before_log)"
run "the deployment still verifies" -- verify-deployment

say "11. Every JSON output of this run matches its published schema (schemas/cli/)"
for extra in "proposals" "params" "log show --limit 5" "verify-deployment" "key show $KEY" \
  "deposit 1000 --suri //Eve" "execute 1 --suri //Charlie" "--url ws://127.0.0.1:1 proposals"; do
  # shellcheck disable=SC2086 # each entry is a command line
  json $extra >/dev/null
done
if python3 -c "import jsonschema" 2>/dev/null; then
  out=$(python3 - "$JSON_DIR" "$root/schemas/cli" <<'PY'
import json, pathlib, sys
import jsonschema
outs, schemas = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
GLOBAL = {"--url", "--network", "--deployment", "--networks", "--bundles"}
GROUPS = {"member", "log", "key", "agent"}
def command(args):
    words, skip = [], False
    for a in args:
        if skip: skip = False; continue
        if a in GLOBAL: skip = True; continue
        if a.startswith("-"): continue
        words.append(a)
    name = "-".join(words[:2]) if words and words[0] in GROUPS else (words[0] if words else "")
    return "status" if name == "show" else name
checked, bad = 0, []
docs = [(p, command(p.with_suffix(".args").read_text().split()), [p.read_text()]) for p in sorted(outs.glob("*.json"))]
watch = outs / "watch.jsonl"
if watch.exists():
    docs.append((watch, "agent-watch", [l for l in watch.read_text().splitlines() if l.strip()]))
for path, name, texts in docs:
    schema = json.loads((schemas / f"{name}.json").read_text())
    for text in texts:
        try:
            jsonschema.validate(json.loads(text), schema)
            checked += 1
        except Exception as e:  # not JSON, or not valid against the schema
            bad.append(f"{path.name} ({name}): {str(e).splitlines()[0]}")
print(f"{checked} documents checked against schemas/cli/")
for b in bad: print("INVALID", b)
sys.exit(1 if bad or not checked else 0)
PY
  )
  rc=$?
  sed 's/^/   /' <<<"$out"
  [ $rc -eq 0 ] && ok "every --json output validates against its schema" || bad "JSON outputs against their schemas"
else
  echo "   (python3 has no jsonschema module: the schema check is skipped; pip install jsonschema)"
fi

say "12. Succession: a successor suite anchors this log, and governance hands the suite on to it"
SUCC="$WORK/successor.json"
addr_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["contracts"][sys.argv[2]][sys.argv[3]])' "$@"; }
OLD_LOG=$(addr_of "$AGORA_DEPLOYMENT" decision_log address)
OLD_HUB=$(addr_of "$AGORA_DEPLOYMENT" proposals address)
run "a successor suite is deployed beside it, its log anchoring this one's head" -- \
  --deployment "$SUCC" deploy --fresh --suri //Alice --succeeds "$OLD_LOG"
run "the successor's deployment verifies, its anchor in this log's chain" -- --deployment "$SUCC" verify-deployment
NEW_HUB=$(addr_of "$SUCC" proposals address)
NEW_CODE=$(addr_of "$SUCC" proposals code_hash)
[ "$(json --deployment "$SUCC" log show --limit 1 | result '["entries"][0]["kind"]')" = anchored ] &&
  ok "the successor's log opens with its anchor" || bad "the successor's log opens with its anchor"
out=$("$AGORA" --deployment "$SUCC" log verify 2>&1)
sed 's/^/   /' <<<"$out"
grep -q "continues the log $OLD_LOG" <<<"$out" && grep -q "not sealed yet" <<<"$out" &&
  ok "log verify follows the link back; the old suite has not handed over yet" || bad "log verify follows the link"
printf '# Hand the suite on to its successor\nThe successor runs the same release; it takes the treasury from here.\n' \
  >"$WORK/succession.md"
echo '[{"type": "succession", "successor": "'"$NEW_HUB"'", "code_hash": "'"$NEW_CODE"'"}]' >"$WORK/succession.json"
refused "a succession beside another action is refused before it is signed" SuccessionNotAlone -- \
  propose --file "$WORK/succession.md" --uri "file://$WORK/succession.md" --actions "$WORK/succession.json" \
  --transfer "$GRANTEE:1" --suri //Charlie
run "Charlie proposes the succession" -- propose --file "$WORK/succession.md" --uri "file://$WORK/succession.md" \
  --actions "$WORK/succession.json" --suri //Charlie
SID=$(json proposals | result '["proposals"][-1]["id"]')
run "Alice (Safety) approves" -- review "$SID" --suri //Alice --verdict approve --score 80 --perspective safety
run "Bob (Ethics) approves" -- review "$SID" --suri //Bob --verdict approve --score 80 --perspective ethics
run "the review closes when due" -- advance "$SID" --wait --suri //Charlie
for who in //Alice //Bob //Dave; do run "$who votes For" -- vote "$SID" for --suri "$who"; done
run "voting closes when due" -- advance "$SID" --wait --suri //Charlie
run "queued" -- queue "$SID" --suri //Charlie
run "executed after the timelock" -- execute "$SID" --wait --suri //Charlie
n=$(json log verify | result '["entries"]')
[ "$(json log show --from $((n - 1)) --limit 1 | result '["entries"][0]["kind"]')" = sealed ] &&
  ok "the old log's last entry seals it" || bad "the old log is sealed"
refused "the retired suite takes no proposal" Retired -- \
  propose --file "$WORK/succession.md" --uri "file://$WORK/succession.md" --suri //Charlie
run "the old log still verifies, sealed" -- log verify
out=$("$AGORA" --deployment "$SUCC" log verify 2>&1)
sed 's/^/   /' <<<"$out"
grep -q "sealed, handed over to this suite" <<<"$out" &&
  ok "the successor's log verify shows the hand-over" || bad "the successor's log verify shows the hand-over"
[ "$(json --deployment "$SUCC" log verify | result '["predecessor"]["handed_over"]')" = True ] &&
  ok "its JSON says handed_over" || bad "its JSON says handed_over"
finish
