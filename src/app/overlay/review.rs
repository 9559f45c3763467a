//! A partnership review, step by step: look back, rate each of the eight practices (with its
//! evidence and the previous rating), feedback and actions (each becoming a goal, milestone or
//! commitment), the next review date, then a summary to save. `Esc` offers to keep a draft
//! (saved in the file, resumed where it stopped), discard it, or continue. `R` runs through
//! every partner whose review is due.

use super::Effect;
use super::scene::Scene;
use crate::action::{Action, Context};
use crate::app::detail::{DetailLine, LineKind, practice_section};
use crate::app::form::{Field, FieldKey, FieldKind, Form};
use crate::app::form::{text_request, typed_request};
use crate::app::layers;
use crate::app::status::Level;
use crate::document::Change;
use crate::keymap::Key;
use crate::model::dates::parse_date;
use crate::model::*;
use chrono::NaiveDate;
use tui_input::Input;

/// Step numbers: 0 look back, 1–8 the practices, then these.
pub const FEEDBACK: usize = 9;
pub const ACTIONS: usize = 10;
pub const NEXT: usize = 11;
pub const SUMMARY: usize = 12;
pub const STEPS: usize = 13;

/// The partners still to review after the current one in a batch (`R`, every review due).
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// Still to review, last first.
    pub queue: Vec<PartnerId>,
    /// How many the batch started with.
    pub total: usize,
}

#[derive(Debug, Clone)]
pub struct ReviewState {
    pub partner: PartnerId,
    /// The batch this review is part of (empty for a single review).
    pub batch: Batch,
    pub started: NaiveDate,
    pub step: usize,
    pub scores: [Option<u8>; 8],
    pub notes: Vec<Input>,
    pub feedback: Input,
    /// The action being typed: what, what it becomes, due.
    pub action: Form,
    pub actions: Vec<PlannedAction>,
    pub next: Input,
    /// `Esc` was pressed: keep a draft, discard, or continue?
    pub prompt: bool,
    pub error: Option<String>,
}

fn action_form() -> Form {
    Form::new(
        "Action",
        vec![
            Field::text(FieldKey::Action, FieldKind::Text, ""),
            Field::choice(
                FieldKey::Becomes,
                ActionKind::ALL,
                ActionKind::label,
                ActionKind::Goal,
            ),
            Field::text(
                FieldKey::Due,
                FieldKind::Date {
                    optional: true,
                    past: false,
                },
                "",
            ),
        ],
    )
}

/// The name of a step, for titles.
pub fn step_name(step: usize) -> String {
    match step {
        0 => "look back".into(),
        1..=8 => Practice::ALL[step - 1].label().into(),
        FEEDBACK => "feedback".into(),
        ACTIONS => "actions".into(),
        NEXT => "next review".into(),
        _ => "summary".into(),
    }
}

impl ReviewState {
    pub(in crate::app) fn new(partner: &Partner, today: NaiveDate) -> ReviewState {
        ReviewState {
            partner: partner.id,
            started: today,
            step: 0,
            scores: [None; 8],
            notes: vec![Input::default(); 8],
            feedback: Input::default(),
            action: action_form(),
            actions: Vec::new(),
            next: Input::new(format!("+{}d", partner.review_interval_days)),
            prompt: false,
            error: None,
            batch: Batch::default(),
        }
    }

    pub(in crate::app) fn from_draft(d: &ReviewDraft) -> ReviewState {
        let mut scores = [None; 8];
        for (slot, s) in scores.iter_mut().zip(&d.scores) {
            *slot = *s;
        }
        let mut notes: Vec<Input> = d.notes.iter().map(|n| Input::new(n.clone())).collect();
        notes.resize(8, Input::default());
        ReviewState {
            partner: d.partner,
            started: d.started,
            step: usize::from(d.step).min(SUMMARY),
            scores,
            notes,
            feedback: Input::new(d.feedback.clone()),
            action: action_form(),
            actions: d.actions.clone(),
            next: Input::new(d.next_review.clone()),
            prompt: false,
            error: None,
            batch: Batch::default(),
        }
    }

