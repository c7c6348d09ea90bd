//! The JSON Schemas of the wire dialect (`agora_types::wire`), committed under
//! `schemas/wire/`, are what the Rust types generate: this test fails when a type changes
//! and its schema was not regenerated. Regenerate with
//! `AGORA_WRITE_SCHEMAS=1 cargo test -p agora-types --test wire_schemas`.

use std::path::{Path, PathBuf};

use agora_types::{
    wire::{AgentKeyFile, Envelope},
    Action, BindKeyPayload, HubParams, ProposalPayload, RevisionPayload, VotePayload,
};
use schemars::{generate::SchemaSettings, transform::RecursiveTransform, JsonSchema, Schema};

/// Where the committed schemas live.
fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/wire")
}

/// Gives every fixed-width unsigned integer its upper bound: schemars marks them with a
/// `format` ("uint32") that validators do not check, so a u32 field would accept 2^32.
fn bound_unsigned(schema: &mut Schema) {
    let max = match schema.get("format").and_then(|f| f.as_str()) {
        Some("uint8") => u64::from(u8::MAX),
        Some("uint16") => u64::from(u16::MAX),
        Some("uint32") => u64::from(u32::MAX),
        _ => return,
    };
    schema.insert("maximum".into(), max.into());
}

/// The schema of `T` as committed: JSON Schema 2020-12, pretty-printed, newline-terminated.
fn schema_of<T: JsonSchema>(id: &str) -> String {
    let mut schema = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(bound_unsigned))
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert(
        "$id".into(),
        format!("https://agora.invalid/schemas/wire/{id}.json").into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
    text.push('\n');
    text
}

/// Every wire type with its schema's file name. A new wire type is added here.
fn wire_schemas() -> Vec<(&'static str, String)> {
    vec![
        ("action", schema_of::<Action>("action")),
        ("actions", schema_of::<Vec<Action>>("actions")),
        ("envelope", schema_of::<Envelope>("envelope")),
        (
            "proposal-payload",
            schema_of::<ProposalPayload>("proposal-payload"),
        ),
        (
            "revision-payload",
            schema_of::<RevisionPayload>("revision-payload"),
        ),
        ("vote-payload", schema_of::<VotePayload>("vote-payload")),
        (
            "bind-key-payload",
            schema_of::<BindKeyPayload>("bind-key-payload"),
        ),
        (
            "agent-key-file",
            schema_of::<AgentKeyFile>("agent-key-file"),
        ),
        ("hub-params", schema_of::<HubParams>("hub-params")),
    ]
}

#[test]
fn committed_wire_schemas_match_the_types() {
    let dir = schema_dir();
    let write = std::env::var_os("AGORA_WRITE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for (name, generated) in wire_schemas() {
        let path = dir.join(format!("{name}.json"));
        if write {
            std::fs::create_dir_all(&dir).expect("schemas/wire");
            std::fs::write(&path, &generated).expect("write schema");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(committed) if committed == generated => {}
            _ => stale.push(path.display().to_string()),
        }
    }
    assert!(
        stale.is_empty(),
        "these schemas differ from their types (regenerate with AGORA_WRITE_SCHEMAS=1 cargo \
         test -p agora-types --test wire_schemas): {stale:?}"
    );
    // No schema is committed that no type generates.
    let known: Vec<String> = wire_schemas()
        .iter()
        .map(|(name, _)| format!("{name}.json"))
        .collect();
    for entry in std::fs::read_dir(&dir).expect("schemas/wire") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(known.contains(&name), "schemas/wire/{name} has no type");
    }
}
