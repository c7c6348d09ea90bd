//! The one JSON dialect of the suite's types (feature `serde`): what the CLI, the Python
//! signer (tools/agora_signer), the web app and the fixtures read and write for actions,
//! signed payloads, envelopes, agent key files and the hub's parameters (deploy/agora.toml's
//! `[params]` is the same shape in TOML). docs/signing.md ("JSON dialect") is the
//! language-neutral description and `schemas/wire/` the JSON Schemas (feature `schema`),
//! generated from these types; docs/design-decisions.md says why it looks like this.
//!
//! - Objects carry the Rust field names, nested as the types nest (so an object's structure is
//!   its SCALE structure); unknown fields are refused, so a misspelt field is an error rather
//!   than a silent default.
//! - An enum with data is an object tagged by `"type"` (the variant in snake_case:
//!   `{"type": "transfer", "to": …, "amount": …}`); a field-less enum is its variant's
//!   snake_case name (`"for"`, `"agent"`), a perspective its lowercase name and a
//!   perspective set the list of its names, each at most once (`["safety", "ethics"]`,
//!   written in the perspectives' order).
//! - An account is written in SS58 with the generic prefix 42 (`5F…`), and read from SS58 of
//!   any network prefix, checksum checked, or from `0x` and 64 lowercase hex digits.
//! - Every other byte string (hashes, keys, signatures, selectors, call input, SCALE bytes) is
//!   `0x` and lowercase hex of exactly its length; uppercase or a missing `0x` is refused.
//! - u8, u16 and u32 are JSON numbers; u64 and u128 (nonces, amounts, weights) are written as
//!   decimal strings (JavaScript numbers stop at 2^53) and read from a decimal string of
//!   digits only, without leading zeros, or (in files people write) a JSON integer; a value
//!   out of the type's range is refused.
//! - A signed envelope is read with [`read_envelope`], which also refuses any spelling of its
//!   payload but the canonical one (what [`Envelope`] writes): serde would otherwise read a
//!   struct from an array, a variant from its index or a number from an integer, and a
//!   reader could be shown something that does not say plainly what was signed.
//! - An `Option` is `null` or its value, and the field is present all the same.
//! - Only a configuration file (a `[params]` table, read with [`params_from_config`]) may
//!   leave a parameter out: it is then [`HubParams::default`]'s, except the two spending caps,
//!   which it must name. A `set_params` action names every parameter.
//!
//! Nothing here is compiled into a contract: only the CLI and tests enable the feature.

use core::fmt;

use serde::{
    de::{self, SeqAccess, Visitor},
    ser::SerializeSeq,
    Deserialize, Deserializer, Serialize, Serializer,
};

use crate::{
    recover_signer, signing_hash, BindKeyPayload, Hash32, HubParams, Perspective, PerspectiveSet,
    ProposalPayload, RevisionPayload, Signature, SignatureError, SigningKey, VotePayload,
    BIND_KEY_DOMAIN, PERSPECTIVE_COUNT, PROPOSAL_DOMAIN, REVISION_DOMAIN, VOTE_DOMAIN,
};
use ink::{primitives::AccountId, scale::Encode};

/// The SS58 address format of an account with the generic substrate prefix 42, the one the
/// dialect writes (polkadot.js and most wallets show it by default).
pub const SS58_PREFIX: u16 = 42;

/// Encodes `account` in SS58 with `prefix` (one byte below 64, two bytes below 16 384).
pub fn ss58_encode(account: &[u8; 32], prefix: u16) -> Result<String, WireError> {
    let mut data = Vec::with_capacity(36);
    if prefix < 64 {
        data.push(prefix as u8);
    } else if prefix < 16_384 {
        // The two-byte form of the SS58 spec: the upper six bits of the low byte with the
        // flag 0b01 on top, then the low two bits of the low byte over the high byte.
        data.push((((prefix & 0b0000_0000_1111_1100) >> 2) as u8) | 0b0100_0000);
        data.push(((prefix >> 8) as u8) | (((prefix & 0b0000_0000_0000_0011) << 6) as u8));
    } else {
        return Err(WireError::Ss58Prefix);
    }
    data.extend_from_slice(account);
    let checksum = ss58_checksum(&data);
    data.extend_from_slice(&checksum[..2]);
    Ok(bs58::encode(data).into_string())
}

/// Decodes an SS58 address of any prefix, checking its checksum; returns the account and
/// the prefix.
pub fn ss58_decode(text: &str) -> Result<([u8; 32], u16), WireError> {
    let data = bs58::decode(text)
        .into_vec()
        .map_err(|_| WireError::Account)?;
    let (prefix, prefix_len) = match data.first() {
        Some(b) if *b < 64 => (u16::from(*b), 1),
        Some(b) if *b < 128 => {
            let second = *data.get(1).ok_or(WireError::Account)?;
            let lower = (u16::from(*b) << 2) | (u16::from(second) >> 6);
            let upper = u16::from(second & 0b0011_1111);
            ((lower & 0b1111_1111) | (upper << 8), 2)
        }
        _ => return Err(WireError::Account),
    };
    if data.len() != prefix_len + 32 + 2 {
        return Err(WireError::Account);
    }
    let (body, checksum) = data.split_at(prefix_len + 32);
    if ss58_checksum(body)[..2] != *checksum {
        return Err(WireError::AccountChecksum);
    }
    let mut account = [0u8; 32];
    account.copy_from_slice(&body[prefix_len..]);
    Ok((account, prefix))
}

/// blake2b-512 of `"SS58PRE" ++ data`: the first two bytes are an address's checksum.
fn ss58_checksum(data: &[u8]) -> [u8; 64] {
    use blake2::{Blake2b512, Digest};
    let mut hasher = Blake2b512::new();
    hasher.update(b"SS58PRE");
    hasher.update(data);
    hasher.finalize().into()
}

