//! The decision log's audit: verifying it on chain (hash chain, head, each entry's writer
//! against the writer authorizations before it, and each review-round and ballot entry
//! against the transcript recomputed from the stored reviews and votes), and its JSON export
//! ("agora-log-export/v3" for a format-2 log, "agora-log-export/v2" for a format-1 log),
//! verified offline with the same rules.

use std::path::Path;

use agora_types::{
    ballot_closed_payload, ballot_opened_payload, kinds_of_payload, round_closed_payload,
    round_opened_payload, transcript_of, v1, vote_transcript_of, Ballot, BallotId, BallotOutcome,
    BallotPurpose, ChainVerifier, HashedEntry, LogEntry, LogKind, Proposal, ProposalId,
    ReviewError, ReviewRound, RoundOutcome, Subject, VerifyError, VerifyFailure, VotingError,
    WriterCheck, WriterError, WriterFault,
};
use schemars::JsonSchema;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::Value;

use crate::core::{
    chain::Chain,
    config::Deployment,
    contracts::SuiteContract,
    encoding::{hex0x, parse_hex, ss58_of},
    error::{Failure, Result},
    json::{Hex, U64},
    names::{kind_set_text, log_kind_text, variant_name},
    reads::{all_reviews, all_votes, entries_range, log_format, log_head},
    views::{Entries, EntryView, LogFormat, SubjectView, V1EntryView},
};

/// The export format of a format-2 log: its entries with `writer`, a typed `subject` and
/// `external_code`, and the document's `format_version` (2). `log verify --file` reads it
/// and [`EXPORT_FORMAT_V2`].
pub const EXPORT_FORMAT: &str = "agora-log-export/v3";

/// The export format of a format-1 log (what `log export` wrote before format 2, and still
/// writes for a log deployed before it): the subject a bare proposal id, no writer. v1 wrote
/// `kind` as the contract's variant name; no agora reads it any more.
pub const EXPORT_FORMAT_V2: &str = "agora-log-export/v2";

/// Which check an entry failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// The entry's index is not its position.
    WrongIndex,
    /// Its prev_hash is not the previous entry's hash.
    BrokenLink,
    /// Its stored hash is not blake2_256(prev_hash ++ SCALE(entry)).
    WrongHash,
    /// Entries are missing before the head.
    Missing,
    /// More entries than the head counts.
    Unexpected,
    /// The last hash is not the head's.
    HeadMismatch,
    /// Format 2: the entry's writer was not allowed to append it (replaying the writer
    /// authorizations before it; the reason names the `WriterFault`).
    Writer,
    /// A review-round or ballot entry does not match what the contracts store.
    Transcript,
    /// The export's entry cannot be read.
    Unreadable,
    /// The log anchors a predecessor log that does not verify, or whose chain does not hold
    /// the anchored position.
    Predecessor,
}

impl Check {
    fn of(f: VerifyFailure) -> Self {
        match f {
            VerifyFailure::WrongIndex => Check::WrongIndex,
            VerifyFailure::BrokenLink => Check::BrokenLink,
            VerifyFailure::WrongHash => Check::WrongHash,
            VerifyFailure::Missing => Check::Missing,
            VerifyFailure::Unexpected => Check::Unexpected,
            VerifyFailure::HeadMismatch => Check::HeadMismatch,
        }
    }

    /// What failing it means.
    pub const fn meaning(self) -> &'static str {
        match self {
            Check::WrongIndex => "the entry's index is not its position",
            Check::BrokenLink => "prev_hash is not the previous entry's hash",
            Check::WrongHash => "the stored hash is not blake2_256(prev_hash ++ SCALE(entry))",
            Check::Missing => "entries are missing before the head",
            Check::Unexpected => "more entries than the head counts",
            Check::HeadMismatch => "the last hash is not the head's hash",
            Check::Writer => "the entry's writer was not allowed to append it",
            Check::Transcript => "the entry does not match what the contracts store",
            Check::Unreadable => "the entry cannot be read",
            Check::Predecessor => {
                "the predecessor log this log continues does not verify up to its anchor"
            }
        }
    }
}

/// The name of a writer fault (`KindNotAllowed`), as `agora_types::WriterFault` has it.
pub const fn writer_fault_name(fault: WriterFault) -> &'static str {
    match fault {
        WriterFault::NotAdmin => "NotAdmin",
        WriterFault::BadAuthorization => "BadAuthorization",
        WriterFault::UnknownWriter => "UnknownWriter",
        WriterFault::BadHandover => "BadHandover",
        WriterFault::NotWriter => "NotWriter",
        WriterFault::KindNotAllowed => "KindNotAllowed",
        WriterFault::SubjectNotAllowed => "SubjectNotAllowed",
        WriterFault::BadAnchor => "BadAnchor",
        WriterFault::BadSeal => "BadSeal",
        WriterFault::AfterSeal => "AfterSeal",
    }
}

/// Why `entry` failed the writer check, naming the fault and the accounts concerned;
/// `check` is the replay as it stood at the entry.
fn writer_reason(entry: &LogEntry, e: &WriterError, check: &WriterCheck) -> String {
    let (admin, writers) = check.state();
    let admin = admin.map_or_else(|| "none yet".to_owned(), |a| ss58_of(&a));
    let writer = ss58_of(&entry.writer);
    let actor = ss58_of(&entry.actor);
    let kind = log_kind_text(&entry.kind);
    let what = match e.fault {
        WriterFault::NotAdmin => {
            format!("{kind} appended by {writer}, not by the log's admin of the time ({admin})")
        }
        WriterFault::BadAuthorization => match kinds_of_payload(&entry.payload_hash) {
            None => format!(
                "the authorization of {actor} names no valid kind set (payload {})",
                hex0x(&entry.payload_hash)
            ),
            Some(_) => format!("authorizes {actor}, which was already a writer"),
        },
        WriterFault::UnknownWriter => format!("revokes {actor}, which was not a writer"),
        WriterFault::BadHandover => format!(
            "the admin handover to {} was appended by {writer}, or does not hand over from the \
             admin of the time ({admin}; the entry names {actor})",
            hex_account(&entry.payload_hash)
        ),
        WriterFault::NotWriter => format!("appended by {writer}, which was not a writer then"),
        WriterFault::KindNotAllowed => format!(
            "{writer} was authorized for {}, not for {kind}",
            writers
                .get(&entry.writer)
                .map_or_else(|| "nothing".to_owned(), |k| kind_set_text(*k))
        ),
        WriterFault::SubjectNotAllowed => format!(
            "{writer} appended {kind} about the suite, which the log refuses from every writer"
        ),
        WriterFault::BadAnchor => format!(
            "an Anchored entry (appended by {writer}) that is not entry 0 about the suite: \
             only a successor log's constructor writes one, first"
        ),
        WriterFault::BadSeal => {
            format!("a Sealed entry by {writer} that is not about the suite")
        }
        WriterFault::AfterSeal => format!(
            "{kind} appended by {writer} after the log was sealed (a sealed log takes none)"
        ),
    };
    format!("{}: {what}", writer_fault_name(e.fault))
}

