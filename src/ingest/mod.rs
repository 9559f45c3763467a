//! Taking in mail, calendars and address books that are already on the computer (issue 31):
//! Maildir folders (mbsync, offlineimap), mbox files, `.ics` files and vdir folders (khal,
//! vdirsyncer), `.vcf` files. What is read becomes proposals (a log entry per conversation per
//! day, a meeting per event occurrence, a contact per vCard), matched to partners by address,
//! domain or name; nothing is written until a proposal is accepted (`ingest --apply`, or the
//! dashboard's review queue), and every decision is remembered by its source id so the same
//! mail is never proposed twice, in any clone. Never the network.
//!
//! - `read`, `mail`, `calendar`, `cards`: files to [`Read`] items, by well-kept parsers
//!   (`mail-parser`, `icalendar` with `rrule`, `ical`'s vCard parser).
//! - `matcher`: addresses to partners; pure.
//! - `propose`: items to proposals; pure.
//! - `apply`: accepting and skipping, as one change.

pub mod apply;
mod calendar;
mod cards;
pub mod item;
mod mail;
pub mod matcher;
pub mod propose;
pub mod read;

pub use apply::{Added, accept, skip};
pub use calendar::Window;
pub use item::{Addr, Card, Mail, Meeting, Read};
pub use matcher::{Matcher, Why};
pub use propose::{Context, Counts, Kind, Proposal, Proposals, clean_subject, propose};

use crate::model::Workspace;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::PathBuf;

/// How far back recurring events are looked at when no `since` is given.
pub const RECURRING_DAYS_BACK: u64 = 365;
/// How far ahead coming meetings are proposed.
pub const UPCOMING_DAYS: u64 = 30;

/// The window of event occurrences for a run at `now`.
pub fn window(now: NaiveDateTime, since: Option<NaiveDate>) -> Window {
    let day = now.date();
    let from = since
        .unwrap_or_else(|| day - chrono::Days::new(RECURRING_DAYS_BACK))
        .and_hms_opt(0, 0, 0)
        .unwrap_or(now);
    let to = (day + chrono::Days::new(UPCOMING_DAYS))
        .and_hms_opt(23, 59, 59)
        .unwrap_or(now);
    Window { from, to }
}

/// Reads the paths: the slow part, which needs no workspace (the dashboard runs it on
/// another thread).
pub fn read_paths(paths: &[PathBuf], now: NaiveDateTime, since: Option<NaiveDate>) -> Read {
    read::paths(paths, window(now, since))
}

/// Proposals from what was read, for this workspace.
pub fn proposals(
    ws: &Workspace,
    read: &Read,
    now: NaiveDateTime,
    since: Option<NaiveDate>,
) -> Proposals {
    let matcher = Matcher::new(ws);
    propose(read, &Context::new(ws, &matcher, now, since))
}
