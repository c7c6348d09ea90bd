//! The voting contract with a real agent registry and decision log.
//!
//! Given members registered by Alice (the admin of all three contracts) and a ballot opened
//! by her, these tests check eligibility at the snapshot, one vote per member, relayed
//! signed votes, the outcome rules and the transcript an auditor recomputes. The ignored
//! `bench_*` tests print the weight of `cast_vote` (run with `--ignored --nocapture`).

use crate::harness::{account, public_key, secret, sign, Chain};
use agora_types::testing::high_s_twin;
use agora_types::{
    ballot_closed_payload, ballot_opened_payload, bind_key_hash, vote_transcript_of, AdminError,
    Ballot, BallotId, BallotOutcome, BallotPurpose, HashedEntry, KeyBinding, LogError, LogKind,
    MemberKind, MemberProfile, Perspective, ProposalId, RegistryError, Signature, SignatureError,
    Subject, Tally, Vote, VoteChoice, VotePayload, VoteSignature, VotingError, VotingRules,
    MAX_MEMBER_WEIGHT, MAX_VOTES_PAGE, VOTING_KINDS,
};
use ink::primitives::AccountId;
use scale::Encode;

#[drink::contract_bundle_provider]
pub enum BundleProvider {}

const TAG: &str = "agora-drink";
const P: ProposalId = 1;
/// A rationale hash every test vote carries.
const WHY: [u8; 32] = [7; 32];

/// The three contracts, deployed and wired as bootstrap does (Alice still the admin).
struct Suite {
    chain: Chain,
    registry: AccountId,
    log: AccountId,
    voting: AccountId,
}

fn rules(quorum_bps: u32, approval_threshold_bps: u32, require_both_kinds: bool) -> VotingRules {
    VotingRules {
        quorum_bps,
        approval_threshold_bps,
        require_both_kinds,
    }
}

fn profile(kind: MemberKind, weight: u128) -> MemberProfile {
    MemberProfile {
        kind,
        perspectives: [Perspective::Safety].into_iter().collect(),
        weight,
        metadata_uri: "ipfs://member".into(),
        operator: (kind == MemberKind::Agent).then(Chain::alice),
    }
}

/// Deploys the registry, the log and the voting contract, and authorizes the voting
/// contract as a log writer (unless `authorize` is false).
fn suite_with(authorize: bool) -> Suite {
    let mut chain = Chain::new();
    let alice = Chain::alice();
    // The relayer most tests use pays for the storage of the votes it relays.
    chain.fund(account(9));
    let registry_bundle = BundleProvider::AgentRegistry
        .bundle()
        .expect("registry bundle");
    let log_bundle = BundleProvider::DecisionLog.bundle().expect("log bundle");
    let voting_bundle = BundleProvider::Voting.bundle().expect("voting bundle");
    let registry = chain.deploy(&registry_bundle, "new", String::from(TAG), alice, &[]);
    let log = chain.deploy(&log_bundle, "new", (), alice, &[]);
    let voting = chain.deploy(
        &voting_bundle,
        "new",
        (String::from(TAG), registry, log),
        alice,
        &[],
    );
    if authorize {
        let authorized: Result<(), LogError> = chain
            .call(
                log,
                alice,
                "DecisionLog::authorize_writer",
                (voting, VOTING_KINDS),
            )
            .expect("authorize_writer dispatches");
        assert_eq!(authorized, Ok(()));
    }
    Suite {
        chain,
        registry,
        log,
        voting,
    }
}

fn suite() -> Suite {
    suite_with(true)
}

impl Suite {
    /// Registers `who` (funded, so it can pay for its vote's storage), with a signing key
    /// made from `key_seed` if given.
    fn join(&mut self, who: AccountId, kind: MemberKind, weight: u128, key_seed: Option<u8>) {
        self.chain.fund(who);
        let binding = key_seed.map(|seed| {
            let key = secret(seed);
            KeyBinding {
                key: public_key(&key),
                proof: sign(&key, &bind_key_hash(TAG, self.registry, who)),
            }
        });
        let registered: Result<(), RegistryError> = self
            .chain
            .call(
                self.registry,
                Chain::alice(),
                "MemberRegistry::register_member",
                (who, profile(kind, weight), binding),
            )
            .expect("register_member dispatches");
        assert_eq!(registered, Ok(()), "registering {who:?}");
    }

    fn registry_call(&mut self, label: &str, args: impl Encode) {
        let result: Result<(), RegistryError> = self
            .chain
            .call(self.registry, Chain::alice(), label, args)
            .expect("registry call dispatches");
        assert_eq!(result, Ok(()), "{label}");
    }

    fn open(
        &mut self,
        proposal: ProposalId,
        snapshot: u32,
        closes_at: u32,
        rules: VotingRules,
    ) -> Result<(), VotingError> {
        self.open_as(Chain::alice(), proposal, snapshot, closes_at, rules)
    }

    fn open_as(
        &mut self,
        caller: AccountId,
        proposal: ProposalId,
        snapshot: u32,
        closes_at: u32,
        rules: VotingRules,
    ) -> Result<(), VotingError> {
        self.chain
            .call(
                self.voting,
                caller,
                "Ballots::open_ballot",
                (BallotId::decision(proposal), snapshot, closes_at, rules),
            )
            .expect("open_ballot dispatches")
    }

    fn vote(
        &mut self,
        voter: AccountId,
        proposal: ProposalId,
        choice: VoteChoice,
    ) -> Result<(), VotingError> {
        self.chain
            .call(
                self.voting,
                voter,
                "cast_vote",
                (BallotId::decision(proposal), choice, WHY),
            )
            .expect("cast_vote dispatches")
    }

