//! Keys rebound in the configuration work in forms and in reviews (typing, choices, ratings,
//! the question when a review stops), and the hints on screen name the new keys.

mod common;

use common::screen::screen;
use common::{press, type_text};

use partnerdeck::app::form::FieldKey;
use partnerdeck::app::{App, FormView, Overlay, Source};
use partnerdeck::model::*;
use partnerdeck::store::demo::{DEMO_ANCHOR, demo_workspace};

fn keymap(text: &str) -> partnerdeck::keymap::Keymap {
    let settings = common::settings(text);
    assert!(settings.warnings.is_empty(), "{:?}", settings.warnings);
    settings.keymap
}

fn form_field(app: &App, key: FieldKey) -> String {
    match &app.overlay {
        Some(Overlay::Form(FormView { form, .. })) => form.get(key).value().to_string(),
        _ => panic!("no form open:\n{}", screen(app, 120, 40)),
    }
}

#[test]
fn a_rebound_key_works_in_a_form_and_its_hints_name_it() {
    let mut app = App::new(
        Workspace::named("Test"),
        "2026-11-27".parse().unwrap(),
        Source::Memory,
    );
    app.keymap = keymap(
        r#"(keymap: {
            "submit": ["ctrl-s"],
            "line_start": ["ctrl-b"],
            "choice_next": ["+"],
        })"#,
    );
    app.resize(120, 40);
    press(&mut app, &["a"]);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Ctrl-s save"), "{shown}");
    assert!(!shown.contains("Enter save"), "{shown}");

    // Text editing: the rebound motion moves the cursor; characters are still typed.
    type_text(&mut app, "arbour Trust");
    press(&mut app, &["ctrl-b"]);
    type_text(&mut app, "H");
    assert_eq!(form_field(&app, FieldKey::Name), "Harbour Trust");
    // `ctrl-a` no longer goes to the start: it is nobody's key now, and types nothing.
    press(&mut app, &["ctrl-a"]);
    type_text(&mut app, "!");
    assert_eq!(form_field(&app, FieldKey::Name), "H!arbour Trust");
    press(&mut app, &["backspace", "end"]);
    assert_eq!(form_field(&app, FieldKey::Name), "Harbour Trust");

    // Enter no longer saves.
    press(&mut app, &["enter"]);
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));

    // A choice cycles with the rebound key, no longer with →.
    press(&mut app, &["tab"]);
    let kind = form_field(&app, FieldKey::Kind);
    press(&mut app, &["right"]);
    assert_eq!(
        form_field(&app, FieldKey::Kind),
        kind,
        "→ is not choice_next any more"
    );
    press(&mut app, &["+"]);
    let labels: Vec<&str> = PartnerKind::ALL.iter().map(|k| k.label()).collect();
    let i = labels.iter().position(|l| *l == kind).unwrap();
    assert_eq!(
        form_field(&app, FieldKey::Kind),
        labels[(i + 1) % labels.len()]
    );

    press(&mut app, &["ctrl-s"]);
    assert!(app.overlay.is_none(), "{}", screen(&app, 120, 40));
    assert_eq!(app.ws().partners.len(), 1);
    assert_eq!(app.ws().partners[0].name, "Harbour Trust");
    assert_eq!(
        app.ws().partners[0].kind.label(),
        labels[(i + 1) % labels.len()]
    );
}

#[test]
fn a_rebound_key_works_in_a_review_and_its_hints_name_it() {
    let mut app = App::new(demo_workspace(DEMO_ANCHOR), DEMO_ANCHOR, Source::Memory);
    app.keymap = keymap(
        r#"(keymap: {
            "keep_draft": ["x"],
            "rate_1": ["a"], "rate_2": ["b"], "rate_3": ["c"], "rate_4": ["d"], "rate_5": ["e"],
            "rate_up": ["pgup"],
            "review": ["V"],
        })"#,
    );
    app.resize(120, 40);
    press(&mut app, &["1", "g", "V"]);
    let Some(Overlay::Review(state)) = &app.overlay else {
        panic!(
            "the rebound review key opens a review:\n{}",
            screen(&app, 120, 40)
        );
    };
    let partner = state.partner;
    press(&mut app, &["enter"]);
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("a–e rates (PgUp from 1, ↓ from 5)"),
        "{shown}"
    );
    assert!(shown.contains("rate with PgUp/↓"), "{shown}");

    // A rebound rating key rates and goes on; the old digit is typed into the next note.
    press(&mut app, &["d"]);
    press(&mut app, &["4"]);
    let Some(Overlay::Review(state)) = &app.overlay else {
        panic!("still reviewing");
    };
    assert_eq!(state.scores[0], Some(4));
    assert_eq!(state.step, 2);
    assert_eq!(state.notes[1].value(), "4");
    press(&mut app, &["pgup"]);
    let Some(Overlay::Review(state)) = &app.overlay else {
        panic!("still reviewing");
    };
    assert_eq!(
        state.scores[1],
        Some(1),
        "the first step up from no rating is 1 (the bottom of the scale)"
    );

    // Stopping: the question names the rebound keys; the old key does nothing.
    press(&mut app, &["esc"]);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("x keep a draft (resume with V)"), "{shown}");
    press(&mut app, &["k"]);
    assert!(matches!(app.overlay, Some(Overlay::Review(_))));
    press(&mut app, &["x"]);
    assert!(app.overlay.is_none(), "{}", screen(&app, 120, 40));
    assert!(app.ws().drafts.iter().any(|d| d.partner == partner));
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert_eq!(status, "Draft kept: V on the partner resumes it");
}

#[test]
fn the_details_and_the_palette_name_the_keys_of_the_arrows_preset() {
    let mut app = App::new(demo_workspace(DEMO_ANCHOR), DEMO_ANCHOR, Source::Memory);
    app.keymap = keymap(r#"(preset: Some("arrows"), keymap: { "cancel": ["ctrl-g"] })"#);
    app.resize(120, 40);
    press(&mut app, &["enter"]);
    assert!(
        screen(&app, 120, 40).contains("Esc: close  ↓/↑: scroll"),
        "{}",
        screen(&app, 120, 40)
    );
    press(&mut app, &["esc", ":"]);
    assert!(
        screen(&app, 120, 40).contains("Enter runs · Ctrl-g closes"),
        "{}",
        screen(&app, 120, 40)
    );
    press(&mut app, &["ctrl-g"]);
    assert!(app.overlay.is_none());
}
