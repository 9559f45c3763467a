//! Saves with backups at synthetic times: each save is given its `now`, and the file's mtime is
//! set to it.

use chrono::{DateTime, TimeDelta, Utc};
use partnerdeck::model::Workspace;
use partnerdeck::store::{self, BackupPolicy};
use std::fs;
use std::path::Path;

/// The moment the synthetic clock starts.
pub fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-01T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// `m` minutes after [`t0`].
pub fn minutes(m: i64) -> DateTime<Utc> {
    t0() + TimeDelta::minutes(m)
}

pub fn set_mtime(path: &Path, t: DateTime<Utc>) {
    let f = fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_modified(t.into()).unwrap();
}

/// A save at `now` with the default policy, leaving the file's mtime at `now`.
pub fn save_at(path: &Path, ws: &Workspace, now: DateTime<Utc>) -> store::SaveReport {
    let report = store::save_with_backup(path, ws, &BackupPolicy::default(), now).unwrap();
    set_mtime(path, now);
    report
}

/// The ids of the data file's backups, as listed.
pub fn ids(path: &Path) -> Vec<String> {
    store::list_backups(path)
        .into_iter()
        .map(|b| b.id)
        .collect()
}

/// The names of the files in a folder, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}
