//! CSV import of partners or log entries, as planned changes: `plan` reads every row, rejects
//! the ones it cannot use (with the row number and every reason), skips duplicates, and returns
//! the workspace with the rest added, for the command (`run`) to show (a dry run) or save
//! (`--apply`).
//!
//! Columns are found by their header (case, spaces and dashes do not matter: `Initiated by` is
//! `initiated_by`); only `name` (partners) or `partner`, `at` and `summary` (interactions) are
//! needed, the rest take the defaults of a new record. The tables written by `export csv` read
//! back as they are; their `id` column is not used, new records get new ids. Row numbers are
//! the file's line numbers (the header is row 1), as a spreadsheet shows them.
//!
//! Duplicates: a partner whose name matches one already there or an earlier row (ignoring case,
//! spacing, punctuation and accents); a log entry with the same partner, time and summary.

use crate::export::csv::unguard;
use crate::export::text::one_line;
use crate::model::find;
use crate::model::*;
use crate::text::{MESSAGE_VALUE, excerpt};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;
use std::fmt::Write as _;

mod rows;
mod run;
pub use rows::parse_time;
use rows::{interaction_row, partner_row};
pub use run::run;

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
            Kind::Partners => crate::export::csv::PARTNER_COLUMNS,
            Kind::Interactions => crate::export::csv::INTERACTION_COLUMNS,
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

    /// A log entry names its partner by the whole id, by the form people see (`#k3f9x2qa`), or
    /// by a version 1 counter id.
    #[test]
    fn a_partner_is_named_by_any_form_of_its_id() {
        let mut ws = Workspace::named("Us");
        let new = PartnerId(ws.allocate_id());
        ws.partners
            .push(Partner::new(new, "New", day("2026-01-01")));
        ws.partners
            .push(Partner::new(PartnerId(7), "Old", day("2026-01-01")));
        ws.normalize();
        for (text, name) in [
            (new.to_string(), "New"),
            (new.0.to_string(), "New"),
            (new.to_string().to_uppercase(), "New"),
            ("#7".to_string(), "Old"),
        ] {
            let csv = format!("partner_id,at,summary\n{text},2026-11-20 10:00,Hello\n");
            let p = plan(&ws, Kind::Interactions, &csv, day("2026-11-27")).unwrap();
            assert!(p.rejected.is_empty(), "{text}: {:?}", p.rejected);
            let x = p.workspace.interactions.last().unwrap();
            assert_eq!(p.workspace.partner(x.partner).unwrap().name, name, "{text}");
        }
    }
}
