//! The shared signing test vectors, `e2e-tests/fixtures/signing-vectors.json`.
//!
//! Every vector is rebuilt from its JSON inputs with the real payload types of this crate and
//! checked byte for byte: SCALE bytes, signing hash, the RFC 6979 signature made with its
//! secret key, and the key `recover_signer` (the contracts' helper) recovers. The Python
//! reference signer (`tools/agora_signer`, run by `scripts/python-vectors.sh`) checks the same
//! file with its own SCALE encoder, so the two implementations agree through it.
//! docs/signing.md is the spec.
//!
//! The vectors' inputs are defined in [`definitions`]; after changing them (or a payload
//! type), rewrite the file with
//! `cargo test -p agora-types --test signing_vectors -- --ignored regenerate_signing_vectors`.

use agora_types::{
    bind_key_hash, blake2_256, check_content_shape, check_revision_shape, check_signature_form,
    derived_chain_tag, recover_signer, signing_hash, testing, Action, BallotId, BindKeyPayload,
    Hash32, HubParam, HubParams, KeyBinding, MemberKind, MemberProfile, Perspective,
    PerspectiveSet, ProposalError, ProposalPayload, RegistryError, ReviewRules, RevisionPayload,
    Signature, SigningKey, VoteChoice, VotePayload, VotingRules, BIND_KEY_DOMAIN, MAX_ACTIONS,
    MAX_CALL_INPUT_LEN, MAX_REVISIONS, MAX_URI_LEN, PROPOSAL_DOMAIN, REVISION_DOMAIN,
    SECP256K1_HALF_ORDER, SECP256K1_ORDER, VOTE_DOMAIN,
};
use agora_types::{
    MAX_APPROVAL_THRESHOLD_BPS, MAX_GRACE_PERIOD, MAX_MEMBER_WEIGHT, MAX_MIN_REVIEWS,
    MAX_OPEN_PER_MEMBER, MAX_QUORUM_BPS, MAX_SPENDING_PERIOD, MAX_SPEND_CAP, MAX_TIMELOCK,
    MAX_VETO_THRESHOLD, MAX_WINDOW, MIN_APPROVAL_THRESHOLD_BPS, MIN_GRACE_PERIOD, MIN_QUORUM_BPS,
    MIN_REQUIRED_REVIEWS, MIN_SPENDING_PERIOD, MIN_TIMELOCK, MIN_WINDOW,
};
use ink::{primitives::AccountId, scale::Encode};
use serde_json::{json, Map, Value};

/// The fixture as the tests read it.
const FIXTURE: &str = include_str!("../../../e2e-tests/fixtures/signing-vectors.json");
/// Where `regenerate_signing_vectors` writes it.
const FIXTURE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../e2e-tests/fixtures/signing-vectors.json"
);
/// How to rewrite the fixture (recorded in it).
const GENERATOR: &str =
    "cargo test -p agora-types --test signing_vectors -- --ignored regenerate_signing_vectors";

// ---------------------------------------------------------------------------------------
// Hex and JSON helpers
// ---------------------------------------------------------------------------------------

/// `0x` and lowercase hex, as every byte string of the fixture is written.
fn hex(bytes: &[u8]) -> String {
    agora_types::wire::hex0x(bytes)
}

fn unhex_n<const N: usize>(s: &str) -> [u8; N] {
    agora_types::wire::parse_hex(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn field<'a>(obj: &'a Value, name: &str) -> &'a Value {
    obj.get(name)
        .unwrap_or_else(|| panic!("missing field {name:?} in {obj}"))
}

fn str_field<'a>(obj: &'a Value, name: &str) -> &'a str {
    field(obj, name)
        .as_str()
        .unwrap_or_else(|| panic!("field {name:?} is not a string in {obj}"))
}

/// A byte string field: `0x` and lowercase hex of exactly `N` bytes (the dialect's rule).
fn bytes_field<const N: usize>(obj: &Value, name: &str) -> [u8; N] {
    agora_types::wire::parse_hex(str_field(obj, name))
        .unwrap_or_else(|e| panic!("field {name:?}: {e}"))
}

// ---------------------------------------------------------------------------------------
// Payloads: the four signed kinds, to and from the fixture's JSON
// ---------------------------------------------------------------------------------------

/// One signed payload of any kind.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Payload {
    BindKey(BindKeyPayload),
    Vote(VotePayload),
    Proposal(ProposalPayload),
    Revision(RevisionPayload),
}

/// Kind name, domain and SCALE field order of each payload kind.
const KINDS: [(&str, &[u8], &[&str]); 4] = [
    (
        "bind-key",
        BIND_KEY_DOMAIN,
        &["chain_tag", "registry", "account"],
    ),
    (
        "vote",
        VOTE_DOMAIN,
        &[
            "chain_tag",
            "contract",
            "voter",
            "deadline",
            "ballot",
            "choice",
            "rationale_hash",
        ],
    ),
    (
        "proposal",
        PROPOSAL_DOMAIN,
        &[
            "chain_tag",
            "hub",
            "author",
            "nonce",
            "deadline",
            "content_hash",
            "uri",
            "actions",
        ],
    ),
    (
        "revision",
        REVISION_DOMAIN,
        &[
            "chain_tag",
            "hub",
            "author",
            "deadline",
            "proposal",
            "revision",
            "content_hash",
            "uri",
            "actions",
        ],
    ),
];

