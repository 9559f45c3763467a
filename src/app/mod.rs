//! The application state and `update(Action)`: selection, focus, overlays, messages. No
//! terminal here: the event loop feeds actions in, the renderer reads the state out. What is
//! open over the dashboard is a stack of overlays (`overlay.rs`, `stack.rs`), each its own type
//! with its own state and keys in its own file; `App` keeps what every view shares.

pub mod clock;
mod confirm;
mod conflicts;
mod cursor;
mod detail;
mod detail_view;
mod disk;
mod edit;
pub mod filter;
mod filter_view;
pub mod form;
mod form_view;
pub mod forms;
pub mod health_chart;
mod help;
pub mod inbox;
pub mod inbox_view;
mod keys;
pub mod layers;
mod layout;
pub mod messages;
mod overlay;
pub mod palette;
pub mod paste;
mod reclaim;
mod records;
mod rescue;
pub mod review;
mod rows;
mod saver;
pub mod show;
mod stack;
mod sync;
mod timeline;
pub mod trends;
mod views;

pub use crate::action::{Action, Context};
pub use clock::{Clock, DayClock, ManualClock, SystemClock};
pub use confirm::{ConfirmView, Pending};
pub use conflicts::ConflictsView;
pub use cursor::Cursor;
pub use detail::{
    DetailLine, LABEL_WIDTH, LineKind, RecordRef, Wrapped, wrap, wrap_text, wrap_width,
};
pub use detail_view::DetailView;
pub use edit::{Change, UNDO_DEPTH};
pub use filter_view::FilterView;
pub use form::{Field, FieldKind, Form};
pub use form_view::FormView;
pub use forms::FormTarget;
pub use help::HelpView;
pub use layout::{
    MIN_HEIGHT, MIN_WIDTH, Screen, detail_rect, help_columns, help_rect, overlay_rect,
};
pub use overlay::{Effect, Overlay};
pub use palette::{PaletteView, SearchView};
pub use records::{RecordsKind, RecordsView};
pub use rescue::Rescue;
pub use rows::{PartnerRows, Rows};
pub use saver::{
    BackgroundSaver, CopyError, DiskWriter, FileSaver, NoSaver, ReadOnly, SaveEvent, Saver,
    background,
};
pub use timeline::TimeView;
pub use views::{AttentionView, OverviewSort, OverviewView};

use crate::insight::{self, Index, Overview, PartnerSummary};
use crate::keymap::Keymap;
use crate::model::{Delta, ListKind, Partner, Workspace};
use chrono::NaiveDate;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::sync::Arc;

/// The four panes of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Partners = 0,
    Goals = 1,
    Timeline = 2,
    Log = 3,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Partners, Pane::Goals, Pane::Timeline, Pane::Log];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Partners => "Partners",
            Pane::Goals => "Goals",
            Pane::Timeline => "Timeline",
            Pane::Log => "Communication log",
        }
    }
}

/// How many records a change may add, remove or change and still be followed ([`App::follow`])
/// rather than everything rebuilt.
pub(crate) const FOLLOW_LIMIT: usize = 512;

/// Whether the figures can follow a change: not when our profile changed (every partner's
/// alignment with our values moves) or a partner was removed (every position after it moves
/// in every figure; rebuilding is as quick).
fn followable(d: &Delta) -> bool {
    !d.profile && d.list(ListKind::Partners).removed.is_empty()
}

/// Everything derived from a workspace that is rebuilt after a change.
pub(crate) struct Derived {
    index: Index,
    overview: Overview,
    rows: Rows,
}

impl Derived {
    pub(crate) fn build(ws: &Workspace, today: NaiveDate) -> Derived {
        let index = Index::build(ws);
        let overview = insight::overview(ws, &index, today);
        let rows = Rows::build(ws, &index);
        Derived {
            index,
            overview,
            rows,
        }
    }
}

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The user's file.
    File(PathBuf),
    /// A scratch copy of the bundled sample (never the user's file).
    Demo(PathBuf),
    /// Nothing on disk (tests, headless rendering).
    Memory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub level: Level,
    pub text: String,
}

