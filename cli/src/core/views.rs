//! The suite's records as reports show them (JSON rules in [`crate::core::json`]): members,
//! proposals, revisions, review rounds and reviews, ballots and votes, log entries in either
//! log format (with the format itself and the entries read in it).

use std::fmt;

use agora_types::{
    v1, Ballot, HashedEntry, LogKind, Member, MemberKind, MemberStatus, Perspective, Proposal,
    ProposalState, Review, ReviewRound, RevisionRecord, Subject, Tally, Verdict, Vote, VoteChoice,
    LOG_FORMAT_VERSION, MAX_LOG_PAGE,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::core::{
    encoding::{parse_account, parse_hex},
    error::{Failure, Result},
    json::{Dec, Hex, Name, Ss58, U64},
    names::variant_names,
    render::short_ss58,
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

/// The format a decision log writes (docs/auditing.md, "Log formats"): asked once per log
/// (`format_version()`, which a format-1 log does not have).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Logs deployed before format 2: no writer, the subject a bare proposal id.
    One,
    /// The entry records its writer and a typed [`Subject`].
    Two,
}

impl LogFormat {
    /// The log's `format_version()` (1 for a log that has no such message).
    pub const fn version(self) -> u16 {
        match self {
            LogFormat::One => v1::LOG_FORMAT_VERSION,
            LogFormat::Two => LOG_FORMAT_VERSION,
        }
    }

    /// The format of `format_version()`'s answer, if the CLI reads it.
    pub const fn of_version(version: u16) -> Option<Self> {
        match version {
            v1::LOG_FORMAT_VERSION => Some(LogFormat::One),
            LOG_FORMAT_VERSION => Some(LogFormat::Two),
            _ => None,
        }
    }

    /// Most entries a page of `entries` or `entries_for` returns in this format.
    pub const fn page(self) -> u32 {
        match self {
            LogFormat::One => v1::MAX_LOG_PAGE,
            LogFormat::Two => MAX_LOG_PAGE,
        }
    }
}

/// Entries read from one log, with their stored hashes, in the log's format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entries {
    /// Format-1 entries.
    One(Vec<v1::HashedEntry>),
    /// Format-2 entries.
    Two(Vec<HashedEntry>),
}

impl Entries {
    /// No entries, in `format`.
    pub const fn empty(format: LogFormat) -> Self {
        match format {
            LogFormat::One => Entries::One(Vec::new()),
            LogFormat::Two => Entries::Two(Vec::new()),
        }
    }

    /// The format they are in.
    pub const fn format(&self) -> LogFormat {
        match self {
            Entries::One(_) => LogFormat::One,
            Entries::Two(_) => LogFormat::Two,
        }
    }

