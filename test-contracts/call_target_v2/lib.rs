//! Test-only: the code a `call_target` swaps to. Same storage layout and `set` selector,
//! different behaviour (it records the double of the value), so a proposal approved
//! against the old code would do something else now.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod call_target_v2 {
    /// Same layout as `call_target`.
    #[ink(storage)]
    #[derive(Default)]
    pub struct CallTarget {
        value: u32,
        setter: Option<AccountId>,
        received: Balance,
    }

    impl CallTarget {
        /// An empty target.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self::default()
        }

        /// Stores twice `value`. Anyone may call.
        #[ink(message, payable)]
        pub fn set(&mut self, value: u32) {
            self.value = value.saturating_mul(2);
            self.setter = Some(self.env().caller());
        }

        /// The last value, its setter and the total value received. Anyone may call.
        #[ink(message)]
        pub fn get(&self) -> (u32, Option<AccountId>, Balance) {
            (self.value, self.setter, self.received)
        }
    }
}
