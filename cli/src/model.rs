//! Parsing what users type (accounts, perspectives, verdicts, actions, parameters) into the
//! suite's types, and turning the suite's types into JSON and readable text.

use std::str::FromStr;

use agora_types::{
    Action, Ballot, HashedEntry, HubParams, KeyBinding, LogKind, Member, MemberKind, MemberProfile,
    Perspective, PerspectiveSet, Proposal, ProposalState, Review, RevisionRecord, Tally, Verdict,
    Vote, VoteChoice,
};
use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;
use serde_json::{json, Value};
use subxt::{
    ext::sp_core::{crypto::Ss58Codec, sr25519, Pair},
    utils::AccountId32,
};

/// Parses an SS58 address, a 0x-hex account id, or a dev URI (`//Alice`, `alice`).
pub fn parse_account(text: &str) -> Result<[u8; 32]> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix("0x") {
        let bytes = hex::decode(hex).with_context(|| format!("`{t}` is not hex"))?;
        return bytes
            .try_into()
            .map_err(|_| anyhow!("`{t}` is not a 32-byte account id"));
    }
    if let Ok(id) = AccountId32::from_str(t) {
        return Ok(id.0);
    }
    let uri = if t.starts_with("//") {
        t.to_owned()
    } else if t.chars().all(|c| c.is_ascii_alphabetic()) && !t.is_empty() {
        let mut c = t.chars();
        let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or_default();
        format!("//{first}{}", c.as_str().to_ascii_lowercase())
    } else {
        bail!("`{t}` is not an SS58 address, 0x account id or dev name like //Alice")
    };
    let pair = sr25519::Pair::from_string(&uri, None)
        .map_err(|e| anyhow!("`{t}`: not a dev URI ({e:?})"))?;
    Ok(pair.public().0)
}

/// SS58 (generic substrate prefix 42) of an account.
pub fn ss58(account: &[u8; 32]) -> String {
    subxt::ext::sp_core::crypto::AccountId32::from(*account).to_ss58check()
}

/// A short form for tables: the first 6 and last 4 characters.
pub fn short(account: &[u8; 32]) -> String {
    let s = ss58(account);
    if s.len() > 12 {
        format!("{}…{}", &s[..6], &s[s.len() - 4..])
    } else {
        s
    }
}

/// 0x-hex.
pub fn hex0x(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

/// Parses 0x-hex of exactly N bytes.
pub fn parse_hex<const N: usize>(text: &str) -> Result<[u8; N]> {
    let t = text.trim().trim_start_matches("0x");
    let bytes = hex::decode(t).with_context(|| format!("`{text}` is not hex"))?;
    bytes
        .try_into()
        .map_err(|_| anyhow!("`{text}` must be {N} bytes of hex"))
}

/// blake2-256 of some bytes (the hash content, rationale and feedback commitments use).
pub fn blake2(bytes: &[u8]) -> [u8; 32] {
    agora_types::blake2_256(bytes)
}

/// Parses a perspective name (case-insensitive; the names of `Perspective::name`).
pub fn parse_perspective(text: &str) -> Result<Perspective> {
    Perspective::from_name(text.trim()).ok_or_else(|| {
        anyhow!(
            "unknown perspective `{text}`; one of: {}",
            Perspective::ALL.map(Perspective::name).join(", ")
        )
    })
}

/// Parses perspective names into a set.
pub fn parse_perspectives<S: AsRef<str>>(names: &[S]) -> Result<PerspectiveSet> {
    let mut set = PerspectiveSet::empty();
    for n in names {
        for part in n.as_ref().split(',').filter(|p| !p.trim().is_empty()) {
            set = set.with(parse_perspective(part)?);
        }
    }
    Ok(set)
}

/// Names of a perspective set.
pub fn perspective_names(set: PerspectiveSet) -> Vec<String> {
    set.iter().map(|p| format!("{p:?}")).collect()
}

/// Parses `human` or `agent`.
pub fn parse_kind(text: &str) -> Result<MemberKind> {
    match text.trim().to_ascii_lowercase().as_str() {
        "human" => Ok(MemberKind::Human),
        "agent" | "ai" => Ok(MemberKind::Agent),
        _ => bail!("unknown member kind `{text}`; one of: human, agent"),
    }
}

/// Parses `approve`, `request-changes` or `reject`.
pub fn parse_verdict(text: &str) -> Result<Verdict> {
    match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "approve" => Ok(Verdict::Approve),
        "request-changes" | "changes" | "requestchanges" => Ok(Verdict::RequestChanges),
        "reject" => Ok(Verdict::Reject),
        _ => bail!("unknown verdict `{text}`; one of: approve, request-changes, reject"),
    }
}

