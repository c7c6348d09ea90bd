//! Review rounds: rules copied in when a round opens, verdicts, review records, the round's
//! counters and outcome, the transcript rule, the reviewer record and errors.
//!
//! The counting lives here, outside the contract, so that the hub, the CLI and auditors
//! apply exactly the rules the peer-review contract applies.

use crate::{
    blake2_256, BlockNumber, Hash32, Perspective, PerspectiveSet, ProposalId, Revision,
    PERSPECTIVE_COUNT,
};
use ink::{
    prelude::{string::String, vec::Vec},
    primitives::AccountId,
    scale::Encode,
};

/// Highest score a review may give (scores are 0..=`MAX_SCORE`).
pub const MAX_SCORE: u8 = 100;
/// Largest `min_reviews` a round's rules may ask for.
pub const MAX_MIN_REVIEWS: u32 = 100;
/// Most versions (first review plus amendments) one reviewer may store in one round.
pub const MAX_VERSIONS_PER_REVIEWER: u32 = 16;
/// Most review versions one round stores. With scores of at most `MAX_SCORE` it keeps
/// every counter (and the score sum) far below `u32::MAX`.
pub const MAX_VERSIONS_PER_ROUND: u32 = 1_000_000;
/// Most review versions one peer-review `reviews` page returns. A version encodes to at most
/// 632 bytes (two `MAX_URI_LEN` URIs and a suggestion hash), so a full page (about 14.8 KiB)
/// fits ink's 16 KiB return buffer. Clients page by it.
pub const MAX_REVIEWS_PAGE: u32 = 24;
/// The transcript of a round without reviews.
pub const EMPTY_TRANSCRIPT: Hash32 = [0u8; 32];

/// What a review round needs to pass.
///
/// In a configuration read with `wire::params_from_config` a field left out is the one of
/// `HubParams::default().review_rules` (`min_reviews` 3, Safety required, one rejection
/// tolerated). `Default` itself is all zeros and empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReviewRules {
    /// Minimum number of distinct reviewers.
    pub min_reviews: u32,
    /// Perspectives that the reviews (their stated perspectives) must cover.
    pub required_perspectives: PerspectiveSet,
    /// Most `Reject` verdicts the round tolerates.
    pub max_rejections: u32,
}

impl ReviewRules {
    /// Whether the rules can be copied into a round: defined perspectives only and
    /// `min_reviews <= MAX_MIN_REVIEWS`.
    pub const fn is_valid(&self) -> bool {
        self.required_perspectives.is_valid() && self.min_reviews <= MAX_MIN_REVIEWS
    }
}

/// A reviewer's judgement of one revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Verdict {
    /// Ready for a vote as it is.
    Approve,
    /// Could pass after changes (see the review's suggestion).
    RequestChanges,
    /// Should not go to a vote.
    Reject,
}

impl Verdict {
    /// Whether this verdict agreed with a closed round whose rules were (`rules_met`) or
    /// were not met: `Approve` agrees with a round that passed, `RequestChanges` and
    /// `Reject` agree with a round that did not.
    pub const fn agrees_with(self, rules_met: bool) -> bool {
        match self {
            Verdict::Approve => rules_met,
            Verdict::RequestChanges | Verdict::Reject => !rules_met,
        }
    }
}

/// One stored version of a review. Versions are never changed or deleted: an amendment
/// stores a new one with the next `version` number.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Review {
    /// The proposal reviewed.
    pub proposal: ProposalId,
    /// The revision reviewed.
    pub revision: Revision,
    /// Who wrote the review.
    pub reviewer: AccountId,
    /// 1 for the first review, then one more per amendment.
    pub version: u32,
    /// Approve, RequestChanges or Reject.
    pub verdict: Verdict,
    /// 0..=`MAX_SCORE`.
    pub score: u8,
    /// The perspective the review is written from (one the reviewer holds).
    pub perspective: Perspective,
    /// Hash of the feedback text.
    pub feedback_hash: Hash32,
    /// Where the feedback can be read (empty if nowhere); at most `MAX_URI_LEN` bytes.
    pub feedback_uri: String,
    /// Hash of a suggested modification, if the reviewer suggests one.
    pub suggestion_hash: Option<Hash32>,
    /// Where the suggestion can be read (empty if nowhere; only with a suggestion hash).
    pub suggestion_uri: String,
    /// Block the version was stored in.
    pub submitted_at: BlockNumber,
}

impl Review {
    /// What the round counts of this version.
    pub fn counted(&self) -> Counted {
        Counted {
            verdict: self.verdict,
            score: self.score,
            perspective: self.perspective,
        }
    }
}

