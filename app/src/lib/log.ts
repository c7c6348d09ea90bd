// The decision log's entry formats, hash rule, chain verifier and writer check, byte for byte
// as agora-types (contracts/types/src/log.rs) and docs/auditing.md define them:
//
//   hash(entry) = BLAKE2b-256( prev_hash ‖ SCALE(entry) )
//
// A log writes one format for its whole life (`format_version()` says which; a log without
// that message writes format 1):
//
//   format 2: index u64 LE | kind (1 byte; External: 21 then its code u16 LE)
//             | subject (variant byte, then its fields: 1–33 bytes) | actor 32 | writer 32
//             | payload_hash 32 | block u32 LE | timestamp u64 LE | prev_hash 32   (150–184 bytes)
//   format 1: index u64 LE | kind u8 (0–20) | subject u32 LE | actor 32 | payload_hash 32
//             | block u32 LE | timestamp u64 LE | prev_hash 32                     (121 bytes)
//
// The layouts are written out here rather than taken from a codec so that the rule is visible
// and independent of the metadata. Each entry carries its `format`, which chooses the layout.
import { blake2AsU8a, decodeAddress, encodeAddress } from 'dedot/utils';
import { bytesToHex, hexToBytes } from './hex';

/** The formats a decision log may write its entries in. */
export type LogFormat = 1 | 2;

/** The format logs deployed from this version on write (`DecisionLog::format_version()`). */
export const LOG_FORMAT_VERSION: LogFormat = 2;

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
  // Format 2 only: an entry of a writer outside the suite, with a u16 code of its own.
  'External',
  // The succession of a suite (format 2 only), both written by the log itself:
  // the last entry of a succeeded suite's log (actor: the successor suite's hub) …
  'Sealed',
  // … and the first entry of its successor's log (actor: the predecessor log, payload: its head hash).
  'Anchored',
] as const;
export type LogKindName = (typeof LOG_KINDS)[number];
/** The kinds without a field: all but `External`. */
export type UnitKindName = Exclude<LogKindName, 'External'>;
/** The kinds format 1 has (indices 0–20): those without a field, but for the succession's. */
export type Format1KindName = Exclude<UnitKindName, 'Sealed' | 'Anchored'>;

/** Number of LogKind variants (agora-types' `LOG_KIND_COUNT`: SCALE indices 0..23). */
export const LOG_KIND_COUNT = 24;
/** SCALE index of `External` (the one kind with a field, its code). */
export const EXTERNAL_KIND_INDEX = 21;
/** SCALE index of `Sealed`, the last entry of a succeeded suite's log. */
export const SEALED_KIND_INDEX = 22;
/** SCALE index of `Anchored`, the first entry of a successor suite's log. */
export const ANCHORED_KIND_INDEX = 23;
/** Kinds format 1 knows: indices 0..20. */
export const FORMAT1_KIND_COUNT = 21;

export const GENESIS_HASH = '0x' + '00'.repeat(32);
/** 32 zero bytes as a payload (a revocation's) or an account (the zero account). */
const ZERO_HASH = GENESIS_HASH;
/** SCALE size of every format-1 entry. */
export const FORMAT1_ENTRY_LEN = 121;
/** Largest SCALE size of a format-2 entry (an `External` entry about a member). */
export const MAX_LOG_ENTRY_ENCODED_LEN = 184;
/** Most entries one page of `entries`/`entries_for` returns, per format. */
export const MAX_PAGE: Record<LogFormat, number> = { 1: 100, 2: 64 };

// ---------------------------------------------------------------------------------------------
// Subjects (format 2)

/**
 * What a format-2 entry is about, in the CLI's wire form (`{"type":"proposal","id":7}`, …),
 * except that a member's account is held as its 32 bytes in 0x-hex (SS58 on the wire).
 */
export type Subject =
  | { type: 'suite' }
  | { type: 'proposal'; id: number }
  | { type: 'member'; account: string }
  | { type: 'round'; id: number }
  | { type: 'bid'; round: number; bid: number }
  | { type: 'mandate'; id: number }
  | { type: 'act'; mandate: number; act: number };
export type SubjectType = Subject['type'];

/** Subject variants in SCALE index order. */
export const SUBJECT_TYPES = ['suite', 'proposal', 'member', 'round', 'bid', 'mandate', 'act'] as const satisfies readonly SubjectType[];

/** The subject of an entry about proposal `id`: `proposal`, or `suite` for 0 (as format 1 wrote it). */
export function subjectOfProposal(id: number): Subject {
  return id === 0 ? { type: 'suite' } : { type: 'proposal', id };
}

/** The proposal a subject is, if it is one. */
export function proposalOf(s: Subject): number | undefined {
  return s.type === 'proposal' ? s.id : undefined;
}

// ---------------------------------------------------------------------------------------------
// Byte helpers

const U32_MAX = 0xffff_ffff;
const U64_MAX = (1n << 64n) - 1n;

