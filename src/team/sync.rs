//! `partnerdeck sync` (and the dashboard's `S`): commit the data file, pull through the merge
//! driver, push — and nothing that could take over someone's work or say more than happened.
//!
//! - It commits the data file alone (`git commit --only` with a literal pathspec), whatever
//!   else is staged; a failed commit puts back the index entry it found.
//! - It refuses, changing nothing, during a merge, rebase, cherry-pick, revert or bisect it did
//!   not start, on a detached HEAD, when git reports the file unmerged, and (when there is a
//!   remote) when the merge driver is not registered, not named for the file, or does not run.
//! - A merge it started that left conflicts in the file is finished by the next sync once they
//!   are decided (a marker in the git folder remembers which merge that is). Outside such a
//!   merge, undecided conflicts are never committed or pushed; a commit of them made by hand is
//!   still pulled on, so that a teammate's decision can come in.
//! - Every git call is bounded in time ([`super::git`]); the first push to an empty remote sets
//!   the upstream.
//!
//! [`Outcome`] is what happened; its exit code is the command's.

use super::git::{Cancel, Git, Output, literal};
use super::{Error, in_repository, say, shell_quote, summary, warn};
use crate::store;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// How a sync ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Outcome {
    /// Committed (if there was anything), pulled and pushed; or no remote to share with.
    #[default]
    InStep,
    /// A merge left conflicts in the file to decide; the next sync finishes it.
    Conflicts,
    /// Refused or failed before changing anything (the lines say why and what to do).
    Refused,
    /// Committed here, but the remote could not be pulled from or pushed to.
    NotInStep,
}

impl Outcome {
    /// The exit code of `partnerdeck sync`: 0, 1, 2, 3 in the order above.
    pub fn code(self) -> u8 {
        match self {
            Outcome::InStep => 0,
            Outcome::Conflicts => 1,
            Outcome::Refused => 2,
            Outcome::NotInStep => 3,
        }
    }
}

/// What a sync did, line by line, and how it ended.
#[derive(Debug, Clone, Default)]
pub struct Synced {
    pub lines: Vec<String>,
    pub outcome: Outcome,
}

impl Synced {
    fn end(mut self, outcome: Outcome, line: String) -> Synced {
        self.lines.push(line);
        self.outcome = outcome;
        self
    }
}

/// `partnerdeck sync`: prints what happened and returns its exit code (errors: 2).
pub fn sync(session: &store::Session, timeout: Duration) -> ExitCode {
    match sync_held(session.path(), timeout, &Cancel::new()) {
        Ok(done) => {
            for line in &done.lines {
                say(format_args!("{line}"));
            }
            ExitCode::from(done.outcome.code())
        }
        Err(e) => {
            warn(format_args!("partnerdeck: {e}"));
            ExitCode::from(Outcome::Refused.code())
        }
    }
}

/// The name of the marker of a merge `sync` started, in the git folder.
const MARKER: &str = "partnerdeck-sync-merge";

/// Why a sync stops early: with a line for people (refused, conflicts, not in step), or an
/// error.
enum Halt {
    Said(Outcome, String),
    Failed(Error),
}

impl From<Error> for Halt {
    fn from(e: Error) -> Halt {
        Halt::Failed(e)
    }
}

/// Stops with `outcome` and a line.
fn halt<T>(outcome: Outcome, line: String) -> Result<T, Halt> {
    Err(Halt::Said(outcome, line))
}

/// What every step of a sync works on.
struct Repo {
    git: Git,
    /// The data file, as given.
    data_path: PathBuf,
    /// Its path in the repository, and that as a literal pathspec.
    relative: PathBuf,
    path: OsString,
    /// The marker of a merge `sync` started.
    marker: PathBuf,
}

/// [`sync`] for a caller that holds the file's lock (the dashboard, on a worker thread); every
/// git call may take `timeout`, and `cancel` stops them.
pub fn sync_held(data_path: &Path, timeout: Duration, cancel: &Cancel) -> Result<Synced, Error> {
    let mut done = Synced::default();
    match steps(data_path, timeout, cancel, &mut done) {
        Ok(()) => Ok(done),
        Err(Halt::Said(outcome, line)) => Ok(done.end(outcome, line)),
        Err(Halt::Failed(e)) => Err(e),
    }
}

