//! Governance through the lifecycle, with all five contracts: membership and parameter
//! actions, pinned external calls, the safety veto, the rules that keep governance from
//! bricking itself, and the spending caps. Each bad input has its own test; an `Err` leaves
//! the chain as it was.

use scale::Encode;

use crate::{
    harness::{account, selector, Chain},
    lifecycle_tests::{approve, close_review, close_voting, everyone_votes},
    suite::*,
};
use agora_types::{
    blake2_256, sealed_payload, verify_writers, Action, HashedEntry, HubParam, HubParams, KindSet,
    LogAnchor, LogError, LogKind, Member, MemberKind, MemberProfile, MemberStatus, Perspective,
    Proposal, ProposalError, ProposalState, RevisionRecord, Subject, UnmeetableRule, Veto,
    VoteChoice, EXTERNAL_KINDS,
};
use ink::primitives::AccountId;

const RECIPIENT: [u8; 32] = [78; 32];
const NEWCOMER: [u8; 32] = [51; 32];

fn newcomer() -> AccountId {
    NEWCOMER.into()
}

/// The newcomer's profile: a human holding Safety, weight 10.
fn newcomer_profile() -> MemberProfile {
    MemberProfile {
        kind: MemberKind::Human,
        perspectives: [Perspective::Safety].into_iter().collect(),
        weight: 10,
        metadata_uri: "ipfs://newcomer".into(),
        operator: None,
    }
}

fn transfer(amount: u128) -> Action {
    Action::Transfer {
        to: RECIPIENT.into(),
        amount,
    }
}

/// The creative human (who never reviews in these tests) submits `actions` directly.
fn submit(suite: &mut Suite, actions: Vec<Action>) -> Result<u32, ProposalError> {
    let text = format!("governance proposal {}", suite.chain.block());
    suite
        .chain
        .call(
            suite.hub,
            CREATIVE_HUMAN.account(),
            "submit",
            (
                blake2_256(text.as_bytes()),
                String::from("ipfs://proposal"),
                actions,
            ),
        )
        .expect("dispatch")
}

/// Approves the first revision and closes review: the proposal is in Voting.
fn to_voting(suite: &mut Suite, id: u32) {
    approve(suite, id, 1);
    assert_eq!(close_review(suite, id), Ok(ProposalState::Voting));
}

/// Everyone votes For, voting closes and the proposal is queued; returns its eta.
fn pass_and_queue(suite: &mut Suite, id: u32) -> u32 {
    everyone_votes(suite, id, VoteChoice::For);
    assert_eq!(close_voting(suite, id), Ok(ProposalState::Succeeded));
    let (eta, _): (u32, u32) = suite.hub_call(Chain::alice(), "queue", id).expect("queued");
    eta
}

/// Drives a new proposal with `actions` to Queued and waits for its eta; returns its id.
fn queued(suite: &mut Suite, actions: Vec<Action>) -> u32 {
    let id = submit(suite, actions).expect("submitted");
    to_voting(suite, id);
    let eta = pass_and_queue(suite, id);
    let now = suite.chain.block();
    suite.chain.advance_to(eta.max(now));
    id
}

fn execute(suite: &mut Suite, id: u32) -> Result<(), ProposalError> {
    suite.hub_call(Chain::alice(), "execute", id)
}

/// `writer` appends `(kind, subject, actor, payload)` to the suite's log.
fn append(
    suite: &mut Suite,
    writer: AccountId,
    kind: LogKind,
    subject: Subject,
    actor: AccountId,
    payload: [u8; 32],
) -> Result<(u64, [u8; 32]), LogError> {
    suite
        .chain
        .call(
            suite.log,
            writer,
            "DecisionLog::append",
            (kind, subject, actor, payload),
        )
        .expect("dispatch")
}

fn veto(suite: &mut Suite, who: AccountId, id: u32) -> Result<(), ProposalError> {
    suite
        .chain
        .call(suite.hub, who, "veto", (id, blake2_256(b"unsafe")))
        .expect("dispatch")
}

fn proposal(suite: &mut Suite, id: u32) -> Proposal {
    let p: Option<Proposal> = suite.chain.query(suite.hub, "proposal", id);
    p.expect("proposal exists")
}

fn member(suite: &mut Suite, account: AccountId) -> Option<Member> {
    suite
        .chain
        .query(suite.registry, "MemberRegistry::member", account)
}

fn proposal_count(suite: &mut Suite) -> u32 {
    suite.chain.query(suite.hub, "proposal_count", ())
}

/// What a refused call must leave alone: the log head, the treasury and the proposals.
fn snapshot(suite: &mut Suite) -> ((u64, [u8; 32]), u128, u32) {
    let treasury: u128 = suite.chain.query(suite.hub, "treasury", ());
    (suite.log_head(), treasury, proposal_count(suite))
}

/// The scenario of the issue: proposal `change` registers a Safety newcomer and lengthens
/// the voting window to 9 blocks. While it is queued, `voting` is in Voting (opened under
/// the old window) and `reviewing` is in review; then `change` executes.
struct ChangeScenario {
    suite: Suite,
    change: u32,
    voting: u32,
    reviewing: u32,
}

fn change_while_others_are_open() -> ChangeScenario {
    let mut suite = Suite::bootstrap();
    let new_params = HubParams {
        voting_window: 9,
        ..params()
    };
    let change = submit(
        &mut suite,
        vec![
            Action::RegisterMember {
                account: newcomer(),
                profile: newcomer_profile(),
                key: None,
            },
            Action::SetParams { params: new_params },
        ],
    )
    .expect("governance proposal submitted");
    to_voting(&mut suite, change);
    // `voting` enters review now and voting before `change` executes.
    let voting = submit(&mut suite, vec![transfer(1_000)]).expect("submitted");
    everyone_votes(&mut suite, change, VoteChoice::For);
    to_voting(&mut suite, voting);
    assert_eq!(
        close_voting(&mut suite, change),
        Ok(ProposalState::Succeeded)
    );
    let (eta, _): (u32, u32) = suite
        .hub_call(Chain::alice(), "queue", change)
        .expect("queued");
    let reviewing = submit(&mut suite, vec![transfer(2_000)]).expect("submitted");
    suite.chain.advance_to(eta);
    assert_eq!(suite.state(voting), ProposalState::Voting);
    assert_eq!(suite.state(reviewing), ProposalState::InReview);
    assert_eq!(execute(&mut suite, change), Ok(()));
    ChangeScenario {
        suite,
        change,
        voting,
        reviewing,
    }
}

