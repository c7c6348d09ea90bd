//! How reports write values in JSON, one rule per kind of value (docs/cli.md, "JSON output"):
//! accounts as SS58 strings, hashes, keys and signatures as lowercase 0x-hex, u128 amounts as
//! decimal strings, u64 as numbers below 2^53 and decimal strings from there, enum values by
//! their variant name in the contracts (`InReview`, `Safety`, `For`). Each newtype here
//! serializes one of these and gives its JSON Schema.

use std::{borrow::Cow, fmt, marker::PhantomData};

use ink::{primitives::AccountId, scale_info::TypeInfo};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::core::{
    encoding::{hex0x, ss58},
    names::{snake_case, variant_name, variant_names, MAX_SAFE_INTEGER},
};

/// An account as its SS58 address (generic prefix 42).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ss58(pub String);

impl Ss58 {
    /// The address of raw account bytes.
    pub fn of(bytes: &[u8; 32]) -> Self {
        Self(ss58(bytes))
    }
}

impl From<&AccountId> for Ss58 {
    fn from(a: &AccountId) -> Self {
        Self(crate::core::encoding::ss58_of(a))
    }
}

impl From<AccountId> for Ss58 {
    fn from(a: AccountId) -> Self {
        Self::from(&a)
    }
}

impl fmt::Display for Ss58 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Ss58 {
    fn schema_name() -> Cow<'static, str> {
        "Ss58".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An account as an SS58 address (generic substrate prefix 42).",
            "pattern": "^[1-9A-HJ-NP-Za-km-z]{46,48}$"
        })
    }
}

/// Bytes (a hash, key, signature, SCALE encoding) as lowercase 0x-hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Hex(pub String);

impl Hex {
    /// The hex of some bytes.
    pub fn of(bytes: &[u8]) -> Self {
        Self(hex0x(bytes))
    }
}

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Hex {
    fn schema_name() -> Cow<'static, str> {
        "Hex".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Bytes as lowercase 0x-hex.",
            "pattern": "^0x([0-9a-f]{2})*$"
        })
    }
}

/// A u128 (an amount or weight) as a decimal string; read from a string or an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Dec(pub u128);

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a non-negative integer or a decimal string")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
                Ok(Dec(u128::from(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
                v.trim()
                    .parse()
                    .map(Dec)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl JsonSchema for Dec {
    fn schema_name() -> Cow<'static, str> {
        "Dec".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A u128 (amount or weight) as a decimal string.",
            "pattern": "^[0-9]+$"
        })
    }
}

/// A u64 as a JSON number below 2^53, as a decimal string from there (JSON numbers are
/// exact only that far); read from either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct U64(pub u64);

impl Serialize for U64 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 <= MAX_SAFE_INTEGER {
            s.serialize_u64(self.0)
        } else {
            s.collect_str(&self.0)
        }
    }
}

impl<'de> Deserialize<'de> for U64 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = U64;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a non-negative integer or a decimal string")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<U64, E> {
                Ok(U64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<U64, E> {
                v.trim()
                    .parse()
                    .map(U64)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

impl fmt::Display for U64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl JsonSchema for U64 {
    fn schema_name() -> Cow<'static, str> {
        "U64".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A u64: a number below 2^53, a decimal string from 2^53 on.",
            "oneOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_SAFE_INTEGER},
                {"type": "string", "pattern": "^[0-9]+$"}
            ]
        })
    }
}

/// An enum value of the suite, written as the wire dialect writes enum values: its variant
/// name in snake_case (`in_review`, `safety`, `request_changes`), the spelling the CLI's inputs
/// and agora-types' serde use. Its schema lists the names the enum has, read from its type
/// information. For people (`Display`) it is the contract's variant name (`InReview`).
pub struct Name<T>(pub String, PhantomData<fn() -> T>);

impl<T: scale::Encode + TypeInfo + 'static> Name<T> {
    /// The name of `value`.
    pub fn of(value: &T) -> Self {
        Self(variant_name(value), PhantomData)
    }
}

impl<T> Name<T> {
    /// The contract's variant name (`InReview`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The wire spelling (`in_review`).
    pub fn wire(&self) -> String {
        snake_case(&self.0)
    }
}

impl<T> fmt::Debug for Name<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<T> Clone for Name<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone(), PhantomData)
    }
}

impl<T> PartialEq for Name<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<T> fmt::Display for Name<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<T> Serialize for Name<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.wire())
    }
}

impl<'de, T: TypeInfo + 'static> Deserialize<'de> for Name<T> {
    /// Reads the wire spelling back; a name the enum does not have is refused.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        variant_names::<T>()
            .into_iter()
            .find(|n| snake_case(n) == text)
            .map(|n| Self(n, PhantomData))
            .ok_or_else(|| de::Error::custom(format!("unknown value \"{text}\"")))
    }
}

impl<T: TypeInfo + 'static> JsonSchema for Name<T> {
    fn schema_name() -> Cow<'static, str> {
        // `…Name`: the wire types of agora-types (actions inside reports) define `Perspective`,
        // `VoteChoice`, … as schemas of their own; this one is built from the contracts' type
        // information, and also covers the enums that are never inputs (`ProposalState`).
        let path = T::type_info().path;
        let name = path.segments.last().copied().unwrap_or("Variant");
        format!("{name}Name").into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<String> = variant_names::<T>().iter().map(|n| snake_case(n)).collect();
        json_schema!({
            "type": "string",
            "description": "A value of the contracts' enum, its variant name in snake_case.",
            "enum": names
        })
    }
}

/// `true`, always (the `ok` of a success).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct True;

impl Serialize for True {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(true)
    }
}

impl JsonSchema for True {
    fn schema_name() -> Cow<'static, str> {
        "True".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"const": true})
    }
}

/// `false`, always (the `ok` of a failure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct False;

impl Serialize for False {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(false)
    }
}

impl JsonSchema for False {
    fn schema_name() -> Cow<'static, str> {
        "False".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"const": false})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_types::ProposalState;
    use serde_json::json;

    #[test]
    fn large_numbers_become_strings_and_read_back() {
        assert_eq!(serde_json::to_value(U64(7)).unwrap(), json!(7));
        assert_eq!(
            serde_json::to_value(U64(u64::MAX)).unwrap(),
            json!(u64::MAX.to_string())
        );
        assert_eq!(serde_json::from_value::<U64>(json!("9")).unwrap(), U64(9));
        assert_eq!(serde_json::to_value(Dec(5)).unwrap(), json!("5"));
        assert_eq!(serde_json::from_value::<Dec>(json!(5)).unwrap(), Dec(5));
    }

    #[test]
    fn enum_values_are_written_by_name_and_their_schema_lists_the_names() {
        let n = Name::of(&ProposalState::InReview);
        assert_eq!(serde_json::to_value(&n).unwrap(), json!("in_review"));
        assert_eq!(n.to_string(), "InReview");
        let back: Name<ProposalState> = serde_json::from_value(json!("in_review")).unwrap();
        assert_eq!(back, n);
        assert!(serde_json::from_value::<Name<ProposalState>>(json!("InReview")).is_err());
        let schema = schemars::schema_for!(Name<ProposalState>);
        let names = schema.get("enum").and_then(|e| e.as_array()).unwrap();
        assert!(names.contains(&json!("in_review")) && names.contains(&json!("expired")));
    }
}
