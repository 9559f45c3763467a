//! Their side (`T` on a partner): where the partner's last pack and our records disagree, as a
//! list over the dashboard. Each difference can be accepted (our record takes their value: an
//! undoable change), noted in the log as discussed with them, or left. The differences are
//! worked out from the pack and the partner's records whenever they are needed (a few of each:
//! cheap), so the list always matches the workspace, also after an undo.

use super::help::HelpView;
use super::scene::Scene;
use super::{Effect, Overlay};
use crate::action::{Action, Context};
use crate::app::cursor::Cursor;
use crate::app::status::Level;
use crate::document::Change;
use crate::model::PartnerId;
use crate::share::reconcile::{self, Difference};

/// The list's state: whose pack, the selected difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReconcileView {
    pub partner: PartnerId,
    pub cursor: Cursor,
}

impl ReconcileView {
    /// The list's keys: move; accept, note or leave the selected difference; help, back.
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        let rows = scene.reconcile_rows(self.partner);
        let (len, height) = (rows.len(), scene.view_height());
        let cursor = &mut self.cursor;
        cursor.reveal(len, height);
        if cursor.navigate(action, len, height) {
            return Effect::None;
        }
        let selected = rows.get(cursor.selected).map(|(d, _)| d);
        match (action, selected) {
            (Action::Back, _) => Effect::Close,
            (Action::Help, _) => Effect::Open(Overlay::Help(HelpView::new(Context::Reconcile))),
            (Action::Accept | Action::NoteDiscussed | Action::Leave, None) => {
                Effect::Status(Level::Info, "Their side agrees with ours".into())
            }
            (Action::Accept, Some(d)) => accept(self.partner, d, scene),
            (Action::NoteDiscussed, Some(d)) => {
                let at = crate::model::serde_dates::to_second(scene.now);
                let ws = reconcile::note(scene.ws(), self.partner, d, at);
                Effect::Apply {
                    ws: Box::new(ws),
                    change: Change::named(format!("Noted: {} “{}” {}", d.kind, d.what, d.field))
                        .saying(format!("Noted in the log: {}", d.note_text())),
                    then: Vec::new(),
                }
            }
            (Action::Leave, Some(d)) => {
                let next = (cursor.selected + 1).min(len.saturating_sub(1));
                cursor.select(next, len, height);
                Effect::Status(
                    Level::Info,
                    format!("Left as it is: {} “{}” {}", d.kind, d.what, d.field),
                )
            }
            _ => Effect::None,
        }
    }
}

/// Accepting a difference: our record takes their value, one undoable change.
fn accept(partner: PartnerId, d: &Difference, scene: &Scene) -> Effect {
    let Some(fix) = &d.fix else {
        let key = scene.keymap.keys_text(Action::NoteDiscussed);
        return Effect::Status(
            Level::Info,
            format!("Their view: nothing to take into our records ({key} notes it in the log)"),
        );
    };
    match reconcile::accept(scene.ws(), partner, fix) {
        Some((ws, said)) => Effect::Apply {
            ws: Box::new(ws),
            change: Change::named(format!(
                "Accepted their {} of {} “{}”",
                d.field, d.kind, d.what
            ))
            .saying(format!("Accepted: {said}")),
            then: Vec::new(),
        },
        None => Effect::Status(Level::Warn, "That record is gone".into()),
    }
}

impl Scene<'_> {
    /// The differences between the partner's last pack and our records, with whether each was
    /// noted in the log already.
    pub fn reconcile_rows(&self, partner: PartnerId) -> Vec<(Difference, bool)> {
        let (Some(received), Some(records)) = (
            reconcile::latest(self.ws(), partner),
            self.doc.index().records(self.ws(), partner),
        ) else {
            return Vec::new();
        };
        reconcile::differences(&records, &received.pack)
            .into_iter()
            .map(|d| {
                let noted = reconcile::noted(&records, &d);
                (d, noted)
            })
            .collect()
    }
}
