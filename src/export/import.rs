//! CSV import of partners or log entries, as planned changes: `plan` reads every row, rejects
//! the ones it cannot use (with the row number and every reason), skips duplicates, and returns
//! the workspace with the rest added, for the caller to show (a dry run) or save (`--apply`).
//!
//! Columns are found by their header (case, spaces and dashes do not matter: `Initiated by` is
//! `initiated_by`); only `name` (partners) or `partner`, `at` and `summary` (interactions) are
//! needed, the rest take the defaults of a new record. The tables written by `export csv` read
//! back as they are; their `id` column is not used, new records get new ids. Row numbers are
//! the file's line numbers (the header is row 1), as a spreadsheet shows them.
//!
//! Duplicates: a partner whose name matches one already there or an earlier row (ignoring case,
//! spacing, punctuation and accents); a log entry with the same partner, time and summary.

use super::csv::{parse_contacts, split, unguard};
use super::find;
use super::text::one_line;
use crate::model::dates::{DateError, parse_date, parse_date_time};
use crate::model::*;
use crate::text::{MESSAGE_VALUE, excerpt};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// What an import adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Partners,
    Interactions,
}

impl Kind {
    pub fn noun(self, n: usize) -> &'static str {
        match (self, n) {
            (Kind::Partners, 1) => "partner",
            (Kind::Partners, _) => "partners",
            (Kind::Interactions, 1) => "log entry",
            (Kind::Interactions, _) => "log entries",
        }
    }

    fn known_columns(self) -> &'static [&'static str] {
        match self {
            Kind::Partners => super::csv::PARTNER_COLUMNS,
            Kind::Interactions => super::csv::INTERACTION_COLUMNS,
        }
    }
}

/// A row that will be added.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    pub row: u64,
    /// The id the new record gets.
    pub id: u64,
    /// What it is, e.g. `Acme Ltd (business, exploring)`.
    pub text: String,
}

/// A row that is skipped or rejected, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowNote {
    pub row: u64,
    /// What the row names (a partner's name, a summary), when it has one.
    pub label: String,
    pub reason: String,
}

/// The outcome of reading a CSV file against a workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub kind: Kind,
    /// The workspace with every added record.
    pub workspace: Workspace,
    pub added: Vec<Added>,
    /// Duplicates, left out.
    pub skipped: Vec<RowNote>,
    pub rejected: Vec<RowNote>,
    /// Added rows whose dates were relative (`yesterday`, `+1w`), each with what they were read
    /// as: importing the file on another day reads them differently (so they are not found as
    /// duplicates).
    pub relative: Vec<RowNote>,
    /// The day relative dates were read against.
    pub today: NaiveDate,
    /// Header cells that name no known column (their cells are not read).
    pub ignored_columns: Vec<String>,
}

/// A file that cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The header lacks a column that every row needs.
    #[error(
        "the header (row 1) has no {} column{}; `partnerdeck export csv --kind …` shows the \
         expected columns",
        .0.join(", "),
        if .0.len() == 1 { "" } else { "s" }
    )]
    MissingColumns(Vec<&'static str>),
    /// The file is empty or its header cannot be read.
    #[error("no header row: {0}")]
    NoHeader(String),
    /// A quoted cell is never closed: every row after it would be read as part of that cell.
    #[error(
        "row {row}: a cell starts with a quote (\") that is never closed, so every row after it \
         would be read into that one cell; close it (a quote inside a quoted cell is written \
         twice: \"\")"
    )]
    UnclosedQuote { row: u64 },
    /// The header names a column twice (1-based positions): which one to read is unclear.
    #[error(
        "row 1: the header names the {} column twice (columns {first} and {second}); keep one \
         of them",
        q(column)
    )]
    RepeatedColumn {
        column: String,
        first: usize,
        second: usize,
    },
}

/// The user's text as a message quotes it: inert, cut when long.
fn q(text: &str) -> String {
    excerpt(text, MESSAGE_VALUE)
}

