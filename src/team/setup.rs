//! `partnerdeck git setup`: registers the merge driver in the repository's configuration, names
//! the data file in `.gitattributes` and keeps this clone's own files out through `.gitignore`.
//!
//! Other people's rules are never damaged: the two files are appended to byte for byte (they
//! need not be UTF-8), never written through a symbolic link or a second hard link, and names
//! are written in the form git reads back exactly (glob characters escaped, C-quoted when they
//! hold spaces or control characters). Afterwards `git check-attr` must confirm that the driver
//! applies to the file.

use super::git::{Git, timeout_from_env};
use super::{Cancel, DRIVER, Error, in_repository, say, shell_quote};
use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

/// `partnerdeck git setup`. Run twice, it changes nothing.
pub fn setup(data_path: &Path) -> Result<ExitCode, Error> {
    let cancel = Cancel::new();
    let timeout = timeout_from_env();
    let (root, relative) = in_repository(data_path, timeout, &cancel, |data, dir| {
        Error::NoRepositoryToSetUp {
            data: data.to_path_buf(),
            dir: dir.to_path_buf(),
        }
    })?;
    let git = Git::new(&root, timeout, cancel);
    let exe = std::env::current_exe().map_err(Error::Exe)?;
    let driver = format!(
        "{} merge %O %A %B --path %P",
        shell_quote(&exe.to_string_lossy())
    );
    for (key, value) in [
        (
            "merge.partnerdeck.name",
            "partnerdeck: record-level merge of the workspace",
        ),
        ("merge.partnerdeck.driver", driver.as_str()),
    ] {
        let current = git.output(&["config", "--local", "--get", key])?.text();
        if current == value {
            say(format_args!("unchanged: git config {key}"));
        } else {
            git.ok(&["config", "--local", key, value])?;
            say(format_args!("set: git config {key} = {value}"));
        }
    }
    let bytes = path_bytes(&relative);
    let attributes = root.join(".gitattributes");
    if merge_attribute(&git, &relative)? == DRIVER {
        say(format_args!(
            "unchanged: {} names the file",
            attributes.display()
        ));
    } else {
        let mut line = attribute_pattern(&bytes);
        line.extend_from_slice(format!(" merge={DRIVER}").as_bytes());
        append_lines(&attributes, std::slice::from_ref(&line))?;
        say(format_args!(
            "added to {}: {} (commit it, so every clone merges the same way)",
            attributes.display(),
            String::from_utf8_lossy(&line)
        ));
        let said = merge_attribute(&git, &relative)?;
        if said != DRIVER {
            return Err(Error::NotApplied {
                file: relative,
                said,
            });
        }
    }
    // What partnerdeck keeps beside the file for this clone alone stays out of commits.
    let ignore = root.join(".gitignore");
    let folder = match bytes.iter().rposition(|b| *b == b'/') {
        Some(at) => {
            let mut f = b"/".to_vec();
            f.extend(glob_escape(&bytes[..at]));
            f.push(b'/');
            f
        }
        None => b"/".to_vec(),
    };
    let mut lines = vec![[folder, b"backups/".to_vec()].concat()];
    if bytes.iter().any(|b| *b == b'\n' || *b == b'\r') {
        say(format_args!(
            "note: the file's name holds a line break, which .gitignore cannot name: keep its .lock and .emergency-* files out of commits yourself"
        ));
    } else {
        let file = [b"/".as_slice(), &glob_escape(&bytes)].concat();
        lines.push([file.as_slice(), b".lock"].concat());
        lines.push([file.as_slice(), b".emergency-*"].concat());
    }
    let added = append_lines(&ignore, &lines)?;
    if added.is_empty() {
        say(format_args!(
            "unchanged: {} leaves out backups and the lock",
            ignore.display()
        ));
    } else {
        let shown: Vec<String> = added
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect();
        say(format_args!(
            "added to {}: {} (this clone's own backups, lock and emergency copies)",
            ignore.display(),
            shown.join(" ")
        ));
    }
    say(format_args!(
        "{} now merges record by record; every teammate runs `partnerdeck git setup` once in their clone",
        relative.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// What `git check-attr merge` says for the file (`partnerdeck` when the driver applies).
pub(super) fn merge_attribute(git: &Git, relative: &Path) -> Result<String, Error> {
    let out = git.ok_os(&[
        "check-attr".into(),
        "-z".into(),
        "merge".into(),
        "--".into(),
        relative.as_os_str().to_owned(),
    ])?;
    Ok(out
        .stdout
        .split(|b| *b == 0)
        .nth(2)
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .unwrap_or_default())
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt as _;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().replace('\\', "/").into_bytes()
}

/// A name as a glob that matches only itself: `*`, `?`, `[` and `\` escaped, and a final
/// space kept.
fn glob_escape(name: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(name.len());
    for (i, &b) in name.iter().enumerate() {
        if matches!(b, b'*' | b'?' | b'[' | b'\\') || (b == b' ' && i + 1 == name.len()) {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

/// The `.gitattributes` pattern for the file, anchored at the root: as is when plain, else in
/// git's C-quoted form (spaces, tabs, line breaks, quotes and control characters survive).
fn attribute_pattern(relative: &[u8]) -> Vec<u8> {
    let mut pattern = b"/".to_vec();
    pattern.extend(glob_escape(relative));
    let plain = pattern
        .iter()
        .all(|b| !b.is_ascii_whitespace() && !b.is_ascii_control() && *b != b'"');
    if plain {
        return pattern;
    }
    let mut quoted = b"\"".to_vec();
    for &b in &pattern {
        match b {
            b'"' => quoted.extend_from_slice(b"\\\""),
            b'\\' => quoted.extend_from_slice(b"\\\\"),
            b'\n' => quoted.extend_from_slice(b"\\n"),
            b'\t' => quoted.extend_from_slice(b"\\t"),
            b'\r' => quoted.extend_from_slice(b"\\r"),
            b if b.is_ascii_control() => quoted.extend_from_slice(format!("\\{b:03o}").as_bytes()),
            b => quoted.push(b),
        }
    }
    quoted.push(b'"');
    quoted
}

/// Appends the lines that `path` does not hold yet (each compared without trailing spaces)
/// and returns them. The file is read and appended to as bytes; a symbolic link, a file with
/// other hard links, or anything but a regular file is refused, with the lines to add by hand.
fn append_lines(path: &Path, lines: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, Error> {
    let by_hand = || {
        let shown: Vec<String> = lines
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect();
        shown.join("\n  ")
    };
    let refuse = |why: &str| Error::Refused {
        path: path.to_path_buf(),
        why: format!(
            "{why}; partnerdeck changed nothing there. Add these lines yourself if they belong:\n  {}",
            by_hand()
        ),
    };
    let write_error = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let (mut file, existing) = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let file = options.clone().create_new(true).open(path).map_err(|e| {
                match e.raw_os_error() {
                    Some(libc::ELOOP) | Some(libc::EEXIST) => refuse("it is a symbolic link"),
                    _ => write_error(e),
                }
            })?;
            (file, Vec::new())
        }
        Err(e) => return Err(write_error(e)),
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refuse(
                "it is a symbolic link, and partnerdeck does not write through links",
            ));
        }
        Ok(meta) if !meta.is_file() => return Err(refuse("it is not a regular file")),
        Ok(meta) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt as _;
                if meta.nlink() > 1 {
                    return Err(refuse("it has other hard links"));
                }
            }
            let mut file = options.open(path).map_err(|e| {
                if is_link_error(&e) {
                    refuse("it is a symbolic link")
                } else {
                    write_error(e)
                }
            })?;
            let mut existing = Vec::new();
            file.read_to_end(&mut existing).map_err(write_error)?;
            (file, existing)
        }
    };
    let trim = |l: &[u8]| -> Vec<u8> {
        let end = l
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r'))
            .map_or(0, |i| i + 1);
        l[..end].to_vec()
    };
    let present: Vec<Vec<u8>> = existing.split(|b| *b == b'\n').map(trim).collect();
    let mut added = Vec::new();
    let mut text = Vec::new();
    if !existing.is_empty() && !existing.ends_with(b"\n") {
        text.push(b'\n');
    }
    for line in lines {
        if !present.contains(line) && !added.contains(line) {
            text.extend_from_slice(line);
            text.push(b'\n');
            added.push(line.clone());
        }
    }
    if !added.is_empty() {
        file.write_all(&text).map_err(write_error)?;
        file.sync_all().map_err(write_error)?;
    }
    Ok(added)
}

/// Whether an open failed because the path was a symbolic link (`O_NOFOLLOW`).
fn is_link_error(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_name_the_file_alone() {
        assert_eq!(attribute_pattern(b"team.ron"), b"/team.ron");
        assert_eq!(attribute_pattern(b"deck[12].ron"), b"/deck\\[12].ron");
        assert_eq!(
            attribute_pattern(b"a b\tc\n*\"\\.ron"),
            b"\"/a b\\tc\\n\\\\*\\\"\\\\\\\\.ron\""
        );
        assert_eq!(glob_escape(b"x "), b"x\\ ");
    }
}
