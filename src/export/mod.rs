//! Taking the data elsewhere and bringing some back: iCalendar, CSV, Markdown and JSON exports,
//! CSV imports, pre-meeting briefs and logging from the shell. Everything but `commands` is pure
//! (a workspace and today in, text or a new workspace out).
//!
//! Files: `ics`, `csv`, `markdown`, `json` (one per export format), `health` (the health
//! history table of a partner's report and the `health` CSV table), `import` (CSV in), `brief`
//! (the pre-meeting brief), `log` (an interaction from command-line words), `text` (small
//! formatting helpers shared by the Markdown outputs), `find` (partner names as people type
//! them: `model::find`, re-exported), and `commands`, the only part that touches files: the
//! command-line glue that reads, locks, backs up and writes (every file through
//! `store::write_private`), with `command_error`, why such a command failed.

pub mod answers;
pub mod brief;
mod command_error;
pub mod commands;
pub mod csv;
pub mod due;
pub mod health;
pub mod hook;
pub mod ics;
pub mod import;
pub mod ingest;
pub mod json;
pub mod log;
pub mod markdown;
pub mod reminders;
mod text;
pub mod timer;

/// Partner names as people type them (the matcher lives with the model: the dashboard's forms
/// use it too).
pub use crate::model::find;

use crate::model::{PartnerId, Workspace};

/// An export format (the command line names them: `cli`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// iCalendar: milestones, deadlines, commitments, follow-ups, review dates
    Ics,
    /// One table per record kind
    Csv,
    /// A readable report: the portfolio, or one partner with --partner
    Markdown,
    /// Everything, for scripts
    Json,
}

/// An import format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    /// Partners or log entries, one per row, with a header row
    Csv,
}

/// A copy of the workspace holding one partner and its records only (profile, version and id
/// counter kept), for exports limited with `--partner`.
pub fn only_partner(ws: &Workspace, partner: PartnerId) -> Workspace {
    let mut out = ws.clone();
    out.keep_partners(|p| p == partner);
    let reviews: std::collections::HashSet<_> = out.reviews.iter().map(|r| r.id).collect();
    out.review_actions.retain(|l| reviews.contains(&l.review));
    out.drafts.retain(|d| d.partner == partner);
    out
}