/// The SS58 of 32 payload bytes (the new admin an `AdminTransferred` entry names).
fn hex_account(bytes: &[u8; 32]) -> String {
    crate::core::encoding::ss58(bytes)
}

/// The first entry that failed, and why.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FailedEntry {
    /// Its index.
    pub index: U64,
    /// The check it failed.
    pub check: Check,
    /// Why, in words.
    pub reason: String,
}

impl FailedEntry {
    fn new(index: u64, check: Check, reason: String) -> Self {
        Self {
            index: U64(index),
            check,
            reason,
        }
    }

    fn of_chain(e: &VerifyError) -> Self {
        let check = Check::of(e.failure);
        Self::new(e.index, check, check.meaning().to_owned())
    }
}

/// Where a verified log came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Read from the deployment's decision log.
    Chain,
    /// An export file, offline.
    File,
}

/// The outcome of verifying a log.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Verification {
    /// Whether every check passed.
    pub verified: bool,
    /// Chain or file.
    pub source: Source,
    /// The log format of its entries (2, or 1 for a log deployed before format 2 and its
    /// `agora-log-export/v2` exports).
    pub format_version: u16,
    /// Entries the head counts.
    pub entries: U64,
    /// The head hash.
    pub head: Hex,
    /// Whether each entry's writer was checked against the writer authorizations before it
    /// (format 2). False for format 1, whose entries do not record their writer: that is
    /// not a failure, the format cannot tell.
    pub writers_checked: bool,
    /// On chain: review-round and ballot entries checked against their transcripts.
    pub transcripts_checked: Option<u64>,
    /// The first failure, if any.
    pub failure: Option<FailedEntry>,
    /// On chain, for the log of a successor suite (entry 0 `Anchored`): the predecessor
    /// log, verified in turn, and whether the anchor and the hand-over hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predecessor: Option<Box<PredecessorLink>>,
}

/// How many predecessors `log verify` follows back from a log (each is verified whole).
pub const MAX_SUCCESSION_DEPTH: u32 = 8;

/// The link from a successor suite's log to its predecessor's, as `log verify` followed it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PredecessorLink {
    /// The predecessor suite's log (SS58).
    pub log: String,
    /// How many entries it held when the successor's log anchored it.
    pub anchored_len: U64,
    /// Its head hash then (the successor's entry 0 payload).
    pub anchored_head: Hex,
    /// Whether the predecessor's entry `anchored_len - 1` has that hash (its chain at the
    /// time is the one the successor continues; for an empty predecessor, the head was the
    /// genesis hash).
    pub anchor_found: bool,
    /// The successor hub the predecessor's last entry (`Sealed`) names, if it was sealed.
    pub sealed_for: Option<String>,
    /// Whether it was sealed for this suite's hub: the old suite handed itself over to this
    /// one (false while the succession has not executed; not a failure).
    pub handed_over: bool,
    /// The predecessor's own verification (which follows its predecessor in turn, up to
    /// `MAX_SUCCESSION_DEPTH`).
    pub verification: Option<Verification>,
    /// Why it was not followed further, if it was not.
    pub not_followed: Option<String>,
}

/// One verification under way: the chain, the writers (format 2) and the transcripts
/// checked so far.
struct Audit {
    source: Source,
    format: LogFormat,
    head: (u64, [u8; 32]),
    chain: ChainVerifier,
    writers: WriterCheck,
    transcripts: Option<u64>,
}

impl Audit {
    /// An audit from entry 0. With `writers` made by `WriterCheck::for_suite` (on chain, the
    /// deployment's hub, review and voting) the suite's kinds count only from the suite's
    /// contracts; an export is checked for consistency with itself (`WriterCheck::new`).
    fn new(source: Source, format: LogFormat, head: (u64, [u8; 32]), writers: WriterCheck) -> Self {
        Self {
            source,
            format,
            head,
            chain: ChainVerifier::new(),
            writers,
            transcripts: (source == Source::Chain).then_some(0),
        }
    }

    /// A format-2 entry: its place in the chain, then its writer.
    fn push_two(&mut self, item: &HashedEntry) -> core::result::Result<(), FailedEntry> {
        self.chain
            .push_hashed(item)
            .map_err(|e| FailedEntry::of_chain(&e))?;
        // A failed push leaves the replay as it was (but for the first admin it learns).
        let pushed = self.writers.push(&item.entry);
        pushed.map_err(|e| {
            FailedEntry::new(
                e.index,
                Check::Writer,
                writer_reason(&item.entry, &e, &self.writers),
            )
        })
    }

    /// A format-1 entry: its place in the chain (it names no writer).
    fn push_one(&mut self, item: &v1::HashedEntry) -> core::result::Result<(), FailedEntry> {
        self.chain
            .push_hashed(item)
            .map_err(|e| FailedEntry::of_chain(&e))
    }

    fn report(&self, failure: Option<FailedEntry>) -> Verification {
        Verification {
            verified: failure.is_none(),
            source: self.source,
            format_version: self.format.version(),
            entries: U64(self.head.0),
            head: Hex::of(&self.head.1),
            writers_checked: self.format == LogFormat::Two,
            transcripts_checked: if failure.is_none() {
                self.transcripts
            } else {
                None
            },
            failure,
            predecessor: None,
        }
    }

    /// The report once every entry was pushed: the chain must end at the head.
    fn finish(&self) -> Verification {
        self.report(
            self.chain
                .finish(self.head)
                .err()
                .map(|e| FailedEntry::of_chain(&e)),
        )
    }
}

