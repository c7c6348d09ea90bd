import { describe, expect, it } from 'vitest';
import { blocksText, describeContractError, describeDispatchError, describeFailure, SIGNATURE_ERRORS } from '../../src/lib/errors';
import vectors from '../../../e2e-tests/fixtures/signing-vectors.json';

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
