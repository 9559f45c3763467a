//! Removing temporary files left behind by a save that was killed.
//!
//! A save writes `.<name>.XXXXXX` (six ASCII letters or digits, the pattern of atomic-write-file
//! and of the emergency writer) beside the file, then renames it over the file. A process killed
//! in between leaves that temporary file. Only files of exactly that pattern, for our own file
//! name, are removed (in the data folder, and for backup copies in `backups/`).
//!
//! Call this only while holding the [`Lock`](super::lock::Lock): otherwise another instance's
//! save in progress could lose its temporary file.

use super::backup::{backup_dir, backup_prefix};
use std::path::{Path, PathBuf};

/// Length of the random suffix of temporary names.
const SUFFIX_LEN: usize = 6;

/// Whether `name` is a temporary name for the file called `target` (`.<target>.XXXXXX`).
pub fn is_temp_name_for(name: &str, target: &str) -> bool {
    match name
        .strip_prefix('.')
        .and_then(|r| r.strip_prefix(target))
        .and_then(|r| r.strip_prefix('.'))
    {
        Some(suffix) => {
            suffix.len() == SUFFIX_LEN && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// Removes the temporary files a killed save of `data_path` (or of one of its backups) left
/// behind, and returns the paths removed. Errors are ignored: a file that cannot be removed is
/// left and not listed.
pub fn cleanup_temp_files(data_path: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Some(name) = data_path.file_name().and_then(|n| n.to_str()) else {
        return removed;
    };
    let dir = match data_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_matching(&dir, &mut removed, |n| is_temp_name_for(n, name));
    let prefix = format!(".{}", backup_prefix(data_path));
    remove_matching(&backup_dir(data_path), &mut removed, |n| {
        // `.<stem>-<id>.ron.zst.XXXXXX` (or `.ron.XXXXXX`, from earlier versions): the
        // temporary file of a backup copy.
        n.starts_with(&prefix)
            && n.len() > SUFFIX_LEN + 1
            && n.is_char_boundary(n.len() - SUFFIX_LEN - 1)
            && is_temp_name_for(n, &n[1..n.len() - SUFFIX_LEN - 1])
    });
    removed
}

/// The start of git's names for the files it hands a merge driver (`.merge_file_XXXXXX`).
const GIT_MERGE_FILE: &str = ".merge_file_";

/// Removes the temporary files that killed saves over git's merge files left in the folder of
/// `merge_file` (a merge driver's `%A`): `.<name>.XXXXXX` for `merge_file`'s own name and for
/// any of git's `.merge_file_…` names (git removes its file after the merge; the driver's
/// temporary file would stay). Git runs one merge at a time in a repository (its
/// `index.lock`), so no save in progress loses its temporary file. Returns the paths removed.
pub fn cleanup_merge_temp_files(merge_file: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Some(name) = merge_file.file_name().and_then(|n| n.to_str()) else {
        return removed;
    };
    let dir = match merge_file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_matching(&dir, &mut removed, |n| {
        is_temp_name_for(n, name)
            || (n.len() > SUFFIX_LEN + 2
                && n[1..].starts_with(GIT_MERGE_FILE)
                && n.is_char_boundary(n.len() - SUFFIX_LEN - 1)
                && is_temp_name_for(n, &n[1..n.len() - SUFFIX_LEN - 1]))
    });
    removed
}

fn remove_matching(dir: &Path, removed: &mut Vec<PathBuf>, matches: impl Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Some(n) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        if !matches(&n) {
            continue;
        }
        // Regular files only: never follow or remove a link or a folder.
        if !entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            continue;
        }
        let path = entry.path();
        if std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed.sort();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_match_exactly() {
        assert!(is_temp_name_for(".ws.ron.aB3xY9", "ws.ron"));
        assert!(!is_temp_name_for(".ws.ron.aB3xY", "ws.ron"));
        assert!(!is_temp_name_for(".ws.ron.aB3xY90", "ws.ron"));
        assert!(!is_temp_name_for(".ws.ron.aB3-Y9", "ws.ron"));
        assert!(!is_temp_name_for("ws.ron.aB3xY9", "ws.ron"));
        assert!(!is_temp_name_for(".other.ron.aB3xY9", "ws.ron"));
        assert!(!is_temp_name_for(".ws.ron.lock.aB3xY9", "ws.ron"));
        assert!(!is_temp_name_for(".ws.ronXaB3xY9", "ws.ron"));
    }

    #[test]
    fn merge_temporaries_are_those_of_git_merge_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "..merge_file_aB3xY9.Zz12Q0",
            "..merge_file_test.Ab12Cd",
            ".ours.ron.Qw12Er",
            ".merge_file_aB3xY9",
            ".other.ron.Qw12Er",
            "..merge_file_x.toolong1",
        ];
        for n in names {
            std::fs::write(dir.path().join(n), "").unwrap();
        }
        let removed = cleanup_merge_temp_files(&dir.path().join("ours.ron"));
        let removed: Vec<_> = removed
            .iter()
            .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
            .collect();
        assert_eq!(
            removed,
            [
                "..merge_file_aB3xY9.Zz12Q0",
                "..merge_file_test.Ab12Cd",
                ".ours.ron.Qw12Er"
            ]
        );
    }
}
