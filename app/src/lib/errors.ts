// Contract errors, dispatch errors and wallet failures turned into sentences a member can act
// on. Contract errors arrive from the generated bindings as either a string (an enum without
// fields, e.g. "AuthorCannotReview") or `{ type, value? }` (e.g. { type: "AlreadyVoted" }).
import type { AgoraTypesSigningSignatureError } from '../contracts/generated/proposals/types';

export type ContractName = 'proposals' | 'peer_review' | 'voting' | 'agent_registry' | 'decision_log';

type Variant = string | { type: string; value?: unknown };

/**
 * Why a signature's form is refused (`agora_types::SignatureError`, checked before recovery
 * in this order: InvalidRecoveryId, ZeroComponent, ROutOfRange, HighS; docs/signing.md,
 * "Signature"), for the `BadSignature(_)` errors of the hub, the voting contract and the
 * registry. ROutOfRange is listed whether or not the bindings were regenerated with it.
 */
export const SIGNATURE_ERRORS: Record<AgoraTypesSigningSignatureError | 'ROutOfRange', string> = {
  InvalidRecoveryId: 'the recovery id (its last byte) is not 0 or 1',
  HighS: 's is above half the group order, the malleable twin of a valid signature',
  ZeroComponent: 'r or s is zero',
  RecoveryFailed: 'no public key can be recovered from it',
  ROutOfRange: 'r is not below the group order',
};

const VOTING: Record<string, string> = {
  NotAdmin: 'Only the hub may open or close ballots.',
  BallotExists: 'This proposal already has a ballot.',
  UnknownBallot: 'This proposal has no ballot (it is not in voting).',
  BallotClosed: 'The ballot is closed.',
  BallotStillOpen: 'The ballot is still open.',
  VotingWindowOver: 'The voting window is over.',
  SnapshotNotInPast: 'The snapshot block must be in the past.',
  InvalidCloseBlock: 'The closing block is out of range.',
  InvalidRules: 'The voting rules are invalid.',
  NotEligible: 'You had no voting weight at the snapshot block, so you cannot vote on this proposal.',
  AlreadyVoted: 'You already voted on this proposal.',
  DeadlinePassed: 'The signed vote’s deadline has passed.',
  BadSignature: 'The signature is malformed',
  SignerMismatch: 'The signature is not by the key registered for this member.',
  LimitTooLarge: 'The page size is too large.',
  RegistryUnavailable: 'The member registry did not answer.',
  LogFailed: 'The decision log refused the entry.',
  InvalidChainTag: 'The chain tag is invalid.',
  InvalidProposal: 'Proposal ids start at 1.',
};

const REVIEW: Record<string, string> = {
  NotAdmin: 'Only the hub may open or close review rounds.',
  RoundExists: 'This revision already has a review round.',
  UnknownRound: 'This revision has no review round.',
  RoundClosed: 'The review round is closed.',
  RoundStillOpen: 'The review round is still open.',
  ReviewWindowOver: 'The review window is over.',
  InvalidCloseBlock: 'The closing block is out of range.',
  InvalidRules: 'The review rules are invalid.',
  AuthorCannotReview: 'You wrote this proposal, so you cannot review it.',
  NotEligible: 'You had no weight when this review round opened, so you cannot review it.',
  PerspectiveNotHeld: 'You do not hold the perspective you reviewed from; pick one of yours.',
  ScoreOutOfRange: 'The score must be between 0 and 100.',
  UriTooLong: 'A URI is longer than 256 bytes.',
  AlreadySettled: 'This review was already settled.',
  NoReview: 'This reviewer gave no review in that round.',
  LimitTooLarge: 'The page size is too large.',
  RegistryUnavailable: 'The member registry did not answer.',
  LogFailed: 'The decision log refused the entry.',
  StaleRevision: 'A newer revision replaced this one; review the latest revision.',
  RoundNotClosed: 'The review round has not closed yet.',
  InvalidId: 'Proposal and revision numbers start at 1.',
  SuggestionUriWithoutHash: 'A suggestion URI needs a suggestion hash.',
  TooManyVersions: 'You amended this review the maximum number of times (16).',
  RoundFull: 'This review round takes no more reviews.',
};