/// Verifies the deployment's log on chain, in the format it writes; `progress` is told how
/// many entries were checked.
pub async fn verify_online(
    chain: &Chain,
    dep: &Deployment,
    progress: impl FnMut(u64, u64),
) -> Result<Verification> {
    let mut v = verify_log(chain, dep, progress).await?;
    let mut visited = std::collections::BTreeSet::new();
    if let Ok(log) = dep.address(SuiteContract::DecisionLog) {
        visited.insert(log);
    }
    follow_predecessor(chain, dep, &mut v, &mut visited).await?;
    Ok(v)
}

/// The predecessor suite around `log`, found from the log itself: its admin (the suite's hub
/// once the bootstrap handed it over) and that hub's `contracts()`, which must name `log`
/// back. A deployment of those five on `template`'s network, or why there is none.
pub async fn predecessor_suite(
    chain: &Chain,
    template: &Deployment,
    log: &ink::primitives::AccountId,
) -> Result<core::result::Result<Deployment, String>> {
    use ink::primitives::AccountId;
    let named = ss58_of(log);
    let mut old = Deployment::of_log(template, log);
    let Ok(hub) = chain
        .query::<_, AccountId>(&old, SuiteContract::DecisionLog, "Governed::admin", &())
        .await
    else {
        return Ok(Err(format!("the log {named} does not answer admin()")));
    };
    let entry = |a: &AccountId| crate::core::config::Deployed {
        address: ss58_of(a),
        code_hash: String::new(),
    };
    old.contracts
        .insert(SuiteContract::Proposals.name().to_owned(), entry(&hub));
    let contracts = chain
        .query::<_, (AccountId, AccountId, AccountId, AccountId)>(
            &old,
            SuiteContract::Proposals,
            "contracts",
            &(),
        )
        .await;
    match contracts {
        Ok((registry, review, voting, wired)) if wired == *log => {
            for (c, a) in [
                (SuiteContract::AgentRegistry, registry),
                (SuiteContract::PeerReview, review),
                (SuiteContract::Voting, voting),
            ] {
                old.contracts.insert(c.name().to_owned(), entry(&a));
            }
            Ok(Ok(old))
        }
        _ => Ok(Err(format!(
            "the admin of the log {named}, {}, is not a hub wired to it (a suite's log is \
             administered by its hub)",
            ss58_of(&hub)
        ))),
    }
}

/// For the log of a successor suite, verifies the predecessor suite's log it anchors (as a
/// suite: its writers against its own hub, review and voting, and its transcripts), and its
/// predecessors up to [`MAX_SUCCESSION_DEPTH`], and records the link in `v`. A broken link
/// fails `v`: entry 0 is not the anchor `predecessor()` describes, the predecessor is no
/// suite's log or does not verify, its chain has no entry at the anchored position with the
/// anchored hash, it was sealed for another hub, or the chain of predecessors loops.
fn follow_predecessor<'a>(
    chain: &'a Chain,
    dep: &'a Deployment,
    v: &'a mut Verification,
    visited: &'a mut std::collections::BTreeSet<[u8; 32]>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<()>> + 'a>> {
    Box::pin(async move {
        if v.format_version < 2 {
            return Ok(());
        }
        let Some(anchor) = crate::core::reads::log_predecessor(chain, dep).await? else {
            return Ok(());
        };
        let mut link = PredecessorLink {
            log: ss58_of(&anchor.log),
            anchored_len: U64(anchor.len),
            anchored_head: Hex::of(&anchor.head),
            anchor_found: false,
            sealed_for: None,
            handed_over: false,
            verification: None,
            not_followed: None,
        };
        let broken = follow_link(chain, dep, &anchor, &mut link, visited).await;
        if let Err(why) = broken {
            if v.failure.is_none() {
                v.verified = false;
                v.failure = Some(FailedEntry::new(0, Check::Predecessor, why));
            }
        }
        v.predecessor = Some(Box::new(link));
        Ok(())
    })
}

/// Whether the predecessor log of `old` holds the position `anchor` names: its entry
/// `len - 1` has the anchored hash (for an empty predecessor, the head was the genesis hash).
pub async fn anchor_in_chain(
    chain: &Chain,
    old: &Deployment,
    anchor: &agora_types::LogAnchor,
) -> Result<bool> {
    let Some(last) = anchor.len.checked_sub(1) else {
        return Ok(anchor.head == agora_types::GENESIS_HASH);
    };
    let format = log_format(chain, old).await?;
    Ok(
        match entries_range(chain, old, format, last, 1, |_| {}).await? {
            Entries::Two(items) => items.first().is_some_and(|i| i.hash == anchor.head),
            Entries::One(items) => items.first().is_some_and(|i| i.hash == anchor.head),
        },
    )
}

/// Checks the link to `anchor` and fills `link`; `Err(why)` if it is broken.
async fn follow_link(
    chain: &Chain,
    dep: &Deployment,
    anchor: &agora_types::LogAnchor,
    link: &mut PredecessorLink,
    visited: &mut std::collections::BTreeSet<[u8; 32]>,
) -> core::result::Result<(), String> {
    let read_failed = |e: anyhow::Error| format!("reading the link failed: {e:#}");
    // Entry 0 records what `predecessor()` answers.
    let first = entries_range(chain, dep, LogFormat::Two, 0, 1, |_| {})
        .await
        .map_err(read_failed)?;
    let recorded = match &first {
        Entries::Two(items) => items.first().map(|i| i.entry.clone()),
        Entries::One(_) => None,
    };
    if !recorded.is_some_and(|e| {
        e.kind == LogKind::Anchored && e.actor == anchor.log && e.payload_hash == anchor.head
    }) {
        return Err("entry 0 is not the Anchored entry predecessor() describes".into());
    }
    let key: [u8; 32] = *anchor.log.as_ref();
    if !visited.insert(key) {
        return Err(format!(
            "the predecessors loop back to {}: no real succession does",
            link.log
        ));
    }
    if visited.len() > MAX_SUCCESSION_DEPTH as usize + 1 {
        link.not_followed = Some(format!(
            "{MAX_SUCCESSION_DEPTH} predecessors followed; verify {} on its own",
            link.log
        ));
        return Ok(());
    }
    let old = match predecessor_suite(chain, dep, &anchor.log).await {
        Ok(Ok(old)) => old,
        Ok(Err(why)) => {
            link.not_followed = Some(why.clone());
            return Err(why);
        }
        Err(e) => return Err(read_failed(e)),
    };
    let mut old_v = verify_log(chain, &old, |_, _| {})
        .await
        .map_err(read_failed)?;
    Box::pin(follow_predecessor(chain, &old, &mut old_v, visited))
        .await
        .map_err(read_failed)?;
    link.anchor_found = anchor_in_chain(chain, &old, anchor)
        .await
        .map_err(read_failed)?;
    let sealed_for = crate::core::reads::log_successor(chain, &old)
        .await
        .map_err(read_failed)?;
    let this_hub = dep
        .address(SuiteContract::Proposals)
        .ok()
        .map(ink::primitives::AccountId::from);
    link.handed_over = sealed_for.is_some() && sealed_for == this_hub;
    link.sealed_for = sealed_for.map(|a| ss58_of(&a));
    let verified = old_v.verified;
    link.verification = Some(old_v);
    if !verified {
        return Err(format!("the predecessor log {} does not verify", link.log));
    }
    if !link.anchor_found {
        return Err(format!(
            "the predecessor log {} has no entry {} with the anchored hash",
            link.log,
            anchor.len.saturating_sub(1)
        ));
    }
    if let (Some(other), false) = (&link.sealed_for, link.handed_over) {
        return Err(format!(
            "the predecessor log {} was sealed for another hub, {other}: this suite does not \
             continue it",
            link.log
        ));
    }
    Ok(())
}

