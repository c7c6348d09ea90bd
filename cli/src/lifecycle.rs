//! Members and the proposal lifecycle: propose, revise, review, vote, advance, queue,
//! execute, cancel, deposit, and the read commands (status, proposals, members, params).

use std::path::PathBuf;

use agora_types::{
    Action, Ballot, HashedEntry, HubParams, Member, MemberKind, Proposal, ProposalError,
    ProposalId, ProposalPayload, ProposalState, RegistryError, Review, ReviewError, ReviewRound,
    ReviewerRecord, RevisionPayload, RevisionRecord, Vote, VotingError, MAX_LOG_PAGE,
    MAX_VOTES_PAGE,
};
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};
use ink::primitives::AccountId;
use serde_json::{json, Value};

use crate::{
    agent,
    chain::Chain,
    config::{Deployment, SuiteContract},
    keys::{account_signer, AgentKey},
    model::{self, account_bytes, hex0x, short, ss58},
    print_json, Ctx,
};

/// Most proposals one `proposals` page asks the hub for (the hub's own `MAX_PAGE`).
pub const PROPOSALS_PAGE: u32 = 50;
/// Most members one `members` page asks the registry for (the registry's `MAX_PAGE`).
pub const MEMBERS_PAGE: u32 = 32;
/// Most reviews one `reviews` page asks peer review for (its `MAX_PAGE`).
pub const REVIEWS_PAGE: u32 = 24;
/// Blocks a signed payload stays valid by default (`--deadline-in`).
pub const DEFAULT_DEADLINE_BLOCKS: u32 = 100;

/// The account secret option every transaction takes.
#[derive(Debug, Args, Clone)]
pub struct SuriArg {
    /// Account secret that signs and pays (dev URI like //Alice, mnemonic, 0x seed, @FILE).
    #[arg(long, env = "AGORA_SURI")]
    pub suri: String,
}

/// `member` subcommands.
#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Register a member directly: only the registry's admin may, i.e. the deployer before
    /// the handover. After it, members join by proposal (a `register_member` action).
    Add(MemberAddArgs),
    /// List members.
    List,
    /// One member with its reviewer record.
    Show {
        /// SS58 address or dev name.
        account: String,
    },
}

/// Options of `member add`.
#[derive(Debug, Args)]
pub struct MemberAddArgs {
    /// The new member (SS58 or dev name).
    pub account: String,
    /// human or agent.
    #[arg(long)]
    pub kind: String,
    /// Perspectives, comma-separated (safety, creativity, ethics, efficiency, finance, legal,
    /// community, technical).
    #[arg(long)]
    pub perspectives: String,
    /// Voting weight.
    #[arg(long)]
    pub weight: u128,
    /// Profile URI.
    #[arg(long, default_value = "")]
    pub uri: String,
    /// An agent's operator.
    #[arg(long)]
    pub operator: Option<String>,
    /// An agent's key file to bind.
    #[arg(long)]
    pub key_file: Option<PathBuf>,
    #[command(flatten)]
    pub suri: SuriArg,
}

/// What a proposal or revision says and does.
#[derive(Debug, Args, Clone)]
pub struct ContentArgs {
    /// The proposal's text: its blake2-256 becomes the on-chain content hash.
    #[arg(long, conflicts_with = "content_hash")]
    pub file: Option<PathBuf>,
    /// The content hash, if you hashed the text yourself (0x + 64 hex).
    #[arg(long)]
    pub content_hash: Option<String>,
    /// Where the text can be fetched (file://, https://, ipfs://, data:).
    #[arg(long)]
    pub uri: String,
    /// A treasury transfer ACCOUNT:AMOUNT (repeatable).
    #[arg(long = "transfer")]
    pub transfers: Vec<String>,
    /// A JSON file with a list of actions (see docs/cli.md).
    #[arg(long)]
    pub actions: Option<PathBuf>,
}

impl ContentArgs {
    /// The content hash and actions.
    pub fn resolve(&self) -> Result<([u8; 32], Vec<Action>)> {
        let hash = match (&self.file, &self.content_hash) {
            (Some(f), _) => model::blake2(
                &std::fs::read(f).with_context(|| format!("cannot read {}", f.display()))?,
            ),
            (None, Some(h)) => model::parse_hex::<32>(h)?,
            (None, None) => {
                bail!("give the proposal's text with --file (or its hash with --content-hash)")
            }
        };
        let mut actions = Vec::new();
        if let Some(path) = &self.actions {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let value: Value = serde_json::from_str(&text)
                .with_context(|| format!("{} is not JSON", path.display()))?;
            actions.extend(model::parse_actions(&value)?);
        }
        for t in &self.transfers {
            actions.push(model::parse_transfer(t)?);
        }
        Ok((hash, actions))
    }
}

/// Signing with an agent key instead of sending as the author.
#[derive(Debug, Args, Clone)]
pub struct SignArgs {
    /// Sign the payload with this agent key file and relay it from --suri.
    #[arg(long)]
    pub sign_with: Option<PathBuf>,
    /// Blocks from now the signed payload stays valid.
    #[arg(long, default_value_t = DEFAULT_DEADLINE_BLOCKS)]
    pub deadline_in: u32,
    /// Also write the signed envelope to this file (anyone can relay it with `agora relay`).
    #[arg(long, requires = "sign_with")]
    pub save_envelope: Option<PathBuf>,
}

