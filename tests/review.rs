//! Partnership reviews from the keyboard: a full review, drafts kept and resumed (also after
//! reopening the file), `R` over every due partner, and actions becoming records.

mod common;

use common::screen::{demo_app, screen};
use common::{KeyCount, press, type_text};

use partnerdeck::app::review::SUMMARY;
use partnerdeck::app::{App, Overlay, Source};
use partnerdeck::model::*;
use partnerdeck::store::{self, demo::DEMO_ANCHOR, demo_workspace};

fn step(app: &App) -> usize {
    match &app.overlay {
        Some(Overlay::Review(s)) => s.step,
        _ => panic!("no review open"),
    }
}

/// Selects the partner with this name on the dashboard.
fn select(app: &mut App, name: &str) {
    press(app, &["1", "g"]);
    while app.selected_partner().unwrap().name != name {
        press(app, &["j"]);
    }
}

#[test]
fn a_full_review_with_two_actions_is_quick_and_leaves_every_record() {
    let mut app = demo_app(120, 40);
    select(&mut app, "Greenleaf Cooperative Bank");
    let pid = app.selected_partner().unwrap().id;
    let reviews = app.ws().reviews.len();
    let mut keys = KeyCount::default();
    keys.press(&mut app, &["r"]);
    insta::assert_snapshot!("review_look_back", screen(&app, 120, 40));
    keys.press(&mut app, &["enter"]);
    insta::assert_snapshot!("review_practice", screen(&app, 120, 40));
    for score in ["4", "5", "3", "4", "4", "5", "3", "4"] {
        keys.press(&mut app, &[score]);
    }
    assert_eq!(step(&app), 9);
    type_text(&mut app, "They want quarterly numbers");
    insta::assert_snapshot!("review_feedback", screen(&app, 120, 40));
    keys.add(1); // typing a sentence counts as one step of work here
    keys.press(&mut app, &["enter"]);
    type_text(&mut app, "Share Q1 figures");
    keys.press(&mut app, &["down", "right", "down"]);
    type_text(&mut app, "+10d");
    keys.press(&mut app, &["enter"]);
    type_text(&mut app, "Co-host a savings workshop");
    keys.press(&mut app, &["enter"]);
    insta::assert_snapshot!("review_actions", screen(&app, 120, 40));
    keys.press(&mut app, &["enter"]);
    insta::assert_snapshot!("review_next_date", screen(&app, 120, 40));
    keys.press(&mut app, &["enter"]);
    assert_eq!(step(&app), SUMMARY);
    insta::assert_snapshot!("review_summary", screen(&app, 120, 40));
    keys.press(&mut app, &["enter"]);
    assert!(app.overlay.is_none(), "saved and closed");
    assert!(
        keys.get() < 40,
        "a practised user needs few keys: {}",
        keys.get()
    );

    assert_eq!(app.ws().reviews.len(), reviews + 1);
    let r = app.ws().reviews.last().unwrap();
    assert_eq!(r.partner, pid);
    assert_eq!(r.ratings.values.score, 4);
    assert_eq!(r.ratings.communication.score, 5);
    assert_eq!(r.feedback, "They want quarterly numbers");
    let interval = app.ws().partner(pid).unwrap().review_interval_days;
    assert_eq!(
        r.next_review,
        Some(DEMO_ANCHOR + chrono::Days::new(interval.into()))
    );
    let links: Vec<&ReviewLink> = app
        .ws()
        .review_actions
        .iter()
        .filter(|l| l.review == r.id)
        .collect();
    assert_eq!(links.len(), 2);
    let ActionRecord::Milestone(m) = links[0].action else {
        panic!("first action is a milestone")
    };
    assert_eq!(
        app.ws().milestone(m).unwrap().due,
        DEMO_ANCHOR + chrono::Days::new(10)
    );
    let ActionRecord::Goal(g) = links[1].action else {
        panic!("second action is a goal")
    };
    assert_eq!(
        app.ws().goal(g).unwrap().title,
        "Co-host a savings workshop"
    );
    assert!(validate(app.ws()).is_empty());
    // The next review looks back at these actions.
    press(&mut app, &["r"]);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("Its actions") && s.contains("Share Q1 figures"),
        "{s}"
    );
}

