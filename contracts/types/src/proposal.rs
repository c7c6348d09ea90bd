//! Proposals: actions, states, revisions, the hub's parameters, signed submissions, errors.

use crate::{
    AdminError, Balance, BlockNumber, BootstrapFault, Hash32, KeyBinding, LogError, MemberKind,
    MemberProfile, Perspective, PerspectiveSet, ProposalId, RegistryError, ReviewError,
    ReviewRules, Revision, SignatureError, SigningKey, VotingError, VotingRules,
};
use ink::{
    prelude::{string::String, vec::Vec},
    primitives::AccountId,
};

/// Most actions one proposal may carry.
pub const MAX_ACTIONS: u32 = 8;
/// Longest `Call` input (SCALE-encoded arguments after the selector), in bytes: eight calls
/// of this size still fit a revision into ink's 16 KiB buffer.
pub const MAX_CALL_INPUT_LEN: u32 = 1_024;
/// Most revisions one proposal may have, its first submission included. Each revision
/// restarts the review window and opens a review round, so without a bound an author could
/// keep a proposal in review for ever and grow its rounds without end.
pub const MAX_REVISIONS: u32 = 16;
/// Most proposals one hub `proposals` page returns (a proposal encodes to at most 118 bytes,
/// so a full page is about 6 KiB, well under ink's 16 KiB buffer). Clients page by it.
pub const MAX_PROPOSALS_PAGE: u32 = 50;

/// What an executed proposal does. Actions run atomically, in order: if one fails, the whole
/// execution reverts and the proposal stays Queued.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Action {
    /// Pays `amount` of the native token from the treasury (the hub's balance) to `to`.
    Transfer {
        /// Recipient.
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::account")
        )]
        to: AccountId,
        /// Amount in the chain's smallest unit.
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::decimal"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::decimal")
        )]
        amount: Balance,
    },
    /// Registers a member in the agent registry (optionally binding its signing key, with
    /// the key's proof of possession for the registry).
    RegisterMember {
        /// The new member's account.
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::account")
        )]
        account: AccountId,
        /// Kind, perspectives, weight, metadata and (for agents) operator.
        profile: MemberProfile,
        /// The signing key to bind, with its bind-key proof (`null` for none; the field is
        /// required in JSON, as every field is).
        #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::wire::required"))]
        key: Option<KeyBinding>,
    },
    /// Replaces a member's profile (perspectives, weight, metadata, an agent's operator).
    UpdateMember {
        /// The member.
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::account")
        )]
        account: AccountId,
        /// The new profile (same kind).
        profile: MemberProfile,
    },
    /// Suspends an active member (weight 0 from this block; may be reinstated).
    SuspendMember {
        /// The member.
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::account")
        )]
        account: AccountId,
    },
    /// Reinstates a suspended member.
    ReinstateMember {
        /// The member.
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::account")
        )]
        account: AccountId,
    },
    /// Removes a member for good (the record stays for past snapshots).
    RemoveMember {
        /// The member.
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::account")
        )]
        account: AccountId,
    },
    /// Replaces the hub's parameters. Checked against their bounds at submission and at
    /// execution; proposals already submitted keep the parameters they were opened with.
    SetParams {
        /// The new parameters.
        params: HubParams,
    },
    /// Lets another account append to the decision log.
    AuthorizeWriter {
        /// The new writer.
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::account")
        )]
        writer: AccountId,
    },
    /// Stops an account from appending to the decision log (never the hub, review or
    /// voting contracts: the lifecycle needs them).
    RevokeWriter {
        /// The writer to revoke.
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::account")
        )]
        writer: AccountId,
    },
    /// Calls a contract outside the suite: `selector ++ input` with `value` from the
    /// treasury, reentry denied. The callee's code hash is recorded at submission and
    /// checked at execution.
    Call {
        /// The contract called (never one of the five suite contracts).
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::account")
        )]
        callee: AccountId,
        /// The message selector.
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::hex_array"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::hex4")
        )]
        selector: [u8; 4],
        /// The SCALE-encoded arguments (at most `MAX_CALL_INPUT_LEN` bytes).
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::hex_vec"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::hex_vec")
        )]
        input: Vec<u8>,
        /// Native value sent with the call (counts toward the spending caps).
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::decimal"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::decimal")
        )]
        value: Balance,
    },
    /// Hands the suite on to a successor suite for good: the whole treasury goes to the
    /// successor's hub, the decision log is sealed with a last `Sealed` entry naming it, and
    /// this hub retires (refusing proposals, transitions and deposits). The successor's log
    /// anchors this log's head in its first entry (`Anchored`), so an auditor follows the
    /// history from one suite to the next. The proposal's only action; outside the
    /// spending caps (it moves everything).
    Succession {
        /// The successor suite's hub (never a contract of this suite).
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::account")
        )]
        successor: AccountId,
        /// The code hash the successor's hub must run, checked at submission and at
        /// execution (compare it with the successor's release bundle before voting).
        #[cfg_attr(feature = "serde", serde(with = "crate::wire::hex_array"))]
        #[cfg_attr(
            feature = "schema",
            schemars(schema_with = "crate::wire::schema::hex32")
        )]
        code_hash: Hash32,
    },
}

