//! The CLI's envelopes (agora_cli::core::wire) against the shared signing vectors and the
//! Python reference signer: byte for byte, and an edited envelope is refused.

use std::path::Path;

use agora_cli::core::{
    encoding::{account_bytes, hex0x, parse_hex},
    keys::AgentKey,
    wire::{proposal_payload, revision_payload, vote_payload, Envelope, PayloadDefaults},
};
use agora_types::{ProposalPayload, RevisionPayload, VoteChoice, VotePayload};
use scale::Decode;
use serde_json::Value;

fn vote() -> VotePayload {
    VotePayload {
        chain_tag: "agora-local".into(),
        contract: [1u8; 32].into(),
        voter: [2u8; 32].into(),
        deadline: 100,
        proposal: 1,
        choice: VoteChoice::For,
        rationale_hash: [0u8; 32],
    }
}

#[test]
fn an_edited_envelope_is_refused() {
    let key = AgentKey::from_secret(&[5u8; 32]).unwrap();
    let mut env = Envelope::vote(&vote(), &key);
    assert!(env.check().is_ok());
    // Flip the choice byte (For → Against) in the SCALE bytes.
    let mut scale = hex::decode(env.scale.trim_start_matches("0x")).unwrap();
    let last_choice = scale.len() - 33;
    scale[last_choice] = 1;
    env.scale = hex0x(&scale);
    assert!(env
        .check()
        .unwrap_err()
        .to_string()
        .contains("does not match"));
}

/// Every vector in e2e-tests/fixtures/signing-vectors.json, reproduced byte for byte by the
/// CLI's envelopes (SCALE, hash, RFC 6979 signature, signer), and each payload read back from
/// the envelope's readable JSON encodes to the same bytes.
#[test]
fn cli_envelopes_reproduce_every_signing_vector() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../e2e-tests/fixtures/signing-vectors.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    let none = PayloadDefaults::default();
    let base = Path::new(".");
    let mut checked = 0;
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let key =
            AgentKey::from_secret(&parse_hex::<32>(v["secret_key"].as_str().unwrap()).unwrap())
                .unwrap();
        let scale = hex::decode(v["scale"].as_str().unwrap()).unwrap();
        let expect = |env: &Envelope| {
            let hex = |field: &str| format!("0x{}", v[field].as_str().unwrap());
            assert_eq!(env.scale, hex("scale"), "{name}: scale");
            assert_eq!(env.hash, hex("hash"), "{name}: hash");
            assert_eq!(env.signature, hex("signature"), "{name}: signature");
            assert_eq!(env.signer, hex("public_key"), "{name}: signer");
            env.check().unwrap();
        };
        match v["kind"].as_str().unwrap() {
            "proposal" => {
                let p = ProposalPayload::decode(&mut &scale[..]).unwrap();
                let env = Envelope::proposal(&p, &key);
                expect(&env);
                assert_eq!(
                    proposal_payload(&env.payload, &none, base).unwrap(),
                    p,
                    "{name}: JSON round trip"
                );
            }
            "revision" => {
                let p = RevisionPayload::decode(&mut &scale[..]).unwrap();
                let env = Envelope::revision(&p, &key);
                expect(&env);
                assert_eq!(
                    revision_payload(&env.payload, &none, base).unwrap(),
                    p,
                    "{name}: JSON round trip"
                );
            }
            "vote" => {
                let p = VotePayload::decode(&mut &scale[..]).unwrap();
                let env = Envelope::vote(&p, &key);
                expect(&env);
                assert_eq!(
                    vote_payload(&env.payload, &none).unwrap(),
                    p,
                    "{name}: JSON round trip"
                );
            }
            "bind-key" => {
                let p = agora_types::BindKeyPayload::decode(&mut &scale[..]).unwrap();
                let proof = key.bind_proof(
                    &p.chain_tag,
                    account_bytes(&p.registry),
                    account_bytes(&p.account),
                );
                assert_eq!(
                    hex::encode(proof),
                    v["signature"].as_str().unwrap(),
                    "{name}: bind proof"
                );
            }
            other => panic!("unknown vector kind {other}"),
        }
        checked += 1;
    }
    assert_eq!(checked, vectors.len());
    assert!(checked >= 15);
}

/// An envelope printed by the Python reference signer (tools/agora_signer, `sign`) is taken by
/// `relay` as it is, and matches the CLI's own envelope for the same vote.
#[test]
fn the_python_signers_envelope_is_relayable_and_identical() {
    let python = r#"{"kind": "vote", "domain": "agora/v1/vote",
      "payload": {"chain_tag": "agora-local", "proposal": 1, "choice": "For"},
      "scale": "2c61676f72612d6c6f63616c010101010101010101010101010101010101010101010101010101010101010102020202020202020202020202020202020202020202020202020202020202026400000001000000000000000000000000000000000000000000000000000000000000000000000000",
      "hash": "1578b323150dba6a4d3608bfaf18e43d25c0447a8f375d22d0bb77f03a159052",
      "public_key": "0362c0a046dacce86ddd0343c6d3c7c79c2208ba0d9c9cf24a6d046d21d21f90f7",
      "signature": "479562a52099e22e11a52733f8d879a2c7668d4b3651676dd66d79e1331687b126ef9bca371c13ae5a66cf2ff55b68e23f781d5af9e35593050d2b6abe1c116700"}"#;
    let env: Envelope = serde_json::from_str(python).unwrap();
    let (_, scale, signature) = env.check().unwrap();
    let ours = Envelope::vote(&vote(), &AgentKey::from_secret(&[5u8; 32]).unwrap());
    assert_eq!(hex0x(&scale), ours.scale);
    assert_eq!(hex0x(&signature), ours.signature);
    assert_eq!(format!("0x{}", env.signer), ours.signer);
}
