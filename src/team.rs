//! Working as a team through git: the merge driver git calls when two people changed the data
//! file (`partnerdeck merge %O %A %B --path %P`), registering it in a repository
//! (`partnerdeck git setup`, [`setup`]), sharing with the team (`partnerdeck sync`, [`sync`]),
//! and listing what a merge left for people to decide (`partnerdeck conflicts`). The merge
//! itself is `model::merge3`; git is the system `git`, run through [`git`] (time-limited).

pub mod activity;
pub mod git;
pub mod identity;
mod merge_message;
mod setup;
mod sync;

pub use git::{Cancel, timeout_from_env};
pub use setup::setup;
pub use sync::{Outcome, Synced, sync, sync_held};

use crate::model::merge3::merge3;
use crate::model::{EachKind, Record, Workspace, each_kind};
use crate::store::{self, LoadError};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The name of the driver in git's configuration and `.gitattributes`.
pub const DRIVER: &str = "partnerdeck";

/// Why a team command (conflicts, git setup, sync) failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} does not exist", .0.display())]
    Missing(PathBuf),
    /// An empty OURS or THEIRS: only git's missing ancestor may be empty.
    #[error("{} is empty; only the common ancestor may be", .0.display())]
    Empty(PathBuf),
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The data file's path could not be made absolute.
    #[error("{0}")]
    Absolute(std::io::Error),
    /// `git` could not be started.
    #[error("cannot run git: {0}; install git to work as a team")]
    NoGit(std::io::Error),
    /// A git command failed: its message is what git said on stderr.
    #[error("{}", if stderr.is_empty() { format!("git {} failed", args.join(" ")) } else { stderr.clone() })]
    Git {
        args: Vec<String>,
        code: Option<i32>,
        stderr: String,
    },
    /// A git command took longer than the time limit and was ended.
    #[error(
        "git {} took longer than {seconds} s and was stopped (`sync --timeout SECONDS` or {} sets the limit)",
        args.first().map_or("", String::as_str),
        git::TIMEOUT_VAR
    )]
    Timeout { args: Vec<String>, seconds: u64 },
    /// The job was stopped (the dashboard quit).
    #[error("stopped")]
    Cancelled,
    /// `git setup` outside a repository: how to make one.
    #[error(
        "{} is not in a git repository. To make one:\n  cd {} && git init && git add {} && git commit -m \"Partnerships workspace\"\nthen run `partnerdeck git setup` again",
        data.display(),
        dir.display(),
        data.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned())
    )]
    NoRepositoryToSetUp { data: PathBuf, dir: PathBuf },
    /// `sync` outside a repository.
    #[error(
        "{} is not in a git repository; `partnerdeck git setup` says how to make one",
        .0.display()
    )]
    NoRepository(PathBuf),
    #[error("{} is outside the repository {}", data.display(), root.display())]
    Outside { data: PathBuf, root: PathBuf },
    #[error("cannot tell where partnerdeck is installed: {0}")]
    Exe(std::io::Error),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `git setup` will not change a file it cannot change safely (a link, not UTF-8 …).
    #[error("{}: {why}", path.display())]
    Refused { path: PathBuf, why: String },
    /// `git setup` wrote its lines but git still does not use the driver for the file.
    #[error(
        "the driver does not apply to {}: `git check-attr merge` says `{said}`{}",
        file.display(),
        "; another .gitattributes rule (a deeper folder's, or .git/info/attributes) overrides it: remove that rule and run `partnerdeck git setup` again"
    )]
    NotApplied { file: PathBuf, said: String },
}

/// A line for people on stdout: user text inert (the one rule, `crate::text`), a closed pipe
/// a quiet end.
fn say(text: std::fmt::Arguments<'_>) {
    let line = text.to_string();
    let _ = writeln!(std::io::stdout(), "{}", crate::text::clean_lines(&line));
}

/// A line for people on stderr, inert likewise.
fn warn(text: std::fmt::Arguments<'_>) {
    let line = text.to_string();
    let _ = writeln!(std::io::stderr(), "{}", crate::text::clean_lines(&line));
}

/// Which side of a merge a file is: only git's missing ancestor (BASE) may be empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Base,
    Side,
}

