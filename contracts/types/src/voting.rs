//! Ballots: rules copied in when a ballot opens, choices, tallies, vote records, the outcome
//! rule, the transcript hash, the signed vote payload and errors.
//!
//! The outcome rule and the transcript hash live here, not in the contract, so that clients
//! and auditors recompute exactly what the contract computes.

use crate::{
    blake2_256, signing_hash, BlockNumber, Hash32, MemberKind, ProposalId, Signature,
    SignatureError, Weight, VOTE_DOMAIN,
};
use ink::{
    prelude::{string::String, vec::Vec},
    primitives::AccountId,
    scale::Encode,
};

/// Basis points in one whole (100%).
pub const BPS: u32 = 10_000;
/// Lowest quorum a ballot accepts: 1% of the total snapshot weight.
pub const MIN_QUORUM_BPS: u32 = 100;
/// Highest quorum a ballot accepts: the whole snapshot weight.
pub const MAX_QUORUM_BPS: u32 = BPS;
/// Lowest approval threshold a ballot accepts: half of For + Against, so that a ballot
/// with more weight Against than For can never pass.
pub const MIN_APPROVAL_THRESHOLD_BPS: u32 = 5_000;
/// Highest approval threshold a ballot accepts: unanimity among For + Against.
pub const MAX_APPROVAL_THRESHOLD_BPS: u32 = BPS;
/// Most votes one `votes` page returns. A vote record encodes to at most
/// [`MAX_VOTE_ENCODED_LEN`] bytes, so a full page (about 10 KiB) fits ink's 16 KiB buffer.
pub const MAX_VOTES_PAGE: u32 = 64;
/// Largest SCALE encoding of a [`Vote`] (a relayed vote, which carries its signature).
pub const MAX_VOTE_ENCODED_LEN: usize = 32 + 1 + 1 + 16 + 32 + 4 + 1 + 4 + 65;
/// Transcript of a ballot before its first vote.
pub const EMPTY_BALLOT_TRANSCRIPT: Hash32 = [0u8; 32];

/// What a ballot needs to pass.
///
/// In a configuration read with `wire::params_from_config` a field left out is the one of
/// `HubParams::default().voting_rules` (quorum 30 %, threshold 50 %, both kinds held to it).
/// `Default` itself is all zeros (outside the bounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VotingRules {
    /// Share of the total snapshot weight that must vote For or Abstain, in basis points.
    pub quorum_bps: u32,
    /// Share of For among For + Against needed to pass, in basis points.
    pub approval_threshold_bps: u32,
    /// Whether Humans and Agents must each reach the threshold on their own (a kind that
    /// cast no For or Against weight is not held to it; see [`approved`]).
    pub require_both_kinds: bool,
}

impl VotingRules {
    /// Checks the bounds: quorum in `MIN_QUORUM_BPS..=MAX_QUORUM_BPS`, threshold in
    /// `MIN_APPROVAL_THRESHOLD_BPS..=MAX_APPROVAL_THRESHOLD_BPS`.
    pub fn validate(&self) -> Result<(), VotingError> {
        let quorum_ok = (MIN_QUORUM_BPS..=MAX_QUORUM_BPS).contains(&self.quorum_bps);
        let threshold_ok = (MIN_APPROVAL_THRESHOLD_BPS..=MAX_APPROVAL_THRESHOLD_BPS)
            .contains(&self.approval_threshold_bps);
        if quorum_ok && threshold_ok {
            Ok(())
        } else {
            Err(VotingError::InvalidRules)
        }
    }
}

/// Why a ballot of a proposal was opened. A proposal has at most one ballot per purpose.
///
/// Today every ballot decides its proposal; the checks-and-balances rules add a second
/// ballot of the same proposal (a veto override), and later features an outcome ballot:
/// each is a new variant, and every key, payload and log entry already names the purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum BallotPurpose {
    /// The ballot that decides whether the proposal passes.
    Decision,
}

impl BallotPurpose {
    /// Every purpose, in SCALE index order (what an auditor tries for a ballot entry).
    pub const ALL: [BallotPurpose; 1] = [BallotPurpose::Decision];
}

