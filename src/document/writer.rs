//! The command line's writes (`log`, `import`, `init`, `restore`), through the same
//! [`Document`] the dashboard changes: the change is checked as a change, saved with the
//! dashboard's guard and backup policy. The guard is what keeps a `git pull` or an editor
//! that writes between the command's load and its save: the save is refused, the file read
//! again, and the change made again on what it holds now. The merge driver's result is
//! written here too ([`write_merged`]): the same atomic save, without guard or backups; and
//! so is an emergency copy of unsaved work ([`write_emergency`]).

use super::saver::{DiskWriter, FileSaver, SaveEvent};
use super::{Change, Document, Figures, Refused, Source};
use crate::model::Workspace;
use crate::store::{self, BackupInfo, BackupPolicy, LoadError, SaveError, Stamp};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use store::git_busy::{GIT_WAIT, read_settled};

/// How many times a change is made again on a file that keeps changing under it.
const ATTEMPTS: usize = 5;

/// A change the command line made and saved.
#[derive(Debug)]
pub struct Written<T> {
    /// What the change returned (the record added, the import's plan…).
    pub value: T,
    /// The workspace as saved.
    pub workspace: Arc<Workspace>,
    /// The copy of the version the save replaced, when one was made.
    pub backup: Option<BackupInfo>,
    /// 1, or more when the file changed under the command and the change was made again.
    pub attempts: usize,
}

/// Why a change from the command line was not saved. `E` is the change's own error.
#[derive(Debug, thiserror::Error)]
pub enum WriteError<E: std::error::Error + 'static> {
    #[error(transparent)]
    Change(E),
    #[error("{0}")]
    Refused(Refused),
    #[error("{0}")]
    Save(String),
    #[error(transparent)]
    Reload(#[from] LoadError),
    #[error("{} is gone", .0.display())]
    Gone(PathBuf),
    #[error(
        "{} kept changing while this command tried to save ({ATTEMPTS} times); nothing was \
         written: run it again",
        .0.display()
    )]
    Busy(PathBuf),
}

/// Backups before the command's save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backups {
    /// As the dashboard keeps them (when the version on disk is old enough).
    ByPolicy,
    /// Always: the change is big (an import) and must be undoable from disk.
    Always,
}

impl Document {
    /// A document for a command that writes `path`, loaded as `ws` with the file's `stamp`:
    /// figures are the index only, saves are synchronous and guarded.
    fn for_writing(
        ws: Workspace,
        today: NaiveDate,
        path: &Path,
        stamp: Option<Stamp>,
        backups: Backups,
    ) -> Document {
        let mut policy = BackupPolicy::default();
        if backups == Backups::Always {
            policy.min_age = std::time::Duration::ZERO;
        }
        let disk = DiskWriter::new(path.to_path_buf(), stamp).with_policy(policy);
        let ws = Arc::new(ws);
        Document::assemble(
            Figures::index_only(&ws, today),
            ws,
            Source::File(path.to_path_buf()),
            Box::new(FileSaver::with_writer(disk)),
        )
    }
}

