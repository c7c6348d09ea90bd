//! The proposal lifecycle with all five contracts deployed together.

use drink::Sandbox;

use crate::{
    harness::{account, Chain},
    suite::*,
};
use agora_types::{
    verify_hashed_chain, Action, HubParams, LogKind, Proposal, ProposalError, ProposalState,
    ReviewError, RevisionRecord, Verdict, VoteChoice, MAX_SPEND_CAP,
};

const RECIPIENT: [u8; 32] = [77; 32];
const GRANT: u128 = 250_000;

fn grant() -> Vec<Action> {
    vec![Action::Transfer {
        to: RECIPIENT.into(),
        amount: GRANT,
    }]
}

/// Submits the seed proposal signed by the efficiency agent; returns its id.
pub(crate) fn submit_seed(suite: &mut Suite, nonce: u64) -> u32 {
    let payload = suite.proposal_payload(
        EFFICIENCY_AGENT.account(),
        nonce,
        "Fund the compute pool",
        grant(),
    );
    suite
        .submit_signed(EFFICIENCY_AGENT, &payload)
        .expect("signed proposal accepted")
}

/// Reviews that meet the rules (Safety and Efficiency approve) on `revision`.
pub(crate) fn approve(suite: &mut Suite, id: u32, revision: u32) {
    suite
        .review(SAFETY_HUMAN, id, revision, Verdict::Approve, None)
        .expect("safety approves");
    suite
        .review(EFFICIENCY_HUMAN, id, revision, Verdict::Approve, None)
        .expect("efficiency approves");
}

/// Moves past the current review window and closes review.
pub(crate) fn close_review(suite: &mut Suite, id: u32) -> Result<ProposalState, ProposalError> {
    let proposal: Option<Proposal> = suite.chain.query(suite.hub, "proposal", id);
    let closes_at = proposal.expect("proposal").review_closes_at;
    if suite.chain.block() <= closes_at {
        suite.chain.advance_to(closes_at + 1);
    }
    suite.hub_call(Chain::alice(), "close_review", id)
}

/// Moves past the voting window and closes voting.
pub(crate) fn close_voting(suite: &mut Suite, id: u32) -> Result<ProposalState, ProposalError> {
    let proposal: Option<Proposal> = suite.chain.query(suite.hub, "proposal", id);
    let closes_at = proposal
        .expect("proposal")
        .voting_closes_at
        .expect("voting");
    if suite.chain.block() <= closes_at {
        suite.chain.advance_to(closes_at + 1);
    }
    suite.hub_call(Chain::alice(), "close_voting", id)
}

/// Everyone votes `choice` (the efficiency agent through a relayed signature).
pub(crate) fn everyone_votes(suite: &mut Suite, id: u32, choice: VoteChoice) {
    for voter in [SAFETY_HUMAN, EFFICIENCY_HUMAN, CREATIVE_HUMAN, SAFETY_AGENT] {
        suite.vote(voter, id, choice).expect("vote cast");
    }
    suite
        .vote_signed(EFFICIENCY_AGENT, id, choice)
        .expect("relayed signed vote cast");
}

/// Drives a proposal from submission to Queued; returns `(id, eta, expires_at)`.
pub(crate) fn queued_proposal(suite: &mut Suite, nonce: u64) -> (u32, u32, u32) {
    let id = submit_seed(suite, nonce);
    approve(suite, id, 1);
    assert_eq!(close_review(suite, id), Ok(ProposalState::Voting));
    everyone_votes(suite, id, VoteChoice::For);
    assert_eq!(close_voting(suite, id), Ok(ProposalState::Succeeded));
    let (eta, expires_at): (u32, u32) =
        suite.hub_call(Chain::alice(), "queue", id).expect("queued");
    (id, eta, expires_at)
}

