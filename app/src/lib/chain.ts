// The connection to the chain: a dedot client and the five contracts, typed with the bindings
// generated from their metadata (npm run typegen).
import { DedotClient, WsProvider } from 'dedot';
import { Contract } from '@dedot/contracts';
import type { DecisionLogContractApi } from '../contracts/generated/decision-log';
import type { AgentRegistryContractApi } from '../contracts/generated/agent-registry';
import type { PeerReviewContractApi } from '../contracts/generated/peer-review';
import type { VotingContractApi } from '../contracts/generated/voting';
import type { ProposalsContractApi } from '../contracts/generated/proposals';
import decisionLogMeta from '../contracts/metadata/decision_log.json';
import agentRegistryMeta from '../contracts/metadata/agent_registry.json';
import peerReviewMeta from '../contracts/metadata/peer_review.json';
import votingMeta from '../contracts/metadata/voting.json';
import proposalsMeta from '../contracts/metadata/proposals.json';
import type {
  AgoraTypesLogHashedEntry,
  AgoraTypesLogLogKind,
  AgoraTypesLogSubject,
} from '../contracts/generated/decision-log/types';
import { AccountId32, accountId32ToHex } from 'dedot/codecs';
import { blake2AsU8a } from 'dedot/utils';
import type { Deployment } from './deployments';
import { bytesToHex, hexToBytes } from './hex';
import {
  LOG_KINDS, MAX_PAGE, decodeEntriesOutput, subjectOfProposal,
  type HashedEntry, type LogEntryV2, type LogFormat, type LogKindName, type Subject,
} from './log';

export const METADATA = {
  decision_log: decisionLogMeta,
  agent_registry: agentRegistryMeta,
  peer_review: peerReviewMeta,
  voting: votingMeta,
  proposals: proposalsMeta,
} as const;

// A caller for read-only dry runs when no wallet is connected (//Alice's well-known address;
// any account works, queries change nothing).
const READ_ONLY_CALLER = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

export interface Suite {
  client: DedotClient;
  deployment: Deployment;
  log: Contract<DecisionLogContractApi>;
  registry: Contract<AgentRegistryContractApi>;
  review: Contract<PeerReviewContractApi>;
  voting: Contract<VotingContractApi>;
  hub: Contract<ProposalsContractApi>;
  /** Code hashes on chain that differ from the bundled metadata's (stale bindings). */
  codeMismatch: string[];
}

export async function connect(deployment: Deployment): Promise<Suite> {
  const client = await DedotClient.new({ provider: new WsProvider(deployment.url), rpcVersion: 'legacy' });
  const opts = { defaultCaller: deployment.deployer || READ_ONLY_CALLER };
  const c = deployment.contracts;
  const make = <T,>(name: keyof typeof METADATA) =>
    new Contract<any>(client, METADATA[name] as any, c[name].address, opts) as unknown as T;
  const codeMismatch = Object.entries(c)
    .filter(([name, e]) => e.code_hash && (METADATA as any)[name]?.source?.hash && e.code_hash !== (METADATA as any)[name].source.hash)
    .map(([name]) => name);
  return {
    client,
    deployment,
    log: make('decision_log'),
    registry: make('agent_registry'),
    review: make('peer_review'),
    voting: make('voting'),
    hub: make('proposals'),
    codeMismatch,
  };
}

/** An ink! `Result` as dedot decodes it. */
export type InkResult<T, E> = { isOk: true; isErr?: false; value: T } | { isOk?: false; isErr: true; err: E };

export function unwrap<T, E>(r: InkResult<T, E>, what: string): T {
  if (r.isErr) throw new Error(`${what}: ${JSON.stringify((r as any).err)}`);
  return (r as any).value as T;
}

export const addressOf = (a: any): string => (typeof a === 'string' ? a : a.address());

/**
 * The successor suite's hub (SS58) if this suite's hub was succeeded (`successor()`), else
 * null; null too for a hub deployed before the succession, which has no such message.
 */
