//! The app's side of the file: saving after every change, collecting what the saver reports,
//! noticing outside changes (another program, a `git pull`, a hand edit) and never overwriting
//! them silently: with nothing unsaved the file is reloaded; otherwise the user chooses to reload
//! and re-apply their change on top (undoable), or to save their version as a copy.
//!
//! And the other jobs that go to disk or beyond it: the team sync (`sync.rs`), the watched mail
//! folders read in the background (`inbox.rs`), and what is rescued when the session ends
//! (`rescue.rs`).

use super::App;
use super::inbox::{DAYS_BACK, lower_priority};
use super::overlay::Overlay;
use super::overlay::confirm::{ConfirmView, Pending};
use super::overlay::whats_new::WhatsNewView;
use super::rescue::Rescue;
use super::status::Level;
use super::sync::{SyncError, SyncJob};
use crate::action::{Action, Context};
use crate::document::Change;
use crate::document::{OutsideChange, Settled};
use crate::document::{SaveEvent, Source};
use crate::model::Workspace;
use crate::model::merge::reapply;
use crate::team::{Cancel, Outcome};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, TryRecvError};

impl App {
    /// Collects the outcomes of saves; true when there were any (the screen may change: the
    /// header's "unsaved", an error, a question).
    pub fn poll_saves(&mut self) -> bool {
        let events = self.doc.poll_saves();
        let any = !events.is_empty();
        for event in events {
            self.on_save_event(event);
        }
        any
    }

    fn on_save_event(&mut self, event: SaveEvent) {
        match event {
            SaveEvent::Saved(_) => {}
            SaveEvent::Failed(e) => {
                self.set_status(
                    Level::Error,
                    format!("{e}. Everything is kept in memory; the next change retries (or quit and free space)."),
                );
            }
            SaveEvent::Conflict(_) => self.ask_conflict(),
        }
    }

    /// True when the screen shows changes the file does not have yet.
    pub fn unsaved(&self) -> bool {
        self.doc.unsaved()
    }

    /// The last save failure, until a save succeeds.
    pub fn save_error(&self) -> Option<String> {
        self.doc.save_error().map(str::to_string)
    }

    /// Looks at the file: reloads it when it changed and nothing is unsaved; asks otherwise.
    /// Returns true when something changed on screen.
    pub fn check_disk(&mut self) -> bool {
        let asking = matches!(
            self.overlay,
            Some(Overlay::Confirm(ConfirmView {
                pending: Pending::ResolveConflict,
                ..
            }))
        );
        match self.doc.take_outside_change(asking) {
            OutsideChange::None => return false,
            OutsideChange::Clash => self.ask_conflict(),
            OutsideChange::Reloaded => {
                self.follow_document();
                let text = if self.doc.read_only().is_some() {
                    "The file changed on disk: reloaded".to_string()
                } else {
                    format!(
                        "The file changed on disk: reloaded ({} undoes back to what you had)",
                        self.scene().undo_key()
                    )
                };
                self.set_status(Level::Info, text);
            }
            OutsideChange::Removed => self.set_status(Level::Warn, "The file was removed on disk; your data stays here and is saved with the next change"),
            OutsideChange::Unreadable(e) => self.set_status(Level::Error, format!("The file changed on disk and cannot be read now: {e}. Nothing was overwritten.")),
        }
        true
    }

    fn ask_conflict(&mut self) {
        let question = format!(
            "The file changed on disk while you had an unsaved change. {}: reload it and re-apply your change on top ({} undoes it) · {}: save your version as a copy beside the file, then reload",
            self.scene().key_text(Action::Yes, Context::Confirm),
            self.scene().undo_key(),
            self.scene().key_text(Action::No, Context::Confirm)
        );
        self.confirm(question, Pending::ResolveConflict);
        // It appears on its own, maybe while the user is typing: typing must not answer it.
        self.guard_question();
    }

