//! The clock moves: a session left open past midnight moves to the new day, and entries are
//! stamped with the time they were made (to the second), not the time the session started.

mod common;

use chrono::{NaiveDateTime, TimeDelta};
use common::*;
use partnerdeck::app::{App, ManualClock, Source};
use partnerdeck::model::*;
use std::sync::Arc;

fn at(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

fn workspace_due_today() -> Workspace {
    let mut ws = small_workspace();
    let p = ws.partners[0].id;
    let m = MilestoneId(ws.allocate_id());
    ws.milestones.push(Milestone {
        authors: Default::default(),
        id: m,
        partner: p,
        goal: None,
        title: "Due on the thirtieth".into(),
        due: day("2026-11-30"),
        done: None,
    });
    ws
}

#[test]
fn a_session_open_past_midnight_moves_to_the_new_day() {
    let clock = ManualClock::new(at("2026-11-30T23:59:30"));
    let mut app = App::new(workspace_due_today(), day("2026-11-30"), Source::Memory);
    app.set_clock(Arc::new(clock.clone()));
    app.resize(120, 40);
    let before = app.scene().summary(0).unwrap().days_since_contact;
    let overdue_before = app
        .doc
        .overview()
        .attention
        .iter()
        .filter(|a| format!("{a:?}").contains("Due on the thirtieth"))
        .count();
    assert_eq!(app.time.anchor, day("2026-11-30"));

    clock.advance(TimeDelta::seconds(60));
    assert!(app.tick(), "the day changed: the screen must be redrawn");
    assert_eq!(app.today(), day("2026-12-01"));
    assert_eq!(
        app.scene().summary(0).unwrap().days_since_contact,
        before + 1
    );
    let overdue_after = app
        .doc
        .overview()
        .attention
        .iter()
        .filter(|a| format!("{a:?}").contains("Due on the thirtieth"))
        .count();
    assert!(
        overdue_after > overdue_before,
        "a milestone due yesterday is overdue after midnight"
    );
    // The timeline's today marker follows the day.
    assert_eq!(app.time.anchor, day("2026-12-01"));
    assert!(!app.tick(), "same day: nothing to rebuild");
}

#[test]
fn an_entry_is_stamped_when_it_is_made_to_the_second() {
    let clock = ManualClock::new(at("2026-11-30T09:00:00"));
    let mut app = App::new(small_workspace(), day("2026-11-30"), Source::Memory);
    app.set_clock(Arc::new(clock.clone()));
    app.resize(120, 40);
    // Five hours later, a key: the quick log takes the time of that moment.
    clock.set(
        day("2026-11-30")
            .and_hms_nano_opt(14, 0, 7, 569_951_771)
            .unwrap(),
    );
    press(&mut app, &["l"]);
    type_text(&mut app, "Called about the grant");
    press(&mut app, &["enter"]);
    let last = app.ws().interactions.iter().max_by_key(|i| i.id).unwrap();
    assert_eq!(last.summary, "Called about the grant");
    assert_eq!(last.at, at("2026-11-30T14:00:07"));
}

#[test]
fn times_are_written_to_the_second() {
    let mut ws = small_workspace();
    ws.interactions[0].at = day("2026-11-30")
        .and_hms_nano_opt(5, 13, 9, 569_951_771)
        .unwrap();
    let text = partnerdeck::store::to_text(&ws).unwrap();
    assert!(text.contains("\"2026-11-30T05:13:09\""), "{text}");
    assert!(!text.contains("05:13:09."), "no fraction of a second");
    // An older file with a fraction loads cut to the second.
    let old = text.replace(
        "\"2026-11-30T05:13:09\"",
        "\"2026-11-30T05:13:09.569951771\"",
    );
    let loaded: Workspace = partnerdeck::store::parse(&old).unwrap();
    assert_eq!(loaded.interactions[0].at, at("2026-11-30T05:13:09"));
}
