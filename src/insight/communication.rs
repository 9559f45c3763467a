//! Practice 2, communication: days since the last contact against the partner's cadence, who
//! starts the conversations (last 90 days), and open or overdue follow-ups.

use super::dates::days_between;
use super::index::PartnerRecords;
use super::weights::{INITIATIVE_WINDOW_DAYS, ONE_SIDED_MIN_INTERACTIONS, ONE_SIDED_PERCENT};
use crate::model::{InteractionId, Side};
use chrono::NaiveDate;

/// Where contact stands against the cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContactStatus {
    /// Last contact no more than `ideal_days` ago.
    Fine,
    /// Past the ideal, not past the maximum.
    Due,
    /// More than `max_days` since the last contact (or, with no contact ever, since the start).
    Lapsed,
    /// No contact yet, and the start is no more than `max_days` ago.
    Never,
}

impl ContactStatus {
    pub fn label(self) -> &'static str {
        match self {
            ContactStatus::Fine => "fine",
            ContactStatus::Due => "due",
            ContactStatus::Lapsed => "lapsed",
            ContactStatus::Never => "never",
        }
    }
}

/// Communication with one partner.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunicationInsight {
    /// Date of the latest interaction on or before today.
    pub last_contact: Option<NaiveDate>,
    pub last_interaction: Option<InteractionId>,
    /// Days since the last contact, or since the start without any; never negative (a start
    /// in the future counts as 0).
    pub days_since: i64,
    pub ideal_days: u32,
    pub max_days: u32,
    pub status: ContactStatus,
    /// Interactions we started in the last 90 days (today included).
    pub ours_recent: usize,
    /// Interactions they started in the last 90 days.
    pub theirs_recent: usize,
    /// The side that started at least 75% of at least 4 recent interactions.
    pub one_sided: Option<Side>,
    /// Follow-ups not done.
    pub open_follow_ups: usize,
    /// Open follow-ups due before today.
    pub overdue_follow_ups: usize,
}

impl CommunicationInsight {
    pub fn recent_total(&self) -> usize {
        self.ours_recent + self.theirs_recent
    }
}

