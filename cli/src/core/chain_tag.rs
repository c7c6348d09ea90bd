//! Which chain tag a network binds, and the checks that keep a deployment, a payload or an
//! envelope on its own chain (docs/signing.md, "Chain tags").
//!
//! A network's tag is the `chain_tag` networks.toml names for it, else the one derived from
//! the connected chain's genesis hash (`agora_types::derived_chain_tag`). `agora deploy`
//! binds that tag; `agent sign-*` (unless `--offline`), `relay` and the `--sign-with`
//! commands refuse to sign or submit for a deployment whose tag is not the connected
//! chain's, so an envelope signed for one chain is never handed to a suite on another.

use std::path::Path;

use agora_types::{derived_chain_tag, MAX_CHAIN_TAG_LEN};

use crate::core::{
    config::{Deployment, Network, Networks},
    encoding::hex0x,
    error::{ErrorKind, Failure, Result},
};

/// The chain tag `network` binds on the chain whose genesis hash is `genesis`.
pub fn expected_tag(network: &Network, genesis: &[u8; 32]) -> String {
    network
        .chain_tag
        .clone()
        .unwrap_or_else(|| derived_chain_tag(genesis))
}

fn wrong_chain(message: String) -> anyhow::Error {
    Failure::new(ErrorKind::WrongChain, message).into()
}

/// Refuses a deployment that is not for the connected chain: its recorded genesis hash is
/// another chain's, or its chain tag is not the one the network binds there.
pub fn check_deployment(
    dep: &Deployment,
    network_name: &str,
    network: &Network,
    genesis: &[u8; 32],
) -> Result<()> {
    if let Some(recorded) = &dep.genesis_hash {
        if *recorded != hex0x(genesis) {
            return Err(wrong_chain(format!(
                "the deployment of `{}` was made on the chain with genesis {recorded}; the node connected as `{network_name}` has genesis {}",
                dep.network,
                hex0x(genesis)
            )));
        }
    }
    let expected = expected_tag(network, genesis);
    if dep.chain_tag != expected {
        return Err(wrong_chain(format!(
            "the deployment binds chain tag `{}`, but `{network_name}` binds `{expected}` on the connected chain ({}); \
             its payloads would be another chain's",
            dep.chain_tag,
            tag_origin(network)
        )));
    }
    Ok(())
}

/// Refuses a payload whose chain tag is not `expected`, the tag of `source` (the
/// deployment, or the connected chain).
pub fn check_payload(payload_tag: &str, expected: &str, what: &str, source: &str) -> Result<()> {
    if payload_tag != expected {
        return Err(wrong_chain(format!(
            "the {what} binds chain tag `{payload_tag}`, {source} `{expected}`: it would be refused there, \
             or accepted by a suite on another chain"
        )));
    }
    Ok(())
}

fn tag_origin(network: &Network) -> &'static str {
    if network.chain_tag.is_some() {
        "named in networks.toml"
    } else {
        "derived from its genesis hash"
    }
}

