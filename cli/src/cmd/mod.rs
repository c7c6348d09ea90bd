//! The commands: one module per command, each owning its clap `Args` and a `handle()` that
//! returns a typed report (docs/cli.md). They build on [`crate::core`] only.

pub mod advance;
pub mod agent;
pub mod args;
pub mod cancel;
pub mod deploy;
pub mod deposit;
pub mod execute;
pub mod key;
pub mod log;
pub mod member;
pub mod params;
pub mod proposals;
pub mod propose;
pub mod queue;
pub mod relay;
pub mod review;
pub mod revise;
pub mod status;
pub mod verify_deployment;
pub mod vote;

use clap::{Parser, Subcommand};

use crate::core::{
    context::{Ctx, GlobalArgs},
    error::Result,
    output::{emit, emit_line, print_line},
    wire::EnvelopeKind,
};

/// Govern an organisation with Agora: deploy the suite, propose, review, vote, execute, audit.
#[derive(Debug, Parser)]
#[command(name = "agora", version, about, long_about = None)]
pub struct Cli {
    /// The options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Upload and instantiate the five contracts, register the founders, hand every admin to
    /// the hub and record the bootstrap; writes the deployments file. Safe to re-run.
    Deploy(deploy::DeployArgs),
    /// Members: add (before the handover), list, show.
    #[command(subcommand)]
    Member(member::MemberCommand),
    /// Submit a proposal (directly, or signed with an agent key and relayed).
    Propose(propose::ProposeArgs),
    /// Revise your proposal while it is in review (directly or signed).
    Revise(revise::ReviseArgs),
    /// Review a proposal's current revision from one of your perspectives.
    Review(review::ReviewArgs),
    /// Vote on a proposal (directly, or signed with an agent key and relayed).
    Vote(vote::VoteArgs),
    /// Close the review or the voting of a proposal when it is due (or say how long to wait).
    Advance(advance::AdvanceArgs),
    /// Queue a succeeded proposal behind the timelock.
    Queue(queue::QueueArgs),
    /// Execute a queued proposal once its timelock has passed.
    Execute(execute::ExecuteArgs),
    /// Withdraw your proposal before voting opens.
    Cancel(cancel::CancelArgs),
    /// Send native tokens to the treasury.
    Deposit(deposit::DepositArgs),
    /// Everything about one proposal: revisions, reviews, ballot, votes, log entries.
    #[command(alias = "show")]
    Status(status::StatusArgs),
    /// List proposals with their states.
    Proposals(proposals::ProposalsArgs),
    /// The hub's governance parameters in force (or a past version), read from the hub.
    Params(params::ParamsArgs),
    /// Read, verify and export the decision log.
    #[command(subcommand)]
    Log(log::LogCommand),
    /// Check that the deployment is what the local bundles say and that only the hub holds
    /// a privilege.
    VerifyDeployment(verify_deployment::VerifyDeploymentArgs),
    /// Agent signing keys (secp256k1).
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Agent mode: sign payloads offline, watch a proposal.
    #[command(subcommand)]
    Agent(agent::AgentCommand),
    /// Submit anyone's signed envelope (proposal, revision or vote).
    Relay(relay::RelayArgs),
}

/// Runs the parsed command: prints its report (or events) and returns the exit code. An
/// error is returned for `main` to print.
pub async fn run(cli: Cli) -> Result<i32> {
    let ctx = Ctx::new(cli.global);
    let json = ctx.json();
    match &cli.command {
        Command::Deploy(a) => emit(json, &a.handle(&ctx).await?),
        Command::Member(member::MemberCommand::Add(a)) => emit(json, &a.handle(&ctx).await?),
        Command::Member(member::MemberCommand::List(a)) => emit(json, &a.handle(&ctx).await?),
        Command::Member(member::MemberCommand::Show(a)) => emit(json, &a.handle(&ctx).await?),
        Command::Propose(a) => emit(json, &a.handle(&ctx).await?),
        Command::Revise(a) => emit(json, &a.handle(&ctx).await?),
        Command::Review(a) => emit(json, &a.handle(&ctx).await?),
        Command::Vote(a) => emit(json, &a.handle(&ctx).await?),
        Command::Advance(a) => emit(json, &a.handle(&ctx).await?),
        Command::Queue(a) => emit(json, &a.handle(&ctx).await?),
        Command::Execute(a) => emit(json, &a.handle(&ctx).await?),
        Command::Cancel(a) => emit(json, &a.handle(&ctx).await?),
        Command::Deposit(a) => emit(json, &a.handle(&ctx).await?),
        Command::Status(a) => emit(json, &a.handle(&ctx).await?),
        Command::Proposals(a) => emit(json, &a.handle(&ctx).await?),
        Command::Params(a) => emit(json, &a.handle(&ctx).await?),
        Command::Log(log::LogCommand::Show(a)) => emit(json, &a.handle(&ctx).await?),
        Command::Log(log::LogCommand::Verify(a)) => emit(json, &a.handle(&ctx).await?),
        Command::Log(log::LogCommand::Export(a)) => emit(json, &a.handle(&ctx).await?),
        Command::VerifyDeployment(a) => emit(json, &a.handle(&ctx).await?),
        Command::Key(key::KeyCommand::New(a)) => emit(json, &a.handle(&ctx)?),
        Command::Key(key::KeyCommand::Show(a)) => emit(json, &a.handle(&ctx)?),
        Command::Agent(agent::AgentCommand::SignProposal(a)) => {
            emit(json, &a.handle(&ctx, EnvelopeKind::Proposal).await?)
        }
        Command::Agent(agent::AgentCommand::SignRevision(a)) => {
            emit(json, &a.handle(&ctx, EnvelopeKind::Revision).await?)
        }
        Command::Agent(agent::AgentCommand::SignVote(a)) => {
            emit(json, &a.handle(&ctx, EnvelopeKind::Vote).await?)
        }
        Command::Agent(agent::AgentCommand::Watch(a)) => {
            let mut print = |event: &agent::WatchEvent| -> Result<()> {
                if json {
                    emit_line(event)
                } else {
                    print_line(&event.to_string())
                }
            };
            a.handle(&ctx, &mut print).await?;
            Ok(0)
        }
        Command::Relay(a) => emit(json, &a.handle(&ctx).await?),
    }
}