/// Names one ballot: the proposal it is about and why it was opened. The voting contract
/// keys ballots, votes and receipts by it, and every signed vote binds it, so a vote signed
/// for one ballot of a proposal cannot be counted in another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BallotId {
    /// The proposal (ids start at 1).
    pub proposal: ProposalId,
    /// Why the ballot was opened.
    pub purpose: BallotPurpose,
}

impl BallotId {
    /// The ballot that decides `proposal`.
    pub const fn decision(proposal: ProposalId) -> Self {
        Self {
            proposal,
            purpose: BallotPurpose::Decision,
        }
    }
}

/// A voter's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

// Overflow: a member weighs at most `MAX_MEMBER_WEIGHT` (10^12) and a ballot counts each
// member once, so a tally stays below 2^32 · 10^12 ≈ 4.3 · 10^21, and multiplying by `BPS`
// stays below 4.3 · 10^25, far under u128::MAX ≈ 3.4 · 10^38. Saturating arithmetic is
// therefore exact for every weight a registry can hold.
impl Tally {
    /// Adds `weight` to the tally of `choice`.
    pub fn add(&mut self, choice: VoteChoice, weight: Weight) {
        let slot = match choice {
            VoteChoice::For => &mut self.for_weight,
            VoteChoice::Against => &mut self.against_weight,
            VoteChoice::Abstain => &mut self.abstain_weight,
        };
        *slot = slot.saturating_add(weight);
    }

    /// The sum of two tallies (both kinds together).
    pub fn combined(&self, other: &Tally) -> Tally {
        Tally {
            for_weight: self.for_weight.saturating_add(other.for_weight),
            against_weight: self.against_weight.saturating_add(other.against_weight),
            abstain_weight: self.abstain_weight.saturating_add(other.abstain_weight),
        }
    }

    /// For + Against: the weight that took a side.
    pub fn decisive(&self) -> Weight {
        self.for_weight.saturating_add(self.against_weight)
    }

    /// For + Abstain: the weight that counts toward quorum.
    pub fn toward_quorum(&self) -> Weight {
        self.for_weight.saturating_add(self.abstain_weight)
    }

    /// Whether For reaches `threshold_bps` of For + Against: some weight took a side and
    /// `For · BPS ≥ threshold_bps · (For + Against)`.
    pub fn meets_threshold(&self, threshold_bps: u32) -> bool {
        let decisive = self.decisive();
        decisive > 0
            && self.for_weight.saturating_mul(Weight::from(BPS))
                >= Weight::from(threshold_bps).saturating_mul(decisive)
    }
}

/// Whether For + Abstain of both kinds reach `quorum_bps` of `total_weight`:
/// `(For + Abstain) · BPS ≥ quorum_bps · total_weight`, and at least some weight voted For
/// or Abstain (so a ballot whose snapshot holds no weight never reaches quorum).
pub fn quorum_reached(combined: &Tally, total_weight: Weight, quorum_bps: u32) -> bool {
    let counted = combined.toward_quorum();
    counted > 0
        && counted.saturating_mul(Weight::from(BPS))
            >= Weight::from(quorum_bps).saturating_mul(total_weight)
}

/// Whether a ballot with these tallies passes under `rules`:
/// 1. quorum is reached ([`quorum_reached`]);
/// 2. For reaches the threshold among For + Against of both kinds together
///    ([`Tally::meets_threshold`]; fails when nobody took a side);
/// 3. with `require_both_kinds`, each kind that cast any For or Against weight reaches the
///    threshold on its own. A kind that cast none (no votes, or only Abstain) neither
///    approves nor objects and is not held to it, so a suite without agents, or a ballot
///    agents sit out, is decided by the humans alone (and vice versa); a kind that took a
///    side and fell short of the threshold defeats the ballot.
pub fn approved(rules: &VotingRules, humans: &Tally, agents: &Tally, total_weight: Weight) -> bool {
    let combined = humans.combined(agents);
    let kinds_agree = !rules.require_both_kinds
        || [humans, agents]
            .iter()
            .all(|t| t.decisive() == 0 || t.meets_threshold(rules.approval_threshold_bps));
    quorum_reached(&combined, total_weight, rules.quorum_bps)
        && combined.meets_threshold(rules.approval_threshold_bps)
        && kinds_agree
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

/// Payload hash of a ballot's `BallotClosed` log entry: `blake2_256(SCALE((purpose,
/// outcome)))`, where the outcome is the frozen one (`closed = true`) and carries the
/// transcript, the tallies and the result. The entry's subject names the proposal; the
/// purpose tells its ballots apart.
pub fn ballot_closed_payload(purpose: BallotPurpose, outcome: &BallotOutcome) -> Hash32 {
    blake2_256(&(purpose, outcome).encode())
}

/// Payload hash of a ballot's `BallotOpened` log entry:
/// `blake2_256(SCALE((purpose, snapshot_block, opened_at, closes_at, rules, total_weight)))`.
pub fn ballot_opened_payload(purpose: BallotPurpose, ballot: &Ballot) -> Hash32 {
    blake2_256(
        &(
            purpose,
            ballot.snapshot_block,
            ballot.opened_at,
            ballot.closes_at,
            ballot.rules,
            ballot.total_weight,
        )
            .encode(),
    )
}

/// The voter's signature on a relayed vote, kept with the vote so that anyone can check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct VoteSignature {
    /// The deadline the voter signed.
    pub deadline: BlockNumber,
    /// The 65-byte `r ‖ s ‖ v` signature over the [`VotePayload`].
    pub signature: Signature,
}

