import { describe, expect, it } from 'vitest';
import { blocksText, describeContractError, describeDispatchError, describeFailure, SIGNATURE_ERRORS } from '../../src/lib/errors';
import vectors from '../../../e2e-tests/fixtures/signing-vectors.json';
import agentRegistryMeta from '../../src/contracts/metadata/agent_registry.json';
import decisionLogMeta from '../../src/contracts/metadata/decision_log.json';
import peerReviewMeta from '../../src/contracts/metadata/peer_review.json';
import proposalsMeta from '../../src/contracts/metadata/proposals.json';
import votingMeta from '../../src/contracts/metadata/voting.json';

/** Each contract's own error enum in its bundled metadata, and its variants. */
const ERROR_ENUMS = [
  ['proposals', proposalsMeta, 'agora_types::proposal::ProposalError'],
  ['peer_review', peerReviewMeta, 'agora_types::review::ReviewError'],
  ['voting', votingMeta, 'agora_types::voting::VotingError'],
  ['agent_registry', agentRegistryMeta, 'agora_types::errors::RegistryError'],
  ['decision_log', decisionLogMeta, 'agora_types::log::LogError'],
] as const;
const variantsOf = (meta: any, path: string): { name: string; fields?: unknown[] }[] =>
  meta.types.find((t: any) => (t.type.path ?? []).join('::') === path)?.type.def.variant.variants ?? [];