    /// The payload `voter` signs to vote `choice` on `proposal` through this suite.
    fn payload(
        &self,
        voter: AccountId,
        proposal: ProposalId,
        choice: VoteChoice,
        deadline: u32,
    ) -> VotePayload {
        VotePayload {
            chain_tag: TAG.into(),
            contract: self.voting,
            voter,
            deadline,
            ballot: BallotId::decision(proposal),
            choice,
            rationale_hash: WHY,
        }
    }

    /// `relayer` submits `payload` with `signature`.
    fn relay(
        &mut self,
        relayer: AccountId,
        payload: &VotePayload,
        signature: Signature,
    ) -> Result<(), VotingError> {
        self.chain
            .call(
                self.voting,
                relayer,
                "cast_vote_signed",
                (
                    payload.voter,
                    payload.ballot,
                    payload.choice,
                    payload.rationale_hash,
                    payload.deadline,
                    signature,
                ),
            )
            .expect("cast_vote_signed dispatches")
    }

    fn close(&mut self, proposal: ProposalId) -> Result<BallotOutcome, VotingError> {
        self.chain
            .call(
                self.voting,
                Chain::alice(),
                "Ballots::close_ballot",
                BallotId::decision(proposal),
            )
            .expect("close_ballot dispatches")
    }

    fn outcome(&mut self, proposal: ProposalId) -> Result<BallotOutcome, VotingError> {
        self.chain.query(
            self.voting,
            "Ballots::ballot_outcome",
            BallotId::decision(proposal),
        )
    }

    fn ballot(&mut self, proposal: ProposalId) -> Option<Ballot> {
        self.chain
            .query(self.voting, "ballot", BallotId::decision(proposal))
    }

    fn vote_of(&mut self, proposal: ProposalId, voter: AccountId) -> Option<Vote> {
        self.chain.query(
            self.voting,
            "vote_of",
            (BallotId::decision(proposal), voter),
        )
    }

    fn votes(
        &mut self,
        proposal: ProposalId,
        from: u32,
        limit: u32,
    ) -> Result<Vec<Vote>, VotingError> {
        self.chain.query(
            self.voting,
            "votes",
            (BallotId::decision(proposal), from, limit),
        )
    }

    fn log_head(&mut self) -> (u64, [u8; 32]) {
        self.chain.query(self.log, "DecisionLog::head", ())
    }

    fn log_entry(&mut self, index: u64) -> HashedEntry {
        let entry: Result<HashedEntry, LogError> = self.chain.query(self.log, "entry", index);
        entry.expect("entry exists")
    }
}

fn tally(for_weight: u128, against_weight: u128, abstain_weight: u128) -> Tally {
    Tally {
        for_weight,
        against_weight,
        abstain_weight,
    }
}

// ---------------------------------------------------------------- eligibility at the snapshot

#[test]
fn member_added_after_the_snapshot_cannot_vote() {
    // Given Bob a member at block 1 and a ballot with snapshot 3 opened at block 5,
    let mut s = suite();
    let (bob, late) = (account(2), account(3));
    s.join(bob, MemberKind::Human, 10, None);
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 3, 20, rules(1_000, 5_000, false)), Ok(()));
    // when a new member joins while the vote is under way,
    s.join(late, MemberKind::Human, 1_000, None);
    // then they cannot vote, and the total weight stays the snapshot's.
    assert_eq!(
        s.vote(late, P, VoteChoice::For),
        Err(VotingError::NotEligible)
    );
    assert_eq!(s.vote_of(P, late), None);
    assert_eq!(s.vote(bob, P, VoteChoice::For), Ok(()));
    let outcome = s.outcome(P).expect("outcome");
    assert_eq!(outcome.total_weight, 10);
    assert_eq!(outcome.humans, tally(10, 0, 0));
}

#[test]
fn member_who_joined_in_the_snapshot_block_votes_but_not_one_who_joined_after() {
    let mut s = suite();
    let (at, after) = (account(2), account(3));
    s.chain.advance_to(3);
    s.join(at, MemberKind::Human, 4, None);
    s.chain.advance_to(4);
    s.join(after, MemberKind::Human, 4, None);
    s.chain.advance_to(6);
    assert_eq!(s.open(P, 3, 20, rules(1_000, 5_000, false)), Ok(()));
    assert_eq!(s.vote(at, P, VoteChoice::Against), Ok(()));
    assert_eq!(
        s.vote(after, P, VoteChoice::For),
        Err(VotingError::NotEligible)
    );
}

#[test]
fn member_removed_after_the_snapshot_still_votes_with_snapshot_weight() {
    let mut s = suite();
    let (bob, carol) = (account(2), account(3));
    s.join(bob, MemberKind::Human, 10, None);
    s.join(carol, MemberKind::Agent, 6, Some(3));
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 20, rules(1_000, 5_000, false)), Ok(()));
    s.registry_call("MemberRegistry::remove_member", bob);
    s.registry_call("MemberRegistry::suspend_member", carol);
    s.chain.advance(1);

    assert_eq!(s.vote(bob, P, VoteChoice::For), Ok(()));
    // A suspended agent's relayed vote counts too: its key stays bound.
    let payload = s.payload(carol, P, VoteChoice::Against, 100);
    let signature = sign(&secret(3), &payload.signing_hash());
    assert_eq!(s.relay(account(9), &payload, signature), Ok(()));

    assert_eq!(
        s.vote_of(P, bob).map(|v| (v.weight, v.kind)),
        Some((10, MemberKind::Human))
    );
    let outcome = s.outcome(P).expect("outcome");
    assert_eq!(
        (outcome.humans, outcome.agents),
        (tally(10, 0, 0), tally(0, 6, 0))
    );
    assert_eq!(outcome.total_weight, 16);
}

