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
/// What a derived chain tag starts with (see [`derived_chain_tag`]).
pub const CHAIN_TAG_PREFIX: &str = "agora/";
/// How many leading bytes of the genesis hash a derived chain tag names.
pub const CHAIN_TAG_GENESIS_BYTES: usize = 8;
/// Length of a derived chain tag: the prefix and two hex digits per genesis byte (22).
pub const DERIVED_CHAIN_TAG_LEN: usize = CHAIN_TAG_PREFIX.len() + 2 * CHAIN_TAG_GENESIS_BYTES;
const _: () = assert!(DERIVED_CHAIN_TAG_LEN <= MAX_CHAIN_TAG_LEN);

/// The chain tag a deployment binds unless its network names one: `agora/` and the first
/// [`CHAIN_TAG_GENESIS_BYTES`] bytes of the chain's genesis hash in lowercase hex, e.g.
/// `agora/1a2b3c4d5e6f7081`. Two chains have different genesis hashes, so payloads signed for
/// a suite on one are refused by a suite on the other even when the deployer, salts and
/// addresses agree (docs/signing.md, "Chain tags").
pub fn derived_chain_tag(genesis_hash: &Hash32) -> ink::prelude::string::String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut tag = ink::prelude::string::String::with_capacity(DERIVED_CHAIN_TAG_LEN);
    tag.push_str(CHAIN_TAG_PREFIX);
    for b in &genesis_hash[..CHAIN_TAG_GENESIS_BYTES] {
        tag.push(char::from(HEX[usize::from(b >> 4)]));
        tag.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    tag
}
/// Longest URI (metadata, description, feedback, suggestion), in bytes.
pub const MAX_URI_LEN: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_chain_tag_names_the_first_eight_genesis_bytes_in_lowercase_hex() {
        let mut genesis = [0u8; 32];
        genesis[..8].copy_from_slice(&[0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f, 0x70, 0x81]);
        genesis[8] = 0xff;
        let tag = derived_chain_tag(&genesis);
        assert_eq!(tag, "agora/1a2b3c4d5e6f7081");
        assert_eq!(tag.len(), DERIVED_CHAIN_TAG_LEN);
        genesis[7] = 0x82;
        assert_ne!(derived_chain_tag(&genesis), tag);
    }
}
