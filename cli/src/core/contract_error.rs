//! Contract errors decoded into the contracts' own `Error` enums (agora-types): matched by
//! value, shown by variant name and fields from their type information, never by `Debug`.

use std::fmt;

use agora_types::{
    AdminError, BlockNumber, BootstrapFault, LogError, ProposalError, RegistryError, ReviewError,
    SignatureError, VotingError,
};
use serde_json::{Map, Value as Json};

use crate::core::{
    contracts::SuiteContract,
    error::{ErrorKind, Failure},
    names::{decode_variant, fields_json, innermost_variant, render_variant},
};

/// An error one of the suite's contracts returned, as its own enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuiteError {
    /// The admin handover (`Governed`) of any governed contract.
    Admin(AdminError),
    /// The agent registry.
    Registry(RegistryError),
    /// Peer review.
    Review(ReviewError),
    /// Voting.
    Voting(VotingError),
    /// The hub.
    Proposal(ProposalError),
    /// The decision log.
    Log(LogError),
}

macro_rules! suite_error_from {
    ($($variant:ident($ty:ty)),*) => {$(
        impl From<$ty> for SuiteError {
            fn from(e: $ty) -> Self {
                SuiteError::$variant(e)
            }
        }
    )*};
}
suite_error_from!(
    Admin(AdminError),
    Registry(RegistryError),
    Review(ReviewError),
    Voting(VotingError),
    Proposal(ProposalError),
    Log(LogError)
);

/// A decoded error value: its variant name, its fields as JSON, and a rendering for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Described {
    /// The variant's name (`TooEarly`).
    pub variant: String,
    /// The innermost variant of a nested error (`Voting(AlreadyVoted)` → `AlreadyVoted`).
    pub innermost: String,
    /// Its fields (`{"allowed_from": 12}`; `{"0": "AlreadyVoted"}` for a nested error).
    pub fields: Map<String, Json>,
    /// `TooEarly { allowed_from: 12 }`.
    pub text: String,
}

/// Describes any enum value of the suite from its type information.
pub fn describe<T: scale::Encode + ink::scale_info::TypeInfo + 'static>(value: &T) -> Described {
    match decode_variant(value) {
        Some((name, fields)) => Described {
            innermost: innermost_variant(&name, &fields),
            fields: fields_json(&fields),
            text: render_variant(&name, &fields),
            variant: name,
        },
        None => Described {
            variant: "unknown".into(),
            innermost: "unknown".into(),
            fields: Map::new(),
            text: "unknown".into(),
        },
    }
}

impl SuiteError {
    /// The decoded variant and fields.
    pub fn describe(&self) -> Described {
        match self {
            SuiteError::Admin(e) => describe(e),
            SuiteError::Registry(e) => describe(e),
            SuiteError::Review(e) => describe(e),
            SuiteError::Voting(e) => describe(e),
            SuiteError::Proposal(e) => describe(e),
            SuiteError::Log(e) => describe(e),
        }
    }

    /// For a timing error, the first block the call is allowed in.
    pub const fn allowed_from(&self) -> Option<BlockNumber> {
        match self {
            SuiteError::Proposal(ProposalError::TooEarly { allowed_from }) => Some(*allowed_from),
            _ => None,
        }
    }

    /// Whether the caller lacked the contract's admin right.
    pub const fn is_not_admin(&self) -> bool {
        matches!(
            self,
            SuiteError::Admin(AdminError::NotAdmin)
                | SuiteError::Registry(RegistryError::NotAdmin)
                | SuiteError::Review(ReviewError::NotAdmin)
                | SuiteError::Voting(VotingError::NotAdmin)
                | SuiteError::Log(LogError::NotAdmin)
        )
    }

    /// What the error means, in words (nested errors by their inner error).
    pub const fn explain(&self) -> &'static str {
        match self {
            SuiteError::Admin(e) => explain_admin(e),
            SuiteError::Registry(e) => explain_registry(e),
            SuiteError::Review(e) => explain_review(e),
            SuiteError::Voting(e) => explain_voting(e),
            SuiteError::Proposal(e) => explain_proposal(e),
            SuiteError::Log(e) => explain_log(e),
        }
    }
}

