//! Proposals: actions, states, revisions, the hub's parameters, signed submissions, errors.

use crate::{
    AdminError, Balance, BlockNumber, Hash32, LogError, MemberKind, ProposalId, RegistryError,
    ReviewError, ReviewRules, Revision, SignatureError, SigningKey, VotingError, VotingRules,
};
use ink::{
    prelude::{string::String, vec::Vec},
    primitives::AccountId,
};

/// Most actions one proposal may carry.
pub const MAX_ACTIONS: u32 = 8;

/// What an executed proposal does. Actions run atomically, in order: if one fails, the whole
/// execution reverts and the proposal stays Queued.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Action {
    /// Pays `amount` of the native token from the treasury (the hub's balance) to `to`.
    Transfer {
        /// Recipient.
        to: AccountId,
        /// Amount in the chain's smallest unit.
        amount: Balance,
    },
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
}

/// The hub's governance parameters. Each is bounded (see the `MIN_*`/`MAX_*` constants of
/// the hub) and changes only through executed proposals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
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
}

/// A new proposal signed by an agent and relayed by anyone (domain `agora/v1/proposal`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct ProposalPayload {
    /// Network name the hub was deployed with.
    pub chain_tag: String,
    /// Address of the hub.
    pub hub: AccountId,
    /// The author's account (the key must be bound to it).
    pub author: AccountId,
    /// A number of the author's choosing, usable once (any order).
    pub nonce: u64,
    /// Last block in which the submission may land.
    pub deadline: BlockNumber,
    /// blake2-256 of the proposal's text.
    pub content_hash: Hash32,
    /// Where the text can be fetched.
    pub uri: String,
    /// What the proposal does if executed.
    pub actions: Vec<Action>,
}

/// A revision signed by the author and relayed by anyone (domain `agora/v1/revision`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct RevisionPayload {
    /// Network name the hub was deployed with.
    pub chain_tag: String,
    /// Address of the hub.
    pub hub: AccountId,
    /// The author's account.
    pub author: AccountId,
    /// Last block in which the revision may land.
    pub deadline: BlockNumber,
    /// The proposal revised.
    pub proposal: ProposalId,
    /// The revision number this creates (current + 1): a replay is stale.
    pub revision: Revision,
    /// blake2-256 of the revised text.
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
    /// More than `MAX_ACTIONS` actions, or none.
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
    /// Some account other than the hub still holds a privilege.
    BootstrapIncomplete,
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
}
