#!/usr/bin/env python3
"""Writes the decision-log test vectors, hashed with Python's hashlib over the byte layouts of
docs/auditing.md, independently of the app's code (python3 app/tests/unit/make-log-vectors.py):

    hash = blake2b(prev_hash + SCALE(entry), digest_size=32)

log-vectors-format1.json: 21 chained format-1 entries, one per LogKind 0-20:

    SCALE(entry) = index u64 LE | kind u8 | subject u32 LE | actor 32 | payload_hash 32
                   | block u32 LE | timestamp u64 LE | prev_hash 32        (121 bytes)

log-vectors-format2.json: a chained format-2 log that starts with the doc's worked example
(entry 0, hash 101aff8f...) and holds every LogKind but Anchored (External with several codes),
every Subject variant and the writer records (authorizations with their kind sets, the admin
handover, a revocation), and ends with the Sealed entry of a succession; then the log of its
successor suite, whose entry 0 (Anchored) anchors the first log's head before the seal and
whose deployer then bootstraps it as usual. Both are replayed here by the doc's rule 6, so each
is a valid writer sequence. Plus the doc's layout example and the largest entry (184 bytes),
unchained:

    SCALE(entry) = index u64 LE | kind (u8; External: 21, then the code u16 LE)
                   | subject (u8 variant, then its fields) | actor 32 | writer 32
                   | payload_hash 32 | block u32 LE | timestamp u64 LE | prev_hash 32

Entries are written in the shape of an agora-log-export/v3 entry (kind in snake_case with
kind_index and external_code, subject as {"type": ...}), with accounts as 0x-hex (an export
has SS58), u64 fields as decimal strings, and the entry's SCALE bytes as `encoded`.
"""
import hashlib
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

KINDS = ['WriterAuthorized', 'WriterRevoked', 'AdminTransferred', 'BootstrapCompleted', 'MembershipChanged',
         'ProposalSubmitted', 'ProposalRevised', 'ProposalCancelled', 'ReviewRoundOpened', 'ReviewRoundClosed',
         'ProposalRejected', 'BallotOpened', 'BallotClosed', 'ProposalSucceeded', 'ProposalDefeated', 'ProposalQueued',
         'ProposalExecuted', 'VetoCast', 'ProposalVetoed', 'ParameterChanged', 'ReviewPassed', 'External',
         'Sealed', 'Anchored']
EXTERNAL = 21
LOG_KIND_COUNT = 24


def blake(data):
    return hashlib.blake2b(data, digest_size=32).digest()


def hx(b):
    return '0x' + b.hex()


def snake(name):
    return ''.join('_' + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))


# --- format 1 (unchanged since the vectors were first written) -------------------------------

def format1():
    prev = bytes(32)
    out = []
    for i, kind in enumerate(KINDS[:21]):
        actor = bytes((i * 7 + j) % 256 for j in range(32))
        payload = blake(bytes([i]))
        block = 1000 + 3 * i
        ts = 1_764_000_000_000 + 6000 * i
        subject = (i * 2654435761) % (2 ** 32) if i % 4 == 3 else i % 5
        entry = (struct.pack('<Q', i) + bytes([i]) + struct.pack('<I', subject) + actor + payload
                 + struct.pack('<I', block) + struct.pack('<Q', ts) + prev)
        assert len(entry) == 121
        h = blake(prev + entry)
        out.append(dict(index=str(i), kind=kind, subject=subject, actor=hx(actor), payload_hash=hx(payload),
                        block=block, timestamp=str(ts), prev_hash=hx(prev), hash=hx(h)))
        prev = h
    # docs/auditing.md "Format 1": its vector.
    doc = (struct.pack('<Q', 0) + bytes([0]) + struct.pack('<I', 0) + bytes([1] * 32) + bytes([2] * 32)
           + struct.pack('<I', 1) + struct.pack('<Q', 0) + bytes(32))
    assert blake(bytes(32) + doc).hex() == 'c2744783e7645f0244528a6048dcd5a2b6d96057296afe78d3935b38957d020d'
    note = ('21 chained format-1 entries, one per LogKind, hashed with python hashlib.blake2b(prev_hash + SCALE(entry), '
            'digest_size=32) over the 121-byte layout of docs/auditing.md ("Format 1")')
    return {'note': note, 'entries': out}


