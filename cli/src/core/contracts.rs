//! The five contracts of the suite and their metadata, embedded in the binary.
//!
//! The metadata is the web app's committed copy (`app/src/contracts/metadata/<contract>.json`),
//! which `scripts/check-consistency.sh bindings` checks against the ABI of the release
//! bundles; so `agora` finds every message and constructor without a checkout. The Wasm code
//! `deploy` uploads still comes from the bundles (`--bundles`).

use std::path::{Path, PathBuf};

use contract_extrinsics::ContractMessageTranscoder;
use contract_metadata::ContractMetadata;

use crate::core::error::{Failure, Result};

/// The five contracts of the suite, in deployment order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SuiteContract {
    /// The hash-chained decision log.
    DecisionLog,
    /// Members, weights, perspectives, signing keys.
    AgentRegistry,
    /// Review rounds.
    PeerReview,
    /// Ballots.
    Voting,
    /// The hub: lifecycle and treasury.
    Proposals,
}

impl SuiteContract {
    /// All five, in deployment order.
    pub const ALL: [SuiteContract; 5] = [
        SuiteContract::DecisionLog,
        SuiteContract::AgentRegistry,
        SuiteContract::PeerReview,
        SuiteContract::Voting,
        SuiteContract::Proposals,
    ];

    /// The crate name (and bundle name).
    pub const fn name(self) -> &'static str {
        match self {
            SuiteContract::DecisionLog => "decision_log",
            SuiteContract::AgentRegistry => "agent_registry",
            SuiteContract::PeerReview => "peer_review",
            SuiteContract::Voting => "voting",
            SuiteContract::Proposals => "proposals",
        }
    }

    /// `<dir>/<name>/<name>.contract`.
    pub fn bundle_path(self, dir: &Path) -> PathBuf {
        dir.join(self.name())
            .join(format!("{}.contract", self.name()))
    }

    /// The contract's metadata (JSON) as embedded at build time.
    pub const fn embedded_metadata(self) -> &'static str {
        match self {
            SuiteContract::DecisionLog => {
                include_str!("../../../app/src/contracts/metadata/decision_log.json")
            }
            SuiteContract::AgentRegistry => {
                include_str!("../../../app/src/contracts/metadata/agent_registry.json")
            }
            SuiteContract::PeerReview => {
                include_str!("../../../app/src/contracts/metadata/peer_review.json")
            }
            SuiteContract::Voting => {
                include_str!("../../../app/src/contracts/metadata/voting.json")
            }
            SuiteContract::Proposals => {
                include_str!("../../../app/src/contracts/metadata/proposals.json")
            }
        }
    }

    /// The transcoder for the embedded metadata: messages and constructors by label.
    pub fn transcoder(self) -> Result<ContractMessageTranscoder> {
        let metadata: ContractMetadata =
            serde_json::from_str(self.embedded_metadata()).map_err(|e| {
                Failure::internal(format!(
                    "the embedded metadata of {} does not parse: {e}",
                    self.name()
                ))
            })?;
        ContractMessageTranscoder::try_from(metadata).map_err(|e| {
            Failure::internal(format!(
                "the embedded metadata of {} is not ink! metadata: {e}",
                self.name()
            ))
            .into()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_metadata_loads_and_names_its_constructor() {
        for c in SuiteContract::ALL {
            let t = c.transcoder().unwrap();
            assert!(
                t.metadata()
                    .spec()
                    .constructors()
                    .iter()
                    .any(|k| k.label() == "new"),
                "{}",
                c.name()
            );
        }
    }
}
