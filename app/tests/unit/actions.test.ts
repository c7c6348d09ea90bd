// The proposal page's one-line sentences for actions (src/ui/actions.ts), for every action type
// of the JSON dialect, as the bindings hold them.
import { describe, expect, it } from 'vitest';
import fixture from '../../../e2e-tests/fixtures/signing-vectors.json';
import { actionText } from '../../src/ui/actions';
import { ACTION_TYPES, actionFromWire } from '../../src/lib/wire';
import { jsonText } from '../../src/lib/format';

const everyAction: any[] = (fixture.vectors as any[]).flatMap((v) => (Array.isArray(v.payload.actions) ? v.payload.actions : []));

describe('actions as sentences', () => {
  it('has a sentence for every action type of the vectors, none the JSON fallback', () => {
    expect(new Set(everyAction.map((a) => a.type))).toEqual(new Set(ACTION_TYPES));
    for (const wire of everyAction) {
      const binding = actionFromWire(wire);
      const text = actionText(binding);
      expect(text, wire.type).not.toBe(jsonText(binding));
      expect(text.length, wire.type).toBeGreaterThan(10);
    }
  });

  it('says what a succession does, with the code hash in full (members compare it with the successor’s release)', () => {
    const successor = '5E9ohXAEDrJPLp6g7Xj23FaP6km4FynrtzbPMQvgRghwrjr8';
    const codeHash = '0x' + 'c0'.repeat(32);
    const text = actionText(actionFromWire({ type: 'succession', successor, code_hash: codeHash }));
    expect(text).toBe(
      `Hand the suite on to the hub 5E9ohX…rjr8, running code ${codeHash}: the whole treasury goes to it, the log is sealed and this hub retires`,
    );
    // As decoded from the chain, the code hash may be bytes.
    const bytes = actionText({ type: 'Succession', value: [successor, Uint8Array.from(Array(32).fill(0xc0))] });
    expect(bytes).toBe(text);
  });

  it('words the other actions as before', () => {
    expect(actionText(actionFromWire({ type: 'transfer', to: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', amount: '1000000' }))).toBe(
      'Transfer 1\u202f000\u202f000 to 5Grwva…utQY',
    );
    expect(actionText(actionFromWire({ type: 'authorize_writer', writer: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY' }))).toBe('Authorize Writer 5Grwva…utQY');
  });
});
