//! The application state and `update(Action)`: selection, focus, overlays, messages. No
//! terminal here: the event loop feeds actions in, the renderer reads the state out. What is
//! open over the dashboard is a stack of overlays, each its own type with its own state and
//! keys in its own file under `overlay/`; `App` keeps what every view shares.
//!
//! The overlays never see `App`: they read a [`Scene`] (`overlay/scene.rs`: the document, the
//! keymap, the screen, the focus, the time, the messages), built by [`App::scene`] alone, and
//! return an [`Effect`] that `App` carries out. `App`'s methods stand here (the dashboard:
//! selection, panes, navigation) and in five files named for what they do: `stack.rs` (the
//! overlay stack, opening each view, carrying out effects), `edit.rs` (changes, forms and
//! `$EDITOR`), `keys.rs` (keys and pastes), `disk.rs` (saving, the file on disk, the team sync,
//! the mail folders, what is rescued at the end) and `work.rs` (the slices of work between keys).
//! The other files hold plain state and rules (`pane.rs`, `status.rs`, `cursor.rs`, `filter.rs`,
//! `detail.rs`, `layout.rs`, …) and name nothing of `App`.

pub mod clock;
mod cursor;
mod detail;
mod detail_line;
mod disk;
mod edit;
pub mod filter;
pub mod form;
pub mod forms;
pub mod health_chart;
pub mod inbox;
mod keys;
pub mod layers;
mod layout;
pub mod messages;
pub mod news;
mod overlay;
pub mod pane;
pub mod paste;
mod rescue;
pub mod show;
mod stack;
pub mod status;
mod sync;
mod their_view;
mod timeline;
mod work;

pub use crate::action::{Action, Context};
pub use crate::document::{
    BackgroundSaver, CopyError, DiskWriter, FileSaver, NoSaver, PartnerRows, ReadOnly, Rows,
    SaveEvent, Saver, background,
};
pub use crate::document::{Change, Source, UNDO_DEPTH};
pub use clock::{Clock, DayClock, ManualClock, SystemClock};
pub use cursor::Cursor;
pub use detail::{
    DetailLine, LABEL_WIDTH, LineKind, RecordRef, Wrapped, wrap, wrap_text, wrap_width,
};
pub use form::{Field, FieldKind, Form};
pub use forms::FormTarget;
pub use layout::{
    MIN_HEIGHT, MIN_WIDTH, Screen, detail_rect, help_columns, help_rect, overlay_rect,
};
pub use overlay::confirm::{ConfirmView, Pending};
pub use overlay::conflicts::{self as conflicts_view, ConflictsView};
pub use overlay::detail_view::DetailView;
pub use overlay::filter_view::FilterView;
pub use overlay::form_view::FormView;
pub use overlay::help::HelpView;
pub use overlay::palette::{PaletteView, SearchView};
pub use overlay::reconcile::ReconcileView;
pub use overlay::records::{RecordsKind, RecordsView};
pub use overlay::scene::Scene;
pub use overlay::views::{AttentionView, OverviewSort, OverviewView};
pub use overlay::{Effect, Overlay};
pub use overlay::{inbox_view, messages_view, palette, review, scene, whats_new};
pub use pane::Pane;
pub use rescue::Rescue;
pub use status::{Level, Status};
pub use timeline::TimeView;

use crate::document::Document;
use crate::insight::RecordRef as Target;
use crate::keymap::Keymap;
use crate::model::{Partner, Workspace};
use chrono::NaiveDate;
use ratatui::layout::Rect;
use show::{ShowError, View};
use std::sync::Arc;

