//! # Voting
//!
//! Agora's ballots, each named by a `BallotId` (a proposal and the ballot's purpose; today
//! one `Decision` ballot per proposal), opened and closed by the admin (the hub after
//! bootstrap). A ballot reads every voter's weight at its snapshot block from the agent
//! registry, so joining, leaving or reweighting after the snapshot changes nothing; the
//! rules (quorum, approval threshold, optional both-kinds rule) are copied in when it opens.
//!
//! Members vote For, Against or Abstain once per ballot, themselves or through anyone who
//! relays a vote they signed with the secp256k1 key the registry binds to them. Tallies are
//! kept per member kind (Human, Agent). Every vote is a record, paged in cast order by
//! `votes`, and the ballot keeps a running hash of them (its transcript); closing appends a
//! decision-log entry that commits to the transcript and the result. No message loops over
//! members or votes.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod voting {
    use agora_types::{
        ballot_closed_payload, ballot_opened_payload, recover_signer,
        traits::{Ballots, DecisionLog, Governed, MemberRegistry},
        AdminError, AdminRole, Ballot, BallotId, BallotOutcome, Hash32, LogKind, MemberKind,
        Signature, SigningKey, Subject, Vote, VoteChoice, VotePayload, VoteSignature, VotingRules,
        Weight, MAX_CHAIN_TAG_LEN, MAX_VOTES_PAGE, MAX_WINDOW,
    };
    use ink::{
        codegen::TraitCallBuilder,
        prelude::{string::String, vec::Vec},
        storage::Mapping,
    };

    /// The voting contract's error type (defined in `agora-types` so callers can decode it).
    pub use agora_types::VotingError as Error;
    /// The voting contract's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// A ballot opened.
    #[ink(event)]
    pub struct BallotOpened {
        #[ink(topic)]
        ballot: BallotId,
        snapshot_block: BlockNumber,
        closes_at: BlockNumber,
        rules: VotingRules,
        total_weight: Weight,
    }

    /// A member's vote was counted.
    #[ink(event)]
    pub struct VoteCast {
        #[ink(topic)]
        ballot: BallotId,
        #[ink(topic)]
        voter: AccountId,
        kind: MemberKind,
        choice: VoteChoice,
        weight: Weight,
        rationale_hash: Hash32,
        /// Whether someone else relayed the voter's signed vote.
        relayed: bool,
    }

    /// A ballot closed; its outcome is final.
    #[ink(event)]
    pub struct BallotClosed {
        #[ink(topic)]
        ballot: BallotId,
        outcome: BallotOutcome,
    }

    /// The voting contract's storage.
    #[ink(storage)]
    pub struct Voting {
        /// Holder of the admin role.
        admin: AdminRole,
        /// Network name bound into every signed vote.
        chain_tag: String,
        /// The agent registry weights, kinds and signing keys are read from.
        registry: AccountId,
        /// The decision log ballots are recorded in.
        log: AccountId,
        /// Ballots by id (proposal and purpose).
        ballots: Mapping<BallotId, Ballot>,
        /// Votes by `(ballot, i)` for `i < ballot.votes`, in cast order.
        votes: Mapping<(BallotId, u32), Vote>,
        /// Position of each voter's vote in its ballot.
        vote_index: Mapping<(BallotId, AccountId), u32>,
        /// Number of ballots ever opened (for the hub's bootstrap check).
        ballots_opened: u32,
    }

    impl Voting {
        /// Creates the contract, administered by the caller, reading the registry at
        /// `registry` and writing to the decision log at `log` (which must authorize this
        /// contract as a writer before the first ballot opens).
        ///
        /// `chain_tag` names the network (1..=`MAX_CHAIN_TAG_LEN` bytes); every signed
        /// vote binds it. Errors: `InvalidChainTag`.
        #[ink(constructor)]
        pub fn new(chain_tag: String, registry: AccountId, log: AccountId) -> Result<Self> {
            if chain_tag.is_empty() || chain_tag.len() > MAX_CHAIN_TAG_LEN {
                return Err(Error::InvalidChainTag);
            }
            Ok(Self {
                admin: AdminRole::new(Self::env().caller()),
                chain_tag,
                registry,
                log,
                ballots: Mapping::default(),
                votes: Mapping::default(),
                vote_index: Mapping::default(),
                ballots_opened: 0,
            })
        }

        /// The network name every signed vote binds. Anyone may call.
        #[ink(message)]
        pub fn chain_tag(&self) -> String {
            self.chain_tag.clone()
        }

        /// The agent registry this contract reads. Anyone may call.
        #[ink(message)]
        pub fn registry(&self) -> AccountId {
            self.registry
        }

        /// The decision log this contract writes to. Anyone may call.
        #[ink(message)]
        pub fn decision_log(&self) -> AccountId {
            self.log
        }

        /// The ballot `id`: snapshot, window, rules, tallies, transcript. Anyone may call.
        #[ink(message)]
        pub fn ballot(&self, id: BallotId) -> Option<Ballot> {
            self.ballots.get(id)
        }

        /// Casts the caller's vote in ballot `id` with the caller's weight at the ballot's
        /// snapshot block. Final: a member votes once per ballot (and may vote in each
        /// ballot of a proposal).
        ///
        /// Caller: a member with weight > 0 at the snapshot (a member removed or suspended
        /// since still votes; one who joined since does not). Votes are accepted while
        /// `block ≤ closes_at`. Errors: `UnknownBallot`, `BallotClosed`,
        /// `VotingWindowOver`, `AlreadyVoted`, `NotEligible`, `RegistryUnavailable`.
        /// Event: `VoteCast` (relayed: false).
        #[ink(message)]
        pub fn cast_vote(
            &mut self,
            id: BallotId,
            choice: VoteChoice,
            rationale_hash: Hash32,
        ) -> Result<()> {
            let voter = self.env().caller();
            let ballot = self.ensure_can_vote(id, voter)?;
            let (weight, kind) = self.eligibility(voter, ballot.snapshot_block)?;
            self.do_cast(
                id,
                ballot,
                self.vote(voter, kind, choice, weight, rationale_hash, None),
            );
            Ok(())
        }

        /// Casts `voter`'s vote in ballot `id` as they signed it: `signature` is the
        /// voter's secp256k1 signature over `blake2_256(b"agora/v2/vote" ++
        /// SCALE(VotePayload { chain_tag, contract: this address, voter, deadline,
        /// ballot: id, choice, rationale_hash }))`, by the key the registry binds to
        /// `voter`. The vote record keeps the signature and deadline so anyone can check
        /// it. No nonce: the payload binds the ballot, so a replay is a double vote, a vote
        /// signed for one ballot of a proposal is worthless in another, and signed votes in
        /// different ballots never block each other.
        ///
        /// Caller: anyone (a relayer). Accepted while `block ≤ deadline` and
        /// `block ≤ closes_at`. Errors: `DeadlinePassed`, `BadSignature` (v outside
        /// {0, 1}, high S, zero part, nothing recoverable), `UnknownBallot`,
        /// `BallotClosed`, `VotingWindowOver`, `AlreadyVoted` (also a replay),
        /// `SignerMismatch` (the recovered key is not `voter`'s, e.g. a signature for
        /// another contract, chain tag or choice), `NotEligible`, `RegistryUnavailable`.
        /// Event: `VoteCast` (relayed: true).
        #[ink(message)]
        pub fn cast_vote_signed(
            &mut self,
            voter: AccountId,
            id: BallotId,
            choice: VoteChoice,
            rationale_hash: Hash32,
            deadline: BlockNumber,
            signature: Signature,
        ) -> Result<()> {
            let payload = VotePayload {
                chain_tag: self.chain_tag.clone(),
                contract: self.env().account_id(),
                voter,
                deadline,
                ballot: id,
                choice,
                rationale_hash,
            };
            let key = self.signed_vote_key(&payload, &signature)?;
            let ballot = self.ensure_can_vote(id, voter)?;
            if self.owner_of_key(key)? != Some(voter) {
                return Err(Error::SignerMismatch);
            }
            let (weight, kind) = self.eligibility(voter, ballot.snapshot_block)?;
            let signed = Some(VoteSignature {
                deadline,
                signature,
            });
            self.do_cast(
                id,
                ballot,
                self.vote(voter, kind, choice, weight, rationale_hash, signed),
            );
            Ok(())
        }

        /// The vote `voter` cast in ballot `id`, if any (a receipt anyone can check).
        /// Anyone may call.
        #[ink(message)]
        pub fn vote_of(&self, id: BallotId, voter: AccountId) -> Option<Vote> {
            self.vote_index
                .get((id, voter))
                .and_then(|i| self.votes.get((id, i)))
        }

        /// The votes in ballot `id` in cast order, `limit` of them from position `from`
        /// (fewer at the end, none past it), for recomputing the transcript. Anyone may
        /// call.
        ///
        /// Errors: `LimitTooLarge` if `limit > MAX_VOTES_PAGE`, `UnknownBallot`.
        #[ink(message)]
        pub fn votes(&self, id: BallotId, from: u32, limit: u32) -> Result<Vec<Vote>> {
            if limit > MAX_VOTES_PAGE {
                return Err(Error::LimitTooLarge);
            }
            let ballot = self.ballots.get(id).ok_or(Error::UnknownBallot)?;
            let end = from.saturating_add(limit).min(ballot.votes);
            Ok((from..end)
                .filter_map(|i| self.votes.get((id, i)))
                .collect())
        }

        fn ensure_admin(&self) -> Result<()> {
            if self.env().caller() != self.admin.admin() {
                return Err(Error::NotAdmin);
            }
            Ok(())
        }

        /// Checks everything `open_ballot` needs that this contract knows; writes nothing.
        fn ensure_can_open(
            &self,
            id: BallotId,
            snapshot_block: BlockNumber,
            closes_at: BlockNumber,
            rules: &VotingRules,
        ) -> Result<()> {
            self.ensure_admin()?;
            if id.proposal == 0 {
                return Err(Error::InvalidProposal);
            }
            if self.ballots.contains(id) {
                return Err(Error::BallotExists);
            }
            let now = self.env().block_number();
            if snapshot_block >= now {
                return Err(Error::SnapshotNotInPast);
            }
            match closes_at.checked_sub(now) {
                Some(window) if window > 0 && window <= MAX_WINDOW => {}
                _ => return Err(Error::InvalidCloseBlock),
            }
            rules.validate()
        }

        /// Stores a freshly opened ballot and announces it.
        fn do_open(&mut self, id: BallotId, ballot: &Ballot) {
            self.ballots.insert(id, ballot);
            // One per proposal and purpose; far below u32::MAX, saturating anyway.
            self.ballots_opened = self.ballots_opened.saturating_add(1);
            self.env().emit_event(BallotOpened {
                ballot: id,
                snapshot_block: ballot.snapshot_block,
                closes_at: ballot.closes_at,
                rules: ballot.rules,
                total_weight: ballot.total_weight,
            });
        }

        /// The ballot `voter` may vote in now: it exists, is not closed, its window is
        /// open and `voter` has not voted in it. Writes nothing.
        fn ensure_can_vote(&self, id: BallotId, voter: AccountId) -> Result<Ballot> {
            let ballot = self.ballots.get(id).ok_or(Error::UnknownBallot)?;
            if ballot.closed {
                return Err(Error::BallotClosed);
            }
            if !ballot.accepts_votes_at(self.env().block_number()) {
                return Err(Error::VotingWindowOver);
            }
            if self.vote_index.contains((id, voter)) {
                return Err(Error::AlreadyVoted);
            }
            Ok(ballot)
        }

        /// The key that signed `payload`, if the deadline holds and the signature is well
        /// formed. Writes nothing; whose key it is is for the registry to say.
        fn signed_vote_key(
            &self,
            payload: &VotePayload,
            signature: &Signature,
        ) -> Result<SigningKey> {
            if self.env().block_number() > payload.deadline {
                return Err(Error::DeadlinePassed);
            }
            recover_signer(signature, &payload.signing_hash()).map_err(Error::BadSignature)
        }

        fn vote(
            &self,
            voter: AccountId,
            kind: MemberKind,
            choice: VoteChoice,
            weight: Weight,
            rationale_hash: Hash32,
            signed: Option<VoteSignature>,
        ) -> Vote {
            Vote {
                voter,
                kind,
                choice,
                weight,
                rationale_hash,
                block: self.env().block_number(),
                signed,
            }
        }

        /// Records `vote` as the next vote of `ballot` (checked by `ensure_can_vote`):
        /// O(1) writes, the tally, the count and the transcript.
        fn do_cast(&mut self, id: BallotId, mut ballot: Ballot, vote: Vote) {
            let index = ballot.votes;
            ballot.record(&vote);
            self.votes.insert((id, index), &vote);
            self.vote_index.insert((id, vote.voter), &index);
            self.ballots.insert(id, &ballot);
            self.env().emit_event(VoteCast {
                ballot: id,
                voter: vote.voter,
                kind: vote.kind,
                choice: vote.choice,
                weight: vote.weight,
                rationale_hash: vote.rationale_hash,
                relayed: vote.signed.is_some(),
            });
        }

        /// Freezes ballot `id` if the caller may and its window is over, and returns its
        /// final outcome. Everything but the log entry.
        fn do_close(&mut self, id: BallotId) -> Result<BallotOutcome> {
            self.ensure_admin()?;
            let mut ballot = self.ballots.get(id).ok_or(Error::UnknownBallot)?;
            if ballot.closed {
                return Err(Error::BallotClosed);
            }
            if !ballot.may_close_at(self.env().block_number()) {
                return Err(Error::BallotStillOpen);
            }
            ballot.closed = true;
            self.ballots.insert(id, &ballot);
            let outcome = ballot.outcome();
            self.env().emit_event(BallotClosed {
                ballot: id,
                outcome,
            });
            Ok(outcome)
        }

        /// The voter's weight at `snapshot_block` (must be > 0) and kind, from the registry.
        fn eligibility(
            &self,
            voter: AccountId,
            snapshot_block: BlockNumber,
        ) -> Result<(Weight, MemberKind)> {
            let registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            match registry
                .call()
                .standing_at(voter, snapshot_block)
                .try_invoke()
            {
                Ok(Ok(Some(standing))) if standing.weight > 0 => {
                    Ok((standing.weight, standing.kind))
                }
                Ok(Ok(_)) => Err(Error::NotEligible),
                _ => Err(Error::RegistryUnavailable),
            }
        }

        /// The account the registry binds `key` to, if any.
        fn owner_of_key(&self, key: SigningKey) -> Result<Option<AccountId>> {
            let registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            match registry.call().member_by_signer(key).try_invoke() {
                Ok(Ok(owner)) => Ok(owner),
                _ => Err(Error::RegistryUnavailable),
            }
        }

        /// Total registry weight at `block`.
        fn total_weight_at(&self, block: BlockNumber) -> Result<Weight> {
            let registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            match registry.call().total_weight_at(block).try_invoke() {
                Ok(Ok(total)) => Ok(total),
                _ => Err(Error::RegistryUnavailable),
            }
        }

        /// Appends an entry about ballot `id`'s proposal by the caller to the decision log
        /// (the payload names the ballot's purpose).
        fn append_log(&self, kind: LogKind, id: BallotId, payload_hash: Hash32) -> Result<()> {
            let mut log: ink::contract_ref!(DecisionLog) = self.log.into();
            let actor = self.env().caller();
            match log
                .call_mut()
                .append(kind, Subject::of_proposal(id.proposal), actor, payload_hash)
                .try_invoke()
            {
                Ok(Ok(Ok(_))) => Ok(()),
                _ => Err(Error::LogFailed),
            }
        }
    }

    impl Ballots for Voting {
        /// Opens ballot `id`: votes count the registry weights at `snapshot_block` and are
        /// accepted up to and including block `closes_at`; `rules` are copied in and the
        /// total snapshot weight is read now. Appends a `BallotOpened` log entry about the
        /// proposal whose payload hash is `blake2_256(SCALE((purpose, snapshot_block,
        /// opened_at, closes_at, rules, total_weight)))`.
        ///
        /// Caller: the admin (the hub). Errors: `NotAdmin`, `InvalidProposal` (proposal 0),
        /// `BallotExists`, `SnapshotNotInPast` (`snapshot_block ≥ block`),
        /// `InvalidCloseBlock` (`closes_at ≤ block` or more than `MAX_WINDOW`
        /// blocks ahead), `InvalidRules`, `RegistryUnavailable`, `LogFailed`. Event:
        /// `BallotOpened`.
        #[ink(message)]
        fn open_ballot(
            &mut self,
            id: BallotId,
            snapshot_block: BlockNumber,
            closes_at: BlockNumber,
            rules: VotingRules,
        ) -> Result<()> {
            self.ensure_can_open(id, snapshot_block, closes_at, &rules)?;
            let total_weight = self.total_weight_at(snapshot_block)?;
            let ballot = Ballot::new(
                snapshot_block,
                self.env().block_number(),
                closes_at,
                rules,
                total_weight,
            );
            // State first, then the external call; an `Err` from the log reverts both.
            self.do_open(id, &ballot);
            self.append_log(
                LogKind::BallotOpened,
                id,
                ballot_opened_payload(id.purpose, &ballot),
            )
        }

        /// Closes ballot `id` for good once its window is over (`block > closes_at`) and
        /// returns the final outcome. Appends a `BallotClosed` log entry about the proposal
        /// whose payload hash is `blake2_256(SCALE((purpose, outcome)))`: the outcome
        /// carries the transcript, the tallies, the vote count and the result.
        ///
        /// Caller: the admin (the hub). Errors: `NotAdmin`, `UnknownBallot`,
        /// `BallotClosed`, `BallotStillOpen`, `LogFailed`. Event: `BallotClosed`.
        #[ink(message)]
        fn close_ballot(&mut self, id: BallotId) -> Result<BallotOutcome> {
            let outcome = self.do_close(id)?;
            self.append_log(
                LogKind::BallotClosed,
                id,
                ballot_closed_payload(id.purpose, &outcome),
            )?;
            Ok(outcome)
        }

        /// The outcome of ballot `id` as it stands: tallies per kind, total
        /// snapshot weight, votes, quorum reached, approved, closed, transcript (final
        /// once closed). Anyone may call.
        ///
        /// Errors: `UnknownBallot`.
        #[ink(message)]
        fn ballot_outcome(&self, id: BallotId) -> Result<BallotOutcome> {
            self.ballots
                .get(id)
                .map(|b| b.outcome())
                .ok_or(Error::UnknownBallot)
        }

        /// Number of ballots ever opened, in O(1). The hub records the bootstrap only while
        /// it is 0: a ballot opened by the deployer before the handover would make that
        /// ballot's `open_ballot` fail forever. Anyone may call.
        #[ink(message)]
        fn ballots_opened(&self) -> u32 {
            self.ballots_opened
        }
    }

    impl Governed for Voting {
        /// The account holding the voting contract's privileges (opening and closing ballots; the
        /// hub after bootstrap). Anyone may call.
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
            testing::{high_s_twin, public_key, secret, sign},
            vote_transcript_of, SignatureError, Tally, EMPTY_BALLOT_TRANSCRIPT,
            MAX_APPROVAL_THRESHOLD_BPS, MAX_QUORUM_BPS, MIN_QUORUM_BPS, VOTE_DOMAIN,
        };
        use ink::env::{
            test::{self, DefaultAccounts},
            DefaultEnvironment,
        };

        const TAG: &str = "agora-test";
        const P: BallotId = BallotId::decision(7);

        fn accounts() -> DefaultAccounts<DefaultEnvironment> {
            test::default_accounts::<DefaultEnvironment>()
        }

        fn set_caller(account: AccountId) {
            test::set_caller::<DefaultEnvironment>(account);
        }

        fn now() -> BlockNumber {
            ink::env::block_number::<DefaultEnvironment>()
        }

        fn advance_to(block: BlockNumber) {
            while now() < block {
                test::advance_block::<DefaultEnvironment>();
            }
        }

        fn events() -> usize {
            test::recorded_events().count()
        }

        fn registry_address() -> AccountId {
            AccountId::from([0xaa; 32])
        }

        fn log_address() -> AccountId {
            AccountId::from([0xbb; 32])
        }

        fn voting() -> Voting {
            set_caller(accounts().alice);
            Voting::new(TAG.into(), registry_address(), log_address()).expect("valid tag")
        }

        fn rules() -> VotingRules {
            VotingRules {
                quorum_bps: 5_000,
                approval_threshold_bps: 6_000,
                require_both_kinds: false,
            }
        }

        /// Opens ballot `id` at block 5 (snapshot 4, closing at 10, total weight 100) as
        /// `open_ballot` does once the registry has answered.
        fn open(v: &mut Voting, id: BallotId) -> Ballot {
            advance_to(5);
            set_caller(accounts().alice);
            v.ensure_can_open(id, 4, 10, &rules()).expect("may open");
            let ballot = Ballot::new(4, now(), 10, rules(), 100);
            v.do_open(id, &ballot);
            ballot
        }

        /// Casts `voter`'s vote as `cast_vote` does once the registry has answered.
        fn cast(
            v: &mut Voting,
            voter: AccountId,
            kind: MemberKind,
            choice: VoteChoice,
            weight: Weight,
        ) {
            let ballot = v.ensure_can_vote(P, voter).expect("may vote");
            let vote = v.vote(voter, kind, choice, weight, [9; 32], None);
            v.do_cast(P, ballot, vote);
        }

        fn payload(voter: AccountId, choice: VoteChoice, deadline: BlockNumber) -> VotePayload {
            VotePayload {
                chain_tag: TAG.into(),
                contract: ink::env::account_id::<DefaultEnvironment>(),
                voter,
                deadline,
                ballot: P,
                choice,
                rationale_hash: [3; 32],
            }
        }

        /// Relays `voter`'s signed vote from `payload`, signed by `secret`.
        fn relay(v: &mut Voting, payload: &VotePayload, signature: Signature) -> Result<()> {
            set_caller(accounts().frank);
            v.cast_vote_signed(
                payload.voter,
                payload.ballot,
                payload.choice,
                payload.rationale_hash,
                payload.deadline,
                signature,
            )
        }

        #[ink::test]
        fn new_stores_its_parameters_and_the_deployer_as_admin() {
            let v = voting();
            assert_eq!(v.chain_tag(), TAG);
            assert_eq!(v.registry(), registry_address());
            assert_eq!(v.decision_log(), log_address());
            assert_eq!(v.admin(), accounts().alice);
            assert_eq!(v.ballot(P), None);
        }

        #[ink::test]
        fn new_rejects_an_empty_or_too_long_chain_tag() {
            for tag in [String::new(), "t".repeat(MAX_CHAIN_TAG_LEN + 1)] {
                assert!(matches!(
                    Voting::new(tag, registry_address(), log_address()),
                    Err(Error::InvalidChainTag)
                ));
            }
            assert!(Voting::new(
                "t".repeat(MAX_CHAIN_TAG_LEN),
                registry_address(),
                log_address()
            )
            .is_ok());
        }

        #[ink::test]
        fn open_ballot_by_anyone_but_the_admin_fails() {
            let mut v = voting();
            advance_to(5);
            set_caller(accounts().bob);
            assert_eq!(v.open_ballot(P, 4, 10, rules()), Err(Error::NotAdmin));
            assert_eq!(v.ballot(P), None);
        }

        #[ink::test]
        fn open_ballot_rejects_bad_input_before_reading_the_registry() {
            let mut v = voting();
            advance_to(5);
            let bad_quorum = VotingRules {
                quorum_bps: MIN_QUORUM_BPS - 1,
                ..rules()
            };
            let bad_threshold = VotingRules {
                approval_threshold_bps: MAX_APPROVAL_THRESHOLD_BPS + 1,
                ..rules()
            };
            let over_bps = VotingRules {
                quorum_bps: MAX_QUORUM_BPS + 1,
                ..rules()
            };
            let cases = [
                (
                    BallotId::decision(0),
                    4,
                    10,
                    rules(),
                    Error::InvalidProposal,
                ),
                (P, 5, 10, rules(), Error::SnapshotNotInPast),
                (P, 6, 10, rules(), Error::SnapshotNotInPast),
                (P, 4, 5, rules(), Error::InvalidCloseBlock),
                (P, 4, 4, rules(), Error::InvalidCloseBlock),
                (P, 4, 5 + MAX_WINDOW + 1, rules(), Error::InvalidCloseBlock),
                (P, 4, 10, bad_quorum, Error::InvalidRules),
                (P, 4, 10, bad_threshold, Error::InvalidRules),
                (P, 4, 10, over_bps, Error::InvalidRules),
            ];
            let before = events();
            for (proposal, snapshot, closes_at, r, error) in cases {
                assert_eq!(
                    v.open_ballot(proposal, snapshot, closes_at, r),
                    Err(error),
                    "{proposal:?} {snapshot} {closes_at} {r:?}"
                );
                assert_eq!(v.ballot(proposal), None);
            }
            assert_eq!(events(), before);
            // The bounds themselves are accepted.
            assert_eq!(v.ensure_can_open(P, 4, 6, &rules()), Ok(()));
            assert_eq!(v.ensure_can_open(P, 0, 5 + MAX_WINDOW, &rules()), Ok(()));
        }

        #[ink::test]
        fn open_ballot_twice_for_a_proposal_fails() {
            let mut v = voting();
            let ballot = open(&mut v, P);
            assert_eq!(v.open_ballot(P, 4, 10, rules()), Err(Error::BallotExists));
            assert_eq!(v.ballot(P), Some(ballot));
            assert_eq!(
                v.ballots_opened(),
                1,
                "the refused second opening is not counted"
            );
        }

        #[ink::test]
        fn an_opened_ballot_has_its_rules_copied_in_and_no_votes() {
            let mut v = voting();
            let before = events();
            let ballot = open(&mut v, P);
            assert_eq!(events(), before + 1);
            let stored = v.ballot(P).expect("stored");
            assert_eq!(stored, ballot);
            assert_eq!(stored.rules, rules());
            assert_eq!(
                (stored.snapshot_block, stored.opened_at, stored.closes_at),
                (4, 5, 10)
            );
            let outcome = v.ballot_outcome(P).expect("outcome");
            assert_eq!(
                outcome,
                BallotOutcome {
                    total_weight: 100,
                    transcript: EMPTY_BALLOT_TRANSCRIPT,
                    ..BallotOutcome::default()
                }
            );
            assert_eq!(v.votes(P, 0, MAX_VOTES_PAGE), Ok(Vec::new()));
        }

        #[ink::test]
        fn cast_vote_on_an_unknown_ballot_fails() {
            let mut v = voting();
            set_caller(accounts().bob);
            assert_eq!(
                v.cast_vote(P, VoteChoice::For, [0; 32]),
                Err(Error::UnknownBallot)
            );
        }

        #[ink::test]
        fn votes_are_accepted_up_to_and_including_closes_at() {
            let mut v = voting();
            open(&mut v, P);
            advance_to(10);
            assert!(v.ensure_can_vote(P, accounts().bob).is_ok());
            advance_to(11);
            set_caller(accounts().bob);
            assert_eq!(
                v.cast_vote(P, VoteChoice::For, [0; 32]),
                Err(Error::VotingWindowOver)
            );
        }

        #[ink::test]
        fn a_second_vote_by_the_same_member_is_rejected() {
            let mut v = voting();
            open(&mut v, P);
            let bob = accounts().bob;
            cast(&mut v, bob, MemberKind::Human, VoteChoice::For, 10);
            let ballot = v.ballot(P);
            let before = events();
            set_caller(bob);
            for choice in [VoteChoice::For, VoteChoice::Against] {
                assert_eq!(v.cast_vote(P, choice, [0; 32]), Err(Error::AlreadyVoted));
            }
            assert_eq!(v.ballot(P), ballot);
            assert_eq!(events(), before);
            assert_eq!(
                v.vote_of(P, bob).map(|vote| vote.choice),
                Some(VoteChoice::For)
            );
        }

        #[ink::test]
        fn vote_after_close_is_rejected() {
            let mut v = voting();
            open(&mut v, P);
            advance_to(11);
            v.do_close(P).expect("closed");
            set_caller(accounts().bob);
            assert_eq!(
                v.cast_vote(P, VoteChoice::For, [0; 32]),
                Err(Error::BallotClosed)
            );
        }

        #[ink::test]
        fn votes_are_records_in_cast_order_with_tallies_per_kind() {
            let mut v = voting();
            open(&mut v, P);
            let a = accounts();
            let before = events();
            cast(&mut v, a.bob, MemberKind::Human, VoteChoice::For, 30);
            advance_to(6);
            cast(
                &mut v,
                a.charlie,
                MemberKind::Agent,
                VoteChoice::Against,
                15,
            );
            cast(&mut v, a.django, MemberKind::Agent, VoteChoice::Abstain, 10);
            cast(&mut v, a.eve, MemberKind::Human, VoteChoice::For, 5);
            assert_eq!(events(), before + 4);

            let votes = v.votes(P, 0, MAX_VOTES_PAGE).expect("page");
            let voters: Vec<AccountId> = votes.iter().map(|vote| vote.voter).collect();
            assert_eq!(voters, [a.bob, a.charlie, a.django, a.eve]);
            assert_eq!(votes[0].block, 5);
            assert_eq!(votes[1].block, 6);
            assert_eq!(v.vote_of(P, a.charlie), Some(votes[1]));
            assert_eq!(v.vote_of(P, a.frank), None);
            assert_eq!(v.vote_of(BallotId::decision(8), a.bob), None);

            let outcome = v.ballot_outcome(P).expect("outcome");
            assert_eq!(
                outcome.humans,
                Tally {
                    for_weight: 35,
                    ..Tally::default()
                }
            );
            assert_eq!(
                outcome.agents,
                Tally {
                    against_weight: 15,
                    abstain_weight: 10,
                    ..Tally::default()
                }
            );
            assert_eq!(outcome.votes, 4);
            // For + Abstain = 45 of 100 < 50%: no quorum yet.
            assert!(!outcome.quorum_reached);
            assert!(!outcome.approved);
            assert_eq!(outcome.transcript, vote_transcript_of(&votes));

            cast(&mut v, a.frank, MemberKind::Human, VoteChoice::Abstain, 5);
            let outcome = v.ballot_outcome(P).expect("outcome");
            // 50 of 100 reaches quorum; For 35 of 50 = 70% ≥ 60%.
            assert!(outcome.quorum_reached);
            assert!(outcome.approved);
        }

        #[ink::test]
        fn votes_pages_and_checks_its_bound() {
            let mut v = voting();
            assert_eq!(v.votes(P, 0, 1), Err(Error::UnknownBallot));
            open(&mut v, P);
            let a = accounts();
            let all = [a.bob, a.charlie, a.django, a.eve, a.frank];
            for voter in all {
                cast(&mut v, voter, MemberKind::Human, VoteChoice::For, 1);
            }
            let page = v.votes(P, 1, 3).expect("page");
            assert_eq!(
                page.iter().map(|vote| vote.voter).collect::<Vec<_>>(),
                all[1..4].to_vec()
            );
            assert_eq!(v.votes(P, 4, 10).map(|p| p.len()), Ok(1));
            assert_eq!(v.votes(P, 5, 10).map(|p| p.len()), Ok(0));
            assert_eq!(v.votes(P, u32::MAX, MAX_VOTES_PAGE).map(|p| p.len()), Ok(0));
            assert_eq!(v.votes(P, 0, MAX_VOTES_PAGE + 1), Err(Error::LimitTooLarge));
        }

        #[ink::test]
        fn a_full_page_of_the_largest_votes_fits_the_return_buffer() {
            use ink::scale::Encode;
            let mut v = voting();
            open(&mut v, P);
            for i in 0..MAX_VOTES_PAGE {
                let voter = AccountId::from([u8::try_from(i).expect("small") + 1; 32]);
                let ballot = v.ensure_can_vote(P, voter).expect("may vote");
                let signed = Some(VoteSignature {
                    deadline: u32::MAX,
                    signature: [0xff; 65],
                });
                let vote = v.vote(
                    voter,
                    MemberKind::Agent,
                    VoteChoice::Abstain,
                    agora_types::MAX_MEMBER_WEIGHT,
                    [0xff; 32],
                    signed,
                );
                v.do_cast(P, ballot, vote);
            }
            let page = v.votes(P, 0, MAX_VOTES_PAGE).expect("full page");
            assert_eq!(page.len(), MAX_VOTES_PAGE as usize);
            // What the message returns, inside ink's `MessageResult`.
            let encoded = Ok::<_, ink::LangError>(Ok::<_, Error>(page)).encode().len();
            assert!(
                encoded < 16 * 1024,
                "a full page encodes to {encoded} bytes"
            );
        }

        #[ink::test]
        fn signed_vote_key_recovers_the_voters_key() {
            let v = voting();
            let voter = accounts().bob;
            let key = secret(4);
            let p = payload(voter, VoteChoice::For, 20);
            let hash = agora_types::signing_hash(VOTE_DOMAIN, &p);
            assert_eq!(hash, p.signing_hash());
            assert_eq!(
                v.signed_vote_key(&p, &sign(&key, &hash)),
                Ok(public_key(&key))
            );
        }

        #[ink::test]
        fn a_signature_for_another_contract_chain_or_choice_recovers_another_key() {
            // The registry then names no member or another one: `SignerMismatch`.
            let v = voting();
            let voter = accounts().bob;
            let key = secret(4);
            let own = public_key(&key);
            let genuine = payload(voter, VoteChoice::For, 20);
            let elsewhere = [
                VotePayload {
                    contract: AccountId::from([0x42; 32]),
                    ..genuine.clone()
                },
                VotePayload {
                    chain_tag: "other-chain".into(),
                    ..genuine.clone()
                },
                VotePayload {
                    choice: VoteChoice::Against,
                    ..genuine.clone()
                },
                VotePayload {
                    ballot: BallotId::decision(8),
                    ..genuine.clone()
                },
                VotePayload {
                    deadline: 21,
                    ..genuine.clone()
                },
                VotePayload {
                    voter: accounts().charlie,
                    ..genuine.clone()
                },
            ];
            for signed in elsewhere {
                let signature = sign(&key, &signed.signing_hash());
                assert_ne!(
                    v.signed_vote_key(&genuine, &signature),
                    Ok(own),
                    "{signed:?}"
                );
            }
        }

        #[ink::test]
        fn malformed_signatures_are_rejected_with_their_reason() {
            let mut v = voting();
            open(&mut v, P);
            let voter = accounts().bob;
            let key = secret(4);
            let p = payload(voter, VoteChoice::For, 20);
            let good = sign(&key, &p.signing_hash());
            let mut v27 = good;
            v27[64] = 27;
            let mut v2 = good;
            v2[64] = 2;
            let mut zero_r = good;
            zero_r[..32].fill(0);
            let cases = [
                (high_s_twin(&good), SignatureError::HighS),
                (v27, SignatureError::InvalidRecoveryId),
                (v2, SignatureError::InvalidRecoveryId),
                (zero_r, SignatureError::ZeroComponent),
            ];
            let before = events();
            for (signature, reason) in cases {
                assert_eq!(
                    relay(&mut v, &p, signature),
                    Err(Error::BadSignature(reason))
                );
            }
            assert_eq!(events(), before);
            assert_eq!(v.ballot_outcome(P).map(|o| o.votes), Ok(0));
        }

        #[ink::test]
        fn signed_vote_after_its_deadline_is_rejected() {
            let mut v = voting();
            open(&mut v, P);
            let key = secret(4);
            let p = payload(accounts().bob, VoteChoice::For, 6);
            let signature = sign(&key, &p.signing_hash());
            advance_to(7);
            assert_eq!(relay(&mut v, &p, signature), Err(Error::DeadlinePassed));
        }

        #[ink::test]
        fn signed_vote_checks_the_ballot_before_asking_the_registry() {
            let mut v = voting();
            let key = secret(4);
            let bob = accounts().bob;
            let p = payload(bob, VoteChoice::For, 100);
            let signature = sign(&key, &p.signing_hash());
            assert_eq!(relay(&mut v, &p, signature), Err(Error::UnknownBallot));
            open(&mut v, P);
            // A replay of a vote already counted is a double vote.
            let ballot = v.ensure_can_vote(P, bob).expect("may vote");
            let signed = Some(VoteSignature {
                deadline: p.deadline,
                signature,
            });
            let vote = v.vote(
                bob,
                MemberKind::Agent,
                p.choice,
                3,
                p.rationale_hash,
                signed,
            );
            v.do_cast(P, ballot, vote);
            assert_eq!(v.vote_of(P, bob).and_then(|vote| vote.signed), signed);
            assert_eq!(relay(&mut v, &p, signature), Err(Error::AlreadyVoted));
            advance_to(11);
            let late = payload(accounts().charlie, VoteChoice::For, 100);
            let signature = sign(&secret(5), &late.signing_hash());
            assert_eq!(
                relay(&mut v, &late, signature),
                Err(Error::VotingWindowOver)
            );
            set_caller(accounts().alice);
            v.do_close(P).expect("closed");
            assert_eq!(relay(&mut v, &late, signature), Err(Error::BallotClosed));
        }

        #[ink::test]
        fn close_ballot_checks_caller_ballot_and_window() {
            let mut v = voting();
            assert_eq!(v.close_ballot(P), Err(Error::UnknownBallot));
            open(&mut v, P);
            advance_to(10);
            assert_eq!(v.close_ballot(P), Err(Error::BallotStillOpen));
            advance_to(11);
            set_caller(accounts().bob);
            assert_eq!(v.close_ballot(P), Err(Error::NotAdmin));
            assert_eq!(v.ballot(P).map(|b| b.closed), Some(false));
        }

        #[ink::test]
        fn a_closed_ballot_is_frozen() {
            let mut v = voting();
            open(&mut v, P);
            let a = accounts();
            cast(&mut v, a.bob, MemberKind::Human, VoteChoice::For, 60);
            advance_to(11);
            set_caller(a.alice);
            let before = events();
            let outcome = v.do_close(P).expect("closed");
            assert_eq!(events(), before + 1);
            assert!(outcome.closed && outcome.approved && outcome.quorum_reached);
            assert_eq!(outcome.votes, 1);
            assert_eq!(v.ballot_outcome(P), Ok(outcome));
            assert_eq!(v.close_ballot(P), Err(Error::BallotClosed));
            assert_eq!(
                ballot_closed_payload(P.purpose, &outcome),
                agora_types::blake2_256(&ink::scale::Encode::encode(&(P.purpose, outcome)))
            );
        }

        #[ink::test]
        fn ballot_outcome_of_an_unknown_ballot_fails() {
            let v = voting();
            assert_eq!(v.ballot_outcome(P), Err(Error::UnknownBallot));
        }

        #[ink::test]
        fn ballots_of_different_proposals_are_independent() {
            let mut v = voting();
            open(&mut v, P);
            let other = BallotId::decision(8);
            v.ensure_can_open(other, 4, 20, &rules()).expect("may open");
            v.do_open(other, &Ballot::new(4, 5, 20, rules(), 50));
            let bob = accounts().bob;
            cast(&mut v, bob, MemberKind::Human, VoteChoice::Against, 7);
            assert!(v.ensure_can_vote(other, bob).is_ok());
            assert_eq!(v.ballot_outcome(other).map(|o| o.votes), Ok(0));
            assert_eq!(v.vote_of(other, bob), None);
            assert_eq!(v.votes(other, 0, MAX_VOTES_PAGE).map(|p| p.len()), Ok(0));
        }

        #[ink::test]
        fn the_admin_role_passes_on_acceptance_for_good() {
            let mut v = voting();
            let (alice, bob) = (accounts().alice, accounts().bob);
            set_caller(bob);
            assert_eq!(v.transfer_admin(bob), Err(AdminError::NotAdmin));
            assert_eq!(v.accept_admin(), Err(AdminError::NoOffer));
            set_caller(alice);
            let before = events();
            assert_eq!(v.transfer_admin(alice), Err(AdminError::AlreadyAdmin));
            assert_eq!(v.transfer_admin(bob), Ok(()));
            assert_eq!(events(), before + 1);
            assert_eq!(v.admin(), alice);
            set_caller(bob);
            assert_eq!(v.accept_admin(), Ok(()));
            assert_eq!(events(), before + 2);
            assert_eq!(v.admin(), bob);
            set_caller(alice);
            assert_eq!(v.transfer_admin(alice), Err(AdminError::NotAdmin));
            advance_to(5);
            assert_eq!(v.open_ballot(P, 4, 10, rules()), Err(Error::NotAdmin));
            set_caller(bob);
            assert_eq!(v.ensure_can_open(P, 4, 10, &rules()), Ok(()));
        }
    }
}
