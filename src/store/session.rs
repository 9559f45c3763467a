//! One way to open the workspace, for the dashboard, `render` and every command that reads or
//! writes the data file. From plain [`Options`] (no command-line types), a [`Session`]:
//!
//! 1. resolves the path (`--file`, else the per-user default; a symbolic link stands for its
//!    target), or makes the demo's scratch copy;
//! 2. for writing, takes the session lock (waiting if asked), then removes the temporary files
//!    that an interrupted save left — only while holding the lock;
//! 3. loads the file with its stamp ([`Session::load`]), and when the file had an older version,
//!    backs it up before anything can upgrade it (writing sessions only);
//! 4. finds the emergency copy of unsaved work to offer ([`Session::emergency`]);
//! 5. goes through the cache of loaded workspaces (`cache`) unless told not to: an unchanged
//!    file is not parsed again, and a parsed one may leave an entry for next time.
//!
//! The session holds the lock (and the demo's scratch folder) until it is dropped. Errors are
//! typed ([`SessionError`]); the command line turns them into messages.

use super::backup::{BackupError, backup_now};
use super::cache::{Cache, CacheWrite, MIN_CACHED_LEN};
use super::load::LoadError;
use super::lock::{Lock, LockError};
use super::paths::{self, PathError};
use super::save::SaveError;
use super::stamp::{Stamp, load_stamped};
use crate::model::Workspace;
use chrono::{Local, NaiveDate};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What to open and how: what the command line (or a test, or a bench) asks for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The data file (`--file`, `PARTNERDECK_FILE`); `None`: the per-user default.
    pub file: Option<PathBuf>,
    /// The bundled sample instead of the file, which is never touched.
    pub demo: bool,
    /// Look without changing anything: no lock is taken, nothing is written beside the file.
    pub read_only: bool,
    /// How long to wait for another partnerdeck to release the lock (`--wait`); `None`: refuse
    /// at once.
    pub wait: Option<Duration>,
    /// The day taken as today (`--today`); `None`: the local date.
    pub today: Option<NaiveDate>,
    /// Never read or write the cache of loaded workspaces (`--no-cache`, `PARTNERDECK_NO_CACHE`).
    pub no_cache: bool,
    /// The cache folder (`--cache-dir`, `PARTNERDECK_CACHE_DIR`); `None`: the per-user one.
    pub cache_dir: Option<PathBuf>,
}

impl Options {
    /// The day the session takes as today.
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| Local::now().date_naive())
    }

    /// The cache these options use: none for the demo (the user's cache is not for samples) or
    /// with `no_cache`.
    pub fn cache(&self) -> Option<Cache> {
        if self.no_cache || self.demo {
            return None;
        }
        self.cache_dir
            .clone()
            .or_else(paths::default_cache_dir)
            .map(Cache::at)
    }

    /// The data file these options name (the demo's scratch copy is only known once opened).
    pub fn path(&self) -> Result<PathBuf, PathError> {
        paths::resolve(self.file.as_deref())
    }
}

/// Why a workspace could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Path(#[from] PathError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("cannot create a scratch folder for the demo: {0}")]
    Scratch(std::io::Error),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(
        "{} is a version {version} file and could not be backed up before upgrading: {error}",
        path.display()
    )]
    Upgrade {
        path: PathBuf,
        version: u32,
        error: BackupError,
    },
}

/// Where the session's data lives.
#[derive(Debug)]
enum Place {
    /// The user's file.
    File,
    /// The demo: a scratch copy in a private folder removed with the session (written when the
    /// session may write), else only in memory.
    Demo(Option<tempfile::TempDir>),
}

/// An open workspace: the path, the lock while writing, what was cleaned up.
#[derive(Debug)]
pub struct Session {
    path: PathBuf,
    place: Place,
    today: NaiveDate,
    lock: Option<Lock>,
    cache: Option<Cache>,
    /// Temporary files of interrupted saves removed at the start (with the lock held).
    pub removed_temp_files: Vec<PathBuf>,
}

/// What [`Session::load`] read.
#[derive(Debug)]
pub struct Opened {
    pub workspace: Workspace,
    /// The stamp of the bytes loaded (`None` for the demo kept in memory).
    pub stamp: Option<Stamp>,
    /// The version the file had when it needed migrating.
    pub migrated_from: Option<u32>,
    /// The file was an older version and was backed up before any upgrade (writing sessions).
    pub backed_up_before_upgrade: bool,
    /// The workspace came from the cache: the file's content hash matched an entry's.
    pub from_cache: bool,
    /// The file was parsed and is worth a cache entry: the caller writes it (off the first
    /// frame's path, e.g. [`CacheWrite::spawn`] once drawn), or drops it.
    pub cache_write: Option<CacheWrite>,
}

