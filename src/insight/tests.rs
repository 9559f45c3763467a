//! Whole-layer tests: a hand-computed health score, the attention queue's order across
//! partners, edge-case partners, and a large-workspace smoke test.

use super::testkit::*;
use super::*;
use crate::model::*;

/// Acme on 2025-06-30, every factor hand-computed below.
fn acme() -> (Kit, PartnerId, Vec<RecordRef>) {
    let mut k = Kit::new();
    k.ws.profile.values = strings(&["Open Source", "Equity", "Learning"]);
    k.ws.profile.needs = strings(&["Funding"]);
    k.ws.profile.offers = strings(&["Volunteers"]);
    let a = k.partner("Acme", "2025-01-01");
    let p = k.partner_mut(a);
    p.values = strings(&["open-source", "Climate", "Speed"]);
    p.offers = strings(&["funding"]);
    p.needs = strings(&["volunteers", "Office space"]);
    p.aim = "A regional open-data hub".into();
    p.phase = Phase::Active;
    k.follow_up(a, "2025-06-18", "2025-07-05", None);
    let late_follow_up = k.follow_up(a, "2025-05-15", "2025-06-20", None);
    k.talk(a, "2025-06-01", Side::Them);
    k.talk(a, "2025-05-01", Side::Us);
    k.goal(a, 0.0, Some(10.0), 5.0, "2025-01-01", Some("2025-12-31"));
    k.goal(a, 0.0, None, 0.0, "2025-01-01", None);
    k.promise(
        a,
        Side::Us,
        "2025-03-01",
        Some(Outcome::Kept(day("2025-03-01"))),
    );
    k.promise(
        a,
        Side::Us,
        "2025-04-01",
        Some(Outcome::Kept(day("2025-04-03"))),
    );
    let theirs = k.promise(a, Side::Them, "2025-06-28", None);
    k.review(a, "2025-04-01", Ratings::uniform(4), None);
    let mut r = Ratings::uniform(4);
    r.trust.score = 2;
    r.celebration.score = 2;
    k.review(a, "2025-06-01", r, None);
    let m1 = k.milestone(a, "2025-05-01", Some("2025-05-01"));
    let m2 = k.milestone(a, "2025-06-10", Some("2025-06-15"));
    let m3 = k.milestone(a, "2025-06-25", None);
    k.celebrate(a, "2025-05-02", Some(m1));
    let order = vec![
        RecordRef::Interaction(late_follow_up),
        RecordRef::Milestone(m3),
        RecordRef::Commitment(theirs),
        RecordRef::Milestone(m2),
    ];
    (k, a, order)
}

#[test]
fn health_is_the_sum_of_explained_contributions() {
    let (k, a, _) = acme();
    let idx = Index::build(&k.ws);
    let today = day("2025-06-30");
    let ins = partner_insight(&k.ws, &idx, a, today).unwrap();
    let lines: Vec<String> = ins
        .health
        .contributions
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        lines,
        vec![
            // 1 shared of 5 distinct = 20%; 20 / 50 × 12.5.
            "Aligned values: 1 of 5 values shared (20%): 5/12.5",
            "Communication: last contact 12 days ago, within the ideal 14 days: 7.5/7.5",
            "Communication: 1 of 2 open follow-ups overdue: 1.25/2.5",
            "Communication: one-sided: we started 3 of 4 interactions: 0/2.5",
            "Clear goals: 1 of 2 active goals has a target and a due date: 2.5/5",
            // 50% done, 180 of 364 days gone.
            "Clear goals: 1 of 1 measurable goal on track or ahead: 7.5/7.5",
            "Leveraged strengths: they offer 1 thing we need: 3.13/6.25",
            "Leveraged strengths: we offer 1 thing they need: 3.13/6.25",
            // (1 + 0.5) / 2 × 6.25.
            "Trust & respect: we kept 1 of 2 commitments on time, 1 late, 0 missed: 4.69/6.25",
            "Trust & respect: they kept 0 of 1 commitment on time, 0 late, 1 missed: 0/6.25",
            "Long-term view: long-term aim written: 5/5",
            "Long-term view: 1 active goal due beyond 90 days: 5/5",
            // 180 / 365 × 2.5.
            "Long-term view: partnership is 180 days old (full at 365): 1.23/2.5",
            "Improvement: last review 2025-06-01, next due 2025-08-30 (in 61 days): 7.5/7.5",
            // Mean 4 → 3.5: (1 − 0.5) × 5.
            "Improvement: mean rating fell 0.5 (4.0 → 3.5): 2.5/5",
            "Celebration: 1 celebration in the last 182 days: 7.5/7.5",
            "Celebration: 1 of 2 recent wins celebrated: 2.5/5",
        ]
    );
    let expected = 5.0
        + 7.5
        + 1.25
        + 2.5
        + 7.5
        + 3.125
        + 3.125
        + 4.6875
        + 5.0
        + 5.0
        + 180.0 / 365.0 * 2.5
        + 7.5
        + 2.5
        + 7.5
        + 2.5;
    assert!((ins.health.total() - expected).abs() < 1e-9);
    assert_eq!(ins.health.score(), 66);
    assert_eq!(ins.health.practice(Practice::Communication), (8.75, 12.5));
    let worst = ins.health.shortfalls()[0];
    // Values lack 7.5 points, the most of any factor.
    assert_eq!(worst.factor, Factor::ValuesOverlap);
}

