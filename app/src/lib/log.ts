// The decision log's hash rule and chain verifier, byte for byte as agora-types
// (contracts/types/src/log.rs) and docs/auditing.md define them:
//
//   hash(entry) = BLAKE2b-256( prev_hash ‖ SCALE(entry) )
//
// SCALE(entry) is 121 bytes: index u64 LE, kind u8, subject u32 LE, actor 32, payload_hash 32,
// block u32 LE, timestamp u64 LE, prev_hash 32. The layout is written out here rather than
// taken from a codec so that the rule is visible and independent of the metadata.
import { blake2AsU8a, decodeAddress, encodeAddress } from 'dedot/utils';
import { bytesToHex, hexToBytes } from './hex';

/** LogKind variants in SCALE index order (variants are only ever appended). */
export const LOG_KINDS = [
  'WriterAuthorized',
  'WriterRevoked',
  'AdminTransferred',
  'BootstrapCompleted',
  'MembershipChanged',
  'ProposalSubmitted',
  'ProposalRevised',
  'ProposalCancelled',
  'ReviewRoundOpened',
  'ReviewRoundClosed',
  'ProposalRejected',
  'BallotOpened',
  'BallotClosed',
  'ProposalSucceeded',
  'ProposalDefeated',
  'ProposalQueued',
  'ProposalExecuted',
  'VetoCast',
  'ProposalVetoed',
  'ParameterChanged',
  'ReviewPassed',
] as const;
export type LogKindName = (typeof LOG_KINDS)[number];

export const GENESIS_HASH = '0x' + '00'.repeat(32);
export const LOG_ENTRY_ENCODED_LEN = 121;

/** A log entry with hex byte fields (actor as the 32 public-key bytes, not SS58). */
export interface LogEntry {
  index: bigint;
  kind: LogKindName;
  subject: number;
  actor: string;
  payloadHash: string;
  block: number;
  timestamp: bigint;
  prevHash: string;
}

export interface HashedEntry {
  entry: LogEntry;
  hash: string;
}

export function kindIndex(kind: LogKindName): number {
  const i = LOG_KINDS.indexOf(kind);
  if (i < 0) throw new Error(`unknown log kind ${kind}`);
  return i;
}

/** A kind as the wire dialect writes enum values: snake_case (`ProposalSubmitted` → `proposal_submitted`). */
export function kindToWire(kind: LogKindName): string {
  return kind.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
}

/** The kind a wire name stands for; an unknown name is refused. */
export function kindFromWire(name: string): LogKindName {
  const kind = LOG_KINDS.find((k) => kindToWire(k) === name);
  if (kind === undefined) throw new Error(`unknown log kind "${name}"`);
  return kind;
}

function fixed32(hex: string, what: string): Uint8Array {
  const b = hexToBytes(hex);
  if (b.length !== 32) throw new Error(`${what} must be 32 bytes, got ${b.length}`);
  return b;
}

/** SCALE encoding of an entry (121 bytes). */
export function encodeEntry(e: LogEntry): Uint8Array {
  const out = new Uint8Array(LOG_ENTRY_ENCODED_LEN);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, e.index, true);
  out[8] = kindIndex(e.kind);
  view.setUint32(9, e.subject, true);
  out.set(fixed32(e.actor, 'actor'), 13);
  out.set(fixed32(e.payloadHash, 'payload_hash'), 45);
  view.setUint32(77, e.block, true);
  view.setBigUint64(81, e.timestamp, true);
  out.set(fixed32(e.prevHash, 'prev_hash'), 89);
  return out;
}

/** `blake2_256(prev_hash ++ SCALE(entry))`, as 0x-hex. */
export function entryHash(e: LogEntry): string {
  const pre = new Uint8Array(32 + LOG_ENTRY_ENCODED_LEN);
  pre.set(fixed32(e.prevHash, 'prev_hash'), 0);
  pre.set(encodeEntry(e), 32);
  return bytesToHex(blake2AsU8a(pre, 256));
}

export type VerifyFailure = 'WrongIndex' | 'BrokenLink' | 'WrongHash' | 'Missing' | 'Unexpected' | 'HeadMismatch';

export interface VerifyError {
  index: bigint;
  failure: VerifyFailure;
}

export const FAILURE_TEXT: Record<VerifyFailure, string> = {
  WrongIndex: 'index field is not its position',
  BrokenLink: "prev_hash is not the previous entry's hash",
  WrongHash: 'stored hash is not the hash of its content',
  Missing: 'missing before the expected head',
  Unexpected: 'beyond the expected head',
  HeadMismatch: 'hash differs from the expected head hash',
};

/** Same wording as agora-types' `Display for VerifyError`. */
export function describeVerifyError(e: VerifyError): string {
  return `entry ${e.index}: ${FAILURE_TEXT[e.failure]}`;
}

const eqHex = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Streaming verifier: the same checks, in the same order, as agora-types' `ChainVerifier`. */
export class ChainVerifier {
  constructor(
    public nextIndex: bigint = 0n,
    public prevHash: string = GENESIS_HASH,
  ) {}

  head(): [bigint, string] {
    return [this.nextIndex, this.prevHash];
  }