/// `Initiated by` → `initiated_by`.
fn column_key(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

struct Row<'a> {
    record: &'a ::csv::StringRecord,
    columns: &'a HashMap<String, usize>,
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map_or("", |cell| unguard(cell.trim()))
    }
}

/// The row (1-based line) where a quoted cell opens that is never closed, read as the `csv`
/// crate reads: a quote opens a quoted cell only at the start of a cell, `""` inside one is a
/// quote, and a quote in the middle of an unquoted cell is text.
fn unclosed_quote(text: &str) -> Option<u64> {
    enum State {
        CellStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::CellStart;
    let mut line = 1u64;
    let mut opened_at = 0;
    for b in text.bytes() {
        state = match (state, b) {
            (State::CellStart, b'"') => {
                opened_at = line;
                State::Quoted
            }
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            // `""`: a quote inside the cell.
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b',' | b'\n' | b'\r') => State::CellStart,
            _ => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    matches!(state, State::Quoted).then_some(opened_at)
}

/// Reads `text` (CSV with a header row) and plans adding its rows to `ws`.
pub fn plan(ws: &Workspace, kind: Kind, text: &str, today: NaiveDate) -> Result<Plan, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Unclosed, the rest of the file would silently become one cell of one row.
    if let Some(row) = unclosed_quote(text) {
        return Err(ImportError::UnclosedQuote { row });
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| ImportError::NoHeader(e.to_string()))?
        .clone();
    if header.iter().all(|h| h.trim().is_empty()) {
        return Err(ImportError::NoHeader("the file is empty".into()));
    }
    let mut columns = HashMap::new();
    let mut ignored_columns = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let key = column_key(h);
        if kind.known_columns().contains(&key.as_str()) {
            if let Some(first) = columns.get(&key) {
                return Err(ImportError::RepeatedColumn {
                    column: key,
                    first: first + 1,
                    second: i + 1,
                });
            }
            columns.insert(key, i);
        } else if !key.is_empty() {
            ignored_columns.push(h.trim().to_string());
        }
    }
    let required: &[&'static str] = match kind {
        Kind::Partners => &["name"],
        Kind::Interactions => &["partner", "at", "summary"],
    };
    let missing: Vec<&'static str> = required
        .iter()
        .copied()
        .filter(|c| {
            let by_id = *c == "partner" && columns.contains_key("partner_id");
            !columns.contains_key(*c) && !by_id
        })
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }

    let mut p = Plan {
        kind,
        workspace: ws.clone(),
        added: Vec::new(),
        skipped: Vec::new(),
        rejected: Vec::new(),
        relative: Vec::new(),
        today,
        ignored_columns,
    };
    let mut seen = Seen::new(ws);
    let mut record = ::csv::StringRecord::new();
    loop {
        let row_no = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = e.position().map_or(row_no, |pos| pos.line());
                p.rejected.push(RowNote {
                    row,
                    label: String::new(),
                    reason: format!("cannot be read: {e}"),
                });
                if matches!(e.kind(), ::csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let row_no = record.position().map_or(row_no, |pos| pos.line());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row = Row {
            record: &record,
            columns: &columns,
        };
        match kind {
            Kind::Partners => partner_row(&mut p, &mut seen, &row, row_no, today),
            Kind::Interactions => interaction_row(&mut p, &mut seen, &row, row_no, today),
        }
    }
    p.workspace.normalize();
    Ok(p)
}

/// What is already there, to find duplicates: partner names (squashed) with the row or id
/// that has them, and interaction keys.
struct Seen {
    names: HashMap<String, String>,
    interactions: HashMap<(PartnerId, NaiveDateTime, String), String>,
}

fn interaction_key(
    partner: PartnerId,
    at: NaiveDateTime,
    summary: &str,
) -> (PartnerId, NaiveDateTime, String) {
    (partner, at, one_line(summary).to_lowercase())
}

