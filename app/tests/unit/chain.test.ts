// chain.ts reads format-2 entries through the generated bindings: these tests check its
// conversions against what dedot's own codec makes of format-2 bytes. The codec is built from
// the bundled decision_log metadata with its log types changed to format 2 (LogKind gains
// External(u16), LogEntry gains writer and a Subject enum), as the rebuilt contract's
// metadata will have them, so the conversions are checked before `npm run typegen`.
import { describe, expect, it } from 'vitest';
import { TypinkRegistry } from '@dedot/contracts';
import { AccountId32 } from 'dedot/codecs';
import { kindFromDedot, selectorOf, subjectFromDedot, subjectToDedot, toHashedEntry } from '../../src/lib/chain';
import { LOG_KINDS, encodeEntryV2, encodeSubject, type HashedEntry, type LogEntryV2, type Subject } from '../../src/lib/log';
import { bytesToHex, hexToBytes } from '../../src/lib/hex';
import decisionLogMeta from '../../src/contracts/metadata/decision_log.json';
import vectors2 from './log-vectors-format2.json';

const meta: any = structuredClone(decisionLogMeta);
const typeOf = (path: string) => {
  const t = meta.types.find((t: any) => (t.type.path ?? []).join('::') === path);
  if (!t) throw new Error(`no type ${path} in the metadata`);
  return t;
};
const primitive = (name: string) => meta.types.find((t: any) => t.type.def.primitive === name)?.id;
const ids = {
  account: typeOf('ink_primitives::types::AccountId').id,
  hash: typeOf('agora_types::log::HashedEntry').type.def.composite.fields[1].type,
  u32: primitive('u32'),
  u16: 1_000_000,
  subject: 1_000_001,
  entries: 1_000_002,
};
meta.types.push(
  { id: ids.u16, type: { def: { primitive: 'u16' } } },
  {
    id: ids.subject,
    type: {
      path: ['agora_types', 'log', 'Subject'],
      def: {
        variant: {
          variants: [
            { index: 0, name: 'Suite' },
            { index: 1, name: 'Proposal', fields: [{ type: ids.u32, typeName: 'ProposalId' }] },
            { index: 2, name: 'Member', fields: [{ type: ids.account, typeName: 'AccountId' }] },
            { index: 3, name: 'Round', fields: [{ type: ids.u32, typeName: 'AllocationRoundId' }] },
            { index: 4, name: 'Bid', fields: [{ name: 'round', type: ids.u32, typeName: 'AllocationRoundId' }, { name: 'bid', type: ids.u32, typeName: 'BidId' }] },
            { index: 5, name: 'Mandate', fields: [{ type: ids.u32, typeName: 'MandateId' }] },
            { index: 6, name: 'Act', fields: [{ name: 'mandate', type: ids.u32, typeName: 'MandateId' }, { name: 'act', type: ids.u32, typeName: 'ActId' }] },
          ],
        },
      },
    },
  },
  { id: ids.entries, type: { def: { sequence: { type: typeOf('agora_types::log::HashedEntry').id } } } },
);
const kindType = typeOf('agora_types::log::LogKind');
kindType.type.def.variant.variants.push({ index: 21, name: 'External', fields: [{ type: ids.u16, typeName: 'u16' }] });
const entryFields = typeOf('agora_types::log::LogEntry').type.def.composite.fields;
entryFields.find((f: any) => f.name === 'subject').type = ids.subject;
entryFields.splice(entryFields.findIndex((f: any) => f.name === 'actor') + 1, 0, { name: 'writer', type: ids.account, typeName: 'AccountId' });

const registry = new TypinkRegistry(meta);
const codec = (id: number) => registry.findCodec<any, any>(id);

function fromVector(v: (typeof vectors2.entries)[number]): LogEntryV2 {
  return {
    format: 2, index: BigInt(v.index), kind: LOG_KINDS[v.kind_index], externalCode: v.external_code, subject: v.subject as Subject, actor: v.actor,
    writer: v.writer, payloadHash: v.payload_hash, block: v.block, timestamp: BigInt(v.timestamp), prevHash: v.prev_hash,
  };
}

