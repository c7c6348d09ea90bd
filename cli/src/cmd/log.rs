//! `agora log show|verify|export`: the decision log as a table, verified, exported.

use std::{fmt, io::Write, path::PathBuf};

use agora_types::{HashedEntry, LogEntry, LogKind, MAX_LOG_PAGE};
use clap::{Args, Subcommand, ValueEnum};
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    context::Ctx,
    error::{Failure, Result},
    json::{Hex, U64},
    log::{verify_export_file, verify_online, Check, Export, FailedEntry, Source, Verification},
    output::{Report, Samples},
    parse::{parse_id, parse_positive},
    reads,
    render::{short_ss58, table},
    views::EntryView,
};

/// Read, verify and export the decision log.
#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// The log as a table.
    Show(LogShowArgs),
    /// Verify the whole log: every hash, every link, the head, and each review-round and
    /// ballot entry against the transcript recomputed from the stored reviews and votes.
    /// With --file, verify an export offline (hash chain and head; no node, no checkout).
    /// Exit code 2 if it does not verify.
    Verify(LogVerifyArgs),
    /// Write every entry with decoded kinds and hashes.
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
    /// An export from `agora log export --format json` (or the web app's), verified offline.
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
    /// One JSON document with the head and every entry ("agora-log-export/v2").
    Json,
    /// One line per entry.
    Csv,
}

/// Log entries.
#[derive(Debug, Serialize, JsonSchema)]
pub struct LogEntries {
    /// The entries, by index.
    pub entries: Vec<EntryView>,
}

impl fmt::Display for LogEntries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut t = table(
            &["index", "block", "kind", "prop", "actor", "payload", "hash"],
            &[0, 1, 3],
        );
        let head = |h: &Hex| format!("{}…", h.0.get(..12).unwrap_or(&h.0));
        for e in &self.entries {
            t.add_row(vec![
                e.index.to_string(),
                e.block.to_string(),
                e.kind.to_string(),
                if e.subject == 0 {
                    "-".to_owned()
                } else {
                    e.subject.to_string()
                },
                short_ss58(&crate::core::json::Ss58(e.actor.clone())),
                head(&e.payload_hash),
                head(&e.hash),
            ]);
        }
        write!(f, "{t}")
    }
}

impl Report for LogEntries {}

fn sample_entry(index: u64) -> EntryView {
    EntryView::from(&HashedEntry {
        entry: LogEntry {
            index,
            kind: LogKind::ProposalSubmitted,
            subject: 1,
            actor: [1u8; 32].into(),
            payload_hash: [2; 32],
            block: 9,
            timestamp: u64::MAX,
            prev_hash: [3; 32],
        },
        hash: [4; 32],
    })
}

impl Samples for LogEntries {
    fn samples() -> Vec<Self> {
        vec![LogEntries {
            entries: vec![sample_entry(0), sample_entry(1)],
        }]
    }
}

/// The outcome of `log verify`: exit code 2 if the log does not verify.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct LogVerified(pub Verification);

impl fmt::Display for LogVerified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = &self.0;
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
            (None, Source::Chain) => write!(
                f,
                "OK: {} entries verified, head {} ({} review-round and ballot entries match their transcripts)",
                v.entries,
                v.head,
                v.transcripts_checked.unwrap_or(0)
            ),
            (None, Source::File) => write!(
                f,
                "OK: {} entries verified offline, head {}",
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
                entries: U64(20),
                head: Hex::of(&[1; 32]),
                transcripts_checked: Some(4),
                failure: None,
            }),
            LogVerified(Verification {
                verified: false,
                source: Source::File,
                entries: U64(20),
                head: Hex::of(&[1; 32]),
                transcripts_checked: None,
                failure: Some(FailedEntry {
                    index: U64(7),
                    check: Check::WrongHash,
                    reason: Check::WrongHash.meaning().into(),
                }),
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
}

impl fmt::Display for Exported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "exported {} entries (head {}) to {}",
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
        }]
    }
}

impl LogShowArgs {
    /// Reads the entries.
    pub async fn handle(&self, ctx: &Ctx) -> Result<LogEntries> {
        let dep = ctx.deployment()?;
        let chain = ctx.connect().await?;
        let entries = match self.subject {
            Some(id) => reads::subject_entries(&chain, &dep, id).await?,
            None => {
                reads::entries_range(&chain, &dep, self.from, u64::from(self.limit), |_| {}).await?
            }
        };
        Ok(LogEntries {
            entries: entries.iter().map(EntryView::from).collect(),
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
        .filter(|_| len > u64::from(MAX_LOG_PAGE));
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

async fn export(ctx: &Ctx, format: ExportFormat, out: &std::path::Path) -> Result<Exported> {
    let dep = ctx.deployment()?;
    let chain = ctx.connect().await?;
    let head = reads::log_head(&chain, &dep).await?;
    let bar = ctx
        .progress(head.0, "reading")
        .filter(|_| head.0 > u64::from(MAX_LOG_PAGE));
    let entries = reads::entries_range(&chain, &dep, 0, head.0, |done| {
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
            let doc = Export::new(&dep, head, &entries);
            writeln!(f, "{}", serde_json::to_string_pretty(&doc)?).map_err(io)?;
        }
        ExportFormat::Csv => {
            writeln!(
                f,
                "index,kind,subject,actor,payload_hash,block,timestamp,prev_hash,hash"
            )
            .map_err(io)?;
            for h in &entries {
                let e = EntryView::from(h);
                writeln!(
                    f,
                    "{},{},{},{},{},{},{},{},{}",
                    e.index,
                    e.kind,
                    e.subject,
                    e.actor,
                    e.payload_hash,
                    e.block,
                    e.timestamp,
                    e.prev_hash,
                    e.hash
                )
                .map_err(io)?;
            }
        }
    }
    Ok(Exported {
        entries: entries.len() as u64,
        head: Hex::of(&head.1),
        out: out.display().to_string(),
        format,
    })
}
