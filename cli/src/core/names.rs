//! Names of the suite's enum values, read from their type information (scale-info), never
//! from `Debug`: a variant's name, the names an enum allows, and a decoded value's fields as
//! JSON. Contract errors, states, kinds and log kinds are shown and matched through these,
//! and so are the log's kind sets (a writer's authorization).

use std::{
    any::TypeId,
    collections::HashMap,
    sync::{Mutex, OnceLock},
};

use agora_types::{KindSet, LogKind, EXTERNAL_KINDS, HUB_KINDS, REVIEW_KINDS, VOTING_KINDS};
use ink::scale_info::{meta_type, PortableRegistry, Registry, TypeDef, TypeInfo};
use scale::Encode;
use serde_json::{Map, Value as Json};
use subxt::ext::scale_value::{self, Composite, Primitive, Value, ValueDef};

/// Largest integer a JSON number carries exactly (2^53 − 1); larger ones are written as
/// decimal strings.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

fn registry_of<T: TypeInfo + 'static>() -> (PortableRegistry, u32) {
    let mut registry = Registry::new();
    let id = registry.register_type(&meta_type::<T>()).id;
    (registry.into(), id)
}

/// The variants of enum `T` as (SCALE index, name), or empty for a type that is no enum.
fn variants_of<T: TypeInfo + 'static>() -> Vec<(u8, String)> {
    let (registry, id) = registry_of::<T>();
    match registry.resolve(id).map(|t| &t.type_def) {
        Some(TypeDef::Variant(def)) => def
            .variants
            .iter()
            .map(|v| (v.index, v.name.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

type NameTable = HashMap<TypeId, Vec<(u8, String)>>;

fn cached_variants<T: TypeInfo + 'static>() -> Vec<(u8, String)> {
    static CACHE: OnceLock<Mutex<NameTable>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut table = match cache.lock() {
        Ok(t) => t,
        Err(poisoned) => poisoned.into_inner(),
    };
    table
        .entry(TypeId::of::<T>())
        .or_insert_with(variants_of::<T>)
        .clone()
}

/// The names enum `T` allows, in declaration order.
pub fn variant_names<T: TypeInfo + 'static>() -> Vec<String> {
    cached_variants::<T>().into_iter().map(|(_, n)| n).collect()
}

/// A variant name as the wire dialect writes enum values: snake_case (`InReview` →
/// `in_review`, `Safety` → `safety`), as agora-types' serde does for the enums that are inputs.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The name of the variant `value` is (its SCALE encoding starts with the variant index).
pub fn variant_name<T: Encode + TypeInfo + 'static>(value: &T) -> String {
    let index = value.encode().first().copied();
    cached_variants::<T>()
        .into_iter()
        .find(|(i, _)| Some(*i) == index)
        .map_or_else(|| "unknown".to_owned(), |(_, n)| n)
}

/// A log kind for people: its variant name, and for `External` its code
/// (`External(7)`).
pub fn log_kind_text(kind: &LogKind) -> String {
    match kind {
        LogKind::External(code) => format!("{}({code})", variant_name(kind)),
        other => variant_name(other),
    }
}

/// The kinds of a set in the wire dialect's spelling (`ballot_opened`, `external` for every
/// `External` code), in index order; a bit no kind has is named `bit N`.
pub fn kind_set_names(set: KindSet) -> Vec<String> {
    let kinds = cached_variants::<LogKind>();
    (0..32u8)
        .filter(|bit| set.0 & (1u32 << bit) != 0)
        .map(|bit| {
            kinds
                .iter()
                .find(|(i, _)| *i == bit)
                .map_or_else(|| format!("bit {bit}"), |(_, n)| snake_case(n))
        })
        .collect()
}

/// A writer's kind set in words: the name of the suite's set it is (`HUB_KINDS`,
/// `REVIEW_KINDS`, `VOTING_KINDS`, `EXTERNAL_KINDS`), or its bits and kinds
/// (`0x00000900 (review_round_opened, ballot_closed)`); `no kind` for the empty set.
pub fn kind_set_text(set: KindSet) -> String {
    let named = [
        (HUB_KINDS, "HUB_KINDS"),
        (REVIEW_KINDS, "REVIEW_KINDS"),
        (VOTING_KINDS, "VOTING_KINDS"),
        (EXTERNAL_KINDS, "EXTERNAL_KINDS"),
    ];
    if let Some((_, name)) = named.iter().find(|(s, _)| *s == set) {
        return (*name).to_owned();
    }
    if set.is_empty() {
        return "no kind".to_owned();
    }
    format!("{:#010x} ({})", set.0, kind_set_names(set).join(", "))
}