describe("format-2 entries as dedot decodes them (the generated bindings' shapes)", () => {
  it('decodes kinds as { type } objects, External with its code as value', () => {
    const kind = codec(kindType.id);
    expect(kind.tryDecode(Uint8Array.of(12))).toEqual({ type: 'BallotClosed' });
    expect(kind.tryDecode(Uint8Array.of(21, 2, 1))).toEqual({ type: 'External', value: 0x0102 });
    expect(kindFromDedot(kind.tryDecode(Uint8Array.of(21, 2, 1)))).toEqual({ kind: 'External', externalCode: 0x0102 });
    expect(kindFromDedot(kind.tryDecode(Uint8Array.of(0)))).toEqual({ kind: 'WriterAuthorized', externalCode: null });
    // A format-1 binding's plain strings are read too.
    expect(kindFromDedot('ReviewPassed' as any)).toEqual({ kind: 'ReviewPassed', externalCode: null });
  });

  it('decodes and encodes every subject variant', () => {
    const subject = codec(ids.subject);
    const cases: Subject[] = [
      { type: 'suite' }, { type: 'proposal', id: 7 }, { type: 'member', account: '0x' + '09'.repeat(32) }, { type: 'round', id: 3 },
      { type: 'bid', round: 1, bid: 2 }, { type: 'mandate', id: 0xffffffff }, { type: 'act', mandate: 4, act: 5 },
    ];
    for (const s of cases) {
      const decoded = subject.tryDecode(encodeSubject(s));
      expect(subjectFromDedot(decoded), s.type).toEqual(s);
      expect(bytesToHex(subject.tryEncode(subjectToDedot(s))), s.type).toBe(bytesToHex(encodeSubject(s)));
    }
    // dedot drops the names of an ink enum variant's fields: struct variants are tuples.
    expect(subject.tryDecode(encodeSubject({ type: 'bid', round: 1, bid: 2 }))).toEqual({ type: 'Bid', value: [1, 2] });
    expect(subject.tryDecode(encodeSubject({ type: 'act', mandate: 3, act: 4 }))).toEqual({ type: 'Act', value: [3, 4] });
    // The named form, should a later dedot keep the names, is read too.
    expect(subjectFromDedot({ type: 'Bid', value: { round: 1, bid: 2 } } as any)).toEqual({ type: 'bid', round: 1, bid: 2 });
    expect(subject.tryDecode(encodeSubject({ type: 'proposal', id: 7 }))).toEqual({ type: 'Proposal', value: 7 });
    expect(subject.tryDecode(Uint8Array.of(0))).toEqual({ type: 'Suite' });
    const member = subject.tryDecode(encodeSubject({ type: 'member', account: '0x' + '09'.repeat(32) }));
    expect(member.type).toBe('Member');
    expect(member.value).toBeInstanceOf(AccountId32);
  });

  it('turns every decoded vector entry into the verifier’s entry, which hashes as python did', () => {
    const page: Uint8Array[] = [Uint8Array.of(vectors2.entries.length << 2)];
    for (const v of vectors2.entries) page.push(hexToBytes(v.encoded), hexToBytes(v.hash));
    const bytes = Uint8Array.from(page.flatMap((p) => Array.from(p)));
    const decoded = codec(ids.entries).tryDecode(bytes) as any[];
    const entries: HashedEntry<LogEntryV2>[] = decoded.map(toHashedEntry);
    expect(entries).toEqual(vectors2.entries.map((v) => ({ entry: fromVector(v), hash: v.hash })));
    for (const { entry } of entries) expect(bytesToHex(encodeEntryV2(entry))).toBe(vectors2.entries[Number(entry.index)].encoded);
  });

  it('computes the selectors ink gives the log messages', () => {
    const selector = (label: string) => meta.spec.messages.find((m: any) => m.label === label).selector;
    for (const label of ['entries', 'entries_for', 'subject_len', 'entry', 'DecisionLog::head']) expect(bytesToHex(selectorOf(label))).toBe(selector(label));
    expect(bytesToHex(selectorOf('DecisionLog::format_version'))).toBe('0x92cbc31d');
  });
});