/// One vote as the ballot records it; final once cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Vote {
    /// The voting member.
    pub voter: AccountId,
    /// The member's kind (Human or Agent).
    pub kind: MemberKind,
    /// For, Against or Abstain.
    pub choice: VoteChoice,
    /// The member's weight at the ballot's snapshot block.
    pub weight: Weight,
    /// Hash of the voter's rationale (zero if none).
    pub rationale_hash: Hash32,
    /// Block the vote was cast in.
    pub block: BlockNumber,
    /// For a vote relayed by someone else, the voter's signature and its deadline;
    /// `None` when the voter cast it.
    pub signed: Option<VoteSignature>,
}

/// The transcript after `vote`: `blake2_256(prev ++ SCALE(vote))`.
pub fn next_vote_transcript(prev: &Hash32, vote: &Vote) -> Hash32 {
    let mut bytes = Vec::with_capacity(32usize.saturating_add(vote.size_hint()));
    bytes.extend_from_slice(prev);
    vote.encode_to(&mut bytes);
    blake2_256(&bytes)
}

/// The transcript of `votes` in order, from [`EMPTY_BALLOT_TRANSCRIPT`] (for auditors).
pub fn vote_transcript_of<'a>(votes: impl IntoIterator<Item = &'a Vote>) -> Hash32 {
    votes
        .into_iter()
        .fold(EMPTY_BALLOT_TRANSCRIPT, |prev, vote| {
            next_vote_transcript(&prev, vote)
        })
}

/// A ballot as the voting contract stores it: the rules and snapshot fixed at opening, the
/// running tallies per kind, the vote count and the transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Ballot {
    /// Block whose weights count (before the opening block).
    pub snapshot_block: BlockNumber,
    /// Block the ballot opened in.
    pub opened_at: BlockNumber,
    /// Last block in which votes are accepted; closing is allowed from the next one.
    pub closes_at: BlockNumber,
    /// Rules copied in at opening.
    pub rules: VotingRules,
    /// Total weight at the snapshot block, read at opening.
    pub total_weight: Weight,
    /// Tally of human members.
    pub humans: Tally,
    /// Tally of agent members.
    pub agents: Tally,
    /// Number of votes cast (also the index of the next vote).
    pub votes: u32,
    /// `blake2_256(prev ++ SCALE(vote))` over every vote in order, from 32 zero bytes.
    pub transcript: Hash32,
    /// Whether the ballot was closed (frozen).
    pub closed: bool,
}

impl Ballot {
    /// A ballot without votes.
    pub fn new(
        snapshot_block: BlockNumber,
        opened_at: BlockNumber,
        closes_at: BlockNumber,
        rules: VotingRules,
        total_weight: Weight,
    ) -> Self {
        Self {
            snapshot_block,
            opened_at,
            closes_at,
            rules,
            total_weight,
            humans: Tally::default(),
            agents: Tally::default(),
            votes: 0,
            transcript: EMPTY_BALLOT_TRANSCRIPT,
            closed: false,
        }
    }

