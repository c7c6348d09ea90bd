//! The `agora` command as a library: deploy the Agora suite and take part in its governance
//! from a terminal, a script or an AI agent's runtime (docs/cli.md). The binary is
//! `src/main.rs`; the node tests in `tests/` use the modules directly.

pub mod agent;
pub mod audit;
pub mod chain;
pub mod config;
pub mod deploy;
pub mod keys;
pub mod lifecycle;
pub mod model;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::{
    chain::Chain,
    config::{Deployment, Network, Networks},
};

/// Govern an organisation with Agora: deploy the suite, propose, review, vote, execute, audit.
#[derive(Debug, Parser)]
#[command(name = "agora", version, about, long_about = None)]
pub struct Cli {
    /// Network from deploy/networks.toml.
    #[arg(long, global = true, env = "AGORA_NETWORK", default_value = "local")]
    pub network: String,
    /// RPC URL, overriding the network's.
    #[arg(long, global = true, env = "AGORA_URL")]
    pub url: Option<String>,
    /// Deployments file (default deploy/deployments/<network>.json).
    #[arg(long, global = true, env = "AGORA_DEPLOYMENT")]
    pub deployment: Option<PathBuf>,
    /// Networks file (default deploy/networks.toml).
    #[arg(long, global = true)]
    pub networks: Option<PathBuf>,
    /// Directory of the release bundles (default target/ink).
    #[arg(long, global = true, env = "AGORA_BUNDLES")]
    pub bundles: Option<PathBuf>,
    /// Machine-readable JSON output (one document, or JSON lines for `agent watch`).
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Upload and instantiate the five contracts, register the founders, hand every admin to
    /// the hub and record the bootstrap; writes the deployments file. Safe to re-run.
    Deploy(deploy::DeployArgs),
    /// Members: add (before the handover), list, show.
    #[command(subcommand)]
    Member(lifecycle::MemberCommand),
    /// Submit a proposal (directly, or signed with an agent key and relayed).
    Propose(lifecycle::ProposeArgs),
    /// Revise your proposal while it is in review (directly or signed).
    Revise(lifecycle::ReviseArgs),
    /// Review a proposal's current revision from one of your perspectives.
    Review(lifecycle::ReviewArgs),
    /// Vote on a proposal (directly, or signed with an agent key and relayed).
    Vote(lifecycle::VoteArgs),
    /// Close the review or the voting of a proposal when it is due (or say how long to wait).
    Advance(lifecycle::AdvanceArgs),
    /// Queue a succeeded proposal behind the timelock.
    Queue(lifecycle::IdArgs),
    /// Execute a queued proposal once its timelock has passed.
    Execute(lifecycle::AdvanceArgs),
    /// Withdraw your proposal before voting opens.
    Cancel(lifecycle::IdArgs),
    /// Send native tokens to the treasury.
    Deposit(lifecycle::DepositArgs),
    /// Everything about one proposal: revisions, reviews, ballot, votes, log entries.
    #[command(alias = "show")]
    Status(lifecycle::StatusArgs),
    /// List proposals with their states.
    Proposals(lifecycle::ListArgs),
    /// The hub's governance parameters in force (or a past version), read from the hub.
    Params(lifecycle::ParamsArgs),
    /// Read, verify and export the decision log.
    #[command(subcommand)]
    Log(audit::LogCommand),
    /// Check that the deployment is what the local bundles say and that only the hub holds
    /// a privilege.
    VerifyDeployment,
    /// Agent signing keys (secp256k1).
    #[command(subcommand)]
    Key(agent::KeyCommand),
    /// Agent mode: sign payloads offline, watch a proposal as JSON lines.
    #[command(subcommand)]
    Agent(agent::AgentCommand),
    /// Submit anyone's signed envelope (proposal, revision or vote).
    Relay(agent::RelayArgs),
}

/// What every command may need: the network, the deployment, a connection.
pub struct Ctx {
    /// The parsed command line.
    pub cli: Cli,
    /// The repository root (deploy/, target/ink).
    pub root: PathBuf,
}

impl Ctx {
    /// The selected network (with `--url` applied).
    pub fn network(&self) -> Result<Network> {
        let path = self
            .cli
            .networks
            .clone()
            .unwrap_or_else(|| self.root.join("deploy/networks.toml"));
        let networks = Networks::load(&path)?;
        let mut network = networks.get(&self.cli.network)?.clone();
        if let Some(url) = &self.cli.url {
            network.url = url.clone();
        }
        Ok(network)
    }

    /// The deployments file's path.
    pub fn deployment_path(&self) -> PathBuf {
        self.cli.deployment.clone().unwrap_or_else(|| {
            self.root
                .join("deploy/deployments")
                .join(format!("{}.json", self.cli.network))
        })
    }

    /// The recorded deployment.
    pub fn deployment(&self) -> Result<Deployment> {
        // An unknown network is the first thing to say, before any file is looked for.
        self.network()?;
        Deployment::load(&self.deployment_path())
    }

    /// Where the bundles are.
    pub fn bundles(&self) -> PathBuf {
        self.cli
            .bundles
            .clone()
            .unwrap_or_else(|| self.root.join("target/ink"))
    }

    /// Connects to the network.
    pub async fn connect(&self) -> Result<Chain> {
        let network = self.network()?;
        Chain::connect(&network.url, &self.bundles()).await
    }

    /// Whether to print JSON.
    pub fn json(&self) -> bool {
        self.cli.json
    }
}

/// Prints a JSON document.
pub fn print_json(value: &serde_json::Value) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value).context("JSON")?);
    Ok(())
}

/// Runs the parsed command.
pub async fn run(ctx: &Ctx) -> Result<()> {
    match &ctx.cli.command {
        Command::Deploy(a) => deploy::run(ctx, a).await,
        Command::Member(c) => lifecycle::member(ctx, c).await,
        Command::Propose(a) => lifecycle::propose(ctx, a).await,
        Command::Revise(a) => lifecycle::revise(ctx, a).await,
        Command::Review(a) => lifecycle::review(ctx, a).await,
        Command::Vote(a) => lifecycle::vote(ctx, a).await,
        Command::Advance(a) => lifecycle::advance(ctx, a).await,
        Command::Queue(a) => lifecycle::queue(ctx, a).await,
        Command::Execute(a) => lifecycle::execute(ctx, a).await,
        Command::Cancel(a) => lifecycle::cancel(ctx, a).await,
        Command::Deposit(a) => lifecycle::deposit(ctx, a).await,
        Command::Status(a) => lifecycle::status(ctx, a).await,
        Command::Proposals(a) => lifecycle::list(ctx, a).await,
        Command::Params(a) => lifecycle::params(ctx, a).await,
        Command::Log(c) => audit::log(ctx, c).await,
        Command::VerifyDeployment => audit::verify_deployment(ctx).await,
        Command::Key(c) => agent::key(ctx, c),
        Command::Agent(c) => agent::agent(ctx, c).await,
        Command::Relay(a) => agent::relay(ctx, a).await,
    }
}
