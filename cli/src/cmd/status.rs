//! `agora status` (alias `show`): everything about one proposal.

use std::fmt;

use agora_types::{
    Action, Ballot, HashedEntry, LogEntry, LogKind, MemberKind, Perspective, PerspectiveSet,
    Proposal, ProposalId, ProposalState, Review, ReviewRound, ReviewRules, RevisionRecord, Subject,
    Tally, Verdict, Vote, VoteChoice, VotingRules,
};
use clap::Args;

use crate::core::{
    content::check_content,
    context::Ctx,
    error::Result,
    json::Ss58,
    output::{Report, Samples},
    parse::parse_id,
    reads::{self, NextStep, ProposalDetail},
    render::{closed, list, short_ss58},
    views::{BallotView, ContentCheck, EntryView, ProposalView, RevisionView, VoteView},
};

/// Everything about one proposal: revisions with actions, review rounds and reviews, ballot
/// tallies by member kind, votes, log entries, and the next step and when it is due.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The proposal.
    #[arg(value_parser = parse_id)]
    pub id: ProposalId,
    /// Fetch each revision's URI (file://, data:, http(s)://) and check its bytes against the
    /// on-chain content hash.
    #[arg(long)]
    pub fetch: bool,
}

/// A proposal's whole record (the report of `status`).
pub type Status = ProposalDetail;

impl fmt::Display for ProposalDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.proposal;
        writeln!(
            f,
            "proposal {} — {}  (author {} {}, revision {}, head block {})",
            p.id, p.state, p.author, p.author_kind, p.revision, self.head
        )?;
        if let Some(next) = &self.next {
            writeln!(
                f,
                "  next: {} from block {} ({} block(s) to go)",
                next.step.message(),
                next.due_block,
                next.due_in_blocks
            )?;
        }
        for r in &self.revisions {
            writeln!(
                f,
                "  revision {}: content {}  {}",
                r.revision, r.content_hash, r.uri
            )?;
            for a in &r.action_summaries {
                writeln!(f, "    action: {a}")?;
            }
            if let Some(c) = &r.fetched {
                writeln!(f, "    content: {}", c.verdict)?;
            }
            if let Some(round) = &r.round {
                writeln!(
                    f,
                    "    review round {}–{}: {} review(s), {} approve / {} changes / {} reject; covered {} of required {}{}",
                    round.opened_at,
                    round.closes_at,
                    round.reviews,
                    round.approvals,
                    round.change_requests,
                    round.rejections,
                    list(&round.perspectives_covered),
                    list(&round.required_perspectives),
                    closed(round.closed)
                )?;
            }
            for rv in &r.reviews {
                writeln!(
                    f,
                    "      {} from {} ({}): score {}{}",
                    rv.verdict,
                    rv.reviewer,
                    rv.perspective,
                    rv.score,
                    if rv.suggestion_hash.is_some() {
                        format!(", suggests {}", rv.suggestion_uri)
                    } else {
                        String::new()
                    }
                )?;
            }
        }
        if let Some(b) = &self.ballot {
            writeln!(
                f,
                "  ballot (snapshot {}, closes {}): humans for {} / against {} / abstain {}; agents for {} / against {} / abstain {}; total weight {}; quorum {} bps, threshold {} bps{}",
                b.snapshot_block,
                b.closes_at,
                b.humans.for_weight,
                b.humans.against,
                b.humans.abstain,
                b.agents.for_weight,
                b.agents.against,
                b.agents.abstain,
                b.total_weight,
                b.quorum_bps,
                b.approval_threshold_bps,
                closed(b.closed)
            )?;
            for v in &self.votes {
                writeln!(
                    f,
                    "    {} {} weight {}{}",
                    v.voter,
                    v.choice,
                    v.weight,
                    if v.relayed { " (signed, relayed)" } else { "" }
                )?;
            }
        }
        write!(f, "  decision log entries: {}", self.log.len())?;
        for e in &self.log {
            write!(f, "\n    #{:<4} block {:<5} {}", e.index, e.block, e.kind)?;
            if let Some(w) = &e.writer {
                write!(f, " (by {})", short_ss58(&Ss58(w.clone())))?;
            }
        }
        Ok(())
    }
}

impl Report for ProposalDetail {}

