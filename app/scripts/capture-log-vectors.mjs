#!/usr/bin/env node
// Reads a deployed decision log (entries with the hashes the contract stored, computed by
// agora-types' LogEntry::hash inside the Wasm) and writes them with the head as a unit-test
// fixture, in the export format of `agora log export` (which `agora log verify --file` reads
// too). The app's TypeScript hash rule must reproduce them.
//
//   node scripts/capture-log-vectors.mjs DEPLOYMENTS_FILE [OUT]
//
// The log says its format (`format_version()`; a format-1 log has no such message):
//   format 2 → "agora-log-export/v3", default OUT tests/unit/chain-log-format2.json, read
//              through the bundled metadata (src/contracts/metadata/decision_log.json, which
//              must be format 2's: run `npm run typegen` after rebuilding the contracts);
//   format 1 → "agora-log-export/v2", default OUT tests/unit/chain-log.json, decoded from the
//              contract's raw output (121-byte entries), which no current metadata describes.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DedotClient, WsProvider } from 'dedot';
import { Contract } from '@dedot/contracts';
import { accountId32ToHex } from 'dedot/codecs';
import { blake2AsU8a, encodeAddress, u8aToHex, hexToU8a } from 'dedot/utils';

const KINDS = ['WriterAuthorized', 'WriterRevoked', 'AdminTransferred', 'BootstrapCompleted', 'MembershipChanged', 'ProposalSubmitted',
  'ProposalRevised', 'ProposalCancelled', 'ReviewRoundOpened', 'ReviewRoundClosed', 'ProposalRejected', 'BallotOpened', 'BallotClosed',
  'ProposalSucceeded', 'ProposalDefeated', 'ProposalQueued', 'ProposalExecuted', 'VetoCast', 'ProposalVetoed', 'ParameterChanged', 'ReviewPassed',
  'External', 'Sealed', 'Anchored'];
const snake = (name) => name.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
const ss58 = (account) => encodeAddress(accountId32ToHex(account), 42);
const num = (x) => Number(x); // fine for a test log (far below 2^53)

const app = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [file, outArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/capture-log-vectors.mjs DEPLOYMENTS_FILE [OUT]');
  process.exit(2);
}
const d = JSON.parse(readFileSync(file, 'utf8'));
const meta = JSON.parse(readFileSync(resolve(app, 'src', 'contracts', 'metadata', 'decision_log.json'), 'utf8'));
const client = await DedotClient.new({ provider: new WsProvider(d.url), rpcVersion: 'legacy' });
const address = d.contracts.decision_log.address;

/** A dry run of the log's message `label` with SCALE-encoded args: [reverted, output bytes]. */
async function raw(label, ...args) {
  const input = new Uint8Array([...blake2AsU8a(new TextEncoder().encode(label), 256).subarray(0, 4), ...args.flatMap((a) => [...a])]);
  const r = await client.call.contractsApi.call(d.deployer, address, 0n, undefined, undefined, u8aToHex(input));
  if (r.result.isErr) throw new Error(`${label}: ${JSON.stringify(r.result.err)}`);
  return [(r.result.value.flags.bits & 1) === 1, hexToU8a(r.result.value.data)];
}
const le = (n, bytes) => Uint8Array.from({ length: bytes }, (_, i) => Number((BigInt(n) >> BigInt(8 * i)) & 0xffn));

const [reverted, version] = await raw('DecisionLog::format_version');
const format = !reverted && version[0] === 0 ? version[1] | (version[2] << 8) : reverted && version[0] === 1 ? 1 : NaN;
if (format !== 1 && format !== 2) throw new Error(`format_version() answered ${u8aToHex(version)}`);
const out = outArg ?? resolve(app, 'tests', 'unit', format === 2 ? 'chain-log-format2.json' : 'chain-log.json');

const log = new Contract(client, meta, address, { defaultCaller: d.deployer });
const [len, headHash] = (await log.query.decisionLogHead()).data;
const entries = [];
if (format === 2) {
  if (!meta.spec.messages.some((m) => m.label === 'DecisionLog::format_version')) {
    throw new Error('the log writes format 2 but the bundled metadata is format 1: run `npm run typegen` first');
  }
  const pair = (v, a, b) => (Array.isArray(v) ? v : [v[a], v[b]]);
  const subject = (s) => {
    switch (s.type) {
      case 'Suite': return { type: 'suite' };
      case 'Member': return { type: 'member', account: ss58(s.value) };
      case 'Bid': { const [round, bid] = pair(s.value, 'round', 'bid'); return { type: 'bid', round, bid }; }
      case 'Act': { const [mandate, act] = pair(s.value, 'mandate', 'act'); return { type: 'act', mandate, act }; }
      default: return { type: s.type.toLowerCase(), id: s.value };
    }
  };
  while (BigInt(entries.length) < len) {
    const page = (await log.query.entries(BigInt(entries.length), 64)).data;
    if (page.isErr) throw new Error(JSON.stringify(page.err));
    if (!page.value.length) break;
    for (const { entry: e, hash } of page.value) {
      const kind = typeof e.kind === 'string' ? e.kind : e.kind.type;
      const s = subject(e.subject);
      entries.push({
        index: num(e.index), kind: snake(kind), external_code: kind === 'External' ? e.kind.value : null, kind_index: KINDS.indexOf(kind),
        subject: s, proposal: s.type === 'proposal' ? s.id : null, actor: ss58(e.actor), writer: ss58(e.writer), payload_hash: e.payloadHash,
        block: e.block, timestamp: num(e.timestamp), prev_hash: e.prevHash, hash,
      });
    }
  }
} else {
  // Result<Result<Vec<HashedEntry>, LogError>, LangError>: 0x00 0x00, a compact length, then
  // 121-byte entries each followed by its 32-byte hash.
  const hex = (b) => u8aToHex(b);
  const u32 = (b, at) => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
  const u64 = (b, at) => new DataView(b.buffer, b.byteOffset).getBigUint64(at, true);
  while (BigInt(entries.length) < len) {
    const [, data] = await raw('entries', le(entries.length, 8), le(100, 4));
    if (data[0] !== 0 || data[1] !== 0) throw new Error(`entries: ${hex(data)}`);
    const mode = data[2] & 3;
    const n = mode === 0 ? data[2] >> 2 : mode === 1 ? (data[2] | (data[3] << 8)) >> 2 : NaN;
    let at = 2 + (mode === 0 ? 1 : 2);
    if (!(n > 0)) break;
    for (let i = 0; i < n; i++, at += 153) {
      const b = data.subarray(at, at + 153);
      const kind = KINDS[b[8]];
      entries.push({
        index: num(u64(b, 0)), kind: snake(kind), kind_index: b[8], subject: u32(b, 9), actor: encodeAddress(b.subarray(13, 45), 42),
        payload_hash: hex(b.subarray(45, 77)), block: u32(b, 77), timestamp: num(u64(b, 81)), prev_hash: hex(b.subarray(89, 121)),
        hash: hex(b.subarray(121, 153)),
      });
    }
  }
}
writeFileSync(
  out,
  JSON.stringify(
    {
      format: format === 2 ? 'agora-log-export/v3' : 'agora-log-export/v2',
      ...(format === 2 ? { format_version: 2 } : {}),
      note: `decision log (format ${format}) read from substrate-contracts-node; hashes computed by the contract (agora-types LogEntry::hash)`,
      network: d.network,
      chain_tag: d.chain_tag,
      log: address,
      head: { len: num(len), hash: headHash },
      entries,
    },
    null,
    1,
  ) + '\n',
);
console.log(`wrote ${entries.length} format-${format} entries to ${out}`);
await client.disconnect();
