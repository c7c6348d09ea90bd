//! `agora member add|list|show`: members of the registry.

use std::{fmt, path::PathBuf};

use agora_types::{KeyBinding, RegistryError, ReviewerRecord};
use clap::{Args, Subcommand};
use ink::primitives::AccountId;
use schemars::JsonSchema;
use serde::Serialize;

use crate::{
    cmd::args::SuriArg,
    core::{
        context::Ctx,
        contract_error::ContractError,
        contracts::SuiteContract,
        encoding::{parse_account, ss58},
        error::Result,
        json::{Hex, Name, Ss58},
        keys::AgentKey,
        output::{Report, Samples},
        parse::{parse_uri, parse_weight, perspective_set, KindArg, PerspectiveArg},
        reads,
        render::{list, table},
        views::MemberView,
        wire::profile,
    },
};

/// Members: add (before the handover), list, show.
#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Register a member directly: only the registry's admin may, i.e. the deployer before
    /// the handover. After it, members join by proposal (a `register_member` action).
    Add(MemberAddArgs),
    /// List every member.
    List(MemberListArgs),
    /// One member with its reviewer record.
    Show(MemberShowArgs),
}

/// Options of `member add`.
#[derive(Debug, Args)]
pub struct MemberAddArgs {
    /// The new member (SS58 or dev name).
    pub account: String,
    /// The member's kind.
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: KindArg,
    /// Perspectives, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        ignore_case = true,
        required = true
    )]
    pub perspectives: Vec<PerspectiveArg>,
    /// Voting weight (1 to MAX_MEMBER_WEIGHT).
    #[arg(long, value_parser = parse_weight)]
    pub weight: u128,
    /// Profile URI.
    #[arg(long, default_value = "", value_parser = parse_uri)]
    pub uri: String,
    /// An agent's operator.
    #[arg(long)]
    pub operator: Option<String>,
    /// An agent's key file to bind.
    #[arg(long)]
    pub key_file: Option<PathBuf>,
    /// The account that signs and pays.
    #[command(flatten)]
    pub suri: SuriArg,
}

/// Options of `member list` (none).
#[derive(Debug, Args)]
pub struct MemberListArgs {}

/// Options of `member show`.
#[derive(Debug, Args)]
pub struct MemberShowArgs {
    /// SS58 address or dev name.
    pub account: String,
}

/// What `member add` did.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MemberAdded {
    /// The new member.
    pub account: Ss58,
    /// The block it was registered in.
    pub block: u32,
    /// The key bound at registration, if any.
    pub signing_key: Option<Hex>,
}

impl fmt::Display for MemberAdded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "registered {} in block {}", self.account, self.block)?;
        if let Some(k) = &self.signing_key {
            write!(f, " (signing key {k} bound)")?;
        }
        Ok(())
    }
}

impl Report for MemberAdded {}

impl Samples for MemberAdded {
    fn samples() -> Vec<Self> {
        vec![
            MemberAdded {
                account: Ss58::of(&[1; 32]),
                block: 7,
                signing_key: None,
            },
            MemberAdded {
                account: Ss58::of(&[2; 32]),
                block: 8,
                signing_key: Some(Hex::of(&[2; 33])),
            },
        ]
    }
}

/// Every member of the registry.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MemberList {
    /// The members, in registration order.
    pub members: Vec<MemberView>,
}

impl fmt::Display for MemberList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.members.is_empty() {
            return write!(f, "no members yet");
        }
        let mut t = table(
            &["account", "kind", "perspectives", "weight", "status", "key"],
            &[3],
        );
        for m in &self.members {
            t.add_row(vec![
                m.account.to_string(),
                m.kind.to_string(),
                m.perspectives
                    .iter()
                    .map(Name::as_str)
                    .collect::<Vec<_>>()
                    .join("+"),
                m.weight.to_string(),
                m.status.to_string(),
                if m.signing_key.is_some() {
                    "bound".into()
                } else {
                    "-".into()
                },
            ]);
        }
        write!(f, "{t}")
    }
}

impl Report for MemberList {}