/// Refuses a tag for a new deployment of `network_name` that another network already uses:
/// the `chain_tag` networks.toml names for another network, or the tag of another network's
/// deployments file made on a chain with another genesis hash (the same chain under two names
/// may share a tag: payloads also bind the contract's address).
pub fn check_unused_elsewhere(
    tag: &str,
    network_name: &str,
    genesis: &[u8; 32],
    networks: &Networks,
    deployments_dir: &Path,
) -> Result<()> {
    if tag.is_empty() || tag.len() > MAX_CHAIN_TAG_LEN {
        return Err(Failure::config(format!(
            "chain tag `{tag}` must have 1 to {MAX_CHAIN_TAG_LEN} bytes"
        ))
        .into());
    }
    for (name, other) in &networks.networks {
        if name != network_name && other.chain_tag.as_deref() == Some(tag) {
            return Err(Failure::config(format!(
                "chain tag `{tag}` is the one networks.toml names for network `{name}`; each chain needs its own"
            ))
            .into());
        }
    }
    let Ok(files) = std::fs::read_dir(deployments_dir) else {
        return Ok(());
    };
    for file in files.flatten() {
        let path = file.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let Ok(other) = Deployment::load(&path) else {
            continue;
        };
        let same_chain = other.genesis_hash.as_deref() == Some(hex0x(genesis).as_str());
        if other.network != network_name && other.chain_tag == tag && !same_chain {
            return Err(Failure::config(format!(
                "chain tag `{tag}` is already bound by the deployment of network `{}` ({}) on another chain; \
                 name another in networks.toml",
                other.network,
                path.display()
            ))
            .into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn network(tag: Option<&str>) -> Network {
        Network {
            url: "ws://x".into(),
            token: String::new(),
            decimals: 12,
            instant_seal: false,
            note: String::new(),
            chain_tag: tag.map(str::to_owned),
        }
    }

    fn deployment(network: &str, tag: &str, genesis: Option<[u8; 32]>) -> Deployment {
        Deployment {
            network: network.into(),
            chain_tag: tag.into(),
            genesis_hash: genesis.map(|g| hex0x(&g)),
            ..Deployment::default()
        }
    }

    #[test]
    fn a_network_binds_its_named_tag_else_the_one_its_genesis_gives() {
        let g = [0xab; 32];
        assert_eq!(expected_tag(&network(None), &g), "agora/abababababababab");
        assert_eq!(expected_tag(&network(Some("my-net")), &g), "my-net");
    }

    #[test]
    fn a_deployment_of_another_chain_is_refused_as_wrong_chain() {
        let (a, b) = ([1u8; 32], [2u8; 32]);
        let net = network(None);
        let dep = deployment("local", &derived_chain_tag(&a), Some(a));
        assert!(check_deployment(&dep, "local", &net, &a).is_ok());
        for bad in [
            check_deployment(&dep, "local", &net, &b),
            // An old file without a genesis hash: the tag alone tells.
            check_deployment(
                &deployment("local", &derived_chain_tag(&a), None),
                "local",
                &net,
                &b,
            ),
            // The shared tag every network used to bind.
            check_deployment(&deployment("local", "agora-local", None), "local", &net, &a),
        ] {
            let e = bad.unwrap_err();
            let f = e.downcast_ref::<Failure>().unwrap();
            assert_eq!(f.kind, ErrorKind::WrongChain, "{}", f.message);
        }
    }

    #[test]
    fn a_payload_for_another_tag_is_refused() {
        assert!(check_payload("agora/01", "agora/01", "vote", "the deployment").is_ok());
        let e = check_payload("agora-local", "agora/01", "vote", "the deployment").unwrap_err();
        assert_eq!(
            e.downcast_ref::<Failure>().unwrap().kind,
            ErrorKind::WrongChain
        );
    }

    #[test]
    fn a_tag_another_network_uses_is_refused_for_a_new_deployment() {
        let dir = tempfile::tempdir().unwrap();
        let (here, there) = ([1u8; 32], [2u8; 32]);
        let mut networks = BTreeMap::new();
        networks.insert("local".to_owned(), network(None));
        networks.insert("testnet".to_owned(), network(Some("agora-testnet")));
        let networks = Networks {
            networks,
            origin: "test".into(),
        };
        let ok = |tag: &str| check_unused_elsewhere(tag, "local", &here, &networks, dir.path());
        assert!(ok("agora/0101010101010101").is_ok());
        assert!(
            ok("agora-testnet").is_err(),
            "networks.toml names it for testnet"
        );
        assert!(ok("").is_err() && ok(&"x".repeat(MAX_CHAIN_TAG_LEN + 1)).is_err());

        deployment("other", "agora/0101010101010101", Some(there))
            .save(&dir.path().join("other.json"))
            .unwrap();
        assert!(
            ok("agora/0101010101010101").is_err(),
            "bound on another chain"
        );
        // The same chain under another name may share the tag.
        deployment("other", "agora/0101010101010101", Some(here))
            .save(&dir.path().join("other.json"))
            .unwrap();
        assert!(ok("agora/0101010101010101").is_ok());
    }
}
