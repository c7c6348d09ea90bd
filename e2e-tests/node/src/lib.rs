//! A harness for running the Agora suite on a real substrate-contracts-node with ink_e2e.
//!
//! The `#[ink_e2e::test]`s live in `tests/`; this library holds everything they share
//! (`scripts/node-e2e.sh` lints both with clippy while it builds them). Messages are called
//! by label (`"submit_signed"`, or `"MemberRegistry::register_member"` for a trait message)
//! with SCALE-encoded arguments, and their results are decoded into the `agora-types` values
//! the contracts use.
//!
//! The contracts deployed are the release bundles in `target/ink/<contract>/<contract>.wasm`
//! (the code the CLI deploys, built by `scripts/test.sh`'s bundles tier or `cargo contract
//! build --release`): [`release_client`] loads them, and [`Suite::deploy`] instantiates them
//! with constructors built by hand ([`constructor`]), so no contract crate is a dependency
//! and `#[ink_e2e::test]` builds nothing at test time.
//!
//! On the node every transaction seals one block (instant seal). A dry run executes at the
//! head block N while the transaction lands in N + 1, so [`Suite::tx`] only submits what its
//! dry run accepted, and the tests advance past a window's last block before closing it
//! (then the dry run and the transaction agree). Values a transaction derives from its own
//! block (a queued proposal's `eta`) are read back from storage, not from the dry run.

use agora_types::{
    bind_key_hash, blake2_256, signing_hash, Action, AdminError, Ballot, BallotId, FounderSet,
    HashedEntry, HubParams, KeyBinding, LogError, MemberKind, MemberProfile, Perspective, Proposal,
    ProposalError, ProposalId, ProposalPayload, ProposalState, RegistryError, ReviewError,
    Revision, RevisionPayload, Signature, SigningKey, SuiteCodeHashes, Verdict, VoteChoice,
    VotePayload, VotingError, HUB_KINDS, MAX_LOG_PAGE, PROPOSAL_DOMAIN, REVIEW_KINDS,
    REVISION_DOMAIN, VOTE_DOMAIN, VOTING_KINDS,
};
use ink::{
    env::{
        call::{
            build_call, build_create, state,
            utils::{Argument, ArgumentList, EmptyArgumentList, ReturnType, Set, Unset},
            ConstructorReturnType, CreateBuilder, ExecutionInput, FromAccountId, LimitParamsV2,
            Selector,
        },
        ContractEnv, DefaultEnvironment, Environment,
    },
    primitives::AccountId,
};
use ink_e2e::{
    subxt::backend::legacy::LegacyRpcMethods, ChainBackend, ContractsBackend, Keypair,
    PolkadotConfig, RpcClient,
};
use scale::{Decode, Encode};
use std::{fmt::Debug, path::PathBuf};

/// The shared test signer (one definition, in agora-types' `testing` feature).
pub use agora_types::testing::{public_key, secret, sign};

pub mod scenarios;

/// The ink_e2e client on a spawned node.
pub type Client = ink_e2e::Client<PolkadotConfig, DefaultEnvironment>;

/// A message call by label with its arguments SCALE-encoded as one value.
pub type Msg<A, R> =
    ink_e2e::CallBuilderFinal<DefaultEnvironment, ArgumentList<Argument<A>, EmptyArgumentList>, R>;

/// What a test step failed with.
pub type StepResult<T> = Result<T, Box<dyn std::error::Error>>;

/// The suite's contracts: each one's release bundle is `target/ink/<name>/<name>.wasm`, and
/// `name` (the file stem) is what [`Suite::deploy`] instantiates it by.
pub const CONTRACTS: [&str; 5] = [
    "agent_registry",
    "decision_log",
    "peer_review",
    "voting",
    "proposals",
];

/// The directory holding the release bundles: `target/ink/` of the repository.
pub fn bundle_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/ink")
}

/// The release bundle (`.wasm`) of each of [`CONTRACTS`]; fails naming the first one missing.
pub fn release_bundles() -> StepResult<Vec<PathBuf>> {
    let dir = bundle_dir();
    CONTRACTS
        .iter()
        .map(|name| {
            let wasm = dir.join(name).join(format!("{name}.wasm"));
            if wasm.is_file() {
                Ok(wasm)
            } else {
                Err(format!(
                    "no release bundle {}: build the release bundles first: scripts/test.sh or \
                     cargo contract build --release",
                    wasm.display()
                )
                .into())
            }
        })
        .collect()
}