fn kind_info(kind: &str) -> (&'static [u8], &'static [&'static str]) {
    KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map(|(_, domain, fields)| (*domain, *fields))
        .unwrap_or_else(|| panic!("unknown kind {kind:?}"))
}

/// The `type` tag of each `Action` variant, in variant-index order.
const ACTION_VARIANTS: [&str; 11] = [
    "transfer",
    "register_member",
    "update_member",
    "suspend_member",
    "reinstate_member",
    "remove_member",
    "set_params",
    "authorize_writer",
    "revoke_writer",
    "call",
    "succession",
];

/// An action in the wire dialect (`agora_types::wire`): `{"type": <variant>, <field>: …}`.
fn action_json(action: &Action) -> Value {
    serde_json::to_value(action).expect("an action is serializable")
}

/// An action read from the dialect.
fn action_from(action: &Value) -> Action {
    serde_json::from_value(action.clone()).unwrap_or_else(|e| panic!("action {action}: {e}"))
}

fn actions_from(value: &Value) -> Vec<Action> {
    value
        .as_array()
        .expect("actions is an array")
        .iter()
        .map(action_from)
        .collect()
}

impl Payload {
    fn kind(&self) -> &'static str {
        match self {
            Payload::BindKey(_) => "bind-key",
            Payload::Vote(_) => "vote",
            Payload::Proposal(_) => "proposal",
            Payload::Revision(_) => "revision",
        }
    }

    fn domain(&self) -> &'static [u8] {
        kind_info(self.kind()).0
    }

    fn scale(&self) -> Vec<u8> {
        match self {
            Payload::BindKey(p) => p.encode(),
            Payload::Vote(p) => p.encode(),
            Payload::Proposal(p) => p.encode(),
            Payload::Revision(p) => p.encode(),
        }
    }

    /// The signing hash as the contracts compute it (each kind through its own helper).
    fn contract_hash(&self) -> Hash32 {
        match self {
            Payload::BindKey(p) => bind_key_hash(&p.chain_tag, p.registry, p.account),
            Payload::Vote(p) => p.signing_hash(),
            Payload::Proposal(p) => signing_hash(PROPOSAL_DOMAIN, p),
            Payload::Revision(p) => signing_hash(REVISION_DOMAIN, p),
        }
    }

    /// The payload in the wire dialect.
    fn to_json(&self) -> Value {
        match self {
            Payload::BindKey(p) => serde_json::to_value(p),
            Payload::Vote(p) => serde_json::to_value(p),
            Payload::Proposal(p) => serde_json::to_value(p),
            Payload::Revision(p) => serde_json::to_value(p),
        }
        .expect("a payload is serializable")
    }

    /// Rebuilds a payload from the fixture's JSON; the object must hold exactly the kind's
    /// fields.
    fn from_json(kind: &str, v: &Value) -> Payload {
        let (_, fields) = kind_info(kind);
        let mut expected: Vec<&str> = fields.to_vec();
        let mut present: Vec<&str> = v
            .as_object()
            .expect("payload is an object")
            .keys()
            .map(String::as_str)
            .collect();
        expected.sort_unstable();
        present.sort_unstable();
        assert_eq!(present, expected, "fields of a {kind} payload");
        fn read<T: serde::de::DeserializeOwned>(kind: &str, v: &Value) -> T {
            serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("a {kind} payload: {e}"))
        }
        match kind {
            "bind-key" => Payload::BindKey(read(kind, v)),
            "vote" => Payload::Vote(read(kind, v)),
            "proposal" => Payload::Proposal(read(kind, v)),
            "revision" => Payload::Revision(read(kind, v)),
            other => panic!("unknown kind {other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------------------

/// The shared test signer (`agora_types::testing::sign`: RFC 6979 deterministic, low-S,
/// `r ‖ s ‖ v` with `v ∈ {0, 1}`) with a vector's raw secret key.
fn sign(secret: &[u8; 32], hash: &Hash32) -> Signature {
    testing::sign(
        &testing::secret_from_bytes(secret).expect("a vector key in 1..n"),
        hash,
    )
}

/// The compressed public key of a vector's raw secret key.
fn public_key(secret: &[u8; 32]) -> SigningKey {
    testing::public_key(&testing::secret_from_bytes(secret).expect("a vector key in 1..n"))
}

// ---------------------------------------------------------------------------------------
// The vectors' inputs
// ---------------------------------------------------------------------------------------

/// `0x01…01`.
const KEY_01: [u8; 32] = [0x01; 32];
/// `0x02…02`.
const KEY_02: [u8; 32] = [0x02; 32];
/// `0x11…11`: the key of the vote vector in docs/contracts/voting.md.
const KEY_11: [u8; 32] = [0x11; 32];
/// A random-looking fixed key: SHA-256 of the empty string.
const KEY_SHA256_EMPTY: [u8; 32] = [
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
];
/// The largest secret key, n − 1.
const KEY_N_MINUS_1: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x40,
];

/// The well-known development accounts' sr25519 public keys (= their AccountIds).
const ALICE: [u8; 32] = [
    0xd4, 0x35, 0x93, 0xc7, 0x15, 0xfd, 0xd3, 0x1c, 0x61, 0x14, 0x1a, 0xbd, 0x04, 0xa9, 0x9f, 0xd6,
    0x82, 0x2c, 0x85, 0x58, 0x85, 0x4c, 0xcd, 0xe3, 0x9a, 0x56, 0x84, 0xe7, 0xa5, 0x6d, 0xa2, 0x7d,
];
const BOB: [u8; 32] = [
    0x8e, 0xaf, 0x04, 0x15, 0x16, 0x87, 0x73, 0x63, 0x26, 0xc9, 0xfe, 0xa1, 0x7e, 0x25, 0xfc, 0x52,
    0x87, 0x61, 0x36, 0x93, 0xc9, 0x12, 0x90, 0x9c, 0xb2, 0x26, 0xaa, 0x47, 0x94, 0xf2, 0x6a, 0x48,
];
const CHARLIE: [u8; 32] = [
    0x90, 0xb5, 0xab, 0x20, 0x5c, 0x69, 0x74, 0xc9, 0xea, 0x84, 0x1b, 0xe6, 0x88, 0x86, 0x46, 0x33,
    0xdc, 0x9c, 0xa8, 0xa3, 0x57, 0x84, 0x3e, 0xea, 0xcf, 0x23, 0x14, 0x64, 0x99, 0x65, 0xfe, 0x22,
];

/// A contract address made of `b` repeated.
fn addr(b: u8) -> AccountId {
    AccountId::from([b; 32])
}

fn transfer(to: [u8; 32], amount: u128) -> Action {
    Action::Transfer {
        to: to.into(),
        amount,
    }
}

/// `0x33…33`: the signing key of the agent a `RegisterMember` action registers; it only
/// makes that action's bind-key proof and signs no vector.
const KEY_33: [u8; 32] = [0x33; 32];

fn profile(
    kind: MemberKind,
    perspectives: &[Perspective],
    weight: u128,
    metadata_uri: &str,
    operator: Option<[u8; 32]>,
) -> MemberProfile {
    MemberProfile {
        kind,
        perspectives: perspectives.iter().copied().collect(),
        weight,
        metadata_uri: metadata_uri.into(),
        operator: operator.map(AccountId::from),
    }
}

/// `secret`'s key with its bind-key proof for `account` in `registry` on `chain_tag`: what
/// the registry checks when it registers the member.
fn key_binding(
    secret: &[u8; 32],
    chain_tag: &str,
    registry: AccountId,
    account: AccountId,
) -> KeyBinding {
    let binding = testing::key_binding(
        &testing::secret_from_bytes(secret).expect("a vector key in 1..n"),
        chain_tag,
        registry,
        account,
    );
    let hash = bind_key_hash(chain_tag, registry, account);
    assert_eq!(recover_signer(&binding.proof, &hash), Ok(binding.key));
    binding
}

/// Parameters a hub might adopt: a week of review and of voting (6-second blocks), a day of
/// timelock, two of grace, a week-long spending period.
fn weekly_params() -> HubParams {
    HubParams {
        review_window: 100_800,
        voting_window: 100_800,
        timelock: 14_400,
        grace_period: 28_800,
        review_rules: ReviewRules {
            min_reviews: 3,
            required_perspectives: [
                Perspective::Safety,
                Perspective::Finance,
                Perspective::Technical,
            ]
            .into_iter()
            .collect(),
            max_rejections: 1,
        },
        voting_rules: VotingRules {
            quorum_bps: 2_000,
            approval_threshold_bps: 6_000,
            require_both_kinds: true,
        },
        max_open_per_member: 3,
        veto_threshold: 2,
        max_spend_per_proposal: 5_000_000_000_000_000,
        max_spend_per_period: 20_000_000_000_000_000,
        spending_period: 100_800,
    }
}

/// Every parameter at its upper bound (the largest values a `SetParams` may carry).
fn largest_params() -> HubParams {
    HubParams {
        review_window: agora_types::MAX_WINDOW,
        voting_window: agora_types::MAX_WINDOW,
        timelock: agora_types::MAX_TIMELOCK,
        grace_period: agora_types::MAX_GRACE_PERIOD,
        review_rules: ReviewRules {
            min_reviews: agora_types::MAX_MIN_REVIEWS,
            required_perspectives: PerspectiveSet(PerspectiveSet::VALID_MASK),
            max_rejections: u32::MAX,
        },
        voting_rules: VotingRules {
            quorum_bps: agora_types::MAX_QUORUM_BPS,
            approval_threshold_bps: agora_types::MAX_APPROVAL_THRESHOLD_BPS,
            require_both_kinds: false,
        },
        max_open_per_member: agora_types::MAX_OPEN_PER_MEMBER,
        veto_threshold: agora_types::MAX_VETO_THRESHOLD,
        max_spend_per_proposal: agora_types::MAX_SPEND_CAP,
        max_spend_per_period: agora_types::MAX_SPEND_CAP,
        spending_period: agora_types::MAX_SPENDING_PERIOD,
    }
}

/// Every vector: name, secret key, payload.
fn definitions() -> Vec<(&'static str, [u8; 32], Payload)> {
    // 32 bytes, the longest chain tag a contract accepts (compact prefix 0x80).
    let long_tag = "agora-testnet-0123456789abcdefgh";
    assert_eq!(long_tag.len(), agora_types::MAX_CHAIN_TAG_LEN);
    // 107 bytes (101 characters), non-ASCII included (compact prefix in two-byte mode; length in bytes).
    let long_uri =
        "https://agora.invalid/proposals/äöü-treasury-grants?round=2025-Q3&lang=de#section-3-Kostenübersicht-€";
    // Exactly 64 bytes: the first length that needs the two-byte compact mode.
    let uri_64 = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbz";
    assert_eq!(uri_64.len(), 64);
    // The governance vectors' parameters are within the hub's bounds.
    for params in [weekly_params(), largest_params()] {
        assert_eq!(params.check_bounds(), Ok(()));
    }
    // A call's input: the SCALE arguments (AccountId, u128) of a message, 48 bytes.
    let grant_input = (AccountId::from(ALICE), 5_000_000_000_000u128).encode();
    // 100 bytes: a two-byte compact length (0x9101).
    let input_100: Vec<u8> = (0..100).collect();
    vec![
        (
            "bind-key/local-01",
            KEY_01,
            Payload::BindKey(BindKeyPayload {
                chain_tag: "agora-local".into(),
                registry: addr(0x01),
                account: addr(0x02),
            }),
        ),
        (
            "bind-key/alice-sha256-empty",
            KEY_SHA256_EMPTY,
            Payload::BindKey(BindKeyPayload {
                chain_tag: "agora-paseo".into(),
                registry: addr(0xa1),
                account: ALICE.into(),
            }),
        ),
        (
            "bind-key/longest-chain-tag-n-minus-1",
            KEY_N_MINUS_1,
            Payload::BindKey(BindKeyPayload {
                chain_tag: long_tag.into(),
                registry: addr(0xa1),
                account: CHARLIE.into(),
            }),
        ),
        (
            "vote/voting-md-vector",
            KEY_11,
            Payload::Vote(VotePayload {
                chain_tag: "agora-local".into(),
                contract: addr(0x01),
                voter: addr(0x02),
                deadline: 0x0102_0304,
                ballot: BallotId::decision(7),
                choice: VoteChoice::Against,
                rationale_hash: [0x03; 32],
            }),
        ),
        (
            "vote/for-without-rationale",
            KEY_01,
            Payload::Vote(VotePayload {
                chain_tag: "agora-local".into(),
                contract: addr(0xc3),
                voter: BOB.into(),
                deadline: 100,
                ballot: BallotId::decision(1),
                choice: VoteChoice::For,
                rationale_hash: [0; 32],
            }),
        ),
        (
            "vote/abstain-max-ids",
            KEY_02,
            Payload::Vote(VotePayload {
                chain_tag: "agora-paseo".into(),
                contract: addr(0xc3),
                voter: CHARLIE.into(),
                deadline: u32::MAX,
                ballot: BallotId::decision(u32::MAX),
                choice: VoteChoice::Abstain,
                rationale_hash: blake2_256(b"I abstain: conflict of interest."),
            }),
        ),
        (
            "proposal/two-transfers",
            KEY_01,
            Payload::Proposal(ProposalPayload {
                chain_tag: "agora-local".into(),
                hub: addr(0xb2),
                author: BOB.into(),
                nonce: 0,
                deadline: 1_000,
                content_hash: blake2_256(b"Fund the audit of the voting contract."),
                uri: "ipfs://bafkreia7audit".into(),
                actions: vec![transfer(ALICE, 1_000_000_000_000), transfer(CHARLIE, 1)],
            }),
        ),
        (
            "proposal/succession",
            KEY_01,
            Payload::Proposal(ProposalPayload {
                chain_tag: "agora-local".into(),
                hub: addr(0xb2),
                author: BOB.into(),
                nonce: 3,
                deadline: 9_000,
                content_hash: blake2_256(b"Hand the suite on to its successor."),
                uri: "ipfs://bafkreisuccession".into(),
                actions: vec![Action::Succession {
                    successor: addr(0x5c),
                    code_hash: [0xc0; 32],
                }],
            }),
        ),
        (
            "proposal/no-actions-max-nonce",
            KEY_02,
            Payload::Proposal(ProposalPayload {
                chain_tag: "agora-local".into(),
                hub: addr(0xb2),
                author: CHARLIE.into(),
                nonce: u64::MAX,
                deadline: 4_321,
                content_hash: blake2_256(b"A text-only proposal."),
                uri: String::new(),
                actions: vec![],
            }),
        ),
        (
            "proposal/three-transfers-long-uri",
            KEY_SHA256_EMPTY,
            Payload::Proposal(ProposalPayload {
                chain_tag: "agora-paseo".into(),
                hub: addr(0xb2),
                author: ALICE.into(),
                nonce: 0x0123_4567_89ab_cdef,
                deadline: 0x00ff_ff00,
                content_hash: blake2_256(b"Q3 grants."),
                uri: long_uri.into(),
                actions: vec![
                    transfer(BOB, u128::MAX),
                    transfer(CHARLIE, 1 << 64),
                    transfer(BOB, 0x0102_0304_0506_0708_090a_0b0c_0d0e_0f10),
                ],
            }),
        ),
        (
            "proposal/governance-register-agent-set-params-call",
            KEY_01,
            Payload::Proposal(ProposalPayload {
                chain_tag: "agora-local".into(),
                hub: addr(0xb2),
                author: BOB.into(),
                nonce: 2,
                deadline: 2_000,
                content_hash: blake2_256(
                    b"Admit the treasury agent, set weekly parameters, fund the grants pool.",
                ),
                uri: "ipfs://bafkreigovernance".into(),
                actions: vec![
                    Action::RegisterMember {
                        account: addr(0xa9),
                        profile: profile(
                            MemberKind::Agent,
                            &[Perspective::Finance, Perspective::Technical],
                            1,
                            "ipfs://bafkreitreasuryagent",
                            Some(ALICE),
                        ),
                        // Bound in the registry 0x01…01 of agora-local (bind-key/local-01's).
                        key: Some(key_binding(&KEY_33, "agora-local", addr(0x01), addr(0xa9))),
                    },
                    Action::SetParams {
                        params: weekly_params(),
                    },
                    Action::Call {
                        callee: addr(0xe7),
                        selector: [0x84, 0xa1, 0x5d, 0xa1],
                        input: grant_input,
                        value: 1_000_000_000_000,
                    },
                    transfer(CHARLIE, 250_000_000_000),
                ],
            }),
        ),
        (
            "proposal/register-human-largest-params-two-calls",
            KEY_SHA256_EMPTY,
            Payload::Proposal(ProposalPayload {
                chain_tag: "agora-paseo".into(),
                hub: addr(0xb2),
                author: ALICE.into(),
                nonce: 7,
                deadline: u32::MAX,
                content_hash: blake2_256(
                    b"Admit a reviewer, raise every limit, call two contracts.",
                ),
                uri: String::new(),
                actions: vec![
                    Action::RegisterMember {
                        account: addr(0xa7),
                        profile: profile(
                            MemberKind::Human,
                            &Perspective::ALL,
                            agora_types::MAX_MEMBER_WEIGHT,
                            "",
                            None,
                        ),
                        key: None,
                    },
                    Action::SetParams {
                        params: largest_params(),
                    },
                    Action::Call {
                        callee: addr(0xe8),
                        selector: [0xde, 0xad, 0xbe, 0xef],
                        input: Vec::new(),
                        value: 0,
                    },
                    Action::Call {
                        callee: addr(0xe8),
                        selector: [0x00, 0x00, 0x00, 0x01],
                        input: input_100,
                        value: agora_types::MAX_SPEND_CAP,
                    },
                ],
            }),
        ),
        (
            "revision/second-one-transfer",
            KEY_01,
            Payload::Revision(RevisionPayload {
                chain_tag: "agora-local".into(),
                hub: addr(0xb2),
                author: BOB.into(),
                deadline: 1_200,
                proposal: 1,
                revision: 2,
                content_hash: blake2_256(b"Fund the audit of the voting contract (v2)."),
                uri: "ipfs://bafkreia7audit-v2".into(),
                actions: vec![transfer(ALICE, 900_000_000_000)],
            }),
        ),
        (
            "revision/no-actions",
            KEY_SHA256_EMPTY,
            Payload::Revision(RevisionPayload {
                chain_tag: "agora-paseo".into(),
                hub: addr(0xb2),
                author: ALICE.into(),
                deadline: 0,
                proposal: 42,
                revision: 7,
                content_hash: [0; 32],
                uri: "x".into(),
                actions: vec![],
            }),
        ),
        (
            "revision/uri-64-bytes-n-minus-1",
            KEY_N_MINUS_1,
            Payload::Revision(RevisionPayload {
                chain_tag: long_tag.into(),
                hub: addr(0xb2),
                author: CHARLIE.into(),
                deadline: 0x0102_0304,
                proposal: 0x0a0b_0c0d,
                revision: 2,
                content_hash: blake2_256(b"Revised."),
                uri: uri_64.into(),
                actions: vec![transfer(ALICE, 5), transfer(BOB, 6)],
            }),
        ),
        (
            "revision/membership-and-writers",
            KEY_01,
            Payload::Revision(RevisionPayload {
                chain_tag: "agora-local".into(),
                hub: addr(0xb2),
                author: BOB.into(),
                deadline: 2_400,
                proposal: 3,
                revision: 2,
                content_hash: blake2_256(b"Membership and log writers (v2)."),
                uri: "ipfs://bafkreimembership-v2".into(),
                actions: vec![
                    Action::UpdateMember {
                        account: addr(0xa9),
                        profile: profile(
                            MemberKind::Agent,
                            &[Perspective::Safety, Perspective::Ethics],
                            2,
                            "ipfs://bafkreitreasuryagent-v2",
                            Some(CHARLIE),
                        ),
                    },
                    Action::UpdateMember {
                        account: ALICE.into(),
                        profile: profile(
                            MemberKind::Human,
                            &[Perspective::Community],
                            3,
                            "https://agora.invalid/members/alice",
                            None,
                        ),
                    },
                    Action::SuspendMember {
                        account: addr(0xa7),
                    },
                    Action::ReinstateMember {
                        account: addr(0xa6),
                    },
                    Action::RemoveMember {
                        account: CHARLIE.into(),
                    },
                    Action::AuthorizeWriter { writer: addr(0xe9) },
                    Action::RevokeWriter { writer: addr(0xea) },
                ],
            }),
        ),
    ]
}

/// Envelopes a reader must refuse (`agora_types::wire::read_envelope`), each one edit away
/// from a vector's envelope, with the `EnvelopeError` for it.
fn invalid_envelopes() -> Vec<Value> {
    let (proposal, secret) = defined("proposal/two-transfers");
    let hash = proposal.contract_hash();
    let base = json!({
        "kind": proposal.kind(),
        "payload": proposal.to_json(),
        "scale": hex(&proposal.scale()),
        "hash": hex(&hash),
        "signature": hex(&sign(&secret, &hash)),
        "signer": hex(&public_key(&secret)),
    });
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        v
    };
    let author_hex = hex(proposal_author(&proposal).as_ref());
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "hex-account",
            edit(&|v| v["payload"]["author"] = json!(author_hex)),
            "NotCanonical",
        ),
        (
            "integer-nonce",
            edit(&|v| v["payload"]["nonce"] = json!(0)),
            "NotCanonical",
        ),
        (
            "action-as-array",
            edit(&|v| {
                let a = v["payload"]["actions"][0].clone();
                v["payload"]["actions"][0] = json!([a["type"], a["to"], a["amount"]]);
            }),
            "NotCanonical",
        ),
        (
            "action-tag-as-index",
            edit(&|v| v["payload"]["actions"][0]["type"] = json!(0)),
            "NotCanonical",
        ),
        (
            "nonce-leading-zero",
            edit(&|v| v["payload"]["nonce"] = json!("00")),
            "NotCanonical",
        ),
        (
            "unknown-field",
            edit(&|v| v["relayer_tip"] = json!("1")),
            "NotCanonical",
        ),
        (
            "edited-amount",
            edit(&|v| v["payload"]["actions"][0]["amount"] = json!("1000000000001")),
            "PayloadMismatch",
        ),
        (
            "edited-hash",
            edit(&|v| v["hash"] = json!(hex(&[0x11; 32]))),
            "HashMismatch",
        ),
        (
            "high-s-signature",
            edit(&|v| v["signature"] = json!(hex(&testing::high_s_twin(&sign(&secret, &hash))))),
            "Signature(HighS)",
        ),
        (
            "another-signer",
            edit(&|v| v["signer"] = json!(hex(&public_key(&KEY_02)))),
            "WrongSigner",
        ),
    ];
    cases
        .into_iter()
        .map(|(name, envelope, error)| {
            json!({"name": format!("envelope/{name}"), "envelope": envelope, "error": error})
        })
        .collect()
}