impl Samples for ProposalDetail {
    fn samples() -> Vec<Self> {
        let author = [5u8; 32];
        let p = Proposal {
            id: 1,
            author: author.into(),
            author_kind: MemberKind::Agent,
            revision: 1,
            stage: ProposalState::Voting,
            submitted_at: 3,
            review_opened_at: 3,
            review_closes_at: 9,
            snapshot_block: Some(8),
            voting_closes_at: Some(16),
            eta: None,
            expires_at: None,
            updated_at: 10,
            params_version: 1,
            vetoes: 0,
        };
        let record = RevisionRecord {
            content_hash: [1; 32],
            uri: "data:,hello".into(),
            actions: vec![Action::Transfer {
                to: [4u8; 32].into(),
                amount: 200,
            }],
            submitted_at: 3,
            signer: Some([2; 33]),
            signature_hash: Some([3; 32]),
            code_hashes: vec![],
        };
        let rules = ReviewRules {
            min_reviews: 1,
            required_perspectives: PerspectiveSet::of(Perspective::Safety),
            max_rejections: 0,
        };
        let round = ReviewRound {
            author: author.into(),
            content_hash: [1; 32],
            opened_at: 3,
            closes_at: 9,
            rules,
            reviews: 1,
            approvals: 1,
            change_requests: 0,
            rejections: 0,
            perspective_counts: [1, 0, 0, 0, 0, 0, 0, 0],
            perspectives_covered: PerspectiveSet::of(Perspective::Safety),
            score_sum: 80,
            versions: 1,
            transcript: [6; 32],
            closed: true,
        };
        let review = Review {
            proposal: 1,
            revision: 1,
            reviewer: [1u8; 32].into(),
            version: 1,
            verdict: Verdict::Approve,
            score: 80,
            perspective: Perspective::Safety,
            feedback_hash: [7; 32],
            feedback_uri: String::new(),
            suggestion_hash: None,
            suggestion_uri: String::new(),
            submitted_at: 5,
        };
        let mut revision = RevisionView::new(1, &record, Some(&round), &[review]);
        revision.fetched = Some(ContentCheck {
            ok: true,
            bytes: Some(5),
            hash: Some(crate::core::json::Hex::of(&[1; 32])),
            verdict: "matches the on-chain hash (5 bytes)".into(),
        });
        let ballot = Ballot {
            snapshot_block: 8,
            opened_at: 10,
            closes_at: 16,
            rules: VotingRules {
                quorum_bps: 5_000,
                approval_threshold_bps: 5_000,
                require_both_kinds: true,
            },
            total_weight: 30,
            humans: Tally {
                for_weight: 10,
                against_weight: 0,
                abstain_weight: 0,
            },
            agents: Tally::default(),
            votes: 1,
            transcript: [8; 32],
            closed: false,
        };
        let vote = Vote {
            voter: [1u8; 32].into(),
            kind: MemberKind::Human,
            choice: VoteChoice::For,
            weight: 10,
            rationale_hash: [0; 32],
            block: 11,
            signed: None,
        };
        let entry = HashedEntry {
            entry: LogEntry {
                index: 4,
                kind: LogKind::BallotOpened,
                subject: Subject::Proposal(1),
                actor: [1u8; 32].into(),
                writer: [3u8; 32].into(),
                payload_hash: [9; 32],
                block: 10,
                timestamp: 1_700_000_000_000,
                prev_hash: [10; 32],
            },
            hash: [11; 32],
        };
        let detail = ProposalDetail {
            proposal: ProposalView::new(&p, ProposalState::Voting),
            head: 12,
            next: NextStep::of(&p, ProposalState::Voting, 12),
            revisions: vec![revision],
            ballot: Some(BallotView::from(&ballot)),
            votes: vec![VoteView::from(&vote)],
            log: vec![EntryView::from(&entry)],
            state: Some(ProposalState::Voting),
        };
        let mut fresh = detail.clone();
        fresh.proposal = ProposalView::new(&p, ProposalState::Executed);
        fresh.next = None;
        fresh.ballot = None;
        fresh.votes.clear();
        vec![detail, fresh]
    }
}

impl StatusArgs {
    /// Reads the proposal (and with `--fetch` checks its content).
    pub async fn handle(&self, ctx: &Ctx) -> Result<Status> {
        let dep = ctx.deployment()?;
        let chain = ctx.connect().await?;
        let mut detail = reads::proposal_detail(&chain, &dep, self.id).await?;
        if self.fetch {
            for r in &mut detail.revisions {
                r.fetched = Some(check_content(&r.uri, &r.content_hash.0, ctx.home.base()).await);
            }
        }
        Ok(detail)
    }
}
