//! Sharing with partners, as saved in the workspace: per-partner share settings (which private
//! fields a pack may carry, and the partner's trusted signing key) and the packs received from
//! partners (kept, so the next review can look back at what they said). Both lists are absent
//! from files that never shared.

use super::ids::PartnerId;
use super::pack::Pack;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The private fields a pack may carry when a partner's settings name them: `(name, meaning)`.
/// Everything else a pack holds is the declared set (`model::pack`).
pub const OPTIONAL_FIELDS: &[(&str, &str)] = &[
    ("ratings", "our review ratings (1–5 per practice)"),
    ("rating_notes", "the notes beside our review ratings"),
    ("feedback", "our review feedback"),
    ("aim", "the partnership's long-term aim"),
    ("notes", "our notes on the partner"),
    ("contacts", "their contacts' names, roles and emails"),
    ("phones", "their contacts' phone numbers (with contacts)"),
    ("log", "the communication log: date, channel, summary"),
];

/// One partner's share settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareSettings {
    pub partner: PartnerId,
    /// Optional fields to share, by name ([`OPTIONAL_FIELDS`]).
    #[serde(default)]
    pub include: Vec<String>,
    /// The partner's public signing key (hex), trusted on first receipt.
    #[serde(default)]
    pub trusted_key: Option<String>,
}

impl ShareSettings {
    pub fn new(partner: PartnerId) -> ShareSettings {
        ShareSettings {
            partner,
            include: Vec::new(),
            trusted_key: None,
        }
    }

    /// Whether the optional field `name` is shared.
    pub fn includes(&self, name: &str) -> bool {
        self.include.iter().any(|i| i.trim() == name)
    }

    /// The names in `include` that are not optional fields (reported, never shared).
    pub fn unknown(&self) -> Vec<&str> {
        self.include
            .iter()
            .map(|i| i.trim())
            .filter(|i| !OPTIONAL_FIELDS.iter().any(|(n, _)| n == i))
            .collect()
    }
}

/// A pack received from a partner, verified, as it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivedPack {
    pub partner: PartnerId,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub received: NaiveDate,
    /// The fingerprint of the key that signed it.
    pub fingerprint: String,
    pub pack: Pack,
}

/// Merges share settings of a three-way merge, one per partner: a side's change wins over the
/// base; when both changed, the included fields are united and our trusted key is kept (a
/// different key on their side is left for the next receipt to ask about).
pub fn merge_settings(
    base: &[ShareSettings],
    ours: &[ShareSettings],
    theirs: &[ShareSettings],
) -> Vec<ShareSettings> {
    let find = |l: &[ShareSettings], p: PartnerId| l.iter().find(|s| s.partner == p).cloned();
    let mut partners: Vec<PartnerId> = ours.iter().chain(theirs).map(|s| s.partner).collect();
    partners.sort();
    partners.dedup();
    let mut out = Vec::new();
    for p in partners {
        let (b, o, t) = (find(base, p), find(ours, p), find(theirs, p));
        let merged = match (o, t) {
            (Some(o), Some(t)) if Some(&o) == b.as_ref() => Some(t),
            (Some(o), Some(t)) if Some(&t) == b.as_ref() || o == t => Some(o),
            (Some(mut o), Some(t)) => {
                for i in t.include {
                    if !o.include.contains(&i) {
                        o.include.push(i);
                    }
                }
                o.trusted_key = o.trusted_key.or(t.trusted_key);
                Some(o)
            }
            // Removed on one side (the partner deleted) and unchanged on the other: gone.
            (Some(x), None) | (None, Some(x)) if b.as_ref() == Some(&x) => None,
            (Some(x), None) | (None, Some(x)) => Some(x),
            (None, None) => None,
        };
        out.extend(merged);
    }
    out
}

/// Merges received packs as a set: what either side received, less what either removed.
pub fn merge_received(
    base: &[ReceivedPack],
    ours: &[ReceivedPack],
    theirs: &[ReceivedPack],
) -> Vec<ReceivedPack> {
    let mut out: Vec<ReceivedPack> = Vec::new();
    for r in ours.iter().chain(theirs) {
        let removed = base.contains(r) && (!ours.contains(r) || !theirs.contains(r));
        if !removed && !out.contains(r) {
            out.push(r.clone());
        }
    }
    out.sort_by_key(|a| (a.partner, a.received));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(p: u64, include: &[&str], key: Option<&str>) -> ShareSettings {
        ShareSettings {
            partner: PartnerId(p),
            include: include.iter().map(|i| i.to_string()).collect(),
            trusted_key: key.map(str::to_string),
        }
    }

    #[test]
    fn settings_merge_takes_each_sides_change_and_unites_both() {
        let base = vec![s(1, &[], None), s(2, &["aim"], None)];
        let ours = vec![s(1, &["notes"], None), s(2, &["aim"], None)];
        let theirs = vec![s(1, &["log"], Some("ab")), s(3, &[], Some("cd"))];
        let merged = merge_settings(&base, &ours, &theirs);
        assert_eq!(
            merged,
            vec![s(1, &["notes", "log"], Some("ab")), s(3, &[], Some("cd"))]
        );
    }

    #[test]
    fn received_packs_merge_as_a_set() {
        let pack = |from: &str| ReceivedPack {
            partner: PartnerId(1),
            received: "2026-12-01".parse().unwrap(),
            fingerprint: "ab".into(),
            pack: Pack {
                format: 1,
                from: from.into(),
                to: "us".into(),
                made: "2026-12-01".parse().unwrap(),
                goals: Vec::new(),
                milestones: Vec::new(),
                commitments: Vec::new(),
                celebrations: Vec::new(),
                health: Vec::new(),
                reviews: Vec::new(),
                extra: Default::default(),
            },
        };
        let (a, b, c) = (pack("a"), pack("b"), pack("c"));
        // Ours removed a and added b; theirs added c.
        let base = vec![a.clone()];
        let ours = vec![b.clone()];
        let theirs = vec![a, c.clone()];
        let merged = merge_received(&base, &ours, &theirs);
        assert_eq!(merged, vec![b, c]);
    }

    #[test]
    fn unknown_names_are_reported() {
        assert_eq!(s(1, &["aim", "health"], None).unknown(), vec!["health"]);
    }
}
