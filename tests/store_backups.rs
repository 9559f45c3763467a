//! Backups before saves, rotation, restore, the `backups` and `restore` commands, emergency
//! copies and the clean-up of temporary files. Times are synthetic: each save is given its
//! `now`, and the data file's mtime is set to it, as if the save had happened then.

mod common;
mod safety;

use chrono::{DateTime, TimeDelta, Utc};
use common::backups::{ids, minutes, names, save_at, set_mtime};
#[cfg(unix)]
use common::mode;
use partnerdeck::model::Workspace;
use partnerdeck::store::{self, BackupError, BackupPolicy};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn named(name: &str) -> Workspace {
    Workspace::named(name)
}

/// The text a backup holds (unpacked when compressed).
fn content(backup: &Path) -> Vec<u8> {
    store::read_backup(backup).unwrap()
}

#[test]
fn a_backup_is_made_when_the_replaced_version_or_the_newest_backup_is_old_enough() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("team.ron");
    // A new file: nothing to keep.
    assert!(save_at(&data, &named("v1"), minutes(0)).backup.is_none());
    let v1 = fs::read(&data).unwrap();
    // No backup yet: the first replacement is always kept.
    let b = save_at(&data, &named("v2"), minutes(1)).backup.unwrap();
    assert_eq!(b.id, "20261101T120100Z");
    assert_eq!(
        b.path,
        dir.path().join("backups/team-20261101T120100Z.ron.zst")
    );
    assert_eq!(content(&b.path), v1, "the copy is the old bytes");
    // A 1-minute-old version and a 1-minute-old backup: no copy.
    assert!(save_at(&data, &named("v3"), minutes(2)).backup.is_none());
    assert!(save_at(&data, &named("v4"), minutes(9)).backup.is_none());
    // Frequent saves, but the newest backup is now 11 minutes old: one copy.
    let v4 = fs::read(&data).unwrap();
    let b = save_at(&data, &named("v5"), minutes(12)).backup.unwrap();
    assert_eq!(content(&b.path), v4);
    assert!(save_at(&data, &named("v6"), minutes(13)).backup.is_none());
    // A version that lasted 17 minutes is kept.
    let v6 = fs::read(&data).unwrap();
    let b = save_at(&data, &named("v7"), minutes(30)).backup.unwrap();
    assert_eq!(content(&b.path), v6);
    assert_eq!(
        ids(&data),
        ["20261101T120100Z", "20261101T121200Z", "20261101T123000Z"]
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(&dir.path().join("backups")), 0o700);
        for b in store::list_backups(&data) {
            assert_eq!(mode(&b.path), 0o600);
        }
    }
}

#[test]
fn a_custom_minimum_age_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    let policy = BackupPolicy {
        min_age: Duration::from_secs(60 * 60),
        ..BackupPolicy::default()
    };
    store::save(&data, &named("v1")).unwrap();
    set_mtime(&data, minutes(0));
    assert!(
        store::backup_due(&data, &policy, minutes(1)),
        "no backup yet"
    );
    store::save_with_backup(&data, &named("v2"), &policy, minutes(1)).unwrap();
    set_mtime(&data, minutes(1));
    assert!(!store::backup_due(&data, &policy, minutes(50)));
    assert!(store::backup_due(&data, &policy, minutes(62)));
}

#[test]
fn two_backups_in_the_same_second_get_distinct_sortable_ids_and_duplicates_are_not_made() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    store::save(&data, &named("v1")).unwrap();
    let a = store::backup_now(&data, minutes(0)).unwrap().unwrap();
    // Same bytes again: the existing copy is reused.
    let again = store::backup_now(&data, minutes(0)).unwrap().unwrap();
    assert_eq!(again, a);
    store::save(&data, &named("v2")).unwrap();
    let b = store::backup_now(&data, minutes(0)).unwrap().unwrap();
    assert_eq!(a.id, "20261101T120000Z");
    assert_eq!(b.id, "20261101T120000Z_2");
    assert_eq!(ids(&data), [a.id.clone(), b.id.clone()]);
    let names = names(&dir.path().join("backups"));
    assert_eq!(
        names,
        [
            "ws-20261101T120000Z.ron.zst",
            "ws-20261101T120000Z_2.ron.zst"
        ]
    );
    // No data file: nothing to back up.
    assert!(
        store::backup_now(&dir.path().join("none.ron"), minutes(0))
            .unwrap()
            .is_none()
    );
}

