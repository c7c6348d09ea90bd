//! # Proposal hub
//!
//! The governor of the Agora suite and the holder of its treasury. Members submit proposals
//! (agents sign theirs and anyone relays them), revise them while peers review, and once the
//! review rules are met the members vote; a passed proposal is queued behind a timelock and
//! then executed. Every transition is a message anyone may call once its time has come, and
//! each one appends an entry to the decision log.
//!
//! After bootstrap the hub is the admin of the registry, review, voting and log contracts;
//! the hub itself has no admin.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod proposals {
    use agora_types::{
        blake2_256, check_content_shape, recover_signer, sealed_payload, signing_hash,
        traits::{Ballots, DecisionLog, Governed, MemberRegistry, ReviewRounds},
        Action, BallotId, BallotOutcome, BootstrapFault, Callee, FounderSet, Hash32, HubParams,
        KindSet, LogAnchor, LogError, LogKind, Member, MemberKind, Perspective, Proposal,
        ProposalId, ProposalPayload, ProposalState, Revision, RevisionPayload, RevisionRecord,
        RoundOutcome, Signature, SigningKey, Subject, SuiteCodeHashes, UnmeetableRule, Veto,
        BOOTSTRAP_HANDOVERS, BOOTSTRAP_WRITERS, EXTERNAL_KINDS, HUB_KINDS, MAX_ACTIONS,
        MAX_CHAIN_TAG_LEN, MAX_REVISIONS, PROPOSAL_DOMAIN, REVIEW_KINDS, REVISION_DOMAIN,
        VOTING_KINDS,
    };
    /// The parameters' compile-time bounds (defined in `agora-types` for clients).
    pub use agora_types::{
        MAX_GRACE_PERIOD, MAX_OPEN_PER_MEMBER, MAX_SPENDING_PERIOD, MAX_SPEND_CAP, MAX_TIMELOCK,
        MAX_VETO_THRESHOLD, MAX_WINDOW, MIN_GRACE_PERIOD, MIN_REQUIRED_REVIEWS,
        MIN_SPENDING_PERIOD, MIN_TIMELOCK, MIN_WINDOW,
    };
    use ink::{
        codegen::TraitCallBuilder,
        prelude::{string::String, vec::Vec},
        scale::Encode,
        storage::Mapping,
    };

    /// Most proposals one `proposals` page returns (`agora_types::MAX_PROPOSALS_PAGE`).
    pub const MAX_PAGE: u32 = agora_types::MAX_PROPOSALS_PAGE;

    /// The hub's error type (defined in `agora-types` so clients can decode it).
    pub use agora_types::ProposalError as Error;
    /// The hub's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// A proposal was submitted (revision 1).
    #[ink(event)]
    pub struct ProposalSubmitted {
        #[ink(topic)]
        id: ProposalId,
        #[ink(topic)]
        author: AccountId,
        content_hash: Hash32,
        signed: bool,
        review_closes_at: BlockNumber,
    }

    /// A proposal got a new revision and a fresh review round.
    #[ink(event)]
    pub struct ProposalRevised {
        #[ink(topic)]
        id: ProposalId,
        revision: Revision,
        content_hash: Hash32,
        signed: bool,
        review_closes_at: BlockNumber,
    }

    /// Review closed: voting opened, or the proposal was rejected.
    #[ink(event)]
    pub struct ReviewClosed {
        #[ink(topic)]
        id: ProposalId,
        revision: Revision,
        rules_met: bool,
        snapshot_block: Option<BlockNumber>,
        voting_closes_at: Option<BlockNumber>,
    }

    /// Voting closed: the proposal succeeded or was defeated.
    #[ink(event)]
    pub struct VotingClosed {
        #[ink(topic)]
        id: ProposalId,
        approved: bool,
    }

    /// A succeeded proposal was queued behind the timelock.
    #[ink(event)]
    pub struct ProposalQueued {
        #[ink(topic)]
        id: ProposalId,
        eta: BlockNumber,
        expires_at: BlockNumber,
    }

    /// A queued proposal's actions ran.
    #[ink(event)]
    pub struct ProposalExecuted {
        #[ink(topic)]
        id: ProposalId,
        actions: u32,
    }

    /// The author cancelled a proposal during review.
    #[ink(event)]
    pub struct ProposalCancelled {
        #[ink(topic)]
        id: ProposalId,
    }

    /// Funds were paid into the treasury.
    #[ink(event)]
    pub struct Deposited {
        #[ink(topic)]
        from: AccountId,
        amount: Balance,
    }

    /// The treasury paid out by an executed proposal.
    #[ink(event)]
    pub struct TreasuryTransferred {
        #[ink(topic)]
        proposal: ProposalId,
        #[ink(topic)]
        to: AccountId,
        amount: Balance,
    }

    /// A Safety member vetoed a proposal.
    #[ink(event)]
    pub struct VetoCast {
        #[ink(topic)]
        id: ProposalId,
        #[ink(topic)]
        vetoer: AccountId,
        reason_hash: Hash32,
        vetoes: u32,
    }

    /// Vetoes reached the threshold: the proposal can never execute.
    #[ink(event)]
    pub struct ProposalVetoed {
        #[ink(topic)]
        id: ProposalId,
        vetoes: u32,
    }

    /// An executed proposal replaced the hub's parameters.
    #[ink(event)]
    pub struct ParamsChanged {
        #[ink(topic)]
        proposal: ProposalId,
        version: u32,
        params: HubParams,
    }

    /// An executed proposal called a contract outside the suite.
    #[ink(event)]
    pub struct ExternalCalled {
        #[ink(topic)]
        proposal: ProposalId,
        #[ink(topic)]
        callee: AccountId,
        selector: [u8; 4],
        value: Balance,
    }

    /// An executed `Succession` handed the treasury to the successor suite's hub and sealed
    /// the log: this hub is retired.
    #[ink(event)]
    pub struct SuiteSucceeded {
        #[ink(topic)]
        proposal: ProposalId,
        #[ink(topic)]
        successor: AccountId,
        code_hash: Hash32,
        amount: Balance,
    }

    /// A retired hub forwarded what reached it after the succession (`sweep`).
    #[ink(event)]
    pub struct Swept {
        #[ink(topic)]
        successor: AccountId,
        amount: Balance,
    }

    /// Bootstrap was verified complete: no account but the hub holds a privilege.
    #[ink(event)]
    pub struct BootstrapCompleted {
        registry: AccountId,
        review: AccountId,
        voting: AccountId,
        log: AccountId,
    }

    /// The hub's storage.
    #[ink(storage)]
    pub struct Proposals {
        /// Network name every signed payload binds.
        chain_tag: String,
        /// The agent registry.
        registry: AccountId,
        /// The peer-review contract.
        review: AccountId,
        /// The voting contract.
        voting: AccountId,
        /// The decision log.
        log: AccountId,
        /// Governance parameters in force (the latest version).
        params: HubParams,
        /// Version of `params` (from 1; each executed `SetParams` adds one).
        params_version: u32,
        /// Every version of the parameters, so each proposal keeps the one it was opened
        /// with.
        params_history: Mapping<u32, HubParams>,
        /// Vetoes by proposal and vetoer.
        vetoes: Mapping<(ProposalId, AccountId), Veto>,
        /// Spending this period: `(period index, period length it was counted with, spent)`.
        spending: (u32, BlockNumber, Balance),
        /// Proposals by id (from 1).
        proposals: Mapping<ProposalId, Proposal>,
        /// Every revision of every proposal.
        revisions: Mapping<(ProposalId, Revision), RevisionRecord>,
        /// Number of proposals (the last id).
        proposal_count: ProposalId,
        /// Proposals in review or voting per author.
        open_count: Mapping<AccountId, u32>,
        /// Submission nonces used per account (any order).
        used_nonces: Mapping<(AccountId, u64), ()>,
        /// Whether `complete_bootstrap` has run.
        bootstrapped: bool,
        /// The code every other suite contract must run (checked by `complete_bootstrap`).
        expected_code: SuiteCodeHashes,
        /// The founders the registry must hold at bootstrap, and nothing else.
        founders: FounderSet,
        /// Log writers governance authorized (`AuthorizeWriter`, always `EXTERNAL_KINDS`)
        /// and has not revoked: the only writers beyond the suite's three.
        external_writers: u32,
        /// The successor suite's hub once a `Succession` executed: the hub is retired.
        successor: Option<AccountId>,
    }

    impl Proposals {
        /// Creates the hub over the four suite contracts with its governance parameters, the
        /// code hash each of the four must run (`expected_code`: the release bundles'
        /// `blake2_256(wasm)`) and the founders the registry must hold when the bootstrap is
        /// recorded (`founders`: their count and running registration hash,
        /// `agora_types::FounderSet`). Nothing can be submitted until `complete_bootstrap`
        /// has checked all of it.
        ///
        /// Errors: `InvalidChainTag` (empty or over 32 bytes), `ParameterOutOfBounds(_)`
        /// (naming the first parameter outside its bounds).
        #[ink(constructor)]
        #[allow(clippy::too_many_arguments)]
        pub fn new(
            chain_tag: String,
            registry: AccountId,
            review: AccountId,
            voting: AccountId,
            log: AccountId,
            params: HubParams,
            expected_code: SuiteCodeHashes,
            founders: FounderSet,
        ) -> Result<Self> {
            if chain_tag.is_empty() || chain_tag.len() > MAX_CHAIN_TAG_LEN {
                return Err(Error::InvalidChainTag);
            }
            params.check_bounds().map_err(Error::ParameterOutOfBounds)?;
            let mut params_history = Mapping::default();
            params_history.insert(1, &params);
            Ok(Self {
                chain_tag,
                registry,
                review,
                voting,
                log,
                params,
                params_version: 1,
                params_history,
                vetoes: Mapping::default(),
                spending: (0, 0, 0),
                proposals: Mapping::default(),
                revisions: Mapping::default(),
                proposal_count: 0,
                open_count: Mapping::default(),
                used_nonces: Mapping::default(),
                bootstrapped: false,
                expected_code,
                founders,
                external_writers: 0,
                successor: None,
            })
        }

        /// Pays the transferred value into the treasury. Anyone may call.
        ///
        /// Errors: `ZeroDeposit` if nothing is transferred, `Retired` once the suite was
        /// succeeded (the value goes back with the revert). Event: `Deposited`. No log entry.
        #[ink(message, payable)]
        pub fn deposit(&mut self) -> Result<()> {
            self.ensure_active()?;
            let amount = self.env().transferred_value();
            if amount == 0 {
                return Err(Error::ZeroDeposit);
            }
            self.env().emit_event(Deposited {
                from: self.env().caller(),
                amount,
            });
            Ok(())
        }

        /// Submits a proposal as the caller (revision 1) and opens its first review round.
        /// Returns the new id.
        ///
        /// Caller: an active member with fewer than `max_open_per_member` open proposals.
        /// Errors: `UriTooLong`, `InvalidActionCount`, `ZeroTransfer`,
        /// `ProposalSpendCapExceeded`, `CallToSuite`, `NotAContract`, `CallInputTooLong`,
        /// `Registry(_)` (a member profile the registry would refuse),
        /// `ParameterOutOfBounds(_)`, `RulesUnmeetable(_)` (a `SetParams` the current
        /// membership could not meet), `WriterRequired`, `Log(AlreadyWriter)` /
        /// `Log(UnknownWriter)` (an `AuthorizeWriter` of a writer, a `RevokeWriter` of an
        /// account that is none, counting the list's earlier writer actions), `NotActiveMember`,
        /// `TooManyOpenProposals`, and failures of the review round or log
        /// (`Review(_)`, `Log(_)`, `CallFailed(_)`). Event: `ProposalSubmitted`; log entry
        /// `ProposalSubmitted`.
        #[ink(message)]
        pub fn submit(
            &mut self,
            content_hash: Hash32,
            uri: String,
            actions: Vec<Action>,
        ) -> Result<ProposalId> {
            let author = self.env().caller();
            self.do_submit(author, content_hash, uri, actions, None)
        }

        /// Submits a proposal signed by an agent; anyone may relay it.
        ///
        /// The payload must name this chain and this hub, its deadline must not have
        /// passed, the signature (65 bytes, low-S, v ∈ {0, 1}) must recover a key the
        /// registry binds to `payload.author`, and the author must not have used
        /// `payload.nonce` before. Errors: `WrongChain`, `WrongContract`, `DeadlinePassed`,
        /// `BadSignature(_)`, `SignerMismatch`, `NonceUsed`, and those of `submit`.
        /// Event: `ProposalSubmitted`; log entry `ProposalSubmitted`.
        #[ink(message)]
        pub fn submit_signed(
            &mut self,
            payload: ProposalPayload,
            signature: Signature,
        ) -> Result<ProposalId> {
            self.ensure_signed_context(&payload.chain_tag, payload.hub, payload.deadline)?;
            let hash = signing_hash(PROPOSAL_DOMAIN, &payload);
            let key = self.verify_signer(&signature, &hash, payload.author)?;
            if self.used_nonces.contains((payload.author, payload.nonce)) {
                return Err(Error::NonceUsed);
            }
            self.used_nonces
                .insert((payload.author, payload.nonce), &());
            self.do_submit(
                payload.author,
                payload.content_hash,
                payload.uri,
                payload.actions,
                Some((key, blake2_256(&signature))),
            )
        }

        /// Adds a revision to the caller's proposal during its review window and opens a
        /// fresh review round for it (a new window starts; earlier rounds stay readable).
        /// The replaced revision's round is frozen (`supersede_round`, logged as
        /// `ReviewRoundClosed`), so its reviewers can settle.
        ///
        /// Caller: the author. Errors: `UnknownProposal`, `NotAuthor`,
        /// `UnexpectedState` (not in review), `ReviewWindowOver`, `TooManyRevisions` (it has
        /// `MAX_REVISIONS` already), `UriTooLong`, `InvalidActionCount`, `ZeroTransfer`,
        /// `Review(_)`, `Log(_)`, `CallFailed(_)`. Event: `ProposalRevised`; log entry
        /// `ProposalRevised`.
        #[ink(message)]
        pub fn revise(
            &mut self,
            id: ProposalId,
            content_hash: Hash32,
            uri: String,
            actions: Vec<Action>,
        ) -> Result<Revision> {
            let caller = self.env().caller();
            let proposal = self.get(id)?;
            if proposal.author != caller {
                return Err(Error::NotAuthor);
            }
            self.do_revise(proposal, content_hash, uri, actions, None)
        }

        /// Adds a revision signed by the author; anyone may relay it.
        ///
        /// The payload binds the proposal and the revision number it creates (current + 1),
        /// so a replay is stale. Errors: `WrongChain`, `WrongContract`, `DeadlinePassed`,
        /// `BadSignature(_)`, `SignerMismatch`, `UnknownProposal`, `NotAuthor`,
        /// `StaleRevision`, and those of `revise`. Event: `ProposalRevised`; log entry
        /// `ProposalRevised`.
        #[ink(message)]
        pub fn revise_signed(
            &mut self,
            payload: RevisionPayload,
            signature: Signature,
        ) -> Result<Revision> {
            self.ensure_signed_context(&payload.chain_tag, payload.hub, payload.deadline)?;
            let hash = signing_hash(REVISION_DOMAIN, &payload);
            let key = self.verify_signer(&signature, &hash, payload.author)?;
            let proposal = self.get(payload.proposal)?;
            if proposal.author != payload.author {
                return Err(Error::NotAuthor);
            }
            if Some(payload.revision) != proposal.revision.checked_add(1) {
                return Err(Error::StaleRevision);
            }
            self.do_revise(
                proposal,
                payload.content_hash,
                payload.uri,
                payload.actions,
                Some((key, blake2_256(&signature))),
            )
        }

        /// Closes the review of the current revision once its window has passed: if the
        /// round's rules are met the ballot opens (snapshot = the block before the round's
        /// scheduled close, fixed here, not chosen by the caller) and the proposal is in
        /// Voting; otherwise it is Rejected.
        ///
        /// Anyone may call. Errors: `UnknownProposal`, `UnexpectedState` (not in review),
        /// `TooEarly` (window not over), `Review(_)`, `Voting(_)`, `Log(_)`,
        /// `CallFailed(_)`. Event: `ReviewClosed`; log entry `ReviewPassed` or
        /// `ProposalRejected`.
        #[ink(message)]
        pub fn close_review(&mut self, id: ProposalId) -> Result<ProposalState> {
            self.ensure_active()?;
            let mut proposal = self.get(id)?;
            Self::ensure_stage(&proposal, ProposalState::InReview)?;
            let now = self.env().block_number();
            Self::ensure_after(now, proposal.review_closes_at)?;

            let outcome = self.close_round(id, proposal.revision)?;
            let params = self.params_of(&proposal);
            proposal.updated_at = now;
            let (kind, snapshot, closes_at) = if outcome.rules_met {
                // The round's window ended at `review_closes_at`, which is in the past, so
                // the block before it is a settled snapshot.
                let snapshot = proposal.review_closes_at.saturating_sub(1);
                let closes_at = now.saturating_add(params.voting_window);
                proposal.stage = ProposalState::Voting;
                proposal.snapshot_block = Some(snapshot);
                proposal.voting_closes_at = Some(closes_at);
                (LogKind::ReviewPassed, Some(snapshot), Some(closes_at))
            } else {
                proposal.stage = ProposalState::Rejected;
                self.release_open_slot(proposal.author);
                (LogKind::ProposalRejected, None, None)
            };
            self.proposals.insert(id, &proposal);
            if let (Some(snapshot), Some(closes_at)) = (snapshot, closes_at) {
                self.open_ballot(BallotId::decision(id), snapshot, closes_at, params)?;
            }
            self.append_log(kind, id, self.env().caller(), hash_of(&outcome))?;
            self.env().emit_event(ReviewClosed {
                id,
                revision: proposal.revision,
                rules_met: outcome.rules_met,
                snapshot_block: snapshot,
                voting_closes_at: closes_at,
            });
            Ok(proposal.stage)
        }

        /// Closes voting once its window has passed: Succeeded if the ballot passed,
        /// Defeated otherwise.
        ///
        /// Anyone may call. Errors: `UnknownProposal`, `UnexpectedState` (not voting),
        /// `TooEarly`, `Voting(_)`, `Log(_)`, `CallFailed(_)`. Event: `VotingClosed`; log
        /// entry `ProposalSucceeded` or `ProposalDefeated`.
        #[ink(message)]
        pub fn close_voting(&mut self, id: ProposalId) -> Result<ProposalState> {
            self.ensure_active()?;
            let mut proposal = self.get(id)?;
            Self::ensure_stage(&proposal, ProposalState::Voting)?;
            let now = self.env().block_number();
            let closes_at = proposal.voting_closes_at.ok_or(Error::UnexpectedState {
                current: proposal.stage,
            })?;
            Self::ensure_after(now, closes_at)?;

            let outcome = self.close_ballot(BallotId::decision(id))?;
            let kind = if outcome.approved {
                proposal.stage = ProposalState::Succeeded;
                LogKind::ProposalSucceeded
            } else {
                proposal.stage = ProposalState::Defeated;
                LogKind::ProposalDefeated
            };
            proposal.updated_at = now;
            self.release_open_slot(proposal.author);
            self.proposals.insert(id, &proposal);
            self.append_log(kind, id, self.env().caller(), hash_of(&outcome))?;
            self.env().emit_event(VotingClosed {
                id,
                approved: outcome.approved,
            });
            Ok(proposal.stage)
        }

        /// Queues a succeeded proposal: `eta = now + timelock`, `expires_at = eta + grace`.
        ///
        /// Anyone may call. Errors: `UnknownProposal`, `UnexpectedState` (not Succeeded),
        /// `Log(_)`, `CallFailed(_)`. Event: `ProposalQueued`; log entry `ProposalQueued`.
        #[ink(message)]
        pub fn queue(&mut self, id: ProposalId) -> Result<(BlockNumber, BlockNumber)> {
            self.ensure_active()?;
            let mut proposal = self.get(id)?;
            Self::ensure_stage(&proposal, ProposalState::Succeeded)?;
            let now = self.env().block_number();
            let params = self.params_of(&proposal);
            let eta = now.saturating_add(params.timelock);
            let expires_at = eta.saturating_add(params.grace_period);
            proposal.stage = ProposalState::Queued;
            proposal.eta = Some(eta);
            proposal.expires_at = Some(expires_at);
            proposal.updated_at = now;
            self.proposals.insert(id, &proposal);
            self.append_log(
                LogKind::ProposalQueued,
                id,
                self.env().caller(),
                hash_of(&(eta, expires_at)),
            )?;
            self.env().emit_event(ProposalQueued {
                id,
                eta,
                expires_at,
            });
            Ok((eta, expires_at))
        }

        /// Executes a queued proposal's actions, in order and all or nothing, in
        /// `[eta, expires_at)`. The proposal is marked Executed (and the period's spending
        /// recorded) before any action runs; if an action fails the whole message reverts
        /// and the proposal stays Queued. After membership or parameter actions the
        /// review rules and the veto threshold must still be meetable.
        ///
        /// Anyone may call. Errors: `UnknownProposal`, `UnexpectedState` (not queued, e.g.
        /// Vetoed), `TooEarly` (before eta), `Expired` (at or after expires_at),
        /// `InsufficientTreasury`, `PeriodCapExceeded` (may succeed in a later period),
        /// `CalleeCodeChanged`, `ExternalCallFailed`, `ParameterOutOfBounds(_)`,
        /// `WriterRequired`, `RulesUnmeetable(_)`, `TransferFailed`, `Registry(_)`,
        /// `Log(_)`, `CallFailed(_)`. Events: `ProposalExecuted`, and per action
        /// `TreasuryTransferred`, `ParamsChanged` or `ExternalCalled`; log entries
        /// `ProposalExecuted`, then `MembershipChanged` per membership action and
        /// `ParameterChanged` per parameter change (writer changes are logged by the log).
        #[ink(message)]
        pub fn execute(&mut self, id: ProposalId) -> Result<()> {
            self.ensure_active()?;
            let mut proposal = self.get(id)?;
            let now = self.env().block_number();
            match self.derive_state(&proposal, now) {
                ProposalState::Queued => {}
                ProposalState::Expired => return Err(Error::Expired),
                current => return Err(Error::UnexpectedState { current }),
            }
            let eta = proposal.eta.ok_or(Error::UnexpectedState {
                current: proposal.stage,
            })?;
            if now < eta {
                return Err(Error::TooEarly { allowed_from: eta });
            }
            let record = self
                .revisions
                .get((id, proposal.revision))
                .ok_or(Error::UnknownRevision)?;
            let spend = self.ensure_treasury_covers(&record.actions)?;
            let spending = self.spend_from_allowance(now, spend)?;
            self.ensure_callees_unchanged(&record)?;

            self.spending = spending;
            proposal.stage = ProposalState::Executed;
            proposal.updated_at = now;
            self.proposals.insert(id, &proposal);
            self.append_log(
                LogKind::ProposalExecuted,
                id,
                self.env().caller(),
                hash_of(&record.actions),
            )?;
            let mut index: u32 = 0;
            for action in &record.actions {
                self.run(id, index, action)?;
                index = index.saturating_add(1);
            }
            if record.actions.iter().any(Action::affects_rules) {
                self.ensure_rules_meetable(&self.params)?;
            }
            self.env().emit_event(ProposalExecuted {
                id,
                // At most MAX_ACTIONS (8) actions are ever stored.
                actions: u32::try_from(record.actions.len()).unwrap_or(MAX_ACTIONS),
            });
            Ok(())
        }

        /// Withdraws a proposal during review; its current review round is frozen
        /// (`supersede_round`, logged as `ReviewRoundClosed`) so its reviewers can settle.
        ///
        /// Caller: the author. Errors: `UnknownProposal`, `NotAuthor`, `UnexpectedState`
        /// (not in review), `Log(_)`, `CallFailed(_)`. Event: `ProposalCancelled`; log entry
        /// `ProposalCancelled`.
        #[ink(message)]
        pub fn cancel(&mut self, id: ProposalId) -> Result<()> {
            self.ensure_active()?;
            let mut proposal = self.get(id)?;
            let caller = self.env().caller();
            if proposal.author != caller {
                return Err(Error::NotAuthor);
            }
            Self::ensure_stage(&proposal, ProposalState::InReview)?;
            proposal.stage = ProposalState::Cancelled;
            proposal.updated_at = self.env().block_number();
            self.release_open_slot(proposal.author);
            self.proposals.insert(id, &proposal);
            self.supersede_round(id, proposal.revision)?;
            self.append_log(LogKind::ProposalCancelled, id, caller, [0u8; 32])?;
            self.env().emit_event(ProposalCancelled { id });
            Ok(())
        }

        /// Vetoes a proposal from the opening of voting until execution (Voting, Succeeded
        /// or Queued and not expired). When the number of distinct vetoers reaches the
        /// veto threshold of the parameters the proposal was opened with, it becomes
        /// Vetoed and can never execute (a ballot still open stays open but is never
        /// closed). O(1).
        ///
        /// Caller: a member with weight at the ballot's snapshot who holds the Safety
        /// perspective, once per proposal. Errors: `UnknownProposal`, `UnexpectedState`
        /// (before voting, after execution, expired, already vetoed), `VetoDisabled`
        /// (threshold 0), `AlreadyVetoed`, `NoWeightAtSnapshot`, `NotSafetyMember`,
        /// `Log(_)`, `CallFailed(_)`. Events: `VetoCast`, and `ProposalVetoed` at the
        /// threshold; log entries `VetoCast` (payload: the reason hash) and
        /// `ProposalVetoed`.
        #[ink(message)]
        pub fn veto(&mut self, id: ProposalId, reason_hash: Hash32) -> Result<()> {
            self.ensure_active()?;
            let mut proposal = self.get(id)?;
            let now = self.env().block_number();
            let current = self.derive_state(&proposal, now);
            let snapshot = match (current, proposal.snapshot_block) {
                (
                    ProposalState::Voting | ProposalState::Succeeded | ProposalState::Queued,
                    Some(snapshot),
                ) => snapshot,
                _ => return Err(Error::UnexpectedState { current }),
            };
            let threshold = self.params_of(&proposal).veto_threshold;
            if threshold == 0 {
                return Err(Error::VetoDisabled);
            }
            let vetoer = self.env().caller();
            if self.vetoes.contains((id, vetoer)) {
                return Err(Error::AlreadyVetoed);
            }
            let registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            match registry.call().standing_at(vetoer, snapshot).try_invoke() {
                Ok(Ok(Some(standing))) if standing.weight > 0 => {
                    if !standing.perspectives.contains(Perspective::Safety) {
                        return Err(Error::NotSafetyMember);
                    }
                }
                Ok(Ok(_)) => return Err(Error::NoWeightAtSnapshot),
                _ => return Err(Error::CallFailed(Callee::Registry)),
            }

            self.vetoes.insert(
                (id, vetoer),
                &Veto {
                    reason_hash,
                    block: now,
                },
            );
            proposal.vetoes = proposal.vetoes.saturating_add(1);
            let stopped = proposal.vetoes >= threshold;
            if stopped {
                if proposal.stage == ProposalState::Voting {
                    self.release_open_slot(proposal.author);
                }
                proposal.stage = ProposalState::Vetoed;
                proposal.updated_at = now;
            }
            self.proposals.insert(id, &proposal);
            self.append_log(LogKind::VetoCast, id, vetoer, reason_hash)?;
            self.env().emit_event(VetoCast {
                id,
                vetoer,
                reason_hash,
                vetoes: proposal.vetoes,
            });
            if stopped {
                self.append_log(
                    LogKind::ProposalVetoed,
                    id,
                    vetoer,
                    hash_of(&(proposal.vetoes, threshold)),
                )?;
                self.env().emit_event(ProposalVetoed {
                    id,
                    vetoes: proposal.vetoes,
                });
            }
            Ok(())
        }

        /// Number of distinct Safety members who vetoed proposal `id` (0 for an unknown
        /// one). Anyone may call.
        #[ink(message)]
        pub fn vetoes(&self, id: ProposalId) -> u32 {
            self.proposals.get(id).map_or(0, |p| p.vetoes)
        }

        /// `account`'s veto of proposal `id`, if it cast one. Anyone may call.
        #[ink(message)]
        pub fn vetoed_by(&self, id: ProposalId, account: AccountId) -> Option<Veto> {
            self.vetoes.get((id, account))
        }

        /// What the treasury may still pay out in the current spending period. Anyone may
        /// call.
        #[ink(message)]
        pub fn allowance(&self) -> Balance {
            let spent = self.spent_this_period(self.env().block_number());
            self.params.max_spend_per_period.saturating_sub(spent)
        }

        /// Version of the parameters in force (from 1). Anyone may call.
        #[ink(message)]
        pub fn params_version(&self) -> u32 {
            self.params_version
        }

        /// Version `version` of the parameters, if it exists. Anyone may call.
        #[ink(message)]
        pub fn params_at(&self, version: u32) -> Option<HubParams> {
            self.params_history.get(version)
        }

        /// Checks that the suite is exactly what the hub was built over and holds nothing
        /// but the bootstrap's own state (see `bootstrap_fault`), and that the registered
        /// founders can meet the parameters' rules (see `rules_meetable`), then records it
        /// in the log once; only then can proposals be submitted. A suite whose founders
        /// could never pass a review is never recorded as bootstrapped; deployers call
        /// `rules_meetable` before handing the admins over, while they can still register
        /// founders. Anyone may call.
        ///
        /// Errors: `BootstrapAlreadyRecorded`, `BootstrapIncomplete(fault)` naming the first
        /// thing wrong, `RulesUnmeetable(_)`, `Log(_)`, `CallFailed(_)`. Event:
        /// `BootstrapCompleted`; log entry `BootstrapCompleted` (payload
        /// `blake2_256(SCALE(((registry, review, voting, log), params, expected_code,
        /// founders)))`).
        #[ink(message)]
        pub fn complete_bootstrap(&mut self) -> Result<()> {
            if self.bootstrapped {
                return Err(Error::BootstrapAlreadyRecorded);
            }
            if let Some(fault) = self.bootstrap_fault() {
                return Err(Error::BootstrapIncomplete(fault));
            }
            self.ensure_rules_meetable(&self.params)?;
            self.bootstrapped = true;
            let contracts = (self.registry, self.review, self.voting, self.log);
            self.append_log(
                LogKind::BootstrapCompleted,
                0,
                self.env().caller(),
                hash_of(&(contracts, self.params, self.expected_code, self.founders)),
            )?;
            self.env().emit_event(BootstrapCompleted {
                registry: self.registry,
                review: self.review,
                voting: self.voting,
                log: self.log,
            });
            Ok(())
        }

        /// Accepts every admin role the registry, review, voting and log contracts offer the
        /// hub (the deployer's `transfer_admin(hub)` on each is the first step of the
        /// handover, this the second; `agora_types::AdminRole`). A contract with no offer to
        /// the hub, or whose admin the hub already is, is passed over; the hub accepts from
        /// no other contract. Anyone may call.
        ///
        /// Errors: `Admin(_)` if a contract refused the acceptance, `CallFailed(_)` if one
        /// could not be called (the whole call reverts). Events: each contract's
        /// `AdminTransferred` (the log also appends an `AdminTransferred` entry). Returns how
        /// many roles the hub accepted.
        #[ink(message)]
        pub fn accept_admins(&mut self) -> Result<u32> {
            let hub = self.env().account_id();
            let mut accepted = 0u32;
            for (contract, callee) in [
                (self.registry, Callee::Registry),
                (self.review, Callee::Review),
                (self.voting, Callee::Voting),
                (self.log, Callee::Log),
            ] {
                let mut governed: ink::contract_ref!(Governed) = contract.into();
                let pending = governed
                    .call()
                    .pending_admin()
                    .try_invoke()
                    .map_err(|_| Error::CallFailed(callee))?
                    .map_err(|_| Error::CallFailed(callee))?;
                if pending != Some(hub) {
                    continue;
                }
                governed
                    .call_mut()
                    .accept_admin()
                    .try_invoke()
                    .map_err(|_| Error::CallFailed(callee))?
                    .map_err(|_| Error::CallFailed(callee))?
                    .map_err(Error::Admin)?;
                accepted = accepted.saturating_add(1);
            }
            Ok(accepted)
        }

        /// Whether `bootstrap_fault` finds nothing wrong: the four contracts run the
        /// expected code, are wired to each other and to this chain tag, have the hub as
        /// admin, and the log's writers are exactly the hub, review and voting contracts
        /// with their own kinds, besides writers governance added for external kinds (and,
        /// until the bootstrap is recorded, they hold only the bootstrap's state).
        /// Anyone may call.
        #[ink(message)]
        pub fn bootstrap_complete(&self) -> bool {
            self.bootstrap_fault().is_none()
        }

        /// The first reason the suite is not (or, once recorded, no longer) bootstrapped,
        /// checked in this order: each of the registry, review, voting and log contracts
        /// runs its `expected_code_hashes` code (`UnexpectedCode`) and reads this suite's
        /// registry and log and binds this chain tag (`Miswired`); until `complete_bootstrap`
        /// records the bootstrap, the registry's registrations are the constructor's
        /// founders (`FoundersDiffer`) with no admin change since, no review round or ballot
        /// was opened, and the log holds only the writer authorizations and its own admin
        /// handover (`PlantedState`); the hub is the admin of all four (`AdminNotHub`) and
        /// the log's writers are exactly the hub, review and voting, each authorized for its
        /// own kinds, plus the writers governance added for external kinds only
        /// (`WritersNotSuite`). The
        /// state comes before the admins so that a deployer can read it before handing over
        /// (`AdminNotHub` is then all that is left; `agora deploy` refuses to hand over
        /// otherwise). Once recorded, state is governance's and only code, wiring and
        /// privileges are checked. O(1) calls. Anyone may call.
        #[ink(message)]
        pub fn bootstrap_fault(&self) -> Option<BootstrapFault> {
            self.wiring_fault()
                .or_else(|| (!self.bootstrapped).then(|| self.state_fault()).flatten())
                .or_else(|| self.privilege_fault())
        }

        /// The code hash each of the registry, review, voting and log contracts must run,
        /// as given to the constructor. Anyone may call.
        #[ink(message)]
        pub fn expected_code_hashes(&self) -> SuiteCodeHashes {
            self.expected_code
        }

        /// The founders the registry had to hold at bootstrap (count and running
        /// registration hash), as given to the constructor. Anyone may call.
        #[ink(message)]
        pub fn founders(&self) -> FounderSet {
            self.founders
        }

        /// Whether the registry's active members can meet the parameters in force: a holder
        /// of each required review perspective, more active members than `min_reviews`, and
        /// at least `veto_threshold` Safety members. Deployers call it before handing the
        /// admins to the hub. Anyone may call.
        ///
        /// Errors: `RulesUnmeetable(_)` naming the first rule that cannot be met,
        /// `CallFailed(Registry)`.
        #[ink(message)]
        pub fn rules_meetable(&self) -> Result<()> {
            self.ensure_rules_meetable(&self.params)
        }

        /// Whether `complete_bootstrap` has recorded the bootstrap. Anyone may call.
        #[ink(message)]
        pub fn bootstrap_recorded(&self) -> bool {
            self.bootstrapped
        }

        /// The proposal's state at the current block (`Expired` is derived). Anyone may call.
        ///
        /// Errors: `UnknownProposal`.
        #[ink(message)]
        pub fn state(&self, id: ProposalId) -> Result<ProposalState> {
            let proposal = self.get(id)?;
            Ok(self.derive_state(&proposal, self.env().block_number()))
        }

        /// The proposal's record. Anyone may call.
        #[ink(message)]
        pub fn proposal(&self, id: ProposalId) -> Option<Proposal> {
            self.proposals.get(id)
        }

        /// Revision `n` of proposal `id`: content hash, URI, actions and, for signed
        /// submissions, the signer key and signature hash. Anyone may call.
        #[ink(message)]
        pub fn revision(&self, id: ProposalId, n: Revision) -> Option<RevisionRecord> {
            self.revisions.get((id, n))
        }

        /// Proposals with ids `from, from + 1, …`, at most `limit` of them. Anyone may call.
        ///
        /// Errors: `LimitTooLarge` if `limit > MAX_PAGE`.
        #[ink(message)]
        pub fn proposals(&self, from: ProposalId, limit: u32) -> Result<Vec<Proposal>> {
            if limit > MAX_PAGE {
                return Err(Error::LimitTooLarge);
            }
            let start = from.max(1);
            let end = start
                .saturating_add(limit)
                .min(self.proposal_count.saturating_add(1));
            Ok((start..end)
                .filter_map(|id| self.proposals.get(id))
                .collect())
        }

        /// Number of proposals ever submitted (the last id). Anyone may call.
        #[ink(message)]
        pub fn proposal_count(&self) -> ProposalId {
            self.proposal_count
        }

        /// Whether `account` has used submission nonce `nonce`. Anyone may call.
        #[ink(message)]
        pub fn nonce_used(&self, account: AccountId, nonce: u64) -> bool {
            self.used_nonces.contains((account, nonce))
        }

        /// Proposals of `account` in review or voting. Anyone may call.
        #[ink(message)]
        pub fn open_proposals(&self, account: AccountId) -> u32 {
            self.open_count.get(account).unwrap_or(0)
        }

        /// The governance parameters. Anyone may call.
        #[ink(message)]
        pub fn params(&self) -> HubParams {
            self.params
        }

        /// The registry, review, voting and log addresses. Anyone may call.
        #[ink(message)]
        pub fn contracts(&self) -> (AccountId, AccountId, AccountId, AccountId) {
            (self.registry, self.review, self.voting, self.log)
        }

        /// The network name signed payloads must bind. Anyone may call.
        #[ink(message)]
        pub fn chain_tag(&self) -> String {
            self.chain_tag.clone()
        }

        /// The treasury's balance (the hub's free balance). Anyone may call.
        #[ink(message)]
        pub fn treasury(&self) -> Balance {
            self.env().balance()
        }

        /// The successor suite's hub once a `Succession` executed (the hub is retired), or
        /// `None`. Anyone may call.
        #[ink(message)]
        pub fn successor(&self) -> Option<AccountId> {
            self.successor
        }

        /// Forwards to the successor's hub whatever reached this retired hub after the
        /// succession (a plain transfer cannot be refused); returns the amount.
        ///
        /// Anyone may call. Errors: `NotRetired`, `TransferFailed`. Event: `Swept` (not
        /// for 0). No log entry: the log is sealed.
        #[ink(message)]
        pub fn sweep(&mut self) -> Result<Balance> {
            let successor = self.successor.ok_or(Error::NotRetired)?;
            let amount = self.env().balance();
            if amount > 0 {
                self.env()
                    .transfer(successor, amount)
                    .map_err(|_| Error::TransferFailed)?;
                self.env().emit_event(Swept { successor, amount });
            }
            Ok(amount)
        }

        // ---- internals ------------------------------------------------------------

        /// Checks a revision's URI and actions against the bounds, the spending cap of
        /// `params` and the suite's rules; returns the code hash of each `Call`'s callee.
        fn check_content(
            &self,
            uri: &str,
            actions: &[Action],
            params: &HubParams,
        ) -> Result<Vec<Hash32>> {
            self.ensure_active()?;
            check_content_shape(uri, actions)?;
            let mut spend: Balance = 0;
            let mut code_hashes = Vec::new();
            // Writers this list has authorized or revoked so far (at most MAX_ACTIONS).
            let mut writers: Vec<(AccountId, bool)> = Vec::new();
            for action in actions {
                spend = spend.saturating_add(action.spend());
                match action {
                    Action::Call { callee, .. } => {
                        if self.is_suite_contract(callee) {
                            return Err(Error::CallToSuite);
                        }
                        code_hashes.push(self.code_hash_of(callee)?);
                    }
                    Action::SetParams { params: new } => self.ensure_rules_meetable(new)?,
                    Action::Succession {
                        successor,
                        code_hash,
                    } => {
                        if self.is_suite_contract(successor) {
                            return Err(Error::InvalidSuccessor);
                        }
                        if self.code_hash_of(successor)? != *code_hash {
                            return Err(Error::SuccessorCodeMismatch);
                        }
                        self.ensure_successor_ready(successor)?;
                    }
                    // The suite's writers hold their own kinds for good: neither revoked nor
                    // authorized again (which could only fail at execution).
                    Action::RevokeWriter { writer } | Action::AuthorizeWriter { writer } => {
                        self.ensure_revocable(writer)?;
                        let authorize = matches!(action, Action::AuthorizeWriter { .. });
                        let is_writer = match writers.iter().find(|(w, _)| w == writer) {
                            Some((_, now)) => *now,
                            None => self.is_log_writer(writer)?,
                        };
                        // What would fail at execution fails here, with the same error.
                        match (authorize, is_writer) {
                            (true, true) => return Err(Error::Log(LogError::AlreadyWriter)),
                            (false, false) => return Err(Error::Log(LogError::UnknownWriter)),
                            _ => {}
                        }
                        writers.retain(|(w, _)| w != writer);
                        writers.push((*writer, authorize));
                    }
                    _ => {}
                }
            }
            if spend > params.max_spend_per_proposal {
                return Err(Error::ProposalSpendCapExceeded {
                    cap: params.max_spend_per_proposal,
                });
            }
            Ok(code_hashes)
        }

        /// Whether `account` is one of the five suite contracts (this hub included).
        fn is_suite_contract(&self, account: &AccountId) -> bool {
            [
                self.env().account_id(),
                self.registry,
                self.review,
                self.voting,
                self.log,
            ]
            .contains(account)
        }

        /// The hub, review and voting contracts must stay log writers: every transition
        /// appends through them.
        fn ensure_revocable(&self, writer: &AccountId) -> Result<()> {
            if [self.env().account_id(), self.review, self.voting].contains(writer) {
                return Err(Error::WriterRequired);
            }
            Ok(())
        }

        /// Whether the log lets `account` append now.
        fn is_log_writer(&self, account: &AccountId) -> Result<bool> {
            let log: ink::contract_ref!(DecisionLog) = self.log.into();
            match log.call().is_writer(*account).try_invoke() {
                Ok(Ok(is_writer)) => Ok(is_writer),
                _ => Err(Error::CallFailed(Callee::Log)),
            }
        }

        fn code_hash_of(&self, account: &AccountId) -> Result<Hash32> {
            self.env()
                .code_hash(account)
                .map(<[u8; 32]>::from)
                .map_err(|_| Error::NotAContract)
        }

        /// Every `Call` callee still runs the code recorded at submission.
        fn ensure_callees_unchanged(&self, record: &RevisionRecord) -> Result<()> {
            let calls = record
                .actions
                .iter()
                .enumerate()
                .filter_map(|(i, action)| match action {
                    Action::Call { callee, .. } => Some((i, callee)),
                    _ => None,
                });
            for ((index, callee), recorded) in calls.zip(record.code_hashes.iter()) {
                let action = u32::try_from(index).unwrap_or(MAX_ACTIONS);
                match self.env().code_hash(callee) {
                    Ok(hash) if <[u8; 32]>::from(hash) == *recorded => {}
                    _ => return Err(Error::CalleeCodeChanged { action }),
                }
            }
            for action in &record.actions {
                if let Action::Succession {
                    successor,
                    code_hash,
                } = action
                {
                    if self.code_hash_of(successor).ok() != Some(*code_hash) {
                        return Err(Error::SuccessorCodeChanged);
                    }
                    self.ensure_successor_ready(successor)?;
                }
            }
            Ok(())
        }

        /// A successor's hub that can take the suite on: its bootstrap recorded, not retired
        /// itself, and its log anchoring this suite's log (deployed as this suite's
        /// successor). Read through the hub's and the log's own messages, by selector.
        fn ensure_successor_ready(&self, successor: &AccountId) -> Result<()> {
            let recorded = read::<bool>(*successor, ink::selector_bytes!("bootstrap_recorded"));
            let retired = read::<Option<AccountId>>(*successor, ink::selector_bytes!("successor"));
            if recorded != Some(true) || retired != Some(None) {
                return Err(Error::SuccessorNotBootstrapped);
            }
            let contracts = read::<(AccountId, AccountId, AccountId, AccountId)>(
                *successor,
                ink::selector_bytes!("contracts"),
            );
            let anchor = contracts.and_then(|(_, _, _, log)| {
                read::<Option<LogAnchor>>(log, ink::selector_bytes!("predecessor"))
            });
            match anchor {
                Some(Some(a)) if a.log == self.log => Ok(()),
                _ => Err(Error::SuccessorDoesNotAnchor),
            }
        }

        /// Refuses once the suite was succeeded.
        fn ensure_active(&self) -> Result<()> {
            match self.successor {
                Some(_) => Err(Error::Retired),
                None => Ok(()),
            }
        }

        /// Fails naming the first rule that `params` could not meet with the registry's
        /// active members now: each required review perspective needs a holder, the
        /// minimum of reviews needs that many members besides an author, and the veto
        /// threshold needs that many Safety members.
        fn ensure_rules_meetable(&self, params: &HubParams) -> Result<()> {
            let registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            let perspective_count = |p: Perspective| -> Result<u32> {
                match registry.call().perspective_count(p).try_invoke() {
                    Ok(Ok(n)) => Ok(n),
                    _ => Err(Error::CallFailed(Callee::Registry)),
                }
            };
            for p in params.review_rules.required_perspectives.iter() {
                if perspective_count(p)? == 0 {
                    return Err(Error::RulesUnmeetable(UnmeetableRule::RequiredPerspective(
                        p,
                    )));
                }
            }
            let mut active: u32 = 0;
            for kind in MemberKind::ALL {
                match registry.call().active_count(kind).try_invoke() {
                    Ok(Ok(n)) => active = active.saturating_add(n),
                    _ => return Err(Error::CallFailed(Callee::Registry)),
                }
            }
            let reviewers = active.saturating_sub(1);
            let needed = params.review_rules.min_reviews;
            if reviewers < needed {
                return Err(Error::RulesUnmeetable(UnmeetableRule::MinReviews {
                    needed,
                    available: reviewers,
                }));
            }
            if params.veto_threshold > 0 {
                let safety = perspective_count(Perspective::Safety)?;
                if safety < params.veto_threshold {
                    return Err(Error::RulesUnmeetable(UnmeetableRule::VetoThreshold {
                        needed: params.veto_threshold,
                        available: safety,
                    }));
                }
            }
            Ok(())
        }

        /// The parameters `proposal` was opened with.
        fn params_of(&self, proposal: &Proposal) -> HubParams {
            self.params_history
                .get(proposal.params_version)
                .unwrap_or(self.params)
        }

        /// What was spent in the period containing `now` under the current period length.
        fn spent_this_period(&self, now: BlockNumber) -> Balance {
            let (period, length, spent) = self.spending;
            let current = now.checked_div(self.params.spending_period).unwrap_or(0);
            if period == current && length == self.params.spending_period {
                spent
            } else {
                0
            }
        }

        /// The spending record after paying `amount` at `now`, or `PeriodCapExceeded`.
        fn spend_from_allowance(
            &self,
            now: BlockNumber,
            amount: Balance,
        ) -> Result<(u32, BlockNumber, Balance)> {
            let spent = self.spent_this_period(now);
            let available = self.params.max_spend_per_period.saturating_sub(spent);
            if amount > available {
                return Err(Error::PeriodCapExceeded { available });
            }
            let length = self.params.spending_period;
            let period = now.checked_div(length).unwrap_or(0);
            Ok((period, length, spent.saturating_add(amount)))
        }

        fn ensure_stage(proposal: &Proposal, expected: ProposalState) -> Result<()> {
            if proposal.stage != expected {
                return Err(Error::UnexpectedState {
                    current: proposal.stage,
                });
            }
            Ok(())
        }

        /// A window's last block is `last`; the transition is allowed from `last + 1`.
        fn ensure_after(now: BlockNumber, last: BlockNumber) -> Result<()> {
            if now <= last {
                return Err(Error::TooEarly {
                    allowed_from: last.saturating_add(1),
                });
            }
            Ok(())
        }

        fn ensure_signed_context(
            &self,
            chain_tag: &str,
            hub: AccountId,
            deadline: BlockNumber,
        ) -> Result<()> {
            if chain_tag != self.chain_tag {
                return Err(Error::WrongChain);
            }
            if hub != self.env().account_id() {
                return Err(Error::WrongContract);
            }
            if self.env().block_number() > deadline {
                return Err(Error::DeadlinePassed);
            }
            Ok(())
        }

        /// Recovers the signer of `hash` and checks the registry binds it to `author`.
        fn verify_signer(
            &self,
            signature: &Signature,
            hash: &Hash32,
            author: AccountId,
        ) -> Result<SigningKey> {
            let key = recover_signer(signature, hash).map_err(Error::BadSignature)?;
            let registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            match registry.call().member_by_signer(key).try_invoke() {
                Ok(Ok(Some(account))) if account == author => Ok(key),
                Ok(Ok(_)) => Err(Error::SignerMismatch),
                _ => Err(Error::CallFailed(Callee::Registry)),
            }
        }

        /// The total the actions take from the treasury, if it holds that much.
        fn ensure_treasury_covers(&self, actions: &[Action]) -> Result<Balance> {
            let mut total: Balance = 0;
            for action in actions {
                total = total
                    .checked_add(action.spend())
                    .ok_or(Error::InsufficientTreasury)?;
            }
            if total > self.env().balance() {
                return Err(Error::InsufficientTreasury);
            }
            Ok(total)
        }

        /// Runs action number `index` of proposal `id`.
        fn run(&mut self, id: ProposalId, index: u32, action: &Action) -> Result<()> {
            match action {
                Action::Transfer { to, amount } => {
                    self.env()
                        .transfer(*to, *amount)
                        .map_err(|_| Error::TransferFailed)?;
                    self.env().emit_event(TreasuryTransferred {
                        proposal: id,
                        to: *to,
                        amount: *amount,
                    });
                }
                Action::RegisterMember {
                    account,
                    profile,
                    key,
                } => {
                    let (profile, key) = (profile.clone(), *key);
                    self.change_membership(id, *account, action, |r| {
                        r.call_mut()
                            .register_member(*account, profile, key)
                            .try_invoke()
                    })?;
                }
                Action::UpdateMember { account, profile } => {
                    let profile = profile.clone();
                    self.change_membership(id, *account, action, |r| {
                        r.call_mut().update_member(*account, profile).try_invoke()
                    })?;
                }
                Action::SuspendMember { account } => {
                    self.change_membership(id, *account, action, |r| {
                        r.call_mut().suspend_member(*account).try_invoke()
                    })?;
                }
                Action::ReinstateMember { account } => {
                    self.change_membership(id, *account, action, |r| {
                        r.call_mut().reinstate_member(*account).try_invoke()
                    })?;
                }
                Action::RemoveMember { account } => {
                    self.change_membership(id, *account, action, |r| {
                        r.call_mut().remove_member(*account).try_invoke()
                    })?;
                }
                Action::SetParams { params } => {
                    params.check_bounds().map_err(Error::ParameterOutOfBounds)?;
                    let version = self.params_version.saturating_add(1);
                    self.params = *params;
                    self.params_version = version;
                    self.params_history.insert(version, params);
                    self.append_log(
                        LogKind::ParameterChanged,
                        id,
                        self.env().account_id(),
                        hash_of(&(version, params)),
                    )?;
                    self.env().emit_event(ParamsChanged {
                        proposal: id,
                        version,
                        params: *params,
                    });
                }
                Action::AuthorizeWriter { writer } => {
                    let mut log: ink::contract_ref!(DecisionLog) = self.log.into();
                    Self::answer(
                        log.call_mut()
                            .authorize_writer(*writer, EXTERNAL_KINDS)
                            .try_invoke(),
                        Error::Log,
                        Callee::Log,
                    )?;
                    // One per authorized account (the log refuses a second): never near
                    // u32::MAX, saturating anyway.
                    self.external_writers = self.external_writers.saturating_add(1);
                }
                Action::RevokeWriter { writer } => {
                    self.ensure_revocable(writer)?;
                    let mut log: ink::contract_ref!(DecisionLog) = self.log.into();
                    Self::answer(
                        log.call_mut().revoke_writer(*writer).try_invoke(),
                        Error::Log,
                        Callee::Log,
                    )?;
                    // `ensure_revocable` kept the suite's writers, so this was one that
                    // governance authorized.
                    self.external_writers = self.external_writers.saturating_sub(1);
                }
                Action::Call {
                    callee,
                    selector,
                    input,
                    value,
                } => {
                    call_external(callee, *selector, input, *value)
                        .map_err(|()| Error::ExternalCallFailed { action: index })?;
                    self.env().emit_event(ExternalCalled {
                        proposal: id,
                        callee: *callee,
                        selector: *selector,
                        value: *value,
                    });
                }
                Action::Succession {
                    successor,
                    code_hash,
                } => {
                    // Everything the hub may send while keeping its own account alive.
                    let amount = self.env().balance();
                    if amount > 0 {
                        self.env()
                            .transfer(*successor, amount)
                            .map_err(|_| Error::TransferFailed)?;
                    }
                    self.successor = Some(*successor);
                    let mut log: ink::contract_ref!(DecisionLog) = self.log.into();
                    Self::answer(
                        log.call_mut()
                            .seal(*successor, sealed_payload(id, code_hash, amount))
                            .try_invoke(),
                        Error::Log,
                        Callee::Log,
                    )?;
                    self.env().emit_event(SuiteSucceeded {
                        proposal: id,
                        successor: *successor,
                        code_hash: *code_hash,
                        amount,
                    });
                }
            }
            Ok(())
        }

        /// Makes one membership change in the registry and logs it (`MembershipChanged`,
        /// actor: the member, payload: the action's hash).
        fn change_membership(
            &mut self,
            id: ProposalId,
            member: AccountId,
            action: &Action,
            change: impl FnOnce(
                &mut ink::contract_ref!(MemberRegistry),
            ) -> core::result::Result<
                ink::MessageResult<core::result::Result<(), agora_types::RegistryError>>,
                ink::env::Error,
            >,
        ) -> Result<()> {
            let mut registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            Self::answer(change(&mut registry), Error::Registry, Callee::Registry)?;
            self.append_log(LogKind::MembershipChanged, id, member, hash_of(action))
        }

        /// Turns what a suite contract answered (`try_invoke`) into the hub's result: its
        /// own error wrapped by `refused`, anything else (trap, undecodable answer) as
        /// `CallFailed(callee)`.
        fn answer<T, E>(
            result: core::result::Result<
                ink::MessageResult<core::result::Result<T, E>>,
                ink::env::Error,
            >,
            refused: fn(E) -> Error,
            callee: Callee,
        ) -> Result<T> {
            match result {
                Ok(Ok(Ok(value))) => Ok(value),
                Ok(Ok(Err(e))) => Err(refused(e)),
                _ => Err(Error::CallFailed(callee)),
            }
        }

        fn get(&self, id: ProposalId) -> Result<Proposal> {
            self.proposals.get(id).ok_or(Error::UnknownProposal)
        }

        fn derive_state(&self, proposal: &Proposal, now: BlockNumber) -> ProposalState {
            match (proposal.stage, proposal.expires_at) {
                (ProposalState::Queued, Some(expires_at)) if now >= expires_at => {
                    ProposalState::Expired
                }
                (stage, _) => stage,
            }
        }

        fn release_open_slot(&mut self, author: AccountId) {
            let open = self.open_count.get(author).unwrap_or(0);
            self.open_count.insert(author, &open.saturating_sub(1));
        }

        fn revision_record(
            content_hash: Hash32,
            uri: String,
            actions: Vec<Action>,
            code_hashes: Vec<Hash32>,
            submitted_at: BlockNumber,
            signed: Option<(SigningKey, Hash32)>,
        ) -> RevisionRecord {
            RevisionRecord {
                content_hash,
                uri,
                actions,
                submitted_at,
                signer: signed.map(|s| s.0),
                signature_hash: signed.map(|s| s.1),
                code_hashes,
            }
        }

        fn do_submit(
            &mut self,
            author: AccountId,
            content_hash: Hash32,
            uri: String,
            actions: Vec<Action>,
            signed: Option<(SigningKey, Hash32)>,
        ) -> Result<ProposalId> {
            let params = self.params;
            let code_hashes = self.check_content(&uri, &actions, &params)?;
            if !self.bootstrapped {
                return Err(Error::NotBootstrapped);
            }
            let member = self.active_member(author)?;
            let open = self.open_count.get(author).unwrap_or(0);
            if open >= self.params.max_open_per_member {
                return Err(Error::TooManyOpenProposals);
            }
            let id = self
                .proposal_count
                .checked_add(1)
                .ok_or(Error::InvalidParameter)?;
            let now = self.env().block_number();
            let closes_at = now.saturating_add(params.review_window);
            let record =
                Self::revision_record(content_hash, uri, actions, code_hashes, now, signed);
            let proposal = Proposal {
                id,
                author,
                author_kind: member.profile.kind,
                revision: 1,
                stage: ProposalState::InReview,
                submitted_at: now,
                review_opened_at: now,
                review_closes_at: closes_at,
                snapshot_block: None,
                voting_closes_at: None,
                eta: None,
                expires_at: None,
                updated_at: now,
                params_version: self.params_version,
                vetoes: 0,
            };
            self.proposal_count = id;
            self.proposals.insert(id, &proposal);
            self.revisions.insert((id, 1), &record);
            self.open_count.insert(author, &open.saturating_add(1));
            self.open_round(id, 1, author, content_hash, closes_at, &params)?;
            self.append_log(LogKind::ProposalSubmitted, id, author, hash_of(&record))?;
            self.env().emit_event(ProposalSubmitted {
                id,
                author,
                content_hash,
                signed: signed.is_some(),
                review_closes_at: closes_at,
            });
            Ok(id)
        }

        fn do_revise(
            &mut self,
            mut proposal: Proposal,
            content_hash: Hash32,
            uri: String,
            actions: Vec<Action>,
            signed: Option<(SigningKey, Hash32)>,
        ) -> Result<Revision> {
            Self::ensure_stage(&proposal, ProposalState::InReview)?;
            let now = self.env().block_number();
            if now > proposal.review_closes_at {
                return Err(Error::ReviewWindowOver);
            }
            let params = self.params_of(&proposal);
            let code_hashes = self.check_content(&uri, &actions, &params)?;
            if proposal.revision >= MAX_REVISIONS {
                return Err(Error::TooManyRevisions);
            }
            let revision = proposal
                .revision
                .checked_add(1)
                .ok_or(Error::InvalidParameter)?;
            let closes_at = now.saturating_add(params.review_window);
            let record =
                Self::revision_record(content_hash, uri, actions, code_hashes, now, signed);
            proposal.revision = revision;
            proposal.review_opened_at = now;
            proposal.review_closes_at = closes_at;
            proposal.updated_at = now;
            let (id, author) = (proposal.id, proposal.author);
            self.proposals.insert(id, &proposal);
            self.revisions.insert((id, revision), &record);
            // The replaced revision's round is frozen, so its reviewers can settle.
            self.supersede_round(id, revision.saturating_sub(1))?;
            self.open_round(id, revision, author, content_hash, closes_at, &params)?;
            self.append_log(LogKind::ProposalRevised, id, author, hash_of(&record))?;
            self.env().emit_event(ProposalRevised {
                id,
                revision,
                content_hash,
                signed: signed.is_some(),
                review_closes_at: closes_at,
            });
            Ok(revision)
        }

        // ---- cross-contract calls (every failure becomes the hub's own error) -------

        fn active_member(&self, account: AccountId) -> Result<Member> {
            let registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            match registry.call().member(account).try_invoke() {
                Ok(Ok(Some(member))) if member.is_active() => Ok(member),
                Ok(Ok(_)) => Err(Error::NotActiveMember),
                _ => Err(Error::CallFailed(Callee::Registry)),
            }
        }

        fn open_round(
            &self,
            id: ProposalId,
            revision: Revision,
            author: AccountId,
            content_hash: Hash32,
            closes_at: BlockNumber,
            params: &HubParams,
        ) -> Result<()> {
            let mut review: ink::contract_ref!(ReviewRounds) = self.review.into();
            let rules = params.review_rules;
            let answer = review
                .call_mut()
                .open_round(id, revision, author, content_hash, closes_at, rules)
                .try_invoke();
            Self::answer(answer, Error::Review, Callee::Review)
        }

        fn supersede_round(&self, id: ProposalId, revision: Revision) -> Result<RoundOutcome> {
            let mut review: ink::contract_ref!(ReviewRounds) = self.review.into();
            Self::answer(
                review.call_mut().supersede_round(id, revision).try_invoke(),
                Error::Review,
                Callee::Review,
            )
        }

        fn close_round(&self, id: ProposalId, revision: Revision) -> Result<RoundOutcome> {
            let mut review: ink::contract_ref!(ReviewRounds) = self.review.into();
            Self::answer(
                review.call_mut().close_round(id, revision).try_invoke(),
                Error::Review,
                Callee::Review,
            )
        }

        fn open_ballot(
            &self,
            id: BallotId,
            snapshot: BlockNumber,
            closes_at: BlockNumber,
            params: HubParams,
        ) -> Result<()> {
            let mut voting: ink::contract_ref!(Ballots) = self.voting.into();
            let rules = params.voting_rules;
            let answer = voting
                .call_mut()
                .open_ballot(id, snapshot, closes_at, rules)
                .try_invoke();
            Self::answer(answer, Error::Voting, Callee::Voting)
        }

        fn close_ballot(&self, id: BallotId) -> Result<BallotOutcome> {
            let mut voting: ink::contract_ref!(Ballots) = self.voting.into();
            Self::answer(
                voting.call_mut().close_ballot(id).try_invoke(),
                Error::Voting,
                Callee::Voting,
            )
        }

        /// Appends an entry about proposal `subject` (the suite for 0).
        fn append_log(
            &self,
            kind: LogKind,
            subject: ProposalId,
            actor: AccountId,
            payload_hash: Hash32,
        ) -> Result<()> {
            let mut log: ink::contract_ref!(DecisionLog) = self.log.into();
            let answer = log
                .call_mut()
                .append(kind, Subject::of_proposal(subject), actor, payload_hash)
                .try_invoke();
            Self::answer(answer, Error::Log, Callee::Log).map(|_| ())
        }

        fn admin_of(&self, contract: AccountId) -> Option<AccountId> {
            let governed: ink::contract_ref!(Governed) = contract.into();
            governed.call().admin().try_invoke().ok()?.ok()
        }

        /// The suite contracts with the callee each is reported as.
        fn suite(&self) -> [(AccountId, Callee); 4] {
            [
                (self.registry, Callee::Registry),
                (self.review, Callee::Review),
                (self.voting, Callee::Voting),
                (self.log, Callee::Log),
            ]
        }

        /// Code and wiring (see `bootstrap_fault`).
        fn wiring_fault(&self) -> Option<BootstrapFault> {
            let suite = self.suite();
            if let Some((_, c)) = suite
                .iter()
                .find(|(a, c)| self.code_hash_of(a).ok() != Some(self.expected_code.of(*c)))
            {
                return Some(BootstrapFault::UnexpectedCode(*c));
            }
            let tag = Some(self.chain_tag.clone());
            let wired = [
                (
                    Callee::Registry,
                    read::<String>(self.registry, ink::selector_bytes!("chain_tag")) == tag,
                ),
                (
                    Callee::Review,
                    read(self.review, ink::selector_bytes!("registry")) == Some(self.registry)
                        && read(self.review, ink::selector_bytes!("log")) == Some(self.log),
                ),
                (
                    Callee::Voting,
                    read::<String>(self.voting, ink::selector_bytes!("chain_tag")) == tag
                        && read(self.voting, ink::selector_bytes!("registry"))
                            == Some(self.registry)
                        && read(self.voting, ink::selector_bytes!("decision_log"))
                            == Some(self.log),
                ),
            ];
            wired
                .iter()
                .find(|(_, ok)| !ok)
                .map(|(c, _)| BootstrapFault::Miswired(*c))
        }

        /// Admins and writers (see `bootstrap_fault`).
        fn privilege_fault(&self) -> Option<BootstrapFault> {
            let suite = self.suite();
            let hub = self.env().account_id();
            if let Some((_, c)) = suite.iter().find(|(a, _)| self.admin_of(*a) != Some(hub)) {
                return Some(BootstrapFault::AdminNotHub(*c));
            }
            (!self.writers_are(&[
                (hub, HUB_KINDS),
                (self.review, REVIEW_KINDS),
                (self.voting, VOTING_KINDS),
            ]))
            .then_some(BootstrapFault::WritersNotSuite)
        }

        /// Founders and planted state (see `bootstrap_fault`); `PlantedState` also when a
        /// contract does not answer.
        fn state_fault(&self) -> Option<BootstrapFault> {
            let registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            let Ok(Ok(held)) = registry.call().registrations().try_invoke() else {
                return Some(BootstrapFault::PlantedState(Callee::Registry));
            };
            if held.founders != self.founders {
                return Some(BootstrapFault::FoundersDiffer);
            }
            if held.admin_changes != 0 {
                return Some(BootstrapFault::PlantedState(Callee::Registry));
            }
            let review: ink::contract_ref!(ReviewRounds) = self.review.into();
            if !matches!(review.call().rounds_opened().try_invoke(), Ok(Ok(0))) {
                return Some(BootstrapFault::PlantedState(Callee::Review));
            }
            let voting: ink::contract_ref!(Ballots) = self.voting.into();
            if !matches!(voting.call().ballots_opened().try_invoke(), Ok(Ok(0))) {
                return Some(BootstrapFault::PlantedState(Callee::Voting));
            }
            let log: ink::contract_ref!(DecisionLog) = self.log.into();
            let count = |kind| match log.call().kind_count(kind).try_invoke() {
                Ok(Ok(n)) => Some(n),
                _ => None,
            };
            let len = match log.call().head().try_invoke() {
                Ok(Ok((len, _))) => Some(len),
                _ => None,
            };
            // Before the handover the log's own `AdminTransferred` is not there yet (and
            // before step 5 not every writer): at most the bootstrap's entries, nothing else.
            // A successor suite's log starts with its anchor (written by its constructor,
            // entry 0, never again).
            let only_bootstrap = match (
                count(LogKind::WriterAuthorized),
                count(LogKind::AdminTransferred),
                count(LogKind::Anchored),
                len,
            ) {
                (Some(writers), Some(handovers), Some(anchors), Some(len)) => {
                    writers <= BOOTSTRAP_WRITERS
                        && handovers <= BOOTSTRAP_HANDOVERS
                        && anchors <= 1
                        && len == writers.saturating_add(handovers).saturating_add(anchors)
                }
                _ => false,
            };
            (!only_bootstrap).then_some(BootstrapFault::PlantedState(Callee::Log))
        }

        /// Whether the log's writers are exactly `expected`, each with exactly its kinds,
        /// and the external writers governance authorized (each holding `EXTERNAL_KINDS`:
        /// no suite kind, so no privilege over the suite's record).
        fn writers_are(&self, expected: &[(AccountId, KindSet)]) -> bool {
            let log: ink::contract_ref!(DecisionLog) = self.log.into();
            let count = match log.call().writer_count().try_invoke() {
                Ok(Ok(n)) => n,
                _ => return false,
            };
            u64::from(count)
                == (expected.len() as u64).saturating_add(u64::from(self.external_writers))
                && expected.iter().all(|(writer, kinds)| {
                    matches!(
                        log.call().writer_kinds(*writer).try_invoke(),
                        Ok(Ok(Some(held))) if held == *kinds
                    )
                })
        }
    }

    /// Calls `callee` with `selector ++ input` and `value`, reentry denied (no
    /// `ALLOW_REENTRY` flag). `Err` if the callee reverted, trapped or the call could not
    /// be made. Through the host function directly: ink's call builder decodes a reverted
    /// callee's output like a successful one, and a generic call cannot know its type.
    #[cfg(not(feature = "std"))]
    fn call_external(
        callee: &AccountId,
        selector: [u8; 4],
        input: &[u8],
        value: Balance,
    ) -> core::result::Result<(), ()> {
        use pallet_contracts_uapi::{CallFlags, HostFn, HostFnImpl};
        let mut data = Vec::with_capacity(input.len().saturating_add(4));
        data.extend_from_slice(&selector);
        data.extend_from_slice(input);
        #[allow(deprecated)]
        HostFnImpl::call_v2(
            CallFlags::empty(),
            callee.as_ref(),
            0,
            0,
            None,
            &value.encode(),
            &data,
            None,
        )
        .map_err(|_| ())
    }

    /// Off-chain (unit tests), where ink's engine cannot call contracts: always fails.
    #[cfg(feature = "std")]
    fn call_external(
        _callee: &AccountId,
        _selector: [u8; 4],
        _input: &[u8],
        _value: Balance,
    ) -> core::result::Result<(), ()> {
        Err(())
    }

    /// blake2-256 of a value's SCALE encoding: what log entries commit to.
    fn hash_of<T: Encode>(value: &T) -> Hash32 {
        blake2_256(&value.encode())
    }

    /// Calls the argument-less message with `selector` on `contract` (an inherent getter,
    /// such as `registry` or `chain_tag`, which no trait carries) and decodes its answer;
    /// `None` if the call failed or the answer did not decode.
    fn read<R: ink::scale::Decode>(contract: AccountId, selector: [u8; 4]) -> Option<R> {
        use ink::env::call::{build_call, ExecutionInput, Selector};
        build_call::<ink::env::DefaultEnvironment>()
            .call(contract)
            .exec_input(ExecutionInput::new(Selector::new(selector)))
            .returns::<R>()
            .try_invoke()
            .ok()?
            .ok()
    }
    #[cfg(test)]
    mod tests {
        use super::*;
        use agora_types::{Perspective, ReviewRules, VotingRules, MAX_CALL_INPUT_LEN, MAX_URI_LEN};
        use ink::env::{test, DefaultEnvironment};

        const TAG: &str = "agora-test";

        /// The shared test parameters with caps small enough for the spending tests.
        fn params() -> HubParams {
            HubParams {
                max_spend_per_proposal: 1_000,
                max_spend_per_period: 5_000,
                ..agora_types::testing::params()
            }
        }

        fn addr(seed: u8) -> AccountId {
            AccountId::from([seed; 32])
        }

        /// A hub over four placeholder addresses with `tag` and `params`.
        fn hub_with(tag: String, params: HubParams) -> Result<Proposals> {
            Proposals::new(
                tag,
                addr(1),
                addr(2),
                addr(3),
                addr(4),
                params,
                SuiteCodeHashes::default(),
                FounderSet::EMPTY,
            )
        }

        fn hub() -> Proposals {
            hub_with(TAG.into(), params()).expect("valid hub")
        }

        fn payload() -> ProposalPayload {
            ProposalPayload {
                chain_tag: TAG.into(),
                hub: test::callee::<DefaultEnvironment>(),
                author: addr(9),
                nonce: 1,
                deadline: 100,
                content_hash: [7; 32],
                uri: "ipfs://p".into(),
                actions: Vec::new(),
            }
        }

        #[ink::test]
        fn new_rejects_an_invalid_chain_tag() {
            for tag in [String::new(), "x".repeat(MAX_CHAIN_TAG_LEN + 1)] {
                assert!(matches!(
                    hub_with(tag, params()),
                    Err(Error::InvalidChainTag)
                ));
            }
        }

        #[ink::test]
        fn new_rejects_every_parameter_outside_its_bounds_naming_it() {
            use agora_types::HubParam as P;
            let ok = params();
            let review_rules = |min_reviews, required_perspectives| ReviewRules {
                min_reviews,
                required_perspectives,
                ..ok.review_rules
            };
            let voting_rules = |quorum_bps, approval_threshold_bps| VotingRules {
                quorum_bps,
                approval_threshold_bps,
                ..ok.voting_rules
            };
            let valid = ok.review_rules.required_perspectives;
            let bad = [
                (
                    HubParams {
                        review_window: MIN_WINDOW - 1,
                        ..ok
                    },
                    P::ReviewWindow,
                ),
                (
                    HubParams {
                        review_window: MAX_WINDOW + 1,
                        ..ok
                    },
                    P::ReviewWindow,
                ),
                (
                    HubParams {
                        voting_window: MIN_WINDOW - 1,
                        ..ok
                    },
                    P::VotingWindow,
                ),
                (
                    HubParams {
                        voting_window: MAX_WINDOW + 1,
                        ..ok
                    },
                    P::VotingWindow,
                ),
                (HubParams { timelock: 0, ..ok }, P::Timelock),
                (
                    HubParams {
                        timelock: MAX_TIMELOCK + 1,
                        ..ok
                    },
                    P::Timelock,
                ),
                (
                    HubParams {
                        grace_period: 0,
                        ..ok
                    },
                    P::GracePeriod,
                ),
                (
                    HubParams {
                        grace_period: MAX_GRACE_PERIOD + 1,
                        ..ok
                    },
                    P::GracePeriod,
                ),
                (
                    HubParams {
                        max_open_per_member: 0,
                        ..ok
                    },
                    P::MaxOpenPerMember,
                ),
                (
                    HubParams {
                        max_open_per_member: MAX_OPEN_PER_MEMBER + 1,
                        ..ok
                    },
                    P::MaxOpenPerMember,
                ),
                (
                    HubParams {
                        voting_rules: voting_rules(1, 5_000),
                        ..ok
                    },
                    P::VotingRules,
                ),
                (
                    HubParams {
                        voting_rules: voting_rules(2_000, 10_001),
                        ..ok
                    },
                    P::VotingRules,
                ),
                (
                    HubParams {
                        review_rules: review_rules(2, agora_types::PerspectiveSet(u16::MAX)),
                        ..ok
                    },
                    P::ReviewRules,
                ),
                (
                    HubParams {
                        review_rules: review_rules(0, valid),
                        ..ok
                    },
                    P::ReviewRules,
                ),
                (
                    HubParams {
                        veto_threshold: MAX_VETO_THRESHOLD + 1,
                        ..ok
                    },
                    P::VetoThreshold,
                ),
                (
                    HubParams {
                        max_spend_per_proposal: 0,
                        ..ok
                    },
                    P::MaxSpendPerProposal,
                ),
                (
                    HubParams {
                        max_spend_per_proposal: MAX_SPEND_CAP + 1,
                        max_spend_per_period: MAX_SPEND_CAP + 1,
                        ..ok
                    },
                    P::MaxSpendPerProposal,
                ),
                (
                    HubParams {
                        max_spend_per_period: ok.max_spend_per_proposal - 1,
                        ..ok
                    },
                    P::MaxSpendPerPeriod,
                ),
                (
                    HubParams {
                        spending_period: MIN_SPENDING_PERIOD - 1,
                        ..ok
                    },
                    P::SpendingPeriod,
                ),
                (
                    HubParams {
                        spending_period: MAX_SPENDING_PERIOD + 1,
                        ..ok
                    },
                    P::SpendingPeriod,
                ),
            ];
            for (params, param) in bad {
                assert!(
                    matches!(
                        hub_with(TAG.into(), params),
                        Err(Error::ParameterOutOfBounds(p)) if p == param
                    ),
                    "{params:?} should name {param:?}"
                );
            }
            let edges = HubParams {
                veto_threshold: MAX_VETO_THRESHOLD,
                max_spend_per_period: ok.max_spend_per_proposal,
                spending_period: MIN_SPENDING_PERIOD,
                ..ok
            };
            assert!(hub_with(TAG.into(), edges).is_ok());
        }

        fn transfer(amount: Balance) -> Action {
            Action::Transfer {
                to: addr(9),
                amount,
            }
        }

        #[ink::test]
        fn content_checks_name_each_bad_action_before_any_registry_call() {
            let hub = hub();
            let ok = params();
            let hub_address = test::callee::<DefaultEnvironment>();
            let check = |actions: Vec<Action>| hub.check_content("ipfs://p", &actions, &ok);
            assert_eq!(check(vec![transfer(0)]), Err(Error::ZeroTransfer));
            assert_eq!(
                check(vec![transfer(1); MAX_ACTIONS as usize + 1]),
                Err(Error::InvalidActionCount)
            );
            assert_eq!(check(Vec::new()), Ok(Vec::new()), "a signal proposal");
            assert_eq!(
                check(vec![transfer(600), transfer(401)]),
                Err(Error::ProposalSpendCapExceeded { cap: 1_000 })
            );
            assert_eq!(check(vec![transfer(600), transfer(400)]), Ok(Vec::new()));
            let call = |callee, input: Vec<u8>| Action::Call {
                callee,
                selector: [1, 2, 3, 4],
                input,
                value: 0,
            };
            assert_eq!(
                check(vec![call(
                    addr(9),
                    vec![0; MAX_CALL_INPUT_LEN as usize + 1]
                )]),
                Err(Error::CallInputTooLong)
            );
            for suite in [hub_address, addr(1), addr(2), addr(3), addr(4)] {
                assert_eq!(
                    check(vec![call(suite, Vec::new())]),
                    Err(Error::CallToSuite)
                );
            }
            let spending_call = Action::Call {
                callee: addr(2),
                selector: [0; 4],
                input: Vec::new(),
                value: 2_000,
            };
            assert_eq!(
                check(vec![spending_call]),
                Err(Error::CallToSuite),
                "the suite check comes first"
            );
            for writer in [hub_address, addr(2), addr(3)] {
                assert_eq!(
                    check(vec![Action::RevokeWriter { writer }]),
                    Err(Error::WriterRequired)
                );
            }
            // Every action's stateless check (agora_types::check_content_shape, which signers
            // run too) comes before any check that reads state or calls another contract.
            assert_eq!(
                check(vec![call(addr(1), Vec::new()), transfer(0)]),
                Err(Error::ZeroTransfer)
            );
            assert_eq!(
                check(vec![
                    Action::RevokeWriter {
                        writer: hub_address
                    },
                    Action::SetParams {
                        params: HubParams { timelock: 0, ..ok }
                    }
                ]),
                Err(Error::ParameterOutOfBounds(agora_types::HubParam::Timelock))
            );
            assert_eq!(
                check(vec![Action::SetParams {
                    params: HubParams { timelock: 0, ..ok }
                }]),
                Err(Error::ParameterOutOfBounds(agora_types::HubParam::Timelock))
            );
            assert_eq!(
                hub.check_content(&"u".repeat(MAX_URI_LEN + 1), &[], &ok),
                Err(Error::UriTooLong)
            );
            let agent_without_operator = agora_types::MemberProfile {
                kind: MemberKind::Agent,
                perspectives: [Perspective::Safety].into_iter().collect(),
                weight: 1,
                metadata_uri: String::new(),
                operator: None,
            };
            assert_eq!(
                check(vec![Action::RegisterMember {
                    account: addr(9),
                    profile: agent_without_operator.clone(),
                    key: None,
                }]),
                Err(Error::Registry(
                    agora_types::RegistryError::OperatorRequired
                ))
            );
            assert_eq!(
                check(vec![Action::UpdateMember {
                    account: addr(9),
                    profile: agora_types::MemberProfile {
                        weight: 0,
                        operator: Some(addr(8)),
                        ..agent_without_operator
                    },
                }]),
                Err(Error::Registry(
                    agora_types::RegistryError::WeightOutOfRange
                ))
            );
        }

        #[ink::test]
        fn spending_allowance_resets_each_period_and_refuses_overspending() {
            let mut hub = hub();
            // Periods of 100 blocks, 5 000 per period.
            assert_eq!(hub.allowance(), 5_000);
            let spending = hub
                .spend_from_allowance(150, 3_000)
                .expect("within the cap");
            hub.spending = spending;
            assert_eq!(hub.spent_this_period(199), 3_000);
            assert_eq!(
                hub.spend_from_allowance(160, 2_001),
                Err(Error::PeriodCapExceeded { available: 2_000 })
            );
            assert_eq!(hub.spend_from_allowance(199, 2_000).map(|s| s.2), Ok(5_000));
            // The next period starts at block 200 with the whole allowance.
            assert_eq!(hub.spent_this_period(200), 0);
            assert_eq!(hub.spend_from_allowance(200, 5_000).map(|s| s.2), Ok(5_000));
            // A new period length starts counting afresh.
            hub.params.spending_period = 150;
            assert_eq!(hub.spent_this_period(199), 0);
        }

        #[ink::test]
        fn veto_of_an_unknown_proposal_fails_and_queries_read_empty() {
            let mut hub = hub();
            assert_eq!(hub.veto(1, [1; 32]), Err(Error::UnknownProposal));
            assert_eq!(hub.vetoes(1), 0);
            assert_eq!(hub.vetoed_by(1, addr(9)), None);
            assert_eq!(hub.params_version(), 1);
            assert_eq!(hub.params_at(1), Some(params()));
            assert_eq!(hub.params_at(2), None);
        }

        #[ink::test]
        fn deposit_of_nothing_is_rejected_and_a_deposit_is_accepted() {
            let mut hub = hub();
            assert_eq!(hub.deposit(), Err(Error::ZeroDeposit));
            test::set_value_transferred::<DefaultEnvironment>(500);
            assert_eq!(hub.deposit(), Ok(()));
            assert_eq!(test::recorded_events().count(), 1);
        }

        #[ink::test]
        fn unknown_proposal_is_reported_by_every_message() {
            let mut hub = hub();
            assert_eq!(hub.state(1), Err(Error::UnknownProposal));
            assert_eq!(hub.close_review(1), Err(Error::UnknownProposal));
            assert_eq!(hub.close_voting(1), Err(Error::UnknownProposal));
            assert_eq!(hub.queue(1), Err(Error::UnknownProposal));
            assert_eq!(hub.execute(1), Err(Error::UnknownProposal));
            assert_eq!(hub.cancel(1), Err(Error::UnknownProposal));
            assert_eq!(
                hub.revise(1, [0; 32], String::new(), Vec::new()),
                Err(Error::UnknownProposal)
            );
            assert_eq!(hub.proposal(1), None);
            assert_eq!(hub.revision(1, 1), None);
        }

        #[ink::test]
        fn submit_rejects_bad_content_before_anything_else() {
            let mut hub = hub();
            let transfer = |amount| Action::Transfer {
                to: addr(5),
                amount,
            };
            assert_eq!(
                hub.submit([0; 32], "u".repeat(MAX_URI_LEN + 1), Vec::new()),
                Err(Error::UriTooLong)
            );
            assert_eq!(
                hub.submit(
                    [0; 32],
                    String::new(),
                    vec![transfer(1); MAX_ACTIONS as usize + 1]
                ),
                Err(Error::InvalidActionCount)
            );
            assert_eq!(
                hub.submit([0; 32], String::new(), vec![transfer(1), transfer(0)]),
                Err(Error::ZeroTransfer)
            );
            assert_eq!(hub.proposal_count(), 0);
        }

        #[ink::test]
        fn submit_before_the_bootstrap_is_recorded_is_rejected() {
            // A well-formed proposal from anyone: nothing opens until `complete_bootstrap`
            // has checked the suite (a round opened now would be state the bootstrap check
            // reports as planted, bricking the suite).
            let mut hub = hub();
            assert_eq!(
                hub.submit([0; 32], String::new(), Vec::new()),
                Err(Error::NotBootstrapped)
            );
            assert_eq!(hub.proposal_count(), 0);
        }

        #[ink::test]
        fn signed_submission_for_another_chain_hub_or_late_is_rejected() {
            let mut hub = hub();
            let sig = [1u8; 65];
            let cases = [
                (
                    ProposalPayload {
                        chain_tag: "other".into(),
                        ..payload()
                    },
                    Error::WrongChain,
                ),
                (
                    ProposalPayload {
                        hub: addr(8),
                        ..payload()
                    },
                    Error::WrongContract,
                ),
                (
                    ProposalPayload {
                        deadline: 0,
                        ..payload()
                    },
                    Error::DeadlinePassed,
                ),
            ];
            test::advance_block::<DefaultEnvironment>();
            for (p, error) in cases {
                assert_eq!(hub.submit_signed(p, sig), Err(error));
            }
            assert!(!hub.nonce_used(addr(9), 1));
        }

        #[ink::test]
        fn malformed_signatures_are_rejected_before_any_lookup() {
            let mut hub = hub();
            let mut high_s = [1u8; 65];
            high_s[32] = 0xff;
            high_s[64] = 0;
            let mut bad_v = [1u8; 65];
            bad_v[64] = 27;
            assert_eq!(
                hub.submit_signed(payload(), high_s),
                Err(Error::BadSignature(agora_types::SignatureError::HighS))
            );
            assert_eq!(
                hub.submit_signed(payload(), bad_v),
                Err(Error::BadSignature(
                    agora_types::SignatureError::InvalidRecoveryId
                ))
            );
            assert!(!hub.nonce_used(addr(9), 1));
        }

        #[ink::test]
        fn proposals_page_is_bounded() {
            let hub = hub();
            assert_eq!(hub.proposals(1, MAX_PAGE + 1), Err(Error::LimitTooLarge));
            assert_eq!(hub.proposals(0, MAX_PAGE), Ok(Vec::new()));
        }

        #[ink::test]
        fn queries_return_the_configuration() {
            let hub = hub();
            assert_eq!(hub.params(), params());
            assert_eq!(hub.contracts(), (addr(1), addr(2), addr(3), addr(4)));
            assert_eq!(hub.chain_tag(), TAG);
            assert!(!hub.bootstrap_recorded());
            assert_eq!(hub.open_proposals(addr(9)), 0);
        }

        #[ink::test]
        fn expired_is_derived_from_the_marks() {
            let hub = hub();
            let queued = Proposal {
                id: 1,
                author: addr(9),
                author_kind: agora_types::MemberKind::Agent,
                revision: 1,
                stage: ProposalState::Queued,
                submitted_at: 0,
                review_opened_at: 0,
                review_closes_at: 10,
                snapshot_block: Some(9),
                voting_closes_at: Some(20),
                eta: Some(30),
                expires_at: Some(40),
                updated_at: 25,
                params_version: 1,
                vetoes: 0,
            };
            assert_eq!(hub.derive_state(&queued, 39), ProposalState::Queued);
            assert_eq!(hub.derive_state(&queued, 40), ProposalState::Expired);
            let executed = Proposal {
                stage: ProposalState::Executed,
                ..queued
            };
            assert_eq!(hub.derive_state(&executed, 100), ProposalState::Executed);
        }
    }
}
