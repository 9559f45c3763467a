//! JSON export: the whole workspace with every field, as the data file holds it, for scripts
//! (`jq`, Python, spreadsheets' JSON import). Dates are `YYYY-MM-DD`, times
//! `YYYY-MM-DDTHH:MM:SS`, choices their variant names (`"WindingDown"`), commitment outcomes
//! `{"Kept": "2026-11-02"}`, absent options `null`. Reading it back with `from_json` gives the
//! same workspace.

use crate::model::Workspace;

/// The workspace as pretty-printed JSON, ending with a newline.
pub fn to_json(ws: &Workspace) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(ws)?;
    text.push('\n');
    Ok(text)
}

/// A workspace from JSON written by `to_json`.
pub fn from_json(text: &str) -> Result<Workspace, serde_json::Error> {
    serde_json::from_str(text)
}
