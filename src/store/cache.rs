//! A cache of loaded workspaces, so that a start on an unchanged file skips the RON parse.
//!
//! It is never a source of truth. An entry is a copy, in a fast binary encoding (postcard), of
//! what loading one exact content of the data file gave; it is used only when the file's content
//! hash (blake3, the one [`Stamp`] records) equals the hash the entry was made from, and when
//! everything about the entry checks out. Anything else — another content, a truncated or
//! corrupted entry, another format, crate version or build, a file or folder that is a symbolic
//! link, not ours or open to others, any read or decode failure — means the entry is ignored and
//! the file is parsed as always (after which a fresh entry may be written).
//!
//! Where: `--cache-dir` / `PARTNERDECK_CACHE_DIR`, else the per-user cache folder
//! ([`super::paths::default_cache_dir`]); off with `--no-cache` / `PARTNERDECK_NO_CACHE`. The
//! folder is 0700, entries are 0600, written to a temporary name and renamed into place, and
//! only the newest [`KEEP`] entries are kept. An entry is named by the content hash it was made
//! from (`<hash>.ws`) and starts with a fixed header:
//!
//! | bytes | what |
//! |---|---|
//! | 0..8 | magic `PDECKWS\0` |
//! | 8..12 | format version ([`FORMAT`]) |
//! | 12..44 | crate version, zero-padded |
//! | 44..76 | build: a hash of the running executable's length, modification time and inode |
//! | 76..108 | blake3 of the data file's content |
//! | 108..148 | length, mtime (ns), device and inode of the data file (a prefilter only) |
//! | 148..152 | the version the file was migrated from (`u32::MAX`: none) |
//! | 152..160 | payload length |
//! | 160..192 | blake3 over the header before it and the payload |
//!
//! The start-up path: when an entry's recorded length, mtime and inode match the file, the entry
//! is decoded while another thread reads and hashes the file, and the result is taken only if the
//! hashes agree; otherwise the file is read and hashed as always, and an entry for that hash, if
//! there is one, is used instead of the parse.
//!
//! postcard is not self-describing: a field that serde skips when writing
//! (`#[serde(skip_serializing_if)]`, as `Workspace::conflicts`, `snoozes`, `share_settings`,
//! `received`, `ingested`, `members` and records' authors and owners have) would shift everything
//! after it. [`encode`] writes each skipped list as the empty list it stands for, and every other
//! field through `model::skip::writing_every_field`; every entry
//! is decoded again and compared with the workspace before it is written, so an encoding that
//! does not give back the same workspace is never stored.

use super::load::{LoadError, Loaded, load_text};
use super::stamp::Stamp;
use crate::model::Workspace;
use std::fs::{File, Metadata};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The first bytes of every entry.
pub const MAGIC: [u8; 8] = *b"PDECKWS\0";
/// The entry format; bumped whenever the header or the payload's encoding changes.
pub const FORMAT: u32 = 5;
/// How many entries are kept (the newest).
pub const KEEP: usize = 4;
/// Files smaller than this are not worth an entry: they parse in a few milliseconds.
pub const MIN_CACHED_LEN: u64 = 1 << 20;
/// The header's length.
pub const HEADER_LEN: usize = 192;
/// Where the checksum starts in the header.
pub const CHECKSUM_AT: usize = 160;
/// The file name ending of entries.
const EXTENSION: &str = "ws";
/// Temporary files of writes that did not finish are removed after this long.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(600);

/// The cache folder to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
}

/// An entry's header, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header {
    format: u32,
    crate_version: [u8; 32],
    build: [u8; 32],
    source_hash: [u8; 32],
    source_len: u64,
    source_mtime_ns: i128,
    source_dev: u64,
    source_inode: u64,
    migrated_from: Option<u32>,
    payload_len: u64,
    checksum: [u8; 32],
}

