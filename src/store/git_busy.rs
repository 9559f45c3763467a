//! Whether git is working on the repository that holds the data file. git does not take
//! partnerdeck's lock: a `pull` or `checkout` checks that the file is unchanged, then writes
//! it, and a save that lands between the two is overwritten. git holds `index.lock` for the
//! whole of such an operation, so a writer that sees it waits for git to finish and then looks
//! at the file again (`document::write_change`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The `index.lock` of the repository holding `data` (a `.git` folder, or a `.git` file naming
/// the folder, as in a worktree), or `None` outside a repository.
pub fn index_lock(data: &Path) -> Option<PathBuf> {
    let dir = data.parent()?.canonicalize().ok()?;
    for d in dir.ancestors() {
        let dot = d.join(".git");
        let Ok(meta) = std::fs::symlink_metadata(&dot) else {
            continue;
        };
        if meta.is_dir() {
            return Some(dot.join("index.lock"));
        }
        let text = std::fs::read_to_string(&dot).ok()?;
        let gitdir = text.strip_prefix("gitdir:")?.trim();
        return Some(d.join(gitdir).join("index.lock"));
    }
    None
}

/// Waits while git works on the repository holding `data` (up to `limit`); true when git was
/// seen at work (the file may have been written meanwhile).
pub fn wait_for_git(data: &Path, limit: Duration) -> bool {
    let Some(lock) = index_lock(data) else {
        return false;
    };
    let start = Instant::now();
    let mut seen = false;
    while lock.exists() && start.elapsed() < limit {
        seen = true;
        std::thread::sleep(Duration::from_millis(5));
    }
    seen
}

/// After a write to `data` inside a repository: git may have checked the file just before the
/// write (its check comes before it takes `index.lock`) and write its own version just after.
/// Watches for git for a moment (`grace`), waits while it works, and says whether it was seen.
pub fn linger_for_git(data: &Path, grace: Duration) -> bool {
    let Some(lock) = index_lock(data) else {
        return false;
    };
    let start = Instant::now();
    while start.elapsed() < grace {
        if lock.exists() {
            wait_for_git(data, GIT_WAIT);
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

/// How long a write in a repository watches for git afterwards ([`linger_for_git`]).
pub const GIT_GRACE: Duration = Duration::from_millis(150);

/// Runs `load` (a read of `data`) and, when it fails while git is writing the file (git
/// writes it in place: a reader can meet it half written), waits for git and runs it again, up
/// to a few times. A file that stays unreadable gives its error.
pub fn read_settled<T, E>(data: &Path, mut load: impl FnMut() -> Result<T, E>) -> Result<T, E> {
    // Outside a repository git writes nothing here: one load, no hashing of the file.
    if index_lock(data).is_none() {
        return load();
    }
    let mut tries = 0;
    loop {
        wait_for_git(data, GIT_WAIT);
        let before = super::Stamp::read(data).ok().flatten();
        match load() {
            Err(e) if tries < 3 => {
                let busy = index_lock(data).is_some_and(|l| l.exists());
                let after = super::Stamp::read(data).ok().flatten();
                let moved = match (&before, &after) {
                    (Some(a), Some(b)) => !a.same_content(b),
                    (a, b) => a.is_some() != b.is_some(),
                };
                if !(busy || moved) {
                    return Err(e);
                }
                tries += 1;
            }
            r => return r,
        }
    }
}

/// How long a reader or writer waits for a git operation on the file's repository.
pub const GIT_WAIT: Duration = Duration::from_secs(30);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_found_from_a_file_deep_in_a_repository_and_through_a_worktree_file() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("a/b")).unwrap();
        let lock = index_lock(&repo.join("a/b/ws.ron")).unwrap();
        assert_eq!(lock, repo.canonicalize().unwrap().join(".git/index.lock"));
        let wt = dir.path().join("wt");
        std::fs::create_dir_all(&wt).unwrap();
        std::fs::write(wt.join(".git"), "gitdir: ../repo/.git/worktrees/wt\n").unwrap();
        let lock = index_lock(&wt.join("ws.ron")).unwrap();
        assert!(
            lock.ends_with("repo/.git/worktrees/wt/index.lock"),
            "{lock:?}"
        );
        assert!(!wait_for_git(&wt.join("ws.ron"), Duration::from_millis(50)));
    }
}
