//! `agora verify-deployment`: is the deployment what the local bundles say, and does only
//! the hub hold a privilege?

use std::fmt;

use agora_types::{
    BootstrapFault, Callee, FounderSet, HashedEntry, HubParams, LogKind, Registrations,
    SuiteCodeHashes, BOOTSTRAP_HANDOVERS, BOOTSTRAP_WRITERS,
};
use clap::Args;
use ink::{
    primitives::AccountId,
    scale::{Decode, Encode},
};
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    bundles,
    chain_tag::{check_deployment, expected_tag},
    context::Ctx,
    contracts::SuiteContract,
    encoding::{blake2, hex0x, ss58_of},
    error::Result,
    founders::{founder_set, founders_of},
    output::{Report, Samples},
};

/// Check that the deployment is what the local bundles say (code hashes), that the contracts
/// are wired to each other, carry the chain tag, have the hub as admin and the right log
/// writers, that the hub's founders and first parameters are the deploy configuration's, and
/// that the bootstrap is recorded. Exit code 1 on any mismatch.
#[derive(Debug, Args)]
pub struct VerifyDeploymentArgs {
    /// The published deploy configuration to compare the hub's founders and parameters with
    /// (default <home>/agora.toml, in a checkout deploy/agora.toml; skipped when the default
    /// is absent). The hub checks the registry against the founders its deployer named: this
    /// is how anyone checks that those are the organisation's.
    #[arg(long)]
    pub config: Option<std::path::PathBuf>,
}

/// One check.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DeploymentCheck {
    /// What was checked.
    pub check: String,
    /// Whether it holds.
    pub ok: bool,
    /// What was found (empty if nothing to add).
    pub detail: String,
}

/// Every check and how many failed.
#[derive(Debug, Serialize, JsonSchema)]
pub struct DeploymentChecks {
    /// The checks, in order.
    pub checks: Vec<DeploymentCheck>,
    /// How many failed.
    pub failed: u32,
}

impl fmt::Display for DeploymentChecks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.checks {
            writeln!(
                f,
                "{} {}{}",
                if c.ok { "ok  " } else { "FAIL" },
                c.check,
                if c.detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", c.detail)
                }
            )?;
        }
        write!(f, "{} checks, {} failed", self.checks.len(), self.failed)
    }
}

impl Report for DeploymentChecks {
    fn exit_code(&self) -> i32 {
        i32::from(self.failed > 0)
    }

    fn failure_line(&self) -> Option<String> {
        (self.failed > 0).then(|| format!("{} deployment check(s) failed", self.failed))
    }
}

impl Samples for DeploymentChecks {
    fn samples() -> Vec<Self> {
        vec![DeploymentChecks {
            checks: vec![
                DeploymentCheck {
                    check: "voting code matches the local bundle".into(),
                    ok: true,
                    detail: "on chain 0x01…, local bundle 0x01…".into(),
                },
                DeploymentCheck {
                    check: "log writers are exactly the hub, peer review and voting".into(),
                    ok: false,
                    detail: "2 writer(s)".into(),
                },
            ],
            failed: 1,
        }]
    }
}

