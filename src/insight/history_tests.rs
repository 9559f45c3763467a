//! Health as of past days, checked against values computed by hand (see each figure's
//! comment), and today's value against today's score.

use super::asof::health_on;
use super::history::*;
use super::testkit::*;
use super::{Index, partner_insight, summaries};
use crate::model::{GoalStatus, Practice, Ratings};

const TODAY: &str = "2025-12-31";

/// Acme since 2025-01-01: no values, offers, needs or aim (those factors give 0 throughout).
fn acme() -> (Kit, PartnerId) {
    let mut k = Kit::new();
    let a = k.partner("Acme", "2025-01-01");
    k.talk(a, "2025-03-01", Side::Us);
    k.follow_up(a, "2025-06-10", "2025-06-20", Some("2025-07-15"));
    k.ws.interactions.last_mut().unwrap().initiated_by = Side::Them;
    k.talk(a, "2025-12-20", Side::Us);
    let m = k.milestone(a, "2025-05-01", Some("2025-05-10"));
    k.celebrate(a, "2025-05-12", Some(m));
    k.promise(
        a,
        Side::Us,
        "2025-04-01",
        Some(Outcome::Kept(day("2025-03-30"))),
    );
    k.promise(
        a,
        Side::Them,
        "2025-08-01",
        Some(Outcome::Kept(day("2025-09-01"))),
    );
    k.review(a, "2025-04-01", Ratings::uniform(4), None);
    k.review(a, "2025-10-01", Ratings::uniform(3), Some("2026-01-01"));
    // 0 → 10 by 2026-06-01 (485 days from the start), at 5 today (333 days from the start).
    k.goal(a, 0.0, Some(10.0), 5.0, "2025-02-01", Some("2026-06-01"));
    // Set after the second date: counts only on the third.
    k.goal(a, 0.0, None, 0.0, "2025-07-01", None);
    (k, a)
}

