// The suite's one JSON dialect for actions and signed payloads (docs/signing.md, "JSON
// dialect"; defined by agora-types' `wire` module, schemas in schemas/wire/), read and
// written in the browser, and the checks every hub runs on a proposal's content before it
// reads its state (`agora_types::check_content_shape`, docs/signing.md "What a signer must
// refuse").
//
// The app talks to the contracts through dedot's generated bindings, whose shape differs
// (`{type: 'Transfer', value: [AccountId32, bigint]}`, camelCase fields, perspectives as a
// u16 bitset): `actionFromWire` reads the dialect into that shape and `actionToWire` writes
// it back, so a member types, reads and copies actions exactly as the CLI, the Python signer
// and the test vectors write them.
//
// Reading is as strict as the Rust types: unknown or missing fields (every field is named,
// `null` for none: a `set_params` names every parameter, a `register_member` its `key`), a
// `type` or perspective in another case, hex without `0x`, in uppercase or of the wrong
// length, an SS58 address whose checksum does not match, a u32 written as a string, a number
// out of its type's range or written with anything but digits or with a leading zero are
// refused, with the path of the first problem (`actions[1].amount: …`). There are no
// defaults: those of `HubParams::default()` exist only for configuration files
// (`agora_types::wire::params_from_config`), which the app does not read.

import { base58Decode } from '@polkadot/util-crypto';
import { AccountId32 } from 'dedot/codecs';
import { blake2AsU8a, encodeAddress } from 'dedot/utils';
import type {
  AgoraTypesMemberKeyBindingLike,
  AgoraTypesMemberMemberKind,
  AgoraTypesMemberMemberProfileLike,
  AgoraTypesProposalActionLike,
  AgoraTypesProposalHubParam,
  AgoraTypesProposalHubParams,
  AgoraTypesProposalProposalPayloadLike,
  AgoraTypesProposalRevisionPayloadLike,
  AgoraTypesReviewReviewRules,
  AgoraTypesVotingVotingRules,
} from '../contracts/generated/proposals/types';
import type { AgoraTypesVotingBallotId, AgoraTypesVotingBallotPurpose } from '../contracts/generated/voting/types';
import { bytesToHex } from './hex';

export type ActionLike = AgoraTypesProposalActionLike;
export type HubParams = AgoraTypesProposalHubParams;
export type MemberProfileLike = AgoraTypesMemberMemberProfileLike;

// ---- limits (agora-types; the fixture's `bounds` table lists the same values) -------------

/** Most actions in one proposal or revision. */
export const MAX_ACTIONS = 8;
/** Most revisions of one proposal, its first submission included. */
export const MAX_REVISIONS = 16;
/** Longest `Call` input, in bytes. */
export const MAX_CALL_INPUT_LEN = 1_024;
/** Longest proposal or member metadata URI, in UTF-8 bytes. */
export const MAX_URI_LEN = 256;
/** Largest member weight. */
export const MAX_MEMBER_WEIGHT = 1_000_000_000_000n;
export const MIN_WINDOW = 2;
export const MAX_WINDOW = 403_200;
export const MIN_TIMELOCK = 1;
export const MAX_TIMELOCK = 403_200;
export const MIN_GRACE_PERIOD = 1;
export const MAX_GRACE_PERIOD = 403_200;
export const MAX_OPEN_PER_MEMBER = 32;
export const MIN_REQUIRED_REVIEWS = 1;
export const MAX_MIN_REVIEWS = 100;
export const MAX_VETO_THRESHOLD = 16;
export const MAX_SPEND_CAP = 1_000_000_000_000_000_000_000_000_000_000n;
export const MIN_SPENDING_PERIOD = 10;
export const MAX_SPENDING_PERIOD = 5_256_000;
export const MIN_QUORUM_BPS = 100;
export const MAX_QUORUM_BPS = 10_000;
export const MIN_APPROVAL_THRESHOLD_BPS = 5_000;
export const MAX_APPROVAL_THRESHOLD_BPS = 10_000;

/** Every limit above by its Rust name, as the fixture's `bounds` table has them. */
export const BOUNDS: Record<string, number | bigint> = {
  MAX_ACTIONS,
  MAX_REVISIONS,
  MAX_APPROVAL_THRESHOLD_BPS,
  MAX_CALL_INPUT_LEN,
  MAX_GRACE_PERIOD,
  MAX_MEMBER_WEIGHT,
  MAX_MIN_REVIEWS,
  MAX_OPEN_PER_MEMBER,
  MAX_QUORUM_BPS,
  MAX_SPENDING_PERIOD,
  MAX_SPEND_CAP,
  MAX_TIMELOCK,
  MAX_URI_LEN,
  MAX_VETO_THRESHOLD,
  MAX_WINDOW,
  MIN_APPROVAL_THRESHOLD_BPS,
  MIN_GRACE_PERIOD,
  MIN_QUORUM_BPS,
  MIN_REQUIRED_REVIEWS,
  MIN_SPENDING_PERIOD,
  MIN_TIMELOCK,
  MIN_WINDOW,
};

/** The SS58 prefix the dialect writes accounts with (the generic substrate one). */
export const SS58_PREFIX = 42;

