//! The Agora suite on a real substrate-contracts-node (ink_e2e spawns a fresh node per test).
//! The scenarios are in `src/scenarios.rs`; see docs/node-e2e.md.
//!
//! `client` and `node_rpc` are the locals the `#[ink_e2e::test]` expansion defines: a client
//! that knows no contract (the crate depends on none, so ink_e2e builds none) and the node
//! process it spawned. Each test drops that client and deploys the release bundles in
//! `target/ink/` through a client of its own on the same node (`release_client`).

#[ink_e2e::test]
async fn seed_scenario_runs_on_the_node_from_a_signed_agent_proposal_to_a_treasury_transfer_and_a_verified_log(
) -> agora_node_e2e::StepResult<()> {
    let _ = client;
    let client = agora_node_e2e::release_client(node_rpc.rpc()).await?;
    agora_node_e2e::scenarios::seed_scenario(client, node_rpc.rpc()).await
}

#[ink_e2e::test]
async fn refused_calls_on_the_node_return_typed_errors_and_change_nothing(
) -> agora_node_e2e::StepResult<()> {
    let _ = client;
    let client = agora_node_e2e::release_client(node_rpc.rpc()).await?;
    agora_node_e2e::scenarios::adversarial_scenario(client, node_rpc.rpc()).await
}