impl Seen {
    fn new(ws: &Workspace) -> Self {
        Seen {
            names: ws
                .partners
                .iter()
                .map(|p| {
                    (
                        find::squash(&p.name),
                        format!("already there as {} ({})", p.name, p.id),
                    )
                })
                .collect(),
            interactions: ws
                .interactions
                .iter()
                .map(|x| {
                    (
                        interaction_key(x.partner, x.at, &x.summary),
                        format!("already in the log ({})", x.id),
                    )
                })
                .collect(),
        }
    }
}

fn choice<T>(
    text: &str,
    field: &str,
    parse: impl Fn(&str) -> Option<T>,
    all: &[T],
    label: impl Fn(&T) -> &'static str,
    errors: &mut Vec<String>,
) -> Option<T> {
    if text.is_empty() {
        return None;
    }
    let found = parse(text);
    if found.is_none() {
        let names: Vec<&str> = all.iter().map(label).collect();
        let (last, first) = names.split_last().map_or(("", &[][..]), |(l, f)| (*l, f));
        errors.push(format!(
            "bad {field} `{}` (use {} or {last})",
            q(text),
            first.join(", ")
        ));
    }
    found
}

/// Whether a date or time is written out (`2026-11-20`, `2026-11-20 14:30`), not relative to
/// today (`yesterday`, `-2d`, `fri`).
fn is_absolute(text: &str) -> bool {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok()
        || [
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
        ]
        .iter()
        .any(|f| NaiveDateTime::parse_from_str(t, f).is_ok())
}

/// Notes a relative date's reading ("at `yesterday` read as 2026-11-26 09:00").
fn note_relative(text: &str, field: &str, read_as: Option<String>, notes: &mut Vec<String>) {
    if let Some(read_as) = read_as
        && !text.trim().is_empty()
        && !is_absolute(text)
    {
        notes.push(format!("{field} `{}` read as {read_as}", q(text.trim())));
    }
}

fn date_field(
    text: &str,
    field: &str,
    today: NaiveDate,
    errors: &mut Vec<String>,
) -> Option<NaiveDate> {
    if text.is_empty() {
        return None;
    }
    match parse_date(text, today) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(format!(
                "bad date in {field}: `{}` (use YYYY-MM-DD, like 2026-12-01)",
                q(text)
            ));
            None
        }
    }
}

fn days_field(text: &str, field: &str, errors: &mut Vec<String>) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    match text.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(format!(
                "bad {field} `{}` (a whole number of days)",
                q(text)
            ));
            None
        }
    }
}

/// The problems `validate` finds in a workspace holding `ws`'s profile, one partner and
/// optionally one log entry: the model's own rules for a single new record.
fn problems_of(
    ws: &Workspace,
    partner: &Partner,
    interaction: Option<&Interaction>,
) -> Vec<String> {
    let mut scratch = Workspace::named(ws.profile.name.clone());
    scratch.partners.push(partner.clone());
    scratch.interactions.extend(interaction.cloned());
    validate(&scratch)
        .into_iter()
        .map(|problem| problem.message)
        .collect()
}