/** Perspective names; bit i of a PerspectiveSet is `WIRE_PERSPECTIVES[i]`. */
export const WIRE_PERSPECTIVES = ['safety', 'creativity', 'ethics', 'efficiency', 'finance', 'legal', 'community', 'technical'] as const;
const PERSPECTIVE_MASK = (1 << WIRE_PERSPECTIVES.length) - 1;

const U32_MAX = 0xffff_ffff;
const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

// ---- errors ----------------------------------------------------------------------------

/** Why a JSON value is not in the dialect: `path` (`actions[1].amount`) and the problem. */
export class WireError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'WireError';
  }
}

function fail(path: string, problem: string): never {
  throw new WireError(path, problem);
}

function shown(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  const text = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

// ---- reading the dialect's values ------------------------------------------------------

type Obj = Record<string, unknown>;

/** An object with exactly the `fields`: each present (an `Option` as `null`), no others. */
function object(v: unknown, path: string, fields: readonly string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, `an object expected, found ${shown(v)}`);
  const o = v as Obj;
  for (const k of Object.keys(o)) {
    if (!fields.includes(k)) fail(path, `unknown field "${k}" (the fields are ${quoted(fields)})`);
  }
  for (const k of fields) if (!has(o, k)) fail(path, `missing field "${k}"`);
  return o;
}

const at = (path: string, k: string) => (path ? `${path}.${k}` : k);

function string(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, `a string expected, found ${shown(v)}`);
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, `true or false expected, found ${shown(v)}`);
  return v;
}

/** A u32 (u8, u16 alike): a JSON number, whole, from 0 to 2³² − 1; never a string. */
function u32(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(path, `a whole number from 0 to ${U32_MAX} expected, found ${shown(v)}`);
  if (v > U32_MAX) fail(path, `${v} is too large for the field (at most ${U32_MAX})`);
  return v;
}

/**
 * A u64 or u128: a string of decimal digits only, without a leading zero ("0" but not "007"),
 * or a JSON integer (read in what people write, as the Rust reader does; the app writes
 * strings).
 */
function decimal(v: unknown, path: string, max: bigint): bigint {
  let n: bigint;
  if (typeof v === 'string') {
    if (!/^[0-9]+$/.test(v)) fail(path, `${shown(v)} is not a number: decimal digits only`);
    if (v.length > 1 && v.startsWith('0')) fail(path, `${shown(v)} has a leading zero: a number has one spelling`);
    n = BigInt(v);
  } else if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) fail(path, `a non-negative integer or a string of decimal digits expected, found ${shown(v)}`);
    // JSON.parse has already rounded a larger one.
    if (!Number.isSafeInteger(v)) fail(path, `${v} is past 2^53 as a JSON number: write it as a decimal string`);
    n = BigInt(v);
  } else {
    fail(path, `a decimal string expected, found ${shown(v)}`);
  }
  if (n > max) fail(path, `${n} is too large for the field (at most ${max})`);
  return n;
}

/** `0x` and lowercase hex, of exactly `len` bytes when given; returned as such. */
function hex(v: unknown, path: string, len?: number): `0x${string}` {
  if (typeof v !== 'string') fail(path, `a 0x-hex string expected, found ${shown(v)}`);
  if (!v.startsWith('0x')) fail(path, 'hex must start with 0x');
  const digits = v.slice(2);
  if (/[A-Z]/.test(digits)) fail(path, 'hex must be lowercase');
  if (!/^[0-9a-f]*$/.test(digits) || digits.length % 2 !== 0) fail(path, 'not hex: an even number of 0-9a-f digits expected');
  if (len !== undefined && digits.length !== 2 * len) fail(path, `${digits.length / 2} bytes of hex where ${len} are expected`);
  return v as `0x${string}`;
}

function ss58Checksum(body: Uint8Array): Uint8Array {
  const data = new Uint8Array(7 + body.length);
  data.set(new TextEncoder().encode('SS58PRE'));
  data.set(body, 7);
  return blake2AsU8a(data, 512).subarray(0, 2);
}

/**
 * An SS58 address of any network prefix, its checksum checked, as the account's 32 bytes and
 * the prefix (the same decoding as agora-types' `ss58_decode`).
 */
export function ss58Decode(text: string): { account: Uint8Array; prefix: number } {
  const bad = () => fail('', 'not an account: SS58 (5F…) or 0x and 64 lowercase hex digits expected');
  let data: Uint8Array;
  try {
    data = base58Decode(text);
  } catch {
    return bad();
  }
  let prefix: number;
  let prefixLen: number;
  if (data.length > 0 && data[0] < 64) {
    [prefix, prefixLen] = [data[0], 1];
  } else if (data.length > 1 && data[0] < 128) {
    const lower = ((data[0] << 2) | (data[1] >> 6)) & 0xff;
    const upper = data[1] & 0b0011_1111;
    [prefix, prefixLen] = [lower | (upper << 8), 2];
  } else {
    return bad();
  }
  if (data.length !== prefixLen + 32 + 2) return bad();
  const body = data.subarray(0, prefixLen + 32);
  const sum = ss58Checksum(body);
  if (sum[0] !== data[prefixLen + 32] || sum[1] !== data[prefixLen + 33]) fail('', 'the SS58 address’s checksum does not match (mistyped?)');
  return { account: data.slice(prefixLen, prefixLen + 32), prefix };
}

