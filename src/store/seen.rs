//! The version of the data file this member last looked at in the dashboard ("What's new"
//! starts from it): a private copy (0600) in the per-user cache folder, one per data file,
//! replaced each time they look.

use crate::model::Workspace;
use std::path::{Path, PathBuf};

/// Where the copy for the data file `data` is, in the cache folder `dir` (`--cache-dir`, else
/// the per-user one).
fn place(data: &Path, dir: Option<&Path>) -> Option<PathBuf> {
    let abs = std::path::absolute(data).ok()?;
    let hash = blake3::hash(abs.to_string_lossy().as_bytes()).to_hex();
    let dir = dir
        .map(Path::to_path_buf)
        .or_else(super::paths::default_cache_dir)?;
    Some(dir.join("seen").join(format!("{}.ron", &hash[..16])))
}

/// The version last looked at, if one was kept and still reads.
pub fn load(data: &Path, dir: Option<&Path>) -> Option<Workspace> {
    let p = place(data, dir)?;
    super::load(&p).ok().flatten().map(|l| l.workspace)
}

/// Keeps `ws` as the version last looked at (private, atomic).
pub fn keep(data: &Path, dir: Option<&Path>, ws: &Workspace) -> std::io::Result<()> {
    let Some(p) = place(data, dir) else {
        return Ok(());
    };
    super::save(&p, ws).map_err(|e| std::io::Error::other(e.to_string()))
}