    /// The answer to the conflict question.
    pub(super) fn resolve_conflict(&mut self, reapply_ours: bool) {
        let message = format!(
            "Reloaded the file and re-applied your change on top ({} undoes it)",
            self.scene().undo_key()
        );
        let change = Change::named("Re-applied your change on the reloaded file").saying(message);
        let said = change.said.clone();
        let settled = self.doc.settle_clash(reapply_ours, change);
        self.follow_document();
        let (level, text) = match settled {
            Settled::Reapplied => (Level::Info, said),
            Settled::Refused(refused) => (Level::Warn, refused.to_string()),
            Settled::Unreadable(e, copy) => (
                Level::Error,
                format!(
                    "The file on disk cannot be read ({e}); it was left as it is. Your version: {}",
                    copy.map_or_else(
                        |e| format!("not saved either: {e}"),
                        |p| format!("saved as {}", p.display())
                    )
                ),
            ),
            Settled::Copied { path, unfit } => (
                Level::Warn,
                match unfit {
                    Some(p) => format!(
                        "Your change does not fit the new file ({p}): it was saved as {}; showing the file as it is now",
                        path.display()
                    ),
                    None => format!(
                        "Your version was saved as {}; showing the file as it is now",
                        path.display()
                    ),
                },
            ),
            Settled::NotCopied(e, _) => (
                Level::Error,
                format!("Could not save a copy ({e}); your version stays on screen, unsaved"),
            ),
        };
        self.set_status(level, text);
        self.poll_saves();
    }

    /// Waits for pending saves (at quit); false when something could not be saved.
    pub fn flush_saves(&mut self) -> bool {
        for event in self.doc.flush() {
            self.on_save_event(event);
        }
        !self.unsaved() || self.doc.read_only().is_some()
    }
}

impl App {
    /// Asks whether to recover unsaved work an earlier session left in an emergency copy.
    pub fn offer_recovery(&mut self, copy: std::path::PathBuf) {
        let name = copy
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        self.confirm(
            format!(
                "An earlier session ended before saving; its work is in {name}. {}: recover it (the current file is backed up first) · {}: keep the copy aside in backups/",
                self.scene().key_text(Action::Yes, Context::Confirm),
                self.scene().key_text(Action::No, Context::Confirm)
            ),
            Pending::RecoverEmergency(copy),
        );
        self.guard_question();
    }

    pub(super) fn recover_emergency(&mut self, copy: std::path::PathBuf, recover: bool) {
        let data = match self.doc.source() {
            crate::document::Source::File(p) => p.clone(),
            _ => return,
        };
        if !recover {
            match crate::document::retire_emergency(&data, &copy) {
                Ok(p) => self.set_status(Level::Info, format!("Kept aside as {}", p.display())),
                Err(e) => self.set_status(Level::Error, format!("Could not move the copy: {e}")),
            }
            return;
        }
        let ours = match crate::store::load_emergency(&copy) {
            Ok(Some(loaded)) => loaded.workspace,
            Ok(None) => return self.set_status(Level::Warn, "The emergency copy is gone"),
            Err(e) => {
                return self.set_status(
                    Level::Error,
                    format!("The emergency copy cannot be read: {e}"),
                );
            }
        };
        // The file as it is now is kept first, whatever the backup policy's timer says: the
        // recovery must be undoable from disk too.
        if let Err(e) = self.doc.backup_now() {
            return self.set_status(
                Level::Error,
                format!("Nothing was recovered: the current file could not be kept in backups/ first ({e})"),
            );
        }
        let theirs = self.doc.disk_base().clone();
        let base = match crate::store::load_emergency(&crate::store::base_path(&copy)) {
            Ok(Some(loaded)) => loaded.workspace,
            // An older copy without its base: take what both still share as the base, so that
            // nothing added to the file since is deleted.
            _ => shared_base(&ours, &theirs),
        };
        let merged = reapply(&base, &ours, Workspace::clone(&theirs));
        let note = crate::store::note_path(&copy);
        let message = if note.exists() {
            format!(
                "Recovered the unsaved work onto the current file ({} undoes; the file before is in backups/). The text of a form that was open is in {}",
                self.scene().undo_key(),
                crate::store::note_path(
                    &crate::store::backup::backup_dir(&data)
                        .join(copy.file_name().unwrap_or_default())
                )
                .display()
            )
        } else {
            format!(
                "Recovered the unsaved work onto the current file ({} undoes; the file before is in backups/)",
                self.scene().undo_key()
            )
        };
        let change = Change::named("Recovered the unsaved work").saying(message);
        if self.commit(merged, change) {
            let _ = crate::document::retire_emergency(&data, &copy);
        }
    }
}