    /// Whether a vote may be cast in `block`: not closed and `block ≤ closes_at`.
    pub fn accepts_votes_at(&self, block: BlockNumber) -> bool {
        !self.closed && block <= self.closes_at
    }

    /// Whether the ballot may be closed in `block`: the window is over (`block > closes_at`).
    pub fn may_close_at(&self, block: BlockNumber) -> bool {
        block > self.closes_at
    }

    /// Counts `vote`: its weight into its kind's tally, one more vote, the next transcript.
    pub fn record(&mut self, vote: &Vote) {
        let tally = match vote.kind {
            MemberKind::Human => &mut self.humans,
            MemberKind::Agent => &mut self.agents,
        };
        tally.add(vote.choice, vote.weight);
        // One vote per member: the count stays below the number of members (a u32).
        self.votes = self.votes.saturating_add(1);
        self.transcript = next_vote_transcript(&self.transcript, vote);
    }

    /// The ballot's outcome as it stands (final once closed).
    pub fn outcome(&self) -> BallotOutcome {
        BallotOutcome {
            humans: self.humans,
            agents: self.agents,
            total_weight: self.total_weight,
            votes: self.votes,
            quorum_reached: quorum_reached(
                &self.humans.combined(&self.agents),
                self.total_weight,
                self.rules.quorum_bps,
            ),
            approved: approved(&self.rules, &self.humans, &self.agents, self.total_weight),
            closed: self.closed,
            transcript: self.transcript,
        }
    }
}

/// A vote signed by a member and relayed by anyone.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VotePayload {
    /// Network name the voting contract was deployed with.
    pub chain_tag: String,
    /// Address of the voting contract.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::account")
    )]
    pub contract: AccountId,
    /// The voting member's account.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::account")
    )]
    pub voter: AccountId,
    /// Last block in which the vote may be cast.
    pub deadline: BlockNumber,
    /// The ballot voted in: its proposal and purpose (binding it makes a replay a double
    /// vote, and a vote signed for one ballot of a proposal worthless in another).
    pub ballot: BallotId,
    /// For, Against or Abstain.
    pub choice: VoteChoice,
    /// Hash of the voter's rationale (zero if none).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::hex_array"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::hex32")
    )]
    pub rationale_hash: Hash32,
}

impl VotePayload {
    /// The hash the voter signs: `blake2_256(b"agora/v2/vote" ++ SCALE(payload))`.
    pub fn signing_hash(&self) -> Hash32 {
        signing_hash(VOTE_DOMAIN, self)
    }
}

