//! What can be open over the dashboard, and what an open overlay asks the app to do after a
//! key. Each overlay is its own type, defined next to its keys in its own file here (`help.rs`,
//! `detail_view.rs`, `views.rs`, `palette.rs`, `records.rs`, `conflicts.rs`, `reconcile.rs`,
//! `form_view.rs`, `confirm.rs`, `review.rs`, `filter_view.rs`, `messages_view.rs`,
//! `inbox_view.rs`, `whats_new.rs`): it owns its state, reads the [`Scene`] (`scene.rs`) and never the app, and
//! returns an [`Effect`] that `App` carries out (`app/stack.rs`, which also keeps the overlays on
//! a stack). `Overlay` holds the views and the views return `Effect`s that hold overlays: that
//! recursion stays inside this folder.

pub mod confirm;
pub mod conflicts;
pub mod detail_view;
pub mod filter_view;
pub mod form_view;
pub mod help;
pub mod inbox_view;
pub mod messages_view;
pub mod palette;
pub mod reconcile;
pub mod records;
pub mod review;
pub mod scene;
pub mod views;
pub mod whats_new;

use super::forms::FormTarget;
use super::paste::TextEdit;
use super::status::Level;
use crate::action::{Action, Context};
use crate::model::{PartnerId, Workspace};
use confirm::ConfirmView;
use conflicts::ConflictsView;
use detail_view::DetailView;
use filter_view::FilterView;
use form_view::FormView;
use help::HelpView;
use palette::{PaletteView, SearchView};
use records::RecordsView;
use scene::Scene;
use views::{AttentionView, OverviewView};

/// What is open over the dashboard.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The keys of the context it was opened from.
    Help(HelpView),
    /// Every field of a record.
    Detail(DetailView),
    /// The attention queue (`App::overview.attention`).
    Attention(AttentionView),
    /// The portfolio overview: partner positions in the chosen order.
    Overview(OverviewView),
    /// A form for a record.
    Form(FormView),
    /// A partner's commitments or celebrations.
    Records(RecordsView),
    /// A review in progress.
    Review(Box<review::ReviewState>),
    /// The command palette.
    Palette(PaletteView),
    /// The global search.
    Search(SearchView),
    /// The merge conflicts the file holds, to decide one by one.
    Conflicts(ConflictsView),
    /// Where a partner's last pack and our records disagree.
    Reconcile(reconcile::ReconcileView),
    /// A yes/no question.
    Confirm(ConfirmView),
    /// A pane's filter being typed (the dashboard stays in view, the pane's title shows it).
    Filter(FilterView),
    /// The recent status messages in full, with their times (keys as in help).
    Messages(messages_view::MessagesView),
    /// The review queue of what mail, calendars and contacts propose.
    Ingest(Box<inbox_view::IngestView>),
    /// What teammates changed since this member last looked.
    WhatsNew(whats_new::WhatsNewView),
}

