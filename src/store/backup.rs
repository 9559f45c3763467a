//! Backups of earlier versions in a `backups/` folder beside the data file.
//!
//! Before a save replaces the file, the version on disk is copied to
//! `backups/<stem>-<YYYYMMDDTHHMMSSZ>.ron.zst` (folder 0700, files 0600, written atomically; the
//! time is when the copy was made, in UTC, so names sort by time; a second copy in the same
//! second gets `_2`, `_3`…). The part after `<stem>-` is the backup's id, e.g.
//! `20261127T203015Z`. Copies made by earlier versions, `<stem>-<id>.ron` uncompressed, are
//! listed, restored and pruned alongside the new ones; both kinds share one id space.
//!
//! A copy is due (see [`backup_due`]) when the version being replaced is older than
//! [`BackupPolicy::min_age`], or when the newest backup is older than that (or there is none): a
//! version that lasted is always kept, and a long session of frequent saves still leaves one
//! copy every `min_age`. After a save, old copies are pruned: the newest `keep_last` are kept,
//! plus the newest copy of each UTC day of the last `keep_daily_days` days.
//!
//! # Compression
//!
//! Each copy is one zstd frame at level [`LEVEL`](super::packed::LEVEL) (3), on one thread,
//! with a content checksum. The default policy keeps up to 50 copies; uncompressed that was 50×
//! the file (5.5 GB beside a 110 MB file). Measured on the generated workspaces (`cargo bench
//! --bench targets` prints the figures for 50 copies written through [`backup_now`]), level 3
//! packs their RON about 12×, so 50 copies take about 4.1× the file: heavy (9.4 MB) 0.77 MB a
//! copy, extreme (110 MB) 8.9 MB. Packing takes about 15 ms (heavy) and 0.2 s (extreme) on one
//! core, on top of reading the version and writing the copy, once per `min_age` at most and on
//! the saver's thread. Levels 1–4 pack these files within 2% of each other, in times within the
//! noise; level 3 packs free prose 10% tighter than level 1; levels 5 and up take 5–6× as long
//! (extreme: 1.1 s) for copies 15% smaller. Text that is mostly free prose packs less: the demo
//! sample 5.4×, so 50 copies of a file like it would take about 9× the file.
//!
//! Compression rather than deduplication between versions (a delta against an earlier copy, a
//! chunk store), although consecutive versions are nearly identical and a delta would be far
//! smaller: every copy stays whole on its own — restorable by any `zstd -d`, pruned by deleting
//! one file, and a damaged file loses one version, not every version built on it — which is what
//! a last-resort copy is for; and compression alone meets the target of ≤ 5× the file for the
//! big workspaces where the space matters. The one duplicate that is common, a copy of the bytes
//! the newest backup already holds, is not made at all.
//!
//! Reading a copy never trusts its header: the text is streamed out and cut off at
//! [`MAX_UNPACKED`](super::packed::MAX_UNPACKED), and a copy cut short or damaged is an error
//! naming the file, before anything is written.
//!
//! Everything that writes here is meant to run while holding the [`Lock`](super::lock::Lock).
//! Nothing here follows a symbolic link inside `backups/` (the folder itself is refused when it
//! is one).

use super::format::to_text;
use super::load::{LoadError, Loaded, load_text};
use super::packed;
use super::save::{SaveError, SaveFailure, create_private_dir, write_private};
use super::stamp::Stamp;
use crate::model::Workspace;
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The folder name, beside the data file.
pub const BACKUP_DIR: &str = "backups";

const ID_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// How new (compressed) copies end.
const PACKED_SUFFIX: &str = ".ron.zst";
/// How copies made before compression end.
const PLAIN_SUFFIX: &str = ".ron";

/// When to back up and how many copies to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupPolicy {
    /// A version older than this is copied before a save replaces it.
    pub min_age: Duration,
    /// The newest copies always kept.
    pub keep_last: usize,
    /// For this many days back, the newest copy of each (UTC) day is kept as well.
    pub keep_daily_days: u32,
}

impl Default for BackupPolicy {
    /// 10 minutes; the last 20 plus one a day for 30 days.
    fn default() -> Self {
        BackupPolicy {
            min_age: Duration::from_secs(10 * 60),
            keep_last: 20,
            keep_daily_days: 30,
        }
    }
}

