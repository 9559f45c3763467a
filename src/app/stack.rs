//! The overlay stack: what is open over the dashboard. The top is `App::overlay` (what keys go
//! to and what is drawn); `App::under` holds what it was opened over, the nearest last. Opening
//! pushes, closing pops, and the view underneath comes back as it was left: "back" is one way
//! everywhere (help over a list, a form over a list, a question over a form).
//!
//! Opening each view (building it from what the app holds) and carrying out what an overlay
//! asks for ([`Effect`]) are here too.

use super::App;
use super::cursor::Cursor;
use super::detail::RecordRef;
use super::health_chart::HealthChart;
use super::overlay::confirm::{ConfirmView, Pending};
use super::overlay::conflicts::ConflictsView;
use super::overlay::detail_view::DetailView;
use super::overlay::messages_view::MessagesView;
use super::overlay::palette::{PaletteView, SearchView};
use super::overlay::reconcile::ReconcileView;
use super::overlay::records::{RecordsKind, RecordsView};
use super::overlay::review::{Batch, ReviewState, STEPS, step_name};
use super::overlay::scene::Scene;
use super::overlay::views::{AttentionView, OverviewSort, OverviewView};
use super::overlay::{Effect, Overlay};
use super::pane::Pane;
use super::status::Level;
use crate::action::Action;
use crate::model::{PartnerId, Phase};
use crate::share::reconcile;
use tui_input::Input;

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
    pub(super) fn with_top<R>(&mut self, f: impl FnOnce(&mut Overlay, &Scene) -> R) -> Option<R> {
        let mut top = self.overlay.take()?;
        let out = f(&mut top, &self.scene());
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
            Effect::Looked => self.looked(),
            Effect::Several(effects) => {
                for effect in effects {
                    self.apply(effect);
                }
            }
        }
    }
}

// Opening the views: each is built from what the app holds, then pushed on the stack.
impl App {
    /// Asks a question. Over a form it is opened over it (the form comes back on "no" to
    /// discarding it), and over a filter being typed (typing goes on after the answer);
    /// anything else open is replaced by it.
    pub(super) fn confirm(&mut self, question: impl Into<String>, pending: Pending) {
        let question = Overlay::Confirm(ConfirmView {
            question: question.into(),
            pending,
        });
        match self.overlay {
            Some(Overlay::Form(_) | Overlay::Filter(_)) => self.open(question),
            _ => self.replace(question),
        }
    }

    /// Opens the list (also at start, when the file holds conflicts).
    pub fn open_conflicts(&mut self) {
        if self.ws().conflicts.is_empty() {
            self.set_status(Level::Info, "No merge conflicts to decide");
            return;
        }
        self.open(Overlay::Conflicts(ConflictsView::default()));
    }

    /// Opens the details of the record selected in the focused pane.
    pub(super) fn open_detail(&mut self) {
        let record = match self.focus {
            Pane::Partners => self.selected_partner().map(|p| RecordRef::Partner(p.id)),
            Pane::Goals => self
                .selected_row(Pane::Goals)
                .map(|i| RecordRef::Goal(self.ws().goals[i].id)),
            Pane::Timeline => self
                .selected_row(Pane::Timeline)
                .map(|i| RecordRef::Milestone(self.ws().milestones[i].id)),
            Pane::Log => self
                .selected_row(Pane::Log)
                .map(|i| RecordRef::Interaction(self.ws().interactions[i].id)),
        };
        match record {
            Some(record) => {
                let view = DetailView::new(&self.scene(), record);
                self.open(Overlay::Detail(view));
            }
            None => self.set_status(Level::Info, "Nothing selected"),
        }
    }

    /// The health chart of the partner whose details are open (under other overlays too).
    pub fn detail_chart(&self) -> Option<&HealthChart> {
        self.stack().find_map(|o| match o {
            Overlay::Detail(view) => view.chart.as_ref(),
            _ => None,
        })
    }

    /// Opens the recent messages, or closes them when they are open.
    pub(super) fn toggle_messages(&mut self) {
        if matches!(self.overlay, Some(Overlay::Messages(_))) {
            self.close();
        } else {
            self.open(Overlay::Messages(MessagesView::default()));
        }
    }

    pub(super) fn open_records(&mut self, kind: RecordsKind) {
        let Some(partner) = self.selected_partner().map(|p| p.id) else {
            self.set_status(Level::Info, "Select a partner first");
            return;
        };
        self.open(Overlay::Records(RecordsView {
            kind,
            partner,
            cursor: Cursor::default(),
        }));
    }

