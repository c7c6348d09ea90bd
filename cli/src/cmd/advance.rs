//! `agora advance`: close a proposal's review or voting when it is due.

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
        error::{Failure, Result},
        json::Name,
        names::variant_name,
        output::{Report, Samples},
        parse::parse_id,
        reads::{self, Step},
    },
};

/// Close the review or the voting of a proposal when it is due; otherwise say how many
/// blocks remain (`--wait` waits, and on an instant-seal node makes the blocks).
#[derive(Debug, Args)]
pub struct AdvanceArgs {
    /// The proposal.
    #[arg(value_parser = parse_id)]
    pub id: ProposalId,
    /// Wait until it is due (on an instant-seal node, make the blocks) instead of only
    /// saying how long; a terminal shows the blocks to go and a time estimate.
    #[arg(long)]
    pub wait: bool,
    /// The account that signs and pays.
    #[command(flatten)]
    pub suri: SuriArg,
}

/// What `advance` did, or how long to wait.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Advanced {
    /// The proposal.
    pub id: ProposalId,
    /// The step due.
    pub step: Step,
    /// Whether the step was taken.
    pub advanced: bool,
    /// The state now.
    pub state: Name<ProposalState>,
    /// The block the step landed in, if taken.
    pub block: Option<u32>,
    /// The first block the step may land in.
    pub due_block: u32,
    /// Blocks still to wait (0 once taken).
    pub due_in_blocks: u32,
    /// The best block when it was read.
    pub head: u32,
}

impl fmt::Display for Advanced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.block {
            Some(block) if self.advanced => write!(
                f,
                "proposal {}: {} in block {block} → {}",
                self.id,
                self.step.message(),
                self.state
            ),
            _ => write!(
                f,
                "proposal {} is {}: {} is due in {} block(s) (from block {}; head {}). Re-run then, or pass --wait",
                self.id,
                self.state,
                self.step.message(),
                self.due_in_blocks,
                self.due_block,
                self.head
            ),
        }
    }
}

impl Report for Advanced {}

impl Samples for Advanced {
    fn samples() -> Vec<Self> {
        vec![
            Advanced {
                id: 1,
                step: Step::CloseReview,
                advanced: true,
                state: Name::of(&ProposalState::Voting),
                block: Some(31),
                due_block: 31,
                due_in_blocks: 0,
                head: 31,
            },
            Advanced {
                id: 1,
                step: Step::CloseVoting,
                advanced: false,
                state: Name::of(&ProposalState::Voting),
                block: None,
                due_block: 40,
                due_in_blocks: 6,
                head: 33,
            },
        ]
    }
}

impl AdvanceArgs {
    /// Takes the step when due (waiting for it with `--wait`).
    pub async fn handle(&self, ctx: &Ctx) -> Result<Advanced> {
        let (dep, chain, signer) = ctx.open(&self.suri.suri).await?;
        let (p, state) = reads::proposal(&chain, &dep, self.id).await?;
        let (due, step) = match reads::due(&p, state) {
            Some((d, s)) if s != Step::Execute => (d, s),
            _ => {
                return Err(Failure::input(format!(
                    "proposal {} is {}: nothing to advance ({})",
                    self.id,
                    variant_name(&state),
                    match state {
                        ProposalState::Succeeded => "queue it: `agora queue`",
                        ProposalState::Queued => "execute it when due: `agora execute`",
                        _ => "it is final",
                    }
                ))
                .into())
            }
        };
        let head = chain.best_block().await?;
        if head.saturating_add(1) < due {
            if !self.wait {
                return Ok(Advanced {
                    id: self.id,
                    step,
                    advanced: false,
                    state: Name::of(&state),
                    block: None,
                    due_block: due,
                    due_in_blocks: due - head - 1,
                    head,
                });
            }
            ctx.wait_until_due(&chain, &signer, due).await?;
        }
        let (_, landed) = chain
            .transact::<_, ProposalState, ProposalError>(
                &signer,
                &dep,
                SuiteContract::Proposals,
                step.message(),
                &self.id,
                0,
            )
            .await?;
        let (_, now) = reads::proposal(&chain, &dep, self.id).await?;
        Ok(Advanced {
            id: self.id,
            step,
            advanced: true,
            state: Name::of(&now),
            block: Some(landed.block),
            due_block: due,
            due_in_blocks: 0,
            head: chain.best_block().await?,
        })
    }
}
