//! `agora agent sign-proposal|sign-revision|sign-vote|watch`: agent mode. Payloads are
//! signed into envelopes anyone can relay, after checking that the payload binds the
//! connected chain's tag (or, `--offline`, the deployment's, with no node needed); `watch`
//! streams a proposal's changes as it follows new blocks.

use std::{collections::BTreeSet, fmt, path::PathBuf};

use agora_types::{ProposalId, ProposalState};
use clap::{Args, Subcommand};
use futures::StreamExt;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    chain::Chain,
    chain_tag::{check_deployment, check_payload, expected_tag},
    context::Ctx,
    contracts::SuiteContract,
    error::{Failure, Result},
    json::Name,
    keys::AgentKey,
    output::{Report, Samples},
    parse::{parse_id, parse_positive},
    reads::{self, is_final, NextStep},
    views::{BallotView, ReviewView, RevisionView, VoteView},
    wire::{
        proposal_payload, read_payload_file, revision_payload, vote_payload, Envelope,
        EnvelopeKind, PayloadDefaults,
    },
};

/// Agent mode: sign payloads offline, watch a proposal.
#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Sign a proposal payload and print the envelope (checked against the connected chain;
    /// `--offline` for no node).
    SignProposal(SignFileArgs),
    /// Sign a revision payload and print the envelope.
    SignRevision(SignFileArgs),
    /// Sign a vote payload and print the envelope.
    SignVote(SignFileArgs),
    /// Follow a proposal block by block and print its state changes, revisions, reviews and
    /// votes as they appear (JSON lines with --json), until it is final.
    Watch(WatchArgs),
}

/// Options of the offline signing commands.
#[derive(Debug, Args)]
pub struct SignFileArgs {
    /// The payload as JSON (see docs/cli.md; chain_tag and the contract address default to
    /// the deployments file's).
    #[arg(long)]
    pub payload: PathBuf,
    /// The agent's key file.
    #[arg(long)]
    pub key: PathBuf,
    /// Write the envelope here instead of printing it.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Sign without a node: the payload's chain tag is checked against the deployments
    /// file's only, not against the chain (an air-gapped signer; the relayer's `relay`
    /// checks the chain).
    #[arg(long)]
    pub offline: bool,
}

/// A signed envelope, printed or written to a file.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SignedEnvelope {
    /// Where it was written (`--out`), if anywhere.
    pub out: Option<String>,
    /// The chain tag the payload was checked against, and against what: the connected
    /// chain's, or (`--offline`) the deployments file's; null when neither was at hand.
    pub checked: Option<TagCheck>,
    /// The envelope (the file dialect `relay` reads).
    pub envelope: Envelope,
}

/// What a signed payload's chain tag was checked against.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TagCheck {
    /// The tag.
    pub chain_tag: String,
    /// `chain`: the tag the connected chain binds (and the deployment, if any, is that
    /// chain's); `deployment`: the deployments file's, without a node (`--offline`).
    pub against: TagSource,
}

/// Where an expected chain tag came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TagSource {
    /// The connected chain (its genesis hash, or the network's named tag).
    Chain,
    /// The deployments file, offline.
    Deployment,
}

impl fmt::Display for SignedEnvelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.out {
            Some(out) => {
                write!(
                    f,
                    "signed {} envelope written to {out}",
                    self.envelope.0.kind()
                )?;
                match &self.checked {
                    Some(c) => write!(
                        f,
                        " (chain tag `{}`, checked against the {})",
                        c.chain_tag,
                        match c.against {
                            TagSource::Chain => "connected chain",
                            TagSource::Deployment => "deployments file",
                        }
                    ),
                    None => write!(
                        f,
                        " (chain tag not checked: no deployments file, --offline)"
                    ),
                }
            }
            // The envelope itself, so that `agora agent sign-vote … > vote.json` makes a file
            // `agora relay` reads.
            None => match self.envelope.to_file_text() {
                Ok(text) => f.write_str(&text),
                Err(_) => Err(fmt::Error),
            },
        }
    }
}

impl Report for SignedEnvelope {}

impl Samples for SignedEnvelope {
    fn samples() -> Vec<Self> {
        let key = AgentKey::from_secret(&[5u8; 32]);
        let payload = agora_types::VotePayload {
            chain_tag: "agora-local".into(),
            contract: [1u8; 32].into(),
            voter: [2u8; 32].into(),
            deadline: 100,
            ballot: agora_types::BallotId::decision(1),
            choice: agora_types::VoteChoice::For,
            rationale_hash: [0u8; 32],
        };
        key.map(|k| {
            vec![
                SignedEnvelope {
                    out: None,
                    checked: Some(TagCheck {
                        chain_tag: payload.chain_tag.clone(),
                        against: TagSource::Chain,
                    }),
                    envelope: Envelope::vote(&payload, &k),
                },
                SignedEnvelope {
                    out: Some("vote.json".into()),
                    checked: Some(TagCheck {
                        chain_tag: payload.chain_tag.clone(),
                        against: TagSource::Deployment,
                    }),
                    envelope: Envelope::vote(&payload, &k),
                },
                SignedEnvelope {
                    out: None,
                    checked: None,
                    envelope: Envelope::vote(&payload, &k),
                },
            ]
        })
        .unwrap_or_default()
    }
}

