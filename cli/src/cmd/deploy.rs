//! `agora deploy`: the five contracts, the founders, the handover, the deployments file.
//!
//! Every step first looks at the chain and skips what is already done, and the deployments
//! file is written after each contract, so an interrupted deploy is finished by re-running it.

use std::{collections::BTreeMap, fmt, path::PathBuf};

use agora_types::{
    AdminError, BootstrapFault, FounderSet, HubParams, KeyBinding, KindSet, LogError, Member,
    ProposalError, RegistryError, SuiteCodeHashes, HUB_KINDS, REVIEW_KINDS, VOTING_KINDS,
};
use clap::Args;
use ink::primitives::AccountId;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    bundles,
    chain::Chain,
    chain_tag::{check_deployment, check_unused_elsewhere, expected_tag},
    config::{DeployConfig, Deployed, Deployment},
    context::Ctx,
    contracts::SuiteContract,
    encoding::{blake2, hex0x, parse_account, parse_hex, ss58},
    error::{Failure, Result},
    founders::{founder_set, founders_of, FounderPlan},
    keys::{account_signer, Signer},
    names::kind_set_text,
    output::{Report, Samples},
};

/// Deploy the suite: upload and instantiate the five contracts, register the founders, hand
/// every admin to the hub and record the bootstrap; writes the deployments file. Safe to
/// re-run: what is done is skipped.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// The deployer's account secret (dev URI, mnemonic, 0x seed or @FILE); admin until the
    /// handover, and it pays for the deployment.
    #[arg(long, env = "AGORA_SURI", default_value = "//Alice")]
    pub suri: String,
    /// The deploy configuration: chain tag, parameters, founders (default <home>/agora.toml,
    /// in a checkout deploy/agora.toml).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Deploy a new suite even if the deployments file names one (e.g. a throw-away node
    /// was restarted); the old file is replaced.
    #[arg(long)]
    pub fresh: bool,
    /// Deploy a successor suite: its decision log anchors the head of the log at this
    /// address (SS58 or 0x-hex; the predecessor suite's `decision_log`) as its first entry,
    /// so `agora log verify` follows the history from the old suite to this one. The old
    /// suite then hands itself over with a `succession` proposal naming this suite's hub.
    /// Give it with `--deployment` for a file of its own, so the old suite's stays.
    #[arg(long, value_name = "LOG")]
    pub succeeds: Option<String>,
}

/// What `deploy` did and where the suite is.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DeployReport {
    /// The deployments file written.
    pub deployment: String,
    /// The network name.
    pub network: String,
    /// The chain tag.
    pub chain_tag: String,
    /// The block of the last step.
    pub block: u32,
    /// The five contracts by crate name.
    pub contracts: BTreeMap<String, Deployed>,
    /// The founders (SS58).
    pub founders: Vec<String>,
    /// Whether `bootstrap_complete()` holds (it always does after a deploy that succeeded).
    pub bootstrap_complete: bool,
    /// What each step did or found done, in order.
    pub notes: Vec<String>,
}

impl fmt::Display for DeployReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, d) in &self.contracts {
            writeln!(f, "{name:<15} {}  code {}", d.address, d.code_hash)?;
        }
        write!(
            f,
            "deployed and bootstrapped: bootstrap_complete() = {}; written {}",
            self.bootstrap_complete, self.deployment
        )
    }
}

impl Report for DeployReport {}

impl Samples for DeployReport {
    fn samples() -> Vec<Self> {
        let mut contracts = BTreeMap::new();
        for (i, c) in SuiteContract::ALL.iter().enumerate() {
            let n = u8::try_from(i).unwrap_or(0);
            contracts.insert(
                c.name().to_owned(),
                Deployed {
                    address: ss58(&[n; 32]),
                    code_hash: hex0x(&[n; 32]),
                },
            );
        }
        vec![DeployReport {
            deployment: "deploy/deployments/local.json".into(),
            network: "local".into(),
            chain_tag: "agora/1a2b3c4d5e6f7081".into(),
            block: 42,
            contracts,
            founders: vec![ss58(&[9; 32])],
            bootstrap_complete: true,
            notes: vec!["[1/7] connecting to local (ws://127.0.0.1:9944)".into()],
        }]
    }
}

const STEPS: usize = 7;

/// Narration: printed on stderr for people as it happens, kept for the report.
struct Notes<'a> {
    ctx: &'a Ctx,
    lines: Vec<String>,
}