const REGISTRY: Record<string, string> = {
  NotAdmin: 'Only the hub may change membership.',
  AlreadyRegistered: 'This account is already a member.',
  UnknownMember: 'This account is not a member.',
  CallerNotMember: 'You are not a member.',
  NotActive: 'The member is not active.',
  NotSuspended: 'The member is not suspended.',
  MemberRemoved: 'The member was removed.',
  UriTooLong: 'The metadata URI is longer than 256 bytes.',
  InvalidPerspectives: 'The perspective set is invalid.',
  WeightOutOfRange: 'The weight is out of range.',
  OperatorRequired: 'An agent needs an operator.',
  OperatorNotAllowed: 'A human member has no operator.',
  KindImmutable: 'A member’s kind cannot change.',
  InvalidSigningKey: 'The signing key is not a compressed secp256k1 key.',
  KeyAlreadyBound: 'This signing key is already bound to a member.',
  BadSignature: 'The signature is malformed',
  ProofMismatch: 'The proof of possession does not match the key.',
  NoSigningKey: 'The member has no signing key.',
  LimitTooLarge: 'The page size is too large.',
  InvalidChainTag: 'The chain tag is invalid.',
};

const LOG: Record<string, string> = {
  NotWriter: 'The caller may not write to the decision log.',
  NotAdmin: 'Only the log’s admin may do this.',
  AlreadyWriter: 'The account is already a log writer.',
  UnknownWriter: 'The account is not a log writer.',
  LimitTooLarge: 'The page size is too large (at most 64 entries; 100 for a log deployed before log format 2).',
  OutOfRange: 'No log entry has this index.',
  ReservedKind: 'Only the log writes this kind of entry (writer authorizations, revocations, admin handovers, and a succession’s seal and anchor).',
  LogFull: 'The decision log is full.',
  KindNotAllowed: 'The caller writes to the decision log, but is not authorized for this kind of entry.',
  InvalidKinds: 'A log writer must be authorized for a non-empty set of defined kinds, none of the log’s own.',
  SubjectNotAllowed: 'An external entry may not be about the suite: the suite’s own history holds only its contracts’ entries.',
  Sealed: 'The log was sealed when its suite was succeeded: it takes no more entries.',
  PredecessorUnavailable: 'The predecessor log named for this successor log did not answer, so its head could not be anchored.',
  PredecessorSealed: 'That log is sealed: its suite was already handed on to another successor.',
};

