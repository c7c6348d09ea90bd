//! A typed harness over drink's sandboxed runtime.
//!
//! Messages are called by label (`"member"`, or `"MemberRegistry::member"` for a trait
//! message) with SCALE-encoded arguments and decoded return values, so tests pass and read
//! the `agora-types` values the contracts use, not strings.

use drink::{
    minimal::MinimalSandbox,
    pallet_contracts::Determinism,
    sandbox_api::{balance_api::BalanceAPI, contracts_api::ContractAPI, system_api::SystemAPI},
    session::ContractBundle,
    AccountId32, Sandbox, Weight,
};
use ink::primitives::AccountId;
use scale::{Decode, Encode};

/// The shared test signer (one definition, in agora-types' `testing` feature).
pub use agora_types::testing::{public_key, secret, sign};
pub use agora_types::{Signature, SigningKey};

/// Funds given to every test account.
pub const TEST_FUNDS: u128 = 1_000_000_000_000_000;

/// Why a call did not return a value.
#[derive(Debug)]
pub enum CallError {
    /// The runtime refused the call (trap, out of gas, no contract, …).
    Dispatch(String),
    /// ink! refused the message (unknown selector, bad input).
    Lang(ink::LangError),
    /// The returned bytes do not decode as the expected type.
    Decode(String),
}

/// The ink! selector of a message or constructor label: `blake2_256(label)[..4]`.
pub fn selector(label: &str) -> [u8; 4] {
    let hash = agora_types::blake2_256(label.as_bytes());
    [hash[0], hash[1], hash[2], hash[3]]
}

/// The drink account of an ink! account.
pub fn to_drink(account: AccountId) -> AccountId32 {
    AccountId32::new(*AsRef::<[u8; 32]>::as_ref(&account))
}

/// The ink! account of a drink account.
pub fn to_ink(account: &AccountId32) -> AccountId {
    AccountId::from(*AsRef::<[u8; 32]>::as_ref(account))
}

/// A deterministic test account.
pub fn account(seed: u8) -> AccountId {
    AccountId::from([seed; 32])
}

/// A result with the weight the call consumed.
pub struct Metered<R> {
    /// What the message returned.
    pub value: Result<R, CallError>,
    /// Weight consumed (ref_time, proof_size).
    pub weight: Weight,
}

/// One transaction recorded while metering: the message label and the weight it consumed.
#[derive(Debug, Clone)]
pub struct MeteredStep {
    /// The message label called (`"submit_signed"`, `"MemberRegistry::member"`, …).
    pub label: String,
    /// Weight consumed (ref_time, proof_size).
    pub weight: Weight,
}

/// A sandboxed chain with the default actor funded.
pub struct Chain {
    /// The underlying drink sandbox.
    pub sandbox: MinimalSandbox,
    /// Transactions recorded since `start_metering` (queries are never recorded).
    meter: Option<Vec<MeteredStep>>,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    /// A fresh chain at block 1.
    pub fn new() -> Self {
        let mut sandbox = MinimalSandbox::default();
        sandbox.build_block();
        Self {
            sandbox,
            meter: None,
        }
    }

    /// Starts recording the weight of every transaction (not of queries).
    pub fn start_metering(&mut self) {
        self.meter = Some(Vec::new());
    }

    /// Stops recording and returns what was recorded, in call order.
    pub fn take_metered(&mut self) -> Vec<MeteredStep> {
        self.meter.take().unwrap_or_default()
    }

    /// The default (funded) actor.
    pub fn alice() -> AccountId {
        to_ink(&MinimalSandbox::default_actor())
    }

    /// Gives `who` test funds so it can pay storage deposits.
    pub fn fund(&mut self, who: AccountId) {
        self.sandbox
            .mint_into(&to_drink(who), TEST_FUNDS)
            .expect("minting works");
    }

    /// The current block number.
    pub fn block(&mut self) -> u32 {
        self.sandbox.block_number()
    }

    /// Seals `n` blocks.
    pub fn advance(&mut self, n: u32) {
        self.sandbox.build_blocks(n);
    }

    /// Seals blocks until the current block is `block`.
    pub fn advance_to(&mut self, block: u32) {
        let now = self.block();
        assert!(block >= now, "cannot go back from {now} to {block}");
        self.advance(block - now);
    }

    /// Free balance of `who`.
    pub fn balance(&mut self, who: AccountId) -> u128 {
        self.sandbox.free_balance(&to_drink(who))
    }

