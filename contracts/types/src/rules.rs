//! Rules and outcomes of review rounds and ballots, copied in when each one opens.

use crate::{Hash32, PerspectiveSet, Weight};

/// Basis points in one whole (100%).
pub const BPS: u32 = 10_000;

/// What a review round needs to pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ReviewRules {
    /// Minimum number of distinct reviewers.
    pub min_reviews: u32,
    /// Perspectives that the reviews (their stated perspectives) must cover.
    pub required_perspectives: PerspectiveSet,
    /// Most `Reject` verdicts the round tolerates.
    pub max_rejections: u32,
}

/// A reviewer's judgement of one revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Verdict {
    /// Ready for a vote as it is.
    Approve,
    /// Could pass after changes (see the review's suggestion).
    RequestChanges,
    /// Should not go to a vote.
    Reject,
}

/// The state of a review round, counted over each reviewer's latest review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RoundOutcome {
    /// Distinct reviewers.
    pub reviews: u32,
    /// Latest verdicts that approve.
    pub approvals: u32,
    /// Latest verdicts that request changes.
    pub change_requests: u32,
    /// Latest verdicts that reject.
    pub rejections: u32,
    /// Perspectives the latest reviews were written from.
    pub perspectives_covered: PerspectiveSet,
    /// Sum of the latest scores (mean = score_sum / reviews).
    pub score_sum: u32,
    /// Whether the round's rules are met.
    pub rules_met: bool,
    /// Whether the round is closed (frozen).
    pub closed: bool,
    /// Running hash over every review version in submission order.
    pub transcript: Hash32,
}

/// What a ballot needs to pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct VotingRules {
    /// Share of the total snapshot weight that must vote For or Abstain, in basis points.
    pub quorum_bps: u32,
    /// Share of For among For + Against needed to pass, in basis points.
    pub approval_threshold_bps: u32,
    /// Whether Humans and Agents must each reach the threshold on their own.
    pub require_both_kinds: bool,
}

/// A voter's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum VoteChoice {
    /// In favour.
    For,
    /// Opposed.
    Against,
    /// Counts toward quorum only.
    Abstain,
}

/// Weight per choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Tally {
    /// Weight voting For.
    pub for_weight: Weight,
    /// Weight voting Against.
    pub against_weight: Weight,
    /// Weight abstaining.
    pub abstain_weight: Weight,
}

/// The state of a ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct BallotOutcome {
    /// Tally of human members.
    pub humans: Tally,
    /// Tally of agent members.
    pub agents: Tally,
    /// Total weight at the snapshot block.
    pub total_weight: Weight,
    /// Number of votes cast.
    pub votes: u32,
    /// Whether For + Abstain reached the quorum.
    pub quorum_reached: bool,
    /// Whether the ballot passes (quorum and threshold, and both kinds if required).
    pub approved: bool,
    /// Whether the ballot is closed (frozen).
    pub closed: bool,
    /// Running hash over every vote in order.
    pub transcript: Hash32,
}
