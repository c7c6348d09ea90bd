//! Signed messages: domain-separated hashes, the payloads agents sign, and the checks every
//! verifying contract shares.
//!
//! A signed message is `blake2_256(domain ++ SCALE(payload))`; every payload starts with the
//! chain tag, the verifying contract's address and the member's account. Signatures are 65
//! bytes `r ‖ s ‖ v` with `v ∈ {0, 1}` and `s ≤ n/2` (the host's `ecdsa_recover` also accepts
//! high-S and other `v` values, so the form is checked here first). docs/signing.md is the
//! language-neutral spec.

use crate::{Hash32, Signature, SigningKey};
use ink::{
    env::hash::{Blake2x256, HashOutput},
    prelude::{string::String, vec::Vec},
    primitives::AccountId,
    scale::Encode,
};

/// Domain of the proof that a key's holder binds it to an account.
pub const BIND_KEY_DOMAIN: &[u8] = b"agora/v1/bind-key";
/// Domain of a relayed vote. `v2`: the payload names a typed ballot (`BallotId`, proposal
/// and purpose) where v1 named a bare proposal id, so a signer still writing v1 payloads
/// is refused (`SignerMismatch`) rather than misread.
pub const VOTE_DOMAIN: &[u8] = b"agora/v2/vote";
/// Domain of a relayed new proposal.
pub const PROPOSAL_DOMAIN: &[u8] = b"agora/v1/proposal";
/// Domain of a relayed revision of a proposal.
pub const REVISION_DOMAIN: &[u8] = b"agora/v1/revision";

/// The order `n` of secp256k1, big-endian: `r` must be below it.
pub const SECP256K1_ORDER: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
];

/// Half the order of secp256k1, big-endian: the largest `s` a signature may carry.
pub const SECP256K1_HALF_ORDER: [u8; 32] = [
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
];

/// Why a signature was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum SignatureError {
    /// The recovery id `v` (last byte) is not 0 or 1.
    InvalidRecoveryId,
    /// `s` is greater than n/2 (a malleable twin of a valid signature).
    HighS,
    /// `r` or `s` is zero.
    ZeroComponent,
    /// No public key can be recovered from the signature and hash.
    RecoveryFailed,
    /// `r` is not below the group order `n` (no signature has such an `r`; hosts differ in
    /// what they do with one, so it is refused before recovery).
    ROutOfRange,
}

/// The message a key's holder signs to bind the key to `account` in `registry`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BindKeyPayload {
    /// Network name the registry was deployed with.
    pub chain_tag: String,
    /// Address of the agent registry.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::account")
    )]
    pub registry: AccountId,
    /// Account the key is bound to.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::account")
    )]
    pub account: AccountId,
}

/// `blake2_256(bytes)`.
pub fn blake2_256(bytes: &[u8]) -> Hash32 {
    let mut out = <Blake2x256 as HashOutput>::Type::default();
    ink::env::hash_bytes::<Blake2x256>(bytes, &mut out);
    out
}

/// The hash a signer signs: `blake2_256(domain ++ SCALE(payload))`.
pub fn signing_hash<P: Encode>(domain: &[u8], payload: &P) -> Hash32 {
    let mut bytes = Vec::with_capacity(domain.len().saturating_add(payload.size_hint()));
    bytes.extend_from_slice(domain);
    payload.encode_to(&mut bytes);
    blake2_256(&bytes)
}

/// The bind-key message for `account` in `registry` on `chain_tag`.
pub fn bind_key_hash(chain_tag: &str, registry: AccountId, account: AccountId) -> Hash32 {
    signing_hash(
        BIND_KEY_DOMAIN,
        &BindKeyPayload {
            chain_tag: chain_tag.into(),
            registry,
            account,
        },
    )
}

/// Whether `key` is a compressed secp256k1 public key (prefix 0x02 or 0x03).
///
/// Only the prefix is checked here; a key whose x coordinate is not on the curve can never
/// be recovered from a signature, so a proof of possession for it never verifies.
pub fn is_compressed_key(key: &SigningKey) -> bool {
    matches!(key[0], 0x02 | 0x03)
}

/// Checks the canonical form of a signature: `v ∈ {0, 1}`, `0 < r < n`, `0 < s ≤ n/2`.
pub fn check_signature_form(signature: &Signature) -> Result<(), SignatureError> {
    if signature[64] > 1 {
        return Err(SignatureError::InvalidRecoveryId);
    }
    let (r, rest) = signature.split_at(32);
    let s = &rest[..32];
    if r.iter().all(|b| *b == 0) || s.iter().all(|b| *b == 0) {
        return Err(SignatureError::ZeroComponent);
    }
    // Big-endian byte strings of equal length compare like the numbers they encode.
    if r >= &SECP256K1_ORDER[..] {
        return Err(SignatureError::ROutOfRange);
    }
    if s > &SECP256K1_HALF_ORDER[..] {
        return Err(SignatureError::HighS);
    }
    Ok(())
}