fn proposal_author(p: &Payload) -> AccountId {
    match p {
        Payload::Proposal(p) => p.author,
        _ => panic!("a proposal"),
    }
}

/// A payload of `definitions` by vector name.
fn defined(name: &str) -> (Payload, [u8; 32]) {
    definitions()
        .into_iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, secret, payload)| (payload, secret))
        .unwrap_or_else(|| panic!("no vector {name}"))
}

/// The smallest `r` (as 32 big-endian bytes) below n that is the x coordinate of no point
/// on secp256k1 (x³ + 7 is not a square mod p), so no key recovers from a signature with it.
fn no_curve_point_r() -> [u8; 32] {
    let hash = blake2_256(b"agora/no-point");
    (1u8..=255)
        .map(|x| {
            let mut r = [0u8; 32];
            r[31] = x;
            r
        })
        .find(|r| {
            let mut sig = [0u8; 65];
            sig[..32].copy_from_slice(r);
            sig[63] = 1;
            recover_signer(&sig, &hash) == Err(agora_types::SignatureError::RecoveryFailed)
        })
        .expect("about half of all x have no point")
}

/// Signatures a verifier must refuse, each with one defect, over a valid vote's hash: the
/// `SignatureError` the contracts return for it (`check_signature_form`, before recovery).
fn invalid_signatures() -> Vec<Value> {
    let (payload, secret) = defined("vote/voting-md-vector");
    let hash = payload.contract_hash();
    let good = sign(&secret, &hash);
    let with = |edit: &dyn Fn(&mut Signature)| {
        let mut sig = good;
        edit(&mut sig);
        sig
    };
    let cases: Vec<(&str, Signature, &str)> = vec![
        (
            "v-27-ethereum-style",
            with(&|s| s[64] += 27),
            "InvalidRecoveryId",
        ),
        ("v-2", with(&|s| s[64] = 2), "InvalidRecoveryId"),
        ("high-s-twin", testing::high_s_twin(&good), "HighS"),
        ("r-zero", with(&|s| s[..32].fill(0)), "ZeroComponent"),
        ("s-zero", with(&|s| s[32..64].fill(0)), "ZeroComponent"),
        (
            "r-equals-n",
            with(&|s| s[..32].copy_from_slice(&SECP256K1_ORDER)),
            "ROutOfRange",
        ),
        ("r-all-ones", with(&|s| s[..32].fill(0xff)), "ROutOfRange"),
        // Two defects: the order of the checks decides the error (v, zero, r ≥ n, high s).
        (
            "v-2-and-r-zero",
            with(&|s| {
                s[64] = 2;
                s[..32].fill(0);
            }),
            "InvalidRecoveryId",
        ),
        (
            "r-equals-n-and-s-zero",
            with(&|s| {
                s[..32].copy_from_slice(&SECP256K1_ORDER);
                s[32..64].fill(0);
            }),
            "ZeroComponent",
        ),
        (
            "r-equals-n-and-high-s",
            with(&|s| {
                s[..32].copy_from_slice(&SECP256K1_ORDER);
                s[32..64].fill(0xee);
            }),
            "ROutOfRange",
        ),
        (
            "no-point-has-this-r",
            with(&|s| s[..32].copy_from_slice(&no_curve_point_r())),
            "RecoveryFailed",
        ),
    ];
    cases
        .into_iter()
        .map(|(name, signature, error)| {
            json!({
                "name": format!("signature/{name}"),
                "kind": payload.kind(),
                "hash": hex(&hash),
                "signature": hex(&signature),
                "error": error,
            })
        })
        .collect()
}

