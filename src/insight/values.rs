//! Practice 1, aligned values: which values we share with a partner, which are ours only
//! (`profile.values`) and theirs only (`partner.values`), and an alignment score.

use super::index::PartnerRecords;
use super::normalize::{Overlap, overlap};

/// Values alignment with one partner.
#[derive(Debug, Clone, PartialEq)]
pub struct ValuesInsight {
    /// Shared values (our wording), ours only, theirs only; see `normalize` for matching.
    pub overlap: Overlap,
    /// Shared values as a percentage of all distinct values of both sides (Jaccard index),
    /// rounded; `None` while either side has no values written down.
    pub score: Option<u8>,
}

/// Compares our values with the partner's.
pub fn assess(r: &PartnerRecords<'_>) -> ValuesInsight {
    let overlap = overlap(&r.profile.values, &r.partner.values);
    let score = overlap.jaccard_percent();
    ValuesInsight { overlap, score }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::*;

    #[test]
    fn shared_over_union() {
        let mut k = Kit::new();
        k.ws.profile.values = strings(&["Open Source", "Equity", "Learning"]);
        let a = k.partner("Acme", "2025-01-01");
        k.partner_mut(a).values = strings(&["open-source", "Learnings", "Climate", "Speed"]);
        let v = k.with(a, assess);
        assert_eq!(v.overlap.shared, strings(&["Open Source", "Learning"]));
        assert_eq!(v.overlap.ours_only, strings(&["Equity"]));
        assert_eq!(v.overlap.theirs_only, strings(&["Climate", "Speed"]));
        // 2 shared of 5 distinct = 40%.
        assert_eq!(v.score, Some(40));
    }

    #[test]
    fn empty_profile_values_give_no_score() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        k.partner_mut(a).values = strings(&["Climate"]);
        let v = k.with(a, assess);
        assert!(v.overlap.shared.is_empty() && v.overlap.ours_only.is_empty());
        assert_eq!(v.overlap.theirs_only, strings(&["Climate"]));
        assert_eq!(v.score, None);
    }
}