/** An account as 0x-hex: read from SS58 (any prefix, checksum checked) or 0x + 64 lowercase hex digits. */
export function accountHexFromWire(v: unknown, path = 'account'): `0x${string}` {
  if (typeof v !== 'string') fail(path, `an account expected (SS58 or 0x and 64 hex digits), found ${shown(v)}`);
  if (v.startsWith('0x')) return hex(v, path, 32);
  try {
    return bytesToHex(ss58Decode(v).account) as `0x${string}`;
  } catch (e) {
    if (e instanceof WireError) fail(path, e.problem);
    throw e;
  }
}

function account(v: unknown, path: string): AccountId32 {
  return new AccountId32(accountHexFromWire(v, path));
}

/** A perspective set: a list of names, each exactly its lowercase name and at most once; as the bitset. */
function perspectives(v: unknown, path: string): number {
  if (!Array.isArray(v)) fail(path, `a list of perspective names expected, found ${shown(v)}`);
  let set = 0;
  v.forEach((name, i) => {
    const p = `${path}[${i}]`;
    if (typeof name !== 'string') fail(p, `a perspective name expected, found ${shown(name)}`);
    const index = WIRE_PERSPECTIVES.findIndex((w) => w === name);
    if (index < 0) {
      const near = WIRE_PERSPECTIVES.find((w) => w === name.trim().toLowerCase());
      fail(p, `unknown perspective ${shown(name)}${near ? ` (names are exactly lowercase: "${near}")` : ` (one of ${quoted(WIRE_PERSPECTIVES)})`}`);
    }
    if (set & (1 << index)) fail(p, `perspective "${WIRE_PERSPECTIVES[index]}" is listed twice`);
    set |= 1 << index;
  });
  return set;
}

function memberKind(v: unknown, path: string): AgoraTypesMemberMemberKind {
  if (v === 'human') return 'Human';
  if (v === 'agent') return 'Agent';
  fail(path, `${shown(v)} is not a member kind ("human" or "agent")`);
}

function option<T>(v: unknown, path: string, read: (v: unknown, path: string) => T): T | undefined {
  return v === null ? undefined : read(v, path);
}

function profile(v: unknown, path: string): MemberProfileLike {
  const o = object(v, path, ['kind', 'perspectives', 'weight', 'metadata_uri', 'operator']);
  return {
    kind: memberKind(o.kind, at(path, 'kind')),
    perspectives: perspectives(o.perspectives, at(path, 'perspectives')),
    weight: decimal(o.weight, at(path, 'weight'), U128_MAX),
    metadataUri: string(o.metadata_uri, at(path, 'metadata_uri')),
    operator: option(o.operator, at(path, 'operator'), account),
  };
}

function keyBinding(v: unknown, path: string): AgoraTypesMemberKeyBindingLike {
  const o = object(v, path, ['key', 'proof']);
  return { key: hex(o.key, at(path, 'key'), 33), proof: hex(o.proof, at(path, 'proof'), 65) };
}

const REVIEW_RULES = ['min_reviews', 'required_perspectives', 'max_rejections'] as const;
const VOTING_RULES = ['quorum_bps', 'approval_threshold_bps', 'require_both_kinds'] as const;
/** `HubParams`' fields, in the Rust order. */
const HUB_PARAMS = [
  'review_window',
  'voting_window',
  'timelock',
  'grace_period',
  'review_rules',
  'voting_rules',
  'max_open_per_member',
  'veto_threshold',
  'max_spend_per_proposal',
  'max_spend_per_period',
  'spending_period',
] as const;

function reviewRules(v: unknown, path: string): AgoraTypesReviewReviewRules {
  const o = object(v, path, REVIEW_RULES);
  return {
    minReviews: u32(o.min_reviews, at(path, 'min_reviews')),
    requiredPerspectives: perspectives(o.required_perspectives, at(path, 'required_perspectives')),
    maxRejections: u32(o.max_rejections, at(path, 'max_rejections')),
  };
}

function votingRules(v: unknown, path: string): AgoraTypesVotingVotingRules {
  const o = object(v, path, VOTING_RULES);
  return {
    quorumBps: u32(o.quorum_bps, at(path, 'quorum_bps')),
    approvalThresholdBps: u32(o.approval_threshold_bps, at(path, 'approval_threshold_bps')),
    requireBothKinds: bool(o.require_both_kinds, at(path, 'require_both_kinds')),
  };
}

/**
 * Hub parameters (`HubParams`, schemas/wire/hub-params.json), every one of them and every
 * field of `review_rules` and `voting_rules` named: a `set_params` action has no defaults, so
 * a proposal cannot reset a parameter its author did not write down.
 */
export function hubParamsFromWire(v: unknown, path = 'params'): HubParams {
  const o = object(v, path, HUB_PARAMS);
  const n = (k: string) => u32(o[k], at(path, k));
  return {
    reviewWindow: n('review_window'),
    votingWindow: n('voting_window'),
    timelock: n('timelock'),
    gracePeriod: n('grace_period'),
    reviewRules: reviewRules(o.review_rules, at(path, 'review_rules')),
    votingRules: votingRules(o.voting_rules, at(path, 'voting_rules')),
    maxOpenPerMember: n('max_open_per_member'),
    vetoThreshold: n('veto_threshold'),
    maxSpendPerProposal: decimal(o.max_spend_per_proposal, at(path, 'max_spend_per_proposal'), U128_MAX),
    maxSpendPerPeriod: decimal(o.max_spend_per_period, at(path, 'max_spend_per_period'), U128_MAX),
    spendingPeriod: n('spending_period'),
  };
}

