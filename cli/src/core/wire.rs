//! The JSON dialect of the files agents and operators exchange: action lists, payload files,
//! signed envelopes and agent key files (docs/cli.md, "Files"; docs/signing.md).
//!
//! Every reading and writing of that dialect is here, so that it can be replaced in one place
//! by the serde types of agora-types. Nothing here changes the dialect: what the CLI read and
//! wrote before, it reads and writes the same.

use std::{
    borrow::Cow,
    path::{Path, PathBuf},
};

use agora_types::{
    Action, HubParams, KeyBinding, MemberKind, MemberProfile, Perspective, PerspectiveSet,
    ProposalPayload, RevisionPayload, Signature, VoteChoice, VotePayload, PROPOSAL_DOMAIN,
    REVISION_DOMAIN, VOTE_DOMAIN,
};
use ink::primitives::AccountId;
use scale::Encode;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::core::{
    contract_error::{describe, SuiteError},
    encoding::{
        bare_hex, blake2, hex0x, parse_account, parse_hex, parse_hex_vec, short_of, ss58_of,
    },
    error::{Failure, Result},
    names::variant_name,
};

// ----- names inside files -----

/// Reads a member kind as files write it: `human` or `agent` (any case; `ai` too).
pub fn kind_from_name(text: &str) -> Result<MemberKind> {
    match text.trim().to_ascii_lowercase().as_str() {
        "human" => Ok(MemberKind::Human),
        "agent" | "ai" => Ok(MemberKind::Agent),
        _ => Err(Failure::input(format!(
            "unknown member kind `{text}`; one of: human, agent"
        ))
        .into()),
    }
}

/// Reads a perspective name (any case; the names of `Perspective::name`).
pub fn perspective_from_name(text: &str) -> Result<Perspective> {
    Perspective::from_name(text.trim()).ok_or_else(|| {
        Failure::input(format!(
            "unknown perspective `{text}`; one of: {}",
            Perspective::ALL.map(Perspective::name).join(", ")
        ))
        .into()
    })
}

/// Reads perspective names (each may itself be a comma-separated list) into a set.
pub fn perspectives_from_names<S: AsRef<str>>(names: &[S]) -> Result<PerspectiveSet> {
    let mut set = PerspectiveSet::empty();
    for n in names {
        for part in n.as_ref().split(',').filter(|p| !p.trim().is_empty()) {
            set = set.with(perspective_from_name(part)?);
        }
    }
    Ok(set)
}

/// The names of a perspective set as files write them (`Safety`).
pub fn perspective_names(set: PerspectiveSet) -> Vec<String> {
    set.iter().map(|p| variant_name(&p)).collect()
}

/// Reads a vote choice: `for`, `against` or `abstain` (any case; yes/aye, no/nay too).
pub fn choice_from_name(text: &str) -> Result<VoteChoice> {
    match text.trim().to_ascii_lowercase().as_str() {
        "for" | "yes" | "aye" => Ok(VoteChoice::For),
        "against" | "no" | "nay" => Ok(VoteChoice::Against),
        "abstain" => Ok(VoteChoice::Abstain),
        _ => Err(Failure::input(format!(
            "unknown vote `{text}`; one of: for, against, abstain"
        ))
        .into()),
    }
}

/// Checks hub parameters against their bounds (`HubParams::check_bounds`), so a bad
/// configuration or `set_params` action is refused before anything is sent.
pub fn check_params(params: &HubParams) -> Result<()> {
    params.check_bounds().map_err(|p| {
        Failure::input(format!(
            "parameter out of bounds: {} (see docs/governance.md for the bounds)",
            describe(&p).text
        ))
        .into()
    })
}

/// A member profile from its parts, validated as the registry will.
pub fn profile(
    kind: MemberKind,
    perspectives: PerspectiveSet,
    weight: u128,
    metadata_uri: String,
    operator: Option<[u8; 32]>,
) -> Result<MemberProfile> {
    let p = MemberProfile {
        kind,
        perspectives,
        weight,
        metadata_uri,
        operator: operator.map(Into::into),
    };
    p.validate().map_err(|e| {
        let err = SuiteError::Registry(e);
        Failure::input(format!(
            "invalid member profile: {} ({})",
            err.describe().text,
            err.explain()
        ))
    })?;
    Ok(p)
}

