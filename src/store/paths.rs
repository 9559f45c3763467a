//! Where the data file lives: `--file` / `PARTNERDECK_FILE` (clap merges the two), else the
//! per-user data folder; and where the cache of loaded workspaces lives: `--cache-dir` /
//! `PARTNERDECK_CACHE_DIR`, else the per-user cache folder.

use directories::ProjectDirs;
use std::path::{Path, PathBuf};

/// The file name used inside the per-user data folder.
pub const FILE_NAME: &str = "partnerdeck.ron";

/// The per-user default path, e.g. `~/.local/share/partnerdeck/partnerdeck.ron` on Linux.
pub fn default_path() -> Option<PathBuf> {
    ProjectDirs::from("org", "partnerdeck", "partnerdeck").map(|d| d.data_dir().join(FILE_NAME))
}

/// A data file that is a symbolic link (dotfile managers such as stow and chezmoi make them)
/// stands for its target: saves, the lock and backups go beside the target, so the link keeps
/// pointing at the saved data. Resolved once, when the path is chosen.
fn follow_link(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(target) => {
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                }
            }
            Err(_) => break,
        }
    }
    path
}

/// Why no data file path could be chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    #[error("the data file path is empty; give a file name with --file")]
    Empty,
    #[error(
        "cannot find a home folder for the data file; give one with --file PATH or \
         PARTNERDECK_FILE"
    )]
    NoHome,
}

/// The path to use: the explicit one if given, else the default.
pub fn resolve(explicit: Option<&Path>) -> Result<PathBuf, PathError> {
    match explicit {
        Some(p) if p.as_os_str().is_empty() => Err(PathError::Empty),
        Some(p) => Ok(follow_link(p)),
        None => default_path()
            .map(|p| follow_link(&p))
            .ok_or(PathError::NoHome),
    }
}

/// The per-user cache folder for loaded workspaces, e.g. `~/.cache/partnerdeck` on Linux.
pub fn default_cache_dir() -> Option<PathBuf> {
    ProjectDirs::from("org", "partnerdeck", "partnerdeck").map(|d| d.cache_dir().to_path_buf())
}
