//! `partnerdeck import csv --kind KIND FILE [--apply]`: the plan shown (a dry run), or made and
//! saved through the document, backed up first.

use super::{Kind, Plan, plan};
use crate::command::output::print;
use crate::command::{CommandError, Source};
use crate::document::{Backups, Change};
use crate::model::Workspace;
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

/// `partnerdeck import csv --kind KIND FILE [--apply]`. Exit code 1 when rows were rejected.
pub fn run(
    src: &Source,
    kind: Kind,
    file: &Path,
    apply: bool,
    wait: Option<u64>,
) -> Result<ExitCode, CommandError> {
    if apply {
        src.refuse_demo("import --apply")?;
    }
    let bytes = std::fs::read(file).map_err(|source| CommandError::ReadTable {
        path: file.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| CommandError::NotUtf8 {
        path: file.to_path_buf(),
        byte: e.utf8_error().valid_up_to() + 1,
    })?;
    if !apply {
        let plan = plan_import(&src.read()?, kind, &text, src.today, file)?;
        print(&plan.report(&file.display().to_string(), false))?;
        return Ok(import_exit(&plan));
    }
    let mut plan = None;
    let written = src.write_change(
        "close it there, then import again",
        wait,
        Backups::Always,
        |n: &usize| Change::named(format!("Imported {}", crate::words::count(*n, "row"))),
        |ws| {
            let p = plan_import(ws, kind, &text, src.today, file)?;
            *ws = p.workspace.clone();
            let added = p.added.len();
            plan = Some(p);
            Ok::<_, CommandError>(added)
        },
    )?;
    let plan = plan.ok_or(CommandError::VanishedWhileReading)?;
    let mut report = plan.report(&file.display().to_string(), true);
    if !plan.added.is_empty()
        && let Some(b) = written.backup
    {
        report.push_str(&format!(
            "the version before the import is kept as backup {} (`partnerdeck restore {}` \
                 puts it back)\n",
            b.id, b.id
        ));
    }
    print(&report)?;
    Ok(import_exit(&plan))
}

/// The plan of an import of `text` into `ws`.
fn plan_import(
    ws: &Workspace,
    kind: Kind,
    text: &str,
    today: NaiveDate,
    file: &Path,
) -> Result<Plan, CommandError> {
    plan(ws, kind, text, today).map_err(|source| CommandError::Import {
        path: file.to_path_buf(),
        source,
    })
}

/// Exit code 1 when rows were rejected.
fn import_exit(plan: &Plan) -> ExitCode {
    if plan.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