/// The checks of a revision's content that need no chain state, in the order the hub runs
/// them: the URI's length, the number of actions, and each action on its own (no zero
/// transfer, a call's input within `MAX_CALL_INPUT_LEN`, parameters within their bounds, a
/// member profile the registry accepts). A signer runs them before signing, so that it never
/// signs what every hub refuses; the hub runs them first at submission and revision, then
/// the checks that read its state (spending cap, calls to the suite, meetable rules).
pub fn check_content_shape(uri: &str, actions: &[Action]) -> Result<(), ProposalError> {
    if uri.len() > crate::MAX_URI_LEN {
        return Err(ProposalError::UriTooLong);
    }
    if actions.len() > MAX_ACTIONS as usize {
        return Err(ProposalError::InvalidActionCount);
    }
    for action in actions {
        match action {
            Action::Transfer { amount: 0, .. } => return Err(ProposalError::ZeroTransfer),
            Action::Call { input, .. } if input.len() > MAX_CALL_INPUT_LEN as usize => {
                return Err(ProposalError::CallInputTooLong)
            }
            Action::SetParams { params } => params
                .check_bounds()
                .map_err(ProposalError::ParameterOutOfBounds)?,
            Action::RegisterMember { profile, .. } | Action::UpdateMember { profile, .. } => {
                profile.validate().map_err(ProposalError::Registry)?
            }
            Action::Succession { successor, .. } => {
                if actions.len() != 1 {
                    return Err(ProposalError::SuccessionNotAlone);
                }
                if *successor == AccountId::from([0u8; 32]) {
                    return Err(ProposalError::InvalidSuccessor);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// What every hub refuses in a signed revision before it reads the proposal's state: a
/// revision number below 2 (revision 1 is the submission; `StaleRevision`) or past
/// `MAX_REVISIONS` (`TooManyRevisions`: no proposal ever gets there), then its content
/// ([`check_content_shape`]). A signer runs it before it signs a revision.
pub fn check_revision_shape(payload: &RevisionPayload) -> Result<(), ProposalError> {
    if payload.revision < 2 {
        return Err(ProposalError::StaleRevision);
    }
    if payload.revision > MAX_REVISIONS {
        return Err(ProposalError::TooManyRevisions);
    }
    check_content_shape(&payload.uri, &payload.actions)
}

impl Action {
    /// What the action takes from the treasury: a transfer's amount or a call's value.
    pub fn spend(&self) -> Balance {
        match self {
            Action::Transfer { amount, .. } => *amount,
            Action::Call { value, .. } => *value,
            _ => 0,
        }
    }

    /// Whether the action changes membership or the parameters, so the hub re-checks that
    /// the review rules and the veto threshold can still be met after it runs.
    pub fn affects_rules(&self) -> bool {
        matches!(
            self,
            Action::UpdateMember { .. }
                | Action::SuspendMember { .. }
                | Action::RemoveMember { .. }
                | Action::SetParams { .. }
        )
    }
}

/// A rule that a parameter change or membership action would make impossible to meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum UnmeetableRule {
    /// A perspective the review rules require would have no active member holding it.
    RequiredPerspective(Perspective),
    /// Fewer active members besides an author than the review rules' minimum of reviews.
    MinReviews {
        /// Reviews the rules require.
        needed: u32,
        /// Active members who could review (all active members but the author).
        available: u32,
    },
    /// Fewer active Safety members than the veto threshold.
    VetoThreshold {
        /// The threshold.
        needed: u32,
        /// Active members holding the Safety perspective.
        available: u32,
    },
}

/// A Safety member's veto of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Veto {
    /// blake2-256 of the vetoer's reasons.
    pub reason_hash: Hash32,
    /// Block the veto was cast in.
    pub block: BlockNumber,
}

/// Where a proposal is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum ProposalState {
    /// Members review the current revision; the author may revise or cancel.
    InReview,
    /// The final revision passed review; members vote.
    Voting,
    /// The review rules were not met.
    Rejected,
    /// The vote passed; it may be queued.
    Succeeded,
    /// The vote failed.
    Defeated,
    /// Waiting for the timelock; executable in `[eta, expires_at)`.
    Queued,
    /// The actions ran.
    Executed,
    /// The author withdrew it during review.
    Cancelled,
    /// Safety vetoes reached the threshold; it can never execute.
    Vetoed,
    /// Queued but not executed before `expires_at` (derived, never stored).
    Expired,
}

/// A proposal's record: who, which revision, and the marks its state is derived from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Proposal {
    /// The proposal's id (from 1).
    pub id: ProposalId,
    /// The member who submitted it (for signed submissions, the signer's account).
    pub author: AccountId,
    /// The author's kind at submission.
    pub author_kind: MemberKind,
    /// The current (latest) revision, from 1.
    pub revision: Revision,
    /// The stored stage; `Expired` is derived by `state`.
    pub stage: ProposalState,
    /// Block of the first submission.
    pub submitted_at: BlockNumber,
    /// Block the current review round opened (at submission or at the latest revision).
    pub review_opened_at: BlockNumber,
    /// Last block of the current review round's window.
    pub review_closes_at: BlockNumber,
    /// The ballot's snapshot block (`review_closes_at − 1` of the final round), once voting.
    pub snapshot_block: Option<BlockNumber>,
    /// Last block of the voting window, once voting.
    pub voting_closes_at: Option<BlockNumber>,
    /// First block execution is allowed, once queued.
    pub eta: Option<BlockNumber>,
    /// First block execution is no longer allowed, once queued.
    pub expires_at: Option<BlockNumber>,
    /// Block of the last transition (closing review or voting, queueing, executing, …).
    pub updated_at: BlockNumber,
    /// Version of the hub parameters the proposal was submitted under; it keeps them
    /// (windows, rules, timelock, veto threshold) whatever later proposals change.
    pub params_version: u32,
    /// Distinct Safety members who vetoed it.
    pub vetoes: u32,
}

/// One revision of a proposal, kept for good.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RevisionRecord {
    /// blake2-256 of the proposal's text.
    pub content_hash: Hash32,
    /// Where the text can be fetched (at most `MAX_URI_LEN` bytes).
    pub uri: String,
    /// What the proposal does if executed.
    pub actions: Vec<Action>,
    /// Block the revision was submitted in.
    pub submitted_at: BlockNumber,
    /// For signed submissions, the key that signed.
    pub signer: Option<SigningKey>,
    /// For signed submissions, blake2-256 of the 65-byte signature.
    pub signature_hash: Option<Hash32>,
    /// The code hash of each `Call` action's callee at submission, in action order;
    /// execution fails if a callee's code changed since.
    pub code_hashes: Vec<Hash32>,
}

