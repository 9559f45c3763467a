//! The review queue (`I`): what mail, calendars and contacts propose, grouped by partner,
//! newest first. One key accepts, one skips (remembered, never proposed again), one accepts
//! every proposal of the partner, one gives the proposal to another partner (a fuzzy pick by
//! name), `e` edits a log entry before accepting it. Each decision is one change made through
//! `App::commit` (an accepted entry counts for the cadence as a typed one does; undo takes a
//! whole batch back). The queue fills while the folders are read in the background.

use super::help::HelpView;
use super::scene::Scene;
use super::{Effect, Overlay};
use crate::action::{Action, Context};
use crate::app::cursor::Cursor;
use crate::app::forms::FormTarget;
use crate::app::paste::TextEdit;
use crate::document::Change;
use crate::ingest::{self, Kind, Proposal};
use crate::model::{PartnerId, Workspace};
use std::sync::Arc;
use tui_input::Input;

/// Choosing another partner for a proposal: the name typed, the partners matching it.
#[derive(Debug, Clone, Default)]
pub struct Pick {
    pub input: Input,
    pub matches: Vec<(PartnerId, String)>,
    pub cursor: Cursor,
}

impl Pick {
    fn new(ws: &Workspace) -> Pick {
        let mut pick = Pick::default();
        pick.search(ws);
        pick
    }

    fn search(&mut self, ws: &Workspace) {
        let names = ws.partners.iter().map(|p| (p.id, p.name.as_str()));
        let q = self.input.value().trim();
        self.matches = if q.is_empty() {
            names.map(|(id, n)| (id, n.to_string())).collect()
        } else {
            crate::fuzzy::rank(q, names)
                .into_iter()
                .filter_map(|(id, _)| ws.partner_name(id).map(|n| (id, n.to_string())))
                .collect()
        };
        self.cursor = Cursor::default();
    }
}

/// The queue's state: every proposal of the last read, which of them still wait, the
/// selection, and the partner pick when one is open.
#[derive(Debug, Clone)]
pub struct IngestView {
    /// Shared with the inbox until a reassignment changes one.
    pub all: Arc<Vec<Proposal>>,
    /// Positions in `all` of the proposals not decided yet, in order.
    pub visible: Vec<usize>,
    pub cursor: Cursor,
    /// The folders are being read: more may come.
    pub reading: bool,
    pub pick: Option<Pick>,
    /// The source of the proposal being edited in a form (accepted when the form is saved).
    pub editing: Option<String>,
    /// Opened on its own (proposals arrived at start): until this moment the keys that decide
    /// are ignored, so typing meant for the dashboard decides nothing.
    pub guard: Option<std::time::Instant>,
    /// The workspace `visible` was computed for (its address).
    seen: usize,
}

/// Whether the workspace remembers a decision on this source.
fn decided(ws: &Workspace, source: &str) -> bool {
    ws.ingested
        .binary_search_by(|i| i.source.as_str().cmp(source))
        .is_ok()
}

impl IngestView {
    pub fn new(all: Arc<Vec<Proposal>>, reading: bool) -> IngestView {
        IngestView {
            visible: (0..all.len()).collect(),
            all,
            cursor: Cursor::default(),
            reading,
            pick: None,
            editing: None,
            guard: None,
            seen: 0,
        }
    }

    /// How many proposals wait.
    pub fn waiting(&self) -> usize {
        self.visible.len()
    }

    /// The selected proposal.
    pub fn selected(&self) -> Option<&Proposal> {
        self.visible
            .get(self.cursor.selected)
            .and_then(|i| self.all.get(*i))
    }

    /// Drops what was decided since (an accepted or skipped proposal, also in another window or
    /// clone) and proposals of partners gone; brings back what an undo took back.
    pub fn refresh(&mut self, scene: &Scene) {
        self.refresh_now(scene.ws());
    }