# --- format 2 ---------------------------------------------------------------------------------

def kind_set(indices):
    bits = 0
    for i in indices:
        bits |= 1 << i
    return bits


# docs/auditing.md "Kind sets": the kinds by index, and the u32 the doc prints for each.
HUB_KINDS = kind_set([3, 4, 5, 6, 7, 10] + list(range(13, 21)))
REVIEW_KINDS = kind_set([8, 9])
VOTING_KINDS = kind_set([11, 12])
EXTERNAL_KINDS = kind_set([21])
LOG_OWN_KINDS = kind_set([0, 1, 2, 22, 23])
assert (HUB_KINDS, REVIEW_KINDS, VOTING_KINDS, EXTERNAL_KINDS, LOG_OWN_KINDS) == (
    0x001fe4f8, 0x00000300, 0x00001800, 0x00200000, 0x00c00007)
assert HUB_KINDS | REVIEW_KINDS | VOTING_KINDS | EXTERNAL_KINDS | LOG_OWN_KINDS == (1 << LOG_KIND_COUNT) - 1


def kinds_payload(bits):
    return struct.pack('<I', bits) + bytes(28)


def encode_kind(kind, code):
    i = KINDS.index(kind)
    if kind == 'External':
        return bytes([i]) + struct.pack('<H', code)
    assert code is None
    return bytes([i])


# docs/auditing.md "Subject values": variant byte, then the fields.
SUBJECTS = ['suite', 'proposal', 'member', 'round', 'bid', 'mandate', 'act']


def encode_subject(s):
    tag = bytes([SUBJECTS.index(s['type'])])
    t = s['type']
    if t == 'suite':
        return tag
    if t in ('proposal', 'round', 'mandate'):
        return tag + struct.pack('<I', s['id'])
    if t == 'member':
        return tag + bytes.fromhex(s['account'][2:])
    if t == 'bid':
        return tag + struct.pack('<II', s['round'], s['bid'])
    if t == 'act':
        return tag + struct.pack('<II', s['mandate'], s['act'])
    raise ValueError(t)


def encode2(index, kind, code, subject, actor, writer, payload, block, ts, prev):
    return (struct.pack('<Q', index) + encode_kind(kind, code) + encode_subject(subject) + actor + writer + payload
            + struct.pack('<I', block) + struct.pack('<Q', ts) + prev)


def vector2(index, kind, code, subject, actor, writer, payload, block, ts, prev):
    entry = encode2(index, kind, code, subject, actor, writer, payload, block, ts, prev)
    h = blake(prev + entry)
    return dict(index=str(index), kind=snake(kind), external_code=code, kind_index=KINDS.index(kind), subject=subject,
                actor=hx(actor), writer=hx(writer), payload_hash=hx(payload), block=block, timestamp=str(ts),
                prev_hash=hx(prev), encoded=hx(entry), hash=hx(h)), h, entry


def acct(b):
    return bytes([b] * 32)


DEPLOYER, HUB, REVIEW, VOTING, OUTSIDER = acct(0x03), acct(0x01), acct(0x04), acct(0x05), acct(0xEE)
# The first suite's log, and the successor suite it hands itself over to.
LOG = acct(0x0A)
NEXT_DEPLOYER, NEXT_HUB, NEXT_REVIEW, NEXT_VOTING = acct(0x23), acct(0x21), acct(0x24), acct(0x25)
ALICE = bytes(range(0x40, 0x60))
MEMBER = {'type': 'member', 'account': hx(ALICE)}


