//! `partnerdeck ingest [PATH…] [--since DATE] [--json] [--apply]`: what mail, calendars and
//! address books would add (`crate::ingest`), printed as a list or JSON; with `--apply`, added
//! and saved (backed up first, the lock held), and remembered so the next run proposes none
//! of it again. Without a path, the folders the configuration watches are read.

use super::output::{complain, print};
use super::{CommandError, Source};
use crate::document::{Backups, Change};
use crate::ingest::{self, Proposals};
use crate::model::Workspace;
use crate::text::{clean, fit};
use chrono::{Local, NaiveDate, NaiveDateTime};
use std::path::PathBuf;
use std::process::ExitCode;

/// What was asked.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub paths: Vec<PathBuf>,
    pub since: Option<NaiveDate>,
    pub json: bool,
    pub apply: bool,
    pub wait: Option<u64>,
}

fn now(today: NaiveDate) -> NaiveDateTime {
    today.and_time(Local::now().time())
}

/// The list as text: partner by partner, newest first, then what was left out.
pub fn text(found: &Proposals, read: &ingest::Read, ws: &Workspace) -> String {
    let c = &found.counts;
    let mut out = format!(
        "Read {}, {} and {}.\n",
        crate::words::count(c.messages, "message"),
        crate::words::count(c.events, "event occurrence"),
        crate::words::count(c.cards, "card")
    );
    let mut last = None;
    for p in &found.proposals {
        if last != Some(p.partner) {
            out.push_str(&format!("\n{}\n", clean(&p.partner_name)));
            last = Some(p.partner);
        }
        let who = match p.initiated_by {
            crate::model::Side::Us => "us",
            crate::model::Side::Them => "them",
        };
        let more = if p.messages > 1 {
            format!(" ({} messages)", p.messages)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  {}  {:<8} {:<4}  {}{more}\n",
            p.at.format("%Y-%m-%d %H:%M"),
            p.kind.label(),
            who,
            fit(&clean(&p.summary), 72)
        ));
    }
    if found.proposals.is_empty() {
        out.push_str("\nNothing new to propose.\n");
    }
    out.push_str(&format!(
        "\nLeft out: {} bulk or automated, {} matching no partner, {} among ourselves, {} \
         decided before, {} before --since, {} seen twice, {} contacts already known.\n",
        c.bulk, c.unmatched, c.internal, c.decided, c.older, c.duplicates, c.known
    ));
    if !ingest::Matcher::new(ws).knows_team() {
        out.push_str(
            "Our team's addresses are not in the profile (`p`, Team mail): who started a \
             conversation is guessed (a partner's address: them; any other: us).\n",
        );
    }
    for p in read.problems.iter().take(20) {
        out.push_str(&format!("Not read: {}\n", clean(p)));
    }
    if read.problems.len() > 20 {
        out.push_str(&format!(
            "… and {} more not read\n",
            read.problems.len() - 20
        ));
    }
    out
}

/// Runs the command.
pub fn run(src: &Source, req: &Request, watched: Vec<PathBuf>) -> Result<ExitCode, CommandError> {
    let paths = if req.paths.is_empty() {
        watched
    } else {
        req.paths.clone()
    };
    if paths.is_empty() {
        return Err(CommandError::NothingToIngest);
    }
    let now = now(src.today);
    if !req.apply {
        let ws = src.read()?;
        let read = ingest::read_paths(&paths, now, req.since);
        let found = ingest::proposals(&ws, &read, now, req.since);
        return show(&found, &read, &ws, req.json);
    }
    src.refuse_demo("ingest --apply")?;
    let read = ingest::read_paths(&paths, now, req.since);
    let mut found = None;
    let written = src.write_change(
        "review them in the dashboard's queue instead, or close it and run this again",
        req.wait,
        Backups::Always,
        |added: &ingest::Added| {
            Change::named(format!(
                "Took in {}",
                crate::words::count(added.total(), "proposal")
            ))
        },
        |ws| {
            // Proposed again on the file as it is now (a write that met a changed file).
            let f = ingest::proposals(ws, &read, now, req.since);
            let added = ingest::accept(ws, &f.proposals)?;
            found = Some(f);
            Ok::<_, CommandError>(added)
        },
    )?;
    let (ws, added) = (written.workspace, written.value);
    let found = found.ok_or(CommandError::VanishedWhileReading)?;
    let said = show(&found, &read, &ws, req.json);
    if !req.json {
        let line = format!(
            "Added {}, {} and {}.\n",
            crate::words::plural(added.entries, "log entry", "log entries"),
            crate::words::count(added.milestones, "milestone"),
            crate::words::count(added.contacts, "contact")
        );
        if let Err(e) = print(&line) {
            complain(&format!("partnerdeck: the proposals were added; {e}"));
        }
    }
    said
}

fn show(
    found: &Proposals,
    read: &ingest::Read,
    ws: &Workspace,
    json: bool,
) -> Result<ExitCode, CommandError> {
    if json {
        let value = serde_json::json!({
            "proposals": found.proposals,
            "counts": found.counts,
            "problems": read.problems,
        });
        print(&(serde_json::to_string_pretty(&value)? + "\n"))?;
    } else {
        print(&text(found, read, ws))?;
    }
    Ok(ExitCode::SUCCESS)
}
