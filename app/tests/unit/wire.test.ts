import { describe, expect, it } from 'vitest';
import { TypinkRegistry } from '@dedot/contracts';
import { str, u32 } from 'dedot/shape';
import { blake2AsHex, concatU8a, encodeAddress } from 'dedot/utils';
import fixture from '../../../e2e-tests/fixtures/signing-vectors.json';
import hubParamsSchema from '../../../schemas/wire/hub-params.json';
import proposalsMeta from '../../src/contracts/metadata/proposals.json';
import votingMeta from '../../src/contracts/metadata/voting.json';
import { bytesToHex, hexToBytes } from '../../src/lib/hex';
import { contentProblemText, parseActions } from '../../src/lib/proposal-input';
import {
  ACTION_TYPES,
  BOUNDS,
  MAX_CALL_INPUT_LEN,
  MAX_MEMBER_WEIGHT,
  MAX_SPEND_CAP,
  MAX_URI_LEN,
  SIGNING_DOMAINS,
  type ActionLike,
  type PayloadKind,
  type VotePayloadLike,
  WireError,
  accountHexFromWire,
  actionFromWire,
  actionToWire,
  actionsFromText,
  fractionalNumberLiteral,
  actionsFromWire,
  actionsToWire,
  ballotIdFromWire,
  ballotIdToWire,
  contentProblem,
  decisionBallot,
  revisionProblem,
  hubParamsFromWire,
  hubParamsToWire,
  paramsProblem,
  payloadFromWire,
  payloadToWire,
  problemVariant,
} from '../../src/lib/wire';

type Json = any;
const vectors: Json[] = fixture.vectors;
const invalid: Json[] = fixture.invalid_payloads;
const withActions = vectors.filter((v) => Array.isArray(v.payload.actions));
const everyAction: { name: string; action: Json }[] = withActions.flatMap((v) => v.payload.actions.map((action: Json, i: number) => ({ name: `${v.name} actions[${i}]`, action })));
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

const ALICE_SS58 = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const ALICE_HEX = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';

/** The refusal's message (failing the test if there is none). */
function refusal(f: () => unknown): WireError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WireError);
    return e as WireError;
  }
  throw new Error('not refused');
}

const transfer = (amount: Json = '1', to: Json = ALICE_SS58) => ({ type: 'transfer', to, amount });
const registerHuman = (profile: Json = {}) => ({
  type: 'register_member',
  account: ALICE_SS58,
  profile: { kind: 'human', perspectives: ['safety'], weight: '1', metadata_uri: '', operator: null, ...profile },
  key: null,
});
const paramsOf = (name: string) => vectors.find((v) => v.name === name)!.payload.actions.find((a: Json) => a.type === 'set_params').params;
const typicalParams = () => clone(paramsOf('proposal/governance-register-agent-set-params-call'));

