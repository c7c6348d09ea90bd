//! The core layer every command builds on: the context and configuration, the chain and the
//! suite's reads, the file dialect (`wire`), errors, output envelopes and rendering. Nothing
//! here imports the commands (`crate::cmd`).

pub mod bundles;
pub mod chain;
pub mod chain_tag;
pub mod config;
pub mod content;
pub mod context;
pub mod contract_error;
pub mod contracts;
pub mod encoding;
pub mod error;
pub mod founders;
pub mod json;
pub mod keys;
pub mod log;
pub mod names;
pub mod output;
pub mod parse;
pub mod reads;
pub mod relay;
pub mod render;
pub mod views;
pub mod wire;
