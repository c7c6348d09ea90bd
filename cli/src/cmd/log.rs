//! `agora log show|verify|export`: the decision log as a table, verified, exported.

use std::{fmt, io::Write, path::PathBuf};

use agora_types::{HashedEntry, LogKind, Subject};
use clap::{Args, Subcommand, ValueEnum};
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    context::Ctx,
    error::{Failure, Result},
    json::{Hex, Ss58, U64},
    log::{
        sample_log, verify_export_file, verify_online, writer_fault_name, Check, ExportDocument,
        FailedEntry, Source, Verification, EXPORT_FORMAT, EXPORT_FORMAT_V2,
    },
    output::{Report, Samples},
    parse::{parse_id, parse_positive},
    reads,
    render::{short_ss58, table},
    views::{EntryView, LogFormat},
};

/// Read, verify and export the decision log.
#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// The log as a table.
    Show(LogShowArgs),
    /// Verify the whole log: every hash, every link, the head, each entry's writer against
    /// the writer authorizations before it (log format 2), and each review-round and ballot
    /// entry against the transcript recomputed from the stored reviews and votes. With
    /// --file, verify an export offline (hash chain, head and writers; no node, no
    /// checkout). Exit code 2 if it does not verify.
    Verify(LogVerifyArgs),
    /// Write every entry with decoded kinds, subjects, writers and hashes.
    Export(LogExportArgs),
}

/// Options of `log show`.
#[derive(Debug, Args)]
pub struct LogShowArgs {
    /// First index.
    #[arg(long, default_value_t = 0)]
    pub from: u64,
    /// How many entries.
    #[arg(long, default_value_t = 50, value_parser = parse_positive)]
    pub limit: u32,
    /// Only the entries about this proposal.
    #[arg(long, value_parser = parse_id)]
    pub subject: Option<u32>,
}

/// Options of `log verify`.
#[derive(Debug, Args)]
pub struct LogVerifyArgs {
    /// An export from `agora log export --format json` (or the web app's), verified offline:
    /// agora-log-export/v3 (format 2) or agora-log-export/v2 (format 1).
    #[arg(long)]
    pub file: Option<PathBuf>,
}

/// Options of `log export`.
#[derive(Debug, Args)]
pub struct LogExportArgs {
    /// json (verifiable offline) or csv.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// The output file.
    #[arg(long)]
    pub out: PathBuf,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// One JSON document with the head and every entry ("agora-log-export/v3"; a format-1
    /// log's is "agora-log-export/v2").
    Json,
    /// One line per entry.
    Csv,
}

/// Log entries.
#[derive(Debug, Serialize, JsonSchema)]
pub struct LogEntries {
    /// The log format they are in (2, or 1 for a log deployed before format 2).
    pub format_version: u16,
    /// The entries, by index.
    pub entries: Vec<EntryView>,
}

impl fmt::Display for LogEntries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut t = table(
            &[
                "index", "block", "kind", "subject", "actor", "writer", "payload", "hash",
            ],
            &[0, 1],
        );
        let head = |h: &Hex| format!("{}…", h.0.get(..12).unwrap_or(&h.0));
        for e in &self.entries {
            let kind = match e.external_code {
                Some(code) => format!("{}({code})", e.kind),
                None => e.kind.to_string(),
            };
            t.add_row(vec![
                e.index.to_string(),
                e.block.to_string(),
                kind,
                e.subject.to_string(),
                short_ss58(&Ss58(e.actor.clone())),
                e.writer
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |w| short_ss58(&Ss58(w.clone()))),
                head(&e.payload_hash),
                head(&e.hash),
            ]);
        }
        write!(f, "{t}")?;
        if self.format_version == LogFormat::One.version() {
            write!(
                f,
                "\nlog format 1: its entries do not record their writer (deployed before format 2)"
            )?;
        }
        Ok(())
    }
}

impl Report for LogEntries {}

