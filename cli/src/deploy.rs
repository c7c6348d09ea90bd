//! `agora deploy`: the five contracts, the founders, the handover, the deployments file.
//!
//! Every step first looks at the chain and skips what is already done, and the deployments
//! file is written after each contract, so an interrupted deploy is finished by re-running it.

use std::path::{Path, PathBuf};

use agora_types::{HubParams, Member, ProposalError, RegistryError};
use anyhow::{anyhow, bail, Context, Result};
use clap::Args;
use contract_metadata::ContractMetadata;
use ink::primitives::AccountId;
use scale::Encode;
use serde_json::json;

use crate::{
    chain::{Chain, Signer},
    config::{DeployConfig, Deployed, Deployment, SuiteContract},
    keys::{account_signer, AgentKey},
    model::{self, hex0x, ss58},
    Ctx,
};

/// Options of `agora deploy`.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// The deployer's account secret (dev URI, mnemonic, 0x seed or @FILE); admin until the
    /// handover, and it pays for the deployment.
    #[arg(long, env = "AGORA_SURI", default_value = "//Alice")]
    pub suri: String,
    /// The deploy configuration: chain tag, parameters, founders.
    #[arg(long, default_value = "deploy/agora.toml")]
    pub config: PathBuf,
    /// Deploy a new suite even if the deployments file names one (e.g. a throw-away node
    /// was restarted); the old file is replaced.
    #[arg(long)]
    pub fresh: bool,
}

const STEPS: usize = 7;

fn step(ctx: &Ctx, n: usize, what: &str) {
    if !ctx.json() {
        println!("[{n}/{STEPS}] {what}");
    }
}

fn note(ctx: &Ctx, what: &str) {
    if !ctx.json() {
        println!("      {what}");
    }
}

