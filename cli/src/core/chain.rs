//! The connection to a node and the five contracts: dry runs, transactions, typed results,
//! and following new blocks.
//!
//! Messages and constructors are found by label in each contract's metadata (embedded, see
//! [`SuiteContract::transcoder`]); the arguments are the suite's own Rust types (agora-types),
//! SCALE-encoded after the selector; extrinsics are built by contract-extrinsics
//! (`extrinsic_calls::Call`, `extrinsic_calls::InstantiateWithCode`) and signed and submitted
//! by subxt, as cargo-contract 5.0.3 does.

use std::{collections::BTreeMap, time::Duration};

use contract_extrinsics::{
    events::ContractInstantiated,
    extrinsic_calls::{Call, InstantiateWithCode},
    pallet_contracts_primitives::{ContractExecResult, ContractInstantiateResult},
    Code, ContractMessageTranscoder, ErrorVariant,
};
use futures::StreamExt;
use scale::{Decode, Encode};
use sp_weights::Weight;
use subxt::{
    backend::{legacy::LegacyRpcMethods, rpc::RpcClient},
    blocks::ExtrinsicEvents,
    config::DefaultExtrinsicParamsBuilder,
    ext::{scale_decode::DecodeAsType, scale_value::At},
    tx::TxStatus,
    utils::{AccountId32, MultiAddress, H256},
    OnlineClient, SubstrateConfig,
};

use crate::core::{
    config::Deployment,
    contract_error::{ContractError, SuiteError},
    contracts::SuiteContract,
    error::{Failure, Result},
    keys::Signer,
};

/// Gas for a transaction whose dry run could not estimate it because the transition is due
/// only in the block the transaction lands in (instant seal: a dry run sees head N, the
/// transaction runs in N + 1). Far above any suite message (the heaviest, `execute` with
/// eight actions, needs about a tenth of it), far below the block limit.
pub const UNESTIMATED_GAS: Weight = Weight::from_parts(200_000_000_000, 3 * 1024 * 1024);

/// How much headroom a transaction gets over its dry run's gas, in percent.
pub const GAS_MARGIN_PERCENT: u64 = 25;

/// How long to wait for a transaction to be included before giving up.
pub const INCLUSION_TIMEOUT: Duration = Duration::from_secs(120);

/// What a submitted transaction produced.
#[derive(Debug, Clone)]
pub struct Landed {
    /// Block number it landed in.
    pub block: u32,
    /// Block hash, hex.
    pub block_hash: String,
    /// Extrinsic hash, hex.
    pub extrinsic_hash: String,
}

/// Which part of a contract's metadata a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A message.
    Message,
    /// A constructor.
    Constructor,
}

impl Entry {
    fn noun(self) -> &'static str {
        match self {
            Entry::Message => "message",
            Entry::Constructor => "constructor",
        }
    }
}

/// A node connection with the suite's transcoders loaded.
pub struct Chain {
    /// The RPC URL.
    pub url: String,
    client: OnlineClient<SubstrateConfig>,
    rpc: LegacyRpcMethods<SubstrateConfig>,
    transcoders: BTreeMap<SuiteContract, ContractMessageTranscoder>,
}

/// The account dry runs of read-only messages are made from (any account works: reads do
/// not depend on the caller, and no value is sent).
const QUERY_ORIGIN: [u8; 32] = [0u8; 32];

/// The part of `Contracts.ContractInfoOf` the CLI reads.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "subxt::ext::scale_decode")]
struct ContractCodeHash {
    code_hash: H256,
}

fn chain_err(what: impl FnOnce() -> String) -> impl FnOnce(subxt::Error) -> anyhow::Error {
    move |e| Failure::chain(format!("{}: {e}", what())).into()
}