const ADMIN_ONLY: &str = "only the contract's admin (the hub after the handover) may do this";
const SEE_DOCS: &str = "see the contract's documentation (docs/contracts.md) for this error";

const fn explain_admin(e: &AdminError) -> &'static str {
    match e {
        AdminError::NotAdmin => ADMIN_ONLY,
        AdminError::ZeroAddress => "the admin role cannot be offered to the zero address",
        AdminError::AlreadyAdmin => "that account already holds the admin role",
        AdminError::NoOffer => "no admin offer is pending",
        AdminError::NotOffered => "the admin role was offered to another account",
    }
}

const fn explain_bootstrap(fault: &BootstrapFault) -> &'static str {
    match fault {
        BootstrapFault::UnexpectedCode(_) => {
            "a suite contract does not run the code the hub was built to expect"
        }
        BootstrapFault::Miswired(_) => {
            "a suite contract reads another registry or log, or binds another chain tag"
        }
        BootstrapFault::AdminNotHub(_) => "the hub is not yet the admin of every suite contract",
        BootstrapFault::WritersNotSuite => {
            "the log's writers are not exactly the hub, peer review and voting, each with its \
             own kinds (once the bootstrap is recorded, a writer governance added for External \
             entries also makes the hub say so; `agora verify-deployment` tells them apart)"
        }
        BootstrapFault::FoundersDiffer => {
            "the registry's members are not the founders the hub was built with"
        }
        BootstrapFault::PlantedState(_) => {
            "a suite contract holds state the bootstrap did not make (planted before the handover)"
        }
    }
}

const fn explain_signature(e: &SignatureError) -> &'static str {
    match e {
        SignatureError::InvalidRecoveryId => "the signature's recovery id is not 0 or 1",
        SignatureError::HighS => "the signature is not in canonical low-s form",
        SignatureError::ZeroComponent => "the signature has a zero component",
        SignatureError::RecoveryFailed => "no key can be recovered from the signature",
        SignatureError::ROutOfRange => "the signature's r is not below the group order",
    }
}

const fn explain_registry(e: &RegistryError) -> &'static str {
    match e {
        RegistryError::NotAdmin => ADMIN_ONLY,
        RegistryError::AlreadyRegistered => "the account is already a member",
        RegistryError::UnknownMember => "no member has this account",
        RegistryError::CallerNotMember => "the caller is not a member",
        RegistryError::NotActive => "the member is not active",
        RegistryError::NotSuspended => "the member is not suspended",
        RegistryError::MemberRemoved => "the member was removed for good",
        RegistryError::UriTooLong => "the URI is longer than MAX_URI_LEN",
        RegistryError::InvalidPerspectives => "the perspective set is empty or not defined",
        RegistryError::WeightOutOfRange => "the weight is 0 or above MAX_MEMBER_WEIGHT",
        RegistryError::OperatorRequired => "an agent must name its operator",
        RegistryError::OperatorNotAllowed => "only agents have an operator",
        RegistryError::KindImmutable => "a member's kind cannot change",
        RegistryError::InvalidSigningKey => "the signing key is not a compressed secp256k1 key",
        RegistryError::KeyAlreadyBound => "the signing key is bound to another member",
        RegistryError::BadSignature(s) => explain_signature(s),
        RegistryError::ProofMismatch => {
            "the bind-key proof was not made by this key for this account, registry and chain"
        }
        RegistryError::NoSigningKey => "the member has no signing key",
        RegistryError::LimitTooLarge => "the page limit is too large",
        RegistryError::InvalidChainTag => "the chain tag is empty or too long",
    }
}