fn steps(
    data_path: &Path,
    timeout: Duration,
    cancel: &Cancel,
    done: &mut Synced,
) -> Result<(), Halt> {
    let (root, relative) = in_repository(data_path, timeout, cancel, |data, _| {
        Error::NoRepository(data.to_path_buf())
    })?;
    let git = Git::new(&root, timeout, cancel.clone());
    let repo = Repo {
        marker: git_path(&git, MARKER)?,
        path: literal(&relative),
        git,
        data_path: data_path.to_path_buf(),
        relative,
    };
    // Loading first: a file git left with text conflict markers stops here, saying how to
    // recover it.
    let now = match store::load(data_path).map_err(Error::from)? {
        Some(loaded) => loaded.workspace,
        None => return Err(Error::Missing(data_path.to_path_buf()).into()),
    };
    let ours = own_merge(&repo)?;
    let remote = refuse_what_is_not_ours(&repo, ours, timeout, cancel)?;
    if ours {
        finish_own_merge(&repo, &now, done)?;
    } else {
        commit_the_file(&repo, &now, done)?;
    }
    match remote {
        Some(remote) => share(&repo, &remote, done),
        None if !now.conflicts.is_empty() => halt(
            Outcome::Conflicts,
            undecided(now.conflicts.len(), "there is no remote"),
        ),
        None => halt(
            Outcome::InStep,
            "no remote: the commit stays here (add one with `git remote add origin URL`)".into(),
        ),
    }
}

/// Whether a merge is under way that `sync` started (its marker names MERGE_HEAD); a marker
/// of a merge that is over is removed.
fn own_merge(repo: &Repo) -> Result<bool, Halt> {
    let merge_head = Some(
        repo.git
            .output(&["rev-parse", "-q", "--verify", "MERGE_HEAD"])?,
    )
    .filter(Output::ok)
    .map(|out| out.text());
    Ok(match (&merge_head, std::fs::read_to_string(&repo.marker)) {
        (Some(head), Ok(mark)) if mark.trim() == head => true,
        (_, Ok(_)) => {
            let _ = std::fs::remove_file(&repo.marker);
            false
        }
        _ => false,
    })
}

/// Refuses, changing nothing, where a commit would take over someone's work or could not be
/// merged: an operation sync did not start, a detached HEAD, a driver that would not run. The
/// remote to share with, if any.
fn refuse_what_is_not_ours(
    repo: &Repo,
    ours: bool,
    timeout: Duration,
    cancel: &Cancel,
) -> Result<Option<Remote>, Halt> {
    let git = &repo.git;
    if let Some((op, undo)) = operation(git)?
        && !(op == "merge" && ours)
    {
        return halt(
            Outcome::Refused,
            format!(
                "not synced: a {op} is under way in this repository, and sync did not start it; finish it with git (or `{undo}`), then sync again — nothing was changed"
            ),
        );
    }
    if !git.output(&["symbolic-ref", "-q", "HEAD"])?.ok() {
        return halt(
            Outcome::Refused,
            "not synced: HEAD is detached (no branch is checked out), so a commit would belong to no branch; `git switch BRANCH`, then sync again — nothing was changed".into(),
        );
    }
    let branch = git.ok(&["symbolic-ref", "--short", "HEAD"])?;
    let remote = remote_of(git, &branch)?;
    if remote.is_some()
        && let Some(why) = driver_problem(git, &repo.relative, timeout, cancel)?
    {
        return halt(
            Outcome::Refused,
            format!(
                "not synced: {why}; run `partnerdeck git setup` in this clone, then sync again — nothing was changed"
            ),
        );
    }
    Ok(remote)
}

