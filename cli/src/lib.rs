//! The `agora` command as a library: deploy the Agora suite and take part in its governance
//! from a terminal, a script or an AI agent's runtime (docs/cli.md).
//!
//! - [`core`]: the context and configuration, the chain and the suite's reads, the file
//!   dialect (`core::wire`), errors, output envelopes and rendering; it never imports the
//!   commands.
//! - [`cmd`]: one module per command, each owning its clap `Args` and a `handle()` that
//!   returns a typed report (JSON with a schema for programs, `Display` for people).
//! - [`schemas`]: the one list of JSON Schemas the CLI publishes (schemas/ at the repository
//!   root), with samples that must validate against them.
//!
//! The binary is `src/main.rs`; the tests in `tests/` use the modules directly.

#![warn(missing_docs)]

pub mod cmd;
pub mod core;
pub mod schemas;