/// Verifies one log on chain (not its predecessor).
async fn verify_log(
    chain: &Chain,
    dep: &Deployment,
    mut progress: impl FnMut(u64, u64),
) -> Result<Verification> {
    let format = log_format(chain, dep).await?;
    let head = log_head(chain, dep).await?;
    let (len, _) = head;
    // With the suite's contracts known, the suite's kinds count only from them and the
    // review-round and ballot entries are checked against what they store; a log read on its
    // own (deployed alone, or a predecessor suite's) is checked for consistency with itself.
    let (suite, transcripts) = match (
        dep.address(SuiteContract::Proposals),
        dep.address(SuiteContract::PeerReview),
        dep.address(SuiteContract::Voting),
    ) {
        (Ok(hub), Ok(review), Ok(voting)) => (
            WriterCheck::for_suite(hub.into(), review.into(), voting.into()),
            true,
        ),
        _ => (WriterCheck::new(), false),
    };
    let mut audit = Audit::new(Source::Chain, format, head, suite);
    if !transcripts {
        audit.transcripts = None;
    }
    let mut next = 0u64;
    while next < len {
        let n = len.saturating_sub(next).min(u64::from(format.page()));
        let page = entries_range(chain, dep, format, next, n, |_| {}).await?;
        if page.is_empty() {
            break;
        }
        // Each entry's chain (and writer) first, then its transcript.
        let items: Vec<(u64, LogKind, Subject, [u8; 32])> = match &page {
            Entries::Two(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    if let Err(f) = audit.push_two(item) {
                        return Ok(audit.report(Some(f)));
                    }
                    let e = &item.entry;
                    out.push((e.index, e.kind, e.subject, e.payload_hash));
                }
                out
            }
            Entries::One(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    if let Err(f) = audit.push_one(item) {
                        return Ok(audit.report(Some(f)));
                    }
                    let e = &item.entry;
                    out.push((
                        e.index,
                        e.kind,
                        Subject::of_proposal(e.subject),
                        e.payload_hash,
                    ));
                }
                out
            }
        };
        for (index, kind, subject, payload) in items {
            if !transcripts || !has_transcript(kind) {
                continue;
            }
            let outcome = match subject.proposal() {
                Some(id) => check_transcript(chain, dep, kind, id, &payload).await?,
                None => Err(format!(
                    "{} about {}, not about a proposal",
                    variant_name(&kind),
                    SubjectView::from(&subject)
                )),
            };
            match outcome {
                Ok(()) => {
                    audit.transcripts = audit.transcripts.map(|n| n.saturating_add(1));
                }
                Err(reason) => {
                    return Ok(audit.report(Some(FailedEntry::new(
                        index,
                        Check::Transcript,
                        reason,
                    ))))
                }
            }
        }
        next += page.len() as u64;
        progress(next, len);
    }
    Ok(audit.finish())
}

/// Whether entries of `kind` commit to a transcript the contracts store.
const fn has_transcript(kind: LogKind) -> bool {
    matches!(
        kind,
        LogKind::ReviewRoundOpened
            | LogKind::ReviewRoundClosed
            | LogKind::BallotOpened
            | LogKind::BallotClosed
    )
}

