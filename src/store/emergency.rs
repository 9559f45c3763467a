//! Emergency copies: unsaved state written beside the data file when the program is going down
//! badly (a panic, a closed terminal, a signal, a save that keeps failing), for the next start
//! to offer.
//!
//! Beside the copy go, when there are any, the version the unsaved work started from
//! (`….base.ron`, so recovering merges record by record onto whatever the file holds by then)
//! and the text of a form that was open (`….txt`). When the data file's folder cannot be
//! written (disk full, read-only), the copy goes to the per-user state folder, then to a private
//! folder in the temporary folder, named after the data file's full path; the next start looks
//! there too.
//!
//! The copy is `<file>.emergency-<YYYYMMDDTHHMMSSZ>.ron` beside the data file, e.g.
//! `partnerdeck.ron.emergency-20261127T203015Z.ron`, 0600. It is written to a temporary file
//! first and then linked into place without replacing anything: it can never land on the data
//! file, nor on an earlier emergency copy.
//!
//! Copies are read only when they are the user's own: a regular file (never through a symbolic
//! link) owned by the user, writable by no one else, with one name (a hard link made elsewhere
//! would let another user swap its content), in a fallback folder that is the user's and
//! writable by no one else. Anything else in these places was planted and is ignored: the
//! fallback folder in the shared temporary folder has a predictable name.

use super::format::to_text;
use super::save::{SaveError, SaveFailure};
use crate::model::Workspace;
use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::{Path, PathBuf};

fn marker(data_path: &Path) -> String {
    let name = data_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "partnerdeck.ron".into());
    format!("{name}.emergency-")
}

fn folder(data_path: &Path) -> PathBuf {
    match data_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `ws` to a new emergency file beside `data_path` (time now) and returns its path.
pub fn write_emergency(data_path: &Path, ws: &Workspace) -> Result<PathBuf, SaveError> {
    write_emergency_at(data_path, ws, Utc::now())
}

/// What an emergency copy holds besides the workspace.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// The version the unsaved work started from.
    pub base: Option<&'a Workspace>,
    /// The text of a form that was open.
    pub note: Option<&'a str>,
}

/// [`write_emergency`] with the time given.
pub fn write_emergency_at(
    data_path: &Path,
    ws: &Workspace,
    now: DateTime<Utc>,
) -> Result<PathBuf, SaveError> {
    write_emergency_full(data_path, ws, Extras::default(), now)
}

/// Writes the copy (and its extras) in the first folder that takes it: beside the data file,
/// then the per-user state folder, then the temporary folder. The error names every attempt.
pub fn write_emergency_full(
    data_path: &Path,
    ws: &Workspace,
    extras: Extras<'_>,
    now: DateTime<Utc>,
) -> Result<PathBuf, SaveError> {
    let mut failures = Vec::new();
    for (dir, marker) in places(data_path) {
        match write_in(data_path, &dir, &marker, ws, now) {
            Ok(copy) => {
                if let Some(base) = extras.base
                    && let Ok(text) = to_text(base)
                {
                    let _ = write_new_private(&base_path(&copy), text.as_bytes());
                }
                if let Some(note) = extras.note {
                    let _ = write_new_private(&note_path(&copy), note.as_bytes());
                }
                return Ok(copy);
            }
            Err(e) => failures.push(*e.reason),
        }
    }
    Err(SaveError::new(data_path, SaveFailure::Attempts(failures)))
}

/// The version an emergency copy started from, kept beside it.
pub fn base_path(copy: &Path) -> PathBuf {
    copy.with_extension("base.ron")
}

/// The text of a form that was open, kept beside an emergency copy.
pub fn note_path(copy: &Path) -> PathBuf {
    copy.with_extension("txt")
}

/// Creates `path` (never following or replacing anything there), 0600, with `bytes`.
fn write_new_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Where emergency copies of `data_path` go, in order, with the name each begins with.
fn places(data_path: &Path) -> Vec<(PathBuf, String)> {
    let mut out = vec![(folder(data_path), marker(data_path))];
    let elsewhere = fallback_marker(data_path);
    for dir in fallback_dirs() {
        out.push((dir, elsewhere.clone()));
    }
    out
}

