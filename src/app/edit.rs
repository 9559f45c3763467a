//! Changing the data: opening forms for the dashboard's records, applying what forms build,
//! asking before a delete (naming what goes), completing milestones (with a celebration),
//! undo/redo, and saving after every change; a form opened, `$EDITOR` for its field, and what a
//! saved form offers next. The form's own keys are in `overlay/form_view.rs`, the question's in
//! `overlay/confirm.rs`.

use super::App;
use super::form::{FieldKey, Form};
use super::forms::{self, Built, FormTarget};
use super::overlay::Overlay;
use super::overlay::confirm::Pending;
use super::overlay::form_view::{FormView, offer_achieved};
use super::pane::Pane;
use super::status::Level;
use crate::action::Action;
use crate::document::Change;
use crate::model::*;

impl App {
    /// In a read-only window, says so and returns true.
    pub(super) fn refuse_read_only(&mut self) -> bool {
        if self.doc.read_only().is_none() {
            return false;
        }
        let refusal = self.scene().read_only_refusal();
        self.apply(refusal);
        true
    }

    pub(super) fn update_edit(&mut self, action: Action) {
        if self.refuse_read_only() {
            return;
        }
        match action {
            Action::Add => self.add(),
            Action::Edit => self.edit(),
            Action::Delete => self.ask_delete(),
            Action::LogContact => match self.selected_partner().map(|p| (p.id, p.name.clone())) {
                Some((id, name)) => self.open_form(
                    self.follow_up_owner(forms::interaction_form(None, &name), None),
                    FormTarget::Interaction(id, None),
                ),
                None => self.set_status(Level::Info, "Select a partner first"),
            },
            Action::ToggleDone => self.toggle_done(),
            Action::GoalStepUp => self.step_goal(1.0),
            Action::GoalStepDown => self.step_goal(-1.0),
            Action::GoalSetValue => match self.focused_goal() {
                Some(g) => {
                    let form = forms::progress_form(g, false);
                    self.open_form(form, FormTarget::GoalProgress(g.id));
                }
                None => self.set_status(Level::Info, "Select a goal in the Goals pane (2) first"),
            },
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::EditProfile => {
                self.open_form(forms::profile_form_in(self.ws()), FormTarget::Profile)
            }
            _ => {}
        }
    }

    /// A log form with the follow-up's owner after its due day (`owner`; for a new entry,
    /// whoever logs it).
    fn follow_up_owner(&self, form: Form, owner: Option<String>) -> Form {
        let owner = owner.or_else(|| self.doc.author().map(|a| a.key()));
        forms::with_owner(
            form,
            FieldKey::FollowUpOwner,
            self.ws(),
            owner.as_deref(),
            FieldKey::FollowUpDue,
        )
    }

    fn add(&mut self) {
        let partner = self.selected_partner().map(|p| (p.id, p.name.clone()));
        match (self.focus, partner) {
            (Pane::Partners, _) => {
                // A new partner is looked after by whoever adds it, unless they name another.
                let me = self.doc.author().map(|a| a.key());
                let form = forms::with_owner(
                    forms::partner_form(None, self.today()),
                    FieldKey::MemberOwner,
                    self.ws(),
                    me.as_deref(),
                    FieldKey::Phase,
                );
                self.open_form(form, FormTarget::Partner(None))
            }
            (_, None) => self.set_status(Level::Info, "Add a partner first (1, then a)"),
            (Pane::Goals, Some((id, name))) => self.open_form(
                forms::goal_form(None, &name, self.today()),
                FormTarget::Goal(id, None),
            ),
            (Pane::Timeline, Some((id, name))) => {
                let goals: Vec<&Goal> =
                    self.ws().goals.iter().filter(|g| g.partner == id).collect();
                let form = forms::milestone_form(None, &name, &goals);
                self.open_form(form, FormTarget::Milestone(id, None));
            }
            (Pane::Log, Some((id, name))) => self.open_form(
                self.follow_up_owner(forms::interaction_form(None, &name), None),
                FormTarget::Interaction(id, None),
            ),
        }
    }

