// Formatting helpers shared by the views: state badges, countdowns in blocks, tallies with
// quorum and threshold progress (the same arithmetic as agora-types' voting module),
// perspective sets and revision diffs.
import { blocksText } from './errors';

export const PERSPECTIVES = ['Safety', 'Creativity', 'Ethics', 'Efficiency', 'Finance', 'Legal', 'Community', 'Technical'] as const;
export type PerspectiveName = (typeof PERSPECTIVES)[number];

/** Perspective bitset (bit i = PERSPECTIVES[i]) → names. */
export function perspectivesOf(set: number): PerspectiveName[] {
  return PERSPECTIVES.filter((_, i) => (set >> i) & 1);
}

export function perspectiveBit(p: PerspectiveName): number {
  return 1 << PERSPECTIVES.indexOf(p);
}

export type ProposalStateName =
  | 'InReview' | 'Voting' | 'Rejected' | 'Succeeded' | 'Defeated' | 'Queued' | 'Executed' | 'Cancelled' | 'Vetoed' | 'Expired';

const STATE_LABEL: Record<ProposalStateName, string> = {
  InReview: 'In review',
  Voting: 'Voting',
  Rejected: 'Rejected',
  Succeeded: 'Succeeded',
  Defeated: 'Defeated',
  Queued: 'Queued',
  Executed: 'Executed',
  Cancelled: 'Cancelled',
  Vetoed: 'Vetoed',
  Expired: 'Expired',
};

const STATE_TONE: Record<ProposalStateName, 'active' | 'good' | 'bad' | 'neutral'> = {
  InReview: 'active',
  Voting: 'active',
  Succeeded: 'good',
  Queued: 'good',
  Executed: 'good',
  Rejected: 'bad',
  Defeated: 'bad',
  Vetoed: 'bad',
  Cancelled: 'neutral',
  Expired: 'neutral',
};

export function stateBadge(state: ProposalStateName): { label: string; tone: string } {
  return { label: STATE_LABEL[state] ?? state, tone: STATE_TONE[state] ?? 'neutral' };
}

export interface ProposalTimes {
  stage: ProposalStateName;
  reviewClosesAt: number;
  votingClosesAt?: number;
  eta?: number;
  expiresAt?: number;
}

export type NextStep = { action: 'closeReview' | 'closeVoting' | 'queue' | 'execute' | null; label: string; due: boolean };

/**
 * What comes next for a proposal at block `now`, with a countdown in blocks. A window's last
 * block is `closes_at`; the closing transition is allowed from `closes_at + 1`. On an
 * instant-seal node the transaction lands in `now + 1`, so a step due in the next block is
 * offered as due (docs/lifecycle.md).
 */
export function nextStep(p: ProposalTimes, now: number): NextStep {
  const until = (from: number) => from - (now + 1);
  switch (p.stage) {
    case 'InReview': {
      const left = p.reviewClosesAt - now;
      if (left >= 0) return { action: null, label: `review closes in ${blocksText(left)} (block ${p.reviewClosesAt})`, due: false };
      return { action: 'closeReview', label: 'review window over: close review', due: true };
    }
    case 'Voting': {
      const closes = p.votingClosesAt ?? 0;
      const left = closes - now;
      if (left >= 0) return { action: null, label: `voting closes in ${blocksText(left)} (block ${closes})`, due: false };
      return { action: 'closeVoting', label: 'voting window over: close voting', due: true };
    }
    case 'Succeeded':
      return { action: 'queue', label: 'succeeded: queue behind the timelock', due: true };
    case 'Queued': {
      const eta = p.eta ?? 0;
      const wait = until(eta);
      if (wait > 0) return { action: null, label: `executable in ${blocksText(wait)} (block ${eta})`, due: false };
      return { action: 'execute', label: `executable until block ${(p.expiresAt ?? 0) - 1}`, due: true };
    }
    default:
      return { action: null, label: 'final', due: false };
  }
}

export interface Tally {
  forWeight: bigint;
  againstWeight: bigint;
  abstainWeight: bigint;
}

export interface VotingRules {
  quorumBps: number;
  approvalThresholdBps: number;
  requireBothKinds: boolean;
}

export const emptyTally = (): Tally => ({ forWeight: 0n, againstWeight: 0n, abstainWeight: 0n });

export function addTallies(a: Tally, b: Tally): Tally {
  return {
    forWeight: a.forWeight + b.forWeight,
    againstWeight: a.againstWeight + b.againstWeight,
    abstainWeight: a.abstainWeight + b.abstainWeight,
  };
}

/** `C.for + C.abstain > 0 ∧ (C.for + C.abstain)·10 000 ≥ quorum_bps·T`. */
export function quorumReached(c: Tally, total: bigint, rules: VotingRules): boolean {
  const counted = c.forWeight + c.abstainWeight;
  return counted > 0n && counted * 10000n >= BigInt(rules.quorumBps) * total;
}