// ----- actions -----

/// An amount as a JSON integer or a decimal string (u128 does not fit JSON numbers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Amount {
    /// A number.
    Number(u64),
    /// A decimal string.
    Text(String),
}

impl Amount {
    /// The amount.
    pub fn value(&self) -> Result<u128> {
        match self {
            Amount::Number(n) => Ok(u128::from(*n)),
            Amount::Text(t) => t
                .trim()
                .parse()
                .map_err(|_| Failure::input(format!("`{t}` is not an amount")).into()),
        }
    }

    /// As written: a decimal string.
    pub fn of(value: u128) -> Self {
        Amount::Text(value.to_string())
    }
}

/// The hub parameters' JSON Schema: the `[params]` shape of deploy/agora.toml as agora-types
/// serializes it (a sample test checks that what it writes validates).
pub fn hub_params_schema(generator: &mut SchemaGenerator) -> Schema {
    HubParamsShape::json_schema(generator)
}

/// The serialized shape of `HubParams`, for its schema only.
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "HubParams")]
struct HubParamsShape {
    review_window: u32,
    voting_window: u32,
    timelock: u32,
    grace_period: u32,
    review_rules: ReviewRulesShape,
    voting_rules: VotingRulesShape,
    max_open_per_member: u32,
    veto_threshold: u32,
    /// Decimal string.
    max_spend_per_proposal: crate::core::json::Dec,
    /// Decimal string.
    max_spend_per_period: crate::core::json::Dec,
    spending_period: u32,
}

#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "ReviewRules")]
struct ReviewRulesShape {
    min_reviews: u32,
    /// Lowercase perspective names.
    required_perspectives: Vec<LowerPerspective>,
    max_rejections: u32,
}

#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(rename = "VotingRules")]
struct VotingRulesShape {
    quorum_bps: u32,
    approval_threshold_bps: u32,
    require_both_kinds: bool,
}

/// A perspective by its lowercase name.
struct LowerPerspective;

impl JsonSchema for LowerPerspective {
    fn schema_name() -> Cow<'static, str> {
        "PerspectiveName".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = Perspective::ALL.iter().map(|p| p.name()).collect();
        json_schema!({"type": "string", "enum": names})
    }
}

/// An action as written in an actions or payload JSON file.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ActionJson {
    /// Pay from the treasury.
    Transfer {
        /// Recipient.
        to: String,
        /// Amount (integer or string).
        amount: Amount,
    },
    /// Register a member.
    RegisterMember {
        /// Account.
        account: String,
        /// Kind, perspectives, weight, profile URI, operator.
        #[serde(flatten)]
        profile: ProfileJson,
        /// Key to bind: compressed public key and its bind-key proof, hex.
        #[serde(default)]
        key: Option<KeyJson>,
    },
    /// Replace a member's profile.
    UpdateMember {
        /// Account.
        account: String,
        /// The new profile (same kind).
        #[serde(flatten)]
        profile: ProfileJson,
    },
    /// Suspend a member.
    SuspendMember {
        /// Account.
        account: String,
    },
    /// Reinstate a member.
    ReinstateMember {
        /// Account.
        account: String,
    },
    /// Remove a member.
    RemoveMember {
        /// Account.
        account: String,
    },
    /// Replace the hub's parameters.
    SetParams {
        /// The new parameters (the `[params]` shape of deploy/agora.toml).
        #[schemars(schema_with = "hub_params_schema")]
        params: HubParams,
    },
    /// Add a log writer.
    AuthorizeWriter {
        /// Writer.
        writer: String,
    },
    /// Remove a log writer.
    RevokeWriter {
        /// Writer.
        writer: String,
    },
    /// Call a contract outside the suite.
    Call {
        /// Callee.
        callee: String,
        /// 4-byte selector, hex.
        selector: String,
        /// SCALE arguments, hex.
        #[serde(default)]
        input: String,
        /// Value sent.
        #[serde(default)]
        value: Option<Amount>,
    },
}