/// The code hashes the hub expects of the registry, review, voting and log contracts: the
/// `blake2_256` of each release bundle's Wasm, as the chain computes them.
pub fn expected_code_hashes() -> StepResult<SuiteCodeHashes> {
    let hash = |name: &str| -> StepResult<[u8; 32]> {
        let wasm = bundle_dir().join(name).join(format!("{name}.wasm"));
        let code = std::fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
        Ok(blake2_256(&code))
    };
    Ok(SuiteCodeHashes {
        registry: hash("agent_registry")?,
        review: hash("peer_review")?,
        voting: hash("voting")?,
        log: hash("decision_log")?,
    })
}

/// The weight every founder is registered with.
pub const FOUNDER_WEIGHT: u128 = 10;

/// The hub's commitment to the [`FOUNDERS`], registered in order at [`FOUNDER_WEIGHT`].
pub fn founder_set() -> FounderSet {
    let mut set = FounderSet::EMPTY;
    for f in FOUNDERS {
        set.push(&f.account(), &f.profile(FOUNDER_WEIGHT), f.key());
    }
    set
}

/// An ink_e2e client on the node behind `rpc` that deploys the release bundles
/// ([`release_bundles`]). The tests use it instead of the client `#[ink_e2e::test]` builds,
/// which knows only the contracts it builds itself from the test crate's dependencies (none).
pub async fn release_client(rpc: RpcClient) -> StepResult<Client> {
    let bundles = release_bundles()?;
    Ok(Client::new(rpc, bundles)
        .await
        .map_err(|e| format!("connecting the ink_e2e client to the node: {e:?}"))?)
}

/// A contract instantiated from its bundle, standing in for the `…Ref` type its crate would
/// generate: all ink_e2e's `instantiate` needs of it is the environment and
/// [`FromAccountId`] (the constructor's return type names it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deployed(pub AccountId);

impl ContractEnv for Deployed {
    type Env = DefaultEnvironment;
}

impl FromAccountId<DefaultEnvironment> for Deployed {
    fn from_account_id(account_id: AccountId) -> Self {
        Self(account_id)
    }
}

/// A constructor call with its arguments SCALE-encoded as one value: what a `…Ref::new(…)`
/// returns (ink_e2e's `CreateBuilderPartial`). `R` is the constructor's declared return type:
/// [`Deployed`] for `-> Self`, `Result<Deployed, E>` for `-> Result<Self, E>`.
pub type Ctor<A, R> = CreateBuilder<
    DefaultEnvironment,
    Deployed,
    Unset<<DefaultEnvironment as Environment>::Hash>,
    Set<LimitParamsV2<DefaultEnvironment>>,
    Unset<<DefaultEnvironment as Environment>::Balance>,
    Set<ExecutionInput<ArgumentList<Argument<A>, EmptyArgumentList>>>,
    Unset<state::Salt>,
    Set<ReturnType<R>>,
>;

/// The call of constructor `label(args)`, declared to return `R`.
pub fn constructor<A: Encode, R: ConstructorReturnType<Deployed>>(
    label: &str,
    args: A,
) -> Ctor<A, R> {
    build_create::<Deployed>()
        .exec_input(ExecutionInput::new(Selector::new(selector(label))).push_arg(args))
        .returns::<R>()
}

/// How a constructor's return data reads (inside ink!'s `Result<_, LangError>`): `()` for a
/// constructor returning `Self`, `Result<(), E>` for one returning `Result<Self, E>`.
pub trait ConstructorOutput: ConstructorReturnType<Deployed> {
    /// The decoded return data.
    type Data: Decode + Debug;
    /// `Err` with the constructor's typed error, if it returned one.
    fn check(data: Self::Data) -> Result<(), String>;
}

impl ConstructorOutput for Deployed {
    type Data = ();
    fn check(_: ()) -> Result<(), String> {
        Ok(())
    }
}

