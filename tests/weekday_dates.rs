//! Weekday names: for when something happened (a log entry, a kept or missed date, a
//! celebration) the latest such day not after today; for a due date the next one. A log entry
//! dated after today is taken only once confirmed (the form) or asked for (`log --future`).

mod common;

use common::cli::{cmd_on, demo_file, load, run};
use common::screen::{demo_app, screen};
use common::{press, type_text};
use partnerdeck::model::Outcome;

// The tests' today, 2026-11-27, is a Friday.

#[test]
fn log_when_a_weekday_is_the_last_one_and_the_future_needs_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = load(&path).interactions.len();
    for (when, want) in [
        ("sat", "2026-11-21 09:00:00"),
        ("mon 14:00", "2026-11-23 14:00:00"),
        ("fri 08:00", "2026-11-27 08:00:00"),
    ] {
        let r = run(cmd_on(&path).args(["log", "cafe lumiere", "Coffee", "--when", when]));
        assert!(r.ok, "{when}: {}", r.stderr);
        let ws = load(&path);
        assert_eq!(
            ws.interactions.last().unwrap().at.to_string(),
            want,
            "{when}"
        );
    }
    // Due dates still look ahead: a follow-up due "fri" is the next Friday.
    let r = run(cmd_on(&path).args([
        "log",
        "cafe lumiere",
        "Call",
        "--follow-up",
        "Send it",
        "--follow-up-due",
        "fri",
    ]));
    assert!(r.ok, "{}", r.stderr);
    let ws = load(&path);
    let f = ws.interactions.last().unwrap().follow_up.clone().unwrap();
    assert_eq!(f.due.to_string(), "2026-12-04");

    let r = run(cmd_on(&path).args(["log", "cafe lumiere", "Later", "--when", "+2d"]));
    assert!(!r.ok);
    assert!(
        r.stderr.contains("Sun 2026-11-29 09:00 is in the future") && r.stderr.contains("--future"),
        "{}",
        r.stderr
    );
    assert_eq!(load(&path).interactions.len(), before + 4);
    let r = run(cmd_on(&path).args(["log", "cafe lumiere", "Later", "--when", "+2d", "--future"]));
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(load(&path).interactions.len(), before + 5);
}

/// Opens the log form of the selected partner, types a summary and `when`, and saves.
fn log_when(app: &mut partnerdeck::app::App, when: &str) {
    press(app, &["l"]);
    type_text(app, "Visit");
    press(app, &["tab", "tab", "tab", "tab", "ctrl-u"]);
    type_text(app, when);
    press(app, &["enter"]);
}

#[test]
fn the_log_form_reads_a_weekday_as_the_last_one_and_asks_before_a_future_date() {
    let mut app = demo_app(120, 40);
    let n = app.ws().interactions.len();
    log_when(&mut app, "sat");
    assert_eq!(app.ws().interactions.len(), n + 1);
    let x = app.ws().interactions.iter().max_by_key(|x| x.id.0).unwrap();
    assert_eq!(x.at.date().to_string(), "2026-11-21");

    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(w, h);
        log_when(&mut app, "tomorrow");
        assert_eq!(
            app.ws().interactions.len(),
            n,
            "a future date is saved unasked"
        );
        let s = screen(&app, w, h);
        assert!(s.contains("in the future"), "{s}");
        insta::assert_snapshot!(format!("future_log_entry_asked_{w}x{h}"), s);
        press(&mut app, &["enter"]);
        assert_eq!(
            app.ws().interactions.len(),
            n + 1,
            "confirmed by saving again"
        );
    }
}

#[test]
fn kept_dates_and_celebrations_take_the_last_weekday() {
    let app = demo_app(120, 40);
    // A commitment kept "wed": the Wednesday just past.
    let open = app
        .ws()
        .commitments
        .iter()
        .position(|c| c.outcome.is_none())
        .unwrap();
    let c = &app.ws().commitments[open];
    let name = app.ws().partner_name(c.partner).unwrap();
    let mut form = partnerdeck::app::forms::commitment_form(Some(c), name);
    form.fields[4].choice = 1;
    form.fields[5].input = tui_input::Input::new("wed".into());
    let built = partnerdeck::app::forms::build(
        &mut form,
        partnerdeck::app::forms::FormTarget::Commitment(
            app.ws().commitments[open].partner,
            Some(app.ws().commitments[open].id),
        ),
        app.ws(),
        app.now,
    );
    match built {
        Some(partnerdeck::app::forms::Built::Commitment(c)) => {
            assert_eq!(c.outcome, Some(Outcome::Kept(common::day("2026-11-25"))));
        }
        other => panic!("{other:?}"),
    }
    let m = &app.ws().milestones[0].clone();
    let mut form = partnerdeck::app::forms::celebration_form(m, "esc");
    form.fields[0].input = tui_input::Input::new("Lunch".into());
    form.fields[2].input = tui_input::Input::new("thu".into());
    match partnerdeck::app::forms::build(
        &mut form,
        partnerdeck::app::forms::FormTarget::Celebration(m.id),
        app.ws(),
        app.now,
    ) {
        Some(partnerdeck::app::forms::Built::Celebration(c)) => {
            assert_eq!(c.date.to_string(), "2026-11-26");
        }
        other => panic!("{other:?} {:?}", form.fields),
    }
}