/// Payloads a signer must refuse to sign: malformed JSON of the dialect (`"error": "wire"`),
/// and well-formed payloads every hub refuses (`"error"`: the `ProposalError`, in Rust's
/// Debug form, that `check_content_shape` returns), each one defect away from a valid vector.
fn invalid_payloads() -> Vec<Value> {
    let (proposal, _) = defined("proposal/two-transfers");
    let (vote, _) = defined("vote/voting-md-vector");
    let base = proposal.to_json();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        v
    };
    let transfer_to = base["actions"][0]["to"].clone();
    let alice_typo = base["actions"][0]["to"]
        .as_str()
        .expect("an address")
        .replacen("Grwva", "Grwvb", 1);
    let mut vote_capital = vote.to_json();
    vote_capital["choice"] = json!("For");
    // A vote as format v1 of the payload named it: a bare proposal id, no ballot.
    let mut vote_bare_proposal = vote.to_json();
    if let Some(o) = vote_bare_proposal.as_object_mut() {
        o.remove("ballot");
        o.insert("proposal".into(), json!(7));
    }
    let mut vote_unknown_purpose = vote.to_json();
    vote_unknown_purpose["ballot"]["purpose"] = json!("override");
    let profile = json!({
        "kind": "human", "perspectives": ["safety"], "weight": "0",
        "metadata_uri": "", "operator": null,
    });
    let mut partial_params = serde_json::to_value(testing::params()).expect("params");
    partial_params.as_object_mut().map(|o| o.remove("timelock"));
    let mut cases: Vec<(&str, &str, Value, String)> = vec![
        (
            "nonce-leading-zero",
            "proposal",
            edit(&|v| v["nonce"] = json!("00")),
            "wire".into(),
        ),
        (
            "deadline-as-string",
            "proposal",
            edit(&|v| v["deadline"] = json!("1000")),
            "wire".into(),
        ),
        (
            "set-params-missing-a-parameter",
            "proposal",
            edit(&|v| v["actions"] = json!([{"type": "set_params", "params": partial_params}])),
            "wire".into(),
        ),
        (
            "register-member-without-key-field",
            "proposal",
            edit(
                &|v| v["actions"] = json!([{"type": "register_member", "account": transfer_to, "profile": {"kind": "human", "perspectives": ["safety"], "weight": "1", "metadata_uri": "", "operator": null}}]),
            ),
            "wire".into(),
        ),
        (
            "perspective-capitalised",
            "proposal",
            edit(
                &|v| v["actions"] = json!([{"type": "register_member", "account": transfer_to, "profile": {"kind": "human", "perspectives": ["Safety"], "weight": "1", "metadata_uri": "", "operator": null}, "key": null}]),
            ),
            "wire".into(),
        ),
        (
            "hex-uppercase",
            "proposal",
            edit(&|v| {
                v["content_hash"] = json!(v["content_hash"]
                    .as_str()
                    .map(|h| format!("0x{}", h[2..].to_uppercase())))
            }),
            "wire".into(),
        ),
        (
            "hex-without-0x",
            "proposal",
            edit(&|v| {
                v["content_hash"] = json!(v["content_hash"].as_str().map(|h| h[2..].to_owned()))
            }),
            "wire".into(),
        ),
        (
            "hash-31-bytes",
            "proposal",
            edit(&|v| v["content_hash"] = json!(format!("0x{}", "ab".repeat(31)))),
            "wire".into(),
        ),
        (
            "account-checksum-typo",
            "proposal",
            edit(&|v| v["actions"][0]["to"] = json!(alice_typo)),
            "wire".into(),
        ),
        (
            "nonce-negative",
            "proposal",
            edit(&|v| v["nonce"] = json!("-1")),
            "wire".into(),
        ),
        (
            "nonce-over-u64",
            "proposal",
            edit(&|v| v["nonce"] = json!("18446744073709551616")),
            "wire".into(),
        ),
        (
            "nonce-with-spaces",
            "proposal",
            edit(&|v| v["nonce"] = json!(" 1")),
            "wire".into(),
        ),
        (
            "deadline-over-u32",
            "proposal",
            edit(&|v| v["deadline"] = json!(4_294_967_296u64)),
            "wire".into(),
        ),
        (
            "amount-over-u128",
            "proposal",
            edit(&|v| v["actions"][0]["amount"] = json!("340282366920938463463374607431768211456")),
            "wire".into(),
        ),
        (
            "amount-fraction",
            "proposal",
            edit(&|v| v["actions"][0]["amount"] = json!(1.5)),
            "wire".into(),
        ),
        (
            "unknown-field",
            "proposal",
            edit(&|v| v["memo"] = json!("hi")),
            "wire".into(),
        ),
        (
            "unknown-action-type",
            "proposal",
            edit(&|v| v["actions"][0]["type"] = json!("mint")),
            "wire".into(),
        ),
        (
            "action-type-capitalised",
            "proposal",
            edit(&|v| v["actions"][0]["type"] = json!("Transfer")),
            "wire".into(),
        ),
        (
            "missing-field",
            "proposal",
            edit(&|v| {
                v.as_object_mut().map(|o| o.remove("uri"));
            }),
            "wire".into(),
        ),
        (
            "vote-choice-capitalised",
            "vote",
            vote_capital,
            "wire".into(),
        ),
        (
            "vote-bare-proposal-without-ballot",
            "vote",
            vote_bare_proposal,
            "wire".into(),
        ),
        (
            "vote-ballot-purpose-undefined",
            "vote",
            vote_unknown_purpose,
            "wire".into(),
        ),
        (
            "zero-transfer",
            "proposal",
            edit(&|v| v["actions"][1]["amount"] = json!("0")),
            "ZeroTransfer".into(),
        ),
        (
            "succession-beside-a-transfer",
            "proposal",
            edit(&|v| {
                v["actions"][1] = json!({
                    "type": "succession",
                    "successor": v["actions"][0]["to"].clone(),
                    "code_hash": format!("0x{}", "c0".repeat(32)),
                })
            }),
            "SuccessionNotAlone".into(),
        ),
        (
            "nine-actions",
            "proposal",
            edit(&|v| {
                v["actions"] = json!(vec![
                    json!({"type": "transfer", "to": transfer_to, "amount": "1"});
                    MAX_ACTIONS as usize + 1
                ])
            }),
            "InvalidActionCount".into(),
        ),
        (
            "uri-too-long",
            "proposal",
            edit(&|v| v["uri"] = json!("u".repeat(MAX_URI_LEN + 1))),
            "UriTooLong".into(),
        ),
        (
            "member-weight-zero",
            "proposal",
            edit(
                &|v| v["actions"] = json!([{"type": "register_member", "account": transfer_to, "profile": profile, "key": null}]),
            ),
            format!(
                "{:?}",
                ProposalError::Registry(RegistryError::WeightOutOfRange)
            ),
        ),
        (
            "call-input-too-long",
            "proposal",
            edit(
                &|v| v["actions"] = json!([{"type": "call", "callee": transfer_to, "selector": "0x00000001", "input": hex(&vec![0u8; MAX_CALL_INPUT_LEN as usize + 1]), "value": "0"}]),
            ),
            "CallInputTooLong".into(),
        ),
    ];
    // A revision past MAX_REVISIONS, and one numbered as the submission: refused by every hub.
    let (revision, _) = defined("revision/second-one-transfer");
    let mut past_max = revision.to_json();
    past_max["revision"] = json!(MAX_REVISIONS + 1);
    cases.push((
        "past-max-revisions",
        "revision",
        past_max,
        "TooManyRevisions".into(),
    ));
    let mut first = revision.to_json();
    first["revision"] = json!(1);
    cases.push((
        "numbered-as-the-submission",
        "revision",
        first,
        "StaleRevision".into(),
    ));
    let mut zero_timelock = serde_json::to_value(testing::params()).expect("params");
    zero_timelock["timelock"] = json!(0);
    cases.push((
        "params-timelock-zero",
        "proposal",
        edit(&|v| v["actions"] = json!([{"type": "set_params", "params": zero_timelock}])),
        format!(
            "{:?}",
            ProposalError::ParameterOutOfBounds(HubParam::Timelock)
        ),
    ));
    cases
        .into_iter()
        .map(|(name, kind, payload, error)| {
            json!({"name": format!("{kind}/{name}"), "kind": kind, "payload": payload, "error": error})
        })
        .collect()
}

