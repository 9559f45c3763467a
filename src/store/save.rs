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
#[error("could not save {}: {reason}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    /// Boxed: a save error travels inside many others, and most of them never happen.
    #[source]
    pub reason: Box<SaveFailure>,
}

impl SaveError {
    pub fn new(path: &Path, reason: SaveFailure) -> SaveError {
        SaveError {
            path: path.to_path_buf(),
            reason: Box::new(reason),
        }
    }
}

/// The step of a save (or of an emergency copy) that failed.
#[derive(Debug, thiserror::Error)]
pub enum SaveFailure {
    #[error("the data cannot be written as RON: {0}")]
    Ron(#[source] ron::Error),
    #[error("cannot create {}: {source}", dir.display())]
    CreateDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot create a temporary file: {0}")]
    TempFile(#[source] std::io::Error),
    /// The temporary file was made but could not be kept under its name (tempfile's words).
    #[error("cannot create a temporary file: failed to persist temporary file: {0}")]
    KeepTempFile(#[source] std::io::Error),
    #[error("writing failed: {0}")]
    Write(#[source] std::io::Error),
    #[error("finishing the write failed: {0}")]
    Finish(#[source] std::io::Error),
    #[error("the path holds a NUL byte")]
    NulByte,
    #[error("cannot put the new version in place: {0}")]
    Rename(#[source] std::io::Error),
    /// The copy of the version on disk, due before the save, could not be made.
    #[error(
        "the previous version could not be kept in {}: {source}; nothing was saved",
        dir.display()
    )]
    Backup {
        dir: PathBuf,
        source: Box<super::BackupError>,
    },
    /// Another writer's version was swapped out by the save and could not be swapped back
    /// (`why`); `kept` is where it went, or why it could not be kept.
    #[error(
        "another program wrote the file during the save, and it could not be put back ({why}); \
         their version is kept as {}",
        kept.as_ref().map_or_else(|e| format!("nothing: {e}"), |p| p.display().to_string())
    )]
    Stranded {
        why: std::io::Error,
        kept: Result<PathBuf, Box<super::BackupError>>,
    },
    /// An emergency copy could not be written (in one folder).
    #[error("the emergency copy could not be written: {0}")]
    Emergency(Box<SaveFailure>),
    #[error("cannot create a file in {}: {source}", dir.display())]
    CreateIn {
        dir: PathBuf,
        source: std::io::Error,
    },
    /// What a fallback folder is cannot be read.
    #[error("{0}")]
    Inspect(#[source] std::io::Error),
    /// A fallback folder that is not a folder, someone else's, or readable by others.
    #[error("{} is not a private folder of this user", .0.display())]
    NotPrivate(PathBuf),
    #[error("cannot name it {}: {source}", target.display())]
    Name {
        target: PathBuf,
        source: std::io::Error,
    },
    #[error("too many emergency copies this second")]
    TooMany,
    /// Every folder tried, in order.
    #[error("{}", attempts(.0))]
    Attempts(Vec<SaveFailure>),
}

fn attempts(failures: &[SaveFailure]) -> String {
    let texts: Vec<String> = failures.iter().map(ToString::to_string).collect();
    texts.join("; then ")
}

/// Saves the workspace to `path` atomically.
pub fn save(path: &Path, ws: &Workspace) -> Result<(), SaveError> {
    let text = to_text(ws).map_err(|e| SaveError::new(path, SaveFailure::Ron(e)))?;
    write_private(path, text.as_bytes())
}

/// Writes bytes to `path` atomically, creating missing folders (0700) and the file as 0600.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |reason: SaveFailure| SaveError::new(path, reason);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir).map_err(|source| {
            fail(SaveFailure::CreateDir {
                dir: dir.to_path_buf(),
                source,
            })
        })?;
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
        .map_err(|e| fail(SaveFailure::TempFile(e)))?;
    file.write_all(bytes)
        .map_err(|e| fail(SaveFailure::Write(e)))?;
    file.commit().map_err(|e| fail(SaveFailure::Finish(e)))
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