    pub(in crate::app) fn draft(&self) -> ReviewDraft {
        ReviewDraft {
            partner: self.partner,
            started: self.started,
            step: self.step as u8,
            scores: self.scores.to_vec(),
            notes: self.notes.iter().map(|n| n.value().to_string()).collect(),
            feedback: self.feedback.value().to_string(),
            actions: self.actions.clone(),
            next_review: self.next.value().to_string(),
        }
    }

    /// Whether anything was rated, written or planned (worth keeping as a draft).
    fn started_anything(&self) -> bool {
        self.scores.iter().any(Option::is_some)
            || self.notes.iter().any(|n| !n.value().is_empty())
            || !self.feedback.value().is_empty()
            || !self.actions.is_empty()
    }

    /// The practice of a rating step.
    pub fn practice(&self) -> Option<Practice> {
        (1..=8)
            .contains(&self.step)
            .then(|| Practice::ALL[self.step - 1])
    }
}

/// The layers for a review, by its step and what is typed.
pub fn review_layers(state: &ReviewState) -> &'static [Context] {
    if state.prompt {
        return layers::REVIEW_PROMPT;
    }
    match state.step {
        1..=8 if state.notes[state.step - 1].value().is_empty() => layers::RATING_IDLE,
        1..=8 => layers::RATING_NOTE,
        FEEDBACK | NEXT => layers::REVIEW_TEXT,
        ACTIONS => match state.action.fields.get(state.action.focus).map(|f| &f.kind) {
            Some(FieldKind::Choice(_)) => layers::REVIEW_ACTION_CHOICE,
            _ => layers::REVIEW_ACTION_TEXT,
        },
        _ => layers::REVIEW_IDLE,
    }
}

impl ReviewState {
    /// A key no binding claimed, typed in the review: into the note, the feedback, the action
    /// being written or the next review date.
    /// Pasted text for the field being written, if the step has one; false otherwise.
    pub(in crate::app) fn paste(&mut self, text: &str) -> bool {
        if self.prompt {
            return false;
        }
        match self.step {
            1..=8 => crate::app::paste::insert(&mut self.notes[self.step - 1], text),
            FEEDBACK => crate::app::paste::insert(&mut self.feedback, text),
            ACTIONS => return self.action.paste(text),
            NEXT => crate::app::paste::insert(&mut self.next, text),
            _ => return false,
        };
        true
    }

    pub(in crate::app) fn type_key(&mut self, key: Key) {
        if self.prompt {
            return;
        }
        let Some(request) = typed_request(key) else {
            if self.step == ACTIONS {
                self.action.type_key(key);
            }
            return;
        };
        match self.step {
            1..=8 => {
                self.notes[self.step - 1].handle(request);
            }
            FEEDBACK => {
                self.feedback.handle(request);
            }
            ACTIONS => self.action.type_key(key),
            NEXT => {
                self.next.handle(request);
            }
            _ => {}
        }
    }

    /// The review's keys: rate, write, plan actions, move between steps, save at the summary;
    /// `Esc` asks whether to keep a draft, discard, skip to the next partner or continue.
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        update(self, action, scene)
    }
}

