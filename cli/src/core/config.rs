//! Where the CLI finds its files (the agora home), the networks it knows, the deploy
//! configuration (agora.toml) and the deployments file (deployments/<network>.json).
//!
//! Discovery (docs/cli.md, "Files and discovery"): `AGORA_HOME` if set; otherwise the
//! `deploy/` directory of the checkout the current directory is in (found upward by its
//! `deploy/networks.toml`); otherwise `~/.agora`. Without a networks file the networks built
//! into the binary (the checkout's deploy/networks.toml at build time, `local` among them)
//! are used, so `agora` works from any directory.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use agora_types::HubParams;
use ink::primitives::AccountId;
use serde::{Deserialize, Serialize};

use crate::core::{
    contracts::SuiteContract,
    encoding::parse_account,
    error::{Failure, Result},
    wire::{check_params, Amount},
};

/// The networks built into the binary: deploy/networks.toml as committed.
pub const BUILTIN_NETWORKS: &str = include_str!("../../../deploy/networks.toml");

/// How the agora home was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeSource {
    /// From `AGORA_HOME`.
    Env,
    /// The `deploy/` directory of the checkout around the current directory.
    Checkout,
    /// `~/.agora` (no variable, no checkout).
    User,
}

/// The agora home: the directory that holds `networks.toml`, `deployments/<network>.json`,
/// `keys/` and `agora.toml` (in a checkout, its `deploy/` directory).
#[derive(Debug, Clone)]
pub struct Home {
    /// The directory.
    pub dir: PathBuf,
    /// How it was found.
    pub source: HomeSource,
    /// The checkout's root, when the current directory is in one (its `target/ink` holds the
    /// release bundles).
    pub checkout: Option<PathBuf>,
    /// The current directory.
    pub cwd: PathBuf,
}

/// The checkout root at or above `dir`: the first directory with `deploy/networks.toml`.
pub fn find_checkout(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join("deploy").join("networks.toml").is_file())
        .map(Path::to_path_buf)
}

impl Home {
    /// Discovers the home from the environment and the current directory.
    pub fn discover() -> Self {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        Self::from_parts(
            std::env::var_os("AGORA_HOME").map(PathBuf::from),
            cwd,
            std::env::var_os("HOME").map(PathBuf::from),
        )
    }

    /// Discovery from its inputs: `AGORA_HOME`, the current directory and the user's home.
    pub fn from_parts(
        agora_home: Option<PathBuf>,
        cwd: PathBuf,
        user_home: Option<PathBuf>,
    ) -> Self {
        let checkout = find_checkout(&cwd);
        match agora_home {
            // A checkout root given as AGORA_HOME (what it meant before) is that checkout.
            Some(h) if h.join("deploy").join("networks.toml").is_file() => Self {
                dir: h.join("deploy"),
                source: HomeSource::Env,
                checkout: Some(h),
                cwd,
            },
            Some(h) => Self {
                dir: h,
                source: HomeSource::Env,
                checkout,
                cwd,
            },
            None => match checkout {
                Some(root) => Self {
                    dir: root.join("deploy"),
                    source: HomeSource::Checkout,
                    checkout: Some(root),
                    cwd,
                },
                None => Self {
                    dir: user_home.unwrap_or_else(|| cwd.clone()).join(".agora"),
                    source: HomeSource::User,
                    checkout: None,
                    cwd,
                },
            },
        }
    }

    /// `<home>/networks.toml`.
    pub fn networks_file(&self) -> PathBuf {
        self.dir.join("networks.toml")
    }

    /// `<home>/deployments/<network>.json`.
    pub fn deployment_file(&self, network: &str) -> PathBuf {
        self.dir.join("deployments").join(format!("{network}.json"))
    }

    /// `<home>/agora.toml`.
    pub fn deploy_config(&self) -> PathBuf {
        self.dir.join("agora.toml")
    }

    /// The release bundles: the checkout's `target/ink`, else `<home>/bundles`.
    pub fn bundles(&self) -> PathBuf {
        match &self.checkout {
            Some(root) => root.join("target").join("ink"),
            None => self.dir.join("bundles"),
        }
    }

    /// What relative paths in URIs (`file://notes.md`) are relative to: the checkout's root,
    /// else the current directory.
    pub fn base(&self) -> &Path {
        self.checkout.as_deref().unwrap_or(&self.cwd)
    }

