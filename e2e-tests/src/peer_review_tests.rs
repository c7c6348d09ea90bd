//! Peer review deployed from its real bundle beside the real agent registry and decision
//! log. Alice deploys all three and stands in for the hub (the admin that opens and closes
//! rounds); the log authorizes the peer-review contract as a writer.

use crate::harness::{account, Chain};
use agora_types::{
    round_closed_payload, round_opened_payload, transcript_of, AdminError, Hash32, HashedEntry,
    KeyBinding, LogError, LogKind, MemberKind, MemberProfile, Perspective, PerspectiveSet,
    ProposalId, RegistryError, Review, ReviewError, ReviewRound, ReviewRules, ReviewerRecord,
    Revision, RoundOutcome, Subject, Verdict, MAX_SCORE, MAX_URI_LEN, MAX_VERSIONS_PER_REVIEWER,
    REVIEW_KINDS,
};
use ink::primitives::AccountId;
use scale::Encode;
use std::collections::BTreeMap;

#[drink::contract_bundle_provider]
pub enum BundleProvider {}

const TAG: &str = "agora-drink";
/// The bundle's page bound.
const MAX_PAGE: u32 = peer_review::peer_review::MAX_PAGE;
const P: ProposalId = 1;
const AUTHOR: u8 = 50;

/// The three contracts, deployed and wired as bootstrap wires them (admin: Alice).
struct Suite {
    chain: Chain,
    registry: AccountId,
    log: AccountId,
    review: AccountId,
}

fn hub() -> AccountId {
    Chain::alice()
}

fn profile(kind: MemberKind, perspectives: &[Perspective]) -> MemberProfile {
    MemberProfile {
        kind,
        perspectives: perspectives.iter().copied().collect(),
        weight: 10,
        metadata_uri: "ipfs://member".into(),
        operator: (kind == MemberKind::Agent).then(Chain::alice),
    }
}

fn rules(min: u32, required: &[Perspective], max_rejections: u32) -> ReviewRules {
    ReviewRules {
        min_reviews: min,
        required_perspectives: required.iter().copied().collect(),
        max_rejections,
    }
}

impl Suite {
    /// Registry, log and peer review deployed; the log lets peer review append when
    /// `authorize` is set.
    fn deploy(authorize: bool) -> Self {
        let mut chain = Chain::new();
        let registry = chain.deploy(
            &BundleProvider::AgentRegistry
                .bundle()
                .expect("registry bundle"),
            "new",
            String::from(TAG),
            hub(),
            &[],
        );
        let log = chain.deploy(
            &BundleProvider::DecisionLog.bundle().expect("log bundle"),
            "new",
            (),
            hub(),
            &[],
        );
        let review = chain.deploy(
            &BundleProvider::PeerReview
                .bundle()
                .expect("peer review bundle"),
            "new",
            (registry, log),
            hub(),
            &[],
        );
        if authorize {
            let authorized: Result<(), LogError> = chain
                .call(
                    log,
                    hub(),
                    "DecisionLog::authorize_writer",
                    (review, REVIEW_KINDS),
                )
                .expect("authorize_writer dispatches");
            assert_eq!(authorized, Ok(()));
        }
        Self {
            chain,
            registry,
            log,
            review,
        }
    }

    /// Registers (and funds) a member with weight 10 in the current block.
    fn register(&mut self, who: AccountId, kind: MemberKind, perspectives: &[Perspective]) {
        self.chain.fund(who);
        let registered: Result<(), RegistryError> = self
            .chain
            .call(
                self.registry,
                hub(),
                "MemberRegistry::register_member",
                (who, profile(kind, perspectives), None::<KeyBinding>),
            )
            .expect("register_member dispatches");
        assert_eq!(registered, Ok(()));
    }

    fn open(
        &mut self,
        revision: Revision,
        closes_at: u32,
        rules: ReviewRules,
    ) -> Result<(), ReviewError> {
        self.chain
            .call(
                self.review,
                hub(),
                "ReviewRounds::open_round",
                (
                    P,
                    revision,
                    account(AUTHOR),
                    [revision as u8; 32],
                    closes_at,
                    rules,
                ),
            )
            .expect("open_round dispatches")
    }

