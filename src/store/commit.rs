//! Putting a new version in place only if the file still holds the version we know, without a
//! window in which another writer's version can be replaced unseen.
//!
//! Comparing the file's stamp and then renaming over it leaves a gap: a version written by an
//! editor or `git pull` between the check and the rename would be replaced silently. On Linux
//! the new version is swapped in with `renameat2(RENAME_EXCHANGE)`, which hands back what it
//! replaced under the temporary name: when that is not the version we knew, it is swapped back
//! at once (the other writer's version stays the file) and the save reports the change, for the
//! app to merge. Elsewhere the stamp is checked again just before the rename (the gap shrinks to
//! microseconds). Where no version was known (a new file), the new one is linked in only if no
//! file appeared meanwhile.

use super::save::{SaveError, SaveFailure};
use super::stamp::Stamp;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What became of a guarded write.
#[derive(Debug)]
pub enum Committed {
    /// The new version is the file.
    Written,
    /// The file was not the version expected: nothing was replaced.
    Changed,
    /// Another writer's version was swapped out by the save and could not be swapped back: it
    /// is at `theirs`, for the caller to keep (in `backups/`) before anything else.
    Stranded {
        theirs: PathBuf,
        why: std::io::Error,
    },
}

fn fail(path: &Path, reason: SaveFailure) -> SaveError {
    SaveError::new(path, reason)
}

/// Writes `bytes` to a new temporary file beside `path` (created new, 0600, by tempfile),
/// fsynced. The name follows the pattern that start-up cleaning removes after a kill.
fn write_temp(path: &Path, bytes: &[u8]) -> Result<PathBuf, SaveError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix("")
        .rand_bytes(6)
        .tempfile_in(&dir)
        .map_err(|e| fail(path, SaveFailure::TempFile(e)))?;
    let (mut file, tmp_path) = tmp
        .keep()
        .map_err(|e| fail(path, SaveFailure::KeepTempFile(e.error)))?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| fail(path, SaveFailure::Write(e)));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp_path);
        return Err(e);
    }
    Ok(tmp_path)
}

fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Whether the file at `at` is the version `known` describes (same bytes); `None` known means
/// "no file".
fn is_known(at: &Path, known: Option<&Stamp>) -> bool {
    match (Stamp::read(at), known) {
        (Ok(Some(now)), Some(k)) => now.same_content(k),
        (Ok(None), None) => true,
        _ => false,
    }
}

/// Atomically replaces `path` with `bytes` if it still holds `known` (or, with `None`, if there
/// is still no file). The old file and every other writer's version are never lost.
pub fn replace_if_unchanged(
    path: &Path,
    bytes: &[u8],
    known: Option<&Stamp>,
) -> Result<Committed, SaveError> {
    let tmp = write_temp(path, bytes)?;
    // git checks a file before it writes it, without partnerdeck's lock: while it is at work
    // (between its check and its write), let it finish; the swap then sees what it wrote.
    super::git_busy::wait_for_git(path, super::git_busy::GIT_WAIT);
    let result = swap_in(path, &tmp, known);
    // A stranded version is the caller's to keep; anything else left there is ours.
    if tmp.exists() && !matches!(result, Ok(Committed::Stranded { .. })) {
        let _ = std::fs::remove_file(&tmp);
    }
    if result.is_ok() {
        sync_dir(path);
    }
    result
}

#[cfg(target_os = "linux")]
fn swap_in(path: &Path, tmp: &Path, known: Option<&Stamp>) -> Result<Committed, SaveError> {
    use std::os::unix::ffi::OsStrExt as _;
    let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).ok();
    let (Some(from), Some(to)) = (c(tmp), c(path)) else {
        return Err(fail(path, SaveFailure::NulByte));
    };
    let rename = |flags: libc::c_uint| {
        // SAFETY: two valid NUL-terminated paths relative to the working folder.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                from.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                flags,
            )
        };
        if r == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    };
    let Some(known) = known else {
        // A new file: only if none appeared meanwhile.
        return match rename(libc::RENAME_NOREPLACE) {
            Ok(()) => Ok(Committed::Written),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(Committed::Changed),
            Err(e) if unsupported(&e) => fallback(path, tmp, None),
            Err(e) => Err(fail(path, SaveFailure::Rename(e))),
        };
    };
    match rename(libc::RENAME_EXCHANGE) {
        Ok(()) => {
            // `tmp` now holds what was replaced.
            if is_known(tmp, Some(known)) {
                return Ok(Committed::Written);
            }
            // Another writer's version: give it its place back.
            match rename(libc::RENAME_EXCHANGE) {
                Ok(()) => Ok(Committed::Changed),
                Err(e) => {
                    // Cannot swap back: the caller keeps their version in backups/.
                    Ok(Committed::Stranded {
                        theirs: tmp.to_path_buf(),
                        why: e,
                    })
                }
            }
        }
        // The file was removed since: that is a change too.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Committed::Changed),
        Err(e) if unsupported(&e) => fallback(path, tmp, Some(known)),
        Err(e) => Err(fail(path, SaveFailure::Rename(e))),
    }
}

/// File systems (and kernels) without `renameat2` flags.
#[cfg(target_os = "linux")]
fn unsupported(e: &std::io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP)
    )
}

#[cfg(not(target_os = "linux"))]
fn swap_in(path: &Path, tmp: &Path, known: Option<&Stamp>) -> Result<Committed, SaveError> {
    fallback(path, tmp, known)
}

/// Check again right before a plain rename.
fn fallback(path: &Path, tmp: &Path, known: Option<&Stamp>) -> Result<Committed, SaveError> {
    if !is_known(path, known) {
        return Ok(Committed::Changed);
    }
    std::fs::rename(tmp, path)
        .map(|()| Committed::Written)
        .map_err(|e| fail(path, SaveFailure::Rename(e)))
}
