//! Editing from the keyboard: forms, quick logging, delete with cascade, completion with a
//! celebration, undo/redo back to identical files, invalid input kept in the form.

mod common;

use common::screen::screen;
use common::{press, type_text};

use partnerdeck::app::{App, ConfirmView, FormView, Overlay, Pane, Source};
use partnerdeck::model::*;
use partnerdeck::store;

fn today() -> chrono::NaiveDate {
    "2026-11-27".parse().unwrap()
}

fn file_app(path: &std::path::Path) -> App {
    let mut app = App::new(
        Workspace::named("Test"),
        today(),
        Source::File(path.to_path_buf()),
    );
    app.resize(120, 36);
    app
}

#[test]
fn a_scripted_session_against_a_real_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let mut app = file_app(&path);
    assert!(!path.exists(), "nothing is written before the first change");

    // Add a partner.
    press(&mut app, &["a"]);
    type_text(&mut app, "Harbour Trust");
    press(&mut app, &["tab", "right", "enter"]);
    let ws = store::load(&path).unwrap().unwrap().workspace;
    assert_eq!(ws.partners.len(), 1);
    assert_eq!(ws.partners[0].name, "Harbour Trust");
    assert_eq!(ws.partners[0].kind, PartnerKind::Community);

    // A goal with a measurable target.
    press(&mut app, &["2", "a"]);
    type_text(&mut app, "Volunteers placed");
    press(&mut app, &["tab", "tab", "tab"]);
    type_text(&mut app, "people");
    press(&mut app, &["tab", "tab"]);
    type_text(&mut app, "20");
    press(&mut app, &["tab", "tab", "tab", "tab"]);
    type_text(&mut app, "+3m");
    press(&mut app, &["enter"]);
    let ws = store::load(&path).unwrap().unwrap().workspace;
    assert_eq!(ws.goals.len(), 1, "{}", screen(&app, 120, 36));
    assert_eq!(ws.goals[0].target, Some(20.0));
    assert_eq!(ws.goals[0].due, Some("2027-02-27".parse().unwrap()));

    // A milestone of that goal (the partner's only one, preselected), due next Friday.
    press(&mut app, &["3", "a"]);
    type_text(&mut app, "Kick-off");
    press(&mut app, &["tab", "tab", "tab", "ctrl-u"]);
    type_text(&mut app, "fri");
    press(&mut app, &["enter"]);
    let ws = store::load(&path).unwrap().unwrap().workspace;
    assert_eq!(ws.milestones[0].due, "2026-12-04".parse().unwrap());
    assert_eq!(ws.milestones[0].goal, Some(ws.goals[0].id));

    // Quick log: l, a summary, Enter.
    press(&mut app, &["l"]);
    type_text(&mut app, "Intro call");
    press(&mut app, &["enter"]);
    let ws = store::load(&path).unwrap().unwrap().workspace;
    assert_eq!(ws.interactions.len(), 1);
    assert_eq!(ws.interactions[0].channel, Channel::Call);
    assert_eq!(ws.interactions[0].summary, "Intro call");

    // Complete the milestone, celebrate, and accept updating the goal: its value, and achieved.
    press(&mut app, &["3", "x"]);
    assert!(
        matches!(app.overlay, Some(Overlay::Form { .. })),
        "asks how it was celebrated"
    );
    type_text(&mut app, "Cake");
    press(&mut app, &["tab"]);
    type_text(&mut app, "the whole team");
    press(&mut app, &["enter"]);
    assert!(
        matches!(&app.overlay, Some(Overlay::Form(FormView { form, .. })) if form.title.starts_with("Update goal")
            && form.get(partnerdeck::app::form::FieldKey::Status).value() == "achieved"),
        "offers to update the goal's value and mark it achieved"
    );
    press(&mut app, &["enter"]);
    let ws = store::load(&path).unwrap().unwrap().workspace;
    assert_eq!(ws.milestones[0].done, Some(today()));
    assert_eq!(ws.celebrations.len(), 1);
    assert_eq!(ws.celebrations[0].how, "Cake");
    assert_eq!(ws.celebrations[0].milestone, Some(ws.milestones[0].id));
    assert_eq!(ws.goals[0].status, GoalStatus::Achieved);

    // Reopen: all there.
    let reopened = store::load(&path).unwrap().unwrap().workspace;
    assert_eq!(&reopened, &**app.ws());
}