// ---- actions ---------------------------------------------------------------------------

/** Each action `type` of the dialect: its fields (in the Rust order, every one required) and the binding's variant. */
const ACTIONS = {
  transfer: { variant: 'Transfer', fields: ['to', 'amount'] },
  register_member: { variant: 'RegisterMember', fields: ['account', 'profile', 'key'] },
  update_member: { variant: 'UpdateMember', fields: ['account', 'profile'] },
  suspend_member: { variant: 'SuspendMember', fields: ['account'] },
  reinstate_member: { variant: 'ReinstateMember', fields: ['account'] },
  remove_member: { variant: 'RemoveMember', fields: ['account'] },
  set_params: { variant: 'SetParams', fields: ['params'] },
  authorize_writer: { variant: 'AuthorizeWriter', fields: ['writer'] },
  revoke_writer: { variant: 'RevokeWriter', fields: ['writer'] },
  call: { variant: 'Call', fields: ['callee', 'selector', 'input', 'value'] },
  succession: { variant: 'Succession', fields: ['successor', 'code_hash'] },
} as const satisfies Record<string, { variant: ActionLike['type']; fields: readonly string[] }>;

type WireType = keyof typeof ACTIONS;
export const ACTION_TYPES = Object.keys(ACTIONS) as WireType[];

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** One action in the dialect (`{"type": "transfer", "to": …, "amount": …}`) in the bindings' shape. */
export function actionFromWire(json: unknown, path = 'action'): ActionLike {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail(path, `an action object expected, found ${shown(json)}`);
  const o = json as Obj;
  if (!has(o, 'type')) fail(path, `missing field "type" (one of ${quoted(ACTION_TYPES)})`);
  const type = o.type;
  if (typeof type !== 'string' || !has(ACTIONS, type)) {
    const near = typeof type === 'string' && ACTION_TYPES.find((t) => t === snake(type) || t === type.toLowerCase());
    fail(at(path, 'type'), `unknown action type ${shown(type)}${near ? ` (types are snake_case: "${near}")` : ` (one of ${quoted(ACTION_TYPES)})`}`);
  }
  const spec = ACTIONS[type as WireType];
  object(o, path, ['type', ...spec.fields]);
  const f = (k: string) => at(path, k);
  switch (type as WireType) {
    case 'transfer':
      return { type: 'Transfer', value: [account(o.to, f('to')), decimal(o.amount, f('amount'), U128_MAX)] };
    case 'register_member':
      return {
        type: 'RegisterMember',
        value: [account(o.account, f('account')), profile(o.profile, f('profile')), option(o.key, f('key'), keyBinding)],
      };
    case 'update_member':
      return { type: 'UpdateMember', value: [account(o.account, f('account')), profile(o.profile, f('profile'))] };
    case 'suspend_member':
      return { type: 'SuspendMember', value: account(o.account, f('account')) };
    case 'reinstate_member':
      return { type: 'ReinstateMember', value: account(o.account, f('account')) };
    case 'remove_member':
      return { type: 'RemoveMember', value: account(o.account, f('account')) };
    case 'set_params':
      return { type: 'SetParams', value: hubParamsFromWire(o.params, f('params')) };
    case 'authorize_writer':
      return { type: 'AuthorizeWriter', value: account(o.writer, f('writer')) };
    case 'revoke_writer':
      return { type: 'RevokeWriter', value: account(o.writer, f('writer')) };
    case 'call':
      return {
        type: 'Call',
        value: [account(o.callee, f('callee')), hex(o.selector, f('selector'), 4), hex(o.input, f('input')), decimal(o.value, f('value'), U128_MAX)],
      };
    case 'succession':
      return { type: 'Succession', value: [account(o.successor, f('successor')), hex(o.code_hash, f('code_hash'), 32)] };
  }
}

/** A list of actions in the dialect (schemas/wire/actions.json) in the bindings' shape. */
export function actionsFromWire(json: unknown, path = 'actions'): ActionLike[] {
  if (!Array.isArray(json)) fail(path, `a list of actions expected, found ${shown(json)}`);
  return json.map((a, i) => actionFromWire(a, `${path}[${i}]`));
}

/**
 * The first number literal of JSON `text` (outside strings) written with a fraction or an
 * exponent (`40.0`, `4e1`), or null. JSON.parse reads `40.0` as the integer 40, so the dialect's
 * rule that whole numbers are written as such (Rust's serde_json refuses `40.0` for a u32) is
 * checked on the text.
 */
export function fractionalNumberLiteral(text: string): string | null {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j])) j++;
      const literal = text.slice(i, j);
      if (/[.eE]/.test(literal)) return literal;
      i = j - 1;
    }
  }
  return null;
}