fn update(state: &mut ReviewState, action: Action, scene: &Scene) -> Effect {
    state.error = None;
    if state.prompt {
        return match action {
            Action::KeepDraft => keep_draft(state, scene),
            Action::DiscardReview => discard(state, scene),
            Action::ContinueReview | Action::Cancel => {
                state.prompt = false;
                Effect::None
            }
            Action::SkipReview if !state.batch.queue.is_empty() => skip(state, scene),
            _ => Effect::None,
        };
    }
    let mut effect = Effect::None;
    let idle = match state.step {
        0 | SUMMARY => true,
        1..=8 => state.notes[state.step - 1].value().is_empty(),
        _ => false,
    };
    match action {
        // In the actions step Tab moves between the action's fields, as in forms, and on
        // to the next step from the last one.
        Action::StepNext
            if state.step == ACTIONS && state.action.focus + 1 < state.action.fields.len() =>
        {
            state.action.next()
        }
        Action::StepPrev if state.step == ACTIONS && state.action.focus > 0 => state.action.prev(),
        Action::StepNext => state.step = (state.step + 1).min(SUMMARY),
        Action::StepPrev => state.step = state.step.saturating_sub(1),
        Action::Cancel => state.prompt = true,
        Action::Submit => match state.step {
            ACTIONS => {
                let text = state
                    .action
                    .get(FieldKey::Action)
                    .value()
                    .trim()
                    .to_string();
                if text.is_empty() {
                    state.step += 1;
                } else {
                    let due_text = state.action.get(FieldKey::Due).value().trim().to_string();
                    let due = if due_text.is_empty() {
                        Ok(None)
                    } else {
                        parse_date(&due_text, scene.today()).map(Some)
                    };
                    match due {
                        Ok(due) => {
                            let kind = ActionKind::ALL[state.action.get(FieldKey::Becomes).choice];
                            state.actions.push(PlannedAction { kind, text, due });
                            state.action = action_form();
                        }
                        Err(e) => state.error = Some(e.to_string()),
                    }
                }
            }
            SUMMARY => effect = save(state, scene),
            // An unrated practice is said at once, where it can be rated (not only at the
            // summary); stepping on (Tab) leaves it for later.
            1..=8 if state.scores[state.step - 1].is_none() => {
                let key = |a| scene.keymap.key_text(a, crate::app::layers::RATING_NOTE);
                state.error = Some(format!(
                    "{} is not rated yet: {} rates it ({} starts at 1, {} at 5); {} leaves it for later",
                    Practice::ALL[state.step - 1].label(),
                    rating_keys_text(scene),
                    key(Action::RateUp),
                    key(Action::RateDown),
                    key(Action::StepNext),
                ));
            }
            _ => state.step += 1,
        },
        // Nothing typed: move between steps (not past the summary).
        Action::StepForward if idle && state.step < SUMMARY => state.step += 1,
        Action::StepBack if idle => state.step = state.step.saturating_sub(1),
        _ => match state.step {
            1..=8 => {
                let i = state.step - 1;
                match action {
                    // A digit rates and goes on (a note: type it first and rate with ↑/↓,
                    // or come back with ←).
                    _ if action.rating().is_some() => {
                        state.scores[i] = action.rating();
                        state.step += 1;
                    }
                    // From unrated, up starts at the bottom of the scale and down at its top.
                    Action::RateUp => {
                        state.scores[i] = Some(state.scores[i].map_or(1, |s| (s + 1).min(5)))
                    }
                    Action::RateDown => {
                        state.scores[i] =
                            Some(state.scores[i].map_or(5, |s| s.saturating_sub(1).max(1)))
                    }
                    _ => {
                        if let Some(r) = text_request(action) {
                            state.notes[i].handle(r);
                        }
                    }
                }
            }
            FEEDBACK => {
                if let Some(r) = text_request(action) {
                    state.feedback.handle(r);
                }
            }
            NEXT => {
                if let Some(r) = text_request(action) {
                    state.next.handle(r);
                }
            }
            ACTIONS => match action {
                Action::ActionFieldNext => state.action.next(),
                Action::ActionFieldPrev => state.action.prev(),
                // Removing the last planned action: its own key, or deleting on an empty
                // action.
                Action::RemoveLastAction => {
                    state.actions.pop();
                }
                Action::DeleteBack | Action::DeleteForward
                    if state.action.focus == 0
                        && state.action.get(FieldKey::Action).value().is_empty() =>
                {
                    state.actions.pop();
                }
                _ => {
                    state.action.edit(action);
                }
            },
            _ => {}
        },
    }
    effect
}