/// Parses `for`, `against` or `abstain`.
pub fn parse_choice(text: &str) -> Result<VoteChoice> {
    match text.trim().to_ascii_lowercase().as_str() {
        "for" | "yes" | "aye" => Ok(VoteChoice::For),
        "against" | "no" | "nay" => Ok(VoteChoice::Against),
        "abstain" => Ok(VoteChoice::Abstain),
        _ => bail!("unknown vote `{text}`; one of: for, against, abstain"),
    }
}

/// Parses `TO:AMOUNT` into a transfer.
pub fn parse_transfer(text: &str) -> Result<Action> {
    let (to, amount) = text
        .rsplit_once(':')
        .ok_or_else(|| anyhow!("--transfer takes ACCOUNT:AMOUNT, got `{text}`"))?;
    Ok(Action::Transfer {
        to: parse_account(to)?.into(),
        amount: amount
            .trim()
            .parse()
            .with_context(|| format!("`{amount}` is not an amount"))?,
    })
}

/// Checks hub parameters against their bounds (`HubParams::check_bounds`), so a bad
/// configuration or `set_params` action is refused before anything is sent.
pub fn check_params(params: &HubParams) -> Result<()> {
    params.check_bounds().map_err(|p| {
        anyhow!("parameter out of bounds: {p:?} (see docs/governance.md for the bounds)")
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
    p.validate()
        .map_err(|e| anyhow!("invalid member profile: {e:?}"))?;
    Ok(p)
}

/// Actions as written in an actions or payload JSON file.
#[derive(Debug, Clone, Deserialize)]
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
#[derive(Debug, Clone, Deserialize)]
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
            parse_kind(&self.kind)?,
            parse_perspectives(&self.perspectives)?,
            self.weight.value()?,
            self.metadata_uri.clone(),
            self.operator.as_deref().map(parse_account).transpose()?,
        )
    }
}

/// A member profile as JSON (the fields `ProfileJson` reads).
fn profile_json(p: &MemberProfile) -> Value {
    json!({
        "kind": format!("{:?}", p.kind).to_lowercase(),
        "perspectives": perspective_names(p.perspectives),
        "weight": p.weight.to_string(),
        "metadata_uri": p.metadata_uri,
        "operator": p.operator.as_ref().map(|o| ss58(&account_bytes(o))),
    })
}

/// A key binding in JSON.
#[derive(Debug, Clone, Deserialize)]
pub struct KeyJson {
    /// 33-byte compressed public key, hex.
    pub key: String,
    /// 65-byte bind-key proof, hex.
    pub proof: String,
}

/// An amount as a JSON integer or a decimal string (u128 does not fit JSON numbers).
#[derive(Debug, Clone, Deserialize)]
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
                .with_context(|| format!("`{t}` is not an amount")),
        }
    }
}

impl ActionJson {
    /// The suite's action.
    pub fn to_action(&self) -> Result<Action> {
        let acc = |s: &str| -> Result<ink::primitives::AccountId> { Ok(parse_account(s)?.into()) };
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
                input: hex::decode(input.trim_start_matches("0x"))
                    .context("call input is not hex")?,
                value: value.as_ref().map(Amount::value).transpose()?.unwrap_or(0),
            },
        })
    }
}

/// Reads a JSON list of actions.
pub fn parse_actions(value: &Value) -> Result<Vec<Action>> {
    let list: Vec<ActionJson> = serde_json::from_value(value.clone())
        .context("actions must be a JSON list like [{\"type\": \"transfer\", \"to\": \"5F…\", \"amount\": 1000}]")?;
    list.iter().map(ActionJson::to_action).collect()
}

