//! The scenarios the `#[ink_e2e::test]`s in `tests/` run, one deployment each.

use crate::*;
use agora_types::{
    verify_hashed_chain, verify_writers, BallotId, HashedEntry, LogError, LogKind, ProposalError,
    ProposalState, RevisionRecord, Subject, Verdict, Vote, VoteChoice, VotingError, EXTERNAL_KINDS,
};

/// Turns a contract's typed `Err` into a step failure naming `what`.
fn ok<T, E: std::fmt::Debug>(what: &str, r: Result<T, E>) -> StepResult<T> {
    r.map_err(|e| format!("{what}: {e:?}").into())
}

/// The seed scenario on the node. Bootstrap (five contracts, founders with the agents'
/// keys, log writers, every admin to the hub, `complete_bootstrap`), then: a signed agent
/// proposal relayed by a non-member, a change request, a signed revision, approvals from the
/// required perspectives, `close_review`, votes of humans and agents (one relayed with a
/// signature), `close_voting`, `queue`, `execute` after the timelock, the recipient paid
/// from the treasury, and the decision log read back and verified as a hash chain.
pub async fn seed_scenario(client: Client, rpc: RpcClient) -> StepResult<()> {
    // Given the bootstrapped suite with a funded treasury,
    let mut suite = Suite::bootstrap(client, rpc).await?;
    let hub = suite.hub;
    let complete: bool = suite.query(hub, "bootstrap_complete", ()).await?;
    assert!(complete, "no account but the hub holds a privilege");
    let recorded: bool = suite.query(hub, "bootstrap_recorded", ()).await?;
    assert!(recorded, "complete_bootstrap was recorded");
    for contract in [suite.registry, suite.review, suite.voting, suite.log] {
        let admin: AccountId = suite.query(contract, "Governed::admin", ()).await?;
        assert_eq!(admin, hub, "the hub administers {contract:?}");
    }
    let relayer = outsider();
    let recipient_before = suite.balance(RECIPIENT.into()).await?;

    // when the efficiency agent's signed proposal is relayed by a non-member,
    let payload = suite
        .proposal_payload(
            EFFICIENCY_AGENT.account(),
            7,
            "Fund the compute pool",
            grant(),
        )
        .await?;
    let id = ok(
        "submit_signed",
        suite
            .submit_signed(&relayer, EFFICIENCY_AGENT, &payload)
            .await?,
    )?;
    assert_eq!(suite.state(id).await?, ProposalState::InReview);
    assert_eq!(suite.proposal(id).await?.author, EFFICIENCY_AGENT.account());

    // the safety human requests a change with a suggestion,
    ok(
        "change request",
        suite
            .review(
                SAFETY_HUMAN,
                id,
                1,
                Verdict::RequestChanges,
                Some("Cap the grant and report usage monthly"),
            )
            .await?,
    )?;

    // the agent revises (signed, relayed),
    let payload = suite
        .revision_payload(
            EFFICIENCY_AGENT.account(),
            id,
            2,
            "Fund the compute pool, capped, with monthly reports",
            grant(),
        )
        .await?;
    assert_eq!(
        suite
            .revise_signed(&relayer, EFFICIENCY_AGENT, &payload)
            .await?,
        Ok(2)
    );
    let second: Option<RevisionRecord> = suite.query(hub, "revision", (id, 2u32)).await?;
    let second = second.ok_or("revision 2 stored")?;
    assert!(
        second.signer.is_some(),
        "the signed revision records its signer"
    );
    let first: Option<RevisionRecord> = suite.query(hub, "revision", (id, 1u32)).await?;
    assert_ne!(
        first.ok_or("revision 1 kept")?.content_hash,
        second.content_hash
    );

    // the required perspectives (Safety, Efficiency) approve the revision,
    for reviewer in [SAFETY_HUMAN, EFFICIENCY_HUMAN] {
        ok(
            "approval",
            suite
                .review(reviewer, id, 2, Verdict::Approve, None)
                .await?,
        )?;
    }
    assert_eq!(suite.close_review(id).await?, ProposalState::Voting);

    // humans and an agent vote from their accounts, and the proposing agent's signed vote
    // is relayed by the non-member,
    for voter in [SAFETY_HUMAN, EFFICIENCY_HUMAN, SAFETY_AGENT] {
        ok(
            "vote",
            suite.vote(&(voter.keypair)(), id, VoteChoice::For).await?,
        )?;
    }
    let signed = suite
        .signed_vote(EFFICIENCY_AGENT, id, VoteChoice::For)
        .await?;
    let relayed: Result<(), VotingError> = suite
        .tx(&relayer, suite.voting, "cast_vote_signed", signed)
        .await?;
    assert_eq!(relayed, Ok(()));
    let receipt: Option<Vote> = suite
        .query(
            suite.voting,
            "vote_of",
            (BallotId::decision(id), EFFICIENCY_AGENT.account()),
        )
        .await?;
    let receipt = receipt.ok_or("the relayed vote has a receipt")?;
    assert!(receipt.signed.is_some(), "the receipt keeps the signature");
    assert_eq!(receipt.kind, agora_types::MemberKind::Agent);
    let ballot = suite.ballot(id).await?;
    assert_eq!(ballot.votes, 4);
    assert_eq!(ballot.humans.for_weight, 20);
    assert_eq!(ballot.agents.for_weight, 20);
    assert_eq!(suite.close_voting(id).await?, ProposalState::Succeeded);

    // and it is queued, then executed once the timelock has passed,
    let (eta, expires_at) = suite.queue(id).await?;
    assert_eq!(suite.state(id).await?, ProposalState::Queued);
    suite.advance_to(eta).await?;
    assert!(
        suite.block().await? + 1 < expires_at,
        "still inside the grace period"
    );
    let treasury_before = suite.treasury().await?;
    let executed: Result<(), ProposalError> = suite.transition("execute", id).await?;
    assert_eq!(executed, Ok(()));

    // then the recipient was paid from the treasury and the proposal is Executed,
    assert_eq!(suite.state(id).await?, ProposalState::Executed);
    assert_eq!(
        suite.balance(RECIPIENT.into()).await?,
        recipient_before + GRANT
    );
    assert_eq!(suite.treasury().await?, treasury_before - GRANT);

    // and the decision log read back holds every step and verifies as a hash chain.
    let head = suite.log_head().await?;
    let entries = suite.log_entries().await?;
    assert_eq!(entries.len() as u64, head.0);
    assert_eq!(verify_hashed_chain(&entries, Some(head)), Ok(()));
    // Every entry was appended by an account allowed its kind (log format 2).
    assert_eq!(verify_writers(&entries), Ok(()));
    let kinds: Vec<LogKind> = entries
        .iter()
        .filter(|e| e.entry.subject == Subject::Proposal(id))
        .map(|e| e.entry.kind)
        .collect();
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
        assert!(kinds.contains(&kind), "the log lacks {kind:?}: {kinds:?}");
    }
    assert!(
        entries
            .iter()
            .any(|e| e.entry.kind == LogKind::BootstrapCompleted),
        "the log records the bootstrap"
    );
    Ok(())
}

