//! One log entry given three ways (the dashboard's form, `partnerdeck log`, a CSV row) with the
//! same input is the same record: one builder (`model::LogEntry`) makes it for all three, with
//! the same defaults and the same refusals.

mod common;

use common::cli::{cmd_on, demo_file, load, run};
use common::screen::demo_app;
use common::{press, type_text};
use partnerdeck::model::*;

/// The record without its id (each way allocates its own).
fn comparable(x: &Interaction) -> Interaction {
    Interaction {
        id: InteractionId(0),
        ..x.clone()
    }
}

fn newest(ws: &Workspace) -> Interaction {
    let x = ws.interactions.iter().max_by_key(|x| x.id.0).unwrap();
    comparable(x)
}

#[test]
fn the_same_entry_from_the_form_the_command_line_and_a_csv_row_is_the_same_record() {
    // The form: summary, (partner), (channel: a call), (initiated by: us), when, sentiment,
    // follow-up and its due day.
    let mut app = demo_app(120, 40);
    // Signed by the same member as the commands below.
    app.doc
        .set_author(Some(Identity::new("Test", "test@example.org")));
    let partner = app.selected_partner().unwrap().name.clone();
    press(&mut app, &["l"]);
    type_text(&mut app, "  Planning call  ");
    press(&mut app, &["tab", "tab", "tab", "tab", "ctrl-u"]);
    type_text(&mut app, "2026-11-20 10:00");
    press(&mut app, &["tab"]);
    type_text(&mut app, "4");
    press(&mut app, &["tab"]);
    type_text(&mut app, "Send notes");
    press(&mut app, &["tab"]);
    type_text(&mut app, "2026-12-01");
    press(&mut app, &["enter"]);
    assert!(
        app.overlay.is_none(),
        "the form was taken: {:?}",
        app.status
    );
    let from_form = newest(app.ws());

    // The command line.
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let r = run(cmd_on(&path).args([
        "log",
        &partner,
        "  Planning call  ",
        "--when",
        "2026-11-20 10:00",
        "--sentiment",
        "4",
        "--follow-up",
        "Send notes",
        "--follow-up-due",
        "2026-12-01",
    ]));
    assert!(r.ok, "{}", r.stderr);
    let from_cli = newest(&load(&path));

    // A CSV row.
    let path = demo_file(&dir.path().join("csv"));
    let csv = dir.path().join("log.csv");
    std::fs::write(
        &csv,
        format!(
            "partner,at,summary,sentiment,follow_up,follow_up_due\n\
             {partner},2026-11-20 10:00,  Planning call  ,4,Send notes,2026-12-01\n"
        ),
    )
    .unwrap();
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "interactions", "--apply"])
        .arg(&csv));
    assert!(r.ok, "{}\n{}", r.stdout, r.stderr);
    let from_csv = newest(&load(&path));

    assert_eq!(from_form, from_cli);
    assert_eq!(from_cli, from_csv);
    assert_eq!(from_form.summary, "Planning call");
    assert_eq!(
        from_form.authors.by.as_deref(),
        Some("test"),
        "signed alike"
    );
    assert_eq!(
        (from_form.channel, from_form.initiated_by),
        (Channel::Call, Side::Us)
    );
    assert_eq!(from_form.sentiment, Some(4));
    let f = from_form.follow_up.unwrap();
    assert_eq!(
        (f.what.as_str(), f.due.to_string()),
        ("Send notes", "2026-12-01".into())
    );
}

#[test]
fn the_same_wrong_entry_is_refused_the_same_way_three_ways() {
    // A sentiment of 6: beside the form's field, as the command's message, as the row's reason.
    let mut app = demo_app(120, 40);
    let partner = app.selected_partner().unwrap().name.clone();
    press(&mut app, &["l"]);
    type_text(&mut app, "Call");
    press(&mut app, &["tab", "tab", "tab", "tab", "tab"]);
    type_text(&mut app, "6");
    press(&mut app, &["enter"]);
    let form_error = match &app.overlay {
        Some(partnerdeck::app::Overlay::Form(view)) => view
            .form
            .get(partnerdeck::app::form::FieldKey::Sentiment)
            .error
            .clone(),
        _ => None,
    };
    assert!(form_error.is_some_and(|e| e.contains("1 to 5")));

    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let r = run(cmd_on(&path).args(["log", &partner, "Call", "--sentiment", "6"]));
    assert!(!r.ok && r.stderr.contains("1 to 5"), "{}", r.stderr);

    let csv = dir.path().join("log.csv");
    std::fs::write(
        &csv,
        format!("partner,at,summary,sentiment\n{partner},2026-11-20 10:00,Call,6\n"),
    )
    .unwrap();
    let r = run(cmd_on(&path)
        .args(["import", "csv", "--kind", "interactions", "--apply"])
        .arg(&csv));
    assert!(!r.ok && r.stdout.contains("1 to 5"), "{}", r.stdout);
}
