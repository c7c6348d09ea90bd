//! The decision log's audit: verifying it on chain (hash chain, head, and each review-round
//! and ballot entry against the transcript recomputed from the stored reviews and votes),
//! and its JSON export ("agora-log-export/v2"), verified offline.

use std::path::Path;

use agora_types::{
    ballot_closed_payload, ballot_opened_payload, round_closed_payload, round_opened_payload,
    transcript_of, vote_transcript_of, Ballot, BallotOutcome, ChainVerifier, HashedEntry, LogKind,
    Proposal, ReviewError, ReviewRound, RoundOutcome, VerifyError, VerifyFailure, VotingError,
    MAX_LOG_PAGE,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::{
    chain::Chain,
    config::Deployment,
    contracts::SuiteContract,
    encoding::{hex0x, parse_hex},
    error::{Failure, Result},
    json::{Hex, U64},
    names::variant_name,
    reads::{all_reviews, all_votes, entries_range, log_head},
    views::EntryView,
};

/// The export format's name.
///
/// v2 writes `kind` in the wire dialect's snake_case (`proposal_submitted`); v1 wrote the
/// contract's variant name. `log verify --file` reads only v2.
pub const EXPORT_FORMAT: &str = "agora-log-export/v2";

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
    /// A review-round or ballot entry does not match what the contracts store.
    Transcript,
    /// The export's entry cannot be read.
    Unreadable,
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
            Check::Transcript => "the entry does not match what the contracts store",
            Check::Unreadable => "the entry cannot be read",
        }
    }
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
    /// Entries the head counts.
    pub entries: U64,
    /// The head hash.
    pub head: Hex,
    /// On chain: review-round and ballot entries checked against their transcripts.
    pub transcripts_checked: Option<u64>,
    /// The first failure, if any.
    pub failure: Option<FailedEntry>,
}

impl Verification {
    fn failed(
        source: Source,
        head: (u64, [u8; 32]),
        index: u64,
        check: Check,
        reason: String,
    ) -> Self {
        Self {
            verified: false,
            source,
            entries: U64(head.0),
            head: Hex::of(&head.1),
            transcripts_checked: None,
            failure: Some(FailedEntry {
                index: U64(index),
                check,
                reason,
            }),
        }
    }

    fn chain_failure(source: Source, head: (u64, [u8; 32]), e: &VerifyError) -> Self {
        let check = Check::of(e.failure);
        Self::failed(source, head, e.index, check, check.meaning().to_owned())
    }
}

/// Verifies the deployment's log on chain; `progress` is told how many entries were checked.
pub async fn verify_online(
    chain: &Chain,
    dep: &Deployment,
    mut progress: impl FnMut(u64, u64),
) -> Result<Verification> {
    let head = log_head(chain, dep).await?;
    let (len, _) = head;
    let mut verifier = ChainVerifier::new();
    let mut transcripts = 0u64;
    let mut next = 0u64;
    while next < len {
        let n = len.saturating_sub(next).min(u64::from(MAX_LOG_PAGE));
        let page = entries_range(chain, dep, next, n, |_| {}).await?;
        if page.is_empty() {
            break;
        }
        for item in &page {
            if let Err(e) = verifier.push_hashed(item) {
                return Ok(Verification::chain_failure(Source::Chain, head, &e));
            }
            match check_transcript(chain, dep, item).await? {
                Ok(true) => transcripts += 1,
                Ok(false) => {}
                Err(reason) => {
                    return Ok(Verification::failed(
                        Source::Chain,
                        head,
                        item.entry.index,
                        Check::Transcript,
                        reason,
                    ))
                }
            }
        }
        next += page.len() as u64;
        progress(next, len);
    }
    if let Err(e) = verifier.finish(head) {
        return Ok(Verification::chain_failure(Source::Chain, head, &e));
    }
    Ok(Verification {
        verified: true,
        source: Source::Chain,
        entries: U64(len),
        head: Hex::of(&head.1),
        transcripts_checked: Some(transcripts),
        failure: None,
    })
}