impl SignArgs {
    /// Writes the envelope if asked to.
    pub fn save(&self, envelope: &agent::Envelope) -> Result<()> {
        if let Some(path) = &self.save_envelope {
            std::fs::write(path, serde_json::to_string_pretty(envelope)? + "\n")
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(())
    }
}

/// Options of `propose`.
#[derive(Debug, Args)]
pub struct ProposeArgs {
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub sign: SignArgs,
    /// For signed proposals: a number you have not used before (default: a fresh one).
    #[arg(long)]
    pub nonce: Option<u64>,
    #[command(flatten)]
    pub suri: SuriArg,
}

/// Options of `revise`.
#[derive(Debug, Args)]
pub struct ReviseArgs {
    /// The proposal.
    pub id: ProposalId,
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub sign: SignArgs,
    #[command(flatten)]
    pub suri: SuriArg,
}

/// Options of `review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The proposal (its current revision is reviewed).
    pub id: ProposalId,
    /// approve, request-changes or reject.
    #[arg(long)]
    pub verdict: String,
    /// 0–100.
    #[arg(long)]
    pub score: u8,
    /// The perspective you review from (one you hold).
    #[arg(long)]
    pub perspective: String,
    /// Your feedback text (its hash goes on chain).
    #[arg(long, default_value = "")]
    pub feedback: String,
    /// Where the feedback can be read.
    #[arg(long, default_value = "")]
    pub feedback_uri: String,
    /// A suggested change (its hash goes on chain).
    #[arg(long)]
    pub suggestion: Option<String>,
    /// Where the suggestion can be read.
    #[arg(long, default_value = "")]
    pub suggestion_uri: String,
    #[command(flatten)]
    pub suri: SuriArg,
}

/// Options of `vote`.
#[derive(Debug, Args)]
pub struct VoteArgs {
    /// The proposal.
    pub id: ProposalId,
    /// for, against or abstain.
    pub choice: String,
    /// Why (its hash goes on chain).
    #[arg(long, default_value = "")]
    pub rationale: String,
    /// For a signed vote: the voter (default: the account the key is bound to).
    #[arg(long)]
    pub voter: Option<String>,
    #[command(flatten)]
    pub sign: SignArgs,
    #[command(flatten)]
    pub suri: SuriArg,
}

/// Options of `advance` and `execute`.
#[derive(Debug, Args)]
pub struct AdvanceArgs {
    /// The proposal.
    pub id: ProposalId,
    /// Wait until it is due (on an instant-seal node, make the blocks) instead of only
    /// saying how long.
    #[arg(long)]
    pub wait: bool,
    #[command(flatten)]
    pub suri: SuriArg,
}

/// A proposal id and a signer.
#[derive(Debug, Args)]
pub struct IdArgs {
    /// The proposal.
    pub id: ProposalId,
    #[command(flatten)]
    pub suri: SuriArg,
}

/// Options of `deposit`.
#[derive(Debug, Args)]
pub struct DepositArgs {
    /// Amount in the chain's smallest unit.
    pub amount: u128,
    #[command(flatten)]
    pub suri: SuriArg,
}

/// Options of `status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The proposal.
    pub id: ProposalId,
    /// Fetch each revision's URI and check its bytes against the on-chain content hash.
    #[arg(long)]
    pub fetch: bool,
}

/// Options of `proposals`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// First id.
    #[arg(long, default_value_t = 1)]
    pub from: ProposalId,
    /// How many.
    #[arg(long, default_value_t = PROPOSALS_PAGE)]
    pub limit: u32,
}

/// Options of `params`.
#[derive(Debug, Args)]
pub struct ParamsArgs {
    /// A parameter version (from 1; default: the one in force).
    #[arg(long)]
    pub version: Option<u32>,
}

/// What `params` reports: a version of the hub's parameters, read from the hub.
#[derive(Debug, serde::Serialize)]
pub struct ParamsReport {
    /// The version shown.
    pub version: u32,
    /// Whether it is the version in force.
    pub in_force: bool,
    /// The parameters, in the `[params]` shape of deploy/agora.toml.
    pub params: HubParams,
}

/// `params`: the hub's parameters as the hub holds them (`params()`, or
/// `params_at(version)`); the deployments file keeps no copy, since a `SetParams` proposal
/// changes them.
pub async fn params(ctx: &Ctx, a: &ParamsArgs) -> Result<()> {
    let dep = ctx.deployment()?;
    let chain = ctx.connect().await?;
    let hub = SuiteContract::Proposals;
    let current: u32 = chain.query(&dep, hub, "params_version", &()).await?;
    let (version, params) = match a.version {
        None => (current, chain.query(&dep, hub, "params", &()).await?),
        Some(v) => {
            let at: Option<HubParams> = chain.query(&dep, hub, "params_at", &v).await?;
            let p = at.ok_or_else(|| {
                anyhow!("the hub has no parameter version {v} (versions 1 to {current})")
            })?;
            (v, p)
        }
    };
    let report = ParamsReport {
        version,
        in_force: version == current,
        params,
    };
    if ctx.json() {
        return print_json(&serde_json::to_value(&report)?);
    }
    println!(
        "# parameter version {version}{}",
        if report.in_force { " (in force)" } else { "" }
    );
    print!("{}", params_toml(&params)?);
    Ok(())
}

