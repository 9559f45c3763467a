//! The command-line side of exports, imports, briefs and logging: reading the data file (or
//! the demo sample) through a `store::Session` (read-only, or holding the lock to write),
//! backing up, and writing every file through `store::write_private` (atomic, 0600). `cli`
//! calls these with what was typed; failures are [`CommandError`]s, which `cli` puts into words.

pub use super::command_error::CommandError;
use super::csv::Kind as Table;
use super::import::Kind as ImportKind;
use super::{Format, find, only_partner};
use crate::document::{self, Backups, Change};
use crate::model::Workspace;
use crate::store::{self, LockError, Session, SessionError};
use crate::text::clean_lines;
use chrono::{Local, NaiveDate, Timelike, Utc};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

/// Where the data comes from: the session options the command line gave, and the day taken as
/// today (read once).
#[derive(Debug, Clone)]
pub struct Source {
    /// The data file (`--file`, `PARTNERDECK_FILE` or the default), `--demo`, `--today`.
    pub options: store::Options,
    pub today: NaiveDate,
}

impl Source {
    pub fn new(options: store::Options) -> Source {
        let today = options.today();
        Source { options, today }
    }

    /// The workspace to read from (a read-only session: no lock, nothing written).
    pub fn read(&self) -> Result<Workspace, CommandError> {
        let options = store::Options {
            read_only: true,
            today: Some(self.today),
            ..self.options.clone()
        };
        let mut session = Session::start(&options)?;
        workspace_of(&mut session)
    }

    pub(crate) fn refuse_demo(&self, what: &'static str) -> Result<(), CommandError> {
        if self.options.demo {
            Err(CommandError::Demo { what })
        } else {
            Ok(())
        }
    }

    /// Opens the data file for writing (see [`open_for_writing`]; `--wait` is `wait`) and reads
    /// it.
    pub(crate) fn open_for_writing(
        &self,
        retry: &'static str,
        wait: Option<u64>,
    ) -> Result<(Session, Workspace, Option<store::Stamp>), CommandError> {
        let options = store::Options {
            read_only: false,
            wait: wait.map(Duration::from_secs),
            today: Some(self.today),
            ..self.options.clone()
        };
        let mut session = open_for_writing(&options, retry)?;
        let path = session.path().to_path_buf();
        // git writes the file in place: a load that meets it half written waits and reads again.
        match store::git_busy::read_settled(&path, || session.load())? {
            Some(opened) => Ok((session, opened.workspace, opened.stamp)),
            None => Err(CommandError::Missing(session.path().to_path_buf())),
        }
    }
}

/// The workspace a session reads; a missing file says how to make one.
fn workspace_of(session: &mut Session) -> Result<Workspace, CommandError> {
    match session.load()? {
        Some(opened) => Ok(opened.workspace),
        None => Err(CommandError::Missing(session.path().to_path_buf())),
    }
}

/// Opens a writing session for a command (the lock, waiting up to `options.wait` while another
/// process holds it; then the temporary files that killed runs left beside the file are
/// removed), or says who has the file open and how to retry.
pub fn open_for_writing(
    options: &store::Options,
    retry: &'static str,
) -> Result<Session, CommandError> {
    Session::start(options).map_err(|e| match e {
        SessionError::Lock(LockError::Held {
            data_path, holder, ..
        }) => CommandError::Held {
            data_path,
            holder,
            waited: options.wait,
            retry,
        },
        other => other.into(),
    })
}

/// Writes a file meant for people (Markdown, CSV): its control characters made inert like
/// [`print`], since it is later `cat`-ed to a terminal.
fn write_out(path: &Path, text: &str) -> Result<(), CommandError> {
    write_exact(path, &clean_lines(text))
}

/// Writes a file exactly (JSON, iCalendar).
fn write_exact(path: &Path, text: &str) -> Result<(), CommandError> {
    Ok(store::write_private(path, text.as_bytes())?)
}

/// Prints text meant for people (a report, a brief, a table) to stdout, its control characters
/// made inert (`text::clean_lines`: line breaks kept), as the dashboard shows them.
pub fn print(text: &str) -> Result<(), CommandError> {
    print_bytes(clean_lines(text).as_bytes())
}

/// Prints one line meant for people (a confirmation) to stdout, made inert like [`print`].
pub fn say(line: &str) -> Result<(), CommandError> {
    print(&format!("{line}\n"))
}