/// A member profile in JSON (inside `register_member` and `update_member` actions).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ProfileJson {
    /// human or agent.
    pub kind: String,
    /// Perspective names.
    pub perspectives: Vec<String>,
    /// Weight.
    pub weight: Amount,
    /// Profile URI.
    #[serde(default)]
    pub metadata_uri: String,
    /// An agent's operator.
    #[serde(default)]
    pub operator: Option<String>,
}

impl ProfileJson {
    /// The validated profile.
    pub fn to_profile(&self) -> Result<MemberProfile> {
        profile(
            kind_from_name(&self.kind)?,
            perspectives_from_names(&self.perspectives)?,
            self.weight.value()?,
            self.metadata_uri.clone(),
            self.operator.as_deref().map(parse_account).transpose()?,
        )
    }

    /// A profile as written.
    pub fn of(p: &MemberProfile) -> Self {
        Self {
            kind: variant_name(&p.kind).to_lowercase(),
            perspectives: perspective_names(p.perspectives),
            weight: Amount::of(p.weight),
            metadata_uri: p.metadata_uri.clone(),
            operator: p.operator.as_ref().map(ss58_of),
        }
    }
}

/// A key binding in JSON.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct KeyJson {
    /// 33-byte compressed public key, hex.
    pub key: String,
    /// 65-byte bind-key proof, hex.
    pub proof: String,
}

impl ActionJson {
    /// The suite's action.
    pub fn to_action(&self) -> Result<Action> {
        let acc = |s: &str| -> Result<AccountId> { Ok(parse_account(s)?.into()) };
        Ok(match self {
            ActionJson::Transfer { to, amount } => Action::Transfer {
                to: acc(to)?,
                amount: amount.value()?,
            },
            ActionJson::RegisterMember {
                account,
                profile,
                key,
            } => Action::RegisterMember {
                account: acc(account)?,
                profile: profile.to_profile()?,
                key: key
                    .as_ref()
                    .map(|k| -> Result<KeyBinding> {
                        Ok(KeyBinding {
                            key: parse_hex::<33>(&k.key)?,
                            proof: parse_hex::<65>(&k.proof)?,
                        })
                    })
                    .transpose()?,
            },
            ActionJson::UpdateMember { account, profile } => Action::UpdateMember {
                account: acc(account)?,
                profile: profile.to_profile()?,
            },
            ActionJson::SuspendMember { account } => Action::SuspendMember {
                account: acc(account)?,
            },
            ActionJson::ReinstateMember { account } => Action::ReinstateMember {
                account: acc(account)?,
            },
            ActionJson::RemoveMember { account } => Action::RemoveMember {
                account: acc(account)?,
            },
            ActionJson::SetParams { params } => {
                check_params(params)?;
                Action::SetParams { params: *params }
            }
            ActionJson::AuthorizeWriter { writer } => Action::AuthorizeWriter {
                writer: acc(writer)?,
            },
            ActionJson::RevokeWriter { writer } => Action::RevokeWriter {
                writer: acc(writer)?,
            },
            ActionJson::Call {
                callee,
                selector,
                input,
                value,
            } => Action::Call {
                callee: acc(callee)?,
                selector: parse_hex::<4>(selector)?,
                input: parse_hex_vec(input).map_err(|_| Failure::input("call input is not hex"))?,
                value: value.as_ref().map(Amount::value).transpose()?.unwrap_or(0),
            },
        })
    }

