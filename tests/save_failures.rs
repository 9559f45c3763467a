//! Saves that cannot succeed: a read-only folder, a folder we may not write, a full disk, a
//! file-size limit. Each fails with a clear message, leaves the old file byte for byte and no
//! temporary file behind, and a later save (once there is room) succeeds.
//!
//! As root (as here and in CI) permission bits do not stop writes, so the read-only case uses a
//! tmpfs remounted read-only and the permission case a child process that drops to `nobody`.
//! The full disk is a 1 MiB tmpfs; where mounting is not allowed those two cases say so and
//! skip, and the file-size limit (`RLIMIT_FSIZE` in a child, which needs no privilege) still
//! runs.

mod safety;

use partnerdeck::model::Workspace;
use partnerdeck::store;
use safety::{ChildProc, Tmpfs, big_workspace, exit_when_parent_goes, is_root, temp_leftovers};
use std::fs;
use std::path::Path;
use std::time::Duration;

const FSIZE_ENV: &str = "PARTNERDECK_TEST_FSIZE_SAVE";
const NOBODY_ENV: &str = "PARTNERDECK_TEST_NOBODY_SAVE";

/// Asserts the failed save's message and that nothing changed on disk.
fn assert_failed_cleanly(data: &Path, message: &str, expected_cause: &str, before: &[u8]) {
    eprintln!("failed as it should: {message}");
    assert!(
        message.starts_with(&format!("could not save {}", data.display())),
        "{message}"
    );
    assert!(message.contains(expected_cause), "{message}");
    assert_eq!(fs::read(data).unwrap(), before, "the old file changed");
    assert!(
        temp_leftovers(data).is_empty(),
        "{:?}",
        temp_leftovers(data)
    );
}

#[test]
fn saving_into_a_read_only_folder_fails_clearly_and_keeps_the_old_file() {
    let ws = Workspace::named("v2");
    let kept = ws.clone();
    if is_root() {
        let Some(mount) = Tmpfs::mount("4m") else {
            eprintln!("skipped: cannot mount a tmpfs here (the permission test still runs)");
            return;
        };
        let data = mount.path().join("ws.ron");
        store::save(&data, &Workspace::named("v1")).unwrap();
        let before = fs::read(&data).unwrap();
        assert!(mount.remount_read_only());
        let err = store::save(&data, &ws).unwrap_err();
        assert_failed_cleanly(&data, &err.to_string(), "Read-only file system", &before);
    } else {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("ws.ron");
        store::save(&data, &Workspace::named("v1")).unwrap();
        let before = fs::read(&data).unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let err = store::save(&data, &ws).unwrap_err();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        assert_failed_cleanly(&data, &err.to_string(), "Permission denied", &before);
    }
    assert_eq!(ws, kept, "the workspace in memory is untouched");
}

/// Child role: drop to `nobody` if root, then try to save into the given (root-owned) path.
#[test]
fn child_unprivileged_save() {
    let Ok(data) = std::env::var(NOBODY_ENV) else {
        return;
    };
    exit_when_parent_goes();
    if is_root() {
        // SAFETY: plain system calls; glibc applies them to every thread of the process.
        let ok = unsafe { libc::setgid(65534) == 0 && libc::setuid(65534) == 0 };
        assert!(ok, "dropping to nobody failed");
    }
    match store::save(Path::new(&data), &Workspace::named("v2")) {
        Ok(()) => println!("SAVE-OK"),
        Err(e) => println!("SAVE-ERROR {}", e.to_string().replace('\n', " ")),
    }
}

#[test]
fn saving_without_permission_fails_clearly_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    store::save(&data, &Workspace::named("v1")).unwrap();
    let before = fs::read(&data).unwrap();
    let message = if is_root() {
        // Readable and searchable by everyone, writable by root alone.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let mut child = ChildProc::spawn(
            "child_unprivileged_save",
            &[(NOBODY_ENV, data.to_str().unwrap())],
        );
        let line = child.expect_line("SAVE-", Duration::from_secs(60));
        child.wait(Duration::from_secs(60));
        line.strip_prefix("SAVE-ERROR ")
            .unwrap_or_else(|| panic!("the save should have failed: {line}"))
            .to_string()
    } else {
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let err = store::save(&data, &Workspace::named("v2")).unwrap_err();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        err.to_string()
    };
    assert_failed_cleanly(&data, &message, "Permission denied", &before);
}

#[test]
fn a_full_disk_fails_the_save_clearly_and_keeps_the_old_file() {
    let Some(mount) = Tmpfs::mount("1m") else {
        eprintln!("skipped: cannot mount a tmpfs here (the RLIMIT_FSIZE test still runs)");
        return;
    };
    let data = mount.path().join("ws.ron");
    store::save(&data, &Workspace::named("v1")).unwrap();
    let before = fs::read(&data).unwrap();
    let big = big_workspace("full", 1_500_000);
    let kept = big.clone();
    let err = store::save(&data, &big).unwrap_err();
    assert_failed_cleanly(&data, &err.to_string(), "No space left on device", &before);
    assert_eq!(big, kept);
    // The space the failed write took is free again: a save that fits succeeds.
    store::save(&data, &Workspace::named("v3")).unwrap();
    assert_eq!(
        store::load(&data).unwrap().unwrap().workspace.profile.name,
        "v3"
    );
}

/// Child role: limit file sizes to 256 KiB (SIGXFSZ ignored, so writes fail with EFBIG instead
/// of killing us) and try to save a 1 MB workspace over the given file.
#[test]
fn child_save_under_file_size_limit() {
    let Ok(data) = std::env::var(FSIZE_ENV) else {
        return;
    };
    exit_when_parent_goes();
    let ws = big_workspace("limit", 1_000_000);
    // SAFETY: plain system calls with valid arguments.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit {
            rlim_cur: 256 * 1024,
            rlim_max: 256 * 1024,
        };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
    }
    match store::save(Path::new(&data), &ws) {
        Ok(()) => println!("SAVE-OK"),
        Err(e) => println!("SAVE-ERROR {}", e.to_string().replace('\n', " ")),
    }
}

#[test]
fn a_file_size_limit_fails_the_save_clearly_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    store::save(&data, &Workspace::named("v1")).unwrap();
    let before = fs::read(&data).unwrap();
    let mut child = ChildProc::spawn(
        "child_save_under_file_size_limit",
        &[(FSIZE_ENV, data.to_str().unwrap())],
    );
    let line = child.expect_line("SAVE-", Duration::from_secs(120));
    assert!(child.wait(Duration::from_secs(60)).success());
    let message = line
        .strip_prefix("SAVE-ERROR ")
        .unwrap_or_else(|| panic!("the save should have failed: {line}"))
        .to_string();
    assert_failed_cleanly(&data, &message, "File too large", &before);
}