/// The fixture's content, computed from [`definitions`] with this crate's types.
fn generate() -> Value {
    let mut keys: Vec<[u8; 32]> = Vec::new();
    let vectors: Vec<Value> = definitions()
        .into_iter()
        .map(|(name, secret, payload)| {
            if !keys.contains(&secret) {
                keys.push(secret);
            }
            let hash = payload.contract_hash();
            json!({
                "name": name,
                "kind": payload.kind(),
                "domain": core::str::from_utf8(payload.domain()).expect("ASCII domain"),
                "secret_key": hex(&secret),
                "payload": payload.to_json(),
                "scale": hex(&payload.scale()),
                "hash": hex(&hash),
                "signer": hex(&public_key(&secret)),
                "signature": hex(&sign(&secret, &hash)),
            })
        })
        .collect();
    let kinds: Map<String, Value> = KINDS
        .iter()
        .map(|(kind, domain, fields)| {
            (
                (*kind).to_owned(),
                json!({
                    "domain": core::str::from_utf8(domain).expect("ASCII domain"),
                    "fields": fields,
                }),
            )
        })
        .collect();
    json!({
        "description": "Agora signing test vectors (v1): for each vector, scale = SCALE(payload), hash = blake2_256(domain ++ scale), signature = RFC 6979 secp256k1 signature of hash, 65 bytes r||s||v with s <= n/2 and v in {0, 1}; signer is the compressed public key of secret_key. Without name, domain and secret_key a vector is the envelope agora agent sign-* writes. invalid_signatures are signatures a verifier must refuse, with the SignatureError the contracts return; invalid_payloads are payloads a signer must refuse to sign: malformed ones (error: wire) and ones every hub refuses (error: the ProposalError variant). chain_tags are the tags a deployment binds by default on a chain with that genesis hash.",
        "spec": "docs/signing.md",
        "generator": GENERATOR,
        "encoding": "The wire dialect (docs/signing.md, JSON dialect; schemas/wire/): accounts in SS58 with prefix 42 (also read: 0x and 64 hex digits); every other byte string 0x and lowercase hex of its exact length; u8/u16/u32 JSON numbers; u64 and u128 decimal strings; an Option null or its value; enums with data tagged {\"type\": <snake_case variant>, ...}, field-less enums their snake_case name (for, against, abstain, human, agent); a perspective set the list of its lowercase names. Nested structs are objects of their fields. JSON key order carries no meaning: kinds.<kind>.fields is the SCALE field order.",
        "kinds": kinds,
        "keys": keys
            .iter()
            .map(|k| json!({ "secret_key": hex(k), "public_key": hex(&public_key(k)) }))
            .collect::<Vec<_>>(),
        "vectors": vectors,
        "bounds": {
            "MAX_URI_LEN": MAX_URI_LEN, "MAX_ACTIONS": MAX_ACTIONS, "MAX_REVISIONS": MAX_REVISIONS,
            "MAX_CALL_INPUT_LEN": MAX_CALL_INPUT_LEN, "MAX_MEMBER_WEIGHT": MAX_MEMBER_WEIGHT.to_string(),
            "MIN_WINDOW": MIN_WINDOW, "MAX_WINDOW": MAX_WINDOW,
            "MIN_TIMELOCK": MIN_TIMELOCK, "MAX_TIMELOCK": MAX_TIMELOCK,
            "MIN_GRACE_PERIOD": MIN_GRACE_PERIOD, "MAX_GRACE_PERIOD": MAX_GRACE_PERIOD,
            "MAX_OPEN_PER_MEMBER": MAX_OPEN_PER_MEMBER, "MIN_REQUIRED_REVIEWS": MIN_REQUIRED_REVIEWS,
            "MAX_MIN_REVIEWS": MAX_MIN_REVIEWS, "MAX_VETO_THRESHOLD": MAX_VETO_THRESHOLD,
            "MAX_SPEND_CAP": MAX_SPEND_CAP.to_string(),
            "MIN_SPENDING_PERIOD": MIN_SPENDING_PERIOD, "MAX_SPENDING_PERIOD": MAX_SPENDING_PERIOD,
            "MIN_QUORUM_BPS": MIN_QUORUM_BPS, "MAX_QUORUM_BPS": MAX_QUORUM_BPS,
            "MIN_APPROVAL_THRESHOLD_BPS": MIN_APPROVAL_THRESHOLD_BPS,
            "MAX_APPROVAL_THRESHOLD_BPS": MAX_APPROVAL_THRESHOLD_BPS,
        },
        "invalid_signatures": invalid_signatures(),
        "invalid_payloads": invalid_payloads(),
        "invalid_envelopes": invalid_envelopes(),
        "chain_tags": chain_tags(),
    })
}