/// One backup copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    /// What `partnerdeck restore` takes, e.g. `20261127T203015Z`.
    pub id: String,
    pub path: PathBuf,
    /// When the copy was made.
    pub time: DateTime<Utc>,
    /// Bytes on disk (compressed, for a `.ron.zst` copy).
    pub size: u64,
}

impl BackupInfo {
    /// Whether this copy is zstd-compressed (`.ron.zst`) rather than plain RON (`.ron`, made by
    /// earlier versions).
    pub fn is_compressed(&self) -> bool {
        packed::is_packed(&self.path)
    }
}

/// The backups folder for a data file.
pub fn backup_dir(data_path: &Path) -> PathBuf {
    match data_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.join(BACKUP_DIR),
        _ => PathBuf::from(BACKUP_DIR),
    }
}

/// `<stem>-`: how the names of this file's backups begin (several data files may share a
/// folder, and so the backups folder).
pub fn backup_prefix(data_path: &Path) -> String {
    let stem = data_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "partnerdeck".into());
    format!("{stem}-")
}

/// Reads an id: the time and the same-second sequence number (1 for the first).
fn parse_id(id: &str) -> Option<(DateTime<Utc>, u32)> {
    let (stamp, seq) = match id.split_once('_') {
        Some((s, n)) => {
            let n: u32 = n.parse().ok().filter(|n| *n >= 2)?;
            if n.to_string() != id.split_once('_')?.1 {
                return None;
            }
            (s, n)
        }
        None => (id, 1),
    };
    if stamp.len() != 16 {
        return None;
    }
    let t = NaiveDateTime::parse_from_str(stamp, ID_FORMAT).ok()?;
    Some((t.and_utc(), seq))
}

fn make_id(time: DateTime<Utc>, seq: u32) -> String {
    let base = time.format(ID_FORMAT).to_string();
    if seq <= 1 {
        base
    } else {
        format!("{base}_{seq}")
    }
}

/// The backups of `data_path`, oldest first. Files that do not follow the naming scheme are
/// left out (and never touched).
pub fn list_backups(data_path: &Path) -> Vec<BackupInfo> {
    let prefix = backup_prefix(data_path);
    let Ok(entries) = std::fs::read_dir(backup_dir(data_path)) else {
        return Vec::new();
    };
    let mut found: Vec<(DateTime<Utc>, u32, BackupInfo)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_string();
            let rest = name.strip_prefix(&prefix)?;
            let id = rest
                .strip_suffix(PACKED_SUFFIX)
                .or_else(|| rest.strip_suffix(PLAIN_SUFFIX))?;
            let (time, seq) = parse_id(id)?;
            let meta = entry.metadata().ok().filter(|m| m.is_file())?;
            Some((
                time,
                seq,
                BackupInfo {
                    id: id.to_string(),
                    path: entry.path(),
                    time,
                    size: meta.len(),
                },
            ))
        })
        .collect();
    found.sort_by_key(|a| (a.0, a.1));
    found.into_iter().map(|(_, _, info)| info).collect()
}

/// Finds a backup by its id or an unambiguous beginning of it.
pub fn find_backup(data_path: &Path, id: &str) -> Result<BackupInfo, BackupError> {
    let all = list_backups(data_path);
    if let Some(b) = all.iter().find(|b| b.id == id) {
        return Ok(b.clone());
    }
    let matches: Vec<BackupInfo> = all
        .into_iter()
        .filter(|b| !id.is_empty() && b.id.starts_with(id))
        .collect();
    match matches.len() {
        1 => Ok(matches.into_iter().next().expect("one match")),
        0 => Err(BackupError::NotFound {
            data_path: data_path.to_path_buf(),
            id: id.to_string(),
        }),
        _ => Err(BackupError::Ambiguous {
            id: id.to_string(),
            matches: matches.into_iter().map(|b| b.id).collect(),
        }),
    }
}

