//! The text of a form kept when a session ends records what its dates meant then (`now`, `fri`
//! resolved), not words that would mean another day when read later.

mod common;

use common::screen::demo_app;
use common::{press, type_text};

#[test]
fn kept_form_text_has_the_resolved_time_not_now() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["l"]);
    type_text(&mut app, "Coffee chat");
    // Follow-up: "Send notes", due "fri".
    press(&mut app, &["tab", "tab", "tab", "tab", "tab", "tab"]);
    type_text(&mut app, "Send notes");
    press(&mut app, &["tab"]);
    type_text(&mut app, "fri");
    let note = app.rescue().expect("a typed form is kept").note.unwrap();
    let now = app.now.format("%Y-%m-%d %H:%M").to_string();
    assert!(
        note.contains(&format!("When: {now} (typed as `now`)")),
        "{note}"
    );
    assert!(
        note.contains("Follow-up due: 2026-12-04 (typed as `fri`)"),
        "{note}"
    );
    assert!(!note.contains("When: now"), "{note}");
    assert!(note.contains("Summary: Coffee chat\n"), "{note}");
}