/// Reads an account: SS58 (any prefix, checksum checked) or `0x` and 64 lowercase hex digits.
pub fn parse_account(text: &str) -> Result<AccountId, WireError> {
    if text.starts_with("0x") {
        return parse_hex::<32>(text).map(AccountId::from);
    }
    ss58_decode(text).map(|(account, _)| AccountId::from(account))
}

/// An account as the dialect writes it: SS58 with prefix 42.
pub fn account_text(account: &AccountId) -> String {
    let bytes: &[u8; 32] = account.as_ref();
    // The prefix is a constant below 64: the one-byte form, which cannot fail.
    ss58_encode(bytes, SS58_PREFIX).unwrap_or_default()
}

/// `0x` and lowercase hex.
pub fn hex0x(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

/// Reads `0x` and lowercase hex of any length.
pub fn parse_hex_vec(text: &str) -> Result<Vec<u8>, WireError> {
    let digits = text.strip_prefix("0x").ok_or(WireError::HexPrefix)?;
    if digits.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(WireError::HexCase);
    }
    hex::decode(digits).map_err(|_| WireError::Hex)
}

/// Reads `0x` and lowercase hex of exactly `N` bytes.
pub fn parse_hex<const N: usize>(text: &str) -> Result<[u8; N], WireError> {
    let bytes = parse_hex_vec(text)?;
    let len = bytes.len();
    bytes.try_into().map_err(|_| WireError::HexLength {
        expected: N,
        found: len,
    })
}

/// Reads a decimal string of digits only (no sign, space, `0x` or leading zero) into an
/// unsigned integer.
pub fn parse_decimal<T: core::str::FromStr>(text: &str) -> Result<T, WireError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WireError::Decimal);
    }
    if text.len() > 1 && text.starts_with('0') {
        return Err(WireError::LeadingZero);
    }
    text.parse().map_err(|_| WireError::OutOfRange)
}

/// Why a text is not in the dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireError {
    /// Neither SS58 nor `0x` and 64 hex digits.
    Account,
    /// An SS58 address whose checksum does not match (a mistyped address).
    AccountChecksum,
    /// A byte string without the `0x` prefix.
    HexPrefix,
    /// A byte string with uppercase hex digits.
    HexCase,
    /// Not hex digits (or an odd count of them).
    Hex,
    /// A byte string of the wrong length.
    HexLength {
        /// Bytes the field holds.
        expected: usize,
        /// Bytes given.
        found: usize,
    },
    /// A number written with something besides decimal digits.
    Decimal,
    /// A number written with a leading zero (`"007"`): every number has one spelling.
    LeadingZero,
    /// An SS58 prefix of 16 384 or more (the format has 14 bits).
    Ss58Prefix,
    /// A number too large for its field.
    OutOfRange,
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            WireError::Account => {
                f.write_str("not an account: SS58 (5F…) or 0x and 64 lowercase hex digits expected")
            }
            WireError::AccountChecksum => {
                f.write_str("the SS58 address's checksum does not match (mistyped?)")
            }
            WireError::HexPrefix => f.write_str("hex must start with 0x"),
            WireError::HexCase => f.write_str("hex must be lowercase"),
            WireError::Hex => f.write_str("not hex: an even number of 0-9a-f digits expected"),
            WireError::HexLength { expected, found } => {
                write!(f, "{found} bytes of hex where {expected} are expected")
            }
            WireError::Decimal => f.write_str("a number: decimal digits only"),
            WireError::LeadingZero => f.write_str("a number without leading zeros"),
            WireError::Ss58Prefix => f.write_str("an SS58 prefix is below 16384"),
            WireError::OutOfRange => f.write_str("the number is too large for the field"),
        }
    }
}

impl std::error::Error for WireError {}

/// `#[serde(with = "account")]` for an `AccountId`.
pub(crate) mod account {
    use super::*;

    pub fn serialize<S: Serializer>(value: &AccountId, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&account_text(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<AccountId, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse_account(&text).map_err(|e| de::Error::custom(format!("`{text}`: {e}")))
    }
}

/// `#[serde(deserialize_with = "required")]` on an `Option` field: read as its type, so the
/// field must be present (`null` for none); serde would otherwise take a missing `Option`
/// as `None`.
pub(crate) fn required<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    T::deserialize(deserializer)
}

/// `#[serde(with = "opt_account")]` for an `Option<AccountId>`.
pub(crate) mod opt_account {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<AccountId>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(a) => serializer.serialize_some(&account_text(a)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<AccountId>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        text.map(|t| parse_account(&t).map_err(|e| de::Error::custom(format!("`{t}`: {e}"))))
            .transpose()
    }
}

/// `#[serde(with = "hex_array")]` for a `[u8; N]`.
pub(crate) mod hex_array {
    use super::*;

    pub fn serialize<S: Serializer, const N: usize>(
        value: &[u8; N],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&hex0x(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>, const N: usize>(
        deserializer: D,
    ) -> Result<[u8; N], D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse_hex::<N>(&text).map_err(|e| de::Error::custom(format!("`{text}`: {e}")))
    }
}

/// `#[serde(with = "hex_vec")]` for a `Vec<u8>`.
pub(crate) mod hex_vec {
    use super::*;

