//! Our signing key: made on first use, kept beside the data file as
//! `<data file>.share-key.pem` (PKCS#8 PEM, mode 0600, written atomically), so each workspace
//! (each organisation) signs as itself. Its fingerprint is what a partner checks by phone.

use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, spki::der::pem::LineEnding};
use std::path::{Path, PathBuf};

/// A key's fingerprint as people read it aloud: 32 hex digits in eight groups of four
/// (the first 16 bytes of the BLAKE3 hash of the public key).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub String);

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The fingerprint of a public key.
pub fn fingerprint(public: &[u8; 32]) -> Fingerprint {
    let hash = blake3::hash(public);
    let hex = super::hex::hex(&hash.as_bytes()[..16]);
    let groups: Vec<&str> = (0..8).map(|i| &hex[i * 4..i * 4 + 4]).collect();
    Fingerprint(groups.join(" "))
}

/// The fingerprint of a public key written in hex, if it is one.
pub fn fingerprint_of_hex(public: &str) -> Option<Fingerprint> {
    super::hex::unhex::<32>(public).map(|k| fingerprint(&k))
}

/// Where the signing key of the workspace at `data` is kept.
pub fn key_path(data: &Path) -> PathBuf {
    let mut name = data.file_name().unwrap_or_default().to_os_string();
    name.push(".share-key.pem");
    data.with_file_name(name)
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("could not read the signing key {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the signing key {} is not a PKCS#8 ed25519 key: {reason}", path.display())]
    Invalid { path: PathBuf, reason: String },
    #[error("could not make a signing key: {0}")]
    Random(String),
    #[error(transparent)]
    Save(#[from] crate::store::SaveError),
}

/// Our key, read from `path`, or made and saved there (0600) when there is none; true when it
/// was made now.
pub fn load_or_create(path: &Path) -> Result<(SigningKey, bool), KeyError> {
    let read =
        crate::store::read_regular(path, Some(64 * 1024)).map_err(|source| KeyError::Read {
            path: path.to_path_buf(),
            source,
        })?;
    if let Some(bytes) = read {
        let text = String::from_utf8_lossy(&bytes);
        let key = SigningKey::from_pkcs8_pem(&text).map_err(|e| KeyError::Invalid {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        return Ok((key, false));
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
    let key = SigningKey::from_bytes(&seed);
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| KeyError::Random(e.to_string()))?;
    crate::store::write_private(path, pem.as_bytes())?;
    Ok((key, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = key_path(&dir.path().join("org.ron"));
        assert!(path.ends_with("org.ron.share-key.pem"));
        let (made, new) = load_or_create(&path).unwrap();
        assert!(new);
        let (read, new) = load_or_create(&path).unwrap();
        assert!(!new);
        assert_eq!(made.to_bytes(), read.to_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let f = fingerprint(&made.verifying_key().to_bytes());
        assert_eq!(f.0.len(), 39);
        assert_eq!(f.0.split(' ').count(), 8);
    }
}
