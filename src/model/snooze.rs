//! Snoozes: attention items put off until a day. Saved in the file (`Workspace::snoozes`), so
//! the dashboard's attention queue and `partnerdeck due` of every clone agree on them.
//!
//! An item is named by its key, `<kind>-<record id>` (`followup-42`, `review-7`), the `id` that
//! `partnerdeck due` prints. A snooze hides the item while today is before `until`; from
//! `until` on the item shows again (and `due --run` announces it again). A snooze whose item is
//! gone (done, deleted) does nothing; expired snoozes are dropped whenever a snooze is added.

use super::ids::PartnerId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One item put off.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snooze {
    /// The item's key, `<kind>-<record id>` (see `insight::attention::AttentionItem::key`).
    pub item: String,
    /// The partner the item is about (so a change follows only that partner's figures).
    pub partner: PartnerId,
    /// The first day the item shows again.
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub until: NaiveDate,
}

impl Snooze {
    /// Whether it hides its item on `today`.
    pub fn active(&self, today: NaiveDate) -> bool {
        today < self.until
    }
}

/// Merges the snoozes of two sides of a three-way merge: as a set (what either side added, less
/// what either side removed), then one snooze per item, the one lasting longest (so the merge
/// is the same whichever side is ours), in item order.
pub fn merge_snoozes(base: &[Snooze], ours: &[Snooze], theirs: &[Snooze]) -> Vec<Snooze> {
    let mut out: Vec<Snooze> = Vec::new();
    for s in ours.iter().chain(theirs) {
        let removed = base.contains(s) && (!ours.contains(s) || !theirs.contains(s));
        if !removed && !out.contains(s) {
            out.push(s.clone());
        }
    }
    normalize(&mut out);
    out
}

/// One snooze per item (the latest `until`), sorted by item.
pub fn normalize(snoozes: &mut Vec<Snooze>) {
    snoozes.sort_by(|a, b| a.item.cmp(&b.item).then(b.until.cmp(&a.until)));
    snoozes.dedup_by(|later, first| later.item == first.item);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(item: &str, until: &str) -> Snooze {
        Snooze {
            item: item.into(),
            partner: PartnerId(1),
            until: until.parse().unwrap(),
        }
    }

    #[test]
    fn merging_keeps_additions_drops_removals_and_the_longest_of_two() {
        let base = vec![s("followup-5", "2026-12-10"), s("review-1", "2026-12-09")];
        // Ours removes review-1 and adds goal-3; theirs moves followup-5 later and adds
        // goal-3 for longer.
        let ours = vec![s("followup-5", "2026-12-10"), s("goal-3", "2026-12-12")];
        let theirs = vec![
            s("followup-5", "2026-12-20"),
            s("review-1", "2026-12-09"),
            s("goal-3", "2026-12-15"),
        ];
        let merged = merge_snoozes(&base, &ours, &theirs);
        assert_eq!(
            merged,
            vec![s("followup-5", "2026-12-20"), s("goal-3", "2026-12-15")]
        );
        assert_eq!(merge_snoozes(&base, &theirs, &ours), merged);
    }

    #[test]
    fn a_snooze_hides_before_its_day_only() {
        let x = s("followup-5", "2026-12-10");
        assert!(x.active("2026-12-09".parse().unwrap()));
        assert!(!x.active("2026-12-10".parse().unwrap()));
    }
}