impl Notes<'_> {
    fn step(&mut self, n: usize, what: &str) {
        self.push(format!("[{n}/{STEPS}] {what}"));
    }

    fn note(&mut self, what: &str) {
        self.push(format!("      {what}"));
    }

    fn push(&mut self, line: String) {
        self.ctx.note(&line);
        self.lines.push(line.trim().to_owned());
    }
}

impl DeployArgs {
    /// Runs the deployment.
    pub async fn handle(&self, ctx: &Ctx) -> Result<DeployReport> {
        let network = ctx.network()?;
        let config_path = match &self.config {
            Some(p) => ctx.home.resolve(p),
            None => ctx.home.deploy_config(),
        };
        let config = DeployConfig::load(&config_path)?;
        let params = config.params;
        let signer = account_signer(&self.suri)?;
        let deployer: [u8; 32] = signer.account_id().0;
        let path = ctx.deployment_path();
        let mut notes = Notes {
            ctx,
            lines: Vec::new(),
        };

        notes.step(
            1,
            &format!("connecting to {} ({})", ctx.global.network, network.url),
        );
        let chain = ctx.connect().await?;
        let head = chain.best_block().await?;
        notes.note(&format!("best block {head}; deployer {}", ss58(&deployer)));
        let genesis = chain.genesis_hash();
        let chain_tag = expected_tag(&network, &genesis);
        notes.note(&format!(
            "chain tag `{chain_tag}` ({})",
            if network.chain_tag.is_some() {
                "named for the network in networks.toml".to_owned()
            } else {
                format!("derived from genesis {}", hex0x(&genesis))
            }
        ));

        let mut dep = match Deployment::load(&path) {
            Ok(existing) if !self.fresh => {
                let mut on_chain = 0;
                for c in SuiteContract::ALL {
                    if let Ok(addr) = existing.address(c) {
                        if chain.code_hash_of(&addr).await?.is_some() {
                            on_chain += 1;
                        }
                    }
                }
                if on_chain == 0 && !existing.contracts.is_empty() {
                    return Err(Failure::config(format!(
                        "{} records a suite that is not on this chain (a restarted throw-away node?). \
                         Re-run with --fresh to deploy a new one and replace the file.",
                        path.display()
                    ))
                    .into());
                }
                check_deployment(&existing, &ctx.global.network, &network, &genesis).map_err(
                    |e| e.context(format!("{} (use --fresh for a new suite)", path.display())),
                )?;
                if let Some(log) = &self.succeeds {
                    let named = ss58(&parse_account(log)?);
                    if existing.predecessor_log.as_deref() != Some(named.as_str()) {
                        return Err(Failure::config(format!(
                            "{} records a suite that does not succeed {named}; use another \
                             --deployment file for the successor (or --fresh to replace it)",
                            path.display()
                        ))
                        .into());
                    }
                }
                notes.note(&format!(
                    "continuing the deployment recorded in {}",
                    path.display()
                ));
                existing
            }
            _ => {
                check_unused_elsewhere(
                    &chain_tag,
                    &ctx.global.network,
                    &genesis,
                    &ctx.networks()?,
                    path.parent().unwrap_or(std::path::Path::new(".")),
                )?;
                let predecessor_log = match &self.succeeds {
                    None => None,
                    Some(log) => Some(check_predecessor(&chain, log).await?),
                };
                Deployment {
                    network: ctx.global.network.clone(),
                    url: network.url.clone(),
                    chain_tag: chain_tag.clone(),
                    genesis_hash: Some(hex0x(&genesis)),
                    deployer: ss58(&deployer),
                    salt: hex0x(&fresh_salt()),
                    predecessor_log,
                    ..Deployment::default()
                }
            }
        };

        notes.step(2, "uploading and instantiating the five contracts");
        // What the hub is built to expect: the code of the other four (the local release
        // bundles) and the founders of the deploy configuration, in order.
        let founders = founders_of(&config)?;
        let hub_expects = HubExpects {
            code: bundles::expected_code_hashes(&ctx.bundles())?,
            founders: founder_set(&founders),
        };
        for c in SuiteContract::ALL {
            if let Some(d) = dep.contracts.get(c.name()) {
                notes.note(&format!("{:<15} already at {}", c.name(), d.address));
                continue;
            }
            let deployed = deploy_contract(
                &ctx.bundles(),
                &chain,
                &signer,
                c,
                &dep,
                &params,
                &hub_expects,
            )
            .await?;
            notes.note(&format!(
                "{:<15} {}  code {}",
                c.name(),
                deployed.address,
                deployed.code_hash
            ));
            dep.contracts.insert(c.name().to_owned(), deployed);
            dep.block = chain.best_block().await?;
            dep.save(&path)?;
        }

        notes.step(3, "registering the founders");
        register_founders(&mut notes, &chain, &signer, &mut dep, &founders).await?;
        dep.save(&path)?;

        notes.step(4, "checking that the founders can meet the rules");
        chain
            .query_ok::<_, (), ProposalError>(&dep, SuiteContract::Proposals, "rules_meetable", &())
            .await
            .map_err(|e| {
                e.context(
                    "the founders cannot meet the governance rules. Fix the deploy configuration \
                     (perspectives, weights, min_reviews) and deploy again with --fresh: the hub \
                     is built with these founders and parameters; nothing was handed over yet",
                )
            })?;
        notes.note("rules_meetable: ok");

        notes.step(
            5,
            "authorizing the log writers (hub, peer review, voting), each for its own kinds",
        );
        for (w, kinds) in [
            (SuiteContract::Proposals, HUB_KINDS),
            (SuiteContract::PeerReview, REVIEW_KINDS),
            (SuiteContract::Voting, VOTING_KINDS),
        ] {
            let writer = AccountId::from(dep.address(w)?);
            let held: Option<KindSet> = chain
                .query(
                    &dep,
                    SuiteContract::DecisionLog,
                    "DecisionLog::writer_kinds",
                    &writer,
                )
                .await?;
            match held {
                Some(k) if k == kinds => {
                    notes.note(&format!(
                        "{}: already a writer of {}",
                        w.name(),
                        kind_set_text(kinds)
                    ));
                    continue;
                }
                Some(k) => {
                    return Err(Failure::chain(format!(
                        "{} is already a log writer, of {} instead of {}: the hub would refuse \
                         the bootstrap (WritersNotSuite). Nothing was handed over; deploy again \
                         with --fresh",
                        w.name(),
                        kind_set_text(k),
                        kind_set_text(kinds)
                    ))
                    .into())
                }
                None => {}
            }
            chain
                .transact::<_, (), LogError>(
                    &signer,
                    &dep,
                    SuiteContract::DecisionLog,
                    "DecisionLog::authorize_writer",
                    &(writer, kinds),
                    0,
                )
                .await?;
            notes.note(&format!(
                "{}: authorized for {}",
                w.name(),
                kind_set_text(kinds)
            ));
        }

        notes.step(
            6,
            "handing every admin to the hub (offer, then the hub accepts)",
        );
        // Before anything is offered: the hub's own bootstrap check, which reads code,
        // wiring, founders and state before the admins, must have nothing left but the
        // admins (or nothing at all, on a resumed deploy after the handover).
        let fault: Option<BootstrapFault> = chain
            .query(&dep, SuiteContract::Proposals, "bootstrap_fault", &())
            .await?;
        match fault {
            None | Some(BootstrapFault::AdminNotHub(_)) => {}
            Some(f) => {
                return Err(Failure::chain(format!(
                    "the hub's bootstrap check finds {f:?} before the handover: the suite is not \
                     what the hub was built to expect (other bundles, other founders, or state \
                     planted in a contract). Nothing was handed over; deploy again with --fresh \
                     (`agora verify-deployment` names what is there)"
                ))
                .into())
            }
        }
        let mut to_accept = 0u32;
        let hub = AccountId::from(dep.address(SuiteContract::Proposals)?);
        for c in [
            SuiteContract::AgentRegistry,
            SuiteContract::PeerReview,
            SuiteContract::Voting,
            SuiteContract::DecisionLog,
        ] {
            let admin: AccountId = chain.query(&dep, c, "Governed::admin", &()).await?;
            let pending: Option<AccountId> =
                chain.query(&dep, c, "Governed::pending_admin", &()).await?;
            if admin == hub {
                notes.note(&format!("{}: admin is already the hub", c.name()));
                continue;
            }
            to_accept += 1;
            if pending == Some(hub) {
                notes.note(&format!("{}: admin already offered to the hub", c.name()));
                continue;
            }
            chain
                .transact::<_, (), AdminError>(
                    &signer,
                    &dep,
                    c,
                    "Governed::transfer_admin",
                    &hub,
                    0,
                )
                .await?;
            notes.note(&format!("{}: admin offered to the hub", c.name()));
        }
        // The handover's second step: the hub accepts every offer made to it.
        if to_accept > 0 {
            let (accepted, _) = chain
                .transact::<_, u32, ProposalError>(
                    &signer,
                    &dep,
                    SuiteContract::Proposals,
                    "accept_admins",
                    &(),
                    0,
                )
                .await?;
            notes.note(&format!(
                "the hub accepted {} admin role(s)",
                accepted.unwrap_or(0)
            ));
        }

        notes.step(7, "recording the bootstrap");
        let recorded: bool = chain
            .query(&dep, SuiteContract::Proposals, "bootstrap_recorded", &())
            .await?;
        if recorded {
            notes.note("already recorded");
        } else {
            chain
                .transact::<_, (), ProposalError>(
                    &signer,
                    &dep,
                    SuiteContract::Proposals,
                    "complete_bootstrap",
                    &(),
                    0,
                )
                .await?;
            notes.note("complete_bootstrap recorded in the decision log");
        }
        let complete: bool = chain
            .query(&dep, SuiteContract::Proposals, "bootstrap_complete", &())
            .await?;
        if !complete {
            return Err(Failure::chain(
                "bootstrap_complete() is false after the handover; run `agora verify-deployment` to see which privilege is left",
            )
            .into());
        }
        dep.bootstrap_complete = true;

        let deposit = config
            .treasury_deposit
            .as_ref()
            .map(crate::core::wire::Amount::value)
            .transpose()?
            .unwrap_or(0);
        if deposit > 0 {
            let treasury: u128 = chain
                .query(&dep, SuiteContract::Proposals, "treasury", &())
                .await?;
            if treasury == 0 {
                chain
                    .transact::<_, (), ProposalError>(
                        &signer,
                        &dep,
                        SuiteContract::Proposals,
                        "deposit",
                        &(),
                        deposit,
                    )
                    .await?;
                notes.note(&format!("treasury funded with {deposit}"));
            }
        }
        dep.block = chain.best_block().await?;
        dep.save(&path)?;
        Ok(DeployReport {
            deployment: path.display().to_string(),
            network: dep.network.clone(),
            chain_tag: dep.chain_tag.clone(),
            block: dep.block,
            contracts: dep.contracts.clone(),
            founders: dep.founders.clone(),
            bootstrap_complete: dep.bootstrap_complete,
            notes: notes.lines,
        })
    }
}