impl SignFileArgs {
    /// Signs the payload file as `kind`, after checking its chain tag: online, against the
    /// tag the connected chain binds (and the deployment, if any, must be that chain's);
    /// `--offline`, against the deployments file's. Refused as `wrong_chain` when it differs.
    pub async fn handle(&self, ctx: &Ctx, kind: EnvelopeKind) -> Result<SignedEnvelope> {
        let v = read_payload_file(&self.payload)?;
        let key = AgentKey::load(&self.key)?;
        // Without a deployments file the payload must name chain_tag and the contract.
        let dep = ctx.deployment().ok();
        let checked = if self.offline {
            dep.as_ref().map(|d| TagCheck {
                chain_tag: d.chain_tag.clone(),
                against: TagSource::Deployment,
            })
        } else {
            let network = ctx.network()?;
            let chain = Chain::connect(&network.url).await.map_err(|e| {
                e.context("checking the payload's chain tag against the chain (--offline signs without a node)")
            })?;
            let genesis = chain.genesis_hash();
            if let Some(d) = &dep {
                check_deployment(d, &ctx.global.network, &network, &genesis)?;
            }
            Some(TagCheck {
                chain_tag: expected_tag(&network, &genesis),
                against: TagSource::Chain,
            })
        };
        let defaults = match &dep {
            Some(dep) => PayloadDefaults {
                chain_tag: Some(dep.chain_tag.clone()),
                hub: dep.address(SuiteContract::Proposals).ok(),
                voting: dep.address(SuiteContract::Voting).ok(),
            },
            None => PayloadDefaults {
                chain_tag: checked.as_ref().map(|c| c.chain_tag.clone()),
                ..PayloadDefaults::default()
            },
        };
        let base = self
            .payload
            .parent()
            .map_or_else(|| PathBuf::from("."), std::path::Path::to_path_buf);
        let expect = |tag: &str, what: &str| match &checked {
            Some(c) => check_payload(
                tag,
                &c.chain_tag,
                what,
                match c.against {
                    TagSource::Chain => "the connected chain",
                    TagSource::Deployment => "the deployment",
                },
            ),
            None => Ok(()),
        };
        let envelope = match kind {
            EnvelopeKind::Proposal => {
                let p = proposal_payload(&v, &defaults, &base)?;
                expect(&p.chain_tag, "proposal payload")?;
                Envelope::proposal(&p, &key)
            }
            EnvelopeKind::Revision => {
                let p = revision_payload(&v, &defaults, &base)?;
                expect(&p.chain_tag, "revision payload")?;
                Envelope::revision(&p, &key)
            }
            EnvelopeKind::Vote => {
                let p = vote_payload(&v, &defaults)?;
                expect(&p.chain_tag, "vote payload")?;
                Envelope::vote(&p, &key)
            }
        };
        if let Some(out) = &self.out {
            envelope.write(out)?;
        }
        if checked.is_none() {
            ctx.note("note: --offline without a deployments file: the payload's chain tag was not checked");
        }
        Ok(SignedEnvelope {
            out: self.out.as_ref().map(|p| p.display().to_string()),
            checked,
            envelope,
        })
    }
}

/// Options of `agent watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The proposal.
    #[arg(value_parser = parse_id)]
    pub id: ProposalId,
    /// Stop after reading the proposal at this many blocks (default: until it is final).
    #[arg(long, alias = "max-polls", value_parser = parse_positive)]
    pub max_blocks: Option<u32>,
}

/// One event of `agent watch` (one JSON line each with --json; `type` tells which).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WatchEvent {
    /// The proposal's state: when first read and whenever it changes.
    State {
        /// The proposal.
        proposal: ProposalId,
        /// The block it was read at.
        block: u32,
        /// Its state.
        state: Name<ProposalState>,
        /// The next step and when it is due.
        next: Option<NextStep>,
    },
    /// A revision not seen before (the latest when first read).
    Revision {
        /// The proposal.
        proposal: ProposalId,
        /// The block it was read at.
        block: u32,
        /// The revision.
        revision: RevisionView,
    },
    /// A review version not seen before.
    Review {
        /// The proposal.
        proposal: ProposalId,
        /// The block it was read at.
        block: u32,
        /// The review.
        review: ReviewView,
    },
    /// A vote not seen before, with the ballot after it.
    Vote {
        /// The proposal.
        proposal: ProposalId,
        /// The block it was read at.
        block: u32,
        /// The vote.
        vote: VoteView,
        /// The ballot.
        ballot: Option<BallotView>,
    },
    /// The last event: the proposal is final, or `--max-blocks` were read.
    End {
        /// The proposal.
        proposal: ProposalId,
        /// The block it was last read at.
        block: u32,
        /// Whether the proposal is final.
        #[serde(rename = "final")]
        is_final: bool,
    },
}

