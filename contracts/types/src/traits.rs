//! One `#[ink::trait_definition]` per cross-contract interface.
//!
//! Callers hold an `ink::contract_ref!(Trait)` built from an `AccountId` and call through
//! `call_mut().message(..).try_invoke()`, so that no contract crate depends on another and
//! every failure of the callee becomes the caller's own typed error.

use crate::{
    AdminError, BallotId, BallotOutcome, BlockNumber, Hash32, KeyBinding, KindSet, LogError,
    LogKind, Member, MemberKind, MemberProfile, Perspective, ProposalId, Registrations,
    RegistryError, ReviewError, ReviewRules, Revision, RoundOutcome, SigningKey, Standing, Subject,
    VotingError, VotingRules, Weight,
};
use ink::primitives::AccountId;

/// The admin handover every governed contract implements (registry, review, voting, log), in
/// two steps through one implementation (`agora_types::AdminRole`): the admin offers the
/// role, the offered account accepts it.
#[ink::trait_definition]
pub trait Governed {
    /// The account holding this contract's privileges (the hub after bootstrap). Anyone may
    /// call.
    #[ink(message)]
    fn admin(&self) -> AccountId;

    /// The account the admin role is offered to and has not yet accepted, if any. Anyone
    /// may call.
    #[ink(message)]
    fn pending_admin(&self) -> Option<AccountId>;

    /// Offers the admin role to `new_admin` (replacing an earlier offer). The admin keeps
    /// the role, and every privilege, until `new_admin` calls `accept_admin`.
    ///
    /// Caller: the admin. Errors: `NotAdmin`, `ZeroAddress`, `AlreadyAdmin` (`new_admin`
    /// holds it). Event: `AdminOffered`.
    #[ink(message)]
    fn transfer_admin(&mut self, new_admin: AccountId) -> Result<(), AdminError>;

    /// Takes the role offered to the caller, for good: the old admin keeps nothing.
    ///
    /// Caller: the offered account. Errors: `NoOffer`, `NotOffered`. Event:
    /// `AdminTransferred` (the decision log also appends an `AdminTransferred` entry).
    #[ink(message)]
    fn accept_admin(&mut self) -> Result<(), AdminError>;
}

/// What other contracts read from and change in the agent registry.
#[ink::trait_definition]
pub trait MemberRegistry {
    /// The member record of `account`, in any status.
    #[ink(message)]
    fn member(&self, account: AccountId) -> Option<Member>;

    /// The account whose bound signing key is `key`.
    #[ink(message)]
    fn member_by_signer(&self, key: SigningKey) -> Option<AccountId>;

    /// Weight of `account` at the end of `block` (0 if it had none).
    #[ink(message)]
    fn weight_at(&self, account: AccountId, block: BlockNumber) -> Weight;

    /// Weight of `account` at the end of `block` with its kind and current perspectives,
    /// in one call (what a vote or a veto checks); `None` if `account` was never
    /// registered.
    #[ink(message)]
    fn standing_at(&self, account: AccountId, block: BlockNumber) -> Option<Standing>;

    /// Sum of all members' weights at the end of `block`.
    #[ink(message)]
    fn total_weight_at(&self, block: BlockNumber) -> Weight;

    /// Number of active members of `kind`.
    #[ink(message)]
    fn active_count(&self, kind: MemberKind) -> u32;

    /// Number of active members holding `perspective`.
    #[ink(message)]
    fn perspective_count(&self, perspective: Perspective) -> u32;

    /// Registers `account` (admin only).
    #[ink(message)]
    fn register_member(
        &mut self,
        account: AccountId,
        profile: MemberProfile,
        key: Option<KeyBinding>,
    ) -> Result<(), RegistryError>;

    /// Replaces a member's profile (admin only).
    #[ink(message)]
    fn update_member(
        &mut self,
        account: AccountId,
        profile: MemberProfile,
    ) -> Result<(), RegistryError>;

    /// Suspends an active member (admin only).
    #[ink(message)]
    fn suspend_member(&mut self, account: AccountId) -> Result<(), RegistryError>;

    /// Reinstates a suspended member (admin only).
    #[ink(message)]
    fn reinstate_member(&mut self, account: AccountId) -> Result<(), RegistryError>;

    /// Removes a member for good (admin only).
    #[ink(message)]
    fn remove_member(&mut self, account: AccountId) -> Result<(), RegistryError>;

    /// What the registry holds, in O(1): its registrations (count and running hash) and
    /// the admin's changes to members since (the hub compares them with its founders
    /// before it records the bootstrap). Anyone may call.
    #[ink(message)]
    fn registrations(&self) -> Registrations;
}

/// The append-only decision log as writers and its admin use it.
///
/// Entries are never changed or removed; `hash = blake2_256(prev_hash ++ SCALE(entry))`.
/// The log records its own writer changes as entries (`WriterAuthorized`, `WriterRevoked`),
/// each writer may append only the kinds it was authorized for, and every entry records the
/// account that appended it (log format 2).
#[ink::trait_definition]
pub trait DecisionLog {
    /// Appends an entry stamped with this block's number and timestamp and the caller as
    /// its writer; returns its index and hash.
    ///
    /// Caller: a writer authorized for `kind`. Errors: `NotWriter`, `ReservedKind`,
    /// `KindNotAllowed`, `SubjectNotAllowed` (an `External` entry about the suite), `LogFull`.
    #[ink(message)]
    fn append(
        &mut self,
        kind: LogKind,
        subject: Subject,
        actor: AccountId,
        payload_hash: Hash32,
    ) -> Result<(u64, Hash32), LogError>;