describe('the JSON dialect of actions (docs/signing.md#json-dialect)', () => {
  it('the vectors use every action type the app knows, and the app knows every type they use', () => {
    expect(new Set(everyAction.map((a) => a.action.type))).toEqual(new Set(ACTION_TYPES));
    expect(ACTION_TYPES).toHaveLength(11);
    expect(ACTION_TYPES.at(-1)).toBe('succession');
  });

  it('a succession names the successor suite’s hub and the code hash its hub must run (Action::Succession, SCALE variant 10)', () => {
    const v = vectors.find((x) => x.name === 'proposal/succession');
    expect(v, 'the fixture’s proposal/succession vector').toBeDefined();
    const [wire] = v.payload.actions;
    expect(Object.keys(wire).sort()).toEqual(['code_hash', 'successor', 'type']);
    const binding = actionFromWire(wire) as Json;
    expect(binding.type).toBe('Succession');
    expect(binding.value[0].raw).toBe(accountHexFromWire(wire.successor));
    expect(binding.value[1]).toBe(wire.code_hash);
    expect(actionToWire(binding)).toEqual({ type: 'succession', successor: wire.successor, code_hash: wire.code_hash });
    // The variant's index and layout: 0x0a, the successor's 32 bytes, the code hash's 32.
    const registry = new TypinkRegistry(proposalsMeta as any);
    const t = (proposalsMeta as any).types.find((x: Json) => x.type.path?.join('::') === 'agora_types::proposal::Action');
    expect(bytesToHex(registry.findCodec<any, any>(t.id).tryEncode(binding))).toBe('0x0a' + accountHexFromWire(wire.successor).slice(2) + wire.code_hash.slice(2));
    const succession = (o: Json) => ({ type: 'succession', successor: ALICE_SS58, code_hash: '0x' + 'c0'.repeat(32), ...o });
    expect(refusal(() => actionFromWire(succession({ code_hash: '0x' + 'c0'.repeat(31) }))).message).toBe('action.code_hash: 31 bytes of hex where 32 are expected');
    expect(refusal(() => actionFromWire(succession({ code_hash: '0x' + 'C0'.repeat(32) }))).message).toBe('action.code_hash: hex must be lowercase');
    expect(refusal(() => actionFromWire(succession({ successor: ALICE_SS58.replace('Grwva', 'Grwvb') }))).message).toBe('action.successor: the SS58 address’s checksum does not match (mistyped?)');
    const { code_hash: _, ...noHash } = succession({});
    expect(refusal(() => actionFromWire(noHash)).message).toBe('action: missing field "code_hash"');
    expect(refusal(() => actionFromWire(succession({ amount: '1' }))).message).toMatch(/^action: unknown field "amount"/);
    expect(refusal(() => actionFromWire(succession({ type: 'Succession' }))).message).toBe('action.type: unknown action type "Succession" (types are snake_case: "succession")');
  });

  it('every action of every vector round-trips wire → binding → wire to the identical JSON', () => {
    expect(everyAction.length).toBeGreaterThanOrEqual(20);
    for (const { name, action } of everyAction) {
      const binding = actionFromWire(action);
      expect(JSON.stringify(sortKeys(actionToWire(binding))), name).toBe(JSON.stringify(sortKeys(action)));
    }
  });

  it('the bindings’ shape read from a vector encodes, with the contract’s own codec, to exactly the signed SCALE bytes', () => {
    const registry = new TypinkRegistry(proposalsMeta as any);
    const codecOf = (name: string) => {
      const t = (proposalsMeta as any).types.find((x: Json) => x.type.path?.join('::') === `agora_types::proposal::${name}`);
      expect(t, name).toBeDefined();
      return registry.findCodec<any, any>(t.id);
    };
    const codecs: Partial<Record<PayloadKind, any>> = { proposal: codecOf('ProposalPayload'), revision: codecOf('RevisionPayload') };
    let checked = 0;
    for (const v of vectors) {
      const codec = codecs[v.kind as PayloadKind];
      if (!codec) continue;
      expect(bytesToHex(codec.tryEncode(payloadFromWire(v.kind, v.payload))), v.name).toBe(v.scale);
      checked++;
    }
    expect(checked).toBe(withActions.length);
  });

  it('chain-decoded actions (AccountId32, FixedBytes, bigint) are written in the dialect, as the revision prefill shows them', () => {
    const registry = new TypinkRegistry(proposalsMeta as any);
    const t = (proposalsMeta as any).types.find((x: Json) => x.type.path?.join('::') === 'agora_types::proposal::Action');
    const codec = registry.findCodec<any, any>(t.id);
    for (const { name, action } of everyAction) {
      const decoded = codec.tryDecode(codec.tryEncode(actionFromWire(action)));
      expect(sortKeys(actionToWire(decoded)), name).toEqual(sortKeys(action));
    }
  });

  it('a list of actions is a JSON array, each refusal naming its index', () => {
    const list = [transfer('5'), { type: 'suspend_member', account: ALICE_SS58 }];
    expect(actionsToWire(actionsFromWire(list))).toEqual(list);
    expect(refusal(() => actionsFromWire({ type: 'transfer' })).message).toMatch(/^actions: a list of actions expected/);
    expect(refusal(() => actionsFromWire([transfer('5'), transfer('5x')])).message).toBe('actions[1].amount: "5x" is not a number: decimal digits only');
    expect(refusal(() => actionsFromText('[{"type": "transfer",}]')).message).toMatch(/^actions: not JSON/);
    // JSON.parse reads 40.0 as 40; the dialect (and Rust's serde_json) refuses it for a whole number.
    const params = (window: string) =>
      `[{"type": "set_params", "params": {"review_window": ${window}, "note": "1.5 is fine in a string"}}]`;
    expect(refusal(() => actionsFromText(params('40.0'))).message).toMatch(/found 40\.0/);
    expect(refusal(() => actionsFromText(params('4e1'))).message).toMatch(/found 4e1/);
    expect(fractionalNumberLiteral(params('40'))).toBeNull();
    expect(fractionalNumberLiteral('["a \\" 1.5", 7]')).toBeNull();
  });

  it('accounts are read from SS58 of any network prefix (checksum checked) or 0x + 64 lowercase hex, and written in SS58 with prefix 42', () => {
    expect(accountHexFromWire(ALICE_SS58)).toBe(ALICE_HEX);
    expect(accountHexFromWire(ALICE_HEX)).toBe(ALICE_HEX);
    for (const prefix of [0, 2, 63, 64, 255, 1284, 16383]) expect(accountHexFromWire(encodeAddress(ALICE_HEX, prefix)), `prefix ${prefix}`).toBe(ALICE_HEX);
    const fromHex = actionToWire(actionFromWire(transfer('7', ALICE_HEX)));
    const fromPolkadot = actionToWire(actionFromWire(transfer('7', encodeAddress(ALICE_HEX, 0))));
    expect(fromHex).toEqual(transfer('7', ALICE_SS58));
    expect(fromPolkadot).toEqual(transfer('7', ALICE_SS58));
  });

  it('a mistyped address, uppercase hex, hex without 0x or of the wrong length is refused', () => {
    const typo = ALICE_SS58.replace('Grwva', 'Grwvb');
    expect(refusal(() => actionFromWire(transfer('1', typo))).message).toBe('action.to: the SS58 address’s checksum does not match (mistyped?)');
    expect(refusal(() => actionFromWire(transfer('1', '5Grwva'))).problem).toMatch(/^not an account/);
    expect(refusal(() => actionFromWire(transfer('1', ALICE_HEX.toUpperCase().replace('0X', '0x')))).problem).toBe('hex must be lowercase');
    expect(refusal(() => actionFromWire(transfer('1', ALICE_HEX.slice(0, -2)))).problem).toBe('31 bytes of hex where 32 are expected');
    expect(refusal(() => actionFromWire(transfer('1', 42))).problem).toMatch(/^an account expected/);
    const call = { type: 'call', callee: ALICE_SS58, selector: '0xdeadbeef', input: '0x', value: '0' };
    expect(actionFromWire(call).type).toBe('Call');
    expect(refusal(() => actionFromWire({ ...call, selector: 'deadbeef' })).message).toBe('action.selector: hex must start with 0x');
    expect(refusal(() => actionFromWire({ ...call, selector: '0xDEADBEEF' })).problem).toBe('hex must be lowercase');
    expect(refusal(() => actionFromWire({ ...call, selector: '0xdeadbe' })).problem).toBe('3 bytes of hex where 4 are expected');
    expect(refusal(() => actionFromWire({ ...call, input: '0x0' })).problem).toMatch(/^not hex/);
    expect(refusal(() => actionFromWire({ ...call, input: '0xzz' })).problem).toMatch(/^not hex/);
  });

  it('u128 amounts are decimal strings of digits only without a leading zero, or JSON integers, within range', () => {
    const u128Max = ((1n << 128n) - 1n).toString();
    expect(actionToWire(actionFromWire(transfer(u128Max)))).toEqual(transfer(u128Max));
    expect(actionToWire(actionFromWire(transfer(1000)))).toEqual(transfer('1000'));
    expect(actionToWire(actionFromWire(transfer('0')))).toEqual(transfer('0'));
    for (const bad of ['00', '007', '01', '0000']) {
      expect(refusal(() => actionFromWire(transfer(bad))).problem, bad).toBe(`"${bad}" has a leading zero: a number has one spelling`);
    }
    expect(refusal(() => actionFromWire(transfer('0' + u128Max))).problem).toMatch(/has a leading zero/);
    expect(refusal(() => actionFromWire(transfer((1n << 128n).toString()))).problem).toMatch(/too large for the field/);
    for (const bad of ['', '-1', '+1', ' 1', '1 ', '1e3', '0x10', '1.0', '١']) {
      expect(refusal(() => actionFromWire(transfer(bad))).problem, JSON.stringify(bad)).toMatch(/decimal digits only/);
    }
    for (const bad of [-1, 1.5, 2 ** 60, true, null, [1]]) expect(() => actionFromWire(transfer(bad)), JSON.stringify(bad)).toThrow(WireError);
  });

  it('unknown or missing fields and a type in another case are refused', () => {
    expect(refusal(() => actionFromWire({ ...transfer(), memo: 'hi' })).message).toMatch(/^action: unknown field "memo"/);
    expect(refusal(() => actionFromWire({ type: 'transfer', to: ALICE_SS58 })).message).toBe('action: missing field "amount"');
    expect(refusal(() => actionFromWire({ to: ALICE_SS58, amount: '1' })).message).toMatch(/^action: missing field "type"/);
    expect(refusal(() => actionFromWire({ ...transfer(), type: 'Transfer' })).message).toBe('action.type: unknown action type "Transfer" (types are snake_case: "transfer")');
    expect(refusal(() => actionFromWire({ type: 'SuspendMember', account: ALICE_SS58 })).problem).toMatch(/snake_case: "suspend_member"/);
    expect(refusal(() => actionFromWire({ type: 'SuspendMember', value: ALICE_SS58 })).problem).toMatch(/snake_case/);
    expect(refusal(() => actionFromWire({ type: 'mint', to: ALICE_SS58, amount: '1' })).problem).toMatch(/^unknown action type "mint" \(one of "transfer"/);
    expect(refusal(() => actionFromWire(registerHuman({ metadataUri: '' }))).message).toMatch(/^action.profile: unknown field "metadataUri"/);
    expect(refusal(() => actionFromWire(registerHuman({ kind: 'Human' }))).message).toBe('action.profile.kind: "Human" is not a member kind ("human" or "agent")');
    const { operator: _, ...noOperator } = registerHuman().profile;
    expect(refusal(() => actionFromWire({ ...registerHuman(), profile: noOperator })).message).toBe('action.profile: missing field "operator"');
    expect(refusal(() => actionFromWire('transfer')).problem).toMatch(/^an action object expected/);
  });

  it('a registration names its "key" (null for none): without the field it is refused; a key binding is 33 and 65 bytes', () => {
    const { key: _, ...noKey } = registerHuman();
    expect(refusal(() => actionFromWire(noKey)).message).toBe('action: missing field "key"');
    expect((actionFromWire(registerHuman()) as Json).value[2]).toBeUndefined();
    expect(actionToWire(actionFromWire(registerHuman()))).toEqual(registerHuman());
    const key = { key: '0x02' + '11'.repeat(32), proof: '0x' + '22'.repeat(65) };
    expect(actionToWire(actionFromWire({ ...registerHuman(), key }))).toEqual({ ...registerHuman(), key });
    expect(refusal(() => actionFromWire({ ...registerHuman(), key: { ...key, proof: '0x' + '22'.repeat(64) } })).message).toBe('action.key.proof: 64 bytes of hex where 65 are expected');
  });

  it('perspectives are a list of exactly lowercase names, each at most once, written in bit order', () => {
    const read = (perspectives: Json) => (actionFromWire(registerHuman({ perspectives })) as Json).value[1].perspectives;
    expect(read(['safety'])).toBe(1);
    expect(read(['technical', 'ethics'])).toBe((1 << 7) | (1 << 2));
    for (const bad of ['Safety', 'SAFETY', ' safety', 'safety ', 'safety\n']) {
      expect(refusal(() => read([bad])).message, JSON.stringify(bad)).toBe(`action.profile.perspectives[0]: unknown perspective ${JSON.stringify(bad)} (names are exactly lowercase: "safety")`);
    }
    expect(refusal(() => read(['technical', 'Ethics'])).message).toBe('action.profile.perspectives[1]: unknown perspective "Ethics" (names are exactly lowercase: "ethics")');
    const all = ['safety', 'creativity', 'ethics', 'efficiency', 'finance', 'legal', 'community', 'technical'];
    expect(read(all)).toBe(0xff);
    const written = (perspectives: string[]) => (actionToWire(actionFromWire(registerHuman({ perspectives }))) as Json).profile.perspectives;
    expect(written(['technical', 'safety'])).toEqual(['safety', 'technical']);
    expect(written([...all].reverse())).toEqual(all);
    expect(written(['community', 'finance', 'creativity'])).toEqual(['creativity', 'finance', 'community']);
    expect(refusal(() => read(['safety', 'safety'])).message).toBe('action.profile.perspectives[1]: perspective "safety" is listed twice');
    expect(refusal(() => read(['wisdom'])).problem).toMatch(/^unknown perspective "wisdom"/);
    expect(refusal(() => read(1)).problem).toMatch(/^a list of perspective names expected/);
    expect(read([])).toBe(0); // well-formed; the registry refuses it (below)
  });

  it('hub parameters: u32 numbers (never strings) in range, snake_case fields', () => {
    const p = typicalParams();
    expect(hubParamsToWire(hubParamsFromWire(p))).toEqual(p);
    expect(refusal(() => hubParamsFromWire({ ...p, timelock: 2 ** 32 })).message).toBe('params.timelock: 4294967296 is too large for the field (at most 4294967295)');
    expect(refusal(() => hubParamsFromWire({ ...p, timelock: '14400' })).problem).toMatch(/^a whole number/);
    expect(refusal(() => hubParamsFromWire({ ...p, timelock: -1 })).problem).toMatch(/^a whole number/);
    expect(refusal(() => hubParamsFromWire({ ...p, review_rules: { ...p.review_rules, min_reviews: '3' } })).message).toMatch(/^params.review_rules.min_reviews: a whole number/);
    expect(refusal(() => hubParamsFromWire({ ...p, veto_treshold: 2 })).message).toMatch(/^params: unknown field "veto_treshold"/);
    expect(refusal(() => hubParamsFromWire({ ...p, reviewWindow: 5 })).problem).toMatch(/^unknown field "reviewWindow"/);
    expect(refusal(() => hubParamsFromWire({ ...p, voting_rules: { ...p.voting_rules, require_both_kinds: 1 } })).message).toMatch(/^params.voting_rules.require_both_kinds: true or false expected/);
    // The caps are u128: decimal strings (or JSON integers), no leading zero.
    expect(hubParamsFromWire({ ...p, max_spend_per_proposal: 10, max_spend_per_period: '20' })).toMatchObject({ maxSpendPerProposal: 10n, maxSpendPerPeriod: 20n });
    expect(refusal(() => hubParamsFromWire({ ...p, max_spend_per_period: '020' })).message).toBe('params.max_spend_per_period: "020" has a leading zero: a number has one spelling');
  });

  it('a set_params names every parameter and every rule: there are no defaults in an action', () => {
    const s: Json = hubParamsSchema;
    const p = typicalParams();
    // The reader's fields are the committed schema's, every one required, written in its order.
    expect(Object.keys(hubParamsToWire(hubParamsFromWire(p)))).toEqual(s.required);
    expect(Object.keys(s.properties).sort()).toEqual([...s.required].sort());
    for (const k of s.required) {
      const { [k]: _, ...without } = p;
      expect(refusal(() => hubParamsFromWire(without)).message, k).toBe(`params: missing field "${k}"`);
      expect(refusal(() => actionFromWire({ type: 'set_params', params: without })).message, k).toBe(`action.params: missing field "${k}"`);
    }
    for (const [rules, def] of [
      ['review_rules', 'ReviewRules'],
      ['voting_rules', 'VotingRules'],
    ] as const) {
      expect(Object.keys(p[rules])).toEqual(expect.arrayContaining(s.$defs[def].required));
      expect(Object.keys(s.$defs[def].properties).sort()).toEqual([...s.$defs[def].required].sort());
      for (const k of s.$defs[def].required) {
        const { [k]: _, ...without } = p[rules];
        expect(refusal(() => hubParamsFromWire({ ...p, [rules]: without })).message, `${rules}.${k}`).toBe(`params.${rules}: missing field "${k}"`);
      }
    }
    expect(refusal(() => hubParamsFromWire({ max_spend_per_proposal: '10', max_spend_per_period: '20' })).message).toBe('params: missing field "review_window"');
    expect(refusal(() => hubParamsFromWire({})).problem).toMatch(/^missing field/);
  });
});

/** Each "wire" invalid payload of the fixture and the refusal it gets. */
const WIRE_CASES: [string, string | RegExp][] = [
  ['proposal/nonce-leading-zero', 'nonce: "00" has a leading zero: a number has one spelling'],
  ['proposal/deadline-as-string', 'deadline: a whole number from 0 to 4294967295 expected, found "1000"'],
  ['proposal/set-params-missing-a-parameter', 'actions[0].params: missing field "timelock"'],
  ['proposal/register-member-without-key-field', 'actions[0]: missing field "key"'],
  ['proposal/perspective-capitalised', 'actions[0].profile.perspectives[0]: unknown perspective "Safety" (names are exactly lowercase: "safety")'],
  ['proposal/hex-uppercase', 'content_hash: hex must be lowercase'],
  ['proposal/hex-without-0x', 'content_hash: hex must start with 0x'],
  ['proposal/hash-31-bytes', 'content_hash: 31 bytes of hex where 32 are expected'],
  ['proposal/account-checksum-typo', 'actions[0].to: the SS58 address’s checksum does not match (mistyped?)'],
  ['proposal/nonce-negative', 'nonce: "-1" is not a number: decimal digits only'],
  ['proposal/nonce-over-u64', 'nonce: 18446744073709551616 is too large for the field (at most 18446744073709551615)'],
  ['proposal/nonce-with-spaces', 'nonce: " 1" is not a number: decimal digits only'],
  ['proposal/deadline-over-u32', 'deadline: 4294967296 is too large for the field (at most 4294967295)'],
  ['proposal/amount-over-u128', /^actions\[0\]\.amount: \d+ is too large for the field/],
  ['proposal/amount-fraction', 'actions[0].amount: a non-negative integer or a string of decimal digits expected, found 1.5'],
  ['proposal/unknown-field', /^unknown field "memo"/],
  ['proposal/unknown-action-type', /^actions\[0\]\.type: unknown action type "mint"/],
  ['proposal/action-type-capitalised', 'actions[0].type: unknown action type "Transfer" (types are snake_case: "transfer")'],
  ['proposal/missing-field', 'missing field "uri"'],
  ['vote/vote-choice-capitalised', 'choice: "For" is not a choice ("for", "against" or "abstain")'],
  ['vote/vote-bare-proposal-without-ballot', 'proposal: a vote names its ballot, not a bare proposal: "ballot": {"proposal": …, "purpose": "decision"} (agora/v2/vote)'],
  ['vote/vote-ballot-purpose-undefined', 'ballot.purpose: "override" is not a ballot purpose (one of "decision")'],
];

describe('signed payloads in the dialect (the fixture’s vectors and invalid_payloads)', () => {
  it('every vector’s payload round-trips wire → binding → wire, whatever its kind', () => {
    expect(new Set(vectors.map((v) => v.kind))).toEqual(new Set(['proposal', 'revision', 'vote', 'bind-key']));
    for (const v of vectors) expect(sortKeys(payloadToWire(v.kind, payloadFromWire(v.kind, v.payload))), v.name).toEqual(sortKeys(v.payload));
  });

  const wire = invalid.filter((p) => p.error === 'wire');
  const shape = invalid.filter((p) => p.error !== 'wire');

  it('every invalid payload marked "wire" is refused by the dialect, and one whose defect is in an action by actionsFromWire too', () => {
    expect(wire.length).toBeGreaterThanOrEqual(20);
    let inActions = 0;
    for (const p of wire) {
      const err = refusal(() => payloadFromWire(p.kind, p.payload));
      if (err.path.startsWith('actions')) {
        inActions++;
        expect(refusal(() => actionsFromWire(p.payload.actions)).message, p.name).toBe(err.message);
      } else if (p.payload.actions) {
        expect(() => actionsFromWire(p.payload.actions), `${p.name}: its actions are fine`).not.toThrow();
      }
    }
    expect(inActions).toBeGreaterThanOrEqual(5);
  });

  it.each(WIRE_CASES)('%s is refused: %s', (name, message) => {
    const p = wire.find((x) => x.name === name);
    expect(p, name).toBeDefined();
    const err = refusal(() => payloadFromWire(p.kind, p.payload));
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
  });

  it('the list above names every "wire" vector of the fixture', () => {
    expect(wire.map((p) => p.name).sort()).toEqual(WIRE_CASES.map(([name]) => name).sort());
  });

  it('every invalid payload with a hub error gets exactly that error from contentProblem, and every vector none', () => {
    expect(shape.length).toBeGreaterThanOrEqual(6);
    for (const p of shape) {
      const payload = payloadFromWire(p.kind, p.payload) as Json;
      const problem =
        p.kind === 'revision'
          ? revisionProblem(payload.revision, payload.uri, payload.actions)
          : contentProblem(payload.uri, payload.actions);
      expect(problem, p.name).toBe(p.error);
    }
    for (const v of withActions) expect(contentProblem(v.payload.uri, actionsFromWire(v.payload.actions)), v.name).toBeUndefined();
  });
});

describe('ballots and signed votes (BallotId, agora/v2/vote)', () => {
  const registry = new TypinkRegistry(votingMeta as any);
  const codecOf = (path: string) => {
    const t = (votingMeta as any).types.find((x: Json) => x.type.path?.join('::') === path);
    expect(t, path).toBeDefined();
    return registry.findCodec<any, any>(t.id);
  };

  it('a decision ballot is {proposal, purpose: Decision}, written {"proposal": n, "purpose": "decision"}', () => {
    expect(decisionBallot(7)).toEqual({ proposal: 7, purpose: 'Decision' });
    expect(ballotIdToWire(decisionBallot(7))).toEqual({ proposal: 7, purpose: 'decision' });
    expect(ballotIdFromWire({ proposal: 4294967295, purpose: 'decision' })).toEqual(decisionBallot(4294967295));
  });

  it('a ballot id names both fields, its purpose exactly in snake_case and its proposal a u32', () => {
    expect(refusal(() => ballotIdFromWire({ proposal: 7, purpose: 'Decision' })).message).toBe('ballot.purpose: "Decision" is not a ballot purpose (purposes are snake_case: "decision")');
    expect(refusal(() => ballotIdFromWire({ proposal: 7, purpose: 0 })).message).toBe('ballot.purpose: 0 is not a ballot purpose (one of "decision")');
    expect(refusal(() => ballotIdFromWire({ proposal: 7 })).message).toBe('ballot: missing field "purpose"');
    expect(refusal(() => ballotIdFromWire({ proposal: 7, purpose: 'decision', round: 1 })).message).toMatch(/^ballot: unknown field "round"/);
    expect(refusal(() => ballotIdFromWire({ proposal: '7', purpose: 'decision' })).message).toMatch(/^ballot.proposal: a whole number/);
    expect(refusal(() => ballotIdFromWire(7)).message).toMatch(/^ballot: an object expected/);
  });

  it('the bindings take a BallotId where the messages took a proposal id, and it encodes as proposal u32 LE then the purpose byte', () => {
    const argOf = (label: string) => (votingMeta as any).spec.messages.find((m: Json) => m.label === label)?.args[0];
    for (const label of ['ballot', 'cast_vote', 'vote_of', 'votes', 'Ballots::open_ballot', 'Ballots::close_ballot', 'Ballots::ballot_outcome']) {
      expect(argOf(label)?.type.displayName.at(-1), label).toBe('BallotId');
    }
    expect(argOf('cast_vote_signed').label).toBe('voter');
    const ballot = codecOf('agora_types::voting::BallotId');
    expect(bytesToHex(ballot.tryEncode(decisionBallot(7)))).toBe('0x0700000000');
    expect(ballot.tryDecode(hexToBytes('0xffffffff00'))).toEqual(decisionBallot(4294967295));
    // The events carry the ballot as a topic.
    for (const label of ['BallotOpened', 'VoteCast', 'BallotClosed']) {
      const event = (votingMeta as any).spec.events.find((e: Json) => e.label === label);
      const field = event?.args.find((a: Json) => a.label === 'ballot');
      expect(field?.indexed, label).toBe(true);
      expect(field?.type.displayName.at(-1), label).toBe('BallotId');
    }
  });

  it('every vote vector’s payload encodes, with the contract’s codecs, to the signed SCALE bytes, and hashes under agora/v2/vote', () => {
    expect(SIGNING_DOMAINS.vote).toBe('agora/v2/vote');
    const kinds: Record<string, { domain: string; fields: string[] }> = fixture.kinds;
    for (const kind of Object.keys(kinds)) expect(SIGNING_DOMAINS[kind as PayloadKind], kind).toBe(kinds[kind].domain);
    expect(kinds.vote.fields).toEqual(['chain_tag', 'contract', 'voter', 'deadline', 'ballot', 'choice', 'rationale_hash']);
    const account = codecOf('ink_primitives::types::AccountId');
    const ballot = codecOf('agora_types::voting::BallotId');
    const choice = codecOf('agora_types::voting::VoteChoice');
    const votes = vectors.filter((v) => v.kind === 'vote');
    expect(votes.length).toBeGreaterThanOrEqual(3);
    for (const v of votes) {
      const p = payloadFromWire('vote', v.payload) as VotePayloadLike;
      const scale = concatU8a(
        str.tryEncode(p.chainTag),
        account.tryEncode(p.contract),
        account.tryEncode(p.voter),
        u32.tryEncode(p.deadline),
        ballot.tryEncode(p.ballot),
        choice.tryEncode(p.choice),
        hexToBytes(p.rationaleHash),
      );
      expect(bytesToHex(scale), v.name).toBe(v.scale);
      expect(v.domain, v.name).toBe(SIGNING_DOMAINS.vote);
      expect(blake2AsHex(concatU8a(new TextEncoder().encode(SIGNING_DOMAINS.vote), scale), 256), v.name).toBe(v.hash);
    }
    expect(votes.find((v) => v.name === 'vote/voting-md-vector')?.hash).toBe('0xe6dde208e61ac8ec8cfb088e1d3ed844291b6b98623de3716d6e0c0c635e3cff');
  });
});

describe('what every hub refuses (check_content_shape)', () => {
  it('the limits are the fixture’s bounds table, name for name', () => {
    const bounds: Record<string, number | string> = fixture.bounds;
    expect(Object.keys(BOUNDS).sort()).toEqual(Object.keys(bounds).sort());
    for (const [k, v] of Object.entries(bounds)) expect(BOUNDS[k].toString(), k).toBe(v.toString());
  });

  it('the URI, the action count, a zero transfer and a long call input, at their limits', () => {
    const t = actionsFromWire([transfer('1')]);
    expect(contentProblem('u'.repeat(MAX_URI_LEN), t)).toBeUndefined();
    expect(contentProblem('u'.repeat(MAX_URI_LEN + 1), t)).toBe('UriTooLong');
    expect(contentProblem('é'.repeat(MAX_URI_LEN / 2), t)).toBeUndefined();
    expect(contentProblem('é'.repeat(MAX_URI_LEN / 2) + 'u', t)).toBe('UriTooLong'); // bytes, not characters
    expect(contentProblem('', actionsFromWire(Array(8).fill(transfer('1'))))).toBeUndefined();
    expect(contentProblem('', actionsFromWire(Array(9).fill(transfer('1'))))).toBe('InvalidActionCount');
    expect(contentProblem('', [])).toBeUndefined(); // a signal proposal
    expect(contentProblem('', actionsFromWire([transfer('1'), transfer(0)]))).toBe('ZeroTransfer');
    const call = (len: number) => ({ type: 'call', callee: ALICE_SS58, selector: '0x00000001', input: '0x' + '00'.repeat(len), value: '0' });
    expect(contentProblem('', actionsFromWire([call(MAX_CALL_INPUT_LEN)]))).toBeUndefined();
    expect(contentProblem('', actionsFromWire([call(MAX_CALL_INPUT_LEN + 1)]))).toBe('CallInputTooLong');
    // The first problem in the Rust order: the URI before the count before the actions.
    expect(contentProblem('u'.repeat(300), actionsFromWire(Array(9).fill(transfer('0'))))).toBe('UriTooLong');
    expect(contentProblem('', actionsFromWire([call(2000), transfer('0')]))).toBe('CallInputTooLong');
  });

  it('a member profile the registry refuses, for registration and update alike', () => {
    const agentOf = (profile: Json) => ({ kind: 'agent', perspectives: ['finance'], weight: '1', metadata_uri: '', operator: ALICE_SS58, ...profile });
    const check = (profile: Json) => contentProblem('', actionsFromWire([{ type: 'update_member', account: ALICE_SS58, profile: agentOf(profile) }]));
    expect(check({})).toBeUndefined();
    expect(check({ perspectives: [] })).toBe('Registry(InvalidPerspectives)');
    expect(check({ weight: '0' })).toBe('Registry(WeightOutOfRange)');
    expect(check({ weight: MAX_MEMBER_WEIGHT.toString() })).toBeUndefined();
    expect(check({ weight: (MAX_MEMBER_WEIGHT + 1n).toString() })).toBe('Registry(WeightOutOfRange)');
    expect(check({ metadata_uri: 'm'.repeat(MAX_URI_LEN + 1) })).toBe('Registry(UriTooLong)');
    expect(check({ operator: null })).toBe('Registry(OperatorRequired)');
    expect(check({ kind: 'human' })).toBe('Registry(OperatorNotAllowed)');
    expect(check({ kind: 'human', operator: null })).toBeUndefined();
    expect(contentProblem('', actionsFromWire([registerHuman({ weight: '0' })]))).toBe('Registry(WeightOutOfRange)');
  });

  it.each([
    ['review_window', 'ReviewWindow', [2, 403_200]],
    ['voting_window', 'VotingWindow', [2, 403_200]],
    ['timelock', 'Timelock', [1, 403_200]],
    ['grace_period', 'GracePeriod', [1, 403_200]],
    ['review_rules.min_reviews', 'ReviewRules', [1, 100]],
    ['voting_rules.quorum_bps', 'VotingRules', [100, 10_000]],
    ['voting_rules.approval_threshold_bps', 'VotingRules', [5_000, 10_000]],
    ['max_open_per_member', 'MaxOpenPerMember', [1, 32]],
    ['veto_threshold', 'VetoThreshold', [0, 16]],
    ['spending_period', 'SpendingPeriod', [10, 5_256_000]],
  ] as const)('%s outside [%2$s bounds] is ParameterOutOfBounds(%s)', (field, param, [lo, hi]) => {
    const withValue = (x: number) => {
      const p = typicalParams();
      const [a, b] = field.split('.');
      if (b) p[a][b] = x;
      else p[a] = x;
      return contentProblem('', [{ type: 'SetParams', value: hubParamsFromWire(p) }]);
    };
    expect(withValue(lo)).toBeUndefined();
    expect(withValue(hi)).toBeUndefined();
    if (lo > 0) expect(withValue(lo - 1)).toBe(`ParameterOutOfBounds(${param})`);
    expect(withValue(hi + 1)).toBe(`ParameterOutOfBounds(${param})`);
  });

  it('the spending caps: per proposal in [1, MAX_SPEND_CAP], per period in [per proposal, MAX_SPEND_CAP]', () => {
    const caps = (proposal: bigint, period: bigint) => paramsProblem(hubParamsFromWire({ ...typicalParams(), max_spend_per_proposal: proposal.toString(), max_spend_per_period: period.toString() }));
    expect(caps(1n, 1n)).toBeUndefined();
    expect(caps(MAX_SPEND_CAP, MAX_SPEND_CAP)).toBeUndefined();
    expect(caps(0n, 1n)).toBe('MaxSpendPerProposal');
    expect(caps(MAX_SPEND_CAP + 1n, MAX_SPEND_CAP + 1n)).toBe('MaxSpendPerProposal');
    expect(caps(10n, 9n)).toBe('MaxSpendPerPeriod');
    expect(caps(10n, MAX_SPEND_CAP + 1n)).toBe('MaxSpendPerPeriod');
    // The first parameter out, in the Rust order.
    expect(paramsProblem({ ...hubParamsFromWire(typicalParams()), timelock: 0, spendingPeriod: 0 })).toBe('Timelock');
    // The largest parameters of the vectors are all at an upper bound, and accepted.
    expect(paramsProblem(hubParamsFromWire(paramsOf('proposal/register-human-largest-params-two-calls')))).toBeUndefined();
  });

  it('a succession alone, naming a successor that is not the zero account', () => {
    const succession = (successor = ALICE_SS58) => ({ type: 'succession', successor, code_hash: '0x' + 'c0'.repeat(32) });
    expect(contentProblem('', actionsFromWire([succession()]))).toBeUndefined();
    expect(contentProblem('', actionsFromWire([transfer('1'), succession()]))).toBe('SuccessionNotAlone');
    expect(contentProblem('', actionsFromWire([succession(), transfer('1')]))).toBe('SuccessionNotAlone');
    expect(contentProblem('', actionsFromWire([succession(), succession()]))).toBe('SuccessionNotAlone');
    const zero = '0x' + '00'.repeat(32);
    expect(contentProblem('', actionsFromWire([succession(zero)]))).toBe('InvalidSuccessor');
    expect(contentProblem('', actionsFromWire([succession(encodeAddress(zero, 42))]))).toBe('InvalidSuccessor');
    // In the Rust order: each action in turn, so a zero transfer before the succession is named first.
    expect(contentProblem('', actionsFromWire([transfer('0'), succession()]))).toBe('ZeroTransfer');
    expect(contentProblem('', actionsFromWire([succession(), transfer('0')]))).toBe('SuccessionNotAlone');
    expect(revisionProblem(2, '', actionsFromWire([succession(), transfer('1')]))).toBe('SuccessionNotAlone');
    // The fixture's invalid payload, as the signer and the hub refuse it.
    const beside = invalid.find((p) => p.name === 'proposal/succession-beside-a-transfer');
    expect(beside?.error).toBe('SuccessionNotAlone');
    expect(contentProblem(beside.payload.uri, actionsFromWire(beside.payload.actions))).toBe('SuccessionNotAlone');
  });

  it('problem names read as the bindings decode the error', () => {
    expect(problemVariant('ZeroTransfer')).toEqual({ type: 'ZeroTransfer' });
    expect(problemVariant('Registry(WeightOutOfRange)')).toEqual({ type: 'Registry', value: 'WeightOutOfRange' });
    expect(problemVariant('ParameterOutOfBounds(Timelock)')).toEqual({ type: 'ParameterOutOfBounds', value: 'Timelock' });
  });
});

describe('the proposal form’s actions', () => {
  it('takes the dialect in the JSON box, replacing the transfer rows', () => {
    const rows = [{ to: ALICE_SS58, amount: '5' }];
    const json = JSON.stringify([{ type: 'remove_member', account: ALICE_HEX }]);
    const actions = parseActions(rows, json) as Json[];
    expect(actions).toHaveLength(1);
    expect(actionToWire(actions[0])).toEqual({ type: 'remove_member', account: ALICE_SS58 });
  });

  it('refuses the bindings’ old shape and "123n" numbers, with the path of the problem', () => {
    expect(() => parseActions([], '[{"type":"SuspendMember","value":"5F"}]')).toThrow('Actions JSON, actions[0].type: unknown action type "SuspendMember" (types are snake_case: "suspend_member")');
    expect(() => parseActions([], JSON.stringify([transfer('123n')]))).toThrow('Actions JSON, actions[0].amount: "123n" is not a number: decimal digits only');
    expect(() => parseActions([], '{')).toThrow(/^Actions JSON, actions: not JSON/);
  });

  it('transfer rows still work, skipping empty rows and checking the address’s checksum and the amount', () => {
    const actions = parseActions(
      [
        { to: ` ${ALICE_SS58} `, amount: '350' },
        { to: '', amount: '' },
      ],
      ' ',
    ) as Json[];
    expect(actionsToWire(actions)).toEqual([transfer('350')]);
    expect(parseActions([{ to: '', amount: '' }], '')).toEqual([]);
    expect(() => parseActions([{ to: ALICE_SS58.replace('Grwva', 'Grwvb'), amount: '1' }], '')).toThrow('Transfer 1: the recipient: the SS58 address’s checksum does not match (mistyped?).');
    expect(() => parseActions([{ to: ALICE_SS58, amount: '1.5' }], '')).toThrow('Transfer 1: the amount: "1.5" is not a number: decimal digits only.');
  });

  it('words what every hub would refuse, before any transaction', () => {
    const of = (json: Json[], uri = '') => contentProblemText(uri, actionsFromWire(json));
    expect(of([transfer('1')])).toBeUndefined();
    expect(of([transfer('0')])).toBe('The hub would refuse this: A transfer of 0 is not allowed (ZeroTransfer).');
    expect(of([transfer('1')], 'u'.repeat(257))).toBe('The hub would refuse this: The URI is longer than 256 bytes (UriTooLong).');
    expect(of(Array(9).fill(transfer('1')))).toBe('The hub would refuse this: A proposal has at most 8 actions (InvalidActionCount).');
    expect(of([registerHuman({ weight: '0' })])).toBe('The hub would refuse this: The weight is out of range (Registry(WeightOutOfRange)).');
    const succession = { type: 'succession', successor: ALICE_SS58, code_hash: '0x' + 'c0'.repeat(32) };
    expect(of([succession])).toBeUndefined();
    expect(of([transfer('1'), succession])).toBe('The hub would refuse this: A succession must be the proposal’s only action (SuccessionNotAlone).');
    expect(of([{ ...succession, successor: '0x' + '00'.repeat(32) }])).toMatch(/^The hub would refuse this: A succession must name the successor suite’s hub.* \(InvalidSuccessor\)\.$/);
    const p = typicalParams();
    p.timelock = 0;
    expect(of([{ type: 'set_params', params: p }])).toBe('The hub would refuse this: timelock must be from 1 to 403200 blocks (ParameterOutOfBounds(Timelock)).');
  });

  it('prefills a revision in the dialect, which the form reads back unchanged', () => {
    const v = vectors.find((x) => x.name === 'revision/membership-and-writers');
    const chainShape: ActionLike[] = actionsFromWire(v.payload.actions);
    const text = JSON.stringify(actionsToWire(chainShape), null, 2);
    expect(sortKeys(JSON.parse(text))).toEqual(sortKeys(v.payload.actions));
    expect(actionsToWire(parseActions([], text))).toEqual(JSON.parse(text));
  });
});

function sortKeys(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sortKeys((x as any)[k])]));
  return x;
}