/// The hub's governance parameters. Each is bounded (see the `MIN_*`/`MAX_*` constants
/// below and [`HubParams::check_bounds`]) and changes only through executed proposals.
///
/// This struct, its bounds and [`HubParams::default`] are the one definition of the
/// parameters: the contracts, the CLI's deploy configuration and `set_params` actions (with
/// the `serde` feature; shape in the `wire` module: perspectives by lowercase name,
/// amounts as integers or decimal strings) and the tests' `testing::params` all use them.
/// With `serde` every field is required (a `set_params` action names all of them); a
/// configuration file read with `wire::params_from_config` may leave out any but the two
/// spending caps, which then take the default's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HubParams {
    /// Blocks a review round stays open.
    pub review_window: BlockNumber,
    /// Blocks a ballot stays open.
    pub voting_window: BlockNumber,
    /// Blocks between queueing and the earliest execution.
    pub timelock: BlockNumber,
    /// Blocks after `eta` during which execution is allowed.
    pub grace_period: BlockNumber,
    /// Rules copied into each review round when it opens.
    pub review_rules: ReviewRules,
    /// Rules copied into each ballot when it opens.
    pub voting_rules: VotingRules,
    /// Most proposals one member may have in review or voting at once.
    pub max_open_per_member: u32,
    /// Distinct Safety vetoes that stop a proposal (0 disables the veto).
    pub veto_threshold: u32,
    /// Most one proposal's transfers and call values may take from the treasury.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::decimal"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::decimal")
    )]
    pub max_spend_per_proposal: Balance,
    /// Most the treasury may pay out per spending period.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::decimal"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::decimal")
    )]
    pub max_spend_per_period: Balance,
    /// Length of a spending period in blocks (periods start at multiples of it).
    pub spending_period: BlockNumber,
}

