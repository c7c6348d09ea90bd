//! Test-only contract outside the suite, the target of governance `Call` actions: it
//! records who set which value (and what was paid), can be made to fail, and can swap its
//! own code (as the Tornado Cash governance takeover did behind an approved proposal).
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod call_target {
    /// The last value set, by whom, and the total value received.
    #[ink(storage)]
    #[derive(Default)]
    pub struct CallTarget {
        value: u32,
        setter: Option<AccountId>,
        received: Balance,
    }

    /// Why `fail` refused.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum Error {
        /// Always returned by `fail`.
        Refused,
    }

    impl CallTarget {
        /// An empty target.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self::default()
        }

        /// Stores `value` and the caller, and adds the transferred value. Anyone may call.
        #[ink(message, payable)]
        pub fn set(&mut self, value: u32) {
            self.value = value;
            self.setter = Some(self.env().caller());
            self.received = self.received.saturating_add(self.env().transferred_value());
        }

        /// Writes `value`, then returns an error, so the call reverts. Anyone may call.
        #[ink(message)]
        pub fn fail(&mut self, value: u32) -> Result<(), Error> {
            self.value = value;
            Err(Error::Refused)
        }

        /// The last value, its setter and the total value received. Anyone may call.
        #[ink(message)]
        pub fn get(&self) -> (u32, Option<AccountId>, Balance) {
            (self.value, self.setter, self.received)
        }

        /// Calls `proposal_count()` on `hub`, which is the contract that called this one when a
        /// governance `Call` runs: the runtime must deny that reentry, and then this message
        /// traps. Returns the count if the call back went through. Anyone may call.
        #[ink(message)]
        pub fn reenter(&mut self, hub: AccountId) -> u32 {
            use ink::env::call::{build_call, ExecutionInput, Selector};
            let result = build_call::<ink::env::DefaultEnvironment>()
                .call(hub)
                .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!(
                    "proposal_count"
                ))))
                .returns::<u32>()
                .try_invoke();
            match result {
                Ok(Ok(count)) => {
                    self.value = count;
                    count
                }
                _ => panic!("the call back into the hub was refused"),
            }
        }

        /// Replaces this contract's code with `code_hash`. Anyone may call (that is the
        /// point: a callee's code can change after a proposal naming it was approved).
        #[ink(message)]
        pub fn swap_code(&mut self, code_hash: Hash) {
            if self.env().set_code_hash(&code_hash).is_err() {
                panic!("unknown code hash");
            }
        }
    }
}