/// The seed's scenario on a bootstrapped suite, checking each step; returns the proposal id.
/// Every transaction it sends is one lifecycle step (the benchmark meters them).
fn run_seed_scenario(suite: &mut Suite) -> u32 {
    let before = suite.chain.balance(RECIPIENT.into());

    // When a member tops up the treasury
    let topped_up: Result<Result<(), ProposalError>, _> =
        suite
            .chain
            .call_payable(suite.hub, CREATIVE_HUMAN.account(), "deposit", (), GRANT);
    assert!(matches!(topped_up, Ok(Ok(()))), "deposit accepted");

    // and an efficiency agent submits a signed resource-allocation proposal
    let id = submit_seed(suite, 7);
    assert_eq!(suite.state(id), ProposalState::InReview);

    // and a safety reviewer requests changes with a suggestion
    suite
        .review(
            SAFETY_HUMAN,
            id,
            1,
            Verdict::RequestChanges,
            Some("Cap the grant and report usage monthly"),
        )
        .expect("change request");

    // and the agent revises (signed)
    let revised_text = "Fund the compute pool, capped, with monthly reports";
    let payload = suite.revision_payload(EFFICIENCY_AGENT.account(), id, 2, revised_text, grant());
    assert_eq!(suite.revise_signed(EFFICIENCY_AGENT, &payload), Ok(2));
    let revision: Option<RevisionRecord> = suite.chain.query(suite.hub, "revision", (id, 2u32));
    let revision = revision.expect("revision 2 stored");
    assert!(
        revision.signer.is_some(),
        "signed revision records its signer"
    );
    let first: Option<RevisionRecord> = suite.chain.query(suite.hub, "revision", (id, 1u32));
    assert_ne!(
        first.expect("revision 1 kept").content_hash,
        revision.content_hash
    );

    // and safety and efficiency reviewers approve the revision
    approve(suite, id, 2);
    assert_eq!(close_review(suite, id), Ok(ProposalState::Voting));

    // and humans and agents vote (one relayed signed vote)
    everyone_votes(suite, id, VoteChoice::For);
    assert_eq!(close_voting(suite, id), Ok(ProposalState::Succeeded));

    // and it is queued, then executed after the timelock
    let (eta, _expires_at): (u32, u32) =
        suite.hub_call(Chain::alice(), "queue", id).expect("queued");
    suite.chain.advance_to(eta);
    assert_eq!(suite.hub_call::<()>(Chain::alice(), "execute", id), Ok(()));

    // Then the recipient was paid and the proposal is Executed
    assert_eq!(suite.chain.balance(RECIPIENT.into()), before + GRANT);
    assert_eq!(suite.state(id), ProposalState::Executed);
    id
}

#[test]
fn seed_scenario_runs_from_signed_proposal_to_treasury_transfer() {
    // Given the bootstrapped suite with a funded treasury
    let mut suite = Suite::bootstrap();
    let bootstrapped: bool = suite.chain.query(suite.hub, "bootstrap_complete", ());
    assert!(bootstrapped, "no account but the hub holds a privilege");

    // When the seed scenario runs (deposit, signed proposal, change request, signed
    // revision, approvals, votes of both kinds, queue, execute after the timelock),
    let id = run_seed_scenario(&mut suite);

    // and the decision log holds every step and verifies
    let head = suite.log_head();
    let entries = suite.log_entries();
    assert_eq!(entries.len() as u64, head.0);
    assert_eq!(verify_hashed_chain(&entries, Some(head)), Ok(()));
    let kinds = suite.log_kinds_of(id);
    for kind in [
        LogKind::ProposalSubmitted,
        LogKind::ReviewRoundOpened,
        LogKind::ProposalRevised,
        LogKind::ReviewRoundClosed,
        LogKind::ReviewPassed,
        LogKind::BallotOpened,
        LogKind::BallotClosed,
        LogKind::ProposalSucceeded,
        LogKind::ProposalQueued,
        LogKind::ProposalExecuted,
    ] {
        assert!(kinds.contains(&kind), "log lacks {kind:?}: {kinds:?}");
    }
    assert!(entries
        .iter()
        .any(|e| e.entry.kind == LogKind::BootstrapCompleted));
}