/// The merge sync started, finished once its conflicts are decided (and nothing else is left
/// unmerged).
fn finish_own_merge(
    repo: &Repo,
    now: &crate::model::Workspace,
    done: &mut Synced,
) -> Result<(), Halt> {
    if !now.conflicts.is_empty() {
        return halt(
            Outcome::Conflicts,
            format!(
                "a merge is waiting on {}: decide them in the dashboard (`C`), then sync again",
                crate::words::count(now.conflicts.len(), "conflict")
            ),
        );
    }
    let unmerged = unmerged_paths(&repo.git)?;
    if let Some(other) = unmerged
        .iter()
        .find(|p| p.as_os_str() != repo.relative.as_os_str())
    {
        return halt(
            Outcome::Refused,
            format!(
                "not synced: the merge also left {} unmerged (git's text conflict): resolve it, `git add` it, then sync again — nothing was changed",
                other.to_string_lossy()
            ),
        );
    }
    let git = &repo.git;
    let me = crate::document::author::process_author().map(|i| i.member().name);
    let message = super::merge_message::message(git, &repo.relative, now, me.as_deref());
    let saved = index_entry(git, &repo.path)?;
    let finished = git
        .ok_os(&["add".into(), "--".into(), repo.path.clone()])
        .and_then(|_| git.ok(&["commit", "-q", "-m", &message]));
    if let Err(e) = finished {
        restore_index(git, &repo.path, &saved);
        return Err(e.into());
    }
    let _ = std::fs::remove_file(&repo.marker);
    done.lines.push("finished the merge".into());
    Ok(())
}

/// Commits the data file alone, when it changed, with a message that says what changed.
fn commit_the_file(
    repo: &Repo,
    now: &crate::model::Workspace,
    done: &mut Synced,
) -> Result<(), Halt> {
    let (git, path) = (&repo.git, &repo.path);
    if unmerged_paths(git)?
        .iter()
        .any(|p| p.as_os_str() == repo.relative.as_os_str())
    {
        if !now.conflicts.is_empty() {
            return halt(
                Outcome::Conflicts,
                undecided(now.conflicts.len(), "nothing was changed"),
            );
        }
        let shown = repo.relative.display().to_string();
        return halt(
            Outcome::Refused,
            format!(
                "not synced: git reports {shown} unmerged (a merge or stash pop by hand); if you decided its conflicts, `git add -- {0}`; if the merge driver did not run, `git checkout -m -- {0}` redoes the merge with it; then sync again — nothing was changed",
                shell_quote(&shown)
            ),
        );
    }
    let dirty = git.ok_os(&[
        "status".into(),
        "--porcelain".into(),
        "-z".into(),
        "--".into(),
        path.clone(),
    ])?;
    if dirty.stdout.is_empty() {
        done.lines.push("nothing new to commit".into());
        return Ok(());
    }
    if !now.conflicts.is_empty() {
        // Undecided conflicts are not committed (a commit made by hand is pulled on, so that
        // a teammate's decision can come in, but not pushed: see `share`).
        return halt(
            Outcome::Conflicts,
            undecided(now.conflicts.len(), "nothing was changed"),
        );
    }
    let before = git.output_os(&["show".into(), head_path(&repo.relative)])?;
    let message = match before.ok().then(|| String::from_utf8(before.stdout)) {
        Some(Ok(text)) => match store::parse(&text) {
            Ok(before) => summary(&before, now),
            Err(_) => "partnerdeck: the workspace".to_string(),
        },
        _ => "partnerdeck: the workspace".to_string(),
    };
    // Inert, one line, of a readable length, whatever the names in it hold.
    let message = crate::text::excerpt(&message, 200);
    let saved = index_entry(git, path)?;
    let commit = (|| {
        if saved.is_empty() {
            // Not tracked yet: `--only` needs git to know the path.
            git.ok_os(&["add".into(), "--".into(), path.clone()])?;
        }
        git.ok_os(&[
            "commit".into(),
            "-q".into(),
            "--only".into(),
            "-m".into(),
            message.clone().into(),
            "--".into(),
            path.clone(),
        ])
    })();
    if let Err(e) = commit {
        restore_index(git, path, &saved);
        return Err(e.into());
    }
    done.lines.push(format!("committed: {message}"));
    Ok(())
}