    /// An action as written (the same shape [`ActionJson::to_action`] reads).
    pub fn of(a: &Action) -> Self {
        match a {
            Action::Transfer { to, amount } => ActionJson::Transfer {
                to: ss58_of(to),
                amount: Amount::of(*amount),
            },
            Action::RegisterMember {
                account,
                profile,
                key,
            } => ActionJson::RegisterMember {
                account: ss58_of(account),
                profile: ProfileJson::of(profile),
                key: key.map(|k| KeyJson {
                    key: hex0x(&k.key),
                    proof: hex0x(&k.proof),
                }),
            },
            Action::UpdateMember { account, profile } => ActionJson::UpdateMember {
                account: ss58_of(account),
                profile: ProfileJson::of(profile),
            },
            Action::SuspendMember { account } => ActionJson::SuspendMember {
                account: ss58_of(account),
            },
            Action::ReinstateMember { account } => ActionJson::ReinstateMember {
                account: ss58_of(account),
            },
            Action::RemoveMember { account } => ActionJson::RemoveMember {
                account: ss58_of(account),
            },
            Action::SetParams { params } => ActionJson::SetParams { params: *params },
            Action::AuthorizeWriter { writer } => ActionJson::AuthorizeWriter {
                writer: ss58_of(writer),
            },
            Action::RevokeWriter { writer } => ActionJson::RevokeWriter {
                writer: ss58_of(writer),
            },
            Action::Call {
                callee,
                selector,
                input,
                value,
            } => ActionJson::Call {
                callee: ss58_of(callee),
                selector: hex0x(selector),
                input: hex0x(input),
                value: Some(Amount::of(*value)),
            },
        }
    }
}

/// Reads a JSON list of actions.
pub fn parse_actions(value: &Value) -> Result<Vec<Action>> {
    let list: Vec<ActionJson> = serde_json::from_value(value.clone()).map_err(|e| {
        Failure::input(format!(
            "actions must be a JSON list like [{{\"type\": \"transfer\", \"to\": \"5F…\", \"amount\": 1000}}]: {e}"
        ))
    })?;
    list.iter().map(ActionJson::to_action).collect()
}

/// Reads an actions file (a JSON list).
pub fn read_actions_file(path: &Path) -> Result<Vec<Action>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::io(format!("cannot read {}: {e}", path.display())))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| Failure::input(format!("{} is not JSON: {e}", path.display())))?;
    parse_actions(&value)
}

/// One line describing an action, for people.
pub fn action_text(a: &Action) -> String {
    match a {
        Action::Transfer { to, amount } => format!("transfer {amount} to {}", short_of(to)),
        Action::RegisterMember {
            account, profile, ..
        } => format!(
            "register {} member {} ({}, weight {})",
            variant_name(&profile.kind),
            short_of(account),
            perspective_names(profile.perspectives).join("+"),
            profile.weight
        ),
        Action::UpdateMember { account, .. } => format!("update member {}", short_of(account)),
        Action::SuspendMember { account } => format!("suspend member {}", short_of(account)),
        Action::ReinstateMember { account } => format!("reinstate member {}", short_of(account)),
        Action::RemoveMember { account } => format!("remove member {}", short_of(account)),
        Action::SetParams { .. } => "set hub parameters".into(),
        Action::AuthorizeWriter { writer } => format!("authorize log writer {}", short_of(writer)),
        Action::RevokeWriter { writer } => format!("revoke log writer {}", short_of(writer)),
        Action::Call {
            callee,
            selector,
            value,
            ..
        } => format!(
            "call {} selector {} value {value}",
            short_of(callee),
            hex0x(selector)
        ),
    }
}

// ----- payload files -----

/// What a payload file may leave out, from the deployments file: the chain tag and the
/// addresses of the hub (proposals, revisions) and of voting (votes).
#[derive(Debug, Clone, Default)]
pub struct PayloadDefaults {
    /// The deployment's chain tag.
    pub chain_tag: Option<String>,
    /// The hub's address.
    pub hub: Option<[u8; 32]>,
    /// The voting contract's address.
    pub voting: Option<[u8; 32]>,
}

fn text_field<'a>(v: &'a Value, name: &str) -> Option<&'a str> {
    v.get(name).and_then(Value::as_str)
}

fn num(v: &Value, name: &str) -> Result<u64> {
    match v.get(name) {
        Some(Value::Number(n)) => n
            .as_u64()
            .ok_or_else(|| Failure::input(format!("`{name}` must be a whole number")).into()),
        Some(Value::String(s)) => s
            .parse()
            .map_err(|_| Failure::input(format!("`{name}` must be a whole number")).into()),
        _ => Err(Failure::input(format!("the payload needs `{name}`")).into()),
    }
}