#[test]
fn defeated_proposal_cannot_be_queued() {
    let mut suite = Suite::bootstrap();
    let id = submit_seed(&mut suite, 1);
    approve(&mut suite, id, 1);
    assert_eq!(close_review(&mut suite, id), Ok(ProposalState::Voting));
    everyone_votes(&mut suite, id, VoteChoice::Against);
    assert_eq!(close_voting(&mut suite, id), Ok(ProposalState::Defeated));
    assert_eq!(
        suite.hub_call::<(u32, u32)>(Chain::alice(), "queue", id),
        Err(ProposalError::UnexpectedState {
            current: ProposalState::Defeated
        })
    );
}

#[test]
fn proposal_missing_a_required_perspective_is_rejected_in_review() {
    let mut suite = Suite::bootstrap();
    let id = submit_seed(&mut suite, 1);
    // Only the creative human and the safety agent review: Efficiency is not covered.
    suite
        .review(CREATIVE_HUMAN, id, 1, Verdict::Approve, None)
        .expect("review");
    suite
        .review(SAFETY_AGENT, id, 1, Verdict::Approve, None)
        .expect("review");
    assert_eq!(close_review(&mut suite, id), Ok(ProposalState::Rejected));
    let open: u32 = suite
        .chain
        .query(suite.hub, "open_proposals", EFFICIENCY_AGENT.account());
    assert_eq!(open, 0, "a rejected proposal frees its author's slot");
}

/// `reviewer` settles its review of `(id, revision)`; returns whether it agreed.
fn settle(
    suite: &mut Suite,
    id: u32,
    revision: u32,
    reviewer: Founder,
) -> Result<bool, ReviewError> {
    suite
        .chain
        .call(
            suite.review,
            outsider(),
            "settle",
            (id, revision, reviewer.account()),
        )
        .expect("dispatch")
}

#[test]
fn a_replaced_revisions_round_is_frozen_and_its_reviewers_can_settle() {
    // Given a proposal whose first revision got a change request,
    let mut suite = Suite::bootstrap();
    let id = submit_seed(&mut suite, 1);
    suite
        .review(SAFETY_HUMAN, id, 1, Verdict::RequestChanges, Some("cap it"))
        .expect("change request");
    assert_eq!(
        settle(&mut suite, id, 1, SAFETY_HUMAN),
        Err(ReviewError::RoundNotClosed)
    );

    // when the author revises,
    let payload = suite.revision_payload(EFFICIENCY_AGENT.account(), id, 2, "capped", grant());
    assert_eq!(suite.revise_signed(EFFICIENCY_AGENT, &payload), Ok(2));

    // then the first round is frozen (logged), no review can be added to it, and its
    // reviewer settles without waiting for the old window.
    assert_eq!(
        suite.review(EFFICIENCY_HUMAN, id, 1, Verdict::Approve, None),
        Err(ReviewError::RoundClosed)
    );
    assert!(settle(&mut suite, id, 1, SAFETY_HUMAN).is_ok());
    let kinds = suite.log_kinds_of(id);
    let closed = kinds
        .iter()
        .filter(|k| **k == LogKind::ReviewRoundClosed)
        .count();
    assert_eq!(closed, 1, "{kinds:?}");

    // and when the author then withdraws, the second round is frozen too.
    suite
        .review(SAFETY_HUMAN, id, 2, Verdict::Approve, None)
        .expect("review of revision 2");
    assert_eq!(
        suite.hub_call::<()>(EFFICIENCY_AGENT.account(), "cancel", id),
        Ok(())
    );
    assert!(settle(&mut suite, id, 2, SAFETY_HUMAN).is_ok());
}

#[test]
fn author_cancels_during_review_and_no_one_else_can() {
    let mut suite = Suite::bootstrap();
    let id = submit_seed(&mut suite, 1);
    assert_eq!(
        suite.hub_call::<()>(SAFETY_HUMAN.account(), "cancel", id),
        Err(ProposalError::NotAuthor)
    );
    assert_eq!(
        suite.hub_call::<()>(EFFICIENCY_AGENT.account(), "cancel", id),
        Ok(())
    );
    assert_eq!(suite.state(id), ProposalState::Cancelled);
    assert_eq!(
        suite.hub_call::<()>(EFFICIENCY_AGENT.account(), "cancel", id),
        Err(ProposalError::UnexpectedState {
            current: ProposalState::Cancelled
        })
    );
}