pub struct App {
    /// The data. Shared (cheaply) with the background saver and the undo history; a change
    /// builds a new workspace and swaps it in.
    pub ws: Arc<Workspace>,
    /// Every partner's record positions (rebuilt on every change).
    pub index: Index,
    /// Summaries (aligned with `ws.partners`) and the attention queue (rebuilt on every change).
    pub overview: Overview,
    pub rows: Rows,
    pub today: NaiveDate,
    pub source: Source,
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
    /// Every recent status message in full, with its time (the status line may cut one).
    pub messages: messages::Messages,
    /// Where a warning or error was first seen by a key (it goes when that changes).
    pub status_context: Option<Context>,
    pub screen: Screen,
    pub quit: bool,
    /// The current time, for "now" in forms; `today` is its date. Both are read from `clock`
    /// on every key and tick ([`App::tick`]).
    pub now: chrono::NaiveDateTime,
    /// Where the time comes from.
    pub clock: Arc<dyn Clock>,
    /// Where changes are saved.
    pub saver: Box<dyn Saver>,
    pub undo_stack: Vec<Arc<Workspace>>,
    pub redo_stack: Vec<Arc<Workspace>>,
    /// What each change was, by the address of the workspace it made (for undo and redo).
    pub change_names: std::collections::HashMap<usize, String>,
    /// The version last known to be in the file (after load or a save).
    pub disk_base: Arc<Workspace>,
    /// Why changes are not saved (another partnerdeck holds the file, or `--read-only`).
    pub read_only: Option<String>,
    /// The last save failure, until a save succeeds.
    pub save_error: Option<String>,
    /// The user chose to quit without their unsaved changes (after a failed save), or they were
    /// already kept in a copy.
    pub discard_on_quit: bool,
    /// Said on the terminal after the session ends (where a copy went).
    pub exit_message: Option<String>,
    /// A question that appeared on its own (not asked for by a key) ignores keys until this
    /// moment ([`App::handle_key`]): typing that goes on must not answer it.
    pub question_guard: Option<std::time::Instant>,
    /// `Ctrl-c` ended the session: like a signal, anything unsaved (the text of an open form
    /// too) is kept in an emergency copy.
    pub interrupted: bool,
    /// A sync with the team under way (`S`).
    pub sync_job: Option<sync::SyncJob>,
    /// Each pane's filter (`/`).
    pub filters: [Option<filter::PaneFilter>; 4],
    /// The overview's 12-month trends, computed lazily (`trends`).
    pub trends: trends::Trends,
    /// The mail, calendar and contact folders watched, read in the background (`inbox`).
    pub inbox: inbox::Inbox,
}

impl App {
    /// An app saving synchronously where the data came from (tests, scripts).
    pub fn new(ws: Workspace, today: NaiveDate, source: Source) -> App {
        let saver = saver::for_source(&source);
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
        let index = Index::build(&ws);
        let overview = insight::overview(&ws, &index, today);
        let rows = Rows::build(&ws, &index);
        let mut app = App {
            ws: Arc::new(ws),
            index,
            overview,
            rows,
            today,
            source,
            keymap: Keymap::default(),
            focus: Pane::Partners,
            cursors: [Cursor::default(); 4],
            all_partners: false,
            time: TimeView::around(today),
            overlay: None,
            under: Vec::new(),
            status: None,
            messages: messages::Messages::default(),
            status_context: None,
            screen: Screen::compute(Rect::new(0, 0, 120, 40), Pane::Partners),
            quit: false,
            now: today.and_hms_opt(12, 0, 0).unwrap_or_default(),
            clock: Arc::new(ManualClock::at_noon(today)),
            saver,
            undo_stack: Vec::new(),
            redo_stack: Vec::new(),
            change_names: std::collections::HashMap::new(),
            disk_base: Arc::new(Workspace::default()),
            read_only: None,
            save_error: None,
            discard_on_quit: false,
            exit_message: None,
            interrupted: false,
            question_guard: None,
            sync_job: None,
            filters: Default::default(),
            trends: trends::Trends::default(),
            inbox: inbox::Inbox::default(),
        };
        app.disk_base = app.ws.clone();
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
        if now.date() == self.today {
            return false;
        }
        let old = self.today;
        self.today = now.date();
        // A timeline left on today follows today; one scrolled elsewhere stays where it is.
        if self.time.anchor == old {
            self.time = TimeView::around_with(self.today, self.time.days_per_col);
        }
        self.refresh();
        true
    }

    /// What the event loop does in a quiet moment (no key for a while): reads the clock, takes
    /// in finished saves and looks at the file. True when anything shown changed, e.g. "unsaved" leaving the
    /// header once the save is done.
    pub fn quiet_tick(&mut self) -> bool {
        let before = (self.status.clone(), self.unsaved(), self.save_error.clone());
        let day = self.tick();
        let synced = self.poll_sync() | self.poll_inbox();
        let saves = self.poll_saves();
        let disk = self.check_disk();
        day || synced
            || saves
            || disk
            || before != (self.status.clone(), self.unsaved(), self.save_error.clone())
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
        self.status_context = None;
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
        self.selected_partner_index().map(|i| &self.ws.partners[i])
    }

