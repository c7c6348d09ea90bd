//! Keys: sr25519 accounts that sign transactions, and the secp256k1 keys agents sign their
//! proposals and votes with (docs/signing.md).

use std::path::Path;

use agora_types::{Hash32, Signature, SigningKey};
use anyhow::{anyhow, bail, Context, Result};
use secp256k1::{Message, SecretKey, SECP256K1};
use serde::{Deserialize, Serialize};
use subxt::ext::sp_core::{sr25519, Pair};

use crate::chain::Signer;

/// An account signer from a secret URI: a dev URI (`//Alice`), a mnemonic phrase, a 0x
/// secret seed, or `@FILE` holding one of those (so secrets stay out of shell history).
pub fn account_signer(suri: &str) -> Result<Signer> {
    let secret = if let Some(file) = suri.strip_prefix('@') {
        std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the account secret file {file}"))?
            .trim()
            .to_owned()
    } else {
        suri.to_owned()
    };
    let pair = sr25519::Pair::from_string(&secret, None).map_err(|e| {
        anyhow!(
            "not a usable account secret (dev URI like //Alice, mnemonic, 0x seed or @FILE): {e:?}"
        )
    })?;
    Ok(Signer::new(pair))
}

/// An agent's secp256k1 key file (`agora key new`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgentKeyFile {
    /// Always `secp256k1`.
    #[serde(rename = "type")]
    pub kind: String,
    /// 0x-hex 32-byte secret key.
    pub secret: String,
    /// 0x-hex 33-byte compressed public key (checked against the secret on load).
    pub public: String,
}

/// A loaded agent key.
pub struct AgentKey {
    secret: SecretKey,
}

/// Shows the public key only: a secret never reaches logs or error messages.
impl std::fmt::Debug for AgentKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AgentKey({})", crate::model::hex0x(&self.public()))
    }
}

impl AgentKey {
    /// A fresh random key.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        loop {
            getrandom(&mut bytes);
            if let Ok(secret) = SecretKey::from_slice(&bytes) {
                return Self { secret };
            }
        }
    }

    /// From a 32-byte secret.
    pub fn from_secret(bytes: &[u8; 32]) -> Result<Self> {
        Ok(Self {
            secret: SecretKey::from_slice(bytes)
                .map_err(|_| anyhow!("not a valid secp256k1 secret key"))?,
        })
    }

    /// Reads a key file, refusing one whose public key does not match its secret.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the key file {}", path.display()))?;
        let file: AgentKeyFile = serde_json::from_str(&text).with_context(|| {
            format!(
                "{} is not an agent key file (make one with `agora key new`)",
                path.display()
            )
        })?;
        if file.kind != "secp256k1" {
            bail!(
                "{}: key type `{}` is not secp256k1",
                path.display(),
                file.kind
            );
        }
        let secret = crate::model::parse_hex::<32>(&file.secret)
            .with_context(|| format!("{}: bad secret", path.display()))?;
        let key = Self::from_secret(&secret)?;
        if crate::model::hex0x(&key.public()) != file.public.to_lowercase() {
            bail!(
                "{}: the public key does not match the secret (wrong or edited key file)",
                path.display()
            );
        }
        Ok(key)
    }

    /// Writes the key file (mode 0600), refusing to overwrite one.
    pub fn save(&self, path: &Path) -> Result<()> {
        if path.exists() {
            bail!("{} exists; refusing to overwrite a key", path.display());
        }
        let file = AgentKeyFile {
            kind: "secp256k1".into(),
            secret: crate::model::hex0x(&self.secret.secret_bytes()),
            public: crate::model::hex0x(&self.public()),
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, serde_json::to_string_pretty(&file)? + "\n")?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
        Ok(())
    }

    /// The 33-byte compressed public key (what the registry binds).
    pub fn public(&self) -> SigningKey {
        self.secret.public_key(SECP256K1).serialize()
    }

    /// Signs a 32-byte hash: RFC 6979 nonce, low s, `r ‖ s ‖ v` with `v ∈ {0, 1}`.
    pub fn sign(&self, hash: &Hash32) -> Signature {
        let sig = SECP256K1.sign_ecdsa_recoverable(&Message::from_digest(*hash), &self.secret);
        let (id, compact) = sig.serialize_compact();
        let mut out = [0u8; 65];
        out[..64].copy_from_slice(&compact);
        out[64] = u8::try_from(id.to_i32()).unwrap_or(0);
        out
    }

    /// The bind-key proof for `account` in `registry` on `chain_tag`.
    pub fn bind_proof(&self, chain_tag: &str, registry: [u8; 32], account: [u8; 32]) -> Signature {
        self.sign(&agora_types::bind_key_hash(
            chain_tag,
            registry.into(),
            account.into(),
        ))
    }
}

fn getrandom(out: &mut [u8; 32]) {
    use secp256k1::rand::RngCore;
    secp256k1::rand::thread_rng().fill_bytes(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_canonical_and_recover_to_the_key() {
        let key = AgentKey::from_secret(&[7u8; 32]).unwrap();
        let hash = [42u8; 32];
        let sig = key.sign(&hash);
        assert!(agora_types::check_signature_form(&sig).is_ok());
        assert_eq!(
            agora_types::recover_signer(&sig, &hash).unwrap(),
            key.public()
        );
    }

    #[test]
    fn key_file_round_trips_and_a_tampered_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agent.key.json");
        let key = AgentKey::generate();
        key.save(&path).unwrap();
        assert_eq!(AgentKey::load(&path).unwrap().public(), key.public());
        assert!(key.save(&path).is_err(), "overwrote a key file");
        let mut file: AgentKeyFile =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        file.public = crate::model::hex0x(&AgentKey::from_secret(&[1u8; 32]).unwrap().public());
        std::fs::write(&path, serde_json::to_string(&file).unwrap()).unwrap();
        assert!(AgentKey::load(&path)
            .unwrap_err()
            .to_string()
            .contains("does not match"));
    }

    #[test]
    fn account_secret_forms_are_accepted_and_garbage_refused() {
        let alice = account_signer("//Alice").unwrap();
        assert_eq!(
            crate::model::ss58(&alice.account_id().0),
            "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
        );
        assert!(account_signer("not a secret").is_err());
    }
}
