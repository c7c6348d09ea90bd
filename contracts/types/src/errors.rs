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

/// Errors of the decision log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum LogError {
    /// The caller is not an authorized writer.
    NotWriter,
    /// The caller is not the admin.
    NotAdmin,
    /// The account is already a writer.
    AlreadyWriter,
    /// The account is not a writer.
    UnknownWriter,
    /// The page limit is above the log's page bound.
    LimitTooLarge,
    /// No entry has this index.
    OutOfRange,
}

/// Errors of the peer-review contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ReviewError {
    /// The caller is not the admin (the hub after bootstrap).
    NotAdmin,
    /// A round for this proposal revision already exists.
    RoundExists,
    /// No round for this proposal revision.
    UnknownRound,
    /// The round is closed.
    RoundClosed,
    /// The round's review window has not ended yet.
    RoundStillOpen,
    /// The review window has ended.
    ReviewWindowOver,
    /// The close block is not in the future or too far in it.
    InvalidCloseBlock,
    /// The rules can never be met or name undefined perspectives.
    InvalidRules,
    /// The author cannot review their own proposal.
    AuthorCannotReview,
    /// The reviewer had no weight at the round's opening block − 1.
    NotEligible,
    /// The reviewer does not hold the stated perspective.
    PerspectiveNotHeld,
    /// The score is above 100.
    ScoreOutOfRange,
    /// A URI is longer than `MAX_URI_LEN`.
    UriTooLong,
    /// The reviewer already settled for this round.
    AlreadySettled,
    /// The reviewer has no review in this round.
    NoReview,
    /// The page limit is above the page bound.
    LimitTooLarge,
    /// The registry could not be reached or answered unexpectedly.
    RegistryUnavailable,
    /// The decision log refused the entry.
    LogFailed,
}

/// Errors of the voting contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum VotingError {
    /// The caller is not the admin (the hub after bootstrap).
    NotAdmin,
    /// A ballot for this proposal already exists.
    BallotExists,
    /// No ballot for this proposal.
    UnknownBallot,
    /// The ballot is closed.
    BallotClosed,
    /// The voting window has not ended yet.
    BallotStillOpen,
    /// The voting window has ended.
    VotingWindowOver,
    /// The snapshot block is not in the past.
    SnapshotNotInPast,
    /// The close block is not in the future.
    InvalidCloseBlock,
    /// Quorum or threshold outside their bounds.
    InvalidRules,
    /// The voter had no weight at the snapshot block.
    NotEligible,
    /// The voter already voted on this proposal.
    AlreadyVoted,
    /// The signed vote's deadline has passed.
    DeadlinePassed,
    /// The signature is not well formed.
    BadSignature(SignatureError),
    /// The recovered key is not the one the registry binds to the voter.
    SignerMismatch,
    /// A URI or rationale is malformed.
    UriTooLong,
    /// The page limit is above the page bound.
    LimitTooLarge,
    /// The registry could not be reached or answered unexpectedly.
    RegistryUnavailable,
    /// The decision log refused the entry.
    LogFailed,
}
