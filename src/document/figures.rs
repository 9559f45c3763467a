//! Everything derived from a workspace that a change brings up to date: every partner's record
//! positions (the index), the summaries and the attention queue (the overview), the rows each
//! pane shows, and the overview's trends (computed lazily, [`Trends`]).

use super::rows::Rows;
use super::trends::Trends;
use crate::insight::{self, Index, Overview};
use crate::model::{Delta, ListKind, Workspace};
use chrono::NaiveDate;

/// Whether the figures can follow a change: not when our profile changed (every partner's
/// alignment with our values moves) or a partner was removed (every position after it moves
/// in every figure; rebuilding is as quick).
pub(super) fn followable(d: &Delta) -> bool {
    !d.profile && d.list(ListKind::Partners).removed.is_empty()
}

pub struct Figures {
    pub index: Index,
    /// Summaries (aligned with `ws.partners`) and the attention queue.
    pub overview: Overview,
    pub rows: Rows,
    pub trends: Trends,
    /// The day the figures are for (days since contact, overdue states).
    pub today: NaiveDate,
    /// Whether the figures a screen shows (overview, rows, trends) are kept, or the index only
    /// (a command that writes needs the index to check a change, nothing more).
    pub full: bool,
}

impl Figures {
    pub fn build(ws: &Workspace, today: NaiveDate) -> Figures {
        let index = Index::build(ws);
        let overview = insight::overview(ws, &index, today);
        let rows = Rows::build(ws, &index);
        let mut trends = Trends::default();
        trends.reset(ws.partners.len());
        Figures {
            index,
            overview,
            rows,
            trends,
            today,
            full: true,
        }
    }

    /// The index alone (see `full`).
    pub fn index_only(ws: &Workspace, today: NaiveDate) -> Figures {
        Figures {
            index: Index::build(ws),
            overview: Overview::default(),
            rows: Rows::default(),
            trends: Trends::default(),
            today,
            full: false,
        }
    }

    /// The same kind of figures (full or index only), built for `ws` and `today`.
    pub fn rebuilt(&self, ws: &Workspace, today: NaiveDate) -> Figures {
        if self.full {
            Figures::build(ws, today)
        } else {
            Figures::index_only(ws, today)
        }
    }

    /// Brings the figures from `old` to `ws`, which differ by `d`: only the partners whose
    /// records changed are computed again. Gives what [`Figures::build`] gives
    /// (`tests/incremental.rs`).
    pub(super) fn follow(&mut self, old: &Workspace, ws: &Workspace, d: &Delta) {
        let touched = self.index.update(old, ws, d);
        if !self.full {
            return;
        }
        self.rows.update(old, ws, d, &self.index, &touched);
        let partners = d.list(ListKind::Partners);
        // A snooze added or removed changes its partner's attention items only.
        let mut items_touched = std::borrow::Cow::Borrowed(&touched);
        if d.snoozes {
            let (a, b) = (&old.snoozes, &ws.snoozes);
            for s in a.iter().chain(b) {
                if !a.contains(s) || !b.contains(s) {
                    items_touched.to_mut().insert(s.partner);
                }
            }
        }
        self.overview
            .update(ws, &self.index, self.today, partners, &items_touched);
        let positions = touched
            .iter()
            .filter_map(|p| self.index.slots(*p).map(|s| s.partner));
        self.trends.follow(&partners.added, positions);
    }

    /// Computes the next trends for about `budget`; true while some are left.
    pub(super) fn trend_slice(&mut self, ws: &Workspace, budget: std::time::Duration) -> bool {
        self.trends.slice(ws, &self.index, self.today, budget)
    }
}