pub struct App {
    /// The data and its whole life: derived figures, undo, saving ([`Document`]). The app
    /// keeps the screen's state only, and follows what each change of the document did.
    pub doc: Document,
    pub keymap: Keymap,
    pub focus: Pane,
    pub cursors: [Cursor; 4],
    /// Goals, timeline and log show every partner instead of the selected one.
    pub all_partners: bool,
    pub time: TimeView,
    /// The top of the overlay stack (what keys go to); `under` holds what it was opened over.
    pub overlay: Option<Overlay>,
    /// The overlays under `overlay`, the nearest last ([`App::open`], [`App::close`]).
    pub(crate) under: Vec<Overlay>,
    pub status: Option<Status>,
    /// Every recent status message in full, with its time (the status line may cut one), and
    /// where the one on the status line was first seen by a key.
    pub messages: messages::Messages,
    pub screen: Screen,
    pub quit: bool,
    /// The current time, for "now" in forms; its date is the document's day. Read from
    /// `clock` on every key and tick ([`App::tick`]).
    pub now: chrono::NaiveDateTime,
    /// Where the time comes from.
    pub clock: Arc<dyn Clock>,
    /// How the session ends: without unsaved changes, with a message, by `Ctrl-c`.
    pub ending: Ending,
    /// A question that appeared on its own (not asked for by a key) ignores keys until this
    /// moment ([`App::handle_key`]): typing that goes on must not answer it.
    pub question_guard: Option<std::time::Instant>,
    /// What runs in the background: a sync with the team, the watched mail folders.
    pub jobs: Jobs,
    /// Each pane's filter (`/`).
    pub filters: [Option<filter::PaneFilter>; 4],
}

/// The app's background work ([`App::jobs`]).
#[derive(Default)]
pub struct Jobs {
    /// A sync with the team under way (`S`).
    pub sync: Option<sync::SyncJob>,
    /// The mail, calendar and contact folders watched, read in the background (`inbox`).
    pub inbox: inbox::Inbox,
    /// What teammates changed since this member last looked, and the version seen.
    pub news: news::News,
}

/// How the session ends ([`App::ending`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ending {
    /// The user chose to quit without their unsaved changes (after a failed save), or they
    /// were already kept in a copy.
    pub discard: bool,
    /// Said on the terminal after the session ends (where a copy went).
    pub message: Option<String>,
    /// `Ctrl-c` ended the session: like a signal, anything unsaved (the text of an open form
    /// too) is kept in an emergency copy.
    pub interrupted: bool,
}

impl App {
    /// An app saving synchronously where the data came from (tests, scripts).
    pub fn new(ws: Workspace, today: NaiveDate, source: Source) -> App {
        let saver = crate::document::saver::for_source(&source);
        App::with_saver(ws, today, source, saver)
    }

    /// An app with the given saver (the dashboard passes its background saver, so the file is
    /// not read and stamped a second time at start).
    pub fn with_saver(
        ws: Workspace,
        today: NaiveDate,
        source: Source,
        saver: Box<dyn Saver>,
    ) -> App {
        let mut app = App {
            doc: Document::new(ws, today, source, saver),
            keymap: Keymap::default(),
            focus: Pane::Partners,
            cursors: [Cursor::default(); 4],
            all_partners: false,
            time: TimeView::around(today),
            overlay: None,
            under: Vec::new(),
            status: None,
            messages: messages::Messages::default(),
            screen: Screen::compute(Rect::new(0, 0, 120, 40), Pane::Partners),
            quit: false,
            now: today.and_hms_opt(12, 0, 0).unwrap_or_default(),
            clock: Arc::new(ManualClock::at_noon(today)),
            ending: Ending::default(),
            question_guard: None,
            jobs: Jobs::default(),
            filters: Default::default(),
        };
        app.partner_changed();
        app
    }