    pub fn serialize<S: Serializer>(value: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&hex0x(value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        parse_hex_vec(&text).map_err(|e| de::Error::custom(format!("`{text}`: {e}")))
    }
}

/// The names [`Perspective::from_name`] knows, for error messages.
const PERSPECTIVE_NAMES: [&str; PERSPECTIVE_COUNT] = [
    Perspective::Safety.name(),
    Perspective::Creativity.name(),
    Perspective::Ethics.name(),
    Perspective::Efficiency.name(),
    Perspective::Finance.name(),
    Perspective::Legal.name(),
    Perspective::Community.name(),
    Perspective::Technical.name(),
];

impl Serialize for Perspective {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Perspective {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Perspective;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a perspective name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Perspective, E> {
                // Exactly the lowercase name: one spelling, as the schema says.
                Perspective::ALL
                    .into_iter()
                    .find(|p| p.name() == name)
                    .ok_or_else(|| E::unknown_variant(name, &PERSPECTIVE_NAMES))
            }
        }
        deserializer.deserialize_str(Name)
    }
}

impl Serialize for PerspectiveSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.iter().count()))?;
        for p in self.iter() {
            seq.serialize_element(&p)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for PerspectiveSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Names;
        impl<'de> Visitor<'de> for Names {
            type Value = PerspectiveSet;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of perspective names")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PerspectiveSet, A::Error> {
                let mut set = PerspectiveSet::empty();
                while let Some(p) = seq.next_element::<Perspective>()? {
                    if set.contains(p) {
                        return Err(de::Error::custom(format!(
                            "perspective `{}` is listed twice",
                            p.name()
                        )));
                    }
                    set = set.with(p);
                }
                Ok(set)
            }
        }
        deserializer.deserialize_seq(Names)
    }
}

/// `#[serde(with = "decimal")]` for a u64 or u128 (nonces, amounts, weights): written as a
/// decimal string, read from a decimal string of digits only or a JSON/TOML integer.
pub(crate) mod decimal {
    use super::*;

    /// The unsigned integers the module serves.
    pub trait Unsigned: Sized + fmt::Display + core::str::FromStr + TryFrom<u64> {}
    impl Unsigned for u64 {}
    impl Unsigned for u128 {}

    pub fn serialize<S: Serializer, T: Unsigned>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Unsigned>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        struct Number<T>(core::marker::PhantomData<T>);
        impl<T: Unsigned> Visitor<'_> for Number<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a non-negative integer or a string of decimal digits")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
                T::try_from(v).map_err(|_| E::custom(WireError::OutOfRange))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<T, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
                u64::try_from(v)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
                parse_decimal(v).map_err(|e| E::custom(format!("`{v}`: {e}")))
            }
        }
        deserializer.deserialize_any(Number(core::marker::PhantomData))
    }
}

/// A payload that is signed: its kind's name and domain.
pub trait SignedKind: Encode + ink::scale::Decode + PartialEq {
    /// The envelope's `kind` (and the vectors' kind name).
    const KIND: &'static str;
    /// The domain prefixed to its SCALE bytes before hashing.
    const DOMAIN: &'static [u8];
}

impl SignedKind for ProposalPayload {
    const KIND: &'static str = "proposal";
    const DOMAIN: &'static [u8] = PROPOSAL_DOMAIN;
}
impl SignedKind for RevisionPayload {
    const KIND: &'static str = "revision";
    const DOMAIN: &'static [u8] = REVISION_DOMAIN;
}
impl SignedKind for VotePayload {
    const KIND: &'static str = "vote";
    const DOMAIN: &'static [u8] = VOTE_DOMAIN;
}
impl SignedKind for BindKeyPayload {
    const KIND: &'static str = "bind-key";
    const DOMAIN: &'static [u8] = BIND_KEY_DOMAIN;
}

/// A signed payload with what a relayer needs to check it: the payload for people, its
/// SCALE bytes (what was signed), the hash, the signature and the signer's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Signed<P> {
    /// The payload, readable.
    pub payload: P,
    /// SCALE encoding of the payload: must be exactly `payload`'s.
    #[serde(with = "hex_vec")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::hex_vec"))]
    pub scale: Vec<u8>,
    /// `blake2_256(domain ++ scale)`: what was signed.
    #[serde(with = "hex_array")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::hex32"))]
    pub hash: Hash32,
    /// 65 bytes `r ‖ s ‖ v` (docs/signing.md, "Signature").
    #[serde(with = "hex_array")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::hex65"))]
    pub signature: Signature,
    /// The signer's 33-byte compressed secp256k1 public key (`public_key` in envelopes
    /// written before the dialect was unified is read too).
    #[serde(with = "hex_array", alias = "public_key")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::hex33"))]
    pub signer: SigningKey,
}

/// Why an envelope was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeError {
    /// `scale` is not the SCALE encoding of `payload`: what a reader sees is not what was
    /// signed.
    PayloadMismatch,
    /// `hash` is not `blake2_256(domain ++ scale)`.
    HashMismatch,
    /// The signature's form is refused, or no key can be recovered.
    Signature(SignatureError),
    /// The signature recovers to another key than `signer`.
    WrongSigner,
    /// Not an envelope exactly as the dialect writes it: not JSON of the dialect at all, or
    /// spelt otherwise (an array for an object, a variant's index for its name, an integer
    /// for a decimal string, a hex account, a duplicate key, …). `read_envelope`'s message
    /// says where.
    NotCanonical,
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            EnvelopeError::PayloadMismatch => f.write_str(
                "the envelope's scale bytes are not its payload's encoding (edited envelope?)",
            ),
            EnvelopeError::HashMismatch => {
                f.write_str("the envelope's hash is not over its scale bytes (edited envelope?)")
            }
            EnvelopeError::Signature(e) => write!(f, "the envelope's signature is refused: {e:?}"),
            EnvelopeError::WrongSigner => {
                f.write_str("the signature is not from the envelope's signer")
            }
            EnvelopeError::NotCanonical => f.write_str(
                "the envelope is not in canonical form (objects with field names, SS58 \
                 accounts, decimal strings): sign it again",
            ),
        }
    }
}

impl std::error::Error for EnvelopeError {}

impl<P: SignedKind> Signed<P> {
    /// Signs `payload`: `sign` turns the signing hash into a signature by `signer`'s key.
    pub fn new(payload: P, signer: SigningKey, sign: impl FnOnce(&Hash32) -> Signature) -> Self {
        let scale = payload.encode();
        let hash = signing_hash(P::DOMAIN, &payload);
        let signature = sign(&hash);
        Self {
            payload,
            scale,
            hash,
            signature,
            signer,
        }
    }