/// The variant `value` is, with its fields decoded (`None` for a type that is no enum).
pub fn decode_variant<T: Encode + TypeInfo + 'static>(
    value: &T,
) -> Option<(String, Composite<u32>)> {
    let (registry, id) = registry_of::<T>();
    let bytes = value.encode();
    let decoded = scale_value::scale::decode_as_type(&mut &bytes[..], id, &registry).ok()?;
    match decoded.value {
        ValueDef::Variant(v) => Some((v.name, v.values)),
        _ => None,
    }
}

/// A decoded value as JSON: integers as numbers up to 2^53 − 1 and decimal strings beyond,
/// byte arrays as 0x-hex, a unit variant as its name, a variant with fields as
/// `{"Name": fields}`, named fields as an object, unnamed ones as a list (one alone as itself).
pub fn value_json(v: &Value<u32>) -> Json {
    match &v.value {
        ValueDef::Primitive(p) => primitive_json(p),
        ValueDef::Variant(var) => {
            if is_empty(&var.values) {
                Json::String(var.name.clone())
            } else {
                let mut m = Map::new();
                m.insert(var.name.clone(), composite_value_json(&var.values));
                Json::Object(m)
            }
        }
        ValueDef::Composite(c) => composite_value_json(c),
        ValueDef::BitSequence(b) => Json::String(format!("{b:?}")),
    }
}

fn is_empty(c: &Composite<u32>) -> bool {
    match c {
        Composite::Named(f) => f.is_empty(),
        Composite::Unnamed(f) => f.is_empty(),
    }
}

fn primitive_json(p: &Primitive) -> Json {
    match p {
        Primitive::Bool(b) => Json::Bool(*b),
        Primitive::Char(c) => Json::String(c.to_string()),
        Primitive::String(s) => Json::String(s.clone()),
        Primitive::U128(n) => match u64::try_from(*n) {
            Ok(small) if small <= MAX_SAFE_INTEGER => Json::from(small),
            _ => Json::String(n.to_string()),
        },
        Primitive::I128(n) => match i64::try_from(*n) {
            Ok(small) if small.unsigned_abs() <= MAX_SAFE_INTEGER => Json::from(small),
            _ => Json::String(n.to_string()),
        },
        Primitive::U256(b) | Primitive::I256(b) => Json::String(format!("0x{}", hex::encode(b))),
    }
}

/// Bytes, if every value of the list is a u8-sized number (a hash or key).
fn as_bytes(values: &[Value<u32>]) -> Option<Vec<u8>> {
    if values.len() < 2 {
        return None;
    }
    values
        .iter()
        .map(|v| match &v.value {
            ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(*n).ok(),
            _ => None,
        })
        .collect()
}

fn composite_value_json(c: &Composite<u32>) -> Json {
    match c {
        Composite::Named(fields) => Json::Object(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), value_json(v)))
                .collect(),
        ),
        Composite::Unnamed(values) => {
            if let Some(bytes) = as_bytes(values) {
                return Json::String(format!("0x{}", hex::encode(bytes)));
            }
            match values.as_slice() {
                [one] => value_json(one),
                many => Json::Array(many.iter().map(value_json).collect()),
            }
        }
    }
}

/// A variant's fields as a JSON object: named fields by name, unnamed ones by position
/// (`"0"`, `"1"`, …); empty for a unit variant.
pub fn fields_json(c: &Composite<u32>) -> Map<String, Json> {
    match c {
        Composite::Named(fields) => fields
            .iter()
            .map(|(k, v)| (k.clone(), value_json(v)))
            .collect(),
        Composite::Unnamed(values) => values
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), value_json(v)))
            .collect(),
    }
}

