//! The whole suite deployed and bootstrapped in one sandbox, as an operator would do it.

use crate::harness::{account, public_key, secret, sign, Chain};
use agora_types::{
    bind_key_hash, blake2_256, signing_hash, Action, AdminError, BallotId, FounderSet, HashedEntry,
    HubParams, KeyBinding, KindSet, LogError, LogKind, MemberKind, MemberProfile, Perspective,
    ProposalError, ProposalId, ProposalPayload, ProposalState, RegistryError, ReviewError,
    Revision, RevisionPayload, Signature, SigningKey, Subject, SuiteCodeHashes, Verdict,
    VoteChoice, VotePayload, VotingError, HUB_KINDS, MAX_LOG_PAGE, PROPOSAL_DOMAIN, REVIEW_KINDS,
    REVISION_DOMAIN, VOTE_DOMAIN, VOTING_KINDS,
};
use ink::primitives::AccountId;

#[drink::contract_bundle_provider]
pub enum BundleProvider {}

/// The chain tag the suite is deployed with.
pub const TAG: &str = "agora-drink";
/// What Alice pays into the treasury at bootstrap.
pub const TREASURY: u128 = 1_000_000_000_000;

/// A founding member of the test organisation.
#[derive(Clone, Copy, Debug)]
pub struct Founder {
    /// Its account's 32 bytes.
    pub bytes: [u8; 32],
    /// Human or Agent.
    pub kind: MemberKind,
    /// The perspective it holds.
    pub perspective: Perspective,
    /// Seed of its signing key (agents only).
    pub key_seed: Option<u8>,
}

impl Founder {
    /// Its account.
    pub fn account(&self) -> AccountId {
        AccountId::from(self.bytes)
    }

    /// Its profile at `weight` (agents are operated by Alice).
    pub fn profile(&self, weight: u128) -> MemberProfile {
        MemberProfile {
            kind: self.kind,
            perspectives: [self.perspective].into_iter().collect(),
            weight,
            metadata_uri: format!("ipfs://founder-{}", self.bytes[0]),
            operator: (self.kind == MemberKind::Agent).then(Chain::alice),
        }
    }

    /// The signing key bound at its registration (agents only).
    pub fn key(&self) -> Option<SigningKey> {
        self.key_seed.map(|seed| public_key(&secret(seed)))
    }
}

/// The weight every founder is registered with.
pub const FOUNDER_WEIGHT: u128 = 10;

/// The hub's constructor arguments, in order.
#[derive(Clone, Debug, scale::Encode)]
pub struct HubArgs {
    /// The chain tag.
    pub chain_tag: String,
    /// The agent registry.
    pub registry: AccountId,
    /// The peer-review contract.
    pub review: AccountId,
    /// The voting contract.
    pub voting: AccountId,
    /// The decision log.
    pub log: AccountId,
    /// The governance parameters.
    pub params: HubParams,
    /// The code hash each of the four must run.
    pub expected_code: SuiteCodeHashes,
    /// The founders the registry must hold at bootstrap.
    pub founders: FounderSet,
}

/// `accounts` without repeats, in order (a test may put one contract at two places).
fn distinct(accounts: &[AccountId]) -> Vec<AccountId> {
    let mut out: Vec<AccountId> = Vec::new();
    for a in accounts {
        if !out.contains(a) {
            out.push(*a);
        }
    }
    out
}

/// The bundle of `contract`, built by drink's proc macro.
pub fn bundle(contract: BundleProvider) -> drink::session::ContractBundle {
    contract.bundle().expect("bundle builds")
}

/// The code hashes of the four contracts the hub governs: `blake2_256` of each bundle's
/// Wasm, as the chain computes them.
pub fn expected_code_hashes() -> SuiteCodeHashes {
    let hash = |c| blake2_256(&bundle(c).wasm);
    SuiteCodeHashes {
        registry: hash(BundleProvider::AgentRegistry),
        review: hash(BundleProvider::PeerReview),
        voting: hash(BundleProvider::Voting),
        log: hash(BundleProvider::DecisionLog),
    }
}

