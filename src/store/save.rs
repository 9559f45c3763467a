//! Atomic saves: the text is made in memory first, written to a temporary file in the same
//! folder, fsynced, renamed over the old file, and the folder fsynced (atomic-write-file does the
//! last three). Every file created is readable by the user alone (0600).

use super::format::to_text;
use crate::model::Workspace;
use atomic_write_file::AtomicWriteFile;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a save failed. The old file is untouched in every case.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {message}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    pub message: String,
}

/// Saves the workspace to `path` atomically.
pub fn save(path: &Path, ws: &Workspace) -> Result<(), SaveError> {
    let text = to_text(ws).map_err(|e| SaveError {
        path: path.to_path_buf(),
        message: format!("the data cannot be written as RON: {e}"),
    })?;
    write_private(path, text.as_bytes())
}

/// Writes bytes to `path` atomically, creating missing folders (0700) and the file as 0600.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |message: String| SaveError {
        path: path.to_path_buf(),
        message,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)
            .map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut options = AtomicWriteFile::options();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        options.preserve_mode(false).mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| fail(format!("cannot create a temporary file: {e}")))?;
    file.write_all(bytes)
        .map_err(|e| fail(format!("writing failed: {e}")))?;
    file.commit()
        .map_err(|e| fail(format!("finishing the write failed: {e}")))
}

/// A new scratch folder in the temporary folder, readable by the user alone (0700; tempfile's
/// default follows the umask, usually 0755). Removed when dropped.
pub fn private_tempdir(prefix: &str) -> std::io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    builder.tempdir()
}

/// A folder beside the data file that partnerdeck writes into (backups): created 0700 when
/// missing; refused when it is a symbolic link (following one would write, and narrow the
/// permissions of, whatever it points at).
pub fn own_dir(dir: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => Err(std::io::Error::other(format!(
            "{} is a symbolic link; partnerdeck does not follow it (make it a real folder)",
            dir.display()
        ))),
        Ok(m) if !m.is_dir() => Err(std::io::Error::other(format!(
            "{} is not a folder",
            dir.display()
        ))),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_private_dir(dir),
        Err(e) => Err(e),
    }
}

/// Creates a folder and its parents, the new ones readable by the user alone.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}
