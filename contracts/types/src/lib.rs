//! Shared vocabulary of the Agora contract suite.
//!
//! Every contract depends on this crate and on no other contract crate: ids and enums,
//! the member record, review and voting rules, the decision-log entry, the signed payloads
//! with the signature checks every verifying contract shares, each contract's `Error` enum
//! (so callers can decode what a callee returned), and one `#[ink::trait_definition]` per
//! cross-contract interface, called with `ink::contract_ref!`.
//!
//! Features besides `std`: `serde` (the TOML/JSON shape of the hub's parameters, for the CLI
//! and configuration files) and `testing` (the shared test signer and test parameters,
//! `agora_types::testing`); neither is ever part of a contract build.
#![cfg_attr(not(feature = "std"), no_std)]
// parity-scale-codec's derive casts variant indices `usize as u8` for enums whose variants
// carry data, and `cargo contract build` denies `cast_possible_truncation` in local crates.
// The crate's own code does no narrowing casts.
#![allow(clippy::cast_possible_truncation)]

pub mod admin;
pub mod bootstrap;
pub mod errors;
pub mod ids;
pub mod log;
pub mod member;
pub mod perspective;
pub mod proposal;
pub mod review;
pub mod signing;
#[cfg(feature = "testing")]
pub mod testing;
pub mod traits;
pub mod voting;
#[cfg(feature = "serde")]
pub mod wire;

pub use admin::{AdminOffered, AdminRole, AdminTransferred};
pub use bootstrap::*;
pub use errors::*;
pub use ids::*;
pub use log::*;
pub use member::*;
pub use perspective::*;
pub use proposal::*;
pub use review::*;
pub use signing::*;
pub use voting::*;
