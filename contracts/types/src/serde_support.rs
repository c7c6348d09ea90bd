//! The TOML/JSON shape of the hub's parameters (feature `serde`): what `deploy/agora.toml`'s
//! `[params]` table and a `set_params` action hold.
//!
//! - A perspective is its lowercase name (`"safety"`; read in any case), a perspective set
//!   the list of its names (`["safety", "ethics"]`).
//! - An amount (`Balance`, u128) is written as a decimal string and read from an integer or
//!   a decimal string (JSON and TOML integers stop before 2^64).
//! - A parameter a configuration leaves out is [`HubParams::default`]'s, except the two
//!   spending caps, which it must name; unknown fields are refused, so a misspelt parameter
//!   is an error rather than a silent default.
//!
//! Nothing here is compiled into a contract: only the CLI and tests enable the feature.

use core::fmt;

use serde::{
    de::{self, SeqAccess, Visitor},
    ser::SerializeSeq,
    Deserialize, Deserializer, Serialize, Serializer,
};

use crate::{
    BlockNumber, HubParams, Perspective, PerspectiveSet, ReviewRules, VotingRules,
    PERSPECTIVE_COUNT,
};

/// The names [`Perspective::from_name`] knows, for error messages.
const PERSPECTIVE_NAMES: [&str; PERSPECTIVE_COUNT] = [
    Perspective::Safety.name(),
    Perspective::Creativity.name(),
    Perspective::Ethics.name(),
    Perspective::Efficiency.name(),
    Perspective::Finance.name(),
    Perspective::Legal.name(),
    Perspective::Community.name(),
    Perspective::Technical.name(),
];

impl Serialize for Perspective {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Perspective {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Perspective;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a perspective name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Perspective, E> {
                Perspective::from_name(name.trim())
                    .ok_or_else(|| E::unknown_variant(name, &PERSPECTIVE_NAMES))
            }
        }
        deserializer.deserialize_str(Name)
    }
}

impl Serialize for PerspectiveSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.iter().count()))?;
        for p in self.iter() {
            seq.serialize_element(&p)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for PerspectiveSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Names;
        impl<'de> Visitor<'de> for Names {
            type Value = PerspectiveSet;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of perspective names")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PerspectiveSet, A::Error> {
                let mut set = PerspectiveSet::empty();
                while let Some(p) = seq.next_element::<Perspective>()? {
                    set = set.with(p);
                }
                Ok(set)
            }
        }
        deserializer.deserialize_seq(Names)
    }
}

/// `#[serde(with = "amount")]` for a `Balance`: written as a decimal string, read from an
/// integer or a decimal string.
pub(crate) mod amount {
    use super::*;
    use crate::Balance;