#[test]
fn reweight_after_the_snapshot_changes_nothing() {
    let mut s = suite();
    let bob = account(2);
    s.join(bob, MemberKind::Human, 10, None);
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 20, rules(1_000, 5_000, false)), Ok(()));
    s.registry_call(
        "MemberRegistry::update_member",
        (bob, profile(MemberKind::Human, MAX_MEMBER_WEIGHT)),
    );
    s.chain.advance(1);
    assert_eq!(s.vote(bob, P, VoteChoice::Abstain), Ok(()));
    assert_eq!(s.vote_of(P, bob).map(|v| v.weight), Some(10));
    assert_eq!(
        s.outcome(P).map(|o| (o.humans, o.total_weight)),
        Ok((tally(0, 0, 10), 10))
    );
}

#[test]
fn member_with_no_weight_at_the_snapshot_is_not_eligible() {
    let mut s = suite();
    let (bob, stranger) = (account(2), account(8));
    s.join(bob, MemberKind::Human, 10, None);
    s.chain.advance(1);
    s.registry_call("MemberRegistry::suspend_member", bob);
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 20, rules(1_000, 5_000, false)), Ok(()));
    // Suspended at the snapshot (zero checkpoint), and never a member.
    s.registry_call("MemberRegistry::reinstate_member", bob);
    s.chain.fund(stranger);
    assert_eq!(
        s.vote(bob, P, VoteChoice::For),
        Err(VotingError::NotEligible)
    );
    assert_eq!(
        s.vote(stranger, P, VoteChoice::For),
        Err(VotingError::NotEligible)
    );
}

// ---------------------------------------------------------------- one vote per member

#[test]
fn double_vote_is_rejected() {
    let mut s = suite();
    let bob = account(2);
    s.join(bob, MemberKind::Human, 10, None);
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 20, rules(1_000, 5_000, false)), Ok(()));
    assert_eq!(s.vote(bob, P, VoteChoice::Against), Ok(()));
    assert_eq!(
        s.vote(bob, P, VoteChoice::For),
        Err(VotingError::AlreadyVoted)
    );
    assert_eq!(
        s.vote(bob, P, VoteChoice::Against),
        Err(VotingError::AlreadyVoted)
    );
    let outcome = s.outcome(P).expect("outcome");
    assert_eq!((outcome.votes, outcome.humans), (1, tally(0, 10, 0)));
}

// ---------------------------------------------------------------- relayed signed votes

#[test]
fn signed_vote_relayed_by_a_stranger_counts_for_the_signer_and_its_replay_fails() {
    let mut s = suite();
    let (agent, stranger) = (account(3), account(9));
    s.join(agent, MemberKind::Agent, 7, Some(3));
    s.chain.fund(stranger);
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 20, rules(1_000, 5_000, false)), Ok(()));

    let payload = s.payload(agent, P, VoteChoice::For, 10);
    let signature = sign(&secret(3), &payload.signing_hash());
    assert_eq!(s.relay(stranger, &payload, signature), Ok(()));

    let vote = s.vote_of(P, agent).expect("counted for the signer");
    assert_eq!(vote.voter, agent);
    assert_eq!(
        (vote.kind, vote.choice, vote.weight),
        (MemberKind::Agent, VoteChoice::For, 7)
    );
    assert_eq!(
        vote.signed,
        Some(VoteSignature {
            deadline: 10,
            signature
        })
    );
    assert_eq!(s.vote_of(P, stranger), None);
    assert_eq!(s.outcome(P).map(|o| o.agents), Ok(tally(7, 0, 0)));

    // The same signed vote again, by anyone (the agent too), is a double vote.
    assert_eq!(
        s.relay(stranger, &payload, signature),
        Err(VotingError::AlreadyVoted)
    );
    assert_eq!(
        s.relay(agent, &payload, signature),
        Err(VotingError::AlreadyVoted)
    );
    assert_eq!(
        s.vote(agent, P, VoteChoice::Against),
        Err(VotingError::AlreadyVoted)
    );
    assert_eq!(s.outcome(P).map(|o| o.votes), Ok(1));
}

#[test]
fn signed_votes_on_different_proposals_do_not_block_each_other() {
    let mut s = suite();
    let agent = account(3);
    s.join(agent, MemberKind::Agent, 7, Some(3));
    s.chain.advance_to(5);
    for proposal in [1, 2, 3] {
        assert_eq!(s.open(proposal, 4, 20, rules(1_000, 5_000, false)), Ok(()));
    }
    // Signed in one order, relayed in another.
    let signed: Vec<_> = [1, 2, 3]
        .into_iter()
        .map(|proposal| {
            let payload = s.payload(agent, proposal, VoteChoice::For, 20);
            let signature = sign(&secret(3), &payload.signing_hash());
            (payload, signature)
        })
        .collect();
    for i in [2, 0, 1] {
        let (payload, signature) = &signed[i];
        assert_eq!(s.relay(account(9), payload, *signature), Ok(()));
    }
}

#[test]
fn signed_vote_after_its_deadline_is_rejected() {
    let mut s = suite();
    let agent = account(3);
    s.join(agent, MemberKind::Agent, 7, Some(3));
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 20, rules(1_000, 5_000, false)), Ok(()));
    let payload = s.payload(agent, P, VoteChoice::For, 6);
    let signature = sign(&secret(3), &payload.signing_hash());
    s.chain.advance_to(7);
    assert_eq!(
        s.relay(account(9), &payload, signature),
        Err(VotingError::DeadlinePassed)
    );
    assert_eq!(s.vote_of(P, agent), None);
}

