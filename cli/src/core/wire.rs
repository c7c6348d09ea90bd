//! The files agents and operators exchange — action lists, payload files, signed envelopes
//! and agent key files — in the suite's one JSON dialect (docs/signing.md, "JSON dialect";
//! docs/cli.md, "Files"). The dialect itself is agora-types' (`agora_types::wire`: serde on
//! the suite's own types, schemas in schemas/wire/); this module adds only what files people
//! write may leave out (a payload file's chain tag, addresses, content file, rationale text,
//! dev names for its accounts) and the file handling.

use std::path::{Path, PathBuf};

use agora_types::{
    check_content_shape, check_revision_shape,
    wire::{self as dialect, read_envelope, KeyType, Signed},
    Action, HubParams, MemberKind, MemberProfile, Perspective, PerspectiveSet, ProposalError,
    ProposalPayload, RevisionPayload, Signature, VoteChoice, VotePayload,
};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::core::{
    contract_error::{describe, SuiteError},
    encoding::{blake2, hex0x, parse_account, short_of, ss58_of},
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

/// The names of a perspective set as the dialect writes them (`safety`), in order.
pub fn perspective_names(set: PerspectiveSet) -> Vec<String> {
    set.iter().map(|p| p.name().to_owned()).collect()
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

/// An amount in a configuration file: a JSON/TOML integer or a decimal string (u128 does not
/// fit their integers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Amount {
    /// A number.
    Number(u64),
    /// A decimal string.
    Text(String),
}

impl Amount {
    /// The amount (a decimal string of digits only, as the dialect reads it).
    pub fn value(&self) -> Result<u128> {
        match self {
            Amount::Number(n) => Ok(u128::from(*n)),
            Amount::Text(t) => dialect::parse_decimal(t)
                .map_err(|e| Failure::input(format!("`{t}` is not an amount: {e}")).into()),
        }
    }
}

/// The hub parameters' JSON Schema (agora-types' `HubParams`, schemas/wire/hub-params.json).
pub fn hub_params_schema(generator: &mut SchemaGenerator) -> Schema {
    HubParams::json_schema(generator)
}

/// Why every hub refuses these actions (with this URI), as an input error: the checks the hub
/// runs before it reads its state (`agora_types::check_content_shape`), run before anything
/// is signed or sent.
pub fn check_content(uri: &str, actions: &[Action]) -> Result<()> {
    check_content_shape(uri, actions).map_err(refused_by_every_hub)
}

/// A refusal of every hub, as an input error.
fn refused_by_every_hub(e: ProposalError) -> anyhow::Error {
    let err = SuiteError::Proposal(e);
    Failure::input(format!(
        "every hub refuses this: {} ({})",
        err.describe().text,
        err.explain()
    ))
    .into()
}

/// Reads a JSON list of actions in the dialect and checks it as every hub would.
pub fn parse_actions(value: &Value) -> Result<Vec<Action>> {
    let actions: Vec<Action> = serde_json::from_value(value.clone()).map_err(|e| {
        Failure::input(format!(
            "actions must be a JSON list in the dialect of docs/signing.md, like \
             [{{\"type\": \"transfer\", \"to\": \"5F…\", \"amount\": \"1000\"}}]: {e}"
        ))
    })?;
    check_content("", &actions)?;
    Ok(actions)
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
        Action::AuthorizeWriter { writer } => format!(
            "authorize log writer {} (External entries only: EXTERNAL_KINDS)",
            short_of(writer)
        ),
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
        Action::Succession {
            successor,
            code_hash,
        } => format!(
            "hand the suite on to the successor hub {} (code {}): the whole treasury, the log \
             sealed, this hub retired",
            short_of(successor),
            hex0x(code_hash)
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

/// A payload file completed into the payload's dialect: the chain tag and the contract's
/// address from the deployment when left out, `content_file` (relative to `base`) hashed into
/// `content_hash`, `rationale` text hashed into `rationale_hash` (zero when neither is given),
/// an empty `uri` and no `actions` when left out, and dev names (`//Alice`, `bob`) of the
/// payload's own accounts turned into SS58. Everything else is the dialect, as strict as it is.
fn complete(
    v: &Value,
    d: &PayloadDefaults,
    base: &Path,
    contract_field: &str,
    contract_default: Option<[u8; 32]>,
    accounts: &[&str],
) -> Result<Value> {
    let mut o = v
        .as_object()
        .cloned()
        .ok_or_else(|| Failure::input("a payload file holds a JSON object"))?;
    if !o.contains_key("chain_tag") {
        let tag = d.chain_tag.clone().ok_or_else(|| {
            Failure::input("the payload needs `chain_tag` (or a deployments file)")
        })?;
        o.insert("chain_tag".into(), json!(tag));
    }
    if !o.contains_key(contract_field) {
        let address = contract_default.ok_or_else(|| {
            Failure::input(format!(
                "the payload needs `{contract_field}` (or a deployments file)"
            ))
        })?;
        o.insert(contract_field.into(), json!(ss58_of(&address.into())));
    }
    for field in accounts {
        if let Some(Value::String(text)) = o.get(*field) {
            let dev_name = text.starts_with("//") || text.chars().all(|c| c.is_ascii_alphabetic());
            if dev_name {
                let account = parse_account(text)?;
                o.insert((*field).into(), json!(ss58_of(&account.into())));
            }
        }
    }
    if let Some(file) = o.remove("content_file") {
        let file = file
            .as_str()
            .ok_or_else(|| Failure::input("`content_file` is a path"))?;
        if o.contains_key("content_hash") {
            return Err(Failure::input("give `content_hash` or `content_file`, not both").into());
        }
        let path = if Path::new(file).is_relative() {
            base.join(file)
        } else {
            PathBuf::from(file)
        };
        let bytes = std::fs::read(&path)
            .map_err(|e| Failure::io(format!("cannot read {}: {e}", path.display())))?;
        o.insert("content_hash".into(), json!(hex0x(&blake2(&bytes))));
    }
    Ok(Value::Object(o))
}

fn payload_of<T: serde::de::DeserializeOwned>(v: Value, kind: &str) -> Result<T> {
    serde_json::from_value(v).map_err(|e| {
        Failure::input(format!(
            "not a {kind} payload of the dialect (docs/signing.md): {e}"
        ))
        .into()
    })
}

/// Reads a proposal payload file; `content_file` is relative to `base`.
pub fn proposal_payload(v: &Value, d: &PayloadDefaults, base: &Path) -> Result<ProposalPayload> {
    let mut v = complete(v, d, base, "hub", d.hub, &["author"])?;
    fill(&mut v, &[("uri", json!("")), ("actions", json!([]))]);
    let p: ProposalPayload = payload_of(v, "proposal")?;
    check_content(&p.uri, &p.actions)?;
    Ok(p)
}

/// Reads a revision payload file; `content_file` is relative to `base`.
pub fn revision_payload(v: &Value, d: &PayloadDefaults, base: &Path) -> Result<RevisionPayload> {
    let mut v = complete(v, d, base, "hub", d.hub, &["author"])?;
    fill(&mut v, &[("uri", json!("")), ("actions", json!([]))]);
    let p: RevisionPayload = payload_of(v, "revision")?;
    check_revision_shape(&p).map_err(refused_by_every_hub)?;
    Ok(p)
}

/// Reads a vote payload file (`rationale` text is hashed into `rationale_hash`).
pub fn vote_payload(v: &Value, d: &PayloadDefaults) -> Result<VotePayload> {
    let mut v = complete(v, d, Path::new("."), "contract", d.voting, &["voter"])?;
    if let Some(o) = v.as_object_mut() {
        if let Some(text) = o.remove("rationale") {
            if o.contains_key("rationale_hash") {
                return Err(
                    Failure::input("give `rationale_hash` or `rationale`, not both").into(),
                );
            }
            let text = text.as_str().unwrap_or_default().to_owned();
            let hash = if text.is_empty() {
                [0u8; 32]
            } else {
                blake2(text.as_bytes())
            };
            o.insert("rationale_hash".into(), json!(hex0x(&hash)));
        }
    }
    fill(&mut v, &[("rationale_hash", json!(hex0x(&[0u8; 32])))]);
    if let Some(o) = v.as_object_mut() {
        if o.contains_key("proposal") {
            return Err(Failure::input(
                "a vote names its ballot, not a bare proposal: write \"ballot\": {\"proposal\": N} \
                 (its \"purpose\" may be left out: \"decision\", the ballot that decides the \
                 proposal; docs/signing.md)",
            )
            .into());
        }
        if let Some(ballot) = o.get_mut("ballot") {
            fill(ballot, &[("purpose", json!("decision"))]);
        }
    }
    payload_of(v, "vote")
}

/// Inserts the fields a payload file may leave out.
fn fill(v: &mut Value, defaults: &[(&str, Value)]) {
    if let Some(o) = v.as_object_mut() {
        for (name, value) in defaults {
            if !o.contains_key(*name) {
                o.insert((*name).into(), value.clone());
            }
        }
    }
}

/// Reads a payload file as JSON.
pub fn read_payload_file(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::io(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| Failure::input(format!("{} is not JSON: {e}", path.display())).into())
}

// ----- envelopes -----

/// What an envelope carries (the kinds a relayer submits).
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
}

/// A signed payload ready to relay, in the dialect (`agora_types::wire::Envelope`,
/// schemas/wire/envelope.json): the payload in canonical form, its SCALE bytes, the hash, the
/// signature and the signer's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Envelope(pub dialect::Envelope);

/// Signs a hash (what an agent key does).
pub trait HashSigner {
    /// The 65-byte signature over `hash`.
    fn sign_hash(&self, hash: &[u8; 32]) -> Signature;
    /// The 33-byte compressed public key.
    fn public_key(&self) -> [u8; 33];
}

impl Envelope {
    fn signed<P: dialect::SignedKind + Clone>(p: &P, key: &dyn HashSigner) -> Signed<P> {
        Signed::new(p.clone(), key.public_key(), |hash| key.sign_hash(hash))
    }

    /// A signed proposal.
    pub fn proposal(p: &ProposalPayload, key: &dyn HashSigner) -> Self {
        Self(dialect::Envelope::Proposal(Self::signed(p, key)))
    }

    /// A signed revision.
    pub fn revision(p: &RevisionPayload, key: &dyn HashSigner) -> Self {
        Self(dialect::Envelope::Revision(Self::signed(p, key)))
    }

    /// A signed vote.
    pub fn vote(p: &VotePayload, key: &dyn HashSigner) -> Self {
        Self(dialect::Envelope::Vote(Self::signed(p, key)))
    }

    /// The envelope's kind (a bind-key proof is not relayed: it goes inside a
    /// `register_member` action or to `set_signing_key`).
    pub fn kind(&self) -> Result<EnvelopeKind> {
        match &self.0 {
            dialect::Envelope::Proposal(_) => Ok(EnvelopeKind::Proposal),
            dialect::Envelope::Revision(_) => Ok(EnvelopeKind::Revision),
            dialect::Envelope::Vote(_) => Ok(EnvelopeKind::Vote),
            dialect::Envelope::BindKey(_) => Err(Failure::input(
                "a bind-key envelope is not relayed: its proof goes into a register_member \
                 action or to set_signing_key",
            )
            .into()),
        }
    }

    /// Checks the envelope (`agora_types::wire::Envelope::check`: its SCALE bytes are its
    /// payload's, the hash is over them, the signature is canonical and recovers to the
    /// signer). Returns the kind, the SCALE bytes and the signature.
    pub fn check(&self) -> Result<(EnvelopeKind, Vec<u8>, Signature)> {
        let kind = self.kind()?;
        self.0
            .check()
            .map_err(|e| Failure::input(format!("envelope refused ({e:?}): {e}")))?;
        let (signature, _, scale) = self.0.parts();
        Ok((kind, scale.to_vec(), *signature))
    }

    /// Reads an envelope file: canonical JSON of the dialect only
    /// (`agora_types::wire::read_envelope`), checked.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::io(format!("cannot read {}: {e}", path.display())))?;
        read_envelope(&text).map(Self).map_err(|(error, why)| {
            Failure::input(format!(
                "{} is refused as an envelope ({error:?}): {why}",
                path.display()
            ))
            .into()
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

/// An agent's secp256k1 key file (`agora key new`; `agora_types::wire::AgentKeyFile`,
/// schemas/wire/agent-key-file.json).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AgentKeyFile(pub dialect::AgentKeyFile);

impl AgentKeyFile {
    /// The file for a secret and its public key.
    pub fn new(secret: &[u8; 32], public: &[u8; 33]) -> Self {
        Self(dialect::AgentKeyFile {
            kind: KeyType::Secp256k1,
            secret: *secret,
            public: *public,
        })
    }

    /// Reads a key file: its secret, and the public key it claims as 0x-hex (the caller
    /// checks it is the secret's).
    pub fn read(path: &Path) -> Result<([u8; 32], String)> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::io(format!("cannot read the key file {}: {e}", path.display()))
        })?;
        let file: dialect::AgentKeyFile = serde_json::from_str(&text).map_err(|e| {
            Failure::input(format!(
                "{} is not an agent key file (make one with `agora key new`): {e}",
                path.display()
            ))
        })?;
        Ok((file.secret, hex0x(&file.public)))
    }

    /// The file's text.
    pub fn to_file_text(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)? + "\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TestKey(agora_types::testing::SecretKey);

    #[test]
    fn perspectives_parse_by_name_and_list() {
        let set = perspectives_from_names(&["safety,Ethics"]).unwrap();
        assert_eq!(perspective_names(set), vec!["safety", "ethics"]);
        assert!(perspectives_from_names(&["wisdom"]).is_err());
    }

    #[test]
    fn actions_files_read_the_dialect_and_are_checked_as_the_hub_checks() {
        let alice = ss58_of(&parse_account("//Alice").unwrap().into());
        let list = json!([
            {"type": "transfer", "to": alice, "amount": 1000},
            {"type": "suspend_member", "account": alice},
            {"type": "register_member", "account": alice, "key": null, "profile": {"kind": "agent",
             "perspectives": ["safety"], "weight": "5", "metadata_uri": "ipfs://x", "operator": alice}},
            {"type": "call", "callee": alice, "selector": "0x01020304", "input": "0x0a", "value": "5"}
        ]);
        let actions = parse_actions(&list).unwrap();
        let back = serde_json::to_value(&actions).unwrap();
        assert_eq!(parse_actions(&back).unwrap(), actions);
        assert_eq!(back[0]["amount"], json!("1000"));
        assert_eq!(back[2]["profile"]["perspectives"], json!(["safety"]));
        // What every hub refuses is refused here, before anything is signed.
        let zero = json!([{"type": "transfer", "to": alice, "amount": "0"}]);
        let err = parse_actions(&zero).unwrap_err().to_string();
        assert!(err.contains("ZeroTransfer"), "{err}");
        // The old flattened profile is not the dialect.
        let old = json!([{"type": "register_member", "account": alice, "kind": "agent",
            "perspectives": ["safety"], "weight": 5, "operator": alice}]);
        assert!(parse_actions(&old).is_err());
    }

    #[test]
    fn set_params_actions_name_every_parameter_and_are_checked_against_the_bounds() {
        let mut params = serde_json::to_value(agora_types::testing::params()).unwrap();
        let list = json!([{"type": "set_params", "params": params}]);
        let actions = parse_actions(&list).unwrap();
        assert_eq!(
            actions,
            vec![Action::SetParams {
                params: agora_types::testing::params()
            }]
        );
        params["timelock"] = json!(0);
        let err = parse_actions(&json!([{"type": "set_params", "params": params}]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("Timelock"), "{err}");
        params.as_object_mut().unwrap().remove("timelock");
        assert!(parse_actions(&json!([{"type": "set_params", "params": params}])).is_err());
    }

    #[test]
    fn payload_files_may_leave_out_what_the_deployment_knows() {
        let d = PayloadDefaults {
            chain_tag: Some("agora-local".into()),
            hub: Some([7u8; 32]),
            voting: Some([8u8; 32]),
        };
        let v = json!({"voter": "//Bob", "deadline": 40, "ballot": {"proposal": 3},
                       "choice": "for", "rationale": "because"});
        let p = vote_payload(&v, &d).unwrap();
        assert_eq!(p.ballot, agora_types::BallotId::decision(3));
        assert_eq!(p.chain_tag, "agora-local");
        assert_eq!(p.contract, [8u8; 32].into());
        assert_eq!(p.voter, parse_account("//Bob").unwrap().into());
        assert_eq!(p.rationale_hash, blake2(b"because"));
        let v = json!({"author": "//Alice", "nonce": "1", "deadline": 40,
                       "content_hash": hex0x(&[1u8; 32])});
        let p = proposal_payload(&v, &d, Path::new(".")).unwrap();
        assert_eq!(
            (p.hub, p.uri.as_str(), p.actions.len()),
            ([7u8; 32].into(), "", 0)
        );
        // A vote written as before ballots were typed is refused with what to write.
        let v = json!({"voter": "//Bob", "deadline": 40, "proposal": 3, "choice": "for"});
        let err = vote_payload(&v, &d).unwrap_err().to_string();
        assert!(err.contains("\"ballot\": {\"proposal\": N}"), "{err}");
        // The rest is the dialect: a u32 as a string is refused.
        let v = json!({"author": "//Alice", "nonce": "1", "deadline": "40",
                       "content_hash": hex0x(&[1u8; 32])});
        assert!(proposal_payload(&v, &d, Path::new(".")).is_err());
    }

    impl HashSigner for TestKey {
        fn sign_hash(&self, hash: &[u8; 32]) -> Signature {
            agora_types::testing::sign(&self.0, hash)
        }
        fn public_key(&self) -> [u8; 33] {
            agora_types::testing::public_key(&self.0)
        }
    }

    #[test]
    fn envelopes_are_the_dialects_and_edited_ones_are_refused() {
        let key = TestKey(agora_types::testing::secret(4));
        let p = VotePayload {
            chain_tag: "agora-local".into(),
            contract: [8u8; 32].into(),
            voter: [9u8; 32].into(),
            deadline: 40,
            ballot: agora_types::BallotId::decision(3),
            choice: VoteChoice::For,
            rationale_hash: [0u8; 32],
        };
        let env = Envelope::vote(&p, &key);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vote.json");
        env.write(&path).unwrap();
        let read = Envelope::read(&path).unwrap();
        assert_eq!(read, env);
        assert_eq!(read.check().unwrap().0, EnvelopeKind::Vote);
        let mut v: Value = serde_json::from_str(&env.to_file_text().unwrap()).unwrap();
        v["payload"]["choice"] = json!("against");
        std::fs::write(&path, v.to_string()).unwrap();
        let err = Envelope::read(&path).unwrap_err().to_string();
        assert!(err.contains("PayloadMismatch"), "{err}");
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