/** The text of an actions list (what the proposal form takes): JSON, then the dialect. */
export function actionsFromText(text: string): ActionLike[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e: any) {
    throw new WireError('actions', `not JSON: ${e?.message ?? e}`);
  }
  const fractional = fractionalNumberLiteral(text);
  if (fractional !== null) {
    throw new WireError(
      'actions',
      `whole numbers are written without a fraction or an exponent, found ${fractional} (amounts and weights are decimal strings)`,
    );
  }
  return actionsFromWire(json);
}

// ---- writing the dialect ---------------------------------------------------------------

/** An account (an AccountId32, 0x-hex, SS58 of any prefix or 32 bytes) in SS58 with prefix 42. */
export function accountToWire(a: unknown): string {
  if (a && typeof a === 'object' && typeof (a as any).raw === 'string') return encodeAddress((a as any).raw, SS58_PREFIX);
  if (a instanceof Uint8Array) return encodeAddress(a, SS58_PREFIX);
  if (typeof a === 'string') return encodeAddress(accountHexFromWire(a.startsWith('0x') ? a.toLowerCase() : a, 'account'), SS58_PREFIX);
  throw new WireError('account', `not an account: ${shown(a)}`);
}

function bytesToWire(b: unknown): string {
  if (b instanceof Uint8Array) return bytesToHex(b);
  if (typeof b === 'string' && /^0x[0-9a-fA-F]*$/.test(b)) return b.toLowerCase();
  throw new WireError('bytes', `not 0x-hex bytes: ${shown(b)}`);
}

const decimalToWire = (n: bigint | number) => BigInt(n).toString();

/** A perspective bitset as the list of its names, in bit order (safety, creativity, …, technical). */
export function perspectivesToWire(set: number): string[] {
  return WIRE_PERSPECTIVES.filter((_, i) => (set >> i) & 1);
}

function profileToWire(p: MemberProfileLike) {
  return {
    kind: p.kind === 'Human' ? 'human' : 'agent',
    perspectives: perspectivesToWire(p.perspectives),
    weight: decimalToWire(p.weight),
    metadata_uri: p.metadataUri,
    operator: p.operator === undefined || p.operator === null ? null : accountToWire(p.operator),
  };
}

/** Hub parameters in the dialect, every field written. */
export function hubParamsToWire(p: HubParams) {
  return {
    review_window: p.reviewWindow,
    voting_window: p.votingWindow,
    timelock: p.timelock,
    grace_period: p.gracePeriod,
    review_rules: {
      min_reviews: p.reviewRules.minReviews,
      required_perspectives: perspectivesToWire(p.reviewRules.requiredPerspectives),
      max_rejections: p.reviewRules.maxRejections,
    },
    voting_rules: {
      quorum_bps: p.votingRules.quorumBps,
      approval_threshold_bps: p.votingRules.approvalThresholdBps,
      require_both_kinds: p.votingRules.requireBothKinds,
    },
    max_open_per_member: p.maxOpenPerMember,
    veto_threshold: p.vetoThreshold,
    max_spend_per_proposal: decimalToWire(p.maxSpendPerProposal),
    max_spend_per_period: decimalToWire(p.maxSpendPerPeriod),
    spending_period: p.spendingPeriod,
  };
}

/**
 * An action in the bindings' shape (as decoded from the chain, or as `actionFromWire` made
 * it) in the dialect: accounts in SS58 with prefix 42, bytes as 0x-hex, u128 as decimal
 * strings, fields in the Rust order.
 */
export function actionToWire(a: ActionLike): Record<string, unknown> {
  switch (a.type) {
    case 'Transfer':
      return { type: 'transfer', to: accountToWire(a.value[0]), amount: decimalToWire(a.value[1]) };
    case 'RegisterMember': {
      const key = a.value[2];
      return {
        type: 'register_member',
        account: accountToWire(a.value[0]),
        profile: profileToWire(a.value[1]),
        key: key === undefined || key === null ? null : { key: bytesToWire(key.key), proof: bytesToWire(key.proof) },
      };
    }
    case 'UpdateMember':
      return { type: 'update_member', account: accountToWire(a.value[0]), profile: profileToWire(a.value[1]) };
    case 'SuspendMember':
    case 'ReinstateMember':
    case 'RemoveMember':
      return { type: snake(a.type), account: accountToWire(a.value) };
    case 'SetParams':
      return { type: 'set_params', params: hubParamsToWire(a.value) };
    case 'AuthorizeWriter':
    case 'RevokeWriter':
      return { type: snake(a.type), writer: accountToWire(a.value) };
    case 'Call':
      return { type: 'call', callee: accountToWire(a.value[0]), selector: bytesToWire(a.value[1]), input: bytesToWire(a.value[2]), value: decimalToWire(a.value[3]) };
    case 'Succession':
      return { type: 'succession', successor: accountToWire(a.value[0]), code_hash: bytesToWire(a.value[1]) };
    default:
      throw new WireError('action', `unknown action variant ${shown((a as any).type)}`);
  }
}

export function actionsToWire(actions: readonly ActionLike[]): Record<string, unknown>[] {
  return actions.map(actionToWire);
}

// ---- ballots ---------------------------------------------------------------------------

