//! Accounts, hashes and bytes as people and files write them: SS58 addresses, 0x-hex, dev
//! names, and the blake2-256 the suite hashes content with.

use std::str::FromStr;

use ink::primitives::AccountId;
use subxt::{
    ext::sp_core::{crypto::Ss58Codec, sr25519, Pair},
    utils::AccountId32,
};

use crate::core::error::{Failure, Result};

/// Parses an SS58 address, a 0x-hex account id, or a dev name (`//Alice`, `alice`).
pub fn parse_account(text: &str) -> Result<[u8; 32]> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix("0x") {
        let bytes = hex::decode(hex).map_err(|_| Failure::input(format!("`{t}` is not hex")))?;
        return bytes
            .try_into()
            .map_err(|_| Failure::input(format!("`{t}` is not a 32-byte account id")).into());
    }
    if let Ok(id) = AccountId32::from_str(t) {
        return Ok(id.0);
    }
    let uri = if t.starts_with("//") {
        t.to_owned()
    } else if !t.is_empty() && t.chars().all(|c| c.is_ascii_alphabetic()) {
        let mut c = t.chars();
        let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or_default();
        format!("//{first}{}", c.as_str().to_ascii_lowercase())
    } else {
        return Err(Failure::input(format!(
            "`{t}` is not an SS58 address, 0x account id or dev name like //Alice"
        ))
        .into());
    };
    let pair = sr25519::Pair::from_string(&uri, None)
        .map_err(|_| Failure::input(format!("`{t}` is not a dev account name")))?;
    Ok(pair.public().0)
}

/// SS58 (generic substrate prefix 42) of an account.
pub fn ss58(account: &[u8; 32]) -> String {
    subxt::ext::sp_core::crypto::AccountId32::from(*account).to_ss58check()
}

/// SS58 of an ink account id.
pub fn ss58_of(account: &AccountId) -> String {
    ss58(&account_bytes(account))
}

/// A short form for tables: the first 6 and last 4 characters of the SS58 address.
pub fn short(account: &[u8; 32]) -> String {
    let s = ss58(account);
    match (s.get(..6), s.get(s.len().saturating_sub(4)..)) {
        (Some(head), Some(tail)) if s.len() > 12 => format!("{head}…{tail}"),
        _ => s,
    }
}

/// [`short`] of an ink account id.
pub fn short_of(account: &AccountId) -> String {
    short(&account_bytes(account))
}

/// Lowercase 0x-hex.
pub fn hex0x(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

/// Parses hex (with or without `0x`) of exactly N bytes.
pub fn parse_hex<const N: usize>(text: &str) -> Result<[u8; N]> {
    let bytes = parse_hex_vec(text)?;
    bytes
        .try_into()
        .map_err(|_| Failure::input(format!("`{text}` must be {N} bytes of hex")).into())
}

/// Parses hex (with or without `0x`) of any length.
pub fn parse_hex_vec(text: &str) -> Result<Vec<u8>> {
    let t = text.trim();
    let t = t.strip_prefix("0x").unwrap_or(t);
    hex::decode(t).map_err(|_| Failure::input(format!("`{text}` is not hex")).into())
}

/// Lowercase hex without a `0x` prefix (files may carry either form).
pub fn bare_hex(text: &str) -> String {
    let t = text.trim();
    t.strip_prefix("0x").unwrap_or(t).to_lowercase()
}

/// blake2-256 of some bytes (the hash content, rationale and feedback commitments use).
pub fn blake2(bytes: &[u8]) -> [u8; 32] {
    agora_types::blake2_256(bytes)
}

/// The 32 bytes of an ink account id.
pub fn account_bytes(a: &AccountId) -> [u8; 32] {
    let r: &[u8; 32] = a.as_ref();
    *r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_names_and_ss58_parse_to_the_same_account() {
        let alice = parse_account("//Alice").unwrap();
        assert_eq!(parse_account("alice").unwrap(), alice);
        assert_eq!(parse_account(&ss58(&alice)).unwrap(), alice);
        assert_eq!(
            ss58(&alice),
            "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
        );
        assert_eq!(short(&alice), "5Grwva…utQY");
    }

    #[test]
    fn bad_account_is_refused() {
        assert!(parse_account("5Nope").is_err());
        assert!(parse_account("0x1234").is_err());
        assert!(parse_account("").is_err());
    }

    #[test]
    fn hex_parses_with_and_without_prefix_and_checks_the_length() {
        assert_eq!(parse_hex::<2>("0x0a0b").unwrap(), [10, 11]);
        assert_eq!(parse_hex::<2>("0A0B").unwrap(), [10, 11]);
        assert!(parse_hex::<3>("0x0a0b").is_err());
        assert!(parse_hex_vec("0xzz").is_err());
        assert_eq!(bare_hex(" 0xAB "), "ab");
    }
}
