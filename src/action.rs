//! Everything the user can do, as data. Keys map to these through the keymap; the help overlay,
//! the footer and the command palette describe them from here.

use serde::{Deserialize, Serialize};

/// Where an action applies. The keymap resolves a key against the current context only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// The four panes, no overlay open.
    Dashboard,
    /// The help overlay.
    Help,
    /// The detail view of a record.
    Detail,
    /// The attention queue.
    Attention,
    /// The portfolio overview.
    Overview,
    /// A form (every key not bound here is typed into the focused field).
    Form,
    /// A yes/no question.
    Confirm,
    /// A partner's commitments or celebrations.
    Records,
    /// A review in progress (every key not bound here rates or types).
    Review,
    /// Typing a pane filter.
    Filter,
    /// The command palette.
    Palette,
    /// Searching every record.
    Search,
    /// The merge conflicts a `git pull` left in the file.
    Conflicts,
    /// Where a partner's last pack and our records disagree.
    Reconcile,
    /// The review queue of what mail, calendars and contacts propose (`ingest`).
    Ingest,
    /// What teammates changed since this member last looked.
    WhatsNew,
    /// Typing into a text field (form, review, filter, palette, search), below the context of
    /// what is open: cursor motions and deletions; every other character is typed.
    Text,
    /// A choice field of a form, below the form's context.
    Choice,
    /// A rating step of a review, below the review's context.
    Rating,
    /// A review step where nothing is being typed (look back, summary, a rating whose note is
    /// empty): single keys rate and move between steps.
    ReviewIdle,
    /// The actions step of a review, below the review's context.
    ReviewActions,
    /// The question after `Esc` in a review: keep a draft, discard, skip or continue.
    ReviewPrompt,
}

macro_rules! actions {
    ($($variant:ident => $name:literal, $help:literal, [$($ctx:ident),*];)+) => {
        /// A user intent.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action { $($variant),+ }

        impl Action {
            /// Every action, in the order help lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in config files and the palette (snake_case).
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            /// What it does, for help and the footer.
            pub fn help(self) -> &'static str {
                match self { $(Action::$variant => $help),+ }
            }

            /// The contexts where the action applies.
            pub fn contexts(self) -> &'static [Context] {
                match self { $(Action::$variant => &[$(Context::$ctx),*]),+ }
            }

            /// Finds an action by its config name.
            pub fn from_name(name: &str) -> Option<Action> {
                Action::ALL.iter().copied().find(|a| a.name() == name)
            }
        }
    };
}

