//! Working as a team through git: the merge driver git calls when two people changed the data
//! file (`partnerdeck merge %O %A %B --path %P`), registering it in a repository
//! (`partnerdeck git setup`), and listing what a merge left for people to decide
//! (`partnerdeck conflicts`). The merge itself is `model::merge3`; git is the system `git`.

use crate::model::Workspace;
use crate::model::merge3::merge3;
use crate::store;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The name of the driver in git's configuration and `.gitattributes`.
pub const DRIVER: &str = "partnerdeck";

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
fn side(path: &Path) -> Result<Workspace, String> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() == 0 => return Ok(Workspace::default()),
        Ok(_) => {}
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    }
    match store::load(path) {
        Ok(Some(loaded)) => Ok(loaded.workspace),
        Ok(None) => Err(format!("{} does not exist", path.display())),
        Err(e) => Err(e.to_string()),
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
            describe(c)
        ));
    }
    if merged.new_conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One line for a conflict.
pub fn describe(c: &crate::model::MergeConflict) -> String {
    let what = if c.id == 0 {
        c.kind.clone()
    } else {
        format!("{} #{}", c.kind, c.id)
    };
    let short = |s: &str| crate::text::excerpt(s, 60);
    format!(
        "{what} {}: ours {} · theirs {} (was {})",
        c.field,
        short(&c.ours),
        short(&c.theirs),
        short(&c.base)
    )
}

/// `partnerdeck conflicts`: what merges left for people to decide.
pub fn conflicts(path: &Path) -> Result<ExitCode, String> {
    let ws = side(path)?;
    if ws.conflicts.is_empty() {
        say(format_args!("{}: no merge conflicts", path.display()));
        return Ok(ExitCode::SUCCESS);
    }
    for c in &ws.conflicts {
        say(format_args!("{}", describe(c)));
    }
    say(format_args!(
        "{} to decide; each record keeps our value until then (edit the record, then remove its entry from `conflicts` in {})",
        crate::words::count(ws.conflicts.len(), "conflict"),
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}; install git to work as a team"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// `partnerdeck git setup`: registers the merge driver in the repository that holds the data
/// file and names the file in `.gitattributes`. Run twice, it changes nothing.
pub fn setup(data_path: &Path) -> Result<ExitCode, String> {
    let data = std::path::absolute(data_path).map_err(|e| e.to_string())?;
    let dir = data
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let root = match git(&dir, &["rev-parse", "--show-toplevel"]) {
        Ok(root) => PathBuf::from(root),
        Err(_) => {
            return Err(format!(
                "{} is not in a git repository. To make one:\n  cd {} && git init && git add {} && git commit -m \"Partnerships workspace\"\nthen run `partnerdeck git setup` again",
                data.display(),
                dir.display(),
                data.file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned())
            ));
        }
    };
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let canonical_dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let name = data.file_name().unwrap_or_default();
    let relative = canonical_dir
        .join(name)
        .strip_prefix(&root)
        .map(Path::to_path_buf)
        .map_err(|_| {
            format!(
                "{} is outside the repository {}",
                data.display(),
                root.display()
            )
        })?;
    let exe = std::env::current_exe()
        .map_err(|e| format!("cannot tell where partnerdeck is installed: {e}"))?;
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
        std::fs::write(&attributes, text)
            .map_err(|e| format!("cannot write {}: {e}", attributes.display()))?;
        say(format_args!(
            "added to {}: {pattern} (commit it, so every clone merges the same way)",
            attributes.display()
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