/// Loads one input of a merge. Only a regular file is read (a FIFO or a device is refused,
/// never read); an empty one is git's missing ancestor, allowed for BASE alone.
fn input(path: &Path, role: Role) -> Result<Workspace, Error> {
    let read = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read)?;
    if meta.is_file() && meta.len() == 0 {
        return match role {
            Role::Base => Ok(Workspace::default()),
            Role::Side => Err(Error::Empty(path.to_path_buf())),
        };
    }
    match store::load(path)? {
        Some(loaded) => Ok(loaded.workspace),
        None => Err(Error::Missing(path.to_path_buf())),
    }
}

/// Where the record a conflict names is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    /// The workspace holds it.
    Here,
    /// A kind of record that does not exist.
    UnknownKind,
    /// A known kind, but no record with that id.
    Missing,
}

/// Whether `ws` holds the record a conflict names.
fn named(ws: &Workspace, c: &crate::model::MergeConflict) -> Named {
    struct Find<'a> {
        ws: &'a Workspace,
        kind: &'a str,
        id: u64,
        known: bool,
        found: bool,
    }
    impl EachKind for Find<'_> {
        fn kind<R: Record>(&mut self) {
            if R::KIND == self.kind {
                self.known = true;
                self.found = R::list(self.ws).iter().any(|r| r.id() == self.id);
            }
        }
    }
    let (known, found) = match c.kind.as_str() {
        "profile" => (true, c.id == 0),
        "draft" => (true, ws.drafts.iter().any(|d| d.partner.0 == c.id)),
        kind => {
            let mut find = Find {
                ws,
                kind,
                id: c.id,
                known: false,
                found: false,
            };
            each_kind(&mut find);
            (find.known, find.found)
        }
    };
    match (known, found) {
        (false, _) => Named::UnknownKind,
        (true, false) => Named::Missing,
        (true, true) => Named::Here,
    }
}

/// Why a conflict naming no record is refused, in words.
fn stray(c: &crate::model::MergeConflict, why: Named) -> String {
    let kind = crate::text::excerpt(&c.kind, 40);
    match why {
        Named::UnknownKind => format!("a conflict names an unknown kind of record, `{kind}`"),
        _ => format!(
            "a conflict names {kind} #{}, which is not in the file",
            c.id
        ),
    }
    .to_string()
        + "; remove that entry from the file's `conflicts` list"
}

/// Checks the conflicts a side carries: each must name a record of that side. One about a
/// record the side has deleted since the common ancestor was decided by that deletion and is
/// dropped; any other (an unknown kind, an id that never was there) refuses the merge.
fn check_side_conflicts(side: &mut Workspace, base: &Workspace) -> Result<(), String> {
    let mut keep = Vec::with_capacity(side.conflicts.len());
    for c in side.conflicts.iter() {
        match named(side, c) {
            Named::Here => keep.push(c.clone()),
            Named::Missing if named(base, c) == Named::Here => {}
            why => return Err(stray(c, why)),
        }
    }
    if keep.len() != side.conflicts.len() {
        side.conflicts = keep.into();
    }
    Ok(())
}

