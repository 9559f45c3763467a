//! Signing and verifying packs (ed25519). A pack file is text:
//!
//! ```text
//! partnerdeck pack 1
//! key 5c0f…(64 hex digits: the sender's public key)
//! signature 9a1b…(128 hex digits)
//!
//! (the pack, as RON)
//! ```
//!
//! The signature covers the first line, the key and the body, so no byte can change without
//! the pack being refused: the header must be exactly what this module writes for its key and
//! signature (lower-case hex, one space, `\n` line ends), the signature is checked strictly
//! (`verify_strict`: no malleable signatures, no weak keys), and only then is the body read.

use super::hex::{hex, unhex};
use super::key::{Fingerprint, fingerprint};
use crate::model::Pack;
use crate::model::pack::PACK_FORMAT;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

const MAGIC: &str = "partnerdeck pack 1\n";

/// Why a pack is refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Refused {
    #[error("this is not a partnerdeck pack (or its first lines were changed)")]
    NotAPack,
    #[error("the signature does not match: the pack was changed after it was signed")]
    BadSignature,
    #[error("the signed content does not read as a pack: {0}")]
    Unreadable(String),
    #[error("the pack is of a newer format ({0}) than this partnerdeck reads ({PACK_FORMAT})")]
    Newer(u32),
}

/// A verified pack: what it says and who signed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub pack: Pack,
    /// The signer's public key, hex.
    pub key: String,
    pub fingerprint: Fingerprint,
}

/// The pack as RON text (what is signed).
pub fn body(pack: &Pack) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(8)
        .struct_names(false)
        .new_line("\n".to_string());
    ron::ser::to_string_pretty(pack, config)
}

fn message(key: &[u8; 32], body: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(MAGIC.len() + 32 + body.len());
    m.extend_from_slice(MAGIC.as_bytes());
    m.extend_from_slice(key);
    m.extend_from_slice(body);
    m
}

fn header(key: &[u8; 32], signature: &[u8; 64]) -> String {
    format!("{MAGIC}key {}\nsignature {}\n\n", hex(key), hex(signature))
}

/// The signed pack file.
pub fn seal(pack: &Pack, signer: &SigningKey) -> Result<String, ron::Error> {
    let body = body(pack)?;
    let key = signer.verifying_key().to_bytes();
    let signature = signer.sign(&message(&key, body.as_bytes())).to_bytes();
    Ok(format!("{}{body}", header(&key, &signature)))
}

/// Verifies a pack file and reads it; any changed byte is refused.
pub fn open(bytes: &[u8]) -> Result<Opened, Refused> {
    let text = std::str::from_utf8(bytes).map_err(|_| Refused::NotAPack)?;
    let rest = text.strip_prefix(MAGIC).ok_or(Refused::NotAPack)?;
    let (key_line, rest) = rest.split_once('\n').ok_or(Refused::NotAPack)?;
    let (sig_line, rest) = rest.split_once('\n').ok_or(Refused::NotAPack)?;
    let body = rest.strip_prefix('\n').ok_or(Refused::NotAPack)?;
    let key: [u8; 32] = key_line
        .strip_prefix("key ")
        .and_then(unhex)
        .ok_or(Refused::NotAPack)?;
    let signature: [u8; 64] = sig_line
        .strip_prefix("signature ")
        .and_then(unhex)
        .ok_or(Refused::NotAPack)?;
    // The header exactly as written for this key and signature (no second spelling).
    if !text.starts_with(&header(&key, &signature)) {
        return Err(Refused::NotAPack);
    }
    let verifier = VerifyingKey::from_bytes(&key).map_err(|_| Refused::BadSignature)?;
    verifier
        .verify_strict(
            &message(&key, body.as_bytes()),
            &Signature::from_bytes(&signature),
        )
        .map_err(|_| Refused::BadSignature)?;
    // Signed: now its content is read (a newer format is named before its fields are).
    if let Ok(FormatOnly { format }) = ron::from_str::<FormatOnly>(body)
        && format > PACK_FORMAT
    {
        return Err(Refused::Newer(format));
    }
    let pack: Pack = ron::from_str(body).map_err(|e| Refused::Unreadable(e.to_string()))?;
    Ok(Opened {
        pack,
        fingerprint: fingerprint(&key),
        key: hex(&key),
    })
}

/// Only the format of a pack, whatever else it holds.
#[derive(serde::Deserialize)]
struct FormatOnly {
    format: u32,
}
