//! The founders of a deploy configuration as the registry will hold them, and the hub's
//! commitment to them (`agora_types::FounderSet`), shared by `deploy` (which builds the hub
//! with it) and `verify-deployment` (which checks the hub's against the configuration).

use agora_types::{FounderSet, MemberProfile};
use ink::primitives::AccountId;

use crate::core::{
    config::DeployConfig,
    encoding::parse_account,
    error::Result,
    keys::AgentKey,
    wire::{kind_from_name, perspectives_from_names, profile},
};

/// One founder of the deploy configuration, as the registry will hold it.
pub struct FounderPlan {
    /// How the notes name it.
    pub label: String,
    /// Its account.
    pub account: [u8; 32],
    /// Its profile.
    pub profile: MemberProfile,
    /// Its signing key, bound at registration (agents with a key file).
    pub key: Option<AgentKey>,
}

/// The founders of `config`, in registration order, with their profiles checked.
pub fn founders_of(config: &DeployConfig) -> Result<Vec<FounderPlan>> {
    config
        .founders
        .iter()
        .map(|f| {
            let account = parse_account(&f.account)?;
            let profile = profile(
                kind_from_name(&f.kind)?,
                perspectives_from_names(&f.perspectives)?,
                f.weight.value()?,
                f.metadata_uri.clone(),
                f.operator.as_deref().map(parse_account).transpose()?,
            )
            .map_err(|e| e.context(format!("founder {}", f.account)))?;
            let key = f
                .signing_key_file
                .as_deref()
                .map(|file| AgentKey::load(std::path::Path::new(file)))
                .transpose()?;
            Ok(FounderPlan {
                label: format!("{} ({}; {})", f.account, f.kind, f.perspectives.join("+")),
                account,
                profile,
                key,
            })
        })
        .collect()
}

/// The hub's commitment to `founders` (`agora_types::FounderSet`): what the registry's
/// `registrations()` must be when the bootstrap is recorded.
pub fn founder_set(founders: &[FounderPlan]) -> FounderSet {
    let mut set = FounderSet::EMPTY;
    for f in founders {
        set.push(
            &AccountId::from(f.account),
            &f.profile,
            f.key.as_ref().map(AgentKey::public),
        );
    }
    set
}
