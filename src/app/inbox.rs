//! The dashboard's side of `ingest`: the folders the configuration watches, read and matched
//! on a worker thread against the workspace as it was when the read started (a channel brings
//! the proposals back, as the sync job does), so no key ever waits for the mail. The proposals
//! of the last read stay here; the review queue (`inbox_view.rs`) shows those not decided in
//! the workspace as it is.
//! At start, a read whose proposals wait opens the queue (or says so, when something else is
//! open).

use super::App;
use super::overlay::Overlay;
use super::status::Level;
use crate::ingest::Proposal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// How far back the dashboard's reads look (the command reads everything without `--since`).
pub const DAYS_BACK: u64 = 90;

/// The watched folders, a read under way and the last one done.
#[derive(Debug, Default)]
pub struct Inbox {
    pub folders: Vec<PathBuf>,
    job: Option<Receiver<Vec<Proposal>>>,
    /// What the last read proposed.
    pub found: Option<Arc<Vec<Proposal>>>,
    /// The read under way is the one at start: when it brings proposals, the queue opens.
    offer: bool,
}

impl Inbox {
    /// Whether a read is under way.
    pub fn reading(&self) -> bool {
        self.job.is_some()
    }
}

/// Lowers the calling thread's scheduling priority (Linux: per thread), so that on a busy
/// machine the dashboard's thread is run first and its keys are not slowed by the read.
fn lower_priority() {
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

impl App {
    /// The folders to watch (from the configuration).
    pub fn watch_folders(&mut self, folders: Vec<PathBuf>) {
        self.jobs.inbox.folders = folders;
    }

    /// Starts reading the watched folders on a worker thread (unless a read is under way);
    /// `offer`: open the queue when the read brings proposals (the read at start). False
    /// when there is nothing to read.
    pub fn start_inbox_read(&mut self, offer: bool) -> bool {
        if self.jobs.inbox.folders.is_empty() {
            return false;
        }
        if self.jobs.inbox.job.is_some() {
            return true;
        }
        let (send, receive) = mpsc::channel();
        let folders = self.jobs.inbox.folders.clone();
        let now = self.now;
        let since = Some(self.today() - chrono::Days::new(DAYS_BACK));
        let ws = self.ws().clone();
        let started = std::thread::Builder::new()
            .name("partnerdeck-ingest".into())
            .spawn(move || {
                lower_priority();
                let read = crate::ingest::read_paths(&folders, now, since);
                let found = crate::ingest::proposals(&ws, &read, now, since);
                let _ = send.send(found.proposals);
            });
        match started {
            Ok(_) => {
                self.jobs.inbox.job = Some(receive);
                self.jobs.inbox.offer = offer;
                true
            }
            Err(e) => {
                self.set_status(
                    Level::Error,
                    format!("Could not read the mail folders: {e}"),
                );
                false
            }
        }
    }

    /// Takes in a finished read: an open queue fills with it; the read at start opens the
    /// queue when proposals wait. True when the screen changed.
    pub fn poll_inbox(&mut self) -> bool {
        let Some(job) = &self.jobs.inbox.job else {
            return false;
        };
        let found = match job.try_recv() {
            Ok(found) => found,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => {
                self.jobs.inbox.job = None;
                self.set_status(
                    Level::Error,
                    "Reading the mail folders stopped unexpectedly",
                );
                return true;
            }
        };
        self.jobs.inbox.job = None;
        self.jobs.inbox.found = Some(Arc::new(found));
        let offer = std::mem::take(&mut self.jobs.inbox.offer);
        let mut filled = false;
        for overlay in self.stack_mut() {
            if let Overlay::Ingest(view) = overlay {
                filled = true;
                view.reading = false;
            }
        }
        if filled {
            let fresh = self.inbox_view();
            for overlay in self.stack_mut() {
                if let Overlay::Ingest(view) = overlay {
                    view.fill(&fresh);
                }
            }
            return true;
        }
        if offer {
            let view = self.inbox_view();
            let n = view.waiting();
            if n > 0 {
                let key = self.key_text(
                    crate::action::Action::Ingest,
                    crate::action::Context::Dashboard,
                );
                let said = format!(
                    "{} from your mail, calendars and contacts wait for review ({key})",
                    crate::words::count(n, "proposal")
                );
                if self.dashboard_in_front() && self.doc.read_only().is_none() {
                    let mut view = view;
                    view.guard = Some(self.clock.instant() + super::keys::QUESTION_GUARD);
                    self.open(Overlay::Ingest(Box::new(view)));
                }
                self.set_status(Level::Info, said);
            }
        }
        true
    }

    /// Waits for a read under way and takes it in (tests, benchmarks).
    pub fn finish_inbox(&mut self) {
        while self.jobs.inbox.job.is_some() {
            if !self.poll_inbox() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }

    /// The queue for the last read and the workspace as it is.
    pub(super) fn inbox_view(&self) -> super::inbox_view::IngestView {
        let found = self.jobs.inbox.found.clone().unwrap_or_default();
        let mut view = super::inbox_view::IngestView::new(found, self.jobs.inbox.reading());
        view.refresh(self);
        view
    }

    /// `I`: the queue, with what the last read found, and a fresh read started.
    pub(super) fn open_inbox(&mut self) {
        if self.jobs.inbox.folders.is_empty() {
            self.set_status(
                Level::Info,
                "No mail, calendar or contact folders to read: name them in the configuration \
                 (ingest: [\"~/Mail/work/INBOX\"], see `partnerdeck config --path`)",
            );
            return;
        }
        self.start_inbox_read(false);
        let view = self.inbox_view();
        self.open(Overlay::Ingest(Box::new(view)));
    }

    /// A proposal edited in the form before accepting (`e` in the queue): the entry as the form
    /// built it, and the proposal remembered as accepted, as one change.
    pub(super) fn accept_edited(&mut self, built: super::forms::Built) {
        let super::forms::Built::Interaction(entry) = built else {
            return;
        };
        let source = self.under.iter().rev().find_map(|o| match o {
            Overlay::Ingest(view) => view.editing.clone(),
            _ => None,
        });
        let name = crate::text::excerpt(self.ws().partner_name(entry.partner).unwrap_or("?"), 40);
        let Some(source) = source else { return };
        let mut ws = crate::model::Workspace::clone(self.ws());
        if ws.upsert(entry).is_none() {
            self.set_status(Level::Warn, "Not saved: no ids are left in this file");
            return;
        }
        crate::ingest::apply::remember(&mut ws, vec![crate::model::Ingested::accepted(source)]);
        let change =
            crate::document::Change::named(format!("accepted an edited proposal for {name}"))
                .saying(format!(
                    "Accepted the edited proposal for {name} ({} undoes)",
                    self.undo_key()
                ));
        if self.commit(ws, change) {
            self.close();
            let ws = self.ws().clone();
            if let Some(Overlay::Ingest(view)) = &mut self.overlay {
                view.editing = None;
                view.refresh_now(&ws);
            }
        }
    }
}