    /// Checks the envelope is what it says: `scale` encodes `payload` exactly, `hash` is over
    /// `scale` with the kind's domain, and the signature is canonical and recovers to
    /// `signer`. A relayer runs this before spending a fee; the contract checks the signature
    /// again against the key bound to the payload's account.
    pub fn check(&self) -> Result<(), EnvelopeError> {
        if self.payload.encode() != self.scale {
            return Err(EnvelopeError::PayloadMismatch);
        }
        let mut bytes = P::DOMAIN.to_vec();
        bytes.extend_from_slice(&self.scale);
        if crate::blake2_256(&bytes) != self.hash {
            return Err(EnvelopeError::HashMismatch);
        }
        let recovered =
            recover_signer(&self.signature, &self.hash).map_err(EnvelopeError::Signature)?;
        if recovered != self.signer {
            return Err(EnvelopeError::WrongSigner);
        }
        Ok(())
    }
}

/// An envelope of any kind: `{"kind": "proposal" | "revision" | "vote" | "bind-key",
/// "payload": …, "scale": …, "hash": …, "signature": …, "signer": …}`. What `agora agent
/// sign-*` and the Python signer write and `agora relay` reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Envelope {
    /// A new proposal (`submit_signed` on the hub).
    Proposal(Signed<ProposalPayload>),
    /// A revision (`revise_signed` on the hub).
    Revision(Signed<RevisionPayload>),
    /// A vote (`cast_signed` on the voting contract).
    Vote(Signed<VotePayload>),
    /// A key's proof of possession for an account (in a `register_member` action or
    /// `bind_key` on the registry).
    BindKey(Signed<BindKeyPayload>),
}

impl Envelope {
    /// The envelope's kind name.
    pub fn kind(&self) -> &'static str {
        match self {
            Envelope::Proposal(_) => ProposalPayload::KIND,
            Envelope::Revision(_) => RevisionPayload::KIND,
            Envelope::Vote(_) => VotePayload::KIND,
            Envelope::BindKey(_) => BindKeyPayload::KIND,
        }
    }

    /// [`Signed::check`] of whichever kind it is.
    pub fn check(&self) -> Result<(), EnvelopeError> {
        match self {
            Envelope::Proposal(s) => s.check(),
            Envelope::Revision(s) => s.check(),
            Envelope::Vote(s) => s.check(),
            Envelope::BindKey(s) => s.check(),
        }
    }

    /// The signature, the signer and the SCALE bytes, whichever the kind.
    pub fn parts(&self) -> (&Signature, &SigningKey, &[u8]) {
        match self {
            Envelope::Proposal(s) => (&s.signature, &s.signer, &s.scale),
            Envelope::Revision(s) => (&s.signature, &s.signer, &s.scale),
            Envelope::Vote(s) => (&s.signature, &s.signer, &s.scale),
            Envelope::BindKey(s) => (&s.signature, &s.signer, &s.scale),
        }
    }
}

/// Reads a signed envelope from JSON text and checks it: the text is an envelope of the
/// dialect in exactly the form [`Envelope`] writes it (the canonical form; a duplicate key is
/// refused too), and [`Envelope::check`] passes. What a relayer runs before it spends a fee
/// and what a member's tool runs before it shows an envelope. Envelopes written before the
/// dialect, with `public_key` for `signer`, are read.
pub fn read_envelope(text: &str) -> Result<Envelope, (EnvelopeError, String)> {
    let envelope: Envelope =
        serde_json::from_str(text).map_err(|e| (EnvelopeError::NotCanonical, e.to_string()))?;
    let mut given: serde_json::Value =
        serde_json::from_str(text).map_err(|e| (EnvelopeError::NotCanonical, e.to_string()))?;
    if let Some(object) = given.as_object_mut() {
        if let Some(key) = object.remove("public_key") {
            object.insert("signer".into(), key);
        }
    }
    let canonical = serde_json::to_value(&envelope)
        .map_err(|e| (EnvelopeError::NotCanonical, e.to_string()))?;
    if canonical != given {
        return Err((
            EnvelopeError::NotCanonical,
            "its JSON differs from what the dialect writes for the same bytes".into(),
        ));
    }
    envelope.check().map_err(|e| (e, e.to_string()))?;
    Ok(envelope)
}

/// An agent's key file: `{"type": "secp256k1", "secret": 0x…32 bytes, "public": 0x…33 bytes}`.
/// Written by `agora key new` (mode 0600) and read by the CLI and the Python signer. The
/// secret signs for the member; keep the file out of version control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgentKeyFile {
    /// The key type; only `secp256k1`.
    #[serde(rename = "type")]
    pub kind: KeyType,
    /// The 32-byte secret key.
    #[serde(with = "hex_array")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::hex32"))]
    pub secret: [u8; 32],
    /// Its 33-byte compressed public key (a reader checks it is the secret's: the CLI and the
    /// Python signer refuse a file where it is not).
    #[serde(with = "hex_array")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::hex33"))]
    pub public: SigningKey,
}

/// The key types an agent key file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum KeyType {
    /// secp256k1 (ECDSA, the contracts' `ecdsa_recover`).
    Secp256k1,
}

/// Reads hub parameters from a configuration (deploy/agora.toml's `[params]`, any format
/// serde reads): a parameter left out, at the top level or inside `review_rules` and
/// `voting_rules`, takes [`HubParams::default`]'s value, except the two spending caps, which
/// must be named. Unknown fields are still refused. `#[serde(deserialize_with =
/// "agora_types::wire::params_from_config")]`. Signed payloads and actions never get these
/// defaults: there every field is required, so a proposal cannot reset a parameter its
/// author did not write down.
pub fn params_from_config<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<HubParams, D::Error> {
    let given = serde_json::Value::deserialize(deserializer)?;
    let mut merged = serde_json::to_value(HubParams::default()).map_err(de::Error::custom)?;
    if let Some(defaults) = merged.as_object_mut() {
        defaults.remove("max_spend_per_proposal");
        defaults.remove("max_spend_per_period");
    }
    merge(&mut merged, given);
    serde_json::from_value(merged).map_err(de::Error::custom)
}

