//! Why an export, import, brief or log command failed: one variant per failure, carrying what
//! the message names. The command line turns it into text (and the exit code) in one place.

use super::import::ImportError;
use super::log::LogError;
use crate::export::csv::Kind as Table;
use crate::model::find::FindError;
use crate::store::{BackupError, Holder, SaveError, SessionError};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Session(#[from] SessionError),
    /// The data file is not there.
    #[error(
        "{} does not exist; `partnerdeck init` creates it (or try --demo)",
        .0.display()
    )]
    Missing(PathBuf),
    /// A command that writes was asked of the demo sample.
    #[error("--demo is a read-only sample; {what} works on your own file (see `partnerdeck path`)")]
    Demo { what: &'static str },
    /// Another partnerdeck holds the file's lock (after `waited`, with `--wait`); `retry` says
    /// how to go on.
    #[error(
        "{} is open in partnerdeck ({holder}); {}{retry} (or add --wait SECONDS)",
        data_path.display(),
        waited.map_or(String::new(), |d| format!("waited {} s; ", d.as_secs()))
    )]
    Held {
        data_path: PathBuf,
        holder: Holder,
        waited: Option<Duration>,
        retry: &'static str,
    },
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("cannot write to stdout: {0}")]
    Stdout(std::io::Error),
    #[error(transparent)]
    Find(#[from] FindError),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Log(#[from] LogError),
    /// The partner found a moment ago is not in the report (markdown).
    #[error("the partner vanished while reading")]
    VanishedWhileReading,
    /// The partner found a moment ago is not in the brief.
    #[error("the partner vanished")]
    Vanished,
    /// `share` or `receive` refused, with the reason in words.
    #[error("{0}")]
    Share(String),
    #[error("--kind chooses a CSV table; it goes with `export csv`")]
    KindWithoutCsv,
    #[error("cannot write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error(
        "{} is a file; CSV export writes one file per table into a folder (or give --kind for \
         one table)",
        .0.display()
    )]
    CsvFolderIsFile(PathBuf),
    #[error(
        "CSV is one table per record kind: give --kind ({}) to print one, or --out FOLDER to \
         write them all",
        Table::ALL.map(|k| k.name()).join(", ")
    )]
    CsvWithoutKind,
    /// The table to import cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    ReadTable {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The table to import is not UTF-8; `byte` is the first bad one, counted from 1.
    #[error(
        "{} is not UTF-8 text (byte {byte}); save it as \"CSV UTF-8\"",
        path.display()
    )]
    NotUtf8 { path: PathBuf, byte: usize },
    #[error("{}: {source}", path.display())]
    Import { path: PathBuf, source: ImportError },
    #[error("the current version could not be backed up, so nothing was imported: {0}")]
    Backup(BackupError),
    /// `ingest` without a path, and the configuration names no folder to watch.
    #[error(
        "give the mail, calendar or contact folders and files to read, or name them in the \
         configuration (`ingest: [\"~/Mail/work/INBOX\"]`, see `partnerdeck config --path`)"
    )]
    NothingToIngest,
    /// What ingest would add does not fit the file (no ids left).
    #[error(transparent)]
    Ids(#[from] crate::model::IdsExhausted),
    /// The change was made but not saved (refused, the save failed, the file kept changing).
    #[error("{0}")]
    Write(String),
}

impl CommandError {
    /// A write through the document that failed: the change's own error as it is, the rest
    /// as said.
    pub fn from_write<E>(e: crate::document::WriteError<E>) -> CommandError
    where
        E: std::error::Error + Into<CommandError> + 'static,
    {
        match e {
            crate::document::WriteError::Change(e) => e.into(),
            other => CommandError::Write(other.to_string()),
        }
    }
}
