//! `agora key new|show`: agent signing keys (secp256k1).

use std::{fmt, path::PathBuf};

use clap::{Args, Subcommand};
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    context::Ctx,
    contracts::SuiteContract,
    encoding::parse_account,
    error::Result,
    json::{Hex, Ss58},
    keys::AgentKey,
    output::{Report, Samples},
};

/// Agent signing keys (secp256k1).
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Make a new secp256k1 key file (mode 0600; never overwrites).
    New(KeyNewArgs),
    /// Print a key file's public key (and, with --account, its bind-key proof for the
    /// deployment's registry).
    Show(KeyShowArgs),
}

/// Options of `key new`.
#[derive(Debug, Args)]
pub struct KeyNewArgs {
    /// Where to write it (by convention <home>/keys/NAME.key.json).
    #[arg(long)]
    pub out: PathBuf,
}

/// Options of `key show`.
#[derive(Debug, Args)]
pub struct KeyShowArgs {
    /// The key file.
    pub file: PathBuf,
    /// The member account to bind it to.
    #[arg(long)]
    pub account: Option<String>,
}

/// A new key file.
#[derive(Debug, Serialize, JsonSchema)]
pub struct KeyCreated {
    /// Where it was written.
    pub file: String,
    /// Its public key.
    pub public: Hex,
}

impl fmt::Display for KeyCreated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "new agent key {} written to {}", self.public, self.file)
    }
}

impl Report for KeyCreated {}

impl Samples for KeyCreated {
    fn samples() -> Vec<Self> {
        vec![KeyCreated {
            file: "deploy/keys/agent.key.json".into(),
            public: Hex::of(&[2; 33]),
        }]
    }
}

/// The bind-key proof of a key for an account in the deployment's registry (what
/// `member add --key-file` and a `register_member` action's `key` carry).
#[derive(Debug, Serialize, JsonSchema)]
pub struct KeyBindingProof {
    /// The member account.
    pub account: Ss58,
    /// The registry.
    pub registry: Ss58,
    /// The chain tag.
    pub chain_tag: String,
    /// The public key.
    pub key: Hex,
    /// The 65-byte proof.
    pub proof: Hex,
}

/// A key file's public key.
#[derive(Debug, Serialize, JsonSchema)]
pub struct KeyShown {
    /// The public key.
    pub public: Hex,
    /// With `--account`: the bind-key proof.
    pub bind: Option<KeyBindingProof>,
}

impl fmt::Display for KeyShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "public key {}", self.public)?;
        if let Some(b) = &self.bind {
            write!(
                f,
                "\nbind-key proof for {} in registry {} on `{}`:\n  key   {}\n  proof {}",
                b.account, b.registry, b.chain_tag, b.key, b.proof
            )?;
        }
        Ok(())
    }
}

impl Report for KeyShown {}

impl Samples for KeyShown {
    fn samples() -> Vec<Self> {
        vec![
            KeyShown {
                public: Hex::of(&[2; 33]),
                bind: None,
            },
            KeyShown {
                public: Hex::of(&[2; 33]),
                bind: Some(KeyBindingProof {
                    account: Ss58::of(&[1; 32]),
                    registry: Ss58::of(&[2; 32]),
                    chain_tag: "agora-local".into(),
                    key: Hex::of(&[2; 33]),
                    proof: Hex::of(&[3; 65]),
                }),
            },
        ]
    }
}

impl KeyNewArgs {
    /// Makes the key file.
    pub fn handle(&self, _ctx: &Ctx) -> Result<KeyCreated> {
        let key = AgentKey::generate();
        key.save(&self.out)?;
        Ok(KeyCreated {
            file: self.out.display().to_string(),
            public: Hex::of(&key.public()),
        })
    }
}

impl KeyShowArgs {
    /// Reads the key (and the deployment, for a proof).
    pub fn handle(&self, ctx: &Ctx) -> Result<KeyShown> {
        let key = AgentKey::load(&self.file)?;
        let bind = match &self.account {
            Some(account) => {
                let dep = ctx.deployment()?;
                let account = parse_account(account)?;
                let registry = dep.address(SuiteContract::AgentRegistry)?;
                Some(KeyBindingProof {
                    account: Ss58::of(&account),
                    registry: Ss58::of(&registry),
                    chain_tag: dep.chain_tag.clone(),
                    key: Hex::of(&key.public()),
                    proof: Hex::of(&key.bind_proof(&dep.chain_tag, registry, account)),
                })
            }
            None => None,
        };
        Ok(KeyShown {
            public: Hex::of(&key.public()),
            bind,
        })
    }
}
