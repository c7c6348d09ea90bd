//! Decision-log entries (format 2), the hash rule that chains them, and the off-chain
//! verifiers.
//!
//! An entry's hash is `blake2_256(prev_hash ++ SCALE(entry))`; the first entry's `prev_hash`
//! is [`GENESIS_HASH`]. [`verify_chain`], [`verify_hashed_chain`] and the streaming
//! [`ChainVerifier`] recompute a chain and name the first index that does not verify;
//! [`WriterCheck`] replays the writer authorizations and names the first entry whose writer
//! was not allowed its kind. They are `no_std`, so the contract tests, the CLI and any
//! auditor's tool share one definition. docs/auditing.md describes the byte layout for
//! verifiers in other languages.
//!
//! Format 2 (this module's [`LogEntry`]) records the account that appended each entry and a
//! typed [`Subject`]; format 1 ([`v1`]) is kept so that logs deployed before it still verify.
//! A log is never upgraded: its `format_version()` says which format it writes.

use crate::{blake2_256, BlockNumber, Hash32, ProposalId, Timestamp};
use ink::{
    prelude::{collections::BTreeMap, vec::Vec},
    primitives::AccountId,
    scale::Encode,
};

/// The log format this crate's [`LogEntry`] is (the decision log's `format_version()`).
pub const LOG_FORMAT_VERSION: u16 = 2;

/// What a log entry records. Variants are only ever appended (the SCALE index is the order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum LogKind {
    /// An account became a log writer (written by the log itself).
    WriterAuthorized,
    /// An account stopped being a log writer (written by the log itself).
    WriterRevoked,
    /// The log's admin was handed on (written by the log itself).
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
    /// A proposal's final revision met the review rules; its ballot opened.
    ReviewPassed,
    /// An entry of a writer outside the suite (authorized by governance), with a code of its
    /// own choosing. Format 2 only. No suite contract writes it, and a writer authorized for
    /// external kinds can write no other kind, so it can never pass for a suite decision.
    External(u16),
    /// The suite handed its treasury to a successor suite and its log was sealed: the last
    /// entry the log ever holds (written by the log itself, at the hub's `seal`; actor = the
    /// successor's hub, payload [`sealed_payload`]).
    Sealed,
    /// The first entry of a successor suite's log: it anchors the predecessor log's head as
    /// the new log read it at its deployment (written by the log itself; actor = the
    /// predecessor log, payload = that head's hash).
    Anchored,
}

/// Number of [`LogKind`] variants (SCALE indices `0..LOG_KIND_COUNT`).
pub const LOG_KIND_COUNT: u8 = 24;

impl LogKind {
    /// The variant's SCALE index (`External` is 21 whatever its code).
    pub const fn index(&self) -> u8 {
        match self {
            LogKind::WriterAuthorized => 0,
            LogKind::WriterRevoked => 1,
            LogKind::AdminTransferred => 2,
            LogKind::BootstrapCompleted => 3,
            LogKind::MembershipChanged => 4,
            LogKind::ProposalSubmitted => 5,
            LogKind::ProposalRevised => 6,
            LogKind::ProposalCancelled => 7,
            LogKind::ReviewRoundOpened => 8,
            LogKind::ReviewRoundClosed => 9,
            LogKind::ProposalRejected => 10,
            LogKind::BallotOpened => 11,
            LogKind::BallotClosed => 12,
            LogKind::ProposalSucceeded => 13,
            LogKind::ProposalDefeated => 14,
            LogKind::ProposalQueued => 15,
            LogKind::ProposalExecuted => 16,
            LogKind::VetoCast => 17,
            LogKind::ProposalVetoed => 18,
            LogKind::ParameterChanged => 19,
            LogKind::ReviewPassed => 20,
            LogKind::External(_) => 21,
            LogKind::Sealed => 22,
            LogKind::Anchored => 23,
        }
    }
}

/// A set of log kinds, as a bit per [`LogKind::index`] (bit 21: every `External` code).
///
/// Each writer is authorized for one set; the log refuses any other kind from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct KindSet(pub u32);

impl KindSet {
    /// The set of no kind.
    pub const EMPTY: KindSet = KindSet(0);

    /// The set of `kinds`.
    pub const fn of(kinds: &[LogKind]) -> KindSet {
        let mut bits = 0u32;
        let mut i = 0;
        while i < kinds.len() {
            bits |= 1u32 << kinds[i].index();
            i = i.saturating_add(1);
        }
        KindSet(bits)
    }

    /// Whether `kind` is in the set.
    pub const fn contains(&self, kind: LogKind) -> bool {
        self.0 & (1u32 << kind.index()) != 0
    }

    /// Whether the two sets share a kind.
    pub const fn intersects(&self, other: KindSet) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether every bit names a defined kind.
    pub const fn is_defined(&self) -> bool {
        self.0 >> LOG_KIND_COUNT == 0
    }

    /// Whether the set holds no kind.
    pub const fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

/// The kinds only the log writes about itself; no writer is ever authorized for them.
pub const LOG_OWN_KINDS: KindSet = KindSet::of(&[
    LogKind::WriterAuthorized,
    LogKind::WriterRevoked,
    LogKind::AdminTransferred,
    LogKind::Sealed,
    LogKind::Anchored,
]);

/// The kinds the hub (proposals) writes.
pub const HUB_KINDS: KindSet = KindSet::of(&[
    LogKind::BootstrapCompleted,
    LogKind::MembershipChanged,
    LogKind::ProposalSubmitted,
    LogKind::ProposalRevised,
    LogKind::ProposalCancelled,
    LogKind::ProposalRejected,
    LogKind::ProposalSucceeded,
    LogKind::ProposalDefeated,
    LogKind::ProposalQueued,
    LogKind::ProposalExecuted,
    LogKind::VetoCast,
    LogKind::ProposalVetoed,
    LogKind::ParameterChanged,
    LogKind::ReviewPassed,
]);

/// The kinds peer review writes.
pub const REVIEW_KINDS: KindSet =
    KindSet::of(&[LogKind::ReviewRoundOpened, LogKind::ReviewRoundClosed]);

/// The kinds voting writes.
pub const VOTING_KINDS: KindSet = KindSet::of(&[LogKind::BallotOpened, LogKind::BallotClosed]);

/// The kinds a writer authorized by governance (`Action::AuthorizeWriter`) may write: only
/// `External` entries, never a suite kind.
pub const EXTERNAL_KINDS: KindSet = KindSet::of(&[LogKind::External(0)]);

const _: () = assert!(!HUB_KINDS.intersects(REVIEW_KINDS));
const _: () = assert!(!HUB_KINDS.intersects(VOTING_KINDS));
const _: () = assert!(!REVIEW_KINDS.intersects(VOTING_KINDS));
const _: () = assert!(
    HUB_KINDS.0 | REVIEW_KINDS.0 | VOTING_KINDS.0 | LOG_OWN_KINDS.0 | EXTERNAL_KINDS.0
        == (1u32 << LOG_KIND_COUNT) - 1
);

/// Identifies an allocation round (later wave); reserved in [`Subject`].
pub type AllocationRoundId = u32;
/// Identifies a bid within an allocation round; reserved in [`Subject`].
pub type BidId = u32;
/// Identifies an agent mandate; reserved in [`Subject`].
pub type MandateId = u32;
/// Identifies an act under a mandate; reserved in [`Subject`].
pub type ActId = u32;

/// What a log entry is about. Variants are only ever appended (the SCALE index is the
/// order); later features add theirs without changing the entries of earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Subject {
    /// The suite itself: writers, admin, bootstrap.
    Suite,
    /// A proposal (ids start at 1).
    Proposal(ProposalId),
    /// A member (by account).
    Member(AccountId),
    /// An allocation round.
    Round(AllocationRoundId),
    /// A bid in an allocation round.
    Bid {
        /// The round.
        round: AllocationRoundId,
        /// The bid within it.
        bid: BidId,
    },
    /// An agent mandate.
    Mandate(MandateId),
    /// An act under a mandate.
    Act {
        /// The mandate.
        mandate: MandateId,
        /// The act within it.
        act: ActId,
    },
}

impl Subject {
    /// The subject of an entry about proposal `id`: `Proposal(id)`, or `Suite` for 0 (what
    /// format 1 wrote as subject 0).
    pub const fn of_proposal(id: ProposalId) -> Subject {
        if id == 0 {
            Subject::Suite
        } else {
            Subject::Proposal(id)
        }
    }