#[test]
fn signed_vote_in_its_deadline_block_is_accepted() {
    let mut s = suite();
    let agent = account(3);
    s.join(agent, MemberKind::Agent, 7, Some(3));
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 20, rules(1_000, 5_000, false)), Ok(()));
    let payload = s.payload(agent, P, VoteChoice::For, 6);
    let signature = sign(&secret(3), &payload.signing_hash());
    s.chain.advance_to(6);
    assert_eq!(s.relay(account(9), &payload, signature), Ok(()));
}

#[test]
fn signature_for_another_contract_or_chain_tag_is_rejected() {
    let mut s = suite();
    let (agent, other) = (account(3), account(4));
    s.join(agent, MemberKind::Agent, 7, Some(3));
    s.join(other, MemberKind::Agent, 5, Some(4));
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 20, rules(1_000, 5_000, false)), Ok(()));
    let genuine = s.payload(agent, P, VoteChoice::For, 20);
    let elsewhere = [
        // Signed for another voting contract (here: the registry's address).
        VotePayload {
            contract: s.registry,
            ..genuine.clone()
        },
        // Signed for another network.
        VotePayload {
            chain_tag: "other-chain".into(),
            ..genuine.clone()
        },
        // Signed for another choice than the one relayed.
        VotePayload {
            choice: VoteChoice::Against,
            ..genuine.clone()
        },
    ];
    for signed in elsewhere {
        let signature = sign(&secret(3), &signed.signing_hash());
        assert_eq!(
            s.relay(account(9), &genuine, signature),
            Err(VotingError::SignerMismatch),
            "{signed:?}"
        );
    }
    // Another member's key, and a key bound to nobody, cannot vote for the agent.
    for seed in [4, 5] {
        let signature = sign(&secret(seed), &genuine.signing_hash());
        assert_eq!(
            s.relay(account(9), &genuine, signature),
            Err(VotingError::SignerMismatch)
        );
    }
    assert_eq!(s.outcome(P).map(|o| o.votes), Ok(0));
}

#[test]
fn high_s_or_bad_recovery_id_signature_is_rejected() {
    let mut s = suite();
    let agent = account(3);
    s.join(agent, MemberKind::Agent, 7, Some(3));
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 20, rules(1_000, 5_000, false)), Ok(()));
    let payload = s.payload(agent, P, VoteChoice::For, 20);
    let good = sign(&secret(3), &payload.signing_hash());
    // The host's ecdsa_recover would accept both of these.
    let mut v27 = good;
    v27[64] += 27;
    let cases = [
        (high_s_twin(&good), SignatureError::HighS),
        (v27, SignatureError::InvalidRecoveryId),
    ];
    for (signature, reason) in cases {
        assert_eq!(
            s.relay(account(9), &payload, signature),
            Err(VotingError::BadSignature(reason))
        );
    }
    assert_eq!(s.relay(account(9), &payload, good), Ok(()));
}

#[test]
fn revoked_key_can_no_longer_vote() {
    let mut s = suite();
    let agent = account(3);
    s.join(agent, MemberKind::Agent, 7, Some(3));
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 20, rules(1_000, 5_000, false)), Ok(()));
    s.registry_call("revoke_signing_key", agent);
    let payload = s.payload(agent, P, VoteChoice::For, 20);
    let signature = sign(&secret(3), &payload.signing_hash());
    assert_eq!(
        s.relay(account(9), &payload, signature),
        Err(VotingError::SignerMismatch)
    );
    // The agent can still vote itself.
    assert_eq!(s.vote(agent, P, VoteChoice::For), Ok(()));
}

// ---------------------------------------------------------------- the window and closing

#[test]
fn vote_after_close_is_rejected() {
    let mut s = suite();
    let (bob, carol) = (account(2), account(3));
    s.join(bob, MemberKind::Human, 10, None);
    s.join(carol, MemberKind::Agent, 5, Some(3));
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 8, rules(1_000, 5_000, false)), Ok(()));
    s.chain.advance_to(8);
    assert_eq!(s.close(P), Err(VotingError::BallotStillOpen));
    assert_eq!(s.vote(bob, P, VoteChoice::For), Ok(()));
    s.chain.advance_to(9);
    // After the window, before closing.
    assert_eq!(
        s.vote(carol, P, VoteChoice::For),
        Err(VotingError::VotingWindowOver)
    );
    let outcome = s.close(P).expect("closed");
    assert!(outcome.closed && outcome.approved);
    // After closing, directly or relayed.
    assert_eq!(
        s.vote(carol, P, VoteChoice::For),
        Err(VotingError::BallotClosed)
    );
    let payload = s.payload(carol, P, VoteChoice::For, 100);
    let signature = sign(&secret(3), &payload.signing_hash());
    assert_eq!(
        s.relay(account(9), &payload, signature),
        Err(VotingError::BallotClosed)
    );
    assert_eq!(s.close(P), Err(VotingError::BallotClosed));
    assert_eq!(s.outcome(P), Ok(outcome));
}

