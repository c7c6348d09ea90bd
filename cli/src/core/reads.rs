//! Reading the suite: proposals with their state, members, reviews, votes, log entries (in
//! the format the log writes, asked once per log), and a proposal's whole record as `status`
//! and `agent watch` show it.

use agora_types::{
    v1, Ballot, BallotId, HashedEntry, LogAnchor, LogError, Member, Proposal, ProposalError,
    ProposalId, ProposalState, RegistryError, Review, ReviewError, ReviewRound, RevisionRecord,
    Subject, Vote, VotingError, MAX_MEMBERS_PAGE, MAX_REVIEWS_PAGE, MAX_VOTES_PAGE,
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
    views::{BallotView, Entries, EntryView, LogFormat, ProposalView, RevisionView, VoteView},
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
pub async fn all_votes(chain: &Chain, dep: &Deployment, id: BallotId) -> Result<Vec<Vote>> {
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

/// The format the deployment's log writes: its `format_version()`, or format 1 when the
/// log has no such message (ink answers `CouldNotReadInput`: it was deployed before format
/// 2). Any other failure is an error, never taken for format 1.
pub async fn log_format(chain: &Chain, dep: &Deployment) -> Result<LogFormat> {
    match log_answer_if_known::<u16>(chain, dep, "DecisionLog::format_version").await? {
        Some(version) => LogFormat::of_version(version).ok_or_else(|| {
            Failure::chain(format!(
                "the decision log writes log format {version}, which this agora does not read \
                 (it reads formats 1 and 2): update agora"
            ))
            .into()
        }),
        None => Ok(LogFormat::One),
    }
}

/// What the log answers to `label`, or `None` when it has no such message (ink answers
/// `CouldNotReadInput`: a log deployed before the message existed).
async fn log_answer_if_known<T: scale::Decode>(
    chain: &Chain,
    dep: &Deployment,
    label: &str,
) -> Result<Option<T>> {
    let answer: core::result::Result<T, ink::LangError> = chain
        .query_lang(dep, SuiteContract::DecisionLog, label, &())
        .await?;
    match answer {
        Ok(value) => Ok(Some(value)),
        Err(ink::LangError::CouldNotReadInput) => Ok(None),
        Err(e) => Err(Failure::chain(format!(
            "decision_log::{label}: ink refused the call: {}",
            crate::core::contract_error::describe(&e).text
        ))
        .into()),
    }
}

/// The predecessor log a successor suite's log anchors (`predecessor()`), or `None`: a
/// first suite's log, or one deployed before logs could anchor.
pub async fn log_predecessor(chain: &Chain, dep: &Deployment) -> Result<Option<LogAnchor>> {
    Ok(
        log_answer_if_known::<Option<LogAnchor>>(chain, dep, "predecessor")
            .await?
            .flatten(),
    )
}

/// The successor suite's hub a sealed log names (`successor()`), or `None`: not sealed, or
/// a log deployed before logs could be sealed.
pub async fn log_successor(chain: &Chain, dep: &Deployment) -> Result<Option<AccountId>> {
    Ok(
        log_answer_if_known::<Option<AccountId>>(chain, dep, "successor")
            .await?
            .flatten(),
    )
}

/// A proposal's log entries, page by page, in the log's `format` (format 2 pages by
/// `Subject::Proposal(id)`, format 1 by the bare id).
pub async fn subject_entries(
    chain: &Chain,
    dep: &Deployment,
    format: LogFormat,
    id: ProposalId,
) -> Result<Entries> {
    let label = "entries_for";
    let page = format.page();
    let refuse = |e: LogError| refused(SuiteContract::DecisionLog, label, e);
    Ok(match format {
        LogFormat::Two => Entries::Two(
            chain
                .paged::<_, HashedEntry, LogError>(
                    dep,
                    SuiteContract::DecisionLog,
                    label,
                    page,
                    |from| (Subject::Proposal(id), from, page),
                )
                .await?
                .map_err(refuse)?,
        ),
        LogFormat::One => Entries::One(
            chain
                .paged::<_, v1::HashedEntry, LogError>(
                    dep,
                    SuiteContract::DecisionLog,
                    label,
                    page,
                    |from| (id, from, page),
                )
                .await?
                .map_err(refuse)?,
        ),
    })
}

/// The log's head: its length and last hash.
pub async fn log_head(chain: &Chain, dep: &Deployment) -> Result<(u64, [u8; 32])> {
    chain
        .query(dep, SuiteContract::DecisionLog, "DecisionLog::head", &())
        .await
}

/// Log entries `[from, from + limit)` in the log's `format`, page by page; `progress` is
/// told how many were read.
pub async fn entries_range(
    chain: &Chain,
    dep: &Deployment,
    format: LogFormat,
    from: u64,
    limit: u64,
    progress: impl FnMut(u64),
) -> Result<Entries> {
    Ok(match format {
        LogFormat::Two => {
            Entries::Two(range_of(chain, dep, format.page(), from, limit, progress).await?)
        }
        LogFormat::One => {
            Entries::One(range_of(chain, dep, format.page(), from, limit, progress).await?)
        }
    })
}

async fn range_of<T: scale::Decode>(
    chain: &Chain,
    dep: &Deployment,
    page: u32,
    from: u64,
    limit: u64,
    mut progress: impl FnMut(u64),
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    let end = from.saturating_add(limit);
    let mut next = from;
    while next < end {
        let n = u32::try_from((end - next).min(u64::from(page))).unwrap_or(page);
        let got = chain
            .query_ok::<_, Vec<T>, LogError>(dep, SuiteContract::DecisionLog, "entries", &(next, n))
            .await?;
        let count = got.len() as u64;
        out.extend(got);
        next += count;
        progress(next - from);
        if count < u64::from(n) {
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
        .query(
            dep,
            SuiteContract::Voting,
            "ballot",
            &BallotId::decision(id),
        )
        .await?;
    let votes = match &ballot {
        Some(_) => all_votes(chain, dep, BallotId::decision(id)).await?,
        None => Vec::new(),
    };
    let format = log_format(chain, dep).await?;
    let entries = subject_entries(chain, dep, format, id).await?;
    let head = chain.best_block().await?;
    Ok(ProposalDetail {
        proposal: ProposalView::new(&p, state),
        head,
        next: NextStep::of(&p, state, head),
        revisions,
        ballot: ballot.as_ref().map(BallotView::from),
        votes: votes.iter().map(VoteView::from).collect(),
        log: entries.views(),
        state: Some(state),
    })
}