impl Chain {
    /// Connects to `url` and loads the suite's embedded metadata.
    pub async fn connect(url: &str) -> Result<Self> {
        let rpc_client = RpcClient::from_insecure_url(url).await.map_err(|e| {
            Failure::chain(format!(
                "cannot reach a node at {url}: {e} (is it running? `scripts/node.sh start`)"
            ))
        })?;
        let client = OnlineClient::<SubstrateConfig>::from_rpc_client(rpc_client.clone())
            .await
            .map_err(chain_err(|| {
                format!("connected to {url} but could not read its metadata")
            }))?;
        if client.metadata().pallet_by_name("Contracts").is_none() {
            return Err(Failure::chain(format!(
                "the chain at {url} has no Contracts pallet (pallet-contracts), so it cannot run ink! 5 contracts"
            ))
            .into());
        }
        let rpc = LegacyRpcMethods::new(rpc_client);
        let mut transcoders = BTreeMap::new();
        for c in SuiteContract::ALL {
            transcoders.insert(c, c.transcoder()?);
        }
        Ok(Self {
            url: url.to_owned(),
            client,
            rpc,
            transcoders,
        })
    }

    /// The connected chain's genesis hash.
    pub fn genesis_hash(&self) -> [u8; 32] {
        self.client.genesis_hash().0
    }

    /// The subxt client (for balance queries and events).
    pub fn client(&self) -> &OnlineClient<SubstrateConfig> {
        &self.client
    }

    /// The best block's number.
    pub async fn best_block(&self) -> Result<u32> {
        let header = self
            .rpc
            .chain_get_header(None)
            .await
            .map_err(chain_err(|| "reading the best block".into()))?
            .ok_or_else(|| Failure::chain("the node returned no best header"))?;
        Ok(header.number)
    }

    /// Storage at the best block. (subxt's `at_latest` is the last finalized block, which
    /// on a node that finalizes late, as substrate-contracts-node does, lacks what a
    /// transaction just landed in a best block wrote: a contract just instantiated, a
    /// balance just paid.)
    async fn storage_at_best(
        &self,
    ) -> Result<subxt::storage::Storage<SubstrateConfig, OnlineClient<SubstrateConfig>>> {
        let best = self
            .rpc
            .chain_get_block_hash(None)
            .await
            .map_err(chain_err(|| "reading the best block's hash".into()))?
            .ok_or_else(|| Failure::chain("the node returned no best block hash"))?;
        Ok(self.client.storage().at(best))
    }

