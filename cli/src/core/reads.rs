//! Reading the suite: proposals with their state, members, reviews, votes, log entries,
//! and a proposal's whole record as `status` and `agent watch` show it.

use agora_types::{
    Ballot, HashedEntry, LogError, Member, Proposal, ProposalError, ProposalId, ProposalState,
    RegistryError, Review, ReviewError, ReviewRound, RevisionRecord, Vote, VotingError,
    MAX_LOG_PAGE, MAX_MEMBERS_PAGE, MAX_REVIEWS_PAGE, MAX_VOTES_PAGE,
};
use ink::primitives::AccountId;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    chain::Chain,
    config::Deployment,
    contract_error::{ContractError, SuiteError},
    contracts::SuiteContract,
    encoding::{account_bytes, hex0x},
    error::{Failure, Result},
    views::{BallotView, EntryView, ProposalView, RevisionView, VoteView},
};

/// The proposal and its derived state, or a not-found error.
pub async fn proposal(
    chain: &Chain,
    dep: &Deployment,
    id: ProposalId,
) -> Result<(Proposal, ProposalState)> {
    let p: Option<Proposal> = chain
        .query(dep, SuiteContract::Proposals, "proposal", &id)
        .await?;
    let p =
        p.ok_or_else(|| Failure::not_found(format!("no proposal {id} (see `agora proposals`)")))?;
    let state = chain
        .query_ok::<_, ProposalState, ProposalError>(dep, SuiteContract::Proposals, "state", &id)
        .await?;
    Ok((p, state))
}

/// Every member, page by page.
pub async fn all_members(chain: &Chain, dep: &Deployment) -> Result<Vec<Member>> {
    let label = "members";
    chain
        .paged::<_, Member, RegistryError>(
            dep,
            SuiteContract::AgentRegistry,
            label,
            MAX_MEMBERS_PAGE,
            |from| (u32::try_from(from).unwrap_or(u32::MAX), MAX_MEMBERS_PAGE),
        )
        .await?
        .map_err(|e| refused(SuiteContract::AgentRegistry, label, e))
}

/// One member, or a not-found error.
pub async fn member(chain: &Chain, dep: &Deployment, account: [u8; 32]) -> Result<Member> {
    let m: Option<Member> = chain
        .query(
            dep,
            SuiteContract::AgentRegistry,
            "MemberRegistry::member",
            &AccountId::from(account),
        )
        .await?;
    m.ok_or_else(|| {
        Failure::not_found(format!(
            "{} is not a member",
            crate::core::encoding::ss58(&account)
        ))
        .into()
    })
}

fn refused<E: Into<SuiteError>>(contract: SuiteContract, label: &str, e: E) -> anyhow::Error {
    ContractError {
        contract,
        message: label.to_owned(),
        error: e.into(),
    }
    .into()
}

/// Every review version of a round, page by page (none for a round that does not exist).
pub async fn all_reviews(
    chain: &Chain,
    dep: &Deployment,
    id: ProposalId,
    revision: u32,
) -> Result<Vec<Review>> {
    let reviews = chain
        .paged::<_, Review, ReviewError>(
            dep,
            SuiteContract::PeerReview,
            "reviews",
            MAX_REVIEWS_PAGE,
            |from| {
                (
                    id,
                    revision,
                    u32::try_from(from).unwrap_or(u32::MAX),
                    MAX_REVIEWS_PAGE,
                )
            },
        )
        .await?;
    match reviews {
        Ok(all) => Ok(all),
        Err(ReviewError::UnknownRound) => Ok(Vec::new()),
        Err(e) => Err(refused(SuiteContract::PeerReview, "reviews", e)),
    }
}

/// Every vote of a ballot, page by page.
pub async fn all_votes(chain: &Chain, dep: &Deployment, id: ProposalId) -> Result<Vec<Vote>> {
    chain
        .paged::<_, Vote, VotingError>(
            dep,
            SuiteContract::Voting,
            "votes",
            MAX_VOTES_PAGE,
            |from| (id, u32::try_from(from).unwrap_or(u32::MAX), MAX_VOTES_PAGE),
        )
        .await?
        .map_err(|e| refused(SuiteContract::Voting, "votes", e))
}

/// A proposal's log entries, page by page.
pub async fn subject_entries(
    chain: &Chain,
    dep: &Deployment,
    id: ProposalId,
) -> Result<Vec<HashedEntry>> {
    chain
        .paged::<_, HashedEntry, LogError>(
            dep,
            SuiteContract::DecisionLog,
            "entries_for",
            MAX_LOG_PAGE,
            |from| (id, from, MAX_LOG_PAGE),
        )
        .await?
        .map_err(|e| refused(SuiteContract::DecisionLog, "entries_for", e))
}

/// The log's head: its length and last hash.
pub async fn log_head(chain: &Chain, dep: &Deployment) -> Result<(u64, [u8; 32])> {
    chain
        .query(dep, SuiteContract::DecisionLog, "DecisionLog::head", &())
        .await
}