/// Communication figures for one partner.
pub fn assess(r: &PartnerRecords<'_>, today: NaiveDate) -> CommunicationInsight {
    let cadence = r.partner.cadence;
    let last = r.last_contact(today);
    let from = last.map_or(r.partner.since, |x| x.at.date());
    let days_since = days_between(from, today).max(0);
    let status = if days_since > i64::from(cadence.max_days) {
        ContactStatus::Lapsed
    } else if last.is_none() {
        ContactStatus::Never
    } else if days_since > i64::from(cadence.ideal_days) {
        ContactStatus::Due
    } else {
        ContactStatus::Fine
    };

    let recent = r.interactions_within(today, INITIATIVE_WINDOW_DAYS);
    let ours_recent = recent.iter().filter(|x| x.initiated_by == Side::Us).count();
    let theirs_recent = recent.len() - ours_recent;
    let dominant = |n: usize| n * 100 >= recent.len() * ONE_SIDED_PERCENT;
    let one_sided = if recent.len() < ONE_SIDED_MIN_INTERACTIONS {
        None
    } else if dominant(ours_recent) {
        Some(Side::Us)
    } else if dominant(theirs_recent) {
        Some(Side::Them)
    } else {
        None
    };

    let mut open_follow_ups = 0;
    let mut overdue_follow_ups = 0;
    for f in r.interactions.iter().filter_map(|x| x.follow_up.as_ref()) {
        if f.done.is_none() {
            open_follow_ups += 1;
            if f.due < today {
                overdue_follow_ups += 1;
            }
        }
    }

    CommunicationInsight {
        last_contact: last.map(|x| x.at.date()),
        last_interaction: last.map(|x| x.id),
        days_since,
        ideal_days: cadence.ideal_days,
        max_days: cadence.max_days,
        status,
        ours_recent,
        theirs_recent,
        one_sided,
        open_follow_ups,
        overdue_follow_ups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::*;

    // Default cadence: ideal 14, max 30.
    fn status_after(last: &str, today: &str) -> (i64, ContactStatus) {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2024-01-01");
        k.talk(a, last, Side::Us);
        let c = k.with(a, |r| assess(r, day(today)));
        (c.days_since, c.status)
    }

    #[test]
    fn cadence_boundaries() {
        assert_eq!(
            status_after("2025-06-01", "2025-06-15"),
            (14, ContactStatus::Fine)
        );
        assert_eq!(
            status_after("2025-06-01", "2025-06-16"),
            (15, ContactStatus::Due)
        );
        assert_eq!(
            status_after("2025-06-01", "2025-07-01"),
            (30, ContactStatus::Due)
        );
        assert_eq!(
            status_after("2025-06-01", "2025-07-02"),
            (31, ContactStatus::Lapsed)
        );
    }

    #[test]
    fn future_interactions_do_not_count_as_contact() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-06-01");
        k.talk(a, "2025-08-01", Side::Us);
        let c = k.with(a, |r| assess(r, day("2025-06-11")));
        assert_eq!(c.last_contact, None);
        assert_eq!((c.days_since, c.status), (10, ContactStatus::Never));
    }

    #[test]
    fn no_interactions_counts_from_the_start() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-06-01");
        let c = k.with(a, |r| assess(r, day("2025-07-01")));
        assert_eq!((c.days_since, c.status), (30, ContactStatus::Never));
        let c = k.with(a, |r| assess(r, day("2025-07-02")));
        assert_eq!((c.days_since, c.status), (31, ContactStatus::Lapsed));
        assert_eq!(c.one_sided, None);
        assert_eq!(c.recent_total(), 0);
    }

    #[test]
    fn started_today_and_started_in_the_future() {
        let mut k = Kit::new();
        let a = k.partner("Today", "2025-06-01");
        let b = k.partner("Later", "2025-09-01");
        let today = day("2025-06-01");
        let c = k.with(a, |r| assess(r, today));
        assert_eq!((c.days_since, c.status), (0, ContactStatus::Never));
        let c = k.with(b, |r| assess(r, today));
        assert_eq!((c.days_since, c.status), (0, ContactStatus::Never));
    }

    #[test]
    fn initiative_over_the_last_ninety_days() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2024-01-01");
        // 2025-04-01 is 90 days before 2025-06-30: outside the window.
        k.talk(a, "2025-04-01", Side::Them);
        k.talk(a, "2025-04-02", Side::Us);
        k.talk(a, "2025-05-01", Side::Us);
        k.talk(a, "2025-06-01", Side::Us);
        let today = day("2025-06-30");
        let c = k.with(a, |r| assess(r, today));
        assert_eq!((c.ours_recent, c.theirs_recent), (3, 0));
        assert_eq!(c.one_sided, None, "3 interactions are too few to judge");
        k.talk(a, "2025-06-20", Side::Them);
        let c = k.with(a, |r| assess(r, today));
        // 3 of 4 = 75%: one-sided.
        assert_eq!(c.one_sided, Some(Side::Us));
        k.talk(a, "2025-06-21", Side::Them);
        let c = k.with(a, |r| assess(r, today));
        // 3 of 5 = 60%: balanced.
        assert_eq!(c.one_sided, None);
    }

    #[test]
    fn they_can_be_the_one_sided_party() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2024-01-01");
        for d in ["2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04"] {
            k.talk(a, d, Side::Them);
        }
        let c = k.with(a, |r| assess(r, day("2025-06-10")));
        assert_eq!(c.one_sided, Some(Side::Them));
    }

    #[test]
    fn open_and_overdue_follow_ups() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2024-01-01");
        k.follow_up(a, "2025-05-01", "2025-05-10", None); // overdue
        k.follow_up(a, "2025-05-01", "2025-06-10", None); // due today: open, not overdue
        k.follow_up(a, "2025-05-01", "2025-05-10", Some("2025-05-09")); // done
        let c = k.with(a, |r| assess(r, day("2025-06-10")));
        assert_eq!((c.open_follow_ups, c.overdue_follow_ups), (2, 1));
    }
}