#[test]
fn governance_proposal_adds_a_member_and_changes_the_voting_window() {
    // Given a proposal adding a member and lengthening the voting window, executed,
    let ChangeScenario {
        mut suite, change, ..
    } = change_while_others_are_open();

    // then the newcomer is an active member with the proposed profile,
    let added = member(&mut suite, newcomer()).expect("registered");
    assert_eq!(added.status, MemberStatus::Active);
    assert_eq!(added.profile, newcomer_profile());

    // the parameters in force are version 2 with the new window, version 1 is kept,
    let version: u32 = suite.chain.query(suite.hub, "params_version", ());
    assert_eq!(version, 2);
    let current: HubParams = suite.chain.query(suite.hub, "params", ());
    assert_eq!(current.voting_window, 9);
    let first: Option<HubParams> = suite.chain.query(suite.hub, "params_at", 1u32);
    assert_eq!(first, Some(params()));

    // a proposal submitted now votes for 9 blocks,
    let later = submit(&mut suite, Vec::new()).expect("submitted");
    to_voting(&mut suite, later);
    let p = proposal(&mut suite, later);
    assert_eq!(
        p.voting_closes_at,
        Some(suite.chain.block() + 9),
        "new window"
    );
    assert_eq!(p.params_version, 2);

    // and the log holds the membership change and the parameter change.
    let kinds = suite.log_kinds_of(change);
    for kind in [
        LogKind::ProposalExecuted,
        LogKind::MembershipChanged,
        LogKind::ParameterChanged,
    ] {
        assert!(kinds.contains(&kind), "log lacks {kind:?}: {kinds:?}");
    }
}

#[test]
fn proposal_in_voting_keeps_its_voting_window_after_a_change() {
    // Given proposals opened under the old parameters when the change executed,
    let ChangeScenario {
        mut suite,
        voting,
        reviewing,
        ..
    } = change_while_others_are_open();

    // the one in voting keeps its closing block (5-block window from its review close),
    let p = proposal(&mut suite, voting);
    assert_eq!(p.params_version, 1);
    let opened = p.review_closes_at + 1;
    assert!(p.voting_closes_at.expect("voting") <= opened + 5);

    // and the one in review still opens its ballot with the old 5-block window.
    assert_eq!(proposal(&mut suite, reviewing).params_version, 1);
    approve(&mut suite, reviewing, 1);
    assert_eq!(
        close_review(&mut suite, reviewing),
        Ok(ProposalState::Voting)
    );
    let now = suite.chain.block();
    assert_eq!(
        proposal(&mut suite, reviewing).voting_closes_at,
        Some(now + 5)
    );
}

#[test]
fn governance_proposal_changes_an_agents_operator() {
    // Given a queued proposal handing the efficiency agent to another operator,
    let mut suite = Suite::bootstrap();
    let agent = member(&mut suite, EFFICIENCY_AGENT.account()).expect("founder");
    let new_operator = account(121);
    let profile = MemberProfile {
        operator: Some(new_operator),
        ..agent.profile.clone()
    };
    let id = queued(
        &mut suite,
        vec![Action::UpdateMember {
            account: EFFICIENCY_AGENT.account(),
            profile,
        }],
    );

    // when it executes, the registry records the new operator, logged as a membership change.
    assert_eq!(execute(&mut suite, id), Ok(()));
    let updated = member(&mut suite, EFFICIENCY_AGENT.account()).expect("member");
    assert_eq!(updated.profile.operator, Some(new_operator));
    assert_eq!(updated.profile.weight, agent.profile.weight);
    assert!(suite.log_kinds_of(id).contains(&LogKind::MembershipChanged));
}

#[test]
fn veto_without_weight_at_the_snapshot_is_rejected() {
    // Given a Safety member who joined after the ballot's snapshot,
    let ChangeScenario {
        mut suite, voting, ..
    } = change_while_others_are_open();
    let before = snapshot(&mut suite);

    // when they veto the proposal in voting, it is refused and nothing changes.
    assert_eq!(
        veto(&mut suite, newcomer(), voting),
        Err(ProposalError::NoWeightAtSnapshot)
    );
    assert_eq!(snapshot(&mut suite), before);
    assert_eq!(suite.state(voting), ProposalState::Voting);
}

// ---- pinned external calls -----------------------------------------------------------

/// Deploys the outside contract `Call` actions aim at.
fn deploy_target(suite: &mut Suite, salt: u8) -> AccountId {
    let bundle = BundleProvider::CallTarget.bundle().expect("bundle");
    suite
        .chain
        .deploy(&bundle, "new", (), Chain::alice(), &[salt])
}

/// Uploads the second version of the call target (instantiated with `salt`) and makes
/// `target` swap its code to it (the Tornado Cash takeover).
fn swap_to_v2(suite: &mut Suite, target: AccountId, salt: u8) {
    let v2 = BundleProvider::CallTargetV2.bundle().expect("bundle");
    suite.chain.deploy(&v2, "new", (), Chain::alice(), &[salt]);
    let swapped: Result<(), _> = suite.chain.call(
        target,
        Chain::alice(),
        "swap_code",
        ink::primitives::Hash::from(blake2_256(&v2.wasm)),
    );
    assert!(swapped.is_ok(), "code swapped");
}

fn target_state(suite: &mut Suite, target: AccountId) -> (u32, Option<AccountId>, u128) {
    suite.chain.query(target, "get", ())
}

fn call_set(target: AccountId, value: u32, paid: u128) -> Action {
    Action::Call {
        callee: target,
        selector: selector("set"),
        input: value.encode(),
        value: paid,
    }
}