/// Makes backups directly (5 a day, for `days` days before `now`) and returns their ids. They
/// alternate between the compressed kind and the plain `.ron` of earlier versions, which are
/// pruned by the same policy.
fn synthetic_backups(data: &Path, now: DateTime<Utc>, days: i64) -> Vec<(String, DateTime<Utc>)> {
    let dir = store::backup::backup_dir(data);
    fs::create_dir_all(&dir).unwrap();
    let mut made = Vec::new();
    for d in (0..days).rev() {
        for h in [1, 6, 11, 16, 21] {
            let t = (now - TimeDelta::days(d))
                .date_naive()
                .and_hms_opt(h, 0, 0)
                .unwrap()
                .and_utc();
            if t > now {
                continue;
            }
            let id = t.format("%Y%m%dT%H%M%SZ").to_string();
            let suffix = if made.len() % 2 == 0 {
                "ron.zst"
            } else {
                "ron"
            };
            fs::write(dir.join(format!("ws-{id}.{suffix}")), id.as_bytes()).unwrap();
            made.push((id, t));
        }
    }
    made
}

/// What the policy should keep, computed the plain way.
fn expected_kept(
    made: &[(String, DateTime<Utc>)],
    policy: &BackupPolicy,
    now: DateTime<Utc>,
) -> BTreeSet<String> {
    let mut keep: BTreeSet<String> = made
        .iter()
        .rev()
        .take(policy.keep_last)
        .map(|(id, _)| id.clone())
        .collect();
    let horizon = now - TimeDelta::days(policy.keep_daily_days.into());
    let mut days = BTreeSet::new();
    for (id, t) in made.iter().rev() {
        if *t > horizon && days.insert(t.date_naive()) {
            keep.insert(id.clone());
        }
    }
    keep
}

#[test]
fn rotation_keeps_the_last_twenty_and_one_a_day_for_thirty_days() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    let now = DateTime::parse_from_rfc3339("2026-11-27T22:30:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let made = synthetic_backups(&data, now, 60);
    assert_eq!(made.len(), 300);
    // Files that are not backups of this file are never touched.
    let backups = store::backup::backup_dir(&data);
    let strangers = [
        backups.join("notes.txt"),
        backups.join("other-20261001T010000Z.ron"),
        backups.join("ws-2026.ron"),
        backups.join("ws-20261001T010000Z.zst"),
        backups.join("ws-20261001T010000Z.ron.gz"),
        backups.join("ws-20261001T010000Z.ron.zst.bak"),
        backups.join("ws.ron.emergency-20261001T010000Z.ron"),
    ];
    for s in &strangers {
        fs::write(s, "keep me").unwrap();
    }
    let policy = BackupPolicy::default();
    let removed = store::prune(&data, &policy, now);
    let kept: BTreeSet<String> = ids(&data).into_iter().collect();
    let expected = expected_kept(&made, &policy, now);
    assert_eq!(kept, expected);
    // 20 newest (the last four days, today's 5 included) plus one for each older day of the
    // 30 days: 30 days in all, of which 4 are fully among the last 20.
    assert_eq!(kept.len(), 20 + 26);
    assert_eq!(removed.len(), 300 - kept.len());
    for s in &strangers {
        assert!(s.exists(), "{} was touched", s.display());
    }
    // Pruning again changes nothing.
    assert!(store::prune(&data, &policy, now).is_empty());
    // The oldest kept is the newest backup of the oldest day within 30 days.
    let oldest = store::list_backups(&data).into_iter().next().unwrap();
    assert!(now - oldest.time < TimeDelta::days(30));
}

