//! Auditing: the decision log as a table, its verification (hash chain and transcripts),
//! exports, and `verify-deployment`.

use std::{io::Write, path::PathBuf};

use agora_types::{
    ballot_closed_payload, ballot_opened_payload, round_closed_payload, round_opened_payload,
    transcript_of, vote_transcript_of, Ballot, BallotOutcome, ChainVerifier, HashedEntry, LogError,
    LogKind, Proposal, ReviewError, ReviewRound, RoundOutcome, VerifyError, VotingError,
    MAX_LOG_PAGE,
};
use anyhow::{anyhow, bail, Context, Result};
use clap::{Subcommand, ValueEnum};
use ink::primitives::AccountId;
use serde_json::{json, Value};

use crate::{
    chain::Chain,
    config::{Deployment, SuiteContract},
    lifecycle,
    model::{self, hex0x, short},
    print_json, Ctx,
};

/// `log …`.
#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// The log as a table.
    Show {
        /// First index.
        #[arg(long, default_value_t = 0)]
        from: u64,
        /// How many entries.
        #[arg(long, default_value_t = 50)]
        limit: u64,
        /// Only the entries about this proposal.
        #[arg(long)]
        subject: Option<u32>,
    },
    /// Verify the whole log: every hash, every link, the head, and each review-round and
    /// ballot entry against the transcript recomputed from the stored reviews and votes.
    /// With --file, verify an export offline (hash chain only).
    Verify {
        /// An export from `agora log export --format json`.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Write every entry with decoded kinds and hashes.
    Export {
        /// json (verifiable offline) or csv.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// The output file.
        #[arg(long)]
        out: PathBuf,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// One JSON document with the head and every entry.
    Json,
    /// One line per entry.
    Csv,
}

/// `log …`.
pub async fn log(ctx: &Ctx, cmd: &LogCommand) -> Result<()> {
    match cmd {
        LogCommand::Verify { file: Some(file) } => verify_file(ctx, file),
        LogCommand::Show {
            from,
            limit,
            subject,
        } => {
            let dep = ctx.deployment()?;
            let chain = ctx.connect().await?;
            let entries = match subject {
                Some(id) => lifecycle::subject_entries(&chain, &dep, *id).await?,
                None => fetch_range(&chain, &dep, *from, *limit, false).await?,
            };
            if ctx.json() {
                return print_json(&json!(entries
                    .iter()
                    .map(model::entry_json)
                    .collect::<Vec<_>>()));
            }
            print_table(&entries);
            Ok(())
        }
        LogCommand::Verify { file: None } => {
            let dep = ctx.deployment()?;
            let chain = ctx.connect().await?;
            let report = verify_online(&chain, &dep, !ctx.json()).await?;
            let ok = report["ok"] == json!(true);
            if ctx.json() {
                print_json(&report)?;
            } else if ok {
                println!(
                    "OK: {} entries verified, head {} ({} review-round and ballot entries match their transcripts)",
                    report["entries"], report["head"].as_str().unwrap_or_default(), report["transcripts_checked"]
                );
            } else {
                println!(
                    "FAILED at entry {}: {}",
                    report["index"],
                    report["reason"].as_str().unwrap_or_default()
                );
            }
            if !ok {
                std::process::exit(2);
            }
            Ok(())
        }
        LogCommand::Export { format, out } => {
            let dep = ctx.deployment()?;
            let chain = ctx.connect().await?;
            let (len, head): (u64, [u8; 32]) = chain
                .query(&dep, SuiteContract::DecisionLog, "DecisionLog::head", &())
                .await?;
            let entries = fetch_range(&chain, &dep, 0, len, !ctx.json()).await?;
            let mut f = std::fs::File::create(out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            match format {
                ExportFormat::Json => {
                    let doc = export_doc(&dep, (len, head), &entries);
                    writeln!(f, "{}", serde_json::to_string_pretty(&doc)?)?;
                }
                ExportFormat::Csv => {
                    writeln!(
                        f,
                        "index,kind,subject,actor,payload_hash,block,timestamp,prev_hash,hash"
                    )?;
                    for h in &entries {
                        let e = &h.entry;
                        writeln!(
                            f,
                            "{},{},{},{},{},{},{},{},{}",
                            e.index,
                            model::kind_name(e.kind),
                            e.subject,
                            model::ss58(&model::account_bytes(&e.actor)),
                            hex0x(&e.payload_hash),
                            e.block,
                            e.timestamp,
                            hex0x(&e.prev_hash),
                            hex0x(&h.hash)
                        )?;
                    }
                }
            }
            if ctx.json() {
                print_json(&json!({"ok": true, "entries": entries.len(), "out": out}))
            } else {
                println!(
                    "exported {} entries (head {}) to {}",
                    entries.len(),
                    hex0x(&head),
                    out.display()
                );
                Ok(())
            }
        }
    }
}

/// The JSON export of a log read at `head` (what `log verify --file` reads back).
pub fn export_doc(dep: &Deployment, head: (u64, [u8; 32]), entries: &[HashedEntry]) -> Value {
    json!({
        "format": "agora-log-export/v1", "network": dep.network, "chain_tag": dep.chain_tag,
        "log": dep.contracts.get("decision_log").map(|d| d.address.clone()),
        "head": {"len": head.0, "hash": hex0x(&head.1)},
        "entries": entries.iter().map(model::entry_json).collect::<Vec<_>>(),
    })
}

/// Fetches entries `[from, from + limit)` page by page (with a progress line if asked).
pub async fn fetch_range(
    chain: &Chain,
    dep: &Deployment,
    from: u64,
    limit: u64,
    progress: bool,
) -> Result<Vec<HashedEntry>> {
    let mut out = Vec::new();
    let end = from.saturating_add(limit);
    let mut next = from;
    while next < end {
        let n = u32::try_from((end - next).min(u64::from(MAX_LOG_PAGE))).unwrap_or(MAX_LOG_PAGE);
        let page: core::result::Result<Vec<HashedEntry>, LogError> = chain
            .query(dep, SuiteContract::DecisionLog, "entries", &(next, n))
            .await?;
        let page = page.map_err(|e| anyhow!("log entries from {next}: {e:?}"))?;
        let got = page.len() as u64;
        out.extend(page);
        next += got;
        if progress && limit > u64::from(MAX_LOG_PAGE) {
            eprint!("\rfetched {}/{} entries", next - from, limit);
        }
        if got < u64::from(n) {
            break;
        }
    }
    if progress && limit > u64::from(MAX_LOG_PAGE) {
        eprintln!();
    }
    Ok(out)
}

/// Prints entries as a table.
pub fn print_table(entries: &[HashedEntry]) {
    println!(
        "{:>5}  {:>6}  {:<19} {:>4}  {:<13} {:<18} {:<18}",
        "index", "block", "kind", "prop", "actor", "payload", "hash"
    );
    for h in entries {
        let e = &h.entry;
        println!(
            "{:>5}  {:>6}  {:<19} {:>4}  {:<13} {:<18} {:<18}",
            e.index,
            e.block,
            model::kind_name(e.kind),
            if e.subject == 0 {
                "-".to_owned()
            } else {
                e.subject.to_string()
            },
            short(&model::account_bytes(&e.actor)),
            format!("{}…", &hex0x(&e.payload_hash)[..12]),
            format!("{}…", &hex0x(&h.hash)[..12]),
        );
    }
}

fn failure(index: u64, reason: String) -> Value {
    json!({"ok": false, "index": index, "reason": reason})
}

fn chain_failure(e: &VerifyError) -> Value {
    let why = match e.failure {
        agora_types::VerifyFailure::WrongIndex => "the entry's index is not its position",
        agora_types::VerifyFailure::BrokenLink => "prev_hash is not the previous entry's hash",
        agora_types::VerifyFailure::WrongHash => {
            "the stored hash is not blake2_256(prev_hash ++ SCALE(entry))"
        }
        agora_types::VerifyFailure::Missing => "entries are missing before the head",
        agora_types::VerifyFailure::Unexpected => "more entries than the head counts",
        agora_types::VerifyFailure::HeadMismatch => "the last hash is not the head's hash",
    };
    failure(e.index, format!("{:?}: {why}", e.failure))
}

/// Verifies the deployment's log online; returns a report (`ok`, or the first failing index
/// and why).
pub async fn verify_online(chain: &Chain, dep: &Deployment, progress: bool) -> Result<Value> {
    let (len, head): (u64, [u8; 32]) = chain
        .query(dep, SuiteContract::DecisionLog, "DecisionLog::head", &())
        .await?;
    let mut verifier = ChainVerifier::new();
    let mut transcripts = 0u64;
    let mut next = 0u64;
    while next < len {
        let n = u32::try_from((len - next).min(u64::from(MAX_LOG_PAGE))).unwrap_or(MAX_LOG_PAGE);
        let page: core::result::Result<Vec<HashedEntry>, LogError> = chain
            .query(dep, SuiteContract::DecisionLog, "entries", &(next, n))
            .await?;
        let page = page.map_err(|e| anyhow!("log entries from {next}: {e:?}"))?;
        if page.is_empty() {
            break;
        }
        for item in &page {
            if let Err(e) = verifier.push_hashed(item) {
                return Ok(chain_failure(&e));
            }
            match check_transcript(chain, dep, item).await? {
                Ok(true) => transcripts += 1,
                Ok(false) => {}
                Err(reason) => return Ok(failure(item.entry.index, reason)),
            }
        }
        next += page.len() as u64;
        if progress {
            eprint!("\rverifying: {next}/{len} entries");
        }
    }
    if progress && len > 0 {
        eprintln!();
    }
    if let Err(e) = verifier.finish((len, head)) {
        return Ok(chain_failure(&e));
    }
    Ok(
        json!({"ok": true, "entries": len, "head": hex0x(&head), "transcripts_checked": transcripts}),
    )
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
    match e.kind {
        LogKind::ReviewRoundOpened | LogKind::ReviewRoundClosed => {
            let p: Option<Proposal> = chain
                .query(dep, SuiteContract::Proposals, "proposal", &id)
                .await?;
            let Some(p) = p else {
                return Ok(Err(format!(
                    "{:?} about proposal {id}, which the hub does not know",
                    e.kind
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
                    let reviews = lifecycle::all_reviews(chain, dep, id, revision).await?;
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
                "{:?} about proposal {id}: no review round's recomputed payload equals {}",
                e.kind,
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
            let votes = lifecycle::all_votes(chain, dep, id).await?;
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

/// Offline: verifies an export's hash chain and head.
fn verify_file(ctx: &Ctx, file: &PathBuf) -> Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let doc: Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", file.display()))?;
    let report = verify_export(&doc)?;
    let ok = report["ok"] == json!(true);
    if ctx.json() {
        print_json(&report)?;
    } else if ok {
        println!(
            "OK: {} entries verified offline, head {}",
            report["entries"],
            report["head"].as_str().unwrap_or_default()
        );
    } else {
        println!(
            "FAILED at entry {}: {}",
            report["index"],
            report["reason"].as_str().unwrap_or_default()
        );
    }
    if !ok {
        std::process::exit(2);
    }
    Ok(())
}

/// Verifies an export document; the report names the first failing index.
pub fn verify_export(doc: &Value) -> Result<Value> {
    let entries = doc["entries"]
        .as_array()
        .ok_or_else(|| anyhow!("not an agora log export: no `entries` list"))?;
    let len = doc["head"]["len"]
        .as_u64()
        .ok_or_else(|| anyhow!("the export has no head.len"))?;
    let head = model::parse_hex::<32>(
        doc["head"]["hash"]
            .as_str()
            .ok_or_else(|| anyhow!("the export has no head.hash"))?,
    )?;
    let mut verifier = ChainVerifier::new();
    for (i, v) in entries.iter().enumerate() {
        let item = match model::entry_from_json(v) {
            Ok(item) => item,
            Err(e) => return Ok(failure(i as u64, format!("unreadable entry: {e:#}"))),
        };
        if let Err(e) = verifier.push_hashed(&item) {
            return Ok(chain_failure(&e));
        }
    }
    if let Err(e) = verifier.finish((len, head)) {
        return Ok(chain_failure(&e));
    }
    Ok(json!({"ok": true, "entries": len, "head": hex0x(&head)}))
}

/// `verify-deployment`.
pub async fn verify_deployment(ctx: &Ctx) -> Result<()> {
    let dep = ctx.deployment()?;
    let chain = ctx.connect().await?;
    let mut checks: Vec<(String, bool, String)> = Vec::new();
    let mut check = |name: String, ok: bool, detail: String| checks.push((name, ok, detail));

    for c in SuiteContract::ALL {
        let addr = dep.address(c)?;
        let on_chain = chain.code_hash_of(&addr).await?;
        let local = local_code_hash(&c.bundle_path(&ctx.bundles()))?;
        let detail = format!(
            "on chain {}, local bundle {}",
            on_chain.map_or("none".to_owned(), |h| hex0x(&h)),
            hex0x(&local)
        );
        check(
            format!("{} code matches the local bundle", c.name()),
            on_chain == Some(local),
            detail,
        );
    }
    let hub = AccountId::from(dep.address(SuiteContract::Proposals)?);
    let review = AccountId::from(dep.address(SuiteContract::PeerReview)?);
    let voting = AccountId::from(dep.address(SuiteContract::Voting)?);
    let registry = AccountId::from(dep.address(SuiteContract::AgentRegistry)?);
    let log = AccountId::from(dep.address(SuiteContract::DecisionLog)?);

    // A contract that answers a message wrongly or not at all fails its check; the other
    // checks still run, so a wrong file or a wrong contract shows as a list of failures.
    let wired: Option<(AccountId, AccountId, AccountId, AccountId)> = chain
        .query(&dep, SuiteContract::Proposals, "contracts", &())
        .await
        .ok();
    check(
        "hub is wired to the recorded registry, review, voting and log".into(),
        wired == Some((registry, review, voting, log)),
        no_answer(wired.is_none()),
    );
    for (name, c, log_label) in [
        ("peer review", SuiteContract::PeerReview, "log"),
        ("voting", SuiteContract::Voting, "decision_log"),
    ] {
        let reads: Option<(AccountId, AccountId)> = match (
            chain.query::<_, AccountId>(&dep, c, "registry", &()).await,
            chain.query::<_, AccountId>(&dep, c, log_label, &()).await,
        ) {
            (Ok(r), Ok(l)) => Some((r, l)),
            _ => None,
        };
        check(
            format!("{name} reads the recorded registry and log"),
            reads == Some((registry, log)),
            no_answer(reads.is_none()),
        );
    }
    for (name, c) in [
        ("chain tag of the hub", SuiteContract::Proposals),
        ("chain tag of voting", SuiteContract::Voting),
        ("chain tag of the registry", SuiteContract::AgentRegistry),
    ] {
        let tag: Option<String> = chain.query(&dep, c, "chain_tag", &()).await.ok();
        check(
            format!("{name} is `{}`", dep.chain_tag),
            tag.as_deref() == Some(dep.chain_tag.as_str()),
            format!(
                "on chain {}",
                tag.map_or("no answer".into(), |t| format!("`{t}`"))
            ),
        );
    }
    for c in [
        SuiteContract::AgentRegistry,
        SuiteContract::PeerReview,
        SuiteContract::Voting,
        SuiteContract::DecisionLog,
    ] {
        let admin: Option<AccountId> = chain.query(&dep, c, "Governed::admin", &()).await.ok();
        check(
            format!("{}'s admin is the hub", c.name()),
            admin == Some(hub),
            admin.map_or("no answer".into(), |a| {
                format!("admin {}", model::ss58(&model::account_bytes(&a)))
            }),
        );
    }
    let writers: Option<u32> = chain
        .query(
            &dep,
            SuiteContract::DecisionLog,
            "DecisionLog::writer_count",
            &(),
        )
        .await
        .ok();
    let mut all_writers = true;
    for w in [hub, review, voting] {
        let is: Option<bool> = chain
            .query(
                &dep,
                SuiteContract::DecisionLog,
                "DecisionLog::is_writer",
                &w,
            )
            .await
            .ok();
        all_writers &= is == Some(true);
    }
    check(
        "log writers are exactly the hub, peer review and voting".into(),
        all_writers && writers == Some(3),
        writers.map_or("no answer".into(), |w| format!("{w} writer(s)")),
    );
    for (label, what) in [
        (
            "bootstrap_complete",
            "bootstrap_complete() (no account but the hub holds a privilege)",
        ),
        (
            "bootstrap_recorded",
            "the bootstrap is recorded in the decision log",
        ),
    ] {
        let yes: Option<bool> = chain
            .query(&dep, SuiteContract::Proposals, label, &())
            .await
            .ok();
        check(what.into(), yes == Some(true), no_answer(yes.is_none()));
    }

    let failed = checks.iter().filter(|(_, ok, _)| !ok).count();
    if ctx.json() {
        print_json(&json!({
            "ok": failed == 0,
            "checks": checks.iter().map(|(n, ok, d)| json!({"check": n, "ok": ok, "detail": d})).collect::<Vec<_>>(),
        }))?;
    } else {
        for (name, ok, detail) in &checks {
            println!(
                "{} {name}{}",
                if *ok { "ok  " } else { "FAIL" },
                if detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({detail})")
                }
            );
        }
        println!("{} checks, {failed} failed", checks.len());
    }
    if failed > 0 {
        bail!("{failed} deployment check(s) failed");
    }
    Ok(())
}

/// The detail of a check whose contract did not answer.
fn no_answer(missing: bool) -> String {
    if missing {
        "no answer".into()
    } else {
        String::new()
    }
}

/// The code hash a bundle declares (blake2-256 of its Wasm), checked against its Wasm.
fn local_code_hash(bundle: &std::path::Path) -> Result<[u8; 32]> {
    let text = std::fs::read_to_string(bundle)
        .with_context(|| format!("cannot read {}", bundle.display()))?;
    let v: Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a bundle", bundle.display()))?;
    let wasm_hex = v["source"]["wasm"]
        .as_str()
        .ok_or_else(|| anyhow!("{} has no Wasm", bundle.display()))?;
    let wasm = hex::decode(wasm_hex.trim_start_matches("0x"))?;
    let hash = model::blake2(&wasm);
    if let Some(declared) = v["source"]["hash"].as_str() {
        if model::parse_hex::<32>(declared)? != hash {
            bail!(
                "{}: its declared hash does not match its Wasm",
                bundle.display()
            );
        }
    }
    Ok(hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_types::LogEntry;

    fn export(n: u64) -> Value {
        let mut prev = agora_types::GENESIS_HASH;
        let mut entries = Vec::new();
        for i in 0..n {
            let entry = LogEntry {
                index: i,
                kind: LogKind::MembershipChanged,
                subject: 0,
                actor: [7u8; 32].into(),
                payload_hash: [i as u8; 32],
                block: i as u32 + 1,
                timestamp: 1_000 * i,
                prev_hash: prev,
            };
            let hash = entry.hash();
            prev = hash;
            entries.push(model::entry_json(&HashedEntry { entry, hash }));
        }
        json!({"head": {"len": n, "hash": hex0x(&prev)}, "entries": entries})
    }

    #[test]
    fn an_intact_export_verifies() {
        let r = verify_export(&export(20)).unwrap();
        assert_eq!(r["ok"], json!(true), "{r}");
    }

    #[test]
    fn a_corrupted_export_is_caught_at_the_edited_index() {
        let mut doc = export(20);
        doc["entries"][13]["block"] = json!(999);
        let r = verify_export(&doc).unwrap();
        assert_eq!(
            (r["ok"].clone(), r["index"].clone()),
            (json!(false), json!(13)),
            "{r}"
        );
        assert!(r["reason"].as_str().unwrap().starts_with("WrongHash"));
    }

    #[test]
    fn a_dropped_entry_and_a_truncated_export_are_caught() {
        let mut doc = export(20);
        doc["entries"].as_array_mut().unwrap().remove(5);
        let r = verify_export(&doc).unwrap();
        assert_eq!(r["index"], json!(5), "{r}");
        let mut short = export(20);
        short["entries"].as_array_mut().unwrap().truncate(19);
        let r = verify_export(&short).unwrap();
        assert_eq!(
            (
                r["index"].clone(),
                r["reason"].as_str().unwrap().starts_with("Missing")
            ),
            (json!(19), true),
            "{r}"
        );
    }
}
