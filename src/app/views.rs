//! The two list views over the dashboard: the attention queue (what needs the user now) and the
//! portfolio overview (every partner's health and practices, sortable). `Enter` in either jumps
//! to the record on the dashboard, where the action keys work on it.

use super::{Action, App, Cursor, Level, Overlay, Pane};
use crate::insight::RecordRef as Target;

/// How the overview is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewSort {
    /// Weakest health first.
    Health,
    /// Longest without contact first.
    LastContact,
    Name,
    /// Largest drop in review ratings first.
    Trend,
    /// Largest fall of the health score over the last 90 days first.
    Fall,
}

impl OverviewSort {
    pub fn label(self) -> &'static str {
        match self {
            OverviewSort::Health => "health",
            OverviewSort::LastContact => "last contact",
            OverviewSort::Name => "name",
            OverviewSort::Trend => "review trend",
            OverviewSort::Fall => "fall over 90 days",
        }
    }

    fn next(self) -> Self {
        match self {
            OverviewSort::Health => OverviewSort::LastContact,
            OverviewSort::LastContact => OverviewSort::Name,
            OverviewSort::Name => OverviewSort::Trend,
            OverviewSort::Trend => OverviewSort::Fall,
            OverviewSort::Fall => OverviewSort::Health,
        }
    }
}

impl App {
    /// Rows visible in a full-screen list view.
    pub fn view_height(&self) -> usize {
        self.screen.area.height.saturating_sub(6).max(1) as usize
    }

    pub(super) fn open_attention(&mut self) {
        self.open_view(Overlay::Attention {
            cursor: Cursor::default(),
        });
    }

    /// Opens a list view; from the other list view it takes that one's place (back goes to
    /// the dashboard, not to the other view).
    fn open_view(&mut self, view: Overlay) {
        match self.overlay {
            Some(Overlay::Attention { .. }) | Some(Overlay::Overview { .. }) => self.replace(view),
            _ => self.open(view),
        }
    }

    pub(super) fn open_overview(&mut self) {
        let sort = OverviewSort::Health;
        self.open_view(Overlay::Overview {
            cursor: Cursor::default(),
            sort,
            order: self.overview_order(sort),
        });
    }

    /// Partner positions in the order of `sort`.
    pub fn overview_order(&self, sort: OverviewSort) -> Vec<u32> {
        let mut order = self.rows.partners.clone();
        let key = |i: &u32| self.summary(*i as usize);
        match sort {
            OverviewSort::Name => {}
            OverviewSort::Health => order.sort_by_key(|i| key(i).map_or(0, |s| s.health)),
            OverviewSort::LastContact => {
                order.sort_by_key(|i| std::cmp::Reverse(key(i).map_or(0, |s| s.days_since_contact)))
            }
            OverviewSort::Trend => order.sort_by(|a, b| {
                let t = |i: &u32| key(i).and_then(|s| s.trend).unwrap_or(f64::INFINITY);
                t(a).total_cmp(&t(b))
            }),
            OverviewSort::Fall => {
                order.sort_by_key(|i| std::cmp::Reverse(self.fall(*i as usize).unwrap_or(i16::MIN)))
            }
        }
        order
    }

    pub(super) fn update_view(&mut self, action: Action) {
        let height = self.view_height();
        let len = match &self.overlay {
            Some(Overlay::Attention { .. }) => self.overview.attention.len(),
            Some(Overlay::Overview { order, .. }) => order.len(),
            _ => return,
        };
        match action {
            Action::Back => {
                self.close();
            }
            Action::Help => self.open_help(),
            Action::Attention => self.open_attention(),
            Action::Overview => self.open_overview(),
            Action::Sort => {
                if let Some(Overlay::Overview { sort, .. }) = &self.overlay {
                    let next = sort.next();
                    let order = self.overview_order(next);
                    self.replace(Overlay::Overview {
                        cursor: Cursor::default(),
                        sort: next,
                        order,
                    });
                    self.set_status(Level::Info, format!("Sorted by {}", next.label()));
                }
            }
            Action::Open => self.jump_from_view(),
            Action::Down | Action::Up | Action::PageDown | Action::PageUp => {
                let delta = match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => height as isize,
                    _ => -(height as isize),
                };
                if let Some(c) = self.view_cursor() {
                    c.step(delta, len, height);
                }
            }
            Action::First => {
                if let Some(c) = self.view_cursor() {
                    c.first();
                }
            }
            Action::Last => {
                if let Some(c) = self.view_cursor() {
                    c.last(len, height);
                }
            }
            _ => {}
        }
    }

    fn view_cursor(&mut self) -> Option<&mut Cursor> {
        match &mut self.overlay {
            Some(Overlay::Attention { cursor }) | Some(Overlay::Overview { cursor, .. }) => {
                Some(cursor)
            }
            _ => None,
        }
    }

    fn jump_from_view(&mut self) {
        let target = match &self.overlay {
            Some(Overlay::Attention { cursor }) => self
                .overview
                .attention
                .get(cursor.selected)
                .map(|item| (item.partner, item.record)),
            Some(Overlay::Overview { cursor, order, .. }) => order
                .get(cursor.selected)
                .map(|i| self.ws.partners[*i as usize].id)
                .map(|id| (id, Target::Partner(id))),
            _ => None,
        };
        if let Some((partner, record)) = target {
            self.close();
            self.jump_to(partner, record);
        }
    }

    /// Selects a record on the dashboard: its partner, then the pane and row that show it.
    /// Records without a pane of their own (commitments, reviews, celebrations) open the
    /// partner's details.
    pub fn jump_to(&mut self, partner: crate::model::PartnerId, record: Target) {
        let Some(pos) = self
            .ws
            .partners
            .binary_search_by_key(&partner, |p| p.id)
            .ok()
        else {
            return;
        };
        if self.all_partners {
            self.all_partners = false;
        }
        let row = self.rows.partners.iter().position(|i| *i as usize == pos);
        let h = self.screen.list_height(Pane::Partners);
        let len = self.rows.partners.len();
        self.cursors[Pane::Partners as usize].select(row.unwrap_or(0), len, h);
        self.partner_changed();
        let (pane, wanted) = match record {
            Target::Goal(id) => (
                Pane::Goals,
                self.ws.goals.binary_search_by_key(&id, |g| g.id).ok(),
            ),
            Target::Milestone(id) => (
                Pane::Timeline,
                self.ws.milestones.binary_search_by_key(&id, |m| m.id).ok(),
            ),
            Target::Interaction(id) => (
                Pane::Log,
                self.ws
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
}