    /// The proposal it is, if it is one.
    pub const fn proposal(&self) -> Option<ProposalId> {
        match self {
            Subject::Proposal(id) => Some(*id),
            _ => None,
        }
    }
}

/// One decision-log entry (format 2); `hash = blake2_256(prev_hash ++ SCALE(entry))`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct LogEntry {
    /// Position in the log, from 0.
    pub index: u64,
    /// What happened.
    pub kind: LogKind,
    /// What it is about.
    pub subject: Subject,
    /// Who caused it, as the writer states (for `WriterAuthorized` and `WriterRevoked`: the
    /// writer concerned; for `AdminTransferred`: the old admin).
    pub actor: AccountId,
    /// The account whose call appended it: a writer allowed this kind, or the log's admin
    /// for `WriterAuthorized` and `WriterRevoked`, or the new admin for `AdminTransferred`.
    /// The log sets it; no writer can choose it.
    pub writer: AccountId,
    /// Hash of the details (transcript, parameters, …); see docs/auditing.md per kind.
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

/// `blake2_256(prev_hash ++ SCALE(entry))`, the rule of every format.
fn chained_hash<E: Encode>(prev_hash: &Hash32, entry: &E) -> Hash32 {
    let mut bytes = Vec::with_capacity(32usize.saturating_add(entry.size_hint()));
    bytes.extend_from_slice(prev_hash);
    entry.encode_to(&mut bytes);
    blake2_256(&bytes)
}

impl LogEntry {
    /// `blake2_256(prev_hash ++ SCALE(entry))`.
    pub fn hash(&self) -> Hash32 {
        chained_hash(&self.prev_hash, self)
    }
}

/// Largest SCALE size of a [`LogEntry`] in bytes: index 8 + kind 3 (`External`: tag and
/// u16) + subject 33 (`Member`: tag and account) + actor 32 + writer 32 + payload hash 32 +
/// block 4 + timestamp 8 + prev hash 32. The suite's own entries are 154 bytes (kind 1,
/// subject `Proposal` 5), or 150 about the suite (subject 1).
pub const MAX_LOG_ENTRY_ENCODED_LEN: usize = 184;

/// Largest SCALE size of a [`HashedEntry`]: the entry and its 32-byte hash.
pub const MAX_HASHED_ENTRY_ENCODED_LEN: usize = MAX_LOG_ENTRY_ENCODED_LEN + 32;

/// Most entries one page of `entries` or `entries_for` returns.
///
/// A page comes back as `Result<Result<Vec<HashedEntry>, LogError>, LangError>`: two result
/// tags, a compact length (1 byte up to 63 items, 2 up to 16 383) and at most 216 bytes per
/// entry, so a full page of the largest entries is 4 + 64 × 216 = 13 828 bytes, below ink's
/// 16 KiB (16 384-byte) static buffer. (Format 1 allowed 100 entries of 153 bytes.)
pub const MAX_LOG_PAGE: u32 = 64;

/// Bytes of a full page of the largest entries as it leaves the contract (see
/// [`MAX_LOG_PAGE`]).
pub const MAX_LOG_PAGE_ENCODED_LEN: usize =
    4 + MAX_LOG_PAGE as usize * MAX_HASHED_ENTRY_ENCODED_LEN;

const _: () = assert!(MAX_LOG_PAGE_ENCODED_LEN <= 16 * 1024);

/// An entry together with the hash the log stored for it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct HashedEntry {
    /// The entry.
    pub entry: LogEntry,
    /// `entry.hash()`, as computed when it was appended.
    pub hash: Hash32,
}

/// The payload of `AdminTransferred` (and, in format 1, of the writer entries): the 32
/// bytes of the account concerned, unhashed, so that the chain alone tells who held what.
pub fn account_payload(account: &AccountId) -> Hash32 {
    let mut payload = [0u8; 32];
    payload.copy_from_slice(account.as_ref());
    payload
}

/// The payload of `WriterAuthorized`: the writer's [`KindSet`] as its 4 SCALE bytes (u32
/// little-endian), then 28 zero bytes, unhashed, so that the chain alone tells who could
/// write which kinds when.
pub fn kinds_payload(kinds: KindSet) -> Hash32 {
    let mut payload = [0u8; 32];
    payload[..4].copy_from_slice(&kinds.0.to_le_bytes());
    payload
}

/// The kinds a `WriterAuthorized` payload names, or `None` if it is not one
/// [`kinds_payload`] writes.
pub fn kinds_of_payload(payload: &Hash32) -> Option<KindSet> {
    if payload[4..].iter().any(|b| *b != 0) {
        return None;
    }
    let kinds = KindSet(u32::from_le_bytes([
        payload[0], payload[1], payload[2], payload[3],
    ]));
    (kinds.is_defined() && !kinds.is_empty() && !kinds.intersects(LOG_OWN_KINDS)).then_some(kinds)
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
    /// The page limit is above `MAX_LOG_PAGE`.
    LimitTooLarge,
    /// No entry has this index.
    OutOfRange,
    /// Only the log itself writes entries of this kind (`WriterAuthorized`, `WriterRevoked`,
    /// `AdminTransferred`).
    ReservedKind,
    /// The log holds `u64::MAX` entries and cannot grow (unreachable in practice).
    LogFull,
    /// The caller is a writer, but not authorized for this kind.
    KindNotAllowed,
    /// A writer's kinds must be a non-empty set of defined kinds without the log's own.
    InvalidKinds,
    /// An `External` entry may not be about the suite (`Subject::Suite` holds only the
    /// suite's own history, which verify-deployment replays in full).
    SubjectNotAllowed,
    /// The log was sealed (its suite was succeeded): it takes no more entries.
    Sealed,
    /// The predecessor named to a successor log did not answer `head()`.
    PredecessorUnavailable,
    /// The predecessor named to a successor log is sealed: its suite was already handed on
    /// to another successor.
    PredecessorSealed,
}

/// Where a successor suite's log starts: the predecessor log, and its head as the new log
/// read it when it was deployed (its first entry, `Anchored`, records the head's hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct LogAnchor {
    /// The predecessor suite's log.
    pub log: AccountId,
    /// How many entries it held.
    pub len: u64,
    /// The hash of its last entry then (`GENESIS_HASH` if it held none).
    pub head: Hash32,
}

/// Payload hash of a `Sealed` entry: `blake2_256(SCALE((proposal, successor_code_hash,
/// amount)))`, the succession proposal, the code hash its action pinned for the successor's
/// hub, and the treasury balance handed over.
pub fn sealed_payload(
    proposal: ProposalId,
    successor_code_hash: &Hash32,
    amount: crate::Balance,
) -> Hash32 {
    blake2_256(&(proposal, successor_code_hash, amount).encode())
}

/// What a chain verifier needs of an entry, in any format.
pub trait ChainedEntry {
    /// Its position.
    fn position(&self) -> u64;
    /// The hash it links to.
    fn link(&self) -> &Hash32;
    /// Its hash, `blake2_256(prev_hash ++ SCALE(entry))`.
    fn chain_hash(&self) -> Hash32;
}

/// An entry read with the hash the log stored for it, in any format.
pub trait StoredEntry {
    /// The entry's type.
    type Entry: ChainedEntry;
    /// The entry.
    fn stored_entry(&self) -> &Self::Entry;
    /// The hash stored with it.
    fn stored_hash(&self) -> &Hash32;
}

/// The verifier traits for one format's entry and hashed-entry types (both formats name
/// their fields alike).
macro_rules! chained_entry {
    ($entry:ty, $hashed:ty) => {
        impl ChainedEntry for $entry {
            fn position(&self) -> u64 {
                self.index
            }
            fn link(&self) -> &Hash32 {
                &self.prev_hash
            }
            fn chain_hash(&self) -> Hash32 {
                self.hash()
            }
        }

        impl StoredEntry for $hashed {
            type Entry = $entry;
            fn stored_entry(&self) -> &$entry {
                &self.entry
            }
            fn stored_hash(&self) -> &Hash32 {
                &self.hash
            }
        }
    };
}

chained_entry!(LogEntry, HashedEntry);

/// Format 1 of the log (deployments before format 2): no writer field, the subject a bare
/// proposal id (0 for none), `LogKind` without `External`. Kept so that the auditor's tools
/// verify such logs; no contract writes it any more.
pub mod v1 {
    use super::{chained_hash, ChainedEntry, StoredEntry};
    use crate::{BlockNumber, Hash32, ProposalId, Timestamp};
    use ink::primitives::AccountId;