#[test]
fn call_to_an_external_contract_executes() {
    // Given a queued proposal calling `set(7)` on an outside contract, paying 100,
    let mut suite = Suite::bootstrap();
    let target = deploy_target(&mut suite, 1);
    let id = queued(&mut suite, vec![call_set(target, 7, 100)]);
    let revision: Option<RevisionRecord> = suite.chain.query(suite.hub, "revision", (id, 1u32));
    let code = BundleProvider::CallTarget.bundle().expect("bundle").wasm;
    assert_eq!(
        revision.expect("revision").code_hashes,
        vec![blake2_256(&code)],
        "the callee's code hash is recorded at submission"
    );

    // when it executes,
    assert_eq!(execute(&mut suite, id), Ok(()));

    // then the call ran as the hub, with the value.
    assert_eq!(target_state(&mut suite, target), (7, Some(suite.hub), 100));
    assert_eq!(suite.state(id), ProposalState::Executed);
}

#[test]
fn call_after_the_callee_code_was_swapped_is_rejected() {
    // Given a queued call whose callee then swaps its code (the Tornado Cash takeover),
    let mut suite = Suite::bootstrap();
    let target = deploy_target(&mut suite, 1);
    let id = queued(&mut suite, vec![transfer(10), call_set(target, 7, 0)]);
    swap_to_v2(&mut suite, target, 2);
    let before = snapshot(&mut suite);
    let recipient = suite.chain.balance(RECIPIENT.into());

    // when it is executed, it is refused naming the call, and nothing changes.
    assert_eq!(
        execute(&mut suite, id),
        Err(ProposalError::CalleeCodeChanged { action: 1 })
    );
    assert_eq!(snapshot(&mut suite), before);
    assert_eq!(suite.chain.balance(RECIPIENT.into()), recipient);
    assert_eq!(target_state(&mut suite, target), (0, None, 0));
    assert_eq!(suite.state(id), ProposalState::Queued);
}

#[test]
fn reverting_call_reverts_the_whole_execution() {
    // Given a queued proposal: a transfer, then a call that writes and reverts,
    let mut suite = Suite::bootstrap();
    let target = deploy_target(&mut suite, 1);
    let failing = Action::Call {
        callee: target,
        selector: selector("fail"),
        input: 9u32.encode(),
        value: 0,
    };
    let id = queued(&mut suite, vec![transfer(10), failing]);
    let before = snapshot(&mut suite);
    let recipient = suite.chain.balance(RECIPIENT.into());
    let allowance: u128 = suite.chain.query(suite.hub, "allowance", ());

    // when it is executed, the call's failure reverts everything, the transfer included.
    assert_eq!(
        execute(&mut suite, id),
        Err(ProposalError::ExternalCallFailed { action: 1 })
    );
    assert_eq!(snapshot(&mut suite), before);
    assert_eq!(suite.chain.balance(RECIPIENT.into()), recipient);
    assert_eq!(target_state(&mut suite, target), (0, None, 0));
    let after: u128 = suite.chain.query(suite.hub, "allowance", ());
    assert_eq!(after, allowance, "nothing spent");
    assert_eq!(suite.state(id), ProposalState::Queued);
}

#[test]
fn call_that_reenters_the_hub_is_denied_and_reverts_the_execution() {
    // Given a queued call whose callee calls back into the hub,
    let mut suite = Suite::bootstrap();
    let target = deploy_target(&mut suite, 1);
    let reenter = Action::Call {
        callee: target,
        selector: selector("reenter"),
        input: suite.hub.encode(),
        value: 0,
    };
    let id = queued(&mut suite, vec![reenter]);
    let before = snapshot(&mut suite);

    // when it is executed, the runtime denies the reentry and the whole execution reverts.
    assert_eq!(
        execute(&mut suite, id),
        Err(ProposalError::ExternalCallFailed { action: 0 })
    );
    assert_eq!(snapshot(&mut suite), before);
    assert_eq!(target_state(&mut suite, target), (0, None, 0));
    assert_eq!(suite.state(id), ProposalState::Queued);

    // (called directly, not from the hub, the same message reaches the hub fine.)
    let direct: Result<u32, _> = suite
        .chain
        .call(target, Chain::alice(), "reenter", suite.hub);
    assert_eq!(direct.ok(), Some(id));
}

#[test]
fn call_to_a_suite_contract_is_rejected_at_submission() {
    let mut suite = Suite::bootstrap();
    let before = snapshot(&mut suite);
    for callee in [
        suite.hub,
        suite.registry,
        suite.review,
        suite.voting,
        suite.log,
    ] {
        let call = Action::Call {
            callee,
            selector: selector("Governed::transfer_admin"),
            input: Chain::alice().encode(),
            value: 0,
        };
        assert_eq!(
            submit(&mut suite, vec![call]),
            Err(ProposalError::CallToSuite)
        );
    }
    assert_eq!(snapshot(&mut suite), before);
}

#[test]
fn call_to_an_account_without_code_is_rejected_at_submission() {
    let mut suite = Suite::bootstrap();
    let before = snapshot(&mut suite);
    assert_eq!(
        submit(&mut suite, vec![call_set(account(200), 1, 0)]),
        Err(ProposalError::NotAContract)
    );
    assert_eq!(snapshot(&mut suite), before);
}

// ---- the safety veto -----------------------------------------------------------------

#[test]
fn proposal_vetoed_during_voting_cannot_execute() {
    // Given a proposal in voting,
    let mut suite = Suite::bootstrap();
    let id = submit(&mut suite, vec![transfer(10)]).expect("submitted");
    to_voting(&mut suite, id);
    let open_before: u32 = suite
        .chain
        .query(suite.hub, "open_proposals", CREATIVE_HUMAN.account());

    // when a Safety member vetoes it (threshold 1),
    assert_eq!(veto(&mut suite, SAFETY_HUMAN.account(), id), Ok(()));

    // then it is Vetoed, the veto is recorded and logged, the author's slot is free,
    assert_eq!(suite.state(id), ProposalState::Vetoed);
    let count: u32 = suite.chain.query(suite.hub, "vetoes", id);
    assert_eq!(count, 1);
    let record: Option<Veto> =
        suite
            .chain
            .query(suite.hub, "vetoed_by", (id, SAFETY_HUMAN.account()));
    assert_eq!(record.map(|v| v.reason_hash), Some(blake2_256(b"unsafe")));
    let open_after: u32 = suite
        .chain
        .query(suite.hub, "open_proposals", CREATIVE_HUMAN.account());
    assert_eq!(open_after, open_before - 1);
    let kinds = suite.log_kinds_of(id);
    assert!(kinds.ends_with(&[LogKind::VetoCast, LogKind::ProposalVetoed]));

    // and it can never be closed, queued or executed.
    everyone_votes(&mut suite, id, VoteChoice::For);
    let vetoed = ProposalError::UnexpectedState {
        current: ProposalState::Vetoed,
    };
    assert_eq!(close_voting(&mut suite, id), Err(vetoed));
    assert_eq!(
        suite.hub_call::<(u32, u32)>(Chain::alice(), "queue", id),
        Err(vetoed)
    );
    assert_eq!(execute(&mut suite, id), Err(vetoed));
}

