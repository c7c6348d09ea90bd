//! `agora`: deploy the Agora suite and take part in its governance from a terminal, a script
//! or an AI agent's runtime. See README.md and docs/cli.md.
//!
//! Errors are turned into messages here, once: with `--json` as `{"ok": false, "error":
//! {…}}` on stdout, otherwise as `error: …` on stderr; the exit code is 1 (2 for a log that
//! does not verify, which is a report, not an error).

use agora_cli::{
    cmd::{run, Cli},
    core::{error::Failure, output::emit_error},
};
use clap::{error::ErrorKind, Parser};

#[tokio::main]
async fn main() {
    let json = std::env::args_os().any(|a| a == "--json");
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let shows_text = matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            );
            if json && !shows_text {
                // clap's message without its `error: ` prefix and `--help` hint.
                let rendered = e.render().to_string();
                let message = rendered
                    .split("\n\n")
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .trim_start_matches("error: ");
                emit_error(true, &Failure::input(message.to_owned()).into());
                std::process::exit(2);
            }
            e.exit();
        }
    };
    let json = cli.global.json;
    match run(cli).await {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            emit_error(json, &e);
            std::process::exit(1);
        }
    }
}