const PROPOSALS: Record<string, string> = {
  NotActiveMember: 'Only active members may submit proposals.',
  TooManyOpenProposals: 'You already have the maximum number of proposals in review or voting.',
  UnknownProposal: 'There is no such proposal.',
  UnknownRevision: 'There is no such revision.',
  UnexpectedState: 'The proposal is not in a state that allows this',
  TooEarly: 'Too early',
  ReviewWindowOver: 'The review window is over; the proposal can no longer be revised.',
  Expired: 'The proposal expired: its execution window has passed.',
  NotAuthor: 'Only the author may do this.',
  InvalidActionCount: 'A proposal has at most 8 actions.',
  ZeroTransfer: 'A transfer of 0 is not allowed.',
  UriTooLong: 'The URI is longer than 256 bytes.',
  InvalidChainTag: 'The chain tag is invalid.',
  InvalidParameter: 'An id or revision number would overflow.',
  LimitTooLarge: 'The page size is too large.',
  ZeroDeposit: 'A deposit must be more than 0.',
  BootstrapIncomplete: 'The suite’s bootstrap cannot be recorded',
  BootstrapAlreadyRecorded: 'The bootstrap is already recorded.',
  WrongChain: 'The signed payload names another network.',
  WrongContract: 'The signed payload names another hub.',
  DeadlinePassed: 'The signed payload’s deadline has passed.',
  BadSignature: 'The signature is malformed',
  SignerMismatch: 'The signature is not by the key registered for the author.',
  NonceUsed: 'This nonce was already used.',
  StaleRevision: 'The revision number is stale.',
  InsufficientTreasury: 'The treasury cannot pay this.',
  TransferFailed: 'A treasury transfer failed.',
  CallFailed: 'A suite contract did not answer',
  CallToSuite: 'A Call action may not target the suite’s own contracts.',
  NotAContract: 'A Call action’s callee is not a contract.',
  CallInputTooLong: 'A Call action’s input is longer than 1024 bytes.',
  CalleeCodeChanged: 'A Call action’s callee changed its code since submission',
  ExternalCallFailed: 'A Call action failed',
  VetoDisabled: 'The veto is disabled for this proposal.',
  NotSafetyMember: 'Only members holding the Safety perspective may veto.',
  NoWeightAtSnapshot: 'You had no weight at the ballot’s snapshot.',
  AlreadyVetoed: 'You already vetoed this proposal.',
  RulesUnmeetable: 'The change would leave a rule impossible to meet',
  ProposalSpendCapExceeded: 'The proposal spends more than the per-proposal cap',
  PeriodCapExceeded: 'This would exceed the treasury’s allowance for the period',
  WriterRequired: 'The hub, review and voting contracts stay log writers with their own kinds: they can be neither revoked nor authorized again.',
  ParameterOutOfBounds: 'A parameter is out of bounds',
  TooManyRevisions: 'This proposal has as many revisions as a proposal may have; submit a new one.',
  NotBootstrapped: 'Nothing can be submitted before the bootstrap is recorded.',
  SuccessionNotAlone: 'A succession must be the proposal’s only action.',
  InvalidSuccessor: 'A succession must name the successor suite’s hub: not a contract of this suite, nor the zero account.',
  SuccessorCodeMismatch: 'The successor’s hub does not run the code hash the succession names; check the code hash against the successor’s release.',
  SuccessorCodeChanged: 'The successor’s hub no longer runs the code hash the succession names (its code changed since submission), so the succession cannot execute.',
  SuccessorNotBootstrapped: 'The successor’s hub has not recorded its bootstrap, or was itself succeeded, so it could not use the treasury.',
  SuccessorDoesNotAnchor: 'The successor suite’s log does not continue this suite’s log: it was not deployed as this suite’s successor.',
  Retired: 'This suite was succeeded: its hub takes no more proposals, transitions or deposits (its treasury went to the successor suite).',
  NotRetired: 'Only a succeeded suite’s hub can sweep its balance to the successor; this hub is still active.',
};

/** The governed contracts' admin handover errors (agora_types::AdminError). */
const ADMIN_ERRORS: Record<string, string> = {
  NotAdmin: 'Only the admin may do this.',
  ZeroAddress: 'The admin role cannot be offered to the zero address.',
  AlreadyAdmin: 'That account already holds the admin role.',
  NoOffer: 'No admin offer is pending.',
  NotOffered: 'The admin role was offered to another account.',
};

const TABLES: Record<ContractName, Record<string, string>> = {
  proposals: PROPOSALS,
  peer_review: REVIEW,
  voting: VOTING,
  agent_registry: REGISTRY,
  decision_log: LOG,
};

function variantOf(v: Variant): { type: string; value?: unknown } {
  return typeof v === 'string' ? { type: v } : v;
}

function plain(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && 'type' in (v as any)) return (v as any).type;
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

