//! The dashboard and the file: outside changes are reloaded or, under an unsaved change, never
//! overwritten silently; a second instance is refused with the holder's pid; unsaved work from a
//! crash is offered back.

mod common;

use common::{pause, press, type_text};

use assert_cmd::Command;
use partnerdeck::app::{App, ConfirmView, Overlay, Source};
use partnerdeck::model::*;
use partnerdeck::store::{self, demo::DEMO_ANCHOR, demo_workspace};

fn open(path: &std::path::Path) -> App {
    let ws = store::load(path).unwrap().unwrap().workspace;
    let mut app = App::new(ws, DEMO_ANCHOR, Source::File(path.to_path_buf()));
    app.resize(120, 40);
    app
}

/// Another program rewrites the file (same size is fine: the stamp hashes when in doubt).
fn outside_edit(path: &std::path::Path, f: impl FnOnce(&mut Workspace)) {
    let mut ws = store::load(path).unwrap().unwrap().workspace;
    f(&mut ws);
    store::save(path, &ws).unwrap();
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    store::save(&path, &demo_workspace(DEMO_ANCHOR)).unwrap();
    (dir, path)
}

#[test]
fn an_outside_change_is_reloaded_when_nothing_is_unsaved() {
    let (_dir, path) = setup();
    let mut app = open(&path);
    assert!(!app.check_disk(), "nothing changed yet");
    outside_edit(&path, |ws| ws.partners[0].name = "Renamed elsewhere".into());
    assert!(app.check_disk());
    assert_eq!(app.ws().partners[0].name, "Renamed elsewhere");
    assert!(app.status.as_ref().unwrap().text.contains("reloaded"));
    // And our next change saves on top of it.
    press(&mut app, &["l"]);
    type_text(&mut app, "After the reload");
    press(&mut app, &["enter"]);
    let on_disk = store::load(&path).unwrap().unwrap().workspace;
    assert_eq!(on_disk.partners[0].name, "Renamed elsewhere");
    assert_eq!(
        on_disk.interactions.last().unwrap().summary,
        "After the reload"
    );
}

#[test]
fn a_change_over_an_outside_change_asks_and_reapplies_on_top() {
    let (_dir, path) = setup();
    let mut app = open(&path);
    outside_edit(&path, |ws| ws.partners[1].notes = "Theirs".into());
    let before = std::fs::read(&path).unwrap();
    press(&mut app, &["l"]);
    type_text(&mut app, "Ours");
    press(&mut app, &["enter"]);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "never overwritten silently"
    );
    assert!(
        matches!(&app.overlay, Some(Overlay::Confirm(ConfirmView { question, .. })) if question.contains("changed on disk"))
    );
    // The question appeared on its own: it is answered after a moment.
    pause(&mut app);
    press(&mut app, &["y"]);
    let on_disk = store::load(&path).unwrap().unwrap().workspace;
    assert_eq!(on_disk.partners[1].notes, "Theirs");
    assert_eq!(on_disk.interactions.last().unwrap().summary, "Ours");
    assert_eq!(**app.ws(), on_disk);
    // The re-applied change is one undoable step: undo leaves their version.
    press(&mut app, &["u"]);
    assert!(app.ws().interactions.iter().all(|i| i.summary != "Ours"));
    assert_eq!(app.ws().partners[1].notes, "Theirs");
}