    /// Opens their side for the selected partner, when a pack from them was received.
    pub(super) fn open_reconcile(&mut self) {
        let Some((partner, name)) = self.selected_partner().map(|p| (p.id, p.name.clone())) else {
            self.set_status(Level::Info, "Select a partner first");
            return;
        };
        if reconcile::latest(self.ws(), partner).is_none() {
            let text = format!(
                "No pack received from {name} yet: `partnerdeck receive FILE` keeps the one they send"
            );
            self.set_status(Level::Info, text);
            return;
        }
        self.open(Overlay::Reconcile(ReconcileView {
            partner,
            cursor: Cursor::default(),
        }));
    }

    pub(super) fn open_attention(&mut self) {
        self.open(Overlay::Attention(AttentionView::default()));
    }

    pub(super) fn open_overview(&mut self) {
        let view = OverviewView::new(&self.scene(), OverviewSort::Health);
        self.open(Overlay::Overview(view));
    }

    pub(super) fn open_palette(&mut self) {
        self.open(Overlay::Palette(PaletteView {
            input: Input::default(),
            matches: super::overlay::palette::palette_actions(),
            cursor: Cursor::default(),
        }));
    }

    pub(super) fn open_search(&mut self) {
        self.open(Overlay::Search(SearchView::default()));
    }

    /// Starts (or resumes) the review of the selected partner.
    pub(super) fn start_review(&mut self) {
        if self.refuse_read_only() {
            return;
        }
        match self.selected_partner().map(|p| p.id) {
            Some(id) => self.open_review(id, Batch::default()),
            None => self.set_status(Level::Info, "Select a partner to review"),
        }
    }

    /// Queues every partner whose review is due and starts the first.
    pub(super) fn start_due_reviews(&mut self) {
        if self.refuse_read_only() {
            return;
        }
        // Most overdue first, then by name (those due today alphabetically).
        let overdue = |id: PartnerId| {
            self.doc
                .overview()
                .attention
                .iter()
                .find(|a| a.partner == id && a.kind == crate::insight::AttentionKind::ReviewDue)
                .map_or(0, |a| a.days_overdue)
        };
        let mut due: Vec<(i64, String, PartnerId)> = self
            .doc
            .rows()
            .partners
            .iter()
            .filter_map(|i| self.scene().summary(*i as usize))
            .filter(|s| s.review_due && s.phase != Phase::Ended)
            .map(|s| (overdue(s.partner), s.name.to_lowercase(), s.partner))
            .collect();
        if due.is_empty() {
            self.set_status(Level::Info, "No review is due. Well kept!");
            return;
        }
        due.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut due: Vec<PartnerId> = due.into_iter().map(|(_, _, id)| id).collect();
        due.reverse();
        let total = due.len();
        self.next_in_queue(Batch { queue: due, total });
    }

    /// Opens the next review of a batch, if any is left.
    pub(super) fn next_in_queue(&mut self, mut batch: Batch) {
        if let Some(id) = batch.queue.pop() {
            let n = batch.total - batch.queue.len();
            let total = batch.total;
            self.open_review(id, batch);
            let name = self.ws().partner_name(id).unwrap_or_default().to_string();
            self.set_status(Level::Info, format!("Review {n} of {total}: {name}"));
        }
    }

    fn open_review(&mut self, id: PartnerId, batch: Batch) {
        let Some(partner) = self.ws().partner(id) else {
            return;
        };
        let state = match self.ws().drafts.iter().find(|d| d.partner == id) {
            Some(d) => {
                let s = ReviewState::from_draft(d);
                self.set_status(
                    Level::Info,
                    format!(
                        "Resumed the draft at step {} of {STEPS}: {}",
                        s.step + 1,
                        step_name(s.step)
                    ),
                );
                s
            }
            None => ReviewState::new(partner, self.today()),
        };
        self.open(Overlay::Review(Box::new(ReviewState { batch, ..state })));
    }

    /// The position in a batch of reviews (`R`): "2 of 4".
    pub fn review_position(&self) -> Option<(usize, usize)> {
        match &self.overlay {
            Some(Overlay::Review(state)) if state.batch.total > 1 => Some((
                state.batch.total - state.batch.queue.len(),
                state.batch.total,
            )),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Context;
    use crate::app::overlay::confirm::Pending;
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