/// Pulls (when the remote has the branch) and pushes (setting the upstream the first time).
fn share(repo: &Repo, remote: &Remote, done: &mut Synced) -> Result<(), Halt> {
    let git = &repo.git;
    let stays = "the commit stays here until the next sync";
    let not_in_step = |what: &str, why: String| {
        halt::<()>(Outcome::NotInStep, format!("{what} ({why}); {stays}"))
    };
    let reach = format!("could not reach {}", remote.name);
    // Is there anything to pull? (An empty remote has no branch yet.)
    let exists = match git.output(&["ls-remote", "--exit-code", &remote.name, &remote.merge]) {
        Ok(out) if out.ok() => true,
        Ok(out) if out.code == Some(2) => false,
        Ok(out) => return not_in_step(&reach, crate::text::excerpt(&out.stderr, 200)),
        Err(e @ Error::Cancelled) => return Err(e.into()),
        Err(e) => return not_in_step(&reach, brief(&e)),
    };
    let mut merged = None;
    if exists {
        // The merge is not committed by git: its message says what came in (below).
        let pulled = git.output(&[
            "pull",
            "-q",
            "--no-rebase",
            "--ff",
            "--no-commit",
            "--no-edit",
            "--no-autostash",
            &remote.name,
            &remote.merge,
        ]);
        let failed = match pulled {
            Ok(out) if out.ok() => None,
            Ok(out) => Some(crate::text::excerpt(&out.stderr, 200)),
            Err(e @ Error::Cancelled) => return Err(e.into()),
            Err(e) => Some(brief(&e)),
        };
        if let Some(why) = failed {
            return after_failed_pull(repo, &why, stays);
        }
        merged = commit_clean_merge(repo)?;
    }
    // Undecided conflicts (committed by hand) that the pull did not decide are not pushed:
    // shared, they would come back to everyone. (The file as a clean merge left it was read
    // already: it is not read twice.)
    let left = match merged {
        Some(ws) => ws.conflicts.len(),
        None => store::load(&repo.data_path)
            .map_err(Error::from)?
            .map_or(0, |l| l.workspace.conflicts.len()),
    };
    if left > 0 {
        return halt(
            Outcome::Conflicts,
            undecided(
                left,
                if exists {
                    "pulled, not pushed"
                } else {
                    "not pushed"
                },
            ),
        );
    }
    let pushed = if remote.upstream {
        git.output(&[
            "push",
            "-q",
            &remote.name,
            &format!("HEAD:{}", remote.merge),
        ])
    } else {
        git.output(&["push", "-q", "-u", &remote.name, "HEAD"])
    };
    match pushed {
        Ok(out) if out.ok() => {
            done.lines.push(if exists {
                "pulled and pushed: in step with the team".into()
            } else {
                format!(
                    "pushed (the first push to {}): in step with the team",
                    remote.name
                )
            });
            Ok(())
        }
        Ok(out) => not_in_step(
            "pulled, but could not push",
            crate::text::excerpt(&out.stderr, 200),
        ),
        Err(e @ Error::Cancelled) => Err(e.into()),
        Err(e) => not_in_step("pulled, but could not push", brief(&e)),
    }
}

/// A pull that merged without conflicts (and so stopped before committing: `--no-commit`) is
/// committed with a message that says what was merged from whom; the merged file, as read for
/// the message (`None`: there was no merge to commit).
fn commit_clean_merge(repo: &Repo) -> Result<Option<crate::model::Workspace>, Halt> {
    let git = &repo.git;
    let merging = git
        .output(&["rev-parse", "-q", "--verify", "MERGE_HEAD"])
        .is_ok_and(|o| o.ok());
    if !merging {
        return Ok(None);
    }
    let now = store::load(&repo.data_path)
        .map_err(Error::from)?
        .map(|l| l.workspace)
        .unwrap_or_default();
    let message = super::merge_message::message(git, &repo.relative, &now, None);
    git.ok(&["commit", "-q", "-m", &message])?;
    Ok(Some(now))
}