const fn explain_review(e: &ReviewError) -> &'static str {
    match e {
        ReviewError::NotAdmin => ADMIN_ONLY,
        ReviewError::AuthorCannotReview => "authors cannot review their own proposals",
        ReviewError::NotEligible => "the account had no reviewing weight when the round opened",
        ReviewError::PerspectiveNotHeld => "the reviewer does not hold that perspective",
        ReviewError::ReviewWindowOver => "the review window is over",
        ReviewError::RoundClosed => "the review round is closed",
        ReviewError::UnknownRound => "no review round for this proposal revision",
        ReviewError::ScoreOutOfRange => "the score is above MAX_SCORE",
        ReviewError::UriTooLong => "a URI is longer than MAX_URI_LEN",
        ReviewError::StaleRevision => "a later revision has its own round; review that one",
        ReviewError::TooManyVersions => "you amended this review as often as a round allows",
        ReviewError::SuggestionUriWithoutHash => "a suggestion URI needs a suggestion",
        _ => SEE_DOCS,
    }
}

const fn explain_voting(e: &VotingError) -> &'static str {
    match e {
        VotingError::NotAdmin => ADMIN_ONLY,
        VotingError::AlreadyVoted => "you already voted in this ballot",
        VotingError::NotEligible => "the account had no voting weight at the snapshot",
        VotingError::VotingWindowOver => "the ballot's voting window is over",
        VotingError::BallotClosed => "the ballot is closed",
        VotingError::UnknownBallot => "no such ballot (voting on this proposal has not opened)",
        VotingError::DeadlinePassed => "the signed vote's deadline block has passed",
        VotingError::BadSignature(s) => explain_signature(s),
        VotingError::SignerMismatch => "the signature is not from the key bound to the voter",
        _ => SEE_DOCS,
    }
}

const fn explain_log(e: &LogError) -> &'static str {
    match e {
        LogError::NotAdmin => ADMIN_ONLY,
        LogError::NotWriter => "the caller is not an authorized log writer",
        LogError::AlreadyWriter => "the account is already a log writer",
        LogError::UnknownWriter => "the account is not a log writer",
        LogError::OutOfRange => "no log entry has this index",
        LogError::LimitTooLarge => "the page limit is above the log's MAX_PAGE",
        LogError::ReservedKind => {
            "only the log itself writes WriterAuthorized, WriterRevoked and AdminTransferred"
        }
        LogError::LogFull => "the log holds u64::MAX entries and cannot grow",
        LogError::KindNotAllowed => {
            "the caller is a log writer, but not authorized for this kind (a writer governance \
             added may write only External entries)"
        }
        LogError::InvalidKinds => {
            "a writer's kinds must be a non-empty set of defined kinds without the log's own"
        }
        LogError::SubjectNotAllowed => {
            "an External entry may not be about the suite (its history holds only the suite's \
             own entries)"
        }
        LogError::Sealed => {
            "the log was sealed when its suite was succeeded: it takes no more entries"
        }
        LogError::PredecessorUnavailable => {
            "the predecessor named for a successor's log answered no head() (not a decision log?)"
        }
        LogError::PredecessorSealed => {
            "that predecessor log is sealed: its suite was already handed on to another successor"
        }
    }
}

