//! The agent registry deployed from its real bundle.

use crate::harness::{account, public_key, secret, sign, CallError, Chain};
use agora_types::{
    bind_key_hash, AdminError, KeyBinding, Member, MemberKind, MemberProfile, MemberStatus,
    Perspective, PerspectiveSet, RegistryError, MAX_MEMBER_WEIGHT, MAX_URI_LEN,
};
use ink::primitives::AccountId;

#[drink::contract_bundle_provider]
pub enum BundleProvider {}

const TAG: &str = "agora-drink";
/// `agent_registry::MAX_PAGE` (the bundle's page bound).
const MAX_PAGE: u32 = 32;

fn profile(kind: MemberKind, weight: u128, perspectives: &[Perspective]) -> MemberProfile {
    MemberProfile {
        kind,
        perspectives: perspectives.iter().copied().collect(),
        weight,
        metadata_uri: "ipfs://member".into(),
        operator: (kind == MemberKind::Agent).then(Chain::alice),
    }
}

fn deploy(chain: &mut Chain) -> AccountId {
    let bundle = BundleProvider::AgentRegistry
        .bundle()
        .expect("registry bundle");
    chain.deploy(&bundle, "new", String::from(TAG), Chain::alice(), &[])
}

fn register(
    chain: &mut Chain,
    registry: AccountId,
    who: AccountId,
    profile: MemberProfile,
    key: Option<KeyBinding>,
) -> Result<(), RegistryError> {
    chain
        .call::<_, Result<(), RegistryError>>(
            registry,
            Chain::alice(),
            "MemberRegistry::register_member",
            (who, profile, key),
        )
        .expect("register_member dispatches")
}

#[test]
fn register_then_reweight_then_query_past_weights() {
    let mut chain = Chain::new();
    let registry = deploy(&mut chain);
    let bob = account(2);

    chain.advance_to(5);
    register(
        &mut chain,
        registry,
        bob,
        profile(MemberKind::Human, 10, &[Perspective::Safety]),
        None,
    )
    .expect("registered");
    chain.advance_to(9);
    let update: Result<(), RegistryError> = chain
        .call(
            registry,
            Chain::alice(),
            "MemberRegistry::update_member",
            (bob, profile(MemberKind::Human, 25, &[Perspective::Ethics])),
        )
        .expect("dispatch");
    assert_eq!(update, Ok(()));
    chain.advance_to(12);

    for (block, weight) in [(4u32, 0u128), (5, 10), (8, 10), (9, 25), (11, 25)] {
        let at: u128 = chain.query(registry, "MemberRegistry::weight_at", (bob, block));
        let total: u128 = chain.query(registry, "MemberRegistry::total_weight_at", block);
        assert_eq!((at, total), (weight, weight), "block {block}");
    }
    let member: Option<Member> = chain.query(registry, "MemberRegistry::member", bob);
    let member = member.expect("bob is a member");
    assert_eq!(member.joined_at, 5);
    assert_eq!(member.status, MemberStatus::Active);
    let ethics: u32 = chain.query(
        registry,
        "MemberRegistry::perspective_count",
        Perspective::Ethics,
    );
    let safety: u32 = chain.query(
        registry,
        "MemberRegistry::perspective_count",
        Perspective::Safety,
    );
    assert_eq!((ethics, safety), (1, 0));
}

#[test]
fn key_proof_is_checked_by_the_chains_ecdsa_recover() {
    let mut chain = Chain::new();
    let registry = deploy(&mut chain);
    let agent = account(3);
    chain.fund(agent);
    let key = secret(3);
    let proof = sign(&key, &bind_key_hash(TAG, registry, agent));
    let binding = KeyBinding {
        key: public_key(&key),
        proof,
    };
    register(
        &mut chain,
        registry,
        agent,
        profile(MemberKind::Agent, 1, &[Perspective::Creativity]),
        None,
    )
    .expect("registered");

    // A proof for another chain tag is refused and binds nothing.
    let wrong_chain = KeyBinding {
        proof: sign(&key, &bind_key_hash("other", registry, agent)),
        ..binding
    };
    let refused: Result<(), RegistryError> = chain
        .call(registry, agent, "set_signing_key", wrong_chain)
        .expect("dispatch");
    assert_eq!(refused, Err(RegistryError::ProofMismatch));
    let owner: Option<AccountId> =
        chain.query(registry, "MemberRegistry::member_by_signer", binding.key);
    assert_eq!(owner, None);

    let bound: Result<(), RegistryError> = chain
        .call(registry, agent, "set_signing_key", binding)
        .expect("dispatch");
    assert_eq!(bound, Ok(()));
    let owner: Option<AccountId> =
        chain.query(registry, "MemberRegistry::member_by_signer", binding.key);
    assert_eq!(owner, Some(agent));
}