fn sample_member(seed: u8, agent: bool) -> MemberView {
    use agora_types::{
        Member, MemberKind, MemberProfile, MemberStatus, Perspective, PerspectiveSet,
    };
    MemberView::from(&Member {
        account: [seed; 32].into(),
        profile: MemberProfile {
            kind: if agent {
                MemberKind::Agent
            } else {
                MemberKind::Human
            },
            perspectives: PerspectiveSet::of(Perspective::Safety).with(Perspective::Ethics),
            weight: u128::from(seed) * 10,
            metadata_uri: "ipfs://profile".into(),
            operator: agent.then(|| [9u8; 32].into()),
        },
        signing_key: agent.then_some([2u8; 33]),
        status: MemberStatus::Active,
        joined_at: 3,
    })
}

impl Samples for MemberList {
    fn samples() -> Vec<Self> {
        vec![
            MemberList {
                members: vec![sample_member(1, false), sample_member(2, true)],
            },
            MemberList { members: vec![] },
        ]
    }
}

/// One member and its reviewer record.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MemberShown {
    /// The member.
    pub member: MemberView,
    /// Rounds reviewed in.
    pub reviews_given: u32,
    /// Of those, rounds settled after they closed.
    pub settled: u32,
    /// Of the settled rounds, those where the latest verdict agreed with the outcome.
    pub agreed_with_outcome: u32,
}

impl fmt::Display for MemberShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = &self.member;
        writeln!(f, "member {} ({}, {})", m.account, m.kind, m.status)?;
        writeln!(
            f,
            "  perspectives {}; weight {}; joined in block {}",
            list(&m.perspectives),
            m.weight,
            m.joined_at
        )?;
        if !m.metadata_uri.is_empty() {
            writeln!(f, "  profile {}", m.metadata_uri)?;
        }
        if let Some(o) = &m.operator {
            writeln!(f, "  operator {o}")?;
        }
        if let Some(k) = &m.signing_key {
            writeln!(f, "  signing key {k}")?;
        }
        write!(
            f,
            "  reviews given {}, settled {}, agreed with the outcome {}",
            self.reviews_given, self.settled, self.agreed_with_outcome
        )
    }
}

impl Report for MemberShown {}

impl Samples for MemberShown {
    fn samples() -> Vec<Self> {
        vec![MemberShown {
            member: sample_member(2, true),
            reviews_given: 3,
            settled: 2,
            agreed_with_outcome: 1,
        }]
    }
}

impl MemberAddArgs {
    /// Registers the member.
    pub async fn handle(&self, ctx: &Ctx) -> Result<MemberAdded> {
        let (dep, chain, signer) = ctx.open(&self.suri.suri).await?;
        let account = parse_account(&self.account)?;
        let profile = profile(
            self.kind.into(),
            perspective_set(&self.perspectives),
            self.weight,
            self.uri.clone(),
            self.operator.as_deref().map(parse_account).transpose()?,
        )?;
        let binding = match &self.key_file {
            Some(f) => {
                let key = AgentKey::load(f)?;
                let registry = dep.address(SuiteContract::AgentRegistry)?;
                Some(KeyBinding {
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
        let (_, landed) = r.map_err(|e| {
            let after_handover = e
                .downcast_ref::<ContractError>()
                .is_some_and(|c| c.error.is_not_admin());
            if after_handover {
                e.context("after the handover only the hub registers members: propose a register_member action (docs/cli.md)")
            } else {
                e
            }
        })?;
        Ok(MemberAdded {
            account: Ss58(ss58(&account)),
            block: landed.block,
            signing_key: binding.map(|b| Hex::of(&b.key)),
        })
    }
}

impl MemberListArgs {
    /// Lists the members.
    pub async fn handle(&self, ctx: &Ctx) -> Result<MemberList> {
        let dep = ctx.deployment()?;
        let chain = ctx.connect().await?;
        let members = reads::all_members(&chain, &dep).await?;
        Ok(MemberList {
            members: members.iter().map(MemberView::from).collect(),
        })
    }
}

impl MemberShowArgs {
    /// Reads the member and its reviewer record.
    pub async fn handle(&self, ctx: &Ctx) -> Result<MemberShown> {
        let dep = ctx.deployment()?;
        let chain = ctx.connect().await?;
        let account = parse_account(&self.account)?;
        let m = reads::member(&chain, &dep, account).await?;
        let record: ReviewerRecord = chain
            .query(
                &dep,
                SuiteContract::PeerReview,
                "reviewer_record",
                &AccountId::from(account),
            )
            .await?;
        Ok(MemberShown {
            member: MemberView::from(&m),
            reviews_given: record.reviews_given,
            settled: record.settled,
            agreed_with_outcome: record.agreed,
        })
    }
}
