//! `partnerdeck due`: the same items, in the same order, as the dashboard's attention queue
//! (`t`), for random workspaces and days; with `--within N`, exactly what falls due in the next
//! N days; snoozing in the dashboard hides an item from both.

mod common;

use chrono::{Days, NaiveDate};
use common::day;
use partnerdeck::app::{App, Source};
use partnerdeck::export::due::json_items;
use partnerdeck::insight::{self, Index};
use partnerdeck::model::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

const BASE: &str = "2026-06-01";

fn at(offset: i64) -> NaiveDate {
    let base = day(BASE);
    if offset >= 0 {
        base + Days::new(offset as u64)
    } else {
        base - Days::new((-offset) as u64)
    }
}

/// One partner's records, dates as day offsets from `BASE`.
#[derive(Debug, Clone)]
struct Spec {
    phase: Phase,
    since: i64,
    max_days: u32,
    review_every: u32,
    contacts: Vec<(i64, Option<(i64, bool)>)>,
    milestones: Vec<(i64, bool, Option<usize>)>,
    goals: Vec<(Option<i64>, GoalStatus)>,
    commitments: Vec<(i64, Side, bool)>,
    reviews: Vec<(i64, Option<i64>)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        proptest::sample::select(Phase::ALL),
        -300i64..0,
        (5u32..60, 20u32..120),
        proptest::collection::vec(
            (
                -120i64..20,
                proptest::option::of((-40i64..40, any::<bool>())),
            ),
            0..5,
        ),
        proptest::collection::vec(
            (-40i64..40, any::<bool>(), proptest::option::of(0usize..3)),
            0..4,
        ),
        proptest::collection::vec(
            (
                proptest::option::of(-60i64..60),
                proptest::sample::select(GoalStatus::ALL),
            ),
            0..3,
        ),
        proptest::collection::vec(
            (
                -40i64..40,
                proptest::sample::select(Side::ALL),
                any::<bool>(),
            ),
            0..4,
        ),
        proptest::collection::vec((-200i64..0, proptest::option::of(-30i64..60)), 0..3),
    )
        .prop_map(
            |(
                phase,
                since,
                (max_days, review_every),
                contacts,
                milestones,
                goals,
                commitments,
                reviews,
            )| Spec {
                phase,
                since,
                max_days,
                review_every,
                contacts,
                milestones,
                goals,
                commitments,
                reviews,
            },
        )
}

fn build(specs: &[Spec]) -> Workspace {
    let mut ws = Workspace::named("Org");
    for (n, s) in specs.iter().enumerate() {
        let p = PartnerId(ws.allocate_id());
        let mut partner = Partner::new(p, format!("Partner {}", n % 3), at(s.since));
        partner.phase = s.phase;
        partner.cadence = Cadence {
            ideal_days: s.max_days.min(7),
            max_days: s.max_days,
        };
        partner.review_interval_days = s.review_every;
        ws.partners.push(partner);
        let mut goals = Vec::new();
        for (due, status) in &s.goals {
            let g = GoalId(ws.allocate_id());
            goals.push(g);
            ws.goals.push(Goal {
                authors: Default::default(),
                id: g,
                partner: p,
                title: format!("goal {}", g.0),
                metric: String::new(),
                unit: String::new(),
                baseline: 0.0,
                target: Some(10.0),
                current: 3.0,
                owner: Owner::Joint,
                start: at(due.map_or(s.since, |d| d.min(s.since))),
                due: due.map(at),
                status: *status,
            });
        }
        for (due, done, goal) in &s.milestones {
            let id = MilestoneId(ws.allocate_id());
            ws.milestones.push(Milestone {
                authors: Default::default(),
                id,
                partner: p,
                goal: goal.and_then(|i| goals.get(i).copied()),
                title: format!("milestone {}", id.0),
                due: at(*due),
                done: done.then(|| at(*due - 1)),
            });
        }
        for (when, follow) in &s.contacts {
            let id = InteractionId(ws.allocate_id());
            ws.interactions.push(Interaction {
                authors: Default::default(),
                id,
                partner: p,
                at: at(*when).and_hms_opt(10, 0, 0).unwrap(),
                channel: Channel::Call,
                initiated_by: Side::Us,
                summary: "talked".into(),
                sentiment: None,
                follow_up: follow.map(|(due, done)| FollowUp {
                    owner: None,
                    what: format!("follow up {}", id.0),
                    due: at(due),
                    done: done.then(|| at(due)),
                }),
            });
        }
        for (due, side, kept) in &s.commitments {
            let id = CommitmentId(ws.allocate_id());
            ws.commitments.push(Commitment {
                authors: Default::default(),
                owner: None,
                id,
                partner: p,
                side: *side,
                what: format!("promise {}", id.0),
                due: at(*due),
                outcome: kept.then(|| Outcome::Kept(at(*due))),
            });
        }
        for (date, next) in &s.reviews {
            let id = ReviewId(ws.allocate_id());
            ws.reviews.push(Review {
                authors: Default::default(),
                id,
                partner: p,
                date: at(*date),
                ratings: Ratings::uniform(3),
                feedback: String::new(),
                next_review: next.map(at),
            });
        }
    }
    ws.normalize();
    assert!(validate(&ws).is_empty(), "{:?}", validate(&ws));
    ws
}