/// What the hub expects of the other contracts and whether they hold only the bootstrap's
/// state (#18: planted state). Before the bootstrap is recorded the counters are read from
/// outside and each one is a check naming what is there; once recorded, the
/// `BootstrapCompleted` entry must commit to the hub's expectations (the hub checked the
/// counters when it appended it).
async fn bootstrap_checks(
    chain: &crate::core::chain::Chain,
    dep: &crate::core::config::Deployment,
    bundles_dir: &std::path::Path,
    check: &mut impl FnMut(String, bool, String),
) -> Result<()> {
    let expected: Option<SuiteCodeHashes> = chain
        .query(dep, SuiteContract::Proposals, "expected_code_hashes", &())
        .await
        .ok();
    let local = bundles::expected_code_hashes(bundles_dir)?;
    for (c, callee) in [
        (SuiteContract::AgentRegistry, Callee::Registry),
        (SuiteContract::PeerReview, Callee::Review),
        (SuiteContract::Voting, Callee::Voting),
        (SuiteContract::DecisionLog, Callee::Log),
    ] {
        let hub_says = expected.map(|e| e.of(callee));
        check(
            format!("the hub expects the local {} bundle's code", c.name()),
            hub_says == Some(local.of(callee)),
            hub_says.map_or_else(
                || "no answer".into(),
                |h| format!("hub expects {}", hex0x(&h)),
            ),
        );
    }
    let fault: Option<Option<BootstrapFault>> = chain
        .query(dep, SuiteContract::Proposals, "bootstrap_fault", &())
        .await
        .ok();
    check(
        "bootstrap_fault() finds nothing wrong".into(),
        fault == Some(None),
        match fault {
            None => "no answer".into(),
            Some(None) => String::new(),
            Some(Some(f)) => describe_fault(f),
        },
    );
    let recorded: bool = chain
        .query(dep, SuiteContract::Proposals, "bootstrap_recorded", &())
        .await
        .unwrap_or(false);
    let founders: Option<FounderSet> = chain
        .query(dep, SuiteContract::Proposals, "founders", &())
        .await
        .ok();
    if recorded {
        // The entry after the bootstrap's own four commits to what the hub checked.
        let index = BOOTSTRAP_WRITERS + BOOTSTRAP_HANDOVERS;
        let entry: Option<HashedEntry> = chain
            .query::<_, core::result::Result<HashedEntry, agora_types::LogError>>(
                dep,
                SuiteContract::DecisionLog,
                "entry",
                &index,
            )
            .await
            .ok()
            .and_then(core::result::Result::ok);
        let contracts: Option<(AccountId, AccountId, AccountId, AccountId)> = chain
            .query(dep, SuiteContract::Proposals, "contracts", &())
            .await
            .ok();
        let params: Option<Option<HubParams>> = chain
            .query(dep, SuiteContract::Proposals, "params_at", &1u32)
            .await
            .ok();
        let commitment = match (contracts, params, expected, founders) {
            (Some(c), Some(Some(p)), Some(e), Some(f)) => Some(blake2(&(c, p, e, f).encode())),
            _ => None,
        };
        let ok = entry.as_ref().is_some_and(|e| {
            e.entry.kind == LogKind::BootstrapCompleted && Some(e.entry.payload_hash) == commitment
        });
        check(
            format!(
                "log entry {index} is BootstrapCompleted and commits to the hub's contracts, \
                 parameters, expected code and founders"
            ),
            ok,
            match &entry {
                None => "no entry".into(),
                Some(e) if e.entry.kind != LogKind::BootstrapCompleted => {
                    format!("entry {index} is {:?}", e.entry.kind)
                }
                Some(e) => format!("payload {}", hex0x(&e.entry.payload_hash)),
            },
        );
        return Ok(());
    }
    // Not recorded yet: every counter from outside, each naming what it finds.
    let held: Option<Registrations> = chain
        .query(
            dep,
            SuiteContract::AgentRegistry,
            "MemberRegistry::registrations",
            &(),
        )
        .await
        .ok();
    check(
        "the registry holds exactly the founders the hub names".into(),
        held.is_some() && held.map(|h| h.founders) == founders,
        match (held, founders) {
            (Some(h), Some(f)) => format!(
                "{} registration(s), digest {}; the hub names {}, digest {}",
                h.founders.count,
                hex0x(&h.founders.digest),
                f.count,
                hex0x(&f.digest)
            ),
            _ => "no answer".into(),
        },
    );
    check(
        "no admin change to a member before the bootstrap".into(),
        held.is_some_and(|h| h.admin_changes == 0),
        held.map_or_else(
            || "no answer".into(),
            |h| format!("{} change(s)", h.admin_changes),
        ),
    );
    for (c, label, what) in [
        (
            SuiteContract::PeerReview,
            "ReviewRounds::rounds_opened",
            "review round",
        ),
        (SuiteContract::Voting, "Ballots::ballots_opened", "ballot"),
    ] {
        let n: Option<u32> = chain.query(dep, c, label, &()).await.ok();
        check(
            format!("no {what} opened before the bootstrap"),
            n == Some(0),
            n.map_or_else(|| "no answer".into(), |n| format!("{n} opened")),
        );
    }
    let mut counts = Vec::new();
    let mut total = 0u64;
    // Every kind, in declaration order: SCALE indices from 0 until one does not decode.
    for kind in (0u8..=u8::MAX).map_while(|i| LogKind::decode(&mut &[i][..]).ok()) {
        let n: Option<u64> = chain
            .query(
                dep,
                SuiteContract::DecisionLog,
                "DecisionLog::kind_count",
                &kind,
            )
            .await
            .ok();
        let n = n.unwrap_or(u64::MAX);
        if n > 0 {
            total = total.saturating_add(n);
            counts.push(format!("{n} {kind:?}"));
        }
    }
    check(
        format!(
            "the log holds only the bootstrap's {BOOTSTRAP_WRITERS} writer authorizations and \
             {BOOTSTRAP_HANDOVERS} admin handover"
        ),
        counts
            == [
                format!("{BOOTSTRAP_WRITERS} WriterAuthorized"),
                format!("{BOOTSTRAP_HANDOVERS} AdminTransferred"),
            ]
            && total == BOOTSTRAP_WRITERS + BOOTSTRAP_HANDOVERS,
        if counts.is_empty() {
            "empty".into()
        } else {
            counts.join(", ")
        },
    );
    Ok(())
}

