//! JSON export: the whole workspace with every field, as the data file holds it, for scripts
//! (`jq`, Python, spreadsheets' JSON import). Dates are `YYYY-MM-DD`, times
//! `YYYY-MM-DDTHH:MM:SS`, choices their variant names (`"WindingDown"`), commitment outcomes
//! `{"Kept": "2026-11-02"}`, absent options `null`. Reading it back with `from_json` gives the
//! same workspace.

use crate::model::Workspace;

/// The workspace as pretty-printed JSON, ending with a newline. Exact, and inert in a terminal:
/// serde_json escapes the C0 controls (ESC as `\u001b`); the other characters a terminal could
/// act on (DEL, the C1 controls, bidirectional overrides) are escaped as `\uXXXX` too, which
/// reads back as the same text.
pub fn to_json(ws: &Workspace) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(ws)?;
    let unsafe_char = |c: char| crate::text::is_unsafe(c) && c != '\n';
    if !text.contains(unsafe_char) {
        text.push('\n');
        return Ok(text);
    }
    // They can only be inside strings (the rest of JSON is ASCII), where an escape means the
    // same character.
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

/// A workspace from JSON written by `to_json`.
pub fn from_json(text: &str) -> Result<Workspace, serde_json::Error> {
    serde_json::from_str(text)
}