#[test]
fn proposal_vetoed_while_queued_cannot_execute() {
    // Given a queued proposal, vetoed before its eta by the Safety agent,
    let mut suite = Suite::bootstrap();
    let id = submit(&mut suite, vec![transfer(10)]).expect("submitted");
    to_voting(&mut suite, id);
    let eta = pass_and_queue(&mut suite, id);
    assert_eq!(veto(&mut suite, SAFETY_AGENT.account(), id), Ok(()));
    let recipient = suite.chain.balance(RECIPIENT.into());

    // when its eta comes, it cannot execute.
    suite.chain.advance_to(eta);
    assert_eq!(
        execute(&mut suite, id),
        Err(ProposalError::UnexpectedState {
            current: ProposalState::Vetoed
        })
    );
    assert_eq!(suite.chain.balance(RECIPIENT.into()), recipient);
}

#[test]
fn veto_by_a_non_safety_member_is_rejected() {
    let mut suite = Suite::bootstrap();
    let id = submit(&mut suite, Vec::new()).expect("submitted");
    to_voting(&mut suite, id);
    let before = snapshot(&mut suite);
    assert_eq!(
        veto(&mut suite, EFFICIENCY_HUMAN.account(), id),
        Err(ProposalError::NotSafetyMember)
    );
    assert_eq!(
        veto(&mut suite, outsider(), id),
        Err(ProposalError::NoWeightAtSnapshot),
        "a non-member has no weight at the snapshot"
    );
    assert_eq!(snapshot(&mut suite), before);
    assert_eq!(suite.state(id), ProposalState::Voting);
}

#[test]
fn second_veto_by_the_same_member_is_rejected() {
    // Two vetoes are needed, so the first leaves the proposal in voting.
    let mut suite = Suite::bootstrap_with(HubParams {
        veto_threshold: 2,
        ..params()
    });
    let id = submit(&mut suite, Vec::new()).expect("submitted");
    to_voting(&mut suite, id);
    assert_eq!(veto(&mut suite, SAFETY_HUMAN.account(), id), Ok(()));
    assert_eq!(suite.state(id), ProposalState::Voting);
    let before = snapshot(&mut suite);
    assert_eq!(
        veto(&mut suite, SAFETY_HUMAN.account(), id),
        Err(ProposalError::AlreadyVetoed)
    );
    assert_eq!(snapshot(&mut suite), before);
    let count: u32 = suite.chain.query(suite.hub, "vetoes", id);
    assert_eq!(count, 1);
    // A second Safety member reaches the threshold.
    assert_eq!(veto(&mut suite, SAFETY_AGENT.account(), id), Ok(()));
    assert_eq!(suite.state(id), ProposalState::Vetoed);
}

#[test]
fn veto_before_voting_is_rejected() {
    let mut suite = Suite::bootstrap();
    let id = submit(&mut suite, Vec::new()).expect("submitted");
    let before = snapshot(&mut suite);
    assert_eq!(
        veto(&mut suite, SAFETY_HUMAN.account(), id),
        Err(ProposalError::UnexpectedState {
            current: ProposalState::InReview
        })
    );
    assert_eq!(snapshot(&mut suite), before);
}

#[test]
fn veto_after_execution_is_rejected() {
    let mut suite = Suite::bootstrap();
    let id = queued(&mut suite, vec![transfer(10)]);
    assert_eq!(execute(&mut suite, id), Ok(()));
    let before = snapshot(&mut suite);
    assert_eq!(
        veto(&mut suite, SAFETY_HUMAN.account(), id),
        Err(ProposalError::UnexpectedState {
            current: ProposalState::Executed
        })
    );
    assert_eq!(snapshot(&mut suite), before);
}

#[test]
fn veto_is_refused_when_the_threshold_is_zero() {
    let mut suite = Suite::bootstrap_with(HubParams {
        veto_threshold: 0,
        ..params()
    });
    let id = submit(&mut suite, Vec::new()).expect("submitted");
    to_voting(&mut suite, id);
    assert_eq!(
        veto(&mut suite, SAFETY_HUMAN.account(), id),
        Err(ProposalError::VetoDisabled)
    );
    assert_eq!(suite.state(id), ProposalState::Voting);
}

// ---- governance never bricks itself ----------------------------------------------------

#[test]
fn bootstrap_is_not_recorded_when_the_founders_cannot_meet_the_rules() {
    // Given five founders and rules asking for five reviews (an author's peers are four),
    let too_many_reviews = HubParams {
        review_rules: agora_types::ReviewRules {
            min_reviews: 5,
            ..params().review_rules
        },
        ..params()
    };
    let mut suite = Suite::handed_over(too_many_reviews);
    let unmeetable = ProposalError::RulesUnmeetable(UnmeetableRule::MinReviews {
        needed: 5,
        available: 4,
    });

    // the deployer's check names the rule, and the bootstrap is never recorded.
    let check: Result<(), ProposalError> = suite.chain.query(suite.hub, "rules_meetable", ());
    assert_eq!(check, Err(unmeetable));
    let head = suite.log_head();
    let completed: Result<(), ProposalError> = suite
        .chain
        .call(suite.hub, Chain::alice(), "complete_bootstrap", ())
        .expect("dispatch");
    assert_eq!(completed, Err(unmeetable));
    let recorded: bool = suite.chain.query(suite.hub, "bootstrap_recorded", ());
    assert!(!recorded);
    assert_eq!(suite.log_head(), head);

    // With the default rules the same founders pass the check.
    let mut ok = Suite::handed_over(params());
    let check: Result<(), ProposalError> = ok.chain.query(ok.hub, "rules_meetable", ());
    assert_eq!(check, Ok(()));
}