    // Mirrors submit_review's argument list, which is the message's ABI.
    #[allow(clippy::too_many_arguments)]
    fn submit_full(
        &mut self,
        who: AccountId,
        revision: Revision,
        verdict: Verdict,
        score: u8,
        perspective: Perspective,
        suggestion: Option<(Hash32, String)>,
        feedback_uri: String,
    ) -> Result<u32, ReviewError> {
        let (suggestion_hash, suggestion_uri) = match suggestion {
            Some((hash, uri)) => (Some(hash), uri),
            None => (None, String::new()),
        };
        self.chain
            .call(
                self.review,
                who,
                "submit_review",
                (
                    P,
                    revision,
                    verdict,
                    score,
                    perspective,
                    [score; 32],
                    feedback_uri,
                    suggestion_hash,
                    suggestion_uri,
                ),
            )
            .expect("submit_review dispatches")
    }

    fn submit(
        &mut self,
        who: AccountId,
        verdict: Verdict,
        score: u8,
        perspective: Perspective,
    ) -> Result<u32, ReviewError> {
        self.submit_full(
            who,
            1,
            verdict,
            score,
            perspective,
            None,
            format!("ipfs://feedback/{score}"),
        )
    }

    fn close(&mut self, caller: AccountId) -> Result<RoundOutcome, ReviewError> {
        self.chain
            .call(self.review, caller, "ReviewRounds::close_round", (P, 1u32))
            .expect("close_round dispatches")
    }

    fn outcome(&mut self) -> RoundOutcome {
        let outcome: Result<RoundOutcome, ReviewError> =
            self.chain
                .query(self.review, "ReviewRounds::round_outcome", (P, 1u32));
        outcome.expect("round exists")
    }

    fn settle(&mut self, who: AccountId) -> Result<bool, ReviewError> {
        self.chain
            .call(self.review, account(99), "settle", (P, 1u32, who))
            .expect("settle dispatches")
    }

    /// Every stored version of round `(P, 1)`, read in pages of `limit`.
    fn all_reviews(&mut self, limit: u32) -> Vec<Review> {
        let mut all = Vec::new();
        loop {
            let page: Result<Vec<Review>, ReviewError> =
                self.chain
                    .query(self.review, "reviews", (P, 1u32, all.len() as u32, limit));
            let page = page.expect("page");
            if page.is_empty() {
                return all;
            }
            all.extend(page);
        }
    }

    fn head(&mut self) -> (u64, Hash32) {
        self.chain.query(self.log, "DecisionLog::head", ())
    }

    /// Checks that the log's newest entry is `(kind, P, hub, payload)`, appended in the
    /// current block right after `before`, that it hashes as stored and is the new head.
    fn assert_last_entry(&mut self, before: (u64, Hash32), kind: LogKind, payload: Hash32) {
        let stored: Result<HashedEntry, LogError> = self.chain.query(self.log, "entry", before.0);
        let stored = stored.expect("entry appended");
        let block = self.chain.block();
        let e = &stored.entry;
        assert_eq!(
            (e.index, e.kind, e.subject, e.actor, e.block, e.prev_hash),
            (before.0, kind, Subject::Proposal(P), hub(), block, before.1)
        );
        assert_eq!(e.payload_hash, payload, "payload hash of {kind:?}");
        assert_eq!(e.hash(), stored.hash);
        assert_eq!(self.head(), (before.0 + 1, stored.hash));
    }
}