/// Parameters as the `[params]` table of deploy/agora.toml (what `DeployConfig` reads back).
pub fn params_toml(params: &HubParams) -> Result<String> {
    #[derive(serde::Serialize)]
    struct Table<'a> {
        params: &'a HubParams,
    }
    Ok(toml::to_string(&Table { params })?)
}

/// The deployment, a connection and the signer a transaction command starts from.
async fn open(ctx: &Ctx, suri: &SuriArg) -> Result<(Deployment, Chain, crate::chain::Signer)> {
    let dep = ctx.deployment()?;
    let chain = ctx.connect().await?;
    let signer = account_signer(&suri.suri)?;
    Ok((dep, chain, signer))
}

fn done(ctx: &Ctx, text: String, doc: Value) -> Result<()> {
    if ctx.json() {
        let mut doc = doc;
        doc["ok"] = json!(true);
        print_json(&doc)
    } else {
        println!("{text}");
        Ok(())
    }
}

/// `member …`.
pub async fn member(ctx: &Ctx, cmd: &MemberCommand) -> Result<()> {
    let dep = ctx.deployment()?;
    let chain = ctx.connect().await?;
    match cmd {
        MemberCommand::Add(a) => {
            let signer = account_signer(&a.suri.suri)?;
            let account = model::parse_account(&a.account)?;
            let profile = model::profile(
                model::parse_kind(&a.kind)?,
                model::parse_perspectives(&[&a.perspectives])?,
                a.weight,
                a.uri.clone(),
                a.operator
                    .as_deref()
                    .map(model::parse_account)
                    .transpose()?,
            )?;
            let binding = match &a.key_file {
                Some(f) => {
                    let key = AgentKey::load(f)?;
                    let registry = dep.address(SuiteContract::AgentRegistry)?;
                    Some(agora_types::KeyBinding {
                        key: key.public(),
                        proof: key.bind_proof(&dep.chain_tag, registry, account),
                    })
                }
                None => None,
            };
            let r = chain
                .transact::<_, (), RegistryError>(
                    &signer,
                    &dep,
                    SuiteContract::AgentRegistry,
                    "MemberRegistry::register_member",
                    &(AccountId::from(account), profile, binding),
                    0,
                )
                .await;
            if let Err(e) = &r {
                if let Some(c) = e.downcast_ref::<crate::chain::ContractError>() {
                    if c.variant == "NotAdmin" {
                        bail!("{e}. After the handover only the hub registers members: propose a register_member action (docs/cli.md)");
                    }
                }
            }
            let (_, landed) = r?;
            done(
                ctx,
                format!("registered {} in block {}", ss58(&account), landed.block),
                json!({"account": ss58(&account), "block": landed.block}),
            )
        }
        MemberCommand::List => {
            let members = all_members(&chain, &dep).await?;
            if ctx.json() {
                return print_json(&json!(members
                    .iter()
                    .map(model::member_json)
                    .collect::<Vec<_>>()));
            }
            println!(
                "{:<50} {:<6} {:<28} {:>8} {:<9} key",
                "account", "kind", "perspectives", "weight", "status"
            );
            for m in &members {
                println!(
                    "{:<50} {:<6} {:<28} {:>8} {:<9} {}",
                    ss58(&account_bytes(&m.account)),
                    format!("{:?}", m.profile.kind),
                    model::perspective_names(m.profile.perspectives).join("+"),
                    m.profile.weight,
                    format!("{:?}", m.status),
                    if m.signing_key.is_some() {
                        "bound"
                    } else {
                        "-"
                    }
                );
            }
            Ok(())
        }
        MemberCommand::Show { account } => {
            let account = AccountId::from(model::parse_account(account)?);
            let m: Option<Member> = chain
                .query(
                    &dep,
                    SuiteContract::AgentRegistry,
                    "MemberRegistry::member",
                    &account,
                )
                .await?;
            let m =
                m.ok_or_else(|| anyhow!("{} is not a member", ss58(&account_bytes(&account))))?;
            let record: ReviewerRecord = chain
                .query(&dep, SuiteContract::PeerReview, "reviewer_record", &account)
                .await?;
            let doc = json!({"member": model::member_json(&m), "reviews_given": record.reviews_given,
                "settled": record.settled, "agreed_with_outcome": record.agreed});
            if ctx.json() {
                return print_json(&doc);
            }
            println!("{}", serde_json::to_string_pretty(&doc)?);
            Ok(())
        }
    }
}

/// Every member, page by page.
pub async fn all_members(chain: &Chain, dep: &Deployment) -> Result<Vec<Member>> {
    chain
        .paged::<_, Member, RegistryError>(
            dep,
            SuiteContract::AgentRegistry,
            "members",
            MEMBERS_PAGE,
            |from| (from as u32, MEMBERS_PAGE),
        )
        .await?
        .map_err(|e| anyhow!("members: {e:?}"))
}