    /// Uses `clock` from now on, and reads it at once.
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.clock = clock;
        self.tick();
    }

    /// Reads the clock: `now` moves on, and when the date changed (midnight passed, or the
    /// clock was set) every figure that depends on the day is rebuilt: days since contact,
    /// overdue states, the attention queue, the timeline's today marker. Returns true when the
    /// day changed (the screen needs a redraw).
    pub fn tick(&mut self) -> bool {
        let now = self.clock.now();
        self.now = now;
        if now.date() == self.today() {
            return false;
        }
        let old = self.today();
        self.doc.set_today(now.date());
        // A timeline left on today follows today; one scrolled elsewhere stays where it is.
        if self.time.anchor == old {
            self.time = TimeView::around_with(self.today(), self.time.days_per_col);
        }
        self.follow_document();
        true
    }

    /// What the event loop does in a quiet moment (no key for a while): reads the clock, takes
    /// in finished saves and looks at the file. True when anything shown changed, e.g. "unsaved" leaving the
    /// header once the save is done.
    pub fn quiet_tick(&mut self) -> bool {
        let before = (self.status.clone(), self.unsaved(), self.save_error());
        let day = self.tick();
        let synced = self.poll_sync() | self.poll_inbox() | self.poll_news();
        let saves = self.poll_saves();
        let disk = self.check_disk();
        day || synced
            || saves
            || disk
            || before != (self.status.clone(), self.unsaved(), self.save_error())
    }

    /// Tells the app the terminal's size (before the first frame and on every resize).
    pub fn resize(&mut self, width: u16, height: u16) {
        self.screen = Screen::compute(Rect::new(0, 0, width, height), self.focus);
        for pane in Pane::ALL {
            let (len, h) = (self.pane_len(pane), self.screen.list_height(pane));
            self.cursors[pane as usize].reveal(len, h);
        }
        // Details anywhere on the stack (under help too) are wrapped for the new width.
        let width = wrap_width(self.screen.area);
        for overlay in self.stack_mut() {
            if let Overlay::Detail(view) = overlay {
                view.rewrap(width);
            }
        }
    }

    /// The context keys are resolved in.
    pub fn context(&self) -> Context {
        match &self.overlay {
            None => Context::Dashboard,
            Some(overlay) => overlay.context(),
        }
    }

    pub fn set_status(&mut self, level: Level, text: impl Into<String>) {
        self.messages.context = None;
        let text = text.into();
        self.messages.push(self.now, level, &text);
        self.status = Some(Status { level, text });
    }

    /// The selected partner's position in `ws.partners`.
    pub fn selected_partner_index(&self) -> Option<usize> {
        self.pane_rows(Pane::Partners)
            .get(self.cursors[Pane::Partners as usize].selected)
            .map(|i| *i as usize)
    }

    pub fn selected_partner(&self) -> Option<&Partner> {
        self.selected_partner_index()
            .map(|i| &self.ws().partners[i])
    }

    fn partner_rows(&self) -> Option<&PartnerRows> {
        self.selected_partner_index()
            .and_then(|i| self.doc.rows().per_partner.get(i))
    }

    /// The rows of a pane (filtered when a filter is active), as indexes into the workspace
    /// list the pane shows.
    pub fn pane_rows(&self, pane: Pane) -> &[u32] {
        match &self.filters[pane as usize] {
            Some(f) => &f.rows,
            None => self.base_rows(pane),
        }
    }

    /// The rows of a pane before any filter.
    pub fn base_rows(&self, pane: Pane) -> &[u32] {
        match (pane, self.all_partners) {
            (Pane::Partners, _) => &self.doc.rows().partners,
            (Pane::Goals, true) => &self.doc.rows().all_goals,
            (Pane::Timeline, true) => &self.doc.rows().all_milestones,
            (Pane::Log, true) => &self.doc.rows().all_log,
            (Pane::Goals, false) => self.partner_rows().map_or(&[], |r| &r.goals),
            (Pane::Timeline, false) => self.partner_rows().map_or(&[], |r| &r.milestones),
            (Pane::Log, false) => self.partner_rows().map_or(&[], |r| &r.log),
        }
    }

    pub fn pane_len(&self, pane: Pane) -> usize {
        self.pane_rows(pane).len()
    }

    /// The workspace index of the selected row of a pane.
    pub fn selected_row(&self, pane: Pane) -> Option<usize> {
        self.pane_rows(pane)
            .get(self.cursors[pane as usize].selected)
            .map(|i| *i as usize)
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        // The recent messages open over whatever is in front.
        if action == Action::Messages {
            self.toggle_messages();
            return;
        }
        // The top overlay has the keys; with none open, the dashboard.
        match self.overlay {
            Some(_) => self.update_top(action),
            None => self.update_dashboard(action),
        }
    }

    /// The context whose keys the help overlay lists: the one it was opened from.
    pub fn help_context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help(help)) => help.from,
            _ => Context::Dashboard,
        }
    }

    fn update_dashboard(&mut self, action: Action) {
        let pane = self.focus;
        let len = self.pane_len(pane);
        let height = self.screen.list_height(pane);
        let before = self.cursors[Pane::Partners as usize].selected;
        match action {
            Action::Quit => self.ask_quit(),
            Action::Help => self.open_help(),
            Action::Attention => self.open_attention(),
            Action::Overview => self.open_overview(),
            Action::Add
            | Action::Edit
            | Action::Delete
            | Action::LogContact
            | Action::ToggleDone
            | Action::Undo
            | Action::Redo
            | Action::EditProfile
            | Action::GoalStepUp
            | Action::GoalStepDown
            | Action::GoalSetValue => self.update_edit(action),
            Action::Commitments => self.open_records(RecordsKind::Commitments),
            Action::Celebrations => self.open_records(RecordsKind::Celebrations),
            Action::Review => self.start_review(),
            Action::ReviewDue => self.start_due_reviews(),
            Action::Sort
            | Action::MineOnly
            | Action::Snooze
            | Action::SnoozeWeek
            | Action::FieldNext
            | Action::FieldPrev
            | Action::Submit
            | Action::Cancel
            | Action::OpenEditor
            | Action::Complete
            | Action::StepNext
            | Action::StepPrev
            | Action::Yes
            | Action::No
            | Action::SaveElsewhere
            | Action::Discard
            | Action::TakeOurs
            | Action::TakeTheirs
            | Action::ConflictInFull
            | Action::Accept
            | Action::NoteDiscussed
            | Action::Leave
            | Action::MarkKept
            | Action::MarkMissed
            | Action::CursorLeft
            | Action::CursorRight
            | Action::WordLeft
            | Action::WordRight
            | Action::LineStart
            | Action::LineEnd
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::DeleteWordBack
            | Action::DeleteToEnd
            | Action::DeleteLine
            | Action::ChoiceNext
            | Action::ChoicePrev
            | Action::RateUp
            | Action::RateDown
            | Action::Rate1
            | Action::Rate2
            | Action::Rate3
            | Action::Rate4
            | Action::Rate5
            | Action::StepForward
            | Action::StepBack
            | Action::ActionFieldNext
            | Action::ActionFieldPrev
            | Action::RemoveLastAction
            | Action::KeepDraft
            | Action::DiscardReview
            | Action::SkipReview
            | Action::ContinueReview
            // Handled in `update`, over whatever is in front.
            | Action::Messages => {}
            Action::OpenConflicts => self.open_conflicts(),
            Action::Reconcile => self.open_reconcile(),
            Action::Ingest => self.open_inbox(),
            Action::AcceptProposal
            | Action::SkipProposal
            | Action::AcceptPartner
            | Action::Reassign => {}
            Action::Sync => self.start_sync(),
            Action::WhatsNew => self.open_whats_new(),
            Action::Filter => self.start_filter(),
            Action::Palette => self.open_palette(),
            Action::Find => self.open_search(),
            Action::Back => {
                if self.filters[pane as usize].is_some() {
                    self.clear_filter(pane);
                } else if self.all_partners {
                    self.toggle_all_partners();
                } else {
                    self.status = None;
                }
            }
            Action::NextPane => self.set_focus(Pane::ALL[(pane as usize + 1) % 4]),
            Action::PrevPane => self.set_focus(Pane::ALL[(pane as usize + 3) % 4]),
            Action::FocusPartners => self.set_focus(Pane::Partners),
            Action::FocusGoals => self.set_focus(Pane::Goals),
            Action::FocusTimeline => self.set_focus(Pane::Timeline),
            Action::FocusLog => self.set_focus(Pane::Log),
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last => {
                if self.cursors[pane as usize].navigate(action, len, height)
                    && pane == Pane::Timeline
                {
                    self.follow_selected_milestone();
                }
            }
            Action::Open => self.open_detail(),
            Action::ToggleAllPartners => self.toggle_all_partners(),
            Action::TimeEarlier => self.time.scroll(-1, self.timeline_columns()),
            Action::TimeLater => self.time.scroll(1, self.timeline_columns()),
            Action::TimeZoom => self.time.zoom(),
            Action::TimeToday => {
                self.time = TimeView::around_with(self.today(), self.time.days_per_col)
            }
        }
        if pane == Pane::Partners && self.cursors[Pane::Partners as usize].selected != before {
            self.partner_changed();
        }
    }

    pub(crate) fn set_focus(&mut self, pane: Pane) {
        self.focus = pane;
        let (w, h) = (self.screen.area.width, self.screen.area.height);
        self.resize(w, h);
    }

    fn toggle_all_partners(&mut self) {
        self.all_partners = !self.all_partners;
        self.partner_changed();
        self.set_status(
            Level::Info,
            if self.all_partners {
                "Goals, timeline and log show all partners"
            } else {
                "Goals, timeline and log show the selected partner"
            },
        );
    }

    /// Resets the dependent panes after the partner (or the all-partners switch) changed.
    pub(crate) fn partner_changed(&mut self) {
        for pane in [Pane::Goals, Pane::Timeline, Pane::Log] {
            self.refilter(pane);
        }
        self.cursors[Pane::Goals as usize] = Cursor::default();
        self.cursors[Pane::Log as usize] = Cursor::default();
        // The timeline starts at today: the first open milestone from today on, else the first
        // one from today on, else the last one before.
        // The rows are in due-date order (a filter keeps the order): those from today on start
        // at a binary search, not a walk through every partner's milestones.
        let rows = self.pane_rows(Pane::Timeline);
        let (ms, today) = (&self.ws().milestones, self.today());
        let from = rows.partition_point(|i| ms[*i as usize].due < today);
        let first_open = rows[from..]
            .iter()
            .position(|i| ms[*i as usize].done.is_none())
            .map(|at| from + at)
            .unwrap_or(if from < rows.len() {
                from
            } else {
                rows.len().saturating_sub(1)
            });
        let (len, h) = (rows.len(), self.screen.list_height(Pane::Timeline));
        let mut c = Cursor::default();
        c.select(first_open, len, h);
        self.cursors[Pane::Timeline as usize] = c;
        self.time = TimeView::around_with(self.today(), self.time.days_per_col);
        self.follow_selected_milestone();
    }

    /// Columns of the timeline's date axis.
    pub fn timeline_columns(&self) -> u16 {
        self.screen.panes[Pane::Timeline as usize]
            .or(self.screen.panes.iter().flatten().next().copied())
            .map_or(40, |r| r.width.saturating_sub(2))
            .max(1)
    }

    pub(crate) fn follow_selected_milestone(&mut self) {
        if let Some(i) = self.selected_row(Pane::Timeline) {
            let due = self.ws().milestones[i].due;
            let cols = self.timeline_columns();
            self.time.reveal(due, cols);
        }
    }

    /// Opens help over the current view; closing it goes back there.
    pub(crate) fn open_help(&mut self) {
        let from = self.context();
        self.open(Overlay::Help(HelpView::new(from)));
    }

    /// The data.
    pub fn ws(&self) -> &Arc<Workspace> {
        self.doc.ws()
    }

    /// The day the figures are for (the clock's date).
    pub fn today(&self) -> NaiveDate {
        self.doc.today()
    }

    /// Brings the screen up to date after the document changed (its figures followed the
    /// change or were rebuilt): the filters are matched again and the cursors kept in range.
    pub(crate) fn follow_document(&mut self) {
        for pane in Pane::ALL {
            self.refilter(pane);
        }
        // Views narrowed to one member's share find it again.
        let (mut top, mut under) = (self.overlay.take(), std::mem::take(&mut self.under));
        {
            let scene = self.scene();
            for o in top.iter_mut().chain(under.iter_mut()) {
                match o {
                    Overlay::Attention(v) => v.follow(&scene),
                    Overlay::Overview(v) => v.follow(&scene),
                    _ => {}
                }
            }
        }
        (self.overlay, self.under) = (top, under);
        let (w, h) = (self.screen.area.width, self.screen.area.height);
        self.resize(w, h);
    }

    /// Rebuilds every figure from the workspace, and the screen with them.
    pub fn refresh(&mut self) {
        self.doc.refresh();
        self.follow_document();
    }

    /// What an overlay may read while it handles a key (the renderer reads it too): the
    /// document, the keymap, the screen, the time, and the overlay under the top one.
    pub fn scene(&self) -> Scene<'_> {
        Scene {
            doc: &self.doc,
            keymap: &self.keymap,
            screen: &self.screen,
            focus: self.focus,
            now: self.now,
            clock: &*self.clock,
            messages: &self.messages,
            under: self.under.last(),
        }
    }
}

