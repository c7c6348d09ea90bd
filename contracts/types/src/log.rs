//! Decision-log entries, the hash rule that chains them, and the off-chain verifier.
//!
//! An entry's hash is `blake2_256(prev_hash ++ SCALE(entry))`; the first entry's `prev_hash`
//! is [`GENESIS_HASH`]. [`verify_chain`], [`verify_hashed_chain`] and the streaming
//! [`ChainVerifier`] recompute a chain and name the first index that does not verify; they
//! are `no_std` so the contract tests, the CLI and any auditor's tool share one definition.
//! docs/auditing.md describes the byte layout for verifiers in other languages.

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
    /// A proposal's final revision met the review rules; its ballot opened.
    ReviewPassed,
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

/// SCALE size of every [`LogEntry`] in bytes (all its fields have a fixed size):
/// index 8 + kind 1 + subject 4 + actor 32 + payload hash 32 + block 4 + timestamp 8 +
/// prev hash 32.
pub const LOG_ENTRY_ENCODED_LEN: usize = 121;

/// SCALE size of every [`HashedEntry`] in bytes: the entry and its 32-byte hash.
pub const HASHED_ENTRY_ENCODED_LEN: usize = LOG_ENTRY_ENCODED_LEN + 32;

/// Most entries one page of `entries` or `entries_for` returns.
///
/// A page comes back as `Result<Result<Vec<HashedEntry>, LogError>, LangError>`: two result
/// tags, a compact length (2 bytes up to 16 383 items) and 153 bytes per entry, so a full
/// page is 4 + 100 × 153 = 15 304 bytes, below ink's 16 KiB (16 384-byte) static buffer.
pub const MAX_LOG_PAGE: u32 = 100;

/// Bytes of a full page as it leaves the contract (see [`MAX_LOG_PAGE`]).
pub const MAX_LOG_PAGE_ENCODED_LEN: usize = 4 + MAX_LOG_PAGE as usize * HASHED_ENTRY_ENCODED_LEN;

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

