//! On a real node: a decision log of more than a thousand entries, appended by a test writer,
//! is fetched page by page and verified (`agora log verify`'s code: chain, head and writers,
//! log format 2); its export verifies offline; a corrupted copy is caught at the edited
//! index; a kind outside the writer's authorization is refused (`KindNotAllowed`). And a
//! suite whose deployer planted a ballot before the handover: `agora verify-deployment`
//! names it.
//!
//! Needs a substrate-contracts-node at `AGORA_TEST_URL` and the release bundles in
//! `target/ink`; the `cli` tier of scripts/test.sh starts a node and runs it with
//! `cargo test -- --ignored`.

use std::time::Instant;

use agora_cli::{
    cmd::deploy,
    core::{
        chain::{Chain, Entry},
        config::Deployment,
        contract_error::{ContractError, SuiteError},
        contracts::SuiteContract,
        encoding::{blake2, hex0x, parse_account},
        keys::account_signer,
        log::{verify_export, verify_online, Export},
        reads,
        views::{Entries, LogFormat},
    },
};
use agora_types::{LogError, LogKind, Subject, HUB_KINDS};
use ink::primitives::AccountId;

/// Entries the test writer appends (the issue asks for at least a thousand).
const ENTRIES: u64 = 1_000;

fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent")
        .to_path_buf()
}

