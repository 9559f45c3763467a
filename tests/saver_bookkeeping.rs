//! The background saver's count of saves in flight balances on every path: a write that covered
//! several snapshots (changes made while an earlier save was being written) and then met an
//! outside change, or failed, must leave nothing pending, so that outside changes are noticed
//! again and quitting does not wait forever. Run on the saver itself, its worker held at the
//! moment of writing by holding the writer's stamp (which every write takes first).

use partnerdeck::app::{BackgroundSaver, DiskWriter, SaveEvent, Saver};
use partnerdeck::model::Workspace;
use partnerdeck::store;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Three snapshots handed over while the worker is held before writing: it takes all three as
/// one write (the newest), after `outside` ran; then the saver must be idle.
fn three_snapshots_in_one_write(writer: DiskWriter, outside: impl FnOnce()) -> Vec<SaveEvent> {
    let stamp = writer.stamp.clone();
    let held = stamp.lock().unwrap();
    let mut saver = BackgroundSaver::with_writer(writer);
    for n in 0..3 {
        saver.save(Arc::new(Workspace::named(format!("Version {n}"))));
    }
    // Let the worker take the three snapshots off its queue and block on the stamp.
    std::thread::sleep(Duration::from_millis(200));
    outside();
    drop(held);
    // `flush` must return; a stuck count would block it forever, so it runs on a thread that
    // the test waits for with a bound.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let events = saver.flush();
        let pending = saver.pending();
        let _ = tx.send((events, pending));
        // (The saver is dropped here, on the helper thread.)
    });
    let start = Instant::now();
    let (events, pending) = rx
        .recv_timeout(Duration::from_secs(10))
        .unwrap_or_else(|_| panic!("flush still waiting after {:?}", start.elapsed()));
    assert!(!pending, "nothing is left in flight: {events:?}");
    events
}

#[test]
fn a_conflict_that_covered_several_snapshots_leaves_nothing_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    store::save(&path, &Workspace::named("on disk")).unwrap();
    let stamp = store::Stamp::read(&path).unwrap();
    let writer = DiskWriter::new(path.clone(), stamp);
    let outside = path.clone();
    let events = three_snapshots_in_one_write(writer, move || {
        store::save(&outside, &Workspace::named("written by someone else")).unwrap();
    });
    assert!(
        events.iter().any(|e| matches!(e, SaveEvent::Conflict(_))),
        "{events:?}"
    );
    assert_eq!(
        store::load(&path).unwrap().unwrap().workspace.profile.name,
        "written by someone else"
    );
}

#[test]
fn a_failure_that_covered_several_snapshots_leaves_nothing_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that is gone by the time of writing: the write fails.
    let gone = dir.path().join("gone");
    std::fs::create_dir(&gone).unwrap();
    let path = gone.join("ws.ron");
    let writer = DiskWriter::new(path.clone(), None);
    let events = three_snapshots_in_one_write(writer, || {
        // A file where the folder was: the folder cannot be made again either.
        std::fs::remove_dir(&gone).unwrap();
        std::fs::write(&gone, "not a folder").unwrap();
    });
    assert!(
        events.iter().any(|e| matches!(e, SaveEvent::Failed(_))),
        "{events:?}"
    );
}

#[test]
fn a_success_that_covered_several_snapshots_reports_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    let writer = DiskWriter::new(path.clone(), None);
    let events = three_snapshots_in_one_write(writer, || {});
    match events.last() {
        Some(SaveEvent::Saved(ws)) => assert_eq!(ws.profile.name, "Version 2"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        store::load(&path).unwrap().unwrap().workspace.profile.name,
        "Version 2"
    );
}