#[test]
fn a_change_over_an_outside_change_can_be_saved_as_a_copy() {
    let (dir, path) = setup();
    let mut app = open(&path);
    outside_edit(&path, |ws| ws.partners[1].notes = "Theirs".into());
    press(&mut app, &["l"]);
    type_text(&mut app, "Ours");
    press(&mut app, &["enter"]);
    pause(&mut app);
    press(&mut app, &["n"]);
    let copies: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".mine-"))
        .collect();
    assert_eq!(copies.len(), 1);
    let copy = store::load(&copies[0].path()).unwrap().unwrap().workspace;
    assert_eq!(copy.interactions.last().unwrap().summary, "Ours");
    assert_eq!(
        app.ws().partners[1].notes,
        "Theirs",
        "shows the file as it is now"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = copies[0].metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn unsaved_work_from_a_crash_is_offered_back() {
    let (_dir, path) = setup();
    let mut crashed = store::load(&path).unwrap().unwrap().workspace;
    crashed.profile.name = "Recovered".into();
    let copy = store::write_emergency(&path, &crashed).unwrap();
    let mut app = open(&path);
    app.offer_recovery(store::find_emergency(&path).unwrap());
    // The question appeared on its own: it is answered after a moment.
    pause(&mut app);
    press(&mut app, &["y"]);
    assert_eq!(app.ws().profile.name, "Recovered");
    assert_eq!(
        store::load(&path).unwrap().unwrap().workspace.profile.name,
        "Recovered"
    );
    assert!(!copy.exists(), "moved aside once recovered");
    assert!(store::find_emergency(&path).is_none());
}

#[test]
fn a_second_instance_is_refused_with_the_holders_pid_and_may_open_read_only() {
    let (_dir, path) = setup();
    let _held = store::Lock::acquire(&path).unwrap();
    let out = Command::cargo_bin("partnerdeck")
        .unwrap()
        .arg("--file")
        .arg(&path)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains(&format!("pid {}", std::process::id())),
        "{err}"
    );
    assert!(err.contains("--read-only"), "{err}");
}

