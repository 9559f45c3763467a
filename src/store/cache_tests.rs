//! The cache of loaded workspaces never wins over the file: stale, truncated, corrupted,
//! foreign-version, foreign-build and other-file entries, links, entries open to others or
//! owned by another user are all ignored, and the file is parsed; a good entry is used, is
//! private (0600 in a 0700 folder), and keeps the loaded file's migrated version.

use super::cache::*;
use super::stamp::Stamp;
use crate::model::MergeConflict;
use crate::model::Workspace;
use crate::store::{Options, Session, demo_workspace, to_text};
use chrono::NaiveDate;
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// The demo's text, made larger than [`MIN_CACHED_LEN`] with comments (parsed the same).
fn big_text(ws: &Workspace) -> String {
    let padding = "// padding so that the file is worth a cache entry\n".repeat(22_000);
    let text = format!("{padding}{}", to_text(ws).unwrap());
    assert!(text.len() as u64 > MIN_CACHED_LEN);
    text
}

struct Setup {
    _dir: tempfile::TempDir,
    data: PathBuf,
    cache: Cache,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ws.ron");
    std::fs::write(&data, big_text(&demo_workspace(day()))).unwrap();
    let cache = Cache::at(dir.path().join("cache"));
    Setup {
        _dir: dir,
        data,
        cache,
    }
}

impl Setup {
    fn options(&self) -> Options {
        Options {
            file: Some(self.data.clone()),
            read_only: true,
            today: Some(day()),
            cache_dir: Some(self.cache.dir().to_path_buf()),
            ..Options::default()
        }
    }

    /// Opens as the dashboard does; writes the entry a parse leaves, as it would.
    fn open(&self) -> crate::store::Opened {
        let mut opened = Session::start(&self.options())
            .unwrap()
            .load()
            .unwrap()
            .unwrap();
        if let Some(write) = opened.cache_write.take() {
            write.write(&opened.workspace).unwrap();
        }
        opened
    }

    /// What parsing the file gives.
    fn parsed(&self) -> Workspace {
        crate::store::load(&self.data).unwrap().unwrap().workspace
    }

    /// Opening the file neither reads the cache nor can write to it.
    fn assert_cache_unused(&self) {
        let opened = Session::start(&self.options())
            .unwrap()
            .load()
            .unwrap()
            .unwrap();
        assert!(!opened.from_cache);
        assert!(
            opened
                .cache_write
                .unwrap()
                .write(&opened.workspace)
                .is_err()
        );
    }

    fn entry(&self) -> PathBuf {
        let hash = Stamp::read(&self.data).unwrap().unwrap().hash;
        self.cache.entry_path(&hash)
    }
}

