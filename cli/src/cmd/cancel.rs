//! `agora cancel`: withdraw your proposal before voting opens.

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
    },
};

/// Withdraw your proposal while it is in review.
#[derive(Debug, Args)]
pub struct CancelArgs {
    /// The proposal.
    #[arg(value_parser = parse_id)]
    pub id: ProposalId,
    /// The account that signs and pays.
    #[command(flatten)]
    pub suri: SuriArg,
}

/// A cancelled proposal.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Cancelled {
    /// The proposal.
    pub id: ProposalId,
    /// The block it was cancelled in.
    pub block: u32,
}

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "proposal {} cancelled in block {}", self.id, self.block)
    }
}

impl Report for Cancelled {}

impl Samples for Cancelled {
    fn samples() -> Vec<Self> {
        vec![Cancelled { id: 2, block: 50 }]
    }
}

impl CancelArgs {
    /// Cancels the proposal.
    pub async fn handle(&self, ctx: &Ctx) -> Result<Cancelled> {
        let (dep, chain, signer) = ctx.open(&self.suri.suri).await?;
        let (_, landed) = chain
            .transact::<_, (), ProposalError>(
                &signer,
                &dep,
                SuiteContract::Proposals,
                "cancel",
                &self.id,
                0,
            )
            .await?;
        Ok(Cancelled {
            id: self.id,
            block: landed.block,
        })
    }
}
