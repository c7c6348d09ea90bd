//! Members of the organisation as the agent registry records them.

use crate::{
    BlockNumber, PerspectiveSet, RegistryError, Signature, SigningKey, Weight, MAX_URI_LEN,
};
use ink::{prelude::string::String, primitives::AccountId};

/// Whether a member is a person or an AI agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum MemberKind {
    /// A person, usually voting from a browser wallet.
    Human,
    /// An AI agent signing with its own key; it has an operator account.
    Agent,
}

impl MemberKind {
    /// Both kinds, in index order.
    pub const ALL: [MemberKind; 2] = [MemberKind::Human, MemberKind::Agent];

    /// Index of the kind in per-kind arrays.
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// Where a member stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum MemberStatus {
    /// Takes part: reviews, votes, proposes.
    Active,
    /// Temporarily without weight; may be reinstated.
    Suspended,
    /// Left for good; the record stays readable for past snapshots.
    Removed,
}

/// The governable part of a member's record: what registration sets and updates replace.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemberProfile {
    /// Human or Agent; fixed at registration.
    pub kind: MemberKind,
    /// Perspectives the member may review from; non-empty, defined bits only.
    pub perspectives: PerspectiveSet,
    /// Voting weight while active; at least 1 and at most `MAX_MEMBER_WEIGHT`.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::decimal"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::decimal")
    )]
    pub weight: Weight,
    /// Where the member describes itself (at most `MAX_URI_LEN` bytes).
    pub metadata_uri: String,
    /// For agents, the account that runs them (required); humans have none.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::opt_account"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::opt_account")
    )]
    pub operator: Option<AccountId>,
}

impl MemberProfile {
    /// Checks what the registry requires of a profile: defined, non-empty perspectives,
    /// weight in `[1, MAX_MEMBER_WEIGHT]`, a URI of at most `MAX_URI_LEN` bytes, and an
    /// operator for agents only. The hub runs the same check when a membership action is
    /// submitted, so a bad profile never reaches a vote.
    pub fn validate(&self) -> Result<(), RegistryError> {
        if self.perspectives.is_empty() || !self.perspectives.is_valid() {
            return Err(RegistryError::InvalidPerspectives);
        }
        if self.weight == 0 || self.weight > MAX_MEMBER_WEIGHT {
            return Err(RegistryError::WeightOutOfRange);
        }
        if self.metadata_uri.len() > MAX_URI_LEN {
            return Err(RegistryError::UriTooLong);
        }
        match (self.kind, self.operator) {
            (MemberKind::Agent, None) => Err(RegistryError::OperatorRequired),
            (MemberKind::Human, Some(_)) => Err(RegistryError::OperatorNotAllowed),
            _ => Ok(()),
        }
    }
}

/// A member as stored by the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Member {
    /// The member's account.
    pub account: AccountId,
    /// Kind, perspectives, weight, metadata and operator.
    pub profile: MemberProfile,
    /// The secp256k1 key the member signs relayed messages with, if bound.
    pub signing_key: Option<SigningKey>,
    /// Active, Suspended or Removed.
    pub status: MemberStatus,
    /// Block at which the member was registered.
    pub joined_at: BlockNumber,
}

impl Member {
    /// Whether the member currently takes part.
    pub fn is_active(&self) -> bool {
        self.status == MemberStatus::Active
    }
}

/// What a ballot or a veto needs to know about an account, in one registry call: its
/// weight at a past block and its (current) kind and perspectives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Standing {
    /// Weight at the end of the block asked about (0 if it had none then).
    pub weight: Weight,
    /// Human or Agent; fixed at registration, so the same at any block.
    pub kind: MemberKind,
    /// The perspectives the member holds now.
    pub perspectives: PerspectiveSet,
}

/// A signing key with its proof of possession: a signature by that key over the bind-key
/// message (see `signing::bind_key_hash`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KeyBinding {
    /// Compressed secp256k1 public key.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::hex_array"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::hex33")
    )]
    pub key: SigningKey,
    /// Signature by `key` over the bind-key message for the member's account.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::hex_array"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::hex65")
    )]
    pub proof: Signature,
}

/// Largest weight one member may hold; keeps every total far from overflow.
pub const MAX_MEMBER_WEIGHT: Weight = 1_000_000_000_000;
/// Most members one registry `members` page returns. A member record encodes to at most 381
/// bytes, so a full page (about 12.2 KiB) fits ink's 16 KiB return buffer. Clients page by it.
pub const MAX_MEMBERS_PAGE: u32 = 32;
