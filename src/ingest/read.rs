//! Walking the paths given to `ingest`: what each is, read by the right reader. A folder with
//! `cur` or `new` is a Maildir (mbsync, offlineimap); any folder is walked for `.ics` files (a
//! khal/vdirsyncer vdir), `.vcf` files, more Maildirs and mbox files, never through a symbolic
//! link and at most [`MAX_DEPTH`] deep. A file is read by its name: `.ics`, `.vcf`, `.eml`,
//! else an mbox when it starts as one.

use super::calendar::{self, Window};
use super::item::Read;
use super::{cards, mail};
use std::path::{Path, PathBuf};

/// How deep folders are walked.
pub const MAX_DEPTH: usize = 8;
/// Calendar and vCard files larger than this are left out (they would be a mistake).
pub const MAX_TEXT_FILE: u64 = 64 << 20;

/// Expands a leading `~/` to the home folder.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn starts_as_mbox(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"From "
}

fn text(path: &Path, out: &mut Read) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_TEXT_FILE => {
            out.problems
                .push(format!("{}: larger than 64 MiB, left out", path.display()));
            return None;
        }
        Err(e) => {
            out.problems.push(format!("{}: {e}", path.display()));
            return None;
        }
        Ok(_) => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) => {
            out.problems.push(format!("{}: {e}", path.display()));
            None
        }
    }
}

/// Reads a file by its kind. `named` is true when the user named it (then an unknown kind is
/// a problem; found in a folder, it is passed over).
fn file(path: &Path, window: Window, named: bool, out: &mut Read) {
    match extension(path).as_str() {
        "ics" | "ical" | "ifb" => {
            if let Some(t) = text(path, out) {
                calendar::file(path, &t, window, out);
            }
        }
        "vcf" | "vcard" => {
            if let Some(t) = text(path, out) {
                cards::parse(&t, &path.display().to_string(), out);
            }
        }
        "eml" => match std::fs::read(path) {
            Ok(bytes) => mail::single(path, &bytes, out),
            Err(e) => out.problems.push(format!("{}: {e}", path.display())),
        },
        _ if starts_as_mbox(path) => mail::mbox(path, out),
        _ if named => out.problems.push(format!(
            "{}: not a Maildir, an mbox, a .ics or a .vcf file",
            path.display()
        )),
        _ => {}
    }
}

fn folder(path: &Path, window: Window, depth: usize, out: &mut Read) {
    if path.join("cur").is_dir() || path.join("new").is_dir() {
        mail::maildir(path, out);
    }
    let entries = match std::fs::read_dir(path) {
        Ok(e) => e,
        Err(e) => return out.problems.push(format!("{}: {e}", path.display())),
    };
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, kind) in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if kind.is_dir() && !matches!(name, "cur" | "new" | "tmp") && depth < MAX_DEPTH {
            folder(&p, window, depth + 1, out);
        } else if kind.is_file() {
            file(&p, window, false, out);
        }
    }
}

/// Reads every path (a folder or a file).
pub fn paths(paths: &[PathBuf], window: Window) -> Read {
    let mut out = Read::default();
    for p in paths {
        match std::fs::symlink_metadata(p) {
            Ok(m) if m.is_dir() => folder(p, window, 0, &mut out),
            // A path the user named may be a link; what is found in folders is not followed.
            Ok(_) if p.is_dir() => folder(p, window, 0, &mut out),
            Ok(_) => file(p, window, true, &mut out),
            Err(e) => out.problems.push(format!("{}: {e}", p.display())),
        }
    }
    out
}
