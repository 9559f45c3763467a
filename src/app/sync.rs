//! `S`: share with the team from the dashboard. Runs what `partnerdeck sync` does (commit with a
//! message that says what changed, pull through the merge driver, push) on a worker thread, so
//! keys keep working; the status line says how it went, and the merged file comes back in
//! through the outside-change path (conflicts, if any, open first). Every git call is bounded
//! (`PARTNERDECK_GIT_TIMEOUT`), and dropping the job (quitting) ends the git it is running.

use super::App;
use super::status::Level;
use crate::document::Source;
use crate::team::{Cancel, Outcome, Synced};
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// A sync under way: its answer to come, and the handle that stops its git. Dropped (the
/// dashboard quits), it ends the git child it is running.
#[derive(Debug)]
pub struct SyncJob {
    answer: Receiver<Result<Synced, SyncError>>,
    cancel: Cancel,
}

impl Drop for SyncJob {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// Why a sync from the dashboard failed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Team(#[from] crate::team::Error),
    /// The worker thread ended without a word (it panicked).
    #[error("the sync stopped unexpectedly")]
    Stopped,
}

impl App {
    pub(super) fn start_sync(&mut self) {
        if self.jobs.sync.is_some() {
            self.set_status(Level::Info, "A sync is already under way");
            return;
        }
        let Source::File(path) = self.doc.source().clone() else {
            self.set_status(
                Level::Info,
                "Sync shares your own file; the demo is a scratch copy",
            );
            return;
        };
        if self.refuse_read_only() {
            return;
        }
        // What is on screen goes to the file first.
        if !self.flush_saves() {
            self.set_status(
                Level::Warn,
                "Not synced: the last change is not saved yet (see above)",
            );
            return;
        }
        let (send, receive) = mpsc::channel();
        let cancel = Cancel::new();
        let stop = cancel.clone();
        let timeout = crate::team::timeout_from_env();
        let started = std::thread::Builder::new()
            .name("partnerdeck-sync".into())
            .spawn(move || {
                let _ = send
                    .send(crate::team::sync_held(&path, timeout, &stop).map_err(SyncError::from));
            });
        match started {
            Ok(_) => {
                self.jobs.sync = Some(SyncJob {
                    answer: receive,
                    cancel,
                });
                self.set_status(Level::Info, "Syncing with the team: commit, pull, push…");
            }
            Err(e) => self.set_status(Level::Error, format!("Could not start the sync: {e}")),
        }
    }

    /// Takes in a finished sync; true when the screen changed.
    pub fn poll_sync(&mut self) -> bool {
        let Some(job) = &self.jobs.sync else {
            return false;
        };
        let result = match job.answer.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err(SyncError::Stopped),
        };
        self.jobs.sync = None;
        match result {
            Ok(done) => {
                // The merged file comes in as any outside change does.
                self.check_disk();
                // The same lines as `partnerdeck sync` prints.
                let text = done.lines.join("; ");
                match done.outcome {
                    Outcome::InStep => self.set_status(Level::Info, format!("Sync: {text}")),
                    Outcome::Conflicts => {
                        self.set_status(Level::Warn, format!("Sync: {text}"));
                        self.open_conflicts();
                    }
                    Outcome::NotInStep => self.set_status(Level::Warn, format!("Sync: {text}")),
                    Outcome::Refused => self.set_status(Level::Error, format!("Sync: {text}")),
                }
            }
            Err(e) => self.set_status(Level::Error, format!("Sync failed: {e}")),
        }
        true
    }

    /// Waits for a sync under way (tests; quitting).
    pub fn finish_sync(&mut self) {
        while self.jobs.sync.is_some() {
            if !self.poll_sync() {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
    }
}