/// An action as JSON (the same shape `parse_actions` reads).
pub fn action_json(a: &Action) -> Value {
    let acc = |a: &ink::primitives::AccountId| ss58(&account_bytes(a));
    match a {
        Action::Transfer { to, amount } => {
            json!({"type": "transfer", "to": acc(to), "amount": amount.to_string()})
        }
        Action::RegisterMember {
            account,
            profile,
            key,
        } => {
            let mut v = profile_json(profile);
            v["type"] = json!("register_member");
            v["account"] = json!(acc(account));
            v["key"] = json!(key.map(|k| json!({"key": hex0x(&k.key), "proof": hex0x(&k.proof)})));
            v
        }
        Action::UpdateMember { account, profile } => {
            let mut v = profile_json(profile);
            v["type"] = json!("update_member");
            v["account"] = json!(acc(account));
            v
        }
        Action::SuspendMember { account } => {
            json!({"type": "suspend_member", "account": acc(account)})
        }
        Action::ReinstateMember { account } => {
            json!({"type": "reinstate_member", "account": acc(account)})
        }
        Action::RemoveMember { account } => {
            json!({"type": "remove_member", "account": acc(account)})
        }
        Action::SetParams { params } => json!({"type": "set_params", "params": params}),
        Action::AuthorizeWriter { writer } => {
            json!({"type": "authorize_writer", "writer": acc(writer)})
        }
        Action::RevokeWriter { writer } => json!({"type": "revoke_writer", "writer": acc(writer)}),
        Action::Call {
            callee,
            selector,
            input,
            value,
        } => json!({
            "type": "call", "callee": acc(callee), "selector": hex0x(selector),
            "input": hex0x(input), "value": value.to_string(),
        }),
    }
}

/// One line describing an action.
pub fn action_text(a: &Action) -> String {
    let acc = |a: &ink::primitives::AccountId| short(&account_bytes(a));
    match a {
        Action::Transfer { to, amount } => format!("transfer {amount} to {}", acc(to)),
        Action::RegisterMember {
            account, profile, ..
        } => format!(
            "register {:?} member {} ({}, weight {})",
            profile.kind,
            acc(account),
            perspective_names(profile.perspectives).join("+"),
            profile.weight
        ),
        Action::UpdateMember { account, .. } => format!("update member {}", acc(account)),
        Action::SuspendMember { account } => format!("suspend member {}", acc(account)),
        Action::ReinstateMember { account } => format!("reinstate member {}", acc(account)),
        Action::RemoveMember { account } => format!("remove member {}", acc(account)),
        Action::SetParams { .. } => "set hub parameters".into(),
        Action::AuthorizeWriter { writer } => format!("authorize log writer {}", acc(writer)),
        Action::RevokeWriter { writer } => format!("revoke log writer {}", acc(writer)),
        Action::Call {
            callee,
            selector,
            value,
            ..
        } => {
            format!(
                "call {} selector {} value {value}",
                acc(callee),
                hex0x(selector)
            )
        }
    }
}

/// The 32 bytes of an ink account id.
pub fn account_bytes(a: &ink::primitives::AccountId) -> [u8; 32] {
    let r: &[u8; 32] = a.as_ref();
    *r
}

/// A state's name for people.
pub fn state_name(s: ProposalState) -> String {
    format!("{s:?}")
}

/// A proposal as JSON.
pub fn proposal_json(p: &Proposal, state: ProposalState) -> Value {
    json!({
        "id": p.id, "author": ss58(&account_bytes(&p.author)),
        "author_kind": format!("{:?}", p.author_kind), "revision": p.revision,
        "state": state_name(state), "submitted_at": p.submitted_at,
        "review_opened_at": p.review_opened_at, "review_closes_at": p.review_closes_at,
        "snapshot_block": p.snapshot_block, "voting_closes_at": p.voting_closes_at,
        "eta": p.eta, "expires_at": p.expires_at, "updated_at": p.updated_at,
        "params_version": p.params_version, "vetoes": p.vetoes,
    })
}

/// A revision as JSON.
pub fn revision_json(n: u32, r: &RevisionRecord) -> Value {
    json!({
        "revision": n, "content_hash": hex0x(&r.content_hash), "uri": r.uri,
        "actions": r.actions.iter().map(action_json).collect::<Vec<_>>(),
        "action_summaries": r.actions.iter().map(action_text).collect::<Vec<_>>(),
        "submitted_at": r.submitted_at, "signer": r.signer.map(|k| hex0x(&k)),
        "signature_hash": r.signature_hash.map(|h| hex0x(&h)),
    })
}

