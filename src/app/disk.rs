//! The app's side of the file: saving after every change, collecting what the saver reports,
//! noticing outside changes (another program, a `git pull`, a hand edit) and never overwriting
//! them silently: with nothing unsaved the file is reloaded; otherwise the user chooses to reload
//! and re-apply their change on top (undoable), or to save their version as a copy.

use super::App;
use super::confirm::Pending;
use super::overlay::Overlay;
use super::status::Level;
use crate::action::{Action, Context};
use crate::document::SaveEvent;
use crate::document::{OutsideChange, Settled};
use crate::model::Workspace;
use crate::model::merge::reapply;

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
            Some(Overlay::Confirm(super::confirm::ConfirmView {
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
                        self.undo_key()
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
            self.key_text(Action::Yes, Context::Confirm),
            self.undo_key(),
            self.key_text(Action::No, Context::Confirm)
        );
        self.confirm(question, Pending::ResolveConflict);
        // It appears on its own, maybe while the user is typing: typing must not answer it.
        self.guard_question();
    }

    /// The answer to the conflict question.
    pub(super) fn resolve_conflict(&mut self, reapply_ours: bool) {
        let message = format!(
            "Reloaded the file and re-applied your change on top ({} undoes it)",
            self.undo_key()
        );
        let change = crate::document::Change::named("Re-applied your change on the reloaded file")
            .saying(message);
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
                self.key_text(Action::Yes, Context::Confirm),
                self.key_text(Action::No, Context::Confirm)
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
            match crate::store::retire_emergency(&data, &copy) {
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
                self.undo_key(),
                crate::store::note_path(
                    &crate::store::backup::backup_dir(&data)
                        .join(copy.file_name().unwrap_or_default())
                )
                .display()
            )
        } else {
            format!(
                "Recovered the unsaved work onto the current file ({} undoes; the file before is in backups/)",
                self.undo_key()
            )
        };
        let change = crate::document::Change::named("Recovered the unsaved work").saying(message);
        if self.commit(merged, change) {
            let _ = crate::store::retire_emergency(&data, &copy);
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
                        self.key_text(Action::Yes, Context::Confirm),
                        self.key_text(Action::SaveElsewhere, Context::Confirm),
                        self.key_text(Action::Discard, Context::Confirm),
                        self.key_text(Action::No, Context::Confirm)
                    ),
                    Pending::QuitUnsaved,
                );
            }
            _ => self.quit = true,
        }
    }

    pub(super) fn answer_quit(&mut self, action: crate::action::Action) {
        use crate::action::Action;
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
        let written = crate::store::write_emergency_full(
            &path,
            self.ws(),
            crate::store::Extras {
                base: Some(self.doc.disk_base()),
                note: None,
            },
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
