//! One partner's records as they stood on a past day (`Past`), and the health and practices
//! computed from them (`health_on`): the same scoring as today's, run on what existed then.
//!
//! What "as it stood on day D" means, record kind by record kind (D before today; on or after
//! today the records are taken as they are, so today's value is today's score exactly):
//!
//! * **Partner**: absent before its `since` (no value). Its values, offers, needs, aim,
//!   cadence, review interval and phase are today's: the file keeps no history of them, and
//!   likewise our profile.
//! * **Goals**: left out when they start after D. An achieved or dropped goal counts as active
//!   until it was finished: the latest completion of its milestones when all of them are done,
//!   else its due date (without either, it was finished all along). The goal's measure is only
//!   known today: before then it is taken as moving in a straight line from its baseline at the
//!   start to today's value (to its value on the day an achieved or dropped goal was finished).
//! * **Milestones**: those done after D are open.
//! * **Log entries**: left out when after D; a follow-up done after D is open.
//! * **Commitments**: kept or missed after D are pending (so past due on D means missed, as
//!   the trust practice counts it then).
//! * **Reviews** and **celebrations**: left out when dated after D.
//! * **Review drafts** count for nothing in the score, now or then.
//!
//! Only the records that change are copied (most are shared with the workspace), so one day
//! costs about as much as today's score of the partner.

use super::dates::days_between;
use super::health::{Health, health};
use super::index::PartnerRecords;
use super::practices::{Practices, practices};
use crate::model::*;
use chrono::NaiveDate;

/// The copies of a partner's records that differ on a past day, in the records' order.
#[derive(Debug, Default)]
pub struct Past {
    day: NaiveDate,
    goals: Vec<Goal>,
    milestones: Vec<Milestone>,
    interactions: Vec<Interaction>,
    commitments: Vec<Commitment>,
}

/// When a goal that is no longer active was finished (see the module notes); `None` when it
/// was finished all along as far as the file tells.
fn finished_on(g: &Goal, milestones: &[&Milestone]) -> Option<NaiveDate> {
    if g.status == GoalStatus::Active {
        return None;
    }
    let mut own = milestones
        .iter()
        .filter(|m| m.goal == Some(g.id))
        .peekable();
    if own.peek().is_some() {
        let mut latest = None;
        for m in own {
            match m.done {
                Some(d) => latest = latest.max(Some(d)),
                None => return g.due,
            }
        }
        return latest;
    }
    g.due
}

/// How a goal differed on `day`: whether it was still active then (reopened), and its measure
/// then when that differs from the recorded one.
fn goal_change(
    g: &Goal,
    milestones: &[&Milestone],
    day: NaiveDate,
    today: NaiveDate,
) -> (bool, Option<f64>) {
    let finished = finished_on(g, milestones);
    let reopened = finished.is_some_and(|f| day < f);
    // The day its recorded value was reached: when it was finished, else today.
    let reached = if g.status == GoalStatus::Active {
        Some(today)
    } else {
        finished
    };
    let measure = match reached {
        Some(end) if day < end => {
            let span = days_between(g.start, end);
            let share = if span > 0 {
                (days_between(g.start, day) as f64 / span as f64).clamp(0.0, 1.0)
            } else {
                1.0
            };
            Some(g.baseline + (g.current - g.baseline) * share)
        }
        _ => None,
    };
    (reopened, measure)
}

fn goal_differs(g: &Goal, milestones: &[&Milestone], day: NaiveDate, today: NaiveDate) -> bool {
    let (reopened, measure) = goal_change(g, milestones, day, today);
    reopened || measure.is_some()
}

/// The goal as it stood on `day`, when it differs from the record.
fn goal_on(g: &Goal, milestones: &[&Milestone], day: NaiveDate, today: NaiveDate) -> Option<Goal> {
    let (reopened, measure) = goal_change(g, milestones, day, today);
    if !reopened && measure.is_none() {
        return None;
    }
    let mut then = g.clone();
    if reopened {
        then.status = GoalStatus::Active;
    }
    if let Some(m) = measure {
        then.current = m;
    }
    Some(then)
}

