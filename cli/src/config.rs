//! Networks (deploy/networks.toml), the deploy configuration (deploy/agora.toml) and the
//! deployments file (deploy/deployments/<network>.json).

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use agora_types::HubParams;
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::model;

/// The five contracts of the suite, in deployment order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SuiteContract {
    /// The hash-chained decision log.
    DecisionLog,
    /// Members, weights, perspectives, signing keys.
    AgentRegistry,
    /// Review rounds.
    PeerReview,
    /// Ballots.
    Voting,
    /// The hub: lifecycle and treasury.
    Proposals,
}

impl SuiteContract {
    /// All five, in deployment order.
    pub const ALL: [SuiteContract; 5] = [
        SuiteContract::DecisionLog,
        SuiteContract::AgentRegistry,
        SuiteContract::PeerReview,
        SuiteContract::Voting,
        SuiteContract::Proposals,
    ];

    /// The crate name (and bundle name).
    pub const fn name(self) -> &'static str {
        match self {
            SuiteContract::DecisionLog => "decision_log",
            SuiteContract::AgentRegistry => "agent_registry",
            SuiteContract::PeerReview => "peer_review",
            SuiteContract::Voting => "voting",
            SuiteContract::Proposals => "proposals",
        }
    }

    /// `<dir>/<name>/<name>.contract`.
    pub fn bundle_path(self, dir: &Path) -> PathBuf {
        dir.join(self.name())
            .join(format!("{}.contract", self.name()))
    }
}

/// One network operators can deploy to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Network {
    /// WebSocket RPC endpoint.
    pub url: String,
    /// The native token's symbol.
    #[serde(default)]
    pub token: String,
    /// Decimals of the native token.
    #[serde(default)]
    pub decimals: u8,
    /// Whether the node seals a block per transaction (substrate-contracts-node `--dev`):
    /// then the CLI makes blocks itself to let windows pass.
    #[serde(default)]
    pub instant_seal: bool,
    /// How to get test funds, and anything else an operator should know.
    #[serde(default)]
    pub note: String,
}

/// deploy/networks.toml.
#[derive(Debug, Clone, Deserialize)]
pub struct Networks {
    /// By name.
    pub networks: BTreeMap<String, Network>,
}

impl Networks {
    /// Reads a networks file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the networks file {}", path.display()))?;
        toml::from_str(&text)
            .with_context(|| format!("{} is not a valid networks file", path.display()))
    }

    /// The named network, or an error listing the known ones.
    pub fn get(&self, name: &str) -> Result<&Network> {
        self.networks.get(name).ok_or_else(|| {
            anyhow!(
                "unknown network `{name}`; known: {} (add it to deploy/networks.toml)",
                self.networks.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        })
    }
}

/// One deployed contract.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Deployed {
    /// SS58 address.
    pub address: String,
    /// 0x-hex code hash.
    pub code_hash: String,
}

/// deploy/deployments/<network>.json: what `agora deploy` made, read by every other command
/// and by the web app. It records where the suite is, not its state: the parameters in force
/// are the hub's `params()` (`agora params`), which a `SetParams` proposal changes.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Deployment {
    /// Network name.
    pub network: String,
    /// RPC URL it was deployed through.
    pub url: String,
    /// The chain tag the registry, voting and hub were deployed with (signed payloads bind it).
    pub chain_tag: String,
    /// Block of the last deployment step.
    pub block: u32,
    /// SS58 of the account that deployed (admin until the handover).
    pub deployer: String,
    /// The instantiation salt (hex), so a re-run makes no second suite by accident.
    pub salt: String,
    /// By crate name.
    pub contracts: BTreeMap<String, Deployed>,
    /// Founders registered before the handover (SS58).
    #[serde(default)]
    pub founders: Vec<String>,
    /// Whether `complete_bootstrap` was recorded.
    #[serde(default)]
    pub bootstrap_complete: bool,
}

impl Deployment {
    /// Reads a deployments file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| {
            format!(
                "no deployment at {} (run `agora deploy` for this network, or pass --deployment FILE)",
                path.display()
            )
        })?;
        serde_json::from_str(&text)
            .with_context(|| format!("{} is not a deployments file", path.display()))
    }

    /// Writes it (pretty JSON), creating the directory.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, serde_json::to_string_pretty(self)? + "\n")
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// The address of `contract` as bytes.
    pub fn address(&self, contract: SuiteContract) -> Result<[u8; 32]> {
        let d = self
            .contracts
            .get(contract.name())
            .ok_or_else(|| anyhow!("the deployment has no {} yet", contract.name()))?;
        model::parse_account(&d.address)
    }

    /// Whether all five contracts are recorded.
    pub fn complete(&self) -> bool {
        SuiteContract::ALL
            .iter()
            .all(|c| self.contracts.contains_key(c.name()))
    }
}

