//! Answers of `partnerdeck due` kept for the next identical question, so that a shell prompt
//! asking `due --short` on an unchanged file pays for learning the file's content hash only (from
//! the slimmed copy's trusted stamp, `store::slim`, else by reading and hashing the file), not
//! for loading the workspace and working out the queue again.
//!
//! An answer is kept beside the workspace cache's entries (the same folder: 0700, files 0600,
//! written atomically; `--no-cache` and `--demo` keep none) as `due-<key>.answer`, the key a
//! blake3 hash of: this layout's version, the crate version and the running build (as the
//! workspace cache), the data file's content hash (the one the load that computed it took), the
//! day, and every option that shapes the output (window, kinds, format, `--short`). The file
//! starts with its key. Anything that does not check out (another key, a link, a file not ours
//! or open to others) is ignored and the answer computed as always. Only data files of the
//! workspace cache's size ([`MIN_CACHED_LEN`]) are worth it; calendars (their DTSTAMP is the
//! time of the export) and the hook are never answered from here. The newest [`KEEP`] answers
//! are kept.

use crate::store::Stamp;
use crate::store::cache::MIN_CACHED_LEN;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The answers' layout; bumped when it or the meaning of the key changes.
const LAYOUT: u32 = 1;
/// How many answers are kept.
pub const KEEP: usize = 8;
const PREFIX: &str = "due-";
const EXTENSION: &str = "answer";

/// The folder answers are kept in.
#[derive(Debug, Clone)]
pub struct Answers {
    dir: PathBuf,
}

/// The largest answer kept.
const MAX_KEPT: usize = 1 << 20;

impl Answers {
    /// The workspace cache's folder, when the cache is in use.
    pub fn new(options: &crate::store::Options) -> Option<Answers> {
        options.cache().map(|c| Answers {
            dir: c.dir().to_path_buf(),
        })
    }

    /// The key of `question` on the content `stamp` was taken of (`None`: no build identity,
    /// or a file too small to be worth it).
    pub fn key(stamp: &Stamp, question: &str) -> Option<[u8; 32]> {
        if stamp.len < MIN_CACHED_LEN {
            return None;
        }
        let build = crate::store::cache::build_id()?;
        let mut h = blake3::Hasher::new();
        h.update(&LAYOUT.to_le_bytes());
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(&build);
        h.update(&stamp.hash);
        h.update(question.as_bytes());
        Some(*h.finalize().as_bytes())
    }

    fn path(&self, key: &[u8; 32]) -> PathBuf {
        let hex: String = key.iter().take(16).map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{PREFIX}{hex}.{EXTENSION}"))
    }

    /// The answer kept for `key`, if it checks out.
    pub fn get(&self, key: &[u8; 32]) -> Option<Vec<u8>> {
        let path = self.path(key);
        let file = open_nofollow(&path).ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() || !private(&meta) || meta.len() > 256 << 20 {
            return None;
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(256 << 20).read_to_end(&mut bytes).ok()?;
        match bytes.get(..32) {
            Some(head) if head == key => Some(bytes.split_off(32)),
            _ => None,
        }
    }

    /// Keeps `answer` for `key` (silently: an answer not kept is only computed again). A big
    /// answer (a script's whole JSON) is not kept: writing and syncing it costs about what
    /// answering again does, and the prompt's short answers are what is asked again and again.
    pub fn put(&self, key: &[u8; 32], answer: &[u8]) {
        if answer.len() > MAX_KEPT {
            return;
        }
        let mut bytes = Vec::with_capacity(32 + answer.len());
        bytes.extend_from_slice(key);
        bytes.extend_from_slice(answer);
        if crate::store::write_private(&self.path(key), &bytes).is_ok() {
            self.prune();
        }
    }

    /// Keeps the newest [`KEEP`] answers.
    fn prune(&self) {
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut found: Vec<(PathBuf, std::time::SystemTime)> = dir
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with(PREFIX) && name.ends_with(EXTENSION)
            })
            .filter_map(|e| Some((e.path(), e.metadata().ok()?.modified().ok()?)))
            .collect();
        found.sort_by_key(|(_, t)| std::cmp::Reverse(*t));
        for (path, _) in found.into_iter().skip(KEEP) {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn open_nofollow(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    o.open(path)
}

/// Ours, and not open to group or others.
fn private(m: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        m.uid() == me && m.mode() & 0o077 == 0 && m.nlink() == 1
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        true
    }
}
