//! Options several commands share: the signing account, a proposal's content and actions,
//! and signing with an agent key.

use std::path::PathBuf;

use agora_types::{Action, MAX_ACTIONS};
use clap::Args;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    encoding::{blake2, parse_hex},
    error::{Failure, Result},
    json::{Hex, Ss58, U64},
    parse::{parse_positive, parse_transfer, parse_uri},
    wire::{read_actions_file, Envelope},
};

/// Blocks a signed payload stays valid by default (`--deadline-in`).
pub const DEFAULT_DEADLINE_BLOCKS: u32 = 100;

/// The account secret every transaction takes.
#[derive(Debug, Args, Clone)]
pub struct SuriArg {
    /// Account secret that signs and pays (dev URI like //Alice, mnemonic, 0x seed, @FILE).
    #[arg(long, env = "AGORA_SURI")]
    pub suri: String,
}

/// What a proposal or revision says and does.
#[derive(Debug, Args, Clone)]
pub struct ContentArgs {
    /// The proposal's text: its blake2-256 becomes the on-chain content hash.
    #[arg(long, conflicts_with = "content_hash")]
    pub file: Option<PathBuf>,
    /// The content hash, if you hashed the text yourself (0x + 64 hex).
    #[arg(long)]
    pub content_hash: Option<String>,
    /// Where the text can be fetched (file://, https://, ipfs://, data:; at most MAX_URI_LEN
    /// bytes).
    #[arg(long, value_parser = parse_uri)]
    pub uri: String,
    /// A treasury transfer ACCOUNT:AMOUNT (repeatable).
    #[arg(long = "transfer", value_parser = parse_transfer)]
    pub transfers: Vec<Action>,
    /// A JSON file with a list of actions (see docs/cli.md).
    #[arg(long)]
    pub actions: Option<PathBuf>,
}

impl ContentArgs {
    /// The content hash and the actions (the file's, then the transfers), at most
    /// `MAX_ACTIONS`.
    pub fn resolve(&self) -> Result<([u8; 32], Vec<Action>)> {
        let hash = match (&self.file, &self.content_hash) {
            (Some(f), _) => blake2(
                &std::fs::read(f)
                    .map_err(|e| Failure::io(format!("cannot read {}: {e}", f.display())))?,
            ),
            (None, Some(h)) => parse_hex::<32>(h)?,
            (None, None) => {
                return Err(Failure::input(
                    "give the proposal's text with --file (or its hash with --content-hash)",
                )
                .into())
            }
        };
        let mut actions = match &self.actions {
            Some(path) => read_actions_file(path)?,
            None => Vec::new(),
        };
        actions.extend(self.transfers.iter().cloned());
        if actions.len() > MAX_ACTIONS as usize {
            return Err(Failure::input(format!(
                "{} actions; a proposal has at most {MAX_ACTIONS} (MAX_ACTIONS)",
                actions.len()
            ))
            .into());
        }
        Ok((hash, actions))
    }
}

/// Signing with an agent key instead of sending as the author.
#[derive(Debug, Args, Clone)]
pub struct SignArgs {
    /// Sign the payload with this agent key file and relay it from --suri.
    #[arg(long)]
    pub sign_with: Option<PathBuf>,
    /// Blocks from now the signed payload stays valid.
    #[arg(long, default_value_t = DEFAULT_DEADLINE_BLOCKS, value_parser = parse_positive)]
    pub deadline_in: u32,
    /// Also write the signed envelope to this file (anyone can relay it with `agora relay`).
    #[arg(long, requires = "sign_with")]
    pub save_envelope: Option<PathBuf>,
}

impl SignArgs {
    /// Writes the envelope if asked to.
    pub fn save(&self, envelope: &Envelope) -> Result<()> {
        match &self.save_envelope {
            Some(path) => envelope.write(path),
            None => Ok(()),
        }
    }
}

/// How a signed submission was made.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Signed {
    /// The agent key that signed.
    pub key: Hex,
    /// The member it is bound to (the author or voter).
    pub signer_account: Ss58,
    /// The relayer who sent it.
    pub relayer: Ss58,
    /// The submission nonce (proposals).
    pub nonce: Option<U64>,
    /// The last block the signature is valid in.
    pub deadline: u32,
    /// Where the envelope was saved (`--save-envelope`).
    pub envelope_file: Option<String>,
}