/**
 * A ballot's name (`agora_types::BallotId`): the proposal and why the ballot was opened. The
 * voting contract keys ballots, votes and receipts by it, and a signed vote binds it. In the
 * bindings' shape `{proposal: 7, purpose: 'Decision'}`; in the dialect
 * `{"proposal": 7, "purpose": "decision"}`.
 */
export type BallotId = AgoraTypesVotingBallotId;
export type BallotPurpose = AgoraTypesVotingBallotPurpose;

/** Each purpose of the dialect (snake_case) and the binding's variant. */
const PURPOSES: Record<string, BallotPurpose> = { decision: 'Decision' };

/** The ballot that decides `proposal` (`BallotId::decision`): the only one a proposal has today. */
export function decisionBallot(proposal: number): BallotId {
  return { proposal, purpose: 'Decision' };
}

/** A ballot id in the dialect (`{"proposal": 7, "purpose": "decision"}`) in the bindings' shape. */
export function ballotIdFromWire(v: unknown, path = 'ballot'): BallotId {
  const o = object(v, path, ['proposal', 'purpose']);
  const p = o.purpose;
  if (typeof p !== 'string' || !has(PURPOSES, p)) {
    const near = typeof p === 'string' && Object.keys(PURPOSES).find((w) => w === snake(p) || w === p.trim().toLowerCase());
    fail(at(path, 'purpose'), `${shown(p)} is not a ballot purpose${near ? ` (purposes are snake_case: "${near}")` : ` (one of ${quoted(Object.keys(PURPOSES))})`}`);
  }
  return { proposal: u32(o.proposal, at(path, 'proposal')), purpose: PURPOSES[p] };
}

/** A ballot id in the bindings' shape back in the dialect. */
export function ballotIdToWire(b: BallotId): { proposal: number; purpose: string } {
  const purpose = Object.keys(PURPOSES).find((k) => PURPOSES[k] === b.purpose);
  if (purpose === undefined) throw new WireError('ballot.purpose', `unknown ballot purpose ${shown(b.purpose)}`);
  return { proposal: b.proposal, purpose };
}

// ---- signed payloads -------------------------------------------------------------------

export type PayloadKind = 'proposal' | 'revision' | 'vote' | 'bind-key';
/**
 * Each payload's signing domain (`agora_types::signing`): the signed hash is
 * `blake2_256(domain ++ SCALE(payload))`. The vote's is v2 since a vote names a typed ballot
 * (v1 named a bare proposal), so a signer still writing v1 votes is refused, not misread.
 */
export const SIGNING_DOMAINS: Record<PayloadKind, string> = {
  proposal: 'agora/v1/proposal',
  revision: 'agora/v1/revision',
  vote: 'agora/v2/vote',
  'bind-key': 'agora/v1/bind-key',
};
export type VoteChoice = 'For' | 'Against' | 'Abstain';
/** `agora_types::VotePayload` in the bindings' shape, fields in the SCALE order. */
export interface VotePayloadLike {
  chainTag: string;
  contract: AccountId32;
  voter: AccountId32;
  deadline: number;
  ballot: BallotId;
  choice: VoteChoice;
  rationaleHash: `0x${string}`;
}
export interface BindKeyPayloadLike {
  chainTag: string;
  registry: AccountId32;
  account: AccountId32;
}
export type PayloadLike = AgoraTypesProposalProposalPayloadLike | AgoraTypesProposalRevisionPayloadLike | VotePayloadLike | BindKeyPayloadLike;

const CHOICES: Record<string, VoteChoice> = { for: 'For', against: 'Against', abstain: 'Abstain' };

/** A payload of `kind` in the dialect (schemas/wire/<kind>-payload.json) in the bindings' shape. */
export function payloadFromWire(kind: PayloadKind, json: unknown, path = ''): PayloadLike {
  const f = (k: string) => at(path, k);
  switch (kind) {
    case 'proposal': {
      const o = object(json, path, ['chain_tag', 'hub', 'author', 'nonce', 'deadline', 'content_hash', 'uri', 'actions']);
      return {
        chainTag: string(o.chain_tag, f('chain_tag')),
        hub: account(o.hub, f('hub')),
        author: account(o.author, f('author')),
        nonce: decimal(o.nonce, f('nonce'), U64_MAX),
        deadline: u32(o.deadline, f('deadline')),
        contentHash: hex(o.content_hash, f('content_hash'), 32),
        uri: string(o.uri, f('uri')),
        actions: actionsFromWire(o.actions, f('actions')),
      };
    }
    case 'revision': {
      const o = object(json, path, ['chain_tag', 'hub', 'author', 'deadline', 'proposal', 'revision', 'content_hash', 'uri', 'actions']);
      return {
        chainTag: string(o.chain_tag, f('chain_tag')),
        hub: account(o.hub, f('hub')),
        author: account(o.author, f('author')),
        deadline: u32(o.deadline, f('deadline')),
        proposal: u32(o.proposal, f('proposal')),
        revision: u32(o.revision, f('revision')),
        contentHash: hex(o.content_hash, f('content_hash'), 32),
        uri: string(o.uri, f('uri')),
        actions: actionsFromWire(o.actions, f('actions')),
      };
    }
    case 'vote': {
      // A v1 vote named a bare proposal; say what v2 wants rather than only "unknown field".
      if (json && typeof json === 'object' && has(json, 'proposal') && !has(json, 'ballot')) {
        fail(f('proposal'), 'a vote names its ballot, not a bare proposal: "ballot": {"proposal": …, "purpose": "decision"} (agora/v2/vote)');
      }
      const o = object(json, path, ['chain_tag', 'contract', 'voter', 'deadline', 'ballot', 'choice', 'rationale_hash']);
      const choice = typeof o.choice === 'string' && has(CHOICES, o.choice) ? CHOICES[o.choice] : fail(f('choice'), `${shown(o.choice)} is not a choice ("for", "against" or "abstain")`);
      return {
        chainTag: string(o.chain_tag, f('chain_tag')),
        contract: account(o.contract, f('contract')),
        voter: account(o.voter, f('voter')),
        deadline: u32(o.deadline, f('deadline')),
        ballot: ballotIdFromWire(o.ballot, f('ballot')),
        choice,
        rationaleHash: hex(o.rationale_hash, f('rationale_hash'), 32),
      };
    }
    case 'bind-key': {
      const o = object(json, path, ['chain_tag', 'registry', 'account']);
      return { chainTag: string(o.chain_tag, f('chain_tag')), registry: account(o.registry, f('registry')), account: account(o.account, f('account')) };
    }
  }
}

