//! The suite's records as reports show them (JSON rules in [`crate::core::json`]): members,
//! proposals, revisions, review rounds and reviews, ballots and votes, log entries.

use agora_types::{
    Ballot, HashedEntry, LogKind, Member, MemberKind, MemberStatus, Perspective, Proposal,
    ProposalState, Review, ReviewRound, RevisionRecord, Tally, Verdict, Vote, VoteChoice,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::core::{
    encoding::{parse_account, parse_hex},
    error::{Failure, Result},
    json::{Dec, Hex, Name, Ss58, U64},
    names::variant_names,
    wire::action_text,
};

/// A perspective set by name (written `["safety", "ethics"]`).
pub fn perspectives(set: agora_types::PerspectiveSet) -> Vec<Name<Perspective>> {
    set.iter().map(|p| Name::of(&p)).collect()
}

/// A member as the registry holds it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MemberView {
    /// The member's account.
    pub account: Ss58,
    /// Human or Agent.
    pub kind: Name<MemberKind>,
    /// The perspectives the member reviews from.
    pub perspectives: Vec<Name<Perspective>>,
    /// Voting weight.
    pub weight: Dec,
    /// Profile URI.
    pub metadata_uri: String,
    /// An agent's operator.
    pub operator: Option<Ss58>,
    /// The bound secp256k1 key, if any.
    pub signing_key: Option<Hex>,
    /// Active, Suspended or Removed.
    pub status: Name<MemberStatus>,
    /// Block of registration.
    pub joined_at: u32,
}

impl From<&Member> for MemberView {
    fn from(m: &Member) -> Self {
        Self {
            account: Ss58::from(&m.account),
            kind: Name::of(&m.profile.kind),
            perspectives: perspectives(m.profile.perspectives),
            weight: Dec(m.profile.weight),
            metadata_uri: m.profile.metadata_uri.clone(),
            operator: m.profile.operator.as_ref().map(Ss58::from),
            signing_key: m.signing_key.map(|k| Hex::of(&k)),
            status: Name::of(&m.status),
            joined_at: m.joined_at,
        }
    }
}

/// A proposal's record and its derived state.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProposalView {
    /// Its id.
    pub id: u32,
    /// The author (for signed submissions the signer's account).
    pub author: Ss58,
    /// The author's kind.
    pub author_kind: Name<MemberKind>,
    /// The current revision.
    pub revision: u32,
    /// The state (derived: `Expired` too).
    pub state: Name<ProposalState>,
    /// Block of the first submission.
    pub submitted_at: u32,
    /// Block the current review round opened.
    pub review_opened_at: u32,
    /// Last block of the current review round.
    pub review_closes_at: u32,
    /// The ballot's snapshot block, once voting.
    pub snapshot_block: Option<u32>,
    /// Last block of voting, once voting.
    pub voting_closes_at: Option<u32>,
    /// First block of execution, once queued.
    pub eta: Option<u32>,
    /// First block execution is no longer allowed, once queued.
    pub expires_at: Option<u32>,
    /// Block of the last transition.
    pub updated_at: u32,
    /// The parameter version it runs under.
    pub params_version: u32,
    /// Safety vetoes.
    pub vetoes: u32,
}

impl ProposalView {
    /// The view of a proposal in `state`.
    pub fn new(p: &Proposal, state: ProposalState) -> Self {
        Self {
            id: p.id,
            author: Ss58::from(&p.author),
            author_kind: Name::of(&p.author_kind),
            revision: p.revision,
            state: Name::of(&state),
            submitted_at: p.submitted_at,
            review_opened_at: p.review_opened_at,
            review_closes_at: p.review_closes_at,
            snapshot_block: p.snapshot_block,
            voting_closes_at: p.voting_closes_at,
            eta: p.eta,
            expires_at: p.expires_at,
            updated_at: p.updated_at,
            params_version: p.params_version,
            vetoes: p.vetoes,
        }
    }
}

/// A review round's window, rules and counters.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RoundView {
    /// Block it opened in.
    pub opened_at: u32,
    /// Last block reviews are taken.
    pub closes_at: u32,
    /// Distinct reviewers.
    pub reviews: u32,
    /// Latest verdicts that approve.
    pub approvals: u32,
    /// Latest verdicts that request changes.
    pub change_requests: u32,
    /// Latest verdicts that reject.
    pub rejections: u32,
    /// Perspectives with a latest review.
    pub perspectives_covered: Vec<Name<Perspective>>,
    /// Perspectives the rules require.
    pub required_perspectives: Vec<Name<Perspective>>,
    /// Reviews the rules require.
    pub min_reviews: u32,
    /// The round's transcript over every stored version.
    pub transcript: Hex,
    /// Whether it is closed.
    pub closed: bool,
}

impl From<&ReviewRound> for RoundView {
    fn from(r: &ReviewRound) -> Self {
        Self {
            opened_at: r.opened_at,
            closes_at: r.closes_at,
            reviews: r.reviews,
            approvals: r.approvals,
            change_requests: r.change_requests,
            rejections: r.rejections,
            perspectives_covered: perspectives(r.perspectives_covered),
            required_perspectives: perspectives(r.rules.required_perspectives),
            min_reviews: r.rules.min_reviews,
            transcript: Hex::of(&r.transcript),
            closed: r.closed,
        }
    }
}

