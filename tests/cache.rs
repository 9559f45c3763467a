//! The cache of loaded workspaces seen from the command line: `render` leaves a private entry
//! for a file worth one and draws the same frame from it; `--no-cache` and
//! `PARTNERDECK_NO_CACHE` leave none; a spoiled entry changes nothing on screen.

mod common;

use common::cli::{bin, bin_without_config};
use std::path::Path;

/// A workspace file of more than a MiB (the demo, padded with comments).
fn big_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("ws.ron");
    let init = bin()
        .arg("--file")
        .arg(&path)
        .args(["--today", "2026-11-27", "init", "--demo"])
        .output()
        .unwrap();
    assert!(init.status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    let padding = "// padding so that the file is worth a cache entry\n".repeat(22_000);
    std::fs::write(&path, format!("{padding}{text}")).unwrap();
    path
}

fn render(file: &Path, cache: &Path, extra: &[&str]) -> String {
    let out = bin_without_config()
        .env_remove("PARTNERDECK_NO_CACHE")
        .env("NO_COLOR", "1")
        .arg("--file")
        .arg(file)
        .arg("--cache-dir")
        .arg(cache)
        .args(["--today", "2026-11-27"])
        .args(extra)
        .args(["render", "--width", "120", "--height", "40"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn entries(cache: &Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(cache) {
        Ok(d) => d.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn render_leaves_a_private_entry_and_draws_the_same_frame_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = big_file(dir.path());
    let cache = dir.path().join("cache");
    let first = render(&file, &cache, &[]);
    let made = entries(&cache);
    assert_eq!(made.len(), 1, "{made:?}");
    #[cfg(unix)]
    {
        use common::mode;
        assert_eq!(mode(&made[0]), 0o600);
        assert_eq!(mode(&cache), 0o700);
    }
    assert_eq!(render(&file, &cache, &[]), first);
    // A spoiled entry: the file wins, the frame is the same.
    let mut bytes = std::fs::read(&made[0]).unwrap();
    let n = bytes.len();
    bytes[n - 100] ^= 0xff;
    std::fs::write(&made[0], bytes).unwrap();
    assert_eq!(render(&file, &cache, &[]), first);
}

#[test]
fn no_cache_by_flag_or_environment_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = big_file(dir.path());
    let cache = dir.path().join("cache");
    render(&file, &cache, &["--no-cache"]);
    assert!(entries(&cache).is_empty());
    let out = bin_without_config()
        .env("PARTNERDECK_NO_CACHE", "1")
        .env("PARTNERDECK_CACHE_DIR", &cache)
        .arg("--file")
        .arg(&file)
        .args(["--today", "2026-11-27", "render"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(entries(&cache).is_empty());
}