    fn edit(&mut self) {
        match self.focus {
            Pane::Partners => {
                if let Some(p) = self.selected_partner() {
                    let form = forms::with_owner(
                        forms::partner_form(Some(p), self.today()),
                        FieldKey::MemberOwner,
                        self.ws(),
                        p.owner.as_deref(),
                        FieldKey::Phase,
                    );
                    self.open_form(form, FormTarget::Partner(Some(p.id)));
                }
            }
            Pane::Goals => {
                if let Some(i) = self.selected_row(Pane::Goals) {
                    let g = &self.ws().goals[i];
                    let name = self
                        .ws()
                        .partner_name(g.partner)
                        .unwrap_or_default()
                        .to_string();
                    let form = forms::goal_form(Some(g), &name, self.today());
                    self.open_form(form, FormTarget::Goal(g.partner, Some(g.id)));
                }
            }
            Pane::Timeline => {
                if let Some(i) = self.selected_row(Pane::Timeline) {
                    let m = &self.ws().milestones[i];
                    let goals: Vec<&Goal> = self
                        .ws()
                        .goals
                        .iter()
                        .filter(|g| g.partner == m.partner)
                        .collect();
                    let name = self
                        .ws()
                        .partner_name(m.partner)
                        .unwrap_or_default()
                        .to_string();
                    let form = forms::milestone_form(Some(m), &name, &goals);
                    self.open_form(form, FormTarget::Milestone(m.partner, Some(m.id)));
                }
            }
            Pane::Log => {
                if let Some(i) = self.selected_row(Pane::Log) {
                    let e = &self.ws().interactions[i];
                    let name = self
                        .ws()
                        .partner_name(e.partner)
                        .unwrap_or_default()
                        .to_string();
                    let owner = e.follow_up_owner().map(str::to_string);
                    let form = self.follow_up_owner(forms::interaction_form(Some(e), &name), owner);
                    self.open_form(form, FormTarget::Interaction(e.partner, Some(e.id)));
                }
            }
        }
        if self.overlay.is_none() {
            self.set_status(Level::Info, "Nothing selected to edit");
        }
    }

    pub(super) fn apply_built(&mut self, built: Built, target: FormTarget) {
        let achieved = self.goal_achieved();
        let mut ws = Workspace::clone(self.ws());
        /// Adds or replaces the record: what to say, and the row to select after adding.
        fn put<R: Record>(
            ws: &mut Workspace,
            record: R,
            pane: Option<Pane>,
            added: String,
            saved: String,
        ) -> Option<(String, Option<(Pane, u64)>)> {
            match ws.upsert(record)? {
                Upserted::Added(id) => Some((added, pane.map(|p| (p, id)))),
                Upserted::Replaced(_) => Some((saved, None)),
            }
        }
        let put = match built {
            Built::Partner(p) => {
                let (added, saved) = (
                    format!("Added partner {}", p.name),
                    format!("Saved partner {}", p.name),
                );
                put(&mut ws, p, Some(Pane::Partners), added, saved)
            }
            Built::Goal(g) => {
                let (added, saved) = (
                    format!("Added goal {}", g.title),
                    format!("Saved goal {}", g.title),
                );
                put(&mut ws, g, Some(Pane::Goals), added, saved)
            }
            Built::Milestone(m) => {
                let (added, saved) = (
                    format!("Added milestone {}", m.title),
                    format!("Saved milestone {}", m.title),
                );
                put(&mut ws, m, Some(Pane::Timeline), added, saved)
            }
            Built::Interaction(e) => {
                let name = ws.partner_name(e.partner).unwrap_or_default().to_string();
                let added = format!("Logged a {} with {name}", e.channel.label());
                put(
                    &mut ws,
                    e,
                    Some(Pane::Log),
                    added,
                    "Saved the log entry".into(),
                )
            }
            Built::Profile(p, members) => {
                ws.profile = p;
                if let Some(m) = members {
                    ws.members = m.into();
                }
                Some(("Saved our profile".to_string(), None))
            }
            Built::Celebration(c) => {
                let msg = format!("Celebrated: {} 🎉", c.how);
                put(&mut ws, c, None, msg.clone(), msg)
            }
            Built::Commitment(c) => {
                let msg = format!("Saved commitment: {}", c.what);
                put(&mut ws, c, None, msg.clone(), msg)
            }
        };
        let Some((message, select)) = put else {
            self.set_status(
                Level::Warn,
                "Not saved: the record is no longer there (the file changed?)",
            );
            return;
        };
        // Saving a record decides the merge conflicts on it (the form showed our values; what
        // was saved is the decision).
        let decided = match target {
            FormTarget::Profile => Some(("profile", 0)),
            FormTarget::Partner(Some(id)) => Some(("partner", id.0)),
            FormTarget::Goal(_, Some(id)) => Some(("goal", id.0)),
            _ => None,
        };
        if let Some((kind, id)) = decided {
            ws.conflicts.retain(|c| !(c.kind == kind && c.id == id));
        }
        if self.commit(ws, message) {
            match self.overlay {
                Some(Overlay::Form { .. }) => {
                    self.close();
                }
                // Saving raised a question (the file changed on disk): it stays on screen; the
                // form under it was saved, and goes (a form that a question interrupted stays
                // under it, see `confirm.rs`).
                Some(Overlay::Confirm(_))
                    if matches!(self.under.last(), Some(Overlay::Form(_))) =>
                {
                    self.under.pop();
                }
                _ => {}
            }
            if let Some((pane, id)) = select {
                self.select_record(pane, id);
            }
            self.offer_goal_achieved(achieved);
        }
    }

