//! Errors the CLI tells apart: a kind for every failure ([`ErrorKind`]) and a failure of a
//! known kind ([`Failure`]). Contract errors are in the `contract_error` module.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The CLI's result type.
pub type Result<T, E = anyhow::Error> = core::result::Result<T, E>;

/// What kind of failure an error is (the `error.kind` of a `--json` failure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A suite contract refused the call: `contract`, `variant` and `fields` say how.
    Contract,
    /// The node could not be reached or did not answer as expected (connection, metadata,
    /// decoding, inclusion).
    Chain,
    /// An argument or an input file is not valid.
    Input,
    /// A file could not be read or written, or content could not be fetched.
    Io,
    /// What was asked about does not exist (a proposal, a member, a parameter version).
    NotFound,
    /// A networks file, deploy configuration or deployments file is missing or invalid.
    Config,
    /// A deployment, payload or envelope is for another chain than the connected one: its
    /// chain tag (or recorded genesis hash) is not the connected chain's (docs/signing.md,
    /// "Chain tags").
    WrongChain,
    /// A fault in the CLI itself (e.g. its embedded metadata); please report it.
    Internal,
}

impl ErrorKind {
    /// The snake_case name, as in JSON.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::Contract => "contract",
            ErrorKind::Chain => "chain",
            ErrorKind::Input => "input",
            ErrorKind::Io => "io",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Config => "config",
            ErrorKind::WrongChain => "wrong_chain",
            ErrorKind::Internal => "internal",
        }
    }
}

/// A failure of a known kind with a message for people.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Its kind.
    pub kind: ErrorKind,
    /// What went wrong and, where it helps, what to do.
    pub message: String,
}

impl Failure {
    /// A failure of `kind`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// Bad input.
    pub fn input(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Input, message)
    }

    /// Something that does not exist.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }

    /// The chain or the connection.
    pub fn chain(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Chain, message)
    }

    /// A configuration file.
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Config, message)
    }

    /// A file or a fetch.
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Io, message)
    }

    /// A fault of the CLI.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}