const fn explain_proposal(e: &ProposalError) -> &'static str {
    match e {
        ProposalError::NotActiveMember => "the account is not an active member",
        ProposalError::TooManyOpenProposals => {
            "the author has too many proposals in review or voting"
        }
        ProposalError::UnknownProposal => "no proposal with this id",
        ProposalError::UnexpectedState { .. } => "the proposal is not in the state this step needs",
        ProposalError::TooEarly { .. } => "not due yet: wait for the block it names",
        ProposalError::ReviewWindowOver => "the review window is over",
        ProposalError::Expired => "the proposal's execution window has passed",
        ProposalError::NotAuthor => "only the proposal's author may do this",
        ProposalError::InvalidActionCount => "a proposal has at most MAX_ACTIONS actions",
        ProposalError::ZeroTransfer => "a transfer of nothing",
        ProposalError::UriTooLong => "the URI is longer than MAX_URI_LEN",
        ProposalError::WrongChain => "the payload was signed for another chain tag",
        ProposalError::WrongContract => "the payload was signed for another contract address",
        ProposalError::DeadlinePassed => "the signed payload's deadline block has passed",
        ProposalError::BadSignature(s) => explain_signature(s),
        ProposalError::SignerMismatch => "the signature is not from the key bound to that account",
        ProposalError::NonceUsed => "this signed proposal (author, nonce) was already submitted",
        ProposalError::StaleRevision => {
            "this revision number is not the next one (replayed or out of date)"
        }
        ProposalError::InsufficientTreasury => "the treasury cannot pay this",
        ProposalError::Registry(inner) => explain_registry(inner),
        ProposalError::Review(inner) => explain_review(inner),
        ProposalError::Voting(inner) => explain_voting(inner),
        ProposalError::Log(inner) => explain_log(inner),
        ProposalError::Admin(e) => explain_admin(e),
        ProposalError::BootstrapIncomplete(fault) => explain_bootstrap(fault),
        ProposalError::NotBootstrapped => {
            "nothing can be submitted before complete_bootstrap has recorded the bootstrap"
        }
        ProposalError::BootstrapAlreadyRecorded => "the bootstrap is already recorded",
        ProposalError::ZeroDeposit => "a deposit of nothing",
        ProposalError::ProposalSpendCapExceeded { .. } => {
            "the proposal spends more than the per-proposal cap"
        }
        ProposalError::PeriodCapExceeded { .. } => {
            "the execution would exceed this period's spending allowance"
        }
        ProposalError::NotSafetyMember => "only members holding Safety may veto",
        ProposalError::AlreadyVetoed => "you already vetoed this proposal",
        ProposalError::RulesUnmeetable(_) => "the change would make a rule impossible to meet",
        ProposalError::ParameterOutOfBounds(_) => "a hub parameter is outside its bounds",
        ProposalError::TooManyRevisions => {
            "the proposal has MAX_REVISIONS revisions already; submit a new proposal"
        }
        ProposalError::SuccessionNotAlone => "a succession must be the proposal's only action",
        ProposalError::InvalidSuccessor => {
            "the successor must be another suite's hub, not a contract of this suite or the zero \
             account"
        }
        ProposalError::SuccessorCodeMismatch => {
            "the successor's hub does not run the code hash the succession names (compare it \
             with the successor's release bundle)"
        }
        ProposalError::SuccessorCodeChanged => {
            "the successor's hub runs other code than the succession named when it was voted"
        }
        ProposalError::SuccessorNotBootstrapped => {
            "the successor's hub has not recorded its bootstrap, or was itself succeeded: it could \
             not use the treasury"
        }
        ProposalError::SuccessorDoesNotAnchor => {
            "the successor suite's log does not anchor this suite's log: deploy it with \
             `agora deploy --succeeds <this suite's log>`"
        }
        ProposalError::Retired => {
            "this suite was succeeded: its hub takes no proposal, transition or deposit (its log's \
             last entry, Sealed, names the successor's hub: `agora log show`)"
        }
        ProposalError::NotRetired => "sweep forwards funds of a succeeded suite only",
        _ => SEE_DOCS,
    }
}

/// A contract error returned by a message (found by its dry run, or by the dry run after a
/// transaction reverted).
#[derive(Debug, Clone)]
pub struct ContractError {
    /// Which contract answered.
    pub contract: SuiteContract,
    /// The message called (its label).
    pub message: String,
    /// The error, as the contract's enum.
    pub error: SuiteError,
}

impl fmt::Display for ContractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}::{} refused: {} ({})",
            self.contract.name(),
            self.message,
            self.error.describe().text,
            self.error.explain()
        )
    }
}

impl std::error::Error for ContractError {}

