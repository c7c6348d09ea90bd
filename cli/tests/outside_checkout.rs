//! `agora` run from an empty directory, with no checkout and no agora home: help works, an
//! export verifies offline, and the built-in networks and the JSON error envelope are there.

use std::{path::Path, process::Command};

use agora_cli::core::{
    config::Deployment,
    log::{sample_log, Export, ExportV2},
};
use agora_types::{v1, LogKind, GENESIS_HASH};

fn agora(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_agora"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("HOME", dir)
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("the agora binary runs")
}

fn export_file(dir: &Path, n: u64) -> std::path::PathBuf {
    let entries = sample_log(n);
    let head = entries.last().map(|e| (n, e.hash)).expect("entries");
    let doc = Export::new(&Deployment::default(), head, &entries);
    let path = dir.join("export.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).expect("JSON")).expect("written");
    path
}

/// An "agora-log-export/v2" file of a format-1 log, as agora wrote them before format 2.
fn v2_export_file(dir: &Path, n: u64) -> std::path::PathBuf {
    let mut prev = GENESIS_HASH;
    let mut entries = Vec::new();
    for i in 0..n {
        let entry = v1::LogEntry {
            index: i,
            kind: LogKind::MembershipChanged,
            subject: 0,
            actor: [7u8; 32].into(),
            payload_hash: [1u8; 32],
            block: 1,
            timestamp: 0,
            prev_hash: prev,
        };
        let hash = entry.hash();
        prev = hash;
        entries.push(v1::HashedEntry { entry, hash });
    }
    let doc = ExportV2::new(&Deployment::default(), (n, prev), &entries);
    let path = dir.join("export-v2.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).expect("JSON")).expect("written");
    path
}

#[test]
fn help_works_from_an_empty_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = agora(dir.path(), &["--help"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Usage: agora") && text.contains("verify-deployment"),
        "{text}"
    );
}

#[test]
fn an_export_verifies_offline_from_an_empty_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    export_file(dir.path(), 5);
    let out = agora(dir.path(), &["log", "verify", "--file", "export.json"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("OK: 5 entries verified offline"), "{text}");

    let out = agora(
        dir.path(),
        &["--json", "log", "verify", "--file", "export.json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["ok"], serde_json::json!(true), "{doc}");
    assert_eq!(doc["result"]["verified"], serde_json::json!(true), "{doc}");
    assert_eq!(doc["result"]["entries"], serde_json::json!(5), "{doc}");
    assert_eq!(
        doc["result"]["format_version"],
        serde_json::json!(2),
        "{doc}"
    );
    assert_eq!(
        doc["result"]["writers_checked"],
        serde_json::json!(true),
        "{doc}"
    );
}

#[test]
fn a_format_one_export_still_verifies_offline_and_says_writers_are_not_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    v2_export_file(dir.path(), 4);
    let out = agora(dir.path(), &["log", "verify", "--file", "export-v2.json"]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("OK: 4 entries verified offline")
            && text.contains("writers cannot be checked in log format 1"),
        "{text}"
    );
    let out = agora(
        dir.path(),
        &["--json", "log", "verify", "--file", "export-v2.json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(
        doc["result"]["format_version"],
        serde_json::json!(1),
        "{doc}"
    );
    assert_eq!(
        doc["result"]["writers_checked"],
        serde_json::json!(false),
        "{doc}"
    );
}

#[test]
fn an_export_of_an_unknown_format_is_an_input_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = export_file(dir.path(), 5);
    let text = std::fs::read_to_string(&path).expect("read");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    doc["format"] = serde_json::json!("agora-log-export/v1");
    std::fs::write(&path, doc.to_string()).expect("written");
    let out = agora(
        dir.path(),
        &["--json", "log", "verify", "--file", "export.json"],
    );
    assert!(!out.status.success(), "{out:?}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["error"]["kind"], serde_json::json!("input"), "{doc}");
    let message = doc["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("agora-log-export/v3") && message.contains("agora-log-export/v2"),
        "{message}"
    );
}

#[test]
fn a_corrupted_export_exits_with_2_naming_the_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = export_file(dir.path(), 5);
    let text = std::fs::read_to_string(&path).expect("read");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    doc["entries"][3]["block"] = serde_json::json!(2);
    std::fs::write(&path, doc.to_string()).expect("written");
    let out = agora(dir.path(), &["log", "verify", "--file", "export.json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("FAILED at entry 3"));
}

#[test]
fn without_a_checkout_the_built_in_networks_and_the_user_home_are_used() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = agora(dir.path(), &["--network", "mars", "proposals"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown network `mars`") && err.contains("local"),
        "{err}"
    );

    let out = agora(dir.path(), &["--json", "proposals"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["ok"], serde_json::json!(false), "{doc}");
    assert_eq!(doc["error"]["kind"], serde_json::json!("config"), "{doc}");
    assert_eq!(doc["error"]["contract"], serde_json::Value::Null, "{doc}");
    let message = doc["error"]["message"].as_str().unwrap_or_default();
    let expected = dir.path().join(".agora/deployments/local.json");
    assert!(
        message.contains(&expected.display().to_string()),
        "{message}"
    );
}

#[test]
fn a_bad_argument_under_json_is_an_input_error_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = agora(
        dir.path(),
        &[
            "--json",
            "review",
            "1",
            "--verdict",
            "approve",
            "--score",
            "101",
            "--perspective",
            "safety",
            "--suri",
            "//Alice",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["error"]["kind"], serde_json::json!("input"), "{doc}");
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("MAX_SCORE"),
        "{doc}"
    );
}

#[test]
fn an_agent_signs_offline_from_an_empty_directory_and_online_needs_the_chain() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = agora(dir.path(), &["key", "new", "--out", "agent.key.json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Without a deployments file the payload names its chain tag and contract.
    let payload = serde_json::json!({
        "chain_tag": "agora/0101010101010101",
        "contract": format!("0x{}", "01".repeat(32)),
        "voter": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
        "deadline": 100, "ballot": {"proposal": 1}, "choice": "for",
    });
    std::fs::write(dir.path().join("vote.json"), payload.to_string()).expect("written");
    let sign = [
        "agent",
        "sign-vote",
        "--payload",
        "vote.json",
        "--key",
        "agent.key.json",
    ];
    let mut offline = vec!["--json"];
    offline.extend(sign);
    offline.push("--offline");
    let out = agora(dir.path(), &offline);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["ok"], serde_json::json!(true), "{doc}");
    assert_eq!(doc["result"]["checked"], serde_json::Value::Null, "{doc}");
    assert_eq!(
        doc["result"]["envelope"]["kind"],
        serde_json::json!("vote"),
        "{doc}"
    );

    // Online (the default), signing needs the chain to check the tag against.
    let mut online = vec!["--json", "--url", "ws://127.0.0.1:1"];
    online.extend(sign);
    let out = agora(dir.path(), &online);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["error"]["kind"], serde_json::json!("chain"), "{doc}");
    let message = doc["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("--offline"), "{message}");
}