    pub(in crate::app) fn refresh_now(&mut self, ws: &Arc<Workspace>) {
        let address = Arc::as_ptr(ws) as usize;
        if address == self.seen {
            return;
        }
        self.seen = address;
        self.visible = (0..self.all.len())
            .filter(|i| {
                let p = &self.all[*i];
                ws.partner(p.partner).is_some() && !decided(ws, &p.source)
            })
            .collect();
    }

    /// Takes the proposals of a newer read, keeping the selection's place.
    pub fn fill(&mut self, fresh: &IngestView) {
        let at = self.selected().map(|p| p.source.clone());
        self.all = fresh.all.clone();
        self.visible = fresh.visible.clone();
        self.seen = fresh.seen;
        self.reading = fresh.reading;
        if let Some(row) =
            at.and_then(|s| self.visible.iter().position(|i| self.all[*i].source == s))
        {
            self.cursor.selected = row;
        }
    }

    /// The keys of the queue (and of the pick, while one is open).
    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        if self.pick.is_some() {
            return self.update_pick(action, scene);
        }
        self.refresh(scene);
        let height = list_height(scene);
        self.cursor.reveal(self.visible.len(), height);
        if self.cursor.navigate(action, self.visible.len(), height) {
            return Effect::None;
        }
        let deciding = matches!(
            action,
            Action::AcceptProposal
                | Action::AcceptPartner
                | Action::SkipProposal
                | Action::Reassign
                | Action::Edit
                | Action::Undo
        );
        if deciding
            && self
                .guard
                .is_some_and(|until| scene.clock.instant() < until)
        {
            self.guard = Some(scene.clock.instant() + super::confirm::QUESTION_GUARD);
            return Effect::Status(
                crate::app::status::Level::Info,
                "The review queue just opened: keys that decide wait until you stop typing for a \
                 moment"
                    .into(),
            );
        }
        match action {
            Action::Back => Effect::Close,
            Action::Help => Effect::Open(Overlay::Help(HelpView::new(Context::Ingest))),
            // Undo here is the dashboard's (the batch comes back), and the queue opens again.
            Action::Undo => {
                Effect::Several(vec![Effect::Run(Action::Undo), Effect::Run(Action::Ingest)])
            }
            Action::AcceptProposal => self.decide(scene, false, true),
            Action::AcceptPartner => self.decide(scene, true, true),
            Action::SkipProposal => self.decide(scene, false, false),
            Action::Reassign if self.selected().is_some() => {
                self.pick = Some(Pick::new(scene.ws()));
                Effect::None
            }
            Action::Edit => self.edit(scene),
            _ => Effect::None,
        }
    }

    /// Accepts or skips the selected proposal, or every proposal of its partner.
    fn decide(&mut self, scene: &Scene, whole_partner: bool, accept: bool) -> Effect {
        let Some(chosen) = self.selected().cloned() else {
            return Effect::Status(
                crate::app::status::Level::Info,
                "Nothing waits for review".into(),
            );
        };
        if scene.doc.read_only().is_some() {
            return scene.read_only_refusal();
        }
        let rows: Vec<usize> = if whole_partner {
            (0..self.visible.len())
                .filter(|r| self.all[self.visible[*r]].partner == chosen.partner)
                .collect()
        } else {
            vec![self.cursor.selected]
        };
        let batch: Vec<&Proposal> = rows.iter().map(|r| &self.all[self.visible[*r]]).collect();
        let mut ws = Workspace::clone(scene.ws());
        let n = batch.len();
        let name = crate::text::excerpt(&chosen.partner_name, 40);
        let change = if accept {
            if ingest::accept(&mut ws, batch).is_err() {
                return Effect::Status(
                    crate::app::status::Level::Warn,
                    "Not accepted: no ids are left".into(),
                );
            }
            Change::named(format!(
                "accepted {} for {name}",
                crate::words::count(n, "proposal")
            ))
        } else {
            ingest::skip(&mut ws, batch);
            Change::named(format!("skipped a proposal for {name}"))
        };
        let said = format!(
            "{} ({} undoes)",
            capitalised(&change.name),
            scene.undo_key()
        );
        // Shown gone at once; the next key checks against the workspace (a refused change
        // brings them back).
        for r in rows.iter().rev() {
            self.visible.remove(*r);
        }
        self.seen = 0;
        self.cursor.reveal(self.visible.len(), list_height(scene));
        Effect::Apply {
            ws: Box::new(ws),
            change: change.saying(said),
            then: Vec::new(),
        }
    }

    /// `e`: a log entry's form, filled from the proposal; saving it accepts the proposal.
    fn edit(&mut self, scene: &Scene) -> Effect {
        let Some(p) = self.selected() else {
            return Effect::None;
        };
        if !matches!(p.kind, Kind::Email | Kind::Meeting) {
            let key = scene.key_text(Action::AcceptProposal, Context::Ingest);
            return Effect::Status(
                crate::app::status::Level::Info,
                format!("Only log entries are edited before accepting; {key} accepts this one"),
            );
        }
        let entry = ingest::apply::entry(p);
        let mut form = crate::app::forms::interaction_form(Some(&entry), &p.partner_name);
        form.title = format!("Accept, edited: {}", p.partner_name);
        let (partner, source) = (p.partner, p.source.clone());
        self.editing = Some(source);
        Effect::Open(scene.form_overlay(form, FormTarget::Proposal(partner)))
    }

    /// The pick's keys: type a name, move through the matches, choose, cancel.
    fn update_pick(&mut self, action: Action, scene: &Scene) -> Effect {
        let Some(pick) = &mut self.pick else {
            return Effect::None;
        };
        if let Some(request) = crate::app::form::text_request(action) {
            if TextEdit::from(request).apply(&mut pick.input) {
                pick.search(scene.ws());
            }
            return Effect::None;
        }
        let height = list_height(scene);
        match action {
            Action::FieldNext => pick.cursor.step(1, pick.matches.len(), height),
            Action::FieldPrev => pick.cursor.step(-1, pick.matches.len(), height),
            Action::Cancel => self.pick = None,
            Action::Submit => {
                let chosen = pick.matches.get(pick.cursor.selected).cloned();
                self.pick = None;
                if let Some((partner, name)) = chosen {
                    self.reassign(partner, name);
                }
            }
            _ => {}
        }
        Effect::None
    }

    /// A key typed into the pick's name.
    pub(in crate::app) fn type_key(&mut self, key: crate::keymap::Key, scene: &Scene) -> Effect {
        if let (Some(pick), Some(request)) = (&mut self.pick, crate::app::form::typed_request(key))
            && TextEdit::from(request).apply(&mut pick.input)
        {
            pick.search(scene.ws());
        }
        Effect::None
    }

    /// Gives the selected proposal to another partner; the queue keeps its order by partner.
    fn reassign(&mut self, partner: PartnerId, name: String) {
        let Some(&i) = self.visible.get(self.cursor.selected) else {
            return;
        };
        let p = &mut Arc::make_mut(&mut self.all)[i];
        p.partner = partner;
        p.partner_name = name;
        p.why = ingest::Why::Chosen;
        let source = p.source.clone();
        // Partners keep their order; the moved proposal joins its new partner's, by date.
        let mut sorted: Vec<Proposal> = self.all.to_vec();
        ingest::propose::order(&mut sorted);
        let place: rustc_hash::FxHashMap<&str, usize> = sorted
            .iter()
            .enumerate()
            .map(|(n, p)| (p.source.as_str(), n))
            .collect();
        let all = &self.all;
        self.visible.sort_by_key(|i| {
            place
                .get(all[*i].source.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        });
        if let Some(row) = self
            .visible
            .iter()
            .position(|i| self.all[*i].source == source)
        {
            self.cursor.selected = row;
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The rows the queue's list shows: the view less its header and the two lines about the
/// selected proposal (as `ui::inbox` draws it).
pub fn list_height(scene: &Scene) -> usize {
    scene.view_height().saturating_sub(2).max(1)
}
