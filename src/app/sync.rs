//! `S`: share with the team from the dashboard. Runs what `partnerdeck sync` does (commit with a
//! message that says what changed, pull through the merge driver, push) on a worker thread, so
//! keys keep working; the status line says how it went, and the merged file comes back in
//! through the outside-change path (conflicts, if any, open first). Every git call is bounded
//! (`PARTNERDECK_GIT_TIMEOUT`), and dropping the job (quitting) ends the git it is running.

use crate::team::{Cancel, Synced};
use std::sync::mpsc::Receiver;

/// A sync under way: its answer to come, and the handle that stops its git. Dropped (the
/// dashboard quits), it ends the git child it is running.
#[derive(Debug)]
pub struct SyncJob {
    pub(super) answer: Receiver<Result<Synced, SyncError>>,
    pub(super) cancel: Cancel,
    /// The version on screen when it started: what the teammates' changes are told against.
    pub(super) before: std::sync::Arc<crate::model::Workspace>,
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