/// The proposal, or a clear error.
pub async fn proposal(
    chain: &Chain,
    dep: &Deployment,
    id: ProposalId,
) -> Result<(Proposal, ProposalState)> {
    let p: Option<Proposal> = chain
        .query(dep, SuiteContract::Proposals, "proposal", &id)
        .await?;
    let p = p.ok_or_else(|| anyhow!("no proposal {id} (see `agora proposals`)"))?;
    let state: core::result::Result<ProposalState, ProposalError> = chain
        .query(dep, SuiteContract::Proposals, "state", &id)
        .await?;
    let state = state.map_err(|e| anyhow!("state of {id}: {e:?}"))?;
    Ok((p, state))
}

async fn signed_author(chain: &Chain, dep: &Deployment, key: &AgentKey) -> Result<[u8; 32]> {
    let author: Option<AccountId> = chain
        .query(
            dep,
            SuiteContract::AgentRegistry,
            "MemberRegistry::member_by_signer",
            &key.public(),
        )
        .await?;
    author.map(|a| account_bytes(&a)).ok_or_else(|| {
        anyhow!(
            "the key {} is not bound to any member",
            hex0x(&key.public())
        )
    })
}

/// `propose`.
pub async fn propose(ctx: &Ctx, a: &ProposeArgs) -> Result<()> {
    let dep = ctx.deployment()?;
    let (content_hash, actions) = a.content.resolve()?;
    let chain = ctx.connect().await?;
    let signer = account_signer(&a.suri.suri)?;
    let (id, landed, how) = match &a.sign.sign_with {
        None => {
            let (id, landed) = chain
                .transact::<_, ProposalId, ProposalError>(
                    &signer,
                    &dep,
                    SuiteContract::Proposals,
                    "submit",
                    &(content_hash, a.content.uri.clone(), actions.clone()),
                    0,
                )
                .await?;
            (id, landed, "submitted".to_owned())
        }
        Some(key_file) => {
            let key = AgentKey::load(key_file)?;
            let author = signed_author(&chain, &dep, &key).await?;
            let nonce = a.nonce.unwrap_or_else(fresh_nonce);
            let payload = ProposalPayload {
                chain_tag: dep.chain_tag.clone(),
                hub: dep.address(SuiteContract::Proposals)?.into(),
                author: author.into(),
                nonce,
                deadline: chain.best_block().await?.saturating_add(a.sign.deadline_in),
                content_hash,
                uri: a.content.uri.clone(),
                actions: actions.clone(),
            };
            let envelope = agent::Envelope::proposal(&payload, &key);
            a.sign.save(&envelope)?;
            let (id, landed) = agent::relay_envelope(&chain, &dep, &signer, &envelope).await?;
            (
                id,
                landed,
                format!(
                    "signed by {} (author {}, nonce {nonce}) and relayed",
                    hex0x(&key.public()),
                    short(&author)
                ),
            )
        }
    };
    done(
        ctx,
        format!(
            "proposal {} {how} in block {}: {} action(s), content {}",
            id.map(|i| i.to_string()).unwrap_or_else(|| "?".into()),
            landed.block,
            actions.len(),
            hex0x(&content_hash)
        ),
        json!({"id": id, "block": landed.block, "content_hash": hex0x(&content_hash),
               "actions": actions.iter().map(model::action_json).collect::<Vec<_>>()}),
    )
}

fn fresh_nonce() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros() as u64)
        .unwrap_or(1)
}

/// `revise`.
pub async fn revise(ctx: &Ctx, a: &ReviseArgs) -> Result<()> {
    let dep = ctx.deployment()?;
    let (content_hash, actions) = a.content.resolve()?;
    let chain = ctx.connect().await?;
    let signer = account_signer(&a.suri.suri)?;
    let (p, _) = proposal(&chain, &dep, a.id).await?;
    let (revision, landed) = match &a.sign.sign_with {
        None => {
            let (r, landed) = chain
                .transact::<_, u32, ProposalError>(
                    &signer,
                    &dep,
                    SuiteContract::Proposals,
                    "revise",
                    &(a.id, content_hash, a.content.uri.clone(), actions.clone()),
                    0,
                )
                .await?;
            (r, landed)
        }
        Some(key_file) => {
            let key = AgentKey::load(key_file)?;
            let payload = RevisionPayload {
                chain_tag: dep.chain_tag.clone(),
                hub: dep.address(SuiteContract::Proposals)?.into(),
                author: p.author,
                deadline: chain.best_block().await?.saturating_add(a.sign.deadline_in),
                proposal: a.id,
                revision: p.revision.saturating_add(1),
                content_hash,
                uri: a.content.uri.clone(),
                actions: actions.clone(),
            };
            let envelope = agent::Envelope::revision(&payload, &key);
            a.sign.save(&envelope)?;
            agent::relay_envelope(&chain, &dep, &signer, &envelope).await?
        }
    };
    done(
        ctx,
        format!(
            "proposal {} revised to revision {} in block {}; a new review round is open",
            a.id,
            revision
                .map(|r| r.to_string())
                .unwrap_or_else(|| "?".into()),
            landed.block
        ),
        json!({"id": a.id, "revision": revision, "block": landed.block, "content_hash": hex0x(&content_hash)}),
    )
}