impl Default for HubParams {
    /// The recommended parameters for 6-second blocks (docs/governance.md, "suggested
    /// production value"):
    ///
    /// | parameter | default |
    /// |---|---|
    /// | `review_window` | 28 800 blocks (2 days) |
    /// | `voting_window` | 43 200 blocks (3 days) |
    /// | `timelock` | 28 800 blocks (2 days) |
    /// | `grace_period` | 100 800 blocks (7 days, one spending period) |
    /// | `review_rules` | `min_reviews` 3, `required_perspectives` {Safety}, `max_rejections` 1 |
    /// | `voting_rules` | `quorum_bps` 3 000, `approval_threshold_bps` 5 000, `require_both_kinds` true |
    /// | `max_open_per_member` | 3 |
    /// | `veto_threshold` | 2 |
    /// | `max_spend_per_proposal`, `max_spend_per_period` | 1 (the smallest allowed) |
    /// | `spending_period` | 100 800 blocks (7 days) |
    ///
    /// The spending caps depend on the treasury and on the token's decimals, so there is no
    /// value to recommend: the default lets nothing of note leave the treasury, and a
    /// configuration must name both caps.
    fn default() -> Self {
        Self {
            review_window: 28_800,
            voting_window: 43_200,
            timelock: 28_800,
            grace_period: 100_800,
            review_rules: ReviewRules {
                min_reviews: 3,
                required_perspectives: PerspectiveSet::of(Perspective::Safety),
                max_rejections: 1,
            },
            voting_rules: VotingRules {
                quorum_bps: 3_000,
                approval_threshold_bps: 5_000,
                require_both_kinds: true,
            },
            max_open_per_member: 3,
            veto_threshold: 2,
            max_spend_per_proposal: 1,
            max_spend_per_period: 1,
            spending_period: 100_800,
        }
    }
}