    /// Number of entries and the hash of the last one (`GENESIS_HASH`, zero, when empty).
    #[ink(message)]
    fn head(&self) -> (u64, Hash32);

    /// Lets `writer` append entries of `kinds`; logged as a `WriterAuthorized` entry.
    ///
    /// Caller: the admin. Errors: `NotAdmin`, `AlreadyWriter`, `InvalidKinds`, `LogFull`.
    #[ink(message)]
    fn authorize_writer(&mut self, writer: AccountId, kinds: KindSet) -> Result<(), LogError>;

    /// Stops `writer` from appending; logged as a `WriterRevoked` entry.
    ///
    /// Caller: the admin. Errors: `NotAdmin`, `UnknownWriter`, `LogFull`.
    #[ink(message)]
    fn revoke_writer(&mut self, writer: AccountId) -> Result<(), LogError>;

    /// Whether `account` may append. Anyone may call.
    #[ink(message)]
    fn is_writer(&self, account: AccountId) -> bool;

    /// The kinds `account` may append, or `None` if it is not a writer. Anyone may call.
    #[ink(message)]
    fn writer_kinds(&self, account: AccountId) -> Option<KindSet>;

    /// Number of accounts that may append, so the hub can check that no account outside
    /// the suite may write. Anyone may call.
    #[ink(message)]
    fn writer_count(&self) -> u32;

    /// Number of entries of `kind`, in O(1) (the hub checks that before the bootstrap the log
    /// holds only the writer authorizations and its own admin handover). Anyone may call.
    #[ink(message)]
    fn kind_count(&self, kind: LogKind) -> u64;

    /// Seals the log: appends its last entry, `Sealed` (subject `Suite`, actor `successor`,
    /// the successor suite's hub; payload `payload_hash`), after which every append,
    /// writer change and handover record is refused (`Sealed`). The hub calls it when it
    /// executes a `Succession` action.
    ///
    /// Caller: the admin. Errors: `NotAdmin`, `Sealed` (already sealed), `LogFull`.
    #[ink(message)]
    fn seal(
        &mut self,
        successor: AccountId,
        payload_hash: Hash32,
    ) -> Result<(u64, Hash32), LogError>;

    /// The format the log writes its entries in (`agora_types::LOG_FORMAT_VERSION`, 2; a
    /// format-1 log has no such message). Anyone may call.
    #[ink(message)]
    fn format_version(&self) -> u16;
}

/// Review rounds as the hub opens and closes them.
#[ink::trait_definition]
pub trait ReviewRounds {
    /// Opens the round for `(proposal, revision)` (admin only).
    #[ink(message)]
    fn open_round(
        &mut self,
        proposal: ProposalId,
        revision: Revision,
        author: AccountId,
        content_hash: Hash32,
        closes_at: BlockNumber,
        rules: ReviewRules,
    ) -> Result<(), ReviewError>;

    /// Freezes the round once its window has passed and returns its outcome (admin only).
    #[ink(message)]
    fn close_round(
        &mut self,
        proposal: ProposalId,
        revision: Revision,
    ) -> Result<RoundOutcome, ReviewError>;

    /// Freezes the round of a revision that was replaced (or of a withdrawn proposal)
    /// before its window ends, so its reviewers can settle (admin only).
    #[ink(message)]
    fn supersede_round(
        &mut self,
        proposal: ProposalId,
        revision: Revision,
    ) -> Result<RoundOutcome, ReviewError>;

    /// The round's current outcome.
    #[ink(message)]
    fn round_outcome(
        &self,
        proposal: ProposalId,
        revision: Revision,
    ) -> Result<RoundOutcome, ReviewError>;

    /// Number of rounds ever opened, in O(1) (none before the bootstrap). Anyone may call.
    #[ink(message)]
    fn rounds_opened(&self) -> u32;
}

/// Ballots as the hub opens and closes them.
#[ink::trait_definition]
pub trait Ballots {
    /// Opens ballot `id` (a proposal and the ballot's purpose; admin only).
    #[ink(message)]
    fn open_ballot(
        &mut self,
        id: BallotId,
        snapshot_block: BlockNumber,
        closes_at: BlockNumber,
        rules: VotingRules,
    ) -> Result<(), VotingError>;

    /// Freezes the ballot once its window has passed and returns its outcome (admin only).
    #[ink(message)]
    fn close_ballot(&mut self, id: BallotId) -> Result<BallotOutcome, VotingError>;

    /// The ballot's current outcome.
    #[ink(message)]
    fn ballot_outcome(&self, id: BallotId) -> Result<BallotOutcome, VotingError>;

    /// Number of ballots ever opened, in O(1) (none before the bootstrap). Anyone may call.
    #[ink(message)]
    fn ballots_opened(&self) -> u32;
}