/// Errors of the voting contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum VotingError {
    /// The caller is not the admin (the hub after bootstrap).
    NotAdmin,
    /// This ballot (proposal and purpose) already exists.
    BallotExists,
    /// No such ballot (none was opened for this proposal and purpose).
    UnknownBallot,
    /// The ballot is closed.
    BallotClosed,
    /// The voting window has not ended yet (closing needs `block > closes_at`).
    BallotStillOpen,
    /// The voting window has ended (`block > closes_at`).
    VotingWindowOver,
    /// The snapshot block is not before the current block.
    SnapshotNotInPast,
    /// The close block is not after the current block, or more than `MAX_WINDOW`
    /// blocks after it.
    InvalidCloseBlock,
    /// Quorum or threshold outside their bounds (`MIN_*_BPS..=MAX_*_BPS`).
    InvalidRules,
    /// The voter had no weight at the snapshot block.
    NotEligible,
    /// The voter already voted in this ballot (a replayed signed vote too).
    AlreadyVoted,
    /// The signed vote's deadline has passed (`block > deadline`).
    DeadlinePassed,
    /// The signature is not well formed (v outside {0, 1}, high S, zero part) or no key
    /// can be recovered from it.
    BadSignature(SignatureError),
    /// The recovered key is not the one the registry binds to the voter (also a signature
    /// made for another contract, chain tag, ballot, choice or deadline).
    SignerMismatch,
    /// The page limit is above `MAX_VOTES_PAGE`.
    LimitTooLarge,
    /// The registry could not be reached or answered unexpectedly.
    RegistryUnavailable,
    /// The decision log refused the entry.
    LogFailed,
    /// The chain tag is empty or longer than `MAX_CHAIN_TAG_LEN`.
    InvalidChainTag,
    /// Proposal ids start at 1 (0 means "no proposal" in the log).
    InvalidProposal,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(for_weight: Weight, against_weight: Weight, abstain_weight: Weight) -> Tally {
        Tally {
            for_weight,
            against_weight,
            abstain_weight,
        }
    }

    fn rules(quorum_bps: u32, approval_threshold_bps: u32, both: bool) -> VotingRules {
        VotingRules {
            quorum_bps,
            approval_threshold_bps,
            require_both_kinds: both,
        }
    }

    fn vote(seed: u8, kind: MemberKind, choice: VoteChoice, weight: Weight) -> Vote {
        Vote {
            voter: AccountId::from([seed; 32]),
            kind,
            choice,
            weight,
            rationale_hash: [seed; 32],
            block: u32::from(seed),
            signed: None,
        }
    }

    #[test]
    fn rules_bounds_are_inclusive() {
        let ok = [
            rules(MIN_QUORUM_BPS, MIN_APPROVAL_THRESHOLD_BPS, false),
            rules(MAX_QUORUM_BPS, MAX_APPROVAL_THRESHOLD_BPS, true),
        ];
        for r in ok {
            assert_eq!(r.validate(), Ok(()), "{r:?}");
        }
        let bad = [
            rules(0, 6_000, false),
            rules(MIN_QUORUM_BPS - 1, 6_000, false),
            rules(MAX_QUORUM_BPS + 1, 6_000, false),
            rules(1_000, 0, false),
            rules(1_000, MIN_APPROVAL_THRESHOLD_BPS - 1, false),
            rules(1_000, MAX_APPROVAL_THRESHOLD_BPS + 1, false),
            rules(u32::MAX, u32::MAX, true),
        ];
        for r in bad {
            assert_eq!(r.validate(), Err(VotingError::InvalidRules), "{r:?}");
        }
    }

    #[test]
    fn quorum_counts_for_and_abstain_but_not_against() {
        // total 100, quorum 40%.
        assert!(quorum_reached(&tally(20, 0, 20), 100, 4_000));
        assert!(!quorum_reached(&tally(20, 60, 19), 100, 4_000));
        assert!(quorum_reached(&tally(0, 0, 40), 100, 4_000));
        // Exactly at the boundary reaches it; one unit below does not.
        assert!(quorum_reached(&tally(1, 0, 0), 10_000, 1));
        assert!(!quorum_reached(&tally(39, 0, 0), 100, 4_000));
        assert!(quorum_reached(&tally(40, 0, 0), 100, 4_000));
    }

    #[test]
    fn quorum_over_no_weight_is_never_reached() {
        assert!(!quorum_reached(&Tally::default(), 0, MIN_QUORUM_BPS));
        assert!(!quorum_reached(&Tally::default(), 100, MIN_QUORUM_BPS));
    }

    #[test]
    fn threshold_is_for_among_for_and_against() {
        // 60% threshold.
        assert!(tally(60, 40, 1_000).meets_threshold(6_000));
        assert!(!tally(59, 41, 0).meets_threshold(6_000));
        // A tie passes a 50% threshold, fails anything above.
        assert!(tally(5, 5, 0).meets_threshold(5_000));
        assert!(!tally(5, 5, 0).meets_threshold(5_001));
        // Unanimity.
        assert!(tally(7, 0, 0).meets_threshold(BPS));
        assert!(!tally(7, 1, 0).meets_threshold(BPS));
        // Nobody took a side: no approval.
        assert!(!tally(0, 0, 50).meets_threshold(MIN_APPROVAL_THRESHOLD_BPS));
    }

    #[test]
    fn approval_needs_quorum_and_threshold() {
        let r = rules(5_000, 6_000, false);
        let none = Tally::default();
        assert!(approved(&r, &tally(30, 10, 20), &none, 100));
        // Threshold met, quorum missed (For + Abstain = 49 of 100).
        assert!(!approved(&r, &tally(40, 10, 9), &none, 100));
        // Quorum met, threshold missed.
        assert!(!approved(&r, &tally(50, 40, 0), &none, 100));
        // Only abstentions: quorum but no approval.
        assert!(!approved(&r, &tally(0, 0, 100), &none, 100));
    }

    #[test]
    fn both_kinds_rule_defeats_a_ballot_only_humans_approve() {
        let humans = tally(90, 0, 0);
        let agents = tally(1, 9, 0);
        let without = rules(1_000, 6_000, false);
        let with = rules(1_000, 6_000, true);
        assert!(approved(&without, &humans, &agents, 100));
        assert!(!approved(&with, &humans, &agents, 100));
        // And symmetrically for agents.
        assert!(!approved(&with, &agents, &humans, 100));
    }

    #[test]
    fn both_kinds_rule_ignores_a_kind_that_took_no_side() {
        let with = rules(1_000, 6_000, true);
        let humans = tally(70, 30, 0);
        // Agents absent, or only abstaining: the humans decide.
        assert!(approved(&with, &humans, &Tally::default(), 100));
        assert!(approved(&with, &humans, &tally(0, 0, 40), 100));
        assert!(approved(&with, &Tally::default(), &humans, 100));
        // Agents took a side and each kind meets 60% on its own.
        assert!(approved(&with, &humans, &tally(6, 4, 0), 100));
        // Neither kind took a side: no approval at all.
        assert!(!approved(&with, &tally(0, 0, 60), &tally(0, 0, 40), 100));
    }

    #[test]
    fn both_kinds_rule_still_applies_the_combined_threshold() {
        // Each kind exactly at 50%, combined 50%: passes 50%, fails 60%.
        let with = rules(1_000, 5_000, true);
        assert!(approved(&with, &tally(5, 5, 0), &tally(1, 1, 0), 12));
        let with = rules(1_000, 6_000, true);
        assert!(!approved(&with, &tally(5, 5, 0), &tally(1, 1, 0), 12));
    }

    #[test]
    fn largest_possible_tallies_do_not_overflow() {
        let max_total = Weight::from(u32::MAX) * crate::MAX_MEMBER_WEIGHT;
        let r = rules(MAX_QUORUM_BPS, MAX_APPROVAL_THRESHOLD_BPS, true);
        let all_for = tally(max_total, 0, 0);
        assert!(approved(&r, &all_for, &Tally::default(), max_total));
        let one_against = tally(max_total - 1, 1, 0);
        assert!(!approved(&r, &one_against, &Tally::default(), max_total));
    }

    #[test]
    fn ballot_records_votes_per_kind_and_chains_the_transcript() {
        let mut ballot = Ballot::new(4, 5, 10, rules(5_000, 6_000, false), 10);
        let votes = [
            vote(1, MemberKind::Human, VoteChoice::For, 4),
            vote(2, MemberKind::Agent, VoteChoice::Against, 2),
            vote(3, MemberKind::Agent, VoteChoice::Abstain, 1),
        ];
        for v in &votes {
            ballot.record(v);
        }
        let outcome = ballot.outcome();
        assert_eq!(outcome.humans, tally(4, 0, 0));
        assert_eq!(outcome.agents, tally(0, 2, 1));
        assert_eq!(outcome.votes, 3);
        assert!(outcome.quorum_reached);
        assert!(outcome.approved);
        assert!(!outcome.closed);
        let mut expected = EMPTY_BALLOT_TRANSCRIPT;
        for v in &votes {
            let mut bytes = expected.to_vec();
            bytes.extend(v.encode());
            expected = blake2_256(&bytes);
        }
        assert_eq!(outcome.transcript, expected);
        assert_eq!(vote_transcript_of(&votes), expected);
        assert_eq!(vote_transcript_of(&[]), EMPTY_BALLOT_TRANSCRIPT);
    }

    #[test]
    fn voting_window_includes_closes_at_and_closing_starts_after_it() {
        let mut ballot = Ballot::new(4, 5, 10, rules(5_000, 6_000, false), 10);
        assert!(ballot.accepts_votes_at(10));
        assert!(!ballot.accepts_votes_at(11));
        assert!(!ballot.may_close_at(10));
        assert!(ballot.may_close_at(11));
        ballot.closed = true;
        assert!(!ballot.accepts_votes_at(6));
    }

    #[test]
    fn largest_vote_encoding_is_the_documented_bound() {
        let mut v = vote(9, MemberKind::Agent, VoteChoice::Abstain, Weight::MAX);
        assert!(v.encode().len() < MAX_VOTE_ENCODED_LEN);
        v.signed = Some(VoteSignature {
            deadline: u32::MAX,
            signature: [0xff; 65],
        });
        assert_eq!(v.encode().len(), MAX_VOTE_ENCODED_LEN);
        let page = vec![v; MAX_VOTES_PAGE as usize];
        let encoded = Ok::<_, VotingError>(page).encode().len();
        assert!(
            encoded < 16 * 1024,
            "a full page encodes to {encoded} bytes"
        );
    }

    #[test]
    fn vote_payload_hash_is_domain_separated_scale() {
        let payload = VotePayload {
            chain_tag: "agora-local".into(),
            contract: AccountId::from([1u8; 32]),
            voter: AccountId::from([2u8; 32]),
            deadline: 0x0102_0304,
            ballot: BallotId::decision(7),
            choice: VoteChoice::Against,
            rationale_hash: [3u8; 32],
        };
        let mut bytes = VOTE_DOMAIN.to_vec();
        bytes.push(11 << 2);
        bytes.extend_from_slice(b"agora-local");
        bytes.extend_from_slice(&[1u8; 32]);
        bytes.extend_from_slice(&[2u8; 32]);
        bytes.extend_from_slice(&[4, 3, 2, 1]);
        // The ballot: proposal 7, purpose Decision (variant 0).
        bytes.extend_from_slice(&[7, 0, 0, 0]);
        bytes.push(0);
        bytes.push(1);
        bytes.extend_from_slice(&[3u8; 32]);
        assert_eq!(payload.signing_hash(), blake2_256(&bytes));
    }

    /// The vector docs/contracts/voting.md gives for independent signers.
    #[test]
    fn vote_payload_test_vector() {
        use secp256k1::{Message, SecretKey, SECP256K1};
        let payload = VotePayload {
            chain_tag: "agora-local".into(),
            contract: AccountId::from([1u8; 32]),
            voter: AccountId::from([2u8; 32]),
            deadline: 0x0102_0304,
            ballot: BallotId::decision(7),
            choice: VoteChoice::Against,
            rationale_hash: [3u8; 32],
        };
        let hash = payload.signing_hash();
        let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(
            hex(&hash),
            "e6dde208e61ac8ec8cfb088e1d3ed844291b6b98623de3716d6e0c0c635e3cff"
        );
        let secret = SecretKey::from_slice(&[0x11; 32]).expect("valid secret");
        let (id, compact) = SECP256K1
            .sign_ecdsa_recoverable(
                &Message::from_digest_slice(&hash).expect("32 bytes"),
                &secret,
            )
            .serialize_compact();
        let mut signature = [0u8; 65];
        signature[..64].copy_from_slice(&compact);
        signature[64] = u8::try_from(id.to_i32()).expect("0..=3");
        // secp256k1's RFC 6979 signing is deterministic, so the signature is a vector too.
        assert_eq!(
            hex(&secret.public_key(SECP256K1).serialize()),
            "034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa"
        );
        assert_eq!(
            hex(&signature),
            "9c11bb9cbd698920b690163da00504cba4197b50fc04bce2fb8bc40bbd899815\
             4f632cf50f0ac7a201996d08cf2483a0588a015fc0caa276bde8e906b12a37be01"
        );
        assert_eq!(
            crate::recover_signer(&signature, &hash),
            Ok(secret.public_key(SECP256K1).serialize())
        );
    }

    #[test]
    fn log_payload_hashes_are_blake2_of_scale() {
        let ballot = Ballot::new(4, 5, 10, rules(5_000, 6_000, true), 10);
        let mut bytes = vec![0u8]; // BallotPurpose::Decision
        bytes.extend(4u32.encode());
        bytes.extend(5u32.encode());
        bytes.extend(10u32.encode());
        bytes.extend(ballot.rules.encode());
        bytes.extend(10u128.encode());
        assert_eq!(
            ballot_opened_payload(BallotPurpose::Decision, &ballot),
            blake2_256(&bytes)
        );
        let outcome = ballot.outcome();
        let mut bytes = vec![0u8];
        bytes.extend(outcome.encode());
        assert_eq!(
            ballot_closed_payload(BallotPurpose::Decision, &outcome),
            blake2_256(&bytes)
        );
    }
}