    fn partner_rows(&self) -> Option<&PartnerRows> {
        self.selected_partner_index()
            .and_then(|i| self.rows.per_partner.get(i))
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
            (Pane::Partners, _) => &self.rows.partners,
            (Pane::Goals, true) => &self.rows.all_goals,
            (Pane::Timeline, true) => &self.rows.all_milestones,
            (Pane::Log, true) => &self.rows.all_log,
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
            Action::Ingest => self.open_inbox(),
            Action::AcceptProposal
            | Action::SkipProposal
            | Action::AcceptPartner
            | Action::Reassign => {}
            Action::Sync => self.start_sync(),
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
                self.time = TimeView::around_with(self.today, self.time.days_per_col)
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
        let rows = self.pane_rows(Pane::Timeline);
        let from_today = |i: &u32| self.ws.milestones[*i as usize].due >= self.today;
        let first_open = rows
            .iter()
            .position(|i| from_today(i) && self.ws.milestones[*i as usize].done.is_none())
            .or_else(|| rows.iter().position(from_today))
            .unwrap_or(rows.len().saturating_sub(1));
        let (len, h) = (rows.len(), self.screen.list_height(Pane::Timeline));
        let mut c = Cursor::default();
        c.select(first_open, len, h);
        self.cursors[Pane::Timeline as usize] = c;
        self.time = TimeView::around_with(self.today, self.time.days_per_col);
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
            let due = self.ws.milestones[i].due;
            let cols = self.timeline_columns();
            self.time.reveal(due, cols);
        }
    }

    /// Opens help over the current view; closing it goes back there.
    pub(crate) fn open_help(&mut self) {
        let from = self.context();
        self.open(Overlay::Help(HelpView::new(from)));
    }

    /// Puts `ws` in place of the workspace and brings every derived figure up to date with it:
    /// by following the change (`delta`, from the current workspace to `ws`) when it can be
    /// followed, else by rebuilding. Returns the workspace it replaced.
    pub(crate) fn swap_workspace(
        &mut self,
        ws: Arc<Workspace>,
        delta: Option<Delta>,
    ) -> Arc<Workspace> {
        let old = std::mem::replace(&mut self.ws, ws);
        match delta {
            Some(d) if followable(&d) => self.follow(&old, &d),
            _ => self.refresh(),
        }
        old
    }

    /// Brings the index, the overview, the rows, the trends and the filters from `old` to the
    /// current workspace, which differ by `d`: only the partners whose records changed are
    /// computed again. Gives what [`App::refresh`] gives (`tests/incremental.rs`).
    fn follow(&mut self, old: &Workspace, d: &Delta) {
        let touched = self.index.update(old, &self.ws, d);
        self.rows.update(old, &self.ws, d, &self.index, &touched);
        let partners = d.list(ListKind::Partners);
        // A snooze added or removed changes its partner's attention items only.
        let mut items_touched = std::borrow::Cow::Borrowed(&touched);
        if d.snoozes {
            let (a, b) = (&old.snoozes, &self.ws.snoozes);
            for s in a.iter().chain(b) {
                if !a.contains(s) || !b.contains(s) {
                    items_touched.to_mut().insert(s.partner);
                }
            }
        }
        self.overview
            .update(&self.ws, &self.index, self.today, partners, &items_touched);
        let positions = touched
            .iter()
            .filter_map(|p| self.index.slots(*p).map(|s| s.partner));
        self.trends.follow(&partners.added, positions);
        for pane in Pane::ALL {
            self.refilter(pane);
        }
        let (w, h) = (self.screen.area.width, self.screen.area.height);
        self.resize(w, h);
    }

    /// Replaces the workspace (after a load or change) and rebuilds everything derived from it.
    pub fn set_workspace(&mut self, ws: Workspace) {
        self.ws = Arc::new(ws);
        self.refresh();
    }

    /// Rebuilds the index, the insight overview, the rows and the filters from the workspace.
    pub fn refresh(&mut self) {
        let derived = Derived::build(&self.ws, self.today);
        self.install(derived);
    }

    /// Puts figures derived from the current workspace in place, and brings the filters and the
    /// screen up to date with them.
    fn install(&mut self, derived: Derived) {
        let old = (
            std::mem::replace(&mut self.index, derived.index),
            std::mem::replace(&mut self.overview, derived.overview),
            std::mem::replace(&mut self.rows, derived.rows),
        );
        reclaim::drop_later(old);
        self.trends.reset(self.ws.partners.len());
        for pane in Pane::ALL {
            self.refilter(pane);
        }
        let (w, h) = (self.screen.area.width, self.screen.area.height);
        self.resize(w, h);
    }

    /// The insight summary of the partner at position `i` of `ws.partners`.
    pub fn summary(&self, i: usize) -> Option<&PartnerSummary> {
        let id = self.ws.partners.get(i)?.id;
        match self.overview.summaries.get(i) {
            Some(s) if s.partner == id => Some(s),
            _ => self.overview.summaries.iter().find(|s| s.partner == id),
        }
    }
}