/// Writes `given` over `base`, object by object.
fn merge(base: &mut serde_json::Value, given: serde_json::Value) {
    match (base, given) {
        (serde_json::Value::Object(base), serde_json::Value::Object(given)) => {
            for (key, value) in given {
                match base.get_mut(&key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (slot, given) => *slot = given,
    }
}

/// The JSON Schemas of the fields whose serde shape is not their Rust type's (feature
/// `schema`): `#[schemars(schema_with = "…")]` beside each `#[serde(with = "…")]`.
#[cfg(feature = "schema")]
pub mod schema {
    use schemars::{json_schema, Schema, SchemaGenerator};

    /// What an SS58 address looks like: base58, 47 or 48 characters for a 32-byte account with
    /// a one-byte prefix, 49 with a two-byte one, fewer when the bytes start with zeros (the
    /// checksum itself is beyond a schema).
    pub const SS58_PATTERN: &str = "^[1-9A-HJ-NP-Za-km-z]{32,50}$";

    fn hex_of(len: usize) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!("^0x[0-9a-f]{{{}}}$", len * 2),
            "description": format!("{len} bytes: 0x and {} lowercase hex digits", len * 2),
        })
    }

    /// An account: SS58 (written with prefix 42) or 0x and 64 lowercase hex digits.
    pub fn account(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An account: SS58 (written with the generic prefix 42; any prefix is read, checksum checked) or 0x and 64 lowercase hex digits",
            "anyOf": [{"pattern": SS58_PATTERN}, {"pattern": "^0x[0-9a-f]{64}$"}],
        })
    }

    /// An optional account.
    pub fn opt_account(generator: &mut SchemaGenerator) -> Schema {
        let one = account(generator);
        json_schema!({"anyOf": [one, {"type": "null"}]})
    }

    /// A u64 or u128: a string of decimal digits (also read from a JSON integer).
    pub fn decimal(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An unsigned integer: a string of decimal digits (written), or a JSON integer (read)",
            "anyOf": [
                {"type": "string", "pattern": "^[0-9]+$"},
                {"type": "integer", "minimum": 0},
            ],
        })
    }

    /// A byte string of any length: 0x and lowercase hex.
    pub fn hex_vec(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^0x([0-9a-f]{2})*$",
            "description": "Bytes: 0x and lowercase hex",
        })
    }

    /// 4 bytes (a selector).
    pub fn hex4(_: &mut SchemaGenerator) -> Schema {
        hex_of(4)
    }
    /// 32 bytes (a hash, a secret key).
    pub fn hex32(_: &mut SchemaGenerator) -> Schema {
        hex_of(32)
    }
    /// 33 bytes (a compressed public key).
    pub fn hex33(_: &mut SchemaGenerator) -> Schema {
        hex_of(33)
    }
    /// 65 bytes (a signature).
    pub fn hex65(_: &mut SchemaGenerator) -> Schema {
        hex_of(65)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Perspective {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Perspective".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A perspective's lowercase name (read in any case)",
            "enum": PERSPECTIVE_NAMES,
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for PerspectiveSet {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PerspectiveSet".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let item = generator.subschema_for::<Perspective>();
        schemars::json_schema!({
            "type": "array",
            "description": "A set of perspectives by name",
            "items": item,
            "uniqueItems": true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ReviewRules;
    use serde_json::json;

    /// The `[params]` table of deploy/agora.toml, as JSON.
    fn demo() -> serde_json::Value {
        json!({
            "review_window": 6, "voting_window": 6, "timelock": 3, "grace_period": 20,
            "max_open_per_member": 3, "veto_threshold": 1,
            "max_spend_per_proposal": "500000000000000", "max_spend_per_period": 800000000000000u64,
            "spending_period": 100,
            "review_rules": {"min_reviews": 2, "required_perspectives": ["safety", "ethics"], "max_rejections": 0},
            "voting_rules": {"quorum_bps": 5000, "approval_threshold_bps": 5000, "require_both_kinds": true},
        })
    }

    /// Reads a configuration as deploy/agora.toml's `[params]` is read.
    fn config(v: serde_json::Value) -> Result<HubParams, serde_json::Error> {
        params_from_config(v)
    }

    #[test]
    fn the_configuration_shape_reads_names_and_amounts() {
        let p: HubParams = config(demo()).expect("the demo parameters");
        assert_eq!(
            p.review_rules.required_perspectives,
            [Perspective::Safety, Perspective::Ethics]
                .into_iter()
                .collect()
        );
        assert_eq!(p.max_spend_per_proposal, 500_000_000_000_000);
        assert_eq!(p.max_spend_per_period, 800_000_000_000_000);
        assert!(p.voting_rules.require_both_kinds);
        assert_eq!(p.check_bounds(), Ok(()));
    }

    #[test]
    fn parameters_round_trip_with_lowercase_names_and_string_amounts() {
        let p = HubParams {
            max_spend_per_period: crate::MAX_SPEND_CAP,
            ..crate::testing::params()
        };
        let v = serde_json::to_value(p).expect("serializable");
        assert_eq!(
            v["review_rules"]["required_perspectives"],
            json!(["safety", "efficiency"])
        );
        assert_eq!(
            v["max_spend_per_period"],
            json!("1000000000000000000000000000000")
        );
        assert_eq!(
            serde_json::from_value::<HubParams>(v).expect("read back"),
            p
        );
    }

    #[test]
    fn a_configuration_names_only_what_it_changes_but_the_caps() {
        let p: HubParams = config(json!({
            "voting_window": 100,
            "review_rules": {"min_reviews": 2},
            "max_spend_per_proposal": 10, "max_spend_per_period": 20,
        }))
        .expect("defaults fill the rest");
        let d = HubParams::default();
        assert_eq!(
            p,
            HubParams {
                voting_window: 100,
                review_rules: ReviewRules {
                    min_reviews: 2,
                    ..d.review_rules
                },
                max_spend_per_proposal: 10,
                max_spend_per_period: 20,
                ..d
            }
        );
        let no_caps = config(json!({"voting_window": 100}));
        assert!(no_caps.is_err(), "the spending caps have no default");
        let typo = config(
            json!({"voting_windw": 100, "max_spend_per_proposal": 1, "max_spend_per_period": 1}),
        );
        assert!(
            typo.is_err(),
            "a misspelt parameter is refused, not defaulted"
        );
    }

    #[test]
    fn a_set_params_action_names_every_parameter() {
        // Outside a configuration there are no defaults: a proposal that leaves a parameter
        // out is refused rather than resetting it.
        let mut v = serde_json::to_value(crate::testing::params()).expect("serializable");
        v.as_object_mut().map(|o| o.remove("timelock"));
        let action = json!({"type": "set_params", "params": v});
        assert!(serde_json::from_value::<crate::Action>(action).is_err());
        let mut v = serde_json::to_value(crate::testing::params()).expect("serializable");
        v["review_rules"]
            .as_object_mut()
            .map(|o| o.remove("max_rejections"));
        assert!(serde_json::from_value::<HubParams>(v).is_err());
    }

    #[test]
    fn unknown_perspectives_fields_and_negative_amounts_are_refused() {
        let mut v = demo();
        v["review_rules"]["required_perspectives"] = json!(["wisdom"]);
        let err = serde_json::from_value::<HubParams>(v).expect_err("unknown name");
        assert!(err.to_string().contains("wisdom"), "{err}");
        let mut v = demo();
        v["review_rules"]["required_perspectives"] = json!(["safety", "safety"]);
        let err = serde_json::from_value::<HubParams>(v).expect_err("listed twice");
        assert!(err.to_string().contains("twice"), "{err}");
        let mut v = demo();
        v["veto_treshold"] = json!(2);
        assert!(
            serde_json::from_value::<HubParams>(v).is_err(),
            "misspelt field"
        );
        let mut v = demo();
        v["max_spend_per_proposal"] = json!(-1);
        assert!(
            serde_json::from_value::<HubParams>(v).is_err(),
            "negative amount"
        );
        let mut v = demo();
        v["max_spend_per_proposal"] = json!("12x");
        assert!(
            serde_json::from_value::<HubParams>(v).is_err(),
            "not a number"
        );
    }

    // ---- the dialect of accounts, bytes and numbers ----------------------------------

    /// Alice's well-known dev account and its SS58 address (prefix 42).
    const ALICE: [u8; 32] = [
        0xd4, 0x35, 0x93, 0xc7, 0x15, 0xfd, 0xd3, 0x1c, 0x61, 0x14, 0x1a, 0xbd, 0x04, 0xa9, 0x9f,
        0xd6, 0x82, 0x2c, 0x85, 0x58, 0x85, 0x4c, 0xcd, 0xe3, 0x9a, 0x56, 0x84, 0xe7, 0xa5, 0x6d,
        0xa2, 0x7d,
    ];
    const ALICE_SS58: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    #[test]
    fn accounts_are_written_in_ss58_and_read_from_ss58_or_hex() {
        assert_eq!(ss58_encode(&ALICE, SS58_PREFIX), Ok(ALICE_SS58.into()));
        assert_eq!(ss58_encode(&ALICE, 16_384), Err(WireError::Ss58Prefix));
        assert_eq!(ss58_decode(ALICE_SS58), Ok((ALICE, 42)));
        assert_eq!(parse_account(ALICE_SS58), Ok(AccountId::from(ALICE)));
        assert_eq!(parse_account(&hex0x(&ALICE)), Ok(AccountId::from(ALICE)));
        // Other network prefixes are read (one and two bytes), with their checksum.
        for prefix in [0u16, 2, 63, 64, 255, 1284, 16_383] {
            let text = ss58_encode(&ALICE, prefix).expect("a 14-bit prefix");
            assert_eq!(ss58_decode(&text), Ok((ALICE, prefix)), "prefix {prefix}");
        }
    }

    #[test]
    fn a_mistyped_address_is_refused_by_its_checksum() {
        // One character changed: still base58 of the right length, wrong checksum.
        let typo = ALICE_SS58.replacen("Grwva", "Grwvb", 1);
        assert_eq!(parse_account(&typo), Err(WireError::AccountChecksum));
        assert_eq!(parse_account("5Grwva"), Err(WireError::Account));
        assert_eq!(parse_account("not an address"), Err(WireError::Account));
        assert_eq!(
            parse_account(&hex0x(&ALICE[..31])),
            Err(WireError::HexLength {
                expected: 32,
                found: 31
            })
        );
    }

    #[test]
    fn byte_strings_are_0x_lowercase_hex_of_their_length() {
        assert_eq!(parse_hex::<2>("0x0aff"), Ok([0x0a, 0xff]));
        assert_eq!(parse_hex::<2>("0aff"), Err(WireError::HexPrefix));
        assert_eq!(parse_hex::<2>("0x0AFF"), Err(WireError::HexCase));
        assert_eq!(parse_hex::<2>("0x0af"), Err(WireError::Hex));
        assert_eq!(parse_hex::<2>("0x0g00"), Err(WireError::Hex));
        assert_eq!(
            parse_hex::<2>("0x0a"),
            Err(WireError::HexLength {
                expected: 2,
                found: 1
            })
        );
        assert_eq!(parse_hex_vec("0x"), Ok(Vec::new()));
    }

    #[test]
    fn big_numbers_are_decimal_strings_and_out_of_range_is_refused() {
        assert_eq!(parse_decimal::<u64>("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(
            parse_decimal::<u64>("18446744073709551616"),
            Err(WireError::OutOfRange)
        );
        assert_eq!(parse_decimal::<u64>("0"), Ok(0));
        assert_eq!(parse_decimal::<u64>("007"), Err(WireError::LeadingZero));
        for bad in ["", "-1", "+1", " 1", "1e3", "0x10", "1.0"] {
            assert_eq!(
                parse_decimal::<u128>(bad),
                Err(WireError::Decimal),
                "{bad:?}"
            );
        }
        assert_eq!(
            parse_decimal::<u128>(&format!("{}0", u128::MAX)),
            Err(WireError::OutOfRange)
        );
    }

    // ---- actions, payloads, envelopes --------------------------------------------------

    use crate::{
        testing::{high_s_twin, public_key, secret, sign},
        Action, KeyBinding, MemberKind, MemberProfile, VoteChoice,
    };

    fn every_action() -> Vec<Action> {
        let bob = AccountId::from([2u8; 32]);
        let profile = MemberProfile {
            kind: MemberKind::Agent,
            perspectives: [Perspective::Safety, Perspective::Ethics]
                .into_iter()
                .collect(),
            weight: u128::from(u64::MAX) + 1,
            metadata_uri: "ipfs://agent".into(),
            operator: Some(AccountId::from(ALICE)),
        };
        vec![
            Action::Transfer {
                to: bob,
                amount: u128::MAX,
            },
            Action::RegisterMember {
                account: bob,
                profile: profile.clone(),
                key: Some(KeyBinding {
                    key: [3u8; 33],
                    proof: [4u8; 65],
                }),
            },
            Action::RegisterMember {
                account: bob,
                profile: profile.clone(),
                key: None,
            },
            Action::UpdateMember {
                account: bob,
                profile,
            },
            Action::SuspendMember { account: bob },
            Action::ReinstateMember { account: bob },
            Action::RemoveMember { account: bob },
            Action::SetParams {
                params: crate::testing::params(),
            },
            Action::AuthorizeWriter { writer: bob },
            Action::RevokeWriter { writer: bob },
            Action::Call {
                callee: bob,
                selector: [0xde, 0xad, 0xbe, 0xef],
                input: vec![1, 2, 3],
                value: 5,
            },
        ]
    }

    #[test]
    fn every_action_round_trips_through_the_dialect() {
        for action in every_action() {
            let text = serde_json::to_string(&action).expect("serializable");
            let back: Action = serde_json::from_str(&text).expect(&text);
            assert_eq!(back, action, "{text}");
        }
    }

    #[test]
    fn an_action_is_tagged_by_type_with_ss58_accounts_and_string_amounts() {
        let v = serde_json::to_value(every_action()).expect("serializable");
        assert_eq!(
            v[0],
            json!({"type": "transfer", "to": "5C7LYpP2ZH3tpKbvVvwiVe54AapxErdPBbvkYhe6y9ZBkqWt",
                   "amount": u128::MAX.to_string()})
        );
        assert_eq!(v[1]["profile"]["kind"], json!("agent"));
        assert_eq!(v[1]["profile"]["perspectives"], json!(["safety", "ethics"]));
        assert_eq!(v[1]["profile"]["weight"], json!("18446744073709551616"));
        assert_eq!(v[1]["profile"]["operator"], json!(ALICE_SS58));
        assert_eq!(v[1]["key"]["key"], json!(hex0x(&[3u8; 33])));
        assert_eq!(v[2]["key"], json!(null));
        assert_eq!(v[10]["selector"], json!("0xdeadbeef"));
        assert_eq!(v[10]["input"], json!("0x010203"));
        assert_eq!(v[10]["value"], json!("5"));
    }

    #[test]
    fn misspelt_unknown_or_malformed_action_fields_are_refused() {
        let bad = [
            json!({"type": "transfer", "to": ALICE_SS58, "amount": "1", "memo": "x"}),
            json!({"type": "transfer", "to": ALICE_SS58}),
            json!({"type": "tranfer", "to": ALICE_SS58, "amount": "1"}),
            json!({"type": "Transfer", "to": ALICE_SS58, "amount": "1"}),
            json!({"type": "transfer", "to": ALICE_SS58, "amount": "-1"}),
            json!({"type": "transfer", "to": ALICE_SS58, "amount": -1}),
            json!({"type": "transfer", "to": ALICE_SS58, "amount": 1.5}),
            json!({"type": "transfer", "to": hex0x(&ALICE).to_uppercase().replace("0X", "0x"), "amount": "1"}),
            json!({"type": "call", "callee": ALICE_SS58, "selector": "deadbeef", "input": "0x", "value": "0"}),
            json!({"type": "call", "callee": ALICE_SS58, "selector": "0xdeadbe", "input": "0x", "value": "0"}),
        ];
        for v in bad {
            assert!(
                serde_json::from_value::<Action>(v.clone()).is_err(),
                "accepted {v}"
            );
        }
        // An integer amount below 2^64 is read as well as its string.
        let ok = json!({"type": "transfer", "to": hex0x(&ALICE), "amount": 7});
        assert_eq!(
            serde_json::from_value::<Action>(ok).expect("integer amount"),
            Action::Transfer {
                to: ALICE.into(),
                amount: 7
            }
        );
    }

    fn vote() -> VotePayload {
        VotePayload {
            chain_tag: "agora-test".into(),
            contract: AccountId::from([9u8; 32]),
            voter: AccountId::from(ALICE),
            deadline: 40,
            ballot: crate::BallotId::decision(3),
            choice: VoteChoice::Against,
            rationale_hash: [0u8; 32],
        }
    }

    fn signed_vote(seed: u8) -> Envelope {
        let key = secret(seed);
        Envelope::Vote(Signed::new(vote(), public_key(&key), |h| sign(&key, h)))
    }

    #[test]
    fn an_envelope_round_trips_and_checks() {
        let envelope = signed_vote(5);
        let v = serde_json::to_value(&envelope).expect("serializable");
        assert_eq!(v["kind"], json!("vote"));
        assert_eq!(v["payload"]["choice"], json!("against"));
        assert_eq!(v["payload"]["voter"], json!(ALICE_SS58));
        let back: Envelope = serde_json::from_value(v).expect("readable");
        assert_eq!(back, envelope);
        assert_eq!(back.check(), Ok(()));
        assert_eq!(back.kind(), "vote");
    }

    #[test]
    fn an_envelope_whose_readable_payload_differs_from_its_signed_bytes_is_refused() {
        // A relayer or a member reading the JSON must see what was signed: change the
        // readable choice and keep the signed bytes.
        let mut v = serde_json::to_value(signed_vote(5)).expect("serializable");
        v["payload"]["choice"] = json!("for");
        let edited: Envelope = serde_json::from_value(v).expect("well-formed");
        assert_eq!(edited.check(), Err(EnvelopeError::PayloadMismatch));
    }

    #[test]
    fn an_envelope_with_another_hash_signer_or_a_malleable_signature_is_refused() {
        let Envelope::Vote(good) = signed_vote(5) else {
            panic!("a vote")
        };
        let mut hash = good.clone();
        hash.hash[0] ^= 1;
        assert_eq!(hash.check(), Err(EnvelopeError::HashMismatch));
        let mut other = good.clone();
        other.signer = public_key(&secret(6));
        assert_eq!(other.check(), Err(EnvelopeError::WrongSigner));
        let mut twin = good.clone();
        twin.signature = high_s_twin(&good.signature);
        assert_eq!(
            twin.check(),
            Err(EnvelopeError::Signature(SignatureError::HighS))
        );
    }

    #[test]
    fn envelopes_from_before_the_dialect_name_the_signer_public_key() {
        let mut v = serde_json::to_value(signed_vote(5)).expect("serializable");
        let signer = v["signer"].take();
        let object = v.as_object_mut().expect("an object");
        object.remove("signer");
        object.insert("public_key".into(), signer);
        let read: Envelope = serde_json::from_value(v).expect("alias");
        assert_eq!(read.check(), Ok(()));
    }

    #[test]
    fn an_agent_key_file_is_typed_hex() {
        let v =
            json!({"type": "secp256k1", "secret": hex0x(&[1u8; 32]), "public": hex0x(&[2u8; 33])});
        let file: AgentKeyFile = serde_json::from_value(v.clone()).expect("key file");
        assert_eq!(file.kind, KeyType::Secp256k1);
        assert_eq!(serde_json::to_value(&file).expect("serializable"), v);
        let mut other = v;
        other["type"] = json!("ed25519");
        assert!(serde_json::from_value::<AgentKeyFile>(other).is_err());
    }

    fn envelope_text(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v = serde_json::to_value(signed_vote(5)).expect("serializable");
        edit(&mut v);
        v.to_string()
    }

    #[test]
    fn a_canonical_envelope_is_read_and_checked() {
        let read = read_envelope(&envelope_text(|_| {})).expect("canonical");
        assert_eq!(read, signed_vote(5));
        // Written before the dialect: `public_key` for `signer`.
        let legacy = envelope_text(|v| {
            let key = v["signer"].take();
            let o = v.as_object_mut().expect("object");
            o.remove("signer");
            o.insert("public_key".into(), key);
        });
        assert_eq!(read_envelope(&legacy).map_err(|e| e.0), Ok(signed_vote(5)));
    }

    #[test]
    fn an_envelope_spelt_otherwise_than_the_dialect_writes_is_refused() {
        let voter_hex = hex0x(&ALICE);
        let not_canonical: Vec<(&str, String)> = vec![
            (
                "hex account",
                envelope_text(|v| v["payload"]["voter"] = json!(voter_hex)),
            ),
            (
                "choice as an object",
                envelope_text(|v| v["payload"]["choice"] = json!({"against": null})),
            ),
            (
                "payload as an array",
                envelope_text(|v| {
                    let p = v["payload"].clone();
                    v["payload"] = json!([
                        p["chain_tag"],
                        p["contract"],
                        p["voter"],
                        p["deadline"],
                        p["ballot"],
                        p["choice"],
                        p["rationale_hash"]
                    ]);
                }),
            ),
        ];
        for (what, text) in not_canonical {
            let err = read_envelope(&text).expect_err(what);
            assert!(
                matches!(err.0, EnvelopeError::NotCanonical),
                "{what}: {err:?}"
            );
        }
        // A duplicate key is refused even when both values agree.
        let text = envelope_text(|_| {});
        let duplicated = text.replacen(
            "\"kind\":\"vote\"",
            "\"kind\":\"vote\",\"kind\":\"vote\"",
            1,
        );
        assert_ne!(duplicated, text);
        assert_eq!(
            read_envelope(&duplicated).map_err(|e| e.0),
            Err(EnvelopeError::NotCanonical)
        );
        // And the checks of `Envelope::check` still apply.
        let edited = envelope_text(|v| v["payload"]["choice"] = json!("for"));
        assert_eq!(
            read_envelope(&edited).map_err(|e| e.0),
            Err(EnvelopeError::PayloadMismatch)
        );
    }

    #[test]
    fn a_register_member_action_must_name_its_key() {
        let mut v = serde_json::to_value(&every_action()[2]).expect("serializable");
        assert_eq!(v["key"], json!(null));
        assert!(serde_json::from_value::<Action>(v.clone()).is_ok());
        v.as_object_mut().map(|o| o.remove("key"));
        assert!(
            serde_json::from_value::<Action>(v).is_err(),
            "a missing key is not None"
        );
    }

    #[test]
    fn perspectives_are_their_lowercase_names_exactly() {
        for bad in ["Safety", " safety", "safety\u{a0}", "SAFETY"] {
            assert!(
                serde_json::from_value::<Perspective>(json!(bad)).is_err(),
                "{bad:?}"
            );
        }
        assert_eq!(
            serde_json::from_value::<Perspective>(json!("safety")).ok(),
            Some(Perspective::Safety)
        );
    }
}