/// `review`.
pub async fn review(ctx: &Ctx, a: &ReviewArgs) -> Result<()> {
    let (dep, chain, signer) = open(ctx, &a.suri).await?;
    let (p, _) = proposal(&chain, &dep, a.id).await?;
    let verdict = model::parse_verdict(&a.verdict)?;
    let perspective = model::parse_perspective(&a.perspective)?;
    let feedback_hash = model::blake2(a.feedback.as_bytes());
    let suggestion_hash = a.suggestion.as_ref().map(|s| model::blake2(s.as_bytes()));
    let (version, landed) = chain
        .transact::<_, u32, ReviewError>(
            &signer,
            &dep,
            SuiteContract::PeerReview,
            "submit_review",
            &(
                a.id,
                p.revision,
                verdict,
                a.score,
                perspective,
                feedback_hash,
                a.feedback_uri.clone(),
                suggestion_hash,
                a.suggestion_uri.clone(),
            ),
            0,
        )
        .await?;
    done(
        ctx,
        format!(
            "review of proposal {} revision {}: {verdict:?} ({perspective:?}, score {}) in block {}{}",
            a.id,
            p.revision,
            a.score,
            landed.block,
            if version.unwrap_or(1) > 1 { " (amends your earlier review)" } else { "" }
        ),
        json!({"id": a.id, "revision": p.revision, "version": version, "block": landed.block,
               "verdict": format!("{verdict:?}"), "perspective": format!("{perspective:?}")}),
    )
}

/// `vote`.
pub async fn vote(ctx: &Ctx, a: &VoteArgs) -> Result<()> {
    let (dep, chain, signer) = open(ctx, &a.suri).await?;
    let choice = model::parse_choice(&a.choice)?;
    let rationale_hash = if a.rationale.is_empty() {
        [0u8; 32]
    } else {
        model::blake2(a.rationale.as_bytes())
    };
    let (landed, how) = match &a.sign.sign_with {
        None => {
            let (_, landed) = chain
                .transact::<_, (), VotingError>(
                    &signer,
                    &dep,
                    SuiteContract::Voting,
                    "cast_vote",
                    &(a.id, choice, rationale_hash),
                    0,
                )
                .await?;
            (landed, format!("by {}", short(&signer.account_id().0)))
        }
        Some(key_file) => {
            let key = AgentKey::load(key_file)?;
            let voter = match &a.voter {
                Some(v) => model::parse_account(v)?,
                None => signed_author(&chain, &dep, &key).await?,
            };
            let payload = agora_types::VotePayload {
                chain_tag: dep.chain_tag.clone(),
                contract: dep.address(SuiteContract::Voting)?.into(),
                voter: voter.into(),
                deadline: chain.best_block().await?.saturating_add(a.sign.deadline_in),
                proposal: a.id,
                choice,
                rationale_hash,
            };
            let envelope = agent::Envelope::vote(&payload, &key);
            a.sign.save(&envelope)?;
            let (_, landed) = agent::relay_envelope(&chain, &dep, &signer, &envelope).await?;
            (
                landed,
                format!(
                    "signed by {} and relayed by {}",
                    short(&voter),
                    short(&signer.account_id().0)
                ),
            )
        }
    };
    done(
        ctx,
        format!(
            "vote {choice:?} on proposal {} {how} in block {}",
            a.id, landed.block
        ),
        json!({"id": a.id, "choice": format!("{choice:?}"), "block": landed.block}),
    )
}

/// When the current stage's transition is allowed: the first block a transaction may land in.
fn due_block(p: &Proposal, state: ProposalState) -> Option<(u32, &'static str)> {
    match state {
        ProposalState::InReview => Some((p.review_closes_at.saturating_add(1), "close_review")),
        ProposalState::Voting => p
            .voting_closes_at
            .map(|c| (c.saturating_add(1), "close_voting")),
        ProposalState::Queued => p.eta.map(|e| (e, "execute")),
        _ => None,
    }
}

async fn wait_until_due(
    ctx: &Ctx,
    chain: &Chain,
    signer: &crate::chain::Signer,
    due: u32,
) -> Result<()> {
    let network = ctx.network()?;
    // A transaction sent at head N lands in N + 1.
    let head = chain.best_block().await?;
    if head.saturating_add(1) >= due {
        return Ok(());
    }
    if !ctx.json() {
        println!(
            "waiting for block {due} ({} blocks{})",
            due - head - 1,
            if network.instant_seal {
                ", made by remarks on this instant-seal node"
            } else {
                ""
            }
        );
    }
    chain
        .reach_block(signer, due.saturating_sub(1), network.instant_seal)
        .await?;
    Ok(())
}

