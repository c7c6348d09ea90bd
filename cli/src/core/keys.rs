//! Keys: sr25519 accounts that sign transactions, and the secp256k1 keys agents sign their
//! proposals and votes with (docs/signing.md).

use std::path::Path;

use agora_types::{Hash32, Signature, SigningKey};
use secp256k1::{Message, SecretKey, SECP256K1};
use subxt::{
    ext::sp_core::{sr25519, Pair},
    tx::PairSigner,
    SubstrateConfig,
};

use crate::core::{
    encoding::hex0x,
    error::{Failure, Result},
    wire::{AgentKeyFile, HashSigner},
};

/// A transaction signer: an sr25519 account (dev URI, mnemonic or secret seed).
pub type Signer = PairSigner<SubstrateConfig, sr25519::Pair>;

/// An account signer from a secret URI: a dev URI (`//Alice`), a mnemonic phrase, a 0x
/// secret seed, or `@FILE` holding one of those (so secrets stay out of shell history).
pub fn account_signer(suri: &str) -> Result<Signer> {
    let secret = if let Some(file) = suri.strip_prefix('@') {
        std::fs::read_to_string(file)
            .map_err(|e| Failure::io(format!("cannot read the account secret file {file}: {e}")))?
            .trim()
            .to_owned()
    } else {
        suri.to_owned()
    };
    let pair = sr25519::Pair::from_string(&secret, None).map_err(|_| {
        Failure::input(
            "not a usable account secret (dev URI like //Alice, mnemonic, 0x seed or @FILE)",
        )
    })?;
    Ok(Signer::new(pair))
}

/// A loaded agent key.
pub struct AgentKey {
    secret: SecretKey,
}

/// Shows the public key only: a secret never reaches logs or error messages.
impl std::fmt::Debug for AgentKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AgentKey({})", hex0x(&self.public()))
    }
}

impl AgentKey {
    /// A fresh random key.
    pub fn generate() -> Self {
        use secp256k1::rand::RngCore;
        let mut bytes = [0u8; 32];
        loop {
            secp256k1::rand::thread_rng().fill_bytes(&mut bytes);
            if let Ok(secret) = SecretKey::from_slice(&bytes) {
                return Self { secret };
            }
        }
    }

    /// From a 32-byte secret.
    pub fn from_secret(bytes: &[u8; 32]) -> Result<Self> {
        Ok(Self {
            secret: SecretKey::from_slice(bytes)
                .map_err(|_| Failure::input("not a valid secp256k1 secret key"))?,
        })
    }

    /// Reads a key file, refusing one whose public key does not match its secret.
    pub fn load(path: &Path) -> Result<Self> {
        let (secret, public) = AgentKeyFile::read(path)?;
        let key = Self::from_secret(&secret)
            .map_err(|_| Failure::input(format!("{}: bad secret", path.display())))?;
        if hex0x(&key.public()) != public {
            return Err(Failure::input(format!(
                "{}: the public key does not match the secret (wrong or edited key file)",
                path.display()
            ))
            .into());
        }
        Ok(key)
    }

    /// Writes the key file (mode 0600), refusing to overwrite one.
    pub fn save(&self, path: &Path) -> Result<()> {
        if path.exists() {
            return Err(Failure::input(format!(
                "{} exists; refusing to overwrite a key",
                path.display()
            ))
            .into());
        }
        let file = AgentKeyFile::new(&self.secret.secret_bytes(), &self.public());
        let io = |e: std::io::Error| Failure::io(format!("cannot write {}: {e}", path.display()));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        std::fs::write(path, file.to_file_text()?).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
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

impl HashSigner for AgentKey {
    fn sign_hash(&self, hash: &[u8; 32]) -> Signature {
        self.sign(hash)
    }
    fn public_key(&self) -> [u8; 33] {
        self.public()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::encoding::ss58;

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
        file.0.public = AgentKey::from_secret(&[1u8; 32]).unwrap().public();
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
            ss58(&alice.account_id().0),
            "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
        );
        assert!(account_signer("not a secret").is_err());
    }
}
