//! `agora verify-deployment`: is the deployment what the local bundles say, and does only
//! the hub hold a privilege?

use std::{collections::BTreeMap, fmt};

use agora_types::{
    BootstrapFault, Callee, FounderSet, HashedEntry, HubParams, KindSet, LogError, LogKind,
    Registrations, Subject, SuiteCodeHashes, WriterCheck, BOOTSTRAP_HANDOVERS, BOOTSTRAP_WRITERS,
    EXTERNAL_KINDS, HUB_KINDS, REVIEW_KINDS, VOTING_KINDS,
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
    log::writer_fault_name,
    names::{kind_set_text, log_kind_text, variant_name},
    output::{Report, Samples},
    reads::{entries_range, log_format, log_head},
    views::{Entries, LogFormat},
};

/// Check that the deployment is what the local bundles say (code hashes), that the contracts
/// are wired to each other, carry the chain tag, have the hub as admin, that the log writes
/// format 2 and its writers are the suite's with exactly their kinds (writers governance added
/// for external kinds are listed), that the hub's founders and first parameters are the
/// deploy configuration's, and that the bootstrap is recorded. Exit code 1 on any mismatch.
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
                    check: "the hub writes exactly HUB_KINDS to the log".into(),
                    ok: true,
                    detail: String::new(),
                },
                DeploymentCheck {
                    check: "log writers are the hub, peer review and voting, and any others \
                            were authorized by governance for EXTERNAL_KINDS only"
                        .into(),
                    ok: false,
                    detail: "5F… is a writer of HUB_KINDS (only EXTERNAL_KINDS may be given \
                             outside the suite)"
                        .into(),
                },
                DeploymentCheck {
                    check: "external writer 5F… (authorized by governance) writes only \
                            EXTERNAL_KINDS"
                        .into(),
                    ok: true,
                    detail: "authorized at log entry 31".into(),
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
    recorded: bool,
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
    // The hub counts the writers governance authorized (external kinds only), so after
    // the bootstrap they do not make it answer WritersNotSuite: any answer but None fails.
    check(
        "bootstrap_fault() finds nothing wrong".into(),
        fault == Some(None),
        match fault {
            None => "no answer".into(),
            Some(None) => String::new(),
            Some(Some(f)) => describe_fault(f),
        },
    );
    let founders: Option<FounderSet> = chain
        .query(dep, SuiteContract::Proposals, "founders", &())
        .await
        .ok();
    // A successor suite's log starts with its anchor (entry 0), before the bootstrap's own.
    let anchor = crate::core::reads::log_predecessor(chain, dep).await?;
    let anchors = u64::from(anchor.is_some());
    if let Some(a) = anchor {
        // The predecessor as a suite: its log's admin is a hub wired to it.
        let old = crate::core::log::predecessor_suite(chain, dep, &a.log).await?;
        let found = match &old {
            Err(_) => false,
            Ok(old) => crate::core::log::anchor_in_chain(chain, old, &a)
                .await
                .unwrap_or(false),
        };
        check(
            format!(
                "the log continues the predecessor suite's log {} (a hub's log, whose entry {} \
                 has the anchored hash)",
                ss58_of(&a.log),
                a.len.saturating_sub(1)
            ),
            found,
            match &old {
                Err(why) => why.clone(),
                Ok(_) => format!("anchored head {}", hex0x(&a.head)),
            },
        );
        let sealed_for = match &old {
            Ok(old) => crate::core::reads::log_successor(chain, old).await?,
            Err(_) => None,
        };
        let hub = dep
            .address(SuiteContract::Proposals)
            .ok()
            .map(AccountId::from);
        check(
            "the predecessor is not sealed for another suite".into(),
            sealed_for.is_none() || sealed_for == hub,
            match sealed_for {
                None => "not sealed yet".into(),
                Some(s) if Some(s) == hub => "sealed for this suite's hub".into(),
                Some(s) => format!("sealed for {}", ss58_of(&s)),
            },
        );
        check(
            "the deployments file names the predecessor the log anchors".into(),
            dep.predecessor_log.as_deref() == Some(ss58_of(&a.log).as_str()),
            dep.predecessor_log
                .clone()
                .unwrap_or_else(|| "the file names none".into()),
        );
    } else if let Some(named) = &dep.predecessor_log {
        check(
            format!("the log anchors the predecessor log {named} the deployments file names"),
            false,
            "the log anchors none".into(),
        );
    }
    if recorded {
        // The entry after the bootstrap's own four (and the anchor) commits to what the hub
        // checked.
        let index = anchors + BOOTSTRAP_WRITERS + BOOTSTRAP_HANDOVERS;
        let entry = recorded_entry(chain, dep, index).await;
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
        let ok = entry.as_ref().is_some_and(|(kind, payload)| {
            *kind == LogKind::BootstrapCompleted && Some(*payload) == commitment
        });
        check(
            format!(
                "log entry {index} is BootstrapCompleted and commits to the hub's contracts, \
                 parameters, expected code and founders"
            ),
            ok,
            match &entry {
                None => "no entry".into(),
                Some((kind, _)) if *kind != LogKind::BootstrapCompleted => {
                    format!("entry {index} is {}", log_kind_text(kind))
                }
                Some((_, payload)) => format!("payload {}", hex0x(payload)),
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
    // Every kind without data, in declaration order (`External` carries a code: counted
    // below from the head's length).
    for kind in (0..agora_types::LOG_KIND_COUNT).filter_map(|i| LogKind::decode(&mut &[i][..]).ok())
    {
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
            counts.push(format!("{n} {}", variant_name(&kind)));
        }
    }
    // `External` entries are counted per code, so the head's length counts what no kind
    // count can: every entry is one of the bootstrap's.
    let len = log_head(chain, dep).await.ok().map(|(len, _)| len);
    if let Some(extra) = len
        .and_then(|len| len.checked_sub(total))
        .filter(|n| *n > 0)
    {
        counts.push(format!("{extra} of other kinds (External)"));
    }
    let mut expected = vec![
        format!("{BOOTSTRAP_WRITERS} WriterAuthorized"),
        format!("{BOOTSTRAP_HANDOVERS} AdminTransferred"),
    ];
    if anchors > 0 {
        expected.push(format!("{anchors} Anchored"));
    }
    check(
        format!(
            "the log holds only the bootstrap's {BOOTSTRAP_WRITERS} writer authorizations and \
             {BOOTSTRAP_HANDOVERS} admin handover{}",
            if anchors > 0 {
                ", after its anchor"
            } else {
                ""
            }
        ),
        counts == expected
            && total == anchors + BOOTSTRAP_WRITERS + BOOTSTRAP_HANDOVERS
            && len == Some(total),
        if counts.is_empty() {
            "empty".into()
        } else {
            counts.join(", ")
        },
    );
    Ok(())
}

/// The kind and payload of log entry `index`, in the log's format (none if it cannot be
/// read).
async fn recorded_entry(
    chain: &crate::core::chain::Chain,
    dep: &crate::core::config::Deployment,
    index: u64,
) -> Option<(LogKind, [u8; 32])> {
    let format = log_format(chain, dep).await.ok()?;
    match entries_range(chain, dep, format, index, 1, |_| {})
        .await
        .ok()?
    {
        Entries::Two(items) => items.first().map(|e| (e.entry.kind, e.entry.payload_hash)),
        Entries::One(items) => items.first().map(|e| (e.entry.kind, e.entry.payload_hash)),
    }
}

/// A log writer: its account, kinds and the log entry that authorized it.
type Writer = (AccountId, KindSet, u64);

/// Every writer the log's own records authorized and did not revoke, with its kinds and the
/// entry that authorized it, replayed from the entries about the suite (which hold every
/// writer record) with `WriterCheck`; `Err` says why they cannot be read or names the first
/// record that does not replay.
async fn writers_of_log(
    chain: &crate::core::chain::Chain,
    dep: &crate::core::config::Deployment,
) -> core::result::Result<Vec<Writer>, String> {
    let page = LogFormat::Two.page();
    let entries = chain
        .paged::<_, HashedEntry, LogError>(
            dep,
            SuiteContract::DecisionLog,
            "entries_for",
            page,
            |from| (Subject::Suite, from, page),
        )
        .await
        .map_err(|e| format!("the entries about the suite cannot be read: {e:#}"))?
        .map_err(|e| format!("entries_for(Suite) refused: {}", variant_name(&e)))?;
    // Only the suite's contracts may hold the suite's kinds, each exactly its own.
    let address = |c| {
        dep.address(c)
            .map(AccountId::from)
            .map_err(|e| format!("{e:#}"))
    };
    let mut replay = WriterCheck::for_suite(
        address(SuiteContract::Proposals)?,
        address(SuiteContract::PeerReview)?,
        address(SuiteContract::Voting)?,
    );
    let mut since = BTreeMap::new();
    for item in &entries {
        let e = &item.entry;
        if let Err(fault) = replay.push(e) {
            return Err(format!(
                "the log's writer records do not replay: {fault} ({})",
                writer_fault_name(fault.fault)
            ));
        }
        match e.kind {
            LogKind::WriterAuthorized => {
                since.insert(e.actor, e.index);
            }
            LogKind::WriterRevoked => {
                since.remove(&e.actor);
            }
            _ => {}
        }
    }
    Ok(replay
        .state()
        .1
        .iter()
        .map(|(a, k)| (*a, *k, since.get(a).copied().unwrap_or_default()))
        .collect())
}

/// The log's format and writers: format 2, the hub, peer review and voting each a writer of
/// exactly its kinds, and besides them only writers governance authorized after the
/// bootstrap, each of exactly `EXTERNAL_KINDS` (each listed, none a failure). Returns
/// whether the writers pass.
async fn writer_checks(
    chain: &crate::core::chain::Chain,
    dep: &crate::core::config::Deployment,
    suite: [(&str, AccountId, KindSet); 3],
    recorded: bool,
    check: &mut impl FnMut(String, bool, String),
) -> bool {
    let format = log_format(chain, dep).await;
    check(
        format!(
            "the decision log writes log format {} (format_version())",
            LogFormat::Two.version()
        ),
        matches!(format, Ok(LogFormat::Two)),
        match &format {
            Ok(LogFormat::Two) => String::new(),
            Ok(LogFormat::One) => "it has no format_version(): log format 1, deployed before \
                                   format 2, whose entries record no writer and whose writers \
                                   have no kinds"
                .into(),
            Err(e) => format!("{e:#}"),
        },
    );
    let count: Option<u32> = chain
        .query(
            dep,
            SuiteContract::DecisionLog,
            "DecisionLog::writer_count",
            &(),
        )
        .await
        .ok();
    if !matches!(format, Ok(LogFormat::Two)) {
        // Format 1: writers without kinds; exactly the suite's three.
        let mut all = true;
        for (_, account, _) in suite {
            let is: Option<bool> = chain
                .query(
                    dep,
                    SuiteContract::DecisionLog,
                    "DecisionLog::is_writer",
                    &account,
                )
                .await
                .ok();
            all &= is == Some(true);
        }
        let ok = all && count == Some(3);
        check(
            "log writers are exactly the hub, peer review and voting".into(),
            ok,
            count.map_or_else(|| "no answer".into(), |w| format!("{w} writer(s)")),
        );
        return ok;
    }
    let mut ok = true;
    for (name, account, kinds) in suite {
        let held: Option<Option<KindSet>> = chain
            .query(
                dep,
                SuiteContract::DecisionLog,
                "DecisionLog::writer_kinds",
                &account,
            )
            .await
            .ok();
        let good = held == Some(Some(kinds));
        ok &= good;
        check(
            format!("{name} writes exactly {} to the log", kind_set_text(kinds)),
            good,
            match held {
                None => "no answer".into(),
                Some(None) => "not a writer".into(),
                Some(Some(k)) if k == kinds => String::new(),
                Some(Some(k)) => format!("a writer of {}", kind_set_text(k)),
            },
        );
    }
    let what = if recorded {
        "log writers are the hub, peer review and voting, and any others were authorized by \
         governance for EXTERNAL_KINDS only"
    } else {
        "log writers are exactly the hub, peer review and voting"
    };
    let writers = match writers_of_log(chain, dep).await {
        Ok(w) => w,
        Err(why) => {
            check(what.into(), false, why);
            return false;
        }
    };
    let mut faults = Vec::new();
    let mut externals = Vec::new();
    for (account, kinds, since) in &writers {
        let name = ss58_of(account);
        match suite.iter().find(|(_, a, _)| a == account) {
            Some((_, _, expected)) if kinds == expected => {}
            Some((role, _, expected)) => faults.push(format!(
                "the log's records make {role} a writer of {}, not {}",
                kind_set_text(*kinds),
                kind_set_text(*expected)
            )),
            None if !recorded => faults.push(format!(
                "{name} is a writer of {} before the bootstrap is recorded",
                kind_set_text(*kinds)
            )),
            None if *kinds != EXTERNAL_KINDS => faults.push(format!(
                "{name} is a writer of {} (only EXTERNAL_KINDS may be given outside the suite)",
                kind_set_text(*kinds)
            )),
            None => {
                let held: Option<Option<KindSet>> = chain
                    .query(
                        dep,
                        SuiteContract::DecisionLog,
                        "DecisionLog::writer_kinds",
                        account,
                    )
                    .await
                    .ok();
                if held == Some(Some(EXTERNAL_KINDS)) {
                    externals.push((name, *since));
                } else {
                    faults.push(format!(
                        "{name}: the log's records say EXTERNAL_KINDS, writer_kinds() says {}",
                        match held {
                            None => "nothing (no answer)".to_owned(),
                            Some(None) => "not a writer".to_owned(),
                            Some(Some(k)) => kind_set_text(k),
                        }
                    ));
                }
            }
        }
    }
    for (role, account, _) in &suite {
        if !writers.iter().any(|(a, _, _)| a == account) {
            faults.push(format!("the log's records do not authorize {role}"));
        }
    }
    if count != Some(u32::try_from(writers.len()).unwrap_or(u32::MAX)) {
        faults.push(format!(
            "writer_count() says {}, the log's records {} writer(s)",
            count.map_or_else(|| "nothing (no answer)".to_owned(), |c| c.to_string()),
            writers.len()
        ));
    }
    ok &= faults.is_empty();
    check(
        what.into(),
        faults.is_empty(),
        if faults.is_empty() {
            format!(
                "{} writer(s): the suite's 3 and {} external",
                writers.len(),
                externals.len()
            )
        } else {
            faults.join("; ")
        },
    );
    for (name, since) in externals {
        check(
            format!("external writer {name} (authorized by governance) writes only EXTERNAL_KINDS"),
            true,
            format!("authorized at log entry {since}"),
        );
    }
    ok
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
        BootstrapFault::WritersNotSuite => {
            "the log's writers are not exactly the suite's, each with its own kinds".into()
        }
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
        let recorded_answer: Option<bool> = chain
            .query(&dep, SuiteContract::Proposals, "bootstrap_recorded", &())
            .await
            .ok();
        let recorded = recorded_answer == Some(true);
        writer_checks(
            &chain,
            &dep,
            [
                ("the hub", hub, HUB_KINDS),
                ("peer review", review, REVIEW_KINDS),
                ("voting", voting, VOTING_KINDS),
            ],
            recorded,
            &mut check,
        )
        .await;
        bootstrap_checks(&chain, &dep, &ctx.bundles(), recorded, &mut check).await?;
        let config = match &self.config {
            Some(p) => Some(ctx.home.resolve(p)),
            None => Some(ctx.home.deploy_config()).filter(|p| p.is_file()),
        };
        if let Some(path) = config {
            configuration_checks(&chain, &dep, &path, &mut check).await;
        }
        let complete: Option<bool> = chain
            .query(&dep, SuiteContract::Proposals, "bootstrap_complete", &())
            .await
            .ok();
        check(
            "bootstrap_complete() (no account but the hub holds a privilege)".into(),
            complete == Some(true),
            no_answer(complete.is_none()),
        );
        check(
            "the bootstrap is recorded in the decision log".into(),
            recorded,
            no_answer(recorded_answer.is_none()),
        );
        let failed = u32::try_from(checks.iter().filter(|c| !c.ok).count()).unwrap_or(u32::MAX);
        Ok(DeploymentChecks { checks, failed })
    }
}