#[test]
fn execute_before_eta_is_rejected_and_changes_nothing() {
    let mut suite = Suite::bootstrap();
    let (id, eta, _) = queued_proposal(&mut suite, 1);
    let before = suite.chain.balance(RECIPIENT.into());
    let head = suite.log_head();
    assert_eq!(
        suite.hub_call::<()>(Chain::alice(), "execute", id),
        Err(ProposalError::TooEarly { allowed_from: eta })
    );
    assert_eq!(suite.state(id), ProposalState::Queued);
    assert_eq!(suite.chain.balance(RECIPIENT.into()), before);
    assert_eq!(suite.log_head(), head);
}

/// Most transactions the seed lifecycle may take (the hub issue's bound).
const MAX_LIFECYCLE_CALLS: usize = 20;

#[test]
#[ignore = "benchmark: run with --ignored --nocapture"]
fn bench_seed_lifecycle_weight_per_step() {
    // Given the bootstrapped suite, metering every transaction from here on,
    let mut suite = Suite::bootstrap();
    suite.chain.start_metering();

    // when the seed scenario runs,
    run_seed_scenario(&mut suite);
    let steps = suite.chain.take_metered();

    // then each step's weight is printed as a table with the total, within the call budget.
    println!("BENCH lifecycle | # | message | ref_time | proof_size |");
    println!("BENCH lifecycle |---|---|---|---|");
    let (mut ref_total, mut proof_total) = (0u64, 0u64);
    for (i, step) in steps.iter().enumerate() {
        let (r, p) = (step.weight.ref_time(), step.weight.proof_size());
        ref_total += r;
        proof_total += p;
        println!(
            "BENCH lifecycle | {} | `{}` | {r} | {p} |",
            i + 1,
            step.label
        );
    }
    println!(
        "BENCH lifecycle | | **total ({} calls)** | {ref_total} | {proof_total} |",
        steps.len()
    );
    assert!(
        steps.len() <= MAX_LIFECYCLE_CALLS,
        "the lifecycle took {} calls",
        steps.len()
    );
}

#[test]
fn queued_proposal_expires_after_the_grace_period() {
    let mut suite = Suite::bootstrap();
    let (id, _eta, expires_at) = queued_proposal(&mut suite, 1);
    suite.chain.advance_to(expires_at);
    assert_eq!(suite.state(id), ProposalState::Expired);
    assert_eq!(
        suite.hub_call::<()>(Chain::alice(), "execute", id),
        Err(ProposalError::Expired)
    );
}

#[test]
fn transfer_above_the_treasury_reverts_and_stays_queued() {
    // Caps as high as they go, so only the treasury's balance stands in the way.
    let mut suite = Suite::bootstrap_with(HubParams {
        max_spend_per_proposal: MAX_SPEND_CAP,
        max_spend_per_period: MAX_SPEND_CAP,
        ..params()
    });
    let too_much = vec![Action::Transfer {
        to: RECIPIENT.into(),
        amount: TREASURY * 10,
    }];
    let payload = suite.proposal_payload(EFFICIENCY_AGENT.account(), 1, "Everything", too_much);
    let id = suite
        .submit_signed(EFFICIENCY_AGENT, &payload)
        .expect("submitted");
    approve(&mut suite, id, 1);
    assert_eq!(close_review(&mut suite, id), Ok(ProposalState::Voting));
    everyone_votes(&mut suite, id, VoteChoice::For);
    assert_eq!(close_voting(&mut suite, id), Ok(ProposalState::Succeeded));
    let (eta, _): (u32, u32) = suite.hub_call(Chain::alice(), "queue", id).expect("queued");
    suite.chain.advance_to(eta);
    let log_before = suite.log_head();
    let treasury_before: u128 = suite.chain.query(suite.hub, "treasury", ());
    assert_eq!(
        suite.hub_call::<()>(Chain::alice(), "execute", id),
        Err(ProposalError::InsufficientTreasury)
    );
    assert_eq!(suite.state(id), ProposalState::Queued);
    assert_eq!(suite.log_head(), log_before);
    let treasury_after: u128 = suite.chain.query(suite.hub, "treasury", ());
    assert_eq!(treasury_after, treasury_before);
}