/// A review as JSON.
pub fn review_json(r: &Review) -> Value {
    json!({
        "proposal": r.proposal, "revision": r.revision,
        "reviewer": ss58(&account_bytes(&r.reviewer)), "version": r.version,
        "verdict": format!("{:?}", r.verdict), "score": r.score,
        "perspective": format!("{:?}", r.perspective),
        "feedback_hash": hex0x(&r.feedback_hash), "feedback_uri": r.feedback_uri,
        "suggestion_hash": r.suggestion_hash.map(|h| hex0x(&h)), "suggestion_uri": r.suggestion_uri,
        "submitted_at": r.submitted_at,
    })
}

fn tally_json(t: &Tally) -> Value {
    json!({"for": t.for_weight.to_string(), "against": t.against_weight.to_string(), "abstain": t.abstain_weight.to_string()})
}

/// A ballot as JSON.
pub fn ballot_json(b: &Ballot) -> Value {
    json!({
        "snapshot_block": b.snapshot_block, "opened_at": b.opened_at, "closes_at": b.closes_at,
        "quorum_bps": b.rules.quorum_bps, "approval_threshold_bps": b.rules.approval_threshold_bps,
        "require_both_kinds": b.rules.require_both_kinds, "total_weight": b.total_weight.to_string(),
        "humans": tally_json(&b.humans), "agents": tally_json(&b.agents), "votes": b.votes,
        "transcript": hex0x(&b.transcript), "closed": b.closed,
    })
}

/// A vote as JSON.
pub fn vote_json(v: &Vote) -> Value {
    json!({
        "voter": ss58(&account_bytes(&v.voter)), "kind": format!("{:?}", v.kind),
        "choice": format!("{:?}", v.choice), "weight": v.weight.to_string(),
        "rationale_hash": hex0x(&v.rationale_hash), "block": v.block,
        "relayed": v.signed.is_some(),
    })
}

/// A member as JSON.
pub fn member_json(m: &Member) -> Value {
    json!({
        "account": ss58(&account_bytes(&m.account)), "kind": format!("{:?}", m.profile.kind),
        "perspectives": perspective_names(m.profile.perspectives), "weight": m.profile.weight.to_string(),
        "metadata_uri": m.profile.metadata_uri,
        "operator": m.profile.operator.as_ref().map(|o| ss58(&account_bytes(o))),
        "signing_key": m.signing_key.map(|k| hex0x(&k)), "status": format!("{:?}", m.status),
        "joined_at": m.joined_at,
    })
}

/// A log entry's kind name.
pub fn kind_name(k: LogKind) -> String {
    format!("{k:?}")
}

/// A log entry as JSON (the export format `agora log verify --file` reads back).
pub fn entry_json(h: &HashedEntry) -> Value {
    let e = &h.entry;
    json!({
        "index": e.index, "kind": kind_name(e.kind), "kind_index": e.kind as u8,
        "subject": e.subject, "actor": ss58(&account_bytes(&e.actor)),
        "payload_hash": hex0x(&e.payload_hash), "block": e.block, "timestamp": e.timestamp,
        "prev_hash": hex0x(&e.prev_hash), "hash": hex0x(&h.hash),
    })
}

/// Reads an entry back from its export JSON.
pub fn entry_from_json(v: &Value) -> Result<HashedEntry> {
    let field = |name: &str| {
        v.get(name)
            .ok_or_else(|| anyhow!("entry without `{name}`: {v}"))
    };
    let num = |name: &str| -> Result<u64> {
        field(name)?
            .as_u64()
            .ok_or_else(|| anyhow!("entry field `{name}` is not a number: {v}"))
    };
    let text = |name: &str| -> Result<String> {
        Ok(field(name)?
            .as_str()
            .ok_or_else(|| anyhow!("entry field `{name}` is not a string: {v}"))?
            .to_owned())
    };
    let kind_index = num("kind_index")?;
    let kind = <LogKind as scale::Decode>::decode(&mut &[kind_index as u8][..])
        .map_err(|_| anyhow!("unknown log kind index {kind_index}"))?;
    Ok(HashedEntry {
        entry: agora_types::LogEntry {
            index: num("index")?,
            kind,
            subject: u32::try_from(num("subject")?)?,
            actor: parse_account(&text("actor")?)?.into(),
            payload_hash: parse_hex::<32>(&text("payload_hash")?)?,
            block: u32::try_from(num("block")?)?,
            timestamp: num("timestamp")?,
            prev_hash: parse_hex::<32>(&text("prev_hash")?)?,
        },
        hash: parse_hex::<32>(&text("hash")?)?,
    })
}