fn num32(v: &Value, name: &str) -> Result<u32> {
    u32::try_from(num(v, name)?)
        .map_err(|_| Failure::input(format!("`{name}` must fit 32 bits")).into())
}

fn required<'a>(v: &'a Value, name: &str) -> Result<&'a str> {
    text_field(v, name).ok_or_else(|| Failure::input(format!("the payload needs `{name}`")).into())
}

fn content_hash_of(v: &Value, base: &Path) -> Result<[u8; 32]> {
    match (text_field(v, "content_hash"), text_field(v, "content_file")) {
        (Some(h), _) => parse_hex::<32>(h),
        (None, Some(f)) => {
            let path = if Path::new(f).is_relative() {
                base.join(f)
            } else {
                PathBuf::from(f)
            };
            let bytes = std::fs::read(&path)
                .map_err(|e| Failure::io(format!("cannot read {}: {e}", path.display())))?;
            Ok(blake2(&bytes))
        }
        (None, None) => {
            Err(Failure::input("the payload needs `content_hash` or `content_file`").into())
        }
    }
}

fn chain_tag_of(v: &Value, d: &PayloadDefaults) -> Result<String> {
    match (text_field(v, "chain_tag"), &d.chain_tag) {
        (Some(t), _) => Ok(t.to_owned()),
        (None, Some(t)) => Ok(t.clone()),
        (None, None) => {
            Err(Failure::input("the payload needs `chain_tag` (or a deployments file)").into())
        }
    }
}

fn address_of(v: &Value, field: &str, default: Option<[u8; 32]>) -> Result<[u8; 32]> {
    match (text_field(v, field), default) {
        (Some(a), _) => parse_account(a),
        (None, Some(a)) => Ok(a),
        (None, None) => Err(Failure::input(format!(
            "the payload needs `{field}` (or a deployments file)"
        ))
        .into()),
    }
}

fn actions_of(v: &Value) -> Result<Vec<Action>> {
    match v.get("actions") {
        Some(list) => parse_actions(list),
        None => Ok(Vec::new()),
    }
}

/// Reads a proposal payload; `content_file` is relative to `base`.
pub fn proposal_payload(v: &Value, d: &PayloadDefaults, base: &Path) -> Result<ProposalPayload> {
    Ok(ProposalPayload {
        chain_tag: chain_tag_of(v, d)?,
        hub: address_of(v, "hub", d.hub)?.into(),
        author: parse_account(required(v, "author")?)?.into(),
        nonce: num(v, "nonce")?,
        deadline: num32(v, "deadline")?,
        content_hash: content_hash_of(v, base)?,
        uri: text_field(v, "uri").unwrap_or_default().to_owned(),
        actions: actions_of(v)?,
    })
}

/// Reads a revision payload; `content_file` is relative to `base`.
pub fn revision_payload(v: &Value, d: &PayloadDefaults, base: &Path) -> Result<RevisionPayload> {
    Ok(RevisionPayload {
        chain_tag: chain_tag_of(v, d)?,
        hub: address_of(v, "hub", d.hub)?.into(),
        author: parse_account(required(v, "author")?)?.into(),
        deadline: num32(v, "deadline")?,
        proposal: num32(v, "proposal")?,
        revision: num32(v, "revision")?,
        content_hash: content_hash_of(v, base)?,
        uri: text_field(v, "uri").unwrap_or_default().to_owned(),
        actions: actions_of(v)?,
    })
}

/// Reads a vote payload.
pub fn vote_payload(v: &Value, d: &PayloadDefaults) -> Result<VotePayload> {
    let rationale_hash = match (text_field(v, "rationale_hash"), text_field(v, "rationale")) {
        (Some(h), _) => parse_hex::<32>(h)?,
        (None, Some(text)) if !text.is_empty() => blake2(text.as_bytes()),
        _ => [0u8; 32],
    };
    Ok(VotePayload {
        chain_tag: chain_tag_of(v, d)?,
        contract: address_of(v, "contract", d.voting)?.into(),
        voter: parse_account(required(v, "voter")?)?.into(),
        deadline: num32(v, "deadline")?,
        proposal: num32(v, "proposal")?,
        choice: choice_from_name(required(v, "choice")?)?,
        rationale_hash,
    })
}