    /// The numbers of new best blocks as they come (a subxt block subscription).
    pub async fn best_blocks(
        &self,
    ) -> Result<impl futures::Stream<Item = Result<u32>> + Unpin + '_> {
        let sub = self
            .client
            .blocks()
            .subscribe_best()
            .await
            .map_err(chain_err(|| "subscribing to new blocks".into()))?;
        Ok(sub.map(|b| {
            b.map(|block| block.number())
                .map_err(|e| Failure::chain(format!("the block subscription failed: {e}")).into())
        }))
    }

    /// The free balance of `account`.
    pub async fn free_balance(&self, account: &[u8; 32]) -> Result<u128> {
        let query = subxt::dynamic::storage(
            "System",
            "Account",
            vec![subxt::dynamic::Value::from_bytes(account)],
        );
        let storage = self.storage_at_best().await?;
        let Some(value) = storage
            .fetch(&query)
            .await
            .map_err(chain_err(|| "reading System.Account".into()))?
        else {
            return Ok(0);
        };
        let decoded = value
            .to_value()
            .map_err(|e| Failure::chain(format!("decoding System.Account: {e}")))?;
        decoded
            .at("data")
            .and_then(|d| d.at("free"))
            .and_then(|f| f.as_u128())
            .ok_or_else(|| Failure::chain("unexpected System.Account layout").into())
    }

    /// The code hash of the contract at `address`, or `None` if no contract lives there
    /// (`Contracts.ContractInfoOf` is empty).
    pub async fn code_hash_of(&self, address: &[u8; 32]) -> Result<Option<[u8; 32]>> {
        let query = subxt::dynamic::storage(
            "Contracts",
            "ContractInfoOf",
            vec![subxt::dynamic::Value::from_bytes(address)],
        );
        let storage = self.storage_at_best().await?;
        let Some(info) = storage
            .fetch(&query)
            .await
            .map_err(chain_err(|| "reading Contracts.ContractInfoOf".into()))?
        else {
            return Ok(None);
        };
        let info = info
            .as_type::<ContractCodeHash>()
            .map_err(|e| Failure::chain(format!("decoding Contracts.ContractInfoOf: {e}")))?;
        Ok(Some(info.code_hash.0))
    }

    fn transcoder(&self, contract: SuiteContract) -> Result<&ContractMessageTranscoder> {
        self.transcoders.get(&contract).ok_or_else(|| {
            Failure::internal(format!("no metadata loaded for {}", contract.name())).into()
        })
    }

    /// The selector of message or constructor `label` in `contract`'s metadata.
    fn spec_selector(&self, contract: SuiteContract, entry: Entry, label: &str) -> Result<[u8; 4]> {
        let spec = self.transcoder(contract)?.metadata().spec();
        let selector = match entry {
            Entry::Message => spec
                .messages()
                .iter()
                .find(|m| m.label() == label)
                .map(|m| m.selector()),
            Entry::Constructor => spec
                .constructors()
                .iter()
                .find(|c| c.label() == label)
                .map(|c| c.selector()),
        }
        .ok_or_else(|| {
            Failure::internal(format!(
                "{} has no {} `{label}`",
                contract.name(),
                entry.noun()
            ))
        })?;
        selector.to_bytes().try_into().map_err(|_| {
            Failure::internal(format!(
                "{}::{label}: selector is not 4 bytes",
                contract.name()
            ))
            .into()
        })
    }

    /// The call data of message or constructor `label` with `args`: the selector from the
    /// metadata, then SCALE.
    pub fn call_data<A: Encode>(
        &self,
        contract: SuiteContract,
        entry: Entry,
        label: &str,
        args: &A,
    ) -> Result<Vec<u8>> {
        let mut data = self.spec_selector(contract, entry, label)?.to_vec();
        args.encode_to(&mut data);
        Ok(data)
    }

    async fn state_call(&self, method: &str, request: &[u8]) -> Result<Vec<u8>> {
        self.rpc
            .state_call(method, Some(request), None)
            .await
            .map_err(chain_err(|| format!("{method} failed")))
    }

    /// Dry-runs uploading `code` and instantiating it with `data` and `salt` from `origin`
    /// (the runtime API `ContractsApi_instantiate`).
    pub async fn instantiate_dry_run(
        &self,
        origin: [u8; 32],
        code: &[u8],
        data: &[u8],
        salt: &[u8],
    ) -> Result<ContractInstantiateResult<AccountId32, u128>> {
        let request = (
            AccountId32::from(origin),
            0u128,
            Option::<Weight>::None,
            Option::<u128>::None,
            Code::<H256>::Upload(code.to_vec()),
            data.to_vec(),
            salt.to_vec(),
        )
            .encode();
        let bytes = self
            .state_call("ContractsApi_instantiate", &request)
            .await?;
        // Newer nodes append fields (events); decode the prefix we know.
        ContractInstantiateResult::<AccountId32, u128>::decode(&mut &bytes[..]).map_err(|e| {
            Failure::chain(format!("cannot decode the instantiation dry run: {e}")).into()
        })
    }

    /// Uploads `code` and instantiates `contract` from it with constructor `label` and `args`
    /// (SCALE, after the constructor's selector from the metadata), as `signer`.
    ///
    /// It dry-runs first: a constructor that reverts or an instantiation the chain refuses
    /// is an error and nothing is submitted. Returns the new contract's address (from the
    /// `Contracts.Instantiated` event) and where the transaction landed.
    pub async fn instantiate<A: Encode>(
        &self,
        signer: &Signer,
        contract: SuiteContract,
        code: Vec<u8>,
        label: &str,
        args: &A,
        salt: Vec<u8>,
    ) -> Result<([u8; 32], Landed)> {
        let data = self.call_data(contract, Entry::Constructor, label, args)?;
        let origin: [u8; 32] = signer.account_id().0;
        let dry = self
            .instantiate_dry_run(origin, &code, &data, &salt)
            .await?;
        match &dry.result {
            Ok(ret) if !ret.result.did_revert() => {}
            Ok(ret) => {
                return Err(Failure::chain(format!(
                    "{}'s constructor refused: 0x{} (see its docs for the error)",
                    contract.name(),
                    hex::encode(&ret.result.data)
                ))
                .into())
            }
            Err(e) => {
                return Err(Failure::chain(format!(
                    "instantiating {} would fail: {} (enough balance for the deposit?)",
                    contract.name(),
                    dispatch_text(ErrorVariant::from_dispatch_error(
                        e,
                        &self.client.metadata()
                    ))
                ))
                .into())
            }
        }
        let call = InstantiateWithCode::<u128>::new(
            0,
            with_margin(dry.gas_required),
            None,
            code,
            data,
            salt,
        )
        .build();
        let (landed, events) = self
            .submit_with_events(signer, &call)
            .await
            .map_err(|e| e.context(format!("instantiating {}", contract.name())))?;
        let instantiated = events
            .find_last::<ContractInstantiated<AccountId32>>()
            .map_err(chain_err(|| "reading the Instantiated event".into()))?
            .ok_or_else(|| {
                Failure::chain(format!(
                    "{} was instantiated but its block has no Instantiated event",
                    contract.name()
                ))
            })?;
        Ok((instantiated.contract.0, landed))
    }

    /// Dry-runs raw call data from `origin`.
    pub async fn dry_run_raw(
        &self,
        origin: [u8; 32],
        dest: [u8; 32],
        value: u128,
        data: Vec<u8>,
    ) -> Result<ContractExecResult<u128>> {
        let request = (
            AccountId32::from(origin),
            AccountId32::from(dest),
            value,
            Option::<Weight>::None,
            Option::<u128>::None,
            data,
        )
            .encode();
        let bytes = self.state_call("ContractsApi_call", &request).await?;
        // Newer nodes append fields (events); decode the prefix we know.
        ContractExecResult::<u128>::decode(&mut &bytes[..])
            .map_err(|e| Failure::chain(format!("cannot decode the dry run: {e}")).into())
    }

    /// Reads `label` on the deployment's `contract` and decodes its return as `R` (the
    /// message's own return type; ink's `LangError` wrapper is removed here).
    pub async fn query<A: Encode, R: Decode>(
        &self,
        dep: &Deployment,
        contract: SuiteContract,
        label: &str,
        args: &A,
    ) -> Result<R> {
        let answer = self.query_lang(dep, contract, label, args).await?;
        answer.map_err(|e| lang_refused(contract, label, &e))
    }

    /// [`Chain::query`] with ink's own refusal kept: `Err(LangError::CouldNotReadInput)` when
    /// the deployed code has no such message (how a format-1 decision log answers
    /// `format_version`).
    pub async fn query_lang<A: Encode, R: Decode>(
        &self,
        dep: &Deployment,
        contract: SuiteContract,
        label: &str,
        args: &A,
    ) -> Result<core::result::Result<R, ink::LangError>> {
        let data = self.call_data(contract, Entry::Message, label, args)?;
        let result = self
            .dry_run_raw(QUERY_ORIGIN, dep.address(contract)?, 0, data)
            .await?;
        let ret = result.result.map_err(|e| {
            Failure::chain(format!(
                "{}::{label} could not run: {}",
                contract.name(),
                dispatch_text(ErrorVariant::from_dispatch_error(
                    &e,
                    &self.client.metadata()
                ))
            ))
        })?;
        decode_lang_result::<R>(contract, label, &ret.data)
    }

    /// Reads `label`, a message returning `Result<T, E>`: a contract error becomes a
    /// [`ContractError`].
    pub async fn query_ok<A, T, E>(
        &self,
        dep: &Deployment,
        contract: SuiteContract,
        label: &str,
        args: &A,
    ) -> Result<T>
    where
        A: Encode,
        T: Decode,
        E: Decode + Into<SuiteError>,
    {
        let r: core::result::Result<T, E> = self.query(dep, contract, label, args).await?;
        r.map_err(|e| contract_error(contract, label, e))
    }

    /// Reads every item of a paged message (`Result<Vec<T>, E>` pages of at most `page`
    /// items): calls it with `args(items read so far)` until a page comes back short. A
    /// contract error ends the reading and is returned as it is.
    pub async fn paged<A, T, E>(
        &self,
        dep: &Deployment,
        contract: SuiteContract,
        label: &str,
        page: u32,
        args: impl Fn(u64) -> A,
    ) -> Result<core::result::Result<Vec<T>, E>>
    where
        A: Encode,
        T: Decode,
        E: Decode,
    {
        let mut out = Vec::new();
        loop {
            let got: core::result::Result<Vec<T>, E> = self
                .query(dep, contract, label, &args(out.len() as u64))
                .await?;
            match got {
                Ok(items) => {
                    let n = items.len();
                    out.extend(items);
                    if n < page as usize {
                        return Ok(Ok(out));
                    }
                }
                Err(e) => return Ok(Err(e)),
            }
        }
    }

    /// Sends `label` with `args` (and `value`) to the deployment's `contract` as `signer`,
    /// where the message returns `Result<T, E>`.
    ///
    /// It dry-runs first: a contract error comes back as a [`ContractError`] and nothing is
    /// submitted. The one exception is `TooEarly { allowed_from }` when `allowed_from` is the
    /// block the transaction would land in: it is submitted with [`UNESTIMATED_GAS`].
    /// Returns the dry run's `T` and where the transaction landed.
    pub async fn transact<A, T, E>(
        &self,
        signer: &Signer,
        dep: &Deployment,
        contract: SuiteContract,
        label: &str,
        args: &A,
        value: u128,
    ) -> Result<(Option<T>, Landed)>
    where
        A: Encode,
        T: Decode,
        E: Decode + Into<SuiteError>,
    {
        let dest = dep.address(contract)?;
        let data = self.call_data(contract, Entry::Message, label, args)?;
        let origin: [u8; 32] = signer.account_id().0;
        let dry = self.dry_run_raw(origin, dest, value, data.clone()).await?;
        let (gas, answer) = match &dry.result {
            Ok(ret) => {
                match decode_lang::<core::result::Result<T, E>>(contract, label, &ret.data)? {
                    Ok(v) => (with_margin(dry.gas_required), Some(v)),
                    Err(e) => {
                        let error: SuiteError = e.into();
                        let head = self.best_block().await?;
                        if !due_next_block(&error, head) {
                            return Err(ContractError {
                                contract,
                                message: label.to_owned(),
                                error,
                            }
                            .into());
                        }
                        (UNESTIMATED_GAS, None)
                    }
                }
            }
            Err(e) => {
                return Err(Failure::chain(format!(
                    "{}::{label} could not run: {} (gas or deposit? the caller's balance?)",
                    contract.name(),
                    dispatch_text(ErrorVariant::from_dispatch_error(
                        e,
                        &self.client.metadata()
                    ))
                ))
                .into())
            }
        };
        match self
            .submit_call(signer, dest, value, gas, data.clone())
            .await
        {
            Ok(l) => Ok((answer, l)),
            Err(e) => {
                // The transaction reverted in its block: say why, from the state it left.
                if let Ok(ContractExecResult {
                    result: Ok(ret), ..
                }) = self.dry_run_raw(origin, dest, value, data).await
                {
                    if let Ok(Err(err)) =
                        decode_lang::<core::result::Result<T, E>>(contract, label, &ret.data)
                    {
                        return Err(contract_error(contract, label, err));
                    }
                }
                Err(e)
            }
        }
    }

    /// Signs and submits a `Contracts::call` and waits until it is in a best block;
    /// fails if the extrinsic failed (e.g. the contract reverted).
    pub async fn submit_call(
        &self,
        signer: &Signer,
        dest: [u8; 32],
        value: u128,
        gas: Weight,
        data: Vec<u8>,
    ) -> Result<Landed> {
        let call = Call::<AccountId32, u128>::new(
            MultiAddress::Id(AccountId32::from(dest)),
            value,
            gas,
            None,
            data,
        )
        .build();
        self.submit(signer, &call).await
    }

    /// Submits many calls to `dest` from `signer` back to back (consecutive nonces, without
    /// waiting for each), for bulk work such as filling a test log. Returns once the node has
    /// taken them all into its pool; the caller waits for their effect.
    pub async fn submit_pipelined(
        &self,
        signer: &Signer,
        dest: [u8; 32],
        gas: Weight,
        calls: Vec<Vec<u8>>,
    ) -> Result<()> {
        let account = signer.account_id();
        let mut nonce = self
            .rpc
            .system_account_next_index(account)
            .await
            .map_err(chain_err(|| "reading the account nonce".into()))?;
        for data in calls {
            let call = Call::<AccountId32, u128>::new(
                MultiAddress::Id(AccountId32::from(dest)),
                0,
                gas,
                None,
                data,
            )
            .build();
            let params = DefaultExtrinsicParamsBuilder::<SubstrateConfig>::new()
                .nonce(nonce)
                .build();
            self.client
                .tx()
                .create_signed_offline(&call, signer, params)
                .map_err(chain_err(|| "signing a transaction".into()))?
                .submit()
                .await
                .map_err(chain_err(|| "submitting a transaction".into()))?;
            nonce += 1;
        }
        Ok(())
    }

    /// Signs and submits any payload and waits for inclusion (as contract-extrinsics does:
    /// substrate-contracts-node seals instantly and may not finalize).
    pub async fn submit<P: subxt::tx::Payload>(&self, signer: &Signer, call: &P) -> Result<Landed> {
        Ok(self.submit_with_events(signer, call).await?.0)
    }

    /// [`Chain::submit`], also returning the extrinsic's events.
    pub async fn submit_with_events<P: subxt::tx::Payload>(
        &self,
        signer: &Signer,
        call: &P,
    ) -> Result<(Landed, ExtrinsicEvents<SubstrateConfig>)> {
        let account = signer.account_id();
        let nonce = self
            .rpc
            .system_account_next_index(account)
            .await
            .map_err(chain_err(|| "reading the account nonce".into()))?;
        let params = DefaultExtrinsicParamsBuilder::<SubstrateConfig>::new()
            .nonce(nonce)
            .build();
        let mut progress = self
            .client
            .tx()
            .create_signed_offline(call, signer, params)
            .map_err(chain_err(|| "signing the transaction".into()))?
            .submit_and_watch()
            .await
            .map_err(chain_err(|| "submitting the transaction".into()))?;
        let wait = async {
            while let Some(status) = progress.next().await {
                match status.map_err(chain_err(|| "watching the transaction".into()))? {
                    TxStatus::InBestBlock(in_block) | TxStatus::InFinalizedBlock(in_block) => {
                        let block_hash = in_block.block_hash();
                        let extrinsic_hash = in_block.extrinsic_hash();
                        let events = in_block.wait_for_success().await.map_err(|e| {
                            Failure::chain(format!(
                                "the transaction failed in its block: {}",
                                describe_dispatch(&e)
                            ))
                        })?;
                        let header = self
                            .rpc
                            .chain_get_header(Some(block_hash))
                            .await
                            .map_err(chain_err(|| "reading the block header".into()))?
                            .ok_or_else(|| {
                                Failure::chain(format!("block {block_hash:?} vanished"))
                            })?;
                        let landed = Landed {
                            block: header.number,
                            block_hash: format!("{block_hash:?}"),
                            extrinsic_hash: format!("{extrinsic_hash:?}"),
                        };
                        return Ok((landed, events));
                    }
                    TxStatus::Error { message }
                    | TxStatus::Invalid { message }
                    | TxStatus::Dropped { message } => {
                        return Err(Failure::chain(format!(
                            "the node did not take the transaction: {message}"
                        ))
                        .into())
                    }
                    _ => continue,
                }
            }
            Err(Failure::chain(
                "the node closed the subscription before the transaction was included",
            )
            .into())
        };
        tokio::time::timeout(INCLUSION_TIMEOUT, wait)
            .await
            .map_err(|_| Failure::chain(format!("no inclusion within {INCLUSION_TIMEOUT:?}")))?
    }

    /// Transfers `amount` to `to` (used to fund accounts).
    pub async fn transfer(&self, signer: &Signer, to: [u8; 32], amount: u128) -> Result<Landed> {
        let call = subxt::dynamic::tx(
            "Balances",
            "transfer_keep_alive",
            vec![
                subxt::dynamic::Value::unnamed_variant(
                    "Id",
                    [subxt::dynamic::Value::from_bytes(to)],
                ),
                subxt::dynamic::Value::u128(amount),
            ],
        );
        self.submit(signer, &call).await
    }

    /// Waits until the best block is at least `target`: on an instant-seal node (`seal`) it
    /// makes the blocks by sending `System.remark`s, elsewhere it follows new blocks. Calls
    /// `on_block` with each head it sees.
    pub async fn reach_block(
        &self,
        signer: &Signer,
        target: u32,
        seal: bool,
        mut on_block: impl FnMut(u32),
    ) -> Result<u32> {
        let mut head = self.best_block().await?;
        on_block(head);
        if head >= target {
            return Ok(head);
        }
        if seal {
            while head < target {
                let remark = subxt::dynamic::tx(
                    "System",
                    "remark",
                    vec![subxt::dynamic::Value::from_bytes(b"agora: tick")],
                );
                head = self.submit(signer, &remark).await?.block;
                on_block(head);
            }
            return Ok(head);
        }
        let mut blocks = self.best_blocks().await?;
        while let Some(block) = blocks.next().await {
            head = block?;
            on_block(head);
            if head >= target {
                return Ok(head);
            }
        }
        Err(Failure::chain("the node ended the block subscription").into())
    }
}

