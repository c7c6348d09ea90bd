//! `agora revise`: a new revision of your proposal while it is in review.

use std::fmt;

use agora_types::{ProposalError, ProposalId, RevisionPayload};
use clap::Args;
use schemars::JsonSchema;
use serde::Serialize;

use crate::{
    cmd::args::{ContentArgs, SignArgs, Signed, SuriArg},
    core::{
        context::Ctx,
        contracts::SuiteContract,
        encoding::account_bytes,
        error::Result,
        json::{Hex, Ss58},
        keys::{account_signer, AgentKey},
        output::{Report, Samples},
        parse::parse_id,
        reads,
        relay::relay_envelope,
        wire::Envelope,
    },
};

/// Revise your proposal while it is in review (directly, or signed with the agent key and
/// relayed); the revision number is the current one + 1 and a new review round opens.
#[derive(Debug, Args)]
pub struct ReviseArgs {
    /// The proposal.
    #[arg(value_parser = parse_id)]
    pub id: ProposalId,
    /// What the proposal says and does.
    #[command(flatten)]
    pub content: ContentArgs,
    /// Signing with an agent key instead.
    #[command(flatten)]
    pub sign: SignArgs,
    /// The account that signs and pays.
    #[command(flatten)]
    pub suri: SuriArg,
}

/// A submitted revision.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Revised {
    /// The proposal.
    pub id: ProposalId,
    /// The new revision number (as the dry run predicted).
    pub revision: Option<u32>,
    /// The block it landed in.
    pub block: u32,
    /// blake2-256 of its text.
    pub content_hash: Hex,
    /// Its actions.
    pub actions: Vec<agora_types::Action>,
    /// For a signed revision: who signed and relayed.
    pub signed: Option<Signed>,
}

impl fmt::Display for Revised {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "proposal {} revised to revision {} in block {}{}; a new review round is open",
            self.id,
            self.revision
                .map_or_else(|| "?".to_owned(), |r| r.to_string()),
            self.block,
            if self.signed.is_some() {
                " (signed and relayed)"
            } else {
                ""
            }
        )
    }
}

impl Report for Revised {}

impl Samples for Revised {
    fn samples() -> Vec<Self> {
        vec![Revised {
            id: 1,
            revision: Some(2),
            block: 20,
            content_hash: Hex::of(&[3; 32]),
            actions: vec![],
            signed: Some(Signed {
                key: Hex::of(&[3; 33]),
                signer_account: Ss58::of(&[5; 32]),
                relayer: Ss58::of(&[6; 32]),
                nonce: None,
                deadline: 120,
                envelope_file: None,
            }),
        }]
    }
}

impl ReviseArgs {
    /// Submits the revision.
    pub async fn handle(&self, ctx: &Ctx) -> Result<Revised> {
        let dep = ctx.deployment()?;
        let (content_hash, actions) = self.content.resolve()?;
        let chain = ctx.connect_for(&dep).await?;
        let signer = account_signer(&self.suri.suri)?;
        let (p, _) = reads::proposal(&chain, &dep, self.id).await?;
        let (revision, landed, signed) = match &self.sign.sign_with {
            None => {
                let (r, landed) = chain
                    .transact::<_, u32, ProposalError>(
                        &signer,
                        &dep,
                        SuiteContract::Proposals,
                        "revise",
                        &(
                            self.id,
                            content_hash,
                            self.content.uri.clone(),
                            actions.clone(),
                        ),
                        0,
                    )
                    .await?;
                (r, landed, None)
            }
            Some(key_file) => {
                let key = AgentKey::load(key_file)?;
                let deadline = chain
                    .best_block()
                    .await?
                    .saturating_add(self.sign.deadline_in);
                let payload = RevisionPayload {
                    chain_tag: dep.chain_tag.clone(),
                    hub: dep.address(SuiteContract::Proposals)?.into(),
                    author: p.author,
                    deadline,
                    proposal: self.id,
                    revision: p.revision.saturating_add(1),
                    content_hash,
                    uri: self.content.uri.clone(),
                    actions: actions.clone(),
                };
                let envelope = Envelope::revision(&payload, &key);
                self.sign.save(&envelope)?;
                let (_, r, landed) = relay_envelope(&chain, &dep, &signer, &envelope).await?;
                let signed = Signed {
                    key: Hex::of(&key.public()),
                    signer_account: Ss58::of(&account_bytes(&p.author)),
                    relayer: Ss58::of(&signer.account_id().0),
                    nonce: None,
                    deadline,
                    envelope_file: self
                        .sign
                        .save_envelope
                        .as_ref()
                        .map(|p| p.display().to_string()),
                };
                (r, landed, Some(signed))
            }
        };
        Ok(Revised {
            id: self.id,
            revision,
            block: landed.block,
            content_hash: Hex::of(&content_hash),
            actions: actions.to_vec(),
            signed,
        })
    }
}