/// Shortest review or voting window, in blocks.
pub const MIN_WINDOW: BlockNumber = 2;
/// Longest review or voting window, in blocks: 403 200, four weeks of 6-second blocks.
///
/// The one limit of the concept: the hub bounds `review_window` and `voting_window` by it,
/// and the peer-review and voting contracts refuse a round or ballot whose `closes_at` is
/// more than this many blocks after the block it opens in (the hub opens them with
/// `closes_at = now + window`), so the hub can never ask for a window they refuse. Why four
/// weeks and not the 30 days (432 000) the review and voting contracts used to allow: the
/// hub's bound was always the tighter one, so it is the limit every round and ballot already
/// had; the largest `SetParams` signing vector carries it; and whole weeks match
/// `MAX_TIMELOCK` and `MAX_GRACE_PERIOD`.
pub const MAX_WINDOW: BlockNumber = 403_200;
/// Shortest timelock, in blocks: never zero, so members can react to a decision.
pub const MIN_TIMELOCK: BlockNumber = 1;
/// Longest timelock, in blocks.
pub const MAX_TIMELOCK: BlockNumber = 403_200;
/// Shortest grace period after `eta`, in blocks.
pub const MIN_GRACE_PERIOD: BlockNumber = 1;
/// Longest grace period after `eta`, in blocks.
pub const MAX_GRACE_PERIOD: BlockNumber = 403_200;
/// Largest allowed cap of open proposals per member.
pub const MAX_OPEN_PER_MEMBER: u32 = 32;
/// Fewest reviews the review rules may ask for: a proposal always gets a peer's look.
pub const MIN_REQUIRED_REVIEWS: u32 = 1;
/// Largest veto threshold (0 disables the veto).
pub const MAX_VETO_THRESHOLD: u32 = 16;
/// Largest spending cap, per proposal or per period (far from overflow when summed).
pub const MAX_SPEND_CAP: Balance = 1_000_000_000_000_000_000_000_000_000_000;
/// Shortest spending period, in blocks.
pub const MIN_SPENDING_PERIOD: BlockNumber = 10;
/// Longest spending period, in blocks (a year of 6-second blocks).
pub const MAX_SPENDING_PERIOD: BlockNumber = 5_256_000;

/// Names a hub parameter (in `ProposalError::ParameterOutOfBounds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum HubParam {
    /// `review_window` outside `[MIN_WINDOW, MAX_WINDOW]`.
    ReviewWindow,
    /// `voting_window` outside `[MIN_WINDOW, MAX_WINDOW]`.
    VotingWindow,
    /// `timelock` outside `[MIN_TIMELOCK, MAX_TIMELOCK]`.
    Timelock,
    /// `grace_period` outside `[MIN_GRACE_PERIOD, MAX_GRACE_PERIOD]`.
    GracePeriod,
    /// `review_rules`: undefined perspectives, or `min_reviews` outside
    /// `[MIN_REQUIRED_REVIEWS, MAX_MIN_REVIEWS]`.
    ReviewRules,
    /// `voting_rules` outside the voting contract's bounds.
    VotingRules,
    /// `max_open_per_member` outside `[1, MAX_OPEN_PER_MEMBER]`.
    MaxOpenPerMember,
    /// `veto_threshold` over `MAX_VETO_THRESHOLD`.
    VetoThreshold,
    /// `max_spend_per_proposal` outside `[1, MAX_SPEND_CAP]`.
    MaxSpendPerProposal,
    /// `max_spend_per_period` outside `[max_spend_per_proposal, MAX_SPEND_CAP]`.
    MaxSpendPerPeriod,
    /// `spending_period` outside `[MIN_SPENDING_PERIOD, MAX_SPENDING_PERIOD]`.
    SpendingPeriod,
}

impl HubParams {
    /// Checks every parameter against its compile-time bounds; names the first one out.
    pub fn check_bounds(&self) -> Result<(), HubParam> {
        let window = MIN_WINDOW..=MAX_WINDOW;
        let checks = [
            (window.contains(&self.review_window), HubParam::ReviewWindow),
            (window.contains(&self.voting_window), HubParam::VotingWindow),
            (
                (MIN_TIMELOCK..=MAX_TIMELOCK).contains(&self.timelock),
                HubParam::Timelock,
            ),
            (
                (MIN_GRACE_PERIOD..=MAX_GRACE_PERIOD).contains(&self.grace_period),
                HubParam::GracePeriod,
            ),
            (
                self.review_rules.is_valid()
                    && self.review_rules.min_reviews >= MIN_REQUIRED_REVIEWS,
                HubParam::ReviewRules,
            ),
            (self.voting_rules.validate().is_ok(), HubParam::VotingRules),
            (
                (1..=MAX_OPEN_PER_MEMBER).contains(&self.max_open_per_member),
                HubParam::MaxOpenPerMember,
            ),
            (
                self.veto_threshold <= MAX_VETO_THRESHOLD,
                HubParam::VetoThreshold,
            ),
            (
                (1..=MAX_SPEND_CAP).contains(&self.max_spend_per_proposal),
                HubParam::MaxSpendPerProposal,
            ),
            (
                (self.max_spend_per_proposal..=MAX_SPEND_CAP).contains(&self.max_spend_per_period),
                HubParam::MaxSpendPerPeriod,
            ),
            (
                (MIN_SPENDING_PERIOD..=MAX_SPENDING_PERIOD).contains(&self.spending_period),
                HubParam::SpendingPeriod,
            ),
        ];
        match checks.into_iter().find(|(ok, _)| !ok) {
            Some((_, param)) => Err(param),
            None => Ok(()),
        }
    }
}