/// For a review-round or ballot entry about proposal `id`, recomputes the payload from the
/// contracts' stored rounds, ballots, reviews and votes: `Ok(Err(why))` if it differs.
async fn check_transcript(
    chain: &Chain,
    dep: &Deployment,
    kind: LogKind,
    id: ProposalId,
    payload: &[u8; 32],
) -> Result<core::result::Result<(), String>> {
    let name = variant_name(&kind);
    match kind {
        LogKind::ReviewRoundOpened | LogKind::ReviewRoundClosed => {
            let p: Option<Proposal> = chain
                .query(dep, SuiteContract::Proposals, "proposal", &id)
                .await?;
            let Some(p) = p else {
                return Ok(Err(format!(
                    "{name} about proposal {id}, which the hub does not know"
                )));
            };
            for revision in 1..=p.revision {
                let matched = if kind == LogKind::ReviewRoundOpened {
                    let round: Option<ReviewRound> = chain
                        .query(dep, SuiteContract::PeerReview, "round", &(id, revision))
                        .await?;
                    round.is_some_and(|r| round_opened_payload(revision, &r) == *payload)
                } else {
                    let outcome: core::result::Result<RoundOutcome, ReviewError> = chain
                        .query(
                            dep,
                            SuiteContract::PeerReview,
                            "ReviewRounds::round_outcome",
                            &(id, revision),
                        )
                        .await?;
                    let Ok(outcome) = outcome else { continue };
                    if round_closed_payload(revision, &outcome) != *payload {
                        continue;
                    }
                    let reviews = all_reviews(chain, dep, id, revision).await?;
                    if transcript_of(&reviews) != outcome.transcript {
                        return Ok(Err(format!(
                            "review round {id}/{revision}: the stored reviews do not hash to the logged transcript"
                        )));
                    }
                    true
                };
                if matched {
                    return Ok(Ok(()));
                }
            }
            Ok(Err(format!(
                "{name} about proposal {id}: no review round's recomputed payload equals {}",
                hex0x(payload)
            )))
        }
        LogKind::BallotOpened => {
            // The entry names the proposal; its payload names the purpose.
            for purpose in BallotPurpose::ALL {
                let ballot: Option<Ballot> = chain
                    .query(
                        dep,
                        SuiteContract::Voting,
                        "ballot",
                        &BallotId {
                            proposal: id,
                            purpose,
                        },
                    )
                    .await?;
                if ballot.is_some_and(|b| ballot_opened_payload(purpose, &b) == *payload) {
                    return Ok(Ok(()));
                }
            }
            Ok(Err(format!(
                "BallotOpened about proposal {id}: no ballot's recomputed payload equals {}",
                hex0x(payload)
            )))
        }
        LogKind::BallotClosed => {
            for purpose in BallotPurpose::ALL {
                let ballot = BallotId {
                    proposal: id,
                    purpose,
                };
                let outcome: core::result::Result<BallotOutcome, VotingError> = chain
                    .query(
                        dep,
                        SuiteContract::Voting,
                        "Ballots::ballot_outcome",
                        &ballot,
                    )
                    .await?;
                let Ok(outcome) = outcome else { continue };
                if ballot_closed_payload(purpose, &outcome) != *payload {
                    continue;
                }
                let votes = all_votes(chain, dep, ballot).await?;
                if vote_transcript_of(&votes) != outcome.transcript {
                    return Ok(Err(format!(
                        "ballot {id} ({}): the stored votes do not hash to the logged transcript",
                        variant_name(&purpose)
                    )));
                }
                return Ok(Ok(()));
            }
            Ok(Err(format!(
                "BallotClosed about proposal {id}: no ballot's outcome hashes to {}",
                hex0x(payload)
            )))
        }
        _ => Ok(Ok(())),
    }
}

/// The head of an export.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ExportHead {
    /// Entries in the log.
    pub len: U64,
    /// The last entry's hash.
    pub hash: Hex,
}

impl ExportHead {
    fn of(head: (u64, [u8; 32])) -> Self {
        Self {
            len: U64(head.0),
            hash: Hex::of(&head.1),
        }
    }
}

fn log_address(dep: &Deployment) -> Option<String> {
    dep.contracts
        .get(SuiteContract::DecisionLog.name())
        .map(|d| d.address.clone())
}

/// A JSON export of a format-2 log ("agora-log-export/v3").
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Export {
    /// `agora-log-export/v3`.
    pub format: String,
    /// The log format of the entries: 2.
    pub format_version: u16,
    /// The network name.
    pub network: String,
    /// The chain tag.
    pub chain_tag: String,
    /// The log's address.
    pub log: Option<String>,
    /// The head it was read at.
    pub head: ExportHead,
    /// Every entry, each with its writer.
    pub entries: Vec<EntryView>,
}

impl Export {
    /// The export of a format-2 log read at `head`.
    pub fn new(dep: &Deployment, head: (u64, [u8; 32]), entries: &[HashedEntry]) -> Self {
        Self {
            format: EXPORT_FORMAT.into(),
            format_version: LogFormat::Two.version(),
            network: dep.network.clone(),
            chain_tag: dep.chain_tag.clone(),
            log: log_address(dep),
            head: ExportHead::of(head),
            entries: entries.iter().map(EntryView::from).collect(),
        }
    }
}

/// A JSON export of a format-1 log ("agora-log-export/v2", as agora wrote it before format
/// 2).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExportV2 {
    /// `agora-log-export/v2`.
    pub format: String,
    /// The network name.
    pub network: String,
    /// The chain tag.
    pub chain_tag: String,
    /// The log's address.
    pub log: Option<String>,
    /// The head it was read at.
    pub head: ExportHead,
    /// Every entry (subject a bare proposal id, no writer).
    pub entries: Vec<V1EntryView>,
}

impl ExportV2 {
    /// The export of a format-1 log read at `head`.
    pub fn new(dep: &Deployment, head: (u64, [u8; 32]), entries: &[v1::HashedEntry]) -> Self {
        Self {
            format: EXPORT_FORMAT_V2.into(),
            network: dep.network.clone(),
            chain_tag: dep.chain_tag.clone(),
            log: log_address(dep),
            head: ExportHead::of(head),
            entries: entries.iter().map(V1EntryView::from).collect(),
        }
    }
}

/// The export of a log in the format its entries need.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum ExportDocument {
    /// A format-2 log.
    V3(Export),
    /// A format-1 log.
    V2(ExportV2),
}

impl ExportDocument {
    /// The export of `entries` read at `head`.
    pub fn new(dep: &Deployment, head: (u64, [u8; 32]), entries: &Entries) -> Self {
        match entries {
            Entries::Two(e) => ExportDocument::V3(Export::new(dep, head, e)),
            Entries::One(e) => ExportDocument::V2(ExportV2::new(dep, head, e)),
        }
    }
}

/// Verifies an export (its JSON text) offline: the hash chain and the head, and for v3 each
/// entry's writer; the report names the first failing index.
pub fn verify_export_text(text: &str) -> Result<Verification> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| Failure::input(format!("the export is not JSON: {e}")))?;
    verify_export(&doc)
}

/// Verifies an export file offline.
pub fn verify_export_file(path: &Path) -> Result<Verification> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::io(format!("cannot read {}: {e}", path.display())))?;
    verify_export_text(&text).map_err(|e| e.context(format!("{}", path.display())))
}