fn milestone_on(m: &Milestone, day: NaiveDate) -> Option<Milestone> {
    m.done.filter(|d| *d > day).map(|_| Milestone {
        done: None,
        ..m.clone()
    })
}

fn interaction_on(x: &Interaction, day: NaiveDate) -> Option<Interaction> {
    let f = x.follow_up.as_ref()?;
    f.done.filter(|d| *d > day).map(|_| {
        let mut then = x.clone();
        if let Some(f) = &mut then.follow_up {
            f.done = None;
        }
        then
    })
}

fn commitment_differs(c: &Commitment, day: NaiveDate) -> bool {
    matches!(c.outcome, Some(Outcome::Kept(on) | Outcome::Missed(on)) if on > day)
}

fn commitment_on(c: &Commitment, day: NaiveDate) -> Option<Commitment> {
    commitment_differs(c, day).then(|| Commitment {
        outcome: None,
        ..c.clone()
    })
}

/// Records (sorted by `key`) dated on or before `day`: a binary search.
fn upto<T>(list: &[&T], day: NaiveDate, key: impl Fn(&T) -> NaiveDate) -> usize {
    list.partition_point(|r| key(r) <= day)
}

impl Past {
    /// The records of `r` that differ on `day` (nothing when `day` is today or later).
    pub fn of(r: &PartnerRecords<'_>, day: NaiveDate, today: NaiveDate) -> Past {
        let mut past = Past {
            day,
            ..Past::default()
        };
        if day >= today {
            return past;
        }
        past.goals = r
            .goals
            .iter()
            .filter(|g| g.start <= day)
            .filter_map(|g| goal_on(g, &r.milestones, day, today))
            .collect();
        past.milestones = r
            .milestones
            .iter()
            .filter_map(|m| milestone_on(m, day))
            .collect();
        let n = upto(&r.interactions, day, |x| x.at.date());
        past.interactions = r.interactions[..n]
            .iter()
            .filter_map(|x| interaction_on(x, day))
            .collect();
        past.commitments = r
            .commitments
            .iter()
            .filter_map(|c| commitment_on(c, day))
            .collect();
        past
    }

    /// `r` as it stood on the day: the changed records from `self`, the others shared.
    pub fn view<'b>(&'b self, r: &PartnerRecords<'b>, today: NaiveDate) -> PartnerRecords<'b> {
        let day = self.day;
        if day >= today {
            return r.clone();
        }
        fn merge<'b, T>(
            list: &[&'b T],
            changed: &'b [T],
            differs: impl Fn(&T) -> bool,
        ) -> Vec<&'b T> {
            let mut copies = changed.iter();
            list.iter()
                .map(|x| {
                    if differs(x) {
                        copies.next().unwrap_or(x)
                    } else {
                        x
                    }
                })
                .collect()
        }
        let goals: Vec<&Goal> = r.goals.iter().copied().filter(|g| g.start <= day).collect();
        let n = upto(&r.interactions, day, |x| x.at.date());
        PartnerRecords {
            profile: r.profile,
            partner: r.partner,
            goals: merge(&goals, &self.goals, |g| {
                goal_differs(g, &r.milestones, day, today)
            }),
            milestones: merge(&r.milestones, &self.milestones, |m| {
                m.done.is_some_and(|d| d > day)
            }),
            interactions: merge(&r.interactions[..n], &self.interactions, |x| {
                x.follow_up
                    .as_ref()
                    .is_some_and(|f| f.done.is_some_and(|d| d > day))
            }),
            commitments: merge(&r.commitments, &self.commitments, |c| {
                commitment_differs(c, day)
            }),
            reviews: r.reviews[..upto(&r.reviews, day, |x| x.date)].to_vec(),
            celebrations: r.celebrations[..upto(&r.celebrations, day, |x| x.date)].to_vec(),
        }
    }
}

/// A partner's practices and health as they stood on `day` (see the module notes); `None`
/// before the partnership began.
pub fn health_on(
    r: &PartnerRecords<'_>,
    day: NaiveDate,
    today: NaiveDate,
) -> Option<(Practices, Health)> {
    if day < r.partner.since {
        return None;
    }
    let past = Past::of(r, day, today);
    let then = past.view(r, today);
    let p = practices(&then, day);
    let h = health(&p);
    Some((p, h))
}
