//! What the data file looked like when we last read or wrote it, to notice changes made by
//! others (another tool, a `git pull`, a hand edit).
//!
//! A [`Stamp`] records the length, the modification and change times in nanoseconds, the device
//! and inode, and a blake3 hash of the content, all taken from one open file (so they describe
//! the same version even if the file is replaced meanwhile).
//!
//! [`Stamp::changed_on_disk`] is the cheap check, meant to be polled:
//! - any metadata difference (length, mtime, ctime, inode, device) counts as a change, without
//!   hashing. It is conservative: a `touch` reports a change too; callers that care compare
//!   [`Stamp::same_content`] on a fresh [`Stamp::read`] before bothering the user.
//! - equal metadata normally proves nothing changed; but file times have a coarse granularity
//!   (a kernel tick on Linux, a second or two on some filesystems), so a same-size rewrite in
//!   place within that tick of our own read or write keeps every field equal ("racy git"). When
//!   the file's times are within [`RACY_WINDOW`] of the moment the stamp was taken, the content
//!   is hashed to be certain. That costs a read of the file (about a millisecond for 2 MB) and
//!   only happens for the first seconds after a load or save.

use super::load::{LoadError, Loaded, load_text};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// How close to the stamp's own time the file's times must be for metadata equality to be
/// distrusted. Generous: it covers filesystems with 2-second times.
pub const RACY_WINDOW: Duration = Duration::from_secs(3);

/// Identity and content of one version of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i128,
    /// Status change time, nanoseconds since the Unix epoch (0 where unknown).
    pub ctime_ns: i128,
    pub dev: u64,
    pub inode: u64,
    /// blake3 hash of the content.
    pub hash: [u8; 32],
    /// When this stamp was taken.
    pub taken_at: SystemTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Meta {
    len: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    dev: u64,
    inode: u64,
}

fn meta_of(m: &std::fs::Metadata) -> Meta {
    let mtime_ns = m.modified().map(time_ns).unwrap_or(0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Meta {
            len: m.len(),
            mtime_ns,
            ctime_ns: i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec()),
            dev: m.dev(),
            inode: m.ino(),
        }
    }
    #[cfg(not(unix))]
    {
        Meta {
            len: m.len(),
            mtime_ns,
            ctime_ns: 0,
            dev: 0,
            inode: 0,
        }
    }
}

/// What identifies one version of a file without reading it (a prefilter: equal identities do
/// not prove equal contents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileIdentity {
    pub len: u64,
    pub mtime_ns: i128,
    pub dev: u64,
    pub inode: u64,
}

impl FileIdentity {
    pub fn of(m: &std::fs::Metadata) -> FileIdentity {
        let m = meta_of(m);
        FileIdentity {
            len: m.len,
            mtime_ns: m.mtime_ns,
            dev: m.dev,
            inode: m.inode,
        }
    }
}

fn time_ns(t: SystemTime) -> i128 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

impl Stamp {
    /// Reads the file and stamps it; `Ok(None)` when there is no file. The content is hashed
    /// as it is read, a piece at a time (no copy of the whole file is kept).
    pub fn read(path: &Path) -> std::io::Result<Option<Stamp>> {
        let Some(mut file) = super::regular::open_regular(path)? else {
            return Ok(None);
        };
        let taken_at = SystemTime::now();
        let before = meta_of(&file.metadata()?);
        let mut hasher = blake3::Hasher::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    hasher.update(&buf[..n]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        // Written in place while we read: read again rather than stamp a mixture.
        let after = meta_of(&file.metadata()?);
        if after != before {
            return Self::read(path);
        }
        Ok(Some(Stamp::from_parts(
            after,
            *hasher.finalize().as_bytes(),
            taken_at,
        )))
    }

    /// Reads the file once and returns both its stamp and its bytes, so that what is parsed is
    /// exactly what was stamped. `Ok(None)` when there is no file.
    pub fn read_with_bytes(path: &Path) -> std::io::Result<Option<(Stamp, Vec<u8>)>> {
        // Only a regular file: a FIFO or a device would block or never end.
        let Some(mut file) = super::regular::open_regular(path)? else {
            return Ok(None);
        };
        let taken_at = SystemTime::now();
        let before = meta_of(&file.metadata()?);
        let mut bytes = Vec::with_capacity(before.len as usize);
        file.read_to_end(&mut bytes)?;
        // Written in place while we read: read again rather than stamp a mixture.
        let after = meta_of(&file.metadata()?);
        if after != before {
            return Self::read_with_bytes(path);
        }
        let hash = *blake3::hash(&bytes).as_bytes();
        Ok(Some((Stamp::from_parts(after, hash, taken_at), bytes)))
    }

    fn from_parts(m: Meta, hash: [u8; 32], taken_at: SystemTime) -> Stamp {
        Stamp {
            len: m.len,
            mtime_ns: m.mtime_ns,
            ctime_ns: m.ctime_ns,
            dev: m.dev,
            inode: m.inode,
            hash,
            taken_at,
        }
    }

    fn meta(&self) -> Meta {
        Meta {
            len: self.len,
            mtime_ns: self.mtime_ns,
            ctime_ns: self.ctime_ns,
            dev: self.dev,
            inode: self.inode,
        }
    }

    /// Whether the file's metadata is too close to the stamp's time to prove anything.
    pub(crate) fn is_racy(&self) -> bool {
        let taken = time_ns(self.taken_at);
        let window = RACY_WINDOW.as_nanos() as i128;
        self.mtime_ns.max(self.ctime_ns) + window >= taken
    }

    /// The cheap check (see the module notes): `true` when the file is gone, unreadable, or
    /// differs from this stamp. Metadata first; the content is hashed only when the metadata is
    /// equal but too recent to trust.
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        let Ok(meta) = std::fs::metadata(path) else {
            return true;
        };
        if meta_of(&meta) != self.meta() {
            return true;
        }
        if !self.is_racy() {
            return false;
        }
        match Stamp::read(path) {
            Ok(Some(now)) => now.hash != self.hash || now.meta() != self.meta(),
            _ => true,
        }
    }

