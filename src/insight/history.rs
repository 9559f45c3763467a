//! A partner's health over time: the score and its eight practices on a list of past days
//! (`history`, built on `asof::health_on`, so the scoring is today's), the days to sample
//! (`weekly_days`, `monthly_days`), the biggest drop between two samples with the factor that
//! moved most (`History::biggest_drop`), and the short `Trend` the overview shows (monthly
//! scores, the change over the year, the fall over 90 days).
//!
//! Everything costs one partner's records per day sampled, never the whole workspace.

use super::asof::health_on;
use super::dates::plus_days;
use super::health::Health;
use super::index::{Index, PartnerRecords};
use super::weights::{Factor, WEIGHTS, practice_max};
use crate::model::{PartnerId, Practice, Workspace};
use chrono::{Datelike, NaiveDate};

/// Days a fall is measured over in the overview's sort.
pub const FALL_WINDOW_DAYS: i64 = 90;

/// The partner's health on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthPoint {
    pub day: NaiveDate,
    /// The exact score, 0–100.
    pub total: f64,
    /// Each practice's points, in `Practice::ALL` order.
    pub practices: [f64; 8],
    /// Each factor's points, in `WEIGHTS` order.
    pub factors: [f64; 17],
}

impl HealthPoint {
    fn new(day: NaiveDate, h: &Health) -> HealthPoint {
        let practices = std::array::from_fn(|i| h.practice(Practice::ALL[i]).0);
        let mut factors = [0.0; 17];
        for (slot, c) in factors.iter_mut().zip(&h.contributions) {
            *slot = c.points;
        }
        HealthPoint {
            day,
            total: h.total(),
            practices,
            factors,
        }
    }

    /// The score as shown: the total rounded (as `Health::score`).
    pub fn score(&self) -> u8 {
        self.total.round().clamp(0.0, 100.0) as u8
    }

    /// A practice's share of its maximum points, 0.0–1.0.
    pub fn share(&self, practice: Practice) -> f64 {
        let max = practice_max(practice);
        if max > 0.0 {
            (self.practices[practice.index()] / max).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The biggest fall between two neighbouring samples.
#[derive(Debug, Clone, PartialEq)]
pub struct Drop {
    /// The sample before the fall.
    pub from: NaiveDate,
    /// The sample after it: the date the drop is labelled with.
    pub to: NaiveDate,
    /// Points lost (positive).
    pub fall: f64,
    /// The factor that lost most, and its points lost.
    pub factor: Factor,
    pub practice: Practice,
    pub factor_fall: f64,
}

/// A partner's health on the days asked for (oldest first), from the start of the
/// partnership on: days before it are left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    pub points: Vec<HealthPoint>,
}

impl History {
    /// The largest fall of the score between neighbouring samples (at least half a point).
    pub fn biggest_drop(&self) -> Option<Drop> {
        let (a, b) = self
            .points
            .windows(2)
            .map(|w| (&w[0], &w[1]))
            .filter(|(a, b)| a.total - b.total >= 0.5)
            .max_by(|(a1, b1), (a2, b2)| (a1.total - b1.total).total_cmp(&(a2.total - b2.total)))?;
        let (i, factor_fall) = (0..WEIGHTS.len())
            .map(|i| (i, a.factors[i] - b.factors[i]))
            .max_by(|x, y| x.1.total_cmp(&y.1))?;
        Some(Drop {
            from: a.day,
            to: b.day,
            fall: a.total - b.total,
            factor: WEIGHTS[i].factor,
            practice: WEIGHTS[i].practice,
            factor_fall,
        })
    }

    /// Shown score of the last sample minus that of the first.
    pub fn change(&self) -> Option<i16> {
        let (first, last) = (self.points.first()?, self.points.last()?);
        Some(i16::from(last.score()) - i16::from(first.score()))
    }
}

/// `weeks + 1` days a week apart, ending today.
pub fn weekly_days(today: NaiveDate, weeks: u32) -> Vec<NaiveDate> {
    (0..=i64::from(weeks))
        .rev()
        .map(|k| plus_days(today, -7 * k))
        .collect()
}

/// The last day of each of the `months` months before this one, then today: `months + 1`
/// days, each standing for its month.
pub fn monthly_days(today: NaiveDate, months: u32) -> Vec<NaiveDate> {
    let first_of_this = today.with_day(1).unwrap_or(today);
    let mut out: Vec<NaiveDate> = (1..=months)
        .rev()
        .filter_map(|k| {
            let first = first_of_this.checked_sub_months(chrono::Months::new(k - 1))?;
            first.pred_opt()
        })
        .collect();
    out.push(today);
    out
}

/// One partner's history on `days` (ascending), from its records.
pub fn history_of(r: &PartnerRecords<'_>, days: &[NaiveDate], today: NaiveDate) -> History {
    History {
        points: days
            .iter()
            .filter_map(|&d| health_on(r, d, today).map(|(_, h)| HealthPoint::new(d, &h)))
            .collect(),
    }
}

/// One partner's history on `days` (ascending); `None` for an unknown partner.
pub fn history(
    ws: &Workspace,
    idx: &Index,
    partner: PartnerId,
    days: &[NaiveDate],
    today: NaiveDate,
) -> Option<History> {
    let r = idx.records(ws, partner)?;
    Some(history_of(&r, days, today))
}

/// What the overview shows of a partner's last year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trend {
    /// The shown score at the end of each month of the last year (today last), from the start
    /// of the partnership on.
    pub monthly: Vec<u8>,
    /// Change of the shown score over those months (`None` with fewer than two).
    pub change: Option<i16>,
    /// Shown score 90 days ago minus today's: positive is a fall (`None` when the partnership
    /// is younger).
    pub fall: Option<i16>,
}

/// The overview's trend of one partner: 14 scored days.
pub fn trend_of(r: &PartnerRecords<'_>, today: NaiveDate) -> Trend {
    let h = history_of(r, &monthly_days(today, 12), today);
    let then = health_on(r, plus_days(today, -FALL_WINDOW_DAYS), today).map(|(_, h)| h.score());
    let now = h.points.last().map(HealthPoint::score);
    Trend {
        monthly: h.points.iter().map(HealthPoint::score).collect(),
        change: (h.points.len() >= 2).then(|| h.change()).flatten(),
        fall: then
            .zip(now)
            .map(|(then, now)| i16::from(then) - i16::from(now)),
    }
}
