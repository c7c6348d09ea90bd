import { describe, expect, it } from 'vitest';
import {
  ChainVerifier, GENESIS_HASH, LOG_KINDS, encodeEntry, entryHash, exportJson, importJson, reportText,
  verifyHashedChain, type HashedEntry, type LogEntry,
} from '../../src/lib/log';
import vectors from './log-vectors.json';
import chainLog from './chain-log.json';

const fill = (b: number) => '0x' + b.toString(16).padStart(2, '0').repeat(32);

// docs/auditing.md "Worked example", checked by agora-types' genesis_entry_hash_vector.
const genesis: LogEntry = {
  index: 0n, kind: 'WriterAuthorized', subject: 0, actor: fill(1), payloadHash: fill(2), block: 1, timestamp: 0n, prevHash: GENESIS_HASH,
};

function chain(n: number): HashedEntry[] {
  const out: HashedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const entry: LogEntry = {
      index: BigInt(i), kind: LOG_KINDS[i % LOG_KINDS.length], subject: i % 3, actor: fill(i), payloadHash: fill(0xa0 ^ i),
      block: 10 + i, timestamp: 1_700_000_000_000n + BigInt(i), prevHash: prev,
    };
    prev = entryHash(entry);
    out.push({ entry, hash: prev });
  }
  return out;
}

describe('log entry hash rule', () => {
  it('encodes an entry to the 121-byte layout of docs/auditing.md', () => {
    const b = encodeEntry(genesis);
    expect(b.length).toBe(121);
    expect(b[8]).toBe(0);
    expect(b[13]).toBe(1);
    expect(b[45]).toBe(2);
    expect(Array.from(b.slice(77, 81))).toEqual([1, 0, 0, 0]);
  });

  it('matches the Rust test vector (genesis_entry_hash_vector)', () => {
    expect(entryHash(genesis)).toBe('0xc2744783e7645f0244528a6048dcd5a2b6d96057296afe78d3935b38957d020d');
  });

  it('matches independently computed vectors (python hashlib.blake2b, see log-vectors.json)', () => {
    for (const v of vectors.entries) {
      const e: LogEntry = {
        index: BigInt(v.index), kind: v.kind as LogEntry['kind'], subject: v.subject, actor: v.actor, payloadHash: v.payload_hash,
        block: v.block, timestamp: BigInt(v.timestamp), prevHash: v.prev_hash,
      };
      expect(entryHash(e), `entry ${v.index}`).toBe(v.hash);
    }
  });

  it('reproduces every hash a deployed decision log stored (computed by the contract, chain-log.json)', () => {
    const { entries, head } = importJson(JSON.stringify(chainLog));
    for (const { entry, hash } of entries) expect(entryHash(entry), `entry ${entry.index}`).toBe(hash);
    const r = verifyHashedChain(entries, head);
    expect(r.ok).toBe(true);
    expect(reportText(r)).toBe(`chain verified up to entry ${entries.length - 1}, head ${chainLog.head.hash}`);
  });

  it('knows every LogKind of agora-types in index order, ReviewPassed last (20)', () => {
    expect(LOG_KINDS.length).toBe(21);
    expect(LOG_KINDS[19]).toBe('ParameterChanged');
    expect(LOG_KINDS[20]).toBe('ReviewPassed');
  });
});

describe('chain verification', () => {
  const c = chain(12);
  const head: [bigint, string] = [12n, c[11].hash];

  it('verifies an intact chain against its head', () => {
    const r = verifyHashedChain(c, head);
    expect(r.ok).toBe(true);
    expect(reportText(r)).toBe(`chain verified up to entry 11, head ${c[11].hash}`);
  });

  it('names an altered entry (stored hash no longer matches)', () => {
    const bad = structuredClone(c);
    bad[5].entry.block += 1;
    expect(verifyHashedChain(bad, head).error).toEqual({ index: 5n, failure: 'WrongHash' });
    expect(reportText(verifyHashedChain(bad, head))).toBe('verification failed at entry 5: stored hash is not the hash of its content');
  });

  it('finds a broken link, a wrong index, a missing and an extra entry, a head mismatch', () => {
    const link = structuredClone(c);
    link[3].entry.prevHash = fill(9);
    expect(verifyHashedChain(link, head).error).toEqual({ index: 3n, failure: 'BrokenLink' });
    const idx = structuredClone(c);
    idx[4].entry.index = 7n;
    expect(verifyHashedChain(idx, head).error).toEqual({ index: 4n, failure: 'WrongIndex' });
    expect(verifyHashedChain(c.slice(0, 10), head).error).toEqual({ index: 10n, failure: 'Missing' });
    expect(verifyHashedChain(c, [11n, c[10].hash]).error).toEqual({ index: 11n, failure: 'Unexpected' });
    expect(verifyHashedChain(c, [12n, fill(7)]).error).toEqual({ index: 11n, failure: 'HeadMismatch' });
  });

  it('resumes from a checked head', () => {
    const v = new ChainVerifier(6n, c[5].hash);
    for (const x of c.slice(6)) expect(v.push(x.entry, x.hash)).toBe(x.hash);
    expect(v.finish(head)).toBeNull();
  });

  it('treats an empty log as the genesis head', () => {
    expect(verifyHashedChain([], [0n, GENESIS_HASH]).ok).toBe(true);
    expect(reportText(verifyHashedChain([], [0n, GENESIS_HASH]))).toContain('empty log');
  });

  it("exports the CLI's JSON format, which imports back and still verifies", () => {
    const text = exportJson(c, head, { network: 'local' });
    const j = JSON.parse(text);
    expect(j.format).toBe('agora-log-export/v2');
    expect(j.head.len).toBe(12);
    expect(j.entries[1]).toMatchObject({ index: 1, kind: 'writer_revoked', kind_index: 1, timestamp: 1_700_000_000_001 });
    expect(j.entries[1].actor).toMatch(/^5/);
    const back = importJson(text);
    expect(back.head).toEqual(head);
    expect(back.entries).toEqual(c);
    expect(verifyHashedChain(back.entries, back.head).ok).toBe(true);
  });

  it('refuses an export of another format, an unknown kind, or a kind its index contradicts', () => {
    const doc = JSON.parse(exportJson(c, head));
    expect(() => importJson(JSON.stringify({ ...doc, format: 'agora-log-export/v1' }))).toThrow('expected format "agora-log-export/v2"');
    const camel = structuredClone(doc);
    camel.entries[1].kind = 'WriterRevoked';
    expect(() => importJson(JSON.stringify(camel))).toThrow('unknown log kind "WriterRevoked"');
    const contradicted = structuredClone(doc);
    contradicted.entries[1].kind_index = 0;
    expect(() => importJson(JSON.stringify(contradicted))).toThrow('entry 1: kind "writer_revoked" and kind_index 0 name different kinds');
  });

  it('keeps integers past 2^53 exact in the export', () => {
    const big = [{ ...c[0], entry: { ...c[0].entry, timestamp: 2n ** 60n + 1n } }];
    const text = exportJson(big, [1n, c[0].hash]);
    expect(text).toContain(`"timestamp": ${2n ** 60n + 1n}`);
    expect(importJson(text).entries[0].entry.timestamp).toBe(2n ** 60n + 1n);
  });
});