/// Makes `change` on the workspace loaded from `path` (with its `stamp`) and saves it. When the
/// file changed since it was loaded, nothing is overwritten: it is read again and `change` made
/// again on it, up to a few times. Hold the file's lock while calling this.
#[allow(clippy::too_many_arguments)]
pub fn write_change<T, E: std::error::Error + 'static>(
    path: &Path,
    loaded: Workspace,
    stamp: Option<Stamp>,
    today: NaiveDate,
    backups: Backups,
    name: impl Fn(&T) -> Change,
    mut change: impl FnMut(&mut Workspace) -> Result<T, E>,
) -> Result<Written<T>, WriteError<E>> {
    let (mut ws, mut stamp) = (loaded, stamp);
    for attempt in 1..=ATTEMPTS {
        // While git works on the file's repository, it may write the file: let it finish
        // first (the guard then sees what it wrote).
        store::git_busy::wait_for_git(path, GIT_WAIT);
        let mut doc = Document::for_writing(ws, today, path, stamp, backups);
        let mut new = Workspace::clone(doc.ws());
        let value = change(&mut new).map_err(WriteError::Change)?;
        let unchanged = crate::model::Delta::between(doc.ws(), &new, super::FOLLOW_LIMIT)
            .is_some_and(|d| d.is_empty());
        if unchanged {
            // Nothing to write: the file keeps its bytes, its time and its backups.
            return Ok(Written {
                value,
                workspace: doc.ws().clone(),
                backup: None,
                attempts: attempt,
            });
        }
        doc.commit(new, name(&value)).map_err(WriteError::Refused)?;
        let event = doc.flush().pop();
        // Only inside a repository can git write the file behind the save.
        let in_repo = store::git_busy::index_lock(path).is_some();
        let saved_stamp = in_repo.then(|| Stamp::read(path).ok().flatten()).flatten();
        match event {
            Some(SaveEvent::Saved(saved)) => {
                // git may have checked the file just before this save and write its own version
                // just after: when it comes, wait for it, and look again at what the file holds.
                let moved = in_repo && {
                    let git = store::git_busy::linger_for_git(path, store::git_busy::GIT_GRACE);
                    let now = Stamp::read(path).ok().flatten();
                    git || !matches!((&saved_stamp, &now), (Some(a), Some(b)) if a.same_content(b))
                };
                if moved {
                    match read_settled(path, || store::load_stamped(path))? {
                        Some((now, _)) if now.workspace == *saved => {}
                        // git's version, without the change: it is made again on it.
                        Some((theirs, s)) => {
                            (ws, stamp) = (theirs.workspace, Some(s));
                            continue;
                        }
                        None => return Err(WriteError::Gone(path.to_path_buf())),
                    }
                }
                return Ok(Written {
                    value,
                    workspace: saved,
                    backup: doc.saver.backups_made().pop(),
                    attempts: attempt,
                });
            }
            Some(SaveEvent::Failed(e)) => return Err(WriteError::Save(e)),
            // A saver always reports a save it was given.
            None => return Err(WriteError::Save("the save reported nothing".into())),
            Some(SaveEvent::Conflict(_)) => match read_settled(path, || store::load_stamped(path))?
            {
                Some((loaded, now)) => (ws, stamp) = (loaded.workspace, Some(now)),
                None => return Err(WriteError::Gone(path.to_path_buf())),
            },
        }
    }
    Err(WriteError::Busy(path.to_path_buf()))
}

/// Writes a new data file holding `ws` (`partnerdeck init`). Atomic and private, like every
/// save.
pub fn create(path: &Path, ws: &Workspace) -> Result<(), SaveError> {
    store::save(path, ws)
}

/// Writes a merge's result over `path`, git's `%A` file (`partnerdeck merge`): the one atomic
/// save of every data file (a temporary file beside it, synced, renamed over it; 0600), without
/// backups or the stamp guard: `%A` is git's own temporary file, which git reads back into the
/// work tree (with the mode it keeps for the file) and removes. What killed merges left beside
/// it is cleared first.
pub fn write_merged(path: &Path, ws: &Workspace) -> Result<(), SaveError> {
    store::cleanup_merge_temp_files(path);
    store::save(path, ws)
}

/// Writes unsaved work as an emergency copy of the data file at `path` (beside it, else the
/// per-user state folder, else the temporary folder), with the version it was based on and
/// any text typed in an open form (`note`); returns where it went. The next start offers it
/// back.
/// Moves a recovered (or refused) emergency copy aside, so that it is not offered again; the
/// new name.
pub fn retire_emergency(data: &Path, copy: &Path) -> std::io::Result<PathBuf> {
    store::retire_emergency(data, copy)
}

pub fn write_emergency(
    path: &Path,
    ws: &Workspace,
    base: &Workspace,
    note: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PathBuf, SaveError> {
    let extras = store::Extras {
        base: Some(base),
        note,
    };
    store::write_emergency_full(path, ws, extras, now)
}

/// Puts backup `id` back into the data file, the current version kept in backups first
/// (`partnerdeck restore`). Hold the lock while calling this.
pub fn restore(
    path: &Path,
    id: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<store::Restored, store::BackupError> {
    store::restore(path, id, now)
}
