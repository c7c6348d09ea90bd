//! # Peer review
//!
//! Review rounds bound to proposal revisions. The admin (the hub after bootstrap) opens a
//! round for `(proposal, revision)` with rules copied in (minimum reviewers, perspectives
//! that must be covered, most rejections tolerated) and closes it after its window.
//! In between, members with weight at the round's opening block − 1, other than the
//! author, review it from a perspective they hold: verdict, score, feedback and an optional
//! suggested modification.
//!
//! Reviews are append-only: an amendment stores a new version and moves the reviewer's
//! "latest" pointer; the counters use latest versions and move in O(1). Every version
//! extends the round's transcript, `blake2_256(prev ++ SCALE(review))` from 32 zero bytes,
//! which the round's `ReviewRoundClosed` log entry commits to. After a round closes,
//! anyone settles each reviewer's verdict against the outcome into their record.
//!
//! No message loops over reviews or members; the only reads through other contracts are
//! the registry's `weight_at` and `member`, and the only write is the log's `append`.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod peer_review {
    use agora_types::{
        round_closed_payload, round_opened_payload,
        traits::{DecisionLog, Governed, MemberRegistry, ReviewRounds},
        AdminError, AdminRole, Counted, Hash32, LogKind, Perspective, PerspectiveSet, ProposalId,
        Review, ReviewRound, ReviewRules, ReviewerRecord, Revision, RoundOutcome, RoundReviewer,
        Subject, Verdict, Weight, MAX_SCORE, MAX_URI_LEN, MAX_VERSIONS_PER_REVIEWER,
        MAX_VERSIONS_PER_ROUND, MAX_WINDOW,
    };
    use ink::{
        codegen::TraitCallBuilder,
        prelude::{string::String, vec::Vec},
        storage::Mapping,
    };

    /// Most review versions one `reviews` page returns (`agora_types::MAX_REVIEWS_PAGE`).
    pub const MAX_PAGE: u32 = agora_types::MAX_REVIEWS_PAGE;

    /// Key of a round: `(proposal, revision)`.
    pub type RoundKey = (ProposalId, Revision);
    /// Key of a stored version: `(proposal, revision, position in the round)`.
    pub type VersionKey = (ProposalId, Revision, u32);
    /// Key of a reviewer's place in a round: `(proposal, revision, reviewer)`.
    pub type ReviewerKey = (ProposalId, Revision, AccountId);

    /// The contract's error type (defined in `agora-types` so the hub can decode it).
    pub use agora_types::ReviewError as Error;
    /// The contract's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// A round was opened for a proposal revision.
    #[ink(event)]
    pub struct RoundOpened {
        #[ink(topic)]
        proposal: ProposalId,
        revision: Revision,
        author: AccountId,
        content_hash: Hash32,
        opened_at: BlockNumber,
        closes_at: BlockNumber,
        rules: ReviewRules,
    }

    /// A review version was stored (version 1 is the first review, later ones amend it).
    #[ink(event)]
    pub struct ReviewSubmitted {
        #[ink(topic)]
        proposal: ProposalId,
        revision: Revision,
        #[ink(topic)]
        reviewer: AccountId,
        version: u32,
        index: u32,
        verdict: Verdict,
        score: u8,
        perspective: Perspective,
        transcript: Hash32,
    }

    /// A round was closed; its outcome is final.
    #[ink(event)]
    pub struct RoundClosed {
        #[ink(topic)]
        proposal: ProposalId,
        revision: Revision,
        outcome: RoundOutcome,
    }

    /// A reviewer's latest verdict in a closed round was settled into their record.
    #[ink(event)]
    pub struct ReviewerSettled {
        #[ink(topic)]
        proposal: ProposalId,
        revision: Revision,
        #[ink(topic)]
        reviewer: AccountId,
        verdict: Verdict,
        agreed: bool,
    }

    /// The contract's storage.
    #[ink(storage)]
    pub struct PeerReview {
        /// Holder of the admin role (opens and closes rounds).
        admin: AdminRole,
        /// The agent registry read for eligibility and perspectives.
        registry: AccountId,
        /// The decision log rounds are recorded in.
        log: AccountId,
        /// Rounds by `(proposal, revision)`.
        rounds: Mapping<RoundKey, ReviewRound>,
        /// The revision of each proposal's latest round.
        latest_revision: Mapping<ProposalId, Revision>,
        /// Every stored version: `(proposal, revision, i)` for `i < round.versions`.
        versions: Mapping<VersionKey, Review>,
        /// Each reviewer's place in each round they reviewed.
        reviewers: Mapping<ReviewerKey, RoundReviewer>,
        /// Accountability records by reviewer.
        records: Mapping<AccountId, ReviewerRecord>,
        /// Number of rounds ever opened (for the hub's bootstrap check).
        rounds_opened: u32,
    }

    impl PeerReview {
        /// Creates the contract administered by the caller, reading members from
        /// `registry` and appending to the decision log at `log` (which must authorize
        /// this contract as a writer before the first round opens). Cannot fail.
        #[ink(constructor)]
        pub fn new(registry: AccountId, log: AccountId) -> Self {
            Self {
                admin: AdminRole::new(Self::env().caller()),
                registry,
                log,
                rounds: Mapping::default(),
                latest_revision: Mapping::default(),
                versions: Mapping::default(),
                reviewers: Mapping::default(),
                records: Mapping::default(),
                rounds_opened: 0,
            }
        }

        /// The agent registry this contract reads. Anyone may call.
        #[ink(message)]
        pub fn registry(&self) -> AccountId {
            self.registry
        }

        /// The decision log this contract appends to. Anyone may call.
        #[ink(message)]
        pub fn log(&self) -> AccountId {
            self.log
        }

        /// The round of `(proposal, revision)`: author, content hash, window, rules and
        /// counters. Anyone may call.
        #[ink(message)]
        pub fn round(&self, proposal: ProposalId, revision: Revision) -> Option<ReviewRound> {
            self.rounds.get((proposal, revision))
        }

        /// The revision of the latest round opened for `proposal` (the only one that
        /// takes reviews), if any. Anyone may call.
        #[ink(message)]
        pub fn latest_revision(&self, proposal: ProposalId) -> Option<Revision> {
            self.latest_revision.get(proposal)
        }

        /// Stores a review of `(proposal, revision)` by the caller, or, if the caller
        /// reviewed this round before, a new version of it that becomes the one counted.
        /// Returns the version number (1 for the first review). The review window is
        /// `[opened_at, closes_at]`.
        ///
        /// `score` is 0..=100; `feedback_uri` and `suggestion_uri` may be empty and are
        /// at most `MAX_URI_LEN` bytes; a suggestion URI needs a suggestion hash.
        ///
        /// Caller: a member other than the author with weight at the round's opening
        /// block − 1 in the registry, who holds `perspective` in the registry now.
        /// Errors: `ScoreOutOfRange`, `UriTooLong`, `SuggestionUriWithoutHash`,
        /// `UnknownRound`, `RoundClosed`, `StaleRevision`, `ReviewWindowOver`,
        /// `AuthorCannotReview`, `TooManyVersions`, `RoundFull`, `NotEligible`,
        /// `PerspectiveNotHeld`, `RegistryUnavailable`. Event: `ReviewSubmitted`.
        // The argument list is the message's ABI (see docs/contracts/peer_review.md).
        #[allow(clippy::too_many_arguments)]
        #[ink(message)]
        pub fn submit_review(
            &mut self,
            proposal: ProposalId,
            revision: Revision,
            verdict: Verdict,
            score: u8,
            perspective: Perspective,
            feedback_hash: Hash32,
            feedback_uri: String,
            suggestion_hash: Option<Hash32>,
            suggestion_uri: String,
        ) -> Result<u32> {
            let draft = Review {
                proposal,
                revision,
                reviewer: self.env().caller(),
                version: 0,
                verdict,
                score,
                perspective,
                feedback_hash,
                feedback_uri,
                suggestion_hash,
                suggestion_uri,
                submitted_at: self.env().block_number(),
            };
            self.submit(draft, Self::ensure_registry_eligible)
        }

        /// The latest version of `reviewer`'s review of `(proposal, revision)`. Anyone
        /// may call.
        #[ink(message)]
        pub fn review(
            &self,
            proposal: ProposalId,
            revision: Revision,
            reviewer: AccountId,
        ) -> Option<Review> {
            let slot = self.reviewers.get((proposal, revision, reviewer))?;
            self.versions.get((proposal, revision, slot.latest))
        }

        /// `reviewer`'s place in the round: position of the latest version, number of
        /// versions, what is counted, whether settled. Anyone may call.
        #[ink(message)]
        pub fn round_reviewer(
            &self,
            proposal: ProposalId,
            revision: Revision,
            reviewer: AccountId,
        ) -> Option<RoundReviewer> {
            self.reviewers.get((proposal, revision, reviewer))
        }

        /// Every stored version of the round's reviews in submission order, `limit` of
        /// them from position `from` (fewer at the end, none past it): the input an
        /// auditor folds into the transcript. Anyone may call.
        ///
        /// Errors: `LimitTooLarge` if `limit > MAX_PAGE`, `UnknownRound`.
        #[ink(message)]
        pub fn reviews(
            &self,
            proposal: ProposalId,
            revision: Revision,
            from: u32,
            limit: u32,
        ) -> Result<Vec<Review>> {
            if limit > MAX_PAGE {
                return Err(Error::LimitTooLarge);
            }
            let round = self.find_round(proposal, revision)?;
            let end = from.saturating_add(limit).min(round.versions);
            Ok((from..end)
                .filter_map(|i| self.versions.get((proposal, revision, i)))
                .collect())
        }

        /// Adds whether `reviewer`'s latest verdict in the closed round agreed with its
        /// outcome to their record (Approve agrees with rules met; RequestChanges and
        /// Reject agree with rules not met) and returns whether it did. O(1); once per
        /// reviewer and round.
        ///
        /// Caller: anyone. Errors: `UnknownRound`, `RoundNotClosed`, `NoReview`,
        /// `AlreadySettled`. Event: `ReviewerSettled`.
        #[ink(message)]
        pub fn settle(
            &mut self,
            proposal: ProposalId,
            revision: Revision,
            reviewer: AccountId,
        ) -> Result<bool> {
            let round = self.find_round(proposal, revision)?;
            if !round.closed {
                return Err(Error::RoundNotClosed);
            }
            let key = (proposal, revision, reviewer);
            let mut slot = self.reviewers.get(key).ok_or(Error::NoReview)?;
            if slot.settled {
                return Err(Error::AlreadySettled);
            }
            let agreed = slot.counted.verdict.agrees_with(round.rules_met());
            slot.settled = true;
            self.reviewers.insert(key, &slot);
            let mut record = self.records.get(reviewer).unwrap_or_default();
            // At most one settlement per reviewer and round, never above `reviews_given`.
            record.settled = record.settled.saturating_add(1);
            if agreed {
                record.agreed = record.agreed.saturating_add(1);
            }
            self.records.insert(reviewer, &record);
            self.env().emit_event(ReviewerSettled {
                proposal,
                revision,
                reviewer,
                verdict: slot.counted.verdict,
                agreed,
            });
            Ok(agreed)
        }

        /// `account`'s reviewer record: rounds reviewed, settled, agreed (zeros for an
        /// account that never reviewed). Anyone may call.
        #[ink(message)]
        pub fn reviewer_record(&self, account: AccountId) -> ReviewerRecord {
            self.records.get(account).unwrap_or_default()
        }

        fn ensure_admin(&self) -> Result<()> {
            if self.env().caller() != self.admin.admin() {
                return Err(Error::NotAdmin);
            }
            Ok(())
        }

        fn find_round(&self, proposal: ProposalId, revision: Revision) -> Result<ReviewRound> {
            self.rounds
                .get((proposal, revision))
                .ok_or(Error::UnknownRound)
        }

        /// Checks that a round for `(proposal, revision)` with this window and these rules
        /// may be opened now; reads only.
        fn ensure_openable(
            &self,
            proposal: ProposalId,
            revision: Revision,
            closes_at: BlockNumber,
            rules: &ReviewRules,
        ) -> Result<()> {
            if proposal == 0 || revision == 0 {
                return Err(Error::InvalidId);
            }
            match self.latest_revision.get(proposal) {
                Some(latest) if latest == revision => return Err(Error::RoundExists),
                Some(latest) if latest > revision => return Err(Error::StaleRevision),
                _ => {}
            }
            if !rules.is_valid() {
                return Err(Error::InvalidRules);
            }
            let now = self.env().block_number();
            match closes_at.checked_sub(now) {
                Some(window) if window > 0 && window <= MAX_WINDOW => Ok(()),
                _ => Err(Error::InvalidCloseBlock),
            }
        }

        /// Stores a new round as the proposal's latest and emits `RoundOpened`; returns
        /// the payload hash of its log entry.
        fn store_round(
            &mut self,
            proposal: ProposalId,
            revision: Revision,
            round: ReviewRound,
        ) -> Hash32 {
            self.rounds.insert((proposal, revision), &round);
            self.latest_revision.insert(proposal, &revision);
            self.env().emit_event(RoundOpened {
                proposal,
                revision,
                author: round.author,
                content_hash: round.content_hash,
                opened_at: round.opened_at,
                closes_at: round.closes_at,
                rules: round.rules,
            });
            round_opened_payload(revision, &round)
        }

        /// Checks what a review states, before anything is read: score and URI bounds.
        fn ensure_valid_review(review: Review) -> Result<Review> {
            if review.score > MAX_SCORE {
                return Err(Error::ScoreOutOfRange);
            }
            if review.feedback_uri.len() > MAX_URI_LEN || review.suggestion_uri.len() > MAX_URI_LEN
            {
                return Err(Error::UriTooLong);
            }
            if review.suggestion_hash.is_none() && !review.suggestion_uri.is_empty() {
                return Err(Error::SuggestionUriWithoutHash);
            }
            Ok(review)
        }

        /// Checks that `reviewer` may add a version to the round now, from what this
        /// contract stores; returns the round and the reviewer's place in it.
        fn ensure_reviewable(
            &self,
            proposal: ProposalId,
            revision: Revision,
            reviewer: AccountId,
        ) -> Result<(ReviewRound, Option<RoundReviewer>)> {
            let round = self.find_round(proposal, revision)?;
            if round.closed {
                return Err(Error::RoundClosed);
            }
            if self.latest_revision.get(proposal) != Some(revision) {
                return Err(Error::StaleRevision);
            }
            if self.env().block_number() > round.closes_at {
                return Err(Error::ReviewWindowOver);
            }
            if reviewer == round.author {
                return Err(Error::AuthorCannotReview);
            }
            let slot = self.reviewers.get((proposal, revision, reviewer));
            if slot.is_some_and(|s| s.versions >= MAX_VERSIONS_PER_REVIEWER) {
                return Err(Error::TooManyVersions);
            }
            if round.versions >= MAX_VERSIONS_PER_ROUND {
                return Err(Error::RoundFull);
            }
            Ok((round, slot))
        }

        /// The body of `submit_review`: checks `draft` and the round, asks `eligible`
        /// whether the reviewer may review from the stated perspective (weight at the
        /// snapshot block, perspective held), then stores the version. Unit tests pass an
        /// `eligible` that stands in for the registry.
        fn submit(
            &mut self,
            draft: Review,
            eligible: impl FnOnce(&Self, AccountId, BlockNumber, Perspective) -> Result<()>,
        ) -> Result<u32> {
            let draft = Self::ensure_valid_review(draft)?;
            let (round, slot) =
                self.ensure_reviewable(draft.proposal, draft.revision, draft.reviewer)?;
            let snapshot = round.opened_at.checked_sub(1).ok_or(Error::NotEligible)?;
            eligible(self, draft.reviewer, snapshot, draft.perspective)?;
            Ok(self.record_review(round, slot, draft))
        }

        /// Asks the registry, in one call (`standing_at`), for `reviewer`'s weight at
        /// `snapshot` and the perspectives the reviewer holds now.
        fn ensure_registry_eligible(
            &self,
            reviewer: AccountId,
            snapshot: BlockNumber,
            perspective: Perspective,
        ) -> Result<()> {
            let registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            match registry.call().standing_at(reviewer, snapshot).try_invoke() {
                Ok(Ok(Some(standing))) => {
                    Self::ensure_eligible(standing.weight, Some(standing.perspectives), perspective)
                }
                // Never registered: no weight at any block.
                Ok(Ok(None)) => Err(Error::NotEligible),
                _ => Err(Error::RegistryUnavailable),
            }
        }

        /// Checks what the registry answered: weight at the snapshot and the perspective.
        fn ensure_eligible(
            weight: Weight,
            perspectives: Option<PerspectiveSet>,
            perspective: Perspective,
        ) -> Result<()> {
            if weight == 0 {
                return Err(Error::NotEligible);
            }
            match perspectives {
                Some(held) if held.contains(perspective) => Ok(()),
                Some(_) => Err(Error::PerspectiveNotHeld),
                // A weight without a record is not an answer the registry gives.
                None => Err(Error::RegistryUnavailable),
            }
        }

        /// Stores `draft` as the reviewer's next version (all checks done): moves the
        /// counters from the old latest to it, extends the transcript, counts a first
        /// review in the reviewer's record, emits `ReviewSubmitted`. Returns the version.
        fn record_review(
            &mut self,
            mut round: ReviewRound,
            slot: Option<RoundReviewer>,
            mut draft: Review,
        ) -> u32 {
            let (proposal, revision, reviewer) = (draft.proposal, draft.revision, draft.reviewer);
            let index = round.versions;
            let counted: Counted = draft.counted();
            let slot = match slot {
                Some(mut s) => {
                    round.uncount(s.counted);
                    // Bounded by MAX_VERSIONS_PER_REVIEWER (checked before).
                    s.versions = s.versions.saturating_add(1);
                    s.latest = index;
                    s.counted = counted;
                    s
                }
                None => {
                    round.reviews = round.reviews.saturating_add(1);
                    let mut record = self.records.get(reviewer).unwrap_or_default();
                    record.reviews_given = record.reviews_given.saturating_add(1);
                    self.records.insert(reviewer, &record);
                    RoundReviewer {
                        latest: index,
                        versions: 1,
                        counted,
                        settled: false,
                    }
                }
            };
            round.count(counted);
            draft.version = slot.versions;
            round.transcript = agora_types::next_transcript(&round.transcript, &draft);
            // Bounded by MAX_VERSIONS_PER_ROUND (checked before).
            round.versions = index.saturating_add(1);
            self.versions.insert((proposal, revision, index), &draft);
            self.reviewers.insert((proposal, revision, reviewer), &slot);
            self.rounds.insert((proposal, revision), &round);
            self.env().emit_event(ReviewSubmitted {
                proposal,
                revision,
                reviewer,
                version: draft.version,
                index,
                verdict: counted.verdict,
                score: counted.score,
                perspective: counted.perspective,
                transcript: round.transcript,
            });
            draft.version
        }

        /// Checks the round may be closed now and returns it.
        fn ensure_closable(&self, proposal: ProposalId, revision: Revision) -> Result<ReviewRound> {
            let round = self.find_round(proposal, revision)?;
            if round.closed {
                return Err(Error::RoundClosed);
            }
            if self.env().block_number() <= round.closes_at {
                return Err(Error::RoundStillOpen);
            }
            Ok(round)
        }

        /// Freezes the round and emits `RoundClosed`; returns the final outcome.
        fn freeze_round(
            &mut self,
            proposal: ProposalId,
            revision: Revision,
            mut round: ReviewRound,
        ) -> RoundOutcome {
            round.closed = true;
            self.rounds.insert((proposal, revision), &round);
            let outcome = round.outcome();
            self.env().emit_event(RoundClosed {
                proposal,
                revision,
                outcome,
            });
            outcome
        }

        /// The body of `open_round` before its log entry: checks, stores the round,
        /// returns the log payload hash.
        fn open(
            &mut self,
            proposal: ProposalId,
            revision: Revision,
            author: AccountId,
            content_hash: Hash32,
            closes_at: BlockNumber,
            rules: ReviewRules,
        ) -> Result<Hash32> {
            self.ensure_admin()?;
            self.ensure_openable(proposal, revision, closes_at, &rules)?;
            let round = ReviewRound::new(
                author,
                content_hash,
                self.env().block_number(),
                closes_at,
                rules,
            );
            // One per (proposal, revision); far below u32::MAX, saturating anyway.
            self.rounds_opened = self.rounds_opened.saturating_add(1);
            Ok(self.store_round(proposal, revision, round))
        }

        /// Appends the `ReviewRoundClosed` entry of a frozen round and hands its outcome
        /// back (shared by `close_round` and `supersede_round`).
        fn log_round_closed(
            &mut self,
            proposal: ProposalId,
            revision: Revision,
            outcome: RoundOutcome,
        ) -> Result<RoundOutcome> {
            self.append_log(
                LogKind::ReviewRoundClosed,
                proposal,
                round_closed_payload(revision, &outcome),
            )?;
            Ok(outcome)
        }

        /// The body of `supersede_round` before its log entry: checks, freezes (whatever
        /// the window), returns the final outcome.
        fn supersede(&mut self, proposal: ProposalId, revision: Revision) -> Result<RoundOutcome> {
            self.ensure_admin()?;
            let round = self.find_round(proposal, revision)?;
            if round.closed {
                return Err(Error::RoundClosed);
            }
            Ok(self.freeze_round(proposal, revision, round))
        }

        /// The body of `close_round` before its log entry: checks, freezes, returns the
        /// final outcome.
        fn close(&mut self, proposal: ProposalId, revision: Revision) -> Result<RoundOutcome> {
            self.ensure_admin()?;
            let round = self.ensure_closable(proposal, revision)?;
            Ok(self.freeze_round(proposal, revision, round))
        }

        /// Appends an entry about `proposal` by the caller to the decision log.
        fn append_log(
            &mut self,
            kind: LogKind,
            proposal: ProposalId,
            payload_hash: Hash32,
        ) -> Result<()> {
            let actor = self.env().caller();
            let mut log: ink::contract_ref!(DecisionLog) = self.log.into();
            match log
                .call_mut()
                .append(kind, Subject::of_proposal(proposal), actor, payload_hash)
                .try_invoke()
            {
                Ok(Ok(Ok(_))) => Ok(()),
                _ => Err(Error::LogFailed),
            }
        }
    }

    impl ReviewRounds for PeerReview {
        /// Opens the round of `(proposal, revision)`, copying in `rules`; the review
        /// window is `[now, closes_at]`, and reviewers need weight at `now - 1`. A later
        /// revision of the same proposal opens a fresh round and makes earlier ones stale
        /// (still readable, no more reviews). Appends `ReviewRoundOpened` to the log with
        /// payload `blake2_256(SCALE((revision, author, content_hash, opened_at,
        /// closes_at, rules)))`.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `InvalidId` (proposal or revision 0),
        /// `RoundExists`, `StaleRevision` (an older revision than the latest round's),
        /// `InvalidRules` (undefined perspectives, `min_reviews > MAX_MIN_REVIEWS`),
        /// `InvalidCloseBlock` (not after now, or more than `MAX_WINDOW` after),
        /// `LogFailed`. Event: `RoundOpened`.
        #[ink(message)]
        fn open_round(
            &mut self,
            proposal: ProposalId,
            revision: Revision,
            author: AccountId,
            content_hash: Hash32,
            closes_at: BlockNumber,
            rules: ReviewRules,
        ) -> Result<()> {
            let payload = self.open(proposal, revision, author, content_hash, closes_at, rules)?;
            self.append_log(LogKind::ReviewRoundOpened, proposal, payload)
        }

        /// Closes the round once its window is over (from block `closes_at + 1` on),
        /// freezing its reviews and outcome, and returns the outcome. Appends
        /// `ReviewRoundClosed` to the log with payload
        /// `blake2_256(SCALE((revision, outcome)))`, the outcome carrying the transcript.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `UnknownRound`, `RoundClosed`,
        /// `RoundStillOpen`, `LogFailed`. Event: `RoundClosed`.
        #[ink(message)]
        fn close_round(
            &mut self,
            proposal: ProposalId,
            revision: Revision,
        ) -> Result<RoundOutcome> {
            let outcome = self.close(proposal, revision)?;
            self.log_round_closed(proposal, revision, outcome)
        }

        /// Freezes the round of a revision the author replaced (or of a proposal withdrawn)
        /// without waiting for its window: no review can be added to it any more, its
        /// outcome is final, and its reviewers can `settle`. Appends `ReviewRoundClosed` as
        /// `close_round` does. The hub calls it for the previous revision when it opens the
        /// next round, and for the current one on cancel.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `UnknownRound`, `RoundClosed`,
        /// `LogFailed`. Event: `RoundClosed`.
        #[ink(message)]
        fn supersede_round(
            &mut self,
            proposal: ProposalId,
            revision: Revision,
        ) -> Result<RoundOutcome> {
            let outcome = self.supersede(proposal, revision)?;
            self.log_round_closed(proposal, revision, outcome)
        }

        /// The round's outcome as it stands (final once closed): counts of latest
        /// verdicts, perspectives covered, score sum, whether the rules are met, whether
        /// closed, the transcript. Anyone may call.
        ///
        /// Errors: `UnknownRound`.
        #[ink(message)]
        fn round_outcome(&self, proposal: ProposalId, revision: Revision) -> Result<RoundOutcome> {
            self.find_round(proposal, revision).map(|r| r.outcome())
        }

        /// Number of rounds ever opened, in O(1). The hub records the bootstrap only while
        /// it is 0: a round opened by the deployer before the handover would make the first
        /// proposal's `open_round` fail with `RoundExists` forever. Anyone may call.
        #[ink(message)]
        fn rounds_opened(&self) -> u32 {
            self.rounds_opened
        }
    }

    impl Governed for PeerReview {
        /// The account holding peer review's privileges (opening and closing rounds; the hub after
        /// bootstrap). Anyone may call.
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

        /// Takes the role offered to the caller, for good: the old admin keeps nothing.
        ///
        /// Caller: the offered account. Errors: `NoOffer`, `NotOffered`. Event:
        /// `AdminTransferred`.
        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AdminError> {
            let transferred = self.admin.accept(self.env().caller())?;
            self.env().emit_event(transferred);
            Ok(())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use agora_types::{
            transcript_of, Member, MemberKind, MemberProfile, MemberStatus, EMPTY_TRANSCRIPT,
            MAX_MIN_REVIEWS,
        };
        use ink::{
            env::{
                test::{self, DefaultAccounts},
                DefaultEnvironment,
            },
            scale::{Decode, Encode},
        };

        const P: ProposalId = 7;
        const REGISTRY: [u8; 32] = [0xAA; 32];
        const LOG: [u8; 32] = [0xBB; 32];

        fn accounts() -> DefaultAccounts<DefaultEnvironment> {
            test::default_accounts::<DefaultEnvironment>()
        }

        fn set_caller(account: AccountId) {
            test::set_caller::<DefaultEnvironment>(account);
        }

        fn advance_to(block: BlockNumber) {
            while ink::env::block_number::<DefaultEnvironment>() < block {
                test::advance_block::<DefaultEnvironment>();
            }
        }

        fn events() -> usize {
            test::recorded_events().count()
        }

        fn rules(min: u32, required: &[Perspective], max_rejections: u32) -> ReviewRules {
            ReviewRules {
                min_reviews: min,
                required_perspectives: required.iter().copied().collect(),
                max_rejections,
            }
        }

        /// A contract deployed by Alice at block 1.
        fn contract() -> PeerReview {
            advance_to(1);
            set_caller(accounts().alice);
            PeerReview::new(AccountId::from(REGISTRY), AccountId::from(LOG))
        }

        /// Opens `(P, revision)` as Alice, authored by Django, window up to `closes_at`
        /// (everything `open_round` does except its log entry).
        fn open(
            c: &mut PeerReview,
            revision: Revision,
            closes_at: BlockNumber,
            rules: ReviewRules,
        ) {
            set_caller(accounts().alice);
            c.open(
                P,
                revision,
                accounts().django,
                [revision as u8; 32],
                closes_at,
                rules,
            )
            .expect("round opens");
        }

        fn draft(
            reviewer: AccountId,
            revision: Revision,
            verdict: Verdict,
            score: u8,
            perspective: Perspective,
        ) -> Review {
            Review {
                proposal: P,
                revision,
                reviewer,
                version: 0,
                verdict,
                score,
                perspective,
                feedback_hash: [score; 32],
                feedback_uri: String::from("ipfs://feedback"),
                suggestion_hash: None,
                suggestion_uri: String::new(),
                submitted_at: ink::env::block_number::<DefaultEnvironment>(),
            }
        }

        /// Stands in for the registry: the reviewer had weight 1 at the snapshot and
        /// holds Safety, Creativity and Efficiency.
        fn registry_says_yes(
            _: &PeerReview,
            _: AccountId,
            _: BlockNumber,
            perspective: Perspective,
        ) -> Result<()> {
            PeerReview::ensure_eligible(
                1,
                Some(
                    member(&[
                        Perspective::Safety,
                        Perspective::Creativity,
                        Perspective::Efficiency,
                    ])
                    .profile
                    .perspectives,
                ),
                perspective,
            )
        }

        fn member(perspectives: &[Perspective]) -> Member {
            Member {
                account: accounts().eve,
                profile: MemberProfile {
                    kind: MemberKind::Human,
                    perspectives: perspectives.iter().copied().collect(),
                    weight: 1,
                    metadata_uri: String::new(),
                    operator: None,
                },
                signing_key: None,
                status: MemberStatus::Active,
                joined_at: 0,
            }
        }

        /// `submit_review` by `reviewer` with the registry stood in for.
        fn submit(
            c: &mut PeerReview,
            reviewer: AccountId,
            revision: Revision,
            verdict: Verdict,
            score: u8,
            perspective: Perspective,
        ) -> Result<u32> {
            set_caller(reviewer);
            c.submit(
                draft(reviewer, revision, verdict, score, perspective),
                registry_says_yes,
            )
        }

        /// `submit_review` itself, for paths that fail before the registry is asked.
        fn submit_message(
            c: &mut PeerReview,
            reviewer: AccountId,
            revision: Revision,
            score: u8,
            feedback_uri: String,
            suggestion: (Option<Hash32>, String),
        ) -> Result<u32> {
            set_caller(reviewer);
            c.submit_review(
                P,
                revision,
                Verdict::Approve,
                score,
                Perspective::Safety,
                [1; 32],
                feedback_uri,
                suggestion.0,
                suggestion.1,
            )
        }

        fn all_versions(c: &PeerReview, revision: Revision) -> Vec<Review> {
            let mut all = Vec::new();
            loop {
                let page = c
                    .reviews(P, revision, all.len() as u32, MAX_PAGE)
                    .expect("page");
                if page.is_empty() {
                    return all;
                }
                all.extend(page);
            }
        }

        #[ink::test]
        fn new_records_admin_registry_and_log() {
            let c = contract();
            assert_eq!(c.admin(), accounts().alice);
            assert_eq!(c.registry(), AccountId::from(REGISTRY));
            assert_eq!(c.log(), AccountId::from(LOG));
            assert_eq!(c.latest_revision(P), None);
            assert_eq!(c.reviewer_record(accounts().bob), ReviewerRecord::default());
        }

        #[ink::test]
        fn open_stores_the_round_with_its_rules_and_window() {
            let mut c = contract();
            advance_to(4);
            let r = rules(3, &[Perspective::Safety], 1);
            let before = events();
            set_caller(accounts().alice);
            let payload = c
                .open(P, 1, accounts().django, [1; 32], 20, r)
                .expect("opens");
            let round = c.round(P, 1).expect("stored");
            assert_eq!(
                round,
                ReviewRound::new(accounts().django, [1; 32], 4, 20, r)
            );
            assert_eq!(payload, agora_types::round_opened_payload(1, &round));
            assert_eq!(c.latest_revision(P), Some(1));
            assert_eq!(events(), before + 1);
            let outcome = c.round_outcome(P, 1).expect("outcome");
            assert_eq!(outcome.transcript, EMPTY_TRANSCRIPT);
            assert!(!outcome.rules_met && !outcome.closed);
        }

        #[ink::test]
        fn open_round_by_anyone_but_the_admin_fails() {
            let mut c = contract();
            set_caller(accounts().bob);
            assert_eq!(
                c.open_round(P, 1, accounts().django, [1; 32], 10, rules(1, &[], 0)),
                Err(Error::NotAdmin)
            );
            assert_eq!(c.round(P, 1), None);
        }

        #[ink::test]
        fn open_round_refuses_bad_input_and_changes_nothing() {
            let mut c = contract();
            advance_to(10);
            set_caller(accounts().alice);
            let ok = rules(2, &[Perspective::Safety], 0);
            let undefined = ReviewRules {
                required_perspectives: PerspectiveSet(1 << 12),
                ..ok
            };
            let too_many = rules(MAX_MIN_REVIEWS + 1, &[], 0);
            let cases = [
                (0, 1, 20, ok, Error::InvalidId),
                (P, 0, 20, ok, Error::InvalidId),
                (P, 1, 20, undefined, Error::InvalidRules),
                (P, 1, 20, too_many, Error::InvalidRules),
                (P, 1, 10, ok, Error::InvalidCloseBlock),
                (P, 1, 9, ok, Error::InvalidCloseBlock),
                (P, 1, 10 + MAX_WINDOW + 1, ok, Error::InvalidCloseBlock),
            ];
            let before = events();
            for (proposal, revision, closes_at, rules, error) in cases {
                assert_eq!(
                    c.open_round(
                        proposal,
                        revision,
                        accounts().django,
                        [1; 32],
                        closes_at,
                        rules
                    ),
                    Err(error),
                    "{proposal}/{revision} closing at {closes_at}"
                );
            }
            assert_eq!((c.round(P, 1), c.latest_revision(P)), (None, None));
            assert_eq!(c.rounds_opened(), 0);
            assert_eq!(events(), before);
            // The bounds themselves are accepted.
            c.open(
                P,
                1,
                accounts().django,
                [1; 32],
                10 + MAX_WINDOW,
                rules(MAX_MIN_REVIEWS, &[], 0),
            )
            .expect("widest window and largest minimum");
        }

        #[ink::test]
        fn opening_an_existing_or_older_revision_fails() {
            let mut c = contract();
            open(&mut c, 2, 20, rules(1, &[], 0));
            set_caller(accounts().alice);
            assert_eq!(
                c.open_round(P, 2, accounts().django, [2; 32], 20, rules(1, &[], 0)),
                Err(Error::RoundExists)
            );
            assert_eq!(
                c.open_round(P, 1, accounts().django, [1; 32], 20, rules(1, &[], 0)),
                Err(Error::StaleRevision)
            );
            assert_eq!(c.round(P, 1), None);
            assert_eq!(c.latest_revision(P), Some(2));
            assert_eq!(c.rounds_opened(), 1, "refused openings are not counted");
        }

        #[ink::test]
        fn a_new_revision_opens_a_fresh_round_and_the_old_one_stays_readable() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 20, rules(1, &[], 0));
            advance_to(3);
            submit(
                &mut c,
                accounts().bob,
                1,
                Verdict::RequestChanges,
                40,
                Perspective::Safety,
            )
            .expect("reviewed rev 1");
            open(&mut c, 2, 30, rules(1, &[], 0));
            assert_eq!(c.latest_revision(P), Some(2));
            assert_eq!(
                submit(
                    &mut c,
                    accounts().bob,
                    1,
                    Verdict::Approve,
                    90,
                    Perspective::Safety
                ),
                Err(Error::StaleRevision)
            );
            assert_eq!(c.round_outcome(P, 1).map(|o| o.change_requests), Ok(1));
            assert_eq!(c.review(P, 1, accounts().bob).map(|r| r.score), Some(40));
            assert_eq!(c.round_outcome(P, 2).map(|o| o.reviews), Ok(0));
            assert_eq!(
                submit(
                    &mut c,
                    accounts().bob,
                    2,
                    Verdict::Approve,
                    90,
                    Perspective::Safety
                ),
                Ok(1)
            );
        }

        #[ink::test]
        fn submit_review_refuses_bad_input_before_reading_anything() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 20, rules(1, &[], 0));
            let bob = accounts().bob;
            let long = "u".repeat(MAX_URI_LEN + 1);
            let none = || (None, String::new());
            let cases = [
                (101, String::new(), none(), Error::ScoreOutOfRange),
                (u8::MAX, String::new(), none(), Error::ScoreOutOfRange),
                (50, long.clone(), none(), Error::UriTooLong),
                (50, String::new(), (Some([2; 32]), long), Error::UriTooLong),
                (
                    50,
                    String::new(),
                    (None, "ipfs://s".into()),
                    Error::SuggestionUriWithoutHash,
                ),
            ];
            for (score, uri, suggestion, error) in cases {
                assert_eq!(
                    submit_message(&mut c, bob, 1, score, uri, suggestion),
                    Err(error)
                );
            }
            assert_eq!(c.review(P, 1, bob), None);
            assert_eq!(c.round(P, 1).map(|r| r.versions), Some(0));
        }

        #[ink::test]
        fn submit_review_checks_the_round_before_the_registry() {
            let mut c = contract();
            advance_to(2);
            let none = || (None, String::new());
            let bob = accounts().bob;
            assert_eq!(
                submit_message(&mut c, bob, 1, 50, String::new(), none()),
                Err(Error::UnknownRound)
            );
            open(&mut c, 1, 5, rules(1, &[], 0));
            assert_eq!(
                submit_message(&mut c, accounts().django, 1, 50, String::new(), none()),
                Err(Error::AuthorCannotReview)
            );
            advance_to(6);
            assert_eq!(
                submit_message(&mut c, bob, 1, 50, String::new(), none()),
                Err(Error::ReviewWindowOver)
            );
            set_caller(accounts().alice);
            c.close(P, 1).expect("closed");
            assert_eq!(
                submit_message(&mut c, bob, 1, 50, String::new(), none()),
                Err(Error::RoundClosed)
            );
        }

        #[ink::test]
        fn the_last_block_of_the_window_still_takes_reviews() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 5, rules(1, &[], 0));
            advance_to(5);
            assert_eq!(
                submit(
                    &mut c,
                    accounts().bob,
                    1,
                    Verdict::Approve,
                    80,
                    Perspective::Safety
                ),
                Ok(1)
            );
        }

        #[ink::test]
        fn a_round_opened_at_block_zero_has_no_eligible_reviewer() {
            let mut c = contract();
            test::set_block_number::<DefaultEnvironment>(0);
            open(&mut c, 1, 5, rules(1, &[], 0));
            assert_eq!(
                submit_message(
                    &mut c,
                    accounts().bob,
                    1,
                    50,
                    String::new(),
                    (None, String::new())
                ),
                Err(Error::NotEligible)
            );
        }

        #[ink::test]
        fn eligibility_needs_weight_and_the_stated_perspective() {
            let safety = member(&[Perspective::Safety]);
            assert_eq!(
                PeerReview::ensure_eligible(
                    0,
                    Some(safety.profile.perspectives),
                    Perspective::Safety
                ),
                Err(Error::NotEligible)
            );
            assert_eq!(
                PeerReview::ensure_eligible(
                    5,
                    Some(safety.profile.perspectives),
                    Perspective::Ethics
                ),
                Err(Error::PerspectiveNotHeld)
            );
            assert_eq!(
                PeerReview::ensure_eligible(5, None, Perspective::Safety),
                Err(Error::RegistryUnavailable)
            );
            assert_eq!(
                PeerReview::ensure_eligible(
                    5,
                    Some(safety.profile.perspectives),
                    Perspective::Safety
                ),
                Ok(())
            );
        }

        #[ink::test]
        fn the_registry_is_asked_about_the_block_before_opening() {
            let mut c = contract();
            advance_to(6);
            open(&mut c, 1, 20, rules(1, &[], 0));
            advance_to(9);
            let bob = accounts().bob;
            set_caller(bob);
            let asked = c.submit(
                draft(bob, 1, Verdict::Approve, 60, Perspective::Ethics),
                |_, reviewer, snapshot, perspective| {
                    assert_eq!(
                        (reviewer, snapshot, perspective),
                        (bob, 5, Perspective::Ethics)
                    );
                    Err(Error::PerspectiveNotHeld)
                },
            );
            assert_eq!(asked, Err(Error::PerspectiveNotHeld));
            assert_eq!(c.round(P, 1).map(|r| r.versions), Some(0));
            assert_eq!(c.reviewer_record(bob), ReviewerRecord::default());
        }

        #[ink::test]
        fn first_review_is_counted_recorded_and_chained() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 20, rules(1, &[], 0));
            advance_to(3);
            let bob = accounts().bob;
            let before = events();
            assert_eq!(
                submit(&mut c, bob, 1, Verdict::Approve, 80, Perspective::Safety),
                Ok(1)
            );
            assert_eq!(events(), before + 1);
            let stored = c.review(P, 1, bob).expect("stored");
            assert_eq!(
                stored,
                Review {
                    version: 1,
                    ..draft(bob, 1, Verdict::Approve, 80, Perspective::Safety)
                }
            );
            let outcome = c.round_outcome(P, 1).expect("outcome");
            assert_eq!(
                (
                    outcome.reviews,
                    outcome.approvals,
                    outcome.score_sum,
                    outcome.rules_met
                ),
                (1, 1, 80, true)
            );
            assert_eq!(
                outcome.perspectives_covered,
                PerspectiveSet::of(Perspective::Safety)
            );
            assert_eq!(outcome.transcript, transcript_of([&stored]));
            assert_eq!(
                c.round_reviewer(P, 1, bob),
                Some(RoundReviewer {
                    latest: 0,
                    versions: 1,
                    counted: stored.counted(),
                    settled: false
                })
            );
            assert_eq!(c.reviewer_record(bob).reviews_given, 1);
        }

        #[ink::test]
        fn an_amendment_adds_a_version_and_moves_latest_and_counts() {
            let mut c = contract();
            advance_to(2);
            open(
                &mut c,
                1,
                20,
                rules(2, &[Perspective::Safety, Perspective::Efficiency], 0),
            );
            let (bob, charlie) = (accounts().bob, accounts().charlie);
            submit(&mut c, bob, 1, Verdict::Reject, 10, Perspective::Safety).expect("bob");
            submit(
                &mut c,
                charlie,
                1,
                Verdict::Approve,
                90,
                Perspective::Creativity,
            )
            .expect("charlie");
            let outcome = c.round_outcome(P, 1).expect("outcome");
            assert_eq!((outcome.rejections, outcome.rules_met), (1, false));

            advance_to(4);
            assert_eq!(
                submit(
                    &mut c,
                    charlie,
                    1,
                    Verdict::Approve,
                    70,
                    Perspective::Efficiency
                ),
                Ok(2)
            );
            assert_eq!(
                submit(&mut c, bob, 1, Verdict::Approve, 60, Perspective::Safety),
                Ok(2)
            );
            let outcome = c.round_outcome(P, 1).expect("outcome");
            assert_eq!(
                (
                    outcome.reviews,
                    outcome.approvals,
                    outcome.rejections,
                    outcome.score_sum,
                    outcome.rules_met
                ),
                (2, 2, 0, 130, true)
            );
            assert_eq!(
                outcome.perspectives_covered,
                PerspectiveSet::of(Perspective::Safety).with(Perspective::Efficiency),
                "Creativity left with charlie's amendment"
            );
            let round = c.round(P, 1).expect("round");
            assert_eq!(round.perspective_counts[Perspective::Creativity.index()], 0);
            assert_eq!(round.versions, 4);

            let latest = c.review(P, 1, charlie).expect("latest");
            assert_eq!((latest.version, latest.score), (2, 70));
            assert_eq!(c.round_reviewer(P, 1, charlie).map(|s| s.latest), Some(2));
            let all = all_versions(&c, 1);
            assert_eq!(
                all.iter()
                    .map(|r| (r.reviewer, r.version))
                    .collect::<Vec<_>>(),
                vec![(bob, 1), (charlie, 1), (charlie, 2), (bob, 2)]
            );
            assert_eq!(outcome.transcript, transcript_of(&all));
            assert_eq!(
                c.reviewer_record(charlie).reviews_given,
                1,
                "counted once per round"
            );
        }

        #[ink::test]
        fn a_reviewer_cannot_store_more_than_the_version_bound() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 20, rules(1, &[], 0));
            let bob = accounts().bob;
            for v in 1..=MAX_VERSIONS_PER_REVIEWER {
                assert_eq!(
                    submit(
                        &mut c,
                        bob,
                        1,
                        Verdict::Approve,
                        v as u8,
                        Perspective::Safety
                    ),
                    Ok(v)
                );
            }
            let transcript = c.round(P, 1).map(|r| r.transcript);
            assert_eq!(
                submit(&mut c, bob, 1, Verdict::Reject, 0, Perspective::Safety),
                Err(Error::TooManyVersions)
            );
            assert_eq!(c.round(P, 1).map(|r| r.transcript), transcript);
            assert_eq!(
                c.review(P, 1, bob).map(|r| r.version),
                Some(MAX_VERSIONS_PER_REVIEWER)
            );
        }

        #[ink::test]
        fn a_full_round_takes_no_more_versions() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 20, rules(1, &[], 0));
            let mut round = c.round(P, 1).expect("round");
            round.versions = MAX_VERSIONS_PER_ROUND;
            c.rounds.insert((P, 1), &round);
            assert_eq!(
                submit(
                    &mut c,
                    accounts().bob,
                    1,
                    Verdict::Approve,
                    1,
                    Perspective::Safety
                ),
                Err(Error::RoundFull)
            );
        }

        #[ink::test]
        fn rules_are_met_only_when_required_perspectives_are_covered() {
            let mut c = contract();
            advance_to(2);
            open(
                &mut c,
                1,
                20,
                rules(3, &[Perspective::Safety, Perspective::Efficiency], 0),
            );
            for seed in 10..13u8 {
                let who = AccountId::from([seed; 32]);
                submit(
                    &mut c,
                    who,
                    1,
                    Verdict::Approve,
                    75,
                    Perspective::Creativity,
                )
                .expect("creativity");
            }
            let outcome = c.round_outcome(P, 1).expect("outcome");
            assert_eq!(
                (outcome.reviews, outcome.approvals, outcome.rules_met),
                (3, 3, false)
            );
            submit(
                &mut c,
                AccountId::from([20; 32]),
                1,
                Verdict::Approve,
                80,
                Perspective::Safety,
            )
            .expect("safety");
            assert_eq!(c.round_outcome(P, 1).map(|o| o.rules_met), Ok(false));
            submit(
                &mut c,
                AccountId::from([21; 32]),
                1,
                Verdict::Approve,
                90,
                Perspective::Efficiency,
            )
            .expect("efficiency");
            let outcome = c.round_outcome(P, 1).expect("outcome");
            assert!(outcome.rules_met);
            assert_eq!(outcome.mean_score(), Some(79));
        }

        #[ink::test]
        fn too_many_rejections_fail_the_rules() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 20, rules(1, &[], 1));
            submit(
                &mut c,
                accounts().bob,
                1,
                Verdict::Reject,
                0,
                Perspective::Safety,
            )
            .expect("1");
            assert_eq!(c.round_outcome(P, 1).map(|o| o.rules_met), Ok(true));
            submit(
                &mut c,
                accounts().charlie,
                1,
                Verdict::Reject,
                0,
                Perspective::Safety,
            )
            .expect("2");
            assert_eq!(c.round_outcome(P, 1).map(|o| o.rules_met), Ok(false));
        }

        #[ink::test]
        fn reviews_pages_every_version_in_order_within_bounds() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 20, rules(1, &[], 0));
            for seed in 0..30u8 {
                let who = AccountId::from([seed + 40; 32]);
                submit(&mut c, who, 1, Verdict::Approve, seed, Perspective::Safety)
                    .expect("review");
            }
            let page = c.reviews(P, 1, 5, 3).expect("page");
            assert_eq!(
                page.iter().map(|r| r.score).collect::<Vec<_>>(),
                vec![5, 6, 7]
            );
            assert_eq!(c.reviews(P, 1, 28, MAX_PAGE).map(|p| p.len()), Ok(2));
            assert_eq!(c.reviews(P, 1, 30, MAX_PAGE).map(|p| p.len()), Ok(0));
            assert_eq!(c.reviews(P, 1, u32::MAX, MAX_PAGE).map(|p| p.len()), Ok(0));
            assert_eq!(c.reviews(P, 1, 0, MAX_PAGE + 1), Err(Error::LimitTooLarge));
            assert_eq!(c.reviews(P, 2, 0, 1), Err(Error::UnknownRound));
            assert_eq!(all_versions(&c, 1).len(), 30);
        }

        #[ink::test]
        fn a_full_page_of_largest_reviews_fits_the_return_buffer() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 20, rules(1, &[], 0));
            for i in 0..MAX_PAGE {
                let who = AccountId::from([i as u8 + 100; 32]);
                set_caller(who);
                let review = Review {
                    feedback_uri: "f".repeat(MAX_URI_LEN),
                    suggestion_hash: Some([0xFF; 32]),
                    suggestion_uri: "s".repeat(MAX_URI_LEN),
                    ..draft(
                        who,
                        1,
                        Verdict::RequestChanges,
                        MAX_SCORE,
                        Perspective::Technical,
                    )
                };
                c.submit(review, |_, _, _, _| Ok(()))
                    .expect("largest review");
            }
            let page = c.reviews(P, 1, 0, MAX_PAGE).expect("full page");
            assert_eq!(page.len(), MAX_PAGE as usize);
            assert_eq!(page[0].encoded_size(), 632, "the largest version");
            let encoded = Ok::<_, ink::LangError>(Ok::<_, Error>(page)).encode().len();
            assert!(
                encoded < 16 * 1024,
                "a full page encodes to {encoded} bytes"
            );
        }

        #[ink::test]
        fn close_round_refuses_early_unknown_repeated_and_foreign_calls() {
            let mut c = contract();
            advance_to(2);
            set_caller(accounts().alice);
            assert_eq!(c.close_round(P, 1), Err(Error::UnknownRound));
            open(&mut c, 1, 5, rules(1, &[], 0));
            advance_to(5);
            set_caller(accounts().alice);
            assert_eq!(c.close_round(P, 1), Err(Error::RoundStillOpen));
            advance_to(6);
            set_caller(accounts().bob);
            assert_eq!(c.close_round(P, 1), Err(Error::NotAdmin));
            assert_eq!(c.round_outcome(P, 1).map(|o| o.closed), Ok(false));
            set_caller(accounts().alice);
            c.close(P, 1).expect("closed");
            assert_eq!(c.close_round(P, 1), Err(Error::RoundClosed));
        }

        #[ink::test]
        fn superseding_freezes_a_round_before_its_window_ends_and_lets_reviewers_settle() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 50, rules(2, &[], 0));
            let bob = accounts().bob;
            submit(
                &mut c,
                bob,
                1,
                Verdict::RequestChanges,
                40,
                Perspective::Safety,
            )
            .expect("review");
            set_caller(bob);
            assert_eq!(c.supersede(P, 1), Err(Error::NotAdmin));
            set_caller(accounts().alice);
            assert_eq!(c.supersede(P, 9), Err(Error::UnknownRound));
            let outcome = c.supersede(P, 1).expect("superseded");
            assert!(outcome.closed && !outcome.rules_met);
            assert_eq!(c.supersede(P, 1), Err(Error::RoundClosed));
            assert_eq!(
                submit(
                    &mut c,
                    accounts().charlie,
                    1,
                    Verdict::Approve,
                    90,
                    Perspective::Safety
                ),
                Err(Error::RoundClosed)
            );
            // The round is frozen, so Bob's review can be settled.
            assert!(c.settle(P, 1, bob).is_ok());
            assert_eq!(c.reviewer_record(bob).settled, 1);
        }

        #[ink::test]
        fn closing_freezes_the_round_and_its_outcome() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 5, rules(1, &[], 0));
            submit(
                &mut c,
                accounts().bob,
                1,
                Verdict::Approve,
                88,
                Perspective::Safety,
            )
            .expect("review");
            advance_to(6);
            set_caller(accounts().alice);
            let before = events();
            let outcome = c.close(P, 1).expect("closed");
            assert_eq!(events(), before + 1);
            assert!(outcome.closed && outcome.rules_met);
            assert_eq!(c.round_outcome(P, 1), Ok(outcome));
            let event = test::recorded_events().last().expect("event");
            let decoded = RoundClosed::decode(&mut &event.data[..]).expect("RoundClosed");
            assert_eq!((decoded.proposal, decoded.revision), (P, 1));
            assert_eq!(decoded.outcome, outcome);
            assert_eq!(
                agora_types::round_closed_payload(1, &outcome),
                agora_types::blake2_256(&(1u32, outcome).encode())
            );
        }

        #[ink::test]
        fn settle_counts_agreement_once_per_reviewer_after_close() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 5, rules(2, &[], 0));
            let (bob, charlie, eve) = (accounts().bob, accounts().charlie, accounts().eve);
            assert_eq!(c.settle(P, 2, bob), Err(Error::UnknownRound));
            submit(&mut c, bob, 1, Verdict::Approve, 90, Perspective::Safety).expect("bob");
            submit(&mut c, charlie, 1, Verdict::Reject, 20, Perspective::Safety).expect("charlie");
            submit(
                &mut c,
                charlie,
                1,
                Verdict::Approve,
                70,
                Perspective::Safety,
            )
            .expect("charlie amends");
            assert_eq!(c.settle(P, 1, bob), Err(Error::RoundNotClosed));
            advance_to(6);
            assert_eq!(
                c.settle(P, 1, bob),
                Err(Error::RoundNotClosed),
                "window over, not closed"
            );
            set_caller(accounts().alice);
            assert!(c.close(P, 1).expect("closed").rules_met);

            set_caller(eve);
            let before = events();
            assert_eq!(c.settle(P, 1, bob), Ok(true));
            assert_eq!(
                c.settle(P, 1, charlie),
                Ok(true),
                "the latest verdict counts"
            );
            assert_eq!(events(), before + 2);
            assert_eq!(c.settle(P, 1, bob), Err(Error::AlreadySettled));
            assert_eq!(c.settle(P, 1, eve), Err(Error::NoReview));
            assert_eq!(
                c.reviewer_record(bob),
                ReviewerRecord {
                    reviews_given: 1,
                    settled: 1,
                    agreed: 1
                }
            );
            assert_eq!(c.round_reviewer(P, 1, bob).map(|s| s.settled), Some(true));
        }

        #[ink::test]
        fn rejecting_a_failed_round_agrees_and_approving_it_does_not() {
            let mut c = contract();
            advance_to(2);
            open(&mut c, 1, 5, rules(3, &[], 0));
            let (bob, charlie) = (accounts().bob, accounts().charlie);
            submit(&mut c, bob, 1, Verdict::Approve, 90, Perspective::Safety).expect("bob");
            submit(
                &mut c,
                charlie,
                1,
                Verdict::RequestChanges,
                50,
                Perspective::Safety,
            )
            .expect("charlie");
            advance_to(6);
            set_caller(accounts().alice);
            assert!(!c.close(P, 1).expect("closed").rules_met);
            assert_eq!(c.settle(P, 1, bob), Ok(false));
            assert_eq!(c.settle(P, 1, charlie), Ok(true));
            assert_eq!(
                c.reviewer_record(bob),
                ReviewerRecord {
                    reviews_given: 1,
                    settled: 1,
                    agreed: 0
                }
            );
        }

        #[ink::test]
        fn round_outcome_of_an_unknown_round_fails() {
            let c = contract();
            assert_eq!(c.round_outcome(P, 1), Err(Error::UnknownRound));
            assert_eq!(c.review(P, 1, accounts().bob), None);
            assert_eq!(c.round_reviewer(P, 1, accounts().bob), None);
        }

        #[ink::test]
        fn the_admin_role_passes_on_acceptance_for_good() {
            let mut c = contract();
            let (alice, bob) = (accounts().alice, accounts().bob);
            let before = events();
            assert_eq!(c.transfer_admin(bob), Ok(()));
            assert_eq!(events(), before + 1);
            assert_eq!((c.admin(), c.pending_admin()), (alice, Some(bob)));
            set_caller(bob);
            assert_eq!(c.accept_admin(), Ok(()));
            assert_eq!(events(), before + 2);
            assert_eq!(c.admin(), bob);
            set_caller(alice);
            assert_eq!(c.transfer_admin(alice), Err(AdminError::NotAdmin));
            assert_eq!(
                c.open_round(P, 1, accounts().django, [1; 32], 10, rules(1, &[], 0)),
                Err(Error::NotAdmin)
            );
            set_caller(bob);
            c.open(P, 1, accounts().django, [1; 32], 10, rules(1, &[], 0))
                .expect("the new admin opens");
        }
    }
}
