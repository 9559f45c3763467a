//! A follow-up without a date is due a week after the contact, whichever way it comes in: the
//! log form, `partnerdeck log`, CSV import (one default, `FollowUp::after` in the model).

mod common;

use common::cli::{cmd_on, demo_file, load, run};
use common::screen::demo_app;
use common::{press, type_text};
use partnerdeck::model::FollowUp;

#[test]
fn a_follow_up_without_a_date_is_due_a_week_later_in_all_three_ways_in() {
    let week = |at: chrono::NaiveDate| at + chrono::Days::new(FollowUp::DEFAULT_DAYS);
    assert_eq!(FollowUp::DEFAULT_DAYS, 7);

    // The form.
    let mut app = demo_app(120, 40);
    press(&mut app, &["l"]);
    type_text(&mut app, "Talk");
    press(&mut app, &["tab", "tab", "tab", "tab", "ctrl-u"]);
    type_text(&mut app, "tue");
    press(&mut app, &["tab", "tab"]);
    type_text(&mut app, "Send notes");
    press(&mut app, &["enter"]);
    let x = app.ws().interactions.iter().max_by_key(|x| x.id.0).unwrap();
    assert_eq!(x.summary, "Talk");
    let f = x.follow_up.as_ref().unwrap();
    assert_eq!(f.due, week(x.at.date()));

    // The command line.
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let r = run(cmd_on(&path).args([
        "log",
        "cafe lumiere",
        "Talk",
        "--when",
        "tue",
        "--follow-up",
        "Send notes",
    ]));
    assert!(r.ok, "{}", r.stderr);
    let ws = load(&path);
    let x = ws.interactions.iter().max_by_key(|x| x.id.0).unwrap();
    assert_eq!(x.follow_up.as_ref().unwrap().due, week(x.at.date()));

    // CSV import.
    let csv = dir.path().join("log.csv");
    std::fs::write(
        &csv,
        "partner,at,summary,follow_up\nCafé Lumière,2026-11-20 10:00,Imported,Send notes\n",
    )
    .unwrap();
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "interactions", "--apply"])
        .arg(&csv));
    assert!(r.ok, "{}\n{}", r.stdout, r.stderr);
    let ws = load(&path);
    let x = ws
        .interactions
        .iter()
        .find(|x| x.summary == "Imported")
        .unwrap();
    assert_eq!(x.follow_up.as_ref().unwrap().due.to_string(), "2026-11-27");
}