/// For an emergency copy written without its base: the records both versions hold, so that
/// recovering adds and changes what the copy has and deletes nothing the file gained since.
fn shared_base(ours: &Workspace, theirs: &Workspace) -> Workspace {
    let mut base = Workspace::clone(theirs);
    struct KeepShared<'a>(&'a Workspace, &'a mut Workspace);
    impl crate::model::EachKind for KeepShared<'_> {
        fn kind<R: crate::model::Record>(&mut self) {
            let ids: rustc_hash::FxHashSet<u64> = R::list(self.0).iter().map(R::id).collect();
            R::list_mut(self.1).retain(|r| ids.contains(&r.id()));
        }
    }
    crate::model::each_kind(&mut KeepShared(ours, &mut base));
    base
}

impl App {
    /// `q`: quits, unless the last save failed and the change on screen is in no file: then it
    /// asks whether to try again, keep a copy elsewhere, or quit without it.
    pub(super) fn ask_quit(&mut self) {
        let stuck = self.unsaved() && self.doc.read_only().is_none();
        match (self.save_error(), stuck) {
            (Some(e), true) => {
                self.confirm(
                    format!(
                        "Your last change is not saved ({e}). {}: try saving again, and quit if it works · {}: keep it in a copy (another folder if this one cannot be written) and quit · {}: quit without it · {}: stay",
                        self.scene().key_text(Action::Yes, Context::Confirm),
                        self.scene().key_text(Action::SaveElsewhere, Context::Confirm),
                        self.scene().key_text(Action::Discard, Context::Confirm),
                        self.scene().key_text(Action::No, Context::Confirm)
                    ),
                    Pending::QuitUnsaved,
                );
            }
            _ => self.quit = true,
        }
    }

    pub(super) fn answer_quit(&mut self, action: Action) {
        match action {
            Action::Yes => {
                self.doc.save_again();
                if self.flush_saves() && !self.unsaved() {
                    self.quit = true;
                } else {
                    self.ask_quit();
                }
            }
            Action::SaveElsewhere => self.keep_copy_and_quit(),
            Action::Discard => {
                self.ending.discard = true;
                self.quit = true;
            }
            Action::No => self.set_status(Level::Info, "Still here; nothing was lost"),
            _ => self.ask_quit(),
        }
    }

    /// Writes the unsaved work as an emergency copy (beside the file, else the per-user state
    /// folder, else the temporary folder) and quits, saying where it went; the next start offers
    /// it back.
    fn keep_copy_and_quit(&mut self) {
        let path = match self.doc.source() {
            crate::document::Source::File(p) | crate::document::Source::Demo(p) => p.clone(),
            crate::document::Source::Memory => {
                self.quit = true;
                return;
            }
        };
        let written = crate::document::write_emergency(
            &path,
            self.ws(),
            self.doc.disk_base(),
            None,
            chrono::Utc::now(),
        );
        match written {
            Ok(copy) => {
                self.ending.message = Some(format!(
                    "your unsaved changes were kept in {}; the next start offers to recover them",
                    copy.display()
                ));
                self.ending.discard = true;
                self.quit = true;
            }
            Err(e) => {
                self.set_status(
                    Level::Error,
                    format!("No copy could be written anywhere ({e}); your change stays on screen"),
                );
            }
        }
    }
}

