//! The dashboard's side of `ingest`: the folders the configuration watches, read and matched
//! on a worker thread against the workspace as it was when the read started (a channel brings
//! the proposals back, as the sync job does), so no key ever waits for the mail. The proposals
//! of the last read stay here; the review queue (`overlay/inbox_view.rs`) shows those not decided in
//! the workspace as it is.
//! At start, a read whose proposals wait opens the queue (or says so, when something else is
//! open).

use crate::ingest::Proposal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

/// How far back the dashboard's reads look (the command reads everything without `--since`).
pub const DAYS_BACK: u64 = 90;

/// The watched folders, a read under way and the last one done.
#[derive(Debug, Default)]
pub struct Inbox {
    pub folders: Vec<PathBuf>,
    pub(super) job: Option<Receiver<Vec<Proposal>>>,
    /// What the last read proposed.
    pub found: Option<Arc<Vec<Proposal>>>,
    /// The read under way is the one at start: when it brings proposals, the queue opens.
    pub(super) offer: bool,
}

impl Inbox {
    /// Whether a read is under way.
    pub fn reading(&self) -> bool {
        self.job.is_some()
    }
}

/// Lowers the calling thread's scheduling priority (Linux: per thread), so that on a busy
/// machine the dashboard's thread is run first and its keys are not slowed by the read.
pub(super) fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority take plain values and only change this thread's nice
        // value; a failure is harmless (the read runs at the usual priority).
        unsafe {
            let tid = libc::gettid();
            libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
        }
    }
}