    /// The log format this module's [`LogEntry`] is.
    pub const LOG_FORMAT_VERSION: u16 = 1;

    /// One format-1 entry: the kind is the [`super::LogKind`] index (0..=20).
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct LogEntry {
        /// Position in the log, from 0.
        pub index: u64,
        /// What happened (never `External`, which format 1 does not have).
        pub kind: super::LogKind,
        /// The proposal it concerns, or 0.
        pub subject: ProposalId,
        /// Who caused it.
        pub actor: AccountId,
        /// Hash of the details.
        pub payload_hash: Hash32,
        /// Block it was appended in.
        pub block: BlockNumber,
        /// Block timestamp it was appended at.
        pub timestamp: Timestamp,
        /// Hash of the previous entry.
        pub prev_hash: Hash32,
    }

    impl LogEntry {
        /// `blake2_256(prev_hash ++ SCALE(entry))`.
        pub fn hash(&self) -> Hash32 {
            chained_hash(&self.prev_hash, self)
        }
    }

    /// SCALE size of every format-1 entry: index 8 + kind 1 + subject 4 + actor 32 +
    /// payload hash 32 + block 4 + timestamp 8 + prev hash 32.
    pub const LOG_ENTRY_ENCODED_LEN: usize = 121;

    /// SCALE size of a format-1 entry with its hash.
    pub const HASHED_ENTRY_ENCODED_LEN: usize = LOG_ENTRY_ENCODED_LEN + 32;

    /// Format 1's page limit (a full page of 153-byte entries fits 16 KiB).
    pub const MAX_LOG_PAGE: u32 = 100;

    /// A format-1 entry with its stored hash.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct HashedEntry {
        /// The entry.
        pub entry: LogEntry,
        /// Its stored hash.
        pub hash: Hash32,
    }

    chained_entry!(LogEntry, HashedEntry);
}

/// Why a chain of entries did not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyFailure {
    /// The entry's `index` is not its position in the chain.
    WrongIndex,
    /// The entry's `prev_hash` is not the hash of the entry before it ([`GENESIS_HASH`] for
    /// the first): this entry's `prev_hash` or the content of the one before was altered.
    BrokenLink,
    /// The hash stored with the entry is not the hash of its content.
    WrongHash,
    /// The chain ends before the expected head: this index is missing.
    Missing,
    /// The chain goes on past the expected head: this index should not exist.
    Unexpected,
    /// The hash of this, the last, entry is not the expected head hash (or, for an empty
    /// chain, the expected hash is not [`GENESIS_HASH`]).
    HeadMismatch,
}

/// The first index of a chain that does not verify, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyError {
    /// Log index of the first entry that does not verify.
    pub index: u64,
    /// What is wrong with it.
    pub failure: VerifyFailure,
}

impl core::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let what = match self.failure {
            VerifyFailure::WrongIndex => "index field is not its position",
            VerifyFailure::BrokenLink => "prev_hash is not the previous entry's hash",
            VerifyFailure::WrongHash => "stored hash is not the hash of its content",
            VerifyFailure::Missing => "missing before the expected head",
            VerifyFailure::Unexpected => "beyond the expected head",
            VerifyFailure::HeadMismatch => "hash differs from the expected head hash",
        };
        write!(f, "entry {}: {}", self.index, what)
    }
}

/// Recomputes a hash chain entry by entry, without holding it in memory (for paging
/// through a long log), in either format.
///
/// Each pushed entry must carry the next index and link to the hash of the entry before;
/// a push that fails leaves the verifier where it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainVerifier {
    next_index: u64,
    prev_hash: Hash32,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self::new()
    }
}

impl ChainVerifier {
    /// A verifier expecting entry 0, linked to [`GENESIS_HASH`].
    pub const fn new() -> Self {
        Self::resume(0, GENESIS_HASH)
    }

    /// A verifier that trusts the log up to entry `next_index - 1`, whose hash is
    /// `prev_hash`, and checks what follows (`head()` of an earlier audit is such a point).
    pub const fn resume(next_index: u64, prev_hash: Hash32) -> Self {
        Self {
            next_index,
            prev_hash,
        }
    }

    /// Entries verified so far (counting those trusted by `resume`) and the hash of the
    /// last one: the head the chain has if it ends here.
    pub const fn head(&self) -> (u64, Hash32) {
        (self.next_index, self.prev_hash)
    }

    /// Checks that `entry` is the next one and returns its hash.
    pub fn push<E: ChainedEntry>(&mut self, entry: &E) -> Result<Hash32, VerifyError> {
        self.check(entry, None)
    }

    /// Checks that `item`'s entry is the next one and that its stored hash is its hash.
    pub fn push_hashed<S: StoredEntry>(&mut self, item: &S) -> Result<(), VerifyError> {
        self.check(item.stored_entry(), Some(item.stored_hash()))
            .map(|_| ())
    }

    fn check<E: ChainedEntry>(
        &mut self,
        entry: &E,
        stored: Option<&Hash32>,
    ) -> Result<Hash32, VerifyError> {
        let fail = |failure| VerifyError {
            index: self.next_index,
            failure,
        };
        if entry.position() != self.next_index {
            return Err(fail(VerifyFailure::WrongIndex));
        }
        if *entry.link() != self.prev_hash {
            return Err(fail(VerifyFailure::BrokenLink));
        }
        let hash = entry.chain_hash();
        if stored.is_some_and(|stored| *stored != hash) {
            return Err(fail(VerifyFailure::WrongHash));
        }
        // An index of u64::MAX would need 2^64 entries before it; saturating is exact here.
        self.next_index = self.next_index.saturating_add(1);
        self.prev_hash = hash;
        Ok(hash)
    }

    /// Checks that the chain ends at `expected`, a `(len, hash)` as the log's `head()`
    /// returns it.
    pub fn finish(&self, expected: (u64, Hash32)) -> Result<(), VerifyError> {
        let (len, hash) = expected;
        if self.next_index < len {
            return Err(VerifyError {
                index: self.next_index,
                failure: VerifyFailure::Missing,
            });
        }
        if self.next_index > len {
            return Err(VerifyError {
                index: len,
                failure: VerifyFailure::Unexpected,
            });
        }
        if self.prev_hash != hash {
            return Err(VerifyError {
                index: len.saturating_sub(1),
                failure: VerifyFailure::HeadMismatch,
            });
        }
        Ok(())
    }
}

/// Verifies a whole log from entry 0: indices 0, 1, 2, …, each `prev_hash` the hash of the
/// entry before ([`GENESIS_HASH`] for the first), and, with `expected_head = Some((len,
/// hash))` (the log's `head()`), exactly `len` entries the last of which hashes to `hash`.
///
/// Returns the first index that does not verify. Without an expected head only the links
/// are checked, so the content of the last entry is not covered: pass the head you trust.
pub fn verify_chain<E: ChainedEntry>(
    entries: &[E],
    expected_head: Option<(u64, Hash32)>,
) -> Result<(), VerifyError> {
    let mut verifier = ChainVerifier::new();
    for entry in entries {
        verifier.push(entry)?;
    }
    expected_head.map_or(Ok(()), |head| verifier.finish(head))
}

/// Like [`verify_chain`] for entries read with their stored hashes (`entries`,
/// `entries_for`, `entry`): also checks each stored hash, so an altered entry is named
/// itself rather than by the broken link after it.
pub fn verify_hashed_chain<S: StoredEntry>(
    entries: &[S],
    expected_head: Option<(u64, Hash32)>,
) -> Result<(), VerifyError> {
    let mut verifier = ChainVerifier::new();
    for item in entries {
        verifier.push_hashed(item)?;
    }
    expected_head.map_or(Ok(()), |head| verifier.finish(head))
}