#[test]
fn removing_the_last_safety_member_while_safety_reviews_are_required_fails() {
    // Given a queued proposal removing both Safety members while reviews need Safety,
    let mut suite = Suite::bootstrap();
    let id = queued(
        &mut suite,
        vec![
            Action::RemoveMember {
                account: SAFETY_AGENT.account(),
            },
            Action::RemoveMember {
                account: SAFETY_HUMAN.account(),
            },
        ],
    );
    let before = snapshot(&mut suite);

    // when it is executed, it fails naming the rule, and both stay active.
    assert_eq!(
        execute(&mut suite, id),
        Err(ProposalError::RulesUnmeetable(
            UnmeetableRule::RequiredPerspective(Perspective::Safety)
        ))
    );
    assert_eq!(snapshot(&mut suite), before);
    for founder in [SAFETY_AGENT, SAFETY_HUMAN] {
        let m = member(&mut suite, founder.account()).expect("member");
        assert_eq!(m.status, MemberStatus::Active);
    }
    assert_eq!(suite.state(id), ProposalState::Queued);
}

#[test]
fn removing_one_of_two_safety_members_executes() {
    let mut suite = Suite::bootstrap();
    let id = queued(
        &mut suite,
        vec![Action::RemoveMember {
            account: SAFETY_AGENT.account(),
        }],
    );
    assert_eq!(execute(&mut suite, id), Ok(()));
    let m = member(&mut suite, SAFETY_AGENT.account()).expect("member");
    assert_eq!(m.status, MemberStatus::Removed);
}

#[test]
fn raising_the_veto_threshold_above_the_safety_members_is_rejected() {
    // Two members hold Safety: a threshold of 3 could never be reached.
    let mut suite = Suite::bootstrap();
    let before = snapshot(&mut suite);
    let unreachable = HubParams {
        veto_threshold: 3,
        ..params()
    };
    assert_eq!(
        submit(
            &mut suite,
            vec![Action::SetParams {
                params: unreachable
            }]
        ),
        Err(ProposalError::RulesUnmeetable(
            UnmeetableRule::VetoThreshold {
                needed: 3,
                available: 2
            }
        ))
    );
    let too_many_reviews = HubParams {
        review_rules: agora_types::ReviewRules {
            min_reviews: 5,
            ..params().review_rules
        },
        ..params()
    };
    assert_eq!(
        submit(
            &mut suite,
            vec![Action::SetParams {
                params: too_many_reviews
            }]
        ),
        Err(ProposalError::RulesUnmeetable(UnmeetableRule::MinReviews {
            needed: 5,
            available: 4
        }))
    );
    assert_eq!(snapshot(&mut suite), before);
    let reachable = HubParams {
        veto_threshold: 2,
        ..params()
    };
    assert!(submit(&mut suite, vec![Action::SetParams { params: reachable }]).is_ok());
}

#[test]
fn parameter_outside_its_bounds_is_rejected_at_submission() {
    let mut suite = Suite::bootstrap();
    let before = snapshot(&mut suite);
    for (params, param) in [
        (
            HubParams {
                timelock: 0,
                ..params()
            },
            HubParam::Timelock,
        ),
        (
            HubParams {
                voting_rules: agora_types::VotingRules {
                    quorum_bps: 1,
                    ..params().voting_rules
                },
                ..params()
            },
            HubParam::VotingRules,
        ),
        (
            HubParams {
                review_window: 1,
                ..params()
            },
            HubParam::ReviewWindow,
        ),
        (
            HubParams {
                spending_period: 1,
                ..params()
            },
            HubParam::SpendingPeriod,
        ),
    ] {
        assert_eq!(
            submit(&mut suite, vec![Action::SetParams { params }]),
            Err(ProposalError::ParameterOutOfBounds(param))
        );
    }
    assert_eq!(snapshot(&mut suite), before);
}

#[test]
fn revoking_or_reauthorizing_a_writer_the_lifecycle_needs_is_rejected_at_submission() {
    let mut suite = Suite::bootstrap();
    let before = snapshot(&mut suite);
    for writer in [suite.hub, suite.review, suite.voting] {
        assert_eq!(
            submit(&mut suite, vec![Action::RevokeWriter { writer }]),
            Err(ProposalError::WriterRequired)
        );
        // Authorizing it again could only fail at execution (AlreadyWriter), after a whole
        // review and vote.
        assert_eq!(
            submit(&mut suite, vec![Action::AuthorizeWriter { writer }]),
            Err(ProposalError::WriterRequired)
        );
    }
    assert_eq!(snapshot(&mut suite), before);
}

#[test]
fn log_writer_changes_execute_and_are_logged_by_the_log() {
    let mut suite = Suite::bootstrap();
    let auditor = account(120);
    let id = queued(
        &mut suite,
        vec![Action::AuthorizeWriter { writer: auditor }],
    );
    assert_eq!(execute(&mut suite, id), Ok(()));
    let kinds: Option<KindSet> = suite
        .chain
        .query(suite.log, "DecisionLog::writer_kinds", auditor);
    assert_eq!(
        kinds,
        Some(EXTERNAL_KINDS),
        "governance grants external kinds only"
    );
    // A writer of external kinds holds no privilege over the suite's record.
    let complete: bool = suite.chain.query(suite.hub, "bootstrap_complete", ());
    assert!(complete);
    let id = queued(&mut suite, vec![Action::RevokeWriter { writer: auditor }]);
    assert_eq!(execute(&mut suite, id), Ok(()));
    let complete: bool = suite.chain.query(suite.hub, "bootstrap_complete", ());
    assert!(complete);
    let kinds: Vec<LogKind> = suite.log_entries().iter().map(|e| e.entry.kind).collect();
    assert!(kinds.contains(&LogKind::WriterAuthorized) && kinds.contains(&LogKind::WriterRevoked));
}