/// What a contract error means, in words (for the errors people meet most).
pub fn explain_error(variant: &str) -> &'static str {
    let name = variant
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|s| !s.is_empty())
        .unwrap_or("");
    // Nested errors (`Voting(AlreadyVoted)`) are explained by their inner variant.
    let inner = variant
        .rsplit(|c: char| !c.is_ascii_alphanumeric())
        .find(|s| !s.is_empty())
        .unwrap_or(name);
    let pick = |n: &str| match n {
        "AlreadyVoted" => Some("you already voted on this proposal"),
        "NotEligible" => Some("the account had no voting or reviewing weight at the snapshot"),
        "NotActiveMember" => Some("the account is not an active member"),
        "TooEarly" => Some("not due yet: wait for the block it names"),
        "VotingWindowOver" => Some("the ballot's voting window is over"),
        "BallotClosed" => Some("the ballot is closed"),
        "ReviewWindowOver" => Some("the review window is over"),
        "UnexpectedState" => Some("the proposal is not in the state this step needs"),
        "UnknownProposal" => Some("no proposal with this id"),
        "NonceUsed" => Some("this signed proposal (author, nonce) was already submitted"),
        "StaleRevision" => {
            Some("this revision number is not the next one (replayed or out of date)")
        }
        "DeadlinePassed" => Some("the signed payload's deadline block has passed"),
        "SignerMismatch" => Some("the signature is not from the key bound to that account"),
        "WrongChain" => Some("the payload was signed for another chain tag"),
        "WrongContract" => Some("the payload was signed for another contract address"),
        "AuthorCannotReview" => Some("authors cannot review their own proposals"),
        "PerspectiveNotHeld" => Some("the reviewer does not hold that perspective"),
        "NotAuthor" => Some("only the proposal's author may do this"),
        "InsufficientTreasury" => Some("the treasury cannot pay this"),
        "Expired" => Some("the proposal's execution window has passed"),
        "NotAdmin" | "AdminOnly" => {
            Some("only the contract's admin (the hub after the handover) may do this")
        }
        "TooManyOpenProposals" => Some("the author has too many proposals in review or voting"),
        _ => None,
    };
    pick(inner)
        .or_else(|| pick(name))
        .unwrap_or("see docs/contracts for this error")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_names_and_ss58_parse_to_the_same_account() {
        let alice = parse_account("//Alice").unwrap();
        assert_eq!(parse_account("alice").unwrap(), alice);
        assert_eq!(parse_account(&ss58(&alice)).unwrap(), alice);
        assert_eq!(
            ss58(&alice),
            "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
        );
    }

    #[test]
    fn bad_account_is_refused() {
        assert!(parse_account("5Nope").is_err());
        assert!(parse_account("0x1234").is_err());
    }

    #[test]
    fn perspectives_parse_by_name_and_list() {
        let set = parse_perspectives(&["safety,Ethics"]).unwrap();
        assert_eq!(perspective_names(set), vec!["Safety", "Ethics"]);
        assert!(parse_perspectives(&["wisdom"]).is_err());
    }

    #[test]
    fn actions_round_trip_through_json() {
        let list = json!([
            {"type": "transfer", "to": "//Eve", "amount": 1000},
            {"type": "suspend_member", "account": "//Bob"},
            {"type": "call", "callee": "//Dave", "selector": "0x01020304", "input": "0x0a", "value": "5"}
        ]);
        let actions = parse_actions(&list).unwrap();
        let back: Vec<Value> = actions.iter().map(action_json).collect();
        assert_eq!(parse_actions(&Value::Array(back)).unwrap(), actions);
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
        let back = action_json(&actions[0]);
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
    fn log_entries_round_trip_through_the_export_format() {
        let h = HashedEntry {
            entry: agora_types::LogEntry {
                index: 3,
                kind: LogKind::BallotClosed,
                subject: 7,
                actor: [9u8; 32].into(),
                payload_hash: [1u8; 32],
                block: 44,
                timestamp: 1_700_000_000_000,
                prev_hash: [2u8; 32],
            },
            hash: [3u8; 32],
        };
        assert_eq!(entry_from_json(&entry_json(&h)).unwrap(), h);
    }

    #[test]
    fn errors_are_explained_by_their_inner_variant() {
        assert_eq!(
            explain_error("Voting(AlreadyVoted)"),
            "you already voted on this proposal"
        );
        assert!(explain_error("TooEarly { allowed_from: 3 }").starts_with("not due"));
    }
}