/// Derived chain tags (docs/signing.md, "Chain tags"): `agora/` and the first 8 bytes of the
/// genesis hash in lowercase hex; the bytes after the eighth do not count.
fn chain_tags() -> Vec<Value> {
    let mut mixed = [0u8; 32];
    for (i, b) in mixed.iter_mut().enumerate() {
        *b = u8::try_from(i * 37 % 256).unwrap_or(0) ^ 0xa5;
    }
    let mut tail_differs = mixed;
    tail_differs[8] ^= 0xff;
    [[0u8; 32], [0xff; 32], mixed, tail_differs]
        .iter()
        .map(|g| json!({ "genesis_hash": hex(g), "chain_tag": derived_chain_tag(g) }))
        .collect()
}

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).expect("the fixture is JSON")
}

fn fixture_vectors() -> Vec<Value> {
    field(&fixture(), "vectors")
        .as_array()
        .expect("vectors is an array")
        .clone()
}

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[test]
fn every_vector_reproduces_scale_hash_and_signature() {
    for v in fixture_vectors() {
        let name = str_field(&v, "name");
        let kind = str_field(&v, "kind");
        let payload = Payload::from_json(kind, field(&v, "payload"));
        assert_eq!(payload.kind(), kind);
        assert_eq!(
            str_field(&v, "domain").as_bytes(),
            payload.domain(),
            "{name}: domain"
        );
        let scale = payload.scale();
        assert_eq!(hex(&scale), str_field(&v, "scale"), "{name}: SCALE bytes");
        // The contracts' helper and the spec's rule, computed independently of each other.
        let mut message = payload.domain().to_vec();
        message.extend_from_slice(&scale);
        assert_eq!(
            payload.contract_hash(),
            blake2_256(&message),
            "{name}: helper vs rule"
        );
        assert_eq!(
            hex(&payload.contract_hash()),
            str_field(&v, "hash"),
            "{name}: signing hash"
        );
        let secret = bytes_field::<32>(&v, "secret_key");
        assert_eq!(
            hex(&public_key(&secret)),
            str_field(&v, "signer"),
            "{name}: public key"
        );
        assert_eq!(
            hex(&sign(&secret, &payload.contract_hash())),
            str_field(&v, "signature"),
            "{name}: RFC 6979 signature"
        );
    }
}

#[test]
fn recover_signer_returns_every_vectors_public_key() {
    for v in fixture_vectors() {
        let name = str_field(&v, "name");
        let signature: Signature = unhex_n(str_field(&v, "signature"));
        let hash: Hash32 = bytes_field::<32>(&v, "hash");
        let key: SigningKey = unhex_n(str_field(&v, "signer"));
        assert_eq!(recover_signer(&signature, &hash), Ok(key), "{name}");
    }
}

#[test]
fn every_vector_signature_is_low_s_with_v_0_or_1() {
    let mut seen_v = [false; 2];
    for v in fixture_vectors() {
        let name = str_field(&v, "name");
        let signature: Signature = unhex_n(str_field(&v, "signature"));
        assert!(signature[64] <= 1, "{name}: v = {}", signature[64]);
        assert!(
            signature[32..64] <= SECP256K1_HALF_ORDER[..],
            "{name}: high S"
        );
        assert_eq!(check_signature_form(&signature), Ok(()), "{name}");
        seen_v[usize::from(signature[64])] = true;
    }
    assert_eq!(
        seen_v,
        [true, true],
        "the vectors exercise both recovery ids"
    );
}

#[test]
fn fixture_covers_every_kind_several_keys_and_action_counts() {
    let vectors = fixture_vectors();
    let count = |kind: &str| {
        vectors
            .iter()
            .filter(|v| str_field(v, "kind") == kind)
            .count()
    };
    for (kind, _, _) in KINDS {
        assert!(count(kind) >= 3, "at least three {kind} vectors");
    }
    let mut secrets: Vec<&str> = vectors.iter().map(|v| str_field(v, "secret_key")).collect();
    secrets.sort_unstable();
    secrets.dedup();
    assert!(secrets.len() >= 3, "at least three keys");
    let action_counts: Vec<usize> = vectors
        .iter()
        .filter(|v| str_field(v, "kind") == "proposal")
        .map(|v| actions_from(field(field(v, "payload"), "actions")).len())
        .collect();
    assert!(action_counts.contains(&0), "a proposal without actions");
    assert!(
        action_counts.iter().any(|n| *n >= 2),
        "a proposal with two or more transfers"
    );
}