#[test]
fn notes_take_digits_once_started_and_unrated_practices_block_saving() {
    let mut app = demo_app(120, 40);
    // A digit rates and goes on; ← (the note empty) comes back to write a note.
    press(&mut app, &["r", "enter", "4", "left"]);
    type_text(&mut app, "Good on 3 counts");
    let Some(Overlay::Review(s)) = &app.overlay else {
        panic!()
    };
    assert_eq!(s.scores[0], Some(4));
    assert_eq!(s.notes[0].value(), "Good on 3 counts");
    // Jump to the summary (Tab also goes through the action's three fields) and try to save.
    for _ in 0..14 {
        press(&mut app, &["tab"]);
    }
    press(&mut app, &["enter"]);
    assert_eq!(step(&app), 2, "sent to the first unrated practice");
    assert!(screen(&app, 120, 40).contains("Rate communication first"));
}

#[test]
fn an_aborted_review_is_kept_as_a_draft_and_resumes_where_it_stopped_even_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    store::save(&path, &demo_workspace(DEMO_ANCHOR)).unwrap();
    let open = || {
        let ws = store::load(&path).unwrap().unwrap().workspace;
        let mut app = App::new(ws, DEMO_ANCHOR, Source::File(path.clone()));
        app.resize(120, 40);
        app
    };
    let mut app = open();
    press(&mut app, &["r", "enter", "5", "2", "left"]);
    type_text(&mut app, "slow replies");
    press(&mut app, &["esc"]);
    assert!(screen(&app, 120, 40).contains("keep a draft"));
    press(&mut app, &["c"]);
    assert_eq!(step(&app), 2, "continue returns to the step");
    press(&mut app, &["esc", "k"]);
    assert!(app.overlay.is_none());
    drop(app);

    let mut app = open();
    assert_eq!(app.ws().drafts.len(), 1);
    press(&mut app, &["r"]);
    assert_eq!(step(&app), 2);
    let Some(Overlay::Review(s)) = &app.overlay else {
        panic!()
    };
    assert_eq!(s.scores[0], Some(5));
    assert_eq!(s.notes[1].value(), "slow replies");
    press(&mut app, &["enter"]);
    for score in ["3", "3", "3", "3", "3", "3"] {
        press(&mut app, &[score]);
    }
    // Both notes survive; feedback, actions, next review, summary.
    press(&mut app, &["enter", "enter", "enter", "enter"]);
    assert!(app.overlay.is_none());
    let app = open();
    assert!(
        app.ws().drafts.is_empty(),
        "the draft goes when the review is saved"
    );
    assert_eq!(
        app.ws().reviews.last().unwrap().ratings.communication.note,
        "slow replies"
    );
}

#[test]
fn discarding_a_review_keeps_nothing() {
    let mut app = demo_app(120, 40);
    let reviews = app.ws().reviews.len();
    press(&mut app, &["r", "enter", "4", "esc", "d"]);
    assert!(app.overlay.is_none());
    assert_eq!(app.ws().reviews.len(), reviews);
    assert!(app.ws().drafts.is_empty());
}

#[test]
fn capital_r_reviews_every_due_partner_in_turn() {
    let mut app = demo_app(120, 40);
    let due: Vec<PartnerId> = app
        .doc
        .overview()
        .summaries
        .iter()
        .filter(|s| s.review_due && s.phase != Phase::Ended)
        .map(|s| s.partner)
        .collect();
    assert!(due.len() >= 2, "the demo has several due reviews");
    press(&mut app, &["R"]);
    let mut reviewed = Vec::new();
    for n in 0..due.len() {
        let Some(Overlay::Review(s)) = &app.overlay else {
            panic!("review {n} not open")
        };
        reviewed.push(s.partner);
        assert!(screen(&app, 120, 40).contains(&format!("Review {} of {}", n + 1, due.len())));
        press(&mut app, &["enter"]);
        for _ in 0..8 {
            press(&mut app, &["3"]);
        }
        press(&mut app, &["enter", "enter", "enter", "enter"]);
    }
    assert!(app.overlay.is_none());
    reviewed.sort();
    let mut want = due.clone();
    want.sort();
    assert_eq!(reviewed, want);
    assert!(
        app.doc
            .overview()
            .summaries
            .iter()
            .all(|s| !s.review_due || s.phase == Phase::Ended)
    );
}
