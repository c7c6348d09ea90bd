//! Relaying signed envelopes: anyone submits a member's signed proposal, revision or vote
//! (the relayer pays; the signer is the author or voter).

use agora_types::{ProposalError, ProposalPayload, RevisionPayload, VotePayload, VotingError};
use scale::Decode;

use crate::core::{
    chain::{Chain, Landed},
    config::Deployment,
    contracts::SuiteContract,
    error::{Failure, Result},
    keys::Signer,
    wire::{Envelope, EnvelopeKind},
};

/// Checks and submits an envelope; returns its kind, the id (proposal) or revision number
/// (revision) the dry run predicted, nothing for a vote, and where it landed.
pub async fn relay_envelope(
    chain: &Chain,
    dep: &Deployment,
    relayer: &Signer,
    env: &Envelope,
) -> Result<(EnvelopeKind, Option<u32>, Landed)> {
    let (kind, scale, signature) = env.check()?;
    let not = |what: &str| Failure::input(format!("the envelope's bytes are not a {what} payload"));
    match kind {
        EnvelopeKind::Proposal => {
            let p = ProposalPayload::decode(&mut &scale[..]).map_err(|_| not("proposal"))?;
            let (id, landed) = chain
                .transact::<_, u32, ProposalError>(
                    relayer,
                    dep,
                    SuiteContract::Proposals,
                    "submit_signed",
                    &(p, signature),
                    0,
                )
                .await?;
            Ok((kind, id, landed))
        }
        EnvelopeKind::Revision => {
            let p = RevisionPayload::decode(&mut &scale[..]).map_err(|_| not("revision"))?;
            let (revision, landed) = chain
                .transact::<_, u32, ProposalError>(
                    relayer,
                    dep,
                    SuiteContract::Proposals,
                    "revise_signed",
                    &(p, signature),
                    0,
                )
                .await?;
            Ok((kind, revision, landed))
        }
        EnvelopeKind::Vote => {
            let p = VotePayload::decode(&mut &scale[..]).map_err(|_| not("vote"))?;
            let (_, landed) = chain
                .transact::<_, (), VotingError>(
                    relayer,
                    dep,
                    SuiteContract::Voting,
                    "cast_vote_signed",
                    &(
                        p.voter,
                        p.proposal,
                        p.choice,
                        p.rationale_hash,
                        p.deadline,
                        signature,
                    ),
                    0,
                )
                .await?;
            Ok((kind, None, landed))
        }
    }
}