/// Why an entry's writer was not allowed to write it (see [`WriterCheck`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriterFault {
    /// A writer entry (`WriterAuthorized`, `WriterRevoked`) not appended by the admin of the
    /// time.
    NotAdmin,
    /// A `WriterAuthorized` entry the log would not write: its payload is not a valid kind
    /// set, its writer was already authorized, or it is not about the suite; or, checked
    /// [`WriterCheck::for_suite`], it grants a suite kind to another account than the
    /// suite contract it belongs to, or another set to one of them.
    BadAuthorization,
    /// A `WriterRevoked` entry for an account that was not a writer, or not as the log
    /// writes it (about the suite, 32 zero payload bytes).
    UnknownWriter,
    /// An `AdminTransferred` entry the log would not write: not appended by the account its
    /// payload names, not from the admin of the time, to that same admin or to the zero
    /// account, or not about the suite.
    BadHandover,
    /// An entry appended by an account that was not a writer when it was appended.
    NotWriter,
    /// An entry of a kind its writer was not authorized for.
    KindNotAllowed,
    /// An `External` entry about the suite (the log refuses them: `SubjectNotAllowed`).
    SubjectNotAllowed,
    /// An `Anchored` entry the log would not write: not entry 0, or not about the suite.
    BadAnchor,
    /// A `Sealed` entry the log would not write: not appended by the admin of the time, or
    /// not about the suite.
    BadSeal,
    /// An entry after the log was sealed (a sealed log takes none).
    AfterSeal,
}

/// The first entry whose writer was not allowed to write it, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterError {
    /// Log index of the entry.
    pub index: u64,
    /// What is wrong with it.
    pub fault: WriterFault,
}

impl core::fmt::Display for WriterError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let what = match self.fault {
            WriterFault::NotAdmin => "writer entry not appended by the log's admin",
            WriterFault::BadAuthorization => "authorization the log would not write",
            WriterFault::UnknownWriter => "revokes an account that was not a writer",
            WriterFault::BadHandover => "admin handover the log would not write",
            WriterFault::NotWriter => "appended by an account that was not a writer",
            WriterFault::KindNotAllowed => "its writer was not authorized for its kind",
            WriterFault::SubjectNotAllowed => "an external entry about the suite",
            WriterFault::BadAnchor => "an anchor the log would not write",
            WriterFault::BadSeal => "a seal the log would not write",
            WriterFault::AfterSeal => "appended after the log was sealed",
        };
        write!(f, "entry {}: {}", self.index, what)
    }
}

/// Replays a format-2 log's writer entries and checks that every entry was appended by an
/// account allowed its kind at that point: the log's own entries by the admin of the time
/// (from entry 0: the writer of the first writer record, or the old admin of a first
/// handover), as the log writes them, every other entry by a writer authorized for its kind.
///
/// It shows that a log is consistent with itself; [`WriterCheck::for_suite`] also ties the
/// suite's kinds to the suite's contracts, so a look-alike log whose deployer granted itself
/// the hub's kinds does not pass. It holds one [`KindSet`] per writer ever authorized
/// (bounded by the log's writer entries). Feed it the entries the [`ChainVerifier`]
/// accepted, in order: on its own it does not check the chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriterCheck {
    admin: Option<AccountId>,
    writers: BTreeMap<AccountId, KindSet>,
    suite: Option<[(AccountId, KindSet); 3]>,
    sealed: bool,
}

impl WriterCheck {
    /// A check expecting entry 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// A check expecting entry 0 of the log of the suite whose hub, review and voting
    /// contracts are these: only they may be granted suite kinds, each exactly its own set
    /// (`HUB_KINDS`, `REVIEW_KINDS`, `VOTING_KINDS`); any other writer only
    /// `EXTERNAL_KINDS`.
    pub fn for_suite(hub: AccountId, review: AccountId, voting: AccountId) -> Self {
        Self {
            suite: Some([
                (hub, HUB_KINDS),
                (review, REVIEW_KINDS),
                (voting, VOTING_KINDS),
            ]),
            ..Self::default()
        }
    }

    /// A check that goes on from a point of an earlier audit, where `admin` was the admin
    /// and `writers` the writers with their kinds (what [`WriterCheck::state`] returned).
    pub fn resume(self, admin: AccountId, writers: BTreeMap<AccountId, KindSet>) -> Self {
        Self {
            admin: Some(admin),
            writers,
            ..self
        }
    }

    /// The writers authorized so far with their kinds, and the admin of the time.
    pub fn state(&self) -> (Option<AccountId>, &BTreeMap<AccountId, KindSet>) {
        (self.admin, &self.writers)
    }

    /// Whether the suite may grant `kinds` to `writer` (always, without a suite).
    fn grant_allowed(&self, writer: &AccountId, kinds: KindSet) -> bool {
        match &self.suite {
            None => true,
            Some(suite) => match suite.iter().find(|(account, _)| account == writer) {
                Some((_, own)) => kinds == *own,
                None => kinds == EXTERNAL_KINDS,
            },
        }
    }

    /// Whether the log was sealed by an entry pushed so far.
    pub fn sealed(&self) -> bool {
        self.sealed
    }

    /// Checks `entry`'s writer and applies it if it changes writers or the admin.
    pub fn push(&mut self, entry: &LogEntry) -> Result<(), WriterError> {
        let fail = |fault| WriterError {
            index: entry.index,
            fault,
        };
        if self.sealed {
            return Err(fail(WriterFault::AfterSeal));
        }
        match entry.kind {
            LogKind::Anchored => {
                // Written by the constructor of a successor log: entry 0, by its deployer,
                // who is the first admin.
                if entry.index != 0 || entry.subject != Subject::Suite || self.admin.is_some() {
                    return Err(fail(WriterFault::BadAnchor));
                }
                self.admin = Some(entry.writer);
            }
            LogKind::Sealed => {
                let admin = *self.admin.get_or_insert(entry.writer);
                if entry.writer != admin {
                    return Err(fail(WriterFault::NotAdmin));
                }
                if entry.subject != Subject::Suite {
                    return Err(fail(WriterFault::BadSeal));
                }
                self.sealed = true;
            }
            LogKind::WriterAuthorized | LogKind::WriterRevoked => {
                let admin = *self.admin.get_or_insert(entry.writer);
                if entry.writer != admin {
                    return Err(fail(WriterFault::NotAdmin));
                }
                if entry.kind == LogKind::WriterAuthorized {
                    let kinds = kinds_of_payload(&entry.payload_hash)
                        .filter(|kinds| {
                            entry.subject == Subject::Suite
                                && !self.writers.contains_key(&entry.actor)
                                && self.grant_allowed(&entry.actor, *kinds)
                        })
                        .ok_or(fail(WriterFault::BadAuthorization))?;
                    self.writers.insert(entry.actor, kinds);
                } else if entry.subject != Subject::Suite
                    || entry.payload_hash != [0u8; 32]
                    || self.writers.remove(&entry.actor).is_none()
                {
                    return Err(fail(WriterFault::UnknownWriter));
                }
            }
            LogKind::AdminTransferred => {
                let new_admin = AccountId::from(entry.payload_hash);
                let old_admin = *self.admin.get_or_insert(entry.actor);
                if entry.subject != Subject::Suite
                    || entry.writer != new_admin
                    || entry.actor != old_admin
                    || new_admin == old_admin
                    || entry.payload_hash == [0u8; 32]
                {
                    return Err(fail(WriterFault::BadHandover));
                }
                self.admin = Some(new_admin);
            }
            kind => {
                let kinds = self
                    .writers
                    .get(&entry.writer)
                    .ok_or(fail(WriterFault::NotWriter))?;
                if !kinds.contains(kind) {
                    return Err(fail(WriterFault::KindNotAllowed));
                }
                if !external_subject_allowed(kind, &entry.subject) {
                    return Err(fail(WriterFault::SubjectNotAllowed));
                }
            }
        }
        Ok(())
    }
}

/// Whether the log accepts an entry of `kind` about `subject`: `External` entries may be
/// about anything but the suite, whose entries verify-deployment replays in full (a writer
/// added by governance could otherwise pad that history without bound).
pub fn external_subject_allowed(kind: LogKind, subject: &Subject) -> bool {
    !matches!(kind, LogKind::External(_)) || *subject != Subject::Suite
}