// Selecting on the dashboard: a record found elsewhere, a partner by name.
impl App {
    /// Selects a record on the dashboard: its partner, then the pane and row that show it.
    /// Records without a pane of their own (commitments, reviews, celebrations) open the
    /// partner's details.
    pub fn jump_to(&mut self, partner: crate::model::PartnerId, record: Target) {
        let Some(pos) = self
            .ws()
            .partners
            .binary_search_by_key(&partner, |p| p.id)
            .ok()
        else {
            return;
        };
        if self.all_partners {
            self.all_partners = false;
        }
        let row = self
            .doc
            .rows()
            .partners
            .iter()
            .position(|i| *i as usize == pos);
        let h = self.screen.list_height(Pane::Partners);
        let len = self.doc.rows().partners.len();
        self.cursors[Pane::Partners as usize].select(row.unwrap_or(0), len, h);
        self.partner_changed();
        let (pane, wanted) = match record {
            Target::Goal(id) => (
                Pane::Goals,
                self.ws().goals.binary_search_by_key(&id, |g| g.id).ok(),
            ),
            Target::Milestone(id) => (
                Pane::Timeline,
                self.ws()
                    .milestones
                    .binary_search_by_key(&id, |m| m.id)
                    .ok(),
            ),
            Target::Interaction(id) => (
                Pane::Log,
                self.ws()
                    .interactions
                    .binary_search_by_key(&id, |x| x.id)
                    .ok(),
            ),
            Target::Partner(_) => (Pane::Partners, None),
            Target::Commitment(_) | Target::Review(_) | Target::Celebration(_) => {
                self.set_focus(Pane::Partners);
                self.update(Action::Open);
                return;
            }
        };
        self.set_focus(pane);
        if let Some(wanted) = wanted {
            let rows = self.pane_rows(pane);
            if let Some(row) = rows.iter().position(|i| *i as usize == wanted) {
                let (len, h) = (rows.len(), self.screen.list_height(pane));
                self.cursors[pane as usize].select(row, len, h);
                if pane == Pane::Timeline {
                    self.follow_selected_milestone();
                }
            }
        }
    }

