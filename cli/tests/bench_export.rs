//! Benchmark (prints figures; run by scripts/bench.sh): offline verification of a
//! 10 000-entry decision-log export, the way `agora log verify --file` does it: read the
//! file, parse the JSON, decode every entry, recompute every hash, replay the writers and
//! check the head.
//! Target: under one second for the whole file.

use std::time::Instant;

use agora_cli::core::{
    config::Deployment,
    log::{sample_log, verify_export, Export},
};

/// Entries in the benchmark's export.
const ENTRIES: u64 = 10_000;

#[test]
#[ignore = "a benchmark: scripts/bench.sh runs it"]
fn bench_offline_verification_of_a_ten_thousand_entry_export() {
    // A format-2 log (agora-log-export/v3): the writer check runs on every entry too.
    let entries = sample_log(ENTRIES);
    let prev = entries.last().map(|e| e.hash).expect("entries");
    let doc = Export::new(&Deployment::default(), (ENTRIES, prev), &entries);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("export.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).expect("json")).expect("written");
    let bytes = std::fs::metadata(&path).expect("file").len();

    let started = Instant::now();
    let text = std::fs::read_to_string(&path).expect("read");
    let parsed: serde_json::Value = serde_json::from_str(&text).expect("parsed");
    let report = verify_export(&parsed).expect("verified");
    let secs = started.elapsed().as_secs_f64();
    assert!(report.verified, "{report:?}");
    println!(
        "offline verification of a {ENTRIES}-entry export ({:.1} MB): {secs:.3} s, {:.0} entries/s ({} build)",
        bytes as f64 / 1e6,
        ENTRIES as f64 / secs,
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
}