/// The hub's founders and parameters version 1 against the deploy configuration at `path`
/// (what the operator published): each a check, failed with the reason when the
/// configuration cannot be read.
async fn configuration_checks(
    chain: &crate::core::chain::Chain,
    dep: &crate::core::config::Deployment,
    path: &std::path::Path,
    check: &mut impl FnMut(String, bool, String),
) {
    let config = match crate::core::config::DeployConfig::load(path) {
        Ok(c) => c,
        Err(e) => {
            check(
                format!("the deploy configuration {} can be read", path.display()),
                false,
                format!("{e:#}"),
            );
            return;
        }
    };
    let founders: Option<FounderSet> = chain
        .query(dep, SuiteContract::Proposals, "founders", &())
        .await
        .ok();
    let planned = founders_of(&config).map(|f| founder_set(&f));
    check(
        format!(
            "the hub's founders are the {} of {}",
            config.founders.len(),
            path.display()
        ),
        matches!((&planned, founders), (Ok(p), Some(f)) if *p == f),
        match (&planned, founders) {
            (Err(e), _) => format!("{e:#}"),
            (_, None) => "no answer".into(),
            (Ok(p), Some(f)) => format!(
                "hub: {} founder(s), digest {}; configuration: {}, digest {}",
                f.count,
                hex0x(&f.digest),
                p.count,
                hex0x(&p.digest)
            ),
        },
    );
    let first: Option<Option<HubParams>> = chain
        .query(dep, SuiteContract::Proposals, "params_at", &1u32)
        .await
        .ok();
    check(
        format!("the hub's first parameters are those of {}", path.display()),
        first == Some(Some(config.params)),
        match first {
            None => "no answer".into(),
            Some(None) => "no version 1".into(),
            Some(Some(p)) if p == config.params => String::new(),
            Some(Some(_)) => "they differ".into(),
        },
    );
}

/// A bootstrap fault in words, naming the contract.
fn describe_fault(fault: BootstrapFault) -> String {
    let name = |c: Callee| match c {
        Callee::Registry => "agent_registry",
        Callee::Review => "peer_review",
        Callee::Voting => "voting",
        Callee::Log => "decision_log",
    };
    match fault {
        BootstrapFault::UnexpectedCode(c) => {
            format!("{} runs other code than the hub expects", name(c))
        }
        BootstrapFault::Miswired(c) => {
            format!(
                "{} reads another registry or log, or binds another chain tag",
                name(c)
            )
        }
        BootstrapFault::AdminNotHub(c) => format!("the hub is not {}'s admin", name(c)),
        BootstrapFault::WritersNotSuite => "the log's writers are not exactly the suite's".into(),
        BootstrapFault::FoundersDiffer => {
            "the registry's registrations are not the founders the hub names".into()
        }
        BootstrapFault::PlantedState(c) => {
            format!("{} holds state the bootstrap did not make", name(c))
        }
    }
}

/// The detail of a check whose contract did not answer.
fn no_answer(missing: bool) -> String {
    if missing {
        "no answer".into()
    } else {
        String::new()
    }
}