    /// Whether two stamps describe the same file version by its metadata (length, mtime,
    /// ctime, device, inode), whatever their hashes and the moments they were taken.
    pub fn same_metadata(&self, other: &Stamp) -> bool {
        self.meta() == other.meta()
    }

    /// Whether two stamps describe the same bytes (whatever their times say).
    pub fn same_content(&self, other: &Stamp) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

/// Loads the file and stamps exactly the bytes that were parsed (one read), so that a later
/// [`Stamp::changed_on_disk`] compares against what the app holds. `Ok(None)` when there is no
/// file yet.
pub fn load_stamped(path: &Path) -> Result<Option<(Loaded, Stamp)>, LoadError> {
    let io = |error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    };
    let Some((stamp, bytes)) = Stamp::read_with_bytes(path).map_err(io)? else {
        return Ok(None);
    };
    let text = String::from_utf8(bytes)
        .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    Ok(Some((load_text(&text, path)?, stamp)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Seek, Write};

    #[test]
    fn load_stamped_stamps_what_it_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ws.ron");
        assert!(load_stamped(&p).unwrap().is_none());
        crate::store::save(&p, &crate::model::Workspace::named("x")).unwrap();
        let (loaded, stamp) = load_stamped(&p).unwrap().unwrap();
        assert_eq!(loaded.workspace.profile.name, "x");
        assert_eq!(stamp, {
            let mut s = Stamp::read(&p).unwrap().unwrap();
            s.taken_at = stamp.taken_at;
            s
        });
        assert!(!stamp.changed_on_disk(&p));
        crate::store::save(&p, &crate::model::Workspace::named("y")).unwrap();
        assert!(stamp.changed_on_disk(&p));
    }

    #[test]
    fn a_missing_file_has_no_stamp_and_counts_as_changed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        assert!(Stamp::read(&p).unwrap().is_none());
        std::fs::write(&p, "abc").unwrap();
        let s = Stamp::read(&p).unwrap().unwrap();
        assert!(!s.changed_on_disk(&p));
        std::fs::remove_file(&p).unwrap();
        assert!(s.changed_on_disk(&p));
    }

    #[test]
    fn a_same_size_rewrite_in_place_keeping_the_mtime_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        std::fs::write(&p, "version A").unwrap();
        let s = Stamp::read(&p).unwrap().unwrap();
        let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
        // Rewrite in place, same length, then put the times back: only the content differs.
        let mut f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
        f.write_all(b"version B").unwrap();
        f.rewind().unwrap();
        f.set_modified(mtime).unwrap();
        drop(f);
        let now = Stamp::read(&p).unwrap().unwrap();
        assert_eq!(now.len, s.len);
        assert_eq!(now.mtime_ns, s.mtime_ns);
        assert!(s.changed_on_disk(&p), "racy change missed");
        assert!(!s.same_content(&now));
    }

    #[test]
    fn a_recent_stamp_with_equal_metadata_is_checked_by_hash() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        std::fs::write(&p, "abc").unwrap();
        let mut s = Stamp::read(&p).unwrap().unwrap();
        // Metadata all equal, the file just written: only the hash can tell, and it is read.
        s.hash = [0; 32];
        assert!(s.is_racy());
        assert!(s.changed_on_disk(&p));
    }

    #[test]
    fn an_old_stamp_with_equal_metadata_is_trusted_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        std::fs::write(&p, "abc").unwrap();
        let mut s = Stamp::read(&p).unwrap().unwrap();
        // As if stamped long after the last write: metadata equality is proof enough, so even
        // a wrong hash is not noticed (the hash is not read).
        s.taken_at += Duration::from_secs(60);
        s.hash = [0; 32];
        assert!(!s.is_racy());
        assert!(!s.changed_on_disk(&p));
    }

    #[test]
    fn a_rename_over_the_file_is_a_change_even_with_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        std::fs::write(&p, "abc").unwrap();
        let s = Stamp::read(&p).unwrap().unwrap();
        let tmp = dir.path().join("y");
        std::fs::write(&tmp, "abc").unwrap();
        std::fs::rename(&tmp, &p).unwrap();
        assert!(s.changed_on_disk(&p));
        let fresh = Stamp::read(&p).unwrap().unwrap();
        assert!(s.same_content(&fresh));
    }
}
