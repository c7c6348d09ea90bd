#!/usr/bin/env node
// Reads a deployed decision log (entries with the hashes the contract stored, computed by
// agora-types' LogEntry::hash inside the Wasm) and writes them with the head as a unit-test
// fixture: tests/unit/chain-log.json, in the export format of `agora log export` (which
// `agora log verify --file` reads too). The app's TypeScript hash rule must reproduce them.
//
//   node scripts/capture-log-vectors.mjs DEPLOYMENTS_FILE [OUT]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DedotClient, WsProvider } from 'dedot';
import { Contract } from '@dedot/contracts';
import { encodeAddress } from 'dedot/utils';

const KINDS = ['WriterAuthorized', 'WriterRevoked', 'AdminTransferred', 'BootstrapCompleted', 'MembershipChanged', 'ProposalSubmitted',
  'ProposalRevised', 'ProposalCancelled', 'ReviewRoundOpened', 'ReviewRoundClosed', 'ProposalRejected', 'BallotOpened', 'BallotClosed',
  'ProposalSucceeded', 'ProposalDefeated', 'ProposalQueued', 'ProposalExecuted', 'VetoCast', 'ProposalVetoed', 'ParameterChanged', 'ReviewPassed'];
const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [file, out = resolve(app, 'tests', 'unit', 'chain-log.json')] = process.argv.slice(2);
const d = JSON.parse(readFileSync(file, 'utf8'));
const meta = JSON.parse(readFileSync(resolve(app, 'src', 'contracts', 'metadata', 'decision_log.json'), 'utf8'));
const client = await DedotClient.new({ provider: new WsProvider(d.url), rpcVersion: 'legacy' });
const log = new Contract(client, meta, d.contracts.decision_log.address, { defaultCaller: d.deployer });
const [len, hash] = (await log.query.decisionLogHead()).data;
const entries = [];
while (BigInt(entries.length) < len) {
  const page = (await log.query.entries(BigInt(entries.length), 100)).data;
  if (page.isErr) throw new Error(JSON.stringify(page.err));
  entries.push(...page.value);
}
const num = (x) => Number(x); // fine for a test log (far below 2^53)
writeFileSync(
  out,
  JSON.stringify(
    {
      format: 'agora-log-export/v1',
      note: 'decision log read from substrate-contracts-node; hashes computed by the contract (agora-types LogEntry::hash)',
      network: d.network,
      chain_tag: d.chain_tag,
      log: d.contracts.decision_log.address,
      head: { len: num(len), hash },
      entries: entries.map(({ entry: e, hash }, i) => ({
        index: num(e.index), kind: e.kind, kind_index: KINDS.indexOf(e.kind), subject: e.subject,
        actor: encodeAddress(e.actor.raw, 42), payload_hash: e.payloadHash, block: e.block, timestamp: num(e.timestamp),
        prev_hash: e.prevHash, hash,
      })),
    },
    null,
    1,
  ) + '\n',
);
console.log(`wrote ${entries.length} entries to ${out}`);
await client.disconnect();
