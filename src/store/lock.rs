//! One writer per data file: a sidecar lock file `<file>.lock`, held for a whole session.
//!
//! The data file itself is never locked: every save renames a new file over it, so a lock on the
//! old inode would protect nothing. The sidecar is locked with the operating system's advisory
//! lock (`flock` on Linux, through `std::fs::File::try_lock`), which dies with the process that
//! holds it: a lock file left behind by a crash (`kill -9`, power loss) is simply taken over by
//! the next start. The holder writes its pid, host name and start time into the file so that a
//! second instance can say who has the file open.
//!
//! Dropping the [`Lock`] removes the lock file and releases the lock.

use super::save::create_private_dir;
use chrono::{SecondsFormat, Utc};
use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file beside `data_path`: the data file's name with `.lock` added.
pub fn lock_path(data_path: &Path) -> PathBuf {
    let mut name = data_path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    data_path.with_file_name(name)
}

/// Who holds a lock, as written in the lock file by the holder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holder {
    pub pid: Option<u32>,
    pub host: Option<String>,
    /// When the holder took the lock (RFC 3339, UTC), as it wrote it.
    pub since: Option<String>,
}

impl Holder {
    fn ours() -> Holder {
        Holder {
            pid: Some(std::process::id()),
            host: this_host(),
            since: Some(Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)),
        }
    }

    fn to_text(&self) -> String {
        let mut out = String::from("partnerdeck lock: the data file beside this one is open\n");
        if let Some(pid) = self.pid {
            out.push_str(&format!("pid {pid}\n"));
        }
        if let Some(host) = &self.host {
            out.push_str(&format!("host {host}\n"));
        }
        if let Some(since) = &self.since {
            out.push_str(&format!("since {since}\n"));
        }
        out
    }

    /// Reads what a holder wrote; unknown or damaged lines are ignored.
    pub fn parse(text: &str) -> Holder {
        let mut holder = Holder::default();
        for line in text.lines() {
            let (key, value) = line.split_once(' ').unwrap_or((line, ""));
            let value = value.trim();
            match key {
                "pid" => holder.pid = value.parse().ok(),
                "host" if !value.is_empty() => holder.host = Some(value.to_string()),
                "since" if !value.is_empty() => holder.since = Some(value.to_string()),
                _ => {}
            }
        }
        holder
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pid {
            Some(pid) => write!(f, "pid {pid}")?,
            None => write!(f, "pid unknown")?,
        }
        if let Some(host) = self
            .host
            .as_ref()
            .filter(|h| Some(*h) != this_host().as_ref())
        {
            write!(f, " on {host}")?;
        }
        if let Some(since) = &self.since {
            write!(f, ", since {since}")?;
        }
        Ok(())
    }
}

/// This machine's name, when it can be read without extra dependencies.
fn this_host() -> Option<String> {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds the lock right now.
    #[error(
        "{} is open in another partnerdeck ({holder}); close it there, or open read-only with \
         --read-only",
        data_path.display()
    )]
    Held {
        data_path: PathBuf,
        /// The holder's pid, when it had written it.
        pid: Option<u32>,
        holder: Holder,
    },
    /// Running as root on a file that belongs to another user: anything written (the lock,
    /// backups, the saved file) would belong to root and lock the owner out of their own data.
    #[error(
        "{} belongs to user {owner}, and this is root: files written now would belong to root \
         and lock its owner out. Run it as that user (sudo -u '#{owner}' …), or open it \
         read-only with --read-only",
        data_path.display()
    )]
    ForeignOwner { data_path: PathBuf, owner: u32 },
    /// The lock file could not be created, opened or locked.
    #[error("cannot lock {}: {error}{}", lock_path.display(), read_only_hint(error))]
    Io {
        lock_path: PathBuf,
        #[source]
        error: std::io::Error,
    },
}

/// A lock refused for want of permission can still look: say how.
fn read_only_hint(error: &std::io::Error) -> &'static str {
    match error.kind() {
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => {
            "; to look without changing anything, open it with --read-only"
        }
        _ => "",
    }
}

/// The session lock on one data file. Held until dropped.
#[derive(Debug)]
pub struct Lock {
    data_path: PathBuf,
    lock_path: PathBuf,
    file: Option<File>,
}