def p(i):
    return {'type': 'proposal', 'id': i}


# (kind, external code, subject, actor, writer, payload)
CHAIN = [
    # The doc's worked example: the deployer authorizes the hub for HUB_KINDS.
    ('WriterAuthorized', None, {'type': 'suite'}, HUB, DEPLOYER, kinds_payload(HUB_KINDS)),
    ('WriterAuthorized', None, {'type': 'suite'}, REVIEW, DEPLOYER, kinds_payload(REVIEW_KINDS)),
    ('WriterAuthorized', None, {'type': 'suite'}, VOTING, DEPLOYER, kinds_payload(VOTING_KINDS)),
    ('AdminTransferred', None, {'type': 'suite'}, DEPLOYER, HUB, HUB),
    ('BootstrapCompleted', None, {'type': 'suite'}, HUB, HUB, blake(b'bootstrap')),
    ('MembershipChanged', None, MEMBER, ALICE, HUB, blake(b'member')),
    ('ProposalSubmitted', None, p(1), ALICE, HUB, blake(b'p1')),
    ('ReviewRoundOpened', None, p(1), ALICE, REVIEW, blake(b'round 1 opened')),
    ('ProposalRevised', None, p(1), ALICE, HUB, blake(b'p1 r2')),
    ('ReviewRoundClosed', None, p(1), ALICE, REVIEW, blake(b'round 1 closed')),
    ('ReviewPassed', None, p(1), ALICE, HUB, blake(b'passed')),
    ('BallotOpened', None, p(1), ALICE, VOTING, blake(b'ballot opened')),
    ('BallotClosed', None, p(1), ALICE, VOTING, blake(b'ballot closed')),
    ('ProposalSucceeded', None, p(1), ALICE, HUB, blake(b'succeeded')),
    ('ProposalQueued', None, p(1), ALICE, HUB, blake(b'queued')),
    ('VetoCast', None, p(1), ALICE, HUB, blake(b'veto')),
    ('ProposalVetoed', None, p(1), ALICE, HUB, blake(b'vetoed')),
    ('ProposalCancelled', None, p(2), ALICE, HUB, blake(b'cancelled')),
    ('ProposalRejected', None, p(3), ALICE, HUB, blake(b'rejected')),
    ('ProposalDefeated', None, p(4), ALICE, HUB, blake(b'defeated')),
    ('ProposalExecuted', None, p(0xFFFF_FFFF), ALICE, HUB, blake(b'executed')),
    ('ParameterChanged', None, p(5), ALICE, HUB, blake(b'params')),
    # Governance authorizes an outside writer for EXTERNAL_KINDS (the hub is the admin now).
    ('WriterAuthorized', None, {'type': 'suite'}, OUTSIDER, HUB, kinds_payload(EXTERNAL_KINDS)),
    ('External', 0, {'type': 'round', 'id': 1}, ALICE, OUTSIDER, blake(b'ext 0')),
    ('External', 0x0102, {'type': 'bid', 'round': 1, 'bid': 2}, ALICE, OUTSIDER, blake(b'ext 0102')),
    ('External', 0xFFFF, {'type': 'mandate', 'id': 0xFFFF_FFFF}, ALICE, OUTSIDER, blake(b'ext ffff')),
    ('External', 7, {'type': 'act', 'mandate': 3, 'act': 0x0A0B0C0D}, ALICE, OUTSIDER, blake(b'ext 7')),
    ('External', 9, MEMBER, ALICE, OUTSIDER, blake(b'ext 9')),
    ('WriterRevoked', None, {'type': 'suite'}, OUTSIDER, HUB, bytes(32)),
    # A succession (proposal 6) executes: the log seals itself, naming the successor's hub.
    ('Sealed', None, {'type': 'suite'}, NEXT_HUB, HUB, None),
]

