//! A partner's commitments or celebrations as a list over the dashboard (`c`, `w`, also from the
//! partner's details): add, edit (also `Enter`) and delete them there.

use super::confirm::ConfirmView;
use super::confirm::Pending;
use super::help::HelpView;
use super::scene::Scene;
use super::{Effect, Overlay};
use crate::action::Action;
use crate::app::cursor::Cursor;
use crate::app::forms::{self, FormTarget};
use crate::app::status::Level;
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

/// The list's state: which records of whom, the selected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordsView {
    pub kind: RecordsKind,
    pub partner: PartnerId,
    pub cursor: Cursor,
}

impl RecordsView {
    /// The list's keys: move; add, edit (also `Enter`) and delete open a form or a question
    /// over it; kept / missed mark the selected commitment; help, back.
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        update(self.kind, self.partner, &mut self.cursor, action, scene)
    }
}

fn update(
    kind: RecordsKind,
    partner: PartnerId,
    cursor: &mut Cursor,
    action: Action,
    scene: &Scene,
) -> Effect {
    let rows = scene.record_rows(kind, partner);
    let height = scene.view_height();
    let selected = rows.get(cursor.selected).copied();
    let name = scene
        .ws()
        .partner_name(partner)
        .unwrap_or_default()
        .to_string();
    let nothing = || Effect::Status(Level::Info, "Nothing selected".to_string());
    if cursor.navigate(action, rows.len(), height) {
        return Effect::None;
    }
    match action {
        Action::Back => Effect::Close,
        Action::Help => Effect::Open(Overlay::Help(HelpView::new(
            crate::action::Context::Records,
        ))),
        Action::Add | Action::Edit | Action::Open | Action::Delete
            if scene.doc.read_only().is_some() =>
        {
            scene.read_only_refusal()
        }
        Action::Add | Action::Edit | Action::Open => {
            let editing = if action == Action::Add {
                None
            } else {
                selected
            };
            if action != Action::Add && editing.is_none() {
                return nothing();
            }
            let (form, target) = match kind {
                RecordsKind::Commitments => {
                    let c = editing.map(|i| &scene.ws().commitments[i]);
                    // Who keeps it (ours): as it is, else whoever adds it.
                    let owner = c
                        .and_then(|c| c.keeper().map(str::to_string))
                        .or_else(|| scene.doc.author().map(|a| a.key()));
                    let form = forms::with_owner(
                        forms::commitment_form(c, &name),
                        crate::app::form::FieldKey::MemberOwner,
                        scene.ws(),
                        owner.as_deref(),
                        crate::app::form::FieldKey::PromisedBy,
                    );
                    (form, FormTarget::Commitment(partner, c.map(|c| c.id)))
                }
                RecordsKind::Celebrations => {
                    let c = editing.map(|i| &scene.ws().celebrations[i]);
                    let done: Vec<&Milestone> = scene
                        .ws()
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
            // Over this list, which comes back when the form closes.
            Effect::Open(scene.form_overlay(form, target))
        }
        Action::MarkKept | Action::MarkMissed if kind == RecordsKind::Commitments => {
            if scene.doc.read_only().is_some() {
                return scene.read_only_refusal();
            }
            let Some(i) = selected else {
                return nothing();
            };
            let today = scene.today();
            let mut ws = Workspace::clone(scene.ws());
            let c = &mut ws.commitments[i];
            let (outcome, word) = if action == Action::MarkKept {
                (Outcome::Kept(today), "kept")
            } else {
                (Outcome::Missed(today), "missed")
            };
            c.outcome = Some(outcome);
            let message = format!("Marked {word} today: {}", c.what);
            Effect::Apply {
                ws: Box::new(ws),
                change: message.into(),
                then: Vec::new(),
            }
        }
        Action::Delete => {
            let Some(i) = selected else {
                return nothing();
            };
            let (question, pending) = match kind {
                RecordsKind::Commitments => {
                    let c = &scene.ws().commitments[i];
                    (
                        format!("Delete the commitment \"{}\"? {}", c.what, scene.yes_no()),
                        Pending::DeleteCommitment(c.id),
                    )
                }
                RecordsKind::Celebrations => {
                    let c = &scene.ws().celebrations[i];
                    (
                        format!("Delete the celebration \"{}\"? {}", c.how, scene.yes_no()),
                        Pending::DeleteCelebration(c.id),
                    )
                }
            };
            // Over this list, which comes back after the answer.
            Effect::Open(Overlay::Confirm(ConfirmView { question, pending }))
        }
        _ => Effect::None,
    }
}

impl Scene<'_> {
    /// Positions (in the workspace list of the kind) of a partner's records, in display order:
    /// commitments by due date, celebrations newest first.
    pub fn record_rows(&self, kind: RecordsKind, partner: PartnerId) -> Vec<usize> {
        let Some(slots) = self.doc.index().slots(partner) else {
            return Vec::new();
        };
        match kind {
            RecordsKind::Commitments => slots.commitments.clone(),
            RecordsKind::Celebrations => slots.celebrations.iter().rev().copied().collect(),
        }
    }
}