export async function hubSuccessor(s: Suite): Promise<string | null> {
  try {
    const successor = (await s.hub.query.successor()).data;
    return successor ? addressOf(successor) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The decision log. A log writes one format for its whole life: `format_version()` returns 2
// for every log deployed from this version on; a format-1 log has no such message (ink then
// answers `LangError::CouldNotReadInput`). Format-2 entries are decoded through the generated
// bindings (npm run typegen); format-1 entries, which today's metadata no longer describes,
// are decoded from the contract's raw output by src/lib/log.ts (same selectors, same
// arguments except the subject, a bare u32 proposal id).

/** An ink! selector: the first 4 bytes of BLAKE2b-256 of the message's label. */
export function selectorOf(label: string): Uint8Array {
  return blake2AsU8a(new TextEncoder().encode(label), 256).subarray(0, 4);
}

const le = (n: bigint | number, bytes: number): Uint8Array => {
  const out = new Uint8Array(bytes);
  let v = BigInt(n);
  for (let i = 0; i < bytes; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
};

/** A dry run of the log's message `label` with SCALE-encoded `args`: its return flags and output bytes. */
async function rawLogQuery(s: Suite, label: string, ...args: Uint8Array[]): Promise<{ revert: boolean; data: Uint8Array }> {
  const input = bytesToHex(concatBytes(selectorOf(label), ...args));
  const caller = s.deployment.deployer || READ_ONLY_CALLER;
  const raw = await (s.client as any).call.contractsApi.call(caller, s.deployment.contracts.decision_log.address, 0n, undefined, undefined, input);
  if (raw.result.isErr) throw new Error(`decision log ${label}: the call failed (${JSON.stringify(raw.result.err)})`);
  const { flags, data } = raw.result.value;
  return { revert: (flags.bits & 1) === 1, data: typeof data === 'string' ? hexToBytes(data) : data };
}

/** A message's `u64` answer as ink returns it: `Ok` (0x00), then 8 bytes LE. */
function u64Output({ revert, data }: { revert: boolean; data: Uint8Array }, what: string): bigint {
  if (revert || data.length !== 9 || data[0] !== 0) throw new Error(`decision log ${what}: unexpected answer ${bytesToHex(data)}`);
  let v = 0n;
  for (let i = 8; i >= 1; i--) v = (v << 8n) | BigInt(data[i]);
  return v;
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const formats = new WeakMap<Suite, Promise<LogFormat>>();

/** The format the suite's log writes (asked once per connection). */
export function logFormat(s: Suite): Promise<LogFormat> {
  let f = formats.get(s);
  if (!f) {
    f = readLogFormat(s);
    f.catch(() => formats.delete(s));
    formats.set(s, f);
  }
  return f;
}

async function readLogFormat(s: Suite): Promise<LogFormat> {
  const { revert, data } = await rawLogQuery(s, 'DecisionLog::format_version');
  // Ok(u16) for a format-2 log; Err(LangError::CouldNotReadInput), reverted, for a log
  // without the message (format 1).
  if (!revert && data.length === 3 && data[0] === 0) {
    const v = data[1] | (data[2] << 8);
    if (v === 2) return 2;
    throw new Error(`the decision log writes format ${v}, which this app does not know (it reads formats 1 and 2)`);
  }
  if (revert && data.length === 2 && data[0] === 1 && data[1] === 0) return 1;
  throw new Error(`the decision log answered format_version() with ${bytesToHex(data)}${revert ? ' (reverted)' : ''}`);
}

/** A kind as dedot decodes `LogKind`: `{ type: 'BallotClosed' }`, `{ type: 'External', value: 5 }`. */
export function kindFromDedot(k: AgoraTypesLogLogKind): { kind: LogKindName; externalCode: number | null } {
  // A plain string if the enum ever had unit variants only (as format 1's did).
  const v: any = typeof k === 'string' ? { type: k } : k;
  if (!LOG_KINDS.includes(v.type)) throw new Error(`unknown log kind ${JSON.stringify(k)}`);
  if (v.type === 'External') return { kind: 'External', externalCode: Number(v.value) };
  return { kind: v.type, externalCode: null };
}

/**
 * The two fields of a struct variant (`Bid { round, bid }`, `Act { mandate, act }`). dedot 1.3
 * drops the field names of enum variants in ink metadata, so it decodes (and its typegen
 * types) them as a tuple, `[round, bid]`; an object with the names is read too.
 */
function pair(v: unknown, a: string, b: string): [number, number] {
  const x: any = v;
  return Array.isArray(x) ? [x[0], x[1]] : [x[a], x[b]];
}

/**
 * A subject as dedot decodes `Subject`, in log.ts's form: `{ type: 'Suite' }`,
 * `{ type: 'Proposal', value: 7 }`, `{ type: 'Member', value: AccountId32 }`,
 * `{ type: 'Bid', value: [round, bid] }`, `{ type: 'Act', value: [mandate, act] }`, ….
 */
export function subjectFromDedot(x: AgoraTypesLogSubject): Subject {
  switch (x.type) {
    case 'Suite':
      return { type: 'suite' };
    case 'Proposal':
      return { type: 'proposal', id: x.value };
    case 'Member':
      return { type: 'member', account: accountId32ToHex(x.value) };
    case 'Round':
      return { type: 'round', id: x.value };
    case 'Bid': {
      const [round, bid] = pair(x.value, 'round', 'bid');
      return { type: 'bid', round, bid };
    }
    case 'Mandate':
      return { type: 'mandate', id: x.value };
    case 'Act': {
      const [mandate, act] = pair(x.value, 'mandate', 'act');
      return { type: 'act', mandate, act };
    }
    default:
      throw new Error(`unknown log subject ${JSON.stringify(x)}`);
  }
}

/** A subject as dedot encodes `Subject` for a message argument (struct variants as tuples, as it decodes them). */
export function subjectToDedot(s: Subject): AgoraTypesLogSubject {
  switch (s.type) {
    case 'suite':
      return { type: 'Suite' };
    case 'proposal':
      return { type: 'Proposal', value: s.id };
    case 'member':
      return { type: 'Member', value: new AccountId32(s.account) };
    case 'round':
      return { type: 'Round', value: s.id };
    case 'bid':
      return { type: 'Bid', value: [s.round, s.bid] };
    case 'mandate':
      return { type: 'Mandate', value: s.id };
    case 'act':
      return { type: 'Act', value: [s.mandate, s.act] };
  }
}

/** A format-2 entry as dedot decodes `HashedEntry`, in the verifier's plain shape. */
export function toHashedEntry(x: AgoraTypesLogHashedEntry): HashedEntry<LogEntryV2> {
  const e = x.entry;
  const entry: LogEntryV2 = {
    format: 2,
    index: BigInt(e.index),
    ...kindFromDedot(e.kind),
    subject: subjectFromDedot(e.subject),
    actor: accountId32ToHex(e.actor),
    writer: accountId32ToHex(e.writer),
    payloadHash: e.payloadHash,
    block: e.block,
    timestamp: BigInt(e.timestamp),
    prevHash: e.prevHash,
  };
  return { entry, hash: x.hash };
}

/** The head `(len, hash of the last entry)`, the same message in both formats. */
export async function readHead(s: Suite): Promise<[bigint, string]> {
  const h = (await s.log.query.decisionLogHead()).data;
  return [BigInt(h[0]), h[1]];
}

/** One page of entries from `from` (at most MAX_PAGE[format]). */
async function readPage(s: Suite, format: LogFormat, from: bigint, limit: number): Promise<HashedEntry[]> {
  if (format === 2) return unwrap((await s.log.query.entries(from, limit)).data, 'entries').map(toHashedEntry);
  const { data } = await rawLogQuery(s, 'entries', le(from, 8), le(limit, 4));
  return decodeEntriesOutput(data, 1);
}

/** The whole log, page by page (MAX_PAGE per page: 64 in format 2, 100 in format 1), with the head read first. */
export async function readLog(
  s: Suite,
  onPage?: (n: number) => void,
): Promise<{ format: LogFormat; head: [bigint, string]; entries: HashedEntry[] }> {
  const format = await logFormat(s);
  const head = await readHead(s);
  const entries: HashedEntry[] = [];
  while (BigInt(entries.length) < head[0]) {
    const page = await readPage(s, format, BigInt(entries.length), MAX_PAGE[format]);
    if (!page.length) break;
    entries.push(...page);
    onPage?.(entries.length);
  }
  return { format, head, entries: entries.slice(0, Number(head[0])) };
}

/** The entry at `index` with its stored hash (either format), or null past the end. */
export async function readEntry(s: Suite, index: bigint): Promise<HashedEntry | null> {
  const page = await readPage(s, await logFormat(s), index, 1);
  return page[0] ?? null;
}

/** Every log entry about one proposal (in format 1, the entries whose subject is its id). */
export async function readSubjectLog(s: Suite, proposal: number): Promise<HashedEntry[]> {
  const format = await logFormat(s);
  const limit = MAX_PAGE[format];
  const out: HashedEntry[] = [];
  if (format === 2) {
    const subject = subjectToDedot(subjectOfProposal(proposal));
    const len = Number((await s.log.query.subjectLen(subject)).data);
    while (out.length < len) {
      const page = unwrap((await s.log.query.entriesFor(subject, BigInt(out.length), limit)).data, 'entries_for');
      if (!page.length) break;
      out.push(...page.map(toHashedEntry));
    }
    return out;
  }
  const len = Number(u64Output(await rawLogQuery(s, 'subject_len', le(proposal, 4)), 'subject_len'));
  while (out.length < len) {
    const { data } = await rawLogQuery(s, 'entries_for', le(proposal, 4), le(out.length, 8), le(limit, 4));
    const page = decodeEntriesOutput(data, 1);
    if (!page.length) break;
    out.push(...page);
  }
  return out;
}