/// Refused calls on the node, each read as its typed error from a dry run, then submitted
/// anyway (the pallet reports `ContractReverted`), with the state it guards unchanged:
/// a replayed signed proposal (`NonceUsed`), a non-member's vote (`NotEligible`), a vote
/// after the ballot closed (`BallotClosed`) and `execute` before `eta` (`TooEarly`); and a
/// constructor's typed error (`InvalidChainTag`) reported by [`instantiate`], which then
/// submits nothing.
pub async fn adversarial_scenario(client: Client, rpc: RpcClient) -> StepResult<()> {
    let mut suite = Suite::bootstrap(client, rpc).await?;
    let (hub, voting) = (suite.hub, suite.voting);
    let relayer = outsider();

    // A replayed signed proposal: refused with NonceUsed; no proposal, no log entry.
    let payload = suite
        .proposal_payload(EFFICIENCY_AGENT.account(), 42, "Once", grant())
        .await?;
    let id = ok(
        "submit_signed",
        suite
            .submit_signed(&relayer, EFFICIENCY_AGENT, &payload)
            .await?,
    )?;
    let count = suite.proposal_count().await?;
    let head = suite.log_head().await?;
    let signature = EFFICIENCY_AGENT.sign(&signing_hash(PROPOSAL_DOMAIN, &payload));
    let replay: ProposalError = suite
        .expect_revert::<_, ProposalId, _>(&relayer, hub, "submit_signed", (payload, signature))
        .await?;
    assert_eq!(replay, ProposalError::NonceUsed);
    assert_eq!(suite.proposal_count().await?, count);
    assert_eq!(suite.log_head().await?, head);
    let used: bool = suite
        .query(hub, "nonce_used", (EFFICIENCY_AGENT.account(), 42u64))
        .await?;
    assert!(used, "the nonce stays used");

    // Into voting.
    for reviewer in [SAFETY_HUMAN, EFFICIENCY_HUMAN] {
        ok(
            "approval",
            suite
                .review(reviewer, id, 1, Verdict::Approve, None)
                .await?,
        )?;
    }
    assert_eq!(suite.close_review(id).await?, ProposalState::Voting);

    // A non-member's vote: refused with NotEligible; tallies and log unchanged.
    let ballot = suite.ballot(id).await?;
    let head = suite.log_head().await?;
    let refused: VotingError = suite
        .expect_revert::<_, (), _>(
            &relayer,
            voting,
            "cast_vote",
            (BallotId::decision(id), VoteChoice::For, [0u8; 32]),
        )
        .await?;
    assert_eq!(refused, VotingError::NotEligible);
    assert_eq!(suite.ballot(id).await?, ballot);
    assert_eq!(suite.log_head().await?, head);
    let receipt: Option<Vote> = suite
        .query(
            voting,
            "vote_of",
            (BallotId::decision(id), account_of(&relayer)),
        )
        .await?;
    assert_eq!(receipt, None);

    // Humans and agents approve; voting closes.
    for voter in [
        SAFETY_HUMAN,
        EFFICIENCY_HUMAN,
        SAFETY_AGENT,
        EFFICIENCY_AGENT,
    ] {
        ok(
            "vote",
            suite.vote(&(voter.keypair)(), id, VoteChoice::For).await?,
        )?;
    }
    assert_eq!(suite.close_voting(id).await?, ProposalState::Succeeded);

    // A vote after close (a member who has not voted yet): refused with BallotClosed;
    // tallies, state and log unchanged.
    let ballot = suite.ballot(id).await?;
    assert!(ballot.closed);
    let head = suite.log_head().await?;
    let late: VotingError = suite
        .expect_revert::<_, (), _>(
            &(CREATIVE_HUMAN.keypair)(),
            voting,
            "cast_vote",
            (BallotId::decision(id), VoteChoice::Against, [0u8; 32]),
        )
        .await?;
    assert_eq!(late, VotingError::BallotClosed);
    assert_eq!(suite.ballot(id).await?, ballot);
    assert_eq!(suite.state(id).await?, ProposalState::Succeeded);
    assert_eq!(suite.log_head().await?, head);

    // Execute before eta: refused with TooEarly; still Queued, nothing paid, log unchanged.
    let (eta, _) = suite.queue(id).await?;
    let now = suite.block().await?;
    assert!(
        now + 1 < eta,
        "the transaction lands before eta too ({now}, {eta})"
    );
    let head = suite.log_head().await?;
    let treasury = suite.treasury().await?;
    let recipient = suite.balance(RECIPIENT.into()).await?;
    let early: ProposalError = suite
        .expect_revert::<_, (), _>(&ink_e2e::alice(), hub, "execute", id)
        .await?;
    assert_eq!(early, ProposalError::TooEarly { allowed_from: eta });
    assert_eq!(suite.state(id).await?, ProposalState::Queued);
    assert_eq!(suite.treasury().await?, treasury);
    assert_eq!(suite.balance(RECIPIENT.into()).await?, recipient);
    assert_eq!(suite.log_head().await?, head);

    // A constructor returning its typed Err (the registry's `new` with an empty chain tag):
    // `instantiate` reports it from the dry run and submits nothing (no block is sealed).
    let block = suite.block().await?;
    let refused = instantiate::<_, Result<Deployed, RegistryError>>(
        &mut suite.client,
        &ink_e2e::alice(),
        "agent_registry",
        String::new(),
    )
    .await;
    let message = refused
        .err()
        .ok_or("an empty chain tag was accepted")?
        .to_string();
    assert_eq!(message, "agent_registry::new returned Err(InvalidChainTag)");
    assert_eq!(suite.block().await?, block);

    // A forged kind (log format 2): on a log of its own, an account authorized for external
    // kinds only cannot append a suite decision; its own kind is stamped with it as writer.
    let alice = ink_e2e::alice();
    let log = instantiate::<_, Deployed>(&mut suite.client, &alice, "decision_log", ()).await?;
    ok(
        "authorize_writer",
        suite
            .tx::<_, (), LogError>(
                &alice,
                log,
                "DecisionLog::authorize_writer",
                (account_of(&relayer), EXTERNAL_KINDS),
            )
            .await?,
    )?;
    let head: (u64, [u8; 32]) = suite.query(log, "DecisionLog::head", ()).await?;
    let forged: LogError = suite
        .expect_revert::<_, (u64, [u8; 32]), _>(
            &relayer,
            log,
            "DecisionLog::append",
            (
                LogKind::ProposalExecuted,
                Subject::Proposal(id),
                account_of(&relayer),
                [7u8; 32],
            ),
        )
        .await?;
    assert_eq!(forged, LogError::KindNotAllowed);
    // Nor can it pad the suite's own history, which verify-deployment replays.
    let padded: LogError = suite
        .expect_revert::<_, (u64, [u8; 32]), _>(
            &relayer,
            log,
            "DecisionLog::append",
            (
                LogKind::External(1),
                Subject::Suite,
                account_of(&relayer),
                [8u8; 32],
            ),
        )
        .await?;
    assert_eq!(padded, LogError::SubjectNotAllowed);
    let after: (u64, [u8; 32]) = suite.query(log, "DecisionLog::head", ()).await?;
    assert_eq!(after, head);
    ok(
        "external append",
        suite
            .tx::<_, (u64, [u8; 32]), LogError>(
                &relayer,
                log,
                "DecisionLog::append",
                (
                    LogKind::External(1),
                    Subject::Member(account_of(&relayer)),
                    account_of(&relayer),
                    [8u8; 32],
                ),
            )
            .await?,
    )?;
    let entry: Result<HashedEntry, LogError> = suite.query(log, "entry", 1u64).await?;
    let entry = entry.map_err(|e| format!("entry: {e:?}"))?;
    assert_eq!(entry.entry.writer, account_of(&relayer));
    assert!(
        verify_writers(&[entry.clone()]).is_err(),
        "entry 1 alone lacks its authorization"
    );
    let first: Result<HashedEntry, LogError> = suite.query(log, "entry", 0u64).await?;
    let first = first.map_err(|e| format!("entry: {e:?}"))?;
    assert_eq!(verify_writers(&[first, entry]), Ok(()));
    Ok(())
}