/// Counts the latest version of each reviewer the way the round's rules say, off-chain.
fn recount(all: &[Review], rules: ReviewRules, transcript: Hash32) -> RoundOutcome {
    let mut latest: BTreeMap<AccountId, &Review> = BTreeMap::new();
    for review in all {
        latest.insert(review.reviewer, review);
    }
    let mut outcome = RoundOutcome {
        reviews: latest.len() as u32,
        closed: true,
        transcript,
        ..RoundOutcome::default()
    };
    for review in latest.values() {
        match review.verdict {
            Verdict::Approve => outcome.approvals += 1,
            Verdict::RequestChanges => outcome.change_requests += 1,
            Verdict::Reject => outcome.rejections += 1,
        }
        outcome.perspectives_covered = outcome.perspectives_covered.with(review.perspective);
        outcome.score_sum += u32::from(review.score);
    }
    outcome.rules_met = outcome.reviews >= rules.min_reviews
        && rules
            .required_perspectives
            .is_subset_of(outcome.perspectives_covered)
        && outcome.rejections <= rules.max_rejections;
    outcome
}

#[test]
fn round_needing_safety_and_efficiency_passes_only_once_both_review_and_its_log_entry_commits_to_the_transcript(
) {
    // Given three creativity reviewers, a safety human and an efficiency agent registered
    // before the round opens.
    let mut s = Suite::deploy(true);
    let creative = [account(11), account(12), account(13)];
    let (safety, efficiency) = (account(21), account(22));
    s.register(
        account(AUTHOR),
        MemberKind::Human,
        &[Perspective::Creativity],
    );
    for who in creative {
        s.register(who, MemberKind::Human, &[Perspective::Creativity]);
    }
    s.register(
        safety,
        MemberKind::Human,
        &[Perspective::Safety, Perspective::Ethics],
    );
    s.register(efficiency, MemberKind::Agent, &[Perspective::Efficiency]);
    s.chain.advance(1);

    // When the hub opens a round {min 3, requires Safety + Efficiency}.
    let rules = rules(3, &[Perspective::Safety, Perspective::Efficiency], 0);
    let opened_at = s.chain.block();
    let before_open = s.head();
    assert_eq!(s.open(1, opened_at + 10, rules), Ok(()));
    let round: Option<ReviewRound> = s.chain.query(s.review, "round", (P, 1u32));
    let round = round.expect("round stored");
    assert_eq!((round.opened_at, round.rules), (opened_at, rules));
    s.assert_last_entry(
        before_open,
        LogKind::ReviewRoundOpened,
        round_opened_payload(1, &round),
    );

    // Then three creativity approvals do not meet the rules.
    s.chain.advance(1);
    for (i, who) in creative.into_iter().enumerate() {
        assert_eq!(
            s.submit(who, Verdict::Approve, 70 + i as u8, Perspective::Creativity),
            Ok(1)
        );
    }
    let outcome = s.outcome();
    assert_eq!(
        (outcome.reviews, outcome.approvals, outcome.rules_met),
        (3, 3, false)
    );
    assert_eq!(
        outcome.perspectives_covered,
        PerspectiveSet::of(Perspective::Creativity)
    );

    // A safety review alone does not either; with an efficiency review they are met.
    s.chain.advance(1);
    assert_eq!(
        s.submit(safety, Verdict::RequestChanges, 40, Perspective::Safety),
        Ok(1)
    );
    assert!(!s.outcome().rules_met);
    assert_eq!(
        s.submit(efficiency, Verdict::Approve, 85, Perspective::Efficiency),
        Ok(1)
    );
    // The safety reviewer amends after reading the others: a second version counts.
    assert_eq!(
        s.submit_full(
            safety,
            1,
            Verdict::Approve,
            60,
            Perspective::Safety,
            Some(([7; 32], "ipfs://suggestion".into())),
            "ipfs://feedback/safety-v2".into(),
        ),
        Ok(2)
    );
    let outcome = s.outcome();
    assert!(outcome.rules_met);
    assert_eq!(
        (outcome.reviews, outcome.approvals, outcome.change_requests),
        (5, 5, 0)
    );

    // When the window is over and the hub closes the round.
    s.chain.advance_to(opened_at + 11);
    let before_close = s.head();
    let closed = s.close(hub()).expect("closed");
    assert!(closed.closed && closed.rules_met);

    // Then an auditor recomputes transcript, outcome and log entry from the pages.
    let all = s.all_reviews(2);
    assert_eq!(all.len(), 6, "every version, amendments included");
    assert_eq!(
        all.iter()
            .map(|r| (r.reviewer, r.version))
            .collect::<Vec<_>>(),
        vec![
            (creative[0], 1),
            (creative[1], 1),
            (creative[2], 1),
            (safety, 1),
            (efficiency, 1),
            (safety, 2)
        ]
    );
    let transcript = transcript_of(&all);
    assert_eq!(closed.transcript, transcript);
    let recomputed = recount(&all, rules, transcript);
    assert_eq!(closed, recomputed);
    s.assert_last_entry(
        before_close,
        LogKind::ReviewRoundClosed,
        round_closed_payload(1, &recomputed),
    );
    assert_eq!(s.outcome(), closed, "frozen");
}