#[test]
fn rotation_follows_a_custom_policy() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    let now = DateTime::parse_from_rfc3339("2026-11-27T22:30:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let made = synthetic_backups(&data, now, 10);
    let policy = BackupPolicy {
        min_age: Duration::from_secs(60),
        keep_last: 3,
        keep_daily_days: 2,
    };
    store::prune(&data, &policy, now);
    let kept: BTreeSet<String> = ids(&data).into_iter().collect();
    assert_eq!(kept, expected_kept(&made, &policy, now));
    // Today's last three, plus the newest of yesterday (the day before is past 48 hours).
    assert_eq!(
        kept.into_iter().collect::<Vec<_>>(),
        [
            "20261126T210000Z",
            "20261127T110000Z",
            "20261127T160000Z",
            "20261127T210000Z"
        ]
    );
    // keep_last 0 still keeps the newest.
    let none = BackupPolicy {
        keep_last: 0,
        keep_daily_days: 0,
        ..policy
    };
    store::prune(&data, &none, now);
    assert_eq!(ids(&data), ["20261127T210000Z"]);
}

#[test]
fn saves_prune_old_backups() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    let policy = BackupPolicy {
        keep_last: 3,
        keep_daily_days: 0,
        ..BackupPolicy::default()
    };
    for i in 0..8 {
        store::save_with_backup(&data, &named(&format!("v{i}")), &policy, minutes(i * 20)).unwrap();
        set_mtime(&data, minutes(i * 20));
    }
    assert_eq!(
        ids(&data),
        ["20261101T134000Z", "20261101T140000Z", "20261101T142000Z"]
    );
}

#[test]
fn restore_round_trip_backs_up_the_current_version_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    save_at(&data, &named("v1"), minutes(0));
    let v1 = fs::read(&data).unwrap();
    let b1 = save_at(&data, &named("v2"), minutes(20)).backup.unwrap();
    let v2 = fs::read(&data).unwrap();
    let restored = store::restore(&data, &b1.id, minutes(25)).unwrap();
    assert_eq!(fs::read(&data).unwrap(), v1, "restored byte for byte");
    assert_eq!(restored.from.id, b1.id);
    assert_eq!(restored.loaded.workspace.profile.name, "v1");
    let saved = restored.saved_current.unwrap();
    assert_eq!(content(&saved.path), v2, "v2 was kept first");
    assert_eq!(ids(&data), [b1.id.clone(), saved.id.clone()]);
    // And back again, by a unique beginning of the id.
    store::restore(&data, "20261101T1225", minutes(26)).unwrap();
    assert_eq!(fs::read(&data).unwrap(), v2);
}

#[test]
fn restore_refuses_unknown_ambiguous_and_broken_backups_leaving_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    save_at(&data, &named("v1"), minutes(0));
    save_at(&data, &named("v2"), minutes(20));
    save_at(&data, &named("v3"), minutes(40));
    let before = fs::read(&data).unwrap();
    let count = ids(&data).len();
    let err = store::restore(&data, "19990101T000000Z", minutes(50)).unwrap_err();
    assert!(matches!(err, BackupError::NotFound { .. }), "{err}");
    assert!(err.to_string().contains("partnerdeck backups"), "{err}");
    let err = store::restore(&data, "20261101T12", minutes(50)).unwrap_err();
    assert!(matches!(err, BackupError::Ambiguous { .. }), "{err}");
    // A damaged backup is refused before anything is written.
    let broken = store::backup::backup_dir(&data).join("ws-20261101T130000Z.ron");
    fs::write(&broken, "(version: 1, profile: (name: \"x\"").unwrap();
    let err = store::restore(&data, "20261101T130000Z", minutes(50)).unwrap_err();
    assert!(matches!(err, BackupError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("not changed"), "{err}");
    assert_eq!(fs::read(&data).unwrap(), before);
    assert_eq!(
        ids(&data).len(),
        count + 1,
        "no backup made for a refused restore"
    );
}

