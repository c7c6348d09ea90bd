//! `agora execute`: run a queued proposal's actions once its timelock has passed.

use std::fmt;

use agora_types::{ProposalError, ProposalId, ProposalState};
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
        parse::parse_id,
        reads,
    },
};

/// Execute a queued proposal once its timelock has passed; before that say how long to wait
/// (`--wait` waits).
#[derive(Debug, Args)]
pub struct ExecuteArgs {
    /// The proposal.
    #[arg(value_parser = parse_id)]
    pub id: ProposalId,
    /// Wait until the timelock has passed (on an instant-seal node, make the blocks); a
    /// terminal shows the blocks to go and a time estimate.
    #[arg(long)]
    pub wait: bool,
    /// The account that signs and pays.
    #[command(flatten)]
    pub suri: SuriArg,
}

/// What `execute` did, or how long to wait.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Executed {
    /// The proposal.
    pub id: ProposalId,
    /// Whether it was executed.
    pub executed: bool,
    /// The block it was executed in.
    pub block: Option<u32>,
    /// The first block it may execute in (when queued).
    pub due_block: Option<u32>,
    /// Blocks still to wait (0 once executed).
    pub due_in_blocks: u32,
    /// The treasury before.
    pub treasury_before: Option<Dec>,
    /// The treasury after.
    pub treasury_after: Option<Dec>,
}

impl fmt::Display for Executed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.executed, self.block) {
            (true, Some(block)) => write!(
                f,
                "proposal {} executed in block {block}; treasury {} → {}",
                self.id,
                self.treasury_before.unwrap_or_default(),
                self.treasury_after.unwrap_or_default()
            ),
            _ => write!(
                f,
                "proposal {} is queued: executable from block {}, {} block(s) from now. Re-run then, or pass --wait",
                self.id,
                self.due_block.unwrap_or_default(),
                self.due_in_blocks
            ),
        }
    }
}

impl Report for Executed {}

impl Samples for Executed {
    fn samples() -> Vec<Self> {
        vec![
            Executed {
                id: 1,
                executed: false,
                block: None,
                due_block: Some(43),
                due_in_blocks: 2,
                treasury_before: None,
                treasury_after: None,
            },
            Executed {
                id: 1,
                executed: true,
                block: Some(43),
                due_block: Some(43),
                due_in_blocks: 0,
                treasury_before: Some(Dec(u128::MAX)),
                treasury_after: Some(Dec(0)),
            },
        ]
    }
}

impl ExecuteArgs {
    /// Executes the proposal when due (waiting for it with `--wait`).
    pub async fn handle(&self, ctx: &Ctx) -> Result<Executed> {
        let (dep, chain, signer) = ctx.open(&self.suri.suri).await?;
        let (p, state) = reads::proposal(&chain, &dep, self.id).await?;
        let eta = p.eta.filter(|_| state == ProposalState::Queued);
        if let Some(eta) = eta {
            let head = chain.best_block().await?;
            if head.saturating_add(1) < eta {
                if !self.wait {
                    return Ok(Executed {
                        id: self.id,
                        executed: false,
                        block: None,
                        due_block: Some(eta),
                        due_in_blocks: eta - head - 1,
                        treasury_before: None,
                        treasury_after: None,
                    });
                }
                ctx.wait_until_due(&chain, &signer, eta).await?;
            }
        }
        let treasury = || chain.query::<_, u128>(&dep, SuiteContract::Proposals, "treasury", &());
        let before = treasury().await?;
        let (_, landed) = chain
            .transact::<_, (), ProposalError>(
                &signer,
                &dep,
                SuiteContract::Proposals,
                "execute",
                &self.id,
                0,
            )
            .await?;
        let after = treasury().await?;
        Ok(Executed {
            id: self.id,
            executed: true,
            block: Some(landed.block),
            due_block: eta,
            due_in_blocks: 0,
            treasury_before: Some(Dec(before)),
            treasury_after: Some(Dec(after)),
        })
    }
}