impl Header {
    fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut b = [0u8; HEADER_LEN];
        b[0..8].copy_from_slice(&MAGIC);
        b[8..12].copy_from_slice(&self.format.to_le_bytes());
        b[12..44].copy_from_slice(&self.crate_version);
        b[44..76].copy_from_slice(&self.build);
        b[76..108].copy_from_slice(&self.source_hash);
        b[108..116].copy_from_slice(&self.source_len.to_le_bytes());
        b[116..132].copy_from_slice(&self.source_mtime_ns.to_le_bytes());
        b[132..140].copy_from_slice(&self.source_dev.to_le_bytes());
        b[140..148].copy_from_slice(&self.source_inode.to_le_bytes());
        b[148..152].copy_from_slice(&self.migrated_from.unwrap_or(u32::MAX).to_le_bytes());
        b[152..160].copy_from_slice(&self.payload_len.to_le_bytes());
        b[CHECKSUM_AT..].copy_from_slice(&self.checksum);
        b
    }

    fn from_bytes(b: &[u8; HEADER_LEN]) -> Option<Header> {
        if b[0..8] != MAGIC {
            return None;
        }
        let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"));
        let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        let migrated = u32_at(148);
        Some(Header {
            format: u32_at(8),
            crate_version: b[12..44].try_into().expect("32 bytes"),
            build: b[44..76].try_into().expect("32 bytes"),
            source_hash: b[76..108].try_into().expect("32 bytes"),
            source_len: u64_at(108),
            source_mtime_ns: i128::from_le_bytes(b[116..132].try_into().expect("16 bytes")),
            source_dev: u64_at(132),
            source_inode: u64_at(140),
            migrated_from: (migrated != u32::MAX).then_some(migrated),
            payload_len: u64_at(152),
            checksum: b[CHECKSUM_AT..].try_into().expect("32 bytes"),
        })
    }
}

/// The crate version as the header holds it.
pub(super) fn crate_version() -> [u8; 32] {
    let mut v = [0u8; 32];
    let text = env!("CARGO_PKG_VERSION").as_bytes();
    let n = text.len().min(32);
    v[..n].copy_from_slice(&text[..n]);
    v
}

/// The running build: a development build keeps its crate version while the model changes, so
/// an entry is only read by the very executable that wrote it. `None` (no cache) when the
/// executable cannot be found.
pub(crate) fn build_id() -> Option<[u8; 32]> {
    static BUILD: std::sync::OnceLock<Option<[u8; 32]>> = std::sync::OnceLock::new();
    *BUILD.get_or_init(|| {
        let exe = std::env::current_exe().ok()?;
        let meta = std::fs::metadata(&exe).ok()?;
        let mut h = blake3::Hasher::new();
        h.update(exe.to_string_lossy().as_bytes());
        h.update(&meta.len().to_le_bytes());
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        h.update(&mtime.as_nanos().to_le_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            h.update(&meta.ino().to_le_bytes());
        }
        Some(*h.finalize().as_bytes())
    })
}

fn hex(hash: &[u8; 32]) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

/// Encodes a workspace as a payload (postcard; see the module's notes on skipped fields):
/// every field in the struct's order, the skipped ones written as the empty lists they stand
/// for (a mirror of `Workspace` without the skips; `decode` reads it as a `Workspace`).
pub fn encode(ws: &Workspace) -> Result<Vec<u8>, postcard::Error> {
    use crate::model::*;
    #[derive(serde::Serialize)]
    struct Whole<'a> {
        version: u32,
        profile: &'a Profile,
        partners: &'a List<Partner>,
        goals: &'a List<Goal>,
        milestones: &'a List<Milestone>,
        interactions: &'a List<Interaction>,
        commitments: &'a List<Commitment>,
        reviews: &'a List<Review>,
        celebrations: &'a List<Celebration>,
        review_actions: &'a List<ReviewLink>,
        drafts: &'a List<ReviewDraft>,
        conflicts: &'a List<MergeConflict>,
        snoozes: &'a List<Snooze>,
        share_settings: &'a List<ShareSettings>,
        received: &'a List<ReceivedPack>,
        ingested: &'a List<Ingested>,
        members: &'a List<Member>,
    }
    // Every field named, so a field added to `Workspace` and not here fails to compile.
    let Workspace {
        version,
        profile,
        partners,
        goals,
        milestones,
        interactions,
        commitments,
        reviews,
        celebrations,
        review_actions,
        drafts,
        conflicts,
        snoozes,
        share_settings,
        received,
        ingested,
        members,
    } = ws;
    crate::model::skip::writing_every_field(|| {
        postcard::to_stdvec(&Whole {
            version: *version,
            profile,
            partners,
            goals,
            milestones,
            interactions,
            commitments,
            reviews,
            celebrations,
            review_actions,
            drafts,
            conflicts,
            snoozes,
            share_settings,
            received,
            ingested,
            members,
        })
    })
}

/// Decodes a payload; every byte must be used.
pub fn decode(bytes: &[u8]) -> Option<Workspace> {
    match postcard::take_from_bytes::<Workspace>(bytes) {
        Ok((ws, [])) => Some(ws),
        _ => None,
    }
}

/// Whether the metadata is of something only this user can reach: ours, not open to group or
/// others.
fn private(m: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        m.uid() == me && m.mode() & 0o077 == 0
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        true
    }
}

/// Opens an entry for reading without following a symbolic link, and only when it is a regular
/// file of ours that no one else can read or write.
pub(super) fn open_entry(path: &Path) -> Option<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path).ok()?;
    let meta = file.metadata().ok()?;
    (meta.is_file() && private(&meta)).then_some(file)
}

