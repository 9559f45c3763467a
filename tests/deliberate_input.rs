//! Input that must be deliberate, in process: a paste goes into the focused text field and nowhere
//! else; a question that appears on its own ignores keys for a moment and takes no answer from
//! typing that goes on; `Ctrl-c` always quits; a keymap that leaves no way out is refused.

mod common;

use common::screen::demo_app;
use common::{press, settings, type_text};
use partnerdeck::action::{Action, Context};
use partnerdeck::app::{App, ManualClock, Overlay, Source};
use partnerdeck::keymap::Key;
use partnerdeck::model::Workspace;
use partnerdeck::store;
use std::sync::Arc;

fn focused_value(app: &App) -> String {
    match &app.overlay {
        Some(Overlay::Form(view)) => view.form.fields[view.form.focus].value().to_string(),
        other => panic!("no form open: {other:?}"),
    }
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_paste_goes_into_the_focused_field_at_the_cursor_as_one_line() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["l"]);
    type_text(&mut app, "Called ");
    app.paste("Léa\r\nabout the\tvenue\x1b[2J");
    assert_eq!(focused_value(&app), "Called Léa about the venue[2J");
    // At the cursor, not at the end.
    press(&mut app, &["home"]);
    app.paste(">> ");
    assert!(focused_value(&app).starts_with(">> Called"));
    // A choice field takes no paste.
    press(&mut app, &["tab", "tab"]);
    let before = focused_value(&app);
    app.paste("email");
    assert_eq!(focused_value(&app), before);
    assert!(status(&app).contains("choice"), "{}", status(&app));
}

#[test]
fn a_paste_filters_searches_and_finds_commands_like_typing() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["/"]);
    app.paste("grnlf");
    app.finish_work();
    assert_eq!(app.pane_len(partnerdeck::app::Pane::Partners), 1);
    press(&mut app, &["esc"]);
    press(&mut app, &[":"]);
    app.paste("overview");
    press(&mut app, &["enter"]);
    assert_eq!(app.context(), Context::Overview);
}

#[test]
fn a_paste_outside_a_text_field_or_too_long_changes_nothing() {
    let mut app = demo_app(120, 40);
    let ws = app.ws().clone();
    app.paste("aeqdx");
    assert!(app.overlay.is_none() && !app.quit);
    assert!(Arc::ptr_eq(&ws, app.ws()));
    assert!(status(&app).contains("no text field"), "{}", status(&app));
    press(&mut app, &["l"]);
    app.paste(&"z".repeat(partnerdeck::app::paste::MAX_PASTE_CHARS + 1));
    assert_eq!(focused_value(&app), "");
    assert!(status(&app).contains("too long"), "{}", status(&app));
}

