//! The merge conflicts a `git pull` left in the file, as a list over the dashboard: each says
//! which record and field, what the base, our side and their side held (in words), and who made
//! each side and when; one key keeps ours, another takes theirs, another shows both values in
//! full (`words.rs`). Deciding the last one says what to do next.

pub mod words;

use super::help::{HelpView, scroll_by};
use super::scene::Scene;
use super::{Effect, Overlay};
use crate::action::Action;
use crate::app::cursor::Cursor;
use crate::app::status::Level;
use crate::document::Change;
use crate::model::merge3::take_theirs;

/// The list's state: the selected conflict, and whether it is shown in full (how far that view
/// is scrolled).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConflictsView {
    pub cursor: Cursor,
    /// The selected conflict in full, scrolled this far (`None`: the list).
    pub full: Option<usize>,
}

impl ConflictsView {
    /// The list's keys: move; keep ours or take theirs for the selected conflict; both values in
    /// full; edit the record in a form over the list; help, back. In the full view: scroll, keep
    /// ours or take theirs (back to the list), edit, back to the list.
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        let Some(scroll) = self.full.as_mut() else {
            if action == Action::ConflictInFull && self.cursor.selected < scene.ws().conflicts.len()
            {
                self.full = Some(0);
                return Effect::None;
            }
            return update(&mut self.cursor, action, scene);
        };
        match action {
            Action::Back | Action::ConflictInFull => self.full = None,
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last => {
                let (width, page) = full_size(scene);
                let len = scene
                    .ws()
                    .conflicts
                    .get(self.cursor.selected)
                    .map_or(0, |c| {
                        words::full_lines(scene.ws(), c, scene.today(), width).len()
                    });
                scroll_by(scroll, action, len, page);
            }
            Action::TakeOurs | Action::TakeTheirs => {
                self.full = None;
                return update(&mut self.cursor, action, scene);
            }
            Action::Edit | Action::Help => return update(&mut self.cursor, action, scene),
            _ => {}
        }
        Effect::None
    }
}

/// The full view's text width and height on the screen (inside the view's border).
pub fn full_size(scene: &Scene) -> (usize, usize) {
    let area = scene.screen.area;
    (
        area.width.saturating_sub(2) as usize,
        area.height.saturating_sub(5).max(1) as usize,
    )
}

/// How many screen rows each conflict of the list takes: the record and field, then ours,
/// theirs and what it was, each on its own row.
pub const ROWS_PER_CONFLICT: usize = 4;

/// How many conflicts the list shows at once.
pub fn list_height(scene: &Scene) -> usize {
    (scene.view_height() / ROWS_PER_CONFLICT).max(1)
}

fn update(cursor: &mut Cursor, action: Action, scene: &Scene) -> Effect {
    let len = scene.ws().conflicts.len();
    let height = list_height(scene);
    // The list may have shrunk under the selection (a conflict decided by a form, an undo):
    // the keys act on the row shown selected.
    cursor.reveal(len, height);
    if cursor.navigate(action, len, height) {
        return Effect::None;
    }
    match action {
        Action::Back => return Effect::Close,
        Action::Help => {
            return Effect::Open(Overlay::Help(HelpView::new(
                crate::action::Context::Conflicts,
            )));
        }
        Action::Edit if cursor.selected < len => {
            return edit(&scene.ws().conflicts[cursor.selected], scene);
        }
        Action::TakeOurs | Action::TakeTheirs if cursor.selected < len => {
            let i = cursor.selected;
            let mut ws = crate::model::Workspace::clone(scene.ws());
            let c = &ws.conflicts[i];
            let what = if c.id == 0 {
                format!("{} {}", c.kind, c.field)
            } else {
                format!("{} #{} {}", c.kind, crate::model::ids::short(c.id), c.field)
            };
            let taken = if action == Action::TakeTheirs {
                take_theirs(&mut ws, i).map(|()| "theirs")
            } else {
                ws.conflicts.remove(i);
                Ok("ours")
            };
            return match taken {
                Ok(side) => {
                    let left = ws.conflicts.len();
                    let message = if left == 0 {
                        format!(
                            "Took {side} for {what}. Every conflict is decided: `git add` the file and commit, or run `partnerdeck sync`"
                        )
                    } else {
                        format!("Took {side} for {what} ({left} left)")
                    };
                    // Deciding the last one closes the list (once the change is applied).
                    let then = if left == 0 {
                        vec![Effect::Close, Effect::Status(Level::Info, message.clone())]
                    } else {
                        Vec::new()
                    };
                    cursor.select(i.min(left.saturating_sub(1)), left, height);
                    Effect::Apply {
                        ws: Box::new(ws),
                        change: Change::named(format!("Took {side} for {what}")).saying(message),
                        then,
                    }
                }
                Err(e) => Effect::Status(Level::Error, format!("Could not take theirs: {e}")),
            };
        }
        _ => {}
    }
    Effect::None
}

/// `Edit`: the conflicting record in a form over the list (back to it once the form closes),
/// when it has one.
fn edit(c: &crate::model::MergeConflict, scene: &Scene) -> Effect {
    let ws = scene.ws();
    let form = match c.kind.as_str() {
        "profile" => Some((
            crate::app::forms::profile_form(&ws.profile),
            crate::app::forms::FormTarget::Profile,
        )),
        "partner" => ws.partner(crate::model::PartnerId(c.id)).map(|p| {
            (
                crate::app::forms::with_owner(
                    crate::app::forms::partner_form(Some(p), scene.today()),
                    crate::app::form::FieldKey::MemberOwner,
                    ws,
                    p.owner.as_deref(),
                    crate::app::form::FieldKey::Phase,
                ),
                crate::app::forms::FormTarget::Partner(Some(p.id)),
            )
        }),
        "goal" => ws.goal(crate::model::GoalId(c.id)).map(|g| {
            let name = ws.partner_name(g.partner).unwrap_or_default().to_string();
            (
                crate::app::forms::goal_form(Some(g), &name, scene.today()),
                crate::app::forms::FormTarget::Goal(g.partner, Some(g.id)),
            )
        }),
        _ => None,
    };
    match form {
        Some((form, target)) => Effect::Open(scene.form_overlay(form, target)),
        None => Effect::Status(
            Level::Info,
            format!(
                "Edit the {} in its pane, then come back here ({}) and keep ours",
                c.kind,
                scene.keymap.keys_text(Action::OpenConflicts)
            ),
        ),
    }
}