#[test]
fn only_the_admin_opens_and_closes_and_the_role_moves_one_way() {
    let mut s = suite();
    let (bob, hub) = (account(2), account(7));
    s.join(bob, MemberKind::Human, 10, None);
    s.chain.fund(hub);
    s.chain.advance_to(5);
    assert_eq!(
        s.open_as(bob, P, 4, 8, rules(1_000, 5_000, false)),
        Err(VotingError::NotAdmin)
    );
    let moved: Result<(), AdminError> = s
        .chain
        .call(s.voting, Chain::alice(), "Governed::transfer_admin", hub)
        .expect("dispatch");
    assert_eq!(moved, Ok(()));
    let accepted: Result<(), AdminError> = s
        .chain
        .call(s.voting, hub, "Governed::accept_admin", ())
        .expect("dispatch");
    assert_eq!(accepted, Ok(()));
    let admin: AccountId = s.chain.query(s.voting, "Governed::admin", ());
    assert_eq!(admin, hub);
    assert_eq!(
        s.open(P, 4, 8, rules(1_000, 5_000, false)),
        Err(VotingError::NotAdmin)
    );
    assert_eq!(s.open_as(hub, P, 4, 8, rules(1_000, 5_000, false)), Ok(()));
    s.chain.advance_to(9);
    assert_eq!(s.close(P), Err(VotingError::NotAdmin));
    let closed: Result<BallotOutcome, VotingError> = s
        .chain
        .call(
            s.voting,
            hub,
            "Ballots::close_ballot",
            BallotId::decision(P),
        )
        .expect("dispatch");
    assert!(closed.is_ok());
}

#[test]
fn open_ballot_checks_its_input() {
    let mut s = suite();
    s.join(account(2), MemberKind::Human, 10, None);
    s.chain.advance_to(5);
    let ok = rules(1_000, 5_000, false);
    assert_eq!(s.open(P, 5, 8, ok), Err(VotingError::SnapshotNotInPast));
    assert_eq!(s.open(P, 4, 5, ok), Err(VotingError::InvalidCloseBlock));
    assert_eq!(
        s.open(P, 4, 8, rules(1_000, 10_001, false)),
        Err(VotingError::InvalidRules)
    );
    assert_eq!(
        s.open(P, 4, 8, rules(10_001, 5_000, false)),
        Err(VotingError::InvalidRules)
    );
    assert_eq!(s.open(0, 4, 8, ok), Err(VotingError::InvalidProposal));
    assert_eq!(s.ballot(P), None);
    assert_eq!(s.open(P, 4, 8, ok), Ok(()));
    assert_eq!(s.open(P, 4, 8, ok), Err(VotingError::BallotExists));
    assert_eq!(
        s.ballot(P)
            .map(|b| (b.snapshot_block, b.opened_at, b.closes_at)),
        Some((4, 5, 8))
    );
}

#[test]
fn a_log_that_refuses_the_entry_reverts_the_opening() {
    // The log never authorized the voting contract.
    let mut s = suite_with(false);
    s.join(account(2), MemberKind::Human, 10, None);
    s.chain.advance_to(5);
    assert_eq!(
        s.open(P, 4, 8, rules(1_000, 5_000, false)),
        Err(VotingError::LogFailed)
    );
    assert_eq!(s.ballot(P), None);
    assert_eq!(s.outcome(P), Err(VotingError::UnknownBallot));
}

#[test]
fn an_unreachable_registry_is_a_typed_error() {
    let mut chain = Chain::new();
    let alice = Chain::alice();
    let log_bundle = BundleProvider::DecisionLog.bundle().expect("log bundle");
    let voting_bundle = BundleProvider::Voting.bundle().expect("voting bundle");
    let log = chain.deploy(&log_bundle, "new", (), alice, &[]);
    // No contract lives at account(42).
    let voting = chain.deploy(
        &voting_bundle,
        "new",
        (String::from(TAG), account(42), log),
        alice,
        &[],
    );
    chain.advance_to(5);
    let opened: Result<(), VotingError> = chain
        .call(
            voting,
            alice,
            "Ballots::open_ballot",
            (
                BallotId::decision(P),
                4u32,
                8u32,
                rules(1_000, 5_000, false),
            ),
        )
        .expect("dispatch");
    assert_eq!(opened, Err(VotingError::RegistryUnavailable));
}

#[test]
fn constructor_rejects_a_bad_chain_tag() {
    let mut chain = Chain::new();
    let bundle = BundleProvider::Voting.bundle().expect("voting bundle");
    for tag in [String::new(), "t".repeat(33)] {
        let deployed = chain.try_deploy(
            &bundle,
            "new",
            (tag, account(1), account(2)),
            Chain::alice(),
            &[],
            0,
        );
        assert!(deployed.is_err());
    }
}

// ---------------------------------------------------------------- outcomes

#[test]
fn quorum_counts_for_and_abstain_against_the_snapshot_total() {
    // Weights 40 (For), 30 (Against), 20 (Abstain), 10 (silent): total 100.
    let mut s = suite();
    let members = [(2, 40), (3, 30), (4, 20), (5, 10)];
    for (seed, weight) in members {
        s.join(account(seed), MemberKind::Human, weight, None);
    }
    s.chain.advance_to(5);
    // Quorum 60%: For + Abstain = 60 reaches it; 61% does not.
    assert_eq!(s.open(1, 4, 8, rules(6_000, 5_000, false)), Ok(()));
    assert_eq!(s.open(2, 4, 8, rules(6_100, 5_000, false)), Ok(()));
    for proposal in [1, 2] {
        assert_eq!(s.vote(account(2), proposal, VoteChoice::For), Ok(()));
        assert_eq!(s.vote(account(3), proposal, VoteChoice::Against), Ok(()));
        assert_eq!(s.vote(account(4), proposal, VoteChoice::Abstain), Ok(()));
    }
    s.chain.advance_to(9);
    let reached = s.close(1).expect("closed");
    assert_eq!(reached.total_weight, 100);
    assert!(reached.quorum_reached);
    // For 40 of For + Against 70 = 57% ≥ 50%.
    assert!(reached.approved);
    let missed = s.close(2).expect("closed");
    assert!(!missed.quorum_reached && !missed.approved);
}

