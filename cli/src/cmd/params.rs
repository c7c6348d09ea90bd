//! `agora params`: the hub's governance parameters, read from the hub.

use std::fmt;

use agora_types::HubParams;
use clap::Args;
use schemars::JsonSchema;
use serde::Serialize;

use crate::core::{
    context::Ctx,
    contracts::SuiteContract,
    error::{Failure, Result},
    output::{Report, Samples},
    parse::parse_positive,
    wire::hub_params_schema,
};

/// The hub's parameters in force (or version N), read from the hub (`params()`,
/// `params_at`) and printed as the `[params]` table of the deploy configuration; the
/// deployments file keeps no copy, since a `SetParams` proposal changes them.
#[derive(Debug, Args)]
pub struct ParamsArgs {
    /// A parameter version (from 1; default: the one in force).
    #[arg(long, value_parser = parse_positive)]
    pub version: Option<u32>,
}

/// A version of the hub's parameters.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ParamsReport {
    /// The version shown.
    pub version: u32,
    /// Whether it is the version in force.
    pub in_force: bool,
    /// The parameters, in the `[params]` shape of the deploy configuration (a `set_params`
    /// action takes the same).
    #[schemars(schema_with = "hub_params_schema")]
    pub params: HubParams,
}

impl fmt::Display for ParamsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "# parameter version {}{}",
            self.version,
            if self.in_force { " (in force)" } else { "" }
        )?;
        match params_toml(&self.params) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

impl Report for ParamsReport {}

impl Samples for ParamsReport {
    fn samples() -> Vec<Self> {
        vec![ParamsReport {
            version: 2,
            in_force: true,
            params: HubParams {
                max_spend_per_period: agora_types::MAX_SPEND_CAP,
                ..HubParams::default()
            },
        }]
    }
}

/// Parameters as the `[params]` table of the deploy configuration (what `DeployConfig`
/// reads back).
pub fn params_toml(params: &HubParams) -> Result<String> {
    #[derive(Serialize)]
    struct Table<'a> {
        params: &'a HubParams,
    }
    toml::to_string(&Table { params })
        .map_err(|e| Failure::internal(format!("the parameters do not print as TOML: {e}")).into())
}

impl ParamsArgs {
    /// Reads the parameters from the hub.
    pub async fn handle(&self, ctx: &Ctx) -> Result<ParamsReport> {
        let dep = ctx.deployment()?;
        let chain = ctx.connect().await?;
        let hub = SuiteContract::Proposals;
        let current: u32 = chain.query(&dep, hub, "params_version", &()).await?;
        let (version, params) = match self.version {
            None => (current, chain.query(&dep, hub, "params", &()).await?),
            Some(v) => {
                let at: Option<HubParams> = chain.query(&dep, hub, "params_at", &v).await?;
                let p = at.ok_or_else(|| {
                    Failure::not_found(format!(
                        "the hub has no parameter version {v} (versions 1 to {current})"
                    ))
                })?;
                (v, p)
            }
        };
        Ok(ParamsReport {
            version,
            in_force: version == current,
            params,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agora_params_prints_a_params_table_a_configuration_reads_back() {
        let params = HubParams {
            max_spend_per_period: agora_types::MAX_SPEND_CAP,
            ..HubParams::default()
        };
        let text = params_toml(&params).unwrap();
        assert!(text.contains("[params.review_rules]"), "{text}");
        assert!(
            text.contains("required_perspectives = [\"safety\"]"),
            "{text}"
        );
        #[derive(serde::Deserialize)]
        struct Table {
            params: HubParams,
        }
        let back: Table = toml::from_str(&text).unwrap();
        assert_eq!(back.params, params);
    }
}