fn contract_error<E: Into<SuiteError>>(
    contract: SuiteContract,
    label: &str,
    e: E,
) -> anyhow::Error {
    ContractError {
        contract,
        message: label.to_owned(),
        error: e.into(),
    }
    .into()
}

fn with_margin(w: Weight) -> Weight {
    Weight::from_parts(
        w.ref_time().saturating_mul(100 + GAS_MARGIN_PERCENT) / 100,
        w.proof_size().saturating_mul(100 + GAS_MARGIN_PERCENT) / 100,
    )
}

/// Whether a contract error says the transition becomes allowed in the next block, where a
/// transaction sent now lands.
fn due_next_block(error: &SuiteError, head: u32) -> bool {
    error
        .allowed_from()
        .is_some_and(|allowed_from| allowed_from <= head.saturating_add(1))
}

/// Decodes a message's output as ink wraps every return: `Result<R, LangError>`.
fn decode_lang_result<R: Decode>(
    contract: SuiteContract,
    label: &str,
    data: &[u8],
) -> Result<core::result::Result<R, ink::LangError>> {
    let mut input = data;
    <core::result::Result<R, ink::LangError>>::decode(&mut input).map_err(|_| {
        Failure::chain(format!(
            "cannot decode the answer of {}::{label} (0x{}): does the deployed code match this CLI's metadata?",
            contract.name(),
            hex::encode(data)
        ))
        .into()
    })
}