impl<E: Decode + Debug> ConstructorOutput for Result<Deployed, E> {
    type Data = Result<(), E>;
    fn check(data: Result<(), E>) -> Result<(), String> {
        data.map_err(|e| format!("returned Err({e:?})"))
    }
}

/// Instantiates the bundle `name` as `caller` with constructor `new(args)` declared to return
/// `R`. The dry run comes first: a constructor's typed `Err`, ink!'s `LangError` or a trap
/// is a step failure naming the contract, and only what the dry run accepted is submitted.
pub async fn instantiate<A, R>(
    client: &mut Client,
    caller: &Keypair,
    name: &str,
    args: A,
) -> StepResult<AccountId>
where
    A: Encode + Clone + Send + Sync,
    R: ConstructorOutput,
{
    let mut ctor: Ctor<A, R> = constructor("new", args);
    let dry = client
        .instantiate(name, caller, &mut ctor)
        .dry_run()
        .await
        .map_err(|e| format!("{name}::new: dry run failed: {e:?}"))?;
    let data = &dry.instantiate_return_value().result.data;
    let returned: Result<R::Data, ink::LangError> = Decode::decode(&mut data.as_slice())
        .map_err(|e| format!("{name}::new: undecodable return data {data:?}: {e}"))?;
    let returned = returned.map_err(|lang| format!("{name}::new: ink! refused: {lang:?}"))?;
    R::check(returned).map_err(|e| format!("{name}::new {e}"))?;
    Ok(client
        .instantiate(name, caller, &mut ctor)
        .submit()
        .await
        .map_err(|e| format!("{name}::new: the instantiation failed on chain: {e:?}"))?
        .account_id)
}

/// The chain tag the suite is deployed with on the node.
pub const TAG: &str = "agora-node-e2e";
/// One unit of the node's currency (its existential deposit is a thousandth of it).
pub const UNIT: u128 = 1_000_000_000_000;
/// What Alice pays into the treasury at bootstrap.
pub const TREASURY: u128 = 10 * UNIT;
/// The grant the seed proposal transfers from the treasury.
pub const GRANT: u128 = 2 * UNIT;
/// The grant's recipient: a fresh account that pays no fees, so its balance is the grant.
pub const RECIPIENT: [u8; 32] = [77; 32];

/// The ink! selector of a message or constructor label: `blake2_256(label)[..4]`.
pub fn selector(label: &str) -> [u8; 4] {
    let hash = blake2_256(label.as_bytes());
    [hash[0], hash[1], hash[2], hash[3]]
}

/// The call of `label(args)` on `contract`, decoding its return value as `R`.
pub fn message<A: Encode, R>(contract: AccountId, label: &str, args: A) -> Msg<A, R> {
    build_call::<DefaultEnvironment>()
        .call(contract)
        .exec_input(ExecutionInput::new(Selector::new(selector(label))).push_arg(args))
        .returns::<R>()
}

/// The ink! account of a dev keypair.
pub fn account_of(keypair: &Keypair) -> AccountId {
    AccountId::from(keypair.public_key().0)
}

/// A founding member: one of the node's dev accounts.
#[derive(Clone, Copy)]
pub struct Founder {
    /// Its dev keypair (it signs its own transactions with it).
    pub keypair: fn() -> Keypair,
    /// Human or Agent.
    pub kind: MemberKind,
    /// The perspective it holds.
    pub perspective: Perspective,
    /// Seed of its secp256k1 signing key (agents only).
    pub key_seed: Option<u8>,
}

impl Founder {
    /// Its account.
    pub fn account(&self) -> AccountId {
        account_of(&(self.keypair)())
    }

    /// Its profile at `weight` (agents are operated by the safety human).
    pub fn profile(&self, weight: u128) -> MemberProfile {
        MemberProfile {
            kind: self.kind,
            perspectives: [self.perspective].into_iter().collect(),
            weight,
            metadata_uri: format!("ipfs://founder-{:?}-{:?}", self.kind, self.perspective),
            operator: (self.kind == MemberKind::Agent).then(|| SAFETY_HUMAN.account()),
        }
    }