/// Reads a payload file as JSON.
pub fn read_payload_file(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::io(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| Failure::input(format!("{} is not JSON: {e}", path.display())).into())
}

fn proposal_payload_json(p: &ProposalPayload) -> Value {
    json!({"chain_tag": p.chain_tag, "hub": ss58_of(&p.hub), "author": ss58_of(&p.author), "nonce": p.nonce,
           "deadline": p.deadline, "content_hash": hex0x(&p.content_hash), "uri": p.uri,
           "actions": p.actions.iter().map(ActionJson::of).collect::<Vec<_>>()})
}

fn revision_payload_json(p: &RevisionPayload) -> Value {
    json!({"chain_tag": p.chain_tag, "hub": ss58_of(&p.hub), "author": ss58_of(&p.author), "deadline": p.deadline,
           "proposal": p.proposal, "revision": p.revision, "content_hash": hex0x(&p.content_hash), "uri": p.uri,
           "actions": p.actions.iter().map(ActionJson::of).collect::<Vec<_>>()})
}

fn vote_payload_json(p: &VotePayload) -> Value {
    json!({"chain_tag": p.chain_tag, "contract": ss58_of(&p.contract), "voter": ss58_of(&p.voter), "deadline": p.deadline,
           "proposal": p.proposal, "choice": variant_name(&p.choice).to_lowercase(),
           "rationale_hash": hex0x(&p.rationale_hash)})
}

// ----- envelopes -----

/// What an envelope carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeKind {
    /// A signed proposal (`submit_signed`).
    Proposal,
    /// A signed revision (`revise_signed`).
    Revision,
    /// A signed vote (`cast_vote_signed`).
    Vote,
}

impl EnvelopeKind {
    /// As written in the envelope.
    pub const fn name(self) -> &'static str {
        match self {
            EnvelopeKind::Proposal => "proposal",
            EnvelopeKind::Revision => "revision",
            EnvelopeKind::Vote => "vote",
        }
    }

    /// The signing domain.
    pub const fn domain(self) -> &'static [u8] {
        match self {
            EnvelopeKind::Proposal => PROPOSAL_DOMAIN,
            EnvelopeKind::Revision => REVISION_DOMAIN,
            EnvelopeKind::Vote => VOTE_DOMAIN,
        }
    }
}

/// A signed payload ready to relay: the SCALE bytes are authoritative, the JSON is for
/// people. docs/signing.md specifies both.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Envelope {
    /// `proposal`, `revision` or `vote`.
    pub kind: String,
    /// The payload, readable.
    pub payload: Value,
    /// 0x SCALE encoding of the payload.
    pub scale: String,
    /// 0x blake2-256(domain ‖ scale): what was signed.
    pub hash: String,
    /// 0x 65-byte r ‖ s ‖ v.
    pub signature: String,
    /// 0x 33-byte compressed public key of the signer (`public_key` in the Python reference
    /// signer's envelopes, which `relay` takes as they are).
    #[serde(alias = "public_key")]
    pub signer: String,
}

/// Signs a hash (what an agent key does).
pub trait HashSigner {
    /// The 65-byte signature over `hash`.
    fn sign_hash(&self, hash: &[u8; 32]) -> Signature;
    /// The 33-byte compressed public key.
    fn public_key(&self) -> [u8; 33];
}

impl Envelope {
    fn make<P: Encode>(
        kind: EnvelopeKind,
        payload: &P,
        readable: Value,
        key: &dyn HashSigner,
    ) -> Self {
        let hash = agora_types::signing_hash(kind.domain(), payload);
        Self {
            kind: kind.name().into(),
            payload: readable,
            scale: hex0x(&payload.encode()),
            hash: hex0x(&hash),
            signature: hex0x(&key.sign_hash(&hash)),
            signer: hex0x(&key.public_key()),
        }
    }

    /// A signed proposal.
    pub fn proposal(p: &ProposalPayload, key: &dyn HashSigner) -> Self {
        Self::make(EnvelopeKind::Proposal, p, proposal_payload_json(p), key)
    }

