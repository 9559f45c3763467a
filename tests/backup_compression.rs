//! Compressed backups (`<stem>-<id>.ron.zst`): made private and atomically, listed, restored and
//! pruned together with the uncompressed `.ron` copies of earlier versions; a damaged copy is
//! refused by name without touching the data file; and at the default policy the folder stays
//! within 5× the data file for a generated workspace. Times are synthetic, as in
//! `store_backups.rs`: each save is given its `now`, and the file's mtime is set to it.

mod common;

use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use common::backups::{ids, minutes, names, save_at, set_mtime, t0};
#[cfg(unix)]
use common::mode;
use partnerdeck::model::{InteractionId, Workspace};
use partnerdeck::store::{self, BackupError, BackupPolicy};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The demo sample, a workspace with real-looking records.
fn demo() -> Workspace {
    store::demo_workspace(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())
}

/// Writes `text` as a backup the way earlier versions did: `<stem>-<id>.ron`, uncompressed.
fn old_plain_backup(data: &Path, id: &str, text: &[u8]) -> PathBuf {
    let dir = store::backup::backup_dir(data);
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}{id}.ron", store::backup::backup_prefix(data)));
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn new_backups_are_zstd_private_and_much_smaller() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("team.ron");
    save_at(&data, &demo(), minutes(0));
    let v1 = fs::read(&data).unwrap();
    let b = save_at(&data, &Workspace::named("v2"), minutes(20))
        .backup
        .unwrap();
    assert_eq!(b.id, "20261101T122000Z");
    assert_eq!(
        b.path,
        dir.path().join("backups/team-20261101T122000Z.ron.zst")
    );
    assert!(b.is_compressed());
    let on_disk = fs::read(&b.path).unwrap();
    assert_eq!(&on_disk[..4], &[0x28, 0xb5, 0x2f, 0xfd], "a zstd frame");
    assert_eq!(b.size, on_disk.len() as u64);
    assert!(
        on_disk.len() * 4 < v1.len(),
        "{} bytes for a {}-byte file",
        on_disk.len(),
        v1.len()
    );
    assert_eq!(store::read_backup(&b.path).unwrap(), v1);
    assert_eq!(
        zstd::decode_all(&on_disk[..]).unwrap(),
        v1,
        "any zstd reader unpacks it"
    );
    #[cfg(unix)]
    {
        assert_eq!(mode(&dir.path().join("backups")), 0o700);
        assert_eq!(mode(&b.path), 0o600);
    }
    // Written atomically: no temporary file is left in the folder.
    assert_eq!(
        names(&dir.path().join("backups")),
        ["team-20261101T122000Z.ron.zst"]
    );
    // The same bytes again are not copied twice.
    let again = store::backup_now(&data, minutes(20)).unwrap().unwrap();
    assert_eq!(again.id, "20261101T122000Z_2", "v2 differs from v1");
    let same = store::backup_now(&data, minutes(20)).unwrap().unwrap();
    assert_eq!(same, again, "the newest copy already holds these bytes");
}

#[test]
fn an_old_uncompressed_backup_is_listed_reused_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    save_at(&data, &demo(), minutes(0));
    let v1 = fs::read(&data).unwrap();
    let old = old_plain_backup(&data, "20261101T115000Z", &v1);
    let listed = store::list_backups(&data);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, old);
    assert!(!listed[0].is_compressed());
    // It already holds the file's bytes: no second copy.
    let reused = store::backup_now(&data, minutes(1)).unwrap().unwrap();
    assert_eq!(reused.path, old);

    save_at(&data, &Workspace::named("v2"), minutes(5));
    let v2 = fs::read(&data).unwrap();
    let restored = store::restore(&data, "20261101T115000Z", minutes(30)).unwrap();
    assert_eq!(fs::read(&data).unwrap(), v1, "restored byte for byte");
    assert_eq!(restored.loaded.workspace, demo_loaded(&v1));
    let saved = restored.saved_current.unwrap();
    assert!(
        saved.is_compressed(),
        "the version replaced is kept compressed"
    );
    assert_eq!(store::read_backup(&saved.path).unwrap(), v2);
    assert_eq!(ids(&data), ["20261101T115000Z", "20261101T123000Z"]);
    // And back to v2, from the compressed copy.
    store::restore(&data, "20261101T1230", minutes(31)).unwrap();
    assert_eq!(fs::read(&data).unwrap(), v2);
}