/// What falls due from `today` to `today + n`, worked out from the records (reviews and contact
/// lapses from the partner's figures): the keys.
fn falling_due(ws: &Workspace, today: NaiveDate, n: u32) -> BTreeSet<String> {
    let last = today + Days::new(u64::from(n));
    let within = |d: NaiveDate| today <= d && d <= last;
    let live = |p: PartnerId| ws.partner(p).is_some_and(|p| p.phase != Phase::Ended);
    let mut out = BTreeSet::new();
    for x in &ws.interactions {
        if let Some(f) = &x.follow_up
            && f.done.is_none()
            && within(f.due)
            && live(x.partner)
        {
            out.insert(format!("followup-{}", x.id.0));
        }
    }
    for m in &ws.milestones {
        let dropped = m
            .goal
            .and_then(|g| ws.goal(g))
            .is_some_and(|g| g.status == GoalStatus::Dropped);
        if m.done.is_none() && within(m.due) && !dropped && live(m.partner) {
            out.insert(format!("milestone-{}", m.id.0));
        }
    }
    for k in &ws.commitments {
        if k.outcome.is_none() && within(k.due) && live(k.partner) {
            out.insert(format!("commitment-{}", k.id.0));
        }
    }
    for g in &ws.goals {
        if g.status == GoalStatus::Active && g.due.is_some_and(within) && live(g.partner) {
            out.insert(format!("goal-{}", g.id.0));
        }
    }
    let idx = Index::build(ws);
    for p in ws.partners.iter().filter(|p| p.phase != Phase::Ended) {
        let i = insight::partner::partner_insight(ws, &idx, p.id, today).unwrap();
        let review = &i.practices.improvement;
        if review.next_due > today && within(review.next_due) {
            out.insert(format!("review-{}", p.id.0));
        }
        let c = &i.practices.communication;
        if p.phase != Phase::Paused && c.status != insight::ContactStatus::Lapsed {
            // The first day the days since contact pass the maximum.
            let mut d = today;
            while d <= last {
                let since = c.days_since + (d - today).num_days();
                if since > i64::from(c.max_days) {
                    out.insert(format!("contact-{}", p.id.0));
                    break;
                }
                d = d + Days::new(1);
            }
        }
    }
    out
}