/// The per-user state (or cache) folder, then a private folder in the temporary folder.
fn fallback_dirs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(d) = directories::ProjectDirs::from("org", "partnerdeck", "partnerdeck") {
        out.push(
            d.state_dir()
                .unwrap_or_else(|| d.cache_dir())
                .join("emergency"),
        );
    }
    #[cfg(unix)]
    let user = format!("partnerdeck-{}", unsafe { libc::getuid() });
    #[cfg(not(unix))]
    let user = "partnerdeck".to_string();
    out.push(std::env::temp_dir().join(user));
    out
}

/// Copies kept away from the data file are named after its full path, so copies of files with
/// the same name in different folders stay apart.
fn fallback_marker(data_path: &Path) -> String {
    let full = std::path::absolute(data_path).unwrap_or_else(|_| data_path.to_path_buf());
    let hash = blake3::hash(full.as_os_str().as_encoded_bytes()).to_hex();
    format!("{}-{}", marker(data_path), &hash[..12])
}

/// A fallback folder is used only when it is a real folder of ours, readable by us alone.
fn private_folder(dir: &Path) -> Result<(), SaveFailure> {
    super::save::create_private_dir(dir).map_err(|source| SaveFailure::CreateDir {
        dir: dir.to_path_buf(),
        source,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let meta = std::fs::symlink_metadata(dir).map_err(SaveFailure::Inspect)?;
        // SAFETY: getuid has no preconditions.
        let uid = unsafe { libc::getuid() };
        if !meta.is_dir() || meta.uid() != uid || meta.mode() & 0o077 != 0 {
            return Err(SaveFailure::NotPrivate(dir.to_path_buf()));
        }
    }
    Ok(())
}

fn write_in(
    data_path: &Path,
    dir: &Path,
    marker: &str,
    ws: &Workspace,
    now: DateTime<Utc>,
) -> Result<PathBuf, SaveError> {
    let fail =
        |reason: SaveFailure| SaveError::new(data_path, SaveFailure::Emergency(Box::new(reason)));
    let text = to_text(ws).map_err(|e| fail(SaveFailure::Ron(e)))?;
    if dir != folder(data_path) {
        private_folder(dir).map_err(fail)?;
    }
    let dir = dir.to_path_buf();
    let file_name = data_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "partnerdeck.ron".into());
    // Same temporary name pattern as a save (`.<file>.XXXXXX`), so a kill here is cleaned up
    // like any other; tempfile creates it 0600.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix("")
        .rand_bytes(6)
        .tempfile_in(&dir)
        .map_err(|source| {
            fail(SaveFailure::CreateIn {
                dir: dir.clone(),
                source,
            })
        })?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail(SaveFailure::Write(e)))?;
    let base = format!("{marker}{}", now.format("%Y%m%dT%H%M%SZ"));
    let mut tmp = Some(tmp);
    for seq in 1..1000u32 {
        let name = if seq == 1 {
            format!("{base}.ron")
        } else {
            format!("{base}_{seq}.ron")
        };
        let target = dir.join(name);
        match tmp
            .take()
            .expect("still pending")
            .persist_noclobber(&target)
        {
            Ok(_) => {
                if let Ok(d) = std::fs::File::open(&dir) {
                    let _ = d.sync_all();
                }
                return Ok(target);
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = Some(e.file),
            Err(e) => {
                return Err(fail(SaveFailure::Name {
                    target,
                    source: e.error,
                }));
            }
        }
    }
    Err(fail(SaveFailure::TooMany))
}