/** A payload in the bindings' shape back in the dialect. */
export function payloadToWire(kind: PayloadKind, p: PayloadLike): Record<string, unknown> {
  const q = p as any;
  switch (kind) {
    case 'proposal':
      return {
        chain_tag: q.chainTag,
        hub: accountToWire(q.hub),
        author: accountToWire(q.author),
        nonce: decimalToWire(q.nonce),
        deadline: q.deadline,
        content_hash: bytesToWire(q.contentHash),
        uri: q.uri,
        actions: actionsToWire(q.actions),
      };
    case 'revision':
      return {
        chain_tag: q.chainTag,
        hub: accountToWire(q.hub),
        author: accountToWire(q.author),
        deadline: q.deadline,
        proposal: q.proposal,
        revision: q.revision,
        content_hash: bytesToWire(q.contentHash),
        uri: q.uri,
        actions: actionsToWire(q.actions),
      };
    case 'vote':
      return {
        chain_tag: q.chainTag,
        contract: accountToWire(q.contract),
        voter: accountToWire(q.voter),
        deadline: q.deadline,
        ballot: ballotIdToWire(q.ballot),
        choice: String(q.choice).toLowerCase(),
        rationale_hash: bytesToWire(q.rationaleHash),
      };
    case 'bind-key':
      return { chain_tag: q.chainTag, registry: accountToWire(q.registry), account: accountToWire(q.account) };
  }
}

// ---- what every hub refuses ------------------------------------------------------------

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

function bytesLength(b: unknown): number {
  if (b instanceof Uint8Array) return b.length;
  if (typeof b === 'string') return b.startsWith('0x') ? (b.length - 2) / 2 : utf8Length(b);
  return 0;
}

const within = (x: number | bigint, lo: number | bigint, hi: number | bigint) => x >= lo && x <= hi;

/** The zero account (32 zero bytes), which no successor may be. */
const ZERO_ACCOUNT = '0x' + '00'.repeat(32);
const isZeroAccount = (a: unknown) => accountToWire(a) === accountToWire(ZERO_ACCOUNT);

/** `HubParams::check_bounds`: the first parameter outside its bounds, in the Rust order. */
export function paramsProblem(p: HubParams): AgoraTypesProposalHubParam | undefined {
  const r = p.reviewRules;
  const v = p.votingRules;
  const checks: [boolean, AgoraTypesProposalHubParam][] = [
    [within(p.reviewWindow, MIN_WINDOW, MAX_WINDOW), 'ReviewWindow'],
    [within(p.votingWindow, MIN_WINDOW, MAX_WINDOW), 'VotingWindow'],
    [within(p.timelock, MIN_TIMELOCK, MAX_TIMELOCK), 'Timelock'],
    [within(p.gracePeriod, MIN_GRACE_PERIOD, MAX_GRACE_PERIOD), 'GracePeriod'],
    [(r.requiredPerspectives & ~PERSPECTIVE_MASK) === 0 && within(r.minReviews, MIN_REQUIRED_REVIEWS, MAX_MIN_REVIEWS), 'ReviewRules'],
    [within(v.quorumBps, MIN_QUORUM_BPS, MAX_QUORUM_BPS) && within(v.approvalThresholdBps, MIN_APPROVAL_THRESHOLD_BPS, MAX_APPROVAL_THRESHOLD_BPS), 'VotingRules'],
    [within(p.maxOpenPerMember, 1, MAX_OPEN_PER_MEMBER), 'MaxOpenPerMember'],
    [p.vetoThreshold <= MAX_VETO_THRESHOLD, 'VetoThreshold'],
    [within(BigInt(p.maxSpendPerProposal), 1n, MAX_SPEND_CAP), 'MaxSpendPerProposal'],
    [within(BigInt(p.maxSpendPerPeriod), BigInt(p.maxSpendPerProposal), MAX_SPEND_CAP), 'MaxSpendPerPeriod'],
    [within(p.spendingPeriod, MIN_SPENDING_PERIOD, MAX_SPENDING_PERIOD), 'SpendingPeriod'],
  ];
  return checks.find(([ok]) => !ok)?.[1];
}

