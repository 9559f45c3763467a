//! RON text read into a type, with errors that point at a line and column (columns counted in
//! characters) and can show the offending line with a caret. Shared by the store (data files),
//! the configuration and the keymap; it knows nothing of what the text holds.

/// Where and why the text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
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