/// Whether a save at `now` should first copy the version on disk (see the module notes).
/// `false` when there is no file yet.
pub fn backup_due(data_path: &Path, policy: &BackupPolicy, now: DateTime<Utc>) -> bool {
    let Ok(meta) = std::fs::metadata(data_path) else {
        return false;
    };
    let min_age = TimeDelta::from_std(policy.min_age).unwrap_or(TimeDelta::MAX);
    let old = |t: DateTime<Utc>| now.signed_duration_since(t) >= min_age;
    let version_is_old = meta
        .modified()
        .map(|m| old(DateTime::<Utc>::from(m)))
        .unwrap_or(true);
    let newest_is_old = list_backups(data_path).last().is_none_or(|b| old(b.time));
    version_is_old || newest_is_old
}

/// Copies the version on disk into the backups folder now, whatever its age. `Ok(None)` when
/// there is no data file. When the newest backup already holds exactly these bytes, that one is
/// returned instead of making a duplicate.
pub fn backup_now(data_path: &Path, now: DateTime<Utc>) -> Result<Option<BackupInfo>, BackupError> {
    let bytes = match std::fs::read(data_path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(BackupError::Io {
                path: data_path.to_path_buf(),
                error,
            });
        }
    };
    backup_bytes(data_path, &bytes, now).map(Some)
}

/// Keeps the file at `other` (a version of `data_path` that must not be lost) as a backup, and
/// removes it from where it was.
pub fn keep_aside(data_path: &Path, other: &Path) -> Result<PathBuf, BackupError> {
    let bytes = std::fs::read(other).map_err(|error| BackupError::Io {
        path: other.to_path_buf(),
        error,
    })?;
    let info = backup_bytes(data_path, &bytes, Utc::now())?;
    let _ = std::fs::remove_file(other);
    Ok(info.path)
}

/// Opens a backup copy for reading: a regular file, never through a symbolic link (the name
/// might have been swapped for one since it was listed), never blocking.
fn open_copy(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is not a regular file",
        ));
    }
    Ok(file)
}

/// The text a backup copy holds: unpacked (bounded, see the module notes) when compressed, as
/// it is otherwise. A damaged compressed copy is an [`InvalidData`](std::io::ErrorKind) error.
pub fn read_backup(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = open_copy(path)?;
    if packed::is_packed(path) {
        packed::unpack(file)
    } else {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes)?;
        Ok(bytes)
    }
}

/// Whether the backup holds exactly `bytes`.
fn holds(backup: &BackupInfo, bytes: &[u8]) -> bool {
    if backup.is_compressed() {
        open_copy(&backup.path).is_ok_and(|f| packed::holds(f, bytes))
    } else {
        backup.size == bytes.len() as u64 && read_backup(&backup.path).is_ok_and(|b| b == bytes)
    }
}

