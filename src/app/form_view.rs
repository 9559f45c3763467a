//! The form overlay's keys (`Overlay::Form`): move between fields, type, complete, hand a field
//! to `$EDITOR`, save (what is built is applied in `edit.rs`), cancel (asking first when
//! something was typed). Closing pops it: the list it was opened from comes back.

use super::form::Form;
use super::forms::{self, FormTarget};
use super::{Action, App, Effect, Level, Overlay, Pending};
use crate::model::GoalId;

impl App {
    pub(super) fn open_form(&mut self, form: Form, target: FormTarget) {
        let form = self.form_overlay(form, target);
        self.open(form);
    }

    /// A form overlay, its hints up to date.
    pub(super) fn form_overlay(&self, mut form: Form, target: FormTarget) -> Overlay {
        self.refresh_form_hints(&mut form);
        Overlay::Form {
            form,
            target,
            achieved: None,
        }
    }

    fn refresh_form_hints(&self, form: &mut Form) {
        let key = self.keymap.keys_text(Action::Complete);
        forms::refresh_hints(form, self.now, &self.ws, &key);
    }

    /// A key typed into the focused form field (one no binding claimed).
    pub fn type_key(&mut self, key: crate::keymap::Key) {
        self.change_form(|form| form.type_key(key));
    }

    /// Applies a change to the open form's focused field and refreshes its hint (the other
    /// fields' hints depend on their own values, which did not change).
    fn change_form(&mut self, change: impl FnOnce(&mut Form)) {
        self.with_top(|top, app| {
            if let Overlay::Form { form, .. } = top {
                change(form);
                let key = app.keymap.keys_text(Action::Complete);
                let focus = form.focus;
                if let Some(f) = form.fields.get_mut(focus) {
                    forms::refresh_hint(f, app.now, &app.ws, &key);
                }
            }
        });
    }

    /// The text back from `$EDITOR` for the focused field.
    pub fn editor_done(&mut self, text: Option<String>) {
        self.editor_request = None;
        match (text, &mut self.overlay) {
            (Some(text), Some(Overlay::Form { .. })) => {
                let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
                self.change_form(|form| form.set_focused_text(text));
            }
            (None, _) => self.set_status(
                Level::Warn,
                "The editor did not finish; the field is unchanged",
            ),
            _ => {}
        }
    }

    /// The goal the open form (a celebration of its last milestone) offers to mark achieved.
    pub(super) fn goal_achieved(&self) -> Option<GoalId> {
        match &self.overlay {
            Some(Overlay::Form {
                target: FormTarget::Celebration(_),
                achieved,
                ..
            }) => *achieved,
            _ => None,
        }
    }

    /// After the last milestone of a goal: update its current value and, as preset, mark it
    /// achieved (Esc leaves it as it was).
    pub(super) fn offer_goal_achieved(&mut self, goal: Option<GoalId>) {
        let offer = offer_achieved(self, goal);
        self.apply(offer);
    }
}

/// The progress form of a goal whose last milestone was celebrated, preset to achieved.
fn offer_achieved(app: &App, goal: Option<GoalId>) -> Effect {
    match goal.and_then(|g| app.ws.goal(g)) {
        Some(g) => Effect::Open(app.form_overlay(
            forms::progress_form(g, true),
            FormTarget::GoalProgress(g.id),
        )),
        None => Effect::None,
    }
}

/// The form's keys: move between fields, edit the focused one, complete it, hand it to
/// `$EDITOR`, save, cancel (asking first when something was typed).
pub(super) fn update(
    form: &mut Form,
    target: FormTarget,
    achieved: Option<GoalId>,
    action: Action,
    app: &App,
) -> Effect {
    match action {
        Action::FieldNext => form.next(),
        Action::FieldPrev => form.prev(),
        Action::Complete => {
            if !forms::complete(form, &app.ws) {
                return Effect::Status(Level::Info, "No completion here".to_string());
            }
            app.refresh_form_hints(form);
        }
        Action::OpenEditor => {
            let text = form
                .fields
                .get(form.focus)
                .map(|f| f.value().to_string())
                .unwrap_or_default();
            return Effect::Editor(text);
        }
        Action::Cancel if form.dirty => {
            // Over the form, which comes back on "no".
            return Effect::Open(Overlay::Confirm {
                question: format!("Discard what you typed? {}", app.yes_no()),
                pending: Pending::DiscardForm,
            });
        }
        Action::Cancel => {
            let achieved = match target {
                FormTarget::Celebration(_) => achieved,
                _ => None,
            };
            return Effect::Several(vec![Effect::Close, offer_achieved(app, achieved)]);
        }
        Action::Submit => match forms::build(form, target, &app.ws, app.now) {
            Some(built) => {
                return Effect::Save {
                    built: Box::new(built),
                    target,
                };
            }
            None => {
                form.focus = form
                    .fields
                    .iter()
                    .position(|f| f.error.is_some())
                    .unwrap_or(0);
                return Effect::Status(
                    Level::Warn,
                    "Some fields need attention (shown in red); nothing was saved".to_string(),
                );
            }
        },
        // Editing the focused field: cursor motions, deletions, choices.
        _ if form.edit(action) => app.refresh_form_hints(form),
        _ => {}
    }
    Effect::None
}
