//! The form overlay ([`FormView`]) and its keys: move between fields, type, complete, hand a
//! field to `$EDITOR`, save (what is built is applied in `edit.rs`), cancel (asking first when
//! something was typed). Closing pops it: the list it was opened from comes back.

use super::confirm::ConfirmView;
use super::form::Form;
use super::forms::{self, FormTarget};
use super::{Action, App, Effect, Level, Overlay, Pending};
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
    pub(super) fn type_key(&mut self, key: crate::keymap::Key, app: &App) {
        self.change_field(app, |form| form.type_key(key));
    }

    /// Pasted text for the focused field; refused (with a message) on a choice field.
    pub(super) fn paste(&mut self, text: &str, app: &App) -> Effect {
        let mut took = false;
        self.change_field(app, |form| took = form.paste(text));
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
    fn change_field(&mut self, app: &App, change: impl FnOnce(&mut Form)) {
        let form = &mut self.form;
        change(form);
        let key = app.keymap.keys_text(Action::Complete);
        let focus = form.focus;
        if let Some(f) = form.fields.get_mut(focus) {
            forms::refresh_hint(f, app.now, app.ws(), &key);
        }
    }

    /// The form's keys: move between fields, edit the focused one, complete it, hand it to
    /// `$EDITOR`, save, cancel (asking first when something was typed).
    pub(super) fn update(&mut self, action: Action, app: &App) -> Effect {
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
                app.refresh_form_hints(form);
            }
            Action::FieldPrev => {
                form.prev();
                app.refresh_form_hints(form);
            }
            Action::Complete => {
                if !forms::complete(form, app.ws()) {
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
                *editor = Some(text);
            }
            Action::Cancel if form.dirty => {
                // Over the form, which comes back on "no".
                return Effect::Open(Overlay::Confirm(ConfirmView {
                    question: format!("Discard what you typed? {}", app.yes_no()),
                    pending: Pending::DiscardForm,
                }));
            }
            Action::Cancel => {
                let achieved = match target {
                    FormTarget::Celebration(_) => *achieved,
                    _ => None,
                };
                return Effect::Several(vec![Effect::Close, offer_achieved(app, achieved)]);
            }
            Action::Submit => match forms::build(form, *target, app.ws(), app.now) {
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
                        && form.fields[form.focus].key == super::form::FieldKey::When;
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
            _ if form.edit(action) => app.refresh_form_hints(form),
            _ => {}
        }
        Effect::None
    }
}

impl App {
    pub(super) fn open_form(&mut self, form: Form, target: FormTarget) {
        let form = self.form_overlay(form, target);
        self.open(form);
    }

    /// A form overlay, its hints up to date.
    pub(super) fn form_overlay(&self, mut form: Form, target: FormTarget) -> Overlay {
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

    /// The text a form asked to hand to `$EDITOR`, while the request is pending.
    pub fn editor_request(&self) -> Option<&str> {
        self.stack().find_map(|o| match o {
            Overlay::Form(view) => view.editor.as_deref(),
            _ => None,
        })
    }

    /// Takes the text a form asked to hand to `$EDITOR` (the event loop runs the editor and
    /// calls [`App::editor_done`]).
    pub fn take_editor_request(&mut self) -> Option<String> {
        self.stack_mut().find_map(|o| match o {
            Overlay::Form(view) => view.editor.take(),
            _ => None,
        })
    }

    /// The text back from `$EDITOR` for the focused field.
    pub fn editor_done(&mut self, text: Option<String>) {
        self.take_editor_request();
        match (text, &mut self.overlay) {
            (Some(text), Some(Overlay::Form(_))) => {
                let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
                self.with_top(|top, app| {
                    if let Overlay::Form(view) = top {
                        view.change_field(app, |form| form.set_focused_text(text));
                    }
                });
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
            Some(Overlay::Form(FormView {
                target: FormTarget::Celebration(_),
                achieved,
                ..
            })) => *achieved,
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
    match goal.and_then(|g| app.ws().goal(g)) {
        Some(g) => Effect::Open(app.form_overlay(
            forms::progress_form(g, true),
            FormTarget::GoalProgress(g.id),
        )),
        None => Effect::None,
    }
}