impl Samples for LogEntries {
    fn samples() -> Vec<Self> {
        let mut entries = sample_log(5);
        let mut external = entries[4].clone();
        external.entry.index = 5;
        external.entry.kind = LogKind::External(7);
        external.entry.subject = Subject::Member([9u8; 32].into());
        external.entry.timestamp = u64::MAX;
        let mut about_proposal: HashedEntry = entries[4].clone();
        about_proposal.entry.index = 6;
        about_proposal.entry.kind = LogKind::ProposalSubmitted;
        about_proposal.entry.subject = Subject::Proposal(1);
        entries.extend([external, about_proposal]);
        let format_one = crate::core::views::Entries::One(vec![agora_types::v1::HashedEntry {
            entry: agora_types::v1::LogEntry {
                index: 0,
                kind: LogKind::WriterAuthorized,
                subject: 0,
                actor: [1u8; 32].into(),
                payload_hash: [2; 32],
                block: 1,
                timestamp: 0,
                prev_hash: [0; 32],
            },
            hash: [4; 32],
        }]);
        vec![
            LogEntries {
                format_version: LogFormat::Two.version(),
                entries: entries.iter().map(EntryView::from).collect(),
            },
            LogEntries {
                format_version: LogFormat::One.version(),
                entries: format_one.views(),
            },
        ]
    }
}

/// The outcome of `log verify`: exit code 2 if the log does not verify.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct LogVerified(pub Verification);

impl fmt::Display for LogVerified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = &self.0;
        let writers = if v.writers_checked {
            "every writer was authorized for its entries"
        } else {
            "log format 1: writers cannot be checked in log format 1, which does not record them"
        };
        match (&v.failure, v.source) {
            (Some(fail), _) => write!(
                f,
                "FAILED at entry {}: {}",
                fail.index,
                if fail.reason == fail.check.meaning() {
                    fail.reason.clone()
                } else {
                    format!("{} ({})", fail.reason, fail.check.meaning())
                }
            ),
            (None, Source::Chain) => {
                write!(
                    f,
                    "OK: {} entries verified, head {} ({} review-round and ballot entries match their transcripts; {writers})",
                    v.entries,
                    v.head,
                    v.transcripts_checked.unwrap_or(0)
                )?;
                // A successor suite's log: the chain of predecessors it continues.
                let mut link = v.predecessor.as_deref();
                while let Some(p) = link {
                    write!(
                        f,
                        "\n  continues the log {} from its entry {} ({})",
                        p.log,
                        p.anchored_len.0.saturating_sub(1),
                        match (&p.verification, &p.not_followed) {
                            (_, Some(why)) => format!("not followed: {why}"),
                            (Some(old), None) => format!(
                                "{} entries verified; {}",
                                old.entries,
                                if p.handed_over {
                                    "sealed, handed over to this suite".to_owned()
                                } else if let Some(other) = &p.sealed_for {
                                    format!("sealed for another hub, {other}")
                                } else {
                                    "not sealed yet: its succession has not executed".to_owned()
                                }
                            ),
                            (None, None) => "not verified".into(),
                        }
                    )?;
                    link = p
                        .verification
                        .as_ref()
                        .and_then(|o| o.predecessor.as_deref());
                }
                Ok(())
            }
            (None, Source::File) => write!(
                f,
                "OK: {} entries verified offline, head {} ({writers})",
                v.entries, v.head
            ),
        }
    }
}

impl Report for LogVerified {
    fn exit_code(&self) -> i32 {
        if self.0.verified {
            0
        } else {
            2
        }
    }
}

impl Samples for LogVerified {
    fn samples() -> Vec<Self> {
        vec![
            LogVerified(Verification {
                verified: true,
                source: Source::Chain,
                format_version: 2,
                entries: U64(20),
                head: Hex::of(&[1; 32]),
                writers_checked: true,
                transcripts_checked: Some(4),
                failure: None,
                predecessor: None,
            }),
            LogVerified(Verification {
                verified: false,
                source: Source::File,
                format_version: 2,
                entries: U64(20),
                head: Hex::of(&[1; 32]),
                writers_checked: true,
                transcripts_checked: None,
                failure: Some(FailedEntry {
                    index: U64(7),
                    check: Check::WrongHash,
                    reason: Check::WrongHash.meaning().into(),
                }),
                predecessor: None,
            }),
            LogVerified(Verification {
                verified: false,
                source: Source::Chain,
                format_version: 2,
                entries: U64(20),
                head: Hex::of(&[1; 32]),
                writers_checked: true,
                transcripts_checked: None,
                failure: Some(FailedEntry {
                    index: U64(9),
                    check: Check::Writer,
                    reason: format!(
                        "{}: 5C… was authorized for EXTERNAL_KINDS, not for ProposalExecuted",
                        writer_fault_name(agora_types::WriterFault::KindNotAllowed)
                    ),
                }),
                predecessor: None,
            }),
            LogVerified(Verification {
                verified: true,
                source: Source::File,
                format_version: 1,
                entries: U64(12),
                head: Hex::of(&[1; 32]),
                writers_checked: false,
                transcripts_checked: None,
                failure: None,
                predecessor: None,
            }),
        ]
    }
}