    /// A path given on the command line: as given if it exists or is absolute, else relative
    /// to the checkout root if it exists there (`deploy/agora.toml` from a subdirectory).
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() || path.exists() {
            return path.to_path_buf();
        }
        match &self.checkout {
            Some(root) if root.join(path).exists() => root.join(path),
            _ => path.to_path_buf(),
        }
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
    /// The chain tag deployments on this network bind. Leave it out (the usual case) for the
    /// one derived from the chain's genesis hash (`agora/<first 8 bytes, hex>`); no two
    /// networks may name the same one.
    #[serde(default)]
    pub chain_tag: Option<String>,
}

/// A networks file (`networks.toml`), or the built-in networks.
#[derive(Debug, Clone, Deserialize)]
pub struct Networks {
    /// By name.
    pub networks: BTreeMap<String, Network>,
    /// Where they were read from (`built-in` for the embedded ones).
    #[serde(skip)]
    pub origin: String,
}

impl Networks {
    /// Reads a networks file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::config(format!(
                "cannot read the networks file {}: {e}",
                path.display()
            ))
        })?;
        let mut n = Self::parse(&text, &path.display().to_string())?;
        n.origin = path.display().to_string();
        Ok(n)
    }

    /// The networks built into the binary.
    pub fn builtin() -> Result<Self> {
        let mut n = Self::parse(BUILTIN_NETWORKS, "the built-in networks")?;
        n.origin = "built-in".into();
        Ok(n)
    }

    /// The networks of `path` if it exists, else the built-in ones.
    pub fn load_or_builtin(path: &Path) -> Result<Self> {
        if path.is_file() {
            Self::load(path)
        } else {
            Self::builtin()
        }
    }

    fn parse(text: &str, what: &str) -> Result<Self> {
        let networks: Self = toml::from_str(text)
            .map_err(|e| Failure::config(format!("{what} is not a valid networks file: {e}")))?;
        let mut named: BTreeMap<&str, &str> = BTreeMap::new();
        for (name, n) in &networks.networks {
            if let Some(tag) = n.chain_tag.as_deref() {
                // A named tag in the derived form could be another chain's derived tag: a
                // testnet named as mainnet's would accept mainnet's payloads and vice versa.
                if tag.starts_with(agora_types::CHAIN_TAG_PREFIX) {
                    return Err(Failure::config(format!(
                        "{what}: network `{name}` names chain tag `{tag}`, which has the form derived tags have \
                         (`{}…`); name another, or leave it out to derive it from the genesis hash",
                        agora_types::CHAIN_TAG_PREFIX
                    ))
                    .into());
                }
                if let Some(first) = named.insert(tag, name) {
                    return Err(Failure::config(format!(
                        "{what}: networks `{first}` and `{name}` both name chain tag `{tag}`; \
                         a tag binds one chain (leave it out to derive it from the genesis hash)"
                    ))
                    .into());
                }
            }
        }
        Ok(networks)
    }

    /// The named network, or an error listing the known ones.
    pub fn get(&self, name: &str) -> Result<&Network> {
        self.networks.get(name).ok_or_else(|| {
            Failure::config(format!(
                "unknown network `{name}`; known: {} (networks from {}; add yours to a networks.toml, see docs/cli.md)",
                self.networks.keys().cloned().collect::<Vec<_>>().join(", "),
                self.origin
            ))
            .into()
        })
    }
}

/// One deployed contract.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Deployed {
    /// SS58 address.
    pub address: String,
    /// 0x-hex code hash.
    pub code_hash: String,
}

/// deployments/<network>.json: what `agora deploy` made, read by every other command and by
/// the web app. It records where the suite is, not its state: the parameters in force are the
/// hub's `params()` (`agora params`), which a `SetParams` proposal changes.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct Deployment {
    /// Network name.
    pub network: String,
    /// RPC URL it was deployed through.
    pub url: String,
    /// The chain tag the registry, voting and hub were deployed with (signed payloads bind it).
    pub chain_tag: String,
    /// The genesis hash (0x-hex) of the chain it was deployed on; absent in files written
    /// before it was recorded.
    #[serde(default)]
    pub genesis_hash: Option<String>,
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
    /// For a successor suite (`deploy --succeeds`): the predecessor suite's log (SS58) its
    /// log anchors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predecessor_log: Option<String>,
}