/// Verifies an export document offline: "agora-log-export/v3" (format 2: chain, head and
/// writers) or "agora-log-export/v2" (format 1: chain and head); any other document is
/// refused with an input error.
pub fn verify_export(doc: &Value) -> Result<Verification> {
    let format = match doc.get("format").and_then(Value::as_str) {
        Some(EXPORT_FORMAT) => LogFormat::Two,
        Some(EXPORT_FORMAT_V2) => LogFormat::One,
        other => {
            return Err(Failure::input(format!(
                "not an agora log export this agora reads (it reads {EXPORT_FORMAT} and \
                 {EXPORT_FORMAT_V2}): its format is {}",
                other.map_or_else(|| "missing".to_owned(), |f| format!("\"{f}\""))
            ))
            .into())
        }
    };
    if format == LogFormat::Two {
        let version = doc.get("format_version").and_then(Value::as_u64);
        if version != Some(u64::from(LogFormat::Two.version())) {
            return Err(Failure::input(format!(
                "an {EXPORT_FORMAT} document holds log format {} entries, but its \
                 format_version is {}",
                LogFormat::Two.version(),
                doc.get("format_version")
                    .map_or_else(|| "missing".to_owned(), Value::to_string)
            ))
            .into());
        }
    }
    let entries = doc
        .get("entries")
        .and_then(Value::as_array)
        .ok_or_else(|| Failure::input("not an agora log export: no `entries` list"))?;
    let head: ExportHead = doc
        .get("head")
        .cloned()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| Failure::input(format!("the export's head is not {{len, hash}}: {e}")))?
        .ok_or_else(|| Failure::input("the export has no head"))?;
    let head = (head.len.0, parse_hex::<32>(&head.hash.0)?);
    let mut audit = Audit::new(Source::File, format, head, WriterCheck::new());
    let failure = match format {
        LogFormat::Two => push_all(&mut audit, entries, read_v3_entry, Audit::push_two),
        LogFormat::One => push_all(
            &mut audit,
            entries,
            |view: &V1EntryView, _: &Value| view.to_entry(),
            Audit::push_one,
        ),
    };
    Ok(match failure {
        Some(f) => audit.report(Some(f)),
        None => audit.finish(),
    })
}

/// A v3 entry: `proposal`, which only repeats the subject, may be left out (it must not
/// contradict the subject when it is there, `null` included).
fn read_v3_entry(view: &EntryView, raw: &Value) -> Result<HashedEntry> {
    if raw.get("proposal").is_some() {
        return view.to_entry();
    }
    let mut stated = view.clone();
    stated.proposal = view.subject.to_subject()?.proposal();
    stated.to_entry()
}

/// Reads each entry of an export as `V` and pushes what it describes; the first failure, if
/// any (an entry that cannot be read is named by its position).
fn push_all<V: DeserializeOwned, T>(
    audit: &mut Audit,
    entries: &[Value],
    read: impl Fn(&V, &Value) -> Result<T>,
    push: impl Fn(&mut Audit, &T) -> core::result::Result<(), FailedEntry>,
) -> Option<FailedEntry> {
    for (i, v) in entries.iter().enumerate() {
        let item = V::deserialize(v)
            .map_err(anyhow::Error::from)
            .and_then(|view| read(&view, v));
        let item = match item {
            Ok(item) => item,
            Err(e) => {
                return Some(FailedEntry::new(
                    i as u64,
                    Check::Unreadable,
                    format!("unreadable entry: {e:#}"),
                ))
            }
        };
        if let Err(f) = push(audit, &item) {
            return Some(f);
        }
    }
    None
}