fn partner_row(p: &mut Plan, seen: &mut Seen, row: &Row<'_>, row_no: u64, today: NaiveDate) {
    let mut errors = Vec::new();
    let name = one_line(row.get("name"));
    if name.is_empty() {
        errors.push("missing name".to_string());
    }
    let kind = choice(
        row.get("kind"),
        "kind",
        PartnerKind::parse,
        PartnerKind::ALL,
        |k| k.label(),
        &mut errors,
    );
    let phase = choice(
        row.get("phase"),
        "phase",
        Phase::parse,
        Phase::ALL,
        |k| k.label(),
        &mut errors,
    );
    let since_date = date_field(row.get("since"), "since", today, &mut errors);
    let mut relative = Vec::new();
    note_relative(
        row.get("since"),
        "since",
        since_date.map(|d| d.to_string()),
        &mut relative,
    );
    let since = since_date.unwrap_or(today);
    let ideal = days_field(row.get("ideal_days"), "ideal_days", &mut errors);
    let max = days_field(row.get("max_days"), "max_days", &mut errors);
    let interval = days_field(
        row.get("review_interval_days"),
        "review_interval_days",
        &mut errors,
    );
    let mut partner = Partner::new(PartnerId(p.workspace.next_id.max(1)), name.clone(), since);
    if let Some(k) = kind {
        partner.kind = k;
    }
    if let Some(ph) = phase {
        partner.phase = ph;
    }
    partner.values = split(row.get("values"));
    partner.offers = split(row.get("offers"));
    partner.needs = split(row.get("needs"));
    partner.contacts = parse_contacts(row.get("contacts"));
    if let Some(n) = ideal {
        partner.cadence.ideal_days = n;
    }
    if let Some(n) = max {
        partner.cadence.max_days = n;
    } else if ideal.is_some() {
        partner.cadence.max_days = partner.cadence.max_days.max(partner.cadence.ideal_days);
    }
    if let Some(n) = interval {
        partner.review_interval_days = n;
    }
    partner.aim = row.get("aim").to_string();
    partner.tags = split(row.get("tags"));
    partner.notes = row.get("notes").to_string();
    if errors.is_empty() {
        errors.extend(problems_of(&p.workspace, &partner, None));
    }
    if !errors.is_empty() {
        p.rejected.push(RowNote {
            row: row_no,
            label: name,
            reason: errors.join("; "),
        });
        return;
    }
    let key = find::squash(&name);
    if let Some(why) = seen.names.get(&key) {
        p.skipped.push(RowNote {
            row: row_no,
            label: name,
            reason: format!("duplicate: {why}"),
        });
        return;
    }
    seen.names.insert(key, format!("same name as row {row_no}"));
    partner.id = match p.workspace.try_allocate_id() {
        Ok(id) => PartnerId(id),
        Err(e) => {
            p.rejected.push(RowNote {
                row: row_no,
                label: name,
                reason: e.to_string(),
            });
            return;
        }
    };
    p.added.push(Added {
        row: row_no,
        id: partner.id.0,
        text: format!("{} ({}, {})", q(&partner.name), partner.kind, partner.phase),
    });
    if !relative.is_empty() {
        p.relative.push(RowNote {
            row: row_no,
            label: partner.name.clone(),
            reason: relative.join("; "),
        });
    }
    p.workspace.partners.push(partner);
}

/// Reads a time: `2026-11-20 14:30`, `2026-11-20T14:30:00`, a bare date (09:00), or any form
/// the forms accept (`yesterday 9:30`, `-2d`).
pub fn parse_time(text: &str, today: NaiveDate) -> Result<NaiveDateTime, DateError> {
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text.trim(), f) {
            return Ok(t);
        }
    }
    let nine = today
        .and_hms_opt(9, 0, 0)
        .expect("09:00 exists on every day");
    parse_date_time(text, nine)
}