#[test]
fn writer_changes_that_would_fail_at_execution_are_refused_at_submission() {
    // Given a suite whose only writers are its own, and one external writer governance added
    let mut suite = Suite::bootstrap();
    let (auditor, stranger) = (account(122), account(123));
    let id = queued(
        &mut suite,
        vec![Action::AuthorizeWriter { writer: auditor }],
    );
    assert_eq!(execute(&mut suite, id), Ok(()));
    let before = snapshot(&mut suite);

    // When a proposal authorizes a writer again, revokes an account that writes nothing, or
    // names one writer twice in one list
    for (actions, refused) in [
        (
            vec![Action::AuthorizeWriter { writer: auditor }],
            LogError::AlreadyWriter,
        ),
        (
            vec![Action::RevokeWriter { writer: stranger }],
            LogError::UnknownWriter,
        ),
        (
            vec![
                Action::AuthorizeWriter { writer: stranger },
                Action::AuthorizeWriter { writer: stranger },
            ],
            LogError::AlreadyWriter,
        ),
        (
            vec![
                Action::RevokeWriter { writer: auditor },
                Action::RevokeWriter { writer: auditor },
            ],
            LogError::UnknownWriter,
        ),
    ] {
        // Then it is refused at submission with the log's own error, and nothing changes
        assert_eq!(
            submit(&mut suite, actions.clone()),
            Err(ProposalError::Log(refused)),
            "{actions:?}"
        );
    }
    assert_eq!(snapshot(&mut suite), before);

    // While a list that revokes and authorizes again in order is accepted
    assert!(submit(
        &mut suite,
        vec![
            Action::RevokeWriter { writer: auditor },
            Action::AuthorizeWriter { writer: auditor },
        ],
    )
    .is_ok());
}

#[test]
fn a_writer_added_by_governance_cannot_forge_a_suite_entry() {
    // Given an outside writer that governance authorized
    let mut suite = Suite::bootstrap();
    let outsider = account(121);
    suite.chain.fund(outsider);
    let id = queued(
        &mut suite,
        vec![Action::AuthorizeWriter { writer: outsider }],
    );
    assert_eq!(execute(&mut suite, id), Ok(()));
    let before = suite.log_head();

    // When it appends an execution of a proposal that never existed, a bootstrap, an admin
    // handover or a ballot
    for kind in [
        LogKind::ProposalExecuted,
        LogKind::BootstrapCompleted,
        LogKind::AdminTransferred,
        LogKind::BallotClosed,
    ] {
        let hub = suite.hub;
        let r = append(
            &mut suite,
            outsider,
            kind,
            Subject::Proposal(999),
            hub,
            [7u8; 32],
        );
        // Then the log refuses it and nothing is written
        let expected = if kind == LogKind::AdminTransferred {
            LogError::ReservedKind
        } else {
            LogError::KindNotAllowed
        };
        assert_eq!(r, Err(expected), "{kind:?}");
    }
    // Nor can it pad the suite's own history (verify-deployment replays every entry about
    // the suite) with an external entry about it
    let r = append(
        &mut suite,
        outsider,
        LogKind::External(1),
        Subject::Suite,
        outsider,
        [8u8; 32],
    );
    assert_eq!(r, Err(LogError::SubjectNotAllowed));
    assert_eq!(suite.log_head(), before);

    // While its own kind is written, stamped with it as the writer, and the writers'
    // replay of the whole log accepts every entry.
    let r = append(
        &mut suite,
        outsider,
        LogKind::External(1),
        Subject::Member(outsider),
        outsider,
        [8u8; 32],
    );
    let (index, _) = r.expect("external kind appended");
    let entries = suite.log_entries();
    assert_eq!(entries[index as usize].entry.writer, outsider);
    assert_eq!(verify_writers(&entries), Ok(()));
    assert!(entries
        .iter()
        .filter(|e| e.entry.kind != LogKind::External(1))
        .all(|e| e.entry.writer != outsider));
}

// ---- spending caps -------------------------------------------------------------------

#[test]
fn transfers_over_the_per_proposal_cap_are_rejected_at_submission() {
    let mut suite = Suite::bootstrap();
    let before = snapshot(&mut suite);
    let cap = params().max_spend_per_proposal;
    assert_eq!(
        submit(&mut suite, vec![transfer(cap / 2), transfer(cap / 2 + 1)]),
        Err(ProposalError::ProposalSpendCapExceeded { cap })
    );
    assert_eq!(snapshot(&mut suite), before);
    assert!(submit(&mut suite, vec![transfer(cap / 2), transfer(cap / 2)]).is_ok());
}

#[test]
fn second_transfer_in_a_period_waits_for_the_next_period() {
    // Given two queued proposals of 1 000 000 each, a period cap of 1 500 000 per 100
    // blocks, and a grace period long enough to reach the next period,
    let mut suite = Suite::bootstrap_with(HubParams {
        grace_period: 200,
        ..params()
    });
    let first = submit(&mut suite, vec![transfer(1_000_000)]).expect("submitted");
    let second = submit(&mut suite, vec![transfer(1_000_000)]).expect("submitted");
    for id in [first, second] {
        approve(&mut suite, id, 1);
    }
    for id in [first, second] {
        assert_eq!(close_review(&mut suite, id), Ok(ProposalState::Voting));
        everyone_votes(&mut suite, id, VoteChoice::For);
    }
    let mut eta = 0;
    for id in [first, second] {
        assert_eq!(close_voting(&mut suite, id), Ok(ProposalState::Succeeded));
        let (e, _): (u32, u32) = suite.hub_call(Chain::alice(), "queue", id).expect("queued");
        eta = e;
    }
    suite.chain.advance_to(eta);
    assert!(eta % 100 < 90, "both run in one period (eta {eta})");

    // when both are executed in the same period,
    assert_eq!(execute(&mut suite, first), Ok(()));
    let left: u128 = suite.chain.query(suite.hub, "allowance", ());
    assert_eq!(left, 500_000);
    let before = snapshot(&mut suite);

    // then the second waits (still Queued, nothing spent) for the next period.
    assert_eq!(
        execute(&mut suite, second),
        Err(ProposalError::PeriodCapExceeded { available: 500_000 })
    );
    assert_eq!(snapshot(&mut suite), before);
    assert_eq!(suite.state(second), ProposalState::Queued);
    suite.chain.advance_to((eta / 100 + 1) * 100);
    let fresh: u128 = suite.chain.query(suite.hub, "allowance", ());
    assert_eq!(fresh, 1_500_000);
    assert_eq!(execute(&mut suite, second), Ok(()));
    let left: u128 = suite.chain.query(suite.hub, "allowance", ());
    assert_eq!(left, 500_000);
}

