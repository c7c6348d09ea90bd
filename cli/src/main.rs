//! `agora`: deploy the Agora suite and take part in its governance from a terminal, a script
//! or an AI agent's runtime. See README.md and docs/cli.md.

use agora_cli::{chain::ContractError, config, run, Cli, Ctx};
use clap::Parser;

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let json = cli.json;
    let ctx = Ctx {
        root: config::repo_root(),
        cli,
    };
    if let Err(e) = run(&ctx).await {
        if json {
            let variant = e.downcast_ref::<ContractError>().map(|c| c.variant.clone());
            let doc = serde_json::json!({"ok": false, "error": format!("{e:#}"), "contract_error": variant});
            println!("{doc}");
        } else {
            eprintln!("error: {e:#}");
        }
        std::process::exit(1);
    }
}
