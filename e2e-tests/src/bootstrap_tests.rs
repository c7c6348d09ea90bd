//! The bootstrap check (#18 §1): while the deployer is still every admin it can plant state
//! or wire in a contract the hub was not built over. Each test plants one kind, hands the
//! admins over as an operator would, and shows that `complete_bootstrap` refuses naming it,
//! that nothing changed (no log entry, not recorded) and that nothing can be submitted.

use crate::{harness::Chain, suite::*};
use agora_types::{
    Action, BallotId, BootstrapFault, Callee, KindSet, LogError, LogKind, ProposalError,
    RegistryError, ReviewError, Subject, VotingError, HUB_KINDS, VOTING_KINDS,
};

/// Hands the admins over and shows the refusal: `complete_bootstrap` fails with `fault`,
/// `bootstrap_fault` names it, the log and the record are unchanged, and a founder's
/// proposal is refused because the bootstrap is not recorded.
fn assert_refused(mut suite: Suite, fault: BootstrapFault) {
    suite.hand_over();
    let named: Option<BootstrapFault> = suite.chain.query(suite.hub, "bootstrap_fault", ());
    assert_eq!(named, Some(fault));
    let complete: bool = suite.chain.query(suite.hub, "bootstrap_complete", ());
    assert!(!complete);
    let head = suite.log_head();
    let r = complete_bootstrap(&mut suite);
    assert_eq!(r, Err(ProposalError::BootstrapIncomplete(fault)));
    assert_eq!(suite.log_head(), head, "the refusal appends nothing");
    let recorded: bool = suite.chain.query(suite.hub, "bootstrap_recorded", ());
    assert!(!recorded);
    let submitted = submit(&mut suite);
    assert_eq!(submitted, Err(ProposalError::NotBootstrapped));
}

/// A founder's proposal with no actions.
fn submit(suite: &mut Suite) -> Result<u32, ProposalError> {
    suite
        .chain
        .call(
            suite.hub,
            EFFICIENCY_HUMAN.account(),
            "submit",
            ([1u8; 32], String::from("ipfs://p"), Vec::<Action>::new()),
        )
        .expect("dispatch")
}

/// Alice records the bootstrap.
fn complete_bootstrap(suite: &mut Suite) -> Result<(), ProposalError> {
    suite
        .chain
        .call(suite.hub, Chain::alice(), "complete_bootstrap", ())
        .expect("dispatch")
}

fn deployed() -> Suite {
    Suite::deployed(params(), |_, _| {})
}

#[test]
fn an_honest_deployment_holds_only_the_bootstrap_state_and_is_recorded() {
    let mut suite = Suite::handed_over(params());
    let named: Option<BootstrapFault> = suite.chain.query(suite.hub, "bootstrap_fault", ());
    assert_eq!(named, None);
    // The log holds the three writer authorizations and its own handover, nothing else.
    let writers: u64 = suite.chain.query(
        suite.log,
        "DecisionLog::kind_count",
        LogKind::WriterAuthorized,
    );
    let handovers: u64 = suite.chain.query(
        suite.log,
        "DecisionLog::kind_count",
        LogKind::AdminTransferred,
    );
    assert_eq!((writers, handovers, suite.log_head().0), (3, 1, 4));
    let expected: agora_types::SuiteCodeHashes =
        suite.chain.query(suite.hub, "expected_code_hashes", ());
    assert_eq!(expected, expected_code_hashes());
    let founders: agora_types::FounderSet = suite.chain.query(suite.hub, "founders", ());
    assert_eq!(founders, founder_set(&FOUNDERS));
    let r = complete_bootstrap(&mut suite);
    assert_eq!(r, Ok(()));
    // Once recorded the state is governance's: a proposal opens a round and the
    // privileges still check out.
    suite.chain.advance(2);
    let submitted = submit(&mut suite);
    assert_eq!(submitted, Ok(1));
    let named: Option<BootstrapFault> = suite.chain.query(suite.hub, "bootstrap_fault", ());
    assert_eq!(named, None);
}

