//! Ids and scalar aliases shared by all contracts.
//!
//! They match ink!'s `DefaultEnvironment` (32-bit block numbers, 128-bit balances).

/// Identifies a proposal in the hub; ids start at 1 (0 means "no proposal" in the log).
pub type ProposalId = u32;
/// Revision number of a proposal; the first submission is revision 1.
pub type Revision = u32;
/// Block number, as in `DefaultEnvironment`.
pub type BlockNumber = u32;
/// Milliseconds since the Unix epoch, as in `DefaultEnvironment`.
pub type Timestamp = u64;
/// Native token amount, as in `DefaultEnvironment`.
pub type Balance = u128;
/// Voting weight of a member.
pub type Weight = u128;
/// A 32-byte hash (blake2-256 everywhere in Agora).
pub type Hash32 = [u8; 32];
/// A compressed secp256k1 public key: prefix 0x02 or 0x03, then the 32-byte x coordinate.
pub type SigningKey = [u8; 33];
/// A secp256k1 signature `r ‖ s ‖ v` with `v ∈ {0, 1}` and `s ≤ n/2`.
pub type Signature = [u8; 65];

/// Longest chain tag (the network name every signed payload binds), in bytes.
pub const MAX_CHAIN_TAG_LEN: usize = 32;
/// Longest URI (metadata, description, feedback, suggestion), in bytes.
pub const MAX_URI_LEN: usize = 256;
