//! Relaying signed envelopes: anyone submits a member's signed proposal, revision or vote
//! (the relayer pays; the signer is the author or voter).

use agora_types::{ProposalError, ProposalPayload, RevisionPayload, VotePayload, VotingError};
use scale::Decode;

use crate::core::{
    chain::{Chain, Landed},
    chain_tag::check_payload,
    config::Deployment,
    contracts::SuiteContract,
    error::{Failure, Result},
    keys::Signer,
    wire::{Envelope, EnvelopeKind},
};

/// Checks and submits an envelope (refused as `wrong_chain` when its payload binds another
/// chain tag than the deployment: the caller connected with `Ctx::connect_for`, which checked
/// the deployment is the connected chain's); returns its kind, the id (proposal) or revision number
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
            check_payload(
                &p.chain_tag,
                &dep.chain_tag,
                "signed proposal",
                "the deployment",
            )?;
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
            check_payload(
                &p.chain_tag,
                &dep.chain_tag,
                "signed revision",
                "the deployment",
            )?;
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
            check_payload(
                &p.chain_tag,
                &dep.chain_tag,
                "signed vote",
                "the deployment",
            )?;
            let (_, landed) = chain
                .transact::<_, (), VotingError>(
                    relayer,
                    dep,
                    SuiteContract::Voting,
                    "cast_vote_signed",
                    &(
                        p.voter,
                        p.ballot,
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