#[test]
fn one_partners_attention_items_follow_the_urgency_order() {
    let (k, a, order) = acme();
    let idx = Index::build(&k.ws);
    let items = partner_attention(&k.ws, &idx, a, day("2025-06-30"));
    let got: Vec<(AttentionKind, RecordRef, i64)> = items
        .iter()
        .map(|i| (i.kind, i.record, i.days_overdue))
        .collect();
    assert_eq!(
        got,
        vec![
            (AttentionKind::FollowUpOverdue, order[0], 10),
            (AttentionKind::MilestoneOverdue, order[1], 5),
            (AttentionKind::TheirCommitmentOverdue, order[2], 2),
            (AttentionKind::UncelebratedWin, order[3], 15),
        ]
    );
    assert_eq!(items[0].text, "Follow-up 10 days overdue: follow up 3");
    assert_eq!(items[3].text, "Celebrate: milestone 14 (done 15 days ago)");
    assert!(items.iter().all(|i| i.partner_name == "Acme"));
}

#[test]
fn the_queue_across_partners_is_ordered_and_skips_ended_and_paused() {
    let mut k = Kit::new();
    let today = day("2025-06-30");
    // Lapsed contact: Bee 40 days (10 over max), Ant 40 days, Cat 50 days (20 over).
    let bee = k.partner("Bee", "2024-01-01");
    let ant = k.partner("Ant", "2024-01-01");
    let cat = k.partner("Cat", "2024-01-01");
    let ended = k.partner("Ended", "2024-01-01");
    let paused = k.partner("Paused", "2024-01-01");
    k.partner_mut(ended).phase = Phase::Ended;
    k.partner_mut(paused).phase = Phase::Paused;
    for p in [bee, ant, ended, paused] {
        k.talk(p, "2025-05-21", Side::Us);
    }
    k.talk(cat, "2025-05-11", Side::Them);
    // Bee: commitments both ways 3 days over, a goal behind, a dropped goal's milestone.
    let ours = k.promise(bee, Side::Us, "2025-06-27", None);
    let theirs = k.promise(bee, Side::Them, "2025-06-27", None);
    k.promise(ended, Side::Us, "2025-06-01", None);
    let behind = k.goal(
        bee,
        0.0,
        Some(100.0),
        10.0,
        "2025-06-10",
        Some("2025-07-10"),
    );
    let dropped = k.goal(bee, 0.0, None, 0.0, "2025-01-01", None);
    k.ws.goals.last_mut().unwrap().status = GoalStatus::Dropped;
    k.milestone(bee, "2025-06-01", None);
    k.ws.milestones.last_mut().unwrap().goal = Some(dropped);
    // Paused: review overdue (last 2025-03-01, next 2025-05-30: 31 days).
    k.review(paused, "2025-03-01", Ratings::uniform(3), None);

    let idx = Index::build(&k.ws);
    let items = attention(&k.ws, &idx, today);
    let got: Vec<(AttentionKind, &str, RecordRef, i64)> = items
        .iter()
        .map(|i| (i.kind, i.partner_name.as_str(), i.record, i.days_overdue))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                AttentionKind::ContactLapsed,
                "Cat",
                RecordRef::Partner(cat),
                20
            ),
            (
                AttentionKind::ContactLapsed,
                "Ant",
                RecordRef::Partner(ant),
                10
            ),
            (
                AttentionKind::ContactLapsed,
                "Bee",
                RecordRef::Partner(bee),
                10
            ),
            (
                AttentionKind::OurCommitmentOverdue,
                "Bee",
                RecordRef::Commitment(ours),
                3
            ),
            (
                AttentionKind::TheirCommitmentOverdue,
                "Bee",
                RecordRef::Commitment(theirs),
                3
            ),
            // Never reviewed: first review was due 2024-03-31, 456 days ago; ties by name.
            (
                AttentionKind::ReviewDue,
                "Ant",
                RecordRef::Partner(ant),
                456
            ),
            (
                AttentionKind::ReviewDue,
                "Bee",
                RecordRef::Partner(bee),
                456
            ),
            (
                AttentionKind::ReviewDue,
                "Cat",
                RecordRef::Partner(cat),
                456
            ),
            (
                AttentionKind::ReviewDue,
                "Paused",
                RecordRef::Partner(paused),
                31
            ),
            // 20 of 30 days gone, 10% done: (0.667 − 0.1) × 30 = 17 days behind.
            (
                AttentionKind::GoalBehind,
                "Bee",
                RecordRef::Goal(behind),
                17
            ),
        ]
    );
    assert_eq!(items[0].text, "No contact for 50 days (max 30)");
    assert_eq!(items[8].text, "Review 31 days overdue (due 2025-05-30)");
    assert_eq!(
        items[9].text,
        "Goal behind: goal 14 (10% done, 67% of the time gone)"
    );
    assert!(items.windows(2).all(|w| w[0].urgency <= w[1].urgency));

    let sums = summaries(&k.ws, &idx, today);
    let counts: Vec<(&str, usize)> = sums
        .iter()
        .map(|s| (s.name.as_str(), s.attention))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("Bee", 5),
            ("Ant", 2),
            ("Cat", 2),
            ("Ended", 0),
            ("Paused", 1)
        ]
    );
}

