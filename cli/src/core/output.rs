//! What every command prints: with `--json` one document `{"ok": true, "result": …}` or
//! `{"ok": false, "error": {…}}`; otherwise the report for people (its `Display`).

use std::fmt::Display;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::core::{
    contract_error::{classify, ContractError},
    error::{ErrorKind, Result},
    json::{False, True},
};

/// A command's report: JSON for programs (`Serialize`, with a schema), text for people
/// (`Display`).
pub trait Report: Serialize + JsonSchema + Display {
    /// The process's exit code after printing the report: 0, or non-zero for a report that
    /// tells of a failed check (a log or a deployment that does not verify).
    fn exit_code(&self) -> i32 {
        0
    }

    /// For a non-zero exit code, the line printed to stderr after the report (text mode).
    fn failure_line(&self) -> Option<String> {
        None
    }
}

/// Example values of a report or event, for the schema tests (tests/schemas.rs): each is
/// serialized and validated against the generated schema.
pub trait Samples: Sized {
    /// A few values covering the variants and optional parts.
    fn samples() -> Vec<Self>;
}

/// A success.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Success<R> {
    /// Always `true`.
    pub ok: True,
    /// The command's report.
    pub result: R,
}

/// A failure.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Failed {
    /// Always `false`.
    pub ok: False,
    /// What went wrong.
    pub error: ErrorBody,
}

/// Every `--json` document: a success with the command's report, or a failure.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Output<R> {
    /// `{"ok": true, "result": …}`.
    Ok(Success<R>),
    /// `{"ok": false, "error": …}`.
    Err(Failed),
}

/// A failure for programs.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ErrorBody {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// For a contract error: the contract's crate name (`voting`); otherwise null.
    pub contract: Option<String>,
    /// The message for people (for a contract error: contract, message, variant and what it
    /// means).
    pub message: String,
    /// For a contract error: the variant of the contract's `Error` enum (`TooEarly`);
    /// otherwise null.
    pub variant: Option<String>,
    /// For a contract error: the variant's fields (`{"allowed_from": 12}`; a nested error as
    /// `{"0": "AlreadyVoted"}`); otherwise empty.
    pub fields: Map<String, Value>,
}

impl ErrorBody {
    /// The body of any error the CLI returns.
    pub fn of(e: &anyhow::Error) -> Self {
        let kind = classify(e);
        let message = format!("{e:#}");
        match e.downcast_ref::<ContractError>() {
            Some(c) => {
                let d = c.error.describe();
                Self {
                    kind,
                    contract: Some(c.contract.name().to_owned()),
                    message,
                    variant: Some(d.variant),
                    fields: d.fields,
                }
            }
            None => Self {
                kind,
                contract: None,
                message,
                variant: None,
                fields: Map::new(),
            },
        }
    }
}

/// The `--json` document of a report.
pub fn success<R: Serialize>(result: R) -> Output<R> {
    Output::Ok(Success { ok: True, result })
}

/// The `--json` document of an error.
pub fn failure(e: &anyhow::Error) -> Output<()> {
    Output::Err(Failed {
        ok: False,
        error: ErrorBody::of(e),
    })
}

/// Writes a line to stdout. A reader that went away (`agora … | head`) is not an error: the
/// rest is not wanted.
pub fn print_line(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Prints a report as `--json` asks or for people; returns the exit code.
pub fn emit<R: Report>(json: bool, report: &R) -> Result<i32> {
    if json {
        print_line(&serde_json::to_string_pretty(&success(report))?)?;
    } else {
        let text = report.to_string();
        if !text.is_empty() {
            print_line(text.trim_end_matches('\n'))?;
        }
        if let Some(line) = report.failure_line() {
            eprintln!("error: {line}");
        }
    }
    Ok(report.exit_code())
}

/// Prints an error as `--json` asks (on stdout, one line, so that it also ends a stream of
/// JSON lines) or for people (on stderr).
pub fn emit_error(json: bool, e: &anyhow::Error) {
    if json {
        let text = serde_json::to_string(&failure(e)).unwrap_or_else(|_| {
            r#"{"ok": false, "error": {"kind": "internal", "contract": null, "message": "the error could not be written as JSON", "variant": null, "fields": {}}}"#.to_owned()
        });
        // Nothing is left to report to if stdout is gone.
        let _ = print_line(&text);
    } else {
        eprintln!("error: {e:#}");
    }
}

/// Prints one JSON line (a streamed event).
pub fn emit_line<T: Serialize>(value: &T) -> Result<()> {
    print_line(&serde_json::to_string(value)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{contracts::SuiteContract, error::Failure};
    use agora_types::ProposalError;
    use serde_json::json;

    #[test]
    fn a_contract_error_carries_contract_variant_and_fields() {
        let e: anyhow::Error = ContractError {
            contract: SuiteContract::Proposals,
            message: "execute".into(),
            error: ProposalError::TooEarly { allowed_from: 12 }.into(),
        }
        .into();
        let v = serde_json::to_value(failure(&e)).unwrap();
        assert_eq!(v["ok"], json!(false));
        assert_eq!(v["error"]["kind"], json!("contract"));
        assert_eq!(v["error"]["contract"], json!("proposals"));
        assert_eq!(v["error"]["variant"], json!("TooEarly"));
        assert_eq!(v["error"]["fields"], json!({"allowed_from": 12}));
        assert!(v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("proposals::execute refused"));
    }

    #[test]
    fn other_errors_have_no_contract_and_empty_fields() {
        let e: anyhow::Error = Failure::not_found("no proposal 9").into();
        let v = serde_json::to_value(failure(&e)).unwrap();
        assert_eq!(
            v,
            json!({"ok": false, "error": {"kind": "not_found", "contract": null,
                   "message": "no proposal 9", "variant": null, "fields": {}}})
        );
        let ok = serde_json::to_value(success(json!({"id": 1}))).unwrap();
        assert_eq!(ok, json!({"ok": true, "result": {"id": 1}}));
    }
}