impl Session {
    /// Opens the workspace the options name: path, lock (unless read-only), clean-up. Nothing
    /// is read yet: [`Session::load`] reads (a restore, say, never needs to).
    pub fn start(options: &Options) -> Result<Session, SessionError> {
        let today = options.today();
        if options.demo {
            if options.read_only {
                return Ok(Session {
                    path: PathBuf::from("demo.ron"),
                    place: Place::Demo(None),
                    today,
                    lock: None,
                    cache: None,
                    removed_temp_files: Vec::new(),
                });
            }
            let dir =
                super::save::private_tempdir("partnerdeck-demo-").map_err(SessionError::Scratch)?;
            return Ok(Session {
                path: dir.path().join("demo.ron"),
                place: Place::Demo(Some(dir)),
                today,
                lock: None,
                cache: None,
                removed_temp_files: Vec::new(),
            });
        }
        let path = options.path()?;
        let mut session = Session {
            path,
            place: Place::File,
            today,
            lock: None,
            cache: options.cache(),
            removed_temp_files: Vec::new(),
        };
        if !options.read_only {
            let wait = options.wait.unwrap_or(Duration::ZERO);
            session.lock = Some(Lock::acquire_wait(&session.path, wait)?);
            // Only while holding the lock: another writer's save in progress has one too.
            session.removed_temp_files = super::cleanup::cleanup_temp_files(&session.path);
        }
        Ok(session)
    }

    /// A read-only session on a file named as it is (`partnerdeck check FILE`: a backup, a side
    /// of a merge): no path resolution, no lock, nothing written.
    pub fn at(path: &Path) -> Session {
        Session {
            path: path.to_path_buf(),
            place: Place::File,
            today: Local::now().date_naive(),
            lock: None,
            cache: None,
            removed_temp_files: Vec::new(),
        }
    }

    /// The data file (the demo's scratch copy for the demo; `demo.ron` when only in memory).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this is the demo sample.
    pub fn is_demo(&self) -> bool {
        matches!(self.place, Place::Demo(_))
    }

    /// Whether the session holds the lock (it may write).
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// The day the session takes as today.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The emergency copy of unsaved work left beside the file, to offer (writing sessions on
    /// the user's file only).
    pub fn emergency(&self) -> Option<PathBuf> {
        match self.place {
            Place::File if self.is_locked() => super::emergency::find_emergency(&self.path),
            _ => None,
        }
    }