#[test]
fn undo_and_redo_round_trip_to_byte_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let mut app = file_app(&path);
    press(&mut app, &["a"]);
    type_text(&mut app, "One");
    press(&mut app, &["enter"]);
    let after_one = std::fs::read(&path).unwrap();
    press(&mut app, &["l"]);
    type_text(&mut app, "Call");
    press(&mut app, &["enter", "e"]);
    type_text(&mut app, " renamed");
    press(&mut app, &["enter"]);
    let after_three = std::fs::read(&path).unwrap();
    assert_eq!(app.ws().partners[0].name, "One renamed");
    press(&mut app, &["u", "u"]);
    assert_eq!(std::fs::read(&path).unwrap(), after_one);
    press(&mut app, &["ctrl-r", "ctrl-r"]);
    assert_eq!(std::fs::read(&path).unwrap(), after_three);
    press(&mut app, &["ctrl-r"]);
    assert!(screen(&app, 120, 36).contains("Nothing to redo"));
}

#[test]
fn delete_asks_and_names_what_goes_with_a_partner() {
    let mut app = App::new(
        store::demo_workspace(store::demo::DEMO_ANCHOR),
        today(),
        Source::Memory,
    );
    app.resize(120, 36);
    let p = app.selected_partner().unwrap().clone();
    let goals = app.ws().goals.iter().filter(|g| g.partner == p.id).count();
    let log = app
        .ws()
        .interactions
        .iter()
        .filter(|g| g.partner == p.id)
        .count();
    press(&mut app, &["d"]);
    let Some(Overlay::Confirm(ConfirmView { question, .. })) = &app.overlay else {
        panic!("asks first")
    };
    assert!(
        question.contains(&format!("{goals} goals"))
            && question.contains(&format!("{log} log entries")),
        "{question}"
    );
    assert!(screen(&app, 120, 36).contains("Delete partner"));
    press(&mut app, &["n"]);
    assert!(app.ws().partner(p.id).is_some());
    press(&mut app, &["d", "y"]);
    assert!(app.ws().partner(p.id).is_none());
    assert!(app.ws().interactions.iter().all(|i| i.partner != p.id));
    assert!(validate(app.ws()).is_empty());
    press(&mut app, &["u"]);
    assert!(app.ws().partner(p.id).is_some());
}

#[test]
fn invalid_input_is_shown_beside_its_field_and_kept() {
    let mut app = App::new(Workspace::named("T"), today(), Source::Memory);
    app.resize(120, 36);
    press(&mut app, &["a", "enter"]);
    assert!(screen(&app, 120, 36).contains("must not be empty"));
    type_text(&mut app, "Acme");
    press(&mut app, &["tab", "tab", "tab", "ctrl-u"]);
    type_text(&mut app, "2026-02-30");
    press(&mut app, &["tab", "ctrl-u"]);
    type_text(&mut app, "often");
    press(&mut app, &["enter"]);
    let s = screen(&app, 120, 36);
    assert!(s.contains("is not a date"), "{s}");
    assert!(s.contains("is not a number"), "{s}");
    assert!(s.contains("Acme"), "typed text is kept: {s}");
    assert!(app.ws().partners.is_empty(), "nothing invalid is saved");
    // Esc on a changed form asks first; n keeps the form.
    press(&mut app, &["esc"]);
    assert!(screen(&app, 120, 36).contains("Discard what you typed"));
    press(&mut app, &["n"]);
    assert!(matches!(app.overlay, Some(Overlay::Form { .. })));
    press(&mut app, &["esc", "y"]);
    assert!(app.overlay.is_none());
    // An unchanged form closes at once.
    press(&mut app, &["a", "esc"]);
    assert!(app.overlay.is_none());
}

#[test]
fn goal_numbers_dates_and_sentiment_are_checked() {
    let mut ws = Workspace::named("T");
    let id = PartnerId(ws.allocate_id());
    ws.partners.push(Partner::new(id, "Acme", today()));
    let mut app = App::new(ws, today(), Source::Memory);
    app.resize(120, 36);
    press(&mut app, &["2", "a"]);
    type_text(&mut app, "G");
    press(&mut app, &["tab", "tab", "tab", "tab", "ctrl-u"]);
    type_text(&mut app, "abc");
    press(&mut app, &["tab", "tab", "tab", "tab", "tab"]);
    type_text(&mut app, "yesterday");
    press(&mut app, &["shift-tab", "ctrl-u"]);
    type_text(&mut app, "today");
    press(&mut app, &["enter"]);
    let s = screen(&app, 120, 36);
    assert!(s.contains("`abc` is not a number"), "{s}");
    assert!(s.contains("is before the start"), "{s}");
    assert!(app.ws().goals.is_empty());
    press(&mut app, &["esc", "y", "4", "l"]);
    type_text(&mut app, "Chat");
    press(&mut app, &["tab", "tab", "tab", "tab", "tab"]);
    type_text(&mut app, "9");
    press(&mut app, &["tab"]);
    type_text(&mut app, "send deck");
    press(&mut app, &["enter"]);
    let s = screen(&app, 120, 36);
    assert!(s.contains("from 1 to 5"), "{s}");
    assert!(
        !s.contains("needs a due date"),
        "a follow-up without a date is due a week after the contact: {s}"
    );
    assert!(app.ws().interactions.is_empty());
}

