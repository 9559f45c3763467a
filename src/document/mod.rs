//! The document: one workspace and its whole life. It owns the data, the figures derived from
//! it, the undo history with each change's name, the version last known to be in the file, the
//! saver, and why changes cannot be saved (read-only) or were not (the last save error). Every
//! writer changes the data through [`Document::commit`], the dashboard and the command line
//! alike: one validation (of the change), one guarded save, one backup policy.
//!
//! Below `app` and the commands, above `model`, `store` and `insight`.

pub mod author;
mod figures;
mod history;
pub mod reclaim;
pub mod rows;
pub mod saver;
pub mod trends;
mod writer;

pub use figures::Figures;
pub use history::{Change, UNDO_DEPTH};
pub use rows::{PartnerRows, Rows};
pub use saver::{
    BackgroundSaver, CopyError, DiskWriter, FileSaver, NoSaver, ReadOnly, SaveEvent, Saver,
    background,
};
pub use trends::Trends;
pub use writer::{
    Backups, WriteError, Written, create, restore, retire_emergency, write_change, write_emergency,
    write_merged,
};

use crate::insight::{Index, Overview};
use crate::model::{Delta, Problem, Workspace, validate, validate_changes};
use crate::store;
use chrono::NaiveDate;
use history::History;
use std::path::PathBuf;
use std::sync::Arc;

/// How many records a change may add, remove or change and still be followed rather than
/// every figure rebuilt.
pub(crate) const FOLLOW_LIMIT: usize = 512;

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The user's file.
    File(PathBuf),
    /// A scratch copy of the bundled sample (never the user's file).
    Demo(PathBuf),
    /// Nothing on disk (tests, headless rendering).
    Memory,
}

/// Why a change was not taken.
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    /// Changes cannot be saved here (another partnerdeck holds the file, or `--read-only`).
    ReadOnly(String),
    /// The change would break the data (a dangling reference, a date out of range…).
    Invalid(Problem),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::ReadOnly(reason) => write!(
                f,
                "Read-only ({reason}): nothing can be changed in this window"
            ),
            Refused::Invalid(p) => write!(f, "Not saved: {p}"),
        }
    }
}

/// What a change did to the figures: followed record by record (`Some`, with the change) or
/// rebuilt whole (`None`). Whoever shows the document follows it the same way.
pub type Followed = Option<Delta>;

/// What came back after an undo or a redo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stepped {
    /// The name of the change undone or redone, when known.
    pub name: Option<String>,
    /// How many merge conflicts the step brought back (undo only; 0 otherwise).
    pub conflicts_back: usize,
}

/// What a look at the file found ([`Document::take_outside_change`]).
#[derive(Debug)]
pub enum OutsideChange {
    /// Nothing to do: the file is as we know it, or a save is under way, or the user is
    /// already being asked.
    None,
    /// The file changed and nothing was unsaved: it was reloaded (undo goes back).
    Reloaded,
    /// The file is gone; the data stays in memory and is saved with the next change.
    Removed,
    /// The file changed but cannot be read now; nothing was overwritten.
    Unreadable(String),
    /// The file changed while a change was unsaved: the user must choose.
    Clash,
}

pub struct Document {
    ws: Arc<Workspace>,
    figures: Figures,
    history: History,
    /// The version last known to be in the file (after load or a save).
    disk_base: Arc<Workspace>,
    saver: Box<dyn Saver>,
    source: Source,
    read_only: Option<String>,
    save_error: Option<String>,
    /// Who signs the changes made through it (`author`); `None`: they are not signed.
    author: Option<crate::model::Identity>,
}

impl Document {
    /// A document over `ws`, with its figures for `today`, saved by `saver`.
    pub fn new(ws: Workspace, today: NaiveDate, source: Source, saver: Box<dyn Saver>) -> Self {
        let ws = Arc::new(ws);
        Document::assemble(Figures::build(&ws, today), ws, source, saver)
    }