    /// How many.
    pub fn len(&self) -> usize {
        match self {
            Entries::One(e) => e.len(),
            Entries::Two(e) => e.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each as reports show it.
    pub fn views(&self) -> Vec<EntryView> {
        match self {
            Entries::One(e) => e.iter().map(EntryView::from).collect(),
            Entries::Two(e) => e.iter().map(EntryView::from).collect(),
        }
    }
}

/// What an entry is about, as the dialect writes an enum with data: tagged with `"type"`,
/// the variant in snake_case, then its fields (`{"type": "proposal", "id": 7}`,
/// `{"type": "bid", "round": 1, "bid": 2}`; u32 as JSON integers, an account in SS58).
/// A variant's single unnamed field is named: `id` for a proposal, round or mandate,
/// `account` for a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SubjectView {
    /// The suite itself: writers, admin, bootstrap (format 1's subject 0).
    Suite,
    /// A proposal.
    Proposal {
        /// Its id.
        id: u32,
    },
    /// A member.
    Member {
        /// Its account (SS58; 0x-hex is read too).
        account: String,
    },
    /// An allocation round.
    Round {
        /// Its id.
        id: u32,
    },
    /// A bid in an allocation round.
    Bid {
        /// The round.
        round: u32,
        /// The bid within it.
        bid: u32,
    },
    /// An agent mandate.
    Mandate {
        /// Its id.
        id: u32,
    },
    /// An act under a mandate.
    Act {
        /// The mandate.
        mandate: u32,
        /// The act within it.
        act: u32,
    },
}

impl From<&Subject> for SubjectView {
    fn from(s: &Subject) -> Self {
        match *s {
            Subject::Suite => SubjectView::Suite,
            Subject::Proposal(id) => SubjectView::Proposal { id },
            Subject::Member(a) => SubjectView::Member {
                account: Ss58::from(&a).0,
            },
            Subject::Round(id) => SubjectView::Round { id },
            Subject::Bid { round, bid } => SubjectView::Bid { round, bid },
            Subject::Mandate(id) => SubjectView::Mandate { id },
            Subject::Act { mandate, act } => SubjectView::Act { mandate, act },
        }
    }
}

impl SubjectView {
    /// The subject it describes.
    pub fn to_subject(&self) -> Result<Subject> {
        Ok(match self {
            SubjectView::Suite => Subject::Suite,
            SubjectView::Proposal { id } => Subject::Proposal(*id),
            SubjectView::Member { account } => Subject::Member(parse_account(account)?.into()),
            SubjectView::Round { id } => Subject::Round(*id),
            SubjectView::Bid { round, bid } => Subject::Bid {
                round: *round,
                bid: *bid,
            },
            SubjectView::Mandate { id } => Subject::Mandate(*id),
            SubjectView::Act { mandate, act } => Subject::Act {
                mandate: *mandate,
                act: *act,
            },
        })
    }

    /// One word for a CSV cell: the type, then its fields after colons (`suite`,
    /// `proposal:7`, `member:5Grw…`, `bid:1:2`).
    pub fn compact(&self) -> String {
        match self {
            SubjectView::Suite => "suite".into(),
            SubjectView::Proposal { id } => format!("proposal:{id}"),
            SubjectView::Member { account } => format!("member:{account}"),
            SubjectView::Round { id } => format!("round:{id}"),
            SubjectView::Bid { round, bid } => format!("bid:{round}:{bid}"),
            SubjectView::Mandate { id } => format!("mandate:{id}"),
            SubjectView::Act { mandate, act } => format!("act:{mandate}:{act}"),
        }
    }
}

impl fmt::Display for SubjectView {
    /// For people: `suite`, `proposal 7`, `member 5Grwva…utQY`, `bid 1/2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SubjectView::Suite => f.write_str("suite"),
            SubjectView::Proposal { id } => write!(f, "proposal {id}"),
            SubjectView::Member { account } => {
                write!(f, "member {}", short_ss58(&Ss58(account.clone())))
            }
            SubjectView::Round { id } => write!(f, "round {id}"),
            SubjectView::Bid { round, bid } => write!(f, "bid {round}/{bid}"),
            SubjectView::Mandate { id } => write!(f, "mandate {id}"),
            SubjectView::Act { mandate, act } => write!(f, "act {mandate}/{act}"),
        }
    }
}