impl Deployment {
    /// Reads a deployments file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|_| {
            Failure::config(format!(
                "no deployment at {} (run `agora deploy` for this network, or pass --deployment FILE)",
                path.display()
            ))
        })?;
        serde_json::from_str(&text).map_err(|e| {
            Failure::config(format!("{} is not a deployments file: {e}", path.display())).into()
        })
    }

    /// Writes it (pretty JSON), creating the directory.
    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |e: std::io::Error| Failure::io(format!("cannot write {}: {e}", path.display()));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        std::fs::write(path, serde_json::to_string_pretty(self)? + "\n").map_err(io)?;
        Ok(())
    }

    /// The address of `contract` as bytes.
    pub fn address(&self, contract: SuiteContract) -> Result<[u8; 32]> {
        let d = self.contracts.get(contract.name()).ok_or_else(|| {
            Failure::config(format!("the deployment has no {} yet", contract.name()))
        })?;
        parse_account(&d.address)
    }

    /// A deployment of just the log at `log`, on `of`'s network (to audit a predecessor
    /// suite's log, whose other contracts this deployment does not name): its writers are
    /// replayed for consistency with themselves, without transcripts.
    pub fn of_log(of: &Deployment, log: &AccountId) -> Deployment {
        let mut contracts = BTreeMap::new();
        contracts.insert(
            SuiteContract::DecisionLog.name().to_owned(),
            Deployed {
                address: crate::core::encoding::ss58_of(log),
                code_hash: String::new(),
            },
        );
        Deployment {
            contracts,
            founders: Vec::new(),
            bootstrap_complete: false,
            predecessor_log: None,
            ..of.clone()
        }
    }

    /// Whether all five contracts are recorded.
    pub fn complete(&self) -> bool {
        SuiteContract::ALL
            .iter()
            .all(|c| self.contracts.contains_key(c.name()))
    }
}

