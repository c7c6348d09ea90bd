//! `agora verify-deployment`: is the deployment what the local bundles say, and does only
//! the hub hold a privilege?

use std::fmt;

use clap::Args;
use ink::primitives::AccountId;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    bundles,
    chain_tag::{check_deployment, expected_tag},
    context::Ctx,
    contracts::SuiteContract,
    encoding::{hex0x, ss58_of},
    error::Result,
    output::{Report, Samples},
};

/// Check that the deployment is what the local bundles say (code hashes), that the contracts
/// are wired to each other, carry the chain tag, have the hub as admin and the right log
/// writers, and that the bootstrap is recorded. Exit code 1 on any mismatch.
#[derive(Debug, Args)]
pub struct VerifyDeploymentArgs {}

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