#[test]
fn a_review_round_planted_before_the_handover_is_refused() {
    // The review's example: a round for proposal 1 revision 1 would make the first real
    // proposal's `open_round` fail with `RoundExists` forever.
    let mut suite = deployed();
    let closes_at = suite.chain.block() + 10;
    let r: Result<(), ReviewError> = suite
        .chain
        .call(
            suite.review,
            Chain::alice(),
            "ReviewRounds::open_round",
            (
                1u32,
                1u32,
                Chain::alice(),
                [0u8; 32],
                closes_at,
                params().review_rules,
            ),
        )
        .expect("dispatch");
    r.expect("the deployer, still admin, opens a round");
    assert_refused(suite, BootstrapFault::PlantedState(Callee::Review));
}

#[test]
fn a_ballot_planted_before_the_handover_is_refused() {
    let mut suite = deployed();
    suite.chain.advance(2);
    let now = suite.chain.block();
    let r: Result<(), VotingError> = suite
        .chain
        .call(
            suite.voting,
            Chain::alice(),
            "Ballots::open_ballot",
            (
                BallotId::decision(1),
                now - 1,
                now + 10,
                params().voting_rules,
            ),
        )
        .expect("dispatch");
    r.expect("the deployer, still admin, opens a ballot");
    assert_refused(suite, BootstrapFault::PlantedState(Callee::Voting));
}

#[test]
fn a_member_beyond_the_named_founders_is_refused() {
    let mut suite = deployed();
    let extra = Founder {
        bytes: [77; 32],
        ..SAFETY_HUMAN
    };
    suite.register(extra, FOUNDER_WEIGHT);
    assert_refused(suite, BootstrapFault::FoundersDiffer);
}

#[test]
fn founders_registered_otherwise_than_named_are_refused() {
    // The hub names the safety agent with its own key; the registry holds the key the
    // deployer chose (one it could sign with), and a missing founder is caught the same way.
    let planted_key = Founder {
        key_seed: Some(99),
        ..SAFETY_AGENT
    };
    let named = [
        SAFETY_HUMAN,
        EFFICIENCY_HUMAN,
        CREATIVE_HUMAN,
        EFFICIENCY_AGENT,
        planted_key,
    ];
    let suite = Suite::deployed(params(), |_, args| args.founders = founder_set(&named));
    assert_refused(suite, BootstrapFault::FoundersDiffer);
    let suite = Suite::deployed(params(), |_, args| {
        args.founders = founder_set(&FOUNDERS[..4]);
    });
    assert_refused(suite, BootstrapFault::FoundersDiffer);
}

#[test]
fn a_founder_changed_after_registration_is_refused() {
    let mut suite = deployed();
    let r: Result<(), RegistryError> = suite
        .chain
        .call(
            suite.registry,
            Chain::alice(),
            "MemberRegistry::suspend_member",
            SAFETY_HUMAN.account(),
        )
        .expect("dispatch");
    r.expect("suspended");
    let r: Result<(), RegistryError> = suite
        .chain
        .call(
            suite.registry,
            Chain::alice(),
            "MemberRegistry::reinstate_member",
            SAFETY_HUMAN.account(),
        )
        .expect("dispatch");
    r.expect("reinstated: the registrations alone look as named");
    assert_refused(suite, BootstrapFault::PlantedState(Callee::Registry));
}

#[test]
fn a_forged_log_entry_planted_before_the_handover_is_refused() {
    // The deployer makes itself a writer, appends an execution that never happened and
    // revokes itself again, so the writers are exactly the suite's.
    let mut suite = deployed();
    let alice = Chain::alice();
    let log = suite.log;
    let r: Result<(), LogError> = suite
        .chain
        .call(
            log,
            alice,
            "DecisionLog::authorize_writer",
            (alice, HUB_KINDS),
        )
        .expect("dispatch");
    r.expect("authorized");
    let r: Result<(u64, [u8; 32]), LogError> = suite
        .chain
        .call(
            log,
            alice,
            "DecisionLog::append",
            (
                LogKind::ProposalExecuted,
                Subject::Proposal(1),
                alice,
                [7u8; 32],
            ),
        )
        .expect("dispatch");
    r.expect("forged entry appended");
    let r: Result<(), LogError> = suite
        .chain
        .call(log, alice, "DecisionLog::revoke_writer", alice)
        .expect("dispatch");
    r.expect("revoked");
    assert_refused(suite, BootstrapFault::PlantedState(Callee::Log));
}