fn demo_loaded(text: &[u8]) -> Workspace {
    store::load_text(std::str::from_utf8(text).unwrap(), Path::new("x.ron"))
        .unwrap()
        .workspace
}

#[test]
fn an_id_held_by_an_old_copy_is_not_given_to_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    store::save(&data, &Workspace::named("now")).unwrap();
    old_plain_backup(&data, "20261101T120000Z", b"(an older version)");
    let b = store::backup_now(&data, minutes(0)).unwrap().unwrap();
    assert_eq!(b.id, "20261101T120000Z_2");
    assert_eq!(ids(&data), ["20261101T120000Z", "20261101T120000Z_2"]);
}

#[test]
fn a_damaged_compressed_backup_is_refused_by_name_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    save_at(&data, &demo(), minutes(0));
    let good = save_at(&data, &Workspace::named("v2"), minutes(20))
        .backup
        .unwrap();
    save_at(&data, &Workspace::named("v3"), minutes(40));
    let before = fs::read(&data).unwrap();
    let packed = fs::read(&good.path).unwrap();
    let backups = store::backup::backup_dir(&data);

    let mut flipped = packed.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x10;
    let cases: [(&str, Vec<u8>); 4] = [
        ("20261101T130000Z", packed[..packed.len() * 2 / 3].to_vec()),
        ("20261101T130100Z", packed[..packed.len() - 1].to_vec()),
        ("20261101T130200Z", flipped),
        ("20261101T130300Z", b"(version: 1) but not zstd".to_vec()),
    ];
    for (id, bytes) in &cases {
        let path = backups.join(format!("ws-{id}.ron.zst"));
        fs::write(&path, bytes).unwrap();
        let count = ids(&data).len();
        let err = store::restore(&data, id, minutes(50)).unwrap_err();
        assert!(matches!(err, BackupError::Invalid { .. }), "{err}");
        let text = err.to_string();
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(text.contains("damaged or cut short"), "{text}");
        assert!(text.contains("The data file was not changed"), "{text}");
        assert_eq!(fs::read(&data).unwrap(), before, "{id}");
        assert_eq!(
            ids(&data).len(),
            count,
            "no backup made for a refused restore"
        );
    }

    // Through the command: a clear message, a failure status, no panic, the file untouched.
    let file = data.to_str().unwrap();
    let on_file = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
            .args(["--file", file])
            .args(args)
            .output()
            .unwrap()
    };
    let out = on_file(&["restore", "20261101T130000Z"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ws-20261101T130000Z.ron.zst"), "{err}");
    assert!(err.contains("damaged or cut short"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(fs::read(&data).unwrap(), before);
    // The listing still lists every copy and says which ones do not load.
    let out = on_file(&["backups"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for (id, _) in &cases {
        let line = text.lines().find(|l| l.contains(id)).unwrap();
        assert!(line.contains("does not load"), "{line}");
    }
    let line = text.lines().find(|l| l.contains(&good.id)).unwrap();
    assert!(line.contains("partners"), "{line}");
}

#[cfg(unix)]
#[test]
fn a_compressed_backup_that_is_a_link_is_neither_listed_nor_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    store::save(&data, &Workspace::named("v1")).unwrap();
    let outside = dir.path().join("outside.ron.zst");
    fs::write(&outside, zstd::encode_all(&b"(secret)"[..], 3).unwrap()).unwrap();
    let backups = store::backup::backup_dir(&data);
    fs::create_dir_all(&backups).unwrap();
    let link = backups.join("ws-20261101T120000Z.ron.zst");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    assert!(store::list_backups(&data).is_empty());
    let err = store::read_backup(&link).unwrap_err();
    assert!(err.raw_os_error() == Some(libc::ELOOP), "{err}");
}

#[test]
fn old_and_new_backups_are_pruned_by_one_policy() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    let policy = BackupPolicy {
        keep_last: 3,
        keep_daily_days: 2,
        ..BackupPolicy::default()
    };
    // An earlier version left one plain copy a day for five days.
    let day = |d: i64, h: u32| {
        (t0() - TimeDelta::days(d))
            .date_naive()
            .and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap())
            .and_utc()
    };
    for d in (1..=5).rev() {
        let id = day(d, 9).format("%Y%m%dT%H%M%SZ").to_string();
        old_plain_backup(&data, &id, format!("(day {d})").as_bytes());
    }
    store::save(&data, &Workspace::named("v0")).unwrap();
    set_mtime(&data, day(1, 10));
    // Today: four saves, each making a compressed copy.
    for (i, m) in [0, 20, 40, 60].into_iter().enumerate() {
        store::save_with_backup(
            &data,
            &Workspace::named(format!("v{}", i + 1)),
            &policy,
            minutes(m),
        )
        .unwrap();
        set_mtime(&data, minutes(m));
    }
    let kept = store::list_backups(&data);
    let kept: Vec<(String, bool)> = kept
        .into_iter()
        .map(|b| (b.id.clone(), b.is_compressed()))
        .collect();
    // The newest three (compressed), plus the newest of yesterday (plain); the older days are
    // past 48 hours.
    assert_eq!(
        kept,
        [
            ("20261031T090000Z".to_string(), false),
            ("20261101T122000Z".to_string(), true),
            ("20261101T124000Z".to_string(), true),
            ("20261101T130000Z".to_string(), true),
        ]
    );
    assert_eq!(
        names(&store::backup::backup_dir(&data)).len(),
        4,
        "the others were removed, of both kinds"
    );
}

/// Runs the benchmark generator (as `tests/generator.rs` does) for a workspace of the shape
/// big files have.
fn generated(out: &Path) -> Workspace {
    common::generate::generate(
        &["--partners", "20", "--interactions", "2000", "--seed", "3"],
        out,
    );
    store::load(out).unwrap().unwrap().workspace
}

#[test]
fn at_the_default_policy_the_backups_stay_within_five_times_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("team.ron");
    let mut ws = generated(&dir.path().join("generated.ron"));
    let template = ws.interactions.last().unwrap().clone();
    let start = t0() - TimeDelta::days(32);
    let mut saves = 0;
    let mut save = |ws: &mut Workspace, now: DateTime<Utc>| {
        // Each save logs one more entry: the file grows a little, as in use.
        let mut entry = template.clone();
        entry.id = InteractionId(ws.allocate_id());
        entry.at = now.naive_utc();
        entry.summary = format!("Call number {saves} about the next steps");
        ws.interactions.push(entry);
        save_at(&data, ws, now);
        saves += 1;
    };
    // Thirty-two days with a save each evening, then a busy day of saves every quarter hour: the
    // default policy then keeps its most, 20 recent copies plus one a day for 30 days.
    for d in 0..32 {
        save(&mut ws, start + TimeDelta::days(d) + TimeDelta::hours(6));
    }
    for q in 0..21 {
        save(&mut ws, t0() + TimeDelta::minutes(15 * q));
    }
    let backups = store::list_backups(&data);
    assert_eq!(
        backups.len(),
        50,
        "the policy's most: 20 recent and 30 daily"
    );
    assert!(backups.iter().all(|b| b.is_compressed()));
    let folder: u64 = fs::read_dir(store::backup::backup_dir(&data))
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    let file = fs::metadata(&data).unwrap().len();
    let times = folder as f64 / file as f64;
    eprintln!(
        "{saves} saves, {} backups kept: {folder} bytes = {times:.2}× the {file}-byte file",
        backups.len()
    );
    assert!(
        times <= 5.0,
        "{} backups take {folder} bytes, {times:.2}× the {file}-byte file",
        backups.len()
    );
    // Uncompressed they would have taken about as many times the file as there are copies.
    assert!(times * 5.0 < backups.len() as f64, "{times:.2}×");
}
