//! Quitting after a failed save asks (try again, keep a copy elsewhere, or quit without the
//! change) instead of quitting and losing the change; the copy goes to another folder when the
//! data file's own cannot be written, and the user is told where.

mod common;

use common::*;
use partnerdeck::app::{App, Overlay, SaveEvent, Saver, Source};
use partnerdeck::model::Workspace;
use partnerdeck::store;
use std::sync::Arc;

/// A disk that refuses every write (disk full, read-only folder).
struct FullDisk;

impl Saver for FullDisk {
    fn save(&mut self, _: Arc<Workspace>) {}
    fn poll(&mut self) -> Vec<SaveEvent> {
        vec![SaveEvent::Failed(
            "could not save: No space left on device".into(),
        )]
    }
}

fn app_with_failed_save(path: &std::path::Path) -> App {
    let mut app = App::with_saver(
        small_workspace(),
        day("2026-11-30"),
        Source::File(path.to_path_buf()),
        Box::new(FullDisk),
    );
    app.resize(120, 40);
    press(&mut app, &["l"]);
    type_text(&mut app, "A change the disk refused");
    press(&mut app, &["enter"]);
    assert!(app.save_error().is_some());
    assert!(app.unsaved());
    app
}

#[test]
fn quitting_after_a_failed_save_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let mut app = app_with_failed_save(&path);
    press(&mut app, &["q"]);
    assert!(!app.quit, "q does not quit at once");
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    // Staying keeps everything.
    press(&mut app, &["n"]);
    assert!(!app.quit);
    assert!(app.unsaved());
    // Trying again while the disk is still full asks again.
    press(&mut app, &["q", "y"]);
    assert!(!app.quit);
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    // Quitting without the change is a choice the user makes.
    press(&mut app, &["d"]);
    assert!(app.quit);
    assert!(app.ending.discard);
}

#[test]
fn the_change_can_be_kept_in_a_copy_and_is_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    store::save(&path, &small_workspace()).unwrap();
    let mut app = app_with_failed_save(&path);
    press(&mut app, &["q", "c"]);
    assert!(app.quit);
    let message = app
        .ending
        .message
        .clone()
        .expect("says where the copy went");
    let copy = store::find_emergency(&path).expect("a copy the next start offers");
    assert!(message.contains(&copy.display().to_string()), "{message}");
    let kept = store::load(&copy).unwrap().unwrap().workspace;
    assert!(
        kept.interactions
            .iter()
            .any(|i| i.summary == "A change the disk refused")
    );
}
