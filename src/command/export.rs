//! The commands that lay the data out in a format: `partnerdeck export` (to stdout, a file or,
//! for CSV, a folder of tables) and `partnerdeck brief`. The formats themselves are `export`'s.

use super::output::{print, print_bytes, say, write_exact, write_out};
use super::{CommandError, Source};
use crate::export::csv::Kind as Table;
use crate::export::{self, Format, only_partner};
use crate::model::{Workspace, find};
use chrono::Utc;
use std::path::Path;
use std::process::ExitCode;

/// `partnerdeck export FORMAT [--partner NAME] [--out PATH] [--kind KIND]`.
pub fn run(
    src: &Source,
    format: Format,
    partner: Option<&str>,
    out: Option<&Path>,
    kind: Option<Table>,
    alarms: &export::ics::Alarms,
) -> Result<ExitCode, CommandError> {
    if kind.is_some() && format != Format::Csv {
        return Err(CommandError::KindWithoutCsv);
    }
    let full = src.read()?;
    let chosen = match partner {
        Some(name) => Some(find::partner(&full, name)?.id),
        None => None,
    };
    let ws = match chosen {
        Some(id) => only_partner(&full, id),
        None => full.clone(),
    };
    let text = match format {
        Format::Ics => export::ics::calendar_with(&ws, src.today, Utc::now(), alarms),
        Format::Json => export::json::to_json(&ws)?,
        Format::Markdown => match chosen {
            Some(id) => export::markdown::partner(&full, id, src.today)
                .ok_or(CommandError::VanishedWhileReading)?,
            None => export::markdown::portfolio(&ws, src.today),
        },
        Format::Csv => return export_csv(&ws, out, kind, src.today),
    };
    // Reports for people are made inert; machine formats stay exact (JSON escapes every
    // control character, iCalendar leaves them out).
    let for_people = format == Format::Markdown;
    match out {
        Some(path) => {
            if for_people {
                write_out(path, &text)?;
            } else {
                write_exact(path, &text)?;
            }
            say(&format!("wrote {}", path.display()))?;
        }
        None if for_people => print(&text)?,
        None => print_bytes(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn export_csv(
    ws: &Workspace,
    out: Option<&Path>,
    kind: Option<Table>,
    today: chrono::NaiveDate,
) -> Result<ExitCode, CommandError> {
    let table = |k: Table| match k {
        Table::Health => export::health::csv(ws, today),
        k => export::csv::table(ws, k),
    };
    match (kind, out) {
        (Some(k), None) => print(&table(k)?)?,
        (Some(k), Some(path)) => {
            let path = if path.is_dir() {
                path.join(k.file_name())
            } else {
                path.to_path_buf()
            };
            write_out(&path, &table(k)?)?;
            say(&format!("wrote {}", path.display()))?;
        }
        (None, Some(dir)) => {
            if dir.exists() && !dir.is_dir() {
                return Err(CommandError::CsvFolderIsFile(dir.to_path_buf()));
            }
            for (name, text) in export::csv::tables(ws)? {
                write_out(&dir.join(&name), &text)?;
            }
            say(&format!(
                "wrote {} tables to {}: {}",
                Table::ALL.len(),
                dir.display(),
                Table::ALL.map(|k| k.file_name()).join(", ")
            ))?;
        }
        (None, None) => return Err(CommandError::CsvWithoutKind),
    }
    Ok(ExitCode::SUCCESS)
}

/// `partnerdeck brief NAME`.
pub fn brief(src: &Source, name: &str) -> Result<ExitCode, CommandError> {
    let ws = src.read()?;
    let p = find::partner(&ws, name)?;
    let text = export::brief::brief(&ws, p.id, src.today).ok_or(CommandError::Vanished)?;
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}