/// The part of a review that the round's counters use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Counted {
    /// The verdict.
    pub verdict: Verdict,
    /// The score.
    pub score: u8,
    /// The stated perspective.
    pub perspective: Perspective,
}

/// A reviewer's place in one round: where their latest version is and whether their
/// verdict has been settled against the round's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RoundReviewer {
    /// Position (in the round's submission order) of the reviewer's latest version.
    pub latest: u32,
    /// Number of versions the reviewer stored in the round.
    pub versions: u32,
    /// What the round counts of the latest version.
    pub counted: Counted,
    /// Whether `settle` has run for this reviewer and round.
    pub settled: bool,
}

/// A reviewer's accountability record across rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ReviewerRecord {
    /// Rounds the reviewer reviewed in (counted once per round, on the first version).
    pub reviews_given: u32,
    /// Of those, rounds settled after they closed.
    pub settled: u32,
    /// Of the settled rounds, those where the latest verdict agreed with the outcome
    /// (see [`Verdict::agrees_with`]).
    pub agreed: u32,
}

/// A review round as the peer-review contract stores it: the copy of the rules, the window
/// and the counters over each reviewer's latest version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ReviewRound {
    /// The proposal's author, who may not review it.
    pub author: AccountId,
    /// Content hash of the revision under review.
    pub content_hash: Hash32,
    /// Block the round was opened in; reviewers need weight at `opened_at - 1`.
    pub opened_at: BlockNumber,
    /// Last block in which reviews are accepted; the round may close after it.
    pub closes_at: BlockNumber,
    /// The rules, copied in at opening and never changed.
    pub rules: ReviewRules,
    /// Distinct reviewers.
    pub reviews: u32,
    /// Latest verdicts that approve.
    pub approvals: u32,
    /// Latest verdicts that request changes.
    pub change_requests: u32,
    /// Latest verdicts that reject.
    pub rejections: u32,
    /// Latest reviews per perspective (index: `Perspective::index`).
    pub perspective_counts: [u32; PERSPECTIVE_COUNT],
    /// Perspectives with at least one latest review.
    pub perspectives_covered: PerspectiveSet,
    /// Sum of the latest scores.
    pub score_sum: u32,
    /// Stored versions (first reviews and amendments).
    pub versions: u32,
    /// Running hash over every stored version, in submission order.
    pub transcript: Hash32,
    /// Whether the round is closed (frozen).
    pub closed: bool,
}

impl ReviewRound {
    /// A round without reviews.
    pub const fn new(
        author: AccountId,
        content_hash: Hash32,
        opened_at: BlockNumber,
        closes_at: BlockNumber,
        rules: ReviewRules,
    ) -> Self {
        Self {
            author,
            content_hash,
            opened_at,
            closes_at,
            rules,
            reviews: 0,
            approvals: 0,
            change_requests: 0,
            rejections: 0,
            perspective_counts: [0; PERSPECTIVE_COUNT],
            perspectives_covered: PerspectiveSet::empty(),
            score_sum: 0,
            versions: 0,
            transcript: EMPTY_TRANSCRIPT,
            closed: false,
        }
    }

    /// Adds a latest version to the counters (a reviewer's first, or the replacement of
    /// one taken away with [`ReviewRound::uncount`]).
    ///
    /// Counters are bounded by `MAX_VERSIONS_PER_ROUND` (and the score sum by
    /// `MAX_VERSIONS_PER_ROUND * MAX_SCORE`), far below `u32::MAX`, so they saturate only
    /// in theory.
    pub fn count(&mut self, c: Counted) {
        let v = self.verdict_counter(c.verdict);
        *v = v.saturating_add(1);
        let n = &mut self.perspective_counts[c.perspective.index()];
        *n = n.saturating_add(1);
        self.perspectives_covered = self.perspectives_covered.with(c.perspective);
        self.score_sum = self.score_sum.saturating_add(u32::from(c.score));
    }

    /// Takes a version that stops being latest out of the counters. Only ever called with
    /// what `count` added before, so nothing underflows.
    pub fn uncount(&mut self, c: Counted) {
        let v = self.verdict_counter(c.verdict);
        *v = v.saturating_sub(1);
        let n = &mut self.perspective_counts[c.perspective.index()];
        *n = n.saturating_sub(1);
        if *n == 0 {
            self.perspectives_covered =
                PerspectiveSet(self.perspectives_covered.0 & !PerspectiveSet::of(c.perspective).0);
        }
        self.score_sum = self.score_sum.saturating_sub(u32::from(c.score));
    }

