//! Perspectives members review from, and a compact set of them.

/// A point of view a member holds and reviews from.
///
/// The discriminant is the bit index in [`PerspectiveSet`]; new perspectives are only ever
/// appended so that stored sets keep their meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Perspective {
    /// Risks, abuse, irreversible harm. Safety holders may veto.
    Safety = 0,
    /// New options and alternatives.
    Creativity = 1,
    /// Fairness and the interests of those affected.
    Ethics = 2,
    /// Cost, effort and use of resources.
    Efficiency = 3,
    /// Budget and treasury soundness.
    Finance = 4,
    /// Legal and regulatory exposure.
    Legal = 5,
    /// Effect on the community of members.
    Community = 6,
    /// Technical feasibility and correctness.
    Technical = 7,
}

/// Number of defined perspectives.
pub const PERSPECTIVE_COUNT: usize = 8;

impl Perspective {
    /// Every perspective, in bit order.
    pub const ALL: [Perspective; PERSPECTIVE_COUNT] = [
        Perspective::Safety,
        Perspective::Creativity,
        Perspective::Ethics,
        Perspective::Efficiency,
        Perspective::Finance,
        Perspective::Legal,
        Perspective::Community,
        Perspective::Technical,
    ];

    /// The bit index of this perspective in a [`PerspectiveSet`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The perspective's name in configuration files and on the command line (lowercase,
    /// e.g. `safety`).
    pub const fn name(self) -> &'static str {
        match self {
            Perspective::Safety => "safety",
            Perspective::Creativity => "creativity",
            Perspective::Ethics => "ethics",
            Perspective::Efficiency => "efficiency",
            Perspective::Finance => "finance",
            Perspective::Legal => "legal",
            Perspective::Community => "community",
            Perspective::Technical => "technical",
        }
    }

    /// The perspective named `name` (see [`Perspective::name`]; case-insensitive), if any.
    pub fn from_name(name: &str) -> Option<Perspective> {
        Perspective::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }
}

/// A set of perspectives stored as a bitset (bit `i` = `Perspective` with discriminant `i`).
///
/// Decoding accepts any `u16`; contracts check [`PerspectiveSet::is_valid`] at their entry
/// points so that undefined bits never reach storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PerspectiveSet(pub u16);

impl PerspectiveSet {
    /// Mask of the bits that name a defined perspective.
    pub const VALID_MASK: u16 = (1u16 << PERSPECTIVE_COUNT) - 1;

    /// The empty set.
    pub const fn empty() -> Self {
        Self(0)
    }

    /// The set holding only `p`.
    pub const fn of(p: Perspective) -> Self {
        Self(1u16 << p as u16)
    }

    /// This set with `p` added.
    pub const fn with(self, p: Perspective) -> Self {
        Self(self.0 | (1u16 << p as u16))
    }

    /// Whether `p` is in the set.
    pub const fn contains(self, p: Perspective) -> bool {
        self.0 & (1u16 << p as u16) != 0
    }

    /// Whether every member of `self` is in `other`.
    pub const fn is_subset_of(self, other: PerspectiveSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// The union of both sets.
    pub const fn union(self, other: PerspectiveSet) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether only defined perspectives are set.
    pub const fn is_valid(self) -> bool {
        self.0 & !Self::VALID_MASK == 0
    }

    /// Number of perspectives in the set.
    pub const fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// The perspectives in the set, in bit order.
    pub fn iter(self) -> impl Iterator<Item = Perspective> {
        Perspective::ALL
            .into_iter()
            .filter(move |p| self.contains(*p))
    }
}

impl FromIterator<Perspective> for PerspectiveSet {
    fn from_iter<I: IntoIterator<Item = Perspective>>(iter: I) -> Self {
        iter.into_iter().fold(Self::empty(), Self::with)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_follow_bit_order() {
        let set: PerspectiveSet = [Perspective::Safety, Perspective::Ethics]
            .into_iter()
            .collect();
        assert_eq!(set.0, 0b101);
        assert!(set.contains(Perspective::Safety));
        assert!(!set.contains(Perspective::Creativity));
        assert_eq!(set.len(), 2);
        assert!(PerspectiveSet::of(Perspective::Ethics).is_subset_of(set));
        assert!(!set.is_subset_of(PerspectiveSet::of(Perspective::Ethics)));
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            vec![Perspective::Safety, Perspective::Ethics]
        );
    }

    #[test]
    fn undefined_bits_are_invalid() {
        assert!(PerspectiveSet(PerspectiveSet::VALID_MASK).is_valid());
        assert!(!PerspectiveSet(1 << PERSPECTIVE_COUNT).is_valid());
        assert!(!PerspectiveSet(u16::MAX).is_valid());
    }

    #[test]
    fn names_are_lowercase_and_parse_back_in_any_case() {
        for p in Perspective::ALL {
            assert_eq!(p.name(), p.name().to_lowercase());
            assert_eq!(Perspective::from_name(p.name()), Some(p));
            assert_eq!(Perspective::from_name(&p.name().to_uppercase()), Some(p));
        }
        assert_eq!(Perspective::from_name("wisdom"), None);
    }

    #[test]
    fn all_lists_every_perspective_at_its_index() {
        for (i, p) in Perspective::ALL.iter().enumerate() {
            assert_eq!(p.index(), i);
        }
    }
}