    /// A signed revision.
    pub fn revision(p: &RevisionPayload, key: &dyn HashSigner) -> Self {
        Self::make(EnvelopeKind::Revision, p, revision_payload_json(p), key)
    }

    /// A signed vote.
    pub fn vote(p: &VotePayload, key: &dyn HashSigner) -> Self {
        Self::make(EnvelopeKind::Vote, p, vote_payload_json(p), key)
    }

    /// The envelope's kind.
    pub fn kind(&self) -> Result<EnvelopeKind> {
        match self.kind.as_str() {
            "proposal" => Ok(EnvelopeKind::Proposal),
            "revision" => Ok(EnvelopeKind::Revision),
            "vote" => Ok(EnvelopeKind::Vote),
            other => Err(Failure::input(format!(
                "unknown envelope kind `{other}` (proposal, revision or vote)"
            ))
            .into()),
        }
    }

    /// Checks the envelope is self-consistent: the hash is over its SCALE bytes with the
    /// kind's domain, and the signature is canonical and recovers to `signer`. Returns the
    /// kind, the SCALE bytes and the signature.
    pub fn check(&self) -> Result<(EnvelopeKind, Vec<u8>, Signature)> {
        let kind = self.kind()?;
        let scale =
            parse_hex_vec(&self.scale).map_err(|_| Failure::input("envelope scale is not hex"))?;
        let mut bytes = kind.domain().to_vec();
        bytes.extend_from_slice(&scale);
        let hash = agora_types::blake2_256(&bytes);
        if hex::encode(hash) != bare_hex(&self.hash) {
            return Err(Failure::input(
                "envelope hash does not match its payload bytes (edited envelope?)",
            )
            .into());
        }
        let signature = parse_hex::<65>(&self.signature)?;
        let recovered = agora_types::recover_signer(&signature, &hash).map_err(|e| {
            Failure::input(format!("envelope signature refused: {}", describe(&e).text))
        })?;
        if hex::encode(recovered) != bare_hex(&self.signer) {
            return Err(Failure::input(format!(
                "envelope signature is not from its signer {}",
                self.signer
            ))
            .into());
        }
        Ok((kind, scale, signature))
    }

    /// Reads an envelope file.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::io(format!("cannot read {}: {e}", path.display())))?;
        serde_json::from_str(&text).map_err(|e| {
            Failure::input(format!("{} is not an envelope: {e}", path.display())).into()
        })
    }

    /// The envelope as its file holds it (pretty JSON and a newline).
    pub fn to_file_text(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }

    /// Writes the envelope to a file.
    pub fn write(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_file_text()?)
            .map_err(|e| Failure::io(format!("cannot write {}: {e}", path.display())).into())
    }
}

// ----- agent key files -----

/// An agent's secp256k1 key file (`agora key new`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgentKeyFile {
    /// Always `secp256k1`.
    #[serde(rename = "type")]
    pub kind: String,
    /// 0x-hex 32-byte secret key.
    pub secret: String,
    /// 0x-hex 33-byte compressed public key (checked against the secret on load).
    pub public: String,
}

impl AgentKeyFile {
    /// The file for a secret and its public key.
    pub fn new(secret: &[u8; 32], public: &[u8; 33]) -> Self {
        Self {
            kind: "secp256k1".into(),
            secret: hex0x(secret),
            public: hex0x(public),
        }
    }