#[test]
fn ctrl_c_always_quits_even_with_every_quit_key_unbound() {
    let mut app = demo_app(120, 40);
    let s = settings(r#"( keymap: { "quit": [], "back": [], "palette": [], "cancel": [] } )"#);
    app.keymap = s.keymap;
    press(&mut app, &["l"]);
    type_text(&mut app, "half typed");
    press(&mut app, &["ctrl-c"]);
    assert!(app.quit, "Ctrl-c quits from a form");
    let mut app = demo_app(120, 40);
    press(&mut app, &["ctrl-c"]);
    assert!(app.quit, "and from the dashboard");
}

#[test]
fn a_keymap_that_leaves_no_way_out_is_refused() {
    let s = settings(r#"( keymap: { "quit": [], "back": [], "palette": [] } )"#);
    assert!(
        s.warnings.iter().any(|w| w.contains("no way out")),
        "{:?}",
        s.warnings
    );
    // The exits keep their default keys.
    assert_eq!(
        s.keymap.resolve(Key::char('q'), Context::Dashboard),
        Some(Action::Quit)
    );
    assert_eq!(
        s.keymap.resolve(Key::parse("esc").unwrap(), Context::Help),
        Some(Action::Back)
    );
    // One exit is enough: the palette (which runs quit by name), or quit on another key.
    let s = settings(r#"( keymap: { "quit": [], "back": ["esc"] } )"#);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let s = settings(r#"( keymap: { "quit": ["f10"], "back": ["esc"], "palette": [] } )"#);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    // A form that cannot be cancelled, a question that cannot be answered no.
    let s = settings(r#"( keymap: { "cancel": [] } )"#);
    assert!(
        s.warnings.iter().any(|w| w.contains("no way out")),
        "{:?}",
        s.warnings
    );
    // Ctrl-c is kept for quitting.
    let s = settings(r#"( keymap: { "delete_line": ["ctrl-c"] } )"#);
    assert!(
        s.warnings.iter().any(|w| w.contains("Ctrl-c")),
        "{:?}",
        s.warnings
    );
    assert_ne!(
        s.keymap.resolve(Key::ctrl('c'), Context::Text),
        Some(Action::DeleteLine)
    );
}

#[test]
fn partnerdeck_config_refuses_a_keymap_that_leaves_no_way_out() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    std::fs::write(
        &config,
        r#"( keymap: { "quit": [], "back": [], "palette": [] } )"#,
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
        .args(["--config", config.to_str().unwrap(), "config"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no way out"), "{stderr}");
}

/// An app on a file, its clock manual, with an unsaved change that meets an outside change at
/// its save: the question appears on its own while the user types in a form.
fn conflict_while_typing() -> (tempfile::TempDir, App, ManualClock) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    let ws = store::demo_workspace(common::day("2026-11-27"));
    store::save(&path, &ws).unwrap();
    let mut app = App::new(
        ws.clone(),
        common::day("2026-11-27"),
        Source::File(path.clone()),
    );
    let clock = ManualClock::at_noon(common::day("2026-11-27"));
    app.set_clock(Arc::new(clock.clone()));
    app.resize(120, 40);
    let mut theirs = ws;
    theirs.profile.name = "Renamed elsewhere".into();
    // Someone else writes the file; our next change meets it.
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::save(&path, &theirs).unwrap();
    press(&mut app, &["l"]);
    type_text(&mut app, "First entry");
    press(&mut app, &["enter"]);
    (dir, app, clock)
}

fn question_open(app: &App) -> bool {
    matches!(app.overlay, Some(Overlay::Confirm(_)))
}

#[test]
fn typing_on_does_not_answer_a_question_that_appeared_on_its_own() {
    let (_dir, mut app, clock) = conflict_while_typing();
    assert!(question_open(&app), "the outside change is asked about");
    // The user goes on typing: `n` and `y` among the letters answer nothing.
    type_text(&mut app, "Second entry: any news?");
    assert!(question_open(&app), "still asked");
    // A moment without keys, then a deliberate answer.
    clock.advance(chrono::TimeDelta::seconds(2));
    press(&mut app, &["y"]);
    assert!(!question_open(&app), "answered");
    assert!(
        app.ws()
            .interactions
            .iter()
            .any(|i| i.summary == "First entry"),
        "the change was re-applied"
    );
    assert_eq!(app.ws().profile.name, "Renamed elsewhere");
}

#[test]
fn a_question_asked_by_the_user_answers_at_once() {
    let mut app = demo_app(120, 40);
    // Delete asks; the answer comes right away.
    press(&mut app, &["d"]);
    assert!(question_open(&app));
    press(&mut app, &["n"]);
    assert!(!question_open(&app));
}

#[test]
fn an_unsaved_change_of_a_workspace_in_memory_is_untouched_by_pastes() {
    let mut app = App::new(
        Workspace::named("x"),
        common::day("2026-11-27"),
        Source::Memory,
    );
    app.paste("q");
    assert!(!app.quit);
}

/// A saver whose saves meet an outside change, reported only when the test says (as a
/// background save that finishes while the user types).
struct LateConflict {
    theirs: Workspace,
    saved: Vec<Arc<Workspace>>,
    report: Arc<std::sync::atomic::AtomicBool>,
    /// Reloaded: later saves go through.
    reloaded: bool,
}

impl partnerdeck::app::Saver for LateConflict {
    fn save(&mut self, ws: Arc<Workspace>) {
        self.saved.push(ws);
    }
    fn poll(&mut self) -> Vec<partnerdeck::app::SaveEvent> {
        if !self.report.load(std::sync::atomic::Ordering::SeqCst) {
            return Vec::new();
        }
        let event = if self.reloaded {
            partnerdeck::app::SaveEvent::Saved
        } else {
            partnerdeck::app::SaveEvent::Conflict
        };
        self.saved.drain(..).map(event).collect()
    }
    fn pending(&self) -> bool {
        !self.saved.is_empty()
    }
    fn reload(&mut self) -> Result<Option<Workspace>, partnerdeck::store::LoadError> {
        self.reloaded = true;
        Ok(Some(self.theirs.clone()))
    }
}

#[test]
fn the_entry_being_typed_survives_the_question_that_interrupted_it() {
    let day = common::day("2026-11-27");
    let ws = store::demo_workspace(day);
    let mut theirs = ws.clone();
    theirs.profile.name = "Renamed elsewhere".into();
    let report = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let saver = LateConflict {
        theirs,
        saved: Vec::new(),
        report: report.clone(),
        reloaded: false,
    };
    let mut app = App::with_saver(ws, day, Source::Memory, Box::new(saver));
    let clock = ManualClock::at_noon(day);
    app.set_clock(Arc::new(clock.clone()));
    app.resize(120, 40);
    press(&mut app, &["l"]);
    type_text(&mut app, "First entry");
    press(&mut app, &["enter"]);
    press(&mut app, &["l"]);
    type_text(&mut app, "Second ");
    // The first save's outcome arrives now: the question opens over the form being typed.
    report.store(true, std::sync::atomic::Ordering::SeqCst);
    app.poll_saves();
    assert!(question_open(&app));
    type_text(&mut app, "entry, any news?");
    assert!(question_open(&app), "typing did not answer it");
    clock.advance(chrono::TimeDelta::seconds(2));
    press(&mut app, &["y"]);
    assert!(!question_open(&app));
    assert_eq!(focused_value(&app), "Second ", "the form is back as it was");
    type_text(&mut app, "entry");
    press(&mut app, &["enter"]);
    let summaries: Vec<&str> = app
        .ws()
        .interactions
        .iter()
        .map(|i| i.summary.as_str())
        .collect();
    assert!(summaries.contains(&"First entry"), "{summaries:?}");
    assert!(summaries.contains(&"Second entry"), "{summaries:?}");
    assert_eq!(app.ws().profile.name, "Renamed elsewhere");
}