/// The commitment to `founders` registered in order at [`FOUNDER_WEIGHT`].
pub fn founder_set(founders: &[Founder]) -> FounderSet {
    let mut set = FounderSet::EMPTY;
    for f in founders {
        set.push(&f.account(), &f.profile(FOUNDER_WEIGHT), f.key());
    }
    set
}

/// Humans: safety, efficiency, creativity. Agents: efficiency (the proposer), safety.
pub const SAFETY_HUMAN: Founder = Founder {
    bytes: [11; 32],
    kind: MemberKind::Human,
    perspective: Perspective::Safety,
    key_seed: None,
};
/// A human holding the Efficiency perspective.
pub const EFFICIENCY_HUMAN: Founder = Founder {
    bytes: [12; 32],
    kind: MemberKind::Human,
    perspective: Perspective::Efficiency,
    key_seed: None,
};
/// A human holding the Creativity perspective.
pub const CREATIVE_HUMAN: Founder = Founder {
    bytes: [13; 32],
    kind: MemberKind::Human,
    perspective: Perspective::Creativity,
    key_seed: None,
};
/// An agent holding the Efficiency perspective; it proposes in the seed scenario.
pub const EFFICIENCY_AGENT: Founder = Founder {
    bytes: [21; 32],
    kind: MemberKind::Agent,
    perspective: Perspective::Efficiency,
    key_seed: Some(21),
};
/// An agent holding the Safety perspective.
pub const SAFETY_AGENT: Founder = Founder {
    bytes: [22; 32],
    kind: MemberKind::Agent,
    perspective: Perspective::Safety,
    key_seed: Some(22),
};
/// Every founder.
pub const FOUNDERS: [Founder; 5] = [
    SAFETY_HUMAN,
    EFFICIENCY_HUMAN,
    CREATIVE_HUMAN,
    EFFICIENCY_AGENT,
    SAFETY_AGENT,
];

/// Parameters of the test organisation (the shared `agora_types::testing::params`: short
/// windows, in blocks, so tests run quickly).
pub use agora_types::testing::params;

/// The addresses of a suite's five contracts (of a suite that was succeeded, say).
#[derive(Debug, Clone, Copy)]
pub struct SuiteAddresses {
    /// Agent registry.
    pub registry: AccountId,
    /// Decision log.
    pub log: AccountId,
    /// Peer review.
    pub review: AccountId,
    /// Voting.
    pub voting: AccountId,
    /// The hub.
    pub hub: AccountId,
}

/// The five contracts deployed, bootstrapped and handed to the hub.
pub struct Suite {
    /// The sandboxed chain.
    pub chain: Chain,
    /// Agent registry.
    pub registry: AccountId,
    /// Decision log.
    pub log: AccountId,
    /// Peer review.
    pub review: AccountId,
    /// Voting.
    pub voting: AccountId,
    /// The hub.
    pub hub: AccountId,
}

impl Suite {
    /// Deploys the suite with `params`, registers the founders, authorizes the writers,
    /// hands every admin to the hub, records the bootstrap and funds the treasury.
    pub fn bootstrap_with(params: HubParams) -> Self {
        let mut suite = Self::handed_over(params);
        let alice = Chain::alice();
        let r: Result<(), ProposalError> = suite
            .chain
            .call(suite.hub, alice, "complete_bootstrap", ())
            .expect("dispatch");
        r.expect("bootstrap recorded");
        let r: Result<(), ProposalError> = suite
            .chain
            .call_payable(suite.hub, alice, "deposit", (), TREASURY)
            .expect("dispatch");
        r.expect("treasury funded");
        // Members must hold weight before a round's opening block − 1.
        suite.chain.advance(2);
        suite
    }

    /// Deploys the suite with `params`, registers the founders, authorizes the writers and
    /// hands every admin to the hub; the bootstrap is not recorded yet.
    pub fn handed_over(params: HubParams) -> Self {
        let mut suite = Self::deployed(params, |_, _| {});
        suite.hand_over();
        suite
    }

    /// Deploys the suite with `params` as an operator does, with the hub constructed over
    /// the four contracts, their bundles' code hashes and the [`FOUNDERS`] (at weight
    /// [`FOUNDER_WEIGHT`]), after `tweak` has had its say on the hub's constructor arguments
    /// (a test deploys a look-alike or a miswired contract there); then registers the
    /// founders and authorizes the writers. Alice is still every admin.
    pub fn deployed(params: HubParams, tweak: impl FnOnce(&mut Chain, &mut HubArgs)) -> Self {
        Self::deployed_with_writer_kinds(params, tweak, |_| {})
    }

