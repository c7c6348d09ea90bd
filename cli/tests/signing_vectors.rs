//! The CLI's envelopes (agora_cli::core::wire, over agora_types::wire) against the shared
//! signing vectors and the Python reference signer: byte for byte, and an edited envelope is
//! refused.

use std::path::Path;

use agora_cli::core::{
    encoding::{account_bytes, parse_hex},
    keys::AgentKey,
    wire::{Envelope, EnvelopeKind},
};
use agora_types::{
    wire::{self as dialect, read_envelope},
    BallotId, ProposalPayload, RevisionPayload, VoteChoice, VotePayload,
};
use scale::Decode;
use serde_json::Value;

fn vote() -> VotePayload {
    VotePayload {
        chain_tag: "agora-local".into(),
        contract: [1u8; 32].into(),
        voter: [2u8; 32].into(),
        deadline: 100,
        ballot: BallotId::decision(1),
        choice: VoteChoice::For,
        rationale_hash: [0u8; 32],
    }
}

#[test]
fn an_envelope_whose_bytes_were_edited_is_refused() {
    let key = AgentKey::from_secret(&[5u8; 32]).unwrap();
    let env = Envelope::vote(&vote(), &key);
    assert_eq!(env.check().unwrap().0, EnvelopeKind::Vote);
    let Envelope(dialect::Envelope::Vote(mut signed)) = env else {
        panic!("a vote envelope")
    };
    // Flip the choice byte (For → Against) in the SCALE bytes.
    let choice_at = signed.scale.len() - 33;
    signed.scale[choice_at] = 1;
    let err = Envelope(dialect::Envelope::Vote(signed))
        .check()
        .unwrap_err()
        .to_string();
    assert!(err.contains("PayloadMismatch"), "{err}");
}

/// Every vector in e2e-tests/fixtures/signing-vectors.json, reproduced byte for byte by the
/// CLI's envelopes (payload JSON, SCALE, hash, RFC 6979 signature, signer): without its name,
/// domain and secret key a vector is the envelope the CLI writes.
#[test]
fn cli_envelopes_reproduce_every_signing_vector() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../e2e-tests/fixtures/signing-vectors.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    let mut checked = 0;
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let key =
            AgentKey::from_secret(&parse_hex::<32>(v["secret_key"].as_str().unwrap()).unwrap())
                .unwrap();
        let scale = dialect::parse_hex_vec(v["scale"].as_str().unwrap()).unwrap();
        let mut expected = v.clone();
        for field in ["name", "domain", "secret_key"] {
            expected.as_object_mut().unwrap().remove(field);
        }
        let env = match v["kind"].as_str().unwrap() {
            "proposal" => {
                Envelope::proposal(&ProposalPayload::decode(&mut &scale[..]).unwrap(), &key)
            }
            "revision" => {
                Envelope::revision(&RevisionPayload::decode(&mut &scale[..]).unwrap(), &key)
            }
            "vote" => Envelope::vote(&VotePayload::decode(&mut &scale[..]).unwrap(), &key),
            "bind-key" => {
                let p = agora_types::BindKeyPayload::decode(&mut &scale[..]).unwrap();
                let proof = key.bind_proof(
                    &p.chain_tag,
                    account_bytes(&p.registry),
                    account_bytes(&p.account),
                );
                assert_eq!(
                    dialect::hex0x(&proof),
                    v["signature"].as_str().unwrap(),
                    "{name}: bind proof"
                );
                checked += 1;
                continue;
            }
            other => panic!("unknown vector kind {other}"),
        };
        assert_eq!(serde_json::to_value(&env).unwrap(), expected, "{name}");
        env.check().unwrap();
        checked += 1;
    }
    assert_eq!(checked, vectors.len());
    assert!(checked >= 15);
}

/// An envelope printed by the Python reference signer (tools/agora_signer, `sign`) is read by
/// `relay` as it is, and is exactly the CLI's own envelope for the same vote.
#[test]
fn the_python_signers_envelope_is_relayable_and_identical() {
    let python = r#"{
  "kind": "vote",
  "payload": {
    "chain_tag": "agora-local",
    "contract": "5C62Ck4UrFPiBtoCmeSrgF7x9yv9mn38446dhCpsi2mLHiFT",
    "voter": "5C7LYpP2ZH3tpKbvVvwiVe54AapxErdPBbvkYhe6y9ZBkqWt",
    "deadline": 100,
    "ballot": {
      "proposal": 1,
      "purpose": "decision"
    },
    "choice": "for",
    "rationale_hash": "0x0000000000000000000000000000000000000000000000000000000000000000"
  },
  "scale": "0x2c61676f72612d6c6f63616c01010101010101010101010101010101010101010101010101010101010101010202020202020202020202020202020202020202020202020202020202020202640000000100000000000000000000000000000000000000000000000000000000000000000000000000",
  "hash": "0x0b4e0b50a374f4b772e874781cfc6c58084840c0953b24004030bbbfae975f51",
  "signature": "0x3a1d24b9ad52fba7b2ef3c2995c4e1eb65fe64f272174d9634e8204c190cb6fb5564bb8b8ebd7b2cf66bda448571576002dadeaaa237fa8106940529745f420900",
  "signer": "0x0362c0a046dacce86ddd0343c6d3c7c79c2208ba0d9c9cf24a6d046d21d21f90f7"
}"#;
    let env = Envelope(read_envelope(python).expect("canonical and sound"));
    let ours = Envelope::vote(&vote(), &AgentKey::from_secret(&[5u8; 32]).unwrap());
    assert_eq!(env, ours);
}
