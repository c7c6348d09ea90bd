//! Each contract's `Error` enum, kept here so that a caller can decode what a callee returned.
//!
//! A contract re-exports its own as `Error`. Every `Err` leaves the callee's state unchanged.

use crate::SignatureError;

/// Errors of the admin handover every governed contract implements (`Governed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum AdminError {
    /// The caller is not the admin.
    NotAdmin,
    /// The role cannot be offered to the zero address.
    ZeroAddress,
    /// The offered account already holds the role.
    AlreadyAdmin,
    /// No offer is pending.
    NoOffer,
    /// The caller is not the account the role was offered to.
    NotOffered,
}

/// Errors of the agent registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum RegistryError {
    /// The caller is not the admin.
    NotAdmin,
    /// The account is already a member (removed members stay registered).
    AlreadyRegistered,
    /// No member has this account.
    UnknownMember,
    /// The caller is not a member.
    CallerNotMember,
    /// The member is not active.
    NotActive,
    /// The member is not suspended.
    NotSuspended,
    /// The member was removed; the record is final.
    MemberRemoved,
    /// The metadata URI is longer than `MAX_URI_LEN`.
    UriTooLong,
    /// The perspective set is empty or names undefined perspectives.
    InvalidPerspectives,
    /// The weight is 0 or above `MAX_MEMBER_WEIGHT`.
    WeightOutOfRange,
    /// An agent must name its operator.
    OperatorRequired,
    /// Only agents have an operator.
    OperatorNotAllowed,
    /// A member's kind cannot change.
    KindImmutable,
    /// The signing key is not a 33-byte compressed key (prefix 02 or 03).
    InvalidSigningKey,
    /// The signing key is bound to another member.
    KeyAlreadyBound,
    /// The proof of possession is not a well-formed signature.
    BadSignature(SignatureError),
    /// The proof of possession was not made by this key for this account, registry and chain.
    ProofMismatch,
    /// The member has no signing key.
    NoSigningKey,
    /// The page limit is above `MAX_PAGE`.
    LimitTooLarge,
    /// The chain tag is empty or longer than `MAX_CHAIN_TAG_LEN`.
    InvalidChainTag,
}