/// Checks the signature's form and recovers the compressed key that signed `message_hash`.
pub fn recover_signer(
    signature: &Signature,
    message_hash: &Hash32,
) -> Result<SigningKey, SignatureError> {
    check_signature_form(signature)?;
    let mut key = [0u8; 33];
    ink::env::ecdsa_recover(signature, message_hash, &mut key)
        .map_err(|_| SignatureError::RecoveryFailed)?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{high_s_twin, public_key, secret, sign};

    #[test]
    fn recover_signer_returns_the_signing_key() {
        let secret = secret(7);
        let hash = blake2_256(b"hello");
        assert_eq!(
            recover_signer(&sign(&secret, &hash), &hash),
            Ok(public_key(&secret))
        );
    }

    #[test]
    fn recovery_over_another_hash_yields_another_key() {
        let secret = secret(7);
        let sig = sign(&secret, &blake2_256(b"hello"));
        assert_ne!(
            recover_signer(&sig, &blake2_256(b"other")),
            Ok(public_key(&secret))
        );
    }

    #[test]
    fn high_s_twin_is_rejected() {
        let secret = secret(9);
        let hash = blake2_256(b"vote");
        let twin = high_s_twin(&sign(&secret, &hash));
        assert_eq!(recover_signer(&twin, &hash), Err(SignatureError::HighS));
    }

    #[test]
    fn r_at_or_above_the_order_is_rejected() {
        let secret = secret(9);
        let hash = blake2_256(b"vote");
        let mut sig = sign(&secret, &hash);
        sig[..32].copy_from_slice(&SECP256K1_ORDER);
        assert_eq!(
            recover_signer(&sig, &hash),
            Err(SignatureError::ROutOfRange)
        );
        sig[..32].copy_from_slice(&[0xff; 32]);
        assert_eq!(
            recover_signer(&sig, &hash),
            Err(SignatureError::ROutOfRange)
        );
        // n - 1 is in range: refused later only because no key recovers from it here.
        let mut below = SECP256K1_ORDER;
        below[31] -= 1;
        sig[..32].copy_from_slice(&below);
        assert_ne!(
            recover_signer(&sig, &hash),
            Err(SignatureError::ROutOfRange)
        );
    }

    #[test]
    fn recovery_id_above_one_is_rejected() {
        let secret = secret(9);
        let hash = blake2_256(b"vote");
        let mut sig = sign(&secret, &hash);
        sig[64] = 27;
        assert_eq!(
            recover_signer(&sig, &hash),
            Err(SignatureError::InvalidRecoveryId)
        );
    }

    #[test]
    fn zero_components_are_rejected() {
        let mut sig = [0u8; 65];
        sig[40] = 1;
        assert_eq!(
            check_signature_form(&sig),
            Err(SignatureError::ZeroComponent)
        );
    }

    #[test]
    fn half_order_itself_is_accepted_as_low_s() {
        let mut sig = [1u8; 65];
        sig[32..64].copy_from_slice(&SECP256K1_HALF_ORDER);
        sig[64] = 0;
        assert_eq!(check_signature_form(&sig), Ok(()));
        sig[63] += 1;
        assert_eq!(check_signature_form(&sig), Err(SignatureError::HighS));
    }

    #[test]
    fn signing_hash_prefixes_the_domain_to_the_scale_payload() {
        let payload = BindKeyPayload {
            chain_tag: "agora-local".into(),
            registry: AccountId::from([1u8; 32]),
            account: AccountId::from([2u8; 32]),
        };
        let mut bytes = BIND_KEY_DOMAIN.to_vec();
        bytes.push(11 << 2); // compact length of "agora-local"
        bytes.extend_from_slice(b"agora-local");
        bytes.extend_from_slice(&[1u8; 32]);
        bytes.extend_from_slice(&[2u8; 32]);
        assert_eq!(signing_hash(BIND_KEY_DOMAIN, &payload), blake2_256(&bytes));
        assert_eq!(
            bind_key_hash("agora-local", [1u8; 32].into(), [2u8; 32].into()),
            blake2_256(&bytes)
        );
    }

    #[test]
    fn only_02_and_03_prefixes_are_compressed_keys() {
        let mut key = [0u8; 33];
        for (prefix, ok) in [(0x02, true), (0x03, true), (0x04, false), (0x00, false)] {
            key[0] = prefix;
            assert_eq!(is_compressed_key(&key), ok);
        }
    }
}
