//! The message of the commit that finishes a merge `sync` made: what was merged from whom, and
//! how each conflict was decided and by whom — instead of git's "Merge branch 'main' of …".
//!
//! ```text
//! partnerdeck: merge from Bo Chen, Cy Diaz — 2 log entries added, 1 goal changed — Greenleaf
//!
//! Conflicts decided by Ana Ruiz:
//! - goal “Signups” title: took theirs “Bo's title” (Bo Chen 2026-12-07) over “Ana's title” (Ana Ruiz 2026-12-07)
//! ```
//! The conflicts are found again from the three versions git keeps while the merge is open
//! (index stages 1, 2 and 3): the merge is deterministic, so they are the ones the driver found.

use super::git::Git;
use crate::model::conflict_words::{
    Decision, Which, decision, field_words, record_title, value_words,
};
use crate::model::{MergeConflict, Workspace};
use std::ffi::OsString;
use std::path::Path;

/// The message for the merge under way in `git` of the file at `relative` (now holding `now`);
/// `me` decided its conflicts.
pub fn message(git: &Git, relative: &Path, now: &Workspace, me: Option<&str>) -> String {
    let version = |spec: &str| -> Option<Workspace> {
        let mut s = OsString::from(spec);
        s.push(relative.as_os_str());
        let out = git
            .output_os(&["show".into(), s])
            .ok()
            .filter(super::git::Output::ok)?;
        crate::store::parse(&String::from_utf8_lossy(&out.stdout)).ok()
    };
    let rel = relative.to_string_lossy();
    let authors: Vec<String> = git
        .output(&["log", "--format=%an", "HEAD..MERGE_HEAD", "--", &rel])
        .ok()
        .filter(super::git::Output::ok)
        .map(|o| {
            let mut seen: Vec<String> = Vec::new();
            for a in o.text().lines().map(str::trim).filter(|a| !a.is_empty()) {
                if !seen.iter().any(|s| s == a) {
                    seen.push(a.to_string());
                }
            }
            seen
        })
        .unwrap_or_default();
    let from = if authors.is_empty() {
        "partnerdeck: merge".to_string()
    } else {
        format!("partnerdeck: merge from {}", authors.join(", "))
    };
    // Ours: git's stage 2 while conflicts are open (the version at HEAD), else HEAD's; read once.
    let staged = version(":2:");
    let ours = staged.clone().or_else(|| version("HEAD:"));
    let what = ours
        .as_ref()
        .map(|ours| super::summary(ours, now))
        .unwrap_or_default();
    let mut text = if what.is_empty() {
        from
    } else {
        format!("{from} — {what}")
    };
    text = crate::text::excerpt(&text, 200);
    if let (Some(ours), Some(theirs)) = (staged, version(":3:")) {
        let base = version(":1:").unwrap_or_default();
        let conflicts = crate::model::merge3::merge3(&base, &ours, &theirs).new_conflicts;
        if !conflicts.is_empty() {
            let who = me.map_or(String::new(), |m| format!(" by {m}"));
            text.push_str(&format!("\n\nConflicts decided{who}:\n"));
            for c in &conflicts {
                text.push_str(&format!("- {}\n", decided(c, now)));
            }
        }
    }
    text
}

/// One decided conflict in words.
pub fn decided(c: &MergeConflict, now: &Workspace) -> String {
    let what = record_name(c, now);
    let by = |which: Which| {
        crate::model::conflict_words::side_by(now, c, which, |d| d.to_string())
            .map(|w| format!(" ({w})"))
            .unwrap_or_default()
    };
    let (o, t) = (value_words(c, Which::Ours), value_words(c, Which::Theirs));
    let how = match decision(c, now) {
        Decision::KeptOurs => format!(
            "kept ours “{o}”{} over “{t}”{}",
            by(Which::Ours),
            by(Which::Theirs)
        ),
        Decision::TookTheirs => format!(
            "took theirs “{t}”{} over “{o}”{}",
            by(Which::Theirs),
            by(Which::Ours)
        ),
        Decision::Other(v) => format!(
            "set to “{v}” (ours “{o}”{}, theirs “{t}”{})",
            by(Which::Ours),
            by(Which::Theirs)
        ),
        Decision::KeptRecord => "kept the record".into(),
        Decision::Deleted => "deleted".into(),
    };
    crate::text::excerpt(&format!("{what} {}: {how}", field_words(c)), 300)
}

/// "goal “Signups”", or the kind and short id when the record is gone.
fn record_name(c: &MergeConflict, now: &Workspace) -> String {
    if c.kind == "profile" {
        return "our profile".into();
    }
    // A conflict over the title itself: the record as it was called before.
    if c.kind != "review"
        && crate::model::conflict_words::title_field(&c.kind) == Some(c.field.as_str())
    {
        let before = crate::model::conflict_words::words(&c.kind, &c.base);
        return format!("{} “{before}”", c.kind);
    }
    let from_file = crate::model::ListKind::named(&c.kind).and_then(|_| {
        let text = [&c.ours, &c.theirs, &c.base]
            .into_iter()
            .find_map(|t| record_title(&c.kind, t))?;
        Some(text)
    });
    let title = from_file.or_else(|| crate::model::conflict_words::title_in(now, &c.kind, c.id));
    match title {
        Some(t) => format!("{} “{t}”", c.kind),
        None => format!("{} #{}", c.kind, crate::model::ids::short(c.id)),
    }
}
