//! # Agent registry
//!
//! Agora's members, human and AI: kind, perspectives, voting weight with per-block
//! checkpoints, an optional secp256k1 signing key bound with proof of possession, metadata
//! URI, status and, for agents, the operator that runs them.
//!
//! The admin (the deployer until bootstrap hands it to the hub) registers, updates,
//! suspends, reinstates and removes members. Members bind and rotate their own signing key.
//! `weight_at` and `total_weight_at` answer for any past block in O(log n) reads; O(1)
//! counters of active members per kind and per perspective let the hub check that its rules
//! stay possible to meet. No message loops over members.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod agent_registry {
    use agora_types::{
        bind_key_hash, is_compressed_key, recover_signer, registration_digest,
        traits::{Governed, MemberRegistry},
        AdminError, AdminRole, FounderSet, Hash32, KeyBinding, Member, MemberKind, MemberProfile,
        MemberStatus, Perspective, Registrations, SigningKey, Standing, Weight, MAX_CHAIN_TAG_LEN,
        PERSPECTIVE_COUNT,
    };
    use ink::{
        prelude::{string::String, vec::Vec},
        storage::Mapping,
    };

    /// Most members one `members` page returns (`agora_types::MAX_MEMBERS_PAGE`).
    pub const MAX_PAGE: u32 = agora_types::MAX_MEMBERS_PAGE;

    /// The registry's error type (defined in `agora-types` so callers can decode it).
    pub use agora_types::RegistryError as Error;
    /// The registry's result type.
    pub type Result<T> = core::result::Result<T, Error>;

    /// A weight in force from `block` on (until the next checkpoint).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Checkpoint {
        /// First block the weight applies to.
        pub block: BlockNumber,
        /// The weight.
        pub weight: Weight,
    }

    /// A member was registered.
    #[ink(event)]
    pub struct MemberRegistered {
        #[ink(topic)]
        account: AccountId,
        kind: MemberKind,
        weight: Weight,
    }

    /// A member's profile was replaced.
    #[ink(event)]
    pub struct MemberUpdated {
        #[ink(topic)]
        account: AccountId,
        old: MemberProfile,
        new: MemberProfile,
    }

    /// A member was suspended.
    #[ink(event)]
    pub struct MemberSuspended {
        #[ink(topic)]
        account: AccountId,
    }

    /// A suspended member was reinstated.
    #[ink(event)]
    pub struct MemberReinstated {
        #[ink(topic)]
        account: AccountId,
    }

    /// A member was removed for good.
    #[ink(event)]
    pub struct MemberRemoved {
        #[ink(topic)]
        account: AccountId,
    }

    /// A member's effective weight changed (registration, update, suspension, removal).
    #[ink(event)]
    pub struct WeightChanged {
        #[ink(topic)]
        account: AccountId,
        old: Weight,
        new: Weight,
        total: Weight,
    }

    /// A signing key was bound to a member (possibly replacing an older one).
    #[ink(event)]
    pub struct SigningKeyBound {
        #[ink(topic)]
        account: AccountId,
        key: SigningKey,
        replaced: Option<SigningKey>,
    }

    /// A member's signing key was revoked.
    #[ink(event)]
    pub struct SigningKeyRevoked {
        #[ink(topic)]
        account: AccountId,
        key: SigningKey,
    }

    /// The registry's storage.
    #[ink(storage)]
    pub struct AgentRegistry {
        /// Holder of the admin role.
        admin: AdminRole,
        /// Network name bound into every key proof.
        chain_tag: String,
        /// Member records by account (removed members stay).
        members: Mapping<AccountId, Member>,
        /// Accounts in registration order, for paging.
        member_at: Mapping<u32, AccountId>,
        /// Number of registered accounts (any status).
        member_count: u32,
        /// Which account each bound signing key belongs to.
        signers: Mapping<SigningKey, AccountId>,
        /// Per-account weight checkpoints: `(account, i)` for `i < checkpoint_count`.
        checkpoints: Mapping<(AccountId, u32), Checkpoint>,
        /// Number of checkpoints per account.
        checkpoint_count: Mapping<AccountId, u32>,
        /// Total-weight checkpoints by position.
        total_checkpoints: Mapping<u32, Checkpoint>,
        /// Number of total-weight checkpoints.
        total_checkpoint_count: u32,
        /// Active members per kind (index: `MemberKind::index`).
        active_by_kind: [u32; 2],
        /// Active members per perspective (index: `Perspective::index`).
        active_by_perspective: [u32; PERSPECTIVE_COUNT],
        /// Running hash of every registration (`agora_types::registration_digest`; their
        /// count is `member_count`), for the hub's bootstrap check.
        registration_digest: Hash32,
        /// Admin changes to registered members (for the same check).
        admin_changes: u32,
    }

    impl AgentRegistry {
        /// Creates an empty registry administered by the caller.
        ///
        /// `chain_tag` names the network (1..=`MAX_CHAIN_TAG_LEN` bytes); every key proof
        /// binds it. Errors: `InvalidChainTag`.
        #[ink(constructor)]
        pub fn new(chain_tag: String) -> Result<Self> {
            if chain_tag.is_empty() || chain_tag.len() > MAX_CHAIN_TAG_LEN {
                return Err(Error::InvalidChainTag);
            }
            Ok(Self {
                admin: AdminRole::new(Self::env().caller()),
                chain_tag,
                members: Mapping::default(),
                member_at: Mapping::default(),
                member_count: 0,
                signers: Mapping::default(),
                checkpoints: Mapping::default(),
                checkpoint_count: Mapping::default(),
                total_checkpoints: Mapping::default(),
                total_checkpoint_count: 0,
                active_by_kind: [0; 2],
                active_by_perspective: [0; PERSPECTIVE_COUNT],
                registration_digest: [0; 32],
                admin_changes: 0,
            })
        }

        /// The network name every key proof binds. Anyone may call.
        #[ink(message)]
        pub fn chain_tag(&self) -> String {
            self.chain_tag.clone()
        }

        /// Whether `account` is a member with status Active. Anyone may call.
        #[ink(message)]
        pub fn is_active(&self, account: AccountId) -> bool {
            self.members.get(account).is_some_and(|m| m.is_active())
        }

        /// Number of registered accounts, in any status. Anyone may call.
        #[ink(message)]
        pub fn member_count(&self) -> u32 {
            self.member_count
        }

        /// Members in registration order, `limit` of them from position `from` (fewer at
        /// the end, none past it). Anyone may call.
        ///
        /// Errors: `LimitTooLarge` if `limit > MAX_PAGE`.
        #[ink(message)]
        pub fn members(&self, from: u32, limit: u32) -> Result<Vec<Member>> {
            if limit > MAX_PAGE {
                return Err(Error::LimitTooLarge);
            }
            let end = from.saturating_add(limit).min(self.member_count);
            Ok((from..end)
                .filter_map(|i| self.member_at.get(i))
                .filter_map(|account| self.members.get(account))
                .collect())
        }

        /// Binds `binding.key` to the caller, replacing the caller's previous key.
        ///
        /// Caller: a member that is not removed. `binding.proof` must be a signature by
        /// the key over the bind-key message for (chain tag, this registry, caller).
        /// Errors: `CallerNotMember`, `MemberRemoved`, `InvalidSigningKey`, `BadSignature`,
        /// `ProofMismatch`, `KeyAlreadyBound`. Event: `SigningKeyBound`.
        #[ink(message)]
        pub fn set_signing_key(&mut self, binding: KeyBinding) -> Result<()> {
            let account = self.env().caller();
            let mut member = self.members.get(account).ok_or(Error::CallerNotMember)?;
            if member.status == MemberStatus::Removed {
                return Err(Error::MemberRemoved);
            }
            self.ensure_key_binding(account, &binding)?;
            let replaced = member.signing_key.replace(binding.key);
            if let Some(old) = replaced {
                self.signers.remove(old);
            }
            self.signers.insert(binding.key, &account);
            self.members.insert(account, &member);
            self.env().emit_event(SigningKeyBound {
                account,
                key: binding.key,
                replaced,
            });
            Ok(())
        }

        /// Unbinds the signing key of `account`, so nothing signed with it verifies any
        /// more (for a lost or compromised key).
        ///
        /// Caller: the member itself or the admin. Errors: `UnknownMember`, `NotAdmin`
        /// (anyone else), `NoSigningKey`. Event: `SigningKeyRevoked`.
        #[ink(message)]
        pub fn revoke_signing_key(&mut self, account: AccountId) -> Result<()> {
            let mut member = self.members.get(account).ok_or(Error::UnknownMember)?;
            let caller = self.env().caller();
            if caller != account && caller != self.admin.admin() {
                return Err(Error::NotAdmin);
            }
            let key = member.signing_key.take().ok_or(Error::NoSigningKey)?;
            if caller != account {
                self.count_admin_change();
            }
            self.signers.remove(key);
            self.members.insert(account, &member);
            self.env().emit_event(SigningKeyRevoked { account, key });
            Ok(())
        }

        /// Number of weight checkpoints of `account` (for auditors paging its history).
        /// Anyone may call.
        #[ink(message)]
        pub fn checkpoint_count(&self, account: AccountId) -> u32 {
            self.checkpoint_count.get(account).unwrap_or(0)
        }

        /// The `index`-th weight checkpoint of `account`, oldest first. Anyone may call.
        #[ink(message)]
        pub fn checkpoint(&self, account: AccountId, index: u32) -> Option<Checkpoint> {
            self.checkpoints.get((account, index))
        }

        fn ensure_admin(&self) -> Result<()> {
            if self.env().caller() != self.admin.admin() {
                return Err(Error::NotAdmin);
            }
            Ok(())
        }

        /// Counts one admin change to a registered member (at most one per message; far
        /// below u32::MAX in practice, saturating anyway).
        fn count_admin_change(&mut self) {
            self.admin_changes = self.admin_changes.saturating_add(1);
        }

        fn ensure_valid_profile(profile: &MemberProfile) -> Result<()> {
            profile.validate()
        }

        /// Checks that `binding` may be bound to `account`; writes nothing.
        fn ensure_key_binding(&self, account: AccountId, binding: &KeyBinding) -> Result<()> {
            if !is_compressed_key(&binding.key) {
                return Err(Error::InvalidSigningKey);
            }
            let message = bind_key_hash(&self.chain_tag, self.env().account_id(), account);
            let signer = recover_signer(&binding.proof, &message).map_err(Error::BadSignature)?;
            if signer != binding.key {
                return Err(Error::ProofMismatch);
            }
            match self.signers.get(binding.key) {
                Some(owner) if owner != account => Err(Error::KeyAlreadyBound),
                _ => Ok(()),
            }
        }

        /// Adds (`joining`) or takes away an active member's contribution to the counters.
        fn count_active(&mut self, profile: &MemberProfile, joining: bool) {
            // Counters never exceed the number of members (u32) and are only decremented
            // for a profile that was counted before, so neither direction can wrap.
            let step = |n: &mut u32| {
                *n = if joining {
                    n.saturating_add(1)
                } else {
                    n.saturating_sub(1)
                }
            };
            step(&mut self.active_by_kind[profile.kind.index()]);
            for p in profile.perspectives.iter() {
                step(&mut self.active_by_perspective[p.index()]);
            }
        }

        fn current_weight(&self, account: AccountId) -> Weight {
            match self.checkpoint_count.get(account).unwrap_or(0) {
                0 => 0,
                n => self
                    .checkpoints
                    .get((account, n.saturating_sub(1)))
                    .map_or(0, |c| c.weight),
            }
        }

        fn current_total(&self) -> Weight {
            match self.total_checkpoint_count {
                0 => 0,
                n => self
                    .total_checkpoints
                    .get(n.saturating_sub(1))
                    .map_or(0, |c| c.weight),
            }
        }

        /// Records that `account` weighs `weight` from this block on, and moves the total.
        /// At most one checkpoint per account (and for the total) per block.
        fn set_weight(&mut self, account: AccountId, weight: Weight) {
            let old = self.current_weight(account);
            if old == weight {
                return;
            }
            let block = self.env().block_number();
            let count = self.checkpoint_count.get(account).unwrap_or(0);
            let last = count
                .checked_sub(1)
                .and_then(|i| self.checkpoints.get((account, i)));
            let slot = match last {
                Some(c) if c.block == block => count.saturating_sub(1),
                _ => {
                    self.checkpoint_count
                        .insert(account, &count.saturating_add(1));
                    count
                }
            };
            self.checkpoints
                .insert((account, slot), &Checkpoint { block, weight });

            // Each member weighs at most MAX_MEMBER_WEIGHT, and `old` is part of the total,
            // so the subtraction cannot underflow and the sum stays far below u128::MAX.
            let total = self
                .current_total()
                .saturating_sub(old)
                .saturating_add(weight);
            let n = self.total_checkpoint_count;
            let last_total = n.checked_sub(1).and_then(|i| self.total_checkpoints.get(i));
            let slot = match last_total {
                Some(c) if c.block == block => n.saturating_sub(1),
                _ => {
                    self.total_checkpoint_count = n.saturating_add(1);
                    n
                }
            };
            self.total_checkpoints.insert(
                slot,
                &Checkpoint {
                    block,
                    weight: total,
                },
            );
            self.env().emit_event(WeightChanged {
                account,
                old,
                new: weight,
                total,
            });
        }

        /// The weight in force at `block` among `count` checkpoints read by `at(i)`:
        /// binary search for the last checkpoint whose block is `<= block`.
        fn search(
            count: u32,
            block: BlockNumber,
            at: impl Fn(u32) -> Option<Checkpoint>,
        ) -> Weight {
            let (mut lo, mut hi) = (0u32, count);
            // lo < hi ≤ u32::MAX throughout, so neither the midpoint nor `mid + 1` can
            // overflow; the saturating forms only satisfy the lint.
            while lo < hi {
                let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
                match at(mid) {
                    Some(c) if c.block <= block => lo = mid.saturating_add(1),
                    _ => hi = mid,
                }
            }
            lo.checked_sub(1).and_then(at).map_or(0, |c| c.weight)
        }
    }

    impl Governed for AgentRegistry {
        /// The account holding the registry's privileges (registering and updating members). Anyone
        /// may call.
        #[ink(message)]
        fn admin(&self) -> AccountId {
            self.admin.admin()
        }

        /// The account the admin role is offered to, if any. Anyone may call.
        #[ink(message)]
        fn pending_admin(&self) -> Option<AccountId> {
            self.admin.pending()
        }

        /// Offers the admin role to `new_admin` (replacing an earlier offer); the admin keeps
        /// it, and every privilege, until `new_admin` accepts.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `ZeroAddress`, `AlreadyAdmin`. Event:
        /// `AdminOffered`.
        #[ink(message)]
        fn transfer_admin(&mut self, new_admin: AccountId) -> core::result::Result<(), AdminError> {
            let offered = self.admin.offer(self.env().caller(), new_admin)?;
            self.env().emit_event(offered);
            Ok(())
        }

        /// Takes the role offered to the caller, for good: the old admin keeps nothing.
        ///
        /// Caller: the offered account. Errors: `NoOffer`, `NotOffered`. Event:
        /// `AdminTransferred`.
        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AdminError> {
            let transferred = self.admin.accept(self.env().caller())?;
            self.env().emit_event(transferred);
            Ok(())
        }
    }

    impl MemberRegistry for AgentRegistry {
        /// The record of `account`, in any status. Anyone may call.
        #[ink(message)]
        fn member(&self, account: AccountId) -> Option<Member> {
            self.members.get(account)
        }

        /// The account whose bound signing key is `key`. Anyone may call.
        #[ink(message)]
        fn member_by_signer(&self, key: SigningKey) -> Option<AccountId> {
            self.signers.get(key)
        }

        /// Weight of `account` at the end of `block`: the last checkpoint at or before
        /// it, 0 before the first. O(log n) reads. Final only for past blocks. Anyone may
        /// call.
        #[ink(message)]
        fn weight_at(&self, account: AccountId, block: BlockNumber) -> Weight {
            let count = self.checkpoint_count.get(account).unwrap_or(0);
            Self::search(count, block, |i| self.checkpoints.get((account, i)))
        }

        /// Weight of `account` at the end of `block` (as `weight_at`) with its kind and
        /// current perspectives; `None` if `account` was never registered. One call for
        /// what a vote or a veto checks. O(log n) reads. Anyone may call.
        #[ink(message)]
        fn standing_at(&self, account: AccountId, block: BlockNumber) -> Option<Standing> {
            let member = self.members.get(account)?;
            Some(Standing {
                weight: self.weight_at(account, block),
                kind: member.profile.kind,
                perspectives: member.profile.perspectives,
            })
        }

        /// Sum of all weights at the end of `block`. O(log n) reads. Anyone may call.
        #[ink(message)]
        fn total_weight_at(&self, block: BlockNumber) -> Weight {
            Self::search(self.total_checkpoint_count, block, |i| {
                self.total_checkpoints.get(i)
            })
        }

        /// Active members of `kind`. O(1). Anyone may call.
        #[ink(message)]
        fn active_count(&self, kind: MemberKind) -> u32 {
            self.active_by_kind[kind.index()]
        }

        /// Active members holding `perspective`. O(1). Anyone may call.
        #[ink(message)]
        fn perspective_count(&self, perspective: Perspective) -> u32 {
            self.active_by_perspective[perspective.index()]
        }

        /// Registers `account` as an active member with `profile`, optionally binding a
        /// signing key (its proof must sign the bind-key message for `account`).
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `AlreadyRegistered`,
        /// `InvalidPerspectives`, `WeightOutOfRange`, `UriTooLong`, `OperatorRequired`,
        /// `OperatorNotAllowed`, and for the key `InvalidSigningKey`, `BadSignature`,
        /// `ProofMismatch`, `KeyAlreadyBound`. Events: `MemberRegistered`,
        /// `WeightChanged`, `SigningKeyBound` (with a key).
        #[ink(message)]
        fn register_member(
            &mut self,
            account: AccountId,
            profile: MemberProfile,
            key: Option<KeyBinding>,
        ) -> Result<()> {
            self.ensure_admin()?;
            if self.members.contains(account) {
                return Err(Error::AlreadyRegistered);
            }
            Self::ensure_valid_profile(&profile)?;
            if let Some(binding) = &key {
                self.ensure_key_binding(account, binding)?;
            }
            let member = Member {
                account,
                profile,
                signing_key: key.map(|b| b.key),
                status: MemberStatus::Active,
                joined_at: self.env().block_number(),
            };
            self.members.insert(account, &member);
            self.member_at.insert(self.member_count, &account);
            self.member_count = self.member_count.saturating_add(1);
            self.registration_digest = registration_digest(
                &self.registration_digest,
                &account,
                &member.profile,
                member.signing_key,
            );
            self.count_active(&member.profile, true);
            self.env().emit_event(MemberRegistered {
                account,
                kind: member.profile.kind,
                weight: member.profile.weight,
            });
            self.set_weight(account, member.profile.weight);
            if let Some(binding) = key {
                self.signers.insert(binding.key, &account);
                self.env().emit_event(SigningKeyBound {
                    account,
                    key: binding.key,
                    replaced: None,
                });
            }
            Ok(())
        }

        /// Replaces the profile of a member that is not removed; the kind cannot change.
        /// An active member's new weight applies from this block on; a suspended member's
        /// applies when reinstated.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `UnknownMember`, `MemberRemoved`,
        /// `KindImmutable`, and the profile errors of `register_member`. Events:
        /// `MemberUpdated`, `WeightChanged` (when the weight moves).
        #[ink(message)]
        fn update_member(&mut self, account: AccountId, profile: MemberProfile) -> Result<()> {
            self.ensure_admin()?;
            let mut member = self.members.get(account).ok_or(Error::UnknownMember)?;
            if member.status == MemberStatus::Removed {
                return Err(Error::MemberRemoved);
            }
            if member.profile.kind != profile.kind {
                return Err(Error::KindImmutable);
            }
            Self::ensure_valid_profile(&profile)?;
            let old = core::mem::replace(&mut member.profile, profile);
            self.count_admin_change();
            if member.is_active() {
                self.count_active(&old, false);
                self.count_active(&member.profile, true);
                self.set_weight(account, member.profile.weight);
            }
            self.members.insert(account, &member);
            self.env().emit_event(MemberUpdated {
                account,
                old,
                new: member.profile,
            });
            Ok(())
        }

        /// Suspends an active member: weight 0 from this block on, out of the counters.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `UnknownMember`, `MemberRemoved`,
        /// `NotActive`. Events: `MemberSuspended`, `WeightChanged`.
        #[ink(message)]
        fn suspend_member(&mut self, account: AccountId) -> Result<()> {
            self.ensure_admin()?;
            let mut member = self.members.get(account).ok_or(Error::UnknownMember)?;
            match member.status {
                MemberStatus::Removed => return Err(Error::MemberRemoved),
                MemberStatus::Suspended => return Err(Error::NotActive),
                MemberStatus::Active => {}
            }
            member.status = MemberStatus::Suspended;
            self.count_admin_change();
            self.members.insert(account, &member);
            self.count_active(&member.profile, false);
            self.set_weight(account, 0);
            self.env().emit_event(MemberSuspended { account });
            Ok(())
        }

        /// Reinstates a suspended member with the weight of its profile.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `UnknownMember`, `MemberRemoved`,
        /// `NotSuspended`. Events: `MemberReinstated`, `WeightChanged`.
        #[ink(message)]
        fn reinstate_member(&mut self, account: AccountId) -> Result<()> {
            self.ensure_admin()?;
            let mut member = self.members.get(account).ok_or(Error::UnknownMember)?;
            match member.status {
                MemberStatus::Removed => return Err(Error::MemberRemoved),
                MemberStatus::Active => return Err(Error::NotSuspended),
                MemberStatus::Suspended => {}
            }
            member.status = MemberStatus::Active;
            self.count_admin_change();
            self.members.insert(account, &member);
            self.count_active(&member.profile, true);
            self.set_weight(account, member.profile.weight);
            self.env().emit_event(MemberReinstated { account });
            Ok(())
        }

        /// Removes a member for good: weight 0 from this block on, out of the counters.
        /// The record and its checkpoints stay, so ballots whose snapshot predates the
        /// removal still read its weight; a bound key stays bound for the same reason.
        ///
        /// Caller: the admin. Errors: `NotAdmin`, `UnknownMember`, `MemberRemoved`.
        /// Events: `MemberRemoved`, `WeightChanged` (if it was active).
        #[ink(message)]
        fn remove_member(&mut self, account: AccountId) -> Result<()> {
            self.ensure_admin()?;
            let mut member = self.members.get(account).ok_or(Error::UnknownMember)?;
            if member.status == MemberStatus::Removed {
                return Err(Error::MemberRemoved);
            }
            if member.is_active() {
                self.count_active(&member.profile, false);
            }
            member.status = MemberStatus::Removed;
            self.count_admin_change();
            self.members.insert(account, &member);
            self.set_weight(account, 0);
            self.env().emit_event(MemberRemoved { account });
            Ok(())
        }

        /// What the registry holds, in O(1): the count and running hash of its
        /// registrations (`agora_types::registration_digest`: account, profile and the key
        /// bound at registration, in order) and how many admin changes to members followed
        /// (updates, suspensions, reinstatements, removals, keys the admin revoked; a
        /// member's own key changes are not counted). The hub records the bootstrap only if
        /// the registrations are the founders it was built with and no change followed.
        /// Anyone may call.
        #[ink(message)]
        fn registrations(&self) -> Registrations {
            Registrations {
                founders: FounderSet {
                    count: self.member_count,
                    digest: self.registration_digest,
                },
                admin_changes: self.admin_changes,
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use agora_types::{
            signing_hash,
            testing::{key_binding, public_key, secret, sign},
            PerspectiveSet, BIND_KEY_DOMAIN, MAX_MEMBER_WEIGHT, MAX_URI_LEN,
        };
        use ink::env::{
            test::{self, DefaultAccounts},
            DefaultEnvironment,
        };

        const TAG: &str = "agora-test";

        fn accounts() -> DefaultAccounts<DefaultEnvironment> {
            test::default_accounts::<DefaultEnvironment>()
        }

        fn set_caller(account: AccountId) {
            test::set_caller::<DefaultEnvironment>(account);
        }

        fn advance_to(block: BlockNumber) {
            while ink::env::block_number::<DefaultEnvironment>() < block {
                test::advance_block::<DefaultEnvironment>();
            }
        }

        fn events() -> usize {
            test::recorded_events().count()
        }

        fn registry() -> AgentRegistry {
            set_caller(accounts().alice);
            AgentRegistry::new(TAG.into()).expect("valid chain tag")
        }

        fn human(weight: Weight, perspectives: &[Perspective]) -> MemberProfile {
            MemberProfile {
                kind: MemberKind::Human,
                perspectives: perspectives.iter().copied().collect(),
                weight,
                metadata_uri: "ipfs://member".into(),
                operator: None,
            }
        }

        fn agent(weight: Weight, perspectives: &[Perspective]) -> MemberProfile {
            MemberProfile {
                kind: MemberKind::Agent,
                operator: Some(accounts().alice),
                ..human(weight, perspectives)
            }
        }

        fn binding_for(seed: u8, tag: &str, account: AccountId) -> KeyBinding {
            key_binding(
                &secret(seed),
                tag,
                test::callee::<DefaultEnvironment>(),
                account,
            )
        }

        #[ink::test]
        fn new_rejects_empty_or_overlong_chain_tag() {
            assert!(matches!(
                AgentRegistry::new(String::new()),
                Err(Error::InvalidChainTag)
            ));
            let long = "x".repeat(MAX_CHAIN_TAG_LEN + 1);
            assert!(matches!(
                AgentRegistry::new(long),
                Err(Error::InvalidChainTag)
            ));
            let exact = "x".repeat(MAX_CHAIN_TAG_LEN);
            assert!(AgentRegistry::new(exact).is_ok());
        }

        #[ink::test]
        fn register_member_works() {
            let mut r = registry();
            let bob = accounts().bob;
            advance_to(3);
            let before = events();
            let profile = human(10, &[Perspective::Safety, Perspective::Ethics]);
            assert_eq!(r.register_member(bob, profile.clone(), None), Ok(()));
            let m = r.member(bob).expect("registered");
            assert_eq!(m.profile, profile);
            assert_eq!(m.status, MemberStatus::Active);
            assert_eq!(m.joined_at, 3);
            assert_eq!(m.signing_key, None);
            assert!(r.is_active(bob));
            assert_eq!(r.member_count(), 1);
            assert_eq!(r.active_count(MemberKind::Human), 1);
            assert_eq!(r.active_count(MemberKind::Agent), 0);
            assert_eq!(r.perspective_count(Perspective::Safety), 1);
            assert_eq!(r.perspective_count(Perspective::Ethics), 1);
            assert_eq!(r.perspective_count(Perspective::Creativity), 0);
            assert_eq!(r.weight_at(bob, 3), 10);
            assert_eq!(r.weight_at(bob, 2), 0);
            assert_eq!(r.total_weight_at(3), 10);
            // MemberRegistered + WeightChanged
            assert_eq!(events() - before, 2);
        }

        #[ink::test]
        fn registrations_hash_each_registration_and_count_every_admin_change() {
            let mut r = registry();
            let (bob, charlie) = (accounts().bob, accounts().charlie);
            assert_eq!(r.registrations(), Registrations::default());
            let binding = binding_for(1, TAG, bob);
            let safety = human(1, &[Perspective::Safety]);
            r.register_member(bob, safety.clone(), Some(binding))
                .expect("registered");
            r.register_member(charlie, safety.clone(), None)
                .expect("registered");
            // The same registrations pushed off-chain give the same commitment.
            let mut expected = agora_types::FounderSet::EMPTY;
            expected.push(&bob, &safety, Some(binding.key));
            expected.push(&charlie, &safety, None);
            assert_eq!(
                r.registrations(),
                Registrations {
                    founders: expected,
                    admin_changes: 0
                }
            );
            // A member's own key change is not an admin change; the admin's are.
            set_caller(bob);
            r.revoke_signing_key(bob).expect("own key revoked");
            assert_eq!(r.registrations().admin_changes, 0);
            set_caller(accounts().alice);
            r.update_member(charlie, human(2, &[Perspective::Safety]))
                .expect("updated");
            r.suspend_member(charlie).expect("suspended");
            r.reinstate_member(charlie).expect("reinstated");
            r.remove_member(charlie).expect("removed");
            set_caller(bob);
            r.set_signing_key(binding).expect("bound again");
            set_caller(accounts().alice);
            r.revoke_signing_key(bob).expect("revoked by the admin");
            assert_eq!(r.registrations().admin_changes, 5);
            assert_eq!(
                r.registrations().founders,
                expected,
                "registrations unchanged"
            );
            // A refused change counts nothing.
            assert_eq!(r.remove_member(charlie), Err(Error::MemberRemoved));
            assert_eq!(r.registrations().admin_changes, 5);
        }

        #[ink::test]
        fn register_by_non_admin_fails() {
            let mut r = registry();
            set_caller(accounts().bob);
            assert_eq!(
                r.register_member(accounts().bob, human(1, &[Perspective::Safety]), None),
                Err(Error::NotAdmin)
            );
            assert_eq!(r.member_count(), 0);
        }

        #[ink::test]
        fn register_existing_member_fails() {
            let mut r = registry();
            let bob = accounts().bob;
            r.register_member(bob, human(1, &[Perspective::Safety]), None)
                .expect("first registration");
            assert_eq!(
                r.register_member(bob, human(5, &[Perspective::Ethics]), None),
                Err(Error::AlreadyRegistered)
            );
            assert_eq!(r.member(bob).map(|m| m.profile.weight), Some(1));
            assert_eq!(r.member_count(), 1);
        }

        #[ink::test]
        fn register_with_invalid_profile_fails_and_changes_nothing() {
            let mut r = registry();
            let bob = accounts().bob;
            let ok = human(1, &[Perspective::Safety]);
            let cases = [
                (
                    MemberProfile {
                        perspectives: PerspectiveSet::empty(),
                        ..ok.clone()
                    },
                    Error::InvalidPerspectives,
                ),
                (
                    MemberProfile {
                        perspectives: PerspectiveSet(1 << PERSPECTIVE_COUNT),
                        ..ok.clone()
                    },
                    Error::InvalidPerspectives,
                ),
                (
                    MemberProfile {
                        weight: 0,
                        ..ok.clone()
                    },
                    Error::WeightOutOfRange,
                ),
                (
                    MemberProfile {
                        weight: MAX_MEMBER_WEIGHT + 1,
                        ..ok.clone()
                    },
                    Error::WeightOutOfRange,
                ),
                (
                    MemberProfile {
                        metadata_uri: "u".repeat(MAX_URI_LEN + 1),
                        ..ok.clone()
                    },
                    Error::UriTooLong,
                ),
                (
                    MemberProfile {
                        kind: MemberKind::Agent,
                        ..ok.clone()
                    },
                    Error::OperatorRequired,
                ),
                (
                    MemberProfile {
                        operator: Some(accounts().charlie),
                        ..ok.clone()
                    },
                    Error::OperatorNotAllowed,
                ),
            ];
            for (profile, error) in cases {
                assert_eq!(r.register_member(bob, profile, None), Err(error));
            }
            assert_eq!(r.member(bob), None);
            assert_eq!(r.member_count(), 0);
            assert_eq!(r.active_count(MemberKind::Human), 0);
            assert_eq!(r.total_weight_at(0), 0);
            let max = MemberProfile {
                weight: MAX_MEMBER_WEIGHT,
                metadata_uri: "u".repeat(MAX_URI_LEN),
                ..ok
            };
            assert_eq!(r.register_member(bob, max, None), Ok(()));
        }

        #[ink::test]
        fn register_agent_with_key_binds_it() {
            let mut r = registry();
            let charlie = accounts().charlie;
            let binding = binding_for(1, TAG, charlie);
            assert_eq!(
                r.register_member(charlie, agent(3, &[Perspective::Efficiency]), Some(binding)),
                Ok(())
            );
            assert_eq!(r.member_by_signer(binding.key), Some(charlie));
            assert_eq!(
                r.member(charlie).and_then(|m| m.signing_key),
                Some(binding.key)
            );
            assert_eq!(r.active_count(MemberKind::Agent), 1);
        }

        #[ink::test]
        fn register_with_a_proof_for_another_account_fails() {
            let mut r = registry();
            let charlie = accounts().charlie;
            let binding = binding_for(1, TAG, accounts().django);
            assert_eq!(
                r.register_member(charlie, agent(3, &[Perspective::Efficiency]), Some(binding)),
                Err(Error::ProofMismatch)
            );
            assert_eq!(r.member(charlie), None);
            assert_eq!(r.member_by_signer(binding.key), None);
        }

        #[ink::test]
        fn set_signing_key_binds_and_rotation_frees_the_old_key() {
            let mut r = registry();
            let bob = accounts().bob;
            r.register_member(bob, human(1, &[Perspective::Safety]), None)
                .expect("registered");
            set_caller(bob);
            let first = binding_for(1, TAG, bob);
            assert_eq!(r.set_signing_key(first), Ok(()));
            assert_eq!(r.member_by_signer(first.key), Some(bob));
            let second = binding_for(2, TAG, bob);
            assert_eq!(r.set_signing_key(second), Ok(()));
            assert_eq!(r.member_by_signer(second.key), Some(bob));
            assert_eq!(r.member_by_signer(first.key), None);
            assert_eq!(r.member(bob).and_then(|m| m.signing_key), Some(second.key));
            // The freed key can now be bound by someone else.
            set_caller(accounts().alice);
            let charlie = accounts().charlie;
            r.register_member(charlie, human(1, &[Perspective::Ethics]), None)
                .expect("registered");
            set_caller(charlie);
            assert_eq!(r.set_signing_key(binding_for(1, TAG, charlie)), Ok(()));
        }

        #[ink::test]
        fn set_signing_key_rejects_bad_keys_and_proofs() {
            let mut r = registry();
            let (bob, charlie) = (accounts().bob, accounts().charlie);
            for account in [bob, charlie] {
                r.register_member(account, human(1, &[Perspective::Safety]), None)
                    .expect("registered");
            }
            set_caller(charlie);
            r.set_signing_key(binding_for(9, TAG, charlie))
                .expect("charlie's key");
            set_caller(bob);

            let mut bad_prefix = binding_for(1, TAG, bob);
            bad_prefix.key[0] = 0x04;
            let mut wrong_key = binding_for(1, TAG, bob);
            wrong_key.key = binding_for(2, TAG, bob).key;
            let mut high_s = binding_for(1, TAG, bob);
            high_s.proof[32] = 0xff;
            let mut bad_v = binding_for(1, TAG, bob);
            bad_v.proof[64] = 27;
            let cases = [
                (bad_prefix, Error::InvalidSigningKey),
                (wrong_key, Error::ProofMismatch),
                (binding_for(1, TAG, charlie), Error::ProofMismatch),
                (binding_for(1, "other-chain", bob), Error::ProofMismatch),
                (
                    high_s,
                    Error::BadSignature(agora_types::SignatureError::HighS),
                ),
                (
                    bad_v,
                    Error::BadSignature(agora_types::SignatureError::InvalidRecoveryId),
                ),
                (binding_for(9, TAG, bob), Error::KeyAlreadyBound),
            ];
            for (binding, error) in cases {
                assert_eq!(r.set_signing_key(binding), Err(error));
            }
            assert_eq!(r.member(bob).and_then(|m| m.signing_key), None);

            set_caller(accounts().django);
            assert_eq!(
                r.set_signing_key(binding_for(3, TAG, accounts().django)),
                Err(Error::CallerNotMember)
            );
        }

        #[ink::test]
        fn proof_over_another_registry_address_fails() {
            let mut r = registry();
            let bob = accounts().bob;
            r.register_member(bob, human(1, &[Perspective::Safety]), None)
                .expect("registered");
            set_caller(bob);
            let secret = secret(4);
            let hash = signing_hash(
                BIND_KEY_DOMAIN,
                &agora_types::BindKeyPayload {
                    chain_tag: TAG.into(),
                    registry: accounts().frank,
                    account: bob,
                },
            );
            let binding = KeyBinding {
                key: public_key(&secret),
                proof: sign(&secret, &hash),
            };
            assert_eq!(r.set_signing_key(binding), Err(Error::ProofMismatch));
        }

        #[ink::test]
        fn revoke_signing_key_by_member_or_admin_only() {
            let mut r = registry();
            let bob = accounts().bob;
            let binding = binding_for(1, TAG, bob);
            r.register_member(bob, human(1, &[Perspective::Safety]), Some(binding))
                .expect("registered");
            set_caller(accounts().charlie);
            assert_eq!(r.revoke_signing_key(bob), Err(Error::NotAdmin));
            assert_eq!(r.member_by_signer(binding.key), Some(bob));
            set_caller(bob);
            assert_eq!(r.revoke_signing_key(bob), Ok(()));
            assert_eq!(r.member_by_signer(binding.key), None);
            assert_eq!(r.revoke_signing_key(bob), Err(Error::NoSigningKey));
            set_caller(bob);
            r.set_signing_key(binding).expect("bound again");
            set_caller(accounts().alice);
            assert_eq!(r.revoke_signing_key(bob), Ok(()));
            assert_eq!(
                r.revoke_signing_key(accounts().eve),
                Err(Error::UnknownMember)
            );
        }

        #[ink::test]
        fn update_member_moves_counters_and_weight() {
            let mut r = registry();
            let bob = accounts().bob;
            r.register_member(bob, human(4, &[Perspective::Safety]), None)
                .expect("registered");
            advance_to(2);
            let new = human(7, &[Perspective::Ethics, Perspective::Finance]);
            assert_eq!(r.update_member(bob, new.clone()), Ok(()));
            assert_eq!(r.member(bob).map(|m| m.profile), Some(new));
            assert_eq!(r.perspective_count(Perspective::Safety), 0);
            assert_eq!(r.perspective_count(Perspective::Ethics), 1);
            assert_eq!(r.perspective_count(Perspective::Finance), 1);
            assert_eq!(r.active_count(MemberKind::Human), 1);
            assert_eq!(r.weight_at(bob, 1), 4);
            assert_eq!(r.weight_at(bob, 2), 7);
            assert_eq!(r.total_weight_at(2), 7);
        }

        #[ink::test]
        fn update_member_errors_change_nothing() {
            let mut r = registry();
            let bob = accounts().bob;
            let profile = human(4, &[Perspective::Safety]);
            r.register_member(bob, profile.clone(), None)
                .expect("registered");
            assert_eq!(
                r.update_member(accounts().eve, profile.clone()),
                Err(Error::UnknownMember)
            );
            assert_eq!(
                r.update_member(bob, agent(4, &[Perspective::Safety])),
                Err(Error::KindImmutable)
            );
            assert_eq!(
                r.update_member(bob, human(0, &[Perspective::Safety])),
                Err(Error::WeightOutOfRange)
            );
            set_caller(bob);
            assert_eq!(
                r.update_member(bob, human(9, &[Perspective::Safety])),
                Err(Error::NotAdmin)
            );
            set_caller(accounts().alice);
            r.remove_member(bob).expect("removed");
            assert_eq!(
                r.update_member(bob, profile.clone()),
                Err(Error::MemberRemoved)
            );
            assert_eq!(r.member(bob).map(|m| m.profile), Some(profile));
        }

        #[ink::test]
        fn update_of_suspended_member_applies_weight_on_reinstatement() {
            let mut r = registry();
            let bob = accounts().bob;
            r.register_member(bob, human(4, &[Perspective::Safety]), None)
                .expect("registered");
            advance_to(1);
            r.suspend_member(bob).expect("suspended");
            advance_to(2);
            r.update_member(bob, human(6, &[Perspective::Ethics]))
                .expect("updated");
            assert_eq!(r.weight_at(bob, 2), 0);
            assert_eq!(r.perspective_count(Perspective::Ethics), 0);
            advance_to(3);
            r.reinstate_member(bob).expect("reinstated");
            assert_eq!(r.weight_at(bob, 3), 6);
            assert_eq!(r.perspective_count(Perspective::Ethics), 1);
            assert_eq!(r.perspective_count(Perspective::Safety), 0);
        }

        #[ink::test]
        fn standing_at_reads_past_weight_with_kind_and_current_perspectives() {
            let mut r = registry();
            let bob = accounts().bob;
            assert_eq!(r.standing_at(bob, 0), None);
            r.register_member(bob, human(4, &[Perspective::Safety]), None)
                .expect("registered");
            advance_to(1);
            r.update_member(bob, human(9, &[Perspective::Ethics]))
                .expect("updated");
            advance_to(2);
            r.remove_member(bob).expect("removed");
            let at = |block| r.standing_at(bob, block).expect("registered once");
            assert_eq!(at(0).weight, 4);
            assert_eq!(at(1).weight, 9);
            assert_eq!(at(2).weight, 0);
            for block in 0..3 {
                assert_eq!(at(block).kind, MemberKind::Human);
                assert_eq!(
                    at(block).perspectives,
                    PerspectiveSet::of(Perspective::Ethics)
                );
            }
        }

        #[ink::test]
        fn suspend_reinstate_and_remove_follow_the_status_rules() {
            let mut r = registry();
            let bob = accounts().bob;
            r.register_member(bob, human(5, &[Perspective::Safety]), None)
                .expect("registered");
            assert_eq!(r.reinstate_member(bob), Err(Error::NotSuspended));
            advance_to(1);
            assert_eq!(r.suspend_member(bob), Ok(()));
            assert_eq!(r.suspend_member(bob), Err(Error::NotActive));
            assert!(!r.is_active(bob));
            assert_eq!(r.active_count(MemberKind::Human), 0);
            assert_eq!(r.perspective_count(Perspective::Safety), 0);
            assert_eq!(r.weight_at(bob, 1), 0);
            assert_eq!(r.total_weight_at(1), 0);
            advance_to(2);
            assert_eq!(r.reinstate_member(bob), Ok(()));
            assert_eq!(r.active_count(MemberKind::Human), 1);
            assert_eq!(r.weight_at(bob, 2), 5);
            advance_to(3);
            assert_eq!(r.remove_member(bob), Ok(()));
            assert_eq!(r.member(bob).map(|m| m.status), Some(MemberStatus::Removed));
            assert_eq!(r.active_count(MemberKind::Human), 0);
            assert_eq!(r.perspective_count(Perspective::Safety), 0);
            assert_eq!(r.weight_at(bob, 3), 0);
            // History stays readable for snapshots before the removal.
            assert_eq!(r.weight_at(bob, 2), 5);
            assert_eq!(r.total_weight_at(2), 5);
            for result in [
                r.remove_member(bob),
                r.suspend_member(bob),
                r.reinstate_member(bob),
            ] {
                assert_eq!(result, Err(Error::MemberRemoved));
            }
            assert_eq!(
                r.register_member(bob, human(1, &[Perspective::Safety]), None),
                Err(Error::AlreadyRegistered)
            );
            assert_eq!(r.suspend_member(accounts().eve), Err(Error::UnknownMember));
            set_caller(bob);
            assert_eq!(r.remove_member(bob), Err(Error::NotAdmin));
        }

        #[ink::test]
        fn removing_a_suspended_member_keeps_counters_exact() {
            let mut r = registry();
            let (bob, charlie) = (accounts().bob, accounts().charlie);
            r.register_member(bob, human(5, &[Perspective::Safety]), None)
                .expect("registered");
            r.register_member(charlie, agent(2, &[Perspective::Safety]), None)
                .expect("registered");
            r.suspend_member(bob).expect("suspended");
            r.remove_member(bob).expect("removed");
            assert_eq!(r.perspective_count(Perspective::Safety), 1);
            assert_eq!(r.active_count(MemberKind::Human), 0);
            assert_eq!(r.active_count(MemberKind::Agent), 1);
            assert_eq!(r.total_weight_at(0), 2);
        }

        #[ink::test]
        fn weight_checkpoints_answer_for_any_past_block() {
            let mut r = registry();
            let bob = accounts().bob;
            advance_to(5);
            r.register_member(bob, human(10, &[Perspective::Safety]), None)
                .expect("registered at 5");
            advance_to(9);
            r.update_member(bob, human(20, &[Perspective::Safety]))
                .expect("20 at 9");
            advance_to(20);
            r.update_member(bob, human(30, &[Perspective::Safety]))
                .expect("30 at 20");
            for (block, weight) in [
                (4, 0),
                (5, 10),
                (8, 10),
                (9, 20),
                (19, 20),
                (20, 30),
                (1000, 30),
            ] {
                assert_eq!(r.weight_at(bob, block), weight, "weight at block {block}");
                assert_eq!(r.total_weight_at(block), weight, "total at block {block}");
            }
            assert_eq!(r.checkpoint_count(bob), 3);
            assert_eq!(
                r.checkpoint(bob, 1),
                Some(Checkpoint {
                    block: 9,
                    weight: 20
                })
            );
        }

        #[ink::test]
        fn many_checkpoints_are_searched_correctly() {
            let mut r = registry();
            let bob = accounts().bob;
            r.register_member(bob, human(1, &[Perspective::Safety]), None)
                .expect("registered");
            for block in 1..=100u32 {
                advance_to(block * 3);
                r.update_member(bob, human(u128::from(block) + 1, &[Perspective::Safety]))
                    .expect("updated");
            }
            assert_eq!(r.checkpoint_count(bob), 101);
            for query in 0..=305u32 {
                let expected = u128::from(query / 3) + 1;
                assert_eq!(r.weight_at(bob, query), expected.min(101), "block {query}");
            }
        }

        #[ink::test]
        fn at_most_one_checkpoint_per_block() {
            let mut r = registry();
            let bob = accounts().bob;
            advance_to(2);
            r.register_member(bob, human(1, &[Perspective::Safety]), None)
                .expect("registered");
            r.update_member(bob, human(2, &[Perspective::Safety]))
                .expect("updated");
            r.suspend_member(bob).expect("suspended");
            r.reinstate_member(bob).expect("reinstated");
            assert_eq!(r.checkpoint_count(bob), 1);
            assert_eq!(r.weight_at(bob, 2), 2);
            assert_eq!(r.weight_at(bob, 1), 0);
        }

        #[ink::test]
        fn total_weight_tracks_every_member_over_time() {
            let mut r = registry();
            let a = accounts();
            advance_to(1);
            r.register_member(a.bob, human(3, &[Perspective::Safety]), None)
                .expect("bob");
            advance_to(2);
            r.register_member(a.charlie, agent(4, &[Perspective::Ethics]), None)
                .expect("charlie");
            advance_to(3);
            r.suspend_member(a.bob).expect("bob suspended");
            advance_to(4);
            r.update_member(a.charlie, agent(10, &[Perspective::Ethics]))
                .expect("charlie updated");
            for (block, total) in [(0, 0), (1, 3), (2, 7), (3, 4), (4, 10), (50, 10)] {
                assert_eq!(r.total_weight_at(block), total, "total at {block}");
            }
        }

        #[ink::test]
        fn members_pages_in_registration_order() {
            let mut r = registry();
            let a = accounts();
            let all = [a.bob, a.charlie, a.django, a.eve, a.frank];
            for account in all {
                r.register_member(account, human(1, &[Perspective::Safety]), None)
                    .expect("registered");
            }
            let page = r.members(1, 3).expect("page");
            assert_eq!(
                page.iter().map(|m| m.account).collect::<Vec<_>>(),
                all[1..4].to_vec()
            );
            assert_eq!(r.members(4, 10).map(|p| p.len()), Ok(1));
            assert_eq!(r.members(5, 10).map(|p| p.len()), Ok(0));
            assert_eq!(r.members(u32::MAX, MAX_PAGE).map(|p| p.len()), Ok(0));
            assert_eq!(r.members(0, MAX_PAGE + 1), Err(Error::LimitTooLarge));
        }

        #[ink::test]
        fn a_full_page_of_largest_members_fits_the_return_buffer() {
            use ink::scale::Encode;
            let mut r = registry();
            for i in 0..MAX_PAGE {
                let account = AccountId::from([i as u8 + 10; 32]);
                let profile = MemberProfile {
                    metadata_uri: "u".repeat(MAX_URI_LEN),
                    weight: MAX_MEMBER_WEIGHT,
                    perspectives: PerspectiveSet(PerspectiveSet::VALID_MASK),
                    ..agent(1, &[])
                };
                let binding = binding_for(i as u8 + 1, TAG, account);
                r.register_member(account, profile, Some(binding))
                    .expect("registered");
            }
            let page = r.members(0, MAX_PAGE).expect("full page");
            assert_eq!(page.len(), MAX_PAGE as usize);
            let encoded = Ok::<_, Error>(page).encode().len();
            assert!(
                encoded < 16 * 1024,
                "a full page encodes to {encoded} bytes"
            );
        }

        #[ink::test]
        fn the_admin_role_passes_on_acceptance_for_good() {
            let mut r = registry();
            let (alice, bob) = (accounts().alice, accounts().bob);
            assert_eq!(r.admin(), alice);
            assert_eq!(
                r.transfer_admin(AccountId::from([0; 32])),
                Err(AdminError::ZeroAddress)
            );
            assert_eq!(r.transfer_admin(bob), Ok(()));
            // An offer changes no privilege until it is accepted.
            assert_eq!((r.admin(), r.pending_admin()), (alice, Some(bob)));
            set_caller(accounts().eve);
            assert_eq!(r.accept_admin(), Err(AdminError::NotOffered));
            set_caller(bob);
            assert_eq!(r.accept_admin(), Ok(()));
            assert_eq!((r.admin(), r.pending_admin()), (bob, None));
            set_caller(alice);
            assert_eq!(r.transfer_admin(alice), Err(AdminError::NotAdmin));
            assert_eq!(
                r.register_member(accounts().eve, human(1, &[Perspective::Safety]), None),
                Err(Error::NotAdmin)
            );
            set_caller(bob);
            assert_eq!(
                r.register_member(accounts().eve, human(1, &[Perspective::Safety]), None),
                Ok(())
            );
        }
    }
}