#[test]
fn the_author_cannot_review_their_own_proposal() {
    let mut s = Suite::deploy(true);
    s.register(account(AUTHOR), MemberKind::Human, &[Perspective::Safety]);
    s.chain.advance(1);
    let now = s.chain.block();
    s.open(1, now + 5, rules(1, &[], 0)).expect("opened");
    assert_eq!(
        s.submit(account(AUTHOR), Verdict::Approve, 100, Perspective::Safety),
        Err(ReviewError::AuthorCannotReview)
    );
    assert_eq!(s.outcome().reviews, 0);
}

#[test]
fn only_members_with_weight_before_the_opening_block_review() {
    let mut s = Suite::deploy(true);
    let (early, late, stranger) = (account(31), account(32), account(33));
    s.register(early, MemberKind::Human, &[Perspective::Ethics]);
    s.chain.advance(1);
    let now = s.chain.block();
    s.open(1, now + 5, rules(1, &[], 0)).expect("opened");
    // Registered in the opening block itself: no weight at opening − 1.
    s.register(late, MemberKind::Human, &[Perspective::Ethics]);
    s.chain.advance(1);
    assert_eq!(
        s.submit(late, Verdict::Approve, 50, Perspective::Ethics),
        Err(ReviewError::NotEligible)
    );
    s.chain.fund(stranger);
    assert_eq!(
        s.submit(stranger, Verdict::Approve, 50, Perspective::Ethics),
        Err(ReviewError::NotEligible)
    );
    assert_eq!(
        s.submit(early, Verdict::Approve, 50, Perspective::Ethics),
        Ok(1)
    );
    assert_eq!(s.outcome().reviews, 1);
}

#[test]
fn membership_changes_after_opening_change_no_eligibility() {
    let mut s = Suite::deploy(true);
    let reviewer = account(34);
    s.register(reviewer, MemberKind::Human, &[Perspective::Legal]);
    s.chain.advance(1);
    let now = s.chain.block();
    s.open(1, now + 5, rules(1, &[], 0)).expect("opened");
    s.chain.advance(1);
    let removed: Result<(), RegistryError> = s
        .chain
        .call(s.registry, hub(), "MemberRegistry::remove_member", reviewer)
        .expect("dispatch");
    assert_eq!(removed, Ok(()));
    s.chain.advance(1);
    assert_eq!(
        s.submit(reviewer, Verdict::Reject, 5, Perspective::Legal),
        Ok(1)
    );
}

#[test]
fn a_perspective_the_reviewer_does_not_hold_is_refused() {
    let mut s = Suite::deploy(true);
    let reviewer = account(35);
    s.register(reviewer, MemberKind::Agent, &[Perspective::Finance]);
    s.chain.advance(1);
    let now = s.chain.block();
    s.open(1, now + 5, rules(1, &[Perspective::Safety], 0))
        .expect("opened");
    assert_eq!(
        s.submit(reviewer, Verdict::Approve, 90, Perspective::Safety),
        Err(ReviewError::PerspectiveNotHeld)
    );
    assert_eq!(
        s.submit(reviewer, Verdict::Approve, 90, Perspective::Finance),
        Ok(1)
    );
    assert!(!s.outcome().rules_met, "Finance does not cover Safety");
}

