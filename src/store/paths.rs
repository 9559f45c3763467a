//! Where the data file lives: `--file` / `PARTNERDECK_FILE` (clap merges the two), else the
//! per-user data folder.

use directories::ProjectDirs;
use std::path::{Path, PathBuf};

/// The file name used inside the per-user data folder.
pub const FILE_NAME: &str = "partnerdeck.ron";

/// The per-user default path, e.g. `~/.local/share/partnerdeck/partnerdeck.ron` on Linux.
pub fn default_path() -> Option<PathBuf> {
    ProjectDirs::from("org", "partnerdeck", "partnerdeck").map(|d| d.data_dir().join(FILE_NAME))
}

/// The path to use: the explicit one if given, else the default.
pub fn resolve(explicit: Option<&Path>) -> Result<PathBuf, String> {
    match explicit {
        Some(p) if p.as_os_str().is_empty() => {
            Err("the data file path is empty; give a file name with --file".into())
        }
        Some(p) => Ok(p.to_path_buf()),
        None => default_path().ok_or_else(|| {
            "cannot find a home folder for the data file; give one with --file PATH or \
             PARTNERDECK_FILE"
                .into()
        }),
    }
}