#[test]
fn failed_registration_reverts_everything() {
    let mut chain = Chain::new();
    let registry = deploy(&mut chain);
    let stranger = account(9);
    chain.fund(stranger);
    let refused: Result<(), RegistryError> = chain
        .call(
            registry,
            stranger,
            "MemberRegistry::register_member",
            (
                stranger,
                profile(MemberKind::Human, 1, &[Perspective::Safety]),
                None::<KeyBinding>,
            ),
        )
        .expect("dispatch");
    assert_eq!(refused, Err(RegistryError::NotAdmin));
    let count: u32 = chain.query(registry, "member_count", ());
    assert_eq!(count, 0);
}

#[test]
fn a_full_page_of_the_largest_members_is_returned() {
    let mut chain = Chain::new();
    let registry = deploy(&mut chain);
    for i in 0..MAX_PAGE {
        let who = account(100 + i as u8);
        let key = secret(100 + i as u8);
        let binding = KeyBinding {
            key: public_key(&key),
            proof: sign(&key, &bind_key_hash(TAG, registry, who)),
        };
        let largest = MemberProfile {
            perspectives: PerspectiveSet(PerspectiveSet::VALID_MASK),
            weight: MAX_MEMBER_WEIGHT,
            metadata_uri: "u".repeat(MAX_URI_LEN),
            ..profile(MemberKind::Agent, 1, &[])
        };
        register(&mut chain, registry, who, largest, Some(binding)).expect("registered");
    }
    let page: Result<Vec<Member>, RegistryError> =
        chain.query(registry, "members", (0u32, MAX_PAGE));
    assert_eq!(page.map(|p| p.len()), Ok(MAX_PAGE as usize));
    let over: Result<Vec<Member>, RegistryError> =
        chain.query(registry, "members", (0u32, MAX_PAGE + 1));
    assert_eq!(over, Err(RegistryError::LimitTooLarge));
}

#[test]
fn admin_handover_takes_an_offer_and_its_acceptance_and_is_one_way() {
    let mut chain = Chain::new();
    let registry = deploy(&mut chain);
    let hub = account(7);
    chain.fund(hub);
    chain.fund(account(8));
    let to_zero: Result<(), AdminError> = chain
        .call(
            registry,
            Chain::alice(),
            "Governed::transfer_admin",
            AccountId::from([0; 32]),
        )
        .expect("dispatch");
    assert_eq!(to_zero, Err(AdminError::ZeroAddress));
    let moved: Result<(), AdminError> = chain
        .call(registry, Chain::alice(), "Governed::transfer_admin", hub)
        .expect("dispatch");
    assert_eq!(moved, Ok(()));
    // Until the hub accepts, the deployer is still the admin and no one else may accept.
    let admin: AccountId = chain.query(registry, "Governed::admin", ());
    let pending: Option<AccountId> = chain.query(registry, "Governed::pending_admin", ());
    assert_eq!((admin, pending), (Chain::alice(), Some(hub)));
    let stranger: Result<(), AdminError> = chain
        .call(registry, account(8), "Governed::accept_admin", ())
        .expect("dispatch");
    assert_eq!(stranger, Err(AdminError::NotOffered));
    let accepted: Result<(), AdminError> = chain
        .call(registry, hub, "Governed::accept_admin", ())
        .expect("dispatch");
    assert_eq!(accepted, Ok(()));
    let again: Result<(), AdminError> = chain
        .call(
            registry,
            Chain::alice(),
            "Governed::transfer_admin",
            Chain::alice(),
        )
        .expect("dispatch");
    assert_eq!(again, Err(AdminError::NotAdmin));
    let admin: AccountId = chain.query(registry, "Governed::admin", ());
    assert_eq!(admin, hub);
}

#[test]
fn unknown_selector_is_a_language_error() {
    let mut chain = Chain::new();
    let registry = deploy(&mut chain);
    let result = chain.call::<_, ()>(registry, Chain::alice(), "no_such_message", ());
    assert!(matches!(result, Err(CallError::Lang(_))), "{result:?}");
}