    /// Selects a record by id in a pane (after adding it).
    fn select_record(&mut self, pane: Pane, id: u64) {
        // Lists are in id order: found by binary search, not a walk down 250,000 log entries.
        let pos = match pane {
            Pane::Partners => self.ws().position::<Partner>(id),
            Pane::Goals => self.ws().position::<Goal>(id),
            Pane::Timeline => self.ws().position::<Milestone>(id),
            Pane::Log => self.ws().position::<Interaction>(id),
        };
        let Some(pos) = pos else { return };
        if pane == Pane::Partners {
            if let Some(row) = self
                .doc
                .rows()
                .partners
                .iter()
                .position(|i| *i as usize == pos)
            {
                let (len, h) = (
                    self.doc.rows().partners.len(),
                    self.screen.list_height(pane),
                );
                self.cursors[0].select(row, len, h);
                self.partner_changed();
            }
            return;
        }
        let rows = self.pane_rows(pane);
        if let Some(row) = rows.iter().position(|i| *i as usize == pos) {
            let (len, h) = (rows.len(), self.screen.list_height(pane));
            self.cursors[pane as usize].select(row, len, h);
        }
    }

    /// Makes `ws` the workspace through the document (validated, remembered for undo under the
    /// change's name, saved), says so, and brings the screen up to date. False when refused.
    pub fn commit(&mut self, ws: Workspace, change: impl Into<Change>) -> bool {
        let change = change.into();
        match self.doc.commit(ws, change.name.clone()) {
            Ok(_followed) => {
                self.follow_document();
                self.set_status(Level::Info, change.said);
                self.poll_saves();
                true
            }
            Err(refused) => {
                let level = match refused {
                    crate::document::Refused::ReadOnly(_) => Level::Warn,
                    crate::document::Refused::Invalid(_) => Level::Error,
                };
                self.set_status(level, refused.to_string());
                false
            }
        }
    }

    fn undo(&mut self) {
        let Some((stepped, _followed)) = self.doc.undo() else {
            return self.set_status(Level::Info, "Nothing to undo");
        };
        self.follow_document();
        let redo = self.keymap.keys_text(Action::Redo);
        let said = match stepped.name {
            Some(name) => format!("Undone: {name} ({redo} redoes)"),
            None => format!("Undone ({redo} redoes)"),
        };
        let said = said + &self.conflicts_back(stepped.conflicts_back);
        self.set_status(Level::Info, said);
        self.poll_saves();
    }