/// An entry found, its header read and checked (not yet its payload).
#[derive(Debug)]
struct Entry {
    file: File,
    header: Header,
}

/// A load through the cache.
#[derive(Debug)]
pub struct Through {
    pub loaded: Loaded,
    pub stamp: Stamp,
    /// The workspace came from the cache (the file was not parsed).
    pub hit: bool,
}

impl Through {
    /// A workspace decoded from an entry ([`Cache::decode`]) for the file `stamp` describes.
    fn hit(stamp: Stamp, (workspace, migrated_from): (Workspace, Option<u32>)) -> Through {
        Through {
            loaded: Loaded {
                workspace,
                migrated_from,
            },
            stamp,
            hit: true,
        }
    }
}

impl Cache {
    /// The cache in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// The folder of the entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The entry for a content hash.
    pub fn entry_path(&self, hash: &[u8; 32]) -> PathBuf {
        self.dir.join(format!("{}.{EXTENSION}", hex(hash)))
    }

    /// Whether the folder is fit to read from or write to: a real folder (not a link), ours,
    /// closed to others.
    pub(super) fn usable(&self) -> bool {
        std::fs::symlink_metadata(&self.dir).is_ok_and(|m| m.is_dir() && private(&m))
    }

    /// Reads an entry's header; `None` unless it is an entry of this format, crate version and
    /// build.
    fn open(&self, path: &Path) -> Option<Entry> {
        let mut file = open_entry(path)?;
        let mut bytes = [0u8; HEADER_LEN];
        file.read_exact(&mut bytes).ok()?;
        let meta = file.metadata().ok()?;
        let header = Header::from_bytes(&bytes)?;
        if header.format != FORMAT
            || header.crate_version != crate_version()
            || Some(header.build) != build_id()
            || meta.len() != HEADER_LEN as u64 + header.payload_len
            || path.file_stem().and_then(|s| s.to_str()) != Some(&hex(&header.source_hash))
        {
            return None;
        }
        Some(Entry { file, header })
    }

    /// The entry made from a file whose length, mtime and inode are `meta`'s: a candidate, to be
    /// trusted only once the content hash agrees.
    fn candidate(&self, meta: &Metadata) -> Option<Entry> {
        let file = super::stamp::FileIdentity::of(meta);
        self.entries()
            .into_iter()
            .filter_map(|(path, _)| self.open(&path))
            .find(|e| {
                let h = &e.header;
                (
                    h.source_len,
                    h.source_mtime_ns,
                    h.source_dev,
                    h.source_inode,
                ) == (file.len, file.mtime_ns, file.dev, file.inode)
            })
    }

    /// Reads and checks an entry's payload and decodes it: the workspace and the version it was
    /// migrated from.
    fn decode(&self, mut entry: Entry) -> Option<(Workspace, Option<u32>)> {
        let len = usize::try_from(entry.header.payload_len).ok()?;
        let mut payload = Vec::with_capacity(len);
        (&mut entry.file)
            .take(entry.header.payload_len)
            .read_to_end(&mut payload)
            .ok()?;
        if payload.len() != len || checksum(&entry.header, &payload) != entry.header.checksum {
            return None;
        }
        Some((decode(&payload)?, entry.header.migrated_from))
    }