#[test]
fn a_partner_started_today_with_nothing_written() {
    let mut k = Kit::new();
    let a = k.partner("New", "2025-06-30");
    let idx = Index::build(&k.ws);
    let ins = partner_insight(&k.ws, &idx, a, day("2025-06-30")).unwrap();
    // Contact never (½ × 7.5), no follow-ups (2.5), first review not due (½ × 7.5), no wins (5).
    assert_eq!(ins.health.total(), 15.0);
    assert!(ins.attention.is_empty());
    let c = &ins.practices.communication;
    assert_eq!((c.days_since, c.status), (0, ContactStatus::Never));
    assert_eq!(ins.practices.values.score, None);
    assert_eq!(
        ins.health.contributions[0].to_string(),
        "Aligned values: no values are written down on either side: 0/12.5"
    );
}

#[test]
fn a_partner_starting_in_the_future() {
    let mut k = Kit::new();
    let a = k.partner("Soon", "2025-09-01");
    let idx = Index::build(&k.ws);
    let today = day("2025-06-30");
    let ins = partner_insight(&k.ws, &idx, a, today).unwrap();
    assert_eq!(ins.practices.long_term.age_days, 0);
    assert_eq!(ins.practices.communication.days_since, 0);
    assert_eq!(ins.practices.improvement.next_due, day("2025-11-30"));
    assert_eq!(ins.health.total(), 15.0);
    assert!(ins.attention.is_empty());
}

#[test]
fn a_long_silent_partner_with_no_interactions_is_lapsed() {
    let mut k = Kit::new();
    let a = k.partner("Quiet", "2025-01-01");
    let idx = Index::build(&k.ws);
    let today = day("2025-06-30");
    let items = partner_attention(&k.ws, &idx, a, today);
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "No contact since the start 180 days ago (max 30)",
            "First review 90 days overdue (due 2025-04-01)",
        ]
    );
    assert_eq!(items[0].days_overdue, 150);
}

#[test]
fn summaries_agree_with_the_full_insight() {
    let (k, a, _) = acme();
    let idx = Index::build(&k.ws);
    let today = day("2025-06-30");
    let s = &summaries(&k.ws, &idx, today)[0];
    let ins = partner_insight(&k.ws, &idx, a, today).unwrap();
    assert_eq!(s.health, ins.health.score());
    assert_eq!(s.attention, ins.attention.len());
    assert_eq!(s.days_since_contact, 12);
    assert_eq!(s.contact, ContactStatus::Fine);
    assert!(!s.review_due);
    assert!(partner_insight(&k.ws, &idx, PartnerId(999), today).is_none());
}

/// 2,000 partners with 250,000 interactions: builds and computes everything. Run with
/// `cargo test --release --lib insight::tests::large -- --ignored --nocapture` for timings.
#[test]
#[ignore]
fn large_workspace() {
    use std::time::Instant;
    let mut k = Kit::new();
    let ids: Vec<PartnerId> = (0..2000)
        .map(|i| k.partner(&format!("P{i:04}"), "2023-01-01"))
        .collect();
    let start = day("2024-01-01");
    for n in 0..250_000u64 {
        let p = ids[(n % 2000) as usize];
        let id = InteractionId(k.ws.allocate_id());
        k.ws.interactions.push(Interaction {
            authors: Default::default(),
            id,
            partner: p,
            at: super::dates::plus_days(start, (n / 2000) as i64 * 4)
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            channel: Channel::Email,
            initiated_by: if n % 3 == 0 { Side::Them } else { Side::Us },
            summary: "x".into(),
            sentiment: None,
            follow_up: (n % 10 == 0).then(|| FollowUp {
                owner: None,
                what: "y".into(),
                due: start,
                done: None,
            }),
        });
    }
    let today = day("2025-06-30");
    let t = Instant::now();
    let idx = Index::build(&k.ws);
    let built = t.elapsed();
    let t = Instant::now();
    let o = overview(&k.ws, &idx, today);
    let all = t.elapsed();
    let t = Instant::now();
    let one = partner_insight(&k.ws, &idx, ids[0], today).unwrap();
    let single = t.elapsed();
    eprintln!("index {built:?}, overview {all:?}, one partner {single:?}");
    assert_eq!(o.summaries.len(), 2000);
    assert_eq!(one.practices.communication.open_follow_ups, 125);
}