  /** Checks that `entry` is the next one (and, if given, that `stored` is its hash). */
  push(entry: LogEntry, stored?: string): VerifyError | string {
    const fail = (failure: VerifyFailure): VerifyError => ({ index: this.nextIndex, failure });
    if (entry.index !== this.nextIndex) return fail('WrongIndex');
    if (!eqHex(entry.prevHash, this.prevHash)) return fail('BrokenLink');
    const hash = entryHash(entry);
    if (stored !== undefined && !eqHex(stored, hash)) return fail('WrongHash');
    this.nextIndex += 1n;
    this.prevHash = hash;
    return hash;
  }

  finish(expected: [bigint, string]): VerifyError | null {
    const [len, hash] = expected;
    if (this.nextIndex < len) return { index: this.nextIndex, failure: 'Missing' };
    if (this.nextIndex > len) return { index: len, failure: 'Unexpected' };
    if (!eqHex(this.prevHash, hash)) return { index: len > 0n ? len - 1n : 0n, failure: 'HeadMismatch' };
    return null;
  }
}

export interface ChainReport {
  ok: boolean;
  /** Entries that verified, counted from 0. */
  verified: bigint;
  /** Hash of the last verified entry. */
  head: string;
  error?: VerifyError;
}

/** Verifies entries with their stored hashes against the head read from the chain. */
export function verifyHashedChain(entries: HashedEntry[], expectedHead?: [bigint, string]): ChainReport {
  const v = new ChainVerifier();
  for (const item of entries) {
    const r = v.push(item.entry, item.hash);
    if (typeof r !== 'string') return { ok: false, verified: v.nextIndex, head: v.prevHash, error: r };
  }
  if (expectedHead) {
    const err = v.finish(expectedHead);
    if (err) return { ok: false, verified: v.nextIndex, head: v.prevHash, error: err };
  }
  return { ok: true, verified: v.nextIndex, head: v.prevHash };
}

/** The text the audit view shows for a report. */
export function reportText(r: ChainReport): string {
  if (r.ok) {
    if (r.verified === 0n) return `empty log, head ${GENESIS_HASH}`;
    return `chain verified up to entry ${r.verified - 1n}, head ${r.head}`;
  }
  return `verification failed at ${describeVerifyError(r.error!)}`;
}

/** The export format both the app and the CLI write and read. */
export const EXPORT_FORMAT = 'agora-log-export/v2';

/** Writes bigints as exact JSON numbers (JSON.stringify cannot). */
function stringifyExact(value: unknown): string {
  const marks: string[] = [];
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `@@big${marks.push(v.toString()) - 1}@@` : v), 2);
  return text.replace(/"@@big(\d+)@@"/g, (_m, i) => marks[Number(i)]);
}

/**
 * JSON export in the CLI's format (`agora log export`, "agora-log-export/v2"): integers as
 * JSON numbers, bytes as 0x-hex, the actor as an SS58 address (prefix 42), the kind in
 * snake_case, so either tool re-verifies the other's file.
 */
export function exportJson(
  entries: HashedEntry[],
  head: [bigint, string],
  meta: { network?: string; chain_tag?: string; log?: string } = {},
): string {
  return stringifyExact({
    format: EXPORT_FORMAT,
    ...meta,
    head: { len: head[0], hash: head[1] },
    entries: entries.map(({ entry: e, hash }) => ({
      index: e.index,
      kind: kindToWire(e.kind),
      kind_index: kindIndex(e.kind),
      subject: e.subject,
      actor: encodeAddress(e.actor, 42),
      payload_hash: e.payloadHash,
      block: e.block,
      timestamp: e.timestamp,
      prev_hash: e.prevHash,
      hash,
    })),
  });
}

/** An exported entry's kind: its name and its `kind_index` must name the same one. */
function agreedKind(x: { index: unknown; kind: string; kind_index: number }): LogKindName {
  const kind = kindFromWire(x.kind);
  if (kindIndex(kind) !== x.kind_index) {
    throw new Error(`entry ${x.index}: kind "${x.kind}" and kind_index ${x.kind_index} name different kinds`);
  }
  return kind;
}

/** Reads an export back (the app's or the CLI's): actor as SS58 or 0x-hex. */
export function importJson(text: string): { entries: HashedEntry[]; head: [bigint, string] } {
  // Integers past 2^53 would lose precision in JSON.parse: quote long digit runs first.
  const j = JSON.parse(text.replace(/(:\s*)(\d{16,})(\s*[,}\n])/g, '$1"$2"$3'));
  if (!j || !j.head || !Array.isArray(j.entries)) throw new Error('expected { head: { len, hash }, entries: [...] }');
  if (j.format !== EXPORT_FORMAT) throw new Error(`expected format "${EXPORT_FORMAT}", got ${JSON.stringify(j.format)}`);
  const actor = (a: string) => (a.startsWith('0x') ? a : bytesToHex(decodeAddress(a)));
  return {
    head: [BigInt(j.head.len), j.head.hash],
    entries: j.entries.map((x: any) => ({
      entry: {
        index: BigInt(x.index),
        kind: agreedKind(x),
        subject: Number(x.subject),
        actor: actor(x.actor),
        payloadHash: x.payload_hash,
        block: Number(x.block),
        timestamp: BigInt(x.timestamp),
        prevHash: x.prev_hash,
      },
      hash: x.hash,
    })),
  };
}
