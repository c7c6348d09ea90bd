//! Drink tests of the Agora contracts composed in a sandboxed runtime (no node).
//!
//! `harness` deploys the real `.contract` bundles (built by drink's bundle provider into
//! `target/ink/<contract>/` of the root workspace) and calls them with SCALE-encoded
//! arguments of the shared `agora-types`, so the tests use the same types as the contracts.

pub mod harness;
#[cfg(test)]
pub mod suite;

#[cfg(test)]
mod bootstrap_tests;
#[cfg(test)]
mod decision_log_tests;
#[cfg(test)]
mod governance_tests;
#[cfg(test)]
mod lifecycle_tests;
#[cfg(test)]
mod peer_review_tests;
#[cfg(test)]
mod registry_tests;
#[cfg(test)]
mod voting_tests;
