#!/usr/bin/env python3
"""Reference signer for Agora's signed submissions (docs/signing.md), independent of the Rust code.

It has its own SCALE encoder for the four payload kinds (bind-key, vote, proposal, revision)
and every `Action` variant (Transfer, the membership and parameter actions, Call),
hashes with the standard library's BLAKE2b (32-byte digest) and signs with secp256k1 through
`coincurve` (RFC 6979, low-S, 65 bytes r || s || v with v in {0, 1}). Every signature is also
recomputed by a small pure-Python secp256k1 (RFC 6979 + ECDSA below), so the result does not
rest on one library.

    python3 agora_signer.py check-vectors e2e-tests/fixtures/signing-vectors.json
    python3 agora_signer.py sign request.json --secret-key-file key.hex   # or AGORA_SECRET_KEY

A sign request is JSON of the fixture's vector shape: {"kind": "vote", "payload": {...}} (and
optionally "secret_key"), the payload in the wire dialect (docs/signing.md, "JSON dialect";
schemas/wire/): accounts in SS58 (or 0x and 64 hex digits), other bytes 0x and lowercase hex,
u64/u128 as decimal strings, actions tagged {"type": "transfer", ...}. It refuses what the
dialect refuses and what every hub would refuse (check_content_shape), and prints the envelope
agora relay takes: kind, payload (echoed as given), scale, hash, signature, signer. As a
library: `sign_payload(kind, payload, secret)` returns the same dict.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import sys
from typing import Any, Callable

# --------------------------------------------------------------------------------------------
# SCALE (parity-scale-codec) encoding of the types the payloads use
# --------------------------------------------------------------------------------------------


def compact(n: int) -> bytes:
    """SCALE compact encoding of a non-negative integer."""
    if n < 0:
        raise ValueError(f"compact of a negative number {n}")
    if n < 1 << 6:
        return bytes([n << 2])
    if n < 1 << 14:
        return ((n << 2) | 0b01).to_bytes(2, "little")
    if n < 1 << 30:
        return ((n << 2) | 0b10).to_bytes(4, "little")
    body = n.to_bytes((n.bit_length() + 7) // 8, "little")
    if len(body) > 67:
        raise ValueError("compact integer too large")
    return bytes([((len(body) - 4) << 2) | 0b11]) + body


# Every codec below takes a JSON value of the dialect and returns (SCALE bytes, the value in
# canonical form: what the Rust types write for it). A value the dialect refuses raises
# ValueError. Signing prints the canonical payload, and an envelope whose payload is not
# canonical is refused (NotCanonical), as agora_types::wire::read_envelope does.
Codec = Callable[[Any], "tuple[bytes, Any]"]


def uint(bits: int) -> Codec:
    """Fixed-width little-endian unsigned integer. u8/u16/u32 are JSON integers only; u64 and
    u128 are decimal strings (JSON integers are read too, in files people write), written back
    as decimal strings."""

    def enc(value: Any) -> tuple[bytes, Any]:
        if bits <= 32:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"expected a JSON integer for a u{bits}, got {value!r}")
            n = value
        else:
            n = as_int(value)
        if not 0 <= n < 1 << bits:
            raise ValueError(f"{n} does not fit u{bits}")
        return n.to_bytes(bits // 8, "little"), (n if bits <= 32 else str(n))

    return enc


def fixed_bytes(length: int) -> Codec:
    """[u8; N] (hashes, keys, signatures, selectors): the raw bytes, no length prefix."""

    def enc(value: Any) -> tuple[bytes, Any]:
        raw = unhex(value)
        if len(raw) != length:
            raise ValueError(f"expected {length} bytes, got {len(raw)}")
        return raw, "0x" + raw.hex()

    return enc


B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58decode(text: str) -> bytes:
    n = 0
    for ch in text:
        index = B58_ALPHABET.find(ch)
        if index < 0:
            raise ValueError(f"not base58: {text!r}")
        n = n * 58 + index
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    zeros = len(text) - len(text.lstrip("1"))
    return b"\x00" * zeros + body


def b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, rem = divmod(n, 58)
        out = B58_ALPHABET[rem] + out
    return "1" * (len(data) - len(data.lstrip(b"\x00"))) + out


def ss58_checksum(data: bytes) -> bytes:
    return hashlib.blake2b(b"SS58PRE" + data, digest_size=64).digest()[:2]


def ss58_decode(text: str) -> bytes:
    """The 32-byte account of an SS58 address of any network prefix, checksum checked."""
    data = b58decode(text)
    if not data:
        raise ValueError(f"not an SS58 address: {text!r}")
    prefix_len = 1 if data[0] < 64 else 2 if data[0] < 128 else 0
    if prefix_len == 0 or len(data) != prefix_len + 32 + 2:
        raise ValueError(f"not an SS58 address of a 32-byte account: {text!r}")
    body, checksum = data[:-2], data[-2:]
    if ss58_checksum(body) != checksum:
        raise ValueError(f"the SS58 address's checksum does not match (mistyped?): {text!r}")
    return body[prefix_len:]


def ss58_encode(account: bytes, prefix: int = 42) -> str:
    """SS58 with a one-byte prefix (the dialect writes 42, the generic substrate prefix)."""
    if not 0 <= prefix < 64 or len(account) != 32:
        raise ValueError("ss58_encode: a one-byte prefix and a 32-byte account")
    body = bytes([prefix]) + account
    return b58encode(body + ss58_checksum(body))


def account(value: Any) -> tuple[bytes, Any]:
    """AccountId: SS58 (any prefix, checksum checked) or 0x and 64 lowercase hex digits;
    written as SS58 with prefix 42."""
    if isinstance(value, str) and not value.startswith("0x"):
        raw = ss58_decode(value)
    else:
        raw = fixed_bytes(32)(value)[0]
    return raw, ss58_encode(raw)


def string(value: Any) -> tuple[bytes, Any]:
    """String: compact byte length, then the UTF-8 bytes."""
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    raw = value.encode("utf-8")
    return compact(len(raw)) + raw, value


def boolean(value: Any) -> tuple[bytes, Any]:
    """bool: one byte, 0x00 for false, 0x01 for true."""
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return (b"\x01" if value else b"\x00"), value


def byte_vec(value: Any) -> tuple[bytes, Any]:
    """Vec<u8> (a call's input), given as 0x-hex: compact byte count, then the bytes."""
    raw = unhex(value)
    return compact(len(raw)) + raw, "0x" + raw.hex()


def option(inner: Codec) -> Codec:
    """Option<T>, given as null or the value: 0x00 for None, 0x01 then T for Some."""

    def enc(value: Any) -> tuple[bytes, Any]:
        if value is None:
            return b"\x00", None
        raw, canon = inner(value)
        return b"\x01" + raw, canon

    return enc


def vec(inner: Codec) -> Codec:
    """Vec<T>: compact element count, then each element."""

    def enc(values: Any) -> tuple[bytes, Any]:
        if not isinstance(values, list):
            raise ValueError(f"expected a list, got {values!r}")
        parts = [inner(v) for v in values]
        return compact(len(values)) + b"".join(p[0] for p in parts), [p[1] for p in parts]

    return enc


def unit_enum(variants: list[str]) -> Codec:
    """An enum without data, given as its snake_case name: one byte, the variant's index."""

    def enc(value: Any) -> tuple[bytes, Any]:
        if not isinstance(value, str) or value not in variants:
            raise ValueError(f"expected one of {variants}, got {value!r}")
        return bytes([variants.index(value)]), value

    return enc


def data_enum(variants: dict[str, tuple[int, list[tuple[str, Codec]]]]) -> Codec:
    """An enum with data, as JSON {"type": variant, field: value, ...}: one byte index, then fields."""

    def enc(value: Any) -> tuple[bytes, Any]:
        if not isinstance(value, dict) or not isinstance(value.get("type"), str):
            raise ValueError(f"expected {{\"type\": variant, ...fields}}, got {value!r}")
        name = value["type"]
        if name not in variants:
            raise ValueError(f"unknown variant {name!r} (known: {sorted(variants)})")
        index, layout = variants[name]
        fields = {k: v for k, v in value.items() if k != "type"}
        raw, canon = struct(layout, fields, name)
        return bytes([index]) + raw, {"type": name, **canon}

    return enc


def nested(layout: list[tuple[str, Codec]], what: str) -> Codec:
    """A struct inside a payload (a profile, parameters, rules), given as a JSON object."""

    def enc(value: Any) -> tuple[bytes, Any]:
        return struct(layout, value, what)

    return enc


def struct(layout: list[tuple[str, Codec]], obj: Any, what: str) -> tuple[bytes, dict]:
    """A struct: its fields' encodings concatenated in declaration order, nothing else; every
    field present, no others."""
    if not isinstance(obj, dict):
        raise ValueError(f"{what}: expected an object")
    names = [n for n, _ in layout]
    if sorted(obj) != sorted(names):
        raise ValueError(f"{what}: fields {sorted(obj)} != expected {sorted(names)}")
    out, canon = b"", {}
    for name, enc in layout:
        try:
            raw, canon[name] = enc(obj[name])
        except ValueError as e:
            raise ValueError(f"{what}.{name}: {e}") from None
        out += raw
    return out, canon


def as_int(value: Any) -> int:
    """A u64 or u128: a decimal string of digits only, without leading zeros, or a JSON
    integer. Fractions, signs, spaces, 1e3 and "007" are refused."""
    if isinstance(value, bool):
        raise ValueError(f"expected an integer, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value and all("0" <= c <= "9" for c in value):
        if len(value) > 1 and value[0] == "0":
            raise ValueError(f"a number without leading zeros, got {value!r}")
        return int(value)
    raise ValueError(f"expected an integer or a string of decimal digits, got {value!r}")


CHAIN_TAG_PREFIX = "agora/"
CHAIN_TAG_GENESIS_BYTES = 8


def derived_chain_tag(genesis_hash: bytes) -> str:
    """The chain tag a deployment binds unless its network names one (docs/signing.md, Chain
    tags): "agora/" and the first 8 bytes of the genesis hash in lowercase hex."""
    if len(genesis_hash) != 32:
        raise ValueError(f"a genesis hash has 32 bytes, not {len(genesis_hash)}")
    return CHAIN_TAG_PREFIX + genesis_hash[:CHAIN_TAG_GENESIS_BYTES].hex()


def unhex(value: Any) -> bytes:
    """0x and lowercase hex: a missing 0x, uppercase digits or an odd count are refused."""
    if not isinstance(value, str) or not value.startswith("0x"):
        raise ValueError(f"expected 0x and lowercase hex, got {value!r}")
    digits = value[2:]
    if len(digits) % 2 or any(c not in "0123456789abcdef" for c in digits):
        raise ValueError(f"not lowercase hex: {value!r}")
    return bytes.fromhex(digits)


# --------------------------------------------------------------------------------------------
# The payloads (docs/signing.md)
# --------------------------------------------------------------------------------------------

U16, U32, U64, U128 = uint(16), uint(32), uint(64), uint(128)
ACCOUNT = account  # AccountId
HASH = fixed_bytes(32)  # [u8; 32]

VOTE_CHOICE = unit_enum(["for", "against", "abstain"])
# BallotPurpose: why a ballot of a proposal was opened (one variant today).
BALLOT_PURPOSE = unit_enum(["decision"])
MEMBER_KIND = unit_enum(["human", "agent"])
# PerspectiveSet(u16): bit i = perspective i, given as the list of lowercase names (each at
# most once), written in bit order.
PERSPECTIVES = ["safety", "creativity", "ethics", "efficiency", "finance", "legal", "community", "technical"]


def perspective_bits(value: Any) -> int:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of perspective names, got {value!r}")
    bits = 0
    for name in value:
        if not isinstance(name, str) or name not in PERSPECTIVES:
            raise ValueError(f"unknown perspective {name!r} (known: {PERSPECTIVES})")
        bit = 1 << PERSPECTIVES.index(name)
        if bits & bit:
            raise ValueError(f"perspective {name!r} listed twice")
        bits |= bit
    return bits


def PERSPECTIVE_SET(value: Any) -> tuple[bytes, Any]:
    bits = perspective_bits(value)
    return bits.to_bytes(2, "little"), [p for i, p in enumerate(PERSPECTIVES) if bits >> i & 1]


MEMBER_PROFILE = nested(
    [
        ("kind", MEMBER_KIND),
        ("perspectives", PERSPECTIVE_SET),
        ("weight", U128),
        ("metadata_uri", string),
        ("operator", option(ACCOUNT)),
    ],
    "MemberProfile",
)
KEY_BINDING = nested([("key", fixed_bytes(33)), ("proof", fixed_bytes(65))], "KeyBinding")
REVIEW_RULES = nested(
    [("min_reviews", U32), ("required_perspectives", PERSPECTIVE_SET), ("max_rejections", U32)],
    "ReviewRules",
)
VOTING_RULES = nested(
    [("quorum_bps", U32), ("approval_threshold_bps", U32), ("require_both_kinds", boolean)],
    "VotingRules",
)
HUB_PARAMS = nested(
    [
        ("review_window", U32),
        ("voting_window", U32),
        ("timelock", U32),
        ("grace_period", U32),
        ("review_rules", REVIEW_RULES),
        ("voting_rules", VOTING_RULES),
        ("max_open_per_member", U32),
        ("veto_threshold", U32),
        ("max_spend_per_proposal", U128),
        ("max_spend_per_period", U128),
        ("spending_period", U32),
    ],
    "HubParams",
)

# Variant indices never change; new variants are appended (docs/signing.md).
ACTION = data_enum(
    {
        "transfer": (0, [("to", ACCOUNT), ("amount", U128)]),
        "register_member": (
            1,
            [("account", ACCOUNT), ("profile", MEMBER_PROFILE), ("key", option(KEY_BINDING))],
        ),
        "update_member": (2, [("account", ACCOUNT), ("profile", MEMBER_PROFILE)]),
        "suspend_member": (3, [("account", ACCOUNT)]),
        "reinstate_member": (4, [("account", ACCOUNT)]),
        "remove_member": (5, [("account", ACCOUNT)]),
        "set_params": (6, [("params", HUB_PARAMS)]),
        "authorize_writer": (7, [("writer", ACCOUNT)]),
        "revoke_writer": (8, [("writer", ACCOUNT)]),
        "call": (
            9,
            [
                ("callee", ACCOUNT),
                ("selector", fixed_bytes(4)),
                ("input", byte_vec),
                ("value", U128),
            ],
        ),
        "succession": (10, [("successor", ACCOUNT), ("code_hash", HASH)]),
    }
)
ACTIONS = vec(ACTION)

KINDS: dict[str, tuple[bytes, list[tuple[str, Callable[[Any], bytes]]]]] = {
    "bind-key": (
        b"agora/v1/bind-key",
        [("chain_tag", string), ("registry", ACCOUNT), ("account", ACCOUNT)],
    ),
    "vote": (
        b"agora/v2/vote",
        [
            ("chain_tag", string),
            ("contract", ACCOUNT),
            ("voter", ACCOUNT),
            ("deadline", U32),
            # BallotId { proposal, purpose }
            ("ballot", nested([("proposal", U32), ("purpose", BALLOT_PURPOSE)], "ballot")),
            ("choice", VOTE_CHOICE),
            ("rationale_hash", HASH),
        ],
    ),
    "proposal": (
        b"agora/v1/proposal",
        [
            ("chain_tag", string),
            ("hub", ACCOUNT),
            ("author", ACCOUNT),
            ("nonce", U64),
            ("deadline", U32),
            ("content_hash", HASH),
            ("uri", string),
            ("actions", ACTIONS),
        ],
    ),
    "revision": (
        b"agora/v1/revision",
        [
            ("chain_tag", string),
            ("hub", ACCOUNT),
            ("author", ACCOUNT),
            ("deadline", U32),
            ("proposal", U32),
            ("revision", U32),
            ("content_hash", HASH),
            ("uri", string),
            ("actions", ACTIONS),
        ],
    ),
}


# The named limits the hub checks without reading its state (agora-types' constants; the
# vectors fixture carries the same table, and check-vectors fails when the two differ).
# u128 limits are decimal strings, as in the dialect.
BOUNDS = {
    "MAX_URI_LEN": 256,
    "MAX_ACTIONS": 8,
    "MAX_REVISIONS": 16,
    "MAX_CALL_INPUT_LEN": 1024,
    "MAX_MEMBER_WEIGHT": str(10**12),
    "MIN_WINDOW": 2,
    "MAX_WINDOW": 403_200,
    "MIN_TIMELOCK": 1,
    "MAX_TIMELOCK": 403_200,
    "MIN_GRACE_PERIOD": 1,
    "MAX_GRACE_PERIOD": 403_200,
    "MAX_OPEN_PER_MEMBER": 32,
    "MIN_REQUIRED_REVIEWS": 1,
    "MAX_MIN_REVIEWS": 100,
    "MAX_VETO_THRESHOLD": 16,
    "MAX_SPEND_CAP": str(10**30),
    "MIN_SPENDING_PERIOD": 10,
    "MAX_SPENDING_PERIOD": 5_256_000,
    "MIN_QUORUM_BPS": 100,
    "MAX_QUORUM_BPS": 10_000,
    "MIN_APPROVAL_THRESHOLD_BPS": 5_000,
    "MAX_APPROVAL_THRESHOLD_BPS": 10_000,
}


def profile_error(profile: dict) -> str | None:
    """MemberProfile::validate: the RegistryError a profile earns, or None."""
    if perspective_bits(profile["perspectives"]) == 0:
        return "InvalidPerspectives"
    if not 1 <= as_int(profile["weight"]) <= int(BOUNDS["MAX_MEMBER_WEIGHT"]):
        return "WeightOutOfRange"
    if len(profile["metadata_uri"].encode("utf-8")) > BOUNDS["MAX_URI_LEN"]:
        return "UriTooLong"
    if profile["kind"] == "agent" and profile["operator"] is None:
        return "OperatorRequired"
    if profile["kind"] == "human" and profile["operator"] is not None:
        return "OperatorNotAllowed"
    return None


def params_error(p: dict) -> str | None:
    """HubParams::check_bounds: the HubParam out of bounds, or None."""
    b = BOUNDS
    within = lambda v, lo, hi: lo <= as_int(v) <= hi  # noqa: E731
    rr, vr = p["review_rules"], p["voting_rules"]
    checks = [
        (within(p["review_window"], b["MIN_WINDOW"], b["MAX_WINDOW"]), "ReviewWindow"),
        (within(p["voting_window"], b["MIN_WINDOW"], b["MAX_WINDOW"]), "VotingWindow"),
        (within(p["timelock"], b["MIN_TIMELOCK"], b["MAX_TIMELOCK"]), "Timelock"),
        (within(p["grace_period"], b["MIN_GRACE_PERIOD"], b["MAX_GRACE_PERIOD"]), "GracePeriod"),
        (within(rr["min_reviews"], b["MIN_REQUIRED_REVIEWS"], b["MAX_MIN_REVIEWS"]), "ReviewRules"),
        (
            within(vr["quorum_bps"], b["MIN_QUORUM_BPS"], b["MAX_QUORUM_BPS"])
            and within(vr["approval_threshold_bps"], b["MIN_APPROVAL_THRESHOLD_BPS"], b["MAX_APPROVAL_THRESHOLD_BPS"]),
            "VotingRules",
        ),
        (within(p["max_open_per_member"], 1, b["MAX_OPEN_PER_MEMBER"]), "MaxOpenPerMember"),
        (within(p["veto_threshold"], 0, b["MAX_VETO_THRESHOLD"]), "VetoThreshold"),
        (within(p["max_spend_per_proposal"], 1, int(b["MAX_SPEND_CAP"])), "MaxSpendPerProposal"),
        (
            within(p["max_spend_per_period"], as_int(p["max_spend_per_proposal"]), int(b["MAX_SPEND_CAP"])),
            "MaxSpendPerPeriod",
        ),
        (within(p["spending_period"], b["MIN_SPENDING_PERIOD"], b["MAX_SPENDING_PERIOD"]), "SpendingPeriod"),
    ]
    return next((name for ok, name in checks if not ok), None)


def content_error(kind: str, payload: dict) -> str | None:
    """check_content_shape (and for a revision check_revision_shape first): the ProposalError
    (Rust Debug form) every hub returns for a proposal's or revision's content, or None. Run after encoding, so fields are well formed."""
    if kind not in ("proposal", "revision"):
        return None
    if kind == "revision":  # check_revision_shape: revision 1 is the submission
        if payload["revision"] < 2:
            return "StaleRevision"
        if payload["revision"] > BOUNDS["MAX_REVISIONS"]:
            return "TooManyRevisions"
    if len(payload["uri"].encode("utf-8")) > BOUNDS["MAX_URI_LEN"]:
        return "UriTooLong"
    actions = payload["actions"]
    if len(actions) > BOUNDS["MAX_ACTIONS"]:
        return "InvalidActionCount"
    for a in actions:
        t = a["type"]
        if t == "transfer" and as_int(a["amount"]) == 0:
            return "ZeroTransfer"
        if t == "call" and len(unhex(a["input"])) > BOUNDS["MAX_CALL_INPUT_LEN"]:
            return "CallInputTooLong"
        if t == "set_params" and (err := params_error(a["params"])):
            return f"ParameterOutOfBounds({err})"
        if t in ("register_member", "update_member") and (err := profile_error(a["profile"])):
            return f"Registry({err})"
        if t == "succession":
            if len(actions) != 1:
                return "SuccessionNotAlone"
            if account(a["successor"])[0] == bytes(32):
                return "InvalidSuccessor"
    return None


def read_payload(kind: str, payload: Any) -> tuple[bytes, dict]:
    """(SCALE(payload), the payload in canonical form) for a payload of `kind`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (known: {sorted(KINDS)})")
    return struct(KINDS[kind][1], payload, kind)


def encode_payload(kind: str, payload: Any) -> bytes:
    """SCALE(payload) for a payload of `kind`."""
    return read_payload(kind, payload)[0]


def loads(text: str) -> Any:
    """JSON with duplicate keys refused (json.loads keeps the last one silently, which would
    let a document say two things)."""

    def pairs(items: list[tuple[str, Any]]) -> dict:
        out: dict = {}
        for key, value in items:
            if key in out:
                raise ValueError(f"duplicate key {key!r}")
            out[key] = value
        return out

    return json.loads(text, object_pairs_hook=pairs)


def signing_hash(kind: str, scale: bytes) -> bytes:
    """blake2_256(domain ++ SCALE(payload))."""
    return hashlib.blake2b(KINDS[kind][0] + scale, digest_size=32).digest()


# --------------------------------------------------------------------------------------------
# secp256k1: a minimal pure-Python implementation (RFC 6979, low-S, recovery id)
# --------------------------------------------------------------------------------------------

P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F
N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
G = (
    0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
    0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8,
)
HALF_N = N // 2


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if a[0] == b[0] and (a[1] + b[1]) % P == 0:
        return None
    if a == b:
        lam = 3 * a[0] * a[0] * pow(2 * a[1], -1, P) % P
    else:
        lam = (b[1] - a[1]) * pow(b[0] - a[0], -1, P) % P
    x = (lam * lam - a[0] - b[0]) % P
    return (x, (lam * (a[0] - x) - a[1]) % P)


def _mul(k: int, point=G):
    out = None
    while k:
        if k & 1:
            out = _add(out, point)
        point = _add(point, point)
        k >>= 1
    return out


def _compressed(point) -> bytes:
    return bytes([2 + (point[1] & 1)]) + point[0].to_bytes(32, "big")


def _rfc6979_nonces(secret: int, digest: bytes):
    """RFC 6979 section 3.2 with HMAC-SHA256 (qlen = 256); yields candidate k in order."""
    x = secret.to_bytes(32, "big")
    h = (int.from_bytes(digest, "big") % N).to_bytes(32, "big")  # bits2octets
    v, k = b"\x01" * 32, b"\x00" * 32
    k = hmac.new(k, v + b"\x00" + x + h, hashlib.sha256).digest()
    v = hmac.new(k, v, hashlib.sha256).digest()
    k = hmac.new(k, v + b"\x01" + x + h, hashlib.sha256).digest()
    v = hmac.new(k, v, hashlib.sha256).digest()
    while True:
        v = hmac.new(k, v, hashlib.sha256).digest()
        candidate = int.from_bytes(v, "big")
        if 1 <= candidate < N:
            yield candidate
        k = hmac.new(k, v + b"\x00", hashlib.sha256).digest()
        v = hmac.new(k, v, hashlib.sha256).digest()


def py_public_key(secret: bytes) -> bytes:
    d = int.from_bytes(secret, "big")
    if not 1 <= d < N:
        raise ValueError("secret key out of range")
    return _compressed(_mul(d))


def py_sign(secret: bytes, digest: bytes) -> bytes:
    """65 bytes r || s || v: RFC 6979 nonce, s normalised to <= n/2, v the recovery id."""
    d = int.from_bytes(secret, "big")
    if not 1 <= d < N:
        raise ValueError("secret key out of range")
    z = int.from_bytes(digest, "big") % N
    for k in _rfc6979_nonces(d, digest):
        rx, ry = _mul(k)
        r = rx % N
        if r == 0:
            continue
        s = pow(k, -1, N) * (z + r * d) % N
        if s == 0:
            continue
        v = (ry & 1) | (2 if rx >= N else 0)
        if s > HALF_N:
            s, v = N - s, v ^ 1
        return r.to_bytes(32, "big") + s.to_bytes(32, "big") + bytes([v])
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------------------------
# Signing with coincurve (libsecp256k1)
# --------------------------------------------------------------------------------------------


def _coincurve():
    try:
        import coincurve  # noqa: PLC0415 - optional until signing
    except ImportError:
        sys.exit(
            "agora_signer: coincurve is not installed "
            "(pip install -r tools/agora_signer/requirements.txt)"
        )
    return coincurve


def check_form(signature: bytes) -> str | None:
    """The SignatureError the contracts return for this signature's form, or None
    (check_signature_form in docs/signing.md: v, then r and s zero, then r < n, then low s)."""
    if len(signature) != 65:
        raise ValueError(f"a signature is 65 bytes, not {len(signature)}")
    if signature[64] > 1:
        return "InvalidRecoveryId"
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:64], "big")
    if r == 0 or s == 0:
        return "ZeroComponent"
    if r >= N:
        return "ROutOfRange"
    if s > HALF_N:
        return "HighS"
    return None


def sign_hash(secret: bytes, digest: bytes) -> tuple[bytes, bytes]:
    """(compressed public key, 65-byte signature) of `digest`, cross-checked by both implementations."""
    cc = _coincurve()
    key = cc.PrivateKey(secret)
    public = key.public_key.format(compressed=True)
    signature = key.sign_recoverable(digest, hasher=None)
    if signature != py_sign(secret, digest) or public != py_public_key(secret):
        raise RuntimeError("coincurve and the pure-Python signer disagree")
    problem = check_form(signature)
    if problem:
        raise RuntimeError(f"produced a non-canonical signature: {problem}")
    return public, signature


def recover(signature: bytes, digest: bytes) -> bytes:
    """The compressed key that signed `digest` (what the contracts' ecdsa_recover returns)."""
    cc = _coincurve()
    return cc.PublicKey.from_signature_and_message(signature, digest, hasher=None).format(
        compressed=True
    )


def sign_payload(kind: str, payload: Any, secret: bytes) -> dict:
    """The envelope of a signed payload (schemas/wire/envelope.json): what a relayer submits,
    with the payload in canonical form. Refuses (ValueError) a payload the dialect refuses or
    every hub would refuse."""
    scale, canonical = read_payload(kind, payload)
    problem = content_error(kind, canonical)
    if problem:
        raise ValueError(f"every hub refuses this {kind}: {problem}")
    digest = signing_hash(kind, scale)
    public, signature = sign_hash(secret, digest)
    return {
        "kind": kind,
        "payload": canonical,
        "scale": "0x" + scale.hex(),
        "hash": "0x" + digest.hex(),
        "signature": "0x" + signature.hex(),
        "signer": "0x" + public.hex(),
    }


def check_envelope(envelope: Any) -> str | None:
    """Why a reader must refuse an envelope, as agora_types::wire::read_envelope says it
    (EnvelopeError's names: NotCanonical, PayloadMismatch, HashMismatch,
    Signature(<SignatureError>), WrongSigner), or None when it is sound."""
    try:
        if not isinstance(envelope, dict):
            raise ValueError("an envelope is an object")
        envelope = dict(envelope)
        if "public_key" in envelope and "signer" not in envelope:
            envelope["signer"] = envelope.pop("public_key")
        fields = ["hash", "kind", "payload", "scale", "signature", "signer"]
        if sorted(envelope) != fields:
            raise ValueError(f"fields {sorted(envelope)} != {fields}")
        kind = envelope["kind"]
        scale_given = unhex(envelope["scale"])
        hash_given = fixed_bytes(32)(envelope["hash"])[0]
        signature = fixed_bytes(65)(envelope["signature"])[0]
        signer = fixed_bytes(33)(envelope["signer"])[0]
        scale, canonical = read_payload(kind, envelope["payload"])
    except (ValueError, TypeError):
        return "NotCanonical"
    if canonical != envelope["payload"]:
        return "NotCanonical"
    if scale != scale_given:
        return "PayloadMismatch"
    if signing_hash(kind, scale_given) != hash_given:
        return "HashMismatch"
    form = check_form(signature)
    if form:
        return f"Signature({form})"
    try:
        recovered = recover(signature, hash_given)
    except Exception:  # coincurve raises its own errors for an unrecoverable signature
        return "Signature(RecoveryFailed)"
    return None if recovered == signer else "WrongSigner"


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def schema_problems(schemas: str, fixture: dict) -> list[str]:
    """Validates every vector against the committed wire schemas (schemas/wire/): its payload
    against <kind>-payload.json and the vector without name, domain and secret_key (an
    envelope) against envelope.json. Returns one line per problem."""
    try:
        import jsonschema  # type: ignore
    except ImportError:
        return ["jsonschema is not installed (pip install -r tools/agora_signer/requirements.txt)"]

    def load(name: str):
        with open(os.path.join(schemas, name), encoding="utf-8") as f:
            schema = json.load(f)
        return jsonschema.Draft202012Validator(schema, format_checker=None)

    envelope = load("envelope.json")
    problems = []
    for v in fixture.get("vectors", []):
        name = v.get("name", "?")
        payload_schema = load(f"{v['kind']}-payload.json")
        for err in payload_schema.iter_errors(v["payload"]):
            problems.append(f"{name}: payload: {err.message}")
        env = {k: x for k, x in v.items() if k not in ("name", "domain", "secret_key")}
        for err in envelope.iter_errors(env):
            problems.append(f"{name}: envelope: {err.message}")
    return problems


def check_vectors(path: str, quiet: bool, schemas: str | None = None) -> int:
    with open(path, encoding="utf-8") as f:
        fixture = loads(f.read())
    failures: list[str] = []

    # The fixture's table of kinds must agree with this file's own layouts.
    table_failures = 0
    for kind, (domain, layout) in KINDS.items():
        table = fixture.get("kinds", {}).get(kind)
        mine = {"domain": domain.decode(), "fields": [n for n, _ in layout]}
        if table != mine:
            table_failures += 1
            failures.append(f"kinds.{kind}: fixture {table} != signer {mine}")
            print(f"MISMATCH kinds.{kind}", file=sys.stderr)

    if fixture.get("bounds") != BOUNDS:
        table_failures += 1
        failures.append(f"bounds: fixture {fixture.get('bounds')} != signer {BOUNDS}")
        print("MISMATCH bounds", file=sys.stderr)

    vectors = fixture.get("vectors", [])
    passed = 0
    for v in vectors:
        name = v.get("name", "?")
        problems: list[str] = []
        try:
            kind = v["kind"]
            if v.get("domain") != KINDS.get(kind, (b"",))[0].decode():
                problems.append(f"domain {v.get('domain')!r}")
            secret = unhex(v["secret_key"])
            env = sign_payload(kind, v["payload"], secret)
            for field in ("payload", "scale", "hash", "signer", "signature"):
                if env[field] != v[field]:
                    problems.append(f"{field}: expected {v[field]}, got {env[field]}")
            sig, digest = unhex(v["signature"]), unhex(v["hash"])
            form = check_form(sig)
            if form:
                problems.append(f"signature form: {form}")
            elif "0x" + recover(sig, digest).hex() != v["signer"]:
                problems.append("recovered key != signer")
        except (KeyError, ValueError, RuntimeError) as e:
            problems.append(f"error: {e}")
        if problems:
            failures.extend(f"{name}: {p}" for p in problems)
            print(f"MISMATCH {name}", file=sys.stderr)
        else:
            passed += 1
            if not quiet:
                print(f"ok {name}")

    # Signatures a verifier must refuse, with the contracts' error for each.
    invalid = (
        fixture.get("invalid_signatures", [])
        + fixture.get("invalid_payloads", [])
        + fixture.get("invalid_envelopes", [])
    )
    for v in fixture.get("invalid_signatures", []):
        name, got = v.get("name", "?"), None
        try:
            sig = unhex(v["signature"])
            got = check_form(sig)
            if got is None:
                try:
                    recover(sig, unhex(v["hash"]))
                except Exception:  # coincurve's own error: no key recovers
                    got = "RecoveryFailed"
        except (KeyError, ValueError) as e:
            got = f"error: {e}"
        if got != v.get("error"):
            failures.append(f"{name}: expected {v.get('error')}, got {got}")
            print(f"MISMATCH {name}", file=sys.stderr)
        else:
            passed += 1
    # Envelopes a reader must refuse, with read_envelope's error for each.
    for v in fixture.get("invalid_envelopes", []):
        name, expected = v.get("name", "?"), v.get("error")
        got = check_envelope(v.get("envelope")) or "accepted"
        if got != expected:
            failures.append(f"{name}: expected {expected}, got {got}")
            print(f"MISMATCH {name}", file=sys.stderr)
        else:
            passed += 1
    # Every valid vector, as an envelope, is sound.
    for v in vectors:
        env = {k: x for k, x in v.items() if k not in ("name", "domain", "secret_key")}
        problem = check_envelope(env)
        if problem:
            failures.append(f"{v.get('name', '?')}: as an envelope: {problem}")
    # Payloads a signer must refuse: "wire" (the dialect refuses it) or the hub's error.
    for v in fixture.get("invalid_payloads", []):
        name, expected = v.get("name", "?"), v.get("error")
        try:
            encode_payload(v["kind"], v["payload"])
            got = content_error(v["kind"], v["payload"]) or "accepted"
        except ValueError:
            got = "wire"
        except KeyError as e:
            got = f"error: missing {e}"
        if got != expected:
            failures.append(f"{name}: expected {expected}, got {got}")
            print(f"MISMATCH {name}", file=sys.stderr)
        else:
            passed += 1
            if not quiet:
                print(f"ok {name} (refused: {got})")
    vectors = vectors + invalid
    # The chain tag a deployment binds by default on a chain with that genesis hash.
    tags = fixture.get("chain_tags", [])
    for v in tags:
        got = derived_chain_tag(unhex(v["genesis_hash"]))
        if got != v["chain_tag"]:
            failures.append(f"chain tag of {v['genesis_hash']}: expected {v['chain_tag']}, got {got}")
            print(f"MISMATCH chain tag {v['genesis_hash']}", file=sys.stderr)
        else:
            passed += 1
            if not quiet:
                print(f"ok chain tag {v['chain_tag']}")
    vectors = vectors + tags
    if schemas:
        problems = schema_problems(schemas, fixture)
        for p in problems:
            print(f"SCHEMA {p}", file=sys.stderr)
        failures.extend(problems)
        table_failures += 1 if problems else 0
    for line in failures:
        print(f"  {line}", file=sys.stderr)
    # A row of the fixture's kinds table that disagrees counts as one more failure.
    failed = len(vectors) - passed + table_failures
    print(f"signing vectors: {passed} passed, {failed} failed ({path})")
    if not vectors:
        print("no vectors in the fixture", file=sys.stderr)
        return 1
    return 1 if failures else 0


def read_secret(args, request: dict) -> bytes:
    """The 32-byte secret: an agent key file (schemas/wire/agent-key-file.json, what
    `agora key new` writes) or 0x-hex, from --secret-key-file, AGORA_SECRET_KEY or the request."""
    if args.secret_key_file:
        with open(args.secret_key_file, encoding="utf-8") as f:
            text = f.read().strip()
    elif os.environ.get("AGORA_SECRET_KEY"):
        text = os.environ["AGORA_SECRET_KEY"].strip()
    elif "secret_key" in request:
        text = request["secret_key"]
    else:
        sys.exit("agora_signer: no secret key (--secret-key-file, AGORA_SECRET_KEY or secret_key)")
    try:
        if text.startswith("{"):
            key = loads(text)
            if sorted(key) != ["public", "secret", "type"] or key["type"] != "secp256k1":
                raise ValueError("an agent key file is {type: secp256k1, secret, public}")
            secret = unhex(key["secret"])
            if len(secret) == 32 and py_public_key(secret) != unhex(key["public"]):
                raise ValueError("the key file's public key is not its secret's")
        else:
            secret = unhex(text)
    except ValueError as e:
        sys.exit(f"agora_signer: unusable secret key: {e}")
    if len(secret) != 32:
        sys.exit("agora_signer: a secret key is 32 bytes")
    return secret


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-vectors", help="reproduce every vector of a fixture")
    check.add_argument("path")
    check.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    check.add_argument("--schemas", help="also validate every vector against schemas/wire/ in DIR")
    sign = sub.add_parser("sign", help="sign a {kind, payload} request; prints the envelope")
    sign.add_argument("request", help="request JSON file, or - for standard input")
    sign.add_argument(
        "--secret-key-file", help="an agent key file (agora key new) or a file holding 0x-hex"
    )
    args = parser.parse_args(argv)

    if args.command == "check-vectors":
        return check_vectors(args.path, args.quiet, args.schemas)

    try:
        if args.request == "-":
            request = loads(sys.stdin.read())
        else:
            with open(args.request, encoding="utf-8") as f:
                request = loads(f.read())
    except ValueError as e:
        print(f"agora_signer: invalid request: {e}", file=sys.stderr)
        return 2
    try:
        envelope = sign_payload(request["kind"], request["payload"], read_secret(args, request))
    except (KeyError, ValueError) as e:
        print(f"agora_signer: invalid request: {e}", file=sys.stderr)
        return 2
    print(json.dumps(envelope, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