    /// After an undo that brought `back` merge conflicts back: how many are open and the key
    /// that lists them (empty otherwise).
    fn conflicts_back(&self, back: usize) -> String {
        if back == 0 {
            return String::new();
        }
        format!(
            "; {} to decide again ({} lists them)",
            crate::words::count(self.ws().conflicts.len(), "merge conflict"),
            self.scene()
                .key_text(Action::OpenConflicts, crate::action::Context::Dashboard)
        )
    }

    fn redo(&mut self) {
        let Some((stepped, _followed)) = self.doc.redo() else {
            return self.set_status(Level::Info, "Nothing to redo");
        };
        self.follow_document();
        self.set_status(
            Level::Info,
            match stepped.name {
                Some(name) => format!("Redone: {name}"),
                None => "Redone".to_string(),
            },
        );
        self.poll_saves();
    }

    fn ask_delete(&mut self) {
        let ws = self.ws();
        let yn = self.scene().yes_no();
        let question = match self.focus {
            Pane::Partners => self.selected_partner().map(|p| {
                let count = |n: usize, what: &str| format!("{n} {what}");
                // The index holds every record of the partner.
                let none = crate::insight::Slots::default();
                let slots = self.doc.index().slots(p.id).unwrap_or(&none);
                let goals = slots.goals.len();
                let ms = slots.milestones.len();
                let log = slots.interactions.len();
                let other =
                    slots.commitments.len() + slots.reviews.len() + slots.celebrations.len();
                (
                    format!(
                        "Delete partner {} with {}, {}, {} and {}? {yn}",
                        p.name,
                        count(goals, "goals"),
                        count(ms, "milestones"),
                        count(log, "log entries"),
                        count(other, "commitments, reviews and celebrations")
                    ),
                    Pending::DeletePartner(p.id),
                )
            }),
            Pane::Goals => self.selected_row(Pane::Goals).map(|i| {
                let g = &ws.goals[i];
                // A goal's milestones are its partner's.
                let ms = self.doc.index().slots(g.partner).map_or(0, |s| {
                    s.milestones
                        .iter()
                        .filter(|&&m| ws.milestones.get(m).is_some_and(|m| m.goal == Some(g.id)))
                        .count()
                });
                (
                    format!(
                        "Delete goal {}? Its {ms} milestones stay, without a goal. {yn}",
                        g.title
                    ),
                    Pending::DeleteGoal(g.id),
                )
            }),
            Pane::Timeline => self.selected_row(Pane::Timeline).map(|i| {
                let m = &ws.milestones[i];
                (
                    format!("Delete milestone {}? {yn}", m.title),
                    Pending::DeleteMilestone(m.id),
                )
            }),
            Pane::Log => self.selected_row(Pane::Log).map(|i| {
                let e = &ws.interactions[i];
                (
                    format!("Delete the log entry of {}? {yn}", e.at.format("%Y-%m-%d")),
                    Pending::DeleteInteraction(e.id),
                )
            }),
        };
        match question {
            Some((q, pending)) => self.confirm(q, pending),
            None => self.set_status(Level::Info, "Nothing selected to delete"),
        }
    }

    /// Marks the selected log entry's follow-up done today, or not done again.
    fn toggle_follow_up_done(&mut self) {
        let Some(i) = self.selected_row(Pane::Log) else {
            self.set_status(Level::Info, "No log entry selected");
            return;
        };
        let mut ws = Workspace::clone(self.ws());
        let x = &mut ws.interactions[i];
        let Some(f) = x.follow_up.as_mut() else {
            self.set_status(Level::Info, "This log entry has no follow-up to mark done");
            return;
        };
        let what = f.what.clone();
        let message = if f.done.is_some() {
            f.done = None;
            format!("Follow-up not done: {what}")
        } else {
            f.done = Some(self.today());
            format!("Follow-up done today: {what}")
        };
        self.commit(ws, message);
    }

