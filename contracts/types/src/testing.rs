//! What the suite's tests share (feature `testing`): an off-chain secp256k1 signer that makes
//! the signatures the contracts check (docs/signing.md), and the test organisation's
//! parameters.
//!
//! The contracts' unit tests, `tests/signing_vectors.rs`, the drink suite (`e2e-tests`) and
//! the node harness (`e2e-tests/node`) all sign with these functions and start from
//! [`params`]; a test that needs other values changes them with struct update syntax
//! (`HubParams { voting_window: 60, ..params() }`). Never enabled in a contract build.

use ink::primitives::AccountId;
pub use secp256k1::SecretKey;
use secp256k1::{Message, SECP256K1};

use crate::{
    bind_key_hash, Hash32, HubParams, KeyBinding, Perspective, ReviewRules, Signature, SigningKey,
    VotingRules,
};

/// The order `n` of secp256k1, big-endian.
const CURVE_ORDER: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

/// A deterministic secret key for `seed`: 32 bytes of `seed` with the first byte 1, so it is
/// never zero and always below the curve order (distinct seeds give distinct keys).
pub fn secret(seed: u8) -> SecretKey {
    let mut bytes = [seed; 32];
    bytes[0] = 1;
    // 0 < bytes < n whatever the seed (the first byte is 1, n's is 0xff): the one invariant
    // of this test-support module (feature `testing`, never in a contract build) that
    // panics, so that the 37 test call sites need not handle an error that cannot happen.
    secret_from_bytes(&bytes).expect("1 ‖ seed×31 is in 1..n")
}

/// The secret key with these 32 bytes; `Err(InvalidSecretKey)` unless `0 < bytes < n`.
pub fn secret_from_bytes(bytes: &[u8; 32]) -> Result<SecretKey, secp256k1::Error> {
    SecretKey::from_slice(bytes)
}

/// The 33-byte compressed public key of `secret`: what the registry binds.
pub fn public_key(secret: &SecretKey) -> SigningKey {
    secret.public_key(SECP256K1).serialize()
}

/// The signature of a 32-byte hash as the contracts take it: RFC 6979 deterministic, low-S,
/// `r ‖ s ‖ v` with `v ∈ {0, 1}` (libsecp256k1 always produces low S).
pub fn sign(secret: &SecretKey, hash: &Hash32) -> Signature {
    let message = Message::from_digest(*hash);
    let (id, compact) = SECP256K1
        .sign_ecdsa_recoverable(&message, secret)
        .serialize_compact();
    let mut signature = [0u8; 65];
    signature[..64].copy_from_slice(&compact);
    // A recovery id is 0..=3: its low byte is the whole value.
    signature[64] = id.to_i32().to_le_bytes()[0];
    signature
}

/// `secret`'s key with its proof of possession for `account` in `registry` on `chain_tag`
/// (a signature over [`bind_key_hash`]): what the registry checks when it binds the key.
pub fn key_binding(
    secret: &SecretKey,
    chain_tag: &str,
    registry: AccountId,
    account: AccountId,
) -> KeyBinding {
    KeyBinding {
        key: public_key(secret),
        proof: sign(secret, &bind_key_hash(chain_tag, registry, account)),
    }
}

/// The malleable twin of a signature: `s` replaced by `n − s` and `v` flipped. It recovers
/// the same key, and the contracts must refuse it (`SignatureError::HighS`).
pub fn high_s_twin(signature: &Signature) -> Signature {
    let mut out = *signature;
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let d = i16::from(CURVE_ORDER[i]) - i16::from(signature[32 + i]) - borrow;
        borrow = i16::from(d < 0);
        // 0..=255 after rem_euclid: the low byte is the whole value.
        out[32 + i] = d.rem_euclid(256).to_le_bytes()[0];
    }
    out[64] ^= 1;
    out
}

/// The test organisation's parameters: short windows (in blocks) so tests run quickly, two
/// reviews covering Safety and Efficiency, a majority of half the weight with both member
/// kinds held to it, a veto by one Safety member, and small spending caps.
///
/// | parameter | value |
/// |---|---|
/// | `review_window`, `voting_window` | 5 |
/// | `timelock` | 3 |
/// | `grace_period` | 5 |
/// | `review_rules` | `min_reviews` 2, {Safety, Efficiency}, `max_rejections` 0 |
/// | `voting_rules` | quorum 5 000 bps, threshold 5 000 bps, `require_both_kinds` |
/// | `max_open_per_member` | 3 |
/// | `veto_threshold` | 1 |
/// | `max_spend_per_proposal` / `max_spend_per_period` | 1 000 000 / 1 500 000 |
/// | `spending_period` | 100 |
pub fn params() -> HubParams {
    HubParams {
        review_window: 5,
        voting_window: 5,
        timelock: 3,
        grace_period: 5,
        review_rules: ReviewRules {
            min_reviews: 2,
            required_perspectives: [Perspective::Safety, Perspective::Efficiency]
                .into_iter()
                .collect(),
            max_rejections: 0,
        },
        voting_rules: VotingRules {
            quorum_bps: 5_000,
            approval_threshold_bps: 5_000,
            require_both_kinds: true,
        },
        max_open_per_member: 3,
        veto_threshold: 1,
        max_spend_per_proposal: 1_000_000,
        max_spend_per_period: 1_500_000,
        spending_period: 100,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{recover_signer, SignatureError};

    #[test]
    fn a_signature_recovers_its_key_and_its_twin_is_refused() {
        let key = secret(7);
        let hash = crate::blake2_256(b"hello");
        let signature = sign(&key, &hash);
        assert_eq!(recover_signer(&signature, &hash), Ok(public_key(&key)));
        assert_eq!(
            recover_signer(&high_s_twin(&signature), &hash),
            Err(SignatureError::HighS)
        );
        assert_ne!(public_key(&secret(8)), public_key(&key));
    }
}