/// Changes an entry's header and seals it again (a valid checksum), as another build
/// would have written it.
fn reseal(path: &Path, change: impl FnOnce(&mut [u8])) {
    let mut bytes = std::fs::read(path).unwrap();
    change(&mut bytes[..HEADER_LEN]);
    let mut h = blake3::Hasher::new();
    h.update(&bytes[..CHECKSUM_AT]);
    h.update(&bytes[HEADER_LEN..]);
    let sum = *h.finalize().as_bytes();
    bytes[CHECKSUM_AT..HEADER_LEN].copy_from_slice(&sum);
    std::fs::write(path, bytes).unwrap();
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn the_encoding_gives_the_workspace_back_with_and_without_conflicts() {
    let mut ws = demo_workspace(day());
    assert!(ws.conflicts.is_empty());
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
    ws.conflicts.push(MergeConflict {
        ours_by: None,
        theirs_by: None,
        kind: "profile".into(),
        id: 0,
        field: "name".into(),
        base: "a".into(),
        ours: "b".into(),
        theirs: "c \"quoted\" \u{1b}".into(),
    });
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
    // Bytes left over, or too few, are not a workspace.
    let mut longer = encode(&ws).unwrap();
    longer.push(0);
    assert_eq!(decode(&longer), None);
    let bytes = encode(&ws).unwrap();
    assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
}

#[test]
fn the_encoding_gives_snoozes_back_with_and_without_conflicts() {
    let mut ws = demo_workspace(day());
    let partner = ws.partners[0].id;
    ws.snoozes.push(crate::model::Snooze {
        item: format!("review-{}", partner.0),
        partner,
        until: day(),
    });
    assert!(ws.conflicts.is_empty());
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
    ws.conflicts.push(MergeConflict {
        ours_by: None,
        theirs_by: None,
        kind: "profile".into(),
        id: 0,
        field: "name".into(),
        base: "a".into(),
        ours: "b".into(),
        theirs: "c".into(),
    });
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
    ws.snoozes.clear();
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
    // What `ingest` remembers, with and without the lists before it.
    ws.ingested
        .push(crate::model::Ingested::skipped("mail:<a@b>/2026-12-01"));
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
    ws.conflicts.clear();
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
    ws.snoozes.push(crate::model::Snooze {
        item: format!("review-{}", partner.0),
        partner,
        until: day(),
    });
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
}

#[test]
fn the_encoding_gives_share_settings_and_received_packs_back() {
    use crate::model::{Pack, ReceivedPack, ShareSettings};
    let mut ws = demo_workspace(day());
    let partner = ws.partners[0].id;
    ws.received.push(ReceivedPack {
        partner,
        received: day(),
        fingerprint: "0000 1111".into(),
        pack: Pack {
            format: 1,
            from: "Them".into(),
            to: "Us".into(),
            made: day(),
            goals: Vec::new(),
            milestones: Vec::new(),
            commitments: Vec::new(),
            celebrations: Vec::new(),
            health: Vec::new(),
            reviews: Vec::new(),
            extra: Default::default(),
        },
    });
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
    let mut s = ShareSettings::new(partner);
    s.include = vec!["aim".into()];
    ws.share_settings.push(s);
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
    ws.received.clear();
    assert_eq!(decode(&encode(&ws).unwrap()), Some(ws.clone()));
    // Saved text without them is as before: the fields are absent.
    ws.share_settings.clear();
    let text = to_text(&ws).unwrap();
    assert!(!text.contains("share_settings:") && !text.contains("received: ["));
}

#[test]
fn a_parse_leaves_a_private_entry_and_the_next_start_uses_it() {
    let s = setup();
    let first = s.open();
    assert!(!first.from_cache);
    assert_eq!(first.workspace, s.parsed());
    let entry = s.entry();
    assert!(entry.exists());
    #[cfg(unix)]
    {
        assert_eq!(mode(&entry), 0o600);
        assert_eq!(mode(s.cache.dir()), 0o700);
    }
    let second = s.open();
    assert!(second.from_cache, "the unchanged file was parsed again");
    assert!(second.cache_write.is_none());
    assert_eq!(second.workspace, s.parsed());
    let (a, b) = (first.stamp.unwrap(), second.stamp.unwrap());
    assert!(a.same_content(&b) && a.inode == b.inode && a.mtime_ns == b.mtime_ns);
    // The same content under other times (a touch, a checkout) is found by its hash.
    let f = std::fs::File::options().write(true).open(&s.data).unwrap();
    f.set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(9))
        .unwrap();
    drop(f);
    assert!(s.open().from_cache);
}

#[test]
fn a_changed_file_wins_over_the_entry() {
    let s = setup();
    s.open();
    let mut ws = demo_workspace(day());
    ws.profile.name = "Changed since".into();
    std::fs::write(&s.data, big_text(&ws)).unwrap();
    let opened = s.open();
    assert!(!opened.from_cache);
    assert_eq!(opened.workspace.profile.name, "Changed since");
    assert_eq!(opened.workspace, s.parsed());
}

#[test]
fn a_rewrite_keeping_length_and_times_is_read_from_the_file() {
    let s = setup();
    let before = s.open().workspace;
    let meta = std::fs::metadata(&s.data).unwrap();
    let text = std::fs::read_to_string(&s.data).unwrap();
    let name = &before.profile.name;
    let changed: String = name.chars().rev().collect();
    assert_ne!(&changed, name);
    let text = text.replacen(&format!("\"{name}\""), &format!("\"{changed}\""), 1);
    // In place: same inode, same length; then the times put back.
    let mut f = std::fs::File::options().write(true).open(&s.data).unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f.set_modified(meta.modified().unwrap()).unwrap();
    drop(f);
    let opened = s.open();
    assert!(!opened.from_cache);
    assert_eq!(opened.workspace.profile.name, changed);
}

#[test]
fn truncated_corrupted_and_foreign_entries_are_ignored() {
    type Spoil = fn(&Path);
    let spoils: [(&str, Spoil); 7] = [
        ("truncated", |p| {
            let len = std::fs::metadata(p).unwrap().len();
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_len(len - 10)
                .unwrap();
        }),
        ("header only", |p| {
            let bytes = std::fs::read(p).unwrap();
            std::fs::write(p, &bytes[..HEADER_LEN]).unwrap();
        }),
        ("a payload byte flipped", |p| {
            let mut bytes = std::fs::read(p).unwrap();
            let i = HEADER_LEN + (bytes.len() - HEADER_LEN) / 2;
            bytes[i] ^= 0x40;
            std::fs::write(p, bytes).unwrap();
        }),
        ("a header byte flipped", |p| {
            let mut bytes = std::fs::read(p).unwrap();
            bytes[150] ^= 1;
            std::fs::write(p, bytes).unwrap();
        }),
        ("another format", |p| {
            reseal(p, |h| h[8..12].copy_from_slice(&(FORMAT + 1).to_le_bytes()))
        }),
        ("another crate version", |p| {
            reseal(p, |h| h[12..44].copy_from_slice(&[b'9'; 32]))
        }),
        ("another build", |p| reseal(p, |h| h[44] ^= 1)),
    ];
    for (what, spoil) in spoils {
        let s = setup();
        s.open();
        spoil(&s.entry());
        let opened = s.open();
        assert!(!opened.from_cache, "{what}: the entry was used");
        assert_eq!(opened.workspace, s.parsed(), "{what}");
        // …and a good entry is written again after the parse.
        assert!(s.open().from_cache, "{what}: not rebuilt");
    }
}

