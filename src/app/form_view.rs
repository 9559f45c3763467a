//! The form overlay's keys (`Overlay::Form`): move between fields, type, complete, hand a field
//! to `$EDITOR`, save (what is built is applied in `edit.rs`), cancel (asking first when
//! something was typed). Closing pops it: the list it was opened from comes back.

use super::form::Form;
use super::forms::{self, FormTarget};
use super::{Action, App, Level, Overlay, Pending};
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

    /// Form keys: move between fields, save, cancel.
    pub(super) fn update_form(&mut self, action: Action) {
        let Some(Overlay::Form { form, target, .. }) = &mut self.overlay else {
            return;
        };
        match action {
            Action::FieldNext => form.next(),
            Action::Complete => {
                if forms::complete(form, &self.ws) {
                    let key = self.keymap.keys_text(Action::Complete);
                    forms::refresh_hints(form, self.now, &self.ws, &key);
                } else {
                    self.set_status(Level::Info, "No completion here");
                }
            }
            Action::FieldPrev => form.prev(),
            Action::OpenEditor => {
                let text = form
                    .fields
                    .get(form.focus)
                    .map(|f| f.value().to_string())
                    .unwrap_or_default();
                self.editor_request = Some(text);
            }
            Action::Cancel => {
                if form.dirty {
                    let question = format!("Discard what you typed? {}", self.yes_no());
                    self.confirm(question, Pending::DiscardForm);
                } else {
                    self.close_form();
                }
            }
            Action::Submit => {
                let target = *target;
                match forms::build(form, target, &self.ws, self.now) {
                    Some(built) => self.apply_built(built, target),
                    None => {
                        let first = form
                            .fields
                            .iter()
                            .position(|f| f.error.is_some())
                            .unwrap_or(0);
                        form.focus = first;
                        self.set_status(
                            Level::Warn,
                            "Some fields need attention (shown in red); nothing was saved",
                        );
                    }
                }
            }
            // Editing the focused field: cursor motions, deletions, choices.
            _ if form.edit(action) => {
                self.change_form(|_| {});
            }
            _ => {}
        }
    }

    /// A key typed into the focused form field (one no binding claimed).
    pub fn type_key(&mut self, key: crate::keymap::Key) {
        self.change_form(|form| form.type_key(key));
    }

    /// Applies a change to the open form's fields and refreshes their hints.
    fn change_form(&mut self, change: impl FnOnce(&mut Form)) {
        self.with_top(|top, app| {
            if let Overlay::Form { form, .. } = top {
                change(form);
                app.refresh_form_hints(form);
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

    fn close_form(&mut self) {
        let achieved = self.goal_achieved();
        self.close();
        self.offer_goal_achieved(achieved);
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
        if let Some(goal) = goal
            && let Some(g) = self.ws.goal(goal)
        {
            let form = forms::progress_form(g, true);
            self.open_form(form, FormTarget::GoalProgress(goal));
        }
    }
}
