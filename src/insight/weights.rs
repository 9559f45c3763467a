//! Every tunable number of the insight layer in one place: the health-score weight table (how
//! many points each factor of each practice is worth) and the thresholds and windows the
//! practices use. Change figures here only; the other modules read them.
//!
//! # Health score
//!
//! The health score (0–100) is the sum of seventeen factors, grouped by the eight practices;
//! each practice is worth at most 12.5 points. A factor scores `max × fraction`, with the
//! fraction (0–1) given by its `rule`. Factors about chores left undone (follow-ups, wins to
//! celebrate) give full marks when there is nothing to do; factors about things done (contact,
//! goals, kept promises, reviews, celebrations) give nothing until there is evidence.

use crate::model::Practice;

/// One factor of the health score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Factor {
    ValuesOverlap,
    ContactRecency,
    FollowUps,
    Balance,
    GoalsMeasurable,
    GoalsOnTrack,
    TheyMeetOurNeeds,
    WeMeetTheirNeeds,
    OurPromises,
    TheirPromises,
    AimWritten,
    HorizonGoal,
    Maturity,
    ReviewSchedule,
    RatingTrend,
    RecentCelebration,
    WinsCelebrated,
}

/// A row of the weight table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weight {
    pub factor: Factor,
    pub practice: Practice,
    /// The most points the factor can give.
    pub max: f64,
    /// How the fraction of `max` is found (copied into the README).
    pub rule: &'static str,
}

const fn w(factor: Factor, practice: Practice, max: f64, rule: &'static str) -> Weight {
    Weight {
        factor,
        practice,
        max,
        rule,
    }
}

/// The health-score weight table, in practice order. Maxima add up to 100.
pub const WEIGHTS: [Weight; 17] = [
    w(
        Factor::ValuesOverlap,
        Practice::Values,
        12.5,
        "shared values as a share of all distinct values of both sides (Jaccard); full marks \
         from 50% overlap, proportional below; 0 while either side has no values written",
    ),
    w(
        Factor::ContactRecency,
        Practice::Communication,
        7.5,
        "last contact within the ideal cadence: full; past the ideal but within the maximum: \
         half; never contacted but the start is within the maximum: half; past the maximum: 0",
    ),
    w(
        Factor::FollowUps,
        Practice::Communication,
        2.5,
        "share of open follow-ups that are not overdue; full when none are open",
    ),
    w(
        Factor::Balance,
        Practice::Communication,
        2.5,
        "interactions of the last 90 days: one-sided (one side started 75% or more of at least \
         4): 0; otherwise full; no interactions at all: 0",
    ),
    w(
        Factor::GoalsMeasurable,
        Practice::Clarity,
        5.0,
        "share of active goals with a target and a due date; 0 without active goals",
    ),
    w(
        Factor::GoalsOnTrack,
        Practice::Clarity,
        7.5,
        "share of measurable active goals that are on track or ahead and not overdue; 0 \
         without measurable goals",
    ),
    w(
        Factor::TheyMeetOurNeeds,
        Practice::Strengths,
        6.25,
        "things they offer that we need: half per match, full from 2 matches",
    ),
    w(
        Factor::WeMeetTheirNeeds,
        Practice::Strengths,
        6.25,
        "things we offer that they need: half per match, full from 2 matches",
    ),
    w(
        Factor::OurPromises,
        Practice::Trust,
        6.25,
        "our commitments that fell due: (kept on time + half of kept late) / (kept + missed), \
         where missed includes unresolved ones past due; 0 while none has fallen due",
    ),
    w(
        Factor::TheirPromises,
        Practice::Trust,
        6.25,
        "the same for their commitments",
    ),
    w(
        Factor::AimWritten,
        Practice::LongTerm,
        5.0,
        "a long-term aim is written: full; otherwise 0",
    ),
    w(
        Factor::HorizonGoal,
        Practice::LongTerm,
        5.0,
        "an active goal is due more than 90 days from today: full; otherwise 0",
    ),
    w(
        Factor::Maturity,
        Practice::LongTerm,
        2.5,
        "age of the partnership in days / 365, at most 1",
    ),
    w(
        Factor::ReviewSchedule,
        Practice::Improvement,
        7.5,
        "next review not yet past due and a review was held: full; no review yet but the first \
         is not past due: half; review past due: 0",
    ),
    w(
        Factor::RatingTrend,
        Practice::Improvement,
        5.0,
        "mean rating of the last review minus the one before: steady or rising: full; falling: \
         1 − the fall (a fall of a whole point gives 0); one review only: half; none: 0",
    ),
    w(
        Factor::RecentCelebration,
        Practice::Celebration,
        7.5,
        "at least one celebration in the last 182 days: full; otherwise 0",
    ),
    w(
        Factor::WinsCelebrated,
        Practice::Celebration,
        5.0,
        "share of milestones completed in the last 182 days that have a celebration; full when \
         there were none",
    ),
];

