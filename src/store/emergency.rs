//! Emergency copies: unsaved state written beside the data file when the program is going down
//! badly (a panic), for the next start to offer.
//!
//! The copy is `<file>.emergency-<YYYYMMDDTHHMMSSZ>.ron` beside the data file, e.g.
//! `partnerdeck.ron.emergency-20261127T203015Z.ron`, 0600. It is written to a temporary file
//! first and then linked into place without replacing anything: it can never land on the data
//! file, nor on an earlier emergency copy.

use super::format::to_text;
use super::save::SaveError;
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

/// [`write_emergency`] with the time given.
pub fn write_emergency_at(
    data_path: &Path,
    ws: &Workspace,
    now: DateTime<Utc>,
) -> Result<PathBuf, SaveError> {
    let fail = |message: String| SaveError {
        path: data_path.to_path_buf(),
        message: format!("the emergency copy could not be written: {message}"),
    };
    let text = to_text(ws).map_err(|e| fail(format!("the data cannot be written as RON: {e}")))?;
    let dir = folder(data_path);
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
        .map_err(|e| fail(format!("cannot create a file in {}: {e}", dir.display())))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail(format!("writing failed: {e}")))?;
    let base = format!("{}{}", marker(data_path), now.format("%Y%m%dT%H%M%SZ"));
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
                return Err(fail(format!(
                    "cannot name it {}: {}",
                    target.display(),
                    e.error
                )));
            }
        }
    }
    Err(fail("too many emergency copies this second".into()))
}

/// Every emergency copy beside `data_path`, oldest first.
pub fn list_emergency(data_path: &Path) -> Vec<PathBuf> {
    let marker = marker(data_path);
    let Ok(entries) = std::fs::read_dir(folder(data_path)) else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let rest = name.strip_prefix(&marker)?.strip_suffix(".ron")?;
            let (stamp, seq) = match rest.split_once('_') {
                Some((s, n)) => (s, n.parse::<u32>().ok()?),
                None => (rest, 1),
            };
            chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").ok()?;
            Some((format!("{stamp}_{seq:04}"), e.path()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

/// The newest emergency copy beside `data_path`, if any: the next start offers to recover it.
pub fn find_emergency(data_path: &Path) -> Option<PathBuf> {
    list_emergency(data_path).pop()
}

/// Moves an emergency copy out of the way once it was recovered or declined, into the backups
/// folder (kept, never deleted, and no longer offered). Returns its new path.
pub fn retire_emergency(data_path: &Path, emergency: &Path) -> std::io::Result<PathBuf> {
    let dir = super::backup::backup_dir(data_path);
    super::save::create_private_dir(&dir)?;
    let name = emergency
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file"))?;
    let target = dir.join(name);
    std::fs::rename(emergency, &target)?;
    Ok(target)
}