#[test]
fn threshold_is_for_among_for_and_against() {
    let mut s = suite();
    for (seed, weight) in [(2, 60), (3, 40)] {
        s.join(account(seed), MemberKind::Human, weight, None);
    }
    s.chain.advance_to(5);
    // For 60 of 100: passes 60%, fails 60.01%.
    assert_eq!(s.open(1, 4, 8, rules(1_000, 6_000, false)), Ok(()));
    assert_eq!(s.open(2, 4, 8, rules(1_000, 6_001, false)), Ok(()));
    for proposal in [1, 2] {
        assert_eq!(s.vote(account(2), proposal, VoteChoice::For), Ok(()));
        assert_eq!(s.vote(account(3), proposal, VoteChoice::Against), Ok(()));
    }
    s.chain.advance_to(9);
    assert_eq!(
        s.close(1).map(|o| (o.quorum_reached, o.approved)),
        Ok((true, true))
    );
    assert_eq!(
        s.close(2).map(|o| (o.quorum_reached, o.approved)),
        Ok((true, false))
    );
}

#[test]
fn both_kinds_rule_rejects_a_proposal_only_humans_approve() {
    // Humans 80 For; agents 10 Against, 5 For: combined 85 of 95 For (89%), agents 33%.
    let mut s = suite();
    s.join(account(2), MemberKind::Human, 80, None);
    s.join(account(3), MemberKind::Agent, 10, Some(3));
    s.join(account(4), MemberKind::Agent, 5, Some(4));
    s.chain.advance_to(5);
    assert_eq!(s.open(1, 4, 8, rules(1_000, 6_000, false)), Ok(()));
    assert_eq!(s.open(2, 4, 8, rules(1_000, 6_000, true)), Ok(()));
    for proposal in [1, 2] {
        assert_eq!(s.vote(account(2), proposal, VoteChoice::For), Ok(()));
        assert_eq!(s.vote(account(3), proposal, VoteChoice::Against), Ok(()));
        assert_eq!(s.vote(account(4), proposal, VoteChoice::For), Ok(()));
    }
    s.chain.advance_to(9);
    let without = s.close(1).expect("closed");
    let with = s.close(2).expect("closed");
    assert_eq!(
        (without.humans, without.agents),
        (tally(80, 0, 0), tally(5, 10, 0))
    );
    assert!(without.approved);
    assert!(with.quorum_reached && !with.approved);
}

#[test]
fn both_kinds_rule_lets_the_humans_decide_when_agents_take_no_side() {
    let mut s = suite();
    s.join(account(2), MemberKind::Human, 80, None);
    s.join(account(3), MemberKind::Agent, 10, Some(3));
    s.chain.advance_to(5);
    // Agents abstain on 1 and stay silent on 2; both pass on the humans' For.
    assert_eq!(s.open(1, 4, 8, rules(1_000, 6_000, true)), Ok(()));
    assert_eq!(s.open(2, 4, 8, rules(1_000, 6_000, true)), Ok(()));
    assert_eq!(s.vote(account(3), 1, VoteChoice::Abstain), Ok(()));
    for proposal in [1, 2] {
        assert_eq!(s.vote(account(2), proposal, VoteChoice::For), Ok(()));
    }
    s.chain.advance_to(9);
    assert_eq!(s.close(1).map(|o| o.approved), Ok(true));
    assert_eq!(s.close(2).map(|o| o.approved), Ok(true));
}

#[test]
fn both_kinds_rule_passes_when_each_kind_approves() {
    let mut s = suite();
    s.join(account(2), MemberKind::Human, 60, None);
    s.join(account(3), MemberKind::Human, 40, None);
    s.join(account(4), MemberKind::Agent, 7, Some(4));
    s.join(account(5), MemberKind::Agent, 3, Some(5));
    s.chain.advance_to(5);
    assert_eq!(s.open(P, 4, 8, rules(1_000, 6_000, true)), Ok(()));
    for (seed, choice) in [
        (2, VoteChoice::For),
        (3, VoteChoice::Against),
        (4, VoteChoice::For),
        (5, VoteChoice::Against),
    ] {
        assert_eq!(s.vote(account(seed), P, choice), Ok(()));
    }
    s.chain.advance_to(9);
    let outcome = s.close(P).expect("closed");
    assert_eq!(
        (outcome.humans, outcome.agents),
        (tally(60, 40, 0), tally(7, 3, 0))
    );
    assert!(outcome.approved);
}

// ---------------------------------------------------------------- transcript and log

