//! Practice 4, leveraged strengths: what the partner offers that we need, what we offer that
//! they need, and the needs left uncovered on each side (tags matched as in `normalize`).

use super::index::PartnerRecords;
use super::normalize::overlap;

/// The exchange of strengths with one partner.
#[derive(Debug, Clone, PartialEq)]
pub struct StrengthsInsight {
    /// Our needs they offer (our wording).
    pub they_give: Vec<String>,
    /// Their needs we offer (our wording).
    pub we_give: Vec<String>,
    /// Their needs we do not offer (their wording).
    pub their_unmet: Vec<String>,
    /// Our needs they do not offer (our wording).
    pub our_unmet: Vec<String>,
    /// Whether we have written down any needs.
    pub our_needs_known: bool,
    /// Whether they have any needs written down.
    pub their_needs_known: bool,
}

/// Matches offers with needs both ways.
pub fn assess(r: &PartnerRecords<'_>) -> StrengthsInsight {
    let ours_needed = overlap(&r.profile.needs, &r.partner.offers);
    let theirs_needed = overlap(&r.profile.offers, &r.partner.needs);
    StrengthsInsight {
        our_needs_known: !(ours_needed.shared.is_empty() && ours_needed.ours_only.is_empty()),
        their_needs_known: !(theirs_needed.shared.is_empty()
            && theirs_needed.theirs_only.is_empty()),
        they_give: ours_needed.shared,
        our_unmet: ours_needed.ours_only,
        we_give: theirs_needed.shared,
        their_unmet: theirs_needed.theirs_only,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::*;

    #[test]
    fn offers_meet_needs_both_ways() {
        let mut k = Kit::new();
        k.ws.profile.offers = strings(&["Volunteers", "Event space"]);
        k.ws.profile.needs = strings(&["Funding", "Data analysis", "Publicity"]);
        let a = k.partner("Acme", "2025-01-01");
        let p = k.partner_mut(a);
        p.offers = strings(&["funding", "Publicity", "Catering"]);
        p.needs = strings(&["volunteer", "Office space"]);
        let s = k.with(a, assess);
        assert_eq!(s.they_give, strings(&["Funding", "Publicity"]));
        assert_eq!(s.our_unmet, strings(&["Data analysis"]));
        assert_eq!(s.we_give, strings(&["Volunteers"]));
        assert_eq!(s.their_unmet, strings(&["Office space"]));
        assert!(s.our_needs_known && s.their_needs_known);
    }

    #[test]
    fn nothing_written_down() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        let s = k.with(a, assess);
        assert!(s.they_give.is_empty() && s.we_give.is_empty());
        assert!(!s.our_needs_known && !s.their_needs_known);
    }
}
