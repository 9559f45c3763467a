//! What the session would lose if it ended now, for an emergency copy: the workspace on screen
//! with an open review kept as a draft, the version the file had when the unsaved work began,
//! and the text typed into an open form (also one a question interrupted), its dates resolved.

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