// The team sync, the watched mail folders and what is rescued at the end.
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
        let before = self.doc.ws().clone();
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
                    before,
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
        let before = job.before.clone();
        self.jobs.sync = None;
        match result {
            Ok(done) => {
                // The merged file comes in as any outside change does.
                self.check_disk();
                // What teammates changed, compared in the background; told under any
                // conflicts to decide.
                let after = self.doc.ws().clone();
                if Arc::ptr_eq(&before, &after) {
                    self.looked();
                } else {
                    self.jobs.news.compare(before, after);
                }
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
                let key = self.scene().key_text(Action::Ingest, Context::Dashboard);
                let said = format!(
                    "{} from your mail, calendars and contacts wait for review ({key})",
                    crate::words::count(n, "proposal")
                );
                if self.dashboard_in_front() && self.doc.read_only().is_none() {
                    let mut view = view;
                    view.guard =
                        Some(self.clock.instant() + super::overlay::confirm::QUESTION_GUARD);
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
    pub(super) fn inbox_view(&self) -> super::overlay::inbox_view::IngestView {
        let found = self.jobs.inbox.found.clone().unwrap_or_default();
        let mut view =
            super::overlay::inbox_view::IngestView::new(found, self.jobs.inbox.reading());
        view.refresh(&self.scene());
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
            Change::named(format!("accepted an edited proposal for {name}")).saying(format!(
                "Accepted the edited proposal for {name} ({} undoes)",
                self.scene().undo_key()
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

    /// Everything not yet in the file, or `None` when nothing would be lost.
    pub fn rescue(&self) -> Option<Rescue> {
        let mut note = None;
        let mut draft = None;
        // The open form, or the one a question interrupted (under it).
        let form = match (&self.overlay, self.under()) {
            (Some(Overlay::Form(view)), _) => Some(&view.form),
            (Some(Overlay::Confirm(_)), Some(Overlay::Form(view))) => Some(&view.form),
            _ => None,
        };
        if let Some(form) = form.filter(|f| f.dirty) {
            let mut text = format!(
                "partnerdeck: the text of a form that was open when the session ended\n{}\n\n",
                form.title
            );
            // Dates as they were meant when typed: `now` or `fri` read later would be another day.
            for f in &form.fields {
                match super::forms::resolved(f, self.now) {
                    Some(value) => text.push_str(&format!(
                        "{}: {value} (typed as `{}`)\n",
                        f.label(),
                        f.value().trim()
                    )),
                    None => text.push_str(&format!("{}: {}\n", f.label(), f.value())),
                }
            }
            note = Some(text);
        }
        if let Some(Overlay::Review(state)) = &self.overlay {
            let d = state.draft();
            if !self.ws().drafts.contains(&d) {
                draft = Some(d);
            }
        }
        let changed = !Arc::ptr_eq(self.ws(), self.doc.disk_base());
        (changed || note.is_some() || draft.is_some()).then(|| Rescue {
            ws: self.ws().clone(),
            base: self.doc.disk_base().clone(),
            draft,
            note,
        })
    }
}

// "What's new": what teammates changed since this member last looked.
impl App {
    /// Keeps the version this member looked at in `place` from now on (`None`: nowhere).
    pub fn keep_seen_at(&mut self, place: Option<super::news::SeenPlace>) {
        self.jobs.news.seen = place;
    }

    /// At start: compares the file with the version seen, in the background; teammates'
    /// changes open "What's new" when it is done ([`App::poll_news`]).
    pub fn compare_with_seen(&mut self) {
        let now = self.doc.ws().clone();
        self.jobs.news.compare_at_start(now);
    }

    /// Takes in a comparison that is done (at start, after a sync); true when the screen
    /// changed.
    pub fn poll_news(&mut self) -> bool {
        match self.jobs.news.poll_compared() {
            None => false,
            // No version seen yet: this one is, from now on.
            Some(None) => {
                self.looked();
                false
            }
            Some(Some(all)) => self.tell_news(all),
        }
    }

    /// Waits for the comparisons and the write of the version seen (quitting; tests).
    pub fn finish_news(&mut self) {
        while self.jobs.news.comparing() {
            if !self.poll_news() {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
        self.jobs.news.finish();
    }

    /// What teammates changed from `before` to the version on screen, at once (what a sync
    /// does in the background): "What's new" opens when there is any; otherwise this version
    /// is the one seen. True when it opened.
    pub fn news_since(&mut self, before: &Workspace) -> bool {
        if std::ptr::eq(before, &**self.doc.ws()) {
            self.looked();
            return false;
        }
        let all = crate::insight::activity::between(before, self.ws());
        self.tell_news(all)
    }

    fn tell_news(&mut self, all: Vec<crate::insight::activity::Happened>) -> bool {
        let me = self.doc.author().map(crate::model::Identity::key);
        let groups = super::news::from_others(all, self.ws(), me.as_deref());
        if groups.is_empty() {
            self.looked();
            return false;
        }
        let view = WhatsNewView::new(&groups, self.ws());
        self.jobs.news.last = groups;
        // Over the dashboard; under anything open (a question, the conflicts to decide), so
        // it comes when that closes.
        let view = Overlay::WhatsNew(view);
        match self.overlay {
            None => self.open(view),
            Some(_) => self.under.insert(0, view),
        }
        true
    }

    /// `W`: the teammates' changes last found (since the last sync or the start).
    pub(super) fn open_whats_new(&mut self) {
        let view = WhatsNewView::new(&self.jobs.news.last, self.ws());
        self.open(Overlay::WhatsNew(view));
    }

    /// The member has seen the version on screen: it is kept as the one seen (in the
    /// background).
    pub(super) fn looked(&mut self) {
        let now = self.doc.ws().clone();
        self.jobs.news.keep(now);
    }
}