/// What `log export` wrote.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Exported {
    /// Entries written.
    pub entries: u64,
    /// The head they were read at.
    pub head: Hex,
    /// The file.
    pub out: String,
    /// Its format.
    pub format: ExportFormat,
    /// The log format of the entries (the JSON document is agora-log-export/v3 for 2,
    /// agora-log-export/v2 for 1).
    pub format_version: u16,
}

impl fmt::Display for Exported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match (self.format, self.format_version) {
            (ExportFormat::Csv, v) => format!("CSV, log format {v}"),
            (ExportFormat::Json, 1) => EXPORT_FORMAT_V2.to_owned(),
            (ExportFormat::Json, _) => EXPORT_FORMAT.to_owned(),
        };
        write!(
            f,
            "exported {} entries ({what}, head {}) to {}",
            self.entries, self.head, self.out
        )
    }
}

impl Report for Exported {}

impl Samples for Exported {
    fn samples() -> Vec<Self> {
        vec![Exported {
            entries: 12,
            head: Hex::of(&[5; 32]),
            out: "log.json".into(),
            format: ExportFormat::Json,
            format_version: 2,
        }]
    }
}

impl LogShowArgs {
    /// Reads the entries.
    pub async fn handle(&self, ctx: &Ctx) -> Result<LogEntries> {
        let dep = ctx.deployment()?;
        let chain = ctx.connect().await?;
        let format = reads::log_format(&chain, &dep).await?;
        let entries = match self.subject {
            Some(id) => reads::subject_entries(&chain, &dep, format, id).await?,
            None => {
                reads::entries_range(
                    &chain,
                    &dep,
                    format,
                    self.from,
                    u64::from(self.limit),
                    |_| {},
                )
                .await?
            }
        };
        Ok(LogEntries {
            format_version: format.version(),
            entries: entries.views(),
        })
    }
}

impl LogVerifyArgs {
    /// Verifies on chain, or offline with a file.
    pub async fn handle(&self, ctx: &Ctx) -> Result<LogVerified> {
        match &self.file {
            Some(file) => Ok(LogVerified(verify_export_file(file)?)),
            None => verify_on_chain(ctx).await,
        }
    }
}

async fn verify_on_chain(ctx: &Ctx) -> Result<LogVerified> {
    let dep = ctx.deployment()?;
    let chain = ctx.connect().await?;
    let (len, _) = reads::log_head(&chain, &dep).await?;
    let bar = ctx
        .progress(len, "verifying")
        .filter(|_| len > u64::from(LogFormat::Two.page()));
    let v = verify_online(&chain, &dep, |done, _| {
        if let Some(b) = &bar {
            b.set_position(done);
            b.set_message("entries");
        }
    })
    .await?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(LogVerified(v))
}

impl LogExportArgs {
    /// Writes the export.
    pub async fn handle(&self, ctx: &Ctx) -> Result<Exported> {
        export(ctx, self.format, &self.out).await
    }
}

/// The CSV header of `log export --format csv` (both formats; a format-1 entry has no
/// writer and no external code).
pub const CSV_HEADER: &str = "index,kind,kind_index,external_code,subject,proposal,actor,writer,payload_hash,block,timestamp,prev_hash,hash";