#[test]
fn the_backups_and_restore_commands() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    let file = data.to_str().unwrap();
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("partnerdeck")
            .unwrap()
            .args(["--file", file])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["backups"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("no backups"));

    let mut ws = named("v1");
    for n in ["Acme", "Globex"] {
        let id = partnerdeck::model::PartnerId(ws.allocate_id());
        ws.partners.push(partnerdeck::model::Partner::new(
            id,
            n,
            safety::day("2025-01-01"),
        ));
    }
    save_at(&data, &ws, minutes(0));
    let b = save_at(&data, &named("v2"), minutes(20)).backup.unwrap();
    let out = run(&["backups"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&b.id), "{text}");
    assert!(text.contains("2 partners"), "{text}");
    assert!(text.contains(" B ") || text.contains(" KiB "), "{text}");

    let out = run(&["restore", &b.id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("restored backup {}", b.id)),
        "{text}"
    );
    assert!(text.contains("2 partners"), "{text}");
    assert!(
        text.contains("the version it replaced is kept as backup"),
        "{text}"
    );
    assert_eq!(
        store::load(&data)
            .unwrap()
            .unwrap()
            .workspace
            .partners
            .len(),
        2
    );
    assert!(
        !store::lock::lock_path(&data).exists(),
        "the lock is released"
    );

    let out = run(&["restore", "nope"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no backup nope"));
}

#[test]
fn emergency_copies_never_touch_the_data_file_and_are_found_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    assert!(store::find_emergency(&data).is_none());
    store::save(&data, &named("saved")).unwrap();
    let saved = fs::read(&data).unwrap();
    let now = minutes(0);
    let first = store::emergency::write_emergency_at(&data, &named("unsaved 1"), now).unwrap();
    let second = store::emergency::write_emergency_at(&data, &named("unsaved 2"), now).unwrap();
    assert_eq!(
        first,
        dir.path().join("ws.ron.emergency-20261101T120000Z.ron")
    );
    assert_ne!(first, second, "never over an earlier copy");
    assert_eq!(
        fs::read(&data).unwrap(),
        saved,
        "the data file is untouched"
    );
    #[cfg(unix)]
    assert_eq!(mode(&first), 0o600);
    assert_eq!(
        store::list_emergency(&data),
        [first.clone(), second.clone()]
    );
    assert_eq!(store::find_emergency(&data), Some(second.clone()));
    let recovered = store::load(&second).unwrap().unwrap().workspace;
    assert_eq!(recovered.profile.name, "unsaved 2");
    // The real-time variant works too, and leaves no temporary file.
    let third = store::write_emergency(&data, &named("unsaved 3")).unwrap();
    assert_eq!(store::find_emergency(&data), Some(third.clone()));
    assert!(safety::temp_leftovers(&data).is_empty());
    // Retired copies are kept in backups/ and no longer offered.
    for p in [&first, &second, &third] {
        let moved = store::retire_emergency(&data, p).unwrap();
        assert!(moved.exists());
    }
    assert!(store::find_emergency(&data).is_none());
    assert!(store::list_backups(&data).is_empty());
}

#[test]
fn cleanup_removes_only_our_leftover_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    store::save(&data, &named("v1")).unwrap();
    let backups = store::backup::backup_dir(&data);
    fs::create_dir_all(&backups).unwrap();
    let ours: Vec<PathBuf> = vec![
        dir.path().join(".ws.ron.aB3xY9"),
        dir.path().join(".ws.ron.000000"),
        backups.join(".ws-20261101T120000Z.ron.Qw12Er"),
        backups.join(".ws-20261101T120000Z.ron.zst.Zx98Cv"),
    ];
    let not_ours: Vec<PathBuf> = vec![
        dir.path().join(".other.ron.aB3xY9"),
        dir.path().join(".ws.ron.aB3xY"),
        dir.path().join(".ws.ron.aB3xY9.bak"),
        dir.path().join("ws.ron.aB3xY9"),
        dir.path().join(".ws.ron.lock"),
        backups.join(".other-20261101T120000Z.ron.Qw12Er"),
        backups.join("ws-20261101T120000Z.ron"),
        backups.join("ws-20261101T120000Z.ron.zst"),
        backups.join(".other-20261101T120000Z.ron.zst.Qw12Er"),
    ];
    for p in ours.iter().chain(&not_ours) {
        fs::write(p, "leftover").unwrap();
    }
    // A folder with a temporary-looking name is not a leftover file.
    fs::create_dir(dir.path().join(".ws.ron.Dir123")).unwrap();
    let _lock = store::Lock::acquire(&data).unwrap();
    let mut removed = store::cleanup_temp_files(&data);
    removed.sort();
    let mut expected = ours.clone();
    expected.sort();
    assert_eq!(removed, expected);
    for p in &ours {
        assert!(!p.exists());
    }
    for p in &not_ours {
        assert!(p.exists(), "{} was removed", p.display());
    }
    assert!(dir.path().join(".ws.ron.Dir123").is_dir());
    assert!(data.exists());
    assert!(store::cleanup_temp_files(&data).is_empty());
}
