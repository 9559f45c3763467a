//! The text form of a workspace: pretty, stable RON, and parse errors that point at a line and
//! column.

use crate::model::Workspace;
use ron::ser::PrettyConfig;
use std::fmt;

/// The first line of every saved file.
pub const HEADER: &str =
    "// partnerdeck workspace. Hand edits are fine; `partnerdeck check FILE` validates them.\n";

/// Where and why the text is not a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// What was wrong or expected, in ron's words.
    pub message: String,
    /// The offending line of text (without its newline), to show under the message.
    pub source_line: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

impl ParseError {
    /// The offending line with a caret under the column, for terminals: made inert, and of a
    /// long line only the stretch around the column (`…` marking what is left out).
    pub fn excerpt(&self) -> String {
        use crate::text::{clean, width};
        const BEFORE: usize = 60;
        const SHOWN: usize = 100;
        let at = |n: usize| {
            self.source_line
                .char_indices()
                .nth(n)
                .map_or(self.source_line.len(), |(i, _)| i)
        };
        let col = self.col.saturating_sub(1);
        let start = at(col.saturating_sub(BEFORE));
        let (caret_at, end) = (at(col), at(col.saturating_sub(BEFORE) + SHOWN));
        let before = clean(&self.source_line[start..caret_at.max(start)]);
        let mut shown = before.to_string();
        shown.push_str(&clean(
            &self.source_line[caret_at.max(start)..end.max(caret_at)],
        ));
        let mut caret = width(&before);
        if start > 0 {
            shown.insert(0, '…');
            caret += 1;
        }
        if end < self.source_line.len() {
            shown.push('…');
        }
        format!("  | {shown}\n  | {}^", " ".repeat(caret))
    }
}

fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .depth_limit(64)
}

/// Serializes the workspace as the file's text. Fails (before any disk is touched) only when the
/// data cannot be expressed, e.g. nesting too deep.
pub fn to_text(ws: &Workspace) -> Result<String, ron::Error> {
    let mut out = String::with_capacity(HEADER.len() + ws.record_count() * 200);
    out.push_str(HEADER);
    out.push_str(&ron::ser::to_string_pretty(ws, pretty())?);
    out.push('\n');
    Ok(out)
}

/// Parses text into a type, mapping errors to a line and column.
pub fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    ron::Options::default()
        .from_str::<T>(text)
        .map_err(|e| parse_error(text, e))
}

fn parse_error(text: &str, e: ron::error::SpannedError) -> ParseError {
    let line = e.span.start.line.max(1);
    let source_line = text.lines().nth(line - 1).unwrap_or("").to_string();
    // ron may point at the blank before a bad value: point at the value itself.
    let mut col = e.span.start.col.max(1);
    let blanks = source_line
        .chars()
        .skip(col - 1)
        .take_while(|c| c.is_whitespace())
        .count();
    if col - 1 + blanks < source_line.chars().count() {
        col += blanks;
    }
    ParseError {
        line,
        col,
        message: e.code.to_string(),
        source_line,
    }
}

/// The 1-based line of the record with this id in the saved text, if it can be found (ids are
/// unique across kinds, so the first `id: N,` is the record).
pub fn line_of_id(text: &str, id: u64) -> Option<usize> {
    RecordLines::of(text).line(id)
}

/// The line of every record's `id: N,` in a text, found in one pass, so that locating many
/// problems costs one reading of the text rather than one per problem.
#[derive(Debug, Default)]
pub struct RecordLines {
    first: rustc_hash::FxHashMap<u64, usize>,
}

impl RecordLines {
    pub fn of(text: &str) -> RecordLines {
        let mut first = rustc_hash::FxHashMap::default();
        for (i, line) in text.lines().enumerate() {
            let Some(rest) = line
                .trim_start()
                .trim_start_matches('(')
                .strip_prefix("id: ")
            else {
                continue;
            };
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0
                && rest[digits..].starts_with(',')
                && let Ok(id) = rest[..digits].parse::<u64>()
            {
                first.entry(id).or_insert(i + 1);
            }
        }
        RecordLines { first }
    }

    /// The 1-based line of the record with this id.
    pub fn line(&self, id: u64) -> Option<usize> {
        self.first.get(&id).copied()
    }
}
