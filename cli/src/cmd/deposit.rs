//! `agora deposit`: pay native tokens into the treasury.

use std::fmt;

use agora_types::ProposalError;
use clap::Args;
use schemars::JsonSchema;
use serde::Serialize;

use crate::{
    cmd::args::SuriArg,
    core::{
        context::Ctx,
        contracts::SuiteContract,
        error::Result,
        json::Dec,
        output::{Report, Samples},
        parse::parse_amount,
    },
};

/// Send native tokens to the treasury.
#[derive(Debug, Args)]
pub struct DepositArgs {
    /// Amount in the chain's smallest unit (at least 1).
    #[arg(value_parser = parse_amount)]
    pub amount: u128,
    /// The account that signs and pays.
    #[command(flatten)]
    pub suri: SuriArg,
}

/// A deposit and the treasury after it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Deposited {
    /// The amount paid in.
    pub amount: Dec,
    /// The block it landed in.
    pub block: u32,
    /// The treasury now.
    pub treasury: Dec,
}

impl fmt::Display for Deposited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "deposited {} in block {}; treasury now {}",
            self.amount, self.block, self.treasury
        )
    }
}

impl Report for Deposited {}

impl Samples for Deposited {
    fn samples() -> Vec<Self> {
        vec![Deposited {
            amount: Dec(1_000),
            block: 5,
            treasury: Dec(1_000_000_000_000_000_000_000),
        }]
    }
}

impl DepositArgs {
    /// Pays the deposit.
    pub async fn handle(&self, ctx: &Ctx) -> Result<Deposited> {
        let (dep, chain, signer) = ctx.open(&self.suri.suri).await?;
        let (_, landed) = chain
            .transact::<_, (), ProposalError>(
                &signer,
                &dep,
                SuiteContract::Proposals,
                "deposit",
                &(),
                self.amount,
            )
            .await?;
        let treasury: u128 = chain
            .query(&dep, SuiteContract::Proposals, "treasury", &())
            .await?;
        Ok(Deposited {
            amount: Dec(self.amount),
            block: landed.block,
            treasury: Dec(treasury),
        })
    }
}