#[test]
fn an_amendment_moves_the_latest_pointer_and_the_counts() {
    let mut s = Suite::deploy(true);
    let reviewer = account(36);
    s.register(
        reviewer,
        MemberKind::Human,
        &[Perspective::Safety, Perspective::Community],
    );
    s.chain.advance(1);
    let now = s.chain.block();
    s.open(1, now + 5, rules(1, &[Perspective::Community], 0))
        .expect("opened");
    assert_eq!(
        s.submit(reviewer, Verdict::Reject, 10, Perspective::Safety),
        Ok(1)
    );
    let first = s.outcome();
    assert_eq!(
        (first.rejections, first.score_sum, first.rules_met),
        (1, 10, false)
    );

    s.chain.advance(1);
    assert_eq!(
        s.submit(reviewer, Verdict::Approve, 75, Perspective::Community),
        Ok(2)
    );
    let second = s.outcome();
    assert_eq!(
        (
            second.reviews,
            second.approvals,
            second.rejections,
            second.score_sum
        ),
        (1, 1, 0, 75)
    );
    assert_eq!(
        second.perspectives_covered,
        PerspectiveSet::of(Perspective::Community)
    );
    assert!(second.rules_met);
    let latest: Option<Review> = s.chain.query(s.review, "review", (P, 1u32, reviewer));
    let latest = latest.expect("latest");
    assert_eq!((latest.version, latest.verdict), (2, Verdict::Approve));
    let all = s.all_reviews(MAX_PAGE);
    assert_eq!(
        all.iter().map(|r| r.version).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(all[1], latest);
    assert_eq!(second.transcript, transcript_of(&all));
    let record: ReviewerRecord = s.chain.query(s.review, "reviewer_record", reviewer);
    assert_eq!(record.reviews_given, 1);
}

#[test]
fn closing_before_the_window_ends_fails_and_only_the_hub_closes() {
    let mut s = Suite::deploy(true);
    let reviewer = account(37);
    s.register(reviewer, MemberKind::Human, &[Perspective::Technical]);
    s.chain.advance(1);
    let closes_at = s.chain.block() + 3;
    s.open(1, closes_at, rules(1, &[], 0)).expect("opened");
    s.chain.advance_to(closes_at);
    assert_eq!(s.close(hub()), Err(ReviewError::RoundStillOpen));
    // The last block of the window still takes reviews.
    assert_eq!(
        s.submit(reviewer, Verdict::Approve, 90, Perspective::Technical),
        Ok(1)
    );
    s.chain.advance(1);
    assert_eq!(
        s.submit(reviewer, Verdict::Reject, 0, Perspective::Technical),
        Err(ReviewError::ReviewWindowOver)
    );
    s.chain.fund(reviewer);
    assert_eq!(s.close(reviewer), Err(ReviewError::NotAdmin));
    let before = s.head();
    assert!(s.close(hub()).expect("closed").rules_met);
    assert_eq!(s.head().0, before.0 + 1);
    assert_eq!(s.close(hub()), Err(ReviewError::RoundClosed));
}

#[test]
fn settling_needs_a_closed_round_and_happens_once_per_reviewer() {
    let mut s = Suite::deploy(true);
    let (yes, no, silent) = (account(41), account(42), account(43));
    for who in [yes, no, silent] {
        s.register(who, MemberKind::Human, &[Perspective::Ethics]);
    }
    s.chain.fund(account(99));
    s.chain.advance(1);
    let closes_at = s.chain.block() + 2;
    s.open(1, closes_at, rules(2, &[], 0)).expect("opened");
    assert_eq!(
        s.submit(yes, Verdict::Approve, 90, Perspective::Ethics),
        Ok(1)
    );
    assert_eq!(
        s.submit(no, Verdict::Reject, 10, Perspective::Ethics),
        Ok(1)
    );
    assert_eq!(s.settle(yes), Err(ReviewError::RoundNotClosed));
    s.chain.advance_to(closes_at + 1);
    let outcome = s.close(hub()).expect("closed");
    assert!(!outcome.rules_met, "one rejection, none tolerated");

    assert_eq!(s.settle(yes), Ok(false));
    assert_eq!(s.settle(no), Ok(true));
    assert_eq!(s.settle(no), Err(ReviewError::AlreadySettled));
    assert_eq!(s.settle(silent), Err(ReviewError::NoReview));
    let record: ReviewerRecord = s.chain.query(s.review, "reviewer_record", no);
    assert_eq!(
        record,
        ReviewerRecord {
            reviews_given: 1,
            settled: 1,
            agreed: 1
        }
    );
    let record: ReviewerRecord = s.chain.query(s.review, "reviewer_record", yes);
    assert_eq!((record.settled, record.agreed), (1, 0));
}

#[test]
fn a_full_page_of_the_largest_reviews_is_returned() {
    let mut s = Suite::deploy(true);
    let reviewers = [account(61), account(62)];
    for who in reviewers {
        s.register(who, MemberKind::Human, &[Perspective::Technical]);
    }
    s.chain.advance(1);
    let now = s.chain.block();
    s.open(1, now + 5, rules(1, &[], 0)).expect("opened");
    let per_reviewer = MAX_PAGE / 2;
    assert!(per_reviewer <= MAX_VERSIONS_PER_REVIEWER);
    for who in reviewers {
        for _ in 0..per_reviewer {
            s.submit_full(
                who,
                1,
                Verdict::RequestChanges,
                MAX_SCORE,
                Perspective::Technical,
                Some(([0xEE; 32], "s".repeat(MAX_URI_LEN))),
                "f".repeat(MAX_URI_LEN),
            )
            .expect("largest review");
        }
    }
    let page: Result<Vec<Review>, ReviewError> =
        s.chain
            .query(s.review, "reviews", (P, 1u32, 0u32, MAX_PAGE));
    let page = page.expect("a full page");
    assert_eq!(page.len(), MAX_PAGE as usize);
    let encoded = Ok::<_, ReviewError>(page).encode().len();
    assert!(
        encoded < 16 * 1024,
        "a full page encodes to {encoded} bytes"
    );
    let over: Result<Vec<Review>, ReviewError> =
        s.chain
            .query(s.review, "reviews", (P, 1u32, 0u32, MAX_PAGE + 1));
    assert_eq!(over, Err(ReviewError::LimitTooLarge));
}

#[test]
fn a_log_that_refuses_the_entry_reverts_the_opening() {
    let mut s = Suite::deploy(false);
    let now = s.chain.block();
    assert_eq!(
        s.open(1, now + 5, rules(1, &[], 0)),
        Err(ReviewError::LogFailed)
    );
    let round: Option<ReviewRound> = s.chain.query(s.review, "round", (P, 1u32));
    assert_eq!(round, None);
    assert_eq!(s.head().0, 0);
}

#[test]
fn an_unreachable_registry_is_a_typed_error() {
    let mut chain = Chain::new();
    let log = chain.deploy(
        &BundleProvider::DecisionLog.bundle().expect("log bundle"),
        "new",
        (),
        hub(),
        &[],
    );
    let review = chain.deploy(
        &BundleProvider::PeerReview
            .bundle()
            .expect("peer review bundle"),
        "new",
        (account(77), log),
        hub(),
        &[],
    );
    let authorized: Result<(), LogError> = chain
        .call(
            log,
            hub(),
            "DecisionLog::authorize_writer",
            (review, REVIEW_KINDS),
        )
        .expect("dispatch");
    assert_eq!(authorized, Ok(()));
    chain.advance(1);
    let now = chain.block();
    let opened: Result<(), ReviewError> = chain
        .call(
            review,
            hub(),
            "ReviewRounds::open_round",
            (
                P,
                1u32,
                account(AUTHOR),
                [1u8; 32],
                now + 5,
                rules(1, &[], 0),
            ),
        )
        .expect("dispatch");
    assert_eq!(opened, Ok(()));
    let reviewer = account(78);
    chain.fund(reviewer);
    let submitted: Result<u32, ReviewError> = chain
        .call(
            review,
            reviewer,
            "submit_review",
            (
                P,
                1u32,
                Verdict::Approve,
                50u8,
                Perspective::Safety,
                [0u8; 32],
                String::new(),
                None::<Hash32>,
                String::new(),
            ),
        )
        .expect("dispatch");
    assert_eq!(submitted, Err(ReviewError::RegistryUnavailable));
}

#[test]
fn admin_handover_is_one_way() {
    let mut s = Suite::deploy(true);
    let new_hub = account(7);
    let moved: Result<(), AdminError> = s
        .chain
        .call(s.review, hub(), "Governed::transfer_admin", new_hub)
        .expect("dispatch");
    assert_eq!(moved, Ok(()));
    s.chain.fund(new_hub);
    let accepted: Result<(), AdminError> = s
        .chain
        .call(s.review, new_hub, "Governed::accept_admin", ())
        .expect("dispatch");
    assert_eq!(accepted, Ok(()));
    let admin: AccountId = s.chain.query(s.review, "Governed::admin", ());
    assert_eq!(admin, new_hub);
    let now = s.chain.block();
    assert_eq!(
        s.open(1, now + 5, rules(1, &[], 0)),
        Err(ReviewError::NotAdmin)
    );
}

/// Weight of `submit_review` (a new reviewer's first review) with 1 and with 500 reviews
/// already in the round. Run with `cargo test bench_submit_review_weight -- --ignored
/// --nocapture`.
#[test]
#[ignore]
fn bench_submit_review_weight() {
    const PRIOR: u32 = 500;
    let mut s = Suite::deploy(true);
    let reviewer = |i: u32| {
        let mut bytes = [0x80u8; 32];
        bytes[..4].copy_from_slice(&i.to_le_bytes());
        AccountId::from(bytes)
    };
    // Reviewer 1 is measured with 1 review before it, reviewer PRIOR with PRIOR.
    for i in 0..=PRIOR {
        s.register(reviewer(i), MemberKind::Human, &[Perspective::Safety]);
    }
    s.chain.advance(1);
    let now = s.chain.block();
    s.open(1, now + 100, rules(3, &[Perspective::Safety], 0))
        .expect("opened");

    let submit = |s: &mut Suite, who: AccountId| {
        let metered = s.chain.call_metered::<_, Result<u32, ReviewError>>(
            s.review,
            who,
            "submit_review",
            (
                P,
                1u32,
                Verdict::Approve,
                80u8,
                Perspective::Safety,
                [1u8; 32],
                String::from("ipfs://feedback"),
                None::<Hash32>,
                String::new(),
            ),
        );
        assert_eq!(metered.value.expect("dispatch"), Ok(1));
        metered.weight
    };
    submit(&mut s, reviewer(0));
    let mut figures = Vec::new();
    for (prior, fill) in [(1u32, 1..1u32), (PRIOR, 2..PRIOR)] {
        for i in fill {
            submit(&mut s, reviewer(i));
        }
        assert_eq!(s.outcome().reviews, prior);
        let weight = submit(&mut s, reviewer(prior));
        println!(
            "BENCH peer_review.submit_review prior={prior} ref_time={} proof_size={}",
            weight.ref_time(),
            weight.proof_size()
        );
        figures.push(weight);
    }
    let ratio = |a: u64, b: u64| b as f64 / a as f64;
    let (r, p) = (
        ratio(figures[0].ref_time(), figures[1].ref_time()),
        ratio(figures[0].proof_size(), figures[1].proof_size()),
    );
    println!(
        "BENCH peer_review.submit_review ratio_ref_time={r:.4} ratio_proof_size={p:.4} target<=1.05"
    );
    assert!(r <= 1.05 && p <= 1.05, "submit_review grows with the round");
}