#[test]
fn the_resolved_date_is_shown_beside_the_field() {
    let mut ws = Workspace::named("T");
    let id = PartnerId(ws.allocate_id());
    ws.partners.push(Partner::new(id, "Acme", today()));
    let mut app = App::new(ws, today(), Source::Memory);
    app.resize(120, 36);
    press(&mut app, &["3", "a"]);
    let s = screen(&app, 120, 36);
    assert!(s.contains("→ Fri 2026-12-11"), "+2w by default: {s}");
    assert_eq!(app.focus, Pane::Timeline);
}

#[test]
fn partner_fields_pick_by_fuzzy_name_and_lists_complete_from_known_values() {
    let mut app = App::new(
        store::demo_workspace(store::demo::DEMO_ANCHOR),
        today(),
        Source::Memory,
    );
    app.resize(120, 36);
    // Log a contact from the first partner's row, but for another partner picked by fuzzy name.
    press(&mut app, &["l"]);
    type_text(&mut app, "Quick hello");
    press(&mut app, &["tab", "ctrl-u"]);
    type_text(&mut app, "lumiere");
    assert!(
        screen(&app, 120, 36).contains("→ Café Lumière"),
        "{}",
        screen(&app, 120, 36)
    );
    press(&mut app, &["enter"]);
    let e = app.ws().interactions.last().unwrap();
    assert_eq!(app.ws().partner(e.partner).unwrap().name, "Café Lumière");
    // An unknown name is an error beside the field.
    press(&mut app, &["l"]);
    type_text(&mut app, "Hello");
    press(&mut app, &["tab", "ctrl-u"]);
    type_text(&mut app, "zzzz");
    press(&mut app, &["enter"]);
    assert!(screen(&app, 120, 36).contains("no name matches"));
    press(&mut app, &["esc", "y"]);
    // Values complete from values already used.
    press(&mut app, &["1", "a"]);
    type_text(&mut app, "New one");
    for _ in 0..8 {
        press(&mut app, &["tab"]);
    }
    type_text(&mut app, "transp");
    assert!(
        screen(&app, 120, 36).contains("Ctrl-n: transparency"),
        "{}",
        screen(&app, 120, 36)
    );
    press(&mut app, &["ctrl-n"]);
    type_text(&mut app, "incl");
    press(&mut app, &["ctrl-n", "enter"]);
    let p = app
        .ws()
        .partners
        .iter()
        .find(|p| p.name == "New one")
        .unwrap();
    assert_eq!(p.values, vec!["transparency", "inclusion"]);
}

/// Completions are the focused field's: an edit form does not work them out for every list
/// field on opening (each reads every partner), and a list field shows its own once focus comes
/// to it.
#[test]
fn list_completions_show_under_the_focused_field_only() {
    let mut app = App::new(
        store::demo_workspace(store::demo::DEMO_ANCHOR),
        today(),
        Source::Memory,
    );
    app.resize(120, 36);
    press(&mut app, &["1", "a"]);
    type_text(&mut app, "New one");
    for _ in 0..8 {
        press(&mut app, &["tab"]);
    }
    type_text(&mut app, "transp");
    assert!(screen(&app, 120, 36).contains("Ctrl-n: transparency"));
    // Away from the field and back: its completions go with the focus and come back with it.
    press(&mut app, &["tab"]);
    assert!(!screen(&app, 120, 36).contains("Ctrl-n: transparency"));
    press(&mut app, &["shift-tab"]);
    assert!(
        screen(&app, 120, 36).contains("Ctrl-n: transparency"),
        "{}",
        screen(&app, 120, 36)
    );
}