/// Reads and loads a backup (the workspace it holds, and its text). `Invalid` when it cannot be
/// unpacked or does not load.
fn read_and_load(from: &BackupInfo) -> Result<(String, Loaded), BackupError> {
    let invalid = |error| BackupError::Invalid {
        id: from.id.clone(),
        error: Box::new(error),
    };
    let io_invalid = |error| {
        invalid(LoadError::Io {
            path: from.path.clone(),
            error,
        })
    };
    let bytes = read_backup(&from.path).map_err(|error| match error.kind() {
        std::io::ErrorKind::InvalidData => io_invalid(error),
        _ => BackupError::Io {
            path: from.path.clone(),
            error,
        },
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|e| io_invalid(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    let loaded = load_text(&text, &from.path).map_err(invalid)?;
    Ok((text, loaded))
}

/// Loads the workspace a backup holds, unpacking it when compressed; `Invalid` when it is
/// damaged or does not load.
pub fn load_backup(backup: &BackupInfo) -> Result<Loaded, BackupError> {
    read_and_load(backup).map(|(_, loaded)| loaded)
}

/// Writes `bytes`, compressed, as a new backup of `data_path` (or returns the newest when it
/// holds them already).
fn backup_bytes(
    data_path: &Path,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<BackupInfo, BackupError> {
    let existing = list_backups(data_path);
    if let Some(newest) = existing.last()
        && holds(newest, bytes)
    {
        return Ok(newest.clone());
    }
    let dir = backup_dir(data_path);
    super::save::own_dir(&dir).map_err(|error| BackupError::Io {
        path: dir.clone(),
        error,
    })?;
    narrow_dir(&dir);
    let prefix = backup_prefix(data_path);
    let now = now.with_timezone(&Utc);
    // An id is free when neither kind of copy has it.
    let free = |id: &str| {
        [PACKED_SUFFIX, PLAIN_SUFFIX].iter().all(|suffix| {
            std::fs::symlink_metadata(dir.join(format!("{prefix}{id}{suffix}"))).is_err()
        })
    };
    let id = (1..)
        .map(|seq| make_id(now, seq))
        .find(|id| free(id))
        .expect("an unused name exists");
    let path = dir.join(format!("{prefix}{id}{PACKED_SUFFIX}"));
    let packed = packed::pack(bytes).map_err(|error| BackupError::Io {
        path: path.clone(),
        error,
    })?;
    write_private(&path, &packed).map_err(BackupError::Save)?;
    Ok(BackupInfo {
        id,
        path,
        time: parse_id(&make_id(now, 1)).map_or(now, |(t, _)| t),
        size: packed.len() as u64,
    })
}

#[cfg(unix)]
fn narrow_dir(dir: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
}

#[cfg(not(unix))]
fn narrow_dir(_dir: &Path) {}

/// Removes the backups the policy no longer keeps (as of `now`) and returns their paths.
/// Backups dated after `now` (a clock set back) are kept.
pub fn prune(data_path: &Path, policy: &BackupPolicy, now: DateTime<Utc>) -> Vec<PathBuf> {
    let all = list_backups(data_path);
    let mut keep: BTreeSet<usize> = BTreeSet::new();
    let n = all.len();
    keep.extend(n.saturating_sub(policy.keep_last.max(1))..n);
    let horizon = now - TimeDelta::days(i64::from(policy.keep_daily_days));
    let mut days_seen = BTreeSet::new();
    for (i, b) in all.iter().enumerate().rev() {
        let future = b.time > now;
        if future || (b.time > horizon && days_seen.insert(b.time.date_naive())) {
            keep.insert(i);
        }
    }
    let mut removed = Vec::new();
    for (i, b) in all.into_iter().enumerate() {
        if !keep.contains(&i) && std::fs::remove_file(&b.path).is_ok() {
            removed.push(b.path);
        }
    }
    removed
}

/// What [`save_with_backup`] did.
#[derive(Debug)]
pub struct SaveReport {
    /// The copy of the replaced version, when one was due.
    pub backup: Option<BackupInfo>,
    /// Old copies removed by the policy.
    pub pruned: Vec<PathBuf>,
    /// The stamp of the file just written (`None` if it could not be read back).
    pub stamp: Option<Stamp>,
}

/// A save's first steps: the text (failing before touching disk), then the copy of the version
/// on disk when one is due (failing before anything is replaced).
fn text_and_backup(
    path: &Path,
    ws: &Workspace,
    policy: &BackupPolicy,
    now: DateTime<Utc>,
) -> Result<(String, Option<BackupInfo>), SaveError> {
    let text = to_text(ws).map_err(|e| SaveError::new(path, SaveFailure::Ron(e)))?;
    let backup = if backup_due(path, policy, now) {
        backup_now(path, now).map_err(|e| {
            SaveError::new(
                path,
                SaveFailure::Backup {
                    dir: backup_dir(path),
                    source: Box::new(e),
                },
            )
        })?
    } else {
        None
    };
    Ok((text, backup))
}

/// The save the app makes: serialize (failing before touching disk), copy the version on disk
/// into `backups/` when due, save atomically, prune old copies, and stamp the new file. If the
/// copy cannot be made, nothing is saved and the error says so.
pub fn save_with_backup(
    path: &Path,
    ws: &Workspace,
    policy: &BackupPolicy,
    now: DateTime<Utc>,
) -> Result<SaveReport, SaveError> {
    let (text, backup) = text_and_backup(path, ws, policy, now)?;
    write_private(path, text.as_bytes())?;
    let pruned = prune(path, policy, now);
    let stamp = Stamp::read(path).ok().flatten();
    Ok(SaveReport {
        backup,
        pruned,
        stamp,
    })
}

/// [`save_with_backup`] that replaces the file only if it still holds `known` (see
/// [`commit`](super::commit)): `Ok(None)` when another writer changed it, in which case nothing
/// was replaced.
pub fn save_guarded(
    path: &Path,
    ws: &Workspace,
    policy: &BackupPolicy,
    now: DateTime<Utc>,
    known: Option<&Stamp>,
) -> Result<Option<SaveReport>, SaveError> {
    let (text, backup) = text_and_backup(path, ws, policy, now)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir).map_err(|source| {
            SaveError::new(
                path,
                SaveFailure::CreateDir {
                    dir: dir.to_path_buf(),
                    source,
                },
            )
        })?;
    }
    match super::commit::replace_if_unchanged(path, text.as_bytes(), known)? {
        super::commit::Committed::Changed => Ok(None),
        super::commit::Committed::Stranded { theirs, why } => {
            // Their version must not be lost: it goes into backups/.
            let kept = keep_aside(path, &theirs).map_err(Box::new);
            Err(SaveError::new(path, SaveFailure::Stranded { why, kept }))
        }
        super::commit::Committed::Written => {
            let pruned = prune(path, policy, now);
            let stamp = Stamp::read(path).ok().flatten();
            Ok(Some(SaveReport {
                backup,
                pruned,
                stamp,
            }))
        }
    }
}

/// What [`restore`] did.
#[derive(Debug)]
pub struct Restored {
    /// The backup now in the data file.
    pub from: BackupInfo,
    /// The copy of the version it replaced (`None` when there was no data file).
    pub saved_current: Option<BackupInfo>,
    /// The restored workspace, as loaded.
    pub loaded: Loaded,
}

/// Puts a backup back into the data file: unpacks it (when compressed) and checks that it
/// loads, backs up the current file first, then writes the backup's text atomically. Hold the
/// lock while calling this.
pub fn restore(data_path: &Path, id: &str, now: DateTime<Utc>) -> Result<Restored, BackupError> {
    let from = find_backup(data_path, id)?;
    let (text, loaded) = read_and_load(&from)?;
    let saved_current = backup_now(data_path, now)?;
    write_private(data_path, text.as_bytes()).map_err(BackupError::Save)?;
    Ok(Restored {
        from,
        saved_current,
        loaded,
    })
}

/// Why a backup could not be listed, made or restored.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "no backup {id} of {} in {}; `partnerdeck backups` lists them",
        data_path.display(),
        backup_dir(data_path).display()
    )]
    NotFound { data_path: PathBuf, id: String },
    #[error("{id} could be any of {}; give more of the id", matches.join(", "))]
    Ambiguous { id: String, matches: Vec<String> },
    /// The backup does not load; the data file was not touched.
    #[error(
        "backup {id} cannot be restored, it does not load: {error}\nThe data file was not changed."
    )]
    Invalid {
        id: String,
        #[source]
        error: Box<LoadError>,
    },
    #[error("cannot read {}: {error}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        error: std::io::Error,
    },
    #[error(transparent)]
    Save(SaveError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_reject_lookalikes() {
        let t = DateTime::parse_from_rfc3339("2026-11-27T20:30:15Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(make_id(t, 1), "20261127T203015Z");
        assert_eq!(make_id(t, 3), "20261127T203015Z_3");
        assert_eq!(parse_id("20261127T203015Z"), Some((t, 1)));
        assert_eq!(parse_id("20261127T203015Z_3"), Some((t, 3)));
        for bad in [
            "20261127T203015Z_1",
            "20261127T203015Z_03",
            "20261127T203015Z_",
            "20261127T203015",
            "2026112T203015Z",
            "20261327T203015Z",
            "x-20261127T203015Z",
        ] {
            assert_eq!(parse_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn backups_of_files_sharing_a_folder_stay_apart() {
        assert_eq!(backup_prefix(Path::new("/d/team.ron")), "team-");
        assert_eq!(
            backup_dir(Path::new("/d/team.ron")),
            PathBuf::from("/d/backups")
        );
        assert_eq!(backup_dir(Path::new("team.ron")), PathBuf::from("backups"));
    }
}
