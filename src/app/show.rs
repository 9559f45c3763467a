//! Bringing an app to one view for a single frame (`partnerdeck render`, tests, benchmarks):
//! which views there are, selecting a partner by name, and the screen size. The drawing itself
//! is the renderer's (`ui::headless`), which only reads the app.

use super::App;
use super::pane::Pane;
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

impl App {
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