describe('contract errors as sentences', () => {
  it('voting errors, as the bindings decode them ({ type })', () => {
    expect(describeContractError('voting', { type: 'AlreadyVoted' })).toBe('You already voted on this proposal.');
    expect(describeContractError('voting', { type: 'NotEligible' })).toMatch(/no voting weight at the snapshot/);
    expect(describeContractError('voting', { type: 'BadSignature', value: 'HighS' })).toBe(
      'The signature is malformed: s is above half the group order, the malleable twin of a valid signature (HighS).',
    );
  });

  it('words every SignatureError the signing vectors name, ROutOfRange included, for each contract that forwards one', () => {
    const names = [...new Set(vectors.invalid_signatures.map((v: { error: string }) => v.error))] as string[];
    expect(names).toContain('ROutOfRange');
    for (const name of names) {
      expect(SIGNATURE_ERRORS, name).toHaveProperty(name);
      for (const contract of ['voting', 'agent_registry', 'proposals'] as const) {
        expect(describeContractError(contract, { type: 'BadSignature', value: name })).toBe(`The signature is malformed: ${(SIGNATURE_ERRORS as Record<string, string>)[name]} (${name}).`);
      }
    }
    expect(describeContractError('proposals', { type: 'BadSignature', value: 'ROutOfRange' })).toBe('The signature is malformed: r is not below the group order (ROutOfRange).');
  });

  it("words the admin handover's errors the hub forwards", () => {
    expect(describeContractError('proposals', { type: 'Admin', value: 'NotOffered' })).toBe('The admin role was offered to another account.');
    expect(describeContractError('proposals', { type: 'Admin', value: { type: 'ZeroAddress' } })).toBe('The admin role cannot be offered to the zero address.');
    expect(describeContractError('proposals', { type: 'TooManyRevisions' })).toMatch(/as many revisions as a proposal may have/);
  });

  it('review errors, decoded as plain strings', () => {
    expect(describeContractError('peer_review', 'AuthorCannotReview')).toBe('You wrote this proposal, so you cannot review it.');
    expect(describeContractError('peer_review', 'PerspectiveNotHeld')).toMatch(/do not hold the perspective/);
  });

  it('hub errors, including those it forwards from the other contracts', () => {
    expect(describeContractError('proposals', { type: 'Voting', value: { type: 'AlreadyVoted' } })).toBe('You already voted on this proposal.');
    expect(describeContractError('proposals', { type: 'Review', value: 'ReviewWindowOver' })).toBe('The review window is over.');
    expect(describeContractError('proposals', { type: 'TooEarly', value: 130 }, { block: 120 })).toBe('Too early: this is allowed from block 130 (10 blocks from now).');
    expect(describeContractError('proposals', { type: 'UnexpectedState', value: 'Vetoed' })).toBe('The proposal is Vetoed, which does not allow this.');
    expect(describeContractError('proposals', { type: 'RulesUnmeetable', value: { type: 'MinReviews', value: [3, 2] } })).toMatch(/reviews need 3, 2 available/);
    expect(describeContractError('proposals', { type: 'PeriodCapExceeded', value: 250n })).toMatch(/250 left/);
    expect(describeContractError('proposals', { type: 'ExternalCallFailed', value: 0 })).toBe('A Call action failed (action 1).');
  });

  it("words the decision log's errors, format 2's kind checks included, also as the hub forwards them", () => {
    expect(describeContractError('decision_log', { type: 'KindNotAllowed' })).toBe(
      'The caller writes to the decision log, but is not authorized for this kind of entry.',
    );
    expect(describeContractError('decision_log', 'InvalidKinds')).toMatch(/non-empty set of defined kinds/);
    expect(describeContractError('decision_log', 'LimitTooLarge')).toMatch(/at most 64 entries/);
    expect(describeContractError('proposals', { type: 'Log', value: 'KindNotAllowed' })).toMatch(/not authorized for this kind of entry/);
  });

  it('words every error variant of the bundled metadata (none falls back to its bare name)', () => {
    // The hub's forwarded errors are worded by the contract they come from (below).
    const forwarded = new Set(['Registry', 'Review', 'Voting', 'Log', 'Admin']);
    for (const [contract, meta, path] of ERROR_ENUMS) {
      const variants = variantsOf(meta, path);
      expect(variants.length, path).toBeGreaterThan(5);
      for (const { name } of variants) {
        if (contract === 'proposals' && forwarded.has(name)) continue;
        expect(describeContractError(contract, { type: name }), `${contract} ${name}`).not.toMatch(/ refused: /);
      }
    }
    expect(variantsOf(proposalsMeta, 'agora_types::proposal::ProposalError').map((v) => v.name)).toEqual(
      expect.arrayContaining(['SuccessionNotAlone', 'InvalidSuccessor', 'SuccessorCodeMismatch', 'SuccessorCodeChanged', 'Retired', 'NotRetired']),
    );
  });

  it("words the succession's errors: the hub's, and the log's as the hub forwards them", () => {
    expect(describeContractError('proposals', 'SuccessionNotAlone')).toBe('A succession must be the proposal’s only action.');
    expect(describeContractError('proposals', { type: 'InvalidSuccessor' })).toMatch(/successor suite’s hub: not a contract of this suite, nor the zero account/);
    expect(describeContractError('proposals', { type: 'SuccessorCodeMismatch' })).toMatch(/does not run the code hash the succession names/);
    expect(describeContractError('proposals', { type: 'SuccessorCodeChanged' })).toMatch(/no longer runs the code hash/);
    expect(describeContractError('proposals', { type: 'Retired' })).toMatch(/^This suite was succeeded: its hub takes no more proposals, transitions or deposits/);
    expect(describeContractError('proposals', { type: 'NotRetired' })).toMatch(/still active/);
    expect(describeContractError('decision_log', 'Sealed')).toBe('The log was sealed when its suite was succeeded: it takes no more entries.');
    expect(describeContractError('proposals', { type: 'Log', value: { type: 'Sealed' } })).toBe('The log was sealed when its suite was succeeded: it takes no more entries.');
    expect(describeContractError('decision_log', { type: 'PredecessorUnavailable' })).toMatch(/predecessor log .* did not answer/);
    expect(describeContractError('decision_log', 'ReservedKind')).toMatch(/seal and anchor/);
  });

  it('falls back to the variant name for an unknown error', () => {
    expect(describeContractError('voting', { type: 'SomethingNew' })).toBe('voting refused: SomethingNew');
  });

  it('words dispatch and wallet failures', () => {
    expect(describeDispatchError({ pallet: 'Contracts', name: 'OutOfGas' }, {})).toBe('The transaction ran out of gas.');
    expect(describeFailure(new Error('Cancelled'))).toBe('You declined the request in your wallet.');
    expect(describeFailure({ message: 'x', moduleError: { pallet: 'Contracts', name: 'ContractReverted' } })).toBe('The contract refused the transaction.');
    expect(describeFailure(new Error('1010: Invalid Transaction: Inability to pay some fees'))).toBe('Your account cannot pay the transaction fee.');
  });

  it('counts blocks', () => {
    expect(blocksText(1)).toBe('1 block');
    expect(blocksText(0)).toBe('0 blocks');
    expect(blocksText(12)).toBe('12 blocks');
  });
});