#[test]
fn commitments_and_celebrations_are_listed_added_edited_and_deleted() {
    let mut app = App::new(
        store::demo_workspace(store::demo::DEMO_ANCHOR),
        today(),
        Source::Memory,
    );
    app.resize(120, 36);
    // Brightwater Solar Ltd, whose commitments all fall due before the one added below (ended
    // partners are listed last).
    press(&mut app, &["G"]);
    let pid = app.selected_partner().unwrap().id;
    let before = app
        .ws()
        .commitments
        .iter()
        .filter(|c| c.partner == pid)
        .count();
    press(&mut app, &["c"]);
    assert!(screen(&app, 120, 36).contains(&format!(
        "Commitments · {}",
        app.ws().partner(pid).unwrap().name
    )));
    press(&mut app, &["a"]);
    type_text(&mut app, "Send the venue floor plan");
    press(&mut app, &["tab", "tab", "right", "tab", "ctrl-u"]);
    type_text(&mut app, "+5d");
    press(&mut app, &["enter"]);
    assert!(
        matches!(app.overlay, Some(Overlay::Records { .. })),
        "back in the list"
    );
    let added = app.ws().commitments.last().unwrap().clone();
    assert_eq!(added.side, Side::Them);
    assert_eq!(added.due, "2026-12-02".parse().unwrap());
    assert_eq!(
        app.ws()
            .commitments
            .iter()
            .filter(|c| c.partner == pid)
            .count(),
        before + 1
    );
    // Mark it kept: edit, outcome → kept.
    press(
        &mut app,
        &["G", "e", "tab", "tab", "tab", "tab", "right", "enter"],
    );
    let kept = app.ws().commitment(added.id).unwrap();
    assert_eq!(kept.outcome, Some(Outcome::Kept(today())));
    press(&mut app, &["d", "y"]);
    assert!(app.ws().commitment(added.id).is_none());
    assert!(matches!(app.overlay, Some(Overlay::Records { .. })));
    press(&mut app, &["esc", "w", "a"]);
    type_text(&mut app, "Toast at the open day");
    press(&mut app, &["enter"]);
    assert_eq!(
        app.ws().celebrations.last().unwrap().how,
        "Toast at the open day"
    );
    assert!(screen(&app, 120, 36).contains("Toast at the open day"));
}

#[test]
fn ctrl_e_hands_the_field_to_the_editor_and_takes_the_text_back() {
    let mut app = App::new(Workspace::named("T"), today(), Source::Memory);
    app.resize(120, 36);
    press(&mut app, &["a"]);
    type_text(&mut app, "Draft name");
    press(&mut app, &["ctrl-e"]);
    assert_eq!(app.editor_request(), Some("Draft name"));
    // The event loop runs the editor; here a stand-in editor rewrites the file.
    // SAFETY: tests in this binary do not read EDITOR concurrently.
    unsafe {
        std::env::set_var("VISUAL", "sed -i s/Draft/Final/");
    }
    let edited = partnerdeck::tui::edit_in_editor(app.editor_request().unwrap());
    assert_eq!(edited.as_deref(), Some("Final name"));
    app.editor_done(edited.map(|t| format!("{t}\n")));
    press(&mut app, &["enter"]);
    assert_eq!(app.ws().partners[0].name, "Final name");
    // A failing editor leaves the field as it was.
    unsafe {
        std::env::set_var("VISUAL", "false");
    }
    assert_eq!(partnerdeck::tui::edit_in_editor("x"), None);
}

#[test]
fn deleting_a_goal_or_a_milestone_unlinks_what_pointed_at_it() {
    let today = store::demo::DEMO_ANCHOR;
    let mut app = App::new(store::demo_workspace(today), today, Source::Memory);
    app.resize(120, 40);
    // The first partner's only goal has milestones.
    press(&mut app, &["2"]);
    let goal = app.ws().goals[app.selected_row(Pane::Goals).unwrap()].id;
    let linked: Vec<MilestoneId> = app
        .ws()
        .milestones
        .iter()
        .filter(|m| m.goal == Some(goal))
        .map(|m| m.id)
        .collect();
    assert!(!linked.is_empty());
    press(&mut app, &["d", "y"]);
    assert!(app.ws().goal(goal).is_none());
    for m in &linked {
        assert_eq!(app.ws().milestone(*m).unwrap().goal, None, "milestone {m}");
    }
    assert!(validate(app.ws()).is_empty());
    press(&mut app, &["u"]);
    for m in &linked {
        assert_eq!(app.ws().milestone(*m).unwrap().goal, Some(goal));
    }
    // A celebrated milestone: its celebration stays, unlinked.
    let (milestone, celebration) = app
        .ws()
        .celebrations
        .iter()
        .find_map(|c| c.milestone.map(|m| (m, c.id)))
        .expect("the demo celebrates a milestone");
    let partner = app.ws().milestone(milestone).unwrap().partner;
    let row = app
        .doc
        .rows()
        .partners
        .iter()
        .position(|i| app.ws().partners[*i as usize].id == partner)
        .unwrap();
    press(&mut app, &["1", "g"]);
    for _ in 0..row {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["3", "g"]);
    while app.ws().milestones[app.selected_row(Pane::Timeline).unwrap()].id != milestone {
        press(&mut app, &["j"]);
    }
    press(&mut app, &["d", "y"]);
    assert!(app.ws().milestone(milestone).is_none());
    assert_eq!(app.ws().celebration(celebration).unwrap().milestone, None);
    assert!(validate(app.ws()).is_empty());
}