/// One stored review version.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ReviewView {
    /// The proposal.
    pub proposal: u32,
    /// The revision reviewed.
    pub revision: u32,
    /// Who reviewed.
    pub reviewer: Ss58,
    /// 1, then one more per amendment.
    pub version: u32,
    /// Approve, RequestChanges or Reject.
    pub verdict: Name<Verdict>,
    /// 0 to `MAX_SCORE`.
    pub score: u8,
    /// The perspective reviewed from.
    pub perspective: Name<Perspective>,
    /// Hash of the feedback.
    pub feedback_hash: Hex,
    /// Where the feedback can be read.
    pub feedback_uri: String,
    /// Hash of a suggested change.
    pub suggestion_hash: Option<Hex>,
    /// Where the suggestion can be read.
    pub suggestion_uri: String,
    /// Block it was stored in.
    pub submitted_at: u32,
}

impl From<&Review> for ReviewView {
    fn from(r: &Review) -> Self {
        Self {
            proposal: r.proposal,
            revision: r.revision,
            reviewer: Ss58::from(&r.reviewer),
            version: r.version,
            verdict: Name::of(&r.verdict),
            score: r.score,
            perspective: Name::of(&r.perspective),
            feedback_hash: Hex::of(&r.feedback_hash),
            feedback_uri: r.feedback_uri.clone(),
            suggestion_hash: r.suggestion_hash.map(|h| Hex::of(&h)),
            suggestion_uri: r.suggestion_uri.clone(),
            submitted_at: r.submitted_at,
        }
    }
}

/// Whether content fetched from a revision's URI hashes to its on-chain content hash.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ContentCheck {
    /// Whether the fetched bytes hash to the content hash.
    pub ok: bool,
    /// How many bytes were fetched (none if the fetch failed).
    pub bytes: Option<u64>,
    /// blake2-256 of the fetched bytes.
    pub hash: Option<Hex>,
    /// The verdict in words.
    pub verdict: String,
}

/// One revision with its actions, review round and reviews.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RevisionView {
    /// The revision number.
    pub revision: u32,
    /// blake2-256 of its text.
    pub content_hash: Hex,
    /// Where its text is.
    pub uri: String,
    /// What it does if executed (the actions-file dialect).
    pub actions: Vec<agora_types::Action>,
    /// Each action in words.
    pub action_summaries: Vec<String>,
    /// Block it was submitted in.
    pub submitted_at: u32,
    /// For signed submissions, the signing key.
    pub signer: Option<Hex>,
    /// For signed submissions, blake2-256 of the signature.
    pub signature_hash: Option<Hex>,
    /// Its review round.
    pub round: Option<RoundView>,
    /// Every stored review version.
    pub reviews: Vec<ReviewView>,
    /// With `status --fetch`: the content check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched: Option<ContentCheck>,
}

impl RevisionView {
    /// The view of revision `n`.
    pub fn new(
        n: u32,
        r: &RevisionRecord,
        round: Option<&ReviewRound>,
        reviews: &[Review],
    ) -> Self {
        Self {
            revision: n,
            content_hash: Hex::of(&r.content_hash),
            uri: r.uri.clone(),
            actions: r.actions.to_vec(),
            action_summaries: r.actions.iter().map(action_text).collect(),
            submitted_at: r.submitted_at,
            signer: r.signer.map(|k| Hex::of(&k)),
            signature_hash: r.signature_hash.map(|h| Hex::of(&h)),
            round: round.map(RoundView::from),
            reviews: reviews.iter().map(ReviewView::from).collect(),
            fetched: None,
        }
    }
}

/// The weights of For, Against and Abstain.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TallyView {
    /// Weight For.
    #[serde(rename = "for")]
    pub for_weight: Dec,
    /// Weight Against.
    pub against: Dec,
    /// Weight abstaining.
    pub abstain: Dec,
}

impl From<&Tally> for TallyView {
    fn from(t: &Tally) -> Self {
        Self {
            for_weight: Dec(t.for_weight),
            against: Dec(t.against_weight),
            abstain: Dec(t.abstain_weight),
        }
    }
}

/// A ballot's rules, tallies per kind and transcript.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BallotView {
    /// The block whose weights count.
    pub snapshot_block: u32,
    /// Block it opened in.
    pub opened_at: u32,
    /// Last block votes are taken.
    pub closes_at: u32,
    /// Quorum in basis points.
    pub quorum_bps: u32,
    /// Approval threshold in basis points.
    pub approval_threshold_bps: u32,
    /// Whether humans and agents must each pass the threshold.
    pub require_both_kinds: bool,
    /// Total weight at the snapshot.
    pub total_weight: Dec,
    /// Humans' tally.
    pub humans: TallyView,
    /// Agents' tally.
    pub agents: TallyView,
    /// Votes cast.
    pub votes: u32,
    /// Transcript over every vote.
    pub transcript: Hex,
    /// Whether it is closed.
    pub closed: bool,
}