    /// A document over `ws`, as on disk, with `figures` already worked out for it.
    fn assemble(
        figures: Figures,
        ws: Arc<Workspace>,
        source: Source,
        saver: Box<dyn Saver>,
    ) -> Self {
        Document {
            figures,
            disk_base: ws.clone(),
            ws,
            history: History::default(),
            saver,
            source,
            read_only: None,
            save_error: None,
            author: author::process_author(),
        }
    }

    /// Who signs the changes made from now on (`None`: nobody; see `author`).
    pub fn set_author(&mut self, author: Option<crate::model::Identity>) {
        self.author = author;
    }

    /// Who signs the changes.
    pub fn author(&self) -> Option<&crate::model::Identity> {
        self.author.as_ref()
    }

    pub fn ws(&self) -> &Arc<Workspace> {
        &self.ws
    }
    pub fn index(&self) -> &Index {
        &self.figures.index
    }
    pub fn overview(&self) -> &Overview {
        &self.figures.overview
    }
    pub fn rows(&self) -> &Rows {
        &self.figures.rows
    }
    pub fn trends(&self) -> &Trends {
        &self.figures.trends
    }
    pub fn today(&self) -> NaiveDate {
        self.figures.today
    }
    pub fn source(&self) -> &Source {
        &self.source
    }
    /// Names where the data came from, for a document built without a saver (a render).
    pub fn set_source(&mut self, source: Source) {
        self.source = source;
    }
    /// Why changes are not saved, when they are not.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }
    pub fn set_read_only(&mut self, reason: Option<String>) {
        self.read_only = reason;
    }
    /// The last save failure, until a save succeeds.
    pub fn save_error(&self) -> Option<&str> {
        self.save_error.as_deref()
    }
    /// The version last known to be in the file.
    pub fn disk_base(&self) -> &Arc<Workspace> {
        &self.disk_base
    }
    /// How many changes undo can take back.
    pub fn undo_depth(&self) -> usize {
        self.history.undo_len()
    }
    /// Forgets the undo and redo history (benchmarks measure a change from an empty one).
    pub fn forget_history(&mut self) {
        self.history = History::default();
    }

    /// Computes the next trends for about `budget`; see [`Trends::slice`].
    pub fn trend_slice(&mut self, budget: std::time::Duration) -> bool {
        self.figures.trend_slice(&self.ws, budget)
    }

    /// The day moved on: every figure that depends on it is rebuilt.
    pub fn set_today(&mut self, today: NaiveDate) {
        let figures = self.figures.rebuilt(&self.ws, today);
        reclaim::drop_later(std::mem::replace(&mut self.figures, figures));
    }

    /// Rebuilds every figure from the workspace.
    pub fn refresh(&mut self) {
        self.set_today(self.today());
    }