#[test]
fn another_files_entry_is_never_taken() {
    let s = setup();
    s.open();
    let ours = s.entry();
    // File B: other content. A's entry under B's name does not pass (its header says A).
    let mut ws = demo_workspace(day());
    ws.profile.name = "File B".into();
    std::fs::write(&s.data, big_text(&ws)).unwrap();
    std::fs::rename(&ours, s.entry()).unwrap();
    let opened = s.open();
    assert!(!opened.from_cache);
    assert_eq!(opened.workspace.profile.name, "File B");
    // An entry recording B's length, times and inode but made from A's content: a candidate
    // by its metadata, refused by the hash.
    for e in std::fs::read_dir(s.cache.dir()).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    let b = Stamp::read(&s.data).unwrap().unwrap();
    let mut lying = b.clone();
    lying.hash = [7; 32];
    s.cache.write(&lying, None, &demo_workspace(day())).unwrap();
    let opened = s.open();
    assert!(!opened.from_cache);
    assert_eq!(opened.workspace.profile.name, "File B");
}

#[cfg(unix)]
#[test]
fn entries_and_folders_open_to_others_links_and_other_owners_are_ignored() {
    // An entry readable by others.
    let s = setup();
    s.open();
    set_mode(&s.entry(), 0o644);
    assert!(!s.open().from_cache);
    // A folder open to others: neither read nor written.
    let s = setup();
    s.open();
    set_mode(s.cache.dir(), 0o755);
    s.assert_cache_unused();
    // An entry that is a symbolic link to a good entry elsewhere.
    let s = setup();
    s.open();
    let entry = s.entry();
    let elsewhere = s.cache.dir().with_file_name("elsewhere.ws");
    std::fs::rename(&entry, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &entry).unwrap();
    assert!(!s.open().from_cache);
    // A cache folder that is a link.
    let s = setup();
    s.open();
    let real = s.cache.dir().with_file_name("real-cache");
    std::fs::rename(s.cache.dir(), &real).unwrap();
    std::os::unix::fs::symlink(&real, s.cache.dir()).unwrap();
    s.assert_cache_unused();
    // An entry of another user (only root can make one).
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        let s = setup();
        s.open();
        std::os::unix::fs::chown(s.entry(), Some(4242), Some(4242)).unwrap();
        assert!(!s.open().from_cache);
    }
}

#[test]
fn no_cache_and_the_demo_neither_read_nor_write() {
    let s = setup();
    s.open();
    let opened = Session::start(&Options {
        no_cache: true,
        ..s.options()
    })
    .unwrap()
    .load()
    .unwrap()
    .unwrap();
    assert!(!opened.from_cache && opened.cache_write.is_none());
    let demo = Options {
        demo: true,
        ..s.options()
    };
    assert_eq!(demo.cache(), None);
    let opened = Session::start(&demo).unwrap().load().unwrap().unwrap();
    assert!(!opened.from_cache && opened.cache_write.is_none());
}

#[test]
fn a_small_file_leaves_no_entry() {
    let s = setup();
    crate::store::save(&s.data, &Workspace::named("small")).unwrap();
    let opened = Session::start(&s.options())
        .unwrap()
        .load()
        .unwrap()
        .unwrap();
    assert!(opened.cache_write.is_none());
}

#[test]
fn an_upgraded_file_keeps_its_old_version_through_the_cache() {
    let s = setup();
    let v0 =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/v0.ron")).unwrap();
    let padding = "// padding so that the file is worth a cache entry\n".repeat(22_000);
    std::fs::write(&s.data, format!("{padding}{v0}")).unwrap();
    assert_eq!(s.open().migrated_from, Some(0));
    let again = s.open();
    assert!(again.from_cache);
    assert_eq!(again.migrated_from, Some(0));
    assert_eq!(again.workspace, s.parsed());
}

#[test]
fn only_the_newest_entries_are_kept() {
    let s = setup();
    for i in 0..KEEP + 3 {
        let mut stamp = Stamp::read(&s.data).unwrap().unwrap();
        stamp.hash = [i as u8; 32];
        let path = s.cache.write(&stamp, None, &Workspace::named("x")).unwrap();
        // Distinct times, oldest first.
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(
            std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1000 + i as u64),
        )
        .unwrap();
    }
    s.cache.prune();
    let left: Vec<_> = std::fs::read_dir(s.cache.dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(left.len(), KEEP, "{left:?}");
    for i in 3..KEEP + 3 {
        assert!(
            left.contains(&s.cache.entry_path(&[i as u8; 32])),
            "{i} pruned"
        );
    }
}