#[tokio::test]
#[ignore = "needs a node at AGORA_TEST_URL (scripts/test.sh starts one)"]
async fn a_log_of_a_thousand_entries_verifies_and_a_corrupted_export_is_caught() {
    let url = std::env::var("AGORA_TEST_URL").expect("AGORA_TEST_URL names the node");
    let bundles = repo_root().join("target/ink");
    let chain = Chain::connect(&url).await.expect("a node");
    let alice = account_signer("//Alice").expect("dev account");
    let alice_id = AccountId::from(parse_account("//Alice").expect("dev name"));

    // A log of its own, with Alice as admin and writer of the hub's kinds.
    let salt = hex0x(&deploy::fresh_salt());
    let log = deploy::instantiate(
        &bundles,
        &chain,
        &alice,
        SuiteContract::DecisionLog,
        &(),
        &salt,
    )
    .await
    .expect("decision log instantiated");
    let mut dep = Deployment::default();
    dep.contracts.insert("decision_log".into(), log);
    chain
        .transact::<_, (), LogError>(
            &alice,
            &dep,
            SuiteContract::DecisionLog,
            "DecisionLog::authorize_writer",
            &(alice_id, HUB_KINDS),
            0,
        )
        .await
        .expect("Alice authorized as writer");
    let format = reads::log_format(&chain, &dep).await.expect("format");
    assert_eq!(
        format,
        LogFormat::Two,
        "a log of this repository writes format 2"
    );

    // A kind outside her authorization is refused before anything is sent.
    let refused = chain
        .transact::<_, (u64, [u8; 32]), LogError>(
            &alice,
            &dep,
            SuiteContract::DecisionLog,
            "DecisionLog::append",
            &(
                LogKind::BallotClosed,
                Subject::Proposal(1),
                alice_id,
                [0u8; 32],
            ),
            0,
        )
        .await
        .expect_err("voting's kind is not Alice's");
    assert_eq!(
        refused.downcast_ref::<ContractError>().map(|e| e.error),
        Some(SuiteError::Log(LogError::KindNotAllowed)),
        "{refused:#}"
    );

    // Append ENTRIES entries, pipelined (the gas of one, measured by a dry run, with room).
    let started = Instant::now();
    let calls: Vec<Vec<u8>> = (0..ENTRIES)
        .map(|i| {
            chain
                .call_data(
                    SuiteContract::DecisionLog,
                    Entry::Message,
                    "DecisionLog::append",
                    &(
                        LogKind::MembershipChanged,
                        Subject::of_proposal((i % 7) as u32),
                        alice_id,
                        blake2(&i.to_le_bytes()),
                    ),
                )
                .expect("append encodes")
        })
        .collect();
    let dest = dep
        .address(SuiteContract::DecisionLog)
        .expect("log address");
    let dry = chain
        .dry_run_raw(
            parse_account("//Alice").expect("dev"),
            dest,
            0,
            calls[0].clone(),
        )
        .await
        .expect("dry run");
    let gas = sp_weights::Weight::from_parts(
        dry.gas_required.ref_time() * 2,
        dry.gas_required.proof_size() * 2,
    );
    chain
        .submit_pipelined(&alice, dest, gas, calls)
        .await
        .expect("appends submitted");
    let want = ENTRIES + 1;
    loop {
        let (len, _): (u64, [u8; 32]) = chain
            .query(&dep, SuiteContract::DecisionLog, "DecisionLog::head", &())
            .await
            .expect("head");
        if len >= want {
            assert_eq!(len, want, "every append landed once");
            break;
        }
        assert!(
            started.elapsed().as_secs() < 600,
            "appends stalled at {len} of {want}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    println!(
        "appended {ENTRIES} entries in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // Verified on chain, page by page.
    let started = Instant::now();
    let report = verify_online(&chain, &dep, |_, _| {})
        .await
        .expect("verify runs");
    let secs = started.elapsed().as_secs_f64();
    assert!(report.verified, "{report:?}");
    assert_eq!(report.entries.0, want, "{report:?}");
    assert!(
        report.format_version == 2 && report.writers_checked,
        "{report:?}"
    );
    println!(
        "verified {want} entries on the node in {secs:.2} s ({:.0} entries/s)",
        want as f64 / secs
    );

    // Exported, verified offline, and a corrupted copy caught where it was edited.
    let head: (u64, [u8; 32]) = chain
        .query(&dep, SuiteContract::DecisionLog, "DecisionLog::head", &())
        .await
        .expect("head");
    let Entries::Two(entries) = reads::entries_range(&chain, &dep, format, 0, head.0, |_| {})
        .await
        .expect("entries")
    else {
        panic!("format-2 entries");
    };
    let mut doc = serde_json::to_value(Export::new(&dep, head, &entries)).expect("JSON");
    assert!(verify_export(&doc).expect("verifies").verified);
    doc["entries"][500]["payload_hash"] = serde_json::json!(hex0x(&[0xee; 32]));
    let report = verify_export(&doc).expect("verifies");
    assert!(!report.verified, "{report:?}");
    assert_eq!(
        report.failure.map(|f| f.index.0),
        Some(500),
        "the edited entry is named"
    );
}

/// On a node, a suite whose deployer planted a ballot while still voting's admin: `agora
/// verify-deployment` names the planted ballot (drink plants each kind; this is the check
/// from outside, on a real chain, through the binary).
#[tokio::test]
#[ignore = "needs a node at AGORA_TEST_URL (scripts/test.sh starts one)"]
async fn verify_deployment_names_a_ballot_planted_before_the_handover() {
    use agora_types::{BallotId, FounderSet, HubParams, VotingError, VOTING_KINDS};
    let url = std::env::var("AGORA_TEST_URL").expect("AGORA_TEST_URL names the node");
    let bundles = repo_root().join("target/ink");
    let chain = Chain::connect(&url).await.expect("a node");
    // Bob deploys (Alice's nonces belong to the other test of this file).
    let bob = account_signer("//Bob").expect("dev account");
    let tag = agora_types::derived_chain_tag(&chain.genesis_hash());
    let salt = hex0x(&deploy::fresh_salt());
    let mut dep = Deployment {
        network: "local".into(),
        url: url.clone(),
        chain_tag: tag.clone(),
        genesis_hash: Some(hex0x(&chain.genesis_hash())),
        deployer: agora_cli::core::encoding::ss58(&parse_account("//Bob").expect("dev")),
        salt: salt.clone(),
        ..Deployment::default()
    };
    let addr =
        |dep: &Deployment, c: SuiteContract| AccountId::from(dep.address(c).expect("deployed"));
    let log = deploy::instantiate(
        &bundles,
        &chain,
        &bob,
        SuiteContract::DecisionLog,
        &(),
        &salt,
    )
    .await
    .expect("log");
    dep.contracts.insert("decision_log".into(), log);
    let registry = deploy::instantiate(
        &bundles,
        &chain,
        &bob,
        SuiteContract::AgentRegistry,
        &tag,
        &salt,
    )
    .await
    .expect("registry");
    dep.contracts.insert("agent_registry".into(), registry);
    let review_args = (
        addr(&dep, SuiteContract::AgentRegistry),
        addr(&dep, SuiteContract::DecisionLog),
    );
    let review = deploy::instantiate(
        &bundles,
        &chain,
        &bob,
        SuiteContract::PeerReview,
        &review_args,
        &salt,
    )
    .await
    .expect("review");
    dep.contracts.insert("peer_review".into(), review);
    let voting_args = (
        tag.clone(),
        addr(&dep, SuiteContract::AgentRegistry),
        addr(&dep, SuiteContract::DecisionLog),
    );
    let voting = deploy::instantiate(
        &bundles,
        &chain,
        &bob,
        SuiteContract::Voting,
        &voting_args,
        &salt,
    )
    .await
    .expect("voting");
    dep.contracts.insert("voting".into(), voting);
    let hub_args = (
        tag.clone(),
        addr(&dep, SuiteContract::AgentRegistry),
        addr(&dep, SuiteContract::PeerReview),
        addr(&dep, SuiteContract::Voting),
        addr(&dep, SuiteContract::DecisionLog),
        HubParams::default(),
        agora_cli::core::bundles::expected_code_hashes(&bundles).expect("bundles"),
        FounderSet::EMPTY,
    );
    let hub = deploy::instantiate(
        &bundles,
        &chain,
        &bob,
        SuiteContract::Proposals,
        &hub_args,
        &salt,
    )
    .await
    .expect("hub");
    dep.contracts.insert("proposals".into(), hub);

    // The deployer, still every admin, lets voting write and opens a ballot for proposal 1.
    chain
        .transact::<_, (), LogError>(
            &bob,
            &dep,
            SuiteContract::DecisionLog,
            "DecisionLog::authorize_writer",
            &(addr(&dep, SuiteContract::Voting), VOTING_KINDS),
            0,
        )
        .await
        .expect("voting authorized");
    let now = chain.best_block().await.expect("block");
    chain
        .transact::<_, (), VotingError>(
            &bob,
            &dep,
            SuiteContract::Voting,
            "Ballots::open_ballot",
            &(
                BallotId::decision(1),
                now.saturating_sub(1),
                now + 50,
                HubParams::default().voting_rules,
            ),
            0,
        )
        .await
        .expect("the planted ballot opens");

    // verify-deployment, from outside, names it.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("planted.json");
    dep.save(&file).expect("deployments file");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_agora"))
        .current_dir(repo_root())
        .args(["--url", &url, "--deployment"])
        .arg(&file)
        .arg("verify-deployment")
        .output()
        .expect("agora runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "a planted suite fails: {stdout}");
    let line = stdout
        .lines()
        .find(|l| l.contains("no ballot opened before the bootstrap"))
        .unwrap_or_else(|| panic!("the ballot check is printed: {stdout}"));
    assert!(
        line.contains("FAIL") && line.contains("1 opened"),
        "the planted ballot is named: {line}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("no review round opened before the bootstrap") && l.contains("ok")),
        "{stdout}"
    );
}