fn interaction_row(p: &mut Plan, seen: &mut Seen, row: &Row<'_>, row_no: u64, today: NaiveDate) {
    let mut errors = Vec::new();
    let summary = row.get("summary").to_string();
    let label = one_line(&summary);
    let partner_text = row.get("partner");
    let partner = if !partner_text.is_empty() {
        match find::exact(&p.workspace, partner_text) {
            Some(found) => Some(found.clone()),
            None => {
                let hint = match find::partner(&p.workspace, partner_text) {
                    Ok(close) => format!(" (did you mean {}?)", q(&close.name)),
                    Err(_) => String::new(),
                };
                errors.push(format!("unknown partner `{}`{hint}", q(partner_text)));
                None
            }
        }
    } else {
        let id_text = row.get("partner_id");
        if id_text.is_empty() {
            errors.push("missing partner".into());
            None
        } else {
            match id_text.trim_start_matches('#').parse::<u64>() {
                Ok(id) => match p.workspace.partner(PartnerId(id)) {
                    Some(found) => Some(found.clone()),
                    None => {
                        errors.push(format!("unknown partner id {}", q(id_text)));
                        None
                    }
                },
                Err(_) => {
                    errors.push(format!("bad partner_id `{}`", q(id_text)));
                    None
                }
            }
        }
    };
    let at_text = row.get("at");
    let at = if at_text.is_empty() {
        errors.push("missing time (at)".into());
        None
    } else {
        match parse_time(at_text, today) {
            Ok(t) => Some(t),
            Err(_) => {
                errors.push(format!(
                    "bad date in at: `{}` (use YYYY-MM-DD HH:MM, like 2026-11-20 14:30)",
                    q(at_text)
                ));
                None
            }
        }
    };
    if summary.trim().is_empty() {
        errors.push("missing summary".into());
    }
    let channel = choice(
        row.get("channel"),
        "channel",
        Channel::parse,
        Channel::ALL,
        |c| c.label(),
        &mut errors,
    )
    .unwrap_or(Channel::Other);
    let initiated_by = choice(
        row.get("initiated_by"),
        "initiated_by",
        Side::parse,
        Side::ALL,
        |s| s.label(),
        &mut errors,
    )
    .unwrap_or(Side::Us);
    let sentiment_text = row.get("sentiment");
    let sentiment = if sentiment_text.is_empty() {
        None
    } else {
        match sentiment_text.parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ => {
                errors.push(format!(
                    "bad sentiment `{}` (a whole number from 1 to 5)",
                    q(sentiment_text)
                ));
                None
            }
        }
    };
    let what = row.get("follow_up");
    let due = date_field(
        row.get("follow_up_due"),
        "follow_up_due",
        today,
        &mut errors,
    );
    let done = date_field(
        row.get("follow_up_done"),
        "follow_up_done",
        today,
        &mut errors,
    );
    let mut relative = Vec::new();
    note_relative(at_text, "at", at.map(super::csv::time), &mut relative);
    note_relative(
        row.get("follow_up_due"),
        "follow_up_due",
        due.map(|d| d.to_string()),
        &mut relative,
    );
    note_relative(
        row.get("follow_up_done"),
        "follow_up_done",
        done.map(|d| d.to_string()),
        &mut relative,
    );
    let follow_up = if what.is_empty() {
        if !row.get("follow_up_due").is_empty() || !row.get("follow_up_done").is_empty() {
            errors.push("a follow-up date without a follow_up saying what".into());
        }
        None
    } else {
        match due {
            Some(due) => Some(FollowUp {
                what: what.to_string(),
                due,
                done,
            }),
            None => {
                if row.get("follow_up_due").is_empty() {
                    errors.push("follow_up needs a follow_up_due date".into());
                }
                None
            }
        }
    };
    let (Some(partner), Some(at), true) = (partner, at, errors.is_empty()) else {
        p.rejected.push(RowNote {
            row: row_no,
            label,
            reason: errors.join("; "),
        });
        return;
    };
    let mut x = Interaction {
        id: InteractionId(p.workspace.next_id.max(1)),
        partner: partner.id,
        at,
        channel,
        initiated_by,
        summary,
        sentiment,
        follow_up,
    };
    let problems = problems_of(&p.workspace, &partner, Some(&x));
    if !problems.is_empty() {
        p.rejected.push(RowNote {
            row: row_no,
            label,
            reason: problems.join("; "),
        });
        return;
    }
    let key = interaction_key(partner.id, at, &x.summary);
    if let Some(why) = seen.interactions.get(&key) {
        p.skipped.push(RowNote {
            row: row_no,
            label,
            reason: format!("duplicate: {why}"),
        });
        return;
    }
    seen.interactions.insert(
        key,
        format!("same partner, time and summary as row {row_no}"),
    );
    x.id = match p.workspace.try_allocate_id() {
        Ok(id) => InteractionId(id),
        Err(e) => {
            p.rejected.push(RowNote {
                row: row_no,
                label,
                reason: e.to_string(),
            });
            return;
        }
    };
    p.added.push(Added {
        row: row_no,
        id: x.id.0,
        text: format!(
            "{} · {} · {}: {}",
            q(&partner.name),
            super::csv::time(at),
            channel,
            q(&label)
        ),
    });
    if !relative.is_empty() {
        p.relative.push(RowNote {
            row: row_no,
            label,
            reason: relative.join("; "),
        });
    }
    p.workspace.interactions.push(x);
}