#[test]
fn read_only_refuses_changes_and_writes_nothing() {
    let (_dir, path) = setup();
    let before = std::fs::read(&path).unwrap();
    let mut app = open(&path);
    app.doc
        .set_read_only(Some("opened with --read-only".into()));
    for key in ["l", "a", "d", "x", "u", "p", "r"] {
        press(&mut app, &[key]);
        assert!(
            app.status.as_ref().unwrap().text.contains("Read-only"),
            "{key}"
        );
        assert!(app.overlay.is_none(), "{key} opens nothing");
    }
    // Reviews and lists cannot change anything either.
    press(&mut app, &["c", "a"]);
    assert!(app.overlay.is_none() || app.status.as_ref().unwrap().text.contains("Read-only"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn background_saves_write_the_newest_snapshot_and_flush() {
    use partnerdeck::app::{BackgroundSaver, SaveEvent, Saver};
    use std::sync::Arc;
    let (_dir, path) = setup();
    let stamp = store::Stamp::read(&path).unwrap();
    let mut saver = BackgroundSaver::new(path.clone(), stamp);
    let mut ws = store::load(&path).unwrap().unwrap().workspace;
    for n in 0..20 {
        ws.profile.name = format!("Version {n}");
        saver.save(Arc::new(ws.clone()));
    }
    let events = saver.flush();
    assert!(!saver.pending());
    assert!(
        events.iter().all(|e| matches!(e, SaveEvent::Saved(_))),
        "{events:?}"
    );
    assert_eq!(
        store::load(&path).unwrap().unwrap().workspace.profile.name,
        "Version 19"
    );
}

#[test]
fn a_panic_writes_unsaved_work_beside_the_file_never_over_it() {
    let (_dir, path) = setup();
    let before = std::fs::read(&path).unwrap();
    let mut unsaved = store::load(&path).unwrap().unwrap().workspace;
    unsaved.profile.name = "Unsaved at the crash".into();
    partnerdeck::tui::install_panic_hook();
    let unsaved = std::sync::Arc::new(unsaved);
    partnerdeck::tui::remember_unsaved(Some(partnerdeck::tui::Unsaved {
        path: path.clone(),
        rescue: partnerdeck::app::Rescue {
            ws: unsaved.clone(),
            base: unsaved,
            draft: None,
            note: None,
        },
    }));
    let result = std::panic::catch_unwind(|| panic!("a bug"));
    assert!(result.is_err());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the data file is untouched"
    );
    let copy = store::find_emergency(&path).expect("an emergency copy");
    let saved = store::load(&copy).unwrap().unwrap().workspace;
    assert_eq!(saved.profile.name, "Unsaved at the crash");
}

/// Runs the dashboard in a pseudo-terminal (`script`), sends a signal, and checks the exit.
#[cfg(unix)]
fn signal_exits_cleanly(signal: i32) {
    use std::process::{Command as Std, Stdio};
    if Std::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to provide a terminal");
        return;
    }
    let (_dir, path) = setup();
    let bin = assert_cmd::cargo::cargo_bin("partnerdeck");
    let command = format!("exec {} --file {}", bin.display(), path.display());
    let mut child = Std::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .env("TERM", "xterm")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lock = store::lock::lock_path(&path);
    let started = std::time::Instant::now();
    let pid = loop {
        if let Some(h) = store::Lock::holder(&path).and_then(|h| h.pid) {
            break h;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the dashboard did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    // SAFETY: sending a signal to a process we started.
    unsafe {
        libc::kill(pid as i32, signal);
    }
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "exits cleanly on signal {signal}: {status}"
    );
    assert!(!lock.exists(), "the lock is released (cleanup ran)");
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_end_the_session_cleanly() {
    signal_exits_cleanly(libc::SIGTERM);
    signal_exits_cleanly(libc::SIGHUP);
}

/// Recovering an emergency copy merges its changes onto the file as it is now, record by
/// record: an entry logged (and saved) after the copy was left behind is kept, both new
/// entries keep distinct ids, and the file it replaces is kept in backups/ first, whatever the
/// backup policy's timer says.
#[test]
fn recovery_never_deletes_later_writes() {
    let (_dir, path) = setup();
    let base = store::load(&path).unwrap().unwrap().workspace;
    let partner = base.partners[0].id;
    let entry = |ws: &mut Workspace, summary: &str| {
        let id = InteractionId(ws.allocate_id());
        ws.interactions.push(Interaction {
            authors: Default::default(),
            id,
            partner,
            at: DEMO_ANCHOR.and_hms_opt(9, 0, 0).unwrap(),
            channel: Channel::Call,
            initiated_by: Side::Us,
            summary: summary.into(),
            sentiment: None,
            follow_up: None,
        });
        id
    };
    // A session added an entry and died before saving: the emergency copy (with its base).
    let mut unsaved = base.clone();
    let lost_id = entry(&mut unsaved, "From the session that died");
    store::write_emergency_full(
        &path,
        &unsaved,
        store::Extras {
            base: Some(&base),
            note: None,
        },
        chrono::Utc::now(),
    )
    .unwrap();
    // Meanwhile `partnerdeck log` added and saved another entry, from the same base.
    let mut later = base.clone();
    let later_id = entry(&mut later, "Logged later from the shell");
    assert_ne!(lost_id, later_id, "ids from one base do not collide");
    store::save(&path, &later).unwrap();
    let backups_before = store::list_backups(&path).len();

    let mut app = open(&path);
    app.offer_recovery(store::find_emergency(&path).unwrap());
    // The question appeared on its own: it is answered after a moment.
    pause(&mut app);
    press(&mut app, &["y"]);

    let on_disk = store::load(&path).unwrap().unwrap().workspace;
    let find = |s: &str| on_disk.interactions.iter().find(|i| i.summary == s);
    let kept = find("Logged later from the shell").expect("the later write is kept");
    let recovered = find("From the session that died").expect("the unsaved work is recovered");
    assert_ne!(kept.id, recovered.id, "distinct ids");
    assert_eq!(kept.id, later_id, "the saved record keeps its id");
    assert!(validate(&on_disk).is_empty());
    let backups = store::list_backups(&path);
    assert_eq!(
        backups.len(),
        backups_before + 1,
        "the replaced file was backed up"
    );
    let backed_up = store::load_backup(backups.last().unwrap())
        .unwrap()
        .workspace;
    assert_eq!(backed_up, later);
    assert!(store::find_emergency(&path).is_none());
}