#[test]
fn replayed_signed_proposal_is_rejected() {
    let mut suite = Suite::bootstrap();
    let payload = suite.proposal_payload(EFFICIENCY_AGENT.account(), 42, "Once", grant());
    suite
        .submit_signed(EFFICIENCY_AGENT, &payload)
        .expect("first");
    assert_eq!(
        suite.submit_signed(EFFICIENCY_AGENT, &payload),
        Err(ProposalError::NonceUsed)
    );
    let used: bool =
        suite
            .chain
            .query(suite.hub, "nonce_used", (EFFICIENCY_AGENT.account(), 42u64));
    assert!(used);
    // Another nonce, lower than the first, is fine: nonces are not sequential.
    let other = suite.proposal_payload(EFFICIENCY_AGENT.account(), 3, "Twice", grant());
    assert_eq!(suite.submit_signed(EFFICIENCY_AGENT, &other), Ok(2));
}

#[test]
fn replayed_signed_revision_is_stale() {
    let mut suite = Suite::bootstrap();
    let id = submit_seed(&mut suite, 1);
    let payload = suite.revision_payload(EFFICIENCY_AGENT.account(), id, 2, "v2", grant());
    assert_eq!(suite.revise_signed(EFFICIENCY_AGENT, &payload), Ok(2));
    assert_eq!(
        suite.revise_signed(EFFICIENCY_AGENT, &payload),
        Err(ProposalError::StaleRevision)
    );
}

#[test]
fn a_revision_past_max_revisions_is_refused_and_changes_nothing() {
    let mut suite = Suite::bootstrap();
    let id = submit_seed(&mut suite, 1);
    for n in 2..=agora_types::MAX_REVISIONS {
        let payload = suite.revision_payload(EFFICIENCY_AGENT.account(), id, n, "again", grant());
        assert_eq!(suite.revise_signed(EFFICIENCY_AGENT, &payload), Ok(n));
    }
    let before: Option<Proposal> = suite.chain.query(suite.hub, "proposal", id);
    let log_before = suite.log_entries().len();
    let one_more = agora_types::MAX_REVISIONS + 1;
    let payload = suite.revision_payload(EFFICIENCY_AGENT.account(), id, one_more, "more", grant());
    assert_eq!(
        suite.revise_signed(EFFICIENCY_AGENT, &payload),
        Err(ProposalError::TooManyRevisions)
    );
    let after: Option<Proposal> = suite.chain.query(suite.hub, "proposal", id);
    assert_eq!(after, before);
    assert_eq!(after.map(|p| p.revision), Some(agora_types::MAX_REVISIONS));
    assert_eq!(suite.log_entries().len(), log_before);
}

#[test]
fn signed_proposal_for_another_hub_chain_or_signer_is_rejected() {
    let mut suite = Suite::bootstrap();
    let good = suite.proposal_payload(EFFICIENCY_AGENT.account(), 5, "x", grant());
    let other_hub = agora_types::ProposalPayload {
        hub: account(55),
        ..good.clone()
    };
    assert_eq!(
        suite.submit_signed(EFFICIENCY_AGENT, &other_hub),
        Err(ProposalError::WrongContract)
    );
    let other_chain = agora_types::ProposalPayload {
        chain_tag: "elsewhere".into(),
        ..good.clone()
    };
    assert_eq!(
        suite.submit_signed(EFFICIENCY_AGENT, &other_chain),
        Err(ProposalError::WrongChain)
    );
    // Signed by the safety agent's key but naming the efficiency agent as author.
    assert_eq!(
        suite.submit_signed(SAFETY_AGENT, &good),
        Err(ProposalError::SignerMismatch)
    );
    let expired = agora_types::ProposalPayload {
        deadline: suite.chain.block() - 1,
        ..good
    };
    assert_eq!(
        suite.submit_signed(EFFICIENCY_AGENT, &expired),
        Err(ProposalError::DeadlinePassed)
    );
    let count: u32 = suite.chain.query(suite.hub, "proposal_count", ());
    assert_eq!(count, 0);
}

