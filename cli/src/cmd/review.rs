//! `agora review`: review a proposal's current revision from one of your perspectives.

use std::fmt;

use agora_types::{Perspective, ProposalId, ReviewError, Verdict};
use clap::Args;
use schemars::JsonSchema;
use serde::Serialize;

use crate::{
    cmd::args::SuriArg,
    core::{
        context::Ctx,
        contracts::SuiteContract,
        encoding::blake2,
        error::Result,
        json::{Hex, Name},
        output::{Report, Samples},
        parse::{parse_id, parse_score, parse_uri, PerspectiveArg, VerdictArg},
        reads,
    },
};

/// Review a proposal's current revision from one of your perspectives (a second review of
/// the same revision amends the first).
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The proposal (its current revision is reviewed).
    #[arg(value_parser = parse_id)]
    pub id: ProposalId,
    /// Your verdict.
    #[arg(long, value_enum, ignore_case = true)]
    pub verdict: VerdictArg,
    /// 0 to MAX_SCORE (100).
    #[arg(long, value_parser = parse_score)]
    pub score: u8,
    /// The perspective you review from (one you hold).
    #[arg(long, value_enum, ignore_case = true)]
    pub perspective: PerspectiveArg,
    /// Your feedback text (its hash goes on chain).
    #[arg(long, default_value = "")]
    pub feedback: String,
    /// Where the feedback can be read.
    #[arg(long, default_value = "", value_parser = parse_uri)]
    pub feedback_uri: String,
    /// A suggested change (its hash goes on chain).
    #[arg(long)]
    pub suggestion: Option<String>,
    /// Where the suggestion can be read.
    #[arg(long, default_value = "", value_parser = parse_uri)]
    pub suggestion_uri: String,
    /// The account that signs and pays.
    #[command(flatten)]
    pub suri: SuriArg,
}

/// A stored review.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Reviewed {
    /// The proposal.
    pub id: ProposalId,
    /// The revision reviewed.
    pub revision: u32,
    /// The review's version (more than 1 amends an earlier one).
    pub version: Option<u32>,
    /// The block it landed in.
    pub block: u32,
    /// The verdict.
    pub verdict: Name<Verdict>,
    /// The perspective.
    pub perspective: Name<Perspective>,
    /// The score.
    pub score: u8,
    /// Hash of the feedback.
    pub feedback_hash: Hex,
    /// Hash of the suggestion, if one was made.
    pub suggestion_hash: Option<Hex>,
}

impl fmt::Display for Reviewed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "review of proposal {} revision {}: {} ({}, score {}) in block {}{}",
            self.id,
            self.revision,
            self.verdict,
            self.perspective,
            self.score,
            self.block,
            if self.version.unwrap_or(1) > 1 {
                " (amends your earlier review)"
            } else {
                ""
            }
        )
    }
}

impl Report for Reviewed {}

impl Samples for Reviewed {
    fn samples() -> Vec<Self> {
        vec![Reviewed {
            id: 1,
            revision: 2,
            version: Some(1),
            block: 21,
            verdict: Name::of(&Verdict::RequestChanges),
            perspective: Name::of(&Perspective::Safety),
            score: 55,
            feedback_hash: Hex::of(&[4; 32]),
            suggestion_hash: Some(Hex::of(&[5; 32])),
        }]
    }
}

impl ReviewArgs {
    /// Submits the review.
    pub async fn handle(&self, ctx: &Ctx) -> Result<Reviewed> {
        let (dep, chain, signer) = ctx.open(&self.suri.suri).await?;
        let (p, _) = reads::proposal(&chain, &dep, self.id).await?;
        let verdict = Verdict::from(self.verdict);
        let perspective = self.perspective.0;
        let feedback_hash = blake2(self.feedback.as_bytes());
        let suggestion_hash = self.suggestion.as_ref().map(|s| blake2(s.as_bytes()));
        let (version, landed) = chain
            .transact::<_, u32, ReviewError>(
                &signer,
                &dep,
                SuiteContract::PeerReview,
                "submit_review",
                &(
                    self.id,
                    p.revision,
                    verdict,
                    self.score,
                    perspective,
                    feedback_hash,
                    self.feedback_uri.clone(),
                    suggestion_hash,
                    self.suggestion_uri.clone(),
                ),
                0,
            )
            .await?;
        Ok(Reviewed {
            id: self.id,
            revision: p.revision,
            version,
            block: landed.block,
            verdict: Name::of(&verdict),
            perspective: Name::of(&perspective),
            score: self.score,
            feedback_hash: Hex::of(&feedback_hash),
            suggestion_hash: suggestion_hash.map(|h| Hex::of(&h)),
        })
    }
}