/// The kind of any error the CLI returns: a contract's, a [`Failure`]'s, or by its cause
/// (files, the connection, JSON); what none of those names is `internal`.
pub fn classify(e: &anyhow::Error) -> ErrorKind {
    if e.downcast_ref::<ContractError>().is_some() {
        return ErrorKind::Contract;
    }
    if let Some(f) = e.downcast_ref::<Failure>() {
        return f.kind;
    }
    for cause in e.chain() {
        if cause.is::<std::io::Error>() {
            return ErrorKind::Io;
        }
        if cause.is::<subxt::Error>() {
            return ErrorKind::Chain;
        }
        if cause.is::<serde_json::Error>() {
            return ErrorKind::Input;
        }
        if cause.is::<Failure>() {
            if let Some(f) = cause.downcast_ref::<Failure>() {
                return f.kind;
            }
        }
    }
    ErrorKind::Internal
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn contract_errors_are_described_by_variant_and_explained_by_value() {
        let e = SuiteError::Voting(VotingError::AlreadyVoted);
        assert_eq!(e.describe().variant, "AlreadyVoted");
        assert_eq!(e.explain(), "you already voted in this ballot");
        let nested = SuiteError::Proposal(ProposalError::Voting(VotingError::AlreadyVoted));
        assert_eq!(nested.explain(), "you already voted in this ballot");
        assert_eq!(nested.describe().innermost, "AlreadyVoted");
        let early = SuiteError::Proposal(ProposalError::TooEarly { allowed_from: 3 });
        assert_eq!(early.allowed_from(), Some(3));
        assert!(early.explain().starts_with("not due"));
        assert!(SuiteError::Registry(RegistryError::NotAdmin).is_not_admin());
    }

    #[test]
    fn every_log_error_is_explained_in_words() {
        for e in [
            LogError::NotWriter,
            LogError::NotAdmin,
            LogError::AlreadyWriter,
            LogError::UnknownWriter,
            LogError::LimitTooLarge,
            LogError::OutOfRange,
            LogError::ReservedKind,
            LogError::LogFull,
            LogError::KindNotAllowed,
            LogError::InvalidKinds,
            LogError::SubjectNotAllowed,
            LogError::Sealed,
            LogError::PredecessorUnavailable,
            LogError::PredecessorSealed,
        ] {
            assert_ne!(SuiteError::Log(e).explain(), SEE_DOCS, "{e:?}");
        }
        let e = ContractError {
            contract: SuiteContract::DecisionLog,
            message: "DecisionLog::append".into(),
            error: LogError::KindNotAllowed.into(),
        };
        assert!(
            e.to_string()
                .starts_with("decision_log::DecisionLog::append refused: KindNotAllowed (the caller is a log writer, but not authorized"),
            "{e}"
        );
        let nested = SuiteError::Proposal(ProposalError::Log(LogError::InvalidKinds));
        assert_eq!(nested.describe().innermost, "InvalidKinds");
        assert!(nested.explain().contains("non-empty set"));
    }

    #[test]
    fn a_contract_error_names_contract_message_and_variant() {
        let e = ContractError {
            contract: SuiteContract::Voting,
            message: "cast_vote".into(),
            error: VotingError::AlreadyVoted.into(),
        };
        assert_eq!(
            e.to_string(),
            "voting::cast_vote refused: AlreadyVoted (you already voted in this ballot)"
        );
    }

    #[test]
    fn errors_are_classified_through_their_context() {
        let contract: anyhow::Error = ContractError {
            contract: SuiteContract::Proposals,
            message: "queue".into(),
            error: ProposalError::UnknownProposal.into(),
        }
        .into();
        assert_eq!(classify(&contract.context("queueing")), ErrorKind::Contract);
        let missing: anyhow::Error = Failure::not_found("no proposal 9").into();
        assert_eq!(classify(&missing.context("status")), ErrorKind::NotFound);
        let io = std::fs::read("/nonexistent/agora").context("reading");
        assert_eq!(classify(&io.unwrap_err()), ErrorKind::Io);
    }
}
