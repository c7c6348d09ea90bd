//! The admin role of the governed contracts (registry, review, voting, log), handed over in
//! two steps: the admin offers it, the offered account accepts it. One implementation and
//! one pair of events for all four; each contract keeps an [`AdminRole`] in its storage and
//! its `Governed` messages delegate to it.
//!
//! Two steps, so that a mistyped or unreachable address can never receive the role (the
//! old admin keeps it until the new one proves it can act), and the zero address is
//! refused outright (OpenZeppelin's `Ownable2Step`).

use crate::AdminError;
use ink::primitives::AccountId;

/// The admin of a governed contract and the account it offered the role to, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct AdminRole {
    admin: AccountId,
    pending: Option<AccountId>,
}

/// The admin offered its role to `offered_to`; it passes when that account accepts.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminOffered {
    /// The admin that made the offer.
    #[ink(topic)]
    pub admin: AccountId,
    /// The account that may accept.
    #[ink(topic)]
    pub offered_to: AccountId,
}

/// The admin role passed from `old` to `new` (the offered account accepted).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminTransferred {
    /// The admin before.
    #[ink(topic)]
    pub old: AccountId,
    /// The admin now.
    #[ink(topic)]
    pub new: AccountId,
}

impl AdminRole {
    /// The role held by `admin`, with no offer pending.
    pub const fn new(admin: AccountId) -> Self {
        Self {
            admin,
            pending: None,
        }
    }

    /// The account holding the role.
    pub const fn admin(&self) -> AccountId {
        self.admin
    }

    /// The account the role is offered to, if any.
    pub const fn pending(&self) -> Option<AccountId> {
        self.pending
    }

    /// `Ok` if `caller` holds the role, else `NotAdmin`.
    pub fn ensure(&self, caller: AccountId) -> Result<(), AdminError> {
        if caller == self.admin {
            Ok(())
        } else {
            Err(AdminError::NotAdmin)
        }
    }

    /// Offers the role to `new_admin` (replacing an earlier offer); the admin keeps it until
    /// `new_admin` accepts.
    ///
    /// Errors: `NotAdmin` (the caller is not the admin), `ZeroAddress`, `AlreadyAdmin`
    /// (`new_admin` holds it). Nothing changes on an error.
    pub fn offer(
        &mut self,
        caller: AccountId,
        new_admin: AccountId,
    ) -> Result<AdminOffered, AdminError> {
        self.ensure(caller)?;
        if new_admin == AccountId::from([0u8; 32]) {
            return Err(AdminError::ZeroAddress);
        }
        if new_admin == self.admin {
            return Err(AdminError::AlreadyAdmin);
        }
        self.pending = Some(new_admin);
        Ok(AdminOffered {
            admin: self.admin,
            offered_to: new_admin,
        })
    }

    /// The offered account takes the role; the old admin keeps nothing.
    ///
    /// Errors: `NoOffer` (none is pending), `NotOffered` (the caller is not the offered
    /// account). Nothing changes on an error.
    pub fn accept(&mut self, caller: AccountId) -> Result<AdminTransferred, AdminError> {
        match self.pending {
            None => Err(AdminError::NoOffer),
            Some(offered) if offered != caller => Err(AdminError::NotOffered),
            Some(_) => {
                let old = self.admin;
                self.admin = caller;
                self.pending = None;
                Ok(AdminTransferred { old, new: caller })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acct(b: u8) -> AccountId {
        AccountId::from([b; 32])
    }

    #[test]
    fn the_role_passes_only_when_the_offered_account_accepts() {
        let mut role = AdminRole::new(acct(1));
        assert_eq!(
            role.offer(acct(1), acct(2)),
            Ok(AdminOffered {
                admin: acct(1),
                offered_to: acct(2)
            })
        );
        assert_eq!((role.admin(), role.pending()), (acct(1), Some(acct(2))));
        assert_eq!(
            role.ensure(acct(1)),
            Ok(()),
            "the admin keeps the role until accepted"
        );
        assert_eq!(role.accept(acct(3)), Err(AdminError::NotOffered));
        assert_eq!(
            role.accept(acct(2)),
            Ok(AdminTransferred {
                old: acct(1),
                new: acct(2)
            })
        );
        assert_eq!((role.admin(), role.pending()), (acct(2), None));
        assert_eq!(role.ensure(acct(1)), Err(AdminError::NotAdmin));
        assert_eq!(role.accept(acct(2)), Err(AdminError::NoOffer));
    }

    #[test]
    fn bad_offers_are_refused_and_change_nothing() {
        let mut role = AdminRole::new(acct(1));
        let before = role;
        assert_eq!(role.offer(acct(2), acct(3)), Err(AdminError::NotAdmin));
        assert_eq!(role.offer(acct(1), acct(0)), Err(AdminError::ZeroAddress));
        assert_eq!(role.offer(acct(1), acct(1)), Err(AdminError::AlreadyAdmin));
        assert_eq!(role, before);
    }

    #[test]
    fn a_new_offer_replaces_the_pending_one() {
        let mut role = AdminRole::new(acct(1));
        role.offer(acct(1), acct(2)).unwrap();
        role.offer(acct(1), acct(3)).unwrap();
        assert_eq!(role.accept(acct(2)), Err(AdminError::NotOffered));
        assert!(role.accept(acct(3)).is_ok());
    }
}