    /// Like [`Suite::deployed`], with `kinds` changing the kinds the hub, review and voting
    /// are authorized for as log writers (in that order; their own sets by default).
    pub fn deployed_with_writer_kinds(
        params: HubParams,
        tweak: impl FnOnce(&mut Chain, &mut HubArgs),
        kinds: impl FnOnce(&mut [KindSet; 3]),
    ) -> Self {
        Self::deployed_on(Chain::new(), None, params, tweak, kinds)
    }

    /// Deploys and bootstraps a successor of this suite on its chain, as an operator does
    /// with `agora deploy --succeeds`: the same founders and `params`, its log constructed
    /// with `succeeding(this suite's log)` so that its first entry anchors this log's head,
    /// its treasury empty. Returns the successor's addresses; `self` keeps the chain.
    pub fn deploy_successor(&mut self, params: HubParams) -> SuiteAddresses {
        let chain = std::mem::replace(&mut self.chain, Chain::new());
        let mut next = Self::deployed_on(chain, Some(self.log), params, |_, _| {}, |_| {});
        next.hand_over();
        let r: Result<(), ProposalError> = next
            .chain
            .call(next.hub, Chain::alice(), "complete_bootstrap", ())
            .expect("dispatch");
        r.expect("the successor's bootstrap recorded");
        let addresses = next.addresses();
        self.chain = next.chain;
        addresses
    }

    /// The five contracts' addresses.
    pub fn addresses(&self) -> SuiteAddresses {
        SuiteAddresses {
            registry: self.registry,
            log: self.log,
            review: self.review,
            voting: self.voting,
            hub: self.hub,
        }
    }

    /// [`Suite::deployed_with_writer_kinds`] on `chain`; with `predecessor`, the log is a
    /// successor's (`succeeding(predecessor)`) and every contract gets a salt of its own, so
    /// the addresses differ from the first suite's.
    fn deployed_on(
        mut chain: Chain,
        predecessor: Option<AccountId>,
        params: HubParams,
        tweak: impl FnOnce(&mut Chain, &mut HubArgs),
        kinds: impl FnOnce(&mut [KindSet; 3]),
    ) -> Self {
        let mut writer_kinds = [HUB_KINDS, REVIEW_KINDS, VOTING_KINDS];
        kinds(&mut writer_kinds);
        let alice = Chain::alice();
        let salt: &[u8] = if predecessor.is_some() {
            b"successor"
        } else {
            &[]
        };
        let registry = chain.deploy(
            &bundle(BundleProvider::AgentRegistry),
            "new",
            String::from(TAG),
            alice,
            salt,
        );
        let log = match predecessor {
            None => chain.deploy(&bundle(BundleProvider::DecisionLog), "new", (), alice, salt),
            Some(old) => chain.deploy(
                &bundle(BundleProvider::DecisionLog),
                "succeeding",
                old,
                alice,
                salt,
            ),
        };
        let review = chain.deploy(
            &bundle(BundleProvider::PeerReview),
            "new",
            (registry, log),
            alice,
            salt,
        );
        let voting = chain.deploy(
            &bundle(BundleProvider::Voting),
            "new",
            (String::from(TAG), registry, log),
            alice,
            salt,
        );
        let mut args = HubArgs {
            chain_tag: String::from(TAG),
            registry,
            review,
            voting,
            log,
            params,
            expected_code: expected_code_hashes(),
            founders: founder_set(&FOUNDERS),
        };
        tweak(&mut chain, &mut args);
        let hub = chain.deploy(
            &bundle(BundleProvider::Proposals),
            "new",
            &args,
            alice,
            salt,
        );
        let (registry, review, voting, log) = (args.registry, args.review, args.voting, args.log);
        let mut suite = Self {
            chain,
            registry,
            log,
            review,
            voting,
            hub,
        };
        for founder in FOUNDERS {
            suite.register(founder, FOUNDER_WEIGHT);
        }
        // Each writer with its own kinds (a tweak that points two roles at one contract
        // authorizes it once, for the first role's kinds).
        let mut authorized: Vec<AccountId> = Vec::new();
        for (writer, kinds) in [hub, review, voting].into_iter().zip(writer_kinds) {
            if authorized.contains(&writer) {
                continue;
            }
            authorized.push(writer);
            let r: Result<(), LogError> = suite
                .chain
                .call(log, alice, "DecisionLog::authorize_writer", (writer, kinds))
                .expect("dispatch");
            r.expect("writer authorized");
        }
        suite
    }

