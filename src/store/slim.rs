//! A second, small entry beside the workspace cache's (`cache`): a slimmed copy of the workspace
//! that is enough for one purpose (the attention queue and what falls due, `partnerdeck due`),
//! with the stamp of the file it was made from, so that a shell prompt or a timer asking on an
//! unchanged file neither reads and hashes the whole file nor decodes every record.
//!
//! What to keep is the caller's business (the slimming lives beside the logic it serves,
//! [`crate::insight::due::inputs`]); an entry only says from which day on it holds (`from`).
//!
//! Trusting the file unchanged without reading it follows the rule of
//! [`Stamp::changed_on_disk`], the same that decides whether the dashboard's file changed under
//! it: length, nanosecond mtime and ctime, device and inode all equal, and the stamp taken more
//! than [`super::stamp::RACY_WINDOW`] after the file's last change (else the content is hashed
//! to be certain). When the metadata does not match (a `touch`, a checkout of the same bytes),
//! the file is read and hashed, and an entry for that hash is used and its stamp renewed.
//!
//! Like the workspace cache it is never a source of truth: anything that does not check out (a
//! link, a file not ours or open to others, another format, crate version or build, a bad
//! checksum, a payload that does not decode) is ignored. Entries are named `<hash>.slim` in the
//! cache folder (0700), are 0600 and written atomically (temporary file, fsync, rename); the
//! newest [`KEEP`] are kept. An entry:
//!
//! | bytes | what |
//! |---|---|
//! | 0..8 | magic `PDECKSL\0` |
//! | 8..12 | format version ([`FORMAT`]) |
//! | 12..44 | crate version, zero-padded |
//! | 44..76 | build (as the workspace cache's) |
//! | 76..108 | blake3 of the data file's content |
//! | 108..116 | length of the data file |
//! | 116..132 | its mtime (ns) |
//! | 132..148 | its ctime (ns) |
//! | 148..156, 156..164 | its device and inode |
//! | 164..180 | when the stamp was taken (ns since the epoch) |
//! | 180..184 | the first day the slimmed copy holds for (days from the common era) |
//! | 184..192 | payload length |
//! | 192..224 | blake3 over the header before it and the payload |
//!
//! The payload is the slimmed workspace in the workspace cache's encoding
//! ([`super::cache::encode`]).

use super::cache::{Cache, MIN_CACHED_LEN, build_id, crate_version, decode, encode, open_entry};
use super::stamp::Stamp;
use crate::model::Workspace;
use chrono::{Datelike as _, NaiveDate};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The first bytes of every entry.
pub const MAGIC: [u8; 8] = *b"PDECKSL\0";
/// The entry format; bumped whenever the header or the payload's encoding changes.
pub const FORMAT: u32 = 1;
/// How many entries are kept (the newest).
pub const KEEP: usize = 4;
/// The header's length.
pub const HEADER_LEN: usize = 224;
const CHECKSUM_AT: usize = 192;
const EXTENSION: &str = "slim";

/// An entry's header.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header {
    format: u32,
    crate_version: [u8; 32],
    build: [u8; 32],
    stamp: Stamp,
    from: NaiveDate,
    payload_len: u64,
    checksum: [u8; 32],
}

fn ns(t: SystemTime) -> i128 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

fn time(ns: i128) -> Option<SystemTime> {
    let d = Duration::from_nanos(u64::try_from(ns.unsigned_abs()).ok()?);
    if ns >= 0 {
        SystemTime::UNIX_EPOCH.checked_add(d)
    } else {
        SystemTime::UNIX_EPOCH.checked_sub(d)
    }
}

