//! Practice 3, clear goals: which active goals are measurable (a target and a due date), how
//! each measurable goal's progress compares with the time gone, and which are overdue.

use super::dates::days_between;
use super::index::PartnerRecords;
use super::weights::PACE_TOLERANCE;
use crate::model::{Goal, GoalId, GoalStatus};
use chrono::NaiveDate;

/// Progress against time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pace {
    /// Progress leads the time gone by more than the tolerance (0.1).
    Ahead,
    /// Within the tolerance either way.
    OnTrack,
    /// Progress trails the time gone by more than the tolerance.
    Behind,
}

impl Pace {
    pub fn label(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::OnTrack => "on track",
            Pace::Behind => "behind",
        }
    }
}

/// How one measurable active goal is doing.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalTrack {
    pub goal: GoalId,
    /// `Goal::progress()`: 0–1, `None` when the target equals the baseline and is not met.
    pub progress: Option<f64>,
    /// Share of the time from start to due that has gone, 0–1. A goal whose due date is not
    /// after its start has 0 before the due date and 1 from it.
    pub elapsed: f64,
    /// `None` when progress is unknown.
    pub pace: Option<Pace>,
    /// Due before today.
    pub overdue: bool,
    /// Days past the due date when overdue; otherwise, when behind, how many days of the
    /// schedule progress trails: (elapsed − progress) × (due − start), rounded; else 0.
    pub days_late: i64,
}

impl GoalTrack {
    /// On track or ahead, with known progress, and not overdue.
    pub fn is_healthy(&self) -> bool {
        matches!(self.pace, Some(Pace::Ahead | Pace::OnTrack)) && !self.overdue
    }
}

/// Clarity of one partner's goals.
#[derive(Debug, Clone, PartialEq)]
pub struct ClarityInsight {
    /// Active goals.
    pub active: usize,
    /// Measurable active goals (target and due date), by start date.
    pub tracks: Vec<GoalTrack>,
    /// Active goals lacking a target or a due date.
    pub unmeasurable: Vec<GoalId>,
    /// Active goals (measurable or not) due before today.
    pub overdue: Vec<GoalId>,
}

impl ClarityInsight {
    pub fn measurable(&self) -> usize {
        self.tracks.len()
    }

    pub fn count(&self, pace: Pace) -> usize {
        self.tracks.iter().filter(|t| t.pace == Some(pace)).count()
    }

    pub fn healthy(&self) -> usize {
        self.tracks.iter().filter(|t| t.is_healthy()).count()
    }
}

/// Share of the time from `start` to `due` gone by `today`, 0–1.
pub fn elapsed(start: NaiveDate, due: NaiveDate, today: NaiveDate) -> f64 {
    let span = days_between(start, due);
    if span <= 0 {
        return if today >= due { 1.0 } else { 0.0 };
    }
    (days_between(start, today) as f64 / span as f64).clamp(0.0, 1.0)
}

/// The pace of a progress against an elapsed share.
pub fn pace(progress: f64, elapsed: f64) -> Pace {
    // The epsilon keeps a lead of exactly the tolerance "on track" despite rounding.
    let lead = progress - elapsed;
    if lead > PACE_TOLERANCE + 1e-9 {
        Pace::Ahead
    } else if lead < -PACE_TOLERANCE - 1e-9 {
        Pace::Behind
    } else {
        Pace::OnTrack
    }
}

/// The track of an active goal with a target and a due date.
pub fn track(goal: &Goal, due: NaiveDate, today: NaiveDate) -> GoalTrack {
    let progress = goal.progress();
    let elapsed = elapsed(goal.start, due, today);
    let pace = progress.map(|p| pace(p, elapsed));
    let overdue = due < today;
    let days_late = if overdue {
        days_between(due, today)
    } else if let (Some(Pace::Behind), Some(p)) = (pace, progress) {
        ((elapsed - p) * days_between(goal.start, due) as f64).round() as i64
    } else {
        0
    };
    GoalTrack {
        goal: goal.id,
        progress,
        elapsed,
        pace,
        overdue,
        days_late,
    }
}