/// A valid format-2 log of `n` entries (at least the bootstrap's four), as `agora deploy`
/// begins one: a deployer (`0xD0` × 32) authorizes the hub (`0x01` × 32) for `HUB_KINDS`,
/// peer review (`0x02`) for `REVIEW_KINDS` and voting (`0x03`) for `VOTING_KINDS`, hands the
/// admin to the hub, then the hub appends `MembershipChanged` entries about the suite. For
/// samples, tests and benchmarks.
pub fn sample_log(n: u64) -> Vec<HashedEntry> {
    use agora_types::{
        account_payload, kinds_payload, GENESIS_HASH, HUB_KINDS, REVIEW_KINDS, VOTING_KINDS,
    };
    use ink::primitives::AccountId;
    let deployer = AccountId::from([0xD0; 32]);
    let hub = AccountId::from([0x01; 32]);
    let bootstrap = [
        (
            LogKind::WriterAuthorized,
            hub,
            deployer,
            kinds_payload(HUB_KINDS),
        ),
        (
            LogKind::WriterAuthorized,
            AccountId::from([0x02; 32]),
            deployer,
            kinds_payload(REVIEW_KINDS),
        ),
        (
            LogKind::WriterAuthorized,
            AccountId::from([0x03; 32]),
            deployer,
            kinds_payload(VOTING_KINDS),
        ),
        (
            LogKind::AdminTransferred,
            deployer,
            hub,
            account_payload(&hub),
        ),
    ];
    let mut prev = GENESIS_HASH;
    let mut out = Vec::new();
    for index in 0..n.max(4) {
        let (kind, actor, writer, payload_hash) = usize::try_from(index)
            .ok()
            .and_then(|i| bootstrap.get(i).copied())
            .unwrap_or_else(|| {
                let member = AccountId::from([0x07; 32]);
                let payload = agora_types::blake2_256(&index.to_le_bytes());
                (LogKind::MembershipChanged, member, hub, payload)
            });
        let entry = LogEntry {
            index,
            kind,
            subject: Subject::Suite,
            actor,
            writer,
            payload_hash,
            block: u32::try_from(index / 4)
                .unwrap_or(u32::MAX)
                .saturating_add(1),
            timestamp: 6_000 * (index / 4),
            prev_hash: prev,
        };
        let hash = entry.hash();
        prev = hash;
        out.push(HashedEntry { entry, hash });
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use agora_types::{kinds_payload, EXTERNAL_KINDS, GENESIS_HASH};
    use ink::primitives::AccountId;
    use serde_json::json;

    /// An intact v3 export of `n` entries.
    pub(crate) fn export(n: u64) -> Value {
        let entries = sample_log(n);
        let head = head_of(&entries);
        serde_json::to_value(Export::new(&Deployment::default(), head, &entries)).unwrap()
    }

    pub(crate) fn head_of(entries: &[HashedEntry]) -> (u64, [u8; 32]) {
        entries
            .last()
            .map_or((0, GENESIS_HASH), |e| (e.entry.index + 1, e.hash))
    }

    /// Recomputes every link and hash, as a forger who rewrites entries would.
    pub(crate) fn rehash(entries: &mut [HashedEntry]) {
        let mut prev = GENESIS_HASH;
        for (i, item) in entries.iter_mut().enumerate() {
            item.entry.index = i as u64;
            item.entry.prev_hash = prev;
            item.hash = item.entry.hash();
            prev = item.hash;
        }
    }

    pub(crate) fn verify_entries(entries: &[HashedEntry]) -> Verification {
        let doc = Export::new(&Deployment::default(), head_of(entries), entries);
        verify_export(&serde_json::to_value(doc).unwrap()).unwrap()
    }

    #[test]
    fn an_intact_export_verifies_with_its_writers() {
        let doc = export(20);
        assert_eq!(doc["format"], json!("agora-log-export/v3"));
        assert_eq!(doc["format_version"], json!(2));
        let r = verify_export(&doc).unwrap();
        assert!(r.verified, "{r:?}");
        assert_eq!(r.entries, U64(20));
        assert_eq!((r.format_version, r.writers_checked), (2, true));
    }

    #[test]
    fn a_corrupted_export_is_caught_at_the_edited_index() {
        let mut doc = export(20);
        doc["entries"][13]["block"] = json!(999);
        let r = verify_export(&doc).unwrap();
        let f = r.failure.unwrap();
        assert_eq!(
            (r.verified, f.index, f.check),
            (false, U64(13), Check::WrongHash)
        );
    }

    #[test]
    fn a_dropped_entry_and_a_truncated_export_are_caught() {
        let mut doc = export(20);
        doc["entries"].as_array_mut().unwrap().remove(5);
        let r = verify_export(&doc).unwrap();
        assert_eq!(r.failure.unwrap().index, U64(5));
        let mut short = export(20);
        short["entries"].as_array_mut().unwrap().truncate(19);
        let f = verify_export(&short).unwrap().failure.unwrap();
        assert_eq!((f.index, f.check), (U64(19), Check::Missing));
    }

    #[test]
    fn an_unreadable_entry_is_named_by_its_position() {
        let mut doc = export(6);
        doc["entries"][1]["kind_index"] = json!(200);
        let f = verify_export(&doc).unwrap().failure.unwrap();
        assert_eq!((f.index, f.check), (U64(1), Check::Unreadable));
        assert!(verify_export(&json!({"head": {}})).is_err());
        // `proposal` may be left out, but not contradict the subject.
        let mut doc = export(6);
        doc["entries"][5]["subject"] = json!({"type": "proposal", "id": 3});
        doc["entries"][5]
            .as_object_mut()
            .unwrap()
            .remove("proposal");
        let f = verify_export(&doc).unwrap().failure.unwrap();
        assert_eq!(
            (f.index, f.check),
            (U64(5), Check::WrongHash),
            "read, then hashed"
        );
        // A v3 entry without its writer, or with a subject of no known type, or a proposal
        // its subject is not.
        for (field, value) in [
            ("writer", json!(null)),
            ("subject", json!({"type": "planet"})),
            ("subject", json!(0)),
            ("proposal", json!(4)),
        ] {
            let mut doc = export(6);
            doc["entries"][5][field] = value;
            let f = verify_export(&doc).unwrap().failure.unwrap();
            assert_eq!((f.index, f.check), (U64(5), Check::Unreadable), "{field}");
        }
    }

    #[test]
    fn an_export_of_another_format_is_refused_with_an_input_error() {
        for format in [
            json!("agora-log-export/v1"),
            json!("agora-log-export/v4"),
            json!(3),
        ] {
            let mut doc = export(5);
            doc["format"] = format;
            let e = verify_export(&doc).unwrap_err();
            assert_eq!(
                crate::core::contract_error::classify(&e),
                crate::core::error::ErrorKind::Input
            );
            assert!(
                format!("{e:#}").contains("not an agora log export this agora reads"),
                "{e:#}"
            );
        }
        let mut doc = export(5);
        doc.as_object_mut().unwrap().remove("format");
        assert!(format!("{:#}", verify_export(&doc).unwrap_err()).contains("format is missing"));
        for version in [json!(1), json!(null), json!("2")] {
            let mut doc = export(5);
            doc["format_version"] = version;
            let e = verify_export(&doc).unwrap_err();
            assert!(format!("{e:#}").contains("format_version"), "{e:#}");
        }
    }

    #[test]
    fn a_kind_in_another_spelling_or_contradicting_its_index_is_unreadable() {
        let doc = export(6);
        let kind = doc["entries"][5]["kind"].as_str().unwrap().to_owned();
        assert_eq!(kind, "membership_changed");
        let mut camel = doc.clone();
        camel["entries"][5]["kind"] = json!("MembershipChanged");
        let mut contradicted = doc.clone();
        contradicted["entries"][5]["kind"] = json!("writer_revoked");
        let mut external = doc.clone();
        external["entries"][5]["kind"] = json!("external");
        for bad in [camel, contradicted, external] {
            let f = verify_export(&bad).unwrap().failure.unwrap();
            assert_eq!(
                (f.index, f.check),
                (U64(5), Check::Unreadable),
                "{}",
                f.reason
            );
        }
    }

    #[test]
    fn a_changed_writer_in_a_rehashed_export_is_caught_by_the_writer_check() {
        // Whoever rewrites an entry's writer and recomputes every hash and the head passes
        // the chain checks; the writer check names the entry.
        let mut entries = sample_log(10);
        entries[6].entry.writer = AccountId::from([0x02; 32]);
        rehash(&mut entries);
        let r = verify_entries(&entries);
        let f = r.failure.unwrap();
        assert_eq!(
            (r.verified, f.index, f.check),
            (false, U64(6), Check::Writer)
        );
        assert!(f.reason.starts_with("KindNotAllowed: "), "{}", f.reason);
        assert!(f.reason.contains("REVIEW_KINDS"), "{}", f.reason);
        // An account that was never a writer.
        let mut entries = sample_log(10);
        entries[8].entry.writer = AccountId::from([0x77; 32]);
        rehash(&mut entries);
        let f = verify_entries(&entries).failure.unwrap();
        assert_eq!((f.index, f.check), (U64(8), Check::Writer));
        assert!(f.reason.starts_with("NotWriter: "), "{}", f.reason);
        // A writer authorized by the deployer after it handed the admin to the hub.
        let mut entries = sample_log(10);
        entries[5].entry.kind = LogKind::WriterAuthorized;
        entries[5].entry.writer = AccountId::from([0xD0; 32]);
        entries[5].entry.payload_hash = kinds_payload(EXTERNAL_KINDS);
        rehash(&mut entries);
        let f = verify_entries(&entries).failure.unwrap();
        assert_eq!((f.index, f.check), (U64(5), Check::Writer));
        assert!(f.reason.starts_with("NotAdmin: "), "{}", f.reason);
    }

    #[test]
    fn an_entry_after_the_seal_in_a_rehashed_export_is_named() {
        let hub = AccountId::from([0x01; 32]);
        let mut entries = sample_log(6);
        // The hub seals the log for a successor (0x5C); nothing may follow.
        let mut seal = entries[5].clone();
        seal.entry.index = 6;
        seal.entry.kind = LogKind::Sealed;
        seal.entry.subject = Subject::Suite;
        seal.entry.actor = AccountId::from([0x5C; 32]);
        seal.entry.writer = hub;
        entries.push(seal);
        rehash(&mut entries);
        let r = verify_entries(&entries);
        assert!(r.verified, "a sealed log verifies: {r:?}");
        let mut after = entries[5].clone();
        after.entry.index = 7;
        entries.push(after);
        rehash(&mut entries);
        let f = verify_entries(&entries).failure.unwrap();
        assert_eq!((f.index, f.check), (U64(7), Check::Writer));
        assert!(f.reason.starts_with("AfterSeal: "), "{}", f.reason);
        // An anchor anywhere but entry 0 is named too.
        entries.truncate(6);
        let mut anchor = entries[5].clone();
        anchor.entry.index = 6;
        anchor.entry.kind = LogKind::Anchored;
        anchor.entry.subject = Subject::Suite;
        entries.push(anchor);
        rehash(&mut entries);
        let f = verify_entries(&entries).failure.unwrap();
        assert!(f.reason.starts_with("BadAnchor: "), "{}", f.reason);
    }

    #[test]
    fn an_external_writers_suite_kind_in_a_rehashed_export_is_kind_not_allowed() {
        let outsider = AccountId::from([0xEE; 32]);
        let hub = AccountId::from([0x01; 32]);
        let mut entries = sample_log(8);
        // The hub (the admin) authorizes an outside writer for external kinds, which
        // writes one of its own and then a forged ProposalExecuted.
        let mut authorize = entries[4].clone();
        authorize.entry.kind = LogKind::WriterAuthorized;
        authorize.entry.actor = outsider;
        authorize.entry.writer = hub;
        authorize.entry.payload_hash = kinds_payload(EXTERNAL_KINDS);
        let mut own = entries[4].clone();
        own.entry.kind = LogKind::External(7);
        own.entry.subject = Subject::Mandate(3);
        own.entry.writer = outsider;
        let mut forged = entries[4].clone();
        forged.entry.kind = LogKind::ProposalExecuted;
        forged.entry.subject = Subject::Proposal(1);
        forged.entry.writer = outsider;
        entries.extend([authorize, own.clone()]);
        rehash(&mut entries);
        let r = verify_entries(&entries);
        assert!(r.verified, "an external writer's own kind is fine: {r:?}");
        entries.push(forged);
        rehash(&mut entries);
        let r = verify_entries(&entries);
        let f = r.failure.unwrap();
        assert_eq!((f.index, f.check), (U64(10), Check::Writer));
        assert!(
            f.reason.starts_with("KindNotAllowed: ")
                && f.reason.contains("EXTERNAL_KINDS")
                && f.reason.contains("ProposalExecuted"),
            "{}",
            f.reason
        );
        // An external entry about the suite, in a rehashed export, is named too.
        let mut padded = own;
        padded.entry.subject = Subject::Suite;
        let at = entries.len() - 1;
        entries[at] = padded;
        rehash(&mut entries);
        let f = verify_entries(&entries).failure.unwrap();
        assert_eq!((f.index, f.check), (U64(10), Check::Writer));
        assert!(
            f.reason.starts_with("SubjectNotAllowed: ") && f.reason.contains("External(7)"),
            "{}",
            f.reason
        );
    }

    /// A format-1 log as v2 exports hold it.
    pub(crate) fn v1_entries(n: u64) -> Vec<v1::HashedEntry> {
        let mut prev = GENESIS_HASH;
        (0..n)
            .map(|i| {
                let entry = v1::LogEntry {
                    index: i,
                    kind: if i < 3 {
                        LogKind::WriterAuthorized
                    } else {
                        LogKind::ProposalSubmitted
                    },
                    subject: u32::try_from(i % 3).unwrap(),
                    actor: [7u8; 32].into(),
                    payload_hash: [u8::try_from(i % 256).unwrap(); 32],
                    block: u32::try_from(i).unwrap() + 1,
                    timestamp: 1_000 * i,
                    prev_hash: prev,
                };
                let hash = entry.hash();
                prev = hash;
                v1::HashedEntry { entry, hash }
            })
            .collect()
    }

    #[test]
    fn a_v2_export_of_a_format_one_log_still_verifies_offline() {
        let entries = v1_entries(12);
        let head = (12, entries[11].hash);
        let doc = ExportDocument::new(&Deployment::default(), head, &Entries::One(entries));
        let doc = serde_json::to_value(doc).unwrap();
        assert_eq!(doc["format"], json!("agora-log-export/v2"));
        assert!(doc.get("format_version").is_none(), "v2 as agora wrote it");
        assert_eq!(doc["entries"][4]["subject"], json!(1));
        let r = verify_export(&doc).unwrap();
        assert!(r.verified, "{r:?}");
        assert_eq!((r.format_version, r.writers_checked), (1, false));
        // Still checked by the same verifier: an edit is caught where it was made.
        let mut edited = doc.clone();
        edited["entries"][4]["subject"] = json!(2);
        let f = verify_export(&edited).unwrap().failure.unwrap();
        assert_eq!((f.index, f.check), (U64(4), Check::WrongHash));
        // Format 1 has no external kind.
        let mut external = doc;
        external["entries"][4]["kind"] = json!("external");
        external["entries"][4]["kind_index"] = json!(21);
        let f = verify_export(&external).unwrap().failure.unwrap();
        assert_eq!((f.index, f.check), (U64(4), Check::Unreadable));
    }

    #[test]
    fn writer_faults_are_named_as_agora_types_names_them() {
        assert_eq!(
            writer_fault_name(WriterFault::KindNotAllowed),
            "KindNotAllowed"
        );
        assert_eq!(writer_fault_name(WriterFault::BadHandover), "BadHandover");
        assert_eq!(
            Check::Writer.meaning(),
            "the entry's writer was not allowed to append it"
        );
        assert_eq!(
            serde_json::to_value(Check::Writer).unwrap(),
            json!("writer")
        );
    }
}