    /// The signing key bound at its registration (agents only).
    pub fn key(&self) -> Option<SigningKey> {
        self.key_seed.map(|seed| public_key(&secret(seed)))
    }

    /// Signs `hash` with its secp256k1 key.
    pub fn sign(&self, hash: &[u8; 32]) -> Signature {
        sign(&secret(self.key_seed.expect("an agent with a key")), hash)
    }
}

/// Alice: a human holding Safety (also the deployer).
pub const SAFETY_HUMAN: Founder = Founder {
    keypair: ink_e2e::alice,
    kind: MemberKind::Human,
    perspective: Perspective::Safety,
    key_seed: None,
};
/// Bob: a human holding Efficiency.
pub const EFFICIENCY_HUMAN: Founder = Founder {
    keypair: ink_e2e::bob,
    kind: MemberKind::Human,
    perspective: Perspective::Efficiency,
    key_seed: None,
};
/// Charlie: a human holding Creativity.
pub const CREATIVE_HUMAN: Founder = Founder {
    keypair: ink_e2e::charlie,
    kind: MemberKind::Human,
    perspective: Perspective::Creativity,
    key_seed: None,
};
/// Dave: an agent holding Efficiency with a secp256k1 key; it proposes.
pub const EFFICIENCY_AGENT: Founder = Founder {
    keypair: ink_e2e::dave,
    kind: MemberKind::Agent,
    perspective: Perspective::Efficiency,
    key_seed: Some(21),
};
/// Eve: an agent holding Safety with a secp256k1 key.
pub const SAFETY_AGENT: Founder = Founder {
    keypair: ink_e2e::eve,
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

/// Ferdie: no member; relays signed messages and sends the blocks that let windows pass.
pub fn outsider() -> Keypair {
    ink_e2e::ferdie()
}

/// The hub's parameters on the node: short windows (in blocks; one transaction is one
/// block). The voting window holds the adversarial scenario's refused vote and four votes
/// with a block to spare.
pub fn params() -> HubParams {
    HubParams {
        review_window: 4,
        voting_window: 6,
        timelock: 2,
        max_spend_per_proposal: 5 * UNIT,
        max_spend_per_period: 8 * UNIT,
        ..agora_types::testing::params()
    }
}

/// The transfer the seed proposal asks for.
pub fn grant() -> Vec<Action> {
    vec![Action::Transfer {
        to: RECIPIENT.into(),
        amount: GRANT,
    }]
}

/// The five contracts deployed on the node, with the client that talks to it.
pub struct Suite {
    /// The ink_e2e client.
    pub client: Client,
    /// Raw RPC of the same node (block numbers).
    rpc: LegacyRpcMethods<PolkadotConfig>,
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
    /// Instantiates the five release bundles as Alice through `client` (a [`release_client`]):
    /// the log, the registry, peer review, voting, then the hub over them with [`params`];
    /// nothing is registered yet.
    pub async fn deploy(mut client: Client, rpc: RpcClient) -> StepResult<Self> {
        let alice = ink_e2e::alice();
        let c = &mut client;
        let log = instantiate::<_, Deployed>(c, &alice, "decision_log", ()).await?;
        let registry = instantiate::<_, Result<Deployed, RegistryError>>(
            c,
            &alice,
            "agent_registry",
            String::from(TAG),
        )
        .await?;
        let review = instantiate::<_, Deployed>(c, &alice, "peer_review", (registry, log)).await?;
        let voting = instantiate::<_, Result<Deployed, VotingError>>(
            c,
            &alice,
            "voting",
            (String::from(TAG), registry, log),
        )
        .await?;
        let hub = instantiate::<_, Result<Deployed, ProposalError>>(
            c,
            &alice,
            "proposals",
            (
                String::from(TAG),
                registry,
                review,
                voting,
                log,
                params(),
                expected_code_hashes()?,
                founder_set(),
            ),
        )
        .await?;
        Ok(Self {
            client,
            rpc: LegacyRpcMethods::new(rpc),
            registry,
            log,
            review,
            voting,
            hub,
        })
    }

    /// Deploys, registers the founders (the agents with their signing keys), authorizes
    /// the hub, peer review and voting as log writers, hands every admin to the hub,
    /// records the bootstrap and funds the treasury.
    pub async fn bootstrap(client: Client, rpc: RpcClient) -> StepResult<Self> {
        let mut suite = Self::deploy(client, rpc).await?;
        let alice = ink_e2e::alice();
        for founder in FOUNDERS {
            suite.register(founder, FOUNDER_WEIGHT).await?;
        }
        for (writer, kinds) in [
            (suite.hub, HUB_KINDS),
            (suite.review, REVIEW_KINDS),
            (suite.voting, VOTING_KINDS),
        ] {
            let r: Result<(), LogError> = suite
                .tx(
                    &alice,
                    suite.log,
                    "DecisionLog::authorize_writer",
                    (writer, kinds),
                )
                .await?;
            r.map_err(|e| format!("authorize_writer: {e:?}"))?;
        }
        for contract in [suite.registry, suite.review, suite.voting, suite.log] {
            let r: Result<(), AdminError> = suite
                .tx(&alice, contract, "Governed::transfer_admin", suite.hub)
                .await?;
            r.map_err(|e| format!("transfer_admin: {e:?}"))?;
        }
        let accepted: Result<u32, ProposalError> =
            suite.tx(&alice, suite.hub, "accept_admins", ()).await?;
        if accepted != Ok(4) {
            return Err(format!("accept_admins: {accepted:?}, expected Ok(4)").into());
        }
        let complete: bool = suite.query(suite.hub, "bootstrap_complete", ()).await?;
        if !complete {
            return Err("bootstrap_complete() is false after the handover".into());
        }
        let r: Result<(), ProposalError> = suite
            .tx(&alice, suite.hub, "complete_bootstrap", ())
            .await?;
        r.map_err(|e| format!("complete_bootstrap: {e:?}"))?;
        suite.deposit(&alice, TREASURY).await?;
        Ok(suite)
    }

    /// Registers `founder` with `weight` (as Alice, before the handover), binding the
    /// agent's secp256k1 key with its proof of possession.
    pub async fn register(&mut self, founder: Founder, weight: u128) -> StepResult<()> {
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
        let profile = founder.profile(weight);
        let r: Result<(), RegistryError> = self
            .tx(
                &ink_e2e::alice(),
                self.registry,
                "MemberRegistry::register_member",
                (founder.account(), profile, key),
            )
            .await?;
        r.map_err(|e| format!("register_member: {e:?}").into())
    }

    /// Dry-runs `label(args)` on `contract` as Alice and decodes what it returns.
    pub async fn query<A, R>(&mut self, contract: AccountId, label: &str, args: A) -> StepResult<R>
    where
        A: Encode + Clone + Sync,
        R: Decode + Send,
    {
        self.dry_run(&ink_e2e::alice(), contract, label, args).await
    }

    /// Dry-runs `label(args)` on `contract` as `caller` at the head block and decodes the
    /// message's return value (a contract's typed `Err` included); changes nothing.
    pub async fn dry_run<A, R>(
        &mut self,
        caller: &Keypair,
        contract: AccountId,
        label: &str,
        args: A,
    ) -> StepResult<R>
    where
        A: Encode + Clone + Sync,
        R: Decode + Send,
    {
        let msg: Msg<A, R> = message(contract, label, args);
        let result = self
            .client
            .call(caller, &msg)
            .dry_run()
            .await
            .map_err(|e| format!("{label}: dry run failed: {e:?}"))?;
        match result.message_result() {
            Ok(value) => Ok(value),
            Err(lang) => Err(format!("{label}: ink! refused the message: {lang:?}").into()),
        }
    }

    /// Sends `label(args)` to `contract` as `caller` (transferring `value`) if its dry run
    /// succeeds; returns the dry run's value. An `Err` from the dry run is returned as the
    /// value without submitting anything; a submitted transaction that reverts anyway (the
    /// pallet reports `ContractReverted`) is a step failure.
    pub async fn tx_with_value<A, T, E>(
        &mut self,
        caller: &Keypair,
        contract: AccountId,
        label: &str,
        args: A,
        value: u128,
    ) -> StepResult<Result<T, E>>
    where
        A: Encode + Clone + Sync,
        T: Decode + Send,
        E: Decode + Send,
    {
        let msg: Msg<A, Result<T, E>> = message(contract, label, args);
        let dry = self
            .client
            .call(caller, &msg)
            .value(value)
            .dry_run()
            .await
            .map_err(|e| format!("{label}: dry run failed: {e:?}"))?;
        let returned = dry
            .message_result()
            .map_err(|lang| format!("{label}: ink! refused the message: {lang:?}"))?;
        if returned.is_err() {
            return Ok(returned);
        }
        self.client
            .call(caller, &msg)
            .value(value)
            .submit()
            .await
            .map_err(|e| format!("{label}: the transaction failed on chain: {e:?}"))?;
        Ok(returned)
    }

    /// [`Suite::tx_with_value`] without a transfer.
    pub async fn tx<A, T, E>(
        &mut self,
        caller: &Keypair,
        contract: AccountId,
        label: &str,
        args: A,
    ) -> StepResult<Result<T, E>>
    where
        A: Encode + Clone + Sync,
        T: Decode + Send,
        E: Decode + Send,
    {
        self.tx_with_value(caller, contract, label, args, 0).await
    }

    /// Reads the typed error `label(args)` returns at the head block, then submits it anyway
    /// and checks that the transaction reverted on chain; returns the error. Fails the step
    /// if the dry run succeeds or the transaction is not reverted.
    pub async fn expect_revert<A, T, E>(
        &mut self,
        caller: &Keypair,
        contract: AccountId,
        label: &str,
        args: A,
    ) -> StepResult<E>
    where
        A: Encode + Clone + Sync,
        T: Decode + Send + std::fmt::Debug,
        E: Decode + Send,
    {
        let msg: Msg<A, Result<T, E>> = message(contract, label, args);
        let dry = self
            .client
            .call(caller, &msg)
            .dry_run()
            .await
            .map_err(|e| format!("{label}: dry run failed: {e:?}"))?;
        let error = match dry.message_result() {
            Ok(Err(e)) => e,
            Ok(Ok(v)) => return Err(format!("{label}: expected an error, got Ok({v:?})").into()),
            Err(lang) => return Err(format!("{label}: ink! refused the message: {lang:?}").into()),
        };
        match self.client.call(caller, &msg).submit().await {
            Err(e) if format!("{e} {e:?}").contains("ContractReverted") => Ok(error),
            Err(e) => Err(format!("{label}: expected ContractReverted, got {e:?}").into()),
            Ok(_) => Err(format!("{label}: the transaction was not reverted on chain").into()),
        }
    }

    /// Pays `amount` into the treasury from `who`.
    pub async fn deposit(&mut self, who: &Keypair, amount: u128) -> StepResult<()> {
        let r: Result<(), ProposalError> = self
            .tx_with_value(who, self.hub, "deposit", (), amount)
            .await?;
        r.map_err(|e| format!("deposit: {e:?}").into())
    }

    /// The head block's number.
    pub async fn block(&mut self) -> StepResult<u32> {
        let header = self
            .rpc
            .chain_get_header(None)
            .await?
            .ok_or("the node has no head block")?;
        Ok(header.number)
    }

    /// Seals blocks (one-unit deposits from the outsider) until the head is past `block`,
    /// so that a dry run at the head and the transaction after it both see `> block`.
    pub async fn advance_past(&mut self, block: u32) -> StepResult<()> {
        while self.block().await? <= block {
            self.deposit(&outsider(), 1).await?;
        }
        Ok(())
    }

    /// Seals blocks until the head is at least `block`.
    pub async fn advance_to(&mut self, block: u32) -> StepResult<()> {
        while self.block().await? < block {
            self.deposit(&outsider(), 1).await?;
        }
        Ok(())
    }

    /// Free balance of `who`.
    pub async fn balance(&mut self, who: AccountId) -> StepResult<u128> {
        Ok(self
            .client
            .free_balance(who)
            .await
            .map_err(|e| format!("free_balance: {e:?}"))?)
    }

    /// The hub's signed-proposal payload for `author`, valid for 20 blocks.
    pub async fn proposal_payload(
        &mut self,
        author: AccountId,
        nonce: u64,
        text: &str,
        actions: Vec<Action>,
    ) -> StepResult<ProposalPayload> {
        Ok(ProposalPayload {
            chain_tag: TAG.into(),
            hub: self.hub,
            author,
            nonce,
            deadline: self.block().await? + 20,
            content_hash: blake2_256(text.as_bytes()),
            uri: format!("data:text/plain,{text}"),
            actions,
        })
    }

    /// Relays `payload` signed by `founder`'s key as `relayer`.
    pub async fn submit_signed(
        &mut self,
        relayer: &Keypair,
        founder: Founder,
        payload: &ProposalPayload,
    ) -> StepResult<Result<ProposalId, ProposalError>> {
        let signature = founder.sign(&signing_hash(PROPOSAL_DOMAIN, payload));
        self.tx(
            relayer,
            self.hub,
            "submit_signed",
            (payload.clone(), signature),
        )
        .await
    }

    /// A signed revision payload creating `revision` of `proposal`, valid for 20 blocks.
    pub async fn revision_payload(
        &mut self,
        author: AccountId,
        proposal: ProposalId,
        revision: Revision,
        text: &str,
        actions: Vec<Action>,
    ) -> StepResult<RevisionPayload> {
        Ok(RevisionPayload {
            chain_tag: TAG.into(),
            hub: self.hub,
            author,
            deadline: self.block().await? + 20,
            proposal,
            revision,
            content_hash: blake2_256(text.as_bytes()),
            uri: format!("data:text/plain,{text}"),
            actions,
        })
    }

    /// Relays a revision signed by `founder`'s key as `relayer`.
    pub async fn revise_signed(
        &mut self,
        relayer: &Keypair,
        founder: Founder,
        payload: &RevisionPayload,
    ) -> StepResult<Result<Revision, ProposalError>> {
        let signature = founder.sign(&signing_hash(REVISION_DOMAIN, payload));
        self.tx(
            relayer,
            self.hub,
            "revise_signed",
            (payload.clone(), signature),
        )
        .await
    }

    /// `reviewer` reviews `(proposal, revision)` from its perspective.
    pub async fn review(
        &mut self,
        reviewer: Founder,
        proposal: ProposalId,
        revision: Revision,
        verdict: Verdict,
        suggestion: Option<&str>,
    ) -> StepResult<Result<u32, ReviewError>> {
        let feedback = format!("{:?} review of {proposal}/{revision}", reviewer.perspective);
        self.tx(
            &(reviewer.keypair)(),
            self.review,
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
        .await
    }

    /// `voter` votes from its own account.
    pub async fn vote(
        &mut self,
        voter: &Keypair,
        proposal: ProposalId,
        choice: VoteChoice,
    ) -> StepResult<Result<(), VotingError>> {
        self.tx(
            voter,
            self.voting,
            "cast_vote",
            (BallotId::decision(proposal), choice, [0u8; 32]),
        )
        .await
    }

    /// The arguments of `cast_vote_signed` for `voter`'s vote signed with its key.
    pub async fn signed_vote(
        &mut self,
        voter: Founder,
        proposal: ProposalId,
        choice: VoteChoice,
    ) -> StepResult<SignedVoteArgs> {
        let deadline = self.block().await? + 20;
        let payload = VotePayload {
            chain_tag: TAG.into(),
            contract: self.voting,
            voter: voter.account(),
            deadline,
            ballot: BallotId::decision(proposal),
            choice,
            rationale_hash: [0u8; 32],
        };
        let signature = voter.sign(&signing_hash(VOTE_DOMAIN, &payload));
        Ok((
            voter.account(),
            BallotId::decision(proposal),
            choice,
            [0u8; 32],
            deadline,
            signature,
        ))
    }

    /// The proposal record.
    pub async fn proposal(&mut self, id: ProposalId) -> StepResult<Proposal> {
        let proposal: Option<Proposal> = self.query(self.hub, "proposal", id).await?;
        proposal.ok_or_else(|| format!("no proposal {id}").into())
    }

    /// The proposal's derived state.
    pub async fn state(&mut self, id: ProposalId) -> StepResult<ProposalState> {
        let state: Result<ProposalState, ProposalError> = self.query(self.hub, "state", id).await?;
        state.map_err(|e| format!("state({id}): {e:?}").into())
    }

    /// The ballot of `proposal`.
    pub async fn ballot(&mut self, proposal: ProposalId) -> StepResult<Ballot> {
        let ballot: Option<Ballot> = self
            .query(self.voting, "ballot", BallotId::decision(proposal))
            .await?;
        ballot.ok_or_else(|| format!("no ballot for {proposal}").into())
    }

    /// A hub transition (`close_review`, `close_voting`, `queue`, `execute`) sent by Alice.
    pub async fn transition<T: Decode + Send>(
        &mut self,
        label: &str,
        id: ProposalId,
    ) -> StepResult<Result<T, ProposalError>> {
        self.tx(&ink_e2e::alice(), self.hub, label, id).await
    }

    /// Moves past the review window of `id` and closes its review.
    pub async fn close_review(&mut self, id: ProposalId) -> StepResult<ProposalState> {
        let closes_at = self.proposal(id).await?.review_closes_at;
        self.advance_past(closes_at).await?;
        let r: Result<ProposalState, ProposalError> = self.transition("close_review", id).await?;
        r.map_err(|e| format!("close_review({id}): {e:?}").into())
    }

    /// Moves past the voting window of `id` and closes its voting.
    pub async fn close_voting(&mut self, id: ProposalId) -> StepResult<ProposalState> {
        let closes_at = self
            .proposal(id)
            .await?
            .voting_closes_at
            .ok_or("not in voting")?;
        self.advance_past(closes_at).await?;
        let r: Result<ProposalState, ProposalError> = self.transition("close_voting", id).await?;
        r.map_err(|e| format!("close_voting({id}): {e:?}").into())
    }

    /// Queues `id`; returns `(eta, expires_at)` as stored (the transaction's own block
    /// fixes them, one block after the dry run's).
    pub async fn queue(&mut self, id: ProposalId) -> StepResult<(u32, u32)> {
        let r: Result<(u32, u32), ProposalError> = self.transition("queue", id).await?;
        r.map_err(|e| format!("queue({id}): {e:?}"))?;
        let proposal = self.proposal(id).await?;
        Ok((
            proposal.eta.ok_or("queued without eta")?,
            proposal.expires_at.ok_or("queued without expiry")?,
        ))
    }

    /// Every log entry, paged with `entries`.
    pub async fn log_entries(&mut self) -> StepResult<Vec<HashedEntry>> {
        let mut all = Vec::new();
        loop {
            let page: Result<Vec<HashedEntry>, LogError> = self
                .query(self.log, "entries", (all.len() as u64, MAX_LOG_PAGE))
                .await?;
            let page = page.map_err(|e| format!("entries: {e:?}"))?;
            if page.is_empty() {
                return Ok(all);
            }
            all.extend(page);
        }
    }

    /// The log's head `(len, hash)`.
    pub async fn log_head(&mut self) -> StepResult<(u64, [u8; 32])> {
        self.query(self.log, "DecisionLog::head", ()).await
    }

    /// The treasury's balance as the hub reports it.
    pub async fn treasury(&mut self) -> StepResult<u128> {
        self.query(self.hub, "treasury", ()).await
    }

    /// The number of proposals submitted so far.
    pub async fn proposal_count(&mut self) -> StepResult<ProposalId> {
        self.query(self.hub, "proposal_count", ()).await
    }
}

/// `cast_vote_signed`'s arguments: voter, ballot, choice, rationale hash, deadline,
/// signature.
pub type SignedVoteArgs = (AccountId, BallotId, VoteChoice, [u8; 32], u32, Signature);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_matches_inks_rule_for_inherent_and_trait_messages() {
        // Well-known selectors of the ink! examples' `new` constructor and `flip` message.
        assert_eq!(selector("new"), [0x9b, 0xae, 0x9d, 0x5e]);
        assert_eq!(selector("flip"), [0x63, 0x3a, 0xa5, 0x51]);
    }

    #[test]
    fn hub_params_are_within_their_bounds() {
        assert_eq!(params().check_bounds(), Ok(()));
    }
}
