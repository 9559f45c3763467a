//! The judges of the health factors: for each `Factor`, the fraction (0–1) of its maximum a
//! partner earns and the evidence text, following the rules documented in `health` and
//! `weights::WEIGHTS`.

use super::clarity::ClarityInsight;
use super::communication::{CommunicationInsight, ContactStatus};
use super::improvement::ImprovementInsight;
use super::practices::Practices;
use super::trust::PromiseRecord;
use super::weights::*;
use crate::model::Side;

use crate::words::plural;

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The fraction (0–1) of a factor's maximum earned, and the evidence.
pub fn judge(factor: Factor, p: &Practices) -> (f64, String) {
    match factor {
        Factor::ValuesOverlap => values(p),
        Factor::ContactRecency => recency(&p.communication),
        Factor::FollowUps => follow_ups(&p.communication),
        Factor::Balance => balance(&p.communication),
        Factor::GoalsMeasurable => measurable(&p.clarity),
        Factor::GoalsOnTrack => on_track(&p.clarity),
        Factor::TheyMeetOurNeeds => exchange(
            p.strengths.they_give.len(),
            p.strengths.our_needs_known,
            "they offer",
            "we need",
            "our needs are not written down",
        ),
        Factor::WeMeetTheirNeeds => exchange(
            p.strengths.we_give.len(),
            p.strengths.their_needs_known,
            "we offer",
            "they need",
            "their needs are not written down",
        ),
        Factor::OurPromises => promises(&p.trust.ours, Side::Us),
        Factor::TheirPromises => promises(&p.trust.theirs, Side::Them),
        Factor::AimWritten => {
            if p.long_term.has_aim {
                (1.0, "long-term aim written".into())
            } else {
                (0.0, "no long-term aim written".into())
            }
        }
        Factor::HorizonGoal => {
            let n = p.long_term.horizon_goals.len();
            if n > 0 {
                let goals = plural(n, "active goal", "active goals");
                (1.0, format!("{goals} due beyond {HORIZON_DAYS} days"))
            } else {
                (
                    0.0,
                    format!("no active goal due beyond {HORIZON_DAYS} days"),
                )
            }
        }
        Factor::Maturity => {
            let age = p.long_term.age_days;
            let f = age.min(MATURITY_FULL_DAYS) as f64 / MATURITY_FULL_DAYS as f64;
            let days = plural(age as usize, "day", "days");
            (
                f,
                format!("partnership is {days} old (full at {MATURITY_FULL_DAYS})"),
            )
        }
        Factor::ReviewSchedule => schedule(&p.improvement),
        Factor::RatingTrend => trend(&p.improvement),
        Factor::RecentCelebration => {
            let n = p.celebration.recent.len();
            let window = CELEBRATION_WINDOW_DAYS;
            if n > 0 {
                let c = plural(n, "celebration", "celebrations");
                (1.0, format!("{c} in the last {window} days"))
            } else {
                (0.0, format!("no celebration in the last {window} days"))
            }
        }
        Factor::WinsCelebrated => {
            let wins = p.celebration.recent_wins.len();
            let done = wins - p.celebration.uncelebrated.len();
            let window = CELEBRATION_WINDOW_DAYS;
            if wins == 0 {
                (
                    1.0,
                    format!("no milestones completed in the last {window} days"),
                )
            } else {
                let w = plural(wins, "recent win", "recent wins");
                (share(done, wins), format!("{done} of {w} celebrated"))
            }
        }
    }
}

fn values(p: &Practices) -> (f64, String) {
    let o = &p.values.overlap;
    match p.values.score {
        Some(score) => {
            let f = f64::from(score) / VALUES_FULL_AT_PERCENT;
            let shared = o.shared.len();
            let all = plural(o.union_len(), "value", "values");
            (f, format!("{shared} of {all} shared ({score}%)"))
        }
        None => {
            let ours = o.shared.len() + o.ours_only.len();
            let whose = match (ours, o.theirs_only.len()) {
                (0, 0) => "no values are written down on either side",
                (0, _) => "our values are not written down",
                _ => "their values are not written down",
            };
            (0.0, whose.into())
        }
    }
}

fn recency(c: &CommunicationInsight) -> (f64, String) {
    let days = plural(c.days_since as usize, "day", "days");
    let (ideal, max) = (c.ideal_days, c.max_days);
    match (c.status, c.last_contact.is_some()) {
        (ContactStatus::Fine, _) => (
            1.0,
            format!("last contact {days} ago, within the ideal {ideal} days"),
        ),
        (ContactStatus::Due, _) => (
            0.5,
            format!("last contact {days} ago, past the ideal {ideal} days (max {max})"),
        ),
        (ContactStatus::Never, _) => (
            0.5,
            format!("no contact yet, {days} since the start (max {max})"),
        ),
        (ContactStatus::Lapsed, true) => (
            0.0,
            format!("last contact {days} ago, past the maximum {max} days"),
        ),
        (ContactStatus::Lapsed, false) => (
            0.0,
            format!("no contact in the {days} since the start, past the maximum {max} days"),
        ),
    }
}