/// A decision-log entry with its hash, in either format: the shape of `log show`, of
/// `status`'s log entries and of the entries of a `log export` file
/// ("agora-log-export/v3"), which `log verify --file` reads back (the web app writes the
/// same).
///
/// `kind` is the kind's name and `kind_index` its SCALE index; `External` (index 21) is
/// `"external"` with its code in `external_code` (null for every other kind). `proposal`
/// repeats a proposal subject's id (null for any other subject), for readers that filter by
/// proposal. `writer` is null for a format-1 entry, which records none, and a format-1
/// subject (a bare proposal id, 0 for none) is shown as `suite` or `proposal`, the subject
/// format 2 writes for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntryView {
    /// Position in the log.
    pub index: U64,
    /// What happened, by name (`external` for every `External` code).
    pub kind: Name<LogKind>,
    /// Its SCALE index (21 for `External`).
    pub kind_index: u8,
    /// For `External` entries, the writer's code (u16); null for every other kind.
    pub external_code: Option<u16>,
    /// What it is about.
    pub subject: SubjectView,
    /// The proposal it is about, if its subject is one (derived from `subject`).
    pub proposal: Option<u32>,
    /// Who caused it, as the writer states (SS58; 0x-hex is read too).
    pub actor: String,
    /// The account whose call appended it (SS58; 0x-hex is read too); null in format 1,
    /// which does not record it.
    pub writer: Option<String>,
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
        let subject = SubjectView::from(&e.subject);
        Self {
            index: U64(e.index),
            kind: Name::of(&e.kind),
            kind_index: e.kind.index(),
            external_code: match e.kind {
                LogKind::External(code) => Some(code),
                _ => None,
            },
            proposal: e.subject.proposal(),
            subject,
            actor: Ss58::from(&e.actor).0,
            writer: Some(Ss58::from(&e.writer).0),
            payload_hash: Hex::of(&e.payload_hash),
            block: e.block,
            timestamp: U64(e.timestamp),
            prev_hash: Hex::of(&e.prev_hash),
            hash: Hex::of(&h.hash),
        }
    }
}

impl From<&v1::HashedEntry> for EntryView {
    fn from(h: &v1::HashedEntry) -> Self {
        let e = &h.entry;
        let subject = Subject::of_proposal(e.subject);
        Self {
            index: U64(e.index),
            kind: Name::of(&e.kind),
            kind_index: e.kind.index(),
            external_code: None,
            proposal: subject.proposal(),
            subject: SubjectView::from(&subject),
            actor: Ss58::from(&e.actor).0,
            writer: None,
            payload_hash: Hex::of(&e.payload_hash),
            block: e.block,
            timestamp: U64(e.timestamp),
            prev_hash: Hex::of(&e.prev_hash),
            hash: Hex::of(&h.hash),
        }
    }
}

/// The kind `kind_index` (with `external_code` for `External`) names, checked against the
/// kind's name `kind`.
fn kind_of(index: u64, kind: &Name<LogKind>, kind_index: u8, code: Option<u16>) -> Result<LogKind> {
    let external = LogKind::External(0).index();
    let decoded = match (kind_index, code) {
        (i, Some(code)) if i == external => LogKind::External(code),
        (i, None) if i == external => {
            return Err(Failure::input(format!(
                "entry {index}: an external entry (kind_index {i}) needs its external_code"
            ))
            .into())
        }
        (i, Some(_)) => {
            return Err(Failure::input(format!(
                "entry {index}: only external entries have an external_code (kind_index {i})"
            ))
            .into())
        }
        (i, None) => <LogKind as scale::Decode>::decode(&mut &[i][..]).map_err(|_| {
            Failure::input(format!(
                "unknown log kind index {i} (known: {})",
                variant_names::<LogKind>().join(", ")
            ))
        })?,
    };
    if *kind != Name::of(&decoded) {
        return Err(Failure::input(format!(
            "entry {index}: kind \"{}\" and kind_index {kind_index} name different kinds",
            kind.wire(),
        ))
        .into());
    }
    Ok(decoded)
}

impl EntryView {
    /// The format-2 entry it describes (the kind by its index and code, as the export
    /// format has it); refused if it has no writer, or if its `kind` or `proposal`
    /// contradicts what is hashed.
    pub fn to_entry(&self) -> Result<HashedEntry> {
        let index = self.index.0;
        let kind = kind_of(index, &self.kind, self.kind_index, self.external_code)?;
        let subject = self.subject.to_subject()?;
        if self.proposal != subject.proposal() {
            return Err(Failure::input(format!(
                "entry {index}: proposal {} contradicts its subject {}",
                self.proposal
                    .map_or_else(|| "null".to_owned(), |p| p.to_string()),
                self.subject
            ))
            .into());
        }
        let writer = self.writer.as_deref().ok_or_else(|| {
            Failure::input(format!(
                "entry {index}: no writer (a format-2 entry records the account that appended it)"
            ))
        })?;
        Ok(HashedEntry {
            entry: agora_types::LogEntry {
                index,
                kind,
                subject,
                actor: parse_account(&self.actor)?.into(),
                writer: parse_account(writer)?.into(),
                payload_hash: parse_hex::<32>(&self.payload_hash.0)?,
                block: self.block,
                timestamp: self.timestamp.0,
                prev_hash: parse_hex::<32>(&self.prev_hash.0)?,
            },
            hash: parse_hex::<32>(&self.hash.0)?,
        })
    }
}