/// `partnerdeck merge BASE OURS THEIRS [--path NAME]`: git's merge-driver contract. Writes the
/// merge to OURS atomically; exit 0 (merged, nothing to decide), 1 (merged, and the result
/// holds conflicts to decide, new or inherited from a side), 2 (an input does not load, is
/// empty, or carries conflicts that name no record; the result would not be valid; or writing
/// it failed: OURS untouched). Only BASE may be empty.
pub fn merge(base: &Path, ours: &Path, theirs: &Path, name: Option<&str>) -> ExitCode {
    let shown = name.map_or_else(|| ours.display().to_string(), str::to_string);
    let refuse = |why: &dyn std::fmt::Display| {
        warn(format_args!(
            "partnerdeck merge: {shown} was not merged ({why}); nothing was written"
        ));
        ExitCode::from(2)
    };
    let mut sides = Vec::new();
    for (p, role, label) in [
        (base, Role::Base, "the common ancestor"),
        (ours, Role::Side, "our version"),
        (theirs, Role::Side, "their version"),
    ] {
        let loaded = input(p, role)
            .map_err(|e| e.to_string())
            .and_then(|mut ws| {
                if role == Role::Side {
                    check_side_conflicts(&mut ws, &sides[0])?;
                }
                Ok(ws)
            });
        match loaded {
            Ok(ws) => sides.push(ws),
            Err(e) => return refuse(&format_args!("{label}: {e}")),
        }
    }
    let mut merged = merge3(&sides[0], &sides[1], &sides[2]);
    let dir = match ours.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    name_sides(&mut merged, &dir, name);
    if let Some(p) = crate::model::validate(&merged.workspace).first() {
        return refuse(&format_args!("the result would not be valid: {p}"));
    }
    if let Some((c, why)) = merged
        .workspace
        .conflicts
        .iter()
        .map(|c| (c, named(&merged.workspace, c)))
        .find(|(_, why)| *why != Named::Here)
    {
        return refuse(&format_args!(
            "the result would not be valid: {}",
            stray(c, why)
        ));
    }
    // The result goes through the document layer's one atomic save (`%A` is git's own
    // temporary file: no backups, no guard).
    if let Err(e) = crate::document::write_merged(ours, &merged.workspace) {
        return refuse(&e);
    }
    for c in &merged.new_conflicts {
        warn(format_args!(
            "partnerdeck merge: conflict in {shown}: {}",
            crate::model::merge3::describe(c)
        ));
    }
    let earlier = merged
        .workspace
        .conflicts
        .len()
        .saturating_sub(merged.new_conflicts.len());
    if earlier > 0 {
        warn(format_args!(
            "partnerdeck merge: {shown} still holds {} from an earlier merge",
            crate::words::count(earlier, "conflict to decide")
        ));
    }
    if merged.workspace.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `partnerdeck conflicts`: what merges left for people to decide.
pub fn conflicts(path: &Path) -> Result<ExitCode, Error> {
    std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let ws = match store::load(path)? {
        Some(loaded) => loaded.workspace,
        None => return Err(Error::Missing(path.to_path_buf())),
    };
    if ws.conflicts.is_empty() {
        say(format_args!("{}: no merge conflicts", path.display()));
        return Ok(ExitCode::SUCCESS);
    }
    for c in &ws.conflicts {
        say(format_args!("{}", crate::model::merge3::describe(c)));
    }
    say(format_args!(
        "{} to decide; each record keeps our value until then (edit the record, then remove its entry from `conflicts` in {})",
        crate::words::count(ws.conflicts.len(), "conflict"),
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// What changed between two versions, in words: "3 log entries added, 1 goal changed —
/// Greenleaf Cooperative Bank, Maya Okonkwo".
pub fn summary(before: &Workspace, after: &Workspace) -> String {
    use crate::model::{ListKind, PartnerId};
    use rustc_hash::FxHashMap;
    struct Count<'a> {
        before: &'a Workspace,
        after: &'a Workspace,
        parts: Vec<String>,
        touched: Vec<PartnerId>,
    }
    impl EachKind for Count<'_> {
        fn kind<R: Record>(&mut self) {
            let (before, after) = (R::list(self.before), R::list(self.after));
            let old: FxHashMap<u64, &R> = before.iter().map(|r| (r.id(), r)).collect();
            let new: FxHashMap<u64, &R> = after.iter().map(|r| (r.id(), r)).collect();
            let (mut added, mut changed, mut removed) = (0, 0, 0);
            for r in after {
                match old.get(&r.id()) {
                    None => added += 1,
                    Some(o) if *o != r => changed += 1,
                    _ => continue,
                }
                if !self.touched.contains(&r.partner()) {
                    self.touched.push(r.partner());
                }
            }
            for r in before {
                if !new.contains_key(&r.id()) {
                    removed += 1;
                }
            }
            // This summary counts celebrations as wins.
            let (one, many) = match R::LIST {
                ListKind::Celebrations => ("win", "wins"),
                _ => (R::KIND, R::PLURAL),
            };
            for (n, what) in [(added, "added"), (changed, "changed"), (removed, "deleted")] {
                if n > 0 {
                    self.parts
                        .push(format!("{} {what}", crate::words::plural(n, one, many)));
                }
            }
        }
    }
    let mut count = Count {
        before,
        after,
        parts: Vec::new(),
        touched: Vec::new(),
    };
    each_kind(&mut count);
    let Count {
        mut parts, touched, ..
    } = count;
    if before.profile != after.profile {
        parts.push("profile changed".into());
    }
    if parts.is_empty() {
        return "partnerdeck: no record changed".into();
    }
    let names: Vec<String> = touched
        .iter()
        .filter_map(|p| {
            after
                .partner(*p)
                .or_else(|| before.partner(*p))
                .map(|x| x.name.clone())
        })
        .take(4)
        .collect();
    let more = touched.len().saturating_sub(names.len());
    let mut text = parts.join(", ");
    if !names.is_empty() {
        text.push_str(" — ");
        text.push_str(&names.join(", "));
        if more > 0 {
            text.push_str(&format!(" and {more} more"));
        }
    }
    text
}

/// Names who made each side of the conflicts whose records do not say (a deletion): the author
/// and day of the last commit of each side that changed the file, from git (ours: `HEAD`;
/// theirs: the commit being merged, picked, reverted or rebased). Asked only when needed.
fn name_sides(merged: &mut crate::model::merge3::Merged, dir: &Path, name: Option<&str>) {
    use crate::model::Touch;
    let unnamed = |c: &crate::model::MergeConflict| c.ours_by.is_none() || c.theirs_by.is_none();
    if !merged.new_conflicts.iter().any(unnamed) {
        return;
    }
    let git = git::Git::new(dir, std::time::Duration::from_secs(5), Cancel::new());
    let last = |rev: &str| -> Option<Touch> {
        let mut args = vec!["log", "-1", "--format=%an%x09%ae%x09%as", rev, "--"];
        args.extend(name);
        let out = git.output(&args).ok().filter(git::Output::ok)?;
        let text = out.text();
        let mut parts = text.trim().split('\t');
        let (n, e, d) = (parts.next()?, parts.next()?, parts.next()?);
        let on = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
        Some(Touch {
            by: crate::model::Identity::new(n, e).key(),
            on,
        })
    };
    let ours = last("HEAD");
    let theirs = [
        "MERGE_HEAD",
        "CHERRY_PICK_HEAD",
        "REVERT_HEAD",
        "REBASE_HEAD",
    ]
    .iter()
    .find_map(|r| last(r));
    for c in merged
        .new_conflicts
        .iter_mut()
        .chain(merged.workspace.conflicts.iter_mut())
    {
        if c.ours_by.is_none() {
            c.ours_by = ours.clone();
        }
        if c.theirs_by.is_none() {
            c.theirs_by = theirs.clone();
        }
    }
}

/// Where the data file sits in its repository: (root, path relative to it). Outside a
/// repository, the error is `not_a_repo(data file, its folder)`.
fn in_repository(
    data_path: &Path,
    timeout: std::time::Duration,
    cancel: &Cancel,
    not_a_repo: impl FnOnce(&Path, &Path) -> Error,
) -> Result<(PathBuf, PathBuf), Error> {
    let data = std::path::absolute(data_path).map_err(Error::Absolute)?;
    let dir = data
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let out =
        git::Git::new(&dir, timeout, cancel.clone()).output(&["rev-parse", "--show-toplevel"])?;
    if !out.ok() {
        return Err(not_a_repo(&data, &dir));
    }
    let mut bytes = out.stdout;
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
    }
    let root = PathBuf::from(os_from_bytes(bytes));
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let relative = dir
        .join(data.file_name().unwrap_or_default())
        .strip_prefix(&root)
        .map(Path::to_path_buf)
        .map_err(|_| Error::Outside {
            data: data.clone(),
            root: root.clone(),
        })?;
    Ok((root, relative))
}

#[cfg(unix)]
fn os_from_bytes(bytes: Vec<u8>) -> std::ffi::OsString {
    use std::os::unix::ffi::OsStringExt as _;
    std::ffi::OsString::from_vec(bytes)
}

#[cfg(not(unix))]
fn os_from_bytes(bytes: Vec<u8>) -> std::ffi::OsString {
    String::from_utf8_lossy(&bytes).into_owned().into()
}

/// Quotes a word for the shell (the driver's command line, commands shown to people).
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+".contains(&b))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