/// Every emergency copy of `data_path` (beside it, or in a fallback folder), oldest first.
pub fn list_emergency(data_path: &Path) -> Vec<PathBuf> {
    let beside = folder(data_path);
    let mut found: Vec<(String, PathBuf)> = places(data_path)
        .into_iter()
        .filter(|(dir, _)| *dir == beside || own_folder(dir))
        .flat_map(|(dir, marker)| list_in(&dir, &marker))
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

fn list_in(dir: &Path, marker: &str) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| std::fs::symlink_metadata(e.path()).is_ok_and(|m| own_file(&m)))
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let rest = name.strip_prefix(marker)?.strip_suffix(".ron")?;
            let (stamp, seq) = match rest.split_once('_') {
                Some((s, n)) => (s, n.parse::<u32>().ok()?),
                None => (rest, 1),
            };
            chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").ok()?;
            Some((format!("{stamp}_{seq:04}"), e.path()))
        })
        .collect()
}

/// The newest emergency copy beside `data_path`, if any: the next start offers to recover it.
pub fn find_emergency(data_path: &Path) -> Option<PathBuf> {
    list_emergency(data_path).pop()
}

/// Whether a fallback folder is the user's own and writable by no one else (it is read from).
fn own_folder(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        std::fs::symlink_metadata(dir)
            .is_ok_and(|m| m.is_dir() && m.uid() == user() && m.mode() & 0o022 == 0)
    }
    #[cfg(not(unix))]
    {
        dir.is_dir()
    }
}

/// Whether a file is the user's own: regular, owned by the user, writable by no one else, with
/// one name.
fn own_file(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        meta.is_file() && meta.uid() == user() && meta.mode() & 0o022 == 0 && meta.nlink() == 1
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

#[cfg(unix)]
fn user() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Opens an emergency copy, or what was kept beside it, for reading when it is the user's own
/// (see the module notes), never through a symbolic link and never blocking; `Ok(None)` when
/// nothing is there. The checks are made on the open file, so a name swapped after listing
/// changes nothing.
pub fn open_own(path: &Path) -> std::io::Result<Option<std::fs::File>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if !own_file(&file.metadata()?) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "it is not a file of your own (another user's, writable by others, or with other \
             names); it is not read",
        ));
    }
    Ok(Some(file))
}

/// Loads an emergency copy (or the base kept beside it) when it is the user's own
/// ([`open_own`]).
pub fn load_emergency(path: &Path) -> Result<Option<super::Loaded>, super::LoadError> {
    let io = |error| super::LoadError::Io {
        path: path.to_path_buf(),
        error,
    };
    let Some(mut file) = open_own(path).map_err(io)? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(io)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    super::load_text(&text, path).map(Some)
}

/// Moves an emergency copy (and what was kept beside it) out of the way once it was recovered
/// or declined, into the backups folder (kept, never deleted, and no longer offered). Returns
/// its new path.
pub fn retire_emergency(data_path: &Path, emergency: &Path) -> std::io::Result<PathBuf> {
    let dir = super::backup::backup_dir(data_path);
    super::save::own_dir(&dir)?;
    let name = emergency
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file"))?;
    let target = dir.join(name);
    move_file(emergency, &target)?;
    for (from, to) in [
        (base_path(emergency), base_path(&target)),
        (note_path(emergency), note_path(&target)),
    ] {
        if from.exists() {
            let _ = move_file(&from, &to);
        }
    }
    Ok(target)
}

/// A rename, or (across file systems, from a fallback folder) a private copy and a removal.
/// The copy is written to a temporary file in the target's folder and linked into place only
/// once complete: a copy cut short (a disk that fills up) is removed, never left beside good
/// ones, and the original stays.
fn move_file(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::rename(from, to) {
        Ok(()) => Ok(()),
        Err(_) => {
            let mut source = open_own(from)?.ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::NotFound, "the copy is gone")
            })?;
            let dir = match to.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let mut tmp = tempfile::Builder::new()
                .prefix(".partnerdeck-move.")
                .tempfile_in(dir)?;
            std::io::copy(&mut source, tmp.as_file_mut())?;
            tmp.as_file().sync_all()?;
            tmp.persist_noclobber(to).map_err(|e| e.error)?;
            std::fs::remove_file(from)
        }
    }
}
