//! Practice 6, long-term view: the phase and age of the partnership, whether a long-term aim is
//! written, and which active goals reach beyond the next 90 days.

use super::dates::{days_between, plus_days};
use super::index::PartnerRecords;
use super::weights::HORIZON_DAYS;
use crate::model::{GoalId, GoalStatus, Phase};
use chrono::NaiveDate;

/// The long-term view of one partnership.
#[derive(Debug, Clone, PartialEq)]
pub struct LongTermInsight {
    pub phase: Phase,
    /// Days from `since` to today; 0 when `since` is today or in the future.
    pub age_days: i64,
    /// The aim is not blank.
    pub has_aim: bool,
    /// Active goals due more than 90 days after today.
    pub horizon_goals: Vec<GoalId>,
}

impl LongTermInsight {
    pub fn looks_ahead(&self) -> bool {
        !self.horizon_goals.is_empty()
    }
}

/// The long-term figures of one partner.
pub fn assess(r: &PartnerRecords<'_>, today: NaiveDate) -> LongTermInsight {
    let horizon = plus_days(today, HORIZON_DAYS);
    LongTermInsight {
        phase: r.partner.phase,
        age_days: days_between(r.partner.since, today).max(0),
        has_aim: !r.partner.aim.trim().is_empty(),
        horizon_goals: r
            .goals
            .iter()
            .filter(|g| g.status == GoalStatus::Active && g.due.is_some_and(|d| d > horizon))
            .map(|g| g.id)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::*;

    #[test]
    fn age_aim_and_horizon() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        k.partner_mut(a).aim = "  ".into();
        // today + 90 = 2025-04-01 (not beyond), 2025-04-02 (beyond).
        k.goal(a, 0.0, Some(1.0), 0.0, "2025-01-01", Some("2025-04-01"));
        let far = k.goal(a, 0.0, Some(1.0), 0.0, "2025-01-01", Some("2025-04-02"));
        k.goal(a, 0.0, Some(1.0), 0.0, "2025-01-01", None);
        let l = k.with(a, |r| assess(r, day("2025-01-01")));
        assert_eq!(l.age_days, 0);
        assert!(!l.has_aim);
        assert_eq!(l.horizon_goals, vec![far]);
        assert!(l.looks_ahead());
        k.partner_mut(a).aim = "A shared regional hub".into();
        let l = k.with(a, |r| assess(r, day("2025-03-02")));
        assert_eq!(l.age_days, 60);
        assert!(l.has_aim);
        assert_eq!(l.phase, Phase::Exploring);
    }

    #[test]
    fn a_start_in_the_future_has_age_zero() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-09-01");
        let l = k.with(a, |r| assess(r, day("2025-06-01")));
        assert_eq!(l.age_days, 0);
        assert!(!l.looks_ahead());
    }
}
