//! The app's side of the file: saving after every change, collecting what the saver reports,
//! noticing outside changes (another program, a `git pull`, a hand edit) and never overwriting
//! them silently: with nothing unsaved the file is reloaded; otherwise the user chooses to reload
//! and re-apply their change on top (undoable), or to save their version as a copy.

use super::edit::Pending;
use super::{App, Level, Overlay, SaveEvent};
use crate::model::Workspace;
use crate::model::merge::reapply;
use std::sync::Arc;

impl App {
    /// Hands the current workspace to the saver.
    pub fn persist(&mut self) {
        self.saver.save(self.ws.clone());
        self.poll_saves();
    }

    /// Collects the outcomes of saves.
    pub fn poll_saves(&mut self) {
        for event in self.saver.poll() {
            self.on_save_event(event);
        }
    }

    fn on_save_event(&mut self, event: SaveEvent) {
        match event {
            SaveEvent::Saved(ws) => {
                super::reclaim::drop_later(std::mem::replace(&mut self.disk_base, ws));
                self.save_error = None;
            }
            SaveEvent::Failed(e) => {
                self.save_error = Some(e.clone());
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
        !Arc::ptr_eq(&self.ws, &self.disk_base)
    }

    /// Looks at the file: reloads it when it changed and nothing is unsaved; asks otherwise.
    /// Returns true when something changed on screen.
    pub fn check_disk(&mut self) -> bool {
        if self.saver.pending() || !self.saver.disk_changed() {
            return false;
        }
        if matches!(
            self.overlay,
            Some(Overlay::Confirm {
                pending: Pending::ResolveConflict,
                ..
            })
        ) {
            return false;
        }
        if self.unsaved() {
            self.ask_conflict();
            return true;
        }
        match self.saver.reload() {
            Ok(Some(ws)) => {
                self.replace_from_disk(ws);
                let text = if self.read_only.is_some() {
                    "The file changed on disk: reloaded"
                } else {
                    "The file changed on disk: reloaded (u undoes back to what you had)"
                };
                self.set_status(Level::Info, text);
            }
            Ok(None) => self.set_status(Level::Warn, "The file was removed on disk; your data stays here and is saved with the next change"),
            Err(e) => self.set_status(Level::Error, format!("The file changed on disk and cannot be read now: {e}. Nothing was overwritten.")),
        }
        true
    }

    fn replace_from_disk(&mut self, ws: Workspace) {
        let ws = Arc::new(ws);
        let old = std::mem::replace(&mut self.ws, ws.clone());
        self.undo_stack.push(old);
        super::reclaim::drop_all_later(std::mem::take(&mut self.redo_stack));
        self.disk_base = ws;
        self.refresh();
    }

    fn ask_conflict(&mut self) {
        self.confirm(
            "The file changed on disk while you had an unsaved change. y: reload it and re-apply your change on top (u undoes it) · n: save your version as a copy beside the file, then reload",
            Pending::ResolveConflict,
        );
    }

    /// The answer to the conflict question.
    pub(super) fn resolve_conflict(&mut self, reapply_ours: bool) {
        let ours = self.ws.clone();
        let base = self.disk_base.clone();
        let theirs = match self.saver.reload() {
            Ok(Some(ws)) => ws,
            Ok(None) => super::copy::copy(&base),
            Err(e) => {
                let copy = self.saver.save_copy(&ours);
                self.set_status(
                    Level::Error,
                    format!(
                        "The file on disk cannot be read ({e}); it was left as it is. Your version: {}",
                        copy.map_or_else(|e| format!("not saved either: {e}"), |p| format!("saved as {}", p.display()))
                    ),
                );
                return;
            }
        };
        if reapply_ours {
            let merged = reapply(&base, &ours, theirs.clone());
            let problems = crate::model::validate(&merged);
            if problems.is_empty() {
                self.replace_from_disk(theirs);
                self.commit(
                    merged,
                    "Reloaded the file and re-applied your change on top (u undoes it)",
                );
                return;
            }
            // Their version and ours cannot be combined: keep both.
            self.set_status(
                Level::Warn,
                format!(
                    "Your change does not fit the new file ({}); saving it as a copy",
                    problems[0]
                ),
            );
        }
        match self.saver.save_copy(&ours) {
            Ok(path) => {
                self.replace_from_disk(theirs);
                self.set_status(
                    Level::Warn,
                    format!(
                        "Your version was saved as {}; showing the file as it is now",
                        path.display()
                    ),
                );
            }
            Err(e) => self.set_status(
                Level::Error,
                format!("Could not save a copy ({e}); your version stays on screen, unsaved"),
            ),
        }
    }

    /// Waits for pending saves (at quit); false when something could not be saved.
    pub fn flush_saves(&mut self) -> bool {
        for event in self.saver.flush() {
            self.on_save_event(event);
        }
        !self.unsaved() || self.read_only.is_some()
    }
}

impl App {
    /// Asks whether to recover unsaved work an earlier session left in an emergency copy.
    pub fn offer_recovery(&mut self, copy: std::path::PathBuf) {
        let name = copy
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        self.emergency = Some(copy);
        self.confirm(
            format!(
                "An earlier session ended before saving; its work is in {name}. y: recover it (the current file is backed up first) · n: keep the copy aside in backups/"
            ),
            Pending::RecoverEmergency,
        );
    }

    pub(super) fn recover_emergency(&mut self, recover: bool) {
        let Some(copy) = self.emergency.take() else {
            return;
        };
        let data = match &self.source {
            super::Source::File(p) => p.clone(),
            _ => return,
        };
        if recover {
            match crate::store::load(&copy) {
                Ok(Some(loaded)) => {
                    if self.commit(loaded.workspace, "Recovered the unsaved work (u undoes)") {
                        let _ = crate::store::retire_emergency(&data, &copy);
                    }
                }
                Ok(None) => self.set_status(Level::Warn, "The emergency copy is gone"),
                Err(e) => self.set_status(
                    Level::Error,
                    format!("The emergency copy cannot be read: {e}"),
                ),
            }
        } else {
            match crate::store::retire_emergency(&data, &copy) {
                Ok(p) => self.set_status(Level::Info, format!("Kept aside as {}", p.display())),
                Err(e) => self.set_status(Level::Error, format!("Could not move the copy: {e}")),
            }
        }
    }
}