/// The payload of the entries the log writes about its own writers and admin
/// (`WriterAuthorized`, `WriterRevoked`, `AdminTransferred`): the 32 bytes of the account
/// concerned, unhashed, so that the chain alone tells who could write when.
pub fn account_payload(account: &AccountId) -> Hash32 {
    let mut payload = [0u8; 32];
    payload.copy_from_slice(account.as_ref());
    payload
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
    /// Only the log itself writes entries of this kind (`WriterAuthorized`, `WriterRevoked`).
    ReservedKind,
    /// The log holds `u64::MAX` entries and cannot grow (unreachable in practice).
    LogFull,
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
/// through a long log).
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
    pub fn push(&mut self, entry: &LogEntry) -> Result<Hash32, VerifyError> {
        self.check(entry, None)
    }

    /// Checks that `item.entry` is the next one and that `item.hash` is its hash.
    pub fn push_hashed(&mut self, item: &HashedEntry) -> Result<(), VerifyError> {
        self.check(&item.entry, Some(&item.hash)).map(|_| ())
    }

    fn check(&mut self, entry: &LogEntry, stored: Option<&Hash32>) -> Result<Hash32, VerifyError> {
        let fail = |failure| VerifyError {
            index: self.next_index,
            failure,
        };
        if entry.index != self.next_index {
            return Err(fail(VerifyFailure::WrongIndex));
        }
        if entry.prev_hash != self.prev_hash {
            return Err(fail(VerifyFailure::BrokenLink));
        }
        let hash = entry.hash();
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
pub fn verify_chain(
    entries: &[LogEntry],
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
pub fn verify_hashed_chain(
    entries: &[HashedEntry],
    expected_head: Option<(u64, Hash32)>,
) -> Result<(), VerifyError> {
    let mut verifier = ChainVerifier::new();
    for item in entries {
        verifier.push_hashed(item)?;
    }
    expected_head.map_or(Ok(()), |head| verifier.finish(head))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ink::scale::{Decode, Encode};
    use proptest::prelude::*;

    /// Number of `LogKind` variants (the SCALE indices 0..KIND_COUNT).
    const KIND_COUNT: u8 = 20;

    fn kind(i: u8) -> LogKind {
        LogKind::decode(&mut &[i % KIND_COUNT][..]).expect("a defined kind")
    }

    /// Entry contents without the chaining fields (index, prev_hash).
    type Content = (u8, ProposalId, [u8; 32], Hash32, BlockNumber, Timestamp);

    fn build(contents: &[Content]) -> Vec<LogEntry> {
        let mut prev_hash = GENESIS_HASH;
        let mut out = Vec::new();
        for (i, (k, subject, actor, payload_hash, block, timestamp)) in contents.iter().enumerate()
        {
            let entry = LogEntry {
                index: i as u64,
                kind: kind(*k),
                subject: *subject,
                actor: AccountId::from(*actor),
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

    /// Changes field `field` (0..8) of `entry` to a different value.
    fn tamper(entry: &mut LogEntry, field: u8, delta: u8) {
        let delta = delta.max(1);
        match field % 8 {
            0 => entry.index = entry.index.wrapping_add(u64::from(delta)),
            1 => {
                let current = entry.kind.encode()[0];
                entry.kind = kind(current + delta % (KIND_COUNT - 1) + 1);
            }
            2 => entry.subject = entry.subject.wrapping_add(u32::from(delta)),
            3 => {
                let mut bytes: [u8; 32] = *entry.actor.as_ref();
                bytes[usize::from(delta) % 32] ^= delta;
                entry.actor = AccountId::from(bytes);
            }
            4 => entry.payload_hash[usize::from(delta) % 32] ^= delta,
            5 => entry.block = entry.block.wrapping_add(u32::from(delta)),
            6 => entry.timestamp = entry.timestamp.wrapping_add(u64::from(delta)),
            _ => entry.prev_hash[usize::from(delta) % 32] ^= delta,
        }
    }

    #[test]
    fn entry_encodes_to_its_fixed_size() {
        let entry = &sample(1)[0];
        assert_eq!(entry.encode().len(), LOG_ENTRY_ENCODED_LEN);
        let item = &hashed(&sample(1))[0];
        assert_eq!(item.encode().len(), HASHED_ENTRY_ENCODED_LEN);
    }

    #[test]
    fn a_full_page_fits_the_static_buffer() {
        let page: Vec<HashedEntry> = hashed(&sample(MAX_LOG_PAGE as usize));
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
            subject: 7,
            actor: AccountId::from([0x11; 32]),
            payload_hash: [0x22; 32],
            block: 0x0A0B,
            timestamp: 0x0C0D,
            prev_hash: [0x33; 32],
        };
        let mut expected = Vec::new();
        expected.extend_from_slice(&[0x02, 0x01, 0, 0, 0, 0, 0, 0]);
        expected.push(12);
        expected.extend_from_slice(&[7, 0, 0, 0]);
        expected.extend_from_slice(&[0x11; 32]);
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
    fn genesis_entry_hash_vector() {
        // A fixed vector for independent verifiers (also printed in docs/auditing.md).
        let entry = LogEntry {
            index: 0,
            kind: LogKind::WriterAuthorized,
            subject: 0,
            actor: AccountId::from([1; 32]),
            payload_hash: [2; 32],
            block: 1,
            timestamp: 0,
            prev_hash: GENESIS_HASH,
        };
        let expected = "c2744783e7645f0244528a6048dcd5a2b6d96057296afe78d3935b38957d020d";
        let hex: String = entry.hash().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, expected);
        let mut preimage = vec![0u8; 32];
        preimage.extend_from_slice(&entry.encode());
        assert_eq!(entry.hash(), blake2_256(&preimage));
    }

    #[test]
    fn account_payload_is_the_account_bytes() {
        assert_eq!(account_payload(&AccountId::from([9; 32])), [9; 32]);
    }

    #[test]
    fn empty_chain_verifies_against_the_genesis_head() {
        assert_eq!(verify_chain(&[], None), Ok(()));
        assert_eq!(verify_chain(&[], Some((0, GENESIS_HASH))), Ok(()));
        assert_eq!(
            verify_chain(&[], Some((0, [1; 32]))),
            Err(VerifyError {
                index: 0,
                failure: VerifyFailure::HeadMismatch
            })
        );
        assert_eq!(
            verify_chain(&[], Some((1, [1; 32]))),
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
        chain[2].subject += 1;
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
            field in 0u8..8,
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
                0 | 7 => at as u64,
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
