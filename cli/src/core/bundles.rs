//! The release bundles (`<dir>/<contract>/<contract>.contract`): the Wasm code `deploy`
//! uploads and `verify-deployment` compares with the chain. Messages are not read from them:
//! the metadata is embedded (see [`crate::core::contracts`]).

use std::path::Path;

use contract_metadata::ContractMetadata;

use crate::core::{
    contracts::SuiteContract,
    encoding::blake2,
    error::{Failure, Result},
};

fn missing(bundle: &Path, e: impl std::fmt::Display) -> Failure {
    Failure::io(format!(
        "cannot read the bundle {}: {e} (build the bundles with scripts/bundles.sh, or pass --bundles DIR / AGORA_BUNDLES)",
        bundle.display()
    ))
}

/// The Wasm code of `contract`'s bundle in `dir`.
pub fn wasm_code(dir: &Path, contract: SuiteContract) -> Result<Vec<u8>> {
    let bundle = contract.bundle_path(dir);
    let metadata = ContractMetadata::load(&bundle).map_err(|e| missing(&bundle, e))?;
    let code = metadata
        .source
        .wasm
        .ok_or_else(|| Failure::input(format!("{} holds no Wasm code", bundle.display())))?;
    Ok(code.0)
}

/// The code hash of `contract`'s bundle in `dir` (blake2-256 of its Wasm), checked against
/// the hash the bundle declares.
pub fn code_hash(dir: &Path, contract: SuiteContract) -> Result<[u8; 32]> {
    let bundle = contract.bundle_path(dir);
    let metadata = ContractMetadata::load(&bundle).map_err(|e| missing(&bundle, e))?;
    let wasm = metadata
        .source
        .wasm
        .ok_or_else(|| Failure::input(format!("{} holds no Wasm code", bundle.display())))?;
    let hash = blake2(&wasm.0);
    if metadata.source.hash.0 != hash {
        return Err(Failure::input(format!(
            "{}: its declared hash does not match its Wasm",
            bundle.display()
        ))
        .into());
    }
    Ok(hash)
}

/// The code hashes the hub is built to expect of the registry, review, voting and log: their
/// bundles' in `dir`.
pub fn expected_code_hashes(dir: &Path) -> Result<agora_types::SuiteCodeHashes> {
    Ok(agora_types::SuiteCodeHashes {
        registry: code_hash(dir, SuiteContract::AgentRegistry)?,
        review: code_hash(dir, SuiteContract::PeerReview)?,
        voting: code_hash(dir, SuiteContract::Voting)?,
        log: code_hash(dir, SuiteContract::DecisionLog)?,
    })
}
