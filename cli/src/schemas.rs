//! The JSON Schemas the CLI publishes, in one list: one per command output under
//! `schemas/cli/<command>.json` (the `{"ok": …}` document of `--json`; JSON lines for
//! `agent watch`), and the file `log export --format json` writes
//! (`cli/log-export-file.json`, "agora-log-export/v3"). Each entry carries sample values that
//! must validate against it.
//!
//! `tests/schemas.rs` fails when a committed schema differs from the generated one
//! (`AGORA_WRITE_SCHEMAS=1 cargo test --test schemas` rewrites them) and validates every
//! sample. Other crates' types (agora-types' wire types, under `schemas/wire/`) join the
//! list with [`SchemaFile::plain`].

use schemars::{generate::SchemaSettings, JsonSchema, Schema};
use serde::Serialize;
use serde_json::Value;

use crate::{
    cmd::{
        advance::Advanced,
        agent::{SignedEnvelope, WatchEvent},
        cancel::Cancelled,
        deploy::DeployReport,
        deposit::Deposited,
        execute::Executed,
        key::{KeyCreated, KeyShown},
        log::{Exported, LogEntries, LogVerified},
        member::{MemberAdded, MemberList, MemberShown},
        params::ParamsReport,
        proposals::ProposalList,
        propose::Proposed,
        queue::Queued,
        relay::Relayed,
        review::Reviewed,
        revise::Revised,
        status::Status,
        verify_deployment::DeploymentChecks,
        vote::Voted,
    },
    core::{
        config::Deployment,
        contract_error::ContractError,
        contracts::SuiteContract,
        error::Failure,
        log::{sample_log, Export},
        output::{failure, success, Failed, Output, Report, Samples},
    },
};

/// One schema file: where it goes under `schemas/`, the schema, and samples that must
/// validate against it.
pub struct SchemaFile {
    /// The path under `schemas/` (`cli/status.json`).
    pub path: String,
    /// The schema (JSON Schema 2020-12).
    pub schema: Schema,
    /// Values that must validate.
    pub samples: Vec<Value>,
}

fn generate<T: JsonSchema>(title: &str) -> Schema {
    let mut schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), Value::String(title.to_owned()));
    schema
}

fn to_values<T: Serialize>(items: impl IntoIterator<Item = T>) -> Vec<Value> {
    items
        .into_iter()
        .filter_map(|i| serde_json::to_value(i).ok())
        .collect()
}

/// Error documents every command may print.
fn error_samples() -> Vec<Value> {
    let contract: anyhow::Error = ContractError {
        contract: SuiteContract::Proposals,
        message: "execute".into(),
        error: agora_types::ProposalError::TooEarly { allowed_from: 12 }.into(),
    }
    .into();
    let nested: anyhow::Error = ContractError {
        contract: SuiteContract::Proposals,
        message: "submit".into(),
        error: agora_types::ProposalError::Voting(agora_types::VotingError::AlreadyVoted).into(),
    }
    .into();
    let missing: anyhow::Error = Failure::not_found("no proposal 9").into();
    to_values([failure(&contract), failure(&nested), failure(&missing)])
}

impl SchemaFile {
    /// The `--json` document of command `name`: `{"ok": true, "result": R}` or the error.
    pub fn command<R: Report + Samples>(name: &str) -> Self {
        let mut samples = to_values(R::samples().into_iter().map(success));
        samples.extend(error_samples());
        Self {
            path: format!("cli/{name}.json"),
            schema: generate::<Output<R>>(&format!("agora {name} --json")),
            samples,
        }
    }

    /// Any serializable type with its samples (e.g. a wire type under `wire/`).
    pub fn plain<T: JsonSchema + Serialize>(path: &str, title: &str, samples: Vec<T>) -> Self {
        Self {
            path: path.to_owned(),
            schema: generate::<T>(title),
            samples: to_values(samples),
        }
    }
}

/// A line of `agent watch --json`: an event, or the error that ended the stream.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
pub enum WatchLine {
    /// An event (`type` tells which).
    Event(Box<WatchEvent>),
    /// The failure that ended the stream.
    Error(Failed),
}

/// Every schema the CLI publishes.
pub fn all() -> Vec<SchemaFile> {
    let mut watch = SchemaFile::plain(
        "cli/agent-watch.json",
        "agora agent watch --json (one line each)",
        WatchEvent::samples()
            .into_iter()
            .map(|e| WatchLine::Event(Box::new(e)))
            .collect(),
    );
    watch.samples.extend(error_samples());
    let log = sample_log(6);
    let head = log.last().map_or((0, [0; 32]), |e| (6, e.hash));
    let export_file = SchemaFile::plain(
        "cli/log-export-file.json",
        "agora log export --format json: the file (agora-log-export/v3)",
        vec![Export::new(&Deployment::default(), head, &log)],
    );
    vec![
        SchemaFile::command::<DeployReport>("deploy"),
        SchemaFile::command::<MemberAdded>("member-add"),
        SchemaFile::command::<MemberList>("member-list"),
        SchemaFile::command::<MemberShown>("member-show"),
        SchemaFile::command::<Proposed>("propose"),
        SchemaFile::command::<Revised>("revise"),
        SchemaFile::command::<Reviewed>("review"),
        SchemaFile::command::<Voted>("vote"),
        SchemaFile::command::<Advanced>("advance"),
        SchemaFile::command::<Queued>("queue"),
        SchemaFile::command::<Executed>("execute"),
        SchemaFile::command::<Cancelled>("cancel"),
        SchemaFile::command::<Deposited>("deposit"),
        SchemaFile::command::<Status>("status"),
        SchemaFile::command::<ProposalList>("proposals"),
        SchemaFile::command::<ParamsReport>("params"),
        SchemaFile::command::<LogEntries>("log-show"),
        SchemaFile::command::<LogVerified>("log-verify"),
        SchemaFile::command::<Exported>("log-export"),
        export_file,
        SchemaFile::command::<DeploymentChecks>("verify-deployment"),
        SchemaFile::command::<KeyCreated>("key-new"),
        SchemaFile::command::<KeyShown>("key-show"),
        SchemaFile::command::<SignedEnvelope>("agent-sign-proposal"),
        SchemaFile::command::<SignedEnvelope>("agent-sign-revision"),
        SchemaFile::command::<SignedEnvelope>("agent-sign-vote"),
        watch,
        SchemaFile::command::<Relayed>("relay"),
    ]
}