impl VerifyDeploymentArgs {
    /// Runs every check; a contract that answers wrongly or not at all fails its check and
    /// the others still run.
    pub async fn handle(&self, ctx: &Ctx) -> Result<DeploymentChecks> {
        let dep = ctx.deployment()?;
        let chain = ctx.connect().await?;
        let mut checks = Vec::new();
        let mut check = |check: String, ok: bool, detail: String| {
            checks.push(DeploymentCheck { check, ok, detail });
        };

        for c in SuiteContract::ALL {
            let addr = dep.address(c)?;
            let on_chain = chain.code_hash_of(&addr).await?;
            let local = bundles::code_hash(&ctx.bundles(), c)?;
            check(
                format!("{} code matches the local bundle", c.name()),
                on_chain == Some(local),
                format!(
                    "on chain {}, local bundle {}",
                    on_chain.map_or_else(|| "none".to_owned(), |h| hex0x(&h)),
                    hex0x(&local)
                ),
            );
        }
        let hub = AccountId::from(dep.address(SuiteContract::Proposals)?);
        let review = AccountId::from(dep.address(SuiteContract::PeerReview)?);
        let voting = AccountId::from(dep.address(SuiteContract::Voting)?);
        let registry = AccountId::from(dep.address(SuiteContract::AgentRegistry)?);
        let log = AccountId::from(dep.address(SuiteContract::DecisionLog)?);

        let wired: Option<(AccountId, AccountId, AccountId, AccountId)> = chain
            .query(&dep, SuiteContract::Proposals, "contracts", &())
            .await
            .ok();
        check(
            "hub is wired to the recorded registry, review, voting and log".into(),
            wired == Some((registry, review, voting, log)),
            no_answer(wired.is_none()),
        );
        for (name, c, log_label) in [
            ("peer review", SuiteContract::PeerReview, "log"),
            ("voting", SuiteContract::Voting, "decision_log"),
        ] {
            let reads: Option<(AccountId, AccountId)> = match (
                chain.query::<_, AccountId>(&dep, c, "registry", &()).await,
                chain.query::<_, AccountId>(&dep, c, log_label, &()).await,
            ) {
                (Ok(r), Ok(l)) => Some((r, l)),
                _ => None,
            };
            check(
                format!("{name} reads the recorded registry and log"),
                reads == Some((registry, log)),
                no_answer(reads.is_none()),
            );
        }
        let network = ctx.network()?;
        let genesis = chain.genesis_hash();
        let own = check_deployment(&dep, &ctx.global.network, &network, &genesis);
        check(
            format!(
                "the chain tag `{}` is the connected chain's own",
                dep.chain_tag
            ),
            own.is_ok(),
            match own {
                Ok(()) => format!(
                    "`{}` binds `{}` on the chain with genesis {}",
                    ctx.global.network,
                    expected_tag(&network, &genesis),
                    hex0x(&genesis)
                ),
                Err(e) => format!("{e:#}"),
            },
        );
        for (name, c) in [
            ("chain tag of the hub", SuiteContract::Proposals),
            ("chain tag of voting", SuiteContract::Voting),
            ("chain tag of the registry", SuiteContract::AgentRegistry),
        ] {
            let tag: Option<String> = chain.query(&dep, c, "chain_tag", &()).await.ok();
            check(
                format!("{name} is `{}`", dep.chain_tag),
                tag.as_deref() == Some(dep.chain_tag.as_str()),
                format!(
                    "on chain {}",
                    tag.map_or_else(|| "no answer".into(), |t| format!("`{t}`"))
                ),
            );
        }
        for c in [
            SuiteContract::AgentRegistry,
            SuiteContract::PeerReview,
            SuiteContract::Voting,
            SuiteContract::DecisionLog,
        ] {
            let admin: Option<AccountId> = chain.query(&dep, c, "Governed::admin", &()).await.ok();
            check(
                format!("{}'s admin is the hub", c.name()),
                admin == Some(hub),
                admin.map_or_else(|| "no answer".into(), |a| format!("admin {}", ss58_of(&a))),
            );
            // An offer left pending would let its account take the role at any time.
            let pending: Option<Option<AccountId>> = chain
                .query(&dep, c, "Governed::pending_admin", &())
                .await
                .ok();
            check(
                format!("{} has no admin offer pending", c.name()),
                pending == Some(None),
                match pending {
                    None => "no answer".into(),
                    Some(None) => String::new(),
                    Some(Some(a)) => format!("offered to {}", ss58_of(&a)),
                },
            );
        }
        let writers: Option<u32> = chain
            .query(
                &dep,
                SuiteContract::DecisionLog,
                "DecisionLog::writer_count",
                &(),
            )
            .await
            .ok();
        let mut all_writers = true;
        for w in [hub, review, voting] {
            let is: Option<bool> = chain
                .query(
                    &dep,
                    SuiteContract::DecisionLog,
                    "DecisionLog::is_writer",
                    &w,
                )
                .await
                .ok();
            all_writers &= is == Some(true);
        }
        check(
            "log writers are exactly the hub, peer review and voting".into(),
            all_writers && writers == Some(3),
            writers.map_or_else(|| "no answer".into(), |w| format!("{w} writer(s)")),
        );
        bootstrap_checks(&chain, &dep, &ctx.bundles(), &mut check).await?;
        let config = match &self.config {
            Some(p) => Some(ctx.home.resolve(p)),
            None => Some(ctx.home.deploy_config()).filter(|p| p.is_file()),
        };
        if let Some(path) = config {
            configuration_checks(&chain, &dep, &path, &mut check).await;
        }
        for (label, what) in [
            (
                "bootstrap_complete",
                "bootstrap_complete() (no account but the hub holds a privilege)",
            ),
            (
                "bootstrap_recorded",
                "the bootstrap is recorded in the decision log",
            ),
        ] {
            let yes: Option<bool> = chain
                .query(&dep, SuiteContract::Proposals, label, &())
                .await
                .ok();
            check(what.into(), yes == Some(true), no_answer(yes.is_none()));
        }
        let failed = u32::try_from(checks.iter().filter(|c| !c.ok).count()).unwrap_or(u32::MAX);
        Ok(DeploymentChecks { checks, failed })
    }
}
