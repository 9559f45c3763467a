//! The merge conflicts a `git pull` left in the file, as a list over the dashboard: each says
//! which record and field, and what the base, our side and their side held; one key keeps ours,
//! another takes theirs. Deciding the last one says what to do next.

use super::{Action, App, Cursor, Level, Overlay};
use crate::model::merge3::take_theirs;

impl App {
    /// Opens the list (also at start, when the file holds conflicts).
    pub fn open_conflicts(&mut self) {
        if self.ws.conflicts.is_empty() {
            self.set_status(Level::Info, "No merge conflicts to decide");
            return;
        }
        self.open(Overlay::Conflicts {
            cursor: Cursor::default(),
        });
    }

    pub(super) fn update_conflicts(&mut self, action: Action) {
        let Some(Overlay::Conflicts { mut cursor }) = self.overlay.clone() else {
            return;
        };
        let len = self.ws.conflicts.len();
        let height = self.view_height();
        match action {
            Action::Back => {
                self.close();
                return;
            }
            Action::Help => {
                self.open_help();
                return;
            }
            Action::Down => cursor.step(1, len, height),
            Action::Up => cursor.step(-1, len, height),
            Action::PageDown => cursor.step(height as isize, len, height),
            Action::PageUp => cursor.step(-(height as isize), len, height),
            Action::First => cursor.first(),
            Action::Last => cursor.last(len, height),
            Action::Edit if cursor.selected < len => {
                let c = self.ws.conflicts[cursor.selected].clone();
                let opened = match c.kind.as_str() {
                    "profile" => {
                        let form = super::forms::profile_form(&self.ws.profile);
                        self.open_form(form, super::FormTarget::Profile);
                        true
                    }
                    "partner" => match self.ws.partner(crate::model::PartnerId(c.id)) {
                        Some(p) => {
                            let form = super::forms::partner_form(Some(p), self.today);
                            self.open_form(form, super::FormTarget::Partner(Some(p.id)));
                            true
                        }
                        None => false,
                    },
                    "goal" => match self.ws.goal(crate::model::GoalId(c.id)) {
                        Some(g) => {
                            let name = self
                                .ws
                                .partner(g.partner)
                                .map_or(String::new(), |p| p.name.clone());
                            let form = super::forms::goal_form(Some(g), &name, self.today);
                            self.open_form(form, super::FormTarget::Goal(g.partner, Some(g.id)));
                            true
                        }
                        None => false,
                    },
                    _ => false,
                };
                if opened {
                    // The form is over this list: back to it once the form closes.
                    return;
                }
                self.set_status(
                    Level::Info,
                    format!(
                        "Edit the {} in its pane, then come back here ({}) and keep ours",
                        c.kind,
                        self.keymap.keys_text(Action::OpenConflicts)
                    ),
                );
            }
            Action::TakeOurs | Action::TakeTheirs if cursor.selected < len => {
                let i = cursor.selected;
                let mut ws = crate::model::Workspace::clone(&self.ws);
                let c = &ws.conflicts[i];
                let what = if c.id == 0 {
                    format!("{} {}", c.kind, c.field)
                } else {
                    format!("{} #{} {}", c.kind, c.id, c.field)
                };
                let taken = if action == Action::TakeTheirs {
                    take_theirs(&mut ws, i).map(|()| "theirs")
                } else {
                    ws.conflicts.remove(i);
                    Ok("ours")
                };
                match taken {
                    Ok(side) => {
                        let left = ws.conflicts.len();
                        let message = if left == 0 {
                            format!(
                                "Took {side} for {what}. Every conflict is decided: `git add` the file and commit, or run `partnerdeck sync`"
                            )
                        } else {
                            format!("Took {side} for {what} ({left} left)")
                        };
                        if self.commit(ws, &message) && left == 0 {
                            self.close();
                            self.set_status(Level::Info, message);
                            return;
                        }
                        cursor.select(i.min(left.saturating_sub(1)), left, height);
                    }
                    Err(e) => self.set_status(Level::Error, format!("Could not take theirs: {e}")),
                }
            }
            _ => {}
        }
        if matches!(self.overlay, Some(Overlay::Conflicts { .. })) {
            self.replace(Overlay::Conflicts { cursor });
        }
    }
}
