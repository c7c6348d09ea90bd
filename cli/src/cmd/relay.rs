//! `agora relay`: submit anyone's signed envelope (proposal, revision or vote).

use std::{fmt, path::PathBuf};

use clap::Args;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    context::Ctx,
    error::Result,
    json::{Hex, Ss58},
    keys::account_signer,
    output::{Report, Samples},
    relay::relay_envelope,
    wire::{Envelope, EnvelopeKind},
};

/// Submit anyone's signed envelope (from `agora agent sign-*`, or the Python reference
/// signer): the relayer pays the fee and need not be a member.
#[derive(Debug, Args)]
pub struct RelayArgs {
    /// The envelope file.
    pub envelope: PathBuf,
    /// The relayer's account secret (pays the fee; need not be a member).
    #[arg(long, env = "AGORA_SURI")]
    pub suri: String,
}

/// What the envelope carried.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relayable {
    /// A signed proposal.
    Proposal,
    /// A signed revision.
    Revision,
    /// A signed vote.
    Vote,
}

/// A relayed envelope.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Relayed {
    /// Proposal, revision or vote.
    pub kind: Relayable,
    /// For a proposal: its new id; for a revision: the new revision number (as the dry run
    /// predicted).
    pub result: Option<u32>,
    /// The block it landed in.
    pub block: u32,
    /// The extrinsic's hash.
    pub extrinsic: Hex,
    /// Who relayed (and paid).
    pub relayer: Ss58,
}

impl fmt::Display for Relayed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, what) = match (self.kind, self.result) {
            (Relayable::Proposal, Some(id)) => ("proposal", format!("proposal {id} submitted")),
            (Relayable::Proposal, None) => ("proposal", "proposal submitted".to_owned()),
            (Relayable::Revision, Some(r)) => ("revision", format!("revision {r} submitted")),
            (Relayable::Revision, None) => ("revision", "revision submitted".to_owned()),
            (Relayable::Vote, _) => ("vote", "vote cast".to_owned()),
        };
        write!(f, "relayed signed {kind}: {what} in block {}", self.block)
    }
}

impl Report for Relayed {}

impl Samples for Relayed {
    fn samples() -> Vec<Self> {
        vec![
            Relayed {
                kind: Relayable::Proposal,
                result: Some(2),
                block: 60,
                extrinsic: Hex::of(&[7; 32]),
                relayer: Ss58::of(&[6; 32]),
            },
            Relayed {
                kind: Relayable::Vote,
                result: None,
                block: 61,
                extrinsic: Hex::of(&[8; 32]),
                relayer: Ss58::of(&[6; 32]),
            },
        ]
    }
}

impl RelayArgs {
    /// Checks and submits the envelope.
    pub async fn handle(&self, ctx: &Ctx) -> Result<Relayed> {
        let envelope = Envelope::read(&self.envelope)?;
        let dep = ctx.deployment()?;
        let chain = ctx.connect_for(&dep).await?;
        let relayer = account_signer(&self.suri)?;
        let (kind, result, landed) = relay_envelope(&chain, &dep, &relayer, &envelope).await?;
        Ok(Relayed {
            kind: match kind {
                EnvelopeKind::Proposal => Relayable::Proposal,
                EnvelopeKind::Revision => Relayable::Revision,
                EnvelopeKind::Vote => Relayable::Vote,
            },
            result,
            block: landed.block,
            extrinsic: Hex(landed.extrinsic_hash.to_lowercase()),
            relayer: Ss58::of(&relayer.account_id().0),
        })
    }
}
