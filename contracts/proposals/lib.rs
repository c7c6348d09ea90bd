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
        blake2_256, recover_signer, signing_hash,
        traits::{Ballots, DecisionLog, Governed, MemberRegistry, ReviewRounds},
        Action, BallotOutcome, Callee, Hash32, HubParams, LogKind, Member, Proposal, ProposalId,
        ProposalPayload, ProposalState, Revision, RevisionPayload, RevisionRecord, RoundOutcome,
        Signature, SigningKey, MAX_ACTIONS, MAX_CHAIN_TAG_LEN, MAX_URI_LEN, PROPOSAL_DOMAIN,
        REVISION_DOMAIN,
    };
    use ink::{
        codegen::TraitCallBuilder,
        prelude::{string::String, vec::Vec},
        scale::Encode,
        storage::Mapping,
    };

    /// Most proposals one `proposals` page returns (a proposal encodes to at most 118
    /// bytes, so a full page is about 6 KiB, well under ink's 16 KiB buffer).
    pub const MAX_PAGE: u32 = 50;
    /// Shortest review or voting window, in blocks.
    pub const MIN_WINDOW: BlockNumber = 2;
    /// Longest review or voting window, in blocks (four weeks of 6-second blocks).
    pub const MAX_WINDOW: BlockNumber = 403_200;
    /// Shortest timelock, in blocks: never zero, so members can react to a decision.
    pub const MIN_TIMELOCK: BlockNumber = 1;
    /// Longest timelock, in blocks.
    pub const MAX_TIMELOCK: BlockNumber = 403_200;
    /// Shortest grace period after `eta`, in blocks.
    pub const MIN_GRACE_PERIOD: BlockNumber = 1;
    /// Longest grace period after `eta`, in blocks.
    pub const MAX_GRACE_PERIOD: BlockNumber = 403_200;
    /// Largest allowed cap of open proposals per member.
    pub const MAX_OPEN_PER_MEMBER: u32 = 32;

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
        /// Governance parameters.
        params: HubParams,
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
    }

    impl Proposals {
        /// Creates the hub over the four suite contracts with its governance parameters.
        ///
        /// Errors: `InvalidChainTag` (empty or over 32 bytes), `InvalidParameter` (a
        /// parameter outside its bounds).
        #[ink(constructor)]
        pub fn new(
            chain_tag: String,
            registry: AccountId,
            review: AccountId,
            voting: AccountId,
            log: AccountId,
            params: HubParams,
        ) -> Result<Self> {
            if chain_tag.is_empty() || chain_tag.len() > MAX_CHAIN_TAG_LEN {
                return Err(Error::InvalidChainTag);
            }
            Self::ensure_valid_params(&params)?;
            Ok(Self {
                chain_tag,
                registry,
                review,
                voting,
                log,
                params,
                proposals: Mapping::default(),
                revisions: Mapping::default(),
                proposal_count: 0,
                open_count: Mapping::default(),
                used_nonces: Mapping::default(),
                bootstrapped: false,
            })
        }

        /// Pays the transferred value into the treasury. Anyone may call.
        ///
        /// Errors: `ZeroDeposit` if nothing is transferred. Event: `Deposited`.
        #[ink(message, payable)]
        pub fn deposit(&mut self) -> Result<()> {
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
        /// Errors: `UriTooLong`, `InvalidActionCount`, `ZeroTransfer`, `NotActiveMember`,
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
        ///
        /// Caller: the author. Errors: `UnknownProposal`, `NotAuthor`,
        /// `UnexpectedState` (not in review), `ReviewWindowOver`, `UriTooLong`,
        /// `InvalidActionCount`, `ZeroTransfer`, `Review(_)`, `Log(_)`, `CallFailed(_)`.
        /// Event: `ProposalRevised`; log entry `ProposalRevised`.
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
            let mut proposal = self.get(id)?;
            Self::ensure_stage(&proposal, ProposalState::InReview)?;
            let now = self.env().block_number();
            Self::ensure_after(now, proposal.review_closes_at)?;

            let outcome = self.close_round(id, proposal.revision)?;
            proposal.updated_at = now;
            let (kind, snapshot, closes_at) = if outcome.rules_met {
                // The round's window ended at `review_closes_at`, which is in the past, so
                // the block before it is a settled snapshot.
                let snapshot = proposal.review_closes_at.saturating_sub(1);
                let closes_at = now.saturating_add(self.params.voting_window);
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
                self.open_ballot(id, snapshot, closes_at)?;
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
            let mut proposal = self.get(id)?;
            Self::ensure_stage(&proposal, ProposalState::Voting)?;
            let now = self.env().block_number();
            let closes_at = proposal.voting_closes_at.ok_or(Error::UnexpectedState {
                current: proposal.stage,
            })?;
            Self::ensure_after(now, closes_at)?;

            let outcome = self.close_ballot(id)?;
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
            let mut proposal = self.get(id)?;
            Self::ensure_stage(&proposal, ProposalState::Succeeded)?;
            let now = self.env().block_number();
            let eta = now.saturating_add(self.params.timelock);
            let expires_at = eta.saturating_add(self.params.grace_period);
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
        /// `[eta, expires_at)`. The proposal is marked Executed before any action runs; if
        /// an action fails the whole message reverts and the proposal stays Queued.
        ///
        /// Anyone may call. Errors: `UnknownProposal`, `UnexpectedState` (not queued),
        /// `TooEarly` (before eta), `Expired` (at or after expires_at),
        /// `InsufficientTreasury`, `TransferFailed`, `Log(_)`, `CallFailed(_)`. Events:
        /// `ProposalExecuted`, `TreasuryTransferred` per transfer; log entry
        /// `ProposalExecuted`.
        #[ink(message)]
        pub fn execute(&mut self, id: ProposalId) -> Result<()> {
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
            self.ensure_treasury_covers(&record.actions)?;

            proposal.stage = ProposalState::Executed;
            proposal.updated_at = now;
            self.proposals.insert(id, &proposal);
            self.append_log(
                LogKind::ProposalExecuted,
                id,
                self.env().caller(),
                hash_of(&record.actions),
            )?;
            for action in &record.actions {
                self.run(id, action)?;
            }
            self.env().emit_event(ProposalExecuted {
                id,
                // At most MAX_ACTIONS (8) actions are ever stored.
                actions: u32::try_from(record.actions.len()).unwrap_or(MAX_ACTIONS),
            });
            Ok(())
        }

        /// Withdraws a proposal during review.
        ///
        /// Caller: the author. Errors: `UnknownProposal`, `NotAuthor`, `UnexpectedState`
        /// (not in review), `Log(_)`, `CallFailed(_)`. Event: `ProposalCancelled`; log entry
        /// `ProposalCancelled`.
        #[ink(message)]
        pub fn cancel(&mut self, id: ProposalId) -> Result<()> {
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
            self.append_log(LogKind::ProposalCancelled, id, caller, [0u8; 32])?;
            self.env().emit_event(ProposalCancelled { id });
            Ok(())
        }

        /// Checks that bootstrap is complete (see `bootstrap_complete`) and records it in
        /// the log once. Anyone may call.
        ///
        /// Errors: `BootstrapAlreadyRecorded`, `BootstrapIncomplete`, `Log(_)`,
        /// `CallFailed(_)`. Event: `BootstrapCompleted`; log entry `BootstrapCompleted`.
        #[ink(message)]
        pub fn complete_bootstrap(&mut self) -> Result<()> {
            if self.bootstrapped {
                return Err(Error::BootstrapAlreadyRecorded);
            }
            if !self.bootstrap_complete() {
                return Err(Error::BootstrapIncomplete);
            }
            self.bootstrapped = true;
            let contracts = (self.registry, self.review, self.voting, self.log);
            self.append_log(
                LogKind::BootstrapCompleted,
                0,
                self.env().caller(),
                hash_of(&(contracts, self.params)),
            )?;
            self.env().emit_event(BootstrapCompleted {
                registry: self.registry,
                review: self.review,
                voting: self.voting,
                log: self.log,
            });
            Ok(())
        }

        /// Whether no account but the hub holds a privilege: the hub is the admin of the
        /// registry, review, voting and log contracts, and the log's writers are exactly
        /// the hub, review and voting contracts. Anyone may call.
        #[ink(message)]
        pub fn bootstrap_complete(&self) -> bool {
            let hub = self.env().account_id();
            let admins_ok = [self.registry, self.review, self.voting, self.log]
                .into_iter()
                .all(|c| self.admin_of(c) == Some(hub));
            admins_ok && self.writers_are(&[hub, self.review, self.voting])
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

        // ---- internals ------------------------------------------------------------

        fn ensure_valid_params(params: &HubParams) -> Result<()> {
            let windows_ok = (MIN_WINDOW..=MAX_WINDOW).contains(&params.review_window)
                && (MIN_WINDOW..=MAX_WINDOW).contains(&params.voting_window)
                && (MIN_TIMELOCK..=MAX_TIMELOCK).contains(&params.timelock)
                && (MIN_GRACE_PERIOD..=MAX_GRACE_PERIOD).contains(&params.grace_period)
                && (1..=MAX_OPEN_PER_MEMBER).contains(&params.max_open_per_member);
            if !windows_ok
                || !params.review_rules.is_valid()
                || params.voting_rules.validate().is_err()
            {
                return Err(Error::InvalidParameter);
            }
            Ok(())
        }

        fn ensure_content(uri: &str, actions: &[Action]) -> Result<()> {
            if uri.len() > MAX_URI_LEN {
                return Err(Error::UriTooLong);
            }
            if actions.len() > MAX_ACTIONS as usize {
                return Err(Error::InvalidActionCount);
            }
            for action in actions {
                match action {
                    Action::Transfer { amount, .. } if *amount == 0 => {
                        return Err(Error::ZeroTransfer)
                    }
                    Action::Transfer { .. } => {}
                }
            }
            Ok(())
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

        fn ensure_treasury_covers(&self, actions: &[Action]) -> Result<()> {
            let mut total: Balance = 0;
            for action in actions {
                let Action::Transfer { amount, .. } = action;
                total = total
                    .checked_add(*amount)
                    .ok_or(Error::InsufficientTreasury)?;
            }
            if total > self.env().balance() {
                return Err(Error::InsufficientTreasury);
            }
            Ok(())
        }

        fn run(&mut self, id: ProposalId, action: &Action) -> Result<()> {
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
            }
            Ok(())
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
            Self::ensure_content(&uri, &actions)?;
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
            let closes_at = now.saturating_add(self.params.review_window);
            let record = Self::revision_record(content_hash, uri, actions, now, signed);
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
            };
            self.proposal_count = id;
            self.proposals.insert(id, &proposal);
            self.revisions.insert((id, 1), &record);
            self.open_count.insert(author, &open.saturating_add(1));
            self.open_round(id, 1, author, content_hash, closes_at)?;
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
            Self::ensure_content(&uri, &actions)?;
            let revision = proposal
                .revision
                .checked_add(1)
                .ok_or(Error::InvalidParameter)?;
            let closes_at = now.saturating_add(self.params.review_window);
            let record = Self::revision_record(content_hash, uri, actions, now, signed);
            proposal.revision = revision;
            proposal.review_opened_at = now;
            proposal.review_closes_at = closes_at;
            proposal.updated_at = now;
            let (id, author) = (proposal.id, proposal.author);
            self.proposals.insert(id, &proposal);
            self.revisions.insert((id, revision), &record);
            self.open_round(id, revision, author, content_hash, closes_at)?;
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
        ) -> Result<()> {
            let mut review: ink::contract_ref!(ReviewRounds) = self.review.into();
            let rules = self.params.review_rules;
            match review
                .call_mut()
                .open_round(id, revision, author, content_hash, closes_at, rules)
                .try_invoke()
            {
                Ok(Ok(Ok(()))) => Ok(()),
                Ok(Ok(Err(e))) => Err(Error::Review(e)),
                _ => Err(Error::CallFailed(Callee::Review)),
            }
        }

        fn close_round(&self, id: ProposalId, revision: Revision) -> Result<RoundOutcome> {
            let mut review: ink::contract_ref!(ReviewRounds) = self.review.into();
            match review.call_mut().close_round(id, revision).try_invoke() {
                Ok(Ok(Ok(outcome))) => Ok(outcome),
                Ok(Ok(Err(e))) => Err(Error::Review(e)),
                _ => Err(Error::CallFailed(Callee::Review)),
            }
        }

        fn open_ballot(
            &self,
            id: ProposalId,
            snapshot: BlockNumber,
            closes_at: BlockNumber,
        ) -> Result<()> {
            let mut voting: ink::contract_ref!(Ballots) = self.voting.into();
            let rules = self.params.voting_rules;
            match voting
                .call_mut()
                .open_ballot(id, snapshot, closes_at, rules)
                .try_invoke()
            {
                Ok(Ok(Ok(()))) => Ok(()),
                Ok(Ok(Err(e))) => Err(Error::Voting(e)),
                _ => Err(Error::CallFailed(Callee::Voting)),
            }
        }

        fn close_ballot(&self, id: ProposalId) -> Result<BallotOutcome> {
            let mut voting: ink::contract_ref!(Ballots) = self.voting.into();
            match voting.call_mut().close_ballot(id).try_invoke() {
                Ok(Ok(Ok(outcome))) => Ok(outcome),
                Ok(Ok(Err(e))) => Err(Error::Voting(e)),
                _ => Err(Error::CallFailed(Callee::Voting)),
            }
        }

        fn append_log(
            &self,
            kind: LogKind,
            subject: ProposalId,
            actor: AccountId,
            payload_hash: Hash32,
        ) -> Result<()> {
            let mut log: ink::contract_ref!(DecisionLog) = self.log.into();
            match log
                .call_mut()
                .append(kind, subject, actor, payload_hash)
                .try_invoke()
            {
                Ok(Ok(Ok(_))) => Ok(()),
                Ok(Ok(Err(e))) => Err(Error::Log(e)),
                _ => Err(Error::CallFailed(Callee::Log)),
            }
        }

        fn admin_of(&self, contract: AccountId) -> Option<AccountId> {
            let governed: ink::contract_ref!(Governed) = contract.into();
            governed.call().admin().try_invoke().ok()?.ok()
        }

        fn writers_are(&self, expected: &[AccountId]) -> bool {
            let log: ink::contract_ref!(DecisionLog) = self.log.into();
            let count = match log.call().writer_count().try_invoke() {
                Ok(Ok(n)) => n,
                _ => return false,
            };
            count as usize == expected.len()
                && expected
                    .iter()
                    .all(|w| matches!(log.call().is_writer(*w).try_invoke(), Ok(Ok(true))))
        }
    }

    /// blake2-256 of a value's SCALE encoding: what log entries commit to.
    fn hash_of<T: Encode>(value: &T) -> Hash32 {
        blake2_256(&value.encode())
    }
    #[cfg(test)]
    mod tests {
        use super::*;
        use agora_types::{Perspective, ReviewRules, VotingRules};
        use ink::env::{test, DefaultEnvironment};

        const TAG: &str = "agora-test";

        fn params() -> HubParams {
            HubParams {
                review_window: 10,
                voting_window: 10,
                timelock: 5,
                grace_period: 20,
                review_rules: ReviewRules {
                    min_reviews: 2,
                    required_perspectives: [Perspective::Safety].into_iter().collect(),
                    max_rejections: 0,
                },
                voting_rules: VotingRules {
                    quorum_bps: 2_000,
                    approval_threshold_bps: 5_000,
                    require_both_kinds: false,
                },
                max_open_per_member: 3,
            }
        }

        fn addr(seed: u8) -> AccountId {
            AccountId::from([seed; 32])
        }

        fn hub() -> Proposals {
            Proposals::new(TAG.into(), addr(1), addr(2), addr(3), addr(4), params())
                .expect("valid hub")
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
                    Proposals::new(tag, addr(1), addr(2), addr(3), addr(4), params()),
                    Err(Error::InvalidChainTag)
                ));
            }
        }

        #[ink::test]
        fn new_rejects_every_parameter_outside_its_bounds() {
            let ok = params();
            let bad = [
                HubParams {
                    review_window: MIN_WINDOW - 1,
                    ..ok
                },
                HubParams {
                    review_window: MAX_WINDOW + 1,
                    ..ok
                },
                HubParams {
                    voting_window: MIN_WINDOW - 1,
                    ..ok
                },
                HubParams {
                    voting_window: MAX_WINDOW + 1,
                    ..ok
                },
                HubParams { timelock: 0, ..ok },
                HubParams {
                    timelock: MAX_TIMELOCK + 1,
                    ..ok
                },
                HubParams {
                    grace_period: 0,
                    ..ok
                },
                HubParams {
                    grace_period: MAX_GRACE_PERIOD + 1,
                    ..ok
                },
                HubParams {
                    max_open_per_member: 0,
                    ..ok
                },
                HubParams {
                    max_open_per_member: MAX_OPEN_PER_MEMBER + 1,
                    ..ok
                },
                HubParams {
                    voting_rules: VotingRules {
                        quorum_bps: 1,
                        ..ok.voting_rules
                    },
                    ..ok
                },
                HubParams {
                    voting_rules: VotingRules {
                        approval_threshold_bps: 10_001,
                        ..ok.voting_rules
                    },
                    ..ok
                },
                HubParams {
                    review_rules: ReviewRules {
                        required_perspectives: agora_types::PerspectiveSet(u16::MAX),
                        ..ok.review_rules
                    },
                    ..ok
                },
            ];
            for params in bad {
                assert!(
                    matches!(
                        Proposals::new(TAG.into(), addr(1), addr(2), addr(3), addr(4), params),
                        Err(Error::InvalidParameter)
                    ),
                    "{params:?}"
                );
            }
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