fn queue_keys(app: &App) -> Vec<String> {
    app.doc
        .overview()
        .attention
        .iter()
        .map(|i| i.key())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn due_lists_the_dashboards_queue_and_what_falls_due_in_the_window(
        specs in proptest::collection::vec(spec(), 1..6),
        offset in -5i64..15,
        window in 0u32..20,
        snooze in proptest::option::of((0usize..40, 1i64..4)),
    ) {
        let mut ws = build(&specs);
        let today = at(offset);
        // A snooze written in the file, as a clone of it would have it.
        if let Some((pick, days)) = snooze {
            let queue = insight::attention(&ws, &Index::build(&ws), today);
            if let Some(item) = queue.get(pick % queue.len().max(1)) {
                ws.snoozes.push(Snooze {
                    item: item.key(),
                    partner: item.partner,
                    until: today + Days::new(days as u64),
                });
            }
        }
        let app = App::new(ws.clone(), today, Source::Memory);
        let now: Vec<String> = json_items(&ws, today, None).into_iter().map(|i| i.id).collect();
        prop_assert_eq!(&now, &queue_keys(&app));
        // Every field of every item is the dashboard's.
        for (item, shown) in json_items(&ws, today, None).iter().zip(&app.doc.overview().attention) {
            prop_assert_eq!(item.label, shown.kind.label());
            prop_assert_eq!(&item.partner, &shown.partner_name);
            prop_assert_eq!(&item.subject, &shown.subject);
            prop_assert_eq!(&item.when, &shown.when);
            prop_assert_eq!(&item.text, &shown.text);
        }
        let with = json_items(&ws, today, Some(window));
        let (first, coming) = with.split_at(now.len());
        prop_assert_eq!(first.iter().map(|i| i.id.clone()).collect::<Vec<_>>(), now);
        prop_assert!(first.iter().all(|i| i.state == "now"));
        prop_assert!(coming.iter().all(|i| i.state == "coming"));
        let got: BTreeSet<String> = coming.iter().map(|i| i.id.clone()).collect();
        prop_assert_eq!(got.len(), coming.len(), "an item twice");
        let mut expected = falling_due(&ws, today, window);
        for s in ws.snoozes.iter().filter(|s| s.active(today)) {
            expected.remove(&s.item);
        }
        prop_assert_eq!(got, expected);
        // Soonest first.
        prop_assert!(coming.windows(2).all(|w| w[0].due <= w[1].due));
    }

    #[test]
    fn the_slimmed_inputs_kept_for_due_give_its_answer_on_every_day_from_theirs(
        specs in proptest::collection::vec(spec(), 1..6),
        from in -30i64..15,
        later in proptest::collection::vec(0i64..60, 1..4),
        window in proptest::option::of(0u32..20),
    ) {
        let ws = build(&specs);
        let from = at(from);
        let slim = insight::due::inputs(&ws, from);
        prop_assert!(slim.interactions.len() <= ws.interactions.len());
        for d in std::iter::once(0).chain(later) {
            let today = from + Days::new(d as u64);
            prop_assert_eq!(json_items(&slim, today, window), json_items(&ws, today, window));
        }
    }

    #[test]
    fn snoozing_in_the_dashboard_hides_the_item_from_due_until_its_day(
        specs in proptest::collection::vec(spec(), 1..5),
        offset in 0i64..10,
        pick in 0usize..30,
        week in any::<bool>(),
    ) {
        let ws = build(&specs);
        let today = at(offset);
        let mut app = App::new(ws, today, Source::Memory);
        app.resize(120, 40);
        let before = queue_keys(&app);
        prop_assume!(!before.is_empty());
        let pick = pick % before.len();
        let mut keys = vec!["t"];
        keys.extend(std::iter::repeat_n("j", pick));
        keys.push(if week { "Z" } else { "z" });
        common::press(&mut app, &keys);
        let gone = &before[pick];
        let mut expected = before.clone();
        expected.remove(pick);
        prop_assert_eq!(queue_keys(&app), expected.clone());
        // The followed queue is what a fresh build (and `due`) gives.
        let fresh = App::new(Workspace::clone(app.ws()), today, Source::Memory);
        prop_assert_eq!(queue_keys(&fresh), expected.clone());
        let due: Vec<String> = json_items(app.ws(), today, None).into_iter().map(|i| i.id).collect();
        prop_assert_eq!(due, expected);
        // Saved in the workspace, through the file.
        let text = partnerdeck::store::to_text(app.ws()).unwrap();
        prop_assert!(text.contains("snoozes"));
        let until = today + Days::new(if week { 7 } else { 1 });
        prop_assert_eq!(app.ws().snoozes.len(), 1);
        prop_assert_eq!(app.ws().snoozes[0].until, until);
        // Back on its day (if still due then): as if never snoozed.
        let back: Vec<String> = json_items(app.ws(), until, None).into_iter().map(|i| i.id).collect();
        let mut unsnoozed = Workspace::clone(app.ws());
        unsnoozed.snoozes.clear();
        let never = insight::attention(&unsnoozed, &Index::build(&unsnoozed), until);
        prop_assert_eq!(&back, &never.iter().map(|i| i.key()).collect::<Vec<_>>());
        prop_assert_eq!(back, queue_keys(&App::new(Workspace::clone(app.ws()), until, Source::Memory)));
        prop_assert!(!queue_keys(&app).contains(gone));
    }
}

#[test]
fn a_snooze_merges_like_a_workspace_list_and_survives_the_cacheless_round_trip() {
    let specs = vec![Spec {
        phase: Phase::Active,
        since: -100,
        max_days: 30,
        review_every: 365,
        contacts: vec![(-10, Some((-3, false))), (-5, Some((-2, false)))],
        milestones: vec![],
        goals: vec![],
        commitments: vec![],
        reviews: vec![],
    }];
    let base = build(&specs);
    let today = at(0);
    let queue = insight::attention(&base, &Index::build(&base), today);
    assert_eq!(queue.len(), 2);
    let snooze = |i: usize, days: u64| Snooze {
        item: queue[i].key(),
        partner: queue[i].partner,
        until: today + Days::new(days),
    };
    let mut ours = base.clone();
    ours.snoozes.push(snooze(0, 1));
    let mut theirs = base.clone();
    theirs.snoozes.push(snooze(0, 7));
    theirs.snoozes.push(snooze(1, 2));
    let merged = merge3::merge3(&base, &ours, &theirs).workspace;
    let mut expected = vec![snooze(0, 7), snooze(1, 2)];
    expected.sort_by(|a, b| a.item.cmp(&b.item));
    assert_eq!(merged.snoozes.to_vec(), expected);
    assert!(insight::attention(&merged, &Index::build(&merged), today).is_empty());
    // Un-snoozed on one side, untouched on the other: gone.
    let mut ours2 = merged.clone();
    ours2.snoozes.retain(|s| s.item != queue[1].key());
    let again = merge3::merge3(&merged, &ours2, &merged).workspace;
    assert_eq!(again.snoozes.len(), 1);
    // Through the file: a file without snoozes has no `snoozes` field at all.
    let text = partnerdeck::store::to_text(&again).unwrap();
    let back: Workspace = ron::from_str(&text).unwrap();
    assert_eq!(back, again);
    assert!(
        !partnerdeck::store::to_text(&base)
            .unwrap()
            .contains("snoozes")
    );
}