/// A variant for people: `AlreadyVoted`, `TooEarly { allowed_from: 12 }`,
/// `Voting(AlreadyVoted)`.
pub fn render_variant(name: &str, fields: &Composite<u32>) -> String {
    match fields {
        Composite::Named(f) if f.is_empty() => name.to_owned(),
        Composite::Unnamed(f) if f.is_empty() => name.to_owned(),
        Composite::Named(f) => format!(
            "{name} {{ {} }}",
            f.iter()
                .map(|(k, v)| format!("{k}: {}", render_value(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Composite::Unnamed(f) => format!(
            "{name}({})",
            f.iter().map(render_value).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn render_value(v: &Value<u32>) -> String {
    match &v.value {
        ValueDef::Variant(var) => render_variant(&var.name, &var.values),
        ValueDef::Primitive(Primitive::String(s)) => format!("{s:?}"),
        _ => match value_json(v) {
            Json::String(s) => s,
            other => other.to_string(),
        },
    }
}

/// The innermost variant name of a nested value (`Voting(AlreadyVoted)` → `AlreadyVoted`).
pub fn innermost_variant(name: &str, fields: &Composite<u32>) -> String {
    match fields {
        Composite::Unnamed(values) => match values.as_slice() {
            [Value {
                value: ValueDef::Variant(inner),
                ..
            }] => innermost_variant(&inner.name, &inner.values),
            _ => name.to_owned(),
        },
        Composite::Named(_) => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_types::{LogError, ProposalError, ProposalState, VotingError, LOG_OWN_KINDS};

    #[test]
    fn names_come_from_the_type_information() {
        assert_eq!(variant_name(&ProposalState::InReview), "InReview");
        assert_eq!(variant_name(&LogKind::BallotClosed), "BallotClosed");
        assert_eq!(variant_name(&LogKind::External(7)), "External");
        assert_eq!(snake_case(&variant_name(&LogKind::External(7))), "external");
        assert_eq!(variant_name(&LogError::KindNotAllowed), "KindNotAllowed");
        assert_eq!(variant_name(&LogError::InvalidKinds), "InvalidKinds");
        let names = variant_names::<ProposalState>();
        assert_eq!(names.first().map(String::as_str), Some("InReview"));
        assert!(names.contains(&"Expired".to_owned()));
    }

    #[test]
    fn log_kinds_and_kind_sets_are_named_in_words() {
        assert_eq!(log_kind_text(&LogKind::External(7)), "External(7)");
        assert_eq!(
            log_kind_text(&LogKind::ProposalExecuted),
            "ProposalExecuted"
        );
        assert_eq!(kind_set_text(HUB_KINDS), "HUB_KINDS");
        assert_eq!(kind_set_text(EXTERNAL_KINDS), "EXTERNAL_KINDS");
        assert_eq!(kind_set_names(EXTERNAL_KINDS), ["external"]);
        assert_eq!(
            kind_set_names(VOTING_KINDS),
            ["ballot_opened", "ballot_closed"]
        );
        assert_eq!(
            kind_set_text(KindSet(REVIEW_KINDS.0 | EXTERNAL_KINDS.0)),
            "0x00200300 (review_round_opened, review_round_closed, external)"
        );
        assert_eq!(
            kind_set_text(KindSet(LOG_OWN_KINDS.0 | 1 << 30)),
            "0x40c00007 (writer_authorized, writer_revoked, admin_transferred, sealed, anchored, \
             bit 30)"
        );
        assert_eq!(kind_set_text(KindSet::EMPTY), "no kind");
    }

    #[test]
    fn an_error_with_fields_decodes_to_its_variant_and_fields() {
        let (name, fields) = decode_variant(&ProposalError::TooEarly { allowed_from: 12 }).unwrap();
        assert_eq!(name, "TooEarly");
        assert_eq!(
            Json::Object(fields_json(&fields)),
            serde_json::json!({"allowed_from": 12})
        );
        assert_eq!(
            render_variant(&name, &fields),
            "TooEarly { allowed_from: 12 }"
        );
    }

    #[test]
    fn a_nested_error_names_its_inner_variant() {
        let (name, fields) =
            decode_variant(&ProposalError::Voting(VotingError::AlreadyVoted)).unwrap();
        assert_eq!(name, "Voting");
        assert_eq!(
            Json::Object(fields_json(&fields)),
            serde_json::json!({"0": "AlreadyVoted"})
        );
        assert_eq!(render_variant(&name, &fields), "Voting(AlreadyVoted)");
        assert_eq!(innermost_variant(&name, &fields), "AlreadyVoted");
    }

    #[test]
    fn large_amounts_become_strings() {
        let (_, fields) =
            decode_variant(&ProposalError::ProposalSpendCapExceeded { cap: u128::MAX }).unwrap();
        assert_eq!(
            fields_json(&fields)["cap"],
            Json::String(u128::MAX.to_string())
        );
    }
}
