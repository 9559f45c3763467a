//! A partner's commitments or celebrations as a list over the dashboard (`c`, `w`, also from the
//! partner's details): add, edit (also `Enter`) and delete them there.

use super::forms::{self, FormTarget};
use super::{Action, App, Cursor, Level, Overlay, Pending};
use crate::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordsKind {
    Commitments,
    Celebrations,
}

impl RecordsKind {
    pub fn title(self) -> &'static str {
        match self {
            RecordsKind::Commitments => "Commitments",
            RecordsKind::Celebrations => "Celebrations",
        }
    }
}

impl App {
    /// Positions (in the workspace list of the kind) of a partner's records, in display order:
    /// commitments by due date, celebrations newest first.
    pub fn record_rows(&self, kind: RecordsKind, partner: PartnerId) -> Vec<usize> {
        let Some(slots) = self.index.slots(partner) else {
            return Vec::new();
        };
        match kind {
            RecordsKind::Commitments => slots.commitments.clone(),
            RecordsKind::Celebrations => slots.celebrations.iter().rev().copied().collect(),
        }
    }

    pub(super) fn open_records(&mut self, kind: RecordsKind) {
        let Some(partner) = self.selected_partner().map(|p| p.id) else {
            self.set_status(Level::Info, "Select a partner first");
            return;
        };
        self.open(Overlay::Records {
            kind,
            partner,
            cursor: Cursor::default(),
        });
    }

    pub(super) fn update_records(&mut self, action: Action) {
        let Some(Overlay::Records {
            kind,
            partner,
            cursor,
        }) = self.overlay.clone()
        else {
            return;
        };
        let rows = self.record_rows(kind, partner);
        let height = self.view_height();
        let selected = rows.get(cursor.selected).copied();
        let name = self
            .ws
            .partner(partner)
            .map_or(String::new(), |p| p.name.clone());
        let mut cursor = cursor;
        match action {
            Action::Back => {
                self.close();
                return;
            }
            Action::Help => {
                self.open_help();
                return;
            }
            Action::Down => cursor.step(1, rows.len(), height),
            Action::Up => cursor.step(-1, rows.len(), height),
            Action::PageDown => cursor.step(height as isize, rows.len(), height),
            Action::PageUp => cursor.step(-(height as isize), rows.len(), height),
            Action::First => cursor.first(),
            Action::Last => cursor.last(rows.len(), height),
            Action::Add | Action::Edit | Action::Open | Action::Delete
                if self.refuse_read_only() =>
            {
                return;
            }
            Action::Add | Action::Edit | Action::Open => {
                let editing = if action == Action::Add {
                    None
                } else {
                    selected
                };
                if action != Action::Add && editing.is_none() {
                    self.set_status(Level::Info, "Nothing selected");
                    return;
                }
                // The form opens over this list, which comes back when it closes.
                let (form, target) = match kind {
                    RecordsKind::Commitments => {
                        let c = editing.map(|i| &self.ws.commitments[i]);
                        (
                            forms::commitment_form(c, &name),
                            FormTarget::Commitment(partner, c.map(|c| c.id)),
                        )
                    }
                    RecordsKind::Celebrations => {
                        let c = editing.map(|i| &self.ws.celebrations[i]);
                        let done: Vec<&Milestone> = self
                            .ws
                            .milestones
                            .iter()
                            .filter(|m| m.partner == partner && m.done.is_some())
                            .collect();
                        (
                            forms::win_form(c, &name, &done),
                            FormTarget::Win(partner, c.map(|c| c.id)),
                        )
                    }
                };
                self.open_form(form, target);
                return;
            }
            Action::MarkKept | Action::MarkMissed if kind == RecordsKind::Commitments => {
                if self.refuse_read_only() {
                    return;
                }
                let Some(i) = selected else {
                    self.set_status(Level::Info, "Nothing selected");
                    return;
                };
                let today = self.today;
                let mut ws = crate::model::Workspace::clone(&self.ws);
                let c = &mut ws.commitments[i];
                let (outcome, word) = if action == Action::MarkKept {
                    (crate::model::Outcome::Kept(today), "kept")
                } else {
                    (crate::model::Outcome::Missed(today), "missed")
                };
                c.outcome = Some(outcome);
                let message = format!("Marked {word} today: {}", c.what);
                self.commit(ws, &message);
            }
            Action::Delete => {
                let Some(i) = selected else {
                    self.set_status(Level::Info, "Nothing selected");
                    return;
                };
                let (q, pending) = match kind {
                    RecordsKind::Commitments => {
                        let c = &self.ws.commitments[i];
                        (
                            format!("Delete the commitment \"{}\"? {}", c.what, self.yes_no()),
                            Pending::DeleteCommitment(c.id),
                        )
                    }
                    RecordsKind::Celebrations => {
                        let c = &self.ws.celebrations[i];
                        (
                            format!("Delete the celebration \"{}\"? {}", c.how, self.yes_no()),
                            Pending::DeleteCelebration(c.id),
                        )
                    }
                };
                // Over this list, which comes back after the answer.
                self.ask_over(q, pending);
                return;
            }
            _ => return,
        }
        self.replace(Overlay::Records {
            kind,
            partner,
            cursor,
        });
    }
}