/// Drops the review being written (and its kept draft, if any).
fn discard(state: &ReviewState, scene: &Scene) -> Effect {
    let partner = state.partner;
    // The rest of the batch goes with it.
    let done = if scene.ws().drafts.iter().any(|d| d.partner == partner) {
        let mut ws = crate::model::Workspace::clone(scene.ws());
        ws.drafts.retain(|d| d.partner != partner);
        Effect::Apply {
            ws: Box::new(ws),
            change: "Draft review discarded".into(),
            then: Vec::new(),
        }
    } else {
        Effect::Status(Level::Info, "Review discarded".to_string())
    };
    Effect::Several(vec![Effect::Close, done])
}

/// Leaves this partner's review for later (a draft is kept when something was rated or
/// written) and goes on with the next in the batch.
fn skip(state: &ReviewState, scene: &Scene) -> Effect {
    let name = scene
        .ws()
        .partner_name(state.partner)
        .unwrap_or_default()
        .to_string();
    let mut effects = vec![Effect::Close];
    if state.started_anything() {
        let mut ws = crate::model::Workspace::clone(scene.ws());
        ws.drafts.retain(|d| d.partner != state.partner);
        ws.drafts.push(state.draft());
        ws.drafts.sort_by_key(|d| d.partner);
        effects.push(Effect::Apply {
            ws: Box::new(ws),
            change: Change::named(format!("Kept a draft review of {name}"))
                .saying(format!("Skipped {name}; its draft is kept")),
            then: Vec::new(),
        });
    }
    effects.push(Effect::NextReview(state.batch.clone()));
    Effect::Several(effects)
}

/// Keeps what was written as a draft (the rest of the batch goes with the review).
fn keep_draft(state: &ReviewState, scene: &Scene) -> Effect {
    let mut ws = crate::model::Workspace::clone(scene.ws());
    ws.drafts.retain(|d| d.partner != state.partner);
    ws.drafts.push(state.draft());
    ws.drafts.sort_by_key(|d| d.partner);
    let message = format!(
        "Draft kept: {} on the partner resumes it",
        scene.key_text(Action::Review, Context::Dashboard)
    );
    let name = scene.ws().partner_name(state.partner).unwrap_or_default();
    Effect::Several(vec![
        Effect::Close,
        Effect::Apply {
            ws: Box::new(ws),
            change: Change::named(format!("Kept a draft review of {name}")).saying(message),
            then: Vec::new(),
        },
    ])
}

/// The keys that rate 1 to 5, as `1–5` (or one by one when rebound apart).
pub fn rating_keys_text(scene: &Scene) -> String {
    let keys: Vec<String> = Action::RATINGS
        .iter()
        .map(|a| scene.keymap.key_text(*a, crate::app::layers::RATING_IDLE))
        .collect();
    let single: Vec<char> = keys
        .iter()
        .filter_map(|k| {
            let mut c = k.chars();
            c.next().filter(|_| c.next().is_none())
        })
        .collect();
    let consecutive =
        single.len() == keys.len() && single.windows(2).all(|w| w[0] as u32 + 1 == w[1] as u32);
    if consecutive {
        format!("{}–{}", keys[0], keys[keys.len() - 1])
    } else {
        keys.join("/")
    }
}

