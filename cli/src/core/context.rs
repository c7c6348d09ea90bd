//! What every command may need: the global options, the agora home, the network, the
//! deployment, a connection, and how to talk to people (progress, notes).

use std::{io::IsTerminal, path::PathBuf, time::Duration};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::core::{
    chain::Chain,
    chain_tag::check_deployment,
    config::{Deployment, Home, Network, Networks},
    error::Result,
    keys::{account_signer, Signer},
};

/// The options every command takes.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Network from the networks file (built in: local and the documented testnets).
    #[arg(long, global = true, env = "AGORA_NETWORK", default_value = "local")]
    pub network: String,
    /// RPC URL, overriding the network's.
    #[arg(long, global = true, env = "AGORA_URL")]
    pub url: Option<String>,
    /// Deployments file (default <home>/deployments/<network>.json).
    #[arg(long, global = true, env = "AGORA_DEPLOYMENT")]
    pub deployment: Option<PathBuf>,
    /// Networks file (default <home>/networks.toml, else the built-in networks).
    #[arg(long, global = true)]
    pub networks: Option<PathBuf>,
    /// Directory of the release bundles (default: the checkout's target/ink, else
    /// <home>/bundles).
    #[arg(long, global = true, env = "AGORA_BUNDLES")]
    pub bundles: Option<PathBuf>,
    /// Machine-readable output: one JSON document {"ok": …} (JSON lines for `agent watch`).
    #[arg(long, global = true)]
    pub json: bool,
}

/// The context a command runs in.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The global options.
    pub global: GlobalArgs,
    /// Where the files are.
    pub home: Home,
}

impl Ctx {
    /// A context for the options, with the home discovered from the environment.
    pub fn new(global: GlobalArgs) -> Self {
        Self {
            global,
            home: Home::discover(),
        }
    }

    /// Every network known: `--networks FILE`, else the home's networks.toml, else the
    /// built-in ones.
    pub fn networks(&self) -> Result<Networks> {
        match &self.global.networks {
            Some(path) => Networks::load(path),
            None => Networks::load_or_builtin(&self.home.networks_file()),
        }
    }

    /// The selected network (with `--url` applied).
    pub fn network(&self) -> Result<Network> {
        let networks = self.networks()?;
        let mut network = networks.get(&self.global.network)?.clone();
        if let Some(url) = &self.global.url {
            network.url = url.clone();
        }
        Ok(network)
    }

    /// The deployments file's path.
    pub fn deployment_path(&self) -> PathBuf {
        self.global
            .deployment
            .clone()
            .unwrap_or_else(|| self.home.deployment_file(&self.global.network))
    }

    /// The recorded deployment.
    pub fn deployment(&self) -> Result<Deployment> {
        // An unknown network is the first thing to say, before any file is looked for.
        self.network()?;
        Deployment::load(&self.deployment_path())
    }

    /// Where the bundles are.
    pub fn bundles(&self) -> PathBuf {
        self.global
            .bundles
            .clone()
            .unwrap_or_else(|| self.home.bundles())
    }

    /// Connects to the network.
    pub async fn connect(&self) -> Result<Chain> {
        let network = self.network()?;
        Chain::connect(&network.url).await
    }

    /// Connects to the network for a command that signs or submits for `dep`: refuses
    /// (`wrong_chain`) when the deployment is not for the connected chain (its chain tag, or
    /// its recorded genesis hash, is another chain's; `core::chain_tag`).
    pub async fn connect_for(&self, dep: &Deployment) -> Result<Chain> {
        let network = self.network()?;
        let chain = Chain::connect(&network.url).await?;
        check_deployment(dep, &self.global.network, &network, &chain.genesis_hash())?;
        Ok(chain)
    }

    /// The deployment, a connection checked to be its chain's, and the signer a transaction
    /// command starts from.
    pub async fn open(&self, suri: &str) -> Result<(Deployment, Chain, Signer)> {
        let dep = self.deployment()?;
        let chain = self.connect_for(&dep).await?;
        let signer = account_signer(suri)?;
        Ok((dep, chain, signer))
    }

    /// Whether to print JSON.
    pub fn json(&self) -> bool {
        self.global.json
    }

    /// Whether people watch: not `--json`, and stderr is a terminal.
    pub fn interactive(&self) -> bool {
        !self.json() && std::io::stderr().is_terminal()
    }

    /// A note for people on stderr while a command works (nothing under `--json`).
    pub fn note(&self, text: &str) {
        if !self.json() {
            eprintln!("{text}");
        }
    }

    /// A progress bar on stderr for `total` units, only when people watch.
    pub fn progress(&self, total: u64, what: &str) -> Option<ProgressBar> {
        if !self.interactive() {
            return None;
        }
        let bar = ProgressBar::new(total);
        let style = ProgressStyle::with_template(
            "{prefix} [{bar:30}] {pos}/{len} {msg} (about {eta} left)",
        )
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_prefix(what.to_owned());
        bar.enable_steady_tick(Duration::from_millis(250));
        Some(bar)
    }

    /// Waits until a transaction sent now lands in block `due` or later (one sent at head N
    /// lands in N + 1): on an instant-seal network it makes the blocks, elsewhere it follows
    /// them. People see the blocks to go and a time estimate. Returns the blocks waited.
    pub async fn wait_until_due(&self, chain: &Chain, signer: &Signer, due: u32) -> Result<u32> {
        let network = self.network()?;
        let head = chain.best_block().await?;
        if head.saturating_add(1) >= due {
            return Ok(0);
        }
        let total = due - head - 1;
        let bar = self.progress(u64::from(total), "waiting");
        if bar.is_none() {
            self.note(&format!(
                "waiting for block {due} ({total} block(s){})",
                if network.instant_seal {
                    ", made by remarks on this instant-seal node"
                } else {
                    ""
                }
            ));
        }
        let target = due.saturating_sub(1);
        chain
            .reach_block(signer, target, network.instant_seal, |h| {
                if let Some(b) = &bar {
                    b.set_position(u64::from(h.saturating_sub(head)));
                    b.set_message(format!("blocks, {} to go", target.saturating_sub(h)));
                }
            })
            .await?;
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        Ok(total)
    }
}