    fn toggle_done(&mut self) {
        if self.focus == Pane::Log {
            self.toggle_follow_up_done();
            return;
        }
        if self.focus != Pane::Timeline {
            let ctx = crate::action::Context::Dashboard;
            let timeline = self.scene().key_text(Action::FocusTimeline, ctx);
            let log = self.scene().key_text(Action::FocusLog, ctx);
            self.set_status(
                Level::Info,
                format!(
                    "Select a milestone in the timeline ({timeline}) or a log entry with a \
                     follow-up ({log}) to mark it done"
                ),
            );
            return;
        }
        let Some(i) = self.selected_row(Pane::Timeline) else {
            self.set_status(Level::Info, "No milestone selected");
            return;
        };
        let mut ws = Workspace::clone(self.ws());
        let m = &mut ws.milestones[i];
        let id = m.id;
        let title = m.title.clone();
        if m.done.is_some() {
            m.done = None;
            self.commit(ws, format!("{title}: not done"));
            return;
        }
        m.done = Some(self.today());
        let goal = m.goal;
        let change = Change::named(format!("{title}: done"))
            .saying(format!("{title}: done! How was it celebrated?"));
        if self.commit(ws, change) {
            // A goal's milestones are its partner's: look among those only.
            let theirs = goal
                .and_then(|g| self.ws().goal(g))
                .and_then(|g| self.doc.index().slots(g.partner))
                .map_or(&[][..], |s| &s.milestones[..]);
            // When it was the goal's last open milestone, the celebration form offers to mark
            // the goal achieved once it closes.
            let achieved = goal.filter(|g| {
                self.ws()
                    .goal(*g)
                    .is_some_and(|goal| goal.status == GoalStatus::Active)
                    && theirs
                        .iter()
                        .map(|&i| &self.ws().milestones[i])
                        .filter(|m| m.goal == Some(*g))
                        .all(|m| m.done.is_some())
            });
            if let Some(m) = self.ws().milestone(id) {
                let skip = self
                    .scene()
                    .key_text(Action::Cancel, crate::action::Context::Form);
                let form = forms::celebration_form(m, &skip);
                let mut form = self.scene().form_overlay(form, FormTarget::Celebration(id));
                if let Overlay::Form(view) = &mut form {
                    view.achieved = achieved;
                }
                self.open(form);
            }
        }
    }

    /// The goal selected in the focused Goals pane.
    fn focused_goal(&self) -> Option<&Goal> {
        if self.focus != Pane::Goals {
            return None;
        }
        self.selected_row(Pane::Goals).map(|i| &self.ws().goals[i])
    }

    /// Moves the selected goal's current value one step (`goal_step`) up or down.
    fn step_goal(&mut self, direction: f64) {
        let Some(g) = self.focused_goal() else {
            self.set_status(Level::Info, "Select a goal in the Goals pane (2) first");
            return;
        };
        let (id, step) = (g.id, goal_step(g));
        let mut ws = Workspace::clone(self.ws());
        let Some(goal) = ws.find_mut::<Goal>(id.0) else {
            return;
        };
        let before = goal.current;
        goal.current += direction * step;
        use crate::words::number;
        let message = format!(
            "{}: {} → {}{}",
            goal.title,
            number(before),
            number(goal.current),
            goal.target
                .map_or(String::new(), |t| format!(" of {}", number(t)))
        );
        self.commit(ws, message);
    }
}

/// One step of a goal's value for `+`/`-`: a round number near a twentieth of the way from
/// the baseline to the target (1 for small ranges, 1000 for 0 → 25,000).
pub fn goal_step(g: &Goal) -> f64 {
    let range = g.target.map_or(0.0, |t| (t - g.baseline).abs());
    if range < 20.0 || !range.is_finite() {
        return 1.0;
    }
    let rough = range / 20.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let nice = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .min_by(|a, b| (a - rough).abs().total_cmp(&(b - rough).abs()))
        .unwrap_or(1.0);
    nice.max(1.0)
}

// Forms: opening one, $EDITOR, what a saved form offers next.
impl App {
    pub(super) fn open_form(&mut self, form: Form, target: FormTarget) {
        let form = self.scene().form_overlay(form, target);
        self.open(form);
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
                self.with_top(|top, scene| {
                    if let Overlay::Form(view) = top {
                        view.change_field(scene, |form| form.set_focused_text(text));
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
        let offer = offer_achieved(&self.scene(), goal);
        self.apply(offer);
    }
}