/// `advance`: close review or voting when due.
pub async fn advance(ctx: &Ctx, a: &AdvanceArgs) -> Result<()> {
    let (dep, chain, signer) = open(ctx, &a.suri).await?;
    let (p, state) = proposal(&chain, &dep, a.id).await?;
    let (due, label) = match due_block(&p, state) {
        Some((d, l)) if l != "execute" => (d, l),
        _ => bail!(
            "proposal {} is {state:?}: nothing to advance ({})",
            a.id,
            match state {
                ProposalState::Succeeded => "queue it: `agora queue`",
                ProposalState::Queued => "execute it when due: `agora execute`",
                _ => "it is final",
            }
        ),
    };
    let head = chain.best_block().await?;
    if head.saturating_add(1) < due {
        if !a.wait {
            let remaining = due - head - 1;
            return done(
                ctx,
                format!(
                    "proposal {} is {state:?}: {label} is due in {remaining} block(s) (from block {due}; head {head}). Re-run then, or pass --wait",
                    a.id
                ),
                json!({"id": a.id, "state": format!("{state:?}"), "due_in_blocks": remaining, "due_block": due, "advanced": false}),
            );
        }
        wait_until_due(ctx, &chain, &signer, due).await?;
    }
    let (new_state, landed) = chain
        .transact::<_, ProposalState, ProposalError>(
            &signer,
            &dep,
            SuiteContract::Proposals,
            label,
            &a.id,
            0,
        )
        .await?;
    let (_, now) = proposal(&chain, &dep, a.id).await?;
    let _ = new_state;
    done(
        ctx,
        format!(
            "proposal {}: {label} in block {} → {now:?}",
            a.id, landed.block
        ),
        json!({"id": a.id, "state": format!("{now:?}"), "block": landed.block, "advanced": true}),
    )
}

/// `queue`.
pub async fn queue(ctx: &Ctx, a: &IdArgs) -> Result<()> {
    let (dep, chain, signer) = open(ctx, &a.suri).await?;
    let (_, landed) = chain
        .transact::<_, (u32, u32), ProposalError>(
            &signer,
            &dep,
            SuiteContract::Proposals,
            "queue",
            &a.id,
            0,
        )
        .await?;
    // The window depends on the block the transaction landed in, which the dry run (one
    // block earlier) cannot know: read it back.
    let (p, _) = proposal(&chain, &dep, a.id).await?;
    let (eta, expires) = (p.eta.unwrap_or(0), p.expires_at.unwrap_or(0));
    done(
        ctx,
        format!(
            "proposal {} queued in block {}: executable from block {eta} until before {expires}",
            a.id, landed.block
        ),
        json!({"id": a.id, "eta": eta, "expires_at": expires, "block": landed.block}),
    )
}

/// `execute`.
pub async fn execute(ctx: &Ctx, a: &AdvanceArgs) -> Result<()> {
    let (dep, chain, signer) = open(ctx, &a.suri).await?;
    let (p, state) = proposal(&chain, &dep, a.id).await?;
    if state == ProposalState::Queued {
        if let Some(eta) = p.eta {
            let head = chain.best_block().await?;
            if head.saturating_add(1) < eta && !a.wait {
                return done(
                    ctx,
                    format!(
                        "proposal {} is queued: executable from block {eta}, {} block(s) from now. Re-run then, or pass --wait",
                        a.id,
                        eta - head - 1
                    ),
                    json!({"id": a.id, "due_block": eta, "due_in_blocks": eta - head - 1, "executed": false}),
                );
            }
            wait_until_due(ctx, &chain, &signer, eta).await?;
        }
    }
    let treasury_before: u128 = chain
        .query(&dep, SuiteContract::Proposals, "treasury", &())
        .await?;
    let (_, landed) = chain
        .transact::<_, (), ProposalError>(
            &signer,
            &dep,
            SuiteContract::Proposals,
            "execute",
            &a.id,
            0,
        )
        .await?;
    let treasury_after: u128 = chain
        .query(&dep, SuiteContract::Proposals, "treasury", &())
        .await?;
    done(
        ctx,
        format!(
            "proposal {} executed in block {}; treasury {} → {}",
            a.id, landed.block, treasury_before, treasury_after
        ),
        json!({"id": a.id, "block": landed.block, "executed": true,
               "treasury_before": treasury_before.to_string(), "treasury_after": treasury_after.to_string()}),
    )
}

/// `cancel`.
pub async fn cancel(ctx: &Ctx, a: &IdArgs) -> Result<()> {
    let (dep, chain, signer) = open(ctx, &a.suri).await?;
    let (_, landed) = chain
        .transact::<_, (), ProposalError>(
            &signer,
            &dep,
            SuiteContract::Proposals,
            "cancel",
            &a.id,
            0,
        )
        .await?;
    done(
        ctx,
        format!("proposal {} cancelled in block {}", a.id, landed.block),
        json!({"id": a.id, "block": landed.block}),
    )
}

