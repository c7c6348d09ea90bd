//! What people type, checked as clap parses it: verdicts, vote choices, member kinds and
//! perspectives as value enums, and numbers and texts within the suite's bounds (the named
//! constants of agora-types).

use agora_types::{
    Action, MemberKind, Perspective, PerspectiveSet, Verdict, VoteChoice, MAX_MEMBER_WEIGHT,
    MAX_SCORE, MAX_URI_LEN, PERSPECTIVE_COUNT,
};
use clap::{builder::PossibleValue, ValueEnum};

use crate::core::encoding::parse_account;

/// A review's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerdictArg {
    /// Ready for a vote as it is.
    Approve,
    /// Could pass after changes (say which with --suggestion).
    #[value(alias = "changes", alias = "request_changes")]
    RequestChanges,
    /// Should not pass.
    Reject,
}

impl From<VerdictArg> for Verdict {
    fn from(v: VerdictArg) -> Self {
        match v {
            VerdictArg::Approve => Verdict::Approve,
            VerdictArg::RequestChanges => Verdict::RequestChanges,
            VerdictArg::Reject => Verdict::Reject,
        }
    }
}

/// A vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChoiceArg {
    /// In favour.
    #[value(alias = "yes", alias = "aye")]
    For,
    /// Opposed.
    #[value(alias = "no", alias = "nay")]
    Against,
    /// Counted for the quorum, neither for nor against.
    Abstain,
}

impl From<ChoiceArg> for VoteChoice {
    fn from(c: ChoiceArg) -> Self {
        match c {
            ChoiceArg::For => VoteChoice::For,
            ChoiceArg::Against => VoteChoice::Against,
            ChoiceArg::Abstain => VoteChoice::Abstain,
        }
    }
}

/// A member's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A person.
    Human,
    /// An AI agent (has an operator; may sign with its own key).
    #[value(alias = "ai")]
    Agent,
}

impl From<KindArg> for MemberKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Human => MemberKind::Human,
            KindArg::Agent => MemberKind::Agent,
        }
    }
}

/// A perspective, by the names of `Perspective::name` (safety, creativity, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PerspectiveArg(pub Perspective);

const PERSPECTIVE_ARGS: [PerspectiveArg; PERSPECTIVE_COUNT] = {
    let mut out = [PerspectiveArg(Perspective::Safety); PERSPECTIVE_COUNT];
    let mut i = 0;
    while i < PERSPECTIVE_COUNT {
        out[i] = PerspectiveArg(Perspective::ALL[i]);
        i += 1;
    }
    out
};

impl ValueEnum for PerspectiveArg {
    fn value_variants<'a>() -> &'a [Self] {
        &PERSPECTIVE_ARGS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.name()))
    }
}

/// A set of perspectives from a list.
pub fn perspective_set(list: &[PerspectiveArg]) -> PerspectiveSet {
    list.iter()
        .fold(PerspectiveSet::empty(), |set, p| set.with(p.0))
}

/// A review score: 0 to `MAX_SCORE`.
pub fn parse_score(text: &str) -> Result<u8, String> {
    let n: u8 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a score (0 to {MAX_SCORE})"))?;
    if n > MAX_SCORE {
        return Err(format!("a score is 0 to {MAX_SCORE} (MAX_SCORE), not {n}"));
    }
    Ok(n)
}

/// A member's voting weight: 1 to `MAX_MEMBER_WEIGHT`.
pub fn parse_weight(text: &str) -> Result<u128, String> {
    let n: u128 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a weight"))?;
    if n == 0 || n > MAX_MEMBER_WEIGHT {
        return Err(format!(
            "a weight is 1 to {MAX_MEMBER_WEIGHT} (MAX_MEMBER_WEIGHT), not {n}"
        ));
    }
    Ok(n)
}

