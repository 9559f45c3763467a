//! Practice 8, celebration: celebrations of the last 182 days and the milestones completed in
//! that time that no celebration points at ("uncelebrated wins").

use super::dates::within_last;
use super::index::PartnerRecords;
use super::weights::CELEBRATION_WINDOW_DAYS;
use crate::model::{CelebrationId, MilestoneId};
use chrono::NaiveDate;
use std::collections::HashSet;

/// Celebrating with one partner.
#[derive(Debug, Clone, PartialEq)]
pub struct CelebrationInsight {
    /// Celebrations dated in the last 182 days (today included), oldest first.
    pub recent: Vec<CelebrationId>,
    /// The latest celebration on or before today.
    pub last: Option<NaiveDate>,
    /// Milestones completed in the last 182 days, by due date.
    pub recent_wins: Vec<MilestoneId>,
    /// Those of `recent_wins` that no celebration (of any date) points at.
    pub uncelebrated: Vec<MilestoneId>,
}

/// The celebration figures of one partner.
pub fn assess(r: &PartnerRecords<'_>, today: NaiveDate) -> CelebrationInsight {
    let window = CELEBRATION_WINDOW_DAYS;
    let recent = r
        .celebrations
        .iter()
        .filter(|c| within_last(c.date, today, window))
        .map(|c| c.id)
        .collect();
    let last = r
        .celebrations
        .iter()
        .rev()
        .find(|c| c.date <= today)
        .map(|c| c.date);
    let celebrated: HashSet<MilestoneId> =
        r.celebrations.iter().filter_map(|c| c.milestone).collect();
    let recent_wins: Vec<MilestoneId> = r
        .milestones
        .iter()
        .filter(|m| m.done.is_some_and(|d| within_last(d, today, window)))
        .map(|m| m.id)
        .collect();
    let uncelebrated = recent_wins
        .iter()
        .copied()
        .filter(|m| !celebrated.contains(m))
        .collect();
    CelebrationInsight {
        recent,
        last,
        recent_wins,
        uncelebrated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::*;

    #[test]
    fn recent_celebrations_and_uncelebrated_wins() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2024-01-01");
        // today 2025-07-01; 181 days back = 2025-01-01 (inside), 182 = 2024-12-31 (outside).
        let won = k.milestone(a, "2025-02-01", Some("2025-02-01"));
        let missed = k.milestone(a, "2025-03-01", Some("2025-01-01"));
        k.milestone(a, "2025-01-01", Some("2024-12-31")); // too old
        k.milestone(a, "2025-06-01", None); // not done
        k.milestone(a, "2025-08-01", Some("2025-08-01")); // done in the future
        k.celebrate(a, "2024-12-31", Some(won)); // old, but still celebrates `won`
        let recent = k.celebrate(a, "2025-01-01", None);
        k.celebrate(a, "2025-09-01", None); // planned
        let c = k.with(a, |r| assess(r, day("2025-07-01")));
        assert_eq!(c.recent, vec![recent]);
        assert_eq!(c.last, Some(day("2025-01-01")));
        assert_eq!(c.recent_wins, vec![won, missed]);
        assert_eq!(c.uncelebrated, vec![missed]);
    }

    #[test]
    fn nothing_yet() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-07-01");
        let c = k.with(a, |r| assess(r, day("2025-07-01")));
        assert!(c.recent.is_empty() && c.recent_wins.is_empty() && c.last.is_none());
    }
}