    /// The entries in the folder, newest first, with their modification times.
    fn entries(&self) -> Vec<(PathBuf, std::time::SystemTime)> {
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<_> = dir
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == EXTENSION))
            .filter_map(|e| {
                let m = e.metadata().ok()?;
                Some((e.path(), m.modified().ok()?))
            })
            .collect();
        found.sort_by_key(|(_, time)| std::cmp::Reverse(*time));
        found
    }

    /// Loads the data file through the cache (see the module's notes); `Ok(None)` when there is
    /// no file. Errors are the file's own: nothing about the cache is ever one.
    pub fn load(&self, path: &Path) -> Result<Option<Through>, LoadError> {
        let io = |error| LoadError::Io {
            path: path.to_path_buf(),
            error,
        };
        // A small file is parsed in a few milliseconds: the cache is not even looked at.
        let meta = std::fs::metadata(path).ok();
        let usable = meta
            .as_ref()
            .is_some_and(|m| m.is_file() && m.len() >= MIN_CACHED_LEN)
            && self.usable();
        let candidate = match &meta {
            Some(m) if usable => self.candidate(m),
            _ => None,
        };
        if let Some(entry) = candidate {
            let wanted = entry.header.source_hash;
            let (stamp, decoded) = std::thread::scope(|scope| {
                let reader = scope.spawn(|| Stamp::read(path));
                let decoded = self.decode(entry);
                (reader.join(), decoded)
            });
            if let (Ok(Ok(Some(stamp))), Some(decoded)) = (stamp, decoded)
                && stamp.hash == wanted
            {
                return Ok(Some(Through::hit(stamp, decoded)));
            }
        }
        let Some((stamp, bytes)) = Stamp::read_with_bytes(path).map_err(io)? else {
            return Ok(None);
        };
        if usable
            && let Some(entry) = self.open(&self.entry_path(&stamp.hash))
            && let Some(decoded) = self.decode(entry)
        {
            return Ok(Some(Through::hit(stamp, decoded)));
        }
        let text = String::from_utf8(bytes)
            .map_err(|e| io(io::Error::new(io::ErrorKind::InvalidData, e)))?;
        let loaded = load_text(&text, path)?;
        Ok(Some(Through {
            loaded,
            stamp,
            hit: false,
        }))
    }

    /// Writes the entry for the content `stamp` describes, which loaded as `ws` (migrated from
    /// `migrated_from`): encoded, decoded again and compared, written to a temporary file (0600)
    /// in the folder (0700) and renamed into place; then old entries are pruned.
    pub fn write(
        &self,
        stamp: &Stamp,
        migrated_from: Option<u32>,
        ws: &Workspace,
    ) -> io::Result<PathBuf> {
        let build = build_id().ok_or_else(|| io::Error::other("the executable is unknown"))?;
        let payload = encode(ws).map_err(io::Error::other)?;
        if decode(&payload).as_ref() != Some(ws) {
            return Err(io::Error::other(
                "the encoding does not give the workspace back",
            ));
        }
        super::save::create_private_dir(&self.dir)?;
        if !self.usable() {
            return Err(io::Error::other(
                "the cache folder is a link, not ours, or open to others",
            ));
        }
        let mut header = Header {
            format: FORMAT,
            crate_version: crate_version(),
            build,
            source_hash: stamp.hash,
            source_len: stamp.len,
            source_mtime_ns: stamp.mtime_ns,
            source_dev: stamp.dev,
            source_inode: stamp.inode,
            migrated_from,
            payload_len: payload.len() as u64,
            checksum: [0; 32],
        };
        header.checksum = checksum(&header, &payload);
        let mut temp = tempfile::Builder::new()
            .prefix(".tmp-")
            .suffix(".part")
            .tempfile_in(&self.dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            temp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        temp.write_all(&header.to_bytes())?;
        temp.write_all(&payload)?;
        temp.as_file().sync_data()?;
        let path = self.entry_path(&stamp.hash);
        temp.persist(&path).map_err(|e| e.error)?;
        self.prune();
        Ok(path)
    }

    /// Keeps the newest [`KEEP`] entries and removes the rest, and temporary files of writes
    /// that never finished.
    pub fn prune(&self) {
        for (path, _) in self.entries().into_iter().skip(KEEP) {
            let _ = std::fs::remove_file(path);
        }
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in dir.flatten() {
            let name = e.file_name();
            let stale = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_TEMP);
            if name.to_string_lossy().starts_with(".tmp-") && stale {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// The checksum of an entry: blake3 over the header's fields before it and the payload.
fn checksum(header: &Header, payload: &[u8]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(&header.to_bytes()[..CHECKSUM_AT]);
    h.update(payload);
    *h.finalize().as_bytes()
}

/// An entry to write once the data is on screen: a load that parsed the file (a miss) of a
/// size worth caching.
#[derive(Debug)]
pub struct CacheWrite {
    cache: Cache,
    stamp: Stamp,
    migrated_from: Option<u32>,
}

impl CacheWrite {
    pub(crate) fn new(cache: Cache, stamp: Stamp, migrated_from: Option<u32>) -> CacheWrite {
        CacheWrite {
            cache,
            stamp,
            migrated_from,
        }
    }

    /// Writes the entry for `ws` (the workspace as loaded) now; a failure is only returned.
    pub fn write(self, ws: &Workspace) -> io::Result<PathBuf> {
        self.cache.write(&self.stamp, self.migrated_from, ws)
    }

    /// Writes the entry on a background thread of low priority; any failure is silent. `ws` is
    /// the workspace as loaded, shared (`Arc`) or a cheap copy.
    pub fn spawn<W>(self, ws: W) -> std::thread::JoinHandle<()>
    where
        W: std::borrow::Borrow<Workspace> + Send + 'static,
    {
        std::thread::spawn(move || {
            #[cfg(target_os = "linux")]
            // SAFETY: lowers this thread's own priority (Linux gives each thread its own nice
            // value); failure changes nothing.
            unsafe {
                libc::setpriority(libc::PRIO_PROCESS as _, 0, 10);
            }
            let _ = self.write(ws.borrow());
        })
    }
}