    /// Writes the amount as a decimal string.
    pub fn serialize<S: Serializer>(value: &Balance, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    /// Reads an integer or a decimal string.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Balance, D::Error> {
        struct Amount;
        impl Visitor<'_> for Amount {
            type Value = Balance;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount: a non-negative integer or a decimal string")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Balance, E> {
                Ok(Balance::from(v))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Balance, E> {
                Ok(v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Balance, E> {
                u64::try_from(v)
                    .map(Balance::from)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Balance, E> {
                v.trim()
                    .parse()
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(Amount)
    }
}

// The defaults of the fields a configuration may leave out: `HubParams::default()`'s.

pub(crate) fn review_window() -> BlockNumber {
    HubParams::default().review_window
}
pub(crate) fn voting_window() -> BlockNumber {
    HubParams::default().voting_window
}
pub(crate) fn timelock() -> BlockNumber {
    HubParams::default().timelock
}
pub(crate) fn grace_period() -> BlockNumber {
    HubParams::default().grace_period
}
pub(crate) fn review_rules() -> ReviewRules {
    HubParams::default().review_rules
}
pub(crate) fn voting_rules() -> VotingRules {
    HubParams::default().voting_rules
}
pub(crate) fn max_open_per_member() -> u32 {
    HubParams::default().max_open_per_member
}
pub(crate) fn veto_threshold() -> u32 {
    HubParams::default().veto_threshold
}
pub(crate) fn spending_period() -> BlockNumber {
    HubParams::default().spending_period
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The `[params]` table of deploy/agora.toml, as JSON.
    fn demo() -> serde_json::Value {
        json!({
            "review_window": 6, "voting_window": 6, "timelock": 3, "grace_period": 20,
            "max_open_per_member": 3, "veto_threshold": 1,
            "max_spend_per_proposal": "500000000000000", "max_spend_per_period": 800000000000000u64,
            "spending_period": 100,
            "review_rules": {"min_reviews": 2, "required_perspectives": ["safety", "Ethics"], "max_rejections": 0},
            "voting_rules": {"quorum_bps": 5000, "approval_threshold_bps": 5000, "require_both_kinds": true},
        })
    }

    #[test]
    fn the_configuration_shape_reads_names_and_amounts() {
        let p: HubParams = serde_json::from_value(demo()).expect("the demo parameters");
        assert_eq!(
            p.review_rules.required_perspectives,
            [Perspective::Safety, Perspective::Ethics]
                .into_iter()
                .collect()
        );
        assert_eq!(p.max_spend_per_proposal, 500_000_000_000_000);
        assert_eq!(p.max_spend_per_period, 800_000_000_000_000);
        assert!(p.voting_rules.require_both_kinds);
        assert_eq!(p.check_bounds(), Ok(()));
    }

    #[test]
    fn parameters_round_trip_with_lowercase_names_and_string_amounts() {
        let p = HubParams {
            max_spend_per_period: crate::MAX_SPEND_CAP,
            ..crate::testing::params()
        };
        let v = serde_json::to_value(p).expect("serializable");
        assert_eq!(
            v["review_rules"]["required_perspectives"],
            json!(["safety", "efficiency"])
        );
        assert_eq!(
            v["max_spend_per_period"],
            json!("1000000000000000000000000000000")
        );
        assert_eq!(
            serde_json::from_value::<HubParams>(v).expect("read back"),
            p
        );
    }

    #[test]
    fn a_configuration_names_only_what_it_changes_but_the_caps() {
        let p: HubParams = serde_json::from_value(json!({
            "voting_window": 100,
            "review_rules": {"min_reviews": 2},
            "max_spend_per_proposal": 10, "max_spend_per_period": 20,
        }))
        .expect("defaults fill the rest");
        let d = HubParams::default();
        assert_eq!(
            p,
            HubParams {
                voting_window: 100,
                review_rules: ReviewRules {
                    min_reviews: 2,
                    ..d.review_rules
                },
                max_spend_per_proposal: 10,
                max_spend_per_period: 20,
                ..d
            }
        );
        let no_caps = serde_json::from_value::<HubParams>(json!({"voting_window": 100}));
        assert!(no_caps.is_err(), "the spending caps have no default");
    }

    #[test]
    fn unknown_perspectives_fields_and_negative_amounts_are_refused() {
        let mut v = demo();
        v["review_rules"]["required_perspectives"] = json!(["wisdom"]);
        let err = serde_json::from_value::<HubParams>(v).expect_err("unknown name");
        assert!(err.to_string().contains("wisdom"), "{err}");
        let mut v = demo();
        v["veto_treshold"] = json!(2);
        assert!(
            serde_json::from_value::<HubParams>(v).is_err(),
            "misspelt field"
        );
        let mut v = demo();
        v["max_spend_per_proposal"] = json!(-1);
        assert!(
            serde_json::from_value::<HubParams>(v).is_err(),
            "negative amount"
        );
        let mut v = demo();
        v["max_spend_per_proposal"] = json!("12x");
        assert!(
            serde_json::from_value::<HubParams>(v).is_err(),
            "not a number"
        );
    }
}
