//! What the hub checks before it records the bootstrap (`complete_bootstrap`), and the
//! commitments it is constructed with.
//!
//! While the deployer is still the admin of the registry, review, voting and log contracts it
//! could plant state there (open a review round or a ballot for a proposal that does not
//! exist yet, register an extra member, append a forged log entry). So the hub is constructed
//! with the code hash every other suite contract must run ([`SuiteCodeHashes`]) and with the
//! founders it expects the registry to hold ([`FounderSet`]: their count and a running hash
//! of their registrations), and each contract keeps O(1) counters of what it holds. The hub
//! records the bootstrap only if the only state is the bootstrap's own; otherwise it names the
//! first thing wrong ([`BootstrapFault`]).

use crate::{blake2_256, Callee, Hash32, MemberProfile, SigningKey};
use ink::{primitives::AccountId, scale::Encode};

/// The code hash (`blake2_256` of the Wasm code) each suite contract must run; the hub's
/// constructor takes it and `complete_bootstrap` checks every address against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct SuiteCodeHashes {
    /// The agent registry's code.
    pub registry: Hash32,
    /// The peer-review contract's code.
    pub review: Hash32,
    /// The voting contract's code.
    pub voting: Hash32,
    /// The decision log's code.
    pub log: Hash32,
}

impl SuiteCodeHashes {
    /// The expected hash of `callee`'s code.
    pub const fn of(&self, callee: Callee) -> Hash32 {
        match callee {
            Callee::Registry => self.registry,
            Callee::Review => self.review,
            Callee::Voting => self.voting,
            Callee::Log => self.log,
        }
    }
}

/// The founders the hub's constructor names: how many registrations the registry must hold
/// at bootstrap and the running hash of them, in registration order (see
/// [`registration_digest`]). A deployer computes it off-chain from the founders it is
/// about to register ([`FounderSet::push`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct FounderSet {
    /// Number of founders.
    pub count: u32,
    /// Running hash of their registrations (32 zero bytes for none).
    pub digest: Hash32,
}

impl FounderSet {
    /// No founders.
    pub const EMPTY: FounderSet = FounderSet {
        count: 0,
        digest: [0; 32],
    };

    /// Adds the registration of `account` with `profile` and, if one is bound at
    /// registration, signing `key` (the order of pushes must be the order of registration).
    pub fn push(&mut self, account: &AccountId, profile: &MemberProfile, key: Option<SigningKey>) {
        self.count = self.count.saturating_add(1);
        self.digest = registration_digest(&self.digest, account, profile, key);
    }
}

/// The registry's running hash after one more registration:
/// `blake2_256(prev ++ SCALE(account) ++ SCALE(profile) ++ SCALE(key))`, where `key` is the
/// `Option<SigningKey>` bound at registration. The registry's `registrations()` and a
/// [`FounderSet`] are both built with it, so equal digests mean the same registrations in the
/// same order with the same profiles and keys.
pub fn registration_digest(
    prev: &Hash32,
    account: &AccountId,
    profile: &MemberProfile,
    key: Option<SigningKey>,
) -> Hash32 {
    let mut bytes = ink::prelude::vec::Vec::with_capacity(128);
    prev.encode_to(&mut bytes);
    account.encode_to(&mut bytes);
    profile.encode_to(&mut bytes);
    key.encode_to(&mut bytes);
    blake2_256(&bytes)
}

/// What the registry holds, in O(1): its registrations (count and running hash, as a
/// [`FounderSet`] is built) and how many admin changes it has made to members since
/// (profile updates, suspensions, reinstatements, removals, keys revoked by the admin).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Registrations {
    /// The registrations: count and running hash.
    pub founders: FounderSet,
    /// Admin changes to registered members.
    pub admin_changes: u32,
}

/// The log writers the bootstrap authorizes: the hub, the review and the voting contract.
pub const BOOTSTRAP_WRITERS: u64 = 3;
/// The admin handovers the log records at bootstrap: its own (the other contracts' handovers
/// are their `AdminTransferred` events; the hub reads their admins).
pub const BOOTSTRAP_HANDOVERS: u64 = 1;

/// Why `complete_bootstrap` refuses (or, once recorded, why `bootstrap_complete` is false):
/// the first check that failed, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum BootstrapFault {
    /// The contract at the address the hub was built with does not run the code the hub
    /// expects (`expected_code_hashes`), or is no contract.
    UnexpectedCode(Callee),
    /// The contract reads another registry or log, or binds another chain tag, than the hub.
    Miswired(Callee),
    /// The hub is not the contract's admin (or it did not answer).
    AdminNotHub(Callee),
    /// The log's writers are not exactly the hub, the review and the voting contract, each
    /// authorized for its own kinds (`HUB_KINDS`, `REVIEW_KINDS`, `VOTING_KINDS`).
    WritersNotSuite,
    /// The registry's registrations are not the founders the hub was built with (another
    /// count, or another account, profile, key or order).
    FoundersDiffer,
    /// The contract holds state the bootstrap does not make: member changes in the
    /// registry, a review round, a ballot, or log entries other than the writer
    /// authorizations and the log's admin handover.
    PlantedState(Callee),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MemberKind, Perspective};

    fn profile(weight: u128) -> MemberProfile {
        MemberProfile {
            kind: MemberKind::Human,
            perspectives: [Perspective::Safety].into_iter().collect(),
            weight,
            metadata_uri: "ipfs://a".into(),
            operator: None,
        }
    }

    #[test]
    fn the_founder_digest_commits_to_every_registration_and_its_order() {
        let (a, b) = (AccountId::from([1; 32]), AccountId::from([2; 32]));
        let mut ab = FounderSet::EMPTY;
        ab.push(&a, &profile(1), None);
        ab.push(&b, &profile(1), None);
        assert_eq!(ab.count, 2);

        let mut ba = FounderSet::EMPTY;
        ba.push(&b, &profile(1), None);
        ba.push(&a, &profile(1), None);
        assert_ne!(ab.digest, ba.digest, "order counts");

        let mut heavier = FounderSet::EMPTY;
        heavier.push(&a, &profile(1), None);
        heavier.push(&b, &profile(2), None);
        assert_ne!(ab.digest, heavier.digest, "profiles count");

        let mut keyed = FounderSet::EMPTY;
        keyed.push(&a, &profile(1), None);
        keyed.push(&b, &profile(1), Some([2; 33]));
        assert_ne!(ab.digest, keyed.digest, "keys bound at registration count");
    }

    #[test]
    fn the_digest_is_blake2_of_prev_account_profile_and_key() {
        let a = AccountId::from([1; 32]);
        let mut bytes = [0u8; 32].to_vec();
        bytes.extend_from_slice(&[1; 32]);
        bytes.extend(profile(1).encode());
        bytes.push(0); // None
        assert_eq!(
            registration_digest(&[0; 32], &a, &profile(1), None),
            blake2_256(&bytes)
        );
    }
}
