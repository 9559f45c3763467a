//! Who sent a pack, and keeping it: the sender is known by a key we trust for one of our
//! partners, else matched by name (their name for themselves, or the partner named on the
//! command line) and asked about; a partner whose trusted key differs is refused until the new
//! key is checked. Pure: the command asks the questions and saves.

use super::seal::Opened;
use crate::model::*;
use chrono::NaiveDate;

/// What we know of a pack's sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sender {
    /// Signed by the key we trust for this partner.
    Trusted(PartnerId),
    /// Matched to this partner, whose key we have not trusted yet.
    New(PartnerId),
    /// Matched to this partner, but we trust another key for it (fingerprint of ours).
    KeyChanged(PartnerId, String),
    /// No partner matches: the reason.
    Unknown(String),
}

/// Identifies the sender of `opened` among our partners (`named`: the one the user named).
pub fn identify(ws: &Workspace, opened: &Opened, named: Option<PartnerId>) -> Sender {
    if let Some(s) = ws
        .share_settings
        .iter()
        .find(|s| s.trusted_key.as_deref() == Some(opened.key.as_str()))
        && named.is_none_or(|p| p == s.partner)
    {
        return Sender::Trusted(s.partner);
    }
    let partner = match named {
        Some(p) => p,
        None => match crate::model::find::partner(ws, &opened.pack.from) {
            Ok(p) => p.id,
            Err(e) => {
                return Sender::Unknown(format!(
                    "the pack is from “{}”: {e}; name the partner with --partner NAME",
                    opened.pack.from
                ));
            }
        },
    };
    let trusted = ws
        .share_settings
        .iter()
        .find(|s| s.partner == partner)
        .and_then(|s| s.trusted_key.as_deref());
    match trusted {
        Some(k) if k != opened.key => {
            let fp = super::key::fingerprint_of_hex(k).map_or_else(|| k.to_string(), |f| f.0);
            Sender::KeyChanged(partner, fp)
        }
        Some(_) => Sender::Trusted(partner),
        None => Sender::New(partner),
    }
}

/// Our workspace with the pack kept for `partner` (and its key trusted when `trust`).
pub fn keep(
    ws: &Workspace,
    partner: PartnerId,
    opened: &Opened,
    trust: bool,
    today: NaiveDate,
) -> Workspace {
    let mut ws = ws.clone();
    if trust {
        match ws.share_settings.iter().position(|s| s.partner == partner) {
            Some(i) => ws.share_settings[i].trusted_key = Some(opened.key.clone()),
            None => {
                let mut s = ShareSettings::new(partner);
                s.trusted_key = Some(opened.key.clone());
                ws.share_settings.push(s);
                let mut all = ws.share_settings.to_vec();
                all.sort_by_key(|s| s.partner);
                ws.share_settings = all.into();
            }
        }
    }
    let kept = ReceivedPack {
        partner,
        received: today,
        fingerprint: opened.fingerprint.0.clone(),
        pack: opened.pack.clone(),
    };
    // The same pack twice is kept once.
    if !ws
        .received
        .iter()
        .any(|r| r.partner == partner && r.pack == kept.pack)
    {
        ws.received.push(kept);
    }
    ws
}
