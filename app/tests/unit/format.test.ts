import { describe, expect, it } from 'vitest';
import {
  amountText, approved, ballotProgress, blocksDuration, bpsText, diffRevisions, meetsThreshold, nextStep, perspectiveBit,
  perspectivesOf, quorumReached, retiredText, shortAddress, stateBadge, type Tally,
} from '../../src/lib/format';
import { deploymentUrl, parseDeployment } from '../../src/lib/deployments';

const t = (f: number, a: number, ab = 0): Tally => ({ forWeight: BigInt(f), againstWeight: BigInt(a), abstainWeight: BigInt(ab) });
const rules = { quorumBps: 5000, approvalThresholdBps: 5000, requireBothKinds: false };

describe('state badges and countdowns', () => {
  it('labels states with a tone', () => {
    expect(stateBadge('InReview')).toEqual({ label: 'In review', tone: 'active' });
    expect(stateBadge('Defeated').tone).toBe('bad');
    expect(stateBadge('Executed').tone).toBe('good');
  });

  it('counts down review and voting windows in blocks; closing is due from closes_at + 1', () => {
    expect(nextStep({ stage: 'InReview', reviewClosesAt: 120 }, 100).label).toBe('review closes in 20 blocks (block 120)');
    expect(nextStep({ stage: 'InReview', reviewClosesAt: 120 }, 120)).toMatchObject({ action: null, due: false });
    expect(nextStep({ stage: 'InReview', reviewClosesAt: 120 }, 121)).toMatchObject({ action: 'closeReview', due: true });
    expect(nextStep({ stage: 'Voting', reviewClosesAt: 0, votingClosesAt: 200 }, 199).label).toBe('voting closes in 1 block (block 200)');
    expect(nextStep({ stage: 'Voting', reviewClosesAt: 0, votingClosesAt: 200 }, 201).action).toBe('closeVoting');
    expect(nextStep({ stage: 'Succeeded', reviewClosesAt: 0 }, 1).action).toBe('queue');
  });

  it('offers execute when the transaction would land at eta (instant seal: now + 1)', () => {
    const q = { stage: 'Queued' as const, reviewClosesAt: 0, eta: 50, expiresAt: 70 };
    expect(nextStep(q, 40).label).toBe('executable in 9 blocks (block 50)');
    expect(nextStep(q, 49)).toMatchObject({ action: 'execute', due: true });
    expect(nextStep({ ...q, stage: 'Executed' }, 60).action).toBeNull();
  });

  it('gives a rough duration for 6-second blocks', () => {
    expect(blocksDuration(5)).toBe('≈ 30 s');
    expect(blocksDuration(100)).toBe('≈ 10 min');
    expect(blocksDuration(14400)).toBe('≈ 24 h');
    expect(blocksDuration(100800)).toBe('≈ 7 d');
  });
});

describe('tallies, quorum and threshold (docs/contracts/voting.md)', () => {
  it('quorum counts For and Abstain, never Against', () => {
    expect(quorumReached(t(10, 0, 5), 30n, rules)).toBe(true);
    expect(quorumReached(t(10, 20, 4), 30n, rules)).toBe(false);
    expect(quorumReached(t(0, 0, 0), 0n, rules)).toBe(false);
  });

  it('a tie passes a 50% threshold and fails anything above', () => {
    expect(meetsThreshold(t(5, 5), rules)).toBe(true);
    expect(meetsThreshold(t(5, 5), { ...rules, approvalThresholdBps: 5001 })).toBe(false);
    expect(meetsThreshold(t(0, 0, 9), rules)).toBe(false);
  });

  it('both kinds: a kind that took a side and fell short defeats the ballot', () => {
    const both = { ...rules, requireBothKinds: true };
    expect(approved(t(30, 0), t(1, 4), 40n, both)).toBe(false);
    expect(approved(t(30, 0), t(1, 4), 40n, rules)).toBe(true);
    expect(approved(t(30, 0), t(0, 0, 3), 40n, both)).toBe(true);
  });

  it('reports progress for the bars', () => {
    const p = ballotProgress(t(10, 5), t(5, 0), 30n, rules);
    expect(p.quorum).toEqual({ have: 15n, need: 15n, bps: 5000, reached: true });
    expect(p.threshold).toEqual({ forBps: 7500, needBps: 5000, met: true });
    expect(p.approved).toBe(true);
    expect(ballotProgress(t(0, 0), t(0, 0), 31n, rules).quorum.need).toBe(16n);
  });

  it('formats basis points and amounts', () => {
    expect(bpsText(5000)).toBe('50%');
    expect(bpsText(6667)).toBe('66.67%');
    expect(amountText(1234567n)).toBe('1\u202f234\u202f567');
  });
});