impl Overlay {
    /// The context its keys are resolved in.
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help(_) => Context::Help,
            Overlay::Detail(_) => Context::Detail,
            Overlay::Attention(_) => Context::Attention,
            Overlay::Overview(_) => Context::Overview,
            Overlay::Form(_) => Context::Form,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::Records(_) => Context::Records,
            Overlay::Conflicts(_) => Context::Conflicts,
            Overlay::Reconcile(_) => Context::Reconcile,
            Overlay::Review(_) => Context::Review,
            Overlay::Palette(_) => Context::Palette,
            Overlay::Search(_) => Context::Search,
            Overlay::Filter(_) => Context::Filter,
            Overlay::Messages(_) => Context::Help,
            // Choosing another partner is typed as the palette's query is.
            Overlay::Ingest(view) if view.pick.is_some() => Context::Palette,
            Overlay::Ingest(_) => Context::Ingest,
            Overlay::WhatsNew(_) => Context::WhatsNew,
        }
    }

    /// Handles a key's action: the overlay changes only its own state, reads `app`, and says
    /// what else is to happen.
    pub(crate) fn update(&mut self, action: Action, scene: &scene::Scene) -> Effect {
        match self {
            Overlay::Help(view) => view.update(action, scene),
            Overlay::Detail(view) => view.update(action, scene),
            Overlay::Attention(view) => view.update(action, scene),
            Overlay::Overview(view) => view.update(action, scene),
            Overlay::Palette(view) => view.update(action, scene),
            Overlay::Search(view) => view.update(action, scene),
            Overlay::Records(view) => view.update(action, scene),
            Overlay::Conflicts(view) => view.update(action, scene),
            Overlay::Reconcile(view) => view.update(action, scene),
            Overlay::Form(view) => view.update(action, scene),
            Overlay::Review(state) => state.update(action, scene),
            Overlay::Confirm(view) => view.update(action, scene),
            Overlay::Filter(view) => view.update(action, scene),
            Overlay::Messages(view) => view.update(action, scene),
            Overlay::Ingest(view) => view.update(action, scene),
            Overlay::WhatsNew(view) => view.update(action, scene),
        }
    }

    /// Takes a key no binding claimed: the overlays with a text field type it there.
    pub(crate) fn type_key(&mut self, key: crate::keymap::Key, scene: &scene::Scene) -> Effect {
        let typed = super::form::typed_request(key);
        match (self, typed) {
            (Overlay::Form(view), _) => view.type_key(key, scene),
            (Overlay::Review(state), _) => state.type_key(key),
            (Overlay::Palette(view), Some(request)) => view.edit_query(request, scene),
            (Overlay::Search(view), Some(request)) => view.edit_query(request, scene),
            (Overlay::Filter(_), Some(request)) => return Effect::FilterInput(request.into()),
            (Overlay::Ingest(view), _) => return view.type_key(key, scene),
            _ => {}
        }
        Effect::None
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
        change: crate::document::Change,
        then: Vec<Effect>,
    },
    /// Apply what a form built (and close it, when that worked).
    Save {
        built: Box<super::forms::Built>,
        target: FormTarget,
    },
    /// Open the next review of a batch, if any is left.
    NextReview(review::Batch),
    /// Change the filter being typed: a character, a cursor motion, a deletion.
    FilterInput(super::paste::TextEdit),
    /// Keep the filter being typed (an empty one is dropped); the filter overlay closes.
    KeepFilter,
    /// Remove a pane's filter; the filter overlay closes.
    ClearFilter(super::pane::Pane),
    /// The answer to the quit question (retry the save, keep a copy, discard, stay).
    AnswerQuit(Action),
    /// The answer to the question about a file changed on disk under an unsaved change.
    ResolveConflict { reapply_ours: bool },
    /// The answer to the offer of an earlier session's emergency copy.
    Recover {
        copy: std::path::PathBuf,
        recover: bool,
    },
    /// The member has looked at what is new: the version on screen is kept as the one seen.
    Looked,
    /// Several, in order.
    Several(Vec<Effect>),
}

impl Overlay {
    /// Takes pasted (cleaned) text into the focused text field, or says why not.
    pub(crate) fn paste(&mut self, text: &str, scene: &Scene) -> Effect {
        match self {
            Overlay::Form(view) => view.paste(text, scene),
            Overlay::Review(state) => {
                if state.paste(text) {
                    Effect::None
                } else {
                    no_field()
                }
            }
            Overlay::Palette(view) => {
                view.edit_query(TextEdit::Paste(text.to_string()), scene);
                Effect::None
            }
            Overlay::Search(view) => {
                view.edit_query(TextEdit::Paste(text.to_string()), scene);
                Effect::None
            }
            Overlay::Filter(_) => Effect::FilterInput(TextEdit::Paste(text.to_string())),
            _ => no_field(),
        }
    }
}

/// The message for a paste where there is no text field.
pub(crate) fn no_field() -> Effect {
    Effect::Status(
        Level::Warn,
        "Nothing was pasted: there is no text field here (a paste goes only into a text field)"
            .to_string(),
    )
}
