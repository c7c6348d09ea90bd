#!/usr/bin/env python3
"""Writes log-vectors.json: 21 chained decision-log entries, one per LogKind, hashed with
Python's hashlib over the byte layout of docs/auditing.md, independently of the app's code:

    hash = blake2b(prev_hash + SCALE(entry), digest_size=32)
    SCALE(entry) = index u64 LE | kind u8 | subject u32 LE | actor 32 | payload_hash 32
                   | block u32 LE | timestamp u64 LE | prev_hash 32        (121 bytes)
"""
import hashlib
import json
import os
import struct

KINDS = ['WriterAuthorized', 'WriterRevoked', 'AdminTransferred', 'BootstrapCompleted', 'MembershipChanged',
         'ProposalSubmitted', 'ProposalRevised', 'ProposalCancelled', 'ReviewRoundOpened', 'ReviewRoundClosed',
         'ProposalRejected', 'BallotOpened', 'BallotClosed', 'ProposalSucceeded', 'ProposalDefeated', 'ProposalQueued',
         'ProposalExecuted', 'VetoCast', 'ProposalVetoed', 'ParameterChanged', 'ReviewPassed']

prev = bytes(32)
out = []
for i, kind in enumerate(KINDS):
    actor = bytes((i * 7 + j) % 256 for j in range(32))
    payload = hashlib.blake2b(bytes([i]), digest_size=32).digest()
    block = 1000 + 3 * i
    ts = 1_764_000_000_000 + 6000 * i
    subject = (i * 2654435761) % (2 ** 32) if i % 4 == 3 else i % 5
    entry = (struct.pack('<Q', i) + bytes([i]) + struct.pack('<I', subject) + actor + payload
             + struct.pack('<I', block) + struct.pack('<Q', ts) + prev)
    assert len(entry) == 121
    h = hashlib.blake2b(prev + entry, digest_size=32).digest()
    out.append(dict(index=str(i), kind=kind, subject=subject, actor='0x' + actor.hex(), payload_hash='0x' + payload.hex(),
                    block=block, timestamp=str(ts), prev_hash='0x' + prev.hex(), hash='0x' + h.hex()))
    prev = h

note = ('21 chained entries, one per LogKind, hashed with python hashlib.blake2b(prev_hash + SCALE(entry), '
        'digest_size=32) over the layout of docs/auditing.md')
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'log-vectors.json'), 'w') as f:
    json.dump({'note': note, 'entries': out}, f, indent=1)