/// An amount of at least 1 (a deposit or transfer of nothing is refused).
pub fn parse_amount(text: &str) -> Result<u128, String> {
    let n: u128 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not an amount (the chain's smallest unit)"))?;
    if n == 0 {
        return Err("an amount of nothing".into());
    }
    Ok(n)
}

/// A proposal id (ids start at 1).
pub fn parse_id(text: &str) -> Result<u32, String> {
    let n: u32 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a proposal id"))?;
    if n == 0 {
        return Err("proposal ids start at 1".into());
    }
    Ok(n)
}

/// A URI of at most `MAX_URI_LEN` bytes (empty allowed).
pub fn parse_uri(text: &str) -> Result<String, String> {
    if text.len() > MAX_URI_LEN {
        return Err(format!(
            "a URI is at most {MAX_URI_LEN} bytes (MAX_URI_LEN); this one has {}",
            text.len()
        ));
    }
    Ok(text.to_owned())
}

/// A whole number of at least 1 (a count or a block distance).
pub fn parse_positive(text: &str) -> Result<u32, String> {
    let n: u32 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number"))?;
    if n == 0 {
        return Err("must be at least 1".into());
    }
    Ok(n)
}

/// A treasury transfer `ACCOUNT:AMOUNT`.
pub fn parse_transfer(text: &str) -> Result<Action, String> {
    let (to, amount) = text
        .rsplit_once(':')
        .ok_or_else(|| format!("--transfer takes ACCOUNT:AMOUNT, got `{text}`"))?;
    Ok(Action::Transfer {
        to: parse_account(to).map_err(|e| e.to_string())?.into(),
        amount: parse_amount(amount)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_bounded_by_max_score() {
        assert_eq!(parse_score("0"), Ok(0));
        assert_eq!(parse_score(&MAX_SCORE.to_string()), Ok(MAX_SCORE));
        let over = u16::from(MAX_SCORE) + 1;
        assert!(parse_score(&over.to_string())
            .unwrap_err()
            .contains("MAX_SCORE"));
        assert!(parse_score("-1").is_err());
    }

    #[test]
    fn weights_ids_amounts_and_uris_are_bounded() {
        assert!(parse_weight("0").is_err());
        assert_eq!(
            parse_weight(&MAX_MEMBER_WEIGHT.to_string()),
            Ok(MAX_MEMBER_WEIGHT)
        );
        assert!(parse_weight(&(MAX_MEMBER_WEIGHT + 1).to_string()).is_err());
        assert!(parse_id("0").is_err());
        assert_eq!(parse_id("3"), Ok(3));
        assert!(parse_amount("0").is_err());
        assert!(parse_uri(&"x".repeat(MAX_URI_LEN)).is_ok());
        assert!(parse_uri(&"x".repeat(MAX_URI_LEN + 1)).is_err());
    }

    #[test]
    fn value_enums_name_every_perspective_and_map_to_the_suites_types() {
        let names: Vec<String> = PerspectiveArg::value_variants()
            .iter()
            .filter_map(|p| p.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect();
        assert_eq!(names, Perspective::ALL.map(|p| p.name().to_owned()));
        assert_eq!(
            PerspectiveArg::from_str("Ethics", true).map(|p| p.0),
            Ok(Perspective::Ethics)
        );
        assert_eq!(
            Verdict::from(VerdictArg::from_str("changes", true).unwrap()),
            Verdict::RequestChanges
        );
        assert_eq!(
            VoteChoice::from(ChoiceArg::from_str("nay", true).unwrap()),
            VoteChoice::Against
        );
        assert_eq!(
            MemberKind::from(KindArg::from_str("AI", true).unwrap()),
            MemberKind::Agent
        );
    }

    #[test]
    fn transfers_parse_account_and_amount() {
        assert!(matches!(
            parse_transfer("//Eve:1000"),
            Ok(Action::Transfer { amount: 1000, .. })
        ));
        assert!(parse_transfer("//Eve").is_err());
        assert!(parse_transfer("//Eve:0").is_err());
    }
}
