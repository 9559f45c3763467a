//! The yes/no question (`Overlay::Confirm`): what a yes does ([`Pending`]), asking, and the
//! answer. A question over a form keeps the form under it on the stack: back to it on "no" to
//! discarding it, gone with the question otherwise. The answers still act on the app (deleting
//! records, resolving a conflict with the file, recovering, quitting).

use super::{Action, App, Level, Overlay};
use crate::model::*;

/// What a yes answer does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    DeletePartner(PartnerId),
    DeleteGoal(GoalId),
    DeleteMilestone(MilestoneId),
    DeleteInteraction(InteractionId),
    /// Mark a goal achieved (its last milestone was just completed).
    AchieveGoal(GoalId),
    DeleteCommitment(CommitmentId),
    DeleteCelebration(CelebrationId),
    /// Discard a changed form.
    DiscardForm,
    /// The file changed on disk under an unsaved change.
    ResolveConflict,
    /// Recover the emergency copy at this path (an earlier session's unsaved work).
    RecoverEmergency(std::path::PathBuf),
    /// Quit although the last save failed: retry, keep a copy elsewhere, or discard.
    QuitUnsaved,
}

impl App {
    /// Asks a question. Over a form it is opened over it (the form comes back on "no" to
    /// discarding it); anything else open is replaced by it.
    pub(super) fn confirm(&mut self, question: impl Into<String>, pending: Pending) {
        let question = Overlay::Confirm {
            question: question.into(),
            pending,
        };
        match self.overlay {
            Some(Overlay::Form { .. }) => self.open(question),
            _ => self.replace(question),
        }
    }

    pub(super) fn update_confirm(&mut self, action: Action) {
        self.answer(action);
    }

    fn answer(&mut self, action: Action) {
        let Some(Overlay::Confirm { pending, question }) = &mut self.overlay else {
            return;
        };
        let pending = pending.clone();
        let yes = action == Action::Yes;
        if pending == Pending::QuitUnsaved {
            self.close();
            self.answer_quit(action);
            return;
        }
        if !matches!(action, Action::Yes | Action::No) {
            question.clear();
            return;
        }
        // The question closes; a form it interrupted goes with it, except on "no" to
        // discarding that form.
        self.close();
        let keep_form = pending == Pending::DiscardForm && !yes;
        if !keep_form && matches!(self.overlay, Some(Overlay::Form { .. })) {
            self.close();
        }
        if pending == Pending::ResolveConflict {
            self.resolve_conflict(yes);
            return;
        }
        if let Pending::RecoverEmergency(copy) = pending {
            self.recover_emergency(copy, yes);
            return;
        }
        if pending == Pending::DiscardForm {
            return;
        }
        if !yes {
            self.set_status(Level::Info, "Nothing changed");
            return;
        }
        let mut ws = Workspace::clone(&self.ws);
        let message = match pending {
            Pending::DeletePartner(id) => {
                ws.remove_partner(id);
                "Deleted the partner and its records"
            }
            Pending::DeleteGoal(id) => {
                ws.remove::<Goal>(id.0);
                let partner = self.ws.goal(id).map(|g| g.partner);
                // Its milestones stay, unlinked; only the goal's partner can have any.
                let theirs = partner
                    .and_then(|p| self.index.slots(p))
                    .map_or(&[][..], |s| &s.milestones[..]);
                for &i in theirs {
                    if self.ws.milestones[i].goal == Some(id) {
                        ws.milestones[i].goal = None;
                    }
                }
                "Deleted the goal"
            }
            Pending::DeleteMilestone(id) => {
                ws.remove::<Milestone>(id.0);
                let partner = self.ws.milestone(id).map(|m| m.partner);
                let theirs = partner
                    .and_then(|p| self.index.slots(p))
                    .map_or(&[][..], |s| &s.celebrations[..]);
                let mut unlink = Vec::new();
                for &i in theirs {
                    if self.ws.celebrations[i].milestone == Some(id) {
                        unlink.push(self.ws.celebrations[i].id);
                    }
                }
                for c in unlink {
                    if let Some(c) = ws.find_mut::<Celebration>(c.0) {
                        c.milestone = None;
                    }
                }
                "Deleted the milestone"
            }
            Pending::DeleteInteraction(id) => {
                ws.remove::<Interaction>(id.0);
                "Deleted the log entry"
            }
            Pending::DeleteCommitment(id) => {
                ws.remove::<Commitment>(id.0);
                "Deleted the commitment"
            }
            Pending::DeleteCelebration(id) => {
                ws.remove::<Celebration>(id.0);
                "Deleted the celebration"
            }
            Pending::AchieveGoal(id) => {
                if let Some(g) = ws.find_mut::<Goal>(id.0) {
                    g.status = GoalStatus::Achieved;
                }
                "Goal achieved 🎉"
            }
            Pending::DiscardForm
            | Pending::ResolveConflict
            | Pending::RecoverEmergency(_)
            | Pending::QuitUnsaved => {
                unreachable!("handled above")
            }
        };
        let message = if message.starts_with("Deleted") {
            format!("{message} ({} undoes)", self.undo_key())
        } else {
            message.to_string()
        };
        self.commit(ws, &message);
    }
}