impl fmt::Display for WatchEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WatchEvent::State {
                proposal,
                block,
                state,
                next,
            } => {
                write!(f, "block {block}: proposal {proposal} is {state}")?;
                if let Some(n) = next {
                    write!(
                        f,
                        "; {} due from block {} ({} block(s) to go)",
                        n.step.message(),
                        n.due_block,
                        n.due_in_blocks
                    )?;
                }
                Ok(())
            }
            WatchEvent::Revision {
                proposal,
                block,
                revision,
            } => write!(
                f,
                "block {block}: proposal {proposal} revision {} ({}, {} action(s))",
                revision.revision,
                revision.content_hash,
                revision.actions.len()
            ),
            WatchEvent::Review {
                proposal,
                block,
                review,
            } => write!(
                f,
                "block {block}: proposal {proposal}: {} from {} ({}), score {}",
                review.verdict, review.reviewer, review.perspective, review.score
            ),
            WatchEvent::Vote {
                proposal,
                block,
                vote,
                ..
            } => write!(
                f,
                "block {block}: proposal {proposal}: {} votes {} with weight {}",
                vote.voter, vote.choice, vote.weight
            ),
            WatchEvent::End {
                proposal,
                block,
                is_final,
            } => write!(
                f,
                "block {block}: {} watching proposal {proposal}",
                if *is_final {
                    "final; stopped"
                } else {
                    "stopped"
                }
            ),
        }
    }
}

impl Samples for WatchEvent {
    fn samples() -> Vec<Self> {
        let detail = <reads::ProposalDetail as Samples>::samples();
        let Some(d) = detail.into_iter().next() else {
            return Vec::new();
        };
        let mut out = vec![WatchEvent::State {
            proposal: 1,
            block: d.head,
            state: d.proposal.state.clone(),
            next: d.next.clone(),
        }];
        if let Some(r) = d.revisions.first() {
            out.push(WatchEvent::Revision {
                proposal: 1,
                block: d.head,
                revision: r.clone(),
            });
            if let Some(rv) = r.reviews.first() {
                out.push(WatchEvent::Review {
                    proposal: 1,
                    block: d.head,
                    review: rv.clone(),
                });
            }
        }
        if let Some(v) = d.votes.first() {
            out.push(WatchEvent::Vote {
                proposal: 1,
                block: d.head,
                vote: v.clone(),
                ballot: d.ballot.clone(),
            });
        }
        out.push(WatchEvent::End {
            proposal: 1,
            block: d.head,
            is_final: false,
        });
        out
    }
}

impl WatchArgs {
    /// Reads the proposal now and at every new best block, and hands each change to `emit`.
    pub async fn handle(
        &self,
        ctx: &Ctx,
        emit: &mut dyn FnMut(&WatchEvent) -> Result<()>,
    ) -> Result<()> {
        let dep = ctx.deployment()?;
        let chain = ctx.connect().await?;
        // Subscribed before the first read, so no block between them is missed.
        let mut blocks = chain.best_blocks().await?;
        let mut seen_state: Option<String> = None;
        let mut seen_revision = 0u32;
        let mut seen_reviews = BTreeSet::new();
        let mut seen_votes = 0usize;
        let mut reads_done = 0u32;
        loop {
            let d = reads::proposal_detail(&chain, &dep, self.id).await?;
            let block = d.head;
            let proposal = self.id;
            let state = d.proposal.state.clone();
            if seen_state.as_deref() != Some(state.as_str()) {
                seen_state = Some(state.as_str().to_owned());
                emit(&WatchEvent::State {
                    proposal,
                    block,
                    state,
                    next: d.next.clone(),
                })?;
            }
            if d.proposal.revision > seen_revision {
                for r in d.revisions.iter().filter(|r| r.revision > seen_revision) {
                    if seen_revision == 0 && r.revision < d.proposal.revision {
                        continue; // when first read, only the latest revision
                    }
                    emit(&WatchEvent::Revision {
                        proposal,
                        block,
                        revision: r.clone(),
                    })?;
                }
                seen_revision = d.proposal.revision;
            }
            for r in &d.revisions {
                for rv in &r.reviews {
                    if seen_reviews.insert((rv.revision, rv.reviewer.0.clone(), rv.version)) {
                        emit(&WatchEvent::Review {
                            proposal,
                            block,
                            review: rv.clone(),
                        })?;
                    }
                }
            }
            for v in d.votes.iter().skip(seen_votes) {
                emit(&WatchEvent::Vote {
                    proposal,
                    block,
                    vote: v.clone(),
                    ballot: d.ballot.clone(),
                })?;
            }
            seen_votes = d.votes.len();
            reads_done = reads_done.saturating_add(1);
            let done = d.state.is_some_and(is_final);
            if done || self.max_blocks.is_some_and(|m| reads_done >= m) {
                return emit(&WatchEvent::End {
                    proposal,
                    block,
                    is_final: done,
                });
            }
            match blocks.next().await {
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e),
                None => return Err(Failure::chain("the node ended the block subscription").into()),
            }
        }
    }
}