    /// Instantiates `bundle` with constructor `ctor(args)` from `caller`; panics on failure.
    pub fn deploy<A: Encode>(
        &mut self,
        bundle: &ContractBundle,
        ctor: &str,
        args: A,
        caller: AccountId,
        salt: &[u8],
    ) -> AccountId {
        self.try_deploy(bundle, ctor, args, caller, salt, 0)
            .unwrap_or_else(|e| panic!("deploying {ctor} failed: {e:?}"))
    }

    /// Instantiates `bundle`, endowing it with `value`; returns the error bytes on revert.
    pub fn try_deploy<A: Encode>(
        &mut self,
        bundle: &ContractBundle,
        ctor: &str,
        args: A,
        caller: AccountId,
        salt: &[u8],
        value: u128,
    ) -> Result<AccountId, CallError> {
        let mut data = selector(ctor).to_vec();
        args.encode_to(&mut data);
        let result = self.sandbox.deploy_contract(
            bundle.wasm.clone(),
            value,
            data,
            salt.to_vec(),
            to_drink(caller),
            MinimalSandbox::default_gas_limit(),
            None,
        );
        let ok = result
            .result
            .map_err(|e| CallError::Dispatch(format!("{e:?}")))?;
        if ok.result.did_revert() {
            return Err(CallError::Decode(format!(
                "constructor reverted with 0x{}",
                hex::encode(&ok.result.data)
            )));
        }
        Ok(to_ink(&ok.account_id))
    }

    fn exec<A: Encode, R: Decode>(
        &mut self,
        contract: AccountId,
        caller: AccountId,
        label: &str,
        args: A,
        value: u128,
        dry_run: bool,
    ) -> Metered<R> {
        let mut data = selector(label).to_vec();
        args.encode_to(&mut data);
        let run = |sandbox: &mut MinimalSandbox| {
            sandbox.call_contract(
                to_drink(contract),
                value,
                data,
                to_drink(caller),
                MinimalSandbox::default_gas_limit(),
                None,
                Determinism::Enforced,
            )
        };
        let result = if dry_run {
            self.sandbox.dry_run(run)
        } else {
            run(&mut self.sandbox)
        };
        let weight = result.gas_consumed;
        if let (Some(meter), false) = (self.meter.as_mut(), dry_run) {
            meter.push(MeteredStep {
                label: label.to_owned(),
                weight,
            });
        }
        let value = match result.result {
            Err(e) => Err(CallError::Dispatch(format!("{e:?}"))),
            Ok(ret) => match <Result<R, ink::LangError>>::decode(&mut &ret.data[..]) {
                Ok(Ok(v)) => Ok(v),
                Ok(Err(lang)) => Err(CallError::Lang(lang)),
                Err(e) => Err(CallError::Decode(format!("{e}"))),
            },
        };
        Metered { value, weight }
    }

    /// Calls `label(args)` on `contract` as `caller` in a transaction; an `Err` returned by
    /// the message reverts its state changes, as on a chain.
    pub fn call<A: Encode, R: Decode>(
        &mut self,
        contract: AccountId,
        caller: AccountId,
        label: &str,
        args: A,
    ) -> Result<R, CallError> {
        self.exec(contract, caller, label, args, 0, false).value
    }

    /// Like [`Chain::call`], transferring `value` with the call.
    pub fn call_payable<A: Encode, R: Decode>(
        &mut self,
        contract: AccountId,
        caller: AccountId,
        label: &str,
        args: A,
        value: u128,
    ) -> Result<R, CallError> {
        self.exec(contract, caller, label, args, value, false).value
    }

    /// Like [`Chain::call`], also returning the weight the call consumed.
    pub fn call_metered<A: Encode, R: Decode>(
        &mut self,
        contract: AccountId,
        caller: AccountId,
        label: &str,
        args: A,
    ) -> Metered<R> {
        self.exec(contract, caller, label, args, 0, false)
    }

    /// Reads `label(args)` without changing state (a dry run as Alice); panics on failure.
    pub fn query<A: Encode, R: Decode>(&mut self, contract: AccountId, label: &str, args: A) -> R {
        self.exec(contract, Self::alice(), label, args, 0, true)
            .value
            .unwrap_or_else(|e| panic!("query {label} failed: {e:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_matches_inks_rule_for_inherent_and_trait_messages() {
        // Well-known selectors of the ink! examples' `new` constructor and `flip` message.
        assert_eq!(selector("new"), [0x9b, 0xae, 0x9d, 0x5e]);
        assert_eq!(selector("flip"), [0x63, 0x3a, 0xa5, 0x51]);
    }
}