/// What the hub's constructor commits to besides the addresses and parameters.
struct HubExpects {
    /// The code each of the other four contracts must run.
    code: SuiteCodeHashes,
    /// The founders the registry must hold at bootstrap.
    founders: FounderSet,
}

async fn register_founders(
    notes: &mut Notes<'_>,
    chain: &Chain,
    signer: &Signer,
    dep: &mut Deployment,
    founders: &[FounderPlan],
) -> Result<()> {
    let registry = dep.address(SuiteContract::AgentRegistry)?;
    for f in founders {
        let account = f.account;
        let existing: Option<Member> = chain
            .query(
                dep,
                SuiteContract::AgentRegistry,
                "MemberRegistry::member",
                &AccountId::from(account),
            )
            .await?;
        if existing.is_some() {
            notes.note(&format!("{}: already a member", f.label));
        } else {
            let binding = f.key.as_ref().map(|key| KeyBinding {
                key: key.public(),
                proof: key.bind_proof(&dep.chain_tag, registry, account),
            });
            chain
                .transact::<_, (), RegistryError>(
                    signer,
                    dep,
                    SuiteContract::AgentRegistry,
                    "MemberRegistry::register_member",
                    &(AccountId::from(account), f.profile.clone(), binding),
                    0,
                )
                .await
                .map_err(|e| e.context(format!("registering {}", f.label)))?;
            notes.note(&format!(
                "{}: registered{}",
                f.label,
                if binding.is_some() {
                    ", signing key bound"
                } else {
                    ""
                }
            ));
        }
        let ss = ss58(&account);
        if !dep.founders.contains(&ss) {
            dep.founders.push(ss);
        }
    }
    Ok(())
}