/// For review-round and ballot entries, recomputes the payload from the contracts' stored
/// reviews and votes. `Ok(Ok(true))` checked, `Ok(Ok(false))` not such an entry.
async fn check_transcript(
    chain: &Chain,
    dep: &Deployment,
    item: &HashedEntry,
) -> Result<core::result::Result<bool, String>> {
    let e = &item.entry;
    let id = e.subject;
    let kind = variant_name(&e.kind);
    match e.kind {
        LogKind::ReviewRoundOpened | LogKind::ReviewRoundClosed => {
            let p: Option<Proposal> = chain
                .query(dep, SuiteContract::Proposals, "proposal", &id)
                .await?;
            let Some(p) = p else {
                return Ok(Err(format!(
                    "{kind} about proposal {id}, which the hub does not know"
                )));
            };
            for revision in 1..=p.revision {
                let matched = if e.kind == LogKind::ReviewRoundOpened {
                    let round: Option<ReviewRound> = chain
                        .query(dep, SuiteContract::PeerReview, "round", &(id, revision))
                        .await?;
                    round.is_some_and(|r| round_opened_payload(revision, &r) == e.payload_hash)
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
                    if round_closed_payload(revision, &outcome) != e.payload_hash {
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
                    return Ok(Ok(true));
                }
            }
            Ok(Err(format!(
                "{kind} about proposal {id}: no review round's recomputed payload equals {}",
                hex0x(&e.payload_hash)
            )))
        }
        LogKind::BallotOpened => {
            let ballot: Option<Ballot> = chain
                .query(dep, SuiteContract::Voting, "ballot", &id)
                .await?;
            match ballot {
                Some(b) if ballot_opened_payload(&b) == e.payload_hash => Ok(Ok(true)),
                _ => Ok(Err(format!(
                    "BallotOpened about proposal {id}: the ballot's recomputed payload differs"
                ))),
            }
        }
        LogKind::BallotClosed => {
            let outcome: core::result::Result<BallotOutcome, VotingError> = chain
                .query(dep, SuiteContract::Voting, "Ballots::ballot_outcome", &id)
                .await?;
            let Ok(outcome) = outcome else {
                return Ok(Err(format!(
                    "BallotClosed about proposal {id}, which has no ballot"
                )));
            };
            if ballot_closed_payload(&outcome) != e.payload_hash {
                return Ok(Err(format!(
                    "BallotClosed about proposal {id}: the outcome's payload differs"
                )));
            }
            let votes = all_votes(chain, dep, id).await?;
            if vote_transcript_of(&votes) != outcome.transcript {
                return Ok(Err(format!(
                    "ballot {id}: the stored votes do not hash to the logged transcript"
                )));
            }
            Ok(Ok(true))
        }
        _ => Ok(Ok(false)),
    }
}

/// The head of an export.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportHead {
    /// Entries in the log.
    pub len: U64,
    /// The last entry's hash.
    pub hash: Hex,
}

/// A JSON export of the log ("agora-log-export/v2").
#[derive(Debug, Clone, Serialize)]
pub struct Export {
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
    /// Every entry.
    pub entries: Vec<EntryView>,
}

impl Export {
    /// The export of a log read at `head`.
    pub fn new(dep: &Deployment, head: (u64, [u8; 32]), entries: &[HashedEntry]) -> Self {
        Self {
            format: EXPORT_FORMAT.into(),
            network: dep.network.clone(),
            chain_tag: dep.chain_tag.clone(),
            log: dep
                .contracts
                .get(SuiteContract::DecisionLog.name())
                .map(|d| d.address.clone()),
            head: ExportHead {
                len: U64(head.0),
                hash: Hex::of(&head.1),
            },
            entries: entries.iter().map(EntryView::from).collect(),
        }
    }
}

/// Verifies an export (its JSON text) offline: the hash chain and the head; the report names
/// the first failing index.
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

