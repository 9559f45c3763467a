//! Where a command's data comes from and how it is changed: the data file (or the demo
//! sample) read through a `store::Session` (read-only, or holding the lock to write), and a
//! change written through the document ([`Source::write_change`]: the lock, the guarded save,
//! the backup policy), as the dashboard writes it.

use super::CommandError;
use crate::document::{self, Backups, Change, Written};
use crate::model::Workspace;
use crate::store::{self, LockError, Session, SessionError};
use chrono::NaiveDate;
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
    fn open_for_writing(
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
    /// Makes `change` on the data file and saves it, as every writing command does: the file
    /// opened for writing (the lock held, `--wait` is `wait`; `retry` says how to retry when
    /// another process holds it), then [`document::write_change`] (checked as a change, saved
    /// with the guard and `backups`; made again on what the file holds when it changed since
    /// it was read). The change's own error comes back as it is.
    pub(crate) fn write_change<T, E>(
        &self,
        retry: &'static str,
        wait: Option<u64>,
        backups: Backups,
        name: impl Fn(&T) -> Change,
        change: impl FnMut(&mut Workspace) -> Result<T, E>,
    ) -> Result<Written<T>, CommandError>
    where
        E: std::error::Error + Into<CommandError> + 'static,
    {
        let (session, ws, stamp) = self.open_for_writing(retry, wait)?;
        document::write_change(session.path(), ws, stamp, self.today, backups, name, change)
            .map_err(CommandError::from_write)
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
