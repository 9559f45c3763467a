//! The text form of a workspace: pretty, stable RON, and parse errors that point at a line and
//! column.

use crate::model::Workspace;
use ron::ser::PrettyConfig;

pub use crate::ron_text::{ParseError, parse};

/// The first line of every saved file.
pub const HEADER: &str =
    "// partnerdeck workspace. Hand edits are fine; `partnerdeck check FILE` validates them.\n";

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