# The Sealed entry's payload: agora-types' sealed_payload(proposal, successor_code_hash, amount)
# = blake2_256(SCALE((u32, [u8; 32], u128))).
SUCCESSION = {'proposal': 6, 'code_hash': acct(0xC0), 'amount': 1_234_567_890_123_456_789_012}


def sealed_payload(proposal, code_hash, amount):
    return blake(struct.pack('<I', proposal) + code_hash + amount.to_bytes(16, 'little'))


CHAIN[-1] = CHAIN[-1][:5] + (sealed_payload(**SUCCESSION),)


def successor_chain(anchored_head):
    """The successor suite's log: the anchor (written by its constructor `succeeding(LOG)`,
    with the deployer as writer and first admin), then the deployer's usual bootstrap."""
    return [
        ('Anchored', None, {'type': 'suite'}, LOG, NEXT_DEPLOYER, anchored_head),
        ('WriterAuthorized', None, {'type': 'suite'}, NEXT_HUB, NEXT_DEPLOYER, kinds_payload(HUB_KINDS)),
        ('WriterAuthorized', None, {'type': 'suite'}, NEXT_REVIEW, NEXT_DEPLOYER, kinds_payload(REVIEW_KINDS)),
        ('WriterAuthorized', None, {'type': 'suite'}, NEXT_VOTING, NEXT_DEPLOYER, kinds_payload(VOTING_KINDS)),
        ('AdminTransferred', None, {'type': 'suite'}, NEXT_DEPLOYER, NEXT_HUB, NEXT_HUB),
        ('BootstrapCompleted', None, {'type': 'suite'}, NEXT_HUB, NEXT_HUB, blake(b'next bootstrap')),
    ]


def replay_writers(entries):
    """docs/auditing.md rule 6, as "Verifying by hand" step 5 describes it."""
    admin, writers, sealed = None, {}, False
    for index, (kind, _code, subject, actor, writer, payload) in enumerate(entries):
        assert not sealed, 'an entry after the seal'
        if kind == 'Anchored':
            assert index == 0 and subject == {'type': 'suite'} and admin is None, 'bad anchor'
            admin = writer
        elif kind == 'Sealed':
            admin = admin or writer
            assert writer == admin, 'seal not by the admin'
            assert subject == {'type': 'suite'}, 'bad seal'
            sealed = True
        elif kind in ('WriterAuthorized', 'WriterRevoked'):
            admin = admin or writer
            assert writer == admin, 'writer record not by the admin'
            if kind == 'WriterAuthorized':
                assert payload[4:] == bytes(28) and actor not in writers
                bits = struct.unpack('<I', payload[:4])[0]
                assert bits and bits >> LOG_KIND_COUNT == 0 and not bits & LOG_OWN_KINDS
                writers[actor] = bits
            else:
                assert writers.pop(actor, None) is not None
        elif kind == 'AdminTransferred':
            admin = admin or actor
            assert writer == payload and actor == admin, 'bad handover'
            admin = payload
        else:
            assert writers[writer] >> KINDS.index(kind) & 1, f'{kind} not allowed to its writer'