/** `MemberProfile::validate`: the RegistryError a profile gets, if any. */
export function profileProblem(p: MemberProfileLike): string | undefined {
  if (p.perspectives === 0 || (p.perspectives & ~PERSPECTIVE_MASK) !== 0) return 'InvalidPerspectives';
  const w = BigInt(p.weight);
  if (w === 0n || w > MAX_MEMBER_WEIGHT) return 'WeightOutOfRange';
  if (utf8Length(p.metadataUri) > MAX_URI_LEN) return 'UriTooLong';
  const operator = p.operator !== undefined && p.operator !== null;
  if (p.kind === 'Agent' && !operator) return 'OperatorRequired';
  if (p.kind === 'Human' && operator) return 'OperatorNotAllowed';
  return undefined;
}

/**
 * What every hub refuses in a proposal's or revision's content before reading its state
 * (`agora_types::check_content_shape`, in its order), as the ProposalError's name in the
 * fixture's form: "UriTooLong", "InvalidActionCount", "ZeroTransfer", "CallInputTooLong",
 * "ParameterOutOfBounds(Timelock)", "Registry(WeightOutOfRange)", "SuccessionNotAlone" (a
 * succession is a proposal's only action), "InvalidSuccessor" (the zero account); `undefined`
 * if none. What depends on the chain's state (the spending caps, membership, a successor that
 * is a contract of this suite or runs other code) only the hub can tell.
 */
export function contentProblem(uri: string, actions: readonly ActionLike[]): string | undefined {
  if (utf8Length(uri) > MAX_URI_LEN) return 'UriTooLong';
  if (actions.length > MAX_ACTIONS) return 'InvalidActionCount';
  for (const a of actions) {
    switch (a.type) {
      case 'Transfer':
        if (BigInt(a.value[1]) === 0n) return 'ZeroTransfer';
        break;
      case 'Call':
        if (bytesLength(a.value[2]) > MAX_CALL_INPUT_LEN) return 'CallInputTooLong';
        break;
      case 'SetParams': {
        const p = paramsProblem(a.value);
        if (p) return `ParameterOutOfBounds(${p})`;
        break;
      }
      case 'RegisterMember':
      case 'UpdateMember': {
        const p = profileProblem(a.value[1]);
        if (p) return `Registry(${p})`;
        break;
      }
      case 'Succession':
        if (actions.length !== 1) return 'SuccessionNotAlone';
        if (isZeroAccount(a.value[0])) return 'InvalidSuccessor';
        break;
    }
  }
  return undefined;
}

/**
 * What every hub refuses in a signed revision before reading the proposal's state
 * (`agora_types::check_revision_shape`): a revision number below 2 ("StaleRevision": revision
 * 1 is the submission) or past MAX_REVISIONS ("TooManyRevisions"), then its content.
 */
export function revisionProblem(revision: number, uri: string, actions: readonly ActionLike[]): string | undefined {
  if (revision < 2) return 'StaleRevision';
  if (revision > MAX_REVISIONS) return 'TooManyRevisions';
  return contentProblem(uri, actions);
}

/** "Registry(WeightOutOfRange)" → `{type: 'Registry', value: 'WeightOutOfRange'}`, as the bindings decode errors. */
export function problemVariant(name: string): { type: string; value?: string } {
  const m = /^(\w+)\((\w+)\)$/.exec(name);
  return m ? { type: m[1], value: m[2] } : { type: name };
}

/** Each hub parameter's bounds, in the dialect's names, for messages. */
export const PARAM_BOUNDS: Record<AgoraTypesProposalHubParam, string> = {
  ReviewWindow: `review_window must be from ${MIN_WINDOW} to ${MAX_WINDOW} blocks`,
  VotingWindow: `voting_window must be from ${MIN_WINDOW} to ${MAX_WINDOW} blocks`,
  Timelock: `timelock must be from ${MIN_TIMELOCK} to ${MAX_TIMELOCK} blocks`,
  GracePeriod: `grace_period must be from ${MIN_GRACE_PERIOD} to ${MAX_GRACE_PERIOD} blocks`,
  ReviewRules: `review_rules.min_reviews must be from ${MIN_REQUIRED_REVIEWS} to ${MAX_MIN_REVIEWS}`,
  VotingRules: `voting_rules.quorum_bps must be from ${MIN_QUORUM_BPS} to ${MAX_QUORUM_BPS} and approval_threshold_bps from ${MIN_APPROVAL_THRESHOLD_BPS} to ${MAX_APPROVAL_THRESHOLD_BPS}`,
  MaxOpenPerMember: `max_open_per_member must be from 1 to ${MAX_OPEN_PER_MEMBER}`,
  VetoThreshold: `veto_threshold must be at most ${MAX_VETO_THRESHOLD}`,
  MaxSpendPerProposal: `max_spend_per_proposal must be from 1 to ${MAX_SPEND_CAP}`,
  MaxSpendPerPeriod: `max_spend_per_period must be from max_spend_per_proposal to ${MAX_SPEND_CAP}`,
  SpendingPeriod: `spending_period must be from ${MIN_SPENDING_PERIOD} to ${MAX_SPENDING_PERIOD} blocks`,
};
