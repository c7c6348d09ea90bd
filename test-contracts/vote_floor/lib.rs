//! Bench-only contract, not part of the suite: the unavoidable work of one vote against the
//! suite's registry (one `standing_at` call for the weight at the snapshot and the voter's
//! kind, one receipt insert, one per-kind tally write) and nothing else. The drink benchmark
//! `bench_cast_vote_against_the_floor` compares `voting.cast_vote` with it.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod vote_floor {
    use agora_types::{traits::MemberRegistry, ProposalId, Weight};
    use ink::{codegen::TraitCallBuilder, storage::Mapping};

    /// The registry to read, the snapshot block, receipts and per-kind tallies.
    #[ink(storage)]
    pub struct VoteFloor {
        registry: AccountId,
        snapshot: BlockNumber,
        receipts: Mapping<(ProposalId, AccountId), Weight>,
        tallies: Mapping<(ProposalId, u8), Weight>,
    }

    impl VoteFloor {
        /// Reads weights from `registry` at `snapshot`.
        #[ink(constructor)]
        pub fn new(registry: AccountId, snapshot: BlockNumber) -> Self {
            Self {
                registry,
                snapshot,
                receipts: Mapping::default(),
                tallies: Mapping::default(),
            }
        }

        /// Counts the caller's snapshot weight for `proposal` under its kind; `false` if the
        /// registry does not answer or the caller had no weight. Anyone may call.
        #[ink(message)]
        pub fn vote(&mut self, proposal: ProposalId) -> bool {
            let voter = self.env().caller();
            let registry: ink::contract_ref!(MemberRegistry) = self.registry.into();
            let Ok(Ok(Some(standing))) = registry
                .call()
                .standing_at(voter, self.snapshot)
                .try_invoke()
            else {
                return false;
            };
            if standing.weight == 0 {
                return false;
            }
            let kind = standing.kind as u8;
            self.receipts.insert((proposal, voter), &standing.weight);
            let tally = self
                .tallies
                .get((proposal, kind))
                .unwrap_or(0)
                .saturating_add(standing.weight);
            self.tallies.insert((proposal, kind), &tally);
            true
        }
    }
}