/// Checks every entry's writer from entry 0 (see [`WriterCheck`]).
pub fn verify_writers(entries: &[HashedEntry]) -> Result<(), WriterError> {
    let mut check = WriterCheck::new();
    entries.iter().try_for_each(|item| check.push(&item.entry))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ink::scale::{Decode, Encode};
    use proptest::prelude::*;

    /// Kinds without data (`External` carries a code).
    const KIND_COUNT: u8 = LOG_KIND_COUNT - 1;
    /// The SCALE index of `External`, the one kind with data.
    const EXTERNAL_INDEX: u8 = 21;

    /// The SCALE index of the `i`-th kind without data.
    fn unit_index(i: u8) -> u8 {
        let k = i % KIND_COUNT;
        if k >= EXTERNAL_INDEX {
            k + 1
        } else {
            k
        }
    }

    fn kind(i: u8) -> LogKind {
        LogKind::decode(&mut &[unit_index(i)][..]).expect("a defined kind")
    }

    fn subject(i: u32) -> Subject {
        match i % 4 {
            0 => Subject::Suite,
            1 => Subject::Proposal(i),
            2 => Subject::Member(AccountId::from([i as u8; 32])),
            _ => Subject::Bid {
                round: i,
                bid: i / 2,
            },
        }
    }

    /// Entry contents without the chaining fields (index, prev_hash).
    type Content = (u8, u32, [u8; 32], Hash32, BlockNumber, Timestamp);

    fn build(contents: &[Content]) -> Vec<LogEntry> {
        let mut prev_hash = GENESIS_HASH;
        let mut out = Vec::new();
        for (i, (k, subject, actor, payload_hash, block, timestamp)) in contents.iter().enumerate()
        {
            let entry = LogEntry {
                index: i as u64,
                kind: kind(*k),
                subject: self::subject(*subject),
                actor: AccountId::from(*actor),
                writer: AccountId::from([k.wrapping_mul(3); 32]),
                payload_hash: *payload_hash,
                block: *block,
                timestamp: *timestamp,
                prev_hash,
            };
            prev_hash = entry.hash();
            out.push(entry);
        }
        out
    }

    fn head_of(chain: &[LogEntry]) -> (u64, Hash32) {
        chain
            .last()
            .map_or((0, GENESIS_HASH), |e| (e.index + 1, e.hash()))
    }

    fn hashed(chain: &[LogEntry]) -> Vec<HashedEntry> {
        chain
            .iter()
            .map(|e| HashedEntry {
                entry: e.clone(),
                hash: e.hash(),
            })
            .collect()
    }

    fn sample(n: usize) -> Vec<LogEntry> {
        let contents: Vec<Content> = (0..n)
            .map(|i| {
                (
                    i as u8,
                    i as u32 % 3,
                    [i as u8; 32],
                    [0xA0 ^ i as u8; 32],
                    10 + i as u32,
                    1_700_000_000_000 + i as u64,
                )
            })
            .collect();
        build(&contents)
    }

    /// Changes field `field` (0..9) of `entry` to a different value.
    fn tamper(entry: &mut LogEntry, field: u8, delta: u8) {
        let delta = delta.max(1);
        match field % 9 {
            0 => entry.index = entry.index.wrapping_add(u64::from(delta)),
            1 => {
                // Its position among the kinds without data (what `kind` takes).
                let index = entry.kind.encode()[0];
                let current = if index > EXTERNAL_INDEX {
                    index - 1
                } else {
                    index
                };
                entry.kind = kind(current + delta % (KIND_COUNT - 1) + 1);
            }
            2 => {
                entry.subject = match entry.subject {
                    Subject::Proposal(id) => Subject::Proposal(id.wrapping_add(u32::from(delta))),
                    _ => Subject::Proposal(u32::from(delta)),
                }
            }
            3 => {
                let mut bytes: [u8; 32] = *entry.actor.as_ref();
                bytes[usize::from(delta) % 32] ^= delta;
                entry.actor = AccountId::from(bytes);
            }
            4 => entry.payload_hash[usize::from(delta) % 32] ^= delta,
            5 => entry.block = entry.block.wrapping_add(u32::from(delta)),
            6 => entry.timestamp = entry.timestamp.wrapping_add(u64::from(delta)),
            7 => {
                let mut bytes: [u8; 32] = *entry.writer.as_ref();
                bytes[usize::from(delta) % 32] ^= delta;
                entry.writer = AccountId::from(bytes);
            }
            _ => entry.prev_hash[usize::from(delta) % 32] ^= delta,
        }
    }

    /// The largest entry: an `External` kind about a member.
    fn largest() -> LogEntry {
        LogEntry {
            index: u64::MAX,
            kind: LogKind::External(u16::MAX),
            subject: Subject::Member(AccountId::from([0xFF; 32])),
            actor: AccountId::from([0xFE; 32]),
            writer: AccountId::from([0xFD; 32]),
            payload_hash: [0xFC; 32],
            block: u32::MAX,
            timestamp: u64::MAX,
            prev_hash: [0xFB; 32],
        }
    }

    #[test]
    fn the_largest_entry_encodes_to_the_maximum_and_suite_entries_to_154_bytes() {
        assert_eq!(largest().encode().len(), MAX_LOG_ENTRY_ENCODED_LEN);
        let hashed_largest = HashedEntry {
            hash: largest().hash(),
            entry: largest(),
        };
        assert_eq!(hashed_largest.encode().len(), MAX_HASHED_ENTRY_ENCODED_LEN);
        let mut suite = largest();
        suite.kind = LogKind::BallotClosed;
        suite.subject = Subject::Proposal(7);
        assert_eq!(suite.encode().len(), 154);
        suite.subject = Subject::Suite;
        assert_eq!(suite.encode().len(), 150);
    }

    #[test]
    fn a_full_page_of_the_largest_entries_fits_the_static_buffer() {
        let item = HashedEntry {
            hash: largest().hash(),
            entry: largest(),
        };
        let page: Vec<HashedEntry> = (0..MAX_LOG_PAGE).map(|_| item.clone()).collect();
        let returned = Ok::<_, ()>(Ok::<_, LogError>(page)).encode();
        assert_eq!(returned.len(), MAX_LOG_PAGE_ENCODED_LEN);
        assert!(returned.len() <= 16 * 1024);
    }

    #[test]
    fn entry_layout_is_the_documented_one() {
        // The byte-by-byte layout docs/auditing.md walks through.
        let entry = LogEntry {
            index: 0x0102,
            kind: LogKind::BallotClosed,
            subject: Subject::Proposal(7),
            actor: AccountId::from([0x11; 32]),
            writer: AccountId::from([0x44; 32]),
            payload_hash: [0x22; 32],
            block: 0x0A0B,
            timestamp: 0x0C0D,
            prev_hash: [0x33; 32],
        };
        let mut expected = Vec::new();
        expected.extend_from_slice(&[0x02, 0x01, 0, 0, 0, 0, 0, 0]);
        expected.push(12);
        expected.extend_from_slice(&[1, 7, 0, 0, 0]);
        expected.extend_from_slice(&[0x11; 32]);
        expected.extend_from_slice(&[0x44; 32]);
        expected.extend_from_slice(&[0x22; 32]);
        expected.extend_from_slice(&[0x0B, 0x0A, 0, 0]);
        expected.extend_from_slice(&[0x0D, 0x0C, 0, 0, 0, 0, 0, 0]);
        expected.extend_from_slice(&[0x33; 32]);
        assert_eq!(entry.encode(), expected);
        let mut preimage = vec![0x33; 32];
        preimage.extend_from_slice(&expected);
        assert_eq!(entry.hash(), blake2_256(&preimage));
    }

    #[test]
    fn kinds_and_subjects_encode_as_documented() {
        assert_eq!(LogKind::External(0x0102).encode(), vec![21, 0x02, 0x01]);
        assert_eq!(LogKind::ReviewPassed.encode(), vec![20]);
        for i in 0..KIND_COUNT {
            assert_eq!(kind(i).index(), unit_index(i));
            assert_eq!(kind(i).encode(), vec![unit_index(i)]);
        }
        assert_eq!(LogKind::Sealed.encode(), vec![22]);
        assert_eq!(LogKind::Anchored.encode(), vec![23]);
        assert_eq!(Subject::Suite.encode(), vec![0]);
        assert_eq!(Subject::Proposal(0x0102).encode(), vec![1, 2, 1, 0, 0]);
        let mut member = vec![2];
        member.extend_from_slice(&[9; 32]);
        assert_eq!(Subject::Member(AccountId::from([9; 32])).encode(), member);
        assert_eq!(Subject::Round(1).encode(), vec![3, 1, 0, 0, 0]);
        assert_eq!(
            Subject::Bid { round: 1, bid: 2 }.encode(),
            vec![4, 1, 0, 0, 0, 2, 0, 0, 0]
        );
        assert_eq!(Subject::Mandate(1).encode(), vec![5, 1, 0, 0, 0]);
        assert_eq!(
            Subject::Act { mandate: 1, act: 2 }.encode(),
            vec![6, 1, 0, 0, 0, 2, 0, 0, 0]
        );
        assert_eq!(Subject::of_proposal(0), Subject::Suite);
        assert_eq!(Subject::of_proposal(3), Subject::Proposal(3));
        assert_eq!(Subject::Proposal(3).proposal(), Some(3));
        assert_eq!(Subject::Suite.proposal(), None);
    }

    #[test]
    fn genesis_entry_hash_vector() {
        // A fixed vector for independent verifiers (also printed in docs/auditing.md): the
        // first entry of every format-2 log authorizes the hub.
        let entry = LogEntry {
            index: 0,
            kind: LogKind::WriterAuthorized,
            subject: Subject::Suite,
            actor: AccountId::from([1; 32]),
            writer: AccountId::from([3; 32]),
            payload_hash: kinds_payload(HUB_KINDS),
            block: 1,
            timestamp: 0,
            prev_hash: GENESIS_HASH,
        };
        let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(
            hex(&entry.payload_hash),
            "f8e41f0000000000000000000000000000000000000000000000000000000000"
        );
        let expected = "101aff8facb121c9478e36592b40c69db2f7d16212da31b2fd4df7f15069faf5";
        assert_eq!(hex(&entry.hash()), expected);
        let mut preimage = vec![0u8; 32];
        preimage.extend_from_slice(&entry.encode());
        assert_eq!(entry.hash(), blake2_256(&preimage));
    }

    #[test]
    fn format_one_entries_keep_their_layout_and_vector() {
        // Logs deployed before format 2 still verify with the same tools.
        let entry = v1::LogEntry {
            index: 0,
            kind: LogKind::WriterAuthorized,
            subject: 0,
            actor: AccountId::from([1; 32]),
            payload_hash: [2; 32],
            block: 1,
            timestamp: 0,
            prev_hash: GENESIS_HASH,
        };
        assert_eq!(entry.encode().len(), v1::LOG_ENTRY_ENCODED_LEN);
        let expected = "c2744783e7645f0244528a6048dcd5a2b6d96057296afe78d3935b38957d020d";
        let hex: String = entry.hash().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, expected);
        let second = v1::LogEntry {
            index: 1,
            kind: LogKind::ProposalSubmitted,
            subject: 1,
            prev_hash: entry.hash(),
            ..entry.clone()
        };
        let items = [&entry, &second].map(|e| v1::HashedEntry {
            entry: e.clone(),
            hash: e.hash(),
        });
        let head = (2, second.hash());
        assert_eq!(verify_hashed_chain(&items, Some(head)), Ok(()));
        let mut altered = items.clone();
        altered[0].entry.subject = 9;
        assert_eq!(
            verify_hashed_chain(&altered, Some(head)),
            Err(VerifyError {
                index: 0,
                failure: VerifyFailure::WrongHash
            })
        );
    }

    #[test]
    fn kind_sets_hold_exactly_their_kinds() {
        assert!(HUB_KINDS.contains(LogKind::ProposalExecuted));
        assert!(!HUB_KINDS.contains(LogKind::BallotClosed));
        assert!(REVIEW_KINDS.contains(LogKind::ReviewRoundClosed));
        assert!(VOTING_KINDS.contains(LogKind::BallotOpened));
        assert!(EXTERNAL_KINDS.contains(LogKind::External(7)));
        assert!(!EXTERNAL_KINDS.contains(LogKind::ProposalExecuted));
        for set in [HUB_KINDS, REVIEW_KINDS, VOTING_KINDS, EXTERNAL_KINDS] {
            assert!(!set.intersects(LOG_OWN_KINDS));
            assert_eq!(kinds_of_payload(&kinds_payload(set)), Some(set));
        }
        assert_eq!(kinds_of_payload(&kinds_payload(LOG_OWN_KINDS)), None);
        assert_eq!(kinds_of_payload(&kinds_payload(KindSet::EMPTY)), None);
        assert_eq!(kinds_of_payload(&kinds_payload(KindSet(1 << 22))), None);
        let mut trailing = kinds_payload(HUB_KINDS);
        trailing[31] = 1;
        assert_eq!(kinds_of_payload(&trailing), None);
    }

    fn at(
        index: u64,
        kind: LogKind,
        actor: [u8; 32],
        writer: [u8; 32],
        payload: Hash32,
    ) -> LogEntry {
        LogEntry {
            index,
            kind,
            subject: Subject::Suite,
            actor: AccountId::from(actor),
            writer: AccountId::from(writer),
            payload_hash: payload,
            block: 1,
            timestamp: 0,
            prev_hash: GENESIS_HASH,
        }
    }

    /// A deployer (0xD0) authorizing a hub (0x01) and handing the admin to it.
    fn bootstrap_entries() -> Vec<LogEntry> {
        let (deployer, hub) = ([0xD0; 32], [0x01; 32]);
        vec![
            at(
                0,
                LogKind::WriterAuthorized,
                hub,
                deployer,
                kinds_payload(HUB_KINDS),
            ),
            at(
                1,
                LogKind::AdminTransferred,
                deployer,
                hub,
                account_payload(&AccountId::from(hub)),
            ),
            at(2, LogKind::ProposalSubmitted, [0xAA; 32], hub, [0; 32]),
        ]
    }

    fn writer_check(entries: &[LogEntry]) -> Result<(), WriterError> {
        let mut check = WriterCheck::new();
        entries.iter().try_for_each(|e| check.push(e))
    }

    #[test]
    fn writer_check_for_a_suite_ties_the_suite_kinds_to_its_contracts() {
        let (hub, review, voting) = ([0x01; 32], [0x02; 32], [0x03; 32]);
        let suite = || {
            WriterCheck::for_suite(
                AccountId::from(hub),
                AccountId::from(review),
                AccountId::from(voting),
            )
        };
        let check = |entries: &[LogEntry]| {
            let mut check = suite();
            entries
                .iter()
                .try_for_each(|e| check.push(e))
                .map_err(|e| (e.index, e.fault))
        };
        let deployer = [0xD0; 32];
        let honest = vec![
            at(
                0,
                LogKind::WriterAuthorized,
                hub,
                deployer,
                kinds_payload(HUB_KINDS),
            ),
            at(
                1,
                LogKind::WriterAuthorized,
                review,
                deployer,
                kinds_payload(REVIEW_KINDS),
            ),
            at(
                2,
                LogKind::WriterAuthorized,
                voting,
                deployer,
                kinds_payload(VOTING_KINDS),
            ),
            at(
                3,
                LogKind::AdminTransferred,
                deployer,
                hub,
                account_payload(&AccountId::from(hub)),
            ),
            at(4, LogKind::BootstrapCompleted, [0xAA; 32], hub, [0; 32]),
            at(
                5,
                LogKind::WriterAuthorized,
                [0xEE; 32],
                hub,
                kinds_payload(EXTERNAL_KINDS),
            ),
        ];
        assert_eq!(check(&honest), Ok(()));
        // A look-alike log whose deployer granted itself the hub's kinds.
        let look_alike = vec![
            at(
                0,
                LogKind::WriterAuthorized,
                deployer,
                deployer,
                kinds_payload(HUB_KINDS),
            ),
            at(
                1,
                LogKind::BootstrapCompleted,
                [0xAA; 32],
                deployer,
                [0; 32],
            ),
        ];
        assert_eq!(writer_check(&look_alike), Ok(()), "consistent with itself");
        assert_eq!(check(&look_alike), Err((0, WriterFault::BadAuthorization)));
        // A suite contract granted another's kinds, or more than its own.
        let mut wider = honest.clone();
        wider[2].payload_hash = kinds_payload(KindSet(VOTING_KINDS.0 | HUB_KINDS.0));
        assert_eq!(check(&wider), Err((2, WriterFault::BadAuthorization)));
        // An external writer granted a suite kind.
        let mut external = honest.clone();
        external[5].payload_hash = kinds_payload(KindSet(EXTERNAL_KINDS.0 | HUB_KINDS.0));
        assert_eq!(check(&external), Err((5, WriterFault::BadAuthorization)));
        // Resumed from the state after entry 3, the rest checks on its own.
        let mut first = suite();
        honest[..4]
            .iter()
            .for_each(|e| first.push(e).expect("valid"));
        let (admin, writers) = first.state();
        let mut second = suite().resume(admin.expect("admin"), writers.clone());
        assert!(honest[4..].iter().all(|e| second.push(e).is_ok()));
    }

    #[test]
    fn writer_check_accepts_entries_of_authorized_kinds() {
        let mut entries = bootstrap_entries();
        assert_eq!(writer_check(&entries), Ok(()));
        // The new admin (the hub) authorizes an external writer, which writes its kind.
        let outsider = [0xEE; 32];
        entries.push(at(
            3,
            LogKind::WriterAuthorized,
            outsider,
            [0x01; 32],
            kinds_payload(EXTERNAL_KINDS),
        ));
        let mut external = at(4, LogKind::External(5), [0xAA; 32], outsider, [0; 32]);
        external.subject = Subject::Mandate(1);
        entries.push(external);
        entries.push(at(5, LogKind::WriterRevoked, outsider, [0x01; 32], [0; 32]));
        assert_eq!(writer_check(&entries), Ok(()));
        let mut check = WriterCheck::new();
        entries.iter().for_each(|e| check.push(e).expect("valid"));
        assert_eq!(check.state().0, Some(AccountId::from([0x01; 32])));
        assert_eq!(check.state().1.len(), 1);
    }

    #[test]
    fn writer_check_follows_an_anchor_and_a_seal() {
        // A successor log: entry 0 anchors the predecessor (0xAB) and makes its writer, the
        // deployer, the first admin; the bootstrap goes on as usual.
        let (deployer, hub) = ([0xD0; 32], [0x01; 32]);
        let anchor = at(0, LogKind::Anchored, [0xAB; 32], deployer, [0x42; 32]);
        let mut entries = vec![anchor];
        for mut e in bootstrap_entries() {
            e.index += 1;
            entries.push(e);
        }
        assert_eq!(writer_check(&entries), Ok(()));
        // The hub (admin since the handover) seals it; nothing may follow.
        let seal = at(4, LogKind::Sealed, [0xCD; 32], hub, [7; 32]);
        entries.push(seal);
        let mut check = WriterCheck::new();
        entries.iter().for_each(|e| check.push(e).expect("valid"));
        assert!(check.sealed());
        let after = at(5, LogKind::ProposalSubmitted, [0xAA; 32], hub, [0; 32]);
        assert_eq!(
            check.push(&after).map_err(|e| e.fault),
            Err(WriterFault::AfterSeal)
        );
        let fault = |entries: &[LogEntry]| writer_check(entries).map_err(|e| (e.index, e.fault));
        // An anchor anywhere but entry 0, or not about the suite.
        let mut late = bootstrap_entries();
        late.push(at(3, LogKind::Anchored, [0xAB; 32], hub, [0x42; 32]));
        assert_eq!(fault(&late), Err((3, WriterFault::BadAnchor)));
        let mut off_suite = entries.clone();
        off_suite[0].subject = Subject::Proposal(1);
        assert_eq!(fault(&off_suite), Err((0, WriterFault::BadAnchor)));
        // A seal by anyone but the admin of the time, or not about the suite.
        let mut by_deployer = entries.clone();
        by_deployer[4].writer = AccountId::from(deployer);
        assert_eq!(fault(&by_deployer), Err((4, WriterFault::NotAdmin)));
        let mut seal_off_suite = entries;
        seal_off_suite[4].subject = Subject::Proposal(1);
        assert_eq!(fault(&seal_off_suite), Err((4, WriterFault::BadSeal)));
    }

    #[test]
    fn sealed_payload_is_blake2_of_scale() {
        let payload = sealed_payload(7, &[9; 32], 1_000);
        let mut bytes = 7u32.encode();
        bytes.extend_from_slice(&[9; 32]);
        bytes.extend(1_000u128.encode());
        assert_eq!(payload, blake2_256(&bytes));
    }

    #[test]
    fn writer_check_names_each_forgery() {
        let fault = |entries: &[LogEntry]| writer_check(entries).map_err(|e| (e.index, e.fault));
        // A suite kind from an external writer.
        let mut entries = bootstrap_entries();
        let outsider = [0xEE; 32];
        entries.push(at(
            3,
            LogKind::WriterAuthorized,
            outsider,
            [0x01; 32],
            kinds_payload(EXTERNAL_KINDS),
        ));
        entries.push(at(
            4,
            LogKind::ProposalExecuted,
            [0xAA; 32],
            outsider,
            [0; 32],
        ));
        assert_eq!(fault(&entries), Err((4, WriterFault::KindNotAllowed)));
        // An external entry about the suite, from a writer allowed its kind.
        entries[4] = at(4, LogKind::External(1), [0xAA; 32], outsider, [0; 32]);
        assert_eq!(fault(&entries), Err((4, WriterFault::SubjectNotAllowed)));
        entries[4].subject = Subject::Member(AccountId::from([0xAA; 32]));
        assert_eq!(fault(&entries), Ok(()));
        // An entry from an account that was never a writer.
        let mut entries = bootstrap_entries();
        entries[2].writer = AccountId::from([0x77; 32]);
        assert_eq!(fault(&entries), Err((2, WriterFault::NotWriter)));
        // A writer authorized by the old admin after the handover.
        let mut entries = bootstrap_entries();
        entries.push(at(
            3,
            LogKind::WriterAuthorized,
            outsider,
            [0xD0; 32],
            kinds_payload(HUB_KINDS),
        ));
        assert_eq!(fault(&entries), Err((3, WriterFault::NotAdmin)));
        // A handover appended by someone other than the new admin.
        let mut entries = bootstrap_entries();
        entries[1].writer = AccountId::from([0xD0; 32]);
        assert_eq!(fault(&entries), Err((1, WriterFault::BadHandover)));
        // An authorization of the log's own kinds, or twice.
        let mut entries = bootstrap_entries();
        entries[0].payload_hash = kinds_payload(LOG_OWN_KINDS);
        assert_eq!(fault(&entries), Err((0, WriterFault::BadAuthorization)));
        let mut entries = bootstrap_entries();
        entries.insert(
            1,
            at(
                1,
                LogKind::WriterAuthorized,
                [0x01; 32],
                [0xD0; 32],
                kinds_payload(HUB_KINDS),
            ),
        );
        assert_eq!(fault(&entries), Err((1, WriterFault::BadAuthorization)));
        // A revocation of an account that is not a writer.
        let mut entries = bootstrap_entries();
        entries.push(at(3, LogKind::WriterRevoked, outsider, [0x01; 32], [0; 32]));
        assert_eq!(fault(&entries), Err((3, WriterFault::UnknownWriter)));
        // A revocation or handover the log would not write.
        let mut entries = bootstrap_entries();
        entries.push(at(
            3,
            LogKind::WriterRevoked,
            [0x01; 32],
            [0x01; 32],
            [1; 32],
        ));
        assert_eq!(fault(&entries), Err((3, WriterFault::UnknownWriter)));
        let mut entries = bootstrap_entries();
        entries[1].subject = Subject::Proposal(1);
        assert_eq!(fault(&entries), Err((1, WriterFault::BadHandover)));
        let mut entries = bootstrap_entries();
        entries.push(at(
            3,
            LogKind::AdminTransferred,
            [0x01; 32],
            [0x01; 32],
            [0x01; 32],
        ));
        assert_eq!(fault(&entries), Err((3, WriterFault::BadHandover)));
        // Revoked writers write no more.
        let mut entries = bootstrap_entries();
        entries.push(at(
            3,
            LogKind::WriterRevoked,
            [0x01; 32],
            [0x01; 32],
            [0; 32],
        ));
        entries.push(at(
            4,
            LogKind::ProposalSubmitted,
            [0xAA; 32],
            [0x01; 32],
            [0; 32],
        ));
        assert_eq!(fault(&entries), Err((4, WriterFault::NotWriter)));
        assert_eq!(
            WriterError {
                index: 4,
                fault: WriterFault::NotWriter
            }
            .to_string(),
            "entry 4: appended by an account that was not a writer"
        );
    }

    #[test]
    fn account_payload_is_the_account_bytes() {
        assert_eq!(account_payload(&AccountId::from([9; 32])), [9; 32]);
    }

    #[test]
    fn empty_chain_verifies_against_the_genesis_head() {
        assert_eq!(verify_chain::<LogEntry>(&[], None), Ok(()));
        assert_eq!(
            verify_chain::<LogEntry>(&[], Some((0, GENESIS_HASH))),
            Ok(())
        );
        assert_eq!(
            verify_chain::<LogEntry>(&[], Some((0, [1; 32]))),
            Err(VerifyError {
                index: 0,
                failure: VerifyFailure::HeadMismatch
            })
        );
        assert_eq!(
            verify_chain::<LogEntry>(&[], Some((1, [1; 32]))),
            Err(VerifyError {
                index: 0,
                failure: VerifyFailure::Missing
            })
        );
    }

    #[test]
    fn intact_chain_verifies() {
        let chain = sample(10);
        assert_eq!(verify_chain(&chain, None), Ok(()));
        assert_eq!(verify_chain(&chain, Some(head_of(&chain))), Ok(()));
        assert_eq!(
            verify_hashed_chain(&hashed(&chain), Some(head_of(&chain))),
            Ok(())
        );
    }

    #[test]
    fn first_entry_must_link_to_genesis_and_start_at_zero() {
        let mut chain = sample(3);
        chain[0].prev_hash = [1; 32];
        assert_eq!(
            verify_chain(&chain, None),
            Err(VerifyError {
                index: 0,
                failure: VerifyFailure::BrokenLink
            })
        );
        let chain = sample(3);
        assert_eq!(
            verify_chain(&chain[1..], None),
            Err(VerifyError {
                index: 0,
                failure: VerifyFailure::WrongIndex
            })
        );
    }

    #[test]
    fn altered_content_breaks_the_next_link_or_the_head() {
        let mut chain = sample(5);
        let head = head_of(&chain);
        chain[2].subject = Subject::Round(99);
        assert_eq!(
            verify_chain(&chain, Some(head)),
            Err(VerifyError {
                index: 3,
                failure: VerifyFailure::BrokenLink
            })
        );
        let mut chain = sample(5);
        chain[4].payload_hash[0] ^= 1;
        assert_eq!(verify_chain(&chain, None), Ok(()), "no head, no cover");
        assert_eq!(
            verify_chain(&chain, Some(head)),
            Err(VerifyError {
                index: 4,
                failure: VerifyFailure::HeadMismatch
            })
        );
    }

    #[test]
    fn altered_content_with_stored_hash_is_named_itself() {
        let chain = sample(5);
        let mut items = hashed(&chain);
        items[2].entry.actor = AccountId::from([0xEE; 32]);
        assert_eq!(
            verify_hashed_chain(&items, None),
            Err(VerifyError {
                index: 2,
                failure: VerifyFailure::WrongHash
            })
        );
    }

    #[test]
    fn rehashed_forgery_is_caught_by_the_head() {
        // Whoever rewrites entry 1 and recomputes every later hash still cannot match the
        // head the contract reports.
        let chain = sample(4);
        let head = head_of(&chain);
        let mut forged = chain.clone();
        forged[1].kind = LogKind::ProposalVetoed;
        for i in 2..forged.len() {
            forged[i].prev_hash = forged[i - 1].hash();
        }
        assert_eq!(verify_chain(&forged, None), Ok(()));
        assert_eq!(
            verify_chain(&forged, Some(head)),
            Err(VerifyError {
                index: 3,
                failure: VerifyFailure::HeadMismatch
            })
        );
    }

    #[test]
    fn length_must_match_the_head() {
        let chain = sample(6);
        let head = head_of(&chain);
        assert_eq!(
            verify_chain(&chain[..4], Some(head)),
            Err(VerifyError {
                index: 4,
                failure: VerifyFailure::Missing
            })
        );
        assert_eq!(
            verify_chain(&chain, Some(head_of(&chain[..4]))),
            Err(VerifyError {
                index: 4,
                failure: VerifyFailure::Unexpected
            })
        );
        assert_eq!(
            verify_chain(&chain[..4], Some(head_of(&chain[..4]))),
            Ok(())
        );
    }

    #[test]
    fn verifier_resumes_from_a_trusted_head_and_ignores_failed_pushes() {
        let chain = sample(8);
        let mut first = ChainVerifier::new();
        for e in &chain[..5] {
            first.push(e).expect("links");
        }
        let mut second = ChainVerifier::resume(first.head().0, first.head().1);
        let mut bad = chain[5].clone();
        bad.block += 1;
        assert!(second
            .push_hashed(&HashedEntry {
                entry: bad,
                hash: chain[5].hash()
            })
            .is_err());
        assert_eq!(second.head(), first.head());
        for e in &chain[5..] {
            second.push(e).expect("links");
        }
        assert_eq!(second.finish(head_of(&chain)), Ok(()));
        assert_eq!(ChainVerifier::default(), ChainVerifier::new());
    }

    #[test]
    fn verify_error_displays_index_and_reason() {
        let e = VerifyError {
            index: 41,
            failure: VerifyFailure::BrokenLink,
        };
        assert_eq!(
            e.to_string(),
            "entry 41: prev_hash is not the previous entry's hash"
        );
    }

    fn content() -> impl Strategy<Value = Content> {
        (
            0..KIND_COUNT,
            any::<u32>(),
            any::<[u8; 32]>(),
            any::<[u8; 32]>(),
            any::<u32>(),
            any::<u64>(),
        )
    }

    /// Cases per property in CI: `PROPTEST_CASES` when set (scripts/soak.sh sets it to
    /// `SOAK_CASES`), else `CI_CASES`, a count that keeps the property tests well within a
    /// few seconds.
    const CI_CASES: u32 = 256;

    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(CI_CASES)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases()))]

        #[test]
        fn any_untouched_chain_verifies(contents in prop::collection::vec(content(), 0..40)) {
            let chain = build(&contents);
            prop_assert_eq!(verify_chain(&chain, Some(head_of(&chain))), Ok(()));
            prop_assert_eq!(verify_hashed_chain(&hashed(&chain), Some(head_of(&chain))), Ok(()));
        }

        #[test]
        fn changing_any_field_of_any_entry_is_detected(
            contents in prop::collection::vec(content(), 1..40),
            position in any::<prop::sample::Index>(),
            field in 0u8..9,
            delta in 1u8..=255,
        ) {
            let chain = build(&contents);
            let head = head_of(&chain);
            let at = position.index(chain.len());
            let mut tampered = chain.clone();
            tamper(&mut tampered[at], field, delta);
            prop_assert_ne!(&tampered[at], &chain[at]);

            let err = verify_chain(&tampered, Some(head));
            prop_assert!(err.is_err(), "field {} of entry {} changed unnoticed", field, at);
            let err = err.unwrap_err();
            // Index and prev_hash are checked at the entry itself; any other field changes
            // the entry's hash, which the next link (or, for the last entry, the head) no
            // longer matches.
            let expected = match field {
                0 | 8 => at as u64,
                _ => (at as u64 + 1).min(chain.len() as u64 - 1),
            };
            prop_assert_eq!(err.index, expected);

            // With the stored hashes the altered entry itself is named.
            let mut items = hashed(&chain);
            items[at].entry = tampered[at].clone();
            let err = verify_hashed_chain(&items, Some(head));
            prop_assert_eq!(err.map_err(|e| e.index), Err(at as u64));
        }

        #[test]
        fn dropping_or_reordering_entries_is_detected(
            contents in prop::collection::vec(content(), 2..40),
            a in any::<prop::sample::Index>(),
            b in any::<prop::sample::Index>(),
        ) {
            let chain = build(&contents);
            let head = head_of(&chain);
            let (i, j) = (a.index(chain.len()), b.index(chain.len()));
            let mut dropped = chain.clone();
            dropped.remove(i);
            prop_assert!(verify_chain(&dropped, Some(head)).is_err());
            if i != j {
                let mut swapped = chain.clone();
                swapped.swap(i, j);
                let err = verify_chain(&swapped, Some(head));
                prop_assert_eq!(err.map_err(|e| e.index), Err(i.min(j) as u64));
            }
        }
    }

    /// Entries in the offline-verification benchmark (the auditing issue's 10 000-entry export).
    const BENCH_ENTRIES: usize = 10_000;

    #[test]
    #[ignore = "benchmark: run with --ignored --nocapture (release for the real figure)"]
    fn bench_offline_verification_of_ten_thousand_entries() {
        let chain = hashed(&sample(BENCH_ENTRIES));
        let head = chain
            .last()
            .map(|e| (e.entry.index + 1, e.hash))
            .expect("entries");
        let start = std::time::Instant::now();
        assert_eq!(verify_hashed_chain(&chain, Some(head)), Ok(()));
        let secs = start.elapsed().as_secs_f64();
        println!(
            "BENCH log.verify entries={BENCH_ENTRIES} seconds={secs:.4} entries_per_second={:.0} target_seconds<1",
            BENCH_ENTRIES as f64 / secs
        );
    }
}