/// A pull that did not finish: conflicts left in the file wait for the user (the merge is
/// ours to finish); any other half-done merge is undone, so nothing unmerged is ever committed.
fn after_failed_pull(repo: &Repo, why: &str, stays: &str) -> Result<(), Halt> {
    let git = &repo.git;
    let merging = git
        .output(&["rev-parse", "-q", "--verify", "MERGE_HEAD"])
        .is_ok_and(|o| o.ok());
    if !merging {
        return halt(
            Outcome::NotInStep,
            format!("could not pull ({why}); {stays}"),
        );
    }
    let conflicts = store::load(&repo.data_path)
        .ok()
        .flatten()
        .map_or(0, |l| l.workspace.conflicts.len());
    if conflicts > 0 {
        if let Ok(head) = git.ok(&["rev-parse", "MERGE_HEAD"]) {
            let _ = std::fs::write(&repo.marker, format!("{head}\n"));
        }
        return halt(
            Outcome::Conflicts,
            format!(
                "pulled: the merge left {} to decide; the dashboard shows them first (`C`), then sync again",
                crate::words::count(conflicts, "conflict")
            ),
        );
    }
    let undone = git.output(&["merge", "--abort"]).is_ok_and(|o| o.ok());
    halt(
        Outcome::NotInStep,
        format!(
            "pulled, but the merge did not finish ({why}); {}; {stays}",
            if undone {
                "it was undone, nothing of it was kept"
            } else {
                "undo it with `git merge --abort`"
            }
        ),
    )
}

/// The line for a file that holds conflicts nobody decided.
fn undecided(n: usize, what_happened: &str) -> String {
    format!(
        "not shared: the file holds {} to decide; decide them in the dashboard (`C`), then sync again ({what_happened})",
        crate::words::count(n, "conflict")
    )
}

/// An error in a few words, for a line.
fn brief(e: &Error) -> String {
    crate::text::excerpt(&e.to_string(), 200)
}

/// `HEAD:<path>` for `git show`.
fn head_path(relative: &Path) -> OsString {
    let mut s = OsString::from("HEAD:");
    s.push(relative.as_os_str());
    s
}

/// A path in the git folder (`git rev-parse --git-path`).
fn git_path(git: &Git, name: &str) -> Result<PathBuf, Error> {
    let p = PathBuf::from(git.ok(&["rev-parse", "--git-path", name])?);
    Ok(if p.is_absolute() { p } else { git.dir.join(p) })
}

/// The operation under way in the repository, if any (merge, rebase, cherry-pick, revert or
/// bisect), and the command that ends it.
fn operation(git: &Git) -> Result<Option<(&'static str, &'static str)>, Error> {
    for (name, op, undo) in [
        ("rebase-merge", "rebase", "git rebase --abort"),
        ("rebase-apply", "rebase", "git rebase --abort"),
        ("MERGE_HEAD", "merge", "git merge --abort"),
        ("CHERRY_PICK_HEAD", "cherry-pick", "git cherry-pick --abort"),
        ("REVERT_HEAD", "revert", "git revert --abort"),
        ("sequencer", "cherry-pick", "git cherry-pick --abort"),
        ("BISECT_LOG", "bisect", "git bisect reset"),
    ] {
        if git_path(git, name)?.exists() {
            return Ok(Some((op, undo)));
        }
    }
    Ok(None)
}

/// The paths git reports unmerged (`git ls-files -u`).
fn unmerged_paths(git: &Git) -> Result<Vec<OsString>, Error> {
    let out = git.ok_os(&["ls-files".into(), "-u".into(), "-z".into()])?;
    let mut paths: Vec<OsString> = Vec::new();
    for entry in out.stdout.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        if let Some(tab) = entry.iter().position(|b| *b == b'\t') {
            let p = super::os_from_bytes(entry[tab + 1..].to_vec());
            if !paths.contains(&p) {
                paths.push(p);
            }
        }
    }
    Ok(paths)
}

/// The index's entries for the path, as `git ls-files -s -z` prints them (none when it is not
/// tracked).
fn index_entry(git: &Git, path: &OsString) -> Result<Vec<u8>, Error> {
    Ok(git
        .ok_os(&[
            "ls-files".into(),
            "-s".into(),
            "-z".into(),
            "--".into(),
            path.clone(),
        ])?
        .stdout)
}

/// Puts the index's entries for the path back as [`index_entry`] saw them.
fn restore_index(git: &Git, path: &OsString, saved: &[u8]) {
    let _ = git.output_os(&[
        "rm".into(),
        "--cached".into(),
        "-q".into(),
        "--ignore-unmatch".into(),
        "--".into(),
        path.clone(),
    ]);
    if !saved.is_empty() {
        let _ = git.output_with_input(
            &["update-index".into(), "-z".into(), "--index-info".into()],
            Some(saved.to_vec()),
        );
    }
}

