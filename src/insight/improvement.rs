//! Practice 7, continuous improvement: the review schedule (last review, next due, whether one
//! is due) and how ratings move (trend of the mean, per-practice series for sparklines).

use super::dates::{days_between, plus_days};
use super::index::PartnerRecords;
use crate::model::{Practice, ReviewId};
use chrono::NaiveDate;

/// The review record of one partner. Reviews dated after today are ignored.
#[derive(Debug, Clone, PartialEq)]
pub struct ImprovementInsight {
    pub last_review: Option<NaiveDate>,
    pub last_review_id: Option<ReviewId>,
    pub reviews: usize,
    /// The last review's `next_review`; else the last review's date plus the partner's review
    /// interval; else (never reviewed) the start plus the interval.
    pub next_due: NaiveDate,
    /// `next_due` is today or earlier.
    pub due: bool,
    /// Days from today to `next_due`; negative when past due.
    pub days_until_due: i64,
    /// Mean rating (1–5) of the last review.
    pub latest_mean: Option<f64>,
    /// Mean of the last review minus mean of the one before.
    pub trend: Option<f64>,
    /// Per practice (indexed by `Practice::index()`), the scores of every review, oldest first.
    pub series: [Vec<u8>; 8],
}

impl ImprovementInsight {
    /// The scores of one practice, oldest first.
    pub fn series(&self, practice: Practice) -> &[u8] {
        &self.series[practice.index()]
    }

    /// Past due: `next_due` before today.
    pub fn overdue(&self) -> bool {
        self.days_until_due < 0
    }
}

/// The review figures of one partner.
pub fn assess(r: &PartnerRecords<'_>, today: NaiveDate) -> ImprovementInsight {
    let upto = r.reviews.partition_point(|x| x.date <= today);
    let held = &r.reviews[..upto];
    let last = held.last();
    let interval = i64::from(r.partner.review_interval_days);
    let next_due = match last {
        Some(l) => l.next_review.unwrap_or_else(|| plus_days(l.date, interval)),
        None => plus_days(r.partner.since, interval),
    };
    let latest_mean = last.map(|l| l.ratings.mean());
    let trend = match held {
        [.., before, last] => Some(last.ratings.mean() - before.ratings.mean()),
        _ => None,
    };
    let series = std::array::from_fn(|i| {
        let p = Practice::ALL[i];
        held.iter().map(|x| x.ratings.get(p).score).collect()
    });
    ImprovementInsight {
        last_review: last.map(|l| l.date),
        last_review_id: last.map(|l| l.id),
        reviews: held.len(),
        next_due,
        due: next_due <= today,
        days_until_due: days_between(today, next_due),
        latest_mean,
        trend,
        series,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::*;
    use crate::model::Ratings;

    #[test]
    fn never_reviewed_counts_from_the_start() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01"); // interval 90 → 2025-04-01
        let i = k.with(a, |r| assess(r, day("2025-03-31")));
        assert_eq!(i.next_due, day("2025-04-01"));
        assert_eq!((i.due, i.days_until_due), (false, 1));
        assert_eq!((i.latest_mean, i.trend), (None, None));
        let i = k.with(a, |r| assess(r, day("2025-04-01")));
        assert!(i.due && !i.overdue());
    }

    #[test]
    fn the_last_review_sets_the_next_and_the_trend() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2024-01-01");
        let mut first = Ratings::uniform(3);
        first.trust.score = 1; // mean (7×3 + 1) / 8 = 2.75
        k.review(a, "2025-01-10", first, None);
        let mut second = Ratings::uniform(4);
        second.celebration.score = 2; // mean (7×4 + 2) / 8 = 3.75
        let last = k.review(a, "2025-03-01", second, None);
        k.review(a, "2025-12-01", Ratings::uniform(5), None); // in the future: ignored
        let i = k.with(a, |r| assess(r, day("2025-06-10")));
        assert_eq!(i.last_review, Some(day("2025-03-01")));
        assert_eq!(i.last_review_id, Some(last));
        assert_eq!(i.reviews, 2);
        // 2025-03-01 + 90 days.
        assert_eq!(i.next_due, day("2025-05-30"));
        assert!(i.due && i.overdue());
        assert_eq!(i.days_until_due, -11);
        assert_eq!(i.latest_mean, Some(3.75));
        assert_eq!(i.trend, Some(1.0));
        assert_eq!(i.series(Practice::Trust), &[1, 4]);
        assert_eq!(i.series(Practice::Celebration), &[3, 2]);
    }

    #[test]
    fn an_explicit_next_review_wins() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2024-01-01");
        k.review(a, "2025-03-01", Ratings::uniform(4), Some("2025-09-01"));
        let i = k.with(a, |r| assess(r, day("2025-06-10")));
        assert_eq!(i.next_due, day("2025-09-01"));
        assert!(!i.due);
        assert_eq!(i.trend, None);
    }
}