    /// Reads the workspace: `Ok(None)` when the file does not exist yet. The demo is made for
    /// the session's day (and written to its scratch copy when the session may write). A file
    /// of an older version is backed up first when the session may write (a save upgrades it).
    pub fn load(&mut self) -> Result<Option<Opened>, SessionError> {
        if let Place::Demo(scratch) = &self.place {
            let workspace = super::demo::demo_workspace(self.today);
            let stamp = match scratch {
                Some(_) => {
                    super::save::save(&self.path, &workspace)?;
                    Stamp::read(&self.path).ok().flatten()
                }
                None => None,
            };
            return Ok(Some(Opened {
                workspace,
                stamp,
                migrated_from: None,
                backed_up_before_upgrade: false,
                from_cache: false,
                cache_write: None,
            }));
        }
        let (loaded, stamp, from_cache) = match &self.cache {
            Some(cache) => match cache.load(&self.path)? {
                Some(through) => (through.loaded, through.stamp, through.hit),
                None => return Ok(None),
            },
            None => match load_stamped(&self.path)? {
                Some((loaded, stamp)) => (loaded, stamp, false),
                None => return Ok(None),
            },
        };
        let cache_write = match &self.cache {
            Some(cache) if !from_cache && stamp.len >= MIN_CACHED_LEN => Some(CacheWrite::new(
                cache.clone(),
                stamp.clone(),
                loaded.migrated_from,
            )),
            _ => None,
        };
        let mut backed_up_before_upgrade = false;
        if let Some(version) = loaded.migrated_from
            && self.is_locked()
        {
            backup_now(&self.path, chrono::Utc::now()).map_err(|error| SessionError::Upgrade {
                path: self.path.clone(),
                version,
                error,
            })?;
            backed_up_before_upgrade = true;
        }
        Ok(Some(Opened {
            workspace: loaded.workspace,
            stamp: Some(stamp),
            migrated_from: loaded.migrated_from,
            backed_up_before_upgrade,
            from_cache,
            cache_write,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn options(path: &Path) -> Options {
        Options {
            file: Some(path.to_path_buf()),
            today: Some(day()),
            ..Options::default()
        }
    }

    #[test]
    fn a_writing_session_holds_the_lock_and_cleans_up_interrupted_saves() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ws.ron");
        store::save(&p, &Workspace::named("x")).unwrap();
        let leftover = dir.path().join(".ws.ron.abc123");
        std::fs::write(&leftover, "half a save").unwrap();
        let mut session = Session::start(&options(&p)).unwrap();
        assert!(session.is_locked());
        assert_eq!(session.removed_temp_files, vec![leftover.clone()]);
        assert!(!leftover.exists());
        let opened = session.load().unwrap().unwrap();
        assert_eq!(opened.workspace.profile.name, "x");
        assert!(!opened.stamp.unwrap().changed_on_disk(&p));
        // A second writer is refused while the first holds the lock; a reader is not.
        match Session::start(&options(&p)) {
            Err(SessionError::Lock(LockError::Held { .. })) => {}
            other => panic!("expected the lock to be held, got {other:?}"),
        }
        let reader = Session::start(&Options {
            read_only: true,
            ..options(&p)
        })
        .unwrap();
        assert!(!reader.is_locked());
        drop(session);
        assert!(Session::start(&options(&p)).unwrap().is_locked());
    }

    #[test]
    fn a_read_only_session_touches_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ws.ron");
        store::save(&p, &Workspace::named("x")).unwrap();
        let leftover = dir.path().join(".ws.ron.abc123");
        std::fs::write(&leftover, "another writer's save in progress").unwrap();
        let mut session = Session::start(&Options {
            read_only: true,
            ..options(&p)
        })
        .unwrap();
        assert!(leftover.exists());
        assert!(session.emergency().is_none());
        assert!(session.load().unwrap().is_some());
        assert!(!store::lock::lock_path(&p).exists());
    }

    #[test]
    fn a_missing_file_loads_as_none_and_a_broken_one_as_its_load_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ws.ron");
        assert!(
            Session::start(&options(&p))
                .unwrap()
                .load()
                .unwrap()
                .is_none()
        );
        std::fs::write(&p, "(version: 1, profile: (name: \"x\"), partners: [oops])").unwrap();
        match Session::start(&options(&p)).unwrap().load() {
            Err(SessionError::Load(LoadError::Parse { .. })) => {}
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_path_is_a_typed_error_with_the_old_words() {
        let err = Session::start(&Options {
            file: Some(PathBuf::new()),
            ..Options::default()
        })
        .unwrap_err();
        assert!(matches!(err, SessionError::Path(PathError::Empty)));
        assert_eq!(
            err.to_string(),
            "the data file path is empty; give a file name with --file"
        );
    }

    #[test]
    fn an_older_version_is_backed_up_before_a_writing_session_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ws.ron");
        let v0 = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/v0.ron"))
            .unwrap();
        std::fs::write(&p, &v0).unwrap();
        let mut reader = Session::start(&Options {
            read_only: true,
            ..options(&p)
        })
        .unwrap();
        let opened = reader.load().unwrap().unwrap();
        assert_eq!(opened.migrated_from, Some(0));
        assert!(!opened.backed_up_before_upgrade);
        assert!(store::list_backups(&p).is_empty());
        drop(reader);
        let opened = Session::start(&options(&p))
            .unwrap()
            .load()
            .unwrap()
            .unwrap();
        assert!(opened.backed_up_before_upgrade);
        assert_eq!(store::list_backups(&p).len(), 1);
    }

    #[test]
    fn the_demo_is_a_scratch_copy_when_writing_and_memory_when_reading() {
        let mut session = Session::start(&Options {
            demo: true,
            today: Some(day()),
            ..Options::default()
        })
        .unwrap();
        assert!(session.is_demo() && !session.is_locked());
        let scratch = session.path().to_path_buf();
        let opened = session.load().unwrap().unwrap();
        assert_eq!(opened.workspace, store::demo_workspace(day()));
        assert!(opened.stamp.is_some() && scratch.exists());
        drop(session);
        assert!(
            !scratch.exists(),
            "the scratch folder goes with the session"
        );
        let mut look = Session::start(&Options {
            demo: true,
            read_only: true,
            today: Some(day()),
            ..Options::default()
        })
        .unwrap();
        assert_eq!(look.path(), Path::new("demo.ron"));
        let opened = look.load().unwrap().unwrap();
        assert!(opened.stamp.is_none());
    }
}
