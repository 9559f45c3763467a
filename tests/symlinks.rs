//! Paths beside the data file are never followed when they are symbolic links (the lock file,
//! backups/); a data file that is a link is saved beside its target, so the link survives; root
//! never writes into another user's workspace; scratch folders are private.
#![cfg(unix)]

mod common;

use assert_cmd::Command;
use common::mode;
use partnerdeck::model::Workspace;
use partnerdeck::store::{self, BackupPolicy, Lock, LockError};
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};

#[test]
fn a_lock_file_that_is_a_link_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    let data = dir.path().join("w.ron");
    symlink(&victim, dir.path().join("w.ron.lock")).unwrap();
    let err = Lock::acquire(&data).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(mode(&victim), 0o644);
}

#[test]
fn a_backups_folder_that_is_a_link_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().join("w.ron");
    store::save(&data, &Workspace::named("First")).unwrap();
    symlink(&elsewhere, dir.path().join("backups")).unwrap();
    let before = std::fs::read(&data).unwrap();
    let err = store::backup_now(&data, chrono::Utc::now()).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    // A save that is due a backup refuses rather than write through the link.
    let policy = BackupPolicy {
        min_age: std::time::Duration::ZERO,
        ..BackupPolicy::default()
    };
    let failed = store::save_with_backup(
        &data,
        &Workspace::named("Second"),
        &policy,
        chrono::Utc::now(),
    );
    assert!(failed.is_err());
    assert_eq!(
        std::fs::read(&data).unwrap(),
        before,
        "nothing was replaced"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert_eq!(mode(&elsewhere), 0o755);
}

#[test]
fn a_data_file_that_is_a_link_is_saved_beside_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let dotfiles = dir.path().join("dotfiles");
    std::fs::create_dir(&dotfiles).unwrap();
    let target = dotfiles.join("partnerdeck.ron");
    let link = dir.path().join("partnerdeck.ron");
    symlink("dotfiles/partnerdeck.ron", &link).unwrap();
    Command::cargo_bin("partnerdeck")
        .unwrap()
        .args(["--file", link.to_str().unwrap(), "init", "--name", "Org"])
        .assert()
        .success();
    Command::cargo_bin("partnerdeck")
        .unwrap()
        .args(["--file", link.to_str().unwrap(), "init", "--demo"])
        .assert()
        .failure();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains("\"Org\""), "{text}");
    assert_eq!(
        store::paths::resolve(Some(&link)).unwrap(),
        dotfiles.join("partnerdeck.ron")
    );
    // The lock goes beside the target too.
    let lock = Lock::acquire(&store::paths::resolve(Some(&link)).unwrap()).unwrap();
    assert!(dotfiles.join("partnerdeck.ron.lock").exists());
    drop(lock);
}

#[test]
fn root_does_not_write_into_another_users_workspace() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: not running as root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("someone");
    std::fs::create_dir(&home).unwrap();
    let data = home.join("w.ron");
    store::save(&data, &Workspace::named("Theirs")).unwrap();
    for p in [&home, &data] {
        std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
    }
    match Lock::acquire(&data) {
        Err(e @ LockError::ForeignOwner { .. }) => {
            let text = e.to_string();
            assert!(
                text.contains("65534") && text.contains("--read-only"),
                "{text}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!home.join("backups").exists());
    assert!(!home.join("w.ron.lock").exists());
    assert_eq!(std::fs::metadata(&data).unwrap().uid(), 65534);
}

#[test]
fn scratch_folders_are_private() {
    let dir = store::save::private_tempdir("partnerdeck-test-").unwrap();
    assert_eq!(mode(dir.path()), 0o700);
}