#[test]
fn transcript_recomputed_from_votes_pages_matches_and_the_log_commits_to_it() {
    // Given more voters than one page holds, half of them agents voting by relayed signature,
    let mut s = suite();
    let voters = MAX_VOTES_PAGE + 6;
    for i in 0..voters {
        let seed = u8::try_from(i + 10).expect("small");
        if i % 2 == 0 {
            s.join(
                account(seed),
                MemberKind::Agent,
                u128::from(i) + 1,
                Some(seed),
            );
        } else {
            s.join(account(seed), MemberKind::Human, u128::from(i) + 1, None);
        }
    }
    s.chain.advance_to(5);
    let (entries_before, _) = s.log_head();
    assert_eq!(s.open(P, 4, 30, rules(1_000, 5_000, false)), Ok(()));
    let choices = [VoteChoice::For, VoteChoice::Against, VoteChoice::Abstain];
    for i in 0..voters {
        let seed = u8::try_from(i + 10).expect("small");
        let choice = choices[(i % 3) as usize];
        if i % 2 == 0 {
            let payload = s.payload(account(seed), P, choice, 30);
            let signature = sign(&secret(seed), &payload.signing_hash());
            assert_eq!(s.relay(account(9), &payload, signature), Ok(()));
        } else {
            assert_eq!(s.vote(account(seed), P, choice), Ok(()));
        }
        if i % 20 == 0 {
            s.chain.advance(1);
        }
    }

    // when an auditor pages through every vote (the first page full),
    let mut all = Vec::new();
    loop {
        let page = s.votes(P, all.len() as u32, MAX_VOTES_PAGE).expect("page");
        if all.is_empty() {
            assert_eq!(page.len(), MAX_VOTES_PAGE as usize);
            let returned = Ok::<_, VotingError>(page.clone()).encode().len() + 1;
            assert!(returned < 16 * 1024, "a full page returns {returned} bytes");
        }
        if page.is_empty() {
            break;
        }
        all.extend(page);
    }
    assert_eq!(all.len(), voters as usize);
    assert_eq!(
        s.votes(P, 0, MAX_VOTES_PAGE + 1),
        Err(VotingError::LimitTooLarge)
    );

    // then the transcript recomputed off-chain is the ballot's,
    s.chain.advance_to(31);
    let outcome = s.close(P).expect("closed");
    assert_eq!(vote_transcript_of(&all), outcome.transcript);
    assert_eq!(outcome.votes, voters);
    // the tallies recomputed from the records are the ballot's,
    let mut humans = Tally::default();
    let mut agents = Tally::default();
    for vote in &all {
        match vote.kind {
            MemberKind::Human => humans.add(vote.choice, vote.weight),
            MemberKind::Agent => agents.add(vote.choice, vote.weight),
        }
    }
    assert_eq!((outcome.humans, outcome.agents), (humans, agents));
    assert!(all
        .iter()
        .all(|v| v.signed.is_some() == (v.kind == MemberKind::Agent)));

    // and the log holds one entry at opening and one at closing that commit to them.
    let (entries_after, head) = s.log_head();
    assert_eq!(entries_after, entries_before + 2);
    let opened = s.log_entry(entries_before);
    let closed = s.log_entry(entries_before + 1);
    assert_eq!(closed.hash, head);
    let ballot = s.ballot(P).expect("ballot");
    assert_eq!(
        (opened.entry.kind, opened.entry.subject, opened.entry.actor),
        (LogKind::BallotOpened, Subject::Proposal(P), Chain::alice())
    );
    assert_eq!(
        opened.entry.payload_hash,
        ballot_opened_payload(BallotPurpose::Decision, &ballot)
    );
    assert_eq!(
        (closed.entry.kind, closed.entry.subject, closed.entry.actor),
        (LogKind::BallotClosed, Subject::Proposal(P), Chain::alice())
    );
    assert_eq!(
        closed.entry.payload_hash,
        ballot_closed_payload(BallotPurpose::Decision, &outcome)
    );
    assert_eq!(closed.entry.prev_hash, opened.hash);
    assert_eq!(closed.entry.hash(), closed.hash);
}

// ---------------------------------------------------------------- benchmarks

/// Registers `count` human members of weight 1 (funded) from seed `first` on, a few
/// hundred per block.
fn join_many(s: &mut Suite, first: u32, count: u32) -> Vec<AccountId> {
    (first..first + count)
        .map(|i| {
            let mut bytes = [0xee; 32];
            bytes[..4].copy_from_slice(&i.to_le_bytes());
            let who = AccountId::from(bytes);
            s.join(who, MemberKind::Human, 1, None);
            if i % 500 == 499 {
                s.chain.advance(1);
            }
            who
        })
        .collect()
}

/// Weight of `voter`'s `cast_vote(For)` on `proposal`.
fn metered_vote(s: &mut Suite, voter: AccountId, proposal: ProposalId) -> (u64, u64) {
    let metered = s.chain.call_metered::<_, Result<(), VotingError>>(
        s.voting,
        voter,
        "cast_vote",
        (BallotId::decision(proposal), VoteChoice::For, WHY),
    );
    assert!(matches!(metered.value, Ok(Ok(()))), "vote counted");
    (metered.weight.ref_time(), metered.weight.proof_size())
}

fn ratio(a: u64, b: u64) -> f64 {
    a as f64 / b as f64
}

#[test]
#[ignore = "benchmark: run with --ignored --nocapture"]
fn bench_cast_vote_weight() {
    // Given 500 members and a ballot,
    let mut s = suite();
    let members = join_many(&mut s, 0, 500);
    s.chain.advance(1);
    let now = s.chain.block();
    assert_eq!(
        s.open(P, now - 1, now + 100, rules(1_000, 5_000, false)),
        Ok(())
    );
    // when the 1st and the 500th member vote,
    let first = metered_vote(&mut s, members[0], P);
    for voter in &members[1..499] {
        assert_eq!(s.vote(*voter, P, VoteChoice::For), Ok(()));
    }
    let last = metered_vote(&mut s, members[499], P);
    // then the weight does not grow with the votes before.
    let (r_ref, r_proof) = (ratio(last.0, first.0), ratio(last.1, first.1));
    println!(
        "BENCH voting.cast_vote prior=0 ref_time={} proof_size={}",
        first.0, first.1
    );
    println!(
        "BENCH voting.cast_vote prior=499 ref_time={} proof_size={}",
        last.0, last.1
    );
    println!(
        "BENCH voting.cast_vote ratio_ref_time={r_ref:.4} ratio_proof_size={r_proof:.4} target<=1.05"
    );
    assert!(r_ref <= 1.05 && r_proof <= 1.05);
}