function u32(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > U32_MAX) throw new Error(`${what} must be a u32, got ${n}`);
  return n;
}

function u16(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new Error(`${what} must be a u16, got ${n}`);
  return n;
}

function u64(n: bigint, what: string): bigint {
  if (typeof n !== 'bigint' || n < 0n || n > U64_MAX) throw new Error(`${what} must be a u64, got ${n}`);
  return n;
}

function fixed32(hex: string, what: string): Uint8Array {
  const b = hexToBytes(hex);
  if (b.length !== 32) throw new Error(`${what} must be 32 bytes, got ${b.length}`);
  return b;
}

/** Appends little-endian integers and byte strings. */
class Writer {
  private parts: number[] = [];
  u8(n: number) {
    this.parts.push(n);
  }
  u16(n: number) {
    this.parts.push(n & 0xff, (n >>> 8) & 0xff);
  }
  u32(n: number) {
    for (let i = 0; i < 4; i++) this.parts.push((n >>> (8 * i)) & 0xff);
  }
  u64(n: bigint) {
    for (let i = 0n; i < 8n; i++) this.parts.push(Number((n >> (8n * i)) & 0xffn));
  }
  bytes(b: Uint8Array) {
    for (const x of b) this.parts.push(x);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Reads little-endian integers and byte strings; throws past the end. */
class Reader {
  constructor(
    private b: Uint8Array,
    public at = 0,
  ) {}
  private take(n: number): Uint8Array {
    if (this.at + n > this.b.length) throw new Error(`truncated: need ${n} bytes at offset ${this.at} of ${this.b.length}`);
    const out = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  u8(): number {
    return this.take(1)[0];
  }
  u16(): number {
    const b = this.take(2);
    return b[0] | (b[1] << 8);
  }
  u32(): number {
    const b = this.take(4);
    return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  }
  u64(): bigint {
    const b = this.take(8);
    let n = 0n;
    for (let i = 7; i >= 0; i--) n = (n << 8n) | BigInt(b[i]);
    return n;
  }
  hex32(): string {
    return bytesToHex(this.take(32));
  }
  /** A SCALE compact integer (lengths). */
  compact(): number {
    const first = this.b[this.at];
    if (first === undefined) throw new Error(`truncated: compact at offset ${this.at}`);
    switch (first & 3) {
      case 0:
        return this.u8() >>> 2;
      case 1:
        return this.u16() >>> 2;
      case 2:
        return this.u32() >>> 2;
      default: {
        const n = (this.u8() >>> 2) + 4;
        let v = 0n;
        const b = this.take(n);
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
        if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`compact length ${v} too large`);
        return Number(v);
      }
    }
  }
  get remaining(): number {
    return this.b.length - this.at;
  }
}

// ---------------------------------------------------------------------------------------------
// Kinds and kind sets

export function kindIndex(kind: LogKindName): number {
  const i = LOG_KINDS.indexOf(kind);
  if (i < 0) throw new Error(`unknown log kind ${kind}`);
  return i;
}

/** A kind as the wire dialect writes enum values: snake_case (`ProposalSubmitted` → `proposal_submitted`, `External` → `external`). */
export function kindToWire(kind: LogKindName): string {
  return kind.replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase();
}

/** The kind a wire name stands for; an unknown name is refused. */
export function kindFromWire(name: string): LogKindName {
  const kind = LOG_KINDS.find((k) => kindToWire(k) === name);
  if (kind === undefined) throw new Error(`unknown log kind "${name}"`);
  return kind;
}

/** A kind with its code, as people read it: `BallotClosed`, `External(5)`. */
export function kindText(kind: LogKindName, externalCode: number | null = null): string {
  return kind === 'External' ? `External(${externalCode})` : kind;
}

/**
 * What an entry of the succession says about its actor, the words before it: an `Anchored`
 * entry's actor is the predecessor log it continues, a `Sealed` entry's the successor suite's
 * hub the suite was handed over to; null for every other kind.
 */
export function successionText(kind: LogKindName): string | null {
  if (kind === 'Anchored') return 'continues the log';
  if (kind === 'Sealed') return 'sealed: handed over to';
  return null;
}

/**
 * A set of kinds: a u32 with bit i set for the kind of index i (bit 21: every `External` code);
 * a bit at or above LOG_KIND_COUNT names no kind (agora-types' `KindSet::is_defined`).
 */
export type KindSet = number;

export function kindSetOf(kinds: readonly LogKindName[]): KindSet {
  return kinds.reduce((bits, k) => (bits | (1 << kindIndex(k))) >>> 0, 0);
}

export function kindSetContains(set: KindSet, kind: LogKindName): boolean {
  return ((set >>> kindIndex(kind)) & 1) === 1;
}

/** The kinds a set holds, in index order. */
export function kindSetNames(set: KindSet): LogKindName[] {
  return LOG_KINDS.filter((k) => kindSetContains(set, k));
}

/**
 * The kinds only the log writes about itself (its writer records, the seal and the anchor of a
 * succession); no writer is ever authorized for them.
 */
export const LOG_OWN_KINDS = kindSetOf(['WriterAuthorized', 'WriterRevoked', 'AdminTransferred', 'Sealed', 'Anchored']);
/** The kinds the hub (proposals) writes. */
export const HUB_KINDS = kindSetOf([
  'BootstrapCompleted', 'MembershipChanged', 'ProposalSubmitted', 'ProposalRevised', 'ProposalCancelled', 'ProposalRejected',
  'ProposalSucceeded', 'ProposalDefeated', 'ProposalQueued', 'ProposalExecuted', 'VetoCast', 'ProposalVetoed', 'ParameterChanged',
  'ReviewPassed',
]);
/** The kinds peer review writes. */
export const REVIEW_KINDS = kindSetOf(['ReviewRoundOpened', 'ReviewRoundClosed']);
/** The kinds voting writes. */
export const VOTING_KINDS = kindSetOf(['BallotOpened', 'BallotClosed']);
/** The kinds of a writer governance authorized (`AuthorizeWriter`): `External` only. */
export const EXTERNAL_KINDS = kindSetOf(['External']);

/** The sets the suite gives its writers, by their `agora_types` names. */
export const KIND_SETS: Record<string, KindSet> = { HUB_KINDS, REVIEW_KINDS, VOTING_KINDS, EXTERNAL_KINDS };

/**
 * A kind set in words, as the CLI writes it: the name of the suite's set it is (`HUB_KINDS`, …),
 * else its bits and kinds (`0x00200300 (review_round_opened, review_round_closed, external)`,
 * a bit no kind has as `bit N`); `no kind` for the empty set.
 */
export function describeKindSet(set: KindSet): string {
  const named = Object.entries(KIND_SETS).find(([, s]) => s === set);
  if (named) return named[0];
  if (set === 0) return 'no kind';
  const names: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    if ((set >>> bit) & 1) names.push(bit < LOG_KINDS.length ? kindToWire(LOG_KINDS[bit]) : `bit ${bit}`);
  }
  return `0x${(set >>> 0).toString(16).padStart(8, '0')} (${names.join(', ')})`;
}

/** The `WriterAuthorized` payload: the set as 4 bytes (u32 LE), then 28 zero bytes. */
export function kindsPayload(set: KindSet): string {
  const w = new Writer();
  w.u32(u32(set, 'kind set'));
  w.bytes(new Uint8Array(28));
  return bytesToHex(w.done());
}

/**
 * The kinds a `WriterAuthorized` payload names, or null if it is not one the log writes:
 * 28 zero bytes after the set, only defined kinds, at least one, none of the log's own.
 */
export function kindsOfPayload(payload: string): KindSet | null {
  const b = fixed32(payload, 'payload_hash');
  if (b.subarray(4).some((x) => x !== 0)) return null;
  const set = new Reader(b).u32();
  const defined = set >>> LOG_KIND_COUNT === 0;
  return defined && set !== 0 && (set & LOG_OWN_KINDS) === 0 ? set : null;
}

// ---------------------------------------------------------------------------------------------
// Entries

interface EntryFields {
  index: bigint;
  /** 32 account bytes in 0x-hex (not SS58). */
  actor: string;
  payloadHash: string;
  block: number;
  timestamp: bigint;
  prevHash: string;
}

/** A format-1 entry: kinds 0–20, the subject a bare proposal id (0 for none), no writer. */
export interface LogEntryV1 extends EntryFields {
  format: 1;
  kind: Format1KindName;
  subject: number;
}

/** A format-2 entry: a typed subject and the account whose call appended it. */
export interface LogEntryV2 extends EntryFields {
  format: 2;
  kind: LogKindName;
  /** The code of an `External` kind (u16); null for every other kind. */
  externalCode: number | null;
  subject: Subject;
  /** The account whose call appended it (32 bytes in 0x-hex), set by the log. */
  writer: string;
}

export type LogEntry = LogEntryV1 | LogEntryV2;

export interface HashedEntry<E extends LogEntry = LogEntry> {
  entry: E;
  hash: string;
}

/** SCALE encoding of a format-2 kind: its index, then for `External` the code as u16 LE. */
export function encodeKind(kind: LogKindName, externalCode: number | null): Uint8Array {
  const i = kindIndex(kind);
  if (kind === 'External') {
    if (externalCode === null || externalCode === undefined) throw new Error('an External kind needs its code');
    return Uint8Array.of(i, u16(externalCode, 'external code') & 0xff, externalCode >>> 8);
  }
  if (externalCode !== null && externalCode !== undefined) throw new Error(`kind ${kind} has no external code (got ${externalCode})`);
  return Uint8Array.of(i);
}

/** SCALE encoding of a subject: its variant byte, then its fields. */
export function encodeSubject(s: Subject): Uint8Array {
  const w = new Writer();
  const tag = SUBJECT_TYPES.indexOf(s.type);
  if (tag < 0) throw new Error(`unknown subject type ${JSON.stringify((s as any).type)}`);
  w.u8(tag);
  switch (s.type) {
    case 'suite':
      break;
    case 'proposal':
    case 'round':
    case 'mandate':
      w.u32(u32(s.id, `${s.type} id`));
      break;
    case 'member':
      w.bytes(fixed32(s.account, 'member account'));
      break;
    case 'bid':
      w.u32(u32(s.round, 'bid round'));
      w.u32(u32(s.bid, 'bid'));
      break;
    case 'act':
      w.u32(u32(s.mandate, 'act mandate'));
      w.u32(u32(s.act, 'act'));
      break;
  }
  return w.done();
}

/** SCALE encoding of a format-1 entry (121 bytes). */
export function encodeEntryV1(e: LogEntryV1): Uint8Array {
  const w = new Writer();
  w.u64(u64(e.index, 'index'));
  const kind = kindIndex(e.kind);
  if (kind >= FORMAT1_KIND_COUNT) throw new Error(`format 1 has no kind ${e.kind}`);
  w.u8(kind);
  w.u32(u32(e.subject, 'subject'));
  w.bytes(fixed32(e.actor, 'actor'));
  w.bytes(fixed32(e.payloadHash, 'payload_hash'));
  w.u32(u32(e.block, 'block'));
  w.u64(u64(e.timestamp, 'timestamp'));
  w.bytes(fixed32(e.prevHash, 'prev_hash'));
  return w.done();
}

/** SCALE encoding of a format-2 entry (150–184 bytes). */
export function encodeEntryV2(e: LogEntryV2): Uint8Array {
  const w = new Writer();
  w.u64(u64(e.index, 'index'));
  w.bytes(encodeKind(e.kind, e.externalCode));
  w.bytes(encodeSubject(e.subject));
  w.bytes(fixed32(e.actor, 'actor'));
  w.bytes(fixed32(e.writer, 'writer'));
  w.bytes(fixed32(e.payloadHash, 'payload_hash'));
  w.u32(u32(e.block, 'block'));
  w.u64(u64(e.timestamp, 'timestamp'));
  w.bytes(fixed32(e.prevHash, 'prev_hash'));
  return w.done();
}

/** SCALE encoding of an entry in its own format. */
export function encodeEntry(e: LogEntry): Uint8Array {
  if (e.format === 1) return encodeEntryV1(e);
  if (e.format === 2) return encodeEntryV2(e);
  throw new Error(`unknown log format ${(e as any).format}`);
}

/**
 * Payload hash of a `Sealed` entry (agora-types' `sealed_payload`):
 * `blake2_256(SCALE((proposal u32, successor_code_hash [u8; 32], amount u128)))`, the succession
 * proposal, the code hash its action pinned for the successor's hub, and the treasury handed over.
 */
export function sealedPayload(proposal: number, successorCodeHash: string, amount: bigint): string {
  if (typeof amount !== 'bigint' || amount < 0n || amount >= 1n << 128n) throw new Error(`amount must be a u128, got ${amount}`);
  const w = new Writer();
  w.u32(u32(proposal, 'proposal'));
  w.bytes(fixed32(successorCodeHash, 'successor code hash'));
  w.u64(amount & U64_MAX);
  w.u64(amount >> 64n);
  return bytesToHex(blake2AsU8a(w.done(), 256));
}

function chainedHash(prevHash: string, encoded: Uint8Array): string {
  const pre = new Uint8Array(32 + encoded.length);
  pre.set(fixed32(prevHash, 'prev_hash'), 0);
  pre.set(encoded, 32);
  return bytesToHex(blake2AsU8a(pre, 256));
}

/** `blake2_256(prev_hash ++ SCALE(entry))` of a format-1 entry, as 0x-hex. */
export function entryHashV1(e: LogEntryV1): string {
  return chainedHash(e.prevHash, encodeEntryV1(e));
}

/** `blake2_256(prev_hash ++ SCALE(entry))` of a format-2 entry, as 0x-hex. */
export function entryHashV2(e: LogEntryV2): string {
  return chainedHash(e.prevHash, encodeEntryV2(e));
}

/** `blake2_256(prev_hash ++ SCALE(entry))`, the rule of every format, as 0x-hex. */
export function entryHash(e: LogEntry): string {
  return chainedHash(e.prevHash, encodeEntry(e));
}

function decodeKindV2(r: Reader): { kind: LogKindName; externalCode: number | null } {
  const i = r.u8();
  if (i >= LOG_KINDS.length) throw new Error(`unknown log kind index ${i}`);
  return i === EXTERNAL_KIND_INDEX ? { kind: 'External', externalCode: r.u16() } : { kind: LOG_KINDS[i], externalCode: null };
}

function decodeSubject(r: Reader): Subject {
  const tag = r.u8();
  switch (SUBJECT_TYPES[tag]) {
    case 'suite':
      return { type: 'suite' };
    case 'proposal':
      return { type: 'proposal', id: r.u32() };
    case 'member':
      return { type: 'member', account: r.hex32() };
    case 'round':
      return { type: 'round', id: r.u32() };
    case 'bid':
      return { type: 'bid', round: r.u32(), bid: r.u32() };
    case 'mandate':
      return { type: 'mandate', id: r.u32() };
    case 'act':
      return { type: 'act', mandate: r.u32(), act: r.u32() };
    default:
      throw new Error(`unknown subject variant ${tag}`);
  }
}

function decodeEntryFrom(r: Reader, format: LogFormat): LogEntry {
  const index = r.u64();
  if (format === 1) {
    const k = r.u8();
    if (k >= FORMAT1_KIND_COUNT) throw new Error(`format 1 has no kind index ${k}`);
    const subject = r.u32();
    const actor = r.hex32();
    const payloadHash = r.hex32();
    return { format: 1, index, kind: LOG_KINDS[k] as Format1KindName, subject, actor, payloadHash, block: r.u32(), timestamp: r.u64(), prevHash: r.hex32() };
  }
  const { kind, externalCode } = decodeKindV2(r);
  const subject = decodeSubject(r);
  const actor = r.hex32();
  const writer = r.hex32();
  const payloadHash = r.hex32();
  return { format: 2, index, kind, externalCode, subject, actor, writer, payloadHash, block: r.u32(), timestamp: r.u64(), prevHash: r.hex32() };
}

/** Decodes exactly one entry of `format` from its SCALE bytes. */
export function decodeEntry(bytes: Uint8Array, format: LogFormat): LogEntry {
  const r = new Reader(bytes);
  const e = decodeEntryFrom(r, format);
  if (r.remaining) throw new Error(`${r.remaining} bytes after the entry`);
  return e;
}

/**
 * Decodes what `entries`/`entries_for` return as the contract's raw output, in either format:
 * `Result<Result<Vec<HashedEntry>, LogError>, LangError>` (ink's outer result, the log's
 * result, a compact length, then entry ‖ hash back to back). A `LogError` is thrown by its index.
 */
export function decodeEntriesOutput(bytes: Uint8Array, format: LogFormat): HashedEntry[] {
  const r = new Reader(bytes);
  if (r.u8() !== 0) throw new Error('the contract refused the call (LangError)');
  const inner = r.u8();
  if (inner !== 0) throw new Error(`the log refused the call (LogError index ${r.remaining ? r.u8() : '?'})`);
  const n = r.compact();
  const out: HashedEntry[] = [];
  for (let i = 0; i < n; i++) {
    const entry = decodeEntryFrom(r, format);
    out.push({ entry, hash: r.hex32() });
  }
  if (r.remaining) throw new Error(`${r.remaining} bytes after the page`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The chain verifier (rules 1–5 of docs/auditing.md, either format)

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

/** Verifies entries with their stored hashes against the head read from the chain (rules 1–5). */
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

// ---------------------------------------------------------------------------------------------
// The writer check (rule 6, format 2)

/** Why an entry's writer was not allowed to write it (agora-types' `WriterFault`). */
export type WriterFault =
  | 'NotAdmin'
  | 'BadAuthorization'
  | 'UnknownWriter'
  | 'BadHandover'
  | 'NotWriter'
  | 'KindNotAllowed'
  | 'SubjectNotAllowed'
  | 'BadAnchor'
  | 'BadSeal'
  | 'AfterSeal';

export interface WriterError {
  index: bigint;
  fault: WriterFault;
}

export const WRITER_FAULT_TEXT: Record<WriterFault, string> = {
  NotAdmin: "writer entry not appended by the log's admin",
  BadAuthorization: 'authorization the log would not write',
  UnknownWriter: 'revokes an account that was not a writer',
  BadHandover: 'admin handover the log would not write',
  NotWriter: 'appended by an account that was not a writer',
  KindNotAllowed: 'its writer was not authorized for its kind',
  SubjectNotAllowed: 'an external entry about the suite',
  BadAnchor: 'an anchor the log would not write',
  BadSeal: 'a seal the log would not write',
  AfterSeal: 'appended after the log was sealed',
};

/** Same wording as agora-types' `Display for WriterError`. */
export function describeWriterError(e: WriterError): string {
  return `entry ${e.index}: ${WRITER_FAULT_TEXT[e.fault]}`;
}

/**
 * Replays a format-2 log's writer records from entry 0, as agora-types' `WriterCheck::new`: the
 * log's own records by the admin of the time (the first such record's writer is the first
 * admin) and as the log writes them (about the suite; a revocation with 32 zero payload bytes;
 * a handover appended by the new admin its payload names, never to itself or the zero
 * account), every other entry by a writer authorized for its kind, and no `External` entry
 * about the suite. A successor suite's log starts with an `Anchored` entry (entry 0, about the
 * suite), whose writer, the deployer, is the first admin; a `Sealed` entry (about the suite,
 * by the admin of the time) is a log's last: nothing may follow it. Feed it the entries the
 * chain verifier accepted.
 */
export class WriterCheck {
  /** The admin of the time (0x-hex, lower case), once a writer record named it. */
  admin: string | null = null;
  /** Writers authorized now (0x-hex, lower case) with their kinds. */
  writers = new Map<string, KindSet>();
  /** Whether an entry pushed so far sealed the log (agora-types' `sealed()`). */
  sealed = false;

  /** Checks `entry`'s writer and applies it if it changes writers or the admin. */
  push(entry: LogEntryV2): WriterError | null {
    if (entry.format !== 2) throw new Error(`the writer check reads format-2 entries, got format ${(entry as any).format}`);
    const fail = (fault: WriterFault): WriterError => ({ index: entry.index, fault });
    if (this.sealed) return fail('AfterSeal');
    const writer = entry.writer.toLowerCase();
    const actor = entry.actor.toLowerCase();
    const aboutSuite = entry.subject.type === 'suite';
    switch (entry.kind) {
      case 'Anchored':
        // Written by a successor log's constructor: entry 0, by its deployer, the first admin.
        if (entry.index !== 0n || !aboutSuite || this.admin !== null) return fail('BadAnchor');
        this.admin = writer;
        return null;
      case 'Sealed': {
        const admin = (this.admin ??= writer);
        if (writer !== admin) return fail('NotAdmin');
        if (!aboutSuite) return fail('BadSeal');
        this.sealed = true;
        return null;
      }
      case 'WriterAuthorized':
      case 'WriterRevoked': {
        const admin = (this.admin ??= writer);
        if (writer !== admin) return fail('NotAdmin');
        if (entry.kind === 'WriterAuthorized') {
          const kinds = kindsOfPayload(entry.payloadHash);
          if (kinds === null || !aboutSuite || this.writers.has(actor)) return fail('BadAuthorization');
          this.writers.set(actor, kinds);
        } else if (!aboutSuite || entry.payloadHash.toLowerCase() !== ZERO_HASH || !this.writers.delete(actor)) {
          return fail('UnknownWriter');
        }
        return null;
      }
      case 'AdminTransferred': {
        const newAdmin = entry.payloadHash.toLowerCase();
        const oldAdmin = (this.admin ??= actor);
        if (!aboutSuite || writer !== newAdmin || actor !== oldAdmin || newAdmin === oldAdmin || newAdmin === ZERO_HASH) {
          return fail('BadHandover');
        }
        this.admin = newAdmin;
        return null;
      }
      default: {
        const kinds = this.writers.get(writer);
        if (kinds === undefined) return fail('NotWriter');
        if (!kindSetContains(kinds, entry.kind)) return fail('KindNotAllowed');
        if (entry.kind === 'External' && entry.subject.type === 'suite') return fail('SubjectNotAllowed');
        return null;
      }
    }
  }
}

/** Checks every entry's writer from entry 0 (format 2); the first that fails, or null. */
export function verifyWriters(entries: HashedEntry[]): WriterError | null {
  const check = new WriterCheck();
  for (const { entry } of entries) {
    if (entry.format !== 2) throw new Error(`entry ${entry.index} is format ${entry.format}: only format 2 records writers`);
    const err = check.push(entry);
    if (err) return err;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The whole audit: chain, head and (format 2) writers

export interface LogReport extends ChainReport {
  /** The format the entries are in. */
  format: LogFormat;
  /** Whether the writers are checked (rule 6): format 2, whose entries record them. */
  writersChecked: boolean;
  /** The first entry whose writer was not allowed it. */
  writerError?: WriterError;
  /** Whether the verified entries end with the log's seal (its suite was succeeded; format 2). */
  sealed?: boolean;
}

/**
 * Verifies a log of `format` against its head, entry by entry as `agora log verify` does: each
 * entry's place in the chain (rules 1–5) and, for format 2, then its writer (rule 6), so the
 * first entry that fails either is named; at the end, the head.
 */
export function verifyLog(format: LogFormat, entries: HashedEntry[], expectedHead?: [bigint, string]): LogReport {
  const other = entries.find((x) => x.entry.format !== format);
  if (other) throw new Error(`entry ${other.entry.index} is format ${other.entry.format}, not ${format}`);
  const writersChecked = format === 2;
  const v = new ChainVerifier();
  const writers = writersChecked ? new WriterCheck() : null;
  for (const item of entries) {
    const before = v.head();
    const r = v.push(item.entry, item.hash);
    if (typeof r !== 'string') return { ok: false, verified: v.nextIndex, head: v.prevHash, error: r, format, writersChecked };
    const writerError = writers?.push(item.entry as LogEntryV2);
    if (writerError) return { ok: false, verified: before[0], head: before[1], writerError, format, writersChecked };
  }
  const err = expectedHead ? v.finish(expectedHead) : null;
  if (err) return { ok: false, verified: v.nextIndex, head: v.prevHash, error: err, format, writersChecked };
  return { ok: true, verified: v.nextIndex, head: v.prevHash, format, writersChecked, ...(writers?.sealed ? { sealed: true } : {}) };
}

function chainText(r: ChainReport): string {
  if (r.verified === 0n) return `empty log, head ${GENESIS_HASH}`;
  return `chain verified up to entry ${r.verified - 1n}, head ${r.head}`;
}

/** The text the audit view shows for a report. */
export function reportText(r: ChainReport | LogReport): string {
  if (r.error) return `verification failed at ${describeVerifyError(r.error)}`;
  if ('writerError' in r && r.writerError) return `writer check failed at ${describeWriterError(r.writerError)}`;
  const text = chainText(r);
  if (!('format' in r)) return text;
  if (r.format === 1) return `${text} (format 1: entries do not record their writer)`;
  if (r.verified === 0n) return text;
  const writers = `${text}; every entry's writer was allowed its kind`;
  return r.sealed ? `${writers}; the log is sealed: its suite was succeeded` : writers;
}

// ---------------------------------------------------------------------------------------------
// The export format (`agora log export`)

/** Export of a format-1 log. */
export const EXPORT_FORMAT_V2 = 'agora-log-export/v2';
/** Export of a format-2 log. */
export const EXPORT_FORMAT_V3 = 'agora-log-export/v3';
/** The export format of each log format. */
export const EXPORT_FORMATS: Record<LogFormat, string> = { 1: EXPORT_FORMAT_V2, 2: EXPORT_FORMAT_V3 };
/** The export format of the logs this version deploys. */
export const EXPORT_FORMAT = EXPORT_FORMAT_V3;

/** Writes bigints as exact JSON numbers (JSON.stringify cannot). */
function stringifyExact(value: unknown): string {
  const marks: string[] = [];
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `@@big${marks.push(v.toString()) - 1}@@` : v), 2);
  return text.replace(/"@@big(\d+)@@"/g, (_m, i) => marks[Number(i)]);
}

const ss58 = (hex: string) => encodeAddress(hex, 42);
/** An account as exports write it (SS58, prefix 42) or as they may be read (SS58 or 0x-hex). */
function accountFromWire(a: unknown, what: string): string {
  if (typeof a !== 'string') throw new Error(`${what} must be an SS58 address or 0x-hex`);
  return a.startsWith('0x') ? bytesToHex(fixed32(a, what)) : bytesToHex(decodeAddress(a));
}

/** A subject in the CLI's wire form: `{"type":"proposal","id":7}`, the member's account as SS58. */
export function subjectToWire(s: Subject): Record<string, unknown> {
  return s.type === 'member' ? { type: 'member', account: ss58(s.account) } : { ...s };
}

function intFromWire(v: unknown, what: string): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number') throw new Error(`${what} must be an integer, got ${JSON.stringify(v)}`);
  return u32(n, what);
}

/** A subject from its wire form (the member's account as SS58 or 0x-hex). */
export function subjectFromWire(x: unknown): Subject {
  const s = x as any;
  if (!s || typeof s !== 'object' || Array.isArray(s)) throw new Error(`subject must be an object like {"type":"proposal","id":7}, got ${JSON.stringify(x)}`);
  switch (s.type) {
    case 'suite':
      return { type: 'suite' };
    case 'proposal':
    case 'round':
    case 'mandate':
      return { type: s.type, id: intFromWire(s.id, `${s.type} subject's id`) };
    case 'member':
      return { type: 'member', account: accountFromWire(s.account, "member subject's account") };
    case 'bid':
      return { type: 'bid', round: intFromWire(s.round, "bid subject's round"), bid: intFromWire(s.bid, "bid subject's bid") };
    case 'act':
      return { type: 'act', mandate: intFromWire(s.mandate, "act subject's mandate"), act: intFromWire(s.act, "act subject's act") };
    default:
      throw new Error(`unknown subject type ${JSON.stringify(s.type)} (known: ${SUBJECT_TYPES.join(', ')})`);
  }
}

/**
 * JSON export in the CLI's format (`agora log export`): "agora-log-export/v3" for a format-2
 * log, "agora-log-export/v2" for a format-1 log. Integers as JSON numbers, bytes as 0x-hex,
 * accounts (actor, and in v3 writer and a member subject) as SS58 (prefix 42), the kind in
 * snake_case with its `kind_index`. v3 adds the document's `format_version` (2) and, per entry,
 * `external_code` (the code of an `external` kind, null for the others), the typed `subject`,
 * `proposal` (a proposal subject's id, null for other subjects; not hashed) and `writer`.
 * Either tool re-verifies the other's file.
 */
export function exportJson(
  format: LogFormat,
  entries: HashedEntry[],
  head: [bigint, string],
  meta: { network?: string; chain_tag?: string; log?: string } = {},
): string {
  return stringifyExact({
    format: EXPORT_FORMATS[format],
    ...(format === 2 ? { format_version: 2 } : {}),
    ...meta,
    head: { len: head[0], hash: head[1] },
    entries: entries.map(({ entry: e, hash }) => {
      if (e.format !== format) throw new Error(`entry ${e.index} is format ${e.format}, not ${format}`);
      if (e.format === 1) {
        return {
          index: e.index, kind: kindToWire(e.kind), kind_index: kindIndex(e.kind), subject: e.subject, actor: ss58(e.actor),
          payload_hash: e.payloadHash, block: e.block, timestamp: e.timestamp, prev_hash: e.prevHash, hash,
        };
      }
      return {
        index: e.index, kind: kindToWire(e.kind), external_code: e.kind === 'External' ? e.externalCode : null, kind_index: kindIndex(e.kind),
        subject: subjectToWire(e.subject), proposal: proposalOf(e.subject) ?? null, actor: ss58(e.actor), writer: ss58(e.writer), payload_hash: e.payloadHash, block: e.block,
        timestamp: e.timestamp, prev_hash: e.prevHash, hash,
      };
    }),
  });
}

/** An exported entry's kind: its name and its `kind_index` must name the same one, and the format must have it. */
function agreedKind(x: any, format: LogFormat): LogKindName {
  const kind = kindFromWire(x.kind);
  if (kindIndex(kind) !== x.kind_index) {
    throw new Error(`entry ${x.index}: kind "${x.kind}" and kind_index ${x.kind_index} name different kinds`);
  }
  if (format === 1 && kindIndex(kind) >= FORMAT1_KIND_COUNT) throw new Error(`entry ${x.index}: format 1 has no kind "${x.kind}"`);
  return kind;
}

/** An exported entry's external code: a u16 for an `external` kind, null (or absent) for the others. */
function agreedExternalCode(x: any, kind: LogKindName): number | null {
  const code = x.external_code ?? null;
  if (kind === 'External') {
    if (code === null) throw new Error(`entry ${x.index}: an "external" kind needs its external_code`);
    return u16(typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : code, `entry ${x.index}: external_code`);
  }
  if (code !== null) throw new Error(`entry ${x.index}: kind "${x.kind}" has no external_code (got ${JSON.stringify(code)})`);
  return null;
}

export interface ImportedLog {
  /** The format of its entries (1 from a v2 export, 2 from a v3 export). */
  format: LogFormat;
  /** Its `format` field. */
  exportFormat: string;
  head: [bigint, string];
  entries: HashedEntry[];
}

/** Reads an export back (the app's or the CLI's, v2 or v3): accounts as SS58 or 0x-hex. */
export function importJson(text: string): ImportedLog {
  // Integers past 2^53 would lose precision in JSON.parse: quote long digit runs first.
  const j = JSON.parse(text.replace(/(:\s*)(\d{16,})(\s*[,}\n])/g, '$1"$2"$3'));
  if (!j || !j.head || !Array.isArray(j.entries)) throw new Error('expected { head: { len, hash }, entries: [...] }');
  const format = (Object.keys(EXPORT_FORMATS).map(Number) as LogFormat[]).find((f) => EXPORT_FORMATS[f] === j.format);
  if (format === undefined) {
    throw new Error(`expected format "${EXPORT_FORMAT_V3}" or "${EXPORT_FORMAT_V2}", got ${JSON.stringify(j.format)}`);
  }
  if (format === 2 && j.format_version !== 2) {
    throw new Error(`an ${EXPORT_FORMAT_V3} document holds log format 2 entries, but its format_version is ${JSON.stringify(j.format_version ?? 'missing')}`);
  }
  const common = (x: any) => ({
    index: BigInt(x.index),
    actor: accountFromWire(x.actor, `entry ${x.index}: actor`),
    payloadHash: x.payload_hash,
    block: Number(x.block),
    timestamp: BigInt(x.timestamp),
    prevHash: x.prev_hash,
  });
  const entries: HashedEntry[] = j.entries.map((x: any): HashedEntry => {
    if (format === 1) {
      const kind = agreedKind(x, 1) as Format1KindName;
      return { entry: { format: 1, ...common(x), kind, subject: Number(x.subject) }, hash: x.hash };
    }
    const kind = agreedKind(x, 2);
    const subject = subjectFromWire(x.subject);
    // `proposal` repeats a proposal subject's id (not hashed): it must not contradict it.
    if (x.proposal !== undefined && (x.proposal ?? undefined) !== proposalOf(subject)) {
      throw new Error(`entry ${x.index}: proposal ${JSON.stringify(x.proposal)} contradicts its subject ${JSON.stringify(x.subject)}`);
    }
    const entry: LogEntryV2 = {
      format: 2, ...common(x), kind, externalCode: agreedExternalCode(x, kind), subject, writer: accountFromWire(x.writer, `entry ${x.index}: writer`),
    };
    return { entry, hash: x.hash };
  });
  return { format, exportFormat: j.format, head: [BigInt(j.head.len), j.head.hash], entries };
}
