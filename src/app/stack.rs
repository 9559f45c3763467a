//! The overlay stack: what is open over the dashboard. The top is `App::overlay` (what keys go
//! to and what is drawn); `App::under` holds what it was opened over, the nearest last. Opening
//! pushes, closing pops, and the view underneath comes back as it was left: "back" is one way
//! everywhere (help over a list, a form over a list, a question over a form).

use super::App;
use super::overlay::{Effect, Overlay};
use crate::action::Action;

impl App {
    /// Opens `overlay` over whatever is open (which comes back when it closes).
    pub(crate) fn open(&mut self, overlay: Overlay) {
        if self.overlay.is_none() {
            // Nothing open: nothing can be under (a caller may have closed everything).
            self.under.clear();
        }
        if let Some(top) = self.overlay.replace(overlay) {
            self.under.push(top);
        }
    }

    /// Closes the top overlay: the one it was opened over comes back. Returns the one closed.
    pub(crate) fn close(&mut self) -> Option<Overlay> {
        let top = self.overlay.take();
        self.overlay = self.under.pop();
        top
    }

    /// Puts `overlay` in place of the top one (switching views; a question that replaces what
    /// it interrupts); what is under stays.
    pub(crate) fn replace(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
    }

    /// The overlay the top one was opened over (help draws over it).
    pub fn under(&self) -> Option<&Overlay> {
        self.overlay.as_ref().and(self.under.last())
    }

    /// Every open overlay, the top first.
    pub fn stack(&self) -> impl Iterator<Item = &Overlay> {
        self.overlay.iter().chain(self.under.iter().rev())
    }

    /// Every open overlay, the top first, to change.
    pub(crate) fn stack_mut(&mut self) -> impl Iterator<Item = &mut Overlay> {
        self.overlay.iter_mut().chain(self.under.iter_mut().rev())
    }

    /// Whether the dashboard is in front: nothing is open over it but a pane's filter being
    /// typed.
    pub fn dashboard_in_front(&self) -> bool {
        matches!(self.overlay, None | Some(Overlay::Filter(_)))
    }

    /// How many overlays are open.
    pub fn depth(&self) -> usize {
        match self.overlay {
            Some(_) => self.under.len() + 1,
            None => 0,
        }
    }
}

impl App {
    /// A key's action for an overlay that handles its own keys: it is taken off the top while
    /// it works (it reads the app, changes only itself), put back, and its effect carried out.
    pub(super) fn update_top(&mut self, action: Action) {
        if let Some(effect) = self.with_top(|top, app| top.update(action, app)) {
            self.apply(effect);
        }
    }

    /// Runs `f` on the top overlay, taken off while `f` reads the app.
    pub(super) fn with_top<R>(&mut self, f: impl FnOnce(&mut Overlay, &App) -> R) -> Option<R> {
        let mut top = self.overlay.take()?;
        let out = f(&mut top, self);
        self.overlay = Some(top);
        Some(out)
    }

    /// Carries out what an overlay asked for.
    pub(crate) fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Close => {
                self.close();
            }
            Effect::Open(overlay) => self.open(overlay),
            Effect::Replace(overlay) => self.replace(overlay),
            Effect::Status(level, text) => self.set_status(level, text),
            Effect::Jump {
                partner,
                record,
                then,
            } => {
                self.close();
                self.jump_to(partner, record);
                if let Some(action) = then {
                    self.update_dashboard(action);
                }
            }
            Effect::Run(action) => {
                self.close();
                self.update(action);
            }
            Effect::Apply { ws, change, then } => {
                if self.commit(*ws, change) {
                    for effect in then {
                        self.apply(effect);
                    }
                }
            }
            Effect::NextReview(batch) => self.next_in_queue(batch),
            Effect::FilterInput(request) => self.filter_input(request),
            Effect::KeepFilter => self.keep_filter(),
            Effect::ClearFilter(pane) => self.clear_filter(pane),
            Effect::AnswerQuit(action) => self.answer_quit(action),
            Effect::ResolveConflict { reapply_ours } => self.resolve_conflict(reapply_ours),
            Effect::Recover { copy, recover } => self.recover_emergency(copy, recover),
            Effect::Save {
                built,
                target: super::forms::FormTarget::Proposal(_),
            } => self.accept_edited(*built),
            Effect::Save { built, target } => self.apply_built(*built, target),
            Effect::Several(effects) => {
                for effect in effects {
                    self.apply(effect);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Context;
    use crate::app::confirm::Pending;
    use crate::app::pane::Pane;
    use crate::document::Source;
    use crate::store::{demo::DEMO_ANCHOR, demo_workspace};

    fn app() -> App {
        let mut app = App::new(demo_workspace(DEMO_ANCHOR), DEMO_ANCHOR, Source::Memory);
        app.resize(120, 40);
        app
    }

    fn top(app: &App) -> Option<Context> {
        app.overlay.as_ref().map(Overlay::context)
    }

    /// Help over details over a form (no key opens details over a form, so the stack is built
    /// by hand): back takes each off in turn, and the form has its text when it is on top again.
    #[test]
    fn help_over_details_over_a_form_pops_each_in_turn() {
        let mut app = app();
        app.update(Action::Add);
        app.editor_done(Some("Harbour Youth Trust".into()));
        app.open_detail();
        app.open_help();
        assert_eq!(app.depth(), 3);
        assert_eq!(app.help_context(), Context::Detail);
        app.update(Action::Back);
        assert_eq!(top(&app), Some(Context::Detail));
        app.update(Action::Back);
        assert_eq!(top(&app), Some(Context::Form));
        let Some(Overlay::Form(view)) = &app.overlay else {
            unreachable!()
        };
        let form = &view.form;
        assert_eq!(form.fields[form.focus].value(), "Harbour Youth Trust");
        // Cancel asks (the form was typed in); "no" keeps the form, "yes" closes it.
        app.update(Action::Cancel);
        assert_eq!(top(&app), Some(Context::Confirm));
        app.update(Action::No);
        assert_eq!(top(&app), Some(Context::Form));
        app.update(Action::Cancel);
        app.update(Action::Yes);
        assert_eq!(app.depth(), 0);
    }

    #[test]
    fn closing_with_nothing_open_is_harmless_and_opening_after_a_reset_starts_afresh() {
        let mut app = app();
        assert!(app.close().is_none());
        app.open_help();
        app.open_help();
        assert_eq!(app.depth(), 2);
        // Something set the top aside by hand (as some tests do): nothing stale stays under.
        app.overlay = None;
        app.open_help();
        assert_eq!(app.depth(), 1);
        assert!(app.under().is_none());
    }

    /// A question raised while a filter is typed (the file changed on disk) opens over the
    /// typing, which goes on after the answer, as it did before the typing was an overlay.
    #[test]
    fn a_question_over_a_filter_being_typed_leaves_the_typing_under_it() {
        let mut app = app();
        app.update(Action::Filter);
        app.handle_key(crate::keymap::Key::char('h'));
        app.confirm("Delete it?", Pending::DeleteGoal(crate::model::GoalId(1)));
        assert_eq!(top(&app), Some(Context::Confirm));
        assert_eq!(app.filter_editing(), Some(Pane::Partners));
        app.update(Action::No);
        assert_eq!(top(&app), Some(Context::Filter));
        app.handle_key(crate::keymap::Key::char('a'));
        assert_eq!(app.filter_text(Pane::Partners), Some("ha"));
        app.update(Action::Submit);
        assert_eq!(app.depth(), 0);
    }
}