/// A new proposal signed by an agent and relayed by anyone (domain `agora/v1/proposal`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProposalPayload {
    /// Network name the hub was deployed with.
    pub chain_tag: String,
    /// Address of the hub.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::account")
    )]
    pub hub: AccountId,
    /// The author's account (the key must be bound to it).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::account")
    )]
    pub author: AccountId,
    /// A number of the author's choosing, usable once (any order).
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::decimal"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::decimal")
    )]
    pub nonce: u64,
    /// Last block in which the submission may land.
    pub deadline: BlockNumber,
    /// blake2-256 of the proposal's text.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::hex_array"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::hex32")
    )]
    pub content_hash: Hash32,
    /// Where the text can be fetched.
    pub uri: String,
    /// What the proposal does if executed.
    pub actions: Vec<Action>,
}

/// A revision signed by the author and relayed by anyone (domain `agora/v1/revision`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RevisionPayload {
    /// Network name the hub was deployed with.
    pub chain_tag: String,
    /// Address of the hub.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::account")
    )]
    pub hub: AccountId,
    /// The author's account.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::account"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::account")
    )]
    pub author: AccountId,
    /// Last block in which the revision may land.
    pub deadline: BlockNumber,
    /// The proposal revised.
    pub proposal: ProposalId,
    /// The revision number this creates (current + 1): a replay is stale.
    pub revision: Revision,
    /// blake2-256 of the revised text.
    #[cfg_attr(feature = "serde", serde(with = "crate::wire::hex_array"))]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::wire::schema::hex32")
    )]
    pub content_hash: Hash32,
    /// Where the revised text can be fetched.
    pub uri: String,
    /// The revised actions.
    pub actions: Vec<Action>,
}

/// Which suite contract a failed cross-contract call went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Callee {
    /// The agent registry.
    Registry,
    /// The peer-review contract.
    Review,
    /// The voting contract.
    Voting,
    /// The decision log.
    Log,
}