/// Saves the review (with its planned actions as records) and goes on with the next in the
/// batch; a missing rating or a wrong date sends the user back to that step instead.
fn save(state: &mut ReviewState, scene: &Scene) -> Effect {
    if let Some(i) = state.scores.iter().position(Option::is_none) {
        state.step = i + 1;
        state.error = Some(format!("Rate {} first (1–5)", Practice::ALL[i].label()));
        return Effect::None;
    }
    let next = match parse_date(state.next.value(), scene.today()) {
        Ok(d) => d,
        Err(e) => {
            state.step = NEXT;
            state.error = Some(e.to_string());
            return Effect::None;
        }
    };
    let state = state.clone();
    let mut ratings = Ratings::uniform(3);
    for (i, p) in Practice::ALL.iter().enumerate() {
        let r = ratings.get_mut(*p);
        r.score = state.scores[i].unwrap_or(3);
        r.note = state.notes[i].value().trim().to_string();
    }
    let mut ws = crate::model::Workspace::clone(scene.ws());
    let review = ReviewId(ws.allocate_id());
    let fallback_due = scene.today() + chrono::Days::new(14);
    for a in &state.actions {
        let due = a.due.unwrap_or(fallback_due);
        let action = match a.kind {
            ActionKind::Goal => {
                let id = GoalId(ws.allocate_id());
                ws.goals.push(Goal {
                    authors: Default::default(),
                    id,
                    partner: state.partner,
                    title: a.text.clone(),
                    metric: String::new(),
                    unit: String::new(),
                    baseline: 0.0,
                    target: None,
                    current: 0.0,
                    owner: Owner::Joint,
                    start: scene.today(),
                    due: a.due,
                    status: GoalStatus::Active,
                });
                ActionRecord::Goal(id)
            }
            ActionKind::Milestone => {
                let id = MilestoneId(ws.allocate_id());
                ws.milestones.push(Milestone {
                    authors: Default::default(),
                    id,
                    partner: state.partner,
                    goal: None,
                    title: a.text.clone(),
                    due,
                    done: None,
                });
                ActionRecord::Milestone(id)
            }
            ActionKind::OurCommitment | ActionKind::TheirCommitment => {
                let id = CommitmentId(ws.allocate_id());
                ws.commitments.push(Commitment {
                    authors: Default::default(),
                    owner: None,
                    id,
                    partner: state.partner,
                    side: if a.kind == ActionKind::OurCommitment {
                        Side::Us
                    } else {
                        Side::Them
                    },
                    what: a.text.clone(),
                    due,
                    outcome: None,
                });
                ActionRecord::Commitment(id)
            }
        };
        ws.review_actions.push(ReviewLink { review, action });
    }
    ws.reviews.push(Review {
        authors: Default::default(),
        id: review,
        partner: state.partner,
        date: scene.today(),
        ratings,
        feedback: state.feedback.value().trim().to_string(),
        next_review: Some(next),
    });
    ws.drafts.retain(|d| d.partner != state.partner);
    let name = ws
        .partner_name(state.partner)
        .unwrap_or_default()
        .to_string();
    let message = format!(
        "Review of {name} saved with {} action{}; next review {next}",
        state.actions.len(),
        if state.actions.len() == 1 { "" } else { "s" }
    );
    Effect::Several(vec![
        Effect::Close,
        Effect::Apply {
            ws: Box::new(ws),
            change: Change::named(format!("Review of {name}")).saying(message),
            then: vec![Effect::NextReview(state.batch)],
        },
    ])
}

