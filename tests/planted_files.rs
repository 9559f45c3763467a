//! Files planted by another local user beside the data file or in a shared folder: a lock file
//! that is a hard link to someone else's file is never written; emergency copies are offered
//! only from folders and files that are the user's own, writable by no one else, with one name.
//! And moving an emergency copy into backups/ on a disk that fills up leaves no partial copy
//! there.
#![cfg(unix)]

mod safety;

use partnerdeck::model::Workspace;
use partnerdeck::store::{self, Lock};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::sync::Mutex;

/// Another user's id, for files "they" planted (the tests run as root where they can).
const NOBODY: u32 = 65534;

fn chown(path: &Path, uid: u32) -> bool {
    std::os::unix::fs::lchown(path, Some(uid), Some(uid)).is_ok()
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_hard_link_planted_as_the_lock_file_is_never_written() {
    // Every test of this binary holds ENV: one of them points TMPDIR elsewhere.
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d.ron");
    store::save(&data, &Workspace::named("ours")).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "the victim's own text\n").unwrap();
    chmod(&victim, 0o644);
    let owned_by_other = safety::is_root() && chown(&victim, NOBODY);
    fs::hard_link(&victim, store::lock::lock_path(&data)).unwrap();
    let err = Lock::acquire(&data).expect_err("a hard link is no lock file");
    assert!(err.to_string().contains("link"), "{err}");
    assert_eq!(
        fs::read_to_string(&victim).unwrap(),
        "the victim's own text\n"
    );
    let meta = fs::metadata(&victim).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o644, "its mode is unchanged");
    if owned_by_other {
        assert_eq!(meta.uid(), NOBODY);
    }
    // The command line refuses the same way, and leaves it alone.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
        .args(["--file", data.to_str().unwrap(), "log", "ours", "A call"])
        .env("PARTNERDECK_CONFIG", dir.path().join("none.ron"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(
        fs::read_to_string(&victim).unwrap(),
        "the victim's own text\n"
    );
}

#[test]
fn a_lock_file_owned_by_someone_else_is_refused() {
    // Every test of this binary holds ENV: one of them points TMPDIR elsewhere.
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    if !safety::is_root() {
        eprintln!("skipped: needs root to plant another user's file");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d.ron");
    store::save(&data, &Workspace::named("ours")).unwrap();
    let lock = store::lock::lock_path(&data);
    fs::write(&lock, "planted\n").unwrap();
    assert!(chown(&lock, NOBODY));
    let err = Lock::acquire(&data).expect_err("not our lock file");
    assert!(err.to_string().contains("belongs to"), "{err}");
    assert_eq!(fs::read_to_string(&lock).unwrap(), "planted\n");
}

/// The environment is the process's: the tests that set it take turns.
static ENV: Mutex<()> = Mutex::new(());

/// Puts environment variables back as they were when dropped (also when a test panics), so the
/// tests after one that points TMPDIR elsewhere find a folder that exists.
struct RestoreEnv(Vec<(&'static str, Option<std::ffi::OsString>)>);

impl RestoreEnv {
    fn save(names: &[&'static str]) -> RestoreEnv {
        RestoreEnv(names.iter().map(|n| (*n, std::env::var_os(n))).collect())
    }
}

impl Drop for RestoreEnv {
    fn drop(&mut self) {
        for (name, value) in &self.0 {
            // SAFETY: every test of this binary holds ENV while it runs.
            unsafe {
                match value {
                    Some(v) => std::env::set_var(name, v),
                    None => std::env::remove_var(name),
                }
            }
        }
    }
}

#[test]
fn emergency_copies_are_offered_only_from_places_and_files_of_our_own() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let root = tempfile::tempdir().unwrap();
    let tmp = root.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    // The per-user state folder cannot be made (a file is in the way), and the data file's
    // folder does not exist: the copy goes to the shared temporary folder's fallback.
    let state = root.path().join("state");
    fs::write(&state, "in the way").unwrap();
    let _restore = RestoreEnv::save(&["TMPDIR", "XDG_STATE_HOME", "HOME"]);
    // SAFETY: every test of this binary holds ENV.
    unsafe {
        std::env::set_var("TMPDIR", &tmp);
        std::env::set_var("XDG_STATE_HOME", &state);
        std::env::set_var("HOME", root.path());
    }
    let data = root.path().join("missing").join("d.ron");
    let copy = store::write_emergency(&data, &Workspace::named("our unsaved work")).unwrap();
    let folder = copy.parent().unwrap().to_path_buf();
    assert!(folder.starts_with(&tmp), "{}", copy.display());
    assert_eq!(store::list_emergency(&data), vec![copy.clone()]);

    // A folder others may write: not read.
    chmod(&folder, 0o777);
    assert_eq!(
        store::list_emergency(&data),
        Vec::<std::path::PathBuf>::new()
    );
    chmod(&folder, 0o700);
    // A copy others may write.
    chmod(&copy, 0o666);
    assert!(store::list_emergency(&data).is_empty());
    chmod(&copy, 0o600);
    // A copy with a second name (a hard link someone made of it elsewhere).
    let link = root.path().join("elsewhere");
    fs::hard_link(&copy, &link).unwrap();
    assert!(store::list_emergency(&data).is_empty());
    fs::remove_file(&link).unwrap();
    assert_eq!(store::list_emergency(&data), vec![copy.clone()]);
    if safety::is_root() {
        // A copy that is someone else's.
        assert!(chown(&copy, NOBODY));
        assert!(store::list_emergency(&data).is_empty());
        assert!(store::load_emergency(&copy).is_err(), "nor loaded");
        assert!(chown(&copy, 0));
        // A folder that is someone else's (they made it first, mode 700 or not).
        assert!(chown(&folder, NOBODY));
        assert!(store::list_emergency(&data).is_empty());
        assert!(chown(&folder, 0));
    }
    assert_eq!(store::list_emergency(&data), vec![copy.clone()]);
    assert_eq!(
        store::load_emergency(&copy)
            .unwrap()
            .unwrap()
            .workspace
            .profile
            .name,
        "our unsaved work"
    );
    // A symbolic link to a good copy is not one.
    let sym = folder.join(
        copy.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .replace(".ron", "_2.ron"),
    );
    std::os::unix::fs::symlink(&copy, &sym).unwrap();
    assert_eq!(store::list_emergency(&data), vec![copy.clone()]);
    assert!(store::load_emergency(&sym).is_err());
}

#[test]
fn a_copy_planted_beside_the_data_file_by_someone_else_is_not_offered() {
    // Every test of this binary holds ENV: one of them points TMPDIR elsewhere.
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    if !safety::is_root() {
        eprintln!("skipped: needs root to plant another user's file");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d.ron");
    store::save(&data, &Workspace::named("ours")).unwrap();
    let planted = store::write_emergency(&data, &Workspace::named("IBAN XX00 ATTACKER")).unwrap();
    assert_eq!(store::find_emergency(&data), Some(planted.clone()));
    assert!(chown(&planted, NOBODY));
    assert_eq!(store::find_emergency(&data), None);
}

#[test]
fn moving_a_copy_into_backups_on_a_full_disk_leaves_no_partial_copy() {
    // Every test of this binary holds ENV: one of them points TMPDIR elsewhere.
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let Some(mount) = safety::Tmpfs::mount("256k") else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    // The data file on the small disk; the copy elsewhere (another file system, so moving it
    // is a copy), larger than the space left.
    let data = mount.path().join("d.ron");
    store::save(&data, &Workspace::named("ours")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere
        .path()
        .join("d.ron.emergency-20261201T100000Z.ron");
    let big = safety::big_workspace("copy", 400_000);
    store::save(&copy, &big).unwrap();
    let before = fs::read(&copy).unwrap();
    let err = store::retire_emergency(&data, &copy).expect_err("the disk is too small");
    eprintln!("{err}");
    let backups = store::backup::backup_dir(&data);
    let left: Vec<String> = fs::read_dir(&backups)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(left.is_empty(), "partial files in backups/: {left:?}");
    assert_eq!(
        fs::read(&copy).unwrap(),
        before,
        "the copy stays where it was"
    );
}

/// Asking who holds the lock reads only a regular file: a FIFO planted as the lock file is not
/// waited on (opening it for reading would block until a writer came), and a link is not
/// followed.
#[test]
fn asking_who_holds_the_lock_never_blocks_on_a_planted_fifo_or_follows_a_link() {
    // Every test of this binary holds ENV: one of them points TMPDIR elsewhere.
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("d.ron");
    let lock = dir.path().join("d.ron.lock");
    let fifo = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let (send, receive) = std::sync::mpsc::channel();
    let asked = data.clone();
    std::thread::spawn(move || send.send(Lock::holder(&asked).is_none()).unwrap());
    let answer = receive.recv_timeout(std::time::Duration::from_secs(5));
    assert_eq!(answer, Ok(true), "answered at once: nobody holds it");
    std::fs::remove_file(&lock).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::write(&elsewhere, "pid 1\n").unwrap();
    std::os::unix::fs::symlink(&elsewhere, &lock).unwrap();
    assert!(Lock::holder(&data).is_none(), "a link is not followed");
}
