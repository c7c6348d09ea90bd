//! `agora queue`: queue a succeeded proposal behind the timelock.

use std::fmt;

use agora_types::{ProposalError, ProposalId};
use clap::Args;
use schemars::JsonSchema;
use serde::Serialize;

use crate::{
    cmd::args::SuriArg,
    core::{
        context::Ctx,
        contracts::SuiteContract,
        error::Result,
        output::{Report, Samples},
        parse::parse_id,
        reads,
    },
};

/// Queue a succeeded proposal behind the timelock.
#[derive(Debug, Args)]
pub struct QueueArgs {
    /// The proposal.
    #[arg(value_parser = parse_id)]
    pub id: ProposalId,
    /// The account that signs and pays.
    #[command(flatten)]
    pub suri: SuriArg,
}

/// A queued proposal and its execution window.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Queued {
    /// The proposal.
    pub id: ProposalId,
    /// The block it was queued in.
    pub block: u32,
    /// The first block it may execute in.
    pub eta: u32,
    /// The first block it may no longer execute in.
    pub expires_at: u32,
}

impl fmt::Display for Queued {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "proposal {} queued in block {}: executable from block {} until before {}",
            self.id, self.block, self.eta, self.expires_at
        )
    }
}

impl Report for Queued {}

impl Samples for Queued {
    fn samples() -> Vec<Self> {
        vec![Queued {
            id: 1,
            block: 40,
            eta: 43,
            expires_at: 63,
        }]
    }
}

impl QueueArgs {
    /// Queues the proposal.
    pub async fn handle(&self, ctx: &Ctx) -> Result<Queued> {
        let (dep, chain, signer) = ctx.open(&self.suri.suri).await?;
        let (_, landed) = chain
            .transact::<_, (u32, u32), ProposalError>(
                &signer,
                &dep,
                SuiteContract::Proposals,
                "queue",
                &self.id,
                0,
            )
            .await?;
        // The window depends on the block the transaction landed in, which the dry run (one
        // block earlier) cannot know: read it back.
        let (p, _) = reads::proposal(&chain, &dep, self.id).await?;
        Ok(Queued {
            id: self.id,
            block: landed.block,
            eta: p.eta.unwrap_or(0),
            expires_at: p.expires_at.unwrap_or(0),
        })
    }
}