    fn verdict_counter(&mut self, verdict: Verdict) -> &mut u32 {
        match verdict {
            Verdict::Approve => &mut self.approvals,
            Verdict::RequestChanges => &mut self.change_requests,
            Verdict::Reject => &mut self.rejections,
        }
    }

    /// Whether the rules are met: at least `min_reviews` reviewers, every required
    /// perspective covered, at most `max_rejections` rejections.
    pub const fn rules_met(&self) -> bool {
        self.reviews >= self.rules.min_reviews
            && self
                .rules
                .required_perspectives
                .is_subset_of(self.perspectives_covered)
            && self.rejections <= self.rules.max_rejections
    }

    /// The round's outcome as it stands.
    pub const fn outcome(&self) -> RoundOutcome {
        RoundOutcome {
            reviews: self.reviews,
            approvals: self.approvals,
            change_requests: self.change_requests,
            rejections: self.rejections,
            perspectives_covered: self.perspectives_covered,
            score_sum: self.score_sum,
            rules_met: self.rules_met(),
            closed: self.closed,
            transcript: self.transcript,
        }
    }
}

/// The state of a review round, counted over each reviewer's latest review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RoundOutcome {
    /// Distinct reviewers.
    pub reviews: u32,
    /// Latest verdicts that approve.
    pub approvals: u32,
    /// Latest verdicts that request changes.
    pub change_requests: u32,
    /// Latest verdicts that reject.
    pub rejections: u32,
    /// Perspectives the latest reviews were written from.
    pub perspectives_covered: PerspectiveSet,
    /// Sum of the latest scores (mean = score_sum / reviews).
    pub score_sum: u32,
    /// Whether the round's rules are met.
    pub rules_met: bool,
    /// Whether the round is closed (frozen).
    pub closed: bool,
    /// Running hash over every review version in submission order.
    pub transcript: Hash32,
}

impl RoundOutcome {
    /// Mean of the latest scores, rounded down (`None` without reviews).
    pub const fn mean_score(&self) -> Option<u32> {
        self.score_sum.checked_div(self.reviews)
    }
}

/// The transcript after `review`: `blake2_256(prev ++ SCALE(review))`. A round's
/// transcript starts at [`EMPTY_TRANSCRIPT`] and takes every stored version in order.
pub fn next_transcript(prev: &Hash32, review: &Review) -> Hash32 {
    let mut bytes = Vec::with_capacity(32usize.saturating_add(review.size_hint()));
    bytes.extend_from_slice(prev);
    review.encode_to(&mut bytes);
    blake2_256(&bytes)
}

/// The transcript of `reviews` (every version of a round, in submission order).
pub fn transcript_of<'a>(reviews: impl IntoIterator<Item = &'a Review>) -> Hash32 {
    reviews
        .into_iter()
        .fold(EMPTY_TRANSCRIPT, |prev, r| next_transcript(&prev, r))
}

/// Payload hash of a round's `ReviewRoundOpened` log entry:
/// `blake2_256(SCALE((revision, author, content_hash, opened_at, closes_at, rules)))`.
pub fn round_opened_payload(revision: Revision, round: &ReviewRound) -> Hash32 {
    blake2_256(
        &(
            revision,
            round.author,
            round.content_hash,
            round.opened_at,
            round.closes_at,
            round.rules,
        )
            .encode(),
    )
}