    /// Alice offers every admin to the hub and the hub accepts the four offers.
    pub fn hand_over(&mut self) {
        let alice = Chain::alice();
        let contracts = distinct(&[self.registry, self.review, self.voting, self.log]);
        for &contract in &contracts {
            let r: Result<(), AdminError> = self
                .chain
                .call(contract, alice, "Governed::transfer_admin", self.hub)
                .expect("dispatch");
            r.expect("admin offered to the hub");
        }
        let accepted: Result<u32, ProposalError> = self
            .chain
            .call(self.hub, alice, "accept_admins", ())
            .expect("dispatch");
        assert_eq!(
            accepted,
            Ok(contracts.len() as u32),
            "the hub accepts every offer"
        );
    }

    /// [`Suite::bootstrap_with`] the default [`params`].
    pub fn bootstrap() -> Self {
        Self::bootstrap_with(params())
    }

    /// Registers `founder` with `weight` (as Alice, before the admin handover).
    pub fn register(&mut self, founder: Founder, weight: u128) {
        self.chain.fund(founder.account());
        let key = founder.key_seed.map(|seed| {
            let secret = secret(seed);
            KeyBinding {
                key: public_key(&secret),
                proof: sign(
                    &secret,
                    &bind_key_hash(TAG, self.registry, founder.account()),
                ),
            }
        });
        let r: Result<(), RegistryError> = self
            .chain
            .call(
                self.registry,
                Chain::alice(),
                "MemberRegistry::register_member",
                (founder.account(), founder.profile(weight), key),
            )
            .expect("dispatch");
        r.expect("founder registered");
    }

    /// The hub's signed-proposal payload for `author`.
    pub fn proposal_payload(
        &mut self,
        author: AccountId,
        nonce: u64,
        text: &str,
        actions: Vec<Action>,
    ) -> ProposalPayload {
        let deadline = self.chain.block() + 10;
        ProposalPayload {
            chain_tag: TAG.into(),
            hub: self.hub,
            author,
            nonce,
            deadline,
            content_hash: blake2_256(text.as_bytes()),
            uri: format!("data:text/plain,{text}"),
            actions,
        }
    }

    /// Relays a proposal signed by `founder`'s key (as Alice).
    pub fn submit_signed(
        &mut self,
        founder: Founder,
        payload: &ProposalPayload,
    ) -> Result<ProposalId, ProposalError> {
        let signature = founder_sign(founder, &signing_hash(PROPOSAL_DOMAIN, payload));
        self.chain
            .call(
                self.hub,
                Chain::alice(),
                "submit_signed",
                (payload.clone(), signature),
            )
            .expect("dispatch")
    }

    /// A signed revision payload creating `revision` of `proposal`.
    pub fn revision_payload(
        &mut self,
        author: AccountId,
        proposal: ProposalId,
        revision: Revision,
        text: &str,
        actions: Vec<Action>,
    ) -> RevisionPayload {
        let deadline = self.chain.block() + 10;
        RevisionPayload {
            chain_tag: TAG.into(),
            hub: self.hub,
            author,
            deadline,
            proposal,
            revision,
            content_hash: blake2_256(text.as_bytes()),
            uri: format!("data:text/plain,{text}"),
            actions,
        }
    }

    /// Relays a revision signed by `founder`'s key (as Alice).
    pub fn revise_signed(
        &mut self,
        founder: Founder,
        payload: &RevisionPayload,
    ) -> Result<Revision, ProposalError> {
        let signature = founder_sign(founder, &signing_hash(REVISION_DOMAIN, payload));
        self.chain
            .call(
                self.hub,
                Chain::alice(),
                "revise_signed",
                (payload.clone(), signature),
            )
            .expect("dispatch")
    }