#[test]
fn every_chain_tag_is_derived_from_its_genesis_hash() {
    let tags = field(&fixture(), "chain_tags")
        .as_array()
        .expect("chain_tags")
        .clone();
    assert!(tags.len() >= 4);
    for t in &tags {
        let genesis: [u8; 32] = bytes_field(t, "genesis_hash");
        assert_eq!(
            derived_chain_tag(&genesis),
            str_field(t, "chain_tag"),
            "{t}"
        );
    }
}

#[test]
fn fixture_is_exactly_what_the_generator_writes() {
    assert!(
        fixture() == generate(),
        "e2e-tests/fixtures/signing-vectors.json is stale or was edited by hand; run {GENERATOR}"
    );
}

#[test]
fn fixture_kinds_table_matches_the_payload_types() {
    // A payload's JSON (built from the real struct) has exactly the fields the table lists,
    // and encoding the fields one by one in the table's order gives the struct's SCALE.
    for (_, _, payload) in definitions() {
        let json = payload.to_json();
        assert_eq!(Payload::from_json(payload.kind(), &json), payload);
        let (_, order) = kind_info(payload.kind());
        let by_field: Vec<u8> = order
            .iter()
            .flat_map(|f| field_scale(&payload, f))
            .collect();
        assert_eq!(by_field, payload.scale(), "{} field order", payload.kind());
    }
}

/// SCALE of one named field of a payload.
fn field_scale(payload: &Payload, name: &str) -> Vec<u8> {
    match (payload, name) {
        (Payload::BindKey(p), "chain_tag") => p.chain_tag.encode(),
        (Payload::BindKey(p), "registry") => p.registry.encode(),
        (Payload::BindKey(p), "account") => p.account.encode(),
        (Payload::Vote(p), "chain_tag") => p.chain_tag.encode(),
        (Payload::Vote(p), "contract") => p.contract.encode(),
        (Payload::Vote(p), "voter") => p.voter.encode(),
        (Payload::Vote(p), "deadline") => p.deadline.encode(),
        (Payload::Vote(p), "ballot") => p.ballot.encode(),
        (Payload::Vote(p), "choice") => p.choice.encode(),
        (Payload::Vote(p), "rationale_hash") => p.rationale_hash.encode(),
        (Payload::Proposal(p), "chain_tag") => p.chain_tag.encode(),
        (Payload::Proposal(p), "hub") => p.hub.encode(),
        (Payload::Proposal(p), "author") => p.author.encode(),
        (Payload::Proposal(p), "nonce") => p.nonce.encode(),
        (Payload::Proposal(p), "deadline") => p.deadline.encode(),
        (Payload::Proposal(p), "content_hash") => p.content_hash.encode(),
        (Payload::Proposal(p), "uri") => p.uri.encode(),
        (Payload::Proposal(p), "actions") => p.actions.encode(),
        (Payload::Revision(p), "chain_tag") => p.chain_tag.encode(),
        (Payload::Revision(p), "hub") => p.hub.encode(),
        (Payload::Revision(p), "author") => p.author.encode(),
        (Payload::Revision(p), "deadline") => p.deadline.encode(),
        (Payload::Revision(p), "proposal") => p.proposal.encode(),
        (Payload::Revision(p), "revision") => p.revision.encode(),
        (Payload::Revision(p), "content_hash") => p.content_hash.encode(),
        (Payload::Revision(p), "uri") => p.uri.encode(),
        (Payload::Revision(p), "actions") => p.actions.encode(),
        (p, f) => panic!("no field {f:?} in a {} payload", p.kind()),
    }
}

#[test]
fn action_transfer_is_variant_zero_with_account_then_u128_le() {
    // Variant indices of existing actions never change; new variants are appended.
    let encoded = transfer([0xaa; 32], 0x0102).encode();
    let mut expected = vec![0u8];
    expected.extend_from_slice(&[0xaa; 32]);
    expected.extend_from_slice(&0x0102u128.to_le_bytes());
    assert_eq!(encoded, expected);
    assert_eq!(expected.len(), 49);
}

/// SCALE compact encoding, written out from the spec's table (not the codec's).
fn compact(n: usize) -> Vec<u8> {
    let n = u32::try_from(n).expect("small");
    match n {
        0..=63 => vec![u8::try_from(n << 2).expect("one byte")],
        64..=16_383 => u16::try_from((n << 2) | 0b01)
            .expect("two bytes")
            .to_le_bytes()
            .to_vec(),
        _ => ((n << 2) | 0b10).to_le_bytes().to_vec(),
    }
}

#[test]
fn every_action_variant_encodes_as_the_spec_says() {
    // Built byte by byte from docs/signing.md's Action table, not with the codec.
    let cat = |parts: &[&[u8]]| parts.concat();
    let agent = profile(
        MemberKind::Agent,
        &[
            Perspective::Safety,
            Perspective::Finance,
            Perspective::Technical,
        ],
        0x0102,
        "ab",
        Some([0xcc; 32]),
    );
    let agent_bytes = cat(&[
        &[1],                      // kind: Agent = 1 (Human = 0)
        &0x0091u16.to_le_bytes(),  // perspectives: bits 0, 4, 7 as u16 LE
        &0x0102u128.to_le_bytes(), // weight: u128 LE
        &[2 << 2, b'a', b'b'],     // metadata_uri: compact(2) ++ UTF-8
        &[1],                      // operator: Some
        &[0xcc; 32],               //   the account
    ]);
    assert_eq!(agent.encode(), agent_bytes);
    let human = profile(MemberKind::Human, &[Perspective::Community], 1, "", None);
    let human_bytes = cat(&[
        &[0],
        &0x0040u16.to_le_bytes(),
        &1u128.to_le_bytes(),
        &[0],
        &[0],
    ]);
    assert_eq!(human.encode(), human_bytes);
    let binding = KeyBinding {
        key: [0x02; 33],
        proof: [0x05; 65],
    };
    let params = HubParams {
        review_window: 0x11,
        voting_window: 0x12,
        timelock: 0x13,
        grace_period: 0x14,
        review_rules: ReviewRules {
            min_reviews: 0x15,
            required_perspectives: PerspectiveSet(0x0016),
            max_rejections: 0x17,
        },
        voting_rules: VotingRules {
            quorum_bps: 0x18,
            approval_threshold_bps: 0x19,
            require_both_kinds: true,
        },
        max_open_per_member: 0x1a,
        veto_threshold: 0x1b,
        max_spend_per_proposal: 0x1c,
        max_spend_per_period: 0x1d,
        spending_period: 0x1e,
    };
    let params_bytes = cat(&[
        &0x11u32.to_le_bytes(),
        &0x12u32.to_le_bytes(),
        &0x13u32.to_le_bytes(),
        &0x14u32.to_le_bytes(),
        &0x15u32.to_le_bytes(),
        &0x0016u16.to_le_bytes(),
        &0x17u32.to_le_bytes(),
        &0x18u32.to_le_bytes(),
        &0x19u32.to_le_bytes(),
        &[1],
        &0x1au32.to_le_bytes(),
        &0x1bu32.to_le_bytes(),
        &0x1cu128.to_le_bytes(),
        &0x1du128.to_le_bytes(),
        &0x1eu32.to_le_bytes(),
    ]);
    assert_eq!(params_bytes.len(), 79, "HubParams is 79 bytes");
    let a = [0xaa; 32];
    let call = |input: Vec<u8>| Action::Call {
        callee: a.into(),
        selector: [1, 2, 3, 4],
        input,
        value: 0x0102,
    };
    let call_bytes = |input: &[u8]| {
        cat(&[
            &[9],
            &a,
            &[1, 2, 3, 4],
            &compact(input.len()),
            input,
            &0x0102u128.to_le_bytes(),
        ])
    };
    let cases: Vec<(Action, Vec<u8>, Option<usize>)> = vec![
        (
            transfer(a, 5),
            cat(&[&[0], &a, &5u128.to_le_bytes()]),
            Some(49),
        ),
        (
            Action::RegisterMember {
                account: a.into(),
                profile: agent.clone(),
                key: Some(binding),
            },
            cat(&[&[1], &a, &agent_bytes, &[1], &binding.key, &binding.proof]),
            None,
        ),
        (
            Action::RegisterMember {
                account: a.into(),
                profile: human.clone(),
                key: None,
            },
            cat(&[&[1], &a, &human_bytes, &[0]]),
            None,
        ),
        (
            Action::UpdateMember {
                account: a.into(),
                profile: agent,
            },
            cat(&[&[2], &a, &agent_bytes]),
            None,
        ),
        (
            Action::SuspendMember { account: a.into() },
            cat(&[&[3], &a]),
            Some(33),
        ),
        (
            Action::ReinstateMember { account: a.into() },
            cat(&[&[4], &a]),
            Some(33),
        ),
        (
            Action::RemoveMember { account: a.into() },
            cat(&[&[5], &a]),
            Some(33),
        ),
        (
            Action::SetParams { params },
            cat(&[&[6], &params_bytes]),
            Some(80),
        ),
        (
            Action::AuthorizeWriter { writer: a.into() },
            cat(&[&[7], &a]),
            Some(33),
        ),
        (
            Action::RevokeWriter { writer: a.into() },
            cat(&[&[8], &a]),
            Some(33),
        ),
        (call(Vec::new()), call_bytes(&[]), Some(54)),
        (
            call(vec![7; 64]),
            call_bytes(&[7; 64]),
            Some(1 + 32 + 4 + 2 + 64 + 16),
        ),
        (
            Action::Succession {
                successor: a.into(),
                code_hash: [0xc0; 32],
            },
            cat(&[&[10], &a, &[0xc0; 32]]),
            Some(65),
        ),
    ];
    let mut seen = [false; ACTION_VARIANTS.len()];
    for (action, expected, size) in cases {
        let encoded = action.encode();
        assert_eq!(hex(&encoded), hex(&expected), "{action:?}");
        if let Some(size) = size {
            assert_eq!(encoded.len(), size, "{action:?}");
        }
        let index = usize::from(expected[0]);
        assert_eq!(
            action_json(&action)["type"].as_str(),
            Some(ACTION_VARIANTS[index]),
            "variant {index}'s name"
        );
        seen[index] = true;
    }
    assert_eq!(seen, [true; ACTION_VARIANTS.len()], "every variant checked");
}

