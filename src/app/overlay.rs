//! What can be open over the dashboard, and what an open overlay asks the app to do after a
//! key. Each overlay's keys are handled in its own file (`help.rs`, `detail.rs`, `views.rs`,
//! `palette.rs`, `records.rs`, `conflicts.rs`, `form_view.rs`, `confirm.rs`, `review.rs`): a
//! handler changes only the overlay's own state, reads the app, and returns an [`Effect`] that
//! `App` carries out (`stack.rs`, which also keeps the overlays on a stack).

use super::{
    Action, Context, Cursor, DetailLine, Form, FormTarget, Level, OverviewSort, Pending, RecordRef,
    RecordsKind, Wrapped, palette, review,
};
use crate::model::{PartnerId, Workspace};

/// What is open over the dashboard.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The keys of the context it was opened from (`from`).
    Help { scroll: usize, from: Context },
    Detail {
        record: RecordRef,
        lines: Vec<DetailLine>,
        /// `lines` wrapped for the screen's width.
        wrapped: Wrapped,
        scroll: usize,
    },
    /// The attention queue (`App::overview.attention`).
    Attention { cursor: Cursor },
    /// The portfolio overview: partner positions in the chosen order.
    Overview {
        cursor: Cursor,
        sort: OverviewSort,
        order: Vec<u32>,
    },
    /// A form for a record. `achieved`: a goal whose last milestone the form celebrates,
    /// offered to be marked achieved when the form closes.
    Form {
        form: Form,
        target: FormTarget,
        achieved: Option<crate::model::GoalId>,
    },
    /// A partner's commitments or celebrations.
    Records {
        kind: RecordsKind,
        partner: PartnerId,
        cursor: Cursor,
    },
    /// A review in progress.
    Review(Box<review::ReviewState>),
    /// The command palette: what was typed, the matching actions.
    Palette {
        input: tui_input::Input,
        matches: Vec<Action>,
        cursor: Cursor,
    },
    /// The global search: what was typed, the hits (best first), the records still to search.
    Search {
        input: tui_input::Input,
        hits: Vec<palette::Hit>,
        cursor: Cursor,
        job: Option<palette::SearchJob>,
    },
    /// The merge conflicts the file holds, to decide one by one.
    Conflicts { cursor: Cursor },
    /// A yes/no question. A form it interrupted stays under it: back on "no" to discarding it,
    /// dropped with the question otherwise.
    Confirm { question: String, pending: Pending },
}

impl Overlay {
    /// The context its keys are resolved in.
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help { .. } => Context::Help,
            Overlay::Detail { .. } => Context::Detail,
            Overlay::Attention { .. } => Context::Attention,
            Overlay::Overview { .. } => Context::Overview,
            Overlay::Form { .. } => Context::Form,
            Overlay::Confirm { .. } => Context::Confirm,
            Overlay::Records { .. } => Context::Records,
            Overlay::Conflicts { .. } => Context::Conflicts,
            Overlay::Review(_) => Context::Review,
            Overlay::Palette { .. } => Context::Palette,
            Overlay::Search { .. } => Context::Search,
        }
    }

    /// Help over this overlay: the keys of its context.
    pub(crate) fn help(&self) -> Overlay {
        Overlay::Help {
            scroll: 0,
            from: self.context(),
        }
    }

    /// Handles a key's action in the overlays that own their handling: changes only its own
    /// state, reads `app`, and says what else is to happen.
    pub(crate) fn update(&mut self, action: Action, app: &super::App) -> Effect {
        match self {
            Overlay::Help { scroll, from } => super::help::update(scroll, *from, action, app),
            Overlay::Detail {
                record,
                lines,
                wrapped,
                scroll,
            } => super::detail::update(*record, lines, wrapped, scroll, action, app),
            Overlay::Attention { .. } | Overlay::Overview { .. } => {
                super::views::update(self, action, app)
            }
            Overlay::Palette { .. } | Overlay::Search { .. } => {
                super::palette::update(self, action, app)
            }
            Overlay::Records {
                kind,
                partner,
                cursor,
            } => super::records::update(*kind, *partner, cursor, action, app),
            Overlay::Conflicts { cursor } => super::conflicts::update(cursor, action, app),
            Overlay::Form {
                form,
                target,
                achieved,
            } => super::form_view::update(form, *target, *achieved, action, app),
            Overlay::Review(state) => super::review::update(state, action, app),
            Overlay::Confirm { question, pending } => {
                super::confirm::update(question, pending, action, app)
            }
        }
    }
}

/// What an overlay asks the app to do after handling a key.
#[derive(Debug)]
pub enum Effect {
    /// Nothing beyond the overlay's own state.
    None,
    /// Close it: the overlay it was opened over comes back.
    Close,
    /// Open another over it.
    Open(Overlay),
    /// Put another in its place.
    Replace(Overlay),
    /// Say something on the status line.
    Status(Level, String),
    /// Close it, select a record on the dashboard, then do `then` there (on that record).
    Jump {
        partner: PartnerId,
        record: crate::insight::RecordRef,
        then: Option<Action>,
    },
    /// Close it, then do an action as if its key was pressed there (the palette).
    Run(Action),
    /// Apply a change to the workspace (undoable, saved), saying `message`; `then` happens
    /// only when the change was applied.
    Apply {
        ws: Box<Workspace>,
        message: String,
        then: Vec<Effect>,
    },
    /// Hand this text to `$EDITOR` (the event loop suspends the terminal for it).
    Editor(String),
    /// Apply what a form built (and close it, when that worked).
    Save {
        built: Box<super::forms::Built>,
        target: FormTarget,
    },
    /// Open the next review of a batch, if any is left.
    NextReview(super::review::Batch),
    /// The answer to the quit question (retry the save, keep a copy, discard, stay).
    AnswerQuit(Action),
    /// The answer to the question about a file changed on disk under an unsaved change.
    ResolveConflict { reapply_ours: bool },
    /// The answer to the offer of an earlier session's emergency copy.
    Recover {
        copy: std::path::PathBuf,
        recover: bool,
    },
    /// Several, in order.
    Several(Vec<Effect>),
}
