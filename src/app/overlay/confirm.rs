//! The yes/no question ([`ConfirmView`]): what a yes does ([`Pending`]), asking, and the
//! answer. A question over a form keeps the form under it on the stack: back to it on "no" to
//! discarding it, gone with the question otherwise. A delete is applied as a change; resolving a
//! conflict with the file, recovering and quitting are carried out by the app (`disk.rs`).

use super::scene::Scene;
use super::{Effect, Overlay};
use crate::action::Action;
use crate::app::status::Level;
use crate::document::Change;
use crate::insight::Slots;
use crate::model::*;

/// How long a question that appeared on its own ignores keys: from when it appeared, and
/// from every key it ignored.
pub const QUESTION_GUARD: std::time::Duration = std::time::Duration::from_millis(1000);

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

/// A yes/no question, and what a yes does. A form it interrupted stays under it: back on "no"
/// to discarding it, dropped with the question otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmView {
    pub question: String,
    pub pending: Pending,
}

impl ConfirmView {
    /// The question's keys: yes or no (the quit question has more answers). The question
    /// closes; a form it interrupted goes with it, except on "no" to discarding that form.
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        update(&mut self.question, &self.pending, action, scene)
    }
}

fn update(question: &mut String, pending: &Pending, action: Action, scene: &Scene) -> Effect {
    let yes = action == Action::Yes;
    if *pending == Pending::QuitUnsaved {
        return Effect::Several(vec![Effect::Close, Effect::AnswerQuit(action)]);
    }
    if !matches!(action, Action::Yes | Action::No) {
        question.clear();
        return Effect::None;
    }
    let mut effects = vec![Effect::Close];
    // A form under a question about something else (the file changed on disk, a copy to
    // recover) stays: what was being typed there is still wanted.
    let keep_form = match pending {
        Pending::DiscardForm => !yes,
        Pending::ResolveConflict | Pending::RecoverEmergency(_) => true,
        _ => false,
    };
    if !keep_form && matches!(scene.under, Some(Overlay::Form(_))) {
        effects.push(Effect::Close);
    }
    effects.push(match pending {
        Pending::ResolveConflict => Effect::ResolveConflict { reapply_ours: yes },
        Pending::RecoverEmergency(copy) => Effect::Recover {
            copy: copy.clone(),
            recover: yes,
        },
        Pending::DiscardForm => Effect::None,
        _ if !yes => Effect::Status(Level::Info, "Nothing changed".to_string()),
        _ => change(pending, scene),
    });
    Effect::Several(effects)
}

/// Deletes a record and what goes with it. A partner takes its records with it
/// ([`Workspace::remove_partner`]); any other record is unlinked from the records whose links
/// ([`Record::links`]) name it: they stay (a goal's milestones, a milestone's celebrations).
/// Only the record's partner's records can link to it (validation holds links within a
/// partner), so only those are looked at, through the index, whose positions are `ws`'s before
/// the record goes.
fn delete<R: Record>(scene: &Scene, ws: &mut Workspace, id: u64) {
    unlink_and_remove::<R>(scene, ws, id);
    // Merge conflicts about records that are gone are decided by the deletion (a merge refuses
    // a conflict that names no record).
    let gone: Vec<MergeConflict> = ws
        .conflicts
        .iter()
        .filter(|c| c.kind != "profile" && !ws.holds(&c.kind, c.id))
        .cloned()
        .collect();
    if !gone.is_empty() {
        ws.conflicts.retain(|c| !gone.contains(c));
    }
}

fn unlink_and_remove<R: Record>(scene: &Scene, ws: &mut Workspace, id: u64) {
    if R::LIST == ListKind::Partners {
        ws.remove_partner(PartnerId(id));
        return;
    }
    struct Unlink<'a> {
        scene: &'a Scene<'a>,
        ws: &'a mut Workspace,
        slots: &'a Slots,
        target: (ListKind, u64),
    }
    impl EachKind for Unlink<'_> {
        fn kind<S: Record>(&mut self) {
            if !S::LINKS.contains(&self.target.0) {
                return;
            }
            let target = |list, id| (list, id) == self.target;
            for &i in self.slots.of(S::LIST) {
                if S::list(self.scene.ws())
                    .get(i)
                    .is_some_and(|r| r.links_to(target))
                    && let Some(r) = S::list_mut(self.ws).get_mut(i)
                {
                    r.unlink(target);
                }
            }
        }
    }
    let partner = scene.ws().find::<R>(id).map(R::partner);
    if let Some(slots) = partner.and_then(|p| scene.doc.index().slots(p)) {
        each_kind(&mut Unlink {
            scene,
            ws,
            slots,
            target: (R::LIST, id),
        });
    }
    ws.remove::<R>(id);
}

/// [`delete`], and what it says.
fn deleted<R: Record>(scene: &Scene, ws: &mut Workspace, id: u64) -> String {
    delete::<R>(scene, ws, id);
    format!("Deleted the {}", R::KIND)
}

/// What a yes to a delete (or to marking a goal achieved) changes.
fn change(pending: &Pending, scene: &Scene) -> Effect {
    let mut ws = Workspace::clone(scene.ws());
    let message = match *pending {
        Pending::DeletePartner(id) => {
            delete::<Partner>(scene, &mut ws, id.0);
            "Deleted the partner and its records".to_string()
        }
        Pending::DeleteGoal(id) => deleted::<Goal>(scene, &mut ws, id.0),
        Pending::DeleteMilestone(id) => deleted::<Milestone>(scene, &mut ws, id.0),
        Pending::DeleteInteraction(id) => deleted::<Interaction>(scene, &mut ws, id.0),
        Pending::DeleteCommitment(id) => deleted::<Commitment>(scene, &mut ws, id.0),
        Pending::DeleteCelebration(id) => deleted::<Celebration>(scene, &mut ws, id.0),
        Pending::AchieveGoal(id) => {
            if let Some(g) = ws.find_mut::<Goal>(id.0) {
                g.status = GoalStatus::Achieved;
            }
            "Goal achieved 🎉".to_string()
        }
        Pending::DiscardForm
        | Pending::ResolveConflict
        | Pending::RecoverEmergency(_)
        | Pending::QuitUnsaved => return Effect::None,
    };
    let said = if message.starts_with("Deleted") {
        format!("{message} ({} undoes)", scene.undo_key())
    } else {
        message.clone()
    };
    Effect::Apply {
        ws: Box::new(ws),
        change: Change::named(message).saying(said),
        then: Vec::new(),
    }
}