/// Decodes a message's output: ink wraps every return in `Result<R, LangError>`.
fn decode_lang<R: Decode>(contract: SuiteContract, label: &str, data: &[u8]) -> Result<R> {
    decode_lang_result::<R>(contract, label, data)?.map_err(|e| lang_refused(contract, label, &e))
}

/// ink's own refusal of a call (`LangError`), as a chain failure.
fn lang_refused(contract: SuiteContract, label: &str, e: &ink::LangError) -> anyhow::Error {
    Failure::chain(format!(
        "{}::{label}: ink refused the call: {}",
        contract.name(),
        crate::core::contract_error::describe(e).text
    ))
    .into()
}

/// A dry run's dispatch error in words: a module error by its pallet and variant names from
/// the node's metadata (contract-extrinsics' `ErrorVariant`).
fn dispatch_text(variant: anyhow::Result<ErrorVariant>) -> String {
    variant.map_or_else(
        |_| "an unknown dispatch error".to_owned(),
        |v| v.to_string(),
    )
}

fn describe_dispatch(e: &subxt::Error) -> String {
    match e {
        subxt::Error::Runtime(subxt::error::DispatchError::Module(m)) => match m.details() {
            Ok(d) => format!("{}::{}", d.pallet.name(), d.variant.name),
            Err(_) => m.to_string(),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_types::{ProposalError, VotingError};

    #[test]
    fn too_early_due_in_the_landing_block_is_sent() {
        let e = |n| SuiteError::Proposal(ProposalError::TooEarly { allowed_from: n });
        assert!(due_next_block(&e(11), 10));
        assert!(due_next_block(&e(10), 10));
    }

    #[test]
    fn too_early_due_later_is_refused() {
        let e = SuiteError::Proposal(ProposalError::TooEarly { allowed_from: 12 });
        assert!(!due_next_block(&e, 10));
        assert!(!due_next_block(
            &SuiteError::Voting(VotingError::AlreadyVoted),
            10
        ));
    }

    #[test]
    fn gas_margin_adds_a_quarter() {
        let w = with_margin(Weight::from_parts(1000, 400));
        assert_eq!((w.ref_time(), w.proof_size()), (1250, 500));
    }
}
