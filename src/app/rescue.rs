//! What the session would lose if it ended now, for an emergency copy: the workspace on screen
//! with an open review kept as a draft, the version the file had when the unsaved work began,
//! and the text typed into an open form (also one a question interrupted), its dates resolved.

use super::{App, Overlay};
use crate::model::{ReviewDraft, Workspace};
use std::sync::Arc;

/// Unsaved work, ready to be written aside. Cheap to take (it shares the workspace), so the
/// event loop can record it after every frame.
#[derive(Clone)]
pub struct Rescue {
    pub ws: Arc<Workspace>,
    /// What the file held when the unsaved work began.
    pub base: Arc<Workspace>,
    /// An open review, to be kept as a draft.
    pub draft: Option<ReviewDraft>,
    /// The text of an open form, field by field.
    pub note: Option<String>,
}

impl Rescue {
    /// The workspace to write: the one on screen, with the open review as a draft.
    pub fn workspace(&self) -> Arc<Workspace> {
        match &self.draft {
            None => self.ws.clone(),
            Some(draft) => {
                let mut copy = Workspace::clone(&self.ws);
                copy.drafts.retain(|d| d.partner != draft.partner);
                copy.drafts.push(draft.clone());
                copy.drafts.sort_by_key(|d| d.partner);
                Arc::new(copy)
            }
        }
    }
}

impl App {
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
