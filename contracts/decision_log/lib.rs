//! # Decision log
//!
//! Agora's append-only, hash-chained record of decisions, the one auditors trust.
//!
//! It writes log format 2 (`format_version()`): each entry is `(index, kind, subject,
//! actor, writer, payload_hash, block, timestamp, prev_hash)` and its hash is
//! `blake2_256(prev_hash ++ SCALE(entry))`, the first entry linking to 32 zero bytes
//! (`GENESIS_HASH`). The log stores every entry with its hash and keeps the head `(len, hash
//! of the last entry)`; anyone can page the entries back, in full or per subject, and
//! recompute the chain with `agora_types::verify_hashed_chain` and the writers with
//! `agora_types::WriterCheck` (docs/auditing.md).
//!
//! Only authorized writers (after bootstrap: the hub, peer review and voting) append, each
//! only the kinds it was authorized for, and the log stamps every entry with the account
//! that appended it. The admin (the deployer, then the hub) authorizes writers with their
//! kinds and revokes them, and hands its role on in two steps; the log records each of
//! these changes as an entry of its own, so the chain alone tells who could write what when.
//! Nothing can change or remove a written entry: there is no update, no delete and no
//! `set_code_hash`. Every message is O(1) in the length of the log and pages are bounded by
//! `MAX_PAGE`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod decision_log {
    use agora_types::{
        account_payload, external_subject_allowed, kinds_payload, traits::Governed, AdminError,
        AdminRole, Hash32, HashedEntry, KindSet, LogAnchor, LogEntry, LogKind, Subject,
        GENESIS_HASH, LOG_FORMAT_VERSION, LOG_OWN_KINDS, MAX_LOG_PAGE,
    };
    use ink::{codegen::TraitCallBuilder, prelude::vec::Vec, storage::Mapping};

    /// Most entries one `entries` or `entries_for` page returns. An entry with its hash
    /// encodes to at most 216 bytes, so a full page is at most 13 828 bytes on the wire,
    /// below ink's 16 KiB return buffer (`agora_types::MAX_LOG_PAGE_ENCODED_LEN`).
    pub const MAX_PAGE: u32 = MAX_LOG_PAGE;

    /// The log's error type (defined in `agora-types` so writers can decode it).
    pub use agora_types::LogError as Error;
    /// The log's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// An entry was appended (one event per entry, including the log's own records).
    #[ink(event)]
    pub struct EntryAppended {
        /// What the entry records.
        #[ink(topic)]
        kind: LogKind,
        /// What it is about.
        #[ink(topic)]
        subject: Subject,
        /// Position of the entry.
        index: u64,
        /// The account that caused it, as the writer stated.
        actor: AccountId,
        /// The account that appended it, as the entry records it.
        writer: AccountId,
        /// Hash of the details.
        payload_hash: Hash32,
        /// Hash of the entry: the new head.
        hash: Hash32,
    }

    /// An account became a writer of `kinds`.
    #[ink(event)]
    pub struct WriterAuthorized {
        #[ink(topic)]
        writer: AccountId,
        admin: AccountId,
        kinds: KindSet,
    }

    /// An account stopped being a writer.
    #[ink(event)]
    pub struct WriterRevoked {
        #[ink(topic)]
        writer: AccountId,
        admin: AccountId,
    }

    /// The log's storage: a few fixed-size fields; entries live in mappings.
    #[ink(storage)]
    pub struct DecisionLog {
        /// Holder of the admin role, and the account it is offered to.
        admin: AdminRole,
        /// Accounts allowed to append, with the kinds each may append.
        writers: Mapping<AccountId, KindSet>,
        /// Number of writers (so the hub can check that exactly the suite may write).
        writer_count: u32,
        /// Number of entries.
        len: u64,
        /// Hash of the last entry (`GENESIS_HASH` while empty).
        head: Hash32,
        /// Every entry with its hash, by index.
        entries: Mapping<u64, HashedEntry>,
        /// Number of entries per subject.
        subject_len: Mapping<Subject, u64>,
        /// The log index of the `n`-th entry about a subject: `(subject, n) -> index`.
        subject_entries: Mapping<(Subject, u64), u64>,
        /// Number of entries per kind (for the hub's bootstrap check and auditors).
        kind_counts: Mapping<LogKind, u64>,
        /// For the log of a successor suite: the predecessor log and its head as this log
        /// read it when it was deployed (entry 0, `Anchored`, records it).
        predecessor: Option<LogAnchor>,
        /// Once sealed: the successor suite's hub named by the last entry (`Sealed`).
        successor: Option<AccountId>,
    }

    impl DecisionLog {
        /// Creates an empty log administered by the caller, with no writers.
        #[ink(constructor)]
        #[allow(clippy::new_without_default)] // the deployer becomes admin: no neutral default
        pub fn new() -> Self {
            Self {
                admin: AdminRole::new(Self::env().caller()),
                writers: Mapping::default(),
                writer_count: 0,
                len: 0,
                head: GENESIS_HASH,
                entries: Mapping::default(),
                subject_len: Mapping::default(),
                subject_entries: Mapping::default(),
                kind_counts: Mapping::default(),
                predecessor: None,
                successor: None,
            }
        }

        /// Creates the log of a successor suite, administered by the caller: it reads the
        /// head of `predecessor` (the log of the suite it succeeds) and records it as its
        /// first entry, `Anchored` (subject `Suite`, actor `predecessor`, writer the
        /// caller, payload the head's hash), so an auditor follows the history from the old
        /// suite to the new one (`agora log verify`). The old suite's `Succession` seals
        /// its log later, with a last entry naming this suite's hub.
        ///
        /// Errors: `PredecessorUnavailable` (no `head()` answered at `predecessor`),
        /// `PredecessorSealed` (it names a successor already).
        /// Events: `EntryAppended`.
        #[ink(constructor)]
        pub fn succeeding(predecessor: AccountId) -> Result<Self> {
            use agora_types::traits::DecisionLog as _;
            let old: ink::contract_ref!(agora_types::traits::DecisionLog) = predecessor.into();
            let (len, head) = match old.call().head().try_invoke() {
                Ok(Ok(head)) => head,
                _ => return Err(Error::PredecessorUnavailable),
            };
            // A sealed predecessor was handed on already: a second successor would make two
            // suites claim its history.
            if Self::sealed_for(predecessor).is_some() {
                return Err(Error::PredecessorSealed);
            }
            let mut log = Self::new();
            log.record(LogKind::Anchored, Subject::Suite, predecessor, head)?;
            log.predecessor = Some(LogAnchor {
                log: predecessor,
                len,
                head,
            });
            Ok(log)
        }

        /// The predecessor log this log anchors (and its head then), or `None` for a first
        /// suite. Anyone may call.
        #[ink(message)]
        pub fn predecessor(&self) -> Option<LogAnchor> {
            self.predecessor
        }

        /// The successor suite's hub once the log is sealed, or `None`. Anyone may call.
        #[ink(message)]
        pub fn successor(&self) -> Option<AccountId> {
            self.successor
        }

        /// What the log at `log` answers to `successor()` (`None` if nothing, or no such
        /// message: a log from before succession).
        fn sealed_for(log: AccountId) -> Option<AccountId> {
            use ink::env::call::{build_call, ExecutionInput, Selector};
            build_call::<ink::env::DefaultEnvironment>()
                .call(log)
                .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!(
                    "successor"
                ))))
                .returns::<Option<AccountId>>()
                .try_invoke()
                .ok()
                .and_then(|answer| answer.ok())
                .flatten()
        }

        /// Number of entries. Anyone may call.
        #[ink(message)]
        pub fn len(&self) -> u64 {
            self.len
        }

        /// Whether the log has no entries. Anyone may call.
        #[ink(message)]
        pub fn is_empty(&self) -> bool {
            self.len == 0
        }

        /// The entry at `index` with its stored hash. Anyone may call.
        ///
        /// Errors: `OutOfRange` if `index >= len()`.
        #[ink(message)]
        pub fn entry(&self, index: u64) -> Result<HashedEntry> {
            self.entries.get(index).ok_or(Error::OutOfRange)
        }

        /// Up to `limit` entries with their hashes, in order from index `from` (fewer at the
        /// end, none past it). Anyone may call.
        ///
        /// Errors: `LimitTooLarge` if `limit > MAX_PAGE`.
        #[ink(message)]
        pub fn entries(&self, from: u64, limit: u32) -> Result<Vec<HashedEntry>> {
            Self::ensure_limit(limit)?;
            let end = from.saturating_add(u64::from(limit)).min(self.len);
            Ok((from..end).filter_map(|i| self.entries.get(i)).collect())
        }

        /// Number of entries about `subject`. Anyone may call.
        #[ink(message)]
        pub fn subject_len(&self, subject: Subject) -> u64 {
            self.subject_len.get(subject).unwrap_or(0)
        }

        /// Up to `limit` entries about `subject` with their hashes, in log order, starting
        /// at its `from`-th entry (0-based position among that subject's entries, not a log
        /// index; fewer at the end, none past it). Read through a per-subject index: no
        /// scan. Anyone may call.
        ///
        /// Errors: `LimitTooLarge` if `limit > MAX_PAGE`.
        #[ink(message)]
        pub fn entries_for(
            &self,
            subject: Subject,
            from: u64,
            limit: u32,
        ) -> Result<Vec<HashedEntry>> {
            Self::ensure_limit(limit)?;
            let end = from
                .saturating_add(u64::from(limit))
                .min(self.subject_len(subject));
            Ok((from..end)
                .filter_map(|n| self.subject_entries.get((subject, n)))
                .filter_map(|index| self.entries.get(index))
                .collect())
        }

        fn ensure_limit(limit: u32) -> Result<()> {
            if limit > MAX_PAGE {
                return Err(Error::LimitTooLarge);
            }
            Ok(())
        }

        fn ensure_admin(&self) -> Result<()> {
            if self.env().caller() != self.admin.admin() {
                return Err(Error::NotAdmin);
            }
            Ok(())
        }

        /// Appends an entry stamped with the current block and timestamp and the caller as
        /// its writer, and returns its index and hash. Every check comes first: on `Err`
        /// nothing was written.
        fn record(
            &mut self,
            kind: LogKind,
            subject: Subject,
            actor: AccountId,
            payload_hash: Hash32,
        ) -> Result<(u64, Hash32)> {
            if self.successor.is_some() {
                return Err(Error::Sealed);
            }
            let writer = self.env().caller();
            let index = self.len;
            let len = index.checked_add(1).ok_or(Error::LogFull)?;
            let position = self.subject_len(subject);
            let subject_len = position.checked_add(1).ok_or(Error::LogFull)?;
            let entry = LogEntry {
                index,
                kind,
                subject,
                actor,
                writer,
                payload_hash,
                block: self.env().block_number(),
                timestamp: self.env().block_timestamp(),
                prev_hash: self.head,
            };
            let hash = entry.hash();
            self.entries.insert(index, &HashedEntry { entry, hash });
            self.subject_entries.insert((subject, position), &index);
            self.subject_len.insert(subject, &subject_len);
            // Never more than `len`, which cannot overflow (checked above).
            let of_kind = self.kind_counts.get(kind).unwrap_or(0).saturating_add(1);
            self.kind_counts.insert(kind, &of_kind);
            self.len = len;
            self.head = hash;
            self.env().emit_event(EntryAppended {
                kind,
                subject,
                index,
                actor,
                writer,
                payload_hash,
                hash,
            });
            Ok((index, hash))
        }
    }

    impl agora_types::traits::DecisionLog for DecisionLog {
        /// Appends `(kind, subject, actor, payload_hash)` stamped with the caller as its
        /// writer and this block's number and timestamp, linked to the current head; returns
        /// the new entry's index and hash (the new head).
        ///
        /// Caller: a writer authorized for `kind`. Errors: `NotWriter`, `ReservedKind` (for
        /// `WriterAuthorized`, `WriterRevoked`, `AdminTransferred`, `Sealed` and `Anchored`,
        /// which only the log writes), `KindNotAllowed` (a kind outside the caller's authorization),
        /// `SubjectNotAllowed` (an `External` entry about `Subject::Suite`), `Sealed`,
        /// `LogFull`.
        /// Event: `EntryAppended` (topics: kind, subject).
        #[ink(message)]
        fn append(
            &mut self,
            kind: LogKind,
            subject: Subject,
            actor: AccountId,
            payload_hash: Hash32,
        ) -> Result<(u64, Hash32)> {
            let kinds = self
                .writers
                .get(self.env().caller())
                .ok_or(Error::NotWriter)?;
            if LOG_OWN_KINDS.contains(kind) {
                return Err(Error::ReservedKind);
            }
            if !kinds.contains(kind) {
                return Err(Error::KindNotAllowed);
            }
            if !external_subject_allowed(kind, &subject) {
                return Err(Error::SubjectNotAllowed);
            }
            self.record(kind, subject, actor, payload_hash)
        }

        /// Seals the log for good: appends its last entry, `Sealed` (subject `Suite`, actor
        /// `successor`, the successor suite's hub; writer the admin; payload
        /// `payload_hash`, which the hub makes `sealed_payload(proposal, code hash,
        /// amount)`), then refuses every entry (`Sealed`): appends, writer changes and the
        /// record of an admin handover (the handover itself still happens).
        ///
        /// Caller: the admin (the hub, executing a `Succession`). Errors: `NotAdmin`,
        /// `Sealed` (already sealed), `LogFull`. Event: `EntryAppended`.
        #[ink(message)]
        fn seal(&mut self, successor: AccountId, payload_hash: Hash32) -> Result<(u64, Hash32)> {
            self.ensure_admin()?;
            let sealed = self.record(LogKind::Sealed, Subject::Suite, successor, payload_hash)?;
            self.successor = Some(successor);
            Ok(sealed)
        }

        /// Number of entries and the hash of the last one (`GENESIS_HASH`, 32 zero bytes,
        /// while empty). Anyone may call.
        #[ink(message)]
        fn head(&self) -> (u64, Hash32) {
            (self.len, self.head)
        }

        /// Lets `writer` append entries of `kinds` (and no other), and records it as a
        /// `WriterAuthorized` entry (subject `Suite`, actor the new writer, writer the admin,
        /// payload `kinds_payload(kinds)`). The suite's kinds belong to the suite's
        /// contracts: the hub checks each one's kinds before it records the bootstrap, and
        /// after it authorizes only `EXTERNAL_KINDS`.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `AlreadyWriter`, `InvalidKinds` (an empty
        /// set, an undefined bit, or one of the log's own kinds), `Sealed`, `LogFull`. Events:
        /// `WriterAuthorized`, `EntryAppended`.
        #[ink(message)]
        fn authorize_writer(&mut self, writer: AccountId, kinds: KindSet) -> Result<()> {
            self.ensure_admin()?;
            if self.writers.contains(writer) {
                return Err(Error::AlreadyWriter);
            }
            if kinds.is_empty() || !kinds.is_defined() || kinds.intersects(LOG_OWN_KINDS) {
                return Err(Error::InvalidKinds);
            }
            let admin = self.admin.admin();
            self.record(
                LogKind::WriterAuthorized,
                Subject::Suite,
                writer,
                kinds_payload(kinds),
            )?;
            self.writers.insert(writer, &kinds);
            // At most one per account; far below u32::MAX in practice, saturating anyway.
            self.writer_count = self.writer_count.saturating_add(1);
            self.env().emit_event(WriterAuthorized {
                writer,
                admin,
                kinds,
            });
            Ok(())
        }

        /// Stops `writer` from appending, and records it as a `WriterRevoked` entry
        /// (subject `Suite`, actor the revoked writer, writer the admin, payload 32 zero
        /// bytes). Its earlier entries stay.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `UnknownWriter`, `Sealed`, `LogFull`. Events:
        /// `WriterRevoked`, `EntryAppended`.
        #[ink(message)]
        fn revoke_writer(&mut self, writer: AccountId) -> Result<()> {
            self.ensure_admin()?;
            if !self.writers.contains(writer) {
                return Err(Error::UnknownWriter);
            }
            let admin = self.admin.admin();
            self.record(LogKind::WriterRevoked, Subject::Suite, writer, [0u8; 32])?;
            self.writers.remove(writer);
            self.writer_count = self.writer_count.saturating_sub(1);
            self.env().emit_event(WriterRevoked { writer, admin });
            Ok(())
        }

        /// Whether `account` may append. Anyone may call.
        #[ink(message)]
        fn is_writer(&self, account: AccountId) -> bool {
            self.writers.contains(account)
        }

        /// The kinds `account` may append, or `None` if it is not a writer. Anyone may call.
        #[ink(message)]
        fn writer_kinds(&self, account: AccountId) -> Option<KindSet> {
            self.writers.get(account)
        }

        /// Number of accounts that may append. Anyone may call.
        #[ink(message)]
        fn writer_count(&self) -> u32 {
            self.writer_count
        }

        /// The format this log writes (`LOG_FORMAT_VERSION`, 2). Anyone may call.
        #[ink(message)]
        fn format_version(&self) -> u16 {
            LOG_FORMAT_VERSION
        }

        /// Number of entries of `kind`, in O(1). Before the bootstrap the hub expects
        /// at most `BOOTSTRAP_WRITERS` `WriterAuthorized` entries and `BOOTSTRAP_HANDOVERS`
        /// `AdminTransferred` entries (exactly these once handed over) and nothing else. Anyone
        /// may call.
        #[ink(message)]
        fn kind_count(&self, kind: LogKind) -> u64 {
            self.kind_counts.get(kind).unwrap_or(0)
        }
    }

    impl Governed for DecisionLog {
        /// The account holding the log's privileges (authorizing and revoking writers). Anyone may
        /// call.
        #[ink(message)]
        fn admin(&self) -> AccountId {
            self.admin.admin()
        }

        /// The account the admin role is offered to, if any. Anyone may call.
        #[ink(message)]
        fn pending_admin(&self) -> Option<AccountId> {
            self.admin.pending()
        }

        /// Offers the admin role to `new_admin` (replacing an earlier offer); the admin keeps
        /// it, and every privilege, until `new_admin` accepts.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `ZeroAddress`, `AlreadyAdmin`. Event:
        /// `AdminOffered`.
        #[ink(message)]
        fn transfer_admin(&mut self, new_admin: AccountId) -> core::result::Result<(), AdminError> {
            let offered = self.admin.offer(self.env().caller(), new_admin)?;
            self.env().emit_event(offered);
            Ok(())
        }

        /// Takes the role offered to the caller, for good, and records it as an
        /// `AdminTransferred` entry (subject `Suite`, actor the old admin, writer the new
        /// admin, payload the new admin's 32 account bytes). The old admin keeps nothing; it was never a writer by virtue of
        /// being admin.
        ///
        /// Caller: the offered account. Errors: `NoOffer`, `NotOffered`. Events:
        /// `AdminTransferred`, `EntryAppended`.
        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AdminError> {
            let transferred = self.admin.accept(self.env().caller())?;
            // `record` fails with `Sealed` once the log is sealed (no entry may follow its
            // last; the admin then holds nothing an entry could record) and with `LogFull`
            // after 2^64 - 1 entries, each paying a storage deposit: unreachable. Either way
            // the handover takes place (it must never be blocked) and the `AdminTransferred`
            // event records it.
            let _ = self.record(
                LogKind::AdminTransferred,
                Subject::Suite,
                transferred.old,
                account_payload(&transferred.new),
            );
            self.env().emit_event(transferred);
            Ok(())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use agora_types::{
            traits::DecisionLog as _, verify_hashed_chain, verify_writers, VerifyError,
            VerifyFailure, WriterError, WriterFault, EXTERNAL_KINDS, HUB_KINDS,
            MAX_HASHED_ENTRY_ENCODED_LEN, REVIEW_KINDS, VOTING_KINDS,
        };
        use ink::{
            env::{
                test::{self, DefaultAccounts},
                DefaultEnvironment,
            },
            scale::{Decode, Encode},
        };

        fn accounts() -> DefaultAccounts<DefaultEnvironment> {
            test::default_accounts::<DefaultEnvironment>()
        }

        fn set_caller(account: AccountId) {
            test::set_caller::<DefaultEnvironment>(account);
        }

        fn events() -> Vec<test::EmittedEvent> {
            test::recorded_events().collect()
        }

        /// A 32-byte topic as ink! computes it for a value encoding to at most 32 bytes.
        fn topic<T: Encode>(value: &T) -> Vec<u8> {
            let mut t = value.encode();
            t.resize(32, 0);
            t
        }

        /// Every kind a suite contract writes (the tests' writer holds them all).
        const SUITE_KINDS: KindSet = KindSet(HUB_KINDS.0 | REVIEW_KINDS.0 | VOTING_KINDS.0);

        /// A log deployed by Alice, with Bob authorized to write the suite's kinds.
        fn log_with_writer() -> DecisionLog {
            set_caller(accounts().alice);
            let mut log = DecisionLog::new();
            log.authorize_writer(accounts().bob, SUITE_KINDS)
                .expect("admin authorizes bob");
            set_caller(accounts().bob);
            log
        }

        fn append(log: &mut DecisionLog, subject: u32) -> (u64, Hash32) {
            log.append(
                LogKind::ProposalSubmitted,
                Subject::of_proposal(subject),
                accounts().charlie,
                [subject as u8; 32],
            )
            .expect("writer appends")
        }

        /// The whole log read back through `entries`.
        fn all(log: &DecisionLog) -> Vec<HashedEntry> {
            let mut out = Vec::new();
            while (out.len() as u64) < log.len() {
                let page = log.entries(out.len() as u64, MAX_PAGE).expect("page");
                out.extend(page);
            }
            out
        }

        /// Everything a failed message must leave untouched.
        fn state(log: &DecisionLog) -> (u64, Hash32, AccountId, Vec<HashedEntry>, usize) {
            (
                log.len(),
                log.head().1,
                log.admin(),
                all(log),
                events().len(),
            )
        }

        #[ink::test]
        fn new_log_is_empty_and_administered_by_the_deployer() {
            set_caller(accounts().alice);
            let log = DecisionLog::new();
            assert_eq!(log.len(), 0);
            assert!(log.is_empty());
            assert_eq!(log.head(), (0, GENESIS_HASH));
            assert_eq!(log.admin(), accounts().alice);
            assert!(!log.is_writer(accounts().alice));
            assert_eq!(log.entry(0), Err(Error::OutOfRange));
            assert_eq!(log.entries(0, MAX_PAGE), Ok(Vec::new()));
        }

        #[ink::test]
        fn authorize_writer_works_and_is_logged() {
            set_caller(accounts().alice);
            let mut log = DecisionLog::new();
            let bob = accounts().bob;
            test::advance_block::<DefaultEnvironment>();
            assert_eq!(log.authorize_writer(bob, VOTING_KINDS), Ok(()));
            assert!(log.is_writer(bob));
            assert_eq!(log.writer_kinds(bob), Some(VOTING_KINDS));
            assert_eq!(log.writer_kinds(accounts().eve), None);
            assert_eq!(log.len(), 1);
            let first = log.entry(0).expect("logged");
            assert_eq!(first.entry.kind, LogKind::WriterAuthorized);
            assert_eq!(first.entry.subject, Subject::Suite);
            assert_eq!(first.entry.actor, bob);
            assert_eq!(first.entry.writer, accounts().alice);
            assert_eq!(first.entry.payload_hash, kinds_payload(VOTING_KINDS));
            assert_eq!(first.entry.prev_hash, GENESIS_HASH);
            assert_eq!(first.entry.block, 1);
            assert_eq!(log.head(), (1, first.hash));
            // EntryAppended + WriterAuthorized
            assert_eq!(events().len(), 2);
        }

        #[ink::test]
        fn authorize_existing_writer_fails() {
            let mut log = log_with_writer();
            set_caller(accounts().alice);
            let before = state(&log);
            assert_eq!(
                log.authorize_writer(accounts().bob, EXTERNAL_KINDS),
                Err(Error::AlreadyWriter)
            );
            assert_eq!(state(&log), before);
        }

        #[ink::test]
        fn authorize_writer_by_non_admin_fails() {
            let mut log = log_with_writer();
            let before = state(&log);
            // Bob is a writer, not the admin.
            assert_eq!(
                log.authorize_writer(accounts().django, EXTERNAL_KINDS),
                Err(Error::NotAdmin)
            );
            assert!(!log.is_writer(accounts().django));
            assert_eq!(state(&log), before);
        }

        #[ink::test]
        fn append_works_and_links_to_the_head() {
            let mut log = log_with_writer();
            let (_, genesis_entry_hash) = log.head();
            test::advance_block::<DefaultEnvironment>();
            test::set_block_timestamp::<DefaultEnvironment>(1_234);
            let (index, hash) = log
                .append(
                    LogKind::BallotClosed,
                    Subject::Proposal(7),
                    accounts().charlie,
                    [9; 32],
                )
                .expect("appended");
            assert_eq!(index, 1);
            assert_eq!(log.head(), (2, hash));
            let stored = log.entry(1).expect("stored");
            assert_eq!(
                stored.entry,
                LogEntry {
                    index: 1,
                    kind: LogKind::BallotClosed,
                    subject: Subject::Proposal(7),
                    actor: accounts().charlie,
                    writer: accounts().bob,
                    payload_hash: [9; 32],
                    block: 1,
                    timestamp: 1_234,
                    prev_hash: genesis_entry_hash,
                }
            );
            assert_eq!(stored.hash, hash);
            assert_eq!(stored.entry.hash(), hash);
            // Counted by kind, with the writer's authorization before it.
            assert_eq!(log.kind_count(LogKind::BallotClosed), 1);
            assert_eq!(log.kind_count(LogKind::WriterAuthorized), 1);
            assert_eq!(log.kind_count(LogKind::ProposalExecuted), 0);
        }

        #[ink::test]
        fn append_emits_an_event_with_kind_and_subject_topics() {
            let mut log = log_with_writer();
            let before = events().len();
            let (index, hash) = log
                .append(
                    LogKind::ProposalQueued,
                    Subject::Proposal(42),
                    accounts().charlie,
                    [3; 32],
                )
                .expect("appended");
            let emitted = events();
            assert_eq!(emitted.len(), before + 1);
            let event = emitted.last().expect("one event");
            // Signature topic, then kind and subject.
            assert_eq!(event.topics.len(), 3);
            assert_eq!(event.topics[1], topic(&LogKind::ProposalQueued));
            assert_eq!(event.topics[2], topic(&Subject::Proposal(42)));
            let decoded = EntryAppended::decode(&mut &event.data[..]).expect("decodes");
            assert_eq!(decoded.index, index);
            assert_eq!(decoded.hash, hash);
            assert_eq!(decoded.actor, accounts().charlie);
            assert_eq!(decoded.writer, accounts().bob);
            assert_eq!(decoded.payload_hash, [3; 32]);
        }

        #[ink::test]
        fn append_by_unauthorized_account_is_rejected() {
            let mut log = log_with_writer();
            set_caller(accounts().eve);
            let before = state(&log);
            assert_eq!(
                log.append(
                    LogKind::ProposalSubmitted,
                    Subject::Proposal(1),
                    accounts().eve,
                    [0; 32]
                ),
                Err(Error::NotWriter)
            );
            assert_eq!(state(&log), before);
        }

        #[ink::test]
        fn append_by_admin_that_is_not_a_writer_is_rejected() {
            let mut log = log_with_writer();
            set_caller(accounts().alice);
            assert_eq!(
                log.append(
                    LogKind::ProposalSubmitted,
                    Subject::Proposal(1),
                    accounts().alice,
                    [0; 32]
                ),
                Err(Error::NotWriter)
            );
        }

        #[ink::test]
        fn append_by_revoked_writer_is_rejected() {
            let mut log = log_with_writer();
            append(&mut log, 1);
            set_caller(accounts().alice);
            assert_eq!(log.revoke_writer(accounts().bob), Ok(()));
            set_caller(accounts().bob);
            let before = state(&log);
            assert_eq!(
                log.append(
                    LogKind::ProposalSubmitted,
                    Subject::Proposal(1),
                    accounts().bob,
                    [0; 32]
                ),
                Err(Error::NotWriter)
            );
            assert_eq!(state(&log), before);
            // Its earlier entry stays.
            assert_eq!(
                log.entry(1).map(|e| e.entry.subject),
                Ok(Subject::Proposal(1))
            );
        }

        #[ink::test]
        fn append_of_a_reserved_kind_is_rejected() {
            let mut log = log_with_writer();
            let before = state(&log);
            for kind in [
                LogKind::WriterAuthorized,
                LogKind::WriterRevoked,
                LogKind::AdminTransferred,
            ] {
                assert_eq!(
                    log.append(kind, Subject::Suite, accounts().bob, [0; 32]),
                    Err(Error::ReservedKind)
                );
            }
            assert_eq!(state(&log), before);
        }

        #[ink::test]
        fn append_of_a_kind_outside_the_writers_authorization_is_rejected() {
            // A writer added for external kinds cannot pass for the hub, and a suite
            // contract cannot write another's kinds.
            let mut log = log_with_writer();
            set_caller(accounts().alice);
            log.authorize_writer(accounts().eve, EXTERNAL_KINDS)
                .expect("external writer");
            log.authorize_writer(accounts().frank, VOTING_KINDS)
                .expect("voting");
            let before = state(&log);
            set_caller(accounts().eve);
            for kind in [
                LogKind::ProposalExecuted,
                LogKind::BootstrapCompleted,
                LogKind::BallotClosed,
            ] {
                assert_eq!(
                    log.append(kind, Subject::Proposal(1), accounts().eve, [0; 32]),
                    Err(Error::KindNotAllowed)
                );
            }
            set_caller(accounts().frank);
            assert_eq!(
                log.append(
                    LogKind::ProposalExecuted,
                    Subject::Proposal(1),
                    accounts().frank,
                    [0; 32]
                ),
                Err(Error::KindNotAllowed)
            );
            assert_eq!(state(&log), before);
            set_caller(accounts().eve);
            let (index, _) = log
                .append(
                    LogKind::External(7),
                    Subject::Mandate(3),
                    accounts().charlie,
                    [1; 32],
                )
                .expect("its own kind");
            let entry = log.entry(index).expect("stored").entry;
            assert_eq!(entry.writer, accounts().eve);
            assert_eq!(entry.kind, LogKind::External(7));
            assert_eq!(log.kind_count(LogKind::External(7)), 1);
            assert_eq!(log.kind_count(LogKind::External(8)), 0);
        }

        #[ink::test]
        fn a_sealed_log_takes_no_entry_after_its_last() {
            let mut log = log_with_writer();
            append(&mut log, 1);
            set_caller(accounts().bob);
            assert_eq!(
                log.seal(accounts().django, [5; 32]),
                Err(Error::NotAdmin),
                "a writer may not seal"
            );
            set_caller(accounts().alice);
            let (index, head) = log.seal(accounts().django, [5; 32]).expect("sealed");
            assert_eq!(log.head(), (index + 1, head));
            let last = log.entry(index).expect("stored").entry;
            assert_eq!(
                (last.kind, last.subject, last.actor, last.writer),
                (
                    LogKind::Sealed,
                    Subject::Suite,
                    accounts().django,
                    accounts().alice
                )
            );
            assert_eq!(log.successor(), Some(accounts().django));
            let before = state(&log);
            assert_eq!(log.seal(accounts().eve, [6; 32]), Err(Error::Sealed));
            assert_eq!(
                log.authorize_writer(accounts().eve, EXTERNAL_KINDS),
                Err(Error::Sealed)
            );
            assert_eq!(log.revoke_writer(accounts().bob), Err(Error::Sealed));
            set_caller(accounts().bob);
            assert_eq!(
                log.append(
                    LogKind::ProposalSubmitted,
                    Subject::Proposal(2),
                    accounts().bob,
                    [0; 32]
                ),
                Err(Error::Sealed)
            );
            assert_eq!(state(&log), before);
            assert_eq!(verify_writers(&all(&log)), Ok(()));
            assert_eq!(log.predecessor(), None);
        }

        #[ink::test]
        fn an_external_entry_about_the_suite_is_rejected() {
            // The suite's history is what verify-deployment replays; a writer added by
            // governance must not pad it.
            let mut log = log_with_writer();
            set_caller(accounts().alice);
            log.authorize_writer(accounts().eve, EXTERNAL_KINDS)
                .expect("external writer");
            let before = state(&log);
            set_caller(accounts().eve);
            assert_eq!(
                log.append(
                    LogKind::External(1),
                    Subject::Suite,
                    accounts().eve,
                    [0; 32]
                ),
                Err(Error::SubjectNotAllowed)
            );
            assert_eq!(state(&log), before);
            assert_eq!(log.subject_len(Subject::Suite), 2);
        }

        #[ink::test]
        fn authorizing_an_empty_undefined_or_reserved_kind_set_is_rejected() {
            set_caller(accounts().alice);
            let mut log = DecisionLog::new();
            let before = state(&log);
            for kinds in [
                KindSet::EMPTY,
                KindSet(1 << 24),
                LOG_OWN_KINDS,
                KindSet(HUB_KINDS.0 | 1),
                KindSet::of(&[LogKind::AdminTransferred]),
            ] {
                assert_eq!(
                    log.authorize_writer(accounts().bob, kinds),
                    Err(Error::InvalidKinds)
                );
            }
            assert!(!log.is_writer(accounts().bob));
            assert_eq!(state(&log), before);
        }

        #[ink::test]
        fn the_log_says_it_writes_format_two() {
            let log = log_with_writer();
            assert_eq!(log.format_version(), 2);
            assert_eq!(log.format_version(), agora_types::LOG_FORMAT_VERSION);
        }

        #[ink::test]
        fn revoke_writer_works_and_is_logged() {
            let mut log = log_with_writer();
            set_caller(accounts().alice);
            let before = events().len();
            assert_eq!(log.revoke_writer(accounts().bob), Ok(()));
            assert!(!log.is_writer(accounts().bob));
            assert_eq!(log.writer_kinds(accounts().bob), None);
            let last = log.entry(log.len() - 1).expect("logged");
            assert_eq!(last.entry.kind, LogKind::WriterRevoked);
            assert_eq!(last.entry.actor, accounts().bob);
            assert_eq!(last.entry.writer, accounts().alice);
            assert_eq!(last.entry.payload_hash, [0; 32]);
            assert_eq!(events().len(), before + 2);
        }

        #[ink::test]
        fn revoke_unknown_writer_fails() {
            let mut log = log_with_writer();
            set_caller(accounts().alice);
            let before = state(&log);
            assert_eq!(log.revoke_writer(accounts().eve), Err(Error::UnknownWriter));
            assert_eq!(state(&log), before);
        }

        #[ink::test]
        fn revoke_writer_by_non_admin_fails() {
            let mut log = log_with_writer();
            let before = state(&log);
            assert_eq!(log.revoke_writer(accounts().bob), Err(Error::NotAdmin));
            assert!(log.is_writer(accounts().bob));
            assert_eq!(state(&log), before);
        }

        #[ink::test]
        fn revoked_writer_can_be_authorized_again() {
            let mut log = log_with_writer();
            set_caller(accounts().alice);
            log.revoke_writer(accounts().bob).expect("revoked");
            assert_eq!(log.authorize_writer(accounts().bob, SUITE_KINDS), Ok(()));
            set_caller(accounts().bob);
            assert_eq!(append(&mut log, 5).0, 3);
        }

        #[ink::test]
        fn the_admin_role_passes_on_acceptance_for_good_and_is_logged() {
            let mut log = log_with_writer();
            let (alice, frank) = (accounts().alice, accounts().frank);
            set_caller(alice);
            let len = log.len();
            assert_eq!(log.transfer_admin(frank), Ok(()));
            // The offer is not the handover: nothing is logged, alice keeps the role.
            assert_eq!((log.len(), log.admin()), (len, alice));
            set_caller(frank);
            assert_eq!(log.accept_admin(), Ok(()));
            set_caller(alice);
            assert_eq!(log.admin(), frank);
            let last = log.entry(len).expect("logged");
            assert_eq!(last.entry.kind, LogKind::AdminTransferred);
            assert_eq!(last.entry.actor, alice);
            assert_eq!(last.entry.writer, frank);
            assert_eq!(last.entry.payload_hash, account_payload(&frank));
            // The previous admin keeps nothing.
            let before = state(&log);
            assert_eq!(log.transfer_admin(alice), Err(AdminError::NotAdmin));
            assert_eq!(
                log.authorize_writer(alice, EXTERNAL_KINDS),
                Err(Error::NotAdmin)
            );
            assert_eq!(log.revoke_writer(accounts().bob), Err(Error::NotAdmin));
            assert_eq!(state(&log), before);
            set_caller(frank);
            assert_eq!(
                log.authorize_writer(accounts().django, EXTERNAL_KINDS),
                Ok(())
            );
            // The writers' replay accepts the whole history, handover included.
            assert_eq!(verify_writers(&all(&log)), Ok(()));
        }

        #[ink::test]
        fn transfer_admin_by_non_admin_fails() {
            let mut log = log_with_writer();
            let before = state(&log);
            assert_eq!(
                log.transfer_admin(accounts().bob),
                Err(AdminError::NotAdmin)
            );
            assert_eq!(state(&log), before);
        }

        #[ink::test]
        fn a_full_log_refuses_entries_and_changes_nothing() {
            let mut log = log_with_writer();
            log.len = u64::MAX;
            let before = (log.head(), events().len());
            assert_eq!(
                log.append(
                    LogKind::ProposalSubmitted,
                    Subject::Proposal(1),
                    accounts().bob,
                    [0; 32]
                ),
                Err(Error::LogFull)
            );
            set_caller(accounts().alice);
            assert_eq!(
                log.authorize_writer(accounts().eve, EXTERNAL_KINDS),
                Err(Error::LogFull)
            );
            assert!(!log.is_writer(accounts().eve));
            assert_eq!(log.revoke_writer(accounts().bob), Err(Error::LogFull));
            assert!(log.is_writer(accounts().bob));
            assert_eq!((log.head(), events().len()), before);
            assert_eq!(log.entry(u64::MAX - 1), Err(Error::OutOfRange));
            // The admin handover is never blocked; only its entry cannot be written.
            assert_eq!(log.transfer_admin(accounts().frank), Ok(()));
            set_caller(accounts().frank);
            assert_eq!(log.accept_admin(), Ok(()));
            assert_eq!(log.admin(), accounts().frank);
            assert_eq!(log.head(), before.0);
        }

        #[ink::test]
        fn a_full_subject_index_refuses_entries() {
            let mut log = log_with_writer();
            log.subject_len.insert(Subject::Proposal(5), &u64::MAX);
            let before = state(&log);
            assert_eq!(
                log.append(
                    LogKind::ProposalSubmitted,
                    Subject::Proposal(5),
                    accounts().bob,
                    [0; 32]
                ),
                Err(Error::LogFull)
            );
            assert_eq!(state(&log), before);
        }

        #[ink::test]
        fn entry_out_of_range_fails() {
            let mut log = log_with_writer();
            append(&mut log, 1);
            assert!(log.entry(1).is_ok());
            assert_eq!(log.entry(2), Err(Error::OutOfRange));
            assert_eq!(log.entry(u64::MAX), Err(Error::OutOfRange));
        }

        #[ink::test]
        fn entries_pages_in_order() {
            let mut log = log_with_writer();
            for subject in 1..=9 {
                append(&mut log, subject);
            }
            assert_eq!(log.len(), 10);
            let page = log.entries(3, 4).expect("page");
            assert_eq!(
                page.iter().map(|e| e.entry.index).collect::<Vec<_>>(),
                vec![3, 4, 5, 6]
            );
            assert_eq!(log.entries(8, 5).map(|p| p.len()), Ok(2));
            assert_eq!(log.entries(10, 5).map(|p| p.len()), Ok(0));
            assert_eq!(log.entries(u64::MAX, MAX_PAGE).map(|p| p.len()), Ok(0));
            assert_eq!(log.entries(0, 0).map(|p| p.len()), Ok(0));
        }

        #[ink::test]
        fn entries_limit_above_max_page_fails() {
            let log = log_with_writer();
            assert_eq!(log.entries(0, MAX_PAGE + 1), Err(Error::LimitTooLarge));
            assert_eq!(
                log.entries_for(Subject::Suite, 0, MAX_PAGE + 1),
                Err(Error::LimitTooLarge)
            );
            assert_eq!(log.entries(0, u32::MAX), Err(Error::LimitTooLarge));
        }

        #[ink::test]
        fn entries_for_pages_one_subject_in_log_order() {
            let mut log = log_with_writer();
            for i in 0..12u32 {
                append(&mut log, 1 + i % 3);
            }
            let two = Subject::Proposal(2);
            assert_eq!(log.subject_len(two), 4);
            assert_eq!(log.subject_len(Subject::Proposal(9)), 0);
            // The writer authorization is about the suite.
            assert_eq!(log.subject_len(Subject::Suite), 1);
            let all_of_2 = log.entries_for(two, 0, MAX_PAGE).expect("page");
            assert_eq!(
                all_of_2.iter().map(|e| e.entry.index).collect::<Vec<_>>(),
                vec![2, 5, 8, 11]
            );
            assert!(all_of_2.iter().all(|e| e.entry.subject == two));
            let tail = log.entries_for(two, 1, 2).expect("page");
            assert_eq!(
                tail.iter().map(|e| e.entry.index).collect::<Vec<_>>(),
                vec![5, 8]
            );
            assert_eq!(log.entries_for(two, 4, 10).map(|p| p.len()), Ok(0));
            assert_eq!(
                log.entries_for(Subject::Proposal(9), 0, 10)
                    .map(|p| p.len()),
                Ok(0)
            );
            assert_eq!(
                log.entries_for(two, u64::MAX, MAX_PAGE).map(|p| p.len()),
                Ok(0)
            );
        }

        #[ink::test]
        fn the_whole_log_verifies_against_its_head() {
            let mut log = log_with_writer();
            set_caller(accounts().alice);
            log.authorize_writer(accounts().charlie, SUITE_KINDS)
                .expect("second writer");
            for i in 0..250u32 {
                set_caller(if i % 2 == 0 {
                    accounts().bob
                } else {
                    accounts().charlie
                });
                if i % 10 == 0 {
                    test::advance_block::<DefaultEnvironment>();
                }
                append(&mut log, i % 7);
            }
            set_caller(accounts().alice);
            log.revoke_writer(accounts().charlie).expect("revoked");
            let entries = all(&log);
            assert_eq!(entries.len(), 253);
            assert_eq!(verify_hashed_chain(&entries, Some(log.head())), Ok(()));
            assert_eq!(verify_writers(&entries), Ok(()));
            // An entry that says another account wrote it no longer checks out.
            let mut forged = entries.clone();
            forged[10].entry.writer = accounts().eve;
            assert_eq!(
                verify_writers(&forged),
                Err(WriterError {
                    index: 10,
                    fault: WriterFault::NotWriter
                })
            );
            let mut tampered = entries.clone();
            tampered[100].entry.block += 1;
            assert_eq!(
                verify_hashed_chain(&tampered, Some(log.head())),
                Err(VerifyError {
                    index: 100,
                    failure: VerifyFailure::WrongHash
                })
            );
        }

        #[ink::test]
        fn a_full_page_of_the_largest_entries_fits_the_return_buffer() {
            let mut log = log_with_writer();
            set_caller(accounts().alice);
            log.authorize_writer(accounts().eve, EXTERNAL_KINDS)
                .expect("external writer");
            set_caller(accounts().eve);
            let subject = Subject::Member(AccountId::from([0xFF; 32]));
            for _ in 0..MAX_PAGE {
                log.append(
                    LogKind::External(u16::MAX),
                    subject,
                    AccountId::from([0xFF; 32]),
                    [0xFF; 32],
                )
                .expect("appended");
            }
            let page = log.entries_for(subject, 0, MAX_PAGE).expect("full page");
            assert_eq!(page.len(), MAX_PAGE as usize);
            // As it leaves the contract: Result<Result<Vec<_>, Error>, LangError>.
            let returned = Ok::<_, ink::LangError>(Ok::<_, Error>(page)).encode();
            assert_eq!(
                returned.len(),
                4 + MAX_PAGE as usize * MAX_HASHED_ENTRY_ENCODED_LEN
            );
            assert!(returned.len() <= 16 * 1024, "{} bytes", returned.len());
        }
    }
}