fn follow_ups(c: &CommunicationInsight) -> (f64, String) {
    let (open, overdue) = (c.open_follow_ups, c.overdue_follow_ups);
    if open == 0 {
        return (1.0, "no open follow-ups".into());
    }
    let f = share(open - overdue, open);
    let open_text = plural(open, "open follow-up", "open follow-ups");
    if overdue == 0 {
        (f, format!("{open_text}, none overdue"))
    } else {
        (f, format!("{overdue} of {open_text} overdue"))
    }
}

fn balance(c: &CommunicationInsight) -> (f64, String) {
    let n = c.recent_total();
    let window = INITIATIVE_WINDOW_DAYS;
    let all = plural(n, "interaction", "interactions");
    if n == 0 {
        return (0.0, format!("no interactions in the last {window} days"));
    }
    if n < ONE_SIDED_MIN_INTERACTIONS {
        return (
            1.0,
            format!("{all} in the last {window} days, too few to judge balance"),
        );
    }
    let ours = c.ours_recent;
    match c.one_sided {
        Some(Side::Us) => (0.0, format!("one-sided: we started {ours} of {all}")),
        Some(Side::Them) => (
            0.0,
            format!("one-sided: they started {} of {all}", c.theirs_recent),
        ),
        None => (1.0, format!("balanced: we started {ours} of {all}")),
    }
}

fn measurable(c: &ClarityInsight) -> (f64, String) {
    if c.active == 0 {
        return (0.0, "no active goals".into());
    }
    let m = c.measurable();
    let active = plural(c.active, "active goal", "active goals");
    let have = if m == 1 { "has" } else { "have" };
    (
        share(m, c.active),
        format!("{m} of {active} {have} a target and a due date"),
    )
}

fn on_track(c: &ClarityInsight) -> (f64, String) {
    let m = c.measurable();
    if m == 0 {
        return (0.0, "no measurable active goals".into());
    }
    let ok = c.healthy();
    let goals = plural(m, "measurable goal", "measurable goals");
    let mut text = format!("{ok} of {goals} on track or ahead");
    let overdue = c.tracks.iter().filter(|t| t.overdue).count();
    if overdue > 0 {
        text.push_str(&format!(", {overdue} overdue"));
    }
    (share(ok, m), text)
}

fn exchange(n: usize, known: bool, who: &str, whom: &str, unknown: &str) -> (f64, String) {
    let f = n.min(EXCHANGE_FULL_AT) as f64 / EXCHANGE_FULL_AT as f64;
    let text = if !known {
        unknown.to_string()
    } else if n == 0 {
        format!("{who} nothing {whom}")
    } else {
        format!("{who} {} {whom}", plural(n, "thing", "things"))
    };
    (f, text)
}

fn promises(rec: &PromiseRecord, side: Side) -> (f64, String) {
    let (whose, who) = match side {
        Side::Us => ("ours", "we"),
        Side::Them => ("theirs", "they"),
    };
    match rec.reliability() {
        None => (0.0, format!("no commitments of {whose} due yet")),
        Some(f) => {
            let all = plural(rec.settled(), "commitment", "commitments");
            (
                f,
                format!(
                    "{who} kept {} of {all} on time, {} late, {} missed",
                    rec.kept_on_time, rec.kept_late, rec.missed
                ),
            )
        }
    }
}

fn schedule(i: &ImprovementInsight) -> (f64, String) {
    let due = i.next_due;
    if i.overdue() {
        let days = plural(-i.days_until_due as usize, "day", "days");
        return (0.0, format!("review past due by {days} (due {due})"));
    }
    let when = match i.days_until_due {
        0 => "today".to_string(),
        n => format!("in {}", plural(n as usize, "day", "days")),
    };
    match i.last_review {
        Some(last) => (1.0, format!("last review {last}, next due {due} ({when})")),
        None => (0.5, format!("no review yet, first due {due} ({when})")),
    }
}

fn trend(i: &ImprovementInsight) -> (f64, String) {
    match (i.latest_mean, i.trend) {
        (None, _) => (0.0, "no reviews yet".into()),
        (Some(mean), None) => (0.5, format!("one review (mean {mean:.1}), no trend yet")),
        (Some(mean), Some(t)) => {
            let before = mean - t;
            if t >= 0.0 {
                let verb = if t > 0.0 { "rose" } else { "held" };
                (1.0, format!("mean rating {verb} ({before:.1} → {mean:.1})"))
            } else {
                let f = 1.0 + t / TREND_FALL_FOR_ZERO;
                (
                    f,
                    format!("mean rating fell {:.1} ({before:.1} → {mean:.1})", -t),
                )
            }
        }
    }
}