/// A salt nobody used before (from the clock), so each deploy makes new addresses.
pub fn fresh_salt() -> [u8; 8] {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let h = blake2(&nanos.to_le_bytes());
    let mut out = [0u8; 8];
    out.copy_from_slice(&h[..8]);
    out
}

/// The predecessor log `log` names (SS58 or 0x-hex), checked to be a suite's decision log
/// on this chain: it answers `head()`, its admin is a hub wired to it, and it is not sealed
/// yet (a sealed log's suite already has its successor; its constructor refuses it too).
/// Returns its SS58.
async fn check_predecessor(chain: &Chain, log: &str) -> Result<String> {
    let account = parse_account(log)?;
    let named = ss58(&account);
    let probe = Deployment::of_log(&Deployment::default(), &AccountId::from(account));
    if chain.code_hash_of(&account).await?.is_none() {
        return Err(Failure::input(format!(
            "--succeeds {named}: no contract at that address on this chain"
        ))
        .into());
    }
    crate::core::reads::log_head(chain, &probe)
        .await
        .map_err(|e| e.context(format!("--succeeds {named}: not a decision log")))?;
    if let Err(why) =
        crate::core::log::predecessor_suite(chain, &probe, &AccountId::from(account)).await?
    {
        return Err(Failure::input(format!("--succeeds {named}: not a suite's log: {why}")).into());
    }
    if let Some(hub) = crate::core::reads::log_successor(chain, &probe).await? {
        return Err(Failure::input(format!(
            "--succeeds {named}: that log is sealed, its suite already handed over to {}",
            crate::core::encoding::ss58_of(&hub)
        ))
        .into());
    }
    Ok(named)
}

