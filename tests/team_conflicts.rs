//! A file holding merge conflicts shows them in the dashboard; one key keeps ours, another
//! takes theirs, and deciding the last one says what to do next.

mod common;

use common::*;
use partnerdeck::app::{App, Overlay, Source};
use partnerdeck::model::merge3::merge3;
use partnerdeck::model::*;
use partnerdeck::store::demo::{DEMO_ANCHOR, demo_workspace};
use partnerdeck::ui::{Theme, headless::render_text};

fn conflicted() -> (Workspace, PartnerId) {
    let base = demo_workspace(DEMO_ANCHOR);
    let p = base.partners[0].id;
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.partner_mut(p).unwrap().aim = "Aim from us".into();
    theirs.partner_mut(p).unwrap().aim = "Aim from them".into();
    ours.profile.name = "Our name".into();
    theirs.profile.name = "Their name".into();
    let merged = merge3(&base, &ours, &theirs);
    assert_eq!(merged.workspace.conflicts.len(), 2);
    (merged.workspace, p)
}

#[test]
fn conflicts_are_decided_by_keys_and_the_last_one_says_what_next() {
    let (ws, p) = conflicted();
    let mut app = App::new(ws, DEMO_ANCHOR, Source::Memory);
    app.resize(120, 30);
    press(&mut app, &["C"]);
    assert!(matches!(app.overlay, Some(Overlay::Conflicts { .. })));
    let screen = render_text(&app, &Theme::dark().without_color(), 120, 30);
    insta::assert_snapshot!("merge_conflicts", screen);
    // The profile's name: take theirs.
    let first = app.ws().conflicts[0].clone();
    press(&mut app, &["t"]);
    assert_eq!(app.ws().conflicts.len(), 1);
    if first.kind == "profile" {
        assert_eq!(app.ws().profile.name, "Their name");
    } else {
        assert_eq!(app.ws().partner(p).unwrap().aim, "Aim from them");
    }
    // The other: keep ours.
    press(&mut app, &["o"]);
    assert!(app.ws().conflicts.is_empty());
    assert!(app.overlay.is_none());
    let status = app.status.clone().unwrap().text;
    assert!(
        status.contains("git add") && status.contains("sync"),
        "{status}"
    );
    assert!(validate(app.ws()).is_empty());
    // Undo brings the conflict back.
    press(&mut app, &["u"]);
    assert_eq!(app.ws().conflicts.len(), 1);
}

#[test]
fn e_opens_the_record_and_saving_it_decides_its_conflicts() {
    let (ws, p) = conflicted();
    let mut app = App::new(ws, DEMO_ANCHOR, Source::Memory);
    app.resize(120, 30);
    press(&mut app, &["C"]);
    let row = app
        .ws()
        .conflicts
        .iter()
        .position(|c| c.kind == "partner")
        .unwrap();
    for _ in 0..row {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["e"]);
    assert_eq!(app.context(), partnerdeck::action::Context::Form);
    press(&mut app, &["enter"]);
    assert_eq!(
        app.ws().conflicts.len(),
        1,
        "the partner's conflict is decided"
    );
    assert!(app.ws().conflicts.iter().all(|c| c.kind != "partner"));
    assert_eq!(app.ws().partner(p).unwrap().aim, "Aim from us");
    assert!(
        matches!(app.overlay, Some(Overlay::Conflicts { .. })),
        "back to the list"
    );
}