/// A founding member in agora.toml.
#[derive(Debug, Clone, Deserialize)]
pub struct Founder {
    /// SS58 address or a dev URI like `//Alice`.
    pub account: String,
    /// `human` or `agent`.
    pub kind: String,
    /// Perspective names, e.g. `["safety", "ethics"]`.
    pub perspectives: Vec<String>,
    /// Voting weight.
    pub weight: Amount,
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

/// agora.toml: what a deployment is made of (on any network: the chain tag is the network's,
/// see [`Network::chain_tag`]).
#[derive(Debug, Clone, Deserialize)]
pub struct DeployConfig {
    /// Refused when present: a chain tag here was bound on every network alike, so two
    /// deployments on two chains accepted each other's signed payloads.
    #[serde(default)]
    pub chain_tag: Option<String>,
    /// The hub's governance parameters (the `[params]` table in the dialect; read with
    /// `agora_types::wire::params_from_config`: any parameter but the two spending caps may be
    /// left out for its default — in this file only, never in a `set_params` action).
    #[serde(deserialize_with = "agora_types::wire::params_from_config")]
    pub params: HubParams,
    /// The founding members.
    pub founders: Vec<Founder>,
    /// Native tokens the deployer puts into the treasury after the handover (0 for none).
    #[serde(default)]
    pub treasury_deposit: Option<Amount>,
}

impl DeployConfig {
    /// Reads and checks a deploy configuration (relative key files are resolved against
    /// its directory).
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::config(format!(
                "cannot read the deploy configuration {}: {e}",
                path.display()
            ))
        })?;
        let mut config: DeployConfig = toml::from_str(&text).map_err(|e| {
            Failure::config(format!(
                "{} is not a valid deploy configuration: {e}",
                path.display()
            ))
        })?;
        if let Some(tag) = &config.chain_tag {
            return Err(Failure::config(format!(
                "{}: `chain_tag = \"{tag}\"` is no longer read here: a chain tag belongs to one network. \
                 Remove the line to derive it from the chain's genesis hash, or name it as `chain_tag` \
                 under the network in networks.toml",
                path.display()
            ))
            .into());
        }
        check_params(&config.params)
            .map_err(|e| Failure::config(format!("{}: [params]: {e}", path.display())))?;
        if config.founders.is_empty() {
            return Err(Failure::config(format!(
                "{}: at least one founder is needed",
                path.display()
            ))
            .into());
        }
        let base = path.parent().unwrap_or(Path::new("."));
        for f in &mut config.founders {
            if let Some(file) = &f.signing_key_file {
                if Path::new(file).is_relative() {
                    f.signing_key_file = Some(base.join(file).to_string_lossy().into_owned());
                }
            }
        }
        // The hub commits to the founders in order (agora_types::FounderSet): a founder named
        // twice would be counted twice there but registered once, and two founders sharing a
        // key file cannot both bind it, so the bootstrap could never be recorded.
        let mut accounts = Vec::new();
        let mut keys = Vec::new();
        for f in &config.founders {
            let account = parse_account(&f.account)
                .map_err(|e| e.context(format!("{}: founder {}", path.display(), f.account)))?;
            if accounts.contains(&account) {
                return Err(Failure::config(format!(
                    "{}: founder {} is named twice",
                    path.display(),
                    f.account
                ))
                .into());
            }
            accounts.push(account);
            if let Some(file) = &f.signing_key_file {
                if keys.contains(file) {
                    return Err(Failure::config(format!(
                        "{}: two founders name the key file {file}; each agent binds its own key",
                        path.display()
                    ))
                    .into());
                }
                keys.push(file.clone());
            }
        }
        Ok(config)
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
    fn a_chain_tag_in_the_deploy_configuration_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agora.toml");
        let text = std::fs::read_to_string(repo_file("deploy/agora.toml")).unwrap();
        std::fs::write(&path, format!("chain_tag = \"agora-local\"\n{text}")).unwrap();
        let err = format!("{:#}", DeployConfig::load(&path).unwrap_err());
        assert!(err.contains("belongs to one network"), "{err}");
    }

    #[test]
    fn a_founder_named_twice_or_two_founders_sharing_a_key_file_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agora.toml");
        let text = std::fs::read_to_string(repo_file("deploy/agora.toml")).unwrap();
        let again = "\n[[founders]]\naccount = \"//Bob\"\nkind = \"human\"\n\
                     perspectives = [\"safety\"]\nweight = 1\nmetadata_uri = \"ipfs://b\"\n";
        std::fs::write(&path, format!("{text}{again}")).unwrap();
        let err = format!("{:#}", DeployConfig::load(&path).unwrap_err());
        assert!(err.contains("founder //Bob is named twice"), "{err}");
        let file = text
            .lines()
            .find_map(|l| l.strip_prefix("signing_key_file = "))
            .expect("the configuration binds an agent key");
        let shared = format!(
            "\n[[founders]]\naccount = \"//Ferdie\"\nkind = \"agent\"\n\
             perspectives = [\"safety\"]\nweight = 1\nmetadata_uri = \"ipfs://f\"\n\
             operator = \"//Alice\"\nsigning_key_file = {file}\n"
        );
        std::fs::write(&path, format!("{text}{shared}")).unwrap();
        let err = format!("{:#}", DeployConfig::load(&path).unwrap_err());
        assert!(err.contains("two founders name the key file"), "{err}");
    }

    #[test]
    fn two_networks_naming_one_chain_tag_are_refused() {
        let text = r#"
            [networks.a]
            url = "ws://a"
            chain_tag = "same"
            [networks.b]
            url = "ws://b"
            chain_tag = "same"
        "#;
        let err = format!("{:#}", Networks::parse(text, "test").unwrap_err());
        assert!(err.contains("both name chain tag `same`"), "{err}");
        let derived_form =
            "[networks.a]\nurl = \"ws://a\"\nchain_tag = \"agora/0011223344556677\"\n";
        let err = format!("{:#}", Networks::parse(derived_form, "test").unwrap_err());
        assert!(err.contains("the form derived tags have"), "{err}");
        let builtin = Networks::builtin().unwrap();
        assert!(builtin.networks.values().all(|n| n.chain_tag.is_none()));
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

    #[test]
    fn the_home_is_agora_home_then_the_checkout_then_the_users() {
        let checkout = repo_file("cli").canonicalize().unwrap();
        let root = checkout.parent().unwrap().to_path_buf();
        let inside = Home::from_parts(None, checkout.clone(), None);
        assert_eq!(inside.source, HomeSource::Checkout);
        assert_eq!(inside.dir, root.join("deploy"));
        assert_eq!(inside.bundles(), root.join("target/ink"));
        assert_eq!(
            inside.deployment_file("local"),
            root.join("deploy/deployments/local.json")
        );

        let empty = tempfile::tempdir().unwrap();
        let env = Home::from_parts(Some(empty.path().join("h")), empty.path().into(), None);
        assert_eq!(
            (env.source, env.dir.clone()),
            (HomeSource::Env, empty.path().join("h"))
        );
        assert_eq!(env.networks_file(), empty.path().join("h/networks.toml"));
        assert_eq!(env.bundles(), empty.path().join("h/bundles"));
        let old_style = Home::from_parts(Some(root.clone()), empty.path().into(), None);
        assert_eq!(old_style.dir, root.join("deploy"));

        let user = Home::from_parts(None, empty.path().into(), Some(empty.path().join("u")));
        assert_eq!(
            (user.source, user.dir),
            (HomeSource::User, empty.path().join("u/.agora"))
        );
    }

    #[test]
    fn without_a_networks_file_the_built_in_local_network_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let n = Networks::load_or_builtin(&dir.path().join("networks.toml")).unwrap();
        let local = n.get("local").unwrap();
        assert_eq!(local.url, "ws://127.0.0.1:9944");
        assert!(local.instant_seal);
        let err = n.get("mars").unwrap_err().to_string();
        assert!(
            err.contains("unknown network `mars`") && err.contains("built-in"),
            "{err}"
        );
    }
}