#[test]
fn accept_admins_after_the_handover_accepts_nothing_and_changes_nothing() {
    let mut suite = Suite::bootstrap();
    let before = snapshot(&mut suite);
    let log_len = suite.log_entries().len();
    let stranger = account(201);
    suite.chain.fund(stranger);
    let accepted: Result<u32, ProposalError> = suite
        .chain
        .call(suite.hub, stranger, "accept_admins", ())
        .expect("dispatch");
    assert_eq!(accepted, Ok(0));
    for contract in [suite.registry, suite.review, suite.voting, suite.log] {
        let admin: AccountId = suite.chain.query(contract, "Governed::admin", ());
        let pending: Option<AccountId> = suite.chain.query(contract, "Governed::pending_admin", ());
        assert_eq!((admin, pending), (suite.hub, None));
    }
    assert_eq!(snapshot(&mut suite), before);
    assert_eq!(suite.log_entries().len(), log_len);
}

// ---- succession ----------------------------------------------------------------------

/// The code hash of the hub's release bundle (every suite's hub runs it).
fn hub_code_hash() -> [u8; 32] {
    blake2_256(&bundle(BundleProvider::Proposals).wasm)
}

fn succession(successor: AccountId, code_hash: [u8; 32]) -> Action {
    Action::Succession {
        successor,
        code_hash,
    }
}

#[test]
fn succession_hands_the_treasury_on_seals_the_log_and_retires_the_hub() {
    // Given a suite with a treasury and a successor suite whose log anchors this one's head
    let mut suite = Suite::bootstrap();
    let (anchored_len, anchored_head) = suite.log_head();
    let next = suite.deploy_successor(params());
    let anchor: Option<LogAnchor> = suite.chain.query(next.log, "predecessor", ());
    assert_eq!(
        anchor,
        Some(LogAnchor {
            log: suite.log,
            len: anchored_len,
            head: anchored_head
        })
    );
    let first: Result<HashedEntry, LogError> = suite.chain.query(next.log, "entry", 0u64);
    let first = first.expect("the anchor").entry;
    assert_eq!(
        (first.kind, first.subject, first.actor, first.payload_hash),
        (LogKind::Anchored, Subject::Suite, suite.log, anchored_head)
    );
    let complete: bool = suite.chain.query(next.hub, "bootstrap_complete", ());
    assert!(complete, "an anchored log is no planted state");

    // When governance passes and executes the succession
    let id = queued(&mut suite, vec![succession(next.hub, hub_code_hash())]);
    let treasury: u128 = suite.chain.query(suite.hub, "treasury", ());
    let received = suite.chain.balance(next.hub);
    assert_eq!(execute(&mut suite, id), Ok(()));

    // Then the whole treasury moved, beyond the spending caps, to the successor's hub
    assert!(treasury > params().max_spend_per_proposal);
    let left: u128 = suite.chain.query(suite.hub, "treasury", ());
    assert_eq!(left, 0);
    assert_eq!(suite.chain.balance(next.hub), received + treasury);
    let successor: Option<AccountId> = suite.chain.query(suite.hub, "successor", ());
    assert_eq!(successor, Some(next.hub));

    // and the old log's last entry seals it, naming the successor
    let entries = suite.log_entries();
    let last = &entries.last().expect("entries").entry;
    assert_eq!(
        (last.kind, last.subject, last.actor, last.writer),
        (LogKind::Sealed, Subject::Suite, next.hub, suite.hub)
    );
    assert_eq!(
        last.payload_hash,
        sealed_payload(id, &hub_code_hash(), treasury)
    );
    assert_eq!(
        entries[entries.len() - 2].entry.kind,
        LogKind::ProposalExecuted
    );
    assert_eq!(verify_writers(&entries), Ok(()));
    let sealed_by: Option<AccountId> = suite.chain.query(suite.log, "successor", ());
    assert_eq!(sealed_by, Some(next.hub));
    // The new log's anchor is a position of the old chain.
    assert_eq!(entries[anchored_len as usize - 1].hash, anchored_head);
}

#[test]
fn a_retired_hub_refuses_everything_but_forwards_late_funds() {
    // Given a suite that was succeeded while another proposal was in review
    let mut suite = Suite::bootstrap();
    let next = suite.deploy_successor(params());
    let pending = submit(&mut suite, vec![transfer(10)]).expect("submitted");
    let id = queued(&mut suite, vec![succession(next.hub, hub_code_hash())]);
    assert_eq!(execute(&mut suite, id), Ok(()));
    let head = suite.log_head();

    // When anyone submits, moves a proposal on or deposits
    assert_eq!(
        submit(&mut suite, vec![transfer(10)]),
        Err(ProposalError::Retired)
    );
    assert_eq!(
        suite.hub_call::<ProposalState>(Chain::alice(), "close_review", pending),
        Err(ProposalError::Retired)
    );
    let deposited: Result<(), ProposalError> = suite
        .chain
        .call_payable(suite.hub, Chain::alice(), "deposit", (), 1_000)
        .expect("dispatch");
    // Then each is refused and the sealed log is unchanged
    assert_eq!(deposited, Err(ProposalError::Retired));
    assert_eq!(suite.log_head(), head);
    // Nor can any writer append to the sealed log.
    let (voting, hub) = (suite.voting, suite.hub);
    let appended = append(
        &mut suite,
        voting,
        LogKind::BallotOpened,
        Subject::Proposal(pending),
        hub,
        [0u8; 32],
    );
    assert_eq!(appended, Err(LogError::Sealed));

    // While value that reaches the retired hub anyway is forwarded by anyone
    let before = suite.chain.balance(next.hub);
    let late: Result<u128, ProposalError> = suite
        .chain
        .call_payable(suite.hub, Chain::alice(), "sweep", (), 0)
        .expect("dispatch");
    assert_eq!(late, Ok(0));
    suite.chain.fund(suite.hub);
    suite.chain.fund(outsider());
    let swept: Result<u128, ProposalError> = suite
        .chain
        .call(suite.hub, outsider(), "sweep", ())
        .expect("dispatch");
    let swept = swept.expect("swept");
    assert!(swept > 0);
    assert_eq!(suite.chain.balance(next.hub), before + swept);
}

