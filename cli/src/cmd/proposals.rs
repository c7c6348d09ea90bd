//! `agora proposals`: the list of proposals with their states.

use std::fmt;

use agora_types::{
    MemberKind, Proposal, ProposalError, ProposalId, ProposalState, MAX_PROPOSALS_PAGE,
};
use clap::Args;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    context::Ctx,
    contracts::SuiteContract,
    error::Result,
    output::{Report, Samples},
    parse::{parse_id, parse_positive},
    reads,
    render::{short_ss58, table},
    views::ProposalView,
};

/// List proposals with their states.
#[derive(Debug, Args)]
pub struct ProposalsArgs {
    /// First id.
    #[arg(long, default_value_t = 1, value_parser = parse_id)]
    pub from: ProposalId,
    /// How many.
    #[arg(long, default_value_t = MAX_PROPOSALS_PAGE, value_parser = parse_positive)]
    pub limit: u32,
}

/// Proposals with their states.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProposalList {
    /// The proposals, by id.
    pub proposals: Vec<ProposalView>,
}

impl fmt::Display for ProposalList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.proposals.is_empty() {
            return write!(f, "no proposals yet");
        }
        let mut t = table(&["id", "state", "author", "rev", "kind"], &[0, 3]);
        for p in &self.proposals {
            t.add_row(vec![
                p.id.to_string(),
                p.state.to_string(),
                short_ss58(&p.author),
                p.revision.to_string(),
                p.author_kind.as_str().to_lowercase(),
            ]);
        }
        write!(f, "{t}")
    }
}

impl Report for ProposalList {}

impl Samples for ProposalList {
    fn samples() -> Vec<Self> {
        let p = Proposal {
            id: 1,
            author: [5u8; 32].into(),
            author_kind: MemberKind::Human,
            revision: 2,
            stage: ProposalState::InReview,
            submitted_at: 3,
            review_opened_at: 5,
            review_closes_at: 11,
            snapshot_block: None,
            voting_closes_at: None,
            eta: None,
            expires_at: None,
            updated_at: 5,
            params_version: 1,
            vetoes: 0,
        };
        vec![
            ProposalList {
                proposals: vec![ProposalView::new(&p, ProposalState::InReview)],
            },
            ProposalList { proposals: vec![] },
        ]
    }
}

impl ProposalsArgs {
    /// Reads the proposals page by page.
    pub async fn handle(&self, ctx: &Ctx) -> Result<ProposalList> {
        let dep = ctx.deployment()?;
        let chain = ctx.connect().await?;
        let mut rows = Vec::new();
        let mut from = self.from;
        let mut left = self.limit;
        while left > 0 {
            let n = left.min(MAX_PROPOSALS_PAGE);
            let page = chain
                .query_ok::<_, Vec<Proposal>, ProposalError>(
                    &dep,
                    SuiteContract::Proposals,
                    "proposals",
                    &(from, n),
                )
                .await?;
            let got = u32::try_from(page.len()).unwrap_or(u32::MAX);
            for p in page {
                let (_, state) = reads::proposal(&chain, &dep, p.id).await?;
                rows.push(ProposalView::new(&p, state));
            }
            if got < n {
                break;
            }
            from = from.saturating_add(got);
            left = left.saturating_sub(got);
        }
        Ok(ProposalList { proposals: rows })
    }
}