/// A format-1 entry as "agora-log-export/v2" files hold it: the subject a bare proposal id
/// (0 for none), no writer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct V1EntryView {
    /// Position in the log.
    pub index: U64,
    /// What happened, by name.
    pub kind: Name<LogKind>,
    /// Its SCALE index (0 to 20).
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

impl From<&v1::HashedEntry> for V1EntryView {
    fn from(h: &v1::HashedEntry) -> Self {
        let e = &h.entry;
        Self {
            index: U64(e.index),
            kind: Name::of(&e.kind),
            kind_index: e.kind.index(),
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

impl V1EntryView {
    /// The format-1 entry it describes (format 1 has no `External` kind).
    pub fn to_entry(&self) -> Result<v1::HashedEntry> {
        let index = self.index.0;
        if self.kind_index == LogKind::External(0).index() {
            return Err(Failure::input(format!(
                "entry {index}: kind_index {} (external) does not exist in format 1",
                self.kind_index
            ))
            .into());
        }
        let kind = kind_of(index, &self.kind, self.kind_index, None)?;
        Ok(v1::HashedEntry {
            entry: v1::LogEntry {
                index,
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
    use serde_json::json;

    fn entry(kind: LogKind, subject: Subject) -> HashedEntry {
        HashedEntry {
            entry: agora_types::LogEntry {
                index: 3,
                kind,
                subject,
                actor: [9u8; 32].into(),
                writer: [8u8; 32].into(),
                payload_hash: [1u8; 32],
                block: 44,
                timestamp: 1_700_000_000_000,
                prev_hash: [2u8; 32],
            },
            hash: [3u8; 32],
        }
    }

    #[test]
    fn log_entries_round_trip_through_the_export_format() {
        let h = entry(LogKind::BallotClosed, Subject::Proposal(7));
        let json = serde_json::to_value(EntryView::from(&h)).unwrap();
        assert_eq!(json["kind"], json!("ballot_closed"));
        assert_eq!(json["kind_index"], json!(12));
        assert_eq!(json["external_code"], json!(null));
        assert_eq!(json["index"], json!(3));
        assert_eq!(json["subject"], json!({"type": "proposal", "id": 7}));
        assert_eq!(json["proposal"], json!(7));
        assert_eq!(json["writer"], json!(Ss58::of(&[8u8; 32]).0));
        let back: EntryView = serde_json::from_value(json).unwrap();
        assert_eq!(back.to_entry().unwrap(), h);
    }

    #[test]
    fn every_subject_is_a_tagged_object_and_reads_back() {
        let member = Ss58::of(&[5u8; 32]).0;
        for (subject, want) in [
            (Subject::Suite, json!({"type": "suite"})),
            (Subject::Proposal(7), json!({"type": "proposal", "id": 7})),
            (
                Subject::Member([5u8; 32].into()),
                json!({"type": "member", "account": member}),
            ),
            (Subject::Round(1), json!({"type": "round", "id": 1})),
            (
                Subject::Bid { round: 1, bid: 2 },
                json!({"type": "bid", "round": 1, "bid": 2}),
            ),
            (Subject::Mandate(3), json!({"type": "mandate", "id": 3})),
            (
                Subject::Act { mandate: 3, act: 4 },
                json!({"type": "act", "mandate": 3, "act": 4}),
            ),
        ] {
            let view = SubjectView::from(&subject);
            assert_eq!(serde_json::to_value(&view).unwrap(), want);
            let back: SubjectView = serde_json::from_value(want).unwrap();
            assert_eq!(back.to_subject().unwrap(), subject);
            let h = entry(LogKind::External(9), subject);
            let v = EntryView::from(&h);
            assert_eq!(v.to_entry().unwrap(), h);
        }
        assert_eq!(SubjectView::Bid { round: 1, bid: 2 }.compact(), "bid:1:2");
        assert_eq!(SubjectView::Proposal { id: 7 }.to_string(), "proposal 7");
        assert!(serde_json::from_value::<SubjectView>(json!({"type": "planet"})).is_err());
        assert!(serde_json::from_value::<SubjectView>(json!(7)).is_err());
    }

    #[test]
    fn an_external_kind_carries_its_code_and_nothing_else_does() {
        let h = entry(LogKind::External(0x0102), Subject::Mandate(3));
        let v = EntryView::from(&h);
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(
            (&json["kind"], &json["kind_index"], &json["external_code"]),
            (&json!("external"), &json!(21), &json!(0x0102))
        );
        assert_eq!(json["proposal"], json!(null));
        let mut no_code = v.clone();
        no_code.external_code = None;
        assert!(no_code.to_entry().is_err());
        let mut stray = EntryView::from(&entry(LogKind::BallotOpened, Subject::Proposal(1)));
        stray.external_code = Some(1);
        assert!(stray.to_entry().is_err());
    }

    #[test]
    fn a_contradicting_proposal_or_a_missing_writer_is_refused() {
        let v = EntryView::from(&entry(LogKind::BallotOpened, Subject::Proposal(1)));
        let mut other = v.clone();
        other.proposal = Some(2);
        assert!(other.to_entry().is_err());
        let mut none = v.clone();
        none.proposal = None;
        assert!(none.to_entry().is_err());
        let mut anonymous = v;
        anonymous.writer = None;
        let e = anonymous.to_entry().unwrap_err();
        assert!(format!("{e:#}").contains("no writer"), "{e:#}");
    }

    #[test]
    fn format_one_entries_show_their_subject_as_format_two_writes_it() {
        let h = v1::HashedEntry {
            entry: v1::LogEntry {
                index: 0,
                kind: LogKind::ProposalSubmitted,
                subject: 4,
                actor: [9u8; 32].into(),
                payload_hash: [1u8; 32],
                block: 2,
                timestamp: 0,
                prev_hash: [0u8; 32],
            },
            hash: [3u8; 32],
        };
        let v = EntryView::from(&h);
        assert_eq!(v.subject, SubjectView::Proposal { id: 4 });
        assert_eq!((v.proposal, v.writer.as_ref()), (Some(4), None));
        let mut suite = h.clone();
        suite.entry.subject = 0;
        assert_eq!(EntryView::from(&suite).subject, SubjectView::Suite);
        let old = V1EntryView::from(&h);
        let json = serde_json::to_value(&old).unwrap();
        assert_eq!(json["subject"], json!(4));
        assert!(json.get("writer").is_none());
        let back: V1EntryView = serde_json::from_value(json).unwrap();
        assert_eq!(back.to_entry().unwrap(), h);
        let mut external = old;
        external.kind_index = 21;
        assert!(external.to_entry().is_err());
    }

    #[test]
    fn log_formats_page_by_their_limits() {
        assert_eq!(LogFormat::Two.page(), 64);
        assert_eq!(LogFormat::One.page(), 100);
        assert_eq!(LogFormat::of_version(2), Some(LogFormat::Two));
        assert_eq!(LogFormat::of_version(1), Some(LogFormat::One));
        assert_eq!(LogFormat::of_version(3), None);
        assert_eq!(Entries::empty(LogFormat::One).format(), LogFormat::One);
    }
}
