//! Day arithmetic shared by the insight modules: whole days between dates, saturating date
//! offsets, and the "within the last N days" window rule.

use chrono::{Days, NaiveDate};

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// `date` moved by `days` (negative moves back), saturating at the ends of the calendar.
pub fn plus_days(date: NaiveDate, days: i64) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(n)
    } else {
        date.checked_sub_days(n)
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// Whether `date` lies in the last `window` days: today counts as day 0, so the window holds
/// `window` calendar days, today included; future dates are outside it.
pub fn within_last(date: NaiveDate, today: NaiveDate, window: i64) -> bool {
    let age = days_between(date, today);
    (0..window).contains(&age)
}

/// The first day of the last-`window`-days window ending today.
pub fn window_start(today: NaiveDate, window: i64) -> NaiveDate {
    plus_days(today, 1 - window)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::day;

    #[test]
    fn windows_include_today_and_exclude_the_future() {
        let today = day("2025-06-30");
        assert!(within_last(today, today, 90));
        assert!(within_last(day("2025-04-02"), today, 90)); // 89 days ago
        assert!(!within_last(day("2025-04-01"), today, 90)); // 90 days ago
        assert!(!within_last(day("2025-07-01"), today, 90));
        assert_eq!(window_start(today, 90), day("2025-04-02"));
    }

    #[test]
    fn offsets_saturate() {
        assert_eq!(plus_days(day("2025-01-31"), 1), day("2025-02-01"));
        assert_eq!(plus_days(day("2025-03-01"), -1), day("2025-02-28"));
        assert_eq!(plus_days(NaiveDate::MAX, 5), NaiveDate::MAX);
        assert_eq!(days_between(day("2025-03-01"), day("2025-02-28")), -1);
    }
}