/// Writes to stdout exactly (JSON, iCalendar, scripts, manual pages); a reader that stops early
/// (`partnerdeck … | head`, a closed pipe) is not an error: the output just ends there.
pub fn print_bytes(bytes: &[u8]) -> Result<(), CommandError> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CommandError::Stdout(e)),
    }
}

/// Writes a message for people to stderr, made inert like [`print`]. A stderr that cannot be
/// written to (closed) is ignored: there is nowhere left to say it.
pub fn complain(message: &str) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(clean_lines(message).as_bytes())
        .and_then(|()| err.write_all(b"\n"))
        .and_then(|()| err.flush());
}

/// `partnerdeck export FORMAT [--partner NAME] [--out PATH] [--kind KIND]`.
pub fn export(
    src: &Source,
    format: Format,
    partner: Option<&str>,
    out: Option<&Path>,
    kind: Option<Table>,
    alarms: &super::ics::Alarms,
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
        Format::Ics => super::ics::calendar_with(&ws, src.today, Utc::now(), alarms),
        Format::Json => super::json::to_json(&ws)?,
        Format::Markdown => match chosen {
            Some(id) => super::markdown::partner(&full, id, src.today)
                .ok_or(CommandError::VanishedWhileReading)?,
            None => super::markdown::portfolio(&ws, src.today),
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
        Table::Health => super::health::csv(ws, today),
        k => super::csv::table(ws, k),
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
            for (name, text) in super::csv::tables(ws)? {
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

/// `partnerdeck import csv --kind KIND FILE [--apply]`. Exit code 1 when rows were rejected.
pub fn import(
    src: &Source,
    kind: ImportKind,
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
    let (session, ws, stamp) = src.open_for_writing("close it there, then import again", wait)?;
    let mut plan = None;
    let written = document::write_change(
        session.path(),
        ws,
        stamp,
        src.today,
        Backups::Always,
        |n: &usize| Change::named(format!("Imported {}", crate::words::count(*n, "row"))),
        |ws| {
            let p = plan_import(ws, kind, &text, src.today, file)?;
            *ws = p.workspace.clone();
            let added = p.added.len();
            plan = Some(p);
            Ok::<_, CommandError>(added)
        },
    );
    let written = written.map_err(CommandError::from_write)?;
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
    kind: ImportKind,
    text: &str,
    today: chrono::NaiveDate,
    file: &Path,
) -> Result<super::import::Plan, CommandError> {
    super::import::plan(ws, kind, text, today).map_err(|source| CommandError::Import {
        path: file.to_path_buf(),
        source,
    })
}

/// Exit code 1 when rows were rejected.
fn import_exit(plan: &super::import::Plan) -> ExitCode {
    if plan.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `partnerdeck brief NAME`.
pub fn brief(src: &Source, name: &str) -> Result<ExitCode, CommandError> {
    let ws = src.read()?;
    let p = find::partner(&ws, name)?;
    let text = super::brief::brief(&ws, p.id, src.today).ok_or(CommandError::Vanished)?;
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `partnerdeck log NAME SUMMARY …`: appends the entry and saves (with the dashboard's backup
/// policy), holding the lock meanwhile.
pub fn log(
    src: &Source,
    entry: &super::log::Entry<'_>,
    wait: Option<u64>,
) -> Result<ExitCode, CommandError> {
    src.refuse_demo("log")?;
    let (session, ws, stamp) = src.open_for_writing(
        "log it there (`l` on the partner), or close it and run this again",
        wait,
    )?;
    let clock = Local::now().time();
    let now = src
        .today
        .and_hms_opt(clock.hour(), clock.minute(), 0)
        .unwrap_or_else(|| src.today.and_time(clock));
    let written = document::write_change(
        session.path(),
        ws,
        stamp,
        src.today,
        Backups::ByPolicy,
        |x: &crate::model::Interaction| Change::named(format!("Logged {}", x.id)),
        |ws| super::log::add(ws, entry, now),
    )
    .map_err(CommandError::from_write)?;
    let (ws, x) = (written.workspace, written.value);
    // The entry is saved: whatever happens to the confirmation now, the command succeeded (a
    // failure would make a script log it again). A closed pipe ends quietly.
    if let Err(e) = say(&super::log::describe(&ws, &x)) {
        complain(&format!("partnerdeck: the entry was logged; {e}"));
    }
    Ok(ExitCode::SUCCESS)
}
