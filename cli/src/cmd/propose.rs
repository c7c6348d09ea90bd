//! `agora propose`: submit a proposal, directly or signed with an agent key and relayed.

use std::fmt;

use agora_types::{ProposalError, ProposalId, ProposalPayload};
use clap::Args;
use schemars::JsonSchema;
use serde::Serialize;

use crate::{
    cmd::args::{ContentArgs, SignArgs, Signed, SuriArg},
    core::{
        context::Ctx,
        contracts::SuiteContract,
        error::Result,
        json::{Hex, Ss58, U64},
        keys::{account_signer, AgentKey},
        output::{Report, Samples},
        reads,
        relay::relay_envelope,
        render::short_ss58,
        wire::Envelope,
    },
};

/// Submit a proposal: its text's hash, where to read it, and what it does (directly, or
/// signed with an agent key and relayed; the author is then the member the key is bound to).
#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// What the proposal says and does.
    #[command(flatten)]
    pub content: ContentArgs,
    /// Signing with an agent key instead.
    #[command(flatten)]
    pub sign: SignArgs,
    /// For signed proposals: a number you have not used before (default: a fresh one).
    #[arg(long)]
    pub nonce: Option<u64>,
    /// The account that signs and pays.
    #[command(flatten)]
    pub suri: SuriArg,
}

/// A submitted proposal.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Proposed {
    /// Its id (as the dry run predicted).
    pub id: Option<ProposalId>,
    /// The block it landed in.
    pub block: u32,
    /// blake2-256 of its text.
    pub content_hash: Hex,
    /// Its actions.
    pub actions: Vec<agora_types::Action>,
    /// For a signed proposal: who signed and relayed.
    pub signed: Option<Signed>,
}

impl fmt::Display for Proposed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.id.map_or_else(|| "?".to_owned(), |i| i.to_string());
        let how = match &self.signed {
            None => "submitted".to_owned(),
            Some(s) => format!(
                "signed by {} (author {}, nonce {}) and relayed",
                s.key,
                short_ss58(&s.signer_account),
                s.nonce.map_or_else(|| "-".into(), |n| n.to_string())
            ),
        };
        write!(
            f,
            "proposal {id} {how} in block {}: {} action(s), content {}",
            self.block,
            self.actions.len(),
            self.content_hash
        )
    }
}

impl Report for Proposed {}

impl Samples for Proposed {
    fn samples() -> Vec<Self> {
        let transfer = agora_types::Action::Transfer {
            to: [4u8; 32].into(),
            amount: 300,
        };
        vec![
            Proposed {
                id: Some(1),
                block: 10,
                content_hash: Hex::of(&[1; 32]),
                actions: vec![transfer],
                signed: None,
            },
            Proposed {
                id: Some(2),
                block: 11,
                content_hash: Hex::of(&[2; 32]),
                actions: vec![],
                signed: Some(Signed {
                    key: Hex::of(&[2; 33]),
                    signer_account: Ss58::of(&[5; 32]),
                    relayer: Ss58::of(&[6; 32]),
                    nonce: Some(U64(u64::MAX)),
                    deadline: 110,
                    envelope_file: Some("envelope.json".into()),
                }),
            },
        ]
    }
}

/// A nonce nobody used before (microseconds since the epoch).
pub fn fresh_nonce() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
}

impl ProposeArgs {
    /// Submits the proposal.
    pub async fn handle(&self, ctx: &Ctx) -> Result<Proposed> {
        let dep = ctx.deployment()?;
        let (content_hash, actions) = self.content.resolve()?;
        let chain = ctx.connect_for(&dep).await?;
        let signer = account_signer(&self.suri.suri)?;
        let (id, landed, signed) = match &self.sign.sign_with {
            None => {
                let (id, landed) = chain
                    .transact::<_, ProposalId, ProposalError>(
                        &signer,
                        &dep,
                        SuiteContract::Proposals,
                        "submit",
                        &(content_hash, self.content.uri.clone(), actions.clone()),
                        0,
                    )
                    .await?;
                (id, landed, None)
            }
            Some(key_file) => {
                let key = AgentKey::load(key_file)?;
                let author = reads::member_by_key(&chain, &dep, &key.public()).await?;
                let nonce = self.nonce.unwrap_or_else(fresh_nonce);
                let deadline = chain
                    .best_block()
                    .await?
                    .saturating_add(self.sign.deadline_in);
                let payload = ProposalPayload {
                    chain_tag: dep.chain_tag.clone(),
                    hub: dep.address(SuiteContract::Proposals)?.into(),
                    author: author.into(),
                    nonce,
                    deadline,
                    content_hash,
                    uri: self.content.uri.clone(),
                    actions: actions.clone(),
                };
                let envelope = Envelope::proposal(&payload, &key);
                self.sign.save(&envelope)?;
                let (_, id, landed) = relay_envelope(&chain, &dep, &signer, &envelope).await?;
                let signed = Signed {
                    key: Hex::of(&key.public()),
                    signer_account: Ss58::of(&author),
                    relayer: Ss58::of(&signer.account_id().0),
                    nonce: Some(U64(nonce)),
                    deadline,
                    envelope_file: self
                        .sign
                        .save_envelope
                        .as_ref()
                        .map(|p| p.display().to_string()),
                };
                (id, landed, Some(signed))
            }
        };
        Ok(Proposed {
            id,
            block: landed.block,
            content_hash: Hex::of(&content_hash),
            actions: actions.to_vec(),
            signed,
        })
    }
}