/// `deposit`.
pub async fn deposit(ctx: &Ctx, a: &DepositArgs) -> Result<()> {
    let (dep, chain, signer) = open(ctx, &a.suri).await?;
    let (_, landed) = chain
        .transact::<_, (), ProposalError>(
            &signer,
            &dep,
            SuiteContract::Proposals,
            "deposit",
            &(),
            a.amount,
        )
        .await?;
    let treasury: u128 = chain
        .query(&dep, SuiteContract::Proposals, "treasury", &())
        .await?;
    done(
        ctx,
        format!(
            "deposited {} in block {}; treasury now {treasury}",
            a.amount, landed.block
        ),
        json!({"block": landed.block, "treasury": treasury.to_string()}),
    )
}

/// Everything known about a proposal, as JSON.
pub async fn proposal_report(chain: &Chain, dep: &Deployment, id: ProposalId) -> Result<Value> {
    let (p, state) = proposal(chain, dep, id).await?;
    let mut revisions = Vec::new();
    for n in 1..=p.revision {
        let r: Option<RevisionRecord> = chain
            .query(dep, SuiteContract::Proposals, "revision", &(id, n))
            .await?;
        let Some(r) = r else { continue };
        let round: Option<ReviewRound> = chain
            .query(dep, SuiteContract::PeerReview, "round", &(id, n))
            .await?;
        let reviews = all_reviews(chain, dep, id, n).await?;
        let mut doc = model::revision_json(n, &r);
        doc["round"] = round.map_or(Value::Null, |r| {
            json!({"opened_at": r.opened_at, "closes_at": r.closes_at, "reviews": r.reviews,
                   "approvals": r.approvals, "change_requests": r.change_requests, "rejections": r.rejections,
                   "perspectives_covered": model::perspective_names(r.perspectives_covered),
                   "required_perspectives": model::perspective_names(r.rules.required_perspectives),
                   "min_reviews": r.rules.min_reviews, "transcript": hex0x(&r.transcript), "closed": r.closed})
        });
        doc["reviews"] = json!(reviews.iter().map(model::review_json).collect::<Vec<_>>());
        revisions.push(doc);
    }
    let ballot: Option<Ballot> = chain
        .query(dep, SuiteContract::Voting, "ballot", &id)
        .await?;
    let votes = match &ballot {
        Some(_) => all_votes(chain, dep, id).await?,
        None => Vec::new(),
    };
    let entries = subject_entries(chain, dep, id).await?;
    let head = chain.best_block().await?;
    let mut doc = model::proposal_json(&p, state);
    doc["head"] = json!(head);
    doc["next"] = match due_block(&p, state) {
        Some((due, label)) => json!({"step": label, "due_block": due,
            "due_in_blocks": due.saturating_sub(head.saturating_add(1))}),
        None => Value::Null,
    };
    doc["revisions"] = json!(revisions);
    doc["ballot"] = ballot.as_ref().map_or(Value::Null, model::ballot_json);
    doc["votes"] = json!(votes.iter().map(model::vote_json).collect::<Vec<_>>());
    doc["log"] = json!(entries.iter().map(model::entry_json).collect::<Vec<_>>());
    Ok(doc)
}

/// Every review version of a round, page by page.
pub async fn all_reviews(
    chain: &Chain,
    dep: &Deployment,
    id: ProposalId,
    revision: u32,
) -> Result<Vec<Review>> {
    let reviews = chain
        .paged::<_, Review, ReviewError>(
            dep,
            SuiteContract::PeerReview,
            "reviews",
            REVIEWS_PAGE,
            |from| (id, revision, from as u32, REVIEWS_PAGE),
        )
        .await?;
    match reviews {
        Ok(all) => Ok(all),
        Err(ReviewError::UnknownRound) => Ok(Vec::new()),
        Err(e) => bail!("reviews of {id}/{revision}: {e:?}"),
    }
}

/// Every vote of a ballot, page by page.
pub async fn all_votes(chain: &Chain, dep: &Deployment, id: ProposalId) -> Result<Vec<Vote>> {
    chain
        .paged::<_, Vote, VotingError>(
            dep,
            SuiteContract::Voting,
            "votes",
            MAX_VOTES_PAGE,
            |from| (id, from as u32, MAX_VOTES_PAGE),
        )
        .await?
        .map_err(|e| anyhow!("votes of {id}: {e:?}"))
}

/// A proposal's log entries, page by page.
pub async fn subject_entries(
    chain: &Chain,
    dep: &Deployment,
    id: ProposalId,
) -> Result<Vec<HashedEntry>> {
    chain
        .paged::<_, HashedEntry, agora_types::LogError>(
            dep,
            SuiteContract::DecisionLog,
            "entries_for",
            MAX_LOG_PAGE,
            |from| (id, from, MAX_LOG_PAGE),
        )
        .await?
        .map_err(|e| anyhow!("log entries of {id}: {e:?}"))
}

/// `status`.
pub async fn status(ctx: &Ctx, a: &StatusArgs) -> Result<()> {
    let dep = ctx.deployment()?;
    let chain = ctx.connect().await?;
    let mut doc = proposal_report(&chain, &dep, a.id).await?;
    if a.fetch {
        if let Some(revs) = doc["revisions"].as_array_mut() {
            for r in revs {
                let uri = r["uri"].as_str().unwrap_or_default().to_owned();
                let hash = r["content_hash"].as_str().unwrap_or_default().to_owned();
                r["fetched"] = agent::check_content(&uri, &hash, &ctx.root).await;
            }
        }
    }
    if ctx.json() {
        return print_json(&doc);
    }
    print_status(&doc);
    Ok(())
}