/// One CSV line of an entry (no field holds a comma: names, numbers, SS58, hex, and the
/// subject as `proposal:7`).
pub fn csv_line(e: &EntryView) -> String {
    let opt = |v: Option<String>| v.unwrap_or_default();
    format!(
        "{},{},{},{},{},{},{},{},{},{},{},{},{}",
        e.index,
        e.kind,
        e.kind_index,
        opt(e.external_code.map(|c| c.to_string())),
        e.subject.compact(),
        opt(e.proposal.map(|p| p.to_string())),
        e.actor,
        opt(e.writer.clone()),
        e.payload_hash,
        e.block,
        e.timestamp,
        e.prev_hash,
        e.hash
    )
}

async fn export(ctx: &Ctx, format: ExportFormat, out: &std::path::Path) -> Result<Exported> {
    let dep = ctx.deployment()?;
    let chain = ctx.connect().await?;
    let log_format = reads::log_format(&chain, &dep).await?;
    let head = reads::log_head(&chain, &dep).await?;
    let bar = ctx
        .progress(head.0, "reading")
        .filter(|_| head.0 > u64::from(log_format.page()));
    let entries = reads::entries_range(&chain, &dep, log_format, 0, head.0, |done| {
        if let Some(b) = &bar {
            b.set_position(done);
            b.set_message("entries");
        }
    })
    .await?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let io = |e: std::io::Error| Failure::io(format!("cannot write {}: {e}", out.display()));
    let mut f = std::fs::File::create(out).map_err(io)?;
    match format {
        ExportFormat::Json => {
            let doc = ExportDocument::new(&dep, head, &entries);
            writeln!(f, "{}", serde_json::to_string_pretty(&doc)?).map_err(io)?;
        }
        ExportFormat::Csv => {
            writeln!(f, "{CSV_HEADER}").map_err(io)?;
            for e in entries.views() {
                writeln!(f, "{}", csv_line(&e)).map_err(io)?;
            }
        }
    }
    Ok(Exported {
        entries: entries.len() as u64,
        head: Hex::of(&head.1),
        out: out.display().to_string(),
        format,
        format_version: log_format.version(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::log::tests::{head_of, rehash, v1_entries, verify_entries};
    use crate::core::{config::Deployment, log::verify_export, views::Entries};

    #[test]
    fn a_writer_failure_is_printed_with_its_fault() {
        let mut entries = sample_log(10);
        entries[5].entry.writer = [0x77; 32].into();
        rehash(&mut entries);
        let text = LogVerified(verify_entries(&entries)).to_string();
        assert!(text.starts_with("FAILED at entry 5: NotWriter: "), "{text}");
        assert!(
            text.ends_with("(the entry's writer was not allowed to append it)"),
            "{text}"
        );
        let ok = LogVerified(verify_entries(&sample_log(6))).to_string();
        assert!(
            ok.starts_with("OK: 6 entries verified offline")
                && ok.contains("every writer was authorized"),
            "{ok}"
        );
        assert_eq!(head_of(&entries).0, 10);
    }

    #[test]
    fn format_one_says_its_writers_cannot_be_checked() {
        let entries = v1_entries(5);
        let head = (5, entries[4].hash);
        let doc = ExportDocument::new(&Deployment::default(), head, &Entries::One(entries));
        let r = verify_export(&serde_json::to_value(doc).unwrap()).unwrap();
        let text = LogVerified(r).to_string();
        assert!(text.starts_with("OK: 5 entries verified offline"), "{text}");
        assert!(
            text.contains("writers cannot be checked in log format 1"),
            "{text}"
        );
    }

    #[test]
    fn the_table_shows_writers_and_subjects() {
        let shown = LogEntries::samples();
        let text = shown[0].to_string();
        for want in [
            "writer",
            "subject",
            "suite",
            "External(7)",
            "member 5",
            "proposal 1",
        ] {
            assert!(text.contains(want), "{want} in\n{text}");
        }
        assert!(shown[1].to_string().contains("log format 1"));
    }

    #[test]
    fn csv_lines_have_every_column() {
        let columns = CSV_HEADER.split(',').count();
        for e in LogEntries::samples().iter().flat_map(|s| s.entries.iter()) {
            let line = csv_line(e);
            assert_eq!(line.split(',').count(), columns, "{line}");
        }
        let e = &LogEntries::samples()[0].entries[6];
        let line = csv_line(e);
        assert!(line.contains(",proposal:1,1,"), "{line}");
    }
}
