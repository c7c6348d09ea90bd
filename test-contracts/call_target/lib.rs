//! Test-only contract outside the suite, the target of governance `Call` actions: it
//! records who set which value (and what was paid), can be made to fail, and can swap its
//! own code (as the Tornado Cash governance takeover did behind an approved proposal). It
//! can also pose as a successor suite's hub (`pose_as_hub`): the three reads a `Succession`
//! makes of its successor, so a test can swap a successor's code after the vote.
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
        /// While posing as a hub: the log it claims, and whether it claims to be retired.
        /// Under a key of its own, so the root's layout stays call_target_v2's (which reads
        /// it after a code swap).
        posing: ink::storage::Lazy<(AccountId, bool)>,
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

        /// Poses as a hub wired to `log`, bootstrapped, retired if `retired`. Anyone may call.
        #[ink(message)]
        pub fn pose_as_hub(&mut self, log: AccountId, retired: bool) {
            self.posing.set(&(log, retired));
        }

        /// As a hub answers it: whether it is posing.
        #[ink(message)]
        pub fn bootstrap_recorded(&self) -> bool {
            self.posing.get().is_some()
        }

        /// As a hub answers it: a successor (itself) when posing as retired.
        #[ink(message)]
        pub fn successor(&self) -> Option<AccountId> {
            match self.posing.get() {
                Some((_, true)) => Some(self.env().account_id()),
                _ => None,
            }
        }

        /// As a hub answers it: the log it poses with (and itself for the other three).
        #[ink(message)]
        pub fn contracts(&self) -> (AccountId, AccountId, AccountId, AccountId) {
            let me = self.env().account_id();
            (me, me, me, self.posing.get().map_or(me, |(log, _)| log))
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