impl From<&Ballot> for BallotView {
    fn from(b: &Ballot) -> Self {
        Self {
            snapshot_block: b.snapshot_block,
            opened_at: b.opened_at,
            closes_at: b.closes_at,
            quorum_bps: b.rules.quorum_bps,
            approval_threshold_bps: b.rules.approval_threshold_bps,
            require_both_kinds: b.rules.require_both_kinds,
            total_weight: Dec(b.total_weight),
            humans: TallyView::from(&b.humans),
            agents: TallyView::from(&b.agents),
            votes: b.votes,
            transcript: Hex::of(&b.transcript),
            closed: b.closed,
        }
    }
}

/// One vote receipt.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct VoteView {
    /// The voter.
    pub voter: Ss58,
    /// The voter's kind.
    pub kind: Name<MemberKind>,
    /// For, Against or Abstain.
    pub choice: Name<VoteChoice>,
    /// Weight at the snapshot.
    pub weight: Dec,
    /// Hash of the rationale (zero if none).
    pub rationale_hash: Hex,
    /// Block it was cast in.
    pub block: u32,
    /// Whether it was signed by the voter and relayed by someone else.
    pub relayed: bool,
}

impl From<&Vote> for VoteView {
    fn from(v: &Vote) -> Self {
        Self {
            voter: Ss58::from(&v.voter),
            kind: Name::of(&v.kind),
            choice: Name::of(&v.choice),
            weight: Dec(v.weight),
            rationale_hash: Hex::of(&v.rationale_hash),
            block: v.block,
            relayed: v.signed.is_some(),
        }
    }
}

/// A decision-log entry with its hash: the shape of `log show` and of the entries of a
/// `log export` file ("agora-log-export/v2"), which `log verify --file` reads back (the web
/// app writes the same).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct EntryView {
    /// Position in the log.
    pub index: U64,
    /// What happened, by name.
    pub kind: Name<LogKind>,
    /// Its SCALE index.
    pub kind_index: u8,
    /// The proposal, or 0.
    pub subject: u32,
    /// Who caused it (SS58; 0x-hex is read too).
    pub actor: String,
    /// Hash of the details.
    pub payload_hash: Hex,
    /// Block it was appended in.
    pub block: u32,
    /// Block timestamp (ms).
    pub timestamp: U64,
    /// Hash of the previous entry.
    pub prev_hash: Hex,
    /// `blake2_256(prev_hash ++ SCALE(entry))`.
    pub hash: Hex,
}

impl From<&HashedEntry> for EntryView {
    fn from(h: &HashedEntry) -> Self {
        let e = &h.entry;
        Self {
            index: U64(e.index),
            kind: Name::of(&e.kind),
            kind_index: e.kind as u8,
            subject: e.subject,
            actor: Ss58::from(&e.actor).0,
            payload_hash: Hex::of(&e.payload_hash),
            block: e.block,
            timestamp: U64(e.timestamp),
            prev_hash: Hex::of(&e.prev_hash),
            hash: Hex::of(&h.hash),
        }
    }
}

impl EntryView {
    /// The entry it describes (the kind by its index, as the export format has it).
    pub fn to_entry(&self) -> Result<HashedEntry> {
        let kind =
            <LogKind as scale::Decode>::decode(&mut &[self.kind_index][..]).map_err(|_| {
                Failure::input(format!(
                    "unknown log kind index {} (known: {})",
                    self.kind_index,
                    variant_names::<LogKind>().join(", ")
                ))
            })?;
        if self.kind != Name::of(&kind) {
            return Err(Failure::input(format!(
                "entry {}: kind \"{}\" and kind_index {} name different kinds",
                self.index.0,
                self.kind.wire(),
                self.kind_index
            ))
            .into());
        }
        Ok(HashedEntry {
            entry: agora_types::LogEntry {
                index: self.index.0,
                kind,
                subject: self.subject,
                actor: parse_account(&self.actor)?.into(),
                payload_hash: parse_hex::<32>(&self.payload_hash.0)?,
                block: self.block,
                timestamp: self.timestamp.0,
                prev_hash: parse_hex::<32>(&self.prev_hash.0)?,
            },
            hash: parse_hex::<32>(&self.hash.0)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_entries_round_trip_through_the_export_format() {
        let h = HashedEntry {
            entry: agora_types::LogEntry {
                index: 3,
                kind: LogKind::BallotClosed,
                subject: 7,
                actor: [9u8; 32].into(),
                payload_hash: [1u8; 32],
                block: 44,
                timestamp: 1_700_000_000_000,
                prev_hash: [2u8; 32],
            },
            hash: [3u8; 32],
        };
        let json = serde_json::to_value(EntryView::from(&h)).unwrap();
        assert_eq!(json["kind"], serde_json::json!("ballot_closed"));
        assert_eq!(json["index"], serde_json::json!(3));
        let back: EntryView = serde_json::from_value(json).unwrap();
        assert_eq!(back.to_entry().unwrap(), h);
    }
}
