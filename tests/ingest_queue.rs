//! The dashboard's review queue: opened by its key over the watched folders (read in the
//! background), grouped by partner newest first; accept, skip (remembered), accept a partner's
//! all, reassign with a fuzzy pick, edit before accepting; undo takes a batch back. Snapshots
//! at 80×24 and 120×40, drawn without colour (as under NO_COLOR).

mod common;

use common::ingest_fixture::{corpus, workspace};
use common::screen::{press_bound, screen};
use partnerdeck::app::{Action, App, Context, Source};
use partnerdeck::model::*;

fn app(w: u16, h: u16, dir: &std::path::Path) -> App {
    let mut app = App::new(workspace(), "2026-12-07".parse().unwrap(), Source::Memory);
    app.resize(w, h);
    app.watch_folders(corpus(dir));
    app.update(Action::Ingest);
    app.finish_inbox();
    app
}

#[test]
fn the_queue_at_both_sizes() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = app(w, h, dir.path());
        assert_eq!(app.context(), Context::Ingest);
        insta::assert_snapshot!(format!("queue_{w}x{h}"), screen(&app, w, h));
        press_bound(&mut app, &["r"]);
        for c in "beta".chars() {
            app.handle_key(partnerdeck::keymap::Key::char(c));
        }
        insta::assert_snapshot!(format!("queue_pick_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn accept_skip_partner_batch_reassign_edit_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(120, 40, dir.path());
    let waiting = |app: &App| match &app.overlay {
        Some(partnerdeck::app::Overlay::Ingest(v)) => v.waiting(),
        _ => usize::MAX,
    };
    assert_eq!(waiting(&app), 17);
    let entries = app.ws().interactions.len();
    // Accept the first (Acme's coming board day: a milestone), skip the next (a contact).
    press_bound(&mut app, &["enter"]);
    assert_eq!(app.ws().milestones.len(), 1);
    press_bound(&mut app, &["s"]);
    assert_eq!(waiting(&app), 15);
    assert!(app.ws().ingested.iter().any(|i| i.skipped));
    // Everything else of Acme at once: 5 log entries; undo takes the batch back.
    press_bound(&mut app, &["A"]);
    assert_eq!(app.ws().interactions.len(), entries + 5);
    assert_eq!(waiting(&app), 10);
    press_bound(&mut app, &["u"]);
    assert_eq!(app.ws().interactions.len(), entries);
    assert_eq!(waiting(&app), 15, "the batch is back in the queue");
    assert_eq!(app.context(), Context::Ingest);
    // Reassign the third row (Acme's board day of 1 December) to Beta Collective by a fuzzy
    // name, then accept it there.
    press_bound(&mut app, &["j", "j"]);
    let Some(partnerdeck::app::Overlay::Ingest(v)) = &app.overlay else {
        panic!()
    };
    let before = v.selected().unwrap().clone();
    assert_eq!(
        (before.partner_name.as_str(), before.summary.as_str()),
        ("Acme Ltd", "Board day")
    );
    press_bound(&mut app, &["r"]);
    for c in "bta col".chars() {
        app.handle_key(partnerdeck::keymap::Key::char(c));
    }
    press_bound(&mut app, &["enter"]);
    let Some(partnerdeck::app::Overlay::Ingest(v)) = &app.overlay else {
        panic!()
    };
    let moved = v.selected().unwrap().clone();
    assert_eq!(
        (moved.partner_name.as_str(), moved.source.as_str()),
        ("Beta Collective", before.source.as_str())
    );
    press_bound(&mut app, &["enter"]);
    let last = app
        .ws()
        .interactions
        .iter()
        .max_by_key(|i| i.id)
        .unwrap()
        .clone();
    assert_eq!(
        (last.partner, last.summary.as_str()),
        (PartnerId(3), moved.summary.as_str())
    );
    // Edit before accepting: the form is the log entry's, filled in; saving accepts.
    press_bound(&mut app, &["e"]);
    assert_eq!(app.context(), Context::Form);
    app.handle_key(partnerdeck::keymap::Key::parse("ctrl-u").unwrap());
    for c in "Board day, edited".chars() {
        app.handle_key(partnerdeck::keymap::Key::char(c));
    }
    press_bound(&mut app, &["enter"]);
    assert_eq!(app.context(), Context::Ingest, "{:?}", app.status);
    assert!(
        app.ws()
            .interactions
            .iter()
            .any(|i| i.summary == "Board day, edited")
    );
    assert_eq!(waiting(&app), 13);
    // Accepting counts for the cadence as a typed entry: Beta's last contact is the day of
    // the mail given to it (its only log entry).
    let beta = app
        .doc
        .overview()
        .summaries
        .iter()
        .find(|s| s.partner == PartnerId(3));
    assert_eq!(beta.unwrap().last_contact, Some(moved.at.date()));
}

/// At start the watched folders are read in the background; when proposals wait the queue opens
/// on its own, and keys that decide wait until typing meant for the dashboard has stopped.
#[test]
fn proposals_waiting_at_start_open_the_queue_and_early_keys_decide_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(workspace(), "2026-12-07".parse().unwrap(), Source::Memory);
    let clock = std::sync::Arc::new(partnerdeck::app::ManualClock::new(
        "2026-12-07T12:00:00".parse().unwrap(),
    ));
    app.set_clock(clock.clone());
    app.resize(80, 24);
    app.watch_folders(corpus(dir.path()));
    assert!(app.start_inbox_read(true));
    assert_eq!(
        app.context(),
        Context::Dashboard,
        "the read never holds a key up"
    );
    app.finish_inbox();
    assert_eq!(app.context(), Context::Ingest);
    assert!(app.status.as_ref().unwrap().text.contains("17 proposals"));
    press_bound(&mut app, &["enter"]);
    assert!(app.ws().ingested.is_empty(), "an early key decided nothing");
    clock.advance(chrono::TimeDelta::seconds(2));
    press_bound(&mut app, &["enter"]);
    assert_eq!(app.ws().ingested.len(), 1);
}