impl Plan {
    /// The report printed by `partnerdeck import`: what is (or would be) added, skipped and
    /// rejected, each with its row.
    pub fn report(&self, source: &str, applied: bool) -> String {
        let mut out = String::new();
        let n = self.added.len();
        let noun = self.kind.noun(n);
        let _ = match (applied, n) {
            (true, 0) => writeln!(
                out,
                "{source}: nothing to add; the data file was not changed"
            ),
            (true, _) => writeln!(out, "{source}: added {n} {noun}:"),
            (false, 0) => writeln!(out, "{source}: nothing would be added (dry run)"),
            (false, _) => writeln!(
                out,
                "{source}: would add {n} {noun} (dry run: nothing was written; add --apply to \
                 write):"
            ),
        };
        for a in &self.added {
            let _ = writeln!(out, "  row {:<4} #{:<5} {}", a.row, a.id, a.text);
        }
        let list = |out: &mut String, title: String, notes: &[RowNote]| {
            if notes.is_empty() {
                return;
            }
            let _ = writeln!(out, "{title}");
            for r in notes {
                let label = if r.label.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", excerpt(&r.label, 50))
                };
                let _ = writeln!(out, "  row {:<4} {label}{}", r.row, r.reason);
            }
        };
        let s = self.skipped.len();
        list(
            &mut out,
            format!("skipped {s} duplicate{}:", if s == 1 { "" } else { "s" }),
            &self.skipped,
        );
        let r = self.rejected.len();
        list(
            &mut out,
            format!(
                "rejected {r} row{}{}:",
                if r == 1 { "" } else { "s" },
                if applied { " (not added)" } else { "" }
            ),
            &self.rejected,
        );
        list(
            &mut out,
            format!(
                "relative dates, read against today ({}); imported on another day they read \
                 differently and are not found as duplicates, so write the dates themselves:",
                self.today
            ),
            &self.relative,
        );
        if !self.ignored_columns.is_empty() {
            let _ = writeln!(
                out,
                "ignored columns (not known): {}",
                self.ignored_columns
                    .iter()
                    .map(|c| q(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        out
    }

    /// Ids of the records added, for checks.
    pub fn added_ids(&self) -> HashSet<u64> {
        self.added.iter().map(|a| a.id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn headers_are_matched_loosely_and_unknown_ones_reported() {
        let ws = Workspace::named("Us");
        let csv = "\u{feff}Name,Kind,Favourite colour,Ideal days\nAcme,nonprofit,blue,7\n";
        let p = plan(&ws, Kind::Partners, csv, day("2026-11-27")).unwrap();
        assert_eq!(p.ignored_columns, vec!["Favourite colour"]);
        let acme = &p.workspace.partners[0];
        assert_eq!(acme.kind, PartnerKind::Nonprofit);
        assert_eq!(acme.cadence.ideal_days, 7);
        assert_eq!(acme.since, day("2026-11-27"));
    }

    #[test]
    fn a_file_without_the_needed_columns_is_refused() {
        let ws = Workspace::named("Us");
        let err = plan(
            &ws,
            Kind::Interactions,
            "who,when\nx,y\n",
            day("2026-11-27"),
        );
        assert_eq!(
            err.unwrap_err(),
            ImportError::MissingColumns(vec!["partner", "at", "summary"])
        );
    }

    #[test]
    fn times_in_several_forms() {
        let t = |s: &str| parse_time(s, day("2026-11-27")).map(|t| t.to_string());
        assert_eq!(t("2026-11-20 14:30").unwrap(), "2026-11-20 14:30:00");
        assert_eq!(t("2026-11-20T14:30:05").unwrap(), "2026-11-20 14:30:05");
        assert_eq!(t("2026-11-20").unwrap(), "2026-11-20 09:00:00");
        assert!(t("last tuesday").is_err());
    }
}