/// Errors of the proposal hub.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ProposalError {
    /// The caller (or signer's account) is not an active member.
    NotActiveMember,
    /// The author already has `max_open_per_member` proposals in review or voting.
    TooManyOpenProposals,
    /// No proposal has this id.
    UnknownProposal,
    /// No such revision of the proposal.
    UnknownRevision,
    /// The proposal is not in a state that allows this.
    UnexpectedState {
        /// The state it is in.
        current: ProposalState,
    },
    /// The transition's time has not come.
    TooEarly {
        /// First block at which it is allowed.
        allowed_from: BlockNumber,
    },
    /// The review window of the current revision is over.
    ReviewWindowOver,
    /// Execution at or after `expires_at`.
    Expired,
    /// Only the author may do this.
    NotAuthor,
    /// More than `MAX_ACTIONS` actions (none is allowed: a signal proposal).
    InvalidActionCount,
    /// A transfer of zero.
    ZeroTransfer,
    /// A URI over `MAX_URI_LEN` bytes.
    UriTooLong,
    /// The chain tag is empty or longer than `MAX_CHAIN_TAG_LEN`.
    InvalidChainTag,
    /// A parameter is outside its bounds.
    InvalidParameter,
    /// A page limit over the bound.
    LimitTooLarge,
    /// A deposit of nothing.
    ZeroDeposit,
    /// The bootstrap cannot be recorded: the first thing wrong (a contract's code, wiring or
    /// admin, the log's writers, the founders, or state the bootstrap did not make).
    BootstrapIncomplete(BootstrapFault),
    /// `complete_bootstrap` already ran.
    BootstrapAlreadyRecorded,
    /// The signed payload names another chain.
    WrongChain,
    /// The signed payload names another hub.
    WrongContract,
    /// The signed payload's deadline has passed.
    DeadlinePassed,
    /// The signature is not well formed.
    BadSignature(SignatureError),
    /// The recovered key is not bound to the payload's author.
    SignerMismatch,
    /// The author already used this submission nonce.
    NonceUsed,
    /// A signed revision does not create the next revision (a replay or out of order).
    StaleRevision,
    /// The treasury holds less than the transfers need.
    InsufficientTreasury,
    /// The native transfer failed.
    TransferFailed,
    /// A suite contract could not be called or answered in an unexpected way.
    CallFailed(Callee),
    /// The registry refused.
    Registry(RegistryError),
    /// The peer-review contract refused.
    Review(ReviewError),
    /// The voting contract refused.
    Voting(VotingError),
    /// The decision log refused.
    Log(LogError),
    /// A governed contract refused an admin call.
    Admin(AdminError),
    /// A `Call` action aims at one of the five suite contracts.
    CallToSuite,
    /// A `Call` action's callee is not a contract.
    NotAContract,
    /// A `Call` input over `MAX_CALL_INPUT_LEN` bytes.
    CallInputTooLong,
    /// The callee of `Call` action `action` has other code than at submission.
    CalleeCodeChanged {
        /// Index of the action in the revision's list.
        action: u32,
    },
    /// `Call` action `action` reverted or trapped (the whole execution reverted).
    ExternalCallFailed {
        /// Index of the action in the revision's list.
        action: u32,
    },
    /// The veto is disabled (threshold 0).
    VetoDisabled,
    /// The caller does not hold the Safety perspective.
    NotSafetyMember,
    /// The caller had no weight at the ballot's snapshot.
    NoWeightAtSnapshot,
    /// The caller already vetoed this proposal.
    AlreadyVetoed,
    /// The change would make a rule impossible to meet.
    RulesUnmeetable(UnmeetableRule),
    /// The proposal's transfers and call values exceed the per-proposal cap.
    ProposalSpendCapExceeded {
        /// The cap.
        cap: Balance,
    },
    /// The execution would exceed what is left of this period's spending allowance.
    PeriodCapExceeded {
        /// What is left this period.
        available: Balance,
    },
    /// The writer is one the lifecycle needs (the hub, review or voting contract): it can be
    /// neither revoked nor authorized again.
    WriterRequired,
    /// A hub parameter is outside its compile-time bounds.
    ParameterOutOfBounds(HubParam),
    /// The proposal already has `MAX_REVISIONS` revisions (its first submission counts).
    TooManyRevisions,
    /// Nothing can be submitted before `complete_bootstrap` has recorded the bootstrap.
    NotBootstrapped,
    /// A `Succession` action must be the proposal's only action.
    SuccessionNotAlone,
    /// A `Succession` names a contract of this suite (or the zero account) as successor.
    InvalidSuccessor,
    /// The successor's hub does not run the code hash the `Succession` action names.
    SuccessorCodeMismatch,
    /// The successor's hub runs other code than the `Succession` action names (checked
    /// again at execution).
    SuccessorCodeChanged,
    /// The successor's hub has not recorded its bootstrap, or was itself succeeded: it could
    /// not use the treasury (a hub that never bootstraps, or a retired one, would strand it).
    SuccessorNotBootstrapped,
    /// The successor suite's log does not anchor this suite's log (`predecessor()`): it was
    /// not deployed as this suite's successor (`agora deploy --succeeds`).
    SuccessorDoesNotAnchor,
    /// The suite was succeeded: its hub takes no proposal, transition or deposit any more
    /// (its treasury went to the successor; `sweep` forwards what arrives later).
    Retired,
    /// `sweep` needs a succeeded suite.
    NotRetired,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_and_the_test_parameters_are_within_their_bounds() {
        assert_eq!(HubParams::default().check_bounds(), Ok(()));
        assert_eq!(crate::testing::params().check_bounds(), Ok(()));
    }
}
