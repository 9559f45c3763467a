//! `partnerdeck activity`: what teammates changed, from the shell — the dashboard's "What's
//! new" (`insight::activity`), from a version of the file to the file as it is now.
//!
//! The version it starts from: `--since COMMIT` (the file at that commit), `--since DATE` (the
//! file at the last commit before that day; outside a repository, what the records say was
//! done on or after it), else the version this member last looked at in the dashboard
//! ([`seen`]), else the last week.

use super::git::{Cancel, Git};
use crate::insight::activity::{self, ByAuthor, Happened};
use crate::model::{Identity, Workspace};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where `activity` starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Since {
    Day(NaiveDate),
    Commit(String),
    /// The version this member last looked at, else the last week.
    LastLooked,
}

impl Since {
    /// `2026-12-01`, `7d` (days before `today`), or anything else as a commit.
    pub fn parse(text: &str, today: NaiveDate) -> Since {
        let t = text.trim();
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Since::Day(d);
        }
        if let Some(n) = t.strip_suffix('d').and_then(|n| n.parse::<u64>().ok()) {
            return Since::Day(today - chrono::Days::new(n));
        }
        Since::Commit(t.to_string())
    }
}

/// Why activity could not be told.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Load(#[from] crate::store::LoadError),
    #[error("{} does not exist", .0.display())]
    Missing(PathBuf),
    #[error("{what} is not a commit of the repository the data file is in ({why})")]
    NoCommit { what: String, why: String },
    #[error("{version} of the data file cannot be read: {why}")]
    Version { version: String, why: String },
}

/// The report: what happened, grouped, and the version it starts from (words).
pub struct Report {
    pub from: String,
    pub groups: Vec<ByAuthor>,
    pub workspace: Workspace,
}

/// What changed in the file at `path` since `since`, without `me`'s own changes (unless
/// `everyone`), only `author`'s when given.
pub fn report(
    path: &Path,
    since: &Since,
    author: Option<&str>,
    me: Option<&Identity>,
    everyone: bool,
    today: NaiveDate,
    cache_dir: Option<&Path>,
) -> Result<Report, Error> {
    let now = crate::store::load(path)?
        .ok_or_else(|| Error::Missing(path.to_path_buf()))?
        .workspace;
    let repo = repository(path);
    let (before, from, day_floor) = match (since, &repo) {
        (Since::Commit(c), Some((git, rel))) => {
            (version_at(git, c, rel)?, format!("commit {c}"), None)
        }
        (Since::Commit(c), None) => {
            return Err(Error::NoCommit {
                what: c.clone(),
                why: "the data file is not in a git repository".into(),
            });
        }
        (Since::Day(d), Some((git, rel))) => match last_commit_before(git, *d, rel) {
            Some(c) => (version_at(git, &c, rel)?, format!("{d}"), None),
            None => (Workspace::default(), format!("{d}"), Some(*d)),
        },
        (Since::Day(d), None) => (Workspace::default(), format!("{d}"), Some(*d)),
        (Since::LastLooked, _) => match crate::store::seen::load(path, cache_dir) {
            Some(ws) => (ws, "when you last looked".into(), None),
            None => {
                let d = today - chrono::Days::new(7);
                (Workspace::default(), format!("{d}"), Some(d))
            }
        },
    };
    let mut all: Vec<Happened> = activity::between(&before, &now);
    if let Some(d) = day_floor {
        all.retain(|h| h.on.is_some_and(|on| on >= d));
    }
    let me_key = me.map(Identity::key);
    let mine = if everyone || author.is_some() {
        None
    } else {
        me_key.as_deref()
    };
    let groups = activity::grouped(all, &now, mine, author);
    Ok(Report {
        from,
        groups,
        workspace: now,
    })
}

/// The repository the file is in (a git runner there, and the file's path in it).
fn repository(path: &Path) -> Option<(Git, PathBuf)> {
    let (root, rel) =
        super::in_repository(path, Duration::from_secs(10), &Cancel::new(), |data, _| {
            super::Error::Missing(data.to_path_buf())
        })
        .ok()?;
    Some((Git::new(&root, Duration::from_secs(30), Cancel::new()), rel))
}

fn version_at(git: &Git, commit: &str, rel: &Path) -> Result<Workspace, Error> {
    let rev = git
        .output(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{commit}^{{commit}}"),
        ])
        .ok()
        .filter(super::git::Output::ok)
        .ok_or_else(|| Error::NoCommit {
            what: commit.to_string(),
            why: "git does not know it".into(),
        })?
        .text();
    let spec = format!("{}:{}", rev.trim(), rel.to_string_lossy());
    let out = git.output(&["show", &spec]).map_err(|e| Error::Version {
        version: spec.clone(),
        why: e.to_string(),
    })?;
    if !out.ok() {
        // The file was not there yet: everything in it is new.
        return Ok(Workspace::default());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    crate::store::load_text(&text, rel)
        .map(|p| p.workspace)
        .map_err(|e| Error::Version {
            version: format!("the file at {commit}"),
            why: e.to_string(),
        })
}

fn last_commit_before(git: &Git, day: NaiveDate, rel: &Path) -> Option<String> {
    let before = format!("--before={day} 00:00");
    let rel = rel.to_string_lossy();
    let out = git
        .output(&["rev-list", "-1", &before, "HEAD", "--", &rel])
        .ok()
        .filter(super::git::Output::ok)?;
    let c = out.text().trim().to_string();
    (!c.is_empty()).then_some(c)
}

/// The report as lines: a heading per author, a line per partner, then one per change.
pub fn lines(r: &Report) -> Vec<String> {
    let ws = &r.workspace;
    let mut out = Vec::new();
    if r.groups.is_empty() {
        out.push(format!("Nothing new from the team since {}.", r.from));
        return out;
    }
    out.push(format!("What's new since {}", r.from));
    for g in &r.groups {
        let who = g
            .author
            .as_deref()
            .map_or("(not recorded)".to_string(), |k| {
                ws.member_name(k).to_string()
            });
        let n: usize = g.partners.iter().map(|(_, v)| v.len()).sum();
        out.push(String::new());
        out.push(format!("{who} — {}", crate::words::count(n, "change")));
        for (partner, items) in &g.partners {
            let name = ws.partner(*partner).map_or_else(
                || format!("partner #{}", crate::model::ids::short(partner.0)),
                |p| p.name.clone(),
            );
            out.push(format!("  {name}"));
            for h in items {
                let on = h.on.map(|d| format!(" ({d})")).unwrap_or_default();
                out.push(format!(
                    "    {} {} {}: {}{on}",
                    h.kind,
                    h.what.words(),
                    crate::model::ids::short(h.id),
                    h.text
                ));
            }
        }
    }
    out
}

/// The report as JSON: `{"since": …, "authors": [{"author", "name", "partners": [{"partner",
/// "name", "changes": […]}]}]}`.
pub fn json(r: &Report) -> serde_json::Value {
    let ws = &r.workspace;
    let authors: Vec<serde_json::Value> = r
        .groups
        .iter()
        .map(|g| {
            serde_json::json!({
                "author": g.author,
                "name": g.author.as_deref().map(|k| ws.member_name(k).to_string()),
                "partners": g.partners.iter().map(|(p, items)| serde_json::json!({
                    "partner": p.0,
                    "name": ws.partner(*p).map(|x| x.name.clone()),
                    "changes": items,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({ "since": r.from, "authors": authors })
}
