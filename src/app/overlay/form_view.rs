//! The form overlay ([`FormView`]) and its keys: move between fields, type, complete, hand a
//! field to `$EDITOR`, save (what is built is applied in `edit.rs`), cancel (asking first when
//! something was typed). Closing pops it: the list it was opened from comes back.

use super::confirm::ConfirmView;
use super::confirm::Pending;
use super::scene::Scene;
use super::{Effect, Overlay};
use crate::action::Action;
use crate::app::form::Form;
use crate::app::forms::{self, FormTarget};
use crate::app::status::Level;
use crate::model::GoalId;

/// A form for a record, open over the dashboard.
#[derive(Debug, Clone)]
pub struct FormView {
    pub form: Form,
    /// What saving it changes.
    pub target: FormTarget,
    /// A goal whose last milestone the form celebrates, offered to be marked achieved when the
    /// form closes.
    pub achieved: Option<GoalId>,
    /// The focused field's text, to hand to `$EDITOR`: the event loop takes it
    /// ([`App::take_editor_request`]), suspends the terminal, edits, and calls
    /// [`App::editor_done`].
    pub editor: Option<String>,
}

impl FormView {
    /// A key typed into the focused field (one no binding claimed).
    pub(in crate::app) fn type_key(&mut self, key: crate::keymap::Key, scene: &Scene) {
        self.change_field(scene, |form| form.type_key(key));
    }

    /// Pasted text for the focused field; refused (with a message) on a choice field.
    pub(in crate::app) fn paste(&mut self, text: &str, scene: &Scene) -> Effect {
        let mut took = false;
        self.change_field(scene, |form| took = form.paste(text));
        if took {
            Effect::None
        } else {
            Effect::Status(
                Level::Warn,
                "Nothing was pasted: this field is a choice, not a text field".to_string(),
            )
        }
    }

    /// Applies a change to the focused field and refreshes its hint (the other fields' hints
    /// depend on their own values, which did not change).
    pub(in crate::app) fn change_field(&mut self, scene: &Scene, change: impl FnOnce(&mut Form)) {
        let form = &mut self.form;
        change(form);
        let key = scene.keymap.keys_text(Action::Complete);
        let focus = form.focus;
        if let Some(f) = form.fields.get_mut(focus) {
            forms::refresh_hint(f, scene.now, scene.ws(), &key);
        }
    }

    /// The form's keys: move between fields, edit the focused one, complete it, hand it to
    /// `$EDITOR`, save, cancel (asking first when something was typed).
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        let FormView {
            form,
            target,
            achieved,
            editor,
        } = self;
        match action {
            // List completions follow the focus (they complete the focused field).
            Action::FieldNext => {
                form.next();
                scene.refresh_form_hints(form);
            }
            Action::FieldPrev => {
                form.prev();
                scene.refresh_form_hints(form);
            }
            Action::Complete => {
                if !forms::complete(form, scene.ws()) {
                    return Effect::Status(Level::Info, "No completion here".to_string());
                }
                scene.refresh_form_hints(form);
            }
            Action::OpenEditor => {
                let text = form
                    .fields
                    .get(form.focus)
                    .map(|f| f.value().to_string())
                    .unwrap_or_default();
                *editor = Some(text);
            }
            Action::Cancel if form.dirty => {
                // Over the form, which comes back on "no".
                return Effect::Open(Overlay::Confirm(ConfirmView {
                    question: format!("Discard what you typed? {}", scene.yes_no()),
                    pending: Pending::DiscardForm,
                }));
            }
            Action::Cancel => {
                let achieved = match target {
                    FormTarget::Celebration(_) => *achieved,
                    _ => None,
                };
                return Effect::Several(vec![Effect::Close, offer_achieved(scene, achieved)]);
            }
            Action::Submit => match forms::build(form, *target, scene.ws(), scene.now) {
                Some(built) => {
                    return Effect::Save {
                        built: Box::new(built),
                        target: *target,
                    };
                }
                None => {
                    form.focus = form
                        .fields
                        .iter()
                        .position(|f| f.error.is_some())
                        .unwrap_or(0);
                    let only_future = form.future_warned.is_some()
                        && form.fields.iter().filter(|f| f.error.is_some()).count() == 1
                        && form.fields[form.focus].key == crate::app::form::FieldKey::When;
                    return Effect::Status(
                        Level::Warn,
                        if only_future {
                            "This contact is dated in the future: save again to log it so, or \
                             change When"
                        } else {
                            "Some fields need attention (shown in red); nothing was saved"
                        }
                        .to_string(),
                    );
                }
            },
            // Editing the focused field: cursor motions, deletions, choices.
            _ if form.edit(action) => scene.refresh_form_hints(form),
            _ => {}
        }
        Effect::None
    }
}

/// The progress form of a goal whose last milestone was celebrated, preset to achieved.
pub(in crate::app) fn offer_achieved(scene: &Scene, goal: Option<GoalId>) -> Effect {
    match goal.and_then(|g| scene.ws().goal(g)) {
        Some(g) => Effect::Open(scene.form_overlay(
            forms::progress_form(g, true),
            FormTarget::GoalProgress(g.id),
        )),
        None => Effect::None,
    }
}

impl Scene<'_> {
    /// A form overlay, its hints up to date.
    pub(in crate::app) fn form_overlay(&self, mut form: Form, target: FormTarget) -> Overlay {
        self.refresh_form_hints(&mut form);
        Overlay::Form(FormView {
            form,
            target,
            achieved: None,
            editor: None,
        })
    }

    fn refresh_form_hints(&self, form: &mut Form) {
        let key = self.keymap.keys_text(Action::Complete);
        forms::refresh_hints(form, self.now, self.ws(), &key);
    }
}
