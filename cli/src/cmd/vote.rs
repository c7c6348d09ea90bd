//! `agora vote`: vote on a proposal, directly or signed with an agent key and relayed.

use std::fmt;

use agora_types::{BallotId, ProposalId, VoteChoice, VotePayload, VotingError};
use clap::Args;
use schemars::JsonSchema;
use serde::Serialize;

use crate::{
    cmd::args::{SignArgs, Signed, SuriArg},
    core::{
        context::Ctx,
        contracts::SuiteContract,
        encoding::{blake2, parse_account},
        error::Result,
        json::{Hex, Name, Ss58},
        keys::AgentKey,
        output::{Report, Samples},
        parse::{parse_id, ChoiceArg},
        reads,
        relay::relay_envelope,
        render::short_ss58,
        wire::Envelope,
    },
};

/// Vote on a proposal in voting (directly, or signed with an agent key and relayed by
/// --suri, who need not be a member).
#[derive(Debug, Args)]
pub struct VoteArgs {
    /// The proposal.
    #[arg(value_parser = parse_id)]
    pub id: ProposalId,
    /// Your vote.
    #[arg(value_enum, ignore_case = true)]
    pub choice: ChoiceArg,
    /// Why (its hash goes on chain).
    #[arg(long, default_value = "")]
    pub rationale: String,
    /// For a signed vote: the voter (default: the account the key is bound to).
    #[arg(long)]
    pub voter: Option<String>,
    /// Signing with an agent key instead.
    #[command(flatten)]
    pub sign: SignArgs,
    /// The account that signs and pays.
    #[command(flatten)]
    pub suri: SuriArg,
}

/// A cast vote.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Voted {
    /// The proposal.
    pub id: ProposalId,
    /// The vote.
    pub choice: Name<VoteChoice>,
    /// The voter.
    pub voter: Ss58,
    /// Hash of the rationale (zero if none).
    pub rationale_hash: Hex,
    /// The block it landed in.
    pub block: u32,
    /// For a signed vote: who signed and relayed.
    pub signed: Option<Signed>,
}

impl fmt::Display for Voted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = match &self.signed {
            None => format!("by {}", short_ss58(&self.voter)),
            Some(s) => format!(
                "signed by {} and relayed by {}",
                short_ss58(&self.voter),
                short_ss58(&s.relayer)
            ),
        };
        write!(
            f,
            "vote {} on proposal {} {how} in block {}",
            self.choice, self.id, self.block
        )
    }
}

impl Report for Voted {}

impl Samples for Voted {
    fn samples() -> Vec<Self> {
        vec![Voted {
            id: 1,
            choice: Name::of(&VoteChoice::For),
            voter: Ss58::of(&[1; 32]),
            rationale_hash: Hex::of(&[0; 32]),
            block: 30,
            signed: None,
        }]
    }
}

impl VoteArgs {
    /// Casts the vote.
    pub async fn handle(&self, ctx: &Ctx) -> Result<Voted> {
        let (dep, chain, signer) = ctx.open(&self.suri.suri).await?;
        let choice = VoteChoice::from(self.choice);
        let rationale_hash = if self.rationale.is_empty() {
            [0u8; 32]
        } else {
            blake2(self.rationale.as_bytes())
        };
        let relayer = signer.account_id().0;
        let (voter, landed, signed) = match &self.sign.sign_with {
            None => {
                let (_, landed) = chain
                    .transact::<_, (), VotingError>(
                        &signer,
                        &dep,
                        SuiteContract::Voting,
                        "cast_vote",
                        &(BallotId::decision(self.id), choice, rationale_hash),
                        0,
                    )
                    .await?;
                (relayer, landed, None)
            }
            Some(key_file) => {
                let key = AgentKey::load(key_file)?;
                let voter = match &self.voter {
                    Some(v) => parse_account(v)?,
                    None => reads::member_by_key(&chain, &dep, &key.public()).await?,
                };
                let deadline = chain
                    .best_block()
                    .await?
                    .saturating_add(self.sign.deadline_in);
                let payload = VotePayload {
                    chain_tag: dep.chain_tag.clone(),
                    contract: dep.address(SuiteContract::Voting)?.into(),
                    voter: voter.into(),
                    deadline,
                    ballot: BallotId::decision(self.id),
                    choice,
                    rationale_hash,
                };
                let envelope = Envelope::vote(&payload, &key);
                self.sign.save(&envelope)?;
                let (_, _, landed) = relay_envelope(&chain, &dep, &signer, &envelope).await?;
                let signed = Signed {
                    key: Hex::of(&key.public()),
                    signer_account: Ss58::of(&voter),
                    relayer: Ss58::of(&relayer),
                    nonce: None,
                    deadline,
                    envelope_file: self
                        .sign
                        .save_envelope
                        .as_ref()
                        .map(|p| p.display().to_string()),
                };
                (voter, landed, Some(signed))
            }
        };
        Ok(Voted {
            id: self.id,
            choice: Name::of(&choice),
            voter: Ss58::of(&voter),
            rationale_hash: Hex::of(&rationale_hash),
            block: landed.block,
            signed,
        })
    }
}