fn total_on(k: &Kit, a: PartnerId, d: &str) -> (f64, [f64; 8]) {
    k.with(a, |r| {
        let (_, h) = health_on(r, day(d), day(TODAY)).expect("after the start");
        let practices = std::array::from_fn(|i| h.practice(Practice::ALL[i]).0);
        (h.total(), practices)
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn health_on_2025_03_15_counts_only_what_existed_then() {
    let (k, a) = acme();
    let (total, p) = total_on(&k, a, "2025-03-15");
    // Communication: contact 14 days ago (fine) 7.5; the June follow-up does not exist yet
    // 2.5; one interaction in 90 days, too few to judge 2.5.
    assert!(close(p[1], 12.5), "{p:?}");
    // Clear goals: the goal is measurable 5; its measure then 5 × 42/333 = 0.63 (6.3%) against
    // 42/485 = 8.7% of its time: on track 7.5.
    assert!(close(p[2], 12.5), "{p:?}");
    // Trust: our promise is kept on 03-30 (after the day) and due 04-01: pending, nothing due.
    assert!(close(p[4], 0.0), "{p:?}");
    // Long-term: horizon goal 5; maturity 73/365 × 2.5 = 0.5.
    assert!(close(p[5], 5.5), "{p:?}");
    // Improvement: no review yet, first due 2025-04-01 (not past): 3.75; no trend 0.
    assert!(close(p[6], 3.75), "{p:?}");
    // Celebration: none yet 0; the milestone done 05-10 is still open, so no win to celebrate 5.
    assert!(close(p[7], 5.0), "{p:?}");
    assert!(close(total, 39.25), "{total}");
}

#[test]
fn health_on_2025_06_25_counts_the_follow_up_done_later_as_open() {
    let (k, a) = acme();
    let (total, p) = total_on(&k, a, "2025-06-25");
    // Communication: last contact 06-10, 15 days (due) 3.75; its follow-up (due 06-20, done
    // 07-15) open and overdue 0; one interaction in 90 days 2.5.
    assert!(close(p[1], 6.25), "{p:?}");
    // Clear goals: measure 5 × 144/333 (21.6%) against 144/485 (29.7%): on track 7.5 + 5.
    assert!(close(p[2], 12.5), "{p:?}");
    // Trust: ours kept on time 6.25; theirs not due yet 0.
    assert!(close(p[4], 6.25), "{p:?}");
    // Long-term: 5 + 175/365 × 2.5.
    assert!(close(p[5], 5.0 + 2.5 * 175.0 / 365.0), "{p:?}");
    // Improvement: reviewed 04-01, next due 06-30 7.5; one review 2.5.
    assert!(close(p[6], 10.0), "{p:?}");
    // Celebration: 05-12 within 182 days 7.5; the win of 05-10 celebrated 5.
    assert!(close(p[7], 12.5), "{p:?}");
    assert!(close(total, 52.5 + 2.5 * 175.0 / 365.0), "{total}"); // 53.70
}

#[test]
fn health_on_2025_10_15_counts_later_goals_and_late_promises() {
    let (k, a) = acme();
    let (total, p) = total_on(&k, a, "2025-10-15");
    // Communication: 127 days since 06-10 (lapsed) 0; follow-up done 2.5; none in 90 days 0.
    assert!(close(p[1], 2.5), "{p:?}");
    // Clear goals: two active goals, one measurable 2.5; its measure 5 × 256/333 (38.4%)
    // against 256/485 (52.8%): behind 0.
    assert!(close(p[2], 2.5), "{p:?}");
    // Trust: ours on time 6.25; theirs kept late (09-01 for 08-01) 3.125.
    assert!(close(p[4], 9.375), "{p:?}");
    assert!(close(p[5], 5.0 + 2.5 * 287.0 / 365.0), "{p:?}");
    // Improvement: next due 2026-01-01 7.5; mean fell 4 → 3, a whole point: 0.
    assert!(close(p[6], 7.5), "{p:?}");
    assert!(close(p[7], 12.5), "{p:?}");
    assert!(close(total, 39.375 + 2.5 * 287.0 / 365.0), "{total}"); // 41.34
}

#[test]
fn before_the_start_there_is_no_value() {
    let (k, a) = acme();
    assert!(k.with(a, |r| health_on(r, day("2024-12-31"), day(TODAY)).is_none()));
    let h = k.with(a, |r| {
        history_of(r, &weekly_days(day("2025-03-01"), 52), day(TODAY))
    });
    // 2025-01-04 is the first sample on or after the start.
    assert_eq!(h.points.first().map(|p| p.day), Some(day("2025-01-04")));
    assert_eq!(h.points.len(), 9);
}

#[test]
fn today_s_value_is_today_s_score_exactly() {
    let (k, a) = acme();
    let idx = Index::build(&k.ws);
    let today = day(TODAY);
    let now = partner_insight(&k.ws, &idx, a, today).unwrap().health;
    let h = history(&k.ws, &idx, a, &monthly_days(today, 12), today).unwrap();
    assert_eq!(h.points.last().unwrap().total, now.total());
    // And on the demo, for every partner, with its future-dated plans.
    let ws = crate::store::demo::demo_workspace(today);
    let idx = Index::build(&ws);
    for s in summaries(&ws, &idx, today) {
        let h = history(&ws, &idx, s.partner, &[today], today).unwrap();
        assert_eq!(h.points[0].score(), s.health, "{}", s.name);
        let trend = idx.records(&ws, s.partner).map(|r| trend_of(&r, today));
        assert_eq!(trend.unwrap().monthly.last(), Some(&s.health));
    }
}

#[test]
fn an_achieved_goal_was_active_until_its_last_milestone_was_done() {
    let mut k = Kit::new();
    let a = k.partner("Acme", "2025-01-01");
    let g = k.goal(a, 0.0, Some(4.0), 4.0, "2025-01-01", Some("2025-12-01"));
    k.ws.goals[0].status = GoalStatus::Achieved;
    let m = k.milestone(a, "2025-06-01", Some("2025-06-05"));
    k.ws.milestones[0].goal = Some(g);
    let today = day(TODAY);
    let active = |d: &str| {
        k.with(a, |r| {
            let (p, _) = health_on(r, day(d), today).unwrap();
            (
                p.clarity.active,
                p.clarity.tracks.first().and_then(|t| t.progress),
            )
        })
    };
    // 77 of the 155 days to its finish on 06-05: measure 4 × 77/155 of 4.
    let (n, progress) = active("2025-03-19");
    assert_eq!(n, 1);
    assert!(close(progress.unwrap(), 77.0 / 155.0));
    assert_eq!(active("2025-06-05").0, 0);
    assert_eq!(active("2025-09-01").0, 0);
    let _ = m;
}

#[test]
fn the_biggest_drop_names_its_date_and_the_factor_that_moved_most() {
    let (k, a) = acme();
    let days = [day("2025-06-25"), day("2025-10-15"), day(TODAY)];
    let h = k.with(a, |r| history_of(r, &days, day(TODAY)));
    let drop = h.biggest_drop().unwrap();
    assert_eq!((drop.from, drop.to), (day("2025-06-25"), day("2025-10-15")));
    // Lost: contact 3.75, balance 2.5, on track 7.5, measurable 2.5, rating trend 2.5; gained:
    // follow-ups, their promises, maturity.
    assert_eq!(drop.factor, crate::insight::Factor::GoalsOnTrack);
    assert!(close(drop.factor_fall, 7.5));
    assert!(close(
        drop.fall,
        52.5 + 2.5 * 175.0 / 365.0 - 39.375 - 2.5 * 287.0 / 365.0
    ));
}

#[test]
fn sampled_days() {
    let today = day("2025-03-15");
    let m = monthly_days(today, 12);
    assert_eq!(m.len(), 13);
    assert_eq!(m[0], day("2024-03-31"));
    assert_eq!(m[11], day("2025-02-28"));
    assert_eq!(m[12], today);
    let w = weekly_days(today, 52);
    assert_eq!((w.len(), w[0], w[52]), (53, day("2024-03-16"), today));
}

#[test]
fn the_trend_gives_the_year_s_change_and_the_90_day_fall() {
    let (k, a) = acme();
    let t = k.with(a, |r| trend_of(r, day(TODAY)));
    // Months from 2025-01-31 (the start) to today.
    assert_eq!(t.monthly.len(), 12);
    let h = k.with(a, |r| {
        history_of(r, &[day("2025-10-02"), day(TODAY)], day(TODAY))
    });
    let then = h.points[0].score() as i16;
    let now = h.points[1].score() as i16;
    assert_eq!(t.fall, Some(then - now));
    assert_eq!(t.change, Some(now - *t.monthly.first().unwrap() as i16));
}