#[test]
fn non_member_cannot_submit_and_the_open_cap_holds() {
    let mut suite = Suite::bootstrap();
    let outsider = outsider();
    suite.chain.fund(outsider);
    let r: Result<u32, ProposalError> = suite
        .chain
        .call(
            suite.hub,
            outsider,
            "submit",
            ([1u8; 32], String::new(), grant()),
        )
        .expect("dispatch");
    assert_eq!(r, Err(ProposalError::NotActiveMember));
    for n in 1..=params().max_open_per_member {
        let r: Result<u32, ProposalError> = suite
            .chain
            .call(
                suite.hub,
                SAFETY_HUMAN.account(),
                "submit",
                ([n as u8; 32], String::new(), grant()),
            )
            .expect("dispatch");
        assert_eq!(r, Ok(n));
    }
    let r: Result<u32, ProposalError> = suite
        .chain
        .call(
            suite.hub,
            SAFETY_HUMAN.account(),
            "submit",
            ([9u8; 32], String::new(), grant()),
        )
        .expect("dispatch");
    assert_eq!(r, Err(ProposalError::TooManyOpenProposals));
}

/// Every transition message in every reachable state: only the allowed ones succeed.
#[test]
fn state_machine_matrix_allows_only_the_defined_transitions() {
    let messages = ["close_review", "close_voting", "queue", "execute", "cancel"];
    let mut suite = Suite::bootstrap();
    let in_review = submit_seed(&mut suite, 1);
    let voting = {
        let id = submit_seed(&mut suite, 2);
        approve(&mut suite, id, 1);
        close_review(&mut suite, id).expect("voting");
        id
    };
    let succeeded = {
        let id = submit_seed(&mut suite, 4);
        approve(&mut suite, id, 1);
        close_review(&mut suite, id).expect("voting");
        everyone_votes(&mut suite, id, VoteChoice::For);
        close_voting(&mut suite, id).expect("succeeded");
        id
    };
    let cancelled = {
        let id = submit_seed(&mut suite, 5);
        suite
            .hub_call::<()>(EFFICIENCY_AGENT.account(), "cancel", id)
            .expect("cancelled");
        id
    };
    // Queued last, so that it is still inside [eta, expires_at) when the matrix runs.
    let (queued, eta, _) = queued_proposal(&mut suite, 3);
    let cases: Vec<(u32, ProposalState, &[&str])> = vec![
        (
            in_review,
            ProposalState::InReview,
            &["cancel", "close_review"],
        ),
        (voting, ProposalState::Voting, &["close_voting"]),
        (succeeded, ProposalState::Succeeded, &["queue"]),
        (queued, ProposalState::Queued, &["execute"]),
        (cancelled, ProposalState::Cancelled, &[]),
    ];
    let now = suite.chain.block();
    suite.chain.advance_to(eta.max(now));
    for (id, state, allowed) in cases {
        assert_eq!(suite.state(id), state);
        for message in messages {
            let caller = if message == "cancel" {
                EFFICIENCY_AGENT.account()
            } else {
                Chain::alice()
            };
            // Dry-run so that each message sees the same state.
            let snapshot = suite.chain.sandbox.take_snapshot();
            let result: Result<(), ProposalError> = suite
                .chain
                .call::<_, Result<scale_value_ignored::Ignored, ProposalError>>(
                    suite.hub, caller, message, id,
                )
                .expect("dispatch")
                .map(|_| ());
            suite.chain.sandbox.restore_snapshot(snapshot);
            assert_eq!(
                result.is_ok(),
                allowed.contains(&message),
                "{message} in {state:?}: {result:?}"
            );
        }
    }
}

/// Decodes any `Ok` payload by ignoring its bytes (the matrix only asks Ok or Err).
mod scale_value_ignored {
    /// Accepts whatever an `Ok` carries.
    pub struct Ignored;
    impl scale::Decode for Ignored {
        fn decode<I: scale::Input>(input: &mut I) -> Result<Self, scale::Error> {
            while input.read_byte().is_ok() {}
            Ok(Ignored)
        }
    }
}
