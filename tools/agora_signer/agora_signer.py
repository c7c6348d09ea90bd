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
optionally "secret_key"). It prints the envelope: kind, domain, payload, scale, hash, public_key,
signature (the payload is echoed as given). As a library: `sign_payload(kind, payload, secret)`
returns the same dict.
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


def uint(bits: int) -> Callable[[Any], bytes]:
    """Fixed-width little-endian unsigned integer (u8, u32, u64, u128)."""

    def enc(value: Any) -> bytes:
        n = as_int(value)
        if not 0 <= n < 1 << bits:
            raise ValueError(f"{n} does not fit u{bits}")
        return n.to_bytes(bits // 8, "little")

    return enc


def fixed_bytes(length: int) -> Callable[[Any], bytes]:
    """[u8; N] (AccountId, hashes): the raw bytes, no length prefix."""

    def enc(value: Any) -> bytes:
        raw = unhex(value)
        if len(raw) != length:
            raise ValueError(f"expected {length} bytes, got {len(raw)}")
        return raw

    return enc


def string(value: Any) -> bytes:
    """String: compact byte length, then the UTF-8 bytes."""
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    raw = value.encode("utf-8")
    return compact(len(raw)) + raw


def boolean(value: Any) -> bytes:
    """bool: one byte, 0x00 for false, 0x01 for true."""
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return b"\x01" if value else b"\x00"


def byte_vec(value: Any) -> bytes:
    """Vec<u8> (a call's input), given as hex: compact byte count, then the bytes."""
    raw = unhex(value)
    return compact(len(raw)) + raw


def option(inner: Callable[[Any], bytes]) -> Callable[[Any], bytes]:
    """Option<T>, given as null or the value: 0x00 for None, 0x01 then T for Some."""

    def enc(value: Any) -> bytes:
        return b"\x00" if value is None else b"\x01" + inner(value)

    return enc


def vec(inner: Callable[[Any], bytes]) -> Callable[[Any], bytes]:
    """Vec<T>: compact element count, then each element."""

    def enc(values: Any) -> bytes:
        if not isinstance(values, list):
            raise ValueError(f"expected a list, got {values!r}")
        return compact(len(values)) + b"".join(inner(v) for v in values)

    return enc


def unit_enum(variants: list[str]) -> Callable[[Any], bytes]:
    """An enum without data: one byte, the variant's index."""

    def enc(value: Any) -> bytes:
        if value not in variants:
            raise ValueError(f"expected one of {variants}, got {value!r}")
        return bytes([variants.index(value)])

    return enc


def data_enum(variants: dict[str, tuple[int, list[tuple[str, Callable[[Any], bytes]]]]]):
    """An enum with data, as JSON {"Variant": {field: value, ...}}: one byte index, then fields."""

    def enc(value: Any) -> bytes:
        if not isinstance(value, dict) or len(value) != 1:
            raise ValueError(f"expected {{variant: fields}}, got {value!r}")
        ((name, fields),) = value.items()
        if name not in variants:
            raise ValueError(f"unknown variant {name!r} (known: {sorted(variants)})")
        index, layout = variants[name]
        return bytes([index]) + struct(layout, fields, name)

    return enc


def nested(layout: list[tuple[str, Callable[[Any], bytes]]], what: str) -> Callable[[Any], bytes]:
    """A struct inside a payload (a profile, parameters, rules), given as a JSON object."""

    def enc(value: Any) -> bytes:
        return struct(layout, value, what)

    return enc


def struct(layout: list[tuple[str, Callable[[Any], bytes]]], obj: Any, what: str) -> bytes:
    """A struct: its fields' encodings concatenated in declaration order, nothing else."""
    if not isinstance(obj, dict):
        raise ValueError(f"{what}: expected an object")
    names = [n for n, _ in layout]
    if sorted(obj) != sorted(names):
        raise ValueError(f"{what}: fields {sorted(obj)} != expected {sorted(names)}")
    out = b""
    for name, enc in layout:
        try:
            out += enc(obj[name])
        except ValueError as e:
            raise ValueError(f"{what}.{name}: {e}") from None
    return out


def as_int(value: Any) -> int:
    """Integers come as JSON numbers or decimal strings (u64 and u128 are strings in the vectors)."""
    if isinstance(value, bool):
        raise ValueError(f"expected an integer, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    raise ValueError(f"expected an integer or a decimal string, got {value!r}")


def unhex(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError(f"expected a hex string, got {value!r}")
    s = value[2:] if value.startswith(("0x", "0X")) else value
    try:
        return bytes.fromhex(s)
    except ValueError:
        raise ValueError(f"not hex: {value!r}") from None


# --------------------------------------------------------------------------------------------
# The payloads (docs/signing.md)
# --------------------------------------------------------------------------------------------

U16, U32, U64, U128 = uint(16), uint(32), uint(64), uint(128)
ACCOUNT = fixed_bytes(32)  # AccountId
HASH = fixed_bytes(32)  # [u8; 32]

VOTE_CHOICE = unit_enum(["For", "Against", "Abstain"])
MEMBER_KIND = unit_enum(["Human", "Agent"])
PERSPECTIVE_SET = U16  # PerspectiveSet(u16): bit i = perspective i (Safety = 0 … Technical = 7)

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
        "Transfer": (0, [("to", ACCOUNT), ("amount", U128)]),
        "RegisterMember": (
            1,
            [("account", ACCOUNT), ("profile", MEMBER_PROFILE), ("key", option(KEY_BINDING))],
        ),
        "UpdateMember": (2, [("account", ACCOUNT), ("profile", MEMBER_PROFILE)]),
        "SuspendMember": (3, [("account", ACCOUNT)]),
        "ReinstateMember": (4, [("account", ACCOUNT)]),
        "RemoveMember": (5, [("account", ACCOUNT)]),
        "SetParams": (6, [("params", HUB_PARAMS)]),
        "AuthorizeWriter": (7, [("writer", ACCOUNT)]),
        "RevokeWriter": (8, [("writer", ACCOUNT)]),
        "Call": (
            9,
            [
                ("callee", ACCOUNT),
                ("selector", fixed_bytes(4)),
                ("input", byte_vec),
                ("value", U128),
            ],
        ),
    }
)
ACTIONS = vec(ACTION)

KINDS: dict[str, tuple[bytes, list[tuple[str, Callable[[Any], bytes]]]]] = {
    "bind-key": (
        b"agora/v1/bind-key",
        [("chain_tag", string), ("registry", ACCOUNT), ("account", ACCOUNT)],
    ),
    "vote": (
        b"agora/v1/vote",
        [
            ("chain_tag", string),
            ("contract", ACCOUNT),
            ("voter", ACCOUNT),
            ("deadline", U32),
            ("proposal", U32),
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


def encode_payload(kind: str, payload: dict) -> bytes:
    """SCALE(payload) for a payload of `kind`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (known: {sorted(KINDS)})")
    return struct(KINDS[kind][1], payload, kind)


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
    """Why the contracts would refuse this signature's form, or None (docs/signing.md)."""
    if len(signature) != 65:
        return f"length {len(signature)} != 65"
    if signature[64] > 1:
        return f"v = {signature[64]} not in {{0, 1}}"
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:64], "big")
    if r == 0 or s == 0:
        return "zero r or s"
    if s > HALF_N:
        return "high s"
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


def sign_payload(kind: str, payload: dict, secret: bytes) -> dict:
    """The envelope of a signed payload: what a relayer submits, with the intermediate bytes."""
    scale = encode_payload(kind, payload)
    digest = signing_hash(kind, scale)
    public, signature = sign_hash(secret, digest)
    return {
        "kind": kind,
        "domain": KINDS[kind][0].decode(),
        "payload": payload,
        "scale": scale.hex(),
        "hash": digest.hex(),
        "public_key": public.hex(),
        "signature": signature.hex(),
    }


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def check_vectors(path: str, quiet: bool) -> int:
    with open(path, encoding="utf-8") as f:
        fixture = json.load(f)
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
            for field in ("scale", "hash", "public_key", "signature"):
                if env[field] != v[field]:
                    problems.append(f"{field}: expected {v[field]}, got {env[field]}")
            sig, digest = unhex(v["signature"]), unhex(v["hash"])
            form = check_form(sig)
            if form:
                problems.append(f"signature form: {form}")
            elif recover(sig, digest).hex() != v["public_key"]:
                problems.append("recovered key != public_key")
        except (KeyError, ValueError, RuntimeError) as e:
            problems.append(f"error: {e}")
        if problems:
            failures.extend(f"{name}: {p}" for p in problems)
            print(f"MISMATCH {name}", file=sys.stderr)
        else:
            passed += 1
            if not quiet:
                print(f"ok {name}")
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
    if args.secret_key_file:
        with open(args.secret_key_file, encoding="utf-8") as f:
            text = f.read().strip()
    elif os.environ.get("AGORA_SECRET_KEY"):
        text = os.environ["AGORA_SECRET_KEY"].strip()
    elif "secret_key" in request:
        text = request["secret_key"]
    else:
        sys.exit("agora_signer: no secret key (--secret-key-file, AGORA_SECRET_KEY or secret_key)")
    secret = unhex(text)
    if len(secret) != 32:
        sys.exit("agora_signer: a secret key is 32 bytes")
    return secret


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-vectors", help="reproduce every vector of a fixture")
    check.add_argument("path")
    check.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    sign = sub.add_parser("sign", help="sign a {kind, payload} request; prints the envelope")
    sign.add_argument("request", help="request JSON file, or - for standard input")
    sign.add_argument("--secret-key-file", help="file holding the 32-byte secret key in hex")
    args = parser.parse_args(argv)

    if args.command == "check-vectors":
        return check_vectors(args.path, args.quiet)

    if args.request == "-":
        request = json.load(sys.stdin)
    else:
        with open(args.request, encoding="utf-8") as f:
            request = json.load(f)
    try:
        envelope = sign_payload(request["kind"], request["payload"], read_secret(args, request))
    except (KeyError, ValueError) as e:
        print(f"agora_signer: invalid request: {e}", file=sys.stderr)
        return 2
    print(json.dumps(envelope, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