/// A founding member in deploy/agora.toml.
#[derive(Debug, Clone, Deserialize)]
pub struct Founder {
    /// SS58 address or a dev URI like `//Alice`.
    pub account: String,
    /// `human` or `agent`.
    pub kind: String,
    /// Perspective names, e.g. `["safety", "ethics"]`.
    pub perspectives: Vec<String>,
    /// Voting weight.
    pub weight: model::Amount,
    /// Where the member's profile lives.
    #[serde(default)]
    pub metadata_uri: String,
    /// An agent's operator (SS58 or dev URI).
    #[serde(default)]
    pub operator: Option<String>,
    /// An agent's secp256k1 key file (created by `agora key new`), bound at registration.
    #[serde(default)]
    pub signing_key_file: Option<String>,
}

/// deploy/agora.toml: what a deployment is made of.
#[derive(Debug, Clone, Deserialize)]
pub struct DeployConfig {
    /// The chain tag (network name signed payloads bind).
    pub chain_tag: String,
    /// The hub's governance parameters (the `[params]` table; agora-types' serde shape: any
    /// parameter but the two spending caps may be left out for its default).
    pub params: HubParams,
    /// The founding members.
    pub founders: Vec<Founder>,
    /// Native tokens the deployer puts into the treasury after the handover (0 for none).
    #[serde(default)]
    pub treasury_deposit: Option<model::Amount>,
}

impl DeployConfig {
    /// Reads and checks a deploy configuration (relative key files are resolved against
    /// its directory).
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the deploy configuration {}", path.display()))?;
        let mut config: DeployConfig = toml::from_str(&text)
            .with_context(|| format!("{} is not a valid deploy configuration", path.display()))?;
        model::check_params(&config.params)
            .with_context(|| format!("{}: [params]", path.display()))?;
        if config.founders.is_empty() {
            bail!("{}: at least one founder is needed", path.display());
        }
        let base = path.parent().unwrap_or(Path::new("."));
        for f in &mut config.founders {
            if let Some(file) = &f.signing_key_file {
                if Path::new(file).is_relative() {
                    f.signing_key_file = Some(base.join(file).to_string_lossy().into_owned());
                }
            }
        }
        Ok(config)
    }
}

/// The repository root: where `deploy/` and `target/ink` are, found upward from the current
/// directory (or `AGORA_HOME`).
pub fn repo_root() -> PathBuf {
    if let Ok(home) = std::env::var("AGORA_HOME") {
        return PathBuf::from(home);
    }
    let mut dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    loop {
        if dir.join("deploy").join("networks.toml").is_file() {
            return dir;
        }
        if !dir.pop() {
            return PathBuf::from(".");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_types::{Perspective, PerspectiveSet};

    fn repo_file(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
    }

    #[test]
    fn the_demo_and_browser_test_configurations_read_into_hub_params() {
        let demo = DeployConfig::load(&repo_file("deploy/agora.toml")).unwrap();
        let p = demo.params;
        assert_eq!((p.review_window, p.voting_window, p.timelock), (6, 6, 3));
        assert_eq!(
            p.review_rules.required_perspectives,
            PerspectiveSet::of(Perspective::Safety).with(Perspective::Ethics)
        );
        assert_eq!(p.max_spend_per_proposal, 500_000_000_000_000);
        assert_eq!(p.max_spend_per_period, 800_000_000_000_000);
        assert!(p.voting_rules.require_both_kinds);
        assert_eq!(p.veto_threshold, 1);
        let browser = DeployConfig::load(&repo_file("app/tests/browser/agora-test.toml")).unwrap();
        let p = browser.params;
        assert_eq!((p.review_window, p.voting_window), (20, 60));
        assert_eq!(
            p.review_rules.required_perspectives,
            PerspectiveSet::of(Perspective::Safety)
        );
        assert_eq!(p.max_spend_per_proposal, 1_000_000);
        assert!(!p.voting_rules.require_both_kinds);
    }

    #[test]
    fn a_configuration_out_of_bounds_is_refused_at_load_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agora.toml");
        let text = std::fs::read_to_string(repo_file("deploy/agora.toml"))
            .unwrap()
            .replace("timelock = 3", "timelock = 0");
        std::fs::write(&path, text).unwrap();
        let err = format!("{:#}", DeployConfig::load(&path).unwrap_err());
        assert!(err.contains("Timelock"), "{err}");
    }

    #[test]
    fn agora_params_prints_a_params_table_a_configuration_reads_back() {
        let params = HubParams {
            max_spend_per_period: agora_types::MAX_SPEND_CAP,
            ..HubParams::default()
        };
        let text = crate::lifecycle::params_toml(&params).unwrap();
        assert!(text.contains("[params.review_rules]"), "{text}");
        assert!(
            text.contains("required_perspectives = [\"safety\"]"),
            "{text}"
        );
        #[derive(Deserialize)]
        struct Table {
            params: HubParams,
        }
        let back: Table = toml::from_str(&text).unwrap();
        assert_eq!(back.params, params);
    }

    #[test]
    fn deployments_files_carry_no_parameters_and_old_ones_still_load() {
        let written = serde_json::to_value(Deployment::default()).unwrap();
        assert!(written.get("params").is_none(), "{written}");
        let old: Deployment = serde_json::from_str(
            r#"{"network": "local", "url": "ws://x", "chain_tag": "t", "block": 1,
                "deployer": "d", "salt": "0x00", "contracts": {},
                "params": {"review_window": 5}}"#,
        )
        .unwrap();
        assert_eq!(old.network, "local");
    }
}