/// Where a branch is shared: the remote and the branch there, and whether the upstream is set.
#[derive(Debug)]
struct Remote {
    name: String,
    merge: String,
    upstream: bool,
}

/// The branch's upstream when set; else `origin` (or the only remote) and the branch of the
/// same name there; `None` without remotes.
fn remote_of(git: &Git, branch: &str) -> Result<Option<Remote>, Error> {
    let get = |key: String| -> Result<Option<String>, Error> {
        let out = git.output(&["config", "--get", &key])?;
        Ok(out.ok().then(|| out.text()).filter(|v| !v.is_empty()))
    };
    let name = get(format!("branch.{branch}.remote"))?;
    let merge = get(format!("branch.{branch}.merge"))?;
    let remotes: Vec<String> = git
        .ok(&["remote"])?
        .lines()
        .map(str::to_string)
        .filter(|r| !r.is_empty())
        .collect();
    if let (Some(name), Some(merge)) = (&name, &merge)
        && remotes.contains(name)
    {
        return Ok(Some(Remote {
            name: name.clone(),
            merge: merge.clone(),
            upstream: true,
        }));
    }
    let name = if remotes.iter().any(|r| r == "origin") {
        "origin".to_string()
    } else if remotes.len() == 1 {
        remotes[0].clone()
    } else {
        return Ok(None);
    };
    Ok(Some(Remote {
        name,
        merge: format!("refs/heads/{branch}"),
        upstream: false,
    }))
}

/// Why the merge driver would not merge the file, if it would not: not registered, not named
/// for the file in `.gitattributes`, or its program missing or not running.
fn driver_problem(
    git: &Git,
    relative: &Path,
    timeout: Duration,
    cancel: &Cancel,
) -> Result<Option<String>, Error> {
    let out = git.output(&["config", "--get", "merge.partnerdeck.driver"])?;
    let command = out.text();
    if !out.ok() || command.trim().is_empty() {
        return Ok(Some(
            "the partnerdeck merge driver is not registered in this clone".into(),
        ));
    }
    let said = super::setup::merge_attribute(git, relative)?;
    if said != super::DRIVER {
        return Ok(Some(format!(
            "git would not use the partnerdeck merge driver for {} (`git check-attr merge` says `{said}`)",
            relative.display()
        )));
    }
    let Some(program) = first_word(&command) else {
        return Ok(Some("the registered merge driver names no program".into()));
    };
    let mut check = std::process::Command::new(&program);
    check.arg("--version").current_dir(&git.dir);
    let shown = vec![program.clone()];
    let ran = super::git::bounded(check, None, timeout, cancel, shown);
    let runs = matches!(&ran, Ok(o) if o.ok() && o.stdout.starts_with(b"partnerdeck"));
    match ran {
        Err(e @ Error::Cancelled) => Err(e),
        _ if runs => Ok(None),
        Err(Error::NoGit(e)) => Ok(Some(format!(
            "the registered merge driver cannot run ({program}: {e})"
        ))),
        _ => Ok(Some(format!(
            "the registered merge driver ({program}) does not run as partnerdeck"
        ))),
    }
}

/// The first word of a shell command line as `git setup` writes it (plain, or in single
/// quotes with `'\''` inside).
fn first_word(command: &str) -> Option<String> {
    let command = command.trim_start();
    if !command.starts_with('\'') {
        return command.split_whitespace().next().map(str::to_string);
    }
    let mut word = String::new();
    let mut rest = command;
    while let Some(quoted) = rest.strip_prefix('\'') {
        let end = quoted.find('\'')?;
        word.push_str(&quoted[..end]);
        rest = &quoted[end + 1..];
        if let Some(after) = rest.strip_prefix("\\'") {
            word.push('\'');
            rest = after;
        } else {
            break;
        }
    }
    Some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driver_program_is_read_back_as_setup_quotes_it() {
        assert_eq!(
            first_word("/usr/bin/partnerdeck merge %O").as_deref(),
            Some("/usr/bin/partnerdeck")
        );
        let quoted = shell_quote("/opt/it's here/partnerdeck");
        assert_eq!(
            first_word(&format!("{quoted} merge %O %A %B")).as_deref(),
            Some("/opt/it's here/partnerdeck")
        );
    }
}