def format2():
    replay_writers(CHAIN)
    assert {k for k, *_ in CHAIN} == set(KINDS) - {'Anchored'}, 'every kind but the anchor'
    assert {s['type'] for _, _, s, *_ in CHAIN} == set(SUBJECTS), 'every subject'
    prev = bytes(32)
    out = []
    for i, (kind, code, subject, actor, writer, payload) in enumerate(CHAIN):
        block = 1 if i == 0 else 1000 + 3 * i
        ts = 0 if i == 0 else 1_764_000_000_000 + 6000 * i
        if i == len(CHAIN) - 1:
            block, ts = 0xFFFF_FFFF, 2 ** 63 + 5  # past 2^53: kept exact
        v, prev, entry = vector2(i, kind, code, subject, actor, writer, payload, block, ts, prev)
        out.append(v)
    # The successor's log was deployed before the succession executed: it anchors the head
    # before the seal.
    anchor = {'log': hx(LOG), 'len': str(len(out) - 1), 'head': out[-2]['hash']}
    chain = successor_chain(bytes.fromhex(anchor['head'][2:]))
    replay_writers(chain)
    succ_prev = bytes(32)
    succ = []
    for i, (kind, code, subject, actor, writer, payload) in enumerate(chain):
        v, succ_prev, _ = vector2(i, kind, code, subject, actor, writer, payload, 5000 + i, 1_765_000_000_000 + 6000 * i,
                                  succ_prev)
        succ.append(v)
    assert {k for k, *_ in CHAIN + chain} == set(KINDS), 'every kind'
    # docs/auditing.md "Worked example".
    assert len(bytes.fromhex(out[0]['encoded'][2:])) == 150
    assert out[0]['hash'] == '0x101aff8facb121c9478e36592b40c69db2f7d16212da31b2fd4df7f15069faf5'
    # docs/auditing.md: "an entry about proposal 7 of kind BallotClosed has kind = 0c and subject = 01 07 00 00 00"
    # (agora-types' entry_layout_is_the_documented_one).
    layout, _, enc = vector2(0x0102, 'BallotClosed', None, p(7), acct(0x11), acct(0x44), acct(0x22), 0x0A0B, 0x0C0D,
                             acct(0x33))
    assert enc[8:14] == bytes([0x0c, 0x01, 0x07, 0, 0, 0]) and len(enc) == 154
    # The largest entry (MAX_LOG_ENTRY_ENCODED_LEN): an External kind about a member.
    largest, _, enc = vector2(2 ** 64 - 1, 'External', 0xFFFF, {'type': 'member', 'account': hx(acct(0xFF))},
                              acct(0xFE), acct(0xFD), acct(0xFC), 0xFFFF_FFFF, 2 ** 64 - 1, acct(0xFB))
    assert len(enc) == 184
    # "an External(0x0102) kind is 15 02 01"
    assert encode_kind('External', 0x0102) == bytes([0x15, 0x02, 0x01])
    note = (f'{len(out)} chained format-2 entries (entry 0 is the worked example of docs/auditing.md, hash 101aff8f...), '
            'every LogKind but Anchored, every Subject and the writer records, ending with a Sealed entry, a valid writer '
            f'sequence by rule 6; the {len(succ)} entries of the successor suite\'s log, from its Anchored entry 0 '
            '(`succession`); plus the layout example and the largest entry, unchained. Hashed with python '
            'hashlib.blake2b(prev_hash + SCALE(entry), digest_size=32) over the format-2 layout of docs/auditing.md')
    return {
        'note': note,
        'kind_sets': {'HUB_KINDS': HUB_KINDS, 'REVIEW_KINDS': REVIEW_KINDS, 'VOTING_KINDS': VOTING_KINDS,
                      'EXTERNAL_KINDS': EXTERNAL_KINDS, 'LOG_OWN_KINDS': LOG_OWN_KINDS},
        'head': {'len': len(out), 'hash': out[-1]['hash']},
        'entries': out,
        'succession': {
            'note': ('the last entry above seals the log for the successor suite whose log follows: its entry 0 '
                     '(Anchored, actor the first log) anchors the first log at `anchor` (its head before the seal); '
                     'the seal\'s payload is sealed_payload(proposal, code_hash, amount)'),
            'proposal': SUCCESSION['proposal'],
            'code_hash': hx(SUCCESSION['code_hash']),
            'amount': str(SUCCESSION['amount']),
            'sealed_payload': hx(sealed_payload(**SUCCESSION)),
            'anchor': anchor,
            'head': {'len': len(succ), 'hash': succ[-1]['hash']},
            'entries': succ,
        },
        'unchained': {'layout': layout, 'largest': largest},
    }


for name, doc in (('log-vectors-format1.json', format1()), ('log-vectors-format2.json', format2())):
    with open(os.path.join(HERE, name), 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