/// Instantiates suite contract `c` with its constructor arguments: the chain tag and the
/// addresses of the contracts deployed before it (from `dep`), and for the hub `params`, the
/// other four's code hashes and the founders.
async fn deploy_contract(
    bundles: &std::path::Path,
    chain: &Chain,
    signer: &Signer,
    c: SuiteContract,
    dep: &Deployment,
    params: &HubParams,
    hub_expects: &HubExpects,
) -> Result<Deployed> {
    let addr = |c: SuiteContract| -> Result<AccountId> {
        dep.address(c)
            .map(AccountId::from)
            .map_err(|e| e.context(format!("{} must be deployed first", c.name())))
    };
    let tag = dep.chain_tag.clone();
    let salt = &dep.salt;
    match c {
        SuiteContract::DecisionLog => match &dep.predecessor_log {
            None => instantiate(bundles, chain, signer, c, &(), salt).await,
            Some(log) => {
                let predecessor = AccountId::from(parse_account(log)?);
                instantiate_with(bundles, chain, signer, c, "succeeding", &predecessor, salt).await
            }
        },
        SuiteContract::AgentRegistry => instantiate(bundles, chain, signer, c, &tag, salt).await,
        SuiteContract::PeerReview => {
            let args = (
                addr(SuiteContract::AgentRegistry)?,
                addr(SuiteContract::DecisionLog)?,
            );
            instantiate(bundles, chain, signer, c, &args, salt).await
        }
        SuiteContract::Voting => {
            let args = (
                tag,
                addr(SuiteContract::AgentRegistry)?,
                addr(SuiteContract::DecisionLog)?,
            );
            instantiate(bundles, chain, signer, c, &args, salt).await
        }
        SuiteContract::Proposals => {
            let args = (
                tag,
                addr(SuiteContract::AgentRegistry)?,
                addr(SuiteContract::PeerReview)?,
                addr(SuiteContract::Voting)?,
                addr(SuiteContract::DecisionLog)?,
                *params,
                hub_expects.code,
                hub_expects.founders,
            );
            instantiate(bundles, chain, signer, c, &args, salt).await
        }
    }
}

/// Uploads and instantiates one suite contract from its bundle in `bundles`: constructor
/// `new` with `args` (the constructor's argument types from agora-types, SCALE-encoded after
/// its selector from the metadata, as every message call is), and returns its address and
/// code hash.
pub async fn instantiate<A: scale::Encode>(
    bundles: &std::path::Path,
    chain: &Chain,
    signer: &Signer,
    c: SuiteContract,
    args: &A,
    salt: &str,
) -> Result<Deployed> {
    instantiate_with(bundles, chain, signer, c, "new", args, salt).await
}

/// [`instantiate`] with the constructor named `ctor` (a successor's log: `succeeding`).
async fn instantiate_with<A: scale::Encode>(
    bundles: &std::path::Path,
    chain: &Chain,
    signer: &Signer,
    c: SuiteContract,
    ctor: &str,
    args: &A,
    salt: &str,
) -> Result<Deployed> {
    let code = bundles::wasm_code(bundles, c)?;
    let salt = parse_hex::<8>(salt)?.to_vec();
    let (address, _) = chain.instantiate(signer, c, code, ctor, args, salt).await?;
    let code_hash = chain.code_hash_of(&address).await?.ok_or_else(|| {
        Failure::chain(format!("{} was instantiated but is not on chain", c.name()))
    })?;
    Ok(Deployed {
        address: ss58(&address),
        code_hash: hex0x(&code_hash),
    })
}