    /// Makes `ws` the workspace: validated (by change, in time that does not grow with the
    /// workspace; a big change whole, while the figures are rebuilt on another core),
    /// remembered for undo under `change`'s name, and handed to the saver.
    pub fn commit(
        &mut self,
        mut ws: Workspace,
        change: impl Into<Change>,
    ) -> Result<Followed, Refused> {
        if let Some(reason) = &self.read_only {
            return Err(Refused::ReadOnly(reason.clone()));
        }
        let delta = Delta::between(&self.ws, &ws, FOLLOW_LIMIT);
        if let Some(who) = &self.author {
            author::stamp(&self.ws, &mut ws, delta.as_ref(), who, self.today());
        }
        let followed = match delta {
            Some(d) => {
                let problems = validate_changes(&self.ws, &ws, &d, &self.figures.index);
                if let Some(p) = problems.into_iter().next() {
                    reclaim::drop_later(ws);
                    return Err(Refused::Invalid(p));
                }
                let old = self.swap(Arc::new(ws), Some(d.clone()));
                self.history.remember(old, &self.ws, change.into());
                Some(d)
            }
            None => {
                let (problems, figures) = std::thread::scope(|scope| {
                    let check = scope.spawn(|| validate(&ws));
                    let figures = self.figures.rebuilt(&ws, self.today());
                    let problems = check
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e));
                    (problems, figures)
                });
                if let Some(p) = problems.into_iter().next() {
                    reclaim::drop_later((ws, figures));
                    return Err(Refused::Invalid(p));
                }
                let old = std::mem::replace(&mut self.ws, Arc::new(ws));
                reclaim::drop_later(std::mem::replace(&mut self.figures, figures));
                self.history.remember(old, &self.ws, change.into());
                None
            }
        };
        self.persist();
        Ok(followed)
    }

    /// Takes back the last change. `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<(Stepped, Followed)> {
        let previous = self.history.pop_undo()?;
        let name = self.history.name_of(&self.ws);
        let before = self.ws.conflicts.len();
        let (current, followed) = self.go_to(previous);
        let back = self.ws.conflicts.len().saturating_sub(before);
        self.history.push_redo(current);
        self.persist();
        Some((
            Stepped {
                name,
                conflicts_back: back,
            },
            followed,
        ))
    }

    /// Makes the last undone change again. `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Option<(Stepped, Followed)> {
        let next = self.history.pop_redo()?;
        let name = self.history.name_of(&next);
        let (current, followed) = self.go_to(next);
        self.history.push_undo(current);
        self.persist();
        Some((
            Stepped {
                name,
                conflicts_back: 0,
            },
            followed,
        ))
    }

    /// Goes to another version (undo, redo), following the change between.
    fn go_to(&mut self, ws: Arc<Workspace>) -> (Arc<Workspace>, Followed) {
        let delta = Delta::between(&self.ws, &ws, FOLLOW_LIMIT);
        let old = self.swap(ws, delta.clone());
        (old, delta.filter(figures::followable))
    }

    /// Puts `ws` in place and brings the figures up to date: by following `delta` when it can
    /// be followed, else by rebuilding. Returns the workspace it replaced.
    fn swap(&mut self, ws: Arc<Workspace>, delta: Option<Delta>) -> Arc<Workspace> {
        let old = std::mem::replace(&mut self.ws, ws);
        match delta {
            Some(d) if figures::followable(&d) => self.figures.follow(&old, &self.ws, &d),
            _ => self.refresh(),
        }
        old
    }

    /// Hands the current workspace to the saver again (after a failed save).
    pub fn save_again(&mut self) {
        self.persist();
    }

    /// Hands the current workspace to the saver.
    fn persist(&mut self) {
        self.saver.save(self.ws.clone());
    }

    /// True when the data shown is not what the file holds yet.
    pub fn unsaved(&self) -> bool {
        !Arc::ptr_eq(&self.ws, &self.disk_base)
    }

    /// True while a save is queued or being written.
    pub fn saving(&self) -> bool {
        self.saver.pending()
    }

    /// The outcomes of saves since the last call, oldest first, with the document's own
    /// bookkeeping done (what is on disk, the last error).
    pub fn poll_saves(&mut self) -> Vec<SaveEvent> {
        let events = self.saver.poll();
        self.note(&events);
        events
    }

    /// Waits for every queued save; the outcomes, as [`Document::poll_saves`].
    pub fn flush(&mut self) -> Vec<SaveEvent> {
        let events = self.saver.flush();
        self.note(&events);
        events
    }

    fn note(&mut self, events: &[SaveEvent]) {
        for event in events {
            match event {
                SaveEvent::Saved(ws) => {
                    reclaim::drop_later(std::mem::replace(&mut self.disk_base, ws.clone()));
                    self.save_error = None;
                }
                SaveEvent::Failed(e) => self.save_error = Some(e.clone()),
                SaveEvent::Conflict(_) => {}
            }
        }
    }

    /// Looks at the file. Changed with nothing unsaved: reloaded (undoable). Changed under an
    /// unsaved change: [`OutsideChange::Clash`], for the user to decide
    /// ([`Document::settle_clash`]). `asking` says the user is already being asked.
    pub fn take_outside_change(&mut self, asking: bool) -> OutsideChange {
        if self.saver.pending() || asking || !self.saver.disk_changed() {
            return OutsideChange::None;
        }
        if self.unsaved() {
            return OutsideChange::Clash;
        }
        match self.saver.reload() {
            Ok(Some(ws)) => {
                self.take_from_disk(ws);
                OutsideChange::Reloaded
            }
            Ok(None) => OutsideChange::Removed,
            Err(e) => OutsideChange::Unreadable(e.to_string()),
        }
    }

    /// Puts the file's version in place, the current one on the undo history.
    fn take_from_disk(&mut self, ws: Workspace) {
        let ws = Arc::new(ws);
        let old = std::mem::replace(&mut self.ws, ws.clone());
        self.history.push_undo_forgetting_redo(old);
        self.disk_base = ws;
        self.refresh();
    }

    /// The user's answer to a clash: reload the file and re-apply the unsaved change on top
    /// (`reapply_ours`, undoable), or keep the unsaved version in a copy beside the file and
    /// show the file.
    pub fn settle_clash(&mut self, reapply_ours: bool, change: Change) -> Settled {
        let ours = self.ws.clone();
        let base = self.disk_base.clone();
        let theirs = match self.saver.reload() {
            Ok(Some(ws)) => ws,
            Ok(None) => Workspace::clone(&base),
            Err(e) => {
                let copy = self.saver.save_copy(&ours).map_err(|e| e.to_string());
                return Settled::Unreadable(e.to_string(), copy);
            }
        };
        let mut unfit = None;
        if reapply_ours {
            let merged = crate::model::merge::reapply(&base, &ours, theirs.clone());
            let problems = validate(&merged);
            match problems.into_iter().next() {
                None => {
                    self.take_from_disk(theirs);
                    return match self.commit(merged, change) {
                        Ok(_) => Settled::Reapplied,
                        Err(refused) => Settled::Refused(refused),
                    };
                }
                Some(p) => unfit = Some(p),
            }
        }
        match self.saver.save_copy(&ours) {
            Ok(path) => {
                self.take_from_disk(theirs);
                Settled::Copied { path, unfit }
            }
            Err(e) => Settled::NotCopied(e.to_string(), unfit),
        }
    }

    /// Copies the file as it is now into its backups, whatever the policy's timer says (before
    /// recovering an emergency copy onto it). `Ok(None)` without a file.
    pub fn backup_now(&self) -> Result<Option<store::BackupInfo>, store::BackupError> {
        match &self.source {
            Source::File(p) => store::backup_now(p, chrono::Utc::now()),
            _ => Ok(None),
        }
    }

    /// Writes a snapshot beside the file, without touching it; returns the path.
    pub fn save_copy(&mut self, ws: &Workspace) -> Result<PathBuf, CopyError> {
        self.saver.save_copy(ws)
    }
}

/// How a clash was settled ([`Document::settle_clash`]).
#[derive(Debug)]
pub enum Settled {
    /// The file was reloaded and the unsaved change re-applied on top.
    Reapplied,
    /// The re-applied change was refused (the window became read-only).
    Refused(Refused),
    /// The unsaved version went to a copy at `path`; the file is shown. `unfit` says why the
    /// change could not be re-applied, when that was asked.
    Copied {
        path: PathBuf,
        unfit: Option<Problem>,
    },
    /// No copy could be written: the unsaved version stays on screen.
    NotCopied(String, Option<Problem>),
    /// The file cannot be read now; it was left as it is. The unsaved version's copy, or why
    /// none was written.
    Unreadable(String, Result<PathBuf, String>),
}