/** `X.for + X.against > 0 ∧ X.for·10 000 ≥ threshold_bps·(X.for + X.against)`. */
export function meetsThreshold(x: Tally, rules: VotingRules): boolean {
  const sided = x.forWeight + x.againstWeight;
  return sided > 0n && x.forWeight * 10000n >= BigInt(rules.approvalThresholdBps) * sided;
}

export function approved(humans: Tally, agents: Tally, total: bigint, rules: VotingRules): boolean {
  const c = addTallies(humans, agents);
  if (!quorumReached(c, total, rules) || !meetsThreshold(c, rules)) return false;
  if (!rules.requireBothKinds) return true;
  return [humans, agents].every((k) => k.forWeight + k.againstWeight === 0n || meetsThreshold(k, rules));
}

/** Basis points as a percentage: 5000 → "50%", 6667 → "66.67%". */
export function bpsText(bps: number): string {
  const pct = bps / 100;
  return `${Number.isInteger(pct) ? pct : pct.toFixed(2)}%`;
}

/** `part / whole` in basis points, rounded down (0 when whole is 0). */
export function ratioBps(part: bigint, whole: bigint): number {
  return whole === 0n ? 0 : Number((part * 10000n) / whole);
}

export interface Progress {
  quorum: { have: bigint; need: bigint; bps: number; reached: boolean };
  threshold: { forBps: number; needBps: number; met: boolean };
  approved: boolean;
}

/** Quorum and threshold progress of a ballot, for progress bars. */
export function ballotProgress(humans: Tally, agents: Tally, total: bigint, rules: VotingRules): Progress {
  const c = addTallies(humans, agents);
  const have = c.forWeight + c.abstainWeight;
  // Smallest weight w with w·10 000 ≥ quorum_bps·T.
  const need = (BigInt(rules.quorumBps) * total + 9999n) / 10000n;
  return {
    quorum: { have, need, bps: ratioBps(have, total), reached: quorumReached(c, total, rules) },
    threshold: { forBps: ratioBps(c.forWeight, c.forWeight + c.againstWeight), needBps: rules.approvalThresholdBps, met: meetsThreshold(c, rules) },
    approved: approved(humans, agents, total, rules),
  };
}

/** "5Grwva…utQY" */
export function shortAddress(a: string, head = 6, tail = 4): string {
  return a.length <= head + tail + 1 ? a : `${a.slice(0, head)}…${a.slice(-tail)}`;
}

export function shortHash(h: string): string {
  return h.length > 14 ? `${h.slice(0, 10)}…${h.slice(-4)}` : h;
}

/**
 * What the app says of a hub that was succeeded (`successor()` answered an account), or null
 * for an active hub: its treasury went to the successor suite's hub, its log is sealed, and it
 * takes no more proposals, transitions or deposits.
 */
export function retiredText(successor: string | null | undefined): string | null {
  if (!successor) return null;
  return `This suite is retired: succeeded by ${successor}, the successor suite's hub. Its treasury went there and its decision log is sealed; this hub takes no more proposals, transitions or deposits.`;
}

/** Integer amount with thin grouping: 1000000 → "1 000 000". */
export function amountText(v: bigint | number | string): string {
  return BigInt(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

export interface RevisionLike {
  contentHash: string;
  uri: string;
  actions: unknown[];
}

export interface FieldChange {
  field: 'content hash' | 'URI' | 'actions';
  from: string;
  to: string;
}

/** What changed from revision `a` to revision `b` (content hash, URI, actions). */
export function diffRevisions(a: RevisionLike, b: RevisionLike, actionText: (x: unknown) => string = (x) => jsonText(x)): FieldChange[] {
  const out: FieldChange[] = [];
  if (a.contentHash.toLowerCase() !== b.contentHash.toLowerCase()) out.push({ field: 'content hash', from: a.contentHash, to: b.contentHash });
  if (a.uri !== b.uri) out.push({ field: 'URI', from: a.uri || '(none)', to: b.uri || '(none)' });
  const fa = a.actions.map(actionText).join('; ');
  const fb = b.actions.map(actionText).join('; ');
  if (fa !== fb) out.push({ field: 'actions', from: fa || '(none)', to: fb || '(none)' });
  return out;
}

/** JSON with bigints as strings. */
export function jsonText(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Rough wall-clock for a number of 6-second blocks: "≈ 1 min", "≈ 2 h". */
export function blocksDuration(n: number, secondsPerBlock = 6): string {
  const s = n * secondsPerBlock;
  if (s < 90) return `≈ ${s} s`;
  if (s < 5400) return `≈ ${Math.round(s / 60)} min`;
  if (s < 172800) return `≈ ${Math.round(s / 3600)} h`;
  return `≈ ${Math.round(s / 86400)} d`;
}

export { blocksText };