impl Scene<'_> {
    /// What the look-back step shows: the last review, its actions and whether they were done,
    /// commitments due since, and the log since, in brief.
    pub fn look_back(&self, partner: PartnerId) -> Vec<DetailLine> {
        let ws = self.ws();
        // Only this partner's records (from the index), so the cost does not grow with the file.
        let Some(records) = self.doc.index().records(ws, partner) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut push = |kind, label: &str, value: String| {
            out.push(DetailLine {
                kind,
                label: label.to_string(),
                value,
            })
        };
        let last = records
            .reviews
            .iter()
            .copied()
            .filter(|r| r.date <= self.today())
            .max_by_key(|r| (r.date, r.id));
        let since = match last {
            Some(r) => {
                push(LineKind::Heading, "", format!("Last review: {}", r.date));
                for p in Practice::ALL {
                    let rating = r.ratings.get(*p);
                    let note = if rating.note.is_empty() {
                        String::new()
                    } else {
                        format!("  {}", rating.note)
                    };
                    push(
                        LineKind::Field,
                        p.label(),
                        format!("{}/5{note}", rating.score),
                    );
                }
                if !r.feedback.is_empty() {
                    push(LineKind::Field, "Feedback", r.feedback.clone());
                }
                let links: Vec<&ReviewLink> = ws
                    .review_actions
                    .iter()
                    .filter(|l| l.review == r.id)
                    .collect();
                if !links.is_empty() {
                    push(LineKind::Heading, "", "Its actions".into());
                }
                for l in links {
                    let (label, text) = match l.action {
                        ActionRecord::Goal(id) => (
                            "goal",
                            ws.goal(id)
                                .map(|g| format!("{} ({})", g.title, g.status.label())),
                        ),
                        ActionRecord::Milestone(id) => (
                            "milestone",
                            ws.milestone(id).map(|m| match m.done {
                                Some(d) => format!("✓ {} (done {d})", m.title),
                                None if m.due < self.today() => {
                                    format!("! {} (overdue since {})", m.title, m.due)
                                }
                                None => format!("○ {} (due {})", m.title, m.due),
                            }),
                        ),
                        ActionRecord::Commitment(id) => (
                            "commitment",
                            ws.commitment(id).map(|c| match c.outcome {
                                Some(Outcome::Kept(d)) => format!("✓ {} (kept {d})", c.what),
                                Some(Outcome::Missed(d)) => format!("✗ {} (missed {d})", c.what),
                                None => format!("○ {} (due {})", c.what, c.due),
                            }),
                        ),
                    };
                    push(
                        LineKind::Field,
                        label,
                        text.unwrap_or_else(|| "(deleted since)".into()),
                    );
                }
                r.date
            }
            None => {
                push(
                    LineKind::Heading,
                    "",
                    "First review of this partnership".into(),
                );
                ws.partner(partner).map_or(self.today(), |p| p.since)
            }
        };
        let due: Vec<&Commitment> = records
            .commitments
            .iter()
            .copied()
            .filter(|c| c.due > since && c.due <= self.today())
            .collect();
        push(
            LineKind::Heading,
            "",
            format!("Commitments due since {since}: {}", due.len()),
        );
        for c in due {
            let state = match c.outcome {
                Some(Outcome::Kept(d)) if d <= c.due => "kept on time".to_string(),
                Some(Outcome::Kept(_)) => "kept late".into(),
                Some(Outcome::Missed(_)) => "missed".into(),
                None => "not resolved".into(),
            };
            push(
                LineKind::Field,
                c.side.label(),
                format!("{} — {state}", c.what),
            );
        }
        let key = self.keymap.keys_text(Action::Reconcile);
        for l in crate::app::their_view::look_back(ws, &records, &key) {
            push(l.kind, &l.label, l.value);
        }
        let log: Vec<&Interaction> = records
            .interactions
            .iter()
            .copied()
            .filter(|i| i.at.date() > since && i.at.date() <= self.today())
            .collect();
        push(
            LineKind::Heading,
            "",
            format!(
                "Log since {since}: {}",
                crate::words::plural(log.len(), "entry", "entries")
            ),
        );
        for i in log.iter().rev() {
            push(
                LineKind::Field,
                &i.at.format("%Y-%m-%d").to_string(),
                format!("{} · {}", i.channel.label(), i.summary),
            );
        }
        out
    }

    /// The evidence and previous rating shown on a practice step.
    pub fn practice_evidence(
        &self,
        partner: PartnerId,
        practice: Practice,
    ) -> (Vec<DetailLine>, Option<u8>) {
        let lines =
            crate::insight::partner_insight(self.ws(), self.doc.index(), partner, self.today())
                .map(|i| practice_section(&i, practice))
                .unwrap_or_default();
        let previous = self
            .doc
            .index()
            .records(self.ws(), partner)
            .and_then(|records| {
                records
                    .reviews
                    .iter()
                    .filter(|r| r.date <= self.today())
                    .max_by_key(|r| (r.date, r.id))
                    .map(|r| r.ratings.get(practice).score)
            });
        (lines, previous)
    }
}