    /// Reads a key file: its secret, and the public key it claims (the caller checks it).
    pub fn read(path: &Path) -> Result<([u8; 32], String)> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::io(format!("cannot read the key file {}: {e}", path.display()))
        })?;
        let file: AgentKeyFile = serde_json::from_str(&text).map_err(|_| {
            Failure::input(format!(
                "{} is not an agent key file (make one with `agora key new`)",
                path.display()
            ))
        })?;
        if file.kind != "secp256k1" {
            return Err(Failure::input(format!(
                "{}: key type `{}` is not secp256k1",
                path.display(),
                file.kind
            ))
            .into());
        }
        let secret = parse_hex::<32>(&file.secret)
            .map_err(|_| Failure::input(format!("{}: bad secret", path.display())))?;
        Ok((secret, file.public.to_lowercase()))
    }

    /// The file's text.
    pub fn to_file_text(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perspectives_parse_by_name_and_list() {
        let set = perspectives_from_names(&["safety,Ethics"]).unwrap();
        assert_eq!(perspective_names(set), vec!["Safety", "Ethics"]);
        assert!(perspectives_from_names(&["wisdom"]).is_err());
    }

    #[test]
    fn actions_round_trip_through_json() {
        let list = json!([
            {"type": "transfer", "to": "//Eve", "amount": 1000},
            {"type": "suspend_member", "account": "//Bob"},
            {"type": "register_member", "account": "//Eve", "kind": "agent", "perspectives": ["safety"],
             "weight": 5, "metadata_uri": "ipfs://x", "operator": "//Alice"},
            {"type": "call", "callee": "//Dave", "selector": "0x01020304", "input": "0x0a", "value": "5"}
        ]);
        let actions = parse_actions(&list).unwrap();
        let back =
            serde_json::to_value(actions.iter().map(ActionJson::of).collect::<Vec<_>>()).unwrap();
        assert_eq!(parse_actions(&back).unwrap(), actions);
        // The dialect as it was written before: amounts and weights as strings, perspectives
        // by their variant names, no key as null.
        assert_eq!(back[0]["amount"], json!("1000"));
        assert_eq!(back[2]["perspectives"], json!(["Safety"]));
        assert_eq!(back[2]["kind"], json!("agent"));
        assert_eq!(back[2]["weight"], json!("5"));
        assert_eq!(back[2]["key"], Value::Null);
        assert_eq!(back[3]["value"], json!("5"));
    }

    #[test]
    fn out_of_bounds_params_are_refused_before_deploying() {
        let text = r#"review_window = 1
voting_window = 5
timelock = 2
grace_period = 5
max_open_per_member = 3
max_spend_per_proposal = 10
max_spend_per_period = 20
spending_period = 100
[review_rules]
min_reviews = 1
[voting_rules]
quorum_bps = 5000
approval_threshold_bps = 5000
"#;
        let mut p: HubParams = toml::from_str(text).unwrap();
        let err = check_params(&p).unwrap_err().to_string();
        assert!(err.contains("ReviewWindow"), "{err}");
        p.review_window = 5;
        assert!(check_params(&p).is_ok());
    }

    #[test]
    fn set_params_actions_take_the_configuration_shape_and_check_the_bounds() {
        let params = json!({
            "voting_window": 60, "max_spend_per_proposal": "100", "max_spend_per_period": 200,
            "review_rules": {"min_reviews": 2, "required_perspectives": ["safety", "ethics"]},
        });
        let list = json!([{"type": "set_params", "params": params}]);
        let actions = parse_actions(&list).unwrap();
        let Action::SetParams { params: p } = actions[0] else {
            panic!("a SetParams action: {actions:?}");
        };
        assert_eq!(p.voting_window, 60);
        assert_eq!(
            perspective_names(p.review_rules.required_perspectives),
            vec!["Safety", "Ethics"]
        );
        assert_eq!(
            p.timelock,
            HubParams::default().timelock,
            "left out: the default"
        );
        let back = serde_json::to_value(ActionJson::of(&actions[0])).unwrap();
        assert_eq!(
            back["params"]["review_rules"]["required_perspectives"],
            json!(["safety", "ethics"])
        );
        assert_eq!(back["params"]["max_spend_per_proposal"], json!("100"));
        assert_eq!(parse_actions(&Value::Array(vec![back])).unwrap(), actions);
        let out = json!([{"type": "set_params", "params": {
            "timelock": 0, "max_spend_per_proposal": 1, "max_spend_per_period": 1,
        }}]);
        let err = parse_actions(&out).unwrap_err().to_string();
        assert!(err.contains("Timelock"), "{err}");
    }

    #[test]
    fn an_invalid_profile_is_refused_by_its_registry_error() {
        let err = profile(
            MemberKind::Agent,
            PerspectiveSet::of(Perspective::Safety),
            1,
            String::new(),
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("OperatorRequired"), "{err}");
    }
}