#[test]
fn a_suite_writer_authorized_for_other_kinds_is_refused() {
    // The deployer lets voting also write the hub's kinds (a voting contract that could
    // then record executions), by revoking it and authorizing it again with more.
    let mut suite = deployed();
    let (alice, log, voting) = (Chain::alice(), suite.log, suite.voting);
    let r: Result<(), LogError> = suite
        .chain
        .call(log, alice, "DecisionLog::revoke_writer", voting)
        .expect("dispatch");
    r.expect("revoked");
    let wider = KindSet(VOTING_KINDS.0 | HUB_KINDS.0);
    let r: Result<(), LogError> = suite
        .chain
        .call(log, alice, "DecisionLog::authorize_writer", (voting, wider))
        .expect("dispatch");
    r.expect("authorized with more kinds");
    // The extra writer entries are planted state before the handover is even looked at.
    assert_refused(suite, BootstrapFault::PlantedState(Callee::Log));

    // Authorized once with the wrong kinds (no extra entries): the writers are not the
    // suite's.
    let suite = Suite::deployed_with_writer_kinds(
        params(),
        |_, _| {},
        |kinds| kinds[2] = KindSet(VOTING_KINDS.0 | HUB_KINDS.0),
    );
    assert_refused(suite, BootstrapFault::WritersNotSuite);
}

#[test]
fn a_contract_running_other_code_is_refused() {
    // A look-alike at the review address: here the voting contract, which answers `admin`
    // and every other `Governed` message just as well.
    let suite = Suite::deployed(params(), |_, args| args.review = args.voting);
    assert_refused(suite, BootstrapFault::UnexpectedCode(Callee::Review));
    // The expectation itself must match what runs.
    let suite = Suite::deployed(params(), |_, args| args.expected_code.log = [9; 32]);
    assert_refused(suite, BootstrapFault::UnexpectedCode(Callee::Log));
}

#[test]
fn genuine_contracts_wired_to_another_registry_or_chain_are_refused() {
    // Genuine peer-review code reading a second registry the deployer keeps.
    let suite = Suite::deployed(params(), |chain, args| {
        let other = chain.deploy(
            &bundle(BundleProvider::AgentRegistry),
            "new",
            String::from(TAG),
            Chain::alice(),
            &[1],
        );
        args.review = chain.deploy(
            &bundle(BundleProvider::PeerReview),
            "new",
            (other, args.log),
            Chain::alice(),
            &[1],
        );
    });
    assert_refused(suite, BootstrapFault::Miswired(Callee::Review));
    // Genuine voting code binding another chain tag.
    let suite = Suite::deployed(params(), |chain, args| {
        args.voting = chain.deploy(
            &bundle(BundleProvider::Voting),
            "new",
            (String::from("agora-elsewhere"), args.registry, args.log),
            Chain::alice(),
            &[1],
        );
    });
    assert_refused(suite, BootstrapFault::Miswired(Callee::Voting));
}

#[test]
fn the_deployer_reads_planted_state_before_handing_over() {
    // The state is checked before the admins, so `bootstrap_fault` tells an operator what
    // is wrong while the handover can still be withheld; honest, only the admins are left.
    let mut honest = deployed();
    let fault: Option<BootstrapFault> = honest.chain.query(honest.hub, "bootstrap_fault", ());
    assert_eq!(fault, Some(BootstrapFault::AdminNotHub(Callee::Registry)));
    let mut planted = deployed();
    planted.register(
        Founder {
            bytes: [78; 32],
            ..CREATIVE_HUMAN
        },
        FOUNDER_WEIGHT,
    );
    let fault: Option<BootstrapFault> = planted.chain.query(planted.hub, "bootstrap_fault", ());
    assert_eq!(fault, Some(BootstrapFault::FoundersDiffer));
}