impl Header {
    fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let s = &self.stamp;
        let mut b = [0u8; HEADER_LEN];
        b[0..8].copy_from_slice(&MAGIC);
        b[8..12].copy_from_slice(&self.format.to_le_bytes());
        b[12..44].copy_from_slice(&self.crate_version);
        b[44..76].copy_from_slice(&self.build);
        b[76..108].copy_from_slice(&s.hash);
        b[108..116].copy_from_slice(&s.len.to_le_bytes());
        b[116..132].copy_from_slice(&s.mtime_ns.to_le_bytes());
        b[132..148].copy_from_slice(&s.ctime_ns.to_le_bytes());
        b[148..156].copy_from_slice(&s.dev.to_le_bytes());
        b[156..164].copy_from_slice(&s.inode.to_le_bytes());
        b[164..180].copy_from_slice(&ns(s.taken_at).to_le_bytes());
        b[180..184].copy_from_slice(&self.from.num_days_from_ce().to_le_bytes());
        b[184..192].copy_from_slice(&self.payload_len.to_le_bytes());
        b[CHECKSUM_AT..].copy_from_slice(&self.checksum);
        b
    }

    fn from_bytes(b: &[u8; HEADER_LEN]) -> Option<Header> {
        if b[0..8] != MAGIC {
            return None;
        }
        let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        let i128_at = |i: usize| i128::from_le_bytes(b[i..i + 16].try_into().expect("16 bytes"));
        let days = i32::from_le_bytes(b[180..184].try_into().expect("4 bytes"));
        Some(Header {
            format: u32::from_le_bytes(b[8..12].try_into().expect("4 bytes")),
            crate_version: b[12..44].try_into().expect("32 bytes"),
            build: b[44..76].try_into().expect("32 bytes"),
            stamp: Stamp {
                hash: b[76..108].try_into().expect("32 bytes"),
                len: u64_at(108),
                mtime_ns: i128_at(116),
                ctime_ns: i128_at(132),
                dev: u64_at(148),
                inode: u64_at(156),
                taken_at: time(i128_at(164))?,
            },
            from: NaiveDate::from_num_days_from_ce_opt(days)?,
            payload_len: u64_at(184),
            checksum: b[CHECKSUM_AT..].try_into().expect("32 bytes"),
        })
    }

    fn checksum(&self, payload: &[u8]) -> [u8; 32] {
        let mut h = blake3::Hasher::new();
        h.update(&self.to_bytes()[..CHECKSUM_AT]);
        h.update(payload);
        *h.finalize().as_bytes()
    }
}

/// The slimmed copies kept in a workspace cache's folder.
#[derive(Debug, Clone)]
pub struct Slim {
    cache: Cache,
}

/// An entry found for the file as it is now: its stamp is the file's, its content hash
/// trusted. The payload is read only when asked for ([`Found::workspace`]).
#[derive(Debug)]
pub struct Found {
    header: Header,
    file: std::fs::File,
}

impl Found {
    /// The file's stamp (content hash included), as the entry recorded and the check confirmed.
    pub fn stamp(&self) -> &Stamp {
        &self.header.stamp
    }

    /// The first day the slimmed copy holds for.
    pub fn from(&self) -> NaiveDate {
        self.header.from
    }

    /// Reads, checks and decodes the slimmed workspace.
    pub fn workspace(mut self) -> Option<Workspace> {
        let len = usize::try_from(self.header.payload_len).ok()?;
        let mut payload = Vec::with_capacity(len);
        (&mut self.file)
            .take(self.header.payload_len)
            .read_to_end(&mut payload)
            .ok()?;
        if payload.len() != len || self.header.checksum(&payload) != self.header.checksum {
            return None;
        }
        decode(&payload)
    }
}

impl Slim {
    /// Beside the entries of `cache`.
    pub fn new(cache: Cache) -> Slim {
        Slim { cache }
    }

    fn path(&self, hash: &[u8; 32]) -> PathBuf {
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        self.cache.dir().join(format!("{hex}.{EXTENSION}"))
    }

    /// Reads an entry's header; `None` unless it is one of this format, crate version and
    /// build, of the length its header says, named for its content hash.
    fn open(&self, path: &Path) -> Option<Found> {
        let mut file = open_entry(path)?;
        let mut bytes = [0u8; HEADER_LEN];
        file.read_exact(&mut bytes).ok()?;
        let header = Header::from_bytes(&bytes)?;
        let len = file.metadata().ok()?.len();
        if header.format != FORMAT
            || header.crate_version != crate_version()
            || Some(header.build) != build_id()
            || len != HEADER_LEN as u64 + header.payload_len
            || path != self.path(&header.stamp.hash)
        {
            return None;
        }
        Some(Found { header, file })
    }

