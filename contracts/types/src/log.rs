//! Decision-log entries and the hash rule that chains them.

use crate::{blake2_256, BlockNumber, Hash32, ProposalId, Timestamp};
use ink::{prelude::vec::Vec, primitives::AccountId, scale::Encode};

/// What a log entry records. Variants are only ever appended (the SCALE index is the order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum LogKind {
    /// An account became a log writer.
    WriterAuthorized,
    /// An account stopped being a log writer.
    WriterRevoked,
    /// A contract's admin was handed on.
    AdminTransferred,
    /// Bootstrap finished: no account but the hub holds a privilege.
    BootstrapCompleted,
    /// A member was registered, updated, suspended, reinstated or removed.
    MembershipChanged,
    /// A proposal was submitted (revision 1).
    ProposalSubmitted,
    /// A proposal was revised.
    ProposalRevised,
    /// The author cancelled a proposal.
    ProposalCancelled,
    /// A review round opened.
    ReviewRoundOpened,
    /// A review round closed; the payload hash commits to its transcript.
    ReviewRoundClosed,
    /// A proposal failed review.
    ProposalRejected,
    /// A ballot opened.
    BallotOpened,
    /// A ballot closed; the payload hash commits to its transcript.
    BallotClosed,
    /// A proposal passed its vote.
    ProposalSucceeded,
    /// A proposal lost its vote.
    ProposalDefeated,
    /// A proposal was queued behind the timelock.
    ProposalQueued,
    /// A proposal's actions ran.
    ProposalExecuted,
    /// A safety member vetoed a proposal.
    VetoCast,
    /// Vetoes reached the threshold; the proposal can never execute.
    ProposalVetoed,
    /// A hub parameter changed.
    ParameterChanged,
}

/// One decision-log entry; `hash = blake2_256(prev_hash ++ SCALE(entry))`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct LogEntry {
    /// Position in the log, from 0.
    pub index: u64,
    /// What happened.
    pub kind: LogKind,
    /// The proposal it concerns, or 0.
    pub subject: ProposalId,
    /// Who caused it.
    pub actor: AccountId,
    /// Hash of the details (transcript, parameters, …).
    pub payload_hash: Hash32,
    /// Block it was appended in.
    pub block: BlockNumber,
    /// Block timestamp it was appended at.
    pub timestamp: Timestamp,
    /// Hash of the previous entry (32 zero bytes for the first).
    pub prev_hash: Hash32,
}

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: Hash32 = [0u8; 32];

impl LogEntry {
    /// `blake2_256(prev_hash ++ SCALE(entry))`.
    pub fn hash(&self) -> Hash32 {
        let mut bytes = Vec::with_capacity(32usize.saturating_add(self.size_hint()));
        bytes.extend_from_slice(&self.prev_hash);
        self.encode_to(&mut bytes);
        blake2_256(&bytes)
    }
}