    /// `reviewer` reviews `(proposal, revision)` from its perspective.
    pub fn review(
        &mut self,
        reviewer: Founder,
        proposal: ProposalId,
        revision: Revision,
        verdict: Verdict,
        suggestion: Option<&str>,
    ) -> Result<u32, ReviewError> {
        let feedback = format!("{:?} review of {proposal}/{revision}", reviewer.perspective);
        self.chain
            .call(
                self.review,
                reviewer.account(),
                "submit_review",
                (
                    proposal,
                    revision,
                    verdict,
                    80u8,
                    reviewer.perspective,
                    blake2_256(feedback.as_bytes()),
                    String::from("ipfs://feedback"),
                    suggestion.map(|s| blake2_256(s.as_bytes())),
                    suggestion.map_or(String::new(), |_| String::from("ipfs://suggestion")),
                ),
            )
            .expect("dispatch")
    }

    /// `voter` votes from its own account.
    pub fn vote(
        &mut self,
        voter: Founder,
        proposal: ProposalId,
        choice: VoteChoice,
    ) -> Result<(), VotingError> {
        self.chain
            .call(
                self.voting,
                voter.account(),
                "cast_vote",
                (BallotId::decision(proposal), choice, [0u8; 32]),
            )
            .expect("dispatch")
    }

    /// `voter` signs its vote and Alice relays it.
    pub fn vote_signed(
        &mut self,
        voter: Founder,
        proposal: ProposalId,
        choice: VoteChoice,
    ) -> Result<(), VotingError> {
        let deadline = self.chain.block() + 10;
        let payload = VotePayload {
            chain_tag: TAG.into(),
            contract: self.voting,
            voter: voter.account(),
            deadline,
            ballot: BallotId::decision(proposal),
            choice,
            rationale_hash: [0u8; 32],
        };
        let signature = founder_sign(voter, &signing_hash(VOTE_DOMAIN, &payload));
        self.chain
            .call(
                self.voting,
                Chain::alice(),
                "cast_vote_signed",
                (
                    voter.account(),
                    BallotId::decision(proposal),
                    choice,
                    [0u8; 32],
                    deadline,
                    signature,
                ),
            )
            .expect("dispatch")
    }

    /// Calls a hub transition (`close_review`, `close_voting`, `queue`, `execute`,
    /// `cancel`) as `caller` and decodes its result as `R`.
    pub fn hub_call<R: scale::Decode>(
        &mut self,
        caller: AccountId,
        message: &str,
        id: ProposalId,
    ) -> Result<R, ProposalError> {
        self.chain
            .call(self.hub, caller, message, id)
            .expect("dispatch")
    }

    /// The proposal's derived state.
    pub fn state(&mut self, id: ProposalId) -> ProposalState {
        let state: Result<ProposalState, ProposalError> = self.chain.query(self.hub, "state", id);
        state.expect("known proposal")
    }

    /// Every log entry, paged with `entries`.
    pub fn log_entries(&mut self) -> Vec<HashedEntry> {
        let mut all = Vec::new();
        loop {
            let page: Result<Vec<HashedEntry>, LogError> =
                self.chain
                    .query(self.log, "entries", (all.len() as u64, MAX_LOG_PAGE));
            let page = page.expect("page");
            if page.is_empty() {
                return all;
            }
            all.extend(page);
        }
    }

    /// The kinds of the log entries about `subject`, in log order.
    pub fn log_kinds_of(&mut self, subject: ProposalId) -> Vec<LogKind> {
        self.log_entries()
            .iter()
            .filter(|e| e.entry.subject == Subject::of_proposal(subject))
            .map(|e| e.entry.kind)
            .collect()
    }

    /// The log's head `(len, hash)`.
    pub fn log_head(&mut self) -> (u64, [u8; 32]) {
        self.chain.query(self.log, "DecisionLog::head", ())
    }
}

/// Signs `hash` with `founder`'s key.
pub fn founder_sign(founder: Founder, hash: &[u8; 32]) -> Signature {
    sign(&secret(founder.key_seed.expect("founder has a key")), hash)
}

/// A fresh account that is not a member.
pub fn outsider() -> AccountId {
    account(99)
}