    /// The entries, newest first.
    fn entries(&self) -> Vec<(PathBuf, SystemTime)> {
        let Ok(dir) = std::fs::read_dir(self.cache.dir()) else {
            return Vec::new();
        };
        let mut found: Vec<_> = dir
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == EXTENSION))
            .filter_map(|e| Some((e.path(), e.metadata().ok()?.modified().ok()?)))
            .collect();
        found.sort_by_key(|(_, t)| std::cmp::Reverse(*t));
        found
    }

    /// The entry whose recorded stamp the file at `path` still matches, by the rule of
    /// [`Stamp::changed_on_disk`] (the file is read only when its times are too recent to
    /// trust). `None` when there is none, or the cache folder is unfit.
    pub fn current(&self, path: &Path) -> Option<Found> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() || meta.len() < MIN_CACHED_LEN || !self.cache.usable() {
            return None;
        }
        let now = super::stamp::FileIdentity::of(&meta);
        let found = self
            .entries()
            .into_iter()
            .filter_map(|(p, _)| self.open(&p))
            .find(|f| {
                let s = &f.header.stamp;
                (s.len, s.mtime_ns, s.dev, s.inode) == (now.len, now.mtime_ns, now.dev, now.inode)
            })?;
        // A stamp taken too soon after the file's last change proves nothing by itself: the
        // caller reads the file, and the entry found by its hash is renewed
        // ([`Slim::for_content`]).
        let s = &found.header.stamp;
        (!s.is_racy() && !s.changed_on_disk(path)).then_some(found)
    }

    /// The entry made from the content `stamp` describes (a fresh read of the file), if any;
    /// when its recorded stamp is another (the same bytes, other metadata), it is renewed to
    /// `stamp` so that the next run can trust the file without reading it. The day it holds
    /// from comes with it.
    pub fn for_content(&self, stamp: &Stamp) -> Option<(NaiveDate, Workspace)> {
        if stamp.len < MIN_CACHED_LEN || !self.cache.usable() {
            return None;
        }
        let found = self.open(&self.path(&stamp.hash))?;
        let old = found.stamp();
        let stale = !old.same_metadata(stamp) || (old.is_racy() && !stamp.is_racy());
        let from = found.from();
        let ws = found.workspace()?;
        if stale {
            let _ = self.write(stamp, from, &ws);
        }
        Some((from, ws))
    }

    /// Keeps `ws`, slimmed from the content `stamp` describes and holding from the day `from`:
    /// encoded, decoded again and compared, written atomically (0600); then old entries are
    /// pruned. Silent on failure: an entry not kept is only made again.
    pub fn write(&self, stamp: &Stamp, from: NaiveDate, ws: &Workspace) -> std::io::Result<()> {
        if stamp.len < MIN_CACHED_LEN {
            return Ok(());
        }
        let build = build_id().ok_or_else(|| std::io::Error::other("the executable is unknown"))?;
        let payload = encode(ws).map_err(std::io::Error::other)?;
        if decode(&payload).as_ref() != Some(ws) {
            return Err(std::io::Error::other(
                "the encoding does not give the workspace back",
            ));
        }
        super::save::create_private_dir(self.cache.dir())?;
        if !self.cache.usable() {
            return Err(std::io::Error::other(
                "the cache folder is a link, not ours, or open to others",
            ));
        }
        let mut header = Header {
            format: FORMAT,
            crate_version: crate_version(),
            build,
            stamp: stamp.clone(),
            from,
            payload_len: payload.len() as u64,
            checksum: [0; 32],
        };
        header.checksum = header.checksum(&payload);
        let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
        bytes.extend_from_slice(&header.to_bytes());
        bytes.extend_from_slice(&payload);
        super::save::write_private(&self.path(&stamp.hash), &bytes)
            .map_err(std::io::Error::other)?;
        for (path, _) in self.entries().into_iter().skip(KEEP) {
            let _ = std::fs::remove_file(path);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Seek as _, Write as _};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A data file worth an entry (its bytes are never parsed here) and a slim cache.
    fn place() -> (tempfile::TempDir, PathBuf, Slim) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ws.ron");
        std::fs::write(&file, vec![b'a'; MIN_CACHED_LEN as usize]).unwrap();
        let slim = Slim::new(Cache::at(dir.path().join("cache")));
        (dir, file, slim)
    }

    #[test]
    fn an_entry_is_trusted_without_reading_only_while_the_file_keeps_its_stamp() {
        let (_dir, file, slim) = place();
        let ws = crate::store::demo_workspace(day("2026-11-27"));
        let mut stamp = Stamp::read(&file).unwrap().unwrap();
        // Taken right after the write: too recent to prove anything without reading.
        slim.write(&stamp, day("2026-11-27"), &ws).unwrap();
        assert!(slim.current(&file).is_none());
        let (from, back) = slim.for_content(&stamp).unwrap();
        assert_eq!((from, &back), (day("2026-11-27"), &ws));
        // As if stamped long after the last write: trusted, and the workspace comes back.
        stamp.taken_at += Duration::from_secs(60);
        slim.write(&stamp, day("2026-11-27"), &ws).unwrap();
        let found = slim.current(&file).unwrap();
        assert_eq!(found.stamp(), &stamp);
        assert_eq!(found.workspace().as_ref(), Some(&ws));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let entry = slim.path(&stamp.hash);
            let mode = std::fs::metadata(&entry).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Rewritten in place, same length, its mtime put back: the ctime tells.
        let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
        let mut f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
        f.write_all(b"b").unwrap();
        f.rewind().unwrap();
        f.set_modified(mtime).unwrap();
        drop(f);
        assert!(slim.current(&file).is_none());
        let now = Stamp::read(&file).unwrap().unwrap();
        assert!(slim.for_content(&now).is_none(), "another content");
    }

    #[test]
    fn the_same_bytes_under_new_metadata_renew_the_entry() {
        let (dir, file, slim) = place();
        let ws = crate::store::demo_workspace(day("2026-11-27"));
        let mut stamp = Stamp::read(&file).unwrap().unwrap();
        stamp.taken_at += Duration::from_secs(60);
        slim.write(&stamp, day("2026-11-27"), &ws).unwrap();
        // A checkout of the same bytes: a new inode.
        let other = dir.path().join("other");
        std::fs::copy(&file, &other).unwrap();
        std::fs::rename(&other, &file).unwrap();
        assert!(slim.current(&file).is_none());
        let mut fresh = Stamp::read(&file).unwrap().unwrap();
        assert!(slim.for_content(&fresh).is_some());
        let renewed = slim.open(&slim.path(&fresh.hash)).unwrap();
        assert!(renewed.stamp().same_metadata(&fresh));
        // Once its stamp is old enough, trusted again.
        fresh.taken_at += Duration::from_secs(60);
        slim.write(&fresh, day("2026-11-27"), &ws).unwrap();
        assert!(slim.current(&file).is_some());
    }

    #[test]
    fn a_damaged_entry_is_ignored() {
        let (_dir, file, slim) = place();
        let ws = crate::store::demo_workspace(day("2026-11-27"));
        let mut stamp = Stamp::read(&file).unwrap().unwrap();
        stamp.taken_at += Duration::from_secs(60);
        slim.write(&stamp, day("2026-11-27"), &ws).unwrap();
        let entry = slim.path(&stamp.hash);
        let mut bytes = std::fs::read(&entry).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&entry, &bytes).unwrap();
        let found = slim.current(&file).unwrap();
        assert!(found.workspace().is_none(), "the checksum catches it");
        assert!(slim.for_content(&stamp).is_none());
    }
}