/// Goal clarity for one partner.
pub fn assess(r: &PartnerRecords<'_>, today: NaiveDate) -> ClarityInsight {
    let mut out = ClarityInsight {
        active: 0,
        tracks: Vec::new(),
        unmeasurable: Vec::new(),
        overdue: Vec::new(),
    };
    for g in r.goals.iter().filter(|g| g.status == GoalStatus::Active) {
        out.active += 1;
        if g.due.is_some_and(|d| d < today) {
            out.overdue.push(g.id);
        }
        match (g.target, g.due) {
            (Some(_), Some(due)) => out.tracks.push(track(g, due, today)),
            _ => out.unmeasurable.push(g.id),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::*;

    #[test]
    fn pace_uses_a_tolerance_of_a_tenth() {
        assert_eq!(pace(0.6, 0.5), Pace::OnTrack);
        assert_eq!(pace(0.4, 0.5), Pace::OnTrack);
        assert_eq!(pace(0.61, 0.5), Pace::Ahead);
        assert_eq!(pace(0.39, 0.5), Pace::Behind);
    }

    #[test]
    fn elapsed_share_of_the_time_line() {
        let (s, d) = (day("2025-01-01"), day("2025-01-11"));
        assert_eq!(elapsed(s, d, day("2024-12-01")), 0.0);
        assert_eq!(elapsed(s, d, day("2025-01-05")), 0.4);
        assert_eq!(elapsed(s, d, day("2025-02-01")), 1.0);
    }

    #[test]
    fn measurable_goals_are_tracked() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        // 100 days, 40 gone on 2025-02-10.
        let ahead = k.goal(a, 0.0, Some(10.0), 6.0, "2025-01-01", Some("2025-04-11"));
        let on = k.goal(a, 0.0, Some(10.0), 4.0, "2025-01-01", Some("2025-04-11"));
        let behind = k.goal(a, 0.0, Some(10.0), 1.0, "2025-01-01", Some("2025-04-11"));
        let vague = k.goal(a, 0.0, None, 1.0, "2025-01-01", Some("2025-04-11"));
        let undated = k.goal(a, 0.0, Some(10.0), 1.0, "2025-01-01", None);
        let dropped = k.goal(a, 0.0, Some(10.0), 1.0, "2025-01-01", Some("2025-01-02"));
        k.ws.goals
            .iter_mut()
            .find(|g| g.id == dropped)
            .unwrap()
            .status = GoalStatus::Dropped;
        let c = k.with(a, |r| assess(r, day("2025-02-10")));
        assert_eq!(c.active, 5);
        assert_eq!(c.unmeasurable, vec![vague, undated]);
        assert!(c.overdue.is_empty());
        let paces: Vec<(GoalId, Option<Pace>)> =
            c.tracks.iter().map(|t| (t.goal, t.pace)).collect();
        assert_eq!(
            paces,
            vec![
                (ahead, Some(Pace::Ahead)),
                (on, Some(Pace::OnTrack)),
                (behind, Some(Pace::Behind))
            ]
        );
        // Behind: (0.4 − 0.1) × 100 days = 30 days.
        assert_eq!(c.tracks[2].days_late, 30);
        assert_eq!(c.healthy(), 2);
        assert_eq!(c.count(Pace::Behind), 1);
    }

    #[test]
    fn decreasing_goals_progress_towards_a_lower_target() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        // From 100 down to 50, now 75: half way, with half the time gone.
        k.goal(a, 100.0, Some(50.0), 75.0, "2025-01-01", Some("2025-01-21"));
        let c = k.with(a, |r| assess(r, day("2025-01-11")));
        assert_eq!(c.tracks[0].progress, Some(0.5));
        assert_eq!(c.tracks[0].elapsed, 0.5);
        assert_eq!(c.tracks[0].pace, Some(Pace::OnTrack));
        // Moving the wrong way clamps to 0.
        k.ws.goals[0].current = 120.0;
        let c = k.with(a, |r| assess(r, day("2025-01-11")));
        assert_eq!(c.tracks[0].progress, Some(0.0));
        assert_eq!(c.tracks[0].pace, Some(Pace::Behind));
        assert_eq!(c.tracks[0].days_late, 10);
    }

    #[test]
    fn zero_length_goals() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        k.goal(a, 0.0, Some(1.0), 0.0, "2025-03-01", Some("2025-03-01"));
        let before = k.with(a, |r| assess(r, day("2025-02-28")));
        assert_eq!(before.tracks[0].elapsed, 0.0);
        assert_eq!(before.tracks[0].pace, Some(Pace::OnTrack));
        let on_the_day = k.with(a, |r| assess(r, day("2025-03-01")));
        assert_eq!(on_the_day.tracks[0].elapsed, 1.0);
        assert_eq!(on_the_day.tracks[0].pace, Some(Pace::Behind));
        assert!(!on_the_day.tracks[0].overdue);
        assert_eq!(on_the_day.tracks[0].days_late, 0);
        let after = k.with(a, |r| assess(r, day("2025-03-04")));
        assert!(after.tracks[0].overdue);
        assert_eq!(after.tracks[0].days_late, 3);
        assert_eq!(after.overdue.len(), 1);
    }

    #[test]
    fn target_equal_to_baseline_has_unknown_progress() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        k.goal(a, 5.0, Some(5.0), 3.0, "2025-01-01", Some("2025-12-31"));
        let c = k.with(a, |r| assess(r, day("2025-02-01")));
        assert_eq!(c.tracks[0].progress, None);
        assert_eq!(c.tracks[0].pace, None);
        assert!(!c.tracks[0].is_healthy());
    }

    #[test]
    fn no_goals() {
        let mut k = Kit::new();
        let a = k.partner("Acme", "2025-01-01");
        let c = k.with(a, |r| assess(r, day("2025-02-01")));
        assert_eq!((c.active, c.measurable()), (0, 0));
    }
}