impl Lock {
    /// Takes the lock on `data_path` (creating the folder, 0700, and the lock file, 0600, when
    /// missing), or says who holds it. Never waits. A lock file left by a process that died is
    /// taken over: its OS lock died with it.
    pub fn acquire(data_path: &Path) -> Result<Lock, LockError> {
        if let Some(owner) = foreign_owner(data_path) {
            return Err(LockError::ForeignOwner {
                data_path: data_path.to_path_buf(),
                owner,
            });
        }
        let lock_path = lock_path(data_path);
        let io = |error: std::io::Error| LockError::Io {
            lock_path: lock_path.clone(),
            error,
        };
        if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(io)?;
        }
        // The holder removes the file on release; someone who opened it just before may then
        // lock an unlinked file. Checking that the path still names the locked file after
        // locking closes that gap; a few rounds are plenty.
        for _ in 0..32 {
            let mut file = open_lock_file(&lock_path).map_err(io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let holder = read_holder(&mut file);
                    return Err(LockError::Held {
                        data_path: data_path.to_path_buf(),
                        pid: holder.pid,
                        holder,
                    });
                }
                Err(TryLockError::Error(error)) => return Err(io(error)),
            }
            if !same_file(&file, &lock_path) {
                continue;
            }
            write_holder(&mut file, &Holder::ours()).map_err(io)?;
            return Ok(Lock {
                data_path: data_path.to_path_buf(),
                lock_path,
                file: Some(file),
            });
        }
        Err(io(std::io::Error::other(
            "the lock file kept being replaced while locking it",
        )))
    }

    /// Like [`Lock::acquire`], but while another process holds the lock, tries again every
    /// 20 ms for up to `wait`, so that scripts can queue behind each other and the dashboard.
    pub fn acquire_wait(data_path: &Path, wait: Duration) -> Result<Lock, LockError> {
        let deadline = Instant::now() + wait;
        loop {
            match Lock::acquire(data_path) {
                Err(LockError::Held { .. }) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    /// Whether some process holds the lock on `data_path` right now (without taking it), and
    /// who.
    pub fn holder(data_path: &Path) -> Option<Holder> {
        // Read only a regular file, never through a link and never blocking (a FIFO planted as
        // the lock would otherwise hang the caller).
        use std::os::unix::fs::OpenOptionsExt as _;
        let mut options = OpenOptions::new();
        options
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        let mut file = options.open(lock_path(data_path)).ok()?;
        if !file.metadata().ok()?.is_file() {
            return None;
        }
        match file.try_lock_shared() {
            Ok(()) => None,
            Err(TryLockError::WouldBlock) => Some(read_holder(&mut file)),
            Err(TryLockError::Error(_)) => None,
        }
    }

    /// The data file this lock protects.
    pub fn data_path(&self) -> &Path {
        &self.data_path
    }

    /// The sidecar lock file.
    pub fn lock_path(&self) -> &Path {
        &self.lock_path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            // Remove while still holding it (anyone who opened the old file re-checks the path
            // after locking), then closing the file releases the lock.
            if same_file(&file, &self.lock_path) {
                let _ = std::fs::remove_file(&self.lock_path);
            }
            let _ = file.unlock();
            drop(file);
        }
    }
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    // Never truncate on open: the file may hold the current holder's pid.
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Never through a symbolic link: the lock file's name is writable by anyone who can
        // write the folder, and following it would truncate and chmod its target.
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(path).map_err(|e| {
        if e.raw_os_error() == Some(libc::ELOOP) {
            std::io::Error::other(format!(
                "{} is a symbolic link; partnerdeck does not follow it (remove it)",
                path.display()
            ))
        } else {
            e
        }
    })?;
    // Only a regular file is a lock file (not a FIFO or a device someone put there), with one
    // name (a hard link to another file would have that file truncated and rewritten), and
    // ours (not one another user planted).
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "{} is not a regular file; remove it",
            path.display()
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if meta.nlink() != 1 {
            return Err(std::io::Error::other(format!(
                "{} has other names (it is a hard link to another file); partnerdeck does not \
                 write it (remove it)",
                path.display()
            )));
        }
        // SAFETY: geteuid has no preconditions and cannot fail.
        let user = unsafe { libc::geteuid() };
        if meta.uid() != user {
            return Err(std::io::Error::other(format!(
                "{} belongs to user {}, not to you; partnerdeck does not write it (remove it)",
                path.display(),
                meta.uid()
            )));
        }
    }
    Ok(file)
}

/// When running as root, the owner of the data file (or of its folder, for a new file) if that
/// is another user.
#[cfg(unix)]
fn foreign_owner(data_path: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt as _;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let folder = match data_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let owner = std::fs::metadata(data_path)
        .or_else(|_| std::fs::metadata(folder))
        .ok()?
        .uid();
    (owner != 0).then_some(owner)
}

#[cfg(not(unix))]
fn foreign_owner(_: &Path) -> Option<u32> {
    None
}

fn write_holder(file: &mut File, holder: &Holder) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(holder.to_text().as_bytes())?;
    file.flush()
}

/// The holder's details; a holder that has only just locked may not have written them yet, so
/// an empty file is read again a few times.
fn read_holder(file: &mut File) -> Holder {
    for attempt in 0..10 {
        let mut text = String::new();
        if file.rewind().is_ok() && file.read_to_string(&mut text).is_ok() {
            let holder = Holder::parse(&text);
            if holder.pid.is_some() || attempt == 9 {
                return holder;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    Holder::default()
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_path_adds_lock_to_the_name() {
        assert_eq!(
            lock_path(Path::new("/a/b/ws.ron")),
            PathBuf::from("/a/b/ws.ron.lock")
        );
        assert_eq!(lock_path(Path::new("ws.ron")), PathBuf::from("ws.ron.lock"));
    }

    #[test]
    fn holder_text_round_trips_and_tolerates_junk() {
        let h = Holder {
            pid: Some(42),
            host: Some("box".into()),
            since: Some("2026-11-27T20:30:15Z".into()),
        };
        assert_eq!(Holder::parse(&h.to_text()), h);
        assert_eq!(Holder::parse("\u{0}garbage\npid x\n"), Holder::default());
    }

    #[test]
    fn a_second_lock_in_the_same_process_is_refused_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("ws.ron");
        let first = Lock::acquire(&data).unwrap();
        let err = Lock::acquire(&data).unwrap_err();
        match &err {
            LockError::Held { pid, .. } => assert_eq!(*pid, Some(std::process::id())),
            other => panic!("expected Held, got {other:?}"),
        }
        assert!(err.to_string().contains("--read-only"), "{err}");
        assert!(Lock::holder(&data).is_some());
        drop(first);
        assert!(!lock_path(&data).exists());
        assert!(Lock::holder(&data).is_none());
        let _again = Lock::acquire(&data).unwrap();
    }
}