/// Payload hash of a round's `ReviewRoundClosed` log entry:
/// `blake2_256(SCALE((revision, outcome)))`, where the outcome is the frozen one
/// (`closed = true`) and carries the transcript.
pub fn round_closed_payload(revision: Revision, outcome: &RoundOutcome) -> Hash32 {
    blake2_256(&(revision, *outcome).encode())
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
    /// A later revision of the proposal has its own round; this one takes no reviews.
    StaleRevision,
    /// The round is not closed yet (settling needs its final outcome).
    RoundNotClosed,
    /// Proposal ids and revisions start at 1.
    InvalidId,
    /// A suggestion URI was given without a suggestion hash.
    SuggestionUriWithoutHash,
    /// The reviewer stored `MAX_VERSIONS_PER_REVIEWER` versions in this round already.
    TooManyVersions,
    /// The round stores `MAX_VERSIONS_PER_ROUND` versions already.
    RoundFull,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(reviewer: u8, version: u32, verdict: Verdict, p: Perspective) -> Review {
        Review {
            proposal: 1,
            revision: 1,
            reviewer: AccountId::from([reviewer; 32]),
            version,
            verdict,
            score: 70,
            perspective: p,
            feedback_hash: [reviewer; 32],
            feedback_uri: String::new(),
            suggestion_hash: None,
            suggestion_uri: String::new(),
            submitted_at: 3,
        }
    }

    fn rules(min: u32, required: &[Perspective], max_rejections: u32) -> ReviewRules {
        ReviewRules {
            min_reviews: min,
            required_perspectives: required.iter().copied().collect(),
            max_rejections,
        }
    }

    fn round(rules: ReviewRules) -> ReviewRound {
        ReviewRound::new(AccountId::from([0; 32]), [9; 32], 5, 10, rules)
    }

    #[test]
    fn rules_validity_checks_bits_and_min_reviews() {
        assert!(rules(MAX_MIN_REVIEWS, &[Perspective::Safety], 0).is_valid());
        assert!(!rules(MAX_MIN_REVIEWS + 1, &[], 0).is_valid());
        let undefined = ReviewRules {
            required_perspectives: PerspectiveSet(1 << PERSPECTIVE_COUNT),
            ..ReviewRules::default()
        };
        assert!(!undefined.is_valid());
    }

    #[test]
    fn approve_agrees_with_a_passed_round_and_the_others_with_a_failed_one() {
        assert!(Verdict::Approve.agrees_with(true));
        assert!(!Verdict::Approve.agrees_with(false));
        for v in [Verdict::RequestChanges, Verdict::Reject] {
            assert!(v.agrees_with(false));
            assert!(!v.agrees_with(true));
        }
    }

    #[test]
    fn rules_need_count_coverage_and_few_rejections() {
        let mut r = round(rules(3, &[Perspective::Safety, Perspective::Efficiency], 1));
        for _ in 0..3 {
            r.reviews += 1;
            r.count(review(1, 1, Verdict::Approve, Perspective::Creativity).counted());
        }
        assert!(
            !r.rules_met(),
            "three creativity reviews cover nothing required"
        );
        r.reviews += 1;
        r.count(review(2, 1, Verdict::Reject, Perspective::Safety).counted());
        assert!(!r.rules_met(), "efficiency still missing");
        r.reviews += 1;
        r.count(review(3, 1, Verdict::Reject, Perspective::Efficiency).counted());
        assert!(!r.rules_met(), "two rejections, one tolerated");
        r.uncount(review(3, 1, Verdict::Reject, Perspective::Efficiency).counted());
        r.count(review(3, 2, Verdict::Approve, Perspective::Efficiency).counted());
        assert!(r.rules_met());
        let outcome = r.outcome();
        assert_eq!(
            (outcome.approvals, outcome.rejections, outcome.reviews),
            (4, 1, 5)
        );
        assert_eq!(outcome.mean_score(), Some(70));
    }

    #[test]
    fn uncount_clears_a_perspective_only_when_its_last_review_moves() {
        let mut r = round(ReviewRules::default());
        let safety = review(1, 1, Verdict::Approve, Perspective::Safety).counted();
        r.count(safety);
        r.count(safety);
        r.uncount(safety);
        assert!(r.perspectives_covered.contains(Perspective::Safety));
        r.uncount(safety);
        assert!(r.perspectives_covered.is_empty());
        assert_eq!(r.perspective_counts, [0; PERSPECTIVE_COUNT]);
        assert_eq!((r.approvals, r.score_sum), (0, 0));
    }

    #[test]
    fn transcript_chains_every_version_from_zero() {
        let a = review(1, 1, Verdict::Approve, Perspective::Safety);
        let b = review(1, 2, Verdict::Reject, Perspective::Safety);
        let mut bytes = EMPTY_TRANSCRIPT.to_vec();
        bytes.extend(a.encode());
        let first = blake2_256(&bytes);
        assert_eq!(next_transcript(&EMPTY_TRANSCRIPT, &a), first);
        let mut bytes = first.to_vec();
        bytes.extend(b.encode());
        assert_eq!(transcript_of([&a, &b]), blake2_256(&bytes));
        assert_ne!(transcript_of([&b, &a]), transcript_of([&a, &b]));
        assert_eq!(transcript_of([]), EMPTY_TRANSCRIPT);
    }

    #[test]
    fn close_payload_commits_to_revision_and_outcome() {
        let outcome = RoundOutcome {
            closed: true,
            ..RoundOutcome::default()
        };
        assert_eq!(
            round_closed_payload(2, &outcome),
            blake2_256(&(2u32, outcome).encode())
        );
        assert_ne!(
            round_closed_payload(2, &outcome),
            round_closed_payload(3, &outcome)
        );
    }

    #[test]
    fn mean_score_of_no_reviews_is_none() {
        assert_eq!(RoundOutcome::default().mean_score(), None);
    }
}