/// The table row of a factor.
pub fn weight(factor: Factor) -> &'static Weight {
    WEIGHTS
        .iter()
        .find(|w| w.factor == factor)
        .expect("every factor has a row in WEIGHTS")
}

/// The most points a practice can give (12.5 each).
pub fn practice_max(practice: Practice) -> f64 {
    WEIGHTS
        .iter()
        .filter(|w| w.practice == practice)
        .map(|w| w.max)
        .sum()
}

// ---- Thresholds and windows -------------------------------------------------------------

/// Days looked back to count who started interactions ("the last 90 days", today included).
pub const INITIATIVE_WINDOW_DAYS: i64 = 90;
/// One side starting at least this percentage of interactions makes the contact one-sided.
pub const ONE_SIDED_PERCENT: usize = 75;
/// ...but only with at least this many interactions in the window.
pub const ONE_SIDED_MIN_INTERACTIONS: usize = 4;
/// Progress may trail or lead elapsed time by this fraction and still count as on track.
pub const PACE_TOLERANCE: f64 = 0.1;
/// An active goal due more than this many days ahead shows a long-term view.
pub const HORIZON_DAYS: i64 = 90;
/// Days looked back for celebrations and wins (about six months).
pub const CELEBRATION_WINDOW_DAYS: i64 = 182;
/// Values overlap (percent) that earns full marks.
pub const VALUES_FULL_AT_PERCENT: f64 = 50.0;
/// Needs met (per direction) that earn full marks.
pub const EXCHANGE_FULL_AT: usize = 2;
/// Credit for a commitment kept after its due date, relative to one kept on time.
pub const LATE_KEPT_CREDIT: f64 = 0.5;
/// Partnership age (days) that earns full maturity marks.
pub const MATURITY_FULL_DAYS: i64 = 365;
/// A fall of the mean rating by this much (on the 1–5 scale) leaves no trend marks.
pub const TREND_FALL_FOR_ZERO: f64 = 1.0;

impl Factor {
    /// The factor's name in a sentence ("contact recency").
    pub fn label(self) -> &'static str {
        match self {
            Factor::ValuesOverlap => "values overlap",
            Factor::ContactRecency => "contact recency",
            Factor::FollowUps => "follow-ups",
            Factor::Balance => "balance",
            Factor::GoalsMeasurable => "measurable goals",
            Factor::GoalsOnTrack => "goals on track",
            Factor::TheyMeetOurNeeds => "they meet our needs",
            Factor::WeMeetTheirNeeds => "we meet their needs",
            Factor::OurPromises => "our promises",
            Factor::TheirPromises => "their promises",
            Factor::AimWritten => "aim",
            Factor::HorizonGoal => "horizon",
            Factor::Maturity => "maturity",
            Factor::ReviewSchedule => "review schedule",
            Factor::RatingTrend => "rating trend",
            Factor::RecentCelebration => "recent celebration",
            Factor::WinsCelebrated => "wins celebrated",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_adds_up_to_one_hundred_with_each_practice_at_twelve_and_a_half() {
        let total: f64 = WEIGHTS.iter().map(|w| w.max).sum();
        assert_eq!(total, 100.0);
        for p in Practice::ALL {
            assert_eq!(practice_max(*p), 12.5, "{p:?}");
        }
    }

    #[test]
    fn every_factor_has_exactly_one_row_in_practice_order() {
        let mut factors: Vec<Factor> = WEIGHTS.iter().map(|w| w.factor).collect();
        factors.sort();
        factors.dedup();
        assert_eq!(factors.len(), WEIGHTS.len());
        assert!(WEIGHTS.windows(2).all(|p| p[0].practice <= p[1].practice));
        assert_eq!(weight(Factor::Maturity).max, 2.5);
    }
}