/// Verifies an export document offline.
pub fn verify_export(doc: &Value) -> Result<Verification> {
    match doc.get("format").and_then(Value::as_str) {
        Some(EXPORT_FORMAT) => {}
        other => {
            return Err(Failure::input(format!(
                "not an {EXPORT_FORMAT} document (its format is {})",
                other.map_or_else(|| "missing".to_owned(), |f| format!("\"{f}\""))
            ))
            .into())
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
    let mut verifier = ChainVerifier::new();
    for (i, v) in entries.iter().enumerate() {
        let item = serde_json::from_value::<EntryView>(v.clone())
            .map_err(anyhow::Error::from)
            .and_then(|view| view.to_entry());
        let item = match item {
            Ok(item) => item,
            Err(e) => {
                return Ok(Verification::failed(
                    Source::File,
                    head,
                    i as u64,
                    Check::Unreadable,
                    format!("unreadable entry: {e:#}"),
                ))
            }
        };
        if let Err(e) = verifier.push_hashed(&item) {
            return Ok(Verification::chain_failure(Source::File, head, &e));
        }
    }
    if let Err(e) = verifier.finish(head) {
        return Ok(Verification::chain_failure(Source::File, head, &e));
    }
    Ok(Verification {
        verified: true,
        source: Source::File,
        entries: U64(head.0),
        head: Hex::of(&head.1),
        transcripts_checked: None,
        failure: None,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use agora_types::LogEntry;
    use serde_json::json;

    /// An intact export of `n` entries.
    pub(crate) fn export(n: u64) -> Value {
        let mut prev = agora_types::GENESIS_HASH;
        let mut entries = Vec::new();
        for i in 0..n {
            let entry = LogEntry {
                index: i,
                kind: LogKind::MembershipChanged,
                subject: 0,
                actor: [7u8; 32].into(),
                payload_hash: [u8::try_from(i % 256).unwrap(); 32],
                block: u32::try_from(i).unwrap() + 1,
                timestamp: 1_000 * i,
                prev_hash: prev,
            };
            let hash = entry.hash();
            prev = hash;
            entries.push(HashedEntry { entry, hash });
        }
        serde_json::to_value(Export::new(&Deployment::default(), (n, prev), &entries)).unwrap()
    }

    #[test]
    fn an_intact_export_verifies() {
        let r = verify_export(&export(20)).unwrap();
        assert!(r.verified, "{r:?}");
        assert_eq!(r.entries, U64(20));
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
        let mut doc = export(3);
        doc["entries"][1]["kind_index"] = json!(200);
        let f = verify_export(&doc).unwrap().failure.unwrap();
        assert_eq!((f.index, f.check), (U64(1), Check::Unreadable));
        assert!(verify_export(&json!({"head": {}})).is_err());
    }

    #[test]
    fn an_export_of_another_format_is_refused() {
        let mut doc = export(3);
        doc["format"] = json!("agora-log-export/v1");
        let e = verify_export(&doc).unwrap_err();
        assert!(
            format!("{e:#}").contains("not an agora-log-export/v2 document"),
            "{e:#}"
        );
    }

    #[test]
    fn a_kind_in_another_spelling_or_contradicting_its_index_is_unreadable() {
        let doc = export(3);
        let kind = doc["entries"][1]["kind"].as_str().unwrap().to_owned();
        assert!(
            kind.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{kind}"
        );
        let mut camel = doc.clone();
        camel["entries"][1]["kind"] = json!("MembershipChanged");
        let other = if kind == "writer_revoked" {
            "membership_changed"
        } else {
            "writer_revoked"
        };
        let mut contradicted = doc.clone();
        contradicted["entries"][1]["kind"] = json!(other);
        for bad in [camel, contradicted] {
            let f = verify_export(&bad).unwrap().failure.unwrap();
            assert_eq!(
                (f.index, f.check),
                (U64(1), Check::Unreadable),
                "{}",
                f.reason
            );
        }
    }
}