describe('perspectives, addresses and revision diffs', () => {
  it('decodes a perspective bitset', () => {
    expect(perspectivesOf(0b101)).toEqual(['Safety', 'Ethics']);
    expect(perspectivesOf(0)).toEqual([]);
    expect(perspectiveBit('Technical')).toBe(128);
  });

  it('shortens addresses', () => {
    expect(shortAddress('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY')).toBe('5Grwva…utQY');
  });

  it('lists what changed between revisions', () => {
    const a = { contentHash: '0x' + '11'.repeat(32), uri: 'ipfs://a', actions: [{ type: 'Transfer', value: ['x', 1000n] }] };
    const b = { contentHash: '0x' + '12'.repeat(32), uri: 'ipfs://a', actions: [{ type: 'Transfer', value: ['x', 800n] }] };
    const d = diffRevisions(a, b);
    expect(d.map((c) => c.field)).toEqual(['content hash', 'actions']);
    expect(d[1].to).toContain('"800"');
    expect(diffRevisions(a, { ...a })).toEqual([]);
  });
});

describe('deployments file', () => {
  const good = {
    network: 'local', url: 'ws://127.0.0.1:9944', chain_tag: 'agora-local', block: 12, deployer: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
    contracts: Object.fromEntries(['decision_log', 'agent_registry', 'peer_review', 'voting', 'proposals'].map((c) => [c, { address: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', code_hash: '0x00' }])),
    bootstrap_complete: true,
  };

  it('accepts the format agora deploy writes', () => {
    expect(parseDeployment(good).contracts.voting.address).toMatch(/^5/);
  });

  it('ignores the stale parameter copy of older files (the hub is read instead)', () => {
    const old = parseDeployment({ ...good, params: { review_window: 5 } });
    expect('params' in old).toBe(false);
    expect(old.contracts.voting.address).toMatch(/^5/);
  });

  it('names the first problem', () => {
    expect(() => parseDeployment({ ...good, url: 'http://x' })).toThrow(/"url"/);
    const { voting, ...rest } = good.contracts as any;
    expect(() => parseDeployment({ ...good, contracts: rest })).toThrow(/contracts.voting.address missing/);
  });

  it('picks the file from ?deployment=, ?network= or the stored choice', () => {
    expect(deploymentUrl('?deployment=https://x/y.json', null).url).toBe('https://x/y.json');
    expect(deploymentUrl('?network=rococo', 'local')).toEqual({ url: 'deployments/rococo.json', network: 'rococo' });
    expect(deploymentUrl('', null)).toEqual({ url: 'deployments/local.json', network: 'local' });
    expect(() => deploymentUrl('?network=../x', null)).toThrow();
  });
});

describe('a succeeded suite', () => {
  it("says the hub is retired once successor() names the successor suite's hub, nothing for an active hub", () => {
    const hub = '5E9ohXAEDrJPLp6g7Xj23FaP6km4FynrtzbPMQvgRghwrjr8';
    expect(retiredText(hub)).toBe(
      `This suite is retired: succeeded by ${hub}, the successor suite's hub. Its treasury went there and its decision log is sealed; this hub takes no more proposals, transitions or deposits.`,
    );
    expect(retiredText(null)).toBeNull();
    expect(retiredText(undefined)).toBeNull();
  });
});