/// Log entries `[from, from + limit)`, page by page; `progress` is told how many were read.
pub async fn entries_range(
    chain: &Chain,
    dep: &Deployment,
    from: u64,
    limit: u64,
    mut progress: impl FnMut(u64),
) -> Result<Vec<HashedEntry>> {
    let mut out = Vec::new();
    let end = from.saturating_add(limit);
    let mut next = from;
    while next < end {
        let n = u32::try_from((end - next).min(u64::from(MAX_LOG_PAGE))).unwrap_or(MAX_LOG_PAGE);
        let page = chain
            .query_ok::<_, Vec<HashedEntry>, LogError>(
                dep,
                SuiteContract::DecisionLog,
                "entries",
                &(next, n),
            )
            .await?;
        let got = page.len() as u64;
        out.extend(page);
        next += got;
        progress(next - from);
        if got < u64::from(n) {
            break;
        }
    }
    Ok(out)
}

/// The member an agent key is bound to.
pub async fn member_by_key(chain: &Chain, dep: &Deployment, key: &[u8; 33]) -> Result<[u8; 32]> {
    let author: Option<AccountId> = chain
        .query(
            dep,
            SuiteContract::AgentRegistry,
            "MemberRegistry::member_by_signer",
            key,
        )
        .await?;
    author.map(|a| account_bytes(&a)).ok_or_else(|| {
        Failure::not_found(format!("the key {} is not bound to any member", hex0x(key))).into()
    })
}

/// The step a proposal waits for: which message, from which block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Close the review round (`advance`).
    CloseReview,
    /// Close the ballot (`advance`).
    CloseVoting,
    /// Execute (`execute`).
    Execute,
}

impl Step {
    /// The hub message that takes the step.
    pub const fn message(self) -> &'static str {
        match self {
            Step::CloseReview => "close_review",
            Step::CloseVoting => "close_voting",
            Step::Execute => "execute",
        }
    }
}

/// When the current stage's transition is allowed: the first block a transaction may land
/// in, and the step.
pub fn due(p: &Proposal, state: ProposalState) -> Option<(u32, Step)> {
    match state {
        ProposalState::InReview => Some((p.review_closes_at.saturating_add(1), Step::CloseReview)),
        ProposalState::Voting => p
            .voting_closes_at
            .map(|c| (c.saturating_add(1), Step::CloseVoting)),
        ProposalState::Queued => p.eta.map(|e| (e, Step::Execute)),
        _ => None,
    }
}

/// Whether a state is final (nothing more can happen to the proposal).
pub const fn is_final(state: ProposalState) -> bool {
    matches!(
        state,
        ProposalState::Rejected
            | ProposalState::Defeated
            | ProposalState::Executed
            | ProposalState::Cancelled
            | ProposalState::Vetoed
            | ProposalState::Expired
    )
}

/// The next step of a proposal and when it is due.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NextStep {
    /// The step.
    pub step: Step,
    /// The first block a transaction taking it may land in.
    pub due_block: u32,
    /// Blocks to wait from the head (0: a transaction sent now lands in time).
    pub due_in_blocks: u32,
}

impl NextStep {
    /// The next step of `p` seen at `head`.
    pub fn of(p: &Proposal, state: ProposalState, head: u32) -> Option<Self> {
        due(p, state).map(|(due_block, step)| Self {
            step,
            due_block,
            due_in_blocks: due_block.saturating_sub(head.saturating_add(1)),
        })
    }
}

/// Everything the suite holds about one proposal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProposalDetail {
    /// The proposal and its state.
    #[serde(flatten)]
    pub proposal: ProposalView,
    /// The best block it was read at.
    pub head: u32,
    /// The next step and when it is due (none once final or succeeded).
    pub next: Option<NextStep>,
    /// Every revision with its review round and reviews.
    pub revisions: Vec<RevisionView>,
    /// The ballot, once voting opened.
    pub ballot: Option<BallotView>,
    /// Every vote.
    pub votes: Vec<VoteView>,
    /// The log entries about it.
    pub log: Vec<EntryView>,
    /// The typed state (for the CLI's own decisions).
    #[serde(skip)]
    pub state: Option<ProposalState>,
}

/// Reads everything about a proposal.
pub async fn proposal_detail(
    chain: &Chain,
    dep: &Deployment,
    id: ProposalId,
) -> Result<ProposalDetail> {
    let (p, state) = proposal(chain, dep, id).await?;
    let mut revisions = Vec::new();
    for n in 1..=p.revision {
        let r: Option<RevisionRecord> = chain
            .query(dep, SuiteContract::Proposals, "revision", &(id, n))
            .await?;
        let Some(r) = r else { continue };
        let round: Option<ReviewRound> = chain
            .query(dep, SuiteContract::PeerReview, "round", &(id, n))
            .await?;
        let reviews = all_reviews(chain, dep, id, n).await?;
        revisions.push(RevisionView::new(n, &r, round.as_ref(), &reviews));
    }
    let ballot: Option<Ballot> = chain
        .query(dep, SuiteContract::Voting, "ballot", &id)
        .await?;
    let votes = match &ballot {
        Some(_) => all_votes(chain, dep, id).await?,
        None => Vec::new(),
    };
    let entries = subject_entries(chain, dep, id).await?;
    let head = chain.best_block().await?;
    Ok(ProposalDetail {
        proposal: ProposalView::new(&p, state),
        head,
        next: NextStep::of(&p, state, head),
        revisions,
        ballot: ballot.as_ref().map(BallotView::from),
        votes: votes.iter().map(VoteView::from).collect(),
        log: entries.iter().map(EntryView::from).collect(),
        state: Some(state),
    })
}
