//! One writer per file: the sidecar lock, held by another process, left by a dead one, and the
//! `restore` command refusing to run while the file is open elsewhere.

mod common;
mod safety;

#[cfg(unix)]
use common::mode;
use partnerdeck::store::{self, Lock, LockError, lock::lock_path};
use safety::{ChildProc, exit_when_parent_goes};
use std::path::Path;
use std::time::Duration;

const HOLDER_ENV: &str = "PARTNERDECK_TEST_LOCK_HOLDER";

/// The child's role: take the lock, say so, and hold it until killed or the parent goes.
#[test]
fn child_lock_holder() {
    let Ok(data) = std::env::var(HOLDER_ENV) else {
        return;
    };
    exit_when_parent_goes();
    let _lock = Lock::acquire(Path::new(&data)).expect("the child takes the lock");
    println!("HOLDING {}", std::process::id());
    loop {
        std::thread::sleep(Duration::from_secs(1));
    }
}

fn hold_in_child(data: &Path) -> ChildProc {
    let mut child = ChildProc::spawn("child_lock_holder", &[(HOLDER_ENV, data.to_str().unwrap())]);
    let line = child.expect_line("HOLDING", Duration::from_secs(60));
    assert_eq!(line, format!("HOLDING {}", child.pid()));
    child
}

#[test]
fn a_lock_held_by_another_process_is_refused_naming_its_pid() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    let mut child = hold_in_child(&data);
    let err = Lock::acquire(&data).unwrap_err();
    let LockError::Held { pid, .. } = &err else {
        panic!("expected Held, got {err:?}");
    };
    assert_eq!(*pid, Some(child.pid()));
    let message = err.to_string();
    assert!(
        message.contains(&format!("pid {}", child.pid())),
        "{message}"
    );
    assert!(message.contains("--read-only"), "{message}");
    assert!(
        message.contains("ws.ron is open in another partnerdeck"),
        "{message}"
    );
    assert_eq!(Lock::holder(&data).unwrap().pid, Some(child.pid()));

    // Saves by the holder replace the data file's inode; the sidecar lock still stands.
    store::save(&data, &partnerdeck::model::Workspace::named("x")).unwrap();
    store::save(&data, &partnerdeck::model::Workspace::named("y")).unwrap();
    assert!(matches!(Lock::acquire(&data), Err(LockError::Held { .. })));

    // Killed: the lock file stays behind with a dead pid, and is taken over.
    child.kill();
    assert!(lock_path(&data).exists());
    let text = std::fs::read_to_string(lock_path(&data)).unwrap();
    assert!(text.contains(&format!("pid {}", child.pid())), "{text}");
    assert!(Lock::holder(&data).is_none());
    let lock = Lock::acquire(&data).expect("a dead holder's lock is taken over");
    let text = std::fs::read_to_string(lock_path(&data)).unwrap();
    assert!(
        text.contains(&format!("pid {}\n", std::process::id())),
        "{text}"
    );
    drop(lock);
    assert!(!lock_path(&data).exists());
}

#[test]
fn a_stale_lock_file_with_a_dead_pid_is_taken_over_and_made_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    // A pid that surely is not running: a child that has been reaped.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    std::fs::write(lock_path(&data), format!("pid {dead}\nhost elsewhere\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(lock_path(&data), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    assert!(Lock::holder(&data).is_none(), "nobody holds it");
    let lock = Lock::acquire(&data).unwrap();
    let text = std::fs::read_to_string(lock.lock_path()).unwrap();
    assert!(
        text.contains(&format!("pid {}\n", std::process::id())),
        "{text}"
    );
    assert!(!text.contains(&format!("pid {dead}\n")), "{text}");
    #[cfg(unix)]
    assert_eq!(mode(lock.lock_path()), 0o600);
}

#[test]
fn a_lock_in_a_missing_folder_creates_it_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new/sub/ws.ron");
    let lock = Lock::acquire(&data).unwrap();
    assert_eq!(lock.data_path(), data);
    #[cfg(unix)]
    {
        assert_eq!(mode(data.parent().unwrap()), 0o700);
        assert_eq!(mode(&lock_path(&data)), 0o600);
    }
    assert!(
        !data.exists(),
        "the data file itself is never created by locking"
    );
}

#[test]
fn restore_refuses_while_another_instance_has_the_file_open() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    store::save(&data, &partnerdeck::model::Workspace::named("v1")).unwrap();
    let backup = store::backup_now(&data, chrono::Utc::now())
        .unwrap()
        .unwrap();
    store::save(&data, &partnerdeck::model::Workspace::named("v2")).unwrap();
    let before = std::fs::read(&data).unwrap();
    let child = hold_in_child(&data);
    let out = assert_cmd::Command::cargo_bin("partnerdeck")
        .unwrap()
        .args(["--file", data.to_str().unwrap(), "restore", &backup.id])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("pid {}", child.pid())), "{err}");
    assert!(err.contains("close it there"), "{err}");
    assert_eq!(
        std::fs::read(&data).unwrap(),
        before,
        "the file was not touched"
    );
    drop(child);
    // Once it is closed, the restore goes through.
    assert_cmd::Command::cargo_bin("partnerdeck")
        .unwrap()
        .args(["--file", data.to_str().unwrap(), "restore", &backup.id])
        .assert()
        .success();
    let ws = store::load(&data).unwrap().unwrap().workspace;
    assert_eq!(ws.profile.name, "v1");
}