/// Runs the deployment.
pub async fn run(ctx: &Ctx, args: &DeployArgs) -> Result<()> {
    let network = ctx.network()?;
    let config_path = if args.config.is_relative() && !args.config.exists() {
        ctx.root.join(&args.config)
    } else {
        args.config.clone()
    };
    let config = DeployConfig::load(&config_path)?;
    let params = config.params;
    let signer = account_signer(&args.suri)?;
    let deployer: [u8; 32] = signer.account_id().0;
    let path = ctx.deployment_path();

    step(
        ctx,
        1,
        &format!("connecting to {} ({})", ctx.cli.network, network.url),
    );
    let chain = ctx.connect().await?;
    let head = chain.best_block().await?;
    note(
        ctx,
        &format!("best block {head}; deployer {}", ss58(&deployer)),
    );

    let mut dep = match Deployment::load(&path) {
        Ok(existing) if !args.fresh => {
            let mut on_chain = 0;
            for c in SuiteContract::ALL {
                if let Ok(addr) = existing.address(c) {
                    if chain.code_hash_of(&addr).await?.is_some() {
                        on_chain += 1;
                    }
                }
            }
            if on_chain == 0 && !existing.contracts.is_empty() {
                bail!(
                    "{} records a suite that is not on this chain (a restarted throw-away node?). \
                     Re-run with --fresh to deploy a new one and replace the file.",
                    path.display()
                );
            }
            if existing.chain_tag != config.chain_tag {
                bail!(
                    "{} was deployed with chain tag `{}`, the configuration says `{}`; use --fresh for a new suite",
                    path.display(),
                    existing.chain_tag,
                    config.chain_tag
                );
            }
            note(
                ctx,
                &format!("continuing the deployment recorded in {}", path.display()),
            );
            existing
        }
        _ => Deployment {
            network: ctx.cli.network.clone(),
            url: network.url.clone(),
            chain_tag: config.chain_tag.clone(),
            deployer: ss58(&deployer),
            salt: hex0x(&fresh_salt()),
            ..Deployment::default()
        },
    };

    step(ctx, 2, "uploading and instantiating the five contracts");
    for c in SuiteContract::ALL {
        if let Some(d) = dep.contracts.get(c.name()) {
            note(ctx, &format!("{:<15} already at {}", c.name(), d.address));
            continue;
        }
        let deployed = deploy_contract(&ctx.bundles(), &chain, &signer, c, &dep, &params).await?;
        note(
            ctx,
            &format!(
                "{:<15} {}  code {}",
                c.name(),
                deployed.address,
                deployed.code_hash
            ),
        );
        dep.contracts.insert(c.name().to_owned(), deployed);
        dep.block = chain.best_block().await?;
        dep.save(&path)?;
    }

    step(ctx, 3, "registering the founders");
    let registry = dep.address(SuiteContract::AgentRegistry)?;
    for f in &config.founders {
        let account = model::parse_account(&f.account)?;
        let existing: Option<Member> = chain
            .query(
                &dep,
                SuiteContract::AgentRegistry,
                "MemberRegistry::member",
                &AccountId::from(account),
            )
            .await?;
        let label = format!("{} ({}; {})", f.account, f.kind, f.perspectives.join("+"));
        if existing.is_some() {
            note(ctx, &format!("{label}: already a member"));
        } else {
            let profile = model::profile(
                model::parse_kind(&f.kind)?,
                model::parse_perspectives(&f.perspectives)?,
                f.weight.value()?,
                f.metadata_uri.clone(),
                f.operator
                    .as_deref()
                    .map(model::parse_account)
                    .transpose()?,
            )
            .with_context(|| format!("founder {}", f.account))?;
            let binding = match &f.signing_key_file {
                Some(file) => {
                    let key = AgentKey::load(std::path::Path::new(file))?;
                    Some(agora_types::KeyBinding {
                        key: key.public(),
                        proof: key.bind_proof(&dep.chain_tag, registry, account),
                    })
                }
                None => None,
            };
            chain
                .transact::<_, (), RegistryError>(
                    &signer,
                    &dep,
                    SuiteContract::AgentRegistry,
                    "MemberRegistry::register_member",
                    &(AccountId::from(account), profile, binding),
                    0,
                )
                .await
                .with_context(|| format!("registering {}", f.account))?;
            note(
                ctx,
                &format!(
                    "{label}: registered{}",
                    if binding.is_some() {
                        ", signing key bound"
                    } else {
                        ""
                    }
                ),
            );
        }
        let ss = ss58(&account);
        if !dep.founders.contains(&ss) {
            dep.founders.push(ss);
        }
    }
    dep.save(&path)?;

    step(ctx, 4, "checking that the founders can meet the rules");
    let meetable: core::result::Result<(), ProposalError> = chain
        .query(&dep, SuiteContract::Proposals, "rules_meetable", &())
        .await?;
    if let Err(e) = meetable {
        bail!(
            "the founders cannot meet the governance rules: {e:?}. Fix deploy/agora.toml (perspectives, \
             weights, min_reviews) and re-run; nothing was handed over yet"
        );
    }
    note(ctx, "rules_meetable: ok");

    step(
        ctx,
        5,
        "authorizing the log writers (hub, peer review, voting)",
    );
    for w in [
        SuiteContract::Proposals,
        SuiteContract::PeerReview,
        SuiteContract::Voting,
    ] {
        let writer = AccountId::from(dep.address(w)?);
        let is: bool = chain
            .query(
                &dep,
                SuiteContract::DecisionLog,
                "DecisionLog::is_writer",
                &writer,
            )
            .await?;
        if is {
            note(ctx, &format!("{}: already a writer", w.name()));
            continue;
        }
        chain
            .transact::<_, (), agora_types::LogError>(
                &signer,
                &dep,
                SuiteContract::DecisionLog,
                "DecisionLog::authorize_writer",
                &writer,
                0,
            )
            .await?;
        note(ctx, &format!("{}: authorized", w.name()));
    }

    step(ctx, 6, "handing every admin to the hub");
    let hub = AccountId::from(dep.address(SuiteContract::Proposals)?);
    for c in [
        SuiteContract::AgentRegistry,
        SuiteContract::PeerReview,
        SuiteContract::Voting,
        SuiteContract::DecisionLog,
    ] {
        let admin: AccountId = chain.query(&dep, c, "Governed::admin", &()).await?;
        if admin == hub {
            note(ctx, &format!("{}: admin is already the hub", c.name()));
            continue;
        }
        chain
            .transact::<_, (), agora_types::AdminError>(
                &signer,
                &dep,
                c,
                "Governed::transfer_admin",
                &hub,
                0,
            )
            .await?;
        note(ctx, &format!("{}: admin handed to the hub", c.name()));
    }

    step(ctx, 7, "recording the bootstrap");
    let recorded: bool = chain
        .query(&dep, SuiteContract::Proposals, "bootstrap_recorded", &())
        .await?;
    if recorded {
        note(ctx, "already recorded");
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
        note(ctx, "complete_bootstrap recorded in the decision log");
    }
    let complete: bool = chain
        .query(&dep, SuiteContract::Proposals, "bootstrap_complete", &())
        .await?;
    if !complete {
        bail!("bootstrap_complete() is false after the handover; run `agora verify-deployment` to see which privilege is left");
    }
    dep.bootstrap_complete = true;

    let deposit = config
        .treasury_deposit
        .as_ref()
        .map(model::Amount::value)
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
            note(ctx, &format!("treasury funded with {deposit}"));
        }
    }
    dep.block = chain.best_block().await?;
    dep.save(&path)?;
    if ctx.json() {
        crate::print_json(
            &json!({"ok": true, "deployment": path, "contracts": dep.contracts, "block": dep.block}),
        )?;
    } else {
        println!(
            "deployed and bootstrapped: bootstrap_complete() = true; written {}",
            path.display()
        );
    }
    Ok(())
}