#[test]
#[ignore = "benchmark: run with --ignored --nocapture"]
fn bench_cast_vote_weight_by_members_and_prior_votes() {
    // 10 members and no prior vote, against 10 000 members and 1 000 prior votes.
    let mut small = suite();
    let few = join_many(&mut small, 0, 10);
    small.chain.advance(1);
    let now = small.chain.block();
    assert_eq!(
        small.open(P, now - 1, now + 100, rules(1_000, 5_000, false)),
        Ok(())
    );
    let base = metered_vote(&mut small, few[0], P);

    let mut large = suite();
    let many = join_many(&mut large, 0, 10_000);
    large.chain.advance(1);
    let now = large.chain.block();
    assert_eq!(
        large.open(P, now - 1, now + 100, rules(1_000, 5_000, false)),
        Ok(())
    );
    for voter in &many[..1_000] {
        assert_eq!(large.vote(*voter, P, VoteChoice::For), Ok(()));
    }
    let loaded = metered_vote(&mut large, many[9_999], P);

    let (r_ref, r_proof) = (ratio(loaded.0, base.0), ratio(loaded.1, base.1));
    println!(
        "BENCH voting.cast_vote members=10 prior=0 ref_time={} proof_size={}",
        base.0, base.1
    );
    println!(
        "BENCH voting.cast_vote members=10000 prior=1000 ref_time={} proof_size={}",
        loaded.0, loaded.1
    );
    println!(
        "BENCH voting.cast_vote members_ratio_ref_time={r_ref:.4} members_ratio_proof_size={r_proof:.4} target<=1.05"
    );
    assert!(r_ref <= 1.05 && r_proof <= 1.05);
}

/// Weight pallet-contracts 31 (drink 0.18, `WeightInfo = ()`) charges per byte of called code:
/// `call_with_code_per_byte(c) - call_with_code_per_byte(0)` = 33 471 ps and 1 byte of proof.
const CODE_LOAD_REF_TIME_PER_BYTE: u64 = 33_471;

/// (ref_time, proof_size) of loading `bytes` of contract code.
fn code_load(bytes: u64) -> (u64, u64) {
    (bytes * CODE_LOAD_REF_TIME_PER_BYTE, bytes)
}

fn print_weight(name: &str, (ref_time, proof): (u64, u64), (load_ref, load_proof): (u64, u64)) {
    println!(
        "BENCH voting.{name} ref_time={ref_time} proof_size={proof} code_load_ref_time={load_ref} ({:.1}%) code_load_proof_size={load_proof} ({:.1}%)",
        100.0 * ratio(load_ref, ref_time),
        100.0 * ratio(load_proof, proof),
    );
}

#[test]
#[ignore = "benchmark: run with --ignored --nocapture"]
fn bench_cast_vote_against_the_floor() {
    // The floor (test-contracts/vote_floor) does only what a vote cannot avoid: one
    // registry call for the weight at the snapshot and the kind, a receipt, a tally.
    let floor_bundle = BundleProvider::VoteFloor.bundle().expect("floor bundle");
    // Given one registry, a ballot, the floor contracts reading the same snapshot,
    let mut s = suite();
    let members = join_many(&mut s, 0, 10);
    s.join(account(200), MemberKind::Agent, 7, Some(200));
    s.chain.advance(1);
    let now = s.chain.block();
    assert_eq!(
        s.open(P, now - 1, now + 100, rules(1_000, 5_000, false)),
        Ok(())
    );
    let len = |bundle: BundleProvider| bundle.bundle().expect("bundle").wasm.len() as u64;
    let (voting_len, registry_len) = (
        len(BundleProvider::Voting),
        len(BundleProvider::AgentRegistry),
    );
    println!("BENCH voting.code_size voting={voting_len} agent_registry={registry_len}");

    // when a member votes, an agent's signed vote is relayed, and members vote on the floor,
    let vote = metered_vote(&mut s, members[0], P);
    let payload = s.payload(account(200), P, VoteChoice::For, now + 100);
    let signature = sign(&secret(200), &payload.signing_hash());
    let relayed = s.chain.call_metered::<_, Result<(), VotingError>>(
        s.voting,
        account(9),
        "cast_vote_signed",
        (
            payload.voter,
            payload.ballot,
            payload.choice,
            payload.rationale_hash,
            payload.deadline,
            signature,
        ),
    );
    assert!(matches!(relayed.value, Ok(Ok(()))), "relayed vote counted");
    let signed = (relayed.weight.ref_time(), relayed.weight.proof_size());

    // then each is printed with the share that is loading code: cast_vote loads the voting
    // code and the registry's once (standing_at), cast_vote_signed the registry's twice
    // (member_by_signer too), the floor the registry's once.
    print_weight("cast_vote", vote, code_load(voting_len + registry_len));
    print_weight(
        "cast_vote_signed",
        signed,
        code_load(voting_len + 2 * registry_len),
    );
    let floor_len = floor_bundle.wasm.len() as u64;
    let floor = s.chain.deploy(
        &floor_bundle,
        "new",
        (s.registry, now - 1),
        Chain::alice(),
        &[1],
    );
    let metered = s
        .chain
        .call_metered::<_, bool>(floor, members[1], "vote", P);
    assert!(matches!(metered.value, Ok(true)), "floor counted");
    let weight = (metered.weight.ref_time(), metered.weight.proof_size());
    println!("BENCH voting.code_size vote_floor={floor_len}");
    print_weight("floor.vote", weight, code_load(floor_len + registry_len));
    let (r_ref, r_proof) = (ratio(vote.0, weight.0), ratio(vote.1, weight.1));
    println!(
        "BENCH voting.cast_vote vs floor ratio_ref_time={r_ref:.3} ratio_proof_size={r_proof:.3} target_ref_time<=2.0"
    );
    assert!(r_ref <= 2.0, "cast_vote costs {r_ref:.3}x the floor");
}