fn print_status(doc: &Value) {
    let s = |v: &Value| {
        v.as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| v.to_string())
    };
    println!(
        "proposal {} — {}  (author {} {}, revision {}, head block {})",
        doc["id"],
        s(&doc["state"]),
        s(&doc["author"]),
        s(&doc["author_kind"]),
        doc["revision"],
        doc["head"]
    );
    if let Some(next) = doc["next"].as_object() {
        println!(
            "  next: {} from block {} ({} block(s) to go)",
            s(&next["step"]),
            next["due_block"],
            next["due_in_blocks"]
        );
    }
    for r in doc["revisions"].as_array().into_iter().flatten() {
        println!(
            "  revision {}: content {}  {}",
            r["revision"],
            s(&r["content_hash"]),
            s(&r["uri"])
        );
        for a in r["action_summaries"].as_array().into_iter().flatten() {
            println!("    action: {}", s(a));
        }
        if let Some(f) = r.get("fetched") {
            println!("    content: {}", s(&f["verdict"]));
        }
        if let Some(round) = r["round"].as_object() {
            println!(
                "    review round {}–{}: {} review(s), {} approve / {} changes / {} reject; covered {} of required {}{}",
                round["opened_at"], round["closes_at"], round["reviews"], round["approvals"], round["change_requests"],
                round["rejections"], round["perspectives_covered"], round["required_perspectives"],
                if round["closed"] == json!(true) { " (closed)" } else { "" }
            );
        }
        for rv in r["reviews"].as_array().into_iter().flatten() {
            println!(
                "      {} from {} ({}): score {}{}",
                s(&rv["verdict"]),
                s(&rv["reviewer"]),
                s(&rv["perspective"]),
                rv["score"],
                if rv["suggestion_hash"].is_null() {
                    String::new()
                } else {
                    format!(", suggests {}", s(&rv["suggestion_uri"]))
                }
            );
        }
    }
    if let Some(b) = doc["ballot"].as_object() {
        println!(
            "  ballot (snapshot {}, closes {}): humans for {} / against {} / abstain {}; agents for {} / against {} / abstain {}; total weight {}; quorum {} bps, threshold {} bps{}",
            b["snapshot_block"], b["closes_at"], s(&b["humans"]["for"]), s(&b["humans"]["against"]), s(&b["humans"]["abstain"]),
            s(&b["agents"]["for"]), s(&b["agents"]["against"]), s(&b["agents"]["abstain"]), s(&b["total_weight"]),
            b["quorum_bps"], b["approval_threshold_bps"], if b["closed"] == json!(true) { " (closed)" } else { "" }
        );
        for v in doc["votes"].as_array().into_iter().flatten() {
            println!(
                "    {} {} weight {}{}",
                s(&v["voter"]),
                s(&v["choice"]),
                s(&v["weight"]),
                if v["relayed"] == json!(true) {
                    " (signed, relayed)"
                } else {
                    ""
                }
            );
        }
    }
    println!(
        "  decision log entries: {}",
        doc["log"].as_array().map_or(0, Vec::len)
    );
    for e in doc["log"].as_array().into_iter().flatten() {
        println!(
            "    #{:<4} block {:<5} {}",
            e["index"],
            e["block"],
            s(&e["kind"])
        );
    }
}

/// `proposals`.
pub async fn list(ctx: &Ctx, a: &ListArgs) -> Result<()> {
    let dep = ctx.deployment()?;
    let chain = ctx.connect().await?;
    let mut rows = Vec::new();
    let mut from = a.from;
    let mut left = a.limit;
    while left > 0 {
        let n = left.min(PROPOSALS_PAGE);
        let page: core::result::Result<Vec<Proposal>, ProposalError> = chain
            .query(&dep, SuiteContract::Proposals, "proposals", &(from, n))
            .await?;
        let page = page.map_err(|e| anyhow!("proposals: {e:?}"))?;
        let got = page.len() as u32;
        for p in page {
            let (_, state) = proposal(&chain, &dep, p.id).await?;
            rows.push((p, state));
        }
        if got < n {
            break;
        }
        from = from.saturating_add(got);
        left -= got;
    }
    if ctx.json() {
        return print_json(&json!(rows
            .iter()
            .map(|(p, s)| model::proposal_json(p, *s))
            .collect::<Vec<_>>()));
    }
    if rows.is_empty() {
        println!("no proposals yet");
        return Ok(());
    }
    println!(
        "{:>4}  {:<10} {:<15} {:>4}  {:<9}",
        "id", "state", "author", "rev", "kind"
    );
    for (p, s) in &rows {
        println!(
            "{:>4}  {:<10} {:<15} {:>4}  {:<9}",
            p.id,
            format!("{s:?}"),
            short(&account_bytes(&p.author)),
            p.revision,
            if p.author_kind == MemberKind::Agent {
                "agent"
            } else {
                "human"
            }
        );
    }
    Ok(())
}