#[test]
fn sweep_of_an_active_hub_is_rejected() {
    let mut suite = Suite::bootstrap();
    suite.chain.fund(outsider());
    let before = snapshot(&mut suite);
    let r: Result<u128, ProposalError> = suite
        .chain
        .call(suite.hub, outsider(), "sweep", ())
        .expect("dispatch");
    assert_eq!(r, Err(ProposalError::NotRetired));
    assert_eq!(snapshot(&mut suite), before);
}

#[test]
fn a_succession_not_alone_to_the_suite_or_to_other_code_is_refused_at_submission() {
    let mut suite = Suite::bootstrap();
    let next = suite.deploy_successor(params());
    let before = snapshot(&mut suite);
    let no_code = account(124);
    for (actions, refused) in [
        (
            vec![transfer(10), succession(next.hub, hub_code_hash())],
            ProposalError::SuccessionNotAlone,
        ),
        (
            vec![succession(suite.log, hub_code_hash())],
            ProposalError::InvalidSuccessor,
        ),
        (
            vec![succession(suite.hub, hub_code_hash())],
            ProposalError::InvalidSuccessor,
        ),
        (
            vec![succession(AccountId::from([0u8; 32]), hub_code_hash())],
            ProposalError::InvalidSuccessor,
        ),
        (
            vec![succession(no_code, hub_code_hash())],
            ProposalError::NotAContract,
        ),
        (
            vec![succession(next.hub, [7u8; 32])],
            ProposalError::SuccessorCodeMismatch,
        ),
    ] {
        assert_eq!(
            submit(&mut suite, actions.clone()),
            Err(refused),
            "{actions:?}"
        );
    }
    assert_eq!(snapshot(&mut suite), before);
}

/// A contract posing as a successor's hub (the test contract's `pose_as_hub`) wired to
/// `log`, retired if `retired`; returns it and its code hash.
fn posing_hub(suite: &mut Suite, salt: u8, log: AccountId, retired: bool) -> (AccountId, [u8; 32]) {
    let target = deploy_target(suite, salt);
    let r: Result<(), _> = suite
        .chain
        .call(target, Chain::alice(), "pose_as_hub", (log, retired));
    assert!(r.is_ok(), "posing");
    let code = blake2_256(&BundleProvider::CallTarget.bundle().expect("bundle").wasm);
    (target, code)
}

/// A log anchoring `predecessor`, deployed on its own (salt `salt`).
fn anchoring_log(suite: &mut Suite, predecessor: AccountId, salt: u8) -> AccountId {
    suite.chain.deploy(
        &bundle(BundleProvider::DecisionLog),
        "succeeding",
        predecessor,
        Chain::alice(),
        &[salt],
    )
}

#[test]
fn a_succession_to_a_hub_that_cannot_take_the_suite_is_refused_at_submission() {
    // Given hubs that are not bootstrapped, are retired, or whose log anchors another log
    let mut suite = Suite::bootstrap();
    let log = suite.log;
    let anchoring = anchoring_log(&mut suite, log, 5);
    let plain_log = suite.chain.deploy(
        &bundle(BundleProvider::DecisionLog),
        "new",
        (),
        Chain::alice(),
        &[6],
    );
    let not_posing = deploy_target(&mut suite, 7);
    let code = blake2_256(&BundleProvider::CallTarget.bundle().expect("bundle").wasm);
    let (retired, _) = posing_hub(&mut suite, 8, anchoring, true);
    let (elsewhere, _) = posing_hub(&mut suite, 9, plain_log, false);
    let other_log = anchoring_log(&mut suite, plain_log, 11);
    let (other_suite, _) = posing_hub(&mut suite, 10, other_log, false);
    let before = snapshot(&mut suite);
    // When a succession names one, it is refused: the treasury would be stranded or handed
    // to a suite that does not continue this one
    for (successor, refused) in [
        (not_posing, ProposalError::SuccessorNotBootstrapped),
        (retired, ProposalError::SuccessorNotBootstrapped),
        (elsewhere, ProposalError::SuccessorDoesNotAnchor),
        (other_suite, ProposalError::SuccessorDoesNotAnchor),
    ] {
        assert_eq!(
            submit(&mut suite, vec![succession(successor, code)]),
            Err(refused),
            "{successor:?}"
        );
    }
    assert_eq!(snapshot(&mut suite), before);
    // While one that continues this suite is accepted.
    let (ready, _) = posing_hub(&mut suite, 12, anchoring, false);
    assert!(submit(&mut suite, vec![succession(ready, code)]).is_ok());
}

#[test]
fn a_second_successor_of_a_sealed_log_is_refused() {
    // Given a suite that was handed on
    let mut suite = Suite::bootstrap();
    let next = suite.deploy_successor(params());
    let id = queued(&mut suite, vec![succession(next.hub, hub_code_hash())]);
    assert_eq!(execute(&mut suite, id), Ok(()));
    // When someone deploys another log claiming to continue it, the constructor refuses
    let refused = suite.chain.try_deploy(
        &bundle(BundleProvider::DecisionLog),
        "succeeding",
        suite.log,
        Chain::alice(),
        &[13],
        0,
    );
    assert!(refused.is_err(), "two suites cannot continue one history");
}

#[test]
fn succession_after_the_successor_code_changed_is_rejected() {
    // Given a queued succession to a hub (here one posing as it) that then swaps its code
    let mut suite = Suite::bootstrap();
    let log = suite.log;
    let anchoring = anchoring_log(&mut suite, log, 3);
    let (target, code) = posing_hub(&mut suite, 3, anchoring, false);
    let id = queued(&mut suite, vec![succession(target, code)]);
    swap_to_v2(&mut suite, target, 4);
    let before = snapshot(&mut suite);
    // When it is executed, it is refused, and nothing moves
    assert_eq!(
        execute(&mut suite, id),
        Err(ProposalError::SuccessorCodeChanged)
    );
    assert_eq!(snapshot(&mut suite), before);
    let successor: Option<AccountId> = suite.chain.query(suite.hub, "successor", ());
    assert_eq!(successor, None);
}

#[test]
fn a_log_cannot_anchor_an_account_that_is_no_log() {
    let mut chain = Chain::new();
    let log_bundle = bundle(BundleProvider::DecisionLog);
    let refused = chain.try_deploy(
        &log_bundle,
        "succeeding",
        account(125),
        Chain::alice(),
        &[],
        0,
    );
    assert!(
        refused.is_err(),
        "no head() answered at an account without code"
    );
}
