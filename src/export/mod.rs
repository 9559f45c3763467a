//! The formats the data is laid out in: iCalendar, CSV, Markdown and JSON exports, the
//! pre-meeting brief and what is due. All pure: a workspace and today in, text out (JSON and
//! CSV also read back). The commands that write them are `command`'s.
//!
//! Files: `ics`, `csv`, `markdown`, `json` (one per export format), `health` (the health
//! history table of a partner's report and the `health` CSV table), `brief` (the pre-meeting
//! brief), `due` (what is due as text, JSON, iCalendar or `remind` lines), `text` (small
//! formatting helpers shared by the Markdown outputs and the CSV import), and `find` (partner
//! names as people type them: `model::find`, re-exported).

pub mod brief;
pub mod csv;
pub mod due;
pub mod health;
pub mod ics;
pub mod json;
pub mod markdown;
pub(crate) mod text;

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