actions! {
    Quit => "quit", "quit", [Dashboard];
    Help => "help", "show the keys", [Dashboard, Detail, Help, Attention, Overview, Records, Conflicts, Reconcile, Ingest, WhatsNew];
    Back => "back", "close / back", [Help, Detail, Attention, Overview, Records, Dashboard, Conflicts, Reconcile, Ingest, WhatsNew];
    NextPane => "next_pane", "next pane", [Dashboard];
    PrevPane => "prev_pane", "previous pane", [Dashboard];
    FocusPartners => "focus_partners", "partners pane", [Dashboard];
    FocusGoals => "focus_goals", "goals pane", [Dashboard];
    FocusTimeline => "focus_timeline", "timeline pane", [Dashboard];
    FocusLog => "focus_log", "communication log pane", [Dashboard];
    Down => "down", "move down", [Dashboard, Help, Detail, Attention, Overview, Records, Conflicts, Reconcile, Ingest, WhatsNew];
    Up => "up", "move up", [Dashboard, Help, Detail, Attention, Overview, Records, Conflicts, Reconcile, Ingest, WhatsNew];
    First => "first", "first", [Dashboard, Help, Detail, Attention, Overview, Records, Conflicts, Reconcile, Ingest, WhatsNew];
    Last => "last", "last", [Dashboard, Help, Detail, Attention, Overview, Records, Conflicts, Reconcile, Ingest, WhatsNew];
    PageDown => "page_down", "page down", [Dashboard, Help, Detail, Attention, Overview, Records, Conflicts, Reconcile, Ingest, WhatsNew];
    PageUp => "page_up", "page up", [Dashboard, Help, Detail, Attention, Overview, Records, Conflicts, Reconcile, Ingest, WhatsNew];
    Open => "open", "details of the selection; in a list, go to it", [Dashboard, Attention, Overview, Records, WhatsNew];
    ToggleAllPartners => "toggle_all_partners", "goals, timeline and log: selected partner / all", [Dashboard];
    TimeEarlier => "time_earlier", "timeline: earlier", [Dashboard];
    TimeLater => "time_later", "timeline: later", [Dashboard];
    TimeZoom => "time_zoom", "timeline: zoom (days per column)", [Dashboard];
    TimeToday => "time_today", "timeline: back to today", [Dashboard];
    Attention => "attention", "today: what needs attention, most urgent first", [Dashboard, Overview];
    Overview => "overview", "portfolio: health and practices of every partner", [Dashboard, Attention];
    Sort => "sort", "overview: sort by health, last contact, name or trend", [Overview];
    MineOnly => "mine_only", "today and overview: only what is mine (partners I own, follow-ups and commitments assigned to me), then each teammate's, then everyone's", [Attention, Overview];
    Snooze => "snooze", "snooze the selected item until tomorrow (saved; `due` agrees)", [Attention];
    SnoozeWeek => "snooze_week", "snooze the selected item for a week", [Attention];
    Add => "add", "add a record of the focused pane's kind", [Dashboard, Records];
    Edit => "edit", "edit the selection (in details: the record shown)", [Dashboard, Records, Detail, Conflicts, Ingest];
    Delete => "delete", "delete the selection (asks first)", [Dashboard, Records];
    LogContact => "log_contact", "log a contact with the selected partner", [Dashboard, Detail];
    ToggleDone => "toggle_done", "done / not done: milestone (timeline), follow-up (log)", [Dashboard];
    GoalStepUp => "goal_step_up", "goals: the current value one step up", [Dashboard];
    GoalStepDown => "goal_step_down", "goals: the current value one step down", [Dashboard];
    GoalSetValue => "goal_set_value", "goals: type the current value", [Dashboard];
    MarkKept => "mark_kept", "commitments: mark the selected one kept today", [Records];
    MarkMissed => "mark_missed", "commitments: mark the selected one missed today", [Records];
    Undo => "undo", "undo the last change", [Dashboard, Ingest];
    Redo => "redo", "redo", [Dashboard];
    Messages => "messages", "recent messages in full, with their times", [Dashboard, Detail, Help, Attention, Overview, Records, Conflicts, Reconcile, Ingest, WhatsNew];
    EditProfile => "edit_profile", "edit our own profile (values, strengths, needs)", [Dashboard];
    Commitments => "commitments", "the selected partner's commitments, both sides", [Dashboard, Detail];
    Celebrations => "celebrations", "the selected partner's celebrated wins", [Dashboard, Detail];
    Review => "review", "review the selected partner (resumes a kept draft)", [Dashboard, Detail];
    ReviewDue => "review_due", "review every partner whose review is due", [Dashboard];
    StepNext => "step_next", "review: next step", [Review];
    Filter => "filter", "filter the pane (fuzzy; phase: kind: tag: overdue…)", [Dashboard];
    Palette => "palette", "command palette: every action by name", [Dashboard];
    Find => "find", "find anything: partners, contacts, log, notes, reviews…", [Dashboard];
    StepPrev => "step_prev", "review: previous step", [Review];
    FieldNext => "field_next", "form: next field; palette and search: next match", [Form, Palette, Search];
    FieldPrev => "field_prev", "form: previous field; palette and search: previous match", [Form, Palette, Search];
    Submit => "submit", "form: save; review: go on; filter: keep; palette and search: run / go to", [Form, Review, Filter, Palette, Search];
    Cancel => "cancel", "form: cancel (asks when something was typed); review: keep a draft, discard or continue; filter: clear", [Form, Review, Filter, Palette, Search];
    OpenEditor => "open_editor", "form: edit the field in $EDITOR", [Form];
    Complete => "complete", "form: complete the list item from values already used", [Form];
    Yes => "yes", "answer yes", [Confirm];
    No => "no", "answer no", [Confirm];
    Sync => "sync", "share with the team: commit, pull, push", [Dashboard];
    WhatsNew => "whats_new", "what's new: what teammates changed since you last looked", [Dashboard, WhatsNew];
    OpenConflicts => "conflicts", "merge conflicts: decide what a merge could not", [Dashboard];
    Ingest => "ingest", "review what mail, calendars and contacts propose", [Dashboard];
    AcceptProposal => "accept_proposal", "review queue: accept the proposal", [Ingest];
    SkipProposal => "skip_proposal", "review queue: skip the proposal (remembered)", [Ingest];
    AcceptPartner => "accept_partner", "review queue: accept every proposal of this partner", [Ingest];
    Reassign => "reassign", "review queue: give the proposal to another partner (fuzzy pick)", [Ingest];
    TakeOurs => "take_ours", "merge conflict: keep our value", [Conflicts];
    TakeTheirs => "take_theirs", "merge conflict: take their value", [Conflicts];
    ConflictInFull => "conflict_in_full", "merge conflict: both values in full, who made each and when", [Conflicts];
    Reconcile => "reconcile", "their side: the partner's last pack beside our records", [Dashboard, Detail];
    Accept => "accept", "their side: take their value (undoable)", [Reconcile];
    NoteDiscussed => "note_discussed", "their side: note it in the log as discussed with them", [Reconcile];
    Leave => "leave", "their side: leave it as it is, go to the next", [Reconcile];
    SaveElsewhere => "save_elsewhere", "unsaved changes at quit: keep them in a copy (another folder if need be), then quit", [Confirm];
    Discard => "discard", "unsaved changes at quit: quit without them", [Confirm];
    CursorLeft => "cursor_left", "text: cursor one character left", [Text];
    CursorRight => "cursor_right", "text: cursor one character right", [Text];
    WordLeft => "word_left", "text: cursor one word left", [Text];
    WordRight => "word_right", "text: cursor one word right", [Text];
    LineStart => "line_start", "text: cursor to the start", [Text];
    LineEnd => "line_end", "text: cursor to the end", [Text];
    DeleteBack => "delete_back", "text: delete the character before the cursor", [Text];
    DeleteForward => "delete_forward", "text: delete the character under the cursor", [Text];
    DeleteWordBack => "delete_word_back", "text: delete the word before the cursor", [Text];
    DeleteToEnd => "delete_to_end", "text: delete from the cursor to the end", [Text];
    DeleteLine => "delete_line", "text: delete the whole text", [Text];
    ChoiceNext => "choice_next", "form: the next choice", [Choice];
    ChoicePrev => "choice_prev", "form: the previous choice", [Choice];
    RateUp => "rate_up", "review: the rating one up", [Rating];
    RateDown => "rate_down", "review: the rating one down", [Rating];
    Rate1 => "rate_1", "review: rate 1 and go on (the note empty)", [ReviewIdle];
    Rate2 => "rate_2", "review: rate 2 and go on (the note empty)", [ReviewIdle];
    Rate3 => "rate_3", "review: rate 3 and go on (the note empty)", [ReviewIdle];
    Rate4 => "rate_4", "review: rate 4 and go on (the note empty)", [ReviewIdle];
    Rate5 => "rate_5", "review: rate 5 and go on (the note empty)", [ReviewIdle];
    StepForward => "step_forward", "review: next step (look back, a rating with an empty note)", [ReviewIdle];
    StepBack => "step_back", "review: previous step (summary, a rating with an empty note)", [ReviewIdle];
    ActionFieldNext => "action_field_next", "review actions: the action's next field", [ReviewActions];
    ActionFieldPrev => "action_field_prev", "review actions: the action's previous field", [ReviewActions];
    RemoveLastAction => "remove_last_action", "review actions: remove the last planned action", [ReviewActions];
    KeepDraft => "keep_draft", "stopping a review: keep a draft (resumed by review)", [ReviewPrompt];
    DiscardReview => "discard_review", "stopping a review: discard it", [ReviewPrompt];
    SkipReview => "skip_review", "stopping a review of several: skip to the next partner", [ReviewPrompt];
    ContinueReview => "continue_review", "stopping a review: no, continue it", [ReviewPrompt];
}

impl Action {
    /// The rating a rating key gives, 1–5.
    pub fn rating(self) -> Option<u8> {
        match self {
            Action::Rate1 => Some(1),
            Action::Rate2 => Some(2),
            Action::Rate3 => Some(3),
            Action::Rate4 => Some(4),
            Action::Rate5 => Some(5),
            _ => None,
        }
    }

    /// The rating keys, 1 to 5.
    pub const RATINGS: [Action; 5] = [
        Action::Rate1,
        Action::Rate2,
        Action::Rate3,
        Action::Rate4,
        Action::Rate5,
    ];
}