/// A salt nobody used before (from the clock), so each deploy makes new addresses.
pub fn fresh_salt() -> [u8; 8] {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let h = model::blake2(&nanos.to_le_bytes());
    let mut out = [0u8; 8];
    out.copy_from_slice(&h[..8]);
    out
}

/// Instantiates suite contract `c` with its constructor arguments: the chain tag and the
/// addresses of the contracts deployed before it (from `dep`), and for the hub `params`.
async fn deploy_contract(
    bundles: &Path,
    chain: &Chain,
    signer: &Signer,
    c: SuiteContract,
    dep: &Deployment,
    params: &HubParams,
) -> Result<Deployed> {
    let addr = |c: SuiteContract| -> Result<AccountId> {
        dep.address(c)
            .map(AccountId::from)
            .with_context(|| format!("{} must be deployed first", c.name()))
    };
    let tag = dep.chain_tag.clone();
    let salt = &dep.salt;
    match c {
        SuiteContract::DecisionLog => instantiate(bundles, chain, signer, c, &(), salt).await,
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
            );
            instantiate(bundles, chain, signer, c, &args, salt).await
        }
    }
}

/// Uploads and instantiates one suite contract from its bundle in `bundles`: constructor
/// `new` with `args` (the constructor's argument types from agora-types, SCALE-encoded after
/// its selector from the bundle's metadata, as every message call is), and returns its
/// address and code hash.
pub async fn instantiate<A: Encode>(
    bundles: &Path,
    chain: &Chain,
    signer: &Signer,
    c: SuiteContract,
    args: &A,
    salt: &str,
) -> Result<Deployed> {
    let bundle = c.bundle_path(bundles);
    let code = ContractMetadata::load(&bundle)
        .with_context(|| format!("preparing {}", bundle.display()))?
        .source
        .wasm
        .ok_or_else(|| anyhow!("{} holds no Wasm code", bundle.display()))?
        .0;
    let salt = model::parse_hex::<8>(salt)?.to_vec();
    let (address, _) = chain
        .instantiate(signer, c, code, "new", args, salt)
        .await?;
    let code_hash = chain
        .code_hash_of(&address)
        .await?
        .ok_or_else(|| anyhow!("{} was instantiated but is not on chain", c.name()))?;
    Ok(Deployed {
        address: ss58(&address),
        code_hash: hex0x(&code_hash),
    })
}