/** A readable sentence for a contract's `Err` value. */
export function describeContractError(contract: ContractName, err: Variant, ctx: { block?: number } = {}): string {
  const { type, value } = variantOf(err);
  // The hub forwards the other contracts' errors.
  if (contract === 'proposals') {
    if (type === 'Review') return describeContractError('peer_review', value as Variant, ctx);
    if (type === 'Voting') return describeContractError('voting', value as Variant, ctx);
    if (type === 'Registry') return describeContractError('agent_registry', value as Variant, ctx);
    if (type === 'Log') return describeContractError('decision_log', value as Variant, ctx);
    if (type === 'Admin') return ADMIN_ERRORS[variantOf(value as Variant).type] ?? 'A governed contract refused the admin call.';
    if (type === 'TooEarly' && typeof value === 'number') {
      const wait = ctx.block !== undefined ? ` (${blocksText(value - ctx.block)} from now)` : '';
      return `Too early: this is allowed from block ${value}${wait}.`;
    }
    if (type === 'UnexpectedState' && value !== undefined) return `The proposal is ${plain(value)}, which does not allow this.`;
    if (type === 'RulesUnmeetable' && value && typeof value === 'object') {
      const r = variantOf(value as Variant);
      if (r.type === 'RequiredPerspective') return `${PROPOSALS.RulesUnmeetable}: no active member holds ${plain(r.value)}.`;
      const [needed, available] = r.value as [number, number];
      return `${PROPOSALS.RulesUnmeetable}: ${r.type === 'MinReviews' ? 'reviews' : 'vetoes'} need ${needed}, ${available} available.`;
    }
  }
  const base = TABLES[contract][type];
  if (!base) return `${contract} refused: ${type}${value !== undefined ? ` (${plain(value)})` : ''}`;
  if (value === undefined) return base;
  if (base.endsWith('.')) return base;
  if (type === 'CalleeCodeChanged' || type === 'ExternalCallFailed') return `${base} (action ${Number(value) + 1}).`;
  if (type === 'PeriodCapExceeded') return `${base}: ${plain(value)} left.`;
  if (type === 'BadSignature' && typeof value === 'string' && value in SIGNATURE_ERRORS) {
    return `${base}: ${SIGNATURE_ERRORS[value as keyof typeof SIGNATURE_ERRORS]} (${value}).`;
  }
  if (type === 'ProposalSpendCapExceeded') return `${base} (${plain(value)}).`;
  return `${base}: ${plain(value)}.`;
}

/** "1 block", "12 blocks". */
export function blocksText(n: number): string {
  return `${n} block${Math.abs(n) === 1 ? '' : 's'}`;
}

const MODULE_ERRORS: Record<string, string> = {
  ContractReverted: 'The contract refused the transaction.',
  OutOfGas: 'The transaction ran out of gas.',
  StorageDepositLimitExhausted: 'The storage deposit limit was too low.',
  StorageDepositNotEnoughFunds: 'Your account cannot pay the storage deposit.',
  ContractTrapped: 'The contract trapped.',
  ContractNotFound: 'No contract at this address: check the deployments file and network.',
};

/**
 * Any failure of an action, as one sentence: a wallet refusal, a dispatch error of the
 * extrinsic (module errors by name), a dedot error, or anything else.
 */
export function describeFailure(e: unknown): string {
  const err = e as any;
  const msg: string = typeof err?.message === 'string' ? err.message : String(e);
  if (/cancel|reject|denied/i.test(msg) && !/revert/i.test(msg)) return 'You declined the request in your wallet.';
  if (err?.moduleError?.name) {
    const name = err.moduleError.name as string;
    return MODULE_ERRORS[name] ?? `${err.moduleError.pallet}::${name}`;
  }
  if (/Inability to pay some fees|Invalid Transaction: 1010/i.test(msg)) return 'Your account cannot pay the transaction fee.';
  const m = /Dispatch error: (\w+)::(\w+)/.exec(msg);
  if (m) return MODULE_ERRORS[m[2]] ?? `${m[1]}::${m[2]}`;
  return msg;
}

/** Describes a DispatchError of an included extrinsic (as dedot returns it) given the chain's module-error lookup. */
export function describeDispatchError(moduleError: { pallet: string; name: string } | undefined, raw: unknown): string {
  if (moduleError) return MODULE_ERRORS[moduleError.name] ?? `${moduleError.pallet}::${moduleError.name}`;
  return `The transaction failed: ${plain(raw)}`;
}
