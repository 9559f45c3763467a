//! Working as a team through git: the merge driver git calls when two people changed the data
//! file (`partnerdeck merge %O %A %B --path %P`), registering it in a repository
//! (`partnerdeck git setup`), and listing what a merge left for people to decide
//! (`partnerdeck conflicts`). The merge itself is `model::merge3`; git is the system `git`.

use crate::model::Workspace;
use crate::model::merge3::merge3;
use crate::store::{self, LoadError};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, ExitStatus};

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
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The data file's path could not be made absolute.
    #[error("{0}")]
    Absolute(std::io::Error),
    /// `git` could not be started.
    #[error("cannot run git: {0}; install git to work as a team")]
    NoGit(std::io::Error),
    /// A git command failed: its message is what git said on stderr.
    #[error("{stderr}")]
    Git {
        args: Vec<String>,
        status: ExitStatus,
        stderr: String,
    },
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

/// Loads one side of a merge; git hands an empty file as the base when both sides added the
/// file.
fn side(path: &Path) -> Result<Workspace, Error> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() == 0 => return Ok(Workspace::default()),
        Ok(_) => {}
        Err(source) => {
            return Err(Error::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    match store::load(path)? {
        Some(loaded) => Ok(loaded.workspace),
        None => Err(Error::Missing(path.to_path_buf())),
    }
}

/// `partnerdeck merge BASE OURS THEIRS [--path NAME]`: git's merge-driver contract. Writes the
/// merge to OURS atomically; exit 0 (merged), 1 (merged with conflicts kept in the file), 2
/// (an input does not load: OURS untouched).
pub fn merge(base: &Path, ours: &Path, theirs: &Path, name: Option<&str>) -> ExitCode {
    let shown = name.map_or_else(|| ours.display().to_string(), str::to_string);
    let mut sides = Vec::new();
    for p in [base, ours, theirs] {
        match side(p) {
            Ok(ws) => sides.push(ws),
            Err(e) => {
                warn(format_args!(
                    "partnerdeck merge: {shown} was not merged ({e}); nothing was written"
                ));
                return ExitCode::from(2);
            }
        }
    }
    let merged = merge3(&sides[0], &sides[1], &sides[2]);
    let problems = crate::model::validate(&merged.workspace);
    if let Some(p) = problems.first() {
        warn(format_args!(
            "partnerdeck merge: {shown} was not merged: the result would not be valid ({p}); nothing was written"
        ));
        return ExitCode::from(2);
    }
    if let Err(e) = store::save(ours, &merged.workspace) {
        warn(format_args!("partnerdeck merge: {e}"));
        return ExitCode::from(2);
    }
    for c in &merged.new_conflicts {
        warn(format_args!(
            "partnerdeck merge: conflict in {shown}: {}",
            crate::model::merge3::describe(c)
        ));
    }
    if merged.new_conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `partnerdeck conflicts`: what merges left for people to decide.
pub fn conflicts(path: &Path) -> Result<ExitCode, Error> {
    let ws = side(path)?;
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

fn git(dir: &Path, args: &[&str]) -> Result<String, Error> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(Error::NoGit)?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
    } else {
        Err(Error::Git {
            args: args.iter().map(|a| a.to_string()).collect(),
            status: out.status,
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        })
    }
}

/// `partnerdeck git setup`: registers the merge driver in the repository that holds the data
/// file and names the file in `.gitattributes`. Run twice, it changes nothing.
pub fn setup(data_path: &Path) -> Result<ExitCode, Error> {
    let (root, relative) = in_repository(data_path, |data, dir| Error::NoRepositoryToSetUp {
        data: data.to_path_buf(),
        dir: dir.to_path_buf(),
    })?;
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
        let current = git(&root, &["config", "--local", "--get", key]).unwrap_or_default();
        if current == value {
            say(format_args!("unchanged: git config {key}"));
        } else {
            git(&root, &["config", "--local", key, value])?;
            say(format_args!("set: git config {key} = {value}"));
        }
    }
    let pattern = format!(
        "/{} merge={DRIVER}",
        relative
            .to_string_lossy()
            .replace('\\', "/")
            .replace(' ', "[[:space:]]")
    );
    let attributes = root.join(".gitattributes");
    let existing = std::fs::read_to_string(&attributes).unwrap_or_default();
    if existing.lines().any(|l| l.trim() == pattern) {
        say(format_args!(
            "unchanged: {} names the file",
            attributes.display()
        ));
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&pattern);
        text.push('\n');
        std::fs::write(&attributes, text).map_err(|source| Error::Write {
            path: attributes.clone(),
            source,
        })?;
        say(format_args!(
            "added to {}: {pattern} (commit it, so every clone merges the same way)",
            attributes.display()
        ));
    }
    // What partnerdeck keeps beside the file for this clone alone stays out of commits.
    let folder = relative
        .parent()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| !p.is_empty())
        .map_or(String::from("/"), |p| format!("/{p}/"));
    let file = relative.to_string_lossy().replace('\\', "/");
    let ignore = root.join(".gitignore");
    let mut text = std::fs::read_to_string(&ignore).unwrap_or_default();
    let mut added = Vec::new();
    for line in [
        format!("{folder}backups/"),
        format!("/{file}.lock"),
        format!("/{file}.emergency-*"),
    ] {
        if !text.lines().any(|l| l.trim() == line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&line);
            text.push('\n');
            added.push(line);
        }
    }
    if added.is_empty() {
        say(format_args!(
            "unchanged: {} leaves out backups and the lock",
            ignore.display()
        ));
    } else {
        std::fs::write(&ignore, text).map_err(|source| Error::Write {
            path: ignore.clone(),
            source,
        })?;
        say(format_args!(
            "added to {}: {} (this clone's own backups, lock and emergency copies)",
            ignore.display(),
            added.join(" ")
        ));
    }
    say(format_args!(
        "{} now merges record by record; every teammate runs `partnerdeck git setup` once in their clone",
        relative.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Quotes a path for the shell git runs the driver with.
fn shell_quote(s: &str) -> String {
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/._-+".contains(&b))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// What changed between two versions, in words: "3 log entries added, 1 goal changed —
/// Greenleaf Cooperative Bank, Maya Okonkwo".
pub fn summary(before: &Workspace, after: &Workspace) -> String {
    use crate::model::{EachKind, ListKind, PartnerId, Record, each_kind};
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

/// Where the data file sits in its repository: (root, path relative to it). Outside a
/// repository, the error is `not_a_repo(data file, its folder)`.
fn in_repository(
    data_path: &Path,
    not_a_repo: impl FnOnce(&Path, &Path) -> Error,
) -> Result<(PathBuf, PathBuf), Error> {
    let data = std::path::absolute(data_path).map_err(Error::Absolute)?;
    let dir = data
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let root = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|_| not_a_repo(&data, &dir))?;
    let root = std::fs::canonicalize(&root).unwrap_or_else(|_| PathBuf::from(&root));
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

/// What a sync did, line by line; `conflicts` when a merge left decisions in the file.
#[derive(Debug, Clone, Default)]
pub struct Synced {
    pub lines: Vec<String>,
    pub conflicts: bool,
}

/// `partnerdeck sync`: commits the data file with a message that says what changed, pulls
/// (the driver merges), pushes. Offline or without a remote it commits locally and says so;
/// conflicts are counted and left in the file for the user. The session holds the lock
/// meanwhile.
pub fn sync(session: &store::Session) -> Result<ExitCode, Error> {
    let done = sync_held(session.path())?;
    for line in &done.lines {
        say(format_args!("{line}"));
    }
    Ok(if done.conflicts {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// [`sync`] for a caller that holds the file's lock (the dashboard, on a worker thread).
pub fn sync_held(data_path: &Path) -> Result<Synced, Error> {
    let mut done = Synced::default();
    let (root, relative) =
        in_repository(data_path, |data, _| Error::NoRepository(data.to_path_buf()))?;
    let rel = relative.to_string_lossy().into_owned();
    let now = side(data_path)?;
    let merging = git(&root, &["rev-parse", "-q", "--verify", "MERGE_HEAD"]).is_ok();
    if merging {
        if !now.conflicts.is_empty() {
            done.lines.push(format!(
                "a merge is waiting on {}: decide them in the dashboard (or edit the file), then sync again",
                crate::words::count(now.conflicts.len(), "conflict")
            ));
            done.conflicts = true;
            return Ok(done);
        }
        git(&root, &["add", "--", &rel])?;
        git(&root, &["commit", "-q", "--no-edit"])?;
        done.lines.push("finished the merge".into());
    } else {
        let committed = git(&root, &["show", &format!("HEAD:{rel}")])
            .ok()
            .and_then(|text| store::parse(&text).ok());
        let message = match &committed {
            Some(before) => summary(before, &now),
            None => "partnerdeck: the workspace".to_string(),
        };
        let dirty = git(&root, &["status", "--porcelain", "--", &rel])?;
        if dirty.is_empty() {
            done.lines.push("nothing new to commit".into());
        } else {
            git(&root, &["add", "--", &rel])?;
            git(&root, &["commit", "-q", "-m", &message])?;
            done.lines.push(format!("committed: {message}"));
        }
    }
    let remotes = git(&root, &["remote"])?;
    if remotes.trim().is_empty() {
        done.lines.push(
            "no remote: the commit stays here (add one with `git remote add origin URL`)".into(),
        );
        return Ok(done);
    }
    if let Err(e) = git(
        &root,
        &["-c", "pull.rebase=false", "pull", "-q", "--no-edit"],
    ) {
        let after = side(data_path)?;
        if !after.conflicts.is_empty() {
            done.lines.push(format!(
                "pulled: the merge left {} to decide; the dashboard shows them first, then sync again",
                crate::words::count(after.conflicts.len(), "conflict")
            ));
            done.conflicts = true;
            return Ok(done);
        }
        done.lines.push(format!(
            "could not pull ({}); the commit stays here until the next sync",
            crate::text::excerpt(&e.to_string(), 200)
        ));
        return Ok(done);
    }
    match git(&root, &["push", "-q"]) {
        Ok(_) => done
            .lines
            .push("pulled and pushed: in step with the team".into()),
        Err(e) => done.lines.push(format!(
            "pulled, but could not push ({}); the commit stays here until the next sync",
            crate::text::excerpt(&e.to_string(), 200)
        )),
    }
    Ok(done)
}