    /// Selects the partner whose name `query` means (the rules of `model::find`), as moving the
    /// cursor there in the partners pane would; an error when none or several match.
    pub fn select_partner_named(&mut self, query: &str) -> Result<(), ShowError> {
        let row = {
            let items: Vec<(usize, &str)> = self
                .doc
                .rows()
                .partners
                .iter()
                .enumerate()
                .map(|(row, &i)| (row, self.ws().partners[i as usize].name.as_str()))
                .collect();
            if items.is_empty() {
                return Err(ShowError::NoPartners);
            }
            crate::model::find::among(query, &items)
                .map_err(ShowError::Partner)?
                .0
        };
        let len = self.doc.rows().partners.len();
        let height = self.screen.list_height(Pane::Partners);
        self.cursors[Pane::Partners as usize].select(row, len, height);
        self.partner_changed();
        Ok(())
    }

    /// Brings a freshly built app to a `width`×`height` screen, the partner matching `partner`
    /// (if given) and `view`, with any matching finished: ready to draw what `partnerdeck
    /// render` prints.
    pub fn show(
        &mut self,
        width: u16,
        height: u16,
        view: View,
        partner: Option<&str>,
    ) -> Result<(), ShowError> {
        if width == 0 || height == 0 {
            return Err(ShowError::NoRoom { width, height });
        }
        self.resize(width, height);
        if let Some(name) = partner {
            self.select_partner_named(name)?;
        }
        if let Some(action) = view.action() {
            self.update(action);
        }
        self.finish_work();
        Ok(())
    }
}