#[test]
fn fixture_covers_every_action_variant_and_field_form() {
    let mut seen = [false; ACTION_VARIANTS.len()];
    let mut governance_kinds: Vec<String> = Vec::new();
    let mut actions: Vec<Action> = Vec::new();
    for v in fixture_vectors() {
        let kind = str_field(&v, "kind");
        let Some(list) = field(&v, "payload").get("actions") else {
            continue;
        };
        for json in list.as_array().expect("actions is an array") {
            let action = action_from(json);
            let index = usize::from(action.encode()[0]);
            assert_eq!(json["type"].as_str(), Some(ACTION_VARIANTS[index]));
            seen[index] = true;
            if index != 0 && !governance_kinds.iter().any(|k| k == kind) {
                governance_kinds.push(kind.to_owned());
            }
            actions.push(action);
        }
    }
    assert_eq!(seen, [true; ACTION_VARIANTS.len()], "every Action variant");
    governance_kinds.sort_unstable();
    assert_eq!(
        governance_kinds,
        ["proposal", "revision"],
        "governance actions"
    );
    let any = |f: &dyn Fn(&Action) -> bool| actions.iter().any(f);
    let profiles = || {
        actions.iter().filter_map(|a| match a {
            Action::RegisterMember { profile, .. } | Action::UpdateMember { profile, .. } => {
                Some(profile)
            }
            _ => None,
        })
    };
    let params = || {
        actions.iter().filter_map(|a| match a {
            Action::SetParams { params } => Some(params),
            _ => None,
        })
    };
    assert!(any(&|a| matches!(
        a,
        Action::RegisterMember { key: Some(_), .. }
    )));
    assert!(any(&|a| matches!(
        a,
        Action::RegisterMember { key: None, .. }
    )));
    assert!(profiles().any(|p| p.kind == MemberKind::Human && p.operator.is_none()));
    assert!(profiles().any(|p| p.kind == MemberKind::Agent && p.operator.is_some()));
    assert!(params().any(|p| p.voting_rules.require_both_kinds));
    assert!(params().any(|p| !p.voting_rules.require_both_kinds));
    assert!(any(
        &|a| matches!(a, Action::Call { input, .. } if input.is_empty())
    ));
    assert!(any(
        &|a| matches!(a, Action::Call { input, .. } if input.len() >= 64)
    ));
}

#[test]
fn every_vector_is_a_canonical_envelope_and_every_invalid_envelope_is_refused() {
    for v in fixture_vectors() {
        let mut env = v.clone();
        let o = env.as_object_mut().expect("object");
        for k in ["name", "domain", "secret_key"] {
            o.remove(k);
        }
        let name = str_field(&v, "name");
        assert!(
            agora_types::wire::read_envelope(&env.to_string()).is_ok(),
            "{name}"
        );
    }
    let list = field(&fixture(), "invalid_envelopes")
        .as_array()
        .expect("an array")
        .clone();
    assert!(list.len() >= 10);
    for v in list {
        let name = str_field(&v, "name");
        let text = field(&v, "envelope").to_string();
        let (error, why) = agora_types::wire::read_envelope(&text).expect_err(name);
        assert_eq!(
            format!("{error:?}"),
            str_field(&v, "error"),
            "{name}: {why}"
        );
    }
}

#[test]
fn every_invalid_signature_is_refused_with_its_error() {
    let list = field(&fixture(), "invalid_signatures")
        .as_array()
        .expect("an array")
        .clone();
    assert!(list.len() >= 7);
    for v in list {
        let name = str_field(&v, "name");
        let signature: Signature = unhex_n(str_field(&v, "signature"));
        let hash: Hash32 = bytes_field::<32>(&v, "hash");
        let error = recover_signer(&signature, &hash).expect_err(name);
        assert_eq!(format!("{error:?}"), str_field(&v, "error"), "{name}");
    }
}

/// Reads a payload of `kind` in the dialect; `None` when the dialect refuses it.
fn read_payload(kind: &str, v: &Value) -> Option<Payload> {
    fn read<T: serde::de::DeserializeOwned>(v: &Value) -> Option<T> {
        serde_json::from_value(v.clone()).ok()
    }
    match kind {
        "bind-key" => read(v).map(Payload::BindKey),
        "vote" => read(v).map(Payload::Vote),
        "proposal" => read(v).map(Payload::Proposal),
        "revision" => read(v).map(Payload::Revision),
        other => panic!("unknown kind {other:?}"),
    }
}

#[test]
fn every_invalid_payload_is_refused_by_the_dialect_or_the_hubs_shape_check() {
    let list = field(&fixture(), "invalid_payloads")
        .as_array()
        .expect("an array")
        .clone();
    let (mut wire, mut shape) = (0, 0);
    for v in list {
        let name = str_field(&v, "name");
        let kind = str_field(&v, "kind");
        let error = str_field(&v, "error");
        let read = read_payload(kind, field(&v, "payload"));
        if error == "wire" {
            assert!(read.is_none(), "{name}: the dialect accepted it");
            wire += 1;
            continue;
        }
        let refused = match read {
            Some(Payload::Proposal(p)) => check_content_shape(&p.uri, &p.actions),
            Some(Payload::Revision(r)) => check_revision_shape(&r),
            other => panic!("{name}: a well-formed proposal or revision expected, not {other:?}"),
        }
        .expect_err(name);
        assert_eq!(format!("{refused:?}"), error, "{name}");
        shape += 1;
    }
    assert!(
        wire >= 10 && shape >= 5,
        "{wire} malformed, {shape} refused by the hub"
    );
    // Each defect is the only one: the vectors it was made from are accepted.
    for (_, _, payload) in definitions() {
        match &payload {
            Payload::Proposal(p) => assert_eq!(check_content_shape(&p.uri, &p.actions), Ok(())),
            Payload::Revision(r) => assert_eq!(check_revision_shape(r), Ok(())),
            _ => {}
        }
    }
}

/// Rewrites the fixture from [`definitions`]. Ignored: run it on purpose (see the module
/// docs), then review the diff.
#[test]
#[ignore = "writes e2e-tests/fixtures/signing-vectors.json"]
fn regenerate_signing_vectors() {
    let mut text = serde_json::to_string_pretty(&generate()).expect("serializable");
    text.push('\n');
    std::fs::write(FIXTURE_PATH, text).expect("fixture written");
    println!("wrote {FIXTURE_PATH}");
}
