//! Bringing an app to one view for a single frame (`partnerdeck render`, tests, benchmarks):
//! which views there are, selecting a partner by name, and the screen size. The drawing itself
//! is the renderer's (`ui::headless`), which only reads the app.

use crate::action::Action;
use crate::model::find::FindError;

/// Why the app could not be brought to the view asked for.
#[derive(Debug, thiserror::Error)]
pub enum ShowError {
    #[error("a {width}×{height} frame has no room to draw in")]
    NoRoom { width: u16, height: u16 },
    #[error("there are no partners to select")]
    NoPartners,
    /// No single partner matches the name: said in one line, as `fuzzy::pick` says it.
    #[error("{}", .0.one_line())]
    Partner(FindError),
}

/// What `partnerdeck render` shows: the dashboard with one pane focused, or a full-screen view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// The dashboard as it opens (the partners pane focused).
    Dashboard,
    Partners,
    Goals,
    Timeline,
    Log,
    /// The attention queue (`t`).
    Attention,
    /// The portfolio overview (`o`).
    Overview,
    /// The keys (`?`).
    Help,
}

impl View {
    /// Every view, in the order `--help` lists them.
    pub const ALL: [View; 8] = [
        View::Dashboard,
        View::Partners,
        View::Goals,
        View::Timeline,
        View::Log,
        View::Attention,
        View::Overview,
        View::Help,
    ];

    /// The action that brings the dashboard to this view (none for the dashboard as it opens).
    pub fn action(self) -> Option<Action> {
        match self {
            View::Dashboard => None,
            View::Partners => Some(Action::FocusPartners),
            View::Goals => Some(Action::FocusGoals),
            View::Timeline => Some(Action::FocusTimeline),
            View::Log => Some(Action::FocusLog),
            View::Attention => Some(Action::Attention),
            View::Overview => Some(Action::Overview),
            View::Help => Some(Action::Help),
        }
    }
}
